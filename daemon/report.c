/*
 * report: the page `raqib report` writes. Every piece of text from a feed,
 * a server or the config is escaped and set apart with dir="auto", so an
 * Arabic title reads right to left in the left-to-right page (and the
 * reverse), and a stray bidi control ends where its text ends. Nothing in
 * the page is fetched: no script, no font, no image but the inline SVG,
 * and a Content-Security-Policy that forbids the rest.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "buf.h"
#include "report.h"
#include "utf8.h"
#include "xmalloc.h"

#define REPORT_DAY		86400
#define REPORT_DAYLEN		11	/* "YYYY-MM-DD" and its NUL */
#define REPORT_TEXT_MAX		400	/* characters of a title shown */
#define REPORT_NAME_MAX		60	/* characters of a name shown */
#define REPORT_LABEL_MAX	24	/* characters of a topic in the chart */
#define REPORT_OUTLETS_SHOWN	40	/* outlets named under a story */

/* The chart's geometry, in the SVG's own units. */
#define CHART_W		1000
#define CHART_LEFT	210	/* topic names and the scale */
#define CHART_RIGHT	12
#define CHART_TOP	30
#define CHART_BAND	56	/* one topic's row */
#define CHART_BAR	42	/*   and its tallest bar */
#define CHART_BOTTOM	52	/* day labels and the axis title */

#define REPORT_CSP	"default-src 'none'; style-src 'unsafe-inline'; " \
	"img-src data:; base-uri 'none'; form-action 'none'"

struct report_topic {
	char	*name;
	size_t	 stories;	/* over the window */
	size_t	 mentions;
};

struct report_cell {
	size_t	 topic, day;
	size_t	 stories, mentions;
};

struct report_outlet {
	size_t	 topic;
	char	*source;
	size_t	 stories;
};

struct report_story {
	int64_t		 id;
	int64_t		 when;
	char		*title;
	char		*link;
	struct buf	 topics;	/* ", "-joined */
	struct buf	 outlets;	/* ", "-joined, each once */
	size_t		 noutlets;
};

struct report_src {
	char	*name;
	char	*error;
	int64_t	 last_attempt, last_success;
	long	 failures, status;
};

struct report {
	int64_t			 since, now;
	char			(*days)[REPORT_DAYLEN];	/* oldest first */
	size_t			 ndays;
	struct report_topic	*topics;
	size_t			 ntopics;
	struct report_cell	*cells;
	size_t			 ncells;
	struct report_outlet	*outlets;
	size_t			 noutlets;
	struct report_story	*stories;
	size_t			 nstories;
	int			 more;		/* stories were left out */
	struct report_src	*sources;
	size_t			 nsources;
};

/* Grow an array by one element, zeroed at its end; returns the array. */
static void *
report_grow(void *v, size_t *n, size_t size)
{
	v = xreallocarray(v, *n + 1, size);
	memset((char *)v + *n * size, 0, size);
	(*n)++;
	return v;
}

/* The local date of t as "YYYY-MM-DD". */
static void
report_date(int64_t t, char out[REPORT_DAYLEN])
{
	time_t		 tt = (time_t)t;
	struct tm	 tm;

	if (localtime_r(&tt, &tm) == NULL ||
	    strftime(out, REPORT_DAYLEN, "%Y-%m-%d", &tm) == 0)
		strcpy(out, "0000-00-00");
}

/* Add the days from tm's (local time) to last's, up to the window's room. */
static void
report_days_from(struct report *r, struct tm *tm, const char *last)
{
	time_t	 t;

	/* Noon, whatever daylight saving does to the day's length. */
	tm->tm_hour = 12;
	tm->tm_min = tm->tm_sec = 0;
	while (r->ndays < REPORT_DAYS_MAX + 2) {
		tm->tm_isdst = -1;
		if ((t = mktime(tm)) == (time_t)-1)
			return;
		report_date((int64_t)t, r->days[r->ndays]);
		if (strcmp(r->days[r->ndays++], last) >= 0)
			return;
		tm->tm_mday++;
	}
}

