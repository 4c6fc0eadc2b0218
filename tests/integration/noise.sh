#!/bin/sh
# Noise control end to end with real parts: a feed on 127.0.0.1, a real
# SQLite file, a private session bus with a real notification server
# (python3-dbusmock). More than `burst` stories become one summary, a story
# that fired two topics one notification under both; `raqib
# mute` silences a topic that is still recorded; alerts that waited for a
# server arrive as one summary; an exec sink that fails keeps only its own
# delivery pending; quiet hours hold notifications.
B=${B:-build}
RAQIB="$(pwd)/$B/raqib"

if [ -z "${RAQIB_NOISE_BUS:-}" ]; then
	RAQIB_NOISE_BUS=1 exec dbus-run-session \
	    --config-file=tests/lib/session-noservices.conf -- sh "$0" "$@"
fi

. tests/lib/bus.sh
. tests/lib/tap.sh
. tests/lib/fixtures.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/raqib-noise.XXXXXX")
trap 'bus_stop_notifyd; fixtures_stop; rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config"
export XDG_STATE_HOME="$tmp/home/.local/state"

fixtures_serve "$tmp" || { echo "not ok 1 - fixture server starts"; exit 1; }
db="$tmp/raqib.db"

# The exec sink: one file per alert, named by its link; fails while
# $tmp/sink-fails exists.
cat >"$tmp/sink" <<EOF
#!/bin/sh
[ -e "$tmp/sink-fails" ] && exit 1
mkdir -p "$tmp/sunk"
cat >"$tmp/sunk/\${RAQIB_LINK##*/}.json"
EOF
chmod +x "$tmp/sink"

# Write the config; extra lines go into [raqib].
config() { # extra [raqib] lines...
	{
		echo "[raqib]"
		echo "database = $db"
		echo "timeout = 10s"
		echo "catch_up = all"
		for l in "$@"; do echo "$l"; done
		echo "[source news]"
		echo "url = http://127.0.0.1:$FIXTURE_PORT/news.xml"
		echo "[topic kazakhstan]"
		echo "match = Kazakhstan"
		echo "[topic c5plus1]"
		echo "match = C5+1"
		echo "notify = desktop, exec:$tmp/sink"
	} >"$tmp/raqib.conf"
}

# Add items titled TITLE 1..N (ids go on growing) and rewrite the feed.
n_items=0
items() { # count, title
	_i=0
	while [ "$_i" -lt "$1" ]; do
		_i=$((_i + 1))
		n_items=$((n_items + 1))
		printf '<item><title>%s %d</title><link>http://127.0.0.1/n/%d</link><guid>g%d</guid></item>\n' \
		    "$2" "$n_items" "$n_items" "$n_items" >>"$tmp/items"
	done
	{
		echo '<?xml version="1.0" encoding="UTF-8"?>'
		echo '<rss version="2.0"><channel><title>News</title>'
		cat "$tmp/items"
		echo '</channel></rss>'
	} >"$tmp/www/news.xml"
}

# Run the daemon once (bounded); keep NAME.out, .err, .rc.
run() { # name
	timeout 60 "$RAQIB" -c "$tmp/raqib.conf" --once >"$tmp/$1.out" \
	    2>"$tmp/$1.err"
	echo $? >"$tmp/$1.rc"
}

# Run a subcommand; keep NAME.out, .err, .rc.
cli() { # name, arguments...
	_name=$1
	shift
	timeout 20 "$RAQIB" "$@" >"$tmp/$_name.out" 2>"$tmp/$_name.err"
	echo $? >"$tmp/$_name.rc"
}

# The notification server got exactly n notifications since it started.
notified_count() { # n
	_got=$(bus_notifications | wc -l)
	[ "$_got" -eq "$1" ] && return 0
	echo "# expected $1 notifications, the server received $_got"
	return 1
}

# The last notification's summary is text.
last_summary() { # text
	[ "$(bus_notifications | tail -n 1 | cut -f3)" = "$1" ]
}

# An SQL query on the database prints text.
sql_is() { # query, text
	_got=$(sqlite3 "$db" "$1")
	[ "$_got" = "$2" ] && return 0
	echo "# $1: expected '$2', got '$_got'"
	return 1
}

