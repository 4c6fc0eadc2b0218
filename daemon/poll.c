/* poll: one source's cycle: body -> items -> hits -> store -> alert. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alert.h"
#include "buf.h"
#include "config.h"
#include "feed.h"
#include "fetch.h"
#include "item.h"
#include "log.h"
#include "match.h"
#include "page.h"
#include "poll.h"
#include "sched.h"
#include "store.h"
#include "text.h"

#define POLL_OUTBOX_BATCH	100
#define POLL_OUTBOX_RETRY	60.0	/* seconds between delivery retries */
#define POLL_ONCE_GRACE		30.0	/* --once: how long to wait for delivery */
#define POLL_SPREAD		60.0	/* start-up: first polls spread over this */
#define POLL_SNIPPET_CHARS	160

/* One configured source and its running state. */
struct poll_source {
	struct poll			*poll;
	const struct config_source	*cfg;
	int64_t				 id;		/* store's source id */
	char				*moved;		/* permanent redirect target, or NULL */
	unsigned			 failures;	/* in a row, this run */
	int				 busy;		/* fetch in flight */
};

struct poll {
	struct event_base	*base;
	const struct config	*cfg;
	struct store		*store;
	struct sched		*sched;		/* keys: sources, then the outbox */
	struct poll_source	*sources;
	size_t			 nsources;
	size_t			 nbusy;
	int			 once;
	int			 stopped;	/* shutting down: start nothing */
	int			 once_left;	/* --once: sources not yet done */
	poll_idle_cb		*idle_cb;
	void			*idle_arg;
};

/*
 * What a transfer in flight knows of its source: the id, not a pointer, so
 * a reload may rebuild the source table while transfers run.
 */
struct poll_fetch {
	struct poll	*poll;
	int64_t		 id;
};

/* What processing one body produced. */
struct poll_tally {
	size_t	 items;
	size_t	 fresh;
	size_t	 alerts;
};

/* The scheduler key of the outbox timer. */
static size_t
poll_outbox_key(const struct poll *p)
{
	return p->nsources;
}

/* In --once mode, report idleness once nothing is fetched or delivered. */
static void
poll_check_idle(struct poll *p)
{
	if (!p->once || p->once_left > 0 || p->nbusy > 0)
		return;
	if (alert_inflight() > 0) {
		sched_at(p->sched, poll_outbox_key(p), POLL_ONCE_GRACE);
		return;
	}
	p->idle_cb(p->idle_arg);
}

