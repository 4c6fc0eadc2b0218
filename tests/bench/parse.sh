#!/bin/sh
# Feed parsing throughput beside libxml2's own streaming floor and beside
# sfeed, all measured in the same run, and peak memory (make bench-parse).
# A deterministic feed of seed-derived items (tests/bench/gen-feed.py, 20 MB
# unless BENCH_MB is set) is read by `xmllint --stream --noout` (the floor:
# libxml2 parsing and nothing else), by `sfeed`, and by raqib's feed_parse
# (build/parse-bench), then feed_parse plus text_normalize of every item's
# title, summary and content; each the best of RUNS runs in CPU time (other
# load on the machine skews none of them). raqib is timed inside its
# process, on a body already read; so from the commands' times their
# start-up, measured the same way on a feed with no items, is taken off.
# Then the same items with a bare
# & and an HTML entity in each (the recovering path), reported the same
# way: libxml2's streaming reader stops at their first error, so their floor
# is the well-formed feed's, and libxml2's own recovering parse
# (`xmllint --recover`, a tree) is shown beside it.
set -eu
B=${B:-build}
MB=${BENCH_MB:-20}
RUNS=${BENCH_RUNS:-5}
feed="$B/bench-feed-$MB.xml"
sloppy="$B/bench-feed-$MB-sloppy.xml"
empty="$B/bench-feed-empty.xml"

[ -s "$feed" ] || /usr/bin/python3 tests/bench/gen-feed.py "$MB" >"$feed"
[ -s "$sloppy" ] ||
    /usr/bin/python3 tests/bench/gen-feed.py "$MB" sloppy >"$sloppy"
printf '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">%s\n' \
    '<channel><title>bench</title></channel></rss>' >"$empty"

# The best CPU seconds of a command reading a file on its standard input,
# less the best of it reading the empty feed (its start-up).
best() { # file, command...
	_f=$1
	shift
	awk -v t="$("$B/parse-bench" exec "$_f" "$RUNS" "$@")" \
	    -v t0="$("$B/parse-bench" exec "$empty" "$RUNS" "$@")" \
	    'BEGIN { printf "%.4f\n", t - t0 }'
}

# Measure raqib and sfeed on one input and print the report. floor: the
# xmllint --stream seconds of these items, and its row's label; one more
# reference row may be given (its label and seconds).
report() { # title, file, floor, floor label, [label, seconds]
	_bytes=$(wc -c <"$2")
	_sf=$(best "$2" sfeed)
	_sfn=$(sfeed <"$2" | wc -l)
	set -- "$1" "$2" "$3" "$4" "${5:-}" "${6:-0}" \
	    $("$B/parse-bench" parse "$2" "$RUNS") \
	    $("$B/parse-bench" normalize "$2" "$RUNS")
	awk -v title="$1" -v floor="$3" -v flabel="$4" -v xlabel="$5" \
	    -v xs="$6" -v bytes="$_bytes" -v sf="$_sf" -v sfn="$_sfn" \
	    -v ps="$7" -v items="$8" -v prss="$9" -v base="${10}" \
	    -v text="${11}" -v ns="${12}" -v nrss="${14}" -v runs="$RUNS" \
	    -f tests/bench/parse-report.awk
}

cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null)
echo "machine: $(nproc) cores, ${cpu:-unknown CPU}, load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
floor=$(best "$feed" xmllint --stream --noout -)
report "well-formed" "$feed" "$floor" "xmllint --stream (floor)"
echo
report "recovering: a bare & and an HTML entity in every item" "$sloppy" \
    "$floor" "floor (the same, well-formed)" "xmllint --recover (tree)" \
    "$(best "$sloppy" xmllint --recover --noout -)"
