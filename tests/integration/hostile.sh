#!/bin/sh
# Every bad actor at once (tests/lib/hostile-server.py on 127.0.0.1): billion
# laughs, XXE to a file and to a URL, redirects to file:// and gopher://, a
# redirect loop, 10,000 levels of nesting, NUL bytes and invalid UTF-8, a gzip
# bomb, a 100 MB title, a server that drips a byte a second, headers that
# never end, a chunked body that never ends, a feed of 100,000 items, a page
# whose links are all javascript:, a host under .invalid (RFC 6761: it never
# resolves; also one in Cyrillic letters, whatever the locale), a 1 MB
# header line and 10,000 header lines, a broken chunked body, a lying Content-Length, a redirect to a malformed URL, an answer that
# is not HTTP, a body not in its announced compression (gzip or brotli), a 304
# to a first poll, a connection closed without an answer, statuses 403, 410
# and 500, a Cloudflare challenge, a redirect without a Location, a flood of
# 100 Continue, an encoding nobody asked for, ten layers of gzip, an image, a
# status HTTP does not define, a body that is only a byte-order mark, a
# drip stopped by the low-speed rule, two Content-Length headers that
# differ, a redirect loop between two hosts (127.0.0.1 and 127.0.0.2), a
# CAPTCHA, a login form and a cookie-setting script where the feed should
# be, a file to save, a 429 with Retry-After, plain HTTP on an https URL's
# port, a server that accepts and sends nothing (also after a redirect),
# a gzip body cut short,
# a gzip body that decodes to nothing, brotli and zstd (which raqib does not
# ask for), deflate with and without zlib's wrapper, redirects to a URL
# with a login in it (absolute and protocol-relative) and to one of 64 KiB,
# a redirect to a port that refuses, a 200 that is a piece of the body
# (Content-Range), a body whose named compression was not applied,
# redirects to ftp:// and data: and a chain of 20, 5,000 Set-Cookie
# headers, a header line without a colon, an HTTP/0.9 answer, a status
# line of garbage, 401, 451, 503 with Retry-After in seconds, as a date
# and absurdly long, a self-signed TLS certificate: each named in words,
# with what to do; a Location folded over two lines, padded with blanks,
# protocol-relative or relative with ../ is followed, x-gzip and a 103
# before the 200 are read; two sources that hang do not hold back an honest
# one's alert in the daemon; a URL with a space in it is
# read, and so is a site that redirects to itself until its cookie comes
# back. A 301 whose body comes slowly is named as what ate the timeout, not
# the site it led to, and a 302 whose body never ends or is announced as
# 20 GB as the redirect's; a gzip piece of untold size and a 206 are refused as
# pieces; a Location in Arabic letters or with a fragment is followed; an
# HTTP/1.0 body cut by a close keeps its whole items; a NUL in a header and
# a 100 KiB header line are named; a feed sent as text/html and an error
# page sent as RSS are read as their bodies say; chunked trailers that
# never end (fast, slowly, or one line of 1 MiB) are named as trailers; a
# first header line folded is named (and, on a handle used before, does
# not crash curl 7.88); a 308 is logged as a permanent move, a 307 not;
# a gzip or deflate body whose checksum is wrong is named as damaged;
# 10 MiB of '<' is no feed, said in bounded time. Polled again: a feed that
# turns to an empty body, a 500, an "Access Denied" page or a hotel Wi-Fi's
# sign-in page (both sent as a 200) keeps its stories, and one whose ETag,
# blanks and tracking parameters change, or its guid and link, alerts
# once. A feed
# gone for good (410) is asked again only after hours; a 503's Retry-After
# is waited for in the daemon, three years of it capped at 6 hours; a
# 500 between two good polls is logged once; an ETag of raw bytes or
# of 20 KB is not kept (sent back, the big one would be refused for ever). A
# title of 200,000 characters and a link of 20,000 bytes still reach an exec
# sink. raqib must finish in bounded time and memory, name each problem in the
# source's health row, leak nothing, still alert for the honest source, and
# lose nothing stored when polled again. Every request names raqib, its
# version and its project URL. Titles that try to be markup or to turn the
# text around them reach the notification server (python3-dbusmock, read back)
# and an exec sink as text, their unpaired directional controls dropped. One
# title over two texts is two stories. One transfer at a time over eight
# polls, honest feeds after a body cut at the limit, a timeout, refused
# redirects, a loop, an unknown coding, a 206, a NUL in a header and a reset
# mid-body, each on the handle the last ended with: each source's health
# is its own at every poll; a server that closes after each answer or
# while idle costs no open file and no busy loop. A second server, of raw
# bytes, plays what this one does not (its own comment below).
B=${B:-build}
RAQIB="$(pwd)/$B/raqib"

if [ -z "${RAQIB_HOSTILE_BUS:-}" ]; then
	RAQIB_HOSTILE_BUS=1 exec dbus-run-session \
	    --config-file=tests/lib/session-noservices.conf -- sh "$0" "$@"
fi

. tests/lib/bus.sh
. tests/lib/tap.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/raqib-hostile.XXXXXX")
trap 'kill "$srv" ${raw:-} 2>/dev/null; bus_stop_notifyd; [ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
export HOME="$tmp"
# The resolver may ask the system's DNS about .invalid: one short try.
export RES_OPTIONS="timeout:1 attempts:1"

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -days 2 \
    -keyout "$tmp/key.pem" -out "$tmp/cert.pem" 2>/dev/null ||
    { echo "not ok 1 - a self-signed certificate is made"; exit 1; }
/usr/bin/python3 tests/lib/hostile-server.py "$tmp/cert.pem" "$tmp/key.pem" \
    >"$tmp/port" 2>"$tmp/server.err" &
srv=$!
i=0
while ! grep -qs '^port' "$tmp/port" && [ $i -lt 200 ]; do
	sleep 0.1
	i=$((i + 1))
done
port=$(awk '/^port/ {print $2}' "$tmp/port")
port2=$(awk '/^port/ {print $3}' "$tmp/port")
tls_port=$(awk '/^port/ {print $4}' "$tmp/port")
[ -n "$port" ] || { echo "not ok 1 - the hostile server starts"; exit 1; }

url="http://127.0.0.1:$port"
# The short timeout of the daemon and raw-server sections: 2 s, a second
# more for each runnable process per core beyond one (up to 6 s), so that
# an honest answer a busy machine is slow to read is not cut off, while
# the run on one not overloaded stays as long as it was. Checks that name
# it say $short.
short=$(awk -v cores="$(nproc)" '{ t = 2 + int($1 / cores)
	print (t > 6 ? 6 : t) }' /proc/loadavg)
# The exec sink: one line per alert, its link and RAQIB_TITLE; its JSON.
cat >"$tmp/sink" <<EOF
#!/bin/sh
printf '%s\t%s\n' "\$RAQIB_LINK" "\$RAQIB_TITLE" >>"$tmp/sunk"
cat >>"$tmp/sunk.json"
EOF
chmod +x "$tmp/sink"
{
	# 10 s: room for a server that is slow only because the machine is busy.
	printf '[raqib]\ndatabase = %s/raqib.db\ntimeout = 10s\ncatch_up = all\n' "$tmp"
	printf 'burst = 1000\n'
	for s in good.xml laughs.xml xxe-file.xml xxe-url.xml to-file to-gopher \
	    redirect/0 nest.xml bad-bytes.xml gzip-bomb.xml big-title.xml \
	    drip.xml headers-forever chunked-forever.xml huge.xml js.html \
	    ua.xml text.xml big-header.xml many-headers.xml bad-chunk.xml \
	    short-body.xml bad-location not-http bad-gzip.xml nothing long.xml \
	    bad-brotli.xml not-modified gone.xml forbidden.xml broken.xml \
	    challenge.xml no-location continue-flood x-foo.xml etag-bytes.xml \
	    etag-huge.xml logo.png lying-type.xml mid-header \
	    status-999 gzip-tower.xml blank-location \
	    bom-only.xml two-lengths.xml loop-a cookie-check.xml captcha.html \
	    login.html cookie-script.html download \
	    silent gzip-cut.xml x-gzip.xml loc-crlf loc-space loc-proto-rel \
	    a/b/loc-rel to-ftp to-data chain/0 cookie-flood.xml no-colon.xml \
	    http09 garbage-status early-hints.xml empty-etag.xml \
	    unauthorized.xml legal.xml busy.xml busy-date.xml \
	    busy-absurd.xml zstd-cut.xml gzip-header-only.xml to-silent \
	    gzip-cut-chunked.xml gzip-chunked.xml ae.xml deflate.xml \
	    deflate-raw.xml to-login to-login-rel to-at-query long-location \
	    to-refusing partial-200.xml whole-range.xml gzip-not-applied.xml \
	    slow-redirect gzip-range.xml partial-206.xml loc-utf8 loc-frag \
	    http10-cut.xml nul-header.xml header-100k.xml rss-as-html \
	    html-as-rss.xml turn/empty/a turn/flaky/a turn/churn/a turn/guid/a \
	    turn/deny/a turn/portal/a \
	    redirect-forever redirect-huge trailers-forever.xml \
	    trailers-slow.xml trailer-long.xml fold-first.xml moved-308 \
	    moved-307 gzip-crc.xml deflate-adler.xml hints-flood; do
		name=$(echo "$s" | sed 's/[./]/-/g')
		printf '[source %s]\nurl = %s/%s\n' "$name" "$url" "$s"
	done
	printf '[source nowhere]\nurl = http://feeds.raqib-test.invalid:%s/good.xml\n' \
	    "$port"
	printf '[source idn-host]\nurl = http://пример.raqib-test.invalid:%s/good.xml\n' \
	    "$port"
	printf '[source space]\nurl = %s/with space.xml\n' "$url"
	# A 429 holds its whole host back: on a host of its own.
	printf '[source rate-limited-xml]\nurl = http://127.0.0.2:%s/rate-limited.xml\n' \
	    "$port2"
	printf '[source tls-plain]\nurl = https://127.0.0.1:%s/good.xml\n' "$port"
	printf '[source tls-self-signed]\nurl = https://127.0.0.1:%s/good.xml\n' \
	    "$tls_port"
	printf '[topic kazakhstan]\nmatch = كازاخستان\nnotify = desktop, exec:%s\n' \
	    "$tmp/sink"
} >"$tmp/raqib.conf"
bus_start_notifyd "$tmp/notifyd.log" ||
    { echo "not ok 1 - the notification server starts"; exit 1; }

