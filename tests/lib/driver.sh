# driver.sh: run build/alert-driver and read back what the notification
# server got (POSIX sh, sourced after bus.sh and tap.sh; needs $B and $tmp).
#
#	drive NAME ARGS...	run the driver on stdin (at most 20 s), keeping
#				$tmp/NAME.out, .err, .rc and .ms (milliseconds)
#	field FILE SUMMARY F	field F of the notification with that summary
#				(bus_notifications output), escapes undone
#	field_is, field_has	... equals / contains a text
#	has, lacks, has_line, count_is, num	checks on files

# Run the driver (bounded) on stdin; keep NAME.out, NAME.err, NAME.rc, NAME.ms.
drive() { # name, driver arguments...
	_name=$1
	shift
	_t0=$(date +%s%N)
	timeout 20 "$B/alert-driver" "$@" >"$tmp/$_name.out" \
	    2>"$tmp/$_name.err"
	echo $? >"$tmp/$_name.rc"
	echo $((($(date +%s%N) - _t0) / 1000000)) >"$tmp/$_name.ms"
}

# Whether file has a line equal to text.
has_line() { # file, text
	grep -qxF -- "$2" "$1"
}

# Whether file contains text.
has() { # file, text
	grep -qF -- "$2" "$1"
}

# Whether file lacks text.
lacks() { # file, text
	! grep -qF -- "$2" "$1"
}

# Whether file has exactly count lines containing text.
count_is() { # file, text, count
	[ "$(grep -cF -- "$2" "$1")" -eq "$3" ]
}

# Whether the number in file compares to value (-lt, -ge, ...).
num() { # file, operator, value
	test "$(cat "$1")" "$2" "$3"
}

# Field F of the notification whose summary is S, escapes undone.
field() { # file, summary, field
	awk -F '\t' -v s="$2" -v f="$3" '$3 == s { print $f; exit }' "$1" |
	    sed 's/\\n/\n/g; s/\\t/\t/g; s/\\\\/\\/g'
}

# Whether field F of the notification with summary S contains text.
field_has() { # file, summary, field, text
	field "$1" "$2" "$3" >"$tmp/field"
	has "$tmp/field" "$4"
}

# Whether field F of the notification with summary S equals text.
field_is() { # file, summary, field, text
	[ "$(field "$1" "$2" "$3")" = "$4" ]
}

