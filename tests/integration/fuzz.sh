#!/bin/sh
# Build-independent runner for the libFuzzer harnesses (make fuzz, make check).
#   FUZZ=build-fuzz SECONDS_EACH=20 sh tests/integration/fuzz.sh [target...]
# Each target first replays its regression inputs (tests/fuzz/regressions/T),
# then fuzzes from a corpus seeded with the tests' fixtures. Prints one TAP
# line per target with executions and coverage; a crash fails the target and
# its input is kept under $FUZZ/crashes/T for a new regression file.
FUZZ=${FUZZ:-build-fuzz}
EACH=${SECONDS_EACH:-20}
JOBS=${JOBS:-2}
. tests/lib/tap.sh
targets=${*:-feed page config match text doc}

# The seed files of a target's corpus.
seeds() { # target
	case $1 in
	feed) ls tests/fixtures/feeds/* tests/fixtures/hostile/* \
	    tests/fixtures/strangers/* ;;
	page) ls tests/fixtures/pages/* ;;
	config) ls config/raqib.conf tests/config/*.conf ;;
	match) ls tests/fuzz/match-seeds/* ;;
	text) ls tests/fuzz/text-seeds/* ;;
	index) ls tests/fuzz/text-seeds/* tests/fixtures/watchlist.tsv ;;
	doc) ls tests/fixtures/charset/* tests/fixtures/feeds/* tests/fixtures/pages/* ;;
	esac
}

# Replay regressions, then fuzz one target; write its log and status.
fuzz_one() { # target
	_t=$1
	_dir=$FUZZ/corpus/$_t
	mkdir -p "$_dir" "$FUZZ/crashes/$_t"
	for _f in $(seeds "$_t"); do
		cp "$_f" "$_dir/seed-$(basename "$_f")" 2>/dev/null
	done
	_status=0
	if [ -d "tests/fuzz/regressions/$_t" ]; then
		"$FUZZ/fuzz_$_t" tests/fuzz/regressions/"$_t"/* \
		    >"$FUZZ/$_t.replay.log" 2>&1 || _status=1
	fi
	"$FUZZ/fuzz_$_t" -max_total_time="$EACH" -max_len=65536 \
	    -rss_limit_mb=1024 -timeout=10 -print_final_stats=1 \
	    -artifact_prefix="$FUZZ/crashes/$_t/" "$_dir" \
	    >"$FUZZ/$_t.log" 2>&1 || _status=1
	echo $_status >"$FUZZ/$_t.status"
}

# The TAP line of a finished target.
report() { # target
	_log=$FUZZ/$1.log
	_execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$_log")
	_cov=$(grep -o 'cov: [0-9]*' "$_log" | tail -n 1 | cut -d' ' -f2)
	_ok() { [ "$(cat "$FUZZ/$1.status")" = 0 ]; }
	check "fuzz $1: ${_execs:-0} executions in ${EACH} s, coverage ${_cov:-0} edges, no crash" _ok "$1"
	_ok "$1" || { tail -n 30 "$_log" | sed 's/^/# /'; ls "$FUZZ/crashes/$1" | sed 's/^/# crash input: /'; }
}

running=""
n=0
for t in $targets; do
	fuzz_one "$t" &
	running="$running $!"
	n=$((n + 1))
	if [ $n -ge "$JOBS" ]; then
		wait
		running=""
		n=0
	fi
done
wait
for t in $targets; do
	report "$t"
done
tap_status
