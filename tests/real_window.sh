#!/usr/bin/env bash
# Real-window test: drives the journeymap binary like a person would, with
# real key presses (xdotool) into a real window under Xvfb and a window
# manager, on a bare Linux desktop: no XDG desktop portal, no zenity and no
# D-Bus session, so Save As shows the editor's own file dialog.
#
#   tests/real_window.sh [BINARY] [SCREENSHOT.png]
#
# 1. opens a copy of samples/team-gear.ron as map.ron;
# 2. adds three stages, each with Ctrl+Shift+N, its name typed fast and
#    Enter, saves with Ctrl+S and checks the file on disk holds the three
#    names exactly (no keystroke lost or misplaced) and the title lost its *;
# 3. Save As (Ctrl+Shift+S) with a full path typed into the in-app dialog,
#    and checks the new file is a valid map with the three stages and the
#    window title names it.
#
# Screenshots: SCREENSHOT.png at the end (or at the failure),
# SCREENSHOT-saved.png after step 2 and SCREENSHOT-save-as.png of the
# dialog with the path typed, before Enter. On failure it prints what went
# wrong, the window list and the app's log, and exits 1. It stops by itself
# within two minutes, whatever happens (a watchdog stops it at 110 s).
#
# Needs: xvfb, openbox, xdotool, x11-utils (xdpyinfo, xprop, xwininfo),
# x11-apps (xwd), netpbm, Mesa GL/EGL.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-target/debug/journeymap}
shot=${2:-target/real_window.png}
shot_saved="${shot%.png}-saved.png"
shot_dialog="${shot%.png}-save-as.png"
case $binary in /*) ;; *) binary="$PWD/$binary" ;; esac
mkdir -p "$(dirname "$shot")"

# $work holds the maps; the home and the logs sit apart from them.
work=$(mktemp -d)
home=$work/.home
logs=$work/.logs
mkdir -p "$logs"
test_name=real_window
# shellcheck source=tests/x_desktop.sh
. tests/x_desktop.sh

windows() {
    echo "--- windows (xwininfo -root -tree, named ones):"
    xwininfo -root -tree 2>&1 | grep -E '^ +0x[0-9a-f]+ "' || echo "(none, or no X server)"
    echo "--- active window: $(xdotool getactivewindow getwindowname 2>/dev/null || echo '(none)')"
}

cleanup() {
    local status=$?
    trap - EXIT TERM INT
    if [ "$status" -ne 0 ]; then
        {
            echo "real_window: FAILED: ${failed:-a command failed (exit $status)}"
            windows
            echo "--- map.ron on disk (stage and lane names):"
            grep -n 'name:' "$work/map.ron" 2>/dev/null || echo "(missing)"
            echo "--- journeymap log:"
            cat "$logs/app.log" 2>/dev/null || true
            echo "--- openbox log:"
            tail -n 20 "$logs/openbox.log" 2>/dev/null || true
            echo "--- end of log; screenshot: $shot"
        } >&2
        screenshot "$shot"
    fi
    # shellcheck disable=SC2086 # the optional pids split on purpose
    stop_processes ${watchdog:-} ${app:-} ${wm:-} ${xvfb:-}
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT
trap 'failed="stopped by a signal (or the 110 s watchdog)"; exit 1' TERM INT

start_watchdog

title_is() { [ "$(xdotool getwindowname "$window" 2>/dev/null)" = "$1" ]; }
file_changed() { [ "$(cksum <"$1")" != "$2" ]; }

# --- 1. A bare X desktop: Xvfb and openbox, nothing else.
start_xvfb "$logs"
mkdir -p -m 700 "$home/runtime"
mkdir -p "$home/config" "$home/data" "$home/cache" "$home/share" "$home/bin" "$work/other"
# A home of its own for everything started from here: no remembered files,
# window size or openbox settings from elsewhere, and no session bus.
unset DBUS_SESSION_BUS_ADDRESS
export HOME=$home XDG_RUNTIME_DIR="$home/runtime" XDG_CONFIG_HOME="$home/config" \
    XDG_DATA_HOME="$home/data" XDG_CACHE_HOME="$home/cache"
start_openbox "$logs"
say "Xvfb $DISPLAY and openbox are up"

cp samples/team-gear.ron "$work/map.ron"
# For the editor only (openbox needs its themes from /usr/share): data
# folders without portals and a PATH without zenity (the editor runs nothing
# from PATH), so the desktop has no native file dialog to offer.
PATH="$home/bin" XDG_DATA_DIRS="$home/share" "$binary" "$work/map.ron" >"$logs/app.log" 2>&1 &
app=$!

# xdotool search matches the title as the X server holds it (WM_NAME, where
# the em dash is not UTF-8), so the pattern leaves the dash out;
# getwindowname below reads the UTF-8 title.
wait_until 30 "a window titled 'map.ron — journeymap'" \
    xdotool search --onlyvisible --name '^map\.ron .+ journeymap$'
window=$(xdotool search --onlyvisible --name '^map\.ron .+ journeymap$' | head -n 1)
say "window $window 'map.ron — journeymap' is up"
timeout 10 xdotool windowactivate --sync "$window" || true
timeout 10 xdotool windowfocus --sync "$window" || true
wait_until 10 "the window to have the keyboard focus" \
    bash -c '[ "$(xdotool getwindowfocus)" = "$1" ] || [ "$(xdotool getactivewindow)" = "$1" ]' _ "$window"
sleep 1 # the first frames, and egui seeing the focus
say "the window has the focus"

# --- 2. Three stages named fast, then Ctrl+S.
names=("Charlie swift keys" "Delta returns" "Echo last words")
for name in "${names[@]}"; do
    key ctrl+shift+n
    type_text "$name"
    key Return
done
say "typed three stage names"
wait_until 10 "the title to show unsaved changes ('*map.ron — journeymap')" \
    title_is "*map.ron — journeymap"
before=$(cksum <"$work/map.ron")
key ctrl+s
wait_until 20 "map.ron to change on disk after Ctrl+S" file_changed "$work/map.ron" "$before"
say "map.ron saved"
wait_until 10 "the title to lose its * after saving" title_is "map.ron — journeymap"
sleep 0.5
screenshot "$shot_saved"

check_stages() { # FILE: the three names, once each, in order, no "New stage"
    local file=$1 last=0 line
    for name in "${names[@]}"; do
        [ "$(grep -cF "name: \"$name\"," "$file")" = 1 ] ||
            fail "$file does not hold 'name: \"$name\",' exactly once"
        line=$(grep -nF "name: \"$name\"," "$file" | cut -d: -f1)
        [ "$line" -gt "$last" ] || fail "$file: stage '$name' is out of order"
        last=$line
    done
    if grep -qF 'name: "New stage"' "$file"; then
        fail "$file holds a stage still named 'New stage' (a name was lost)"
    fi
}
check_stages "$work/map.ron"
say "map.ron holds the three stage names exactly, in order; title has no *"

# --- 3. Save As with a full path typed into the in-app file dialog.
key ctrl+shift+s
sleep 1 # a person waits for the dialog to show
type_text "$work/other/copy.ron"
sleep 0.3
screenshot "$shot_dialog"
key Return
wait_until 20 "$work/other/copy.ron to be written after Save As" test -s "$work/other/copy.ron"
say "copy.ron written"
wait_until 10 "the title 'copy.ron — journeymap'" title_is "copy.ron — journeymap"
# The file appears by rename, whole; still, let the app finish its frame.
sleep 0.5
"$binary" check "$work/other/copy.ron" >"$logs/check.log" 2>&1 ||
    fail "journeymap check rejects copy.ron: $(cat "$logs/check.log")"
check_stages "$work/other/copy.ron"
say "copy.ron is a valid map with the three stages; title 'copy.ron — journeymap'"

screenshot "$shot"
say "ok: screenshots $shot_saved, $shot_dialog and $shot"
