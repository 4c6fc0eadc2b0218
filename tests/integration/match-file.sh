#!/bin/sh
# raqib match --file reads the file in pieces (1 MiB; RAQIB_MATCH_PIECE
# bytes here, to cut often): a phrase across a cut is still found, whatever
# the cut's place; each piece is a document; and a 50 MB file is matched in
# bounded memory, with 10 and with 10,000 topics.
B=${B:-build}
RAQIB="$B/raqib"
. tests/lib/tap.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/raqib-match-file.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp" XDG_STATE_HOME="$tmp/state" XDG_CONFIG_HOME="$tmp/config"

cat >"$tmp/small.conf" <<'EOF'
[topic five]
match = مجموعة الدول الخمس زائد واحد
[topic both]
match = Astana AND Tashkent
EOF
phrase='اجتماعات مجموعة الدول الخمس زائد واحد'

# --- a phrase across a cut, at every place the cut may fall ----------------
# 128-byte pieces; the phrase (76 bytes) starts 0 to 130 bytes in, so the
# first cut falls before it, inside it at each of its spaces, and after it.
missed=
n=0
while [ $n -le 65 ]; do
	{ i=0; while [ $i -lt $n ]; do printf 'ab '; i=$((i + 1)); done
	  printf '%s end of the text\n' "$phrase"; } >"$tmp/cut"
	out=$(RAQIB_MATCH_PIECE=128 "$RAQIB" match -c "$tmp/small.conf" \
	    --file "$tmp/cut" 2>&1)
	case $out in
	five*«*) ;;
	*) missed="$missed $((n * 2))" ;;
	esac
	n=$((n + 1))
done
check "the phrase is found wherever a 128-byte piece cuts it" \
    test -z "$missed"
[ -z "$missed" ] || echo "# missed with the phrase at bytes:$missed"

# --- the pieces are real: AND holds within a piece -------------------------
{ printf 'Astana '; i=0; while [ $i -lt 100 ]; do printf 'filler '; i=$((i + 1)); done
  printf 'Tashkent\n'; } >"$tmp/far"
out=$(RAQIB_MATCH_PIECE=128 "$RAQIB" match -c "$tmp/small.conf" \
    --file "$tmp/far")
check "words 700 bytes apart are in two 128-byte pieces: AND does not hold" \
    test -z "$out"
out=$("$RAQIB" match -c "$tmp/small.conf" --file "$tmp/far")
check "in one piece (the 1 MiB default) it holds" \
    test "${out%%	*}" = both
out=$(RAQIB_MATCH_PIECE=128 "$RAQIB" match -c "$tmp/small.conf" - \
    <"$tmp/cut")
check "standard input is read in pieces too" test "${out%%	*}" = five

# --- bounded memory on a 50 MB file ----------------------------------------
# News-like lines, each with a numbered term (tests/bench/gen-match-file.py);
# the bound is documented in README.md (raqib match). AddressSanitizer's shadow
# and quarantine multiply the footprint, and its slowness the time: a 10 MB
# file there, a wider bound.
case $B in
*asan*) mb=10 bound=512 ;;
*) mb=50 bound=64 ;;
esac
/usr/bin/python3 tests/bench/gen-match-file.py "$tmp" "$mb"
for c in t10 t10k; do
	/usr/bin/python3 tests/bench/measure.py "$c" sh -c \
	    "exec \"$RAQIB\" match -c \"$tmp/$c.conf\" --file \"$tmp/big\" \
	    >\"$tmp/$c.out\"" >"$tmp/$c.measure"
	sed 's/^/# /' "$tmp/$c.measure"
done
rss() { sed 's/.*rss_mib=\([0-9.]*\).*/\1/' "$tmp/$1.measure"; }
check "10 topics: exit 0, each topic found once" \
    sh -c "grep -q 'rc=0' '$tmp/t10.measure' &&
    test \$(wc -l <'$tmp/t10.out') -eq 10"
check "10,000 topics: exit 0, the 10,000 topics the file holds found" \
    sh -c "grep -q 'rc=0' '$tmp/t10k.measure' &&
    test \$(wc -l <'$tmp/t10k.out') -eq 10000"
check "peak memory with 10 topics under $bound MiB on $mb MB: $(rss t10) MiB" \
    awk -v r="$(rss t10)" -v b="$bound" 'BEGIN { exit !(r < b) }'
check "peak memory with 10,000 topics under $bound MiB: $(rss t10k) MiB" \
    awk -v r="$(rss t10k)" -v b="$bound" 'BEGIN { exit !(r < b) }'
# --- a printed hit costs its snippet, not a pass over the piece -------------
# 1,000 topics, each firing once at the head of a 1 MiB piece, against the
# same file where none fires: the instructions valgrind counts (no clock).
# Each hit used to measure the whole piece again (strlen): 110,000
# instructions a hit, 1.59x the quiet run; now 31,000 (its snippet), 1.17x.
if [ "${B#*asan}" = "$B" ] && command -v valgrind >/dev/null; then
	awk 'BEGIN { for (i = 0; i < 1000; i++)
		printf "[topic t%d]\nmatch = kw%dx\n", i, i }' >"$tmp/many.conf"
	for run in fire:kw quiet:zz; do
		awk -v p="${run#*:}" 'BEGIN {
			for (i = 0; i < 1000; i++)
				printf "%s%dx ", p, i
			for (i = 0; i < 37000; i++)
				printf "lorem ipsum dolor sit amet "
			print ""
		}' >"$tmp/${run%%:*}.txt"
		valgrind --tool=callgrind --callgrind-out-file=/dev/null \
		    "$RAQIB" match -c "$tmp/many.conf" --file "$tmp/${run%%:*}.txt" \
		    >"$tmp/${run%%:*}.out" 2>"$tmp/${run%%:*}.vg"
	done
	ir() { awk '/Collected :/ {print $4}' "$tmp/$1.vg"; }
	echo "# instructions: 1,000 hits $(ir fire), none $(ir quiet)"
	check "1,000 hits in a 1 MiB piece: all printed" \
	    test "$(wc -l <"$tmp/fire.out")" -eq 1000
	check "1,000 printed hits cost under 1.4x the instructions of none" \
	    awk -v f="$(ir fire)" -v q="$(ir quiet)" \
	    'BEGIN { exit !(q > 0 && f / q < 1.4) }'
fi
tap_finish
