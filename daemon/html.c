/*
 * html: the two tables that turn HTML into plain text the way a reader sees
 * it, shared by the feed reader (markup inside items) and the page reader:
 * which elements break words or hold no text, and what each named character
 * reference means. The entities come from the WHATWG standard through
 * daemon/html-entities.py, so feeds that use HTML names inside XML
 * (&hellip; &rsquo; &nbsp;) read as their characters.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "compat.h"
#include "html.h"

/* Elements that are not inline text, sorted for bsearch. */
static const struct html_tagkind {
	const char	*name;
	enum html_tag	 kind;
} html_tags[] = {
	{ "address", HTML_BLOCK }, { "article", HTML_BLOCK },
	{ "aside", HTML_BLOCK }, { "blockquote", HTML_BLOCK },
	{ "br", HTML_BLOCK }, { "button", HTML_SKIP },
	{ "caption", HTML_BLOCK }, { "dd", HTML_BLOCK },
	{ "details", HTML_BLOCK }, { "div", HTML_BLOCK },
	{ "dl", HTML_BLOCK }, { "dt", HTML_BLOCK },
	{ "figcaption", HTML_BLOCK }, { "figure", HTML_BLOCK },
	{ "footer", HTML_BLOCK }, { "form", HTML_BLOCK },
	{ "h1", HTML_BLOCK }, { "h2", HTML_BLOCK },
	{ "h3", HTML_BLOCK }, { "h4", HTML_BLOCK },
	{ "h5", HTML_BLOCK }, { "h6", HTML_BLOCK },
	{ "head", HTML_SKIP }, { "header", HTML_BLOCK },
	{ "hr", HTML_BLOCK }, { "iframe", HTML_SKIP },
	{ "li", HTML_BLOCK }, { "main", HTML_BLOCK },
	{ "nav", HTML_BLOCK }, { "noscript", HTML_SKIP },
	{ "object", HTML_SKIP }, { "ol", HTML_BLOCK },
	{ "option", HTML_BLOCK }, { "p", HTML_BLOCK },
	{ "pre", HTML_BLOCK }, { "script", HTML_SKIP },
	{ "section", HTML_BLOCK }, { "select", HTML_SKIP },
	{ "style", HTML_SKIP }, { "svg", HTML_SKIP },
	{ "table", HTML_BLOCK }, { "td", HTML_BLOCK },
	{ "template", HTML_SKIP }, { "textarea", HTML_SKIP },
	{ "th", HTML_BLOCK }, { "title", HTML_SKIP },
	{ "tr", HTML_BLOCK }, { "ul", HTML_BLOCK },
};

/* The named character references, sorted by name (strcmp order). */
static const struct html_ref {
	const char	*name;
	const char	*utf8;
} html_refs[] = {
#include "html_entities.inc"
};

/* Compare an element name with a table entry, ignoring case. */
static int
html_tag_cmp(const void *key, const void *elem)
{
	return strcasecmp(key, ((const struct html_tagkind *)elem)->name);
}

/* The kind of an element, by name. */
enum html_tag
html_tag_kind(const char *name)
{
	const struct html_tagkind	*t;

	t = bsearch(name, html_tags, nitems(html_tags), sizeof(html_tags[0]),
	    html_tag_cmp);
	return t != NULL ? t->kind : HTML_INLINE;
}

/* A name of len bytes, for bsearch against NUL-terminated entries. */
struct html_key {
	const char	*s;
	size_t		 len;
};

/* Compare a counted name with a table entry, as strcmp would. */
static int
html_ref_cmp(const void *key, const void *elem)
{
	const struct html_key	*k = key;
	const char		*name = ((const struct html_ref *)elem)->name;
	int			 c;

	if ((c = strncmp(k->s, name, k->len)) != 0)
		return c;
	return name[k->len] == '\0' ? 0 : -1;
}

/* The UTF-8 text of a named character reference, or NULL. */
const char *
html_entity(const char *name, size_t len)
{
	struct html_key		 k = { name, len };
	const struct html_ref	*r;

	if (len == 0 || len > 32)
		return NULL;
	r = bsearch(&k, html_refs, nitems(html_refs), sizeof(html_refs[0]),
	    html_ref_cmp);
	return r != NULL ? r->utf8 : NULL;
}
