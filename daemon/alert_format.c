/*
 * alert_format: the text of a notification: its summary, its body (plain
 * or Pango markup, the hit in bold) and the digest of a burst. Pure: the
 * loop thread builds it when it queues a job, so the desktop worker only
 * talks to D-Bus. Text from a feed is untrusted: it never arrives as
 * markup (the summary is plain text, and what servers do with markup in
 * it varies, so its <, > and & are written as look-alikes; the body is
 * escaped when the server reads markup), its unpaired directional controls
 * are dropped and each field is isolated (FSI ... PDI), so its direction
 * cannot spill into the text around it.
 */
#include <stddef.h>
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
#include "hash.h"
#include "utf8.h"
#include "xmalloc.h"

#define ALERT_TITLE_CHARS	100
#define ALERT_ELLIPSIS		"\u2026"
#define ALERT_SEPARATOR \
	"\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500"
#define ALERT_DIGEST_TITLES	5	/* titles a summary notification lists */
#define ALERT_FSI		"\u2068"	/* first strong isolate: opens a field */
#define ALERT_PDI		"\u2069"	/* pop directional isolate: closes it */
#define ALERT_BIDI_DEPTH	64	/* nested controls that may pair, at most */

/* What an explicit directional control does. */
enum alert_bidi {
	ALERT_BIDI_NONE,
	ALERT_BIDI_EMBED,	/* LRE, RLE, LRO, RLO: up to their PDF */
	ALERT_BIDI_PDF,
	ALERT_BIDI_ISOLATE,	/* LRI, RLI, FSI: up to their PDI */
	ALERT_BIDI_PDI
};

/* The controls of a text, in order, and which of them pair up. */
struct alert_bidi_pairs {
	unsigned char	*keep;		/* per control: it has its partner */
	size_t		 n;
	size_t		 open[ALERT_BIDI_DEPTH];	/* openers not closed */
	int		 isolate[ALERT_BIDI_DEPTH];	/*   and their kinds */
	size_t		 depth;
};

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