/* The window's days, each local date once, from since's to now's. */
static void
report_days(struct report *r)
{
	char		 last[REPORT_DAYLEN];
	time_t		 t = (time_t)r->since;
	struct tm	 tm;

	report_date(r->now, last);
	r->days = xreallocarray(NULL, REPORT_DAYS_MAX + 2, REPORT_DAYLEN);
	if (localtime_r(&t, &tm) != NULL)
		report_days_from(r, &tm, last);
	/* A window always has a day: the last. */
	if (r->ndays == 0)
		memcpy(r->days[r->ndays++], last, REPORT_DAYLEN);
}

/* A new report of the days from since to now. */
struct report *
report_new(int64_t since, int64_t now)
{
	struct report	*r = xcalloc(1, sizeof(*r));

	if (since < now - (int64_t)REPORT_DAYS_MAX * REPORT_DAY)
		since = now - (int64_t)(REPORT_DAYS_MAX - 1) * REPORT_DAY;
	r->since = since;
	r->now = now;
	report_days(r);
	return r;
}

/* Free a report. */
void
report_free(struct report *r)
{
	size_t	 i;

	if (r == NULL)
		return;
	for (i = 0; i < r->ntopics; i++)
		free(r->topics[i].name);
	for (i = 0; i < r->noutlets; i++)
		free(r->outlets[i].source);
	for (i = 0; i < r->nstories; i++) {
		free(r->stories[i].title);
		free(r->stories[i].link);
		buf_free(&r->stories[i].topics);
		buf_free(&r->stories[i].outlets);
	}
	for (i = 0; i < r->nsources; i++) {
		free(r->sources[i].name);
		free(r->sources[i].error);
	}
	free(r->days);
	free(r->topics);
	free(r->cells);
	free(r->outlets);
	free(r->stories);
	free(r->sources);
	free(r);
}

/* The index of a topic, added when new. */
static size_t
report_topic_index(struct report *r, const char *topic)
{
	struct report_topic	*t;
	size_t			 i;

	for (i = 0; i < r->ntopics; i++)
		if (strcmp(r->topics[i].name, topic) == 0)
			return i;
	r->topics = report_grow(r->topics, &r->ntopics, sizeof(*t));
	t = &r->topics[r->ntopics - 1];
	t->name = xstrdup(topic);
	return r->ntopics - 1;
}

/* Chart a topic, with or without mentions. */
void
report_topic(struct report *r, const char *topic)
{
	report_topic_index(r, topic);
}

/* The index of a day of the window, or -1 when it is outside. */
static long
report_day_index(const struct report *r, const char *day)
{
	size_t	 lo = 0, hi = r->ndays, mid;
	int	 c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(day, r->days[mid])) == 0)
			return (long)mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

/* Record a topic's stories and mentions on a day. */
void
report_day(struct report *r, const char *topic, const char *day,
    size_t stories, size_t mentions)
{
	struct report_cell	*c;
	long			 d = report_day_index(r, day);
	size_t			 t;

	if (d < 0 || mentions == 0)
		return;
	t = report_topic_index(r, topic);
	r->topics[t].stories += stories;
	r->topics[t].mentions += mentions;
	r->cells = report_grow(r->cells, &r->ncells, sizeof(*c));
	c = &r->cells[r->ncells - 1];
	c->topic = t;
	c->day = (size_t)d;
	c->stories = stories;
	c->mentions = mentions;
}

/* Record an outlet of a topic. */
void
report_outlet(struct report *r, const char *topic, const char *source,
    size_t stories)
{
	struct report_outlet	*o;
	size_t			 t = report_topic_index(r, topic);

	r->outlets = report_grow(r->outlets, &r->noutlets, sizeof(*o));
	o = &r->outlets[r->noutlets - 1];
	o->topic = t;
	o->source = xstrdup(source);
	o->stories = stories;
}

/* Whether a ", "-joined list holds name (len bytes). */
static int
report_listed(const struct buf *list, const char *name, size_t len)
{
	const char	*p = list->data, *end;

	while (p != NULL && *p != '\0') {
		end = strstr(p, ", ");
		if ((size_t)((end ? end : p + strlen(p)) - p) == len &&
		    memcmp(p, name, len) == 0)
			return 1;
		p = end ? end + 2 : NULL;
	}
	return 0;
}

