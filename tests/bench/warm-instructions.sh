#!/bin/sh
# The instructions of a later poll per feed, counted by valgrind's
# callgrind, at 1,000 and at 10,000 feeds on one host (the issue-15 target:
# the larger within 1.2x of the smaller per feed). fetch-bench.sh's wire
# corpus (tests/bench/feed-server.c) without latency; each size's first
# poll primes a fresh database natively, then the later one (all 304) runs
# under callgrind. Counts do not depend on the machine's load, where CPU
# time on a shared machine varies by a third between runs.
#
#   B=build [OLD=other/build] [SIZES="1000 10000"] [U=1] \
#       sh tests/bench/warm-instructions.sh
#
# With OLD, each size is counted for OLD's raqib too, each build on its own
# server and fresh database, and B's count is given as a ratio to OLD's
# from this run.
#
# U=1 serves no validators (feed-server -u), as many servers do: the later
# poll then reads every body again (all 200, nothing new), which is the
# path a change to how items are looked up, touched or pruned moves, where
# 304s move none of it.
#
# Exits 1 when the target is missed.
set -u
B=${B:-build}
OLD=${OLD:-}
U=${U:-}
got=304
[ -n "$U" ] && got="200, no validators"
SIZES=${SIZES:-1000 10000}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/raqib-warm.XXXXXX")
srv=
trap '[ -n "$srv" ] && kill "$srv" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' \
    EXIT INT TERM

command -v valgrind >/dev/null || { echo "warm-instructions: needs valgrind" >&2; exit 2; }

# Serve N wire feeds on one host, without latency.
serve() {
	"$B/feed-server" -n "$1" -H 1 -L 0 -w ${U:+-u} -t 3600 >"$tmp/server.out" &
	srv=$!
	i=0
	while ! grep -qs '^port' "$tmp/server.out" && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	port=$(awk '/^port/ {print $2}' "$tmp/server.out")
	[ -n "$port" ] || { echo "warm-instructions: $B/feed-server did not start" >&2; exit 1; }
}

# A config polling N feeds on 127.0.0.1, on a fresh database.
configure() {
	rm -f "$tmp/raqib.db" "$tmp/raqib.db-wal" "$tmp/raqib.db-shm"
	{
		printf '[raqib]\ndatabase = %s/raqib.db\ninterval = 1h\n' "$tmp"
		printf 'catch_up = all\n'
		awk -v n="$1" -v port="$port" 'BEGIN {
			for (i = 0; i < n; i++)
				printf "[source feed%d]\nurl = http://127.0.0.1:%s/feed/%d.xml\n",
				    i, port, i
		}'
		sed -n '/^\[topic /,$p' config/raqib.conf |
		    sed 's/^\(\[topic .*\]\)$/\1\nnotify = stdout/'
	} >"$tmp/raqib.conf"
}

echo "machine: $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' \
    /proc/cpuinfo | head -1), load $(cut -d' ' -f1 /proc/loadavg)"
echo "warm instructions: wire corpus, 1 host, 0 ms, a later poll (all $got)"
printf '%-24s %8s %16s %12s %9s\n' build feeds instructions "per feed" \
    "${got%%,*}s"
for n in $SIZES; do
	for build in "$B" $OLD; do
		serve "$n"
		configure "$n"
		"$build/raqib" --once -q -c "$tmp/raqib.conf" >/dev/null
		valgrind --tool=callgrind --callgrind-out-file=/dev/null \
		    "$build/raqib" --once -q -c "$tmp/raqib.conf" >/dev/null \
		    2>"$tmp/vg.err"
		kill -TERM "$srv"
		wait "$srv" 2>/dev/null
		srv=
		ir=$(awk '/Collected :/ {print $4}' "$tmp/vg.err")
		# The later poll's 304s; with U, its 200s (the first poll
		# had n).
		nm=$(awk -v u="$U" -v n="$n" '/^requests/ {
			print u != "" ? $2 - $4 - n : $4 }' "$tmp/server.out")
		awk -v b="$build" -v n="$n" -v ir="$ir" -v nm="$nm" 'BEGIN {
			printf "%-24s %8d %16.0f %12.0f %9s\n", b, n, ir,
			    ir / n, nm }'
		echo "$build $n $ir" >>"$tmp/results"
	done
done
awk -v b="$B" -v old="$OLD" '
    $1 == b { if (nb++ == 0) { n0 = $2; p0 = $3 / $2 }; n1 = $2; p1 = $3 / $2
	mine[$2] = $3 }
    $1 == old { theirs[$2] = $3; sizes[++ns] = $2 }
    END {
	for (i = 1; i <= ns; i++)
		printf "%s over %s at %d feeds: %.3fx\n", b, old, sizes[i],
		    mine[sizes[i]] / theirs[sizes[i]]
	if (nb < 2) exit
	r = p1 / p0
	printf "per feed at %d vs %d: %.3fx (target <= 1.2x)\n%s\n", n1, n0, r,
	    r <= 1.2 ? "target met" : "TARGET NOT MET"
	exit r > 1.2 }' "$tmp/results"
