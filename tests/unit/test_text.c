/* Unit tests for text.c: normalization, tokens, UTF-8 checks, snippets. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text.h"

/* Normalize a NUL-terminated string and compare with the expected form. */
static void
assert_norm(const char *in, const char *want)
{
	char	*got;

	got = text_normalize(in, strlen(in));
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

/* The original bytes of token i of s. */
static char *
token_source(const char *s, const struct text *t, size_t i)
{
	const struct text_token	*k = text_token(t, i);

	assert_non_null(k);
	return strndup(s + k->start, k->end - k->start);
}

/* Presentation forms fold to the base Arabic letters through NFKC. */
static void
test_presentation_forms_fold_to_letters(void **state)
{
	(void)state;
	assert_norm("ﻛﺎﺯﺍﺧﺴﺘﺎﻥ", "كازاخستان");
	assert_norm("ﻻ", "لا");
}

/* Harakat are removed. */
static void
test_harakat_are_removed(void **state)
{
	(void)state;
	assert_norm("كَازَاخِسْتَان", "كازاخستان");
	assert_norm("تُعقد أُنشئت", "تعقد انشيت");
}

/* Tatweel inside a word is removed without splitting it. */
static void
test_tatweel_inside_word_is_removed(void **state)
{
	(void)state;
	assert_norm("أصـــداء", "اصداء");
}

/*
 * An HTML tag left in a title is not read: one inside a line joins what is
 * on either side, one that breaks the line separates; a < that starts no
 * known element's tag stays a symbol.
 */
static void
test_html_tags_are_not_read(void **state)
{
	(void)state;
	assert_norm("كازا<wbr>خستان", "كازاخستان");
	assert_norm("<b>Kazakhstan</b> votes", "kazakhstan votes");
	assert_norm("آسيا<br/>الوسطى", "اسيا الوسطي");
	assert_norm("a <span class=\"x\">big</span> day", "a big day");
	assert_norm("x<y and y>z", "x < y and y > z");
	assert_norm("a<b", "a < b");
	assert_norm("<kazakhstan>", "< kazakhstan >");
}

/* A word joined to the one before by a hyphen or a dash is marked so. */
static void
test_hyphened_words_are_marked(void **state)
{
	const char	*s = "Sino-Kazakh – talks";
	struct text	*t;

	(void)state;
	t = text_tokenize(s, strlen(s));
	assert_int_equal(text_ntokens(t), 3);
	assert_int_equal(text_token(t, 0)->hyphen, 0);
	assert_int_equal(text_token(t, 1)->hyphen, 1);
	assert_int_equal(text_token(t, 2)->hyphen, 0);
	text_free(t);
}

/* A zero-width non-joiner inside a word keeps it one word. */
/*
 * A letter stretched for emphasis in a social-media title keeps one; two
 * stay (شدد, ممثل), and three ت stay (the present of تتابع).
 */
static void
test_stretched_arabic_letter_keeps_one(void **state)
{
	(void)state;
	assert_norm("عاااجل كازاخستاااان", "عاجل كازاخستان");
	assert_norm("مبروووووك هههههه", "مبروك ه");
	assert_norm("عاـاـاجل عَاااَجل", "عاجل عاجل");
	assert_norm("شدد ممثل الله", "شدد ممثل الله");
	assert_norm("تتتابع تتتتتبع", "تتتابع تبع");
	assert_norm("Kazakhstaaan Казахстааан www", "kazakhstaaan казахстааан www");
}

static void
test_zero_width_chars_do_not_split_words(void **state)
{
	(void)state;
	assert_norm("كازا\u200Cخستان", "كازاخستان");
	assert_norm("Kaza\u200Bkh\u00ADstan\u2060", "kazakhstan");
	/* Persian's ZWNJ before an article or a suffix ends a word. */
	assert_norm("المعادن\u200Cالنادرة", "المعادن النادره");
	assert_norm("قزاقستانی\u200Cها رای", "قزاقستاني ها راي");
	assert_norm("ال\u200Cكازاخستانية", "الكازاخستانيه");
	assert_norm("ترك\u200Cمانستان", "تركمانستان");
}

/* Bidi marks around and inside a title vanish; the span keeps them inside. */
static void
test_bidi_marks_in_title(void **state)
{
	const char	*s = "\u200F\u202Bقمة C5+1\u202C في نيويورك\u200E";
	struct text	*t;
	char		*src;

	(void)state;
	assert_norm(s, "قمه c5 + 1 في نيويورك");
	t = text_tokenize(s, strlen(s));
	assert_non_null(t);
	assert_int_equal(text_ntokens(t), 6);
	src = token_source(s, t, 0);
	assert_string_equal(src, "قمة");
	free(src);
	text_free(t);
}

/* Alef variants, alef maksura, teh marbuta and Persian letters fold. */
static void
test_arabic_letters_fold(void **state)
{
	(void)state;
	assert_norm("أ إ آ ٱ ا", "ا ا ا ا ا");
	assert_norm("مصطفى", "مصطفي");
	assert_norm("الكازاخستانية", "الكازاخستانيه");
	assert_norm("کیف", "كيف");
	assert_norm("الھند القاھرۃ بہادر ۂ \uFBAB", "الهند القاهره بهادر ه ه");
	assert_norm("مؤتمر رئيس", "موتمر رييس");
	assert_norm("السلیمانیە", "السليمانيه");
}

/*
 * The letters that write a loanword's v and the Maghreb's g, ف and ق are
 * the letters the rest of the press writes: ڤيينا is فيينا, ڨابس قابس.
 */
static void
test_loanword_letters_fold(void **state)
{
	(void)state;
	assert_norm("ڤيينا ڥولفو", "فيينا فولفو");
	assert_norm("ڨابس ڨفصة", "قابس قفصه");
	assert_norm("ڢاس ڧابس", "فاس قابس");
	assert_norm("\uFB6Aيينا", "فيينا");
}

/*
 * The letters Persian and Iraqi writers type for sounds Arabic has not, p
 * ch zh g, are the letters the Arabic press writes for them: پوتين is
 * بوتين, چنكيز جنكيز, ژاپاروف جاباروف, گ and the Maghreb's ڭ ك.
 */
static void
test_persian_letters_fold(void **state)
{
	(void)state;
	assert_norm("پوتين بپاكستان", "بوتين بباكستان");
	assert_norm("چنكيز ژاپاروف", "جنكيز جاباروف");
	assert_norm("أگادير أڭادير الگاظمي", "اكادير اكادير الكاظمي");
}

/* Arabic-Indic and Persian digits become ASCII digits. */
static void
test_arabic_digits_become_ascii(void **state)
{
	(void)state;
	assert_norm("٢٠١٥ ۱۹۹۳", "2015 1993");
}

/* A year glued to the era letter (٢٠١٥م) is its own token. */
static void
test_year_splits_from_era_letter(void **state)
{
	(void)state;
	assert_norm("عام ٢٠١٥م", "عام 2015 م");
	assert_norm("C5 G20 5G", "c5 g20 5g");
}

/*
 * Arabic letters glued to another script's (markup dropped, a tatweel
 * before a Latin name) are two words; digits still join either.
 */
static void
test_arabic_splits_from_other_scripts(void **state)
{
	(void)state;
	assert_norm("كازاخستانKazakhstan", "كازاخستان kazakhstan");
	assert_norm("Астанаأستانا", "астана استانا");
	assert_norm("بـC5+1 والـCIA", "ب c5 + 1 وال cia");
	assert_norm("كازاخستان2025 G7ال", "كازاخستان2025 g7 ال");
	assert_norm("Kazakhstan’s كازاخستان", "kazakhstan كازاخستان");
}

/*
 * Case folding keeps Russian й (no mark stripping) and folds ё to е. A
 * stress mark no letter takes is removed; an accent a letter takes stays.
 */
static void
test_russian_case_fold_keeps_short_i(void **state)
{
	(void)state;
	assert_norm("ЙОШКАР Казахстане", "йошкар казахстане");
	assert_norm("Ёлка", "елка");
	assert_norm("Straße", "strasse");
	assert_norm("Казахста\u0301н Астана\u0300", "казахстан астана");
	assert_norm("cafe\u0301 Pe\u0300re", "cafe pere");
	assert_norm("\u0439 \u0438\u0306", "\u0439 \u0439");
}

/*
 * A Latin letter's marks go, as headlines in capitals and English papers
 * drop them, and Cyrillic keeps its own (й, қ); the modifier letters of
 * Uzbek are its apostrophe; a heavy plus is a plus.
 */
static void
test_latin_marks_and_modifiers(void **state)
{
	(void)state;
	assert_norm("TÜRKMENISTAN Astaná Ǹ ọ", "turkmenistan astana n o");
	assert_norm("Oʻzbekiston O‘zbekiston Oʼzbekiston O'zbekiston",
	    "o zbekiston o zbekiston o zbekiston o zbekiston");
	assert_norm("Қазақстан й æ ø", "қазақстан й æ ø");
	assert_norm("C5➕1", "c5 + 1");
}

/* Symbols are tokens of their own, so C5+1 and C5 + 1 meet. */
static void
test_symbols_are_tokens(void **state)
{
	(void)state;
	assert_norm("C5+1", "c5 + 1");
	assert_norm("C5 + 1", "c5 + 1");
	assert_norm("P5+1", "p5 + 1");
	assert_norm("AT&T #news 60%", "at & t # news 60 %");
}

/* Punctuation separates words and is no token. */
static void
test_punctuation_separates(void **state)
{
	(void)state;
	assert_norm("Rare-earth (elements), “بوابة العبور”؛ أ/ب: 4.6",
	    "rare earth elements بوابه العبور ا ب 4 6");
}

/* Every hyphen, dash and slash between words joins them as a space would. */
static void
test_joiners_separate_words(void **state)
{
	(void)state;
	assert_norm("rare-earth rare‐earth rare–earth rare/earth",
	    "rare earth rare earth rare earth rare earth");
	assert_norm("rare−earth rare⁄earth rare∕earth",
	    "rare earth rare earth rare earth");
	assert_norm("C5+1", "c5 + 1");
}

/*
 * A word that mixes scripts is read in the script most of its letters are
 * in: С5 with a Cyrillic С is c5, Kazakhstan with a Cyrillic а and a Greek α
 * is Latin, Казахстан with a Latin K and H is Russian; a word in one script
 * keeps its letters, so Russian stays Russian.
 */
static void
test_lookalikes_fold_in_mixed_words(void **state)
{
	(void)state;
	assert_norm("\u04215+1", "c5 + 1");
	assert_norm("K\u0430z\u03b1khstan", "kazakhstan");
	assert_norm("K\u0430\u0437\u0430\u0445\u0441\u0442\u0430H",
	    "\u043a\u0430\u0437\u0430\u0445\u0441\u0442\u0430\u043d");
	assert_norm("\u0421\u041e\u0412\u0418\u0414-19",
	    "\u0441\u043e\u0432\u0438\u0434 19");
	assert_norm("\u0441\u043e\u0440 \u03bf\u03c1\u03b1",
	    "\u0441\u043e\u0440 \u03bf\u03c1\u03b1");
	assert_norm("c\u043e\u0440 c\u043e", "\u0441\u043e\u0440 co");
}

/* An English possessive 's is dropped after its word. */
static void
test_possessive_s_is_dropped(void **state)
{
	(void)state;
	assert_norm("KAZAKHSTAN’S exports", "kazakhstan exports");
	assert_norm("Astana's plan", "astana plan");
	assert_norm("grade 's' and s", "grade s and s");
}

/* Token spans point at the original bytes, harakat included. */
static void
test_token_spans_are_original_bytes(void **state)
{
	const char	*s = "زيارةُ بلينكن لِكَازَاخِسْتَانَ وأوزبكستان";
	struct text	*t;
	char		*src;

	(void)state;
	t = text_tokenize(s, strlen(s));
	assert_non_null(t);
	assert_int_equal(text_ntokens(t), 4);
	assert_string_equal(text_token(t, 2)->norm, "لكازاخستان");
	src = token_source(s, t, 2);
	assert_string_equal(src, "لِكَازَاخِسْتَانَ");
	free(src);
	assert_int_equal(text_token(t, 2)->kind, TEXT_WORD);
	assert_null(text_token(t, 4));
	text_free(t);
}

/*
 * A hashtag or a mention in CamelCase is the words its capitals begin,
 * each with its own original bytes; a word in CamelCase elsewhere (a
 * brand) stays one.
 */
static void
test_camelcase_hashtag_words(void **state)
{
	const char	*s = "#KazakhstanElections2026 ok";
	struct text	*t;
	char		*src;

	(void)state;
	assert_norm("#KazakhstanElections", "# kazakhstan elections");
	assert_norm("#ВыборыВКазахстане", "# выборы в казахстане");
	assert_norm("#USAToday #KAZAKHSTAN", "# usa today # kazakhstan");
	assert_norm("#G7Summit #C5plus1", "# g7 summit # c5plus1");
	assert_norm("#PresidentTokayev's trip", "# president tokayev trip");
	assert_norm("KazMunayGas #kazakhstan", "kazmunaygas # kazakhstan");
	/* A mention is read as a hashtag is. */
	assert_norm("@KazakhstanMFA: welcome", "@ kazakhstan mfa welcome");
	t = text_tokenize(s, strlen(s));
	assert_int_equal(text_ntokens(t), 4);
	assert_string_equal(text_token(t, 2)->norm, "elections2026");
	src = token_source(s, t, 1);
	assert_string_equal(src, "Kazakhstan");
	free(src);
	src = token_source(s, t, 2);
	assert_string_equal(src, "Elections2026");
	free(src);
	text_free(t);
}

/*
 * The words of a hashtag after its first are marked joined to the one
 * before; a word after a space, or after another #, is not.
 */
static void
test_hashtag_words_are_joined(void **state)
{
	const char	*s = "#KazMunayGas Gas #Kaz #MunayGas ВКазахстане";
	const int	 want[] = { 0, 0, 1, 1, 0, 0, 0, 0, 0, 1, 0 };
	struct text	*t;
	size_t		 i;

	(void)state;
	t = text_tokenize(s, strlen(s));
	assert_int_equal(text_ntokens(t), sizeof(want) / sizeof(want[0]));
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		assert_int_equal(text_token(t, i)->joined, want[i]);
	assert_int_equal(text_njoined(t), 3);
	text_free(t);
}

/* A symbol token records its own span and kind. */
static void
test_symbol_token_span(void **state)
{
	const char	*s = "C5 + 1";
	struct text	*t;

	(void)state;
	t = text_tokenize(s, strlen(s));
	assert_non_null(t);
	assert_int_equal(text_ntokens(t), 3);
	assert_int_equal(text_token(t, 1)->kind, TEXT_SYMBOL);
	assert_int_equal(text_token(t, 1)->start, 3);
	assert_int_equal(text_token(t, 1)->end, 4);
	assert_int_equal(text_token(t, 1)->normlen, 1);
	text_free(t);
}

/* Decomposed letters compose: e + acute equals é, ا + hamza equals أ. */
static void
test_decomposed_input_composes(void **state)
{
	(void)state;
	assert_norm("Cafe\xCC\x81", "cafe");
	assert_norm("\xD8\xA7\xD9\x94\xD9\x88\xD8\xB1\xD9\x88\xD8\xA8\xD8\xA7",
	    "اوروبا");
}

/* Invalid bytes separate words and never crash. */
static void
test_invalid_utf8_separates(void **state)
{
	(void)state;
	assert_norm("abc\xFFxyz \xC0\xAF \xED\xA0\x80q \xF4\x90\x80\x80 \xE2\x82",
	    "abc xyz q");
}

/* Empty input gives no tokens; text_free(NULL) is a no-op. */
static void
test_empty_input(void **state)
{
	struct text	*t;

	(void)state;
	t = text_tokenize("", 0);
	assert_non_null(t);
	assert_int_equal(text_ntokens(t), 0);
	text_free(t);
	text_free(NULL);
	assert_norm(" ، . ", "");
}

/* Input need not be NUL-terminated: only len bytes are read. */
static void
test_length_bounds_input(void **state)
{
	char	*got;

	(void)state;
	got = text_normalize("Kazakhstan Uzbekistan", 10);
	assert_string_equal(got, "kazakhstan");
	free(got);
}

/* Several megabytes of recomposing text normalize in linear time. */
static void
test_large_input_is_linear(void **state)
{
	const char	*unit = "أُنشئت йод é ";
	size_t		 n = strlen(unit), reps = 4 * 1024 * 1024 / n, i;
	char		*s = malloc(n * reps);
	struct text	*t;

	(void)state;
	assert_non_null(s);
	for (i = 0; i < reps; i++)
		memcpy(s + i * n, unit, n);
	t = text_tokenize(s, n * reps);
	assert_non_null(t);
	assert_int_equal(text_ntokens(t), 3 * reps);
	text_free(t);
	free(s);
}

/* utf8_valid rejects overlongs, surrogates, values past U+10FFFF, truncation. */
static void
test_utf8_valid_is_strict(void **state)
{
	(void)state;
	assert_true(text_utf8_valid("كازاخستان ok €𝄞", strlen("كازاخستان ok €𝄞")));
	assert_false(text_utf8_valid("\xC0\xAF", 2));
	assert_false(text_utf8_valid("\xE0\x80\xAF", 3));
	assert_false(text_utf8_valid("\xED\xA0\x80", 3));
	assert_false(text_utf8_valid("\xF4\x90\x80\x80", 4));
	assert_false(text_utf8_valid("\xE2\x82", 2));
	assert_false(text_utf8_valid("\x80", 1));
	assert_true(text_utf8_valid("", 0));
}

/* utf8_clean replaces each invalid byte with U+FFFD and keeps the rest. */
static void
test_utf8_clean_replaces_bad_bytes(void **state)
{
	char	*got;

	(void)state;
	got = text_utf8_clean("a\xFF" "b\xE2\x82" "c", 6);
	assert_string_equal(got, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD" "c");
	assert_true(text_utf8_valid(got, strlen(got)));
	free(got);
	got = text_utf8_clean("سلام", strlen("سلام"));
	assert_string_equal(got, "سلام");
	free(got);
}

/* Find needle in s and make a snippet around it. */
static char *
snip(const char *s, const char *needle, size_t maxchars, size_t *ohs,
    size_t *ohe)
{
	const char	*h = strstr(s, needle);

	assert_non_null(h);
	return text_snippet(s, strlen(s), (size_t)(h - s),
	    (size_t)(h - s) + strlen(needle), maxchars, ohs, ohe);
}

/* A snippet cuts at word boundaries, marks cuts with … and keeps the hit. */
static void
test_snippet_cuts_at_word_boundaries(void **state)
{
	const char	*s = "one two three four five six seven eight nine ten "
			    "eleven twelve";
	char		*got;
	size_t		 hs, he;

	(void)state;
	got = snip(s, "six", 20, &hs, &he);
	assert_non_null(got);
	assert_string_equal(got, "… five six seven …");
	assert_int_equal(he - hs, 3);
	assert_memory_equal(got + hs, "six", 3);
	free(got);
}

/* A short text is returned whole, without ellipses. */
static void
test_snippet_short_text_whole(void **state)
{
	char	*got;
	size_t	 hs, he;

	(void)state;
	got = snip("  Kazakhstan   exports\n rise ", "exports", 100, &hs, &he);
	assert_string_equal(got, "Kazakhstan exports rise");
	assert_memory_equal(got + hs, "exports", he - hs);
	assert_int_equal(he - hs, 7);
	free(got);
}

/* An Arabic snippet never cuts inside a letter and its hit span is exact. */
static void
test_snippet_arabic_hit_span(void **state)
{
	const char	*s = "تتمتع دول آسيا الوسطى بثروات ضخمة من الطاقة "
			    "والمعادن النادرة، إلى جانب موقع جغرافي فريد يجعلها "
			    "جسرًا طبيعيًا بين الشرق والغرب.";
	char		*got;
	size_t		 hs, he;

	(void)state;
	got = snip(s, "والمعادن النادرة", 40, &hs, &he);
	assert_non_null(got);
	assert_true(text_utf8_valid(got, strlen(got)));
	assert_int_equal(he - hs, strlen("والمعادن النادرة"));
	assert_memory_equal(got + hs, "والمعادن النادرة", he - hs);
	assert_non_null(strstr(got, "…"));
	free(got);
}

/* Whitespace runs inside the hit fold and the span follows. */
static void
test_snippet_folds_whitespace_in_hit(void **state)
{
	char	*got;
	size_t	 hs, he;

	(void)state;
	got = snip("say rare \t\n earth now", "rare \t\n earth", 80, &hs, &he);
	assert_string_equal(got, "say rare earth now");
	assert_memory_equal(got + hs, "rare earth", he - hs);
	assert_int_equal(he - hs, 10);
	free(got);
}

/* Invalid bytes in the context become U+FFFD; the output is valid UTF-8. */
static void
test_snippet_output_is_valid_utf8(void **state)
{
	const char	*s = "a\xFF\xFE b \xE2\x82 hit c\x80 d";
	char		*got;
	size_t		 hs, he;

	(void)state;
	got = snip(s, "hit", 100, &hs, &he);
	assert_true(text_utf8_valid(got, strlen(got)));
	assert_memory_equal(got + hs, "hit", 3);
	free(got);
}

/* Offsets past the end or inside a sequence are clamped and aligned. */
static void
test_snippet_clamps_offsets(void **state)
{
	const char	*s = "كازاخستان";
	char		*got;
	size_t		 hs, he;

	(void)state;
	got = text_snippet(s, strlen(s), 3, 999, 10, &hs, &he);
	assert_non_null(got);
	assert_true(text_utf8_valid(got, strlen(got)));
	assert_true(hs <= he && he <= strlen(got));
	free(got);
}

/* A slug keeps a title's words as written, in any script, joined by '-'. */
static void
test_slug(void **state)
{
	static const struct {
		const char	*in, *want;
	} cases[] = {
		{ "BBC News عربي", "bbc-news-عربي" },
		{ "\u200Fالجَزيرة نت", "الجزيرة-نت" },
		{ "Kun.uz (English) — news & views", "kun-uz-english-news-views" },
		{ "Новости Казахстана", "Новости-Казахстана" },
		{ "&&& ++", "" },
		{ "one two three four five six seven eight nine ten",
		    "one-two-three-four-five-six-seven" },
	};
	size_t	 i;
	char	*got;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		got = text_slug(cases[i].in, strlen(cases[i].in), 36);
		assert_string_equal(got, cases[i].want);
		free(got);
	}
}

/* The sentence around [hs, he) of s, with the span marked «». */
static char *
sentence_of(const char *s, const char *hit, size_t maxchars)
{
	const char	*at = hit != NULL ? strstr(s, hit) : s;
	size_t		 hs, he, ohs, ohe;
	char		*snip, *out;

	assert_non_null(at);
	hs = (size_t)(at - s);
	he = hs + (hit != NULL ? strlen(hit) : 0);
	snip = text_sentence(s, strlen(s), hs, he, maxchars, &ohs, &ohe);
	out = malloc(strlen(snip) + 8);
	assert_non_null(out);
	sprintf(out, "%.*s«%.*s»%s", (int)ohs, snip, (int)(ohe - ohs),
	    snip + ohs, snip + ohe);
	free(snip);
	return out;
}

/*
 * A notification shows the sentence that holds the hit: cut at . ! ? ؟ …
 * and line breaks, not at an initial (U.S.), nor at a stop inside the hit;
 * no span gives the opening sentence; a long one is cut around the hit.
 */
static void
test_sentence(void **state)
{
	static const struct {
		const char	*s, *hit, *want;
	} cases[] = {
		{ "First one here. The hit Astana is in this one! Third.",
		    "Astana", "The hit «Astana» is in this one!" },
		{ "First one here. Second one.", NULL, "«»First one here." },
		{ "Fine. U.S. officials met in Astana today. Then more.",
		    "officials", "U.S. «officials» met in Astana today." },
		{ "جملة أولى. هل تزور كازاخستان؟ جملة ثالثة.", "كازاخستان",
		    "هل تزور «كازاخستان»؟" },
		{ "line one\nline two has the hit\nline three", "hit",
		    "line two has the «hit»" },
		{ "He said: \"Astana is near.\" Then left.", "Astana",
		    "He said: \"«Astana» is near.\"" },
		{ "Astana. Washington. Other.", "Astana. Washington",
		    "«Astana. Washington»." },
		{ "One two three four five six seven eight nine ten Astana "
		    "eleven twelve thirteen fourteen fifteen sixteen.", "Astana",
		    "… eight nine ten «Astana» eleven twelve …" },
	};
	size_t	 i;
	char	*got;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		got = sentence_of(cases[i].s, cases[i].hit, 40);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("case %zu: got '%s', want '%s'", i, got,
			    cases[i].want);
		free(got);
	}
}

