#!/bin/sh
# Desktop delivery against a real session bus and a real notification server
# (python3-dbusmock): what arrives, escaping, urgency, no server, a server that
# never answers, and recovery. Run from the repository root:
#	B=build sh tests/integration/notify.sh
# Prints TAP; exits 1 when a check fails. Takes about 8 s.
B=${B:-build}
conf=tests/lib/session-noservices.conf

# A private bus of our own, without service directories (docs/HACKING.md: testing "no server").
if [ -z "$RAQIB_NOTIFY_BUS" ]; then
	RAQIB_NOTIFY_BUS=1 exec dbus-run-session --config-file="$conf" \
	    -- sh "$0" "$@"
fi

. tests/lib/bus.sh
. tests/lib/tap.sh
. tests/lib/driver.sh

tmp=$(mktemp -d "${TMPDIR:-/tmp}/raqib-notify.XXXXXX")
trap 'bus_stop_notifyd; rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
tab=$(printf '\t')
# id topic title link source terms snippet hl_start hl_end urgency
alerts() {
	cat <<EOF
1${tab}kazakhstan${tab}Astana hosts the C5+1 summit${tab}https://news.example.net/1${tab}Example News${tab}Kazakhstan${tab}Leaders of Central Asia met in Astana today${tab}0${tab}0${tab}1
2${tab}kazakhstan${tab}قمة في أستانا مع كازاخستان${tab}-${tab}الجزيرة${tab}كازاخستان${tab}رئيس لكازاخستان يستقبل الوفد${tab}9${tab}29${tab}2
3${tab}rare-earths${tab}<b>bold</b> & <a href="x">link</a>${tab}-${tab}R&D <i>feed</i>${tab}rare earth${tab}see <img src=file:///etc/passwd> &amp; rare earth here${tab}39${tab}49${tab}0
EOF
}
# Each field from a feed is isolated: U+2068 ... U+2069.
fsi=$(printf '\342\201\250')
pdi=$(printf '\342\201\251')
# The summary is plain text: what reads as markup comes as look-alikes.
hostile_sum="rare-earths: ${fsi}‹b›bold‹/b› ＆ ‹a href=\"x\"›link‹/a›$pdi"
arabic_sum="kazakhstan: ${fsi}قمة في أستانا مع كازاخستان$pdi"
latin_sum="kazakhstan: ${fsi}Astana hosts the C5+1 summit$pdi"

# 1-3: a server with body-markup.
if bus_start_notifyd "$tmp/mock.log"; then
	alerts | drive markup
	bus_notifications >"$tmp/markup.got"
fi
check "three alerts delivered to the server" \
    has_line "$tmp/markup.out" "done 3 ok"
check "all reported ok, driver exits 0" num "$tmp/markup.rc" -eq 0
check "summary is 'topic: title', the title isolated" field_is \
    "$tmp/markup.got" "$latin_sum" 1 raqib
check "body holds the source and the snippet, each isolated" field_is \
    "$tmp/markup.got" "$latin_sum" 4 "${fsi}Example News$pdi
────────
${fsi}Leaders of Central Asia met in Astana today$pdi"
check "category and desktop-entry hints" field_is "$tmp/markup.got" \
    "$latin_sum" 6 x-raqib.alert
check "the desktop entry named is raqib's" field_is "$tmp/markup.got" \
    "$latin_sum" 7 raqib
