/*
 * feed_xml: RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 -> items, streamed through
 * libxml2's SAX interface: no tree is built, each field's text is collected
 * while its element is open and mapped through the dialect's table when it
 * closes, so memory stays bounded by one field however long the feed.
 *
 * Strict first: a well-formed feed is read in one pass, HTML entity names
 * included (the parser asks us for entities it does not know). A feed the
 * strict parser refuses is mended by feed_repair.c and read again with
 * libxml2's recovery, so that every readable item is kept, and what was
 * mended is counted. The dialects are recognized leniently (any namespace on
 * <rss> and <feed>, undeclared prefixes mapped to the modules they name).
 *
 * Untrusted input: no entity substitution, no DTD loading, no network, an
 * external entity loader that refuses; libxml2's own limits on depth and
 * entity amplification stay in force.
 */
#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlversion.h>

#include "buf.h"
#include "compat.h"
#include "doc.h"
#include "feed.h"
#include "feed_int.h"
#include "html.h"
#include "log.h"
#include "xmalloc.h"

#define NS_RDF		"http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_RSS10	"http://purl.org/rss/1.0/"
#define NS_RSS09	"http://my.netscape.com/rdf/simple/0.9/"
#define NS_RSS11	"http://purl.org/net/rss1.1#"
#define NS_USERLAND	"http://backend.userland.com/rss2"
#define NS_ATOM10	"http://www.w3.org/2005/Atom"
#define NS_ATOM03	"http://purl.org/atom/ns#"
#define NS_DC		"http://purl.org/dc/elements/1.1/"
#define NS_DCTERMS	"http://purl.org/dc/terms/"
#define NS_CONTENT	"http://purl.org/rss/1.0/modules/content/"
#define NS_MEDIA	"http://search.yahoo.com/mrss/"
#define NS_SY		"http://purl.org/rss/1.0/modules/syndication/"
#define NS_XHTML	"http://www.w3.org/1999/xhtml"
#define NS_XML		"http://www.w3.org/XML/1998/namespace"
/* In a field table: the feed's own namespace, whichever it is. */
#define NS_FEED		""

#define FX_CHUNK	(64 * 1024)	/* bytes handed to the parser at once */
#define FX_MAXDEPTH	512		/* libxml2 stops far below this */
#define FX_MAXENTS	256		/* distinct HTML entity names per parse */
#define FX_HINT_MAX	(366 * 86400L)	/* a longer polling hint is a year */
/* Not XML_PARSE_NOERROR: libxml2 2.13 and later then hide errors from serror. */
#define FX_OPTS		(XML_PARSE_NONET | XML_PARSE_IGNORE_ENC)
#define FX_HTML_OPTS	(HTML_PARSE_NONET | HTML_PARSE_RECOVER | \
	HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC)

/* libxml2 2.12 made the structured error const. */
#if LIBXML_VERSION >= 21200
typedef const xmlError	*fx_error_t;
#else
typedef xmlError	*fx_error_t;
#endif

/* How a field's element is read. */
enum fx_kind {
	FX_TEXT,	/* plain text */
	FX_HTML,	/* text that may hold escaped HTML */
	FX_TYPED,	/* an Atom text construct: type and mode decide */
	FX_LINK,	/* a URL as the element's text */
	FX_ALINK,	/* an Atom link: href, rel alternate, an HTML type */
	FX_GUID,	/* a guid standing in for the link (a permalink) */
	FX_PERSON,	/* an author: the name child, else the text */
	FX_CATEGORY,	/* term or label attribute, else the text */
	FX_TTL,		/* channel hints: <ttl> minutes, */
	FX_PERIOD,	/*   sy:updatePeriod, */
	FX_FREQUENCY,	/*   sy:updateFrequency */
	FX_GROUP,	/* media:group, media:content: its children are fields */
	FX_IGNORE	/* atom:source: nothing inside is the item's */
};

/* One element mapped to a slot; lower prio wins (see struct feed_entry). */
struct fx_field {
	const char	*ns;
	const char	*name;
	enum feed_slot	 slot;
	int		 prio;
	enum fx_kind	 kind;
};

/* The RSS family (0.90 to 2.0, RDF): element names of the feed's own. */
static const struct fx_field fx_rss[] = {
	{ NS_FEED, "title", FEED_TITLE, 1, FX_HTML },
	{ NS_FEED, "link", FEED_LINK, 1, FX_LINK },
	{ NS_FEED, "guid", FEED_ID, 1, FX_TEXT },
	{ NS_FEED, "guid", FEED_LINK, 3, FX_GUID },
	{ NS_FEED, "pubDate", FEED_PUBLISHED, 1, FX_TEXT },
	{ NS_FEED, "description", FEED_SUMMARY, 1, FX_HTML },
	{ NS_FEED, "author", FEED_AUTHOR, 2, FX_TEXT },
	{ NS_FEED, "category", FEED_CATEGORY, 1, FX_CATEGORY },
	{ NS_FEED, "ttl", FEED_NSLOTS, 0, FX_TTL },
};

/* Atom 1.0, with the Atom 0.3 names (issued, modified, created). */
static const struct fx_field fx_atom[] = {
	{ NS_FEED, "title", FEED_TITLE, 1, FX_TYPED },
	{ NS_FEED, "link", FEED_LINK, 1, FX_ALINK },
	{ NS_FEED, "id", FEED_ID, 1, FX_TEXT },
	{ NS_FEED, "published", FEED_PUBLISHED, 1, FX_TEXT },
	{ NS_FEED, "issued", FEED_PUBLISHED, 1, FX_TEXT },
	{ NS_FEED, "created", FEED_PUBLISHED, 3, FX_TEXT },
	{ NS_FEED, "updated", FEED_UPDATED, 1, FX_TEXT },
	{ NS_FEED, "modified", FEED_UPDATED, 1, FX_TEXT },
	{ NS_FEED, "author", FEED_AUTHOR, 1, FX_PERSON },
	{ NS_FEED, "summary", FEED_SUMMARY, 1, FX_TYPED },
	{ NS_FEED, "content", FEED_CONTENT, 1, FX_TYPED },
	{ NS_FEED, "category", FEED_CATEGORY, 1, FX_CATEGORY },
	{ NS_FEED, "source", FEED_NSLOTS, 0, FX_IGNORE },
};

