#!/bin/sh
# match-bench's two ratios counted in instructions by valgrind's callgrind,
# which the machine's load does not move (its MB/s form does): at 10,000
# terms, the instructions of normalizing alone over those of normalizing
# and matching (target >= 0.50), and match at 10,000 terms over match at 10
# (target <= 1.5). The same corpus as build/match-bench, BENCH_MB (5 by
# default) megabytes of it; callgrind dumps its counts before each matcher
# is compiled, so each term count's passes land in their own profile.
#
#   B=build [OLD=other/build] [BENCH_MB=5] sh tests/bench/match-instructions.sh
#
# With OLD, OLD's match-bench is counted too, and B's match instructions at
# each term count are given as a ratio to OLD's from this run; the targets
# are B's.
#
# Exits 1 when a target is missed. "normalize" counts text_tokenize's
# calls from the bench alone, "match" match_doc's (its tokenizing included).
set -u
B=${B:-build}
OLD=${OLD:-}
MB=${BENCH_MB:-5}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/raqib-matchir.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

command -v valgrind >/dev/null || { echo "match-instructions: needs valgrind" >&2; exit 2; }
echo "machine: $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' \
    /proc/cpuinfo | head -1), load $(cut -d' ' -f1 /proc/loadavg)"

# The inclusive instructions of the calls caller -> callee in profile $1.
arc() { # profile, caller, callee
	callgrind_annotate --inclusive=yes --tree=caller --threshold=100 \
	    --auto=no "$1" 2>/dev/null |
	    awk -v caller="$2" -v callee="$3" '
		$0 ~ "\\*  .*:" callee "( |$)" { if (n != "") print n; exit }
		$0 ~ "< .*:" caller " " { n = $1; gsub(",", "", n) }
		$0 ~ "\\*  " { n = "" }'
}

# One build's passes into $tmp/rows-$2 (terms, normalize, match), printed.
count() { # build, name
	rm -f "$tmp"/cg*
	valgrind --tool=callgrind --dump-before=match_compile \
	    --callgrind-out-file="$tmp/cg" "$1/match-bench" "$MB" \
	    >"$tmp/out" 2>"$tmp/vg.err"
	awk 'NF == 5 && $1 ~ /^[0-9]+$/ { print $1, $5 }' "$tmp/out" \
	    >"$tmp/hits"
	echo "$1"
	name=$2
	# Profiles: .2 holds 10 terms' passes, .3 1,000's, the last 10,000's.
	printf '%8s %16s %16s %8s\n' terms "normalize Ir" "match Ir" hits
	set -- "$tmp/cg.2" 10 "$tmp/cg.3" 1000 "$tmp/cg" 10000
	while [ $# -ge 2 ]; do
		norm=$(arc "$1" main text_tokenize)
		match=$(arc "$1" main match_doc)
		hits=$(awk -v t="$2" '$1 == t { print $2 }' "$tmp/hits")
		printf '%8d %16s %16s %8s\n' "$2" "$norm" "$match" "$hits"
		echo "$2 $norm $match" >>"$tmp/rows-$name"
		shift 2
	done
}

count "$B" new
if [ -n "$OLD" ]; then
	count "$OLD" old
	paste -d' ' "$tmp/rows-new" "$tmp/rows-old" | awk -v b="$B" -v o="$OLD" \
	    '{ printf "%s over %s, match at %d terms: %.4fx\n", b, o, $1,
	    $3 / $6 }'
fi
awk 'NR == 1 { m10 = $3 } { n = $2; m = $3 }
    END { printf "normalize alone over match at 10000 terms: %.3f of the " \
	    "instructions (target >= 0.50)\n10000 terms vs 10: %.3fx the " \
	    "instructions (target <= 1.5x)\n", n / m, m / m10
	ok = n / m >= 0.5 && m / m10 <= 1.5
	print ok ? "targets met" : "TARGETS NOT MET"
	exit !ok }' "$tmp/rows-new"
