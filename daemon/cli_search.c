/*
 * cli_search: raqib search and raqib preview, the watch-list language over
 * the archive. Candidates come from the archive's full-text index
 * (match_filter() builds a query that can't miss what the matcher
 * accepts), then the matcher decides each one, as it does when it alerts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "cli_int.h"
#include "config.h"
#include "item.h"
#include "match.h"
#include "store.h"
#include "text.h"
#include "xmalloc.h"

#define CLI_SEARCH_SNIPPET	160	/* characters around a hit */

/* What one search prints its rows with. */
struct cli_search {
	const struct match	*m;
	int			 json;
	size_t			 found;
};

/* The field of an archived item the matcher names. */
static const char *
cli_search_field(const struct store_text_row *r, enum match_field f)
{
	switch (f) {
	case MATCH_SUMMARY:
		return r->summary;
	case MATCH_CONTENT:
		return r->content;
	default:
		return r->title;
	}
}

/*
 * The snippet of a hit with it in «»: the hit in the item's text when
 * there is one (the title is printed anyway), else in the title. Caller
 * frees.
 */
static char *
cli_search_snippet(const struct store_text_row *r, const struct match_hit *h)
{
	enum match_field	 f = h->text_field ? h->text_field : h->field;
	size_t			 s = h->text_field ? h->text_start : h->start;
	size_t			 e = h->text_field ? h->text_end : h->end;
	const char		*text = cli_search_field(r, f);
	struct buf		 out = { 0 };
	size_t			 hs, he;
	char			*snip;

	if (text == NULL)
		text = "";
	if (f == 0)
		s = e = 0;
	snip = text_snippet(text, strlen(text), s, e, CLI_SEARCH_SNIPPET, &hs,
	    &he);
	if (hs == he)
		buf_puts(&out, snip);
	else
		buf_printf(&out, "%.*s«%.*s»%s", (int)hs, snip, (int)(he - hs),
		    snip + hs, snip + he);
	free(snip);
	return buf_steal(&out);
}

/* Print one item the search found, as a block or a JSON line. */
static void
cli_search_print(const struct cli_search *cs, const struct store_text_row *r,
    const struct match_hit *h)
{
	char	 when[32];
	char	*snip = cli_search_snippet(r, h);

	if (cs->json) {
		printf("{\"id\":%lld,\"time\":", (long long)r->id);
		cli_json_time(r->time);
		fputs(",\"source\":", stdout);
		cli_json_string(r->source);
		fputs(",\"title\":", stdout);
		cli_json_string(r->title);
		fputs(",\"link\":", stdout);
		cli_json_string(r->link);
		fputs(",\"terms\":", stdout);
		cli_json_string(h->terms);
		fputs(",\"snippet\":", stdout);
		cli_json_string(snip);
		fputs("}\n", stdout);
	} else {
		cli_when(r->time, when, sizeof(when));
		printf("%s  %s: %s\n  %s\n  %s\n", when, r->source,
		    r->title != NULL ? r->title : "", r->link != NULL ?
		    r->link : "", snip);
	}
	free(snip);
}

/* The matcher's verdict on an archived item, as it would be when polled. */
static int
cli_search_match(const struct match *m, const struct store_text_row *r,
    struct match_result *res)
{
	struct match_doc	 doc = { r->title, r->summary, r->content,
				    r->source };

	return match_doc(m, &doc, res);
}

/* store_texts() callback: print the candidate when the matcher fires. */
static int
cli_search_cb(const struct store_text_row *r, void *arg)
{
	struct cli_search	*cs = arg;
	struct match_result	 res = { 0 };

	if (cli_search_match(cs->m, r, &res) == -1)
		return -1;
	if (res.n > 0) {
		cli_search_print(cs, r, &res.v[0]);
		cs->found++;
	}
	match_result_free(&res);
	return 0;
}