/* Add name (len bytes) to a ", "-joined list; 1 when it was not there. */
static int
report_list_add(struct buf *list, const char *name, size_t len)
{
	if (len == 0 || report_listed(list, name, len))
		return 0;
	if (list->len > 0)
		buf_puts(list, ", ");
	buf_append(list, name, len);
	return 1;
}

/* Add each outlet of a ", "-joined list to a story's, once. */
static void
report_story_outlets(struct report_story *s, const char *outlets)
{
	const char	*p = outlets, *end;
	size_t		 len;

	while (p != NULL && *p != '\0') {
		end = strstr(p, ", ");
		len = end ? (size_t)(end - p) : strlen(p);
		s->noutlets += report_list_add(&s->outlets, p, len);
		p = end ? end + 2 : NULL;
	}
}

/* Record a story under a topic; rows of one story come together. */
void
report_story(struct report *r, int64_t id, const char *topic,
    const char *title, const char *link, const char *outlets, int64_t when)
{
	struct report_story	*s = NULL;

	if (r->nstories > 0 && r->stories[r->nstories - 1].id == id)
		s = &r->stories[r->nstories - 1];
	else if (r->nstories == REPORT_STORIES_MAX) {
		r->more = 1;
		return;
	} else {
		r->stories = report_grow(r->stories, &r->nstories,
		    sizeof(*s));
		s = &r->stories[r->nstories - 1];
		s->id = id;
		s->when = when;
		s->title = xstrdup(title != NULL ? title : "");
		s->link = link != NULL ? xstrdup(link) : NULL;
	}
	if (when > s->when)
		s->when = when;
	report_list_add(&s->topics, topic, strlen(topic));
	report_story_outlets(s, outlets != NULL ? outlets : "");
}

/* Record a source's health. */
void
report_source(struct report *r, const struct report_source *src)
{
	struct report_src	*s;

	r->sources = report_grow(r->sources, &r->nsources, sizeof(*s));
	s = &r->sources[r->nsources - 1];
	s->name = xstrdup(src->name != NULL ? src->name : "");
	s->error = src->error != NULL ? xstrdup(src->error) : NULL;
	s->last_attempt = src->last_attempt;
	s->last_success = src->last_success;
	s->failures = src->failures;
	s->status = src->status;
}

/* The bytes of s's first max characters (UTF-8), and whether it was cut. */
static size_t
report_cut(const char *s, size_t len, size_t max, int *cut)
{
	size_t	 n = utf8_prefix(s, len, max);

	*cut = n < len;
	return n;
}

/*
 * Append len bytes of text, escaped for HTML text and attribute values
 * alike; C0 controls (but tab and newline) and DEL, which HTML forbids,
 * are dropped.
 */
static void
report_esc_n(struct buf *out, const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i < len; i++) {
		unsigned char	 c = (unsigned char)s[i];

		switch (c) {
		case '&': buf_puts(out, "&amp;"); break;
		case '<': buf_puts(out, "&lt;"); break;
		case '>': buf_puts(out, "&gt;"); break;
		case '"': buf_puts(out, "&quot;"); break;
		case '\'': buf_puts(out, "&#39;"); break;
		default:
			if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F)
				break;
			buf_putc(out, (char)c);
		}
	}
}

/* Append text escaped, at most max characters of it ("…" when cut). */
static void
report_esc(struct buf *out, const char *s, size_t max)
{
	int	 cut;
	size_t	 n = report_cut(s, strlen(s), max, &cut);

	report_esc_n(out, s, n);
	if (cut)
		buf_puts(out, "…");
}

/*
 * Append untrusted text in an element of its own whose direction is its
 * text's: <TAG dir="auto" class="CLASS">text</TAG>.
 */
static void
report_span(struct buf *out, const char *tag, const char *class,
    const char *s, size_t max)
{
	buf_printf(out, "<%s dir=\"auto\" class=\"%s\">", tag, class);
	report_esc(out, s, max);
	buf_printf(out, "</%s>", tag);
}

/* Append a local time as "YYYY-MM-DD HH:MM", or "never" for 0. */
static void
report_when(struct buf *out, int64_t t)
{
	char		 s[32];
	time_t		 tt = (time_t)t;
	struct tm	 tm;

	if (t == 0 || localtime_r(&tt, &tm) == NULL ||
	    strftime(s, sizeof(s), "%Y-%m-%d %H:%M", &tm) == 0) {
		buf_puts(out, "never");
		return;
	}
	buf_printf(out, "<time>%s</time>", s);
}

