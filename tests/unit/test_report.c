/*
 * test_report: the page of `raqib report` as a reader and a browser meet
 * it: text from feeds is text (escaped, never markup), each piece of it
 * has its own direction (dir="auto"), nothing in the page points at a
 * resource to load, the chart has one bar per topic and day with
 * mentions, a story's rows make one story with all its outlets, and the
 * page stays bounded however many stories there are.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "buf.h"
#include "report.h"
#include "utf8valid.h"

#define DAY	86400
/* 2026-12-05 12:00 UTC: the tests run in UTC. */
#define NOW	((int64_t)1796472000)

/* How many times needle occurs in hay. */
static size_t
count(const char *hay, const char *needle)
{
	size_t		 n = 0;
	const char	*p = hay;

	while ((p = strstr(p, needle)) != NULL) {
		n++;
		p += strlen(needle);
	}
	return n;
}

/* The page of a report, as a string the caller frees. */
static char *
page(struct report *r)
{
	struct buf	 b = { 0 };

	report_html(r, &b);
	return buf_steal(&b);
}

/* A feed's markup in a title, a link, an outlet and an error is text. */
static void
escapes_markup(void **state)
{
	struct report		*r = report_new(NOW - 30 * DAY, NOW);
	struct report_source	 src = { "src<i>", NOW, NOW - DAY, 2, 500,
				    "<b>bad</b> & \"worse\"" };
	char			*p;

	(void)state;
	report_story(r, 1, "t&opic", "<img src=x onerror=alert(1)> & 'q' \"",
	    "https://example.org/a?x=1&y=\"><script>", "out<s>, b&b", NOW);
	report_source(r, &src);
	p = page(r);
	assert_non_null(strstr(p, "&lt;img src=x onerror=alert(1)&gt; &amp; "
	    "&#39;q&#39; &quot;"));
	assert_non_null(strstr(p, "href=\"https://example.org/a?x=1&amp;y="
	    "&quot;&gt;&lt;script&gt;\""));
	assert_non_null(strstr(p, "out&lt;s&gt;"));
	assert_non_null(strstr(p, "b&amp;b"));
	assert_non_null(strstr(p, "t&amp;opic"));
	assert_non_null(strstr(p, "src&lt;i&gt;"));
	assert_non_null(strstr(p, "&lt;b&gt;bad&lt;/b&gt; &amp; &quot;worse"));
	assert_null(strstr(p, "<img"));
	assert_null(strstr(p, "<script"));
	assert_null(strstr(p, "<s>"));
	free(p);
	report_free(r);
}

/* Controls HTML forbids are dropped; a cut title stays valid UTF-8. */
static void
drops_controls_cuts_whole_characters(void **state)
{
	struct report	*r = report_new(NOW - 30 * DAY, NOW);
	struct buf	 title = { 0 };
	char		*p;
	int		 i;

	(void)state;
	for (i = 0; i < 600; i++)
		buf_puts(&title, "ك");
	report_story(r, 1, "t", "bell\a here\x1b[31m", NULL, "a", NOW);
	report_story(r, 2, "t", title.data, NULL, "a", NOW);
	p = page(r);
	assert_non_null(strstr(p, "bell here[31m"));
	assert_true(utf8_valid(p, strlen(p)));
	assert_non_null(strstr(p, "كك…</span>"));
	assert_int_equal(count(p, "ك"), 400);
	free(p);
	buf_free(&title);
	report_free(r);
}

/*
 * Every title, topic, outlet, source and error has dir="auto" but the
 * chart's topic labels, which SVG orders by their style.
 */
static void
untrusted_text_has_its_own_direction(void **state)
{
	static const char *const classes[] = { "title", "topic", "outlet",
	    "source", "error" };
	struct report		*r = report_new(NOW - 30 * DAY, NOW);
	struct report_source	 src = { "bbc-arabic", NOW, NOW, 1, 0,
				    "انتهت المهلة" };
	char			*p, cls[64], both[96];
	size_t			 i;

	(void)state;
	report_topic(r, "كازاخستان");
	report_day(r, "كازاخستان", "2026-12-04", 1, 2);
	report_outlet(r, "كازاخستان", "aljazeera", 1);
	report_story(r, 1, "كازاخستان", "كازاخستان توقع اتفاقا",
	    "https://example.org/1", "aljazeera, bbc", NOW - DAY);
	report_story(r, 2, "كازاخستان", "Kazakhstan signs a deal", NULL,
	    "reuters", NOW - DAY);
	report_source(r, &src);
	p = page(r);
	for (i = 0; i < sizeof(classes) / sizeof(classes[0]); i++) {
		snprintf(cls, sizeof(cls), "class=\"%s\"", classes[i]);
		snprintf(both, sizeof(both), "dir=\"auto\" class=\"%s\"",
		    classes[i]);
		assert_true(count(p, cls) > 0);
		assert_int_equal(count(p, cls), count(p, both) +
		    count(p, "<text class=\"topic\"") * (i == 1));
	}
	assert_non_null(strstr(p, "<html lang=\"en\" dir=\"ltr\">"));
	assert_non_null(strstr(p, "<meta charset=\"utf-8\">"));
	free(p);
	report_free(r);
}

