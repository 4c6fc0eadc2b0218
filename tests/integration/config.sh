#!/bin/sh
# raqib check: the shipped example passes; each broken config gives exactly
# the expected FILE:LINE messages (golden files) and exit status 2.
B=${B:-build}
RAQIB="$B/raqib"
n=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp" XDG_STATE_HOME="$tmp/state" XDG_CONFIG_HOME="$tmp/config"

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); fail=1; echo "not ok $n - $1"; }

if "$RAQIB" check -c config/raqib.conf >"$tmp/out" 2>&1 &&
    grep -q 'configuration OK' "$tmp/out"; then
	ok "the shipped config/raqib.conf passes raqib check"
else
	not_ok "the shipped config/raqib.conf passes raqib check"
	cat "$tmp/out"
fi

for conf in tests/config/bad-*.conf; do
	expected=${conf%.conf}.expected
	"$RAQIB" check -c "$conf" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc -eq 2 ] && [ ! -s "$tmp/out" ] && cmp -s "$tmp/err" "$expected"; then
		ok "raqib check $conf reports exactly $expected"
	else
		not_ok "raqib check $conf reports exactly $expected (exit $rc)"
		diff "$expected" "$tmp/err"
	fi
done

"$RAQIB" check -c "$tmp/missing.conf" 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && grep -q "^$tmp/missing.conf:0: cannot open: No such file" "$tmp/err"; then
	ok "a missing config file exits 2 and names the file"
else
	not_ok "a missing config file exits 2 and names the file (exit $rc)"
	cat "$tmp/err"
fi

"$RAQIB" --once -c tests/config/bad-key.conf >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && grep -q "bad-key.conf:3: unknown key" "$tmp/err"; then
	ok "the daemon refuses an invalid config with exit 2 and FILE:LINE"
else
	not_ok "the daemon refuses an invalid config with exit 2 and FILE:LINE (exit $rc)"
fi

"$RAQIB" --no-such-flag >/dev/null 2>&1
rc=$?
[ $rc -eq 2 ] && ok "an unknown flag is a usage error (exit 2)" ||
	not_ok "an unknown flag is a usage error (exit $rc)"

exit $fail
