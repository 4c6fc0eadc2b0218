/*
 * feed_repair: mend an XML feed the strict parser refused, byte by byte,
 * so that libxml2's recovery loses no text. libxml2 recovers from broken
 * structure, but after the first error it drops every named entity
 * reference, and a bare & swallows the name after it ("?a=1&b=2" became
 * "?a=1=2"). So, outside comments, CDATA, processing instructions and the
 * DTD: a bare & or an unknown &name; is escaped and reads as written; a
 * predefined or HTML entity becomes a numeric reference, which recovery
 * keeps; NULs and other characters XML forbids are dropped; a < that opens
 * no tag, or a comment or processing instruction nothing closes, is
 * escaped; an attribute value without quotes is quoted; a CDATA section
 * that holds another becomes one section, one nothing closes is the
 * element's text. Each repair is counted against the item it falls in.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "compat.h"
#include "feed_int.h"
#include "html.h"
#include "xmalloc.h"

#define RP_MAXDECL	64	/* entity names a DTD may declare, kept */
#define RP_NAMEMAX	64	/* longer names are no entity's */
#define RP_CUTSCAN	64	/* end tags looked at to find a cut body */
#define RP_OPENMAX	16	/* elements open in an item, for its field */

/* The mender's cursor and what it has found. */
struct rp_state {
	const char	*p, *end;
	struct buf	 out;
	unsigned	 repairs;
	unsigned	*marks;		/* repairs of each item so far */
	size_t		 nmarks;
	int		 initem;	/* inside an item or entry element */
	const char	*itemstart;	/* the open item's start tag, in doc */
	const char	*cutseen;	/* itemstart whose cut was looked for */
	const char	*lastitem;	/* the body's last item start tag, once
					   found */
	unsigned	 unclosed;	/* openers no closer follows (RP_OPEN) */
	char		*decl[RP_MAXDECL];	/* names the DTD declares */
	size_t		 ndecl;
};

/* Markup whose closer was looked for past the cursor and not found. */
enum {
	RP_OPEN_COMMENT = 1 << 0,	/* <!-- with no --> */
	RP_OPEN_CDATA = 1 << 1,		/* <![CDATA[ with no ]]> */
	RP_OPEN_PI = 1 << 2		/* <? with no ?> */
};

/* The predefined XML entities, as numeric references. */
static const struct rp_predef {
	const char	*name;
	const char	*ref;
} rp_predefs[] = {
	{ "amp", "&#38;" }, { "apos", "&#39;" }, { "gt", "&#62;" },
	{ "lt", "&#60;" }, { "quot", "&#34;" },
};

/* Record a repair, and against the open item if there is one. */
static void
rp_note(struct rp_state *rp, unsigned what)
{
	rp->repairs |= what;
	if (rp->initem && rp->nmarks > 0)
		rp->marks[rp->nmarks - 1] |= what;
}

/* Whether a byte can start an XML name (ASCII letters, _, :, non-ASCII). */
static int
rp_name_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	    c == ':' || c >= 0x80;
}

/* Whether a byte can continue an XML name. */
static int
rp_name_char(unsigned char c)
{
	return rp_name_start(c) || (c >= '0' && c <= '9') || c == '-' ||
	    c == '.';
}

