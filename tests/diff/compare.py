#!/usr/bin/python3
"""Differential test: raqib's feed reader against python3-feedparser.

    /usr/bin/python3 tests/diff/compare.py RAQIB CASEDIR [options]

Reads CASEDIR/cases.json (written by tests/diff/gen.py), parses every case
with `RAQIB parse FILE --url URL [--charset X]` and with feedparser (given
the same URL as Content-Location and the charset in Content-Type), and
compares per item title, link, id, published, updated, summary and content,
and per feed the item count, title, link and encoding. feedparser 6.0.10
does not read JSON Feed: JSON cases are compared with a reading of the JSON
Feed spec written here (json_oracle).

Values are compared as a reader sees them: feedparser's HTML reduced to text
(html.parser, entities decoded, block elements a word boundary), white space
folded on both sides as raqib folds it, dates as UTC seconds. A field counts
as compared when either parser found a value. Where both agree on a text
that is the mojibake of the generator's (a U+FFFD, or under half of the
truth's characters past ASCII kept), the field counts as "both mojibake",
not as agreement: both readers are wrong, and a gain over feedparser shows.

A disagreement is
  known    a rule of --known matches it (judged right in raqib's favour);
           where the generator knows what the field means (the case's
           truth), only when raqib's value is that
  pending  a rule of --pending matches it: a raqib bug still open
  failed   anything else.
Writes --results (one line per class: class, status, agreeing, compared,
known, pending, failed, both mojibake; then "total", "crashes", "rules") and prints the
readable report. Exit 0 when nothing failed, no rule of --pending is stale
and raqib neither crashed nor hung.
"""
import argparse
import calendar
import codecs
import concurrent.futures
import fnmatch
import io
import json
import os
import re
import subprocess
import sys
import time
import unicodedata
import warnings
from datetime import datetime
from html.parser import HTMLParser

import feedparser

from fold import fold

ITEM_FIELDS = ("title", "link", "id", "published", "updated", "summary",
               "content")
FEED_FIELDS = ("feed.title", "feed.link", "feed.encoding")
TEXT_FIELDS = {"title", "summary", "content", "feed.title"}
DATE_FIELDS = {"published", "updated"}
MISSING = object()   # a key raqib's output does not have: not compared

