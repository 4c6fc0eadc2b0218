/*
 * page: HTML pages -> items, through a CSS-subset selector compiled to
 * XPath (or XPath given directly), or default rules that find the article
 * links of a news listing; feed autodiscovery; an article's main text. The
 * bytes become UTF-8 in doc.c, as a feed's do; html.c says which elements
 * break words.
 */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "buf.h"
#include "compat.h"
#include "doc.h"
#include "feed.h"
#include "hash.h"
#include "html.h"
#include "log.h"
#include "page.h"
#include "xmalloc.h"

#define PAGE_HTML_OPTS	(HTML_PARSE_NONET | HTML_PARSE_RECOVER | \
	HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC)

#define PAGE_STR_(x)	#x
#define PAGE_STR(x)	PAGE_STR_(x)

#define PAGE_XPATH_PREFIX	"xpath:"
#define PAGE_BOX_UP		8	/* levels from a link to its item's box */
#define PAGE_BOX_NODES		2000	/* nodes of a box read at most */
#define PAGE_HEADLINE_WORDS	4	/* words of a link read as a headline */

/*
 * The default rules' candidates: every link. page_drop_chrome then leaves
 * out those in the page's chrome, and which of the rest are items is
 * page_default_rule's choice.
 */
static const char page_default_xpath[] = "//a[@href]";

/*
 * Page chrome: links inside these are not news items. A sidebar is also an
 * AMP page's menu, or a box whose class is the word "sidebar" or whose id
 * starts with it (a theme's widget column: #sidebar-second, Blogger's
 * #sidebar-right-1), or a Drupal region-sidebar-*; not a page whose class
 * says it has one ("right-sidebar" on <body>). A footer (or a <header>)
 * outside an <article> is also a box whose class or id is "footer".
 * A breaking-news ticker (a marquee, a box whose class or id says ticker)
 * repeats the page's headlines, or flashes without an article of their own.
 */
static const char *const page_chrome_tags[] = {
	"amp-sidebar", "aside", "marquee", "nav",
};
static const char *const page_chrome_roles[] = {
	"complementary", "marquee", "navigation",
};

/*
 * Path segments that name a listing of a site's articles (WordPress,
 * Drupal and most hand-made CMSs), never one article.
 */
static const char *const page_listing_segments[] = {
	"author", "authors", "categories", "category", "section", "sections",
	"tag", "tags", "taxonomy", "topic", "topics",
};

/*
 * Path segments that name a site's services, never one article: a link
 * there is a call to act ("subscribe to our daily newsletter now"), however
 * long its text (sorted for bsearch). "login" also names "login.php" and
 * "subscribe-now".
 */
static const char *const page_service_segments[] = {
	"about", "account", "advertise", "app", "apps", "contact", "download",
	"live", "login", "newsletter", "newsletters", "privacy", "register",
	"signin", "signup", "subscribe", "subscription", "subscriptions",
};

/* The feed types a <link rel="alternate"> may advertise. */
static const char *const page_feed_types[] = {
	"application/rss+xml",
	"application/atom+xml",
	"application/rdf+xml",
};

/* CSS attribute operators and the XPath predicate each becomes. */
static const struct page_attrop {
	const char	*op;
	const char	*fmt;	/* attribute name, then quoted value */
} page_attrops[] = {
	{ "~=", "[contains(concat(' ',normalize-space(@%s),' '),"
	    "concat(' ',%s,' '))]" },
	{ "^=", "[starts-with(@%s,%s)]" },
	{ "*=", "[contains(@%s,%s)]" },
	{ "=", "[@%s=%s]" },
};

/* A selector being compiled: the cursor, the XPath so far, the first error. */
struct page_css {
	const char	*p;
	struct buf	 xp;
	char		*err;
	size_t		 errlen;
	int		 failed;
};

/*
 * This page's items by link (or, for one without, by title), so that
 * whether a link was given costs one probe, not a pass over every item:
 * a page of 2,000 links asked it 2,000 times. Items are only ever added
 * to out, so the index catches up with them when asked.
 */
struct page_index {
	size_t	*slot;		/* an item's index in out + 1; 0: empty */
	size_t	 cap;		/* slots, a power of two, or 0 */
	size_t	 n;		/* items indexed: from start, in order */
};

/* What one page yields; start is this page's first item in out. */
struct page_state {
	struct item_list	*out;
	size_t			 start;
	char			*base;		/* absolute base URL, or NULL */
	const char		*url;		/* the page's own URL, or NULL */
	char			*canonical;	/* its canonical URL, or NULL */
	const xmlNode		*art;		/* the last <article> read */
	const xmlNode		*art_main;	/* and its main link, or NULL */
	const xmlNode		*list;		/* the last list read */
	int			 list_news;	/* and whether it lists articles */
	const char		**rules;	/* per item found, or NULL */
	struct page_index	 seen;		/* its items, by link */
	int64_t			 now;		/* when it was fetched, or
						   ITEM_NO_TIME */
	const xmlNode		*rank_box;	/* the last ranked list seen */
	int			 rank_side;	/* and whether it is aside */
	char			*res_href;	/* the last href resolved */
	char			*res_link;	/* and its link, or NULL */
	const xmlNode		*flat_list;	/* the last flat list dated */
	int			 flat_order;	/* and whether its dates
						   follow its titles (1),
						   lead them (-1) or it
						   does not tell (0) */
	unsigned char		*relative;	/* per item: dated only from
						   now ("2 hours ago") */
	size_t			 nrelative;
	int			 month_first;	/* its days in digits are
						   written 12/25/2026 */
	int			 zone;		/* its clock's seconds east of
						   UTC (page_site_zone) */
};

/* The rule names page_parse_rules reports. */
#define PAGE_RULE_SELECTOR	"selector"
#define PAGE_RULE_HEADING	"heading link"
#define PAGE_RULE_ARTICLE	"article link"
#define PAGE_RULE_LONG		"long link"
#define PAGE_RULE_IMAGE		"image link"
#define PAGE_RULE_TITLE		"title link"
#define PAGE_RULE_LIST		"list link"
#define PAGE_LIST_ARTICLES	3	/* links to articles that make a news list */
#define PAGE_RULE_JSONLD	"json-ld"
#define PAGE_RULE_APPDATA	"app data"
#define PAGE_RULE_POST		"post"

/* A page's JSON-LD blocks (schema.org), whatever the case of the type. */
static const char page_jsonld_xpath[] = "//script[contains(translate(@type,"
    "'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz'),"
    "'application/ld+json')]";

/*
 * The state a page's script framework left in it as JSON: Next.js's
 * __NEXT_DATA__, any <script type="application/json">, and a script that
 * only assigns an object to a window global (window.__INITIAL_STATE__ =
 * {...}), and the pieces of the payload Next.js's App Router pushes
 * (self.__next_f.push([1,"..."])). A listing's stories beyond its first
 * screen ("load more", infinite scroll) are there and in no link.
 */
static const char page_appdata_xpath[] = "//script[not(@src)][@id="
    "'__NEXT_DATA__' or contains(translate(@type,'ABCDEFGHIJKLMNOPQRSTUVWXYZ',"
    "'abcdefghijklmnopqrstuvwxyz'),'application/json') or "
    "starts-with(normalize-space(.),'window.') or "
    "contains(.,'__next_f.push([1,')]";

/* Elements whose text is never an article's (sorted for bsearch). */
static const char *const page_not_article[] = {
	"aside", "button", "footer", "form", "header", "iframe", "nav",
	"noscript", "script", "select", "style", "textarea",
};

/* ------------------------------------------------------------------ */
/* CSS subset -> XPath                                                 */

/* Record the first compile error, pointing at where it happened. */
static int
page_css_fail(struct page_css *c, const char *what)
{
	if (!c->failed)
		snprintf(c->err, c->errlen, "selector: %s at \"%.20s\"", what,
		    *c->p != '\0' ? c->p : "(end)");
	c->failed = 1;
	return -1;
}

/* Whether a byte can be part of a CSS name (non-ASCII included). */
static int
page_css_namechar(unsigned char ch)
{
	return isalnum(ch) || ch == '-' || ch == '_' || ch >= 0x80;
}

/* Read a name into dst (lower-cased if asked); -1 if there is none. */
static int
page_css_name(struct page_css *c, char *dst, size_t dstlen, int lower)
{
	size_t	 n = 0;

	while (page_css_namechar((unsigned char)c->p[n])) {
		if (n + 1 >= dstlen)
			return page_css_fail(c, "name too long");
		dst[n] = c->p[n];
		if (lower)
			dst[n] = (char)tolower((unsigned char)dst[n]);
		n++;
	}
	if (n == 0)
		return page_css_fail(c, "expected a name");
	dst[n] = '\0';
	c->p += n;
	return 0;
}

/* Skip white space; true if any was skipped. */
static int
page_css_ws(struct page_css *c)
{
	const char	*s = c->p;

	while (isspace((unsigned char)*c->p))
		c->p++;
	return c->p != s;
}

/*
 * An attribute value, quoted or a bare name, as an XPath string literal:
 * CSS strings here have no escapes, so the CSS quote mark quotes it again.
 */
static int
page_css_value(struct page_css *c, char *dst, size_t dstlen)
{
	const char	*end;
	char		 q = '\0';
	size_t		 n;

	if (*c->p == '"' || *c->p == '\'') {
		q = *c->p++;
		if ((end = strchr(c->p, q)) == NULL)
			return page_css_fail(c, "unterminated string");
	} else
		for (end = c->p; page_css_namechar((unsigned char)*end); end++)
			;
	if ((n = (size_t)(end - c->p)) + 3 > dstlen)
		return page_css_fail(c, "value too long");
	if (n == 0 && q == '\0')
		return page_css_fail(c, "expected a value");
	snprintf(dst, dstlen, "%c%.*s%c", q ? q : '\'', (int)n, c->p,
	    q ? q : '\'');
	c->p = q ? end + 1 : end;
	return 0;
}

/* [attr] or [attr OP value]. */
static int
page_css_attr(struct page_css *c)
{
	char	 name[128], val[260];
	size_t	 i, n;

	c->p++;
	page_css_ws(c);
	if (page_css_name(c, name, sizeof(name), 1) == -1)
		return -1;
	page_css_ws(c);
	for (i = 0; i < nitems(page_attrops); i++) {
		n = strlen(page_attrops[i].op);
		if (strncmp(c->p, page_attrops[i].op, n) != 0)
			continue;
		c->p += n;
		page_css_ws(c);
		if (page_css_value(c, val, sizeof(val)) == -1)
			return -1;
		page_css_ws(c);
		if (*c->p != ']')
			return page_css_fail(c, "expected ]");
		c->p++;
		buf_printf(&c->xp, page_attrops[i].fmt, name, val);
		return 0;
	}
	if (*c->p != ']')
		return page_css_fail(c, "expected ] or an operator");
	c->p++;
	buf_printf(&c->xp, "[@%s]", name);
	return 0;
}

/* The .class, #id and [attr] parts that follow a compound's type. */
static int
page_css_preds(struct page_css *c)
{
	char	 name[128], kind;

	for (;;) {
		if (*c->p == '[') {
			if (page_css_attr(c) == -1)
				return -1;
			continue;
		}
		if (*c->p != '.' && *c->p != '#')
			return 0;
		kind = *c->p++;
		if (page_css_name(c, name, sizeof(name), 0) == -1)
			return -1;
		if (kind == '#')
			buf_printf(&c->xp, "[@id='%s']", name);
		else
			buf_printf(&c->xp, "[contains(concat(' ',"
			    "normalize-space(@class),' '),' %s ')]", name);
	}
}

/* One compound selector (type, then classes, ids, attributes) after axis. */
static int
page_css_compound(struct page_css *c, const char *axis)
{
	char	 name[64];

	buf_puts(&c->xp, axis);
	if (*c->p == '*') {
		c->p++;
		buf_putc(&c->xp, '*');
	} else if (page_css_namechar((unsigned char)*c->p)) {
		if (page_css_name(c, name, sizeof(name), 1) == -1)
			return -1;
		buf_puts(&c->xp, name);
	} else if (*c->p == '.' || *c->p == '#' || *c->p == '[')
		buf_putc(&c->xp, '*');
	else
		return page_css_fail(c, "expected a selector");
	return page_css_preds(c);
}

/* A complex selector: compounds joined by descendant or child combinators. */
static int
page_css_complex(struct page_css *c)
{
	const char	*axis;
	int		 ws;

	page_css_ws(c);
	if (page_css_compound(c, "//") == -1)
		return -1;
	for (;;) {
		ws = page_css_ws(c);
		if (*c->p == '>') {
			c->p++;
			page_css_ws(c);
			axis = "/";
		} else if (ws && *c->p != ',' && *c->p != '\0')
			axis = "//";
		else
			return 0;
		if (page_css_compound(c, axis) == -1)
			return -1;
	}
}

/* A selector list; each member becomes one branch of an XPath union. */
static int
page_css_list(struct page_css *c)
{
	for (;;) {
		if (page_css_complex(c) == -1)
			return -1;
		if (*c->p == '\0')
			return 0;
		if (*c->p != ',')
			return page_css_fail(c, "unsupported syntax");
		c->p++;
		buf_puts(&c->xp, " | ");
	}
}

/* The XPath for a selector (xpath: taken as is); NULL with err on error. */
static char *
page_selector_xpath(const char *sel, char *err, size_t errlen)
{
	struct page_css	 c = { .err = err, .errlen = errlen };

	while (isspace((unsigned char)*sel))
		sel++;
	if (strncmp(sel, PAGE_XPATH_PREFIX, strlen(PAGE_XPATH_PREFIX)) == 0) {
		sel += strlen(PAGE_XPATH_PREFIX);
		while (isspace((unsigned char)*sel))
			sel++;
		if (*sel == '\0') {
			snprintf(err, errlen, "selector: empty XPath");
			return NULL;
		}
		return xstrdup(sel);
	}
	c.p = sel;
	if (*c.p == '\0') {
		snprintf(err, errlen, "selector: empty");
		return NULL;
	}
	if (page_css_list(&c) == -1) {
		buf_free(&c.xp);
		return NULL;
	}
	return buf_steal(&c.xp);
}

/* A compiled XPath for a selector, or NULL with a message in err. */
static xmlXPathCompExprPtr
page_selector_compile(const char *sel, char *err, size_t errlen)
{
	xmlXPathCompExprPtr	 comp;
	char			*x;

	if ((x = page_selector_xpath(sel, err, errlen)) == NULL)
		return NULL;
	if ((comp = xmlXPathCompile((const xmlChar *)x)) == NULL)
		snprintf(err, errlen, "selector: not a valid XPath: %.80s", x);
	free(x);
	return comp;
}

