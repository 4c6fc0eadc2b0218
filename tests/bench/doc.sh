#!/bin/sh
# doc_decode throughput (make bench, after bench-parse): a generated 20 MB
# feed (BENCH_MB) in UTF-8, the same in windows-1256, declared and then
# claiming UTF-8 (so detected), each beside memcpy, iconv(3) into a new
# buffer and `iconv -f windows-1256 -t utf-8` of the same bytes in the same
# run (the command writes through a small buffer to /dev/null: the floor
# of the conversion alone). CPU seconds, best of RUNS runs.
set -eu
B=${B:-build}
MB=${BENCH_MB:-20}
RUNS=${BENCH_RUNS:-5}
utf8="$B/bench-feed-$MB.xml"
cp1256="$B/bench-feed-$MB-cp1256.xml"
lie="$B/bench-feed-$MB-cp1256-lie.xml"

[ -s "$utf8" ] || /usr/bin/python3 tests/bench/gen-feed.py "$MB" >"$utf8"
[ -s "$cp1256" ] || sed 's/encoding="UTF-8"/encoding="windows-1256"/' \
    "$utf8" | iconv -c -f UTF-8 -t WINDOWS-1256 >"$cp1256"
[ -s "$lie" ] || sed 's/encoding="windows-1256"/encoding="utf-8"/' \
    "$cp1256" >"$lie"

cli=$("$B/parse-bench" exec "$cp1256" "$RUNS" iconv -f windows-1256 -t utf-8)
for f in "$utf8" "$cp1256" "$lie"; do
	"$B/doc-bench" "$f" "$RUNS"
done | awk -v cli="$cli" '{
	name = $3 == "detected" ? "windows-1256 claiming UTF-8" : $2
	vs = $2 == "UTF-8" ? "" : sprintf(", %.2fx iconv -f windows-1256", $4 / cli)
	printf "%-28s %5.1f MB: doc_decode %.3f s (%s), %6.1f MB/s, " \
	    "%5.1fx memcpy, %5.2fx iconv(3)%s\n", name, $1 / 1048576, $4, $3,
	    $1 / 1048576 / $4, $4 / $5, ($6 > 0 ? $4 / $6 : 0), vs
}'
