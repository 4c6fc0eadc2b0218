/*
 * feed: RSS 0.9x/1.0/2.0 and Atom documents -> items, from a buffer.
 *
 * The document is parsed by libxml2's SAX2 tree builder with one hook: when
 * an item (or entry) element ends, its subtree is mapped to a struct item
 * through the dialect's field table and freed, so memory stays bounded by
 * one item however long the feed. Untrusted input: no entity substitution,
 * no DTD loading, no network, and an external entity loader that refuses.
 */
#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/uri.h>

#include "buf.h"
#include "feed.h"
#include "log.h"

#define FEED_NS_RDF	"http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define FEED_NS_RSS10	"http://purl.org/rss/1.0/"
#define FEED_NS_RSS09	"http://my.netscape.com/rdf/simple/0.9/"
#define FEED_NS_ATOM10	"http://www.w3.org/2005/Atom"
#define FEED_NS_ATOM03	"http://purl.org/atom/ns#"
#define FEED_NS_DC	"http://purl.org/dc/elements/1.1/"
#define FEED_NS_CONTENT	"http://purl.org/rss/1.0/modules/content/"
#define FEED_NS_MEDIA	"http://search.yahoo.com/mrss/"
#define FEED_NS_SY	"http://purl.org/rss/1.0/modules/syndication/"
/* In a field table: the namespace of the item element itself. */
#define FEED_NS_ITEM	""

#define FEED_CHUNK	(64 * 1024)	/* bytes handed to the parser at once */
#define FEED_HINT_MAX	(366 * 86400L)	/* a longer polling hint is a year */
#define FEED_XML_OPTS	(XML_PARSE_NONET | XML_PARSE_RECOVER | \
	XML_PARSE_NOERROR | XML_PARSE_NOWARNING)
#define FEED_HTML_OPTS	(HTML_PARSE_NONET | HTML_PARSE_RECOVER | \
	HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING)

enum feed_slot {
	FEED_ID,
	FEED_LINK,
	FEED_TITLE,
	FEED_SUMMARY,
	FEED_CONTENT,
	FEED_AUTHOR,
	FEED_PUBLISHED,
	FEED_UPDATED,
	FEED_NSLOTS
};

/* Where each slot lives in struct item; the two time slots hold int64_t. */
static const size_t feed_slot_off[FEED_NSLOTS] = {
	[FEED_ID] = offsetof(struct item, id),
	[FEED_LINK] = offsetof(struct item, link),
	[FEED_TITLE] = offsetof(struct item, title),
	[FEED_SUMMARY] = offsetof(struct item, summary),
	[FEED_CONTENT] = offsetof(struct item, content),
	[FEED_AUTHOR] = offsetof(struct item, author),
	[FEED_PUBLISHED] = offsetof(struct item, published),
	[FEED_UPDATED] = offsetof(struct item, updated),
};

/* One child element of an item mapped to a slot; lower prio wins. */
struct feed_field {
	const char	*ns;	/* namespace URI, NULL for none, FEED_NS_ITEM */
	const char	*name;	/* local name */
	enum feed_slot	 slot;
	int		 prio;
	char		*(*get)(const xmlNode *);	/* the value, or NULL */
};

/* A feed dialect: how its root and items look, and its field table. */
struct feed_dialect {
	const char		 *root;		/* root's local name */
	const char		 *rootns;	/* its namespace, or NULL */
	const char		 *item;		/* item's local name */
	const char *const	 *itemns;	/* its namespaces, or NULL */
	const char		 *idattr;	/* item attribute: the id */
	const struct feed_field	 *fields;
	size_t			  nfields;
};

/* What one parse collects; hangs off the parser context's _private. */
struct feed_state {
	const struct feed_dialect	*dialect;	/* NULL before root */
	struct item_list		*out;
	struct feed_hints		*hints;		/* or NULL: not wanted */
	size_t				 nitems;
	int				 rootseen;
	int				 refused;	/* entity attack */
	char				 root[64];	/* rejected root */
	int				 errline;	/* 0: no error */
	char				 errmsg[160];
};

static char	*feed_get_text(const xmlNode *);
static char	*feed_get_html(const xmlNode *);
static char	*feed_get_typed(const xmlNode *);
static char	*feed_get_link(const xmlNode *);
static char	*feed_get_atom_link(const xmlNode *);
static char	*feed_get_guid_link(const xmlNode *);
static char	*feed_get_person(const xmlNode *);
static char	*feed_get_media(const xmlNode *);

/* RSS 0.91, 0.92, 2.0: plain element names plus the common modules. */
static const struct feed_field feed_rss_fields[] = {
	{ NULL, "title", FEED_TITLE, 1, feed_get_html },
	{ NULL, "link", FEED_LINK, 1, feed_get_link },
	{ FEED_NS_ATOM10, "link", FEED_LINK, 2, feed_get_atom_link },
	{ NULL, "guid", FEED_LINK, 3, feed_get_guid_link },
	{ NULL, "guid", FEED_ID, 1, feed_get_text },
	{ NULL, "pubDate", FEED_PUBLISHED, 1, feed_get_text },
	{ FEED_NS_DC, "date", FEED_PUBLISHED, 2, feed_get_text },
	{ FEED_NS_ATOM10, "updated", FEED_UPDATED, 1, feed_get_text },
	{ NULL, "description", FEED_SUMMARY, 1, feed_get_html },
	{ FEED_NS_CONTENT, "encoded", FEED_CONTENT, 1, feed_get_html },
	{ FEED_NS_DC, "creator", FEED_AUTHOR, 1, feed_get_text },
	{ NULL, "author", FEED_AUTHOR, 2, feed_get_text },
	{ FEED_NS_MEDIA, "title", FEED_TITLE, 2, feed_get_html },
	{ FEED_NS_MEDIA, "description", FEED_SUMMARY, 2, feed_get_html },
	{ FEED_NS_MEDIA, "group", FEED_SUMMARY, 3, feed_get_media },
	{ FEED_NS_MEDIA, "content", FEED_SUMMARY, 4, feed_get_media },
};

/* RSS 1.0 and 0.90 (RDF): items are siblings of the channel. */
static const struct feed_field feed_rdf_fields[] = {
	{ FEED_NS_ITEM, "title", FEED_TITLE, 1, feed_get_html },
	{ FEED_NS_ITEM, "link", FEED_LINK, 1, feed_get_link },
	{ FEED_NS_ITEM, "description", FEED_SUMMARY, 1, feed_get_html },
	{ FEED_NS_CONTENT, "encoded", FEED_CONTENT, 1, feed_get_html },
	{ FEED_NS_DC, "date", FEED_PUBLISHED, 1, feed_get_text },
	{ FEED_NS_DC, "creator", FEED_AUTHOR, 1, feed_get_text },
	{ FEED_NS_DC, "identifier", FEED_ID, 2, feed_get_text },
};

/* Atom 1.0, with the Atom 0.3 names (issued, modified) in the same table. */
static const struct feed_field feed_atom_fields[] = {
	{ FEED_NS_ITEM, "title", FEED_TITLE, 1, feed_get_typed },
	{ FEED_NS_ITEM, "link", FEED_LINK, 1, feed_get_atom_link },
	{ FEED_NS_ITEM, "id", FEED_ID, 1, feed_get_text },
	{ FEED_NS_ITEM, "published", FEED_PUBLISHED, 1, feed_get_text },
	{ FEED_NS_ITEM, "issued", FEED_PUBLISHED, 2, feed_get_text },
	{ FEED_NS_ITEM, "created", FEED_PUBLISHED, 3, feed_get_text },
	{ FEED_NS_ITEM, "updated", FEED_UPDATED, 1, feed_get_text },
	{ FEED_NS_ITEM, "modified", FEED_UPDATED, 2, feed_get_text },
	{ FEED_NS_ITEM, "author", FEED_AUTHOR, 1, feed_get_person },
	{ FEED_NS_DC, "creator", FEED_AUTHOR, 2, feed_get_text },
	{ FEED_NS_ITEM, "summary", FEED_SUMMARY, 1, feed_get_typed },
	{ FEED_NS_ITEM, "content", FEED_CONTENT, 1, feed_get_typed },
	{ FEED_NS_MEDIA, "description", FEED_SUMMARY, 2, feed_get_html },
	{ FEED_NS_MEDIA, "group", FEED_SUMMARY, 3, feed_get_media },
};

