#!/usr/bin/python3
"""Write the differential test's feeds (tests/integration/feedparser.sh).

    /usr/bin/python3 tests/diff/gen.py OUTDIR

Deterministic (fixed seed): base feeds in every format raqib reads (RSS
0.90, 0.91, 0.92, 1.0, 2.0, Atom 0.3, 1.0, JSON Feed 1.0, 1.1) with Arabic,
Russian and English items, then mutated feeds, one class of mutation each
(entities, bare &, control characters, charsets, sparse items, dialects,
what strangers' CMSs write).
Writes OUTDIR/NAME.xml (or .json) and OUTDIR/cases.json, the manifest: per
case its class, variant, format, the HTTP charset to pass (or null), and
the truth, what the generator meant each field to read (null where a
mutation leaves it open). Texts come from tests/fixtures and
tests/diff/texts.tsv.
"""
import base64
import codecs
import json
import os
import random
import re
import sys
from datetime import datetime, timedelta, timezone
from html import escape as html_escape
from html import unescape as html_unescape
from urllib.parse import quote

from fold import fold

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
FIX = os.path.join(TOP, "tests", "fixtures")
SEED = 13
BASE = "https://feeds.example.net/"

NS_DC = "http://purl.org/dc/elements/1.1/"
NS_DCTERMS = "http://purl.org/dc/terms/"
NS_CONTENT = "http://purl.org/rss/1.0/modules/content/"
NS_MEDIA = "http://search.yahoo.com/mrss/"
NS_ATOM = "http://www.w3.org/2005/Atom"
NS_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
NS_ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"

# The HTML named entities a sloppy feed writes for these characters.
HTML_ENT = {
    "\u00e1": "aacute", "\u00e9": "eacute", "\u00a0": "nbsp",
    "\u2026": "hellip", "\u2019": "rsquo", "\u2014": "mdash",
    "\u00ab": "laquo", "\u00bb": "raquo", "\u00e8": "egrave",
    "\u201c": "ldquo", "\u201d": "rdquo", "\u00a9": "copy",
    "\u00fc": "uuml", "\u2013": "ndash", "\u00b0": "deg",
}
# Phrases that carry those characters, added to titles and summaries.
ENT_PHRASES = [
    "caf\u00e9 talks \u2014 day\u00a02\u2026",
    "\u00abC5+1\u00bb summit\u2019s agenda",
    "\u201cAlmaty\u201d \u2013 \u00fcber 40\u00b0 heat",
    "S\u00e1nchez \u00a9 2025, tr\u00e8s bien",
]

# ---------------------------------------------------------------- texts