/* Compile a selector and throw it away: syntax check only. */
int
page_selector_check(const char *selector, char *err, size_t errlen)
{
	xmlXPathCompExprPtr	 comp;

	if (selector == NULL) {
		snprintf(err, errlen, "selector: empty");
		return -1;
	}
	if ((comp = page_selector_compile(selector, err, errlen)) == NULL)
		return -1;
	xmlXPathFreeCompExpr(comp);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Nesting                                                             */

/*
 * libxml2's HTML parser stops at 256 open elements (xmlParserMaxDepth) and
 * drops the rest of the page: a template that leaves a <div> open per
 * story hides every story past the limit. HTML_PARSE_HUGE is no way out:
 * on 2.9 it lifts the limit altogether (a tree a million deep for every
 * walk over it), on 2.14+ only to 2048. So before parsing, tags nested
 * deeper than PAGE_FLAT_DEPTH are read flat: past it, a start tag that
 * only wraps (html_is_wrapper) is left out with its end tag; past
 * PAGE_FLAT_MAX every start tag is. The text stays; the tree stays well
 * under the parser's limit, with room for the elements it adds itself and
 * for what the pre-pass does not model (an end tag that closes more than
 * PAGE_FLAT_SEARCH elements).
 */
#define PAGE_FLAT_DEPTH		128	/* levels read as written */
#define PAGE_FLAT_MAX		192	/* levels read at all */
#define PAGE_FLAT_SEARCH	64	/* open elements an end tag may close */
#define PAGE_FLAT_OPEN		4096	/* runs of open elements told apart */

/*
 * Elements open in the pre-pass: where their name is in the input, and
 * how many of them are open in a row when their start tags were left out.
 * Past PAGE_FLAT_OPEN runs, the left-out ones are one run of any name
 * (len 0), which any end tag closes.
 */
struct page_open {
	uint32_t	 off;
	uint32_t	 count;
	uint8_t		 len;
	uint8_t		 dropped;	/* its start tag was left out */
};

/* The pre-pass over a page's bytes. */
struct page_flat {
	const char		*in;
	size_t			 len;
	size_t			 copied;	/* input up to here is in out */
	int			 edited;	/* out holds the page read flat */
	struct buf		 out;
	struct page_open	 open[PAGE_FLAT_OPEN + 2 * PAGE_FLAT_MAX + 2];
	size_t			 nopen;
	size_t			 kept;		/* open and not left out */
};

/* The name of the open element i. */
static const char *
page_flat_open_name(const struct page_flat *f, size_t i, size_t *n)
{
	*n = f->open[i].len;
	return f->in + f->open[i].off;
}

/* Whether a start tag named s closes the innermost open element. */
static int
page_flat_implies_end(const struct page_flat *f, const char *s, size_t n)
{
	const char	*top;
	size_t		 tn;

	if (f->nopen == 0)
		return 0;
	top = page_flat_open_name(f, f->nopen - 1, &tn);
	return html_start_closes(s, n, top, tn);
}

/* Put the input up to from in out, and go on from to (a tag left out). */
static void
page_flat_skip(struct page_flat *f, size_t from, size_t to)
{
	f->edited = 1;
	buf_append(&f->out, f->in + f->copied, from - f->copied);
	f->copied = to;
}

/* Close the innermost open element. */
static void
page_flat_pop(struct page_flat *f)
{
	if (f->open[f->nopen - 1].dropped) {
		if (--f->open[f->nopen - 1].count == 0)
			f->nopen--;
		return;
	}
	f->nopen--;
	f->kept--;
}

/* Whether a start tag named s, at the depth reached, is left out. */
static int
page_flat_drops(const struct page_flat *f, const char *s, size_t n)
{
	if (f->kept < PAGE_FLAT_DEPTH)
		return 0;
	if (f->kept >= PAGE_FLAT_MAX)
		return 1;
	return html_is_wrapper(s, n);
}

/* Whether the innermost open elements are left-out ones named s. */
static int
page_flat_same_run(const struct page_flat *f, const char *s, size_t n)
{
	const struct page_open	*top;

	if (f->nopen == 0)
		return 0;
	top = &f->open[f->nopen - 1];
	if (!top->dropped || top->count == UINT32_MAX)
		return 0;
	return top->len == 0 || (top->len == n &&
	    strncasecmp(f->in + top->off, s, n) == 0);
}

/* A start tag <s...> spanning [at, end): open it, or leave it out. */
static void
page_flat_start(struct page_flat *f, const char *s, size_t n, size_t at,
    size_t end)
{
	int	 drop;
	size_t	 i;

	for (i = 0; i < 3 && page_flat_implies_end(f, s, n); i++)
		page_flat_pop(f);
	if (n > UINT8_MAX)
		n = UINT8_MAX;
	drop = page_flat_drops(f, s, n);
	if (drop)
		page_flat_skip(f, at, end);
	if (drop && page_flat_same_run(f, s, n)) {
		f->open[f->nopen - 1].count++;
		return;
	}
	f->open[f->nopen].off = (uint32_t)(s - f->in);
	f->open[f->nopen].count = 1;
	f->open[f->nopen].len = (uint8_t)(drop && f->nopen >= PAGE_FLAT_OPEN ?
	    0 : n);
	f->open[f->nopen++].dropped = (uint8_t)drop;
	if (!drop)
		f->kept++;
}

/*
 * An end tag </s> spanning [at, end): close what it closes. The end of an
 * element left out is left out too, after ending those kept inside it.
 */
static void
page_flat_end(struct page_flat *f, const char *s, size_t n, size_t at,
    size_t end)
{
	const char	*name;
	size_t		 i, nn, found;

	if (n > UINT8_MAX)
		n = UINT8_MAX;
	for (i = 0; i < f->nopen && i < PAGE_FLAT_SEARCH; i++) {
		name = page_flat_open_name(f, f->nopen - 1 - i, &nn);
		if (nn == 0 || (nn == n && strncasecmp(name, s, n) == 0))
			break;
	}
	if (i == f->nopen || i == PAGE_FLAT_SEARCH)
		return;
	found = f->nopen - 1 - i;
	if (!f->open[found].dropped) {
		while (f->nopen > found)
			page_flat_pop(f);
		return;
	}
	page_flat_skip(f, at, end);
	while (f->nopen > found + 1) {
		if (!f->open[f->nopen - 1].dropped) {
			name = page_flat_open_name(f, f->nopen - 1, &nn);
			buf_printf(&f->out, "</%.*s>", (int)nn, name);
		}
		page_flat_pop(f);
	}
	page_flat_pop(f);
}

/* Where the first "pat" (lower case) at or after pos starts, or len. */
static size_t
page_flat_find(const struct page_flat *f, size_t pos, const char *pat)
{
	size_t		 pn = strlen(pat);
	const char	*p;

	while (pos + pn <= f->len) {
		p = memchr(f->in + pos, pat[0], f->len - pos - pn + 1);
		if (p == NULL)
			break;
		pos = (size_t)(p - f->in);
		if (strncasecmp(p, pat, pn) == 0)
			return pos;
		pos++;
	}
	return f->len;
}

/* Where a tag's name that starts at pos ends. */
static size_t
page_flat_name_end(const struct page_flat *f, size_t pos)
{
	while (pos < f->len && (isalnum((unsigned char)f->in[pos]) ||
	    (f->in[pos] != '\0' && strchr(":-_.", f->in[pos]) != NULL)))
		pos++;
	return pos;
}

/*
 * Just past the '>' that ends the tag whose attributes start at pos (a
 * quoted value may hold '>'), or len; *empty when it ends "/>".
 */
static size_t
page_flat_tag_end(const struct page_flat *f, size_t pos, int *empty)
{
	const char	*q;
	char		 c;

	for (; pos < f->len; pos++) {
		c = f->in[pos];
		if (c == '>') {
			*empty = f->in[pos - 1] == '/';
			return pos + 1;
		}
		if (c != '=')
			continue;
		while (pos + 1 < f->len && isspace((unsigned char)f->in[pos + 1]))
			pos++;
		if (pos + 1 < f->len && (f->in[pos + 1] == '"' ||
		    f->in[pos + 1] == '\'')) {
			q = memchr(f->in + pos + 2, f->in[pos + 1],
			    f->len - pos - 2);
			if (q == NULL)
				return f->len;
			pos = (size_t)(q - f->in);
		}
	}
	return f->len;
}

/* The tag at pos ('<' and a letter, or "</" and one); where to go on. */
static size_t
page_flat_tag(struct page_flat *f, size_t pos)
{
	size_t		 at = pos, name, name_end, end;
	const char	*s;
	char		 raw[16];
	int		 close = f->in[pos + 1] == '/', empty = 0;

	name = pos + 1 + (size_t)close;
	name_end = page_flat_name_end(f, name);
	end = page_flat_tag_end(f, name_end, &empty);
	s = f->in + name;
	if (close) {
		page_flat_end(f, s, name_end - name, at, end);
		return end;
	}
	if (empty || html_is_void(s, name_end - name))
		return end;
	if (html_is_raw(s, name_end - name)) {
		snprintf(raw, sizeof(raw), "</%.*s", (int)(name_end - name), s);
		return page_flat_find(f, end, raw);
	}
	page_flat_start(f, s, name_end - name, at, end);
	return end;
}

/* Walk the page's markup from one '<' to the next. */
static void
page_flat_walk(struct page_flat *f)
{
	const char	*p;
	size_t		 pos = 0;

	while (pos + 1 < f->len) {
		if ((p = memchr(f->in + pos, '<', f->len - pos - 1)) == NULL)
			return;
		pos = (size_t)(p - f->in);
		if (f->len - pos >= 4 && memcmp(p, "<!--", 4) == 0)
			pos = page_flat_find(f, pos + 4, "-->");
		else if (p[1] == '!' || p[1] == '?')
			pos = page_flat_find(f, pos + 2, ">");
		else if (isalpha((unsigned char)p[1]) || (p[1] == '/' &&
		    pos + 2 < f->len && isalpha((unsigned char)p[2])))
			pos = page_flat_tag(f, pos);
		else
			pos++;
	}
}

/*
 * The page (UTF-8, len bytes: doc.c hands on a UTF-8 body as it came, with
 * no NUL after it) with its tags past PAGE_FLAT_DEPTH read
 * flat, in out (buf_free it); 0 and out untouched when it has none.
 */
static int
page_flatten(const char *data, size_t len, struct buf *out)
{
	struct page_flat	*f;
	int			 edited;

	f = xcalloc(1, sizeof(*f));
	f->in = data;
	f->len = len;
	page_flat_walk(f);
	if ((edited = f->edited))
		buf_append(&f->out, data + f->copied, len - f->copied);
	*out = f->out;
	free(f);
	return edited;
}

/* ------------------------------------------------------------------ */
/* Documents                                                           */

/* Whether a body holds only white space. */
static int
page_blank(const char *data, size_t len)
{
	size_t	 i;

	for (i = 0; i < len && isspace((unsigned char)data[i]); i++)
		;
	return i == len;
}

/* Parse a decoded page, read flat past PAGE_FLAT_DEPTH (noted in info). */
static htmlDocPtr
page_read_flat(const struct doc *d, const char *url, struct page_info *info)
{
	struct buf	 flat = { 0 };
	htmlDocPtr	 doc = NULL;

	if (!page_flatten(d->data, d->len, &flat))
		return htmlReadMemory(d->data, (int)d->len, url, "UTF-8",
		    PAGE_HTML_OPTS);
	if (info != NULL)
		info->nested = "nested deeper than " PAGE_STR(PAGE_FLAT_DEPTH)
		    " elements: the tags past that depth were read flat";
	if (flat.len <= INT_MAX)
		doc = htmlReadMemory(flat.data, (int)flat.len, url, "UTF-8",
		    PAGE_HTML_OPTS);
	buf_free(&flat);
	return doc;
}

/* Parse a page decoded to UTF-8 by doc.c, noting how in info; NULL with err. */
static htmlDocPtr
page_read(const char *data, size_t len, const char *url, const char *charset,
    struct page_info *info, char *err, size_t errlen)
{
	struct doc	 d = { 0 };
	htmlDocPtr	 doc;

	if (data == NULL || page_blank(data, len)) {
		snprintf(err, errlen, "empty body");
		return NULL;
	}
	if (len > INT_MAX) {
		snprintf(err, errlen, "page too large (%zu bytes)", len);
		return NULL;
	}
	if (doc_decode(&d, data, len, charset, DOC_HTML, err, errlen) == -1)
		return NULL;
	/* Nothing but a byte-order mark (and spaces) is empty too. */
	if (page_blank(d.data, d.len)) {
		doc_free(&d);
		snprintf(err, errlen, "empty body");
		return NULL;
	}
	if (info != NULL) {
		snprintf(info->encoding, sizeof(info->encoding), "%s",
		    d.encoding);
		info->encoding_from = doc_source_name(d.source);
	}
	doc = page_read_flat(&d, url, info);
	doc_free(&d);
	if (doc == NULL) {
		snprintf(err, errlen, "not an HTML page");
		return NULL;
	}
	/*
	 * Number the elements in document order, so that XPath puts a node
	 * set in order by those numbers: unnumbered, it compares two nodes by
	 * walking up to their common ancestor and along the siblings between
	 * them, and the tree of a tag soup of stray end tags has runs of
	 * thousands (tests/bench/soup.sh).
	 */
	xmlXPathOrderDocElems(doc);
	return doc;
}

/* The nodes an XPath selects; NULL (nothing allocated) if not a node set. */
static xmlXPathObjectPtr
page_select(htmlDocPtr doc, xmlXPathCompExprPtr comp)
{
	xmlXPathContextPtr	 ctx;
	xmlXPathObjectPtr	 obj;

	if ((ctx = xmlXPathNewContext(doc)) == NULL)
		log_fatalx("page: out of memory");
	obj = xmlXPathCompiledEval(comp, ctx);
	xmlXPathFreeContext(ctx);
	if (obj != NULL && obj->type != XPATH_NODESET) {
		xmlXPathFreeObject(obj);
		obj = NULL;
	}
	return obj;
}

/* An attribute's value, or NULL. Caller frees. */
static char *
page_attr(const xmlNode *n, const char *name)
{
	xmlChar	*v;
	char	*s;

	if ((v = xmlGetProp(n, (const xmlChar *)name)) == NULL)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

/* Whether a space-separated list (rel, class, itemprop) holds a token. */
static int
page_rel_has(const char *rel, const char *token)
{
	const char	*p = rel;
	size_t		 n, len = strlen(token);

	while (*p != '\0') {
		while (isspace((unsigned char)*p))
			p++;
		for (n = 0; p[n] != '\0' && !isspace((unsigned char)p[n]); n++)
			;
		if (n == len && strncasecmp(p, token, n) == 0)
			return 1;
		p += n;
	}
	return 0;
}

/* The href of the first element an XPath selects, made absolute; or NULL. */
static char *
page_href(htmlDocPtr doc, const char *xpath, const char *url)
{
	xmlXPathCompExprPtr	 comp;
	xmlXPathObjectPtr	 obj;
	char			*href, *u = NULL;

	comp = xmlXPathCompile((const xmlChar *)xpath);
	if (comp != NULL && (obj = page_select(doc, comp)) != NULL) {
		if (obj->nodesetval != NULL && obj->nodesetval->nodeNr > 0) {
			href = page_attr(obj->nodesetval->nodeTab[0], "href");
			u = doc_url_resolve(url, href);
			free(href);
		}
		xmlXPathFreeObject(obj);
	}
	xmlXPathFreeCompExpr(comp);
	return u;
}

/* The page's base: <base href> made absolute against the URL, else the URL. */
static char *
page_base(htmlDocPtr doc, const char *url)
{
	char	*base = page_href(doc, "//base[@href]", url);

	if (base == NULL && url != NULL)
		base = xstrdup(url);
	return base;
}

/* The text of the page's <title>, or NULL. */
static char *
page_title(htmlDocPtr doc)
{
	xmlXPathCompExprPtr	 comp;
	xmlXPathObjectPtr	 obj = NULL;
	struct buf		 b = { 0 };
	xmlNode			*n;
	char			*s = NULL;

	if ((comp = xmlXPathCompile((const xmlChar *)"//title[1]")) != NULL)
		obj = page_select(doc, comp);
	if (obj != NULL && obj->nodesetval != NULL &&
	    obj->nodesetval->nodeNr > 0) {
		for (n = obj->nodesetval->nodeTab[0]->children; n != NULL;
		    n = n->next)
			if (n->type == XML_TEXT_NODE && n->content != NULL)
				buf_puts(&b, (const char *)n->content);
		s = doc_text_clean(b.data, b.len);
	}
	buf_free(&b);
	xmlXPathFreeObject(obj);
	xmlXPathFreeCompExpr(comp);
	return s;
}

/* An XPath expression's value in lower case (ASCII). */
#define PAGE_LOWER(x)	"translate(" x ", 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', " \
	"'abcdefghijklmnopqrstuvwxyz')"

/*
 * What stands where a page's content should, by what gives it away; the
 * first that a page holds names it, and says what to do. Asked only of a
 * page that gave no item: a news page may hold a login box or a comment
 * form's CAPTCHA, and a headline may say "Wi-Fi" or "forbidden".
 */
#define PAGE_WALL_ASK	", instead of the content; look for a public feed " \
	"URL, or ask the site for one"
static const struct page_wall {
	const char	*xpath;
	const char	*what;
} page_walls[] = {
	{ "//*[contains(" PAGE_LOWER("@class") ", 'captcha') or "
	    "contains(" PAGE_LOWER("@id") ", 'captcha') or "
	    "contains(@class, 'cf-turnstile')] | "
	    "//script[contains(" PAGE_LOWER("@src") ", 'captcha') or "
	    "contains(@src, 'turnstile')] | "
	    "//iframe[contains(" PAGE_LOWER("@src") ", 'captcha')] | "
	    "//title[contains(" PAGE_LOWER(".") ", 'captcha')]",
	    "a CAPTCHA, which only a person in a browser can pass"
	    PAGE_WALL_ASK },
	{ "//title[contains(" PAGE_LOWER(".") ", 'just a moment') or "
	    "contains(" PAGE_LOWER(".") ", 'attention required') or "
	    "contains(" PAGE_LOWER(".") ", 'checking your browser') or "
	    "contains(" PAGE_LOWER(".") ", 'are you a robot') or "
	    "contains(" PAGE_LOWER(".") ", 'verify you are human') or "
	    "contains(" PAGE_LOWER(".") ", 'ddos-guard') or "
	    "contains(., 'не робот')]",
	    "an anti-bot check, which only a browser can pass" PAGE_WALL_ASK },
	/* A hotel's or airport's network answers for every site. */
	{ "//title[contains(" PAGE_LOWER(".") ", 'wi-fi') or "
	    "contains(" PAGE_LOWER(".") ", 'wifi') or "
	    "contains(" PAGE_LOWER(".") ", 'hotspot') or "
	    "contains(" PAGE_LOWER(".") ", 'captive portal') or "
	    "contains(" PAGE_LOWER(".") ", 'network login') or "
	    "contains(" PAGE_LOWER(".") ", 'sign in to network')]",
	    "a network's sign-in page (a captive portal, as a hotel's, an "
	    "airport's or an office's Wi-Fi shows until you accept its terms), "
	    "not the site; open an http:// page in a browser and sign in to "
	    "the network: raqib reads the source again at its next poll, and "
	    "what it stored is kept" },
	/* Akamai, Sucuri, Imperva: an error page sent as a success. */
	{ "//title[contains(" PAGE_LOWER(".") ", 'access denied') or "
	    "contains(" PAGE_LOWER(".") ", 'forbidden') or "
	    "contains(" PAGE_LOWER(".") ", 'request rejected') or "
	    "contains(" PAGE_LOWER(".") ", 'request blocked') or "
	    "contains(" PAGE_LOWER(".") ", 'you have been blocked') or "
	    "contains(., 'Доступ запрещ') or contains(., 'доступ запрещ') or "
	    "contains(., 'تم رفض الوصول') or contains(., 'الوصول مرفوض')]",
	    "a page saying access is denied (an error page sent as a success, "
	    "as a site or its firewall shows the readers it blocks), instead "
	    "of the content; open the url in a browser on this machine: if it "
	    "shows the feed there, the site blocks automated readers (ask it "
	    "to let raqib in), else this network's address is blocked" },
	{ "//script[contains(., 'document.cookie') and "
	    "(contains(., 'location') or contains(., 'reload'))]",
	    "a script that sets a cookie and reloads the page, a check only "
	    "a browser can pass" PAGE_WALL_ASK },
	{ "//input[" PAGE_LOWER("@type") " = 'password']",
	    "a login form: the content needs an account, which raqib does not "
	    "use" PAGE_WALL_ASK },
};
#undef PAGE_WALL_ASK

/* What stands where the page's content should, or NULL. */
static const char *
page_wall_of(htmlDocPtr doc)
{
	xmlXPathCompExprPtr	 comp;
	xmlXPathObjectPtr	 obj;
	size_t			 i;
	int			 found = 0;

	for (i = 0; i < nitems(page_walls) && !found; i++) {
		if ((comp = xmlXPathCompile((const xmlChar *)
		    page_walls[i].xpath)) == NULL)
			continue;
		if ((obj = page_select(doc, comp)) != NULL)
			found = obj->nodesetval != NULL &&
			    obj->nodesetval->nodeNr > 0;
		xmlXPathFreeObject(obj);
		xmlXPathFreeCompExpr(comp);
	}
	return found ? page_walls[i - 1].what : NULL;
}

/* Free what a page_info owns. */
void
page_info_free(struct page_info *info)
{
	free(info->title);
	info->title = NULL;
	info->wall = NULL;
	info->nested = NULL;
}

/* ------------------------------------------------------------------ */
/* Items                                                               */

/* Whether n is an element of this name. */
static int
page_is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    xmlStrcasecmp(n->name, (const xmlChar *)name) == 0;
}

/* Whether a node is an <a href>. */
static int
page_is_link(const xmlNode *n)
{
	return page_is(n, "a") && xmlHasProp(n, (const xmlChar *)"href") != NULL;
}

/* The first <a href> inside n, in document order. */
static const xmlNode *
page_first_link(const xmlNode *top)
{
	const xmlNode	*n = top->children;

	while (n != NULL && n != top) {
		if (page_is_link(n))
			return n;
		if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
			n = n->children;
			continue;
		}
		while (n != top && n->next == NULL)
			n = n->parent;
		if (n != top)
			n = n->next;
	}
	return NULL;
}

/* The link of a selected element: itself, a descendant, or an ancestor. */
static const xmlNode *
page_link_of(const xmlNode *n)
{
	const xmlNode	*a;

	if (page_is_link(n))
		return n;
	if ((a = page_first_link(n)) != NULL)
		return a;
	for (a = n->parent; a != NULL; a = a->parent)
		if (page_is_link(a))
			return a;
	return NULL;
}

/*
 * The length of a URL without its fragment, which names a place in the
 * document; a hash route ("#!/news/1", "#/news/1") names a document.
 */
static size_t
page_doc_len(const char *u)
{
	size_t	 n = strcspn(u, "#");

	if (u[n] == '#' && (u[n + 1] == '!' || u[n + 1] == '/'))
		return strlen(u);
	return n;
}

/* Whether two URLs name the same document, their fragments aside. */
static int
page_same_url(const char *a, const char *b)
{
	size_t	 n = page_doc_len(a);

	return n == page_doc_len(b) && strncmp(a, b, n) == 0;
}

/*
 * The slot's hash of an item's key: its link's document (a link to an
 * article's comments, #respond, is the article's), or its title.
 */
static size_t
page_key_hash(const char *link, const char *title)
{
	if (link != NULL)
		return hash_fnv_text(link, page_doc_len(link));
	return hash_fnv_text(title, strlen(title)) ^ 1;
}

/* Whether link names a place in this page itself (#post-123). */
static int
page_own_place(const struct page_state *ps, const char *link)
{
	size_t	 n = page_doc_len(link);

	return link[n] == '#' && link[n + 1] != '\0' &&
	    ((ps->url != NULL && page_same_url(link, ps->url)) ||
	    (ps->canonical != NULL && page_same_url(link, ps->canonical)));
}

/*
 * Whether an item has the key link (or, without one, title). A place in
 * this page is a key of its own: a live blog's entries (#post-123) are
 * items each, where a link to an article's #comments is the article's.
 */
static int
page_key_is(const struct page_state *ps, const struct item *it,
    const char *link, const char *title)
{
	if (link != NULL)
		return it->link != NULL && page_same_url(it->link, link) &&
		    (!page_own_place(ps, link) || strcmp(it->link, link) == 0);
	return it->link == NULL && strcmp(it->title, title) == 0;
}

/* Put item i of out in the index, whose slots have room. */
static void
page_index_put(struct page_index *ix, const struct item *it, size_t i)
{
	size_t	 h = page_key_hash(it->link, it->title) & (ix->cap - 1);

	while (ix->slot[h] != 0)
		h = (h + 1) & (ix->cap - 1);
	ix->slot[h] = i + 1;
}

/* Index the items added since the last look, growing to keep half free. */
static void
page_index_sync(struct page_state *ps)
{
	struct page_index	*ix = &ps->seen;
	size_t			 i, items = ps->out->n - ps->start;

	if (2 * items >= ix->cap) {
		free(ix->slot);
		ix->cap = ix->cap == 0 ? 64 : ix->cap;
		while (2 * items >= ix->cap)
			ix->cap *= 2;
		ix->slot = xcalloc(ix->cap, sizeof(*ix->slot));
		ix->n = 0;
	}
	for (i = ps->start + ix->n; i < ps->out->n; i++)
		if (ps->out->v[i].link != NULL || ps->out->v[i].title != NULL)
			page_index_put(ix, &ps->out->v[i], i);
	ix->n = items;
}

/* The item this page gave with this link (or, with none, title), or NULL. */
static struct item *
page_index_get(struct page_state *ps, const char *link, const char *title)
{
	struct page_index	*ix = &ps->seen;
	size_t			 h;

	if (link == NULL && title == NULL)
		return NULL;
	page_index_sync(ps);
	h = page_key_hash(link, title) & (ix->cap - 1);
	for (; ix->slot[h] != 0; h = (h + 1) & (ix->cap - 1))
		if (page_key_is(ps, &ps->out->v[ix->slot[h] - 1], link, title))
			return &ps->out->v[ix->slot[h] - 1];
	return NULL;
}

/* Whether this page already gave an item with this link (or title). */
static int
page_seen(struct page_state *ps, const char *link, const char *title)
{
	return page_index_get(ps, link, title) != NULL;
}

/* The item this page gave with a link, or NULL. */
static struct item *
page_item_of(struct page_state *ps, const char *link)
{
	return page_index_get(ps, link, NULL);
}

/* Visit a node on the way down; true if its children are to be walked. */
static int
page_text_enter(struct buf *b, const xmlNode *n)
{
	switch (n->type) {
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
		if (n->content != NULL)
			buf_puts(b, (const char *)n->content);
		return 0;
	case XML_ELEMENT_NODE:
		switch (html_tag_kind((const char *)n->name)) {
		case HTML_SKIP:
			return 0;
		case HTML_BLOCK:
			buf_putc(b, ' ');
			return 1;
		default:
			return 1;
		}
	default:
		return 0;
	}
}

/* Leave a node on the way up: a block element ends a word. */
static void
page_text_leave(struct buf *b, const xmlNode *n)
{
	if (n->type == XML_ELEMENT_NODE &&
	    html_tag_kind((const char *)n->name) == HTML_BLOCK)
		buf_putc(b, ' ');
}

/*
 * Append the plain text inside an element, unfolded: script and the like
 * skipped, blocks bounded by spaces, links' text too unless links is 0.
 * Iterative, so a deeply nested page cannot exhaust the stack.
 */
