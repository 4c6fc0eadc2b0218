/*
 * match: the matcher's front: topics and their expressions in, compiled
 * (phrases grouped by first word, topics that hold without a hit), then
 * documents matched; the files named match_*.c do each step.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "match_int.h"
#include "xmalloc.h"

/* The fields of a document, in the order a first hit is preferred. */
const unsigned	 match_field_order[3] = {
	MATCH_TITLE, MATCH_SUMMARY, MATCH_CONTENT
};

/*
 * Create an empty matcher, its hash's powers made and its affixes indexed
 * (match_affix_index).
 */
struct match *
match_new(void)
{
	struct match	*m;

	m = xcalloc(1, sizeof(*m));
	match_hash_init(m);
	match_affix_index(m);
	return m;
}

/* Add a topic; fields 0 means all fields. */
long
match_topic_add(struct match *m, const char *name, unsigned fields)
{
	struct match_topic	 t = { 0 };

	if (m->compiled)
		return -1;
	t.name = xstrdup(name ? name : "");
	t.fields = fields & MATCH_ALL ? fields & MATCH_ALL : MATCH_ALL;
	MATCH_PUT(&m->topics, t);
	return (long)(m->topics.n - 1);
}

/* Restrict a topic to one more source name. */
int
match_topic_source_add(struct match *m, size_t topic, const char *source)
{
	if (m->compiled || topic >= m->topics.n)
		return -1;
	MATCH_PUT(&m->topics.v[topic].sources, xstrdup(source));
	return 0;
}

/* The number of topics. */
size_t
match_ntopics(const struct match *m)
{
	return m->topics.n;
}

/* The name of a topic, or NULL past the end. */
const char *
match_topic_name(const struct match *m, size_t topic)
{
	if (topic >= m->topics.n)
		return NULL;
	return m->topics.v[topic].name;
}

/* Add a match or exclude expression to a topic. */
int
match_expr_add(struct match *m, size_t topic, const char *expr, int exclude,
    struct match_error *err)
{
	struct match_parse	 p;
	struct match_topic	*t;
	size_t			 root, nodes = m->nodes.n;
	size_t			 phrases = m->phrases.n, pwords = m->pwords.n;

	memset(&p, 0, sizeof(p));
	p.m = m;
	p.topic = topic;
	p.s = expr;
	p.len = strlen(expr);
	p.err = err;
	if (m->compiled || topic >= m->topics.n)
		return match_fail(&p, 0, "compiled already, or no such topic");
	t = &m->topics.v[topic];
	if (match_parse(&p, &root) == -1) {
		m->nodes.n = nodes;
		m->phrases.n = phrases;
		m->pwords.n = pwords;
		return -1;
	}
	MATCH_PUT(exclude ? &t->xtext : &t->mtext, m->arena.len);
	buf_append(&m->arena, expr, p.len + 1);
	MATCH_PUT(exclude ? &t->exclude : &t->match, root);
	return 0;
}

/* Parse an expression alone. */
int
match_expr_check(const char *expr, struct match_error *err)
{
	struct match	*m = match_new();
	int		 rc;

	match_topic_add(m, "check", 0);
	rc = match_expr_add(m, 0, expr, 0, err);
	match_free(m);
	return rc;
}

/* The most words a phrase has, at least 1. */
size_t
match_phrase_words(const struct match *m)
{
	size_t	 i, n = 1;

	for (i = 0; i < m->phrases.n; i++)
		if (m->phrases.v[i].nwords > n)
			n = m->phrases.v[i].nwords;
	return n;
}

/* Group phrase ids by their first word. */
static void
match_compile_firsts(struct match *m)
{
	struct match_phrase	*ph;
	struct match_word	*w;
	size_t			 i, at = 0;

	m->firsts.n = m->always.n = 0;
	for (i = 0; i < m->words.n; i++)
		m->words.v[i].nfirst = 0;
	for (i = 0; i < m->phrases.n; i++) {
		ph = &m->phrases.v[i];
		m->words.v[m->pwords.v[ph->words]].nfirst++;
	}
	for (i = 0; i < m->words.n; i++) {
		w = &m->words.v[i];
		w->first = at;
		at += w->nfirst;
		w->nfirst = 0;
	}
	for (i = 0; i < m->phrases.n; i++)
		MATCH_PUT(&m->firsts, 0);
	for (i = 0; i < m->phrases.n; i++) {
		ph = &m->phrases.v[i];
		w = &m->words.v[m->pwords.v[ph->words]];
		m->firsts.v[w->first + w->nfirst++] = i;
	}
}

/* Freeze the matcher: index phrases, find topics that hold without hits. */
void
match_compile(struct match *m)
{
	struct match_eval	 e;
	struct match_topic	*t;
	size_t			 i;

	if (m->compiled)
		return;
	match_vowel_spellings(m);
	match_people_spellings(m);
	match_compile_firsts(m);
	match_prefix_index(m);
	m->memo = xcalloc(1, sizeof(*m->memo));
	memset(&e, 0, sizeof(e));
	e.m = m;
	for (i = 0; i < m->topics.n; i++) {
		t = &m->topics.v[i];
		if (match_eval_topic(&e, t))
			MATCH_PUT(&m->always, i);
		e.fired.n = 0;
		m->fields |= t->fields;
	}
	MATCH_VEC_FREE(&e.fired);
	m->compiled = 1;
}