/* Whether a link may be followed from the page: http or https only. */
static int
report_link_ok(const char *link)
{
	return link != NULL && (strncasecmp(link, "http://", 7) == 0 ||
	    strncasecmp(link, "https://", 8) == 0);
}

static const char report_style[] =
    "body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:"
    "1100px;padding:0 16px 40px;color:#1d2327;background:#fff}"
    "h1{margin:18px 0 4px}h2{margin-top:32px;border-bottom:1px solid #ccd}"
    "h3{margin:18px 0 6px;font-size:1em}"
    "table{border-collapse:collapse}td,th{padding:2px 10px;text-align:start;"
    "vertical-align:top;border-bottom:1px solid #e4e6ea}"
    "td.n{text-align:end;font-variant-numeric:tabular-nums}"
    "ol.stories{padding-inline-start:1.5em}ol.stories li{margin:0 0 10px}"
    ".meta,.outlets{color:#555;font-size:.9em}"
    ".failing{color:#a3191b}svg{width:100%;height:auto}"
    "svg text{font:12px system-ui,sans-serif;fill:#1d2327;"
    "unicode-bidi:plaintext}"
    "svg .bar{fill:#2a6f97}svg .axis{stroke:#555;stroke-width:1}"
    "svg .grid{stroke:#e4e6ea;stroke-width:1}svg .small{font-size:10px}";

/* Append the head of the page and its title. */
static void
report_head(const struct report *r, struct buf *out)
{
	buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">\n"
	    "<head>\n<meta charset=\"utf-8\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\""
	    REPORT_CSP "\">\n"
	    "<meta name=\"referrer\" content=\"no-referrer\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n");
	buf_printf(out, "<title>raqib report, %s to %s</title>\n",
	    r->days[0], r->days[r->ndays - 1]);
	buf_printf(out, "<style>%s</style>\n</head>\n<body>\n", report_style);
}

/* Append what the page covers and its totals. */
static void
report_intro(const struct report *r, struct buf *out)
{
	size_t		 i, mentions = 0;
	char		 zone[16];
	time_t		 t = (time_t)r->now;
	struct tm	 tm;

	for (i = 0; i < r->ntopics; i++)
		mentions += r->topics[i].mentions;
	if (localtime_r(&t, &tm) == NULL ||
	    strftime(zone, sizeof(zone), "%z", &tm) == 0)
		zone[0] = '\0';
	buf_printf(out, "<header><h1>raqib report</h1>\n<p class=\"meta\">"
	    "From <time>%s</time> to <time>%s</time>, local time (UTC%s); "
	    "written ", r->days[0], r->days[r->ndays - 1], zone);
	report_when(out, r->now);
	buf_printf(out, ". %zu topic%s, %zu mention%s.</p>\n", r->ntopics,
	    r->ntopics == 1 ? "" : "s", mentions, mentions == 1 ? "" : "s");
	buf_puts(out, "<nav><a href=\"#mentions\">Mentions per day</a> · "
	    "<a href=\"#outlets\">Outlets per topic</a> · "
	    "<a href=\"#stories\">Stories</a> · "
	    "<a href=\"#sources\">Source health</a></nav></header>\n");
}

/* The largest mentions of a topic on one day. */
static size_t
report_peak(const struct report *r)
{
	size_t	 i, max = 0;

	for (i = 0; i < r->ncells; i++)
		if (r->cells[i].mentions > max)
			max = r->cells[i].mentions;
	return max;
}

/* The x of day d's slot, in the chart's units times 100 (no floats). */
static long
chart_x100(const struct report *r, size_t d)
{
	return CHART_LEFT * 100L + (long)d * (CHART_W - CHART_LEFT -
	    CHART_RIGHT) * 100L / (long)r->ndays;
}

/* Append a number of hundredths as SVG wants it. */
static void
chart_num(struct buf *out, long v100)
{
	buf_printf(out, "%ld.%02ld", v100 / 100, v100 % 100);
}

