#!/bin/sh
# A page's stories that gain a teaser after they were recorded (a site
# fills its excerpts in later), end to end: a page served on 127.0.0.1, a
# real SQLite file, alerts on stdout. The story that alerted does not alert
# again; the one whose new teaser names the topic alerts once (an edited
# item alerts for a topic it had not alerted for); a poll that changes
# nothing alerts for nothing; the archive holds each story's title and its
# teaser, and still finds the story that alerted first. With fetch =
# article, the articles' text archived at the first poll stays when the
# page is read again.
B=${B:-build}
RAQIB="$(pwd)/$B/raqib"

. tests/lib/tap.sh
. tests/lib/fixtures.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/raqib-page-edits.XXXXXX")
trap 'fixtures_stop; [ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config"
export XDG_STATE_HOME="$tmp/home/.local/state"
unset DBUS_SESSION_BUS_ADDRESS
mkdir -p "$tmp/www"

# page TEASERS: the section page, its stories with teasers when TEASERS=1.
page() {
	{
		printf '<!doctype html><html><head><meta charset="utf-8">'
		printf '<title>آسيا الوسطى</title></head><body><main>'
		printf '<article><h2><a href="/news/1">زيارة رسمية لكازاخستان '
		printf 'الأسبوع المقبل</a></h2>'
		[ "$1" = 1 ] && printf '<p>وفد حكومي رفيع يصل إلى العاصمة غدا '
		[ "$1" = 1 ] && printf 'لبحث التعاون في الطاقة.</p>'
		printf '</article><article><h2><a href="/news/2">'
		printf 'الصادرات ترتفع في آسيا الوسطى هذا العام</a></h2>'
		[ "$1" = 1 ] && printf '<p>ارتفعت الصادرات الكازاخستانية من '
		[ "$1" = 1 ] && printf 'القمح بنسبة كبيرة هذا العام.</p>'
		printf '</article></main></body></html>'
	} >"$tmp/www/asia.html"
}

# Poll once; NAME.out holds the alerts' stdout lines.
poll() { # name
	timeout 60 "$RAQIB" -c "$tmp/raqib.conf" --once >"$tmp/$1.out" \
	    2>"$tmp/$1.err"
}

# The links (their paths) of a poll's alerts, one per line.
alerted() { # name
	sed 's|.*http://127.0.0.1:[0-9]*||' "$tmp/$1.out"
}

# The output equals the expected lines, or say what it was.
is() { # got, want
	[ "$1" = "$2" ] && return 0
	printf '# expected:\n%s\n# got:\n%s\n' "$2" "$1" | sed 's/^/# /'
	return 1
}

page 0
fixtures_server "$tmp" || { echo "not ok 1 - fixture server starts"; exit 1; }
cat >"$tmp/raqib.conf" <<CONF
[raqib]
database = $tmp/raqib.db
timeout = 10s
catch_up = all

[source asia]
url = http://127.0.0.1:$FIXTURE_PORT/asia.html

[topic kazakhstan]
match = كازاخستان
notify = stdout
CONF

poll first
check "the first poll alerts for the title that names the topic" \
    is "$(alerted first)" "/news/1"
page 1
poll teasers
check "the teasers come: the story whose teaser names the topic alerts, \
the one that alerted does not again" is "$(alerted teasers)" "/news/2"
# Served again whole (200, not 304), the same page.
touch -d "@$(($(date +%s) + 30))" "$tmp/www/asia.html"
poll again
check "a page read again unchanged alerts for nothing" \
    is "$(alerted again)" ""
check "the archive finds both stories, the first still by its title" \
    is "$("$RAQIB" search -c "$tmp/raqib.conf" --json كازاخستان |
    sed 's/.*"link":"http:\/\/127.0.0.1:[0-9]*\([^"]*\)".*/\1/' | sort)" \
    "/news/1
/news/2"
check "the archived text of a story is its title and its teaser" \
    is "$("$RAQIB" search -c "$tmp/raqib.conf" --json 'العاصمة' |
    sed 's/.*"link":"http:\/\/127.0.0.1:[0-9]*\([^"]*\)".*/\1/')" "/news/1"

# fetch = article: the article's text, archived at the first poll, is still
# there after a later poll of the same page (which reads no article again).
mkdir -p "$tmp/www/art"
for i in 1 2; do
	{
		printf '<!doctype html><html><head><meta charset="utf-8">'
		printf '<title>خبر</title></head><body><article><h1>خبر</h1>'
		printf '<div class="article-body"><p>يتحدث المقال رقم %s ' "$i"
		printf 'عن توسعة ميناء أكتاو على بحر قزوين.</p><p>ويضيف '
		printf 'فقرة ثانية طويلة بما يكفي لتقرأ جزءا من متن الخبر.</p>'
	} >"$tmp/www/art/$i"
	printf '</div></article></body></html>' >>"$tmp/www/art/$i"
	echo text/html >"$tmp/www/art/$i.ctype"
done
sed 's|/news/|/art/|g' "$tmp/www/asia.html" >"$tmp/www/asia-art.html"
sed -e "s|$tmp/raqib.db|$tmp/art.db|" -e 's|/asia.html|/asia-art.html|' \
    -e 's|^\[source asia\]|[source asia]\nfetch = article|' \
    "$tmp/raqib.conf" >"$tmp/art.conf"
timeout 60 "$RAQIB" -c "$tmp/art.conf" --once >/dev/null 2>"$tmp/art1.err"
check "fetch = article: the first poll archives the articles' text" \
    is "$("$RAQIB" search -c "$tmp/art.conf" 'أكتاو' | grep -c '^  http')" 2
# The page changes as a story comes, as a news page does.
new='<article><h2><a href="/art/3">قمة بحر قزوين تتفق على ممر نقل'
new="$new جديد</a></h2></article>"
sed "s|<main>|<main>$new|" "$tmp/www/asia-art.html" >"$tmp/www/asia-art.new"
mv "$tmp/www/asia-art.new" "$tmp/www/asia-art.html"
touch -d "@$(($(date +%s) + 60))" "$tmp/www/asia-art.html"
timeout 60 "$RAQIB" -c "$tmp/art.conf" --once >/dev/null 2>"$tmp/art2.err"
check "fetch = article: a later poll keeps the articles' archived text" \
    is "$("$RAQIB" search -c "$tmp/art.conf" 'أكتاو' | grep -c '^  http')" 2
tap_finish "$tmp"
