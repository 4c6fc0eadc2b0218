#!/bin/sh
# The page reader's cost on a hostile page of stray end tags
# (tests/bench/gen-soup.py), counted in instructions by valgrind's
# callgrind: `raqib parse` of the page at OPS tokens and at four times as
# many. Linear work costs about four times as much on the larger page; a
# step quadratic in the page costs sixteen. Exits 1 when the larger costs
# more than six times the smaller. With OLD, another build's figures too.
#
#   B=build [OLD=other/build] [OPS=30000] sh tests/bench/soup.sh
set -u
B=${B:-build}
OLD=${OLD:-}
OPS=${OPS:-30000}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/raqib-soup.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

command -v valgrind >/dev/null || { echo "soup: needs valgrind" >&2; exit 2; }
python3 tests/bench/gen-soup.py "$OPS" >"$tmp/small.html"
python3 tests/bench/gen-soup.py $((OPS * 4)) >"$tmp/large.html"

# The instructions of `raqib parse` of page $2 by build $1.
count() {
	valgrind --tool=callgrind --callgrind-out-file=/dev/null \
	    "$1/raqib" parse --now 2026-12-06T12:00:00Z \
	    --url https://soup.example/ "$2" 2>&1 >/dev/null |
	    awk '/refs:/ { gsub(",", "", $NF); print $NF }'
}

rc=0
for build in $B $OLD; do
	small=$(count "$build" "$tmp/small.html")
	large=$(count "$build" "$tmp/large.html")
	ratio=$(awk -v s="$small" -v l="$large" 'BEGIN { printf "%.2f", l / s }')
	printf '%s: %d tokens %s instructions, %d tokens %s (%sx)\n' \
	    "$build" "$OPS" "$small" $((OPS * 4)) "$large" "$ratio"
	[ "$build" = "$B" ] && awk -v r="$ratio" 'BEGIN { exit !(r > 6) }' &&
	    rc=1
done
exit $rc
