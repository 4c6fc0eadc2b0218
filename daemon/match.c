/* match: the watch-list language; topics compiled into one matcher. Pure. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "compat.h"
#include "hash.h"
#include "match.h"
#include "text.h"
#include "xmalloc.h"

#define MATCH_DEPTH	64	/* nesting of parentheses and NOT */
#define MATCH_NEARMAX	10000
#define MATCH_TOKMAX	127	/* bytes; longer tokens only match exactly */
#define MATCH_AFFIXMIN	4	/* letters; shorter words only match exactly */
#define MATCH_SKELMIN	3	/* consonants a ~word must keep */
#define MATCH_FORMLEN	(MATCH_TOKMAX + 16)
#define MATCH_BLOOMBITS	19	/* a 64 KB filter in front of the word tables */
#define MATCH_MIXSLOT	0x9E3779B97F4A7C15ULL	/* spread a hash's bits */
#define MATCH_MIXBLOOM	0xC2B2AE3D27D4EB4FULL

/* A growable array of one type: v[0, n) in use, room for cap. */
#define MATCH_VEC(name, type)	struct name { type *v; size_t n, cap; }

/* Append the value x to a typed vector. */
#define MATCH_PUT(vec, x) do {						\
	if ((vec)->n == (vec)->cap)					\
		(vec)->v = match_grow((vec)->v, &(vec)->cap,		\
		    sizeof(*(vec)->v));					\
	(vec)->v[(vec)->n++] = (x);					\
} while (0)

/* Release a typed vector's memory. */
#define MATCH_VEC_FREE(vec) do {					\
	free((vec)->v);							\
	(vec)->v = NULL;						\
	(vec)->n = (vec)->cap = 0;					\
} while (0)

MATCH_VEC(match_sizes, size_t);
MATCH_VEC(match_strs, char *);

enum match_wkind {
	MATCH_W_EXACT,	/* a word, with clitics and suffixes */
	MATCH_W_PREFIX,	/* word* */
	MATCH_W_SKEL,	/* ~word: its consonant skeleton */
	MATCH_W_NKINDS
};

/* A distinct pattern word; its key lives in the arena. */
struct match_word {
	size_t	 key, len;	/* NUL-terminated key in m->arena */
	int	 affix;		/* long enough to match with clitics */
	int	 article;	/* written with a bare ال (not أل, إل, آل) */
	int	 kind;		/* enum match_wkind */
	size_t	 first, nfirst;	/* phrases starting with it, in m->firsts */
};
MATCH_VEC(match_words, struct match_word);

/* A run of words matched as consecutive tokens. */
struct match_phrase {
	size_t	 topic;
	size_t	 words, nwords;	/* word ids, in m->pwords */
	size_t	 text;		/* as written, NUL-terminated in m->arena */
};
MATCH_VEC(match_phrases, struct match_phrase);

enum match_op {
	MATCH_OP_PHRASE,
	MATCH_OP_NOT,
	MATCH_OP_AND,
	MATCH_OP_OR,
	MATCH_OP_NEAR
};

/* One node of an expression tree. */
struct match_node {
	enum match_op	 op;
	size_t		 a, b;		/* children; PHRASE: a is the phrase */
	unsigned	 fields;	/* PHRASE: where it may match */
	size_t		 dist;		/* NEAR: most tokens between */
};
MATCH_VEC(match_nodes, struct match_node);

struct match_topic {
	char			*name;
	unsigned		 fields;
	struct match_sizes	 match;		/* root nodes */
	struct match_sizes	 exclude;	/* root nodes */
	struct match_sizes	 mtext, xtext;	/* each expression as
						   written, in m->arena */
	struct match_strs	 sources;	/* owned */
};
MATCH_VEC(match_topics, struct match_topic);

/* One slot of a word table: the key's hash and the word id + 1 (0: empty). */
struct match_slot {
	uint64_t	 h;
	size_t		 id;
};

/* Open addressing from a key to a word id. */
struct match_hash {
	struct match_slot	*slot;
	size_t			 cap, n;
	unsigned		 bits;		/* cap is 1 << bits */
};

/* A key to look up, in two pieces (a form and a restored ending). */
struct match_key {
	const char	*a, *b;
	size_t		 alen, blen;
	uint64_t	 h;		/* the hash of a + b */
};

struct match {
	struct match_topics	 topics;
	struct match_words	 words;
	struct match_phrases	 phrases;
	struct match_sizes	 pwords;	/* word ids of phrases */
	struct match_nodes	 nodes;
	struct match_sizes	 firsts;	/* phrase ids by 1st word */
	struct match_sizes	 always;	/* topics that hold with no hit
						   at all (NOT x) */
	struct match_hash	 hash[MATCH_W_NKINDS];
	struct buf		 arena;
	uint64_t		 prefixlens[2];	/* bit n: a prefix of n bytes */
	uint64_t		 sufmask[256];	/* by last byte: bit k, suffix k */
	uint64_t		 bloom[((size_t)1 << MATCH_BLOOMBITS) / 64];
	unsigned		 fields;	/* fields any topic reads */
	int			 compiled;
};

/* A phrase found in a document field. */
struct match_phit {
	size_t		 phrase;
	unsigned	 field;
	size_t		 ti, tj;	/* first and last token */
	size_t		 start, end;	/* bytes in the field */
};
MATCH_VEC(match_phits, struct match_phit);

/* Matching state for one document. */
struct match_run {
	const struct match	*m;
	struct match_sizes	 ids;	/* word ids of tokens, flat */
	struct match_sizes	 at;	/* where each token's ids start */
	struct match_phits	 hits;
};

