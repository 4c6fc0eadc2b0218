/*
 * feed_int: what the files of the feed module share; not a contract for
 * anyone else. feed.c builds items and dispatches on the format;
 * feed_xml.c reads RSS and Atom, feed_json.c JSON Feed, feed_repair.c mends
 * XML that the strict reader refused, feed_date.c reads dates.
 */
#ifndef RAQIB_FEED_INT_H
#define RAQIB_FEED_INT_H

#include <stddef.h>

#include "feed.h"
#include "item.h"

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
/* Offer a value (taken over, may be NULL) for a slot at a priority. */
void	 feed_entry_set(struct feed_entry *, enum feed_slot, int prio,
	    char *value);
/* The item is complete: appended to the output, or counted unreadable. */
void	 feed_entry_end(struct feed_read *, struct feed_entry *);

/* The feed's own title or link (taken over), first one wins. */
void	 feed_info_set(char **field, char *value);

/* XML (RSS, RDF, Atom) and JSON Feed readers over a valid UTF-8 document. */
int	 feed_xml_read(struct feed_read *, const char *doc, size_t len,
	    char *err, size_t errlen);
int	 feed_xml_sniff(const char *data, size_t len);
int	 feed_json_read(struct feed_read *, const char *doc, size_t len,
	    char *err, size_t errlen);
int	 feed_json_sniff(const char *data, size_t len);

/* Plain text of an HTML fragment (escaped markup in a feed); NULL if empty. */
char	*feed_html_text(const char *, size_t);

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
