#!/bin/sh
# A large flood (a hostile feed of many matching items), with real parts:
# one source on 127.0.0.1 gives FLOOD_ITEMS matching items at once, another
# 300 (more than `burst`, fewer than a flood's cut), a quiet one 3; the
# topic goes to an exec sink. `raqib --once` must end well within its
# timeout with one summary for the flood (its first 500 alerts), one for
# the middling source (all 300), the quiet source's alerts one by one, and
# every alert recorded as delivered. Before, a flood went out as one
# summary per 1,000 alerts, each round rereading every pending alert. A
# dry run of it first runs no sink and leaves no alert in flight.
B=${B:-build}
RAQIB="$(cd "$B" && pwd)/raqib"
FLOOD=${FLOOD_ITEMS:-20000}
LIMIT=${FLOOD_TIMEOUT:-120}

if [ -z "${RAQIB_FLOOD_BUS:-}" ]; then
	RAQIB_FLOOD_BUS=1 exec dbus-run-session \
	    --config-file=tests/lib/session-noservices.conf -- sh "$0" "$@"
fi

. tests/lib/bus.sh
. tests/lib/tap.sh
. tests/lib/fixtures.sh
. tests/lib/feedgen.sh
. tests/lib/alerts.sh
feedgen_start flood-large
db="$tmp/raqib.db"

# The exec sink: a line a run (alerts, sources, title).
cat >"$tmp/sink" <<EOF
#!/bin/sh
printf '%s %s %s\n' "\${RAQIB_COUNT:-1}" "\$RAQIB_SOURCES" "\$RAQIB_TITLE" \\
    >>"$tmp/runs"
EOF
chmod +x "$tmp/sink"

feedgen_conf "$tmp/raqib.conf" "$db" "burst = 5" flood mid quiet
printf 'notify = exec:%s\n' "$tmp/sink" >>"$tmp/raqib.conf"
items() { # prefix, count
	awk -v p="$1" -v n="$2" 'BEGIN { for (i = 1; i <= n; i++)
	    printf "%s%d|http://127.0.0.1/%s/%d|كازاخستان: %s %d|نص\n",
	    p, i, p, i, p, i }'
}
items f "$FLOOD" | feedgen_rss "$tmp/www/flood.xml"
items m 300 | feedgen_rss "$tmp/www/mid.xml"
items q 3 | feedgen_rss "$tmp/www/quiet.xml"

no_line() { # text, file
	! grep -q "$1" "$2"
}

# A dry run first: its summaries run no sink, and each counts as done
# with all its alerts, none left "in flight" for --once to wait on.
timeout "$LIMIT" "$RAQIB" --once --dry-run -c "$tmp/raqib.conf" \
    >/dev/null 2>"$tmp/dry.err"
check "a dry run exits 0" test "$?" -eq 0
check "and leaves no alert in flight" no_line "not delivered" "$tmp/dry.err"
check "and runs no sink" test ! -e "$tmp/runs"

start=$(date +%s)
timeout "$LIMIT" "$RAQIB" --once -c "$tmp/raqib.conf" 2>"$tmp/raqib.err"
rc=$?
took=$(($(date +%s) - start))
echo "# $FLOOD flood alerts: --once took $took s (exit $rc)," \
    "$(wc -l <"$tmp/runs" 2>/dev/null) sink runs"
sed "s/^/# run: /" "$tmp/runs"
check "--once ends within ${LIMIT} s" test "$rc" -eq 0
check "every alert is recorded" alerts_are $((FLOOD + 303))
check "every alert is recorded as delivered" nothing_pending
check "the flood reaches the sink as one summary of its first 500" \
    test "$(grep -c ' flood ' "$tmp/runs")" -eq 1 -a \
    "$(grep -c "^500 flood $FLOOD new stories from flood, the first 500: kazakhstan 500\$" \
    "$tmp/runs")" -eq 1
check "the middling source reaches it as one summary of all 300" \
    test "$(grep -c ' mid ' "$tmp/runs")" -eq 1 -a \
    "$(grep -c '^300 mid 300 new stories from mid' "$tmp/runs")" -eq 1
check "the quiet source's 3 alerts reach it one by one" \
    test "$(grep -c '^1 quiet كازاخستان: q [123]$' \
    "$tmp/runs")" -eq 3
check "the sink ran 5 times in all" test "$(wc -l <"$tmp/runs")" -eq 5
check "the log names the flood and its size" grep -q \
    "flood: source flood has $FLOOD alerts waiting" "$tmp/raqib.err"
check "the middling source is no flood" no_line "flood: source mid" "$tmp/raqib.err"

tap_finish "$tmp"