def load_texts():
    """{lang: {"title": [...], "sentence": [...]}} from the fixtures."""
    t = {}
    with open(os.path.join(HERE, "texts.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or "\t" not in line:
                continue
            lang, kind, text = line.rstrip("\n").split("\t")
            t.setdefault(lang, {"title": [], "sentence": []})[kind].append(
                text)
    ar = {"title": set(), "sentence": []}
    with open(os.path.join(FIX, "EXPECTED.tsv"), encoding="utf-8") as f:
        for line in f:
            title = line.split("\t")[1]
            if "\ufffd" not in title and "\u200f" not in title:
                ar["title"].add(title)
    ar["title"] = sorted(ar["title"])
    for name in ("a1", "a2", "a3"):
        with open(os.path.join(FIX, "articles", name + ".txt"),
                  encoding="utf-8") as f:
            ar["sentence"] += [fold(s) + "." for s in f.read().split(".")
                               if fold(s) and len(fold(s)) > 20]
    t["ar"] = ar
    return t


TEXTS = load_texts()


def encodable(text, codec):
    """Whether text survives a legacy codec."""
    if codec is None:
        return True
    try:
        text.encode(codec)
        return True
    except UnicodeEncodeError:
        return False


def pick(rnd, langs, kind, codec=None, n=1):
    """n texts of one kind in any of langs, encodable in codec."""
    pool = [s for lang in langs for s in TEXTS[lang][kind]
            if encodable(s, codec)]
    return rnd.sample(pool, n) if n > 1 else rnd.choice(pool)


# ---------------------------------------------------------------- model

FEED_TITLES = {
    "ar": "أصداء آسيا الوسطى", "ru": "Новости Центральной Азии",
    "en": "Central Asia Monitor", "pl": "Wiadomości z Azji Środkowej",
    "cs": "Zprávy ze Střední Asie", "fr": "L'Écho d'Asie centrale",
    "de": "Zentralasien-Rundschau", "ko": "중앙아시아 뉴스",
    "ja": "中央アジア通信",
}


# An author and a category in the feed's language.
BYLINES = {"ar": ("قسم التحرير", "آسيا الوسطى"), "ru": ("Редакция", "Политика"),
           "en": ("Staff", "Economy")}


def make_feed(rnd, n, langs, codec=None, items=None):
    """A feed model: title, link, and items with every field set."""
    host = "news%d.example.net" % n
    t0 = datetime(2025, 11, 1, tzinfo=timezone.utc) + timedelta(
        minutes=rnd.randrange(60 * 24 * 20))
    feed = {"title": FEED_TITLES[langs[0]], "link": "https://%s/" % host,
            "lang": langs[0], "items": []}
    for i in range(items or rnd.randint(3, 6)):
        pub = t0 - timedelta(hours=i * 5, minutes=rnd.randrange(60))
        summary = " ".join(pick(rnd, langs, "sentence", codec, 2))
        content = pick(rnd, langs, "sentence", codec, rnd.randint(2, 4))
        feed["items"].append({
            "title": pick(rnd, langs, "title", codec),
            "link": "https://%s/%d/%02d/story-%d.html" % (
                host, pub.year, pub.month, 1000 * n + i),
            "id": "tag:%s,2025:%d" % (host, 1000 * n + i),
            "published": int(pub.timestamp()),
            "updated": int((pub + timedelta(minutes=rnd.randrange(
                1, 300))).timestamp()),
            "summary": summary,
            "content": content,
            "author": BYLINES.get(langs[0], BYLINES["en"])[0],
            "category": BYLINES.get(langs[0], BYLINES["en"])[1],
        })
    return feed


# ---------------------------------------------------------------- wire form

class Wire:
    """How the model is written: escaping, declaration, optional parts."""

    def __init__(self, **kw):
        self.entities = False     # é as &eacute; (HTML entities in XML)
        self.bare_amp = False     # & written as it is
        self.decl = "UTF-8"       # XML declaration's encoding, "": none
        self.cdata_title = False
        self.html_title = False   # titles carry markup (type html)
        self.root_ns = None       # RSS 2.0 root's default namespace
        self.atom_ns = True
        self.xmlns = True         # declare the module prefixes
        self.xhtml = False        # Atom text constructs as type xhtml
        self.base64 = False       # Atom 0.3 content mode="base64"
        self.xml_base = False     # relative links under xml:base
        self.doctype = False
        self.raw_html = False     # description's markup not escaped
        self.tail = ""            # bytes after the root element
        self.date_elems = None    # RSS date elements instead of pubDate:
                                  #   (element, model field) pairs
        self.multi_updated = False
        self.lead = ""            # text before the document (PHP warnings)
        self.xml_decl = True      # write the XML declaration
        self.c1 = None            # windows-1252 punctuation as C1 code
                                  #   points: "ref" (&#146;) or "raw"
        self.amp_links = False    # links' & escaped twice (&amp;amp;)
        self.itunes = None        # RSS summaries only in itunes:summary,
                                  #   under this namespace
        self.date_style = None    # RSS dates in another shape (DATE_STYLES)
        self.json_unix = False    # JSON Feed dates as Unix time numbers
        self.link_href = False    # RSS links written as Atom's: href=""
        self.link_type = "text/html"  # the type of Atom entries' links,
                                  #   None: no link (the id is the page)
        self.cdata_nested = False # a CDATA section inside the description's
        self.guid_link = False    # RSS items' only link a permalink guid,
                                  #   the model's id (a relative path)
        self.rdf_about = False    # RSS 1.0 items' only link their
                                  #   rdf:about (no <link>)
        self.itunes_title = False # RSS titles only in itunes:title
        self.mixed = False        # every second item in the other
                                  #   family's shape (<entry> in RSS)
        self.ncr = None           # non-ASCII text as numeric character
                                  #   references: "dec" (&#1603;), "hex",
                                  #   "pair" (dec, an emoji as its two
                                  #   UTF-16 surrogates, as ASP.NET)
        self.__dict__.update(kw)

    def esc(self, s):
        """Text as element content, the way this wire writes it."""
        if not self.bare_amp:
            s = s.replace("&", "&amp;")
        s = s.replace("<", "&lt;").replace(">", "&gt;")
        if self.entities:
            s = "".join("&%s;" % HTML_ENT[c] if c in HTML_ENT else c
                        for c in s)
        if self.c1:
            s = "".join(self.c1_char(c) for c in s)
        if self.ncr == "pair":
            s = "".join(utf16_refs(c) if ord(c) > 0x7f else c for c in s)
        elif self.ncr:
            form = "&#%d;" if self.ncr == "dec" else "&#x%X;"
            s = "".join(form % ord(c) if ord(c) > 0x7f else c for c in s)
        return s

    def c1_char(self, c):
        """A character windows-1252 has in 0x80-0x9F as that C1 code."""
        try:
            b = c.encode("cp1252")[0]
        except UnicodeEncodeError:
            return c
        if not 0x80 <= b <= 0x9f:
            return c
        return "&#%d;" % b if self.c1 == "ref" else chr(b)

    def attr(self, s):
        """Text as an attribute value."""
        return self.esc(s).replace('"', "&quot;")

    def prolog(self):
        """The XML declaration (and a DOCTYPE when asked)."""
        enc = ' encoding="%s"' % self.decl if self.decl else ""
        decl = '<?xml version="1.0"%s?>\n' % enc if self.xml_decl else ""
        return self.lead + decl

    def ns(self, prefix, uri):
        """An xmlns attribute, unless the feed forgets its prefixes."""
        return ' xmlns:%s="%s"' % (prefix, uri) if self.xmlns else ""


def rfc822(t, rnd):
    """An RSS date in one of the zones feeds use."""
    zone, off = rnd.choice([("+0300", 180), ("GMT", 0), ("-0500", -300),
                            ("+0000", 0), ("EST", -300), ("+0600", 360)])
    d = datetime.fromtimestamp(t, timezone(timedelta(minutes=off)))
    return d.strftime("%a, %d %b %Y %H:%M:%S ") + zone


def rfc822_named(t, rnd):
    """An RSS date whose offset its zone's name follows (PHP's "O T")."""
    zone, off, name = rnd.choice([("+0300", 180, "MSK"), ("+0000", 0, "GMT"),
                                  ("-0500", -300, "EST"),
                                  ("+0200", 120, "EET")])
    d = datetime.fromtimestamp(t, timezone(timedelta(minutes=off)))
    return d.strftime("%a, %d %b %Y %H:%M:%S ") + zone + " " + name


def js_date(t, rnd):
    """A date as JavaScript's Date.toString() prints it (Node.js CMSs)."""
    off, name = rnd.choice([(180, "Moscow Standard Time"),
                            (0, "Coordinated Universal Time"),
                            (-300, "Eastern Standard Time"),
                            (270, "Afghanistan Time")])
    d = datetime.fromtimestamp(t, timezone(timedelta(minutes=off)))
    return d.strftime("%a %b %d %Y %H:%M:%S GMT") + "%s%02d%02d (%s)" % (
        "-" if off < 0 else "+", abs(off) // 60, abs(off) % 60, name)


def unix_time(t, rnd):
    """A date as a script's time() prints it: seconds since 1970."""
    return "%d" % t


def unix_ms(t, rnd):
    """A date as JavaScript's Date.now() prints it: milliseconds."""
    return "%d%03d" % (t, rnd.randrange(1000))


def rfc822_zone_only(t, rnd):
    """An RSS date with only a zone's name, as Gulf, Indian and British
    sites write theirs (Java's "z", PHP's "T")."""
    off, name = rnd.choice([(180, "AST"), (240, "GST"), (330, "IST"),
                            (60, "BST")])
    d = datetime.fromtimestamp(t, timezone(timedelta(minutes=off)))
    return d.strftime("%a, %d %b %Y %H:%M:%S ") + name


def rfc822_12h(t, rnd):
    """An RSS date on a 12-hour clock, as ASP.NET's "tt" and PHP's "A"
    print it."""
    d = datetime.fromtimestamp(t, timezone(timedelta(minutes=180)))
    return d.strftime("%a, %d %b %Y %I:%M:%S %p +0300")


def numeric_date(t, rnd, pattern):
    """A date in digits, with an offset or, in UTC, none."""
    off, zone = rnd.choice([(180, " +0300"), (0, ""), (0, " +0000")])
    d = datetime.fromtimestamp(t, timezone(timedelta(minutes=off)))
    return d.strftime(pattern) + zone


def slashed(t, rnd):
    """Year first with slashes, as .NET and PHP templates print it."""
    return numeric_date(t, rnd, "%Y/%m/%d %H:%M:%S")


def dotted(t, rnd):
    """Day first with dots, as Russian and European CMSs print it."""
    return numeric_date(t, rnd, rnd.choice(["%d.%m.%Y %H:%M:%S",
                                            "%d.%m.%Y, %H:%M:%S"]))


DATE_STYLES = {"offset-name": rfc822_named, "javascript": js_date,
               "unix": unix_time, "unix-ms": unix_ms,
               "zone-name": rfc822_zone_only, "twelve-hour": rfc822_12h}
# Shapes added later, written after every other class (the earlier cases
# keep their bytes).
DATE_SHAPES = {"slashed": slashed, "dotted": dotted}


def rfc3339(t, rnd):
    """An Atom date with an offset or Z, sometimes with fractions."""
    off = rnd.choice([0, 0, 180, 300, -240])
    d = datetime.fromtimestamp(t, timezone(timedelta(minutes=off)))
    s = d.strftime("%Y-%m-%dT%H:%M:%S")
    if rnd.random() < 0.3:
        s += ".%03d" % rnd.randrange(1000)
    if off == 0:
        return s + "Z"
    return s + "%+03d:%02d" % (off // 60, abs(off) % 60)


def html_of(it):
    """The summary and content as the HTML a feed carries."""
    summary = "<p>%s</p>" % html_escape(it["summary"] or "", quote=False)
    content = "".join("<p>%s</p>\n" % html_escape(p, quote=False)
                      for p in it["content"] or ())
    return summary, content


def title_html(it):
    """A title with markup in it, as a feed that puts HTML in titles has."""
    words = it["title"].split(" ", 1)
    return "<b>%s</b> %s" % (html_escape(words[0], quote=False),
                             html_escape(words[-1], quote=False))


def title_of(it, w):
    """An RSS item's title element content."""
    if has(it, "title_twice"):
        return w.esc(it["title_twice"])
    if w.html_title:
        return w.esc(title_html(it))
    if w.cdata_title:
        return "<![CDATA[%s]]>" % it["title"]
    return w.esc(it["title"])


def utf16_refs(c):
    """A character as decimal references to its UTF-16 code units."""
    units = c.encode("utf-16-be")
    return "".join("&#%d;" % int.from_bytes(units[i:i + 2], "big")
                   for i in range(0, len(units), 2))


def link_of(it, w):
    """An item's link as written: relative under xml:base when asked."""
    if has(it, "link_written"):
        return it["link_written"]
    if w.xml_base:
        return it["link"].split("/", 3)[3]
    if w.amp_links:
        return it["link"].replace("&", "&amp;")
    return it["link"]


def has(it, key):
    """Whether a (possibly sparse) item carries a field."""
    return it.get(key) is not None


def rss2_item(it, w, rnd):
    """One RSS 2.0 item."""
    summary, content = html_of(it)
    out = ["<item>"]
    if has(it, "title") and w.itunes_title:
        out.append("<itunes:title>%s</itunes:title>" % w.esc(it["title"]))
    elif has(it, "title"):
        out.append("<title>%s</title>" % title_of(it, w))
    if has(it, "media_title"):
        out.append("<media:title>%s</media:title>" % w.esc(it["media_title"]))
        out.append("<media:group><media:description>%s</media:description>"
                   "</media:group>" % w.esc(it["summary"]))
    if has(it, "link") and w.link_href:
        out.append('<link href="%s"/>' % w.attr(link_of(it, w)))
    elif has(it, "link") and not w.guid_link:
        out.append("<link>%s</link>" % w.esc(link_of(it, w)))
    if has(it, "id") and w.guid_link:
        out.append("<guid>%s</guid>" % w.esc(it["id"]))
    elif has(it, "id"):
        out.append('<guid isPermaLink="false">%s</guid>' % w.esc(it["id"]))
    if has(it, "published"):
        for el, src in w.date_elems or [("pubDate", "published")]:
            fmt = rfc3339 if ":" in el else rfc822
            fmt = {**DATE_STYLES, **DATE_SHAPES, **DATE_LATER}.get(
                w.date_style, fmt)
            out.append("<%s>%s</%s>" % (el, fmt(it[src], rnd), el))
    if has(it, "author"):
        out.append("<dc:creator>%s</dc:creator>" % w.esc(it["author"]))
        out.append("<category>%s</category>" % w.esc(it["category"]))
    if has(it, "summary") and w.itunes:
        out.append("<itunes:summary>%s</itunes:summary>"
                   % w.esc(it["summary"]))
    elif has(it, "summary") and w.cdata_nested:
        words = html_escape(it["summary"], quote=False).split(" ")
        k = len(words) // 3
        out.append("<description><![CDATA[<p>%s <![CDATA[%s]]> %s</p>]]>"
                   "</description>" % (" ".join(words[:k]),
                                       " ".join(words[k:2 * k]),
                                       " ".join(words[2 * k:])))
    elif has(it, "summary") and not has(it, "media_title"):
        desc = summary if w.raw_html else w.esc(summary)
        out.append("<description>%s</description>" % desc)
    if has(it, "content"):
        out.append("<content:encoded><![CDATA[%s]]></content:encoded>"
                   % content)
    out.append("</item>")
    return "\n".join(out)


def rss2(feed, w, rnd):
    """An RSS 2.0 document."""
    ns = ' xmlns="%s"' % w.root_ns if w.root_ns else ""
    head = '%s<rss version="2.0"%s%s%s%s%s>\n<channel>\n' % (
        w.prolog(), ns, w.ns("content", NS_CONTENT),
        w.ns("dc", NS_DC), w.ns("media", NS_MEDIA), w.ns("atom", NS_ATOM))
    if w.date_elems and any(e.startswith("dcterms:")
                            for e, _ in w.date_elems):
        head = head.replace("<rss ", '<rss xmlns:dcterms="%s" ' % NS_DCTERMS,
                            1)
    if w.xml_base:
        head = head.replace("<channel>", '<channel xml:base="%s">'
                            % feed["link"], 1)
    if w.itunes:
        head = head.replace("<rss ", '<rss xmlns:itunes="%s" ' % w.itunes, 1)
    head += "<title>%s</title>\n<link>%s</link>\n" % (
        w.esc(feed["title"]), w.esc(feed["link"]))
    head += "<description>%s</description>\n<language>%s</language>\n" % (
        w.esc(feed["title"]), feed["lang"])
    items = "\n".join(atom_entry(it, w, rnd, False) if w.mixed and i % 2
                      else rss2_item(it, w, rnd)
                      for i, it in enumerate(feed["items"]))
    return head + items + "\n</channel>\n</rss>\n" + w.tail


def rss091_item(it, w):
    """One RSS 0.91/0.92 item: title, link, description."""
    summary, _ = html_of(it)
    out = ["<item>"]
    if has(it, "title"):
        out.append("<title>%s</title>" % title_of(it, w))
    if has(it, "link"):
        out.append("<link>%s</link>" % w.esc(it["link"]))
    if has(it, "summary"):
        out.append("<description>%s</description>" % w.esc(summary))
    out.append("</item>")
    return "\n".join(out)


def rss09x(feed, w, rnd, version):
    """An RSS 0.91 (with Netscape's DOCTYPE when asked) or 0.92 document."""
    doctype = ('<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS '
               '0.91//EN"\n "http://my.netscape.com/publish/formats/'
               'rss-0.91.dtd">\n' if w.doctype else "")
    head = '%s%s<rss version="%s">\n<channel>\n<title>%s</title>\n' \
        '<link>%s</link>\n<description>%s</description>\n' \
        '<language>%s</language>\n' % (
            w.prolog(), doctype, version, w.esc(feed["title"]),
            w.esc(feed["link"]), w.esc(feed["title"]), feed["lang"])
    items = "\n".join(rss091_item(it, w) for it in feed["items"])
    return head + items + "\n</channel>\n</rss>\n" + w.tail


def rdf(feed, w, rnd, ns, rich):
    """RSS 1.0 (rich: with modules) or RSS 0.90: items beside the channel."""
    out = ['%s<rdf:RDF xmlns:rdf="%s" xmlns="%s"%s%s>' % (
        w.prolog(), NS_RDF, ns, w.ns("dc", NS_DC) if rich else "",
        w.ns("content", NS_CONTENT) if rich else "")]
    about = ' rdf:about="%s"' % w.attr(feed["link"]) if rich else ""
    out.append("<channel%s>\n<title>%s</title>\n<link>%s</link>\n"
               "<description>%s</description>" % (
                   about, w.esc(feed["title"]), w.esc(feed["link"]),
                   w.esc(feed["title"])))
    if rich:
        out.append("<items><rdf:Seq>%s</rdf:Seq></items>" % "".join(
            '<rdf:li rdf:resource="%s"/>' % w.attr(it["link"])
            for it in feed["items"] if has(it, "link")))
    out.append("</channel>")
    for it in feed["items"]:
        summary, content = html_of(it)
        about = ' rdf:about="%s"' % w.attr(it["link"]) if rich and has(
            it, "link") else ""
        out.append("<item%s>" % about)
        if has(it, "title"):
            out.append("<title>%s</title>" % title_of(it, w))
        if has(it, "link") and not w.rdf_about:
            out.append("<link>%s</link>" % w.esc(it["link"]))
        if rich and has(it, "summary"):
            out.append("<description>%s</description>" % w.esc(summary))
        if rich and has(it, "published"):
            out.append("<dc:date>%s</dc:date>" % rfc3339(it["published"],
                                                         rnd))
            out.append("<dc:creator>%s</dc:creator>" % w.esc(it["author"]))
        if rich and has(it, "content"):
            out.append("<content:encoded><![CDATA[%s]]></content:encoded>"
                       % content)
        out.append("</item>")
    out.append("</rdf:RDF>\n")
    return "\n".join(out) + w.tail


def atom_text(tag, text, html, w, mode=None):
    """An Atom text construct holding text (html: its markup) as w asks."""
    if w.xhtml:
        return '<%s type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">' \
            '%s</div></%s>' % (tag, w.esc(text) if html is None else html,
                               tag)
    if html is None:
        return "<%s>%s</%s>" % (tag, w.esc(text), tag)
    if w.base64 and tag == "content":
        return '<content type="text/html" mode="base64">%s</content>' % \
            base64.b64encode(html.encode("utf-8")).decode("ascii")
    typ = ' type="text/html" mode="escaped"' if mode else ' type="html"'
    return "<%s%s>%s</%s>" % (tag, typ, w.esc(html), tag)


def atom_title(it, w, old):
    """An entry's title: text, or html when the wire puts markup in it."""
    if has(it, "title_twice"):
        return '<title type="html">%s</title>' % w.esc(it["title_twice"])
    if w.html_title and not w.xhtml:
        return atom_text("title", None, title_html(it), w, old)
    if w.cdata_title:
        return "<title><![CDATA[%s]]></title>" % it["title"]
    return atom_text("title", it["title"], None, w)


def atom_entry(it, w, rnd, old):
    """One Atom 1.0 entry (old: an Atom 0.3 one)."""
    summary, content = html_of(it)
    out = ["<entry>"]
    if has(it, "title"):
        out.append(atom_title(it, w, old))
    if has(it, "link") and w.link_type:
        out.append('<link rel="alternate" type="%s" href="%s"/>'
                   % (w.link_type, w.attr(link_of(it, w))))
    if has(it, "id"):
        out.append("<id>%s</id>" % w.esc(it["id"]))
    if has(it, "published"):
        pub, upd = ("issued", "modified") if old else ("published",
                                                       "updated")
        out.append("<%s>%s</%s>" % (pub, rfc3339(it["published"], rnd), pub))
        if w.multi_updated:
            out.append("<updated>%s</updated>" % rfc3339(it["published"],
                                                          rnd))
        out.append("<%s>%s</%s>" % (upd, rfc3339(it["updated"], rnd), upd))
    if has(it, "author"):
        out.append("<author><name>%s</name></author>" % w.esc(it["author"]))
        if not old:
            out.append('<category term="%s"/>' % w.attr(it["category"]))
    if has(it, "summary"):
        out.append(atom_text("summary", it["summary"], None, w))
    if has(it, "content"):
        out.append(atom_text("content", None, content, w, old))
    out.append("</entry>")
    return "\n".join(out)


def atom(feed, w, rnd, old=False):
    """An Atom 1.0 (old: 0.3) document."""
    if old:
        root = '<feed version="0.3" xmlns="http://purl.org/atom/ns#"'
    else:
        root = "<feed" + (' xmlns="%s"' % NS_ATOM if w.atom_ns else "")
    base = ' xml:base="%s"' % feed["link"] if w.xml_base else ""
    head = '%s%s xml:lang="%s"%s>\n<title>%s</title>\n' \
        '<link rel="alternate" type="text/html" href="%s"/>\n' \
        '<link rel="self" href="%sfeed.atom"/>\n<id>%s</id>\n' % (
            w.prolog(), root, feed["lang"], base, w.esc(feed["title"]),
            w.attr(feed["link"]), w.attr(feed["link"]), w.esc(feed["link"]))
    head += "<%s>2025-11-20T10:00:00Z</%s>\n" % (("modified",) * 2 if old
                                                  else ("updated",) * 2)
    if w.mixed:
        root += ' xmlns:dc="%s" xmlns:content="%s"' % (NS_DC, NS_CONTENT)
    entries = "\n".join(rss2_item(it, w, rnd) if w.mixed and i % 2
                        else atom_entry(it, w, rnd, old)
                        for i, it in enumerate(feed["items"]))
    return head + entries + "\n</feed>\n" + w.tail


def json_feed(feed, w, rnd, version):
    """A JSON Feed 1.0 or 1.1 document."""
    doc = {"version": "https://jsonfeed.org/version/%s" % version,
           "title": feed["title"], "home_page_url": feed["link"],
           "feed_url": feed["link"] + "feed.json", "items": []}
    for it in feed["items"]:
        summary, content = html_of(it)
        j = {}
        for key, name in (("id", "id"), ("link", "url"), ("title", "title"),
                          ("summary", "summary")):
            if has(it, key):
                j[name] = it[key]
        if has(it, "content"):
            j["content_html"] = content
        if has(it, "published") and w.json_unix:
            j["date_published"] = it["published"]
            j["date_modified"] = it["updated"]
        elif has(it, "published"):
            j["date_published"] = rfc3339(it["published"], rnd)
            j["date_modified"] = rfc3339(it["updated"], rnd)
        if has(it, "author"):
            author = {"name": it["author"]}
            if version == "1":
                j["author"] = author
            else:
                j["authors"] = [author]
            j["tags"] = [it["category"]]
        doc["items"].append(j)
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


FORMATS = {
    "rss0.90": lambda f, w, r: rdf(f, w, r,
                                   "http://my.netscape.com/rdf/simple/0.9/",
                                   False),
    "rss0.91": lambda f, w, r: rss09x(f, w, r, "0.91"),
    "rss0.92": lambda f, w, r: rss09x(f, w, r, "0.92"),
    "rss1.0": lambda f, w, r: rdf(f, w, r, "http://purl.org/rss/1.0/", True),
    "rss2.0": lambda f, w, r: rss2(f, w, r),
    "atom0.3": lambda f, w, r: atom(f, w, r, old=True),
    "atom1.0": lambda f, w, r: atom(f, w, r),
    "json1.0": lambda f, w, r: json_feed(f, w, r, "1"),
    "json1.1": lambda f, w, r: json_feed(f, w, r, "1.1"),
}
XML_FORMATS = [f for f in FORMATS if not f.startswith("json")]

# What each format can carry: the truth of a field it cannot is null.
CARRIES = {
    "rss0.90": {"title", "link"},
    "rss0.91": {"title", "link", "summary"},
    "rss0.92": {"title", "link", "summary"},
    "rss1.0": {"title", "link", "id", "published", "updated", "summary",
               "content"},
    "rss2.0": {"title", "link", "id", "published", "summary", "content"},
}
ALL_FIELDS = ("title", "link", "id", "published", "updated", "summary",
              "content")
# dc:date says neither published nor updated: its truth is left open.
OPEN_DATES = {"rss1.0": ("published", "updated")}


# ---------------------------------------------------------------- truth

def truth_item(it, fmt):
    """What an item's fields should read: the model, folded."""
    carries = CARRIES.get(fmt, ALL_FIELDS)
    t = {}
    for key in ALL_FIELDS:
        v = it.get(key) if key in carries else None
        if key == "content" and v is not None:
            v = " ".join(v)
        if key == "id" and fmt == "rss1.0":
            v = it.get("link")
        t[key] = fold(v) if isinstance(v, str) else v
    if has(it, "media_title"):
        t["title"] = fold(it["media_title"])
    for key in OPEN_DATES.get(fmt, ()) if has(it, "published") else ():
        t[key] = "?"
    return t


def truth(feed, fmt, unknown, dates, encoding):
    """The truth of a case; unknown: {id(item): fields left open},
    dates: the truth of published and updated when the wire overrides."""
    items = []
    for it in feed["items"]:
        t = truth_item(it, fmt)
        for key in unknown.get(id(it), ()):
            t[key] = "?"
        for key, src in (dates or {}).items():
            t[key] = src if src in (None, "?") else it.get(src)
        items.append(t)
    return {"feed": {"title": feed["title"], "link": feed["link"],
                     "encoding": encoding}, "items": items}


# ---------------------------------------------------------------- cases

class Gen:
    """Collects the cases: writes each file and its manifest entry."""

    def __init__(self, outdir):
        self.outdir = outdir
        self.rnd = random.Random(SEED)
        self.cases = []
        self.n = 0

    def feed(self, langs, codec=None, items=None):
        """A fresh feed model."""
        self.n += 1
        return make_feed(self.rnd, self.n, langs, codec, items)

    def add(self, cls, variant, fmt, feed, w=None, enc=None, header=None,
            unknown=None, dates=None, codec="utf-8"):
        """Render feed as fmt through w, encode (enc, writing the Python
        codec codec), write, record."""
        w = w or Wire()
        text = FORMATS[fmt](feed, w, self.rnd)
        data = enc(text) if enc else text.encode("utf-8")
        ext = "json" if fmt.startswith("json") else "xml"
        name = "%03d-%s%s-%s" % (len(self.cases), cls,
                                 "-" + variant if variant else "", fmt)
        name = re.sub(r"[^A-Za-z0-9._-]", "_", name)
        with open(os.path.join(self.outdir, name + "." + ext), "wb") as f:
            f.write(data)
        self.cases.append({
            "name": name, "file": name + "." + ext, "class": cls,
            "variant": variant, "format": fmt, "charset": header,
            "url": BASE + name + "." + ext,
            "truth": truth(feed, fmt, unknown or {}, dates,
                           codecs.lookup(codec).name)})

    def write_manifest(self):
        """OUTDIR/cases.json."""
        with open(os.path.join(self.outdir, "cases.json"), "w",
                  encoding="utf-8") as f:
            json.dump(self.cases, f, ensure_ascii=False, indent=0,
                      sort_keys=True)


LANG_SETS = [["ar"], ["ru", "en"], ["en"], ["ar", "en"]]


def base_cases(g):
    """Every format, each with Arabic, Russian and English feeds."""
    for fmt in FORMATS:
        for langs in LANG_SETS:
            g.add("base", "", fmt, g.feed(langs),
                  Wire(doctype=fmt == "rss0.91" and langs == ["en"]))


def add_phrases(g, feed, phrases):
    """Append a phrase to every title and summary of a feed."""
    for it in feed["items"]:
        it["title"] = "%s %s" % (it["title"], g.rnd.choice(phrases))
        it["summary"] = "%s %s" % (g.rnd.choice(phrases), it["summary"])


def entity_cases(g):
    """HTML named entities inside XML (&eacute; &nbsp; &hellip; ...)."""
    for fmt in XML_FORMATS:
        for langs in (["en"], ["ar"]):
            feed = g.feed(langs)
            add_phrases(g, feed, ENT_PHRASES)
            g.add("entity", "", fmt, feed, Wire(entities=True))


def bare_amp_cases(g):
    """A bare & in titles, links and text (?a=1&b=2&c)."""
    for fmt in XML_FORMATS:
        for langs in (["en"], ["ru"]):
            feed = g.feed(langs)
            add_phrases(g, feed, ["Q&A with the minister",
                                  "AT&T & Partners", "R&D: 5 & 6"])
            for i, it in enumerate(feed["items"]):
                it["link"] += "?a=1&b=%d&c" % i
            g.add("bare-amp", "", fmt, feed, Wire(bare_amp=True))


def control_cases(g):
    """A NUL byte, or another C0 control, inside a title."""
    for cls, chars in (("nul", ["\x00"]),
                       ("c0", ["\x01", "\x08", "\x0b", "\x0c", "\x1b",
                               "\x1f"])):
        for fmt in XML_FORMATS:
            feed = g.feed(g.rnd.choice(LANG_SETS), items=5)
            unknown = {}
            for it in feed["items"][1:4:2]:
                words = it["title"].split(" ")
                k = g.rnd.randrange(1, len(words))
                it["title"] = "%s%s %s" % (" ".join(words[:k]),
                                           g.rnd.choice(chars),
                                           " ".join(words[k:]))
                unknown[id(it)] = ("title",)
            g.add(cls, "", fmt, feed, unknown=unknown)


# (label declared, Python codec, BOM, languages of the text)
ENCODINGS = [
    ("windows-1251", "cp1251", b"", ["ru", "en"]),
    ("KOI8-R", "koi8_r", b"", ["ru", "en"]),
    ("ISO-8859-5", "iso8859_5", b"", ["ru", "en"]),
    ("windows-1250", "cp1250", b"", ["pl", "cs"]),
    ("ISO-8859-15", "iso8859_15", b"", ["fr", "de"]),
    ("EUC-KR", "euc_kr", b"", ["ko"]),
    ("Shift_JIS", "shift_jis", b"", ["ja"]),
    ("windows-1256", "cp1256", b"", ["ar"]),
    ("ISO-8859-6", "iso8859_6", b"", ["ar"]),
    ("UTF-16", "utf_16_le", codecs.BOM_UTF16_LE, ["ar", "ru", "en"]),
    ("UTF-16LE", "utf_16_le", b"", ["ar", "ru", "en"]),
    ("UTF-16", "utf_16_be", codecs.BOM_UTF16_BE, ["ru", "ar"]),
    ("UTF-16BE", "utf_16_be", b"", ["ru", "ar"]),
    ("UTF-32", "utf_32_le", codecs.BOM_UTF32_LE, ["ar", "en"]),
]

# Labels other than the canonical name that WHATWG or IANA accept.
LABELS = [
    ("cp1251", 0), ("x-cp1251", 0), ("koi8", 1), ("cskoi8r", 1),
    ("cyrillic", 2), ("iso_8859-5", 2), ("x-cp1250", 3), ("iso885915", 4),
    ("l9", 4), ("ks_c_5601-1987", 5), ("windows-949", 5), ("sjis", 6),
    ("ms_kanji", 6), ("windows-31j", 6), ("x-cp1256", 7), ("arabic", 8),
    ("asmo-708", 8), ("ucs-2", 10), ("unicode", 10), ("utf-16", 10),
]


def codec_of(pycodec, bom):
    """A function encoding a document's text: BOM, then the codec."""
    def enc(text):
        return bom + text.encode(pycodec)
    return enc


def charset_cases(g):
    """Every charset, declared, only in HTTP, not at all, or wrongly."""
    modes = (("decl", "%s", None), ("header", "", "%s"), ("none", "", None),
             ("wrong", "UTF-8", None))
    for label, pycodec, bom, langs in ENCODINGS:
        wide = pycodec.startswith("utf")
        variant = label + ("-bom" if bom else "") if wide else label
        for mode, decl, header in modes:
            if mode == "wrong" and wide and not bom:
                continue
            for fmt in ("rss2.0", "atom1.0"):
                feed = g.feed(langs, None if wide else pycodec)
                w = Wire(decl=decl.replace("%s", label))
                g.add("charset-" + mode, variant, fmt, feed, w,
                      codec_of(pycodec, bom),
                      header % label if header else None, codec=pycodec)
    for label, k in LABELS:
        _, pycodec, bom, langs = ENCODINGS[k]
        wide = pycodec.startswith("utf")
        for mode in ("decl", "header"):
            feed = g.feed(langs, None if wide else pycodec)
            w = Wire(decl=label if mode == "decl" else "")
            g.add("charset-label-" + mode, label, "rss2.0", feed, w,
                  codec_of(pycodec, bom),
                  label if mode == "header" else None, codec=pycodec)


def charset_conflict_cases(g):
    """A legacy encoding the XML declaration names while the HTTP header
    says UTF-8 (a server's default over the file a CMS wrote)."""
    for label, pycodec, bom, langs in ENCODINGS:
        if pycodec.startswith("utf"):
            continue
        feed = g.feed(langs, pycodec)
        g.add("charset-header-utf8", label, "rss2.0", feed,
              Wire(decl=label), codec_of(pycodec, bom), "UTF-8",
              codec=pycodec)


# Legacy encodings a CMS's editors paste from, with the languages they hold.
PASTED = [("windows-1256", "cp1256", ["ar"]),
          ("windows-1251", "cp1251", ["ru"]),
          ("KOI8-R", "koi8_r", ["ru"]),
          ("ISO-8859-5", "iso8859_5", ["ru"])]


def pasted(text, tag, which, pycodec):
    """A UTF-8 document whose items (<tag>) numbered in which are written
    in pycodec: text a CMS's editor pasted from a legacy page."""
    parts = re.split(r"(<%s[ >].*?</%s>)" % (tag, tag), text, flags=re.S)
    out, k = [], 0
    for part in parts:
        legacy = part.startswith("<%s" % tag) and k in which
        k += part.startswith("<%s" % tag)
        out.append(part.encode(pycodec, "xmlcharrefreplace") if legacy
                   else part.encode("utf-8"))
    return b"".join(out)


def charset_pasted_cases(g):
    """A UTF-8 feed with one or two items in a legacy encoding (pasted
    from an old page), declared UTF-8, declared as nothing, or declared in
    that legacy encoding."""
    for label, pycodec, langs in PASTED:
        for fmt, tag in (("rss2.0", "item"), ("atom1.0", "entry")):
            for mode, decl in (("utf8", "UTF-8"), ("none", ""),
                               ("legacy", label)):
                feed = g.feed(langs, pycodec, items=5)
                which = {g.rnd.randrange(5)} if mode != "none" else {0, 3}
                w = Wire(decl=decl)
                text = FORMATS[fmt](feed, w, g.rnd)
                data = pasted(text, tag, which, pycodec)
                g.add("charset-pasted", "%s-%s" % (label, mode), fmt, feed,
                      w, enc=lambda _, d=data: d)


def sparse(it, kind):
    """Strip an item down to what a sparse item of this kind keeps."""
    keep = {"guid-description": ("id", "summary"),
            "content-only": ("content",),
            "media-title": ("link", "id", "summary"),
            "link-only": ("link",)}[kind]
    for key in ALL_FIELDS + ("author", "category"):
        if key not in keep:
            it[key] = None
    if kind == "media-title":
        it["media_title"] = it.pop("title_saved")


def sparse_cases(g):
    """Items with only a guid and a description, only content, a title
    only in media:title, or only a link, beside whole items."""
    plan = {"guid-description": ("rss2.0",),
            "content-only": ("rss2.0", "rss1.0", "atom1.0", "json1.1"),
            "media-title": ("rss2.0",),
            "link-only": ("rss2.0", "rss0.91", "rss1.0", "atom1.0",
                          "json1.0")}
    for kind, fmts in plan.items():
        for fmt in fmts:
            feed = g.feed(g.rnd.choice(LANG_SETS), items=5)
            for it in feed["items"][1:]:
                it["title_saved"] = it["title"]
                sparse(it, kind)
            g.add("sparse", kind, fmt, feed)


RSS_NAMESPACES = [
    ("rss090", "http://my.netscape.com/rdf/simple/0.9/"),
    ("rss10", "http://purl.org/rss/1.0/"),
    ("userland-rss2", "http://backend.userland.com/rss2"),
    ("userland-rss", "http://backend.userland.com/rss"),
    ("harvard", "http://blogs.law.harvard.edu/tech/rss"),
]

# RSS date elements (element, the model's date it carries) and the truth
# of published and updated: a field, "?" (open: dc:date and
# dcterms:created say neither), or None.
DATE_DIALECTS = [
    ([("dcterms:issued", "published")],
     {"published": "published", "updated": None}),
    ([("dcterms:created", "published")], {"published": "?", "updated": None}),
    ([("dcterms:issued", "published"), ("dcterms:modified", "updated")],
     {"published": "published", "updated": "updated"}),
    ([("dc:date", "published")], {"published": "?", "updated": "?"}),
    ([("pubDate", "published"), ("dc:date", "updated")],
     {"published": "published", "updated": "?"}),
]

JUNK = "\n<!-- served by cache in 0.012s -->\n<p>Powered by a CMS</p>\n" \
    "<script>var x = 1 < 2 && 3;</script>\n"


def dialect_cases(g):
    """Namespaces, broken XML, date elements, base64, xml:base, CDATA,
    escaped HTML, xhtml."""
    langs = g.rnd.choice
    for name, ns in RSS_NAMESPACES:
        g.add("dialect-rss-ns", name, "rss2.0", g.feed(langs(LANG_SETS)),
              Wire(root_ns=ns))
    g.add("dialect-atom-no-ns", "", "atom1.0", g.feed(langs(LANG_SETS)),
          Wire(atom_ns=False))
    for fmt in ("rss2.0", "rss1.0"):
        g.add("dialect-undeclared-prefix", "", fmt,
              g.feed(langs(LANG_SETS)), Wire(xmlns=False))
    for fmt in ("rss2.0", "atom1.0", "rss1.0"):
        g.add("dialect-junk-after-root", "", fmt, g.feed(langs(LANG_SETS)),
              Wire(tail=JUNK))
    g.add("dialect-raw-html", "", "rss2.0", g.feed(langs(LANG_SETS)),
          Wire(raw_html=True))
    g.add("dialect-link-href", "", "rss2.0", g.feed(langs(LANG_SETS)),
          Wire(link_href=True))
    unclosed(g)
    for elems, dates in DATE_DIALECTS:
        g.add("dialect-dates", "+".join(e for e, _ in elems), "rss2.0",
              g.feed(langs(LANG_SETS)), Wire(date_elems=elems), dates=dates)
    g.add("dialect-multi-updated", "", "atom1.0", g.feed(langs(LANG_SETS)),
          Wire(multi_updated=True),
          dates={"published": "published", "updated": "?"})
    g.add("dialect-base64", "", "atom0.3", g.feed(langs(LANG_SETS)),
          Wire(base64=True))
    for fmt in ("rss2.0", "atom1.0"):
        g.add("dialect-xml-base", "", fmt, g.feed(langs(LANG_SETS)),
              Wire(xml_base=True))
        g.add("dialect-cdata", "", fmt, g.feed(langs(LANG_SETS)),
              Wire(cdata_title=True))
        g.add("dialect-escaped-html", "", fmt, g.feed(langs(LANG_SETS)),
              Wire(html_title=True))
    for langs_ in (["en"], ["ar"]):
        g.add("dialect-xhtml", "", "atom1.0", g.feed(langs_),
              Wire(xhtml=True))


def unclosed(g):
    """An element left open inside an item, and one closing the feed."""
    for fmt in ("rss2.0", "atom1.0"):
        feed = g.feed(g.rnd.choice(LANG_SETS))
        w = Wire()
        text = FORMATS[fmt](feed, w, g.rnd)
        end = "</item>" if fmt == "rss2.0" else "</entry>"
        k = text.index(end)
        text = text[:k] + "<category>News" + text[k:]
        tail = "</channel>\n</rss>\n" if fmt == "rss2.0" else "</feed>\n"
        text = text[:text.rindex(tail)]
        g.add("dialect-unclosed", "", fmt, feed, w,
              enc=lambda _, t=text: t.encode("utf-8"))


# What a PHP page printed before its feed's template: a warning as
# display_errors shows it on a web server (HTML), or a notice as plain text.
PHP_WARNING = "<br />\n<b>Warning</b>:  Cannot modify header information - " \
    "headers already sent by (output started at /srv/www/site/config.php:1" \
    ") in <b>/srv/www/site/feed.php</b> on line <b>8</b><br />\n"
PHP_NOTICE = "\nNotice: Undefined index: section in /srv/www/site/rss.php " \
    "on line 14\n"

# Punctuation windows-1252 keeps in 0x80-0x9F, which old CMSs wrote as
# numeric references to C1 code points (&#146;) or as those code points.
C1_PHRASES = [
    "the minister\u2019s \u201cfinal\u201d offer \u2013 2026\u2026",
    "\u20ac5bn deal \u2014 \u2018not enough\u2019",
    "\u2022 Almaty \u2013 Tashkent\u2122 \u2020",
]

# Element names a hand-written template spells in other cases.
RSS_NAMES = r"(title|link|description|pubDate|item|guid)"
ATOM_NAMES = r"(title|link|summary|content|published|updated|entry|id)"
RSS091_NAMES = r"(rss|channel|item|title|link|description|language)"


def recase(text, names, how):
    """The document with the elements names matches renamed by how."""
    return re.sub(r"<(/?)%s\b" % names,
                  lambda m: "<%s%s" % (m.group(1), how(m.group(2))), text)


def stranger_cases(g):
    """What strangers' CMSs write: PHP warnings before the XML, element
    names in other cases, windows-1252 punctuation as C1 code points,
    links escaped twice, podcast summaries only in itunes:summary, dates
    in the shapes PHP's "O T" and JavaScript's Date print."""
    langs = g.rnd.choice
    for fmt in ("rss2.0", "atom1.0", "rss1.0"):
        for variant, lead, decl in (("php-warning", PHP_WARNING, True),
                                    ("php-notice", PHP_NOTICE, False)):
            g.add("lead-junk", variant, fmt, g.feed(langs(LANG_SETS)),
                  Wire(lead=lead, xml_decl=decl))
    for variant, fmt, names, how in (
            ("title-case", "rss2.0", RSS_NAMES, lambda n: n[0].upper() +
             n[1:]),
            ("title-case", "atom1.0", ATOM_NAMES, str.capitalize),
            ("upper", "rss0.91", RSS091_NAMES, str.upper)):
        feed, w = g.feed(langs(LANG_SETS)), Wire()
        text = recase(FORMATS[fmt](feed, w, g.rnd), names, how)
        g.add("name-case", variant, fmt, feed, w,
              enc=lambda _, t=text: t.encode("utf-8"))
    for variant in ("ref", "raw"):
        for fmt in ("rss2.0", "atom1.0", "rss0.91"):
            feed = g.feed(["en"])
            add_phrases(g, feed, C1_PHRASES)
            g.add("c1-cp1252", variant, fmt, feed, Wire(c1=variant))
    for fmt in ("rss2.0", "atom1.0"):
        feed = g.feed(langs(LANG_SETS))
        for i, it in enumerate(feed["items"]):
            it["link"] += "?id=%d&lang=%s&amp=1" % (i, feed["lang"])
        g.add("amp-link", "", fmt, feed, Wire(amp_links=True))
    for variant, ns in (("itunes", NS_ITUNES),
                        ("itunes-old", NS_ITUNES.replace("dtds/podcast",
                                                         "DTDs/Podcast"))):
        g.add("podcast", variant, "rss2.0", g.feed(langs(LANG_SETS)),
              Wire(itunes=ns))
    g.add("cdata-nested", "", "rss2.0", g.feed(langs(LANG_SETS)),
          Wire(cdata_nested=True))
    g.add("atom-link", "type-charset", "atom1.0", g.feed(langs(LANG_SETS)),
          Wire(link_type="text/html; charset=UTF-8"))
    feed = g.feed(langs(LANG_SETS))
    for it in feed["items"]:
        it["id"] = it["link"]
    g.add("atom-link", "id-only", "atom1.0", feed, Wire(link_type=None))
    for fmt in ("rss2.0", "atom1.0"):
        feed = g.feed(langs(LANG_SETS))
        for it in feed["items"]:
            # A title's HTML escaped, then escaped again: the markup and
            # the quotes show as written unless read twice.
            first, rest = it["title"].split(" ", 1)
            it["title_twice"] = html_escape('<b>%s</b> "%s"' % (
                html_escape(first, quote=False),
                html_escape(rest, quote=False)))
            it["title"] = '%s "%s"' % (first, rest)
        g.add("title-escaped-twice", "", fmt, feed)
    for fmt in ("rss2.0", "atom1.0", "rss1.0"):
        feed, w = g.feed(langs(LANG_SETS), items=6), Wire()
        halves = [dict(feed, items=feed["items"][:3]),
                  dict(feed, items=feed["items"][3:])]
        text = "".join(FORMATS[fmt](h, w, g.rnd) for h in halves)
        g.add("concatenated", "", fmt, feed, w,
              enc=lambda _, t=text: t.encode("utf-8"))
    feed, w = g.feed(langs(LANG_SETS), items=6), Wire()
    halves = [dict(feed, items=feed["items"][:3]),
              dict(feed, items=feed["items"][3:])]
    text = FORMATS["rss2.0"](halves[0], w, g.rnd) + FORMATS["rss2.0"](
        halves[1], Wire(xml_decl=False), g.rnd)
    g.add("concatenated", "no-declaration", "rss2.0", feed, w,
          enc=lambda _, t=text: t.encode("utf-8"))
    for langs_ in (["ar"], ["en"]):
        feed, w = g.feed(langs_, items=1), Wire()
        text = w.prolog() + atom_entry(feed["items"][0], w, g.rnd, False)
        text = text.replace("<entry>", '<entry xmlns="%s" xml:lang="%s">'
                            % (NS_ATOM, feed["lang"]), 1) + "\n"
        g.add("lone-entry", "", "atom1.0", feed, w,
              enc=lambda _, t=text: t.encode("utf-8"))
    feed = g.feed(langs(LANG_SETS))
    for i, it in enumerate(feed["items"]):
        # The case's URL is BASE + its name: a guid relative to it.
        it["id"] = ("/" if i % 2 else "") + it["link"].split("/", 3)[3]
        it["link"] = BASE + it["id"].lstrip("/")
    g.add("guid-link", "relative", "rss2.0", feed, Wire(guid_link=True))
    g.add("rdf-about", "", "rss1.0", g.feed(langs(LANG_SETS)),
          Wire(rdf_about=True))
    g.add("date-style", "json-unix", "json1.1", g.feed(langs(LANG_SETS)),
          Wire(json_unix=True))
    for style in sorted(DATE_STYLES):
        g.add("date-style", style, "rss2.0", g.feed(langs(LANG_SETS)),
              Wire(date_style=style))


def date_shape_cases(g):
    """RSS dates in digits: year first with slashes, day first with
    dots."""
    for style in sorted(DATE_SHAPES):
        for langs in (["ru", "en"], ["ar"]):
            g.add("date-style", style, "rss2.0", g.feed(langs),
                  Wire(date_style=style))


def shared_id_cases(g):
    """Every item with one guid or Atom id (a template's constant): the
    items are still all read, each with its own link."""
    for fmt in ("rss2.0", "atom1.0"):
        feed = g.feed(g.rnd.choice(LANG_SETS))
        for it in feed["items"]:
            it["id"] = feed["link"]
        g.add("guid-shared", "", fmt, feed)


def link_written_cases(g):
    """Links as hand-edited feeds write them: white space and line breaks
    around the URL, a space in the path, an Arabic or Cyrillic path (an
    IRI); the link meant is the URL percent-encoded."""
    for fmt in ("rss2.0", "atom1.0"):
        for variant, written in (
                ("space-around", lambda u, _: "\n    %s\n  " % u),
                ("space-inside", lambda u, _: u.replace("story-",
                                                         "story ")),
                ("iri", lambda u, word: u.replace("story-", word + "-"))):
            feed = g.feed(g.rnd.choice(LANG_SETS))
            word = {"ar": "\u0623\u062e\u0628\u0627\u0631",
                    "ru": "\u043d\u043e\u0432\u043e\u0441\u0442\u0438",
                    }.get(feed["lang"], "news")
            for it in feed["items"]:
                it["link_written"] = written(it["link"], word)
                it["link"] = quote(it["link_written"].strip(),
                                   safe=":/?&=#%")
            g.add("link-written", variant, fmt, feed)


# Cyrillic encodings added later, written after every other class (the
# earlier cases keep their bytes).
MORE_ENCODINGS = [
    ("KOI8-U", "koi8_u", b"", ["ru", "en"]),
    ("IBM866", "cp866", b"", ["ru", "en"]),
    ("x-mac-cyrillic", "mac_cyrillic", b"", ["ru", "en"]),
]


# Ukrainian phrases, with the letters KOI8-U has and KOI8-R has not.
UK_PHRASES = ["\u0423\u043a\u0440\u0430\u0457\u043d\u0430 \u0456 "
              "\u041a\u0430\u0437\u0430\u0445\u0441\u0442\u0430\u043d",
              "\u0491\u0440\u0443\u043d\u0442 \u0456 \u0457\u0436\u0430",
              "\u0454\u0434\u043d\u0456\u0441\u0442\u044c"]


def more_charset_cases(g):
    """KOI8-U (its Ukrainian letters too), IBM866 (cp866) and Mac
    Cyrillic, declared, only in HTTP, not at all, or wrongly."""
    modes = (("decl", "%s", None), ("header", "", "%s"), ("none", "", None),
             ("wrong", "UTF-8", None))
    for label, pycodec, bom, langs in MORE_ENCODINGS:
        for mode, decl, header in modes:
            feed = g.feed(langs, pycodec)
            if label == "KOI8-U":
                add_phrases(g, feed, UK_PHRASES)
            g.add("charset-" + mode, label, "rss2.0", feed,
                  Wire(decl=decl.replace("%s", label)),
                  codec_of(pycodec, bom),
                  header % label if header else None, codec=pycodec)


# ---------------------------------------------------------------- later
# Classes added later still, written after every other class (the earlier
# cases keep their bytes).

def json_edit(text, edit):
    """A JSON Feed's text with edit(items) applied to its items, written
    back as json_feed writes it."""
    doc = json.loads(text)
    edit(doc["items"])
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


# An emoji a headline ends with, and the half of it JavaScript's
# substring() keeps when it cuts the title there.
EMOJI = "\U0001f4f0"
EMOJI_HALF = "\\ud83d"


def cut_emoji(text):
    """JSON in \\u escapes (ensure_ascii) whose last emoji of each of the
    first two titles lost its low surrogate."""
    out = json.dumps(json.loads(text), ensure_ascii=True, indent=1) + "\n"
    pair = json.dumps(EMOJI)[1:-1]
    return out.replace(pair + '",\n  "summary"', EMOJI_HALF +
                       '",\n  "summary"', 2)


def json_dates(items, rnd):
    """Items' date_published in the shapes hand-written JSON Feeds use:
    a space for the T, no offset (UTC), an RFC 822 date; no
    date_modified."""
    for i, j in enumerate(items):
        j.pop("date_modified", None)
        t = iso_seconds_of(j["date_published"])
        d = datetime.fromtimestamp(t, timezone.utc)
        j["date_published"] = [
            d.astimezone(timezone(timedelta(hours=3))).isoformat(" "),
            d.strftime("%Y-%m-%dT%H:%M:%S"),
            rfc822(t, rnd)][i % 3]


def iso_seconds_of(s):
    """An RFC 3339 date (as rfc3339 writes it) as Unix seconds."""
    return int(datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp())


def json_quirk_cases(g):
    """JSON Feeds as strangers serve them: a UTF-8 BOM; every non-ASCII
    character as a \\u escape, emoji as surrogate pairs, one cut in half;
    only an external_url; dates in other shapes."""
    for fmt in ("json1.0", "json1.1"):
        g.add("json-bom", "", fmt, g.feed(g.rnd.choice(LANG_SETS)),
              enc=lambda t: codecs.BOM_UTF8 + t.encode("utf-8"))
    for variant in ("escaped", "lone-surrogate"):
        feed = g.feed(g.rnd.choice(LANG_SETS), items=4)
        for it in feed["items"]:
            it["title"] += " " + EMOJI
        unknown = {id(it): ("title",) for it in feed["items"][:2]} \
            if variant == "lone-surrogate" else {}
        cut = cut_emoji if unknown else lambda t: json.dumps(
            json.loads(t), ensure_ascii=True, indent=1) + "\n"
        g.add("json-escape", variant, "json1.1", feed, unknown=unknown,
              enc=lambda t, c=cut: c(t).encode("ascii"))

    def external(items):
        for j in items:
            j["external_url"] = j.pop("url")
    g.add("json-fields", "external-url", "json1.1",
          g.feed(g.rnd.choice(LANG_SETS)),
          enc=lambda t: json_edit(t, external).encode("utf-8"))
    rnd = g.rnd
    g.add("json-fields", "date-shapes", "json1.0",
          g.feed(g.rnd.choice(LANG_SETS)), dates={"updated": None},
          enc=lambda t: json_edit(t, lambda i: json_dates(i, rnd)).encode(
              "utf-8"))


# A site's name, which templates write as an entity their DTD defines.
SITE_ORG = "Central Asia"
SITE = SITE_ORG + " Monitor"
DOCTYPE_ENTITIES = '<!DOCTYPE %s [\n<!ENTITY org "%s">\n' \
    '<!ENTITY site "&org; Monitor">\n<!ENTITY copy2 "&#169; &site;">\n]>\n'
# An external entity (XXE): a reader must never read the file or URL.
DOCTYPE_EXTERNAL = '<!DOCTYPE %s [\n' \
    '<!ENTITY ext SYSTEM "file:///etc/hostname">\n' \
    '<!ENTITY net SYSTEM "http://127.0.0.1:9/entity.txt">\n]>\n'


def with_doctype(text, root, doctype):
    """The document with a DOCTYPE before its root element."""
    k = text.index("<" + root)
    return text[:k] + doctype + text[k:]


def doctype_cases(g):
    """A DOCTYPE whose internal subset defines the entities the titles and
    summaries use (&site;, nested, and &copy2;, the copyright line), and
    one that defines external entities (XXE), which read as nothing."""
    for fmt, root in (("rss2.0", "rss"), ("atom1.0", "feed")):
        feed = g.feed(g.rnd.choice(LANG_SETS))
        for it in feed["items"]:
            it["title"] += " | " + SITE
            it["summary"] += " \u00a9 " + SITE
        w = Wire()

        def ents(t, root=root):
            t = t.replace(" | " + SITE, " | &site;").replace(
                " \u00a9 " + SITE, " &copy2;")
            return with_doctype(t, root, DOCTYPE_ENTITIES % (root, SITE_ORG)
                                ).encode("utf-8")
        g.add("doctype-entities", "", fmt, feed, w, enc=ents)
        feed = g.feed(g.rnd.choice(LANG_SETS))

        def external(t, root=root):
            t = re.sub(r"(<title[^>]*>)(.*?)(</title>)",
                       lambda m: m.group(1) + m.group(2) + " &ext;&net;" +
                       m.group(3) if "<entry>" in t[:m.start()] or
                       "<item>" in t[:m.start()] else m.group(0), t)
            return with_doctype(t, root, DOCTYPE_EXTERNAL % root).encode(
                "utf-8")
        g.add("doctype-external", "", fmt, feed, w, enc=external)


def xml_decl_cases(g):
    """XML declarations as strangers write them: version 1.1, single
    quotes, an encoding label in another spelling (utf8, UTF8), blank lines
    or a comment before it, a UTF-8 BOM before a declaration that names a
    legacy encoding, a legacy encoding under a name no table has."""
    d10 = '<?xml version="1.0" encoding="UTF-8"?>'
    edits = (
        ("version-1.1", lambda t: t.replace(d10, '<?xml version="1.1" '
                                            'encoding="UTF-8"?>', 1)),
        ("single-quotes", lambda t: t.replace(d10, "<?xml version='1.0' "
                                              "encoding='utf-8' ?>", 1)),
        ("label-utf8", lambda t: t.replace(d10, '<?xml version="1.0" '
                                           'encoding="utf8"?>', 1)),
        ("label-UTF8", lambda t: t.replace(d10, '<?xml version="1.0" '
                                           'encoding="UTF8"?>', 1)),
        ("blank-lines", lambda t: "\r\n\r\n  " + t),
        ("comment-first", lambda t: "<!-- generated by a CMS in 0.04s -->\n"
         + t),
        ("bom-disagrees", lambda t: "\ufeff" + t.replace(
            d10, '<?xml version="1.0" encoding="windows-1256"?>', 1)))
    for variant, edit in edits:
        for fmt in ("rss2.0", "atom1.0"):
            g.add("xml-decl", variant, fmt, g.feed(g.rnd.choice(LANG_SETS)),
                  enc=lambda t, e=edit: e(t).encode("utf-8"))
    for label in ("windows1256", "win-1256"):
        g.add("xml-decl", "unknown-label", "rss2.0", g.feed(["ar"], "cp1256"),
              Wire(decl=label), enc=lambda t: t.encode("cp1256"),
              codec="cp1256")


def numeric_ref_cases(g):
    """Every non-ASCII character written as a numeric character reference,
    decimal (&#1603;) or hex (&#x643;), as ASP.NET's HtmlEncode and
    PHP's mb_encode_numericentity write Arabic and Cyrillic."""
    for ncr in ("dec", "hex"):
        for fmt in ("rss2.0", "atom1.0", "rss1.0"):
            g.add("numeric-ref", ncr, fmt, g.feed(g.rnd.choice(
                [["ar"], ["ru", "en"], ["ar", "en"]])), Wire(ncr=ncr))


# Links no reader may open: a script, a data: page.
BAD_LINKS = ["javascript:void(0)", " JavaScript:openStory(%d) ",
             "data:text/html;base64,PGgxPmhpPC9oMT4=", "vbscript:msgbox(%d)"]


def link_scheme_cases(g):
    """Items whose <link> is a javascript:, vbscript: or data: URL (a
    template's "read more" button); the page is the permalink guid (RSS)
    or the id (Atom), or there is none."""
    for fmt in ("rss2.0", "atom1.0"):
        feed = g.feed(g.rnd.choice(LANG_SETS))
        for i, it in enumerate(feed["items"]):
            bad = BAD_LINKS[i % len(BAD_LINKS)]
            it["link_written"] = bad % i if "%d" in bad else bad
            it["id"] = it["link"]
        g.add("link-scheme", "", fmt, feed, enc=lambda t: t.replace(
            '<guid isPermaLink="false">', '<guid isPermaLink="true">').encode(
                "utf-8"))


AR_DAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت",
           "الأحد"]
AR_MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو",
             "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]
LEVANT_MONTHS = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران",
                 "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني",
                 "كانون الأول"]


def arabic_date(t, rnd, months=AR_MONTHS, digits=False):
    """An RSS date in Arabic, as an Arabic locale's strftime prints it:
    the weekday, an Arabic comma, the month's Arabic name."""
    d = datetime.fromtimestamp(t, timezone(timedelta(hours=3)))
    s = "%s\u060c %02d %s %d %s +0300" % (
        AR_DAYS[d.weekday()], d.day, months[d.month - 1], d.year,
        d.strftime("%H:%M:%S"))
    if digits:
        s = s.translate({ord(c): 0x660 + int(c) for c in "0123456789"})
    return s


def date_only(t, rnd):
    """An RSS date with no time, the day in UTC: midnight UTC of it."""
    d = datetime.fromtimestamp(t, timezone.utc)
    return d.strftime(rnd.choice(["%a, %d %b %Y", "%d %b %Y"]))


def month_dot(t, rnd):
    """An RSS date whose month's abbreviation ends in a dot."""
    d = datetime.fromtimestamp(t, timezone(timedelta(hours=3)))
    return d.strftime("%a, %d %b. %Y %H:%M:%S +0300")


def twitter(t, rnd):
    """A date as Twitter's API (and bridges that pass it on) print it:
    asctime's order with an offset for the zone."""
    d = datetime.fromtimestamp(t, timezone(timedelta(hours=3)))
    return d.strftime("%a %b %d %H:%M:%S +0300 %Y")


DATE_LATER = {
    "date-only": date_only, "month-dot": month_dot, "twitter": twitter,
    "arabic-months": arabic_date,
    "levant-months": lambda t, rnd: arabic_date(t, rnd, LEVANT_MONTHS),
    "arabic-digits": lambda t, rnd: arabic_date(t, rnd, digits=True),
    "russian-months": lambda t, rnd: russian_date(t, rnd),
    "weekday-dot": lambda t, rnd: weekday_dot(t, rnd),
    "java-zone": lambda t, rnd: java_zone(t, rnd),
    "zone-paren": lambda t, rnd: zone_paren(t, rnd),
    "zone-central-asia": lambda t, rnd: zone_central_asia(t, rnd),
    "zone-iana": lambda t, rnd: zone_iana(t, rnd),
}


def date_later_cases(g):
    """RSS dates with no time (midnight UTC), and in Arabic: month names of
    Egypt and the Gulf or of the Levant, Arabic-Indic digits; a month's
    abbreviation with a dot (Dec.), Twitter's shape."""
    feed = g.feed(g.rnd.choice(LANG_SETS))
    for it in feed["items"]:
        it["published_day"] = it["published"] - it["published"] % 86400
    g.add("date-style", "date-only", "rss2.0", feed,
          Wire(date_style="date-only"), dates={"published": "published_day"})
    for style in ("arabic-months", "levant-months", "arabic-digits"):
        g.add("date-style", style, "rss2.0", g.feed(["ar"]),
              Wire(date_style=style))
    for style in ("month-dot", "twitter"):
        g.add("date-style", style, "rss2.0", g.feed(g.rnd.choice(LANG_SETS)),
              Wire(date_style=style))


def atom_links_cases(g):
    """Atom entries with the links a blog engine writes before the page:
    self, edit, replies, an enclosure; the page's link without rel (the
    default, alternate); content typed text/html as Atom 0.3 typed it."""
    def links(t):
        return re.sub(
            r'<link rel="alternate" type="text/html" href="([^"]*)"/>\n<id>',
            lambda m: '<link rel="self" href="%s.atom"/>\n'
            '<link rel="edit" href="%s?edit=1"/>\n'
            '<link rel="replies" type="text/html" href="%s#comments"/>\n'
            '<link rel="enclosure" type="image/jpeg" href="%s.jpg"/>\n'
            '<link href="%s"/>\n<id>' % ((m.group(1),) * 5), t)
    g.add("atom-links", "rels", "atom1.0", g.feed(g.rnd.choice(LANG_SETS)),
          enc=lambda t: links(t).encode("utf-8"))
    g.add("atom-links", "content-text-html", "atom1.0",
          g.feed(g.rnd.choice(LANG_SETS)), enc=lambda t: t.replace(
              '<content type="html">', '<content type="text/html">').encode(
                  "utf-8"))


def json_pasted(text, feed, which, pycodec):
    """A UTF-8 JSON Feed whose items numbered in which have their title and
    summary written in pycodec (pasted from a legacy page)."""
    values = [it[key] for k, it in enumerate(feed["items"]) if k in which
              for key in ("title", "summary")]
    pattern = "(%s)" % "|".join(re.escape(json.dumps(
        v, ensure_ascii=False)[1:-1]) for v in values)
    parts = re.split(pattern, text)
    return b"".join(p.encode(pycodec) if i % 2 else p.encode("utf-8")
                    for i, p in enumerate(parts))


def json_pasted_cases(g):
    """A UTF-8 JSON Feed with an item's title and summary in windows-1256
    or windows-1251, the legacy encoding named nowhere or only in HTTP."""
    for label, pycodec, langs in (("windows-1256", "cp1256", ["ar"]),
                                  ("windows-1251", "cp1251", ["ru"])):
        for mode, header in (("none", None), ("header", label)):
            feed = g.feed(langs, pycodec, items=5)
            which = {g.rnd.randrange(5)}
            g.add("charset-pasted", "%s-json-%s" % (label, mode), "json1.1",
                  feed, header=header, enc=lambda t, f=feed, k=which,
                  c=pycodec: json_pasted(t, f, k, c))



def podcast_title_cases(g):
    """Podcast episodes titled only in itunes:title (and summed up in
    itunes:summary), under both spellings of Apple's namespace."""
    for variant, ns in (("itunes-title", NS_ITUNES),
                        ("itunes-title-old", NS_ITUNES.replace(
                            "dtds/podcast", "DTDs/Podcast"))):
        g.add("podcast", variant, "rss2.0", g.feed(g.rnd.choice(LANG_SETS)),
              Wire(itunes=ns, itunes_title=True))


# How WordPress's wptexturize and esc_html write punctuation.
WP_REFS = {"&": "&amp;", "\u2019": "&#8217;", "\u2018": "&#8216;",
           "\u201c": "&#8220;", "\u201d": "&#8221;", "\u2013": "&#8211;",
           "\u2014": "&#8212;", "\u2026": "&hellip;", "\u20ac": "&euro;",
           "\u2122": "&#8482;", "\u2022": "&bull;", "\u2020": "&dagger;"}


def wp_escaped(items):
    """Items' titles and summaries HTML-escaped as WordPress writes
    them."""
    for j in items:
        for key in ("title", "summary"):
            j[key] = "".join(WP_REFS.get(c, c) for c in j[key])


def json_entity_cases(g):
    """JSON Feeds whose titles and summaries hold HTML character references
    (WordPress's plugin writes excerpts so, Jekyll's templates titles)."""
    for fmt in ("json1.0", "json1.1"):
        feed = g.feed(["en"])
        add_phrases(g, feed, C1_PHRASES)
        for it in feed["items"]:
            it["summary"] += " [\u2026]"     # an excerpt's [&hellip;]
        g.add("json-entities", "", fmt, feed,
              enc=lambda t: json_edit(t, wp_escaped).encode("utf-8"))


def json_lead_cases(g):
    """A PHP warning (HTML) or notice (plain text) printed before a JSON
    Feed, as before the XML of lead-junk."""
    for variant, lead in (("php-warning", PHP_WARNING),
                          ("php-notice", PHP_NOTICE)):
        for fmt in ("json1.0", "json1.1"):
            g.add("lead-junk", variant, fmt,
                  g.feed(g.rnd.choice(LANG_SETS)),
                  enc=lambda t, lead=lead: (lead + t).encode("utf-8"))


def trailing_commas(text):
    """JSON with a comma after every last member and element, as a
    template's loop writes it."""
    return re.sub(r'(["\d\]}])(\n\s*[}\]])', r"\1,\2", text)


def raw_breaks(text):
    """JSON whose strings hold their line breaks unescaped, and a tab
    after each title's first word, as a template pastes text."""
    text = re.sub(r'("title": "[^" ]*) ', "\\1\t", text)
    return text.replace("\\n", "\n")


def json_syntax_cases(g):
    """JSON Feeds a template wrote by hand: a comma before every } and ],
    line breaks and tabs unescaped inside strings."""
    for variant, edit in (("trailing-comma", trailing_commas),
                          ("raw-breaks", raw_breaks)):
        for fmt in ("json1.0", "json1.1"):
            g.add("json-syntax", variant, fmt,
                  g.feed(g.rnd.choice(LANG_SETS)),
                  enc=lambda t, e=edit: e(t).encode("utf-8"))


def escape_again(text, tag):
    """The document with the text of every <tag> escaped once more."""
    return re.sub(r"(<%s(?: [^>]*)?>)(.*?)(</%s>)" % (tag, tag),
                  lambda m: m.group(1) + m.group(2).replace("&", "&amp;") +
                  m.group(3), text, flags=re.S)


def text_escaped_twice_cases(g):
    """RSS descriptions and Atom html content whose HTML was escaped twice
    (&amp;lt;p&amp;gt;), as titles are in title-escaped-twice."""
    for fmt, tag in (("rss2.0", "description"), ("atom1.0", "content")):
        feed = g.feed(g.rnd.choice(LANG_SETS))
        for it in feed["items"]:
            it["summary"] += " R&D \u2013 Q&A"
            it["content"] = [p + " AT&T \u2013 C&A" for p in it["content"]]
        w = Wire(entities=False)
        g.add("text-escaped-twice", "", fmt, feed, w,
              enc=lambda t, tag=tag: escape_again(t, tag).encode("utf-8"))


def charset_latin_cases(g):
    """Arabic in windows-1256 and Russian in windows-1251 under a Latin
    charset: declared ISO-8859-1 or windows-1252 (a template copied from a
    Western site), or only in HTTP (a server's ISO-8859-1 default); and
    French and German in windows-1252 declared so, which stays Latin."""
    for label, pycodec, langs in (("windows-1256", "cp1256", ["ar"]),
                                  ("windows-1251", "cp1251", ["ru"]),
                                  ("windows-1252", "cp1252", ["fr", "de"])):
        for mode, decl, header in (("decl", "ISO-8859-1", None),
                                   ("decl", "windows-1252", None),
                                   ("header", "", "ISO-8859-1")):
            if pycodec == "cp1252" and mode == "header":
                continue
            g.add("charset-latin", "%s-%s-%s" % (label, mode,
                                                 decl or header),
                  "rss2.0", g.feed(langs, pycodec), Wire(decl=decl),
                  codec_of(pycodec, b""), header, codec=pycodec)


def upper_host(u):
    """A URL with its scheme and host in capitals, as a hand-typed one."""
    scheme, rest = u.split("://", 1)
    host, path = rest.split("/", 1)
    return "%s://%s/%s" % (scheme.upper(), host.upper(), path)


def link_stranger_cases(g):
    """Links strangers write: the host without a scheme (www.host/path),
    one slash after the scheme (https:/host/path), the scheme and host in
    capitals, an escaped <a href="..."> in the link element; the link
    meant is the URL itself (the feed is fetched over https)."""
    for fmt in ("rss2.0", "atom1.0"):
        for variant, written in (
                ("no-scheme", lambda u: u.split("://", 1)[1]),
                ("one-slash", lambda u: u.replace("://", ":/", 1)),
                ("upper-host", upper_host),
                ("anchor", lambda u: '<a href="%s">read more</a>' % u)):
            feed = g.feed(g.rnd.choice(LANG_SETS))
            for it in feed["items"]:
                it["link_written"] = written(it["link"])
            g.add("link-stranger", variant, fmt, feed)


def numeric_pair_cases(g):
    """Text with emoji, every non-ASCII character a decimal reference and
    each emoji its two UTF-16 surrogates' (&#55357;&#56880;), as ASP.NET's
    HtmlEncode and JavaScript write them; the text meant has the emoji."""
    for fmt in ("rss2.0", "atom1.0"):
        feed = g.feed(g.rnd.choice([["ar"], ["ru", "en"]]))
        for i, it in enumerate(feed["items"]):
            it["title"] += " " + chr(0x1F600 + i)
            it["summary"] += " \U0001F30D"
        g.add("numeric-ref-pair", "", fmt, feed, Wire(ncr="pair"))


# An HTML document a CMS printed whole before its feed's template (a
# plugin's error page, a framework's debug page), and a debug page that
# wraps the feed in <pre>: the feed's XML declaration follows the page.
HTML_ERROR_PAGE = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta " \
    "charset=\"utf-8\"><title>Database Error</title></head>\n<body><h1>" \
    "Deprecated</h1><p>Function create_function() is deprecated in " \
    "<b>/srv/www/site/plugins/seo.php</b> on line <b>31</b></p></body>" \
    "</html>\n"
HTML_PRE_HEAD = "<html><head><title>feed</title></head><body><pre>"
HTML_PRE_TAIL = "</pre></body></html>\n"


def html_lead_cases(g):
    """A feed after an HTML page, or inside one's <pre>: the page is junk
    before the feed's XML declaration (and after its root)."""
    for fmt in ("rss2.0", "atom1.0", "rss1.0"):
        g.add("lead-junk", "html-page", fmt,
              g.feed(g.rnd.choice(LANG_SETS)), Wire(lead=HTML_ERROR_PAGE))
    for fmt in ("rss2.0", "atom1.0"):
        g.add("lead-junk", "html-pre", fmt,
              g.feed(g.rnd.choice(LANG_SETS)),
              Wire(lead=HTML_PRE_HEAD, tail=HTML_PRE_TAIL))


def unquote_attrs(text):
    """Attribute values of link, guid and enclosure elements without
    their quotes, as an HTML writer leaves them (href=https://host/x />,
    isPermaLink=false); a value with white space keeps its quotes."""
    def tag(m):
        t = re.sub(r'(\s[\w:]+)="([^"\s<>]*)"', r"\1=\2", m.group(0))
        return re.sub(r"([^\s])/>$", r"\1 />", t)
    return re.sub(r"<(?:link|guid|enclosure)\s[^<>]*>", tag, text)


def attr_unquoted_cases(g):
    """Feeds whose link, guid and enclosure attributes are not quoted:
    the permalink guid, its isPermaLink, and the Atom link are read as
    meant."""
    for fmt in ("rss2.0", "atom1.0"):
        feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
        text = unquote_attrs(FORMATS[fmt](feed, w, g.rnd))
        g.add("attr-unquoted", "", fmt, feed, w,
              enc=lambda _, t=text: t.encode("utf-8"))


RU_MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля",
             "августа", "сентября", "октября", "ноября", "декабря"]


def russian_date(t, rnd):
    """An RSS date in Russian, as a Russian locale's template prints it:
    the month in the genitive, the year's word (г., года) and a comma or
    в before the time."""
    d = datetime.fromtimestamp(t, timezone(timedelta(hours=3)))
    return "%d %s %d %s %s +0300" % (
        d.day, RU_MONTHS[d.month - 1], d.year,
        rnd.choice(["г.,", "года,", "г. в", "года в"]), d.strftime("%H:%M"))


def weekday_dot(t, rnd):
    """An RSS date whose weekday's abbreviation ends in a dot, as a
    locale's strftime abbreviates it (Sat., 06 Dec 2026)."""
    d = datetime.fromtimestamp(t, timezone(timedelta(hours=3)))
    return d.strftime("%a., %d %b %Y %H:%M:%S +0300")


def java_zone(t, rnd):
    """A date as Java's ZonedDateTime.toString() prints it: the offset,
    then the zone's name in brackets (2026-12-06T10:30+03:00[Asia/Riyadh])."""
    d = datetime.fromtimestamp(t, timezone(timedelta(hours=3)))
    return d.strftime("%Y-%m-%dT%H:%M") + "+03:00[Asia/Riyadh]"


def russian_date_cases(g):
    """RSS dates in Russian with the year's word; weekdays with a dot;
    Java's zone after the offset."""
    for style, langs in (("russian-months", ["ru", "en"]),
                         ("weekday-dot", ["en"]), ("java-zone", ["ar"])):
        feed = g.feed(langs)
        for it in feed["items"]:
            it["published"] -= it["published"] % 60
        g.add("date-style", style, "rss2.0", feed, Wire(date_style=style))


def utf8_declared_legacy_cases(g):
    """A UTF-8 file whose XML declaration (or whose HTTP header) still names
    the legacy encoding the site used before it moved to UTF-8."""
    for label, _, langs in PASTED:
        for mode in ("decl", "header"):
            feed = g.feed(langs + ["en"])
            w = Wire(decl=label if mode == "decl" else "")
            g.add("charset-utf8-as-legacy", "%s-%s" % (mode, label), "rss2.0",
                  feed, w, header=label if mode == "header" else None)


def comment_cut_cases(g):
    """A raw-HTML description cut short inside a comment (an excerpt cut
    after "<!-- more"), or after the start of a CDATA section, or holding
    PHP code its template left in: nothing closes them (the items have no
    content:encoded, whose CDATA would), and the items after them are
    whole."""
    cuts = (("comment", "</p></description>", "</p><!-- more </description>"),
            ("cdata", "<description><p>", "<description><![CDATA[<p>"),
            ("php", "</p></description>", "</p><?php the_excerpt(); "
             "</description>"))
    for variant, old, new in cuts:
        for langs in (["ar"], ["ru", "en"]):
            feed, w = g.feed(langs), Wire(raw_html=True)
            for it in feed["items"]:
                # No content:encoded: no later CDATA section's ]]>.
                it["content"] = None
            text = FORMATS["rss2.0"](feed, w, g.rnd).replace(old, new, 1)
            g.add("comment-cut", variant, "rss2.0", feed, w,
                  enc=lambda _, t=text: t.encode("utf-8"))

def json_version_cases(g):
    """JSON Feeds as PHP's json_encode writes them, every / escaped (\\/,
    the version URL's too), and hand-written ones whose version URL says
    http:// for https://."""
    for variant, edit in (
            ("escaped-slashes", lambda t: t.replace("/", "\\/")),
            ("http-version", lambda t: t.replace("https://jsonfeed.org",
                                                 "http://jsonfeed.org"))):
        for fmt in ("json1.0", "json1.1"):
            feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
            text = edit(FORMATS[fmt](feed, w, g.rnd))
            g.add("json-version", variant, fmt, feed, w,
                  enc=lambda _, t=text: t.encode("utf-8"))


def zone_paren(t, rnd):
    """A date whose zone's name is in parentheses after a time with no
    offset (2026-12-06T10:30:00 (AST)), Arabia's or the Gulf's."""
    off, name = rnd.choice([(180, "AST"), (240, "GST"), (180, "MSK")])
    d = datetime.fromtimestamp(t, timezone(timedelta(minutes=off)))
    return d.strftime(rnd.choice(["%Y-%m-%dT%H:%M:%S (",
                                  "%a, %d %b %Y %H:%M:%S ("])) + name + ")"


# Central Asia's zone names; ALMT is +5, Kazakhstan's clocks since 2024.
CENTRAL_ASIA = [(300, "ALMT"), (300, "AQTT"), (300, "UZT"), (300, "TJT"),
                (300, "TMT"), (360, "KGT")]


def zone_central_asia(t, rnd):
    """An RSS date with a Central Asian zone's name (Java's "z")."""
    off, name = rnd.choice(CENTRAL_ASIA)
    d = datetime.fromtimestamp(t, timezone(timedelta(minutes=off)))
    return d.strftime("%a, %d %b %Y %H:%M:%S ") + name


def zone_iana(t, rnd):
    """An RSS date with an IANA zone's name where the offset goes
    (Sat, 06 Dec 2026 10:30:00 Asia/Almaty), zones with no summer time."""
    off, name = rnd.choice([(300, "Asia/Almaty"), (300, "Asia/Tashkent"),
                            (180, "Asia/Riyadh"), (240, "Asia/Dubai"),
                            (180, "Europe/Moscow"), (360, "Asia/Bishkek")])
    d = datetime.fromtimestamp(t, timezone(timedelta(minutes=off)))
    return d.strftime("%a, %d %b %Y %H:%M:%S ") + name


def zone_more_cases(g):
    """Zones named in parentheses, Central Asian names, IANA names."""
    for style, langs in (("zone-paren", ["ar"]),
                         ("zone-central-asia", ["ru", "en"]),
                         ("zone-iana", ["ru", "ar"])):
        feed = g.feed(langs)
        for it in feed["items"]:
            it["published"] -= it["published"] % 60
        g.add("date-style", style, "rss2.0", feed, Wire(date_style=style))


def mixed_dialect_cases(g):
    """A CMS mixing the families: every second item of an RSS 2.0 channel
    written as an Atom <entry>, of an Atom feed as an RSS <item>; each
    reads as its own family's fields."""
    for fmt, other in (("rss2.0", "atom1.0"), ("atom1.0", "rss2.0")):
        for langs in (["ar"], ["ru", "en"]):
            feed = g.feed(langs)
            g.add("dialect-mixed", "", fmt, feed, Wire(mixed=True))
            items = g.cases[-1]["truth"]["items"]
            for i, it in enumerate(feed["items"]):
                if i % 2:
                    items[i] = truth_item(it, other)


AR_MERIDIEM = ("\u0635", "\u0645")     # ص and م: AM and PM in Arabic


def time_first_ru(t, rnd):
    """The time before the date, as Russian sites print it (10:30, 6
    декабря 2026), the clock in UTC (no zone)."""
    d = datetime.fromtimestamp(t, timezone.utc)
    return "%s, %d %s %d" % (d.strftime("%H:%M"), d.day,
                             RU_MONTHS[d.month - 1], d.year)


def time_first_digits(t, rnd):
    """The time before a date in digits (14:05 06.12.2026), an offset
    after it or, in UTC, none."""
    off, zone = rnd.choice([(180, " +0300"), (0, "")])
    d = datetime.fromtimestamp(t, timezone(timedelta(minutes=off)))
    return d.strftime("%H:%M %d.%m.%Y") + zone


def time_first_ar(t, rnd):
    """The time on a 12-hour clock before the date, as Arabic sites print
    it (10:30 ص 6 ديسمبر 2026), in UTC."""
    d = datetime.fromtimestamp(t, timezone.utc)
    return "%s %s %d %s %d" % (d.strftime("%I:%M"),
                               AR_MERIDIEM[d.hour >= 12], d.day,
                               AR_MONTHS[d.month - 1], d.year)


DATE_LATER.update({"time-first-ru": time_first_ru,
                   "time-first-digits": time_first_digits,
                   "time-first-ar": time_first_ar})


def time_first_cases(g):
    """RSS dates whose time comes before the day: Russian, in digits,
    Arabic with ص or م."""
    for style, langs in (("time-first-ru", ["ru", "en"]),
                         ("time-first-digits", ["ru"]),
                         ("time-first-ar", ["ar"])):
        feed = g.feed(langs)
        for it in feed["items"]:
            it["published"] -= it["published"] % 60
        g.add("date-style", style, "rss2.0", feed, Wire(date_style=style))


FR_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin",
             "juillet", "août", "septembre", "octobre", "novembre",
             "décembre"]
