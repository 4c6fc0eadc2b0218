/* Unit tests for the pure part of alert: the summary and body of a notification. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "alert.h"

#define ELLIPSIS	"\u2026"
#define SEP		"\n\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\n"
#define FSI		"\u2068"	/* a field's isolate opens */
#define PDI		"\u2069"	/*   and closes */
#define RLO		"\u202e"
#define LRE		"\u202a"
#define PDF		"\u202c"
#define RLI		"\u2067"

/* An alert over borrowed strings (never passed to alert_clear). */
static struct alert
mk(const char *topic, const char *title, const char *source,
    const char *snippet, size_t hs, size_t he)
{
	struct alert	 a;

	memset(&a, 0, sizeof(a));
	a.id = 1;
	a.topic = (char *)topic;
	a.title = (char *)title;
	a.source = (char *)source;
	a.terms = (char *)"";
	a.snippet = (char *)snippet;
	a.hl_start = hs;
	a.hl_end = he;
	a.urgency = ALERT_NORMAL;
	a.published = ITEM_NO_TIME;
	return a;
}

/* Check the summary of a against want. */
static void
expect_summary(const struct alert *a, const char *want)
{
	char	*s = alert_summary(a);

	assert_non_null(s);
	assert_string_equal(s, want);
	free(s);
}

/* Check the body of a against want. */
static void
expect_body(const struct alert *a, int markup, const char *want)
{
	char	*s = alert_body(a, markup);

	assert_non_null(s);
	assert_string_equal(s, want);
	free(s);
}

