/*
 * Helpers shared by the tests that read fixtures (test_feed.c, test_page.c,
 * test_watchlist.c): fixture files, readable string comparisons, libxml2
 * set up once per run. Include after <cmocka.h>, and after "feed.h" for the
 * libxml2 set-up. Inline, so that a test need not use every one.
 */
#ifndef RAQIB_TEST_FIXTURE_H
#define RAQIB_TEST_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIXTURES	"tests/fixtures"

/* A fixture file (name under tests/fixtures), NUL-terminated; fails if missing. */
static inline char *
slurp(const char *name, size_t *len)
{
	char	 path[256], *p;
	FILE	*f;
	long	 n;

	snprintf(path, sizeof(path), "%s/%s", FIXTURES, name);
	if ((f = fopen(path, "rb")) == NULL)
		fail_msg("cannot open %s (run from the repository root)", path);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	p = malloc((size_t)n + 1);
	assert_non_null(p);
	assert_int_equal(fread(p, 1, (size_t)n, f), (size_t)n);
	p[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return p;
}

/* Compare two possibly NULL strings with a readable failure. */
static inline void
assert_str(const char *what, const char *got, const char *want)
{
	if (got == NULL && want == NULL)
		return;
	if (got == NULL || want == NULL || strcmp(got, want) != 0)
		fail_msg("%s: got \"%s\", want \"%s\"", what,
		    got ? got : "(null)", want ? want : "(null)");
}

#ifdef RAQIB_FEED_H
/* libxml2 is set up once for the whole run, as the daemon does. */
static int
setup(void **state)
{
	(void)state;
	feed_init();
	return 0;
}

/* And torn down once. */
static int
teardown(void **state)
{
	(void)state;
	feed_shutdown();
	return 0;
}
#endif

#endif
