#!/bin/sh
# raqib match --file on a generated 50 MB file (BENCH_MB) with 10 and with
# 10,000 topics (tests/bench/gen-match-file.py), in one run: CPU time and
# peak memory of each, and their ratios. Target (issue 15): the time at
# 10,000 topics at most 2x that at 10. Exits 1 when missed.
set -eu
B=${B:-build}
MB=${BENCH_MB:-50}
dir="$B/bench-match-file-$MB"
mkdir -p "$dir"
[ -s "$dir/big" ] || /usr/bin/python3 tests/bench/gen-match-file.py "$dir" "$MB"
echo "machine: $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' \
    /proc/cpuinfo | head -1), load $(cut -d' ' -f1 /proc/loadavg)"
for c in t10 t10k; do
	/usr/bin/python3 tests/bench/measure.py "$c" sh -c \
	    "exec \"$B/raqib\" match -c \"$dir/$c.conf\" --file \"$dir/big\" \
	    >/dev/null"
done | awk -v mb="$MB" '
{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[$1, kv[1]] = kv[2] } }
END {
	r = v["t10k", "cpu"] / v["t10", "cpu"]
	printf "%d MB: 10 topics %.2f s CPU, %.1f MiB peak; 10,000 topics " \
	    "%.2f s CPU, %.1f MiB peak\n", mb, v["t10", "cpu"],
	    v["t10", "rss_mib"], v["t10k", "cpu"], v["t10k", "rss_mib"]
	printf "10,000 topics vs 10: %.2fx the CPU time (target <= 2x), " \
	    "%.2fx the peak memory\n", r,
	    v["t10k", "rss_mib"] / v["t10", "rss_mib"]
	ok = r <= 2 && v["t10", "rc"] == 0 && v["t10k", "rc"] == 0
	print ok ? "target met" : "TARGET NOT MET"
	exit !ok
}'