/* A token with its proclitics taken off, hashed at every length. */
struct match_base {
	char		 s[MATCH_FORMLEN];
	size_t		 len;
	int		 whole;			/* the token as it stands */
	uint64_t	 h[MATCH_FORMLEN + 1];	/* h[k]: hash of s[0, k), at
						   character boundaries k */
	char		 skel[MATCH_FORMLEN];	/* its consonant skeleton, */
	size_t		 skellen;		/*   when the matcher has */
	uint64_t	 skelh;			/*   ~words, and its hash */
};

#define MATCH_STR(s)	s, sizeof(s) - 1

/*
 * Proclitics (conjunction, preposition, article), normalized. A word after
 * لل has lost the alef of its article, so ال + rest is tried too; after
 * وال, بال … the row of و, ب … already gives ال + rest.
 */
static const struct match_proclitic {
	const char	*s;
	size_t		 len;
	int		 article;	/* also try ال + rest */
} match_proclitics[] = {
	{ MATCH_STR("و"), 0 }, { MATCH_STR("ف"), 0 }, { MATCH_STR("ب"), 0 },
	{ MATCH_STR("ك"), 0 }, { MATCH_STR("ل"), 0 }, { MATCH_STR("وب"), 0 },
	{ MATCH_STR("فب"), 0 }, { MATCH_STR("وك"), 0 }, { MATCH_STR("فك"), 0 },
	{ MATCH_STR("ول"), 0 }, { MATCH_STR("فل"), 0 },
	{ MATCH_STR("ال"), 0 }, { MATCH_STR("وال"), 0 },
	{ MATCH_STR("فال"), 0 }, { MATCH_STR("بال"), 0 },
	{ MATCH_STR("كال"), 0 }, { MATCH_STR("لل"), 1 },
	{ MATCH_STR("وبال"), 0 }, { MATCH_STR("فبال"), 0 },
	{ MATCH_STR("وكال"), 0 }, { MATCH_STR("فكال"), 0 },
	{ MATCH_STR("ولل"), 1 }, { MATCH_STR("فلل"), 1 }
};

/* What may stand where a suffix was: a name's own ending (روسيا → روسي). */
static const char *const match_restore_none[] = { "", NULL };
static const char *const match_restore_ar[] = { "", "ا", "يا", NULL };
static const char *const match_restore_ru[] = { "", "а", "я", "ь", "й", NULL };
static const char *const match_restore_y[] = { "y", NULL };

#define MATCH_AR(x)	{ MATCH_STR(x), match_restore_ar }
#define MATCH_EN(x)	{ MATCH_STR(x), match_restore_none }
#define MATCH_RU(x)	{ MATCH_STR(x), match_restore_ru }

/* The closed list of suffixes a text word may add to a term word. */
static const struct match_suffix {
	const char		 *s;
	size_t			  len;
	const char *const	 *restore;
} match_suffixes[] = {
	/* Arabic nisba adjectives, after ة → ه: كازاخستاني, الكازاخستانية */
	MATCH_AR("ي"), MATCH_AR("يه"), MATCH_AR("يا"), MATCH_AR("ييه"),
	MATCH_AR("يين"), MATCH_AR("يون"), MATCH_AR("يان"), MATCH_AR("يات"),
	MATCH_AR("يتين"), MATCH_AR("يتان"),
	/* English plurals, and demonyms in -i (Kazakhstani, Iraqis) */
	MATCH_EN("s"), MATCH_EN("es"), MATCH_EN("i"), MATCH_EN("is"),
	{ MATCH_STR("ies"), match_restore_y },
	/* Russian noun case endings, and adjectives in -ский */
	MATCH_RU("а"), MATCH_RU("у"), MATCH_RU("е"), MATCH_RU("ы"),
	MATCH_RU("и"), MATCH_RU("ю"), MATCH_RU("я"), MATCH_RU("ом"),
	MATCH_RU("ой"), MATCH_RU("ою"), MATCH_RU("ов"), MATCH_RU("ев"),
	MATCH_RU("ей"), MATCH_RU("ем"), MATCH_RU("ам"), MATCH_RU("ям"),
	MATCH_RU("ах"), MATCH_RU("ях"), MATCH_RU("ами"), MATCH_RU("ями"),
	MATCH_RU("ью"), MATCH_RU("ский"), MATCH_RU("ская"), MATCH_RU("ское"),
	MATCH_RU("ские"), MATCH_RU("ского"), MATCH_RU("скому"),
	MATCH_RU("ским"), MATCH_RU("ском"), MATCH_RU("ской"), MATCH_RU("скую"),
	MATCH_RU("ских"), MATCH_RU("скими")
};

_Static_assert(nitems(match_suffixes) <= 64,
    "the suffix masks hold 64 suffixes");

/* Letters a consonant skeleton leaves out, as match_char packs them. */
static const uint32_t match_skel_drop[] = {
	0xD8A7,		/* ا */
	0xD988,		/* و */
	0xD98A,		/* ي */
	0xD8A1		/* ء */
};

/* Field prefixes of the expression language. */
static const struct match_fieldname {
	const char	*s;
	unsigned	 field;
} match_fieldnames[] = {
	{ "title:", MATCH_TITLE },
	{ "summary:", MATCH_SUMMARY },
	{ "content:", MATCH_CONTENT }
};

/* The fields of a document, in the order a first hit is preferred. */
static const unsigned match_field_order[] = {
	MATCH_TITLE, MATCH_SUMMARY, MATCH_CONTENT
};

enum match_lex {
	MATCH_L_END,
	MATCH_L_WORD,
	MATCH_L_QUOTE,
	MATCH_L_LPAREN,
	MATCH_L_RPAREN,
	MATCH_L_AND,
	MATCH_L_OR,
	MATCH_L_NOT,
	MATCH_L_NEAR,
	MATCH_L_FIELD
};

