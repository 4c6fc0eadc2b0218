#!/bin/sh
# Sources as they really are, over HTTP on 127.0.0.1: `fetch = article`
# reads the pages of new items (at most article_limit, never an item already
# seen) so topics match the body, the JSON-LD's when the markup's is only a
# lead; a page that advertises a feed is read
# through it (said once, later polls go straight to the feed); a selector
# that stops matching is a source error; `raqib parse URL` reads what the
# daemon reads.
B=${B:-build}
RAQIB="$(pwd)/$B/raqib"

. tests/lib/tap.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/raqib-sources.XXXXXX")
DAEMON_PID=
trap '[ -n "$DAEMON_PID" ] && kill "$DAEMON_PID" 2>/dev/null; fixtures_stop; rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config"
export XDG_STATE_HOME="$tmp/home/.local/state"
unset DBUS_SESSION_BUS_ADDRESS

. tests/lib/fixtures.sh
mkdir -p "$tmp/www"
cp tests/fixtures/articles/*.html tests/fixtures/pages/with-feed.html \
    tests/fixtures/pages/listing.html "$tmp/www/"
cp tests/fixtures/feeds/rss2.xml "$tmp/www/feed.xml"
fixtures_server "$tmp"
PORT=$FIXTURE_PORT
[ -n "$PORT" ] || { echo "not ok 1 - fixture server starts"; exit 1; }
URL="http://127.0.0.1:$PORT"
A1="إدارة ترامب القادمة: هل تحتاج نهجاً استراتيجياً للعلاقات مع أستانا؟"
A2="زعماء آسيا الوسطى في نيويورك للقاء بايدن"

# A config with one source (its lines given) and topics that fire on bodies.
config() { # file, database, source lines...
	_f=$1
	printf '[raqib]\ndatabase = %s\ntimeout = 10s\ncatch_up = all\n\n[source s]\n' \
	    "$2" >"$_f"
	shift 2
	printf '%s\n' "$@" >>"$_f"
	printf '\n[topic kazakhstan]\nmatch = كازاخستان\n' >>"$_f"
	printf '\n[topic c5plus1]\nmatch = C5+1\n' >>"$_f"
}

# Requests the server received for paths matching a pattern, since a mark.
requests() { # pattern, [first line]
	tail -n +"${2:-1}" "$tmp/requests.log" | grep -c "^GET $1 "
}

# The request log's next line number (a mark for requests()).
mark() {
	echo $(($(wc -l <"$tmp/requests.log") + 1))
}

# Run raqib, bounded in time, keeping NAME.out and NAME.err.
run() { # name, config, raqib arguments...
	_n=$1
	_c=$2
	shift 2
	timeout 30 "$RAQIB" -c "$_c" "$@" >"$tmp/$_n.out" 2>"$tmp/$_n.err"
}

# A file has exactly n lines holding a fixed string.
count() { # file, n, text
	[ "$(grep -cF -- "$3" "$1")" -eq "$2" ] && return 0
	echo "# expected $2 lines with '$3' in $1, found $(grep -cF -- "$3" "$1")"
	return 1
}

# The command fails.
not() {
	! "$@"
}

# A file contains a fixed string.
has() { # file, text
	grep -qF -- "$2" "$1"
}

# --- fetch = article: topics match the body, article_limit holds ----------
config "$tmp/art.conf" "$tmp/art.db" "url = $URL/index.html" \
    "fetch = article" "article_limit = 2"
m=$(mark)
run art-dry "$tmp/art.conf" --dry-run
check "fetch = article: a topic found only in the body alerts" \
    has "$tmp/art-dry.out" "kazakhstan	$A1	"
check "fetch = article: the second article's topics alert too" \
    has "$tmp/art-dry.out" "c5plus1	$A2	"
check "fetch = article: at most article_limit (2) pages fetched" \
    test "$(requests '/a[0-9].html' "$m")" -eq 2
m=$(mark)
run art1 "$tmp/art.conf" --once
check "first poll fetches the pages of the new items" \
    test "$(requests '/a[0-9].html' "$m")" -eq 2
touch -d "@$(($(date +%s) + 7))" "$tmp/www/index.html"
m=$(mark)
run art2 "$tmp/art.conf" --once
check "a changed page with only seen items fetches no article" \
    test "$(requests '/a[0-9].html' "$m")" -eq 0
check "and the listing itself was read again (200)" \
    test "$(tail -n +"$m" "$tmp/requests.log" | grep -c '^GET /index.html 200')" -eq 1
sed 's|href="a3.html" rel="bookmark">|href="a3.html?v=2" rel="bookmark">|' \
    "$tmp/www/index.html" >"$tmp/index.new" && mv "$tmp/index.new" "$tmp/www/index.html"
m=$(mark)
run art3 "$tmp/art.conf" --once
check "one new item: exactly its page is fetched" \
    test "$(requests '/a3.html?v=2' "$m")" -eq 1
check "and no other article" test "$(requests '/a[0-9].html' "$m")" -eq 0

# --- fetch = article: a body and a date only in the page's JSON-LD --------
printf '<html><body><main><h2><a href="jsonld.html">%s</a></h2></main></body></html>\n' \
    "عشر سنوات على الدبلوماسية الإقليمية" >"$tmp/www/ld-index.html"
config "$tmp/ld.conf" "$tmp/ld.db" "url = $URL/ld-index.html" \
    "fetch = article"
run ld "$tmp/ld.conf" --once
"$RAQIB" history -c "$tmp/ld.conf" --json >"$tmp/ld-history.out" 2>&1
check "fetch = article: a topic only in the JSON-LD articleBody alerts" \
    has "$tmp/ld-history.out" '"topic":"c5plus1"'
check "and the item takes the JSON-LD datePublished" \
    has "$tmp/ld-history.out" '"published":"2026-12-05T18:30:00Z"'

# --- autodiscovery: the advertised feed, said once, polled directly -------
config "$tmp/disc.conf" "$tmp/disc.db" "url = $URL/with-feed.html" \
    "interval = 1s"
m=$(mark)
"$RAQIB" -c "$tmp/disc.conf" >"$tmp/disc.out" 2>"$tmp/disc.err" &
DAEMON_PID=$!
i=0
while [ "$(requests /feed.xml "$m")" -lt 3 ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
kill "$DAEMON_PID"
wait "$DAEMON_PID" 2>/dev/null
DAEMON_PID=
check "the advertised feed is polled again and again" \
    test "$(requests /feed.xml "$m")" -ge 3
check "the page itself is fetched once per run" \
    test "$(requests /with-feed.html "$m")" -eq 1
check "the log names the feed found, once" \
    count "$tmp/disc.err" 1 "the page advertises a feed; reading $URL/feed.xml"
check "later polls of the feed send its validators (304)" \
    test "$(tail -n +"$m" "$tmp/requests.log" | grep -c '^GET /feed.xml 304')" -ge 1
check "the feed's items were read" \
    test "$(sqlite3 "$tmp/disc.db" 'SELECT items FROM sources')" -eq 8

# --- a selector that stops matching is a source error ---------------------
config "$tmp/sel.conf" "$tmp/sel.db" "url = $URL/listing.html" \
    "items = article h2 a"
run sel1 "$tmp/sel.conf" --once
check "a selector that matches: no error" not has "$tmp/sel1.err" "source s: selector"
cp tests/fixtures/hostile/not-a-feed.html "$tmp/www/listing.html"
touch -d "@$(($(date +%s) + 9))" "$tmp/www/listing.html"
run sel2 "$tmp/sel.conf" --once
check "the same selector matching nothing is logged as an error" \
    has "$tmp/sel2.err" "source s: selector matched nothing"
check "and recorded as the source's health" \
    test "$(sqlite3 "$tmp/sel.db" "SELECT count(*) FROM sources WHERE last_error LIKE 'selector matched nothing%'")" -eq 1

# --- raqib parse URL -------------------------------------------------------
"$RAQIB" parse "$URL/index.html" >"$tmp/parse1.out" 2>"$tmp/parse1.err"
check "parse URL: the page's items, with the rule that found them" \
    count "$tmp/parse1.out" 3 '"rule":"heading link"}'
check "parse URL: links are made absolute against the URL" \
    has "$tmp/parse1.out" "\"link\":\"$URL/a1.html\""
"$RAQIB" parse "$URL/with-feed.html" >"$tmp/parse2.out" 2>"$tmp/parse2.err"
check "parse URL: a page advertising a feed is read through the feed" \
    count "$tmp/parse2.out" 8 '"categories":'
check "parse URL: and says so" has "$tmp/parse2.err" "$URL/feed.xml"
"$RAQIB" parse "$URL/missing.xml" >"$tmp/parse3.out" 2>"$tmp/parse3.err"
check "parse URL: an HTTP error exits 1 with the status" \
    test $? -eq 1 -a -n "$(grep 'HTTP status 404' "$tmp/parse3.err")"

tap_status
