/* Unit tests of config: values, defaults, paths, the topics it compiles. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "buf.h"
#include "config.h"
#include "match.h"

/* Write text to a temporary config file; returns its path (static). */
static const char *
write_conf(const char *text)
{
	static char	 path[64];
	FILE		*f;
	int		 fd;

	snprintf(path, sizeof(path), "/tmp/raqib-conf-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	return path;
}

/* Load text as a config; errors land in *errors. */
static struct config *
load(const char *text, struct buf *errors)
{
	const char	*path = write_conf(text);
	struct config	*c = config_load(path, errors, NULL);

	unlink(path);
	return c;
}

/* fetch = article and article_limit: per source, else [raqib], else 20. */
static void
article_fetches_are_limited(void **state)
{
	struct buf	 errors = { 0 };
	struct config	*c;

	(void)state;
	c = load("[source a]\nurl = https://a.example/\nfetch = article\n"
	    "[topic t]\nmatch = Kazakhstan\n", &errors);
	assert_non_null(c);
	assert_int_equal(c->sources[0].article, 1);
	assert_int_equal(c->sources[0].article_limit, 20);
	config_free(c);
	c = load("[raqib]\narticle_limit = 5\n"
	    "[source a]\nurl = https://a.example/\n"
	    "[source b]\nurl = https://b.example/\nfetch = article\n"
	    "article_limit = 0\n[topic t]\nmatch = Kazakhstan\n", &errors);
	assert_non_null(c);
	assert_int_equal(c->sources[0].article, 0);
	assert_int_equal(c->sources[0].article_limit, 5);
	assert_int_equal(c->sources[1].article_limit, 0);
	config_free(c);
	buf_free(&errors);
}

static void
durations_accept_units_and_reject_words(void **state)
{
	(void)state;
	assert_int_equal(config_duration("90"), 90);
	assert_int_equal(config_duration("90s"), 90);
	assert_int_equal(config_duration("15m"), 900);
	assert_int_equal(config_duration("2h"), 7200);
	assert_int_equal(config_duration("1d"), 86400);
	assert_int_equal(config_duration("15 minutes"), -1);
	assert_int_equal(config_duration("m"), -1);
	assert_int_equal(config_duration("-5m"), -1);
	assert_int_equal(config_duration("5w"), -1);
	assert_int_equal(config_duration("99999999999999999999"), -1);
}

static void
sources_inherit_the_default_interval(void **state)
{
	struct buf	 errors = { 0 };
	struct config	*c;

	(void)state;
	c = load("[raqib]\ninterval = 20m\n"
	    "[source a]\nurl = https://a.example/feed\n"
	    "[source b]\nurl = http://b.example/\ninterval = 5m\n"
	    "items = article h2 a\n"
	    "[topic t]\nmatch = Kazakhstan\n", &errors);
	assert_non_null(c);
	assert_int_equal(c->nsources, 2);
	assert_string_equal(c->sources[0].name, "a");
	assert_int_equal(c->sources[0].interval, 1200);
	assert_null(c->sources[0].items);
	assert_int_equal(c->sources[1].interval, 300);
	assert_string_equal(c->sources[1].items, "article h2 a");
	config_free(c);
	buf_free(&errors);
}

static void
database_defaults_under_xdg_state_home(void **state)
{
	struct buf	 errors = { 0 };
	struct config	*c;

	(void)state;
	setenv("XDG_STATE_HOME", "/tmp/raqib-state", 1);
	c = load("[topic t]\nmatch = x y z\n", &errors);
	assert_non_null(c);
	assert_string_equal(c->database, "/tmp/raqib-state/raqib/raqib.db");
	assert_int_equal(c->interval, 15 * 60);
	config_free(c);
	buf_free(&errors);
}

static void
database_tilde_expands_to_home(void **state)
{
	struct buf	 errors = { 0 };
	struct config	*c;

	(void)state;
	setenv("HOME", "/home/analyst", 1);
	c = load("[raqib]\ndatabase = ~/news/raqib.db\n"
	    "[topic t]\nmatch = x\n", &errors);
	assert_non_null(c);
	assert_string_equal(c->database, "/home/analyst/news/raqib.db");
	config_free(c);
	buf_free(&errors);
}

static void
topics_compile_and_fire(void **state)
{
	struct buf		 errors = { 0 };
	struct config		*c;
	struct match_result	 r = { 0 };
	struct match_doc	 d = { 0 };

	(void)state;
	c = load("[topic kz]\nmatch = Kazakhstan\nurgency = critical\n"
	    "fields = title\n"
	    "[topic ru]\nmatch = Russia\n", &errors);
	assert_non_null(c);
	assert_int_equal(c->ntopics, 2);
	assert_int_equal(c->topics[0].urgency, ALERT_CRITICAL);
	assert_int_equal(c->topics[0].fields, MATCH_TITLE);
	d.title = "News from Russia";
	d.summary = "Kazakhstan in the summary only";
	assert_int_equal(match_doc(c->match, &d, &r), 0);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.v[0].topic, 1);
	match_result_free(&r);
	config_free(c);
	buf_free(&errors);
}

