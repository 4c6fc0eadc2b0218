/*
 * match_eval: whether an expression tree holds over a document's phrase
 * hits (phrases, NEAR/n, AND, OR, NOT, field restrictions), the first hit
 * that made it hold, and the terms that fired.
 */
#include <string.h>

#include "buf.h"
#include "compat.h"
#include "match_int.h"

/* The hits of phrase p in one field: [*lo, return value). */
size_t
match_eval_range(const struct match_eval *e, size_t p, unsigned field,
    size_t *lo)
{
	size_t	 a = 0, b = e->nhits, mid, end;

	while (a < b) {
		mid = a + (b - a) / 2;
		if (e->hits[mid].phrase < p ||
		    (e->hits[mid].phrase == p && e->hits[mid].field < field))
			a = mid + 1;
		else
			b = mid;
	}
	*lo = a;
	for (end = a; end < e->nhits && e->hits[end].phrase == p &&
	    e->hits[end].field == field; end++)
		continue;
	return end;
}

/* Take a hit span as *best if it comes earlier (fields in their order). */
static void
match_eval_earlier(struct match_phit *best, unsigned field, size_t start,
    size_t end)
{
	if (best->field != 0 && (best->field < field ||
	    (best->field == field && best->start <= start)))
		return;
	best->field = field;
	best->start = start;
	best->end = end;
}

/* Take a hit span as the topic's first hit, and first in its text. */
static void
match_eval_best(struct match_eval *e, unsigned field, size_t start, size_t end)
{
	match_eval_earlier(&e->best, field, start, end);
	if (field != MATCH_TITLE)
		match_eval_earlier(&e->text, field, start, end);
}

/* Note that phrase p fired. */
static void
match_eval_fired(struct match_eval *e, size_t p)
{
	MATCH_PUT(&e->fired, p);
}

/*
 * Whether a phrase node holds. When collecting, its first hit in each field
 * is offered as the topic's first hit (and first in the item's text).
 */
static int
match_eval_phrase(struct match_eval *e, const struct match_node *n, int collect)
{
	size_t	 i, lo, hi;
	int	 found = 0;

	for (i = 0; i < nitems(match_field_order); i++) {
		if (!(match_field_order[i] & n->fields & e->fields))
			continue;
		hi = match_eval_range(e, n->a, match_field_order[i], &lo);
		if (lo == hi)
			continue;
		if (!collect)
			return 1;
		if (!found)
			match_eval_fired(e, n->a);
		match_eval_best(e, e->hits[lo].field, e->hits[lo].start,
		    e->hits[lo].end);
		found = 1;
	}
	return found;
}

