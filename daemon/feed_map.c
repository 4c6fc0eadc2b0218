/*
 * feed_map: what the elements of RSS and Atom mean. The dialect tables map
 * each element to an item field with a priority (sfeed's way: data, not
 * if-chains); the functions below find an element's rows, and turn a
 * field's collected text and attributes into its value when it closes.
 * Pure: feed_xml.c feeds it the parser's events.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "compat.h"
#include "doc.h"
#include "feed_int.h"
#include "html.h"

#define FM_HINT_MAX	(366 * 86400L)	/* a longer polling hint is a year */

/* The RSS family (0.90 to 2.0, RDF): element names of the feed's own. */
static const struct feed_field fm_rss[] = {
	{ NS_FEED, "title", FEED_TITLE, 1, FEED_K_HTML },
	{ NS_FEED, "link", FEED_LINK, 1, FEED_K_LINK },
	{ NS_FEED, "guid", FEED_ID, 1, FEED_K_TEXT },
	{ NS_FEED, "guid", FEED_LINK, 3, FEED_K_GUID },
	{ NS_FEED, "enclosure", FEED_LINK, 5, FEED_K_ENCLOSURE },
	{ NS_FEED, "comments", FEED_LINK, 4, FEED_K_COMMENTS },
	{ NS_FEED, "pubDate", FEED_PUBLISHED, 1, FEED_K_TEXT },
	{ NS_FEED, "description", FEED_SUMMARY, 1, FEED_K_HTML },
	{ NS_FEED, "author", FEED_AUTHOR, 2, FEED_K_TEXT },
	{ NS_FEED, "category", FEED_CATEGORY, 1, FEED_K_CATEGORY },
	{ NS_FEED, "ttl", FEED_NSLOTS, 0, FEED_K_TTL },
};

/* Atom 1.0, with the Atom 0.3 names (issued, modified, created). */
static const struct feed_field fm_atom[] = {
	{ NS_FEED, "title", FEED_TITLE, 1, FEED_K_TYPED },
	{ NS_FEED, "link", FEED_LINK, 1, FEED_K_ALINK },
	{ NS_FEED, "id", FEED_ID, 1, FEED_K_TEXT },
	{ NS_FEED, "id", FEED_LINK, 3, FEED_K_GUID },
	{ NS_FEED, "link", FEED_LINK, 5, FEED_K_ENCLOSURE },
	{ NS_FEED, "published", FEED_PUBLISHED, 1, FEED_K_TEXT },
	{ NS_FEED, "issued", FEED_PUBLISHED, 1, FEED_K_TEXT },
	{ NS_FEED, "created", FEED_PUBLISHED, 3, FEED_K_TEXT },
	{ NS_FEED, "updated", FEED_UPDATED, 1, FEED_K_TEXT },
	{ NS_FEED, "modified", FEED_UPDATED, 1, FEED_K_TEXT },
	{ NS_FEED, "author", FEED_AUTHOR, 1, FEED_K_PERSON },
	{ NS_FEED, "summary", FEED_SUMMARY, 1, FEED_K_TYPED },
	{ NS_FEED, "content", FEED_CONTENT, 1, FEED_K_TYPED },
	{ NS_FEED, "content", FEED_LINK, 2, FEED_K_SRC },
	{ NS_FEED, "category", FEED_CATEGORY, 1, FEED_K_CATEGORY },
	{ NS_FEED, "source", FEED_NSLOTS, 0, FEED_K_IGNORE },
};

