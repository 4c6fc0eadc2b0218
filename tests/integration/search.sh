#!/bin/sh
# raqib search over a real archive: two fixture feeds on 127.0.0.1, items
# dated over two weeks, polled by raqib into a real SQLite file. Checks the
# Arabic clitics and nisba, harakat and tatweel, English forms, --since,
# --source, --json, and a search beside the running daemon.
B=${B:-build}
RAQIB="$(pwd)/$B/raqib"

if [ -z "${RAQIB_SEARCH_BUS:-}" ]; then
	RAQIB_SEARCH_BUS=1 exec dbus-run-session \
	    --config-file=tests/lib/session-noservices.conf -- sh "$0" "$@"
fi

. tests/lib/tap.sh
. tests/lib/fixtures.sh
. tests/lib/feedgen.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/raqib-search.XXXXXX")
DAEMON_PID=
trap '[ -z "$DAEMON_PID" ] || kill "$DAEMON_PID"; fixtures_stop; rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config"
export XDG_STATE_HOME="$tmp/home/.local/state"
now=$(date +%s)
day=86400
U=http://127.0.0.1

fixtures_server "$tmp" || { echo "not ok 1 - fixture server starts"; exit 1; }
mkdir -p "$tmp/www"
feedgen_rss "$tmp/www/asdaa.xml" <<FEED
a1|$U/a/1|زيارة رسمية لكازاخستان|وفد حكومي يصل غدا|$((now - 1 * day))
a2|$U/a/2|الصادرات ترتفع|ارتفعت الصادرات الكازاخستانية هذا العام|$((now - 3 * day))
a3|$U/a/3|رئيس كَازَاخْسـتان يصل إلى موسكو|خبر|$((now - 10 * day))
a4|$U/a/4|أوزبكستان توقع اتفاقا للطاقة|خبر|$((now - 2 * day))
a5|$U/a/5|وفد للعراق|محادثات في بغداد|$((now - 5 * day))
FEED
feedgen_rss "$tmp/www/realist.xml" <<FEED
r1|$U/r/1|Uranium deal signed|Kazakhstani exports of uranium grow|$((now - 1 * day - 3600))
r2|$U/r/2|Astana hosts a summit|Leaders of Kazakhstan and Uzbekistan met|$((now - 12 * day))
FEED
db=$tmp/raqib.db
conf=$tmp/raqib.conf
printf '[raqib]\ndatabase = %s\ntimeout = 10s\n' "$db" >"$conf"
for s in asdaa realist; do
	printf '[source %s]\nurl = %s:%s/%s.xml\n' "$s" "$U" "$FIXTURE_PORT" \
	    "$s" >>"$conf"
done
printf '[topic kazakhstan]\nmatch = كازاخستان OR kazakhstan\n' >>"$conf"
timeout 60 "$RAQIB" -c "$conf" --once 2>"$tmp/once.err"

# The titles a search prints, one per line, in its order.
titles() { # args...
	"$RAQIB" search -c "$conf" "$@" 2>>"$tmp/search.err" |
	    sed -n 's/^[0-9-]* [0-9:]*  [^:]*: //p'
}

# The output equals the expected lines, or say what it was.
is() { # got, want
	[ "$1" = "$2" ] && return 0
	printf '# expected:\n%s\n# got:\n%s\n' "$2" "$1" | sed 's/^/# /'
	return 1
}

check "the clitic, the nisba, harakat and tatweel: every form, newest first" \
    is "$(titles كازاخستان)" "زيارة رسمية لكازاخستان
الصادرات ترتفع
رئيس كَازَاخْسـتان يصل إلى موسكو"
check "a query written with harakat and tatweel finds the same" \
    is "$(titles 'كَازاخسـتان')" "$(titles كازاخستان)"
check "an English term finds its demonym and nothing Arabic" \
    is "$(titles kazakhstan)" "Uranium deal signed
Astana hosts a summit"
check "--since keeps what is that recent" \
    is "$(titles --since 7d 'كازاخستان OR kazakhstan')" "زيارة رسمية لكازاخستان
Uranium deal signed
الصادرات ترتفع"
check "--source keeps that source's items" \
    is "$(titles --source realist 'كازاخستان OR kazakhstan')" \
    "Uranium deal signed