/* The modules both families use, by namespace. */
static const struct fx_field fx_modules[] = {
	{ NS_ATOM10, "link", FEED_LINK, 2, FX_ALINK },
	{ NS_ATOM10, "updated", FEED_UPDATED, 1, FX_TEXT },
	{ NS_ATOM10, "published", FEED_PUBLISHED, 1, FX_TEXT },
	{ NS_DC, "title", FEED_TITLE, 2, FX_HTML },
	{ NS_DC, "description", FEED_SUMMARY, 2, FX_HTML },
	{ NS_DC, "date", FEED_UPDATED, 1, FX_TEXT },
	{ NS_DC, "creator", FEED_AUTHOR, 1, FX_TEXT },
	{ NS_DC, "identifier", FEED_ID, 2, FX_TEXT },
	{ NS_DC, "subject", FEED_CATEGORY, 1, FX_CATEGORY },
	{ NS_DCTERMS, "issued", FEED_PUBLISHED, 1, FX_TEXT },
	{ NS_DCTERMS, "created", FEED_PUBLISHED, 2, FX_TEXT },
	{ NS_DCTERMS, "modified", FEED_UPDATED, 1, FX_TEXT },
	{ NS_CONTENT, "encoded", FEED_CONTENT, 1, FX_HTML },
	{ NS_XHTML, "body", FEED_CONTENT, 2, FX_TEXT },
	{ NS_MEDIA, "title", FEED_TITLE, 3, FX_HTML },
	{ NS_MEDIA, "description", FEED_SUMMARY, 3, FX_HTML },
	{ NS_MEDIA, "group", FEED_NSLOTS, 0, FX_GROUP },
	{ NS_MEDIA, "content", FEED_NSLOTS, 0, FX_GROUP },
	{ NS_SY, "updatePeriod", FEED_NSLOTS, 0, FX_PERIOD },
	{ NS_SY, "updateFrequency", FEED_NSLOTS, 0, FX_FREQUENCY },
};

/* Namespaces that are the feed's own, beside none and the root's. */
static const char *const fx_rss_ns[] = {
	NS_RSS10, NS_RSS09, NS_RSS11, NS_USERLAND, NULL
};
static const char *const fx_atom_ns[] = { NS_ATOM10, NS_ATOM03, NULL };

/* A feed dialect: its root, its items, its own namespaces and fields. */
struct fx_dialect {
	const char		*root;		/* the root's local name */
	const char		*channel;	/* the feed's own fields' parent, or
						   NULL: the root itself */
	const char		*item;
	const char *const	*ns;
	const struct fx_field	*fields;
	size_t			 nfields;
};

static const struct fx_dialect fx_dialects[] = {
	{ "rss", "channel", "item", fx_rss_ns, fx_rss, nitems(fx_rss) },
	{ "RDF", "channel", "item", fx_rss_ns, fx_rss, nitems(fx_rss) },
	{ "Channel", NULL, "item", fx_rss_ns, fx_rss, nitems(fx_rss) },
	{ "feed", NULL, "entry", fx_atom_ns, fx_atom, nitems(fx_atom) },
};

/* Conventional prefixes, for feeds that use one without declaring it. */
static const struct fx_prefix {
	const char	*prefix;
	const char	*ns;
} fx_prefixes[] = {
	{ "atom", NS_ATOM10 }, { "content", NS_CONTENT }, { "dc", NS_DC },
	{ "dcterms", NS_DCTERMS }, { "media", NS_MEDIA },
	{ "rdf", NS_RDF }, { "sy", NS_SY }, { "xhtml", NS_XHTML },
};

/* sy:updatePeriod: the period's length in seconds; sorted for bsearch. */
static const struct fx_period {
	const char	*name;
	long		 seconds;
} fx_periods[] = {
	{ "daily", 86400 }, { "hourly", 3600 }, { "monthly", 30 * 86400 },
	{ "weekly", 7 * 86400 }, { "yearly", 365 * 86400 },
};

/* What an open element is to the reader. */
enum fx_role {
	FX_R_OTHER,	/* a container of no interest: items may still be inside */
	FX_R_ROOT,
	FX_R_CHANNEL,	/* the parent of the feed's own fields */
	FX_R_ITEM,
	FX_R_GROUP,	/* a media container inside an item */
	FX_R_FIELD,	/* a field being read */
	FX_R_INFIELD,	/* markup inside a field */
	FX_R_IGNORE	/* nothing inside counts */
};

/* The attributes a field may need, copied when it opens. */
enum fx_attr {
	FX_A_TYPE,
	FX_A_MODE,
	FX_A_REL,
	FX_A_HREF,
	FX_A_PERMA,
	FX_A_TERM,
	FX_A_LABEL,
	FX_NATTRS
};

static const char *const fx_attr_names[FX_NATTRS] = {
	[FX_A_TYPE] = "type", [FX_A_MODE] = "mode", [FX_A_REL] = "rel",
	[FX_A_HREF] = "href", [FX_A_PERMA] = "isPermaLink",
	[FX_A_TERM] = "term", [FX_A_LABEL] = "label",
};

#define FX_MAXROWS	4	/* table rows one element fills at most */

/* The field being read: its rows, its text, the attributes it came with. */
struct fx_open {
	const struct fx_field	*rows[FX_MAXROWS];
	size_t			 nrows;
	struct feed_entry	*entry;		/* the item's or the channel's */
	int			 depth;		/* 0: no field open */
	int			 skip;		/* depth of skipped markup, or 0 */
	int			 name;		/* person: depth of <name>, -1 done */
	struct buf		 text;
	struct buf		 person;	/* the text of the person's name */
	char			*attrs[FX_NATTRS];
	const char		*base;		/* borrowed from the base stack */
};

/* xml:base in effect from an element on. */
struct fx_base {
	int	 depth;
	char	*url;
};

/* An HTML entity handed to the parser; lives as long as the parse. */
struct fx_ent {
	xmlEntity	 e;
	char		*name;
};

/* What one parse collects; hangs off the parser context's _private. */
struct fx_state {
	struct feed_read		*r;
	xmlParserCtxtPtr		 ctxt;
	const struct fx_dialect		*dialect;	/* NULL before the root */
	const char			*rootns;	/* the root's namespace */
	int				 depth;
	unsigned char			 role[FX_MAXDEPTH];
	struct feed_entry		 channel;
	struct feed_entry		 item;
	int				 initem;	/* the item's depth, or 0 */
	struct fx_open			 field;
	struct fx_base			*bases;
	size_t				 nbases;
	struct fx_ent			*ents[FX_MAXENTS];
	size_t				 nents;
	long				 ttl, period, frequency;
	const unsigned			*marks;		/* repairs per item */
	size_t				 nmarks, nth;
	int				 rootseen, notfeed, fatal, refused, recover;
	int				 errline;
	char				 root[64];
	char				 errmsg[160];
};

static int	fx_is_item(const struct fx_state *, const char *,
		    const char *);

/* ------------------------------------------------------------------ */
/* Names and namespaces                                                */

/* The namespace of a prefix libxml2 found undeclared, or NULL. */
static const char *
fx_prefix_ns(const xmlChar *prefix)
{
	size_t	 i;

	for (i = 0; prefix != NULL && i < nitems(fx_prefixes); i++)
		if (strcmp((const char *)prefix, fx_prefixes[i].prefix) == 0)
			return fx_prefixes[i].ns;
	return NULL;
}

/* An element's namespace: its URI, or what its undeclared prefix means. */
static const char *
fx_uri(const xmlChar *prefix, const xmlChar *uri)
{
	return uri != NULL ? (const char *)uri : fx_prefix_ns(prefix);
}

/* Whether a namespace is the feed's own: none, the root's, or a known one. */
static int
fx_own_ns(const struct fx_state *st, const char *uri)
{
	size_t	 i;

	if (uri == NULL || (st->rootns != NULL && strcmp(uri, st->rootns) == 0))
		return 1;
	for (i = 0; st->dialect->ns[i] != NULL; i++)
		if (strcmp(uri, st->dialect->ns[i]) == 0)
			return 1;
	return 0;
}

