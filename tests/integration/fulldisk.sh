#!/bin/sh
# A full disk (issue 14), with real parts: the database on a tmpfs of a few
# MB filled to the last block, a feed on 127.0.0.1, a private session bus
# with a real notification server (python3-dbusmock), the stdout sink and an
# exec sink. While the database cannot record a delivery raqib must stop
# delivering, say so once (naming the file and what to do), and once space
# returns record what it delivered and deliver the rest: nothing shown twice
# for the failure, nothing lost. Then the same with a kill -9 while the disk
# is full, and `raqib --once` on a full disk, which must exit 1.
# Mounting needs root (as in CI); elsewhere the test says SKIP.
B=${B:-build}
RAQIB="$(pwd)/$B/raqib"

if [ -z "${RAQIB_FULLDISK_BUS:-}" ]; then
	RAQIB_FULLDISK_BUS=1 exec dbus-run-session \
	    --config-file=tests/lib/session-noservices.conf -- sh "$0" "$@"
fi

. tests/lib/bus.sh
. tests/lib/tap.sh
. tests/lib/fixtures.sh
. tests/lib/feedgen.sh
. tests/lib/alerts.sh

tmp=$(mktemp -d "${TMPDIR:-/tmp}/raqib-fulldisk.XXXXXX")
daemon=
holder=
cleanup() {
	[ -n "$daemon" ] && kill -9 "$daemon" 2>/dev/null
	[ -n "$holder" ] && kill "$holder" 2>/dev/null
	bus_stop_notifyd
	fixtures_stop
	umount "$tmp/disk" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config"
export XDG_STATE_HOME="$tmp/home/.local/state"

mkdir -p "$tmp/disk" "$tmp/www"
if [ "$(id -u)" -ne 0 ]; then
	echo "ok 1 - a full disk # SKIP mounting a tmpfs needs root"
	exit 0
fi
if ! mount -t tmpfs -o size=3m raqib-fulldisk "$tmp/disk" 2>"$tmp/mount.err"
then
	echo "ok 1 - a full disk # SKIP cannot mount a tmpfs: $(cat "$tmp/mount.err")"
	exit 0
fi
fixtures_server "$tmp" || { echo "not ok 1 - fixture server starts"; exit 1; }
db="$tmp/disk/raqib.db"

# The exec sink: one line per run, the alert's link; fails while
# $tmp/sink-fails exists.
cat >"$tmp/sink" <<EOF
#!/bin/sh
[ -e "$tmp/sink-fails" ] && exit 1
printf '%s\n' "\$RAQIB_LINK" >>"$tmp/sunk"
EOF
chmod +x "$tmp/sink"

# The config: the topic's sinks as given.
config() { # notify
	feedgen_conf "$tmp/raqib.conf" "$db" "interval = 1h" news
	printf 'notify = %s\n' "$1" >>"$tmp/raqib.conf"
}

# Add n items, numbered on from the last, each matching the topic.
n_items=0
items() { # n
	_i=0
	while [ "$_i" -lt "$1" ]; do
		_i=$((_i + 1))
		n_items=$((n_items + 1))
		echo "g$n_items|http://127.0.0.1/n/$n_items|كازاخستان: خبر $n_items|نص $n_items" \
		    >>"$tmp/items"
	done
	tac "$tmp/items" | feedgen_rss "$tmp/www/news.xml"
}

fill() {
	dd if=/dev/zero of="$tmp/disk/fill" bs=4k 2>/dev/null
}

unfill() {
	rm -f "$tmp/disk/fill"
}

logged() { # file, text
	grep -qF -- "$2" "$1"
}

# The file holds n lines with the text.
logged_n() { # n, file, text
	[ "$(grep -cF -- "$3" "$2")" -eq "$1" ]
}

# What each sink got of the items from..to: "desktop stdout exec" counts.
got() { # from, to
	bus_summaries | sed -n 's/^kazakhstan: كازاخستان: خبر //p' |
	    awk -v a="$1" -v b="$2" '$1 >= a && $1 <= b' >"$tmp/got.desktop"
	sed -n 's|.*http://127.0.0.1/n/||p' "$tmp/stdout" 2>/dev/null |
	    awk -v a="$1" -v b="$2" '$1 >= a && $1 <= b' >"$tmp/got.stdout"
	sed -n 's|.*http://127.0.0.1/n/||p' "$tmp/sunk" 2>/dev/null |
	    awk -v a="$1" -v b="$2" '$1 >= a && $1 <= b' >"$tmp/got.exec"
	echo "$(wc -l <"$tmp/got.desktop") $(wc -l <"$tmp/got.stdout")" \
	    "$(wc -l <"$tmp/got.exec")"
}

# Each of the items from..to reached every sink exactly once.
each_once() { # from, to
	_want=$(seq "$1" "$2")
	for _s in desktop stdout exec; do
		if [ "$(sort -n "$tmp/got.$_s")" != "$_want" ]; then
			echo "# $_s got: $(sort -n "$tmp/got.$_s" | tr '\n' ' ')"
			return 1
		fi
	done
}

# Each of the items from..to reached every sink at least once.
none_lost() { # from, to
	for _s in desktop stdout exec; do
		_miss=$(seq "$1" "$2" | sort | comm -23 - "$(sort -u \
		    "$tmp/got.$_s" >"$tmp/u" && echo "$tmp/u")")
		if [ -n "$_miss" ]; then
			echo "# $_s lost: $(echo "$_miss" | tr '\n' ' ')"
			return 1
		fi
	done
}

# No sink got more than it could have had in flight when the disk filled:
# one notification, one stdout line, one run per exec slot (4).
at_most_in_flight() { # "desktop stdout exec" counts
	set -- $1
	[ "$1" -le 1 ] && [ "$2" -le 1 ] && [ "$3" -le 4 ]
}

# Store six alerts that wait (the exec sink is the topic's only sink, and
# fails), then give the topic these sinks, all working.
waiting() { # notify
	config "exec:$tmp/sink"
	touch "$tmp/sink-fails"
	items 6
	timeout 60 "$RAQIB" -c "$tmp/raqib.conf" --once >>"$tmp/stdout" \
	    2>>"$tmp/waiting.err"
	config "$1"
	rm -f "$tmp/sink-fails"
}

# Start the daemon (its stdout is the stdout sink's).
start() {
	"$RAQIB" -c "$tmp/raqib.conf" >>"$tmp/stdout" 2>>"$tmp/daemon.err" &
	daemon=$!
}

# Stop the daemon with SIGTERM.
stop() {
	kill "$daemon"
	wait "$daemon" 2>/dev/null
	daemon=
}

# A reader holds the database open, so that its shared-memory file stays
# allocated on the full disk (SQLite cannot create it there); the daemon,
# running when a disk fills, holds it the same way.
hold() {
	mkfifo "$tmp/holder"
	sqlite3 "$db" <"$tmp/holder" >/dev/null &
	holder=$!
	exec 3>"$tmp/holder"
	echo 'SELECT count(*) FROM alerts;' >&3
	wait_until 10 test -e "$db-shm"
}

release() {
	exec 3>&-
	wait "$holder"
	holder=
}

health_recorded() {
	[ "$(sql 'SELECT count(*) FROM sources WHERE last_attempt IS NOT NULL')" \
	    -eq 1 ]
}

bus_start_notifyd "$tmp/notifyd.log"

# --- the disk fills while the daemon runs: nothing is polled or delivered --
config "desktop, exec:$tmp/sink"
touch "$tmp/sink-fails"
items 6
bus_stop_notifyd
start
wait_until 20 alerts_are 6
wait_until 10 health_recorded
check "six alerts wait while no sink takes them" alerts_are 6
fill
config "desktop, stdout, exec:$tmp/sink"
rm -f "$tmp/sink-fails"
bus_start_notifyd "$tmp/notifyd.log"
kill -HUP "$daemon"
wait_until 10 logged "$tmp/daemon.err" "configuration reloaded"
kill -USR1 "$daemon"
sleep 4
running=$(got 1 6)
check "disk full under the daemon: nothing more than was in flight" \
    at_most_in_flight "$running"
check "disk full under the daemon: one error, naming the file and what to do" \
    logged_n 1 "$tmp/daemon.err" \
    "$db: database or disk is full — free some disk space"
unfill
wait_until 60 nothing_pending
got 1 6 >/dev/null
check "space back: each alert reached each sink exactly once" each_once 1 6
check "space back: the log says delivery resumed" logged "$tmp/daemon.err" \
    "can be written again"
stop

# --- alerts waiting, a daemon started on a full disk (the storm) -----------
waiting "desktop, stdout, exec:$tmp/sink"
hold
fill
: >"$tmp/daemon.err"
start
# Long enough for a storm to show: a round of deliveries every 0.2 s.
sleep 8
storm=$(got 7 12)
set -- $storm
echo "# a full disk for 8 s: desktop $1, stdout $2, exec $3 deliveries of" \
    "6 alerts"
check "full disk: nothing more than was in flight when a record failed" \
    at_most_in_flight "$storm"
check "full disk: one error, naming the file and what to do" logged_n 1 \
    "$tmp/daemon.err" "$db: database or disk is full — free some disk space"
unfill
wait_until 60 nothing_pending
got 7 12 >/dev/null
check "space back: nothing pending" nothing_pending
check "space back: each alert reached each sink exactly once" each_once 7 12
stop

# --- the same, killed with SIGKILL while the disk is full ------------------
# Without stdout, whose line fails at once, the desktop and the exec sink
# are in flight when the first record fails.
waiting "desktop, exec:$tmp/sink"
fill
: >"$tmp/daemon.err"
start
wait_until 10 logged "$tmp/daemon.err" "free some disk space"
sleep 2
killed=$(got 13 18)
kill -9 "$daemon"
wait "$daemon" 2>/dev/null
daemon=
check "kill -9 on a full disk: nothing more than was in flight" \
    at_most_in_flight "$killed"
unfill
config "desktop, stdout, exec:$tmp/sink"
timeout 60 "$RAQIB" -c "$tmp/raqib.conf" --once >>"$tmp/stdout" \
    2>"$tmp/after.err"
check "kill -9 on a full disk: the next run exits 0" test $? -eq 0
after=$(got 13 18)
set -- $killed $after
echo "# killed on a full disk: desktop $1, stdout $2, exec $3 before the kill;" \
    "$4, $5, $6 of 6 after the next run"
check "kill -9 on a full disk: nothing lost" none_lost 13 18
check "kill -9 on a full disk: at most what was in flight repeats" \
    test "$4" -le 7 -a "$5" -le 7 -a "$6" -le 10
check "kill -9 on a full disk: nothing pending" nothing_pending

# --- raqib --once on a full disk --------------------------------------------
waiting "exec:$tmp/sink, desktop, stdout"
fill
timeout 60 "$RAQIB" -c "$tmp/raqib.conf" --once >>"$tmp/stdout" \
    2>"$tmp/once.err"
rc=$?
full=$(got 19 24)
check "--once on a full disk exits 1 (status $rc)" test "$rc" -eq 1
check "--once on a full disk: nothing more than was in flight" \
    at_most_in_flight "$full"
check "--once on a full disk: the error names the file and what to do" \
    logged "$tmp/once.err" \
    "$db: database or disk is full — free some disk space"
release
unfill
timeout 60 "$RAQIB" -c "$tmp/raqib.conf" --once >>"$tmp/stdout" \
    2>"$tmp/again.err"
check "--once with space back exits 0" test $? -eq 0
got 19 24 >/dev/null
check "--once with space back: nothing lost" none_lost 19 24
check "--once with space back: nothing pending" nothing_pending

tap_finish "$tmp"
