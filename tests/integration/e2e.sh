#!/bin/sh
# End to end with real parts: sample sources served over HTTP on 127.0.0.1,
# a real SQLite file, a private D-Bus session with a real notification server
# (python3-dbusmock). First poll: an alert for exactly the matching items;
# second poll: none; one new matching item: exactly one; no notification
# server: alerts wait and arrive once a server is back; broken sources are
# reported by name while the others still alert; a dry run writes nothing.
B=${B:-build}
RAQIB="$(pwd)/$B/raqib"

if [ -z "${RAQIB_E2E_BUS:-}" ]; then
	RAQIB_E2E_BUS=1 exec dbus-run-session \
	    --config-file=tests/lib/session-noservices.conf -- sh "$0" "$@"
fi

. tests/lib/bus.sh
. tests/lib/tap.sh
. tests/lib/fixtures.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/raqib-e2e.XXXXXX")
trap 'bus_stop_notifyd; fixtures_stop; rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config"
export XDG_STATE_HOME="$tmp/home/.local/state"
SERVED=rss2.xml,atom.xml,listing.html
EXPECTED=tests/fixtures/EXPECTED.tsv

fixtures_serve "$tmp" || { echo "not ok 1 - fixture server starts"; exit 1; }
fixtures_config "$tmp/raqib.conf" "$tmp/raqib.db"

# Run raqib (bounded in time) with the test config; keep NAME.out/.err/.rc.
run() { # name, raqib arguments...
	_name=$1
	shift
	timeout 60 "$RAQIB" -c "$tmp/raqib.conf" "$@" >"$tmp/$_name.out" \
	    2>"$tmp/$_name.err"
	echo $? >"$tmp/$_name.rc"
}

# The run's exit status equals n.
exited() { # name, status
	[ "$(cat "$tmp/$1.rc")" -eq "$2" ] && return 0
	echo "# $1 exited $(cat "$tmp/$1.rc"):"
	sed 's/^/# /' "$tmp/$1.err"
	return 1
}

# The received notifications are exactly the expected ones.
notifications_expected() {
	bus_notifications >"$tmp/notifs"
	/usr/bin/python3 tests/lib/expect.py notifications "$EXPECTED" \
	    "$SERVED" "$tmp/notifs"
}

# The server received exactly n notifications (waiting up to 5 s for them).
notification_count() { # n
	bus_wait_notifications "$1" 5
	_got=$(bus_notifications | wc -l)
	[ "$_got" -eq "$1" ] && return 0
	echo "# expected $1 notifications, the server received $_got"
	return 1
}

# The notification server received a notification with this summary.
notified() { # summary
	bus_summaries | grep -qxF -- "$1"
}

# A file contains a fixed string.
has() { # file, text
	grep -qF -- "$2" "$1"
}

# The database holds n undelivered alerts.
pending() { # n
	_got=$(sqlite3 "$tmp/raqib.db" \
	    'SELECT count(*) FROM alerts WHERE delivered IS NULL')
	[ "$_got" -eq "$1" ] && return 0
	echo "# expected $1 pending alerts, found $_got"
	return 1
}

# Add an item at the top of the served RSS feed.
add_item() { # guid, title
	/usr/bin/python3 - "$tmp/www/rss2.xml" "$1" "$2" <<'PY'
import sys
path, guid, title = sys.argv[1:4]
with open(path, encoding="utf-8") as f:
    feed = f.read()
item = ("<item><title>%s</title><link>http://127.0.0.1/news/%s</link>"
        "<guid>%s</guid><description>خبر عاجل</description></item>\n"
        % (title, guid, guid))
at = feed.index("<item>")
with open(path, "w", encoding="utf-8") as f:
    f.write(feed[:at] + item + feed[at:])
PY
	# A new mtime second, so the server's validators change.
	touch -d "@$(($(date +%s) + $(wc -l <"$tmp/requests.log")))" \
	    "$tmp/www/rss2.xml"
}

# --- a dry run prints the expected alerts and writes nothing ---------------
run dry1 --dry-run
run dry2 --dry-run
check "dry run exits 0" exited dry1 0
check "dry run prints an alert for exactly the matching items" \
    /usr/bin/python3 tests/lib/expect.py alerts "$EXPECTED" "$SERVED" \
    "$tmp/dry1.out"
# Sources finish in any order, so their alerts do too.
sort "$tmp/dry1.out" >"$tmp/dry1.sorted"
sort "$tmp/dry2.out" >"$tmp/dry2.sorted"
check "a second dry run prints the same" \
    cmp -s "$tmp/dry1.sorted" "$tmp/dry2.sorted"
check "a dry run creates no database" test ! -e "$tmp/raqib.db"

