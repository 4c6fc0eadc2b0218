/*
 * html: HTML as a reader sees its text. The tables say which elements break
 * words or hold no text and what each named character reference means (the
 * WHATWG set, through daemon/html-entities.py, so that feeds using HTML
 * names inside XML read as their characters); html_text reads a fragment
 * of escaped markup, the common case of a feed's description, without
 * building a tree: a tokenizer that knows tags, comments, references and
 * the elements whose content is not text is all text extraction needs, and
 * it behaves the same whatever libxml2 a system has.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "compat.h"
#include "html.h"

#define HTML_NAMEMAX	32	/* the longest entity name is 31 bytes */

/* Elements that are not inline text, sorted for bsearch. */
static const struct html_tagkind {
	const char	*name;
	enum html_tag	 kind;
} html_tags[] = {
	{ "address", HTML_BLOCK }, { "article", HTML_BLOCK },
	{ "aside", HTML_BLOCK }, { "blockquote", HTML_BLOCK },
	{ "br", HTML_BLOCK }, { "button", HTML_SKIP },
	{ "caption", HTML_BLOCK }, { "dd", HTML_BLOCK },
	{ "details", HTML_BLOCK }, { "div", HTML_BLOCK },
	{ "dl", HTML_BLOCK }, { "dt", HTML_BLOCK },
	{ "figcaption", HTML_BLOCK }, { "figure", HTML_BLOCK },
	{ "footer", HTML_BLOCK }, { "form", HTML_BLOCK },
	{ "h1", HTML_BLOCK }, { "h2", HTML_BLOCK },
	{ "h3", HTML_BLOCK }, { "h4", HTML_BLOCK },
	{ "h5", HTML_BLOCK }, { "h6", HTML_BLOCK },
	{ "head", HTML_SKIP }, { "header", HTML_BLOCK },
	{ "hr", HTML_BLOCK }, { "iframe", HTML_SKIP },
	{ "li", HTML_BLOCK }, { "main", HTML_BLOCK },
	{ "nav", HTML_BLOCK }, { "noscript", HTML_SKIP },
	{ "object", HTML_SKIP }, { "ol", HTML_BLOCK },
	{ "option", HTML_BLOCK }, { "p", HTML_BLOCK },
	{ "pre", HTML_BLOCK }, { "script", HTML_SKIP },
	{ "section", HTML_BLOCK }, { "select", HTML_SKIP },
	{ "style", HTML_SKIP }, { "svg", HTML_SKIP },
	{ "table", HTML_BLOCK }, { "td", HTML_BLOCK },
	{ "template", HTML_SKIP }, { "textarea", HTML_SKIP },
	{ "th", HTML_BLOCK }, { "title", HTML_SKIP },
	{ "tr", HTML_BLOCK }, { "ul", HTML_BLOCK },
};

/* The named character references, sorted by name (strcmp order). */
static const struct html_ref {
	const char	*name;
	const char	*utf8;
	int		 legacy;	/* also read without its ';' */
} html_refs[] = {
#include "html_entities.inc"
};

/*
 * Compare an element name with a table entry (lower case), ignoring case;
 * the first letters tell most apart without a call.
 */
static int
html_tag_cmp(const void *key, const void *elem)
{
	const char	*name = ((const struct html_tagkind *)elem)->name;
	int		 d = tolower(*(const unsigned char *)key) - *name;

	return d != 0 ? d : strcasecmp(key, name);
}

/* The kind of an element, by name. */
enum html_tag
html_tag_kind(const char *name)
{
	const struct html_tagkind	*t;

	t = bsearch(name, html_tags, nitems(html_tags), sizeof(html_tags[0]),
	    html_tag_cmp);
	return t != NULL ? t->kind : HTML_INLINE;
}

/* A name of len bytes, for bsearch against NUL-terminated entries. */
struct html_key {
	const char	*s;
	size_t		 len;
};

