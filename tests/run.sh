#!/bin/sh
# Run every test: unit binaries (cmocka, TAP output) and integration scripts.
# One PASS/FAIL line per test (TODO for a known open bug, SKIP for what
# cannot run here) and a TIME line per program; a failing test's log is
# printed; the last line is the summary CI reads: "N passed, N failed,
# N skipped" (tests/lib/run.sh).
B=${B:-build}
export B
top=$(pwd)
. tests/lib/run.sh

for t in "$B"/test_*; do
	[ -x "$t" ] || continue
	CMOCKA_MESSAGE_OUTPUT=TAP run "unit/${t##*/test_}" "$t"
done
for t in tests/integration/*.sh; do
	[ -f "$t" ] || continue
	name=${t##*/}
	run "integration/${name%.sh}" sh "$top/$t"
done
run_summary