/* The modules both families use, by namespace. */
static const struct feed_field fm_modules[] = {
	{ NS_FEEDBURNER, "origLink", FEED_LINK, 0, FEED_K_LINK },
	{ NS_ATOM10, "link", FEED_LINK, 2, FEED_K_ALINK },
	{ NS_ATOM10, "updated", FEED_UPDATED, 1, FEED_K_TEXT },
	{ NS_ATOM10, "published", FEED_PUBLISHED, 1, FEED_K_TEXT },
	{ NS_DC, "title", FEED_TITLE, 2, FEED_K_HTML },
	{ NS_DC, "description", FEED_SUMMARY, 2, FEED_K_HTML },
	{ NS_DC, "date", FEED_UPDATED, 1, FEED_K_TEXT },
	{ NS_DC, "creator", FEED_AUTHOR, 1, FEED_K_TEXT },
	{ NS_DC, "identifier", FEED_ID, 2, FEED_K_TEXT },
	{ NS_DC, "subject", FEED_CATEGORY, 1, FEED_K_CATEGORY },
	{ NS_DCTERMS, "issued", FEED_PUBLISHED, 1, FEED_K_TEXT },
	{ NS_DCTERMS, "created", FEED_PUBLISHED, 2, FEED_K_TEXT },
	{ NS_DCTERMS, "modified", FEED_UPDATED, 1, FEED_K_TEXT },
	{ NS_CONTENT, "encoded", FEED_CONTENT, 1, FEED_K_HTML },
	{ NS_XHTML, "body", FEED_CONTENT, 2, FEED_K_TEXT },
	{ NS_YANDEX, "full-text", FEED_CONTENT, 3, FEED_K_HTML },
	{ NS_TURBO, "content", FEED_CONTENT, 3, FEED_K_HTML },
	{ NS_MEDIA, "title", FEED_TITLE, 3, FEED_K_HTML },
	{ NS_MEDIA, "description", FEED_SUMMARY, 3, FEED_K_HTML },
	{ NS_ITUNES, "summary", FEED_SUMMARY, 4, FEED_K_HTML },
	{ NS_ITUNES_OLD, "summary", FEED_SUMMARY, 4, FEED_K_HTML },
	/* A podcast episode titled only for Apple's directory. */
	{ NS_ITUNES, "title", FEED_TITLE, 4, FEED_K_HTML },
	{ NS_ITUNES_OLD, "title", FEED_TITLE, 4, FEED_K_HTML },
	{ NS_ITUNES, "subtitle", FEED_SUMMARY, 5, FEED_K_HTML },
	{ NS_ITUNES_OLD, "subtitle", FEED_SUMMARY, 5, FEED_K_HTML },
	/* A media item's page (a player), else its file: see fm_enclosure. */
	{ NS_MEDIA, "player", FEED_LINK, 4, FEED_K_ENCLOSURE },
	{ NS_MEDIA, "group", FEED_NSLOTS, 0, FEED_K_GROUP },
	{ NS_MEDIA, "content", FEED_NSLOTS, 0, FEED_K_GROUP },
	{ NS_SY, "updatePeriod", FEED_NSLOTS, 0, FEED_K_PERIOD },
	{ NS_SY, "updateFrequency", FEED_NSLOTS, 0, FEED_K_FREQUENCY },
};

/* Namespaces that are the feed's own, beside none and the root's. */
static const char *const fm_rss_ns[] = {
	NS_RSS10, NS_RSS09, NS_RSS11, NS_USERLAND, NULL
};
static const char *const fm_atom_ns[] = { NS_ATOM10, NS_ATOM03, NULL };

static const struct feed_dialect fm_dialects[] = {
	{ "rss", "channel", "item", fm_rss_ns, fm_rss, nitems(fm_rss) },
	{ "RDF", "channel", "item", fm_rss_ns, fm_rss, nitems(fm_rss) },
	{ "Channel", NULL, "item", fm_rss_ns, fm_rss, nitems(fm_rss) },
	{ "feed", NULL, "entry", fm_atom_ns, fm_atom, nitems(fm_atom) },
	/* An Atom entry document (RFC 4287 5.1): the root is the one item. */
	{ "entry", NULL, "entry", fm_atom_ns, fm_atom, nitems(fm_atom) },
};

