/* html: how HTML reads as plain text: element kinds and character references. Pure. */
#ifndef RAQIB_HTML_H
#define RAQIB_HTML_H

#include <stddef.h>

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

#endif