/* Whether a table row names this element. */
static int
fx_row_is(const struct fx_state *st, const struct fx_field *f,
    const char *name, const char *uri)
{
	if (strcmp(name, f->name) != 0)
		return 0;
	if (*f->ns == '\0')
		return fx_own_ns(st, uri);
	return uri != NULL && strcmp(uri, f->ns) == 0;
}

/* Collect the rows of a table that name this element. */
static void
fx_rows(const struct fx_state *st, const struct fx_field *t, size_t n,
    const char *name, const char *uri, struct fx_open *o)
{
	size_t	 i;

	for (i = 0; i < n && o->nrows < FX_MAXROWS; i++)
		if (fx_row_is(st, &t[i], name, uri))
			o->rows[o->nrows++] = &t[i];
}

/* ------------------------------------------------------------------ */
/* Attributes and bases                                                */

/*
 * An attribute value as SAX2 hands it over: a literal & arrives as "&#38;"
 * when entities are not substituted, which they never are here.
 */
static char *
fx_attr_value(const xmlChar *v, const xmlChar *end)
{
	struct buf	 b = { 0 };
	const char	*p = (const char *)v, *e = (const char *)end, *amp;

	while ((amp = memchr(p, '&', (size_t)(e - p))) != NULL) {
		buf_append(&b, p, (size_t)(amp - p));
		buf_putc(&b, '&');
		p = amp + 1;
		if (e - p >= 4 && memcmp(p, "#38;", 4) == 0)
			p += 4;
	}
	buf_append(&b, p, (size_t)(e - p));
	buf_putc(&b, '\0');
	return buf_steal(&b);
}

/* The value of an attribute in no namespace (or xml:), or NULL. */
static char *
fx_attr(int nattr, const xmlChar **attrs, const char *name, const char *ns)
{
	const xmlChar	**a;
	int		 i;

	for (i = 0; i < nattr; i++) {
		a = attrs + 5 * i;
		if (strcmp((const char *)a[0], name) != 0)
			continue;
		if (ns == NULL ? a[2] != NULL :
		    a[2] == NULL || strcmp((const char *)a[2], ns) != 0)
			continue;
		return fx_attr_value(a[3], a[4]);
	}
	return NULL;
}

/* The base URL in effect: the innermost xml:base, else the document's. */
static const char *
fx_base(const struct fx_state *st)
{
	return st->nbases > 0 ? st->bases[st->nbases - 1].url : st->r->url;
}

/* An element's xml:base, resolved against the one in effect, starts a scope. */
static void
fx_base_push(struct fx_state *st, int nattr, const xmlChar **attrs)
{
	char	*v, *u;

	if ((v = fx_attr(nattr, attrs, "base", NS_XML)) == NULL)
		return;
	u = doc_url_resolve(fx_base(st), v);
	free(v);
	if (u == NULL)
		return;
	st->bases = xreallocarray(st->bases, st->nbases + 1,
	    sizeof(*st->bases));
	st->bases[st->nbases].depth = st->depth;
	st->bases[st->nbases++].url = u;
}

/* Leave the scope of an xml:base set at this depth. */
static void
fx_base_pop(struct fx_state *st)
{
	if (st->nbases > 0 && st->bases[st->nbases - 1].depth == st->depth)
		free(st->bases[--st->nbases].url);
}

/* ------------------------------------------------------------------ */
/* Values                                                              */

/* The value of a base64 character, or -1. */
static int
fx_b64(unsigned char c)
{
	static const char	 set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	const char		*p;

	if (c == '\0' || (p = strchr(set, c)) == NULL)
		return -1;
	return (int)(p - set);
}

/* Decode base64 text (Atom mode="base64"), white space ignored. */
static struct buf
fx_base64(const struct buf *in)
{
	struct buf	 out = { 0 };
	unsigned	 acc = 0;
	int		 bits = 0, v;
	size_t		 i;

	for (i = 0; i < in->len; i++) {
		if ((v = fx_b64((unsigned char)in->data[i])) < 0)
			continue;
		acc = (acc << 6) | (unsigned)v;
		if ((bits += 6) >= 8) {
			bits -= 8;
			buf_putc(&out, (char)((acc >> bits) & 0xff));
		}
	}
	return out;
}

/* Whether a MIME type or Atom type names HTML. */
static int
fx_is_html(const char *type)
{
	return type != NULL && (strcasecmp(type, "html") == 0 ||
	    strcasecmp(type, "text/html") == 0);
}

/* Whether an Atom 1.0 content type is binary (base64, not text). */
static int
fx_is_binary(const char *type)
{
	const char	*slash;
	size_t		 n;

	if (type == NULL || (slash = strchr(type, '/')) == NULL)
		return 0;
	if (strncasecmp(type, "text/", 5) == 0)
		return 0;
	n = strlen(type);
	return !(n >= 4 && (strcasecmp(type + n - 4, "+xml") == 0 ||
	    strcasecmp(type + n - 4, "/xml") == 0));
}

/* An Atom text construct: escaped, base64 or inline, HTML or text. */
static char *
fx_typed(const struct fx_open *o)
{
	const char	*type = o->attrs[FX_A_TYPE], *mode = o->attrs[FX_A_MODE];
	struct buf	 b;
	char		*s;
	int		 html = fx_is_html(type);

	if (mode != NULL && strcasecmp(mode, "base64") == 0) {
		b = fx_base64(&o->text);
		s = b.data == NULL ? NULL : html ?
		    feed_html_text(b.data, b.len) : doc_text_clean(b.data, b.len);
		buf_free(&b);
		return s;
	}
	if (mode == NULL && fx_is_binary(type))
		return NULL;
	if (html || (mode != NULL && strcasecmp(mode, "escaped") == 0))
		return feed_html_text(o->text.data, o->text.len);
	return doc_text_clean(o->text.data, o->text.len);
}

/* Whether an Atom link is the item's web page: rel alternate, HTML type. */
static int
fx_alternate(const struct fx_open *o)
{
	const char	*rel = o->attrs[FX_A_REL], *type = o->attrs[FX_A_TYPE];

	if (rel != NULL && strcasecmp(rel, "alternate") != 0)
		return 0;
	return type == NULL || fx_is_html(type) ||
	    strcasecmp(type, "application/xhtml+xml") == 0;
}

/* A category's name: the Atom term or label, else the element's text. */
static char *
fx_category(const struct fx_open *o)
{
	const char	*v = o->attrs[FX_A_TERM];

	if (v == NULL || *v == '\0')
		v = o->attrs[FX_A_LABEL];
	if (v != NULL && *v != '\0')
		return doc_text_clean(v, strlen(v));
	return doc_text_clean(o->text.data, o->text.len);
}

