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
#include "hash.h"
#include "item.h"
#include "log.h"
#include "match.h"
#include "page.h"
#include "poll.h"
#include "sched.h"
#include "store.h"
#include "text.h"
#include "xmalloc.h"

#define POLL_FLUSH_DELAY	0.2	/* seconds to gather completions */
#define POLL_OUTBOX_BATCH	100
#define POLL_ONCE_GRACE		30.0	/* --once: how long to wait for delivery */
#define POLL_SPREAD		60.0	/* start-up: first polls spread over this */
#define POLL_SNIPPET_CHARS	160
#define POLL_UNTITLED_CHARS	80	/* a title made of an item's text */
#define POLL_MUTE_ACTION	(24 * 3600)	/* "Mute topic" mutes for a day */
#define POLL_TITLE_MIN		12	/* bytes of normalized title to compare */
#define POLL_OUTBOX_FIRST	5.0	/* seconds before a first delivery retry */
#define POLL_OUTBOX_MAX		600.0	/* the longest delivery retry backoff */
#define POLL_UNREADABLE		(1u << 31)	/* in poll_source.mended */

/* One configured source and its running state. */
struct poll_source {
	struct poll			*poll;
	const struct config_source	*cfg;
	int64_t				 id;		/* store's source id */
	char				*moved;		/* permanent redirect target, or NULL */
	unsigned			 failures;	/* in a row, this run */
	int				 busy;		/* fetch in flight */
	size_t				 items;		/* in its last good poll */
	long				 ttl;		/* its feed's polling hint,
							   seconds, kept over
							   304s; 0: none */
	unsigned			 mended;	/* what its reader last
							   mended and logged:
							   feed_repair bits, and
							   POLL_UNREADABLE */
	char				*feed_url;	/* the feed its page
							   advertises, polled
							   instead; kept for the
							   run only; owned */
	char				*feed_etag;	/* the feed's validators, */
	char				*feed_lm;	/*   in memory: the
							   database keeps the
							   page's; owned */
};

/*
 * One poll of a source from its fetch to its store: what must outlive the
 * fetch callback while the pages of new items are fetched (fetch = article).
 */
struct poll_run {
	struct poll		*poll;
	int64_t			 id;		/* its source's database id */
	struct item_list	 items;
	long			 status;	/* HTTP status of the source */
	long			 retry_after;	/* the server's hints, seconds */
	long			 max_age;
	size_t			 bytes;
	char			*etag;		/* validators received, or NULL */
	char			*last_modified;
	int			 not_modified;
	struct poll_doc		 doc;		/* what its reader mended */
	size_t			 pending;	/* article fetches, +1 while starting */
	int			 cancelled;	/* shutting down: store nothing */
	char			 err[512];	/* what failed; empty when nothing */
};

/*
 * What a source's transfer in flight knows of its source: the id, not a
 * pointer, so that a reload may rebuild the source table meanwhile.
 */
struct poll_fetch {
	struct poll	*poll;
	int64_t		 id;
};

/* One article fetch: the item of a run whose page it reads. */
struct poll_article {
	struct poll_run	*run;
	size_t		 i;
};

