#!/bin/sh
# What raqib remembers, with real parts (HTTP on 127.0.0.1, a real SQLite
# file, a session bus without a notification server, so alerts stay pending
# and are counted in the database): the default catch_up keeps a new
# source's old items quiet; guids that change on every fetch, and edited
# items, alert only for what is new; one title over two texts is two
# stories; one story from five outlets alerts once with its sources listed; a version 1 database upgraded without new
# alerts; `raqib history` beside a running daemon, whose delivery retries
# back off; a damaged database found where it is read, and left alone;
# `raqib history` and `raqib sources` in flat memory on a big database.
B=${B:-build}
RAQIB="$(pwd)/$B/raqib"

if [ -z "${RAQIB_MEMORY_BUS:-}" ]; then
	RAQIB_MEMORY_BUS=1 exec dbus-run-session \
	    --config-file=tests/lib/session-noservices.conf -- sh "$0" "$@"
fi

. tests/lib/tap.sh
. tests/lib/fixtures.sh
. tests/lib/feedgen.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/raqib-memory.XXXXXX")
DAEMON_PID=
trap '[ -z "$DAEMON_PID" ] || kill "$DAEMON_PID"; fixtures_stop; rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config"
export XDG_STATE_HOME="$tmp/home/.local/state"
now=$(date +%s)
U=http://127.0.0.1

fixtures_serve "$tmp" || { echo "not ok 1 - fixture server starts"; exit 1; }
cp tests/fixtures/syndication/outlet-*.xml "$tmp/www/"

# A config: [raqib] lines from $1, the sources named in $3.., example topics.
conf() { # file, raqib-lines, sources...
	_f=$1
	printf '[raqib]\ntimeout = 10s\n%b\n' "$2" >"$_f"
	shift 2
	for _s in "$@"; do
		printf '[source %s]\nurl = %s:%s/%s\n' "${_s%.xml}" "$U" \
		    "$FIXTURE_PORT" "$_s" >>"$_f"
	done
	sed -n '/^\[topic /,$p' config/raqib.conf >>"$_f"
}

# Run raqib once (bounded) with a config; keep its stderr in NAME.err.
once() { # config, name
	timeout 60 "$RAQIB" -c "$1" --once 2>"$tmp/$2.err"
}

# Query a database.
q() { # database, sql
	sqlite3 "$1" "$2"
}

# The value equals the expected one, or say what it was.
is() { # got, want, what
	[ "$1" = "$2" ] && return 0
	echo "# $3: expected $2, got $1"
	return 1
}

# The log shows a retry after 5 s, and after it one after 10 s.
backoff_logged() { # log
	sed -n '/retrying in 5 s/,$p' "$1" | grep -q 'retrying in 10 s'
}

# --- first poll: catch_up (default 6h) keeps old and undated items quiet ---
db=$tmp/news.db
conf "$tmp/news.conf" "database = $db" news.xml
feedgen_rss "$tmp/www/news.xml" <<FEED
g1|$U/a/1|كازاخستان توقع اتفاقا جديدا للطاقة|خبر|$((now - 3600))
g2|$U/a/2|كازاخستان تستقبل وفدا تجاريا كبيرا|خبر|$((now - 3 * 86400))
g3|$U/a/3|رئيس كازاخستان يلتقي نظيره الأوزبكي|خبر|
FEED
once "$tmp/news.conf" first
check "a first poll alerts only the item published within catch_up" \
    is "$(q "$db" 'SELECT group_concat(title) FROM alerts')" \
    "كازاخستان توقع اتفاقا جديدا للطاقة" "alerted titles"
check "it records every item, old ones included" \
    is "$(q "$db" 'SELECT count(*) FROM items')" 3 "items"

# --- later polls: a new item alerts, dated or not ---------------------------
feedgen_rss "$tmp/www/news.xml" <<FEED
g4|$U/a/4|كازاخستان تفتتح خطا للسكك الحديد|خبر|
g1|$U/a/1|كازاخستان توقع اتفاقا جديدا للطاقة|خبر|$((now - 3600))
g2|$U/a/2|كازاخستان تستقبل وفدا تجاريا كبيرا|خبر|$((now - 3 * 86400))
g3|$U/a/3|رئيس كازاخستان يلتقي نظيره الأوزبكي|خبر|
FEED
once "$tmp/news.conf" second
check "after the first poll an undated new item alerts" \
    is "$(q "$db" 'SELECT count(*) FROM alerts')" 2 "alerts"

