/*
 * poll_outbox: the delivery policy. The database's pending alerts (the
 * outbox) go to their topics' sinks, in rounds fair to sources and topics;
 * a sink's verdict is recorded per sink, and an alert is done when every
 * sink has it. Muted topics are recorded without notifying, desktop
 * notifications are held in quiet hours, a source with more than `burst`
 * alerts waiting for a sink (desktop or exec) becomes one summary there,
 * a source with more than POLL_FLOOD_KEEP alerts waiting (a flood) is cut
 * to its first ones, the rest recorded as delivered with their summary,
 * and failed rounds are retried with a growing delay. A write that fails
 * (a full disk) stops delivery and polling until the database can be
 * written again: what a sink delivered meanwhile is kept in memory and
 * recorded then, so nothing is delivered twice for the failure and nothing
 * is lost.
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

/*
 * Alerts per delivery round. Each round reads every pending alert's turn
 * (the fair order), so a flood of N costs N * N / batch rows: 100 made a
 * first poll with 4,000 alerts spend 13 % of its CPU there. An alert is
 * small (its title, snippet and link are capped), so a round holds a few
 * MB at most.
 */
#define POLL_OUTBOX_BATCH	1000
/*
 * A source with more alerts than this (or than `burst`, when more) waiting
 * is a flood: it stands for itself by its first this many, one summary by
 * the burst rule, and the rest are recorded as delivered with them. Half a
 * round, so a flood's summary fits in one round beside the other sources'
 * alerts, and its alerts fit an exec sink's input; rounds never read a
 * flood over again.
 */
#define POLL_FLOOD_KEEP		(POLL_OUTBOX_BATCH / 2)
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

/* One sink's share of a flush: the alerts it has yet to deliver. */
struct poll_share {
	const struct config_sink	*sink;
	struct alert			*v;	/* shallow copies of the flush's
						   alerts, in its fair order */
	size_t				 n;
};

