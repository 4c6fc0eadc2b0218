/* libFuzzer: feed_parse on arbitrary bytes, with and without an HTTP charset. */
#include <stddef.h>
#include <stdint.h>

#include "feed.h"
#include "item.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static int		 init;
	struct item_list	 items = { 0 };
	struct feed_info	 fi;
	char			 err[256], report[256];
	/* The first byte picks the charset the "server" announced. */
	static const char	*charsets[] = { NULL, "utf-8", "windows-1256",
				    "iso-8859-6", "utf-16", "windows-1251",
				    "shift_jis", "utf-32" };

	if (!init) {
		feed_init();
		init = 1;
	}
	if (len == 0)
		return 0;
	feed_sniff((const char *)data + 1, len - 1);
	feed_parse((const char *)data + 1, len - 1, "http://127.0.0.1/feed",
	    charsets[data[0] % 8], &items, &fi, err, sizeof(err));
	feed_info_report(&fi, report, sizeof(report));
	feed_info_free(&fi);
	item_list_free(&items);
	return 0;
}