Astana hosts a summit"
check "NOT, title: and a term with the article after لل" \
    is "$(titles 'title:العراق OR (أوزبكستان NOT كازاخستان)')" "أوزبكستان توقع اتفاقا للطاقة
وفد للعراق"
check "a phrase must stand as one" \
    is "$(titles 'الصادرات الكازاخستانية')" "الصادرات ترتفع"
check "no match prints nothing and succeeds" \
    is "$(titles قرغيزستان; echo "rc=$?")" "rc=0"

# --json: one object per line, the hit in «» in the snippet.
json_ok() {
	"$RAQIB" search -c "$conf" --json كازاخستان >"$tmp/json.out" &&
	    /usr/bin/python3 - "$tmp/json.out" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert [r["source"] for r in rows] == ["asdaa"] * 3, rows
assert rows[0]["link"].endswith("/a/1"), rows[0]
assert "«لكازاخستان»" in rows[0]["snippet"], rows[0]
assert "«الكازاخستانية»" in rows[1]["snippet"], rows[1]
assert rows[0]["time"] > rows[1]["time"] > rows[2]["time"], rows
PY
}
check "--json: one object per line with source, link, time, the hit in «»" \
    json_ok

bad_query() {
	"$RAQIB" search -c "$conf" 'كازاخستان AND' >/dev/null 2>"$tmp/bad.err"
	[ $? -eq 2 ] && grep -q 'column' "$tmp/bad.err"
}
check "a query that does not parse: exit 2 and the column" bad_query

# archive = no: items remembered, their text not kept, nothing to find.
sed "s|^database = .*|database = $tmp/off.db\narchive = no|" "$conf" \
    >"$tmp/off.conf"
timeout 60 "$RAQIB" -c "$tmp/off.conf" --once 2>"$tmp/off.err"
archive_off() {
	[ "$(sqlite3 "$tmp/off.db" 'SELECT count(*) FROM items')" -eq 7 ] &&
	    [ "$(sqlite3 "$tmp/off.db" 'SELECT count(*) FROM texts')" -eq 0 ] &&
	    [ -z "$("$RAQIB" search -c "$tmp/off.conf" كازاخستان)" ]
}
check "archive = no: the items remembered, no text kept, nothing found" \
    archive_off

# Beside the running daemon: it holds the lock, the search reads in place.
feedgen_rss "$tmp/www/asdaa.xml" <<FEED
a6|$U/a/6|كازاخستان وأوزبكستان توقعان اتفاقا|خبر|$now
a1|$U/a/1|زيارة رسمية لكازاخستان|وفد حكومي يصل غدا|$((now - 1 * day))
FEED
"$RAQIB" -c "$conf" 2>"$tmp/daemon.err" &
DAEMON_PID=$!
found_new() {
	titles --since 1h كازاخستان | grep -q 'توقعان'
}
check "a search beside the running daemon sees what it polled" \
    wait_until 30 found_new
kill "$DAEMON_PID"
wait "$DAEMON_PID" 2>/dev/null
DAEMON_PID=

# A database indexed by an earlier version (its forms recorded as other):
# search warns and still answers; the daemon's next start indexes it anew,
# says so, and the warning is gone.
reindexed() {
	before=$(titles كازاخستان) &&
	    sqlite3 "$db" 'UPDATE texts_forms SET version = 1' &&
	    : >"$tmp/search.err" && [ "$(titles كازاخستان)" = "$before" ] &&
	    grep -q 'indexed by an earlier version.*restart the daemon' \
	    "$tmp/search.err" &&
	    timeout 60 "$RAQIB" -c "$conf" --once 2>"$tmp/renew.err" &&
	    grep -q 'indexing the archived texts anew' "$tmp/renew.err" &&
	    grep -q 'indexed [1-9][0-9]* archived texts anew' "$tmp/renew.err" &&
	    : >"$tmp/search.err" && [ "$(titles كازاخستان)" = "$before" ] &&
	    [ ! -s "$tmp/search.err" ]
}
check "an index made by an earlier version: search warns, the next start indexes it anew" \
    reindexed

tap_finish "$tmp"
