# reportgen.sh: the feeds and config of the report tests (POSIX sh,
# sourced after fixtures.sh and feedgen.sh, the fixture server started on
# $tmp/www). reportgen_write writes them: items over several days (d1, d2,
# d3 days back; one older than 30 days), Arabic and English titles, one
# story carried by two outlets (wire and daily), a title full of markup,
# a source that fails (gone); three topics (kazakhstan, uranium, quiet).
# day T: T's date, UTC (the tests run with TZ=UTC).

day() { date -u -d "@$1" +%F; }

reportgen_write() {
	now=$(date +%s)
	# A day apart and more, so each falls on a day of its own; d2 a
	# minute past two days, so --since 2d leaves it out.
	d1=$((now - 86400))
	d2=$((now - 2 * 86400 - 60))
	d3=$((now - 3 * 86400 - 3600))
	old=$((now - 40 * 86400))
	feedgen_rss "$tmp/www/wire.xml" <<FEED
w1|http://127.0.0.1/a/1|كازاخستان توقع اتفاق الطاقة مع أوزبكستان|أستانا|$d3
w2|http://127.0.0.1/a/2|Uranium output rises in Almaty|mines|$d3
w3|http://127.0.0.1/a/3|Kazakhstan: 3 &amp;lt; 5 &amp;amp; &lt;script&gt;alert(1)&lt;/script&gt; "friends"|x|$d2
w4|http://127.0.0.1/a/4|كازاخستان خبر قديم|old|$old
FEED
	feedgen_rss "$tmp/www/daily.xml" <<FEED
d1|http://127.0.0.1/a/1|كازاخستان توقع اتفاق الطاقة مع أوزبكستان|أستانا|$d3
d2|http://127.0.0.1/b/2|وزير الخارجية لكازاخستان يزور القاهرة|زيارة|$d1
FEED
	cat >"$tmp/raqib.conf" <<CONF
[raqib]
database = $tmp/raqib.db
timeout = 5s
catch_up = all
[source wire]
url = http://127.0.0.1:$FIXTURE_PORT/wire.xml
[source daily]
url = http://127.0.0.1:$FIXTURE_PORT/daily.xml
[source gone]
url = http://127.0.0.1:$FIXTURE_PORT/gone.xml
[topic kazakhstan]
match = كازاخستان OR kazakhstan
notify = stdout
[topic uranium]
match = uranium
notify = stdout
[topic quiet]
match = zzzyyyxxx
notify = stdout
CONF
}