/* The query from the operands, joined by spaces (quotes are optional). */
static char *
cli_search_query(const struct cli_opts *o)
{
	struct buf	 q = { 0 };
	int		 i;

	for (i = 0; i < o->argc; i++)
		buf_printf(&q, "%s%s", i > 0 ? " " : "", o->argv[i]);
	return buf_steal(&q);
}

/* A matcher of one topic, the query; NULL after a message. */
static struct match *
cli_search_matcher(const char *query)
{
	struct match		*m = match_new();
	struct match_error	 err;

	match_topic_add(m, "search", 0);
	if (match_expr_add(m, 0, query, 0, &err) == -1) {
		fprintf(stderr, "raqib: search: column %d: %s\n", err.column,
		    err.msg);
		match_free(m);
		return NULL;
	}
	match_compile(m);
	return m;
}

/*
 * The database, read beside the daemon; an index made under an earlier
 * version's normalizer is said, as a search may miss items until the
 * daemon has indexed them anew (main.c, at its start).
 */
static struct store *
cli_search_open(const char *path)
{
	struct store	*s;
	char		 err[512];

	cli_no_database_yet(path);
	if ((s = store_open(path, STORE_READ, err, sizeof(err))) == NULL) {
		fprintf(stderr, "raqib: %s\n", err);
		return NULL;
	}
	if (store_index_stale(s) == 1)
		fprintf(stderr, "raqib: the archive was indexed by an earlier "
		    "version of raqib, so this may miss items; restart the "
		    "daemon (systemctl --user restart raqib) to index it "
		    "anew\n");
	return s;
}

/* Run a search over the archive: filter, then the matcher. */
static int
cli_search_run(const struct config *cfg, const struct cli_opts *o,
    struct match *m, int64_t since)
{
	struct cli_search	 cs = { m, o->json, 0 };
	struct buf		 filter = { 0 };
	struct store_text_query	 q = { NULL, since, o->source };
	struct store		*s;
	int			 rc = 1;

	match_filter(m, 0, &filter);
	q.filter = filter.data;
	s = cli_search_open(cfg->database);
	if (s != NULL && store_texts(s, &q, cli_search_cb, &cs) == 0)
		rc = 0;
	else if (s != NULL)
		fprintf(stderr, "raqib: %s\n", store_error(s));
	store_close(s);
	buf_free(&filter);
	return rc;
}

/* raqib search: archived items a match line fires on, newest first. */
int
cli_search(struct cli_opts *o)
{
	struct config	*cfg;
	struct match	*m;
	char		*query;
	int64_t		 since;
	int		 rc;

	if (o->argc < 1)
		return -1;
	if ((since = cli_since(o->since)) == -1)
		return 2;
	query = cli_search_query(o);
	m = cli_search_matcher(query);
	free(query);
	if (m == NULL)
		return 2;
	if ((cfg = cli_config(o)) == NULL) {
		match_free(m);
		return o->status;
	}
	rc = cli_search_run(cfg, o, m, since);
	match_free(m);
	config_free(cfg);
	return rc;
}

#define CLI_PREVIEW_SINCE	"30d"

/* An item a topic would have alerted, or an alert raised (title only). */
struct cli_seen {
	size_t	 topic;
	int64_t	 time;
	int64_t	 story;
	char	*title;
	char	*source;
	char	*link;		/* NULL for an alert raised */
	char	 day[16];	/* YYYY-MM-DD, local */
};

/* A growable list of them. */
struct cli_seens {
	struct cli_seen	*v;
	size_t		 n, cap;
};

/* What one preview gathers. */
struct cli_preview {
	const struct config	*cfg;
	size_t			 topic;		/* SIZE_MAX: every topic */
	struct cli_seens	 would;		/* items the topics fire on */
	struct cli_seens	 raised;	/* alerts on archived items */
};