/* Operator words: uppercase only, so "and" stays a word. */
static const struct match_opword {
	const char	*s;
	enum match_lex	 kind;
} match_opwords[] = {
	{ "AND", MATCH_L_AND },
	{ "OR", MATCH_L_OR },
	{ "NOT", MATCH_L_NOT }
};

/* One lexeme of an expression. */
struct match_lexeme {
	enum match_lex	 kind;
	size_t		 pos, len;	/* bytes in the expression */
	unsigned	 field;		/* MATCH_L_FIELD */
	size_t		 dist;		/* MATCH_L_NEAR */
};

/* Parser state for one expression. */
struct match_parse {
	struct match		*m;
	size_t			 topic;
	const char		*s;
	size_t			 len, pos;	/* pos: the lexer's place */
	struct match_lexeme	 cur, prev;
	int			 depth;
	struct match_error	*err;
};

/* Evaluation state for one topic on one document. */
struct match_eval {
	const struct match	*m;
	const struct match_phit	*hits;
	size_t			 nhits;
	unsigned		 fields;	/* the topic's */
	struct match_sizes	 fired;		/* phrases that fired */
	struct match_phit	 best;		/* field 0 while none */
};

/* A vector's array v of elements of size bytes, its room *cap doubled. */
static void *
match_grow(void *v, size_t *cap, size_t size)
{
	*cap = *cap ? *cap * 2 : 16;
	return xreallocarray(v, *cap, size);
}

