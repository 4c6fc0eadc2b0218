#!/bin/sh
# Notification actions, summaries and the exec sink with real parts: a
# private session bus with python3-dbusmock's notification daemon, the alert
# module driven by build/alert-driver. Clicking (ActionInvoked "default")
# runs the configured opener with exactly the item's link; "Mute topic"
# comes back to the loop; a summary notification counts topics; an exec
# sink receives a hostile title byte for byte and nothing else runs.
# Run from the repository root: B=build sh tests/integration/actions.sh
B=${B:-build}
conf=tests/lib/session-noservices.conf

if [ -z "$RAQIB_ACTIONS_BUS" ]; then
	RAQIB_ACTIONS_BUS=1 exec dbus-run-session --config-file="$conf" \
	    -- sh "$0" "$@"
fi

. tests/lib/bus.sh
. tests/lib/tap.sh
. tests/lib/driver.sh

tmp=$(mktemp -d "${TMPDIR:-/tmp}/raqib-actions.XXXXXX")
trap 'bus_stop_notifyd; [ -n "$KEEP" ] || rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
tab=$(printf '\t')

# Wait at most 5 s for a file to appear.
wait_file() { # path
	_n=50
	while [ ! -e "$1" ] && [ "$_n" -gt 0 ]; do
		sleep 0.1
		_n=$((_n - 1))
	done
	[ -e "$1" ]
}

# The opener records its argument count and arguments, one per line.
cat >"$tmp/opener" <<EOF
#!/bin/sh
printf '%s\n' "\$#" "\$@" >"$tmp/opened.part" && mv "$tmp/opened.part" "$tmp/opened"
EOF
chmod +x "$tmp/opener"
link="https://news.example.net/a?x=1&y='\$(touch $tmp/pwned-open)';\`id\`"
# id topic title link source terms snippet hl_start hl_end urgency
printf '1\tkazakhstan\tAstana hosts the summit\t%s\tExample News\tKazakhstan\tIn Astana today\t3\t9\t1\n' \
    "$link" >"$tmp/one.tsv"

# --- actions offered; click opens the link; "Mute topic" comes back --------
if bus_start_notifyd "$tmp/mock.log"; then
	drive click --opener "$tmp/opener" --linger --timeout 15 \
	    <"$tmp/one.tsv" &
	driver=$!
	bus_wait_notifications 1 5
	bus_notifications >"$tmp/click.got"
	bus_invoke_action 1 default
	wait_file "$tmp/opened"
	bus_invoke_action 1 mute
	wait "$driver"
fi
# The title is isolated: U+2068 ... U+2069.
fsi=$(printf '\342\201\250')
pdi=$(printf '\342\201\251')
sum="kazakhstan: ${fsi}Astana hosts the summit$pdi"
check "actions offered: Open (default and button), Mute topic" field_is \
    "$tmp/click.got" "$sum" 8 "default=Open,open=Open,mute=Mute topic"
printf '1\n%s\n' "$link" >"$tmp/opened.want"
check "click runs the opener with exactly the link as its one argument" \
    cmp -s "$tmp/opened.want" "$tmp/opened"
check "nothing in the link ran" test ! -e "$tmp/pwned-open"
check "Mute topic reaches the loop with the topic" has_line \
    "$tmp/click.out" "mute kazakhstan"
check "the driver ended on the mute, not the timeout" num "$tmp/click.rc" -eq 0

# --- a link that is not http(s) is never offered for opening --------------
sed 's|\thttps://[^\t]*\t|\tfile:///etc/passwd\t|' "$tmp/one.tsv" |
    drive nolink --opener "$tmp/opener"
bus_notifications | tail -n 1 >"$tmp/nolink.got"
check "a file: link offers only Mute topic" field_is "$tmp/nolink.got" \
    "$sum" 8 "mute=Mute topic"

# --- a --once run offers no action: it is gone before anyone clicks ------
if bus_start_notifyd "$tmp/mock-once.log"; then
	drive once --once <"$tmp/one.tsv"
	bus_notifications >"$tmp/once.got"
fi
check "--once: delivered" has_line "$tmp/once.out" "done 1 ok"
check "--once: no actions offered, not even the click" field_is \
    "$tmp/once.got" "$sum" 8 ""

# --- one story that fired two topics: one notification, Open only ---------
sed 's|^1\tkazakhstan|2\tc5plus1|' "$tmp/one.tsv" | cat "$tmp/one.tsv" - \
    >"$tmp/story.tsv"
if bus_start_notifyd "$tmp/mock-story.log"; then
	drive story --stories <"$tmp/story.tsv"
	bus_notifications >"$tmp/story.got"
fi
story="kazakhstan, c5plus1: ${fsi}Astana hosts the summit$pdi"
check "a story of two topics: one notification under both" count_is \
    "$tmp/story.got" "$story" 1
check "both its alerts reported delivered" count_is "$tmp/story.out" " ok" 2
check "it offers Open, and no Mute for a topic of two" field_is \
    "$tmp/story.got" "$story" 8 "default=Open,open=Open"

# --- a server without the actions capability gets none --------------------
if bus_start_notifyd "$tmp/mock-noact.log" "body body-markup"; then
	drive noact <"$tmp/one.tsv"
	bus_notifications >"$tmp/noact.got"
fi
check "no actions capability: no actions sent" field_is "$tmp/noact.got" \
    "$sum" 8 ""

