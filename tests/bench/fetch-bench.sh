#!/bin/sh
# Fetching at scale: N generated Arabic feeds (30 items, 3 matching) over H
# loopback hosts with an injected latency. Runs `raqib --once` on a fresh
# database, then again on the same one (all 304), and `curl --parallel`
# fetching the same URLs with the same global limit as the fetch-only floor.
#   B=build sh tests/bench/fetch-bench.sh [N] [H] [LATENCY_MS]
set -u
B=${B:-build}
N=${1:-1000}
H=${2:-100}
L=${3:-200}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/raqib-bench.XXXXXX")
trap 'kill "$srv" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM

"$B/feed-server" -n "$N" -H "$H" -L "$L" -t 600 >"$tmp/server.out" &
srv=$!
i=0
while ! grep -q '^port' "$tmp/server.out" && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
port=$(awk '/^port/ {print $2}' "$tmp/server.out")

{
	printf '[raqib]\ndatabase = %s/raqib.db\ninterval = 1h\n' "$tmp"
	i=0
	while [ $i -lt "$N" ]; do
		printf '[source feed%d]\nurl = http://127.0.0.%d:%s/feed/%d.xml\n' \
		    $i $((i % H + 1)) "$port" $i
		i=$((i + 1))
	done
	sed -n '/^\[topic /,$p' config/raqib.conf
} >"$tmp/raqib.conf"
if "$B/raqib" check -c "$tmp/raqib.conf" >/dev/null 2>&1 &&
    printf '[raqib]\ncatch_up = all\n[topic t]\nmatch = x\n' >"$tmp/probe.conf" &&
    "$B/raqib" check -c "$tmp/probe.conf" >/dev/null 2>&1; then
	sed -i 's/^interval = 1h$/interval = 1h\ncatch_up = all/' "$tmp/raqib.conf"
fi

i=0
while [ $i -lt "$N" ]; do
	printf 'url = "http://127.0.0.%d:%s/feed/%d.xml"\noutput = "/dev/null"\n' \
	    $((i % H + 1)) "$port" $i
	i=$((i + 1))
done >"$tmp/curl.list"

measure() { /usr/bin/python3 tests/bench/measure.py "$@"; }
# No notification server: the bench measures polling, not a desktop.
nobus="dbus-run-session --config-file=tests/lib/session-noservices.conf --"

echo "fetch bench: $N feeds, $H hosts, ${L} ms latency, $(nproc) cores"
measure floor curl -s --no-progress-meter --parallel --parallel-max 128 --parallel-immediate \
    -K "$tmp/curl.list" | tee "$tmp/floor"
measure first $nobus "$B/raqib" --once -q -c "$tmp/raqib.conf" | tee "$tmp/first"
alerts1=$(sqlite3 "$tmp/raqib.db" 'SELECT count(*) FROM alerts')
measure second $nobus "$B/raqib" --once -q -c "$tmp/raqib.conf" | tee "$tmp/second"
alerts2=$(sqlite3 "$tmp/raqib.db" 'SELECT count(*) FROM alerts')
kill -TERM "$srv"
wait "$srv" 2>/dev/null
counts=$(grep '^requests' "$tmp/server.out")

/usr/bin/python3 - "$tmp" "$N" "$alerts1" "$alerts2" "$counts" <<'PY'
import sys
tmp, n, a1, a2, counts = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
def get(name):
    f = dict(kv.split("=") for kv in open("%s/%s" % (tmp, name)).read().split()[1:])
    return {k: float(v) for k, v in f.items()}
floor, first, second = get("floor"), get("first"), get("second")
c = counts.split()
print("server: %s requests, %s answered 304" % (c[1], c[3]))
print("%-7s %8s %8s %8s %9s %7s" % ("run", "wall s", "x floor", "cpu s", "peak MiB", "alerts"))
print("%-7s %8.2f %8s %8.2f %9.1f %7s" % ("floor", floor["wall"], "1.00", floor["cpu"], floor["rss_mib"], "-"))
print("%-7s %8.2f %8.2f %8.2f %9.1f %7d" % ("first", first["wall"], first["wall"] / floor["wall"], first["cpu"], first["rss_mib"], a1))
print("%-7s %8.2f %8.2f %8.2f %9.1f %7d" % ("second", second["wall"], second["wall"] / floor["wall"], second["cpu"], second["rss_mib"], a2 - a1))
print("expected alerts on the first poll: %d (3 matching items per feed)" % (3 * n))
PY