# Meanwhile, at the default timeout (30 s), the drip meets the rule that
# stops a transfer slower than 64 bytes/s over 20 s.
timeout 60 "$RAQIB" parse "$url/drip.xml" >/dev/null 2>"$tmp/drip.err" &
drip=$!
# And a body of 10 MiB of '<', each looked at for a feed's head: killed
# if it hangs (it took hours), since a process busy on it never reads TERM.
timeout -s KILL 60 "$RAQIB" parse "$url/lt-10m.xml" >/dev/null \
    2>"$tmp/lt.err" &
lt=$!
/usr/bin/python3 tests/bench/measure.py run timeout 120 "$RAQIB" --once \
    -c "$tmp/raqib.conf" >"$tmp/measure" 2>"$tmp/raqib.err"
rss=$(sed 's/.*rss_mib=\([0-9.]*\).*/\1/' "$tmp/measure")
wall=$(sed 's/.*wall=\([0-9.]*\).*/\1/' "$tmp/measure")

# The health row of a source says what went wrong.
health() { # source, text expected in last_error
	_err=$(sqlite3 "$tmp/raqib.db" \
	    "SELECT last_error FROM sources WHERE name = '$1'")
	case $_err in
	*"$2"*) return 0 ;;
	esac
	echo "# $1: last_error is '$_err'"
	return 1
}

# A SQL count equals n.
count() { # n, sql
	_got=$(sqlite3 "$tmp/raqib.db" "$2")
	[ "$_got" -eq "$1" ] && return 0
	echo "# $2 -> $_got, expected $1"
	return 1
}

# No stored text holds invalid UTF-8 (sqlite3 hands bytes over as they are).
all_utf8() {
	/usr/bin/python3 - "$tmp/raqib.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.text_factory = bytes
for table, cols in (("items", "key, title, link"), ("sources", "last_error")):
    for row in db.execute("SELECT %s FROM %s" % (cols, table)):
        for v in row:
            if isinstance(v, bytes):
                v.decode("utf-8")
PY
}

check "raqib --once finishes (exit 0) within the timeouts: ${wall} s" \
    grep -q 'rc=0' "$tmp/measure"
# AddressSanitizer's shadow memory and quarantine multiply the footprint.
case $B in
*asan*) bound=1536 ;;
*) bound=256 ;;
esac
check "peak memory stays under $bound MiB: ${rss} MiB" \
    awk -v r="$rss" -v b="$bound" 'BEGIN { exit !(r < b) }'
check "the honest source still alerts" count 1 \
    "SELECT count(*) FROM alerts WHERE source = 'good-xml'"
check "billion laughs: not expanded, its item kept as written" count 1 \
    "SELECT count(*) FROM items WHERE title = '&lol9;'"
check "XXE: /etc/passwd never reaches the database" count 0 \
    "SELECT count(*) FROM items WHERE title LIKE '%root:%'"
check "XXE: no entity fetched over the network" count 0 \
    "SELECT count(*) FROM items WHERE title LIKE '%وزير%' AND key LIKE 'xxe%'"
check "redirect to file:// refused, named" health to-file \
    "a redirect to file:..., a URL that is not http or https, which raqib does not follow"
check "redirect to gopher:// refused, named" health to-gopher \
    "a redirect to gopher:..., a URL that is not http or https"
check "a redirect loop is cut after 5" health redirect-0 "gave up after 5 redirects"
check "a gzip bomb is cut off at the body limit" \
    health gzip-bomb-xml "larger than 10 MiB"
check "a 100 MB title is cut off at the body limit" \
    health big-title-xml "larger than 10 MiB"
check "a server dripping a byte a second is timed out" \
    health drip-xml "timed out"
wait "$drip"
check "a drip at the default timeout: stopped by the low-speed rule, said so (not a 30 s timeout)" \
    grep -qF "the server sent less than 64 bytes/s for 20 s" "$tmp/drip.err"
check "headers that never end are timed out" \
    health headers-forever "timed out"
check "a chunked body that never ends is timed out" \
    health chunked-forever-xml "timed out"
check "a 1 MB header line: 'response headers too large'" \
    health big-header-xml "response headers too large"
check "10,000 header lines: 'response headers too large'" \
    health many-headers-xml "response headers too large"
check "a broken chunked body: said so" \
    health bad-chunk-xml "the body's chunked encoding is broken: a fault at the site"
check "a Content-Length that lies: the body was cut short" \
    health short-body-xml "closed before the whole body arrived"
check "a redirect to a malformed URL: said so" \
    health bad-location "malformed URL, the source's or a redirect's"
check "an answer that is not HTTP: said so, and what it is (SSH)" \
    health not-http "the server's answer is not HTTP but SSH, so nothing was read: no web server answers on this port; check the port"
check "a body not in the compression announced: said so" \
    health bad-gzip-xml "not in the compression the server announced"
check "a body announced as brotli, which raqib does not ask for: said so, named" \
    health bad-brotli-xml "in a compression raqib did not ask for and cannot read (br; raqib reads gzip, deflate)"
check "a 304 to a first poll, which named no version: an error, said so" \
    health not-modified "304 (not modified) to a request that named no earlier"
check "... and counted as a failure, not as a good poll" count 1 \
    "SELECT count(*) FROM sources WHERE name = 'not-modified' AND failures = 1"
check "a connection closed without an answer: said so" health nothing \
    "closed the connection without answering"
check "403: forbidden, the site blocks automated readers" \
    health forbidden-xml "HTTP status 403 (forbidden): the server refuses raqib"
check "410: gone for good, find its new URL or remove the source" \
    health gone-xml "HTTP status 410 (gone): the server says the feed was removed for good"
check "500: a fault at the site, tried again later" \
    health broken-xml "HTTP status 500 (server error): a fault at the site"
check "a Cloudflare challenge: named, not a bare 403" \
    health challenge-xml "anti-bot protection (Cloudflare)"
check "a redirect without a Location: said so" \
    health no-location "HTTP status 302 (a redirect without a Location"
check "... or with a blank one: the same" \
    health blank-location "HTTP status 301 (a redirect without a Location"
check "a flood of 100 Continue: 'response headers too large', cut off" \
    health continue-flood "response headers too large (over 256 KiB)"
check "a flood of 103 Early Hints: named as such, with the count, not headers too large alone" \
    health hints-flood "interim responses (HTTP status 103, early hints) and never its answer"
check "an encoding raqib did not ask for: said so" \
    health x-foo-xml "in a compression raqib did not ask for and cannot read"
check "an ETag and a Last-Modified of raw bytes are not stored" count 0 \
    "SELECT count(*) FROM sources WHERE name = 'etag-bytes-xml' AND (etag IS NOT NULL OR last_modified IS NOT NULL)"
