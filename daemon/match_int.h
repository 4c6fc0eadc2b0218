/*
 * match_int: what the files of the match module share: the compiled form
 * (typed vectors of words, phrases, nodes and topics), the state of one
 * document's run and evaluation, and the functions one file offers the
 * others. Nothing outside the module includes it.
 */
#ifndef RAQIB_MATCH_INT_H
#define RAQIB_MATCH_INT_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "hash.h"
#include "xmalloc.h"
#include "match.h"

struct text;
struct text_token;

#define MATCH_DEPTH	64	/* nesting of parentheses and NOT */
#define MATCH_NEARMAX	10000
#define MATCH_TOKMAX	127	/* bytes; longer tokens only match exactly */
#define MATCH_AFFIXMIN	4	/* letters; shorter words only match exactly */
#define MATCH_SKELMIN	3	/* consonants a ~word must keep */
#define MATCH_VERBMIN	5	/* letters a word needs for -ed */
#define MATCH_INGMIN	6	/* and for -ing */
#define MATCH_FORMLEN	(MATCH_TOKMAX + 16)
#define MATCH_BLOOMBITS	19	/* a 64 KB filter in front of the word tables */
#define MATCH_MIXSLOT	0x9E3779B97F4A7C15ULL	/* spread a hash's bits */
#define MATCH_MIXBLOOM	0xC2B2AE3D27D4EB4FULL
#define MATCH_MIXPREFIX	0x165667B19E3779F9ULL
#define MATCH_POLY	0xD6E8FEB86659FD93ULL	/* the key hash's multiplier */
#define MATCH_POLY2	((uint64_t)MATCH_POLY * MATCH_POLY)
#define MATCH_PFXBITS	16	/* prefix filter bits per distinct prefix */
#define MATCH_MEMOBITS	13	/* 8,192 memo slots of a cache line */
#define MATCH_MEMOKEY	20	/* bytes; longer tokens are not memoized */
#define MATCH_MEMOIDS	8	/* words; a token of more is not memoized */
#define MATCH_SEENBITS	16	/* the memo's doorkeeper: 8 KB of bits */
#define MATCH_AHEAD	8	/* tokens whose memo slots are on their way */

/* A growable array of one type: v[0, n) in use, room for cap. */
#define MATCH_VEC(name, type)	struct name { type *v; size_t n, cap; }

/* Append the value x to a typed vector. */
#define MATCH_PUT(vec, x) do {						\
	if ((vec)->n == (vec)->cap)					\
		(vec)->v = match_grow((vec)->v, &(vec)->cap,		\
		    sizeof(*(vec)->v));					\
	(vec)->v[(vec)->n++] = (x);					\
} while (0)

/* Make room for n elements in a typed vector, at once rather than doubling. */
#define MATCH_RESERVE(vec, want) do {					\
	if ((vec)->cap < (want)) {					\
		(vec)->cap = (want);					\
		(vec)->v = xreallocarray((vec)->v, (vec)->cap,		\
		    sizeof(*(vec)->v));					\
	}								\
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
	int	 definite;	/* long enough to match after the article
				   or و ب ل (3 letters: النفط, بمصر) */
	int	 article;	/* written with a bare ال (not أل, إل, آل) */
	unsigned letters;	/* less a leading ال: a suffix may ask
				   for more (a plural four: البحرين is no
				   form of البحر) */
	int	 proper;	/* written with a capital letter: a name,
				   which takes the adjectives of places */
	int	 kind;		/* enum match_wkind */
	size_t	 first, nfirst;	/* phrases starting with it, in m->firsts */
	size_t	 canon;		/* the word it is a spelling of
				   (match_vowel.c), else its own id */
	int	 people;	/* enum match_people: a people's adjective,
				   which stands for canon only beside a
				   noun of the state */
};
MATCH_VEC(match_words, struct match_word);

/*
 * Where the noun of the state stands that a people's adjective needs to
 * stand for its country (match_people_noun): before it, as Arabic writes
 * (الرئيس الكازاخي), or after it, as English does (Kazakh President).
 */
enum match_people {
	MATCH_PEOPLE_NONE,
	MATCH_PEOPLE_AFTER_NOUN,
	MATCH_PEOPLE_BEFORE_NOUN
};

/*
 * What a phrase names of match_other_names: no place, a state or a region,
 * or a city, whose name is its clubs' too (Astana 1-3 Chelsea).
 */
enum match_place {
	MATCH_PLACE_NONE,
	MATCH_PLACE_LAND,
	MATCH_PLACE_CITY
};

