/*
 * libFuzzer: page_parse with the default rules and a selector, autodiscovery,
 * an article page's text and JSON-LD.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "feed.h"
#include "item.h"
#include "page.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static int		 init;
	struct item_list	 items = { 0 };
	struct page_article	 a;
	char			 err[256], *link;
	const char		*s = (const char *)data;

	if (!init) {
		feed_init();
		init = 1;
	}
	page_parse(s, len, "http://127.0.0.1/news/", NULL, NULL, &items, err,
	    sizeof(err));
	item_list_free(&items);
	page_parse(s, len, "http://127.0.0.1/news/", "windows-1256",
	    "article h2 > a, .story a[href]", &items, err, sizeof(err));
	item_list_free(&items);
	link = page_feed_link(s, len, "http://127.0.0.1/", NULL);
	free(link);
	page_article_read(s, len, "http://127.0.0.1/news/1", NULL, &a);
	page_article_free(&a);
	return 0;
}
