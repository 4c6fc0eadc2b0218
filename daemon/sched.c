/* sched: per-source timers with jitter and backoff. */
#include <event2/event.h>

#include <stdlib.h>
#include <sys/time.h>

#include "sched.h"
#include "xmalloc.h"

#define SCHED_BACKOFF_CAP	(6 * 3600.0)
#define SCHED_FRESH_CAP		(24 * 3600.0)

/* One timer per key, each firing the shared callback. */
struct sched_timer {
	struct sched	*sched;
	struct event	*ev;
	size_t		 key;
	struct timeval	 due;	/* when armed */
	int		 armed;
};

struct sched {
	struct event_base	*base;
	struct sched_timer	*timers;
	size_t			 ntimers;
	sched_cb		*cb;
	void			*arg;
};

/* A timer fired: disarm it and tell the owner. */
static void
sched_fire_cb(evutil_socket_t fd, short what, void *arg)
{
	struct sched_timer	*t = arg;

	(void)fd;
	(void)what;
	t->armed = 0;
	t->sched->cb(t->key, t->sched->arg);
}

/* A scheduler with one timer for each of nkeys sources. */
struct sched *
sched_new(struct event_base *base, size_t nkeys, sched_cb *cb, void *arg)
{
	struct sched	*s;
	size_t		 i;

	s = xcalloc(1, sizeof(*s));
	s->base = base;
	s->cb = cb;
	s->arg = arg;
	s->ntimers = nkeys;
	s->timers = xcalloc(nkeys, sizeof(*s->timers));
	for (i = 0; i < nkeys; i++) {
		s->timers[i].sched = s;
		s->timers[i].key = i;
		s->timers[i].ev = evtimer_new(base, sched_fire_cb, &s->timers[i]);
		if (s->timers[i].ev == NULL)
			goto fail;
	}
	return s;
fail:
	sched_free(s);
	return NULL;
}

/* Free every timer. */
void
sched_free(struct sched *s)
{
	size_t	 i;

	if (s == NULL)
		return;
	for (i = 0; i < s->ntimers; i++)
		if (s->timers[i].ev != NULL)
			event_free(s->timers[i].ev);
	free(s->timers);
	free(s);
}

/* Arm key's timer. */
int
sched_at(struct sched *s, size_t key, double seconds)
{
	struct sched_timer	*t;
	struct timeval		 tv, now;

	if (key >= s->ntimers)
		return -1;
	t = &s->timers[key];
	if (seconds < 0)
		seconds = 0;
	tv.tv_sec = (time_t)seconds;
	tv.tv_usec = (suseconds_t)((seconds - (double)tv.tv_sec) * 1e6);
	if (evtimer_add(t->ev, &tv) == -1)
		return -1;
	gettimeofday(&now, NULL);
	timeradd(&now, &tv, &t->due);
	t->armed = 1;
	return 0;
}

/* Disarm key's timer. */
void
sched_cancel(struct sched *s, size_t key)
{
	if (key >= s->ntimers)
		return;
	evtimer_del(s->timers[key].ev);
	s->timers[key].armed = 0;
}

/* Seconds until key's timer fires, or -1 when it is not armed. */
double
sched_left(const struct sched *s, size_t key)
{
	struct timeval	 now, d;
	double		 v;

	if (key >= s->ntimers || !s->timers[key].armed)
		return -1;
	gettimeofday(&now, NULL);
	timersub(&s->timers[key].due, &now, &d);
	v = (double)d.tv_sec + (double)d.tv_usec / 1e6;
	return v < 0 ? 0 : v;
}

/* Seconds until the earliest armed timer. */
double
sched_next(const struct sched *s)
{
	double		 best = -1, v;
	size_t		 i;

	for (i = 0; i < s->ntimers; i++) {
		v = sched_left(s, i);
		if (v >= 0 && (best < 0 || v < best))
			best = v;
	}
	return best;
}

/* A delay spread by up to ±10 %. */
double
sched_jitter(double seconds)
{
	double	 r = (double)arc4random_uniform(20001) / 100000.0 - 0.1;

	return seconds * (1.0 + r);
}

/* The retry delay after consecutive failures. */
double
sched_backoff(double interval, unsigned failures)
{
	double	 d = interval;
	unsigned i;

	for (i = 1; i < failures && d < SCHED_BACKOFF_CAP; i++)
		d *= 2;
	if (d > SCHED_BACKOFF_CAP)
		d = interval > SCHED_BACKOFF_CAP ? interval : SCHED_BACKOFF_CAP;
	return sched_jitter(d);
}

/* Seconds until the next poll of a source. */
double
sched_delay(const struct sched_hint *h)
{
	double	 d, fresh;

	if (h->failures > 0) {
		d = sched_backoff(h->interval, h->failures);
		return h->retry_after > d ? h->retry_after : d;
	}
	d = h->interval;
	fresh = h->fresh_for > h->ttl ? h->fresh_for : h->ttl;
	if (fresh > d)
		d = fresh < SCHED_FRESH_CAP ? fresh :
		    (d > SCHED_FRESH_CAP ? d : SCHED_FRESH_CAP);
	return sched_jitter(d);
}