/* Compare a counted name with a table entry, as strcmp would. */
static int
html_ref_cmp(const void *key, const void *elem)
{
	const struct html_key	*k = key;
	const char		*name = ((const struct html_ref *)elem)->name;
	int			 c;

	if ((c = strncmp(k->s, name, k->len)) != 0)
		return c;
	return name[k->len] == '\0' ? 0 : -1;
}

/* The table row of a named character reference, or NULL. */
static const struct html_ref *
html_ref(const char *name, size_t len)
{
	struct html_key	 k = { name, len };

	if (len == 0 || len > HTML_NAMEMAX)
		return NULL;
	return bsearch(&k, html_refs, nitems(html_refs), sizeof(html_refs[0]),
	    html_ref_cmp);
}

/* The UTF-8 text of a named character reference, or NULL. */
const char *
html_entity(const char *name, size_t len)
{
	const struct html_ref	*r = html_ref(name, len);

	return r != NULL ? r->utf8 : NULL;
}

/* The UTF-8 text of a legacy name read without its ';', or NULL. */
const char *
html_legacy_entity(const char *name, size_t len)
{
	const struct html_ref	*r = html_ref(name, len);

	return r != NULL && r->legacy ? r->utf8 : NULL;
}

/* ------------------------------------------------------------------ */
/* Element classes                                                     */

/*
 * What a reader of raw markup must know of an element to follow its
 * nesting without building a tree (page.c's pre-pass of deep pages): which
 * elements only wrap, which never open, which hold raw text, and which a
 * start tag ends by being one (HTML's implied end tags).
 */

/* Elements that only wrap, nothing lost when left out. Sorted. */
static const char *const html_wrappers[] = {
	"b", "big", "blockquote", "center", "div", "em", "font", "i", "main",
	"s", "section", "small", "span", "strike", "strong", "tt", "u",
};

/* Elements without content: never open. Sorted. */
static const char *const html_voids[] = {
	"area", "base", "basefont", "br", "col", "embed", "frame", "hr", "img",
	"input", "isindex", "keygen", "link", "meta", "param", "source",
	"track", "wbr",
};

/* Elements whose content is text up to their end tag. Sorted. */
static const char *const html_raws[] = {
	"iframe", "noembed", "noframes", "script", "style", "textarea",
	"title", "xmp",
};

/* Elements some start tag closes (html_implied). Sorted. */
static const char *const html_closable[] = {
	"dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "li", "optgroup",
	"option", "p", "td", "th", "tr",
};

/*
 * Elements a start tag closes when one is innermost (HTML's implied ends).
 * Sorted by tag.
 */
#define HTML_HEADINGS	" h1 h2 h3 h4 h5 h6 p "
static const struct html_implied {
	const char	*tag;
	const char	*closes;	/* space-separated, each padded */
} html_implied[] = {
	{ "address", " p " }, { "article", " p " }, { "aside", " p " },
	{ "blockquote", " p " }, { "dd", " dd dt p " }, { "div", " p " },
	{ "dl", " p " }, { "dt", " dd dt p " }, { "fieldset", " p " },
	{ "figure", " p " }, { "footer", " p " }, { "form", " p " },
	{ "h1", HTML_HEADINGS }, { "h2", HTML_HEADINGS },
	{ "h3", HTML_HEADINGS }, { "h4", HTML_HEADINGS },
	{ "h5", HTML_HEADINGS }, { "h6", HTML_HEADINGS },
	{ "header", " p " }, { "li", " li p " }, { "main", " p " },
	{ "nav", " p " },
	{ "ol", " p " }, { "optgroup", " option optgroup " },
	{ "option", " option " }, { "p", " p " }, { "pre", " p " },
	{ "section", " p " }, { "table", " p " }, { "tbody", " td th tr " },
	{ "td", " td th " }, { "tfoot", " td th tr " }, { "th", " td th " },
	{ "thead", " td th tr " }, { "tr", " td th tr " }, { "ul", " p " },
};

