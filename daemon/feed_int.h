/*
 * feed_int: what the files of the feed module share; not a contract for
 * anyone else. feed.c builds items and dispatches on the format;
 * feed_xml.c reads RSS and Atom through libxml2's SAX events, feed_map.c
 * says what their elements mean, feed_repair.c mends XML that the strict
 * reader refused, feed_json.c reads JSON Feed, feed_date.c reads dates.
 */
#ifndef RAQIB_FEED_INT_H
#define RAQIB_FEED_INT_H

#include <stddef.h>

#include "buf.h"
#include "feed.h"
#include "item.h"

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
/* Apple's podcast module, under both the spellings its documents gave. */
#define NS_ITUNES	"http://www.itunes.com/dtds/podcast-1.0.dtd"
#define NS_ITUNES_OLD	"http://www.itunes.com/DTDs/Podcast-1.0.dtd"
/* Yandex's: the whole text of a news item, and of a Turbo page. */
#define NS_YANDEX	"http://news.yandex.ru"
#define NS_TURBO	"http://turbo.yandex.ru"
/* FeedBurner's: origLink is the page its <link> redirects to. */
#define NS_FEEDBURNER	"http://rssnamespace.org/feedburner/ext/1.0"
#define NS_XHTML	"http://www.w3.org/1999/xhtml"
#define NS_XML		"http://www.w3.org/XML/1998/namespace"
/* In a field table: the feed's own namespace, whichever it is. */
#define NS_FEED		""

/* The fields of an item a reader fills. */
enum feed_slot {
	FEED_ID,
	FEED_LINK,
	FEED_TITLE,
	FEED_SUMMARY,
	FEED_CONTENT,
	FEED_AUTHOR,
	FEED_PUBLISHED,
	FEED_UPDATED,
	FEED_CATEGORY,	/* appends: an item has any number */
	FEED_NSLOTS
};

/*
 * An item being read, and the priority of what fills each slot: a value
 * replaces another when its priority is lower, or equal (a later element
 * wins, as in the reference parsers: the last <updated> is the one).
 */
struct feed_entry {
	struct item	 it;
	int		 prio[FEED_NSLOTS];
	unsigned	 repairs;	/* enum feed_repair bits inside this item */
};

/* One parse: where items go and what is learned on the way. */
struct feed_read {
	struct item_list	*out;
	struct feed_info	*info;
	const char		*url;	/* the document's own: the first base */
};

void	 feed_entry_begin(struct feed_entry *);
/*
 * Whether a value at a priority would fill a slot now: a reader need not
 * make one that a better value already there would drop.
 */
int	 feed_entry_wants(const struct feed_entry *, enum feed_slot, int prio);
/* Offer a value (taken over, may be NULL) for a slot at a priority. */
void	 feed_entry_set(struct feed_entry *, enum feed_slot, int prio,
	    char *value);
/* The item is complete: appended to the output, or counted unreadable. */
void	 feed_entry_end(struct feed_read *, struct feed_entry *);

/* The feed's own title or link (taken over), first one wins. */
void	 feed_info_set(char **field, char *value);

/* How an element of an XML feed is read (feed_map.c). */
enum feed_kind {
	FEED_K_TEXT,		/* plain text */
	FEED_K_HTML,		/* text that may hold escaped HTML */
	FEED_K_TYPED,		/* an Atom text construct: type and mode decide */
	FEED_K_LINK,		/* a URL as the element's text */
	FEED_K_ALINK,		/* an Atom link: href, rel alternate, HTML type */
	FEED_K_GUID,		/* a guid standing in for the link */
	FEED_K_ENCLOSURE,	/* a podcast's file standing in for the link */
	FEED_K_SRC,		/* Atom's out-of-line content: its src is the page */
	FEED_K_COMMENTS,	/* RSS <comments>: the page, no anchor */
	FEED_K_PERSON,		/* an author: the name child, else the text */
	FEED_K_CATEGORY,	/* term or label attribute, else the text */
	FEED_K_TTL,		/* the channel's hints: <ttl> minutes, */
	FEED_K_PERIOD,		/*   sy:updatePeriod, */
	FEED_K_FREQUENCY,	/*   sy:updateFrequency */
	FEED_K_GROUP,		/* media:group, media:content: children are fields */
	FEED_K_IGNORE		/* atom:source: nothing inside is the item's */
};

/* One element mapped to a slot; lower prio wins (see struct feed_entry). */
struct feed_field {
	const char	*ns;		/* namespace URI, or NS_FEED */
	const char	*name;
	enum feed_slot	 slot;
	int		 prio;
	enum feed_kind	 kind;
};

/* An XML feed dialect: its root, its items, its namespaces and fields. */
struct feed_dialect {
	const char			*root;		/* the root's local name */
	const char			*channel;	/* the parent of the feed's
							   own fields, or NULL:
							   the root itself */
	const char			*item;
	const char *const		*ns;		/* its own, NULL-ended */
	const struct feed_field		*fields;
	size_t				 nfields;
};

/* The attributes a field may need, copied when it opens. */
enum feed_attr {
	FEED_A_TYPE,
	FEED_A_MODE,
	FEED_A_REL,
	FEED_A_HREF,
	FEED_A_PERMA,
	FEED_A_TERM,
	FEED_A_LABEL,
	FEED_A_URL,
	FEED_A_SRC,
	FEED_NATTRS
};