/* Append one entry, its strings copied. */
static void
cli_seens_add(struct cli_seens *l, size_t topic, int64_t time, int64_t story,
    const char *title, const char *source, const char *link)
{
	struct cli_seen	*e;
	time_t		 tt = (time_t)time;
	struct tm	 tm;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	e = &l->v[l->n++];
	e->topic = topic;
	e->time = time;
	e->story = story;
	e->title = xstrdup(title != NULL ? title : "");
	e->source = xstrdup(source != NULL ? source : "");
	e->link = link != NULL ? xstrdup(link) : NULL;
	strftime(e->day, sizeof(e->day), "%Y-%m-%d",
	    localtime_r(&tt, &tm) ? &tm : &(struct tm){ 0 });
}

/* Free a list. */
static void
cli_seens_free(struct cli_seens *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].title);
		free(l->v[i].source);
		free(l->v[i].link);
	}
	free(l->v);
}

/* Whether the list holds the topic's story. */
static int
cli_seens_has(const struct cli_seens *l, size_t topic, int64_t story)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].topic == topic && l->v[i].story == story)
			return 1;
	return 0;
}

/* store_texts() callback: note each previewed topic the item fires. */
static int
cli_preview_cb(const struct store_text_row *r, void *arg)
{
	struct cli_preview	*p = arg;
	struct match_result	 res = { 0 };
	size_t			 i;

	if (cli_search_match(p->cfg->match, r, &res) == -1)
		return -1;
	for (i = 0; i < res.n; i++)
		if (p->topic == SIZE_MAX || res.v[i].topic == p->topic)
			cli_seens_add(&p->would, res.v[i].topic, r->time,
			    r->story, r->title, r->source, r->link);
	match_result_free(&res);
	return 0;
}

/* store_alert_stories() callback: note an alert of a previewed topic. */
static int
cli_preview_raised_cb(const struct store_story_row *r, void *arg)
{
	struct cli_preview	*p = arg;
	size_t			 i;

	for (i = 0; i < p->cfg->ntopics; i++)
		if (strcmp(p->cfg->topics[i].name, r->topic) == 0 &&
		    (p->topic == SIZE_MAX || p->topic == i) &&
		    !cli_seens_has(&p->raised, i, r->story))
			cli_seens_add(&p->raised, i, r->time, r->story,
			    r->title, r->source, NULL);
	return 0;
}

/*
 * The query of the full-text index for the previewed topics: theirs
 * ORed; empty (every item) when one of them narrows nothing.
 */
static void
cli_preview_filter(const struct cli_preview *p, struct buf *out)
{
	struct buf	 f = { 0 };
	size_t		 i;

	buf_reset(out);
	for (i = 0; i < p->cfg->ntopics; i++) {
		if (p->topic != SIZE_MAX && p->topic != i)
			continue;
		if (match_filter(p->cfg->match, i, &f) != 1) {
			buf_reset(out);
			break;
		}
		buf_printf(out, "%s(%s)", out->len > 0 ? " OR " : "", f.data);
	}
	buf_free(&f);
}

/* The number of distinct stories among v[0, n). */
static size_t
cli_preview_stories(struct cli_seen *const *v, size_t n)
{
	size_t	 i, j, k = 0;

	for (i = 0; i < n; i++) {
		for (j = 0; j < i && v[j]->story != v[i]->story; j++)
			;
		k += j == i;
	}
	return k;
}

/* The entries of one topic, in the list's order (newest first). */
static struct cli_seen **
cli_preview_of(const struct cli_seens *l, size_t topic, size_t *n)
{
	struct cli_seen	**v = xreallocarray(NULL, l->n + 1, sizeof(*v));
	size_t		  i;

	for (*n = 0, i = 0; i < l->n; i++)
		if (l->v[i].topic == topic)
			v[(*n)++] = &l->v[i];
	return v;
}