/* Conventional prefixes, for feeds that use one without declaring it. */
static const struct fm_prefix {
	const char	*prefix;
	const char	*ns;
} fm_prefixes[] = {
	{ "atom", NS_ATOM10 }, { "content", NS_CONTENT }, { "dc", NS_DC },
	{ "dcterms", NS_DCTERMS }, { "feedburner", NS_FEEDBURNER },
	{ "itunes", NS_ITUNES }, { "media", NS_MEDIA },
	{ "rdf", NS_RDF }, { "sy", NS_SY }, { "xhtml", NS_XHTML },
};

/* sy:updatePeriod: the period's length in seconds; sorted for bsearch. */
static const struct fm_period {
	const char	*name;
	long		 seconds;
} fm_periods[] = {
	{ "daily", 86400 }, { "hourly", 3600 }, { "monthly", 30 * 86400 },
	{ "weekly", 7 * 86400 }, { "yearly", 365 * 86400 },
};

/*
 * The rows of each table by the bucket of their names (fm_hash): the
 * first row of a bucket, and each row's next in it, or FM_END. Built once
 * (fm_index_build), then only read.
 */
#define FM_BUCKETS	32
#define FM_END		0xff
#define FM_TABLE_MAX	64	/* rows a table may have */
enum { FM_RSS, FM_ATOM, FM_MODULES };
static struct fm_index {
	const struct feed_field	*t;
	size_t			 n;
	unsigned char		 head[FM_BUCKETS];
	unsigned char		 next[FM_TABLE_MAX];
} fm_indexes[] = {
	[FM_RSS] = { fm_rss, nitems(fm_rss), { 0 }, { 0 } },
	[FM_ATOM] = { fm_atom, nitems(fm_atom), { 0 }, { 0 } },
	[FM_MODULES] = { fm_modules, nitems(fm_modules), { 0 }, { 0 } },
};
_Static_assert(nitems(fm_rss) <= FM_TABLE_MAX &&
    nitems(fm_atom) <= FM_TABLE_MAX && nitems(fm_modules) <= FM_TABLE_MAX,
    "a table outgrows its index");
static pthread_once_t	 fm_once = PTHREAD_ONCE_INIT;

static const char *const fm_attr_names[FEED_NATTRS] = {
	[FEED_A_TYPE] = "type", [FEED_A_MODE] = "mode", [FEED_A_REL] = "rel",
	[FEED_A_HREF] = "href", [FEED_A_PERMA] = "isPermaLink",
	[FEED_A_TERM] = "term", [FEED_A_LABEL] = "label", [FEED_A_URL] = "url",
	[FEED_A_SRC] = "src",
};

/* ------------------------------------------------------------------ */
/* Dialects and namespaces                                             */

/*
 * Whether a root element is a dialect's: its name, in no namespace, the
 * default one whatever it is (Atom drafts used several), or a known one.
 * RDF is RDF in its own namespace, and in none or RSS's (a bare <RDF>, as
 * hand-written RSS 0.90 and 1.0 feeds have it: no other vocabulary has
 * that root); an entry only in none or Atom's: other vocabularies have
 * entries too.
 */
static int
fm_root_is(const struct feed_dialect *d, const char *name, const char *prefix,
    const char *uri)
{
	size_t	 i;

	if (strcasecmp(name, d->root) != 0)
		return 0;
	if (uri == NULL || (strcasecmp(name, "RDF") == 0 &&
	    strcmp(uri, NS_RDF) == 0))
		return 1;
	if (prefix == NULL && strcmp(d->root, d->item) != 0 &&
	    strcasecmp(name, "RDF") != 0)
		return 1;
	for (i = 0; d->ns[i] != NULL; i++)
		if (strcmp(uri, d->ns[i]) == 0)
			return 1;
	return 0;
}

/* The dialect a root element starts, or NULL. */
const struct feed_dialect *
feed_dialect_find(const char *name, const char *prefix, const char *uri)
{
	size_t	 i;

	for (i = 0; i < nitems(fm_dialects); i++)
		if (fm_root_is(&fm_dialects[i], name, prefix, uri))
			return &fm_dialects[i];
	return NULL;
}