TR_MONTHS = ["Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz",
             "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık"]
KK_MONTHS = ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым",
             "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан"]
UZ_MONTHS = ["yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul",
             "avgust", "sentabr", "oktabr", "noyabr", "dekabr"]
AP_MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July",
             "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]


def local_months(months, sep):
    """An RSS date with another language's month name (6 décembre 2026,
    6 Aralık 2026, 6 желтоқсан 2026, Uzbek's 6-dekabr 2026), the time and
    offset after it."""
    def fmt(t, rnd):
        d = datetime.fromtimestamp(t, timezone(timedelta(minutes=180)))
        return "%d%s%s %d %s +0300" % (d.day, sep, months[d.month - 1],
                                      d.year, d.strftime("%H:%M:%S"))
    return fmt


def ap_meridiem(t, rnd):
    """AP's style: Dec. 6, 2026, 10:30 a.m. GMT."""
    d = datetime.fromtimestamp(t, timezone.utc)
    return "%s %d, %d, %d:%02d %s GMT" % (
        AP_MONTHS[d.month - 1], d.day, d.year, (d.hour + 11) % 12 + 1,
        d.minute, "p.m." if d.hour >= 12 else "a.m.")


DATE_LATER.update({"fr-months": local_months(FR_MONTHS, " "),
                   "tr-months": local_months(TR_MONTHS, " "),
                   "kk-months": local_months(KK_MONTHS, " "),
                   "uz-months": local_months(UZ_MONTHS, "-"),
                   "ap-meridiem": ap_meridiem})