/* Whether a topic reads items of this source (NULL: not known, any). */
int
match_source_ok(const struct match_topic *t, const char *source)
{
	size_t	 i;

	if (t->sources.n == 0 || source == NULL)
		return 1;
	for (i = 0; i < t->sources.n; i++)
		if (strcmp(t->sources.v[i], source) == 0)
			return 1;
	return 0;
}

/* Order size_t values. */
static int
match_size_cmp(const void *a, const void *b)
{
	size_t	 x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* The topics worth evaluating: those with a phrase hit or that need none. */
static void
match_candidates(const struct match *m, const struct match_run *r,
    struct match_sizes *out)
{
	size_t	 i, k, n;

	for (i = 0; i < r->hits.n; i++)
		MATCH_PUT(out, m->phrases.v[r->hits.v[i].phrase].topic);
	for (i = 0; i < m->always.n; i++)
		MATCH_PUT(out, m->always.v[i]);
	if (out->n > 0)
		qsort(out->v, out->n, sizeof(size_t), match_size_cmp);
	for (i = k = 0; i < out->n; i++) {
		n = out->v[i];
		if (k == 0 || out->v[k - 1] != n)
			out->v[k++] = n;
	}
	out->n = k;
}

/* Append the hit of a topic that fired. */
static void
match_result_add(struct match_result *res, size_t *cap, size_t topic,
    const struct match_eval *e)
{
	struct match_hit	*v;

	if (res->n == *cap) {
		*cap = *cap ? *cap * 2 : 4;
		res->v = xreallocarray(res->v, *cap, sizeof(*res->v));
	}
	v = &res->v[res->n++];
	v->topic = topic;
	v->terms = match_terms(e);
	v->field = (enum match_field)e->best.field;
	v->start = e->best.start;
	v->end = e->best.end;
	v->text_field = (enum match_field)e->text.field;
	v->text_start = e->text.start;
	v->text_end = e->text.end;
}

/* Evaluate the candidate topics and collect those that fire. */
static void
match_fire(const struct match *m, const struct match_run *r,
    const struct match_doc *doc, const struct match_sizes *cand,
    struct match_result *res)
{
	const struct match_topic	*t;
	struct match_eval		 e;
	size_t				 i, ti, cap = 0;

	memset(&e, 0, sizeof(e));
	e.m = m;
	e.hits = r->hits.v;
	e.nhits = r->hits.n;
	for (i = 0; i < cand->n; i++) {
		ti = cand->v[i];
		t = &m->topics.v[ti];
		e.fired.n = 0;
		memset(&e.best, 0, sizeof(e.best));
		memset(&e.text, 0, sizeof(e.text));
		if (match_source_ok(t, doc->source) && match_eval_topic(&e, t))
			match_result_add(res, &cap, ti, &e);
	}
	MATCH_VEC_FREE(&e.fired);
}

/* The topics that fire on doc, its fields read from tok; see match.h. */
int
match_doc_tokens(const struct match *m, const struct match_doc *doc,
    const struct match_tokens *tok, struct match_result *res)
{
	struct match_run	 r;
	struct match_sizes	 cand = { NULL, 0, 0 };

	res->v = NULL;
	res->n = 0;
	if (!m->compiled)
		return -1;
	memset(&r, 0, sizeof(r));
	r.m = m;
	match_run_doc(&r, doc, tok);
	match_candidates(m, &r, &cand);
	match_fire(m, &r, doc, &cand, res);
	match_run_free(&r);
	MATCH_VEC_FREE(&cand);
	return 0;
}

/* Match a document; see match.h. */
int
match_doc(const struct match *m, const struct match_doc *doc,
    struct match_result *res)
{
	return match_doc_tokens(m, doc, NULL, res);
}

/* Release a result's hits. */
void
match_result_free(struct match_result *res)
{
	size_t	 i;

	if (res == NULL)
		return;
	for (i = 0; i < res->n; i++)
		free(res->v[i].terms);
	free(res->v);
	res->v = NULL;
	res->n = 0;
}

/* Release one topic's memory. */
static void
match_topic_free(struct match_topic *t)
{
	size_t	 i;

	for (i = 0; i < t->sources.n; i++)
		free(t->sources.v[i]);
	MATCH_VEC_FREE(&t->sources);
	MATCH_VEC_FREE(&t->match);
	MATCH_VEC_FREE(&t->exclude);
	MATCH_VEC_FREE(&t->mtext);
	MATCH_VEC_FREE(&t->xtext);
	free(t->name);
}

/* Release a matcher. */
void
match_free(struct match *m)
{
	size_t	 i;

	if (m == NULL)
		return;
	for (i = 0; i < m->topics.n; i++)
		match_topic_free(&m->topics.v[i]);
	for (i = 0; i < MATCH_W_NKINDS; i++)
		free(m->hash[i].slot);
	MATCH_VEC_FREE(&m->topics);
	MATCH_VEC_FREE(&m->words);
	MATCH_VEC_FREE(&m->phrases);
	MATCH_VEC_FREE(&m->pwords);
	MATCH_VEC_FREE(&m->nodes);
	MATCH_VEC_FREE(&m->firsts);
	MATCH_VEC_FREE(&m->always);
	buf_free(&m->arena);
	match_prefix_free(m);
	free(m->memo);
	free(m);
}
