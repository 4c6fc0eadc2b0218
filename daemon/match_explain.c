/* match_explain: how the matcher sees a document (`raqib match --explain`). */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "compat.h"
#include "match_int.h"
#include "text.h"

/* The names of the fields of mask, ", "-joined, into out. */
static void
match_explain_fields(unsigned mask, struct buf *out)
{
	static const char *const names[] = { "title", "summary", "content" };
	size_t			 i;
	int			 first = 1;

	for (i = 0; i < nitems(names); i++) {
		if (!(mask & match_field_order[i]))
			continue;
		buf_printf(out, "%s%s", first ? "" : ", ", names[i]);
		first = 0;
	}
}

/* The fields of doc whose text is the same as field i's (NULL-safe). */
static unsigned
match_explain_same(const char *const *texts, size_t n, size_t i)
{
	unsigned	 mask = 0;
	size_t		 k;

	for (k = 0; k < n; k++)
		if (texts[k] != NULL && strcmp(texts[k], texts[i]) == 0)
			mask |= match_field_order[k];
	return mask;
}

/* One line per distinct field text: the fields, then the normalized tokens. */
static void
match_explain_tokens(const struct match_doc *doc, struct buf *out)
{
	const char	*texts[] = { doc->title, doc->summary, doc->content };
	size_t		 i;
	unsigned	 done = 0, same;
	char		*norm;

	for (i = 0; i < nitems(texts); i++) {
		if (texts[i] == NULL || (done & match_field_order[i]))
			continue;
		same = match_explain_same(texts, nitems(texts), i);
		done |= same;
		norm = text_normalize(texts[i], strlen(texts[i]));
		buf_puts(out, "tokens (");
		match_explain_fields(same, out);
		buf_printf(out, "): %s\n", norm);
		free(norm);
	}
}

/* Whether a pattern word only matches a token exactly (3 letters or fewer). */
static int
match_word_exact(const struct match_word *w)
{
	return !w->affix && w->kind != MATCH_W_SKEL;
}

/* A phrase's words (all, or only the exact ones): word, word*, ~skeleton. */
static void
match_explain_list(const struct match *m, const struct match_phrase *ph,
    int exact, struct buf *out)
{
	const struct match_word	*w;
	size_t			 i;
	int			 first = 1;

	for (i = 0; i < ph->nwords; i++) {
		w = &m->words.v[m->pwords.v[ph->words + i]];
		if (exact && !match_word_exact(w))
			continue;
		buf_printf(out, "%s%s%s%s", first ? "" : " ",
		    w->kind == MATCH_W_SKEL ? "~" : "", m->arena.data + w->key,
		    w->kind == MATCH_W_PREFIX ? "*" : "");
		first = 0;
	}
}

/* A phrase's words as compared, then those that must match exactly. */
static void
match_explain_words(const struct match *m, const struct match_phrase *ph,
    struct buf *out)
{
	size_t	 i;

	match_explain_list(m, ph, 0, out);
	for (i = 0; i < ph->nwords; i++)
		if (match_word_exact(&m->words.v[m->pwords.v[ph->words + i]]))
			break;
	if (i == ph->nwords)
		return;
	buf_puts(out, " (exact: ");
	match_explain_list(m, ph, 1, out);
	buf_putc(out, ')');
}

/* Where a phrase node was first found in doc, or that it was not. */
static void
match_explain_found(const struct match_eval *e, const struct match_node *n,
    const struct match_doc *doc, struct buf *out)
{
	const char		*texts[] = { doc->title, doc->summary,
				    doc->content };
	const struct match_phit	*h;
	size_t			 i, lo;

	for (i = 0; i < nitems(texts); i++) {
		if (!(match_field_order[i] & n->fields & e->fields) ||
		    match_eval_range(e, n->a, match_field_order[i], &lo) == lo)
			continue;
		h = &e->hits[lo];
		buf_puts(out, "found in ");
		match_explain_fields(match_field_order[i], out);
		buf_printf(out, ": %.*s\n", (int)(h->end - h->start),
		    texts[i] + h->start);
		return;
	}
	buf_puts(out, "not found\n");
}

/* One line per phrase of the expression tree under node i. */
static void
match_explain_node(const struct match_eval *e, size_t i,
    const struct match_doc *doc, struct buf *out)
{
	const struct match		*m = e->m;
	const struct match_node		*n = &m->nodes.v[i];
	const struct match_phrase	*ph;

	if (n->op != MATCH_OP_PHRASE) {
		match_explain_node(e, n->a, doc, out);
		if (n->op != MATCH_OP_NOT)
			match_explain_node(e, n->b, doc, out);
		return;
	}
	ph = &m->phrases.v[n->a];
	buf_printf(out, "    %s -> ", m->arena.data + ph->text);
	match_explain_words(m, ph, out);
	if (n->fields != MATCH_ALL) {
		buf_puts(out, " in ");
		match_explain_fields(n->fields, out);
	}
	buf_puts(out, ": ");
	match_explain_found(e, n, doc, out);
}

/* The expressions of one kind (match or exclude) of a topic. */
static void
match_explain_exprs(struct match_eval *e, const struct match_sizes *roots,
    const struct match_sizes *texts, const char *kind,
    const struct match_doc *doc, struct buf *out)
{
	size_t	 i;

	for (i = 0; i < roots->n; i++) {
		buf_printf(out, "  %s = %s: %s\n", kind,
		    e->m->arena.data + texts->v[i],
		    match_eval(e, roots->v[i], 0) ? "holds" : "does not hold");
		match_explain_node(e, roots->v[i], doc, out);
	}
}

/* One topic: whether it fires and why. */
static void
match_explain_topic(struct match_eval *e, size_t ti,
    const struct match_doc *doc, struct buf *out)
{
	const struct match_topic	*t = &e->m->topics.v[ti];
	int				 read, fires;

	e->fired.n = 0;
	e->fields = t->fields;
	memset(&e->best, 0, sizeof(e->best));
	memset(&e->text, 0, sizeof(e->text));
	read = match_source_ok(t, doc->source);
	fires = read && match_eval_topic(e, t);
	buf_printf(out, "topic %s: %s", t->name,
	    fires ? "fires" : "does not fire");
	if (!read)
		buf_printf(out, " (not read from source %s)", doc->source);
	if (t->fields != MATCH_ALL) {
		buf_puts(out, " (fields: ");
		match_explain_fields(t->fields, out);
		buf_putc(out, ')');
	}
	buf_putc(out, '\n');
	match_explain_exprs(e, &t->match, &t->mtext, "match", doc, out);
	match_explain_exprs(e, &t->exclude, &t->xtext, "exclude", doc, out);
}

/* Explain how the matcher sees doc: tokens, then each topic's expressions. */
int
match_explain(const struct match *m, const struct match_doc *doc,
    size_t topic, struct buf *out)
{
	struct match_run	 r;
	struct match_eval	 e;
	size_t			 i;

	if (!m->compiled)
		return -1;
	memset(&r, 0, sizeof(r));
	memset(&e, 0, sizeof(e));
	r.m = e.m = m;
	match_run_doc(&r, doc, NULL);
	match_explain_tokens(doc, out);
	e.hits = r.hits.v;
	e.nhits = r.hits.n;
	for (i = 0; i < m->topics.n; i++)
		if (topic == SIZE_MAX || topic == i)
			match_explain_topic(&e, i, doc, out);
	MATCH_VEC_FREE(&e.fired);
	match_run_free(&r);
	return 0;
}
