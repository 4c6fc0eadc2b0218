#!/bin/sh
# Feed parsing throughput beside sfeed, measured in the same run, and peak
# memory (make bench-parse). A deterministic feed of seed-derived items
# (tests/bench/gen-feed.py, 20 MB unless BENCH_MB is set) is parsed by
# `sfeed < file` and by raqib's feed_parse (build/parse-bench), each the
# best of RUNS runs in CPU time (other load on the machine skews neither);
# then feed_parse plus text_normalize of every item's title, summary and
# content.
set -eu
B=${B:-build}
MB=${BENCH_MB:-20}
RUNS=${BENCH_RUNS:-5}
feed="$B/bench-feed-$MB.xml"

[ -s "$feed" ] || /usr/bin/python3 tests/bench/gen-feed.py "$MB" >"$feed"
bytes=$(wc -c <"$feed")

sf=$("$B/parse-bench" exec "$feed" "$RUNS" sfeed)
sfn=$(sfeed <"$feed" | wc -l)
set -- $("$B/parse-bench" parse "$feed" "$RUNS")
ps=$1 items=$2 prss=$3 base=$4 text=$5
set -- $("$B/parse-bench" normalize "$feed" "$RUNS")
ns=$1 nrss=$3

awk -v bytes="$bytes" -v sf="$sf" -v sfn="$sfn" -v ps="$ps" -v ns="$ns" \
    -v items="$items" -v prss="$prss" -v nrss="$nrss" -v base="$base" \
    -v text="$text" -v runs="$RUNS" '
function row(name, s, n) {
	printf "%-26s %8.3f s %8.1f MB/s %10.0f items/s %6.2fx sfeed\n",
	    name, s, bytes / 1048576 / s, n / s, s / sf
}
BEGIN {
	printf "feed: %.1f MB, %d items (sfeed: %d); CPU seconds, best " \
	    "of %d runs\n", bytes / 1048576, items, sfn, runs
	row("sfeed", sf, sfn)
	row("raqib parse", ps, items)
	row("raqib parse + normalize", ns, items)
	printf "peak RSS: parse %.1f MB, parse + normalize %.1f MB " \
	    "(%.1f MB before parsing: the input and the program)\n",
	    prss / 1024, nrss / 1024, base / 1024
	printf "the items themselves hold %.1f MB of text; the rest of the " \
	    "growth, %.1f MB, is parser state and allocator slack\n",
	    text / 1024, (prss - base - text) / 1024
	printf "targets: parse <= 1.5x sfeed: %s; with normalization <= 3x: %s\n",
	    ps / sf <= 1.5 ? "met" : "NOT met", ns / sf <= 3 ? "met" : "NOT met"
}'