static void
page_node_text_links(struct buf *b, const xmlNode *top, int links)
{
	const xmlNode	*n = top->children;

	while (n != NULL) {
		if ((links || !page_is_link(n)) && page_text_enter(b, n) &&
		    n->children != NULL) {
			n = n->children;
			continue;
		}
		page_text_leave(b, n);
		while (n->next == NULL && n->parent != top) {
			n = n->parent;
			page_text_leave(b, n);
		}
		n = n->next;
	}
}

/* Append the plain text inside an element, its links' too. */
static void
page_node_text(struct buf *b, const xmlNode *top)
{
	page_node_text_links(b, top, 1);
}

/*
 * The folded text of an element, its links' too unless links is 0; NULL
 * if it has none.
 */
static char *
page_text_links(const xmlNode *n, int links)
{
	struct buf	 b = { 0 };
	char		*s;

	page_node_text_links(&b, n, links);
	s = doc_text_clean(b.data, b.len);
	buf_free(&b);
	return s;
}

/* The folded text of an element; NULL if it has none. */
static char *
page_text(const xmlNode *n)
{
	return page_text_links(n, 1);
}

/* The length of an element's folded text, in bytes. */
static size_t
page_text_len(const xmlNode *n)
{
	char	*s = page_text(n);
	size_t	 len = s != NULL ? strlen(s) : 0;

	free(s);
	return len;
}

/* Whether n is a heading (h1-h4). */
static int
page_is_heading(const xmlNode *n)
{
	static const char *const h[] = { "h1", "h2", "h3", "h4" };
	size_t			 i;

	for (i = 0; i < nitems(h); i++)
		if (page_is(n, h[i]))
			return 1;
	return 0;
}

/* Whether n is inside a heading (h1-h4), up to the document. */
static int
page_in_heading(const xmlNode *n)
{
	for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent)
		if (page_is_heading(n))
			return 1;
	return 0;
}

/* Remember the rule that found the item just added, when asked to. */
static void
page_note_rule(struct page_state *ps, const char *rule)
{
	size_t	 i = ps->out->n - ps->start - 1;

	if (ps->rules == NULL)
		return;
	ps->rules = xreallocarray(ps->rules, i + 1, sizeof(*ps->rules));
	ps->rules[i] = rule;
}

/* The node after n in document order within top; skip: not into n. */
static const xmlNode *
page_next(const xmlNode *n, const xmlNode *top, int skip)
{
	if (!skip && n->children != NULL)
		return n->children;
	while (n != top && n->next == NULL)
		n = n->parent;
	return n == top ? NULL : n->next;
}

/*
 * The heading a link holds (a card: picture, label, heading and date in
 * one link), the longest when there are several; NULL if none.
 */
static const xmlNode *
page_held_heading(const xmlNode *a)
{
	const xmlNode	*n, *best = NULL;
	size_t		 len, max = 0, seen = 0;

	for (n = a->children; n != NULL && seen < PAGE_BOX_NODES;
	    n = page_next(n, a, page_is_heading(n)), seen++)
		if (page_is_heading(n) && (len = page_text_len(n)) > max) {
			max = len;
			best = n;
		}
	return best;
}

/* Whether a link is a heading's or holds one. */
static int
page_is_heading_link(const xmlNode *a)
{
	return page_in_heading(a) || page_held_heading(a) != NULL;
}

/*
 * The element that holds one item's parts: n itself or its nearest
 * <article> or <li>, a few levels up at most. NULL when there is none.
 */
static const xmlNode *
page_item_box(const xmlNode *n)
{
	int	 up;

	for (up = 0; n != NULL && up <= PAGE_BOX_UP; n = n->parent, up++)
		if (page_is(n, "article") || page_is(n, "li"))
			return n;
	return NULL;
}

/* The number of words in a folded text. */
static size_t
page_words(const char *s)
{
	size_t	 n = 0;

	while (*s != '\0') {
		n++;
		s += strcspn(s, " ");
		s += strspn(s, " ");
	}
	return n;
}

/* The number of words of an element's text. */
static size_t
page_words_of(const xmlNode *n)
{
	char	*text;
	size_t	 words;

	if ((text = page_text(n)) == NULL)
		return 0;
	words = page_words(text);
	free(text);
	return words;
}

static char	*page_image_title(const xmlNode *);

/*
 * Whether a link names a story: a heading link, a headline-long one, or a
 * picture's link titled only by its alt text or label (a lazy-loaded
 * card's).
 */
static int
page_names_story(const xmlNode *a)
{
	size_t	 words;
	char	*title;

	if (page_is_heading_link(a))
		return 1;
	if ((words = page_words_of(a)) >= PAGE_HEADLINE_WORDS)
		return 1;
	if (words > 0 || (title = page_image_title(a)) == NULL)
		return 0;
	free(title);
	return 1;
}

/* Whether n is a link naming a story other than href's. */
static int
page_links_other_story(const xmlNode *n, const char *href)
{
	char	*h;
	int	 other;

	if (!page_is_link(n) || !page_names_story(n))
		return 0;
	h = page_attr(n, "href");
	other = h == NULL || strcmp(h, href) != 0;
	free(h);
	return other;
}

/*
 * Whether the nodes under top, but for those under done (the box below,
 * read already), hold a link to a story other than href's
 * (page_names_story; an item's picture and "read more" share its href).
 * *seen counts the nodes under top, done's with them; a box of more than
 * PAGE_BOX_NODES is taken to.
 */
static int
page_holds_other_story(const xmlNode *top, const xmlNode *done,
    const char *href, size_t *seen)
{
	const xmlNode	*n;

	for (n = top->children; n != NULL; n = page_next(n, top, n == done)) {
		if (++*seen > PAGE_BOX_NODES)
			return 1;
		if (n != done && page_links_other_story(n, href))
			return 1;
	}
	return 0;
}

/* Whether n is a part of the page's layout rather than of one item. */
static int
page_is_layout(const xmlNode *n)
{
	static const char *const names[] = {
		"aside", "body", "footer", "form", "header", "html", "main",
		"nav", "section",
	};
	size_t	 i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (page_is(n, names[i]))
			return 1;
	return 0;
}

/*
 * The <div>s that hold one item's parts where no <article> or <li> does
 * (a Joomla blog item, a Drupal views-row): the largest ancestor of the
 * link, a few levels up, below the page's layout, that holds no other
 * story's link. Each level reads only what the one below did not hold.
 */
static const xmlNode *
page_item_divs(const xmlNode *a)
{
	const xmlNode	*box = a, *n;
	char		*href;
	size_t		 seen = 0;
	int		 up;

	if ((href = page_attr(a, "href")) == NULL)
		return a;
	for (n = a->children; n != NULL && seen <= PAGE_BOX_NODES;
	    n = page_next(n, a, 0))
		seen++;
	for (n = a->parent, up = 0; n != NULL && n->type == XML_ELEMENT_NODE &&
	    up < PAGE_BOX_UP && !page_is_layout(n) &&
	    !page_holds_other_story(n, box, href, &seen); n = n->parent, up++)
		box = n;
	free(href);
	return box;
}

/*
 * Whether n is an element that holds only text, beside empty elements (an
 * icon: <i class="icon-clock"></i>) and comments.
 */
static int
page_is_text_leaf(const xmlNode *n)
{
	const xmlNode	*c;

	if (n->type != XML_ELEMENT_NODE || n->children == NULL)
		return 0;
	for (c = n->children; c != NULL; c = c->next)
		if (c->type != XML_TEXT_NODE && c->type != XML_COMMENT_NODE &&
		    (c->type != XML_ELEMENT_NODE || c->children != NULL))
			return 0;
	return 1;
}

#define PAGE_ORDER_NODES	100000	/* nodes read for a page's day order */
#define PAGE_RECENT_DAYS	31	/* a listing's dates that vote on it */

/*
 * How the dates on a page vote on the order of a day in digits' parts: a
 * date whose parts say which is sure; one whose parts do not (07/12/2026)
 * votes for the order that reads it nearer before now, the fetch.
 */
struct page_order_votes {
	int64_t	 now;		/* or ITEM_NO_TIME: no recency votes */
	int	 sure;		/* > 0 day first, < 0 month first */
	int	 recent;	/* the same, by recency */
};

/*
 * Whether a date read from a page, t, is a recent one of a listing fetched
 * at now: not more than a day ahead of it, nor a month behind (an
 * archive's dates are old either way round, and vote neither way).
 */
static int
page_date_recent(int64_t t, int64_t now)
{
	return t != ITEM_NO_TIME && t <= now + 86400 &&
	    t >= now - PAGE_RECENT_DAYS * 86400;
}

/*
 * The recency vote of a day in digits, date, whose parts do not say their
 * order: 1 when read day first it is nearer before now than read month
 * first, -1 when month first is, 0 when they tie. A listing shows what
 * happened lately: on December 7th, 07/12/2026 is that day's, not July's,
 * and 12/06/2026 is the day before's, not June's.
 */
static int
page_recent_order(const char *date, int64_t now)
{
	int64_t	 dm = feed_date_text_page(date, 0, ITEM_NO_TIME, 0);
	int64_t	 md = feed_date_text_page(date, 1, ITEM_NO_TIME, 0);
	int	 dm_ok = page_date_recent(dm, now), md_ok = page_date_recent(md, now);

	if (dm_ok != md_ok)
		return dm_ok ? 1 : -1;
	if (!dm_ok || dm == md)
		return 0;
	return dm > md ? 1 : -1;
}

/*
 * Count the vote of a day in digits at s, the start of a number, when it
 * is one (d/m/yyyy or d-m-yyyy, ASCII digits, the day 31 at most): sure
 * when its first part can only be the day (25/12/2026) or its second can
 * only be (12/25/2026), by recency when either may be; where to read on in
 * *end.
 */
static void
page_digit_order(const char *s, const char **end, struct page_order_votes *v)
{
	const char	*start = s;
	char		*p, date[sizeof("31/12/2026")];
	long		 a, b;
	char		 sep;

	*end = s + strspn(s, "0123456789");
	if ((a = strtol(s, &p, 10)) < 1 || a > 31 || p - s > 2 ||
	    (*p != '/' && *p != '-'))
		return;
	sep = *p++;
	s = p;
	if (!isdigit((unsigned char)*s) || (b = strtol(s, &p, 10)) < 1 ||
	    b > 31 || p - s > 2 || *p != sep ||
	    strspn(p + 1, "0123456789") != 4)
		return;
	*end = p + 5;
	if (a > 12 || b > 12) {
		v->sure += (a > 12 && b <= 12) - (b > 12 && a <= 12);
		return;
	}
	if (v->now == ITEM_NO_TIME)
		return;
	memcpy(date, start, (size_t)(*end - start));
	date[*end - start] = '\0';
	v->recent += page_recent_order(date, v->now);
}

/*
 * Whether a page writes its days in digits month first (12/25/2026): as
 * the dates on it whose parts say which do, most of them; when none does,
 * as makes its dates recent, most of them, when the fetch's time is known;
 * else as its language does (English unqualified or US English: Drupal's
 * and WordPress's American defaults); day first otherwise, as the Arab
 * world, Russia and Europe write.
 */
static int
page_month_first(htmlDocPtr doc, int64_t now)
{
	const xmlNode		*root = xmlDocGetRootElement(doc), *n;
	struct page_order_votes	 v = { now, 0, 0 };
	const char		*t, *end;
	char			*lang;
	size_t			 seen = 0;
	int			 skip, first;

	if (root == NULL)
		return 0;
	for (n = root; n != NULL && seen < PAGE_ORDER_NODES;
	    n = page_next(n, root, skip), seen++) {
		skip = page_is(n, "script") || page_is(n, "style");
		if (n->type != XML_TEXT_NODE || n->content == NULL)
			continue;
		for (t = (const char *)n->content; (t = strpbrk(t,
		    "0123456789")) != NULL; t = end)
			page_digit_order(t, &end, &v);
	}
	if (v.sure != 0)
		return v.sure < 0;
	if (v.recent != 0)
		return v.recent < 0;
	if ((lang = page_attr(root, "lang")) == NULL)
		return 0;
	first = strcasecmp(lang, "en") == 0 || strcasecmp(lang, "en-us") == 0 ||
	    strcasecmp(lang, "en_us") == 0;
	free(lang);
	return first;
}

/*
 * The date a text says, when it is only a short date: one written out, or
 * one relative to now, when the page was fetched (then *relative is set),
 * on the site's clock: "Сегодня в 01:00" and "Вчера" are the site's
 * today and yesterday (page_site_zone), which are not UTC's near midnight.
 * A relative date's time is the site's wall time, as if it were UTC's; a
 * written one's is UTC's, read on the site's clock when it writes no zone.
 */
static int64_t
page_text_wall(const struct page_state *ps, const char *text, int *relative)
{
	int64_t	 when;

	if ((when = feed_date_text_page(text, ps->month_first, ps->now,
	    ps->zone)) == ITEM_NO_TIME && ps->now != ITEM_NO_TIME &&
	    (when = feed_date_relative(text, ps->now + ps->zone)) !=
	    ITEM_NO_TIME)
		*relative = 1;
	return when;
}

/* As page_text_wall, a relative date's time as UTC's. */
static int64_t
page_text_date(const struct page_state *ps, const char *text, int *relative)
{
	int64_t	 when;

	if ((when = page_text_wall(ps, text, relative)) != ITEM_NO_TIME &&
	    *relative)
		when -= ps->zone;
	return when;
}

/*
 * The separators of a meta line's parts ("بقلم: محمد علي | 6 ديسمبر
 * 2026", "Politics • 6 December 2026"): a bar, a bullet, a middle dot, an
 * em dash. Not a hyphen, which a date holds ("07/12/2026 - 10:15").
 */
static const char *const page_meta_seps[] = {
	"|", "\xE2\x80\xA2", "\xC2\xB7", "\xE2\x80\x94", "\xEF\xBD\x9C",
};

#define PAGE_META_LEADS	"|\xC2\xE2\xEF"	/* page_meta_seps' first bytes */
#define PAGE_META_DATE	64	/* bytes of a date feed_date_text reads */

/* The length of the separator text starts with, or 0. */
static size_t
page_meta_sep(const char *text)
{
	size_t	 i, n;

	for (i = 0; i < nitems(page_meta_seps); i++) {
		n = strlen(page_meta_seps[i]);
		if (strncmp(text, page_meta_seps[i], n) == 0)
			return n;
	}
	return 0;
}

/*
 * The first separator of a meta line at or after text, or NULL; its
 * length in *sep.
 */
static char *
page_meta_next(char *text, size_t *sep)
{
	char	*p;

	for (p = text, *sep = 0; (p = strpbrk(p, PAGE_META_LEADS)) != NULL &&
	    (*sep = page_meta_sep(p)) == 0; p++)
		;
	return p;
}

/*
 * The date of day, a meta line's part, with the time the next part gives
 * ("06 Dec 2026 | 10:15 GMT"), or when when the next is no time.
 */
static int64_t
page_parts_time(const struct page_state *ps, const char *day, char *next,
    int64_t when)
{
	char	 both[PAGE_META_DATE + 1];
	char	*end;
	size_t	 sep;
	int64_t	 t;

	next += strspn(next, " ");
	if ((end = page_meta_next(next, &sep)) == NULL)
		end = next + strlen(next);
	while (end > next && end[-1] == ' ')
		end--;
	if (end == next || (size_t)snprintf(both, sizeof(both), "%s %.*s",
	    day, (int)(end - next), next) >= sizeof(both))
		return when;
	return (t = feed_date_text_page(both, ps->month_first, ps->now,
	    ps->zone)) !=
	    ITEM_NO_TIME ? t : when;
}

/*
 * The date a part of a meta line says (page_text_date), the parts set off
 * by page_meta_seps: the first part that is one, with the next part's
 * time. text is cut in place.
 */
static int64_t
page_parts_date(const struct page_state *ps, char *text, int *relative)
{
	char	*part, *p, *end;
	size_t	 sep;
	int64_t	 when;

	for (part = text;; part = p + sep) {
		p = page_meta_next(part, &sep);
		if (p == NULL && part == text)
			return ITEM_NO_TIME;	/* one part: the whole text */
		if (p == NULL)
			p = part + strlen(part);
		part += strspn(part, " ");
		for (end = p; end > part && end[-1] == ' '; end--)
			;
		*end = '\0';
		if ((when = page_text_date(ps, part, relative)) !=
		    ITEM_NO_TIME && sep != 0 && !*relative)
			return page_parts_time(ps, part, p + sep, when);
		if (when != ITEM_NO_TIME || sep == 0)
			return when;
	}
}

/*
 * The date an element's text says, when it holds only a short date
 * (page_text_date) or a meta line with one in a part of its own
 * (page_parts_date); or a text's beside other elements (an author's link
 * and "| 6 ديسمبر 2026").
 */
static int64_t
page_leaf_date(const struct page_state *ps, const xmlNode *n, int *relative)
{
	char	*text;
	int64_t	 when;

	if (n->type == XML_TEXT_NODE && n->content != NULL &&
	    n->parent != NULL && !page_is_link(n->parent) &&
	    strpbrk((const char *)n->content, PAGE_META_LEADS) != NULL) {
		if ((text = doc_text_clean((const char *)n->content,
		    strlen((const char *)n->content))) == NULL)
			return ITEM_NO_TIME;
		when = page_parts_date(ps, text, relative);
		free(text);
		return when;
	}
	if (!page_is_text_leaf(n) || page_is_heading(n) ||
	    (text = page_text(n)) == NULL)
		return ITEM_NO_TIME;
	if ((when = page_text_date(ps, text, relative)) == ITEM_NO_TIME)
		when = page_parts_date(ps, text, relative);
	free(text);
	return when;
}

/*
 * The attributes a script's date sits in beside a story's link (a <span>
 * or <div> whose text is "منذ ساعتين", or empty until the script runs):
 * an ISO date or Unix seconds or milliseconds, read by feed_date_parse.
 */
static const char *const page_data_dates[] = {
	"data-date", "data-datetime", "data-time", "data-timestamp",
	"data-published", "data-pubdate",
};

/*
 * The first of page_data_dates that n has and that reads as a date, or
 * NULL (caller frees): data-time="90" is a video's length.
 */
static char *
page_data_date(const xmlNode *n)
{
	char	*v;
	size_t	 i;

	for (i = 0; i < nitems(page_data_dates); i++) {
		if ((v = page_attr(n, page_data_dates[i])) == NULL)
			continue;
		if (feed_date_parse(v) != ITEM_NO_TIME)
			return v;
		free(v);
	}
	return NULL;
}

/*
 * The date an element writes for machines, or NULL (caller frees): a <time
 * datetime>, microdata's itemprop="datePublished" (its content=, datetime=,
 * title= or text: Blogger, schema.org themes), hAtom's <abbr
 * class="published" title="...">, a script's data-date (page_data_dates).
 */
static char *
page_machine_date(const xmlNode *n)
{
	char	*v;
	int	 yes;

	if (n->type != XML_ELEMENT_NODE)
		return NULL;
	if (page_is(n, "time"))
		return page_attr(n, "datetime");
	if ((v = page_data_date(n)) != NULL)
		return v;
	if ((v = page_attr(n, "itemprop")) != NULL) {
		yes = page_rel_has(v, "datePublished");
		free(v);
		if (!yes)
			return NULL;
		if ((v = page_attr(n, "content")) == NULL &&
		    (v = page_attr(n, "datetime")) == NULL &&
		    (v = page_attr(n, "title")) == NULL)
			v = page_text(n);
		return v;
	}
	if (!page_is(n, "abbr") || (v = page_attr(n, "class")) == NULL)
		return NULL;
	yes = page_rel_has(v, "published");
	free(v);
	return yes ? page_attr(n, "title") : NULL;
}

/*
 * When the item was published, from the first machine date that reads in
 * its box (page_machine_date), else the first date written as a leaf's
 * text; the box is its <article> or <li>, or its <div>s, or the link itself
 * (a card's link wraps its date). Not when the box holds
 * more than one heading link: it is then a list, not one item, and its
 * first date is another item's.
 */
/*
 * The first machine date that reads under box from n on (page_machine_date),
 * else the first date written as a leaf's text (then *relative is set when
 * it is relative); ITEM_NO_TIME when there is none, or when box holds more
 * than one heading link: it is then a list, not one item, and its first
 * date is another item's. A machine date that names a day alone (<time
 * datetime="2026-12-06">منذ 3 ساعات</time>) gives way to a written date
 * within that day on the site's clock, which says its time.
 */
static int64_t
page_box_time(const struct page_state *ps, const xmlNode *box,
    const xmlNode *n, int *relative)
{
	char		*v;
	int64_t		 when = ITEM_NO_TIME, written = ITEM_NO_TIME;
	size_t		 seen = 0, headings = 0;
	int		 rel = 0, day = 0;

	for (; n != NULL && seen < PAGE_BOX_NODES; n = page_next(n, box, 0),
	    seen++) {
		if (when == ITEM_NO_TIME && (v = page_machine_date(n)) != NULL) {
			when = feed_date_day_on(v, ps->zone, &day);
			free(v);
		}
		if ((when == ITEM_NO_TIME || day) && written == ITEM_NO_TIME)
			written = page_leaf_date(ps, n, &rel);
		if (page_is_link(n) && page_is_heading_link(n) &&
		    ++headings > 1)
			return ITEM_NO_TIME;
	}
	if (when != ITEM_NO_TIME && (!day || written == ITEM_NO_TIME ||
	    written < when - ps->zone || written >= when - ps->zone + 86400))
		return when;
	*relative = rel;
	return written;
}


