#!/usr/bin/python3
"""Print fetch-bench.sh's results as a table of ratios taken in one run.

usage: fetch-report.py RESULTS

RESULTS has lines "RUN PHASE key=value...": PHASE floor, first or later
(measure.py's wall, cpu, rss_mib, rc, runq), "RUN PHASE db items= alerts="
(the database after that poll) and "RUN server requests= not_modified=".

"runq s" is the time the command was ready to run but waited for a CPU that
other work held; "io s" is the rest of the wall time beyond CPU and runq:
waiting for the network, the disk or a timer. On a busy machine a first
poll's wall time is mostly runq, which curl's floor, using little CPU,
hardly pays: the ratio then measures the machine's load as much as raqib.

A run named NAME:old:R or NAME:new:R (fetch-bench.sh with OLD: round R of
two builds polling alternately) goes to a table of its own: each build's
min and median CPU over the rounds, per new item on a first poll, and the
new build's over the old's; then the ratio within each round (its two
polls made one after the other, under much the same load), its median and
its min and max over the rounds.
"""
import statistics
import sys

TARGETS = {
    "first": (1.25, 2.0),   # x floor, CPU seconds (1,000 feeds)
    "later": (1.10, 0.2),
}
US_PER_ITEM = 30.0
WARM_RATIO = 1.2
ARCHIVE_RATIO = 1.15    # first poll with the archive over without (issue 17)


def load(path):
    runs = {}
    for line in open(path):
        f = line.split()
        if f[1] == "server":
            key, kv = (f[0], "server"), f[2:]
        elif f[2] == "db":
            key, kv = (f[0], f[1]), f[3:]
        else:
            key, kv = (f[0], f[1]), f[2:]
        d = runs.setdefault(key, {})
        for item in kv:
            k, v = item.split("=")
            d[k] = float(v)
    return runs


def order(runs):
    seen = []
    for run, _ in runs:
        if run not in seen and ":" not in run:
            seen.append(run)
    return seen


def waits(r):
    """The runq and io columns, or dashes without a runq figure."""
    if "runq" not in r:
        return "%7s %7s" % ("-", "-")
    return "%7.2f %7.2f" % (r["runq"], max(0.0, r["wall"] - r["cpu"] -
                                           r["runq"]))


def row(run, phase, r, floor, prev):
    x = "%.2f" % (r["wall"] / floor["wall"]) if floor else "-"
    new = r.get("items", 0) - prev.get("items", 0)
    per = "%.1f" % (r["cpu"] / new * 1e6) if new > 0 else "-"
    alerts = r.get("alerts", 0) - prev.get("alerts", 0)
    bad = "" if r.get("rc", 0) == 0 else "  rc=%d" % r["rc"]
    print("%-8s %-6s %7.2f %7s %7.2f %s %8.1f %7d %7d %9s%s" % (
        run, phase, r["wall"], x, r["cpu"], waits(r), r["rss_mib"], new,
        alerts, per, bad))


def main():
    runs = load(sys.argv[1])
    print("%-8s %-6s %7s %7s %7s %7s %7s %8s %7s %7s %9s" % (
        "run", "poll", "wall s", "x floor", "cpu s", "runq s", "io s",
        "peak MiB", "new", "alerts", "us/new"))
    for run in order(runs):
        floor = runs.get((run, "floor"))
        if floor:
            print("%-8s %-6s %7.2f %7s %7.2f %s %8.1f" % (
                run, "floor", floor["wall"], "1.00", floor["cpu"],
                waits(floor), floor["rss_mib"]))
        prev = {}
        for phase in ("first", "later"):
            if (run, phase) not in runs:
                continue
            row(run, phase, runs[(run, phase)], floor, prev)
            prev = runs[(run, phase)]
        srv = runs.get((run, "server"))
        if srv:
            print("%-8s server: %d requests, %d answered 304" % (
                run, srv["requests"], srv["not_modified"]))
    summary(runs)
    alternated(runs)


def cpu_figure(r, phase):
    """A poll's CPU: per new item (us) on a first poll, else seconds."""
    if phase == "first" and r.get("items"):
        return r["cpu"] / r["items"] * 1e6
    return r["cpu"]


