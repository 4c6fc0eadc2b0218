"""A web server for tests/integration/local-redirect.sh, on every address of
a private network namespace (IPv4 and IPv6 at once): /feed.xml is a feed of
one story; /to?u=URL redirects (302) to URL. Every request is logged to
stdout as "GET PATH HOST", so a test can tell which requests came; one
sent to it as to a proxy (the whole URL) as "PROXY URL", and answered. A
second port, the one only refused redirects name, logs "CONNECT" for each
connection it accepts, before any byte. It prints "port N M" once both
listen."""
import http.server
import socket
import sys
import threading
import urllib.parse

LOG = threading.Lock()


def log(line):
    """One whole line at a time: print() writes the text and its newline
    apart, so two handler threads could run their lines together."""
    with LOG:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()

FEED = ("<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel>"
        "<title>t</title><item><title>خبر عن كازاخستان</title>"
        "<link>http://news.example/a</link><guid>a</guid></item>"
        "</channel></rss>").encode()


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        # A proxy's request names the whole URL: this server plays the
        # proxy too, and answers it as the site would.
        if self.path.startswith("http"):
            log("PROXY %s" % self.path)
        else:
            log("GET %s %s" % (self.path, self.headers.get("Host")))
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/to":
            target = urllib.parse.parse_qs(url.query)["u"][0]
            self.send_response(302)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(FEED)))
        self.end_headers()
        self.wfile.write(FEED)

    def log_message(self, *args):
        pass


class Server(http.server.ThreadingHTTPServer):
    address_family = socket.AF_INET6

    def server_bind(self):
        self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        super().server_bind()


class Watched(Server):
    def verify_request(self, request, client_address):
        log("CONNECT %s" % client_address[0])
        return True


srv = Server(("::", 0), Handler)
watched = Watched(("::", 0), Handler)
threading.Thread(target=watched.serve_forever, daemon=True).start()
log("port %d %d" % (srv.server_address[1], watched.server_address[1]))
srv.serve_forever()