struct poll {
	struct event_base	*base;
	const struct config	*cfg;
	struct store		*store;
	struct sched		*sched;		/* keys: sources, outbox, flush */
	struct poll_source	*sources;
	size_t			 nsources;
	size_t			 nbusy;
	int			 once;
	int			 stopped;	/* shutting down: start nothing */
	int			 once_left;	/* --once: sources not yet done */
	int			 flushing;	/* the flush key is armed */
	int			 quiet_held;	/* notifications held by quiet hours */
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

static void	poll_fetch_cb(const struct fetch_result *, void *);

/* The scheduler key of the outbox timer. */
static size_t
poll_outbox_key(const struct poll *p)
{
	return p->nsources;
}

/* The scheduler key of "flush on the next loop turn". */
static size_t
poll_flush_key(const struct poll *p)
{
	return p->nsources + 1;
}

/*
 * Commit the batched health rows and flush the outbox once the sources
 * finishing now have all been stored: many completions cost one commit and
 * one flush, and their alerts can be summarized together. A --once run
 * with every source done has nothing more to gather.
 */
static void
poll_flush_soon(struct poll *p)
{
	double	 delay = p->once && p->once_left == 0 ? 0 : POLL_FLUSH_DELAY;

	if (p->flushing && delay > 0)
		return;
	p->flushing = 1;
	sched_at(p->sched, poll_flush_key(p), delay);
}

/* In --once mode, report idleness once nothing is fetched or delivered. */
static void
poll_check_idle(struct poll *p)
{
	if (!p->once || p->once_left > 0 || p->nbusy > 0 || p->flushing)
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

/* FNV-1a over a string's bytes, continuing from h (hash.h). */
static uint64_t
poll_fnv(uint64_t h, const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		h = hash_fnv_step(h, (unsigned char)*s);
	return h;
}

/* "prefix:" and a hash in hex. */
static char *
poll_hash_text(const char *prefix, uint64_t h)
{
	char	*s;

	xasprintf(&s, "%s:%016" PRIx64, prefix, h);
	return s;
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
	norm = text_normalize(t.data, t.len);
	if (strlen(norm) >= min)
		key = poll_hash_text(prefix,
		    poll_fnv(HASH_FNV_BASIS_STORED, norm));
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
static void
poll_ident(const struct item *it, struct poll_ident *pi)
{
	uint64_t	 h;

	memset(pi, 0, sizeof(*pi));
	if (it->link != NULL && it->link[0] != '\0')
		pi->link = fetch_url_canonical(it->link);
	pi->title = poll_text_key("title", it->title, NULL, POLL_TITLE_MIN);
	h = poll_fnv(poll_fnv(HASH_FNV_BASIS_STORED, it->title), "\n");
	h = poll_fnv(poll_fnv(h, it->summary), "\n");
	h = poll_fnv(h, it->content);
	pi->digest = poll_hash_text("text", h);
	if (it->id != NULL && it->id[0] != '\0')
		pi->key = xstrdup(it->id);
	else if (pi->link != NULL)
		pi->key = xstrdup(pi->link);
	else
		pi->key = poll_text_key("hash", it->title, it->summary, 0);
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

/*
 * An alert's title: the item's, or for an item that has none (a feed may
 * give only a description) the opening words of its text.
 */
static char *
poll_alert_title(const struct item *it)
{
	const char	*t = it->summary != NULL ? it->summary : it->content;
	size_t		 hs, he;

	if (it->title != NULL && it->title[0] != '\0')
		return xstrdup(it->title);
	if (t == NULL || t[0] == '\0')
		return xstrdup("(untitled)");
	return text_snippet(t, strlen(t), 0, 0, POLL_UNTITLED_CHARS, &hs, &he);
}

/* Whether two texts are the same words (NULL is no words). */
static int
poll_same_words(const char *a, const char *b)
{
	char	*na, *nb;
	int	 same;

	na = text_normalize(a ? a : "", a ? strlen(a) : 0);
	nb = text_normalize(b ? b : "", b ? strlen(b) : 0);
	same = strcmp(na, nb) == 0;
	free(na);
	free(nb);
	return same;
}

/*
 * What a notification shows under the title: the sentence of the summary
 * or content that holds the hit; when the hits are all in the title, the
 * opening sentence of the item's text, unless it only repeats the title.
 */
static void
poll_alert_snippet(const struct item *it, const struct match_hit *h,
    struct alert *a)
{
	const char	*f = h->text_field ? poll_field(it, h->text_field) :
			    it->summary != NULL && it->summary[0] != '\0' ?
			    it->summary : it->content;
	size_t		 hs = h->text_field ? h->text_start : 0;
	size_t		 he = h->text_field ? h->text_end : 0;

	if (f == NULL)
		f = "";
	a->snippet = text_sentence(f, strlen(f), hs, he, POLL_SNIPPET_CHARS,
	    &a->hl_start, &a->hl_end);
	if (h->text_field == 0 && poll_same_words(a->snippet, it->title)) {
		a->snippet[0] = '\0';
		a->hl_start = a->hl_end = 0;
	}
}

/* Fill an alert from an item and one of its hits. */
static void
poll_alert_build(struct poll_source *ps, const struct item *it,
    const struct match_hit *h, struct alert *a)
{
	const struct config_topic	*t = &ps->poll->cfg->topics[h->topic];

	memset(a, 0, sizeof(*a));
	a->topic = xstrdup(t->name);
	a->title = poll_alert_title(it);
	a->link = it->link ? xstrdup(it->link) : NULL;
	a->source = xstrdup(ps->cfg->name);
	a->terms = xstrdup(h->terms ? h->terms : "");
	poll_alert_snippet(it, h, a);
	a->urgency = t->urgency;
	a->published = it->published != ITEM_NO_TIME ? it->published :
	    it->updated;
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
	poll_alert_build(ps, it, h, &a);
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

	poll_ident(it, &pi);
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

/* The feed a page advertises; see poll.h. */
char *
poll_body_feed(const struct poll_body *b)
{
	if (b->selector != NULL || feed_sniff(b->data, b->len))
		return NULL;
	return page_feed_link(b->data, b->len, b->url, b->charset);
}

/* Read a body as a feed if it is one, else as a page; see poll.h. */
int
poll_body_items(const struct poll_body *b, struct item_list *out,
    struct poll_doc *doc, char *err, size_t errlen)
{
	size_t	 first = out->n;

	memset(doc, 0, sizeof(*doc));
	if (b->selector == NULL && feed_sniff(b->data, b->len))
		return feed_parse(b->data, b->len, b->url, b->charset, out,
		    &doc->feed, err, errlen);
	doc->page = 1;
	if (page_parse_rules(b->data, b->len, b->url, b->charset,
	    b->selector, out, &doc->rules, &doc->info, err, errlen) == -1)
		return -1;
	if (out->n == first && b->selector == NULL) {
		snprintf(err, errlen, "neither a feed nor a page with article "
		    "links (set `items =` to the selector of its links)");
		return -1;
	}
	return 0;
}

/* Free what a poll_doc holds. */
void
poll_doc_free(struct poll_doc *doc)
{
	feed_info_free(&doc->feed);
	page_info_free(&doc->info);
	free(doc->rules);
	doc->rules = NULL;
}

/*
 * Read a fetched body into items, keeping the feed's polling hint and what
 * its reader mended; a selector that used to match and now matches nothing
 * is an error (the site changed).
 */
static int
poll_parse(struct poll_source *ps, const struct fetch_result *r,
    struct poll_run *run)
{
	struct poll_body	 b = { r->body, r->len, r->url, r->charset,
	    ps->cfg->items };

	if (poll_body_items(&b, &run->items, &run->doc, run->err,
	    sizeof(run->err)) == -1)
		return -1;
	ps->ttl = run->doc.feed.ttl;
	if (run->items.n == 0 && ps->cfg->items != NULL && ps->items > 0) {
		snprintf(run->err, sizeof(run->err), "selector matched nothing "
		    "(the page gave %zu items before; has the site changed?)",
		    ps->items);
		return -1;
	}
	return 0;
}

/*
 * Keep a discovered feed's validators in memory, so that the database's
 * stay those of the source's URL, which each run fetches first.
 */
static void
poll_feed_validators(struct poll_source *ps, struct poll_run *run)
{
	if (run->not_modified)
		return;
	free(ps->feed_etag);
	free(ps->feed_lm);
	ps->feed_etag = run->etag;
	ps->feed_lm = run->last_modified;
	run->etag = run->last_modified = NULL;
}

/* Arm the source's timer from its interval, failures and the server's hints. */
static void
poll_reschedule(struct poll_source *ps, const struct poll_run *run)
{
	struct sched_hint	 h = { 0 };

	h.interval = (double)ps->cfg->interval;
	h.failures = ps->failures;
	h.retry_after = (double)run->retry_after;
	h.fresh_for = (double)run->max_age;
	h.ttl = (double)ps->ttl;
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
	ps->moved = xstrdup(r->moved_to);
	log_info("source %s: permanently moved to %s; polling it there (update "
	    "the config to keep this)", ps->cfg->name,
	    log_safe(safe, sizeof(safe), r->moved_to, 400));
}

/* Show a notice and log it; frees body. */
static void
poll_notice(const char *summary, struct buf *body)
{
	char	 safe[768];

	alert_notice(summary, body->data);
	log_info("%s: %s", summary, log_safe(safe, sizeof(safe), body->data,
	    700));
	buf_free(body);
}

/*
 * Tell the user once when a source reaches notify_failures failures in a
 * row, and once when it answers again after that. The run of failures is
 * the health row's (carried over a restart), so a restart does not repeat
 * either.
 */
static void
poll_source_notices(const struct poll_source *ps, unsigned before, int ok,
    const char *err)
{
	const struct config_source	*c = ps->cfg;
	unsigned long			 n;
	struct buf			 body = { 0 };
	char				 summary[256];

	n = (unsigned long)ps->poll->cfg->notify_failures;
	if (n == 0)
		return;
	if (!ok && before + 1 == n) {
		snprintf(summary, sizeof(summary), "Source %s is broken",
		    c->name);
		buf_printf(&body, "%s (%s) failed %lu times in a row. "
		    "Last error: %s. raqib keeps trying, less often. Open the "
		    "URL in a browser; if the site moved or is gone, fix or "
		    "remove [source %s] in raqib.conf and reload raqib. "
		    "`raqib sources` shows its health.", c->name, c->url, n,
		    err, c->name);
		poll_notice(summary, &body);
	} else if (ok && before >= n) {
		snprintf(summary, sizeof(summary), "Source %s works "
		    "again", c->name);
		buf_printf(&body, "%s (%s) answered again after %u "
		    "failed polls in a row.", c->name, c->url, before);
		poll_notice(summary, &body);
	}
}

/*
 * Say once what the feed reader had to mend in a source, and again only
 * when that changes: a broken feed polled every 15 minutes is one line.
 */
static void
poll_log_mended(struct poll_source *ps, const struct feed_info *fi,
    const char *note)
{
	unsigned	 mended;

	mended = fi->repairs | (fi->unreadable > 0 ? POLL_UNREADABLE : 0);
	if (mended != 0 && mended != ps->mended)
		log_info("source %s: %s (the items that could be read were "
		    "kept)", ps->cfg->name, note);
	ps->mended = mended;
}

/* Record a source's health and decide when to poll it next. */
static void
poll_source_done(struct poll_source *ps, struct poll_run *run,
    const struct poll_tally *t)
{
	struct store_health	 h = { 0 };
	struct poll		*p = ps->poll;
	char			 safe[512], note[256];

	h.attempt = (int64_t)time(NULL);
	h.ok = run->err[0] == '\0';
	h.status = run->status;
	h.error = h.ok ? NULL : run->err;
	if (h.ok && ps->feed_url != NULL)
		poll_feed_validators(ps, run);
	else if (h.ok) {
		h.etag = run->etag;
		h.last_modified = run->last_modified;
	}
	h.bytes = run->bytes;
	h.items = run->not_modified ? ps->items : t->items;
	feed_info_report(&run->doc.feed, note, sizeof(note));
	h.repaired = run->doc.feed.repaired;
	h.unreadable = run->doc.feed.unreadable;
	h.note = note[0] != '\0' ? note : NULL;
	if (h.ok && !run->not_modified)
		poll_log_mended(ps, &run->doc.feed, note);
	if (store_source_health(p->store, ps->id, &h) == -1)
		log_warn("source %s: cannot record health: %s", ps->cfg->name,
		    store_error(p->store));
	poll_source_notices(ps, ps->failures, h.ok, run->err);
	if (!h.ok) {
		ps->failures++;
		log_warn("source %s: %s; retrying at the next poll",
		    ps->cfg->name, log_safe(safe, sizeof(safe), run->err, 300));
	} else
		ps->failures = 0;
	if (!p->once && !p->stopped)
		poll_reschedule(ps, run);
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

/* A poll of the source is over, for good or ill: it may be polled again. */
static void
poll_source_release(struct poll_source *ps)
{
	ps->busy = 0;
	ps->poll->nbusy--;
}

/* A new run for a fetch result, holding copies of what outlives it. */
static struct poll_run *
poll_run_new(struct poll_source *ps, const struct fetch_result *r)
{
	struct poll_run	*run;

	run = xcalloc(1, sizeof(*run));
	run->poll = ps->poll;
	run->id = ps->id;
	run->status = r->status;
	run->retry_after = r->retry_after;
	run->max_age = r->max_age;
	run->bytes = r->len;
	run->not_modified = r->not_modified;
	run->etag = r->etag ? xstrdup(r->etag) : NULL;
	run->last_modified = r->last_modified ? xstrdup(r->last_modified) :
	    NULL;
	if (!r->ok)
		snprintf(run->err, sizeof(run->err), "%s", r->error);
	return run;
}

/* Free a run and everything it holds. */
static void
poll_run_free(struct poll_run *run)
{
	item_list_free(&run->items);
	poll_doc_free(&run->doc);
	free(run->etag);
	free(run->last_modified);
	free(run);
}

/* Store a run's items, record the source's health, deliver; then free it. */
static void
poll_run_end(struct poll_run *run)
{
	struct poll		*p = run->poll;
	struct poll_source	*ps = poll_source_by_id(p, run->id);
	struct poll_tally	 t = { 0 };

	if (run->cancelled || ps == NULL) {
		/* Cancelled, or its source was removed by a reload meanwhile. */
		if (ps != NULL)
			ps->busy = 0;
		p->nbusy--;
		poll_run_free(run);
		poll_check_idle(p);
		return;
	}
	if (run->err[0] == '\0' && !run->not_modified &&
	    poll_store_items(ps, &run->items, &t) == -1)
		snprintf(run->err, sizeof(run->err), "database: %s",
		    store_error(p->store));
	if (run->err[0] == '\0') {
		poll_log_tally(ps, &t);
		if (!run->not_modified)
			ps->items = t.items;
	}
	poll_source_done(ps, run, &t);
	poll_source_release(ps);
	poll_run_free(run);
	if (p->once)
		p->once_left--;
	poll_flush_soon(p);
	poll_check_idle(p);
}

/* One article fetch is over (or cancelled); the last one ends the run. */
static void
poll_run_unref(struct poll_run *run)
{
	if (--run->pending == 0)
		poll_run_end(run);
}

/* An item's page came back: its main text becomes the item's content. */
static void
poll_article_cb(const struct fetch_result *r, void *arg)
{
	struct poll_article	*a = arg;
	struct poll_run		*run = a->run;
	struct item		*it = &run->items.v[a->i];
	char			*text, safe[300];
	struct poll_source	*ps = poll_source_by_id(run->poll, run->id);

	if (r->cancelled)
		run->cancelled = 1;
	else if (r->ok && !r->not_modified &&
	    (text = page_article_text(r->body, r->len, r->url, r->charset)) !=
	    NULL) {
		free(it->content);
		it->content = text;
	} else if (ps != NULL)
		log_debug("source %s: no article text from %s: %s",
		    ps->cfg->name, log_safe(safe, sizeof(safe), r->url, 200),
		    r->ok ? "no paragraphs" : r->error);
	free(a);
	poll_run_unref(run);
}

/* Whether an item is new to its source (never one already seen). */
static int
poll_item_is_new(struct poll_source *ps, const struct item *it)
{
	struct poll_ident	 pi;
	int			 seen;

	/* Only the key: this check must not stamp the item seen. */
	poll_ident(it, &pi);
	seen = store_item_seen(ps->poll->store, ps->id, pi.key);
	poll_ident_clear(&pi);
	return seen == 0;
}

/* Fetch the page of item i of a run. */
static void
poll_article_start(struct poll_run *run, size_t i)
{
	struct fetch_request	 req = { 0 };
	struct poll_article	*a;

	a = xcalloc(1, sizeof(*a));
	a->run = run;
	a->i = i;
	req.url = run->items.v[i].link;
	req.timeout = run->poll->cfg->timeout;
	run->pending++;
	fetch_start(&req, poll_article_cb, a);
}

/*
 * fetch = article: fetch the pages of the run's new items, at most
 * article_limit; the run ends when the last one is back. The run holds a
 * reference of its own while starting, as a callback may run at once.
 */
static void
poll_articles_start(struct poll_run *run, struct poll_source *ps)
{
	const struct config_source	*cfg = ps->cfg;
	const struct item		*it;
	size_t				 i, n = 0;

	run->pending++;
	for (i = 0; i < run->items.n && n < (size_t)cfg->article_limit; i++) {
		it = &run->items.v[i];
		if (it->link != NULL && poll_item_is_new(ps, it)) {
			poll_article_start(run, i);
			n++;
		}
	}
	if (n > 0)
		log_debug("source %s: reading %zu article pages", cfg->name, n);
	poll_run_unref(run);
}

/* Start a fetch of url for a source, with the validators it last gave. */
static void
poll_fetch(struct poll_source *ps, const char *url)
{
	struct poll		*p = ps->poll;
	struct fetch_request	 req = { 0 };
	struct poll_fetch	*pf;
	char			*etag = NULL, *lm = NULL;

	if (url == ps->feed_url) {
		req.etag = ps->feed_etag;
		req.last_modified = ps->feed_lm;
	} else {
		store_source_validators(p->store, ps->id, &etag, &lm);
		req.etag = etag;
		req.last_modified = lm;
	}
	req.url = url;
	req.timeout = p->cfg->timeout;
	pf = xmalloc(sizeof(*pf));
	pf->poll = p;
	pf->id = ps->id;
	fetch_start(&req, poll_fetch_cb, pf);
	free(etag);
	free(lm);
}

/*
 * A page without `items =` that advertises a feed is read through the
 * feed, from now on for this run (said once). 1 when its fetch started.
 */
static int
poll_discover(struct poll_source *ps, const struct fetch_result *r)
{
	struct poll_body	 b = { r->body, r->len, r->url, r->charset,
	    ps->cfg->items };
	char			*u, safe[300];

	if (!r->ok || r->not_modified || ps->feed_url != NULL ||
	    (u = poll_body_feed(&b)) == NULL)
		return 0;
	ps->feed_url = u;
	log_info("source %s: the page advertises a feed; reading %s",
	    ps->cfg->name, log_safe(safe, sizeof(safe), u, 250));
	poll_fetch(ps, u);
	return 1;
}

/* A source's fetch ended: read it, fetch articles if asked, then store. */
static void
poll_fetch_cb(const struct fetch_result *r, void *arg)
{
	struct poll_fetch	*pf = arg;
	struct poll		*p = pf->poll;
	struct poll_source	*ps = poll_source_by_id(p, pf->id);
	struct poll_run		*run;

	free(pf);
	if (ps == NULL) {
		/* Its source was removed by a reload while it ran. */
		p->nbusy--;
		poll_check_idle(p);
		return;
	}
	if (r->cancelled) {
		poll_source_release(ps);
		return;
	}
	poll_moved(ps, r);
	if (poll_discover(ps, r))
		return;
	run = poll_run_new(ps, r);
	if (r->ok && !r->not_modified && poll_parse(ps, r, run) == -1)
		item_list_free(&run->items);
	if (run->err[0] == '\0' && !run->not_modified && ps->cfg->article)
		poll_articles_start(run, ps);
	else
		poll_run_end(run);
}

/* Start one source's fetch: its discovered feed, else where it lives now. */
static void
poll_source_start(struct poll_source *ps)
{
	struct poll	*p = ps->poll;
	const char	*url = ps->moved ? ps->moved : ps->cfg->url;

	if (ps->busy || p->stopped)
		return;
	ps->busy = 1;
	p->nbusy++;
	poll_fetch(ps, ps->feed_url ? ps->feed_url : url);
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
	if (key == poll_flush_key(p)) {
		p->flushing = 0;
		if (store_sync(p->store) == -1)
			log_warn("database: cannot record source health: %s",
			    store_error(p->store));
		poll_flush(p);
		poll_check_idle(p);
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

/* Carry a source's item count and run of failures over from the database. */
static int
poll_seed_cb(const struct store_source_row *row, void *arg)
{
	struct poll_source	*ps = poll_source_by_id(arg, row->id);

	if (ps == NULL)
		return 0;
	ps->items = row->items;
	if (row->failures > 0)
		ps->failures = (unsigned)row->failures;
	return 0;
}

/* Forget what a source learnt about where it lives (its URL changed). */
static void
poll_source_unlearn(struct poll_source *ps)
{
	ps->moved = NULL;
	ps->feed_url = NULL;
	ps->feed_etag = NULL;
	ps->feed_lm = NULL;
}

/*
 * A source table for cfg: a source already running keeps its id, run of
 * failures, transfer in flight and what it learnt; a new one gets its
 * database row.
 */
static struct poll_source *
poll_sources_new(struct poll *p, const struct config *cfg)
{
	struct poll_source	*v, *old;
	size_t			 i, j;

	v = xcalloc(cfg->nsources + 1, sizeof(*v));
	for (i = 0; i < cfg->nsources; i++) {
		for (j = 0, old = NULL; j < p->nsources && old == NULL; j++)
			if (strcmp(p->sources[j].cfg->name,
			    cfg->sources[i].name) == 0)
				old = &p->sources[j];
		if (old != NULL) {
			v[i] = *old;
			if (strcmp(old->cfg->url, cfg->sources[i].url) != 0)
				poll_source_unlearn(&v[i]);
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

/* Whether a string is still owned by a source of the table v. */
static int
poll_sources_hold(const struct poll_source *v, size_t n, const char *s)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (v[i].moved == s || v[i].feed_url == s ||
		    v[i].feed_etag == s || v[i].feed_lm == s)
			return 1;
	return 0;
}

/* Free what the old table owns that the new table v does not carry over. */
static void
poll_sources_release(struct poll *p, const struct poll_source *v, size_t n)
{
	struct poll_source	*o;
	char			*owned[4];
	size_t			 i, k;

	for (i = 0; i < p->nsources; i++) {
		o = &p->sources[i];
		owned[0] = o->moved;
		owned[1] = o->feed_url;
		owned[2] = o->feed_etag;
		owned[3] = o->feed_lm;
		for (k = 0; k < 4; k++)
			if (owned[k] != NULL && !poll_sources_hold(v, n, owned[k]))
				free(owned[k]);
	}
}

/* Take cfg's sources into use, with their counts from the database. */
static void
poll_sources_set(struct poll *p, const struct config *cfg,
    struct poll_source *v)
{
	poll_sources_release(p, v, cfg->nsources);
	free(p->sources);
	p->sources = v;
	p->nsources = cfg->nsources;
	p->cfg = cfg;
	if (store_sources(p->store, poll_seed_cb, p) == -1)
		log_warn("database: cannot read source health: %s",
		    store_error(p->store));
}

/* A poller for cfg's sources. */
struct poll *
poll_new(struct event_base *base, const struct config *cfg,
    struct store *store, int once, poll_idle_cb *idle_cb, void *arg)
{
	struct poll		*p;
	struct poll_source	*v;

	p = xcalloc(1, sizeof(*p));
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
	if ((p->sched = sched_new(base, p->nsources + 2, poll_sched_cb, p)) ==
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
	double			 outbox, flush;
	size_t			 i, added = 0;

	if ((v = poll_sources_new(p, cfg)) == NULL)
		return -1;
	if ((s = sched_new(p->base, cfg->nsources + 2, poll_sched_cb, p)) ==
	    NULL) {
		free(v);
		return -1;
	}
	for (i = 0; i < cfg->nsources; i++)
		added += (size_t)poll_reload_arm(p, s, v, i, cfg->nsources);
	/* The outbox and flush timers follow the sources in the key space. */
	if ((outbox = sched_left(p->sched, poll_outbox_key(p))) >= 0)
		sched_at(s, cfg->nsources, outbox);
	if ((flush = sched_left(p->sched, poll_flush_key(p))) >= 0)
		sched_at(s, cfg->nsources + 1, flush);
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
	for (i = 0; i < p->nsources; i++) {
		free(p->sources[i].feed_url);
		free(p->sources[i].feed_etag);
		free(p->sources[i].feed_lm);
		free(p->sources[i].moved);
	}
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
	if (p->nsources > 1)
		log_info("first polls of the %zu sources spread over %.0f s "
		    "(SIGUSR1 polls them all now)", p->nsources, POLL_SPREAD);
}

/* Poll every idle source now. */
void
poll_now(struct poll *p)
{
	size_t	 i;

	for (i = 0; i < p->nsources; i++)
		poll_source_start(&p->sources[i]);
}

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

/* Record one sink's verdict on an alert; the alert is done at the next flush. */
static void
poll_sink_result(struct poll *p, int64_t id, const char *sink, int ok)
{
	if (!ok) {
		if (!p->once)
			poll_outbox_retry(p);
		return;
	}
	p->outbox_failures = 0;
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
 * there are more than `burst` stories or when quiet hours just ended, else
 * one notification per story (a story that fired two topics is one).
 */
static void
poll_desktop(struct poll *p, const struct alert *v, size_t n)
{
	long	 left;
	size_t	 stories;

	if (n == 0)
		return;
	if ((left = poll_quiet_left(p->cfg)) > 0) {
		if (!p->quiet_held)
			log_info("quiet hours: holding notifications for %ld "
			    "min", (left + 59) / 60);
		p->quiet_held = 1;
		if (!p->once)
			sched_at(p->sched, poll_outbox_key(p), (double)left + 1);
		return;
	}
	stories = alert_stories(v, n);
	if (stories > (size_t)p->cfg->burst || (p->quiet_held && stories > 1))
		alert_send_summary(v, n);
	else
		alert_send_stories(v, n);
	p->quiet_held = 0;
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