/* A run of words matched as consecutive tokens. */
struct match_phrase {
	size_t	 topic;
	size_t	 words, nwords;	/* word ids, in m->pwords */
	size_t	 text;		/* as written, NUL-terminated in m->arena */
	int	 indefinite;	/* a definite phrase's words without ال,
				   which match only words without it */
	int	 placed;	/* a place's name that is a person's too,
				   which matches only where a place stands
				   (match_run_placed) */
	int	 tail;		/* its last word a Latin word* after
				   others, which takes an ending, not a
				   word glued on (match_run_tail) */
	int	 place;		/* enum match_place: a place's name
				   (match_other_names), not where it names
				   a club, a firm or a restaurant
				   (match_run_named), a city's not beside
				   a score (match_run_scored) */
	int	 context;	/* a name of C5+1 that is the Iran talks'
				   too (5+1), which matches only near
				   Central Asia and away from Iran
				   (match_run_context) */
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

/*
 * A filter of every prefix of some keys, cut at character boundaries: a
 * blocked bloom filter (two bits of one 64-bit word, one cache line a
 * check).
 */
struct match_pfx {
	uint64_t	*w;
	unsigned	 bits;		/* log2 of its words */
};

/* An affix as a word of eight bytes would hold it, and its bytes' mask. */
struct match_affixw {
	uint64_t	 w, mask;
};

/* A token as it was last seen, and the words it stood for. */
struct match_memo {
	uint64_t	 w[3];		/* its bytes (match_memo_key) */
	uint8_t		 len;		/* 0: empty */
	uint8_t		 nids;
	uint32_t	 id[MATCH_MEMOIDS];
} __attribute__((aligned(64)));
_Static_assert(sizeof(struct match_memo) == 64, "a memo slot is a cache line");

/* A token as the memo reads it (match_memo_key). */
struct match_tok {
	uint64_t	 w[3];		/* its bytes, packed */
	size_t		 len;		/* 0: not one the memo takes */
	uint64_t	 h;
};

/*
 * The memo: a token takes a slot the second time it is missed (a bit in
 * seen notes the first), so that the new forms news keeps bringing, seen
 * once, leave the slots of its common words alone and in cache. The bits
 * are cleared once a quarter of them is set.
 */
struct match_memos {
	struct match_memo	 slot[(size_t)1 << MATCH_MEMOBITS];
	uint64_t		 seen[((size_t)1 << MATCH_SEENBITS) / 64];
	size_t			 nseen;
};

#define MATCH_CTX_SLOTS	128	/* a power of two, over twice the words */

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
	uint64_t		 sufmask2[256];	/* by the last byte of the letter
						   before: bit k, suffix k (all
						   for one-letter suffixes) */
	uint32_t		 climask[256];	/* by second byte: bit k,
						   proclitic k */
	struct match_affixw	 sufw[64];	/* suffix k as a word, and */
	struct match_affixw	 cliw[32];	/*   proclitic k
						   (match_affix_index) */
	uint64_t		 alh;		/* the hash of ال */
	uint64_t		 pow[MATCH_FORMLEN + 1];	/* MATCH_POLY^i
							   (match_hash_init) */
	uint64_t		 bloom[((size_t)1 << MATCH_BLOOMBITS) / 64];
	uint64_t		 ctx[MATCH_CTX_SLOTS];	/* the words that tell
						   C5+1's 5+1 from the Iran
						   talks', by their first four
						   bytes: the bytes, and its
						   index + 1 above them; 0 a
						   free slot
						   (match_context_index) */
	struct match_pfx	 pfx;		/* the prefixes of words and
						   word* keys, and */
	struct match_pfx	 skelpfx;	/*   of ~word skeletons
						   (match_compile) */
	struct match_memos	*memo;		/* made by match_compile: the
						   one thing match_doc
						   writes */
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
	struct match_sizes	 with;	/* the tokens that have ids */
	struct match_phits	 hits;
	int			 ctx_ok;	/* the last context test's
					   answer, at tokens ctx_i to
					   ctx_last of the field's text,
					   when ctx_set
					   (match_run_context) */
	int			 ctx_set;
	size_t			 ctx_i, ctx_last;
};

/*
 * What a base form is of its token, for the words it may match: a word of
 * three letters or fewer matches the token as it stands, one of three also
 * after the article or و ب ل, a longer one after any proclitic.
 */
enum match_origin {
	MATCH_O_CLITIC,		/* after a proclitic without the article */
	MATCH_O_WHOLE,		/* the token as it stands */
	MATCH_O_ARTICLE,	/* after the article (ال, وال, بال, لل …) */
	MATCH_O_PREP		/* after و ب ل, and after them with و ف:
				   not ف alone or a ك, which start many
				   words (كمال, فقمة) */
};

/*
 * A word token (or ال + what follows its لل) hashed once, at each byte:
 * every form looked up is a piece of it, whose hash match_piece_hash()
 * takes from two of these in a few operations.
 */
