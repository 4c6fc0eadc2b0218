#!/usr/bin/python3
# A listing page for measuring the page reader's cost (tests/bench/parse.sh
# with PAGE=1, or callgrind on `raqib parse`): 20 menu links, then ROWS
# table rows (2,000 unless given), each a title link, a <time> and a "read
# more" link repeating the title's. A stress input, larger than real
# listings, deterministic so instruction counts compare across machines.
# Usage: python3 tests/bench/gen-page.py [ROWS] > big.html
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
print('<!doctype html><html lang="ar"><head><meta charset="utf-8">'
      '<title>أخبار</title></head><body>')
print('<nav><ul>' + ''.join('<li><a href="/section/%d">قسم %d</a></li>'
                            % (i, i) for i in range(20)) + '</ul></nav>')
print('<div class="view-content"><table>')
for i in range(n):
    print('<tr class="views-row"><td><div class="field-title"><h3>'
          '<a href="/news/2026/12/%d-story-about-things">خبر رقم %d عن '
          'محادثات الطاقة في آسيا الوسطى</a></h3></div>'
          '<div class="field-date"><time datetime="2026-12-06T%02d:%02d:00Z">'
          '6 ديسمبر</time></div>'
          '<div class="teaser"><p>نص قصير عن الخبر %d <a '
          'href="/news/2026/12/%d-story-about-things">اقرأ المزيد</a></p>'
          '</div></td></tr>' % (i, i, i % 24, i % 60, i, i))
print('</table></div><footer><a href="/about">عن الموقع</a></footer>'
      '</body></html>')