#define PAGE_DAY_UP		3	/* levels from an item to its day */
#define PAGE_DAY_SIBS		64	/* elements walked back at each level */
#define PAGE_FLAT_SIBS		4	/* elements read beside a flat item */
#define PAGE_FLAT_WALK		512	/* elements read to judge a flat list */

static const xmlNode	*page_prev_element(const xmlNode *);
static const xmlNode	*page_next_element(const xmlNode *);
static int64_t		 page_box_clock(const xmlNode *);
static int64_t		 page_url_day(const char *);

/* Whether n or a node under it links to a story other than href's. */
static int
page_names_other(const xmlNode *n, const char *href)
{
	size_t	 seen = 0;

	return page_links_other_story(n, href) ||
	    page_holds_other_story(n, NULL, href, &seen);
}

/*
 * The date the elements beside a flat item's box give (after it, or
 * before it when !after), up to the next story's: ITEM_NO_TIME when none
 * of the first PAGE_FLAT_SIBS does.
 */
static int64_t
page_flat_side(const struct page_state *ps, const xmlNode *box,
    const char *href, int after, int *rel)
{
	const xmlNode	*s = box;
	int64_t		 when;
	int		 steps;

	for (steps = 0; steps < PAGE_FLAT_SIBS; steps++) {
		s = after ? page_next_element(s) : page_prev_element(s);
		if (s == NULL || page_names_other(s, href))
			return ITEM_NO_TIME;
		if ((when = page_box_time(ps, s, s, rel)) != ITEM_NO_TIME)
			return when;
	}
	return ITEM_NO_TIME;
}

/*
 * The vote of a date at element date of a flat list, between the titles
 * at story and next (SIZE_MAX where there is none): 1 when it sits nearer
 * the one before, -1 nearer the one after, 0 when as near to both.
 */
static int
page_flat_vote(size_t story, size_t date, size_t next)
{
	size_t	 before, after;

	before = story == SIZE_MAX ? SIZE_MAX : date - story;
	after = next == SIZE_MAX ? SIZE_MAX : next - date;
	return (before < after) - (before > after);
}

/*
 * Which side of its titles a flat list (box's siblings) writes their dates
 * on, by votes: a date nearer the title before it than the one after it
 * (a lead between) is the one before's, and the reverse; a date before
 * the first title or after the last one can only be its neighbour's. 1
 * when after, -1 when before, 0 when the list does not tell. Judged once
 * per list, over its first PAGE_FLAT_WALK elements.
 */
static int
page_flat_order(struct page_state *ps, const xmlNode *box)
{
	const xmlNode	*s = box, *prev;
	size_t		 i, story = SIZE_MAX, date = SIZE_MAX;
	int		 votes = 0, rel = 0;

	if (box->parent == ps->flat_list)
		return ps->flat_order;
	while ((prev = page_prev_element(s)) != NULL)
		s = prev;
	for (i = 0; s != NULL && i < PAGE_FLAT_WALK;
	    s = page_next_element(s), i++) {
		if (page_names_other(s, "")) {
			if (date != SIZE_MAX)
				votes += page_flat_vote(story, date, i);
			story = i;
			date = SIZE_MAX;
		} else if (date == SIZE_MAX &&
		    page_box_time(ps, s, s, &rel) != ITEM_NO_TIME)
			date = i;
	}
	if (date != SIZE_MAX)
		votes += page_flat_vote(story, date, SIZE_MAX);
	ps->flat_list = box->parent;
	ps->flat_order = (votes > 0) - (votes < 0);
	return ps->flat_order;
}

/*
 * The date written beside a link's box (its <div>s: it has no <article> or
 * <li>) in a flat list (a title, then its date and lead, then the next
 * title): the one between it and the story after it, or the one between
 * it and the story before it, the list's order (page_flat_order) choosing
 * the side; a list that does not tell takes the one before when both are
 * there.
 */
static int64_t
page_flat_date(struct page_state *ps, const xmlNode *a, const xmlNode *box,
    int *relative)
{
	char		*href;
	int64_t		 after, before;
	int		 rel_after = 0, rel_before = 0, order;

	if ((href = page_attr(a, "href")) == NULL)
		return ITEM_NO_TIME;
	after = page_flat_side(ps, box, href, 1, &rel_after);
	before = page_flat_side(ps, box, href, 0, &rel_before);
	free(href);
	order = page_flat_order(ps, box);
	if (after != ITEM_NO_TIME && (order > 0 ||
	    (order == 0 && before == ITEM_NO_TIME))) {
		*relative = rel_after;
		return after;
	}
	if (order > 0)
		return ITEM_NO_TIME;
	*relative = rel_before;
	return before;
}

/*
 * When the item was published, from the dates in its box (page_box_time):
 * its <article> or <li>, or its <div>s, or the link itself (a card's link
 * wraps its date); for a link with no <article> or <li>, else from the
 * dates beside its box in a flat list (page_flat_date).
 */
static int64_t
page_item_time(struct page_state *ps, const xmlNode *n, int *relative)
{
	const xmlNode	*box;
	int64_t		 when;

	if ((box = page_item_box(n)) == NULL && !page_is_link(n))
		box = n;
	if (box != NULL)
		return page_box_time(ps, box, box->children, relative);
	box = page_item_divs(n);
	if ((when = page_box_time(ps, box, box->children, relative)) !=
	    ITEM_NO_TIME)
		return when;
	/* A row that writes its time of day alone is a лента's: its day is
	 * the one above it (page_day_time), not the next day's heading. */
	if (page_box_clock(n) >= 0)
		return ITEM_NO_TIME;
	return page_flat_date(ps, n, box, relative);
}

/*
 * Note whether a page's item was dated only from the fetch time: a date
 * its page's data gives (JSON-LD, app state) is then the more exact.
 */
static void
page_note_relative(struct page_state *ps, const struct item *it,
    int relative)
{
	size_t	 i = (size_t)(it - ps->out->v) - ps->start, n;

	if (i >= ps->nrelative && !relative)
		return;
	if (i >= ps->nrelative) {
		n = i + 1 > 2 * ps->nrelative ? i + 1 : 2 * ps->nrelative;
		ps->relative = xreallocarray(ps->relative, n, 1);
		memset(ps->relative + ps->nrelative, 0, n - ps->nrelative);
		ps->nrelative = n;
	}
	ps->relative[i] = (unsigned char)relative;
}

/* Whether a page's item was dated only from the fetch time. */
static int
page_is_relative(const struct page_state *ps, const struct item *it)
{
	size_t	 i = (size_t)(it - ps->out->v) - ps->start;

	return i < ps->nrelative && ps->relative[i];
}

/*
 * Whether e, a text read as a time of day, is a story's own in a flat list
 * that tells on which side of their titles its dates are written
 * (page_flat_order): that story's, not a day over the ones below.
 */
static int
page_flat_stamp(const struct page_state *ps, const xmlNode *e, int heading,
    int64_t when)
{
	return !heading && when != ITEM_NO_TIME && when % 86400 != 0 &&
	    e->parent == ps->flat_list && ps->flat_order != 0;
}

/*
 * The day written above an undated item, in an archive or a news feed
 * ("лента") that writes each day over its stories ("Friday, 5 December
 * 2026", "6 декабря", "Вчера", "Сегодня", "اليوم"), then a list: the
 * nearest heading without a link before the item's box, its list or the
 * list's box, or the nearest text alone there that reads as a day (a
 * <div> a theme styles as the day); ITEM_NO_TIME when the heading is no
 * date. A day with no year
 * is the nearest begun by the fetch (page_text_wall: a relative one on the
 * site's clock; *relative is set for a day only relative to it).
 */
static int64_t
page_day_heading(const struct page_state *ps, const xmlNode *n,
    int *relative)
{
	const xmlNode	*box, *e;
	char		*text;
	int64_t		 when;
	int		 up, steps, heading;

	if ((box = page_item_box(n)) == NULL)
		box = n;
	for (up = 0; up < PAGE_DAY_UP && box != NULL &&
	    box->type == XML_ELEMENT_NODE && !page_is_layout(box);
	    up++, box = box->parent)
		for (e = page_prev_element(box), steps = 0; e != NULL &&
		    steps < PAGE_DAY_SIBS; e = page_prev_element(e), steps++) {
			heading = page_is_heading(e);
			if ((!heading && !page_is_text_leaf(e)) ||
			    page_is_link(e) || page_first_link(e) != NULL)
				continue;
			if ((text = page_text(e)) == NULL && heading)
				return ITEM_NO_TIME;
			when = text != NULL ? page_text_wall(ps, text,
			    relative) : ITEM_NO_TIME;
			if (when == ITEM_NO_TIME && text != NULL &&
			    ps->now != ITEM_NO_TIME &&
			    (when = feed_date_today(text, ps->now +
			    ps->zone)) != ITEM_NO_TIME)
				*relative = 1;
			free(text);
			if (page_flat_stamp(ps, e, heading, when))
				continue;
			if (heading || when != ITEM_NO_TIME)
				return when;
		}
	return ITEM_NO_TIME;
}

/*
 * The time of day an item's box writes alone, as a лента writes "14:30"
 * beside each title under the day's heading: seconds into the day, or -1.
 */
static int64_t
page_box_clock(const xmlNode *n)
{
	const xmlNode	*box, *e;
	char		*text;
	int64_t		 clock = -1;
	size_t		 seen = 0;

	if ((box = page_item_box(n)) == NULL)
		box = page_is_link(n) ? page_item_divs(n) : n;
	for (e = box; e != NULL && clock < 0 && seen < PAGE_BOX_NODES;
	    e = page_next(e, box, 0), seen++) {
		if (!page_is_text_leaf(e) || (text = page_text(e)) == NULL)
			continue;
		clock = feed_date_clock(text);
		free(text);
	}
	return clock;
}

/*
 * When an item undated in its own box was published: the day above it
 * (page_day_heading) at the time its box writes alone, if any; *relative
 * is set when that day is only relative to the fetch ("Вчера").
 */
static int64_t
page_day_time(const struct page_state *ps, const xmlNode *n, int *relative)
{
	int64_t	 day, clock, when;

	if ((day = page_day_heading(ps, n, relative)) == ITEM_NO_TIME)
		return ITEM_NO_TIME;
	/* A time already: a relative one on the site's clock, a written one
	 * UTC's (page_text_wall). */
	if (day % 86400 != 0)
		return *relative ? day - ps->zone : day;
	if ((clock = page_box_clock(n)) < 0)
		return day;		/* a day alone: its midnight UTC */
	when = day + clock - ps->zone;
	/* "Сегодня" over a time still to come where the page's clock is
	 * ahead of UTC and its zone not known: published by the fetch, not
	 * after it. */
	if (*relative && when > ps->now)
		return ps->now;
	return when;
}

#define PAGE_TEASER_WORDS	6	/* words of a <p> read as a teaser */
#define PAGE_TEASER_NAMED	3	/* ... of one its class names one */
#define PAGE_TEASER_MAX		600	/* bytes of a teaser kept, at a word */
#define PAGE_TEASER_BOX		2000	/* bytes of a box's text that is a
					   card's, not a page's */

static int	 page_class_titles(const xmlNode *);

/*
 * Whether a link under a story's box links elsewhere than href's document
 * (its "#comments" and "#respond" are the story's).
 */
static int
page_links_elsewhere(const xmlNode *a, const char *href)
{
	char	*h;
	int	 other;

	if ((h = page_attr(a, "href")) == NULL)
		return 0;
	other = !page_same_url(h, href);
	free(h);
	return other;
}

/* Whether n's attribute attr holds one of the nnames names (case aside). */
static int
page_attr_names(const xmlNode *n, const char *attr,
    const char *const *names, size_t nnames)
{
	xmlChar	*v;
	size_t	 i;
	int	 named = 0;

	if ((v = xmlGetProp(n, (const xmlChar *)attr)) == NULL)
		return 0;
	for (i = 0; i < nnames && !named; i++)
		named = xmlStrcasestr(v, (const xmlChar *)names[i]) != NULL;
	xmlFree(v);
	return named;
}

/*
 * Whether n may be a story's teaser: a <p> or an old layout's <font> (a
 * table row's lead), or an element whose class names one (WordPress's
 * entry-summary, an excerpt, a lead, a dek, Blogger's snippet) or whose
 * itemprop calls it the story's description (Blogger's post body on an
 * index page), that is no title's and holds no heading, nor a link but
 * the story's own (WordPress's "Continue reading" closes its excerpt's
 * <p>): the words a teaser needs at least, or 0 when it is none.
 */
static size_t
page_is_teaser(const xmlNode *n, const char *href)
{
	static const char *const names[] = {
		"excerpt", "summary", "lead", "dek", "teaser", "intro",
		"snippet",
	};
	static const char *const props[] = { "description" };
	const xmlNode	*c;
	size_t		 seen = 0;
	int		 named;

	if (n->type != XML_ELEMENT_NODE || page_class_titles(n))
		return 0;
	named = page_attr_names(n, "class", names, nitems(names)) ||
	    page_attr_names(n, "itemprop", props, nitems(props));
	if (!named && !page_is(n, "p") && !page_is(n, "font"))
		return 0;
	for (c = n->children; c != NULL && seen < PAGE_BOX_NODES;
	    c = page_next(c, n, 0), seen++)
		if (page_is_heading(c) ||
		    (page_is_link(c) && page_links_elsewhere(c, href)))
			return 0;
	return named ? PAGE_TEASER_NAMED : PAGE_TEASER_WORDS;
}

/*
 * text cut to PAGE_TEASER_MAX bytes at the last space before, an ellipsis
 * for the rest, in place (text has room: it was longer).
 */
static void
page_teaser_cut(char *text)
{
	char	*sp;

	if (strlen(text) <= PAGE_TEASER_MAX)
		return;
	text[PAGE_TEASER_MAX] = '\0';
	if ((sp = strrchr(text, ' ')) != NULL)
		*sp = '\0';
	memcpy(text + strlen(text), "\u2026", sizeof("\u2026"));
}

/*
 * Whether text reads as a teaser beside title: a sentence's words, not
 * the title or a part of it, not a text that holds the title (a card's
 * title and label), not a date line; words words at least.
 */
static int
page_teaser_text(const struct page_state *ps, const char *text,
    const char *title, size_t words)
{
	return page_words(text) >= words &&
	    strstr(title, text) == NULL && strstr(text, title) == NULL &&
	    feed_date_text_page(text, ps->month_first, ps->now, ps->zone) ==
	    ITEM_NO_TIME;
}

/*
 * Whether box holds href's story alone: no link in it names another
 * story's document; a box of more than PAGE_BOX_NODES is taken to.
 */
static int
page_box_alone(const xmlNode *box, const char *href)
{
	const xmlNode	*n;
	size_t		 seen = 0;

	if (page_is_link(box) && page_links_elsewhere(box, href))
		return 0;
	for (n = box->children; n != NULL; n = page_next(n, box, 0))
		if (++seen > PAGE_BOX_NODES || (page_is_link(n) &&
		    page_names_story(n) && page_links_elsewhere(n, href)))
			return 0;
	return 1;
}

/*
 * The box of the story n names (*href its link's, caller frees; *flat set
 * when it is no <article> or <li>), when it holds that story alone and is
 * a card's size (not an article page's body beside one related link): its
 * <article> or <li>, else the <div>s around its link; NULL if none.
 */
static const xmlNode *
page_teaser_box(const xmlNode *n, char **href, int *flat)
{
	const xmlNode	*box, *a;

	a = page_is_link(n) ? n : page_first_link(n);
	if (a == NULL || (*href = page_attr(a, "href")) == NULL)
		return NULL;
	if ((*flat = (box = page_item_box(n)) == NULL))
		box = page_item_divs(a);
	if (page_box_alone(box, *href) &&
	    page_text_len(box) <= PAGE_TEASER_BOX)
		return box;
	free(*href);
	*href = NULL;
	return NULL;
}

/*
 * The teaser e is, if it reads as one beside title (caller frees), or
 * NULL: its text without its links' ("Continue reading", with its
 * screen-reader title, also inside a <span>).
 */
static char *
page_teaser_at(const struct page_state *ps, const xmlNode *e,
    const char *href, const char *title)
{
	char	*text;
	size_t	 words;

	if ((words = page_is_teaser(e, href)) == 0 ||
	    (text = page_text_links(e, 0)) == NULL)
		return NULL;
	if (page_teaser_text(ps, text, title, words))
		return text;
	free(text);
	return NULL;
}

/*
 * The teaser after a flat list's story (a title, its date and lead, the
 * next title, all siblings): among the few elements after its box, before
 * any that holds a link or a heading (the next story's). NULL if none.
 */
static char *
page_teaser_beside(const struct page_state *ps, const xmlNode *box,
    const char *href, const char *title)
{
	const xmlNode	*s = box;
	char		*text;
	int		 steps;

	for (steps = 0; steps < PAGE_FLAT_SIBS; steps++) {
		if ((s = page_next_element(s)) == NULL || page_is_link(s) ||
		    page_is_heading(s) || page_first_link(s) != NULL)
			return NULL;
		if ((text = page_teaser_at(ps, s, href, title)) != NULL)
			return text;
	}
	return NULL;
}

/*
 * A story's teaser: the text of the first teaser element (page_is_teaser)
 * in its box that reads as one (page_teaser_text), or in a flat list just
 * after it, cut to PAGE_TEASER_MAX bytes; NULL when there is none. Never
 * text outside the story's own box and its own lines: a sidebar's or the
 * page's.
 */
static char *
page_teaser(const struct page_state *ps, const xmlNode *n, const char *title)
{
	const xmlNode	*box, *e;
	char		*text = NULL, *href = NULL;
	size_t		 seen = 0;
	int		 flat = 0;

	if (title == NULL || (box = page_teaser_box(n, &href, &flat)) == NULL)
		return NULL;
	for (e = box->children; e != NULL && seen < PAGE_BOX_NODES &&
	    text == NULL; e = page_next(e, box, page_is_heading(e)), seen++)
		text = page_teaser_at(ps, e, href, title);
	if (text == NULL && flat)
		text = page_teaser_beside(ps, box, href, title);
	free(href);
	if (text != NULL)
		page_teaser_cut(text);
	return text;
}

/*
 * When an item whose box writes its time of day alone (RIA's "14:30") and
 * that no day heading dates was published: that time on the site's clock
 * of the day its link's path names (page_url_day), never after the fetch;
 * ITEM_NO_TIME when either is missing (the path's day alone is
 * page_dates_settle's).
 */
static int64_t
page_url_time(const struct page_state *ps, const xmlNode *n,
    const char *link)
{
	int64_t	 day, clock, when;

	if ((day = page_url_day(link)) == ITEM_NO_TIME ||
	    (clock = page_box_clock(n)) < 0)
		return ITEM_NO_TIME;
	when = day + clock - ps->zone;
	return ps->now != ITEM_NO_TIME && when > ps->now ? ps->now : when;
}

/*
 * Add an item found by rule at node n; title, link and summary become the
 * item's.
 */
static void
page_add_summary(struct page_state *ps, const xmlNode *n, char *title,
    char *link, char *summary, const char *rule)
{
	struct item	*it;
	int		 relative = 0;

	it = item_list_add(ps->out);
	it->title = title;
	it->link = link;
	it->summary = summary;
	/* A live blog's entry: its place in the page is its identity, where
	 * the canonical link (fragment dropped) is the page's for them all. */
	if (link != NULL && page_own_place(ps, link))
		it->id = xstrdup(link);
	if ((it->published = page_item_time(ps, n, &relative)) ==
	    ITEM_NO_TIME)
		it->published = page_day_time(ps, n, &relative);
	if (it->published == ITEM_NO_TIME)
		it->published = page_url_time(ps, n, link);
	page_note_relative(ps, it, relative);
	page_note_rule(ps, rule);
}

/* Add an item found by rule at node n, its teaser its summary. */
static void
page_add(struct page_state *ps, const xmlNode *n, char *title, char *link,
    const char *rule)
{
	page_add_summary(ps, n, title, link, page_teaser(ps, n, title), rule);
}

/*
 * A link without its tracking parameters (doc_url_param_tracking), in place;
 * the others, their order and a fragment kept.
 */
static void
page_untrack(char *link)
{
	char	*q, *r, *w;
	size_t	 n;

	if ((q = strchr(link, '?')) == NULL || q > link + page_doc_len(link))
		return;
	for (r = w = q + 1; *r != '\0' && *r != '#'; r += n + (r[n] == '&')) {
		n = strcspn(r, "&#");
		if (doc_url_param_tracking(r))
			continue;
		if (w > q + 1)
			*w++ = '&';
		memmove(w, r, n);
		w += n;
	}
	if (w == q + 1)
		w = q;		/* nothing left: no '?' */
	memmove(w, r, strlen(r) + 1);
}

