#!/usr/bin/env bash
# Cold start of the real editor: from launching the release binary to its
# first frame on screen, in a real X window (Xvfb, Mesa's OpenGL). With
# JOURNEYMAP_EXIT_AFTER_FIRST_FRAME=1 the editor reports the time from its
# start to the beginning of its second frame, which eframe begins only once
# the first one has been painted and presented, and then closes.
#
#   benches/cold_start.sh [BINARY] [RUNS]
#
# Runs the largest sample and a generated 5,000-card map RUNS times each
# (default 10) after one untimed run, and prints the medians in the
# benchmark's format: `bench cold_start/NAME median VALUE ms` (to the first
# frame) and `bench cold_start_process/NAME median VALUE ms` (the whole
# process, from exec to exit, as timed from outside).
# Needs: xvfb, x11-utils (xdpyinfo).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${2:-10}
if [ -n "${1:-}" ]; then
    binary=$1
else
    # Always build: `cargo bench` leaves a binary with the test scaffolding
    # (the `test-support` feature) here, and this times the product.
    cargo build --release --quiet
    binary=${CARGO_TARGET_DIR:-target}/release/journeymap
fi

work=$(mktemp -d)
display=":$(( 100 + RANDOM % 400 ))"
cleanup() { kill "${xvfb:-}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp >"$work/xvfb.log" 2>&1 & xvfb=$!
for _ in $(seq 50); do xdpyinfo -display "$display" >/dev/null 2>&1 && break; sleep 0.1; done

cp samples/billing-support.ron "$work/billing-support.ron"
cargo run --release --quiet --example generate -- \
    --stages 50 --lanes 10 --cards-per-cell 10 -o "$work/5k.ron" >/dev/null
mkdir -p -m 700 "$work/runtime"

# "FIRST_FRAME_MS PROCESS_MS" for one start; fails if the editor does not exit by itself.
start_once() {
    local file=$1 begin end first
    begin=$(date +%s%N)
    # A home of its own: no remembered files or window size from elsewhere.
    if ! DISPLAY=$display HOME=$work XDG_RUNTIME_DIR="$work/runtime" XDG_DATA_HOME="$work/data" \
        JOURNEYMAP_EXIT_AFTER_FIRST_FRAME=1 timeout 30 "$binary" "$file" >"$work/app.log" 2>&1; then
        echo "cold_start: $binary $file did not exit cleanly:" >&2
        cat "$work/app.log" >&2
        exit 1
    fi
    end=$(date +%s%N)
    first=$(sed -n 's/^journeymap: first frame on screen after \([0-9]*\) ms$/\1/p' "$work/app.log")
    if [ -z "$first" ]; then
        echo "cold_start: $binary did not report its first frame:" >&2
        cat "$work/app.log" >&2
        exit 1
    fi
    echo "$first $(( (end - begin) / 1000000 ))"
}

median() {
    sort -n | awk '{ v[NR] = $1 } END {
        if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

for name in billing-support 5k; do
    start_once "$work/$name.ron" >/dev/null # fills the disk cache
    firsts=() processes=()
    for _ in $(seq "$runs"); do
        read -r first process < <(start_once "$work/$name.ron")
        firsts+=("$first") processes+=("$process")
    done
    echo "cold_start: $name: first frame ${firsts[*]} ms; process ${processes[*]} ms" >&2
    echo "bench cold_start/$name median $(printf '%s\n' "${firsts[@]}" | median) ms"
    echo "bench cold_start_process/$name median $(printf '%s\n' "${processes[@]}" | median) ms"
done
