/* Unit tests for match.c: the watch-list language and the matcher. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "match.h"

/* A one-topic matcher with one match expression, compiled. */
static struct match *
one_topic(const char *expr, const char *exclude)
{
	struct match		*m;
	struct match_error	 err;

	m = match_new();
	assert_non_null(m);
	assert_int_equal(match_topic_add(m, "t", MATCH_ALL), 0);
	if (match_expr_add(m, 0, expr, 0, &err) == -1)
		fail_msg("%s: column %d: %s", expr, err.column, err.msg);
	if (exclude != NULL && match_expr_add(m, 0, exclude, 1, &err) == -1)
		fail_msg("%s: column %d: %s", exclude, err.column, err.msg);
	match_compile(m);
	return m;
}

/* Whether expr fires on an item with this title (and exclude does not). */
static int
fires_ex(const char *expr, const char *exclude, const char *title)
{
	struct match		*m = one_topic(expr, exclude);
	struct match_doc	 doc = { title, NULL, NULL, NULL };
	struct match_result	 res;
	int			 n;

	assert_int_equal(match_doc(m, &doc, &res), 0);
	n = (int)res.n;
	match_result_free(&res);
	match_free(m);
	return n;
}

/* Whether expr fires on an item with this title. */
static int
fires(const char *expr, const char *title)
{
	return fires_ex(expr, NULL, title);
}

/* The error column of a bad expression (and that it is bad). */
static int
error_column(const char *expr)
{
	struct match_error	 err;

	memset(&err, 0, sizeof(err));
	assert_int_equal(match_expr_check(expr, &err), -1);
	assert_true(err.msg[0] != '\0');
	return err.column;
}

/* Acceptance: a proclitic ل on the name. */
static void
test_accept_kazakhstan_with_lam(void **state)
{
	(void)state;
	assert_true(fires("كازاخستان", "زيارة وزير الخارجية السابق أنتوني "
	    "بلينكن لكازاخستان وأوزبكستان"));
}

/* Acceptance: the nisba adjective الكازاخستاني. */
static void
test_accept_kazakhstan_adjective(void **state)
{
	(void)state;
	assert_true(fires("كازاخستان", "أجرى وزير الخارجية الكازاخستاني، "
	    "يرميك كوشيرباييف"));
}

/* Acceptance: the feminine adjective after tatweel and a slash. */
static void
test_accept_kazakhstan_feminine_after_tatweel(void **state)
{
	(void)state;
	assert_true(fires("كازاخستان", "أصـــداء/ الكازاخستانية"));
}

/* Acceptance: an English possessive in capitals. */
static void
test_accept_english_possessive(void **state)
{
	(void)state;
	assert_true(fires("Kazakhstan", "KAZAKHSTAN’S exports"));
}

/* Acceptance: C5+1 written with spaces. */
static void
test_accept_c5_plus_1_spaced(void **state)
{
	(void)state;
	assert_true(fires("C5+1", "ضمن صيغة C5 + 1 – كازاخستان وقيرغيزستان"));
}

/* Acceptance: C5+1 does not fire on B5+1. */
static void
test_accept_c5_plus_1_not_b5(void **state)
{
	(void)state;
	assert_false(fires("C5+1", "المنتدى الدولي B5+1"));
}

/* Acceptance: 5+1 does not fire on P5+1. */
static void
test_accept_5_plus_1_not_p5(void **state)
{
	(void)state;
	assert_false(fires("5+1", "محادثات مجموعة P5+1 بشأن البرنامج النووي"));
}

/* Acceptance: 5+1 AND a two-word phrase. */
static void
test_accept_5_plus_1_and_central_asia(void **state)
{
	(void)state;
	assert_true(fires("5+1 AND آسيا الوسطى", "قمة مجموعة 5+1 التي تضم "
	    "الولايات المتحدة وخمس دول من آسيا الوسطى"));
}

/* Acceptance: a five-word Arabic phrase with hamza and teh marbuta. */
static void
test_accept_long_arabic_phrase(void **state)
{
	(void)state;
	assert_true(fires("مجموعة الدول الخمس زائد واحد",
	    "اجتماعات مجموعة الدول الخمس زائد واحد (C5+1)"));
}

/* Acceptance: المعادن النادرة after a proclitic و. */
static void
test_accept_rare_minerals(void **state)
{
	(void)state;
	assert_true(fires("المعادن النادرة", "تتمتع دول آسيا الوسطى بثروات ضخمة "
	    "من الطاقة والمعادن النادرة"));
}