# raqib's own icon: the installed SVG's path, else its name in the theme.
icon_ok() { # got file, summary
	_icon=$(field "$1" "$2" 2)
	case $_icon in
	raqib|/*/icons/hicolor/scalable/apps/raqib.svg) return 0 ;;
	esac
	echo "# icon: $_icon"
	return 1
}
check "the app icon is raqib's own" icon_ok "$tmp/markup.got" \
    "$latin_sum"
check "Arabic summary arrives intact" field_is "$tmp/markup.got" \
    "$arabic_sum" 7 raqib
check "Arabic hit emphasized with markup" field_has "$tmp/markup.got" \
    "$arabic_sum" 4 "رئيس <b>لكازاخستان</b> يستقبل"
check "hostile title reaches the summary as text, never as markup" field_is \
    "$tmp/markup.got" "$hostile_sum" 1 raqib
check "no markup character from a feed in any summary" \
    test -z "$(cut -f3 "$tmp/markup.got" | grep '[<>&]')"
check "hostile snippet escaped for markup" field_has "$tmp/markup.got" \
    "$hostile_sum" 4 "see &lt;img src=file:///etc/passwd&gt; &amp;amp; "
check "hostile source escaped for markup" field_has "$tmp/markup.got" \
    "$hostile_sum" 4 "${fsi}R&amp;D &lt;i&gt;feed&lt;/i&gt;$pdi"
check "hit wrapped in <b> with markup" field_has "$tmp/markup.got" \
    "$hostile_sum" 4 "<b>rare earth</b> here"
check "urgency critical arrives as byte 2" field_is "$tmp/markup.got" \
    "$arabic_sum" 5 2
check "urgency low arrives as byte 0" field_is "$tmp/markup.got" \
    "$hostile_sum" 5 0

# 2: a server without body-markup gets plain text.
if bus_start_notifyd "$tmp/mock-plain.log" "body actions"; then
	alerts | grep '^3' | drive plain
	bus_notifications >"$tmp/plain.got"
fi
check "plain server: delivered" has_line "$tmp/plain.out" "done 3 ok"
check "plain server: snippet literal, not escaped" field_has \
    "$tmp/plain.got" "$hostile_sum" 4 \
    "see <img src=file:///etc/passwd> &amp; rare earth here"
check "plain server: no <b> added" field_is "$tmp/plain.got" \
    "$hostile_sum" 4 "${fsi}R&D <i>feed</i>$pdi
────────
${fsi}see <img src=file:///etc/passwd> &amp; rare earth here$pdi"
bus_stop_notifyd

# 4: nobody owns org.freedesktop.Notifications, nothing can be started.
alerts | drive none --timeout 10
check "no server: every alert reported failed" has_line "$tmp/none.out" \
    "done 3 fail"
check "no server: nothing reported delivered" lacks "$tmp/none.out" " ok"
check "no server: driver exits non-zero" num "$tmp/none.rc" -eq 1
check "no server: done within 3 s" num "$tmp/none.ms" -lt 3000
check "no server: logged once" count_is "$tmp/none.err" \
    "no notification server answered" 1
alerts | DISPLAY='' DBUS_SESSION_BUS_ADDRESS="unix:path=$tmp/no-bus" \
    drive nobus --timeout 10
check "no session bus: reported failed" has_line "$tmp/nobus.out" \
    "done 1 fail"
check "no session bus: done within 3 s" num "$tmp/nobus.ms" -lt 3000

# 5: a server that takes the call and never answers.
if bus_start_notifyd "$tmp/mock-hang.log" && bus_hang_notifyd; then
	alerts | grep '^1' | drive hang --timeout 2
fi
check "hung server: driver gives up after --timeout" has_line \
    "$tmp/hang.out" "timeout pending 1"
check "hung server: alert not reported delivered" lacks "$tmp/hang.out" \
    "done 1"
check "hung server: shutdown did not hang (< 6 s)" num "$tmp/hang.ms" -lt 6000
check "hung server: driver exits 1, no sanitizer report" num "$tmp/hang.rc" \
    -eq 1
sed -n 's/^ticks //p' "$tmp/hang.out" >"$tmp/hang.ticks"
check "hung server: event loop kept ticking" num "$tmp/hang.ticks" -ge 15
bus_stop_notifyd

# 6: a server that appears later: one failure, then recovery, logged once each.
# The gap leaves python3-dbusmock time to come up on a loaded machine (it
# took over 2.5 s once at a load of 6, and the next alert failed too).
alerts | grep -v '^3' | drive resume --gap 6000 &
driver=$!
sleep 0.5
bus_start_notifyd "$tmp/mock-late.log"
wait $driver
check "late server: first alert failed" has_line "$tmp/resume.out" \
    "done 1 fail"
check "late server: next alert delivered" has_line "$tmp/resume.out" \
    "done 2 ok"
check "late server: driver exits 1 (one failed)" num "$tmp/resume.rc" -eq 1
check "late server: outage logged" has "$tmp/resume.err" "alerts will wait"
check "late server: recovery logged" has "$tmp/resume.err" \
    "notifications resumed"

# 7: -v logs raqib's debugging, not libnotify's ("SNAP app: (null)").
if bus_start_notifyd "$tmp/mock-v.log"; then
	alerts | grep '^1' | drive verbose -v
fi
check "-v: delivered" has_line "$tmp/verbose.out" "done 1 ok"
check "-v: nothing of libnotify's own chatter in the log" lacks \
    "$tmp/verbose.err" "libnotify"
bus_stop_notifyd

tap_finish "$tmp"