/* The other family's dialect: the first whose table is not d's. */
const struct feed_dialect *
feed_dialect_other(const struct feed_dialect *d)
{
	size_t	 i;

	for (i = 0; fm_dialects[i].fields == d->fields; i++)
		continue;
	return &fm_dialects[i];
}

/* Whether a local name is the root of some dialect (for sniffing). */
int
feed_dialect_root(const char *name, size_t len)
{
	size_t	 i;

	for (i = 0; i < nitems(fm_dialects); i++)
		if (len == strlen(fm_dialects[i].root) &&
		    strncasecmp(name, fm_dialects[i].root, len) == 0)
			return 1;
	return 0;
}

/* The format of a feed, from its dialect, root namespace and version. */
enum feed_format
feed_dialect_format(const struct feed_dialect *d, const char *uri,
    const char *version)
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

/* Whether a namespace is the feed's own; see feed_int.h. */
int
feed_dialect_own(const struct feed_dialect *d, const char *rootns,
    const char *uri)
{
	size_t	 i;

	if (uri == NULL || (rootns != NULL && strcmp(uri, rootns) == 0))
		return 1;
	for (i = 0; d->ns[i] != NULL; i++)
		if (strcmp(uri, d->ns[i]) == 0)
			return 1;
	return 0;
}

/* The namespace of a prefix a feed left undeclared, or NULL. */
const char *
feed_prefix_ns(const char *prefix)
{
	size_t	 i;

	for (i = 0; prefix != NULL && i < nitems(fm_prefixes); i++)
		if (strcmp(prefix, fm_prefixes[i].prefix) == 0)
			return fm_prefixes[i].ns;
	return NULL;
}

/* Which attribute a field may need a name is; FEED_NATTRS: none. */
enum feed_attr
feed_attr_find(const char *name)
{
	int	 i;

	for (i = 0; i < FEED_NATTRS; i++)
		if (name[0] == fm_attr_names[i][0] &&
		    strcmp(name, fm_attr_names[i]) == 0)
			break;
	return (enum feed_attr)i;
}

/*
 * Whether an element's name is a table row's in any case. Bit 5 is case
 * in ASCII letters; the other characters of a name are equal with it set
 * only when equal (the table's names are ASCII).
 */
static int
fm_name_is(const char *name, const char *row)
{
	for (;; name++, row++) {
		if (*name == '\0' || *row == '\0')
			return *name == *row;
		if ((*name | 0x20) != (*row | 0x20))
			return 0;
	}
}

/*
 * Whether a table row names this element: as written, or (blind) in any
 * case, as hand-written feeds have <Title> and <PubDate> (feedparser reads
 * names as lower case).
 */
static int
fm_row_is(const struct feed_dialect *d, const char *rootns,
    const struct feed_field *f, const char *name, const char *uri, int blind)
{
	/* The first byte tells most rows apart without a call. */
	if (blind ? !fm_name_is(name, f->name) :
	    name[0] != f->name[0] || strcmp(name, f->name) != 0)
		return 0;
	if (*f->ns == '\0')
		return feed_dialect_own(d, rootns, uri);
	return uri != NULL && strcmp(uri, f->ns) == 0;
}

/*
 * A name's bucket in an index, the same in any case: names fm_name_is
 * holds equal differ at most in bit 5 of each byte.
 */
static unsigned
fm_hash(const char *name)
{
	unsigned	 h = 0;

	for (; *name != '\0'; name++)
		h = h * 33 + ((unsigned char)*name | 0x20);
	return h % FM_BUCKETS;
}

