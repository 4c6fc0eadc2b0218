"""What a reader finds in a page of `raqib report`, read with an HTML parser
(python3's stdlib). Usage: report-page.py PAGE WHAT [WANT...]; exit 0 when
the page holds exactly what is wanted, else 1 with the difference as TAP
comments.

  bars WANT...      the chart's bars, "TOPIC DAY MENTIONS STORIES" each
  topics WANT...    the topic names of the chart, in order
  outlets WANT...   "TOPIC OUTLET STORIES" of the outlets tables
  stories WANT...   "TITLE|OUTLET, OUTLET" in order (outlets in any order)
  sources WANT...   "NAME STATE [HTTP-STATUS]" in order
  dirauto           every piece of untrusted text has dir="auto"
  selfcontained     nothing is loaded: no script, no src, no link, no
                    url(), a strict Content-Security-Policy
"""
import re
import sys
from html.parser import HTMLParser

VOID = {"meta", "link", "br", "img", "input", "hr", "source", "base"}
UNTRUSTED = {"title", "outlet", "topic", "source", "error"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children = []

    def text(self):
        return "".join(c if isinstance(c, str) else c.text()
                       for c in self.children)

    def classes(self):
        return (self.attrs.get("class") or "").split()

    def walk(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.walk()

    def find(self, tag=None, cls=None):
        return [n for n in self.walk() if (tag is None or n.tag == tag)
                and (cls is None or cls in n.classes())]

    def inside(self, tag):
        p = self.parent
        while p is not None and p.tag != tag:
            p = p.parent
        return p is not None


class Tree(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", [], None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def bars(root):
    got = []
    for r in root.find("rect", "bar"):
        t = r.find("title")[0].text()
        m = re.fullmatch(r"(.*), (\d{4}-\d\d-\d\d): (\d+) mentions? in "
                         r"(\d+) stor(?:y|ies)", t)
        got.append(" ".join(m.groups()) if m else "unreadable: " + t)
    return sorted(got)


def topics(root):
    return [t.text() for t in root.find("text", "topic")]


def outlets(root):
    got = []
    for h in root.find("h3"):
        topic = h.find("span", "topic")[0].text()
        table = h.parent.children[h.parent.children.index(h) + 1:]
        table = next((t for t in table if isinstance(t, Node)), None)
        if table is None or table.tag != "table":
            continue
        for row in table.find("tr")[1:]:
            got.append("%s %s %s" % (topic, row.find("span", "outlet")[0]
                                     .text(), row.find("td", "n")[0].text()))
    return sorted(got)


def stories(root):
    got = []
    for li in root.find("li", "story"):
        title = li.find(cls="title")[0].text()
        outs = sorted(o.text() for o in li.find("div", "outlets")[0]
                      .find("span", "outlet"))
        got.append("%s|%s" % (title, ", ".join(outs)))
    return got


def sources(root):
    got = []
    section = [s for s in root.find("section") if s.attrs.get("id") ==
               "sources"][0]
    for row in section.find("tr")[1:]:
        cells = row.find("td")
        state = cells[1].text().split(",")[0]
        status = re.search(r"HTTP (?:status )?(\d+)", cells[4].text())
        got.append(" ".join([cells[0].text(), state] +
                            ([status.group(1)] if status else [])))
    return got


def dirauto(root):
    bad = [n.tag + "." + " ".join(n.classes()) + ": " + n.text()
           for n in root.walk() if set(n.classes()) & UNTRUSTED
           and not n.inside("svg") and n.attrs.get("dir") != "auto"]
    if not root.find(cls="title"):
        bad.append("no title at all")
    return bad


def selfcontained(root, raw):
    bad = []
    for n in root.walk():
        if n.tag in ("script", "link", "iframe", "object", "embed", "img",
                     "image", "use", "base", "form"):
            bad.append("element " + n.tag)
        for k, v in n.attrs.items():
            if k in ("src", "srcset", "xlink:href", "background", "action"):
                bad.append("%s %s=%s" % (n.tag, k, v))
            if k.startswith("on"):
                bad.append("%s %s" % (n.tag, k))
            if k == "href" and not (n.tag == "a" and re.match(
                    r"(https?:|#)", v or "")):
                bad.append("%s href=%s" % (n.tag, v))
    for s in root.find("style"):
        if re.search(r"url\(|@import", s.text()):
            bad.append("style loads: " + s.text())
    # Every URL of the page is a link to follow, none is a resource.
    hrefs = sum(1 for a in root.find("a")
                if re.match(r"https?:", a.attrs.get("href", "")))
    if raw.count("://") != hrefs:
        bad.append("%d URLs, %d of them links" % (raw.count("://"), hrefs))
    csp = [m.attrs.get("content", "") for m in root.find("meta")
           if (m.attrs.get("http-equiv") or "").lower() ==
           "content-security-policy"]
    if not csp or "default-src 'none'" not in csp[0]:
        bad.append("no strict Content-Security-Policy: %r" % csp)
    if not any(m.attrs.get("charset", "").lower() == "utf-8"
               for m in root.find("meta")):
        bad.append("no <meta charset=utf-8>")
    return bad


def main():
    page, what, want = sys.argv[1], sys.argv[2], sys.argv[3:]
    raw = open(page, encoding="utf-8").read()
    tree = Tree()
    tree.feed(raw)
    tree.close()
    root = tree.root
    if what in ("dirauto", "selfcontained"):
        bad = dirauto(root) if what == "dirauto" else \
            selfcontained(root, raw)
        for b in bad:
            print("# " + b)
        return 1 if bad else 0
    got = {"bars": bars, "topics": topics, "outlets": outlets,
           "stories": stories, "sources": sources}[what](root)
    if what in ("bars", "outlets"):
        want = sorted(want)
    if what == "stories":
        want = ["%s|%s" % (w.split("|")[0], ", ".join(sorted(
            w.split("|")[1].split(", ")))) for w in want]
    if got == want:
        return 0
    print("# got:  %r" % got)
    print("# want: %r" % want)
    return 1


sys.exit(main())
