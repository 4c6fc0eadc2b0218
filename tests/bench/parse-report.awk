# The report of tests/bench/parse.sh for one input: a row per reader
# (seconds, MB/s, items/s, as a ratio to libxml2's streaming floor and to
# sfeed), peak memory, and the targets. Variables: see parse.sh's report().

# One row; the ratio columns are left empty where they mean nothing.
function row(name, s, n, vsfloor, vssfeed) {
	printf "%-30s %7.3f s %7.1f MB/s %9.0f items/s", name, s,
	    bytes / 1048576 / s, n / s
	printf "  %s  %s\n",
	    vsfloor ? sprintf("%5.2fx floor", s / floor) : "           ",
	    vssfeed ? sprintf("%5.2fx sfeed", s / sf) : ""
}

# Whether a ratio meets its target, said with the ratio.
function target(r, max) {
	return sprintf("%s (%.2fx)", r <= max ? "met" : "NOT met", r)
}

BEGIN {
	printf "%s: %.1f MB, %d items (sfeed: %d); CPU seconds, best of %d " \
	    "runs\n", title, bytes / 1048576, items, sfn, runs
	row(flabel, floor, items, 1, 1)
	if (xlabel != "")
		row(xlabel, xs, items, 1, 1)
	row("sfeed", sf, sfn, 1, 0)
	row("raqib parse", ps, items, 1, 1)
	row("raqib parse + normalize", ns, items, 0, 1)
	printf "peak RSS: parse %.1f MB, parse + normalize %.1f MB " \
	    "(%.1f MB before parsing: the input and the program)\n",
	    prss / 1024, nrss / 1024, base / 1024
	printf "the items themselves hold %.1f MB of text; the rest of the " \
	    "growth, %.1f MB, is parser state and allocator slack\n",
	    text / 1024, (prss - base - text) / 1024
	printf "targets: parse <= 1.3x the xmllint floor: %s; parse + " \
	    "normalize <= 3x sfeed: %s\n", target(ps / floor, 1.3),
	    target(ns / sf, 3)
}
