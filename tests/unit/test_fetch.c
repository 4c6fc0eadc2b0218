/*
 * Unit tests of fetch's URL canonicalization (what makes two links one),
 * of what it says of a redirect from https to http, and of which
 * addresses are this machine's or a local network's.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* Pieces of generated URLs: plain ones, and every kind curl rewrites. */
static const char *const gen_hosts[] = {
	"a.example", "news.example.net", "a_b.example", "x-y.example",
	"1a.example", "a.b1", "a.1", "127.0.0.1", "127.1", "0x7f.1",
	"a.example.", "a..example", "A.example", "m\xc3\xbcnchen.example",
	"a.example:80", "a.example:443", "a.example:8080", "a.example:",
	"user@a.example", "[::1]", ""
};
static const char *const gen_segments[] = {
	"", ".", "..", ".x", "x.", "a", "B", "%2e", "%2E%2e", "%d8%a7",
	"%zz", "\xc3\xa4", "a b", "\\", "'", "\"", "<", "{", "~", "+", ",",
	";", "=", ":", "@", "!", "$", "&", "*", "(", "index.html", "\t"
};
static const char *const gen_params[] = {
	"", "a=1", "b=2", "utm_source=x", "fbclid=1", "gclid=", "a", "=",
	"x=<>", "q=a%20b", "z=\xc3\xa4", "?", "/", "k=a b"
};
static const char *const gen_fragments[] = {
	"", "#", "#top", "#a b", "#x?y", "#%zz", "#/../x"
};

#define GEN_PICK(v)	(v[rand() % (int)(sizeof(v) / sizeof(v[0]))])

/* A random URL of the pieces above, in buf. */
static void
gen_url(char *buf, size_t len)
{
	int	 i, n;

	snprintf(buf, len, "%s://%s", rand() % 2 ? "http" : "https",
	    GEN_PICK(gen_hosts));
	for (i = 0, n = rand() % 4; i < n; i++)
		snprintf(buf + strlen(buf), len - strlen(buf), "/%s",
		    GEN_PICK(gen_segments));
	for (i = 0, n = rand() % 4; i < n; i++)
		snprintf(buf + strlen(buf), len - strlen(buf), "%c%s",
		    i == 0 ? '?' : '&', GEN_PICK(gen_params));
	snprintf(buf + strlen(buf), len - strlen(buf), "%s",
	    GEN_PICK(gen_fragments));
}

/*
 * A URL with a lower-case scheme may be canonicalized by string operations
 * alone; with the scheme in capitals, curl always parses it. Both must
 * give the same link, or both refuse it: 20,000 generated URLs, and plain
 * ones (no port, no dot segment, nothing to drop) come back unchanged.
 */
static void
string_canonicalization_agrees_with_curls(void **state)
{
	char	 url[512], *a, *b;
	int	 i;

	(void)state;
	srand(15);
	for (i = 0; i < 20000; i++) {
		gen_url(url, sizeof(url));
		a = fetch_url_canonical(url);
		memcpy(url, url[4] == 's' ? "HTTPS" : "HTTP", url[4] == 's' ?
		    5 : 4);
		b = fetch_url_canonical(url);
		if ((a == NULL) != (b == NULL) ||
		    (a != NULL && strcmp(a, b) != 0))
			fail_msg("%s: %s, but curl: %s", url, a ? a : "(refused)",
			    b ? b : "(refused)");
		free(a);
		free(b);
	}
	canon_is("https://news.example.net/2026/11/%d8%a7-x/index.html",
	    "https://news.example.net/2026/11/%d8%a7-x/index.html");
	canon_is("http://a_b.example/p?b=2&a=1", "http://a_b.example/p?a=1&b=2");
}

/*
 * An https source that a redirect took to plain http is read, with a
 * warning that names the fix; no other pair of URLs is warned of.
 */
static void
https_to_http_redirect_warned(void **state)
{
	const char	*note;

	(void)state;
	note = fetch_downgrade_note("https://news.example/feed",
	    "http://news.example/feed");
	assert_non_null(note);
	assert_non_null(strstr(note, "redirected this https URL to plain "
	    "http"));
	assert_non_null(strstr(note, "set the source's url to the http URL"));
	assert_non_null(fetch_downgrade_note("HTTPS://news.example/feed",
	    "HTTP://cdn.example/feed"));
	assert_null(fetch_downgrade_note("https://news.example/feed",
	    "https://cdn.example/feed"));
	assert_null(fetch_downgrade_note("http://news.example/feed",
	    "http://cdn.example/feed"));
	assert_null(fetch_downgrade_note("http://news.example/feed",
	    "https://news.example/feed"));
}

/*
 * Addresses on this machine or a local network, however curl writes the
 * one it connected to, are local; the addresses around each network's
 * edges, and public ones, are not.
 */
static void
local_addresses_told_from_public(void **state)
{
	static const char	*local[] = {
		"127.0.0.1", "127.255.255.254", "0.0.0.0", "0.1.2.3",
		"10.0.0.1", "10.255.255.255", "100.64.0.1", "100.127.255.255",
		"169.254.169.254", "172.16.0.1", "172.31.255.255",
		"192.168.0.1", "192.168.255.255", "::1", "::", "fc00::1",
		"fdff:ffff::1", "fe80::1", "febf::1", "::ffff:127.0.0.1",
		"::ffff:10.1.2.3", "64:ff9b::7f00:1", "::FFFF:192.168.1.1",
	};
	static const char	*public[] = {
		"1.1.1.1", "9.255.255.255", "11.0.0.0", "100.63.255.255",
		"100.128.0.0", "126.255.255.255", "128.0.0.1", "169.253.0.1",
		"169.255.0.1", "172.15.255.255", "172.32.0.0", "192.167.0.1",
		"192.169.0.1", "198.51.100.1", "2001:db8::1", "2a00:1450::1",
		"::2", "fbff::1", "fec0::1", "::ffff:8.8.8.8",
		"64:ff9b::808:808", "localhost", "", "0x7f.1", "2130706433",
	};
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof(local) / sizeof(local[0]); i++)
		if (!fetch_addr_local(local[i]))
			fail_msg("%s taken for public", local[i]);
	for (i = 0; i < sizeof(public) / sizeof(public[0]); i++)
		if (fetch_addr_local(public[i]))
			fail_msg("%s taken for local", public[i]);
	assert_false(fetch_addr_local(NULL));
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
		cmocka_unit_test(string_canonicalization_agrees_with_curls),
		cmocka_unit_test(https_to_http_redirect_warned),
		cmocka_unit_test(local_addresses_told_from_public),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