/* Index each table's rows by the bucket of their names. */
static void
fm_index_build(void)
{
	struct fm_index	*x;
	size_t		 i, k;
	unsigned	 b;

	for (k = 0; k < nitems(fm_indexes); k++) {
		x = &fm_indexes[k];
		memset(x->head, FM_END, sizeof(x->head));
		for (i = x->n; i-- > 0; ) {	/* each bucket in table order */
			b = fm_hash(x->t[i].name);
			x->next[i] = x->head[b];
			x->head[b] = (unsigned char)i;
		}
	}
}

/* The index of a table of rows. */
static const struct fm_index *
fm_index_of(const struct feed_field *t)
{
	size_t	 k;

	for (k = 0; fm_indexes[k].t != t; k++)
		;
	return &fm_indexes[k];
}

/* Collect the rows of one table that name this element, in table order. */
static void
fm_rows(const struct feed_dialect *d, const char *rootns,
    const struct fm_index *x, unsigned bucket, const char *name,
    const char *uri, int blind, struct feed_open *o)
{
	unsigned	 i;

	for (i = x->head[bucket]; i != FM_END && o->nrows < FEED_MAXROWS;
	    i = x->next[i])
		if (fm_row_is(d, rootns, &x->t[i], name, uri, blind))
			o->rows[o->nrows++] = &x->t[i];
}

/*
 * The dialect's rows and the modules' rows that name this element; in any
 * case only when none names it as written (the common case costs a first
 * poll no second pass). Every module has its namespace: an element in
 * none (most of RSS) is no module's. Only the rows of the name's bucket
 * are looked at: this runs for each element of a feed.
 */
size_t
feed_field_rows(const struct feed_dialect *d, const char *rootns,
    const char *name, const char *uri, struct feed_open *o)
{
	const struct fm_index	*x;
	unsigned		 bucket = fm_hash(name);
	int			 blind;

	pthread_once(&fm_once, fm_index_build);
	x = fm_index_of(d->fields);
	o->nrows = 0;
	for (blind = 0; blind < 2 && o->nrows == 0; blind++) {
		fm_rows(d, rootns, x, bucket, name, uri, blind, o);
		if (uri != NULL)
			fm_rows(d, rootns, &fm_indexes[FM_MODULES], bucket,
			    name, uri, blind, o);
	}
	return o->nrows;
}

/* ------------------------------------------------------------------ */
/* Values                                                              */

/* The value of a base64 character, or -1. */
static int
fm_b64(unsigned char c)
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
fm_base64(const struct buf *in)
{
	struct buf	 out = { 0 };
	unsigned	 acc = 0;
	int		 bits = 0, v;
	size_t		 i;

	for (i = 0; i < in->len; i++) {
		if ((v = fm_b64((unsigned char)in->data[i])) < 0)
			continue;
		acc = (acc << 6) | (unsigned)v;
		if ((bits += 6) >= 8) {
			bits -= 8;
			buf_putc(&out, (char)((acc >> bits) & 0xff));
		}
	}
	return out;
}

/* Whether a MIME type (its parameters aside) or Atom type names HTML. */
static int
fm_is_html(const char *type)
{
	size_t	 n;

	if (type == NULL)
		return 0;
	n = strcspn(type, "; \t");
	return (n == 4 && strncasecmp(type, "html", 4) == 0) ||
	    (n == 9 && strncasecmp(type, "text/html", 9) == 0);
}

/* Whether an Atom 1.0 content type is binary (base64, not text). */
static int
fm_is_binary(const char *type)
{
	size_t	 n;

	if (type == NULL || strchr(type, '/') == NULL ||
	    strncasecmp(type, "text/", 5) == 0)
		return 0;
	n = strlen(type);
	return !(n >= 4 && (strcasecmp(type + n - 4, "+xml") == 0 ||
	    strcasecmp(type + n - 4, "/xml") == 0));
}