/* Append s cut at a word boundary to about ALERT_TITLE_CHARS characters. */
static void
alert_put_short(struct buf *b, const char *s)
{
	const char	*end, *sp;

	if (utf8_chars(s, strlen(s)) <= ALERT_TITLE_CHARS) {
		buf_puts(b, s);
		return;
	}
	/* Room for the ellipsis; a word longer than half is cut inside. */
	end = s + utf8_prefix(s, strlen(s), ALERT_TITLE_CHARS - 1);
	for (sp = end; sp > s && *sp != ' '; sp--)
		continue;
	if (utf8_chars(s, (size_t)(sp - s)) >= ALERT_TITLE_CHARS / 2)
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

/*
 * Append the snippet (cleaned, changed in place), its unpaired controls
 * dropped; with markup, escaped and the hit in <b>.
 */
static void
alert_put_snippet(struct buf *b, const struct alert *a, char *snip,
    int markup)
{
	size_t	 hs = a->hl_start, he = a->hl_end;
	/* Cleaning keeps byte offsets only when the snippet was valid. */
	int	 hit = markup && alert_valid(a->snippet);

	alert_bidi_balance(snip, &hs, &he);
	if (!hit || !alert_span_ok(snip, hs, he)) {
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

/* The directional control at s (valid UTF-8, len bytes left), if any. */
static enum alert_bidi
alert_bidi_at(const unsigned char *s, size_t len)
{
	static const enum alert_bidi	 kinds[] = {
		/* U+202A .. U+202E */
		ALERT_BIDI_EMBED, ALERT_BIDI_EMBED, ALERT_BIDI_PDF,
		ALERT_BIDI_EMBED, ALERT_BIDI_EMBED,
		/* U+2066 .. U+2069 */
		ALERT_BIDI_ISOLATE, ALERT_BIDI_ISOLATE, ALERT_BIDI_ISOLATE,
		ALERT_BIDI_PDI
	};

	if (len < 3 || s[0] != 0xe2)
		return ALERT_BIDI_NONE;
	if (s[1] == 0x80 && s[2] >= 0xaa && s[2] <= 0xae)
		return kinds[s[2] - 0xaa];
	if (s[1] == 0x81 && s[2] >= 0xa6 && s[2] <= 0xa9)
		return kinds[5 + s[2] - 0xa6];
	return ALERT_BIDI_NONE;
}

/*
 * Pair the next control with the opener it closes, as the bidi algorithm
 * does: a PDF closes the innermost embedding unless an isolate is open
 * inside it; a PDI closes the innermost isolate and what was opened in it.
 */
static void
alert_bidi_pair(struct alert_bidi_pairs *bp, enum alert_bidi kind)
{
	size_t	 k = bp->n++, d = bp->depth;

	bp->keep = xreallocarray(bp->keep, bp->n, 1);
	bp->keep[k] = 0;
	if (kind == ALERT_BIDI_EMBED || kind == ALERT_BIDI_ISOLATE) {
		if (d < ALERT_BIDI_DEPTH) {
			bp->open[d] = k;
			bp->isolate[bp->depth++] = kind == ALERT_BIDI_ISOLATE;
		}
		return;
	}
	if (kind == ALERT_BIDI_PDF && (d == 0 || bp->isolate[d - 1]))
		return;
	while (kind == ALERT_BIDI_PDI && d > 0 && !bp->isolate[d - 1])
		d--;
	if (d == 0)
		return;
	bp->keep[bp->open[d - 1]] = bp->keep[k] = 1;
	bp->depth = d - 1;
}

/* Drop unpaired directional controls from s in place; see alert_int.h. */
char *
alert_bidi_balance(char *s, size_t *hs, size_t *he)
{
	struct alert_bidi_pairs	 bp = { 0 };
	unsigned char		*u = (unsigned char *)s;
	enum alert_bidi		 kind;
	size_t			 len = strlen(s), i, w, k = 0;
	size_t			 h0 = hs ? *hs : 0, h1 = he ? *he : 0, d0 = 0, d1 = 0;

	for (i = 0; i < len; i++)
		if ((kind = alert_bidi_at(u + i, len - i)) != ALERT_BIDI_NONE)
			alert_bidi_pair(&bp, kind);
	for (i = w = 0; i < len; ) {
		if (alert_bidi_at(u + i, len - i) != ALERT_BIDI_NONE &&
		    !bp.keep[k++]) {
			d0 += i < h0 ? 3 : 0;
			d1 += i < h1 ? 3 : 0;
			i += 3;
		} else
			s[w++] = s[i++];
	}
	s[w] = '\0';
	free(bp.keep);
	if (hs != NULL)
		*hs = h0 - d0;
	if (he != NULL)
		*he = h1 - d1;
	return s;
}

/* The look-alike of a character markup reads, or NULL. */
static const char *
alert_lookalike(char c)
{
	static const struct {
		char		 c;
		const char	*like;
	} likes[] = {
		{ '<', "\u2039" }, { '>', "\u203a" }, { '&', "\uff06" }
	};
	size_t	 i;

	for (i = 0; i < nitems(likes); i++)
		if (likes[i].c == c)
			return likes[i].like;
	return NULL;
}

/* Append s with <, > and & as look-alikes: no server reads it as markup. */
static void
alert_put_unmarked(struct buf *b, const char *s)
{
	const char	*like;

	for (; *s != '\0'; s++)
		if ((like = alert_lookalike(*s)) != NULL)
			buf_puts(b, like);
		else
			buf_putc(b, *s);
}

/*
 * Append a field: cleaned, folded and shortened to about a line, its
 * unpaired controls dropped, isolated; escaped for markup, or with markup
 * characters as look-alikes when unmarked (the summary).
 */
static void
alert_put_isolated(struct buf *b, const char *field, int markup, int unmarked)
{
	struct buf	 t = { 0 };
	char		*clean;

	clean = alert_fold(alert_clean(field));
	alert_put_short(&t, clean);
	buf_puts(b, ALERT_FSI);
	if (t.len > 0) {
		alert_bidi_balance(t.data, NULL, NULL);
		if (unmarked)
			alert_put_unmarked(b, t.data);
		else
			alert_put_text(b, t.data, strlen(t.data), markup);
	}
	buf_puts(b, ALERT_PDI);
	free(clean);
	buf_free(&t);
}

/* Build the summary: topic, then the title shortened; plain text. */
char *
alert_summary(const struct alert *a)
{
	struct buf	 b = { 0 };
	char		*topic, *title;

	topic = alert_fold(alert_clean(a->topic));
	title = alert_fold(alert_clean(a->title));
	alert_put_unmarked(&b, alert_bidi_balance(topic, NULL, NULL));
	if (*title != '\0') {
		buf_puts(&b, ": ");
		alert_put_isolated(&b, title, 0, 1);
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
	else if (*source != '\0')
		alert_put_isolated(b, source, markup, 0);
	free(source);
	if (alert_when(a->published, when, sizeof(when)) > 0)
		buf_printf(b, "%s%s", b->len > 0 ? " \u00b7 " : "", when);
}

/*
 * Build the body: origin, a separator line, the snippet (each optional),
 * each field isolated.
 */
char *
alert_body(const struct alert *a, int markup)
{
	struct buf	 b = { 0 };
	char		*snip;

	snip = alert_clean(a->snippet);
	alert_put_origin(&b, a, markup);
	if (b.len > 0 && *snip != '\0')
		buf_puts(&b, "\n" ALERT_SEPARATOR "\n");
	if (*snip != '\0') {
		buf_puts(&b, ALERT_FSI);
		alert_put_snippet(&b, a, snip, markup);
		buf_puts(&b, ALERT_PDI);
	}
	free(snip);
	return buf_steal(&b);
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
 * Whether two alerts are about one story: the store's story (an item that
 * fired two topics, or another source's copy of it), else the same link.
 * Never the title alone: one headline over two texts is two stories.
 */
int
alert_same_story(const struct alert *a, const struct alert *b)
{
	if (a->story != 0 && b->story != 0)
		return a->story == b->story;
	return a->link != NULL && b->link != NULL &&
	    strcmp(a->link, b->link) == 0;
}

/*
 * The slot of table t (mask + 1 slots of an alert's index + 1, 0 free) that
 * holds an alert like a (the same link when by_link, else the same story),
 * or the free one where it would go; h is a's key's hash.
 */
static size_t *
alert_seen_slot(size_t *t, size_t mask, uint64_t h, const struct alert *v,
    const struct alert *a, int by_link)
{
	const struct alert	*b;
	size_t			 i;

	for (i = h & mask; t[i] != 0; i = (i + 1) & mask) {
		b = &v[t[i] - 1];
		if (by_link ? strcmp(b->link, a->link) == 0 :
		    b->story == a->story)
			break;
	}
	return &t[i];
}

/*
 * Mark in first[i] whether v[i] is the first alert of its story among
 * v[0..i] (alert_same_story() against each before it), looking the
 * earlier stories and links up by hash: a summary of a thousand alerts
 * compared each with each before it, several times over (3.3 % of a
 * first poll's instructions to the desktop). As alert_same_story(), an
 * alert with a story meets an earlier one of that story, or of no story
 * and its link; one with none meets any earlier one of its link.
 */
static void
alert_story_firsts(const struct alert *v, size_t n, unsigned char *first)
{
	size_t		 cap = 8, *stories, *bare, *links, *st, *bl, *ln;
	const struct alert *a;
	uint64_t	 h;
	size_t		 i;

	while (cap < 2 * n)
		cap *= 2;
	stories = xcalloc(3 * cap, sizeof(*stories));
	bare = stories + cap;	/* the links of alerts of no story */
	links = bare + cap;	/* every alert's link */
	for (i = 0; i < n; i++) {
		a = &v[i];
		st = bl = ln = NULL;
		if (a->link != NULL) {
			h = hash_fnv_text(a->link, strlen(a->link));
			bl = alert_seen_slot(bare, cap - 1, h, v, a, 1);
			ln = alert_seen_slot(links, cap - 1, h, v, a, 1);
		}
		if (a->story != 0) {
			h = (uint64_t)a->story * 0x9e3779b97f4a7c15ULL;
			st = alert_seen_slot(stories, cap - 1, h, v, a, 0);
			first[i] = *st == 0 && (bl == NULL || *bl == 0);
			if (*st == 0)
				*st = i + 1;
		} else {
			first[i] = ln == NULL || *ln == 0;
			if (bl != NULL && *bl == 0)
				*bl = i + 1;
		}
		if (ln != NULL && *ln == 0)
			*ln = i + 1;
	}
	free(stories);
}

/* How many stories v[0..n) holds. */
size_t
alert_stories(const struct alert *v, size_t n)
{
	unsigned char	*first;
	size_t		 i, stories = 0;

	if (n < 2)
		return n;
	first = xmalloc(n);
	alert_story_firsts(v, n, first);
	for (i = 0; i < n; i++)
		stories += first[i];
	free(first);
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

/* The source all of v[0..n) come from, or NULL when they come from several. */
static const char *
alert_one_source(const struct alert *v, size_t n)
{
	size_t	 i;

	for (i = 1; i < n; i++)
		if (v[i].source == NULL || v[0].source == NULL ||
		    strcmp(v[i].source, v[0].source) != 0)
			return NULL;
	return n > 0 ? v[0].source : NULL;
}

/* The stories recorded delivered with v[0..n) (a flood's cut). */
static size_t
alert_flood_stories(const struct alert *v, size_t n)
{
	size_t	 i, cut = 0;

	for (i = 0; i < n; i++)
		cut += v[i].flood;
	return cut;
}

/*
 * The summary line of a digest: "12 new stories: Kazakhstan 7, C5+1 5", or
 * "12 new stories from bbc: ..." when one source gave them all; a story
 * that fired two topics counted once in all and once in each. A flood's
 * summary tells its true size and that the tally is of the ones it holds:
 * "20000 new stories from bbc, the first 500: Kazakhstan 500".
 */
static char *
alert_digest_summary(const struct alert *v, size_t n)
{
	struct alert_tally	*t;
	struct buf		 b = { 0 }, out = { 0 };
	const char		*from = alert_one_source(v, n);
	size_t			 nt, k, stories = alert_stories(v, n);
	size_t			 all = stories + alert_flood_stories(v, n);
	char			*clean;

	t = xcalloc(n, sizeof(*t));
	nt = alert_tally(v, n, t);
	buf_printf(&b, "%zu new stor%s%s%s", all, all == 1 ? "y" : "ies",
	    from ? " from " : "", from ? from : "");
	if (all > stories)
		buf_printf(&b, ", the first %zu", stories);
	buf_putc(&b, ':');
	for (k = 0; k < nt; k++)
		buf_printf(&b, "%s %s %zu", k > 0 ? "," : "", t[k].topic,
		    t[k].n);
	free(t);
	clean = alert_clean(b.data);
	alert_put_unmarked(&out, alert_bidi_balance(clean, NULL, NULL));
	free(clean);
	buf_free(&b);
	return buf_steal(&out);
}

/* The body of a digest: the first stories' titles, then where the rest are. */
static char *
alert_digest_body(const struct alert *v, size_t n, int markup)
{
	struct buf	 b = { 0 };
	unsigned char	*first = xmalloc(n ? n : 1);
	size_t		 i, shown = 0, stories = 0;

	alert_story_firsts(v, n, first);
	for (i = 0; i < n; i++) {
		stories += first[i];
		if (!first[i] || shown == ALERT_DIGEST_TITLES)
			continue;
		buf_puts(&b, shown++ > 0 ? "\n\u2022 " : "\u2022 ");
		alert_put_isolated(&b, v[i].title, markup, 0);
	}
	free(first);
	if (stories > shown)
		buf_printf(&b, "\n\u2026 and %zu more (raqib history)",
		    stories - shown);
	return buf_steal(&b);
}

/*
 * Each distinct non-empty value of the string field at offset field of
 * v[0..n), in order, ", "-joined; *count (may be NULL) says how many.
 */
static char *
alert_distinct(const struct alert *v, size_t n, size_t field,
    unsigned *count)
{
	struct buf	 b = { 0 };
	const char	*s, *t;
	size_t		 i, k;

	for (i = 0; i < n; i++) {
		s = *(char *const *)(const void *)((const char *)&v[i] + field);
		for (k = 0; k < i; k++) {
			t = *(char *const *)(const void *)((const char *)&v[k] +
			    field);
			if (t != NULL && s != NULL && strcmp(s, t) == 0)
				break;
		}
		if (k < i || s == NULL || *s == '\0')
			continue;
		buf_printf(&b, "%s%s", b.len > 0 ? ", " : "", s);
		if (count != NULL)
			(*count)++;
	}
	return buf_steal(&b);
}

/* v[0..n) as one alert for an exec sink; see alert_int.h. */
void
alert_digest_alert(const struct alert *v, size_t n, struct alert *d)
{
	size_t	 i;

	memset(d, 0, sizeof(*d));
	d->title = alert_digest(v, n, 0, &d->snippet);
	d->topic = alert_distinct(v, n, offsetof(struct alert, topic), NULL);
	d->source = alert_distinct(v, n, offsetof(struct alert, source),
	    &d->sources);
	d->terms = alert_distinct(v, n, offsetof(struct alert, terms), NULL);
	d->urgency = alert_digest_urgency(v, n);
	d->published = ITEM_NO_TIME;
	for (i = 0; i < n; i++)
		if (v[i].published != ITEM_NO_TIME &&
		    (d->published == ITEM_NO_TIME ||
		    v[i].published > d->published))
			d->published = v[i].published;
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

/*
 * Plain text made valid and folded, its unpaired controls dropped;
 * escaped for markup when markup is set, or with markup characters as
 * look-alikes when unmarked (a summary).
 */
static char *
alert_notice_text(const char *s, int markup, int unmarked)
{
	struct buf	 b = { 0 };
	char		*clean;

	clean = alert_bidi_balance(alert_fold(alert_clean(s)), NULL, NULL);
	if (unmarked)
		alert_put_unmarked(&b, clean);
	else
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
			j->summary = alert_notice_text(j->v[0].title, 0, 1);
			j->body[markup] = alert_notice_text(j->v[0].snippet,
			    markup, 0);
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
