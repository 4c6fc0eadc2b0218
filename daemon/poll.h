/* poll: one source's cycle: body -> items -> hits -> store -> alert. */
#ifndef RAQIB_POLL_H
#define RAQIB_POLL_H

#include <stddef.h>
#include <stdint.h>

#include "feed.h"
#include "page.h"

struct config;
struct event_base;
struct item_list;
struct store;
struct poll;

/* A response body and what says how to read it. */
struct poll_body {
	const char	*data;
	size_t		 len;
	const char	*url;		/* where it came from: relative links' base */
	const char	*charset;	/* the HTTP charset, or NULL */
	const char	*selector;	/* the source's `items =`, or NULL */
	int64_t		 fetched;	/* when it was fetched (a page's "2
					   hours ago" is dated from it), or
					   ITEM_NO_TIME */
};

/*
 * The feed a page advertises, when the body is a page read without a
 * selector: raqib reads that feed instead. NULL otherwise; caller frees.
 */
char		*poll_body_feed(const struct poll_body *);
/* What a body was, beside its items. */
struct poll_doc {
	int			 page;	/* an HTML page, not a feed */
	int			 unlinked; /* a page without a selector that
					   gave no item */
	struct feed_info	 feed;	/* a feed's own fields, what was mended */
	struct page_info	 info;	/* a page's encoding and title */
	const char		**rules; /* a page's: the rule behind each item */
};

/*
 * A body -> items, appended to out: a feed's when it is one, else the
 * page's through the selector or the default rules; doc receives what else
 * was read (free it with poll_doc_free). The one place the daemon and
 * `raqib parse` read a body. 0, or -1 with a message a user understands in
 * err.
 */
int		 poll_body_items(const struct poll_body *, struct item_list *out,
		    struct poll_doc *doc, char *err, size_t errlen);
void		 poll_doc_free(struct poll_doc *);

/*
 * Called when a --once run has nothing left to do, or must stop because
 * the database cannot be written (poll_stats says which).
 */
typedef void	 poll_idle_cb(void *arg);

/*
 * Poll the sources of cfg (borrowed: it must outlive the poll), keeping
 * state in store. once: poll every source now, then call idle_cb.
 */
struct poll	*poll_new(struct event_base *, const struct config *,
		    struct store *, int once, poll_idle_cb *, void *arg);
void		 poll_free(struct poll *);
/*
 * Switch to a reloaded config (borrowed likewise; the old one may be freed
 * on return): new sources start within a minute, removed ones stop (a
 * transfer in flight is let finish and ignored), kept ones keep their
 * schedule, failures and transfer; topics apply from the next poll.
 * -1 on a database or event loop error, and the old config stays in use.
 */
int		 poll_reload(struct poll *, const struct config *);
/* Schedule every source: now in --once mode, spread over a minute otherwise. */
void		 poll_start(struct poll *);
/* Poll every source that is not already in flight, now (SIGUSR1). */
void		 poll_now(struct poll *);
/*
 * Send the undelivered alerts of the database to their sinks: muted topics
 * are recorded as muted; desktop notifications are held in quiet hours and
 * become one summary when more than `burst` wait. Nothing is sent while
 * the database cannot be written (a full disk): what a sink delivered then
 * is recorded once it can, and polling stops meanwhile.
 */
void		 poll_flush(struct poll *);
/* The alert module's verdict on one alert for one sink (see alert_done_cb). */
void		 poll_alert_done(struct poll *, int64_t id, const char *topic,
		    const char *sink, int ok);
/* Mute a topic for a day (the notification's "Mute topic" action). */
void		 poll_mute(struct poll *, const char *topic);
/* How many sources are being fetched or processed. */
size_t		 poll_busy(const struct poll *);
/* Start no more polls (shutdown); transfers in flight still complete. */
void		 poll_stop(struct poll *);

/* The health of the running poller, for the service status line. */
struct poll_stats {
	size_t	 sources;
	size_t	 failing;	/* sources whose last poll failed */
	size_t	 busy;		/* sources being fetched */
	double	 next;		/* seconds to the next scheduled poll; -1: none */
	int	 unwritable;	/* a write to the database failed: nothing
				   is polled or delivered until one works */
};

void		 poll_stats(const struct poll *, struct poll_stats *);

#endif