struct match_span {
	const char	*s;			/* the token's bytes, or buf */
	size_t		 len;
	uint64_t	 h[MATCH_FORMLEN + 1];	/* hash of s[0, k) */
	char		 buf[MATCH_FORMLEN];	/* ال + the rest, after لل */
};

/* A token with its proclitics taken off: the end of a span, from p. */
struct match_base {
	const struct match_span	*t;
	size_t			 p;
	const char		*s;		/* t->s + p */
	size_t			 len;		/* t->len - p */
	int			 whole;		/* enum match_origin */
};

#define MATCH_STR(s)	s, sizeof(s) - 1

/* The fields of a document, in the order a first hit is preferred. */
extern const unsigned	 match_field_order[3];

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
	struct match_phit	 text;		/* the best outside the title */
};


/* match_vowel.c */
void		 match_vowel_spellings(struct match *);
void		 match_people_spellings(struct match *);

/* match_arabic.c */
int		 match_people_noun(const struct text_token *);
int		 match_arabic_definite(const char *, size_t, const char *key,
		    size_t klen);

/* match_words.c */
void		*match_grow(void *, size_t *cap, size_t size);
size_t		 match_cplen(const char *, size_t);
uint64_t	 match_hash_more(uint64_t, const char *, size_t);
void		 match_hash_init(struct match *);
size_t		 match_hash_find(const struct match *, int kind,
		    const struct match_key *);
size_t		 match_find(const struct match *, int kind, const char *,
		    size_t);
size_t		 match_word_get(struct match *, int kind, const char *,
		    size_t);
size_t		 match_skeleton(const char *, size_t, char *out);
void		 match_prefix_index(struct match *);
void		 match_prefix_free(struct match *);
void		 match_memo_put(const struct match *, const struct match_tok *,
		    const struct match_sizes *ids, size_t from);

/* match_arabic.c */
void		 match_affix_index(struct match *);
size_t		 match_term_form(const char *, size_t, char *out);
size_t		 match_restore_endings(const char **, size_t max);
void		 match_run_tokens(struct match_run *, const struct text_token *,
		    size_t n);
void		 match_run_word(struct match_run *, const char *, size_t);

/* match_run.c */
void		 match_context_index(struct match *);
void		 match_run_doc(struct match_run *, const struct match_doc *,
		    const struct match_tokens *);
void		 match_run_free(struct match_run *);

/* match_eval.c */
size_t		 match_eval_range(const struct match_eval *, size_t phrase,
		    unsigned field, size_t *lo);
int		 match_eval(struct match_eval *, size_t node, int collect);
int		 match_eval_topic(struct match_eval *,
		    const struct match_topic *);
char		*match_terms(const struct match_eval *);

