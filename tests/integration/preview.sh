#!/bin/sh
# raqib preview over a real archive (fixture feeds on 127.0.0.1, items dated
# over several days, polled into a real SQLite file): per topic and day the
# items and stories against ground truth written here, "would add" and
# "would drop" after an edit; and a reload (SIGHUP) that brings a new topic
# alerts only on what is new, never on the past.
B=${B:-build}
RAQIB="$(pwd)/$B/raqib"

if [ -z "${RAQIB_PREVIEW_BUS:-}" ]; then
	RAQIB_PREVIEW_BUS=1 exec dbus-run-session \
	    --config-file=tests/lib/session-noservices.conf -- sh "$0" "$@"
fi

. tests/lib/tap.sh
. tests/lib/fixtures.sh
. tests/lib/feedgen.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/raqib-preview.XXXXXX")
DAEMON_PID=
trap '[ -z "$DAEMON_PID" ] || kill "$DAEMON_PID"; fixtures_stop; rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config"
export XDG_STATE_HOME="$tmp/home/.local/state" TZ=UTC
now=$(date +%s)
day=86400
# An hour into the day k days back (UTC): the day of each item is known.
at() { # k
	echo $(( (now / day - $1) * day + 3600 ))
}
d() { # k
	date -u -d "@$(at "$1")" +%Y-%m-%d
}
U=http://127.0.0.1

fixtures_server "$tmp" || { echo "not ok 1 - fixture server starts"; exit 1; }
mkdir -p "$tmp/www"
# Ground truth for kazakhstan (match = كازاخستان): day 1, three items in two
# stories (a1 and r1 share a link); day 2, one; day 4 nothing (a4 is
# Uzbekistan); a5, 40 days back, is out of the 30 days.
feedgen_rss "$tmp/www/asdaa.xml" <<FEED
a1|$U/a/1|زيارة رسمية لكازاخستان|وفد حكومي|$(at 1)
a2|$U/a/2|الصادرات ترتفع|الصادرات الكازاخستانية ترتفع|$(at 1)
a3|$U/a/3|رئيس كازاخستان في موسكو|خبر|$(at 2)
a4|$U/a/4|أوزبكستان توقع اتفاقا للطاقة|خبر|$(at 4)
a5|$U/a/5|كازاخستان قبل شهر|خبر|$(at 40)
FEED
feedgen_rss "$tmp/www/realist.xml" <<FEED
r1|$U/a/1|وفد في كازاخستان|خبر|$(at 1)
FEED
db=$tmp/raqib.db
# A config with the sources $1 and the topics that follow on stdin.
conf() { # sources
	printf '[raqib]\ndatabase = %s\ntimeout = 10s\ncatch_up = all\n' "$db"
	for s in $1; do
		printf '[source %s]\nurl = %s:%s/%s.xml\n' "$s" "$U" \
		    "$FIXTURE_PORT" "$s"
	done
	cat
}
conf "asdaa realist" >"$tmp/first.conf" <<'EOF2'
[topic kazakhstan]
match = كازاخستان
EOF2
timeout 60 "$RAQIB" -c "$tmp/first.conf" --once 2>"$tmp/once.err"

preview() { # config, args...
	_c=$1
	shift
	"$RAQIB" preview -c "$_c" "$@" 2>>"$tmp/preview.err"
}
is() { # got, want
	[ "$1" = "$2" ] && return 0
	printf '# expected:\n%s\n# got:\n%s\n' "$2" "$1" | sed 's/^/# /'
	return 1
}

check "per day: items and stories as the ground truth; the alerts raised agree" \
    is "$(preview "$tmp/first.conf")" "topic kazakhstan: 4 items, 3 stories
  $(d 1)  3 items  2 stories
  $(d 2)  1 items  1 stories
  would add: 0
  would drop: 0"
check "--since 60d takes in the item 40 days back (an alert raised too)" \
    is "$(preview "$tmp/first.conf" --since 60d | head -1)" \
    "topic kazakhstan: 5 items, 4 stories"
check "--list lists the items of each day" \
    is "$(preview "$tmp/first.conf" --list | sed -n 3,9p |
    grep -A1 'الصادرات ترتفع')" "    asdaa: الصادرات ترتفع
      $U/a/2"

# An edit: Uzbekistan in, Moscow out, and a new topic.
conf "asdaa realist" >"$tmp/edited.conf" <<'EOF2'
[topic kazakhstan]
match = كازاخستان OR أوزبكستان
exclude = موسكو
[topic uzbekistan]
match = أوزبكستان
EOF2
check "an edited topic: what it would add and drop against the alerts raised" \
    is "$(preview "$tmp/edited.conf" --topic kazakhstan)" \
    "topic kazakhstan: 4 items, 3 stories
  $(d 1)  3 items  2 stories
  $(d 4)  1 items  1 stories
  would add: 1
  + $(d 4)  asdaa: أوزبكستان توقع اتفاقا للطاقة
  would drop: 1
  - $(d 2)  asdaa: رئيس كازاخستان في موسكو"
check "a new topic: all it fires on would be added" \
    is "$(preview "$tmp/edited.conf" --topic uzbekistan | tail -3)" \
    "  would add: 1
  + $(d 4)  asdaa: أوزبكستان توقع اتفاقا للطاقة
  would drop: 0"
unknown_topic() {
	preview "$tmp/edited.conf" --topic nosuch >/dev/null
	[ $? -eq 2 ] && grep -q "no topic named 'nosuch'" "$tmp/preview.err"
}
check "an unknown --topic: exit 2, named" unknown_topic

# SIGHUP: the edited config's new topic alerts on a new item, not the past.
conf asdaa <"/dev/null" >"$tmp/live.conf"
sed -n '/^\[topic/,$p' "$tmp/first.conf" >>"$tmp/live.conf"
"$RAQIB" -v -c "$tmp/live.conf" 2>"$tmp/daemon.err" &
DAEMON_PID=$!
polled() { # n: the fixture server served asdaa.xml n times or more
	[ "$(grep -c 'asdaa.xml' "$tmp/requests.log")" -ge "$1" ]
}
wait_until 30 polled 2
conf asdaa <"/dev/null" >"$tmp/live.conf.new"
sed -n '/^\[topic/,$p' "$tmp/edited.conf" >>"$tmp/live.conf.new"
mv "$tmp/live.conf.new" "$tmp/live.conf"
kill -HUP "$DAEMON_PID"
reloaded() {
	grep -q 'configuration reloaded' "$tmp/daemon.err"
}
check "the daemon reloads the edited config" wait_until 30 reloaded
feedgen_rss "$tmp/www/asdaa.xml" <<FEED
a6|$U/a/6|أوزبكستان تفتتح خطا للسكك الحديدية|خبر|$now
a1|$U/a/1|زيارة رسمية لكازاخستان|وفد حكومي|$(at 1)
a4|$U/a/4|أوزبكستان توقع اتفاقا للطاقة|خبر|$(at 4)
FEED
kill -USR1 "$DAEMON_PID"
alerted_new() {
	[ "$(sqlite3 "$db" "SELECT count(*) FROM alerts WHERE topic =
	    'uzbekistan' AND title LIKE '%الحديدية%'")" -eq 1 ]
}
check "after the reload a new item alerts the new topic" \
    wait_until 30 alerted_new
check "the past item it also fires on does not alert (preview shows it)" \
    is "$(sqlite3 "$db" "SELECT count(*) FROM alerts WHERE title LIKE
    '%أوزبكستان توقع%'")" 0
kill "$DAEMON_PID"
wait "$DAEMON_PID" 2>/dev/null
DAEMON_PID=

tap_finish "$tmp"
