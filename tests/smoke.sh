#!/usr/bin/env bash
# Smoke test in a real window: starts journeymap under Xvfb with a sample
# map, waits for its window, takes a screenshot and fails if the window is
# missing, has the wrong title, or the picture is blank.
#
#   tests/smoke.sh [BINARY] [SCREENSHOT.png]
#
# Needs: xvfb, x11-utils (xwininfo), x11-apps (xwd), netpbm, Mesa GL/EGL.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-target/debug/journeymap}
shot=${2:-target/smoke.png}

work=$(mktemp -d)
display=":$(( 100 + RANDOM % 400 ))"
cleanup() { kill "${app:-}" "${xvfb:-}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >"$work/xvfb.log" 2>&1 & xvfb=$!
for _ in $(seq 50); do xdpyinfo -display "$display" >/dev/null 2>&1 && break; sleep 0.1; done

cp samples/team-gear.ron "$work/team-gear.ron"
mkdir -p -m 700 "$work/runtime"
# A home of its own: no remembered files or window size from elsewhere.
DISPLAY=$display HOME=$work XDG_RUNTIME_DIR="$work/runtime" XDG_DATA_HOME="$work/data" \
    "$binary" "$work/team-gear.ron" >"$work/app.log" 2>&1 & app=$!

title=""
for _ in $(seq 100); do
    if ! kill -0 "$app" 2>/dev/null; then
        echo "smoke: journeymap exited early:" >&2; cat "$work/app.log" >&2; exit 1
    fi
    window=$(xwininfo -display "$display" -root -tree 2>/dev/null | grep '"team-gear.ron — journeymap"' || true)
    title=$(grep -o '"team-gear.ron — journeymap"' <<<"$window" || true)
    [ -n "$title" ] && break
    sleep 0.2
done
if [ -z "$title" ]; then
    echo "smoke: no window titled 'team-gear.ron — journeymap' appeared; windows:" >&2
    xwininfo -display "$display" -root -tree >&2 || true
    cat "$work/app.log" >&2; exit 1
fi
sleep 2 # let the first frames settle

mkdir -p "$(dirname "$shot")"
window_id=$(awk 'NR == 1 { print $1 }' <<<"$window")
xwd -display "$display" -id "$window_id" -silent | xwdtopnm 2>/dev/null | pnmtopng >"$shot"
colours=$(pngtopnm "$shot" | ppmhist -noheader | wc -l)
if [ "$colours" -lt 50 ]; then
    echo "smoke: the screenshot $shot is blank ($colours colours)" >&2; exit 1
fi
echo "smoke: ok: window $title, screenshot $shot with $colours colours"