/* The first hit in [lo, hi) whose first token is past tok (hits sorted). */
static size_t
match_eval_after(const struct match_eval *e, size_t lo, size_t hi, size_t tok)
{
	size_t	 mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (e->hits[mid].ti <= tok)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* A hit of b within dist tokens of hit x on either side, or NULL. */
static const struct match_phit *
match_eval_nearest(const struct match_eval *e, const struct match_phit *x,
    size_t blo, size_t bhi, size_t dist)
{
	const struct match_phit	*y;
	size_t			 k;

	k = match_eval_after(e, blo, bhi, x->tj);
	if (k < bhi && e->hits[k].ti - x->tj - 1 <= dist)
		return &e->hits[k];
	for (; k > blo; k--) {
		y = &e->hits[k - 1];
		if (y->tj < x->ti)
			return x->ti - y->tj - 1 <= dist ? y : NULL;
	}
	return NULL;
}

/* Record a NEAR pair as fired, its span covering both. */
static void
match_eval_pair(struct match_eval *e, const struct match_node *a,
    const struct match_node *b, const struct match_phit *x,
    const struct match_phit *y)
{
	match_eval_fired(e, a->a);
	match_eval_fired(e, b->a);
	match_eval_best(e, x->field, x->start < y->start ? x->start : y->start,
	    x->end > y->end ? x->end : y->end);
}

/* A hit of phrase a within dist tokens of one of b in field f, or NULL. */
static const struct match_phit *
match_eval_near_in(const struct match_eval *e, const struct match_node *a,
    const struct match_node *b, size_t dist, unsigned f,
    const struct match_phit **y)
{
	size_t	 alo, ahi, blo, bhi, k;

	if (!(f & a->fields & b->fields & e->fields))
		return NULL;
	ahi = match_eval_range(e, a->a, f, &alo);
	bhi = match_eval_range(e, b->a, f, &blo);
	for (k = alo; k < ahi; k++)
		if ((*y = match_eval_nearest(e, &e->hits[k], blo, bhi,
		    dist)) != NULL)
			return &e->hits[k];
	return NULL;
}

/*
 * Whether phrase nodes a and b occur within dist tokens in one field. When
 * collecting, the first such pair in each field is offered as a hit.
 */
static int
match_eval_near2(struct match_eval *e, const struct match_node *a,
    const struct match_node *b, size_t dist, int collect)
{
	const struct match_phit	*x, *y;
	size_t			 i;
	int			 found = 0;

	for (i = 0; i < nitems(match_field_order); i++) {
		x = match_eval_near_in(e, a, b, dist, match_field_order[i], &y);
		if (x == NULL)
			continue;
		if (!collect)
			return 1;
		match_eval_pair(e, a, b, x, y);
		found = 1;
	}
	return found;
}

/* Whether phrase p has a hit in any field. */
static int
match_eval_seen(const struct match_eval *e, size_t p)
{
	size_t	 lo;

	match_eval_range(e, p, 0, &lo);
	return lo < e->nhits && e->hits[lo].phrase == p;
}

/*
 * Whether some phrase of side a and some phrase of side b (each a phrase,
 * or phrases joined by OR) occur within dist tokens in one field. A phrase
 * of a that the text lacks is not paired with each of b's: a term's other
 * spellings and names make both sides long ORs, most of them unseen.
 */
static int
match_eval_near(struct match_eval *e, size_t a, size_t b, size_t dist,
    int collect)
{
	const struct match_node	*na = &e->m->nodes.v[a], *nb = &e->m->nodes.v[b];

	if (na->op == MATCH_OP_OR)
		return match_eval_near(e, na->a, b, dist, collect) ||
		    match_eval_near(e, na->b, b, dist, collect);
	if (!match_eval_seen(e, na->a))
		return 0;
	if (nb->op == MATCH_OP_OR)
		return match_eval_near(e, a, nb->a, dist, collect) ||
		    match_eval_near(e, a, nb->b, dist, collect);
	return match_eval_near2(e, na, nb, dist, collect);
}

/* Whether node i holds; with collect, keep the phrases that made it hold. */
int
match_eval(struct match_eval *e, size_t i, int collect)
{
	const struct match_node	*n = &e->m->nodes.v[i];
	struct match_phit	 best = e->best, text = e->text;
	size_t			 nfired = e->fired.n;
	int			 a, b;

	switch (n->op) {
	case MATCH_OP_PHRASE:
		return match_eval_phrase(e, n, collect);
	case MATCH_OP_NEAR:
		return match_eval_near(e, n->a, n->b, n->dist, collect);
	case MATCH_OP_NOT:
		return !match_eval(e, n->a, 0);
	case MATCH_OP_OR:
		a = match_eval(e, n->a, collect);
		b = match_eval(e, n->b, collect);
		return a || b;
	case MATCH_OP_AND:
		break;
	}
	if (match_eval(e, n->a, collect) && match_eval(e, n->b, collect))
		return 1;
	e->best = best;
	e->text = text;
	e->fired.n = nfired;
	return 0;
}

/* Whether a topic fires: some match expression holds and no exclude does. */
int
match_eval_topic(struct match_eval *e, const struct match_topic *t)
{
	size_t	 i;
	int	 fires = 0;

	e->fields = t->fields;
	for (i = 0; i < t->exclude.n; i++)
		if (match_eval(e, t->exclude.v[i], 0))
			return 0;
	for (i = 0; i < t->match.n; i++)
		if (match_eval(e, t->match.v[i], 1))
			fires = 1;
	return fires;
}

/* Whether the phrase text at fired index i was already listed. */
static int
match_terms_seen(const struct match_eval *e, size_t i)
{
	const struct match	*m = e->m;
	const char		*s, *o;
	size_t			 k;

	s = m->arena.data + m->phrases.v[e->fired.v[i]].text;
	for (k = 0; k < i; k++) {
		o = m->arena.data + m->phrases.v[e->fired.v[k]].text;
		if (strcmp(s, o) == 0)
			return 1;
	}
	return 0;
}

/* The fired phrases as written, deduplicated and ", "-joined. */
char *
match_terms(const struct match_eval *e)
{
	const struct match_phrase	*ph;
	struct buf			 b = { NULL, 0, 0 };
	size_t				 i;

	for (i = 0; i < e->fired.n; i++) {
		if (match_terms_seen(e, i))
			continue;
		ph = &e->m->phrases.v[e->fired.v[i]];
		if (b.len > 0)
			buf_puts(&b, ", ");
		buf_puts(&b, e->m->arena.data + ph->text);
	}
	return buf_steal(&b);	/* an empty list is "" */
}
