/* sched: per-source timers with jitter and backoff; decides when to poll. */
#ifndef RAQIB_SCHED_H
#define RAQIB_SCHED_H

#include <stddef.h>

struct event_base;
struct sched;

/* Called on the loop when the timer of source `key` fires. */
typedef void	 sched_cb(size_t key, void *arg);

struct sched	*sched_new(struct event_base *, size_t nkeys, sched_cb *,
		    void *arg);
void		 sched_free(struct sched *);
/* (Re)arm the timer of key to fire after seconds. */
int		 sched_at(struct sched *, size_t key, double seconds);
void		 sched_cancel(struct sched *, size_t key);
/* Seconds until key's timer fires, or -1 when it is not armed. */
double		 sched_left(const struct sched *, size_t key);
/* Seconds until the earliest armed timer, or -1 when none is armed. */
double		 sched_next(const struct sched *);

/* A delay of about `seconds`, spread by up to ±10 % so sources do not fire together. */
double		 sched_jitter(double seconds);
/*
 * The delay before retrying a source that failed `failures` times in a row:
 * its interval, doubled for each failure after the first, at most six hours.
 */
double		 sched_backoff(double interval, unsigned failures);

/* What decides a source's next poll. */
struct sched_hint {
	double		 interval;	/* the configured interval, seconds */
	unsigned	 failures;	/* in a row; 0 after a success */
	double		 retry_after;	/* a 429/503's Retry-After, or 0 */
	double		 fresh_for;	/* Cache-Control max-age or Expires, or 0 */
	double		 ttl;		/* the feed's <ttl> or sy:update*, or 0 */
};

/*
 * Seconds until the next poll, jittered: after a success the interval,
 * raised (never lowered) by the longer of the server's and the feed's
 * hints, up to a day; after a failure the backoff, or the Retry-After when
 * that is longer.
 */
double		 sched_delay(const struct sched_hint *);

#endif