/* sources = a, b: the topic fires on items of those sources only. */
static void
topic_sources_restrict_where_it_fires(void **state)
{
	struct buf		 errors = { 0 };
	struct config		*c;
	struct match_result	 r = { 0 };
	struct match_doc	 d = { "Astana talks", NULL, NULL, NULL };
	static const struct {
		const char	*source;
		size_t		 fired;
	} cases[] = { { "a", 1 }, { "b", 1 }, { "other", 0 }, { NULL, 1 } };
	size_t			 i;

	(void)state;
	c = load("[source a]\nurl = https://a.example/feed\n"
	    "[source b]\nurl = https://b.example/feed\n"
	    "[source other]\nurl = https://o.example/feed\n"
	    "[topic kz]\nmatch = Astana\nsources = a, b\n", &errors);
	assert_non_null(c);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		d.source = cases[i].source;
		assert_int_equal(match_doc(c->match, &d, &r), 0);
		assert_int_equal(r.n, cases[i].fired);
		match_result_free(&r);
	}
	config_free(c);
	buf_free(&errors);
}

static void
every_error_is_reported_with_its_line(void **state)
{
	struct buf	 errors = { 0 };
	struct config	*c;

	(void)state;
	c = load("[raqib]\ninterval = soon\n"
	    "[source s]\nurl = gopher://x\n"
	    "[topic t]\nfields = body\nmatch = x\n", &errors);
	assert_null(c);
	assert_non_null(strstr(errors.data, ":2: bad duration 'soon'"));
	assert_non_null(strstr(errors.data, ":4: url 'gopher://x' is not"));
	assert_non_null(strstr(errors.data, ":6: fields: unknown field 'body'"));
	buf_free(&errors);
}

static void
comments_need_a_space_before_the_hash(void **state)
{
	struct buf	 errors = { 0 };
	struct config	*c;

	(void)state;
	c = load("# a comment\n[source s]   # trailing\n"
	    "url = https://x.example/a#frag # comment\n"
	    "[topic t]\nmatch = C#\n", &errors);
	assert_non_null(c);
	assert_string_equal(c->sources[0].url, "https://x.example/a#frag");
	config_free(c);
	buf_free(&errors);
}

/*
 * A file saved by Notepad begins with a UTF-8 BOM: its first line is still
 * a section, and an error is still on the line a reader counts.
 */
static void
a_byte_order_mark_is_not_text(void **state)
{
	struct buf	 errors = { 0 };
	struct config	*c;

	(void)state;
	c = load("\xEF\xBB\xBF[source s]\nurl = https://x.example/\n"
	    "[topic t]\nmatch = Kazakhstan\n", &errors);
	assert_non_null(c);
	assert_int_equal(c->nsources, 1);
	assert_string_equal(c->sources[0].url, "https://x.example/");
	config_free(c);
	c = load("\xEF\xBB\xBF[source s]\nurl = ftp://x.example/\n", &errors);
	assert_null(c);
	assert_non_null(strstr(errors.data, ":2: url"));
	assert_null(strstr(errors.data, ":1:"));
	buf_free(&errors);
}

/*
 * Among 3,000 sources, each kept in file order: a name used again is
 * reported at the second use, and `sources =` finds names at either end.
 */
static void
many_sources_keep_order_and_names_stay_unique(void **state)
{
	struct buf	 text = { 0 }, errors = { 0 };
	struct config	*c;
	int		 i;

	(void)state;
	for (i = 0; i < 3000; i++)
		buf_printf(&text, "[source s%d]\nurl = https://%d.example/\n",
		    i, i);
	buf_puts(&text, "[topic t]\nmatch = x\nsources = s0, s2999\n");
	c = load(text.data, &errors);
	assert_non_null(c);
	assert_int_equal(c->nsources, 3000);
	for (i = 0; i < 3000; i += 499)
		assert_int_equal(atoi(c->sources[i].name + 1), i);
	config_free(c);
	buf_puts(&text, "[source s1500]\nurl = https://again.example/\n"
	    "[topic u]\nmatch = y\nsources = s3000\n");
	assert_null(load(text.data, &errors));
	assert_non_null(strstr(errors.data,
	    ":6004: source 's1500' is defined twice (first at line 3001)"));
	assert_non_null(strstr(errors.data,
	    ":6008: sources: no [source s3000] in this file\n"));
	buf_free(&text);
	buf_free(&errors);
}

/*
 * The exit status a failed load calls for: 1 for a file that cannot be
 * read, 2 for one with errors, including one that is not UTF-8; 0 when it
 * loads. A valid config with no source is warned about, not refused.
 */
