/* feed: RSS 0.9x/1.0/2.0 and Atom documents -> items, from a buffer. Pure. */
#ifndef RAQIB_FEED_H
#define RAQIB_FEED_H

#include <stddef.h>

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

#endif
