#!/bin/sh
# The daemon over a long run: DAEMON_SOAK_CYCLES (default 1,000, 100 in a
# sanitizer build; `make soak`: 10,000) polls of three churning feeds on
# 127.0.0.1, each started by SIGUSR1 to one running raqib, alerts delivered
# to a notification server (python3-dbusmock on a private bus). Its resident
# memory must stay flat after warm-up (growth under 1 MiB), its open
# descriptors constant, and every item alerted once. The curves are printed.
B=${B:-build}
RAQIB="$(pwd)/$B/raqib"
case $B in
*asan*) CYCLES=${DAEMON_SOAK_CYCLES:-100} ;;	# ~10x slower there
*) CYCLES=${DAEMON_SOAK_CYCLES:-1000} ;;
esac
SAMPLES=10
FEEDS="a b c"
WINDOW=10

if [ -z "${RAQIB_DSOAK_BUS:-}" ]; then
	RAQIB_DSOAK_BUS=1 exec dbus-run-session \
	    --config-file=tests/lib/session-noservices.conf -- sh "$0" "$@"
fi

. tests/lib/bus.sh
. tests/lib/tap.sh
. tests/lib/fixtures.sh
. tests/lib/feedgen.sh
FIXTURE_TTL=$((CYCLES + 300))
feedgen_start dsoak
# shellcheck disable=SC2086
feedgen_conf "$tmp/raqib.conf" "$tmp/raqib.db" "keep = 2s\ninterval = 1d" \
    $FEEDS

# Poll now until the server has answered n requests in all (at most 10 s).
# A SIGUSR1 that lands while a source is still being stored skips that
# source, so it is sent again until every source has been fetched.
poll_until() { # n
	_i=0
	while [ "$(wc -l <"$tmp/requests.log")" -lt "$1" ]; do
		[ $_i -lt 1000 ] || return 1
		[ $((_i % 5)) -eq 0 ] && kill -USR1 "$pid" 2>/dev/null
		sleep 0.01
		_i=$((_i + 1))
	done
}

# Wait until the server has answered n requests (the first, timed poll).
answered() { # n
	_i=0
	while [ "$(wc -l <"$tmp/requests.log")" -lt "$1" ]; do
		[ $_i -lt 1000 ] || return 1
		sleep 0.01
		_i=$((_i + 1))
	done
}

# Open descriptors of the daemon: the least of three reads 20 ms apart, as
# a transfer still closing holds one for a moment; a leaked one stays.
descriptors() {
	for _k in 1 2 3; do
		ls "/proc/$pid/fd" | wc -l
		sleep 0.02
	done | sort -n | head -n 1
}

# Resident memory (kB) and open descriptors of the daemon.
sample() {
	echo "$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")" \
	    "$(descriptors)"
}

feedgen_window 1
: >"$tmp/requests.log"
"$RAQIB" -q -c "$tmp/raqib.conf" 2>"$tmp/raqib.err" &
pid=$!
answered 3
every=$((CYCLES / SAMPLES))
[ $every -gt 0 ] || every=1
: >"$tmp/curve"
stalled=0
c=2
while [ $c -le "$CYCLES" ]; do
	feedgen_window $c
	poll_until $((c * 3)) || { stalled=1; break; }
	[ $((c % every)) -eq 0 ] && echo "$c $(sample)" >>"$tmp/curve"
	c=$((c + 1))
done
# The last cycle's alerts are delivered before the daemon is stopped.
bus_wait_notifications $((1 + CYCLES * 3)) 60
kill -TERM "$pid" 2>/dev/null
wait "$pid"
status=$?
awk '{ printf "# cycle %d: RSS %d kB, %d descriptors\n", $1, $2, $3 }' \
    "$tmp/curve"

# From the second sample on (after warm-up): RSS growth and descriptor range.
growth=$(awk 'NR == 2 { b = $2 } NR > 2 && $2 - b > g { g = $2 - b }
    END { print g + 0 }' "$tmp/curve")
# A leak grows with the cycles: compare the later half with the first.
fds=$(awk '{ v[NR] = $3 } END { h = int(NR / 2)
    for (i = 2; i <= h; i++) if (v[i] > a) a = v[i]
    for (i = h + 1; i <= NR; i++) if (v[i] > b) b = v[i]
    print b - a }' "$tmp/curve")
check "the daemon answered every SIGUSR1 poll ($CYCLES cycles)" \
    test "$stalled" -eq 0
check "it stopped cleanly on SIGTERM (exit 0)" test "$status" -eq 0
# AddressSanitizer keeps freed memory in quarantine: RSS is its, not ours.
case $B in
*asan*) echo "# resident memory not judged in a sanitizer build" ;;
*) check "resident memory flat after warm-up: grew ${growth} kB (< 1024)" \
    test "$growth" -lt 1024 ;;
esac
check "open descriptors do not grow (later half vs first: ${fds})" \
    test "$fds" -le 0
bus_notifications | cut -f3 >"$tmp/got"
echo "# notifications: $(wc -l <"$tmp/got") received, $(sort -u "$tmp/got" |
    wc -l) distinct, $((1 + CYCLES * 3)) items"
check "every item alerted exactly once" test \
    "$(sort -u "$tmp/got" | wc -l)" -eq $((1 + CYCLES * 3)) -a \
    "$(wc -l <"$tmp/got")" -eq $((1 + CYCLES * 3))
tap_status