check "ten layers of gzip: refused, said so (not 'not in the compression announced')" \
    health gzip-tower-xml "compressed over and over (more than 5 layers)"
check "a body of a byte-order mark alone: 'empty body', not a page without links" \
    health bom-only-xml "empty body"
check "an image where the feed should be: named by its type" \
    health logo-png "the server sent a file of type image/png, neither a feed nor a page"
check "a feed sent as image/png: read, the body says what it is" count 1 \
    "SELECT items FROM sources WHERE name = 'lying-type-xml' AND failures = 0"
check "a connection closed mid-header: said so, not 'empty body'" \
    health mid-header "closed the connection in the middle of its response headers"
check "a status HTTP does not define: not called a server error" \
    health status-999 "HTTP status 999 (not a status HTTP defines)"
check "a URL with a space, as pasted from a browser: read (as %20)" count 1 \
    "SELECT items FROM sources WHERE name = 'space' AND failures = 0"
check "no health row repeats curl's 'Out of memory'" count 0 \
    "SELECT count(*) FROM sources WHERE last_error LIKE 'Out of memory%'"
check "a page of javascript: links yields no item, and says so" \
    health js-html "neither a feed nor a page"
check "NUL bytes and invalid UTF-8 never reach the database as such" all_utf8
check "a feed of 100,000 items is read whole" count 100000 \
    "SELECT count(*) FROM items i JOIN sources s ON s.id = i.source_id WHERE s.name = 'huge-xml'"
check "two Content-Length headers that differ: refused, both named" \
    health two-lengths-xml "two different Content-Length headers (12 and 40)"
check "a redirect loop between two hosts: named, with the URLs that make it" \
    health loop-a "redirects in a loop ($url/loop-a -> http://127.0.0.2:$port2/loop-b -> $url/loop-a)"
check "a site that redirects to itself until its cookie comes back: read" count 1 \
    "SELECT count(*) FROM items WHERE key = 'cookie-1'"
check "a CAPTCHA where the feed should be: named" \
    health captcha-html "answered with a CAPTCHA"
check "a login form where the feed should be: named" \
    health login-html "answered with a login form"
check "a script that sets a cookie and reloads: named" \
    health cookie-script-html "answered with a script that sets a cookie and reloads"
check "a file to save (Content-Disposition: attachment): named with its file name" \
    health download "the server sent a file to save (news-2024.zip)"
check "429 with Retry-After: what it means, and the wait asked" \
    health rate-limited-xml "HTTP status 429 (too many requests): the site limits how often"
check "... and the wait the server asked for" \
    health rate-limited-xml "(the server asks to wait 3600 s)"
check "plain HTTP on an https URL's port: said so, with what to try" \
    health tls-plain "does not speak TLS on this port"
# How long: at least the timeout, more when the machine was too busy to
# look in time; what a user reads is the wording.
silent_for=$(sqlite3 "$tmp/raqib.db" "SELECT last_error FROM sources WHERE name = 'silent'" |
    sed -n 's/.*accepted the connection but sent nothing for \([0-9]*\) s, so.*/\1/p')
check "a server that accepts and sends nothing: said so, with how long, at least the 10 s timeout (not 'less than 64 bytes/s'): ${silent_for:-?} s" \
    test "${silent_for:-0}" -ge 9
check "... or after a redirect: the silent site named" health to-silent \
    "a redirect led to http://127.0.0.2:$port2/silent, whose server accepted the connection but sent nothing"
check "a gzip body whose checksum is wrong: named as damaged, what to do" \
    health gzip-crc-xml "the server's compressed body (gzip) is corrupt, damaged at the site or on the way (incorrect data check), so none of it was read: a fault at the site or a proxy before it; tried again later, and if it lasts, tell the site"
check "... and so is deflate's (zlib's wrapper)" \
    health deflate-adler-xml "compressed body (deflate) is corrupt"
check "... none of their items kept" count 0 \
    "SELECT count(*) FROM items WHERE key IN ('gzip-1', 'defl-1')"
check "a gzip body cut short: the items before the cut are kept" count 3 \
    "SELECT count(*) FROM items WHERE key IN ('cut-1', 'cut-2', 'cut-3')"
check "... and the health row says the body stops before its end" count 1 \
    "SELECT count(*) FROM sources WHERE name = 'gzip-cut-xml' AND failures = 0 AND read_note LIKE '%gzip-compressed body stops before its end%'"
check "... its validators not kept, so the next poll reads it whole" count 0 \
    "SELECT count(*) FROM sources WHERE name = 'gzip-cut-xml' AND (etag IS NOT NULL OR last_modified IS NOT NULL)"
check "a zstd body, which raqib does not ask for: said so, named, not 'empty body'" \
    health zstd-cut-xml "in a compression raqib did not ask for and cannot read (zstd; raqib reads gzip, deflate)"
check "the server is asked for gzip and deflate alone, the compressions raqib reads, in one line" \
    count 1 "SELECT count(*) FROM items WHERE key = 'ae-1' AND title = 'gzip, deflate'"
check "deflate in zlib's wrapper (RFC 9110): read" count 1 \
    "SELECT items FROM sources WHERE name = 'deflate-xml' AND failures = 0"
check "deflate sent raw, without zlib's wrapper: read" count 1 \
    "SELECT items FROM sources WHERE name = 'deflate-raw-xml' AND failures = 0"
check "a gzip body cut in its header: the same" \
    health gzip-header-only-xml "the server sent 10 bytes in its compression (gzip) that decode to nothing"
check "... and so is one cut short inside whole chunks" count 1 \
    "SELECT count(*) FROM sources WHERE name = 'gzip-cut-chunked-xml' AND failures = 0 AND read_note LIKE '%gzip-compressed body stops before its end%'"
check "a whole gzip body in chunks: read, all 8 items, nothing said" count 1 \
    "SELECT count(*) FROM sources WHERE name = 'gzip-chunked-xml' AND failures = 0 AND items = 8 AND read_note IS NULL"
check "x-gzip (gzip's old name): read" count 1 \
    "SELECT items FROM sources WHERE name = 'x-gzip-xml' AND failures = 0"
check "a Location folded over two lines: followed" count 1 \
    "SELECT items FROM sources WHERE name = 'loc-crlf' AND failures = 0"
check "a Location padded with blanks: followed" count 1 \
    "SELECT items FROM sources WHERE name = 'loc-space' AND failures = 0"
check "a protocol-relative Location (//host/path): followed" count 1 \
    "SELECT items FROM sources WHERE name = 'loc-proto-rel' AND failures = 0"
check "a relative Location with ../: followed" count 1 \
    "SELECT items FROM sources WHERE name = 'a-b-loc-rel' AND failures = 0"
check "redirect to ftp:// refused, named" health to-ftp \
    "a redirect to ftp:..., a URL that is not http or https"
check "redirect to data: refused, named (not 'could not be parsed')" \
    health to-data "a redirect to data:..., a URL that is not http or https"
check "a chain of 20 redirects: cut after 5, the last URL named" \
    health chain-0 "gave up after 5 redirects (the last to $url/chain/5)"
check "5,000 Set-Cookie headers: 'response headers too large'" \
    health cookie-flood-xml "response headers too large"
check "a header line without a colon: not HTTP, curl's detail kept" \
    health no-colon-xml "the server's answer is not HTTP (Header without colon)"
check "an HTTP/0.9 answer (no status line): not HTTP" \
    health http09 "the server's answer is not HTTP"
check "a status line of garbage: not HTTP" \
    health garbage-status "the server's answer is not HTTP"
check "103 Early Hints before the 200: read" count 1 \
    "SELECT items FROM sources WHERE name = 'early-hints-xml' AND failures = 0"
check "200 with an empty body and an ETag: 'empty body'" \
    health empty-etag-xml "empty body"
check "401: needs a login, what to do" \
    health unauthorized-xml "HTTP status 401 (unauthorized): the feed needs a login"
check "451: unavailable for legal reasons" \
    health legal-xml "HTTP status 451 (unavailable for legal reasons)"
check "503 with Retry-After in seconds: the wait named" \
    health busy-xml "(service unavailable): the site is down or overloaded; tried again later (the server asks to wait 120 s)"
date_wait=$(sqlite3 "$tmp/raqib.db" "SELECT last_error FROM sources WHERE name = 'busy-date-xml'" |
    sed -n 's/.*asks to wait \([0-9]*\) s.*/\1/p')
