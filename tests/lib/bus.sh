# bus.sh: a notification server on a private D-Bus session bus, for tests.
#
# Source it (POSIX sh) from the repository root in a test that already runs
# inside its own session bus, e.g. a script that re-executes itself under
#
#	dbus-run-session --config-file=tests/lib/session-noservices.conf -- sh "$0"
#
# (that config has no service directories, so nothing is ever auto-started and
# "no server" really means none: docs/HACKING.md). Then:
#
#	bus_start_notifyd LOG [CAPS]	start python3-dbusmock's notification
#					daemon, log its calls to LOG, wait <= 10 s
#					for org.freedesktop.Notifications; CAPS
#					defaults to "body body-markup actions"
#	bus_stop_notifyd		stop it (bounded); safe when none runs
#	bus_hang_notifyd		the running mock takes Notify calls and
#					never answers them (sleeps 60 s)
#	bus_notifications		print the Notify calls received, one per
#					line (see notifications.py for the fields)
#	bus_summaries			their summaries as a reader sees them:
#					the isolates around feed text dropped
#	bus_wait_notifications N [S]	wait <= S s (10) for N calls to arrive
#	bus_invoke_action ID KEY	the mock emits ActionInvoked(ID, KEY), as
#					when the user clicks an action
#	bus_noservices CMD...		run CMD on a fresh bus without services
#	bus_has_owner NAME		whether NAME is owned on the bus
#
# Put bus_stop_notifyd in your EXIT trap. Every wait is bounded.

BUS_LIB=${BUS_LIB:-$(pwd)/tests/lib}
BUS_PYTHON=/usr/bin/python3	# the one with Debian's python3-dbusmock
BUS_NOTIFYD_PID=

bus_has_owner() { # name
	dbus-send --session --print-reply --reply-timeout=2000 \
	    --dest=org.freedesktop.DBus /org/freedesktop/DBus \
	    org.freedesktop.DBus.NameHasOwner "string:$1" 2>/dev/null |
	    grep -q 'boolean true'
}

# Poll every 0.1 s until NAME is owned (with "gone": not owned), at most S s.
bus_wait_name() { # name, seconds, [gone]
	_bus_n=$(($2 * 10))
	while [ "$_bus_n" -gt 0 ]; do
		if bus_has_owner "$1"; then
			[ -z "$3" ] && return 0
		else
			[ -n "$3" ] && return 0
		fi
		sleep 0.1
		_bus_n=$((_bus_n - 1))
	done
	return 1
}

bus_start_notifyd() { # logfile, [capabilities]
	if [ -z "$DBUS_SESSION_BUS_ADDRESS" ]; then
		echo "bus.sh: no session bus; run under dbus-run-session" >&2
		return 1
	fi
	bus_stop_notifyd
	"$BUS_PYTHON" -m dbusmock --session -t notification_daemon -l "$1" \
	    -p "{\"capabilities\": \"${2:-body body-markup actions}\"}" \
	    </dev/null >/dev/null &
	BUS_NOTIFYD_PID=$!
	_bus_n=100
	while ! bus_has_owner org.freedesktop.Notifications; do
		if [ "$_bus_n" -le 0 ] || ! kill -0 "$BUS_NOTIFYD_PID" 2>/dev/null
		then
			echo "bus.sh: the notification mock did not start" >&2
			bus_stop_notifyd
			return 1
		fi
		sleep 0.1
		_bus_n=$((_bus_n - 1))
	done
}

bus_stop_notifyd() {
	[ -n "$BUS_NOTIFYD_PID" ] || return 0
	kill "$BUS_NOTIFYD_PID" 2>/dev/null
	# wait(1) would hang on a mock that ignores TERM: a killer bounds it.
	(sleep 3 && kill -9 "$BUS_NOTIFYD_PID") </dev/null >/dev/null 2>&1 &
	_bus_killer=$!
	wait "$BUS_NOTIFYD_PID" 2>/dev/null
	kill "$_bus_killer" 2>/dev/null
	BUS_NOTIFYD_PID=
	bus_wait_name org.freedesktop.Notifications 3 gone
}

bus_hang_notifyd() {
	# dbusmock runs method code in its only thread: all calls hang after it.
	dbus-send --session --print-reply --reply-timeout=5000 \
	    --dest=org.freedesktop.Notifications /org/freedesktop/Notifications \
	    org.freedesktop.DBus.Mock.AddMethod \
	    string:org.freedesktop.Notifications string:Notify \
	    'string:susssasa{sv}i' string:u 'string:time.sleep(60)' >/dev/null
}

bus_notifications() {
	"$BUS_PYTHON" "$BUS_LIB/notifications.py"
}

bus_summaries() {
	bus_notifications | cut -f3 |
	    sed "s/$(printf '\342\201\250')//g; s/$(printf '\342\201\251')//g"
}

bus_wait_notifications() { # count, [seconds]
	_bus_n=$((${2:-10} * 10))
	while [ "$(bus_notifications | wc -l)" -lt "$1" ]; do
		[ "$_bus_n" -gt 0 ] || return 1
		sleep 0.1
		_bus_n=$((_bus_n - 1))
	done
}

bus_invoke_action() { # notification id, action key
	"$BUS_PYTHON" - "$1" "$2" <<'PY'
import sys
import dbus
obj = dbus.SessionBus().get_object('org.freedesktop.Notifications',
                                   '/org/freedesktop/Notifications')
obj.EmitSignal('org.freedesktop.Notifications', 'ActionInvoked', 'us',
               [dbus.UInt32(int(sys.argv[1])), sys.argv[2]],
               dbus_interface='org.freedesktop.DBus.Mock', timeout=5)
PY
}

bus_noservices() { # command...
	dbus-run-session --config-file="$BUS_LIB/session-noservices.conf" \
	    -- "$@"
}