static const char *const feed_rdf_ns[] = { FEED_NS_RSS10, FEED_NS_RSS09, NULL };
static const char *const feed_atom_ns[] = {
	FEED_NS_ATOM10, FEED_NS_ATOM03, NULL
};

#define FEED_TABLE(t)	(t), sizeof(t) / sizeof((t)[0])

static const struct feed_dialect feed_dialects[] = {
	{ "rss", NULL, "item", NULL, NULL, FEED_TABLE(feed_rss_fields) },
	{ "RDF", FEED_NS_RDF, "item", feed_rdf_ns, "about",
	    FEED_TABLE(feed_rdf_fields) },
	{ "feed", FEED_NS_ATOM10, "entry", feed_atom_ns, NULL,
	    FEED_TABLE(feed_atom_fields) },
	{ "feed", FEED_NS_ATOM03, "entry", feed_atom_ns, NULL,
	    FEED_TABLE(feed_atom_fields) },
};

/* How the text walker treats an element. */
enum feed_tag {
	FEED_TAG_INLINE,
	FEED_TAG_BLOCK,	/* a word boundary on both sides */
	FEED_TAG_SKIP	/* not text at all */
};

/* HTML elements that are not inline text, sorted for bsearch. */
static const struct feed_tagkind {
	const char	*name;
	enum feed_tag	 kind;
} feed_tags[] = {
	{ "address", FEED_TAG_BLOCK }, { "article", FEED_TAG_BLOCK },
	{ "aside", FEED_TAG_BLOCK }, { "blockquote", FEED_TAG_BLOCK },
	{ "br", FEED_TAG_BLOCK }, { "button", FEED_TAG_SKIP },
	{ "caption", FEED_TAG_BLOCK }, { "dd", FEED_TAG_BLOCK },
	{ "details", FEED_TAG_BLOCK }, { "div", FEED_TAG_BLOCK },
	{ "dl", FEED_TAG_BLOCK }, { "dt", FEED_TAG_BLOCK },
	{ "figcaption", FEED_TAG_BLOCK }, { "figure", FEED_TAG_BLOCK },
	{ "footer", FEED_TAG_BLOCK }, { "form", FEED_TAG_BLOCK },
	{ "h1", FEED_TAG_BLOCK }, { "h2", FEED_TAG_BLOCK },
	{ "h3", FEED_TAG_BLOCK }, { "h4", FEED_TAG_BLOCK },
	{ "h5", FEED_TAG_BLOCK }, { "h6", FEED_TAG_BLOCK },
	{ "head", FEED_TAG_SKIP }, { "header", FEED_TAG_BLOCK },
	{ "hr", FEED_TAG_BLOCK }, { "iframe", FEED_TAG_SKIP },
	{ "li", FEED_TAG_BLOCK }, { "main", FEED_TAG_BLOCK },
	{ "nav", FEED_TAG_BLOCK }, { "noscript", FEED_TAG_SKIP },
	{ "object", FEED_TAG_SKIP }, { "ol", FEED_TAG_BLOCK },
	{ "option", FEED_TAG_BLOCK }, { "p", FEED_TAG_BLOCK },
	{ "pre", FEED_TAG_BLOCK }, { "script", FEED_TAG_SKIP },
	{ "section", FEED_TAG_BLOCK }, { "select", FEED_TAG_SKIP },
	{ "style", FEED_TAG_SKIP }, { "svg", FEED_TAG_SKIP },
	{ "table", FEED_TAG_BLOCK }, { "td", FEED_TAG_BLOCK },
	{ "template", FEED_TAG_SKIP }, { "textarea", FEED_TAG_SKIP },
	{ "th", FEED_TAG_BLOCK }, { "title", FEED_TAG_SKIP },
	{ "tr", FEED_TAG_BLOCK }, { "ul", FEED_TAG_BLOCK },
};

/* Charset labels mapped the WHATWG way, sorted for bsearch. */
static const struct feed_label {
	const char	*label;
	const char	*enc;
} feed_labels[] = {
	{ "arabic", "ISO-8859-6" },
	{ "ascii", "windows-1252" },
	{ "asmo-708", "ISO-8859-6" },
	{ "cp1252", "windows-1252" },
	{ "cp1256", "windows-1256" },
	{ "csisolatin1", "windows-1252" },
	{ "csisolatinarabic", "ISO-8859-6" },
	{ "ecma-114", "ISO-8859-6" },
	{ "iso-8859-1", "windows-1252" },
	{ "iso-8859-6", "ISO-8859-6" },
	{ "iso-ir-100", "windows-1252" },
	{ "iso-ir-127", "ISO-8859-6" },
	{ "iso8859-1", "windows-1252" },
	{ "iso8859-6", "ISO-8859-6" },
	{ "iso_8859-1", "windows-1252" },
	{ "iso_8859-6", "ISO-8859-6" },
	{ "l1", "windows-1252" },
	{ "latin1", "windows-1252" },
	{ "unicode-1-1-utf-8", "UTF-8" },
	{ "us-ascii", "windows-1252" },
	{ "utf-8", "UTF-8" },
	{ "utf8", "UTF-8" },
	{ "windows-1252", "windows-1252" },
	{ "windows-1256", "windows-1256" },
	{ "x-cp1256", "windows-1256" },
};

/* Time zone names seen in RFC 822 dates, offsets in minutes, sorted. */
static const struct feed_zone {
	const char	*name;
	int		 min;
} feed_zones[] = {
	{ "CDT", -5 * 60 }, { "CEST", 2 * 60 }, { "CET", 1 * 60 },
	{ "CST", -6 * 60 }, { "EDT", -4 * 60 }, { "EEST", 3 * 60 },
	{ "EET", 2 * 60 }, { "EST", -5 * 60 }, { "GMT", 0 },
	{ "MDT", -6 * 60 }, { "MSK", 3 * 60 }, { "MST", -7 * 60 },
	{ "PDT", -7 * 60 }, { "PST", -8 * 60 }, { "UT", 0 },
	{ "UTC", 0 }, { "Z", 0 },
};

static const char *const feed_months[] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"
};

/* A date broken down; off is the zone's offset east of UTC in minutes. */
/* sy:updatePeriod: the period's length in seconds; sorted for bsearch. */
static const struct feed_period {
	const char	*name;
	long		 seconds;
} feed_periods[] = {
	{ "daily", 86400 },
	{ "hourly", 3600 },
	{ "monthly", 30 * 86400 },
	{ "weekly", 7 * 86400 },
	{ "yearly", 365 * 86400 },
};

struct feed_tm {
	int	 year, mon, day, hour, min, sec, off;
};

/* ------------------------------------------------------------------ */
/* UTF-8 and text folding                                              */

/* Abort on out of memory, the one failure the daemon does not survive. */
static void
feed_oom(int rc)
{
	if (rc == -1)
		log_fatalx("feed: out of memory");
}

