# TAP output for the integration scripts (POSIX sh, sourced): one
# "ok N - what" or "not ok N - what" line per check; tests/run.sh counts them.
tap_n=0
tap_failed=0

# check DESCRIPTION COMMAND...: the check passes when the command succeeds.
check() {
	_tap_desc=$1
	shift
	tap_n=$((tap_n + 1))
	if "$@"; then
		echo "ok $tap_n - $_tap_desc"
	else
		echo "not ok $tap_n - $_tap_desc"
		tap_failed=$((tap_failed + 1))
	fi
}

# todo DESCRIPTION REASON COMMAND...: a check of a known, still open bug:
# "not ok N - what # TODO reason" when the command fails, which
# tests/run.sh counts as to do rather than failed.
todo() {
	_tap_desc=$1
	_tap_why=$2
	shift 2
	tap_n=$((tap_n + 1))
	if "$@"; then
		echo "ok $tap_n - $_tap_desc # TODO $_tap_why"
	else
		echo "not ok $tap_n - $_tap_desc # TODO $_tap_why"
	fi
}

# wait_until SECONDS COMMAND...: run the command every 0.1 s until it
# succeeds, at most SECONDS; non-zero when it never did.
wait_until() { # seconds, command...
	_tap_n=$(($1 * 10))
	shift
	until "$@" 2>/dev/null; do
		[ "$_tap_n" -gt 0 ] || return 1
		sleep 0.1
		_tap_n=$((_tap_n - 1))
	done
}

# The exit status of a script: non-zero when any check failed.
tap_status() {
	[ "$tap_failed" -eq 0 ]
}

# tap_finish [DIR]: print the plan; when a check failed, show every DIR/*.err
# as TAP comments. Returns the script's exit status.
tap_finish() {
	echo "1..$tap_n"
	tap_status && return 0
	for _tap_f in "${1:-/nonexistent}"/*.err; do
		[ -f "$_tap_f" ] || continue
		echo "# ---- $_tap_f"
		sed 's/^/# /' "$_tap_f"
	done
	return 1
}
