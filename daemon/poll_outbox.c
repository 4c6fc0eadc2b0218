/*
 * poll_outbox: the delivery policy. The database's pending alerts (the
 * outbox) go to their topics' sinks; a sink's verdict is recorded per
 * sink, and an alert is done when every sink has it. Muted topics are
 * recorded without notifying, desktop notifications are held in quiet hours
 * and become one summary above `burst`, and failed rounds are retried with
 * a growing delay. A write that fails (a full disk) stops delivery and
 * polling until the database can be written again: what a sink delivered
 * meanwhile is kept in memory and recorded then, so nothing is delivered
 * twice for the failure and nothing is lost.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alert.h"
#include "config.h"
#include "log.h"
#include "poll.h"
#include "poll_int.h"
#include "sched.h"
#include "store.h"
#include "xmalloc.h"

#define POLL_OUTBOX_BATCH	100
#define POLL_MUTE_ACTION	(24 * 3600)	/* "Mute topic" mutes for a day */
#define POLL_OUTBOX_FIRST	5.0	/* seconds before a first delivery retry */
#define POLL_OUTBOX_MAX		600.0	/* the longest delivery retry backoff */
#define POLL_PROBE_FIRST	5.0	/* seconds before a first write retry */
#define POLL_PROBE_MAX		60.0	/* the longest write retry backoff */

/* One sink's delivery of an alert that the database could not record. */
struct poll_unrecorded {
	int64_t	 id;
	char	*sink;		/* owned */
};

/* The configured topic of that name, or NULL when it is gone. */
static const struct config_topic *
poll_topic(const struct poll *p, const char *name)
{
	size_t	 i;

	for (i = 0; i < p->cfg->ntopics; i++)
		if (strcmp(p->cfg->topics[i].name, name) == 0)
			return &p->cfg->topics[i];
	return NULL;
}

/*
 * Seconds until the quiet hours (local time) end, or 0 outside them.
 */
static long
poll_quiet_left(const struct config *c)
{
	time_t		 now = time(NULL);
	struct tm	 tm;
	int		 m, in;

	if (c->quiet_from == c->quiet_to || localtime_r(&now, &tm) == NULL)
		return 0;
	m = tm.tm_hour * 60 + tm.tm_min;
	in = c->quiet_from < c->quiet_to ?
	    m >= c->quiet_from && m < c->quiet_to :
	    m >= c->quiet_from || m < c->quiet_to;
	if (!in)
		return 0;
	return (long)((c->quiet_to - m + 1440) % 1440) * 60 - tm.tm_sec;
}

/* first, doubled n times, at most max: a retry's delay. */
static double
poll_backoff(double first, double max, unsigned n)
{
	double	 d = first;

	for (; n > 0 && d < max; n--)
		d *= 2;
	return d < max ? d : max;
}

/* Retry delivery later: 5 s after a first failed round, doubling to 10 min. */
static void
poll_outbox_retry(struct poll *p)
{
	double	 d;

	/* While the database cannot be written the timer waits for it. */
	if (p->outbox.armed || p->outbox.blocked)
		return;
	p->outbox.armed = 1;
	d = poll_backoff(POLL_OUTBOX_FIRST, POLL_OUTBOX_MAX,
	    p->outbox.failures++);
	log_debug("delivery failed; retrying in %.0f s", d);
	sched_at(p->sched, poll_outbox_key(p), d);
}

/* Try the database again later: 5 s after the failure, doubling to 1 min. */
static double
poll_probe_later(struct poll *p)
{
	double	 d;

	d = poll_backoff(POLL_PROBE_FIRST, POLL_PROBE_MAX, p->outbox.tries++);
	sched_at(p->sched, poll_outbox_key(p), d);
	return d;
}

/* Keep a delivery the database could not record, to record it later. */
static void
poll_unrecorded_add(struct poll *p, int64_t id, const char *sink)
{
	struct poll_outbox	*o = &p->outbox;

	o->unrecorded = xreallocarray(o->unrecorded, o->nunrecorded + 1,
	    sizeof(*o->unrecorded));
	o->unrecorded[o->nunrecorded].id = id;
	o->unrecorded[o->nunrecorded++].sink = xstrdup(sink);
}

/* Forget the deliveries kept in memory. */
void
poll_outbox_clear(struct poll *p)
{
	struct poll_outbox	*o = &p->outbox;
	size_t			 i;

	for (i = 0; i < o->nunrecorded; i++)
		free(o->unrecorded[i].sink);
	free(o->unrecorded);
	o->unrecorded = NULL;
	o->nunrecorded = 0;
}