/* Whether a code point may appear in an XML 1.0 document. */
static int
rp_xml_char(uint32_t c)
{
	return c == 0x9 || c == 0xa || c == 0xd || (c >= 0x20 && c <= 0xd7ff) ||
	    (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

/*
 * The length of the forbidden character at p (a C0 control but tab and
 * line ends, or U+FFFE / U+FFFF), 0 if the byte starts an allowed one.
 */
static size_t
rp_forbidden(const char *p, const char *end)
{
	const unsigned char	*u = (const unsigned char *)p;

	if (u[0] < 0x20 && u[0] != '\t' && u[0] != '\n' && u[0] != '\r')
		return 1;
	if (u[0] == 0xef && end - p >= 3 && u[1] == 0xbf &&
	    (u[2] == 0xbe || u[2] == 0xbf))
		return 3;
	return 0;
}

/* The code point of a UTF-8 sequence (the document is valid UTF-8). */
static uint32_t
rp_utf8(const unsigned char **s)
{
	const unsigned char	*u = *s;
	uint32_t		 c;
	int			 n, i;

	if (u[0] < 0x80) {
		(*s)++;
		return u[0];
	}
	n = u[0] >= 0xf0 ? 3 : u[0] >= 0xe0 ? 2 : 1;
	c = u[0] & (0x3f >> n);
	for (i = 1; i <= n && u[i] != '\0'; i++)
		c = (c << 6) | (u[i] & 0x3f);
	*s += i;
	return c;
}

/* Append the code points of a UTF-8 string as numeric references. */
static void
rp_numeric(struct rp_state *rp, const char *utf8)
{
	const unsigned char	*u = (const unsigned char *)utf8;

	while (*u != '\0')
		buf_printf(&rp->out, "&#%u;", (unsigned)rp_utf8(&u));
}

/* Whether the DTD declared this entity name. */
static int
rp_declared(const struct rp_state *rp, const char *name, size_t n)
{
	size_t	 i;

	for (i = 0; i < rp->ndecl; i++)
		if (strlen(rp->decl[i]) == n && memcmp(rp->decl[i], name, n) == 0)
			return 1;
	return 0;
}

/*
 * A character reference: kept when XML allows the character, else dropped;
 * a surrogate pair's two references (which XML forbids) become the one
 * character they encode.
 */
static int
rp_amp_numeric(struct rp_state *rp)
{
	uint32_t	 c;
	size_t		 n;
	int		 semi;

	if ((n = html_numeric_ref(rp->p, rp->end, &c, &semi)) == 0 || !semi)
		return 0;
	if (rp_xml_char(c))
		buf_printf(&rp->out, "&#%u;", (unsigned)c);
	else
		rp_note(rp, FEED_REPAIR_CONTROL);
	rp->p += n;
	return 1;
}

/* A named reference: predefined, declared, HTML's, or no entity at all. */
static int
rp_amp_named(struct rp_state *rp)
{
	const char	*name = rp->p + 1, *q = name, *v;
	size_t		 n, i;

	while (q < rp->end && rp_name_char((unsigned char)*q) &&
	    q - name < RP_NAMEMAX)
		q++;
	n = (size_t)(q - name);
	if (n == 0 || q >= rp->end || *q != ';' ||
	    !rp_name_start((unsigned char)*name))
		return 0;
	for (i = 0; i < nitems(rp_predefs); i++)
		if (strlen(rp_predefs[i].name) == n &&
		    memcmp(rp_predefs[i].name, name, n) == 0) {
			buf_puts(&rp->out, rp_predefs[i].ref);
			rp->p = q + 1;
			return 1;
		}
	if (rp_declared(rp, name, n))
		buf_append(&rp->out, rp->p, n + 2);
	else if ((v = html_entity(name, n)) != NULL)
		rp_numeric(rp, v);
	else {
		buf_puts(&rp->out, "&#38;");
		rp_note(rp, FEED_REPAIR_ENTITY);
		rp->p++;
		return 1;
	}
	rp->p = q + 1;
	return 1;
}

/*
 * An HTML reference written without its ';' (&amp &nbsp &copy, then a
 * space), as hand-written templates leave them: the character of one of
 * the legacy names HTML reads so, as a browser reads them in an attribute
 * (the whole run of letters and digits the name, never before '=', so
 * that a link's ?a=1&copy=2 or &copy2 stays as written).
 */
static int
rp_amp_legacy(struct rp_state *rp)
{
	const char	*name = rp->p + 1, *q = name, *v;

	while (q < rp->end && isalnum((unsigned char)*q) &&
	    q - name < RP_NAMEMAX)
		q++;
	if (q == name || (q < rp->end && *q == '=') ||
	    (v = html_legacy_entity(name, (size_t)(q - name))) == NULL)
		return 0;
	rp_numeric(rp, v);
	rp_note(rp, FEED_REPAIR_AMP);
	rp->p = q;
	return 1;
}

/* An & in text or an attribute value. */
static void
rp_amp(struct rp_state *rp)
{
	if (rp->end - rp->p >= 2 && rp->p[1] == '#' && rp_amp_numeric(rp))
		return;
	if (rp_amp_named(rp) || rp_amp_legacy(rp))
		return;
	buf_puts(&rp->out, "&#38;");
	rp_note(rp, FEED_REPAIR_AMP);
	rp->p++;
}

/* Copy one character of text, mending what must be; quote: in a value. */
static void
rp_char(struct rp_state *rp, char quote)
{
	size_t	 n;

	if (*rp->p == '&') {
		rp_amp(rp);
		return;
	}
	if ((n = rp_forbidden(rp->p, rp->end)) > 0) {
		rp_note(rp, FEED_REPAIR_CONTROL);
		rp->p += n;
		return;
	}
	if (*rp->p == '<' && quote != '\0') {
		buf_puts(&rp->out, "&#60;");
		rp_note(rp, FEED_REPAIR_LT);
		rp->p++;
		return;
	}
	if (quote == '\0' && rp->end - rp->p >= 3 &&
	    memcmp(rp->p, "]]>", 3) == 0) {
		/* XML forbids it in text; recovery dropped what came
		 * before it. */
		buf_puts(&rp->out, "]]&gt;");
		rp_note(rp, FEED_REPAIR_MARKUP);
		rp->p += 3;
		return;
	}
	buf_putc(&rp->out, *rp->p++);
}

/* Copy through the terminator t, dropping forbidden characters only. */
static void
rp_copy_through(struct rp_state *rp, const char *t)
{
	size_t	 tl = strlen(t), n;

	while (rp->p < rp->end) {
		if ((size_t)(rp->end - rp->p) >= tl &&
		    memcmp(rp->p, t, tl) == 0) {
			buf_append(&rp->out, rp->p, tl);
			rp->p += tl;
			return;
		}
		if ((n = rp_forbidden(rp->p, rp->end)) > 0) {
			rp_note(rp, FEED_REPAIR_CONTROL);
			rp->p += n;
			continue;
		}
		buf_putc(&rp->out, *rp->p++);
	}
}

/* Where t (tl bytes) first occurs in [p, end), or end. */
static const char *
rp_find(const char *p, const char *end, const char *t, size_t tl)
{
	for (; p < end && (size_t)(end - p) >= tl; p++)
		if (*p == *t && memcmp(p, t, tl) == 0)
			return p;
	return end;
}

/*
 * Whether markup that opens at the cursor (the opener skip bytes long) is
 * closed by t. One cut off (an excerpt cut short inside a comment or a
 * CDATA section, PHP code left in) would hide the rest of the feed. Once
 * no t follows, none follows a later opener either: looked for once.
 */
static int
rp_closes(struct rp_state *rp, size_t skip, const char *t, unsigned which)
{
	if ((rp->unclosed & which) == 0 &&
	    rp_find(rp->p + skip, rp->end, t, strlen(t)) == rp->end)
		rp->unclosed |= which;
	return (rp->unclosed & which) == 0;
}

/* Whether the tag name at p (after '<' or '</') is an item's or entry's. */
static int
rp_is_item(const char *p, const char *end)
{
	const char	*name = p, *q;

	for (q = p; q < end && rp_name_char((unsigned char)*q); q++)
		if (*q == ':')
			name = q + 1;
	return (q - name == 4 && memcmp(name, "item", 4) == 0) ||
	    (q - name == 5 && memcmp(name, "entry", 5) == 0);
}

/* The length of the XML name at p. */
static size_t
rp_name_len(const char *p, const char *end)
{
	const char	*q;

	for (q = p; q < end && rp_name_char((unsigned char)*q); q++)
		;
	return (size_t)(q - p);
}

/* The elements open at a point of an item, innermost last (rp_open_in). */
struct rp_open {
	const char	*name[RP_OPENMAX];
	size_t		 len[RP_OPENMAX];
	size_t		 n;
};

/* A tag (p at its '<') into the open elements: a start pushes, an end pops. */
static void
rp_open_tag(struct rp_open *o, const char *p, const char *end)
{
	const char	*gt;
	size_t		 k, n;

	if (p[1] != '/') {
		n = rp_name_len(p + 1, end);
		gt = rp_find(p + 1, end, ">", 1);
		if (n == 0 || gt == end || gt[-1] == '/' || o->n == RP_OPENMAX)
			return;
		o->name[o->n] = p + 1;
		o->len[o->n++] = n;
		return;
	}
	n = rp_name_len(p + 2, end);
	for (k = o->n; n > 0 && k-- > 0;)
		if (o->len[k] == n && memcmp(o->name[k], p + 2, n) == 0) {
			o->n = k;
			return;
		}
}

/*
 * The elements open in [p, end) (an item, from its start tag): the text
 * of comments and CDATA sections holds no tags. An end tag closes the
 * innermost of its name and what it holds (HTML left open, a <br>).
 */
static void
rp_open_in(struct rp_open *o, const char *p, const char *end)
{
	const char	*q;

	o->n = 0;
	for (; (p = rp_find(p, end, "<", 1)) < end; p++) {
		if ((q = feed_past_markup(p, end)) != p)
			p = q - 1;
		else
			rp_open_tag(o, p, end);
	}
}

/* Whether an element open in the item, not the item, has the name at p. */
static int
rp_open_field(const struct rp_open *o, const char *p, size_t n)
{
	size_t	 k;

	for (k = 1; k < o->n; k++)
		if (o->len[k] == n && memcmp(o->name[k], p, n) == 0)
			return 1;
	return 0;
}

/* Whether a byte is XML's white space. */
static int
rp_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Where the body's last item or entry start tag is: looked for once. */
static const char *
rp_last_item(struct rp_state *rp)
{
	const char	*p;

	if (rp->lastitem != NULL)
		return rp->lastitem;
	rp->lastitem = rp->end;
	for (p = rp->end; p-- > rp->itemstart;)
		if (*p == '<' && rp_is_item(p + 1, rp->end)) {
			rp->lastitem = p;
			break;
		}
	return rp->lastitem;
}

/*
 * Whether the open item, its unclosed comment or CDATA quoting its own
 * field's end tag (a post about a feed's markup), is the last one and the
 * body does not end in a root's end tag (</rss>, </feed>, </rdf:RDF>),
 * where a whole document ends: a cut one ends anywhere in the quote or in
 * what follows it, text or a tag. The quote may close the item and the
 * root; what comes after them says the body was cut.
 */
static int
rp_ends_cut(struct rp_state *rp)
{
	const char	*q = rp->end, *lt, *name, *colon;
	size_t		 n;

	if (rp_last_item(rp) != rp->itemstart)
		return 0;
	while (q > rp->p && rp_space(q[-1]))
		q--;
	if (q == rp->p || q[-1] != '>')
		return 1;
	for (lt = q - 1; lt > rp->p && *lt != '<'; lt--)
		;
	if (q - lt < 4 || lt[1] != '/')
		return 1;
	name = lt + 2;
	n = rp_name_len(name, q);
	if ((colon = memchr(name, ':', n)) != NULL) {
		n -= (size_t)(colon + 1 - name);
		name = colon + 1;
	}
	return !feed_dialect_root(name, n);
}

/*
 * Whether the body was cut inside the comment, CDATA section or PI that
 * opens at the cursor in an item and that nothing closes: no end tag of
 * an element open around it in the item (its field) follows it before
 * another item starts. Its text may quote </item>, </channel> or </rss>,
 * which would close the cut item as if it were whole; a field's end
 * tag is what a whole item writes after the text, unless the text quotes
 * it too and the body then ends outside a root's end tag (rp_ends_cut).
 * Once per item, and
 * RP_CUTSCAN end tags at most: the mending stays linear in the body.
 */
static int
rp_cut_inside(struct rp_state *rp)
{
	struct rp_open	 o;
	const char	*p = rp->p + 1;
	size_t		 n, seen = 0;

	if (!rp->initem || rp->cutseen == rp->itemstart)
		return 0;
	rp->cutseen = rp->itemstart;
	rp_open_in(&o, rp->itemstart, rp->p);
	for (; (p = rp_find(p, rp->end, "<", 1)) < rp->end &&
	    seen < RP_CUTSCAN; p++) {
		if (rp_is_item(p + 1, rp->end))
			return 0;
		if (p + 1 == rp->end || p[1] != '/' ||
		    (n = rp_name_len(p + 2, rp->end)) == 0)
			continue;
		seen++;
		if (rp_open_field(&o, p + 2, n))
			return rp_ends_cut(rp);
	}
	return seen < RP_CUTSCAN;
}

/*
 * The rest of a body cut inside an item's comment, CDATA section or PI
 * is left out: the item, its end never written, is read as cut.
 */
static void
rp_drop_rest(struct rp_state *rp)
{
	rp_note(rp, FEED_REPAIR_MARKUP);
	rp->p = rp->end;
}

/*
 * Where a CDATA section whose text starts at s ends: at its first "]]>",
 * unless it holds another section (a plugin wrapped text that was wrapped
 * already): then at each "]]>" left over after the inner one's, which no
 * section opens (in XML, every later "]]>" is some section's own).
 */
static const char *
rp_cdata_end(const char *s, const char *end)
{
	const char	*close = rp_find(s, end, "]]>", 3), *p, *next;
	size_t		 inner = 0;

	for (p = s; (p = rp_find(p, close, "<![CDATA[", 9)) < close; p += 9)
		inner++;
	for (; inner > 0 && close < end; inner--) {
		next = rp_find(close + 3, end, "]]>", 3);
		if (next == end || rp_find(close + 3, next, "<![CDATA[", 9) <
		    next)
			break;
		close = next;
	}
	return close;
}

/*
 * A CDATA section, copied; one that holds others becomes one section,
 * the inner markers dropped, so that no text falls out of it.
 */
static void
rp_cdata(struct rp_state *rp)
{
	const char	*s = rp->p + 9, *close;
	const char	*p;
	size_t		 n;

	if (!rp_closes(rp, 9, "]]>", RP_OPEN_CDATA) && rp_cut_inside(rp)) {
		rp_drop_rest(rp);
		return;
	}
	if ((rp->unclosed & RP_OPEN_CDATA) != 0) {
		/* Its text is the element's: the marker is dropped. */
		rp_note(rp, FEED_REPAIR_MARKUP);
		rp->p = s;
		return;
	}
	close = rp_cdata_end(s, rp->end);
	if (close == rp->end || close == rp_find(s, rp->end, "]]>", 3)) {
		rp_copy_through(rp, "]]>");
		return;
	}
	rp_note(rp, FEED_REPAIR_MARKUP);
	buf_puts(&rp->out, "<![CDATA[");
	for (p = s; p < close;) {
		if (close - p >= 9 && memcmp(p, "<![CDATA[", 9) == 0)
			p += 9;
		else if (close - p >= 3 && memcmp(p, "]]>", 3) == 0)
			p += 3;
		else if ((n = rp_forbidden(p, close)) > 0) {
			rp_note(rp, FEED_REPAIR_CONTROL);
			p += n;
		} else
			buf_putc(&rp->out, *p++);
	}
	buf_puts(&rp->out, "]]>");
	rp->p = close + 3;
}

/* Remember the names a DTD's internal subset declares as entities. */
static void
rp_doctype_names(struct rp_state *rp, const char *s, const char *end)
{
	const char	*p = s, *name;

	for (; end - p >= 8; p++) {
		if (memcmp(p, "<!ENTITY", 8) != 0)
			continue;
		p += 8;
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' ||
		    *p == '\r'))
			p++;
		for (name = p; p < end && rp_name_char((unsigned char)*p); p++)
			;
		if (p > name && rp->ndecl < RP_MAXDECL)
			rp->decl[rp->ndecl++] = xstrndup(name,
			    (size_t)(p - name));
	}
}

