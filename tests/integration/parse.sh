#!/bin/sh
# Golden outputs: `raqib parse` of every fixture feed and page gives exactly
# tests/feed/NAME.jsonl (and, for a failing parse, NAME.error). With
# UPDATE=1 (make update-golden) the outputs are written instead. Every page
# is read as fetched at NOW (its "2 hours ago" dated from it), not at the
# file's mtime, which a checkout sets.
B=${B:-build}
RAQIB="$(pwd)/$B/raqib"
GOLDEN=tests/feed
NOW=2026-12-06T12:00:00Z

. tests/lib/tap.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/raqib-parse.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

# Parse one fixture into DIR/NAME.jsonl and, when it fails, DIR/NAME.error.
parse() { # dir, name, fixture, options...
	_d=$1
	_n=$2
	_f=$3
	shift 3
	timeout 20 "$RAQIB" parse "tests/fixtures/$_f" --now "$NOW" "$@" \
	    >"$_d/$_n.jsonl" \
	    2>"$tmp/stderr"
	_rc=$?
	rm -f "$_d/$_n.error"
	[ $_rc -eq 0 ] && return 0
	{ echo "exit $_rc"; cat "$tmp/stderr"; } >"$_d/$_n.error"
}

# The output of a case equals its golden files; a diff is shown if not.
same() { # name
	for _x in jsonl error; do
		[ -e "$GOLDEN/$1.$_x" ] || [ -e "$tmp/$1.$_x" ] || continue
		diff -u "$GOLDEN/$1.$_x" "$tmp/$1.$_x" >"$tmp/diff" 2>&1 && continue
		sed 's/^/# /' "$tmp/diff" | head -20
		return 1
	done
}

grep -v '^#' "$GOLDEN/cases" | while read -r name fixture opts; do
	[ -n "$name" ] || continue
	eval "set -- $opts"
	if [ -n "${UPDATE:-}" ]; then
		parse "$GOLDEN" "$name" "$fixture" "$@"
		echo "updated $GOLDEN/$name"
		continue
	fi
	parse "$tmp" "$name" "$fixture" "$@"
	check "parse $fixture${opts:+ $opts} as $GOLDEN/$name" same "$name"
	echo "$tap_failed" >"$tmp/failed"
done
[ -z "${UPDATE:-}" ] && [ "$(cat "$tmp/failed" 2>/dev/null)" != 0 ] && exit 1
exit 0