/* A counted tag name against a lower-case word, in ASCII order. */
static int
html_name_cmp(const struct html_key *k, const char *e)
{
	size_t	 i;
	int	 c;

	for (i = 0; i < k->len && e[i] != '\0'; i++) {
		c = (unsigned char)k->s[i];
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c != (unsigned char)e[i])
			return c - (unsigned char)e[i];
	}
	if (i < k->len)
		return 1;
	return e[i] != '\0' ? -1 : 0;
}

/* bsearch: a counted tag name against a lower-case table entry. */
static int
html_class_cmp(const void *key, const void *elem)
{
	return html_name_cmp(key, *(const char *const *)elem);
}

/* Whether a tag name (any case) is in a sorted table. */
static int
html_in(const char *s, size_t n, const char *const *v, size_t nv)
{
	struct html_key	 k = { s, n };

	return bsearch(&k, v, nv, sizeof(*v), html_class_cmp) != NULL;
}

/* Whether an element only wraps its content; see html.h. */
int
html_is_wrapper(const char *s, size_t n)
{
	return html_in(s, n, html_wrappers, nitems(html_wrappers));
}

/* Whether an element never has content; see html.h. */
int
html_is_void(const char *s, size_t n)
{
	return html_in(s, n, html_voids, nitems(html_voids));
}

/* Whether an element's content is raw text; see html.h. */
int
html_is_raw(const char *s, size_t n)
{
	return html_in(s, n, html_raws, nitems(html_raws));
}

/* bsearch: a counted tag name against html_implied's entry. */
static int
html_implied_cmp(const void *key, const void *elem)
{
	return html_name_cmp(key, ((const struct html_implied *)elem)->tag);
}