/*
 * A DOCTYPE, internal subset included, copied as it is; a ] or > quoted
 * or in a comment does not end it.
 */
static void
rp_doctype(struct rp_state *rp)
{
	const char	*s = rp->p, *p = rp->p, *q;
	int		 subset = 0;

	for (; p < rp->end && (subset || *p != '>'); p = q) {
		if (*p == '[' || *p == ']')
			subset = *p == '[';
		if ((q = feed_dtd_skip(p, rp->end)) == p)
			q = p + 1;
	}
	if (p < rp->end)
		p++;
	rp_doctype_names(rp, s, p);
	buf_append(&rp->out, s, (size_t)(p - s));
	rp->p = p;
}

/* Note where items start and end, so repairs are counted against them. */
static void
rp_item_bounds(struct rp_state *rp, const char *tag, int closing, int empty)
{
	if (!rp_is_item(tag, rp->end))
		return;
	if (closing) {
		rp->initem = 0;
		return;
	}
	rp->marks = xreallocarray(rp->marks, rp->nmarks + 1,
	    sizeof(*rp->marks));
	rp->marks[rp->nmarks++] = 0;
	rp->initem = !empty;
	rp->itemstart = tag - 1;
}

/*
 * An attribute value written without quotes (href=http://host/x, as HTML
 * allows): quoted, to the white space, > or /> that ends it.
 */