/* Whether two token lists are the same tokens, over the same spans. */
static void
assert_same_tokens(const struct text *a, const struct text *b)
{
	const struct text_token	*x, *y;
	size_t			 i;

	assert_int_equal(text_ntokens(a), text_ntokens(b));
	for (i = 0; i < text_ntokens(a); i++) {
		x = text_token(a, i);
		y = text_token(b, i);
		assert_string_equal(x->norm, y->norm);
		assert_int_equal(x->normlen, y->normlen);
		assert_int_equal(x->start, y->start);
		assert_int_equal(x->end, y->end);
		assert_int_equal(x->kind, y->kind);
	}
}

/*
 * The memo gives what text_tokenize() gives, the first time and again,
 * for texts it keeps and one too long to keep; what it handed out lives
 * on after the memo has dropped it (thousands of other texts later) and
 * after the memo is freed.
 */
static void
test_memo_tokens_are_text_tokenize_tokens(void **state)
{
	static const char *const texts[] = {
		"قمة C5+1 في أستانا: كازاخستان والمعادن النادرة",
		"قمة C5+1 في أستانا: كازاخستان والمعادن النادرة.",
		"Токаев: Казахстан ёмкий рынок",
		"", "rare-earth's supply"
	};
	struct text_memo	*m = text_memo_new();
	struct text		*kept, *got, *want;
	char			 other[64], *big;
	size_t			 i, n;

	(void)state;
	for (n = 0; n < 2; n++)
		for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
			got = text_memo_tokenize(m, texts[i], strlen(texts[i]));
			want = text_tokenize(texts[i], strlen(texts[i]));
			assert_same_tokens(got, want);
			text_free(got);
			text_free(want);
		}
	big = malloc(TEXT_MEMO_TEXT * 2 + 1);
	assert_non_null(big);
	for (i = 0; i < TEXT_MEMO_TEXT * 2; i++)
		big[i] = i % 7 == 6 ? ' ' : 'a' + (char)(i % 5);
	got = text_memo_tokenize(m, big, TEXT_MEMO_TEXT * 2);
	want = text_tokenize(big, TEXT_MEMO_TEXT * 2);
	assert_same_tokens(got, want);
	text_free(got);
	text_free(want);
	free(big);

	kept = text_memo_tokenize(m, texts[0], strlen(texts[0]));
	for (i = 0; i < TEXT_MEMO_SETS * 8; i++) {
		snprintf(other, sizeof(other), "خبر رقم %zu من الوكالة", i);
		text_free(text_memo_tokenize(m, other, strlen(other)));
	}
	text_memo_free(m);
	want = text_tokenize(texts[0], strlen(texts[0]));
	assert_same_tokens(kept, want);
	text_free(kept);
	text_free(want);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_presentation_forms_fold_to_letters),
		cmocka_unit_test(test_harakat_are_removed),
		cmocka_unit_test(test_tatweel_inside_word_is_removed),
		cmocka_unit_test(test_stretched_arabic_letter_keeps_one),
		cmocka_unit_test(test_zero_width_chars_do_not_split_words),
		cmocka_unit_test(test_bidi_marks_in_title),
		cmocka_unit_test(test_arabic_letters_fold),
		cmocka_unit_test(test_loanword_letters_fold),
		cmocka_unit_test(test_persian_letters_fold),
		cmocka_unit_test(test_camelcase_hashtag_words),
		cmocka_unit_test(test_hashtag_words_are_joined),
		cmocka_unit_test(test_arabic_splits_from_other_scripts),
		cmocka_unit_test(test_arabic_digits_become_ascii),
		cmocka_unit_test(test_year_splits_from_era_letter),
		cmocka_unit_test(test_russian_case_fold_keeps_short_i),
		cmocka_unit_test(test_latin_marks_and_modifiers),
		cmocka_unit_test(test_symbols_are_tokens),
		cmocka_unit_test(test_punctuation_separates),
		cmocka_unit_test(test_joiners_separate_words),
		cmocka_unit_test(test_lookalikes_fold_in_mixed_words),
		cmocka_unit_test(test_slug),
		cmocka_unit_test(test_sentence),
		cmocka_unit_test(test_possessive_s_is_dropped),
		cmocka_unit_test(test_token_spans_are_original_bytes),
		cmocka_unit_test(test_symbol_token_span),
		cmocka_unit_test(test_decomposed_input_composes),
		cmocka_unit_test(test_invalid_utf8_separates),
		cmocka_unit_test(test_empty_input),
		cmocka_unit_test(test_length_bounds_input),
		cmocka_unit_test(test_large_input_is_linear),
		cmocka_unit_test(test_utf8_valid_is_strict),
		cmocka_unit_test(test_utf8_clean_replaces_bad_bytes),
		cmocka_unit_test(test_snippet_cuts_at_word_boundaries),
		cmocka_unit_test(test_snippet_short_text_whole),
		cmocka_unit_test(test_snippet_arabic_hit_span),
		cmocka_unit_test(test_snippet_folds_whitespace_in_hit),
		cmocka_unit_test(test_snippet_output_is_valid_utf8),
		cmocka_unit_test(test_snippet_clamps_offsets),
		cmocka_unit_test(test_memo_tokens_are_text_tokenize_tokens),
		cmocka_unit_test(test_html_tags_are_not_read),
		cmocka_unit_test(test_hyphened_words_are_marked),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