/* Acceptance: نادرًا alone is no false alarm for المعادن النادرة. */
static void
test_accept_rare_minerals_no_false_alarm(void **state)
{
	(void)state;
	assert_false(fires("المعادن النادرة", "شهد حجم التبادل التجاري … "
	    "توافقًا نادرًا بين الحزبين"));
}

/* Acceptance: a three-word phrase before a colon. */
static void
test_accept_rare_earth_minerals_arabic(void **state)
{
	(void)state;
	assert_true(fires("المعادن الأرضية النادرة", "المعادن الأرضية النادرة: "
	    "شهدت زيادة قدرها 4.6 أضعاف"));
}

/* Acceptance: a prefix word over a hyphen and a plural. */
static void
test_accept_rare_earth_prefix(void **state)
{
	(void)state;
	assert_true(fires("rare earth*", "Rare-earth elements and rare earths"));
}

/* Acceptance: ASCII digits match Arabic-Indic digits. */
static void
test_accept_year_in_arabic_digits(void **state)
{
	(void)state;
	assert_true(fires("2015", "في عام ٢٠١٥، خلال الجمعية العامة"));
}

/* Acceptance: NEAR/5 does not fire on words 40 apart. */
static void
test_accept_near_too_far(void **state)
{
	char	 title[2048];
	int	 i;

	(void)state;
	strcpy(title, "جدية أستانا في تعزيز");
	for (i = 0; i < 36; i++)
		strcat(title, " كلمة");
	strcat(title, " واشنطن");
	assert_false(fires("أستانا NEAR/5 واشنطن", title));
}

/* Acceptance: harakat on the text. */
static void
test_accept_harakat(void **state)
{
	(void)state;
	assert_true(fires("كازاخستان", "كَازَاخِسْتَان"));
}

/* Acceptance: a zero-width non-joiner inside the word. */
static void
test_accept_zwnj_inside_word(void **state)
{
	(void)state;
	assert_true(fires("كازاخستان", "كازا\u200Cخستان"));
}

/* Acceptance: Arabic presentation forms. */
static void
test_accept_presentation_forms(void **state)
{
	(void)state;
	assert_true(fires("كازاخستان", "ﻛﺎﺯﺍﺧﺴﺘﺎﻥ"));
}

/* The hit span points at the original bytes of لكازاخستان, harakat and all. */
static void
test_hit_span_points_at_original_bytes(void **state)
{
	const char		*title = "زيارةُ الوزيرِ لِكَازَاخِسْتَانَ أمس";
	struct match		*m = one_topic("كازاخستان", NULL);
	struct match_doc	 doc = { title, NULL, NULL, NULL };
	struct match_result	 res;
	const char		*want = "لِكَازَاخِسْتَانَ";

	(void)state;
	assert_int_equal(match_doc(m, &doc, &res), 0);
	assert_int_equal(res.n, 1);
	assert_int_equal(res.v[0].field, MATCH_TITLE);
	assert_int_equal(res.v[0].start, strstr(title, want) - title);
	assert_int_equal(res.v[0].end - res.v[0].start, strlen(want));
	assert_string_equal(res.v[0].terms, "كازاخستان");
	match_result_free(&res);
	match_free(m);
}

/* The first hit prefers the title, then the summary, then the content. */
static void
test_first_hit_prefers_title(void **state)
{
	struct match		*m = one_topic("Astana", NULL);
	struct match_doc	 doc = { "News from Astana", "Astana summary",
				    "Astana body", NULL };
	struct match_doc	 doc2 = { "Other", NULL, "In Astana", NULL };
	struct match_result	 res;

	(void)state;
	assert_int_equal(match_doc(m, &doc, &res), 0);
	assert_int_equal(res.n, 1);
	assert_int_equal(res.v[0].field, MATCH_TITLE);
	assert_int_equal(res.v[0].start, 10);
	assert_int_equal(res.v[0].end, 16);
	match_result_free(&res);
	assert_int_equal(match_doc(m, &doc2, &res), 0);
	assert_int_equal(res.n, 1);
	assert_int_equal(res.v[0].field, MATCH_CONTENT);
	assert_int_equal(res.v[0].start, 3);
	match_result_free(&res);
	match_free(m);
}

/* Russian: exact, case-insensitive, case endings and the -ский adjective. */
static void
test_russian_case_endings(void **state)
{
	(void)state;
	assert_true(fires("Казахстан", "КАЗАХСТАН и США"));
	assert_true(fires("Казахстан", "Визит в Казахстане"));
	assert_true(fires("Казахстан", "экспорт Казахстана"));
	assert_true(fires("Казахстан", "казахстанский уран"));
	assert_true(fires("Россия", "санкции против России"));
	assert_false(fires("Казахстан", "Казах и Узбек"));
}

