/*
 * report: the page `raqib report` writes, from plain data: one
 * self-contained HTML file (inline SVG, no script, nothing fetched) with
 * the mentions per topic per day, the outlets of each topic, the stories
 * with all their outlets and the health of the sources. Pure: the caller
 * reads the database and hands the rows over.
 */
#ifndef RAQIB_REPORT_H
#define RAQIB_REPORT_H

#include <stddef.h>
#include <stdint.h>

struct buf;
struct report;

#define REPORT_DAYS_MAX		366	/* the longest window charted */
#define REPORT_STORIES_MAX	500	/* stories listed, the newest */

/* One source's health; strings borrowed for the call, each may be NULL. */
struct report_source {
	const char	*name;
	int64_t		 last_attempt;	/* Unix seconds, 0 when never polled */
	int64_t		 last_success;	/* Unix seconds, 0 when never */
	long		 failures;	/* failed polls in a row */
	long		 status;	/* of the last poll's HTTP, 0: none */
	const char	*error;		/* the last poll's, NULL when none */
};

/*
 * A report of the days from since to now (Unix seconds, local time),
 * at most REPORT_DAYS_MAX of them: an older since is moved up.
 * Every string handed to the report_* calls is copied.
 */
struct report	*report_new(int64_t since, int64_t now);
void		 report_free(struct report *);

/* A topic charted even when it has no mention; a second call is a no-op. */
void	 report_topic(struct report *, const char *topic);
/*
 * A topic's stories on a day ("YYYY-MM-DD", local time) and their
 * mentions (each outlet that carried a story is one); a day outside
 * the window is left out.
 */
void	 report_day(struct report *, const char *topic, const char *day,
	    size_t stories, size_t mentions);
/* An outlet that carried stories of a topic, and how many. */
void	 report_outlet(struct report *, const char *topic, const char *source,
	    size_t stories);
/*
 * A story under one topic: rows of one story (its id) come one after the
 * other, newest story first; outlets is ", "-joined. Past
 * REPORT_STORIES_MAX stories, the rest are counted, not listed.
 */
void	 report_story(struct report *, int64_t id, const char *topic,
	    const char *title, const char *link, const char *outlets,
	    int64_t when);
/* A source's health. */
void	 report_source(struct report *, const struct report_source *);

/* Append the page to out. */
void	 report_html(const struct report *, struct buf *out);

#endif