class HTMLText(HTMLParser):
    """The text of an HTML fragment: entities decoded, block elements a
    word boundary, script-like elements left out."""

    BLOCK = {"address", "article", "aside", "blockquote", "br", "caption",
             "dd", "details", "div", "dl", "dt", "figcaption", "figure",
             "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
             "hr", "li", "main", "nav", "ol", "option", "p", "pre",
             "section", "table", "td", "th", "tr", "ul"}
    SKIP = {"button", "head", "iframe", "noscript", "object", "script",
            "select", "style", "svg", "template", "textarea", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        elif tag in self.BLOCK:
            self.out.append(" ")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCK:
            self.out.append(" ")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def html_text(s):
    """Plain text of an HTML fragment, folded."""
    p = HTMLText()
    p.feed(s)
    p.close()
    return fold("".join(p.out))


HTML_TYPES = {"text/html", "application/xhtml+xml", "html", "xhtml"}


def detail_text(d):
    """A feedparser text construct ({type, value}) as plain text."""
    if not d:
        return None
    if d.get("type") in HTML_TYPES:
        return html_text(d.get("value") or "")
    return fold(d.get("value"))


def struct_seconds(t):
    """A feedparser *_parsed value (UTC struct_time) as Unix seconds; None
    for a day no calendar has (feedparser reads a database's zero date,
    0000-00-00, as the year -1)."""
    try:
        return calendar.timegm(t) if t else None
    except ValueError:
        return None


def iso_seconds(s):
    """An RFC 3339 date as Unix seconds, None when unreadable (or no
    string at all)."""
    if not s or not isinstance(s, str):
        return None
    try:
        d = datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError:
        return None
    if d.tzinfo is None:
        return None
    return int(d.timestamp())


def encoding_name(name):
    """A charset label as Python names the codec (both sides alike)."""
    if not name:
        return None
    # WHATWG names Python does not know by that name.
    name = {"x-mac-cyrillic": "mac-cyrillic",
            "x-mac-arabic": "mac-arabic"}.get(name.lower(), name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name.lower()


def same_encoding(a, b):
    """Whether two codec names are one encoding; "utf-16" (whatever the
    byte order its BOM gave) is the same as utf-16-le or -be."""
    if a == b:
        return True
    for wide in ("utf-16", "utf-32"):
        if {a, b} & {wide} and ({a, b} - {wide}) <= {wide + "-le",
                                                     wide + "-be"}:
            return True
    return False


# ---------------------------------------------------------------- readers

def content_type(case):
    """The Content-Type an HTTP server would have sent with the case."""
    typ = "application/atom+xml" if case["format"].startswith("atom") \
        else "application/rss+xml"
    if case["charset"]:
        typ += "; charset=" + case["charset"]
    return typ


def feedparser_read(case, data):
    """feedparser's reading of a case, reduced to comparable values."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            r = feedparser.parse(io.BytesIO(data), response_headers={
                "content-location": case["url"],
                "content-type": content_type(case)})
        except (UnicodeError, ValueError):
            # feedparser 6.0 crashes on a surrogate's reference (&#55357;),
            # and on one past U+10FFFF (&#x110000;): it read nothing.
            return {"feed.title": None, "feed.link": None,
                    "feed.encoding": None, "items": []}
    items = []
    for e in r.entries:
        content = dict.get(e, "content") or [None]
        summary = dict.get(e, "summary_detail")
        if summary is None and dict.get(e, "summary") is not None:
            # a summary feedparser copied from the content has no detail
            summary = dict(content[0] or {}, value=dict.get(e, "summary"))
        items.append({
            "title": detail_text(dict.get(e, "title_detail")),
            "link": fold(dict.get(e, "link")),
            "id": fold(dict.get(e, "id")),
            "published": struct_seconds(dict.get(e, "published_parsed")),
            "updated": struct_seconds(dict.get(e, "updated_parsed")),
            "summary": detail_text(summary),
            "content": detail_text(content[0]),
        })
    feed = r.feed
    return {"feed.title": detail_text(dict.get(feed, "title_detail")),
            "feed.link": fold(dict.get(feed, "link")),
            "feed.encoding": encoding_name(r.get("encoding")),
            "items": items}


def json_oracle(case, data):
    """A JSON Feed 1.0 / 1.1 read by its spec (feedparser 6.0.10 has no
    JSON Feed reader): items' url, id, title, summary (else the content,
    as feedparser fills a missing summary in RSS and Atom), content_html
    (else content_text), date_published, date_modified."""
    try:
        # RFC 8259 lets a reader ignore a BOM, which editors write.
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        return {"feed.title": None, "feed.link": None,
                "feed.encoding": None, "items": []}
    items = []
    for j in doc.get("items") or []:
        content = j.get("content_html")
        content = html_text(content) if content is not None \
            else fold(j.get("content_text"))
        items.append({
            "title": fold(j.get("title")), "link": fold(j.get("url")),
            "id": fold(str(j["id"])) if j.get("id") is not None else None,
            "published": iso_seconds(j.get("date_published")),
            "updated": iso_seconds(j.get("date_modified")),
            # As feedparser does for RSS and Atom: a missing summary is the
            # content's.
            "summary": fold(j.get("summary")) or content,
            "content": content,
        })
    return {"feed.title": fold(doc.get("title")),
            "feed.link": fold(doc.get("home_page_url")),
            "feed.encoding": "utf-8", "items": items}


def reference_read(case, data):
    """The reference's reading: feedparser, or the JSON Feed oracle."""
    if case["format"].startswith("json"):
        return json_oracle(case, data)
    return feedparser_read(case, data)


def raqib_value(obj, key, field):
    """One value of raqib's output, MISSING when the output has no key."""
    if key not in obj:
        return MISSING
    v = obj[key]
    if field in DATE_FIELDS:
        return iso_seconds(v)
    if field == "feed.encoding":
        return encoding_name(v)
    return fold(v) if isinstance(v, str) else None


def raqib_run(raqib, casedir, case):
    """Run `raqib parse` on a case: (stdout, stderr, status); status is
    "timeout" when it hung, -N when killed by signal N."""
    cmd = [raqib, "parse", os.path.join(casedir, case["file"]),
           "--url", case["url"]]
    if case["charset"]:
        cmd += ["--charset", case["charset"]]
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=20)
    except subprocess.TimeoutExpired:
        return b"", b"", "timeout"
    return p.stdout, p.stderr, p.returncode


def raqib_read(out):
    """raqib's JSON lines: a {"feed": ...} line (the new format) and one
    line per item, reduced to comparable values."""
    feed, items = {}, []
    for line in out.decode("utf-8", "replace").splitlines():
        obj = json.loads(line)
        if "feed" in obj and isinstance(obj["feed"], dict):
            feed = obj["feed"]
            continue
        items.append({f: raqib_value(obj, f, f) for f in ITEM_FIELDS})
    r = {f: raqib_value(feed, f[5:], f) for f in FEED_FIELDS}
    r["items"] = items
    return r


