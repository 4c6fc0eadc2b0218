#!/bin/sh
# Run every test: unit binaries (cmocka, TAP output) and integration scripts.
# One PASS/FAIL line per test; a failing test's log is printed; the last line
# is the summary CI reads: "N passed, N failed".
B=${B:-build}
export B
top=$(pwd)
logdir=$(mktemp -d "${TMPDIR:-/tmp}/raqib-tests.XXXXXX")
pass=0
fail=0

# Count the TAP lines of one test program's output; print a line per test.
tally() { # group, logfile
	while IFS= read -r line; do
		case $line in
		"not ok"*)
			fail=$((fail + 1))
			echo "FAIL $1: ${line#not ok * - }" ;;
		"ok"*)
			pass=$((pass + 1))
			echo "PASS $1: ${line#ok * - }" ;;
		esac
	done <<TAP
$(grep -E '^(not )?ok ' "$2")
TAP
}

# Run one test program; a crash or a non-zero exit without a FAIL line still fails.
run() { # group, command...
	group=$1; shift
	log="$logdir/$(echo "$group" | tr '/ ' '__').log"
	"$@" >"$log" 2>&1
	rc=$?
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
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