/*
 * The absolute link of a link element (caller frees), or NULL. A story's
 * picture, headline and "read more" link to it one after another: the
 * last href's link is kept, not made again.
 */
static char *
page_link_resolve(struct page_state *ps, const xmlNode *a)
{
	char	*href;

	if ((href = page_attr(a, "href")) == NULL)
		return NULL;
	if (ps->res_href == NULL || strcmp(href, ps->res_href) != 0) {
		free(ps->res_href);
		free(ps->res_link);
		if ((ps->res_link = doc_url_resolve(ps->base, href)) != NULL)
			page_untrack(ps->res_link);
		ps->res_href = href;
	} else
		free(href);
	return ps->res_link != NULL ? xstrdup(ps->res_link) : NULL;
}

/* One element a selector chose -> one item, unless empty or seen. */
static void
page_item_selected(struct page_state *ps, const xmlNode *n)
{
	const xmlNode	*a;
	char		*title, *link = NULL;

	if (n->type != XML_ELEMENT_NODE || (title = page_text(n)) == NULL)
		return;
	if ((a = page_link_of(n)) != NULL)
		link = page_link_resolve(ps, a);
	if (page_seen(ps, link, title)) {
		free(title);
		free(link);
		return;
	}
	page_add(ps, n, title, link, PAGE_RULE_SELECTOR);
}

/* Where an absolute URL's host starts, "www." aside; its length in *n. */
static const char *
page_url_host(const char *u, size_t *n)
{
	const char	*p;

	if ((p = strstr(u, "://")) == NULL) {
		*n = 0;
		return u;
	}
	p += 3;
	*n = strcspn(p, "/?#:");
	if (*n > 4 && strncasecmp(p, "www.", 4) == 0) {
		p += 4;
		*n -= 4;
	}
	return p;
}

/* Whether host a (an bytes) is host b or one of its subdomains. */
static int
page_host_within(const char *a, size_t an, const char *b, size_t bn)
{
	if (bn == 0 || an < bn || strncasecmp(a + an - bn, b, bn) != 0)
		return 0;
	return an == bn || a[an - bn - 1] == '.';
}

/* Whether two URLs are on one site: the same host, or one's subdomain. */
static int
page_site_of(const char *link, const char *page)
{
	const char	*a, *b;
	size_t		 an, bn;

	if (page == NULL)
		return 0;
	a = page_url_host(link, &an);
	b = page_url_host(page, &bn);
	return page_host_within(a, an, b, bn) || page_host_within(b, bn, a, an);
}

/*
 * Whether a link stays on the page's site (www.example.com,
 * arabic.example.com, example.com): the site of its URL, of its <base>, or
 * of its canonical URL (a page saved to a file, or served by a mirror).
 */
static int
page_same_site(const struct page_state *ps, const char *link)
{
	if (ps->url == NULL && ps->base == NULL && ps->canonical == NULL)
		return 1;
	return page_site_of(link, ps->url) || page_site_of(link, ps->base) ||
	    page_site_of(link, ps->canonical);
}

/* Whether a URL is a site's home page (its path "/", no query). */
static int
page_home_url(const char *u)
{
	size_t	 n;

	u = page_url_host(u, &n) + n;
	u += strcspn(u, "/?#");
	u += strspn(u, "/");
	return page_doc_len(u) == 0;
}

/*
 * Whether a URL's path is a listing of a site's articles: /category/NAME,
 * /tag/NAME and the like.
 */
static int
page_listing_url(const char *u)
{
	const char	*p;
	size_t		 i, n;

	p = page_url_host(u, &n);
	for (p += n; *p == '/'; p += n) {
		n = strcspn(++p, "/?#");
		if (p[n] != '/' || strchr("/?#", p[n + 1]) != NULL)
			continue;
		for (i = 0; i < nitems(page_listing_segments); i++)
			if (strlen(page_listing_segments[i]) == n &&
			    strncasecmp(p, page_listing_segments[i], n) == 0)
				return 1;
	}
	return 0;
}

/* Whether a URL is a page of a listing: /page/2/, ?page=2. */
static int
page_paging_url(const char *u)
{
	const char	*p, *q;
	size_t		 n;

	p = page_url_host(u, &n) + n;
	q = p + strcspn(p, "?#");
	for (; (p = strstr(p, "/page/")) != NULL && p < q; p++)
		if (isdigit((unsigned char)p[6]))
			return 1;
	if (*q != '?')
		return 0;
	for (p = q; p != NULL && *p != '#'; p = strchr(p + 1, '&'))
		if (strncasecmp(p + 1, "page=", 5) == 0)
			return 1;
	return 0;
}

/*
 * Whether a URL has a number in its path or query (a date, an id:
 * /2026/12/06/, /1700001-talks, ?id=5501) or a segment with seps hyphens
 * or underscores (a slug: /putin-visits-astana). A percent-encoded letter
 * is a letter, not digits.
 */
static int
page_url_names(const char *u, size_t seps_max)
{
	const char	*p;
	size_t		 n, seps = 0;

	p = page_url_host(u, &n) + n;
	for (; *p != '\0' && *p != '#'; p++) {
		if (*p == '%' && isxdigit((unsigned char)p[1]) &&
		    isxdigit((unsigned char)p[2]))
			p += 2;
		else if (isdigit((unsigned char)*p))
			return 1;
		else if (*p == '/' || *p == '?')
			seps = 0;
		else if ((*p == '-' || *p == '_') && ++seps >= seps_max)
			return 1;
	}
	return 0;
}

/*
 * Whether a URL names one article: a number, or a slug of three words or
 * more.
 */
static int
page_article_url(const char *u)
{
	return page_url_names(u, 2);
}

/* Whether a URL has a number in its path or query. */
static int
page_numbered_url(const char *u)
{
	return page_url_names(u, SIZE_MAX);
}

/* bsearch comparison of a path segment (to its end) with a service word. */
static int
page_service_cmp(const void *key, const void *elem)
{
	const char	*seg = key, *w = *(const char *const *)elem;
	size_t		 n = strlen(w);
	int		 c;

	if ((c = strncasecmp(seg, w, n)) != 0)
		return c;
	return strchr("/?#-_.", seg[n]) != NULL ? 0 : 1;
}

/*
 * Whether a URL is a site's service and no number in it says it is an
 * article (/live/2026/12/06/...): a segment that is a service's word
 * (/subscribe, /ar/newsletter, /login.php, /app, whatever follows it:
 * /newsletters/central-asia-briefing), or one that starts with it
 * ("subscribe-now") in a URL that no slug says is an article's
 * (/live-updates-from-the-summit).
 */
static int
page_service_url(const char *u)
{
	const char *const	*w;
	const char		*p;
	size_t			 n;
	char			 c;

	if (page_numbered_url(u))
		return 0;
	p = page_url_host(u, &n) + n;
	for (; *p == '/'; p += strcspn(p, "/?#")) {
		if ((w = bsearch(++p, page_service_segments,
		    nitems(page_service_segments),
		    sizeof(page_service_segments[0]), page_service_cmp)) == NULL)
			continue;
		c = p[strlen(*w)];
		return (c != '-' && c != '_') || !page_article_url(u);
	}
	return 0;
}

/*
 * Whether an element's class names a title ("title", "card__heading",
 * "news-headline").
 */
static int
page_class_titles(const xmlNode *n)
{
	xmlChar	*v;
	int	 found;

	if ((v = xmlGetProp(n, (const xmlChar *)"class")) == NULL)
		return 0;
	found = xmlStrcasestr(v, (const xmlChar *)"title") != NULL ||
	    xmlStrcasestr(v, (const xmlChar *)"heading") != NULL ||
	    xmlStrcasestr(v, (const xmlChar *)"headline") != NULL;
	xmlFree(v);
	return found;
}

/*
 * The first element inside a link whose class says it is the title (a
 * card's <span class="title"> beside its label and time), or NULL.
 */
static const xmlNode *
page_held_title(const xmlNode *a)
{
	const xmlNode	*n;
	size_t		 seen = 0;

	for (n = a->children; n != NULL && seen < PAGE_BOX_NODES;
	    n = page_next(n, a, 0), seen++)
		if (n->type == XML_ELEMENT_NODE && page_class_titles(n) &&
		    page_text_len(n) > 0)
			return n;
	return NULL;
}

/*
 * Whether a link is a card's title by its markup: it, the element or two
 * around it, or an element inside it (<a><span class="title">) has a class
 * that says title or heading.
 */
static int
page_is_title_link(const xmlNode *a)
{
	const xmlNode	*n;
	int		 up;

	for (n = a, up = 0; n != NULL && n->type == XML_ELEMENT_NODE &&
	    up <= 2; n = n->parent, up++)
		if (page_class_titles(n))
			return 1;
	return page_held_title(a) != NULL;
}

/*
 * Whether an <article> holds a heading link. One too large to read is a
 * page's frame, not an item: its links must be headings or headlines.
 */
static int
page_has_heading_link(const xmlNode *art)
{
	const xmlNode	*n;
	size_t		 seen = 0;

	for (n = art->children; n != NULL; n = page_next(n, art, 0))
		if (++seen > PAGE_BOX_NODES ||
		    (page_is_link(n) && page_is_heading_link(n)))
			return 1;
	return 0;
}

/* The nearest <article> around n, or NULL. */
static const xmlNode *
page_article_of(const xmlNode *n)
{
	for (; n != NULL; n = n->parent)
		if (page_is(n, "article"))
			return n;
	return NULL;
}

/* Whether a node is an element that breaks the flow of text (not <br>). */
static int
page_is_block(const xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE && !page_is(n, "br") &&
	    html_tag_kind((const char *)n->name) == HTML_BLOCK;
}

/* Whether a node is a text node with more than white space. */
static int
page_is_text(const xmlNode *n)
{
	const char	*t = (const char *)n->content;

	return n->type == XML_TEXT_NODE && t != NULL &&
	    t[strspn(t, " \t\r\n")] != '\0';
}

/*
 * The part of a link that titles it: the heading it holds, or the element
 * its class names the title; else, when all its text is in blocks (a
 * title <div> and a time <div>), the longest block; else the link itself.
 */
static const xmlNode *
page_title_node(const xmlNode *a)
{
	const xmlNode	*c, *best;
	size_t		 len, max = 0;

	if ((best = page_held_heading(a)) != NULL ||
	    (best = page_held_title(a)) != NULL)
		return best;
	for (c = a->children; c != NULL; c = c->next) {
		if (page_is_text(c) ||
		    (!page_is_block(c) && page_text_len(c) > 0))
			return a;
		if (page_is_block(c) && (len = page_text_len(c)) > max) {
			max = len;
			best = c;
		}
	}
	return best != NULL ? best : a;
}

/* The text that titles a link. */
static char *
page_link_title(const xmlNode *a)
{
	return page_text(page_title_node(a));
}

/*
 * The main link of an <article> that has no heading link: the one with the
 * longest title (its category, author and share links are shorter). NULL
 * when it has a heading link, or is too large to be one item.
 */
static const xmlNode *
page_article_main(const xmlNode *art)
{
	const xmlNode	*n, *best = NULL;
	char		*t;
	size_t		 len, max = 0, seen = 0;

	if (page_has_heading_link(art))
		return NULL;
	for (n = art->children; n != NULL; n = page_next(n, art, 0)) {
		if (++seen > PAGE_BOX_NODES)
			return NULL;
		if (!page_is_link(n) || (t = page_link_title(n)) == NULL)
			continue;
		if ((len = strlen(t)) > max) {
			max = len;
			best = n;
		}
		free(t);
	}
	return best;
}

/*
 * Whether a is the main link of its <article>. The links of an article
 * come one after the other: its main link is found once for them all.
 */
static int
page_is_article_main(struct page_state *ps, const xmlNode *a)
{
	const xmlNode	*art = page_article_of(a);

	if (art == NULL)
		return 0;
	if (art != ps->art) {
		ps->art = art;
		ps->art_main = page_article_main(art);
	}
	return ps->art_main == a;
}

/* Whether a link leads to one of the site's articles. */
static int
page_article_link(struct page_state *ps, const xmlNode *a)
{
	char	*link;
	int	 yes;

	link = page_link_resolve(ps, a);
	yes = link != NULL && page_same_site(ps, link) &&
	    page_article_url(link);
	free(link);
	return yes;
}

/* Whether an element's class or id names a menu ("menu", "main-nav"). */
static int
page_names_menu(const xmlNode *n)
{
	static const char *const attrs[] = { "class", "id" };
	xmlChar		*v;
	size_t		 i;
	int		 found = 0;

	for (i = 0; i < nitems(attrs) && !found; i++) {
		if ((v = xmlGetProp(n, (const xmlChar *)attrs[i])) == NULL)
			continue;
		found = xmlStrcasestr(v, (const xmlChar *)"menu") != NULL ||
		    xmlStrcasestr(v, (const xmlChar *)"nav") != NULL;
		xmlFree(v);
	}
	return found;
}

/*
 * Whether the items (<li>) of a list lead to articles, three or more, and
 * it is no menu (whose sections may be numbered: /taxonomy/term/12).
 */
static int
page_news_list(struct page_state *ps, const xmlNode *list)
{
	const xmlNode	*li, *a;
	size_t		 n = 0, seen = 0;

	if (page_names_menu(list))
		return 0;
	for (li = list->children; li != NULL && seen < PAGE_BOX_NODES;
	    li = li->next, seen++)
		if (page_is(li, "li") && (a = page_first_link(li)) != NULL &&
		    page_article_link(ps, a) && ++n >= PAGE_LIST_ARTICLES)
			return 1;
	return 0;
}

/*
 * Whether a link is in an item of a list of articles (a list's items are
 * alike: one whose title is short is a headline as its siblings are). The
 * links of a list come one after the other: it is judged once for them.
 */
static int
page_in_news_list(struct page_state *ps, const xmlNode *a)
{
	const xmlNode	*li = a->parent;
	int		 up;

	for (up = 0; li != NULL && !page_is(li, "li"); li = li->parent)
		if (++up > 3)
			return 0;
	if (li == NULL || li->parent == NULL)
		return 0;
	if (li->parent != ps->list) {
		ps->list = li->parent;
		ps->list_news = page_news_list(ps, ps->list);
	}
	return ps->list_news;
}

/*
 * Whether a link is no item whatever its text: a link to this page itself
 * (a tab, "#", the section's own title; its URL or its canonical one), to
 * the site's home page, to a listing's next page ("load more news") or to
 * one of the site's services ("subscribe to the newsletter"), or a
 * category's or a tag's name (a short text) linking to its listing.
 */
static int
page_never_item(const struct page_state *ps, const char *link, int headline)
{
	return (ps->url != NULL && page_same_url(link, ps->url)) ||
	    (ps->canonical != NULL && page_same_url(link, ps->canonical)) ||
	    page_home_url(link) || page_paging_url(link) ||
	    page_service_url(link) || (!headline && page_listing_url(link));
}

#define PAGE_ENTRY_UP		6	/* levels from a link up to its entry */

/*
 * The live blog's entry whose permalink a link is: the place in this page
 * it names (page_own_place), an element holding the link itself, as
 * <div id="post-123">…<a href="#post-123">headline</a>…</div>. NULL for
 * a link to another entry ("latest update"), to #top, or elsewhere.
 */
static const xmlNode *
page_entry_of(const struct page_state *ps, const xmlNode *a,
    const char *link)
{
	const xmlNode	*n;
	const char	*frag = link + page_doc_len(link) + 1;
	char		*id;
	int		 up, same;

	if (!page_own_place(ps, link))
		return NULL;
	for (n = a->parent, up = 0; n != NULL && up < PAGE_ENTRY_UP;
	    n = n->parent, up++) {
		if ((id = page_attr(n, "id")) == NULL)
			continue;
		same = strcmp(id, frag) == 0;
		free(id);
		if (same)
			return n;
	}
	return NULL;
}

/*
 * The default rule that makes a link with this title an item, or NULL: a
 * heading link or a link that holds a heading, the main link of an
 * <article> that has none, or a link to one of the same site's articles
 * (elsewhere, a long text is a "follow us" or an ad) whose text is a
 * headline's length or, two words or more, whose class says it is a title
 * or which is in a list of articles (a card's short title: menus link to
 * sections, not articles; a link to a place in the article, #comments, is
 * not its title).
 */
static const char *
page_default_rule(struct page_state *ps, const xmlNode *a, const char *link,
    const char *title)
{
	int		 headline;

	headline = page_words(title) >= PAGE_HEADLINE_WORDS;
	/* A heading's own anchor (¶, #) is no entry's headline. */
	if (page_entry_of(ps, a, link) != NULL)
		return page_words(title) < 2 ? NULL : page_is_heading_link(a) ?
		    PAGE_RULE_HEADING : headline ? PAGE_RULE_LONG : NULL;
	if (page_never_item(ps, link, headline))
		return NULL;
	if (page_is_heading_link(a))
		return PAGE_RULE_HEADING;
	if (page_is_article_main(ps, a))
		return PAGE_RULE_ARTICLE;
	if (!page_same_site(ps, link) || !page_article_url(link))
		return NULL;
	if (headline)
		return PAGE_RULE_LONG;
	/* One word is a label ("video", "comments"), not a headline. */
	if (page_words(title) < 2 || strchr(link, '#') != NULL)
		return NULL;
	if (page_is_title_link(a))
		return PAGE_RULE_TITLE;
	return page_in_news_list(ps, a) ? PAGE_RULE_LIST : NULL;
}

/* The alt text of the first image inside top that has one, or NULL. */
static char *
page_image_alt(const xmlNode *top)
{
	const xmlNode	*n;
	char		*alt, *s;
	size_t		 seen = 0;

	for (n = top->children; n != NULL && seen < PAGE_BOX_NODES;
	    n = page_next(n, top, 0), seen++) {
		if ((!page_is(n, "img") && !page_is(n, "amp-img")) ||
		    (alt = page_attr(n, "alt")) == NULL)
			continue;
		s = doc_text_clean(alt, strlen(alt));
		free(alt);
		if (s != NULL)
			return s;
	}
	return NULL;
}

/* An attribute of n as clean text when it reads as a headline, or NULL. */
static char *
page_attr_headline(const xmlNode *n, const char *name)
{
	char	*v, *s;

	if ((v = page_attr(n, name)) == NULL)
		return NULL;
	s = doc_text_clean(v, strlen(v));
	free(v);
	if (s != NULL && page_words(s) < PAGE_HEADLINE_WORDS) {
		free(s);
		s = NULL;
	}
	return s;
}

/*
 * The one heading without a link under box, as long as box links nowhere
 * but href: set in *h (NULL when there is none). -1 when box links
 * elsewhere or holds two such headings: it is not one story's.
 */
static int
page_box_heading(const xmlNode *box, const char *href, const xmlNode **h)
{
	const xmlNode	*n;
	char		*other;
	size_t		 seen = 0;
	int		 same, skip;

	*h = NULL;
	for (n = box->children; n != NULL && seen < PAGE_BOX_NODES;
	    n = page_next(n, box, skip), seen++) {
		skip = 0;
		if (page_is_link(n)) {
			other = page_attr(n, "href");
			same = other != NULL && strcmp(other, href) == 0;
			free(other);
			if (!same)
				return -1;
		} else if (page_is_heading(n) && page_first_link(n) == NULL) {
			if (*h != NULL)
				return -1;
			*h = n;
			skip = 1;
		}
	}
	return 0;
}

/*
 * The headline a picture's link stands beside, as a card links its
 * picture and not its title: the text of the heading without a link in
 * the nearest box around the link (a few levels up, below the page's
 * layout) that links nowhere else. NULL when there is none.
 */
static char *
page_beside_heading(const xmlNode *a)
{
	const xmlNode	*box, *h;
	char		*href, *title = NULL;
	int		 up;

	if ((href = page_attr(a, "href")) == NULL)
		return NULL;
	for (box = a->parent, up = 0; box != NULL &&
	    box->type == XML_ELEMENT_NODE && up < PAGE_BOX_UP &&
	    !page_is_layout(box); box = box->parent, up++) {
		if (page_box_heading(box, href, &h) == -1)
			break;
		if (h != NULL) {
			title = page_text(h);
			break;
		}
	}
	free(href);
	if (title != NULL && page_words(title) < PAGE_HEADLINE_WORDS) {
		free(title);
		title = NULL;
	}
	return title;
}

static char	*page_uncut_title(const xmlNode *, char *);

/*
 * The headline of a link without text: the heading beside it in its card
 * (page_beside_heading; whole from the link's label when the heading is
 * cut short), else its picture's alt text, else what the link
 * says of itself to a screen reader or a mouse (aria-label, title=), as a
 * theme writes when the picture has an empty alt, else to the script that
 * fills it in (data-title, a "load more" list's empty title link).
 */
static char *
page_image_title(const xmlNode *a)
{
	static const char *const names[] = { "aria-label", "title",
	    "data-title" };
	char	*title;
	size_t	 i;

	if ((title = page_beside_heading(a)) != NULL)
		return page_uncut_title(a, title);
	if ((title = page_image_alt(a)) != NULL &&
	    page_words(title) >= PAGE_HEADLINE_WORDS)
		return title;
	free(title);
	for (i = 0; i < nitems(names); i++)
		if ((title = page_attr_headline(a, names[i])) != NULL)
			return title;
	return NULL;
}