# --- a summary notification -----------------------------------------------
i=0
for t in kazakhstan c5plus1 kazakhstan kazakhstan c5plus1 kazakhstan c5plus1; do
	i=$((i + 1))
	printf '%d\t%s\tTitle %d <b>x</b>\thttps://e.net/%d\tS\tt\ts\t0\t0\t%d\n' \
	    "$i" "$t" "$i" "$i" "$((i == 5 ? 2 : 1))"
done >"$tmp/seven.tsv"
if bus_start_notifyd "$tmp/mock-sum.log"; then
	drive summary --summary <"$tmp/seven.tsv"
	bus_notifications >"$tmp/summary.got"
fi
digest="7 new stories from S: kazakhstan 4, c5plus1 3"
check "seven alerts become one notification" count_is "$tmp/summary.got" \
    "raqib" 1
check "every alert of the summary reported delivered" count_is \
    "$tmp/summary.out" " ok" 7
check "the summary counts the topics, most first" field_is \
    "$tmp/summary.got" "$digest" 1 raqib
check "the summary lists the first five titles, escaped" field_is \
    "$tmp/summary.got" "$digest" 4 "• ${fsi}Title 1 &lt;b&gt;x&lt;/b&gt;$pdi
• ${fsi}Title 2 &lt;b&gt;x&lt;/b&gt;$pdi
• ${fsi}Title 3 &lt;b&gt;x&lt;/b&gt;$pdi
• ${fsi}Title 4 &lt;b&gt;x&lt;/b&gt;$pdi
• ${fsi}Title 5 &lt;b&gt;x&lt;/b&gt;$pdi
… and 2 more (raqib history)"
check "the summary takes the highest urgency" field_is "$tmp/summary.got" \
    "$digest" 5 2
bus_stop_notifyd

# --- exec sink: a hostile title arrives byte for byte, nothing else runs --
cat >"$tmp/sink" <<'EOF'
#!/bin/sh
out=$1
printf '%s' "$RAQIB_TITLE" >"$out.title"
printf '%s' "$RAQIB_TOPIC" >"$out.topic"
printf '%s' "$RAQIB_LINK" >"$out.link"
printf '%s' "$RAQIB_SOURCES" >"$out.sources"
printf '%s' "$RAQIB_TERMS" >"$out.terms"
printf '%s' "$RAQIB_SNIPPET" >"$out.snippet"
printf '%s' "$RAQIB_PUBLISHED" >"$out.published"
cat >"$out.json"
exit "${2:-0}"
EOF
chmod +x "$tmp/sink"
hostile="\$(touch $tmp/pwned) \`touch $tmp/pwned2\` \"dq\" 'sq' ; & | <b>"
printf '1\tc5plus1\t%s\\nline two\\tTAB\thttps://e.net/x\tSrc\tC5+1\tsnip\t0\t0\t1\n' \
    "$hostile" >"$tmp/hostile.tsv"
drive exec --exec "exec:$tmp/sink $tmp/got" <"$tmp/hostile.tsv"
printf '%s\nline two\tTAB' "$hostile" >"$tmp/title.want"
check "exec sink: reported delivered" has_line "$tmp/exec.out" \
    "done 1 ok exec:$tmp/sink $tmp/got"
check "exec sink: RAQIB_TITLE byte for byte" cmp -s "$tmp/title.want" \
    "$tmp/got.title"
check "exec sink: other variables" test "$(cat "$tmp/got.topic")|$(cat \
    "$tmp/got.link")|$(cat "$tmp/got.sources")|$(cat "$tmp/got.terms")" = \
    "c5plus1|https://e.net/x|Src|C5+1"
check "exec sink: JSON on stdin carries the same title" \
    /usr/bin/python3 -c 'import json, sys
j = json.load(open(sys.argv[1]))
want = open(sys.argv[2], encoding="utf-8").read()
sys.exit(0 if j["title"] == want and j["topic"] == "c5plus1" and
         j["link"] == "https://e.net/x" and j["published"] is None else 1)' \
    "$tmp/got.json" "$tmp/title.want"
check "exec sink: nothing in the title ran" test ! -e "$tmp/pwned" -a \
    ! -e "$tmp/pwned2"

drive execfail --exec "exec:$tmp/sink $tmp/fail 3" <"$tmp/hostile.tsv"
check "exec sink: a non-zero exit leaves the alert pending" has_line \
    "$tmp/execfail.out" "done 1 fail exec:$tmp/sink $tmp/fail 3"
check "exec sink: the failure is logged" has "$tmp/execfail.err" \
    "exited with status 3"

printf '#!/bin/sh\nexec sleep 30\n' >"$tmp/slow"
chmod +x "$tmp/slow"
drive slow --exec "exec:$tmp/slow" --exec-timeout 1 <"$tmp/hostile.tsv"
check "exec sink: killed after its time limit" has_line "$tmp/slow.out" \
    "done 1 fail exec:$tmp/slow"
check "exec sink: the loop kept running meanwhile" num "$tmp/slow.ms" -lt 5000
drive missing --exec "exec:$tmp/no-such-program" <"$tmp/hostile.tsv"
check "exec sink: a missing program fails, pending" has_line \
    "$tmp/missing.out" "done 1 fail exec:$tmp/no-such-program"

tap_finish "$tmp"
