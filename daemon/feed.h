/* feed: RSS 0.9x/1.0/2.0 and Atom documents -> items, from a buffer. Pure. */
#ifndef RAQIB_FEED_H
#define RAQIB_FEED_H

#include <stddef.h>
#include <stdint.h>

#include "item.h"

/* Process-wide parser set-up and teardown (libxml2). */
void	 feed_init(void);
void	 feed_shutdown(void);

/* Whether the bytes look like an RSS, RDF or Atom document (root element). */
int	 feed_sniff(const char *data, size_t len);

/*
 * Parse a feed. url resolves relative links; charset is the HTTP header's,
 * or NULL. Items are appended to out. Returns 0, or -1 with a message a
 * user understands in err.
 */
int	 feed_parse(const char *data, size_t len, const char *url,
	    const char *charset, struct item_list *out, char *err, size_t errlen);

/* What a feed asks of its readers, beside its items. */
struct feed_hints {
	long	 ttl;	/* seconds to wait between polls: RSS <ttl> or
			   sy:updatePeriod / sy:updateFrequency, the longer
			   (at most a year); 0 when it says nothing */
};

/* feed_parse(), also filling hints (when the parse fails too). */
int	 feed_parse_hints(const char *data, size_t len, const char *url,
	    const char *charset, struct item_list *out, struct feed_hints *,
	    char *err, size_t errlen);

/*
 * Read an OPML subscription list (any feed reader's export): one item per
 * outline with an http(s) xmlUrl, link = that URL, title = the outline's
 * title or text (NULL if neither). Outlines with another kind of URL are
 * counted in *skipped. Returns 0, or -1 with a message in err.
 */
int	 feed_opml_parse(const char *data, size_t len, struct item_list *out,
	    size_t *skipped, char *err, size_t errlen);

/*
 * Helpers shared with page.c (the other libxml2 user), the CLI and tests.
 */

/*
 * Unix seconds UTC of an RFC 822 date (with the usual real-world variants)
 * or an RFC 3339 / ISO 8601 date; ITEM_NO_TIME when it cannot be read.
 */
int64_t	 feed_date_parse(const char *);

/*
 * Text folded for display: whitespace runs become one space, ends trimmed,
 * invalid UTF-8 bytes become U+FFFD. NULL when nothing is left. Caller frees.
 */
char	*feed_text_clean(const char *, size_t);

/* Plain text of an HTML fragment, folded as above; NULL if empty. */
char	*feed_html_text(const char *, size_t);

/*
 * ref made absolute against base (either may be NULL): an http or https
 * URL, or NULL for anything else (javascript:, mailto:, unparsable).
 * Caller frees, as with every char * these helpers return.
 */
char	*feed_url_resolve(const char *base, const char *ref);

/*
 * A body made ready for libxml2. The encoding is chosen in this order: a
 * BOM (left to libxml2: enc is NULL); valid UTF-8 holding non-ASCII text is
 * UTF-8 whatever the labels say; the HTTP charset, else the document's own
 * label (XML declaration, or <meta> when html), WHATWG-mapped
 * (iso-8859-1 -> windows-1252, arabic -> ISO-8859-6, ...); a body that
 * claims UTF-8 or nothing but is mostly not UTF-8 is windows-1256 (the
 * Arabic-locale fallback); one with a few stray bytes is UTF-8, repaired.
 */
struct feed_body {
	const char	*data;	/* the bytes to parse: the caller's, or copy */
	size_t		 len;
	const char	*enc;	/* the encoding to pass, or NULL */
	char		*copy;	/* owned repaired copy, or NULL */
};

void	 feed_body_prepare(struct feed_body *, const char *data, size_t len,
	    const char *charset, int html);
void	 feed_body_free(struct feed_body *);

/*
 * Appends the plain text of a libxml2 node and its descendants to a buf:
 * script and style skipped, block boundaries become spaces, entity
 * references never expanded beyond one level. Unfolded; for page.c.
 */
struct buf;
struct _xmlNode;
void	 feed_node_text(struct buf *, const struct _xmlNode *);

#endif
