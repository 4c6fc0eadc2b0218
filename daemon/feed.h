/*
 * feed: a feed document -> items, from a buffer. RSS 0.90-2.0, Atom 0.3 and
 * 1.0, JSON Feed 1.0 and 1.1, in any charset, read strictly first and
 * recovered the way the best feed readers recover when that fails. Pure.
 */
#ifndef RAQIB_FEED_H
#define RAQIB_FEED_H

#include <stddef.h>
#include <stdint.h>

#include "item.h"

struct buf;

/* Process-wide parser set-up and teardown (the XML library's). */
void	 feed_init(void);
void	 feed_shutdown(void);

/* Whether the bytes look like a feed: an RSS, RDF or Atom root, or JSON Feed. */
int	 feed_sniff(const char *data, size_t len);

enum feed_format {
	FEED_FMT_UNKNOWN,
	FEED_FMT_RSS090,
	FEED_FMT_RSS09X,	/* 0.91, 0.92, 0.93, 0.94 */
	FEED_FMT_RSS10,
	FEED_FMT_RSS20,
	FEED_FMT_ATOM03,
	FEED_FMT_ATOM10,
	FEED_FMT_JSON10,
	FEED_FMT_JSON11
};

/* What a reader had to mend: bits of feed_info.repairs. */
enum feed_repair {
	FEED_REPAIR_AMP = 1 << 0,	/* a bare & */
	FEED_REPAIR_ENTITY = 1 << 1,	/* a name that is no entity (&bogus;) */
	FEED_REPAIR_CONTROL = 1 << 2,	/* a NUL or control character */
	FEED_REPAIR_LT = 1 << 3,	/* a < that opens no tag */
	FEED_REPAIR_MARKUP = 1 << 4,	/* unclosed or stray tags, junk after the end */
	FEED_REPAIR_BYTES = 1 << 5,	/* bytes the charset cannot decode (U+FFFD) */
	FEED_REPAIR_PASTED = 1 << 6,	/* UTF-8 with legacy-encoded text pasted in */
	FEED_REPAIR_BOMB = 1 << 7,	/* a DTD's entities, dropped: they amplify */
	FEED_REPAIR_CUT = 1 << 8	/* the body ended inside an item, left out */
};

/* What a parse read beside its items. */
struct feed_info {
	enum feed_format format;
	char		*title;		/* the feed's own title, plain text, or NULL */
	char		*link;		/* its web page, or NULL */
	char		 encoding[40];	/* what the bytes were: "UTF-8", "windows-1251" */
	const char	*encoding_from;	/* "bom", "header", "declaration", "meta",
					   "content", "detected", "default" */
	char		 declared[40];	/* the charset declared and overruled, or "" */
	long		 ttl;		/* seconds between polls the feed asks for
					   (RSS <ttl>, sy:updatePeriod / Frequency,
					   the longer; at most a year); 0: none */
	unsigned	 repairs;	/* enum feed_repair bits: what was mended */
	size_t		 repaired;	/* items that needed mending */
	size_t		 unreadable;	/* item elements dropped: nothing in them
					   could be read */
};

/*
 * Parse a feed. url resolves relative links; charset is the HTTP header's,
 * or NULL. Items are appended to out; info (may be NULL) receives what else
 * was read, even when the parse fails (free it with feed_info_free). Returns
 * 0, or -1 with a message a user understands in err.
 */
int	 feed_parse(const char *data, size_t len, const char *url,
	    const char *charset, struct item_list *out, struct feed_info *info,
	    char *err, size_t errlen);
/*
 * Parse the feed an HTML page shows escaped in a <pre>, <textarea> or
 * <xmp> (a CMS's "view source" page), decoded as a page (its <meta>
 * charset too), as feed_parse does; FEED_NOT_SHOWN, nothing read and no
 * error, when the page shows none. Asked of a page no article link was
 * read from, so that a tutorial's example of a feed never hides the
 * page's own links.
 */
#define FEED_NOT_SHOWN	2
int	 feed_parse_escaped(const char *data, size_t len, const char *url,
	    const char *charset, struct item_list *out, struct feed_info *info,
	    char *err, size_t errlen);
