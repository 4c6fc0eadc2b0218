#!/bin/sh
# raqib report: a real database built by real polls of fixture feeds whose
# items span several days (Arabic and English titles, one story carried by
# two outlets, a title full of markup, an item older than the window, a
# source that fails) becomes one page whose chart, outlets, stories and
# source health are checked against what the feeds hold; the page fetches
# nothing; --since narrows it; the default path is under $XDG_STATE_HOME;
# errors say what to do.
B=${B:-build}
RAQIB="$(pwd)/$B/raqib"
. tests/lib/tap.sh
. tests/lib/fixtures.sh
. tests/lib/feedgen.sh
. tests/lib/reportgen.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/raqib-report.XXXXXX")
trap 'fixtures_stop; [ -n "$KEEP" ] || rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config"
export XDG_STATE_HOME="$tmp/home/.local/state" TZ=UTC
mkdir -p "$tmp/www"
fixtures_server "$tmp" || { echo "not ok 1 - fixture server starts"; exit 1; }

reportgen_write

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

check "report before any poll says to poll first (exit 1)" says 1 \
    "no database at $tmp/raqib.db yet: run raqib (or raqib --once)" \
    "$RAQIB" report -c "$tmp/raqib.conf"
timeout 60 "$RAQIB" -c "$tmp/raqib.conf" --once >"$tmp/once.out" \
    2>"$tmp/once.err"
check "raqib --once polls the fixture feeds" test $? -eq 0
check "report -o FILE writes the page and prints its path" says 0 \
    "^$tmp/r.html$" "$RAQIB" report -c "$tmp/raqib.conf" -o "$tmp/r.html"

# What a reader of the page finds, read with an HTML parser; PAGE WANT...
page_has() { # page, what
	/usr/bin/python3 tests/lib/report-page.py "$@"
}
check "one bar per topic and day with mentions, each with its count" \
    page_has "$tmp/r.html" bars \
    "kazakhstan $(day $d3) 2 1" "kazakhstan $(day $d2) 1 1" \
    "kazakhstan $(day $d1) 1 1" "uranium $(day $d3) 1 1"
check "every configured topic is named in the chart, the quiet one too" \
    page_has "$tmp/r.html" topics kazakhstan uranium quiet
check "each topic's outlets with the stories they carried" \
    page_has "$tmp/r.html" outlets "kazakhstan daily 2" \
    "kazakhstan wire 2" "uranium wire 1"
check "the stories newest first, the shared one with both outlets" \
    page_has "$tmp/r.html" stories \
    "وزير الخارجية لكازاخستان يزور القاهرة|daily" \
    "Kazakhstan: 3 < 5 & \"friends\"|wire" \
    "Uranium output rises in Almaty|wire" \
    "كازاخستان توقع اتفاق الطاقة مع أوزبكستان|wire, daily"
check "the failing source comes first, with its HTTP status" \
    page_has "$tmp/r.html" sources "gone failing 404" "daily ok" "wire ok"
check "every title, outlet and topic of the page is dir=auto" \
    page_has "$tmp/r.html" dirauto
check "the page loads nothing: no script, no external resource, a strict CSP" \
    page_has "$tmp/r.html" selfcontained
check "the title full of markup is text, not markup" \
    grep -q 'Kazakhstan: 3 &lt; 5 &amp; &quot;friends&quot;</a>' "$tmp/r.html"
check "and no script is left in the page" \
    test "$(grep -c '<script' "$tmp/r.html")" -eq 0
check "the item older than the window is left out" \
    test "$(grep -c 'خبر قديم' "$tmp/r.html")" -eq 0

"$RAQIB" report -c "$tmp/raqib.conf" --since 2d -o "$tmp/2d.html" \
    >/dev/null 2>&1
check "--since 2d charts only the last day's item" \
    page_has "$tmp/2d.html" bars "kazakhstan $(day $d1) 1 1"
check "without -o it writes \$XDG_STATE_HOME/raqib/report.html" says 0 \
    "^$XDG_STATE_HOME/raqib/report.html$" "$RAQIB" report -c "$tmp/raqib.conf"
check "and the page is there" test -s "$XDG_STATE_HOME/raqib/report.html"
check "-o - writes the page to standard output" says 0 "^<!DOCTYPE html>" \
    "$RAQIB" report -c "$tmp/raqib.conf" -o -
check "a bad --since is a usage error that says what to give (exit 2)" \
    says 2 "bad duration 'soon' for --since (such as 30d or 12h)" \
    "$RAQIB" report -c "$tmp/raqib.conf" --since soon
check "a --since longer than a report covers says the longest (exit 2)" \
    says 2 "give 366d or less" \
    "$RAQIB" report -c "$tmp/raqib.conf" --since 400d
check "an unwritable -o says so and what to do (exit 1)" says 1 \
    "cannot write /proc/raqib-report.html: .* (give another file with -o)" \
    "$RAQIB" report -c "$tmp/raqib.conf" -o /proc/raqib-report.html
tap_finish
