# Shared by the real-window test scripts (sourced, not run): a bare X
# desktop (Xvfb and openbox, nothing else), a watchdog, screenshots, and
# waiting for something with a deadline.
#
# The sourcing script sets `test_name` (for its messages) and its EXIT
# trap reports `failed`; it may set `app` to the editor's pid, which
# `wait_until` then checks is still running.

started=$(date +%s%3N) # ms
failed=""

now_ms() { date +%s%3N; }

fail() { # WHY: records why, for the EXIT trap to report, and exits 1
    failed="$*"
    exit 1
}

key() { xdotool key --clearmodifiers "$@"; }
type_text() { xdotool type --clearmodifiers --delay 4 "$1"; }

# stop_processes PID...: asks each to stop, gives each up to 3 s to go
# quietly, then forces it; then reaps them.
stop_processes() {
    for pid in "$@"; do kill "$pid" 2>/dev/null || true; done
    for pid in "$@"; do
        for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    done
    wait 2>/dev/null || true
}

say() {
    local ms=$(($(now_ms) - started))
    printf '%s: [%3d.%01ds] %s\n' "$test_name" $((ms / 1000)) $((ms % 1000 / 100)) "$*"
}

screenshot() { # FILE: the whole screen, best effort
    xwd -root -silent 2>/dev/null | xwdtopnm 2>/dev/null | pnmtopng >"$1" 2>/dev/null || true
}

# wait_until SECONDS WHAT COMMAND...: polls COMMAND every 0.1 s until it
# succeeds; fails with WHAT after SECONDS. Also fails at once if the app
# (`app`, when set) has exited.
wait_until() {
    local seconds=$1 what=$2
    shift 2
    local deadline=$(($(now_ms) + seconds * 1000))
    until "$@" >/dev/null 2>&1; do
        if [ -n "${app:-}" ] && ! kill -0 "$app" 2>/dev/null; then
            fail "journeymap exited while waiting for: $what"
        fi
        if [ "$(now_ms)" -gt "$deadline" ]; then
            fail "timed out after ${seconds}s waiting for: $what"
        fi
        sleep 0.1
    done
}

# start_watchdog: the whole script stops within two minutes (TERM at
# 110 s). The loop (rather than one long sleep) leaves no stray sleep
# behind when the watchdog is killed. Sets `watchdog`.
start_watchdog() {
    local main_pid=$$
    (
        for _ in $(seq 1100); do sleep 0.1; done
        echo "$test_name: the test ran for 110 s; stopping it" >&2
        kill -TERM "$main_pid" 2>/dev/null
    ) &
    watchdog=$!
}

# start_xvfb LOGS: Xvfb on a free display, 1600×1000; exports DISPLAY and
# sets `xvfb`.
start_xvfb() {
    local number=$((100 + RANDOM % 400))
    while [ -e "/tmp/.X$number-lock" ]; do number=$((100 + RANDOM % 400)); done
    export DISPLAY=":$number"
    Xvfb "$DISPLAY" -screen 0 1600x1000x24 -nolisten tcp >"$1/xvfb.log" 2>&1 &
    xvfb=$!
    wait_until 10 "Xvfb on $DISPLAY" xdpyinfo
}

# start_openbox LOGS: the window manager that gives windows the keyboard
# focus; sets `wm`.
start_openbox() {
    openbox --sm-disable >"$1/openbox.log" 2>&1 &
    wm=$!
    wait_until 10 "openbox to manage the screen" xprop -root _NET_SUPPORTING_WM_CHECK
}