#define FEED_MAXROWS	4	/* table rows one element fills at most */

/* A field being read: its rows, its text, the attributes it came with. */
struct feed_open {
	const struct feed_field	*rows[FEED_MAXROWS];
	size_t			 nrows;
	struct feed_entry	*entry;		/* the item's or the channel's */
	int			 depth;		/* 0: no field open */
	int			 skip;		/* depth of skipped markup, or 0 */
	int			 name;		/* person: depth of <name>, -1 done */
	struct buf		 text;
	struct buf		 person;	/* the text of the person's name */
	char			*attrs[FEED_NATTRS];	/* owned */
	const char		*base;		/* xml:base in effect, borrowed */
};

/* The channel's polling hints, as read so far; 0: not given. */
struct feed_hints {
	long	 ttl;		/* minutes */
	long	 period;	/* seconds */
	long	 frequency;	/* times a period */
};

/* The dialect a root element starts, or NULL: it is no feed. */
const struct feed_dialect *feed_dialect_find(const char *name,
	    const char *prefix, const char *uri);
/* The other family's dialect: Atom's for RSS's, RSS's for Atom's. */
const struct feed_dialect *feed_dialect_other(const struct feed_dialect *);
/* Whether a local name is some dialect's root (len bytes, for sniffing). */
int	 feed_dialect_root(const char *name, size_t len);
enum feed_format feed_dialect_format(const struct feed_dialect *,
	    const char *uri, const char *version);
/* Whether a namespace is the feed's own: none, the root's, or a known one. */
int	 feed_dialect_own(const struct feed_dialect *, const char *rootns,
	    const char *uri);
/* The namespace a conventional prefix stands for, when undeclared, or NULL. */
const char *feed_prefix_ns(const char *prefix);
/* Which attribute a field may need a name is; FEED_NATTRS: none. */
enum feed_attr feed_attr_find(const char *name);
/* Fill o->rows with the table rows that name this element; their count. */
size_t	 feed_field_rows(const struct feed_dialect *, const char *rootns,
	    const char *name, const char *uri, struct feed_open *o);
/*
 * The field is over: each row offers its value to the entry, or notes a
 * polling hint in h (NULL: not the channel's field). The field's text and
 * attributes are released; the field can be opened again.
 */
void	 feed_field_close(struct feed_open *o, struct feed_hints *h);
/* The longer of the hints, in seconds (at most a year). */
long	 feed_hints_seconds(const struct feed_hints *);

/* How feed_xml_read reads a document. */
enum feed_xml_pass {
	FEED_XML_UNCHECKED,	/* strictly, bytes taken for UTF-8 unread: a
				   failure returns FEED_XML_RECHECK */
	FEED_XML_STRICT,	/* strictly, then mended and recovered */
	FEED_XML_MEND		/* the strict read failed already: mend */
};
#define FEED_XML_RECHECK	1

/*
 * XML (RSS, RDF, Atom) and JSON Feed readers over a UTF-8 document: 0, -1
 * with a message in err, or FEED_XML_RECHECK (see enum feed_xml_pass).
 */
int	 feed_xml_read(struct feed_read *, const char *doc, size_t len,
	    enum feed_xml_pass, char *err, size_t errlen);
int	 feed_json_read(struct feed_read *, const char *doc, size_t len,
	    char *err, size_t errlen);
int	 feed_json_sniff(const char *data, size_t len);

/*
 * Whether the root element of an ASCII-compatible head (past any
 * declaration, comment or doctype) is a feed's; the length of its name
 * (its prefix included, *qname pointing at it), 0 when it has none.
 */
int	 feed_sniff_root(const char *p, const char *end);
int	 feed_sniff_head(const char *p, const char *end);
size_t	 feed_head_root(const char *p, const char *end, const char **qname);
/* Past the first terminator t from p, or end when there is none. */
const char *feed_past(const char *p, const char *end, const char *t);
/* Past a comment or CDATA section at p (its end, or end when cut); else p. */
const char *feed_past_markup(const char *p, const char *end);
/* Past a quoted string or comment at p inside a DOCTYPE; p when none. */
const char *feed_dtd_skip(const char *p, const char *end);

/* Plain text of an HTML fragment (escaped markup in a feed); NULL if empty. */
char	*feed_html_text(const char *, size_t);

/*
 * A text that still holds an end tag or a character reference ending in
 * ';' (&quot;, &#8211;) read as HTML once more, else itself; takes v over.
 */
char	*feed_text_again(char *);

/*
 * A copy of an XML document the strict parser refused, mended so that no
 * text is lost: bare & and unknown entities escaped, known HTML entities
 * and predefined ones made numeric, NULs and control characters dropped,
 * stray < escaped. *repairs receives what was mended (enum feed_repair),
 * and items[] (nmarks entries, may be 0) marks the items, in document
 * order, that held a repair. Caller frees the copy and *items.
 */
char	*feed_repair(const char *doc, size_t len, size_t *outlen,
	    unsigned *repairs, unsigned **items, size_t *nmarks);

#endif
