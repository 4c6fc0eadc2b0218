/* utf8: the one UTF-8 decoder, strict: no overlong forms, no surrogates. */
#ifndef RAQIB_UTF8_H
#define RAQIB_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * The length of the valid UTF-8 sequence at s (at most n bytes, n > 0),
 * its code point in *cp; 0 when the bytes are not valid UTF-8 (an overlong
 * form, a surrogate, a code point past U+10FFFF, a cut sequence).
 */
size_t	 utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/*
 * The length of the valid two-byte sequence at s (Arabic, Cyrillic: the
 * scanners' hot case, so inline), else 0 (utf8_decode says the rest).
 */
static inline size_t
utf8_two(const unsigned char *s, size_t n)
{
	return n >= 2 && s[0] >= 0xc2 && s[0] <= 0xdf &&
	    (s[1] & 0xc0) == 0x80 ? 2 : 0;
}

/*
 * When the bytes at s are not valid UTF-8: how many of them one U+FFFD
 * stands for (the maximal invalid prefix, at least 1); 0 when they are.
 */
size_t	 utf8_invalid(const unsigned char *s, size_t n);
/* A valid copy of s[0, len): each invalid sequence becomes U+FFFD. Caller frees. */
char	*utf8_clean(const char *s, size_t len);
/* How many characters valid UTF-8 s[0, len) holds (a column, a length). */
size_t	 utf8_chars(const char *s, size_t len);
/*
 * Whether a terminal, or whoever reads a log, acts on code point cp rather
 * than showing it: C0 and C1 controls and DEL (ESC starts CSI and OSC 8
 * links, U+009B is CSI alone), and the bidi embeddings, overrides and
 * isolates (U+202A-U+202E, U+2066-U+2069), which reorder the text after
 * them ("exe.gnp" shown as "png.exe").
 */
int	 utf8_is_control(uint32_t cp);
/* The bytes of the first n characters of valid UTF-8 s[0, len) (at most len). */
size_t	 utf8_prefix(const char *s, size_t len, size_t n);

#endif
