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

/* A time as local "YYYY-MM-DD HH:MM". */
static void
cli_search_when(int64_t t, char *out, size_t len)
{
	time_t		 tt = (time_t)t;
	struct tm	 tm;

	strftime(out, len, "%Y-%m-%d %H:%M",
	    localtime_r(&tt, &tm) ? &tm : &(struct tm){ 0 });
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
		cli_search_when(r->time, when, sizeof(when));
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

/* Run a search over the archive: filter, then the matcher. */
static int
cli_search_run(const struct config *cfg, const struct cli_opts *o,
    struct match *m, int64_t since)
{
	struct cli_search	 cs = { m, o->json, 0 };
	struct buf		 filter = { 0 };
	struct store_text_query	 q = { NULL, since, o->source };
	struct store		*s;
	char			 err[512];
	int			 rc = 1;

	match_filter(m, 0, &filter);
	q.filter = filter.data;
	if ((s = store_open(cfg->database, STORE_READ, err,
	    sizeof(err))) == NULL)
		fprintf(stderr, "raqib: %s\n", err);
	else if (store_texts(s, &q, cli_search_cb, &cs) == -1)
		fprintf(stderr, "raqib: %s\n", store_error(s));
	else
		rc = 0;
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
