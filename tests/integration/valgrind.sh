#!/bin/sh
# The end-to-end path under valgrind: a first poll of the sample sources
# (new items, alerts, a desktop delivery attempt) and a second (304s), with
# zero bytes "definitely lost" and no invalid read or write.
B=${B:-build}
case $B in
*asan*) echo "1..0 # SKIP valgrind does not run sanitizer builds"; exit 0 ;;
esac
RAQIB="$(pwd)/$B/raqib"

if [ -z "${RAQIB_VALGRIND_BUS:-}" ]; then
	RAQIB_VALGRIND_BUS=1 exec dbus-run-session \
	    --config-file=tests/lib/session-noservices.conf -- sh "$0" "$@"
fi

. tests/lib/tap.sh
. tests/lib/bus.sh
. tests/lib/fixtures.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/raqib-valgrind.XXXXXX")
trap 'bus_stop_notifyd; fixtures_stop; rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
export HOME="$tmp"

fixtures_serve "$tmp" || { echo "not ok 1 - fixture server starts"; exit 1; }
fixtures_config "$tmp/raqib.conf" "$tmp/raqib.db"
bus_start_notifyd "$tmp/notifyd.log"

# Run raqib --once under valgrind; keep its report in NAME.vg.
vg() { # name
	timeout 300 valgrind --leak-check=full --errors-for-leak-kinds=definite \
	    --error-exitcode=99 --log-file="$tmp/$1.vg" \
	    "$RAQIB" --once -q -c "$tmp/raqib.conf" >/dev/null 2>"$tmp/$1.err"
}

# A valgrind report is clean: no error, nothing definitely lost.
clean() { # name
	grep -q 'ERROR SUMMARY: 0 errors' "$tmp/$1.vg" &&
	    grep -qE 'definitely lost: 0 bytes|no leaks are possible' \
	    "$tmp/$1.vg" && return 0
	grep -E 'Invalid|definitely lost|ERROR SUMMARY' "$tmp/$1.vg" |
	    head -n 20 | sed 's/^/# /'
	return 1
}

vg first
check "first poll under valgrind: exit 0" test $? -eq 0
check "first poll: no invalid access, nothing definitely lost" clean first
check "first poll delivered its notifications" bus_wait_notifications 10 20
vg second
check "second poll under valgrind: exit 0" test $? -eq 0
check "second poll: no invalid access, nothing definitely lost" clean second
tap_status
