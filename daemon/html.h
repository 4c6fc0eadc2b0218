/* html: how HTML reads as plain text: element kinds, character references, fragments. Pure. */
#ifndef RAQIB_HTML_H
#define RAQIB_HTML_H

#include <stddef.h>
#include <stdint.h>

struct buf;

/* What an element is to a reader of its text. */
enum html_tag {
	HTML_INLINE,	/* text flows through it */
	HTML_BLOCK,	/* a word boundary on both sides */
	HTML_SKIP	/* not text at all: script, style, forms, head */
};

/* The kind of an element, by its name (any case); unknown ones are inline. */
enum html_tag	 html_tag_kind(const char *name);

/*
 * The text a named character reference stands for (name without & and ;,
 * case-sensitive, the WHATWG set), as NUL-terminated UTF-8; NULL when HTML
 * has no such name.
 */
const char	*html_entity(const char *name, size_t len);
/*
 * The same for the legacy names HTML also reads without their ';' (amp,
 * nbsp, copy, eacute, ...); NULL for any other name.
 */
const char	*html_legacy_entity(const char *name, size_t len);

/*
 * A numeric character reference at p ("&#N" or "&#xH", its ';' if one
 * follows): its length in bytes, 0 when p holds none. *v receives the
 * value (0x110000 when beyond Unicode), *semi whether a ';' ended it.
 * A surrogate pair's two references are read as one, the character.
 */
size_t		 html_numeric_ref(const char *p, const char *end, uint32_t *v,
		    int *semi);

/* Append a code point (below 0x110000, no surrogate) to b as UTF-8. */
void		 html_put_cp(struct buf *b, uint32_t c);

/*
 * Append s[0, len) (UTF-8) to out with each C1 control (U+0080-U+009F) read
 * as the windows-1252 character a numeric reference to it means in HTML:
 * such text is windows-1252 a writer took for Latin-1 (It\u0092s, It's).
 */
void		 html_c1_text(struct buf *out, const char *s, size_t len);

/*
 * Append the plain text of an HTML fragment (the escaped markup of a feed's
 * description) to out, unfolded: tags and comments dropped, character
 * references decoded as browsers decode them, a space where a block starts
 * or ends, script, style and the like left out. Bytes are copied as they
 * are; the caller repairs and folds.
 */
void		 html_text(struct buf *out, const char *s, size_t len);

/*
 * Element classes for reading raw markup's nesting (s, n bytes: a tag name
 * in any case): one that only wraps its content (div, span, b, ...), one
 * that never has content (br, img, ...), one whose content is raw text up
 * to its end tag (script, style, title, ...).
 */
int		 html_is_wrapper(const char *s, size_t n);
int		 html_is_void(const char *s, size_t n);
int		 html_is_raw(const char *s, size_t n);

/*
 * Whether a start tag named s (n bytes) ends the innermost open element,
 * named top (tn bytes), as HTML's implied end tags do (<li> ends an open
 * <li>, <div> an open <p>).
 */
int		 html_start_closes(const char *s, size_t n, const char *top,
		    size_t tn);

#endif