void	 feed_info_free(struct feed_info *);
/* The format's name as `raqib parse` prints it ("rss2.0", "atom1.0", ...). */
const char *feed_format_name(enum feed_format);
/*
 * What was mended or dropped, for a log line or `raqib sources`, as
 * "2 items repaired (bare &, NUL byte), 1 empty item skipped"; an empty
 * string when the feed was read as it is.
 */
void	 feed_info_report(const struct feed_info *, char *buf, size_t len);
/* " (a bare &, ...)": what the repairs bits name, or "". */
void	 feed_repair_why(unsigned repairs, char *buf, size_t len);

/* An outline of an OPML file that names no feed raqib can read, and why. */
struct feed_opml_skip {
	char		*title;		/* its title or text, or NULL */
	char		*url;		/* its xmlUrl as written, or NULL */
	const char	*why;		/* static text */
};

/*
 * A feed reader's subscriptions: feeds.v[i].link is a feed's http(s) URL,
 * .title the outline's title or text (NULL if neither), .categories the
 * folders it is in, outermost first; skipped, the outlines that are neither
 * a folder nor a feed raqib can read, in the file's order.
 */
struct feed_opml {
	struct item_list	 feeds;
	struct feed_opml_skip	*skipped;
	size_t			 nskipped;
	unsigned		 repairs;	/* what mending the file
						   took (enum feed_repair),
						   0 if well-formed */
};

/*
 * Read an OPML subscription list (any feed reader's export) into out.
 * Returns 0, or -1 with a message in err; feed_opml_free() either way.
 */
int	 feed_opml_parse(const char *data, size_t len, struct feed_opml *out,
	    char *err, size_t errlen);
void	 feed_opml_free(struct feed_opml *);
/*
 * Append an OPML 2.0 subscription list any feed reader imports: one
 * outline per item (its title, and its link as the feed URL) under a head
 * with this title.
 */
void	 feed_opml_write(const char *title, const struct item_list *feeds,
	    struct buf *out);

/*
 * The articles a block of JSON-LD (a page's <script
 * type="application/ld+json">, schema.org) describes, appended to out: each
 * NewsArticle (any *Article, BlogPosting) and each element of an ItemList
 * that has a title (headline or name) and a URL or a body, with its dates,
 * description (summary), articleBody (content) and author; inside @graph,
 * arrays and a page's mainEntity too. base resolves relative URLs; an
 * item's link may be NULL; a date with a time and no zone is on the
 * site's clock, zone seconds east of UTC (feed_date_parse_on). Returns
 * how many; 0 for a block that is not JSON.
 */
size_t	 feed_jsonld(const char *data, size_t len, const char *base,
	    int zone, struct item_list *out);

/*
 * The stories a page's app state holds (the JSON a script framework left
 * in the page: Next.js's __NEXT_DATA__, a store's initial state), appended
 * to out: each object with a title ("title" or "headline", a string or
 * WordPress's { "rendered": ... }), a link ("url", "link", "href",
 * "permalink", "path"...) and a publication date that reads
 * ("publishedAt", "datePublished", "date", Unix seconds or milliseconds...).
 * A story that names only its "slug" has a NULL link and the slug as its
 * id, for the caller to place. The JSON is the object or array at data's
 * start; what follows it (a script's code) is ignored. Bounded: 4 MiB,
 * 32 levels, 100,000 values. base resolves relative links; a date with a
 * time and no zone is on the site's clock, zone seconds east of UTC
 * (but "date_gmt" is UTC's). Returns how many; 0 for what is not JSON.
 */
size_t	 feed_appdata(const char *data, size_t len, const char *base,
	    int zone, struct item_list *out);

/*
 * Append to out the JSON (or JavaScript) string literal at p, its opening
 * quote, decoded: \uXXXX escapes as UTF-8 (a surrogate pair as one
 * character, a lone surrogate as U+FFFD), \b \f \n \r \t, any other
 * escaped character as itself. The end past its closing quote, or NULL
 * when p is at no quote or the string does not end before end.
 */
const char	*feed_json_string(const char *p, const char *end,
	    struct buf *out);

/*
 * Unix seconds UTC of an RFC 822 date (with the usual real-world variants)
 * or an RFC 3339 / ISO 8601 date; ITEM_NO_TIME when it cannot be read.
 */
int64_t	 feed_date_parse(const char *);