/* Whether a start tag ends the innermost open element; see html.h. */
int
html_start_closes(const char *s, size_t n, const char *top, size_t tn)
{
	struct html_key			 k = { s, n };
	const struct html_implied	*e;
	const char			*w;

	if (!html_in(top, tn, html_closable, nitems(html_closable)))
		return 0;
	e = bsearch(&k, html_implied, nitems(html_implied),
	    sizeof(html_implied[0]), html_implied_cmp);
	if (e == NULL)
		return 0;
	for (w = e->closes + 1; *w != '\0'; w++)
		if (w[-1] == ' ' && strncasecmp(w, top, tn) == 0 &&
		    w[tn] == ' ')
			return 1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Fragments                                                           */

/* What numeric references to 0x80-0x9F mean in HTML: windows-1252's. */
static const uint16_t html_c1[32] = {
	0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
	0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
};

/* The tokenizer's cursor over a fragment. */
struct html_in {
	const char	*p, *end;
	struct buf	*out;
};

/* Append a code point as UTF-8; see html.h. */
void
html_put_cp(struct buf *b, uint32_t c)
{
	char	 u[4];

	if (c < 0x80) {
		buf_putc(b, (char)c);
		return;
	}
	if (c < 0x800) {
		u[0] = (char)(0xc0 | c >> 6);
		u[1] = (char)(0x80 | (c & 0x3f));
		buf_append(b, u, 2);
	} else if (c < 0x10000) {
		u[0] = (char)(0xe0 | c >> 12);
		u[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[2] = (char)(0x80 | (c & 0x3f));
		buf_append(b, u, 3);
	} else {
		u[0] = (char)(0xf0 | c >> 18);
		u[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[3] = (char)(0x80 | (c & 0x3f));
		buf_append(b, u, 4);
	}
}

/* The code point HTML reads for a numeric reference's value. */
static uint32_t
html_numeric_cp(uint32_t v)
{
	if (v == 0 || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0xfffd;
	if (v >= 0x80 && v <= 0x9f)
		return html_c1[v - 0x80];
	return (uint32_t)v;
}

/* Append text with its C1 controls read as windows-1252; see html.h. */
void
html_c1_text(struct buf *out, const char *s, size_t len)
{
	const char	*p = s, *end = s + len, *c2;
	unsigned char	 c;

	while ((c2 = memchr(p, 0xc2, (size_t)(end - p))) != NULL &&
	    end - c2 >= 2) {
		c = (unsigned char)c2[1];
		if (c < 0x80 || c > 0x9f) {
			buf_append(out, p, (size_t)(c2 + 2 - p));
			p = c2 + 2;
			continue;
		}
		buf_append(out, p, (size_t)(c2 - p));
		html_put_cp(out, html_numeric_cp(c));
		p = c2 + 2;
	}
	buf_append(out, p, (size_t)(end - p));
}

/* One numeric character reference at '&', a surrogate as it is. */
static size_t
html_numeric_one(const char *p, const char *end, uint32_t *v, int *semi)
{
	const char	*q = p + 2;
	uint64_t	 n = 0;
	int		 base = 10, digits = 0, d;

	if (end - p < 3 || p[0] != '&' || p[1] != '#')
		return 0;
	if (*q == 'x' || *q == 'X') {
		base = 16;
		q++;
	}
	for (; q < end; q++, digits++) {
		if (isdigit((unsigned char)*q))
			d = *q - '0';
		else if (base == 16 && isxdigit((unsigned char)*q))
			d = (*q | 0x20) - 'a' + 10;
		else
			break;
		if (n <= 0x10ffff)
			n = n * (uint64_t)base + (uint64_t)d;
	}
	if (digits == 0)
		return 0;
	*v = n > 0x10ffff ? 0x110000 : (uint32_t)n;
	*semi = q < end && *q == ';';
	return (size_t)(q + *semi - p);
}

/*
 * A numeric character reference at '&'; see html.h. A high surrogate's
 * reference followed by a low one's (&#55357;&#56880;, as ASP.NET and
 * JavaScript escape an emoji) is the one character they encode.
 */
size_t
html_numeric_ref(const char *p, const char *end, uint32_t *v, int *semi)
{
	size_t		 n, m;
	uint32_t	 lo;
	int		 semi2;

	if ((n = html_numeric_one(p, end, v, semi)) == 0 || !*semi ||
	    *v < 0xd800 || *v > 0xdbff)
		return n;
	if ((m = html_numeric_one(p + n, end, &lo, &semi2)) == 0 ||
	    lo < 0xdc00 || lo > 0xdfff)
		return n;
	*v = 0x10000 + ((*v - 0xd800) << 10) + (lo - 0xdc00);
	*semi = semi2;
	return n + m;
}

/* &#N; or &#xH; (the ';' may be missing); 0 when it is no reference. */
static int
html_numeric(struct html_in *in)
{
	uint32_t	 v;
	size_t		 n;
	int		 semi;

	if ((n = html_numeric_ref(in->p, in->end, &v, &semi)) == 0)
		return 0;
	html_put_cp(in->out, html_numeric_cp(v));
	in->p += n;
	return 1;
}

/*
 * &name; from the table, else the longest legacy name that starts the
 * run (&copy2024 is ©2024); 0 when it is no reference.
 */
static int
html_named(struct html_in *in)
{
	const struct html_ref	*r;
	const char		*name = in->p + 1, *q = name;
	size_t			 n;

	while (q < in->end && isalnum((unsigned char)*q) &&
	    q - name < HTML_NAMEMAX)
		q++;
	n = (size_t)(q - name);
	if (q < in->end && *q == ';' && (r = html_ref(name, n)) != NULL) {
		buf_puts(in->out, r->utf8);
		in->p = q + 1;
		return 1;
	}
	for (n = n > 6 ? 6 : n; n >= 2; n--)
		if ((r = html_ref(name, n)) != NULL && r->legacy) {
			buf_puts(in->out, r->utf8);
			in->p = name + n;
			return 1;
		}
	return 0;
}

/* A character reference at '&', or a literal '&'. */
static void
html_amp(struct html_in *in)
{
	if (html_numeric(in))
		return;
	if (html_named(in))
		return;
	buf_putc(in->out, '&');
	in->p++;
}

/* Skip past the first occurrence of t (ASCII case ignored), or to the end. */
static void
html_skip_past(struct html_in *in, const char *t)
{
	size_t	 n = strlen(t);

	for (; (size_t)(in->end - in->p) >= n; in->p++)
		if (strncasecmp(in->p, t, n) == 0) {
			in->p += n;
			return;
		}
	in->p = in->end;
}

/* Skip a tag's attributes to its '>', quotes respected. */
static void
html_tag_rest(struct html_in *in)
{
	char	 q = '\0';

	for (; in->p < in->end; in->p++) {
		if (q != '\0') {
			if (*in->p == q)
				q = '\0';
		} else if (*in->p == '"' || *in->p == '\'')
			q = *in->p;
		else if (*in->p == '>') {
			in->p++;
			return;
		}
	}
}

/* Read a tag name at p into name (lower case); its length. */
static size_t
html_tag_name(struct html_in *in, char *name, size_t size)
{
	size_t	 n = 0;

	while (in->p < in->end && (isalnum((unsigned char)*in->p) ||
	    *in->p == '-' || *in->p == ':')) {
		if (n + 1 < size)
			name[n++] = (char)tolower((unsigned char)*in->p);
		in->p++;
	}
	name[n] = '\0';
	return n;
}

/* The content of an element that holds no text: skip to its end tag. */
static void
html_skip_element(struct html_in *in, const char *name)
{
	char	 end[HTML_NAMEMAX + 3];

	snprintf(end, sizeof(end), "</%s", name);
	html_skip_past(in, end);
	html_tag_rest(in);
}

/* A start or end tag: a space at a block, skipped content for SKIP ones. */
static void
html_tag(struct html_in *in, int closing)
{
	char		 name[HTML_NAMEMAX];
	enum html_tag	 kind;

	in->p += closing ? 2 : 1;
	html_tag_name(in, name, sizeof(name));
	html_tag_rest(in);
	kind = html_tag_kind(name);
	if (kind == HTML_BLOCK)
		buf_putc(in->out, ' ');
	else if (kind == HTML_SKIP && !closing && in->p[-2] != '/')
		html_skip_element(in, name);
}

/* Markup at '<': a comment, a declaration, a tag, or a literal '<'. */
static void
html_markup(struct html_in *in)
{
	size_t	 left = (size_t)(in->end - in->p);

	if (left >= 4 && memcmp(in->p, "<!--", 4) == 0) {
		in->p += 4;
		html_skip_past(in, "-->");
	} else if (left >= 2 && (in->p[1] == '!' || in->p[1] == '?'))
		html_skip_past(in, ">");
	else if (left >= 3 && in->p[1] == '/' &&
	    isalpha((unsigned char)in->p[2]))
		html_tag(in, 1);
	else if (left >= 2 && isalpha((unsigned char)in->p[1]))
		html_tag(in, 0);
	else {
		buf_putc(in->out, '<');
		in->p++;
	}
}

/*
 * The first c at or after p (end if none), kept in *at: a place found
 * earlier still holds while p has not passed it, so each byte is searched
 * once, by memchr, as text runs are the bulk of a feed.
 */
static const char *
html_find(const char *p, const char *end, char c, const char **at)
{
	const char	*q;

	if (*at == NULL || *at < p) {
		q = memchr(p, c, (size_t)(end - p));
		*at = q != NULL ? q : end;
	}
	return *at;
}

/* Append a fragment's text; see html.h. */
void
html_text(struct buf *out, const char *s, size_t len)
{
	struct html_in	 in = { s, s + len, out };
	const char	*t, *u, *lt = NULL, *amp = NULL;

	while (in.p < in.end) {
		t = html_find(in.p, in.end, '<', &lt);
		u = html_find(in.p, in.end, '&', &amp);
		if (u < t)
			t = u;
		buf_append(out, in.p, (size_t)(t - in.p));
		in.p = t;
		if (in.p == in.end)
			break;
		if (*in.p == '&')
			html_amp(&in);
		else
			html_markup(&in);
	}
}
