/* page: HTML pages -> items (selectors), feed autodiscovery. Pure. */
#ifndef RAQIB_PAGE_H
#define RAQIB_PAGE_H

#include <stddef.h>

#include "item.h"

/*
 * The items of an HTML page. selector is the source's `items =` (a CSS
 * selector, or "xpath:..."), or NULL for the default article-link rules.
 * Returns 0, or -1 with a message in err (a bad selector included).
 */
int	 page_parse(const char *data, size_t len, const char *url,
	    const char *charset, const char *selector, struct item_list *out,
	    char *err, size_t errlen);

/* Check a selector's syntax (config checking); -1 with a message in err. */
int	 page_selector_check(const char *selector, char *err, size_t errlen);

/* The absolute URL of the feed a page advertises, or NULL. Caller frees. */
char	*page_feed_link(const char *data, size_t len, const char *url,
	    const char *charset);

#endif
