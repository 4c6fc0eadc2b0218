/* utf8: decode UTF-8 strictly, and repair what is not UTF-8. */
#include <stdint.h>

#include "buf.h"
#include "utf8.h"

/* Decode one sequence; the two-byte case first, as Arabic takes it. */
size_t
utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	static const uint32_t min[] = { 0, 0, 0x80, 0x800, 0x10000 };
	size_t	 len, i;
	uint32_t c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf && n >= 2 && (s[1] & 0xc0) == 0x80) {
		*cp = ((uint32_t)(s[0] & 0x1f) << 6) | (s[1] & 0x3f);
		return 2;
	}
	if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4;
	else
		return 0;
	if (n < len)
		return 0;
	c = s[0] & (0x7f >> len);
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min[len] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/* Copy s, each byte that starts no valid sequence replaced by U+FFFD. */
char *
utf8_clean(const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	struct buf		 b = { 0 };
	size_t			 i, n;
	uint32_t		 cp;

	buf_append(&b, "", 0);
	for (i = 0; i < len; i += n) {
		if ((n = utf8_decode(u + i, len - i, &cp)) == 0) {
			n = 1;
			buf_append(&b, "\xef\xbf\xbd", 3);
		} else
			buf_append(&b, s + i, n);
	}
	return buf_steal(&b);
}