/* The value of a field for one of its rows, or NULL. */
static char *
fx_value(const struct fx_open *o, enum fx_kind kind)
{
	const char	*perma = o->attrs[FX_A_PERMA];

	switch (kind) {
	case FX_HTML:
		return feed_html_text(o->text.data, o->text.len);
	case FX_TYPED:
		return fx_typed(o);
	case FX_LINK:
		return doc_url_resolve(o->base, o->text.data);
	case FX_ALINK:
		if (!fx_alternate(o))
			return NULL;
		return doc_url_resolve(o->base, o->attrs[FX_A_HREF] != NULL ?
		    o->attrs[FX_A_HREF] : o->text.data);
	case FX_GUID:
		if (perma != NULL && strcasecmp(perma, "false") == 0)
			return NULL;
		return doc_url_resolve(NULL, o->text.data);
	case FX_PERSON:
		if (o->person.len > 0)
			return doc_text_clean(o->person.data, o->person.len);
		return doc_text_clean(o->text.data, o->text.len);
	case FX_CATEGORY:
		return fx_category(o);
	default:
		return doc_text_clean(o->text.data, o->text.len);
	}
}

/* A whole number in a field, 1..max; 0 when it holds anything else. */
static long
fx_hint_num(const struct fx_open *o, long max)
{
	char	*t = doc_text_clean(o->text.data, o->text.len), *end;
	long	 v = 0;

	if (t != NULL && isdigit((unsigned char)*t)) {
		v = strtol(t, &end, 10);
		if (*end != '\0' || v < 1)
			v = 0;
		else if (v > max)
			v = max;
	}
	free(t);
	return v;
}

/* Compare a period's name with a table entry, ignoring case. */
static int
fx_period_cmp(const void *key, const void *elem)
{
	return strcasecmp(key, ((const struct fx_period *)elem)->name);
}

/* The seconds of an sy:updatePeriod; 0 when unknown. */
static long
fx_hint_period(const struct fx_open *o)
{
	const struct fx_period	*p;
	char			*t = doc_text_clean(o->text.data, o->text.len);

	p = t == NULL ? NULL : bsearch(t, fx_periods, nitems(fx_periods),
	    sizeof(fx_periods[0]), fx_period_cmp);
	free(t);
	return p != NULL ? p->seconds : 0;
}

/* Note a channel's polling hint. */
static void
fx_hint(struct fx_state *st, const struct fx_open *o, enum fx_kind kind)
{
	if (o->entry != &st->channel)
		return;
	if (kind == FX_TTL)
		st->ttl = fx_hint_num(o, FX_HINT_MAX / 60);
	else if (kind == FX_PERIOD)
		st->period = fx_hint_period(o);
	else
		st->frequency = fx_hint_num(o, FX_HINT_MAX);
}

/* ------------------------------------------------------------------ */
/* Fields                                                              */

/* Open a field for the rows found, copying the attributes it may need. */
static void
fx_field_open(struct fx_state *st, struct feed_entry *e, int nattr,
    const xmlChar **attrs)
{
	struct fx_open	*o = &st->field;
	size_t		 i;

	o->entry = e;
	o->depth = st->depth;
	o->skip = 0;
	o->name = 0;
	o->base = fx_base(st);
	for (i = 0; i < FX_NATTRS; i++)
		o->attrs[i] = fx_attr(nattr, attrs, fx_attr_names[i], NULL);
}

/* Close the open field: each of its rows offers its value to the entry. */
static void
fx_field_close(struct fx_state *st)
{
	struct fx_open	*o = &st->field;
	size_t		 i;
	enum fx_kind	 k;

	if (o->depth == 0)
		return;
	buf_putc(&o->text, '\0');
	o->text.len--;
	for (i = 0; i < o->nrows; i++) {
		k = o->rows[i]->kind;
		if (k == FX_TTL || k == FX_PERIOD || k == FX_FREQUENCY)
			fx_hint(st, o, k);
		else
			feed_entry_set(o->entry, o->rows[i]->slot,
			    o->rows[i]->prio, fx_value(o, k));
	}
	for (i = 0; i < FX_NATTRS; i++) {
		free(o->attrs[i]);
		o->attrs[i] = NULL;
	}
	buf_reset(&o->text);
	buf_reset(&o->person);
	o->nrows = 0;
	o->depth = 0;
}

/* Markup inside a field: a block breaks words, script and the like vanish. */
static void
fx_field_child(struct fx_state *st, const char *name)
{
	struct fx_open	*o = &st->field;

	if (o->skip != 0)
		return;
	if (o->name == 0 && o->nrows > 0 && o->rows[0]->kind == FX_PERSON &&
	    strcmp(name, "name") == 0) {
		o->name = st->depth;
		return;
	}
	switch (html_tag_kind(name)) {
	case HTML_SKIP:
		o->skip = st->depth;
		break;
	case HTML_BLOCK:
		buf_putc(&o->text, ' ');
		break;
	default:
		break;
	}
}

/* The end of markup inside a field. */
static void
fx_field_child_end(struct fx_state *st, const char *name)
{
	struct fx_open	*o = &st->field;

	if (o->skip == st->depth)
		o->skip = 0;
	else if (o->name == st->depth)
		o->name = -1;
	else if (o->skip == 0 && html_tag_kind(name) == HTML_BLOCK)
		buf_putc(&o->text, ' ');
}

/*
 * A child of an item (or of the channel): a field, a media group, or
 * nothing of ours.
 */
static enum fx_role
fx_child(struct fx_state *st, struct feed_entry *e, const char *name,
    const char *uri, int nattr, const xmlChar **attrs)
{
	struct fx_open	*o = &st->field;

	o->nrows = 0;
	fx_rows(st, st->dialect->fields, st->dialect->nfields, name, uri, o);
	fx_rows(st, fx_modules, nitems(fx_modules), name, uri, o);
	if (o->nrows == 0)
		return e == &st->channel ? FX_R_OTHER : FX_R_IGNORE;
	if (o->rows[0]->kind == FX_IGNORE)
		return FX_R_IGNORE;
	if (o->rows[0]->kind == FX_GROUP) {
		o->nrows = 0;
		return e == &st->item ? FX_R_GROUP : FX_R_IGNORE;
	}
	fx_field_open(st, e, nattr, attrs);
	return FX_R_FIELD;
}

/* ------------------------------------------------------------------ */
/* Items and the root                                                  */

/* Whether an element is one of the dialect's items. */
static int
fx_is_item(const struct fx_state *st, const char *name, const char *uri)
{
	return strcmp(name, st->dialect->item) == 0 && fx_own_ns(st, uri);
}

/*
 * An item starts (closing one left open: recovery nests unclosed items).
 * An RDF item's rdf:about is its id.
 */
static void
fx_item_start(struct fx_state *st, int nattr, const xmlChar **attrs)
{
	if (st->initem != 0) {
		fx_field_close(st);
		feed_entry_end(st->r, &st->item);
	}
	feed_entry_begin(&st->item);
	if (st->nth < st->nmarks)
		st->item.repairs = st->marks[st->nth];
	st->nth++;
	st->initem = st->depth;
	feed_entry_set(&st->item, FEED_ID, 0, fx_attr(nattr, attrs, "about",
	    NS_RDF));
}

/* The open item ends: its field first, if the feed left one open. */
static void
fx_item_end(struct fx_state *st)
{
	fx_field_close(st);
	feed_entry_end(st->r, &st->item);
	st->initem = 0;
}

