#!/bin/sh
# Run every test: unit binaries (cmocka, TAP output) and integration scripts.
# One PASS/FAIL/SKIP line per test (TAP "# SKIP" is a skip, not a pass) and
# one TIME line per program with its wall time; a failing test's log is
# printed; the last line is the summary CI reads:
# "N passed, N failed, N skipped".
B=${B:-build}
export B
top=$(pwd)
logdir=$(mktemp -d "${TMPDIR:-/tmp}/raqib-tests.XXXXXX")
pass=0
fail=0
skip=0

# Count the TAP lines of one test program's output; print a line per test.
tally() { # group, logfile
	while IFS= read -r line; do
		case $line in
		"1..0"*[Ss][Kk][Ii][Pp]*)
			skip=$((skip + 1))
			echo "SKIP $1: ${line#*# }" ;;
		"ok"*"# "[Ss][Kk][Ii][Pp]*)
			skip=$((skip + 1))
			echo "SKIP $1: ${line#ok * - }" ;;
		"not ok"*)
			fail=$((fail + 1))
			echo "FAIL $1: ${line#not ok * - }" ;;
		"ok"*)
			pass=$((pass + 1))
			echo "PASS $1: ${line#ok * - }" ;;
		esac
	done <<TAP
$(grep -E '^((not )?ok |1\.\.0)' "$2")
TAP
}

# Run one test program; a crash or a non-zero exit without a FAIL line still fails.
run() { # group, command...
	group=$1; shift
	log="$logdir/$(echo "$group" | tr '/ ' '__').log"
	t0=$(date +%s%N)
	"$@" >"$log" 2>&1
	rc=$?
	ms=$((($(date +%s%N) - t0) / 1000000))
	before=$fail
	tally "$group" "$log"
	if [ $rc -ne 0 ] && [ $fail -eq $before ]; then
		fail=$((fail + 1))
		echo "FAIL $group: exited with status $rc"
	fi
	if [ $fail -ne $before ]; then
		echo "---- log of $group ----"
		tail -n 60 "$log"
		echo "----"
	fi
	printf 'TIME %s: %d.%01d s\n' "$group" $((ms / 1000)) $((ms % 1000 / 100))
}

for t in "$B"/test_*; do
	[ -x "$t" ] || continue
	CMOCKA_MESSAGE_OUTPUT=TAP run "unit/${t##*/test_}" "$t"
done
for t in tests/integration/*.sh; do
	[ -f "$t" ] || continue
	name=${t##*/}
	run "integration/${name%.sh}" sh "$top/$t"
done

rm -rf "$logdir"
echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