/*
 * The page names no resource: the only URLs are links to follow, and a
 * link that is not http(s) (javascript:, data:, file:) is no link at all.
 */
static void
no_external_url(void **state)
{
	static const char *const bad[] = { "javascript:alert(1)",
	    "data:text/html,<script>x</script>", "file:///etc/passwd",
	    "//evil.example/x", " http://evil.example/" };
	struct report		*r = report_new(NOW - 30 * DAY, NOW);
	struct report_source	 src = { "s", NOW, NOW, 0, 200, NULL };
	char			*p;
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		report_story(r, (int64_t)i + 1, "t", "bad link", bad[i], "a",
		    NOW);
	report_story(r, 10, "t", "good", "HTTPS://example.org/ok", "a", NOW);
	report_day(r, "t", "2026-12-05", 1, 1);
	report_source(r, &src);
	p = page(r);
	assert_int_equal(count(p, "://"), 1);
	assert_int_equal(count(p, "href=\"HTTPS://example.org/ok\""), 1);
	assert_int_equal(count(p, "href=\"http"), 0);
	assert_int_equal(count(p, "href=\"#") + 1, count(p, "href="));
	assert_null(strstr(p, "javascript:"));
	assert_null(strstr(p, " src="));
	assert_null(strstr(p, "url("));
	assert_null(strstr(p, "@import"));
	assert_null(strstr(p, "<link"));
	assert_null(strstr(p, "<script"));
	assert_non_null(strstr(p, "<meta http-equiv=\"Content-Security-"
	    "Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
	    "img-src data:;"));
	free(p);
	report_free(r);
}

/* One bar per topic and day with mentions; a day outside is left out. */
static void
chart_has_a_bar_per_topic_and_day(void **state)
{
	struct report	*r = report_new(NOW - 30 * DAY, NOW);
	char		*p;

	(void)state;
	report_topic(r, "quiet");
	report_day(r, "kazakhstan", "2026-11-05", 1, 1);
	report_day(r, "kazakhstan", "2026-12-03", 2, 5);
	report_day(r, "kazakhstan", "2026-12-05", 1, 1);
	report_day(r, "uranium", "2026-12-03", 1, 3);
	report_day(r, "uranium", "2026-12-04", 0, 0);
	report_day(r, "uranium", "2026-11-04", 1, 1);	/* before the window */
	report_day(r, "uranium", "2026-12-06", 1, 1);	/* after it */
	p = page(r);
	assert_int_equal(count(p, "<rect class=\"bar\""), 4);
	assert_int_equal(count(p, "<text class=\"topic\""), 3);
	assert_non_null(strstr(p, ">quiet</text>"));
	assert_non_null(strstr(p, "<title>kazakhstan, 2026-12-03: 5 mentions "
	    "in 2 stories</title>"));
	assert_non_null(strstr(p, "<title>uranium, 2026-12-03: 3 mentions in "
	    "1 story</title>"));
	/* The tallest bar is the peak's whole height; the scale says 5. */
	assert_non_null(strstr(p, "height=\"42.00\"><title>kazakhstan, "
	    "2026-12-03"));
	assert_non_null(strstr(p, "text-anchor=\"end\">5</text>"));
	assert_non_null(strstr(p, "day (local time), 2026-11-05 to "
	    "2026-12-05"));
	assert_non_null(strstr(p, "kazakhstan</span>: 4 stories, 7 mentions"));
	free(p);
	report_free(r);
}

/* No mention at all: a sentence, no empty chart. */
static void
chart_without_mentions(void **state)
{
	struct report	*r = report_new(NOW - 30 * DAY, NOW);
	char		*p;

	(void)state;
	report_topic(r, "quiet");
	p = page(r);
	assert_null(strstr(p, "<svg"));
	assert_non_null(strstr(p, "No topic was mentioned in these days."));
	free(p);
	report_free(r);
}

