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
#define POLL_FNV_BASIS		1469598103934665603ULL
#define POLL_TITLE_MIN		12	/* bytes of normalized title to compare */
#define POLL_OUTBOX_FIRST	5.0	/* seconds before a first delivery retry */
#define POLL_OUTBOX_MAX		600.0	/* the longest delivery retry backoff */

/* One configured source and its running state. */
struct poll_source {
	struct poll			*poll;
	const struct config_source	*cfg;
	int64_t				 id;		/* store's source id */
	unsigned			 failures;	/* in a row, this run */
	int				 busy;		/* fetch in flight */
};

struct poll {
	const struct config	*cfg;
	struct store		*store;
	struct sched		*sched;		/* keys: sources, then the outbox */
	struct poll_source	*sources;
	size_t			 nsources;
	size_t			 nbusy;
	int			 once;
	int			 once_left;	/* --once: sources not yet done */
	unsigned		 outbox_failures;	/* failed rounds in a row */
	int			 outbox_armed;	/* a retry round is scheduled */
	poll_idle_cb		*idle_cb;
	void			*idle_arg;
};

/* What processing one body produced. */
struct poll_tally {
	size_t	 items;
	size_t	 fresh;
	size_t	 alerts;
	int64_t	 catch_up;	/* first poll: older new items stay quiet */
	int	 first;		/* the source's first poll */
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

/* An item's identity, owned: the strings of a struct store_ident. */
struct poll_ident {
	char	*key;
	char	*link;
	char	*title;
	char	*digest;
};

/* FNV-1a over a string, continuing from h (v1 keys used it the same way). */
static uint64_t
poll_fnv(uint64_t h, const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* "prefix:" and a hash in hex; NULL when out of memory. */
static char *
poll_hash_text(const char *prefix, uint64_t h)
{
	struct buf	 b = { 0 };

	if (buf_printf(&b, "%s:%016" PRIx64, prefix, h) == -1) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

/* A hash of the normalized text of up to two fields, or NULL if too short. */
static char *
poll_text_key(const char *prefix, const char *a, const char *b, size_t min)
{
	struct buf	 t = { 0 };
	char		*norm, *key = NULL;

	buf_puts(&t, a ? a : "");
	buf_putc(&t, '\n');
	buf_puts(&t, b ? b : "");
	norm = text_normalize(t.data ? t.data : "", t.len);
	if (norm != NULL && strlen(norm) >= min)
		key = poll_hash_text(prefix, poll_fnv(POLL_FNV_BASIS, norm));
	free(norm);
	buf_free(&t);
	return key;
}

/* Free an identity's strings. */
static void
poll_ident_clear(struct poll_ident *pi)
{
	free(pi->key);
	free(pi->link);
	free(pi->title);
	free(pi->digest);
}

/*
 * An item's identity: key = guid, else canonical link, else a hash of its
 * normalized title and summary; plus what else tells it apart.
 */
static int
poll_ident(const struct item *it, struct poll_ident *pi)
{
	uint64_t	 h;

	memset(pi, 0, sizeof(*pi));
	if (it->link != NULL && it->link[0] != '\0')
		pi->link = fetch_url_canonical(it->link);
	pi->title = poll_text_key("title", it->title, NULL, POLL_TITLE_MIN);
	h = poll_fnv(poll_fnv(POLL_FNV_BASIS, it->title), "\n");
	h = poll_fnv(poll_fnv(h, it->summary), "\n");
	h = poll_fnv(h, it->content);
	pi->digest = poll_hash_text("text", h);
	if (it->id != NULL && it->id[0] != '\0')
		pi->key = strdup(it->id);
	else if (pi->link != NULL)
		pi->key = strdup(pi->link);
	else
		pi->key = poll_text_key("hash", it->title, it->summary, 0);
	if (pi->key != NULL && pi->digest != NULL)
		return 0;
	poll_ident_clear(pi);
	return -1;
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

/* Record one hit's alert unless the item's story has one for its topic. */
static int
poll_hit(struct poll_source *ps, const struct item *it, int64_t item_id,
    const struct match_hit *h, struct poll_tally *t)
{
	const char	*topic = ps->poll->cfg->topics[h->topic].name;
	struct alert	 a;
	int		 rc;

	rc = store_alert_known(ps->poll->store, item_id, topic, ps->cfg->name);
	if (rc != 0)
		return rc == 1 ? 0 : -1;
	rc = poll_alert_build(ps, it, h, &a);
	if (rc == 0)
		rc = store_alert_add(ps->poll->store, item_id, &a);
	if (rc == 0)
		t->alerts++;
	alert_clear(&a);
	return rc;
}

/* Match an item and record alerts for topics its story has not had. */
static int
poll_item_alerts(struct poll_source *ps, const struct item *it,
    int64_t item_id, struct poll_tally *t)
{
	struct match_doc	 doc = { it->title, it->summary, it->content,
				    ps->cfg->name };
	struct match_result	 res = { 0 };
	size_t			 i;
	int			 rc = 0;

	if (match_doc(ps->poll->cfg->match, &doc, &res) == -1)
		return -1;
	for (i = 0; i < res.n && rc == 0; i++)
		rc = poll_hit(ps, it, item_id, &res.v[i], t);
	match_result_free(&res);
	return rc;
}

/* Whether a new item may alert: always, except old ones on a first poll. */
static int
poll_item_timely(const struct item *it, const struct poll_tally *t)
{
	int64_t	 when = it->published != ITEM_NO_TIME ? it->published :
		    it->updated;

	if (!t->first || t->catch_up == CONFIG_CATCH_UP_ALL)
		return 1;
	return when != ITEM_NO_TIME && when >= (int64_t)time(NULL) - t->catch_up;
}

/* Record one item: alerts when new (and timely) or edited; -1 on error. */
static int
poll_item(struct poll_source *ps, const struct item *it, struct poll_tally *t)
{
	struct store		*st = ps->poll->store;
	struct poll_ident	 pi;
	struct store_ident	 id;
	int64_t			 item_id;
	int			 found, changed = 0, rc = 0;

	if (poll_ident(it, &pi) == -1)
		return -1;
	id = (struct store_ident){ pi.key, pi.link, pi.title, pi.digest };
	found = store_item_find(st, ps->id, &id, it, &item_id, &changed);
	if (found == 0 && (rc = store_item_record(st, ps->id, &id, it,
	    &item_id)) == 0)
		t->fresh++;
	if (found == -1)
		rc = -1;
	else if (rc == 0 && (found ? changed : poll_item_timely(it, t)))
		rc = poll_item_alerts(ps, it, item_id, t);
	poll_ident_clear(&pi);
	return rc;
}

/* After a body: forget what is gone for `keep`; a first poll is done. */
static int
poll_store_after(struct poll_source *ps, const struct poll_tally *t)
{
	struct poll	*p = ps->poll;

	if (store_prune(p->store, ps->id, (int64_t)time(NULL) -
	    p->cfg->keep) == -1)
		return -1;
	return t->first ? store_source_prime(p->store, ps->id) : 0;
}

/* Store the items of one body in one transaction; -1 on a database error. */
static int
poll_store_items(struct poll_source *ps, const struct item_list *items,
    struct poll_tally *t)
{
	struct store	*st = ps->poll->store;
	size_t		 i;
	int		 primed;

	if (store_begin(st) == -1)
		return -1;
	if ((primed = store_source_primed(st, ps->id)) == -1)
		goto fail;
	t->first = !primed;
	t->catch_up = ps->poll->cfg->catch_up;
	for (i = 0; i < items->n; i++)
		if (poll_item(ps, &items->v[i], t) == -1)
			goto fail;
	if (poll_store_after(ps, t) == -1)
		goto fail;
	t->items = items->n;
	return store_commit(st);
fail:
	store_rollback(st);
	return -1;
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
	if (!p->once)
		sched_at(p->sched, (size_t)(ps - p->sources), ps->failures ?
		    sched_backoff((double)ps->cfg->interval, ps->failures) :
		    sched_jitter((double)ps->cfg->interval));
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

/* A source's fetch ended: process it, record it, deliver its alerts. */
static void
poll_fetch_cb(const struct fetch_result *r, void *arg)
{
	struct poll_source	*ps = arg;
	struct poll		*p = ps->poll;
	struct poll_tally	 t = { 0 };
	const char		*error;
	char			 err[512];

	if (r->cancelled) {
		ps->busy = 0;
		p->nbusy--;
		return;
	}
	error = r->ok ? poll_process(ps, r, &t, err, sizeof(err)) : r->error;
	if (error == NULL)
		poll_log_tally(ps, &t);
	poll_source_done(ps, r, error, &t);
	ps->busy = 0;
	p->nbusy--;
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
	char			*etag = NULL, *lm = NULL;
	int			 rc;

	if (ps->busy)
		return;
	store_source_validators(p->store, ps->id, &etag, &lm);
	req.url = ps->cfg->url;
	req.etag = etag;
	req.last_modified = lm;
	req.timeout = p->cfg->timeout;
	ps->busy = 1;
	p->nbusy++;
	rc = fetch_start(&req, poll_fetch_cb, ps);
	free(etag);
	free(lm);
	if (rc == -1) {
		ps->busy = 0;
		p->nbusy--;
		log_warn("source %s: cannot start a transfer", ps->cfg->name);
		if (!p->once)
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
	p->outbox_armed = 0;
	poll_flush(p);
}

/* Look up (or create) every source's row. */
static int
poll_sources_init(struct poll *p)
{
	size_t	 i;

	p->nsources = p->cfg->nsources;
	if (p->nsources > 0 &&
	    (p->sources = calloc(p->nsources, sizeof(*p->sources))) == NULL)
		return -1;
	for (i = 0; i < p->nsources; i++) {
		p->sources[i].poll = p;
		p->sources[i].cfg = &p->cfg->sources[i];
		if (store_source(p->store, p->cfg->sources[i].name,
		    &p->sources[i].id) == -1) {
			log_err("database: %s", store_error(p->store));
			return -1;
		}
	}
	return 0;
}

/* A poller for cfg's sources. */
struct poll *
poll_new(struct event_base *base, const struct config *cfg,
    struct store *store, int once, poll_idle_cb *idle_cb, void *arg)
{
	struct poll	*p;

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return NULL;
	p->cfg = cfg;
	p->store = store;
	p->once = once;
	p->idle_cb = idle_cb;
	p->idle_arg = arg;
	if (poll_sources_init(p) == -1 ||
	    (p->sched = sched_new(base, p->nsources + 1, poll_sched_cb, p)) ==
	    NULL) {
		poll_free(p);
		return NULL;
	}
	return p;
}

/* Free the poller; transfers in flight must have been cancelled. */
void
poll_free(struct poll *p)
{
	if (p == NULL)
		return;
	sched_free(p->sched);
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

/* Retry delivery later: 5 s after a first failed round, doubling to 10 min. */
static void
poll_outbox_retry(struct poll *p)
{
	double	 d = POLL_OUTBOX_FIRST;
	unsigned i;

	if (p->outbox_armed)
		return;
	p->outbox_armed = 1;
	for (i = 0; i < p->outbox_failures && d < POLL_OUTBOX_MAX; i++)
		d *= 2;
	p->outbox_failures++;
	if (d > POLL_OUTBOX_MAX)
		d = POLL_OUTBOX_MAX;
	log_debug("delivery failed; retrying in %.0f s", d);
	sched_at(p->sched, poll_outbox_key(p), d);
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
		p->outbox_failures = 0;
	} else if (!p->once)
		poll_outbox_retry(p);
	poll_check_idle(p);
}

/* Sources being fetched. */
size_t
poll_busy(const struct poll *p)
{
	return p->nbusy;
}
