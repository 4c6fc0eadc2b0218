#!/bin/sh
# The page of raqib report in a real browser, Debian's chromium headless:
# a screenshot shows the chart (its bars' colour painted); through the
# DevTools protocol (tests/lib/cdp-report.py) the laid-out page has an
# Arabic title right to left and a Latin one left to right, one bar on
# screen per topic and day with mentions, the topic names, no script, and
# it made no request but for its own file (a copy with an image from the
# network is caught, so the check can fail). SKIP when chromium is missing.
B=${B:-build}
RAQIB="$(pwd)/$B/raqib"
. tests/lib/tap.sh

if ! command -v chromium >/dev/null 2>&1; then
	echo "1..0 # SKIP chromium is not installed (tests/deps.sh installs it)"
	exit 0
fi
. tests/lib/fixtures.sh
. tests/lib/feedgen.sh
. tests/lib/reportgen.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/raqib-browser.XXXXXX")
CHROMIUM_PID=
trap '[ -n "$CHROMIUM_PID" ] && kill $CHROMIUM_PID 2>/dev/null;
    fixtures_stop; rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config"
export XDG_STATE_HOME="$tmp/home/.local/state" TZ=UTC
mkdir -p "$tmp/www"
fixtures_server "$tmp" || { echo "not ok 1 - fixture server starts"; exit 1; }
reportgen_write
timeout 60 "$RAQIB" -c "$tmp/raqib.conf" --once >/dev/null 2>"$tmp/once.err"
"$RAQIB" report -c "$tmp/raqib.conf" -o "$tmp/r.html" >/dev/null 2>&1
check "raqib report wrote the page" test -s "$tmp/r.html"

# Headless, as root in CI, and quiet: nothing of its own on the network.
chromium_flags() { # profile directory
	echo "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
	    --disable-background-networking --disable-component-update
	    --disable-sync --user-data-dir=$1"
}

# shellcheck disable=SC2046
timeout 30 chromium $(chromium_flags "$tmp/shot-profile") \
    --screenshot="$tmp/shot.png" --window-size=1200,2000 \
    "file://$tmp/r.html" >"$tmp/shot.log" 2>&1
check "the screenshot is a 1200x2000 PNG, not blank, the chart's bars painted" \
    /usr/bin/python3 tests/lib/png-check.py "$tmp/shot.png" 1200 2000 2a6f97
check "(a colour the page does not have is not found in it)" \
    sh -c '! /usr/bin/python3 tests/lib/png-check.py "$1" 1200 2000 \
    c0ffee >/dev/null 2>&1' sh "$tmp/shot.png"

# shellcheck disable=SC2046
chromium $(chromium_flags "$tmp/profile") --remote-debugging-port=0 \
    --remote-debugging-address=127.0.0.1 about:blank \
    >"$tmp/chromium.log" 2>&1 &
CHROMIUM_PID=$!
sed 's|<body>|<body><img src="http://127.0.0.1:9/leak.png">|' "$tmp/r.html" \
    >"$tmp/leak.html"
timeout 45 /usr/bin/python3 tests/lib/cdp-report.py "$tmp/profile" \
    "$tmp/r.html" "$tmp/seen.json" 2>"$tmp/cdp.err"
check "chromium opened the page over the DevTools protocol" \
    test -s "$tmp/seen.json"
timeout 45 /usr/bin/python3 tests/lib/cdp-report.py "$tmp/profile" \
    "$tmp/leak.html" "$tmp/leak.json" 2>>"$tmp/cdp.err"
kill "$CHROMIUM_PID" 2>/dev/null
wait "$CHROMIUM_PID" 2>/dev/null
CHROMIUM_PID=

# What chromium saw: FILE PYTHON-EXPRESSION over o, the observations.
seen() { # file, expression
	/usr/bin/python3 - "$@" <<'PY'
import json, sys
o = json.load(open(sys.argv[1], encoding="utf-8"))
ok = eval(sys.argv[2], {"o": o})
if not ok:
    print("# %s is false over:" % sys.argv[2])
    for k in ("titles", "bars", "topics", "headings", "scripts",
              "requests", "console"):
        print("#   %s: %r" % (k, o.get(k)))
sys.exit(0 if ok else 1)
PY
}
direction() { # title, direction
	seen "$tmp/seen.json" "[\"$1\", \"$2\"] in o['titles']"
}
check "an Arabic title is laid out right to left" \
    direction "كازاخستان توقع اتفاق الطاقة مع أوزبكستان" rtl
check "and the Arabic title with a clitic too" \
    direction "وزير الخارجية لكازاخستان يزور القاهرة" rtl
check "a Latin title left to right" \
    direction "Uranium output rises in Almaty" ltr
check "in a page that is left to right" \
    seen "$tmp/seen.json" "o['direction'] == 'ltr'"
check "four bars on screen: kazakhstan on three days, uranium on one" \
    seen "$tmp/seen.json" "o['bars'] == 4"
check "the chart names the topics, the quiet one too" \
    seen "$tmp/seen.json" "o['topics'] == ['kazakhstan', 'uranium', 'quiet']"
check "the sections a reader looks for" seen "$tmp/seen.json" \
    "o['headings'] == ['Mentions per topic per day', 'Outlets per topic', \
    'Stories', 'Source health']"
check "the markup of a title is shown as text" seen "$tmp/seen.json" \
    "'Kazakhstan: 3 < 5 & \"friends\"' in [t for t, d in o['titles']]"
check "no script in the page" seen "$tmp/seen.json" "o['scripts'] == 0"
check "no request but for the page's own file" seen "$tmp/seen.json" \
    "o['requests'] and all(u.split(':')[0] in ('file', 'data', 'about') \
    for u in o['requests'])"
check "and nothing refused by its Content-Security-Policy" \
    seen "$tmp/seen.json" "o['console'] == []"
check "(a copy with an image from the network is caught)" \
    seen "$tmp/leak.json" \
    "'http://127.0.0.1:9/leak.png' in o['requests'] or \
    any('Content Security Policy' in c for c in o['console'])"
tap_finish "$tmp"
