/*
 * The example watch-list (config/raqib.conf), the first one every user
 * gets, against items a reader judged (tests/fixtures/watchlist.tsv: the
 * wordings the press uses for each topic and the look-alikes it must not
 * fire on) and against the fixtures' titles (tests/fixtures/EXPECTED.tsv).
 * Run from the repository root.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "config.h"
#include "match.h"
#include "fixture.h"

#define EXAMPLE	"config/raqib.conf"

/* One judged item: its fields and the topics a reader says it is about. */
struct judged {
	const char	*title;
	const char	*summary;	/* NULL: none */
	const char	*topics;	/* sorted, comma-separated; "-": none */
};

/* The example config, loaded; fails with its errors. */
static struct config *
example(void)
{
	struct buf	 errors = { 0 };
	struct config	*cfg;

	if ((cfg = config_load(EXAMPLE, &errors, NULL)) == NULL)
		fail_msg("%s", errors.data ? errors.data : EXAMPLE);
	buf_free(&errors);
	return cfg;
}

/* Compare topic names, for qsort. */
static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The topics that fire on an item, sorted and comma-separated, into out. */
static void
fired(const struct config *cfg, const struct judged *j, char *out,
    size_t len)
{
	struct match_doc	 doc = { j->title, j->summary, NULL, NULL };
	struct match_result	 res;
	const char		*names[64];
	size_t			 i, n = 0, at = 0;

	assert_int_equal(match_doc(cfg->match, &doc, &res), 0);
	for (i = 0; i < res.n && n < 64; i++)
		names[n++] = cfg->topics[res.v[i].topic].name;
	qsort(names, n, sizeof(names[0]), name_cmp);
	snprintf(out, len, "-");
	for (i = 0; i < n; i++)
		at += (size_t)snprintf(out + at, len - at, "%s%s",
		    i > 0 ? "," : "", names[i]);
	match_result_free(&res);
}

/* The topics field sorted, in place (a reader may list them in any order). */
static const char *
sorted(char *topics)
{
	char	*names[64], *tok, *save = NULL, copy[512];
	size_t	 i, n = 0, at = 0, size = strlen(topics) + 1;

	snprintf(copy, sizeof(copy), "%s", topics);
	for (tok = strtok_r(copy, ",", &save); tok != NULL && n < 64;
	    tok = strtok_r(NULL, ",", &save))
		names[n++] = tok;
	qsort(names, n, sizeof(names[0]), name_cmp);
	for (i = 0; i < n; i++)
		at += (size_t)snprintf(topics + at, size - at, "%s%s",
		    i > 0 ? "," : "", names[i]);
	return topics;
}

/* Whether an item fires what the reader said; says so when it does not. */
static int
judge(const struct config *cfg, const struct judged *j)
{
	char	 got[512];

	fired(cfg, j, got, sizeof(got));
	if (strcmp(got, j->topics) == 0)
		return 1;
	print_error("%s%s%s: fires %s, a reader says %s\n", j->title,
	    j->summary ? " / " : "", j->summary ? j->summary : "", got,
	    j->topics);
	return 0;
}

/*
 * Split a line of cols tab-separated fields into f; 0 when it has another
 * number of fields.
 */
static int
fields(char *line, char **f, size_t cols)
{
	size_t	 i;

	for (i = 0; i < cols; i++) {
		f[i] = line;
		if ((line = strchr(line, '\t')) == NULL)
			return i + 1 == cols;
		*line++ = '\0';
	}
	return 0;
}

/* Every item a reader judged fires exactly the topics the reader named. */
static void
test_judged_items(void **state)
{
	struct config	*cfg = example();
	struct judged	 j;
	char		*data, *line, *save, *f[3];
	size_t		 len, n = 0, bad = 0, silent = 0;

	(void)state;
	data = slurp("watchlist.tsv", &len);
	for (line = strtok_r(data, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#')
			continue;
		if (!fields(line, f, 3))
			fail_msg("watchlist.tsv: not 3 fields: %s", line);
		j.title = f[0];
		j.summary = strcmp(f[1], "-") == 0 ? NULL : f[1];
		j.topics = sorted(f[2]);
		bad += !judge(cfg, &j);
		silent += strcmp(j.topics, "-") == 0;
		n++;
	}
	free(data);
	config_free(cfg);
	if (bad > 0)
		fail_msg("%zu of %zu judged items fire the wrong topics", bad, n);
	assert_true(n >= 60 && silent >= 20);
}

/* The fixtures' titles alone fire the topics EXPECTED.tsv gives them. */
static void
test_fixture_titles(void **state)
{
	struct config	*cfg = example();
	struct judged	 j = { NULL, NULL, NULL };
	char		*data, *line, *save, *f[3];
	size_t		 len, n = 0, bad = 0;

	(void)state;
	data = slurp("EXPECTED.tsv", &len);
	for (line = strtok_r(data, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (!fields(line, f, 3))
			fail_msg("EXPECTED.tsv: not 3 fields: %s", line);
		j.title = f[1];
		j.topics = sorted(f[2]);
		bad += !judge(cfg, &j);
		n++;
	}
	free(data);
	config_free(cfg);
	if (bad > 0)
		fail_msg("%zu of %zu fixture titles fire the wrong topics", bad,
		    n);
}

/* No example topic is sticky: critical stays on screen until clicked. */
static void
test_no_critical_topic(void **state)
{
	struct config	*cfg = example();
	size_t		 i;

	(void)state;
	assert_true(cfg->ntopics >= 3);
	for (i = 0; i < cfg->ntopics; i++)
		if (cfg->topics[i].urgency == ALERT_CRITICAL)
			fail_msg("topic %s is critical", cfg->topics[i].name);
	config_free(cfg);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_judged_items),
		cmocka_unit_test(test_fixture_titles),
		cmocka_unit_test(test_no_critical_topic),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