/* The format of a feed, from its dialect, root namespace and version. */
static enum feed_format
fx_format(const struct fx_dialect *d, const char *uri, const char *version)
{
	if (strcmp(d->item, "entry") == 0)
		return (uri != NULL && strcmp(uri, NS_ATOM10) == 0) ||
		    (uri == NULL && (version == NULL ||
		    strcmp(version, "0.3") != 0)) ?
		    FEED_FMT_ATOM10 : FEED_FMT_ATOM03;
	if (strcmp(d->root, "rss") != 0)
		return FEED_FMT_RSS10;
	if (version != NULL && strncmp(version, "0.9", 3) == 0)
		return FEED_FMT_RSS09X;
	return FEED_FMT_RSS20;
}

/*
 * Whether a root element is a dialect's: its name, in no namespace, the
 * default one whatever it is (Atom drafts used several), or a known one.
 * RDF is only RDF in its own namespace.
 */
static int
fx_root_is(const struct fx_dialect *d, const char *name, const char *prefix,
    const char *uri)
{
	size_t	 i;

	if (strcmp(name, d->root) != 0)
		return 0;
	if (strcmp(name, "RDF") == 0)
		return uri != NULL && strcmp(uri, NS_RDF) == 0;
	if (uri == NULL || prefix == NULL)
		return 1;
	for (i = 0; d->ns[i] != NULL; i++)
		if (strcmp(uri, d->ns[i]) == 0)
			return 1;
	return 0;
}

/* The root element decides the dialect; anything else is no feed. */
static void
fx_root(struct fx_state *st, const char *name, const char *prefix,
    const char *uri, int nattr, const xmlChar **attrs)
{
	char	*version;
	size_t	 i;

	st->rootseen = 1;
	for (i = 0; i < nitems(fx_dialects) && st->dialect == NULL; i++)
		if (fx_root_is(&fx_dialects[i], name, prefix, uri))
			st->dialect = &fx_dialects[i];
	if (st->dialect == NULL) {
		st->notfeed = 1;
		xmlStopParser(st->ctxt);
		return;
	}
	st->rootns = uri != NULL ? xstrdup(uri) : NULL;
	feed_entry_begin(&st->channel);
	version = fx_attr(nattr, attrs, "version", NULL);
	st->r->info->format = fx_format(st->dialect, uri, version);
	free(version);
}

/* Note the root name refused, as the document wrote it. */
static void
fx_refuse_root(struct fx_state *st, const xmlChar *name, const xmlChar *prefix)
{
	snprintf(st->root, sizeof(st->root), "%s%s%s",
	    prefix != NULL ? (const char *)prefix : "",
	    prefix != NULL ? ":" : "", (const char *)name);
}

/*
 * Whether an element inside an open field really ends it: when recovering,
 * a field that holds only text (a title, a link) left unclosed is ended by
 * the next item or field element, as an HTML parser implies an end tag.
 */
static int
fx_field_broken(const struct fx_state *st, const char *name, const char *uri)
{
	const struct fx_open	*o = &st->field;
	struct fx_open		 probe = { .nrows = 0 };
	size_t			 i;

	if (!st->recover)
		return 0;
	if (o->depth == 0)
		return 1;
	for (i = 0; i < o->nrows; i++)
		if (o->rows[i]->kind == FX_TYPED ||
		    o->rows[i]->kind == FX_PERSON ||
		    strcmp(o->rows[i]->ns, NS_XHTML) == 0)
			return 0;
	if (fx_is_item(st, name, uri))
		return 1;
	fx_rows(st, st->dialect->fields, st->dialect->nfields, name, uri,
	    &probe);
	fx_rows(st, fx_modules, nitems(fx_modules), name, uri, &probe);
	return probe.nrows > 0;
}

/* The role of a new element, from its parent's and what it is. */
static enum fx_role
fx_role_of(struct fx_state *st, enum fx_role parent, const char *name,
    const char *uri, int nattr, const xmlChar **attrs)
{
	switch (parent) {
	case FX_R_FIELD:
	case FX_R_INFIELD:
		if (!fx_field_broken(st, name, uri)) {
			fx_field_child(st, name);
			return FX_R_INFIELD;
		}
		parent = st->initem != 0 ? FX_R_ITEM : FX_R_CHANNEL;
		fx_field_close(st);
		break;
	case FX_R_IGNORE:
		return FX_R_IGNORE;
	default:
		break;
	}
	if (fx_is_item(st, name, uri)) {
		fx_item_start(st, nattr, attrs);
		return FX_R_ITEM;
	}
	if (parent == FX_R_ITEM || parent == FX_R_GROUP)
		return fx_child(st, &st->item, name, uri, nattr, attrs);
	if (parent == FX_R_CHANNEL ||
	    (parent == FX_R_ROOT && st->dialect->channel == NULL))
		return fx_child(st, &st->channel, name, uri, nattr, attrs);
	if (parent == FX_R_ROOT && strcmp(name, st->dialect->channel) == 0)
		return FX_R_CHANNEL;
	return FX_R_OTHER;
}

/* ------------------------------------------------------------------ */
/* SAX callbacks                                                       */

/* The role of the element open at a depth. */
static enum fx_role
fx_role(const struct fx_state *st, int depth)
{
	if (depth < 1)
		return FX_R_OTHER;
	if (depth >= FX_MAXDEPTH)
		return FX_R_IGNORE;
	return (enum fx_role)st->role[depth];
}

/* An element starts. */
static void
fx_sax_start(void *ctx, const xmlChar *name, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **nss, int nattr, int ndef,
    const xmlChar **attrs)
{
	struct fx_state	*st = ((xmlParserCtxtPtr)ctx)->_private;
	const char	*ns = fx_uri(prefix, uri);
	enum fx_role	 role;

	(void)nns;
	(void)nss;
	(void)ndef;
	st->depth++;
	fx_base_push(st, nattr, attrs);
	if (st->depth == 1) {
		fx_root(st, (const char *)name, (const char *)prefix, ns,
		    nattr, attrs);
		if (st->notfeed)
			fx_refuse_root(st, name, prefix);
		role = FX_R_ROOT;
	} else if (st->dialect == NULL)
		return;
	else
		role = fx_role_of(st, fx_role(st, st->depth - 1),
		    (const char *)name, ns, nattr, attrs);
	if (st->depth < FX_MAXDEPTH)
		st->role[st->depth] = (unsigned char)role;
}

/* An element ends. */
static void
fx_sax_end(void *ctx, const xmlChar *name, const xmlChar *prefix,
    const xmlChar *uri)
{
	struct fx_state	*st = ((xmlParserCtxtPtr)ctx)->_private;

	(void)prefix;
	(void)uri;
	if (st->depth <= 0)
		return;
	switch (fx_role(st, st->depth)) {
	case FX_R_FIELD:
		if (st->field.depth == st->depth)
			fx_field_close(st);
		break;
	case FX_R_INFIELD:
		if (st->field.depth != 0)
			fx_field_child_end(st, (const char *)name);
		break;
	case FX_R_ITEM:
		if (st->initem == st->depth)
			fx_item_end(st);
		break;
	default:
		break;
	}
	fx_base_pop(st);
	st->depth--;
}

