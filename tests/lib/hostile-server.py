#!/usr/bin/python3
"""A hostile HTTP server on 127.0.0.1 for tests/integration/hostile.sh.

Every path plays one bad actor; /good.xml is an honest feed, /ua.xml one
whose item's title is the User-Agent it was asked with. It listens on
127.0.0.1 and on 127.0.0.2 (a second host, for a redirect loop between
two), the same paths on both. Given a certificate and its key (files),
it serves the same over TLS on a third port of 127.0.0.1. Prints "port N M
T" (the ports, T 0 without TLS) once listening and serves until killed (or
300 s).
"""
import gzip
import http.server
import io
import socket
import socketserver
import ssl
import struct
import sys
import threading
import time
import zlib
from urllib.parse import unquote
from xml.sax.saxutils import escape

GOOD = ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        '<title>good</title><item><title>وزير خارجية كازاخستان في القاهرة</title>'
        '<link>http://127.0.0.1/good/1</link><guid>good-1</guid></item>'
        '</channel></rss>')

LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join('<!ENTITY lol%d "%s">' % (i, ("&lol%d;" % (i - 1) if i > 1 else "&lol;") * 10)
                    for i in range(1, 10))
          + ']><rss version="2.0"><channel><item><title>&lol9;</title></item></channel></rss>')

XXE_FILE = ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            '<rss version="2.0"><channel><item><title>leak &x; كازاخستان</title>'
            '<guid>xxe-1</guid></item></channel></rss>')

XXE_URL = ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "http://127.0.0.1:%d/good.xml">]>'
           '<rss version="2.0"><channel><item><title>fetch &x;</title>'
           '<guid>xxe-2</guid></item></channel></rss>')

NEST = '<rss version="2.0"><channel>' + '<item>' + '<x>' * 10000 + 'كازاخستان' + '</x>' * 10000 + '</item></channel></rss>'

BAD_BYTES = (b'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
             b'<item><title>\xff\xfe\x00 NUL and \xc0\xaf overlong \xed\xa0\x80 surrogate \xd9\x83\xd8\xa7\xd8\xb2\xd8\xa7\xd8\xae\xd8\xb3\xd8\xaa\xd8\xa7\xd9\x86</title>'
             b'<link>http://127.0.0.1/\xff\x00</link><guid>\x00bad\xff</guid>'
             b'<description>\x00\x01\x02\xff</description></item></channel></rss>')

# An honest feed whose one item's title is the User-Agent it was asked with.
# A title of 200,000 characters and a link of 20,000 bytes, in a feed small
# enough to be read whole: an exec sink must still get its alert.
LONG_FEED = (
    '<rss version="2.0"><channel><title>long</title><item>'
    '<title>كازاخستان ' + 'طويل ' * 40000 + '</title>'
    '<link>http://127.0.0.1/long?' + 'a' * 20000 + '</link>'
    '<guid>long-1</guid></item></channel></rss>').encode()

UA_FEED = ('<rss version="2.0"><channel><title>ua</title><item><title>%s</title>'
           '<guid>ua-1</guid></item></channel></rss>')

# Titles that try to be markup, or to turn the text around them: an Atom
# text title holding tags and entities, an override (U+202E) never ended,
# Arabic with Latin and digits inside it; and one title over two stories.
HOSTILE_TEXT = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<feed xmlns="http://www.w3.org/2005/Atom"><title>text</title>'
    '<entry><id>markup-1</id><link href="http://127.0.0.1/text/1"/>'
    '<title type="text">&lt;b&gt;x&lt;/b&gt; &amp;amp; &lt;img src="file:///etc/passwd"&gt; '
    '&lt;a href="http://evil.example/"&gt;كازاخستان&lt;/a&gt;</title>'
    '<summary>&lt;b&gt;كازاخستان&lt;/b&gt; &amp; &lt;i&gt;more&lt;/i&gt;</summary></entry>'
    '<entry><id>rlo-1</id><link href="http://127.0.0.1/text/2"/>'
    '<title>\u202eكازاخستان gnp.exe</title>'
    '<summary>\u202eنص كازاخستان</summary></entry>'
    '<entry><id>mixed-1</id><link href="http://127.0.0.1/text/3"/>'
    '<title>قمة C5 + 1 في كازاخستان</title>'
    '<summary>قادة كازاخستان في قمة C5 + 1</summary></entry>'
    '<entry><id>digest-1</id><link href="http://127.0.0.1/text/4"/>'
    '<title>أبرز أخبار اليوم من كازاخستان</title>'
    '<summary>أغلقت السيول الطريق بين ألماتي وبيشكيك ثلاثة أيام</summary></entry>'
    '<entry><id>digest-2</id><link href="http://127.0.0.1/text/5"/>'
    '<title>أبرز أخبار اليوم من كازاخستان</title>'
    '<summary>وقع رئيس كازاخستان اتفاقا للطاقة مع نظيره الأوزبكي</summary></entry>'
    '</feed>')