# A date is to the second: the server's clock and raqib's may round apart.
check "503 with Retry-After as an HTTP date (30 minutes on): read as ${date_wait:-?} s" \
    test "${date_wait:-0}" -gt 1700 -a "${date_wait:-0}" -le 1801
check "Retry-After: 99999999 is capped at 6 hours" \
    health busy-absurd-xml "(the server asks to wait 21600 s)"
check "a self-signed TLS certificate: said so, what to do, never skipped" \
    health tls-self-signed "the server's TLS certificate is self-signed, so not trusted and nothing was read (raqib never skips the check)"
check "a redirect to a URL with a login in it: not followed, said so" \
    health to-login "a redirect to http://***@127.0.0.1:$port/login.xml, a URL with a user name or password in it (left out here), which raqib does not follow"
check "... nor when it is protocol-relative (//user:pw@host)" \
    health to-login-rel "a redirect to //***@127.0.0.2:$port2/login.xml, a URL with a user name or password in it"
check "... and its password is in neither the log nor the database" \
    test -z "$(grep -l 's3cret' "$tmp/raqib.err"; sqlite3 "$tmp/raqib.db" .dump | grep -c s3cret | grep -v '^0$')"
check "an @ in a redirect's query is no login: followed, read" count 1 \
    "SELECT items FROM sources WHERE name = 'to-at-query' AND failures = 0"
check "a redirect to a URL of 64 KiB: not followed, said so" \
    health long-location "a redirect to a URL of 65549 bytes, which raqib does not follow (at most 8192): a fault at the site"
check "a redirect to a port that refuses: the redirect's URL named, not the source's" \
    health to-refusing "a redirect led to http://127.0.0.1:1/good.xml, which failed: could not connect (server down or refusing)"
check "a 200 that is a piece of the body (Content-Range): refused, said so" \
    health partial-200-xml "the server answered with a piece of the body (Content-Range: bytes 0-59/"
check "... but a Content-Range of the whole body: read" count 1 \
    "SELECT items FROM sources WHERE name = 'whole-range-xml' AND failures = 0"
check "a body said to be gzip that is plain XML: read as it came, said so" count 1 \
    "SELECT count(*) FROM sources WHERE name = 'gzip-not-applied-xml' AND failures = 0 AND items = 1 AND read_note LIKE '%says the body is in a compression (gzip) it is not in%'"
check "a 301 whose body comes slowly, to a feed slow to answer: the slow redirect named, not 'sent nothing'" \
    health slow-redirect "the redirect from $url/slow-redirect took"
check "... and what it left the feed it led to" \
    health slow-redirect "so $url/late.xml had only"
check "a gzip body in a Content-Range of untold size, cut: a piece, refused (not read as a cut body)" \
    health gzip-range-xml "the server answered with a piece of the body (Content-Range: bytes 0-"
check "... none of its items kept" count 0 \
    "SELECT count(*) FROM items WHERE key LIKE 'grange-%'"
check "a 206 to a request that asked for no range: a piece, refused" \
    health partial-206-xml "a piece of the body (HTTP status 206, partial content)"
check "a Location in Arabic letters, unencoded: followed (percent-encoded)" count 1 \
    "SELECT items FROM sources WHERE name = 'loc-utf8' AND failures = 0"
check "a Location with a fragment: followed" count 1 \
    "SELECT items FROM sources WHERE name = 'loc-frag' AND failures = 0"
check "HTTP/1.0 without a length, closed mid-body: the whole items before the cut read" count 3 \
    "SELECT count(*) FROM items WHERE key IN ('h10-1', 'h10-2', 'h10-3')"
check "a NUL in a header: refused, named (not 'not HTTP')" \
    health nul-header-xml "the server sent a NUL byte in a response header, which HTTP forbids"
check "a header line of 100 KiB: 'response headers too large'" \
    health header-100k-xml "response headers too large"
check "an RSS body sent as text/html: read as the feed it is" count 1 \
    "SELECT items FROM sources WHERE name = 'rss-as-html' AND failures = 0"
check "an HTML error page sent as application/rss+xml: read as the page it is" \
    health html-as-rss-xml "neither a feed nor"
check "a 302 whose body never ends: the redirect's body named, not a bare timeout" \
    health redirect-forever "the server's redirect (HTTP status 302) came with a body that did not end within 10 s"
check "a 302 that announces a body of 20 GB: named as the redirect's, not followed" \
    health redirect-huge "the server's redirect (HTTP status 302) announces a body larger than 10 MiB"
check "chunked trailers that never end: named as trailers, not as headers" \
    health trailers-forever-xml "the server sent the body, then header lines after it (chunked trailers) that did not end (over 256 KiB"
check "... nor when they come slowly: named, not a bare timeout" \
    health trailers-slow-xml "then header lines after it (chunked trailers) that did not end within 10 s"
check "a trailer line of 1 MiB: named as a trailer, not 'out of memory'" \
    health trailer-long-xml "then a header line after it (a chunked trailer) longer than 64 KiB"
check "a first header line folded: named, what it means" \
    health fold-first-xml "first response header line starts with a blank"
check "a 308 is a permanent move: logged as one" \
    grep -q "source moved-308: permanently moved to $url/neutral.xml?via=308" \
    "$tmp/raqib.err"
check "... and shown in raqib sources, with the url to set, until the config changes" \
    sh -c '"$1" sources -c "$2" | grep "^moved-308 " | grep -qF "moved for good (HTTP 301 or 308): set url = $3/neutral.xml?via=308 in the config"' \
    - "$RAQIB" "$tmp/raqib.conf" "$url"
check "... a 307 is not, and both are read" test \
    "$(grep -c 'source moved-307: permanently' "$tmp/raqib.err") $(sqlite3 "$tmp/raqib.db" "SELECT count(*) FROM sources WHERE name LIKE 'moved-30%' AND items = 1 AND failures = 0")" = "0 2"
wait "$lt"
lt_rc=$?
check "10 MiB of '<': not a feed nor a page, said in bounded time (exit 1, not killed: $lt_rc)" \
    test "$lt_rc" -eq 1
check "... and said so" grep -q "neither a feed nor a page" "$tmp/lt.err"
check "no source was left without a health row" count \
    "$(grep -c '^\[source ' "$tmp/raqib.conf")" \
    "SELECT count(*) FROM sources WHERE last_attempt IS NOT NULL"
check "a host under .invalid: its health row says it could not be resolved" \
    health nowhere "could not resolve the host name"
check "... by DNS, and what to check" health nowhere \
    "(DNS knows no such name, or could not be asked): check the url's host for a typo"
check "a host in Cyrillic letters: asked by its xn-- name (not 'malformed URL')" \
    health idn-host "could not resolve the host name (DNS knows no such name, or could not be asked): check the url's host for a typo; if the site opens in a browser, check this machine's network and DNS (Could not resolve host: xn--e1afmkfd.raqib-test.invalid)"
# What reached the notification server and the exec sink.
fsi=$(printf '\342\201\250')
pdi=$(printf '\342\201\251')
rlo=$(printf '\342\200\256')
bus_notifications >"$tmp/notified"
cut -f3 "$tmp/notified" >"$tmp/summaries"
summary_is() { # text
	grep -qxF -- "$1" "$tmp/summaries" && return 0
	echo "# no summary '$1' among:"
	sed 's/^/#   /' "$tmp/summaries"
	return 1
}
check "a title of tags and entities reaches the summary as text (read back from D-Bus)" \
    summary_is "kazakhstan: ${fsi}‹b›x‹/b› ＆amp; ‹img src=\"file:///etc/passwd\"› ‹a href=\"http://evil.example/\"›كازاخستان‹/a›$pdi"
check "no summary holds a character a server could read as markup" \
    test -z "$(grep '[<>&]' "$tmp/summaries")"
check "the body (a server that reads markup) has the summary's tags escaped, the hit bold" \
    grep -qF -- "${fsi}&lt;b&gt;<b>كازاخستان</b>&lt;/b&gt; &amp; &lt;i&gt;more&lt;/i&gt;$pdi" \
    "$tmp/notified"
check "an override a title never ends reaches neither summary nor body" \
    test -z "$(grep -F "$rlo" "$tmp/notified")"
check "... nor RAQIB_TITLE nor the JSON of an exec sink" \
    test -z "$(grep -hF "$rlo" "$tmp/sunk" "$tmp/sunk.json")"
check "... and the title is still there, the override dropped" \
    grep -qxF "http://127.0.0.1/text/2	كازاخستان gnp.exe" "$tmp/sunk"
check "Arabic with C5 + 1 inside one title: isolated, as written" \
    summary_is "kazakhstan: ${fsi}قمة C5 + 1 في كازاخستان$pdi"