/* A story's rows (one per topic) make one story with every outlet once. */
static void
story_rows_merge(void **state)
{
	struct report	*r = report_new(NOW - 30 * DAY, NOW);
	char		*p;

	(void)state;
	report_story(r, 7, "kazakhstan", "Astana deal", "https://e.org/7",
	    "wire, daily", NOW - DAY);
	report_story(r, 7, "uranium", "Astana deal", "https://e.org/7",
	    "daily, gazette", NOW - DAY);
	report_story(r, 3, "uranium", "Older", NULL, "wire", NOW - 2 * DAY);
	p = page(r);
	assert_int_equal(count(p, "<li class=\"story\">"), 2);
	assert_non_null(strstr(p, "3 outlets: <span dir=\"auto\" "
	    "class=\"outlet\">wire</span>, <span dir=\"auto\" "
	    "class=\"outlet\">daily</span>, <span dir=\"auto\" "
	    "class=\"outlet\">gazette</span>"));
	assert_non_null(strstr(p, "class=\"topic\">kazakhstan</span>, "
	    "<span dir=\"auto\" class=\"topic\">uranium</span>"));
	assert_true(strstr(p, "Astana deal") < strstr(p, "Older"));
	free(p);
	report_free(r);
}

/* Past REPORT_STORIES_MAX stories the page lists no more, and says so. */
static void
stories_are_bounded(void **state)
{
	struct report	*r = report_new(NOW - 30 * DAY, NOW);
	char		*p;
	int		 i;

	(void)state;
	for (i = 0; i < REPORT_STORIES_MAX + 5; i++)
		report_story(r, 1000 - i, "t", "s", NULL, "a", NOW - i);
	p = page(r);
	assert_int_equal(count(p, "<li class=\"story\">"), REPORT_STORIES_MAX);
	assert_non_null(strstr(p, "The newest 500 stories"));
	assert_non_null(strstr(p, "Older stories are left out"));
	free(p);
	report_free(r);
}

/* A story carried by a thousand outlets names the first few. */
static void
outlets_are_bounded(void **state)
{
	struct report	*r = report_new(NOW - 30 * DAY, NOW);
	struct buf	 outlets = { 0 };
	char		*p;
	int		 i;

	(void)state;
	for (i = 0; i < 1000; i++)
		buf_printf(&outlets, "%sfeed%d", i ? ", " : "", i);
	report_story(r, 1, "t", "wire story", NULL, outlets.data, NOW);
	p = page(r);
	assert_non_null(strstr(p, "1000 outlets: "));
	assert_non_null(strstr(p, " and 960 more"));
	assert_int_equal(count(p, "class=\"outlet\""), 40);
	free(p);
	buf_free(&outlets);
	report_free(r);
}

/* The window: each day once; a since too far back is moved up. */
static void
window_days(void **state)
{
	struct report	*r;
	char		*p;

	(void)state;
	r = report_new(NOW - 30 * DAY, NOW);
	p = page(r);
	assert_non_null(strstr(p, "<title>raqib report, 2026-11-05 to "
	    "2026-12-05</title>"));
	free(p);
	report_free(r);
	r = report_new(NOW - 5000 * (int64_t)DAY, NOW);
	p = page(r);
	assert_non_null(strstr(p, "<title>raqib report, 2025-12-05 to "
	    "2026-12-05</title>"));
	free(p);
	report_free(r);
	r = report_new(NOW, NOW);
	p = page(r);
	assert_non_null(strstr(p, "2026-12-05 to 2026-12-05"));
	free(p);
	report_free(r);
}

/* Failing sources first, with their error; a never polled one says so. */
static void
source_health(void **state)
{
	struct report		*r = report_new(NOW - 30 * DAY, NOW);
	struct report_source	 ok = { "alpha", NOW, NOW, 0, 200, NULL };
	struct report_source	 bad = { "zulu", NOW, NOW - 3 * DAY, 4, 503,
				    "HTTP status 503" };
	struct report_source	 never = { "mike", 0, 0, 0, 0, NULL };
	char			*p;

	(void)state;
	report_source(r, &ok);
	report_source(r, &never);
	report_source(r, &bad);
	p = page(r);
	assert_non_null(strstr(p, "3 sources, 1 failing."));
	assert_true(strstr(p, ">zulu<") < strstr(p, ">alpha<"));
	assert_true(strstr(p, ">alpha<") < strstr(p, ">mike<"));
	assert_non_null(strstr(p, "failing, 4 polls in a row"));
	assert_non_null(strstr(p, "never polled"));
	assert_non_null(strstr(p, "class=\"error\">HTTP status 503</span>"));
	free(p);
	report_free(r);
}

int
main(void)
{
	const struct CMUnitTest	 tests[] = {
		cmocka_unit_test(escapes_markup),
		cmocka_unit_test(drops_controls_cuts_whole_characters),
		cmocka_unit_test(untrusted_text_has_its_own_direction),
		cmocka_unit_test(no_external_url),
		cmocka_unit_test(chart_has_a_bar_per_topic_and_day),
		cmocka_unit_test(chart_without_mentions),
		cmocka_unit_test(story_rows_merge),
		cmocka_unit_test(stories_are_bounded),
		cmocka_unit_test(outlets_are_bounded),
		cmocka_unit_test(window_days),
		cmocka_unit_test(source_health),
	};

	setenv("TZ", "UTC", 1);
	tzset();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