/* Text: kept when a field is open and not inside skipped markup. */
static void
fx_sax_text(void *ctx, const xmlChar *s, int len)
{
	struct fx_state	*st = ((xmlParserCtxtPtr)ctx)->_private;
	struct fx_open	*o = &st->field;

	if (o->depth == 0 || o->skip != 0 || len <= 0)
		return;
	buf_append(o->name > 0 ? &o->person : &o->text, s, (size_t)len);
}

/*
 * An entity the document did not declare: an HTML name a sloppy feed used
 * is read as its character (an entity libxml2 inlines like &amp;); any
 * other name stays unknown, which makes the strict parse fail.
 */
static xmlEntityPtr
fx_sax_entity(void *ctx, const xmlChar *name)
{
	xmlParserCtxtPtr	 ctxt = ctx;
	struct fx_state		*st = ctxt->_private;
	struct fx_ent		*fe;
	xmlEntityPtr		 e;
	const char		*v;
	size_t			 i;

	if ((e = xmlSAX2GetEntity(ctx, name)) != NULL)
		return e;
	for (i = 0; i < st->nents; i++)
		if (strcmp(st->ents[i]->name, (const char *)name) == 0)
			return &st->ents[i]->e;
	v = html_entity((const char *)name, strlen((const char *)name));
	if (v == NULL || st->nents == FX_MAXENTS)
		return NULL;
	fe = xcalloc(1, sizeof(*fe));
	fe->name = xstrdup((const char *)name);
	fe->e.type = XML_ENTITY_DECL;
	fe->e.name = (const xmlChar *)fe->name;
	fe->e.etype = XML_INTERNAL_PREDEFINED_ENTITY;
	fe->e.content = (xmlChar *)(uintptr_t)v;
	fe->e.length = (int)strlen(v);
	st->ents[st->nents++] = fe;
	return &fe->e;
}

/* Keep the first fatal error for the message a user sees; print nothing. */
static void
fx_sax_error(void *ctx, fx_error_t e)
{
	xmlParserCtxtPtr	 ctxt = ctx;
	struct fx_state		*st;
	size_t			 n;

	if (ctxt == NULL || (st = ctxt->_private) == NULL || e == NULL ||
	    e->level < XML_ERR_FATAL)
		return;
	if (e->code == XML_ERR_ENTITY_LOOP
#if LIBXML_VERSION >= 21100
	    || e->code == XML_ERR_RESOURCE_LIMIT
#endif
	    )
		st->refused = 1;
	st->fatal = 1;
	if (st->errline != 0)
		return;
	st->errline = e->line > 0 ? e->line : 1;
	snprintf(st->errmsg, sizeof(st->errmsg), "%s",
	    e->message != NULL ? e->message : "malformed document");
	n = strlen(st->errmsg);
	while (n > 0 && isspace((unsigned char)st->errmsg[n - 1]))
		st->errmsg[--n] = '\0';
}

/* The SAX handler: ours for elements, text and entities; SAX2's for the DTD. */
static void
fx_sax_init(xmlSAXHandler *sax)
{
	xmlSAXVersion(sax, 2);
	sax->startElementNs = fx_sax_start;
	sax->endElementNs = fx_sax_end;
	sax->characters = fx_sax_text;
	sax->cdataBlock = fx_sax_text;
	sax->ignorableWhitespace = fx_sax_text;
	sax->getEntity = fx_sax_entity;
	sax->reference = NULL;
	sax->comment = NULL;
	sax->processingInstruction = NULL;
	sax->serror = fx_sax_error;
	sax->warning = NULL;
	sax->error = NULL;
	sax->fatalError = NULL;
}

/* ------------------------------------------------------------------ */
/* Running a parse                                                     */

/* Free what a parse state holds; the state may be used again. */
static void
fx_state_free(struct fx_state *st)
{
	size_t	 i;

	fx_field_close(st);
	buf_free(&st->field.text);
	buf_free(&st->field.person);
	if (st->initem != 0)
		item_clear(&st->item.it);
	item_clear(&st->channel.it);
	for (i = 0; i < st->nbases; i++)
		free(st->bases[i].url);
	free(st->bases);
	for (i = 0; i < st->nents; i++) {
		free(st->ents[i]->name);
		free(st->ents[i]);
	}
	free((char *)(uintptr_t)st->rootns);
}

/* Feed a document to a push parser in chunks: it holds a window, no copy. */
static void
fx_push(struct fx_state *st, const char *doc, size_t len)
{
	size_t	 off, n;

	for (off = 0; off < len && !st->notfeed && !st->refused; off += n) {
		n = len - off < FX_CHUNK ? len - off : FX_CHUNK;
		xmlParseChunk(st->ctxt, doc + off, (int)n, 0);
		if (st->fatal && !st->recover)
			break;
	}
	xmlParseChunk(st->ctxt, NULL, 0, 1);
}

/* What the end of the document leaves: an unclosed item, the channel. */
static void
fx_finish(struct fx_state *st)
{
	struct feed_info	*fi = st->r->info;
	long			 sy = 0;

	if (st->initem != 0)
		fx_item_end(st);
	fx_field_close(st);
	feed_info_set(&fi->title, st->channel.it.title);
	feed_info_set(&fi->link, st->channel.it.link);
	st->channel.it.title = st->channel.it.link = NULL;
	if (st->period > 0 || st->frequency > 0)
		sy = (st->period > 0 ? st->period : 86400) /
		    (st->frequency > 0 ? st->frequency : 1);
	fi->ttl = st->ttl * 60 > sy ? st->ttl * 60 : sy;
}

/* One pass over a UTF-8 document; recover: libxml2 mends what it can. */
static void
fx_run(struct fx_state *st, const char *doc, size_t len, int recover)
{
	xmlSAXHandler	 sax;

	fx_sax_init(&sax);
	st->recover = recover;
	st->ctxt = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0,
	    st->r->url);
	if (st->ctxt == NULL)
		log_fatalx("feed: out of memory");
	st->ctxt->_private = st;
	xmlCtxtUseOptions(st->ctxt, FX_OPTS | (recover ? XML_PARSE_RECOVER :
	    0));
	fx_push(st, doc, len);
	if (st->dialect != NULL)
		fx_finish(st);
	if (st->ctxt->myDoc != NULL)
		xmlFreeDoc(st->ctxt->myDoc);
	st->ctxt->myDoc = NULL;
	xmlFreeParserCtxt(st->ctxt);
	st->ctxt = NULL;
}

/* Undo what a failed strict pass appended and counted. */
static void
fx_rewind(struct feed_read *r, size_t first)
{
	while (r->out->n > first)
		item_list_pop(r->out);
	r->info->repaired = r->info->unreadable = 0;
	r->info->repairs &= FEED_REPAIR_BYTES;
	free(r->info->title);
	free(r->info->link);
	r->info->title = r->info->link = NULL;
	r->info->ttl = 0;
}

/*
 * The strict parser refused the document: mend it and read it again with
 * libxml2's recovery. What was mended is recorded in the feed's info.
 */