/* Append one bar: a topic's mentions on a day, its numbers in a title. */
static void
chart_bar(const struct report *r, const struct report_cell *c, size_t peak,
    struct buf *out)
{
	long	 x = chart_x100(r, c->day), w = chart_x100(r, c->day + 1) - x;
	long	 h = (long)(c->mentions * CHART_BAR * 100 / peak);
	long	 base = (CHART_TOP + (long)(c->topic + 1) * CHART_BAND) * 100;

	if (h < 100)
		h = 100;
	buf_puts(out, "<rect class=\"bar\" x=\"");
	chart_num(out, x + w / 8);
	buf_puts(out, "\" width=\"");
	chart_num(out, w - w / 4 > 50 ? w - w / 4 : 50);
	buf_puts(out, "\" y=\"");
	chart_num(out, base - h);
	buf_puts(out, "\" height=\"");
	chart_num(out, h);
	buf_puts(out, "\"><title>");
	report_esc(out, r->topics[c->topic].name, REPORT_NAME_MAX);
	buf_printf(out, ", %s: %zu mention%s in %zu stor%s</title></rect>\n",
	    r->days[c->day], c->mentions, c->mentions == 1 ? "" : "s",
	    c->stories, c->stories == 1 ? "y" : "ies");
}

/* Append a topic's band: its name, its scale and its baseline. */
static void
chart_band(const struct report *r, size_t t, size_t peak, struct buf *out)
{
	int	 base = CHART_TOP + (int)(t + 1) * CHART_BAND;

	/*
	 * SVG has no dir attribute (Chromium ignores it there): the style's
	 * unicode-bidi: plaintext orders the name by its own first letter.
	 */
	buf_printf(out, "<text class=\"topic\" x=\"6\" y=\"%d\">",
	    base - CHART_BAR / 2);
	report_esc(out, r->topics[t].name, REPORT_LABEL_MAX);
	buf_printf(out, "</text>\n<text class=\"small\" x=\"%d\" y=\"%d\" "
	    "text-anchor=\"end\">%zu</text>\n", CHART_LEFT - 4,
	    base - CHART_BAR + 4, peak);
	buf_printf(out, "<text class=\"small\" x=\"%d\" y=\"%d\" "
	    "text-anchor=\"end\">0</text>\n", CHART_LEFT - 4, base);
	buf_printf(out, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%d\" "
	    "y2=\"%d\"/>\n", CHART_LEFT, CHART_W - CHART_RIGHT,
	    base - CHART_BAR, base - CHART_BAR);
	buf_printf(out, "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" "
	    "y2=\"%d\"/>\n", CHART_LEFT, CHART_W - CHART_RIGHT, base, base);
}

/* Append the day axis: a label every few days and the axis's title. */
static void
chart_days(const struct report *r, int height, struct buf *out)
{
	size_t	 d, step = (r->ndays + 9) / 10;
	int	 y = height - CHART_BOTTOM;
	long	 x;

	buf_printf(out, "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" "
	    "y2=\"%d\"/>\n", CHART_LEFT, CHART_LEFT, CHART_TOP, y);
	for (d = 0; d < r->ndays; d += step) {
		x = (chart_x100(r, d) + chart_x100(r, d + 1)) / 2;
		buf_puts(out, "<text class=\"small day\" x=\"");
		chart_num(out, x);
		buf_printf(out, "\" y=\"%d\" text-anchor=\"middle\">%s"
		    "</text>\n", y + 16, r->days[d] + 5);
	}
	buf_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">"
	    "day (local time), %s to %s</text>\n",
	    (CHART_LEFT + CHART_W - CHART_RIGHT) / 2, height - 10,
	    r->days[0], r->days[r->ndays - 1]);
}

