/*
 * A strict UTF-8 check over len bytes (NULs allowed), written apart from
 * daemon/doc.c so that it can judge doc's output: test_doc and fuzz_doc.
 */
#ifndef RAQIB_TEST_UTF8VALID_H
#define RAQIB_TEST_UTF8VALID_H

#include <stddef.h>
#include <stdint.h>

/* Whether the bytes are valid UTF-8: no overlong form, no surrogate. */
static int
utf8_valid(const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0, n, k;
	uint32_t		 c;

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

#endif
