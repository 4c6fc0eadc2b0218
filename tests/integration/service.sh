#!/bin/sh
# raqib as a service: sd_notify messages read from a NOTIFY_SOCKET this test
# listens on (READY, STATUS, WATCHDOG at its rate, RELOADING/READY around a
# reload, STOPPING); SIGHUP with a good config (new sources and topics apply,
# old state kept) and a broken one (FILE:LINE reported, the old topics still
# alert); SIGTERM with a transfer in flight exits 0 within 5 s, database intact.
B=${B:-build}
RAQIB="$(pwd)/$B/raqib"

if [ -z "${RAQIB_SERVICE_BUS:-}" ]; then
	RAQIB_SERVICE_BUS=1 exec dbus-run-session \
	    --config-file=tests/lib/session-noservices.conf -- sh "$0" "$@"
fi

. tests/lib/tap.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/raqib-service.XXXXXX")
RAQIB_PID= LISTEN_PID= FIXTURE_PID=
trap 'for p in $RAQIB_PID $LISTEN_PID $FIXTURE_PID; do kill $p 2>/dev/null;
    done; [ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config"
export XDG_STATE_HOME="$tmp/home/.local/state"
mkdir -p "$tmp/www"

# Wait up to S seconds (tenths) for a command to succeed.
within() { # seconds, command...
	_n=$(($1 * 10))
	shift
	while ! "$@"; do
		[ "$_n" -gt 0 ] || return 1
		sleep 0.1
		_n=$((_n - 1))
	done
}

# Write an RSS feed with one item per title.
feed() { # file, titles...
	_f=$1
	shift
	{
		echo '<?xml version="1.0" encoding="UTF-8"?>'
		echo '<rss version="2.0"><channel><title>t</title>'
		for _t in "$@"; do
			printf '<item><title>%s</title><guid>%s</guid></item>\n' \
			    "$_t" "$_t"
		done
		echo '</channel></rss>'
	} >"$tmp/www/$_f.tmp"
	mv "$tmp/www/$_f.tmp" "$tmp/www/$_f"
	touch -d "@$(($(date +%s) + $(wc -l <"$tmp/www/$_f")))" "$tmp/www/$_f"
}

# The number of alerts of a topic in the database.
alerts() { # topic
	sqlite3 "$tmp/raqib.db" \
	    "SELECT count(*) FROM alerts WHERE topic = '$1'" 2>/dev/null
}

# A topic has at least n alerts.
alerted() { # topic, n
	[ "$(alerts "$1")" -ge "$2" ] 2>/dev/null
}

# The notify log holds a line matching a pattern at least n times.
notified() { # pattern, [n]
	[ "$(grep -c -- "$1" "$tmp/notify.log")" -ge "${2:-1}" ]
}

# A file contains a fixed string.
has() { # file, text
	grep -qF -- "$2" "$1"
}

# Write a config: the header, then the given sections.
config() { # sections (printf'd)
	{
		printf '[raqib]\ndatabase = %s\ninterval = 10m\ntimeout = 10s\ncatch_up = all\n' \
		    "$tmp/raqib.db"
		printf "$1" | sed "s/@PORT@/$PORT/g"
	} >"$tmp/raqib.conf"
}

"$B/fixture-server" -d "$tmp/www" -l "$tmp/requests.log" -t 120 \
    >"$tmp/port" 2>/dev/null &
FIXTURE_PID=$!
within 5 test -s "$tmp/port"
PORT=$(awk '/^port/ {print $2}' "$tmp/port")
/usr/bin/python3 tests/lib/notify-listen.py "$tmp/notify.sock" \
    "$tmp/notify.log" 90 &
LISTEN_PID=$!
within 5 test -S "$tmp/notify.sock"

ONE='[source one]\nurl = http://127.0.0.1:@PORT@/one.xml\n
[topic alpha]\nmatch = zebra\n'
TWO='[source one]\nurl = http://127.0.0.1:@PORT@/one.xml\n
[source two]\nurl = http://127.0.0.1:@PORT@/two.xml\n
[topic alpha]\nmatch = zebra\n[topic beta]\nmatch = giraffe\n'
feed one.xml "zebra one"
feed two.xml "zebra two"
config "$ONE"

# --- start: READY, STATUS, WATCHDOG every WATCHDOG_USEC / 2 ----------------
NOTIFY_SOCKET="$tmp/notify.sock" WATCHDOG_USEC=400000 "$RAQIB" \
    -c "$tmp/raqib.conf" 2>"$tmp/raqib.err" &
RAQIB_PID=$!
check "READY=1 once the config is loaded and the database open" \
    within 10 notified '^[0-9.]* READY=1$'
check "a STATUS= line a person can read" within 10 notified \
    'STATUS=1 sources, 0 failing, .*, [0-9]* alerts today$'
check "the first poll alerts" within 10 alerted alpha 1
w0=$(grep -c 'WATCHDOG=1$' "$tmp/notify.log")
sleep 2
w1=$(grep -c 'WATCHDOG=1$' "$tmp/notify.log")
check "WATCHDOG=1 every 0.2 s with WATCHDOG_USEC=400000 ($((w1 - w0)) in 2 s)" \
    test $((w1 - w0)) -ge 6 -a $((w1 - w0)) -le 13
check "STATUS counts today's alert" within 10 notified \
    'STATUS=1 sources, 0 failing, .*, 1 alerts today$'

# --- SIGHUP, a good config: a new source and a new topic -------------------
config "$TWO"
kill -HUP $RAQIB_PID
check "SIGHUP sends RELOADING=1 with MONOTONIC_USEC" \
    within 5 notified '^[0-9.]* MONOTONIC_USEC=[0-9]*$'
check "and READY=1 after the reload" within 5 notified '^[0-9.]* READY=1$' 2
check "the reload is logged with the new counts" within 5 \
    has "$tmp/raqib.err" "configuration reloaded: 2 sources, 2 topics"
feed one.xml "zebra one" "giraffe one"
kill -USR1 $RAQIB_PID
check "the new topic alerts after the reload" within 10 alerted beta 1
check "the new source is polled and alerts" within 10 alerted alpha 2
check "state is kept: the old item does not alert again" \
    test "$(alerts alpha)" -eq 2
check "the reload keeps the running source and adds the new one" \
    has "$tmp/raqib.err" "sources: 1 added, 0 removed, 1 kept"

# --- SIGHUP, a source removed: it is polled no more ------------------------
config "$ONE"
kill -HUP $RAQIB_PID
check "a removed source is reported" within 5 \
    has "$tmp/raqib.err" "sources: 0 added, 1 removed, 1 kept"
polls_two=$(grep -c 'two.xml' "$tmp/requests.log")
polls_one=$(grep -c 'one.xml' "$tmp/requests.log")
kill -USR1 $RAQIB_PID
within 5 test "$(grep -c 'one.xml' "$tmp/requests.log")" -gt "$polls_one"
check "and SIGUSR1 polls the kept source, not the removed one" \
    test "$(grep -c 'two.xml' "$tmp/requests.log")" -eq "$polls_two"
config "$TWO"
kill -HUP $RAQIB_PID
within 5 has "$tmp/raqib.err" "sources: 1 added, 0 removed, 1 kept"

# --- SIGHUP, a broken config: reported, the running one stays --------------
bad=$(($(wc -l <"$tmp/raqib.conf") + 2))
printf '[topic broken]\nmatch = (unclosed\n' >>"$tmp/raqib.conf"
kill -HUP $RAQIB_PID
check "a broken config is reported as FILE:LINE" within 5 \
    has "$tmp/raqib.err" "$tmp/raqib.conf:$bad:"
check "and the running configuration stays in force" within 5 \
    has "$tmp/raqib.err" "the running configuration stays in force"
check "READY=1 again after the failed reload" within 5 \
    notified '^[0-9.]* READY=1$' 3
check "the status line says the reload failed" within 5 notified \
    'STATUS=.*; the last reload failed: the config has errors$'
check "the daemon is still running" kill -0 $RAQIB_PID
feed one.xml "zebra one" "giraffe one" "zebra three"
kill -USR1 $RAQIB_PID
check "old topics still alert after the broken reload" \
    within 10 alerted alpha 3

# --- SIGTERM: STOPPING=1, exit 0 --------------------------------------------
kill -TERM $RAQIB_PID
within 5 sh -c "! kill -0 $RAQIB_PID 2>/dev/null"
wait $RAQIB_PID
rc=$?
RAQIB_PID=
check "SIGTERM sends STOPPING=1" notified '^[0-9.]* STOPPING=1$'
check "SIGTERM exits 0" test $rc -eq 0

# --- SIGTERM during a slow transfer: out within 5 s, database intact -------
config '[source slow]\nurl = http://127.0.0.1:@PORT@/slow/60\n
[source one]\nurl = http://127.0.0.1:@PORT@/one.xml\n[topic alpha]\nmatch = zebra\n'
"$RAQIB" -c "$tmp/raqib.conf" 2>"$tmp/slow.err" &
RAQIB_PID=$!
within 10 has "$tmp/requests.log" "GET /slow/60"
kill -HUP $RAQIB_PID
within 5 has "$tmp/slow.err" "configuration reloaded"
t0=$(date +%s%N)
kill -TERM $RAQIB_PID
within 8 sh -c "! kill -0 $RAQIB_PID 2>/dev/null"
wait $RAQIB_PID
rc=$?
ms=$((($(date +%s%N) - t0) / 1000000))
RAQIB_PID=
check "SIGTERM during a slow transfer exits within 5 s (${ms} ms)" \
    test "$ms" -lt 5000
check "and exits 0" test $rc -eq 0
check "a reload leaves a kept source's transfer running" \
    test "$(grep -c 'GET /slow/60' "$tmp/requests.log")" -eq 1
check "SIGTERM lets it run, then aborts it and says so" has "$tmp/slow.err" \
    "aborting 1 transfers still in flight"
check "the database is intact" test "$(sqlite3 "$tmp/raqib.db" \
    'PRAGMA integrity_check')" = ok
check "and holds every alert" test "$(alerts alpha)" -eq 3

# --- an abstract-namespace NOTIFY_SOCKET ("@name") -------------------------
config "$ONE"
/usr/bin/python3 tests/lib/notify-listen.py "@raqib-test-$$" \
    "$tmp/abstract.log" 20 &
ABSTRACT_PID=$!
within 5 test -s "$tmp/abstract.log"
NOTIFY_SOCKET="@raqib-test-$$" timeout 20 "$RAQIB" -c "$tmp/raqib.conf" \
    --dry-run >/dev/null 2>&1
check "READY=1 reaches an abstract-namespace socket" \
    within 5 grep -q ' READY=1$' "$tmp/abstract.log"
kill $ABSTRACT_PID 2>/dev/null

tap_status