/* NOT excludes within an expression; lowercase not is a word. */
static void
test_not_excludes(void **state)
{
	(void)state;
	assert_true(fires("Kazakhstan NOT football", "Kazakhstan exports grow"));
	assert_false(fires("Kazakhstan NOT football", "Kazakhstan football cup"));
	assert_false(fires("Kazakhstan AND NOT football", "Kazakhstan football"));
	assert_true(fires("NOT football", "anything else"));
	assert_false(fires("kazakhstan not football", "Kazakhstan exports"));
}

/* An exclude expression stops the topic from firing. */
static void
test_exclude_stops_topic(void **state)
{
	(void)state;
	assert_true(fires_ex("5+1", "P5+1", "قمة 5+1 في واشنطن"));
	assert_false(fires_ex("5+1", "P5+1", "قمة 5+1 ومحادثات P5+1"));
	assert_false(fires_ex("C5+1", "title:sport", "C5+1 sport"));
}

/* AND binds tighter than OR; NOT tighter than AND. */
static void
test_precedence(void **state)
{
	(void)state;
	assert_true(fires("a1 OR b1 AND c1", "a1"));
	assert_false(fires("(a1 OR b1) AND c1", "a1"));
	assert_true(fires("NOT a1 AND b1", "b1"));
	assert_false(fires("NOT a1 AND b1", "a1 b1"));
	assert_true(fires("x1 (y1 OR z1)", "z1 then x1"));
}

/* Operator words are uppercase only; lowercase and is part of a phrase. */
static void
test_lowercase_and_is_a_word(void **state)
{
	(void)state;
	assert_true(fires("salt and pepper", "salt and pepper"));
	assert_false(fires("salt and pepper", "salt or pepper"));
	assert_true(fires("salt AND pepper", "pepper or salt"));
}

/* Quotes make a literal phrase of operator words. */
static void
test_quotes_hold_operator_words(void **state)
{
	(void)state;
	assert_true(fires("\"ROCK AND ROLL\"", "rock and roll hall"));
	assert_false(fires("\"ROCK AND ROLL\"", "rock music and roll"));
	assert_true(fires("\"AT&T\" deal", "AT&T deal signed"));
}

/* Words of a phrase must be consecutive tokens. */
static void
test_phrase_needs_consecutive_tokens(void **state)
{
	(void)state;
	assert_true(fires("rare earth", "rare earths"));
	assert_false(fires("rare earth", "rare and earth"));
	assert_true(fires("Rare earth", "RARE-EARTH"));
	assert_true(fires("Kazakhstan exports", "KAZAKHSTAN’S exports"));
}

/* NEAR fires within n tokens in either order, never across fields. */
static void
test_near_within_distance(void **state)
{
	struct match		*m = one_topic("Astana NEAR/3 Washington", NULL);
	struct match_doc	 doc = { "Astana", NULL, "Washington", NULL };
	struct match_result	 res;

	(void)state;
	assert_true(fires("أستانا NEAR/5 واشنطن", "جدية أستانا في تعزيز علاقتها مع واشنطن"));
	assert_true(fires("Astana NEAR/3 Washington", "Washington and then Astana"));
	assert_true(fires("Astana NEAR/2 Washington", "Astana a b Washington"));
	assert_false(fires("Astana NEAR/2 Washington", "Astana a b c Washington"));
	assert_int_equal(match_doc(m, &doc, &res), 0);
	assert_int_equal(res.n, 0);
	match_result_free(&res);
	match_free(m);
}

/* title: restricts a phrase or a group to the title. */
static void
test_title_restriction(void **state)
{
	struct match		*m = one_topic("title:(Astana OR Almaty) AND uranium",
				    NULL);
	struct match_doc	 in_title = { "Astana talks", NULL, "uranium", NULL };
	struct match_doc	 in_body = { "talks", NULL, "Astana uranium", NULL };
	struct match_result	 res;

	(void)state;
	assert_int_equal(match_doc(m, &in_title, &res), 0);
	assert_int_equal(res.n, 1);
	assert_string_equal(res.v[0].terms, "Astana, uranium");
	match_result_free(&res);
	assert_int_equal(match_doc(m, &in_body, &res), 0);
	assert_int_equal(res.n, 0);
	match_result_free(&res);
	match_free(m);
}

