#!/usr/bin/python3
"""A service manager's end of sd_notify(3), for tests.

    notify-listen.py SOCKET LOG [SECONDS]

Binds a datagram socket at SOCKET (a path, or @name for the abstract
namespace), and appends every field of every message it receives to LOG as
"SECONDS-SINCE-START FIELD=VALUE", one line each, flushed at once. Exits
after SECONDS (default 60) so no test can hang on it.
"""
import os
import socket
import sys
import time


def main():
    path, log = sys.argv[1], sys.argv[2]
    limit = float(sys.argv[3]) if len(sys.argv) > 3 else 60.0
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind("\0" + path[1:] if path.startswith("@") else path)
    start = time.monotonic()
    with open(log, "a", encoding="utf-8") as out:
        out.write("%.3f LISTENING=1\n" % 0.0)
        out.flush()
        while True:
            left = limit - (time.monotonic() - start)
            if left <= 0:
                return
            sock.settimeout(left)
            try:
                data = sock.recv(4096)
            except socket.timeout:
                return
            now = time.monotonic() - start
            for field in data.decode("utf-8", "replace").split("\n"):
                if field:
                    out.write("%.3f %s\n" % (now, field))
            out.flush()


if __name__ == "__main__":
    main()
