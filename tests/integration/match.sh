#!/bin/sh
# raqib match with the shipped config/raqib.conf on sentences of the issue's
# acceptance table: one line per topic that fires (topic, terms, snippet with
# the hit in «»), nothing and exit 0 when none fires; TEXT, - (stdin) and
# --file; --topic; --explain shows normalized tokens and each expression.
B=${B:-build}
RAQIB="$B/raqib"
CONF=config/raqib.conf
. tests/lib/tap.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/raqib-match.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp" XDG_STATE_HOME="$tmp/state" XDG_CONFIG_HOME="$tmp/config"
tab=$(printf '\t')

# Run raqib match with the shipped config; keep out, err and rc.
run() { # args...
	"$RAQIB" match -c "$CONF" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
}

# The last run exited 0 and printed exactly these lines (a file's content).
printed() { # expected lines...
	printf '%s\n' "$@" >"$tmp/want"
	[ $rc -eq 0 ] && cmp -s "$tmp/want" "$tmp/out" && return 0
	echo "# exit $rc; diff expected actual:"
	diff "$tmp/want" "$tmp/out" | sed 's/^/# /'
	return 1
}

# The last run exited 0 and printed nothing at all.
silent() {
	[ $rc -eq 0 ] && [ ! -s "$tmp/out" ] && [ ! -s "$tmp/err" ] && return 0
	echo "# exit $rc; output:"
	sed 's/^/# /' "$tmp/out" "$tmp/err"
	return 1
}

# The last run exited 0 and its output has a line matching each pattern.
shows() { # patterns...
	[ $rc -eq 0 ] || { echo "# exit $rc"; return 1; }
	for _p in "$@"; do
		grep -q -- "$_p" "$tmp/out" && continue
		echo "# no line matches: $_p"
		sed 's/^/# /' "$tmp/out"
		return 1
	done
}

run "زيارة وزير الخارجية السابق أنتوني بلينكن لكازاخستان وأوزبكستان"
check "كازاخستان fires on لكازاخستان: topic, term, snippet with the hit" \
    printed "kazakhstan${tab}كازاخستان${tab}زيارة وزير الخارجية السابق أنتوني بلينكن «لكازاخستان» وأوزبكستان"

run "أصـــداء/ الكازاخستانية"
check "a name matches its adjective after tatweel (الكازاخستانية)" \
    printed "kazakhstan${tab}كازاخستان${tab}أصـــداء/ «الكازاخستانية»"

run "ضمن صيغة C5 + 1 – كازاخستان وقيرغيزستان"
check "C5 + 1 with a name fires two topics, one line each, in topic order" \
    printed "kazakhstan${tab}كازاخستان${tab}ضمن صيغة C5 + 1 – «كازاخستان» وقيرغيزستان" \
    "c5plus1${tab}C5+1${tab}ضمن صيغة «C5 + 1» – كازاخستان وقيرغيزستان"

run --topic c5plus1 "ضمن صيغة C5 + 1 – كازاخستان وقيرغيزستان"
check "--topic shows only that topic" \
    printed "c5plus1${tab}C5+1${tab}ضمن صيغة «C5 + 1» – كازاخستان وقيرغيزستان"

run "المنتدى الدولي B5+1"
check "B5+1, C5+1's business forum, fires C5+1 alone" \
    printed "c5plus1${tab}C5+1${tab}المنتدى الدولي «B5+1»"

run "محادثات مجموعة P5+1 بشأن البرنامج النووي"
check "P5+1 fires nothing (5+1 is not P5+1)" silent

run "قمة مجموعة 5+1 التي تضم الولايات المتحدة وخمس دول من آسيا الوسطى"
check "5+1 near آسيا الوسطى lists C5+1, as it reads so too, and both terms" \
    shows "^c5plus1${tab}C5+1, 5+1, آسيا الوسطى${tab}.*«5+1»"

run "إيران ومجموعة 5+1 تستأنف المحادثات النووية في ألماتي بآسيا الوسطى"
check "Iran's talks with the 5+1 in Central Asia fire nothing" silent

run "شهد حجم التبادل التجاري توافقًا نادرًا بين الحزبين"
check "نادرًا alone does not fire المعادن النادرة" silent

printf 'Rare-earth elements and rare earths\n' >"$tmp/in"
run - <"$tmp/in"
check "- reads the text from standard input" \
    printed "rare-earths${tab}rare earths${tab}«Rare-earth» elements and rare earths"

printf 'في عام ٢٠١٥، خلال الجمعية العامة\nاجتماعات مجموعة الدول الخمس زائد واحد (C5+1)\n' \
    >"$tmp/file"
run --file "$tmp/file"
check "--file reads a file; both terms are listed, in the config's order" \
    shows "^c5plus1${tab}C5+1, مجموعة الدول الخمس زائد واحد${tab}.*«مجموعة الدول الخمس زائد واحد»"

run "كَازَاخِسْتَان و ﻛﺎﺯﺍﺧﺴﺘﺎﻥ و كازا‌خستان"
check "harakat, presentation forms and a ZWNJ inside the word all fold" \
    shows "^kazakhstan${tab}كازاخستان${tab}«كَازَاخِسْتَان»"

run --explain "وزير الخارجية الكازاخستاني، يرميك كوشيرباييف"
check "--explain shows the text's normalized tokens" \
    shows "^tokens (title, summary, content): وزير الخارجيه الكازاخستاني يرميك كوشيرباييف$"
check "--explain says which topics fire and which expressions hold" \
    shows "^topic kazakhstan: fires$" "^  match = كازاخستان: holds$" \
    "^    كازاخستان -> كازاخستان: found in title: الكازاخستاني$" \
    "^  match = Kazakhstan OR Qazaqstan OR Kazakh OR Tokayev OR Nazarbayev: does not hold$" \
    "^topic c5plus1: does not fire$"
check "--explain shows each term's normalized words, short ones exact" \
    shows "^    مجموعة الدول الخمس زائد واحد -> مجموعه الدول الخمس زايد واحد: not found$" \
    "^    P5+1 -> p5 + 1 (exact: p5 + 1): not found$" \
    "^    rare earths -> rare earth: not found$"

run --explain --topic rare-earths "nothing to see"
check "--explain --topic explains that topic only, and still exits 0" \
    shows "^topic rare-earths: does not fire$"
check "--explain --topic leaves the other topics out" \
    sh -c "! grep -q '^topic kazakhstan' '$tmp/out'"

run "nothing to see here"
check "a text that fires nothing prints nothing and exits 0" silent

run --topic no-such-topic "كازاخستان"
check "an unknown --topic is an error (exit 2) that names it" \
    sh -c "[ $rc -eq 2 ] && grep -q \"no topic named 'no-such-topic'\" '$tmp/err'"
tap_status