/* Length of the valid UTF-8 sequence at s (code point in cp), 0 if invalid. */
static size_t
feed_utf8_dec(const unsigned char *s, size_t n, uint32_t *cp)
{
	static const uint32_t min[] = { 0, 0, 0x80, 0x800, 0x10000 };
	size_t	 len, i;
	uint32_t c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf && n >= 2 && (s[1] & 0xc0) == 0x80) {
		*cp = ((uint32_t)(s[0] & 0x1f) << 6) | (s[1] & 0x3f);
		return 2;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4;
	else
		return 0;
	if (n < len)
		return 0;
	c = s[0] & (0x7f >> len);
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min[len] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/* Whether a code point separates words: white space and control characters. */
static int
feed_is_space(uint32_t c)
{
	return c <= 0x20 || (c >= 0x7f && c <= 0xa0) || c == 0x1680 ||
	    (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 ||
	    c == 0x202f || c == 0x205f || c == 0x3000 || c == 0xfeff;
}

/* Whether a byte starts a character that is surely not white space. */
static int
feed_word_byte(unsigned char c)
{
	return (c > 0x20 && c < 0x7f) || (c >= 0xc3 && c <= 0xdf);
}

/* The length of the run at s that is copied as it is: valid, not space. */
static size_t
feed_utf8_run(const unsigned char *s, size_t len, int fold)
{
	size_t		 i = 0, n;
	uint32_t	 cp;

	while (i < len) {
		if (s[i] > 0x20 && s[i] < 0x7f) {
			i++;
			continue;
		}
		/* Two-byte letters (Arabic, Cyrillic) are never space. */
		if (s[i] >= 0xc3 && s[i] <= 0xdf && i + 1 < len &&
		    (s[i + 1] & 0xc0) == 0x80) {
			i += 2;
			continue;
		}
		/* One space between words is already folded. */
		if (s[i] == ' ' && i > 0 && i + 1 < len &&
		    feed_word_byte(s[i + 1])) {
			i++;
			continue;
		}
		n = feed_utf8_dec(s + i, len - i, &cp);
		if (n == 0 || (fold && feed_is_space(cp)))
			break;
		i += n;
	}
	return i;
}

/*
 * Append s to b as valid UTF-8 (bad bytes: U+FFFD), folding space if asked;
 * valid runs are copied whole, as this is the hot loop of a big feed.
 */
static void
feed_utf8_put(struct buf *b, const char *s, size_t len, int fold)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0, n;
	uint32_t		 cp;
	int			 space = 0;

	while (i < len) {
		if ((n = feed_utf8_run(u + i, len - i, fold)) > 0) {
			if (space)
				buf_putc(b, ' ');
			buf_append(b, s + i, n);
			space = 0;
			i += n;
			continue;
		}
		if ((n = feed_utf8_dec(u + i, len - i, &cp)) > 0) {
			space = b->len > 0;
			i += n;
			continue;
		}
		if (space)
			buf_putc(b, ' ');
		buf_append(b, "\xef\xbf\xbd", 3);
		space = 0;
		i++;
	}
}

/* Fold and repair text for display; NULL when nothing is left. */
char *
feed_text_clean(const char *s, size_t len)
{
	struct buf	 b = { 0 };
	char		*out, *fit;
	size_t		 n;

	if (s != NULL)
		feed_utf8_put(&b, s, len, 1);
	if ((n = b.len) == 0) {
		buf_free(&b);
		return NULL;
	}
	/* Items live as long as the feed: give back the buffer's slack. */
	out = buf_steal(&b);
	fit = realloc(out, n + 1);
	return fit != NULL ? fit : out;
}

/* ------------------------------------------------------------------ */
/* Encodings                                                           */

/* Compare a label with a table entry, ignoring case. */
static int
feed_label_cmp(const void *key, const void *elem)
{
	return strcasecmp(key, ((const struct feed_label *)elem)->label);
}

/* The encoding name to give libxml2 for a charset label. */
static const char *
feed_label_enc(const char *label)
{
	const struct feed_label	*l;

	l = bsearch(label, feed_labels, sizeof(feed_labels) /
	    sizeof(feed_labels[0]), sizeof(feed_labels[0]), feed_label_cmp);
	return l != NULL ? l->enc : label;
}

/* Find needle in the first max bytes of s, ignoring ASCII case. */
static const char *
feed_memcasemem(const char *s, size_t len, const char *needle, size_t max)
{
	size_t	 nl = strlen(needle), i;

	if (len > max)
		len = max;
	for (i = 0; i + nl <= len; i++)
		if (strncasecmp(s + i, needle, nl) == 0)
			return s + i;
	return NULL;
}

/*
 * The label after key= in the head of a document: the XML declaration's
 * encoding, or a <meta> charset (the WHATWG prescan, simplified).
 */
static int
feed_doc_label(const char *s, size_t len, int html, char *lbl, size_t lbllen)
{
	const char	*p, *end;
	size_t		 n = 0;

	if (html)
		p = feed_memcasemem(s, len, "charset", 1024);
	else if (len < 5 || strncmp(s, "<?xml", 5) != 0 ||
	    (end = feed_memcasemem(s, len, "?>", 256)) == NULL)
		return 0;
	else
		p = feed_memcasemem(s, (size_t)(end - s), "encoding", 256);
	if (p == NULL)
		return 0;
	end = s + len;
	p += html ? 7 : 8;
	while (p < end && (isspace((unsigned char)*p) || *p == '=' ||
	    *p == '"' || *p == '\''))
		p++;
	while (p + n < end && n + 1 < lbllen &&
	    (isalnum((unsigned char)p[n]) || strchr("-_.:", p[n]) != NULL))
		n++;
	memcpy(lbl, p, n);
	lbl[n] = '\0';
	return n > 0;
}

/* Count valid multi-byte UTF-8 sequences and invalid bytes. */
static void
feed_utf8_score(const char *s, size_t len, size_t *multi, size_t *bad)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0, n;
	uint32_t		 cp;

	*multi = *bad = 0;
	while (i < len) {
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		/* The common two-byte letter, inline: this scans whole bodies. */
		if (u[i] >= 0xc2 && u[i] <= 0xdf && i + 1 < len &&
		    (u[i + 1] & 0xc0) == 0x80) {
			(*multi)++;
			i += 2;
			continue;
		}
		n = feed_utf8_dec(u + i, len - i, &cp);
		if (n == 0)
			(*bad)++;
		else
			(*multi)++;
		i += n ? n : 1;
	}
}

/* Whether the body is UTF-16 or UTF-32 (a BOM, or NUL bytes in the markup). */
static int
feed_is_wide(const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;

	if (len >= 2 && ((u[0] == 0xfe && u[1] == 0xff) ||
	    (u[0] == 0xff && u[1] == 0xfe)))
		return 1;
	return len >= 2 && (u[0] == 0 || u[1] == 0);
}

/* Pick the encoding for a body, repair stray bytes (order: see feed.h). */
void
feed_body_prepare(struct feed_body *fb, const char *data, size_t len,
    const char *charset, int html)
{
	char		 lbl[48];
	const char	*enc = NULL;
	size_t		 multi, bad;
	struct buf	 b = { 0 };
	int		 bom;

	fb->data = data;
	fb->len = len;
	fb->enc = NULL;
	fb->copy = NULL;
	if (feed_is_wide(data, len))
		return;
	bom = len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0;
	if (bom)
		enc = "UTF-8";
	else if (charset != NULL && *charset != '\0')
		enc = feed_label_enc(charset);
	else if (feed_doc_label(data, len, html, lbl, sizeof(lbl)))
		enc = feed_label_enc(lbl);
	feed_utf8_score(data, len, &multi, &bad);
	if (bad == 0 && (multi > 0 || enc == NULL))
		enc = "UTF-8";
	else if (bad > 0 && (enc == NULL || strcmp(enc, "UTF-8") == 0))
		enc = bom || multi >= bad ? "UTF-8" : "windows-1256";
	fb->enc = enc;
	if (bad == 0 || strcmp(enc, "UTF-8") != 0)
		return;
	feed_utf8_put(&b, data, len, 0);
	fb->data = fb->copy = b.data;
	fb->len = b.len;
}

/* Free the repaired copy, if one was made. */
void
feed_body_free(struct feed_body *fb)
{
	free(fb->copy);
	fb->copy = NULL;
}

/* ------------------------------------------------------------------ */
/* Dates                                                               */

