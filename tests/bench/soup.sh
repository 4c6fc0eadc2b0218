#!/bin/sh
# The page reader's cost on a hostile page of stray end tags
# (tests/bench/gen-soup.py): the CPU seconds of `raqib parse` of the page
# at OPS tokens and at four times as many, the least of three runs each.
# Linear work costs about four times as much on the larger page; a step
# quadratic in the page sixteen. Exits 1 when the larger costs more than
# eight times the smaller. With OLD, another build's figures too.
#
# CPU time, not callgrind's instructions: the step this guards against
# (XPath ordering a node set by walking siblings, before page.c numbered
# the elements) chases pointers across the whole tree, and its cost is
# cache misses: 1.2 times the instructions took 4.6 times the CPU.
#
#   B=build [OLD=other/build] [OPS=60000] sh tests/bench/soup.sh
set -u
B=${B:-build}
OLD=${OLD:-}
OPS=${OPS:-60000}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/raqib-soup.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

python3 tests/bench/gen-soup.py "$OPS" >"$tmp/small.html"
python3 tests/bench/gen-soup.py $((OPS * 4)) >"$tmp/large.html"

# The least CPU seconds of three runs of `raqib parse` of page $2 by build $1.
cpu() {
	for _i in 1 2 3; do
		/usr/bin/time -f '%U %S' -o "$tmp/time" "$1/raqib" parse \
		    --now 2026-12-06T12:00:00Z --url https://soup.example/ \
		    "$2" >/dev/null 2>&1
		awk '{ print $1 + $2 }' "$tmp/time"
	done | sort -n | head -1
}

rc=0
for build in $B $OLD; do
	small=$(cpu "$build" "$tmp/small.html")
	large=$(cpu "$build" "$tmp/large.html")
	ratio=$(awk -v s="$small" -v l="$large" \
	    'BEGIN { printf "%.1f", (s > 0 ? l / s : 0) }')
	printf '%s: %d tokens %s s CPU, %d tokens %s s (%sx)\n' \
	    "$build" "$OPS" "$small" $((OPS * 4)) "$large" "$ratio"
	[ "$build" = "$B" ] && awk -v r="$ratio" 'BEGIN { exit !(r > 8) }' &&
	    rc=1
done
exit $rc
