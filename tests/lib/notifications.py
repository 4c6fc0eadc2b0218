"""Print the Notify calls that the running dbusmock notification daemon got.

Run with /usr/bin/python3 (Debian's python3-dbus). One line per call, oldest
first, TAB-separated: app_name, icon, summary, body, urgency, category,
desktop-entry (empty when a hint is absent), actions (key=label pairs joined
with ","). Inside a field a backslash, a tab
and a line break are written \\\\, \\t and \\n, so one call is one line.
Exits 1 when the mock does not answer within 5 seconds.
"""
import sys

import dbus


def esc(value):
    """One field, escaped for a TAB-separated line."""
    return (str(value).replace('\\', '\\\\').replace('\t', '\\t')
            .replace('\n', '\\n'))


def main():
    """Ask the mock for its Notify calls and print them."""
    obj = dbus.SessionBus().get_object('org.freedesktop.Notifications',
                                       '/org/freedesktop/Notifications')
    try:
        calls = obj.GetMethodCalls('Notify',
                                   dbus_interface='org.freedesktop.DBus.Mock',
                                   timeout=5)
    except dbus.exceptions.DBusException as e:
        print('notifications.py: %s' % e.get_dbus_message(), file=sys.stderr)
        return 1
    for _, args in calls:
        app, _, icon, summary, body, actions, hints, _ = args
        urgency = int(hints['urgency']) if 'urgency' in hints else ''
        pairs = ','.join('%s=%s' % (actions[i], actions[i + 1])
                         for i in range(0, len(actions) - 1, 2))
        print('\t'.join(esc(f) for f in (
            app, icon, summary, body, urgency, hints.get('category', ''),
            hints.get('desktop-entry', ''), pairs)))
    return 0


sys.exit(main())