/* Days from 1970-01-01 to a civil date (proleptic Gregorian). */
static int64_t
feed_days(int64_t y, int m, int d)
{
	int64_t	 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Unix seconds of a broken-down time, or ITEM_NO_TIME when out of range. */
static int64_t
feed_epoch(const struct feed_tm *t)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int	 leap;

	leap = (t->year % 4 == 0 && t->year % 100 != 0) || t->year % 400 == 0;
	if (t->year < 1000 || t->year > 9999 || t->mon < 1 || t->mon > 12 ||
	    t->day < 1 || t->day > mdays[t->mon - 1] ||
	    (t->mon == 2 && t->day == 29 && !leap) ||
	    t->hour > 23 || t->min > 59 || t->sec > 60 ||
	    t->off <= -24 * 60 || t->off >= 24 * 60)
		return ITEM_NO_TIME;
	return feed_days(t->year, t->mon, t->day) * 86400 + t->hour * 3600 +
	    t->min * 60 + t->sec - (int64_t)t->off * 60;
}

/* Read between lo and hi decimal digits at *p; -1 if there are too few. */
static int
feed_num(const char **p, int lo, int hi)
{
	int	 n = 0, v = 0;

	while (n < hi && isdigit((unsigned char)(*p)[n])) {
		v = v * 10 + ((*p)[n] - '0');
		n++;
	}
	if (n < lo)
		return -1;
	*p += n;
	return v;
}

/* Skip spaces; true if the end of the string is reached. */
static int
feed_skip_ws(const char **p)
{
	while (isspace((unsigned char)**p))
		(*p)++;
	return **p == '\0';
}

/*
 * A numeric zone: +hhmm, +hh:mm or +hh, and +h when short is set (after a
 * name, as in "GMT+3"); minutes east, or INT_MIN (also for an offset no
 * zone has).
 */
static int
feed_zone_num(const char **p, int short_hour)
{
	int	 sign, h, m = 0;

	if (**p != '+' && **p != '-')
		return INT_MIN;
	sign = **p == '-' ? -1 : 1;
	(*p)++;
	if ((h = feed_num(p, short_hour ? 1 : 2, 2)) < 0)
		return INT_MIN;
	if (**p == ':')
		(*p)++;
	if (isdigit((unsigned char)**p) && (m = feed_num(p, 2, 2)) < 0)
		return INT_MIN;
	if (h > 14 || m > 59)
		return INT_MIN;
	return sign * (h * 60 + m);
}

/* Compare a zone name with a table entry, ignoring case. */
static int
feed_zone_cmp(const void *key, const void *elem)
{
	return strcasecmp(key, ((const struct feed_zone *)elem)->name);
}

/* A zone: numeric, or a name (optionally followed by a numeric offset). */
static int
feed_zone(const char **p)
{
	const struct feed_zone	*z;
	char			 name[8];
	size_t			 n = 0;
	int			 extra;

	if (**p == '+' || **p == '-')
		return feed_zone_num(p, 0);
	while (isalpha((unsigned char)(*p)[n]) && n + 1 < sizeof(name)) {
		name[n] = (*p)[n];
		n++;
	}
	name[n] = '\0';
	z = bsearch(name, feed_zones, sizeof(feed_zones) /
	    sizeof(feed_zones[0]), sizeof(feed_zones[0]), feed_zone_cmp);
	if (n == 0 || z == NULL)
		return INT_MIN;
	*p += n;
	if (**p != '+' && **p != '-')
		return z->min;
	extra = feed_zone_num(p, 1);
	return extra == INT_MIN ? INT_MIN : z->min + extra;
}

/* A month name, full or its first three letters; 1-12, or -1. */
static int
feed_month(const char **p)
{
	size_t	 n = 0, i;

	while (isalpha((unsigned char)(*p)[n]))
		n++;
	for (i = 0; n >= 3 && i < 12; i++) {
		if (strncasecmp(*p, feed_months[i], n) != 0 ||
		    (n > 3 && n != strlen(feed_months[i]) &&
		    strncasecmp(*p, "sept", n) != 0))
			continue;
		*p += n;
		return (int)i + 1;
	}
	return -1;
}

/* hh:mm[:ss[.fff]] into t; -1 when malformed. */
static int
feed_clock(const char **p, struct feed_tm *t)
{
	if ((t->hour = feed_num(p, 1, 2)) < 0 || **p != ':')
		return -1;
	(*p)++;
	if ((t->min = feed_num(p, 2, 2)) < 0)
		return -1;
	t->sec = 0;
	if (**p == ':') {
		(*p)++;
		if ((t->sec = feed_num(p, 2, 2)) < 0)
			return -1;
	}
	if (**p == '.' || **p == ',')
		while (isdigit((unsigned char)*++(*p)))
			;
	return 0;
}

/* The year of an RFC 822 date; two digits mean 19xx from 50, else 20xx. */
static int
feed_year(const char **p)
{
	const char	*s = *p;
	int		 y;

	if ((y = feed_num(p, 2, 4)) < 0)
		return -1;
	if (*p - s == 2)
		return y < 50 ? 2000 + y : 1900 + y;
	return *p - s == 3 ? 1900 + y : y;
}

/* An RFC 822 / 2822 date with the variants feeds really use. */
static int64_t
feed_date_822(const char *s)
{
	struct feed_tm	 t = { 0 };

	if (isalpha((unsigned char)*s)) {	/* a weekday, maybe misspelt */
		while (isalpha((unsigned char)*s))
			s++;
		if (*s == ',')
			s++;
		feed_skip_ws(&s);
	}
	if ((t.day = feed_num(&s, 1, 2)) < 0)
		return ITEM_NO_TIME;
	while (*s == ' ' || *s == '-')
		s++;
	if ((t.mon = feed_month(&s)) < 0)
		return ITEM_NO_TIME;
	while (*s == ' ' || *s == '-')
		s++;
	if ((t.year = feed_year(&s)) < 0 || feed_skip_ws(&s) ||
	    feed_clock(&s, &t) == -1)
		return ITEM_NO_TIME;
	if (!feed_skip_ws(&s) && (t.off = feed_zone(&s)) == INT_MIN)
		return ITEM_NO_TIME;
	if (!feed_skip_ws(&s) && *s != '(')	/* (a comment) may follow */
		return ITEM_NO_TIME;
	return feed_epoch(&t);
}

/* An RFC 3339 / ISO 8601 date: a bare date is midnight, no zone is UTC. */
static int64_t
feed_date_3339(const char *s)
{
	struct feed_tm	 t = { 0 };

	if ((t.year = feed_num(&s, 4, 4)) < 0 || *s++ != '-' ||
	    (t.mon = feed_num(&s, 2, 2)) < 0 || *s++ != '-' ||
	    (t.day = feed_num(&s, 2, 2)) < 0)
		return ITEM_NO_TIME;
	if (feed_skip_ws(&s))
		return feed_epoch(&t);
	if (*s == 'T' || *s == 't')
		s++;
	if (feed_clock(&s, &t) == -1)
		return ITEM_NO_TIME;
	if (!feed_skip_ws(&s) && (t.off = feed_zone(&s)) == INT_MIN)
		return ITEM_NO_TIME;
	if (!feed_skip_ws(&s))
		return ITEM_NO_TIME;
	return feed_epoch(&t);
}

/* Dispatch on the shape: YYYY- starts RFC 3339, anything else RFC 822. */
int64_t
feed_date_parse(const char *s)
{
	if (s == NULL || feed_skip_ws(&s))
		return ITEM_NO_TIME;
	if (isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
	    isdigit((unsigned char)s[2]) && isdigit((unsigned char)s[3]) &&
	    s[4] == '-')
		return feed_date_3339(s);
	return feed_date_822(s);
}

/* ------------------------------------------------------------------ */
/* URLs                                                                */

