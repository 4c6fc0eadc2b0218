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
# With PAGE_ROWS=N, the HTML page reader's cost instead: callgrind's count
# of instructions for `raqib parse` of a listing page of N rows
# (tests/bench/gen-page.py; 2,000 rows were the measure of stops 31-32),
# and of the news-portal fixture; OLD=DIR/build adds another build's
# counts and the ratio, measured in the same run.
set -eu
B=${B:-build}
MB=${BENCH_MB:-20}
RUNS=${BENCH_RUNS:-5}
feed="$B/bench-feed-$MB.xml"
sloppy="$B/bench-feed-$MB-sloppy.xml"
empty="$B/bench-feed-empty.xml"

# Instructions callgrind counts for `raqib parse` of a page, by a build
# (no --now, which older builds lack: a relative date costs the same).
page_instr() { # raqib, base URL, file
	valgrind --tool=callgrind --callgrind-out-file=/dev/null "$1" parse \
	    --url "$2" "$3" 2>&1 >/dev/null |
	    awk '/Collected :/ { print $NF }'
}

# One page's count by this build, and by OLD's with the ratio.
page_row() { # label, base URL, file
	_n=$(page_instr "$B/raqib" "$2" "$3")
	if [ -n "${OLD:-}" ]; then
		_o=$(page_instr "$OLD/raqib" "$2" "$3")
		awk -v l="$1" -v n="$_n" -v o="$_o" 'BEGIN { printf \
		    "%-28s %15d  old %15d  %.3fx\n", l, n, o, n / o }'
	else
		printf '%-28s %15d\n' "$1" "$_n"
	fi
}

if [ -n "${PAGE_ROWS:-}" ]; then
	page="$B/bench-page-$PAGE_ROWS.html"
	[ -s "$page" ] ||
	    /usr/bin/python3 tests/bench/gen-page.py "$PAGE_ROWS" >"$page"
	echo "instructions of raqib parse (callgrind)"
	page_row "listing, $PAGE_ROWS rows" https://x.example/ "$page"
	page_row "news-portal fixture" https://www.jazeera.example/ \
	    tests/fixtures/pages/news-portal.html
	exit 0
fi

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
