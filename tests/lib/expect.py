#!/usr/bin/python3
"""Compare raqib's alerts with the fixtures' ground truth.

  expect.py alerts EXPECTED.tsv FILES ALERTS
      ALERTS: `raqib --dry-run` output (topic TAB title TAB link per line).
  expect.py notifications EXPECTED.tsv FILES NOTIFICATIONS
      NOTIFICATIONS: tests/lib/bus.sh bus_notifications output; a summary is
      "topic: title", the title possibly shortened with a trailing "…",
      isolated (U+2068 ... U+2069), its < > & as look-alikes (‹ › ＆), or
      "topic, topic: title" for a story that fired several topics.

EXPECTED.tsv (tests/fixtures) holds, per fixture item, the topics a reader of
the text says it should fire. FILES: a comma-separated list of the fixture
file names that were served. Prints every difference; exits 1 on any.
"""
import sys


def expected_pairs(path, served):
    pairs = set()
    with open(path, encoding="utf-8") as f:
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


def read_alerts(path):
    got = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2:
                got.append((parts[0], parts[1]))
    return got


LOOKALIKES = str.maketrans({"<": "\u2039", ">": "\u203a", "&": "\uff06"})


def summary_pairs(summary, want):
    """The expected (topic, title) pairs a possibly shortened summary of one
    or several topics stands for."""
    bare = summary.replace("\u2068", "").replace("\u2069", "")
    cut = bare.endswith("…")
    text = bare[:-1].rstrip() if cut else bare
    topics, _, shown = text.partition(": ")
    titles = {t for _, t in want}
    for title in titles:
        full = " ".join(title.split()).translate(LOOKALIKES)
        if full == shown or (cut and full.startswith(shown)):
            return [(topic, title) for topic in topics.split(", ")]
    return [("?", summary)]


def read_notifications(path, want):
    got = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if len(fields) >= 3:
                got.extend(summary_pairs(fields[2], want))
    return got


def compare(want, got):
    rc = 0
    for p in sorted(want - set(got)):
        print("# missed:      %s: %s" % p)
        rc = 1
    for p in sorted(set(got) - want):
        print("# false alarm: %s: %s" % p)
        rc = 1
    if len(got) != len(set(got)):
        print("# duplicates: %d alerts, %d distinct" % (len(got), len(set(got))))
        rc = 1
    print("# expected %d alerts, got %d" % (len(want), len(got)))
    return rc


def main():
    mode, expected, files, data = sys.argv[1:5]
    want = expected_pairs(expected, set(files.split(",")))
    if mode == "alerts":
        got = read_alerts(data)
    else:
        got = read_notifications(data, want)
    sys.exit(compare(want, got))


main()