check "... and its summary's sentence isolated in the body" grep -qF -- \
    "${fsi}قادة <b>كازاخستان</b> في قمة C5 + 1$pdi" "$tmp/notified"
check "one title over two texts: two stories, two notifications" test \
    "$(grep -cxF "kazakhstan: ${fsi}أبرز أخبار اليوم من كازاخستان$pdi" \
    "$tmp/summaries")" -eq 2
check "one title over two texts: two stories, both reach the exec sink" \
    test "$(grep -c '^http://127.0.0.1/text/[45]	' "$tmp/sunk")" -eq 2

long=$(grep -c '^	كازاخستان طويل' "$tmp/sunk")
check "a 200,000-character title reaches the exec sink (once)" test "$long" -eq 1
# Its RAQIB_LINK and the length of its RAQIB_TITLE, in characters.
long_sunk=$(/usr/bin/python3 -c 'import sys
for l in open(sys.argv[1], encoding="utf-8"):
    link, title = l.rstrip("\n").split("\t", 1)
    if title.startswith("كازاخستان طويل"):
        print("[%s] %d" % (link, len(title)))' "$tmp/sunk")
check "... cut to its opening 400 characters or so, its 20,000-byte link left out" \
    test "${long_sunk%% *}" = "[]" -a "${long_sunk##* }" -le 401
check "no alert is left pending for any sink" count 0 \
    "SELECT count(*) FROM alerts WHERE delivered IS NULL"

version=$("$RAQIB" --version | awk '{print $2}')
check "the server is told raqib's name, version and project URL, once" count 1 \
    "SELECT count(*) FROM items WHERE title GLOB 'raqib/$version (*; +https://*)'
     AND title NOT LIKE '%|%'"

# Again, the honest source beside the unresolvable one, and those whose
# second answer differs (an empty body, a 500, an "Access Denied" page or a
# network's sign-in page sent as a 200, the same stories under new
# validators, blanks and tracking parameters, or a new guid and link):
# what is stored stays.
before=$(sqlite3 "$tmp/raqib.db" 'SELECT count(*) FROM items; SELECT count(*) FROM alerts')
{
	printf '[raqib]\ndatabase = %s/raqib.db\ntimeout = 10s\ncatch_up = all\n' "$tmp"
	printf '[source good-xml]\nurl = %s/good.xml\n' "$url"
	printf '[source etag-huge-xml]\nurl = %s/etag-huge.xml\n' "$url"
	for s in empty flaky churn guid deny portal; do
		printf '[source turn-%s-a]\nurl = %s/turn/%s/a\n' "$s" "$url" "$s"
	done
	printf '[source nowhere]\nurl = http://feeds.raqib-test.invalid:%s/good.xml\n' \
	    "$port"
	printf '[topic kazakhstan]\nmatch = كازاخستان\n'
} >"$tmp/again.conf"
timeout 60 "$RAQIB" --once -c "$tmp/again.conf" 2>"$tmp/again.err"
check "polled again beside it: exit 0" test $? -eq 0
check "nothing stored is lost, nothing alerts twice" test "$before" = \
    "$(sqlite3 "$tmp/raqib.db" 'SELECT count(*) FROM items; SELECT count(*) FROM alerts')"
check "the unresolvable host counts two failures in a row" count 2 \
    "SELECT failures FROM sources WHERE name = 'nowhere'"
check "a 20 KB ETag was not sent back: polled again, still no failure" count 0 \
    "SELECT failures FROM sources WHERE name = 'etag-huge-xml'"
check "a feed read, then a 200 with an empty body: 'empty body', a failure" \
    health turn-empty-a "empty body"
check "... its story still stored, not pruned as gone, its count kept" count 1 \
    "SELECT count(*) FROM items i JOIN sources s ON s.id = i.source_id WHERE s.name = 'turn-empty-a' AND s.items = 1 AND i.key = 'empty-1'"
check "a feed read, then a 500: a failure, its story still stored" count 1 \
    "SELECT count(*) FROM items i JOIN sources s ON s.id = i.source_id WHERE s.name = 'turn-flaky-a' AND s.failures = 1 AND i.key = 'flaky-1'"
check "a feed read, then 'Access Denied' with status 200: named, what to do" \
    health turn-deny-a "the server answered with a page saying access is denied (an error page sent as a success, as a site or its firewall shows the readers it blocks), instead of the content; open the url in a browser on this machine"
check "... a failure, its story still stored, its count kept" count 1 \
    "SELECT count(*) FROM items i JOIN sources s ON s.id = i.source_id WHERE s.name = 'turn-deny-a' AND s.failures = 1 AND s.items = 1 AND i.key = 'deny-1'"
check "a feed read, then a hotel Wi-Fi's sign-in page: named, what to do" \
    health turn-portal-a "the server answered with a network's sign-in page (a captive portal, as a hotel's, an airport's or an office's Wi-Fi shows until you accept its terms), not the site; open an http:// page in a browser and sign in to the network"
check "... a failure, its story still stored, its count kept" count 1 \
    "SELECT count(*) FROM items i JOIN sources s ON s.id = i.source_id WHERE s.name = 'turn-portal-a' AND s.failures = 1 AND s.items = 1 AND i.key = 'portal-1'"
check "the same story under a new ETag, Last-Modified, blanks and tracking parameters: read, one item" count 1 \
    "SELECT count(*) FROM items i JOIN sources s ON s.id = i.source_id WHERE s.name = 'turn-churn-a' AND s.failures = 0"
check "... and one alert, not two" count 1 \
    "SELECT count(*) FROM alerts WHERE source = 'turn-churn-a'"
check "the same story under a new guid and link: read, one alert, not two" count 1 \
    "SELECT count(*) FROM alerts a JOIN sources s ON s.name = a.source WHERE s.name = 'turn-guid-a' AND s.failures = 0"

# The daemon, polling every 10 minutes: a 410 is asked again after hours;
# every minute, a 503 that asks for 2 minutes gets them, and one that asks
# for three years gets the cap, 6 hours, not silence.
{
	printf '[raqib]\ndatabase = %s/raqib.db\ntimeout = 10s\n' "$tmp"
	printf '[source gone-xml]\nurl = %s/gone.xml\ninterval = 10m\n' "$url"
	printf '[source busy-xml]\nurl = %s/busy.xml\ninterval = 1m\n' "$url"
	printf '[source busy-absurd-xml]\nurl = %s/busy-absurd.xml\ninterval = 1m\n' \
	    "$url"
	printf '[topic kazakhstan]\nmatch = كازاخستان\n'
} >"$tmp/gone.conf"
"$RAQIB" -c "$tmp/gone.conf" 2>"$tmp/gone.err" &
daemon=$!
i=0
while ! grep -qs 'first polls' "$tmp/gone.err" && [ $i -lt 300 ]; do
	sleep 0.1
	i=$((i + 1))
done
kill -USR1 "$daemon"
i=0
logged() { grep -q "source $1: .*retrying in" "$tmp/gone.err"; }
while ! { logged gone-xml && logged busy-xml && logged busy-absurd-xml; } &&
    [ $i -lt 300 ]; do
	sleep 0.1
	i=$((i + 1))
done
kill "$daemon"
wait "$daemon"
retry=$(sed -n 's/.*source gone-xml: .*retrying in \([0-9]*\) s$/\1/p' \
    "$tmp/gone.err" | tail -n 1)
check "a 410 is polled again in hours, not in 10 minutes: ${retry:-?} s" \
    test "${retry:-0}" -ge 3600
retry=$(sed -n 's/.*source busy-xml: .*asks to wait 120 s; retrying in \([0-9]*\) s$/\1/p' \
    "$tmp/gone.err" | tail -n 1)
check "a 503 asking for 120 s, polled every minute: waited for, logged: ${retry:-?} s" \
    test "${retry:-0}" -ge 120 -a "${retry:-0}" -le 150
retry=$(sed -n 's/.*source busy-absurd-xml: .*retrying in \([0-9]*\) s$/\1/p' \
    "$tmp/gone.err" | tail -n 1)
check "a 503 asking for three years: polled again in 6 hours, not silenced: ${retry:-?} s" \
    test "${retry:-0}" -eq 21600

# The daemon, three sources that hang (one after its headers and part of
# its body) beside an honest one: its alert comes while they still hang (they write their health rows only when cut off).
cat >"$tmp/sink2" <<EOF
#!/bin/sh
printf '%s\n' "\$RAQIB_LINK" >>"$tmp/sunk2"
EOF
chmod +x "$tmp/sink2"
{
	printf '[raqib]\ndatabase = %s/hang.db\ncatch_up = all\n' "$tmp"
	printf '[source silent]\nurl = %s/silent\n' "$url"
	printf '[source headers-forever]\nurl = %s/headers-forever\n' "$url"
	printf '[source stall-mid]\nurl = %s/stall-mid.xml\n' "$url"
	printf '[source good]\nurl = %s/good.xml\n' "$url"
	printf '[topic kazakhstan]\nmatch = كازاخستان\nnotify = exec:%s\n' \
	    "$tmp/sink2"
} >"$tmp/hang.conf"
"$RAQIB" -c "$tmp/hang.conf" 2>"$tmp/hang.err" &
daemon=$!
i=0
while ! grep -qs 'first polls' "$tmp/hang.err" && [ $i -lt 300 ]; do
	sleep 0.1
	i=$((i + 1))
done
kill -USR1 "$daemon"
i=0
while [ ! -s "$tmp/sunk2" ] && [ $i -lt 300 ]; do
	sleep 0.1
	i=$((i + 1))
done
hung=$(sqlite3 "$tmp/hang.db" \
    "SELECT count(*) FROM sources WHERE last_attempt IS NULL AND name <> 'good'")
kill "$daemon"
wait "$daemon"
check "three hanging sources (one stalled mid-body): the honest one's alert is delivered" \
    grep -qxF "http://127.0.0.1/good/1" "$tmp/sunk2"
check "... while all three still hang, not after they are cut off" \
    test "$hung" -eq 3

# The daemon, a source whose gzip body is cut short at every poll: the
# warning is logged once, not once a poll; beside it one that answers 200,
# 500, 200: the failure logged once, the next poll reads it again.
{
	printf '[raqib]\ndatabase = %s/cut.db\n' "$tmp"
	printf '[source gzip-cut]\nurl = %s/gzip-cut.xml\n' "$url"
	printf '[source flaky]\nurl = %s/turn/flaky/d\n' "$url"
	printf '[topic kazakhstan]\nmatch = كازاخستان\n'
} >"$tmp/cut.conf"
"$RAQIB" -v -c "$tmp/cut.conf" 2>"$tmp/cut.err" &
daemon=$!
# Lines of its log that match; 0 before the log exists, as on a busy
# machine the daemon may not have opened it yet (a signal sent then
# would kill it before it installs its handlers).
cut_lines() { # pattern
	_n=$(grep -c "$1" "$tmp/cut.err" 2>/dev/null)
	echo "${_n:-0}"
}
for polls in 1 2 3; do
	i=0
	while { [ "$(cut_lines 'source gzip-cut: [0-9]* items')" -lt $polls ] ||
	    [ "$(cut_lines 'source flaky: ')" -lt $polls ]; } &&
	    [ $i -lt 300 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -USR1 "$daemon"
done
kill "$daemon"
wait "$daemon"
check "three polls of a cut gzip body: three polls read" \
    test "$(grep -c 'source gzip-cut: [0-9]* items' "$tmp/cut.err")" -ge 3
check "... and its warning logged once" \
    test "$(grep -c 'source gzip-cut: the server.s gzip-compressed body stops' \
    "$tmp/cut.err")" -eq 1
check "200, 500, 200: the 500 logged, with when it is tried again" \
    grep -q 'source flaky: HTTP status 500 (server error).*; retrying in [0-9]* s$' \
    "$tmp/cut.err"
check "... once for its one failure, not at each poll" test \
    "$(grep 'source flaky: ' "$tmp/cut.err" | sed -n 1,3p | grep -c 'status 500')" -eq 1
check "... and the poll after it reads the feed again" test \
    "$(grep 'source flaky: ' "$tmp/cut.err" | sed -n 3p | grep -c ' items, ')" -eq 1

# The daemon, one transfer at a time so that each ends on the handle and
# connection the next takes: honest feeds between hostile ones, over eight
# polls (200 transfers). Each poll, every honest source reads whole (no
# error, no failure) and each hostile one is named for its own fault,
# whatever came before it on the handle; the daemon's open files do not grow, and while it waits
# (a server that closed its kept-alive connection) it does not spin.
reuse_bad="gzip-bomb.xml silent to-login to-ftp long-location redirect/0 \
x-foo.xml partial-206.xml nul-header.xml reset-mid.xml fold-first.xml"
{
	printf '[raqib]\ndatabase = %s/reuse.db\ntimeout = %ss\n' "$tmp" "$short"
	printf 'connections = 1\nper_host = 1\n'
	n=0
	for s in $reuse_bad; do
		n=$((n + 1))
		printf '[source bad-%d]\nurl = %s/%s\n' "$n" "$url" "$s"
		printf '[source good-%d]\nurl = %s/neutral.xml?n=%d\n' "$n" "$url" "$n"
	done
	printf '[source close-each]\nurl = %s/close-each.xml\n' "$url"
	printf '[source idle-close]\nurl = %s/idle-close.xml\n' "$url"
	printf '[source cookie-check]\nurl = %s/cookie-check.xml\n' "$url"
	printf '[topic kazakhstan]\nmatch = كازاخستان\n'
} >"$tmp/reuse.conf"
nbad=$(echo $reuse_bad | wc -w)
"$RAQIB" -v -c "$tmp/reuse.conf" 2>"$tmp/reuse.err" &
daemon=$!
i=0
while ! grep -qs 'first polls' "$tmp/reuse.err" && [ $i -lt 300 ]; do
	sleep 0.1
	i=$((i + 1))
done
reuse_sql() { sqlite3 "$tmp/reuse.db" "$1" 2>/dev/null; }
# Poll r has ended when every hostile source failed r times (or more: the first
# polls, spread, may have begun) and every
# honest one logged its r-th read.
reuse_read() { # source
	grep -c "source $1: [0-9]* items" "$tmp/reuse.err"
}
reuse_ended() { # r
	[ "$(reuse_sql "SELECT count(*) FROM sources WHERE name LIKE 'bad-%' AND failures >= $1")" = "$nbad" ] ||
	    return 1
	for _s in $(reuse_sql "SELECT name FROM sources WHERE name NOT LIKE 'bad-%'"); do
		[ "$(reuse_read "$_s")" -ge "$1" ] || return 1
	done
}
reuse_poll() { # r
	kill -USR1 "$daemon"
	i=0
	while ! reuse_ended "$1"; do
		[ $i -lt 600 ] || return 1
		sleep 0.1
		i=$((i + 1))
	done
}
# Each honest source: read at this poll, status 200, no error, no failure.
reuse_good() {
	_bad=$(reuse_sql "SELECT name || ': ' || coalesce(last_status, '-') || ' ' || failures || ' ' || coalesce(last_error, '') FROM sources WHERE name NOT LIKE 'bad-%' AND (last_status IS NOT 200 OR failures <> 0 OR last_error IS NOT NULL OR last_success IS NOT last_attempt OR items <> 1)")
	[ -z "$_bad" ] && return 0
	echo "$_bad" | sed 's/^/# /'
	return 1
}
# Each hostile source named for its own fault, nothing else's.
reuse_named() {
	_n=0
	_miss=
	for _s in $reuse_bad; do
		_n=$((_n + 1))
		case $_s in
		gzip-bomb.xml) _want="larger than 10 MiB" ;;
		silent) _want="accepted the connection but sent nothing" ;;
		to-login) _want="a URL with a user name or password in it" ;;
		to-ftp) _want="ftp" ;;
		long-location) _want="a redirect to a URL of 65549 bytes" ;;
		redirect/0) _want="gave up after 5 redirects" ;;
		x-foo.xml) _want="in a compression raqib did not ask for" ;;
		partial-206.xml) _want="a piece of the body (HTTP status 206" ;;
		nul-header.xml) _want="a NUL byte in a response header" ;;
		reset-mid.xml) _want="connection" ;;
		fold-first.xml) _want="header line starts with a blank" ;;
		esac
		_err=$(reuse_sql "SELECT last_error FROM sources WHERE name = 'bad-$_n'")
		case $_err in
		*"$_want"*) ;;
		*) _miss="$_miss bad-$_n ($_s): '$_err';" ;;
		esac
	done
	[ -z "$_miss" ] && return 0
	echo "# $_miss"
	return 1
}
fds() { ls "/proc/$daemon/fd" | wc -l; }
cpu() { awk '{print $14 + $15}' "/proc/$daemon/stat"; }
# Eight polls, 25 transfers each; the checks name the first poll that
# goes wrong.
reuse_ended=0 reuse_read_ok=0 reuse_named_ok=0
for r in 1 2 3 4 5 6 7 8; do
	reuse_poll $r || break
	reuse_ended=$r
	reuse_good && reuse_read_ok=$r
	reuse_named && reuse_named_ok=$r
	[ $reuse_read_ok -eq $r ] && [ $reuse_named_ok -eq $r ] || break
	[ $r -eq 1 ] && fds1=$(fds)
