#!/usr/bin/python3
"""Write a deterministic RSS 2.0 feed of about MB megabytes to stdout, made
of the seed-derived fixture texts (tests/fixtures): titles from EXPECTED.tsv,
paragraphs from the article pages' main texts. For `make bench`.

    python3 tests/bench/gen-feed.py [MB [sloppy]]

With "sloppy", the same items, each with a bare & in its title and an HTML
entity (&hellip;) in its description, as strangers' feeds have them: the
reader's recovering path.
"""
import random
import sys
from xml.sax.saxutils import escape

FIX = "tests/fixtures/"
# What a sloppy item adds: a bare & in the title, an HTML entity in the
# description.
SLOPPY_TITLE = " & more"
SLOPPY_DESC = "&hellip;"


def titles():
    with open(FIX + "EXPECTED.tsv", encoding="utf-8") as f:
        return sorted({line.split("\t")[1] for line in f if "\t" in line})


def sentences():
    out = []
    for name in ("a1", "a2", "a3"):
        with open(FIX + "articles/%s.txt" % name, encoding="utf-8") as f:
            out += [s.strip() + "." for s in f.read().split(".") if s.strip()]
    return out


def item(rnd, n, ts, ss, sloppy):
    """One item; sloppy: with a bare & and an HTML entity."""
    title = rnd.choice(ts)
    summary = " ".join(rnd.sample(ss, 2))
    body = "".join("<p>%s</p>\n" % s for s in rnd.sample(ss, rnd.randint(3, 8)))
    return (
        "<item>\n<title>%s</title>\n"
        "<link>https://bench.example.net/%d/%d/</link>\n"
        '<guid isPermaLink="false">https://bench.example.net/?p=%d</guid>\n'
        "<pubDate>%s, %02d Nov 2025 %02d:%02d:00 +0300</pubDate>\n"
        "<dc:creator><![CDATA[قسم التحرير]]></dc:creator>\n"
        "<category><![CDATA[آسيا الوسطى]]></category>\n"
        "<description>%s</description>\n"
        "<content:encoded><![CDATA[%s]]></content:encoded>\n</item>\n"
        % (escape(title) + (SLOPPY_TITLE if sloppy else ""), 2025, n, n,
           ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[n % 7],
           1 + n % 28, n % 24, n % 60,
           escape("<p>%s</p>" % escape(summary)) +
           (SLOPPY_DESC if sloppy else ""), body))


def main():
    mb = float(sys.argv[1]) if len(sys.argv) > 1 else 20
    sloppy = len(sys.argv) > 2 and sys.argv[2] == "sloppy"
    rnd = random.Random(8)
    ts, ss = titles(), sentences()
    out = sys.stdout.buffer
    head = ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n'
            "<title>bench</title>\n<link>https://bench.example.net/</link>\n")
    size = out.write(head.encode())
    n = 0
    # The sloppy feed holds the same items: its additions are not counted.
    extra = len(SLOPPY_TITLE) + len(SLOPPY_DESC) if sloppy else 0
    while size < mb * 1024 * 1024:
        size += out.write(item(rnd, n, ts, ss, sloppy).encode()) - extra
        n += 1
    out.write(b"</channel>\n</rss>\n")


main()