# Run a command every 0.1 s until it succeeds, at most 10 s.
wait_for() { # command...
	_n=100
	until "$@" 2>/dev/null; do
		[ "$_n" -gt 0 ] || return 1
		sleep 0.1
		_n=$((_n - 1))
	done
}

has() { # file, text
	grep -qF -- "$2" "$1"
}

pending="SELECT count(*) FROM alerts WHERE delivered IS NULL"

# --- burst: seven new alerts become one summary ---------------------------
config
items 4 "Kazakhstan news"
items 3 "C5+1 summit"
bus_start_notifyd "$tmp/notifyd.log"
run burst
check "burst: the run exits 0" test "$(cat "$tmp/burst.rc")" -eq 0
check "burst: one notification for seven alerts" notified_count 1
check "burst: it counts the stories and the topics" last_summary \
    "7 new stories from news: kazakhstan 4, c5plus1 3"
check "burst: all seven stored and delivered" sql_is \
    "SELECT count(*) FROM alerts WHERE delivered IS NOT NULL" 7
check "burst: the exec sink got each of its three alerts" \
    test "$(ls "$tmp/sunk" | wc -l)" -eq 3

# --- stories: an item that fires two topics is one notification ----------
bus_start_notifyd "$tmp/notifyd.log"
items 4 "Kazakhstan and the C5+1"
run stories
check "stories: eight alerts of four stories, under burst: four notifications" \
    notified_count 4
# The title is isolated: U+2068 ... U+2069.
check "stories: each under both its topics" test "$(bus_notifications |
    cut -f3 | grep -c "^kazakhstan, c5plus1: $(printf '\342\201\250')Kazakhstan and the C5+1 ")" -eq 4
check "stories: all eight alerts delivered" sql_is "$pending" 0
items 3 "Kazakhstan and the C5+1 again"
items 3 "Kazakhstan alone"
bus_start_notifyd "$tmp/notifyd.log"
run stories2
check "stories: six stories over burst 5 are one summary" notified_count 1
check "stories: it counts each story once" last_summary \
    "6 new stories from news: kazakhstan 6, c5plus1 3"

# --- mute: recorded, not notified; unmute: notified again -----------------
cli mute mute -c "$tmp/raqib.conf" kazakhstan 2h
check "raqib mute TOPIC 2h exits 0 and says until when" has "$tmp/mute.out" \
    "kazakhstan	muted until "
cli list mute -c "$tmp/raqib.conf"
check "raqib mute lists the muted topic" has "$tmp/list.out" "kazakhstan"
cli unknown mute -c "$tmp/raqib.conf" no-such-topic
check "raqib mute refuses an unknown topic" test "$(cat "$tmp/unknown.rc")" -eq 2
bus_start_notifyd "$tmp/notifyd.log"
items 1 "Kazakhstan muted"
run muted
check "muted: no notification" notified_count 0
check "muted: the alert is recorded as muted, not pending" sql_is \
    "SELECT count(*) FROM alerts WHERE muted = 1 AND delivered IS NOT NULL" 1
cli unmute unmute -c "$tmp/raqib.conf" kazakhstan
check "raqib unmute says so" has "$tmp/unmute.out" "kazakhstan	unmuted"
items 1 "Kazakhstan again"
run unmuted
check "unmuted: notified again" notified_count 1

# --- no server: alerts wait, then arrive as one summary -------------------
bus_stop_notifyd
items 6 "Kazakhstan outage"
run noserver
check "no server: the log says alerts wait" has "$tmp/noserver.err" \
    "alerts will wait"
check "no server: six alerts pending" sql_is "$pending" 6
bus_start_notifyd "$tmp/notifyd.log"
run back
check "server back: one summary notification" notified_count 1
check "server back: it names the six" last_summary \
    "6 new stories from news: kazakhstan 6"
check "server back: nothing pending" sql_is "$pending" 0

# --- a failing exec sink keeps only its own delivery pending --------------
touch "$tmp/sink-fails"
bus_start_notifyd "$tmp/notifyd.log"
items 1 "C5+1 sink"
run sinkfail
check "sink fails: the desktop still notified" notified_count 1
check "sink fails: the alert stays pending" sql_is "$pending" 1
check "sink fails: the failure is logged" has "$tmp/sinkfail.err" \
    "exited with status 1"
