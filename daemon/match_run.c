/*
 * match_run: a document's fields into phrase hits: tokens (text.h), the
 * pattern words each stands for, the phrases that start at each token.
 */
#include <stdlib.h>
#include <string.h>

#include "compat.h"
#include "match_int.h"
#include "text.h"

/* Whether token i stands for word id. */
static int
match_run_has(const struct match_run *r, size_t i, size_t id)
{
	size_t	 k;

	for (k = r->at.v[i]; k < r->at.v[i + 1]; k++)
		if (r->ids.v[k] == id)
			return 1;
	return 0;
}

/* Whether phrase p occurs at token i of ntok. */
static int
match_run_phrase_at(const struct match_run *r, size_t p, size_t i, size_t ntok)
{
	const struct match_phrase	*ph;
	size_t				 k;

	ph = &r->m->phrases.v[p];
	if (ntok - i < ph->nwords)
		return 0;
	for (k = 1; k < ph->nwords; k++)
		if (!match_run_has(r, i + k,
		    r->m->pwords.v[ph->words + k]))
			return 0;
	return 1;
}

/* Record a phrase found at tokens [i, i + nwords) of a field. */
static void
match_run_hit(struct match_run *r, const struct text *t, unsigned field,
    size_t p, size_t i)
{
	struct match_phit	 h;
	size_t			 n = r->m->phrases.v[p].nwords;

	h.phrase = p;
	h.field = field;
	h.ti = i;
	h.tj = i + n - 1;
	h.start = text_token(t, i)->start;
	h.end = text_token(t, i + n - 1)->end;
	MATCH_PUT(&r->hits, h);
}

/* Find the phrases that start at token i of ntok. */
static void
match_run_starts(struct match_run *r, const struct text *t, unsigned field,
    size_t i, size_t ntok)
{
	const struct match_word	*w;
	size_t			 k, j, p;

	for (k = r->at.v[i]; k < r->at.v[i + 1]; k++) {
		w = &r->m->words.v[r->ids.v[k]];
		for (j = w->first; j < w->first + w->nfirst; j++) {
			p = r->m->firsts.v[j];
			if (match_run_phrase_at(r, p, i, ntok))
				match_run_hit(r, t, field, p, i);
		}
	}
}

/*
 * Look a field's tokens up (match_run_field() reads them), with room for a
 * word for each made at once.
 */
static void
match_run_field_tokens(struct match_run *r, const struct text *t)
{
	size_t	 n = text_ntokens(t);

	r->ids.n = r->at.n = r->with.n = 0;
	MATCH_RESERVE(&r->at, n + 1);
	MATCH_RESERVE(&r->ids, n);
	match_run_tokens(r, text_tokens(t), n);
	MATCH_PUT(&r->at, r->ids.n);
}

/* Find every phrase in one field's tokens (match_run_field_tokens()). */
static void
match_run_field(struct match_run *r, const struct text *t, unsigned field)
{
	size_t	 i;

	for (i = 0; i < r->with.n; i++)
		match_run_starts(r, t, field, r->with.v[i], text_ntokens(t));
}

/* Order phrase hits by phrase, field, then position. */
static int
match_phit_cmp(const void *a, const void *b)
{
	const struct match_phit	*x = a, *y = b;

	if (x->phrase != y->phrase)
		return x->phrase < y->phrase ? -1 : 1;
	if (x->field != y->field)
		return x->field < y->field ? -1 : 1;
	if (x->ti != y->ti)
		return x->ti < y->ti ? -1 : 1;
	return 0;
}

/*
 * Find the phrases in every field a topic reads, its tokens from tok
 * (may be NULL) when the caller made them.
 */
void
match_run_doc(struct match_run *r, const struct match_doc *doc,
    const struct match_tokens *tok)
{
	const char		*texts[] = { doc->title, doc->summary,
				    doc->content };
	const struct text	*given[] = { tok ? tok->title : NULL,
				    tok ? tok->summary : NULL, NULL };
	const char		*last = NULL;
	const struct text	*t = NULL;
	struct text		*own = NULL;
	size_t			 i;

	for (i = 0; i < nitems(texts); i++) {
		if (texts[i] == NULL || !(r->m->fields & match_field_order[i]))
			continue;
		/* One text in several fields (raqib match) is read once. */
		if (texts[i] != last) {
			text_free(own);
			own = NULL;
			if ((t = given[i]) == NULL)
				t = own = text_tokenize(texts[i],
				    strlen(texts[i]));
			match_run_field_tokens(r, t);
			last = texts[i];
		}
		match_run_field(r, t, match_field_order[i]);
	}
	text_free(own);
	if (r->hits.n > 0)
		qsort(r->hits.v, r->hits.n, sizeof(*r->hits.v), match_phit_cmp);
}

/* Release a run's vectors. */
void
match_run_free(struct match_run *r)
{
	MATCH_VEC_FREE(&r->ids);
	MATCH_VEC_FREE(&r->at);
	MATCH_VEC_FREE(&r->with);
	MATCH_VEC_FREE(&r->hits);
}
