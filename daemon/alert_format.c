/*
 * alert_format: the text of a notification: its summary, its body (plain
 * or Pango markup, the hit in bold) and the digest of a burst. Pure: the
 * loop thread builds it when it queues a job, so the desktop worker only
 * talks to D-Bus.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "alert.h"
#include "alert_int.h"
#include "buf.h"
#include "compat.h"
#include "utf8.h"
#include "xmalloc.h"

#define ALERT_TITLE_CHARS	100
#define ALERT_ELLIPSIS		"\u2026"
#define ALERT_SEPARATOR \
	"\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500"
#define ALERT_DIGEST_TITLES	5	/* titles a summary notification lists */

/* One topic of a summary and how many of its alerts it holds. */
struct alert_tally {
	const char	*topic;
	size_t		 n;
	size_t		 first;		/* index of its first alert: ties */
};

/* A valid UTF-8 copy of s with control characters as spaces; caller frees. */
static char *
alert_clean(const char *s)
{
	char	*v, *p;

	v = utf8_clean(s != NULL ? s : "", s != NULL ? strlen(s) : 0);
	for (p = v; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	return v;
}

/* Fold runs of spaces into one and trim both ends, in place. */
static char *
alert_fold(char *s)
{
	char	*r = s, *w = s;

	while (*r == ' ')
		r++;
	for (; *r != '\0'; r++)
		if (*r != ' ' || (r[1] != ' ' && r[1] != '\0'))
			*w++ = *r;
	*w = '\0';
	return s;
}

/* The number of characters of valid UTF-8 s[0, len). */
static size_t
alert_chars(const char *s, size_t len)
{
	size_t	 i, n = 0;

	for (i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	return n;
}

/* The place n characters into valid UTF-8 s (at most its end). */
static const char *
alert_skip(const char *s, size_t n)
{
	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80 && n-- == 0)
			break;
	return s;
}

/* Append s cut at a word boundary to about ALERT_TITLE_CHARS characters. */
static void
alert_put_short(struct buf *b, const char *s)
{
	const char	*end, *sp;

	if (alert_chars(s, strlen(s)) <= ALERT_TITLE_CHARS) {
		buf_puts(b, s);
		return;
	}
	/* Room for the ellipsis; a word longer than half is cut inside. */
	end = alert_skip(s, ALERT_TITLE_CHARS - 1);
	for (sp = end; sp > s && *sp != ' '; sp--)
		continue;
	if (alert_chars(s, (size_t)(sp - s)) >= ALERT_TITLE_CHARS / 2)
		end = sp;
	while (end > s && end[-1] == ' ')
		end--;
	buf_append(b, s, (size_t)(end - s));
	buf_puts(b, ALERT_ELLIPSIS);
}

/* The markup entity of an ASCII character, or NULL. */
static const char *
alert_entity(char c)
{
	static const struct {
		char		 c;
		const char	*entity;
	} entities[] = {
		{ '&', "&amp;" }, { '<', "&lt;" }, { '>', "&gt;" },
		{ '\'', "&apos;" }, { '"', "&quot;" }
	};
	size_t	 i;

	for (i = 0; i < nitems(entities); i++)
		if (entities[i].c == c)
			return entities[i].entity;
	return NULL;
}

/* The control character at s that markup writes as &#x..;, or 0. */
static unsigned
alert_control(const unsigned char *s, size_t len)
{
	if ((*s >= 0x01 && *s <= 0x08) || *s == 0x0b || *s == 0x0c ||
	    (*s >= 0x0e && *s <= 0x1f) || *s == 0x7f)
		return *s;
	/* C1 controls but NEL, as GLib's g_markup_escape_text() has them. */
	if (*s == 0xc2 && len > 1 && s[1] >= 0x80 && s[1] <= 0x9f &&
	    s[1] != 0x85)
		return s[1];
	return 0;
}

/* Append len bytes of s escaped for Pango markup. */
static void
alert_put_escaped(struct buf *b, const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	const char		*e;
	size_t			 i;
	unsigned		 c;

	for (i = 0; i < len; i++) {
		if ((e = alert_entity(s[i])) != NULL)
			buf_puts(b, e);
		else if ((c = alert_control(u + i, len - i)) != 0) {
			buf_printf(b, "&#x%x;", c);
			i += c >= 0x80;
		} else
			buf_putc(b, s[i]);
	}
}

/* Append len bytes of s, escaped for Pango markup when markup is set. */
static void
alert_put_text(struct buf *b, const char *s, size_t len, int markup)
{
	if (markup)
		alert_put_escaped(b, s, len);
	else
		buf_append(b, s, len);
}

/* Whether [hs, he) is a non-empty span of s on character boundaries. */
static int
alert_span_ok(const char *s, size_t hs, size_t he)
{
	size_t	 len = strlen(s);

	if (hs >= he || he > len)
		return 0;
	if (((unsigned char)s[hs] & 0xc0) == 0x80)
		return 0;
	return he == len || ((unsigned char)s[he] & 0xc0) != 0x80;
}

/* Whether s is valid UTF-8 to its end. */
static int
alert_valid(const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i, n, len = strlen(s);
	uint32_t		 cp;

	for (i = 0; i < len; i += n)
		if ((n = utf8_decode(u + i, len - i, &cp)) == 0)
			return 0;
	return 1;
}

/* Append the snippet; with markup, escaped and the hit in <b>. */
static void
alert_put_snippet(struct buf *b, const struct alert *a, const char *snip,
    int markup)
{
	size_t	 hs = a->hl_start, he = a->hl_end;

	/* Cleaning keeps byte offsets only when the snippet was valid. */
	if (!markup || !alert_valid(a->snippet) ||
	    !alert_span_ok(snip, hs, he)) {
		alert_put_text(b, snip, strlen(snip), markup);
		return;
	}
	alert_put_escaped(b, snip, hs);
	buf_puts(b, "<b>");
	alert_put_escaped(b, snip + hs, he - hs);
	buf_puts(b, "</b>");
	alert_put_escaped(b, snip + he, strlen(snip + he));
}

/*
 * The item's time, short, in local time: "14:05" today, "03 May 14:05" this
 * year, "2024-05-03 14:05" before. Returns its length; 0 when there is none.
 */
static size_t
alert_when(int64_t t, char *out, size_t len)
{
	time_t		 now = time(NULL), tt = (time_t)t;
	struct tm	 tm, today;
	const char	*fmt = "%Y-%m-%d %H:%M";

	if (t == ITEM_NO_TIME || localtime_r(&tt, &tm) == NULL ||
	    localtime_r(&now, &today) == NULL)
		return 0;
	if (tm.tm_year == today.tm_year)
		fmt = tm.tm_yday == today.tm_yday ? "%H:%M" : "%d %b %H:%M";
	return strftime(out, len, fmt, &tm);
}

/* Build the summary: topic, then the title shortened. */
char *
alert_summary(const struct alert *a)
{
	struct buf	 b = { 0 };
	char		*topic, *title;

	topic = alert_fold(alert_clean(a->topic));
	title = alert_fold(alert_clean(a->title));
	buf_puts(&b, topic);
	if (*title != '\0') {
		buf_puts(&b, ": ");
		alert_put_short(&b, title);
	}
	free(topic);
	free(title);
	return buf_steal(&b);
}

/* Append "Source · 14:05" (or "3 sources"), the item's time in local time. */
static void
alert_put_origin(struct buf *b, const struct alert *a, int markup)
{
	char		*source, when[32] = "";

	source = alert_fold(alert_clean(a->source));
	if (a->sources > 1)
		buf_printf(b, "%u sources", a->sources);
	else
		alert_put_text(b, source, strlen(source), markup);
	free(source);
	if (alert_when(a->published, when, sizeof(when)) > 0)
		buf_printf(b, "%s%s", b->len > 0 ? " \u00b7 " : "", when);
}

/* Build the body: origin, a separator line, the snippet (each optional). */
char *
alert_body(const struct alert *a, int markup)
{
	struct buf	 b = { 0 };
	char		*snip;

	snip = alert_clean(a->snippet);
	alert_put_origin(&b, a, markup);
	if (b.len > 0 && *snip != '\0')
		buf_puts(&b, "\n" ALERT_SEPARATOR "\n");
	if (*snip != '\0')
		alert_put_snippet(&b, a, snip, markup);
	free(snip);
	return buf_steal(&b);
}

/* Append title shortened, escaped for markup when markup is set. */
static void
alert_put_title(struct buf *b, const char *title, int markup)
{
	struct buf	 t = { 0 };
	char		*clean;

	clean = alert_fold(alert_clean(title));
	alert_put_short(&t, clean);
	alert_put_text(b, t.data, t.len, markup);
	free(clean);
	buf_free(&t);
}

/* Most alerts first, then in the order the topics came. */
static int
alert_tally_cmp(const void *a, const void *b)
{
	const struct alert_tally	*x = a, *y = b;

	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return x->first < y->first ? -1 : x->first > y->first;
}

/*
 * Whether two alerts are about one story: the same link, or the same title
 * (an item firing two topics gives two alerts; an outlet's copy of a story
 * another carried may have another link).
 */
int
alert_same_story(const struct alert *a, const struct alert *b)
{
	if (a->link != NULL && b->link != NULL && strcmp(a->link, b->link) == 0)
		return 1;
	return a->title != NULL && b->title != NULL &&
	    strcmp(a->title, b->title) == 0;
}

/* Whether v[i] is the first alert of its story among v[0..i]. */
static int
alert_story_first(const struct alert *v, size_t i)
{
	size_t	 k;

	for (k = 0; k < i; k++)
		if (alert_same_story(&v[k], &v[i]))
			return 0;
	return 1;
}

/* How many stories v[0..n) holds. */
size_t
alert_stories(const struct alert *v, size_t n)
{
	size_t	 i, stories = 0;

	for (i = 0; i < n; i++)
		stories += alert_story_first(v, i);
	return stories;
}

/* Count v's alerts per topic into t (room for n); returns the topics. */
static size_t
alert_tally(const struct alert *v, size_t n, struct alert_tally *t)
{
	size_t	 i, k, nt = 0;

	for (i = 0; i < n; i++) {
		for (k = 0; k < nt && strcmp(t[k].topic, v[i].topic) != 0; k++)
			continue;
		if (k == nt)
			t[nt++] = (struct alert_tally){ v[i].topic, 0, i };
		t[k].n++;
	}
	qsort(t, nt, sizeof(*t), alert_tally_cmp);
	return nt;
}

/*
 * The summary line of a digest: "12 new stories: Kazakhstan 7, C5+1 5", a
 * story that fired two topics counted once in all and once in each.
 */
static char *
alert_digest_summary(const struct alert *v, size_t n)
{
	struct alert_tally	*t;
	struct buf		 b = { 0 };
	size_t			 nt, k, stories = alert_stories(v, n);
	char			*clean;

	t = xcalloc(n, sizeof(*t));
	nt = alert_tally(v, n, t);
	buf_printf(&b, "%zu new stor%s:", stories, stories == 1 ? "y" : "ies");
	for (k = 0; k < nt; k++)
		buf_printf(&b, "%s %s %zu", k > 0 ? "," : "", t[k].topic,
		    t[k].n);
	free(t);
	clean = alert_clean(b.data);
	buf_free(&b);
	return clean;
}

/* The body of a digest: the first stories' titles, then where the rest are. */
static char *
alert_digest_body(const struct alert *v, size_t n, int markup)
{
	struct buf	 b = { 0 };
	size_t		 i, shown = 0, stories = alert_stories(v, n);

	for (i = 0; i < n && shown < ALERT_DIGEST_TITLES; i++) {
		if (!alert_story_first(v, i))
			continue;
		buf_puts(&b, shown++ > 0 ? "\n\u2022 " : "\u2022 ");
		alert_put_title(&b, v[i].title, markup);
	}
	if (stories > shown)
		buf_printf(&b, "\n\u2026 and %zu more (raqib history)",
		    stories - shown);
	return buf_steal(&b);
}

/*
 * The summary of one story that fired several topics: the topics, then the
 * title, as one alert's ("kazakhstan, c5plus1: title").
 */
static char *
alert_story_summary(const struct alert *v, size_t n)
{
	struct buf	 b = { 0 };
	struct alert	 a = v[0];
	size_t		 i;
	char		*s;

	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i > 0 ? ", " : "", v[i].topic);
	a.topic = b.data;
	s = alert_summary(&a);
	buf_free(&b);
	return s;
}