/* A topic's own fields limit where it looks. */
static void
test_topic_fields(void **state)
{
	struct match		*m = match_new();
	struct match_error	 err;
	struct match_doc	 doc = { "nothing", "Astana", NULL, NULL };
	struct match_result	 res;

	(void)state;
	assert_int_equal(match_topic_add(m, "title-only", MATCH_TITLE), 0);
	assert_int_equal(match_topic_add(m, "summary", MATCH_SUMMARY), 1);
	assert_int_equal(match_expr_add(m, 0, "Astana", 0, &err), 0);
	assert_int_equal(match_expr_add(m, 1, "Astana", 0, &err), 0);
	match_compile(m);
	assert_int_equal(match_doc(m, &doc, &res), 0);
	assert_int_equal(res.n, 1);
	assert_int_equal(res.v[0].topic, 1);
	assert_int_equal(res.v[0].field, MATCH_SUMMARY);
	match_result_free(&res);
	match_free(m);
}

/* ~word matches the spellings of a transliterated name, not other words. */
static void
test_spelling_variants(void **state)
{
	(void)state;
	assert_true(fires("~موخامبيت", "كما أكد علي مخامبيت."));
	assert_true(fires("~تستينوف", "ووفقًا لأليشر تاستنوف، الخبير البارز"));
	assert_true(fires("~تستينوف", "وبحسب عليشر تستينوف"));
	assert_false(fires("~تستينوف", "تستير"));
	assert_true(error_column("~يوا") == 1);
}

/* Prefix words match longer words, including after proclitics. */
static void
test_prefix_words(void **state)
{
	(void)state;
	assert_true(fires("uran*", "Uranium exports"));
	assert_false(fires("uran*", "Iran news"));
	assert_true(fires("كازاخ*", "الوفد الكازاخي"));
	assert_true(error_column("rare *") == 6);
}

/* The article and للـ forms match a term written with the article. */
static void
test_article_forms(void **state)
{
	(void)state;
	assert_true(fires("الولايات المتحدة", "زيارة للولايات المتحدة"));
	assert_true(fires("الولايات المتحدة", "وبالولايات المتحدة"));
	assert_true(fires("المعادن النادرة", "صادرات بالمعادن النادرة"));
	assert_true(fires("روسيا", "العقوبات الروسية على"));
	assert_true(fires("أمريكا", "السياسة الأمريكية"));
}

/*
 * A name written with the article matches its nisba adjective without it
 * (مسؤول صيني is a Chinese official), but not the bare word (هند is a name,
 * جزائر means islands), and a word whose alef carries a hamza has no
 * article to drop (ماني, a surname, is not ألمانيا).
 */
static void
test_nisba_without_article(void **state)
{
	(void)state;
	assert_true(fires("الصين", "مسؤول صيني"));
	assert_true(fires("الصين", "سفن صينية"));
	assert_true(fires("العراق", "ووزير عراقي"));
	assert_true(fires("الجزائر", "لاعبون جزائريون"));
	assert_false(fires("الهند", "الممثلة هند صبري"));
	assert_false(fires("الجزائر", "جزائر القمر"));
	assert_false(fires("ألمانيا", "ساديو ماني"));
	assert_true(fires("ألمانيا", "وزير ألماني"));
}

/*
 * A term without the article matches the definite and the indefinite text;
 * one written with it stays definite (the article is part of names such as
 * الجزائر, whose bare جزائر means islands).
 */
static void
test_article_less_term(void **state)
{
	(void)state;
	assert_true(fires("معادن نادرة", "تصدير معادن نادرة"));
	assert_true(fires("معادن نادرة", "صادرات المعادن النادرة"));
	assert_true(fires("معادن نادرة", "وللمعادن النادرة"));
	assert_false(fires("المعادن النادرة", "تصدير معادن نادرة"));
	assert_false(fires("الجزائر", "جزائر القمر"));
}

/* Short terms (three letters or fewer) match exactly only. */
static void
test_short_terms_match_exactly(void **state)
{
	(void)state;
	assert_false(fires("تاب", "قرأت كتاب التاريخ"));
	assert_false(fires("ال", "الكازاخستانية"));
	assert_true(fires("مصر", "زيارة مصر"));
	assert_false(fires("5", "P5+1"));
	assert_false(fires("CIA", "CIAs"));
}

/* A term word never matches an unrelated longer word through suffixes. */
static void
test_no_partial_word_match(void **state)
{
	(void)state;
	assert_false(fires("كازاخستان", "كازاخستانيونس"));
	assert_false(fires("Kazakh", "Kazakhstan"));
	assert_false(fires("earth", "earthquake"));
	assert_false(fires("النادرة", "نادرة"));
}

/* English plurals fold to the singular term word. */
static void
test_english_plurals(void **state)
{
	(void)state;
	assert_true(fires("sanction", "new sanctions on"));
	assert_true(fires("economy", "Central Asian economies"));
	assert_true(fires("rare earth", "rare earths"));
	assert_true(fires("Kazakhstan", "Kazakhstani uranium"));
}