TWO_ITEMS = ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
             '<title>cut</title>'
             + ''.join('<item><title>خبر %d عن مصر</title><guid>cut-%d</guid>'
                       '<description>%s</description></item>' % (i, i, 'نص ' * 200)
                       for i in range(1, 9))
             + '</channel></rss>')

JS_PAGE = ('<html><body>' + ''.join('<article><h2><a href="javascript:alert(%d)">خبر كازاخستان %d</a></h2></article>' % (i, i)
                                     for i in range(50)) + '</body></html>')


ERROR_PAGE = ('<html><head><title>Error</title></head><body><h1>Error</h1>'
              '<p><a href="/">Home</a> <a href="/news/1">كازاخستان</a></p>'
              '</body></html>')


# Walls where the content should be: each a 200 with no item on it.
DENIED = ('<HTML><HEAD>\n<TITLE>Access Denied</TITLE>\n</HEAD><BODY>\n'
          '<H1>Access Denied</H1>\nYou don\'t have permission to access '
          '"http&#58;&#47;&#47;127&#46;0&#46;0&#46;1&#47;feed" on this server.'
          '<P>\nReference&#32;&#35;18&#46;5c1d3e17&#46;1733600000\n'
          '</BODY>\n</HTML>\n')
PORTAL = ('<!doctype html><html><head><title>Hotel Wi-Fi - Sign in</title>'
          '</head><body><h1>Welcome</h1><p>Accept the terms to connect to '
          'the Internet.</p><form method="post" action="/portal/login">'
          '<input name="room"><input type="password" name="pin">'
          '<button>Connect</button></form></body></html>')
CAPTCHA = ('<!doctype html><html><head><title>Security check</title>'
           '<script src="https://www.google.com/recaptcha/api.js"></script></head>'
           '<body><form action="/verify"><div class="g-recaptcha" data-sitekey="k">'
           '</div><button>Continue</button></form></body></html>')
LOGIN = ('<!doctype html><html><head><title>تسجيل الدخول</title></head><body>'
         '<form method="post" action="/login"><input name="user">'
         '<input type="Password" name="pw"><button>دخول</button></form></body></html>')
COOKIE_SCRIPT = ('<html><body><script>document.cookie="__test=1f2e; path=/";'
                 'location.href="/cookie-script.html?i=1";</script>'
                 '<noscript>This site requires Javascript to work</noscript>'
                 '</body></html>')


def gzip_bomb():
    """About 1 MB of gzip that inflates to 1 GiB of zeros."""
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = bytes(1 << 20)
    out = [z.compress(block) for _ in range(1024)]
    out.append(z.flush())
    return b"".join(out)


