#!/bin/sh
# A flood (issue 14; beside the hostile suite), with real parts: one source
# on 127.0.0.1 gives 200 matching items at once while another, quiet, gives
# one; the topic goes to the desktop (python3-dbusmock, read back) and to an
# exec sink that takes 2 s a run. The flood must reach each sink as
# summaries (more than `burst` from one source), and the quiet source's
# alert must reach each sink on its own, without waiting behind the flood:
# it starts before any flood run that had not started when it was stored.
# The order of the sink's runs is checked, not their times; the wait is
# printed as a measurement.
B=${B:-build}
RAQIB="$(pwd)/$B/raqib"
RUN_SECONDS=${FLOOD_RUN_SECONDS:-2}
FLOOD=${FLOOD_ITEMS:-200}

if [ -z "${RAQIB_FLOOD_BUS:-}" ]; then
	RAQIB_FLOOD_BUS=1 exec dbus-run-session \
	    --config-file=tests/lib/session-noservices.conf -- sh "$0" "$@"
fi

. tests/lib/bus.sh
. tests/lib/tap.sh
. tests/lib/fixtures.sh
. tests/lib/feedgen.sh
. tests/lib/alerts.sh
feedgen_start flood
daemon=
trap '[ -n "$daemon" ] && kill "$daemon"; bus_stop_notifyd; fixtures_stop;
    rm -rf "$tmp"' EXIT
db="$tmp/raqib.db"

# The exec sink: a line when a run starts (time, alerts, sources, title),
# its JSON, then RUN_SECONDS of work.
cat >"$tmp/sink" <<EOF
#!/bin/sh
printf '%s start %s %s %s\n' "\$(date +%s.%N)" "\${RAQIB_COUNT:-1}" \\
    "\$RAQIB_SOURCES" "\$RAQIB_TITLE" >>"$tmp/runs"
cat >>"$tmp/json"
sleep $RUN_SECONDS
EOF
chmod +x "$tmp/sink"

feedgen_conf "$tmp/raqib.conf" "$db" "burst = 5\ninterval = 1h" flood quiet
printf 'notify = desktop, exec:%s\n' "$tmp/sink" >>"$tmp/raqib.conf"
i=0
while [ "$i" -lt "$FLOOD" ]; do
	i=$((i + 1))
	echo "f$i|http://127.0.0.1/f/$i|كازاخستان: سيل $i|نص"
done | feedgen_rss "$tmp/www/flood.xml"
echo "q0|http://127.0.0.1/q/0|خبر آخر|نص" | feedgen_rss "$tmp/www/quiet.xml"

runs_started() { # n
	[ "$(grep -c ' start ' "$tmp/runs" 2>/dev/null)" -ge "$1" ]
}

"$RAQIB" -c "$tmp/raqib.conf" 2>"$tmp/daemon.err" &
daemon=$!
wait_until 30 alerts_are "$FLOOD"
wait_until 30 runs_started 1
# The flood's first run is under way: now the quiet source has news.
printf '%s\n' "q1|http://127.0.0.1/q/1|كازاخستان: خبر هادئ|نص" \
    "q0|http://127.0.0.1/q/0|خبر آخر|نص" | feedgen_rss "$tmp/www/quiet.xml"
kill -USR1 "$daemon"
wait_until 30 alerts_are $((FLOOD + 1))
echo "$(date +%s.%N) stored" >>"$tmp/runs"
wait_until 120 nothing_pending
check "every alert delivered" nothing_pending
kill "$daemon"
wait "$daemon"
daemon=

# The lines of the sink's log: time, "start" or "stored", count, source.
quiet_line=$(grep -n ' start 1 quiet ' "$tmp/runs" | head -n 1 | cut -d: -f1)
stored_line=$(grep -n ' stored$' "$tmp/runs" | cut -d: -f1)
flood_runs=$(grep -c ' start [0-9]* flood ' "$tmp/runs")
flood_summaries=$(grep -c ' start [0-9]* flood [0-9]* new stories from flood' \
    "$tmp/runs")
# Flood runs that started after the quiet alert was stored, before it ran.
cut_in=$(awk -v s="$stored_line" -v q="${quiet_line:-999999}" \
    'NR > s && NR < q && / start [0-9]* flood /' "$tmp/runs" | wc -l)
t_stored=$(awk '/ stored$/ { print $1 }' "$tmp/runs")
t_quiet=$(awk '/ start 1 quiet / { print $1; exit }' "$tmp/runs")
echo "# $FLOOD alerts from one source came in $flood_runs exec runs" \
    "($RUN_SECONDS s each); the quiet source's alert ran" \
    "$(awk -v a="$t_stored" -v b="${t_quiet:-0}" \
    'BEGIN { printf "%.1f", b - a }') s after it was stored"
# A summary holds at most a flush's batch of alerts (100): what is left of
# a flood after its last full batch, when it is no more than `burst`, goes
# one by one.
check "the flood reaches the exec sink as summaries (at most 2, and 5 single runs)" \
    test "$flood_summaries" -ge 1 -a "$flood_summaries" -le 2 -a \
    "$flood_runs" -le $((flood_summaries + 5))
check "the quiet source's alert reaches the exec sink on its own" \
    test -n "$quiet_line"
check "no flood run started between its arrival and its own run" \
    test "$cut_in" -eq 0
check "the flood's summaries say where they come from" \
    grep -q " start [0-9]* flood [0-9]* new stories from flood: kazakhstan" \
    "$tmp/runs"
check "a summary's JSON holds its count and every alert; an alert's, count 1" \
    /usr/bin/python3 -c '
import json, sys
runs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
many = [r for r in runs if r["count"] > 1]
one = [r for r in runs if r["count"] == 1]
assert many and one
for r in many:
    assert r["id"] is None and len(r["alerts"]) == r["count"]
    assert r["source"] == "flood" and r["title"].startswith("%d new stories" % r["count"])
    assert all(a["id"] and a["source"] == "flood" for a in r["alerts"])
assert any(r["source"] == "quiet" and "alerts" not in r for r in one)
' "$tmp/json"
bus_summaries >"$tmp/summaries"
check "the desktop shows the quiet alert on its own" grep -qxF \
    "kazakhstan: كازاخستان: خبر هادئ" "$tmp/summaries"
desktop_summaries=$(grep -c "^[0-9]* new stories from flood: kazakhstan" \
    "$tmp/summaries")
check "the desktop shows the flood as summaries (at most 2)" test \
    "$desktop_summaries" -ge 1 -a "$desktop_summaries" -le 2
check "the desktop shows at most 5 single flood alerts beside" test \
    "$(grep -c "^kazakhstan: كازاخستان: سيل" "$tmp/summaries")" -le 5

tap_finish "$tmp"