rm -f "$tmp/sink-fails"
bus_start_notifyd "$tmp/notifyd.log"
run sinkok
check "sink back: the sink gets the alert" test -e "$tmp/sunk/$n_items.json"
check "sink back: the desktop is not notified twice" notified_count 0
check "sink back: nothing pending" sql_is "$pending" 0

# --- the running daemon: a click opens the link, "Mute topic" mutes --------
printf '#!/bin/sh\nprintf "%%s\\n" "$@" >"$0.part" && mv "$0.part" "$0.out"\n' \
    >"$tmp/opener"
chmod +x "$tmp/opener"
config "opener = $tmp/opener"
bus_start_notifyd "$tmp/notifyd.log"
items 1 "Kazakhstan click"
"$RAQIB" -c "$tmp/raqib.conf" >"$tmp/daemon.out" 2>"$tmp/daemon.err" &
daemon=$!
bus_wait_notifications 1 10
bus_invoke_action 1 default
wait_for test -e "$tmp/opener.out"
check "daemon: a click runs the opener with the item's link" test \
    "$(cat "$tmp/opener.out")" = "http://127.0.0.1/n/$n_items"
bus_invoke_action 1 mute
wait_for grep -q "muted for a day" "$tmp/daemon.err"
cli muted mute -c "$tmp/raqib.conf"
check "daemon: Mute topic mutes it in the database" has "$tmp/muted.out" \
    "kazakhstan	muted until "
kill "$daemon"
wait "$daemon"
check "daemon: stops cleanly on SIGTERM" test $? -eq 0
cli unmute2 unmute -c "$tmp/raqib.conf" kazakhstan

# --- quiet hours hold notifications ----------------------------------------
config "quiet = $(date -d '-1 min' +%H:%M)-$(date -d '+30 min' +%H:%M)"
bus_start_notifyd "$tmp/notifyd.log"
items 1 "Kazakhstan at night"
run quiet
check "quiet hours: no notification" notified_count 0
check "quiet hours: the log says they are held" has "$tmp/quiet.err" \
    "quiet hours: holding notifications"
check "quiet hours: the alert waits" sql_is "$pending" 1

# --- a flood beside a quiet source in one flush: each by its own count ----
# The burst rule counts each source's stories in the share: the flood's
# seven are one summary, the quiet source's one story is shown on its own.
for f in flood quiet; do
	{
		echo '<?xml version="1.0" encoding="UTF-8"?>'
		echo "<rss version=\"2.0\"><channel><title>$f</title>"
		_n=1
		[ "$f" = flood ] && _n=7
		_i=0
		while [ "$_i" -lt "$_n" ]; do
			_i=$((_i + 1))
			printf '<item><title>Kazakhstan %s %d</title><link>http://127.0.0.1/%s/%d</link></item>\n' \
			    "$f" "$_i" "$f" "$_i"
		done
		echo '</channel></rss>'
	} >"$tmp/www/$f.xml"
done
{
	printf '[raqib]\ndatabase = %s/two.db\ntimeout = 10s\ncatch_up = all\n' \
	    "$tmp"
	printf 'burst = 5\n'
	for f in flood quiet; do
		printf '[source %s]\nurl = http://127.0.0.1:%s/%s.xml\n' "$f" \
		    "$FIXTURE_PORT" "$f"
	done
	printf '[topic kazakhstan]\nmatch = Kazakhstan\n'
} >"$tmp/two.conf"
bus_start_notifyd "$tmp/notifyd.log"
timeout 60 "$RAQIB" -c "$tmp/two.conf" --once >/dev/null 2>"$tmp/two.err"
check "flood and quiet: the run exits 0" test $? -eq 0
check "flood and quiet: two notifications" notified_count 2
check "flood and quiet: the flood is one summary" test "$(bus_notifications |
    cut -f3 | grep -c '^7 new stories from flood')" -eq 1
check "flood and quiet: the quiet story is shown on its own" test \
    "$(bus_summaries | grep -c 'Kazakhstan quiet 1')" -eq 1

tap_finish "$tmp"