done
fds8=$(fds)
cpu0=$(cpu)
sleep 2
cpu1=$(cpu)
kill "$daemon"
wait "$daemon"
check "reused handles: eight polls end: $reuse_ended" test $reuse_ended -eq 8
check "... at each, every honest source read whole, status 200, no error: $reuse_read_ok" \
    test $reuse_read_ok -eq 8
check "... and every hostile source named for its own fault: $reuse_named_ok" \
    test $reuse_named_ok -eq 8
check "... open files after poll 1 and poll 8 the same: ${fds1:-?}, $fds8" \
    test "${fds1:-0}" -eq "$fds8"
check "... waiting 2 s past a closed idle connection, no busy loop: $((cpu1 - cpu0)) ticks" \
    test $((cpu1 - cpu0)) -le 20
# A second server, raw bytes on sockets (127.0.0.1 to 127.0.0.6, one
# port), for what the first does not play: a 100 Continue before the
# answer and one after which nothing comes, a chunk of 2^63 bytes and one that never ends, a Location with a
# NUL or a bare CR in it, a redirect to [::1] and a chain over 80 hosts, a
# Retry-After in the past, negative and of a year, a server of HTTP/2
# alone and one of TLS answering plain HTTP, a Content-Length of 20 GB, a 101
# that switches protocols unasked and then holds the connection, a feed
# sent as application/octet-stream, and eight URLs of one host that accept
# and never answer beside honest sources on another. Then polled five
# times: one whose ETag and Last-Modified change at every poll over the
# same body, one whose Last-Modified is in 2100.
cat >"$tmp/raw.py" <<'PY'
import socket, sys, threading, time
port = 0
FEED = ('<rss version="2.0"><channel><title>t</title><item><title>'
        'كازاخستان %s</title><link>http://127.0.0.1/raw/%s</link>'
        '<guid>raw-%s</guid></item></channel></rss>')
