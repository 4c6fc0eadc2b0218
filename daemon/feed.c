/*
 * feed: the front of the feed reader. The bytes become a UTF-8 document
 * (doc.c: charset), the format is recognized by content, and the XML or
 * JSON reader maps it to items through the entry functions below, which
 * keep the one rule all readers share: which value fills a field, and when
 * an item has too little to be one.
 */
#include <ctype.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "compat.h"
#include "doc.h"
#include "feed.h"
#include "feed_int.h"
#include "html.h"
#include "item.h"
#include "xmalloc.h"

/* The names `raqib parse` prints, by enum feed_format. */
static const char *const feed_formats[] = {
	[FEED_FMT_UNKNOWN] = "unknown",
	[FEED_FMT_RSS090] = "rss0.90",
	[FEED_FMT_RSS09X] = "rss0.9x",
	[FEED_FMT_RSS10] = "rss1.0",
	[FEED_FMT_RSS20] = "rss2.0",
	[FEED_FMT_ATOM03] = "atom0.3",
	[FEED_FMT_ATOM10] = "atom1.0",
	[FEED_FMT_JSON10] = "json1.0",
	[FEED_FMT_JSON11] = "json1.1",
};

/* What each repair bit is called in a report, in bit order. */
static const char *const feed_repair_names[] = {
	"bare &", "unknown entity", "NUL or control character", "stray <",
	"broken markup", "undecodable bytes", "legacy-encoded text in UTF-8",
	"entity bomb not expanded", "body cut short, its last item left out",
};

/* Where the string slots live in struct item. */
static const size_t feed_str_off[] = {
	[FEED_ID] = offsetof(struct item, id),
	[FEED_LINK] = offsetof(struct item, link),
	[FEED_TITLE] = offsetof(struct item, title),
	[FEED_SUMMARY] = offsetof(struct item, summary),
	[FEED_CONTENT] = offsetof(struct item, content),
	[FEED_AUTHOR] = offsetof(struct item, author),
};

/* How far into a body junk before the XML declaration is looked past. */
#define FEED_JUNK_MAX	(64 * 1024)
/*
 * How far past a place in a body its head (declaration, comments,
 * doctype, root) is looked for, when that place is one of many a body
 * may hold: a look to the end from each of them took hours on 10 MiB of
 * "<?" or "<!".
 */
#define FEED_HEAD_MAX	(4 * 1024)

static size_t	feed_junk(const char *, size_t);
static int	feed_escaped(const char *, size_t, size_t *, size_t *);
static int	feed_sniff_xml(const char *, size_t);

/* ------------------------------------------------------------------ */
/* Entries                                                             */

/* Start an item: empty, every slot open to any value. */
void
feed_entry_begin(struct feed_entry *e)
{
	size_t	 i;

	memset(e, 0, sizeof(*e));
	e->it.published = e->it.updated = ITEM_NO_TIME;
	for (i = 0; i < nitems(e->prio); i++)
		e->prio[i] = INT_MAX;
}

/* Append a category, unless the item has it already. */
static void
feed_entry_category(struct item *it, char *v)
{
	size_t	 i;

	for (i = 0; i < it->ncategories; i++)
		if (strcmp(it->categories[i], v) == 0) {
			free(v);
			return;
		}
	it->categories = xreallocarray(it->categories, it->ncategories + 1,
	    sizeof(*it->categories));
	it->categories[it->ncategories++] = v;
}

/* A date slot takes the time the text names, when it names one. */
static int
feed_entry_time(struct feed_entry *e, enum feed_slot slot, const char *v)
{
	int64_t	 t = feed_date_parse(v);

	if (t == ITEM_NO_TIME)
		return 0;
	if (slot == FEED_PUBLISHED)
		e->it.published = t;
	else
		e->it.updated = t;
	return 1;
}

/*
 * Whether a value at this priority would fill the slot (feed_entry_set).
 * A second title of the same element is not the item's: the first one
 * written is (a plugin that prints another <title> after the template's),
 * as feedparser reads it; an empty first one gives way.
 */