/* Percent-encode what libxml2's strict URI parser refuses (non-ASCII...). */
static char *
feed_url_escape(const char *s, size_t len)
{
	static const char	 hex[] = "0123456789ABCDEF";
	struct buf		 b = { 0 };
	unsigned char		 c;
	size_t			 i;

	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (c > 0x20 && c < 0x7f && strchr("\"<>\\^`{|}", c) == NULL) {
			buf_putc(&b, (char)c);
			continue;
		}
		buf_putc(&b, '%');
		buf_putc(&b, hex[c >> 4]);
		buf_putc(&b, hex[c & 15]);
	}
	buf_putc(&b, '\0');
	return buf_steal(&b);
}

/* Whether an absolute URL is http or https. */
static int
feed_url_web(const char *u)
{
	return strncasecmp(u, "http://", 7) == 0 ||
	    strncasecmp(u, "https://", 8) == 0;
}

/* Escape, resolve with libxml2, and keep only web URLs. */
char *
feed_url_resolve(const char *base, const char *ref)
{
	char	*r, *bs = NULL, *out = NULL;
	xmlChar	*u;
	size_t	 len;

	if (ref == NULL)
		return NULL;
	while (isspace((unsigned char)*ref))
		ref++;
	len = strlen(ref);
	while (len > 0 && isspace((unsigned char)ref[len - 1]))
		len--;
	if (len == 0)
		return NULL;
	r = feed_url_escape(ref, len);
	if (base != NULL)
		bs = feed_url_escape(base, strlen(base));
	u = xmlBuildURI((const xmlChar *)r, (const xmlChar *)bs);
	if (u != NULL && feed_url_web((const char *)u) &&
	    (out = strdup((const char *)u)) == NULL)
		feed_oom(-1);
	xmlFree(u);
	free(r);
	free(bs);
	return out;
}

/* The base URL in effect at a node (xml:base, <base href>, the document's). */
static char *
feed_node_base(const xmlNode *n)
{
	xmlChar	*b;
	char	*s;

	if ((b = xmlNodeGetBase(n->doc, n)) == NULL)
		return NULL;
	if ((s = strdup((const char *)b)) == NULL)
		feed_oom(-1);
	xmlFree(b);
	return s;
}

/* ------------------------------------------------------------------ */
/* Text of nodes                                                       */

/* Compare an element name with a tag table entry, ignoring case. */
static int
feed_tag_cmp(const void *key, const void *elem)
{
	return strcasecmp(key, ((const struct feed_tagkind *)elem)->name);
}

/* How the walker treats an element, by name. */
static enum feed_tag
feed_tag_kind(const xmlNode *n)
{
	const struct feed_tagkind	*t;

	t = bsearch(n->name, feed_tags, sizeof(feed_tags) /
	    sizeof(feed_tags[0]), sizeof(feed_tags[0]), feed_tag_cmp);
	return t != NULL ? t->kind : FEED_TAG_INLINE;
}

/*
 * The text of an entity reference, one level deep: an internal entity whose
 * value is plain text, or an HTML entity name a sloppy feed used. Nested
 * references are never followed (billion laughs), external ones never read.
 */
static void
feed_entity_text(struct buf *b, const xmlNode *n)
{
	const xmlEntity		*e;
	const htmlEntityDesc	*h;
	char			 u[8];
	int			 len;

	e = xmlGetDocEntity(n->doc, n->name);
	if (e != NULL && e->etype == XML_INTERNAL_GENERAL_ENTITY &&
	    e->content != NULL &&
	    strpbrk((const char *)e->content, "&<") == NULL) {
		buf_puts(b, (const char *)e->content);
		return;
	}
	if (e != NULL || (h = htmlEntityLookup(n->name)) == NULL)
		return;
	if ((len = xmlCopyCharMultiByte((xmlChar *)u, (int)h->value)) > 0)
		buf_append(b, u, (size_t)len);
}

