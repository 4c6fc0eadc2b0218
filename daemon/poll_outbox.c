/*
 * poll_outbox: the delivery policy. The database's pending alerts (the
 * outbox) go to their topics' sinks; a sink's verdict is recorded per
 * sink, and an alert is done when every sink has it. Muted topics are
 * recorded without notifying, desktop notifications are held in quiet hours
 * and become one summary above `burst`, and failed rounds are retried with
 * a growing delay.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "alert.h"
#include "config.h"
#include "log.h"
#include "poll.h"
#include "poll_int.h"
#include "sched.h"
#include "store.h"

#define POLL_OUTBOX_BATCH	100
#define POLL_MUTE_ACTION	(24 * 3600)	/* "Mute topic" mutes for a day */
#define POLL_OUTBOX_FIRST	5.0	/* seconds before a first delivery retry */
#define POLL_OUTBOX_MAX		600.0	/* the longest delivery retry backoff */

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

/* Retry delivery later: 5 s after a first failed round, doubling to 10 min. */
static void
poll_outbox_retry(struct poll *p)
{
	double	 d = POLL_OUTBOX_FIRST;
	unsigned i;

	if (p->outbox.armed)
		return;
	p->outbox.armed = 1;
	for (i = 0; i < p->outbox.failures && d < POLL_OUTBOX_MAX; i++)
		d *= 2;
	p->outbox.failures++;
	if (d > POLL_OUTBOX_MAX)
		d = POLL_OUTBOX_MAX;
	log_debug("delivery failed; retrying in %.0f s", d);
	sched_at(p->sched, poll_outbox_key(p), d);
}

/* Record one sink's verdict on an alert; the alert is done at the next flush. */
static void
poll_sink_result(struct poll *p, int64_t id, const char *sink, int ok)
{
	if (!ok) {
		if (!p->once)
			poll_outbox_retry(p);
		return;
	}
	p->outbox.failures = 0;
	if (store_sink_delivered(p->store, id, sink) == -1)
		log_warn("database: cannot record delivery of alert %" PRId64
		    ": %s", id, store_error(p->store));
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
	log_warn("database: cannot mark %zu alerts delivered: %s", n,
	    store_error(p->store));
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

	for (i = 0; i < n; i++) {
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
		log_warn("database: cannot apply mutes: %s",
		    store_error(p->store));
	else if (n > 0)
		log_info("%zu alerts of muted topics recorded without "
		    "notifying", n);
}

/* Hand the database's undelivered alerts to their sinks. */
void
poll_flush(struct poll *p)
{
	struct alert	*v = NULL, tmp;
	int64_t		 fin[POLL_OUTBOX_BATCH];
	size_t		 n = 0, nd = 0, nfin = 0, i;
	int		 delivered;

	poll_mute_pending(p);
	if (store_alert_pending(p->store, POLL_OUTBOX_BATCH, &v, &n) == -1) {
		log_warn("database: cannot read pending alerts: %s",
		    store_error(p->store));
		return;
	}
	/* Gather the desktop's alerts at the front, in order. */
	for (i = 0; i < n; i++) {
		if (!poll_alert_sinks(p, &v[i], &delivered)) {
			if (delivered && nfin < POLL_OUTBOX_BATCH)
				fin[nfin++] = v[i].id;
			continue;
		}
		tmp = v[nd];
		v[nd++] = v[i];
		v[i] = tmp;
	}
	poll_alerts_finish(p, fin, nfin);
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
	    POLL_MUTE_ACTION) == -1)
		log_warn("database: cannot mute %s: %s", safe,
		    store_error(p->store));
	else
		log_info("topic %s muted for a day", safe);
}

/* The outbox timer fired: a retry round, or the end of quiet hours. */
void
poll_outbox_due(struct poll *p)
{
	p->outbox.armed = 0;
	poll_flush(p);
}
