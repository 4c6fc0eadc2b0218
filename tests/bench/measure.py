#!/usr/bin/python3
"""Run a command; print its wall time, CPU time and peak RSS on one line.

usage: measure.py LABEL COMMAND...   ->  LABEL wall=1.23 cpu=0.45 rss_mib=12.3 rc=0

With MEASURE_RUNQ=1 in the environment it adds runq=S: the seconds the
command's process (all its threads) was ready to run but waited for a CPU,
from /proc/PID/task/*/schedstat. On a loaded machine that is where wall time
goes that is neither CPU nor waiting for the network or the disk.

A command still running after 20 minutes is killed (rc=124).
"""
import glob
import os
import resource
import subprocess
import sys
import time

LIMIT = 1200


def runq_seconds(pid, seen):
    """Update seen (thread -> ns waited) from the process's threads."""
    for f in glob.glob("/proc/%d/task/*/schedstat" % pid):
        try:
            seen[f] = int(open(f).read().split()[1])
        except (OSError, IndexError, ValueError):
            pass


def exited(pid):
    """Whether the child is gone or a zombie (its counters final)."""
    try:
        stat = open("/proc/%d/stat" % pid).read()
    except OSError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] in ("Z", "X")


def run_watched(cmd, t0):
    """Run cmd, sampling its run-queue wait every 20 ms; (rc, seconds)."""
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    seen = {}
    while not exited(p.pid):
        runq_seconds(p.pid, seen)
        if time.monotonic() - t0 > LIMIT:
            p.kill()
            p.wait()
            return 124, sum(seen.values()) / 1e9
        time.sleep(0.02)
    runq_seconds(p.pid, seen)
    return p.wait(), sum(seen.values()) / 1e9


label, cmd = sys.argv[1], sys.argv[2:]
t0 = time.monotonic()
runq = None
if os.environ.get("MEASURE_RUNQ") == "1":
    rc, runq = run_watched(cmd, t0)
else:
    try:
        rc = subprocess.call(cmd, stdout=subprocess.DEVNULL, timeout=LIMIT)
    except subprocess.TimeoutExpired:
        rc = 124
wall = time.monotonic() - t0
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
extra = "" if runq is None else " runq=%.2f" % runq
print("%s wall=%.2f cpu=%.3f rss_mib=%.1f rc=%d%s"
      % (label, wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0, rc,
         extra))