static void
load_status_says_unreadable_or_invalid(void **state)
{
	struct buf	 errors = { 0 };
	struct config	*c;
	const char	*path;
	int		 status = -1;

	(void)state;
	assert_null(config_load("/nonexistent/raqib.conf", &errors, &status));
	assert_int_equal(status, 1);
	assert_non_null(strstr(errors.data, "raqib init"));
	buf_reset(&errors);
	path = write_conf("[topic t]\nmatch = t\xe9" "l\xe9" "com\n");
	assert_null(config_load(path, &errors, &status));
	unlink(path);
	assert_int_equal(status, 2);
	assert_non_null(strstr(errors.data, ":2: not UTF-8 (save the file as "
	    "UTF-8): byte 0xE9 at offset 19, byte 10 of the line"));
	buf_reset(&errors);
	path = write_conf("[topic t]\nmatch = t\n");
	assert_non_null(c = config_load(path, &errors, &status));
	unlink(path);
	assert_int_equal(status, 0);
	config_warnings(c, &errors);
	assert_non_null(strstr(errors.data, "no [source] sections"));
	assert_null(strstr(errors.data, "less than a minute"));
	config_free(c);
	buf_free(&errors);
}

/* A poll interval of seconds is likely minutes meant: say so, once. */
static void
short_intervals_are_warned_once(void **state)
{
	struct buf	 w = { 0 };
	struct config	*c;
	const char	*path;
	int		 status = -1;

	(void)state;
	path = write_conf("[raqib]\ninterval = 15\n[source a]\nurl = "
	    "http://127.0.0.1/a\n[source b]\nurl = http://127.0.0.1/b\n"
	    "[source c]\nurl = http://127.0.0.1/c\ninterval = 30m\n"
	    "[topic t]\nmatch = t\n");
	assert_non_null(c = config_load(path, &w, &status));
	unlink(path);
	config_warnings(c, &w);
	assert_string_equal(w.data, "2 sources are polled less than a minute "
	    "apart (interval 15s; a number without a unit is seconds: write "
	    "15m for minutes)\n");
	config_free(c);
	buf_free(&w);
}

/*
 * A file saved on Windows (a BOM, CRLF line ends) and indented with tabs
 * reads as the same file written on Linux: no \r in a url or a term.
 */
static void
windows_line_ends_and_tabs_are_white_space(void **state)
{
	struct buf		 errors = { 0 };
	struct config		*c;
	struct match_result	 r = { 0 };
	struct match_doc	 d = { 0 };

	(void)state;
	c = load("\xEF\xBB\xBF[raqib]\r\n\tinterval\t=\t10m\r\n"
	    "[source s]\r\n\turl = https://x.example/feed\r\n"
	    "[topic t]\r\n\tmatch\t= Astana\t\r\n", &errors);
	assert_non_null(c);
	assert_int_equal(c->interval, 600);
	assert_string_equal(c->sources[0].url, "https://x.example/feed");
	assert_string_equal(c->topics[0].exprs[0].text, "Astana");
	d.title = "Talks in Astana";
	assert_int_equal(match_doc(c->match, &d, &r), 0);
	assert_int_equal(r.n, 1);
	match_result_free(&r);
	config_free(c);
	buf_free(&errors);
}

/*
 * A match line written as a comma list (Latin or Arabic comma) is one
 * phrase that seldom occurs: warned at its line. A number's comma and a
 * comma inside quotes are not.
 */
static void
comma_lists_in_match_lines_are_warned(void **state)
{
	struct buf	 w = { 0 };
	struct config	*c;

	(void)state;
	c = load("[topic t]\nmatch = Kazakhstan, Казахстан\n"
	    "match = 1,000 troops\nmatch = \"Washington, D.C.\"\n"
	    "exclude = كازاخستان، قازاقستان\n", &w);
	assert_non_null(c);
	config_warnings(c, &w);
	assert_non_null(strstr(w.data, "\n2: match = Kazakhstan, Казахстан "
	    "is one phrase, its words side by side"));
	assert_non_null(strstr(w.data, "\n5: exclude = كازاخستان، قازاقستان "
	    "is one phrase"));
	assert_null(strstr(w.data, "\n3:"));
	assert_null(strstr(w.data, "\n4:"));
	config_free(c);
	buf_free(&w);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(durations_accept_units_and_reject_words),
		cmocka_unit_test(sources_inherit_the_default_interval),
		cmocka_unit_test(article_fetches_are_limited),
		cmocka_unit_test(database_defaults_under_xdg_state_home),
		cmocka_unit_test(database_tilde_expands_to_home),
		cmocka_unit_test(topics_compile_and_fire),
		cmocka_unit_test(topic_sources_restrict_where_it_fires),
		cmocka_unit_test(many_sources_keep_order_and_names_stay_unique),
		cmocka_unit_test(every_error_is_reported_with_its_line),
		cmocka_unit_test(comments_need_a_space_before_the_hash),
		cmocka_unit_test(a_byte_order_mark_is_not_text),
		cmocka_unit_test(load_status_says_unreadable_or_invalid),
		cmocka_unit_test(short_intervals_are_warned_once),
		cmocka_unit_test(windows_line_ends_and_tabs_are_white_space),
		cmocka_unit_test(comma_lists_in_match_lines_are_warned),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
