#!/bin/sh
# One home per library (docs/HACKING.md): fail when a file includes a library it does not own.
rc=0
check() { # pattern, allowed files...
	pat=$1; shift
	for f in $(grep -lE "#include *<$pat" daemon/*.c daemon/*.h 2>/dev/null); do
		ok=0
		for a in "$@"; do [ "$f" = "daemon/$a" ] && ok=1; done
		if [ $ok = 0 ]; then
			echo "check-includes: $f includes <$pat...>, owned by: $*" >&2
			rc=1
		fi
	done
}
check 'curl/' fetch.c doc.c
check 'zlib\.h' fetch.c
check 'iconv\.h' doc.c
check 'uchardet/' doc.c
check 'sqlite3\.h' store.c
check 'libxml/' feed_xml.c page.c
check 'jansson' feed_json.c
check 'libnotify/' alert_desktop.c
check 'glib' alert_desktop.c
check 'gio/' alert_desktop.c
check 'utf8proc' text.c
check 'event2/' main.c fetch.c sched.c alert.c alert_exec.c
exit $rc