/* Record the deliveries kept in memory, in one transaction. */
static int
poll_unrecorded_write(struct poll *p)
{
	struct poll_outbox	*o = &p->outbox;
	size_t			 i;

	if (store_begin(p->store) == -1)
		return -1;
	for (i = 0; i < o->nunrecorded; i++)
		if (store_sink_delivered(p->store, o->unrecorded[i].id,
		    o->unrecorded[i].sink) == -1) {
			store_rollback(p->store);
			return -1;
		}
	return store_commit(p->store);
}

/*
 * A write to the database failed: deliver nothing and poll nothing until
 * it can be written again, and say so once. The notifications queued and
 * not shown yet are dropped (they stay pending). A --once run ends.
 */
void
poll_store_failed(struct poll *p)
{
	struct poll_outbox	*o = &p->outbox;

	if (o->blocked) {
		log_debug("database: %s", store_error(p->store));
		return;
	}
	o->blocked = 1;
	o->tries = 0;
	alert_cancel();
	if (p->once) {
		log_err("%s; stopping (what is not recorded as delivered "
		    "stays pending)", store_error(p->store));
		p->idle_cb(p->idle_arg);
		return;
	}
	log_err("%s; delivery and polling stop until it can be written "
	    "(trying again in %.0f s, then less often)",
	    store_error(p->store), poll_probe_later(p));
}

/* Whether delivery and polling wait for the database to be writable. */
int
poll_store_blocked(const struct poll *p)
{
	return p->outbox.blocked;
}

/*
 * Try writing again: when the database takes a write, record the
 * deliveries kept meanwhile, then poll and deliver again.
 */
static void
poll_store_retry(struct poll *p)
{
	struct poll_outbox	*o = &p->outbox;

	if (store_probe(p->store) == -1 || poll_unrecorded_write(p) == -1) {
		log_debug("database: %s; trying again in %.0f s",
		    store_error(p->store), poll_probe_later(p));
		return;
	}
	log_info("database %s can be written again: %zu deliveries made "
	    "meanwhile recorded; delivery and polling resume",
	    store_path(p->store), o->nunrecorded);
	poll_outbox_clear(p);
	o->blocked = 0;
	o->failures = 0;
	poll_sources_arm(p);
	poll_flush_soon(p);
}

/*
 * Record one sink's verdict on an alert; the alert is done at the next
 * flush. A delivery the database cannot record is kept in memory.
 */
static void
poll_sink_result(struct poll *p, int64_t id, const char *sink, int ok)
{
	if (!ok) {
		if (!p->once)
			poll_outbox_retry(p);
		return;
	}
	p->outbox.failures = 0;
	if (p->outbox.blocked ||
	    store_sink_delivered(p->store, id, sink) == -1) {
		poll_unrecorded_add(p, id, sink);
		poll_store_failed(p);
		return;
	}
	poll_flush_soon(p);
}

/*
 * Mark alerts delivered: every sink of their topics has them. One
 * transaction, as the marks only spare rereading the sinks' records (a crash
 * before the commit repeats nothing). Their places in the next batch of
 * pending alerts are free, so flush again: a round that only finishes alerts
 * starts no sink, and no sink's result would call it.
 */
static void
poll_alerts_finish(struct poll *p, const int64_t *id, size_t n)
{
	size_t	 i;

	if (n == 0)
		return;
	if (store_begin(p->store) == -1)
		goto fail;
	for (i = 0; i < n; i++)
		if (store_alert_delivered(p->store, id[i]) == -1) {
			store_rollback(p->store);
			goto fail;
		}
	if (store_commit(p->store) == -1)
		goto fail;
	poll_flush_soon(p);
	return;
fail:
	poll_store_failed(p);
}

/* Start one sink for a; 1 when it is the desktop, which the caller batches. */
static int
poll_sink_start(struct poll *p, const struct alert *a,
    const struct config_sink *sk)
{
	switch (sk->kind) {
	case CONFIG_SINK_DESKTOP:
		return 1;
	case CONFIG_SINK_STDOUT:
		poll_sink_result(p, a->id, sk->spec, alert_stdout(a));
		return 0;
	case CONFIG_SINK_EXEC:
		alert_exec(a, sk->spec, sk->argv);
		return 0;
	}
	return 0;
}

/*
 * Start the sinks of a's topic that have not delivered it; a topic no
 * longer configured goes to the desktop. Returns 1 when the desktop is
 * among them; *delivered says that none is left.
 */
