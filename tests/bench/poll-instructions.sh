#!/bin/sh
# The instructions of one first poll, counted by valgrind's callgrind: a
# figure another machine with the same libraries reproduces, where CPU time
# on a shared machine varies by a third from run to run. fetch-bench.sh's
# corpus (tests/bench/feed-server.c) on H loopback hosts (100) with L ms of
# latency (0), `raqib --once` on a fresh database, archive on and off; with
# OLD, the same for another build, and each figure as a ratio to OLD's in
# this run.
#
#   B=build [OLD=other/build] [MODE=-w|-d] [N=1000] [H=100] [L=0] \
#       [GZIP=1] [LONG=1] [SINK=stdout|desktop] [KEEP=dir] \
#       sh tests/bench/poll-instructions.sh
#
# GZIP=1 has the server send each body gzipped (Content-Encoding: gzip), as
# most news sites do. LONG=1 gives each wire item a link as long as news
# sites write (90 bytes or so), which is its guid too (feed-server -l).
#
# Each count is also printed per stored item (the issue's CPU per new item,
# in instructions). KEEP keeps callgrind's profiles there (DIR/BUILD-on.cg,
# -off.cg) for callgrind_annotate --inclusive=yes.
#
# SINK=desktop sends the alerts to the desktop, as a user's daemon does,
# on a private session bus with python3-dbusmock's notification server
# (tests/lib/bus.sh); stdout, the default, prints them.
#
# MODE -w is the wire corpus (one story in 50 feeds), -d the distinct one
# (each feed's text its own). Under callgrind raqib is about 50 times
# slower: at N much above 1,000 (-w) or 300 (-d) transfers time out and the
# item counts printed fall short of N * 30, which makes runs incomparable.
#
# H=1 with L well above the time a round of 4 feeds takes under callgrind
# (N=200 L=4000) counts what fetch-bench's wire-1h pays: feeds that arrive
# a few at a time, each round stored and committed on its own, where L=0
# has them arrive as fast as raqib takes them.
#
# Named corpora run fetch-bench's three in one call, each at the size
# callgrind takes (the settings above): wire (N=1000 MODE=-w), distinct
# (N=300 MODE=-d), wire-1h (N=200 H=1 L=4000 MODE=-w). With OLD, each is
# the ratio to quote for a change: two runs of one build differ by well
# under 1 % at wire and distinct (4 % at wire-1h, as its rounds fall),
# where the CPU ratios of fetch-bench.sh move by 5 % and more between
# runs of one build on a shared machine.
#
#   B=build [OLD=other/build] sh tests/bench/poll-instructions.sh \
#       wire distinct wire-1h
set -u
if [ $# -gt 0 ]; then
	for corpus in "$@"; do
		case $corpus in
		wire) set -- 1000 100 0 -w ;;
		distinct) set -- 300 100 0 -d ;;
		wire-1h) set -- 200 1 4000 -w ;;
		*) echo "poll-instructions: unknown corpus $corpus" >&2; exit 2 ;;
		esac
		echo "== $corpus"
		N=$1 H=$2 L=$3 MODE=$4 sh "$0" || exit 1
	done
	exit 0
fi
SINK=${SINK:-stdout}
if [ "$SINK" = desktop ] && [ -z "${RAQIB_BENCH_BUS:-}" ]; then
	RAQIB_BENCH_BUS=1 exec dbus-run-session \
	    --config-file=tests/lib/session-noservices.conf -- sh "$0" "$@"
fi
B=${B:-build}
OLD=${OLD:-}
MODE=${MODE:--w}
GZIP=${GZIP:-}
LONG=${LONG:-}
N=${N:-1000}
H=${H:-100}
L=${L:-0}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/raqib-instr.XXXXXX")
srv=
notifyd=
trap '[ -n "$srv" ] && kill "$srv" 2>/dev/null; [ -n "$notifyd" ] &&
    bus_stop_notifyd; wait 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM

command -v valgrind >/dev/null || { echo "poll-instructions: needs valgrind" >&2; exit 2; }
if [ "$SINK" = desktop ]; then
	. tests/lib/bus.sh
	notifyd=1
	bus_start_notifyd "$tmp/notify.log" ||
	    { echo "poll-instructions: no notification server" >&2; exit 1; }
fi
"$B/feed-server" -n "$N" -H "$H" -L "$L" "$MODE" ${GZIP:+-z} ${LONG:+-l} -t 3600 >"$tmp/server.out" &
srv=$!
i=0
while ! grep -qs '^port' "$tmp/server.out" && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
port=$(awk '/^port/ {print $2}' "$tmp/server.out")
[ -n "$port" ] || { echo "poll-instructions: $B/feed-server did not start" >&2; exit 1; }

# The instructions of a first poll by build $1 with archive = $2.
count() {
	rm -f "$tmp/raqib.db" "$tmp/raqib.db-wal" "$tmp/raqib.db-shm"
	{
		printf '[raqib]\ndatabase = %s/raqib.db\ninterval = 1h\n' "$tmp"
		printf 'catch_up = all\narchive = %s\n' "$2"
		awk -v n="$N" -v h="$H" -v port="$port" 'BEGIN {
			for (i = 0; i < n; i++)
				printf "[source feed%d]\nurl = http://127.0.0.%d:%s/feed/%d.xml\n",
				    i, i % h + 1, port, i
		}'
		sed -n '/^\[topic /,$p' config/raqib.conf |
		    sed "s/^\(\[topic .*\]\)\$/\1\nnotify = $SINK/"
	} >"$tmp/raqib.conf"
	out=/dev/null
	[ -n "${KEEP:-}" ] && out="$KEEP/$(echo "$1" | tr / _)-$2.cg"
	valgrind --tool=callgrind --callgrind-out-file="$out" \
	    "$1/raqib" --once -q -c "$tmp/raqib.conf" >/dev/null 2>"$tmp/vg.err"
	awk '/Collected :/ {print $4}' "$tmp/vg.err"
	sqlite3 "$tmp/raqib.db" 'SELECT count(*) FROM items' >"$tmp/items"
}

echo "machine: $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' \
    /proc/cpuinfo | head -1), load $(cut -d' ' -f1 /proc/loadavg)"
echo "poll instructions: $N feeds ($MODE${GZIP:+, gzip}${LONG:+, long links}), $H hosts, $L ms, alerts to $SINK, first poll"
for build in "$B" $OLD; do
	on=$(count "$build" yes)
	on_items=$(cat "$tmp/items")
	off=$(count "$build" no)
	off_items=$(cat "$tmp/items")
	printf '%s %s %s %s %s\n' "$build" "$on" "$on_items" "$off" "$off_items" \
	    >>"$tmp/results"
done
awk -v old="$OLD" '
	{ b[NR] = $1; on[NR] = $2; ion[NR] = $3; off[NR] = $4; ioff[NR] = $5 }
	END {
		printf "%-28s %16s %7s %16s %7s %9s %19s\n", "build",
		    "archive on", "items", "archive off", "items", "on/off",
		    "per item on / off"
		for (i = 1; i <= NR; i++)
			printf "%-28s %16.0f %7d %16.0f %7d %8.3fx %9.0f / %7.0f\n",
			    b[i], on[i], ion[i], off[i], ioff[i], on[i] / off[i],
			    on[i] / ion[i], off[i] / ioff[i]
		if (NR == 2)
			printf "%s over %s: %.3fx with the archive, %.3fx without\n",
			    b[1], b[2], on[1] / on[2], off[1] / off[2]
	}' "$tmp/results"
