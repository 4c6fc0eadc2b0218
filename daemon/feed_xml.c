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
 * entity amplification stay in force, and a document they stop (a "billion
 * laughs") is read again with what its DTD's internal subset declares
 * blanked but for entities whose text holds no reference, so its items are
 * kept and no entity the bomb built is expanded.
 */
#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/SAX2.h>
#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlversion.h>
#include <libxml/xmlwriter.h>

#include "buf.h"
#include "compat.h"
#include "doc.h"
#include "feed.h"
#include "feed_int.h"
#include "html.h"
#include "log.h"
#include "xmalloc.h"

#define FX_CHUNK	(64 * 1024)	/* bytes handed to the parser at once */
#define FX_MAXDEPTH	512		/* libxml2 stops far below this */
#define FX_MAXENTS	256		/* distinct HTML entity names per parse */
/* Not XML_PARSE_NOERROR: libxml2 2.13 and later then hide errors from serror. */
#define FX_OPTS		(XML_PARSE_NONET | XML_PARSE_IGNORE_ENC)
#define FX_OPML_DEPTH	16	/* folders kept in a source's path */
#define FX_OPML_JUNK_MAX (64 * 1024) /* text before an OPML file looked past */
#define FX_MAXDOCS	64	/* documents read in one body, one after another */
#define FX_AMPLIFY	4	/* text kept per byte of document, at most */
#define FX_TEXT_FLOOR	(1024 * 1024)	/* text any document may keep */

/* libxml2 2.12 made the structured error const. */
#if LIBXML_VERSION >= 21200
typedef const xmlError	*fx_error_t;
#else
typedef xmlError	*fx_error_t;
#endif

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

/* xml:base in effect from an element on. */
struct fx_base {
	int	 depth;
	char	*url;
};

/* An HTML entity handed to the parser; lives as long as the parse. */
struct fx_ent {
	xmlEntity	 e;
	char		*name;
	int		 attr;		/* the one for attribute values */
};

/* What one parse collects; hangs off the parser context's _private. */
struct fx_state {
	struct feed_read		*r;
	xmlParserCtxtPtr		 ctxt;
	const char			*doc;		/* the text parsed */
	size_t				 len;
	const struct feed_dialect	*dialect;	/* NULL before the root */
	const struct feed_dialect	*idialect;	/* the open item's */
	const char			*rootns;	/* the root's namespace */
	int				 depth;
	unsigned char			 role[FX_MAXDEPTH];
	struct feed_entry		 channel;
	struct feed_entry		 item;
	int				 initem;	/* the item's depth, or 0 */
	struct feed_open		 field;
	struct fx_base			*bases;
	size_t				 nbases;
	struct fx_ent			*ents[FX_MAXENTS];
	size_t				 nents;
	struct feed_hints		 hints;
	const unsigned			*marks;		/* repairs per item */
	size_t				 nmarks, nth;
	int				 rootseen, notfeed, fatal, refused, recover;
	int				 errline;
	size_t				 text, textmax;	/* text kept, its bound */
	char				 root[64];
	char				 errmsg[160];
};

static int	fx_is_item(const struct fx_state *,
		    const struct feed_dialect *, const char *, const char *);

/* ------------------------------------------------------------------ */
/* Names and namespaces                                                */

/* An element's namespace: its URI, or what its undeclared prefix means. */
static const char *
fx_uri(const xmlChar *prefix, const xmlChar *uri)
{
	return uri != NULL ? (const char *)uri :
	    feed_prefix_ns((const char *)prefix);
}

/* ------------------------------------------------------------------ */
/* Attributes and bases                                                */

/*
 * An attribute value as SAX2 hands it over: a literal & arrives as "&#38;"
 * when entities are not substituted, which they never are here, and an
 * HTML name of more than a byte as itself (fx_sax_entity): &eacute;.
 */
static char *
fx_attr_value(const xmlChar *v, const xmlChar *end)
{
	struct buf	 b = { 0 };
	const char	*p = (const char *)v, *e = (const char *)end, *amp;
	const char	*semi, *ent;

	while ((amp = memchr(p, '&', (size_t)(e - p))) != NULL) {
		buf_append(&b, p, (size_t)(amp - p));
		p = amp + 1;
		semi = memchr(p, ';', (size_t)(e - p));
		if (semi != NULL &&
		    (ent = html_entity(p, (size_t)(semi - p))) != NULL) {
			buf_append(&b, ent, strlen(ent));
			p = semi + 1;
			continue;
		}
		buf_putc(&b, '&');
		if (e - p >= 4 && memcmp(p, "#38;", 4) == 0)
			p += 4;
	}
	buf_append(&b, p, (size_t)(e - p));
	buf_putc(&b, '\0');
	return buf_steal(&b);
}

/*
 * Whether an attribute (libxml2's five pointers) is in namespace ns, NULL
 * for none: by its URI, or by a conventional prefix a hand-written feed
 * left undeclared (rdf:about under a bare <RDF>).
 */
static int
fx_attr_in(const xmlChar **a, const char *ns)
{
	const char	*uri = (const char *)a[2];

	if (uri == NULL && ns != NULL && a[1] != NULL)
		uri = feed_prefix_ns((const char *)a[1]);
	if (ns == NULL)
		return uri == NULL;
	return uri != NULL && strcmp(uri, ns) == 0;
}

/* The value of an attribute in no namespace (or xml:), or NULL. */
static char *
fx_attr(int nattr, const xmlChar **attrs, const char *name, const char *ns)
{
	const xmlChar	**a;
	int		 i;

	for (i = 0; i < nattr; i++) {
		a = attrs + 5 * i;
		if (strcmp((const char *)a[0], name) == 0 && fx_attr_in(a, ns))
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
/* Fields                                                              */

/* Open a field for the rows found, copying the attributes it may need. */
static void
fx_field_open(struct fx_state *st, struct feed_entry *e, int nattr,
    const xmlChar **attrs)
{
	struct feed_open	*o = &st->field;
	const xmlChar		**a;
	enum feed_attr		 k;
	int			 i;

	o->entry = e;
	o->depth = st->depth;
	o->skip = 0;
	o->name = 0;
	o->base = fx_base(st);
	for (k = 0; k < FEED_NATTRS; k++)
		o->attrs[k] = NULL;
	/* Each attribute named once, the first of a name kept, as fx_attr. */
	for (i = 0; i < nattr; i++) {
		a = attrs + 5 * i;
		if (a[2] == NULL &&
		    (k = feed_attr_find((const char *)a[0])) < FEED_NATTRS &&
		    o->attrs[k] == NULL)
			o->attrs[k] = fx_attr_value(a[3], a[4]);
	}
}

/* Close the open field, if one is: its values go to its entry. */
static void
fx_field_close(struct fx_state *st)
{
	struct feed_open	*o = &st->field;

	if (o->depth == 0)
		return;
	feed_field_close(o, o->entry == &st->channel ? &st->hints : NULL);
}

/* Markup inside a field: a block breaks words, script and the like vanish. */
static void
fx_field_child(struct fx_state *st, const char *name)
{
	struct feed_open	*o = &st->field;

	if (o->skip != 0)
		return;
	if (o->name == 0 && o->nrows > 0 &&
	    o->rows[0]->kind == FEED_K_PERSON &&
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
	struct feed_open	*o = &st->field;

	if (o->skip == st->depth)
		o->skip = 0;
	else if (o->name == st->depth)
		o->name = -1;
	else if (o->skip == 0 && html_tag_kind(name) == HTML_BLOCK)
		buf_putc(&o->text, ' ');
}

/*
 * A media:content's url: the file of a Media RSS item with no page (a
 * video or photo agency's feed), linked as an enclosure is, after any
 * page, guid, id or player (a media:group has no url).
 */
static void
fx_media_file(struct fx_state *st, int nattr, const xmlChar **attrs)
{
	char	*url = fx_attr(nattr, attrs, "url", NULL);

	if (url != NULL && *url != '\0')
		feed_entry_set(&st->item, FEED_LINK, 6,
		    doc_url_resolve(fx_base(st), url));
	free(url);
}

/*
 * A child of an item (or of the channel): a field, a media group, or
 * nothing of ours.
 */
static enum fx_role
fx_child(struct fx_state *st, struct feed_entry *e, const char *name,
    const char *uri, int nattr, const xmlChar **attrs)
{
	struct feed_open	*o = &st->field;
	const struct feed_dialect *d = e == &st->item ? st->idialect :
	    st->dialect;

	if (feed_field_rows(d, st->rootns, name, uri, o) == 0)
		return e == &st->channel ? FX_R_OTHER : FX_R_IGNORE;
	if (o->rows[0]->kind == FEED_K_IGNORE)
		return FX_R_IGNORE;
	if (o->rows[0]->kind == FEED_K_GROUP) {
		o->nrows = 0;
		if (e != &st->item)
			return FX_R_IGNORE;
		fx_media_file(st, nattr, attrs);
		return FX_R_GROUP;
	}
	fx_field_open(st, e, nattr, attrs);
	return FX_R_FIELD;
}

/* ------------------------------------------------------------------ */
/* Items and the root                                                  */

/* Whether an element is one of a dialect's items. */
static int
fx_is_item(const struct fx_state *st, const struct feed_dialect *d,
    const char *name, const char *uri)
{
	/* The first letter (the tables' names are lower case) spares a call. */
	return (name[0] | 0x20) == d->item[0] &&
	    strcasecmp(name, d->item) == 0 &&
	    feed_dialect_own(d, st->rootns, uri);
}

/*
 * The dialect of an item starting here, or NULL: the feed's own, or the
 * other family's (<entry> in an RSS channel, <item> in an Atom feed, as a
 * CMS mixing the two writes them) where the feed's items go, or after an
 * item of its own that recovery left open.
 */
static const struct feed_dialect *
fx_item_of(const struct fx_state *st, enum fx_role parent, const char *name,
    const char *uri)
{
	const struct feed_dialect	*o = feed_dialect_other(st->dialect);

	if (fx_is_item(st, st->dialect, name, uri))
		return st->dialect;
	if (parent != FX_R_CHANNEL && parent != FX_R_ROOT &&
	    (st->initem == 0 || st->idialect != o))
		return NULL;
	return fx_is_item(st, o, name, uri) ? o : NULL;
}

/*
 * An item starts (closing one left open: recovery nests unclosed items).
 * An RDF item's rdf:about is its id, and its page where it has no link:
 * RSS 1.0 makes the two the same URI, and feeds that leave out <link>
 * rely on it.
 */
static void
fx_item_start(struct fx_state *st, const struct feed_dialect *d, int nattr,
    const xmlChar **attrs)
{
	char	*about;

	if (st->initem != 0) {
		fx_field_close(st);
		feed_entry_end(st->r, &st->item);
	}
	feed_entry_begin(&st->item);
	st->idialect = d;
	if (st->nth < st->nmarks)
		st->item.repairs = st->marks[st->nth];
	st->nth++;
	st->initem = st->depth;
	about = fx_attr(nattr, attrs, "about", NS_RDF);
	if (about != NULL)
		feed_entry_set(&st->item, FEED_LINK, 4,
		    doc_url_resolve(NULL, about));
	feed_entry_set(&st->item, FEED_ID, 0, about);
}

/* The open item ends: its field first, if the feed left one open. */
static void
fx_item_end(struct fx_state *st)
{
	fx_field_close(st);
	feed_entry_end(st->r, &st->item);
	st->initem = 0;
}

/* The root element decides the dialect; anything else is no feed. */
static void
fx_root(struct fx_state *st, const char *name, const char *prefix,
    const char *uri, int nattr, const xmlChar **attrs)
{
	char	*version;

	st->rootseen = 1;
	if ((st->dialect = feed_dialect_find(name, prefix, uri)) == NULL) {
		st->notfeed = 1;
		xmlStopParser(st->ctxt);
		return;
	}
	st->rootns = uri != NULL ? xstrdup(uri) : NULL;
	feed_entry_begin(&st->channel);
	version = fx_attr(nattr, attrs, "version", NULL);
	st->r->info->format = feed_dialect_format(st->dialect, uri, version);
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

/* Whether the open field is text read as HTML: a description, a content. */
static int
fx_field_is_html(const struct feed_open *o)
{
	size_t	 i;

	for (i = 0; i < o->nrows; i++)
		if (o->rows[i]->kind == FEED_K_HTML &&
		    (o->rows[i]->slot == FEED_SUMMARY ||
		    o->rows[i]->slot == FEED_CONTENT))
			return 1;
	return 0;
}

/*
 * Whether an element inside an open description or content is markup of
 * its HTML though it bears a field's name: HTML's <link> (a stylesheet's,
 * with its rel and href, left unclosed as HTML writes it; an RSS <link> has
 * no attributes, so one without is the item's, its second perhaps; an Atom
 * one is atom:link), or a field the item has already (an SVG icon's
 * <title> after the item's own title).
 */
static int
fx_field_markup(const struct fx_state *st, const char *name, const char *uri,
    int nattr)
{
	const struct feed_open	*o = &st->field;
	struct feed_open	 probe = { .nrows = 0 };
	const struct feed_entry	*e = o->entry;
	size_t			 i, n;

	if (!fx_field_is_html(o))
		return 0;
	if (strcasecmp(name, "link") == 0 &&
	    (uri == NULL || strcmp(uri, NS_ATOM10) != 0))
		return nattr > 0;
	n = feed_field_rows(e == &st->item ? st->idialect : st->dialect,
	    st->rootns, name, uri, &probe);
	for (i = 0; i < n; i++)
		if (probe.rows[i]->slot >= FEED_NSLOTS ||
		    probe.rows[i]->slot == FEED_CATEGORY ||
		    e->prio[probe.rows[i]->slot] > probe.rows[i]->prio)
			return 0;
	return n > 0;
}

/*
 * Whether an element inside an open field really ends it: when recovering,
 * a field that holds only text (a title, a link) left unclosed is ended by
 * the next item or field element, as an HTML parser implies an end tag.
 * Markup of a description that bears a field's name does not.
 */
static int
fx_field_broken(const struct fx_state *st, const char *name, const char *uri,
    int nattr)
{
	const struct feed_open	*o = &st->field;
	struct feed_open	 probe = { .nrows = 0 };
	size_t			 i;

	if (!st->recover)
		return 0;
	if (o->depth == 0)
		return 1;
	for (i = 0; i < o->nrows; i++)
		if (o->rows[i]->kind == FEED_K_TYPED ||
		    o->rows[i]->kind == FEED_K_PERSON ||
		    strcmp(o->rows[i]->ns, NS_XHTML) == 0)
			return 0;
	if (fx_field_markup(st, name, uri, nattr))
		return 0;
	if (fx_item_of(st, st->initem != 0 ? FX_R_ITEM : FX_R_CHANNEL, name,
	    uri) != NULL)
		return 1;
	return feed_field_rows(st->initem != 0 ? st->idialect : st->dialect,
	    st->rootns, name, uri, &probe) > 0;
}

/* The role of a new element, from its parent's and what it is. */
static enum fx_role
fx_role_of(struct fx_state *st, enum fx_role parent, const char *name,
    const char *uri, int nattr, const xmlChar **attrs)
{
	const struct feed_dialect	*d;

	switch (parent) {
	case FX_R_FIELD:
	case FX_R_INFIELD:
		if (!fx_field_broken(st, name, uri, nattr)) {
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
	if ((d = fx_item_of(st, parent, name, uri)) != NULL) {
		fx_item_start(st, d, nattr, attrs);
		return FX_R_ITEM;
	}
	if ((parent == FX_R_ITEM || parent == FX_R_GROUP) && st->initem == 0)
		return FX_R_IGNORE;	/* recovery ended this item already */
	if (parent == FX_R_ITEM || parent == FX_R_GROUP)
		return fx_child(st, &st->item, name, uri, nattr, attrs);
	if (parent == FX_R_CHANNEL ||
	    (parent == FX_R_ROOT && st->dialect->channel == NULL))
		return fx_child(st, &st->channel, name, uri, nattr, attrs);
	if (parent == FX_R_ROOT &&
	    strcasecmp(name, st->dialect->channel) == 0) {
		if (uri != NULL && strcmp(uri, NS_RSS09) == 0)
			st->r->info->format = FEED_FMT_RSS090;
		return FX_R_CHANNEL;
	}
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
	if (st->depth == 1 && !st->rootseen) {
		fx_root(st, (const char *)name, (const char *)prefix, ns,
		    nattr, attrs);
		if (st->notfeed)
			fx_refuse_root(st, name, prefix);
		role = FX_R_ROOT;
		if (st->dialect != NULL &&
		    fx_is_item(st, st->dialect, (const char *)name, ns)) {
			fx_item_start(st, st->dialect, nattr, attrs);
			role = FX_R_ITEM;
		}
	} else if (st->dialect == NULL)
		return;
	else if (st->depth == 1)	/* recovery closed the root early */
		role = fx_role_of(st, FX_R_ROOT, (const char *)name, ns,
		    nattr, attrs);
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

/*
 * Text: kept when a field is open and not inside skipped markup, C1
 * controls (&#146; or raw U+0092) read as the windows-1252 they were. A
 * long entity used thousands of times nests nothing, so libxml2 2.9 lets
 * it make far more text than the document holds: past FX_AMPLIFY times
 * the document it is a bomb, refused and read again without the entities.
 */
static void
fx_sax_text(void *ctx, const xmlChar *s, int len)
{
	struct fx_state	*st = ((xmlParserCtxtPtr)ctx)->_private;
	struct feed_open	*o = &st->field;

	if (o->depth == 0 || o->skip != 0 || len <= 0)
		return;
	st->text += (size_t)len;
	if (st->text > st->textmax) {
		st->refused = 1;
		xmlStopParser(st->ctxt);
		return;
	}
	html_c1_text(o->name > 0 ? &o->person : &o->text, (const char *)s,
	    (size_t)len);
}

/*
 * Whether libxml2 is reading an attribute's value, where before 2.13 it
 * keeps only the first byte of a predefined entity (&nbsp; was C2). 2.13
 * copies the whole entity, and 2.14 deprecates the parser's state.
 */
static int
fx_in_attribute(xmlParserCtxtPtr ctxt)
{
#if LIBXML_VERSION < 21300
	return ctxt->instate == XML_PARSER_ATTRIBUTE_VALUE;
#else
	(void)ctxt;
	return 0;
#endif
}

/*
 * An entity the document did not declare: an HTML name a sloppy feed used
 * is read as its character (an entity libxml2 inlines like &amp;); any
 * other name stays unknown, which makes the strict parse fail. Where
 * libxml2 would cut it in an attribute's value (fx_in_attribute), a name
 * of more than a byte is a general entity, which it writes as the
 * reference, for fx_attr_value to read.
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
	int			 attr;

	if ((e = xmlSAX2GetEntity(ctx, name)) != NULL)
		return e;
	v = html_entity((const char *)name, strlen((const char *)name));
	attr = v != NULL && v[1] != '\0' && fx_in_attribute(ctxt);
	for (i = 0; i < st->nents; i++)
		if (st->ents[i]->attr == attr &&
		    strcmp(st->ents[i]->name, (const char *)name) == 0)
			return &st->ents[i]->e;
	if (v == NULL || st->nents == FX_MAXENTS)
		return NULL;
	fe = xcalloc(1, sizeof(*fe));
	fe->name = xstrdup((const char *)name);
	fe->attr = attr;
	fe->e.type = XML_ENTITY_DECL;
	fe->e.name = (const xmlChar *)fe->name;
	fe->e.etype = attr ? XML_INTERNAL_GENERAL_ENTITY :
	    XML_INTERNAL_PREDEFINED_ENTITY;
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

/* Whether a tag's name is at p: the name, then white space, '>' or '/'. */
static int
fx_tag_at(const char *p, const char *end, const char *name, size_t n)
{
	return (size_t)(end - p) > n && strncasecmp(p, name, n) == 0 &&
	    (isspace((unsigned char)p[n]) || p[n] == '>' || p[n] == '/');
}

/* A tag's local name at p: past its prefix, if it has one (rss:item). */
static const char *
fx_local_at(const char *p, const char *end)
{
	const char	*q = p;

	while (q < end && (isalnum((unsigned char)*q) || *q == '_' ||
	    *q == '-' || *q == '.'))
		q++;
	return q < end && *q == ':' ? q + 1 : p;
}

/* Whether an end tag at p (past "</") ends the channel or the root. */
static int
fx_feed_end_at(const struct fx_state *st, const char *p, const char *end)
{
	const char	*channel = st->dialect->channel;
	const char	*root = st->dialect->root;

	p = fx_local_at(p, end);
	return (channel != NULL && fx_tag_at(p, end, channel,
	    strlen(channel))) || fx_tag_at(p, end, root, strlen(root));
}

/*
 * Whether the text of the document ends the item still open at its end:
 * after the item's last start tag, an end tag of the item, or of the
 * channel or root around it, in whatever prefix, outside comments and
 * CDATA sections. Recovery can spend an item's end tag closing HTML its
 * text left open (<br>, <img>), or a template may leave out </item>
 * before </channel>: the item is whole. A body cut inside the item has
 * no end tag after it.
 */
static int
fx_item_closed(const struct fx_state *st)
{
	const char	*name = st->idialect->item, *p, *q;
	const char	*end = st->doc + st->len;
	size_t		 n = strlen(name);
	int		 closed = 0;

	for (p = st->doc; (p = memchr(p, '<', (size_t)(end - p))) != NULL;
	    p++) {
		if ((q = feed_past_markup(p, end)) != p) {
			p = q - 1;
			continue;
		}
		if (fx_tag_at(fx_local_at(p + 1, end), end, name, n))
			closed = 0;
		else if (p + 1 < end && p[1] == '/' &&
		    (fx_tag_at(fx_local_at(p + 2, end), end, name, n) ||
		    fx_feed_end_at(st, p + 2, end)))
			closed = 1;
	}
	return closed;
}

/*
 * The document ended inside an item (a download cut off, a template that
 * died): what it holds may be cut anywhere, a title mid-word, its link and
 * guid not yet written. Stored so, it would alert with a cut title and no
 * link, then again once whole, under the key its guid gives; it is left
 * out, and the next poll reads it whole.
 */
static void
fx_item_cut(struct fx_state *st)
{
	fx_field_close(st);
	item_clear(&st->item.it);
	st->initem = 0;
	st->r->info->repairs |= FEED_REPAIR_CUT;
}

/* What the end of the document leaves: an open item, the channel. */
static void
fx_finish(struct fx_state *st)
{
	struct feed_info	*fi = st->r->info;

	if (st->initem != 0 && fx_item_closed(st))
		fx_item_end(st);
	else if (st->initem != 0)
		fx_item_cut(st);
	fx_field_close(st);
	feed_info_set(&fi->title, st->channel.it.title);
	feed_info_set(&fi->link, st->channel.it.link);
	st->channel.it.title = st->channel.it.link = NULL;
	if (feed_hints_seconds(&st->hints) > fi->ttl)
		fi->ttl = feed_hints_seconds(&st->hints);
}

/* One pass over a UTF-8 document; recover: libxml2 mends what it can. */
static void
fx_run(struct fx_state *st, const char *doc, size_t len, int recover)
{
	xmlSAXHandler	 sax;

	fx_sax_init(&sax);
	st->recover = recover;
	st->doc = doc;
	st->len = len;
	st->text = 0;
	st->textmax = len * FX_AMPLIFY + FX_TEXT_FLOOR;
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

/*
 * Undo what a failed strict pass appended and counted: the items and the
 * info go back to what they were before it (was).
 */
static void
fx_rewind(struct feed_read *r, size_t first, const struct feed_info *was)
{
	while (r->out->n > first)
		item_list_pop(r->out);
	if (r->info->title != was->title)
		free(r->info->title);
	if (r->info->link != was->link)
		free(r->info->link);
	*r->info = *was;
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
	if (st->errline == 0) {
		st->fatal = again.fatal;
		st->errline = again.errline;
		memcpy(st->errmsg, again.errmsg, sizeof(st->errmsg));
	}
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

/*
 * Places fx_next_doc looks for a document's head at, each way: a body
 * joins a few documents, a hostile one a million declarations.
 */
#define FX_DOC_LOOKS	64

/*
 * Where the next document starts in a body that holds several (a
 * template printed twice, feeds joined by a cache): an XML declaration
 * past the start, or else the end of the root element (the end tag of
 * the first), before a feed's root; 0 when there is none.
 */
static size_t
fx_next_doc(const char *doc, size_t len)
{
	const char	*p = doc, *end = doc + len, *root, *q;
	char		 tag[80];
	size_t		 n;
	int		 looks = FX_DOC_LOOKS;

	while (end - p > 6 && looks > 0 &&
	    (p = memchr(p + 1, '<', (size_t)(end - p - 1))) != NULL) {
		if (end - p <= 5 || memcmp(p, "<?xml", 5) != 0 ||
		    !isspace((unsigned char)p[5]))
			continue;
		looks--;
		if (feed_sniff_head(p, end))
			return (size_t)(p - doc);
	}
	if ((n = feed_head_root(doc, end, &root)) == 0 || n + 4 > sizeof(tag))
		return 0;
	n = (size_t)snprintf(tag, sizeof(tag), "</%.*s>", (int)n, root);
	for (p = doc, looks = FX_DOC_LOOKS; (size_t)(end - p) > n && looks > 0;
	    p++) {
		if (*p != '<' || memcmp(p, tag, n) != 0)
			continue;
		for (q = p + n; q < end && isspace((unsigned char)*q); q++)
			;
		looks--;
		if (q < end && feed_sniff_head(q, end))
			return (size_t)(q - doc);
	}
	return 0;
}

/* Where a prolog's DOCTYPE starts, or NULL: before the root, if any. */
static const char *
fx_doctype(const char *doc, const char *end)
{
	const char	*p = doc, *q;

	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL &&
	    end - p >= 9) {
		if (memcmp(p, "<!DOCTYPE", 9) == 0)
			return p;
		if (p[1] != '?' && p[1] != '!')
			return NULL;
		q = feed_dtd_skip(p, end);
		p = q == p ? p + 1 : q;
	}
	return NULL;
}

/*
 * Whether the markup declaration at p..end (its '>' excluded) declares a
 * harmless entity: a general one whose quoted text holds no reference
 * (<!ENTITY site "...">), so it expands to its own bytes and nothing else.
 */
static int
fx_entity_harmless(const char *p, const char *end)
{
	const char	*q;

	if (end - p < 9 || memcmp(p, "<!ENTITY", 8) != 0 ||
	    !isspace((unsigned char)p[8]))
		return 0;
	for (p += 8; p < end && isspace((unsigned char)*p); p++)
		continue;
	if (p == end || *p == '%')
		return 0;
	while (p < end && !isspace((unsigned char)*p))
		p++;
	while (p < end && isspace((unsigned char)*p))
		p++;
	if (p == end || (*p != '"' && *p != '\'') ||
	    (q = memchr(p + 1, *p, (size_t)(end - p - 1))) == NULL ||
	    memchr(p, '&', (size_t)(q - p)) != NULL ||
	    memchr(p, '%', (size_t)(q - p)) != NULL)
		return 0;
	for (q++; q < end && isspace((unsigned char)*q); q++)
		continue;
	return q == end;
}

/* Blank copy's bytes of doc from p to end, lines kept. */
static void
fx_blank(char *copy, const char *doc, const char *p, const char *end)
{
	for (; p < end; p++)
		if (*p != '\n')
			copy[p - doc] = ' ';
}

/*
 * Blank in copy what the internal subset at p (after its '[') declares,
 * but comments and harmless entities; where it ends. *n counts the bytes
 * blanked.
 */
static const char *
fx_blank_decls(char *copy, const char *doc, const char *p, const char *end,
    size_t *n)
{
	const char	*decl, *q;

	while (p < end && *p != ']') {
		if ((q = feed_dtd_skip(p, end)) != p || *p != '<') {
			p = q == p ? p + 1 : q;
			continue;
		}
		for (decl = p; p < end && *p != '>'; p = q)
			if ((q = feed_dtd_skip(p, end)) == p)
				q = p + 1;
		if (!fx_entity_harmless(decl, p)) {
			fx_blank(copy, doc, decl, p + (p < end));
			*n += (size_t)(p - decl) + 1;
		}
		p += p < end;
	}
	return p;
}

/*
 * A copy of a document whose DOCTYPE's internal subset (its [ ... ], where
 * a "billion laughs" declares its entities) is blanked, lines kept; NULL
 * when it has none. Its harmless entities (fx_entity_harmless) stay, unless
 * there is nothing else to blank: then the whole subset goes (the bomb was
 * in them, a long text repeated). The bomb's references then read as
 * unknown names.
 */
static char *
fx_drop_subset(const char *doc, size_t len)
{
	const char	*end = doc + len, *p, *open = NULL, *q;
	char		*copy;
	size_t		 n = 0;

	if ((p = fx_doctype(doc, end)) == NULL)
		return NULL;
	for (p += 9; p < end && *p != '>' && *p != '['; p = q)
		if ((q = feed_dtd_skip(p, end)) == p)
			q = p + 1;
	if (p >= end || *p != '[')
		return NULL;
	copy = xmalloc(len + 1);
	memcpy(copy, doc, len);
	copy[len] = '\0';
	open = p;
	p = fx_blank_decls(copy, doc, p + 1, end, &n);
	if (n == 0)
		fx_blank(copy, doc, open, p + (p < end));
	return copy;
}

/*
 * Read one document: strictly, then mended if it must be. Bytes nobody
 * checked are sent back to be decoded for real when the strict read fails:
 * the failure may be theirs, not the markup's. When cut is given and a
 * failed document holds another after its own, only its own is read and
 * *cut says where the next one starts.
 */
static int
fx_read(struct feed_read *r, const char *doc, size_t len,
    enum feed_xml_pass pass, size_t *cut, char *err, size_t errlen)
{
	struct fx_state		 st = { .r = r };
	struct feed_info	 was = *r->info;
	size_t			 first = r->out->n;
	char			*bare;
	int			 rc;

	if (pass != FEED_XML_MEND)
		fx_run(&st, doc, len, 0);
	if (pass == FEED_XML_MEND || (st.fatal && !st.refused &&
	    !st.notfeed)) {
		fx_rewind(r, first, &was);
		if (pass == FEED_XML_UNCHECKED ||
		    (cut != NULL && (*cut = fx_next_doc(doc, len)) > 0)) {
			fx_state_free(&st);
			if (pass == FEED_XML_UNCHECKED)
				return FEED_XML_RECHECK;
			r->info->repairs |= FEED_REPAIR_MARKUP;
			return fx_read(r, doc, *cut, FEED_XML_STRICT, NULL, err,
			    errlen);
		}
		fx_recover(&st, doc, len);
	}
	if (st.refused && (bare = fx_drop_subset(doc, len)) != NULL) {
		fx_rewind(r, first, &was);
		fx_state_free(&st);
		r->info->repairs |= FEED_REPAIR_BOMB;
		rc = fx_read(r, bare, len, pass, cut, err, errlen);
		free(bare);
		return rc;
	}
	rc = fx_verdict(&st, r, first, err, errlen);
	fx_state_free(&st);
	return rc;
}

/*
 * Read an RSS or Atom body: its document, or each of the documents it
 * holds one after another; it reads when any of them does.
 */
int
feed_xml_read(struct feed_read *r, const char *doc, size_t len,
    enum feed_xml_pass pass, char *err, size_t errlen)
{
	size_t	 cut, ndocs;
	int	 rc, read = 0;

	if (len > INT_MAX) {
		snprintf(err, errlen, "feed too large (%zu bytes)", len);
		return -1;
	}
	for (ndocs = 1;; ndocs++) {
		cut = 0;
		rc = fx_read(r, doc, len, pass, ndocs < FX_MAXDOCS ? &cut :
		    NULL, err, errlen);
		if (rc == FEED_XML_RECHECK || cut == 0)
			return read && rc == -1 ? 0 : rc;
		read |= rc == 0;
		doc += cut;
		len -= cut;
		pass = FEED_XML_STRICT;
	}
}

/* ------------------------------------------------------------------ */
/* OPML                                                                */

/*
 * An outline's attribute of that name in any case: exporters write xmlurl
 * and URL as well as xmlUrl, and OPML has no two names that differ in
 * case alone. The first, or NULL.
 */
static const xmlAttr *
fx_opml_prop(const xmlNode *n, const char *name)
{
	const xmlAttr	*a;

	for (a = n->properties; a != NULL; a = a->next)
		if (xmlStrcasecmp(a->name, (const xmlChar *)name) == 0)
			return a;
	return NULL;
}

/* Whether an outline has an attribute at all, empty or not. */
static int
fx_opml_attr_has(const xmlNode *n, const char *name)
{
	return fx_opml_prop(n, name) != NULL;
}

/* Whether n is an <outline> element, in any case. */
static int
fx_opml_is_outline(const xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE &&
	    xmlStrcasecmp(n->name, (const xmlChar *)"outline") == 0;
}

/* One feed's outline in an OPML list being written. */
static void
fx_opml_write_feed(xmlTextWriterPtr w, const struct item *it)
{
	const xmlChar	*title = BAD_CAST (it->title ? it->title : it->link);

	xmlTextWriterStartElement(w, BAD_CAST "outline");
	xmlTextWriterWriteAttribute(w, BAD_CAST "type", BAD_CAST "rss");
	xmlTextWriterWriteAttribute(w, BAD_CAST "text", title);
	xmlTextWriterWriteAttribute(w, BAD_CAST "title", title);
	xmlTextWriterWriteAttribute(w, BAD_CAST "xmlUrl", BAD_CAST it->link);
	xmlTextWriterEndElement(w);
}

/* An attribute of an outline, cleaned for display; NULL when absent. */
static char *
fx_opml_attr(const xmlNode *n, const char *name)
{
	const xmlAttr	*a = fx_opml_prop(n, name);
	xmlChar		*v;
	char		*s;

	if (a == NULL || (v = xmlNodeListGetString(n->doc, a->children,
	    1)) == NULL)
		return NULL;
	s = doc_text_clean((const char *)v, strlen((const char *)v));
	xmlFree(v);
	return s;
}

/* The folders an outline is in, outermost first: a path of titles. */
struct fx_folders {
	char	*v[FX_OPML_DEPTH];
	size_t	 n;
};

/* Note an outline raqib cannot read, and why (a static text). */
static void
fx_opml_skip(struct feed_opml *o, const xmlNode *n, char *url, const char *why)
{
	struct feed_opml_skip	*k;

	o->skipped = xreallocarray(o->skipped, o->nskipped + 1,
	    sizeof(*o->skipped));
	k = &o->skipped[o->nskipped++];
	if ((k->title = fx_opml_attr(n, "title")) == NULL)
		k->title = fx_opml_attr(n, "text");
	k->url = url;
	k->why = why;
}

/* Add a feed's outline, in its folders. */
static void
fx_opml_feed(struct feed_opml *o, const xmlNode *n, char *link,
    const struct fx_folders *f)
{
	struct item	*it;
	size_t		 i;

	it = item_list_add(&o->feeds);
	it->link = link;
	if ((it->title = fx_opml_attr(n, "title")) == NULL)
		it->title = fx_opml_attr(n, "text");
	it->categories = xcalloc(f->n + 1, sizeof(*it->categories));
	for (i = 0; i < f->n; i++)
		it->categories[it->ncategories++] = xstrdup(f->v[i]);
}

/*
 * A feed URL in the feed: scheme (Safari's and NetNewsWire's exports, the
 * feed URI draft) as the http or https URL it stands for, in place:
 * feed://host/x is http://host/x, feed:https://host/x is https://host/x.
 * Any other URL is left as it is.
 */
static void
fx_opml_unfeed(char **url)
{
	char	*rest, *http;

	if (strncasecmp(*url, "feed:", 5) != 0)
		return;
	rest = *url + 5;
	if (strncasecmp(rest, "http://", 7) == 0 ||
	    strncasecmp(rest, "https://", 8) == 0)
		http = xstrdup(rest);
	else if (strncmp(rest, "//", 2) == 0)
		xasprintf(&http, "http:%s", rest);
	else
		return;
	free(*url);
	*url = http;
}

/* Read one outline that is no folder: a feed, or one raqib skips. */
static void
fx_opml_outline(struct feed_opml *o, const xmlNode *n,
    const struct fx_folders *f)
{
	char	*url = fx_opml_attr(n, "xmlUrl"), *link;

	if (url == NULL) {
		fx_opml_skip(o, n, NULL, "it has no feed URL (xmlUrl)");
		return;
	}
	fx_opml_unfeed(&url);
	if ((link = doc_url_resolve(NULL, url)) == NULL) {
		fx_opml_skip(o, n, url, "its feed URL is not http or https");
		return;
	}
	free(url);
	fx_opml_feed(o, n, link, f);
}

/* Whether an element has an outline among its children: a folder. */
static int
fx_opml_is_folder(const xmlNode *n)
{
	for (n = n->children; n != NULL; n = n->next)
		if (fx_opml_is_outline(n))
			return 1;
	return 0;
}

/* Visit every outline under n; folders nest, their titles kept in f. */
static void
fx_opml_walk(struct feed_opml *o, const xmlNode *n, struct fx_folders *f)
{
	char	*name;
	int	 pushed;

	for (; n != NULL; n = n->next) {
		if (!fx_opml_is_outline(n)) {
			if (n->type == XML_ELEMENT_NODE)
				fx_opml_walk(o, n->children, f);
			continue;
		}
		if (!fx_opml_is_folder(n) || fx_opml_attr_has(n, "xmlUrl")) {
			fx_opml_outline(o, n, f);
			continue;
		}
		if ((name = fx_opml_attr(n, "title")) == NULL)
			name = fx_opml_attr(n, "text");
		if ((pushed = f->n < FX_OPML_DEPTH && name != NULL))
			f->v[f->n++] = name;
		fx_opml_walk(o, n->children, f);
		f->n -= pushed;
		free(name);
	}
}

/*
 * How many bytes of text come before an OPML file's XML declaration or
 * root: a PHP warning or notice the exporting script printed first
 * (<br /><b>Warning</b>: ..., or plain text), a stray control character.
 * 0 when the file opens, after white space, with markup of its own (<?,
 * <!, <opml) or when no declaration or root follows within FX_OPML_JUNK_MAX.
 */
static size_t
fx_opml_junk_at(const char *s, size_t len)
{
	const char	*end = s + (len < FX_OPML_JUNK_MAX ? len :
			    FX_OPML_JUNK_MAX);
	const char	*p = s, *opml = NULL;

	while (p < end && isspace((unsigned char)*p))
		p++;
	if (end - p >= 2 && p[0] == '<' && (p[1] == '?' || p[1] == '!'))
		return 0;
	for (; (p = memchr(p, '<', (size_t)(end - p))) != NULL; p++) {
		if (end - p >= 6 && memcmp(p, "<?xml", 5) == 0 &&
		    (isspace((unsigned char)p[5]) || p[5] == '?'))
			return (size_t)(p - s);
		if (opml == NULL && end - p >= 6 &&
		    strncasecmp(p, "<opml", 5) == 0 &&
		    (isspace((unsigned char)p[5]) || p[5] == '>'))
			opml = p;
	}
	return opml != NULL ? (size_t)(opml - s) : 0;
}

/*
 * fx_opml_junk_at's text, unless it is only controls and white space (a
 * NUL a script padded with), which feed_repair drops and names as such.
 */
static size_t
fx_opml_junk(const char *s, size_t len)
{
	size_t	 junk = fx_opml_junk_at(s, len), i;

	for (i = 0; i < junk; i++)
		if ((unsigned char)s[i] > ' ' && s[i] != 0x7f)
			return junk;
	return 0;
}

/*
 * The document of an OPML file, decoded to UTF-8, or NULL: from its
 * declaration or root when text comes before them (fx_opml_junk), read
 * strictly, else mended as a feed is (feed_repair, what it took in
 * *repairs) and recovered, since recovery alone drops an outline's
 * attributes from a character XML forbids (a control, U+FFFE) on, its
 * xmlUrl with them.
 */
static xmlDocPtr
fx_opml_doc(const char *data, size_t len, unsigned *repairs)
{
	struct doc	 d = { 0 };
	xmlDocPtr	 doc = NULL;
	unsigned	*marks = NULL;
	size_t		 nmarks = 0, fixedlen, junk;
	char		 err[128], *fixed;

	if (len > INT_MAX || doc_decode(&d, data, len, NULL, DOC_XML, err,
	    sizeof(err)) == -1)
		return NULL;
	if ((junk = fx_opml_junk(d.data, d.len)) > 0)
		*repairs |= FEED_REPAIR_MARKUP;
	doc = xmlReadMemory(d.data + junk, (int)(d.len - junk), "opml.xml",
	    "UTF-8", FX_OPTS);
	if (doc == NULL) {
		fixed = feed_repair(d.data + junk, d.len - junk, &fixedlen,
		    repairs, &marks, &nmarks);
		if (fixedlen <= INT_MAX)
			doc = xmlReadMemory(fixed, (int)fixedlen, "opml.xml",
			    "UTF-8", FX_OPTS | XML_PARSE_RECOVER);
		free(fixed);
		free(marks);
	}
	doc_free(&d);
	return doc;
}

/* Read an OPML subscription list. */
int
feed_opml_parse(const char *data, size_t len, struct feed_opml *out,
    char *err, size_t errlen)
{
	struct fx_folders	 f = { { NULL }, 0 };
	xmlDocPtr		 doc;
	xmlNode			*root;

	memset(out, 0, sizeof(*out));
	if ((doc = fx_opml_doc(data, len, &out->repairs)) == NULL) {
		snprintf(err, errlen, "not an XML document");
		return -1;
	}
	root = xmlDocGetRootElement(doc);
	if (root == NULL || xmlStrcasecmp(root->name, (const xmlChar *)"opml")) {
		if (root == NULL)
			snprintf(err, errlen, "not OPML: no <opml> element, "
			    "nor any other");
		else
			snprintf(err, errlen, "not OPML: root element <%s>",
			    (const char *)root->name);
		xmlFreeDoc(doc);
		return -1;
	}
	fx_opml_walk(out, root->children, &f);
	xmlFreeDoc(doc);
	return 0;
}

/* Free what an OPML reading holds. */
void
feed_opml_free(struct feed_opml *o)
{
	size_t	 i;

	item_list_free(&o->feeds);
	for (i = 0; i < o->nskipped; i++) {
		free(o->skipped[i].title);
		free(o->skipped[i].url);
	}
	free(o->skipped);
	memset(o, 0, sizeof(*o));
}

/* Write an OPML 2.0 subscription list with libxml2's writer, which escapes. */
void
feed_opml_write(const char *title, const struct item_list *feeds,
    struct buf *out)
{
	xmlBufferPtr		 xb;
	xmlTextWriterPtr	 w;
	size_t			 i;

	if ((xb = xmlBufferCreate()) == NULL ||
	    (w = xmlNewTextWriterMemory(xb, 0)) == NULL)
		xmalloc_oom();
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, BAD_CAST "  ");
	xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL);
	xmlTextWriterStartElement(w, BAD_CAST "opml");
	xmlTextWriterWriteAttribute(w, BAD_CAST "version", BAD_CAST "2.0");
	xmlTextWriterStartElement(w, BAD_CAST "head");
	xmlTextWriterWriteElement(w, BAD_CAST "title", BAD_CAST title);
	xmlTextWriterEndElement(w);
	xmlTextWriterStartElement(w, BAD_CAST "body");
	for (i = 0; i < feeds->n; i++)
		fx_opml_write_feed(w, &feeds->v[i]);
	/* In memory, the writer fails only when out of memory. */
	if (xmlTextWriterEndDocument(w) < 0)
		xmalloc_oom();
	xmlFreeTextWriter(w);
	buf_append(out, xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
	xmlBufferFree(xb);
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
