#!/bin/sh
# Polling at scale, each figure a ratio taken in this run on this machine.
# Generated Arabic feeds (30 items, 3 matching) served on loopback hosts with
# an injected latency; `raqib --once` polls them on a fresh database (the
# first poll), then again on the same one (a later poll: all 304), beside
# `curl --parallel` fetching the same URLs under the same limits (the floor).
#
#   wire      1,000 feeds on 100 hosts, 200 ms: stories from a shared wire
#             pool, so one story, headline and text, is in 50 feeds (the
#             realistic corpus)
#   distinct  the same headlines, but each outlet's text gives its own
#             figure: 50 stories under one headline (the worst case)
#   wire-1h   the same on one host (4 transfers at once: per_host)
#   reread    the wire corpus from servers that send no validators (no
#             ETag, no 304), as many do: a later poll reads every feed
#             again, every item of it already known
#   own       1,000 feeds on 100 hosts, 200 ms, every feed its own headlines
#   warm      the wire corpus on one host, no latency, 1,000 and 10,000
#             feeds: a later poll's CPU per feed, at both sizes
#   archive   the cost of the archive: the first poll of the wire corpus
#             (1,000 feeds, 100 hosts, 200 ms) with `archive = yes` and
#             `archive = no`, each on a fresh database; then the same on
#             one host without latency (-warm), where CPU is all there is
#
#   B=build [OLD=other/build] [ROUNDS=3] sh tests/bench/fetch-bench.sh [RUN...]
#                                                 (default: all of them)
#
# With OLD, each run's polls are made ROUNDS (5) times by OLD's raqib and
# B's alternately, each on a fresh database and on the same served corpus,
# the first of each pair swapped from round to round (old, new; new, old;
# ...) so that neither build always follows the other. The report gives
# each build's min and median CPU and their ratio, and the ratio within
# each round (new over old, the two polls made seconds apart): its median
# and its min and max over the rounds. A round's load falls on both polls
# of its pair alike, so the paired ratio moves far less than a CPU figure,
# which the machine's load moves by a quarter from run to run.
set -u
B=${B:-build}
OLD=${OLD:-}
ROUNDS=${ROUNDS:-5}
bin=$B
RUNS=${*:-wire distinct wire-1h reread own warm archive}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/raqib-bench.XXXXXX")
srv=
trap '[ -n "$srv" ] && kill "$srv" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' \
    EXIT INT TERM

# With each command's run-queue wait: on a busy machine raqib, which uses
# the CPU, waits for it where curl does not; the report tells that apart.
measure() { MEASURE_RUNQ=1 /usr/bin/python3 tests/bench/measure.py "$@"; }

# Serve N feeds on H hosts with L ms of latency (MODE -w: wire headlines).
serve() {
	"$B/feed-server" -n "$1" -H "$2" -L "$3" $4 -t 1200 >"$tmp/server.out" &
	srv=$!
	i=0
	while ! grep -qs '^port' "$tmp/server.out" && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	port=$(awk '/^port/ {print $2}' "$tmp/server.out")
	if [ -z "$port" ]; then
		echo "fetch-bench: $B/feed-server did not start (make bench builds it)" >&2
		exit 1
	fi
}

# Stop the server; its request counts go to the results.
unserve() {
	kill -TERM "$srv"
	wait "$srv" 2>/dev/null
	srv=
	awk -v run="$1" '/^requests/ {print run, "server", "requests=" $2, "not_modified=" $4}' \
	    "$tmp/server.out" >>"$tmp/results"
}

# A config polling N feeds on H hosts, its alerts to stdout, and curl's list.
configure() {
	rm -f "$tmp/raqib.db" "$tmp/raqib.db-wal" "$tmp/raqib.db-shm"
	{
		printf '[raqib]\ndatabase = %s/raqib.db\ninterval = 1h\n' "$tmp"
		awk -v n="$1" -v h="$2" -v port="$port" 'BEGIN {
			for (i = 0; i < n; i++)
				printf "[source feed%d]\nurl = http://127.0.0.%d:%s/feed/%d.xml\n",
				    i, i % h + 1, port, i
		}'
		# The bench measures polling, not a desktop.
		sed -n '/^\[topic /,$p' config/raqib.conf |
		    sed 's/^\(\[topic .*\]\)$/\1\nnotify = stdout/'
	} >"$tmp/raqib.conf"
	# Every item alerts when the raqibs measured know catch_up (older ones
	# did so anyway).
	if knows 'catch_up = all'; then
		sed -i 's/^interval = 1h$/interval = 1h\ncatch_up = all/' "$tmp/raqib.conf"
	fi
	awk -v n="$1" -v h="$2" -v port="$port" 'BEGIN {
		for (i = 0; i < n; i++)
			printf "url = \"http://127.0.0.%d:%s/feed/%d.xml\"\noutput = \"/dev/null\"\n",
			    i % h + 1, port, i
	}' >"$tmp/curl.list"
}