/* An Atom text construct: escaped, base64 or inline, HTML or text. */
static char *
fm_typed(const struct feed_open *o)
{
	const char	*type = o->attrs[FEED_A_TYPE];
	const char	*mode = o->attrs[FEED_A_MODE];
	struct buf	 b;
	char		*s;
	int		 html = fm_is_html(type);

	if (mode != NULL && strcasecmp(mode, "base64") == 0) {
		b = fm_base64(&o->text);
		s = b.data == NULL ? NULL : html ?
		    feed_html_text(b.data, b.len) : doc_text_clean(b.data, b.len);
		buf_free(&b);
		return s;
	}
	if (mode == NULL && fm_is_binary(type))
		return NULL;
	if (html || (mode != NULL && strcasecmp(mode, "escaped") == 0))
		return feed_html_text(o->text.data, o->text.len);
	return doc_text_clean(o->text.data, o->text.len);
}

/*
 * Whether an Atom link's rel is a relation: its name, or the IRI RFC 4287
 * (4.2.7.2) makes the name equal to, the IANA registry's address and the
 * name.
 */
static int
fm_rel_is(const char *rel, const char *name)
{
	static const char	 iana[] = "http://www.iana.org/assignments/relation/";

	if (strncasecmp(rel, iana, sizeof(iana) - 1) == 0)
		rel += sizeof(iana) - 1;
	return strcasecmp(rel, name) == 0;
}

/* Whether a media type is a web page's: HTML or XHTML, or none given. */
static int
fm_page_type(const char *type)
{
	return type == NULL || fm_is_html(type) ||
	    strcasecmp(type, "application/xhtml+xml") == 0;
}

/* Whether an Atom link is the item's web page: rel alternate, HTML type. */
static int
fm_alternate(const struct feed_open *o)
{
	const char	*rel = o->attrs[FEED_A_REL];

	if (rel != NULL && !fm_rel_is(rel, "alternate"))
		return 0;
	return fm_page_type(o->attrs[FEED_A_TYPE]);
}

/*
 * The page of Atom content given by reference (<content src="..."/>): an
 * entry may then have no alternate link (RFC 4287 4.1.1), and the page its
 * content is is the one thing its alert can open. An alternate link comes
 * first.
 */
static char *
fm_content_src(const struct feed_open *o)
{
	const char	*src = o->attrs[FEED_A_SRC];

	if (src == NULL || !fm_page_type(o->attrs[FEED_A_TYPE]))
		return NULL;
	return doc_url_resolve(o->base, src);
}

/*
 * An RSS link: its text, or, when it has none, the href of a link written
 * as Atom's (<link href="..."/>, a template's slip) that is the page.
 */
static char *
fm_link(const struct feed_open *o)
{
	const char	*href = o->attrs[FEED_A_HREF];

	if (href == NULL || strspn(o->text.data, " \t\r\n") < o->text.len)
		return doc_url_resolve(o->base, o->text.data);
	return fm_alternate(o) ? doc_url_resolve(o->base, href) : NULL;
}

/*
 * The file of an RSS <enclosure url> or an Atom <link rel="enclosure">: an
 * episode with no page (a podcast's, titled or not) links its file, the
 * one thing its alert can open and a key that stays when its title is
 * edited. Any page, guid or id that is a URL comes first.
 */
static char *
fm_enclosure(const struct feed_open *o)
{
	const char	*rel = o->attrs[FEED_A_REL];

	if (o->attrs[FEED_A_URL] != NULL)
		return doc_url_resolve(o->base, o->attrs[FEED_A_URL]);
	if (rel == NULL || !fm_rel_is(rel, "enclosure") ||
	    o->attrs[FEED_A_HREF] == NULL)
		return NULL;
	return doc_url_resolve(o->base, o->attrs[FEED_A_HREF]);
}

/*
 * The page of an RSS item's <comments> (https://host/story.html#comments),
 * its anchor dropped: an item with no link or permalink guid (a forum's, a
 * small CMS's) names its page only there. An anchor alone names none.
 */
static char *
fm_comments(const struct feed_open *o)
{
	const char	*s = o->text.data + strspn(o->text.data, " \t\r\n");
	char		*url, *hash;

	if (*s == '#' || (url = doc_url_resolve(o->base, s)) == NULL)
		return NULL;
	if ((hash = strchr(url, '#')) != NULL)
		*hash = '\0';
	return url;
}