/* The terms list names each phrase that fired once, as written. */
static void
test_terms_listed_once_as_written(void **state)
{
	struct match		*m = match_new();
	struct match_error	 err;
	struct match_doc	 doc = { "C5+1 و Kazakhstan", NULL,
				    "kazakhstan again", NULL };
	struct match_result	 res;

	(void)state;
	assert_int_equal(match_topic_add(m, "c5", 0), 0);
	assert_int_equal(match_expr_add(m, 0, "C5+1", 0, &err), 0);
	assert_int_equal(match_expr_add(m, 0, "Kazakhstan OR Uzbekistan", 0,
	    &err), 0);
	assert_int_equal(match_expr_add(m, 0, "Kazakhstan", 0, &err), 0);
	match_compile(m);
	assert_int_equal(match_doc(m, &doc, &res), 0);
	assert_int_equal(res.n, 1);
	assert_string_equal(res.v[0].terms, "C5+1, Kazakhstan");
	match_result_free(&res);
	match_free(m);
}

/* Topics fire independently and come back in topic order. */
static void
test_many_topics_in_order(void **state)
{
	struct match		*m = match_new();
	struct match_error	 err;
	struct match_doc	 doc = { "كازاخستان والمعادن النادرة", NULL, NULL,
				    NULL };
	struct match_result	 res;
	char			 expr[32];
	size_t			 i;

	(void)state;
	for (i = 0; i < 500; i++) {
		snprintf(expr, sizeof(expr), "term%zu", i);
		assert_int_equal(match_topic_add(m, expr, 0), (long)i);
		assert_int_equal(match_expr_add(m, i, expr, 0, &err), 0);
	}
	assert_int_equal(match_topic_add(m, "rare", 0), 500);
	assert_int_equal(match_expr_add(m, 500, "المعادن النادرة", 0, &err), 0);
	assert_int_equal(match_topic_add(m, "kz", 0), 501);
	assert_int_equal(match_expr_add(m, 501, "كازاخستان", 0, &err), 0);
	match_compile(m);
	assert_int_equal(match_ntopics(m), 502);
	assert_string_equal(match_topic_name(m, 501), "kz");
	assert_null(match_topic_name(m, 502));
	assert_int_equal(match_doc(m, &doc, &res), 0);
	assert_int_equal(res.n, 2);
	assert_int_equal(res.v[0].topic, 500);
	assert_int_equal(res.v[1].topic, 501);
	match_result_free(&res);
	match_free(m);
}

/* A topic restricted to sources fires only on their items. */
static void
test_source_restriction(void **state)
{
	struct match		*m = match_new();
	struct match_error	 err;
	struct match_doc	 doc = { "Astana", NULL, NULL, "realist" };
	struct match_result	 res;

	(void)state;
	assert_int_equal(match_topic_add(m, "t", 0), 0);
	assert_int_equal(match_expr_add(m, 0, "Astana", 0, &err), 0);
	assert_int_equal(match_topic_source_add(m, 0, "example-news"), 0);
	match_compile(m);
	assert_int_equal(match_doc(m, &doc, &res), 0);
	assert_int_equal(res.n, 0);
	match_result_free(&res);
	doc.source = "example-news";
	assert_int_equal(match_doc(m, &doc, &res), 0);
	assert_int_equal(res.n, 1);
	match_result_free(&res);
	match_free(m);
}

/* Syntax errors name the right column. */
static void
test_syntax_error_columns(void **state)
{
	(void)state;
	assert_int_equal(error_column("(a OR b"), 1);
	assert_int_equal(error_column("a OR (b AND (c)"), 6);
	assert_int_equal(error_column("a OR b)"), 7);
	assert_int_equal(error_column("a AND"), 3);
	assert_int_equal(error_column("OR b"), 1);
	assert_int_equal(error_column("a AND OR b"), 3);
	assert_int_equal(error_column("a ()"), 3);
	assert_int_equal(error_column("a \"\""), 3);
	assert_int_equal(error_column("a - b AND ،"), 11);
	assert_int_equal(error_column("a NEAR/0 b"), 3);
	assert_int_equal(error_column("a NEAR b"), 3);
	assert_int_equal(error_column("(a OR b) NEAR/3 c"), 10);
	assert_int_equal(error_column("a \"b AND c"), 3);
	assert_int_equal(error_column("NOT"), 1);
	assert_int_equal(error_column(""), 1);
	assert_int_equal(error_column("title:"), 1);
}