static void
fx_recover(struct fx_state *st, const char *doc, size_t len)
{
	struct fx_state	 again = { .r = st->r };
	unsigned	*marks = NULL, repairs = 0;
	size_t		 nmarks = 0, fixedlen;
	char		*fixed;

	fixed = feed_repair(doc, len, &fixedlen, &repairs, &marks, &nmarks);
	again.marks = marks;
	again.nmarks = nmarks;
	fx_run(&again, fixed, fixedlen, 1);
	st->r->info->repairs |= repairs | (again.fatal ? FEED_REPAIR_MARKUP :
	    0);
	st->refused = again.refused;
	st->notfeed = again.notfeed;
	st->rootseen = again.rootseen;
	if (again.notfeed)
		memcpy(st->root, again.root, sizeof(st->root));
	fx_state_free(&again);
	free(marks);
	free(fixed);
}

/* The verdict on a parse: 0, or -1 with a message a user understands. */
static int
fx_verdict(const struct fx_state *st, struct feed_read *r, size_t first,
    char *err, size_t errlen)
{
	if (st->refused) {
		while (r->out->n > first)
			item_list_pop(r->out);
		snprintf(err, errlen, "refused: entity expansion (a \"billion "
		    "laughs\" document)");
	} else if (st->notfeed)
		snprintf(err, errlen, "not a feed: root element <%s>",
		    st->root);
	else if (!st->rootseen && st->errline != 0)
		snprintf(err, errlen, "XML error at line %d: %s", st->errline,
		    st->errmsg);
	else if (!st->rootseen)
		snprintf(err, errlen, "not a feed: no root element");
	else if (r->out->n == first && st->fatal)
		snprintf(err, errlen, "XML error at line %d: %s", st->errline,
		    st->errmsg);
	else
		return 0;
	return -1;
}

/* Read an RSS or Atom document: strictly, then mended if it must be. */
int
feed_xml_read(struct feed_read *r, const char *doc, size_t len, char *err,
    size_t errlen)
{
	struct fx_state	 st = { .r = r };
	size_t		 first = r->out->n;
	int		 rc;

	if (len > INT_MAX) {
		snprintf(err, errlen, "feed too large (%zu bytes)", len);
		return -1;
	}
	fx_run(&st, doc, len, 0);
	if (st.fatal && !st.refused && !st.notfeed) {
		fx_rewind(r, first);
		fx_recover(&st, doc, len);
	}
	rc = fx_verdict(&st, r, first, err, errlen);
	fx_state_free(&st);
	return rc;
}

/* ------------------------------------------------------------------ */
/* HTML fragments                                                      */

/* Text collected from an HTML fragment's SAX events. */
struct fx_html {
	struct buf	 b;
	int		 depth;
	int		 skip;	/* depth of a skipped element, or 0 */
};

/* An HTML element starts: a block breaks words, script and the like vanish. */
static void
fx_html_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	struct fx_html	*h = ctx;

	(void)atts;
	h->depth++;
	if (h->skip != 0)
		return;
	switch (html_tag_kind((const char *)name)) {
	case HTML_SKIP:
		h->skip = h->depth;
		break;
	case HTML_BLOCK:
		buf_putc(&h->b, ' ');
		break;
	default:
		break;
	}
}

/* An HTML element ends. */
static void
fx_html_end(void *ctx, const xmlChar *name)
{
	struct fx_html	*h = ctx;

	if (h->skip == h->depth)
		h->skip = 0;
	else if (h->skip == 0 && html_tag_kind((const char *)name) == HTML_BLOCK)
		buf_putc(&h->b, ' ');
	if (h->depth > 0)
		h->depth--;
}

/* Text of an HTML fragment, outside skipped elements. */
static void
fx_html_chars(void *ctx, const xmlChar *s, int len)
{
	struct fx_html	*h = ctx;

	if (h->skip == 0 && len > 0)
		buf_append(&h->b, s, (size_t)len);
}

/* The plain text of a fragment through libxml2's HTML parser, unfolded. */
static void
fx_html_parse(const char *s, size_t len, struct buf *out)
{
	htmlSAXHandler		 sax;
	struct fx_html		 h = { .b = { 0 } };
	htmlParserCtxtPtr	 ctxt;

	memset(&sax, 0, sizeof(sax));
	sax.startElement = fx_html_start;
	sax.endElement = fx_html_end;
	sax.characters = fx_html_chars;
	sax.ignorableWhitespace = fx_html_chars;
	ctxt = htmlCreatePushParserCtxt(&sax, &h, NULL, 0, NULL,
	    XML_CHAR_ENCODING_UTF8);
	if (ctxt == NULL)
		log_fatalx("feed: out of memory");
	htmlCtxtUseOptions(ctxt, FX_HTML_OPTS);
	htmlParseChunk(ctxt, s, (int)len, 1);
	if (ctxt->myDoc != NULL)
		xmlFreeDoc(ctxt->myDoc);
	htmlFreeParserCtxt(ctxt);
	*out = h.b;
}

/* The '>' that ends a tag whose attributes start at p, quotes respected. */
static const char *
fx_tag_end(const char *p, const char *end)
{
	char	 q = '\0';

	for (; p < end; p++) {
		if (q != '\0') {
			if (*p == q)
				q = '\0';
		} else if (*p == '"' || *p == '\'')
			q = *p;
		else if (*p == '>')
			return p;
	}
	return NULL;
}

/*
 * One tag of a simple fragment, at its '<': a space when it bounds a block.
 * The '>' that ends it, or NULL when the fragment needs the real parser.
 */
static const char *
fx_html_tag(const char *lt, const char *end, struct buf *b)
{
	const char	*p = lt + 1;
	char		 name[16];
	size_t		 n = 0;

	if (p < end && *p == '/')
		p++;
	while (p < end && isalnum((unsigned char)*p) && n < sizeof(name) - 1)
		name[n++] = *p++;
	name[n] = '\0';
	if (n == 0 || n == sizeof(name) - 1)
		return NULL;
	switch (html_tag_kind(name)) {
	case HTML_SKIP:
		return NULL;
	case HTML_BLOCK:
		buf_putc(b, ' ');
		break;
	default:
		break;
	}
	return fx_tag_end(p, end);
}

/*
 * The common fragment, tags and text only (no entities, comments or
 * scripts), reduced without a parser: the HTML parser took a third of a
 * big feed's time. -1 when the fragment needs the real parser.
 */
static int
fx_html_fast(const char *s, size_t len, struct buf *b)
{
	const char	*p = s, *end = s + len, *lt;

	if (memchr(s, '&', len) != NULL)
		return -1;
	while ((lt = memchr(p, '<', (size_t)(end - p))) != NULL) {
		buf_append(b, p, (size_t)(lt - p));
		if ((p = fx_html_tag(lt, end, b)) == NULL)
			return -1;
		p++;
	}
	buf_append(b, p, (size_t)(end - p));
	return 0;
}

