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
#include "html.h"
#include "xmalloc.h"

/* The stem of a JSON Feed's version URL, after its scheme. */
#define FJ_STEM		"://jsonfeed.org/version/"

/* How a member of an item is read. */
enum fj_kind {
	FJ_TEXT,
	FJ_HTML,
	FJ_URL,
	FJ_ID,		/* a string, or a number some feeds write (an id,
			   a date as Unix time) */
	FJ_AUTHOR,	/* 1.0: an object with a name */
	FJ_AUTHORS,	/* 1.1: an array of them */
	FJ_TAGS,
	FJ_PERMALINK,	/* an id that is a web URL: the item's page */
	FJ_ATTACHMENT	/* the first attachment's url: a podcast's file */
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
	/* An item with no url: the spec wishes its id the page's URL. */
	{ "id", FEED_LINK, 3, FJ_PERMALINK },
	/* One with no page at all: the file it carries, as RSS's enclosure. */
	{ "attachments", FEED_LINK, 5, FJ_ATTACHMENT },
};

/* A string member's text, or NULL. */
static const char *
fj_str(const json_t *v)
{
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* The cleaned string of a value, as written, or NULL. */
static char *
fj_plain(const json_t *v)
{
	const char	*s = fj_str(v);

	return s != NULL ? doc_text_clean(s, json_string_length(v)) : NULL;
}

/*
 * The text of a string value, or NULL. Character references in it are
 * read (feed_text_again): the spec says text, but WordPress's and Jekyll's
 * JSON Feeds write titles and excerpts HTML-escaped.
 */
static char *
fj_text(const json_t *v)
{
	return feed_text_again(fj_plain(v));
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
	return fj_plain(v);	/* an id is a key: kept as written */
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
	case FJ_PERMALINK:
		return doc_url_resolve(NULL, fj_str(v));
	case FJ_ATTACHMENT:
		return doc_url_resolve(base, fj_str(json_object_get(
		    json_array_get(v, 0), "url")));
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

/*
 * Whether a JSON Feed's version URL starts at s: https or http (hand-
 * written feeds), then FJ_STEM, each / perhaps escaped as \/ (PHP's
 * json_encode writes every / so unless told not to).
 */
static int
fj_version_at(const char *s, const char *end)
{
	char	 buf[sizeof("https" FJ_STEM)];
	size_t	 n = 0;

	for (; s < end && n < sizeof(buf) - 1; s++)
		if (!(*s == '\\' && end - s >= 2 && s[1] == '/'))
			buf[n++] = *s;
	buf[n] = '\0';
	return strncmp(buf, "https" FJ_STEM, strlen("https" FJ_STEM)) == 0 ||
	    strncmp(buf, "http" FJ_STEM, strlen("http" FJ_STEM)) == 0;
}

/* Whether an object has one of the members named, a string or number. */
static int
fj_has_any(const json_t *o, const char *const *names)
{
	const json_t	*v;

	for (; *names != NULL; names++)
		if ((v = json_object_get(o, *names)) != NULL &&
		    (json_is_string(v) || json_is_integer(v)))
			return 1;
	return 0;
}

/*
 * Whether a JSON object is shaped as a JSON Feed though its version is
 * missing or no jsonfeed.org URL (a hand-written feed, a plugin's slip):
 * items, each object with a page (url, external_url or id) and text
 * (title, content_html, content_text or summary). Another API's JSON
 * that happens to have "items" rarely has both in every item.
 */
static int
fj_shaped(const json_t *root)
{
	static const char *const	 page[] = { "url", "external_url", "id",
	    NULL };
	static const char *const	 text[] = { "title", "content_html",
	    "content_text", "summary", NULL };
	const json_t	*items = json_object_get(root, "items"), *it;
	size_t		 i;

	if (!json_is_array(items) || json_array_size(items) == 0)
		return 0;
	json_array_foreach(items, i, it)
		if (!json_is_object(it) || !fj_has_any(it, page) ||
		    !fj_has_any(it, text))
			return 0;
	return 1;
}

/* Whether a parsed document is a JSON Feed: by its version, or shape. */
static int
fj_is_feed(const json_t *root)
{
	const char	*v = fj_str(json_object_get(root, "version"));

	return (v != NULL && fj_version_at(v, v + strlen(v))) ||
	    fj_shaped(root);
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
 * Decode the \u escape at p (past its "\u"), a surrogate pair's two as
 * one character, into *cp (U+FFFD for a lone surrogate); the end of what
 * was read, or NULL when p holds no escape.
 */
static const char *
fj_unicode(const char *p, const char *end, uint32_t *cp)
{
	long	 hi, lo;

	if ((hi = fj_hex4(p, (size_t)(end - p))) < 0)
		return NULL;
	p += 4;
	*cp = (uint32_t)hi;
	if (hi < 0xD800 || hi > 0xDFFF)
		return p;
	*cp = 0xFFFD;
	if (hi > 0xDBFF || end - p < 6 || p[0] != '\\' || p[1] != 'u' ||
	    (lo = fj_hex4(p + 2, (size_t)(end - p - 2))) < 0xDC00 ||
	    lo > 0xDFFF)
		return p;
	*cp = 0x10000 + (((uint32_t)hi - 0xD800) << 10) + ((uint32_t)lo - 0xDC00);
	return p + 6;
}

/* Append a JSON string literal decoded; see feed.h. */
const char *
feed_json_string(const char *p, const char *end, struct buf *out)
{
	static const char	 from[] = "bfnrt", to[] = "\b\f\n\r\t";
	const char		*run, *c;
	uint32_t		 cp;

	if (p == end || *p++ != '"')
		return NULL;
	while (p < end) {
		for (run = p; p < end && *p != '"' && *p != '\\'; p++)
			;
		buf_append(out, run, (size_t)(p - run));
		if (p == end)
			return NULL;
		if (*p++ == '"')
			return p;
		if (p == end)
			return NULL;
		if (*p == 'u' && (run = fj_unicode(p + 1, end, &cp)) != NULL) {
			html_put_cp(out, cp);
			p = run;
		} else if (*p != '\0' && (c = strchr(from, *p)) != NULL) {
			buf_putc(out, to[c - from]);
			p++;
		} else
			buf_putc(out, *p++);
	}
	return NULL;
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

/*
 * A copy of a document with what hand-made templates get wrong mended: a
 * comma before } or ] (a loop that writes one after every item), and a
 * control character inside a string (a line break or a tab a template
 * pasted unescaped), which is read as a space. NULL when there is none.
 */
static char *
fj_mend_syntax(const char *doc, size_t len)
{
	char	*m = NULL;
	size_t	 i, j;
	int	 in = 0;

	for (i = 0; i < len; i++) {
		if (in && doc[i] == '\\') {
			i++;
			continue;
		}
		if (doc[i] == '"')
			in = !in;
		if (in ? (unsigned char)doc[i] >= 0x20 : doc[i] != ',')
			continue;
		for (j = i + 1; !in && j < len && isspace((unsigned char)doc[j]);
		    j++)
			;
		if (!in && (j == len || (doc[j] != '}' && doc[j] != ']')))
			continue;
		if (m == NULL)
			m = memcpy(xmalloc(len), doc, len);
		m[i] = ' ';
	}
	return m;
}

/*
 * Parse JSON; when jansson refuses it, mend lone surrogate escapes, then
 * a template's slips (fj_mend_syntax), and parse again.
 */
static json_t *
fj_load(struct feed_read *r, const char *doc, size_t len, json_error_t *je)
{
	json_t	*root;
	char	*m, *s;

	if ((root = json_loadb(doc, len, JSON_ALLOW_NUL, je)) != NULL)
		return root;
	if ((m = fj_mend_surrogates(doc, len)) != NULL &&
	    (root = json_loadb(m, len, JSON_ALLOW_NUL, je)) != NULL) {
		r->info->repairs |= FEED_REPAIR_BYTES;
		free(m);
		return root;
	}
	if ((s = fj_mend_syntax(m != NULL ? m : doc, len)) != NULL &&
	    (root = json_loadb(s, len, JSON_ALLOW_NUL, je)) != NULL)
		r->info->repairs |= FEED_REPAIR_MARKUP |
		    (m != NULL ? FEED_REPAIR_BYTES : 0);
	free(s);
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
		    "version or items");
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

/*
 * Whether the bytes are a JSON object that names a JSON Feed version, or
 * has an "items" member (one without a version; read to see its shape).
 */
int
feed_json_sniff(const char *data, size_t len)
{
	const char	*p = data, *end = data + len, *q;

	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end && isspace((unsigned char)*p))
		p++;
	if (p == end || *p != '{')
		return 0;
	for (q = p; (q = memchr(q, 'h', (size_t)(end - q))) != NULL; q++)
		if (fj_version_at(q, end))
			return 1;
	for (q = p; (q = memchr(q, '"', (size_t)(end - q))) != NULL; q++)
		if (end - q >= 7 && memcmp(q, "\"items\"", 7) == 0)
			return 1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* JSON-LD: what a page's schema.org blocks say of its articles         */

#define FJ_LD_DEPTH	6	/* @graph, ItemList, ListItem, item: nesting read */

/* The page a JSON-LD block or an app state is read for, and its items. */
struct fj_page {
	const char		*base;	/* resolves relative links */
	int			 zone;	/* the site's clock, seconds east of
					   UTC: a time written with no zone */
	struct item_list	*out;
};

/* Whether a schema.org type (a string) names an article. */
static int
fj_ld_article_type(const char *t)
{
	size_t	 n = strlen(t);

	return (n >= 7 && strcmp(t + n - 7, "Article") == 0) ||
	    strcmp(t, "BlogPosting") == 0 || strcmp(t, "LiveBlogPosting") == 0;
}

/*
 * Whether an object's @type (a string or an array of them, perhaps
 * written as a URL) is an article's (want NULL) or want.
 */
static int
fj_ld_is(const json_t *obj, const char *want)
{
	const json_t	*types = json_object_get(obj, "@type"), *t;
	const char	*s, *slash;
	size_t		 i, n = json_is_array(types) ?
	    json_array_size(types) : 1;

	for (i = 0; i < n; i++) {
		t = json_is_array(types) ? json_array_get(types, i) : types;
		if ((s = fj_str(t)) == NULL)
			continue;
		if ((slash = strrchr(s, '/')) != NULL)
			s = slash + 1;
		if (want != NULL ? strcmp(s, want) == 0 :
		    fj_ld_article_type(s))
			return 1;
	}
	return 0;
}

/* A URL value: a string, or an object's @id or url (mainEntityOfPage). */
static const char *
fj_ld_url(const json_t *v)
{
	const char	*s;

	if (json_is_object(v) && (s = fj_str(json_object_get(v, "url"))) !=
	    NULL)
		return s;
	return json_is_object(v) ? fj_str(json_object_get(v, "@id")) :
	    fj_str(v);
}

/* The name of an author: a string, an object, or the first of an array. */
static char *
fj_ld_author(const json_t *v)
{
	if (json_is_array(v))
		v = json_array_get(v, 0);
	return json_is_object(v) ? fj_text(json_object_get(v, "name")) :
	    fj_text(v);
}

/* The text of a value that may hold markup (some CMSs put HTML there). */
static char *
fj_ld_html(const json_t *v)
{
	const char	*s = fj_str(v);

	return s != NULL ? feed_html_text(s, json_string_length(v)) : NULL;
}

/*
 * A date member as Unix seconds, a time without a zone on the site's
 * clock as the page's own are; ITEM_NO_TIME when there is none.
 */
static int64_t
fj_ld_date(const json_t *obj, const char *name, const struct fj_page *pg)
{
	const char	*s = fj_str(json_object_get(obj, name));

	return s != NULL ? feed_date_parse_on(s, pg->zone) : ITEM_NO_TIME;
}

/*
 * One article, or one element of a list, into an item: its headline (or
 * name), its URL, dates, description and body. Nothing without a title,
 * nor without both a URL and a body (an article page's own may have no
 * URL).
 */
static void
fj_ld_item(const json_t *obj, const json_t *outer, const struct fj_page *pg)
{
	struct item	 it = { .published = ITEM_NO_TIME,
	    .updated = ITEM_NO_TIME };
	const char	*u;

	if ((it.title = fj_text(json_object_get(obj, "headline"))) == NULL)
		it.title = fj_text(json_object_get(obj, "name"));
	if (it.title == NULL && outer != NULL)
		it.title = fj_text(json_object_get(outer, "name"));
	if ((u = fj_str(json_object_get(obj, "url"))) == NULL &&
	    (u = fj_ld_url(json_object_get(obj, "mainEntityOfPage"))) == NULL &&
	    (u = fj_str(json_object_get(obj, "item"))) == NULL &&
	    (u = fj_str(json_object_get(obj, "@id"))) == NULL && outer != NULL)
		u = fj_str(json_object_get(outer, "url"));
	it.link = doc_url_resolve(pg->base, u);
	it.content = fj_ld_html(json_object_get(obj, "articleBody"));
	if (it.title == NULL || (it.link == NULL && it.content == NULL)) {
		item_clear(&it);
		return;
	}
	it.summary = fj_ld_html(json_object_get(obj, "description"));
	it.author = fj_ld_author(json_object_get(obj, "author"));
	it.published = fj_ld_date(obj, "datePublished", pg);
	it.updated = fj_ld_date(obj, "dateModified", pg);
	*item_list_add(pg->out) = it;
}

static void	fj_ld_node(const json_t *, const struct fj_page *, int);

/*
 * The elements of an ItemList: ListItems whose item is an article or a
 * URL and name, or the articles themselves.
 */
static void
fj_ld_list(const json_t *list, const struct fj_page *pg, int depth)
{
	const json_t	*el, *inner;
	size_t		 i;

	json_array_foreach(json_object_get(list, "itemListElement"), i, el) {
		if (!json_is_object(el))
			continue;
		inner = json_object_get(el, "item");
		if (json_is_object(inner) && fj_ld_is(inner, "ItemList"))
			fj_ld_node(inner, pg, depth + 1);
		else if (json_is_object(inner))
			fj_ld_item(inner, el, pg);
		else
			fj_ld_item(el, NULL, pg);
	}
}

/*
 * A JSON-LD node: an article, an ItemList, a @graph or an array of nodes,
 * or a page whose mainEntity is one of them (a CollectionPage's list).
 */
static void
fj_ld_node(const json_t *v, const struct fj_page *pg, int depth)
{
	const json_t	*el;
	size_t		 i;

	if (depth > FJ_LD_DEPTH)
		return;
	if (json_is_array(v) || json_is_array(json_object_get(v, "@graph"))) {
		json_array_foreach(json_is_array(v) ? v :
		    json_object_get(v, "@graph"), i, el)
			fj_ld_node(el, pg, depth + 1);
	} else if (!json_is_object(v))
		return;
	else if (fj_ld_is(v, NULL))
		fj_ld_item(v, NULL, pg);
	else if (fj_ld_is(v, "ItemList"))
		fj_ld_list(v, pg, depth);
	else
		fj_ld_node(json_object_get(v, "mainEntity"), pg, depth + 1);
}

/*
 * A block parsed again with its control characters as spaces: CMSs write
 * an articleBody's line breaks into the string as they are, which JSON
 * forbids and jansson refuses. NULL if it still does not parse.
 */
static json_t *
fj_ld_mended(const char *data, size_t len)
{
	json_error_t	 je;
	json_t		*root;
	char		*m = memcpy(xmalloc(len + 1), data, len);
	size_t		 i;

	for (i = 0; i < len; i++)
		if ((unsigned char)m[i] < 0x20)
			m[i] = ' ';
	root = json_loadb(m, len, 0, &je);
	free(m);
	return root;
}

/* The articles a JSON-LD block describes; see feed.h. */
size_t
feed_jsonld(const char *data, size_t len, const char *base, int zone,
    struct item_list *out)
{
	const struct fj_page	 pg = { base, zone, out };
	json_error_t		 je;
	json_t			*root;
	size_t			 n = out->n;

	if ((root = json_loadb(data, len, JSON_ALLOW_NUL, &je)) == NULL &&
	    (root = fj_ld_mended(data, len)) == NULL)
		return 0;
	fj_ld_node(root, &pg, 0);
	json_decref(root);
	return out->n - n;
}

/* ------------------------------------------------------------------ */
/* App state: the stories a script framework left in a page             */

#define FJ_APP_MAX	(4 << 20)	/* bytes of one app state read */
#define FJ_APP_DEPTH	32		/* levels of it walked */
#define FJ_APP_NODES	100000		/* values of it walked at most */

/* The keys an app's story object names its parts by, most usual first. */
static const char *const fj_app_titles[] = { "title", "headline" };
static const char *const fj_app_links[] = {
	"url", "link", "href", "permalink", "canonicalUrl", "canonical_url",
	"path",
};
/*
 * Its date's keys, and whether a time there without a zone is UTC's
 * (WordPress's REST API writes "date" on the site's clock and "date_gmt"
 * beside it) or, as most write it, the site's.
 */
static const struct fj_app_date {
	const char	*key;
	int		 utc;
} fj_app_dates[] = {
	{ "publishedAt", 0 }, { "published_at", 0 }, { "datePublished", 0 },
	{ "publishDate", 0 }, { "publish_date", 0 }, { "published", 0 },
	{ "pubDate", 0 }, { "date_gmt", 1 }, { "date", 0 },
	{ "createdAt", 0 }, { "created_at", 0 },
};

/*
 * The string of one of an object's keys, the first there; WordPress's
 * REST API writes "title": { "rendered": "..." }. NULL if none is.
 */
static const char *
fj_app_str(const json_t *obj, const char *const *keys, size_t n)
{
	const json_t	*v;
	size_t		 i;

	for (i = 0; i < n; i++) {
		v = json_object_get(obj, keys[i]);
		if (json_is_object(v))
			v = json_object_get(v, "rendered");
		if (json_is_string(v) && json_string_length(v) > 0)
			return json_string_value(v);
	}
	return NULL;
}

/*
 * When an app's story was published: the first date key there, a string
 * (a time without a zone on the site's clock, or UTC's as the key says)
 * or Unix seconds or milliseconds as a number; ITEM_NO_TIME if none reads.
 */
static int64_t
fj_app_date(const json_t *obj, const struct fj_page *pg)
{
	const json_t	*v;
	char		*s;
	int64_t		 when;
	size_t		 i;

	for (i = 0; i < nitems(fj_app_dates); i++) {
		v = json_object_get(obj, fj_app_dates[i].key);
		if (!json_is_string(v) && !json_is_integer(v))
			continue;
		s = fj_id(v);
		when = feed_date_parse_on(s, fj_app_dates[i].utc ? 0 :
		    pg->zone);
		free(s);
		return when;
	}
	return ITEM_NO_TIME;
}

/*
 * An object that is a story: a title, a link (or only a slug) and a
 * publication date that reads -> an item. A menu's entries, tags and
 * sections have titles and links too, but no date. A story that names
 * only its slug has a NULL link and the slug as its id.
 */
static void
fj_app_item(const json_t *obj, const struct fj_page *pg)
{
	struct item	 it = { .published = ITEM_NO_TIME,
	    .updated = ITEM_NO_TIME };
	const char	*t, *u, *slug = NULL;

	if ((t = fj_app_str(obj, fj_app_titles, nitems(fj_app_titles))) ==
	    NULL)
		return;
	if ((u = fj_app_str(obj, fj_app_links, nitems(fj_app_links))) == NULL &&
	    (slug = fj_str(json_object_get(obj, "slug"))) == NULL)
		return;
	if ((it.published = fj_app_date(obj, pg)) == ITEM_NO_TIME)
		return;
	if ((it.title = feed_html_text(t, strlen(t))) == NULL)
		return;
	if (u != NULL)
		it.link = doc_url_resolve(pg->base, u);
	else if (slug[0] != '\0' && strcspn(slug, "/?# ") == strlen(slug))
		it.id = xstrdup(slug);
	if (it.link == NULL && it.id == NULL) {
		item_clear(&it);
		return;
	}
	*item_list_add(pg->out) = it;
}

/* Every story object in an app state, depth first, within bounds. */
static void
fj_app_walk(const json_t *v, const struct fj_page *pg, int depth,
    size_t *nodes)
{
	const char	*key;
	json_t		*c;
	size_t		 i;

	if (depth > FJ_APP_DEPTH || ++*nodes > FJ_APP_NODES)
		return;
	if (json_is_object(v)) {
		fj_app_item(v, pg);
		json_object_foreach((json_t *)v, key, c)
			fj_app_walk(c, pg, depth + 1, nodes);
	} else if (json_is_array(v))
		json_array_foreach(v, i, c)
			fj_app_walk(c, pg, depth + 1, nodes);
}

/* The stories an app state holds; see feed.h. */
size_t
feed_appdata(const char *data, size_t len, const char *base, int zone,
    struct item_list *out)
{
	const struct fj_page	 pg = { base, zone, out };
	json_error_t		 je;
	json_t			*root;
	size_t			 n = out->n, nodes = 0;

	if (len > FJ_APP_MAX || (root = json_loadb(data, len,
	    JSON_DISABLE_EOF_CHECK, &je)) == NULL)
		return 0;
	fj_app_walk(root, &pg, 0, &nodes);
	json_decref(root);
	return out->n - n;
}