# --- guids that change on every fetch: the link (or title) still knows it ---
feedgen_rss "$tmp/www/news.xml" <<FEED
x4|$U/a/4?utm_source=rss#top|كازاخستان تفتتح خطا للسكك الحديد|خبر|
x1|$U/a/1|كازاخستان توقع اتفاقا جديدا للطاقة|خبر|$((now - 3600))
x2|$U/a/2b|كازاخستان تستقبل وفدا تجاريا كبيرا|خبر|$((now - 3 * 86400))
x3|$U/a/3|رئيس كازاخستان يلتقي نظيره الأوزبكي|خبر|
FEED
once "$tmp/news.conf" guids
check "new guids with known links or titles raise no alert" \
    is "$(q "$db" 'SELECT count(*) FROM alerts')" 2 "alerts"
check "and add no item" is "$(q "$db" 'SELECT count(*) FROM items')" 4 "items"

# --- an edited item is matched again: only a topic it had not had alerts ---
feedgen_rss "$tmp/www/news.xml" <<FEED
x4|$U/a/4|كازاخستان تفتتح خطا للسكك الحديد|خبر|
x1|$U/a/1|كازاخستان توقع اتفاقا جديدا للطاقة|خبر عن المعادن النادرة|$((now - 3600))
x2|$U/a/2b|كازاخستان تستقبل وفدا تجاريا كبيرا|خبر|$((now - 3 * 86400))
x3|$U/a/3|رئيس كازاخستان يلتقي نظيره الأوزبكي|خبر|
FEED
once "$tmp/news.conf" edited
check "an edited item alerts for its new topic only" \
    is "$(q "$db" "SELECT group_concat(topic) FROM alerts WHERE id > 2")" \
    rare-earths "new alerts"

# --- one title, two texts: two stories; the same text again: the same -----
urgent="عاجل: كازاخستان"
flood="أغلقت السيول الطريق بين ألماتي وبيشكيك ثلاثة أيام وأجلت فرق الإنقاذ مئات السكان"
deal="وقع رئيس كازاخستان في أستانا اتفاقا للطاقة مع نظيره الأوزبكي يشمل خطوط الكهرباء"
feedgen_rss "$tmp/www/news.xml" <<FEED
d1|$U/u/1|$urgent|$flood|
d2|$U/u/2|$urgent|$deal|
FEED
once "$tmp/news.conf" urgent
check "one title over two texts is two stories: two alerts" \
    is "$(q "$db" "SELECT count(*) FROM alerts WHERE title = '$urgent'")" 2 \
    "alerts titled $urgent"
feedgen_rss "$tmp/www/news.xml" <<FEED
d3|$U/u/3|$urgent|أستانا (رويترز) - $deal|
FEED
once "$tmp/news.conf" urgent2
check "the same text under a new guid and link is the same story" \
    is "$(q "$db" "SELECT count(*) FROM items WHERE title = '$urgent'")" 2 \
    "items titled $urgent"

# --- what an alert keeps of a title-only hit's text: its opening, unless it
# only repeats the title's words (marks and stops aside) --------------------
db=$tmp/snippet.db
{
	printf '[raqib]\ndatabase = %s\ncatch_up = all\n' "$db"
	printf '[source snip]\nurl = %s:%s/snip.xml\n' "$U" "$FIXTURE_PORT"
	printf '[topic kz]\nfields = title\nmatch = كازاخستان\nmatch = Kazakhstan\n'
} >"$tmp/snip.conf"
feedgen_rss "$tmp/www/snip.xml" <<FEED
s1|$U/s/1|كازاخستان تعلن خطة للنقل|كَازاخستان تُعلن خطةً للنقل.|
s2|$U/s/2|Kazakhstan opens new ports|Kazakhstan opens new port|
s3|$U/s/3|كازاخستان تبني محطة|كازاخستان تبني محطة كبيرة|
FEED
once "$tmp/snip.conf" snippet
snippet_of() { # link
	q "$db" "SELECT snippet FROM alerts WHERE link = '$U/s/$1'"
}
check "a text that repeats the title's words is no snippet" \
    is "$(snippet_of 1)" "" "snippet"
