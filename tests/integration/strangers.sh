#!/bin/sh
# Feeds written by strangers, served over HTTP on 127.0.0.1 and polled as a
# user's daemon polls them: a Russian feed whose charset only the HTTP
# header names raises its alert; a bare & leaves the alert's link whole; a
# NUL byte costs no item; what was mended or unreadable is logged once and
# shown by `raqib sources`; a JSON Feed is read like RSS; a body gzipped
# without Content-Encoding is read, within the body's cap; two stories
# that share a guid both alert; an item pasted in windows-1256 into a
# UTF-8 feed alerts as written, in a JSON Feed too; a JSON Feed saved with
# a BOM and served as text/html alerts, and one a PHP warning precedes,
# and one a template wrote with a comma after its last item; an Arabic
# feed in windows-1256 that declares ISO-8859-1 alerts, readable; one
# whose DTD declares an entity bomb alerts, the bomb not expanded; a feed
# after a CMS's HTML error page, served as text/html, alerts; one whose
# attributes are not quoted (isPermaLink=true) alerts with its link; the
# items after a description cut short inside a comment alert; a JSON Feed
# PHP's json_encode wrote (every / escaped as \/) alerts; an Atom <entry>
# in an RSS channel alerts with its link; a Russian feed in KOI8-R that
# declares windows-1251 alerts, readable; a hand-written RSS 1.0 with a
# bare <RDF> root alerts with its rdf:about; a podcast's episode with only
# its audio file alerts with the file as its link; an item whose body was
# cut short inside it is left out, and alerts when the whole body comes;
# an Atom entry whose rel is the IANA IRI, or whose content is a src, alerts
# with its page; a raw description's stylesheet <link> leaves the alert's
# link the item's; a whole feed whose last item lacks </item> (its raw
# description leaving a <br> and an <img> open) alerts that story, once;
# a JSON Feed with no version alerts with its link; a Media RSS item with
# only media:title and media:content/player alerts with the player's page
# or the file; an item whose body was cut inside a CDATA section quoting
# </channel></rss>, or </item>, is left out, and alerts once, with its
# link, when the whole body comes; a story named only in a description
# that holds a "]]>" alerts; an item whose only address is its <comments>
# alerts with that page; a feed after its site's HTML head, with no XML
# declaration and served as text/html, alerts with its link; so does one
# three NUL bytes precede; every story of a feed that links each item to
# its front page, with no guid, alerts once; the windows-1256 feed that
# declares ISO-8859-1 reads right under a server's "charset=utf-8" too;
# a one-title Russian feed in windows-1251 served as ISO-8859-1 alerts,
# readable; a "view source" page showing a feed escaped in a <pre> alerts
# with the feed's link; an item cut inside a CDATA section quoting its own
# field's end tag with </item></channel></rss> is left out, and alerts
# once, with its link, when the whole body comes; a feed an API's JSON
# status line precedes alerts, with its link; an Arabic feed in Mac OS
# Arabic (x-mac-arabic, which iconv lacks) alerts, readable, and so does
# one labelled as Python spells it (mac-arabic); an Atom title with HTML
# entities written without their ';' (&amp &nbsp) alerts as it reads, the
# link's &copy=2 whole.
B=${B:-build}
# B may be absolute (B=/tmp/x make check) or relative to the top.
case $B in
/*) RAQIB="$B/raqib" ;;
*) RAQIB="$(pwd)/$B/raqib" ;;
esac

. tests/lib/tap.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/raqib-strangers.XXXXXX")
trap 'fixtures_stop; rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config"
export XDG_STATE_HOME="$tmp/home/.local/state"
unset DBUS_SESSION_BUS_ADDRESS

. tests/lib/fixtures.sh
S=tests/fixtures/strangers
mkdir -p "$tmp/www"
for f in bare-amp.xml nul.xml sparse.xml cp1251-nodecl.xml koi8r-nodecl.xml \
    json-1.1.json unclosed.xml shared-guid.xml pasted-cp1256.xml \
    json-bom.json json-pasted-cp1256.json json-php-warning.json \
    json-template.json cp1256-as-latin1.xml entity-bomb.xml \
    html-error-page.xml unquoted-attrs.xml comment-cut.xml \
    json-php-slashes.json mixed-dialect.xml koi8r-as-1251.xml rdf-bare.xml \
    podcast.xml atom-rel-iri.xml raw-stylesheet.xml item-unclosed.xml \
    json-no-version.json media-only.xml cdata-end-text.xml \
    comments-only.xml html-prologue.xml front-page-links.xml \
    cp1251-short.xml escaped-feed.html json-status-lead.xml mac-arabic.xml \
    mac-arabic-python.xml entity-nosemi.xml; do
	cp "$S/$f" "$tmp/www/$f"
done
# The first poll gets a body cut inside its last item's title, after the
# term it names, before its link and guid (a download cut off); the second
# gets the whole file.
cut_at=$(grep -bo 'экспорт урана' "$S/cut-item.xml" | tail -1 | cut -d: -f1)
head -c "$cut_at" "$S/cut-item.xml" >"$tmp/www/cut-item.xml"
# And one cut inside a CDATA section whose text quotes </channel></rss>,
# before the item's link and guid.
cut_at=$(grep -bo 'and the feed validates' "$S/cut-quote.xml" | cut -d: -f1)
head -c "$cut_at" "$S/cut-quote.xml" >"$tmp/www/cut-quote.xml"
# And one whose CDATA section quotes its own field's end tag, the item's
# and the root's, cut in the text after them.
cut_at=$(grep -bo "and the agency's validator" "$S/cut-field-quote.xml" |
    cut -d: -f1)
head -c "$cut_at" "$S/cut-field-quote.xml" >"$tmp/www/cut-field-quote.xml"
echo "application/rss+xml; charset=iso-8859-1" \
    >"$tmp/www/cp1251-short.xml.ctype"
echo "text/html; charset=UTF-8" >"$tmp/www/escaped-feed.html.ctype"
# The feed that declares ISO-8859-1, under a server's default UTF-8 header.
cp "$S/cp1256-as-latin1.xml" "$tmp/www/latin1-utf8.xml"
echo "application/rss+xml; charset=utf-8" >"$tmp/www/latin1-utf8.xml.ctype"
# Three NUL bytes a broken script printed before the XML declaration.
{ printf '\0\0\0'; cat "$S/nul-lead.src.xml"; } >"$tmp/www/nul-lead.xml"
# And one whose CDATA section quotes </item>, cut before the link.
cut_at=$(grep -bo 'and the next story' "$S/cut-item-quote.xml" | cut -d: -f1)
head -c "$cut_at" "$S/cut-item-quote.xml" >"$tmp/www/cut-item-quote.xml"
echo "application/json" >"$tmp/www/json-no-version.json.ctype"
echo "application/rss+xml; charset=windows-1251" \
    >"$tmp/www/cp1251-nodecl.xml.ctype"
echo "text/xml; charset=KOI8-R" >"$tmp/www/koi8r-nodecl.xml.ctype"
echo "application/feed+json" >"$tmp/www/json-1.1.json.ctype"
echo "text/html; charset=UTF-8" >"$tmp/www/json-bom.json.ctype"
echo "application/json" >"$tmp/www/json-php-warning.json.ctype"
echo "text/html; charset=UTF-8" >"$tmp/www/html-error-page.xml.ctype"
echo "application/json" >"$tmp/www/json-php-slashes.json.ctype"
echo "text/html; charset=UTF-8" >"$tmp/www/html-prologue.xml.ctype"
# Gzipped bytes sent without Content-Encoding; and a small body that
# inflates past the 10 MiB every body is cut at.
gzip -9 -c "$S/bare-amp.xml" >"$tmp/www/gzipped.xml"
head -c 12582912 /dev/zero | gzip -9 >"$tmp/www/gzip-bomb.xml"
gzip -9 -c "$S/bare-amp.xml" | head -c 300 >"$tmp/www/gzip-cut.xml"
# A news page whose template leaves 300 <div>s open before its stories,
# deeper than an HTML parser reads.
{
	printf '<html><body>'
	i=0
	while [ $i -lt 300 ]; do printf '<div class="w">'; i=$((i + 1)); done
	printf '<h2><a href="/2026/12/07/rail.html">Kazakhstan opens a new '
	printf 'rail link to the Caspian ports</a></h2>'
	printf '<h2><a href="/2026/12/07/wheat.html">Wheat harvest reaches a '
	printf 'record in the northern provinces</a></h2></body></html>\n'
} >"$tmp/www/deep.html"
fixtures_server "$tmp"
URL="http://127.0.0.1:$FIXTURE_PORT"
[ -n "$FIXTURE_PORT" ] || { echo "not ok 1 - fixture server starts"; exit 1; }

cat >"$tmp/raqib.conf" <<CONF
[raqib]
database = $tmp/raqib.db
timeout = 10s
catch_up = all
burst = 100

[source bare]
url = $URL/bare-amp.xml

[source nul]
url = $URL/nul.xml

[source sparse]
url = $URL/sparse.xml

[source ru-1251]
url = $URL/cp1251-nodecl.xml

[source ru-koi8]
url = $URL/koi8r-nodecl.xml

[source json]
url = $URL/json-1.1.json

[source broken]
url = $URL/unclosed.xml

[source shared]
url = $URL/shared-guid.xml

[source pasted]
url = $URL/pasted-cp1256.xml

[source json-bom]
url = $URL/json-bom.json

[source json-pasted]
url = $URL/json-pasted-cp1256.json

[source json-warning]
url = $URL/json-php-warning.json

[source json-template]
url = $URL/json-template.json

[source latin1]
url = $URL/cp1256-as-latin1.xml

[source bomb]
url = $URL/entity-bomb.xml

[source error-page]
url = $URL/html-error-page.xml

[source unquoted]
url = $URL/unquoted-attrs.xml

[source comment-cut]
url = $URL/comment-cut.xml

[source json-slashes]
url = $URL/json-php-slashes.json

[source mixed]
url = $URL/mixed-dialect.xml

[source koi8-as-1251]
url = $URL/koi8r-as-1251.xml

[source rdf-bare]
url = $URL/rdf-bare.xml

[source podcast]
url = $URL/podcast.xml

[source cut]
url = $URL/cut-item.xml

[source atom-iri]
url = $URL/atom-rel-iri.xml

[source stylesheet]
url = $URL/raw-stylesheet.xml

[source unclosed-item]
url = $URL/item-unclosed.xml

[source deep]
url = $URL/deep.html

[source json-no-version]
url = $URL/json-no-version.json

[source media-only]
url = $URL/media-only.xml

[source cut-quote]
url = $URL/cut-quote.xml

[source cut-item-quote]
url = $URL/cut-item-quote.xml

[source cdata-end-text]
url = $URL/cdata-end-text.xml

[source comments-only]
url = $URL/comments-only.xml

[source front-page]
url = $URL/front-page-links.xml

[source html-prologue]
url = $URL/html-prologue.xml

[source nul-lead]
url = $URL/nul-lead.xml

[source cut-field-quote]
url = $URL/cut-field-quote.xml

[source ru-short]
url = $URL/cp1251-short.xml

[source escaped]
url = $URL/escaped-feed.html

[source json-status]
url = $URL/json-status-lead.xml

[source mac-arabic]
url = $URL/mac-arabic.xml

[source mac-arabic-python]
url = $URL/mac-arabic-python.xml

[source entity-nosemi]
url = $URL/entity-nosemi.xml

[topic kazakhstan]
match = كازاخستان
match = Kazakhstan
match = Казахстан
notify = stdout

[topic wheat]
match = صادرات القمح
notify = stdout

[topic c5plus1]
match = C5+1
match = مجموعة الدول الخمس زائد واحد
notify = stdout
CONF

# The equal strings, or a line that says what differed.
is() { # got, want, what
	[ "$1" = "$2" ] && return 0
	echo "# $3: expected '$2', got '$1'"
	return 1
}

# A file has exactly n lines holding a fixed string.
count() { # file, n, text
	[ "$(grep -cF -- "$3" "$1")" -eq "$2" ] && return 0
	echo "# expected $2 lines with '$3' in $1, found $(grep -cF -- "$3" "$1")"
	return 1
}

# The sources table's row of one source.
row() { # name
	grep "^$1 " "$tmp/sources.out"
}

# The command fails.
not() {
	! "$@"
}

# A source's value of one key in `raqib sources --json`.
json_of() { # source, key
	/usr/bin/python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    if r["name"] == sys.argv[2]:
        print(r[sys.argv[3]])' "$tmp/sources.json" "$1" "$2"
}

timeout 60 "$RAQIB" -c "$tmp/raqib.conf" --once >"$tmp/once.out" \
    2>"$tmp/once.err"
check "a --once poll of strangers' feeds exits 0" is "$?" 0 "exit status"

check "windows-1251 named only by HTTP: the Russian item alerts" \
    count "$tmp/once.out" 1 "kazakhstan	Казахстан и США подписали соглашение"
check "and its \"С5+1\", typed with a Cyrillic С, is the C5+1" \
    count "$tmp/once.out" 1 "c5plus1	Казахстан и США подписали соглашение"
timeout 20 "$RAQIB" parse "$URL/koi8r-nodecl.xml" >"$tmp/koi8.out" \
    2>"$tmp/koi8.err"
check "KOI8-R named only by HTTP: raqib parse URL reads it right" \
    count "$tmp/koi8.out" 1 "Казахстан и США подписали соглашение"
timeout 20 "$RAQIB" parse "$URL/gzipped.xml" >"$tmp/gz.out" 2>"$tmp/gz.err"
check "a body gzipped without Content-Encoding is read as its feed" \
    count "$tmp/gz.out" 1 "Kazakhstan & the C5+1: what's next"
timeout 20 "$RAQIB" parse "$URL/gzip-bomb.xml" >/dev/null 2>"$tmp/bomb.err"
check "and one that inflates past 10 MiB is cut off, said so" \
    count "$tmp/bomb.err" 1 "larger than 10 MiB once gunzipped"
timeout 20 "$RAQIB" parse "$URL/gzip-cut.xml" >/dev/null 2>"$tmp/cut.err"
check "and one cut short is said to be" \
    count "$tmp/cut.err" 1 "gzip-compressed body (sent without Content-Encoding) that is cut short"
check "a bare & leaves the alert's link whole" \
    count "$tmp/once.out" 1 "c5plus1	Kazakhstan & the C5+1: what's next	https://caspian.example.net/news?id=2&lang=en"
check "a NUL byte in a title: that item alerts, without the NUL" \
    count "$tmp/once.out" 1 "خبر فيه بايت صفري عن كازاخستان"
check "an item with no title alerts under the opening of its text" \
    count "$tmp/once.out" 1 "kazakhstan	وصل وفد كازاخستاني إلى واشنطن لبحث صادرات المعادن النادرة."
check "and no alert is untitled" count "$tmp/once.out" 0 "(untitled)"
check "a JSON Feed's items alert like RSS's" \
    count "$tmp/once.out" 1 "كازاخستان تنضم إلى الاتفاقيات الإبراهيمية"
check "a JSON Feed with a BOM, served as text/html: its item alerts" \
    count "$tmp/once.out" 1 "kazakhstan	كازاخستان تبحث صادرات اليورانيوم إلى الخليج"
check "a JSON Feed a PHP warning precedes: its item alerts" \
    count "$tmp/once.out" 1 "kazakhstan	كازاخستان وأذربيجان توقعان اتفاق خط أنابيب عبر قزوين"
check "a JSON Feed with a comma before ] and a raw line break: it alerts" \
    count "$tmp/once.out" 1 "kazakhstan	خط سكك حديد جديد يربط كازاخستان بتركمانستان"
check "windows-1256 declared ISO-8859-1: the Arabic item alerts, readable" \
    count "$tmp/once.out" 1 "kazakhstan	وفد تجاري من كازاخستان يزور الكويت لبحث صادرات الحبوب"
timeout 20 "$RAQIB" parse "$URL/cp1256-as-latin1.xml" >/dev/null \
    2>"$tmp/latin1.err"
check "raqib parse says the Latin declaration was overruled, and why" \
    count "$tmp/latin1.err" 1 "declared ISO-8859-1, read as windows-1256 because the text is Arabic (detected)"
check "and not that no charset was declared" \
    count "$tmp/latin1.err" 0 "no usable charset was declared"
timeout 20 "$RAQIB" parse "$URL/latin1-utf8.xml" >"$tmp/latin1-utf8.out" \
    2>"$tmp/latin1-utf8.err"
check "and served as charset=utf-8, it still reads as Arabic" \
    count "$tmp/latin1-utf8.out" 1 "\"title\":\"وفد تجاري من كازاخستان يزور الكويت لبحث صادرات الحبوب\""
check "and raqib parse says why" \
    count "$tmp/latin1-utf8.err" 1 "declared ISO-8859-1, read as windows-1256 because the text is Arabic (detected)"
check "two stories a template gave one guid: the second alerts too" \
    count "$tmp/once.out" 1 "kazakhstan	فيضانات في شمال كازاخستان وإجلاء الآلاف"
check "and the first" \
    count "$tmp/once.out" 1 "kazakhstan	كازاخستان توقع اتفاقا للمعادن النادرة مع الولايات المتحدة"
check "an item pasted in windows-1256 into a UTF-8 feed alerts, readable" \
    count "$tmp/once.out" 1 "kazakhstan	كازاخستان ترفع صادرات القمح إلى الشرق الأوسط"
timeout 20 "$RAQIB" parse "$URL/pasted-cp1256.xml" >"$tmp/pasted.out" \
    2>"$tmp/pasted.err"
check "and the UTF-8 items around it read as written, not as windows-1256" \
    count "$tmp/pasted.out" 1 '"title":"قمة آسيا الوسطى تبحث ممرات النقل"'
check "raqib parse says legacy text was pasted in" \
    count "$tmp/pasted.err" 1 "feed repaired (legacy-encoded text in UTF-8)"
check "a JSON Feed item pasted in windows-1256 alerts, readable" \
    count "$tmp/once.out" 1 "wheat	أستانا تضاعف صادرات القمح إلى الخليج"
check "a DTD that declares an entity bomb: the feed's item alerts" \
    count "$tmp/once.out" 1 "kazakhstan	كازاخستان تفتتح ممرا تجاريا جديدا عبر بحر قزوين"
timeout 20 "$RAQIB" parse "$URL/entity-bomb.xml" >"$tmp/bomb.out" \
    2>"$tmp/bomb.err"
check "raqib parse reads its second item too" count "$tmp/bomb.out" 1 \
    '"title":"أوزبكستان ترفع إنتاج القطن &h;"'
check "and expands no entity: no \"haha\", nothing fetched" \
    not grep -qE 'haha|secret' "$tmp/bomb.out"
check "raqib parse says the bomb was not expanded" \
    count "$tmp/bomb.err" 1 "entity bomb not expanded"
check "a feed after a CMS's HTML error page: its item alerts" \
    count "$tmp/once.out" 1 "kazakhstan	كازاخستان تطلق قمرا صناعيا للاتصالات من بايكونور"
timeout 20 "$RAQIB" parse "$URL/html-error-page.xml" >"$tmp/errpage.out" \
    2>"$tmp/errpage.err"
check "raqib parse reads its second item" count "$tmp/errpage.out" 1 \
    '"title":"قرغيزستان تفتح معبرا حدوديا جديدا مع الصين"'
check "and the feed's title, not the error page's" \
    count "$tmp/errpage.out" 1 '"title":"صدى السهوب"'
check "a guid isPermaLink=true, unquoted, is the alert's link" \
    count "$tmp/once.out" 1 "kazakhstan	كازاخستان تبني محطة رياح جديدة قرب أستانا	https://ural.example.org/news/1002.html"
check "an item after a description cut inside a <!-- comment alerts" \
    count "$tmp/once.out" 1 "kazakhstan	قطار شحن جديد يربط الصين بأوروبا عبر كازاخستان"
check "a JSON Feed with every / escaped (PHP's json_encode): it alerts" \
    count "$tmp/once.out" 1 "kazakhstan	كازاخستان توقع عقدا لتوريد اليورانيوم إلى كوريا الجنوبية	https://sahob.example.net/2026/12/kz-uranium/"
check "an Atom <entry> in an RSS channel alerts with its link" \
    count "$tmp/once.out" 1 "kazakhstan	كازاخستان ترفع إنتاج النفط من حقل كاشاغان	https://bawaba.example.org/2026/12/kashagan"
check "KOI8-R declared windows-1251: the Russian item alerts, readable" \
    count "$tmp/once.out" 1 "kazakhstan	Казахстан и Киргизия открыли новый пункт пропуска на границе	https://stepnye.example.net/2026/12/granica.html"
check "a bare <RDF> root: its item alerts with its rdf:about as link" \
    count "$tmp/once.out" 1 "kazakhstan	كازاخستان توقع اتفاقا لتخصيب اليورانيوم مع فرنسا	https://wadi.example.org/2026/12/uranium.html"
check "a podcast's episode with only its file: the alert links the file" \
    count "$tmp/once.out" 1 "kazakhstan	الحلقة 12: كازاخستان والممر الأوسط	https://sawt.example.net/audio/ep12.mp3"
check "an Atom link whose rel is the IANA IRI: the alert links the page" \
    count "$tmp/once.out" 1 "kazakhstan	كازاخستان تفتتح محطة رياح جديدة قرب أستانا	https://marsad.example.org/2026/12/wind.html"
check "an Atom entry whose content is a src: the alert links it" \
    count "$tmp/once.out" 1 "kazakhstan	كازاخستان وأوزبكستان توقعان اتفاقا لتقاسم مياه نهر سير داريا	https://marsad.example.org/2026/12/water.html"
check "a raw description's stylesheet <link>: the alert links the item's page" \
    count "$tmp/once.out" 1 "kazakhstan	كازاخستان ترفع صادرات الحبوب إلى إيران	https://nafida.example.net/2026/12/grain.html"
check "a whole feed whose last item lacks </item>: that story alerts, with its link" \
    count "$tmp/once.out" 1 "kazakhstan	كازاخستان تفتتح خط أنابيب جديدا للغاز إلى الصين	https://marsad-sahob.example.net/2026/12/gas-pipeline.html"
check "a body cut inside an item: no alert with its title cut, nor a link" \
    count "$tmp/once.out" 0 "Казахстан увеличил"

check "a JSON Feed with no version: its item alerts, with its link" \
    count "$tmp/once.out" 1 "kazakhstan	كازاخستان تكتشف حقلا جديدا لليثيوم في الشرق	https://nafida-json.example.net/2026/12/lithium.html"
check "a Media RSS video with no link: the alert links its player's page" \
    count "$tmp/once.out" 1 "kazakhstan	كازاخستان تطلق أول قطار كهربائي بين أستانا وألماتي	https://sura.example.org/watch/88121"
check "a Media RSS photo with no link: the alert links the photo" \
    count "$tmp/once.out" 1 "kazakhstan	كازاخستان: ثلوج مبكرة في الشمال	https://cdn.sura.example.org/p/88120.jpg"
check "a body cut inside a CDATA section quoting </channel></rss>: no alert" \
    count "$tmp/once.out" 0 "e-government portal"
check "a body cut inside a CDATA section quoting </item>: no alert" \
    count "$tmp/once.out" 0 "statistics office"
check "a story named only before a description's ]]> alerts, with its link" \
    count "$tmp/once.out" 1 "kazakhstan	A data portal's API changes its paging	https://steppe-notes.example.net/2026/12/paging.html"
check "an item whose only address is its <comments>: the alert links the page" \
    count "$tmp/once.out" 1 "kazakhstan	كازاخستان تفتح باب التسجيل في منحها الدراسية	https://sahob-forum.example.org/topic/4417.html"
check "a feed three NUL bytes precede alerts, with its link" \
    count "$tmp/once.out" 1 "kazakhstan	Казахстан запускает спутник связи	https://stepnye-vesti.example.net/2026/12/sputnik.html"
check "a feed after its site's HTML head, served as text/html, alerts with its link" \
    count "$tmp/once.out" 1 "kazakhstan	كازاخستان تستضيف منتدى أستانا الدولي للطاقة	https://sahob-news.example.org/2026/12/energy-forum.html"

check "a feed that links every item to its front page: each story alerts" \
    count "$tmp/once.out" 1 "kazakhstan	كازاخستان ترفع إنتاجها من النفط في حقل تنغيز	https://sawt-alsuhub.example.org/"
check "and so does the next, not taken for the first" \
    count "$tmp/once.out" 1 "kazakhstan	وفد من كازاخستان يزور القاهرة لبحث صادرات القمح	https://sawt-alsuhub.example.org/"

check "a story below 300 open <div>s alerts, with its link" \
    count "$tmp/once.out" 1 "kazakhstan	Kazakhstan opens a new rail link to the Caspian ports	$URL/2026/12/07/rail.html"
check "a one-title windows-1251 feed served as ISO-8859-1 alerts, readable" \
    count "$tmp/once.out" 1 "kazakhstan	Казахстан открыл порт	https://stepnye-kratko.example.net/2026/12/port.html"
check "a feed shown escaped in a page's <pre> alerts, with its link" \
    count "$tmp/once.out" 1 "kazakhstan	كازاخستان تفتتح جسرا جديدا فوق نهر إرتيش	https://sahob-source.example.org/2026/12/bridge.html?src=rss&lang=ar"
check "a feed an API's JSON status line precedes alerts, with its link" \
    count "$tmp/once.out" 1 "kazakhstan	كازاخستان تطلق منصة بيانات مفتوحة للمستثمرين	https://sahob-api.example.net/2026/12/open-data.html"
check "an Arabic feed in Mac OS Arabic (x-mac-arabic) alerts, readable" \
    count "$tmp/once.out" 1 "kazakhstan	كازاخستان تعلن عن اتفاق جديد مع روسيا في مجال الطاقة	https://wahat-news.example.org/2026/12/energy-deal.html"
check "an Arabic feed labelled mac-arabic (Python's spelling) alerts, readable" \
    count "$tmp/once.out" 1 "kazakhstan	كازاخستان تصدر ١٢ مليون طن من الحبوب في ٢٠٢٦	https://wahat-anba.example.org/2026/12/grain.html"
check "an Atom title with &amp and &nbsp without ';' alerts as it reads" \
    count "$tmp/once.out" 1 "kazakhstan	Kazakhstan & Uzbekistan sign a water deal for the Syr Darya	https://steppe-wire.example.net/2026/12/water.html?a=1&copy=2"
check "a body cut in a CDATA section quoting </content:encoded></item>: no alert" \
    count "$tmp/once.out" 0 "feed template"

timeout 20 "$RAQIB" sources -c "$tmp/raqib.conf" >"$tmp/sources.out" 2>&1
timeout 20 "$RAQIB" sources -c "$tmp/raqib.conf" --json \
    >"$tmp/sources.json" 2>&1
check "raqib sources: the NUL feed kept all 4 items" \
    is "$(json_of nul items)" 4 "items"
check "raqib sources: what was mended in the bare-& feed" \
    is "$(json_of bare read_note)" \
    "2 items repaired (bare &, unknown entity)" "read_note"
check "raqib sources --json: the counts" \
    is "$(json_of bare repaired)/$(json_of sparse unreadable)" 2/1 "counts"
check "raqib sources table: an unreadable item is said" \
    sh -c "grep '^sparse ' '$tmp/sources.out' | grep -qF '1 empty item skipped'"
check "raqib sources table: broken markup is said" \
    sh -c "grep '^broken ' '$tmp/sources.out' | grep -qF 'broken markup'"
check "the log says what was mended, once per source" \
    count "$tmp/once.err" 1 "source bare: 2 items repaired (bare &, unknown entity)"
check "a clean feed's poll says nothing was mended" \
    not sh -c "grep 'source ru-1251: ' '$tmp/once.err' | grep -qE 'repaired|unreadable'"
check "raqib sources: a page read flat past its nesting is said" \
    sh -c "grep '^deep ' '$tmp/sources.out' | grep -qF 'the tags past that depth were read flat'"
check "and the log says it once" \
    count "$tmp/once.err" 1 "source deep: the page is nested deeper than"
check "raqib sources: the cut body is said" \
    sh -c "grep '^cut ' '$tmp/sources.out' | grep -qF 'body cut short'"
check "and a whole feed whose last item lacks </item> is not said to be cut" \
    not sh -c "grep '^unclosed-item ' '$tmp/sources.out' | grep -qF 'body cut short'"

# The next poll gets the whole body: the item cut before now alerts, whole.
cp "$S/cut-item.xml" "$tmp/www/cut-item.xml"
cp "$S/cut-quote.xml" "$tmp/www/cut-quote.xml"
cp "$S/cut-item-quote.xml" "$tmp/www/cut-item-quote.xml"
cp "$S/cut-field-quote.xml" "$tmp/www/cut-field-quote.xml"
timeout 60 "$RAQIB" -c "$tmp/raqib.conf" --once >"$tmp/once2.out" \
    2>"$tmp/once2.err"
check "the whole body's poll exits 0" is "$?" 0 "exit status"
check "and the item the cut left out alerts, with its title and link" \
    count "$tmp/once2.out" 1 "kazakhstan	Казахстан увеличил экспорт урана на треть	https://dalnie.example.net/2026/12/uran.html"
cat "$tmp/once.out" "$tmp/once2.out" >"$tmp/both.out"
check "and it alerts once over both polls, not again under another key" \
    count "$tmp/both.out" 1 "Казахстан увеличил"
check "and the item cut inside its CDATA section alerts, with its link" \
    count "$tmp/once2.out" 1 "kazakhstan	Kazakhstan's e-government portal publishes its news as RSS	https://steppe-dev.example.net/2026/12/egov-rss.html"
check "and once over both polls" count "$tmp/both.out" 1 "e-government portal"
check "and the item cut inside a section quoting </item> alerts, with its link" \
    count "$tmp/once2.out" 1 "kazakhstan	Kazakhstan's statistics office opens its data as RSS	https://steppe-tpl.example.net/2026/12/stat-rss.html"
check "and once over both polls" count "$tmp/both.out" 1 "statistics office"
check "and the item cut inside a section quoting its field's end alerts, with its link" \
    count "$tmp/once2.out" 1 "kazakhstan	Kazakhstan's news agency explains its feed template	https://steppe-markup.example.net/2026/12/agency-template.html"
check "and once over both polls" count "$tmp/both.out" 1 "feed template"
check "and nothing else alerts again" count "$tmp/once2.out" 4 "	"

tap_finish "$tmp"