polls = {}
def answer(code, body=b"", head=b"", ctype=b"application/rss+xml",
           keep=False):
    if not keep:
        head += b"Connection: close\r\n"
    return (b"HTTP/1.1 %d X\r\nContent-Type: %s\r\nContent-Length: %d\r\n"
            b"%s\r\n" % (code, ctype, len(body), head) + body)
def feed(name):
    return (FEED % (name, name, name)).encode()
def redirect(to):
    return b"HTTP/1.1 302 X\r\nLocation: " + to + \
        b"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
def reply(path, req, c):
    name = path.strip("/").split("?")[0]
    if name == "continue":
        return b"HTTP/1.1 100 Continue\r\n\r\n" + answer(200, feed(name))
    if name == "chunk-2p63":
        return (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                b"8000000000000000\r\n" + feed(name))
    if name == "deaf":
        # Kept alive, then deaf: a second request on it is never answered.
        c.sendall(answer(200, feed(path.split("?")[-1]), keep=True))
        c.settimeout(20)
        try:
            while c.recv(4096):
                pass
        except OSError:
            pass
        return b""
    if name in ("chunk-forever", "switch", "hang", "continue-hang"):
        head = {"chunk-forever": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: "
                b"chunked\r\n\r\n7fffffffffffffff\r\n" + feed(name),
                "switch": b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: "
                b"websocket\r\nConnection: Upgrade\r\n\r\n",
                "continue-hang": b"HTTP/1.1 100 Continue\r\n\r\n",
                "hang": b""}[name]
        c.sendall(head)
        c.settimeout(20)
        try:
            c.recv(1)
        except OSError:
            pass
        return b""
    if name == "loc-nul":
        return redirect(b"/good.xml?nul\0evil")
    if name == "loc-cr":
        return redirect(b"/good.xml?cr\rX-Injected: 1")
    if name == "to-v6":
        return redirect(b"http://[::1]:1/good.xml")
    if name.startswith("hop-"):
        n = int(name[4:]) + 1
        return redirect(b"http://127.0.0.%d:%d/hop-%d" % (n, port, n))
    if name == "h2":
        # An HTTP/2 server's first frames (SETTINGS, GOAWAY) to HTTP/1.1.
        return (b"\0\0\x06\x04\0\0\0\0\0\0\x03\0\0\0\x64"
                b"\0\0\x08\x07\0\0\0\0\0\0\0\0\0\0\0\0\x01")
    if name == "tls-alert":
        return b"\x15\x03\x01\0\x02\x02\x46"
    if name == "retry-neg":
        return answer(503, head=b"Retry-After: -3600\r\n")
    if name == "retry-past":
        return answer(503, head=b"Retry-After: Wed, 21 Oct 2015 07:28:00 GMT\r\n")
    if name == "retry-year":
        return answer(429, head=b"Retry-After: 31536000\r\n")
    if name == "length-20g":
        return (b"HTTP/1.1 200 OK\r\nContent-Length: 20000000000\r\n"
                b"Connection: close\r\n\r\n" + feed(name))
    if name == "octet":
        return answer(200, feed(name), ctype=b"application/octet-stream")
    if name == "churn":
        polls[name] = polls.get(name, 0) + 1
        n = polls[name]
        return answer(200, feed(name), b'ETag: "churn-%d"\r\nLast-Modified: '
                      b"Mon, %02d Jan 2024 00:00:00 GMT\r\n" % (n, n))
    if name == "future":
        lm = b"Fri, 01 Jan 2100 00:00:00 GMT"
        if b"\r\nif-modified-since: " + lm.lower() in req.lower():
            return answer(304)
        return answer(200, feed(name), b"Last-Modified: " + lm + b"\r\n")
    if name == "bidi":
        # A title that turns the text after it around (U+202E), isolates
        # left open (U+2066) and a C1 CSI (U+009B).
        return answer(200, (FEED % ("\u202egnp.exe \u2066\u009b2J", name,
                                    name)).encode())
    if name == "good.xml":
        return answer(200, feed(path.split("?")[-1]))
    return answer(404)
def serve(c):
    req = b""
    with c:
        try:
            while b"\r\n\r\n" not in req and len(req) < 65536:
                d = c.recv(4096)
                if not d:
                    return
                req += d
            path = req.split(b" ")[1].decode("latin-1")
            log.write(path + "\n")
            log.flush()
            c.sendall(reply(path, req, c))
            c.shutdown(socket.SHUT_WR)
            c.settimeout(5)
            while c.recv(4096):
                pass
        except OSError:
            pass
def listen(s):
    while True:
        c = s.accept()[0]
        threading.Thread(target=serve, args=(c,), daemon=True).start()
log = open(sys.argv[1], "a")
socks = []
for i in range(1, 7):
    s = socket.socket()
    s.bind(("127.0.0.%d" % i, port))
    port = s.getsockname()[1]
    s.listen(64)
    socks.append(s)
for s in socks:
    threading.Thread(target=listen, args=(s,), daemon=True).start()
print("port", port, flush=True)
time.sleep(120)
PY
/usr/bin/python3 "$tmp/raw.py" "$tmp/raw.log" >"$tmp/raw.port" 2>"$tmp/raw.err" &
raw=$!
i=0
while ! grep -qs "^port" "$tmp/raw.port" && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
rport=$(awk '/^port/ {print $2}' "$tmp/raw.port")
raw_url="http://127.0.0.1:$rport"
{
	printf '[raqib]\ndatabase = %s/raw.db\ntimeout = %ss\ncatch_up = all\n' \
	    "$tmp" "$short"
	for s in continue continue-hang chunk-2p63 chunk-forever switch \
	    loc-nul loc-cr \
	    to-v6 hop-1 retry-past length-20g octet churn future \
	    h2 tls-alert retry-neg bidi; do
		printf '[source %s]\nurl = %s/%s\n' "$s" "$raw_url" "$s"
	done
	# A 429 holds its whole host back: on a host of its own.
	printf '[source retry-year]\nurl = http://127.0.0.6:%s/retry-year\n' \
	    "$rport"
	for n in 1 2 3 4 5 6 7 8; do
		printf '[source hang-%d]\nurl = http://127.0.0.2:%s/hang?%d\n' \
		    "$n" "$rport" "$n"
	done
	for n in 1 2 3; do
		printf '[source honest-%d]\nurl = %s/good.xml?honest-%d\n' \
		    "$n" "$raw_url" "$n"
	done
	printf '[topic kazakhstan]\nmatch = كازاخستان\n'
} >"$tmp/raw.conf"
raw_db() { sqlite3 "$tmp/raw.db" "$1"; }
raw_health() { # source, text expected in last_error
	_err=$(raw_db "SELECT last_error FROM sources WHERE name = '$1'")
	case $_err in
	*"$2"*) return 0 ;;
	esac
	echo "# $1: last_error is '$_err'"
	return 1
}
raw_read() { # source: read at its last poll, one item, no failure
	test "$(raw_db "SELECT items || ' ' || failures FROM sources WHERE name = '$1'")" = "1 0"
}
timeout 60 "$RAQIB" --once -c "$tmp/raw.conf" 2>"$tmp/raw.err1"
check "the raw server's sources, polled: exit 0" test $? -eq 0
check "100 Continue before the 200: read" raw_read continue
check "a chunk of 2^63 bytes: the chunked encoding named as broken" \
    raw_health chunk-2p63 "the body's chunked encoding is broken"