/* Good expressions pass the check. */
static void
test_valid_expressions_pass_check(void **state)
{
	struct match_error	 err;

	(void)state;
	assert_int_equal(match_expr_check("5+1 AND (آسيا الوسطى OR Central Asia)",
	    &err), 0);
	assert_int_equal(match_expr_check("title:\"C5 + 1\" OR ~تستينوف", &err), 0);
	assert_int_equal(match_expr_check("NEARBY NEAR/10 far", &err), 0);
}

/* A failed expression leaves the topic usable. */
static void
test_failed_expression_leaves_topic_usable(void **state)
{
	struct match		*m = match_new();
	struct match_error	 err;
	struct match_doc	 doc = { "Astana", NULL, NULL, NULL };
	struct match_result	 res;

	(void)state;
	assert_int_equal(match_topic_add(m, "t", 0), 0);
	assert_int_equal(match_expr_add(m, 0, "Astana AND (", 0, &err), -1);
	assert_int_equal(match_expr_add(m, 0, "Astana", 0, &err), 0);
	match_compile(m);
	assert_int_equal(match_doc(m, &doc, &res), 0);
	assert_int_equal(res.n, 1);
	match_result_free(&res);
	match_free(m);
}

/* Invalid UTF-8 and NULL fields do not crash and still match the rest. */
static void
test_invalid_utf8_doc(void **state)
{
	struct match		*m = one_topic("كازاخستان", NULL);
	struct match_doc	 doc = { NULL, "\xFF\xD9كازاخستان\xC0\xAF",
				    "\xED\xA0\x80", NULL };
	struct match_result	 res;

	(void)state;
	assert_int_equal(match_doc(m, &doc, &res), 0);
	assert_int_equal(res.n, 1);
	assert_int_equal(res.v[0].field, MATCH_SUMMARY);
	assert_int_equal(res.v[0].start, 2);
	match_result_free(&res);
	match_free(m);
	match_free(NULL);
	match_result_free(NULL);
}

/* Real seed sentences: several surface forms in one paragraph. */
static void
test_seed_paragraph(void **state)
{
	const char		*content = "أجرى وزير الخارجية الكازاخستاني، يرميك "
				    "كوشيرباييف، مؤخرًا محادثات مع وزير الخارجية "
				    "الأمريكي، ماركو روبيو. تجدر الإشارة إلى أن "
				    "ألماتي استضافت العام الماضي المنتدى الدولي "
				    "B5+1، وهو امتدادٌ لمنتدى C5+1 يركز على الأعمال "
				    "التجارية.";
	struct match		*m = one_topic("C5+1", NULL);
	struct match_doc	 doc = { NULL, NULL, content, NULL };
	struct match_result	 res;

	(void)state;
	assert_int_equal(match_doc(m, &doc, &res), 0);
	assert_int_equal(res.n, 1);
	assert_memory_equal(content + res.v[0].start, "C5+1", 4);
	assert_int_equal(res.v[0].end - res.v[0].start, 4);
	match_result_free(&res);
	match_free(m);
}

/* The first hit of a one-topic matcher on doc: its field and original text. */
static void
assert_first_hit(const char *expr, const struct match_doc *doc,
    enum match_field field, const char *want)
{
	struct match		*m = one_topic(expr, NULL);
	struct match_result	 res;
	const char		*texts[] = { NULL, doc->title, doc->summary,
				    NULL, doc->content };
	const char		*text;

	assert_int_equal(match_doc(m, doc, &res), 0);
	assert_int_equal(res.n, 1);
	assert_int_equal(res.v[0].field, field);
	text = texts[field];
	assert_true(res.v[0].end <= strlen(text));
	assert_int_equal(res.v[0].end - res.v[0].start, strlen(want));
	assert_memory_equal(text + res.v[0].start, want, strlen(want));
	match_result_free(&res);
	match_free(m);
}

/* Hit spans are bytes of the original field text, whatever folding hid. */
static void
test_hit_spans_in_content_are_original_bytes(void **state)
{
	struct match_doc	 doc = { "عنوان", NULL, NULL, NULL };

	(void)state;
	doc.content = "أصـــداء/ ﻛﺎﺯﺍﺧﺴﺘﺎﻥ اليوم";
	assert_first_hit("كازاخستان", &doc, MATCH_CONTENT, "ﻛﺎﺯﺍﺧﺴﺘﺎﻥ");
	doc.content = "ضمن صيغة C5 + 1 – كازاخستان";
	assert_first_hit("C5+1", &doc, MATCH_CONTENT, "C5 + 1");
	doc.content = "قال إن أستانا تعزز علاقتها مع واشنطن اليوم";
	assert_first_hit("واشنطن NEAR/5 أستانا", &doc, MATCH_CONTENT,
	    "أستانا تعزز علاقتها مع واشنطن");
	doc.summary = "نص عن كَازَاخِسْتَان";
	assert_first_hit("كازاخستان", &doc, MATCH_SUMMARY, "كَازَاخِسْتَان");
}