# ---------------------------------------------------------------- rules

def braces(pattern):
    """A pattern's {a,b,c} alternatives spelt out (one group)."""
    m = re.match(r"(.*)\{([^}]*)\}(.*)$", pattern)
    if not m:
        return [pattern]
    return [m.group(1) + alt + m.group(3) for alt in m.group(2).split(",")]


class Rule:
    """One line of known.tsv or pending.tsv: CLASS[/VARIANT][:FORMAT]
    FIELD REASON; globs, and one {a,b} group of alternatives (a class
    without /VARIANT takes all its variants)."""

    def __init__(self, where, line):
        cls, self.field, self.reason = line.split("\t", 2)
        self.cls, _, self.fmt = cls.partition(":")
        self.fmt = self.fmt or "*"
        self.pats = braces(self.cls)
        self.where = where
        self.used = 0

    def matches(self, case, field):
        """Whether the rule covers a field of a case."""
        full = case["class"] + ("/" + case["variant"] if case["variant"]
                                else "")
        return (any(fnmatch.fnmatchcase(full, p) or
                    fnmatch.fnmatchcase(full, p + "/*") for p in self.pats)
                and fnmatch.fnmatchcase(case["format"], self.fmt) and
                fnmatch.fnmatchcase(field, self.field))


def load_rules(path):
    """The rules of a tab-separated list; # starts a comment line."""
    rules = []
    if not path or not os.path.exists(path):
        return rules
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                rules.append(Rule("%s:%d" % (os.path.basename(path), n),
                                  line))
    return rules


def first_rule(rules, case, field):
    """The first rule that covers a case's field, or None."""
    for r in rules:
        if r.matches(case, field):
            return r
    return None


# ---------------------------------------------------------------- comparing

def usable(v):
    """Whether a value can identify an item."""
    return v not in (None, MISSING, "?")


def align(items, truth):
    """For each truth item, the index of the reader's item that is it:
    matched by link, else id, else title, the rest in order; None if
    absent."""
    taken, out = set(), [None] * len(truth)
    for key in ("link", "id", "title"):
        for ti, t in enumerate(truth):
            if out[ti] is not None or not usable(t.get(key)):
                continue
            for i, it in enumerate(items):
                if i not in taken and it.get(key) == t[key]:
                    out[ti] = i
                    taken.add(i)
                    break
    rest = [i for i in range(len(items)) if i not in taken]
    for ti in range(len(truth)):
        if out[ti] is None and rest:
            out[ti] = rest.pop(0)
    return out


def foreign(s):
    """The characters of a text past ASCII, counted (a bag)."""
    bag = {}
    for c in s:
        if ord(c) > 0x7f:
            bag[c] = bag.get(c, 0) + 1
    return bag


def garbled(field, value, truth):
    """Whether a text both readers agree on is not the text the generator
    wrote but its mojibake: a U+FFFD the truth has not, or fewer than half
    of the truth's characters past ASCII (Cyrillic read as Latin-1,
    KOI8-R as windows-1251, Arabic as windows-1252...). Only for text
    fields whose truth is known."""
    if field not in TEXT_FIELDS or not isinstance(value, str) or \
            not isinstance(truth, str) or truth == "?" or value == truth:
        return False
    if "\ufffd" in value and "\ufffd" not in truth:
        return True
    want, got = foreign(truth), foreign(value)
    letters = sum(n for c, n in want.items()
                  if unicodedata.category(c).startswith("L"))
    if letters < 3:
        return False
    kept = sum(min(n, got.get(c, 0)) for c, n in want.items())
    return kept * 2 < sum(want.values())


def agree(field, a, b):
    """Whether two values of a field agree."""
    if field == "feed.encoding" and a and b:
        return same_encoding(a, b)
    return a == b


