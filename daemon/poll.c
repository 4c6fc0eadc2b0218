/* poll: one source's cycle: body -> items -> hits -> store -> alert. */
#include <ctype.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "alert.h"
#include "buf.h"
#include "compat.h"
#include "config.h"
#include "feed.h"
#include "fetch.h"
#include "hash.h"
#include "item.h"
#include "log.h"
#include "match.h"
#include "page.h"
#include "poll.h"
#include "poll_int.h"
#include "sched.h"
#include "sim.h"
#include "store.h"
#include "text.h"
#include "utf8.h"
#include "xmalloc.h"

#define POLL_FLUSH_DELAY	0.2	/* seconds to gather completions */
#define POLL_FLUSH_QUIET	1.0	/* the same when none of them alerted */
#define POLL_ONCE_GRACE		30.0	/* --once: how long to wait for delivery */
#define POLL_SPREAD		60.0	/* start-up: first polls spread over this */
#define POLL_SNIPPET_CHARS	160
#define POLL_UNTITLED_CHARS	80	/* a title made of an item's text */
/*
 * What an alert carries of a feed's title and link, at most: an exec sink
 * gets them as variables, which the kernel refuses past 128 KiB, and with
 * its summary's JSON in a pipe of 1 MiB. A feed may say anything.
 */
#define POLL_TITLE_CHARS	400
#define POLL_LINK_MAX		4096	/* bytes; a longer link is left out */
#define POLL_TITLE_MIN		12	/* bytes of normalized title to compare */
#define POLL_SKETCH_BYTES	2048	/* of an item's text, for its sketch */
/*
 * An item still in its feed is stamped seen again once this share of `keep`
 * has passed, not at every poll: often enough that pruning never takes it,
 * and a feed read again unchanged writes nothing.
 */
#define POLL_STAMP_SHARE	64
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
	int				 warned;	/* its last good fetch's
							   warning was logged */
	char				*feed_url;	/* the feed its page
							   advertises, polled
							   instead; kept for the
							   run only; owned */
	char				*feed_etag;	/* the feed's validators, */
	char				*feed_lm;	/*   in memory: the
							   database keeps the
							   page's; owned */
	int				 was_feed;	/* its url gave a feed
							   in this run */
	char				*page_note;	/* meant as a feed, its
							   url gave a page:
							   what the health row
							   says; owned */
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
	char			 warning[512];	/* what came amiss in a good
						   fetch; empty when nothing */
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
size_t
poll_outbox_key(const struct poll *p)
{
	return p->nsources;
}

/* The scheduler key of "flush on the next loop turn". */
size_t
poll_flush_key(const struct poll *p)
{
	return p->nsources + 1;
}

/* Arm the flush timer to fire in delay seconds, unless it fires sooner. */
static void
poll_flush_in(struct poll *p, double delay)
{
	if (p->once && p->once_left == 0)
		delay = 0;
	if (p->flushing && delay > 0 &&
	    sched_left(p->sched, poll_flush_key(p)) <= delay)
		return;
	p->flushing = 1;
	sched_at(p->sched, poll_flush_key(p), delay);
}

/*
 * Commit the batched health rows and flush the outbox once the sources
 * finishing now have all been stored: many completions cost one commit and
 * one flush, and their alerts can be summarized together. A --once run
 * with every source done has nothing more to gather.
 */
void
poll_flush_soon(struct poll *p)
{
	poll_flush_in(p, POLL_FLUSH_DELAY);
}

/*
 * The same for a poll that raised no alert: nobody waits for its rows, and
 * a commit costs the same for one source's rows as for fifty, so they
 * gather longer. An alert arriving meanwhile brings the flush forward.
 */
static void
poll_flush_quiet(struct poll *p)
{
	poll_flush_in(p, POLL_FLUSH_QUIET);
}

/* In --once mode, report idleness once nothing is fetched or delivered. */
void
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

/* "prefix:" and 16 hex digits, with the NUL: the longest a hash key takes. */
#define POLL_HASH_LEN		24

/*
 * An item's identity: the strings of a struct store_ident, in place but
 * for the canonical link; the key borrows the item's id when it has one.
 */
struct poll_ident {
	const char	*key;		/* the item's id, link or hash */
	char		*link;		/* owned */
	char		 title[POLL_HASH_LEN];	/* "": too short to tell */
	char		 digest[POLL_HASH_LEN];
	char		 hash[POLL_HASH_LEN];	/* the key made of the text */
	unsigned char	 sketch[SIM_MAX];	/* its text's (sim.h) */
	size_t		 sketchlen;
	/* Owned; the matcher reads them again (match_doc): NULL, not made. */
	struct text	*title_tokens;
	struct text	*summary_tokens;
};

/* FNV-1a over a string's bytes, continuing from h (hash.h). */
static uint64_t
poll_fnv(uint64_t h, const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		h = hash_fnv_step(h, (unsigned char)*s);
	return h;
}

/* "prefix:" and a hash as 16 lower-case hex digits, into out. */
static void
poll_hash_text(char out[POLL_HASH_LEN], const char *prefix, uint64_t h)
{
	static const char	 hex[] = "0123456789abcdef";
	size_t			 n = strlen(prefix), i;

	memcpy(out, prefix, n);
	out[n++] = ':';
	for (i = 0; i < 16; i++)
		out[n++] = hex[(h >> (60 - 4 * i)) & 0xf];
	out[n] = '\0';
}

/*
 * A hash of the normalized text of up to two fields into out; "" when
 * that text is shorter than min.
 */
static void
poll_text_key(char out[POLL_HASH_LEN], const char *prefix, const char *a,
    const char *b, size_t min)
{
	struct buf	 t = { 0 };
	char		*norm;

	out[0] = '\0';
	buf_puts(&t, a ? a : "");
	buf_putc(&t, '\n');
	buf_puts(&t, b ? b : "");
	norm = text_normalize(t.data, t.len);
	buf_free(&t);
	if (strlen(norm) >= min)
		poll_hash_text(out, prefix,
		    poll_fnv(HASH_FNV_BASIS_STORED, norm));
	free(norm);
}

