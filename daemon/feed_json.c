/*
 * feed_json: JSON Feed 1.0 and 1.1 -> items, through jansson (strict: it
 * refuses invalid UTF-8 and bounds nesting). A JSON Feed is recognized by
 * content, as RSS and Atom are: an object whose version names jsonfeed.org.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "compat.h"
#include "doc.h"
#include "feed_int.h"
#include "xmalloc.h"

#define FJ_VERSION	"https://jsonfeed.org/version/"

/* How a member of an item is read. */
enum fj_kind {
	FJ_TEXT,
	FJ_HTML,
	FJ_URL,
	FJ_ID,		/* a string, or a number some feeds write (an id,
			   a date as Unix time) */
	FJ_AUTHOR,	/* 1.0: an object with a name */
	FJ_AUTHORS,	/* 1.1: an array of them */
	FJ_TAGS
};

/* One member of an item mapped to a slot. */
static const struct fj_field {
	const char	*name;
	enum feed_slot	 slot;
	int		 prio;
	enum fj_kind	 kind;
} fj_fields[] = {
	{ "id", FEED_ID, 1, FJ_ID },
	{ "url", FEED_LINK, 1, FJ_URL },
	{ "external_url", FEED_LINK, 2, FJ_URL },
	{ "title", FEED_TITLE, 1, FJ_TEXT },
	{ "summary", FEED_SUMMARY, 1, FJ_TEXT },
	{ "content_html", FEED_CONTENT, 1, FJ_HTML },
	{ "content_text", FEED_CONTENT, 2, FJ_TEXT },
	{ "date_published", FEED_PUBLISHED, 1, FJ_ID },
	{ "date_modified", FEED_UPDATED, 1, FJ_ID },
	{ "authors", FEED_AUTHOR, 1, FJ_AUTHORS },
	{ "author", FEED_AUTHOR, 2, FJ_AUTHOR },
	{ "tags", FEED_CATEGORY, 1, FJ_TAGS },
};

