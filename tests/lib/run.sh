# Running test programs and counting their TAP lines (POSIX sh, sourced by
# tests/run.sh and tests/libxml2.sh): one PASS, FAIL, TODO or SKIP line per
# test (TAP "# SKIP" is a skip, never a pass), one TIME line per program
# with its wall time, a failing test's log printed, and run_summary's last
# line the summary CI reads: "N passed, N failed, N skipped" (", N todo"
# when a known open bug is listed).
run_logdir=$(mktemp -d "${TMPDIR:-/tmp}/raqib-tests.XXXXXX")
pass=0
fail=0
todo=0
skip=0

# Count the TAP lines of one test program's output; print a line per test.
# "not ok ... # TODO" is a known open bug (to do), "ok ... # SKIP" skipped.
tally() { # group, logfile
	while IFS= read -r line; do
		case $line in
		"not ok"*"# TODO"*)
			todo=$((todo + 1))
			echo "TODO $1: ${line#not ok * - }" ;;
		"not ok"*)
			fail=$((fail + 1))
			echo "FAIL $1: ${line#not ok * - }" ;;
		"1..0"*[Ss][Kk][Ii][Pp]*)
			skip=$((skip + 1))
			echo "SKIP $1: ${line#*# }" ;;
		"ok"*"# "[Ss][Kk][Ii][Pp]*)
			skip=$((skip + 1))
			echo "SKIP $1: ${line#ok * - }" ;;
		"ok"*)
			pass=$((pass + 1))
			echo "PASS $1: ${line#ok * - }" ;;
		esac
	done <<TAP
$(grep -E '^((not )?ok |1\.\.0)' "$2")
TAP
}

# The last lines of a failed group's log.
show_log() { # group, logfile, lines
	echo "---- log of $1 ----"
	tail -n "$3" "$2"
	echo "----"
}

# Run one test program; a crash or a non-zero exit without a FAIL line still fails.
run() { # group, command...
	_group=$1; shift
	_log="$run_logdir/$(echo "$_group" | tr '/ ' '__').log"
	_t0=$(date +%s%N)
	"$@" >"$_log" 2>&1
	_rc=$?
	_ms=$((($(date +%s%N) - _t0) / 1000000))
	_before=$fail
	tally "$_group" "$_log"
	if [ $_rc -ne 0 ] && [ $fail -eq $_before ]; then
		fail=$((fail + 1))
		echo "FAIL $_group: exited with status $_rc"
	fi
	[ $fail -eq $_before ] || show_log "$_group" "$_log" 60
	printf 'TIME %s: %d.%01d s\n' "$_group" $((_ms / 1000)) \
	    $((_ms % 1000 / 100))
}

# One step that is not a TAP program (a build): PASS or FAIL with its log.
step() { # group, description, command...
	_group=$1
	_desc=$2
	shift 2
	_log="$run_logdir/$(echo "$_group" | tr '/ ' '__').log"
	if "$@" >"$_log" 2>&1; then
		pass=$((pass + 1))
		echo "PASS $_group: $_desc"
		return 0
	fi
	fail=$((fail + 1))
	echo "FAIL $_group: $_desc"
	show_log "$_group" "$_log" 80
	return 1
}

# A group that cannot run here, and why.
skipped() { # group, reason
	skip=$((skip + 1))
	echo "SKIP $1: $2"
}

# The summary line; the exit status is non-zero when anything failed.
run_summary() {
	rm -rf "$run_logdir"
	_extra=""
	[ $todo -eq 0 ] || _extra=", $todo todo"
	echo "$pass passed, $fail failed, $skip skipped$_extra"
	[ $fail -eq 0 ]
}
