/*
 * sim: a similarity sketch of a text's opening. The word pairs of its first
 * tokens, hashed to 16 bits, sorted and each kept once, then its numbers
 * likewise: [pairs][pair hashes, big-endian][number hashes, big-endian].
 * Texts are compared by containment (how much of the shorter is in the
 * longer), so a copy cut shorter, or with a dateline put before it, still
 * says the same.
 */
#include <stdint.h>
#include <string.h>

#include "hash.h"
#include "sim.h"

#define SIM_ALIKE_TENTHS	7	/* of the shorter's pairs in the longer */

/* A sketch read back: its pairs' hashes and its numbers', each sorted. */
struct sim_set {
	uint16_t	 pair[SIM_WORDS];
	size_t		 npair;
	uint16_t	 num[SIM_WORDS];
	size_t		 nnum;
};

/* FNV-1a over a token, and the next one after a separator; 16 bits of it. */
static uint16_t
sim_hash(const struct sim_token *a, const struct sim_token *b)
{
	uint64_t	 h = HASH_FNV_BASIS;
	size_t		 i;

	for (i = 0; i < a->len; i++)
		h = hash_fnv_step(h, (unsigned char)a->norm[i]);
	if (b != NULL) {
		h = hash_fnv_step(h, 0x1f);
		for (i = 0; i < b->len; i++)
			h = hash_fnv_step(h, (unsigned char)b->norm[i]);
	}
	return (uint16_t)(h ^ h >> 16 ^ h >> 32 ^ h >> 48);
}

/*
 * Sort v[0..n) and keep each hash once; the new count. An insertion sort:
 * a sketch holds at most SIM_WORDS hashes, mostly a handful, where qsort's
 * set-up and a call per comparison cost more than the sort itself.
 */
static size_t
sim_set_sort(uint16_t *v, size_t n)
{
	size_t		 i, j, w = 0;
	uint16_t	 x;

	for (i = 1; i < n; i++) {
		x = v[i];
		for (j = i; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
	for (i = 0; i < n; i++)
		if (w == 0 || v[i] != v[w - 1])
			v[w++] = v[i];
	return w;
}

/* Append n hashes, big-endian, at out; returns the end. */
static unsigned char *
sim_put(unsigned char *out, const uint16_t *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		*out++ = (unsigned char)(v[i] >> 8);
		*out++ = (unsigned char)v[i];
	}
	return out;
}

/* The sketch of a text's first tokens; see sim.h. */
size_t
sim_sketch(const struct sim_token *v, size_t n, unsigned char *out)
{
	struct sim_set	 s = { .npair = 0 };
	unsigned char	*end;
	size_t		 i;

	if (n > SIM_WORDS)
		n = SIM_WORDS;
	if (n == 0)
		return 0;
	s.pair[s.npair++] = sim_hash(&v[0], n > 1 ? &v[1] : NULL);
	for (i = 1; i + 1 < n; i++)
		s.pair[s.npair++] = sim_hash(&v[i], &v[i + 1]);
	for (i = 0; i < n; i++)
		if (v[i].number)
			s.num[s.nnum++] = sim_hash(&v[i], NULL);
	s.npair = sim_set_sort(s.pair, s.npair);
	s.nnum = sim_set_sort(s.num, s.nnum);
	out[0] = (unsigned char)s.npair;
	end = sim_put(sim_put(out + 1, s.pair, s.npair), s.num, s.nnum);
	return (size_t)(end - out);
}

/* Read n hashes, big-endian, from p. */
static void
sim_get(const unsigned char *p, uint16_t *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		v[i] = (uint16_t)(p[2 * i] << 8 | p[2 * i + 1]);
}

/* Read a stored sketch back; -1 when it is not one. */
static int
sim_read(const unsigned char *p, size_t len, struct sim_set *s)
{
	size_t	 rest;

	if (len < 1 || (size_t)p[0] > SIM_WORDS || 1 + 2 * (size_t)p[0] > len)
		return -1;
	s->npair = p[0];
	rest = len - 1 - 2 * s->npair;
	if (rest % 2 != 0 || rest / 2 > SIM_WORDS)
		return -1;
	s->nnum = rest / 2;
	sim_get(p + 1, s->pair, s->npair);
	sim_get(p + 1 + 2 * s->npair, s->num, s->nnum);
	return 0;
}

/* How many hashes two sorted sets share. */
static size_t
sim_common(const uint16_t *a, size_t na, const uint16_t *b, size_t nb)
{
	size_t	 i = 0, k = 0, n = 0;

	while (i < na && k < nb) {
		if (a[i] == b[k]) {
			n++;
			i++;
			k++;
		} else if (a[i] < b[k])
			i++;
		else
			k++;
	}
	return n;
}

/* Whether two sketches say the same; see sim.h. */
int
sim_alike(const unsigned char *a, size_t alen, const unsigned char *b,
    size_t blen)
{
	struct sim_set	 x, y;
	size_t		 shorter, fewer;

	if (alen == 0 || blen == 0 || sim_read(a, alen, &x) == -1 ||
	    sim_read(b, blen, &y) == -1)
		return 1;
	shorter = x.npair < y.npair ? x.npair : y.npair;
	if (10 * sim_common(x.pair, x.npair, y.pair, y.npair) <
	    SIM_ALIKE_TENTHS * shorter)
		return 0;
	fewer = x.nnum < y.nnum ? x.nnum : y.nnum;
	return sim_common(x.num, x.nnum, y.num, y.nnum) == fewer;
}
