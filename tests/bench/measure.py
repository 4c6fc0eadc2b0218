#!/usr/bin/python3
"""Run a command; print its wall time, CPU time and peak RSS on one line.

usage: measure.py LABEL COMMAND...   ->  LABEL wall=1.23 cpu=0.45 rss_mib=12.3 rc=0

A command still running after 20 minutes is killed (rc=124).
"""
import resource
import subprocess
import sys
import time

label, cmd = sys.argv[1], sys.argv[2:]
t0 = time.monotonic()
try:
    rc = subprocess.call(cmd, stdout=subprocess.DEVNULL, timeout=1200)
except subprocess.TimeoutExpired:
    rc = 124
wall = time.monotonic() - t0
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%s wall=%.2f cpu=%.2f rss_mib=%.1f rc=%d"
      % (label, wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0, rc))