/* Number of UTF-8 characters in s. */
static size_t
u8len(const char *s)
{
	size_t	 n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* "topic: title", whitespace folded. */
static void
summary_plain(void **state)
{
	struct alert	 a = mk("kazakhstan", "  Astana\n\thosts\r\n C5+1  ",
			    "", "", 0, 0);

	(void)state;
	expect_summary(&a, "kazakhstan: " FSI "Astana hosts C5+1" PDI);
}

/*
 * Summary is plain text, but servers differ: nothing from the feed may read
 * as markup, so <, > and & come as look-alikes, on every server alike.
 */
static void
summary_hostile(void **state)
{
	struct alert	 a = mk("t", "<b>x</b> &amp; <img src=\"file:///etc/"
			    "passwd\"> <a href=\"u\">y</a>", "", "", 0, 0);

	(void)state;
	expect_summary(&a, "t: " FSI "\u2039b\u203ax\u2039/b\u203a \uff06amp; "
	    "\u2039img src=\"file:///etc/passwd\"\u203a \u2039a href=\"u\"\u203a"
	    "y\u2039/a\u203a" PDI);
}

/*
 * An override the title does not end is dropped: it cannot turn the text
 * after the title around. A pair that ends inside the title stays.
 */
static void
summary_unpaired_controls(void **state)
{
	struct alert	 a = mk("t", "abc " RLO "def", "", "", 0, 0);

	(void)state;
	expect_summary(&a, "t: " FSI "abc def" PDI);
	a.title = (char *)PDF "x " LRE "y" PDF " " RLI "z";
	expect_summary(&a, "t: " FSI "x " LRE "y" PDF " z" PDI);
	a.title = (char *)RLI "a " LRE "b" PDI " c" PDF;
	expect_summary(&a, "t: " FSI RLI "a b" PDI " c" PDI);
}

/*
 * Arabic with Latin and digits inside one title: isolated, so the title
 * takes its own direction (its first strong letter's) whatever the topic's
 * is, and "C5 + 1" reads as written inside it.
 */
static void
summary_mixed_direction(void **state)
{
	struct alert	 a = mk("c5plus1", "\u0642\u0645\u0629 C5 + 1 \u0641\u064a "
			    "\u0623\u0633\u062a\u0627\u0646\u0627", "", "", 0, 0);

	(void)state;
	expect_summary(&a, "c5plus1: " FSI "\u0642\u0645\u0629 C5 + 1 \u0641\u064a "
	    "\u0623\u0633\u062a\u0627\u0646\u0627" PDI);
}

/* No title: the topic alone. */
static void
summary_no_title(void **state)
{
	struct alert	 a = mk("rare-earths", "", "", "", 0, 0);

	(void)state;
	expect_summary(&a, "rare-earths");
	a.title = NULL;
	expect_summary(&a, "rare-earths");
}

/* A long title is cut at a space and ends with an ellipsis. */
static void
summary_long_english(void **state)
{
	char		 title[400] = "";
	char		*s;
	struct alert	 a;
	int		 i;

	(void)state;
	for (i = 0; i < 40; i++)
		strcat(title, "word ");
	a = mk("t", title, "", "", 0, 0);
	s = alert_summary(&a);
	assert_non_null(s);
	/* 20 four-letter words with their spaces fill 99 characters. */
	assert_true(strncmp(s, "t: " FSI "word word", 12 + strlen(FSI)) == 0);
	assert_true(strlen(s) > 3 + strlen(ELLIPSIS));
	assert_string_equal(s + strlen(s) - strlen("word" ELLIPSIS PDI),
	    "word" ELLIPSIS PDI);
	assert_true(u8len(s) - 3 - 2 <= 100);
	free(s);
}

/* An Arabic title is cut between words, never inside a character. */
static void
summary_long_arabic(void **state)
{
	char		 title[2048] = "";
	char		*s, *body;
	struct alert	 a;
	int		 i;

	(void)state;
	/* One letter and a space first: character 99 falls inside a word. */
	strcat(title, "\u0648 ");
	for (i = 0; i < 30; i++)
		strcat(title, "\u0643\u0627\u0632\u0627\u062e\u0633\u062a\u0627"
		    "\u0646 ");
	a = mk("kz", title, "", "", 0, 0);
	s = alert_summary(&a);
	assert_non_null(s);
	body = s + strlen("kz: " FSI);
	assert_true(u8len(body) - 1 <= 100);
	/* 2 + 9 words of 9 letters and their spaces, minus the last space. */
	assert_int_equal(u8len(body) - 1, 2 + 9 * 10 - 1 + 1);
	assert_string_equal(body + strlen(body) - strlen("\u0646" ELLIPSIS PDI),
	    "\u0646" ELLIPSIS PDI);
	free(s);
}

/* One word longer than the limit is cut inside the word. */
static void
summary_long_word(void **state)
{
	char		 title[300];
	char		*s;
	struct alert	 a;

	(void)state;
	memset(title, 'x', 250);
	title[250] = '\0';
	a = mk("t", title, "", "", 0, 0);
	s = alert_summary(&a);
	assert_non_null(s);
	assert_int_equal(u8len(s), 3 + 100 + 2);
	free(s);
}

/* A title of exactly 100 characters is kept whole. */
static void
summary_exact_limit(void **state)
{
	char		 title[101], want[120];
	struct alert	 a;

	(void)state;
	memset(title, 'y', 100);
	title[100] = '\0';
	snprintf(want, sizeof(want), "t: " FSI "%s" PDI, title);
	a = mk("t", title, "", "", 0, 0);
	expect_summary(&a, want);
}

/* Invalid UTF-8 never comes out. */
static void
summary_invalid_utf8(void **state)
{
	struct alert	 a = mk("t", "bad \xff\xfe byte", "", "", 0, 0);

	(void)state;
	expect_summary(&a, "t: " FSI "bad \ufffd\ufffd byte" PDI);
}

/* Plain body: source, separator, snippet, nothing escaped or emphasized. */
static void
body_plain(void **state)
{
	struct alert	 a = mk("t", "x", "Example <News>",
			    "a <b>hit</b> & more", 2, 5);

	(void)state;
	expect_body(&a, 0, FSI "Example <News>" PDI SEP FSI "a <b>hit</b> & more"
	    PDI);
}

/* Markup body: everything escaped, the hit in <b>. */
static void
body_markup(void **state)
{
	struct alert	 a = mk("t", "x", "R&D", "see <img src=file:///etc/x> "
			    "rare earth now", 28, 38);

	(void)state;
	expect_body(&a, 1, FSI "R&amp;D" PDI SEP FSI "see &lt;img "
	    "src=file:///etc/x&gt; <b>rare earth</b> now" PDI);
}

/* Hostile text inside the hit is escaped too. */
static void
body_markup_hostile_hit(void **state)
{
	struct alert	 a = mk("t", "x", "s", "x <a href='u'>&amp;</a> y",
			    2, 23);

	(void)state;
	expect_body(&a, 1, FSI "s" PDI SEP FSI "x <b>&lt;a href=&apos;u&apos;"
	    "&gt;&amp;amp;&lt;/a&gt;</b> y" PDI);
}

/* An Arabic hit is emphasized on its byte span. */
static void
body_markup_arabic(void **state)
{
	const char	*snip = "\u0642\u0645\u0629 \u0644\u0643\u0627\u0632"
			    "\u0627\u062e\u0633\u062a\u0627\u0646 \u0627\u0644"
			    "\u064a\u0648\u0645";
	struct alert	 a = mk("kz", "x", "\u0627\u0644\u062c\u0632\u064a"
			    "\u0631\u0629", snip, 7, 27);

	(void)state;
	expect_body(&a, 1, FSI "\u0627\u0644\u062c\u0632\u064a\u0631\u0629" PDI
	    SEP FSI "\u0642\u0645\u0629 <b>\u0644\u0643\u0627\u0632\u0627\u062e"
	    "\u0633\u062a\u0627\u0646</b> \u0627\u0644\u064a\u0648\u0645" PDI);
}

/* A span that is empty, out of range or inside a character is ignored. */
static void
body_bad_span(void **state)
{
	struct alert	 a = mk("t", "x", "s", "\u0628\u0628 ok", 3, 3);

	(void)state;
	expect_body(&a, 1, FSI "s" PDI SEP FSI "\u0628\u0628 ok" PDI);
	a.hl_start = 1;
	a.hl_end = 4;
	expect_body(&a, 1, FSI "s" PDI SEP FSI "\u0628\u0628 ok" PDI);
	a.hl_start = 5;
	a.hl_end = 99;
	expect_body(&a, 1, FSI "s" PDI SEP FSI "\u0628\u0628 ok" PDI);
	a.hl_start = 6;
	a.hl_end = 5;
	expect_body(&a, 1, FSI "s" PDI SEP FSI "\u0628\u0628 ok" PDI);
}

/* The hit may end the snippet. */
static void
body_hit_at_end(void **state)
{
	struct alert	 a = mk("t", "x", "s", "ends with hit", 10, 13);

	(void)state;
	expect_body(&a, 1, FSI "s" PDI SEP FSI "ends with <b>hit</b>" PDI);
}

/* Missing parts leave no stray separator. */
static void
body_missing_parts(void **state)
{
	struct alert	 a = mk("t", "x", "", "only snippet", 0, 4);

	(void)state;
	expect_body(&a, 0, FSI "only snippet" PDI);
	a.snippet = (char *)"";
	a.source = (char *)"only source";
	expect_body(&a, 1, FSI "only source" PDI);
	a.source = NULL;
	a.snippet = NULL;
	expect_body(&a, 1, "");
}

/* The origin line: the source or a count of sources, and the item's time. */
static void
body_origin(void **state)
{
	struct alert	 a = mk("t", "x", "R&D", "s", 0, 0);

	(void)state;
	a.published = 1714732200;	/* 2024-05-03 10:30 UTC */
	expect_body(&a, 1, FSI "R&amp;D" PDI " \u00b7 2024-05-03 10:30" SEP
	    FSI "s" PDI);
	a.sources = 3;
	expect_body(&a, 1, "3 sources \u00b7 2024-05-03 10:30" SEP FSI "s" PDI);
	a.sources = 1;
	a.snippet = (char *)"";
	expect_body(&a, 0, FSI "R&D" PDI " \u00b7 2024-05-03 10:30");
	a.source = (char *)"";
	expect_body(&a, 0, "2024-05-03 10:30");
}

/* Invalid UTF-8 and control characters are made safe; no emphasis then. */
static void
body_invalid_utf8(void **state)
{
	struct alert	 a = mk("t", "x", "s\x01rc", "bad \xc3 hit\x7f", 7, 10);

	(void)state;
	expect_body(&a, 1, FSI "s rc" PDI SEP FSI "bad \ufffd hit " PDI);
}

/*
 * Unpaired controls in the snippet are dropped and the hit stays on its
 * words; in the source too. An Arabic snippet with "C5 + 1" in it, in a
 * body that starts with a Latin source, is isolated: it reads right to
 * left as a whole, the number as written.
 */
static void
body_unpaired_controls(void **state)
{
	struct alert	 a = mk("t", "x", "src" RLO, RLO "a " RLO "hit" PDF
			    " " RLO "b", strlen(RLO "a " RLO),
			    strlen(RLO "a " RLO "hit" PDF));

	(void)state;
	expect_body(&a, 1, FSI "src" PDI SEP FSI "a " RLO "<b>hit" PDF "</b> b"
	    PDI);
	a.snippet = (char *)RLO "a " RLO "hit b";
	a.hl_end = strlen(RLO "a " RLO "hit");
	expect_body(&a, 1, FSI "src" PDI SEP FSI "a <b>hit</b> b" PDI);
	a.snippet = (char *)"\u0642\u0645\u0629 C5 + 1 \u0641\u064a";
	a.hl_start = a.hl_end = 0;
	expect_body(&a, 0, FSI "src" PDI SEP FSI "\u0642\u0645\u0629 C5 + 1 "
	    "\u0641\u064a" PDI);
}

/*
 * The stories of every run of four alerts over two stories or none and two
 * links or none, and of a share of 3,000 alerts, are what comparing each
 * alert with each before it counts: alerts of one story, or whose links
 * are the same where one has no story, are one story (so the alerts of
 * story 1 and 2 under one link are two stories, but one of no story under
 * that link is the same story as both).
 */
static void
stories_count_as_pairs(void **state)
{
	static const char *const links[] = { NULL, "https://e.net/1",
	    "https://e.net/2" };
	struct alert	 v[4], *big;
	size_t		 i, k, n, want, code;

	(void)state;
	for (code = 0; code < 9 * 9 * 9 * 9; code++) {
		for (i = 0, k = code; i < 4; i++, k /= 9) {
			v[i] = mk("t", "T", "s", "", 0, 0);
			v[i].story = (int64_t)(k % 9 / 3);
			v[i].link = (char *)links[k % 3];
		}
		for (n = 0; n <= 4; n++) {
			for (i = 0, want = 0; i < n; i++) {
				for (k = 0; k < i && !(v[k].story != 0 &&
				    v[i].story != 0 ? v[k].story == v[i].story :
				    v[k].link != NULL && v[i].link != NULL &&
				    strcmp(v[k].link, v[i].link) == 0); k++)
					continue;
				want += k == i;
			}
			assert_int_equal(alert_stories(v, n), want);
		}
	}
	assert_non_null(big = calloc(3000, sizeof(*big)));
	for (i = 0; i < 3000; i++) {
		big[i] = mk("t", "T", "s", "", 0, 0);
		big[i].story = (int64_t)(i % 1000 + 1);
	}
	assert_int_equal(alert_stories(big, 3000), 1000);
	free(big);
}

/*
 * A digest counts and lists stories: an item that fired two topics is one
 * story, counted once in all and once under each topic, its title listed
 * once; another link in the store's same story is the same story too, but
 * one title in two of the store's stories is two (a daily headline).
 */
static void
digest_counts_stories(void **state)
{
	struct alert	 v[4];
	char		*summary, *body;

	(void)state;
	v[0] = mk("kazakhstan", "Astana hosts the C5+1", "s", "", 0, 0);
	v[1] = mk("c5plus1", "Astana hosts the C5+1", "s", "", 0, 0);
	v[2] = mk("kazakhstan", "Tokayev in Cairo", "s", "", 0, 0);
	v[3] = mk("kazakhstan", "Tokayev in Cairo", "t", "", 0, 0);
	v[0].link = v[1].link = (char *)"https://e.net/1";
	v[2].link = (char *)"https://e.net/2";
	v[3].link = (char *)"https://other.net/2";
	v[2].story = v[3].story = 7;
	assert_int_equal(alert_stories(v, 4), 2);
	v[3].story = 8;
	assert_int_equal(alert_stories(v, 4), 3);
	v[3].story = 7;
	assert_int_equal(alert_stories(v, 1), 1);
	assert_int_equal(alert_stories(v, 0), 0);
	summary = alert_digest(v, 4, 0, &body);
	assert_string_equal(summary, "2 new stories: kazakhstan 3, c5plus1 1");
	assert_string_equal(body, "\u2022 " FSI "Astana hosts the C5+1" PDI "\n"
	    "\u2022 " FSI "Tokayev in Cairo" PDI);
	free(summary);
	free(body);
	summary = alert_digest(&v[2], 1, 0, &body);
	assert_string_equal(summary, "1 new story from s: kazakhstan 1");
	free(summary);
	free(body);
}

/*
 * A flood's summary holds its first alerts; the stories recorded delivered
 * with them count in its size, and its tally says it is of the first ones.
 */
static void
digest_tells_flood_size(void **state)
{
	struct alert	 v[2];
	char		*summary, *body;

	(void)state;
	v[0] = mk("kazakhstan", "Astana hosts the C5+1", "s", "", 0, 0);
	v[1] = mk("c5plus1", "Tokayev in Cairo", "s", "", 0, 0);
	v[0].link = (char *)"https://e.net/1";
	v[1].link = (char *)"https://e.net/2";
	v[0].flood = 19998;
	summary = alert_digest(v, 2, 0, &body);
	assert_string_equal(summary,
	    "20000 new stories from s, the first 2: kazakhstan 1, c5plus1 1");
	free(summary);
	free(body);
}

int
main(void)
{
	const struct CMUnitTest	 tests[] = {
		cmocka_unit_test(stories_count_as_pairs),
		cmocka_unit_test(digest_counts_stories),
		cmocka_unit_test(digest_tells_flood_size),
		cmocka_unit_test(summary_plain),
		cmocka_unit_test(summary_hostile),
		cmocka_unit_test(summary_unpaired_controls),
		cmocka_unit_test(summary_mixed_direction),
		cmocka_unit_test(summary_no_title),
		cmocka_unit_test(summary_long_english),
		cmocka_unit_test(summary_long_arabic),
		cmocka_unit_test(summary_long_word),
		cmocka_unit_test(summary_exact_limit),
		cmocka_unit_test(summary_invalid_utf8),
		cmocka_unit_test(body_plain),
		cmocka_unit_test(body_markup),
		cmocka_unit_test(body_markup_hostile_hit),
		cmocka_unit_test(body_markup_arabic),
		cmocka_unit_test(body_bad_span),
		cmocka_unit_test(body_hit_at_end),
		cmocka_unit_test(body_missing_parts),
		cmocka_unit_test(body_invalid_utf8),
		cmocka_unit_test(body_unpaired_controls),
		cmocka_unit_test(body_origin),
	};

	setenv("TZ", "UTC", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