/* A string member's text, or NULL. */
static const char *
fj_str(const json_t *v)
{
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* The cleaned text of a string value, or NULL. */
static char *
fj_text(const json_t *v)
{
	const char	*s = fj_str(v);

	return s != NULL ? doc_text_clean(s, json_string_length(v)) : NULL;
}

/* An id or a date: a string, or a number written without quotes. */
static char *
fj_id(const json_t *v)
{
	char	 n[32];

	if (json_is_integer(v)) {
		snprintf(n, sizeof(n), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
		return xstrdup(n);
	}
	return fj_text(v);
}

/* The name of the first author of a 1.1 authors array. */
static char *
fj_authors(const json_t *v)
{
	size_t	 i;
	json_t	*a;
	char	*s;

	json_array_foreach(v, i, a)
		if ((s = fj_text(json_object_get(a, "name"))) != NULL)
			return s;
	return NULL;
}

/* Every tag of an item becomes a category. */
static void
fj_tags(struct feed_entry *e, const json_t *v)
{
	size_t	 i;
	json_t	*t;

	json_array_foreach(v, i, t)
		feed_entry_set(e, FEED_CATEGORY, 1, fj_text(t));
}

/* The value of one member for its field, or NULL. */
static char *
fj_value(const struct fj_field *f, const json_t *v, const char *base)
{
	const char	*s;

	switch (f->kind) {
	case FJ_HTML:
		s = fj_str(v);
		return s != NULL ? feed_html_text(s, json_string_length(v)) :
		    NULL;
	case FJ_URL:
		return doc_url_resolve(base, fj_str(v));
	case FJ_ID:
		return fj_id(v);
	case FJ_AUTHOR:
		return fj_text(json_object_get(v, "name"));
	case FJ_AUTHORS:
		return fj_authors(v);
	default:
		return fj_text(v);
	}
}

/* One item object -> one entry. */
static void
fj_item(struct feed_read *r, const json_t *obj, const char *base)
{
	struct feed_entry	 e;
	const struct fj_field	*f;
	json_t			*v;
	size_t			 i;

	feed_entry_begin(&e);
	for (i = 0; i < nitems(fj_fields); i++) {
		f = &fj_fields[i];
		if ((v = json_object_get(obj, f->name)) == NULL)
			continue;
		if (f->kind == FJ_TAGS)
			fj_tags(&e, v);
		else
			feed_entry_set(&e, f->slot, f->prio,
			    fj_value(f, v, base));
	}
	feed_entry_end(r, &e);
}

/* The feed's own fields and format. */
static void
fj_feed(struct feed_read *r, const json_t *root)
{
	const char	*version = fj_str(json_object_get(root, "version"));

	r->info->format = version != NULL && strstr(version, "/1.1") != NULL ?
	    FEED_FMT_JSON11 : FEED_FMT_JSON10;
	feed_info_set(&r->info->title, fj_text(json_object_get(root,
	    "title")));
	feed_info_set(&r->info->link, doc_url_resolve(r->url,
	    fj_str(json_object_get(root, "home_page_url"))));
}

/* Whether a parsed document is a JSON Feed. */
static int
fj_is_feed(const json_t *root)
{
	const char	*v = fj_str(json_object_get(root, "version"));

	return v != NULL && strncmp(v, FJ_VERSION, strlen(FJ_VERSION)) == 0;
}

/* The value of the four hex digits a \u escape has at s (n bytes), or -1. */
static long
fj_hex4(const char *s, size_t n)
{
	long	 v = 0;
	size_t	 i;

	if (n < 4)
		return -1;
	for (i = 0; i < 4; i++) {
		if (!isxdigit((unsigned char)s[i]))
			return -1;
		v = v * 16 + (isdigit((unsigned char)s[i]) ? s[i] - '0' :
		    (s[i] | 0x20) - 'a' + 10);
	}
	return v;
}

/*
 * A copy of a document whose lone UTF-16 surrogate escapes read \ufffd
 * (JavaScript's substring cuts an emoji's pair in two, and JSON.stringify
 * writes the half it kept): jansson refuses a whole feed for one. NULL
 * when there is none.
 */
static char *
fj_mend_surrogates(const char *doc, size_t len)
{
	char	*m = NULL;
	long	 u, lo;
	size_t	 i;

	for (i = 0; i + 1 < len; i++) {
		if (doc[i] != '\\')
			continue;
		if (doc[i + 1] != 'u' || (u = fj_hex4(doc + i + 2,
		    len - i - 2)) < 0xd800 || u > 0xdfff) {
			i++;	/* another escape, or not a surrogate */
			continue;
		}
		lo = len - i >= 12 && doc[i + 6] == '\\' && doc[i + 7] == 'u' ?
		    fj_hex4(doc + i + 8, len - i - 8) : -1;
		if (u <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff) {
			i += 11;	/* a pair */
			continue;
		}
		if (m == NULL)
			m = memcpy(xmalloc(len), doc, len);
		memcpy(m + i + 2, "fffd", 4);
		i += 5;
	}
	return m;
}

/* Parse JSON, mending lone surrogate escapes if jansson refuses them. */
static json_t *
fj_load(struct feed_read *r, const char *doc, size_t len, json_error_t *je)
{
	json_t	*root;
	char	*m;

	if ((root = json_loadb(doc, len, JSON_ALLOW_NUL, je)) != NULL ||
	    (m = fj_mend_surrogates(doc, len)) == NULL)
		return root;
	if ((root = json_loadb(m, len, JSON_ALLOW_NUL, je)) != NULL)
		r->info->repairs |= FEED_REPAIR_BYTES;
	free(m);
	return root;
}

/* Read a JSON Feed document. */
int
feed_json_read(struct feed_read *r, const char *doc, size_t len, char *err,
    size_t errlen)
{
	json_error_t	 je;
	json_t		*root, *items, *it;
	size_t		 i;

	if ((root = fj_load(r, doc, len, &je)) == NULL) {
		snprintf(err, errlen, "JSON error at line %d: %s", je.line,
		    je.text);
		return -1;
	}
	if (!json_is_object(root) || !fj_is_feed(root)) {
		snprintf(err, errlen, "not a feed: JSON without a JSON Feed "
		    "version");
		json_decref(root);
		return -1;
	}
	fj_feed(r, root);
	items = json_object_get(root, "items");
	json_array_foreach(items, i, it)
		if (json_is_object(it))
			fj_item(r, it, r->url);
		else
			r->info->unreadable++;
	json_decref(root);
	return 0;
}

/* Whether the bytes are a JSON object that names a JSON Feed version. */
int
feed_json_sniff(const char *data, size_t len)
{
	const char	*p = data, *end = data + len;
	size_t		 n = strlen(FJ_VERSION);

	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end && isspace((unsigned char)*p))
		p++;
	if (p == end || *p != '{')
		return 0;
	for (; (size_t)(end - p) >= n; p++)
		if (memcmp(p, FJ_VERSION, n) == 0)
			return 1;
	return 0;
}