def local_month_cases(g):
    """RSS dates with French, Turkish, Kazakh or Uzbek month names, and
    AP's a.m. and p.m."""
    for style in ("fr-months", "tr-months", "kk-months", "uz-months",
                  "ap-meridiem"):
        feed = g.feed(g.rnd.choice(LANG_SETS))
        for it in feed["items"]:
            it["published"] -= it["published"] % 60
        g.add("date-style", style, "rss2.0", feed, Wire(date_style=style))


def rdf_bare_cases(g):
    """RSS 0.90 and 1.0 whose root is a bare <RDF>, as hand-written feeds
    have it: in no namespace at all, or in the RSS namespace (the items'
    rdf:about and rdf:Seq keep an undeclared prefix)."""
    for fmt in ("rss0.90", "rss1.0"):
        for variant in ("no-ns", "rss-ns"):
            feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
            text = FORMATS[fmt](feed, w, g.rnd)
            text = text.replace('<rdf:RDF xmlns:rdf="%s" ' % NS_RDF, "<RDF ",
                                1).replace("</rdf:RDF>", "</RDF>")
            if variant == "no-ns":
                text = re.sub(r'<RDF xmlns="[^"]*"', "<RDF", text, 1)
            g.add("rdf-bare", variant, fmt, feed, w,
                  enc=lambda _, t=text: t.encode("utf-8"))


def enclosure_rss(it, w, rnd, keep):
    """A podcast's RSS item: the fields keep names, then its file."""
    out = ["<item>"]
    if "title" in keep:
        out.append("<title>%s</title>" % w.esc(it["title"]))
    if "summary" in keep:
        out.append("<description>%s</description>" % w.esc(it["summary"]))
    out.append('<enclosure url="%s" length="%d" type="audio/mpeg"/>'
               % (w.attr(it["link"]), 1000 + rnd.randrange(9000)))
    out.append("</item>")
    return "\n".join(out)


def enclosure_cases(g):
    """Podcast-style items with no page: a title, a description or nothing
    but an enclosure (RSS), or an Atom entry with a tag: id and only a
    rel="enclosure" link. The file is what the item links."""
    for variant, keep in (("title", ("title",)),
                          ("title-summary", ("title", "summary")),
                          ("only", ())):
        feed, w = g.feed(g.rnd.choice(LANG_SETS), items=4), Wire()
        for it in feed["items"]:
            it["link"] = it["link"].replace(".html", ".mp3")
            for key in ALL_FIELDS + ("author", "category"):
                if key != "link" and key not in keep:
                    it[key] = None
        items = "\n".join(enclosure_rss(it, w, g.rnd, keep)
                          for it in feed["items"])
        text = FORMATS["rss2.0"](dict(feed, items=[]), w, g.rnd).replace(
            "</channel>", items + "\n</channel>", 1)
        g.add("enclosure", variant, "rss2.0", feed, w,
              enc=lambda _, t=text: t.encode("utf-8"))
    feed, w = g.feed(g.rnd.choice(LANG_SETS), items=4), Wire()
    for it in feed["items"]:
        it["link"] = it["link"].replace(".html", ".mp3")
    text = FORMATS["atom1.0"](feed, w, g.rnd).replace(
        '<link rel="alternate" type="text/html" href="https://news',
        '<link rel="enclosure" type="audio/mpeg" href="https://news')
    g.add("enclosure", "atom", "atom1.0", feed, w,
          enc=lambda _, t=text: t.encode("utf-8"))


def guid_empty_cases(g):
    """RSS items whose guid is empty (<guid></guid>, <guid/>, white space),
    as a template whose guid field was never filled writes it."""
    for variant, empty in (("element", '<guid isPermaLink="false"></guid>'),
                           ("self-closed", "<guid/>"),
                           ("space", "<guid> </guid>")):
        feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
        text = FORMATS["rss2.0"](feed, w, g.rnd)
        text = re.sub(r'<guid isPermaLink="false">[^<]*</guid>', empty, text)
        for it in feed["items"]:
            it["id"] = None
        g.add("guid-empty", variant, "rss2.0", feed, w,
              enc=lambda _, t=text: t.encode("utf-8"))


def channel_early_cases(g):
    """An RSS channel closed before its items (</channel> after the
    channel's own fields): the items are the root's children."""
    for langs in (["ar"], ["ru", "en"]):
        feed, w = g.feed(langs), Wire()
        text = FORMATS["rss2.0"](feed, w, g.rnd)
        text = text.replace("\n</channel>\n</rss>", "\n</rss>").replace(
            "<item>", "</channel>\n<item>", 1)
        g.add("dialect-channel-early", "", "rss2.0", feed, w,
              enc=lambda _, t=text: t.encode("utf-8"))


def item_base_cases(g):
    """xml:base on each RSS item or Atom entry (a planet of several sites,
    each item's links relative to its own site), beside the feed's."""
    for fmt in ("rss2.0", "atom1.0"):
        feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
        for i, it in enumerate(feed["items"]):
            it["link"] = "https://site%d.example.org/%s" % (
                i, it["link"].split("/", 3)[3])
        text = FORMATS[fmt](feed, w, g.rnd)
        for it in feed["items"]:
            site, path = it["link"].rsplit("/", 3)[0], it["link"]
            rel = path[len(site) + 1:]
            tag = "<item>" if fmt == "rss2.0" else "<entry>"
            text = text.replace(
                tag + "\n", tag[:-1] + ' xml:base="%s/">\n' % site, 1)
            text = text.replace(">%s<" % path, ">%s<" % rel, 1).replace(
                'href="%s"' % path, 'href="%s"' % rel, 1)
        g.add("item-base", "", fmt, feed, w,
              enc=lambda _, t=text: t.encode("utf-8"))


def bom_decl_cases(g):
    """A byte order mark that disagrees with the declaration: a UTF-8 BOM
    before encoding="UTF-16" (an editor saved it as UTF-8), UTF-8 bytes
    declared UTF-16, a UTF-16 BOM before encoding="UTF-8", a big-endian
    BOM before encoding="UTF-16LE". The bytes are what they are."""
    d10 = '<?xml version="1.0" encoding="UTF-8"?>'
    d16 = '<?xml version="1.0" encoding="%s"?>'
    plan = (("bom8-decl16", "utf-8", codecs.BOM_UTF8, "UTF-16"),
            ("nobom-decl16", "utf-8", b"", "UTF-16"),
            ("bom16-decl8", "utf_16_le", codecs.BOM_UTF16_LE, "UTF-8"),
            ("bom16be-decl16le", "utf_16_be", codecs.BOM_UTF16_BE,
             "UTF-16LE"))
    for variant, pycodec, bom, label in plan:
        for fmt in ("rss2.0", "atom1.0"):
            feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
            text = FORMATS[fmt](feed, w, g.rnd).replace(d10, d16 % label, 1)
            g.add("bom-decl", variant, fmt, feed, w,
                  enc=lambda _, t=text, c=pycodec, b=bom: b + t.encode(c),
                  codec=pycodec)


# A Cyrillic encoding written under another's name: (bytes, label, where).
CROSSED = [("koi8_r", "windows-1251", "decl"), ("cp1251", "KOI8-R", "decl"),
           ("cp1251", "ISO-8859-5", "decl"), ("cp866", "windows-1251", "decl"),
           ("koi8_r", "windows-1251", "header"),
           ("cp1251", "KOI8-R", "header")]


def charset_crossed_cases(g):
    """Russian text in one Cyrillic encoding named as another, in the XML
    declaration or only in HTTP (a template or a server kept from the
    site's previous CMS): KOI8-R as windows-1251 and back, windows-1251 as
    ISO-8859-5, IBM866 as windows-1251."""
    for pycodec, label, where in CROSSED:
        feed = g.feed(["ru", "en"], pycodec)
        w = Wire(decl=label if where == "decl" else "")
        g.add("charset-crossed", "%s-as-%s-%s" % (pycodec, label, where),
              "rss2.0", feed, w, codec_of(pycodec, b""),
              label if where == "header" else None, codec=pycodec)