/* Visit a node on the way down; true if its children are to be walked. */
static int
feed_text_enter(struct buf *b, const xmlNode *n)
{
	switch (n->type) {
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
		if (n->content != NULL)
			buf_puts(b, (const char *)n->content);
		return 0;
	case XML_ENTITY_REF_NODE:
		feed_entity_text(b, n);
		return 0;
	case XML_ELEMENT_NODE:
		switch (feed_tag_kind(n)) {
		case FEED_TAG_SKIP:
			return 0;
		case FEED_TAG_BLOCK:
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
feed_text_leave(struct buf *b, const xmlNode *n)
{
	if (n->type == XML_ELEMENT_NODE && feed_tag_kind(n) == FEED_TAG_BLOCK)
		buf_putc(b, ' ');
}

/*
 * The node itself only frames the text (a feed's <title> is not HTML's);
 * iterative, so a deeply nested document cannot exhaust the stack.
 */
void
feed_node_text(struct buf *b, const xmlNode *top)
{
	const xmlNode	*n;

	if (top->type != XML_ELEMENT_NODE && top->type != XML_ATTRIBUTE_NODE &&
	    top->type != XML_DOCUMENT_NODE &&
	    top->type != XML_HTML_DOCUMENT_NODE) {
		feed_text_enter(b, top);
		return;
	}
	n = top->children;
	while (n != NULL) {
		if (feed_text_enter(b, n) && n->children != NULL) {
			n = n->children;
			continue;
		}
		feed_text_leave(b, n);
		while (n->next == NULL && n->parent != top) {
			n = n->parent;
			feed_text_leave(b, n);
		}
		n = n->next;
	}
}

/* The '>' that ends a tag whose attributes start at p, quotes respected. */
static const char *
feed_tag_end(const char *p, const char *end)
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
feed_html_tag(const char *lt, const char *end, struct buf *b)
{
	const struct feed_tagkind	*t;
	const char			*p = lt + 1;
	char				 name[16];
	size_t				 n = 0;

	if (p < end && *p == '/')
		p++;
	while (p < end && isalnum((unsigned char)*p) && n < sizeof(name) - 1)
		name[n++] = *p++;
	name[n] = '\0';
	if (n == 0 || n == sizeof(name) - 1)
		return NULL;
	t = bsearch(name, feed_tags, sizeof(feed_tags) / sizeof(feed_tags[0]),
	    sizeof(feed_tags[0]), feed_tag_cmp);
	if (t != NULL && t->kind == FEED_TAG_SKIP)
		return NULL;
	if (t != NULL)
		buf_putc(b, ' ');
	return feed_tag_end(p, end);
}

/*
 * The common fragment, tags and text only (no entities, comments or
 * scripts), reduced without a parser: libxml2's HTML parser took a third
 * of a big feed's time. -1 when the fragment needs the real parser.
 */
static int
feed_html_fast(const char *s, size_t len, struct buf *b)
{
	const char	*p = s, *end = s + len, *lt;

	if (memchr(s, '&', len) != NULL)
		return -1;
	while ((lt = memchr(p, '<', (size_t)(end - p))) != NULL) {
		buf_append(b, p, (size_t)(lt - p));
		if ((p = feed_html_tag(lt, end, b)) == NULL)
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
	htmlDocPtr	 doc;
	struct buf	 b = { 0 };
	char		*out;

	if (len > INT_MAX ||
	    (memchr(s, '<', len) == NULL && memchr(s, '&', len) == NULL))
		return feed_text_clean(s, len);
	if (feed_html_fast(s, len, &b) == 0) {
		out = feed_text_clean(b.data, b.len);
		buf_free(&b);
		return out;
	}
	buf_reset(&b);
	doc = htmlReadMemory(s, (int)len, NULL, "UTF-8", FEED_HTML_OPTS);
	if (doc == NULL)
		return feed_text_clean(s, len);
	feed_node_text(&b, (const xmlNode *)doc);
	xmlFreeDoc(doc);
	out = feed_text_clean(b.data, b.len);
	buf_free(&b);
	return out;
}

/* ------------------------------------------------------------------ */
/* Field getters                                                       */

/* The raw (unfolded) text of a node. */
static struct buf
feed_raw(const xmlNode *n)
{
	struct buf	 b = { 0 };

	feed_node_text(&b, n);
	return b;
}

/* An attribute's value, its entity references handled like text's. */
static char *
feed_attr(const xmlNode *n, const char *name, const char *ns)
{
	const xmlAttr	*a;
	struct buf	 b = { 0 };

	a = xmlHasNsProp(n, (const xmlChar *)name, (const xmlChar *)ns);
	if (a == NULL)
		return NULL;
	feed_node_text(&b, (const xmlNode *)a);
	buf_putc(&b, '\0');
	return buf_steal(&b);
}

/* Plain text. */
static char *
feed_get_text(const xmlNode *n)
{
	struct buf	 b = feed_raw(n);
	char		*s;

	s = feed_text_clean(b.data, b.len);
	buf_free(&b);
	return s;
}

/* Text that may hold HTML (escaped or CDATA), reduced to plain text. */
static char *
feed_get_html(const xmlNode *n)
{
	struct buf	 b = feed_raw(n);
	char		*s;

	s = b.data != NULL ? feed_html_text(b.data, b.len) : NULL;
	buf_free(&b);
	return s;
}

/* An Atom text construct: type text (the default), html or xhtml. */
static char *
feed_get_typed(const xmlNode *n)
{
	char	*type;
	int	 html;

	type = feed_attr(n, "type", NULL);
	html = type != NULL && strstr(type, "html") != NULL &&
	    strstr(type, "xhtml") == NULL;
	free(type);
	return html ? feed_get_html(n) : feed_get_text(n);
}

/* A link given as element text (RSS), resolved against the base in effect. */
static char *
feed_get_link(const xmlNode *n)
{
	struct buf	 b = feed_raw(n);
	char		*base, *u;

	base = feed_node_base(n);
	u = feed_url_resolve(base, b.data);
	free(base);
	buf_free(&b);
	return u;
}

/* An Atom link: only rel="alternate", which is also what no rel means. */
static char *
feed_get_atom_link(const xmlNode *n)
{
	char	*rel, *href, *base, *u = NULL;

	rel = feed_attr(n, "rel", NULL);
	href = feed_attr(n, "href", NULL);
	if (href != NULL &&
	    (rel == NULL || strcasecmp(rel, "alternate") == 0)) {
		base = feed_node_base(n);
		u = feed_url_resolve(base, href);
		free(base);
	}
	free(rel);
	free(href);
	return u;
}

/* A guid that is a permalink stands in for a missing link. */
static char *
feed_get_guid_link(const xmlNode *n)
{
	struct buf	 b;
	char		*perma, *u;

	perma = feed_attr(n, "isPermaLink", NULL);
	if (perma != NULL && strcasecmp(perma, "false") == 0) {
		free(perma);
		return NULL;
	}
	free(perma);
	b = feed_raw(n);
	u = feed_url_resolve(NULL, b.data);
	buf_free(&b);
	return u;
}

/* An Atom person construct: its name. */
static char *
feed_get_person(const xmlNode *n)
{
	const xmlNode	*c;

	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(c->name, (const xmlChar *)"name"))
			return feed_get_text(c);
	return NULL;
}

/* The media:description inside a media:group or media:content. */
static char *
feed_get_media(const xmlNode *n)
{
	const xmlNode	*c;

	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(c->name, (const xmlChar *)"description") &&
		    c->ns != NULL &&
		    xmlStrEqual(c->ns->href, (const xmlChar *)FEED_NS_MEDIA))
			return feed_get_html(c);
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Items                                                               */

/* Whether a node's namespace is ns (NULL: none, FEED_NS_ITEM: item's). */
static int
feed_ns_is(const xmlNode *n, const char *ns, const xmlNode *item)
{
	const xmlChar	*href = n->ns != NULL ? n->ns->href : NULL;

	if (ns != NULL && *ns == '\0')
		return item->ns == NULL ? href == NULL :
		    xmlStrEqual(href, item->ns->href);
	if (ns == NULL)
		return href == NULL;
	return xmlStrEqual(href, (const xmlChar *)ns);
}

/* Whether an element is one of the dialect's items. */
static int
feed_is_item(const struct feed_dialect *d, const xmlNode *n)
{
	size_t	 i;

	if (n->type != XML_ELEMENT_NODE ||
	    !xmlStrEqual(n->name, (const xmlChar *)d->item))
		return 0;
	if (d->itemns == NULL)
		return n->ns == NULL;
	for (i = 0; d->itemns[i] != NULL; i++)
		if (n->ns != NULL &&
		    xmlStrEqual(n->ns->href, (const xmlChar *)d->itemns[i]))
			return 1;
	return 0;
}

/* Store a value in a slot (taking it over); true if the slot took it. */
static int
feed_store(struct item *it, enum feed_slot slot, char *v)
{
	char	**sp;
	int64_t	 *tp, t;

	if (slot == FEED_PUBLISHED || slot == FEED_UPDATED) {
		t = feed_date_parse(v);
		free(v);
		if (t == ITEM_NO_TIME)
			return 0;
		tp = (int64_t *)(void *)((char *)it + feed_slot_off[slot]);
		*tp = t;
		return 1;
	}
	sp = (char **)(void *)((char *)it + feed_slot_off[slot]);
	free(*sp);
	*sp = v;
	return 1;
}

/* Offer one child element to every field of the table that names it. */
static void
feed_field(const struct feed_dialect *d, const xmlNode *item,
    const xmlNode *c, struct item *it, int *prio)
{
	const struct feed_field	*f;
	char			*v;
	size_t			 i;

	for (i = 0; i < d->nfields; i++) {
		f = &d->fields[i];
		if (f->prio >= prio[f->slot] ||
		    !xmlStrEqual(c->name, (const xmlChar *)f->name) ||
		    !feed_ns_is(c, f->ns, item))
			continue;
		if ((v = f->get(c)) != NULL && feed_store(it, f->slot, v))
			prio[f->slot] = f->prio;
	}
}

/* Map one item element to a struct item; an item with no text is dropped. */
static void
feed_item(struct feed_state *st, const xmlNode *n)
{
	const struct feed_dialect	*d = st->dialect;
	const xmlNode			*c;
	struct item			*it;
	char				*id;
	int				 prio[FEED_NSLOTS], i;

	if ((it = item_list_add(st->out)) == NULL)
		feed_oom(-1);
	for (i = 0; i < FEED_NSLOTS; i++)
		prio[i] = INT_MAX;
	if (d->idattr != NULL && (id = feed_attr(n, d->idattr,
	    FEED_NS_RDF)) != NULL) {
		it->id = feed_text_clean(id, strlen(id));
		prio[FEED_ID] = it->id != NULL ? 0 : INT_MAX;
		free(id);
	}
	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			feed_field(d, n, c, it, prio);
	if (it->title == NULL && it->link == NULL && it->summary == NULL &&
	    it->content == NULL) {
		item_list_pop(st->out);
		return;
	}
	st->nitems++;
}

/* ------------------------------------------------------------------ */
/* The parser                                                          */

/* Keep the first error for the message a user sees; nothing is printed. */
static void
feed_sax_error(void *ctx, xmlErrorPtr e)
{
	xmlParserCtxtPtr	 ctxt = ctx;
	struct feed_state	*st;
	size_t			 n;

	if (ctxt == NULL || (st = ctxt->_private) == NULL || e == NULL ||
	    e->level < XML_ERR_ERROR)
		return;
	if (e->code == XML_ERR_ENTITY_LOOP)
		st->refused = 1;
	if (st->errline != 0)
		return;
	st->errline = e->line > 0 ? e->line : 1;
	snprintf(st->errmsg, sizeof(st->errmsg), "%s",
	    e->message != NULL ? e->message : "malformed document");
	n = strlen(st->errmsg);
	while (n > 0 && isspace((unsigned char)st->errmsg[n - 1]))
		st->errmsg[--n] = '\0';
}

/* The dialect a root element starts, or NULL. */
static const struct feed_dialect *
feed_dialect(const xmlChar *name, const xmlChar *uri)
{
	const struct feed_dialect	*d;
	size_t				 i;

	for (i = 0; i < sizeof(feed_dialects) / sizeof(feed_dialects[0]); i++) {
		d = &feed_dialects[i];
		if (xmlStrEqual(name, (const xmlChar *)d->root) &&
		    (d->rootns == NULL ? uri == NULL :
		    xmlStrEqual(uri, (const xmlChar *)d->rootns)))
			return d;
	}
	return NULL;
}

/* SAX start: the root decides the dialect; anything else stops the parse. */
static void
feed_sax_start(void *ctx, const xmlChar *name, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **nss, int nattr, int ndef,
    const xmlChar **attrs)
{
	xmlParserCtxtPtr	 ctxt = ctx;
	struct feed_state	*st = ctxt->_private;

	if (!st->rootseen) {
		st->rootseen = 1;
		st->dialect = feed_dialect(name, uri);
		if (st->dialect == NULL) {
			snprintf(st->root, sizeof(st->root), "%s%s%s",
			    prefix != NULL ? (const char *)prefix : "",
			    prefix != NULL ? ":" : "", (const char *)name);
			xmlStopParser(ctxt);
			return;
		}
	}
	xmlSAX2StartElementNs(ctx, name, prefix, uri, nns, nss, nattr, ndef,
	    attrs);
}

/* Whether a node is still on the parser's element stack. */
static int
feed_on_stack(xmlParserCtxtPtr ctxt, const xmlNode *n)
{
	int	 i;

	for (i = 0; i < ctxt->nodeNr; i++)
		if (ctxt->nodeTab[i] == n)
			return 1;
	return 0;
}

/*
 * SAX end: a finished item is mapped, then freed to keep memory flat. The
 * text nodes before it go too: SAX2 appends new text to a trailing text
 * node in place, which must not be one it did not size (a dict string).
 */
static void
feed_sax_end(void *ctx, const xmlChar *name, const xmlChar *prefix,
    const xmlChar *uri)
{
	xmlParserCtxtPtr	 ctxt = ctx;
	struct feed_state	*st = ctxt->_private;
	xmlNode			*n = ctxt->node, *parent, *t;

	xmlSAX2EndElementNs(ctx, name, prefix, uri);
	if (n == NULL || st->dialect == NULL || !feed_is_item(st->dialect, n) ||
	    feed_on_stack(ctxt, n) || (parent = n->parent) == NULL)
		return;
	feed_item(st, n);
	xmlUnlinkNode(n);
	xmlFreeNode(n);
	while ((t = parent->last) != NULL && t->type == XML_TEXT_NODE) {
		xmlUnlinkNode(t);
		xmlFreeNode(t);
	}
}

/* Items the recovering parser never closed are still in the tree. */
static void
feed_leftovers(struct feed_state *st, xmlNode *top)
{
	xmlNode	*n = top;

	while (n != NULL) {
		if (feed_is_item(st->dialect, n))
			feed_item(st, n);
		if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
			n = n->children;
			continue;
		}
		while (n != top && n->next == NULL)
			n = n->parent;
		if (n == top)
			return;
		n = n->next;
	}
}

/*
 * Feed a body to a push parser in chunks: libxml2 then holds a window of
 * it, where xmlCtxtReadMemory copies it whole first (20 MB more for a
 * 20 MB feed); with items freed as they close, memory stays bounded.
 */
static void
feed_push(xmlParserCtxtPtr ctxt, const struct feed_body *fb, size_t off)
{
	size_t	 n;

	for (; off < fb->len; off += n) {
		n = fb->len - off < FEED_CHUNK ? fb->len - off : FEED_CHUNK;
		if (xmlParseChunk(ctxt, fb->data + off, (int)n, 0) != 0 &&
		    ctxt->disableSAX)
			break;
	}
	xmlParseChunk(ctxt, NULL, 0, 1);
}

/* ------------------------------------------------------------------ */
/* Polling hints                                                       */

/* A whole number in an element, 1..max; 0 when it holds anything else. */
static long
feed_hint_num(const xmlNode *n, long max)
{
	char	*t = feed_get_text(n), *end;
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
feed_period_cmp(const void *key, const void *elem)
{
	return strcasecmp(key, ((const struct feed_period *)elem)->name);
}

/* The seconds of an sy:updatePeriod element; 0 when unknown. */
static long
feed_hint_period(const xmlNode *n)
{
	const struct feed_period	*p;
	char				*t = feed_get_text(n);

	p = t == NULL ? NULL : bsearch(t, feed_periods,
	    sizeof(feed_periods) / sizeof(feed_periods[0]),
	    sizeof(feed_periods[0]), feed_period_cmp);
	free(t);
	return p != NULL ? p->seconds : 0;
}

/* What the channel's hint elements said so far; 0: absent. */
struct feed_hint_set {
	long	 ttl;		/* <ttl>, minutes */
	long	 period;	/* sy:updatePeriod, seconds */
	long	 frequency;	/* sy:updateFrequency, times a period */
};

/* Note one element if it is a polling hint. */
static void
feed_hint(const xmlNode *n, struct feed_hint_set *hs)
{
	if (n->type != XML_ELEMENT_NODE)
		return;
	if (n->ns == NULL && xmlStrEqual(n->name, (const xmlChar *)"ttl"))
		hs->ttl = feed_hint_num(n, FEED_HINT_MAX / 60);
	if (!feed_ns_is(n, FEED_NS_SY, n))
		return;
	if (xmlStrEqual(n->name, (const xmlChar *)"updatePeriod"))
		hs->period = feed_hint_period(n);
	else if (xmlStrEqual(n->name, (const xmlChar *)"updateFrequency"))
		hs->frequency = feed_hint_num(n, FEED_HINT_MAX);
}

/*
 * The channel's polling hints (RSS 2.0 <ttl> in minutes; the syndication
 * module's period, daily unless given, divided by its frequency, once
 * unless given), the longer one, in seconds. They sit in the root (Atom)
 * or its channel (RSS), never deeper.
 */
static void
feed_hints_read(const xmlNode *top, struct feed_hints *h)
{
	struct feed_hint_set	 hs = { 0 };
	const xmlNode		*c, *g;
	long			 sy = 0;

	for (c = top->children; c != NULL; c = c->next) {
		feed_hint(c, &hs);
		if (c->type == XML_ELEMENT_NODE)
			for (g = c->children; g != NULL; g = g->next)
				feed_hint(g, &hs);
	}
	if (hs.period > 0 || hs.frequency > 0)
		sy = (hs.period > 0 ? hs.period : 86400) /
		    (hs.frequency > 0 ? hs.frequency : 1);
	h->ttl = hs.ttl * 60 > sy ? hs.ttl * 60 : sy;
}

/* Run the parser over a prepared body, filling st. */
static void
feed_run(struct feed_state *st, const struct feed_body *fb, const char *url)
{
	xmlParserCtxtPtr		 ctxt;
	xmlCharEncodingHandlerPtr	 h;
	size_t				 first;
	int				 opts = FEED_XML_OPTS;

	/* The first bytes let libxml2 see a byte order mark. */
	first = fb->len < FEED_CHUNK ? fb->len : FEED_CHUNK;
	ctxt = xmlCreatePushParserCtxt(NULL, NULL, fb->data, (int)first, url);
	if (ctxt == NULL)
		feed_oom(-1);
	ctxt->_private = st;
	ctxt->sax->startElementNs = feed_sax_start;
	ctxt->sax->endElementNs = feed_sax_end;
	ctxt->sax->serror = feed_sax_error;
	/* The encoding is feed_body_prepare's choice, not the document's. */
	if (fb->enc != NULL)
		opts |= XML_PARSE_IGNORE_ENC;
	xmlCtxtUseOptions(ctxt, opts);
	if (fb->enc != NULL && strcmp(fb->enc, "UTF-8") != 0 &&
	    (h = xmlFindCharEncodingHandler(fb->enc)) != NULL)
		xmlSwitchToEncoding(ctxt, h);
	feed_push(ctxt, fb, first);
	if (ctxt->myDoc != NULL && st->dialect != NULL)
		feed_leftovers(st, xmlDocGetRootElement(ctxt->myDoc));
	if (ctxt->myDoc != NULL && st->dialect != NULL && st->hints != NULL)
		feed_hints_read(xmlDocGetRootElement(ctxt->myDoc), st->hints);
	xmlFreeDoc(ctxt->myDoc);
	ctxt->myDoc = NULL;
	xmlFreeParserCtxt(ctxt);
}

/* Whether a body holds nothing but white space. */
static int
feed_blank(const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		if (!isspace((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Parse a feed body into items; errors worded for the user. */
int
feed_parse(const char *data, size_t len, const char *url, const char *charset,
    struct item_list *out, char *err, size_t errlen)
{
	return feed_parse_hints(data, len, url, charset, out, NULL, err,
	    errlen);
}

/* Parse a feed body into items and its polling hints; see feed.h. */
int
feed_parse_hints(const char *data, size_t len, const char *url,
    const char *charset, struct item_list *out, struct feed_hints *hints,
    char *err, size_t errlen)
{
	struct feed_state	 st = { .out = out, .hints = hints };
	struct feed_body	 fb;

	if (hints != NULL)
		hints->ttl = 0;

	if (data == NULL || feed_blank(data, len)) {
		snprintf(err, errlen, "empty body");
		return -1;
	}
	if (len > INT_MAX) {
		snprintf(err, errlen, "feed too large (%zu bytes)", len);
		return -1;
	}
	feed_body_prepare(&fb, data, len, charset, 0);
	feed_run(&st, &fb, url);
	feed_body_free(&fb);
	if (st.refused) {
		for (; st.nitems > 0; st.nitems--)
			item_list_pop(out);
		snprintf(err, errlen, "refused: entity expansion (a \"billion "
		    "laughs\" document)");
	} else if (st.rootseen && st.dialect == NULL)
		snprintf(err, errlen, "not a feed: root element <%s>", st.root);
	else if (st.nitems == 0 && st.errline != 0)
		snprintf(err, errlen, "XML error at line %d: %s", st.errline,
		    st.errmsg);
	else if (!st.rootseen)
		snprintf(err, errlen, "not a feed: no root element");
	else
		return 0;
	return -1;
}

/* ------------------------------------------------------------------ */
/* Sniffing                                                            */

/* Skip from p past the first occurrence of the terminator t. */
static const char *
feed_past(const char *p, const char *end, const char *t)
{
	size_t	 tl = strlen(t);

	for (; p + tl <= end; p++)
		if (memcmp(p, t, tl) == 0)
			return p + tl;
	return end;
}

/* Skip a doctype, internal subset included. */
static const char *
feed_past_doctype(const char *p, const char *end)
{
	for (; p < end && *p != '>'; p++)
		if (*p == '[')
			p = feed_past(p, end, "]") - 1;
	return p < end ? p + 1 : end;
}

/* The root element's local name in an ASCII-compatible head of a document. */
static int
feed_sniff_ascii(const char *p, const char *end)
{
	static const char *const roots[] = { "rss", "RDF", "feed" };
	const char	*name;
	size_t		 n, i;

	for (;;) {
		while (p < end && isspace((unsigned char)*p))
			p++;
		if (end - p < 2 || *p != '<')
			return 0;
		if (p[1] == '?')
			p = feed_past(p, end, "?>");
		else if (end - p >= 4 && memcmp(p, "<!--", 4) == 0)
			p = feed_past(p, end, "-->");
		else if (p[1] == '!')
			p = feed_past_doctype(p, end);
		else
			break;
	}
	for (name = ++p; p < end && !isspace((unsigned char)*p) &&
	    *p != '>' && *p != '/'; p++)
		if (*p == ':')
			name = p + 1;
	n = (size_t)(p - name);
	for (i = 0; i < sizeof(roots) / sizeof(roots[0]); i++)
		if (n == strlen(roots[i]) && memcmp(name, roots[i], n) == 0)
			return 1;
	return 0;
}

/* Sniff the root element, narrowing UTF-16 to ASCII first. */
int
feed_sniff(const char *data, size_t len)
{
	const unsigned char	*u = (const unsigned char *)data;
	char			 narrow[1024];
	size_t			 i, n = 0;

	if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf)
		return feed_sniff_ascii(data + 3, data + len);
	if (len < 2 || (u[0] != 0 && u[1] != 0 && !(u[0] == 0xff &&
	    u[1] == 0xfe) && !(u[0] == 0xfe && u[1] == 0xff)))
		return feed_sniff_ascii(data, data + len);
	/* UTF-16: the markup is ASCII, so keep every other byte. */
	i = u[0] == 0xff ? 2 : u[0] == 0xfe ? 3 : u[0] == 0 ? 1 : 0;
	for (; i < len && n < sizeof(narrow); i += 2)
		narrow[n++] = (char)u[i];
	return feed_sniff_ascii(narrow, narrow + n);
}

/* ------------------------------------------------------------------ */
/* Set-up                                                              */

static xmlExternalEntityLoader	 feed_prev_loader;

/* Refuse every external entity and DTD: feeds are untrusted. */
static xmlParserInputPtr
feed_no_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

/* Swallow libxml2's generic error output (iconv and HTML parser chatter). */
static void
feed_silent(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

/* Set libxml2 up for untrusted input: no external entities, no chatter. */
void
feed_init(void)
{
	xmlInitParser();
	feed_prev_loader = xmlGetExternalEntityLoader();
	xmlSetExternalEntityLoader(feed_no_loader);
	xmlSetGenericErrorFunc(NULL, feed_silent);
}

/* Restore libxml2's defaults and free its global state. */
void
feed_shutdown(void)
{
	if (feed_prev_loader != NULL)
		xmlSetExternalEntityLoader(feed_prev_loader);
	feed_prev_loader = NULL;
	xmlSetGenericErrorFunc(NULL, NULL);
	xmlCleanupParser();
}

/*
 * OPML (a feed reader's subscription list) -> items whose title is the
 * outline's title and whose link is its feed URL.
 */

/* An attribute of an outline, cleaned for display; NULL when absent. */
static char *
feed_opml_attr(const xmlNode *n, const char *name)
{
	xmlChar	*v = xmlGetProp(n, (const xmlChar *)name);
	char	*s;

	if (v == NULL)
		return NULL;
	s = feed_text_clean((const char *)v, strlen((const char *)v));
	xmlFree(v);
	return s;
}

/* Add one outline that names a feed; others are skipped. */
static void
feed_opml_outline(const xmlNode *n, struct item_list *out, size_t *skipped)
{
	struct item	*it;
	char		*url = feed_opml_attr(n, "xmlUrl");
	char		*link;

	if (url == NULL)
		return;
	link = feed_url_resolve(NULL, url);
	free(url);
	if (link == NULL) {
		(*skipped)++;
		return;
	}
	if ((it = item_list_add(out)) == NULL)
		feed_oom(-1);
	it->link = link;
	if ((it->title = feed_opml_attr(n, "title")) == NULL)
		it->title = feed_opml_attr(n, "text");
}

/* Visit every outline of the document, nested categories included. */
static void
feed_opml_walk(const xmlNode *n, struct item_list *out, size_t *skipped)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrcmp(n->name, (const xmlChar *)"outline") == 0)
			feed_opml_outline(n, out, skipped);
		feed_opml_walk(n->children, out, skipped);
	}
}

/* Read an OPML subscription list. */
int
feed_opml_parse(const char *data, size_t len, struct item_list *out,
    size_t *skipped, char *err, size_t errlen)
{
	xmlDocPtr	 doc;
	xmlNode		*root;

	*skipped = 0;
	if (len > INT_MAX || (doc = xmlReadMemory(data, (int)len, "opml.xml",
	    NULL, FEED_XML_OPTS)) == NULL) {
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
	feed_opml_walk(root->children, out, skipped);
	xmlFreeDoc(doc);
	return 0;
}