# Whether every build measured accepts the [raqib] setting $1.
knows() {
	printf '[raqib]\n%s\n[topic t]\nmatch = x\n' "$1" >"$tmp/probe.conf"
	for b in "$B" $OLD; do
		"$b/raqib" check -c "$tmp/probe.conf" >/dev/null 2>&1 || return 1
	done
}

# One poll by $bin's raqib, measured; the database's counts after it.
poll() {
	measure "$1 $2" "$bin/raqib" --once -q -c "$tmp/raqib.conf" >>"$tmp/results"
	printf '%s db items=%s alerts=%s\n' "$1 $2" \
	    "$(sqlite3 "$tmp/raqib.db" 'SELECT count(*) FROM items')" \
	    "$(sqlite3 "$tmp/raqib.db" 'SELECT count(*) FROM alerts')" >>"$tmp/results"
}

# The floor: curl fetching the same URLs, at most MAX at once.
floor() {
	measure "$1 floor" curl -s --no-progress-meter --parallel --parallel-max "$2" \
	    --parallel-immediate -K "$tmp/curl.list" >>"$tmp/results"
}

# Run "$2 NAME" (polls on fresh databases) by B's raqib; with OLD, ROUNDS
# times by OLD's and B's alternately, NAME then NAME:old:R or NAME:new:R,
# old first in odd rounds and new first in even ones.
each() { # NAME FUNCTION
	if [ -z "$OLD" ]; then
		bin=$B
		"$2" "$1"
		return
	fi
	r=1
	while [ $r -le "$ROUNDS" ]; do
		if [ $((r % 2)) -eq 1 ]; then
			bin=$OLD
			"$2" "$1:old:$r"
		fi
		bin=$B
		"$2" "$1:new:$r"
		if [ $((r % 2)) -eq 0 ]; then
			bin=$OLD
			"$2" "$1:old:$r"
		fi
		r=$((r + 1))
	done
}

# A first poll on a fresh database, then a later one. N H from corpus().
polls() {
	configure "$cn" "$ch"
	poll "$1" first
	poll "$1" later
}

# A corpus: floor, first poll, later poll. NAME N H L MODE FLOOR_MAX
corpus() {
	serve "$2" "$3" "$4" "$5"
	cn=$2 ch=$3
	configure "$2" "$3"
	floor "$1" "$6"
	each "$1" polls
	unserve "$1"
}

# Warm polls at two sizes on one host: the first primes the database.
warm() {
	for n in 1000 10000; do
		serve $n 1 0 -w
		cn=$n ch=1
		each "warm$n" polls
		unserve "warm$n"
	done
}

# The first poll with the archive, then without, each on a fresh database.
archived() { # NAME: archiveSUFFIX
	configure 1000 "$ch"
	poll "$1" first
	configure 1000 "$ch"
	sed -i 's/^interval = 1h$/interval = 1h\narchive = no/' "$tmp/raqib.conf"
	poll "no-$1" first
}

# The first poll with and without the archive, on hosts H with L ms.
archive() { # suffix, hosts, latency
	serve 1000 "$2" "$3" -w
	ch=$2
	each "archive$1" archived
	unserve "archive$1"
}

cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
echo "fetch bench${OLD:+ of $B against $OLD, $ROUNDS rounds}: $(nproc) cores, ${cpu:-unknown CPU}, load $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $RUNS; do
	case $r in
	wire) corpus wire 1000 100 200 -w 128 ;;
	distinct) corpus distinct 1000 100 200 -d 128 ;;
	wire-1h) corpus wire-1h 1000 1 200 -w 4 ;;
	reread) corpus reread 1000 100 200 "-w -u" 128 ;;
	own) corpus own 1000 100 200 "" 128 ;;
	warm) warm ;;
	archive) archive "" 100 200; archive -warm 1 0 ;;
	*) echo "fetch-bench: unknown run $r" >&2; exit 2 ;;
	esac
done
/usr/bin/python3 tests/bench/fetch-report.py "$tmp/results"
