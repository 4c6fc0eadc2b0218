#!/usr/bin/python3
"""Write DIR/big (MB megabytes of news-like lines, each ending with a
numbered term, term0 to term19998 in even steps, over and over) and
DIR/t10.conf and DIR/t10k.conf (10 and 10,000 topics, each one such term):
the input of `raqib match --file` in tests/integration/match-file.sh and
tests/bench/match-file.sh.

usage: gen-match-file.py DIR MB
"""
import sys

tmp, mb = sys.argv[1], int(sys.argv[2])
para = ("أجرى وزير الخارجية الكازاخستاني محادثات مع نظيره الأوزبكي في "
        "طشقند، وبحث الجانبان التعاون في مجال المعادن الأرضية النادرة. "
        "Kazakhstan's rare-earth exports grew 4.6 times since 2020. ")
with open(tmp + "/big", "w") as f:
    i = w = 0
    while w < mb << 20:
        line = "%s term%d كلمة%d\n" % (para, i % 20000, i % 20000)
        f.write(line)
        w += len(line.encode())
        i += 1
for name, n in (("t10", 10), ("t10k", 10000)):
    with open("%s/%s.conf" % (tmp, name), "w") as f:
        for t in range(n):
            f.write("[topic t%d]\nmatch = term%d كلمة%d\n" % (t, 2 * t, 2 * t))