/* match_parse.c */
int		 match_fail(struct match_parse *, size_t pos, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
int		 match_parse(struct match_parse *, size_t *root);

/* match.c */
int		 match_source_ok(const struct match_topic *, const char *);

/*
 * Inline, as they run for each token of a text: the memo of the words
 * recent tokens stood for.
 */

/*
 * The len bytes of s (1 to MATCH_MEMOKEY) in three words, loaded whole and
 * overlapping so that every byte is in one, the rest zero: a token is
 * read, hashed and compared without a loop over its bytes, whose exit
 * costs more than the work as token lengths vary.
 */
static inline void
match_memo_pack(const char *s, size_t len, uint64_t w[3])
{
	uint32_t	 a, b;

	w[1] = w[2] = 0;
	if (len >= 8) {
		memcpy(&w[0], s, 8);
		if (len >= 16) {
			memcpy(&w[1], s + 8, 8);
			memcpy(&w[2], s + len - 8, 8);
		} else
			memcpy(&w[1], s + len - 8, 8);
	} else if (len >= 4) {
		memcpy(&a, s, 4);
		memcpy(&b, s + len - 4, 4);
		w[0] = (uint64_t)a << 32 | b;
	} else
		w[0] = (uint64_t)(unsigned char)s[0] << 16 |
		    (uint64_t)(unsigned char)s[len / 2] << 8 |
		    (unsigned char)s[len - 1];
}

/*
 * A token as the memo reads it: its bytes packed, and its hash (FNV-1a
 * over the packed words folded to 32 bits, and the length), which places
 * it in one slot (direct-mapped): looking a token up costs this and one
 * comparison. A token the memo does not take has length 0.
 */
static inline void
match_memo_key(const char *s, size_t len, struct match_tok *k)
{
	uint64_t	 h = HASH_FNV_BASIS;

	k->len = 0;
	if (len == 0 || len > MATCH_MEMOKEY)
		return;
	k->len = len;
	match_memo_pack(s, len, k->w);
	h = hash_fnv_step(h, (uint32_t)(k->w[0] ^ k->w[0] >> 32));
	h = hash_fnv_step(h, (uint32_t)(k->w[1] ^ k->w[1] >> 32));
	h = hash_fnv_step(h, (uint32_t)(k->w[2] ^ k->w[2] >> 32));
	k->h = hash_fnv_step(h, (uint32_t)len) * MATCH_MIXSLOT;
}

/* The memo slot of a token. */
static inline struct match_memo *
match_memo_slot(const struct match *m, const struct match_tok *k)
{
	return &m->memo->slot[k->h >> (64 - MATCH_MEMOBITS)];
}

/*
 * Start loading the memo slot of token k, which is read a few tokens
 * later: a slot is a miss in the near caches as often as not, and the
 * tokens before it give the load the time it takes.
 */
static inline void
match_memo_fetch(const struct match *m, const struct match_tok *k)
{
	if (k->len != 0)
		__builtin_prefetch(match_memo_slot(m, k));
}

/*
 * Append to ids the words token k stood for when last seen; 0 when the
 * memo does not hold it. The words depend on the token alone, so a
 * remembered answer is the answer.
 */
static inline int
match_memo_get(const struct match *m, const struct match_tok *k,
    struct match_sizes *ids)
{
	const struct match_memo	*e;
	size_t			 i;

	if (k->len == 0)
		return 0;
	e = match_memo_slot(m, k);
	if (((e->len ^ k->len) | (e->w[0] ^ k->w[0]) | (e->w[1] ^ k->w[1]) |
	    (e->w[2] ^ k->w[2])) != 0)
		return 0;
	for (i = 0; i < e->nids; i++)
		MATCH_PUT(ids, e->id[i]);
	return 1;
}

/*
 * Inline, as they run for each character of each form a text word may
 * take: what a character is, whether a skeleton keeps it, whether a key
 * may start so.
 */

/* The bytes of the UTF-8 character at s packed into one number; its length. */
static inline uint32_t
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
 * match_char for valid UTF-8, as the forms of a text word are (tokens are
 * encoded by text.c): the length from the lead byte alone, without a loop
 * whose exit a mix of scripts makes hard to predict.
 */
static inline uint32_t
match_char_valid(const char *s, size_t *cl)
{
	const unsigned char	*u = (const unsigned char *)s;

	if (u[0] < 0x80) {
		*cl = 1;
		return u[0];
	}
	if (u[0] < 0xE0) {
		*cl = 2;
		return (uint32_t)u[0] << 8 | u[1];
	}
	if (u[0] < 0xF0) {
		*cl = 3;
		return (uint32_t)u[0] << 16 | (uint32_t)u[1] << 8 | u[2];
	}
	*cl = 4;
	return (uint32_t)u[0] << 24 | (uint32_t)u[1] << 16 |
	    (uint32_t)u[2] << 8 | u[3];
}

/*
 * One byte's step of the key hash, a polynomial in MATCH_POLY (h = 0 for
 * ""): the hash of a piece of a text follows from those of its prefixes
 * (match_piece_hash), so that the forms of a token, which are pieces of
 * it, are hashed without going over their bytes again; and a byte a step
 * needs no decoding, whose branches cost more than the step.
 */
static inline uint64_t
match_hash_step(uint64_t h, unsigned char c)
{
	return h * MATCH_POLY + c;
}

/*
 * The hash of the piece [i, j) of a text, from the hashes of its prefixes
 * hi and hj and its length n = j - i.
 */
static inline uint64_t
match_piece_hash(const struct match *m, uint64_t hi, uint64_t hj, size_t n)
{
	return hj - hi * m->pow[n];
}

/*
 * Whether a character, packed by match_char, is one a skeleton leaves out:
 * ا و ي ء.
 */
static inline int
match_skel_dropped(uint32_t c)
{
	return c == 0xD8A7 || c == 0xD988 || c == 0xD98A || c == 0xD8A1;
}

/*
 * The word of a prefix filter for a hash, and its two bits: a product's
 * middle and high bits are the mixed ones.
 */
static inline uint64_t *
match_prefix_at(const struct match_pfx *f, uint64_t h, uint64_t *mask)
{
	uint64_t	 x = h * MATCH_MIXPREFIX;

	*mask = (uint64_t)1 << (x >> 24 & 63) | (uint64_t)1 << (x >> 30 & 63);
	return &f->w[x >> (64 - f->bits)];
}

/* Whether some key of a filter may start with the text whose hash is h. */
static inline int
match_prefix_may(const struct match_pfx *f, uint64_t h)
{
	uint64_t	 mask, *w;

	w = match_prefix_at(f, h, &mask);
	return (*w & mask) == mask;
}

#endif
