#!/usr/bin/env bash
# Beyond one room (issue 13 item 8): npm's stock automerge-repo sync server
# carries a journeymap session. `journeymap serve --via` puts a map on the
# server, two headless peers join through it and each add a card at the
# same moment; both must end up with both cards, and so must the file.
#
# usage: tests/sync_server.sh JOURNEYMAP SERVER_DIR
#   JOURNEYMAP  the journeymap binary
#   SERVER_DIR  a folder where `npm install @automerge/automerge-repo-sync-server`
#               was run (.ci/run does this)
# Everything connects over loopback. (The npm server itself listens on every
# interface; it has no option to bind one address.)
set -euo pipefail

bin=$(realpath "$1")
server=$(realpath "$2")/node_modules/@automerge/automerge-repo-sync-server/src/index.js
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

fail() {
    echo "sync_server.sh: $*" >&2
    for log in "$work"/*.log; do echo "--- $log" >&2; cat "$log" >&2; done
    exit 1
}

# A free loopback port: one nobody answers on.
port=
for _ in $(seq 50); do
    candidate=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
        port=$candidate
        break
    fi
done
[ -n "$port" ] || fail "no free port"

# The stock server, with its storage in the scratch folder.
(cd "$work" && PORT=$port DATA_DIR="$work/server-data" exec node "$server") >"$work/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
done
(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || fail "the sync server did not start"

# A map, put on the server by `serve --via`.
"$bin" new --from grocery-trip -o "$work/map.ron" >/dev/null
cards=$("$bin" check "$work/map.ron" | sed -n 's/.*, \([0-9]*\) cards)$/\1/p')
XDG_DATA_HOME="$work/state" "$bin" serve "$work/map.ron" --via "ws://127.0.0.1:$port" \
    >"$work/serve.out" 2>"$work/serve.log" &
pids+=($!)
link=
for _ in $(seq 100); do
    link=$(sed -n 's/^join //p' "$work/serve.out")
    [ -n "$link" ] && break
    sleep 0.1
done
[ -n "$link" ] || fail "serve printed no link"
case "$link" in
    "ws://127.0.0.1:$port/#automerge:"*) ;;
    *) fail "unexpected link: $link" ;;
esac
echo "serving through the npm sync server: $link"

# Two peers add a card each, at once, and wait for each other's.
expect=$((cards + 2))
"$bin" peer "$link" --add-card "Card from peer A" --expect "$expect" >"$work/a.out" 2>"$work/a.log" &
a=$!
"$bin" peer "$link" --add-card "Card from peer B" --expect "$expect" >"$work/b.out" 2>"$work/b.log" &
b=$!
wait "$a" || fail "peer A failed"
wait "$b" || fail "peer B failed"
[ "$(cat "$work/a.out")" = "$expect" ] || fail "peer A has $(cat "$work/a.out") cards, not $expect"
[ "$(cat "$work/b.out")" = "$expect" ] || fail "peer B has $(cat "$work/b.out") cards, not $expect"

# And the file on disk has both, within a few seconds.
for _ in $(seq 100); do
    if grep -q "Card from peer A" "$work/map.ron" && grep -q "Card from peer B" "$work/map.ron"; then
        echo "sync_server.sh: ok, both peers have $expect cards and so has the file"
        exit 0
    fi
    sleep 0.1
done
fail "the file does not have both cards"