/* A category's name: the Atom term or label, else the element's text. */
static char *
fm_category(const struct feed_open *o)
{
	const char	*v = o->attrs[FEED_A_TERM];

	if (v == NULL || *v == '\0')
		v = o->attrs[FEED_A_LABEL];
	if (v != NULL && *v != '\0')
		return doc_text_clean(v, strlen(v));
	return doc_text_clean(o->text.data, o->text.len);
}

/*
 * Whether a permalink guid is a path on the feed's site (/news/123.html,
 * ?p=789), which is the item's page resolved against the base; a bare
 * number or token (12345) names no page.
 */
static int
fm_guid_path(const char *s)
{
	return strpbrk(s, "/?") != NULL;
}

/* The value of a field for one of its rows, or NULL. */
static char *
fm_value(const struct feed_open *o, enum feed_kind kind)
{
	const char	*perma = o->attrs[FEED_A_PERMA];

	switch (kind) {
	case FEED_K_HTML:
		return feed_html_text(o->text.data, o->text.len);
	case FEED_K_TYPED:
		return fm_typed(o);
	case FEED_K_LINK:
		return fm_link(o);
	case FEED_K_ALINK:
		if (!fm_alternate(o))
			return NULL;
		return doc_url_resolve(o->base, o->attrs[FEED_A_HREF] != NULL ?
		    o->attrs[FEED_A_HREF] : o->text.data);
	case FEED_K_GUID:
		if (perma != NULL && strcasecmp(perma, "false") == 0)
			return NULL;
		return doc_url_resolve(fm_guid_path(o->text.data) ? o->base :
		    NULL, o->text.data);
	case FEED_K_ENCLOSURE:
		return fm_enclosure(o);
	case FEED_K_SRC:
		return fm_content_src(o);
	case FEED_K_COMMENTS:
		return fm_comments(o);
	case FEED_K_PERSON:
		if (o->person.len > 0)
			return doc_text_clean(o->person.data, o->person.len);
		return doc_text_clean(o->text.data, o->text.len);
	case FEED_K_CATEGORY:
		return fm_category(o);
	default:
		return doc_text_clean(o->text.data, o->text.len);
	}
}

/*
 * Whether a title (or a description, a content) read from HTML still holds
 * an end tag or a character reference that ends in ';' (</b>, &quot;,
 * &#8211;): it was escaped twice, as CMSs that escape an escaped title
 * write it, and reads as HTML once more. A bare & (Q&A, AT&T) or a lone <
 * is no markup; a text its feed says is text (Atom's type="text") is never
 * read again. JSON Feed's text is read so once (feed_json.c): WordPress's
 * plugin writes excerpts and the feed's title with their references
 * (&#8217;, [&hellip;]).
 */
static int
fm_escaped_twice(const char *s)
{
	const char	*end, *p, *name;
	uint32_t	 v;
	int		 semi;

	if (strchr(s, '&') == NULL && strchr(s, '<') == NULL)
		return 0;
	end = s + strlen(s);
	for (p = s; (p = strpbrk(p, "&<")) != NULL; p = name) {
		name = p + 1;
		if (*p == '<') {
			if (p[1] == '/' && isalpha((unsigned char)p[2]))
				return 1;
			continue;
		}
		if (html_numeric_ref(p, end, &v, &semi) > 0 && semi)
			return 1;
		while (isalnum((unsigned char)*name))
			name++;
		if (*name == ';' && html_entity(p + 1, (size_t)(name - p - 1)))
			return 1;
	}
	return 0;
}

