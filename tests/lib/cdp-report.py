"""Open a page of `raqib report` in a running headless Chromium and write
what a person meets there, as the browser laid it out, to a JSON file.
Usage: cdp-report.py PROFILE-DIR PAGE OUT.json

Chromium was started with --remote-debugging-port=0 and
--user-data-dir=PROFILE-DIR: its DevToolsActivePort file names the port.
The DevTools protocol is spoken over a websocket on 127.0.0.1 with the
stdlib alone (PyPI is out of reach): the page's network requests and
console messages are recorded while it loads, then the DOM is asked for
the computed direction of each title, the chart's bars and topic names.
Every wait is bounded.
"""
import base64
import json
import os
import socket
import struct
import sys
import time
import urllib.request

DEADLINE = time.monotonic() + 40


def left():
    return max(0.1, DEADLINE - time.monotonic())


def devtools_port(profile):
    path = os.path.join(profile, "DevToolsActivePort")
    while time.monotonic() < DEADLINE:
        try:
            with open(path) as f:
                port = f.readline().strip()
            if port:
                return int(port)
        except OSError:
            pass
        time.sleep(0.1)
    sys.exit("chromium never said its DevTools port")


class WebSocket:
    """The client side of RFC 6455: text frames, masked; no extensions."""

    def __init__(self, url):
        assert url.startswith("ws://127.0.0.1:"), url
        hostport, path = url[5:].split("/", 1)
        host, port = hostport.split(":")
        self.sock = socket.create_connection((host, int(port)), left())
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(("GET /%s HTTP/1.1\r\nHost: %s\r\n"
                           "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                           "Sec-WebSocket-Key: %s\r\n"
                           "Sec-WebSocket-Version: 13\r\n\r\n"
                           % (path, hostport, key)).encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1)
            if not chunk:
                sys.exit("websocket: connection closed in the handshake")
            head += chunk
        if b" 101 " not in head.split(b"\r\n")[0]:
            sys.exit("websocket: refused: %r" % head)

    def _read(self, n):
        buf = b""
        while len(buf) < n:
            self.sock.settimeout(left())
            chunk = self.sock.recv(n - len(buf))
            if not chunk:
                sys.exit("websocket: connection closed")
            buf += chunk
        return buf

    def send(self, text, opcode=1):
        data = text.encode() if isinstance(text, str) else text
        mask = os.urandom(4)
        n = len(data)
        head = bytes([0x80 | opcode])
        if n < 126:
            head += bytes([0x80 | n])
        elif n < 65536:
            head += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            head += bytes([0x80 | 127]) + struct.pack(">Q", n)
        body = bytes(b ^ mask[i % 4] for i, b in enumerate(data))
        self.sock.sendall(head + mask + body)

    def recv(self):
        message = b""
        while True:
            b0, b1 = self._read(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._read(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._read(8))[0]
            data = self._read(n)
            opcode = b0 & 0x0F
            if opcode == 9:
                self.send(data, opcode=10)
                continue
            if opcode == 8:
                sys.exit("websocket: closed by chromium")
            message += data
            if b0 & 0x80:
                return message.decode()


class DevTools:
    def __init__(self, url):
        self.ws = WebSocket(url)
        self.next = 0
        self.events = []

    def call(self, method, **params):
        self.next += 1
        self.ws.send(json.dumps({"id": self.next, "method": method,
                                 "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == self.next:
                if "error" in msg:
                    sys.exit("%s: %s" % (method, msg["error"]))
                return msg.get("result", {})
            self.events.append(msg)

    def wait(self, method):
        while not any(e.get("method") == method for e in self.events):
            self.events.append(json.loads(self.ws.recv()))

    def value(self, expression):
        r = self.call("Runtime.evaluate", expression=expression,
                      returnByValue=True)
        if "exceptionDetails" in r:
            sys.exit("%s: %s" % (expression, r["exceptionDetails"]))
        return r["result"].get("value")


QUERIES = {
    # [text, computed direction] of each story title, as laid out.
    "titles": "[...document.querySelectorAll('.title')].map(e =>"
              " [e.textContent, getComputedStyle(e).direction])",
    # The chart's bars that take room on the screen.
    "bars": "[...document.querySelectorAll('svg rect.bar')].filter(e =>"
            " e.getBoundingClientRect().height > 0 &&"
            " e.getBoundingClientRect().width > 0).length",
    "topics": "[...document.querySelectorAll('svg text.topic')].map(e =>"
              " e.textContent)",
    "headings": "[...document.querySelectorAll('h2')].map(e =>"
                " e.innerText)",
    "scripts": "document.scripts.length",
    "direction": "getComputedStyle(document.body).direction",
    "text": "document.body.innerText",
}


def main():
    profile, page, out = sys.argv[1:4]
    port = devtools_port(profile)
    with urllib.request.urlopen("http://127.0.0.1:%d/json/list" % port,
                                timeout=left()) as r:
        targets = json.load(r)
    target = next(t for t in targets if t.get("type") == "page")
    dt = DevTools(target["webSocketDebuggerUrl"])
    for domain in ("Network", "Log", "Runtime", "Page"):
        dt.call(domain + ".enable")
    dt.call("Page.navigate", url="file://" + os.path.abspath(page))
    dt.wait("Page.loadEventFired")
    obs = {k: dt.value(q) for k, q in QUERIES.items()}
    obs["requests"] = [e["params"]["request"]["url"] for e in dt.events
                       if e.get("method") == "Network.requestWillBeSent"]
    obs["console"] = [e["params"]["entry"]["text"] for e in dt.events
                      if e.get("method") == "Log.entryAdded"]
    obs["console"] += [" ".join(str(a.get("value")) for a in
                                e["params"].get("args", []))
                       for e in dt.events
                       if e.get("method") == "Runtime.consoleAPICalled"]
    with open(out, "w", encoding="utf-8") as f:
        json.dump(obs, f, ensure_ascii=False, indent=1)


main()
