#!/usr/bin/env bash
# Real-window test of live co-editing, on loopback: `journeymap serve
# map.ron` hosts a map, two editors started with `--join LINK` open it in
# real windows under Xvfb and openbox, and each adds a stage the way a
# person does (Ctrl+Shift+N, the name typed, Enter) at the same moment,
# after typing their own names when asked:
# first Ctrl+Shift+N in both windows, then both names. Within seconds both
# stages must be in map.ron on disk, written by `serve`, and both windows
# must show both.
#
#   tests/real_window_shared.sh [BINARY] [SCREENSHOT.png]
#
# On failure it prints what went wrong, the windows, the logs and a
# screenshot path, and exits 1. A watchdog stops it at 110 s.
#
# Needs: xvfb, openbox, xdotool, x11-utils, x11-apps, netpbm, Mesa GL/EGL.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-target/debug/journeymap}
shot=${2:-target/real_window_shared.png}
case $binary in /*) ;; *) binary="$PWD/$binary" ;; esac
mkdir -p "$(dirname "$shot")"

work=$(mktemp -d)
logs=$work/.logs
mkdir -p "$logs"
pids=()
test_name=real_window_shared
# shellcheck source=tests/x_desktop.sh
. tests/x_desktop.sh

cleanup() {
    local status=$?
    trap - EXIT TERM INT
    if [ "$status" -ne 0 ]; then
        {
            echo "real_window_shared: FAILED: ${failed:-a command failed (exit $status)}"
            echo "--- windows:"
            for w in $(xdotool search --name journeymap 2>/dev/null); do
                xdotool getwindowname "$w" 2>/dev/null || true
            done
            echo "--- stage names in map.ron:"
            grep -n 'name:' "$work/map.ron" 2>/dev/null | tail -n 12 || echo "(missing)"
            for log in "$logs"/*.log; do
                echo "--- $(basename "$log"):"
                tail -n 20 "$log"
            done
            echo "--- screenshot: $shot"
        } >&2
        screenshot "$shot"
    fi
    # shellcheck disable=SC2086 # the optional pids split on purpose
    stop_processes ${watchdog:-} "${pids[@]}" ${wm:-} ${xvfb:-}
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT
trap 'failed="stopped by a signal (or the 110 s watchdog)"; exit 1' TERM INT
start_watchdog

focus() { # WINDOW
    timeout 10 xdotool windowactivate --sync "$1" || true
    timeout 10 xdotool windowfocus --sync "$1" || true
    sleep 0.3
}
title_of() { xdotool getwindowname "$1" 2>/dev/null; }

# --- A bare desktop, and homes of their own.
start_xvfb "$logs"
unset DBUS_SESSION_BUS_ADDRESS
start_openbox "$logs"
for who in host ana ben; do mkdir -p "$work/$who"; done

# --- serve, on loopback only.
cp samples/grocery-trip.ron "$work/map.ron"
HOME=$work/host XDG_DATA_HOME=$work/host "$binary" serve "$work/map.ron" --bind 127.0.0.1 \
    >"$logs/serve.out" 2>"$logs/serve.log" &
pids+=($!)
wait_until 20 "serve to print its join line" grep -q '^join ' "$logs/serve.out"
link=$(sed -n 's/^join //p' "$logs/serve.out" | head -n 1)
say "serve: $link"

# --- Two editors join, side by side.
windows=()
x=0
for who in ana ben; do
    HOME=$work/$who XDG_DATA_HOME=$work/$who "$binary" --join "$link" >"$logs/$who.log" 2>&1 &
    pids+=($!)
    before=${#windows[@]}
    wait_until 30 "$who's window" bash -c '[ "$(xdotool search --onlyvisible --name journeymap | wc -l)" -gt "$1" ]' _ "$before"
    for w in $(xdotool search --onlyvisible --name journeymap); do
        case " ${windows[*]} " in *" $w "*) ;; *) windows+=("$w") ;; esac
    done
    xdotool windowmove "${windows[-1]}" "$x" 0 windowsize "${windows[-1]}" 800 1000 || true
    x=800
done
for w in "${windows[@]}"; do
    wait_until 30 "window $w to show the shared map with everybody in it" \
        bash -c 'xdotool getwindowname "$1" | grep -q "shared, 2 people"' _ "$w"
done
say "both editors joined: $(title_of "${windows[0]}")"

# --- Each is asked their name the first time (presence): type it.
names=(Ana Ben)
for i in 0 1; do
    focus "${windows[$i]}"
    type_text "${names[$i]}"
    key Return
done
sleep 0.5
say "both named themselves"

# --- Both add a stage at the same moment.
focus "${windows[0]}"
key ctrl+shift+n
focus "${windows[1]}"
key ctrl+shift+n
focus "${windows[0]}"
type_text "Stage from Ana"
key Return
focus "${windows[1]}"
type_text "Stage from Ben"
key Return
say "both typed a stage"

wait_until 15 "both stages in map.ron on disk" \
    bash -c 'grep -qF "name: \"Stage from Ana\"," "$1" && grep -qF "name: \"Stage from Ben\"," "$1"' _ "$work/map.ron"
if grep -qF 'name: "New stage"' "$work/map.ron"; then
    fail "map.ron holds a stage still named 'New stage' (a name was lost)"
fi
"$binary" check "$work/map.ron" >"$logs/check.log" 2>&1 ||
    fail "journeymap check rejects map.ron: $(cat "$logs/check.log")"
say "map.ron holds both stages and passes check"
sleep 1
screenshot "$shot"
say "ok: screenshot $shot"