/*
 * The whole of a headline the page cut short with an ellipsis ("... مشاريع
 * تجارية..."), from the link's title= or aria-label when that starts with
 * what is shown; else title itself. Takes title.
 */
static char *
page_uncut_title(const xmlNode *a, char *title)
{
	static const char *const names[] = { "title", "aria-label" };
	static const char *const dots[] = { "...", "\xe2\x80\xa6" };
	char	*full;
	size_t	 i, len = strlen(title), cut = 0;

	for (i = 0; i < nitems(dots) && cut == 0; i++)
		if (len > strlen(dots[i]) &&
		    strcmp(title + len - strlen(dots[i]), dots[i]) == 0)
			cut = len - strlen(dots[i]);
	while (cut > 0 && title[cut - 1] == ' ')
		cut--;
	if (cut == 0)
		return title;
	for (i = 0; i < nitems(names); i++) {
		if ((full = page_attr_headline(a, names[i])) != NULL &&
		    strlen(full) > cut && strncmp(full, title, cut) == 0) {
			free(title);
			return full;
		}
		free(full);
	}
	return title;
}

/*
 * A link that shows only a picture (a slider's headline) -> an item titled
 * by the picture's alt text or the link's label, when that reads as a
 * headline and no link with text gave the same article. Taken after every
 * link with text, so that the text link titles the article whatever the
 * order of the two.
 */
static void
page_item_image(struct page_state *ps, const xmlNode *a, char *link)
{
	char	*title;

	if ((title = page_image_title(a)) == NULL ||
	    page_never_item(ps, link, 1) || !page_same_site(ps, link) ||
	    page_seen(ps, link, title)) {
		free(title);
		free(link);
		return;
	}
	page_add(ps, a, title, link, PAGE_RULE_IMAGE);
}

/*
 * Whether a link is a paid one: rel=sponsored is how a site marks an ad
 * for search engines, and an ad card looks like a story's.
 */
static int
page_is_sponsored(const xmlNode *a)
{
	char	*rel;
	int	 yes;

	if ((rel = page_attr(a, "rel")) == NULL)
		return 0;
	yes = page_rel_has(rel, "sponsored");
	free(rel);
	return yes;
}

/*
 * Whether a text has a letter or a digit: a link that shows only a glyph
 * ("▶" on a video's picture, "›", an emoji) shows no title. Letters are
 * ASCII, two-byte UTF-8 (Latin, Cyrillic, Arabic) or three-byte outside
 * U+2000-U+2FFF (punctuation, arrows, shapes, dingbats); four-byte
 * characters are emoji.
 */
static int
page_has_word(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;

	for (; *p != '\0'; p++)
		if (isalnum(*p) || (*p >= 0xC3 && *p <= 0xDF) ||
		    (*p >= 0xE0 && *p <= 0xEF && *p != 0xE2))
			return 1;
	return 0;
}

/*
 * A story the page gave already, undated, whose link comes again where it
 * is dated (a breaking-news bar's headline, then the list's with its
 * date): that date is the story's.
 */
static void
page_date_again(struct page_state *ps, const xmlNode *a, const char *link)
{
	struct item	*it;
	int		 relative = 0;

	if ((it = page_item_of(ps, link)) == NULL ||
	    it->published != ITEM_NO_TIME)
		return;
	it->published = page_item_time(ps, a, &relative);
	page_note_relative(ps, it, relative);
}

#define PAGE_LABEL_UP		6	/* levels from a link to its box */
#define PAGE_LABEL_NODES	12	/* nodes of a box's label, at most */
#define PAGE_LABEL_WORDS	5	/* words of a box's label, at most */
#define PAGE_BOX_ROWS		10	/* rows of a ranked box, at most */
#define PAGE_RANK_MAX		10	/* list positions a title may show */

/*
 * The labels of a box that ranks the site's stories by their readers
 * ("most read", "الأكثر قراءة", "Самое читаемое"), as found in a label's
 * text lowercased: it repeats older stories, the page's own are elsewhere.
 */
static const char *const page_ranked_labels[] = {
	"كثر قراء", "كثر مشاهد", "كثر تداول", "كثر تعليق", "كثر شعبي",
	"كثر انتشار", "كثر رواج", "پربازدید", "پرخواننده", "پربیننده",
	"most read", "most viewed", "most shared",
	"most commented", "most emailed", "popular", "trending", "читаем",
	"популярн", "обсуждаем", "просматриваем", "көп оқыл", "көп окул",
	"plus lu", "en çok okunan",
};

static int	page_named(const xmlNode *, const char *);

/* The element before n among its siblings, or NULL. */
static const xmlNode *
page_prev_element(const xmlNode *n)
{
	for (n = n->prev; n != NULL; n = n->prev)
		if (n->type == XML_ELEMENT_NODE)
			return n;
	return NULL;
}

/* The element after n among its siblings, or NULL. */
static const xmlNode *
page_next_element(const xmlNode *n)
{
	for (n = n->next; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return n;
	return NULL;
}

/* Whether the subtree of n has at most max nodes. */
static int
page_small(const xmlNode *n, size_t max)
{
	const xmlNode	*c = n;
	size_t		 seen = 0;

	while ((c = page_next(c, n, 0)) != NULL)
		if (++seen > max)
			return 0;
	return 1;
}

/* Lowercase ASCII and Russian's Cyrillic in place, for a label's test. */
static void
page_lower(char *s)
{
	unsigned char	*p = (unsigned char *)s;

	for (; *p != '\0'; p++) {
		if (*p >= 'A' && *p <= 'Z')
			*p += 'a' - 'A';
		else if (p[0] == 0xD0 && p[1] >= 0x90 && p[1] <= 0x9F)
			*++p += 0x20;
		else if (p[0] == 0xD0 && p[1] >= 0xA0 && p[1] <= 0xAF) {
			p[0] = 0xD1;
			*++p -= 0x20;
		} else if (p[0] == 0xD3 && p[1] == 0xA8)
			*++p = 0xA9;	/* Kazakh and Kyrgyz Ө */
		else if (*p >= 0x80 && p[1] != '\0')
			p++;
	}
}

enum page_chrome { PAGE_CHROME_NO, PAGE_CHROME_YES, PAGE_CHROME_OUTSIDE };

enum page_label { PAGE_LABEL_NONE, PAGE_LABEL_OTHER, PAGE_LABEL_RANKED };

/*
 * What an element before a link's box says of it: a short text without a
 * link is the box's label, which names a ranked box or another (a list's
 * "Latest news", a story's date); anything else is no label.
 */
static enum page_label
page_label_of(const xmlNode *n)
{
	enum page_label	 kind = PAGE_LABEL_OTHER;
	char		*text;
	size_t		 i;

	if (!page_small(n, PAGE_LABEL_NODES) || page_first_link(n) != NULL ||
	    (text = page_text(n)) == NULL)
		return PAGE_LABEL_NONE;
	if (page_words(text) > PAGE_LABEL_WORDS) {
		free(text);
		return PAGE_LABEL_NONE;
	}
	page_lower(text);
	for (i = 0; i < sizeof(page_ranked_labels) /
	    sizeof(page_ranked_labels[0]); i++)
		if (strstr(text, page_ranked_labels[i]) != NULL)
			kind = PAGE_LABEL_RANKED;
	free(text);
	return kind;
}

/*
 * Whether an element before n (past empty ones, a <br>, and at most
 * PAGE_BOX_ROWS rows like n, each holding a link) is a label, and which.
 */
static enum page_label
page_label_before(const xmlNode *n)
{
	const xmlNode	*s;
	size_t		 rows = 0;
	enum page_label	 kind;

	for (s = page_prev_element(n); s != NULL; s = page_prev_element(s)) {
		if (xmlStrcmp(s->name, n->name) == 0 && (page_is_link(s) ||
		    page_first_link(s) != NULL)) {
			if (++rows > PAGE_BOX_ROWS)
				return PAGE_LABEL_OTHER;
			continue;
		}
		if (page_small(s, 0) && page_text_len(s) == 0)
			continue;
		if ((kind = page_label_of(s)) != PAGE_LABEL_NONE)
			return kind;
		return PAGE_LABEL_NONE;
	}
	return PAGE_LABEL_NONE;
}

/*
 * Whether a link is in a box labelled as ranking the stories by their
 * readers: going up from it a few levels, the first label found before it
 * says so (the ASP table's row "الأكثر قراءة" above the rows of links, the
 * <h2>Most read</h2> before the <ol>). Another label ends the search.
 */
static int
page_in_ranked_box(const xmlNode *a)
{
	const xmlNode	*n = a;
	int		 up;
	enum page_label	 kind;

	for (up = 0; up < PAGE_LABEL_UP && n->parent != NULL &&
	    n->parent->type == XML_ELEMENT_NODE; up++, n = n->parent)
		if ((kind = page_label_before(n)) != PAGE_LABEL_NONE)
			return kind == PAGE_LABEL_RANKED;
	return 0;
}

#define PAGE_RANK_MIN		5	/* rows of a ranked list, at least */
#define PAGE_RANK_UP		3	/* levels from a link to its row */
#define PAGE_COLUMN_UP		4	/* levels from a list to its column */

/*
 * The number a row shows before its link, as a ranked list writes it (a
 * <span>1</span> or <b>1.</b>), or 0.
 */
static long
page_row_number(const xmlNode *row)
{
	const xmlNode	*n, *t;
	const char	*c;
	char		*text, *end;
	long		 v = 0;

	for (n = row->children; n != NULL && n->type != XML_ELEMENT_NODE; n =
	    n->next)
		if (n->type == XML_TEXT_NODE && n->content != NULL &&
		    !page_blank((const char *)n->content,
		    strlen((const char *)n->content)))
			return 0;
	if (n == NULL || page_is_link(n) || !page_small(n, 2))
		return 0;
	/* Read the text only when it starts with a digit. */
	for (t = n->children; t != NULL && t->type != XML_TEXT_NODE;
	    t = t->children)
		;
	for (c = t != NULL ? (const char *)t->content : NULL; c != NULL &&
	    isspace((unsigned char)*c); c++)
		;
	if (c == NULL || !isdigit((unsigned char)*c) ||
	    (text = page_text(n)) == NULL)
		return 0;
	if (isdigit((unsigned char)text[0])) {
		v = strtol(text, &end, 10);
		if ((*end != '\0' && strcmp(end, ".") != 0) ||
		    v > PAGE_RANK_MAX)
			v = 0;
	}
	free(text);
	return v;
}

/*
 * Whether a row of a ranked list holds its link's title and nothing else
 * (its number aside): no picture, date or summary, one story.
 */
static int
page_title_row(const xmlNode *row)
{
	const xmlNode	*n, *a = NULL;
	size_t		 words = 0, seen = 0;
	char		*h, *h0 = NULL;
	int		 one = 1;

	for (n = row->children; n != NULL && one; n = page_next(n, row, 0)) {
		if (++seen > PAGE_LABEL_NODES * 2 || page_is(n, "img") ||
		    page_is(n, "time") || page_is(n, "picture"))
			one = 0;
		else if (page_is_link(n)) {
			h = page_attr(n, "href");
			one = h != NULL && (h0 == NULL || strcmp(h, h0) == 0);
			free(h0);
			h0 = h;
			a = a != NULL ? a : n;
		}
	}
	free(h0);
	if (!one || a == NULL)
		return 0;
	words = page_words_of(row);
	return words <= page_words_of(a) + (page_row_number(row) > 0);
}

/*
 * The ranked list a link is a row of, or NULL: an <ol>, or rows each
 * showing its number 1..N before its link, of PAGE_RANK_MIN to
 * PAGE_BOX_ROWS rows holding only titles.
 */
static const xmlNode *
page_rank_list(const xmlNode *a)
{
	const xmlNode	*row = a->parent, *r;
	long		 pos = 0;
	int		 up, ol;

	for (up = 0; up < PAGE_RANK_UP && row != NULL &&
	    row->type == XML_ELEMENT_NODE; up++, row = row->parent)
		if ((page_is(row, "li") && row->parent != NULL &&
		    page_is(row->parent, "ol")) || page_row_number(row) > 0)
			break;
	if (up == PAGE_RANK_UP || row == NULL || row->parent == NULL ||
	    row->type != XML_ELEMENT_NODE)
		return NULL;
	ol = page_is(row->parent, "ol");
	for (r = row->parent->children; r != NULL; r = r->next) {
		if (r->type != XML_ELEMENT_NODE)
			continue;
		if (++pos > PAGE_BOX_ROWS || !page_title_row(r) ||
		    (!ol && page_row_number(r) != pos))
			return NULL;
	}
	return pos >= PAGE_RANK_MIN ? row->parent : NULL;
}

/* The links that name stories under n (page_names_story), bounded. */
static size_t
page_story_links(const xmlNode *top)
{
	const xmlNode	*n;
	size_t		 seen = 0, links = 0;

	for (n = top->children; n != NULL && seen < PAGE_BOX_NODES;
	    n = page_next(n, top, 0), seen++)
		if (page_is_link(n) && page_names_story(n))
			links++;
	return links;
}

static enum page_chrome	 page_chrome_of(const xmlNode *);

/*
 * Whether a ranked list stands aside: going up from it a few levels, a
 * box beside it (not a header, footer, menu or sidebar: never the main
 * list) names more stories than
 * it does, or as many before it (the main list, before the sidebar that
 * ranks). A main list that is an <ol> names more stories than any box
 * beside it.
 */
static int
page_list_aside(const xmlNode *list)
{
	const xmlNode	*col = list, *s;
	size_t		 mine = page_story_links(list), n;
	int		 up, before;

	for (up = 0; up < PAGE_COLUMN_UP && col->parent != NULL &&
	    col->parent->type == XML_ELEMENT_NODE; up++, col = col->parent)
		for (s = col->parent->children, before = 1; s != NULL;
		    s = s->next) {
			if (s == col)
				before = 0;
			if (s == col || s->type != XML_ELEMENT_NODE ||
			    page_chrome_of(s) != PAGE_CHROME_NO)
				continue;
			n = page_story_links(s);
			if (n > mine || (n == mine && before))
				return 1;
		}
	return 0;
}

/*
 * Whether a list has a label before it or before its box (the main
 * column's "آخر الأخبار" heading over its <ol>): a labelled list says
 * what it is, and a ranked one is judged by its label.
 */
static int
page_list_labelled(const xmlNode *list)
{
	return page_label_before(list) != PAGE_LABEL_NONE ||
	    (list->parent != NULL && list->parent->type == XML_ELEMENT_NODE &&
	    page_label_before(list->parent) != PAGE_LABEL_NONE);
}

/*
 * Whether a link is a row of a ranked list with no label (a sidebar's
 * unnamed "most read": five to ten numbered titles beside the main list,
 * repeating older stories). Judged once per list.
 */
static int
page_in_rank_aside(struct page_state *ps, const xmlNode *a)
{
	const xmlNode	*list;

	if ((list = page_rank_list(a)) == NULL)
		return 0;
	if (list != ps->rank_box) {
		ps->rank_box = list;
		ps->rank_side = !page_list_labelled(list) &&
		    page_list_aside(list);
	}
	return ps->rank_side;
}

/*
 * The list position a link shows before its title, or 0: the number of a
 * <span class="rank"> (or "num", "number") it starts with, or the position
 * of its <li> in an <ol> when the title starts with that number.
 */
static long
page_rank_shown(const xmlNode *a, const char *title)
{
	const xmlNode	*n, *li;
	long		 pos = 1;
	char		*end;
	long		 v = strtol(title, &end, 10);

	if (!isdigit((unsigned char)title[0]) || v < 1 || v > PAGE_RANK_MAX)
		return 0;
	for (n = a->children; n != NULL && n->type != XML_ELEMENT_NODE &&
	    page_text_len(n) == 0; n = n->next)
		;
	if (n != NULL && n->type == XML_ELEMENT_NODE &&
	    (page_named(n, "rank") || page_named(n, "num") ||
	    page_named(n, "number")) && page_text_len(n) == (size_t)(end - title))
		return v;
	for (li = a->parent; li != NULL && !page_is(li, "li"); li = li->parent)
		if (li->type != XML_ELEMENT_NODE || page_is_block(li))
			return 0;
	if (li == NULL || li->parent == NULL || !page_is(li->parent, "ol") ||
	    *end != ' ')
		return 0;
	for (n = page_prev_element(li); n != NULL; n = page_prev_element(n))
		pos++;
	return pos == v ? v : 0;
}

/*
 * A title without the list position it shows ("2 Oil slides" in a ranked
 * list is "Oil slides"); a number that is the headline's ("5 قتلى", "10
 * facts") stays.
 */
static char *
page_unranked(const xmlNode *a, char *title)
{
	char	*rest;

	if (page_rank_shown(a, title) == 0)
		return title;
	for (rest = title; isdigit((unsigned char)*rest); rest++)
		;
	rest += strspn(rest, " ");
	if (*rest == '\0')
		return title;
	memmove(title, rest, strlen(rest) + 1);
	return title;
}

#define PAGE_POST_UP		4	/* levels from a post's date link up */
#define PAGE_POST_SIBS		3	/* elements before each level read */
#define PAGE_POST_TITLE		280	/* bytes of a post's first line kept */

/*
 * Whether a link shows only a date, written for machines too: a post's
 * permalink ("09:12" over a <time datetime>), not a card's whole link.
 */
static int
page_is_date_link(const xmlNode *a)
{
	const xmlNode	*n;
	char		*v;
	size_t		 seen = 0;

	for (n = a->children; n != NULL && seen < PAGE_LABEL_NODES;
	    n = page_next(n, a, 0), seen++)
		if ((v = page_machine_date(n)) != NULL) {
			free(v);
			return page_words_of(a) < PAGE_HEADLINE_WORDS;
		}
	return 0;
}

/*
 * The first line of a post's text: up to its first <br> or block after
 * some text, at most PAGE_POST_TITLE bytes (cut at a space); NULL if none.
 */
static char *
page_first_line(const xmlNode *top)
{
	struct buf	 b = { 0 };
	const xmlNode	*n = top->children;
	char		*s, *sp;

	while (n != NULL && b.len < PAGE_POST_TITLE) {
		if (n->type == XML_ELEMENT_NODE && (page_is(n, "br") ||
		    html_tag_kind((const char *)n->name) == HTML_BLOCK) &&
		    b.data != NULL && page_has_word(b.data))
			break;
		if (page_text_enter(&b, n) && n->children != NULL) {
			n = n->children;
			continue;
		}
		while (n->next == NULL && n->parent != top)
			n = n->parent;
		n = n->next;
	}
	if (b.len >= PAGE_POST_TITLE && (sp = strrchr(b.data, ' ')) != NULL)
		b.len = (size_t)(sp - b.data);
	s = doc_text_clean(b.data, b.len);
	buf_free(&b);
	return s;
}

/*
 * Whether a post's box holds a headline of its own (a heading, or a link
 * naming a story other than href): a card whose date links somewhere,
 * not a post.
 */
static int
page_has_headline(const xmlNode *box, const char *href)
{
	const xmlNode	*n;
	size_t		 seen = 0;

	for (n = box->children; n != NULL; n = page_next(n, box, 0)) {
		if (++seen > PAGE_BOX_NODES || page_is_heading(n))
			return 1;
		if (page_links_other_story(n, href))
			return 1;
	}
	return 0;
}

/*
 * The text of a post whose permalink a shows only its date (a Telegram
 * channel's web preview, a social wall): the headline-long element just
 * before the link or one of its ancestors, in a box with no headline.
 * *box receives the post's box. NULL when there is none.
 */
static const xmlNode *
page_post_text(const xmlNode *a, const char *href, const xmlNode **box)
{
	const xmlNode	*cur = a, *p;
	int		 up, sibs;

	for (up = 0; up < PAGE_POST_UP && cur->parent != NULL &&
	    !page_is_layout(cur->parent); up++, cur = cur->parent)
		for (p = page_prev_element(cur), sibs = 0; p != NULL &&
		    sibs < PAGE_POST_SIBS; p = page_prev_element(p), sibs++) {
			if (page_is_link(p) || page_words_of(p) <
			    PAGE_HEADLINE_WORDS)
				continue;
			*box = cur->parent;
			return page_has_headline(*box, href) ? NULL : p;
		}
	return NULL;
}

/*
 * A post with no headline, whose permalink shows only its date -> an item
 * titled by its text's first line, the whole text its summary. 1 when it
 * was taken (link with it), else 0.
 */
static int
page_item_post(struct page_state *ps, const xmlNode *a, char *link)
{
	const xmlNode	*text, *box;
	char		*href, *title = NULL, *summary;
	int		 took = 0;

	if (!page_is_date_link(a))
		return 0;
	href = page_attr(a, "href");
	if (href != NULL && !page_never_item(ps, link, 1) &&
	    page_same_site(ps, link) &&
	    (text = page_post_text(a, href, &box)) != NULL &&
	    (title = page_first_line(text)) != NULL &&
	    page_has_word(title) && !page_seen(ps, link, title)) {
		summary = page_text(text);
		if (summary != NULL && strcmp(summary, title) == 0) {
			free(summary);
			summary = NULL;
		}
		page_add_summary(ps, box, title, link, summary,
		    PAGE_RULE_POST);
		title = NULL;
		took = 1;
	}
	free(href);
	free(title);
	return took;
}

/*
 * What titles a live blog's entry: its heading, else the first element
 * of text a headline's length, outside its permalink a. NULL if none.
 */
static const xmlNode *
page_entry_text(const xmlNode *entry, const xmlNode *a)
{
	const xmlNode	*n, *text = NULL;
	size_t		 seen = 0;

	for (n = entry->children; n != NULL && seen < PAGE_BOX_NODES;
	    n = page_next(n, entry, 0), seen++) {
		if (n == a || page_is_link(n) || n->type != XML_ELEMENT_NODE)
			continue;
		if (page_is_heading(n))
			return n;
		if (text == NULL && page_is_text_leaf(n) &&
		    page_words_of(n) >= PAGE_HEADLINE_WORDS)
			text = n;
	}
	return text;
}

/*
 * The time a live blog's entry's permalink writes alone ("15:20"), on the
 * site's clock: the latest such time by the fetch. ITEM_NO_TIME when it
 * writes none or the fetch's time is not known.
 */
static int64_t
page_entry_clock(const struct page_state *ps, const char *title)
{
	int64_t	 clock, day, when;

	if (ps->now == ITEM_NO_TIME || (clock = feed_date_clock(title)) < 0)
		return ITEM_NO_TIME;
	day = ps->now + ps->zone;
	day -= (day % 86400 + 86400) % 86400;
	when = day + clock - ps->zone;
	return when > ps->now ? when - 86400 : when;
}

/*
 * A live blog's entry whose permalink shows only its time ("16:45" to
 * #post-3318, the entry's own id) -> an item titled by the entry's
 * heading or text (page_entry_text), dated as its box says or else by
 * that time. 1 when it was taken (link with it), else 0.
 */
static int
page_item_entry(struct page_state *ps, const xmlNode *a, char *link,
    const char *title)
{
	const xmlNode	*entry, *text;
	struct item	*it;
	char		*head;

	if ((feed_date_clock(title) < 0 && !page_is_date_link(a)) ||
	    (entry = page_entry_of(ps, a, link)) == NULL ||
	    (text = page_entry_text(entry, a)) == NULL)
		return 0;
	head = page_is_heading(text) ? page_text(text) : page_first_line(text);
	if (head == NULL || !page_has_word(head) || page_seen(ps, link, head)) {
		free(head);
		free(link);
		return 1;
	}
	page_add(ps, entry, head, link, PAGE_RULE_POST);
	it = &ps->out->v[ps->out->n - 1];
	if (it->published == ITEM_NO_TIME &&
	    (it->published = page_entry_clock(ps, title)) != ITEM_NO_TIME)
		page_note_relative(ps, it, 1);
	return 1;
}

/* Whether s holds a placeholder a script fills in ({{title}}, ${id}). */
static int
page_has_placeholder(const char *s)
{
	static const char *const marks[] = { "{{", "${", "<%" };
	size_t	 i;

	for (i = 0; s != NULL && i < nitems(marks); i++)
		if (strstr(s, marks[i]) != NULL)
			return 1;
	return 0;
}

/*
 * Whether the link page_link_resolve() read last is a client-side
 * template's, not a story's (a <template>'s card: <a href="/ar/{{slug}}">
 * {{title}}</a>): its href or its text holds a placeholder.
 */
static int
page_is_template_link(const struct page_state *ps, const char *title)
{
	return page_has_placeholder(title) ||
	    page_has_placeholder(ps->res_href);
}

/*
 * A link the default rules consider -> one item, unless no rule takes it
 * or the page gave its link already. A link that holds a heading is titled
 * by the heading, not by the label and date around it. Links without text
 * wait for the second pass (images).
 */
static void
page_item_default(struct page_state *ps, const xmlNode *a, int images)
{
	const char	*rule = NULL;
	char		*title, *link;

	if ((title = page_link_title(a)) != NULL && !page_has_word(title)) {
		free(title);
		title = NULL;
	}
	/* The second pass is for pictures' links: one with text was read. */
	if ((images && title != NULL) || page_is_sponsored(a) ||
	    page_in_ranked_box(a) || page_in_rank_aside(ps, a) ||
	    (link = page_link_resolve(ps, a)) == NULL) {
		free(title);
		return;
	}
	if (page_is_template_link(ps, title)) {
		free(link);
		free(title);
		return;
	}
	if (!images && ((title != NULL && page_item_entry(ps, a, link,
	    title)) || page_item_post(ps, a, link))) {
		free(title);
		return;
	}
	if (title == NULL) {
		if (images)
			page_item_image(ps, a, link);
		else
			free(link);
		return;
	}
	if ((rule = page_default_rule(ps, a, link, title)) == NULL ||
	    page_seen(ps, link, title)) {
		if (rule != NULL)
			page_date_again(ps, a, link);
		free(title);
		free(link);
		return;
	}
	page_add(ps, a, page_uncut_title(a, page_unranked(a, title)), link,
	    rule);
}

/* Map the selected nodes to items: a selector's elements, or links. */
static void
page_items(struct page_state *ps, const xmlNodeSet *set, int selector)
{
	int	 i, images;

	for (images = 0; images <= !selector; images++)
		for (i = 0; set != NULL && i < set->nodeNr; i++) {
			if (selector)
				page_item_selected(ps, set->nodeTab[i]);
			else
				page_item_default(ps, set->nodeTab[i], images);
		}
}

/* A script element's text, its children's pieces joined, into b. */
static void
page_script_text(const xmlNode *script, struct buf *b)
{
	const xmlNode	*c;

	b->len = 0;
	for (c = script->children; c != NULL; c = c->next)
		if (c->content != NULL)
			buf_puts(b, (const char *)c->content);
}

/*
 * The articles a page's JSON-LD describes (an ItemList of its headlines, a
 * NewsArticle), appended to out; its times without a zone on the site's
 * clock, zone seconds east of UTC.
 */
static void
page_jsonld(htmlDocPtr doc, const char *base, int zone,
    struct item_list *out)
{
	xmlXPathCompExprPtr	 comp;
	xmlXPathObjectPtr	 obj = NULL;
	xmlNodeSet		*set;
	struct buf		 b = { 0 };
	int			 i;

	if ((comp = xmlXPathCompile((const xmlChar *)page_jsonld_xpath)) !=
	    NULL)
		obj = page_select(doc, comp);
	set = obj != NULL ? obj->nodesetval : NULL;
	for (i = 0; set != NULL && i < set->nodeNr; i++) {
		page_script_text(set->nodeTab[i], &b);
		if (b.len > 0)
			feed_jsonld(b.data, b.len, base, zone, out);
	}
	buf_free(&b);
	xmlXPathFreeObject(obj);
	xmlXPathFreeCompExpr(comp);
}

/*
 * A story that a page's data describes (JSON-LD, app state), moved into
 * the page's items unless the markup gave it, whose date it then fills,
 * or replaces when the markup's was only "2 hours ago".
 */
static void
page_item_take(struct page_state *ps, struct item *st, const char *rule)
{
	struct item	*it;

	if ((it = page_item_of(ps, st->link)) != NULL) {
		if (it->published == ITEM_NO_TIME ||
		    (page_is_relative(ps, it) &&
		    st->published != ITEM_NO_TIME)) {
			it->published = st->published;
			page_note_relative(ps, it, 0);
		}
		return;
	}
	*item_list_add(ps->out) = *st;
	memset(st, 0, sizeof(*st));
	page_note_rule(ps, rule);
}

/*
 * A headline the page's JSON-LD lists (a page whose links are drawn by
 * script, or hold no headline) -> an item, unless it is no article's (the
 * page itself, another site's) or the markup gave it; then its date fills
 * the one the markup lacked.
 */
static void
page_item_jsonld(struct page_state *ps, struct item *ld)
{
	if (ld->link == NULL || page_never_item(ps, ld->link, 1) ||
	    !page_same_site(ps, ld->link))
		return;
	page_item_take(ps, ld, PAGE_RULE_JSONLD);
}

/*
 * The JSON of a script's text: all of it, or the object a script assigns
 * to a window global ("window.__STATE__ = {...};" and more script after
 * it, which the JSON reader stops before); NULL if none.
 */
static const char *
page_appdata_json(const struct buf *b, size_t *len)
{
	const char	*p = b->data, *end = b->data + b->len;

	while (p < end && isspace((unsigned char)*p))
		p++;
	if (end - p > 7 && strncmp(p, "window.", 7) == 0) {
		p += 7 + strspn(p + 7, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmn"
		    "opqrstuvwxyz0123456789_$");
		p += strspn(p, " \t\r\n");
		if (p == end || *p != '=')
			return NULL;
		p++;
	}
	*len = (size_t)(end - p);
	return *len > 0 ? p : NULL;
}

/* Where a story's slug goes: the link around it that the markup shows. */
struct page_slug {
	char	*prefix;	/* "https://site/news/" */
	char	*suffix;	/* "/", ".html" or "" */
};

/*
 * Whether link shows slug as a path segment (".../news/gold-rises/" for
 * "gold-rises"), its place then noted in sl.
 */
static int
page_slug_in(const char *link, const char *slug, struct page_slug *sl)
{
	const char	*p, *end = link + page_doc_len(link);
	size_t		 n = strlen(slug);

	for (p = strchr(link, '/'); p != NULL && p + 1 + n <= end;
	    p = strchr(p + 1, '/')) {
		if (strncmp(p + 1, slug, n) != 0 ||
		    (p + 1 + n < end && strchr("/.?", p[1 + n]) == NULL))
			continue;
		sl->prefix = xstrndup(link, (size_t)(p + 1 - link));
		sl->suffix = xstrndup(p + 1 + n, (size_t)(end - p - 1 - n));
		return 1;
	}
	return 0;
}

/*
 * Where the app state's slugs go: where the markup's link to one of its
 * stories shows that story's slug. Both NULL if no link shows one.
 */
static void
page_slug_place(const struct page_state *ps, const struct item_list *app,
    struct page_slug *sl)
{
	const struct item	*a;
	size_t			 i, j;

	for (i = 0; i < app->n; i++) {
		if ((a = &app->v[i])->link != NULL || a->id == NULL)
			continue;
		for (j = ps->start; j < ps->out->n; j++)
			if (ps->out->v[j].link != NULL &&
			    page_slug_in(ps->out->v[j].link, a->id, sl))
				return;
	}
}

/*
 * A story of the app state -> an item, as a JSON-LD headline is: unless
 * its title is one word (a label), it is no article of the site's, or the
 * markup gave it (whose date it then fills).
 */
static void
page_item_appdata(struct page_state *ps, struct item *st,
    const struct page_slug *sl)
{
	size_t		 words;

	if (st->link == NULL && st->id != NULL && sl->prefix != NULL)
		xasprintf(&st->link, "%s%s%s", sl->prefix, st->id, sl->suffix);
	free(st->id);
	st->id = NULL;
	words = page_words(st->title);
	if (st->link == NULL || words < 2 ||
	    page_never_item(ps, st->link, words >= PAGE_HEADLINE_WORDS) ||
	    !page_same_site(ps, st->link) || !page_article_url(st->link))
		return;
	page_item_take(ps, st, PAGE_RULE_APPDATA);
}

#define PAGE_FLIGHT_MAX		(4 << 20)	/* bytes of a payload read */
#define PAGE_FLIGHT_PUSH	"__next_f.push([1,"

/*
 * Append to flight the strings a Next.js App Router script pushes
 * (self.__next_f.push([1,"..."])): pieces of its components' payload,
 * one text once joined in order (a piece may end inside a row).
 */
static void
page_flight_piece(const struct buf *script, struct buf *flight)
{
	const char	*p = script->data, *end = script->data + script->len;
	const char	*at;
	size_t		 n = strlen(PAGE_FLIGHT_PUSH);

	while (flight->len < PAGE_FLIGHT_MAX && p < end &&
	    (at = strstr(p, PAGE_FLIGHT_PUSH)) != NULL) {
		p = at + n;
		p += strspn(p, " \t\r\n");
		if ((p = feed_json_string(p, end, flight)) == NULL)
			return;
	}
}

/*
 * The stories in a Next.js App Router payload: its rows ("ID:" and a
 * value, a line each) whose value is JSON (the props its components got)
 * read as app state; other rows (modules, text) are skipped.
 */
static void
page_flight_rows(const struct page_state *ps, const struct buf *flight,
    struct item_list *app)
{
	const char	*p = flight->data, *end, *nl, *v;

	if (flight->len == 0)
		return;
	for (end = p + flight->len; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		for (v = p; v < nl && isxdigit((unsigned char)*v); v++)
			;
		if (v > p && v + 1 < nl && *v == ':' && (v[1] == '{' ||
		    v[1] == '['))
			feed_appdata(v + 1, (size_t)(nl - v - 1), ps->base,
			    ps->zone, app);
	}
}

/* The stories of a page's app state that the markup did not give. */
static void
page_appdata(struct page_state *ps, htmlDocPtr doc)
{
	xmlXPathCompExprPtr	 comp;
	xmlXPathObjectPtr	 obj = NULL;
	struct item_list	 app = { 0 };
	struct page_slug	 sl = { 0 };
	xmlNodeSet		*set;
	struct buf		 b = { 0 }, flight = { 0 };
	const char		*json;
	size_t			 len;
	int			 i;

	if ((comp = xmlXPathCompile((const xmlChar *)page_appdata_xpath)) !=
	    NULL)
		obj = page_select(doc, comp);
	set = obj != NULL ? obj->nodesetval : NULL;
	for (i = 0; set != NULL && i < set->nodeNr; i++) {
		page_script_text(set->nodeTab[i], &b);
		if (b.len > 0 && strstr(b.data, PAGE_FLIGHT_PUSH) != NULL)
			page_flight_piece(&b, &flight);
		else if ((json = page_appdata_json(&b, &len)) != NULL)
			feed_appdata(json, len, ps->base, ps->zone, &app);
	}
	page_flight_rows(ps, &flight, &app);
	page_slug_place(ps, &app, &sl);
	for (len = 0; len < app.n; len++)
		page_item_appdata(ps, &app.v[len], &sl);
	free(sl.prefix);
	free(sl.suffix);
	item_list_free(&app);
	buf_free(&b);
	buf_free(&flight);
	xmlXPathFreeObject(obj);
	xmlXPathFreeCompExpr(comp);
}

/* An attribute's value as the parser left it (one text node), or "". */
static const char *
page_prop_value(const xmlAttr *p)
{
	if (p->children == NULL || p->children->type != XML_TEXT_NODE ||
	    p->children->content == NULL)
		return "";
	return (const char *)p->children->content;
}

/* Whether a class attribute has word as one of its names. */
static int
page_class_word(const char *v, const char *word)
{
	size_t	 len = strlen(word), k;

	for (; *v != '\0'; v += k) {
		v += strspn(v, " \t\r\n");
		k = strcspn(v, " \t\r\n");
		if (k == len && strncmp(v, word, len) == 0)
			return 1;
	}
	return 0;
}

/* Whether a string is one of a list's. */
static int
page_one_of(const char *s, const char *const *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(s, v[i]) == 0)
			return 1;
	return 0;
}