/*
 * The title's key into pi: a hash of its normalized tokens joined by
 * spaces, as poll_text_key() makes it of the title alone, from tokens the
 * matcher reads again. "" when they are shorter than POLL_TITLE_MIN.
 */
static void
poll_title_key(struct text_memo *memo, const struct item *it,
    struct poll_ident *pi)
{
	const struct text_token	*tok;
	uint64_t		 h = HASH_FNV_BASIS_STORED;
	size_t			 i, len = 0;

	pi->title[0] = '\0';
	if (it->title == NULL)
		return;
	pi->title_tokens = text_memo_tokenize(memo, it->title,
	    strlen(it->title));
	for (i = 0; i < text_ntokens(pi->title_tokens); i++) {
		tok = text_token(pi->title_tokens, i);
		if (i > 0)
			h = poll_fnv(h, " ");
		h = poll_fnv(h, tok->norm);
		len += (i > 0) + tok->normlen;
	}
	if (len >= POLL_TITLE_MIN)
		poll_hash_text(pi->title, "title", h);
}

/* Whether a normalized token is a number: digits only. */
static int
poll_number(const struct text_token *t)
{
	size_t	 i;

	for (i = 0; i < t->normlen; i++)
		if (t->norm[i] < '0' || t->norm[i] > '9')
			return 0;
	return t->normlen > 0;
}

/*
 * The sketch of an item's text (its summary, else its content) into pi:
 * what tells two items under one title apart. Only the text's opening
 * counts, so only its first bytes are read.
 */
static void
poll_sketch(struct text_memo *memo, const struct item *it,
    struct poll_ident *pi)
{
	const char		*s = it->summary;
	struct sim_token	 v[SIM_WORDS];
	const struct text_token	*tok;
	struct text		*t;
	size_t			 n, i, len;

	if (s == NULL || s[0] == '\0')
		s = it->content;
	if (s == NULL)
		return;
	len = strnlen(s, POLL_SKETCH_BYTES);
	t = text_memo_tokenize(memo, s, len);
	n = text_ntokens(t) < SIM_WORDS ? text_ntokens(t) : SIM_WORDS;
	for (i = 0; i < n; i++) {
		tok = text_token(t, i);
		v[i] = (struct sim_token){ tok->norm, tok->normlen,
		    poll_number(tok) };
	}
	pi->sketchlen = sim_sketch(v, n, pi->sketch);
	/* A whole summary's tokens are the ones the matcher reads. */
	if (s == it->summary && s[len] == '\0')
		pi->summary_tokens = t;
	else
		text_free(t);
}

/*
 * An item's identity: key = guid (unless other stories of the feed share
 * it), else canonical link (the same proviso), else a hash of its
 * normalized title and summary; plus what else tells it apart (its link,
 * title, digest and the sketch of its text). The digest leaves the content
 * out when the source reads articles: only a new item's fetch puts its
 * article there, so the next poll would take every item for edited and
 * archive the listing's text over the article's. Free it with
 * poll_ident_clear().
 */
static void
poll_ident(struct poll_source *ps, const struct item *it,
    struct poll_ident *pi)
{
	struct poll	*p = ps->poll;
	uint64_t	 h;

	memset(pi, 0, sizeof(*pi));
	if (it->link != NULL && it->link[0] != '\0' && !it->link_shared)
		pi->link = fetch_url_canonical(it->link);
	poll_title_key(p->tokens, it, pi);
	h = poll_fnv(poll_fnv(HASH_FNV_BASIS_STORED, it->title), "\n");
	h = poll_fnv(poll_fnv(h, it->summary), "\n");
	if (!ps->cfg->article)
		h = poll_fnv(h, it->content);
	poll_hash_text(pi->digest, "text", h);
	poll_sketch(p->tokens, it, pi);
	if (it->id != NULL && it->id[0] != '\0' && !it->id_shared)
		pi->key = it->id;
	else if (pi->link != NULL)
		pi->key = pi->link;
	else {
		poll_text_key(pi->hash, "hash", it->title, it->summary, 0);
		pi->key = pi->hash;
	}
}

/* Free what an identity owns. */
static void
poll_ident_clear(struct poll_ident *pi)
{
	free(pi->link);
	text_free(pi->title_tokens);
	text_free(pi->summary_tokens);
}