class Tally:
    """Counts per class, and the disagreements to show."""

    def __init__(self, known, pending):
        self.known, self.pending = known, pending
        self.classes = {}
        self.shown = []
        self.not_compared = set()
        self.printed = set()    # the fields raqib's output has at all
        self.crashes = []

    def row(self, case):
        """The counters of a case's class."""
        return self.classes.setdefault(case["class"], {
            "agree": 0, "compared": 0, "known": 0, "pending": 0,
            "failed": 0, "mojibake": 0})

    def field(self, case, where, field, ours, ref, truth):
        """Compare one field; classify a disagreement."""
        if ours is MISSING:
            self.not_compared.add(field)
            return
        if ours is None and ref is None:
            return
        row = self.row(case)
        row["compared"] += 1
        if agree(field, ours, ref):
            if garbled(field, ours, truth):
                row["mojibake"] += 1
                self.shown.append(("mojibake", case, where, field, ours,
                                   truth, ""))
            else:
                row["agree"] += 1
            return
        rule = first_rule(self.known, case, field)
        note = ""
        if rule and truth not in ("?", MISSING) and not agree(field, ours,
                                                              truth):
            note = "%s would accept it, but raqib's value is not the " \
                "generator's: %s" % (rule.where, show(field, truth))
            rule = None
        if rule:
            rule.used += 1
            row["known"] += 1
            return
        rule = first_rule(self.pending, case, field)
        if rule:
            rule.used += 1
            row["pending"] += 1
            self.shown.append(("pending", case, where, field, ours, ref,
                               rule.where))
            return
        row["failed"] += 1
        self.shown.append(("failed", case, where, field, ours, ref, note))


def show(field, v):
    """A value for the report: quoted, control characters visible, cut."""
    if v is None:
        return "null"
    if field in DATE_FIELDS:
        return "%s (%d)" % (time.strftime("%Y-%m-%dT%H:%M:%SZ",
                                          time.gmtime(v)), v)
    s = repr(v)
    return s if len(s) <= 90 else s[:87] + "...'"


def compare_case(t, case, ours, ref):
    """Compare raqib's reading of a case with the reference's."""
    truth = case["truth"]
    for f in FEED_FIELDS:
        ov = ours[f] if ours[f] is not MISSING or f not in t.printed \
            else None
        t.field(case, "feed", f, ov, ref[f], truth["feed"].get(f[5:], "?"))
    t.field(case, "feed", "items", len(ours["items"]), len(ref["items"]),
            len(truth["items"]))
    a_ours = align(ours["items"], truth["items"])
    a_ref = align(ref["items"], truth["items"])
    for ti, tr in enumerate(truth["items"]):
        o = ours["items"][a_ours[ti]] if a_ours[ti] is not None else None
        r = ref["items"][a_ref[ti]] if a_ref[ti] is not None else None
        if o is None and r is None:
            continue
        for f in ITEM_FIELDS:
            ov = o[f] if o is not None else \
                None if f in t.printed else MISSING
            rv = r[f] if r is not None else None
            t.field(case, "item %d" % (ti + 1), f, ov, rv, tr.get(f, "?"))


# ---------------------------------------------------------------- report

def percent(a, n):
    """a/n as a percentage string."""
    return "%.1f%%" % (100.0 * a / n) if n else "-"


COUNTS = ("agree", "compared", "known", "pending", "failed", "mojibake")


def class_line(name, status, row):
    """One results line, and its row of the printed table."""
    print("%-28s %5d / %-5d agree (%6s)  known %-4d pending %-4d failed %-3d"
          " both mojibake %d"
          % (name, row["agree"], row["compared"],
             percent(row["agree"], row["compared"]), row["known"],
             row["pending"], row["failed"], row["mojibake"]))
    return "\t".join([name, status] + ["%d" % row[k] for k in COUNTS])


def class_lines(t):
    """The per-class figures and the total, printed and as results."""
    total = {k: 0 for k in COUNTS}
    lines = []
    for cls in sorted(t.classes):
        row = t.classes[cls]
        for k in COUNTS:
            total[k] += row[k]
        status = "fail" if row["failed"] else "todo" if row["pending"] \
            else "pass"
        lines.append(class_line(cls, status, row))
    lines.append(class_line("total", "fail" if total["failed"] else "pass",
                            total))
    if t.not_compared:
        print("not compared (raqib parse does not print them): "
              + ", ".join(sorted(t.not_compared)))
    return lines