/*
 * Whether an element is chrome wherever it is (a <nav>, a sidebar, a
 * ticker), or only outside an <article> (a footer, a <header>).
 */
static enum page_chrome
page_chrome_of(const xmlNode *n)
{
	const xmlAttr	*p;
	const char	*v, *name = (const char *)n->name;
	int		 footer = strcmp(name, "footer") == 0 ||
	    strcmp(name, "header") == 0;

	if (page_one_of(name, page_chrome_tags, nitems(page_chrome_tags)))
		return PAGE_CHROME_YES;
	for (p = n->properties; p != NULL; p = p->next) {
		v = page_prop_value(p);
		if (strcmp((const char *)p->name, "role") == 0 &&
		    page_one_of(v, page_chrome_roles, nitems(page_chrome_roles)))
			return PAGE_CHROME_YES;
		if (strcmp((const char *)p->name, "id") == 0) {
			if (strncmp(v, "sidebar", 7) == 0 ||
			    strstr(v, "ticker") != NULL)
				return PAGE_CHROME_YES;
			footer |= strcmp(v, "footer") == 0;
		}
		if (strcmp((const char *)p->name, "class") != 0)
			continue;
		if (strstr(v, "ticker") != NULL ||
		    (strstr(v, "sidebar") != NULL &&
		    (page_class_word(v, "sidebar") ||
		    strstr(v, "region-sidebar") != NULL)))
			return PAGE_CHROME_YES;
		footer |= strstr(v, "footer") != NULL &&
		    page_class_word(v, "footer");
	}
	return footer ? PAGE_CHROME_OUTSIDE : PAGE_CHROME_NO;
}

/*
 * Whether a link is in the page's chrome: going up from it, an element
 * that is chrome wherever it is, or one that is chrome outside an
 * <article> with none above it.
 */
static int
page_in_chrome(const xmlNode *a)
{
	const xmlNode	*n;
	int		 outside = 0;

	for (n = a->parent; n != NULL && n->type == XML_ELEMENT_NODE;
	    n = n->parent) {
		switch (page_chrome_of(n)) {
		case PAGE_CHROME_YES:
			return 1;
		case PAGE_CHROME_OUTSIDE:
			outside = 1;
			break;
		case PAGE_CHROME_NO:
			if (strcmp((const char *)n->name, "article") == 0)
				outside = 0;
			break;
		}
	}
	return outside;
}

/* Leave out of the default rules' candidates the links in the chrome. */
static void
page_drop_chrome(xmlNodeSet *set)
{
	int	 i, k = 0;

	if (set == NULL)
		return;
	for (i = 0; i < set->nodeNr; i++)
		if (!page_in_chrome(set->nodeTab[i]))
			set->nodeTab[k++] = set->nodeTab[i];
	set->nodeNr = k;
}

/*
 * The default rules' items, then the JSON-LD's and the app state's the
 * markup did not give.
 */
static void
page_items_default(struct page_state *ps, htmlDocPtr doc,
    const xmlNodeSet *set)
{
	struct item_list	 ld = { 0 };
	size_t			 i;

	page_items(ps, set, 0);
	page_jsonld(doc, ps->base, ps->zone, &ld);
	for (i = 0; i < ld.n; i++)
		page_item_jsonld(ps, &ld.v[i]);
	item_list_free(&ld);
	page_appdata(ps, doc);
}

#define PAGE_ZONE_NODES	100000	/* nodes read for the site's zone */
#define PAGE_ZONE_KINDS	8	/* offsets told apart in its vote */
#define PAGE_ZONE_UP	3	/* levels up from a date to its story's link */
#define PAGE_ZONE_LIST	2	/* dates a script's code holds in a list */

/* The offsets a page's story dates write, and how many write each. */
struct page_zone_votes {
	int	 off[PAGE_ZONE_KINDS];
	size_t	 count[PAGE_ZONE_KINDS], kinds;
};

/* Count count dates with offset off. */
static void
page_zone_vote(struct page_zone_votes *v, int off, size_t count)
{
	size_t	 i;

	for (i = 0; i < v->kinds && v->off[i] != off; i++)
		;
	if (i == v->kinds) {
		if (v->kinds == PAGE_ZONE_KINDS)
			return;
		v->off[v->kinds] = off;
		v->count[v->kinds++] = 0;
	}
	v->count[i] += count;
}

/* The offset most dates write, the first written on a tie; 0 for none. */
static int
page_zone_winner(const struct page_zone_votes *v)
{
	size_t	 i, best = 0;

	for (i = 1; i < v->kinds; i++)
		if (v->count[i] > v->count[best])
			best = i;
	return v->kinds > 0 ? v->off[best] : 0;
}

/*
 * Count the offsets of the ISO 8601 date-times quoted in a script's text
 * (a JSON-LD's "2026-12-06T14:20:00+05:00"): all of them in JSON, in code
 * only when it holds a list of them (app data's stories), not the one
 * date an ad's or an analytics script's code carries. A script's +00:00
 * casts no vote: servers and SEO plugins (Yoast's JSON-LD, a Node API's
 * createdAt) write UTC whatever clock the site shows, and UTC is what a
 * page with no other vote is read on anyway.
 */
static void
page_zone_script(const xmlNode *script, struct page_zone_votes *v)
{
	struct page_zone_votes	 mine = { .kinds = 0 };
	const char		*p, *end;
	xmlChar			*text, *type;
	size_t			 i, dates = 0;
	int			 off, json;

	if ((text = xmlNodeGetContent(script)) == NULL)
		return;
	for (p = (const char *)text; (p = strchr(p, '"')) != NULL;
	    p = end + 1) {
		if ((end = strchr(++p, '"')) == NULL)
			break;
		if (feed_date_offset(p, (size_t)(end - p), &off) == 0 &&
		    off != 0) {
			page_zone_vote(&mine, off, 1);
			dates++;
		}
	}
	xmlFree(text);
	type = xmlGetProp(script, (const xmlChar *)"type");
	json = type != NULL && strstr((const char *)type, "json") != NULL;
	xmlFree(type);
	if (!json && dates < PAGE_ZONE_LIST)
		return;
	for (i = 0; i < mine.kinds; i++)
		page_zone_vote(v, mine.off[i], mine.count[i]);
}

