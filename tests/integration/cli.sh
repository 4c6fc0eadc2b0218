#!/bin/sh
# The command line explains itself: --help for every command, --version,
# exit codes 0/1/2 (a word that is no command: one line saying what was
# meant; a second daemon on one database: 1); `raqib sources` shows each
# source's health (also while the daemon runs), as a table and as JSON; `raqib import-opml` turns an
# OPML export into [source] sections, printed or appended with a backup.
B=${B:-build}
RAQIB="$(pwd)/$B/raqib"

if [ -z "${RAQIB_CLI_BUS:-}" ]; then
	RAQIB_CLI_BUS=1 exec dbus-run-session \
	    --config-file=tests/lib/session-noservices.conf -- sh "$0" "$@"
fi

. tests/lib/tap.sh
. tests/lib/fixtures.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/raqib-cli.XXXXXX")
DAEMON_PID=
trap '[ -n "$DAEMON_PID" ] && kill $DAEMON_PID; fixtures_stop; rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config"
export XDG_STATE_HOME="$tmp/home/.local/state"
OPML=tests/fixtures/opml/subscriptions.opml

# A command exits with a status and prints a pattern on stdout or stderr.
says() { # status, pattern, command...
	_want=$1 _pat=$2
	shift 2
	"$@" >"$tmp/out" 2>&1
	_rc=$?
	[ $_rc -eq "$_want" ] && grep -q -- "$_pat" "$tmp/out" && return 0
	echo "# exit $_rc (wanted $_want):"
	sed 's/^/# /' "$tmp/out"
	return 1
}

# --- help, version, exit codes ---------------------------------------------
check "--version prints the version" says 0 '^raqib [0-9]' "$RAQIB" --version
check "--help documents the exit codes" says 0 \
    "Exit status: 0 ok, 1 runtime failure, 2 usage or config error" \
    "$RAQIB" --help
for cmd in check import-opml match parse sources; do
	check "raqib $cmd --help prints its usage and exits 0" \
	    says 0 "^usage: raqib $cmd" "$RAQIB" "$cmd" --help
done
check "a bad option of a command is a usage error (exit 2)" \
    says 2 "usage: raqib sources" "$RAQIB" sources --no-such-option
# A word that is no command: one line (not the whole usage) saying what to
# type instead, exit 2.
one_line() { # status, line, command...
	says "$@" && test "$(wc -l <"$tmp/out")" -eq 1
}
# Before the first poll there is no database: history and search say so
# rather than print nothing, exit 0, and create none.
printf '[topic t]\nmatch = x\n' >"$tmp/fresh.conf"
for cmd in history search; do
	check "raqib $cmd before any poll says there is no database yet" \
	    one_line 0 "^raqib: no database yet at $XDG_STATE_HOME/raqib/raqib.db: nothing has been polled" \
	    "$RAQIB" $cmd -c "$tmp/fresh.conf" $([ $cmd = search ] && echo x)
done
check "... and makes none" test ! -e "$XDG_STATE_HOME/raqib/raqib.db"
check "raqib status points to raqib sources and systemctl, on one line" \
    one_line 2 "^raqib: no command 'status': \`raqib sources\` shows each source's health, \`systemctl --user status raqib\` the service's$" \
    "$RAQIB" status
check "a misspelt command is named with the one meant" one_line 2 \
    "^raqib: no command 'serach'; did you mean \`raqib search\`?$" \
    "$RAQIB" serach
check "an unknown word points to --help" one_line 2 \
    "^raqib: no command 'frobnicate'; \`raqib --help\` lists the commands$" \
    "$RAQIB" frobnicate
check "a command after -c is told to come first" one_line 2 \
    "^raqib: the command comes first, its options after it: \`raqib check -c FILE …\`$" \
    "$RAQIB" -c config/raqib.conf check
check "an unreadable OPML file is a runtime failure (exit 1)" \
    says 1 "no-such.opml" "$RAQIB" import-opml "$tmp/no-such.opml"
check "a file that is not OPML is refused (exit 1)" \
    says 1 "not OPML: root element <rss>" \
    "$RAQIB" import-opml tests/fixtures/feeds/rss2.xml

# --- import-opml --------------------------------------------------------------
"$RAQIB" import-opml "$OPML" >"$tmp/sections" 2>"$tmp/import.err"
check "import-opml prints the expected [source] sections" \
    cmp -s "$tmp/sections" tests/fixtures/opml/subscriptions.expected