/* The number of code points in a UTF-8 string. */
static size_t
match_cplen(const char *s, size_t len)
{
	size_t	 i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

/* The bytes of the UTF-8 character at s packed into one number; its length. */
static uint32_t
match_char(const char *s, size_t len, size_t *cl)
{
	const unsigned char	*u = (const unsigned char *)s;
	uint32_t		 c = u[0];
	size_t			 n;

	for (n = 1; n < len && n < 4 && (u[n] & 0xC0) == 0x80; n++)
		c = c << 8 | u[n];
	*cl = n;
	return c;
}

/*
 * Continue FNV-1a over more bytes, one character per step: a chain of
 * multiplies is the cost of hashing, and Arabic takes two bytes a letter.
 */
static uint64_t
match_fnv_more(uint64_t h, const char *s, size_t len)
{
	size_t	 i, cl;

	for (i = 0; i < len; i += cl)
		h = hash_fnv_step(h, match_char(s + i, len - i, &cl));
	return h;
}

/* FNV-1a over a key, by characters. */
static uint64_t
match_fnv(const char *s, size_t len)
{
	return match_fnv_more(HASH_FNV_BASIS, s, len);
}

/*
 * The two bloom filter bits of a hash (FNV's low bits are weak: mix first),
 * as a mask per bit: 20,000 words leave under 1% of misses to the tables.
 */
static void
match_bloom_bits(uint64_t h, size_t b[2])
{
	uint64_t	 x = h * MATCH_MIXBLOOM;

	b[0] = (size_t)(x >> (64 - MATCH_BLOOMBITS));
	b[1] = (size_t)((x >> 8) & (((uint64_t)1 << MATCH_BLOOMBITS) - 1));
}

/* Whether both filter bits of a hash are set: the key may be in a table. */
static int
match_bloom_has(const struct match *m, uint64_t h)
{
	size_t	 b[2];

	match_bloom_bits(h, b);
	return (m->bloom[b[0] / 64] >> (b[0] % 64) & 1) &&
	    (m->bloom[b[1] / 64] >> (b[1] % 64) & 1);
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
static size_t
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
static size_t
match_find(const struct match *m, int kind, const char *s, size_t len)
{
	struct match_key	 k = { s, "", len, 0, match_fnv(s, len) };

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
	size_t			 oldcap = h->cap, i, b[2];

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
	match_bloom_bits(hash, b);
	m->bloom[b[0] / 64] |= (uint64_t)1 << (b[0] % 64);
	m->bloom[b[1] / 64] |= (uint64_t)1 << (b[1] % 64);
}

/* The id of a pattern word, added when new. */
static size_t
match_word_get(struct match *m, int kind, const char *s, size_t len)
{
	struct match_word	 w = { 0 };
	size_t			 id;

	if ((id = match_find(m, kind, s, len)) != SIZE_MAX)
		return id;
	w.key = m->arena.len;
	w.len = len;
	w.affix = match_cplen(s, len) >= MATCH_AFFIXMIN;
	w.kind = kind;
	MATCH_PUT(&m->words, w);
	id = m->words.n - 1;
	buf_append(&m->arena, s, len);
	buf_putc(&m->arena, '\0');
	match_hash_put(m, kind, match_fnv(s, len), id);
	if (kind == MATCH_W_PREFIX)
		m->prefixlens[len / 64] |= (uint64_t)1 << (len % 64);
	return id;
}

/* Whether a character, packed by match_char, is one a skeleton leaves out. */
static int
match_skel_dropped(uint32_t c)
{
	size_t	 k;

	for (k = 0; k < nitems(match_skel_drop); k++)
		if (c == match_skel_drop[k])
			return 1;
	return 0;
}

/* The consonant skeleton of s into out (MATCH_FORMLEN bytes); its length. */
static size_t
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

/* Whether s ends with the suffix x, keeping at least two letters. */
static int
match_ends(const char *s, size_t len, const struct match_suffix *x)
{
	return x->len < len && memcmp(s + len - x->len, x->s, x->len) == 0 &&
	    match_cplen(s, len - x->len) >= 2;
}

/* Add id to the current token's ids unless present. */
static void
match_run_add(struct match_run *r, size_t id)
{
	size_t	 i, from = r->at.v[r->at.n - 1];

	for (i = from; i < r->ids.n; i++)
		if (r->ids.v[i] == id)
			return;
	MATCH_PUT(&r->ids, id);
}

/* Add the word of this kind and key when a form of this origin may match it. */
static void
match_run_lookup(struct match_run *r, int kind, const struct match_key *k,
    int whole)
{
	size_t	 id;

	id = match_hash_find(r->m, kind, k);
	if (id != SIZE_MAX && (whole || r->m->words.v[id].affix))
		match_run_add(r, id);
}

/* Hash a base form at each character boundary, and its skeleton if asked. */
static void
match_base_hash(struct match_base *f, int skel)
{
	size_t		 k, cl;
	uint32_t	 c;

	f->h[0] = f->skelh = HASH_FNV_BASIS;
	f->skellen = 0;
	for (k = 0; k < f->len; k += cl) {
		c = match_char(f->s + k, f->len - k, &cl);
		f->h[k + cl] = hash_fnv_step(f->h[k], c);
		if (!skel || match_skel_dropped(c))
			continue;
		memcpy(f->skel + f->skellen, f->s + k, cl);
		f->skellen += cl;
		f->skelh = hash_fnv_step(f->skelh, c);
	}
}

/* Set up a base form a + b, hashed once for every lookup that follows. */
static void
match_base_set(const struct match *m, struct match_base *f, const char *a,
    size_t alen, const char *b, size_t blen, int whole)
{
	memcpy(f->s, a, alen);
	memcpy(f->s + alen, b, blen);
	f->len = alen + blen;
	f->whole = whole;
	match_base_hash(f, m->hash[MATCH_W_SKEL].n > 0);
}

/* Look up the prefix words a base form starts with. */
static void
match_run_prefixes(struct match_run *r, const struct match_base *f)
{
	const struct match	*m = r->m;
	struct match_key	 k = { f->s, "", 0, 0, 0 };
	size_t			 n;

	for (n = 1; n <= f->len && n < 128; n++) {
		if (!(m->prefixlens[n / 64] & ((uint64_t)1 << (n % 64))))
			continue;
		if (n < f->len && ((unsigned char)f->s[n] & 0xC0) == 0x80)
			continue;
		k.alen = n;
		k.h = f->h[n];
		match_run_lookup(r, MATCH_W_PREFIX, &k, f->whole);
	}
}

/* Look up the ~word whose skeleton a base form has. */
static void
match_run_skeleton(struct match_run *r, const struct match_base *f)
{
	struct match_key	 k = { f->skel, "", f->skellen, 0, f->skelh };

	match_run_lookup(r, MATCH_W_SKEL, &k, 1);
}

/*
 * Look up a + each ending a suffix may restore (h: the hash of a), taking
 * words long enough for affixes, and with article set only those written
 * with a bare ال.
 */
static void
match_run_endings(struct match_run *r, const char *a, size_t alen, uint64_t h,
    const char *const *restore, int article)
{
	struct match_key	 k = { a, "", alen, 0, 0 };
	const struct match_word	*w;
	size_t			 i, id;

	for (i = 0; restore[i] != NULL; i++) {
		k.b = restore[i];
		k.blen = strlen(restore[i]);
		k.h = match_fnv_more(h, k.b, k.blen);
		if ((id = match_hash_find(r->m, MATCH_W_EXACT, &k)) == SIZE_MAX)
			continue;
		w = &r->m->words.v[id];
		if (w->affix && (!article || w->article))
			match_run_add(r, id);
	}
}

/*
 * A nisba adjective without the article comes from a name that has it
 * (الصين → صيني, العراق → عراقي): look up ال + the stem with each ending
 * too. Only with a suffix taken off, so جزائر alone never finds الجزائر,
 * and only words written with a bare ال, so ماني never finds ألمانيا.
 */
static void
match_run_article(struct match_run *r, const struct match_base *f, size_t len,
    const char *const *restore)
{
	char	 s[MATCH_FORMLEN + 4];

	if (f->len >= 4 && memcmp(f->s, "ال", 4) == 0)
		return;
	memcpy(s, "ال", 4);
	memcpy(s + 4, f->s, len);
	match_run_endings(r, s, len + 4,
	    match_fnv_more(HASH_FNV_BASIS, s, len + 4), restore, 1);
}

/* Look up a base form without each suffix of the closed list it ends with. */
static void
match_run_suffixes(struct match_run *r, const struct match_base *f)
{
	const struct match_suffix	*x;
	uint64_t			 mask;
	size_t				 k;

	mask = r->m->sufmask[(unsigned char)f->s[f->len - 1]];
	for (k = 0; mask != 0; k++, mask >>= 1) {
		x = &match_suffixes[k];
		if (!(mask & 1) || !match_ends(f->s, f->len, x))
			continue;
		match_run_endings(r, f->s, f->len - x->len,
		    f->h[f->len - x->len], x->restore, 0);
		if (x->restore == match_restore_ar)
			match_run_article(r, f, f->len - x->len, x->restore);
	}
}

/* Look up one base form as a word, a prefix, a skeleton and with suffixes. */
static void
match_run_base(struct match_run *r, const struct match_base *f)
{
	struct match_key	 k = { f->s, "", f->len, 0, f->h[f->len] };

	match_run_lookup(r, MATCH_W_EXACT, &k, f->whole);
	if (r->m->hash[MATCH_W_PREFIX].n > 0)
		match_run_prefixes(r, f);
	if (r->m->hash[MATCH_W_SKEL].n > 0)
		match_run_skeleton(r, f);
	match_run_suffixes(r, f);
}

/* Whether token s starts with proclitic p and keeps two letters after it. */
static int
match_has_proclitic(const char *s, size_t len, const struct match_proclitic *p)
{
	return p->len < len && s[1] == p->s[1] && s[0] == p->s[0] &&
	    memcmp(s, p->s, p->len) == 0 &&
	    match_cplen(s + p->len, len - p->len) >= 2;
}

/* Look up a word token as it stands and without each proclitic it carries. */
static void
match_run_word(struct match_run *r, const char *s, size_t len)
{
	const struct match_proclitic	*p;
	struct match_base		 f;
	size_t				 i;

	match_base_set(r->m, &f, "", 0, s, len, 1);
	match_run_base(r, &f);
	for (i = 0; len >= 2 && i < nitems(match_proclitics); i++) {
		p = &match_proclitics[i];
		if (!match_has_proclitic(s, len, p))
			continue;
		match_base_set(r->m, &f, "", 0, s + p->len, len - p->len, 0);
		match_run_base(r, &f);
		if (!p->article)
			continue;
		match_base_set(r->m, &f, MATCH_STR("ال"), s + p->len,
		    len - p->len, 0);
		match_run_base(r, &f);
	}
}

/* Find the pattern words one token stands for. */
static void
match_run_token(struct match_run *r, const struct text_token *t)
{
	size_t	 id;

	MATCH_PUT(&r->at, r->ids.n);
	if (t->kind == TEXT_WORD && t->normlen <= MATCH_TOKMAX)
		match_run_word(r, t->norm, t->normlen);
	else if ((id = match_find(r->m, MATCH_W_EXACT, t->norm,
	    t->normlen)) != SIZE_MAX)
		match_run_add(r, id);
}

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

/* Find the phrases that start at token i. */
static void
match_run_starts(struct match_run *r, const struct text *t, unsigned field,
    size_t i)
{
	const struct match_word	*w;
	size_t			 k, j, p;

	for (k = r->at.v[i]; k < r->at.v[i + 1]; k++) {
		w = &r->m->words.v[r->ids.v[k]];
		for (j = w->first; j < w->first + w->nfirst; j++) {
			p = r->m->firsts.v[j];
			if (match_run_phrase_at(r, p, i, text_ntokens(t)))
				match_run_hit(r, t, field, p, i);
		}
	}
}

/* Find every phrase in one field's text. */
static void
match_run_field(struct match_run *r, const char *s, unsigned field)
{
	struct text	*t;
	size_t		 i, n;

	t = text_tokenize(s, strlen(s));
	r->ids.n = r->at.n = 0;
	n = text_ntokens(t);
	for (i = 0; i < n; i++)
		match_run_token(r, text_token(t, i));
	MATCH_PUT(&r->at, r->ids.n);
	for (i = 0; i < n; i++)
		match_run_starts(r, t, field, i);
	text_free(t);
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

/* The hits of phrase p in one field: [*lo, return value). */
static size_t
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

/* Take a hit span as the topic's first hit if it comes earlier. */
static void
match_eval_best(struct match_eval *e, unsigned field, size_t start, size_t end)
{
	if (e->best.field != 0 && (e->best.field < field ||
	    (e->best.field == field && e->best.start <= start)))
		return;
	e->best.field = field;
	e->best.start = start;
	e->best.end = end;
}

/* Note that phrase p fired. */
static void
match_eval_fired(struct match_eval *e, size_t p)
{
	MATCH_PUT(&e->fired, p);
}

/* Whether a phrase node holds; its first hit is recorded when collecting. */
static int
match_eval_phrase(struct match_eval *e, const struct match_node *n, int collect)
{
	size_t	 i, lo, hi;

	for (i = 0; i < nitems(match_field_order); i++) {
		if (!(match_field_order[i] & n->fields & e->fields))
			continue;
		hi = match_eval_range(e, n->a, match_field_order[i], &lo);
		if (lo == hi)
			continue;
		if (collect) {
			match_eval_fired(e, n->a);
			match_eval_best(e, e->hits[lo].field, e->hits[lo].start,
			    e->hits[lo].end);
		}
		return 1;
	}
	return 0;
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
match_eval_pair(struct match_eval *e, const struct match_node *n,
    const struct match_phit *x, const struct match_phit *y)
{
	match_eval_fired(e, e->m->nodes.v[n->a].a);
	match_eval_fired(e, e->m->nodes.v[n->b].a);
	match_eval_best(e, x->field, x->start < y->start ? x->start : y->start,
	    x->end > y->end ? x->end : y->end);
}

/* Whether two phrases occur within n->dist tokens in one field. */
static int
match_eval_near(struct match_eval *e, const struct match_node *n, int collect)
{
	const struct match_node	*a, *b;
	const struct match_phit	*y;
	size_t			 i, alo, ahi, blo, bhi, k;
	unsigned		 f;

	a = &e->m->nodes.v[n->a];
	b = &e->m->nodes.v[n->b];
	for (i = 0; i < nitems(match_field_order); i++) {
		f = match_field_order[i];
		if (!(f & a->fields & b->fields & e->fields))
			continue;
		ahi = match_eval_range(e, a->a, f, &alo);
		bhi = match_eval_range(e, b->a, f, &blo);
		for (k = alo; k < ahi; k++) {
			y = match_eval_nearest(e, &e->hits[k], blo, bhi,
			    n->dist);
			if (y == NULL)
				continue;
			if (collect)
				match_eval_pair(e, n, &e->hits[k], y);
			return 1;
		}
	}
	return 0;
}

/* Whether node i holds; with collect, keep the phrases that made it hold. */
static int
match_eval(struct match_eval *e, size_t i, int collect)
{
	const struct match_node	*n = &e->m->nodes.v[i];
	struct match_phit	 best = e->best;
	size_t			 nfired = e->fired.n;
	int			 a, b;

	switch (n->op) {
	case MATCH_OP_PHRASE:
		return match_eval_phrase(e, n, collect);
	case MATCH_OP_NEAR:
		return match_eval_near(e, n, collect);
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
	e->fired.n = nfired;
	return 0;
}

/* Whether a topic fires: some match expression holds and no exclude does. */
static int
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
static char *
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

/* Create an empty matcher, its suffixes indexed by their last byte. */
struct match *
match_new(void)
{
	struct match	*m;
	size_t		 k;

	m = xcalloc(1, sizeof(*m));
	for (k = 0; k < nitems(match_suffixes); k++)
		m->sufmask[(unsigned char)match_suffixes[k].s[
		    match_suffixes[k].len - 1]] |= (uint64_t)1 << k;
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

/* Fill err and fail. */
static int
match_fail(struct match_parse *p, size_t pos, const char *fmt, ...)
{
	va_list	 ap;

	p->err->column = (int)(pos + 1);
	va_start(ap, fmt);
	vsnprintf(p->err->msg, sizeof(p->err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

/* Whether c ends a word of the expression. */
static int
match_lex_stop(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(' ||
	    c == ')' || c == '"' || c == '\0';
}

/* Classify a bare word: an operator, NEAR/n, or a phrase word. */
static int
match_lex_word(struct match_parse *p, struct match_lexeme *l)
{
	const char	*w = p->s + l->pos;
	size_t		 i;

	l->kind = MATCH_L_WORD;
	for (i = 0; i < nitems(match_opwords); i++)
		if (strlen(match_opwords[i].s) == l->len &&
		    memcmp(match_opwords[i].s, w, l->len) == 0)
			l->kind = match_opwords[i].kind;
	if (l->len < 4 || memcmp(w, "NEAR", 4) != 0 ||
	    (l->len > 4 && w[4] != '/'))
		return 0;
	if (l->len < 6)
		return match_fail(p, l->pos,
		    "NEAR needs a distance, as in NEAR/5");
	l->kind = MATCH_L_NEAR;
	for (i = 5; i < l->len; i++) {
		if (w[i] < '0' || w[i] > '9')
			return match_fail(p, l->pos,
			    "NEAR needs a distance, as in NEAR/5");
		if (l->dist <= MATCH_NEARMAX)
			l->dist = l->dist * 10 + (size_t)(w[i] - '0');
	}
	if (l->dist == 0)
		return match_fail(p, l->pos,
		    "NEAR/0: the distance must be 1 or more");
	if (l->dist > MATCH_NEARMAX)
		return match_fail(p, l->pos,
		    "NEAR/%.*s: the distance must be at most %d",
		    (int)(l->len - 5), w + 5, MATCH_NEARMAX);
	return 0;
}

/* Read a quoted phrase starting at the quote at l->pos. */
static int
match_lex_quote(struct match_parse *p, struct match_lexeme *l)
{
	const char	*q;

	l->kind = MATCH_L_QUOTE;
	q = memchr(p->s + l->pos + 1, '"', p->len - l->pos - 1);
	if (q == NULL)
		return match_fail(p, l->pos, "unterminated quote");
	l->len = (size_t)(q - (p->s + l->pos)) + 1;
	return 0;
}

/* Recognize a field prefix such as title: at l->pos. */
static int
match_lex_field(struct match_parse *p, struct match_lexeme *l)
{
	size_t	 i, n;

	for (i = 0; i < nitems(match_fieldnames); i++) {
		n = strlen(match_fieldnames[i].s);
		if (p->len - l->pos >= n &&
		    strncasecmp(p->s + l->pos, match_fieldnames[i].s, n) == 0) {
			l->kind = MATCH_L_FIELD;
			l->len = n;
			l->field = match_fieldnames[i].field;
			return 1;
		}
	}
	return 0;
}

/* Read the next lexeme into p->cur, keeping the last one in p->prev. */
static int
match_lex(struct match_parse *p)
{
	struct match_lexeme	*l = &p->cur;
	char			 c;

	p->prev = p->cur;
	while (p->pos < p->len && strchr(" \t\r\n", p->s[p->pos]) != NULL)
		p->pos++;
	memset(l, 0, sizeof(*l));
	l->pos = p->pos;
	l->len = 1;
	c = p->pos < p->len ? p->s[p->pos] : '\0';
	if (c == '\0') {
		l->kind = MATCH_L_END;
		l->len = 0;
	} else if (c == '(' || c == ')')
		l->kind = c == '(' ? MATCH_L_LPAREN : MATCH_L_RPAREN;
	else if (c == '"') {
		if (match_lex_quote(p, l) == -1)
			return -1;
	} else if (!match_lex_field(p, l)) {
		for (l->len = 0; l->pos + l->len < p->len &&
		    !match_lex_stop(p->s[l->pos + l->len]); l->len++)
			continue;
		if (match_lex_word(p, l) == -1)
			return -1;
	}
	p->pos = l->pos + l->len;
	return 0;
}

/* Whether a lexeme may begin an operand. */
static int
match_lex_operand(enum match_lex k)
{
	return k == MATCH_L_WORD || k == MATCH_L_QUOTE || k == MATCH_L_LPAREN ||
	    k == MATCH_L_NOT || k == MATCH_L_FIELD;
}

/* Add a node; returns its index. */
static size_t
match_node_add(struct match *m, enum match_op op, size_t a, size_t b)
{
	struct match_node	 n = { op, a, b, MATCH_ALL, 0 };

	MATCH_PUT(&m->nodes, n);
	return m->nodes.n - 1;
}

/* Report an operand missing where the current lexeme stands. */
static int
match_missing(struct match_parse *p)
{
	const struct match_lexeme	*c = &p->cur, *v = &p->prev;

	if (v->kind == MATCH_L_AND || v->kind == MATCH_L_OR ||
	    v->kind == MATCH_L_NOT || v->kind == MATCH_L_NEAR ||
	    v->kind == MATCH_L_FIELD)
		return match_fail(p, v->pos, "nothing after %.*s", (int)v->len,
		    p->s + v->pos);
	if (c->kind == MATCH_L_RPAREN)
		return match_fail(p, c->pos,
		    "unbalanced parenthesis: ) without (");
	if (c->kind != MATCH_L_END)
		return match_fail(p, c->pos, "nothing before %.*s", (int)c->len,
		    p->s + c->pos);
	return match_fail(p, 0, "empty expression");
}

/* Append the phrase words of one lexeme's text; kind of its last word given. */
static int
match_phrase_text(struct match_parse *p, const char *s, size_t len,
    int lastkind, size_t col)
{
	struct text		*t;
	const struct text_token	*k;
	size_t			 i, n, id;
	int			 kind;
	char			 skel[MATCH_FORMLEN];

	t = text_tokenize(s, len);
	n = text_ntokens(t);
	for (i = 0; i < n; i++) {
		k = text_token(t, i);
		kind = i + 1 == n ? lastkind : MATCH_W_EXACT;
		if (k->normlen > MATCH_TOKMAX) {
			text_free(t);
			return match_fail(p, col, "word too long");
		}
		if (kind == MATCH_W_SKEL)
			id = match_word_get(p->m, kind, skel,
			    match_skeleton(k->norm, k->normlen, skel));
		else
			id = match_word_get(p->m, kind, k->norm, k->normlen);
		MATCH_PUT(&p->m->pwords, id);
		if (kind == MATCH_W_EXACT && k->end - k->start >= 4 &&
		    memcmp(s + k->start, "ال", 4) == 0)
			p->m->words.v[id].article = 1;
	}
	text_free(t);
	return 0;
}

/* Check what a ~word or word* is made of before it is added. */
static int
match_word_check(struct match_parse *p, const char *s, size_t len, int kind,
    size_t col)
{
	struct text		*t;
	const struct text_token	*k;
	char			 skel[MATCH_FORMLEN];
	int			 ok;

	if (kind == MATCH_W_EXACT)
		return 0;
	t = text_tokenize(s, len);
	k = text_token(t, text_ntokens(t) - 1);
	if (kind == MATCH_W_PREFIX)
		ok = k != NULL && k->kind == TEXT_WORD;
	else
		ok = text_ntokens(t) == 1 && k->kind == TEXT_WORD &&
		    k->normlen <= MATCH_TOKMAX && match_cplen(skel,
		    match_skeleton(k->norm, k->normlen, skel)) >= MATCH_SKELMIN;
	text_free(t);
	if (ok)
		return 0;
	if (kind == MATCH_W_PREFIX)
		return match_fail(p, col, "* must end a word");
	return match_fail(p, col, "~ needs one word of %d consonants or more",
	    MATCH_SKELMIN);
}

/* Append the words of one WORD or QUOTE lexeme to the phrase being built. */
static int
match_phrase_lexeme(struct match_parse *p, const struct match_lexeme *l)
{
	const char	*s = p->s + l->pos;
	size_t		 len = l->len;
	int		 kind = MATCH_W_EXACT;

	if (l->kind == MATCH_L_QUOTE) {
		len = p->m->pwords.n;
		if (match_phrase_text(p, s + 1, l->len - 2, kind, l->pos) == -1)
			return -1;
		if (p->m->pwords.n == len)
			return match_fail(p, l->pos, "empty phrase in quotes");
		return 0;
	}
	if (len > 0 && s[0] == '~') {
		s++;
		len--;
		kind = MATCH_W_SKEL;
	}
	if (len > 0 && s[len - 1] == '*') {
		if (kind == MATCH_W_SKEL)
			return match_fail(p, l->pos, "~ and * do not combine");
		len--;
		kind = MATCH_W_PREFIX;
	}
	if (match_word_check(p, s, len, kind, l->pos) == -1)
		return -1;
	return match_phrase_text(p, s, len, kind, l->pos);
}

/* Record a phrase, its text as written in the arena; returns its node. */
static size_t
match_phrase_record(struct match_parse *p, size_t from, size_t to,
    size_t words, unsigned fields)
{
	struct match_phrase	 ph;
	size_t			 node;

	ph.topic = p->topic;
	ph.words = words;
	ph.nwords = p->m->pwords.n - words;
	ph.text = p->m->arena.len;
	buf_append(&p->m->arena, p->s + from, to - from);
	buf_putc(&p->m->arena, '\0');
	MATCH_PUT(&p->m->phrases, ph);
	node = match_node_add(p->m, MATCH_OP_PHRASE, p->m->phrases.n - 1, 0);
	p->m->nodes.v[node].fields = fields;
	return node;
}

/* Parse a run of words and quotes into one phrase. */
static int
match_parse_phrase(struct match_parse *p, unsigned fields, size_t *out)
{
	size_t	 from = p->cur.pos, to = from, words = p->m->pwords.n;

	while (p->cur.kind == MATCH_L_WORD || p->cur.kind == MATCH_L_QUOTE) {
		if (match_phrase_lexeme(p, &p->cur) == -1)
			return -1;
		to = p->cur.pos + p->cur.len;
		if (match_lex(p) == -1)
			return -1;
	}
	if (p->m->pwords.n == words)
		return match_fail(p, from,
		    "empty phrase: no letters, digits or symbols");
	*out = match_phrase_record(p, from, to, words, fields);
	return 0;
}

static int	match_parse_or(struct match_parse *, unsigned, size_t *);

/* Parse a parenthesized group. */
static int
match_parse_group(struct match_parse *p, unsigned fields, size_t *out)
{
	size_t	 open = p->cur.pos;

	if (++p->depth > MATCH_DEPTH)
		return match_fail(p, open, "nested too deeply");
	if (match_lex(p) == -1)
		return -1;
	if (p->cur.kind == MATCH_L_RPAREN)
		return match_fail(p, open, "empty parentheses");
	if (match_parse_or(p, fields, out) == -1)
		return -1;
	if (p->cur.kind != MATCH_L_RPAREN)
		return match_fail(p, open,
		    "unbalanced parenthesis: ( is never closed");
	p->depth--;
	return match_lex(p);
}

/* Parse a phrase, a group, or a field prefix and what it restricts. */
static int
match_parse_primary(struct match_parse *p, unsigned fields, size_t *out)
{
	unsigned	 f;

	switch (p->cur.kind) {
	case MATCH_L_FIELD:
		f = p->cur.field;
		if (++p->depth > MATCH_DEPTH)
			return match_fail(p, p->cur.pos, "nested too deeply");
		if (match_lex(p) == -1 ||
		    match_parse_primary(p, fields & f, out) == -1)
			return -1;
		p->depth--;
		return 0;
	case MATCH_L_LPAREN:
		return match_parse_group(p, fields, out);
	case MATCH_L_WORD:
	case MATCH_L_QUOTE:
		return match_parse_phrase(p, fields, out);
	default:
		return match_missing(p);
	}
}

/* Parse a primary, or two phrases joined by NEAR/n. */
static int
match_parse_near(struct match_parse *p, unsigned fields, size_t *out)
{
	struct match_lexeme	 near;
	size_t			 a, b;
	struct match_nodes	*nodes = &p->m->nodes;

	if (match_parse_primary(p, fields, &a) == -1)
		return -1;
	if (p->cur.kind != MATCH_L_NEAR) {
		*out = a;
		return 0;
	}
	near = p->cur;
	if (match_lex(p) == -1 || match_parse_primary(p, fields, &b) == -1)
		return -1;
	if (nodes->v[a].op != MATCH_OP_PHRASE ||
	    nodes->v[b].op != MATCH_OP_PHRASE ||
	    p->cur.kind == MATCH_L_NEAR)
		return match_fail(p, near.pos,
		    "NEAR takes one phrase on each side");
	*out = match_node_add(p->m, MATCH_OP_NEAR, a, b);
	nodes->v[*out].dist = near.dist;
	return 0;
}

/* Parse NOT and what it negates, or a NEAR level operand. */
static int
match_parse_unary(struct match_parse *p, unsigned fields, size_t *out)
{
	size_t	 a;

	if (p->cur.kind != MATCH_L_NOT)
		return match_parse_near(p, fields, out);
	if (++p->depth > MATCH_DEPTH)
		return match_fail(p, p->cur.pos, "nested too deeply");
	if (match_lex(p) == -1 || match_parse_unary(p, fields, &a) == -1)
		return -1;
	p->depth--;
	*out = match_node_add(p->m, MATCH_OP_NOT, a, 0);
	return 0;
}

/* Parse operands joined by AND, or by nothing (an implied AND). */
static int
match_parse_and(struct match_parse *p, unsigned fields, size_t *out)
{
	size_t	 b;

	if (match_parse_unary(p, fields, out) == -1)
		return -1;
	while (p->cur.kind == MATCH_L_AND || match_lex_operand(p->cur.kind)) {
		if (p->cur.kind == MATCH_L_AND && match_lex(p) == -1)
			return -1;
		if (match_parse_unary(p, fields, &b) == -1)
			return -1;
		*out = match_node_add(p->m, MATCH_OP_AND, *out, b);
	}
	return 0;
}

/* Parse operands joined by OR. */
static int
match_parse_or(struct match_parse *p, unsigned fields, size_t *out)
{
	size_t	 b;

	if (match_parse_and(p, fields, out) == -1)
		return -1;
	while (p->cur.kind == MATCH_L_OR) {
		if (match_lex(p) == -1 || match_parse_and(p, fields, &b) == -1)
			return -1;
		*out = match_node_add(p->m, MATCH_OP_OR, *out, b);
	}
	return 0;
}

/* Parse a whole expression; its root node in *out. */
static int
match_parse(struct match_parse *p, size_t *out)
{
	if (match_lex(p) == -1 || match_parse_or(p, MATCH_ALL, out) == -1)
		return -1;
	if (p->cur.kind != MATCH_L_END)
		return match_missing(p);
	return 0;
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
	match_compile_firsts(m);
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
static int
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

/* Find the phrases in every field a topic reads. */
static void
match_run_doc(struct match_run *r, const struct match_doc *doc)
{
	const char	*texts[] = { doc->title, doc->summary, doc->content };
	size_t		 i;

	for (i = 0; i < nitems(texts); i++)
		if (texts[i] != NULL && (r->m->fields & match_field_order[i]))
			match_run_field(r, texts[i], match_field_order[i]);
	if (r->hits.n > 0)
		qsort(r->hits.v, r->hits.n, sizeof(*r->hits.v), match_phit_cmp);
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
		if (match_source_ok(t, doc->source) && match_eval_topic(&e, t))
			match_result_add(res, &cap, ti, &e);
	}
	MATCH_VEC_FREE(&e.fired);
}

/* Release a run's vectors. */
static void
match_run_free(struct match_run *r)
{
	MATCH_VEC_FREE(&r->ids);
	MATCH_VEC_FREE(&r->at);
	MATCH_VEC_FREE(&r->hits);
}

/* The topics that fire on doc, in topic order. */
int
match_doc(const struct match *m, const struct match_doc *doc,
    struct match_result *res)
{
	struct match_run	 r;
	struct match_sizes	 cand = { NULL, 0, 0 };

	res->v = NULL;
	res->n = 0;
	if (!m->compiled)
		return -1;
	memset(&r, 0, sizeof(r));
	r.m = m;
	match_run_doc(&r, doc);
	match_candidates(m, &r, &cand);
	match_fire(m, &r, doc, &cand, res);
	match_run_free(&r);
	MATCH_VEC_FREE(&cand);
	return 0;
}

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
	match_run_doc(&r, doc);
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
	free(m);
}