check "a chunk that never ends: timed out mid-body, said so, what to do" \
    raw_health chunk-forever "timed out after $short s in the middle of the body"
check "a 100 Continue, then nothing: named as that, not as a body that stalled" \
    raw_health continue-hang "the server sent an interim answer (HTTP status 100, continue) and then no answer within $short s"
check "a 101 switching protocols unasked: named at once, not a timeout" \
    raw_health switch "HTTP status 101 (switching protocols): the server left HTTP for another protocol"
check "a Location with a NUL: the NUL named, not followed" \
    raw_health loc-nul "a NUL byte in a response header"
check "a Location with a bare CR: cut there, read, nothing injected" \
    raw_read loc-cr
check "... the request it led to is the URL before the CR" \
    test "$(grep -c '^/good.xml?cr$' "$tmp/raw.log")" -eq 1
check "a redirect to [::1]: the redirect's URL named as what failed" \
    raw_health to-v6 "a redirect led to http://[::1]:1/good.xml, which failed"
check "a chain over 80 hosts: cut after 5, the last named" \
    raw_health hop-1 "gave up after 5 redirects (the last to http://127.0.0.6:$rport/hop-6)"
check "a Retry-After in the past: a 503, no wait claimed" test \
    "$(raw_db "SELECT count(*) FROM sources WHERE name = 'retry-past' AND last_error LIKE 'HTTP status 503 %' AND last_error NOT LIKE '%asks to wait%'")" -eq 1
check "... nor when it is negative" test \
    "$(raw_db "SELECT count(*) FROM sources WHERE name = 'retry-neg' AND last_error LIKE 'HTTP status 503 %' AND last_error NOT LIKE '%asks to wait%'")" -eq 1
check "a server of HTTP/2 alone (its SETTINGS frame to HTTP/1.1): named, what to try" \
    raw_health h2 "the server's answer is not HTTP/1.1 but HTTP/2 alone, without TLS (it answered raqib's HTTP/1.1 request in HTTP/2), so nothing was read: raqib speaks HTTP/2 over https only; try the url with https://"
check "a TLS alert to plain HTTP: named, https:// to try" \
    raw_health tls-alert "the server's answer is not HTTP but TLS (a TLS record): the port wants https; try the url with https://"
check "a Retry-After of a year: capped at 6 hours" \
    raw_health retry-year "(the server asks to wait 21600 s)"
check "a Content-Length of 20 GB on a 200: named as announced, nothing said cut" \
    raw_health length-20g "the server announces a body larger than 10 MiB (its Content-Length), so nothing was read"
check "a feed sent as application/octet-stream: read" raw_read octet
# What a terminal would act on: the raw bytes of U+202E, U+2066, U+009B.
controls=$(printf '\342\200\256|\342\201\246|\302\233')
"$RAQIB" parse "$raw_url/bidi" >"$tmp/bidi.out" 2>&1
"$RAQIB" history -c "$tmp/raw.conf" >>"$tmp/bidi.out" 2>&1
"$RAQIB" search -c "$tmp/raw.conf" gnp >>"$tmp/bidi.out" 2>&1
check "a title's bidi override and open isolate (its C1 CSI read as ›): escaped in raqib parse, history and search" \
    test "$(grep -cE "$controls" "$tmp/bidi.out")" -eq 0 -a \
    "$(grep -c 'u202egnp.exe \\u2066' "$tmp/bidi.out")" -ge 3
check "... and parse's JSON still reads as the title sent" /usr/bin/python3 -c '
import json, sys
t = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{\"title")][0]
sys.exit(t["title"] != "\u0643\u0627\u0632\u0627\u062e\u0633\u062a\u0627\u0646 \u202egnp.exe \u2066\u203a2J")' "$tmp/bidi.out"
check "eight URLs of one host that never answer: each named" test \
    "$(raw_db "SELECT count(*) FROM sources WHERE name LIKE 'hang-%' AND last_error LIKE '%accepted the connection but sent nothing for % s, so%'")" -eq 8
check "... the four beyond per_host waited outside the timeout, the honest host's three were read" \
    test "$(raw_db "SELECT count(*) FROM sources WHERE name LIKE 'honest-%' AND items = 1 AND failures = 0")" -eq 3
check "... and read before the hanging ones were cut off" test \
    "$(raw_db "SELECT (SELECT max(last_attempt) FROM sources WHERE name LIKE 'hang-%') - (SELECT max(last_success) FROM sources WHERE name LIKE 'honest-%')")" -ge $((short + 1))
# With connections = 8, the hanging host takes every place: the honest
# sources wait one timeout, then are read.
sed "s/^timeout = ${short}s\$/&\\nconnections = 8\\nper_host = 8/" \
    "$tmp/raw.conf" >"$tmp/raw8.conf"
timeout 60 "$RAQIB" --once -c "$tmp/raw8.conf" 2>"$tmp/raw.err2"
check "every place taken by a host that hangs: the honest sources still read" \
    test "$(raw_db "SELECT count(*) FROM sources WHERE name LIKE 'honest-%' AND failures = 0")" -eq 3
{
	printf '[raqib]\ndatabase = %s/raw.db\ncatch_up = all\n' "$tmp"
	for s in churn future; do
		printf '[source %s]\nurl = %s/%s\n' "$s" "$raw_url" "$s"
	done
	printf '[topic kazakhstan]\nmatch = كازاخستان\n'
} >"$tmp/churn.conf"
pages0=
for poll in 3 4 5 6; do
	timeout 60 "$RAQIB" --once -c "$tmp/churn.conf" 2>>"$tmp/raw.err3" || break
	[ -n "$pages0" ] || pages0=$(raw_db 'PRAGMA page_count')
done
check "six polls, an ETag and Last-Modified new at each over the same body: one item, one alert" \
    test "$(raw_db "SELECT count(*) FROM items i JOIN sources s ON s.id = i.source_id WHERE s.name = 'churn'") $(raw_db "SELECT count(*) FROM alerts WHERE source = 'churn'")" = "1 1"
check "... read at each (no failure), and the database did not grow: $pages0, $(raw_db 'PRAGMA page_count') pages" \
    test "$(raw_db "SELECT failures FROM sources WHERE name = 'churn'") $pages0" = "0 $(raw_db 'PRAGMA page_count')"
check "a Last-Modified in 2100: kept as sent, sent back, answered 304, no failure" \
    test "$(raw_db "SELECT last_modified || ' ' || last_status || ' ' || failures FROM sources WHERE name = 'future'")" = "Fri, 01 Jan 2100 00:00:00 GMT 304 0"
# One transfer at a time on a server that keeps its connection open after
# an answer but never answers another request on it: the second source,
# sent on that connection, is asked again on a new one.
{
	printf '[raqib]\ndatabase = %s/deaf.db\ntimeout = %ss\n' "$tmp" "$short"
	printf 'connections = 1\nper_host = 1\n'
	for n in 1 2 3; do
		printf '[source deaf-%d]\nurl = %s/deaf?deaf-%d\n' "$n" "$raw_url" "$n"
	done
	printf '[topic kazakhstan]\nmatch = كازاخستان\n'
} >"$tmp/deaf.conf"
timeout 60 "$RAQIB" --once -c "$tmp/deaf.conf" 2>"$tmp/deaf.err"
check "a server deaf past its first answer on a connection: every source read" \
    test "$(sqlite3 "$tmp/deaf.db" "SELECT count(*) FROM sources WHERE items = 1 AND failures = 0")" -eq 3
kill "$raw" 2>/dev/null
tap_status