def dc_only_cases(g):
    """RSS 2.0 items written in Dublin Core only: dc:title, dc:description,
    dc:date, dc:creator, as a CMS's RDF template moved to RSS 2.0 keeps
    them (dc:date says neither published nor updated)."""
    for langs in (["ar"], ["ru", "en"]):
        feed, w = g.feed(langs), Wire()
        text = FORMATS["rss2.0"](feed, w, g.rnd)
        for it in feed["items"]:
            it["content"] = None
        text = re.sub(r"<content:encoded>.*?</content:encoded>\n", "", text,
                      flags=re.S)
        text = re.sub(r"<item>\n<title>(.*?)</title>",
                      r"<item>\n<dc:title>\1</dc:title>", text)
        text = re.sub(r"(</dc:title>.*?)<description>(.*?)</description>",
                      r"\1<dc:description>\2</dc:description>", text,
                      flags=re.S)
        dates = iter(it["published"] for it in feed["items"])
        text = re.sub(r"<pubDate>.*?</pubDate>",
                      lambda m: "<dc:date>%s</dc:date>" % rfc3339(
                          next(dates), g.rnd), text)
        g.add("dc-only", "", "rss2.0", feed, w,
              enc=lambda _, t=text: t.encode("utf-8"),
              dates={"published": "?", "updated": "?"})


def link_self_cases(g):
    """RSS items carrying an atom:link beside their <link>: rel="self"
    (the feed's own URL, a template's slip) before it, or an alternate
    one to the same page after it."""
    for variant in ("self-first", "alternate-after"):
        feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
        text = FORMATS["rss2.0"](feed, w, g.rnd)
        for it in feed["items"]:
            link = "<link>%s</link>" % w.esc(it["link"])
            extra = ('<atom:link rel="self" type="application/rss+xml" '
                     'href="%sfeed/"/>' % feed["link"]
                     if variant == "self-first" else
                     '<atom:link rel="alternate" href="%s"/>'
                     % w.attr(it["link"]))
            both = extra + "\n" + link if variant == "self-first" \
                else link + "\n" + extra
            text = text.replace(link, both, 1)
        g.add("link-self", variant, "rss2.0", feed, w,
              enc=lambda _, t=text: t.encode("utf-8"))


# ---------------------------------------------------------------- strangers
# Shapes strangers' feeds take that the classes above leave out, written
# after every other class (the earlier cases keep their bytes).

def truncated_cases(g):
    """A body cut short inside an item (a download cut off, a template
    that died): in a title's text, in a description's, or between two of
    the item's fields. The items before the cut are whole; the one cut is
    not an item yet (the next poll reads it whole)."""
    cuts = {"rss2.0": (("in-title", "<title>", 12),
                       ("in-summary", "<description>", 30),
                       ("between-fields", "<guid", 0)),
            "atom1.0": (("in-title", "<title>", 12),
                        ("in-summary", "<summary>", 30),
                        ("between-fields", "<id>", 0))}
    for fmt in ("rss2.0", "atom1.0"):
        for variant, mark, into in cuts[fmt]:
            feed, w = g.feed(g.rnd.choice(LANG_SETS), items=5), Wire()
            text = FORMATS[fmt](feed, w, g.rnd)
            tag = "<item>" if fmt == "rss2.0" else "<entry>"
            k = text.index(mark, text.rindex(tag))
            k += len(mark) + into if into else 0
            feed["items"] = feed["items"][:-1]
            g.add("truncated", variant, fmt, feed, w,
                  enc=lambda _, t=text[:k]: t.encode("utf-8"))


def link_two_cases(g):
    """RSS items with two <link> elements: an empty one first (a template's
    field left blank, then the page), white space first, the page twice.
    The page is the link."""
    firsts = (("empty-first", "<link></link>\n"),
              ("self-closed-first", "<link/>\n"),
              ("space-first", "<link>\n  </link>\n"),
              ("twice", None))
    for variant, first in firsts:
        feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
        text = FORMATS["rss2.0"](feed, w, g.rnd)
        for it in feed["items"]:
            link = "<link>%s</link>" % w.esc(it["link"])
            text = text.replace(link, (first + link) if first else
                                link + "\n" + link, 1)
        g.add("link-two", variant, "rss2.0", feed, w,
              enc=lambda _, t=text: t.encode("utf-8"))


# A title that holds CDATA's end marker, as code in a tech blog's title does.
CDATA_PHRASE = "why a[b[0]]>0 fails"


def cdata_split(s, at):
    """Text as CDATA sections split at a point (a CMS that writes a field
    in several pieces), any ]]> inside escaped as ]]]]><![CDATA[>."""
    parts = [s[:at], s[at:]] if 0 < at < len(s) else [s]
    return "".join("<![CDATA[%s]]>" % p.replace("]]>", "]]]]><![CDATA[>")
                   for p in parts)


def cdata_split_cases(g):
    """Fields in CDATA sections written in pieces: a title in two sections
    holding ]]> escaped across them, a title of text then a section, a
    description split inside its markup, a link and a guid in sections
    with white space around the URL."""
    for fmt in ("rss2.0", "atom1.0"):
        feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
        for it in feed["items"]:
            it["title"] += " " + CDATA_PHRASE
        text = FORMATS[fmt](feed, w, g.rnd)
        for i, it in enumerate(feed["items"]):
            title = w.esc(it["title"])
            words = it["title"].split(" ")
            if i % 2:
                new = cdata_split(it["title"], len(it["title"]) // 2)
            else:
                new = "%s %s" % (w.esc(words[0]),
                                 cdata_split(" ".join(words[1:]), 0))
            text = text.replace(">%s</title>" % title, ">%s</title>" % new,
                                1)
        if fmt == "rss2.0":
            def desc(m):
                raw = m.group(1).replace("&lt;", "<").replace(
                    "&gt;", ">").replace("&amp;", "&")
                return "<description>%s</description>" % cdata_split(
                    raw, raw.index(" ") + 1)
            text = re.sub(r"<description>(&lt;p&gt;.*?)</description>", desc,
                          text, flags=re.S)
            text = re.sub(r"<link>(https://[^<]*)</link>",
                          r"<link><![CDATA[ \1 ]]></link>", text)
            text = re.sub(r'(<guid isPermaLink="false">)([^<]*)</guid>',
                          r"\1<![CDATA[\2]]></guid>", text)
        g.add("cdata-split", "", fmt, feed, w,
              enc=lambda _, t=text: t.encode("utf-8"))


IANA_REL = "http://www.iana.org/assignments/relation/"


def atom_rel_cases(g):
    """Atom entries whose page link is written as RFC 4287 allows but
    blog engines rarely do: rel as the IANA registry's IRI, related and
    via links before it, an alternate of another type (JSON) before the
    HTML one, or no link at all and the page as the content's src."""
    alt = r'<link rel="alternate" type="text/html" href="([^"]*)"/>'
    edits = (
        ("iana-iri", lambda m: '<link rel="%salternate" href="%s"/>'
         % (IANA_REL, m.group(1))),
        ("related-first", lambda m: '<link rel="related" href='
         '"https://related.example.org/x"/>\n<link rel="via" href='
         '"https://via.example.org/y"/>\n' + m.group(0)),
        ("json-first", lambda m: '<link rel="alternate" type='
         '"application/json" href="%s.json"/>\n%s' % (m.group(1),
                                                       m.group(0))))
    for variant, edit in edits:
        g.add("atom-rel", variant, "atom1.0", g.feed(g.rnd.choice(LANG_SETS)),
              enc=lambda t, e=edit: re.sub(alt, e, t).encode("utf-8"))
    feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
    for it in feed["items"]:
        it["content"] = None
    text = FORMATS["atom1.0"](feed, w, g.rnd)
    text = re.sub(r'<link rel="alternate" type="text/html" href="(https://'
                  r'news[^"]*)"/>\n(.*?)</entry>',
                  r'\2<content type="text/html" src="\1"/>\n</entry>', text,
                  flags=re.S)
    g.add("atom-rel", "content-src", "atom1.0", feed, w,
          enc=lambda _, t=text: t.encode("utf-8"))


ATOM_SOURCE = '<source>\n<id>https://origin%d.example.org/</id>\n' \
    '<title>Origin blog %d</title>\n<link rel="alternate" type="text/html" ' \
    'href="https://origin%d.example.org/"/>\n<link rel="self" href=' \
    '"https://origin%d.example.org/feed.atom"/>\n' \
    '<updated>2025-01-01T00:00:00Z</updated>\n</source>\n'


def atom_source_cases(g):
    """A planet's Atom entries, each with an atom:source naming the feed
    it came from (its own id, title, link and date), before or after the
    entry's own fields: the entry's are the item's."""
    for variant in ("source-first", "source-last"):
        feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
        text = FORMATS["atom1.0"](feed, w, g.rnd)
        parts = text.split("<entry>\n")
        for i in range(1, len(parts)):
            src = ATOM_SOURCE % ((i,) * 4)
            parts[i] = src + parts[i] if variant == "source-first" else \
                parts[i].replace("</entry>", src + "</entry>", 1)
        g.add("atom-source", variant, "atom1.0", feed, w,
              enc=lambda _, t="<entry>\n".join(parts): t.encode("utf-8"))


def youtube_entry(it, rnd, vid):
    """A YouTube channel feed's entry: the video's page, its description
    only in media:group."""
    return "\n".join([
        "<entry>", "<id>yt:video:%s</id>" % vid,
        "<yt:videoId>%s</yt:videoId>" % vid,
        "<yt:channelId>UCa1b2c3d4e5f6g7h8i9j0kL</yt:channelId>",
        "<title>%s</title>" % html_escape(it["title"], quote=False),
        '<link rel="alternate" href="%s"/>' % it["link"],
        "<author>\n<name>%s</name>\n<uri>https://www.youtube.com/channel/"
        "UCa1b2c3d4e5f6g7h8i9j0kL</uri>\n</author>"
        % html_escape(it["author"], quote=False),
        "<published>%s</published>" % rfc3339(it["published"], rnd),
        "<updated>%s</updated>" % rfc3339(it["updated"], rnd),
        "<media:group>",
        "<media:title>%s</media:title>" % html_escape(it["title"],
                                                      quote=False),
        '<media:content url="https://www.youtube.com/v/%s?version=3" '
        'type="application/x-shockwave-flash" width="640" height="390"/>'
        % vid,
        '<media:thumbnail url="https://i1.ytimg.com/vi/%s/hqdefault.jpg" '
        'width="480" height="360"/>' % vid,
        "<media:description>%s</media:description>"
        % html_escape(it["summary"], quote=False),
        "<media:community>", '<media:starRating count="12" average="5.00" '
        'min="1" max="5"/>', '<media:statistics views="345"/>',
        "</media:community>", "</media:group>", "</entry>"])


def youtube_cases(g):
    """A YouTube channel's Atom feed: yt: ids, the page a watch?v= link,
    the description only in media:group's media:description."""
    for langs in (["ar"], ["ru", "en"]):
        feed = g.feed(langs)
        entries = []
        for i, it in enumerate(feed["items"]):
            vid = "".join(g.rnd.choice("abcdefghijkmnopqrstuvwxyzABCDEFGH"
                                       "JKLMNPQRSTUVWXYZ0123456789-_")
                          for _ in range(11))
            it["link"] = "https://www.youtube.com/watch?v=" + vid
            it["id"] = "yt:video:" + vid
            it["content"] = None
            entries.append(youtube_entry(it, g.rnd, vid))
        feed["link"] = "https://www.youtube.com/channel/" \
            "UCa1b2c3d4e5f6g7h8i9j0kL"
        text = '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns:yt=' \
            '"http://www.youtube.com/xml/schemas/2015" xmlns:media="%s" ' \
            'xmlns="%s">\n<link rel="self" href="https://www.youtube.com/' \
            'feeds/videos.xml?channel_id=UCa1b2c3d4e5f6g7h8i9j0kL"/>\n' \
            '<id>yt:channel:a1b2c3d4e5f6g7h8i9j0kL</id>\n<yt:channelId>' \
            'a1b2c3d4e5f6g7h8i9j0kL</yt:channelId>\n<title>%s</title>\n' \
            '<link rel="alternate" href="%s"/>\n<published>' \
            '2019-03-01T08:00:00+00:00</published>\n%s\n</feed>\n' % (
                NS_MEDIA, NS_ATOM, html_escape(feed["title"], quote=False),
                feed["link"], "\n".join(entries))
        g.add("youtube", "", "atom1.0", feed,
              enc=lambda _, t=text: t.encode("utf-8"))


def google_news_item(it, w, rnd, source_first):
    """A Google News item: "headline - outlet", a news.google.com link, a
    description that links the headline and names the outlet."""
    outlet = it["author"]
    desc = '<a href="%s" target="_blank">%s</a>&nbsp;&nbsp;<font ' \
        'color="#6f6f6f">%s</font>' % (it["link"], html_escape(
            it["title"], quote=False), html_escape(outlet, quote=False))
    source = '<source url="https://outlet.example.com">%s</source>' % \
        w.esc(outlet)
    out = ["<item>"] + ([source] if source_first else []) + [
        "<title>%s - %s</title>" % (w.esc(it["title"]), w.esc(outlet)),
        "<link>%s</link>" % w.esc(it["link"]),
        '<guid isPermaLink="false">%s</guid>' % w.esc(it["id"]),
        "<pubDate>%s</pubDate>" % datetime.fromtimestamp(
            it["published"], timezone.utc).strftime(
                "%a, %d %b %Y %H:%M:%S GMT"),
        "<description>%s</description>" % w.esc(desc)] + (
            [] if source_first else [source]) + ["</item>"]
    it["title"] = "%s - %s" % (it["title"], outlet)
    it["summary"] = "%s %s" % (it["summary_title"], outlet)
    return "\n".join(out)


def google_news_cases(g):
    """Google News's RSS: titles that end in the outlet's name, links to
    news.google.com, ids that are no URL, a description of markup that
    links the headline and names the outlet (&nbsp; between), a <source>
    with the outlet's URL (after the fields, or first)."""
    for variant in ("source-last", "source-first"):
        feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
        items = []
        for it in feed["items"]:
            token = "".join(g.rnd.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef"
                                         "ghijklmnopqrstuvwxyz0123456789")
                            for _ in range(40))
            it["link"] = "https://news.google.com/rss/articles/CBMi%s?oc=5" \
                % token
            it["id"] = "CBMi" + token
            it["summary_title"] = it["title"]
            it["content"] = None
            items.append(google_news_item(it, w, g.rnd,
                                          variant == "source-first"))
        text = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' \
            '<rss xmlns:media="%s" version="2.0"><channel><generator>NFE/' \
            '5.0</generator><title>%s</title><link>%s</link><language>%s' \
            '</language><webMaster>news-webmaster@google.com</webMaster>' \
            '<copyright>2026 Google LLC</copyright><lastBuildDate>Sat, 06 ' \
            'Dec 2026 10:00:00 GMT</lastBuildDate><description>Google News' \
            '</description>%s</channel></rss>' % (
                NS_MEDIA, w.esc(feed["title"]), feed["link"], feed["lang"],
                "".join(items))
        for it in feed["items"]:
            it.pop("summary_title")
            it["author"] = None
        g.add("google-news", variant, "rss2.0", feed, w,
              enc=lambda _, t=text: t.encode("utf-8"))


def blogger_entry(it, rnd, n, k):
    """A Blogger entry: single quotes, the comments' links and the edit and
    self links before the page's, a thread count, a thumbnail."""
    post = "tag:blogger.com,1999:blog-%d.post-%d" % (n, k)
    page = it["link"]
    return "\n".join([
        "<entry>", "<id>%s</id>" % post,
        "<published>%s</published>" % rfc3339(it["published"], rnd),
        "<updated>%s</updated>" % rfc3339(it["updated"], rnd),
        "<category scheme='http://www.blogger.com/atom/ns#' term='%s'/>"
        % html_escape(it["category"]),
        "<title type='text'>%s</title>" % html_escape(it["title"]),
        "<content type='html'>%s</content>" % html_escape(
            "".join("<div>%s</div><br />" % html_escape(p, quote=False)
                    for p in it["content"])),
        "<link rel='replies' type='application/atom+xml' href='https://"
        "example.blogspot.com/feeds/%d/comments/default' title='Post "
        "Comments'/>" % k,
        "<link rel='replies' type='text/html' href='%s#comment-form' "
        "title='0 Comments'/>" % page,
        "<link rel='edit' type='application/atom+xml' href='https://"
        "www.blogger.com/feeds/%d/posts/default/%d'/>" % (n, k),
        "<link rel='self' type='application/atom+xml' href='https://"
        "www.blogger.com/feeds/%d/posts/default/%d'/>" % (n, k),
        "<link rel='alternate' type='text/html' href='%s' title='%s'/>"
        % (page, html_escape(it["title"])),
        "<author><name>%s</name><uri>https://www.blogger.com/profile/%d"
        "</uri><email>noreply@blogger.com</email><gd:image rel='http://"
        "schemas.google.com/g/2005#thumbnail' width='16' height='16' "
        "src='https://img1.blogblog.com/img/b16-rounded.gif'/></author>"
        % (html_escape(it["author"]), n),
        "<media:thumbnail xmlns:media='%s' url='https://blogger.example/"
        "s72-c/%d.jpg' height='72' width='72'/>" % (NS_MEDIA, k),
        "<thr:total>0</thr:total>", "</entry>"])


def blogger_cases(g):
    """Blogger's Atom: single-quoted attributes, the replies, edit and
    self links before the page, typed text titles, html content of <div>s,
    gd: and thr: extensions, no summary."""
    for langs in (["ar"], ["ru", "en"]):
        feed = g.feed(langs)
        n = 1000000 + g.rnd.randrange(9000000)
        for it in feed["items"]:
            it["summary"] = None
        entries = "\n".join(blogger_entry(it, g.rnd, n, 5000 + k)
                            for k, it in enumerate(feed["items"]))
        for k, it in enumerate(feed["items"]):
            it["id"] = "tag:blogger.com,1999:blog-%d.post-%d" % (n, 5000 + k)
        text = "<?xml version='1.0' encoding='UTF-8'?><?xml-stylesheet " \
            "href=\"https://www.blogger.com/styles/atom.css\" type=\"text/" \
            "css\"?><feed xmlns='%s' xmlns:openSearch='http://a9.com/-/" \
            "spec/opensearchrss/1.0/' xmlns:blogger='http://schemas." \
            "google.com/blogger/2008' xmlns:georss='http://www.georss.org/" \
            "georss' xmlns:gd=\"http://schemas.google.com/g/2005\" " \
            "xmlns:thr='http://purl.org/syndication/thread/1.0'><id>tag:" \
            "blogger.com,1999:blog-%d</id><updated>2026-12-06T10:00:00.000" \
            "+03:00</updated><title type='text'>%s</title><subtitle " \
            "type='html'></subtitle><link rel='http://schemas.google.com/" \
            "g/2005#feed' type='application/atom+xml' href='%sfeeds/posts/" \
            "default'/><link rel='alternate' type='text/html' href='%s'/>" \
            "<generator version='7.00' uri='https://www.blogger.com'>" \
            "Blogger</generator><openSearch:totalResults>%d</openSearch:" \
            "totalResults>%s</feed>" % (
                NS_ATOM, n, html_escape(feed["title"]), feed["link"],
                feed["link"], len(feed["items"]), entries)
        g.add("blogger", "", "atom1.0", feed,
              enc=lambda _, t=text: t.encode("utf-8"))


def telegram_cases(g):
    """A Telegram channel through an RSS bridge: posts with no title (the
    bridge leaves it out) or titled with the post's opening, t.me links
    that are also the guid, the post as escaped HTML with <br> and a
    photo."""
    for variant in ("no-title", "opening-title"):
        feed, w = g.feed(g.rnd.choice([["ar"], ["ru"]])), Wire()
        chan = "kz_news_%d" % g.n
        items = []
        for k, it in enumerate(feed["items"]):
            it["link"] = "https://t.me/%s/%d" % (chan, 4000 - k)
            it["id"] = it["link"]
            it["content"] = None
            it["summary"] = it["title"] + " " + it["summary"]
            post = "<b>%s</b><br><br>%s<br><img src=\"https://cdn.example" \
                ".org/%s/%d.jpg\">" % (html_escape(it["title"], quote=False),
                                       html_escape(it["summary"][len(
                                           it["title"]) + 1:], quote=False),
                                       chan, k)
            head = "" if variant == "no-title" else \
                "<title>%s</title>\n" % w.esc(it["title"])
            items.append("<item>\n%s<description>%s</description>\n<pubDate>"
                         "%s</pubDate>\n<guid>%s</guid>\n<link>%s</link>\n"
                         "</item>" % (head, w.esc(post), rfc822(
                             it["published"], g.rnd), it["link"],
                                      it["link"]))
            if variant == "no-title":
                it["title"] = None
        text = '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0">' \
            '<channel><title>%s</title><link>https://t.me/s/%s</link>' \
            '<description>%s</description>\n%s\n</channel></rss>\n' % (
                w.esc(feed["title"]), chan, w.esc(feed["title"]),
                "\n".join(items))
        feed["link"] = "https://t.me/s/" + chan
        g.add("telegram", variant, "rss2.0", feed, w,
              enc=lambda _, t=text: t.encode("utf-8"))


# HTML that names its elements as RSS names its fields, left raw (and, as
# HTML writes void elements, unclosed) in a description.
RAW_NESTED = {
    "stylesheet": '<link rel="stylesheet" href="https://cdn.example.org/'
                  'embed.css">',
    "svg-title": '<svg width="16" height="16"><title>share</title>'
                 '<path d="M0 0h16v16H0z"/></svg>',
    "picture-source": '<picture><source srcset="https://cdn.example.org/'
                      'p.webp" type="image/webp"><img src="https://cdn.'
                      'example.org/p.jpg" alt=""></picture>',
}


def raw_nested_cases(g):
    """Raw (unescaped) HTML descriptions holding elements HTML shares names
    with RSS's fields: a stylesheet's <link> (unclosed, as HTML writes
    it), an SVG icon's <title>, a <picture>'s <source>, and a <br> left
    unclosed (the XML is broken: a reader recovers it). They are the
    description's markup: the item's own title and link stay."""
    for variant, html in sorted(RAW_NESTED.items()):
        feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire(raw_html=True)
        for it in feed["items"]:
            it["content"] = None
        text = FORMATS["rss2.0"](feed, w, g.rnd)
        text = re.sub(r"<description><p>(.*?)</p></description>",
                      lambda m: "<description><p>%s %s<br></p>"
                      "</description>" % (html, m.group(1)), text,
                      flags=re.S)
        g.add("raw-html-nested", variant, "rss2.0", feed, w,
              enc=lambda _, t=text: t.encode("utf-8"))


def item_image_cases(g):
    """RSS items that carry an <image> of their own (title, link, url)
    before their fields, and a channel whose <textInput> (title, link,
    name) and <image> follow the items: none of it is an item's."""
    feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
    text = FORMATS["rss2.0"](feed, w, g.rnd)
    image = "<image>\n<url>https://cdn.example.org/%d.jpg</url>\n<title>" \
        "Photo %d</title>\n<link>https://cdn.example.org/gallery/%d</link>" \
        "\n</image>\n"
    parts = text.split("<item>\n")
    for i in range(1, len(parts)):
        parts[i] = image % (i, i, i) + parts[i]
    text = "<item>\n".join(parts).replace(
        "</channel>", "<textInput>\n<title>Search</title>\n<description>"
        "Search the site</description>\n<name>q</name>\n<link>https://"
        "search.example.org/</link>\n</textInput>\n<image>\n<url>https://"
        "cdn.example.org/logo.png</url>\n<title>Logo</title>\n<link>"
        "https://cdn.example.org/</link>\n</image>\n</channel>", 1)
    g.add("item-image", "", "rss2.0", feed, w,
          enc=lambda _, t=text: t.encode("utf-8"))


# ---------------------------------------------------------------- round 12
# Written after every other class (the earlier cases keep their bytes).

def drop_end_tags(text, end, which):
    """The document without the item end tags which picks ("last",
    "every"), as a template that never writes them leaves it."""
    if which == "every":
        return text.replace(end + "\n", "").replace(end, "")
    k = text.rindex(end)
    return text[:k] + text[k + len(end):]