int
feed_entry_wants(const struct feed_entry *e, enum feed_slot slot, int prio)
{
	if (slot == FEED_TITLE && prio == e->prio[slot] &&
	    e->it.title != NULL && e->it.title[0] != '\0')
		return 0;
	return slot == FEED_CATEGORY || prio <= e->prio[slot];
}

/* Offer a value for a slot; see struct feed_entry for who wins. */
void
feed_entry_set(struct feed_entry *e, enum feed_slot slot, int prio, char *v)
{
	char	**sp;

	if (v == NULL)
		return;
	if (slot == FEED_CATEGORY) {
		feed_entry_category(&e->it, v);
		return;
	}
	if (!feed_entry_wants(e, slot, prio)) {
		free(v);
		return;
	}
	if (slot == FEED_PUBLISHED || slot == FEED_UPDATED) {
		if (feed_entry_time(e, slot, v))
			e->prio[slot] = prio;
		free(v);
		return;
	}
	sp = (char **)(void *)((char *)&e->it + feed_str_off[slot]);
	free(*sp);
	*sp = v;
	e->prio[slot] = prio;
}

/* Whether an item holds anything at all: a field, a date, a category. */
static int
feed_entry_empty(const struct item *it)
{
	return it->id == NULL && it->link == NULL && it->title == NULL &&
	    it->summary == NULL && it->content == NULL && it->author == NULL &&
	    it->ncategories == 0 && it->published == ITEM_NO_TIME &&
	    it->updated == ITEM_NO_TIME;
}

/*
 * The item is done. One in which nothing could be read is counted, never
 * dropped silently; any other is an item, however sparse (only a guid and
 * a date is still something its feed said).
 */
void
feed_entry_end(struct feed_read *r, struct feed_entry *e)
{
	struct item	*it = &e->it;

	if (feed_entry_empty(it)) {
		r->info->unreadable++;
		item_clear(it);
		return;
	}
	if (e->repairs != 0)
		r->info->repaired++;
	r->info->repairs |= e->repairs;
	*item_list_add(r->out) = *it;
	memset(it, 0, sizeof(*it));
}

/* Keep the first value a feed gives for one of its own fields. */
void
feed_info_set(char **field, char *value)
{
	if (*field == NULL)
		*field = value;
	else
		free(value);
}

/* Plain text of an HTML fragment, parsed only when it holds markup. */
char *
feed_html_text(const char *s, size_t len)
{
	struct buf	 b = { 0 };
	char		*out;

	if (s == NULL)
		return NULL;
	if (memchr(s, '<', len) == NULL && memchr(s, '&', len) == NULL)
		return doc_text_clean(s, len);
	buf_reserve(&b, len);
	html_text(&b, s, len);
	out = doc_text_clean(b.data, b.len);
	buf_free(&b);
	return out;
}

/* ------------------------------------------------------------------ */
/* Feed information                                                    */

/* Free what a feed_info owns; it may be reused after. */
void
feed_info_free(struct feed_info *fi)
{
	free(fi->title);
	free(fi->link);
	memset(fi, 0, sizeof(*fi));
}

/* The name of a format. */
const char *
feed_format_name(enum feed_format f)
{
	if ((size_t)f >= nitems(feed_formats))
		return feed_formats[FEED_FMT_UNKNOWN];
	return feed_formats[f];
}

/* The names of the repair bits set, ", "-joined, in parentheses. */
static size_t
feed_report_why(unsigned repairs, char *buf, size_t len)
{
	size_t	 i, n = 0;
	int	 first = 1;

	for (i = 0; i < nitems(feed_repair_names) && n < len; i++) {
		if ((repairs & (1u << i)) == 0)
			continue;
		n += (size_t)snprintf(buf + n, len - n, "%s%s",
		    first ? " (" : ", ", feed_repair_names[i]);
		first = 0;
	}
	if (!first && n < len)
		n += (size_t)snprintf(buf + n, len - n, ")");
	return n < len ? n : len;
}

/* What the repair bits name; see feed.h. */
void
feed_repair_why(unsigned repairs, char *buf, size_t len)
{
	if (len == 0)
		return;
	buf[0] = '\0';
	feed_report_why(repairs, buf, len);
}

