#!/bin/sh
# A feed whose URL now gives an HTML page (tests/fixture-server on
# 127.0.0.1): one sent for good (301) to the site's home page is read as a
# page and its health row says so, with where it went; one sent to a page
# that advertises a feed is read through that feed and its health row names
# it; one sent to a page with nothing on it fails with those words; a feed
# that turns into a page at its own URL is said to have done so. A source
# that was always a page says nothing. The daemon keeps saying it at later
# polls (the discovered feed polled directly) and logs it once. A 308
# is a permanent move, as a 301: logged once with the hint to update the
# config, and the next poll goes to the new URL; a 307 is not: each poll
# asks the source's URL, and nothing is logged. The 308's health row gives
# the url to set, at each poll, until the config has it; when the new URL
# fails, its failure in the health row and `raqib sources` says where the
# source moved. A source whose url holds a login is remembered as moved
# with it when the new URL is on its server (scheme, host and port), where
# curl sends the login along; never to another host.
B=${B:-build}
RAQIB="$(pwd)/$B/raqib"

. tests/lib/tap.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/raqib-moved.XXXXXX")
trap 'fixtures_stop; [ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config"
export XDG_STATE_HOME="$tmp/home/.local/state"
unset DBUS_SESSION_BUS_ADDRESS

. tests/lib/fixtures.sh
www="$tmp/www"
mkdir -p "$www"

# feed FILE GUID...: an RSS feed of one item per guid.
feed() {
	_f=$1
	shift
	{
		printf '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0">'
		printf '<channel><title>وكالة</title>'
		for _g in "$@"; do
			printf '<item><title>خبر من الوكالة رقم %s</title>' "$_g"
			printf '<link>http://127.0.0.1/n/%s</link><guid>%s</guid></item>' \
			    "$_g" "$_g"
		done
		printf '</channel></rss>'
	} >"$_f"
}

# page FILE [FEED]: a home page of headlines, advertising FEED if given.
page() {
	{
		printf '<!doctype html><html><head><title>الرئيسية</title>'
		[ -n "${2:-}" ] && printf '<link rel="alternate" type="application/rss+xml" href="%s">' "$2"
		printf '</head><body>'
		for _i in 1 2 3 4; do
			printf '<article><h2><a href="/news/%s">عنوان الخبر رقم %s على الصفحة الرئيسية</a></h2></article>' \
			    "$_i" "$_i"
		done
		printf '</body></html>'
	} >"$1"
}

page "$www/index.html"
page "$www/section.html" /site.xml
feed "$www/site.xml" s1
printf '<!doctype html><html><body><p>لم تعد هذه الخدمة متاحة</p></body></html>' \
    >"$www/empty.html"
echo / >"$www/old-feed.xml.moved"
echo /section.html >"$www/old-rss.moved"
echo /empty.html >"$www/closed-feed.xml.moved"
# Moved for good (308, as 301) and for now (307), each to a feed.
feed "$www/new-308.xml" p1
feed "$www/new-307.xml" t1
printf '/new-308.xml\n308\n' >"$www/old-308.xml.moved"
printf '/new-307.xml\n307\n' >"$www/old-307.xml.moved"
# Moved for good to a feed that is gone at the next poll.
feed "$www/new-lost.xml" g1
printf '/new-lost.xml\n308\n' >"$www/old-lost.xml.moved"
# A source whose url holds a login, moved for good on its server and to
# another host (localhost beside 127.0.0.1, where curl sends no login).
feed "$www/new-login.xml" k1
feed "$www/new-away.xml" a1
printf '/new-login.xml\n308\n' >"$www/old-login.xml.moved"
# A feed at a URL that does not read like one: only its past tells.
feed "$www/latest" l1
echo "application/rss+xml" >"$www/latest.ctype"

fixtures_server "$tmp" || { echo "not ok 1 - fixture server starts"; exit 1; }
URL="http://127.0.0.1:$FIXTURE_PORT"
pw=Pw-5d2b8e
login=$(printf 'reader:%s' "$pw" | base64)
printf 'http://localhost:%s/new-away.xml\n301\n' "$FIXTURE_PORT" \
    >"$www/old-away.xml.moved"

