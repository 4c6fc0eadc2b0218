#!/bin/sh
# A source whose url holds a login (http://user:password@host/...), on the
# fixture server on 127.0.0.1: the password goes to the server and nowhere
# else. Not in the log (a failure, the "source broken" notice), not in the
# database (health rows, nor the links of items that were relative in the
# feed and resolved against its URL), not in `raqib sources` or
# `raqib history`, nor in what `raqib parse` says of it, or of a feed a
# page advertises with a login. A 401 to it says
# the login was refused, not that raqib sends none.
B=${B:-build}
RAQIB="$(pwd)/$B/raqib"

. tests/lib/tap.sh
. tests/lib/fixtures.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/raqib-login-url.XXXXXX")
trap 'fixtures_stop; [ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
export HOME="$tmp/home"
unset DBUS_SESSION_BUS_ADDRESS

fixtures_serve "$tmp" || { echo "not ok 1 - the fixture server starts"; exit 1; }
pw=Pw-7c1e9a
cat >"$tmp/raqib.conf" <<CONF
[raqib]
database = $tmp/raqib.db
timeout = 10s
catch_up = all
notify_failures = 1
[source feed]
url = http://reader:$pw@127.0.0.1:$FIXTURE_PORT/rss2.xml
[source missing]
url = http://reader:$pw@127.0.0.1:$FIXTURE_PORT/no-such-feed.xml
[source refused]
url = http://reader:$pw@127.0.0.1:$FIXTURE_PORT/status/401
[topic nothing]
match = zzzyyyxxx
CONF
timeout 60 "$RAQIB" -c "$tmp/raqib.conf" --once >"$tmp/once.out" \
    2>"$tmp/once.err"
rc=$?
"$RAQIB" sources -c "$tmp/raqib.conf" >"$tmp/sources.out" 2>&1
"$RAQIB" history -c "$tmp/raqib.conf" >"$tmp/history.out" 2>&1

sql() {
	sqlite3 "$tmp/raqib.db" "$1"
}
check "sources with a login in their url: polled, exit 0" test "$rc" -eq 0
check "... the feed read, its relative links resolved" test \
    "$(sql "SELECT count(*) FROM items WHERE link LIKE 'http://127.0.0.1:%'")" -gt 0
check "... the password in no item's link, health row or other stored text" \
    test "$(sqlite3 "$tmp/raqib.db" .dump | grep -c "$pw")" -eq 0
check "... nor in the log, where the failures and the notice are said" \
    test "$(grep -c "$pw" "$tmp/once.err")" -eq 0
check "... the notice said (the log is where it would leak)" \
    grep -q "Source missing is broken" "$tmp/once.err"
check "... nor in raqib sources or raqib history" \
    test "$(cat "$tmp/sources.out" "$tmp/history.out" | grep -c "$pw")" -eq 0
check "a 401 to a url with a login: the login was refused, check it" \
    test "$(sql "SELECT count(*) FROM sources WHERE name = 'refused' AND
    last_error LIKE '%refused the user name or password in the source''s url%'")" -eq 1
"$RAQIB" parse "http://reader:$pw@127.0.0.1:$FIXTURE_PORT/no-such-feed.xml" \
    >/dev/null 2>"$tmp/parse.err"
check "raqib parse of a url with a login: its error says what failed" \
    grep -q "127.0.0.1:$FIXTURE_PORT/no-such-feed.xml: HTTP status 404" \
    "$tmp/parse.err"
check "... without the login" test "$(grep -c "reader\|$pw" "$tmp/parse.err")" -eq 0
# A page advertising its feed at a URL with a login (the server's words):
# read through it, the login said nowhere.
printf '<html><head><link rel="alternate" type="application/rss+xml" href="http://guest:%s@127.0.0.1:%s/rss2.xml"></head><body></body></html>\n' \
    "$pw" "$FIXTURE_PORT" >"$tmp/www/home.html"
"$RAQIB" parse "http://127.0.0.1:$FIXTURE_PORT/home.html" \
    >"$tmp/home.out" 2>"$tmp/home.err"
check "raqib parse of a page advertising a feed with a login: it is read" \
    grep -q "the page advertises the feed http://127.0.0.1:$FIXTURE_PORT/rss2.xml; reading it" \
    "$tmp/home.err"
check "... its items printed" grep -q '"link":"http://127.0.0.1:' "$tmp/home.out"
check "... without the login" test "$(grep -c "guest\|$pw" "$tmp/home.err")" -eq 0
tap_finish "$tmp"