static void
rp_unquoted(struct rp_state *rp)
{
	rp_note(rp, FEED_REPAIR_MARKUP);
	buf_putc(&rp->out, '"');
	while (rp->p < rp->end && *rp->p != '>' && !rp_space(*rp->p) &&
	    !(rp->end - rp->p >= 2 && memcmp(rp->p, "/>", 2) == 0)) {
		if (*rp->p == '"') {
			buf_puts(&rp->out, "&#34;");
			rp->p++;
		} else
			rp_char(rp, '"');
	}
	buf_putc(&rp->out, '"');
}

/* A start or end tag, its attribute values mended like text. */
static void
rp_tag(struct rp_state *rp)
{
	const char	*name;
	char		 q = '\0';
	int		 closing = rp->p[1] == '/';
	size_t		 n;

	name = rp->p + 1 + closing;
	while (rp->p < rp->end) {
		if (q == '\0' && *rp->p == '>') {
			rp_item_bounds(rp, name, closing, rp->p[-1] == '/');
			buf_putc(&rp->out, *rp->p++);
			return;
		}
		if ((n = rp_forbidden(rp->p, rp->end)) > 0) {
			rp_note(rp, FEED_REPAIR_CONTROL);
			rp->p += n;
			continue;
		}
		if (q != '\0' && *rp->p != q) {
			rp_char(rp, q);
			continue;
		}
		if (q != '\0')
			q = '\0';
		else if (*rp->p == '"' || *rp->p == '\'')
			q = *rp->p;
		else if (*rp->p == '=' && rp->end - rp->p >= 2 &&
		    rp->p[1] != '"' && rp->p[1] != '\'' && !rp_space(rp->p[1])) {
			buf_putc(&rp->out, *rp->p++);
			rp_unquoted(rp);
			continue;
		}
		buf_putc(&rp->out, *rp->p++);
	}
}

