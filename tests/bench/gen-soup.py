#!/usr/bin/python3
# A hostile page of tag soup for the page reader (tests/bench/soup.sh):
# OPS tokens (60,000 unless given) after <body>, four in five of them
# stray end tags, the rest start tags of six element names drawn once and
# a headline link now and then. Browsers shrug such a page off; the tree it
# leaves holds wide runs of siblings, where XPath's ordering of a node set
# must not walk from one node to the other. Deterministic for a SEED (36
# unless given), so instruction counts compare across machines.
# Usage: python3 tests/bench/gen-soup.py [OPS] [SEED] > soup.html
import random
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 60000
random.seed(int(sys.argv[2]) if len(sys.argv) > 2 else 36)
tags = ['div', 'span', 'p', 'li', 'ul', 'ol', 'td', 'tr', 'th', 'table',
        'tbody', 'b', 'a', 'h2', 'dd', 'dt', 'dl', 'option', 'select',
        'section', 'i', 'em', 'font', 'form', 'footer', 'caption', 'nav',
        'article', 'aside', 'main', 'figure', 'center', 'small', 'u', 's']
pick = random.sample(tags, 6)
out = ['<!doctype html><html lang="en"><head><meta charset="utf-8">'
       '<title>Soup</title></head><body>']
for i in range(n):
    r = random.random()
    t = random.choice(pick)
    if r < 0.15:
        out.append('<%s>' % t)
    elif r < 0.95:
        out.append('</%s>' % t)
    else:
        out.append('<a href="/2026/12/06/story-%d-about-talks">Story number '
                   '%d about the talks</a>' % (i, i))
sys.stdout.write(''.join(out) + '</body></html>\n')