/* Every proclitic of the closed list, alone and combined; nothing else. */
static void
test_every_proclitic(void **state)
{
	static const char *const ok[] = {
		"وكازاخستان", "فكازاخستان", "بكازاخستان", "ككازاخستان",
		"لكازاخستان", "وبكازاخستان", "فبكازاخستان", "وككازاخستان",
		"فككازاخستان", "ولكازاخستان", "فلكازاخستان", "الكازاخستان",
		"والكازاخستان", "فالكازاخستان", "بالكازاخستان",
		"كالكازاخستان", "للكازاخستان", "وبالكازاخستان",
		"فبالكازاخستان", "وكالكازاخستان", "فكالكازاخستان",
		"ولالكازاخستان" /* not a proclitic: ولا + ل */,
	};
	size_t	 i, n = sizeof(ok) / sizeof(ok[0]);

	(void)state;
	for (i = 0; i + 1 < n; i++)
		if (!fires("كازاخستان", ok[i]))
			fail_msg("كازاخستان does not match %s", ok[i]);
	assert_false(fires("كازاخستان", ok[n - 1]));
	assert_true(fires("المعادن", "وللمعادن"));
	assert_true(fires("المعادن", "فالمعادن"));
	assert_true(fires("المعادن", "وبالمعادن"));
	assert_true(fires("معادن", "للمعادن"));
}

/* 10,000 topics of two words each: the right one fires, the others do not. */
static void
test_ten_thousand_terms(void **state)
{
	struct match		*m = match_new();
	struct match_error	 err;
	struct match_doc	 doc = { "خبر عن term9999 كلمة9999 اليوم",
				    NULL, "و term123 كلمه123", NULL };
	struct match_result	 res;
	char			 expr[64];
	size_t			 i;

	(void)state;
	for (i = 0; i < 10000; i++) {
		snprintf(expr, sizeof(expr), "term%zu كلمة%zu", i, i);
		assert_int_equal(match_topic_add(m, expr, 0), (long)i);
		assert_int_equal(match_expr_add(m, i, expr, 0, &err), 0);
	}
	match_compile(m);
	assert_int_equal(match_doc(m, &doc, &res), 0);
	assert_int_equal(res.n, 2);
	assert_int_equal(res.v[0].topic, 123);
	assert_int_equal(res.v[0].field, MATCH_CONTENT);
	assert_int_equal(res.v[1].topic, 9999);
	assert_string_equal(res.v[1].terms, "term9999 كلمة9999");
	match_result_free(&res);
	match_free(m);
}

/* A document with no source name is matched by every topic (raqib match). */
static void
test_unknown_source_reads_every_topic(void **state)
{
	struct match		*m = match_new();
	struct match_error	 err;
	struct match_doc	 doc = { "Astana", NULL, NULL, NULL };
	struct match_result	 res;

	(void)state;
	assert_int_equal(match_topic_add(m, "t", 0), 0);
	assert_int_equal(match_expr_add(m, 0, "Astana", 0, &err), 0);
	assert_int_equal(match_topic_source_add(m, 0, "example-news"), 0);
	match_compile(m);
	assert_int_equal(match_doc(m, &doc, &res), 0);
	assert_int_equal(res.n, 1);
	match_result_free(&res);
	match_free(m);
}

/* Whether the explanation has a line equal to line. */
static int
has_line(const char *text, const char *line)
{
	const char	*p = text;
	size_t		 n = strlen(line);

	while ((p = strstr(p, line)) != NULL) {
		if ((p == text || p[-1] == '\n') && (p[n] == '\n' || !p[n]))
			return 1;
		p += n;
	}
	return 0;
}

