/* utf8: decode UTF-8 strictly, and repair what is not UTF-8. */
#include <stdint.h>

#include "buf.h"
#include "utf8.h"

/*
 * One sequence: its length and code point, or 0 with *bad the length of
 * its maximal invalid prefix (the bytes one U+FFFD stands for, as WHATWG
 * and Python decode). No overlong forms, no surrogates, nothing above
 * U+10FFFF: the second byte's range says so before any bit is shifted.
 */
static size_t
utf8_step(const unsigned char *s, size_t n, uint32_t *cp, size_t *bad)
{
	unsigned char	 lo = 0x80, hi = 0xbf;
	size_t		 need, i;
	uint32_t	 c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		need = 1;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		need = 2;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		need = 3;
	else {
		*bad = 1;
		return 0;
	}
	if (s[0] == 0xe0)
		lo = 0xa0;
	else if (s[0] == 0xed)
		hi = 0x9f;
	else if (s[0] == 0xf0)
		lo = 0x90;
	else if (s[0] == 0xf4)
		hi = 0x8f;
	c = s[0] & (0x3f >> need);
	for (i = 1; i <= need; i++) {
		if (i >= n || s[i] < lo || s[i] > hi) {
			*bad = i;
			return 0;
		}
		c = (c << 6) | (s[i] & 0x3f);
		lo = 0x80;
		hi = 0xbf;
	}
	*cp = c;
	return need + 1;
}

/* Decode one sequence; see utf8.h. */
size_t
utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	size_t	 bad;

	return utf8_step(s, n, cp, &bad);
}

/* The bytes of an invalid sequence one U+FFFD replaces; see utf8.h. */
size_t
utf8_invalid(const unsigned char *s, size_t n)
{
	uint32_t	 cp;
	size_t		 bad = 0;

	return utf8_step(s, n, &cp, &bad) == 0 ? bad : 0;
}

/* Copy s, each maximal invalid sequence replaced by U+FFFD. */
char *
utf8_clean(const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	struct buf		 b = { 0 };
	size_t			 i, n, bad;
	uint32_t		 cp;

	buf_append(&b, "", 0);
	for (i = 0; i < len; i += n) {
		if ((n = utf8_step(u + i, len - i, &cp, &bad)) == 0) {
			n = bad;
			buf_append(&b, "\xef\xbf\xbd", 3);
		} else
			buf_append(&b, s + i, n);
	}
	return buf_steal(&b);
}

/* The characters of valid UTF-8 s[0, len): its lead bytes. */
size_t
utf8_chars(const char *s, size_t len)
{
	size_t	 i, n = 0;

	for (i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

/* The bytes of the first n characters of valid UTF-8 s[0, len). */
size_t
utf8_prefix(const char *s, size_t len, size_t n)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 && n-- == 0)
			break;
	return i;
}

/* Whether a terminal acts on cp; see utf8.h. */
int
utf8_is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}
