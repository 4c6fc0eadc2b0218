/* test_html: element kinds, character references and fragments to text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "compat.h"
#include "html.h"

/* Element names, any case, to what a reader of their text sees. */
static void
test_tag_kinds(void **state)
{
	static const struct {
		const char	*name;
		enum html_tag	 kind;
	} cases[] = {
		{ "p", HTML_BLOCK }, { "P", HTML_BLOCK }, { "br", HTML_BLOCK },
		{ "li", HTML_BLOCK }, { "h2", HTML_BLOCK },
		{ "script", HTML_SKIP }, { "STYLE", HTML_SKIP },
		{ "noscript", HTML_SKIP }, { "b", HTML_INLINE },
		{ "a", HTML_INLINE }, { "span", HTML_INLINE },
		{ "unknown-element", HTML_INLINE }, { "", HTML_INLINE },
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < nitems(cases); i++)
		if (html_tag_kind(cases[i].name) != cases[i].kind)
			fail_msg("%s: %d", cases[i].name,
			    html_tag_kind(cases[i].name));
}

/* Named references: the WHATWG set, case-sensitive, counted names. */
static void
test_entities(void **state)
{
	static const struct {
		const char	*name, *want;
	} cases[] = {
		{ "hellip", "…" }, { "rsquo", "’" }, { "nbsp", "\xc2\xa0" },
		{ "eacute", "é" }, { "Eacute", "É" }, { "laquo", "«" },
		{ "amp", "&" }, { "AMP", "&" }, { "NotEqualTilde", "≂̸" },
		{ "fjlig", "fj" }, { "bogus", NULL }, { "Hellip", NULL },
		{ "", NULL },
	};
	const char	*got;
	size_t		 i;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		got = html_entity(cases[i].name, strlen(cases[i].name));
		if ((got == NULL) != (cases[i].want == NULL) ||
		    (got != NULL && strcmp(got, cases[i].want) != 0))
			fail_msg("&%s;: got %s", cases[i].name,
			    got ? got : "(null)");
	}
	assert_string_equal(html_entity("hellipsis", 6), "…");
}

/* A fragment's text, unfolded, as a browser would show its words. */
static void
test_fragments(void **state)
{
	static const struct {
		const char	*in, *want;
	} cases[] = {
		{ "<p>a</p><p>b</p>", " a  b " },
		{ "x<br>y<br/>z", "x y z" },
		{ "<b>كازا</b>خستان", "كازاخستان" },
		{ "AT&amp;T &quot;q&quot; &hellip;", "AT&T \"q\" …" },
		{ "&#1603;&#x627;&#X632; &#146;s &#0; &#xD800;",
		    "كاز ’s \xef\xbf\xbd \xef\xbf\xbd" },
		{ "&copy2025 &nbspx &amp &notit; &bogus; &", "©2025 \xc2\xa0x & ¬it; &bogus; &" },
		{ "a < b > c", "a < b > c" },
		{ "<!-- <p>hidden</p> -->shown<!-- unterminated", "shown" },
		{ "<!DOCTYPE html><?php x ?>text", "text" },
		{ "<script>if (a < b) { x = '</p>'; }</script>ok", "ok" },
		{ "<style>p { color: red }</style>ok<select><option>no"
		    "</option></select>!", "ok!" },
		{ "<a href=\"x?a=1&b=2>3\" title='>'>link</a>", "link" },
		{ "<img src=x alt=\"&lt;\">", "" },
		{ "unterminated <b", "unterminated " },
		{ "<ul><li>one</li><li>two</li></ul>", "  one  two  " },
	};
	struct buf	 b = { 0 };
	size_t		 i;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		buf_reset(&b);
		html_text(&b, cases[i].in, strlen(cases[i].in));
		if (strcmp(b.data != NULL ? b.data : "", cases[i].want) != 0)
			fail_msg("\"%s\": got \"%s\", want \"%s\"", cases[i].in,
			    b.data != NULL ? b.data : "", cases[i].want);
	}
	buf_free(&b);
}

/* Bytes are not the tokenizer's business: NULs and invalid UTF-8 pass. */
static void
test_bytes_pass_through(void **state)
{
	static const char	 in[] = "a\0b\xff<i>c</i>";
	struct buf		 b = { 0 };

	(void)state;
	html_text(&b, in, sizeof(in) - 1);
	assert_int_equal(b.len, 5);
	assert_memory_equal(b.data, "a\0b\xff" "c", 5);
	buf_free(&b);
}

/* C1 controls in text read as the windows-1252 punctuation they were. */
static void
test_c1_text(void **state)
{
	static const struct {
		const char	*in, *want;
	} cases[] = {
		{ "It\xc2\x92s \xc2\x93x\xc2\x94 \xc2\x96 \xc2\x85",
		    "It’s “x” – …" },
		{ "\xc2\x80" "5 \xc2\xab\xd9\x83\xc2\xbb", "€5 «ك»" },
		{ "\xc2\x81\xc2\x9d", "\xc2\x81\xc2\x9d" },
		{ "cut \xc2", "cut \xc2" },
	};
	struct buf	 b = { 0 };
	size_t		 i;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		buf_reset(&b);
		html_c1_text(&b, cases[i].in, strlen(cases[i].in));
		buf_putc(&b, '\0');
		if (strcmp(b.data, cases[i].want) != 0)
			fail_msg("case %zu: got \"%s\"", i, b.data);
	}
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tag_kinds),
		cmocka_unit_test(test_entities),
		cmocka_unit_test(test_fragments),
		cmocka_unit_test(test_bytes_pass_through),
		cmocka_unit_test(test_c1_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