check "it names each outline it skipped, and why" test \
    "$(cat "$tmp/import.err")" = "raqib: $OPML: skipped Gopher news (gopher://example.org/1/news): its feed URL is not http or https
raqib: $OPML: skipped A bookmark (no URL): it has no feed URL (xmlUrl)
raqib: $OPML: skipped BBC again (https://feeds.bbci.co.uk/arabic/rss.xml): the same feed is listed above"
{ printf '<br />\n<b>Warning</b>:  session_start(): headers already sent in <b>/var/www/export.php</b> on line <b>4</b><br />\n'
  cat "$OPML"; } >"$tmp/warned.opml"
"$RAQIB" import-opml "$tmp/warned.opml" 2>"$tmp/warned.err" |
    sed "s|$tmp/warned.opml|$OPML|" >"$tmp/warned"
check "an export with a PHP warning before it gives the same sections" \
    cmp -s "$tmp/warned" tests/fixtures/opml/subscriptions.expected
check "and says that it was mended" \
    grep -q "warned.opml: not well-formed XML, read after mending it" \
    "$tmp/warned.err"
cp config/raqib.conf "$tmp/raqib.conf"
printf '[source astana]\nurl = https://astanatimes.com/feed/\n' \
    >>"$tmp/raqib.conf"
cp "$tmp/raqib.conf" "$tmp/before.conf"
check "import-opml --append adds the new feeds and checks the result" \
    says 0 "added 4 sources (backup in $tmp/raqib.conf.bak); configuration OK" \
    "$RAQIB" import-opml -c "$tmp/raqib.conf" --append "$OPML"
check "and says which feed the config had already" grep -q \
    "skipped The Astana Times (https://astanatimes.com/feed/): the config has this feed already" \
    "$tmp/out"
check "the backup is the config as it was" \
    cmp -s "$tmp/before.conf" "$tmp/raqib.conf.bak"
check "a feed the config already has is not added again" \
    test "$(grep -c 'astanatimes.com/feed/$' "$tmp/raqib.conf")" -eq 1
check "a second import adds nothing" says 0 "nothing to add" \
    "$RAQIB" import-opml -c "$tmp/raqib.conf" --append "$OPML"
check "--append refuses a config with errors (exit 2)" says 2 \
    "bad-key.conf:3: unknown key" \
    "$RAQIB" import-opml -c tests/config/bad-key.conf --append "$OPML"
# Titles that try to break out of their comment: the config stays valid,
# one section a feed, each title readable on its comment line.
HOSTILE=tests/fixtures/opml/hostile.opml
"$RAQIB" import-opml "$HOSTILE" >"$tmp/hostile" 2>"$tmp/hostile.err"
check "import-opml of hostile titles prints the expected sections" \
    cmp -s "$tmp/hostile" tests/fixtures/opml/hostile.expected
cp config/raqib.conf "$tmp/hostile.conf"
check "... which --append adds, and the result passes raqib check" \
    says 0 "added 9 sources (backup in $tmp/hostile.conf.bak); configuration OK" \
    "$RAQIB" import-opml -c "$tmp/hostile.conf" --append "$HOSTILE"
check "... one section a feed: a title's line breaks make none" \
    test "$(grep -c '^\[source ' "$tmp/hostile")" -eq 9
check "... each title on its comment line as text, no \\u escapes" \
    sh -c "grep -qx '# evil and gdp.exe' '$tmp/hostile' &&
    grep -qx '# isolate left open, twice' '$tmp/hostile' &&
    ! grep -q '\\\\u' '$tmp/hostile'"
check "... no directional override, isolate or control left in the config" \
    sh -c "! LC_ALL=C grep -q \"\$(printf '\\342\\200[\\252-\\256]\\|\\342\\201[\\246-\\251]\\|\\302[\\200-\\237]\\|[\\001-\\010\\013-\\037]')\" '$tmp/hostile.conf'"
check "... a long title cut at a whole character, ending in …" \
    sh -c "grep '^# أخبار' '$tmp/hostile' | grep -q '…\$'"

# An export with a control character XML forbids in a title and a bare &
# in a URL: every outline imported, the URL whole, and stderr says the
# file was mended and what to check.
printf '<?xml version="1.0"?>\n<opml version="2.0"><body>\n<outline text="Tw\001o" xmlUrl="http://127.0.0.1/two.xml?a=1&b=2"/>\n<outline text="Three" xmlUrl="http://127.0.0.1/three.xml"/>\n</body></opml>\n' >"$tmp/broken.opml"
"$RAQIB" import-opml "$tmp/broken.opml" >"$tmp/broken" 2>"$tmp/broken.err"
check "import-opml of a broken export imports every feed, URL whole" \
    sh -c "grep -qx 'url = http://127.0.0.1/two.xml?a=1&b=2' '$tmp/broken' &&
    grep -qx 'url = http://127.0.0.1/three.xml' '$tmp/broken'"
check "... and says it was mended, what, and what to check" \
    grep -q "not well-formed XML, read after mending it.*bare &.*control character.*check the feed URLs imported" "$tmp/broken.err"

# --- init ---------------------------------------------------------------------
conf="$XDG_CONFIG_HOME/raqib/raqib.conf"
check "init writes the config under \$XDG_CONFIG_HOME, topics named" says 0 \
    "^raqib: wrote $conf: 12 sources, 3 topics (kazakhstan, c5plus1, rare-earths)" \
    "$RAQIB" init
check "and prints the next steps" grep -q "^  raqib --dry-run$" "$tmp/out"
{ cat config/raqib.conf; echo; cat contrib/sources-central-asia.conf; } \
    >"$tmp/want.conf"
check "the config is the example with the curated sources at its end" \
    cmp -s "$tmp/want.conf" "$conf"
check "raqib check then reports the curated sources and the example topics" \
    says 0 "^topics: kazakhstan, c5plus1, rare-earths$" "$RAQIB" check
check "and lists the sources by name" grep -q \
    "^sources: bbc-arabic, aljazeera-net, .*, the-diplomat$" "$tmp/out"
echo "# mine" >>"$conf"
cp "$conf" "$tmp/mine.conf"
check "init refuses to overwrite a config (exit 1)" says 1 \
    "raqib: $conf exists; raqib init leaves it as it is" "$RAQIB" init
check "and leaves it as it was" cmp -s "$tmp/mine.conf" "$conf"
check "init -c writes another file, and names it in the next steps" says 0 \
    "^  raqib check -c $tmp/second.conf$" "$RAQIB" init -c "$tmp/second.conf"

# --- export-opml --------------------------------------------------------------
printf '[source page]\nurl = https://example.org/news\nitems = h2 a\n' \
    >>"$tmp/second.conf"
"$RAQIB" export-opml -c "$tmp/second.conf" >"$tmp/export.opml" \
    2>"$tmp/export.err"
check "export-opml exits 0" test $? -eq 0
# The export is OPML any reader reads: its outlines are the config's feeds.
opml_ok() {
	/usr/bin/python3 - "$tmp/export.opml" "$tmp/second.conf" <<'PY'
import re, sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "opml" and root.get("version") == "2.0"
got = [(o.get("title"), o.get("xmlUrl"), o.get("type"))
       for o in root.iter("outline")]
text = open(sys.argv[2], encoding="utf-8").read()
want = re.findall(r"^\[source (\S+)\]\nurl = (\S+)$", text, re.M)
want = [(n, u, "rss") for n, u in want if n != "page"]
assert got == want, (got, want)
PY
}
check "export-opml writes every feed source as an outline" opml_ok
check "and says it left out the page source" grep -q \
    "left out \[source page\]: an HTML page" "$tmp/export.err"
printf '[topic t]\nmatch = t\n' >"$tmp/empty.conf"
check "its export imports back, every feed and none twice" says 0 \
    "added 12 sources" \
    "$RAQIB" import-opml -c "$tmp/empty.conf" --append "$tmp/export.opml"
check "under the same names" test "$(grep '^\[source ' "$tmp/empty.conf")" = \
    "$(grep '^\[source ' "$tmp/second.conf" | grep -v '^\[source page\]$')"

# --- sources --------------------------------------------------------------------
fixtures_serve "$tmp" || { echo "not ok - fixture server starts"; exit 1; }
cat >"$tmp/src.conf" <<CONF
[raqib]
database = $tmp/raqib.db
timeout = 5s
[source good]
url = http://127.0.0.1:$FIXTURE_PORT/rss2.xml
[source missing]
url = http://127.0.0.1:$FIXTURE_PORT/no-such-feed.xml
[source busy]
url = http://127.0.0.1:$FIXTURE_PORT/status/429
[topic nothing]
match = zzzyyyxxx
CONF
check "sources before the first poll lists every source as never polled" \
    says 0 "^missing  *never  *never  *-  *0  *0  *-$" \
    "$RAQIB" sources -c "$tmp/src.conf"
timeout 30 "$RAQIB" -c "$tmp/src.conf" --once 2>"$tmp/once.err"
"$RAQIB" sources -c "$tmp/src.conf" >"$tmp/table" 2>&1
check "sources shows a good source with its status and items" \
    grep -Eq '^good +[0-9]+s ago +[0-9]+s ago +200 +0 +[1-9][0-9]* +-$' \
    "$tmp/table"
check "sources shows a failing source with its error" \
    grep -Eq '^missing +[0-9]+s ago +never +404 +1 +0 +HTTP status 404 \(not found\): nothing at this URL; check the source.s url \(has the feed moved\?\)$' \
    "$tmp/table"
check "sources shows how long a busy server asked to wait (Retry-After)" \
    grep -Eq '^busy +[0-9]+s ago +never +429 +1 +0 +HTTP status 429 \(too many requests\): the site limits how often raqib may ask; raise interval if it lasts \(the server asks to wait 120 s\)$' \
    "$tmp/table"
# Each line of --json is an object with the health fields.
json_ok() {
	"$RAQIB" sources -c "$tmp/src.conf" --json | /usr/bin/python3 -c '
import json, sys
rows = [json.loads(l) for l in sys.stdin]
by = {r["name"]: r for r in rows}
assert len(rows) == 3, rows
assert by["good"]["status"] == 200 and by["good"]["failures"] == 0
assert by["good"]["items"] > 0 and by["good"]["last_error"] is None
assert by["missing"]["status"] == 404 and by["missing"]["failures"] == 1
assert by["missing"]["last_success"] is None
assert by["missing"]["last_error"].startswith("HTTP status 404 (not found)")
'
}
check "sources --json gives one object per source" json_ok
# --- logging: levels, one line per event, journal prefixes -------------------
# Lines a --once run logs, with extra flags and environment.
log_lines() { # flags...
	: >"$tmp/log"
	timeout 30 "$RAQIB" -c "$tmp/src.conf" --once "$@" 2>>"$tmp/log"
}
log_lines
items=$(sqlite3 "$tmp/raqib.db" "SELECT items FROM sources WHERE name = 'good'")
check "the default level logs a line per event, not per item ($items items)" \
    test "$(wc -l <"$tmp/once.err")" -le 3 -a "$items" -gt 5
check "a failing source is one warning naming it" \
    test "$(grep -c 'warning: source missing: HTTP status 404' "$tmp/log")" -eq 1
log_lines -q
check "a 304 keeps the item count of the last good poll" \
    test "$(sqlite3 "$tmp/raqib.db" \
    "SELECT items FROM sources WHERE name = 'good'")" -eq "$items"
check "-q logs only warnings" test "$(grep -vc 'warning:' "$tmp/log")" -eq 0
log_lines -v
check "-v adds a debug line per source poll" \
    grep -q "debug: source good: 0 items, 0 new" "$tmp/log"
JOURNAL_STREAM=$(stat -c '%d:%i' "$tmp/log") log_lines
check "under the journal every line carries its <N> priority" \
    test "$(grep -vc '^<[3-7]>' "$tmp/log")" -eq 0 -a -s "$tmp/log"
check "and a warning is <4>" grep -q '^<4>warning: source missing' "$tmp/log"
JOURNAL_STREAM=1:1 log_lines
check "JOURNAL_STREAM naming another stream gives plain lines" \
    test "$(grep -c '^raqib: ' "$tmp/log")" -eq "$(wc -l <"$tmp/log")"

"$RAQIB" -c "$tmp/src.conf" 2>"$tmp/daemon.err" &
DAEMON_PID=$!
i=0
while ! grep -qs "raqib $(
    "$RAQIB" --version | cut -d' ' -f2)" "$tmp/daemon.err" && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
check "sources works while the daemon holds the database" \
    says 0 "^good " "$RAQIB" sources -c "$tmp/src.conf"
check "the daemon says once that its first polls are spread" test \
    "$(grep -c 'first polls of the 3 sources spread over 60 s' "$tmp/daemon.err")" -eq 1
check "a second raqib on its database exits 1, naming the first's pid" \
    says 1 "database $tmp/raqib.db is in use by another raqib (pid $DAEMON_PID)" \
    timeout 20 "$RAQIB" -c "$tmp/src.conf" --once
kill $DAEMON_PID
wait $DAEMON_PID
DAEMON_PID=
tap_status