/* Append the chart: one band per topic, one bar per day with mentions. */
static void
report_chart(const struct report *r, struct buf *out)
{
	size_t	 i, peak = report_peak(r);
	int	 height = CHART_TOP + (int)r->ntopics * CHART_BAND +
		    CHART_BOTTOM;

	buf_puts(out, "<section id=\"mentions\"><h2>Mentions per topic per "
	    "day</h2>\n");
	if (r->ntopics == 0 || peak == 0) {
		buf_puts(out, "<p>No topic was mentioned in these days.</p>"
		    "</section>\n");
		return;
	}
	buf_printf(out, "<figure><svg viewBox=\"0 0 %d %d\" role=\"img\" "
	    "aria-labelledby=\"chart-cap\">\n", CHART_W, height);
	buf_printf(out, "<text x=\"%d\" y=\"16\" text-anchor=\"end\">"
	    "mentions per day</text>\n", CHART_LEFT - 4);
	for (i = 0; i < r->ntopics; i++)
		chart_band(r, i, peak, out);
	chart_days(r, height, out);
	for (i = 0; i < r->ncells; i++)
		chart_bar(r, &r->cells[i], peak, out);
	buf_puts(out, "</svg>\n<figcaption id=\"chart-cap\">Each bar is one "
	    "topic on one day: how many times its stories were carried (an "
	    "outlet that carried a story is one mention; a story counts on "
	    "the day it was published). One scale for every topic.</figcaption>"
	    "</figure></section>\n");
}

/* Append a topic's outlets as a table, busiest first. */
static void
report_topic_outlets(const struct report *r, size_t t, struct buf *out)
{
	size_t	 i, n = 0;

	buf_puts(out, "<h3>");
	report_span(out, "span", "topic", r->topics[t].name, REPORT_NAME_MAX);
	buf_printf(out, ": %zu stor%s, %zu mention%s</h3>\n",
	    r->topics[t].stories, r->topics[t].stories == 1 ? "y" : "ies",
	    r->topics[t].mentions, r->topics[t].mentions == 1 ? "" : "s");
	for (i = 0; i < r->noutlets; i++) {
		if (r->outlets[i].topic != t)
			continue;
		if (n++ == 0)
			buf_puts(out, "<table><tr><th>outlet</th>"
			    "<th>stories</th></tr>\n");
		buf_puts(out, "<tr><td>");
		report_span(out, "span", "outlet", r->outlets[i].source,
		    REPORT_NAME_MAX);
		buf_printf(out, "</td><td class=\"n\">%zu</td></tr>\n",
		    r->outlets[i].stories);
	}
	buf_puts(out, n > 0 ? "</table>\n" : "<p>No outlet carried it.</p>\n");
}

/* Append the outlets of every topic. */
static void
report_outlets(const struct report *r, struct buf *out)
{
	size_t	 t;

	buf_puts(out, "<section id=\"outlets\"><h2>Outlets per topic</h2>\n");
	for (t = 0; t < r->ntopics; t++)
		report_topic_outlets(r, t, out);
	if (r->ntopics == 0)
		buf_puts(out, "<p>No topic.</p>\n");
	buf_puts(out, "</section>\n");
}

/* Append each name of a ", "-joined list apart, the first few only. */
static void
report_names(const char *list, const char *class, size_t shown,
    struct buf *out)
{
	const char	*p = list, *end;
	size_t		 i = 0, len;

	for (; p != NULL && *p != '\0'; i++) {
		end = strstr(p, ", ");
		len = end ? (size_t)(end - p) : strlen(p);
		if (i < shown) {
			buf_printf(out, "%s<span dir=\"auto\" class=\"%s\">",
			    i > 0 ? ", " : "", class);
			report_esc_n(out, p, len);
			buf_puts(out, "</span>");
		}
		p = end ? end + 2 : NULL;
	}
	if (i > shown)
		buf_printf(out, " and %zu more", i - shown);
}

/* Append one story: when, its title (a link when it has one), its outlets. */
static void
report_story_html(const struct report_story *s, struct buf *out)
{
	buf_puts(out, "<li class=\"story\">");
	if (report_link_ok(s->link)) {
		buf_puts(out, "<a dir=\"auto\" class=\"title\" "
		    "rel=\"noreferrer\" href=\"");
		report_esc(out, s->link, SIZE_MAX);
		buf_puts(out, "\">");
		report_esc(out, s->title, REPORT_TEXT_MAX);
		buf_puts(out, "</a>");
	} else
		report_span(out, "span", "title", s->title, REPORT_TEXT_MAX);
	buf_puts(out, "<div class=\"meta\">");
	report_when(out, s->when);
	buf_puts(out, " · ");
	report_names(s->topics.data, "topic", SIZE_MAX, out);
	buf_printf(out, "</div><div class=\"outlets\">%zu outlet%s: ",
	    s->noutlets, s->noutlets == 1 ? "" : "s");
	report_names(s->outlets.data, "outlet", REPORT_OUTLETS_SHOWN, out);
	buf_puts(out, "</div></li>\n");
}

