#!/bin/sh
# A broken source, told once: after notify_failures polls in a row fail the
# desktop gets one "broken" notification (name, URL, the last error in
# words, what to do), escaped for markup; later failures, also in a new
# process, add none; when the source answers again, one "works again". The
# other sources alert as before. Real parts: the fixture server on
# 127.0.0.1, SQLite, a private D-Bus session with python3-dbusmock.
B=${B:-build}
RAQIB="$(pwd)/$B/raqib"

if [ -z "${RAQIB_BROKEN_BUS:-}" ]; then
	RAQIB_BROKEN_BUS=1 exec dbus-run-session \
	    --config-file=tests/lib/session-noservices.conf -- sh "$0" "$@"
fi

. tests/lib/bus.sh
. tests/lib/tap.sh
. tests/lib/fixtures.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/raqib-broken.XXXXXX")
trap 'bus_stop_notifyd; fixtures_stop; rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config"
export XDG_STATE_HOME="$tmp/home/.local/state"

fixtures_serve "$tmp" || { echo "not ok 1 - fixture server starts"; exit 1; }
# The query's & must reach a markup-reading server as &amp;.
flaky="http://127.0.0.1:$FIXTURE_PORT/flaky.xml?a=1&b=2"
fixtures_config "$tmp/raqib.conf" "$tmp/raqib.db"
sed -i "s/^catch_up = all$/catch_up = all\nnotify_failures = 3/" \
    "$tmp/raqib.conf"
printf '\n[source flaky]\nurl = %s\n' "$flaky" >>"$tmp/raqib.conf"
broken="Source flaky is broken"
again="Source flaky works again"

# Poll once with a fresh notification server; its calls land in NAME.got.
poll() { # name
	bus_start_notifyd "$tmp/$1.log" || return 1
	timeout 60 "$RAQIB" --once -c "$tmp/raqib.conf" >"$tmp/$1.out" \
	    2>"$tmp/$1.err"
	echo $? >"$tmp/$1.rc"
	bus_notifications >"$tmp/$1.got"
}

# NAME.got holds n notifications with this summary.
told() { # name, n, summary
	_got=$(cut -f3 "$tmp/$1.got" | grep -cxF -- "$3")
	[ "$_got" -eq "$2" ] && return 0
	echo "# $1: $_got notifications '$3', expected $2"
	return 1
}

# The body of NAME.got's notification with this summary contains text.
body_has() { # name, summary, text
	awk -F '\t' -v s="$2" '$3 == s { print $4 }' "$tmp/$1.got" |
	    grep -qF -- "$3" && return 0
	echo "# $1: '$2' has no '$3' in its body"
	return 1
}

# The topic alerts of NAME.got equal the alerts the database recorded since
# (a story of two topics is one notification, "a, b: title", two alerts).
alerts_as_before() { # name, alerts before
	_n=$(grep -v "	Source " "$tmp/$1.got" | awk -F '\t' '
	    { split($3, t, ": "); n += split(t[1], u, ", ") } END { print n + 0 }')
	_db=$(($(sqlite3 "$tmp/raqib.db" 'SELECT count(*) FROM alerts') - $2))
	[ "$_n" -eq "$_db" ] && [ "$_n" -gt 0 ] && return 0
	echo "# $1: $_n alert notifications, $_db new alerts in the database"
	return 1
}

poll p1
check "first poll: the other sources alert as usual" alerts_as_before p1 0
check "one failure is no broken source yet" told p1 0 "$broken"
poll p2
check "two failures: still quiet" told p2 0 "$broken"
poll p3
check "the third failure in a row: exactly one 'broken' notification" \
    told p3 1 "$broken"
check "it names the URL, escaped for markup" \
    body_has p3 "$broken" "flaky.xml?a=1&amp;b=2"
check "it gives the last error in words" \
    body_has p3 "$broken" "Last error: HTTP status 404"
check "it says what to do" body_has p3 "$broken" "raqib sources"
check "and nothing else was notified" test "$(wc -l <"$tmp/p3.got")" -eq 1
poll p4
check "a fourth failure, in a new process: no second 'broken'" \
    told p4 0 "$broken"

# A story no other source carries, so that it alerts on its own.
cat >"$tmp/www/flaky.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>flaky</title>
<item><title>مطار كازاخستان الجديد يستقبل أول رحلة</title>
<link>http://127.0.0.1/flaky/1</link><guid>flaky-1</guid></item>
</channel></rss>
EOF
before=$(sqlite3 "$tmp/raqib.db" 'SELECT count(*) FROM alerts')
poll p5
check "it answers again: exactly one 'works again' notification" \
    told p5 1 "$again"
check "which counts the failed polls" \
    body_has p5 "$again" "after 4 failed polls in a row"
check "its new items alert as any source's would" alerts_as_before p5 "$before"
poll p6
check "the next good poll says nothing more" told p6 0 "$again"
check "every poll exited 0" test "$(cat "$tmp"/p*.rc | sort -u)" = 0
check "the health row counts no failure now" test "$(sqlite3 "$tmp/raqib.db" \
    "SELECT failures FROM sources WHERE name = 'flaky'")" -eq 0
tap_finish "$tmp"
