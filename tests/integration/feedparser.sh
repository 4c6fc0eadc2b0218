#!/bin/sh
# Differential test against the reference feed parser Debian packages
# (python3-feedparser): a few hundred generated feeds (tests/diff/gen.py,
# fixed seed) in every format raqib reads, then mutated one class at a time
# (HTML entities, bare &, NUL and other controls, every charset declared,
# in HTTP only, not at all or wrongly, sparse items, dialects, and what
# strangers' CMSs write: PHP warnings before the XML, names in capitals,
# windows-1252 punctuation as C1 code points, links escaped twice), read by
# `raqib parse` and by feedparser, compared field by field
# (tests/diff/compare.py). One check per class, with its agreement figure;
# disagreements judged right in raqib's favour are in tests/diff/known.tsv,
# raqib bugs still open in tests/diff/pending.tsv (reported as TODO); text
# both read as the same mojibake of the generator's is counted apart.
B=${B:-build}
# B may be absolute (B=/tmp/x make check) or relative to the top.
case $B in
/*) RAQIB="$B/raqib" ;;
*) RAQIB="$(pwd)/$B/raqib" ;;
esac
PY=/usr/bin/python3
# No __pycache__ in the source tree.
export PYTHONDONTWRITEBYTECODE=1
DIFF=tests/diff

. tests/lib/tap.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/raqib-feedparser.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

# The report as TAP comments, shown when a check fails.
comment() { # file
	sed 's/^/# /' "$1"
}

# Whether two runs of the generator wrote the same files.
same_cases() { # dir, dir
	diff -r "$1" "$2" >"$tmp/gen.diff" 2>&1
}

check "Debian's python3-feedparser is installed" \
    "$PY" -c 'import feedparser'
"$PY" "$DIFF/gen.py" "$tmp/cases" >"$tmp/gen.out" 2>"$tmp/gen.err"
check "the generator writes its feeds ($(cat "$tmp/gen.out"))" \
    test -s "$tmp/cases/cases.json"
"$PY" "$DIFF/gen.py" "$tmp/again" >/dev/null 2>&1
check "the generator writes the same bytes on every run (fixed seed)" \
    same_cases "$tmp/cases" "$tmp/again"

timeout 300 "$PY" "$DIFF/compare.py" "$RAQIB" "$tmp/cases" \
    --known "$DIFF/known.tsv" --pending "$DIFF/pending.tsv" \
    --results "$tmp/results" >"$tmp/report" 2>&1
echo "compare.py exited with status $?" >>"$tmp/report"

# Each class: its agreement, and what is known or still to do.
while IFS="$(printf '\t')" read -r cls status agree n known pending failed garbled; do
	case $cls in crashes|rules) continue ;; esac
	pct=$(awk -v a="$agree" -v n="$n" \
	    'BEGIN { printf "%.1f%%", n ? 100 * a / n : 100 }')
	desc="$cls: raqib and the reference agree on $agree of $n fields"
	desc="$desc ($pct; $known known, $pending pending, $failed failed,"
	desc="$desc $garbled both mojibake)"
	if [ "$status" = todo ]; then
		todo "$desc" "raqib bugs listed in $DIFF/pending.tsv" false
	else
		check "$desc" test "$status" = pass
	fi
done <"$tmp/results"
check "raqib parse neither crashed nor hung on any feed" \
    grep -q '^crashes	pass' "$tmp/results"
check "every rule of $DIFF/pending.tsv still matches a disagreement" \
    grep -q '^rules	pass' "$tmp/results"
tap_status || comment "$tmp/report"
tap_finish