/* The identity as the store takes it, with the slack of its seen stamp. */
static struct store_ident
poll_store_ident(const struct poll_ident *pi, int64_t keep)
{
	return (struct store_ident){ pi->key, pi->link,
	    pi->title[0] != '\0' ? pi->title : NULL, pi->digest, pi->sketch,
	    pi->sketchlen, keep / POLL_STAMP_SHARE };
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
 * An alert's title: the item's (its opening words when it is longer than
 * POLL_TITLE_CHARS), or for an item that has none (a feed may give only a
 * description) the opening words of its text.
 */
static char *
poll_alert_title(const struct item *it)
{
	const char	*t = it->summary != NULL ? it->summary : it->content;
	size_t		 hs, he;

	if (it->title != NULL && utf8_chars(it->title, strlen(it->title)) >
	    POLL_TITLE_CHARS)
		return text_snippet(it->title, strlen(it->title), 0, 0,
		    POLL_TITLE_CHARS, &hs, &he);
	if (it->title != NULL && it->title[0] != '\0')
		return xstrdup(it->title);
	if (t == NULL || t[0] == '\0')
		return xstrdup("(untitled)");
	return text_snippet(t, strlen(t), 0, 0, POLL_UNTITLED_CHARS, &hs, &he);
}

/* A walk over a text's normalized tokens joined by single spaces. */
struct poll_words {
	const struct text	*t;	/* NULL: no words */
	size_t			 i;	/* the token */
	size_t			 off;	/* the byte in it; its normlen: the
					   space after it */
};

/* The next byte of the joined words, -1 past the last. */
static int
poll_words_next(struct poll_words *w)
{
	const struct text_token	*tok;

	if (w->t == NULL || w->i >= text_ntokens(w->t))
		return -1;
	tok = text_token(w->t, w->i);
	if (w->off < tok->normlen)
		return (unsigned char)tok->norm[w->off++];
	w->i++;
	w->off = 0;
	return w->i < text_ntokens(w->t) ? ' ' : -1;
}

/*
 * Whether a snippet is the same words as the title, whose tokens the
 * identity made (NULL: no title): text_normalize() of each compared, the
 * title's not made again. The snippet goes through the memo, which hands
 * back the summary's tokens when the snippet is the whole summary, and a
 * syndicated copy's when it is a repeated opening.
 */
static int
poll_same_words(struct text_memo *memo, const char *snippet,
    const struct text *title)
{
	struct text		*t = text_memo_tokenize(memo, snippet,
				    strlen(snippet));
	struct poll_words	 a = { t, 0, 0 }, b = { title, 0, 0 };
	int			 c, d;

	do {
		c = poll_words_next(&a);
		d = poll_words_next(&b);
	} while (c == d && c != -1);
	text_free(t);
	return c == d;
}

/*
 * What a notification shows under the title: the sentence of the summary
 * or content that holds the hit; when the hits are all in the title, the
 * opening sentence of the item's text, unless it only repeats the title.
 */
static void
poll_alert_snippet(struct text_memo *memo, const struct item *it,
    const struct text *title, const struct match_hit *h, struct alert *a)
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
	if (h->text_field == 0 && poll_same_words(memo, a->snippet, title)) {
		a->snippet[0] = '\0';
		a->hl_start = a->hl_end = 0;
	}
}

/* Fill an alert from an item, its title's tokens and one of its hits. */
static void
poll_alert_build(struct poll_source *ps, const struct item *it,
    const struct text *title, const struct match_hit *h, struct alert *a)
{
	const struct config_topic	*t = &ps->poll->cfg->topics[h->topic];

	memset(a, 0, sizeof(*a));
	a->topic = xstrdup(t->name);
	a->title = poll_alert_title(it);
	a->link = it->link && strlen(it->link) <= POLL_LINK_MAX ?
	    xstrdup(it->link) : NULL;
	a->source = xstrdup(ps->cfg->name);
	a->terms = xstrdup(h->terms ? h->terms : "");
	poll_alert_snippet(ps->poll->tokens, it, title, h, a);
	a->urgency = t->urgency;
	a->published = it->published != ITEM_NO_TIME ? it->published :
	    it->updated;
}

/* Record one hit's alert unless the item's story has one for its topic. */
static int
poll_hit(struct poll_source *ps, const struct item *it,
    const struct poll_ident *pi, int64_t item_id, const struct match_hit *h,
    struct poll_tally *t)
{
	const char	*topic = ps->poll->cfg->topics[h->topic].name;
	struct alert	 a;
	int		 rc;

	rc = store_alert_known(ps->poll->store, item_id, topic, ps->cfg->name);
	if (rc != 0)
		return rc == 1 ? 0 : -1;
	poll_alert_build(ps, it, pi->title_tokens, h, &a);
	rc = store_alert_add(ps->poll->store, item_id, &a);
	if (rc == 0)
		t->alerts++;
	alert_clear(&a);
	return rc;
}