/*
 * Whether a date's element n is a story's: in its link, or a few levels
 * under an element that holds one (a card, an <li>, a live post), or a
 * <meta> of the page's own story. Not a date alone in a bar or an ad's
 * box without a link.
 */
static int
page_zone_storys(const xmlNode *n)
{
	const xmlNode	*up;
	int		 k;

	if (page_is(n, "meta"))
		return 1;
	for (up = n, k = 0; up != NULL && up->type == XML_ELEMENT_NODE &&
	    k <= PAGE_ZONE_UP; up = up->parent, k++)
		if (page_is_link(up) || page_first_link(up) != NULL)
			return 1;
	return 0;
}

/* Count the offsets n's attributes write, when n's date is a story's. */
static void
page_zone_attrs(const xmlNode *n, struct page_zone_votes *v)
{
	const xmlAttr	*at;
	const xmlNode	*t;
	int		 off;

	/* An attribute's value is its one text child, read in place: most
	 * pages have thousands. */
	for (at = n->properties; at != NULL; at = at->next)
		if ((t = at->children) != NULL &&
		    t->type == XML_TEXT_NODE && t->content != NULL &&
		    feed_date_offset((const char *)t->content,
		    strlen((const char *)t->content), &off) == 0 &&
		    page_zone_storys(n))
			page_zone_vote(v, off, 1);
}

/*
 * The zone of the site's clock, as most of its stories' dates written
 * for machines with an offset say it (a <time datetime> or a data-date's
 * value beside a story's link, a <meta>'s, a JSON-LD or app data date:
 * +03:00 in Moscow, Riyadh), not an ad's or an analytics script's date
 * however early in the page: seconds east of UTC, 0 (read as UTC) when
 * none says.
 */
static int
page_site_zone(const xmlNode *root)
{
	struct page_zone_votes	 v = { .kinds = 0 };
	const xmlNode		*n;
	size_t			 seen = 0;

	for (n = root; n != NULL && seen < PAGE_ZONE_NODES;
	    n = page_next(n, root, 0), seen++) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (page_is(n, "script"))
			page_zone_script(n, &v);
		else
			page_zone_attrs(n, &v);
	}
	return page_zone_winner(&v);
}

#define PAGE_AHEAD	86400	/* seconds a date may be ahead of the fetch */
#define PAGE_URL_YEAR	1995	/* the first year a story's URL may name */

/*
 * The number of n digits at s, or -1 when one of them is no digit.
 */
static int
page_url_num(const char *s, size_t n)
{
	int	 v = 0;
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/*
 * The day a path names at p, a segment's start (n bytes to the path's
 * end): /2026/12/06/ as WordPress and most news sites write it, or a
 * segment /20261206/ (RIA's); ITEM_NO_TIME when it names none.
 */
static int64_t
page_url_day_at(const char *p, size_t n)
{
	char	 iso[32];
	int	 y, m, d;

	if (n >= 10 && p[4] == '/' && p[7] == '/' &&
	    (n == 10 || p[10] == '/')) {
		y = page_url_num(p, 4);
		m = page_url_num(p + 5, 2);
		d = page_url_num(p + 8, 2);
	} else if (n >= 8 && (n == 8 || p[8] == '/')) {
		y = page_url_num(p, 4);
		m = page_url_num(p + 4, 2);
		d = page_url_num(p + 6, 2);
	} else
		return ITEM_NO_TIME;
	if (y < PAGE_URL_YEAR || m < 1 || m > 12 || d < 1 || d > 31)
		return ITEM_NO_TIME;
	snprintf(iso, sizeof(iso), "%04d-%02d-%02d", y, m, d);
	return feed_date_parse(iso);
}

/*
 * The day a story's link names in its path (https://site/news/2026/12/06/
 * slug), its midnight UTC as any day alone; ITEM_NO_TIME when it names
 * none. The query and the fragment are not read: a date there is a
 * filter's or a cache's.
 */
static int64_t
page_url_day(const char *link)
{
	const char	*p, *end;
	size_t		 n;
	int64_t		 when;

	if (link == NULL)
		return ITEM_NO_TIME;
	p = page_url_host(link, &n) + n;
	end = p + strcspn(p, "?#");
	for (p = strchr(p, '/'); p != NULL && p < end; p = strchr(p, '/')) {
		p++;
		if ((when = page_url_day_at(p, (size_t)(end - p))) !=
		    ITEM_NO_TIME)
			return when;
	}
	return ITEM_NO_TIME;
}

/* Whether when is more than PAGE_AHEAD after the fetch. */
static int
page_date_ahead(const struct page_state *ps, int64_t when)
{
	return ps->now != ITEM_NO_TIME && when != ITEM_NO_TIME &&
	    when > ps->now + PAGE_AHEAD;
}

/*
 * Settle the dates of the page's items: a date more than PAGE_AHEAD after
 * the fetch is none (a year mistyped, 2062 for 2026: a listing shows what
 * has happened), and an item with none takes the day its link's path
 * names, if any and not after the fetch's day either.
 */
static void
page_dates_settle(struct page_state *ps)
{
	struct item	*it;
	size_t		 i;
	int64_t		 day;

	for (i = ps->start; i < ps->out->n; i++) {
		it = &ps->out->v[i];
		if (page_date_ahead(ps, it->published))
			it->published = ITEM_NO_TIME;
		if (it->published == ITEM_NO_TIME &&
		    !page_date_ahead(ps, day = page_url_day(it->link)))
			it->published = day;
	}
}

/* Select elements (selector or default rules) and map them to items. */
int
page_parse(const char *data, size_t len, const char *url, const char *charset,
    const char *selector, struct item_list *out, char *err, size_t errlen)
{
	return page_parse_rules(data, len, url, charset, selector,
	    ITEM_NO_TIME, out, NULL, NULL, err, errlen);
}

/* As page_parse, naming the rule behind each item (for `raqib parse`). */
int
page_parse_rules(const char *data, size_t len, const char *url,
    const char *charset, const char *selector, int64_t now,
    struct item_list *out, const char ***rules, struct page_info *info,
    char *err, size_t errlen)
{
	struct page_state	 ps = { .out = out, .start = out->n, .url = url,
	    .now = now };
	xmlXPathCompExprPtr	 comp;
	xmlXPathObjectPtr	 obj;
	htmlDocPtr		 doc;
	int			 rc = 0;

	comp = selector != NULL ? page_selector_compile(selector, err, errlen) :
	    xmlXPathCompile((const xmlChar *)page_default_xpath);
	if (comp == NULL)
		return -1;
	if ((doc = page_read(data, len, url, charset, info, err, errlen)) ==
	    NULL) {
		xmlXPathFreeCompExpr(comp);
		return -1;
	}
	if (info != NULL)
		info->title = page_title(doc);
	ps.month_first = page_month_first(doc, now);
	ps.zone = page_site_zone(xmlDocGetRootElement(doc));
	ps.base = page_base(doc, url);
	ps.canonical = page_href(doc, "//link[@rel='canonical'][@href]",
	    ps.base);
	if (rules != NULL)
		ps.rules = xcalloc(1, sizeof(*ps.rules));
	if ((obj = page_select(doc, comp)) == NULL) {
		snprintf(err, errlen, "selector: does not select elements");
		rc = -1;
	}
	if (obj != NULL && selector != NULL)
		page_items(&ps, obj->nodesetval, 1);
	else if (obj != NULL) {
		page_drop_chrome(obj->nodesetval);
		page_items_default(&ps, doc, obj->nodesetval);
	}
	page_dates_settle(&ps);
	if (info != NULL && out->n == ps.start)
		info->wall = page_wall_of(doc);
	xmlXPathFreeObject(obj);
	xmlXPathFreeCompExpr(comp);
	xmlFreeDoc(doc);
	free(ps.base);
	free(ps.canonical);
	free(ps.res_href);
	free(ps.res_link);
	free(ps.seen.slot);
	free(ps.relative);
	if (rules != NULL)
		*rules = ps.rules;
	return rc;
}

/* ------------------------------------------------------------------ */
/* Autodiscovery                                                       */

/* Whether a space-separated rel holds the token "alternate". */
static int
page_rel_alternate(const char *rel)
{
	return page_rel_has(rel, "alternate");
}

/* Whether a MIME type (parameters and case aside) is a feed's. */
static int
page_feed_type(const char *type)
{
	size_t	 i, n;

	while (isspace((unsigned char)*type))
		type++;
	n = strcspn(type, "; \t");
	for (i = 0; i < nitems(page_feed_types); i++)
		if (n == strlen(page_feed_types[i]) &&
		    strncasecmp(type, page_feed_types[i], n) == 0)
			return 1;
	return 0;
}

/* The absolute URL a <link> advertises if it is a feed alternate, or NULL. */
static char *
page_link_feed(const xmlNode *n, const char *base)
{
	char	*rel, *type, *href, *u = NULL;

	rel = page_attr(n, "rel");
	type = page_attr(n, "type");
	href = page_attr(n, "href");
	if (rel != NULL && type != NULL && href != NULL &&
	    page_rel_alternate(rel) && page_feed_type(type))
		u = doc_url_resolve(base, href);
	free(rel);
	free(type);
	free(href);
	return u;
}

/*
 * Whether a feed is the page's own: on its site, under its path (a
 * section's page /category/world/ and its /category/world/feed/), the page
 * not being the home page.
 */
static int
page_own_feed(const char *page, const char *feed)
{
	const char	*a, *b;
	size_t		 an, bn, n;

	if (page == NULL || page_home_url(page))
		return 0;
	a = page_url_host(page, &an);
	b = page_url_host(feed, &bn);
	if (an != bn || strncasecmp(a, b, an) != 0)
		return 0;
	a += an;
	b += bn;
	n = strcspn(a, "?#");
	return n > 0 && strncmp(a, b, n) == 0 &&
	    (a[n - 1] == '/' || b[n] == '/');
}

/*
 * The feed a page advertises (<link rel="alternate">, RSS, Atom or RDF):
 * the page's own when it has one (a site's feed has only its latest items,
 * which a busy site's other sections push out of it), else the first.
 */
char *
page_feed_link(const char *data, size_t len, const char *url,
    const char *charset)
{
	xmlXPathCompExprPtr	 comp;
	xmlXPathObjectPtr	 obj = NULL;
	htmlDocPtr		 doc;
	char			 err[64], *base, *u, *first = NULL;
	int			 i;

	doc = page_read(data, len, url, charset, NULL, err, sizeof(err));
	if (doc == NULL)
		return NULL;
	base = page_base(doc, url);
	comp = xmlXPathCompile((const xmlChar *)"//link[@href and @type]");
	if (comp != NULL)
		obj = page_select(doc, comp);
	for (i = 0; obj != NULL && obj->nodesetval != NULL &&
	    i < obj->nodesetval->nodeNr; i++) {
		if ((u = page_link_feed(obj->nodesetval->nodeTab[i], base)) ==
		    NULL)
			continue;
		if (page_own_feed(url, u)) {
			free(first);
			first = u;
			break;
		}
		if (first == NULL)
			first = u;
		else
			free(u);
	}
	xmlXPathFreeObject(obj);
	xmlXPathFreeCompExpr(comp);
	xmlFreeDoc(doc);
	free(base);
	return first;
}

/* ------------------------------------------------------------------ */
/* Article text                                                        */

/* bsearch comparison of an element name with a table entry. */
static int
page_name_cmp(const void *key, const void *elem)
{
	return strcasecmp(key, *(const char *const *)elem);
}

/* Whether an attribute of n names comments ("commentary" is an article). */
static int
page_names_comments(const xmlNode *n, const char *attr)
{
	xmlChar		*v;
	const xmlChar	*p;
	int		 found = 0;

	if ((v = xmlGetProp(n, (const xmlChar *)attr)) == NULL)
		return 0;
	for (p = xmlStrcasestr(v, (const xmlChar *)"comment"); p != NULL &&
	    !found; p = xmlStrcasestr(p + 7, (const xmlChar *)"comment"))
		found = xmlStrncasecmp(p + 7, (const xmlChar *)"ary", 3) != 0;
	xmlFree(v);
	return found;
}

/* Whether n's id is word, or its class has it as one of its names. */
static int
page_named(const xmlNode *n, const char *word)
{
	xmlChar		*v;
	const char	*p;
	size_t		 len = strlen(word), k;
	int		 found = 0;

	if ((v = xmlGetProp(n, (const xmlChar *)"id")) != NULL) {
		found = strcmp((const char *)v, word) == 0;
		xmlFree(v);
	}
	if (found || (v = xmlGetProp(n, (const xmlChar *)"class")) == NULL)
		return found;
	for (p = (const char *)v; *p != '\0' && !found; p += k) {
		p += strspn(p, " \t\r\n\f");
		k = strcspn(p, " \t\r\n\f");
		found = k == len && strncmp(p, word, len) == 0;
	}
	xmlFree(v);
	return found;
}

/*
 * Whether an element is page chrome, code or a form, a sidebar (by its
 * class or id, as for links), or a box of readers' comments (its class or
 * id says so): never article text.
 */
static int
page_is_chrome(const xmlNode *n)
{
	if (n->type != XML_ELEMENT_NODE)
		return 0;
	return bsearch(n->name, page_not_article, nitems(page_not_article),
	    sizeof(page_not_article[0]), page_name_cmp) != NULL ||
	    page_named(n, "sidebar") || page_names_comments(n, "class") ||
	    page_names_comments(n, "id");
}

/* Whether a node is a <p> element. */
static int
page_is_para(const xmlNode *n)
{
	return page_is(n, "p");
}

/* Append a node's text, the node itself included, as page_node_text does. */
static void
page_node_text_self(struct buf *b, const xmlNode *n)
{
	if (page_text_enter(b, n))
		page_node_text(b, n);
	page_text_leave(b, n);
}

/* The length of the link text among the sibling nodes first..end. */
static size_t
page_run_links(const xmlNode *first, const xmlNode *end)
{
	const xmlNode	*n, *d;
	size_t		 links = 0;

	for (n = first; n != end; n = n->next) {
		if (page_is_link(n)) {
			links += page_text_len(n);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (d = n->children; d != NULL;
		    d = page_next(d, n, page_is_link(d)))
			if (page_is_link(d))
				links += page_text_len(d);
	}
	return links;
}

/*
 * Add the paragraph made of the sibling nodes first..end (a <p>'s
 * children, or a run of text between <br>s) to b, when asked; its weight
 * is its text's length, or 0 when it is mostly link text (a "read also"
 * line, a related-articles list).
 */
static size_t
page_para(struct buf *b, const xmlNode *first, const xmlNode *end)
{
	const xmlNode	*n;
	struct buf	 t = { 0 };
	char		*s;
	size_t		 len;

	for (n = first; n != end; n = n->next)
		page_node_text_self(&t, n);
	s = doc_text_clean(t.data, t.len);
	buf_free(&t);
	len = s != NULL ? strlen(s) : 0;
	if (page_run_links(first, end) * 2 > len)
		len = 0;
	if (b != NULL && len > 0) {
		buf_puts(b, s);
		buf_putc(b, ' ');
	}
	free(s);
	return len;
}

/* Whether an element holds only text: no block inside but <br>. */
static int
page_is_leaf(const xmlNode *e)
{
	const xmlNode	*c;

	for (c = e->children; c != NULL; c = c->next)
		if (page_is_block(c))
			return 0;
	return 1;
}

/* The only element inside e when there is no text beside it, or NULL. */
static const xmlNode *
page_only_child(const xmlNode *e)
{
	const xmlNode	*c, *only = NULL;

	for (c = e->children; c != NULL; c = c->next) {
		if (page_is_text(c))
			return NULL;
		if (c->type == XML_ELEMENT_NODE) {
			if (only != NULL)
				return NULL;
			only = c;
		}
	}
	return only;
}

/*
 * The paragraph a block inside an article body stands for: a <p>, or a
 * <div> that holds only text or, a few wrappers down, one such paragraph
 * (editors write a paragraph as a <div>, some CMSs wrap each <p> in one).
 */
static const xmlNode *
page_para_box(const xmlNode *c)
{
	int	 depth;

	for (depth = 0; c != NULL && depth < 4; depth++) {
		if (page_is_para(c))
			return c;
		if (!page_is(c, "div"))
			return NULL;
		if (page_is_leaf(c))
			return c;
		c = page_only_child(c);
	}
	return NULL;
}

/* Whether a block holds a <p>, itself or in a wrapper. */
static int
page_holds_para(const xmlNode *e)
{
	const xmlNode	*c, *q;

	for (c = e->children; c != NULL; c = c->next)
		if (!page_is_chrome(c) && (q = page_para_box(c)) != NULL &&
		    page_is_para(q))
			return 1;
	return 0;
}

/*
 * An element's weight as an article body, and its text added to b when
 * asked: the text of its paragraphs. They are its <p>s; a body written
 * without any has paragraphs of <div>s and of the runs of text between
 * its <br>s, and a byline beside <p>s is no paragraph.
 */
static size_t
page_block_paras(struct buf *b, const xmlNode *e)
{
	const xmlNode	*c, *run = NULL, *q;
	size_t		 score = 0;
	int		 loose;

	loose = (page_is_block(e) || page_is(e, "body")) && !page_holds_para(e);
	for (c = e->children; c != NULL; c = c->next) {
		if (!page_is_block(c) && !page_is(c, "br")) {
			if (run == NULL)
				run = c;
			continue;
		}
		if (run != NULL && loose)
			score += page_para(b, run, c);
		run = NULL;
		if (page_is_chrome(c) || (q = page_para_box(c)) == NULL)
			continue;
		if (page_is_para(q))
			score += page_para(b, q->children, NULL);
		else if (loose)
			score += page_block_paras(b, q);
	}
	if (run != NULL && loose)
		score += page_para(b, run, NULL);
	return score;
}

/* The element outside the chrome whose paragraphs hold the most text. */
static const xmlNode *
page_densest(const xmlNode *top)
{
	const xmlNode	*n, *best = NULL;
	size_t		 score, max = 0;
	int		 chrome;

	for (n = top; n != NULL; n = page_next(n, top, chrome)) {
		chrome = page_is_chrome(n);
		if (chrome || n->type != XML_ELEMENT_NODE)
			continue;
		if ((score = page_block_paras(NULL, n)) > max) {
			max = score;
			best = n;
		}
	}
	return best;
}

/* The text of a block's own paragraphs, link lists left out. */
static char *
page_block_text(const xmlNode *e)
{
	struct buf	 b = { 0 };
	char		*s;

	page_block_paras(&b, e);
	s = doc_text_clean(b.data, b.len);
	buf_free(&b);
	return s;
}

/*
 * The article a page's JSON-LD describes: the one with the longest body;
 * without bodies, the one at the page's URL, or the only one (not a list
 * of related articles). NULL if none.
 */
static struct item *
page_article_ld(struct item_list *ld, const char *url)
{
	struct item	*best = NULL, *it;
	size_t		 i;

	for (i = 0; i < ld->n; i++) {
		it = &ld->v[i];
		if (it->content != NULL && (best == NULL ||
		    strlen(it->content) > strlen(best->content)))
			best = it;
	}
	for (i = 0; best == NULL && i < ld->n; i++)
		if (url != NULL && ld->v[i].link != NULL &&
		    page_same_url(ld->v[i].link, url))
			best = &ld->v[i];
	return best == NULL && ld->n == 1 ? &ld->v[0] : best;
}

/* The article a page's JSON-LD describes, its texts taken over into a. */
static void
page_article_jsonld(htmlDocPtr doc, const char *url, struct page_article *a)
{
	struct item_list	 ld = { 0 };
	struct item		*best;

	page_jsonld(doc, url, page_site_zone(xmlDocGetRootElement(doc)), &ld);
	if ((best = page_article_ld(&ld, url)) != NULL) {
		a->title = best->title;
		a->published = best->published;
		a->text = best->content;
		best->title = best->content = NULL;
	}
	item_list_free(&ld);
}

/*
 * What an article page says of itself: its main text, the densest block of
 * paragraphs, or the body its JSON-LD gives when that is longer (markup
 * drawn by script, or paragraphs the rules cannot see); its headline and
 * date from the JSON-LD.
 */
void
page_article_read(const char *data, size_t len, const char *url,
    const char *charset, struct page_article *a)
{
	const xmlNode	*best = NULL;
	htmlDocPtr	 doc;
	char		 err[64], *text = NULL;

	memset(a, 0, sizeof(*a));
	a->published = ITEM_NO_TIME;
	if ((doc = page_read(data, len, url, charset, NULL, err,
	    sizeof(err))) == NULL)
		return;
	if (xmlDocGetRootElement(doc) != NULL)
		best = page_densest(xmlDocGetRootElement(doc));
	if (best != NULL)
		text = page_block_text(best);
	page_article_jsonld(doc, url, a);
	if (text != NULL && (a->text == NULL ||
	    strlen(text) >= strlen(a->text))) {
		free(a->text);
		a->text = text;
	} else
		free(text);
	xmlFreeDoc(doc);
}

/* Free what a page_article holds. */
void
page_article_free(struct page_article *a)
{
	free(a->text);
	free(a->title);
	a->text = a->title = NULL;
}
