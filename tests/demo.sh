#!/bin/sh
# make demo: sample sources built from real Arabic articles, served on
# 127.0.0.1; `raqib --once` polls them with the example topics and raises a
# desktop notification per alert (or prints the alerts when no notification
# server is running). Everything started here is stopped at the end.
set -u
B=${B:-build}
. tests/lib/fixtures.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/raqib-demo.XXXXXX")
trap 'fixtures_stop; rm -rf "$tmp"' EXIT INT TERM

fixtures_serve "$tmp" || { echo "demo: the fixture server did not start" >&2; exit 1; }
fixtures_config "$tmp/raqib.conf" "$tmp/raqib.db"
echo "demo: serving 3 sample sources on http://127.0.0.1:$FIXTURE_PORT/"
echo "demo: topics: $(sed -n 's/^\[topic \(.*\)\]/\1/p' config/raqib.conf | tr '\n' ' ')"

has_server() {
	[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || return 1
	dbus-send --session --print-reply --dest=org.freedesktop.DBus \
	    /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner \
	    string:org.freedesktop.Notifications 2>/dev/null | grep -q 'true'
}

if has_server; then
	echo "demo: a notification server is running: alerts go to your desktop"
	"$B/raqib" --once -c "$tmp/raqib.conf"
else
	echo "demo: no notification server on the session bus: alerts printed"
	echo "demo: (topic, title, link)"
	"$B/raqib" --dry-run -c "$tmp/raqib.conf"
fi
status=$?
echo "demo: done (exit $status); the demo database was thrown away"
exit $status