{
	printf '[raqib]\ndatabase = %s/raqib.db\ntimeout = 10s\ncatch_up = all\n' "$tmp"
	printf '[source old-feed]\nurl = %s/old-feed.xml\n' "$URL"
	printf '[source old-rss]\nurl = %s/old-rss\n' "$URL"
	printf '[source closed-feed]\nurl = %s/closed-feed.xml\n' "$URL"
	printf '[source home]\nurl = %s/\n' "$URL"
	printf '[topic t]\nmatch = كازاخستان\n'
} >"$tmp/once.conf"
timeout 60 "$RAQIB" --once -c "$tmp/once.conf" 2>"$tmp/once.err"
check "raqib --once exits 0" test $? -eq 0

# field SOURCE COLUMN: a column of a source's health row.
field() {
	sqlite3 "$tmp/raqib.db" "SELECT $2 FROM sources WHERE name = '$1'"
}

# has SOURCE COLUMN TEXT: the column holds the text.
has() {
	_v=$(field "$1" "$2")
	case $_v in
	*"$3"*) return 0 ;;
	esac
	echo "# $1: $2 is '$_v'"
	return 1
}

check "a feed sent for good to the home page: its health says so, with where" \
    has old-feed read_note "the feed's url redirects to an HTML page ($URL/)"
check "... that it was read as a page, and to check whether the feed moved" \
    has old-feed read_note "read as a page for want of a feed: has the feed moved?"
check "... and its headlines were still read" test "$(field old-feed items)" -eq 4
check "raqib sources shows it in the source's row" \
    sh -c "'$RAQIB' sources -c '$tmp/once.conf' | grep '^old-feed ' |
    grep -qF 'redirects to an HTML page'"
check "the log says it, as a warning" \
    grep -qF "warning: source old-feed: the feed's url redirects to an HTML page" \
    "$tmp/once.err"
check "a feed sent to a page that advertises one: the feed is read" \
    test "$(field old-rss items)" -eq 1
check "... and its health names the page and the feed read instead" \
    has old-rss read_note "redirects to an HTML page ($URL/section.html) advertising the feed $URL/site.xml: read that instead"
check "a feed sent to a page with nothing on it: a failure, in those words" \
    has closed-feed last_error "redirects to an HTML page ($URL/empty.html) with neither a feed nor article links: has the feed moved?"
check "a source that is a page at its own URL: nothing said" \
    test -z "$(field home read_note)$(field home last_error)"

# The daemon: the feed polled again straight from the discovered URL, and a
# feed that turns into a page at a URL that does not read like a feed's.
{
	printf '[raqib]\ndatabase = %s/daemon.db\ntimeout = 10s\ncatch_up = all\n' "$tmp"
	printf '[source old-rss]\nurl = %s/old-rss\ninterval = 10m\n' "$URL"
	printf '[source latest]\nurl = %s/latest\ninterval = 10m\n' "$URL"
	printf '[source perm-308]\nurl = %s/old-308.xml\ninterval = 10m\n' "$URL"
	printf '[source temp-307]\nurl = %s/old-307.xml\ninterval = 10m\n' "$URL"
	printf '[source perm-lost]\nurl = %s/old-lost.xml\ninterval = 10m\n' "$URL"
	printf '[source perm-login]\nurl = http://reader:%s@127.0.0.1:%s/old-login.xml\n' \
	    "$pw" "$FIXTURE_PORT"
	printf '[source login-away]\nurl = http://reader:%s@127.0.0.1:%s/old-away.xml\n' \
	    "$pw" "$FIXTURE_PORT"
	printf '[topic t]\nmatch = كازاخستان\n'
} >"$tmp/daemon.conf"
"$RAQIB" -v -c "$tmp/daemon.conf" 2>"$tmp/daemon.err" &
daemon=$!
# Now, rather than the first polls spread over a minute.
wait_until 30 grep -q 'first polls' "$tmp/daemon.err"
kill -USR1 "$daemon"