def report(t, out, limit):
    """Print the figures, the pending disagreements, stale rules, crashes,
    and last (where a log's tail shows them) the failed disagreements;
    write the results file. True when nothing failed."""
    lines = class_lines(t)
    print_disagreements(t, "mojibake", limit // 5)
    print_disagreements(t, "pending", limit // 5)
    lines += rule_lines(t) + crash_lines(t)
    print_disagreements(t, "failed", limit)
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return all(line.split("\t")[1] != "fail" for line in lines)


def print_groups(kind, rows):
    """How many disagreements of a kind each class, format and field has."""
    groups = {}
    for _, case, _, field, _, _, _ in rows:
        key = "%s:%s %s" % (case["class"], case["format"], field)
        groups[key] = groups.get(key, 0) + 1
    print("\n%s disagreements by class:format field" % kind)
    for key in sorted(groups):
        print("  %-50s %d" % (key, groups[key]))


def print_disagreements(t, kind, limit):
    """The disagreements of a kind (failed, pending; mojibake, where both
    agree and the second value is the generator's): by group, then the
    first limit of them in full."""
    rows = [s for s in t.shown if s[0] == kind]
    if not rows:
        return
    print_groups(kind, rows)
    us, them = ("both:", "generator:") if kind == "mojibake" else \
        ("raqib:", "reference:")
    print("\n%s disagreements (%d): case, where, field, %s %s"
          % (kind, len(rows), us, them))
    for _, case, where, field, ours, ref, note in rows[:limit]:
        print("  %s %s %s\n    %-11s %s\n    %-11s %s%s" % (
            case["name"], where, field, us, show(field, ours), them,
            show(field, ref), "\n    " + note if note else ""))
    if len(rows) > limit:
        print("  ... and %d more" % (len(rows) - limit))


def crash_lines(t):
    """The results line on crashes and hangs, and the report of each."""
    for name, status, err in t.crashes:
        print("raqib %s on %s: %s" % (status, name, err[-300:]))
    return ["crashes\t%s\t%d" % ("fail" if t.crashes else "pass",
                                 len(t.crashes))]


def rule_lines(t):
    """Stale rules: a pending rule nothing matches fails (the bug is
    fixed: delete the line); a known rule nothing matches is reported."""
    stale = []
    for r in t.known + t.pending:
        if r.used == 0 and r.field not in t.not_compared:
            stale.append(r)
            print("%s matches no disagreement: %s\t%s" % (
                r.where, r.cls + (":" + r.fmt if r.fmt != "*" else ""),
                r.field))
    bad = [r for r in stale if r in t.pending]
    return ["rules\t%s\t%d\t%d" % ("fail" if bad else "pass", len(bad),
                                   len(stale) - len(bad))]


def run_raqib_all(raqib, casedir, cases, jobs):
    """raqib parse on every case, jobs at a time: {name: (out, err, rc)}."""
    with concurrent.futures.ThreadPoolExecutor(jobs) as ex:
        futs = {c["name"]: ex.submit(raqib_run, raqib, casedir, c)
                for c in cases}
        return {name: f.result() for name, f in futs.items()}


def read_all(t, runs):
    """raqib's readings by case name; crashes, hangs and unreadable output
    are noted in t, and which item keys the output has at all."""
    ours = {}
    for name, (out, err, rc) in runs.items():
        if rc == "timeout" or rc < 0:
            t.crashes.append((name, "timeout" if rc == "timeout" else
                              "killed by signal %d" % -rc,
                              err.decode("utf-8", "replace")))
            continue
        try:
            ours[name] = raqib_read(out)
        except ValueError as e:
            t.crashes.append((name, "printed invalid JSON", str(e)))
    t.printed = set(f for r in ours.values() for it in r["items"]
                    for f in ITEM_FIELDS if it[f] is not MISSING)
    t.printed |= set(f for r in ours.values() for f in FEED_FIELDS
                     if r[f] is not MISSING)
    return ours


def main():
    """Compare every case (or those --case names); the exit status."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("raqib")
    ap.add_argument("casedir")
    ap.add_argument("--known")
    ap.add_argument("--pending")
    ap.add_argument("--results", default="/dev/null")
    ap.add_argument("--case", help="compare only cases whose name has this")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--show", type=int, default=100,
                    help="failed disagreements shown in full (pending: a "
                    "fifth of it)")
    a = ap.parse_args()
    with open(os.path.join(a.casedir, "cases.json"), encoding="utf-8") as f:
        cases = [c for c in json.load(f) if not a.case or a.case in c["name"]]
    t = Tally(load_rules(a.known), load_rules(a.pending))
    ours = read_all(t, run_raqib_all(a.raqib, a.casedir, cases, a.jobs))
    for case in cases:
        if case["name"] not in ours:
            continue
        with open(os.path.join(a.casedir, case["file"]), "rb") as f:
            data = f.read()
        compare_case(t, case, ours[case["name"]],
                     reference_read(case, data))
    return 0 if report(t, a.results, a.show) else 1


if __name__ == "__main__":
    sys.exit(main())