/* Whether a comment or PI nothing closes opens at the cursor, in a cut body. */
static int
rp_unclosed_cut(struct rp_state *rp, size_t left)
{
	if (left >= 4 && memcmp(rp->p, "<!--", 4) == 0)
		return !rp_closes(rp, 4, "-->", RP_OPEN_COMMENT) &&
		    rp_cut_inside(rp);
	if (left >= 2 && rp->p[1] == '?')
		return !rp_closes(rp, 2, "?>", RP_OPEN_PI) &&
		    rp_cut_inside(rp);
	return 0;
}

/* What follows a '<': markup to copy or mend, or a stray < to escape. */
static void
rp_markup(struct rp_state *rp)
{
	size_t	 left = (size_t)(rp->end - rp->p);

	if (rp_unclosed_cut(rp, left))
		rp_drop_rest(rp);
	else if (left >= 4 && memcmp(rp->p, "<!--", 4) == 0 &&
	    rp_closes(rp, 4, "-->", RP_OPEN_COMMENT))
		rp_copy_through(rp, "-->");
	else if (left >= 9 && memcmp(rp->p, "<![CDATA[", 9) == 0)
		rp_cdata(rp);
	else if (left >= 2 && rp->p[1] == '?' &&
	    rp_closes(rp, 2, "?>", RP_OPEN_PI))
		rp_copy_through(rp, "?>");
	else if (left >= 9 && memcmp(rp->p, "<!DOCTYPE", 9) == 0)
		rp_doctype(rp);
	else if (left >= 2 && (rp_name_start((unsigned char)rp->p[1]) ||
	    (rp->p[1] == '/' && left >= 3 &&
	    rp_name_start((unsigned char)rp->p[2]))))
		rp_tag(rp);
	else {
		buf_puts(&rp->out, "&#60;");
		rp_note(rp, FEED_REPAIR_LT);
		rp->p++;
	}
}

/* Mend a document; see feed_int.h. */
char *
feed_repair(const char *doc, size_t len, size_t *outlen, unsigned *repairs,
    unsigned **items, size_t *nmarks)
{
	struct rp_state	 rp = { .p = doc, .end = doc + len };
	size_t		 i;

	while (rp.p < rp.end) {
		if (*rp.p == '<')
			rp_markup(&rp);
		else
			rp_char(&rp, '\0');
	}
	buf_putc(&rp.out, '\0');
	for (i = 0; i < rp.ndecl; i++)
		free(rp.decl[i]);
	*outlen = rp.out.len - 1;
	*repairs = rp.repairs;
	*items = rp.marks;
	*nmarks = rp.nmarks;
	return buf_steal(&rp.out);
}