/* A stable key for an item: its id, else its link, else a hash of its text. */
static char *
poll_item_key(const struct item *it)
{
	struct buf	 b = { 0 };
	char		*norm;
	uint64_t	 h = 1469598103934665603ULL;
	const char	*s;

	if (it->id != NULL && it->id[0] != '\0')
		return strdup(it->id);
	if (it->link != NULL && it->link[0] != '\0')
		return strdup(it->link);
	buf_puts(&b, it->title ? it->title : "");
	buf_putc(&b, '\n');
	buf_puts(&b, it->summary ? it->summary : "");
	norm = text_normalize(b.data, b.len);
	buf_free(&b);
	for (s = norm ? norm : ""; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	free(norm);
	buf_printf(&b, "hash:%016" PRIx64, h);
	return buf_steal(&b);
}

/* The text of the field a hit was found in. */
static const char *
poll_field(const struct item *it, enum match_field f)
{
	switch (f) {
	case MATCH_TITLE:
		return it->title;
	case MATCH_SUMMARY:
		return it->summary;
	default:
		return it->content;
	}
}

/* Fill an alert from an item and one of its hits; -1 when out of memory. */
static int
poll_alert_build(struct poll_source *ps, const struct item *it,
    const struct match_hit *h, struct alert *a)
{
	const struct config_topic	*t = &ps->poll->cfg->topics[h->topic];
	const char			*f = poll_field(it, h->field);

	memset(a, 0, sizeof(*a));
	a->topic = strdup(t->name);
	a->title = strdup(it->title && it->title[0] ? it->title : "(untitled)");
	a->link = it->link ? strdup(it->link) : NULL;
	a->source = strdup(ps->cfg->name);
	a->terms = strdup(h->terms ? h->terms : "");
	a->snippet = text_snippet(f ? f : "", f ? strlen(f) : 0, h->start,
	    h->end, POLL_SNIPPET_CHARS, &a->hl_start, &a->hl_end);
	a->urgency = t->urgency;
	a->published = it->published != ITEM_NO_TIME ? it->published :
	    it->updated;
	if (!a->topic || !a->title || (it->link && !a->link) || !a->source ||
	    !a->terms || !a->snippet)
		return -1;
	return 0;
}

/* Match a new item and record its alerts; -1 on a database error. */
static int
poll_item_alerts(struct poll_source *ps, const struct item *it,
    int64_t item_id, struct poll_tally *t)
{
	struct match_doc	 doc = { it->title, it->summary, it->content,
				    ps->cfg->name };
	struct match_result	 res = { 0 };
	struct alert		 a;
	size_t			 i;
	int			 rc = 0;

	if (match_doc(ps->poll->cfg->match, &doc, &res) == -1)
		return -1;
	for (i = 0; i < res.n && rc == 0; i++) {
		rc = poll_alert_build(ps, it, &res.v[i], &a);
		if (rc == 0)
			rc = store_alert_add(ps->poll->store, item_id, &a);
		if (rc == 0)
			t->alerts++;
		alert_clear(&a);
	}
	match_result_free(&res);
	return rc;
}

/* Record one item if it is new, with its alerts; -1 on error. */
static int
poll_item(struct poll_source *ps, const struct item *it, struct poll_tally *t)
{
	struct store	*st = ps->poll->store;
	char		*key;
	int64_t		 item_id;
	int		 seen, rc = -1;

	if ((key = poll_item_key(it)) == NULL)
		return -1;
	seen = store_item_seen(st, ps->id, key);
	if (seen == 1)
		rc = 0;
	else if (seen == 0 && store_item_add(st, ps->id, key, it, &item_id) == 0) {
		t->fresh++;
		rc = poll_item_alerts(ps, it, item_id, t);
	}
	free(key);
	return rc;
}

/* Store the items of one body in one transaction; -1 on a database error. */
static int
poll_store_items(struct poll_source *ps, const struct item_list *items,
    struct poll_tally *t)
{
	struct store	*st = ps->poll->store;
	size_t		 i;

	if (store_begin(st) == -1)
		return -1;
	for (i = 0; i < items->n; i++) {
		if (poll_item(ps, &items->v[i], t) == -1) {
			store_rollback(st);
			return -1;
		}
	}
	t->items = items->n;
	return store_commit(st);
}

/* Read a body into items: a feed if it looks like one, else an HTML page. */
static int
poll_parse(struct poll_source *ps, const struct fetch_result *r,
    struct item_list *items, char *err, size_t errlen)
{
	if (ps->cfg->items == NULL && feed_sniff(r->body, r->len))
		return feed_parse(r->body, r->len, r->url, r->charset, items,
		    err, errlen);
	if (page_parse(r->body, r->len, r->url, r->charset, ps->cfg->items,
	    items, err, errlen) == -1)
		return -1;
	if (items->n == 0 && ps->cfg->items == NULL) {
		snprintf(err, errlen, "neither a feed nor a page with article "
		    "links (set `items =` to the selector of its links)");
		return -1;
	}
	return 0;
}

/* Arm the source's timer from its interval, failures and the server's hints. */
static void
poll_reschedule(struct poll_source *ps, const struct fetch_result *r)
{
	struct sched_hint	 h = { 0 };

	h.interval = (double)ps->cfg->interval;
	h.failures = ps->failures;
	h.retry_after = (double)r->retry_after;
	h.fresh_for = (double)r->max_age;
	sched_at(ps->poll->sched, (size_t)(ps - ps->poll->sources),
	    sched_delay(&h));
}

/* Remember a permanent redirect for this run; the config is never rewritten. */
static void
poll_moved(struct poll_source *ps, const struct fetch_result *r)
{
	char	 safe[512];

	if (r->moved_to == NULL || (ps->moved != NULL &&
	    strcmp(ps->moved, r->moved_to) == 0))
		return;
	free(ps->moved);
	ps->moved = strdup(r->moved_to);
	log_info("source %s: permanently moved to %s; polling it there (update "
	    "the config to keep this)", ps->cfg->name,
	    log_safe(safe, sizeof(safe), r->moved_to, 400));
}

/* Record a source's health and decide when to poll it next. */
static void
poll_source_done(struct poll_source *ps, const struct fetch_result *r,
    const char *error, const struct poll_tally *t)
{
	struct store_health	 h = { 0 };
	struct poll		*p = ps->poll;
	char			 safe[512];

	h.attempt = (int64_t)time(NULL);
	h.ok = error == NULL;
	h.status = r->status;
	h.error = error;
	h.etag = h.ok ? r->etag : NULL;
	h.last_modified = h.ok ? r->last_modified : NULL;
	h.bytes = r->len;
	h.items = t->items;
	if (store_source_health(p->store, ps->id, &h) == -1)
		log_warn("source %s: cannot record health: %s", ps->cfg->name,
		    store_error(p->store));
	if (error != NULL) {
		ps->failures++;
		log_warn("source %s: %s; retrying at the next poll",
		    ps->cfg->name, log_safe(safe, sizeof(safe), error, 300));
	} else
		ps->failures = 0;
	if (!p->once && !p->stopped)
		poll_reschedule(ps, r);
}

/* Report what a successful poll found, quietly when nothing happened. */
static void
poll_log_tally(const struct poll_source *ps, const struct poll_tally *t)
{
	if (t->alerts > 0)
		log_info("source %s: %zu items, %zu new, %zu alerts",
		    ps->cfg->name, t->items, t->fresh, t->alerts);
	else
		log_debug("source %s: %zu items, %zu new", ps->cfg->name,
		    t->items, t->fresh);
}

/* Turn a fetched body into stored items and alerts; an error text or NULL. */
static const char *
poll_process(struct poll_source *ps, const struct fetch_result *r,
    struct poll_tally *t, char *err, size_t errlen)
{
	struct item_list	 items = { 0 };
	const char		*error = NULL;

	if (r->not_modified)
		return NULL;
	if (poll_parse(ps, r, &items, err, errlen) == -1)
		error = err;
	else if (poll_store_items(ps, &items, t) == -1) {
		snprintf(err, errlen, "database: %s", store_error(ps->poll->store));
		error = err;
	}
	item_list_free(&items);
	return error;
}

/* The running source with this database id, or NULL (removed by a reload). */
static struct poll_source *
poll_source_by_id(struct poll *p, int64_t id)
{
	size_t	 i;

	for (i = 0; i < p->nsources; i++)
		if (p->sources[i].id == id)
			return &p->sources[i];
	return NULL;
}

/* A source's fetch ended: process it, record it, deliver its alerts. */
static void
poll_fetch_cb(const struct fetch_result *r, void *arg)
{
	struct poll_fetch	*pf = arg;
	struct poll		*p = pf->poll;
	struct poll_source	*ps = poll_source_by_id(p, pf->id);
	struct poll_tally	 t = { 0 };
	const char		*error;
	char			 err[512];

	free(pf);
	p->nbusy--;
	if (ps == NULL || r->cancelled) {
		if (ps != NULL)
			ps->busy = 0;
		return;
	}
	poll_moved(ps, r);
	error = r->ok ? poll_process(ps, r, &t, err, sizeof(err)) : r->error;
	if (error == NULL)
		poll_log_tally(ps, &t);
	poll_source_done(ps, r, error, &t);
	ps->busy = 0;
	if (p->once)
		p->once_left--;
	if (t.alerts > 0 || p->once_left == 0)
		poll_flush(p);
	poll_check_idle(p);
}

/* Start one source's fetch with its stored validators. */
static void
poll_source_start(struct poll_source *ps)
{
	struct poll		*p = ps->poll;
	struct fetch_request	 req = { 0 };
	struct poll_fetch	*pf;
	char			*etag = NULL, *lm = NULL;
	int			 rc = -1;

	if (ps->busy || p->stopped)
		return;
	store_source_validators(p->store, ps->id, &etag, &lm);
	req.url = ps->moved ? ps->moved : ps->cfg->url;
	req.etag = etag;
	req.last_modified = lm;
	req.timeout = p->cfg->timeout;
	if ((pf = malloc(sizeof(*pf))) != NULL) {
		pf->poll = p;
		pf->id = ps->id;
		rc = fetch_start(&req, poll_fetch_cb, pf);
	}
	free(etag);
	free(lm);
	if (rc == 0) {
		ps->busy = 1;
		p->nbusy++;
	} else {
		free(pf);
		log_warn("source %s: cannot start a transfer (out of memory)",
		    ps->cfg->name);
		if (p->once) {
			p->once_left--;
			poll_check_idle(p);
		} else
			sched_at(p->sched, (size_t)(ps - p->sources),
			    POLL_OUTBOX_RETRY);
	}
}

/* A timer fired: poll its source, or retry the outbox. */
static void
poll_sched_cb(size_t key, void *arg)
{
	struct poll	*p = arg;

	if (key < p->nsources) {
		poll_source_start(&p->sources[key]);
		return;
	}
	if (p->once) {
		log_warn("%zu alerts not delivered before exit; they stay "
		    "pending for the next run", alert_inflight());
		p->idle_cb(p->idle_arg);
		return;
	}
	poll_flush(p);
}

/* Carry a source's run of failures over from the database (restart, reload). */
static int
poll_failures_cb(const struct store_source_row *r, void *arg)
{
	struct poll	*p = arg;
	size_t		 i;

	for (i = 0; i < p->nsources; i++)
		if (p->sources[i].id == r->id && r->failures > 0)
			p->sources[i].failures = (unsigned)r->failures;
	return 0;
}

/*
 * A source table for cfg: a source already running keeps its id, run of
 * failures and transfer in flight; a new one gets its database row.
 */
static struct poll_source *
poll_sources_new(struct poll *p, const struct config *cfg)
{
	struct poll_source	*v, *old;
	size_t			 i, j;

	if ((v = calloc(cfg->nsources + 1, sizeof(*v))) == NULL)
		return NULL;
	for (i = 0; i < cfg->nsources; i++) {
		for (j = 0, old = NULL; j < p->nsources && old == NULL; j++)
			if (strcmp(p->sources[j].cfg->name,
			    cfg->sources[i].name) == 0)
				old = &p->sources[j];
		if (old != NULL) {
			v[i] = *old;
			/* A redirect learnt for another URL no longer holds. */
			if (strcmp(old->cfg->url, cfg->sources[i].url) != 0)
				v[i].moved = NULL;
		} else if (store_source(p->store, cfg->sources[i].name,
		    &v[i].id) == -1) {
			log_err("database: %s", store_error(p->store));
			free(v);
			return NULL;
		}
		v[i].poll = p;
		v[i].cfg = &cfg->sources[i];
	}
	return v;
}

/* Free what the old table owns that the new table v does not carry over. */
static void
poll_sources_release(struct poll *p, const struct poll_source *v, size_t n)
{
	size_t	 i, j;

	for (i = 0; i < p->nsources; i++) {
		for (j = 0; j < n && v[j].moved != p->sources[i].moved; j++)
			;
		if (j == n)
			free(p->sources[i].moved);
	}
}

/* Take cfg's sources into use, with their failures from the database. */
static void
poll_sources_set(struct poll *p, const struct config *cfg,
    struct poll_source *v)
{
	poll_sources_release(p, v, cfg->nsources);
	free(p->sources);
	p->sources = v;
	p->nsources = cfg->nsources;
	p->cfg = cfg;
	if (store_sources(p->store, poll_failures_cb, p) == -1)
		log_warn("database: %s", store_error(p->store));
}

/* A poller for cfg's sources. */
struct poll *
poll_new(struct event_base *base, const struct config *cfg,
    struct store *store, int once, poll_idle_cb *idle_cb, void *arg)
{
	struct poll		*p;
	struct poll_source	*v;

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return NULL;
	p->base = base;
	p->cfg = cfg;
	p->store = store;
	p->once = once;
	p->idle_cb = idle_cb;
	p->idle_arg = arg;
	if ((v = poll_sources_new(p, cfg)) == NULL) {
		free(p);
		return NULL;
	}
	poll_sources_set(p, cfg, v);
	if ((p->sched = sched_new(base, p->nsources + 1, poll_sched_cb, p)) ==
	    NULL) {
		poll_free(p);
		return NULL;
	}
	return p;
}

/* Arm a source of the new table v: when it was due, or soon if it is new. */
static int
poll_reload_arm(struct poll *p, struct sched *s, const struct poll_source *v,
    size_t key, size_t n)
{
	struct poll_source	*was = poll_source_by_id(p, v[key].id);
	double			 left = -1;

	if (was != NULL)
		left = sched_left(p->sched, (size_t)(was - p->sources));
	if (left < 0)
		left = POLL_SPREAD * (double)key / (double)n;
	if (left > (double)v[key].cfg->interval)
		left = (double)v[key].cfg->interval;
	/* A source in flight is armed by its fetch callback. */
	if (!v[key].busy)
		sched_at(s, key, left);
	return was == NULL;
}

/* Switch to cfg's sources and topics, keeping the state of known sources. */
int
poll_reload(struct poll *p, const struct config *cfg)
{
	struct poll_source	*v;
	struct sched		*s;
	double			 outbox;
	size_t			 i, added = 0;

	if ((v = poll_sources_new(p, cfg)) == NULL)
		return -1;
	if ((s = sched_new(p->base, cfg->nsources + 1, poll_sched_cb, p)) ==
	    NULL) {
		free(v);
		return -1;
	}
	for (i = 0; i < cfg->nsources; i++)
		added += (size_t)poll_reload_arm(p, s, v, i, cfg->nsources);
	if ((outbox = sched_left(p->sched, p->nsources)) >= 0)
		sched_at(s, cfg->nsources, outbox);
	log_info("sources: %zu added, %zu removed, %zu kept", added,
	    p->nsources - (cfg->nsources - added), cfg->nsources - added);
	sched_free(p->sched);
	p->sched = s;
	poll_sources_set(p, cfg, v);
	return 0;
}

/* Free the poller; transfers in flight must have been cancelled. */
void
poll_free(struct poll *p)
{
	size_t	 i;

	if (p == NULL)
		return;
	sched_free(p->sched);
	for (i = 0; i < p->nsources; i++)
		free(p->sources[i].moved);
	free(p->sources);
	free(p);
}

/* Schedule every source. */
void
poll_start(struct poll *p)
{
	size_t	 i;
	double	 spread;

	poll_flush(p);
	if (p->once) {
		p->once_left = (int)p->nsources;
		for (i = 0; i < p->nsources; i++)
			poll_source_start(&p->sources[i]);
		poll_check_idle(p);
		return;
	}
	for (i = 0; i < p->nsources; i++) {
		spread = p->nsources > 1 ?
		    POLL_SPREAD * (double)i / (double)p->nsources : 0;
		sched_at(p->sched, i, spread);
	}
}

/* Poll every idle source now. */
void
poll_now(struct poll *p)
{
	size_t	 i;

	for (i = 0; i < p->nsources; i++)
		poll_source_start(&p->sources[i]);
}

/* Hand the database's undelivered alerts to the alert module. */
void
poll_flush(struct poll *p)
{
	struct alert	*v = NULL;
	size_t		 n = 0, i;

	if (store_alert_pending(p->store, POLL_OUTBOX_BATCH, &v, &n) == -1) {
		log_warn("database: cannot read pending alerts: %s",
		    store_error(p->store));
		return;
	}
	for (i = 0; i < n; i++)
		alert_send(&v[i]);
	store_alerts_free(v, n);
}

/* Record a delivery; a failure leaves the alert pending for a retry. */
void
poll_alert_done(struct poll *p, int64_t id, int ok)
{
	if (ok) {
		if (store_alert_delivered(p->store, id) == -1)
			log_warn("database: cannot mark alert %" PRId64
			    " delivered: %s", id, store_error(p->store));
		/* A full batch went out: send the next one, if any. */
		if (alert_inflight() == 0)
			poll_flush(p);
	} else if (!p->once)
		sched_at(p->sched, poll_outbox_key(p), POLL_OUTBOX_RETRY);
	poll_check_idle(p);
}

/* Sources being fetched. */
size_t
poll_busy(const struct poll *p)
{
	return p->nbusy;
}

/* Disarm every timer so nothing new starts. */
void
poll_stop(struct poll *p)
{
	size_t	 i;

	p->stopped = 1;
	for (i = 0; i <= p->nsources; i++)
		sched_cancel(p->sched, i);
}

/* Count the failing sources and find the next poll. */
void
poll_stats(const struct poll *p, struct poll_stats *st)
{
	size_t	 i;

	memset(st, 0, sizeof(*st));
	st->sources = p->nsources;
	st->busy = p->nbusy;
	for (i = 0; i < p->nsources; i++)
		if (p->sources[i].failures > 0)
			st->failing++;
	st->next = sched_next(p->sched);
}
