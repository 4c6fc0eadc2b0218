/* libFuzzer: the config parser, including every expression and selector in it. */
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "config.h"
#include "feed.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static int	 init;
	struct buf	 errors = { 0 };
	struct config	*c;

	if (!init) {
		feed_init();
		init = 1;
	}
	c = config_load_text("fuzz.conf", (const char *)data, len, &errors);
	config_free(c);
	buf_free(&errors);
	return 0;
}
