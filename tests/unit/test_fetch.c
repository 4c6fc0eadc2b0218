/* Unit tests of fetch's URL canonicalization: what makes two links one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "fetch.h"

/* Assert that url canonicalizes to want (NULL: refused). */
static void
canon_is(const char *url, const char *want)
{
	char	*got = fetch_url_canonical(url);

	if (want == NULL)
		assert_null(got);
	else {
		assert_non_null(got);
		assert_string_equal(got, want);
	}
	free(got);
}

static void
scheme_host_lowered_default_port_and_fragment_dropped(void **state)
{
	(void)state;
	canon_is("HTTP://News.Example.NET:80/Path/A#top",
	    "http://news.example.net/Path/A");
	canon_is("https://example.net:443/x", "https://example.net/x");
	canon_is("https://example.net:8443/x", "https://example.net:8443/x");
}

static void
tracking_params_dropped_others_sorted(void **state)
{
	(void)state;
	canon_is("https://e.net/a?utm_source=tw&id=7&fbclid=x&b=2&gclid=1",
	    "https://e.net/a?b=2&id=7");
	canon_is("https://e.net/a?mc_cid=1&mc_eid=2&utm_medium=rss",
	    "https://e.net/a");
	canon_is("https://e.net/a?z=1&a=2", "https://e.net/a?a=2&z=1");
	/* Only whole names count: a parameter merely starting so stays. */
	canon_is("https://e.net/a?gclidx=1", "https://e.net/a?gclidx=1");
}

static void
variants_of_one_link_meet(void **state)
{
	char	*a, *b;

	(void)state;
	a = fetch_url_canonical("https://E.net/news/1?utm_campaign=c#x");
	b = fetch_url_canonical("https://e.net:443/news/1");
	assert_non_null(a);
	assert_non_null(b);
	assert_string_equal(a, b);
	free(a);
	free(b);
}

static void
not_a_url_refused(void **state)
{
	(void)state;
	canon_is(NULL, NULL);
	canon_is("", NULL);
	canon_is("no scheme at all", NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    scheme_host_lowered_default_port_and_fragment_dropped),
		cmocka_unit_test(tracking_params_dropped_others_sorted),
		cmocka_unit_test(variants_of_one_link_meet),
		cmocka_unit_test(not_a_url_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