/* Match an item and record alerts for topics its story has not had. */
static int
poll_item_alerts(struct poll_source *ps, const struct item *it,
    const struct poll_ident *pi, int64_t item_id, struct poll_tally *t)
{
	struct match_doc	 doc = { it->title, it->summary, it->content,
				    ps->cfg->name };
	struct match_tokens	 tok = { pi->title_tokens, pi->summary_tokens };
	struct match_result	 res = { 0 };
	size_t			 i;
	int			 rc = 0;

	if (match_doc_tokens(ps->poll->cfg->match, &doc, &tok, &res) == -1)
		return -1;
	for (i = 0; i < res.n && rc == 0; i++)
		rc = poll_hit(ps, it, pi, item_id, &res.v[i], t);
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

/*
 * Record one item: its text archived when new or edited, alerts when new
 * (and timely) or edited; -1 on error.
 */
static int
poll_item(struct poll_source *ps, const struct item *it, struct poll_tally *t)
{
	struct store		*st = ps->poll->store;
	struct poll_ident	 pi;
	struct store_ident	 id;
	int64_t			 item_id;
	int			 found, changed = 0, rc = 0;

	poll_ident(ps, it, &pi);
	id = poll_store_ident(&pi, ps->poll->cfg->keep);
	found = store_item_find(st, ps->id, &id, it, &item_id, &changed);
	if (found == 0 && (rc = store_item_record(st, ps->id, &id, it,
	    &item_id)) == 0)
		t->fresh++;
	if (found == -1)
		rc = -1;
	else if (rc == 0 && (!found || changed) && ps->poll->cfg->archive) {
		rc = store_item_text(st, item_id, it, pi.title_tokens,
		    pi.summary_tokens);
	}
	if (rc == 0 && (found ? changed : poll_item_timely(it, t)))
		rc = poll_item_alerts(ps, it, &pi, item_id, t);
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

/*
 * Store the items of one body as one unit of the batch that the flush
 * commits; -1 on a database error.
 */
static int
poll_store_items(struct poll_source *ps, const struct item_list *items,
    struct poll_tally *t)
{
	struct store	*st = ps->poll->store;
	size_t		 i;
	int		 primed;

	if (store_unit_begin(st) == -1)
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
	return store_unit_end(st);
fail:
	store_unit_abort(st);
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

/*
 * The error of a page that gave no item for what stands in its place
 * (which says what to do).
 */
static void
poll_wall_error(const char *wall, char *err, size_t errlen)
{
	snprintf(err, errlen, "the server answered with %s", wall);
}

/*
 * The feed a page with no article links shows escaped (a CMS's "view
 * source" page), read in place of the page: FEED_NOT_SHOWN when it shows
 * none, doc left as the page's.
 */
static int
poll_escaped(const struct poll_body *b, struct item_list *out,
    struct poll_doc *doc, char *err, size_t errlen)
{
	struct feed_info	 fi;
	int			 rc;

	rc = feed_parse_escaped(b->data, b->len, b->url, b->charset, out, &fi,
	    err, errlen);
	if (rc == FEED_NOT_SHOWN) {
		feed_info_free(&fi);
		return rc;
	}
	poll_doc_free(doc);
	memset(doc, 0, sizeof(*doc));
	doc->feed = fi;
	return rc;
}

/* Read a body as a feed if it is one, else as a page; see poll.h. */
int
poll_body_items(const struct poll_body *b, struct item_list *out,
    struct poll_doc *doc, char *err, size_t errlen)
{
	size_t	 first = out->n;
	int	 rc;

	memset(doc, 0, sizeof(*doc));
	if (b->selector == NULL && feed_sniff(b->data, b->len))
		return feed_parse(b->data, b->len, b->url, b->charset, out,
		    &doc->feed, err, errlen);
	doc->page = 1;
	if (page_parse_rules(b->data, b->len, b->url, b->charset,
	    b->selector, b->fetched, out, &doc->rules, &doc->info, err,
	    errlen) == -1)
		return -1;
	if (out->n == first && b->selector == NULL &&
	    doc->info.wall != NULL) {
		poll_wall_error(doc->info.wall, err, errlen);
		return -1;
	}
	if (out->n == first && b->selector == NULL &&
	    (rc = poll_escaped(b, out, doc, err, errlen)) != FEED_NOT_SHOWN)
		return rc;
	if (out->n == first && b->selector == NULL) {
		doc->unlinked = 1;
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
	    ps->cfg->items, (int64_t)time(NULL) };

	if (poll_body_items(&b, &run->items, &run->doc, run->err,
	    sizeof(run->err)) == -1) {
		/* A file to save that is neither: the url names a download. */
		if (r->attachment != NULL && run->doc.info.wall == NULL)
			snprintf(run->err, sizeof(run->err), "the server sent "
			    "a file to save%s%s%s, neither a feed nor a page: "
			    "check the source's url", r->attachment[0] ? " (" :
			    "", r->attachment, r->attachment[0] ? ")" : "");
		return -1;
	}
	ps->ttl = run->doc.feed.ttl;
	/* Said as a fetch's warning is: once in the log, in the health row. */
	if (run->doc.info.nested != NULL && run->warning[0] == '\0')
		snprintf(run->warning, sizeof(run->warning), "the page is %s",
		    run->doc.info.nested);
	if (run->items.n == 0 && ps->cfg->items != NULL && ps->items > 0 &&
	    run->doc.info.wall != NULL) {
		poll_wall_error(run->doc.info.wall, run->err,
		    sizeof(run->err));
		return -1;
	}
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

/*
 * Arm the source's timer from its interval, failures and the server's
 * hints; the seconds until it fires.
 */
static double
poll_reschedule(struct poll_source *ps, const struct poll_run *run)
{
	struct sched_hint	 h = { 0 };
	double			 d;

	h.interval = (double)ps->cfg->interval;
	h.failures = ps->failures;
	/* A feed gone for good (410): asked again only at the backoff's cap. */
	if (run->status == 410)
		h.failures = UINT_MAX;
	h.retry_after = (double)run->retry_after;
	h.fresh_for = (double)run->max_age;
	h.ttl = (double)ps->ttl;
	d = sched_delay(&h);
	sched_at(ps->poll->sched, (size_t)(ps - ps->poll->sources), d);
	return d;
}

/*
 * Say why a poll failed and when the source is tried again (delay < 0:
 * at the next run), with the wait the server asked for (429, 503).
 */
static void
poll_log_failure(const struct poll_source *ps, const struct poll_run *run,
    double delay)
{
	char	 safe[512], asked[64] = "", when[64];

	if (run->retry_after > 0)
		snprintf(asked, sizeof(asked), "; the server asks to wait %ld s",
		    run->retry_after);
	if (delay < 0)
		snprintf(when, sizeof(when), "at the next poll");
	else
		snprintf(when, sizeof(when), "in %.0f s", delay);
	log_warn("source %s: %s%s; retrying %s", ps->cfg->name,
	    log_safe(safe, sizeof(safe), run->err, 300), asked, when);
}

/*
 * Where a source moved, as a user reads it: its login left out (it is
 * kept to ask the new URL, a login in the config's url being the user's).
 * In buf; *login says whether one was left out.
 */
static const char *
poll_moved_shown(const struct poll_source *ps, char *buf, size_t len,
    int *login)
{
	char	*shown = fetch_url_nologin(ps->moved);

	*login = strlen(shown) != strlen(ps->moved);
	log_safe(buf, len, shown, 400);
	free(shown);
	return buf;
}

/* Remember a permanent redirect for this run; the config is never rewritten. */
static void
poll_moved(struct poll_source *ps, const struct fetch_result *r)
{
	char	 safe[512];
	int	 login;

	if (r->moved_to == NULL || (ps->moved != NULL &&
	    strcmp(ps->moved, r->moved_to) == 0))
		return;
	free(ps->moved);
	ps->moved = xstrdup(r->moved_to);
	poll_moved_shown(ps, safe, sizeof(safe), &login);
	log_info("source %s: permanently moved to %s; polling it there (update "
	    "the config to keep this%s)", ps->cfg->name, safe,
	    login ? ", with the login its url holds" : "");
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
	char				 summary[256], *url;

	n = (unsigned long)ps->poll->cfg->notify_failures;
	if (n == 0 || (ok ? before < n : before + 1 != n))
		return;
	url = fetch_url_nologin(c->url);
	if (!ok) {
		snprintf(summary, sizeof(summary), "Source %s is broken",
		    c->name);
		buf_printf(&body, "%s (%s) failed %lu times in a row. "
		    "Last error: %s. raqib keeps trying, less often. Open the "
		    "URL in a browser; if the site moved or is gone, fix or "
		    "remove [source %s] in raqib.conf and reload raqib. "
		    "`raqib sources` shows its health.", c->name, url, n,
		    err, c->name);
		poll_notice(summary, &body);
	} else {
		snprintf(summary, sizeof(summary), "Source %s works "
		    "again", c->name);
		buf_printf(&body, "%s (%s) answered again after %u "
		    "failed polls in a row.", c->name, url, before);
		poll_notice(summary, &body);
	}
	free(url);
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

/*
 * Where a source that moved for good was asked, before its error: the
 * URL that failed is not the config's, and the config still wants the
 * move. "" when it has not moved.
 */
static const char *
poll_moved_where(const struct poll_source *ps, char *buf, size_t len)
{
	char	 safe[512];
	int	 login;

	if (ps->moved == NULL)
		return "";
	poll_moved_shown(ps, safe, sizeof(safe), &login);
	if (strlen(ps->moved) >= 400)
		snprintf(buf, len, "asked at the URL of %zu bytes where the "
		    "source moved for good (HTTP 301 or 308; the log has it; "
		    "put it in the config's url once it works): ",
		    strlen(ps->moved));
	else
		snprintf(buf, len, "asked at %s, where the source moved for "
		    "good (HTTP 301 or 308; put it in the config's url%s once "
		    "it works): ", safe, login ? " with its login" : "");
	return buf;
}

/*
 * A failed poll's error for the health row (`raqib sources`, the report):
 * where a moved source was asked, and the wait the server asked for: why
 * the source is quiet for a while.
 */
static const char *
poll_health_error(const struct poll_source *ps, const struct poll_run *run,
    char *buf, size_t len)
{
	char	 where[1024], wait[64] = "";

	if (run->retry_after > 0)
		snprintf(wait, sizeof(wait), " (the server asks to wait %ld s)",
		    run->retry_after);
	snprintf(buf, len, "%s%s%s", poll_moved_where(ps, where,
	    sizeof(where)), run->err, wait);
	return buf;
}

/* a and b into buf, "; " between them when both say something. */
static const char *
poll_join(char *buf, size_t len, const char *a, const char *b)
{
	/* Cut when long: the health row's notes are few and short. */
	if (snprintf(buf, len, "%s%s%s", a, a[0] && b[0] ? "; " : "", b) < 0)
		buf[0] = '\0';
	return buf;
}

/*
 * A permanent move (301, 308) the config does not have yet, for the health
 * row where a user looks: until the url is changed, raqib follows it from
 * memory and a restart asks the old url again. "" when none, or when what
 * became of the url is said with the page it gave.
 */
static const char *
poll_moved_note(const struct poll_source *ps, char *buf, size_t len)
{
	char	 safe[512];
	int	 login;

	if (ps->moved == NULL || ps->page_note != NULL)
		return "";
	poll_moved_shown(ps, safe, sizeof(safe), &login);
	if (strlen(ps->moved) >= 400)
		snprintf(buf, len, "the source moved for good (HTTP 301 or "
		    "308) to a URL of %zu bytes: update url = in the config "
		    "(the log has it)", strlen(ps->moved));
	else
		snprintf(buf, len, "the source moved for good (HTTP 301 or "
		    "308): set url = %s in the config%s", safe,
		    login ? ", with the login your url holds" : "");
	return buf;
}

/*
 * A good poll's note for the health row: a permanent move, what became of
 * a feed's url that gave a page, what the feed reader mended; NULL when
 * none.
 */
static const char *
poll_health_note(const struct poll_source *ps, const char *mended,
    char *buf, size_t len)
{
	char	 moved[640], first[1024];

	poll_join(first, sizeof(first), poll_moved_note(ps, moved,
	    sizeof(moved)), ps->page_note ? ps->page_note : "");
	if (first[0] == '\0')
		return mended[0] != '\0' ? mended : NULL;
	return poll_join(buf, len, first, mended);
}

/* Record a source's health and decide when to poll it next. */
static void
poll_source_done(struct poll_source *ps, struct poll_run *run,
    const struct poll_tally *t)
{
	struct store_health	 h = { 0 };
	struct poll		*p = ps->poll;
	char			 note[256], error[sizeof(run->err) + 1088];
	char			 notes[1024], amiss[sizeof(run->warning) + 260];
	double			 delay = -1;

	h.attempt = (int64_t)time(NULL);
	h.ok = run->err[0] == '\0';
	h.status = run->status;
	h.error = h.ok ? NULL : poll_health_error(ps, run, error,
	    sizeof(error));
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
	h.note = poll_health_note(ps, poll_join(amiss, sizeof(amiss),
	    run->warning, note), notes, sizeof(notes));
	/* Once, and again only after a fetch without it: no log flood. */
	if (h.ok && run->warning[0] != '\0' && !ps->warned)
		log_warn("source %s: %s", ps->cfg->name, run->warning);
	if (h.ok && !run->not_modified)
		ps->warned = run->warning[0] != '\0';
	if (h.ok && !run->not_modified)
		poll_log_mended(ps, &run->doc.feed, note);
	if (store_source_health(p->store, ps->id, &h) == -1)
		poll_store_failed(p);
	poll_source_notices(ps, ps->failures, h.ok, run->err);
	ps->failures = h.ok ? 0 : ps->failures + 1;
	if (!p->once && !p->stopped)
		delay = poll_reschedule(ps, run);
	if (!h.ok)
		poll_log_failure(ps, run, delay);
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

/* bsearch order of sources by database id, the key an id. */
static int
poll_id_cmp(const void *key, const void *elem)
{
	int64_t	 a = *(const int64_t *)key;
	int64_t	 b = (*(struct poll_source *const *)elem)->id;

	return (a > b) - (a < b);
}

/* qsort order of sources by database id. */
static int
poll_byid_cmp(const void *a, const void *b)
{
	return poll_id_cmp(&(*(struct poll_source *const *)a)->id, b);
}

/* The running source with this database id, or NULL (removed by a reload). */
static struct poll_source *
poll_source_by_id(struct poll *p, int64_t id)
{
	struct poll_source	**ps;

	ps = bsearch(&id, p->byid, p->nsources, sizeof(*ps), poll_id_cmp);
	return ps != NULL ? *ps : NULL;
}

/*
 * A source's poll is over. When none is left, the memo of tokens starts
 * afresh: copies of a story arrive within one burst of polls, and a memo
 * kept between bursts would only hold on to its memory (up to a few MB)
 * with texts that return after the interval, long since displaced.
 */
static void
poll_unbusy(struct poll *p)
{
	if (--p->nbusy == 0)
		text_memo_clear(p->tokens);
}

/* A poll of the source is over, for good or ill: it may be polled again. */
static void
poll_source_release(struct poll_source *ps)
{
	ps->busy = 0;
	poll_unbusy(ps->poll);
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
	else if (r->warning != NULL)
		snprintf(run->warning, sizeof(run->warning), "%s", r->warning);
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
		poll_unbusy(p);
		poll_run_free(run);
		poll_check_idle(p);
		return;
	}
	if (run->err[0] == '\0' && !run->not_modified &&
	    poll_store_items(ps, &run->items, &t) == -1)
		poll_store_failed(p);
	/* No write now: the source is polled again once one works. */
	if (!poll_store_blocked(p)) {
		if (run->err[0] == '\0') {
			poll_log_tally(ps, &t);
			if (!run->not_modified)
				ps->items = t.items;
		}
		poll_source_done(ps, run, &t);
	}
	poll_source_release(ps);
	poll_run_free(run);
	if (p->once)
		p->once_left--;
	if (t.alerts > 0)
		poll_flush_soon(p);
	else
		poll_flush_quiet(p);
	poll_check_idle(p);
}

/* One article fetch is over (or cancelled); the last one ends the run. */
static void
poll_run_unref(struct poll_run *run)
{
	if (--run->pending == 0)
		poll_run_end(run);
}

/*
 * An item's page came back: its main text becomes the item's content, and
 * its date the item's when the listing gave none.
 */
static void
poll_article_cb(const struct fetch_result *r, void *arg)
{
	struct poll_article	*a = arg;
	struct poll_run		*run = a->run;
	struct item		*it = &run->items.v[a->i];
	struct page_article	 pa = { .published = ITEM_NO_TIME };
	char			 safe[300];
	struct poll_source	*ps = poll_source_by_id(run->poll, run->id);

	if (r->ok && !r->cancelled && !r->not_modified)
		page_article_read(r->body, r->len, r->url, r->charset, &pa);
	if (it->published == ITEM_NO_TIME)
		it->published = pa.published;
	if (r->cancelled)
		run->cancelled = 1;
	else if (pa.text != NULL) {
		free(it->content);
		it->content = pa.text;
		pa.text = NULL;
	} else if (ps != NULL)
		log_debug("source %s: no article text from %s: %s",
		    ps->cfg->name, log_safe(safe, sizeof(safe), r->url, 200),
		    r->ok ? "no paragraphs" : r->error);
	page_article_free(&pa);
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
	poll_ident(ps, it, &pi);
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

/* Whether a URL reads like a feed's. */
static int
poll_url_feedlike(const char *url)
{
	static const char *const words[] = {
		"rss", "feed", ".xml", ".rdf", ".atom", "=atom"
	};
	char	*low = xstrdup(url), *p;
	size_t	 i;
	int	 found = 0;

	for (p = low; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	for (i = 0; i < nitems(words) && !found; i++)
		found = strstr(low, words[i]) != NULL;
	free(low);
	return found;
}

/*
 * Whether a source without `items =` was meant as a feed: its url gave
 * one earlier in this run, or reads like a feed's. The config does not
 * say: the content decides how a body is read.
 */
static int
poll_meant_feed(const struct poll_source *ps)
{
	return ps->cfg->items == NULL && (ps->was_feed ||
	    poll_url_feedlike(ps->cfg->url));
}

/*
 * Whether a body opens as an HTML document (a doctype, <html>, <head> or
 * <body> in its first KiB), not as text that only the page reader took.
 */
static int
poll_body_html(const char *data, size_t len)
{
	static const char *const tags[] = {
		"<!doctype html", "<html", "<head", "<body"
	};
	size_t	 i, k, n = len < 1024 ? len : 1024;

	for (i = 0; i < n; i++) {
		if (data[i] != '<')
			continue;
		for (k = 0; k < nitems(tags); k++)
			if (n - i >= strlen(tags[k]) &&
			    strncasecmp(data + i, tags[k], strlen(tags[k])) == 0)
				return 1;
	}
	return 0;
}

/* Whether a response came from elsewhere than the source's url. */
static int
poll_redirected(const struct poll_source *ps, const char *url)
{
	char	*a = fetch_url_canonical(ps->cfg->url);
	char	*b = fetch_url_canonical(url);
	int	 differ;

	differ = a == NULL || b == NULL || strcmp(a, b) != 0;
	free(a);
	free(b);
	return differ;
}

/*
 * Keep what a source meant as a feed says of its url answering with a
 * page (note, taken; NULL: it gave a feed), logged when it changes.
 */
static void
poll_page_note_set(struct poll_source *ps, char *note)
{
	char	 safe[1024];

	if (note != NULL && (ps->page_note == NULL ||
	    strcmp(note, ps->page_note) != 0))
		log_warn("source %s: %s", ps->cfg->name,
		    log_safe(safe, sizeof(safe), note, 900));
	free(ps->page_note);
	ps->page_note = note;
}

/*
 * Say that a source meant as a feed got an HTML page from url, and what
 * became of it (how).
 */
static char *
poll_page_note(const struct poll_source *ps, const char *url,
    const char *how)
{
	struct buf	 b = { 0 };
	char		 safe[300];

	if (poll_redirected(ps, url))
		buf_printf(&b, "the feed's url redirects to an HTML page "
		    "(%s)", log_safe(safe, sizeof(safe), url, 250));
	else
		buf_printf(&b, "the feed's url answers with an HTML page");
	buf_puts(&b, how);
	return buf_steal(&b);
}

/*
 * The page a feed's url gave advertises a feed, which is read instead:
 * the site names it as its own, and a feed not read loses news where a
 * wider one costs none (topics choose what alerts). Its url is said.
 */
static void
poll_page_discovered(struct poll_source *ps, const char *url,
    const char *feed)
{
	struct buf	 how = { 0 };
	char		 safe[300];

	log_safe(safe, sizeof(safe), feed, 250);
	buf_printf(&how, " advertising the feed %s: read that instead (set "
	    "url = to it)", safe);
	poll_page_note_set(ps, poll_page_note(ps, url, how.data));
	buf_free(&how);
}

/*
 * After a body of the source's own url was read: remember a feed, and say
 * when a source meant as a feed got a page (in its health row's note, or
 * as its error when the page gave nothing).
 */
static void
poll_page_check(struct poll_source *ps, const struct fetch_result *r,
    struct poll_run *run)
{
	char	*note;

	if (!r->ok || r->not_modified || ps->feed_url != NULL)
		return;
	if (!run->doc.page) {
		if (run->err[0] == '\0') {
			ps->was_feed = 1;
			poll_page_note_set(ps, NULL);
		}
		return;
	}
	if (!poll_meant_feed(ps) || (run->err[0] != '\0' &&
	    !run->doc.unlinked) || !poll_body_html(r->body, r->len))
		return;
	note = poll_page_note(ps, r->url, run->err[0] == '\0' ?
	    ", read as a page for want of a feed: has the feed moved? (set "
	    "url = its new address, or items = to read this page)" :
	    " with neither a feed nor article links: has the feed moved? "
	    "(set url = its new address)");
	if (run->err[0] != '\0')
		snprintf(run->err, sizeof(run->err), "%s", note);
	poll_page_note_set(ps, note);
}

/*
 * A page without `items =` that advertises a feed is read through the
 * feed, from now on for this run (said once). 1 when its fetch started.
 */
static int
poll_discover(struct poll_source *ps, const struct fetch_result *r)
{
	struct poll_body	 b = { r->body, r->len, r->url, r->charset,
	    ps->cfg->items, ITEM_NO_TIME };
	char			*u, safe[300];

	if (!r->ok || r->not_modified || ps->feed_url != NULL ||
	    (u = poll_body_feed(&b)) == NULL)
		return 0;
	ps->feed_url = u;
	log_info("source %s: the page advertises a feed; reading %s",
	    ps->cfg->name, log_safe(safe, sizeof(safe), u, 250));
	if (poll_meant_feed(ps))
		poll_page_discovered(ps, r->url, u);
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
		poll_unbusy(p);
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
	poll_page_check(ps, r, run);
	if (run->err[0] == '\0' && !run->not_modified && ps->cfg->article)
		poll_articles_start(run, ps);
	else
		poll_run_end(run);
}

/*
 * Start one source's fetch: its discovered feed, else where it lives now.
 * Nothing while the database cannot be written: every source is armed
 * again once it can.
 */
static void
poll_source_start(struct poll_source *ps)
{
	struct poll	*p = ps->poll;
	const char	*url = ps->moved ? ps->moved : ps->cfg->url;

	if (ps->busy || p->stopped || poll_store_blocked(p))
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
			poll_store_failed(p);
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
	poll_outbox_due(p);
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
	ps->was_feed = 0;
	ps->page_note = NULL;
}

/* qsort and bsearch order of sources by name. */
static int
poll_name_cmp(const void *a, const void *b)
{
	return strcmp((*(struct poll_source *const *)a)->cfg->name,
	    (*(struct poll_source *const *)b)->cfg->name);
}

/* The sources of a table in the order cmp gives. */
static struct poll_source **
poll_sorted(struct poll_source *v, size_t n,
    int (*cmp)(const void *, const void *))
{
	struct poll_source	**s;
	size_t			  i;

	s = xcalloc(n + 1, sizeof(*s));
	for (i = 0; i < n; i++)
		s[i] = &v[i];
	qsort(s, n, sizeof(*s), cmp);
	return s;
}

/* The running source named as cfg's source, found in byname, or NULL. */
static struct poll_source *
poll_source_by_name(struct poll_source **byname, size_t n,
    const struct config_source *cfg)
{
	struct poll_source	 key = { .cfg = cfg }, *k = &key, **ps;

	ps = bsearch(&k, byname, n, sizeof(*ps), poll_name_cmp);
	return ps != NULL ? *ps : NULL;
}

/*
 * Fill the source table v for cfg: a source already running keeps its id,
 * run of failures, transfer in flight and what it learnt; a new one gets
 * its database row (all in one transaction).
 */
static int
poll_sources_fill(struct poll *p, const struct config *cfg,
    struct poll_source *v, struct poll_source **byname)
{
	struct poll_source	*old;
	size_t			 i;

	if (store_begin(p->store) == -1)
		return -1;
	for (i = 0; i < cfg->nsources; i++) {
		if ((old = poll_source_by_name(byname, p->nsources,
		    &cfg->sources[i])) != NULL) {
			v[i] = *old;
			if (strcmp(old->cfg->url, cfg->sources[i].url) != 0)
				poll_source_unlearn(&v[i]);
		} else if (store_source(p->store, cfg->sources[i].name,
		    &v[i].id) == -1) {
			store_rollback(p->store);
			return -1;
		}
		v[i].poll = p;
		v[i].cfg = &cfg->sources[i];
	}
	return store_commit(p->store);
}

/* A source table for cfg and its index by id; NULL on a database error. */
static struct poll_source *
poll_sources_new(struct poll *p, const struct config *cfg,
    struct poll_source ***byid)
{
	struct poll_source	*v, **byname;
	int			 rc;

	v = xcalloc(cfg->nsources + 1, sizeof(*v));
	byname = poll_sorted(p->sources, p->nsources, poll_name_cmp);
	rc = poll_sources_fill(p, cfg, v, byname);
	free(byname);
	if (rc == -1) {
		log_err("database: %s", store_error(p->store));
		free(v);
		return NULL;
	}
	*byid = poll_sorted(v, cfg->nsources, poll_byid_cmp);
	return v;
}

/* Free a string of a source unless the source that carries it over keeps it. */
static void
poll_release(char *s, const struct poll_source *kept)
{
	if (kept == NULL || (s != kept->moved && s != kept->feed_url &&
	    s != kept->feed_etag && s != kept->feed_lm &&
	    s != kept->page_note))
		free(s);
}

/* Free what the old table owns that the new table does not carry over. */
static void
poll_sources_release(struct poll *p, struct poll_source **byid, size_t n)
{
	struct poll_source	*o, **kept;
	size_t			 i;

	for (i = 0; i < p->nsources; i++) {
		o = &p->sources[i];
		kept = bsearch(&o->id, byid, n, sizeof(*kept), poll_id_cmp);
		poll_release(o->moved, kept ? *kept : NULL);
		poll_release(o->feed_url, kept ? *kept : NULL);
		poll_release(o->feed_etag, kept ? *kept : NULL);
		poll_release(o->feed_lm, kept ? *kept : NULL);
		poll_release(o->page_note, kept ? *kept : NULL);
	}
}

/* Take cfg's sources into use, with their counts from the database. */
static void
poll_sources_set(struct poll *p, const struct config *cfg,
    struct poll_source *v, struct poll_source **byid)
{
	poll_sources_release(p, byid, cfg->nsources);
	free(p->sources);
	free(p->byid);
	p->sources = v;
	p->byid = byid;
	p->nsources = cfg->nsources;
	p->cfg = cfg;
	if (store_source_states(p->store, poll_seed_cb, p) == -1)
		log_warn("database: cannot read source health: %s",
		    store_error(p->store));
}

/* A poller for cfg's sources. */
struct poll *
poll_new(struct event_base *base, const struct config *cfg,
    struct store *store, int once, poll_idle_cb *idle_cb, void *arg)
{
	struct poll		*p;
	struct poll_source	*v, **byid;

	p = xcalloc(1, sizeof(*p));
	p->base = base;
	p->cfg = cfg;
	p->store = store;
	p->once = once;
	p->idle_cb = idle_cb;
	p->idle_arg = arg;
	p->tokens = text_memo_new();
	if ((v = poll_sources_new(p, cfg, &byid)) == NULL) {
		text_memo_free(p->tokens);
		free(p);
		return NULL;
	}
	poll_sources_set(p, cfg, v, byid);
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
	struct poll_source	*v, **byid;
	struct sched		*s;
	double			 outbox, flush;
	size_t			 i, added = 0;

	if ((v = poll_sources_new(p, cfg, &byid)) == NULL)
		return -1;
	if ((s = sched_new(p->base, cfg->nsources + 2, poll_sched_cb, p)) ==
	    NULL) {
		free(v);
		free(byid);
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
	poll_sources_set(p, cfg, v, byid);
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
	poll_outbox_clear(p);
	for (i = 0; i < p->nsources; i++) {
		free(p->sources[i].feed_url);
		free(p->sources[i].feed_etag);
		free(p->sources[i].feed_lm);
		free(p->sources[i].moved);
		free(p->sources[i].page_note);
	}
	free(p->sources);
	free(p->byid);
	text_memo_free(p->tokens);
	free(p);
}

/* Arm the timer of every idle source, their polls spread over a minute. */
void
poll_sources_arm(struct poll *p)
{
	size_t	 i;
	double	 spread;

	for (i = 0; i < p->nsources; i++) {
		spread = p->nsources > 1 ?
		    POLL_SPREAD * (double)i / (double)p->nsources : 0;
		/* A source in flight is armed when it ends. */
		if (!p->sources[i].busy)
			sched_at(p->sched, i, spread);
	}
}

/* Schedule every source. */
void
poll_start(struct poll *p)
{
	size_t	 i;

	poll_flush(p);
	if (p->once) {
		p->once_left = (int)p->nsources;
		for (i = 0; i < p->nsources; i++)
			poll_source_start(&p->sources[i]);
		poll_check_idle(p);
		return;
	}
	poll_sources_arm(p);
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
	st->unwritable = poll_store_blocked(p);
	for (i = 0; i < p->nsources; i++)
		if (p->sources[i].failures > 0)
			st->failing++;
	st->next = sched_next(p->sched);
}
