#!/bin/sh
# Retention under churn: SOAK_CYCLES (default 150; `make soak`: 10,000)
# polls of three feeds on 127.0.0.1 that gain a matching item a cycle and
# drop their oldest, with `keep = 2s`, alerts delivered to a
# notification server (python3-dbusmock on a private bus). One pinned item
# stays in a feed throughout. The database file must stay bounded (its size
# curve is printed), the pinned item must alert once and never again, and
# every other item once.
B=${B:-build}
RAQIB="$(pwd)/$B/raqib"
CYCLES=${SOAK_CYCLES:-150}
SAMPLES=12
FEEDS="a b c"
WINDOW=10

if [ -z "${RAQIB_SOAK_BUS:-}" ]; then
	RAQIB_SOAK_BUS=1 exec dbus-run-session \
	    --config-file=tests/lib/session-noservices.conf -- sh "$0" "$@"
fi

. tests/lib/bus.sh
. tests/lib/tap.sh
. tests/lib/fixtures.sh
. tests/lib/feedgen.sh
FIXTURE_TTL=$((CYCLES + 300))
feedgen_start soak
db=$tmp/raqib.db
# shellcheck disable=SC2086
feedgen_conf "$tmp/raqib.conf" "$db" "keep = 2s" $FEEDS

# Bytes of the database file and of its WAL.
size() {
	echo "$(stat -c %s "$db") $(stat -c %s "$db-wal" 2>/dev/null || echo 0)"
}

every=$((CYCLES / SAMPLES))
[ $every -gt 0 ] || every=1
: >"$tmp/curve"
# Each cycle takes at least PACE seconds. keep = 2s holds the items of the
# last 2 to 3 seconds (stamps are whole seconds), so the number remembered
# at rest is set by how many cycles fit in them: at this pace at most 38,
# reached within the curve's first third, which the check compares the
# rest with. Unpaced, a fast machine reached rest only in the later
# thirds, and the file then grew past 1.5x without anything leaking.
PACE=0.08
c=1
while [ $c -le "$CYCLES" ]; do
	sleep "$PACE" &
	pace=$!
	feedgen_window $c
	timeout 60 "$RAQIB" -q -c "$tmp/raqib.conf" --once 2>>"$tmp/raqib.err"
	wait "$pace"
	if [ $((c % every)) -eq 0 ]; then
		set -- $(size)
		echo "$c $1 $2 $(sqlite3 "$db" 'SELECT count(*) FROM items')" \
		    >>"$tmp/curve"
		echo "# cycle $c: database $1 bytes, WAL $2 bytes," \
		    "$(sqlite3 "$db" 'SELECT count(*) FROM items') items"
	fi
	c=$((c + 1))
done

# The largest database size in the curve's first third and in the rest.
early=$(awk -v n="$SAMPLES" 'NR <= n / 3 && $2 > m { m = $2 } END { print m }' "$tmp/curve")
late=$(awk -v n="$SAMPLES" 'NR > n / 3 && $2 > m { m = $2 } END { print m }' "$tmp/curve")
echo "# largest database size: $early bytes early, $late bytes later"
check "the database stays bounded (later at most 1.5x the early size)" \
    test $((late * 2)) -le $((early * 3))
check "the items remembered stay bounded" test \
    "$(sqlite3 "$db" 'SELECT count(*) FROM items')" -le 400
check "the pinned item, always in its feed, alerted once" test \
    "$(sqlite3 "$db" "SELECT count(*) FROM items WHERE key = 'pinned'")" \
    -eq 1
bus_wait_notifications $((1 + CYCLES * 3)) 10
bus_notifications | cut -f3 >"$tmp/got"
check "it was notified exactly once" test \
    "$(grep -c 'الخبر الثابت' "$tmp/got")" -eq 1
check "no item was notified twice" test \
    "$(sort "$tmp/got" | uniq -d | wc -l)" -eq 0
check "every item was notified" test "$(wc -l <"$tmp/got")" -eq \
    $((1 + CYCLES * 3))

tap_status
