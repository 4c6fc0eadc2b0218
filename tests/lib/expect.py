#!/usr/bin/python3
"""Compare raqib's alerts with the fixtures' ground truth (tests/fixtures/EXPECTED.tsv).

usage: expect.py EXPECTED.tsv SOURCEMAP ALERTS
  SOURCEMAP: lines "fixture-file<TAB>source-name" (which source serves which file)
  ALERTS:    raqib --dry-run output (topic<TAB>title<TAB>link per line)
Prints the differences; exits 1 when the alerts are not exactly the expected set.
"""
import sys


def expected_pairs(expected_path, served):
    pairs = set()
    with open(expected_path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            fixture, title, topics = line.rstrip("\n").split("\t")
            if fixture.split("/")[-1] not in served:
                continue
            for topic in topics.split(","):
                topic = topic.strip()
                if topic and topic != "-":
                    pairs.add((topic, title))
    return pairs


def main():
    expected_path, sourcemap, alerts_path = sys.argv[1:4]
    with open(sourcemap, encoding="utf-8") as f:
        served = {l.split("\t")[0] for l in f if l.strip()}
    want = expected_pairs(expected_path, served)
    got = []
    with open(alerts_path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2:
                got.append((parts[0], parts[1]))
    rc = 0
    for p in sorted(want - set(got)):
        print("missed:      %s: %s" % p)
        rc = 1
    for p in sorted(set(got) - want):
        print("false alarm: %s: %s" % p)
        rc = 1
    if len(got) != len(set(got)):
        print("duplicate alerts: %d lines, %d distinct" % (len(got), len(set(got))))
        rc = 1
    print("expected %d alerts, got %d" % (len(want), len(got)))
    sys.exit(rc)


main()