check "a text whose words start as the title's but end apart is shown" \
    is "$(snippet_of 2)" "Kazakhstan opens new port" "snippet"
check "and so is a text with a word more" \
    is "$(snippet_of 3)" "كازاخستان تبني محطة كبيرة" "snippet"

# --- one story, five outlets: one alert, its sources listed ----------------
outlets="outlet-1.xml outlet-2.xml outlet-3.xml outlet-4.xml outlet-5.xml"
alone=0
for o in $outlets; do
	conf "$tmp/alone.conf" "catch_up = all" "$o"
	n=$(timeout 60 "$RAQIB" -c "$tmp/alone.conf" --dry-run 2>/dev/null |
	    wc -l)
	alone=$((alone + n))
done
sdb=$tmp/synd.db
# shellcheck disable=SC2086
conf "$tmp/synd.conf" "database = $sdb\ncatch_up = all\ninterval = 1h" $outlets
once "$tmp/synd.conf" synd
together=$(q "$sdb" 'SELECT count(*) FROM alerts')
echo "# syndication: $alone alerts without story dedup, $together with it" \
    "(saved $((alone - together)))"
check "syndicated stories alert once per topic" \
    is "$(q "$sdb" 'SELECT count(*) FROM (SELECT 1 FROM alerts
    GROUP BY topic, title HAVING count(*) > 1)')" 0 "repeated stories"
check "story dedup saves alerts" test "$together" -lt "$alone"
check "an alert lists every outlet that carried its story" \
    test "$(q "$sdb" "SELECT count(*) FROM alerts
    WHERE sources LIKE '%, %, %'")" -gt 0

# --- a version 1 database is upgraded in place; what it knew stays known ---
cp tests/fixtures/db/v1.db "$tmp/v1.db"
# Its links name the port of the server that made it: move them to ours.
old=$(q "$tmp/v1.db" "SELECT substr(link, 18, instr(substr(link, 18), '/') - 1)
    FROM items WHERE link LIKE 'http://127.0.0.1:%/%' LIMIT 1")
q "$tmp/v1.db" "UPDATE items SET
    key = replace(key, '127.0.0.1:$old/', '127.0.0.1:$FIXTURE_PORT/'),
    link = replace(link, '127.0.0.1:$old/', '127.0.0.1:$FIXTURE_PORT/')"
fixtures_config "$tmp/v1.conf" "$tmp/v1.db"
once "$tmp/v1.conf" v1
check "a version 1 database is migrated to the current version" \
    is "$(q "$tmp/v1.db" 'PRAGMA user_version')" 12 "schema version"
check "what it knew stays known: no new item, no new alert" \
    is "$(q "$tmp/v1.db" 'SELECT count(*) FROM items'),$(q "$tmp/v1.db" \
    'SELECT count(*) FROM alerts')" "20,15" "items,alerts"
check "its alerts list their source in history" \
    is "$(timeout 20 "$RAQIB" history -c "$tmp/v1.conf" |
    grep -c '^  sources: sample-')" 15 "history rows"

# --- raqib history, beside a running daemon ---------------------------------
"$RAQIB" -v -c "$tmp/synd.conf" 2>"$tmp/daemon.err" &
DAEMON_PID=$!
i=0
while ! grep -qs "database $sdb" "$tmp/daemon.err" && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
timeout 20 "$RAQIB" history -c "$tmp/synd.conf" >"$tmp/h.txt" 2>"$tmp/h.err"
check "history runs while the daemon holds the database" test $? -eq 0
check "history lists every alert with its sources" \
    is "$(grep -c '^  sources: ' "$tmp/h.txt")" "$together" "history rows"
check "history says pending when no notification server took it" \
    grep -q ' pending   ' "$tmp/h.txt"
timeout 20 "$RAQIB" history -c "$tmp/synd.conf" --json --topic c5plus1 \
    --since 1d >"$tmp/h.json"
check "history --json --topic gives JSON lines of that topic only" \
    /usr/bin/python3 -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert rows and all(r["topic"] == "c5plus1" for r in rows)
