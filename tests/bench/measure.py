#!/usr/bin/python3
"""Run a command; print its wall time, CPU time and peak RSS on one line.

usage: measure.py LABEL COMMAND...   ->  LABEL wall=1.23 cpu=0.45 rss_mib=12.3 rc=0
"""
import resource
import subprocess
import sys
import time

label, cmd = sys.argv[1], sys.argv[2:]
t0 = time.monotonic()
rc = subprocess.call(cmd, stdout=subprocess.DEVNULL)
wall = time.monotonic() - t0
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%s wall=%.2f cpu=%.2f rss_mib=%.1f rc=%d"
      % (label, wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0, rc))
