/*
 * poll_int: what the files of the poll module share, and nothing outside it
 * sees: the poller's state and its timer keys. poll.c runs the sources'
 * cycles; poll_outbox.c is the delivery policy (the outbox, quiet hours,
 * bursts, mutes). Names no library type.
 */
#ifndef RAQIB_POLL_INT_H
#define RAQIB_POLL_INT_H

#include <stddef.h>

#include "poll.h"

struct poll_source;
struct poll_unrecorded;

/* The outbox's state: poll_outbox.c alone reads and writes it. */
struct poll_outbox {
	int			 quiet_held;	/* notifications held by quiet
						   hours */
	unsigned		 failures;	/* failed rounds in a row */
	int			 armed;		/* a retry round is scheduled */
	int			 blocked;	/* a write failed: deliver and
						   poll nothing until one works */
	unsigned		 tries;		/* writes tried since */
	struct poll_unrecorded	*unrecorded;	/* deliveries made, not
						   recorded yet; owned */
	size_t			 nunrecorded;
};

struct poll {
	struct event_base	*base;
	const struct config	*cfg;
	struct store		*store;
	struct sched		*sched;		/* keys: sources, outbox, flush */
	struct poll_source	*sources;
	struct poll_source	**byid;		/* the sources by database id */
	size_t			 nsources;
	size_t			 nbusy;
	int			 once;
	int			 stopped;	/* shutting down: start nothing */
	int			 once_left;	/* --once: sources not yet done */
	int			 flushing;	/* the flush key is armed */
	struct poll_outbox	 outbox;
	struct text_memo	*tokens;	/* items' titles and summaries */
	poll_idle_cb		*idle_cb;
	void			*idle_arg;
};

/* poll.c: the timer keys after the sources', and what ends a round. */
size_t	 poll_outbox_key(const struct poll *);
size_t	 poll_flush_key(const struct poll *);
/* Commit the batched rows and flush the outbox shortly (completions gather). */
void	 poll_flush_soon(struct poll *);
/* In --once mode, report idleness once nothing is fetched or delivered. */
void	 poll_check_idle(struct poll *);
/* Arm the timer of every idle source, their polls spread over a minute. */
void	 poll_sources_arm(struct poll *);

/*
 * poll_outbox.c: the outbox timer fired (a retry round, quiet hours end,
 * or a write to try again).
 */
void	 poll_outbox_due(struct poll *);
/*
 * A write to the database failed: deliver and poll nothing until one
 * works again (logged once; a --once run ends). Whether that is so now.
 */
void	 poll_store_failed(struct poll *);
int	 poll_store_blocked(const struct poll *);
/* Free what the outbox holds (the poller is freed). */
void	 poll_outbox_clear(struct poll *);

#endif