/* --explain: tokens per distinct field text, topics, expressions, phrases. */
static void
test_explain(void **state)
{
	struct match		*m = match_new();
	struct match_error	 err;
	struct match_doc	 doc = { "زيارة لكازاخستان", NULL,
				    "C5 + 1 و rare earths", NULL };
	struct buf		 out = { 0 };

	(void)state;
	assert_int_equal(match_topic_add(m, "kz", MATCH_TITLE), 0);
	assert_int_equal(match_expr_add(m, 0, "كازاخستان OR ~تستينوف", 0,
	    &err), 0);
	assert_int_equal(match_expr_add(m, 0, "P5+1", 1, &err), 0);
	assert_int_equal(match_topic_add(m, "c5", 0), 1);
	assert_int_equal(match_expr_add(m, 1, "C5+1 AND NOT title:rare earth*",
	    0, &err), 0);
	match_compile(m);
	assert_int_equal(match_explain(m, &doc, SIZE_MAX, &out), 0);
	assert_true(has_line(out.data, "tokens (title): زياره لكازاخستان"));
	assert_true(has_line(out.data,
	    "tokens (content): c5 + 1 و rare earths"));
	assert_true(has_line(out.data, "topic kz: fires (fields: title)"));
	assert_true(has_line(out.data,
	    "  match = كازاخستان OR ~تستينوف: holds"));
	assert_true(has_line(out.data,
	    "    كازاخستان -> كازاخستان: found in title: لكازاخستان"));
	assert_true(has_line(out.data,
	    "    ~تستينوف -> ~تستنف: not found"));
	assert_true(has_line(out.data, "  exclude = P5+1: does not hold"));
	assert_true(has_line(out.data, "topic c5: fires"));
	assert_true(has_line(out.data,
	    "    C5+1 -> c5 + 1 (exact: c5 + 1): found in content: C5 + 1"));
	assert_true(has_line(out.data,
	    "    rare earth* -> rare earth* in title: not found"));
	buf_reset(&out);
	assert_int_equal(match_explain(m, &doc, 1, &out), 0);
	assert_null(strstr(out.data, "topic kz"));
	assert_non_null(strstr(out.data, "topic c5: fires"));
	buf_free(&out);
	match_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accept_kazakhstan_with_lam),
		cmocka_unit_test(test_accept_kazakhstan_adjective),
		cmocka_unit_test(test_accept_kazakhstan_feminine_after_tatweel),
		cmocka_unit_test(test_accept_english_possessive),
		cmocka_unit_test(test_accept_c5_plus_1_spaced),
		cmocka_unit_test(test_accept_c5_plus_1_not_b5),
		cmocka_unit_test(test_accept_5_plus_1_not_p5),
		cmocka_unit_test(test_accept_5_plus_1_and_central_asia),
		cmocka_unit_test(test_accept_long_arabic_phrase),
		cmocka_unit_test(test_accept_rare_minerals),
		cmocka_unit_test(test_accept_rare_minerals_no_false_alarm),
		cmocka_unit_test(test_accept_rare_earth_minerals_arabic),
		cmocka_unit_test(test_accept_rare_earth_prefix),
		cmocka_unit_test(test_accept_year_in_arabic_digits),
		cmocka_unit_test(test_accept_near_too_far),
		cmocka_unit_test(test_accept_harakat),
		cmocka_unit_test(test_accept_zwnj_inside_word),
		cmocka_unit_test(test_accept_presentation_forms),
		cmocka_unit_test(test_hit_span_points_at_original_bytes),
		cmocka_unit_test(test_first_hit_prefers_title),
		cmocka_unit_test(test_russian_case_endings),
		cmocka_unit_test(test_not_excludes),
		cmocka_unit_test(test_exclude_stops_topic),
		cmocka_unit_test(test_precedence),
		cmocka_unit_test(test_lowercase_and_is_a_word),
		cmocka_unit_test(test_quotes_hold_operator_words),
		cmocka_unit_test(test_phrase_needs_consecutive_tokens),
		cmocka_unit_test(test_near_within_distance),
		cmocka_unit_test(test_title_restriction),
		cmocka_unit_test(test_topic_fields),
		cmocka_unit_test(test_spelling_variants),
		cmocka_unit_test(test_prefix_words),
		cmocka_unit_test(test_article_forms),
		cmocka_unit_test(test_article_less_term),
		cmocka_unit_test(test_nisba_without_article),
		cmocka_unit_test(test_short_terms_match_exactly),
		cmocka_unit_test(test_no_partial_word_match),
		cmocka_unit_test(test_english_plurals),
		cmocka_unit_test(test_terms_listed_once_as_written),
		cmocka_unit_test(test_many_topics_in_order),
		cmocka_unit_test(test_hit_spans_in_content_are_original_bytes),
		cmocka_unit_test(test_every_proclitic),
		cmocka_unit_test(test_ten_thousand_terms),
		cmocka_unit_test(test_unknown_source_reads_every_topic),
		cmocka_unit_test(test_explain),
		cmocka_unit_test(test_source_restriction),
		cmocka_unit_test(test_syntax_error_columns),
		cmocka_unit_test(test_valid_expressions_pass_check),
		cmocka_unit_test(test_failed_expression_leaves_topic_usable),
		cmocka_unit_test(test_invalid_utf8_doc),
		cmocka_unit_test(test_seed_paragraph),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