/*
 * A date a page writes as an element's whole text (64 bytes at most): what
 * feed_date_parse reads, Arabic-Indic and Persian digits as ASCII ones
 * ("١٢ ديسمبر ٢٠٢٦", "5 كانون الأول 2026"), French's "14h30", after up
 * to three words of label and before a byline ("Posted on December 6,
 * 2026 by admin") or after one that comes first ("Posted by admin on
 * December 6, 2026", "بواسطة محمد في 6 ديسمبر 2026"), an ordinal day
 * ("1er décembre 2026", "December 1st, 2026"), or day first in digits with
 * slashes, dots or dashes after any label ("نشر في: 07/12/2026 - 10:15";
 * month first when the day says so, 12/25/2026); a day without a time is
 * its midnight UTC. A lone number (a year, a count) is no date.
 * ITEM_NO_TIME when it reads as none of these.
 */
int64_t	 feed_date_text(const char *);

/*
 * feed_date_text for a page that writes its days in digits month first
 * when month_first (12/06/2026 is December's on a US page: Drupal's
 * m/d/Y), day first when not; a date whose parts say which (12/25/2026)
 * or with dots (06.12.2026) is read as they say. now is when the page was
 * fetched, or ITEM_NO_TIME: a reading more than a day ahead of it gives
 * way to the other order's when that one is not. A date with a time of
 * day and no zone ("06.12.2026 12:40", "6 ديسمبر 2026 12:40") is on the
 * site's clock, zone seconds east of UTC (whole minutes, as zones are);
 * a day alone stays its midnight UTC.
 */
int64_t	 feed_date_text_page(const char *s, int month_first, int64_t now,
	    int zone);

/*
 * feed_date_parse for a page's date for machines (<time
 * datetime="2026-12-06T12:40">): with a time of day and no zone it is on
 * the site's clock, zone seconds east of UTC (whole minutes).
 */
int64_t	 feed_date_parse_on(const char *s, int zone);

/*
 * feed_date_parse_on, *day set when the date names a day and no time of
 * day (<time datetime="2026-12-06">, as templates write it beside "3 hours
 * ago"); one parse for both.
 */
int64_t	 feed_date_day_on(const char *s, int zone, int *day);

/*
 * A time of day written alone, as a news feed writes it beside each title
 * under the day's heading ("14:30", "٠٩:٠٥"; ASCII, Arabic-Indic or
 * Persian digits, the minutes in two; a 12-hour time with its "AM",
 * "p.m.", "ص" or "م"): seconds into the day, or -1 for anything else.
 */
int64_t	 feed_date_clock(const char *);

/*
 * A date a page writes relative to when it was read, as an element's whole
 * text (64 bytes at most), after at most three words of label: "منذ
 * ساعتين", "قبل 3 ساعات", "2 hours ago", "5 минут назад", "il y a 3
 * heures", "3h ago", "yesterday at 14:30", "أمس", "вчера в 10:15", "today
 * 09:00", "just now", "الآن". now is when the page was fetched; a day with
 * no time is its midnight UTC. Nothing older than 31 days ("2 months ago"
 * is no date). A time alone ("14h30", "à 14h30", "в 14:30"; not a bare
 * 14:30) is the nearest before now; a day with no year ("6 декабря,
 * 14:30", "Dec 6 at 10:15 am") in now's year, or the year before when
 * that is more than a day after now; today's time still to come ("today
 * 22:15" on a site whose clock is ahead) is now. ITEM_NO_TIME when s is
 * none of these or now is unknown.
 */
int64_t	 feed_date_relative(const char *s, int64_t now);

/*
 * The day a heading over a list of times names by the fetch's day alone
 * ("Today", "Сегодня", "اليوم"): its midnight UTC. ITEM_NO_TIME for
 * anything else: alone in a story's own box the word dates nothing.
 */
int64_t	 feed_date_today(const char *s, int64_t now);

/*
 * The offset from UTC an ISO 8601 date-time of n bytes writes at its end
 * (2026-12-06T14:20:00+05:00, +0500): seconds east in *off. -1 when it is
 * no such date or writes none: "Z" is UTC, not a site's own zone.
 */
int	 feed_date_offset(const char *s, size_t n, int *off);

#endif
