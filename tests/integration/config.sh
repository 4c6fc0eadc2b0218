#!/bin/sh
# raqib check: the shipped example passes; each broken config gives exactly
# the expected FILE:LINE messages (golden files: a config not in UTF-8,
# columns counted in characters on Arabic lines) and exit status 2; a
# missing one exit status 1; one with no source a warning.
B=${B:-build}
RAQIB="$B/raqib"
. tests/lib/tap.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/raqib-config.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp" XDG_STATE_HOME="$tmp/state" XDG_CONFIG_HOME="$tmp/config"

# The example config is valid.
example_ok() {
	"$RAQIB" check -c config/raqib.conf >"$tmp/out" 2>&1 &&
	    grep -q 'configuration OK' "$tmp/out"
}

# raqib check prints exactly the golden messages, nothing on stdout, exit 2.
golden() { # conf
	"$RAQIB" check -c "$1" >"$tmp/out" 2>"$tmp/err"
	_rc=$?
	[ $_rc -eq 2 ] && [ ! -s "$tmp/out" ] &&
	    cmp -s "$tmp/err" "${1%.conf}.expected" && return 0
	echo "# exit $_rc; diff expected actual:"
	diff "${1%.conf}.expected" "$tmp/err" | sed 's/^/# /'
	return 1
}

# A command exits with the given status and its stderr matches a pattern.
exits_with() { # status, pattern, command...
	_want=$1 _pat=$2
	shift 2
	"$@" >/dev/null 2>"$tmp/err"
	_rc=$?
	[ $_rc -eq "$_want" ] && grep -q -- "$_pat" "$tmp/err"
}

check "the shipped config/raqib.conf passes raqib check" example_ok
for conf in tests/config/bad-*.conf; do
	check "raqib check $conf reports exactly ${conf%.conf}.expected" \
	    golden "$conf"
done
check "a missing config file exits 1, names the file and raqib init" \
    exits_with 1 "^$tmp/missing.conf: cannot open: No such file or directory; \`raqib init -c $tmp/missing.conf\` writes a first one$" \
    "$RAQIB" check -c "$tmp/missing.conf"
check "so does the daemon, at the default path" exits_with 1 \
    "^$tmp/config/raqib/raqib.conf: cannot open: No such file or directory; \`raqib init\` writes a first one$" \
    "$RAQIB" --once
check "the daemon refuses an invalid config with exit 2 and FILE:LINE" \
    exits_with 2 "bad-key.conf:3: unknown key" \
    "$RAQIB" --once -c tests/config/bad-key.conf
check "an unknown flag is a usage error (exit 2)" exits_with 2 "usage:" \
    "$RAQIB" --no-such-flag
check "a subcommand without its operand is a usage error (exit 2)" \
    exits_with 2 "usage: raqib match" "$RAQIB" match -c config/raqib.conf
printf '[raqib]\ndatabase = %s/nosrc.db\n[topic t]\nmatch = x\n' "$tmp" \
    >"$tmp/nosrc.conf"
check "--once with no sources exits 0 at once, warning it watches nothing" \
    exits_with 0 \
    "^raqib: warning: $tmp/nosrc.conf: no \[source\] sections: raqib watches nothing" \
    timeout 10 "$RAQIB" --once -q -c "$tmp/nosrc.conf"
check "raqib check says OK with a warning for a config with no source" \
    exits_with 0 "^$tmp/nosrc.conf: warning: no \[source\] sections: raqib watches nothing (\`raqib init\`" \
    "$RAQIB" check -c "$tmp/nosrc.conf"

# The same url twice: each item would alert twice, under two names.
cat >"$tmp/twice.conf" <<CONF
[raqib]
database = $tmp/twice.db
timeout = 2s
[source news]
url = http://127.0.0.1:1/feed.xml
[source news-again]
url = http://127.0.0.1:1/feed.xml
[source front]
url = http://127.0.0.1:1/index.html
items = h2 a
[source front-opinion]
url = http://127.0.0.1:1/index.html
items = h3 a
[topic t]
match = x
CONF
check "raqib check warns at FILE:LINE about a source with another's url" \
    exits_with 0 "^$tmp/twice.conf:6: warning: source 'news-again' has the url of source 'news' (line 4): its items would alert twice; remove one$" \
    "$RAQIB" check -c "$tmp/twice.conf"
check "but not about one page read with two different selectors" \
    test "$(grep -c warning "$tmp/err")" -eq 1
check "and the daemon logs the same warning at start" exits_with 0 \
    "^raqib: warning: $tmp/twice.conf:6: source 'news-again' has the url" \
    timeout 20 "$RAQIB" --once -q -c "$tmp/twice.conf"

# The config is valid, the database cannot be opened: a runtime failure.
: >"$tmp/not-a-dir"
printf '[raqib]\ndatabase = %s/not-a-dir/raqib.db\n[topic t]\nmatch = x\n' \
    "$tmp" >"$tmp/nodb.conf"
check "a database that cannot be opened exits 1, naming it" exits_with 1 \
    "$tmp/not-a-dir" timeout 10 "$RAQIB" --once -c "$tmp/nodb.conf"
check "raqib check says so first: exit 1 at the database line, and why" \
    exits_with 1 "^$tmp/nodb.conf:2: database $tmp/not-a-dir/raqib.db cannot be opened: $tmp/not-a-dir is not a directory (set database = to a file" \
    "$RAQIB" check -c "$tmp/nodb.conf"
printf '[raqib]\ndatabase = %s/new/deeper/raqib.db\n[topic t]\nmatch = x\n' \
    "$tmp" >"$tmp/newdir.conf"
check "a database in directories still to be made is fine, and none is made" \
    sh -c '"$1" check -c "$2/newdir.conf" >"$2/out" 2>&1 &&
	! grep -q "cannot be opened" "$2/out" && [ ! -e "$2/new" ]' \
    sh "$RAQIB" "$tmp"
tap_status