# ended SOURCE: how many polls of the source have ended.
ended() {
	grep -c "source $1: [0-9]* items" "$tmp/daemon.err"
}
# lost SOURCE: how many polls of the source have failed.
lost() {
	grep -c "source $1: .*retrying" "$tmp/daemon.err"
}
# polls N M P T L K A: old-rss, latest, perm-308 and temp-307 have ended
# more than N, M, P and T polls, perm-lost more than L, failed or not, and
# perm-login and login-away more than K and A.
polls() {
	[ "$(ended old-rss)" -gt "$1" ] && [ "$(ended latest)" -gt "$2" ] &&
	    [ "$(ended perm-308)" -gt "$3" ] && [ "$(ended temp-307)" -gt "$4" ] &&
	    [ $(($(ended perm-lost) + $(lost perm-lost))) -gt "$5" ] &&
	    [ "$(ended perm-login)" -gt "$6" ] && [ "$(ended login-away)" -gt "$7" ]
}
check "the daemon polls every source" wait_until 30 polls 0 0 0 0 0 0 0
n=$(ended old-rss)
m=$(ended latest)
p=$(ended perm-308)
t=$(ended temp-307)
l=$(($(ended perm-lost) + $(lost perm-lost)))
k=$(ended perm-login)
a=$(ended login-away)
rm "$www/new-lost.xml"
feed "$www/site.xml" s1 s2
page "$www/latest"
echo "text/html; charset=utf-8" >"$www/latest.ctype"
kill -USR1 "$daemon"
check "... and again on SIGUSR1" wait_until 30 polls "$n" "$m" "$p" "$t" "$l" "$k" "$a"
kill "$daemon"
wait "$daemon"
field() {
	sqlite3 "$tmp/daemon.db" "SELECT $2 FROM sources WHERE name = '$1'"
}
check "the discovered feed, polled directly, still has its health say why" \
    has old-rss read_note "advertising the feed $URL/site.xml"
check "... with its new item read" test "$(field old-rss items)" -eq 2
check "... and the log said it once, not at every poll" test \
    "$(grep -c 'warning: source old-rss: the feed' "$tmp/daemon.err")" -eq 1
check "a feed that became a page at its own URL: its health says so" \
    has latest read_note "the feed's url answers with an HTML page, read as a page"
# asked URL: how many times the server was asked for URL.
asked() {
	grep -c "^GET $1 " "$tmp/requests.log"
}
check "a 308 is a permanent move: logged once, where to, with the config hint" \
    test "$(grep -cF "source perm-308: permanently moved to $URL/new-308.xml; polling it there (update the config to keep this)" "$tmp/daemon.err")" -eq 1
check "... and remembered: the next poll asks the new URL, not the old (old asked $(asked /old-308.xml) times)" \
    test "$(asked /old-308.xml) $(asked /new-308.xml)" = "1 2"
check "... its feed read, no failure" \
    test "$(field perm-308 items) $(field perm-308 failures)" = "1 0"
check "... and its health row, at the poll that asked the new URL, gives the url to set" \
    test "$(field perm-308 read_note)" = \
    "the source moved for good (HTTP 301 or 308): set url = $URL/new-308.xml in the config"
check "a 307 is a move for now: not logged as a move" \
    test "$(grep -c 'source temp-307: permanently' "$tmp/daemon.err")" -eq 0
check "... and not remembered: each poll asks the source's URL ($(asked /old-307.xml) times)" \
    test "$(asked /old-307.xml) $(asked /new-307.xml)" = "2 2"
check "... its feed read, no failure, nothing said of a move" \
    test "$(field temp-307 items) $(field temp-307 failures) $(field temp-307 read_note)" = "1 0 "
check "a moved source that then fails: its health row names the move and the failure" \
    has perm-lost last_error "asked at $URL/new-lost.xml, where the source moved for good (HTTP 301 or 308; put it in the config's url once it works): HTTP status 404"
check "... and raqib sources shows both in the source's row" \
    sh -c "'$RAQIB' sources -c '$tmp/daemon.conf' | grep '^perm-lost ' |
    grep 'moved for good' | grep -qF 'HTTP status 404'"
check "a url with a login moved for good on its server: remembered, with its login (old asked $(asked /old-login.xml) times)" \
    test "$(asked /old-login.xml) $(grep -c "^GET /new-login.xml [0-9]* Basic $login\$" "$tmp/requests.log")" = "1 2"
check "... its health row gives the url to set, without the login" \
    test "$(field perm-login read_note)" = \
    "the source moved for good (HTTP 301 or 308): set url = $URL/new-login.xml in the config, with the login your url holds"
check "... logged once, without the login" \
    test "$(grep -cF "source perm-login: permanently moved to $URL/new-login.xml; polling it there (update the config to keep this, with the login its url holds)" "$tmp/daemon.err")" -eq 1
check "... the password in neither the log nor the database" \
    test "$(cat "$tmp/daemon.err" "$tmp/daemon.db" | grep -c "$pw")" -eq 0
check "a url with a login moved for good to another host: asked at its own url each poll ($(asked /old-away.xml) times)" \
    test "$(asked /old-away.xml)" -eq 2
check "... the login sent to neither of the other host's requests" \
    test "$(grep -c '^GET /new-away.xml [0-9]*$' "$tmp/requests.log")" -eq 2
tap_finish "$tmp"
