/*
 * match_words: the compiled form's word tables: each distinct pattern word
 * (exact, word*, ~skeleton) once, found by a polynomial hash (match_int.h)
 * behind a bloom filter; filters of the keys' prefixes (one of words and
 * word*, one of ~word skeletons), which spare a form or a stem the lookups
 * when no key can start so; what the memo of the words recent tokens stood
 * for keeps (its lookup is inline, match_int.h); the consonant skeletons
 * of ~words.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "compat.h"
#include "match_int.h"
#include "xmalloc.h"

/* A vector's array v of elements of size bytes, its room *cap doubled. */
void *
match_grow(void *v, size_t *cap, size_t size)
{
	*cap = *cap ? *cap * 2 : 16;
	return xreallocarray(v, *cap, size);
}

/* The number of code points in a UTF-8 string. */
size_t
match_cplen(const char *s, size_t len)
{
	size_t	 i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

/*
 * The letters of a word of cps code points less a leading ال: a plural,
 * dual or pronoun suffix asks for four, as on a shorter word it makes
 * another (البحرين, Bahrain, is not البحر + ين).
 */
static unsigned
match_letters(const char *s, size_t len, size_t cps)
{
	if (len >= 4 && memcmp(s, "ال", 4) == 0)
		cps -= 2;
	return (unsigned)cps;
}

/* Continue a key's hash over more bytes. */
uint64_t
match_hash_more(uint64_t h, const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		h = match_hash_step(h, (unsigned char)s[i]);
	return h;
}

/* The hash of a key. */
static uint64_t
match_hash_of(const char *s, size_t len)
{
	return match_hash_more(0, s, len);
}

/* Fill the powers of the hash's multiplier (match_piece_hash). */
void
match_hash_init(struct match *m)
{
	size_t	 i;

	m->pow[0] = 1;
	for (i = 1; i < nitems(m->pow); i++)
		m->pow[i] = m->pow[i - 1] * MATCH_POLY;
}

/*
 * The bloom filter's word for a hash and its two bits there (the hash's
 * low bits are weak: mix first): both in one word, so that a check is one
 * load, where a miss in the near caches costs more than the check. 20,000
 * words leave about 1% of misses to the tables.
 */
static size_t
match_bloom_at(uint64_t h, uint64_t *mask)
{
	uint64_t	 x = h * MATCH_MIXBLOOM;

	*mask = (uint64_t)1 << (x >> 20 & 63) | (uint64_t)1 << (x >> 26 & 63);
	return (size_t)(x >> (64 - (MATCH_BLOOMBITS - 6)));
}

/* Whether both filter bits of a hash are set: the key may be in a table. */
static int
match_bloom_has(const struct match *m, uint64_t h)
{
	uint64_t	 mask;
	size_t		 i = match_bloom_at(h, &mask);

	return (m->bloom[i] & mask) == mask;
}

/* The home slot of a hash in a table. */
static size_t
match_slot_of(const struct match_hash *t, uint64_t h)
{
	return (size_t)((h * MATCH_MIXSLOT) >> (64 - t->bits));
}

/* Whether word w's key is k's a + b. */
static int
match_key_eq(const struct match *m, const struct match_word *w,
    const struct match_key *k)
{
	const char	*key = m->arena.data + w->key;

	return w->len == k->alen + k->blen &&
	    memcmp(key, k->a, k->alen) == 0 &&
	    memcmp(key + k->alen, k->b, k->blen) == 0;
}

/* The word of the given kind with this key, or SIZE_MAX. */
size_t
match_hash_find(const struct match *m, int kind, const struct match_key *k)
{
	const struct match_hash	*h = &m->hash[kind];
	const struct match_slot	*sl;
	size_t			 i;

	if (h->cap == 0 || !match_bloom_has(m, k->h))
		return SIZE_MAX;
	for (i = match_slot_of(h, k->h); h->slot[i].id != 0;
	    i = (i + 1) & (h->cap - 1)) {
		sl = &h->slot[i];
		if (sl->h == k->h && match_key_eq(m,
		    &m->words.v[sl->id - 1], k))
			return sl->id - 1;
	}
	return SIZE_MAX;
}

/* The word of the given kind whose key is s, or SIZE_MAX. */
size_t
match_find(const struct match *m, int kind, const char *s, size_t len)
{
	struct match_key	 k = { s, "", len, 0, match_hash_of(s, len) };

	return match_hash_find(m, kind, &k);
}

/* Place word id of this hash in a table known to have room. */
static void
match_hash_place(struct match_hash *h, uint64_t hash, size_t id)
{
	size_t	 i;

	for (i = match_slot_of(h, hash); h->slot[i].id != 0;
	    i = (i + 1) & (h->cap - 1))
		continue;
	h->slot[i].h = hash;
	h->slot[i].id = id + 1;
}

/* Add word id to a table and the filter, doubling the table past half full. */
static void
match_hash_put(struct match *m, int kind, uint64_t hash, size_t id)
{
	struct match_hash	*h = &m->hash[kind];
	struct match_slot	*old = h->slot;
	size_t			 oldcap = h->cap, i;
	uint64_t		 mask;

	if (2 * (h->n + 1) > h->cap) {
		h->bits = oldcap ? h->bits + 1 : 6;
		h->cap = (size_t)1 << h->bits;
		h->slot = xcalloc(h->cap, sizeof(*h->slot));
		for (i = 0; i < oldcap; i++)
			if (old[i].id != 0)
				match_hash_place(h, old[i].h, old[i].id - 1);
		free(old);
	}
	match_hash_place(h, hash, id);
	h->n++;
	i = match_bloom_at(hash, &mask);
	m->bloom[i] |= mask;
}

/* The id of a pattern word, added when new. */
size_t
match_word_get(struct match *m, int kind, const char *s, size_t len)
{
	struct match_word	 w = { 0 };
	struct match_key	 k = { s, "", len, 0, match_hash_of(s, len) };
	size_t			 id, cps;

	if ((id = match_hash_find(m, kind, &k)) != SIZE_MAX)
		return id;
	cps = match_cplen(s, len);
	w.key = m->arena.len;
	w.len = len;
	w.affix = cps >= MATCH_AFFIXMIN;
	w.definite = cps >= MATCH_AFFIXMIN - 1;
	w.letters = match_letters(s, len, cps);
	w.kind = kind;
	w.canon = m->words.n;
	MATCH_PUT(&m->words, w);
	id = m->words.n - 1;
	buf_append(&m->arena, s, len);
	buf_putc(&m->arena, '\0');
	match_hash_put(m, kind, k.h, id);
	if (kind == MATCH_W_PREFIX)
		m->prefixlens[len / 64] |= (uint64_t)1 << (len % 64);
	return id;
}

MATCH_VEC(match_u64s, uint64_t);

/*
 * The number of distinct values among v[0, n), counted in a set that
 * probes linearly: sorting them cost a fifth of compiling a watch-list.
 */
static size_t
match_u64_distinct(const uint64_t *v, size_t n)
{
	uint64_t	*set;
	size_t		 cap = 16, i, j, d = 0;
	int		 zero = 0;

	while (cap < 2 * n)
		cap *= 2;
	set = xcalloc(cap, sizeof(*set));
	for (i = 0; i < n; i++) {
		if (v[i] == 0) {
			zero = 1;	/* 0 marks an empty slot */
			continue;
		}
		for (j = (size_t)(v[i] ^ v[i] >> 32) & (cap - 1);
		    set[j] != 0 && set[j] != v[i]; j = (j + 1) & (cap - 1))
			continue;
		d += set[j] == 0;
		set[j] = v[i];
	}
	free(set);
	return d + (size_t)zero;
}

/*
 * Append the hash of each prefix of a word's key, cut at characters: after
 * each byte that no continuation byte follows.
 */
static void
match_prefix_hashes(const struct match *m, const struct match_word *w,
    struct match_u64s *hs)
{
	const unsigned char	*key = (const unsigned char *)m->arena.data +
				    w->key;
	uint64_t		 h = 0;
	size_t			 k;

	if (hs->cap < hs->n + w->len)
		MATCH_RESERVE(hs, hs->n + w->len > 2 * hs->cap ?
		    hs->n + w->len : 2 * hs->cap);
	for (k = 0; k < w->len; k++) {
		h = match_hash_step(h, key[k]);
		if (k + 1 == w->len || (key[k + 1] & 0xC0) != 0x80)
			hs->v[hs->n++] = h;
	}
}

/*
 * Fill a filter with the prefixes of the keys of ~words (skel) or of the
 * other words, sized by the distinct prefixes: keys share most of theirs,
 * and a small filter stays in a near cache, where each form and stem of a
 * text word checks it. MATCH_PFXBITS bits a prefix leave a few in a
 * hundred false passes.
 */
static void
match_pfx_make(const struct match *m, struct match_pfx *f, int skel)
{
	struct match_u64s	 hs = { NULL, 0, 0 };
	uint64_t		 mask, *at;
	size_t			 i, n;

	for (i = 0; i < m->words.n; i++)
		if ((m->words.v[i].kind == MATCH_W_SKEL) == skel)
			match_prefix_hashes(m, &m->words.v[i], &hs);
	n = match_u64_distinct(hs.v, hs.n);
	for (f->bits = 3; ((size_t)64 << f->bits) < n * MATCH_PFXBITS &&
	    f->bits < 32; f->bits++)
		continue;
	free(f->w);
	f->w = xcalloc((size_t)1 << f->bits, sizeof(*f->w));
	for (i = 0; i < hs.n; i++) {
		at = match_prefix_at(f, hs.v[i], &mask);
		*at |= mask;
	}
	MATCH_VEC_FREE(&hs);
}

/* Build the prefix filters: one of the words' keys, one of ~words'. */
void
match_prefix_index(struct match *m)
{
	match_pfx_make(m, &m->pfx, 0);
	match_pfx_make(m, &m->skelpfx, 1);
}

/* Release the prefix filters. */
void
match_prefix_free(struct match *m)
{
	free(m->pfx.w);
	free(m->skelpfx.w);
}

/* Whether token hash h was missed once already; note it if not. */
static int
match_memo_seen(struct match_memos *mm, uint64_t h)
{
	size_t		 bit = (size_t)(h >> 20) & (((size_t)1 <<
			    MATCH_SEENBITS) - 1);
	uint64_t	*w = &mm->seen[bit / 64];
	uint64_t	 mask = (uint64_t)1 << bit % 64;

	if (*w & mask)
		return 1;
	if (++mm->nseen > ((size_t)1 << MATCH_SEENBITS) / 4) {
		memset(mm->seen, 0, sizeof(mm->seen));
		mm->nseen = 1;
	}
	*w |= mask;
	return 0;
}

/*
 * Remember the words token k stands for, ids[from, n), in its slot, when
 * it was missed before.
 */
void
match_memo_put(const struct match *m, const struct match_tok *k,
    const struct match_sizes *ids, size_t from)
{
	struct match_memo	*e;
	size_t			 i, n = ids->n - from;

	if (k->len == 0 || n > MATCH_MEMOIDS)
		return;
	for (i = 0; i < n; i++)
		if (ids->v[from + i] > UINT32_MAX)
			return;
	if (!match_memo_seen(m->memo, k->h))
		return;
	e = match_memo_slot(m, k);
	memcpy(e->w, k->w, sizeof(e->w));
	e->len = (uint8_t)k->len;
	e->nids = (uint8_t)n;
	for (i = 0; i < n; i++)
		e->id[i] = (uint32_t)ids->v[from + i];
}

/* The consonant skeleton of s into out (MATCH_FORMLEN bytes); its length. */
size_t
match_skeleton(const char *s, size_t len, char *out)
{
	size_t		 i, n = 0, cl;
	uint32_t	 c;

	for (i = 0; i < len; i += cl) {
		c = match_char(s + i, len - i, &cl);
		if (!match_skel_dropped(c) && n + cl < MATCH_FORMLEN) {
			memcpy(out + n, s + i, cl);
			n += cl;
		}
	}
	return n;
}
