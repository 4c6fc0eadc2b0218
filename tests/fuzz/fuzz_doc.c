/*
 * libFuzzer: doc_decode on arbitrary bytes. The first byte picks the kind
 * and the charset the "server" announced; every output must be valid
 * UTF-8 of a bounded size, NUL-terminated when it is a copy.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Whether len bytes are valid UTF-8 (NULs allowed); written apart from doc.c. */
static int
valid(const unsigned char *u, size_t len)
{
	size_t		 i = 0, n, k;
	uint32_t	 c;

	while (i < len) {
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		n = u[i] >= 0xf0 && u[i] <= 0xf4 ? 4 : u[i] >= 0xe0 &&
		    u[i] <= 0xef ? 3 : u[i] >= 0xc2 && u[i] <= 0xdf ? 2 : 0;
		if (n == 0 || i + n > len)
			return 0;
		c = u[i] & (0xff >> (n + 1));
		for (k = 1; k < n; k++) {
			if ((u[i + k] & 0xc0) != 0x80)
				return 0;
			c = (c << 6) | (u[i + k] & 0x3f);
		}
		if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
		    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return 0;
		i += n;
	}
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static const char	*charsets[] = { NULL, "utf-8", "windows-1256",
				    "iso-8859-6", "utf-16", "koi8-r",
				    "shift_jis", "iso-2022-jp", "utf-32",
				    "x-user-defined", "replacement", "UTF16",
				    "gb18030", "euc-kr", "big5", "ibm1047" };
	struct doc		 d;
	char			 err[128], lbl[40];
	enum doc_kind		 kind;
	char			*s;

	if (len == 0)
		return 0;
	kind = (enum doc_kind)(data[0] % 3);
	if (doc_decode(&d, (const char *)data + 1, len - 1,
	    charsets[(data[0] / 3) % 16], kind, err, sizeof(err)) != 0)
		abort();
	if (!valid((const unsigned char *)d.data, d.len) ||
	    d.len > 3 * (len - 1) + 4 ||
	    (d.owned != NULL && d.data[d.len] != '\0'))
		abort();
	doc_free(&d);
	doc_meta_prescan((const char *)data + 1, len - 1, lbl, sizeof(lbl));
	if ((s = doc_text_clean((const char *)data + 1, len - 1)) != NULL &&
	    !valid((const unsigned char *)s, strlen(s)))
		abort();
	free(s);
	return 0;
}