def huge_feed():
    items = "".join('<item><title>n%d</title><guid>g%d</guid></item>' % (i, i)
                    for i in range(100000))
    return ('<rss version="2.0"><channel>%s</channel></rss>' % items).encode()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_body(self, body, ctype="application/xml", extra=(), code=200):
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def raw(self, data):
        """Bytes as they are, then the connection closes."""
        try:
            self.wfile.write(data)
            self.wfile.flush()
        except OSError:
            pass
        self.close_connection = True

    def redirect(self, where, code=302):
        self.send_response(code)
        self.send_header("Location", where)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def forever(self, chunk, delay):
        deadline = time.monotonic() + 60
        try:
            while time.monotonic() < deadline:
                self.wfile.write(chunk)
                self.wfile.flush()
                time.sleep(delay)
        except OSError:
            pass

    def do_GET(self):
        p = self.path
        if p == "/good.xml":
            self.send_body(GOOD)
        elif p == "/neutral.xml" or p.startswith("/neutral.xml?"):
            self.send_body(GOOD.replace("good-1", "neutral-1")
                           .replace("كازاخستان", "مصر"))
        elif p == "/laughs.xml":
            self.send_body(LAUGHS)
        elif p == "/xxe-file.xml":
            self.send_body(XXE_FILE)
        elif p == "/xxe-url.xml":
            self.send_body(XXE_URL % self.server.server_address[1])
        elif p == "/to-file":
            self.redirect("file:///etc/passwd")
        elif p == "/to-gopher":
            self.redirect("gopher://127.0.0.1/")
        elif p.startswith("/redirect/"):
            n = int(p.split("/")[2])
            self.redirect("/redirect/%d" % (n + 1))
        elif p == "/nest.xml":
            self.send_body(NEST)
        elif p == "/bad-bytes.xml":
            self.send_body(BAD_BYTES)
        elif p == "/gzip-bomb.xml":
            self.send_body(self.server.bomb, extra=[("Content-Encoding", "gzip")])
        elif p == "/big-title.xml":
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.end_headers()
            try:
                self.wfile.write(b'<rss version="2.0"><channel><item><title>')
                chunk = "كازاخستان ".encode() * 5000
                for _ in range(100 * (1 << 20) // len(chunk)):
                    self.wfile.write(chunk)
            except OSError:
                pass
        elif p == "/drip.xml":
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", "1000000")
            self.end_headers()
            self.forever(b"<", 1.0)
        elif p == "/headers-forever":
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            self.forever(b"X-Never-Ending: yes\r\n", 0.05)
        elif p == "/chunked-forever.xml":
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            self.forever(b"5\r\n<rss>\r\n", 0.2)
        elif p == "/huge.xml":
            self.send_body(self.server.huge)
        elif p == "/js.html":
            self.send_body(JS_PAGE, "text/html; charset=utf-8")
        elif p == "/big-header.xml":
            self.raw(b"HTTP/1.1 200 OK\r\nX-Big: " + b"x" * (1 << 20) +
                     b"\r\nContent-Length: 0\r\n\r\n")
        elif p == "/many-headers.xml":
            self.raw(b"HTTP/1.1 200 OK\r\n" +
                     b"".join(b"X-H%d: %s\r\n" % (i, b"y" * 100)
                              for i in range(10000)) +
                     b"Content-Length: 0\r\n\r\n")
        elif p == "/bad-chunk.xml":
            self.raw(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                     b"zz\r\n<rss>\r\n0\r\n\r\n")
        elif p == "/short-body.xml":
            self.raw(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n<rss>")
        elif p == "/bad-location":
            self.raw(b"HTTP/1.1 302 Found\r\nLocation: http://[::1\r\n"
                     b"Content-Length: 0\r\n\r\n")
        elif p == "/not-http":
            self.raw(b"SSH-2.0-OpenSSH_9.2\r\n")
        elif p == "/bad-gzip.xml":
            self.send_body(b"this is not gzip at all", extra=[("Content-Encoding", "gzip")])
        elif p == "/bad-brotli.xml":
            # Plain XML announced as brotli: curl's brotli says "write error".
            self.send_body(GOOD, extra=[("Content-Encoding", "br")])
        elif p == "/not-modified":
            # 304 to a first poll, which names no version it already has.
            self.send_response(304)
            self.end_headers()
        elif p == "/gone.xml":
            self.send_body(ERROR_PAGE, "text/html", code=410)
        elif p == "/forbidden.xml":
            self.send_body(ERROR_PAGE, "text/html", code=403)
        elif p == "/broken.xml":
            self.send_body(ERROR_PAGE, "text/html", code=500)
        elif p == "/challenge.xml":
            # Cloudflare's challenge: a 403 page that needs a browser.
            self.send_body(ERROR_PAGE, "text/html", code=403,
                           extra=[("cf-mitigated", "challenge"),
                                  ("Server", "cloudflare")])
        elif p == "/no-location":
            self.send_response(302)
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif p == "/blank-location":
            self.raw(b"HTTP/1.1 301 Moved\r\nLocation: \t\r\n"
                     b"Content-Length: 0\r\n\r\n")
        elif p == "/bom-only.xml":
            self.send_body(b"\xef\xbb\xbf\r\n", "text/html")
        elif p == "/continue-flood":
            # Interim answers without end, each small: 100 Continue.
            self.forever(b"HTTP/1.1 100 Continue\r\n\r\n" * 100, 0)
        elif p == "/hints-flood":
            # 103 Early Hints without end, each with a preload link.
            self.forever(b"HTTP/1.1 103 Early Hints\r\n"
                         b"Link: </style.css>; rel=preload\r\n\r\n" * 100, 0)
        elif p == "/x-foo.xml":
            self.send_body(GOOD, extra=[("Content-Encoding", "x-foo")])
        elif p == "/etag-bytes.xml":
            self.raw(b"HTTP/1.1 200 OK\r\nETag: \"\xff\xfe\xc0\xaf\"\r\n"
                     b"Last-Modified: \xd9\x83 \xff\r\n"
                     b"Content-Length: %d\r\n\r\n%s" % (len(GOOD.encode()),
                                                        GOOD.encode()))
        elif p == "/etag-huge.xml":
            # An ETag of 20 KB; sent back, it is more than a server takes.
            if len(self.headers.get("If-None-Match", "")) > 8192:
                self.send_body(b"", "text/plain", code=431)
            else:
                self.send_body(GOOD, extra=[("ETag", '"%s"' % ("e" * 20000))])
        elif p == "/with%20space.xml":
            self.send_body(GOOD.replace("good-1", "space-1")
                           .replace("كازاخستان", "مصر"))
        elif p == "/logo.png":
            self.send_body(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png")
        elif p == "/lying-type.xml":
            # A feed sent as an image: the body says what it is.
            self.send_body(GOOD.replace("good-1", "lying-1")
                           .replace("كازاخستان", "مصر"), "image/png")
        elif p == "/mid-header":
            # The connection closes in the middle of a header line.
            self.raw(b"HTTP/1.1 200 OK\r\nContent-Ty")
        elif p == "/status-999":
            self.raw(b"HTTP/1.1 999 Whatever\r\nContent-Length: 0\r\n\r\n")
        elif p == "/gzip-tower.xml":
            # Ten layers of gzip, each announced.
            body = GOOD.encode()
            for _ in range(10):
                body = gzip.compress(body)
            self.send_body(body, extra=[("Content-Encoding",
                                         ", ".join(["gzip"] * 10))])
        elif p == "/nothing":
            self.close_connection = True
        elif p == "/text.xml":
            self.send_body(HOSTILE_TEXT)
        elif p == "/long.xml":
            self.send_body(LONG_FEED)
        elif p == "/two-lengths.xml":
            self.raw(b"HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n"
                     b"Content-Length: 12\r\nContent-Length: 40\r\n\r\n" +
                     GOOD.encode())
        elif p == "/loop-a":
            self.redirect("http://127.0.0.2:%d/loop-b" % self.server.ports[1])
        elif p == "/loop-b":
            self.redirect("http://127.0.0.1:%d/loop-a" % self.server.ports[0])
        elif p == "/cookie-check.xml":
            # Sets a cookie and redirects to itself until it is sent back.
            if "seen=1" in self.headers.get("Cookie", ""):
                self.send_body(GOOD.replace("good-1", "cookie-1"))
            else:
                self.send_response(302)
                self.send_header("Set-Cookie", "seen=1; Path=/")
                self.send_header("Location", "/cookie-check.xml")
                self.send_header("Content-Length", "0")
                self.end_headers()
        elif p == "/captcha.html":
            self.send_body(CAPTCHA, "text/html")
        elif p == "/login.html":
            self.send_body(LOGIN, "text/html; charset=utf-8")
        elif p.startswith("/cookie-script.html"):
            self.send_body(COOKIE_SCRIPT, "text/html")
        elif p == "/download":
            self.send_body(b"PK\x03\x04\x14\x00\x00\x00\x08\x00junk\x00\x01",
                           "application/octet-stream",
                           extra=[("Content-Disposition",
                                   'attachment; filename="news-2024.zip"')])
        elif p == "/rate-limited.xml":
            self.send_body("slow down", "text/plain", code=429,
                           extra=[("Retry-After", "3600")])
        elif p == "/silent":
            # Accepts, reads the request, and sends nothing at all.
            time.sleep(60)
            self.close_connection = True
        elif p == "/stall-mid.xml":
            # Its headers and the body's first bytes, then nothing.
            body = GOOD.replace("good-1", "stall-1").encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[:60])
            self.wfile.flush()
            time.sleep(60)
            self.close_connection = True
        elif p in ("/gzip-crc.xml", "/deflate-adler.xml"):
            # Whole, but its checksum changed: damaged on the way.
            item = GOOD.replace("good-1", p[1:5] + "-1").encode()
            z = bytearray(gzip.compress(item) if p[1] == "g"
                          else zlib.compress(item))
            z[-8 if p[1] == "g" else -1] ^= 0xff
            self.send_body(bytes(z), extra=[("Content-Encoding",
                                             "gzip" if p[1] == "g"
                                             else "deflate")])
        elif p == "/to-silent":
            self.redirect("http://127.0.0.2:%d/silent" % self.server.ports[1])
        elif p == "/gzip-cut.xml":
            # Two items gzipped, the stream cut in the second's title.
            body = gzip.compress(TWO_ITEMS.encode())
            self.send_body(body[:len(body) * 3 // 4],
                           extra=[("Content-Encoding", "gzip")])
        elif p in ("/gzip-cut-chunked.xml", "/gzip-chunked.xml"):
            # In chunks of 700 bytes, each with an extension; the first cut
            # in its sixth item, the stream's end never sent.
            body = gzip.compress(TWO_ITEMS.replace("cut-", p[1:-4] + "-")
                                 .encode())
            if "cut" in p:
                body = body[:len(body) * 3 // 4]
            out = [b"HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n"
                   b"Content-Encoding: gzip\r\n"
                   b"Transfer-Encoding: chunked\r\n\r\n"]
            for i in range(0, len(body), 700):
                part = body[i:i + 700]
                out.append(b"%X;x=y\r\n%s\r\n" % (len(part), part))
            out.append(b"0\r\nX-Trailer: t\r\n\r\n")
            self.raw(b"".join(out))
        elif p == "/x-gzip.xml":
            self.send_body(gzip.compress(GOOD.replace("good-1", "xgzip-1")
                                         .replace("كازاخستان", "مصر").encode()),
                           extra=[("Content-Encoding", "x-gzip")])
        elif p == "/zstd-cut.xml":
            # A zstd frame's header, then empty blocks, never the last.
            self.send_body(b"\x28\xb5\x2f\xfd" + b"\x00" * 40,
                           extra=[("Content-Encoding", "zstd")])
        elif p == "/gzip-header-only.xml":
            self.send_body(gzip.compress(GOOD.encode())[:10],
                           extra=[("Content-Encoding", "gzip")])
        elif p == "/loc-crlf":
            self.raw(b"HTTP/1.1 302 Found\r\nLocation: /neutral.xml\r\n"
                     b" x\r\nContent-Length: 0\r\n\r\n")
        elif p == "/loc-space":
            self.raw(b"HTTP/1.1 302 Found\r\nLocation:   /with space.xml  \r\n"
                     b"Content-Length: 0\r\n\r\n")
        elif p == "/loc-proto-rel":
            self.redirect("//127.0.0.2:%d/neutral.xml" % self.server.ports[1])
        elif p == "/a/b/loc-rel":
            self.redirect("../../neutral.xml")
        elif p == "/to-ftp":
            self.redirect("ftp://127.0.0.1/feed.xml")
        elif p == "/to-data":
            self.redirect("data:text/xml,<rss/>")
        elif p.startswith("/chain/"):
            n = int(p.split("/")[2])
            self.redirect("/chain/%d" % (n + 1) if n < 20 else "/neutral.xml")
        elif p == "/cookie-flood.xml":
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            for i in range(5000):
                self.send_header("Set-Cookie", "c%d=%s; Path=/" % (i, "v" * 40))
            body = GOOD.replace("good-1", "cookies-1").replace("كازاخستان", "مصر").encode()
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif p == "/no-colon.xml":
            body = GOOD.replace("good-1", "nocolon-1").replace("كازاخستان", "مصر").encode()
            self.raw(b"HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n"
                     b"This line has no colon\r\nContent-Length: %d\r\n\r\n%s"
                     % (len(body), body))
        elif p == "/http09":
            self.raw(GOOD.encode())
        elif p == "/garbage-status":
            self.raw(b"HTTP/1.1 ##garbage## \x01\xff\r\nContent-Length: 0\r\n\r\n")
        elif p == "/early-hints.xml":
            body = GOOD.replace("good-1", "hints-1").replace("كازاخستان", "مصر").encode()
            self.raw(b"HTTP/1.1 103 Early Hints\r\nLink: </x.css>; rel=preload\r\n\r\n"
                     b"HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n"
                     b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        elif p == "/empty-etag.xml":
            self.send_body(b"", extra=[("ETag", '"e1"')])
        elif p == "/unauthorized.xml":
            self.send_body(ERROR_PAGE, "text/html", code=401,
                           extra=[("WWW-Authenticate", 'Basic realm="x"')])
        elif p == "/legal.xml":
            self.send_body(ERROR_PAGE, "text/html", code=451)
        elif p == "/busy.xml":
            self.send_body("busy", "text/plain", code=503,
                           extra=[("Retry-After", "120")])
        elif p == "/busy-date.xml":
            when = time.strftime("%a, %d %b %Y %H:%M:%S GMT",
                                 time.gmtime(time.time() + 1800))
            self.send_body("busy", "text/plain", code=503,
                           extra=[("Retry-After", when)])
        elif p == "/busy-absurd.xml":
            self.send_body("busy", "text/plain", code=503,
                           extra=[("Retry-After", "99999999")])
        elif p == "/ua.xml":
            # Every User-Agent line the request carried: one is right.
            self.send_body(UA_FEED % escape(
                " | ".join(self.headers.get_all("User-Agent", []))))
        elif p == "/to-login":
            self.redirect("http://reader:s3cret-pw@127.0.0.1:%d/login.xml"
                          % self.server.ports[0])
        elif p == "/to-login-rel":
            self.redirect("//reader:s3cret-pw@127.0.0.2:%d/login.xml"
                          % self.server.ports[1])
        elif p == "/login.xml":
            # Read only by a client that sends the login it was given.
            if self.headers.get("Authorization"):
                self.send_body(GOOD.replace("good-1", "login-1"))
            else:
                self.send_body(b"", "text/plain", code=401)
        elif p == "/to-at-query":
            self.redirect("http://127.0.0.2:%d/neutral.xml?by=a@b"
                          % self.server.ports[1])
        elif p == "/long-location":
            self.redirect("/neutral.xml?" + "a" * 65536)
        elif p == "/to-refusing":
            # Port 1 (tcpmux) listens nowhere: the connection is refused.
            self.redirect("http://127.0.0.1:1/good.xml")
        elif p == "/partial-200.xml":
            body = GOOD.encode()
            self.send_body(body[:60], extra=[
                ("Content-Range", "bytes 0-59/%d" % len(body))])
        elif p == "/gzip-not-applied.xml":
            self.send_body(GOOD.replace("good-1", "notgz-1")
                           .replace("كازاخستان", "مصر"),
                           extra=[("Content-Encoding", "gzip")])
        elif p == "/whole-range.xml":
            body = GOOD.replace("good-1", "range-1") \
                .replace("كازاخستان", "مصر").encode()
            self.send_body(body, extra=[
                ("Content-Range", "bytes 0-%d/%d" % (len(body) - 1, len(body)))])
        elif p == "/ae.xml":
            # The item's title is every Accept-Encoding line it was asked
            # with: one is right.
            self.send_body(UA_FEED.replace("ua-1", "ae-1") % escape(
                " | ".join(self.headers.get_all("Accept-Encoding", []))))
        elif p in ("/deflate.xml", "/deflate-raw.xml"):
            # deflate as RFC 9110 has it (zlib's wrapper), and raw, as
            # some servers send it.
            z = zlib.compressobj(6, zlib.DEFLATED,
                                 -15 if "raw" in p else 15)
            body = GOOD.replace("good-1", p[1:-4] + "-1") \
                .replace("كازاخستان", "مصر").encode()
            self.send_body(z.compress(body) + z.flush(),
                           extra=[("Content-Encoding", "deflate")])
        elif p == "/slow-redirect":
            # A 301 whose 40-byte body takes 6 s to come, to a feed that
            # answers after 5 s: the redirect eats the timeout (10 s).
            self.send_response(301)
            self.send_header("Location", "/late.xml")
            self.send_header("Content-Length", "40")
            self.end_headers()
            try:
                for _ in range(40):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.15)
            except OSError:
                pass
        elif p == "/redirect-forever":
            # A 302 whose chunked body never ends, sent fast.
            self.send_response(302)
            self.send_header("Location", "/neutral.xml")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            self.forever(b"400\r\n" + b"x" * 1024 + b"\r\n", 0.001)
        elif p == "/redirect-huge":
            # A 302 that announces a body of 20 GB.
            self.raw(b"HTTP/1.1 302 Found\r\nLocation: /neutral.xml\r\n"
                     b"Content-Length: 20000000000\r\n\r\n" + b"x" * 100000)
        elif p == "/late.xml":
            time.sleep(5)
            self.send_body(GOOD.replace("good-1", "late-1")
                           .replace("كازاخستان", "مصر"))
        elif p == "/gzip-range.xml":
            # A piece of a gzip body, its size not given: a cut stream.
            body = gzip.compress(TWO_ITEMS.replace("cut-", "grange-").encode())
            body = body[:len(body) * 3 // 4]
            self.send_body(body, extra=[
                ("Content-Encoding", "gzip"),
                ("Content-Range", "bytes 0-%d/*" % (len(body) - 1))])
        elif p == "/partial-206.xml":
            # 206 to a request that asked for no range, as multipart.
            self.send_body(GOOD.replace("good-1", "p206-1"),
                           "multipart/byteranges; boundary=B", code=206)
        elif p == "/loc-utf8":
            self.raw("HTTP/1.1 302 Found\r\nLocation: /أخبار.xml\r\n"
                     "Content-Length: 0\r\n\r\n".encode())
        elif unquote(p) == "/أخبار.xml":
            # As web servers do, the path is read percent-decoded.
            self.send_body(GOOD.replace("good-1", "utf8-1")
                           .replace("كازاخستان", "مصر"))
        elif p == "/loc-frag":
            self.redirect("/neutral.xml?via=frag#top")
        elif p == "/http10-cut.xml":
            # HTTP/1.0, no length: the body ends where the connection
            # closes, here in the middle of the fourth item.
            body = TWO_ITEMS.replace("cut-", "h10-").encode()
            self.raw(b"HTTP/1.0 200 OK\r\nContent-Type: application/xml\r\n"
                     b"\r\n" + body[:body.index(b"<guid>h10-4")])
        elif p == "/nul-header.xml":
            body = GOOD.replace("good-1", "nul-1").replace("كازاخستان", "مصر")
            self.raw(b"HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n"
                     b"X-Id: a\x00b\r\nContent-Length: %d\r\n\r\n%s"
                     % (len(body.encode()), body.encode()))
        elif p.startswith("/close-each.xml"):
            # An honest feed, the connection closed after each answer.
            self.send_body(GOOD.replace("good-1", "close-1")
                           .replace("كازاخستان", "مصر"),
                           extra=[("Connection", "close")])
            self.close_connection = True
        elif p.startswith("/reset-mid.xml"):
            # Half the announced body, then a reset (RST, not FIN).
            body = GOOD.encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[:len(body) // 2])
            self.wfile.flush()
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                       struct.pack("ii", 1, 0))
            self.close_connection = True
        elif p.startswith("/idle-close.xml"):
            # An honest feed on a kept-alive connection, closed by the
            # server once it has been idle for 300 ms.
            self.send_body(GOOD.replace("good-1", "idle-1")
                           .replace("كازاخستان", "مصر"))
            self.connection.settimeout(0.3)
        elif p in ("/trailers-forever.xml", "/trailers-slow.xml"):
            # The whole body in one chunk, the last chunk, then trailer
            # lines that never end: fast, or one every half second.
            body = GOOD.replace("good-1", "trailer-1").encode()
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: "
                             b"application/xml\r\nTransfer-Encoding: "
                             b"chunked\r\n\r\n%X\r\n%s\r\n0\r\n"
                             % (len(body), body))
            if "slow" in p:
                self.forever(b"X-Trailer: t\r\n", 0.5)
            else:
                self.forever(b"X-Trailer: " + b"t" * 1000 + b"\r\n", 0)
        elif p == "/trailer-long.xml":
            body = GOOD.replace("good-1", "trailer-2").encode()
            self.raw(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
                     b"\r\n%X\r\n%s\r\n0\r\nX-Trailer: %s\r\n\r\n"
                     % (len(body), body, b"t" * (1 << 20)))
        elif p.startswith("/fold-first.xml"):
            # The first header line folded, continuing none before it.
            body = GOOD.replace("good-1", "fold-1").encode()
            self.raw(b"HTTP/1.1 200 OK\r\n  folded: x\r\nContent-Length: "
                     b"%d\r\n\r\n%s" % (len(body), body))
        elif p in ("/moved-308", "/moved-307"):
            self.redirect("/neutral.xml?via=" + p[7:], int(p[7:]))
        elif p == "/lt-10m.xml":
            # Just under the body limit, of '<' alone.
            self.send_body(b"<" * (10 * 1024 * 1024 - 1))
        elif p == "/header-100k.xml":
            body = GOOD.replace("good-1", "h100k-1").replace("كازاخستان", "مصر")
            self.raw(b"HTTP/1.1 200 OK\r\nX-Big: " + b"x" * (100 << 10) +
                     b"\r\nContent-Length: %d\r\n\r\n%s"
                     % (len(body.encode()), body.encode()))
        elif p == "/rss-as-html":
            self.send_body(GOOD.replace("good-1", "rsshtml-1")
                           .replace("كازاخستان", "مصر"), "text/html")
        elif p == "/html-as-rss.xml":
            self.send_body(ERROR_PAGE.replace("كازاخستان", "مصر"),
                           "application/rss+xml", code=200)
        elif p.startswith("/turn/"):
            # What each poll gets, in turn: /turn/KIND/NAME.
            kind = p.split("/")[2]
            n = self.server.turn(p)
            if kind == "empty" and n > 1:
                self.send_body(b"", extra=[("ETag", '"e%d"' % n)])
            elif kind == "flaky" and n % 2 == 0:
                self.send_body(ERROR_PAGE, "text/html", code=500)
            elif kind == "deny" and n > 1:
                # Akamai's refusal, sent as a success.
                self.send_body(DENIED, "text/html")
            elif kind == "portal" and n > 1:
                # A hotel's network, answering for every site.
                self.send_body(PORTAL, "text/html")
            elif kind == "churn":
                # Same stories; ETag, Last-Modified, blanks and tracking
                # parameters new at each poll.
                when = time.strftime("%a, %d %b %Y %H:%M:%S GMT",
                                     time.gmtime(time.time() - 3600 + n))
                body = ('<rss version="2.0">%s<channel><title>churn</title>'
                        '<item><title>%sكازاخستان   تفتح  سفارة</title>'
                        '<link>http://127.0.0.1/churn/1?utm_source=rss%d&amp;'
                        'fbclid=x%d</link></item></channel></rss>'
                        % ("\n" * n, " " * n, n, n))
                self.send_body(body, extra=[("ETag", '"c%d"' % n),
                                            ("Last-Modified", when)])
            elif kind == "guid":
                # The same story under a new guid and link at each poll.
                body = ('<rss version="2.0"><channel><title>guid</title>'
                        '<item><title>كازاخستان تفتح سفارة في القاهرة</title>'
                        '<link>http://127.0.0.1/guid/%d</link>'
                        '<guid>guid-%d</guid><description>قال الوزير إن '
                        'السفارة تفتح أبوابها الشهر المقبل</description>'
                        '</item></channel></rss>' % (n, n))
                self.send_body(body)
            else:
                self.send_body(GOOD.replace("good-1", kind + "-1"))
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    turns = {}
    lock = threading.Lock()

    def turn(self, path):
        """How many times path was asked, this one included."""
        with self.lock:
            self.turns[path] = self.turns.get(path, 0) + 1
            return self.turns[path]


def main():
    srv = Server(("127.0.0.1", 0), Handler)
    other = Server(("127.0.0.2", 0), Handler)
    ports = (srv.server_address[1], other.server_address[1])
    bomb, huge = gzip_bomb(), huge_feed()
    servers = [srv, other]
    tls_port = 0
    if len(sys.argv) == 3:
        tls = Server(("127.0.0.1", 0), Handler)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(sys.argv[1], sys.argv[2])
        tls.socket = ctx.wrap_socket(tls.socket, server_side=True)
        tls_port = tls.server_address[1]
        servers.append(tls)
    for s in servers:
        s.bomb, s.huge, s.ports = bomb, huge, ports
    print("port %d %d %d" % (ports + (tls_port,)), flush=True)
    for s in servers[1:]:
        threading.Thread(target=s.serve_forever, daemon=True).start()
    threading.Timer(300, srv.shutdown).start()
    srv.serve_forever()


main()