/* Append the stories, newest first. */
static void
report_stories(const struct report *r, struct buf *out)
{
	size_t	 i;

	buf_puts(out, "<section id=\"stories\"><h2>Stories</h2>\n");
	if (r->nstories == 0)
		buf_puts(out, "<p>No story in these days.</p>\n");
	else
		buf_printf(out, "<p class=\"meta\">%s%zu stor%s, newest first, "
		    "each with every outlet that carried it.</p>\n<ol "
		    "class=\"stories\">\n", r->more ? "The newest " : "",
		    r->nstories, r->nstories == 1 ? "y" : "ies");
	for (i = 0; i < r->nstories; i++)
		report_story_html(&r->stories[i], out);
	if (r->nstories > 0)
		buf_puts(out, "</ol>\n");
	if (r->more)
		buf_puts(out, "<p>Older stories are left out: <code>raqib "
		    "history</code> lists them.</p>\n");
	buf_puts(out, "</section>\n");
}

/* Whether a source's last poll failed. */
static int
report_failing(const struct report_src *s)
{
	return s->failures > 0 || s->error != NULL;
}

/* qsort: failing sources first, then by name. */
static int
report_src_cmp(const void *a, const void *b)
{
	const struct report_src	*x = a, *y = b;

	if (report_failing(x) != report_failing(y))
		return report_failing(y) - report_failing(x);
	return strcmp(x->name, y->name);
}

/* Append one source's row. */
static void
report_source_row(const struct report_src *s, struct buf *out)
{
	buf_printf(out, "<tr%s><td>", report_failing(s) ?
	    " class=\"failing\"" : "");
	report_span(out, "span", "source", s->name, REPORT_NAME_MAX);
	if (s->last_attempt == 0)
		buf_puts(out, "</td><td>never polled");
	else if (report_failing(s))
		buf_printf(out, "</td><td>failing, %ld poll%s in a row",
		    s->failures, s->failures == 1 ? "" : "s");
	else
		buf_puts(out, "</td><td>ok");
	buf_puts(out, "</td><td>");
	report_when(out, s->last_success);
	buf_puts(out, "</td><td>");
	report_when(out, s->last_attempt);
	buf_puts(out, "</td><td>");
	if (s->error != NULL)
		report_span(out, "span", "error", s->error, REPORT_TEXT_MAX);
	else if (report_failing(s) && s->status != 0)
		buf_printf(out, "HTTP status %ld", s->status);
	buf_puts(out, "</td></tr>\n");
}

/* Append the sources' health, failing ones first. */
static void
report_sources(const struct report *r, struct buf *out)
{
	struct report_src	*v;
	size_t			 i, failing = 0;

	v = xreallocarray(NULL, r->nsources + 1, sizeof(*v));
	if (r->nsources > 0)
		memcpy(v, r->sources, r->nsources * sizeof(*v));
	qsort(v, r->nsources, sizeof(*v), report_src_cmp);
	for (i = 0; i < r->nsources; i++)
		failing += report_failing(&v[i]);
	buf_printf(out, "<section id=\"sources\"><h2>Source health</h2>\n"
	    "<p>%zu source%s, %zu failing.</p>\n", r->nsources,
	    r->nsources == 1 ? "" : "s", failing);
	if (r->nsources > 0)
		buf_puts(out, "<table><tr><th>source</th><th>state</th>"
		    "<th>last success</th><th>last poll</th><th>last error</th>"
		    "</tr>\n");
	for (i = 0; i < r->nsources; i++)
		report_source_row(&v[i], out);
	if (r->nsources > 0)
		buf_puts(out, "</table>\n");
	buf_puts(out, "</section>\n");
	free(v);
}

/* Append the page. */
void
report_html(const struct report *r, struct buf *out)
{
	report_head(r, out);
	report_intro(r, out);
	report_chart(r, out);
	report_outlets(r, out);
	report_stories(r, out);
	report_sources(r, out);
	buf_puts(out, "</body>\n</html>\n");
}