/* A topic's items and stories per day, newest first; the items with --list. */
static void
cli_preview_days(struct cli_seen *const *v, size_t n, int list)
{
	size_t	 i, j, end;

	for (i = 0; i < n; i = end) {
		for (end = i; end < n && strcmp(v[end]->day, v[i]->day) == 0;
		    end++)
			;
		printf("  %s  %zu items  %zu stories\n", v[i]->day, end - i,
		    cli_preview_stories(v + i, end - i));
		for (j = i; list && j < end; j++)
			printf("    %s: %s\n      %s\n", v[j]->source,
			    v[j]->title, v[j]->link ? v[j]->link : "");
	}
}

/*
 * The stories of a topic in one list and not the other, once each:
 * "would add" (fired now, no alert raised) or "would drop" (raised, fires
 * no more).
 */
static void
cli_preview_diff(struct cli_seen *const *a, size_t na,
    const struct cli_seens *b, size_t topic, const char *what, char mark)
{
	size_t	 i, j, n = 0;

	for (i = 0; i < na; i++) {
		for (j = 0; j < i && a[j]->story != a[i]->story; j++)
			;
		n += j == i && !cli_seens_has(b, topic, a[i]->story);
	}
	printf("  %s: %zu\n", what, n);
	for (i = 0; i < na; i++) {
		for (j = 0; j < i && a[j]->story != a[i]->story; j++)
			;
		if (j == i && !cli_seens_has(b, topic, a[i]->story))
			printf("  %c %s  %s: %s\n", mark, a[i]->day,
			    a[i]->source, a[i]->title);
	}
}

/* Print one topic's preview. */
static void
cli_preview_topic(const struct cli_preview *p, size_t topic, int list)
{
	struct cli_seen	**w, **r;
	size_t		  nw, nr;

	w = cli_preview_of(&p->would, topic, &nw);
	r = cli_preview_of(&p->raised, topic, &nr);
	printf("topic %s: %zu items, %zu stories\n", p->cfg->topics[topic].name,
	    nw, cli_preview_stories(w, nw));
	cli_preview_days(w, nw, list);
	cli_preview_diff(w, nw, &p->raised, topic, "would add", '+');
	cli_preview_diff(r, nr, &p->would, topic, "would drop", '-');
	free(w);
	free(r);
}

/* Gather what the topics fire on in the archive, and the alerts raised. */
static int
cli_preview_gather(struct cli_preview *p, int64_t since)
{
	struct buf		 filter = { 0 };
	struct store_text_query	 q = { NULL, since, NULL };
	struct store		*s;
	int			 rc = -1;

	if ((s = cli_search_open(p->cfg->database)) == NULL)
		return -1;
	cli_preview_filter(p, &filter);
	q.filter = filter.data;
	if (store_texts(s, &q, cli_preview_cb, p) == -1 ||
	    store_alert_stories(s, since, cli_preview_raised_cb, p) == -1)
		fprintf(stderr, "raqib: %s\n", store_error(s));
	else
		rc = 0;
	store_close(s);
	buf_free(&filter);
	return rc;
}

/*
 * raqib preview: the config's topics, as in the file now, over the
 * archive: per topic, items and stories per day, and the difference
 * against the alerts raised.
 */
int
cli_preview(struct cli_opts *o)
{
	struct cli_preview	 p = { 0 };
	struct config		*cfg;
	int64_t			 since;
	size_t			 i;
	int			 rc = 1;

	if (o->argc != 0)
		return -1;
	if ((since = cli_since(o->since ? o->since : CLI_PREVIEW_SINCE)) == -1)
		return 2;
	if ((cfg = cli_config(o)) == NULL)
		return o->status;
	p.cfg = cfg;
	if (cli_topic(o, cfg, &p.topic) == -1)
		rc = 2;
	else if (cli_preview_gather(&p, since) == 0) {
		for (i = 0; i < cfg->ntopics; i++)
			if (p.topic == SIZE_MAX || p.topic == i)
				cli_preview_topic(&p, i, o->list);
		rc = 0;
	}
	cli_seens_free(&p.would);
	cli_seens_free(&p.raised);
	config_free(cfg);
	return rc;
}