static int
poll_alert_sinks(struct poll *p, const struct alert *a, int *delivered)
{
	static const struct config_sink	 desktop = { CONFIG_SINK_DESKTOP,
					    (char *)"desktop", NULL };
	const struct config_topic	*t = poll_topic(p, a->topic);
	const struct config_sink	*v = t ? t->sinks : &desktop;
	size_t				 n = t ? t->nsinks : 1, i, left = 0;
	int				 done, desk = 0;

	for (i = 0; i < n && !p->outbox.blocked; i++) {
		if ((done = store_sink_done(p->store, a->id, v[i].spec)) == 1)
			continue;
		left++;
		if (done == 0)
			desk |= poll_sink_start(p, a, &v[i]);
	}
	*delivered = left == 0;
	return desk;
}

/*
 * Notify the desktop of v[0..n): held in quiet hours; one summary when
 * there are more than `burst` or when quiet hours just ended.
 */
static void
poll_desktop(struct poll *p, const struct alert *v, size_t n)
{
	long	 left;
	size_t	 i;

	if (n == 0)
		return;
	if ((left = poll_quiet_left(p->cfg)) > 0) {
		if (!p->outbox.quiet_held)
			log_info("quiet hours: holding notifications for %ld "
			    "min", (left + 59) / 60);
		p->outbox.quiet_held = 1;
		if (!p->once)
			sched_at(p->sched, poll_outbox_key(p), (double)left + 1);
		return;
	}
	if (n > (size_t)p->cfg->burst || (p->outbox.quiet_held && n > 1))
		alert_send_summary(v, n);
	else
		for (i = 0; i < n; i++)
			alert_send(&v[i]);
	p->outbox.quiet_held = 0;
}

/* Record the pending alerts of muted topics as muted, without notifying. */
static void
poll_mute_pending(struct poll *p)
{
	size_t	 n;

	if (store_alert_mute_pending(p->store, &n) == -1)
		poll_store_failed(p);
	else if (n > 0)
		log_info("%zu alerts of muted topics recorded without "
		    "notifying", n);
}

/*
 * Hand the database's undelivered alerts to their sinks; nothing while a
 * write has failed, and nothing more once one fails meanwhile.
 */
void
poll_flush(struct poll *p)
{
	struct alert	*v = NULL, tmp;
	int64_t		 fin[POLL_OUTBOX_BATCH];
	size_t		 n = 0, nd = 0, nfin = 0, i;
	int		 delivered;

	if (p->outbox.blocked)
		return;
	poll_mute_pending(p);
	if (p->outbox.blocked)
		return;
	if (store_alert_pending(p->store, POLL_OUTBOX_BATCH, &v, &n) == -1) {
		log_warn("database: cannot read pending alerts: %s",
		    store_error(p->store));
		return;
	}
	/* Gather the desktop's alerts at the front, in order. */
	for (i = 0; i < n && !p->outbox.blocked; i++) {
		if (!poll_alert_sinks(p, &v[i], &delivered)) {
			if (delivered && nfin < POLL_OUTBOX_BATCH)
				fin[nfin++] = v[i].id;
			continue;
		}
		tmp = v[nd];
		v[nd++] = v[i];
		v[i] = tmp;
	}
	if (!p->outbox.blocked)
		poll_alerts_finish(p, fin, nfin);
	if (!p->outbox.blocked)
		poll_desktop(p, v, nd);
	store_alerts_free(v, n);
}

/* Record a delivery; a failure leaves the alert pending for a retry. */
void
poll_alert_done(struct poll *p, int64_t id, const char *sink, int ok)
{
	/* A notice (id 0) has nothing to record: --once may be waiting on it. */
	if (id != 0)
		poll_sink_result(p, id, sink, ok);
	poll_check_idle(p);
}

/* "Mute topic" was chosen on a notification: mute it for a day. */
void
poll_mute(struct poll *p, const char *topic)
{
	char	 safe[256];

	log_safe(safe, sizeof(safe), topic, 200);
	if (store_mute(p->store, topic, (int64_t)time(NULL) +
	    POLL_MUTE_ACTION) == -1) {
		log_warn("topic %s not muted: the database cannot be written",
		    safe);
		poll_store_failed(p);
	} else
		log_info("topic %s muted for a day", safe);
}

/*
 * The outbox timer fired: a retry round, the end of quiet hours, or time
 * to try the database again.
 */
void
poll_outbox_due(struct poll *p)
{
	p->outbox.armed = 0;
	if (p->outbox.blocked)
		poll_store_retry(p);
	else
		poll_flush(p);
}