/* Build a digest of several alerts: the summary, and its body into *body. */
char *
alert_digest(const struct alert *v, size_t n, int markup, char **body)
{
	*body = alert_digest_body(v, n, markup);
	return alert_digest_summary(v, n);
}

/* The most urgent urgency among v[0..n). */
enum alert_urgency
alert_digest_urgency(const struct alert *v, size_t n)
{
	enum alert_urgency	 u = ALERT_LOW;
	size_t			 i;

	for (i = 0; i < n; i++)
		if (v[i].urgency > u && v[i].urgency <= ALERT_CRITICAL)
			u = v[i].urgency;
	return u;
}

/* Plain text made valid and folded; escaped for markup when markup is set. */
static char *
alert_notice_text(const char *s, int markup)
{
	struct buf	 b = { 0 };
	char		*clean;

	clean = alert_fold(alert_clean(s));
	alert_put_text(&b, clean, strlen(clean), markup);
	free(clean);
	return buf_steal(&b);
}

/*
 * The texts of a job's notification: the summary (never markup, by the
 * notification spec) and the body both plain and in markup, as the worker
 * learns only later which one the server reads.
 */
void
alert_format_job(struct alert_job *j)
{
	int	 markup;

	for (markup = 0; markup < 2; markup++) {
		free(j->summary);
		if (j->kind == ALERT_JOB_NOTICE) {
			j->summary = alert_notice_text(j->v[0].title, 0);
			j->body[markup] = alert_notice_text(j->v[0].snippet,
			    markup);
		} else if (j->n == 1) {
			j->summary = alert_summary(&j->v[0]);
			j->body[markup] = alert_body(&j->v[0], markup);
		} else if (alert_stories(j->v, j->n) == 1) {
			j->summary = alert_story_summary(j->v, j->n);
			j->body[markup] = alert_body(&j->v[0], markup);
		} else
			j->summary = alert_digest(j->v, j->n, markup,
			    &j->body[markup]);
	}
}

/* Whether a link may be handed to the opener: http(s) only. */
int
alert_link_ok(const char *link)
{
	return link != NULL && (strncasecmp(link, "http://", 7) == 0 ||
	    strncasecmp(link, "https://", 8) == 0);
}