/* Parse an HTML fragment only when it holds markup or entities. */
char *
feed_html_text(const char *s, size_t len)
{
	struct buf	 b = { 0 };
	char		*out;

	if (s == NULL)
		return NULL;
	if (len > INT_MAX ||
	    (memchr(s, '<', len) == NULL && memchr(s, '&', len) == NULL))
		return doc_text_clean(s, len);
	if (fx_html_fast(s, len, &b) == -1) {
		buf_free(&b);
		fx_html_parse(s, len, &b);
	}
	out = doc_text_clean(b.data, b.len);
	buf_free(&b);
	return out;
}

/* ------------------------------------------------------------------ */
/* Sniffing                                                            */

/* Skip from p past the first occurrence of the terminator t. */
static const char *
fx_past(const char *p, const char *end, const char *t)
{
	size_t	 tl = strlen(t);

	for (; p + tl <= end; p++)
		if (memcmp(p, t, tl) == 0)
			return p + tl;
	return end;
}

/* Skip a doctype, internal subset included. */
static const char *
fx_past_doctype(const char *p, const char *end)
{
	for (; p < end && *p != '>'; p++)
		if (*p == '[')
			p = fx_past(p, end, "]") - 1;
	return p < end ? p + 1 : end;
}

/* Whether the root element of an ASCII-compatible head is a feed's. */
static int
fx_sniff_ascii(const char *p, const char *end)
{
	const char	*name;
	size_t		 n, i;

	for (;;) {
		while (p < end && isspace((unsigned char)*p))
			p++;
		if (end - p < 2 || *p != '<')
			return 0;
		if (p[1] == '?')
			p = fx_past(p, end, "?>");
		else if (end - p >= 4 && memcmp(p, "<!--", 4) == 0)
			p = fx_past(p, end, "-->");
		else if (p[1] == '!')
			p = fx_past_doctype(p, end);
		else
			break;
	}
	for (name = ++p; p < end && !isspace((unsigned char)*p) &&
	    *p != '>' && *p != '/'; p++)
		if (*p == ':')
			name = p + 1;
	n = (size_t)(p - name);
	for (i = 0; i < nitems(fx_dialects); i++)
		if (n == strlen(fx_dialects[i].root) &&
		    memcmp(name, fx_dialects[i].root, n) == 0)
			return 1;
	return 0;
}

/* Sniff the root element, narrowing UTF-16 and UTF-32 to ASCII first. */
int
feed_xml_sniff(const char *data, size_t len)
{
	const unsigned char	*u = (const unsigned char *)data;
	char			 narrow[1024];
	size_t			 i, n = 0, step = 1, at = 0;

	if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf)
		return fx_sniff_ascii(data + 3, data + len);
	if (len >= 8 && (u[0] == 0 || u[1] == 0 || (u[0] == 0xff &&
	    u[1] == 0xfe) || (u[0] == 0xfe && u[1] == 0xff))) {
		/* Wide: the markup is ASCII; keep the byte that holds it. */
		if (memcmp(u, "\xff\xfe\0\0", 4) == 0 ||
		    memcmp(u, "\0\0\xfe\xff", 4) == 0)
			at = 4;
		else if (u[0] == 0xff || u[0] == 0xfe)
			at = 2;
		step = (u[at] == 0 && u[at + 1] == 0) ||
		    (u[at + 2] == 0 && u[at + 3] == 0) ? 4 : 2;
		for (i = 0; i < step; i++)
			if (u[at + i] != 0)
				break;
		for (i += at; i < len && n < sizeof(narrow); i += step)
			narrow[n++] = (char)u[i];
		return fx_sniff_ascii(narrow, narrow + n);
	}
	return fx_sniff_ascii(data, data + len);
}

/* ------------------------------------------------------------------ */
/* OPML                                                                */

/* An attribute of an outline, cleaned for display; NULL when absent. */
static char *
fx_opml_attr(const xmlNode *n, const char *name)
{
	xmlChar	*v = xmlGetProp(n, (const xmlChar *)name);
	char	*s;

	if (v == NULL)
		return NULL;
	s = doc_text_clean((const char *)v, strlen((const char *)v));
	xmlFree(v);
	return s;
}

/* Add one outline that names a feed; others are skipped. */
static void
fx_opml_outline(const xmlNode *n, struct item_list *out, size_t *skipped)
{
	struct item	*it;
	char		*url = fx_opml_attr(n, "xmlUrl");
	char		*link;

	if (url == NULL)
		return;
	link = doc_url_resolve(NULL, url);
	free(url);
	if (link == NULL) {
		(*skipped)++;
		return;
	}
	it = item_list_add(out);
	it->link = link;
	if ((it->title = fx_opml_attr(n, "title")) == NULL)
		it->title = fx_opml_attr(n, "text");
}

/* Visit every outline of the document, nested categories included. */
static void
fx_opml_walk(const xmlNode *n, struct item_list *out, size_t *skipped)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrcmp(n->name, (const xmlChar *)"outline") == 0)
			fx_opml_outline(n, out, skipped);
		fx_opml_walk(n->children, out, skipped);
	}
}

/* The document of an OPML file, decoded to UTF-8, or NULL. */
static xmlDocPtr
fx_opml_doc(const char *data, size_t len)
{
	struct doc	 d = { 0 };
	xmlDocPtr	 doc = NULL;
	char		 err[128];

	if (len > INT_MAX || doc_decode(&d, data, len, NULL, DOC_XML, err,
	    sizeof(err)) == -1)
		return NULL;
	doc = xmlReadMemory(d.data, (int)d.len, "opml.xml", "UTF-8",
	    FX_OPTS | XML_PARSE_RECOVER);
	doc_free(&d);
	return doc;
}

/* Read an OPML subscription list. */
int
feed_opml_parse(const char *data, size_t len, struct item_list *out,
    size_t *skipped, char *err, size_t errlen)
{
	xmlDocPtr	 doc;
	xmlNode		*root;

	*skipped = 0;
	if ((doc = fx_opml_doc(data, len)) == NULL) {
		snprintf(err, errlen, "not an XML document");
		return -1;
	}
	root = xmlDocGetRootElement(doc);
	if (root == NULL || xmlStrcasecmp(root->name, (const xmlChar *)"opml")) {
		snprintf(err, errlen, "not OPML: root element <%s>",
		    root ? (const char *)root->name : "");
		xmlFreeDoc(doc);
		return -1;
	}
	fx_opml_walk(root->children, out, skipped);
	xmlFreeDoc(doc);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Set-up                                                              */

static xmlExternalEntityLoader	 fx_prev_loader;

/* Refuse every external entity and DTD: feeds are untrusted. */
static xmlParserInputPtr
fx_no_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

/* Swallow libxml2's generic error output (HTML parser chatter). */
static void
fx_silent(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

/* Set libxml2 up for untrusted input: no external entities, no chatter. */
void
feed_init(void)
{
	xmlInitParser();
	fx_prev_loader = xmlGetExternalEntityLoader();
	xmlSetExternalEntityLoader(fx_no_loader);
	xmlSetGenericErrorFunc(NULL, fx_silent);
}

/* Restore libxml2's defaults and free its global state. */
void
feed_shutdown(void)
{
	if (fx_prev_loader != NULL)
		xmlSetExternalEntityLoader(fx_prev_loader);
	fx_prev_loader = NULL;
	xmlSetGenericErrorFunc(NULL, NULL);
	xmlCleanupParser();
}