# --- first poll: a notification per matching item --------------------------
bus_start_notifyd "$tmp/notifyd.log"
run first --once
check "first poll exits 0" exited first 0
check "first poll notifies exactly the matching items" notifications_expected
check "first poll leaves no alert pending" pending 0
check "notifications come from raqib with the source in the body" \
    has "$tmp/notifs" "raqib	"
# The body shows the summary's sentence that holds the hit, bold, not the
# title again; a title-only hit shows the summary's opening.
# The summary's title is isolated (U+2068 ... U+2069): compare without.
body_of() { # summary
	sed "s/$(printf '\342\201\250')//g; s/$(printf '\342\201\251')//g" \
	    "$tmp/notifs" | grep -F "	$1	" | cut -f4
}
check "the body shows the summary's sentence with the hit" sh -c '
    printf "%s" "$1" | grep -qF "أعلن الرئيس الأمريكي دونالد ترامب انضمام <b>كازاخستان</b> إلى الاتفاقيات الإبراهيمية"' - \
    "$(body_of "kazakhstan: كازاخستان تنضم إلى الاتفاقيات الإبراهيمية وتفتح آسيا الوسطى أمام إسرائيل")"
check "and no body repeats its title" /usr/bin/python3 -c '
import sys
for line in open(sys.argv[1], encoding="utf-8"):
    f = line.rstrip("\n").replace("\u2068", "").replace("\u2069", "").split("\t")
    title = f[2].partition(": ")[2].rstrip("…").strip()
    assert title not in f[3].replace("<b>", "").replace("</b>", ""), line
' "$tmp/notifs"

# --- second poll: nothing new ---------------------------------------------
bus_start_notifyd "$tmp/notifyd.log"
run second --once
check "second poll exits 0" exited second 0
check "second poll raises no notification" notification_count 0
check "second poll is answered 304 Not Modified" \
    test "$(grep -c ' 304$' "$tmp/requests.log")" -ge 3

# --- one new matching item: exactly one notification ----------------------
add_item e2e-new-1 "وزير خارجية كازاخستان يزور القاهرة"
run third --once
check "a new matching item gives exactly one notification" notification_count 1
check "the new notification names the topic and the title" \
    notified "kazakhstan: وزير خارجية كازاخستان يزور القاهرة"

# --- no notification server: alerts wait, then arrive ---------------------
bus_stop_notifyd
add_item e2e-new-2 "قمة C5+1 في نيويورك"
run noserver --once
check "without a notification server the poll still exits 0" exited noserver 0
check "without a notification server the log says alerts wait" \
    has "$tmp/noserver.err" "alerts will wait"
check "without a notification server the alert stays pending" pending 1
bus_start_notifyd "$tmp/notifyd.log"
run resumed --once
check "once a server is back the waiting alert is delivered" notification_count 1
check "and nothing is pending any more" pending 0

# --- broken sources are named; the others still alert ---------------------
cat >"$tmp/broken.conf" <<CONF
[raqib]
database = $tmp/broken.db
catch_up = all
timeout = 5s
[source refused]
url = http://127.0.0.1:1/feed.xml
[source server-error]
url = http://127.0.0.1:$FIXTURE_PORT/status/500
[source not-found]
url = http://127.0.0.1:$FIXTURE_PORT/no-such-feed.xml
[source busy]
url = http://localhost:$FIXTURE_PORT/status/429
[source good]
url = http://127.0.0.1:$FIXTURE_PORT/rss2.xml
[topic kazakhstan]
match = كازاخستان
CONF
printf 'just some text, neither a feed nor a page\n' >"$tmp/www/junk.xml"
printf '[source junk]\nurl = http://127.0.0.1:%s/junk.xml\n' "$FIXTURE_PORT" \
    >>"$tmp/broken.conf"
timeout 60 "$RAQIB" -c "$tmp/broken.conf" --dry-run >"$tmp/broken.out" \
    2>"$tmp/broken.err"
echo $? >"$tmp/broken.rc"
check "a run with broken sources exits 0" exited broken 0
check "an unreachable source is logged by name" \
    has "$tmp/broken.err" "source refused:"
check "an HTTP error is logged by name with its status" \
    has "$tmp/broken.err" "source server-error: HTTP status 500"
check "a missing feed is logged by name with its status" \
    has "$tmp/broken.err" "source not-found: HTTP status 404"
check "a busy server's wait (Retry-After) is logged with its status" \
    has "$tmp/broken.err" \
    "source busy: HTTP status 429 (too many requests): the site limits how often raqib may ask; raise interval if it lasts; the server asks to wait 120 s; retrying"
check "a body that is neither a feed nor a page of articles is logged by name" \
    has "$tmp/broken.err" "source junk: "
check "the working source still alerts" has "$tmp/broken.out" "kazakhstan	"

tap_status