def unclosed_item_cases(g):
    """A whole document whose last item (or every item) has no end tag: a
    template that leaves out </item> or </entry> before </channel>,
    </feed> or </rdf:RDF>, an Atom feed in the atom: prefix, a last item
    whose raw HTML description leaves a <br> and an <img> open as well
    (libxml2's recovery spends the end tags after it closing them). The
    channel's end says the body was not cut: every item is whole."""
    plans = (("rss2.0", "last", "</item>", Wire()),
             ("rss2.0", "every", "</item>", Wire()),
             ("rss2.0", "last-raw-html", "</item>", Wire(raw_html=True)),
             ("rss0.91", "last", "</item>", Wire()),
             ("rss1.0", "last", "</item>", Wire()),
             ("atom1.0", "last", "</entry>", Wire()),
             ("atom1.0", "every", "</entry>", Wire()))
    for fmt, variant, end, w in plans:
        feed = g.feed(g.rnd.choice(LANG_SETS))
        if w.raw_html:
            for it in feed["items"]:
                it["content"] = None
        text = FORMATS[fmt](feed, w, g.rnd)
        if w.raw_html:
            text = text.replace("</p></description>", '<br><img src='
                                '"https://cdn.example.org/p.jpg" alt="">'
                                "</p></description>")
        g.add("item-unclosed", variant, fmt, feed, w,
              enc=lambda _, t=drop_end_tags(text, end, variant.split(
                  "-")[0]): t.encode("utf-8"))
    feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
    text = FORMATS["atom1.0"](feed, w, g.rnd)
    text = re.sub(r"<(/?)(feed|entry|title|link|id|published|updated|"
                  r"author|name|category|summary|content)\b", r"<\1atom:\2",
                  text).replace('xmlns="%s"' % NS_ATOM,
                                'xmlns:atom="%s"' % NS_ATOM)
    g.add("item-unclosed", "atom-prefix", "atom1.0", feed, w,
          enc=lambda _, t=drop_end_tags(text, "</atom:entry>", "last"):
          t.encode("utf-8"))


def relative_link_cases(g):
    """Links relative to the feed's own URL, with no xml:base: from the
    root (/2025/11/story.html), from the feed's directory
    (2025/11/story.html), or without a scheme (//host/path, a template
    that serves http and https alike); RSS <link>s and Atom hrefs. They
    are the page the feed's URL resolves them to."""
    host = BASE.split("/")[2]
    forms = (("root", lambda u: "/" + u.split("/", 3)[3],
              lambda u: "https://%s/%s" % (host, u.split("/", 3)[3])),
             ("path", lambda u: u.split("/", 3)[3],
              lambda u: "https://%s/%s" % (host, u.split("/", 3)[3])),
             ("scheme-relative", lambda u: u[len("https:"):], lambda u: u))
    for fmt in ("rss2.0", "atom1.0"):
        for variant, written, truth_of in forms:
            feed = g.feed(g.rnd.choice(LANG_SETS))
            for it in feed["items"]:
                it["link_written"] = written(it["link"])
                it["link"] = truth_of(it["link"])
            g.add("link-relative", variant, fmt, feed)


def two_digit_year(t, rnd):
    """RFC 822's own two-digit year (Sat, 06 Dec 26), as old Perl and
    C templates print it."""
    d = datetime.fromtimestamp(t, timezone(timedelta(hours=3)))
    return d.strftime("%a, %d %b %y %H:%M:%S +0300")


def no_seconds(t, rnd):
    """An RSS date without seconds and without a weekday."""
    d = datetime.fromtimestamp(t, timezone(timedelta(hours=3)))
    return d.strftime("%d %b %Y %H:%M +0300")


def full_names(t, rnd):
    """An RSS date with the weekday's and month's full names."""
    d = datetime.fromtimestamp(t, timezone(timedelta(hours=3)))
    return d.strftime("%A, %d %B %Y %H:%M:%S +0300")


def colon_offset(t, rnd):
    """An RSS date whose offset has ISO's colon (+03:00)."""
    d = datetime.fromtimestamp(t, timezone(timedelta(hours=3)))
    return d.strftime("%a, %d %b %Y %H:%M:%S +03:00")


def iso_in_rss(t, rnd):
    """An ISO 8601 date in <pubDate> (a template that prints Atom's)."""
    return rfc3339(t, rnd)


