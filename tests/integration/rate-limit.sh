#!/bin/sh
# A host that answers 429 (too many requests, Retry-After: 120) is asked
# once, not once per source: twenty sources on it, one transfer at a time
# against a host (per_host = 1), and the nineteen that wait behind the
# first are not sent; their health rows say why and how long. A source on
# another host (127.0.0.1 beside localhost, one fixture server) is read.
B=${B:-build}
RAQIB="$(pwd)/$B/raqib"

. tests/lib/tap.sh
. tests/lib/fixtures.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/raqib-rate-limit.XXXXXX")
trap 'fixtures_stop; [ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
export HOME="$tmp/home"
unset DBUS_SESSION_BUS_ADDRESS

fixtures_serve "$tmp" || { echo "not ok 1 - the fixture server starts"; exit 1; }
{
	printf '[raqib]\ndatabase = %s/raqib.db\ntimeout = 10s\n' "$tmp"
	printf 'per_host = 1\n'
	for i in $(seq 1 20); do
		printf '[source busy-%d]\nurl = http://localhost:%s/status/429?%d\n' \
		    "$i" "$FIXTURE_PORT" "$i"
	done
	printf '[source other-host]\nurl = http://127.0.0.1:%s/rss2.xml\n' \
	    "$FIXTURE_PORT"
	printf '[topic nothing]\nmatch = zzzyyyxxx\n'
} >"$tmp/raqib.conf"
timeout 60 "$RAQIB" -c "$tmp/raqib.conf" --once >"$tmp/once.out" \
    2>"$tmp/once.err"
rc=$?

sql() {
	sqlite3 "$tmp/raqib.db" "$1"
}
asked=$(grep -c '^GET /status/429' "$tmp/requests.log")
check "twenty sources on a host that answers 429: exit 0" test "$rc" -eq 0
check "... the host is asked once, not twenty times: $asked" test "$asked" -eq 1
check "... the one asked says 429 and the wait" test "$(sql "SELECT count(*)
    FROM sources WHERE last_error LIKE 'HTTP status 429%the server asks to wait 120 s%'")" -eq 1
check "... the nineteen not asked say why, what to do and the wait" \
    test "$(sql "SELECT count(*) FROM sources WHERE last_error LIKE
    'not asked: the host localhost answered another of raqib''s requests with HTTP status 429%raise the interval%the server asks to wait 1__ s%'")" -eq 19
check "... and a source on another host of the same server is read" \
    test "$(sql "SELECT coalesce(last_error, '') || '|' || failures FROM
    sources WHERE name = 'other-host'")" = "|0"
tap_finish "$tmp"