assert all(r["delivered"] is False and r["sources"] for r in rows)
assert [r["id"] for r in rows] == sorted((r["id"] for r in rows), reverse=True)
' "$tmp/h.json"
timeout 20 "$RAQIB" history -c "$tmp/synd.conf" --since 2x >/dev/null 2>&1
check "history refuses a bad --since with status 2" test $? -eq 2

# --- history and sources read the file in place: memory stays flat --------
# The same database, then grown by 64 MB of alerts: the commands' peak
# memory must not grow with it (a copy of the file in memory would).
peak() { # command...
	/usr/bin/python3 tests/bench/measure.py run "$@" |
	    sed 's/.*rss_mib=\([0-9.]*\).*/\1/'
}
cp "$sdb" "$tmp/big.db"
q "$tmp/big.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1
    FROM n WHERE i < 100000) INSERT INTO alerts (topic, title, link, source,
    terms, snippet, hl_start, hl_end, urgency, created, delivered, sources)
    SELECT 'kazakhstan', 't' || i, 'http://e.net/' || i, 'outlet-1', 'k',
    hex(randomblob(300)), 0, 0, 1, $now, $now, 'outlet-1' FROM n"
sed "s|^database = .*|database = $tmp/big.db|" "$tmp/synd.conf" >"$tmp/big.conf"
small_h=$(peak "$RAQIB" history -c "$tmp/synd.conf")
big_h=$(peak "$RAQIB" history -c "$tmp/big.conf")
small_s=$(peak "$RAQIB" sources -c "$tmp/synd.conf")
big_s=$(peak "$RAQIB" sources -c "$tmp/big.conf")
size=$(($(stat -c %s "$tmp/big.db") / 1048576))
echo "# peak memory on a small and a $size MiB database: history $small_h," \
    "$big_h MiB; sources $small_s, $big_s MiB"
check "history's memory stays flat on a $size MiB database" \
    awk -v a="$small_h" -v b="$big_h" 'BEGIN { exit !(b - a < 16) }'
check "sources' memory stays flat on a $size MiB database" \
    awk -v a="$small_s" -v b="$big_s" 'BEGIN { exit !(b - a < 16) }'

# --- the daemon retries pending alerts at start, then with a growing delay --
i=0
while ! grep -qs 'retrying in 10 s' "$tmp/daemon.err" && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
check "undelivered alerts are retried after 5 s, then 10 s" \
    backoff_logged "$tmp/daemon.err"
kill "$DAEMON_PID"
wait "$DAEMON_PID" 2>/dev/null
DAEMON_PID=

# --- a damaged database: found where it is read, never written further -----
db=$tmp/damaged.db
conf "$tmp/damaged.conf" "database = $db" news.xml
once "$tmp/damaged.conf" damaged-first
timeout 60 "$RAQIB" check -c "$tmp/damaged.conf" --database \
    >"$tmp/check.out" 2>&1
check "check --database finds a sound database sound" \
    test $? -eq 0 -a -n "$(grep 'damaged.db: database OK' "$tmp/check.out")"
# Page 4 is the items table: a start does not read it whole.
dd if=/dev/urandom of="$db" bs=4096 seek=3 count=1 conv=notrunc 2>/dev/null
cp "$db" "$tmp/damaged.copy"
timeout 60 "$RAQIB" check -c "$tmp/damaged.conf" --database \
    >"$tmp/check.out" 2>&1
check "check --database finds the damaged page (exit 1)" \
    test $? -eq 1 -a -n "$(grep 'damage found in database' "$tmp/check.out")"
feedgen_rss "$tmp/www/news.xml" <<FEED
g1|$U/a/1|كازاخستان توقع اتفاقا جديدا للطاقة|خبر|$((now - 3600))
g4|$U/a/4|كازاخستان تفتتح خطا جديدا للسكك الحديدية|خبر|$now
FEED
once "$tmp/damaged.conf" damaged
check "the daemon stops (exit 1) when a poll reads the damaged page" \
    test $? -eq 1
check "and says why and what to do" \
    grep -q "is damaged.*move it aside.*raqib stops" "$tmp/damaged.err"
check "and writes nothing more to it" cmp -s "$db" "$tmp/damaged.copy"

tap_status