def iso_no_zone(t, rnd):
    """An ISO 8601 date with no zone, in UTC, with a T or a space (a
    database's DATETIME printed as it is)."""
    d = datetime.fromtimestamp(t, timezone.utc)
    return d.strftime(rnd.choice(["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]))


def dashed(t, rnd):
    """An RSS date with dashes between day, month and year (06-Dec-2026),
    as a log's or an Oracle template's."""
    d = datetime.fromtimestamp(t, timezone(timedelta(hours=3)))
    return d.strftime("%a, %d-%b-%Y %H:%M:%S +0300")


def no_space_comma(t, rnd):
    """An RSS date with no space after the weekday's comma."""
    d = datetime.fromtimestamp(t, timezone(timedelta(hours=3)))
    return d.strftime("%a,%d %b %Y %H:%M:%S +0300")


DATE_LATER.update({
    "two-digit-year": two_digit_year, "no-seconds": no_seconds,
    "full-names": full_names, "colon-offset": colon_offset,
    "iso-in-rss": iso_in_rss, "iso-no-zone": iso_no_zone,
    "dashed": dashed, "no-space-comma": no_space_comma,
})


def rfc822_odd_cases(g):
    """RSS dates as strangers' templates print them: a two-digit year, no
    seconds, full names, an offset with a colon, ISO 8601 with or without
    a zone (UTC), dashes between the parts, no space after the comma."""
    for style in ("two-digit-year", "no-seconds", "full-names",
                  "colon-offset", "iso-in-rss", "iso-no-zone", "dashed",
                  "no-space-comma"):
        feed = g.feed(g.rnd.choice(LANG_SETS))
        if style == "no-seconds":
            for it in feed["items"]:
                it["published"] -= it["published"] % 60
        g.add("date-style", style, "rss2.0", feed, Wire(date_style=style))


def empty_date_cases(g):
    """RSS items whose date a template left empty (<pubDate></pubDate>),
    wrote as a database's zero date (0000-00-00 00:00:00), or as white
    space: no date."""
    for variant, text in (("empty", ""), ("zero", "0000-00-00 00:00:00"),
                          ("space", " \n ")):
        feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
        doc = re.sub(r"<pubDate>[^<]*</pubDate>",
                     "<pubDate>%s</pubDate>" % text,
                     FORMATS["rss2.0"](feed, w, g.rnd))
        g.add("date-empty", variant, "rss2.0", feed, w,
              dates={"published": None, "updated": None},
              enc=lambda _, t=doc: t.encode("utf-8"))


def xhtml_prefix_cases(g):
    """Atom text constructs of type xhtml whose div is in a prefix of
    XHTML's namespace (<xh:div xmlns:xh=...>, its markup <xh:p>), as
    XSLT and Java serializers write them."""
    for langs in (["en"], ["ar"]):
        feed, w = g.feed(langs), Wire(xhtml=True)
        text = FORMATS["atom1.0"](feed, w, g.rnd)

        def prefix(m):
            inner = re.sub(r"<(/?)(p|b)>", r"<\1xh:\2>", m.group(1))
            return '<xh:div xmlns:xh="http://www.w3.org/1999/xhtml">%s' \
                '</xh:div>' % inner
        text = re.sub(r'<div xmlns="http://www.w3.org/1999/xhtml">(.*?)'
                      r'</div>', prefix, text, flags=re.S)
        g.add("xhtml-prefix", "", "atom1.0", feed, w,
              enc=lambda _, t=text: t.encode("utf-8"))


def guid_permalink_cases(g):
    """RSS items whose only link is an absolute permalink <guid>: by
    default, as RSS 2.0 makes a guid without isPermaLink, or said so
    (isPermaLink="true"); some with only a description beside it."""
    for variant in ("default", "explicit", "no-title"):
        feed = g.feed(g.rnd.choice(LANG_SETS))
        for i, it in enumerate(feed["items"]):
            it["id"] = it["link"]
            if variant == "no-title" and i % 2:
                it["title"] = None
        edit = (lambda t: t.replace("<guid>", '<guid isPermaLink="true">')) \
            if variant == "explicit" else (lambda t: t)
        g.add("guid-permalink", variant, "rss2.0", feed,
              Wire(guid_link=True),
              enc=lambda t, e=edit: e(t).encode("utf-8"))


# What a news site's editor pastes into a story: an embedded post (its
# quote, then the widget's script), a style block, an ad slot's comment,
# a video's iframe. A reader sees the quote, never the code.
EMBEDS = (
    '<blockquote class="twitter-tweet"><p lang="en" dir="ltr">{0}</p>'
    '&mdash; Newsroom (@newsroom) <a href="https://twitter.com/newsroom/'
    'status/1">December 6, 2026</a></blockquote> <script async src='
    '"https://platform.twitter.com/widgets.js" charset="utf-8"></script>',
    '<style>.wp-block-embed{{margin:0}} p > a {{color:#c00}}</style>'
    '<p>{0}</p>',
    '<p>{0}</p><!-- ad slot: <p>advert</p> --><iframe width="560" '
    'height="315" src="https://www.youtube.com/embed/x1" frameborder="0">'
    '</iframe>',
)


def with_html_body(text, fmt, it, shape):
    """The feed text with item it's description (RSS 2.0) or summary
    (Atom, then type="html") replaced by shape, its {} the summary, as
    HTML escaped into the element."""
    summary = html_escape(it["summary"], quote=False)
    html = html_escape(shape.format(summary), quote=False)
    if fmt == "rss2.0":
        old = html_escape(html_of(it)[0], quote=False)
        return text.replace(">%s<" % old, ">%s<" % html, 1)
    return text.replace("<summary>%s</summary>" % summary,
                        '<summary type="html">%s</summary>' % html, 1)


def embed_cases(g):
    """Descriptions and content holding what an editor pasted: an embedded
    post's quote and script, a style block, an ad slot's comment, a
    video's iframe. The text is the quote and the paragraphs."""
    for fmt in ("rss2.0", "atom1.0"):
        feed = g.feed(g.rnd.choice(LANG_SETS))
        text = FORMATS[fmt](feed, Wire(), g.rnd)
        for i, it in enumerate(feed["items"]):
            text = with_html_body(text, fmt, it, EMBEDS[i % len(EMBEDS)])
        g.add("embed", "", fmt, feed,
              enc=lambda _, t=text: t.encode("utf-8"))


def title_cdata_refs_cases(g):
    """Titles in CDATA sections that still hold references, as WordPress
    writes them (<![CDATA[Q&amp;A: the minister&#8217;s plan]]>): the
    references are read, the title is the text they spell."""
    for langs in (["en"], ["ar", "en"]):
        feed, w = g.feed(langs), Wire()
        text = FORMATS["rss2.0"](feed, w, g.rnd)
        for it in feed["items"]:
            phrase = g.rnd.choice(["Q&A: the minister\u2019s plan",
                                   "\u201cC5+1\u201d & partners",
                                   "R&D \u2013 2026\u2026"])
            refs = phrase.replace("&", "&amp;").translate(
                {c: "&#%d;" % c for c in range(0x80, 0x3000)})
            text = text.replace("<title>%s</title>" % w.esc(it["title"]),
                                "<title><![CDATA[%s %s]]></title>" % (
                                    it["title"], refs), 1)
            it["title"] = "%s %s" % (it["title"], phrase)
        g.add("title-cdata-refs", "", "rss2.0", feed, w,
              enc=lambda _, t=text: t.encode("utf-8"))


def json_no_url_cases(g):
    """JSON Feed items with no url: one whose id is the page's URL (the
    spec wishes it so), one that carries only an attachment (a podcast's
    episode, its id a number). The page is the id, else the file."""
    def id_is_page(items):
        for j in items:
            j["id"] = j.pop("url")

    def attachment_only(items):
        for k, j in enumerate(items):
            j["attachments"] = [{"url": j.pop("url").replace(
                ".html", ".mp3"), "mime_type": "audio/mpeg"}]
            j["id"] = str(1000 + k)
    for variant, edit in (("id-is-page", id_is_page),
                          ("attachment-only", attachment_only)):
        feed = g.feed(g.rnd.choice(LANG_SETS))
        for k, it in enumerate(feed["items"]):
            if variant == "id-is-page":
                it["id"] = it["link"]
            else:
                it["link"] = it["link"].replace(".html", ".mp3")
                it["id"] = str(1000 + k)
        g.add("json-no-url", variant, "json1.1", feed,
              enc=lambda t, e=edit: json_edit(t, e).encode("utf-8"))


def entity_link_cases(g):
    """Links whose path holds a letter a sloppy feed writes as an HTML
    entity (caf&eacute;, na&iuml;ve as &uuml;ber), in an RSS <link>'s text
    and in an Atom href (an attribute, where libxml2 before 2.13 keeps a
    predefined entity's first byte only): the link meant is the URL
    percent-encoded."""
    for fmt in ("rss2.0", "atom1.0"):
        feed = g.feed(g.rnd.choice(LANG_SETS))
        add_phrases(g, feed, ENT_PHRASES)
        for it in feed["items"]:
            it["link_written"] = it["link"].replace(
                "story-", g.rnd.choice(["caf\u00e9-", "\u00fcber-"]))
            it["link"] = quote(it["link_written"], safe=":/?&=#%")
        g.add("entity-link", "", fmt, feed, Wire(entities=True))


def json_no_version_cases(g):
    """JSON Feeds whose version is missing (written by hand) or is no
    jsonfeed.org URL ("1.1", as a plugin that read the spec's number
    writes it); the items are JSON Feed's: read as the spec's feed."""
    def drop(doc):
        del doc["version"]

    def number(doc):
        doc["version"] = "1.1"
    for variant, edit in (("missing", drop), ("number", number)):
        feed = g.feed(g.rnd.choice(LANG_SETS))

        def enc(text, e=edit):
            doc = json.loads(text)
            e(doc)
            return (json.dumps(doc, ensure_ascii=False, indent=1)
                    + "\n").encode("utf-8")
        g.add("json-no-version", variant, "json1.1", feed, enc=enc)


# HTML a page's template quotes inside an item's CDATA section: the ends
# of a feed's own elements, as a post about RSS or a code sample holds.
FEED_QUOTE = "<p>The template ends with <code></channel></rss></code>.</p>"


def truncated_quoting_cases(g, quote=FEED_QUOTE, cls="truncated-quoting"):
    """A body cut short inside the last item's CDATA section (content:encoded
    or description) whose text quotes </channel></rss> (or, in
    truncated-item-quote, </item>): the quote closes nothing, the item is
    cut. The whole variant: every item's section quotes them, nothing is
    cut."""
    for variant in ("in-content", "in-description", "whole"):
        feed, w = g.feed(g.rnd.choice(LANG_SETS), items=4), Wire()
        text = FORMATS["rss2.0"](feed, w, g.rnd)
        if variant == "in-description":
            text = re.sub(r"<description>([^<]*)</description>\n<content",
                          lambda m: "<description><![CDATA[%s%s]]>"
                          "</description>\n<content" % (
                              quote, html_unescape(m.group(1))),
                          text)
        else:
            text = text.replace("<content:encoded><![CDATA[",
                                "<content:encoded><![CDATA[" + quote)
        if variant != "whole":
            mark = "<![CDATA[" + quote
            k = text.index(mark, text.rindex("<item>")) + len(mark) + 20
            text = text[:k]
            feed["items"] = feed["items"][:-1]
        g.add(cls, variant, "rss2.0", feed, w,
              enc=lambda _, t=text: t.encode("utf-8"))


def embed_fallback_cases(g):
    """Descriptions and Atom html summaries with a video's iframe that
    holds fallback text (\"Your browser does not support iframes\", a
    link to the video), as old embed codes wrote it: no browser since
    HTML5 shows it; the text is the paragraphs."""
    for fmt in ("rss2.0", "atom1.0"):
        feed = g.feed(g.rnd.choice(LANG_SETS))
        text = FORMATS[fmt](feed, Wire(), g.rnd)
        for it in feed["items"]:
            text = with_html_body(
                text, fmt, it, '<p>{}</p><iframe width="560" height="315" '
                'src="https://www.youtube.com/embed/x1">Your browser does '
                'not support iframes. <a href="https://www.youtube.com/watch'
                '?v=x1">Watch the video</a></iframe>')
        g.add("embed-fallback", "", fmt, feed,
              enc=lambda _, t=text: t.encode("utf-8"))


def enclosure_multi_cases(g):
    """RSS items with a page and several enclosures (an episode's audio, a
    photo, a PDF), before or after the link: the page is the link."""
    for variant in ("before-link", "after-link"):
        feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
        text = FORMATS["rss2.0"](feed, w, g.rnd)
        for it in feed["items"]:
            base = it["link"].replace(".html", "")
            encl = "".join('<enclosure url="%s.%s" length="%d" type="%s"/>'
                           % (base, ext, 1000 + i, mime)
                           for i, (ext, mime) in enumerate(
                               (("mp3", "audio/mpeg"), ("jpg", "image/jpeg"),
                                ("pdf", "application/pdf"))))
            link = "<link>%s</link>" % it["link"]
            text = text.replace(link, encl + link if variant == "before-link"
                                else link + encl, 1)
        g.add("enclosure-multi", variant, "rss2.0", feed, w,
              enc=lambda _, t=text: t.encode("utf-8"))


def item_empty_cases(g):
    """Empty items between whole ones (<item/>, <item></item>, one of white
    space; <entry/> in Atom), as a template's loop over a missing post
    writes them: no story, no item."""
    for fmt, tag in (("rss2.0", "item"), ("atom1.0", "entry"),
                     ("rss1.0", "item")):
        feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
        text = FORMATS[fmt](feed, w, g.rnd)
        empties = ["<%s/>" % tag, "<%s></%s>" % (tag, tag),
                   "<%s>\n  </%s>" % (tag, tag)]
        parts = text.split("<%s" % tag)
        head, rest = parts[0], parts[1:]
        out = head
        for i, part in enumerate(rest):
            if i > 0 and part[:1] in (">", " "):
                out += empties[i % len(empties)] + "\n"
            out += "<%s" % tag + part
        g.add("item-empty", "", fmt, feed, w,
              enc=lambda _, t=out: t.encode("utf-8"))


def many_items_cases(g):
    """A channel of 2,000 items (an archive feed, a site that never trims
    it): every one is read."""
    feed, w = g.feed(["en"], items=2000), Wire()
    for it in feed["items"]:
        it["content"] = None
    g.add("many-items", "", "rss2.0", feed, w)


def stylesheet_cases(g):
    """Feeds with xml-stylesheet instructions after the declaration (an XSL
    to show the feed in a browser, a CSS), and a comment before the root,
    as WordPress's and Blogger's pretty feeds write them."""
    for fmt in ("rss2.0", "atom1.0", "rss1.0"):
        feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
        text = FORMATS[fmt](feed, w, g.rnd)
        k = text.index("?>") + 2
        text = (text[:k] + '\n<?xml-stylesheet type="text/xsl" href="/feed.xsl"'
                '?>\n<?xml-stylesheet href="/feed.css" type="text/css" '
                'media="screen"?>\n<!-- generator="CMS/6.4" -->' + text[k:])
        g.add("stylesheet", "", fmt, feed, w,
              enc=lambda _, t=text: t.encode("utf-8"))


def base_nested_cases(g):
    """xml:base nested: the channel's (the site), an item's relative to it
    (a section's directory), the link relative to the item's."""
    for fmt in ("rss2.0", "atom1.0"):
        feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
        text = FORMATS[fmt](feed, w, g.rnd)
        tag = "<item>" if fmt == "rss2.0" else "<entry>"
        if fmt == "rss2.0":
            text = text.replace("<channel>", '<channel xml:base="%s">'
                                % feed["link"], 1)
        else:
            text = text.replace("<feed ", '<feed xml:base="%s" '
                                % feed["link"], 1)
        for it in feed["items"]:
            path = it["link"].split("/", 3)[3]
            section, leaf = path.rsplit("/", 1)
            head = '%s xml:base="%s/">' % (tag[:-1], section)
            k = text.index(it["link"])
            j = text.rindex(tag, 0, k)
            text = text[:j] + head + text[j + len(tag):]
            text = text.replace(it["link"], leaf, 1)
        g.add("base-nested", "", fmt, feed, w,
              enc=lambda _, t=text: t.encode("utf-8"))


def origlink_cases(g):
    """FeedBurner's RSS: each <link> its proxy's (feedproxy.google.com,
    which Google shut down), the page in feedburner:origLink."""
    feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
    text = FORMATS["rss2.0"](feed, w, g.rnd)
    text = text.replace("<rss ", '<rss xmlns:feedburner="http://rssnamespace'
                        '.org/feedburner/ext/1.0" ', 1)
    for k, it in enumerate(feed["items"]):
        proxy = "http://feedproxy.google.com/~r/site/~3/a%dB/" % k
        text = text.replace(
            "<link>%s</link>" % it["link"],
            "<link>%s</link>" % proxy, 1)
        j = text.index("<link>%s</link>" % proxy)
        e = text.index("</item>", j)
        text = text[:e] + "<feedburner:origLink>%s</feedburner:origLink>\n" \
            % it["link"] + text[e:]
    g.add("origlink", "", "rss2.0", feed, w,
          enc=lambda _, t=text: t.encode("utf-8"))


def guid_url_cases(g):
    """RSS items with no <link> whose guid, isPermaLink="false", is a URL
    (WordPress's https://host/?p=123): the feed says it is no permalink,
    so the item has no link, and the guid is its id."""
    feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
    text = FORMATS["rss2.0"](feed, w, g.rnd)
    for it in feed["items"]:
        text = text.replace("<link>%s</link>\n" % it["link"], "", 1)
        text = text.replace('<guid isPermaLink="false">%s</guid>'
                            % html_escape(it["id"], quote=False),
                            '<guid isPermaLink="false">%s</guid>'
                            % it["link"], 1)
        it["id"], it["link"] = it["link"], None
    g.add("guid-url", "", "rss2.0", feed, w,
          enc=lambda _, t=text: t.encode("utf-8"))


def media_only_cases(g):
    """Media RSS items (a video or photo agency's feed) whose only title is
    media:title and whose only link is a media:content's url, or a
    media:player's url (the page that plays it) beside the file: the
    link is the player, else the file, as an enclosure's is."""
    for variant in ("content", "player"):
        feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
        for it in feed["items"]:
            it["media_title"], it["title"] = it["title"], None
            it["content"] = None
        text = FORMATS["rss2.0"](feed, w, g.rnd)
        for it in feed["items"]:
            page = it["link"]
            media = '<media:content url="%s" type="video/mp4" ' \
                'medium="video"/>' % page.replace(".html", ".mp4")
            if variant == "player":
                media = '<media:player url="%s"/>' % page + media
            else:
                it["link"] = page.replace(".html", ".mp4")
            text = text.replace("<link>%s</link>" % page, media, 1)
        g.add("media-only", variant, "rss2.0", feed, w,
              enc=lambda _, t=text: t.encode("utf-8"))


def persian_digits(text):
    """text with its ASCII digits as Persian ones (U+06F0-06F9)."""
    return text.translate({ord(c): 0x6f0 + int(c) for c in "0123456789"})


def persian_digit_cases(g):
    """RSS dates in Persian (Extended Arabic-Indic) digits, as an Afghan or
    Iranian site's Arabic-script locale prints them: with Arabic month
    names, and in RFC 822's shape with English ones (the offset too)."""
    for variant, style in (("arabic-months", arabic_date),
                           ("rfc822", rfc822)):
        feed = g.feed(["ar"])
        text = FORMATS["rss2.0"](feed, Wire(), g.rnd)
        parts = text.split("<pubDate>")
        out = parts[0]
        for it, part in zip(feed["items"], parts[1:]):
            rest = part[part.index("</pubDate>"):]
            out += "<pubDate>%s%s" % (persian_digits(
                style(it["published"], g.rnd)), rest)
        g.add("date-persian-digits", variant, "rss2.0", feed,
              enc=lambda _, t=out: t.encode("utf-8"))


# ---------------------------------------------------------------- round 14

# HTML quoting an item's own end tag, as a post about writing RSS holds.
ITEM_QUOTE = "<p>A template closes each story with <code></item></code>.</p>"


def truncated_item_quote_cases(g):
    """truncated-quoting's cuts, the CDATA section quoting </item>."""
    truncated_quoting_cases(g, ITEM_QUOTE, "truncated-item-quote")


# Embed codes whose fallback no browser of today shows: a Flash object's
# "get the player" text, a script widget's <noscript> notice.
FALLBACKS = (
    ("object", '<p>{}</p><object width="560" height="315" type="application/'
     'x-shockwave-flash" data="https://video.example.net/player.swf">'
     '<param name="movie" value="https://video.example.net/player.swf"/>'
     '<embed src="https://video.example.net/player.swf" type="application/'
     'x-shockwave-flash"/>Get Adobe Flash Player to see this video. <a href='
     '"https://get.adobe.com/flashplayer/">Download it</a></object>'),
    ("noscript", '<p>{}</p><script src="https://polls.example.net/p.js">'
     '</script><noscript>Please enable JavaScript to vote in the poll. <img '
     'src="https://pixel.example.net/t.gif" alt=""/></noscript>'),
)


def embed_fallback_more_cases(g):
    """embed-fallback's, for an <object> (Flash) and a <noscript> (a script
    widget's notice): the text is the paragraphs."""
    for variant, shape in FALLBACKS:
        for fmt in ("rss2.0", "atom1.0"):
            feed = g.feed(g.rnd.choice(LANG_SETS))
            text = FORMATS[fmt](feed, Wire(), g.rnd)
            for it in feed["items"]:
                text = with_html_body(text, fmt, it, shape)
            g.add("embed-fallback-more", variant, fmt, feed,
                  enc=lambda _, t=text: t.encode("utf-8"))


def insert_in_item(text, link, tag, xml):
    """text with xml written before the tag (e.g. "</item>") that follows
    an item's link."""
    k = text.index(tag, text.index(link))
    return text[:k] + xml + text[k:]


def wordpress_cases(g):
    """WordPress's RSS 2.0: wfw:commentRss, slash:comments and <comments>,
    guids that are ?p= URLs (isPermaLink="false"), titles with typographic
    quotes as numeric references (&#8217;), the excerpt in a CDATA section
    ending "[&#8230;]", the post in content:encoded."""
    for langs in (["en"], ["ar", "en"]):
        feed, w = g.feed(langs), Wire()
        add_phrases(g, feed, ["the minister\u2019s \u201cplan\u201d",
                              "R&D \u2013 2026"])
        text = FORMATS["rss2.0"](feed, w, g.rnd)
        text = text.replace("<rss ", '<rss xmlns:wfw="http://wellformedweb.'
                            'org/CommentAPI/" xmlns:slash="http://purl.org/'
                            'rss/1.0/modules/slash/" ', 1)
        for k, it in enumerate(feed["items"]):
            summary = html_escape(html_of(it)[0], quote=False)
            text = text.replace(
                "<description>%s</description>" % summary,
                "<description><![CDATA[%s [&#8230;]]]></description>"
                % it["summary"].replace("&", "&amp;"), 1)
            it["summary"] += " [\u2026]"
            text = text.replace(
                '<guid isPermaLink="false">%s</guid>'
                % html_escape(it["id"], quote=False),
                '<guid isPermaLink="false">%s?p=%d</guid>'
                % (feed["link"], 100 + k), 1)
            it["id"] = "%s?p=%d" % (feed["link"], 100 + k)
            text = insert_in_item(
                text, "<link>%s</link>" % it["link"], "</item>",
                "<comments>%s#respond</comments>\n<wfw:commentRss>%s/feed/"
                "</wfw:commentRss>\n<slash:comments>%d</slash:comments>\n"
                % (it["link"], it["link"], k))
        for c, ref in (("\u2019", "&#8217;"), ("\u201c", "&#8220;"),
                       ("\u201d", "&#8221;"), ("\u2013", "&#8211;")):
            text = text.replace(c, ref)
        g.add("wordpress", "-".join(langs), "rss2.0", feed, w,
              enc=lambda _, t=text: t.encode("utf-8"))


def mastodon_cases(g):
    """Mastodon's RSS: statuses with no title, the toot as escaped HTML
    with mention and hashtag links, the status URL as link and permalink
    guid, a photo as media:content with its alt text."""
    feed, w = g.feed(["en"]), Wire()
    feed["title"] = "Newsroom (@newsroom@social.example.net)"
    feed["link"] = "https://social.example.net/@newsroom"
    for k, it in enumerate(feed["items"]):
        it["title"] = it["content"] = None
        it["link"] = it["id"] = "https://social.example.net/@newsroom/%d" % (
            113500000000000000 + k)
        it["summary"] += " #Kazakhstan @editor"
    text = FORMATS["rss2.0"](feed, w, g.rnd)
    for it in feed["items"]:
        plain = it["summary"][:-len(" #Kazakhstan @editor")]
        toot = ('<p>%s <a href="https://social.example.net/tags/Kazakhstan" '
                'class="mention hashtag" rel="tag">#<span>Kazakhstan</span>'
                '</a> <span class="h-card"><a href="https://social.example.'
                'net/@editor" class="u-url mention">@<span>editor</span></a>'
                '</span></p>' % html_escape(plain, quote=False))
        old = html_escape(html_of(it)[0], quote=False)
        text = text.replace("<description>%s</description>" % old,
                            "<description>%s</description>" % html_escape(
                                toot, quote=False), 1)
        text = text.replace('<guid isPermaLink="false">%s</guid>'
                            % it["id"], '<guid isPermaLink="true">%s</guid>'
                            % it["id"], 1)
        text = insert_in_item(
            text, "<link>%s</link>" % it["link"], "</item>",
            '<media:content url="https://files.social.example.net/a.jpg" '
            'type="image/jpeg" fileSize="1000" medium="image"><media:rating '
            'scheme="urn:simple">nonadult</media:rating><media:description '
            'type="plain">A photo of the square</media:description>'
            '</media:content>\n')
    g.add("mastodon", "", "rss2.0", feed, w,
          enc=lambda _, t=text: t.encode("utf-8"))


def drupal_cases(g):
    """Drupal's RSS: xml:base on the root, guids "123 at https://host"
    (isPermaLink="false"), <comments>, descriptions whose HTML holds
    relative links and &nbsp; escaped once more (&amp;nbsp;)."""
    feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
    text = FORMATS["rss2.0"](feed, w, g.rnd)
    text = text.replace("<rss ", '<rss xml:base="%s" ' % feed["link"], 1)
    for k, it in enumerate(feed["items"]):
        text = text.replace('<guid isPermaLink="false">%s</guid>'
                            % html_escape(it["id"], quote=False),
                            '<guid isPermaLink="false">%d at %s</guid>'
                            % (300 + k, feed["link"]), 1)
        it["id"] = "%d at %s" % (300 + k, feed["link"])
        summary = html_escape(html_of(it)[0], quote=False)
        html = html_escape('<p>%s&nbsp;<a href="/node/%d">Read more</a></p>'
                           % (html_escape(it["summary"], quote=False),
                              300 + k), quote=False)
        text = text.replace(">%s<" % summary, ">%s<" % html, 1)
        it["summary"] += "\u00a0Read more"
        text = insert_in_item(text, "<link>%s</link>" % it["link"], "</item>",
                              "<comments>%s#comments</comments>\n"
                              % it["link"])
    g.add("drupal", "", "rss2.0", feed, w,
          enc=lambda _, t=text: t.encode("utf-8"))


def entity_attr_cases(g):
    """HTML named entities in attributes (which XML does not define): an
    Atom link's title (&laquo; &hellip;) before its href, a category's
    term and label; RSS <source url>, <category domain> and <enclosure>
    with &nbsp; &rsquo; &hellip; in them. The link and the text are read."""
    for fmt in ("atom1.0", "rss2.0"):
        feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
        text = FORMATS[fmt](feed, w, g.rnd)
        for it in feed["items"]:
            if fmt == "atom1.0":
                old = '<link rel="alternate" type="text/html" href="%s"/>' \
                    % it["link"]
                if old not in text:
                    old = '<link href="%s"/>' % it["link"]
                text = text.replace(old, '<link rel="alternate" title="&laquo;'
                                    'Story&raquo; &hellip;" type="text/html" '
                                    'href="%s"/><category term="R&eacute;sum'
                                    '&eacute;" label="caf&eacute;&nbsp;"/>'
                                    % it["link"], 1)
                continue
            text = insert_in_item(
                text, "<link>%s</link>" % it["link"], "</item>",
                '<source url="https://wire.example.net/feed?s=1&nbsp;">Wire'
                '&rsquo;s desk</source>\n<category domain="https://news.example'
                '.net/c&hellip;">Region</category>\n<enclosure url="%s.jpg" '
                'length="1" type="image/jpeg" title="Photo&nbsp;&rsquo;1"/>\n'
                % it["link"][:-5])
        g.add("entity-attr", "", fmt, feed, w,
              enc=lambda _, t=text: t.encode("utf-8"))


# References to code points no XML document may hold: controls and
# noncharacters, and no character at all (a UTF-16 surrogate, one past
# U+10FFFF).
BAD_REFS = {"control": ("&#0;", "&#65535;", "&#1;", "&#xFFFE;"),
            "no-char": ("&#xD800;", "&#x110000;", "&#99999999999;")}


def ncr_invalid_cases(g):
    """Titles holding a numeric reference to a code point XML forbids, as a
    broken escaper writes them: the reference names no character and reads
    as nothing; the title's words and every other field and item are
    read."""
    for variant, refs in BAD_REFS.items():
        for fmt in ("rss2.0", "atom1.0"):
            feed, w = g.feed(g.rnd.choice(LANG_SETS), items=5), Wire()
            text = FORMATS[fmt](feed, w, g.rnd)
            for k, it in enumerate(feed["items"][::2]):
                old = ">%s<" % w.esc(it["title"])
                words = w.esc(it["title"]).split(" ")
                words.insert(1, refs[k % len(refs)] + "x")
                text = text.replace(old, ">%s<" % " ".join(words), 1)
                words = it["title"].split(" ")
                it["title"] = " ".join(words[:1] + ["x"] + words[1:])
            g.add("ncr-invalid", variant, fmt, feed, w,
                  enc=lambda _, t=text: t.encode("utf-8"))


def nul_between_cases(g):
    """NUL bytes outside text: between two items, after the root's end,
    and inside an item's white space (a database's padded field): no
    title or text holds one; every item is read whole."""
    for fmt in ("rss2.0", "atom1.0", "rss1.0"):
        feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
        text = FORMATS[fmt](feed, w, g.rnd)
        tag = "</entry>" if fmt == "atom1.0" else "</item>"
        text = text.replace(tag + "\n", tag + "\x00\n", 2)
        text = text.rstrip("\n") + "\n\x00\x00"
        g.add("nul-between", "", fmt, feed, w,
              enc=lambda _, t=text: t.encode("utf-8"))


def bare_lt_cases(g):
    """A bare < in titles ("x<y", "prices <5%", "<3") and "]]>" in a
    description's plain text, which XML forbids: the text is what was
    written. English, whose ASCII runs libxml2 reads on its fast path."""
    for variant, phrases, field in (
            ("lt-title", ["prices <5% lower", "x<y holds", "we <3 Almaty"],
             "title"),
            ("cdata-end-text", ["the array a[b[0]]> 2", "x]]> y"],
             "summary")):
        feed, w = g.feed(["en"]), Wire()
        for it in feed["items"]:
            it[field] = "%s %s" % (it[field], g.rnd.choice(phrases))
        text = FORMATS["rss2.0"](feed, w, g.rnd)
        if field == "title":
            text = re.sub(r"<title>([^<]*)</title>", lambda m: "<title>%s"
                          "</title>" % m.group(1).replace("&lt;", "<"), text)
        else:
            text = text.replace("]]&amp;gt;", "]]>")
        g.add("bare-lt", variant, "rss2.0", feed, w,
              enc=lambda _, t=text: t.encode("utf-8"))


def line_end_cases(g):
    """Line ends as old Macs (CR only) and Windows (CR LF) write them."""
    for variant, eol in (("cr", "\r"), ("crlf", "\r\n")):
        for fmt in ("rss2.0", "atom1.0"):
            feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
            text = FORMATS[fmt](feed, w, g.rnd).replace("\n", eol)
            g.add("line-end", variant, fmt, feed, w,
                  enc=lambda _, t=text: t.encode("utf-8"))


def latin1_c1_cases(g):
    """French and English in windows-1252 bytes (’ “ ” – … € as 0x80-0x9F)
    declared ISO-8859-1, or so named only by HTTP: WHATWG reads the label
    as windows-1252, as every browser does."""
    for mode in ("decl", "header"):
        feed = g.feed(["fr", "en"], "cp1252")
        add_phrases(g, feed, ["l\u2019\u00e9t\u00e9 \u201cchaud\u201d "
                              "\u2013 20\u20ac\u2026",
                              "\u2018Astana\u2019 \u2014 \u2122"])
        g.add("latin1-c1", mode, "rss2.0", feed,
              Wire(decl="ISO-8859-1" if mode == "decl" else ""),
              codec_of("cp1252", b""),
              "ISO-8859-1" if mode == "header" else None, codec="cp1252")


def header_vs_decl_cases(g):
    """A UTF-8 file declared UTF-8 whose HTTP header names the legacy
    charset the server defaults to (windows-1256, windows-1251): RFC 7303
    gives the header the last word, but the bytes are UTF-8 and say so."""
    for label, langs in (("windows-1256", ["ar", "en"]),
                         ("windows-1251", ["ru", "en"])):
        g.add("header-vs-decl", label, "rss2.0", g.feed(langs), Wire(),
              header=label)


def comments_only_cases(g):
    """RSS items with no <guid> and no <link>, only <comments> (the post's
    page with its #comments anchor), as a forum's or a small CMS's feed
    writes them: the link is the page."""
    feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
    text = FORMATS["rss2.0"](feed, w, g.rnd)
    for it in feed["items"]:
        text = text.replace('<guid isPermaLink="false">%s</guid>\n'
                            % html_escape(it["id"], quote=False), "", 1)
        text = text.replace("<link>%s</link>" % it["link"],
                            "<comments>%s#comments</comments>"
                            % it["link"], 1)
        it["id"] = None
    g.add("comments-only", "", "rss2.0", feed, w,
          enc=lambda _, t=text: t.encode("utf-8"))



# A site's HTML head a template prints before the feed (its header.php).
HTML_SITE_HEAD = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">" \
    "<title>News</title><!-- <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/" \
    "02/22-rdf-syntax-ns#\"></rdf:RDF> --></head><body>\n"


def html_prologue_cases(g):
    """A feed with no XML declaration after a site's HTML head (a template
    that includes the site's header, served as text/html), the page's end
    after the root: the feed is read."""
    for fmt in ("rss2.0", "atom1.0", "rss1.0"):
        g.add("html-prologue", "", fmt, g.feed(g.rnd.choice(LANG_SETS)),
              Wire(lead=HTML_SITE_HEAD, xml_decl=False,
                   tail="</body></html>\n"))



def nul_lead_cases(g):
    """NUL bytes (and line breaks) a broken script printed before the XML
    declaration: one, two, or three, which UTF-32's byte pattern starts
    with; a UTF-8 feed, and a Russian one in the windows-1251 it declares."""
    for variant, lead in (("one", "\x00"), ("two-lines", "\n\x00\x00\n"),
                          ("three", "\x00\x00\x00")):
        g.add("nul-lead", variant, "rss2.0", g.feed(g.rnd.choice(LANG_SETS)),
              Wire(lead=lead))
    feed = g.feed(["ru", "en"], "cp1251")
    g.add("nul-lead", "three-windows-1251", "rss2.0", feed,
          Wire(lead="\x00\x00\x00", decl="windows-1251"),
          codec_of("cp1251", b""), codec="cp1251")



# Short titles in Russian and Arabic: a feed of one of them has fewer bytes
# of words than a detector is usually given.
SHORT_TITLES = {"ru": ["Курс рубля упал", "Взрыв в Алматы"],
                "ar": ["انفجار في بيروت", "عاجل: زلزال قوي"]}


def charset_short_cases(g):
    """A feed of one short title (a small site's, a filtered one) in a
    legacy encoding with no declaration, which the HTTP header misnames: a
    Latin charset (a server's default) or another Cyrillic one; the truth
    is the encoding it is in."""
    for variant, lang, pycodec, header in (
            ("windows-1251-as-latin1", "ru", "cp1251", "iso-8859-1"),
            ("koi8-r-as-windows-1251", "ru", "koi8_r", "windows-1251"),
            ("windows-1251-as-koi8-r", "ru", "cp1251", "koi8-r"),
            ("windows-1256-as-latin1", "ar", "cp1256", "windows-1252")):
        for title in SHORT_TITLES[lang]:
            feed = g.feed([lang], items=1)
            feed["title"] = "News"
            it = feed["items"][0]
            it["title"] = title
            for key in ("summary", "content", "author", "category"):
                it[key] = None
            g.add("charset-short", variant, "rss2.0", feed, Wire(decl=""),
                  codec_of(pycodec, b""), header=header, codec=pycodec)


def escaped_pre_cases(g):
    """A CMS's "view source" page: the feed HTML-escaped in a <pre> (a
    highlighter's <span> around the declaration) or a <textarea>, served
    as text/html; the page has no article links: the feed is read."""
    for variant, fmt in (("pre", "rss2.0"), ("textarea", "atom1.0"),
                         ("pre", "rss1.0")):
        feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
        text = FORMATS[fmt](feed, w, g.rnd)
        body = html_escape(text, quote=False)
        if variant == "pre":
            body = re.sub(r"^(&lt;\?xml.*?\?&gt;)",
                          r'<span class="pi">\1</span>', body)
        page = ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                "<title>feed.xml</title></head><body>\n<h1>feed.xml</h1>\n"
                "<%s class=\"source\">%s</%s>\n</body></html>\n"
                % (variant, body, variant))
        g.add("escaped-pre", variant, fmt, feed, w,
              enc=lambda _, t=page: t.encode("utf-8"))


def podcast_comments_cases(g):
    """Podcast items with no <link> and no guid, only <comments> (the
    episode's page and its #comments anchor) and an <enclosure> (the audio
    file), either first: the alert opens the episode's page, where it is
    played and described, not the file."""
    for variant in ("comments-first", "enclosure-first"):
        feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
        text = FORMATS["rss2.0"](feed, w, g.rnd)
        for it in feed["items"]:
            text = text.replace('<guid isPermaLink="false">%s</guid>\n'
                                % html_escape(it["id"], quote=False), "", 1)
            comments = "<comments>%s#comments</comments>" % it["link"]
            encl = ('<enclosure url="%s" length="12345678" '
                    'type="audio/mpeg"/>' % it["link"].replace(
                        ".html", ".mp3").replace("https://",
                                                 "https://cdn."))
            text = text.replace(
                "<link>%s</link>" % it["link"],
                comments + encl if variant == "comments-first"
                else encl + comments, 1)
            it["id"] = None
        g.add("podcast-comments", variant, "rss2.0", feed, w,
              enc=lambda _, t=text: t.encode("utf-8"))


def title_dup_cases(g):
    """Items with two <title>s: a plugin's second one after the fields
    (the first is the item's), or an empty one a template writes before
    the real one."""
    for variant in ("plugin-after", "empty-first"):
        for fmt in ("rss2.0", "atom1.0"):
            feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
            text = FORMATS[fmt](feed, w, g.rnd)
            end = "</item>" if fmt == "rss2.0" else "</entry>"
            for it in feed["items"]:
                link = ("<link>%s</link>" % it["link"] if fmt == "rss2.0"
                        else 'href="%s"' % it["link"])
                if variant == "plugin-after":
                    text = insert_in_item(text, link, end,
                                          "<title>%s | %s</title>\n" % (
                                              w.esc(it["title"]),
                                              w.esc(feed["title"])))
                else:
                    k = text.index("<title", text.rindex(
                        "<item>" if fmt == "rss2.0" else "<entry>", 0,
                        text.index(link)))
                    text = text[:k] + "<title></title>\n" + text[k:]
            g.add("title-dup", variant, fmt, feed, w,
                  enc=lambda _, t=text: t.encode("utf-8"))


def title_blank_cases(g):
    """Titles left blank by a template: white space, a no-break space as a
    reference (&#160;) or as an entity its DTD defines (&nbsp;), an empty
    CDATA section: no title."""
    for variant, blank in (("space", "  \n  "), ("nbsp-ref", "&#160;"),
                           ("nbsp-dtd", "&nbsp;"),
                           ("cdata", "<![CDATA[ ]]>")):
        feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
        text = FORMATS["rss2.0"](feed, w, g.rnd)
        for it in feed["items"][::2]:
            text = text.replace("<title>%s</title>" % w.esc(it["title"]),
                                "<title>%s</title>" % blank, 1)
            it["title"] = None
        if variant == "nbsp-dtd":
            text = text.replace("<rss ", '<!DOCTYPE rss [\n<!ENTITY nbsp '
                                '"&#160;">\n]>\n<rss ', 1)
        g.add("title-blank", variant, "rss2.0", feed, w,
              enc=lambda _, t=text: t.encode("utf-8"))


def lead_json_cases(g):
    """JSON a script printed before the feed: an API's status object on its
    own line before the XML declaration, or right before the root of a
    feed with none, and Google's )]}' guard against JSON hijacking."""
    for variant, lead, decl in (
            ("status-line", '{"status":"ok","cached":true}\n', True),
            ("status-root", '{"error":null}', False),
            ("xssi-guard", ")]}'\n", True)):
        for fmt in ("rss2.0", "atom1.0"):
            g.add("lead-json", variant, fmt,
                  g.feed(g.rnd.choice(LANG_SETS)),
                  Wire(lead=lead, xml_decl=decl))


def long_line_cases(g):
    """A whole feed on one line of 2 MB (a minifier's output; a CMS that
    strips line breaks), one item's description a long archive text: every
    item is read, that text whole."""
    feed, w = g.feed(["en", "ru"]), Wire()
    it = feed["items"][1]
    it["summary"] = " ".join([it["summary"]] * (2 * 1024 * 1024 //
                                                len(it["summary"])))
    text = FORMATS["rss2.0"](feed, w, g.rnd).replace("\n", " ")
    g.add("long-line", "", "rss2.0", feed, w,
          enc=lambda _, t=text: t.encode("utf-8"))


def substack_ghost_cases(g):
    """Substack's RSS (titles and descriptions in CDATA, dc:creator in
    CDATA, the cover image as an <enclosure>, the post in content:encoded)
    and Ghost's (the same, a hex guid that is no URL, categories in CDATA,
    the cover image as media:content)."""
    for variant in ("substack", "ghost"):
        feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
        text = FORMATS["rss2.0"](feed, w, g.rnd)
        for k, it in enumerate(feed["items"]):
            text = text.replace("<title>%s</title>" % w.esc(it["title"]),
                                "<title><![CDATA[%s]]></title>"
                                % it["title"], 1)
            image = it["link"].replace(".html", ".jpg")
            if variant == "substack":
                extra = ('<enclosure url="%s" length="0" type="image/jpeg"/>'
                         % image)
            else:
                gid = "%024x" % (0x64f1a2b3c4d5e6f7 * (k + 3))
                text = text.replace('<guid isPermaLink="false">%s</guid>'
                                    % html_escape(it["id"], quote=False),
                                    '<guid isPermaLink="false">%s</guid>'
                                    % gid, 1)
                it["id"] = gid
                extra = '<media:content url="%s" medium="image"/>' % image
            text = insert_in_item(text, "<link>%s</link>" % it["link"],
                                  "</item>", extra + "\n")
        text = re.sub(r"<dc:creator>([^<]*)</dc:creator>",
                      r"<dc:creator><![CDATA[\1]]></dc:creator>", text)
        g.add("substack-ghost", variant, "rss2.0", feed, w,
              enc=lambda _, t=text: t.encode("utf-8"))


# ---------------------------------------------------------------- round 16

def mac_arabic(text):
    """Text in Mac OS Arabic as a Mac wrote it: ASCII as ASCII (Python's
    codec prefers the right-to-left copies of space and punctuation in the
    upper half, which no markup is written in)."""
    return b"".join(c.encode("ascii") if ord(c) < 0x80
                    else c.encode("mac_arabic") for c in text)


def mac_arabic_cases(g):
    """Arabic feeds labelled x-mac-arabic or MacArabic, which neither
    WHATWG's table nor glibc's iconv knows: in Mac Arabic (declared, or
    named only in HTTP), and mislabelled, in windows-1256 or UTF-8."""
    for variant, label, header, codec in (
            ("mac-decl", "x-mac-arabic", None, "mac_arabic"),
            ("mac-macarabic", "MacArabic", None, "mac_arabic"),
            ("mac-header", "", "x-mac-arabic", "mac_arabic"),
            ("windows-1256-decl", "x-mac-arabic", None, "cp1256"),
            ("utf8-decl", "MacArabic", None, "utf-8")):
        for fmt in ("rss2.0", "atom1.0"):
            feed = g.feed(["ar"], "mac_arabic" if codec == "utf-8"
                          else codec)
            enc = mac_arabic if codec == "mac_arabic" else \
                lambda t, c=codec: t.encode(c)
            g.add("charset-mac-arabic", variant, fmt, feed,
                  Wire(decl=label), enc, header=header, codec=codec)


# Labels of windows-1256, KOI8-U, IBM866 and ISO-8859-6 not in LABELS:
# (label, ENCODINGS or MORE_ENCODINGS entry).
LABELS_MORE = [("cp1256", ENCODINGS[7]), ("CP1256", ENCODINGS[7]),
               ("ms-arab", ENCODINGS[7]), ("koi8-u", MORE_ENCODINGS[0]),
               ("koi8-ru", MORE_ENCODINGS[0]), ("cp866", MORE_ENCODINGS[1]),
               ("iso-ir-127", ENCODINGS[8]), ("ecma-114", ENCODINGS[8]),
               ("csisolatinarabic", ENCODINGS[8]),
               ("ISO_8859-6:1987", ENCODINGS[8])]


def label_more_cases(g):
    """Other labels of windows-1256, KOI8-U, IBM866 and ISO-8859-6 (cp1256,
    ms-arab, koi8-ru, cp866, iso-ir-127, ecma-114, ISO_8859-6:1987), in
    the declaration or only in HTTP."""
    for label, (_, pycodec, bom, langs) in LABELS_MORE:
        for mode in ("decl", "header"):
            feed = g.feed(langs, pycodec)
            if pycodec == "koi8_u":
                add_phrases(g, feed, UK_PHRASES)
            g.add("charset-label-more-" + mode, label, "rss2.0", feed,
                  Wire(decl=label if mode == "decl" else ""),
                  codec_of(pycodec, bom),
                  label if mode == "header" else None, codec=pycodec)


# ISO-8859-15's own letters (€ œ Œ Ÿ at 0xA4 0xBD 0xBC 0xBE: ¤ ½ ¼ ¾ in
# windows-1252), which no detector tells from windows-1252.
EURO_PHRASES = ["5 \u20ac le kilo", "\u0153uvre et c\u0153ur",
                "Preis: 12 \u20ac", "L'\u0152il de Ha\u00ff"]

# A view-source page's <meta>, the only place its charset is named.
PRE_METAS = {"meta-charset": '<meta charset="%s">',
             "meta-http-equiv": '<meta http-equiv="Content-Type" '
                                'content="text/html; charset=%s">'}


def escaped_pre_meta_cases(g):
    """escaped-pre's pages in a legacy encoding named only in the page's
    <meta> (charset or http-equiv): the escaped feed's own declaration
    says nothing, says UTF-8 (the CMS's template), or names the page's
    charset; French and German in ISO-8859-15 with € and œ, which only
    the <meta> tells from windows-1252."""
    plan = (("meta-charset", "windows-1256", "cp1256", ["ar"], ""),
            ("meta-http-equiv", "windows-1251", "cp1251", ["ru"], "UTF-8"),
            ("meta-charset", "KOI8-R", "koi8_r", ["ru"], "UTF-8"),
            ("meta-http-equiv", "windows-1256", "cp1256", ["ar", "en"],
             "windows-1256"),
            ("meta-charset", "ISO-8859-6", "iso8859_6", ["ar"], ""),
            ("meta-http-equiv", "ISO-8859-15", "iso8859_15", ["fr", "de"],
             ""))
    for meta, label, pycodec, langs, decl in plan:
        for fmt in ("rss2.0", "atom1.0"):
            feed, w = g.feed(langs, pycodec), Wire(decl=decl)
            if pycodec == "iso8859_15":
                # the letters where ISO-8859-15 is not windows-1252
                add_phrases(g, feed, EURO_PHRASES)
            body = html_escape(FORMATS[fmt](feed, w, g.rnd), quote=False)
            page = ("<!DOCTYPE html>\n<html><head>%s<title>feed.xml</title>"
                    "</head><body>\n<pre class=\"source\">%s</pre>\n"
                    "</body></html>\n" % (PRE_METAS[meta] % label, body))
            g.add("escaped-pre-meta", "%s-%s-%s" % (meta, label,
                                                    decl or "none"),
                  fmt, feed, w, enc=lambda _, t=page, c=pycodec: t.encode(c),
                  codec=pycodec)


# Characters XML forbids, written raw or as references, in attributes.
ATTR_FORBIDDEN = {"c0": ("\x01", "\x0b", "\x1b"),
                  "c0-ref": ("&#1;", "&#x1B;", "&#8;"),
                  "nonchar": ("\ufffe", "\uffff", "&#xFFFE;")}


def attr_forbidden_cases(g):
    """Attributes holding characters XML forbids (C0 controls raw or as
    references, U+FFFE and U+FFFF): an Atom link's title before its href,
    a category's term; an RSS guid's isPermaLink, an enclosure's and a
    source's attributes. The items, their links and titles are read."""
    for variant, chars in ATTR_FORBIDDEN.items():
        for fmt in ("atom1.0", "rss2.0"):
            feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
            text = FORMATS[fmt](feed, w, g.rnd)
            for i, it in enumerate(feed["items"]):
                bad = chars[i % len(chars)]
                if fmt == "atom1.0":
                    old = '<link rel="alternate" type="text/html" ' \
                        'href="%s"/>' % it["link"]
                    if old not in text:
                        old = '<link href="%s"/>' % it["link"]
                    text = text.replace(
                        old, '<link rel="alternate" title="Story%s 1" '
                        'type="text/html" href="%s"/><category term="Region'
                        '%s"/>' % (bad, it["link"], bad), 1)
                    continue
                text = insert_in_item(
                    text, "<link>%s</link>" % it["link"], "</item>",
                    '<source url="https://wire.example.net/feed%s">Wire'
                    '</source>\n<enclosure url="%s.jpg" length="1%s" '
                    'type="image/jpeg"/>\n' % (bad, it["link"][:-5], bad))
            g.add("attr-forbidden", variant, fmt, feed, w,
                  enc=lambda _, t=text: t.encode("utf-8"))


# HTML named references without their ';' (HTML reads them; XML does not)
# and the characters they are.
NOSEMI = [("&amp", "&"), ("&nbsp", "\u00a0"), ("&copy", "\u00a9"),
          ("&eacute", "\u00e9"), ("&lt", "<"), ("&quot", '"')]


def entity_nosemi_cases(g):
    """Titles and descriptions with HTML named references written without
    their ';' (&amp &nbsp &copy &eacute &lt &quot, then a space), as a
    hand-written template leaves them: read as HTML reads them."""
    for fmt in ("rss2.0", "rss0.91", "atom1.0"):
        feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
        text = FORMATS[fmt](feed, w, g.rnd)
        for i, it in enumerate(feed["items"]):
            ref, char = NOSEMI[i % len(NOSEMI)]
            old = "<title>%s</title>" % w.esc(it["title"])
            if old not in text:
                continue
            words = it["title"].split(" ")
            text = text.replace(old, "<title>%s %s %s</title>" % (
                w.esc(words[0]), ref, w.esc(" ".join(words[1:]))), 1)
            it["title"] = fold("%s %s %s" % (words[0], char,
                                             " ".join(words[1:])))
        g.add("entity-nosemi", "", fmt, feed, w,
              enc=lambda _, t=text: t.encode("utf-8"))


def apos_netscape_cases(g):
    """RSS 0.91 with Netscape's DOCTYPE (whose DTD defines HTML's Latin-1
    entities but not &apos;, which XML predefines): titles with &apos;,
    &quot; and &eacute;."""
    for langs in (["en"], ["ar", "en"]):
        feed = g.feed(langs)
        for i, it in enumerate(feed["items"]):
            it["title"] = "%s's \"%s\" caf\u00e9" % (it["title"], i)
        w = Wire(doctype=True, entities=True)
        text = FORMATS["rss0.91"](feed, w, g.rnd)
        text = re.sub(r"(<title>[^<]*?)'s", r"\1&apos;s", text)
        text = re.sub(r'(<title>[^<]*?)"(\d+)"', r"\1&quot;\2&quot;", text)
        g.add("apos-netscape", "", "rss0.91", feed, w,
              enc=lambda _, t=text: t.encode("utf-8"))


# ---------------------------------------------------------------- round 17

# Spellings of known encodings that servers and CMS templates write but no
# table lists as they are (a hyphen dropped or added, `_` for `-`, Russian
# Apache's win-1251): (label, ENCODINGS or MORE_ENCODINGS entry).
LABELS_SPELLED = [("cp-1256", ENCODINGS[7]), ("windows1256", ENCODINGS[7]),
                  ("Windows_1256", ENCODINGS[7]), ("win-1256", ENCODINGS[7]),
                  ("win-1251", ENCODINGS[0]), ("win1251", ENCODINGS[0]),
                  ("cp-1251", ENCODINGS[0]), ("CP_1251", ENCODINGS[0]),
                  ("koi8r", ENCODINGS[1]), ("KOI8_R", ENCODINGS[1]),
                  ("koi8u", MORE_ENCODINGS[0]), ("iso8859-6", ENCODINGS[8]),
                  ("ISO8859_5", ENCODINGS[2]), ("cp-866", MORE_ENCODINGS[1])]


def label_spelled_cases(g):
    """Known encodings under spellings no table has as written (cp-1256,
    windows1256, win-1251, koi8r, KOI8_R, ISO8859_5, ...), in the
    declaration or only in HTTP; Mac OS Arabic as Python spells it
    (mac-arabic, mac_arabic); UTF-8 as utf8 and UTF_8 over Arabic."""
    plan = [(label, e) for label, e in LABELS_SPELLED] + \
        [("mac-arabic", ("", "mac_arabic", b"", ["ar"])),
         ("mac_arabic", ("", "mac_arabic", b"", ["ar"])),
         ("UTF_8", ("", "utf-8", b"", ["ar", "ru"])),
         ("utf8", ("", "utf-8", b"", ["ar", "ru"]))]
    for label, (_, pycodec, bom, langs) in plan:
        for mode in ("decl", "header"):
            feed = g.feed(langs, pycodec)
            if pycodec == "koi8_u":
                add_phrases(g, feed, UK_PHRASES)
            enc = mac_arabic if pycodec == "mac_arabic" else \
                codec_of(pycodec, bom)
            g.add("charset-label-spelling-" + mode, label, "rss2.0",
                  feed, Wire(decl=label if mode == "decl" else ""), enc,
                  label if mode == "header" else None, codec=pycodec)


def link_ref_amp_cases(g):
    """Links whose query's & is written as a character reference, decimal
    (&#38;) or hex (&#x26;), as an encoder that escapes every & by number
    writes them: in an RSS <link> and <guid>, and in an Atom href and id.
    The link is the URL with a plain &."""
    for variant, ref in (("dec", "&#38;"), ("hex", "&#x26;")):
        for fmt in ("rss2.0", "atom1.0"):
            feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
            for k, it in enumerate(feed["items"]):
                it["link"] += "?id=%d&lang=%s" % (k + 1, feed["lang"])
            text = FORMATS[fmt](feed, w, g.rnd).replace("&amp;lang=",
                                                        ref + "lang=")
            g.add("link-ref-amp", variant, fmt, feed, w,
                  enc=lambda _, t=text: t.encode("utf-8"))


# A whole HTML document as a CMS puts it in a description: its own
# <title> (the site's), a <meta>, a <style>, then the summary in <body>.
HTML_DOC = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
            "<title>%s</title><style>p{margin:0}</style></head>"
            "<body>%s</body></html>")


def desc_html_doc_cases(g):
    """RSS descriptions that hold a whole HTML document (<html><head>
    <title>...</title></head><body>...), escaped, in CDATA, or raw (so its
    <title> is an element inside the item): the item's title stays its
    own; the summary is the body's text."""
    for variant in ("escaped", "cdata", "raw"):
        feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
        text = FORMATS["rss2.0"](feed, w, g.rnd)
        unknown = {}
        for it in feed["items"]:
            summary, _ = html_of(it)
            doc = HTML_DOC % (html_escape(feed["title"], quote=False),
                              summary)
            body = {"escaped": w.esc(doc), "cdata": "<![CDATA[%s]]>" % doc,
                    "raw": doc.replace("<!DOCTYPE html>", "").replace(
                        '<meta charset="utf-8">', "<meta charset=\"utf-8\"/>")}
            text = text.replace("<description>%s</description>"
                                % w.esc(summary),
                                "<description>%s</description>"
                                % body[variant], 1)
            # Whether the head's title is text of the summary is left open.
            unknown[id(it)] = ("summary",)
        g.add("desc-html-doc", variant, "rss2.0", feed, w,
              enc=lambda _, t=text: t.encode("utf-8"), unknown=unknown)


def content_only_cases(g):
    """RSS items whose text is all in content:encoded, the description
    left empty by the template (<description/>, <description></description>,
    white space): the item is read, its content the text."""
    for variant, empty in (("self-closed", "<description/>"),
                           ("empty", "<description></description>"),
                           ("space", "<description>\n  </description>")):
        feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
        text = FORMATS["rss2.0"](feed, w, g.rnd)
        unknown = {}
        for it in feed["items"]:
            summary, _ = html_of(it)
            text = text.replace("<description>%s</description>"
                                % w.esc(summary), empty, 1)
            it["summary"] = None
            # A summary made of the content, or none: either is fair.
            unknown[id(it)] = ("summary",)
        g.add("content-only", variant, "rss2.0", feed, w,
              enc=lambda _, t=text: t.encode("utf-8"), unknown=unknown)


def title_empty_media_cases(g):
    """RSS items whose <title> a template left empty (<title/>,
    <title></title>) before a media:title that holds it: the title is the
    media:title."""
    for variant, empty in (("self-closed", "<title/>"),
                           ("empty", "<title></title>")):
        feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
        text = FORMATS["rss2.0"](feed, w, g.rnd)
        for it in feed["items"]:
            text = text.replace("<title>%s</title>" % w.esc(it["title"]),
                                "%s\n<media:title>%s</media:title>"
                                % (empty, w.esc(it["title"])), 1)
        g.add("title-empty-media", variant, "rss2.0", feed, w,
              enc=lambda _, t=text: t.encode("utf-8"))


def bom_title_cases(g):
    """A UTF-8 byte order mark (U+FEFF) inside the document, as a CMS that
    pasted a file's text writes it: at the start of the first item's title,
    of every title, or of the channel's title; in RSS and Atom. It is no
    character of the title."""
    for variant in ("first", "every", "channel"):
        for fmt in ("rss2.0", "atom1.0"):
            feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
            text = FORMATS[fmt](feed, w, g.rnd)
            its = {"first": feed["items"][:1], "every": feed["items"],
                   "channel": []}[variant]
            for it in its:
                t = w.esc(it["title"])
                text = text.replace(">%s</title>" % t,
                                    ">\ufeff%s</title>" % t, 1)
            if variant == "channel":
                text = text.replace("<title>%s</title>"
                                    % w.esc(feed["title"]),
                                    "<title>\ufeff%s</title>"
                                    % w.esc(feed["title"]), 1)
            g.add("bom-title", variant, fmt, feed, w,
                  enc=lambda _, t=text: t.encode("utf-8"))


# Doctypes naming an external DTD a reader never fetches, whose HTML
# entities the titles use: XHTML 1.0's, the HTML 4.01 one a CMS's page
# template has, and a site's own DTD by a relative path.
DOCTYPES_EXTERNAL = {
    "xhtml": '<!DOCTYPE %s PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
             '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">',
    "html4": '<!DOCTYPE %s PUBLIC "-//W3C//DTD HTML 4.01//EN" '
             '"http://www.w3.org/TR/html4/strict.dtd">',
    "system": '<!DOCTYPE %s SYSTEM "/dtd/feed.dtd">',
}


def doctype_dtd_entity_cases(g):
    """Feeds whose DOCTYPE names an external DTD (XHTML 1.0's, HTML 4.01's,
    a site's own by path), never fetched, and whose titles and summaries
    use HTML's named entities (&eacute; &nbsp; &hellip; &rsquo; &laquo;):
    the names decode as HTML's, as feedparser decodes them."""
    for variant, doctype in sorted(DOCTYPES_EXTERNAL.items()):
        for fmt, root in (("rss2.0", "rss"), ("atom1.0", "feed")):
            feed = g.feed(g.rnd.choice(LANG_SETS))
            add_phrases(g, feed, ENT_PHRASES)
            w = Wire(entities=True)
            text = FORMATS[fmt](feed, w, g.rnd)
            text = text.replace("<%s" % root, doctype % root + "\n<%s" % root,
                                1)
            g.add("doctype-dtd-entity", variant, fmt, feed, w,
                  enc=lambda _, t=text: t.encode("utf-8"))


def combined_cases(g):
    """The commonest faults at once in a legacy charset: HTML entities, a
    bare & in titles and links, and a NUL in one title, in windows-1251,
    KOI8-R, ISO-8859-5, IBM866, windows-1256 and ISO-8859-6, named in the
    declaration, only in HTTP, or nowhere; in RSS 2.0 and Atom."""
    plan = [ENCODINGS[0], ENCODINGS[1], ENCODINGS[2], MORE_ENCODINGS[1],
            ENCODINGS[7], ENCODINGS[8]]
    for label, pycodec, bom, langs in plan:
        for mode in ("decl", "header", "none"):
            fmt = g.rnd.choice(("rss2.0", "atom1.0"))
            feed = g.feed(langs, pycodec, items=5)
            add_phrases(g, feed, ["Q&A", "AT&T & Co", "R&D: 5 & 6"])
            for i, it in enumerate(feed["items"]):
                it["link"] += "?a=1&b=%d" % i
            it = feed["items"][2]
            words = it["title"].split(" ")
            it["title"] = "%s\x00 %s" % (words[0], " ".join(words[1:]))
            g.add("combined-" + mode, label, fmt, feed,
                  Wire(bare_amp=True, entities=True,
                       decl=label if mode == "decl" else ""),
                  codec_of(pycodec, bom),
                  label if mode == "header" else None, codec=pycodec,
                  unknown={id(it): ("title",)})


# Dates a CMS wrote for people, in words a date parser cannot place.
DATE_WORDS = ["\u0645\u0646\u0630 \u0633\u0627\u0639\u062a\u064a\u0646",
              "\u0432\u0447\u0435\u0440\u0430, 10:30",
              "\u0441\u0435\u0433\u043e\u0434\u043d\u044f \u0432 09:15",
              "2 hours ago", "Today, 10:30 AM", "n/a", "-", "TBD",
              "\u0627\u0644\u064a\u0648\u0645"]


def date_words_cases(g):
    """RSS <pubDate>s in words (منذ ساعتين, вчера, "2 hours ago", "n/a"),
    as a CMS that writes dates for people fills them: no item is dropped,
    whatever the date is read as."""
    for fmt in ("rss2.0", "atom1.0"):
        feed, w = g.feed(g.rnd.choice(LANG_SETS)), Wire()
        text = FORMATS[fmt](feed, w, g.rnd)
        el = "pubDate" if fmt == "rss2.0" else "published"
        text = re.sub(r"<(updated)>[^<]*</updated>\n(?=<author|<summary|"
                      r"<content|</entry)", "", text) if fmt == "atom1.0" \
            else text
        words = iter(g.rnd.choice(DATE_WORDS) for _ in feed["items"])
        text = re.sub(r"<%s>[^<]*</%s>" % (el, el),
                      lambda m: "<%s>%s</%s>" % (el, next(words), el), text)
        g.add("date-words", "", fmt, feed, w,
              enc=lambda _, t=text: t.encode("utf-8"),
              dates={"published": "?", "updated": "?"})


def main():
    """Write every case into OUTDIR, then the manifest."""
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    g = Gen(outdir)
    for step in (base_cases, entity_cases, bare_amp_cases, control_cases,
                 charset_cases, sparse_cases, dialect_cases,
                 stranger_cases, charset_conflict_cases,
                 charset_pasted_cases, date_shape_cases,
                 shared_id_cases, link_written_cases,
                 more_charset_cases, json_quirk_cases, doctype_cases,
                 xml_decl_cases, numeric_ref_cases, link_scheme_cases,
                 date_later_cases, atom_links_cases, json_pasted_cases,
                 podcast_title_cases, json_entity_cases,
                 json_lead_cases, json_syntax_cases,
                 text_escaped_twice_cases, charset_latin_cases,
                 link_stranger_cases, numeric_pair_cases,
                 html_lead_cases, attr_unquoted_cases,
                 russian_date_cases, utf8_declared_legacy_cases,
                 comment_cut_cases, json_version_cases, zone_more_cases,
                 mixed_dialect_cases, time_first_cases, rdf_bare_cases,
                 enclosure_cases, guid_empty_cases, channel_early_cases,
                 item_base_cases, bom_decl_cases, charset_crossed_cases,
                 dc_only_cases, link_self_cases, local_month_cases,
                 truncated_cases, link_two_cases, cdata_split_cases,
                 atom_rel_cases, atom_source_cases, youtube_cases,
                 google_news_cases, blogger_cases, telegram_cases,
                 raw_nested_cases, item_image_cases,
                 unclosed_item_cases, relative_link_cases, rfc822_odd_cases,
                 empty_date_cases, xhtml_prefix_cases,
                 guid_permalink_cases, embed_cases, title_cdata_refs_cases,
                 json_no_url_cases, entity_link_cases,
                 json_no_version_cases, truncated_quoting_cases,
                 embed_fallback_cases, enclosure_multi_cases,
                 item_empty_cases, many_items_cases, stylesheet_cases,
                 base_nested_cases, origlink_cases, guid_url_cases,
                 media_only_cases, persian_digit_cases,
                 truncated_item_quote_cases, embed_fallback_more_cases,
                 wordpress_cases, mastodon_cases, drupal_cases,
                 entity_attr_cases, ncr_invalid_cases, nul_between_cases,
                 bare_lt_cases, line_end_cases, latin1_c1_cases,
                 header_vs_decl_cases, comments_only_cases,
                 html_prologue_cases, nul_lead_cases,
                 charset_short_cases, escaped_pre_cases,
                 podcast_comments_cases, title_dup_cases,
                 title_blank_cases, lead_json_cases, long_line_cases,
                 substack_ghost_cases, mac_arabic_cases,
                 label_more_cases, escaped_pre_meta_cases,
                 attr_forbidden_cases, entity_nosemi_cases,
                 apos_netscape_cases, label_spelled_cases,
                 link_ref_amp_cases, desc_html_doc_cases,
                 content_only_cases, title_empty_media_cases,
                 bom_title_cases, doctype_dtd_entity_cases,
                 combined_cases, date_words_cases):
        step(g)
    g.write_manifest()
    print("%d cases" % len(g.cases))


if __name__ == "__main__":
    main()