/* Whether a field's text was read as HTML: RSS's, or Atom's html. */
static int
fm_read_as_html(const struct feed_open *o, enum feed_kind kind)
{
	const char	*mode = o->attrs[FEED_A_MODE];

	if (kind == FEED_K_HTML)
		return 1;
	return kind == FEED_K_TYPED && (fm_is_html(o->attrs[FEED_A_TYPE]) ||
	    (mode != NULL && strcasecmp(mode, "escaped") == 0));
}

/* A text escaped twice, read once more (fm_escaped_twice); taken over. */
char *
feed_text_again(char *v)
{
	char	*t;

	if (v == NULL || !fm_escaped_twice(v))
		return v;
	t = feed_html_text(v, strlen(v));
	free(v);
	return t;
}

/* ------------------------------------------------------------------ */
/* Polling hints                                                       */

/* A whole number in a field, 1..max; 0 when it holds anything else. */
static long
fm_hint_num(const struct feed_open *o, long max)
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
fm_period_cmp(const void *key, const void *elem)
{
	return strcasecmp(key, ((const struct fm_period *)elem)->name);
}

/* The seconds of an sy:updatePeriod; 0 when unknown. */
static long
fm_hint_period(const struct feed_open *o)
{
	const struct fm_period	*p;
	char			*t = doc_text_clean(o->text.data, o->text.len);

	p = t == NULL ? NULL : bsearch(t, fm_periods, nitems(fm_periods),
	    sizeof(fm_periods[0]), fm_period_cmp);
	free(t);
	return p != NULL ? p->seconds : 0;
}

/* Note one polling hint. */
static void
fm_hint(struct feed_hints *h, const struct feed_open *o, enum feed_kind kind)
{
	if (kind == FEED_K_TTL)
		h->ttl = fm_hint_num(o, FM_HINT_MAX / 60);
	else if (kind == FEED_K_PERIOD)
		h->period = fm_hint_period(o);
	else
		h->frequency = fm_hint_num(o, FM_HINT_MAX);
}

/*
 * RSS 2.0 <ttl> in minutes; the syndication module's period, daily unless
 * given, divided by its frequency, once unless given; the longer one.
 */
long
feed_hints_seconds(const struct feed_hints *h)
{
	long	 sy = 0;

	if (h->period > 0 || h->frequency > 0)
		sy = (h->period > 0 ? h->period : 86400) /
		    (h->frequency > 0 ? h->frequency : 1);
	return h->ttl * 60 > sy ? h->ttl * 60 : sy;
}

/* ------------------------------------------------------------------ */
/* Closing a field                                                     */

/* Whether a slot holds text a CMS may have escaped twice. */
static int
fm_text_slot(enum feed_slot slot)
{
	return slot == FEED_TITLE || slot == FEED_SUMMARY ||
	    slot == FEED_CONTENT;
}

/* Close a field: its values go to the entry, its hints to h; see feed_int.h. */
void
feed_field_close(struct feed_open *o, struct feed_hints *h)
{
	const struct feed_field	*f;
	size_t			 i;

	buf_putc(&o->text, '\0');
	o->text.len--;
	for (i = 0; i < o->nrows; i++) {
		f = o->rows[i];
		if (f->kind == FEED_K_TTL || f->kind == FEED_K_PERIOD ||
		    f->kind == FEED_K_FREQUENCY) {
			if (h != NULL)
				fm_hint(h, o, f->kind);
		} else if (!feed_entry_wants(o->entry, f->slot, f->prio))
			continue;	/* a guid after the <link>: not resolved */
		else if (fm_text_slot(f->slot) && fm_read_as_html(o, f->kind))
			feed_entry_set(o->entry, f->slot, f->prio,
			    feed_text_again(fm_value(o, f->kind)));
		else
			feed_entry_set(o->entry, f->slot, f->prio,
			    fm_value(o, f->kind));
	}
	for (i = 0; i < FEED_NATTRS; i++) {
		free(o->attrs[i]);
		o->attrs[i] = NULL;
	}
	buf_reset(&o->text);
	buf_reset(&o->person);
	o->nrows = 0;
	o->depth = 0;
}