/* "N items repaired (why), N empty items skipped", or "". */
void
feed_info_report(const struct feed_info *fi, char *buf, size_t len)
{
	size_t	 n = 0;

	if (len == 0)
		return;
	buf[0] = '\0';
	if (fi->repaired > 0)
		n = (size_t)snprintf(buf, len, "%zu item%s repaired",
		    fi->repaired, fi->repaired == 1 ? "" : "s");
	else if (fi->repairs != 0)
		n = (size_t)snprintf(buf, len, "feed repaired");
	if (n < len && fi->repairs != 0)
		n += feed_report_why(fi->repairs, buf + n, len - n);
	if (n < len && fi->unreadable > 0)
		snprintf(buf + n, len - n, "%s%zu empty item%s skipped",
		    n > 0 ? ", " : "", fi->unreadable,
		    fi->unreadable == 1 ? "" : "s");
}

/* ------------------------------------------------------------------ */
/* Parsing                                                             */

/* Whether a body holds nothing but white space. */
static int
feed_blank(const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		if (!isspace((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Record how the document was decoded. */
static void
feed_info_doc(struct feed_info *fi, const struct doc *d)
{
	snprintf(fi->encoding, sizeof(fi->encoding), "%s", d->encoding);
	fi->encoding_from = doc_source_name(d->source);
	snprintf(fi->declared, sizeof(fi->declared), "%s", d->declared);
	if (d->replaced > 0)
		fi->repairs |= FEED_REPAIR_BYTES;
	if (d->pasted[0] != '\0')
		fi->repairs |= FEED_REPAIR_PASTED;
}

/*
 * Whether the document is JSON: its first non-blank character is '{',
 * after the UTF-8 BOM an editor may have saved it with.
 */
static int
feed_is_json(const char *s, size_t len)
{
	size_t	 i = len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;

	for (; i < len && isspace((unsigned char)s[i]); i++)
		;
	return i < len && s[i] == '{';
}

/* Whether an HTML document begins at p: a page's markup, not a warning's. */
static int
feed_html_at(const char *p, const char *end)
{
	return (end - p >= 5 && strncasecmp(p, "<html", 5) == 0) ||
	    (end - p >= 9 && strncasecmp(p, "<!doctype", 9) == 0);
}

/* Whether an HTML document begins in [s, end): a page, not a feed. */
static int
feed_html_begins(const char *s, const char *end)
{
	const char	*p;

	for (p = s; (p = memchr(p, '<', (size_t)(end - p))) != NULL; p++)
		if (feed_html_at(p, end))
			return 1;
	return 0;
}

/*
 * How many bytes of text come before a JSON Feed: a PHP warning or notice
 * printed before the plugin's output, as before an XML feed (feed_junk).
 * The first line that opens with '{' within FEED_JUNK_MAX must be the
 * feed's object (one look for its version, however many lines a hostile
 * body opens so); 0 when it is not, or when an HTML document begins first.
 */
static size_t
feed_json_junk(const char *s, size_t len)
{
	const char	*end = s + (len < FEED_JUNK_MAX ? len : FEED_JUNK_MAX);
	const char	*p;

	if (feed_is_json(s, len))
		return 0;
	for (p = s; (p = memchr(p, '\n', (size_t)(end - p))) != NULL;)
		if (++p < end && *p == '{')
			break;
	if (p == NULL || feed_html_begins(s, p) ||
	    !feed_json_sniff(p, len - (size_t)(p - s)))
		return 0;
	return (size_t)(p - s);
}

/*
 * How many bytes of white space come before an XML declaration: a blank
 * line a PHP file printed before its feed's template (WordPress's most
 * common broken feed), which costs no text and is no repair.
 */
static size_t
feed_lead_space(const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i < len && isspace((unsigned char)s[i]); i++)
		;
	return i > 0 && len - i >= 5 && memcmp(s + i, "<?xml", 5) == 0 ? i : 0;
}

/*
 * Read a feed a page shows escaped in a <pre> or <textarea> (a CMS's "view
 * source" page, a debug dump), [at, stop) of d: its text, references
 * decoded and a highlighter's tags dropped, is the feed's markup.
 */
static int
feed_xml_escaped(struct feed_read *r, const struct doc *d, size_t at,
    size_t stop, char *err, size_t errlen)
{
	struct buf	 b = { 0 };
	size_t		 lead;
	int		 rc;

	html_text(&b, d->data + at, stop - at);
	buf_putc(&b, '\0');
	r->info->repairs |= FEED_REPAIR_MARKUP;
	lead = feed_lead_space(b.data, b.len - 1);
	rc = feed_xml_read(r, b.data + lead, b.len - 1 - lead,
	    FEED_XML_STRICT, err, errlen);
	buf_free(&b);
	return rc;
}

/* Read an XML document, from its declaration when junk precedes it. */
static int
feed_xml_doc(struct feed_read *r, const struct doc *d,
    enum feed_xml_pass mode, char *err, size_t errlen)
{
	size_t	 junk = feed_junk(d->data, d->len);

	if (junk > 0)
		r->info->repairs |= FEED_REPAIR_MARKUP;
	else
		junk = feed_lead_space(d->data, d->len);
	return feed_xml_read(r, d->data + junk, d->len - junk, mode, err,
	    errlen);
}

/*
 * An XML feed that failed to read strictly with bytes taken for UTF-8
 * unread: decoded for real now. Bytes that were UTF-8 after all go
 * straight to mending; others, decoded otherwise, are read again.
 */
static int
feed_read_rechecked(struct feed_read *r, const char *data, size_t len,
    const char *charset, char *err, size_t errlen)
{
	struct doc	 d = { 0 };
	int		 rc;

	if (doc_decode(&d, data, len, charset, DOC_XML, err, errlen) == -1)
		return -1;
	feed_info_doc(r->info, &d);
	rc = feed_xml_doc(r, &d, d.data == data ? FEED_XML_MEND :
	    FEED_XML_STRICT, err, errlen);
	doc_free(&d);
	return rc;
}

/*
 * Decode, then read with the reader the content asks for; a JSON Feed
 * from past the junk before it (an XML feed's is skipped after decoding).
 */
static int
feed_read_doc(struct feed_read *r, const char *data, size_t len,
    const char *charset, char *err, size_t errlen)
{
	struct doc	 d = { 0 };
	size_t		 junk;
	int		 json, rc;

	if (!feed_sniff_xml(data, len) &&
	    (junk = feed_json_junk(data, len)) > 0) {
		data += junk;
		len -= junk;
		r->info->repairs |= FEED_REPAIR_MARKUP;
	}
	/* A JSON object that is no JSON Feed before an XML feed is junk. */
	json = feed_is_json(data, len) && (feed_json_sniff(data, len) ||
	    !feed_sniff_xml(data, len));
	if (doc_decode(&d, data, len, charset, json ? DOC_JSON :
	    DOC_XML_UNCHECKED, err, errlen) == -1)
		return -1;
	feed_info_doc(r->info, &d);
	if (json)
		rc = feed_json_read(r, d.data, d.len, err, errlen);
	else
		rc = feed_xml_doc(r, &d, d.unchecked ? FEED_XML_UNCHECKED :
		    FEED_XML_STRICT, err, errlen);
	doc_free(&d);
	if (rc == FEED_XML_RECHECK)
		rc = feed_read_rechecked(r, data, len, charset, err, errlen);
	return rc;
}

/*
 * Decode a page as pages are (its <meta> names the charset a "view
 * source" page is in; the escaped feed's own declaration is text there),
 * look for a feed escaped in it once, and read it. FEED_NOT_SHOWN when
 * the page shows none.
 */
static int
feed_read_escaped(struct feed_read *r, const char *data, size_t len,
    const char *charset, char *err, size_t errlen)
{
	struct doc	 d = { 0 };
	size_t		 at, stop;
	int		 rc = FEED_NOT_SHOWN;

	if (doc_decode(&d, data, len, charset, DOC_HTML, err, errlen) == -1)
		return -1;
	if (feed_escaped(d.data, d.len, &at, &stop)) {
		feed_info_doc(r->info, &d);
		rc = feed_xml_escaped(r, &d, at, stop, err, errlen);
	}
	doc_free(&d);
	return rc;
}

/* Whether two strings that may be NULL are equal. */
static int
feed_same(const char *a, const char *b)
{
	return strcmp(a != NULL ? a : "", b != NULL ? b : "") == 0;
}

/* An item and the string a run of them is grouped by. */
struct feed_run {
	const char	*key;
	struct item	*it;
};

/* Order runs by key (qsort). */
static int
feed_run_cmp(const void *a, const void *b)
{
	const struct feed_run	*x = a, *y = b;

	return strcmp(x->key, y->key);
}

/*
 * Whether the items of a run of one key are other stories: another link or
 * title, or for a run of one link, another text (untitled posts).
 */
static int
feed_run_differs(const struct feed_run *s, size_t n, int by_link)
{
	size_t	 k;

	for (k = 1; k < n; k++)
		if (!feed_same(s[0].it->link, s[k].it->link) ||
		    !feed_same(s[0].it->title, s[k].it->title) ||
		    (by_link && !feed_same(s[0].it->summary,
		    s[k].it->summary)))
			return 1;
	return 0;
}

/* The key an item is told apart by: its id, else its link; NULL if none. */
static const char *
feed_run_key(const struct item *it, int by_link)
{
	const char	*k = it->id;

	if (by_link) {
		if (k != NULL && k[0] != '\0' && !it->id_shared)
			return NULL;
		k = it->link;
	}
	return k != NULL && k[0] != '\0' ? k : NULL;
}

/*
 * Mark the items whose id other stories of the feed have too (a template
 * that gives every item one guid): the id names none of them, and poll
 * tells them apart by link, where the second would be taken for the first.
 * Then, by_link, those told apart by a link that other stories have too (a
 * template that links every item to the front page): poll tells them
 * apart by their text.
 */
static void
feed_shared_keys(struct item *v, size_t n, int by_link)
{
	struct feed_run	*s;
	size_t		 i, j, k, m = 0;

	s = xreallocarray(NULL, n, sizeof(*s));
	for (i = 0; i < n; i++)
		if ((s[m].key = feed_run_key(&v[i], by_link)) != NULL)
			s[m++].it = &v[i];
	qsort(s, m, sizeof(*s), feed_run_cmp);
	for (i = 0; i < m; i = j) {
		for (j = i + 1; j < m && strcmp(s[i].key, s[j].key) == 0; j++)
			;
		if (feed_run_differs(s + i, j - i, by_link))
			for (k = i; k < j; k++)
				*(by_link ? &s[k].it->link_shared :
				    &s[k].it->id_shared) = 1;
	}
	free(s);
}

/*
 * Parse a feed body into items, or with escaped the feed a page shows
 * escaped (feed_parse_escaped); errors worded for the user.
 */
static int
feed_parse_with(const char *data, size_t len, const char *url,
    const char *charset, int escaped, struct item_list *out,
    struct feed_info *info, char *err, size_t errlen)
{
	struct feed_info	 local = { 0 };
	struct feed_read	 r = { .out = out, .url = url };
	size_t			 first = out->n;
	int			 rc;

	r.info = info != NULL ? info : &local;
	memset(r.info, 0, sizeof(*r.info));
	if (data == NULL || feed_blank(data, len)) {
		snprintf(err, errlen, "empty body");
		return -1;
	}
	if (len > INT_MAX) {
		snprintf(err, errlen, "feed too large (%zu bytes)", len);
		return -1;
	}
	rc = escaped ? feed_read_escaped(&r, data, len, charset, err, errlen) :
	    feed_read_doc(&r, data, len, charset, err, errlen);
	if (rc == -1)
		while (out->n > first)
			item_list_pop(out);
	else if (out->n - first >= 2) {
		feed_shared_keys(out->v + first, out->n - first, 0);
		feed_shared_keys(out->v + first, out->n - first, 1);
	}
	feed_info_free(&local);
	return rc;
}

/* Parse a feed; see feed.h. */
int
feed_parse(const char *data, size_t len, const char *url, const char *charset,
    struct item_list *out, struct feed_info *info, char *err, size_t errlen)
{
	return feed_parse_with(data, len, url, charset, 0, out, info, err,
	    errlen);
}

/* Parse the feed a page shows escaped; see feed.h. */
int
feed_parse_escaped(const char *data, size_t len, const char *url,
    const char *charset, struct item_list *out, struct feed_info *info,
    char *err, size_t errlen)
{
	return feed_parse_with(data, len, url, charset, 1, out, info, err,
	    errlen);
}

/* ------------------------------------------------------------------ */
/* Sniffing                                                            */

/* Skip from p past the first occurrence of the terminator t. */
const char *
feed_past(const char *p, const char *end, const char *t)
{
	size_t	 tl = strlen(t);

	for (; p + tl <= end; p++)
		if (memcmp(p, t, tl) == 0)
			return p + tl;
	return end;
}

/*
 * Where the scan for tags goes on after a comment or CDATA section at p,
 * which may hold tags' text: past its end, or the document's end when the
 * body was cut inside it. p itself when none starts there.
 */
const char *
feed_past_markup(const char *p, const char *end)
{
	static const struct {
		const char	*open, *close;
	} kinds[] = { { "<!--", "-->" }, { "<![CDATA[", "]]>" } };
	size_t		 i, n;

	for (i = 0; i < nitems(kinds); i++) {
		n = strlen(kinds[i].open);
		if ((size_t)(end - p) >= n && memcmp(p, kinds[i].open, n) == 0)
			return feed_past(p + n, end, kinds[i].close);
	}
	return p;
}

/*
 * The end of a quoted string or comment starting at p inside a DOCTYPE,
 * or p itself when none starts there.
 */
const char *
feed_dtd_skip(const char *p, const char *end)
{
	const char	*q;

	if (*p == '"' || *p == '\'') {
		q = memchr(p + 1, *p, (size_t)(end - p - 1));
		return q != NULL ? q + 1 : end;
	}
	if (end - p < 4 || memcmp(p, "<!--", 4) != 0)
		return p;
	for (q = p + 4; end - q >= 3; q++)
		if (memcmp(q, "-->", 3) == 0)
			return q + 3;
	return end;
}

/*
 * Skip a doctype, internal subset included: a ] or > inside a quoted
 * value or a comment of the subset does not end it.
 */
static const char *
feed_past_doctype(const char *p, const char *end)
{
	const char	*q;
	int		 subset = 0;

	for (; p < end && (subset || *p != '>'); p = q) {
		if (*p == '[' || *p == ']')
			subset = *p == '[';
		if ((q = feed_dtd_skip(p, end)) == p)
			q = p + 1;
	}
	return p < end ? p + 1 : end;
}

/*
 * The name of the first element of an ASCII-compatible head, past any
 * declaration, comment or doctype, its prefix included: its length, 0
 * when there is none; *qname points at it.
 */
size_t
feed_head_root(const char *p, const char *end, const char **qname)
{
	*qname = p;
	for (;;) {
		while (p < end && isspace((unsigned char)*p))
			p++;
		if (end - p < 2 || *p != '<')
			return 0;
		if (p[1] == '?')
			p = feed_past(p, end, "?>");
		else if (end - p >= 4 && memcmp(p, "<!--", 4) == 0)
			p = feed_past(p, end, "-->");
		else if (p[1] == '!')
			p = feed_past_doctype(p, end);
		else
			break;
	}
	/* No name holds a '<': a body of them is as many empty names. */
	for (*qname = ++p; p < end && !isspace((unsigned char)*p) &&
	    *p != '>' && *p != '/' && *p != '<'; p++)
		;
	return (size_t)(p - *qname);
}

/* Whether the root element of an ASCII-compatible head is a feed's. */
int
feed_sniff_root(const char *p, const char *end)
{
	const char	*name, *colon;
	size_t		 n = feed_head_root(p, end, &name);

	if (n == 0)
		return 0;
	if ((colon = memchr(name, ':', n)) != NULL) {
		n -= (size_t)(colon + 1 - name);
		name = colon + 1;
	}
	return feed_dialect_root(name, n);
}

/*
 * Whether a feed's head begins at p, one of many places a body is looked
 * at: within FEED_HEAD_MAX of it, so that the looks stay linear.
 */
int
feed_sniff_head(const char *p, const char *end)
{
	return feed_sniff_root(p, end - p > FEED_HEAD_MAX ? p + FEED_HEAD_MAX :
	    end);
}

/*
 * Whether the start tag at p names RSS's version or Atom's or RSS 1.0's
 * namespace (<rss version="2.0">, <feed xmlns="http://www.w3.org/2005/
 * Atom">): a feed's root, which no page's own markup writes so (a
 * WordPress page's trackback <rdf:RDF> names neither).
 */
static int
feed_root_marked(const char *p, const char *end)
{
	static const char *const marks[] = {
		"version=", "www.w3.org/2005/Atom", "purl.org/rss/1.0/",
	};
	const char	*gt = memchr(p, '>', (size_t)(end - p));
	size_t		 i;

	for (i = 0; gt != NULL && i < nitems(marks); i++)
		if (feed_past(p, gt, marks[i]) != gt)
			return 1;
	return 0;
}

/*
 * Past the start of an HTML document at p: where an XML declaration
 * whose root is a feed's begins, or a feed's root with its version or
 * namespace, as the offset from s; 0 when none does before end. A CMS's
 * error page printed whole before the feed's template, a debug page
 * wrapping the feed in <pre>, leaves the declaration; a template that
 * prints the site's HTML head before the feed (served as text/html)
 * leaves the root. A page that is one holds neither.
 */
static size_t
feed_junk_page(const char *s, const char *p, const char *end,
    const char *stop)
{
	const char	*q;

	for (; (p = memchr(p, '<', (size_t)(end - p))) != NULL; p++) {
		if ((q = feed_past_markup(p, end)) != p) {
			/* A comment's markup is no feed's (a trackback's). */
			p = q - 1;
			continue;
		}
		if (end - p >= 5 && memcmp(p, "<?xml", 5) == 0 &&
		    feed_sniff_head(p, stop))
			return (size_t)(p - s);
		if (end - p >= 2 && isalpha((unsigned char)p[1]) &&
		    feed_sniff_head(p, stop) && feed_root_marked(p, stop))
			return (size_t)(p - s);
	}
	return 0;
}

/*
 * How many bytes of text come before a feed's XML declaration or root: a
 * PHP warning or notice a CMS printed before its template (<br /><b>Warning
 * </b>: ...), or an HTML page before its declaration (feed_junk_page). 0
 * when the head opens with a feed or when no feed follows the junk.
 */
static size_t
feed_junk(const char *s, size_t len)
{
	const char	*end = s + (len < FEED_JUNK_MAX ? len : FEED_JUNK_MAX);
	const char	*p;

	if (feed_sniff_root(s, s + len))
		return 0;
	for (p = s; (p = memchr(p, '<', (size_t)(end - p))) != NULL;
	    p++) {
		if (feed_html_at(p, end))
			return feed_junk_page(s, p, end, s + len);
		if (feed_sniff_head(p, s + len))
			return (size_t)(p - s);
	}
	return 0;
}

/*
 * Whether a start tag of one of the elements a page shows text in as it
 * is (pre, textarea, xmp) opens at p: its name's length, else 0.
 */
static size_t
feed_shown_at(const char *p, const char *end)
{
	static const char *const names[] = { "pre", "textarea", "xmp" };
	size_t	 i, n;

	for (i = 0; i < nitems(names); i++) {
		n = strlen(names[i]);
		if ((size_t)(end - p) > n + 1 &&
		    strncasecmp(p + 1, names[i], n) == 0 &&
		    (p[n + 1] == '>' || isspace((unsigned char)p[n + 1])))
			return n;
	}
	return 0;
}

/*
 * Whether the element at p (a pre, textarea or xmp of n letters) holds a
 * feed escaped: its text, decoded, opens with a feed's head. [*at, *stop)
 * receives its content, to its end tag or the end of the body.
 */
static int
feed_escaped_in(const char *s, const char *p, size_t n, const char *end,
    size_t *at, size_t *stop)
{
	const char	*gt = memchr(p, '>', (size_t)(end - p)), *q;
	struct buf	 head = { 0 };
	int		 feed;

	if (gt == NULL)
		return 0;
	gt++;
	html_text(&head, gt, (size_t)(end - gt) > FEED_HEAD_MAX ?
	    FEED_HEAD_MAX : (size_t)(end - gt));
	for (q = head.data; head.len > 0 && q < head.data + head.len &&
	    isspace((unsigned char)*q); q++)
		;
	feed = head.len > 0 && feed_sniff_root(q, head.data + head.len);
	buf_free(&head);
	if (!feed)
		return 0;
	*at = (size_t)(gt - s);
	for (q = gt; (q = memchr(q, '<', (size_t)(end - q))) != NULL; q++)
		if (end - q > (ptrdiff_t)n + 2 && q[1] == '/' &&
		    strncasecmp(q + 2, p + 1, n) == 0)
			break;
	*stop = (size_t)((q != NULL ? q : end) - s);
	return 1;
}

/*
 * Whether an HTML page shows a feed escaped in a <pre> or <textarea> (a
 * CMS's "view source" page): the first such element within FEED_JUNK_MAX
 * is looked at; [*at, *stop) of s receives its content.
 */
static int
feed_escaped(const char *s, size_t len, size_t *at, size_t *stop)
{
	const char	*end = s + (len < FEED_JUNK_MAX ? len : FEED_JUNK_MAX);
	const char	*p, *q;
	size_t		 n;

	for (p = s; (p = memchr(p, '<', (size_t)(end - p))) != NULL; p++) {
		if ((q = feed_past_markup(p, end)) != p) {
			p = q - 1;
			continue;
		}
		if ((n = feed_shown_at(p, end)) > 0)
			return feed_escaped_in(s, p, n, s + len, at, stop);
	}
	return 0;
}

/* Whether an ASCII-compatible head is a feed's, after any junk. */
static int
feed_sniff_ascii(const char *p, const char *end)
{
	return feed_sniff_root(p, end) ||
	    feed_junk(p, (size_t)(end - p)) > 0;
}

/*
 * How many NUL bytes and white space come before narrow text (a script's
 * NUL padding printed before the feed): 0 when there is no NUL among
 * them, or when a NUL follows within four bytes, as in UTF-16 or UTF-32.
 */
static size_t
feed_lead_nul(const char *s, size_t len)
{
	size_t	 i, nul = 0;

	for (i = 0; i < len && (s[i] == '\0' || isspace((unsigned char)s[i]));
	    i++)
		nul += s[i] == '\0';
	if (nul == 0 || len - i < 4 || memchr(s + i, '\0', 4) != NULL)
		return 0;
	return i;
}

/* Sniff the root element, narrowing UTF-16 and UTF-32 to ASCII first. */
static int
feed_sniff_xml(const char *data, size_t len)
{
	const unsigned char	*u = (const unsigned char *)data;
	char			 narrow[1024];
	size_t			 i, n = 0, step = 1, at = 0;

	if ((i = feed_lead_nul(data, len)) > 0)
		return feed_sniff_ascii(data + i, data + len);
	if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf)
		return feed_sniff_ascii(data + 3, data + len);
	if (len >= 8 && (u[0] == 0 || u[1] == 0 || (u[0] == 0xff &&
	    u[1] == 0xfe) || (u[0] == 0xfe && u[1] == 0xff))) {
		/* Wide: the markup is ASCII; keep the byte that holds it. */
		if (memcmp(u, "\xff\xfe\0\0", 4) == 0 ||
		    memcmp(u, "\0\0\xfe\xff", 4) == 0)
			at = 4;
		else if (u[0] == 0xff || u[0] == 0xfe)
			at = 2;
		step = (u[at] == 0 && u[at + 1] == 0) ||
		    (u[at + 2] == 0 && u[at + 3] == 0) ? 4 : 2;
		for (i = 0; i < step; i++)
			if (u[at + i] != 0)
				break;
		for (i += at; i < len && n < sizeof(narrow); i += step)
			narrow[n++] = (char)u[i];
		return feed_sniff_ascii(narrow, narrow + n);
	}
	return feed_sniff_ascii(data, data + len);
}

/* Whether the bytes look like a feed of any format. */
int
feed_sniff(const char *data, size_t len)
{
	return feed_sniff_xml(data, len) || feed_json_sniff(data, len) ||
	    feed_json_junk(data, len) > 0;
}