/* The shares of a flush, one per sink (desktop or exec) that has any. */
struct poll_shares {
	struct poll_share	*v;
	size_t			 n;
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
 * flush (stdout's in this one: poll_alert_sinks). When the sink is the
 * alert's last, the alert is marked delivered instead, in the same one
 * write: every sink then has it, and no deliveries row is read again. A
 * delivery the database cannot record is kept in memory. 1 when the
 * delivery is recorded.
 */
static int
poll_sink_result(struct poll *p, int64_t id, const char *sink, int ok,
    int last)
{
	if (!ok) {
		if (!p->once)
			poll_outbox_retry(p);
		return 0;
	}
	p->outbox.failures = 0;
	if (p->outbox.blocked || (last ? store_alert_delivered(p->store, id) :
	    store_sink_delivered(p->store, id, sink)) == -1) {
		poll_unrecorded_add(p, id, sink);
		poll_store_failed(p);
		return 0;
	}
	poll_flush_soon(p);
	return 1;
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

/* Hand v[0..n) to a sink (desktop or exec): one alert, or one summary. */
static void
poll_send(const struct config_sink *sk, const struct alert *v, size_t n)
{
	if (sk->kind == CONFIG_SINK_DESKTOP && n == 1)
		alert_send(v);
	else if (sk->kind == CONFIG_SINK_DESKTOP)
		alert_send_summary(v, n);
	else if (n == 1)
		alert_exec(v, sk->spec, sk->argv);
	else
		alert_exec_summary(v, n, sk->spec, sk->argv);
}

/*
 * How many things v[0..n) are to a sink: stories on the desktop (a story
 * that fired two topics is one notification), alerts for an exec sink.
 */
static size_t
poll_units(const struct config_sink *sk, const struct alert *v, size_t n)
{
	return sk->kind == CONFIG_SINK_DESKTOP ? alert_stories(v, n) : n;
}

/* What a share holds of an alert's source (poll_share_units). */
struct poll_source_units {
	size_t	 units;		/* the source's units in the share */
	int	 first;		/* the alert is the source's first there */
};

/* Order alerts of a share by source, then by their place in it. */
static int
poll_by_source_cmp(const void *a, const void *b)
{
	const struct alert *const	*x = a, *const *y = b;
	int				 c = strcmp((*x)->source, (*y)->source);

	if (c != 0)
		return c;
	return *x < *y ? -1 : *x > *y;
}

/*
 * For each alert of the share (u[i] for s->v[i], a new array): its
 * source's units there and whether it is the source's first. One sort:
 * counting them alert by alert went over the whole share for each, and a
 * first poll's share of a thousand desktop alerts spent a tenth of the
 * poll's instructions there.
 */
static struct poll_source_units *
poll_share_units(const struct poll_share *s)
{
	const struct alert		**by = xcalloc(s->n, sizeof(*by));
	struct alert			*of = xcalloc(s->n, sizeof(*of));
	struct poll_source_units	*u = xcalloc(s->n, sizeof(*u));
	size_t				 i, j, k, units;

	for (i = 0; i < s->n; i++)
		by[i] = &s->v[i];
	qsort(by, s->n, sizeof(*by), poll_by_source_cmp);
	for (i = 0; i < s->n; i = j) {
		for (j = i; j < s->n && strcmp(by[j]->source, by[i]->source) ==
		    0; j++)
			of[j - i] = *by[j];
		units = poll_units(s->sink, of, j - i);
		for (k = i; k < j; k++)
			u[by[k] - s->v] = (struct poll_source_units){ units,
			    k == i };
	}
	free(of);
	free(by);
	return u;
}

/* Hand v[0..n) to a sink one by one: a story at a time on the desktop. */
static void
poll_send_each(const struct config_sink *sk, const struct alert *v, size_t n)
{
	size_t	 i;

	if (sk->kind == CONFIG_SINK_DESKTOP) {
		alert_send_stories(v, n);
		return;
	}
	for (i = 0; i < n; i++)
		alert_exec(&v[i], sk->spec, sk->argv);
}

/* Each source with more than `burst` alerts in the share: one summary. */
static void
poll_send_floods(struct poll *p, const struct poll_share *s,
    const struct poll_source_units *u)
{
	size_t		 burst = (size_t)p->cfg->burst, i, k, nf;
	struct alert	*flood;

	flood = xcalloc(s->n, sizeof(*flood));
	for (i = 0; i < s->n; i++) {
		/* Each source once, where its first alert stands. */
		if (!u[i].first || u[i].units <= burst)
			continue;
		for (k = i, nf = 0; k < s->n; k++)
			if (strcmp(s->v[k].source, s->v[i].source) == 0)
				flood[nf++] = s->v[k];
		poll_send(s->sink, flood, nf);
	}
	free(flood);
}

/*
 * Deliver a share by the burst rule, fairly: a source with more than
 * `burst` stories (exec: alerts) in it, a flood, gets one summary; the
 * other sources' alerts go first, one by one in the share's fair order,
 * or as one summary when more than `burst` of them wait too.
 */
static void
poll_send_share(struct poll *p, const struct poll_share *s)
{
	size_t				 burst = (size_t)p->cfg->burst, i;
	size_t				 nr = 0;
	struct alert			*rest;
	struct poll_source_units	*u = poll_share_units(s);

	rest = xcalloc(s->n, sizeof(*rest));
	for (i = 0; i < s->n; i++)
		if (u[i].units <= burst)
			rest[nr++] = s->v[i];
	if (poll_units(s->sink, rest, nr) > burst)
		poll_send(s->sink, rest, nr);
	else
		poll_send_each(s->sink, rest, nr);
	free(rest);
	poll_send_floods(p, s, u);
	free(u);
}

/* Add a (a shallow copy) to the share of its sink, made when first needed. */
static void
poll_share_add(struct poll_shares *sh, const struct config_sink *sk,
    const struct alert *a)
{
	struct poll_share	*s;
	size_t			 i;

	for (i = 0; i < sh->n && strcmp(sh->v[i].sink->spec, sk->spec); i++)
		continue;
	if (i == sh->n) {
		sh->v = xreallocarray(sh->v, sh->n + 1, sizeof(*sh->v));
		sh->v[sh->n++] = (struct poll_share){ sk, NULL, 0 };
	}
	s = &sh->v[i];
	s->v = xreallocarray(s->v, s->n + 1, sizeof(*s->v));
	s->v[s->n++] = *a;
}

/* Free the shares (their alerts are the flush's). */
static void
poll_shares_free(struct poll_shares *sh)
{
	size_t	 i;

	for (i = 0; i < sh->n; i++)
		free(sh->v[i].v);
	free(sh->v);
}

/* What poll_alert_sinks() left of an alert. */
enum poll_left {
	POLL_LEFT_SINKS,	/* sinks still to deliver it */
	POLL_LEFT_NONE,		/* no sink: mark it delivered */
	POLL_LEFT_MARKED	/* stdout, its last sink, marked it delivered */
};

/*
 * Start the sinks of a's topic that have not delivered it: the desktop
 * and exec sinks through their shares, then stdout at once. A topic no
 * longer configured goes to the desktop. Stdout goes last so that, when
 * it is the alert's last sink, its delivery marks the alert delivered in
 * its own write (a deliveries row and a mark in the flush's transaction
 * were 32,000 of the 100,000 instructions an alert cost); an alert no sink
 * is left to deliver is finished in this flush, not read again by the next
 * one only to find it done.
 */
static enum poll_left
poll_alert_sinks(struct poll *p, const struct alert *a,
    struct poll_shares *sh)
{
	static const struct config_sink	 desktop = { CONFIG_SINK_DESKTOP,
					    (char *)"desktop", NULL };
	const struct config_topic	*t = poll_topic(p, a->topic);
	const struct config_sink	*v = t ? t->sinks : &desktop;
	const struct config_sink	*out = NULL;
	size_t				 n = t ? t->nsinks : 1, i, left = 0;
	int				 done;

	for (i = 0; i < n && !p->outbox.blocked; i++) {
		if ((done = store_sink_done(p->store, a->id, v[i].spec)) == 1)
			continue;
		if (done == 0 && v[i].kind == CONFIG_SINK_STDOUT) {
			out = &v[i];
			continue;
		}
		left++;
		if (done == 0)
			poll_share_add(sh, &v[i], a);
	}
	if (i < n)
		return POLL_LEFT_SINKS;
	if (out == NULL)
		return left == 0 ? POLL_LEFT_NONE : POLL_LEFT_SINKS;
	if (!poll_sink_result(p, a->id, out->spec, alert_stdout(a), left == 0))
		return POLL_LEFT_SINKS;
	return left == 0 ? POLL_LEFT_MARKED : POLL_LEFT_SINKS;
}

/*
 * Notify the desktop of its share: held in quiet hours; when they end, one
 * summary; else by the burst rule.
 */
static void
poll_desktop(struct poll *p, const struct poll_share *s)
{
	long	 left;

	if ((left = poll_quiet_left(p->cfg)) > 0) {
		if (!p->outbox.quiet_held)
			log_info("quiet hours: holding notifications for %ld "
			    "min", (left + 59) / 60);
		p->outbox.quiet_held = 1;
		if (!p->once)
			sched_at(p->sched, poll_outbox_key(p), (double)left + 1);
		return;
	}
	if (p->outbox.quiet_held && poll_units(s->sink, s->v, s->n) > 1)
		poll_send(s->sink, s->v, s->n);
	else
		poll_send_share(p, s);
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

/* Hand each sink its share: the desktop's, and each exec sink's. */
static void
poll_shares_send(struct poll *p, const struct poll_shares *sh)
{
	size_t	 i;

	for (i = 0; i < sh->n; i++)
		if (sh->v[i].sink->kind == CONFIG_SINK_DESKTOP)
			poll_desktop(p, &sh->v[i]);
		else
			poll_send_share(p, &sh->v[i]);
}

/*
 * Cut each flood in the outbox to its first POLL_FLOOD_KEEP alerts (or
 * `burst`, when more): the
 * rest are recorded as delivered (history lists them) in one statement a
 * source, so a flood of any size costs one pass and one summary.
 */
static void
poll_floods_trim(struct poll *p)
{
	char	**name, safe[256];
	size_t	 *count, n, i, cut, keep = POLL_FLOOD_KEEP;

	if ((size_t)p->cfg->burst > keep)
		keep = (size_t)p->cfg->burst;
	if (store_alert_floods(p->store, keep, &name, &count, &n) == -1) {
		log_warn("database: %s", store_error(p->store));
		return;
	}
	for (i = 0; i < n && !p->outbox.blocked; i++) {
		log_safe(safe, sizeof(safe), name[i], 200);
		if (store_alert_flood_trim(p->store, name[i], keep,
		    &cut) == -1) {
			poll_store_failed(p);
			break;
		}
		log_warn("flood: source %s has %zu alerts waiting; one summary "
		    "of its first %zu goes to the sinks, the other %zu are "
		    "recorded as delivered with it (raqib history lists them)",
		    safe, count[i], count[i] - cut, cut);
	}
	store_floods_free(name, n);
	free(count);
}

/*
 * Hand the database's undelivered alerts, in rounds fair to sources and
 * topics, to their sinks; nothing while a write has failed, and nothing
 * more once one fails meanwhile.
 */
void
poll_flush(struct poll *p)
{
	struct poll_shares	 sh = { 0 };
	struct alert		*v = NULL;
	int64_t			 fin[POLL_OUTBOX_BATCH];
	size_t			 n = 0, nfin = 0, i;

	if (p->outbox.blocked)
		return;
	poll_mute_pending(p);
	if (!p->outbox.blocked)
		poll_floods_trim(p);
	if (p->outbox.blocked)
		return;
	if (store_alert_pending(p->store, POLL_OUTBOX_BATCH, &v, &n) == -1) {
		log_warn("database: cannot read pending alerts: %s",
		    store_error(p->store));
		return;
	}
	for (i = 0; i < n && !p->outbox.blocked; i++)
		if (poll_alert_sinks(p, &v[i], &sh) == POLL_LEFT_NONE)
			fin[nfin++] = v[i].id;
	if (!p->outbox.blocked)
		poll_alerts_finish(p, fin, nfin);
	if (!p->outbox.blocked)
		poll_shares_send(p, &sh);
	poll_shares_free(&sh);
	store_alerts_free(v, n);
}

/*
 * Whether every sink of the topic but this one has delivered the alert,
 * so that this delivery finishes it, as the next flush would find. A topic
 * no longer configured has the desktop alone (poll_alert_sinks).
 */
static int
poll_sink_last(struct poll *p, int64_t id, const char *topic,
    const char *sink)
{
	const struct config_topic	*t = poll_topic(p, topic);
	size_t				 i;

	if (t == NULL)
		return strcmp(sink, "desktop") == 0;
	for (i = 0; i < t->nsinks; i++)
		if (strcmp(t->sinks[i].spec, sink) != 0 &&
		    store_sink_done(p->store, id, t->sinks[i].spec) != 1)
			return 0;
	return 1;
}

/*
 * Record a delivery; a failure leaves the alert pending for a retry. The
 * last sink's delivery marks the alert delivered at once: the next flush
 * would otherwise read it again only to find every sink done.
 */
void
poll_alert_done(struct poll *p, int64_t id, const char *topic,
    const char *sink, int ok)
{
	int	 last;

	/* A notice (id 0) has nothing to record: --once may be waiting on it. */
	if (id != 0) {
		last = ok && !p->outbox.blocked && topic != NULL &&
		    poll_sink_last(p, id, topic, sink);
		poll_sink_result(p, id, sink, ok, last);
	}
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