def alternated(runs):
    """Two builds' CPU over rounds polled alternately, and their ratio."""
    got = {}
    for (run, phase), r in runs.items():
        f = run.split(":")
        if len(f) != 3 or phase not in ("first", "later"):
            continue
        got.setdefault((f[0], phase), {}).setdefault(f[1], {})[f[2]] = \
            cpu_figure(r, phase)
    if not got:
        return
    print()
    print("%-12s %-6s %-8s %17s %17s %13s" % (
        "run", "poll", "cpu", "old min / median", "new min / median",
        "new/old min, median"))
    for (run, phase), b in sorted(got.items()):
        if "old" not in b or "new" not in b:
            continue
        o, n = list(b["old"].values()), list(b["new"].values())
        unit = "us/new" if phase == "first" else "s"
        om, on = statistics.median(o), statistics.median(n)
        print("%-12s %-6s %-8s %8.2f / %6.2f %8.2f / %6.2f %6.3f, %6.3f  "
              "(%d rounds)" % (run, phase, unit, min(o), om, min(n), on,
                               min(n) / min(o), on / om, min(len(o), len(n))))
    paired(got)


def paired(got):
    """New over old within each round: median, min and max over rounds."""
    print()
    print("%-12s %-6s %22s %17s  %s" % (
        "run", "poll", "new/old in a round:", "median", "min .. max"))
    for (run, phase), b in sorted(got.items()):
        rounds = sorted(set(b.get("old", {})) & set(b.get("new", {})),
                        key=int)
        x = [b["new"][r] / b["old"][r] for r in rounds if b["old"][r] > 0]
        if not x:
            continue
        print("%-12s %-6s %22s %17.3f  %.3f .. %.3f (%d rounds)" % (
            run, phase, "", statistics.median(x), min(x), max(x), len(x)))


def reread(runs):
    """A later poll that reads every feed again: its cost per known item."""
    floor, later = runs.get(("reread", "floor")), runs.get(("reread", "later"))
    first = runs.get(("reread", "first"))
    if not (floor and later and first and first.get("items")):
        return
    print("reread later poll (no validators, every item known): %.2fx the "
          "floor, %.2f s CPU, %.1f us per known item" % (
              later["wall"] / floor["wall"], later["cpu"],
              later["cpu"] / first["items"] * 1e6))


def summary(runs):
    print()
    for run in ("wire", "distinct", "wire-1h"):
        if (run, "floor") not in runs:
            continue
        floor = runs[(run, "floor")]
        if (run, "first") not in runs:
            continue
        for phase, (tx, tcpu) in TARGETS.items():
            r = runs[(run, phase)]
            print("%s %s poll: %.2fx the floor (target <= %.2f), %.2f s CPU "
                  "(target <= %.1f)" % (run, phase, r["wall"] / floor["wall"],
                                        tx, r["cpu"], tcpu))
        first = runs[(run, "first")]
        if first.get("items"):
            print("%s CPU per new item: %.1f us (target <= %.0f)" % (
                run, first["cpu"] / first["items"] * 1e6, US_PER_ITEM))
    reread(runs)
    w1, w10 = runs.get(("warm1000", "later")), runs.get(("warm10000", "later"))
    if w1 and w10:
        a, b = w1["cpu"] / 1000 * 1e3, w10["cpu"] / 10000 * 1e3
        print("warm poll CPU per feed, one host: %.3f ms at 1,000 feeds, "
              "%.3f ms at 10,000: %.2fx (target <= %.1f)" % (
                  a, b, b / a, WARM_RATIO))
    for load in ("", "-warm"):
        on = runs.get(("archive" + load, "first"))
        off = runs.get(("no-archive" + load, "first"))
        if on and off:
            print("archive%s: first poll of 1,000 feeds %.2fx the wall time "
                  "and %.2fx the CPU without it (target <= %.2f)" % (
                      load, on["wall"] / off["wall"], on["cpu"] / off["cpu"],
                      ARCHIVE_RATIO))


main()
