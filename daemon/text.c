/* text: Unicode and Arabic normalization, tokens, snippets. Pure. */
#include <ctype.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "buf.h"
#include "compat.h"
#include "hash.h"
#include "text.h"
#include "xmalloc.h"

/*
 * Code points normalized together: a starter and the marks that may
 * compose with it. UAX #15's stream-safe format bounds such runs at 30
 * non-starters, so longer runs are cut rather than grown without limit.
 */
#define TEXT_SEGMAX	32
#define TEXT_OUTMAX	1024	/* 32 code points times the largest expansion */

/*
 * For the few steps that a code point takes through the cache, which cost
 * less than a call: the compiler would not inline them into both paths.
 */
#define TEXT_HOT	__attribute__((always_inline))
/* And the paths most code points never take, kept out of the hot loop. */
#define TEXT_COLD	__attribute__((noinline))

/* What a normalized code point does to the token stream. */
enum text_class {
	TEXT_C_SEP,	/* ends the current word */
	TEXT_C_WORD,	/* a letter or digit */
	TEXT_C_MARK,	/* a surviving combining mark: joins the word */
	TEXT_C_SYM	/* a token of its own */
};

/* Classes by utf8proc category, in utf8proc_category_t order. */
static const unsigned char text_category_class[] = {
	TEXT_C_SEP,					/* Cn */
	TEXT_C_WORD, TEXT_C_WORD, TEXT_C_WORD,		/* Lu Ll Lt */
	TEXT_C_WORD, TEXT_C_WORD,			/* Lm Lo */
	TEXT_C_MARK, TEXT_C_MARK, TEXT_C_MARK,		/* Mn Mc Me */
	TEXT_C_WORD, TEXT_C_WORD, TEXT_C_WORD,		/* Nd Nl No */
	TEXT_C_SEP, TEXT_C_SEP, TEXT_C_SEP, TEXT_C_SEP,	/* Pc Pd Ps Pe */
	TEXT_C_SEP, TEXT_C_SEP, TEXT_C_SEP,		/* Pi Pf Po */
	TEXT_C_SYM, TEXT_C_SYM, TEXT_C_SEP, TEXT_C_SYM,	/* Sm Sc Sk So */
	TEXT_C_SEP, TEXT_C_SEP, TEXT_C_SEP,		/* Zs Zl Zp */
	TEXT_C_SEP, TEXT_C_SEP, TEXT_C_SEP, TEXT_C_SEP	/* Cc Cf Cs Co */
};

/* ASCII "other punctuation" that names things (AT&T, #tag, 5%): symbols. */
static const char text_ascii_symbols[] = "#%&@";

enum text_fold_op {
	TEXT_DROP,	/* removed without splitting the word */
	TEXT_DROP_LATE,	/* the same, but NFKC may first compose it (ا + ٔ → أ) */
	TEXT_MAP,	/* replaced by one code point */
	TEXT_DIGIT,	/* a decimal digit, replaced by its ASCII form */
	TEXT_LATIN	/* a Latin letter with a mark, replaced by the ASCII
			   letter it decomposes to (ü → u), if any */
};

/* Folds applied after NFKC and case folding, sorted by code point. */
static const struct text_fold {
	int32_t			 lo, hi;
	enum text_fold_op	 op;
	int32_t			 to;
} text_folds[] = {
	{ 0x00AD, 0x00AD, TEXT_DROP, 0 },	/* soft hyphen */
	{ 0x00C0, 0x024F, TEXT_LATIN, 0 },	/* Türkmenistan, Astaná, as
						   headlines in capitals and
						   English papers drop them */
	{ 0x02BB, 0x02BC, TEXT_MAP, 0x0027 },	/* the modifier letters of
						   Oʻzbekiston, as its ' */
	{ 0x0300, 0x0301, TEXT_DROP_LATE, 0 },	/* grave and acute that no letter
						   took: Russian stress marks */
	{ 0x0451, 0x0451, TEXT_MAP, 0x0435 },	/* ё → е, as most writers do */
	{ 0x0610, 0x061A, TEXT_DROP, 0 },	/* Arabic marks */
	{ 0x061C, 0x061C, TEXT_DROP, 0 },	/* Arabic letter mark */
	{ 0x0622, 0x0623, TEXT_MAP, 0x0627 },	/* آ أ → ا */
	{ 0x0624, 0x0624, TEXT_MAP, 0x0648 },	/* ؤ → و */
	{ 0x0625, 0x0625, TEXT_MAP, 0x0627 },	/* إ → ا */
	{ 0x0626, 0x0626, TEXT_MAP, 0x064A },	/* ئ → ي */
	{ 0x0629, 0x0629, TEXT_MAP, 0x0647 },	/* ة → ه */
	{ 0x0640, 0x0640, TEXT_DROP, 0 },	/* tatweel */
	{ 0x0649, 0x0649, TEXT_MAP, 0x064A },	/* ى → ي */
	{ 0x064B, 0x0652, TEXT_DROP, 0 },	/* harakat */
	{ 0x0653, 0x0655, TEXT_DROP_LATE, 0 },	/* madda, hamza above and below */
	{ 0x0656, 0x065F, TEXT_DROP, 0 },
	{ 0x0660, 0x0669, TEXT_DIGIT, 0 },	/* Arabic-Indic digits */
	{ 0x066A, 0x066A, TEXT_MAP, '%' },	/* Arabic percent sign */
	{ 0x0670, 0x0670, TEXT_DROP, 0 },	/* superscript alef */
	{ 0x0671, 0x0673, TEXT_MAP, 0x0627 },	/* ٱ and wavy-hamza alefs → ا */
	{ 0x067E, 0x067E, TEXT_MAP, 0x0628 },	/* Persian پ, the p papers write ب */
	{ 0x0686, 0x0686, TEXT_MAP, 0x062C },	/* Persian چ, the ch of جنكيز */
	{ 0x0698, 0x0698, TEXT_MAP, 0x062C },	/* Persian ژ, the zh of جاباروف */
	{ 0x06A2, 0x06A2, TEXT_MAP, 0x0641 },	/* Maghrebi ڢ → ف */
	{ 0x06A4, 0x06A5, TEXT_MAP, 0x0641 },	/* ڤ ڥ, the v of loanwords → ف */
	{ 0x06A7, 0x06A8, TEXT_MAP, 0x0642 },	/* Maghrebi ڧ, the g ڨ → ق */
	{ 0x06A9, 0x06A9, TEXT_MAP, 0x0643 },	/* Persian ک → ك */
	{ 0x06AD, 0x06AD, TEXT_MAP, 0x0643 },	/* the Maghreb's g ڭ, written ك */
	{ 0x06AF, 0x06AF, TEXT_MAP, 0x0643 },	/* Persian and Iraqi g گ, written ك */
	{ 0x06BE, 0x06BE, TEXT_MAP, 0x0647 },	/* Urdu ھ → ه */
	{ 0x06C0, 0x06C0, TEXT_MAP, 0x0647 },	/* ۀ → ه */
	{ 0x06C1, 0x06C3, TEXT_MAP, 0x0647 },	/* Urdu ہ ۂ, ۃ (its ة) → ه */
	{ 0x06CC, 0x06CC, TEXT_MAP, 0x064A },	/* Persian ی → ي */
	{ 0x06D5, 0x06D5, TEXT_MAP, 0x0647 },	/* Kurdish ە, a keyboard's ه */
	{ 0x06D6, 0x06DC, TEXT_DROP, 0 },	/* Quranic marks */
	{ 0x06DF, 0x06E4, TEXT_DROP, 0 },
	{ 0x06E7, 0x06E8, TEXT_DROP, 0 },
	{ 0x06EA, 0x06ED, TEXT_DROP, 0 },
	{ 0x06F0, 0x06F9, TEXT_DIGIT, 0 },	/* Persian digits */
	{ 0x1E00, 0x1EFF, TEXT_LATIN, 0 },	/* the marked letters of
						   Latin Extended Additional */
	{ 0x200B, 0x200F, TEXT_DROP, 0 },	/* zero-width, LRM, RLM */
	{ 0x202A, 0x202E, TEXT_DROP, 0 },	/* bidi embeddings */
	{ 0x2044, 0x2044, TEXT_MAP, '/' },	/* fraction slash: joins words */
	{ 0x2060, 0x2060, TEXT_DROP, 0 },	/* word joiner */
	{ 0x2066, 0x2069, TEXT_DROP, 0 },	/* bidi isolates */
	{ 0x2212, 0x2212, TEXT_MAP, '-' },	/* minus sign, as a hyphen */
	{ 0x2215, 0x2215, TEXT_MAP, '/' },	/* division slash */
	{ 0x2795, 0x2795, TEXT_MAP, '+' },	/* heavy plus of C5➕1 */
	{ 0x29F8, 0x29F8, TEXT_MAP, '/' },	/* big solidus */
	{ 0xFEFF, 0xFEFF, TEXT_DROP, 0 }	/* zero-width no-break space */
};

/* The scripts whose look-alike letters a mixed word folds together. */
enum text_script {
	TEXT_S_OTHER,		/* none of the three */
	TEXT_S_LATIN,		/* with the ASCII digits: С5 mixes as C5 */
	TEXT_S_CYRILLIC,
	TEXT_S_GREEK,
	TEXT_S_N
};

/* The letters of the three scripts (and the digits), by block. */
static const struct text_script_row {
	int32_t			 lo, hi;
	enum text_script	 script;
} text_script_rows[] = {
	{ '0', '9', TEXT_S_LATIN },
	{ 'a', 'z', TEXT_S_LATIN },
	{ 0x00C0, 0x024F, TEXT_S_LATIN },
	{ 0x0370, 0x03FF, TEXT_S_GREEK },
	{ 0x0400, 0x052F, TEXT_S_CYRILLIC },
	{ 0x1E00, 0x1EFF, TEXT_S_LATIN },
	{ 0x1F00, 0x1FFF, TEXT_S_GREEK }
};

/*
 * Letters that look alike across Latin, Cyrillic and Greek once case is
 * folded (in either case: н is Н, which looks like H), one row per
 * look-alike, by script (0: none): Unicode's confusables (UTS #39)
 * restricted to the three scripts. A word that mixes them is read in the
 * script most of its letters are in, ties going to Latin, so С5+1 typed
 * with a Cyrillic С is c5 + 1 and Казахстан with a Latin K is казахстан;
 * a word in one script keeps its letters.
 */
static const int32_t text_lookalikes[][TEXT_S_N] = {
	{ 0, 'a', 0x0430, 0x03B1 }, { 0, 'b', 0x0432, 0x03B2 },
	{ 0, 'c', 0x0441, 0x03F2 }, { 0, 'd', 0x0501, 0 },
	{ 0, 'e', 0x0435, 0x03B5 }, { 0, 'h', 0x043D, 0x03B7 },
	{ 0, 'h', 0x04BB, 0 }, { 0, 'i', 0x0456, 0x03B9 },
	{ 0, 'j', 0x0458, 0x03F3 }, { 0, 'k', 0x043A, 0x03BA },
	{ 0, 'l', 0x04CF, 0 }, { 0, 'm', 0x043C, 0x03BC },
	{ 0, 'o', 0x043E, 0x03BF }, { 0, 'p', 0x0440, 0x03C1 },
	{ 0, 'q', 0x051B, 0 }, { 0, 's', 0x0455, 0 },
	{ 0, 't', 0x0442, 0x03C4 }, { 0, 'u', 0, 0x03C5 },
	{ 0, 'v', 0, 0x03BD }, { 0, 'w', 0x051D, 0 },
	{ 0, 'x', 0x0445, 0x03C7 }, { 0, 'y', 0x0443, 0x03B3 },
	{ 0, 'z', 0, 0x03B6 }
};

/* Multi-byte UTF-8 (Unicode table 3-7): lead bytes, length, second byte. */
static const struct text_utf8_row {
	unsigned char	 lo, hi, len, lo2, hi2;
} text_utf8_rows[] = {
	{ 0xC2, 0xDF, 2, 0x80, 0xBF },
	{ 0xE0, 0xE0, 3, 0xA0, 0xBF },
	{ 0xE1, 0xEC, 3, 0x80, 0xBF },
	{ 0xED, 0xED, 3, 0x80, 0x9F },
	{ 0xEE, 0xEF, 3, 0x80, 0xBF },
	{ 0xF0, 0xF0, 4, 0x90, 0xBF },
	{ 0xF1, 0xF3, 4, 0x80, 0xBF },
	{ 0xF4, 0xF4, 4, 0x80, 0x8F }
};

/* The apostrophes after which a lone "s" is an English possessive. */
static const int32_t text_apostrophes[] = { 0x0027, 0x2019 };

/* The tokens of one input; norms live in one buffer, NUL-separated. */
struct text {
	struct text_token	*v;
	size_t			*noff;	/* norm offsets, for the final fix-up */
	size_t			 n, cap;
	size_t			 njoined;	/* tokens joined (text_njoined) */
	struct buf		 norm;
	unsigned		 refs;	/* owners: text_hold() adds one */
};

/* One text a memo keeps: its bytes, their hash, and its tokens. */
struct text_memo_slot {
	uint64_t	 hash;
	struct buf	 src;
	struct text	*t;
};

/* Sets of two, so that two texts whose hashes meet are both kept. */
struct text_memo {
	struct text_memo_slot	 slot[TEXT_MEMO_SETS * 2];
};

/* What a code point added to a word is, for where a word ends. */
enum text_cpkind {
	TEXT_K_MARK,
	TEXT_K_DIGIT,
	TEXT_K_ARABIC,	/* an Arabic letter */
	TEXT_K_LETTER,	/* a letter of another script */
	TEXT_K_N
};

/*
 * The kinds a word ends between, bit last * TEXT_K_N + next: a digit or
 * another script's letter before an Arabic letter (٢٠١٥م, the CIAو of a
 * page whose markup was dropped), an Arabic letter before another
 * script's (كازاخستانKazakhstan, بـC5+1 once the tatweel is gone).
 */
#define TEXT_SPLIT(a, b)	(1u << ((a) * TEXT_K_N + (b)))
#define TEXT_SPLITS	(TEXT_SPLIT(TEXT_K_DIGIT, TEXT_K_ARABIC) | \
			 TEXT_SPLIT(TEXT_K_LETTER, TEXT_K_ARABIC) | \
			 TEXT_SPLIT(TEXT_K_ARABIC, TEXT_K_LETTER))

/* Tokenizer state between code points. */
struct text_build {
	struct text	*t;
	const unsigned char *src;	/* the input, for a hashtag's capitals */
	size_t		 hashend;	/* where the last # or @ ends: a word
					   that starts there is a hashtag or a
					   mention */
	int		 open;		/* a word is being built */
	size_t		 start, end;	/* its original span */
	size_t		 noff;		/* its norm's offset */
	int		 last;		/* enum text_cpkind of its last code
					   point */
	size_t		 lastend;	/* end of the last word closed */
	size_t		 possessive;	/* where a possessive "s" would start */
	size_t		 hyphen;	/* where a word joined to the last by
					   a hyphen would start */
	unsigned	 foreign;	/* bit s: it has a letter of script s,
					   Cyrillic or Greek */
	uint32_t	 lastcp;	/* the code point its norm ends in */
	size_t		 squeezed;	/* its norm's length when a stretched
					   letter was cut down to one */
};

/*
 * What the tokenizer needs to know of a code point, packed in one word for
 * the cache. cp, cls, digit and arabic describe a folded code point to
 * feed. A cache entry describes a code point of the input: what a segment
 * of it alone feeds (that folded code point; nothing when drop; when slow,
 * anything but one code point, left to utf8proc), and how it acts after a
 * starter.
 */
struct text_char {
	unsigned	 cp:21;		/* the folded code point fed */
	unsigned	 cls:2;		/* its enum text_class */
	unsigned	 digit:1;	/* it is a decimal digit (Nd) */
	unsigned	 arabic:1;	/* it is an Arabic letter */
	unsigned	 drop:1;
	unsigned	 slow:1;
	unsigned	 attaches:1;	/* joins the segment before it */
	unsigned	 inert:1;	/* ... and vanishes there, changing nothing */
	unsigned	 known:1;	/* a cache entry is filled in */
	unsigned	 rare:1;	/* slow, drop, a Cyrillic or Greek
					   letter, or < that may start a tag
					   (text_tag): off the common path */
};
_Static_assert(sizeof(struct text_char) == sizeof(uint32_t),
    "a text_char is cached in one atomic word");

/*
 * The BMP code points met so far, filled in lazily: each entry is a pure
 * function of its code point, so threads that race to fill one store the
 * same word, and relaxed atomics suffice.
 *
 * A segment whose starter's entry is not slow, followed only by inert
 * marks, feeds just that entry: NFKC moves marks that neither decompose nor
 * compose only by canonical order, and the fold then removes them.
 * tests/unit/test_textdiff.c checks this against utf8proc for every BMP
 * starter and every such mark.
 */
static _Atomic uint32_t	 text_cache[0x10000];

/* A code point of the input: its value, its length (0: an invalid byte), its entry. */
struct text_at {
	int32_t			 cp;
	size_t			 n;
	struct text_char	 c;
};

/* Decode a multi-byte UTF-8 sequence by the table; its length, or 0. */
static size_t
text_decode_long(const unsigned char *s, size_t len, int32_t *cp)
{
	const struct text_utf8_row	*r = NULL;
	size_t				 i, n;
	int32_t				 c;

	for (i = 0; r == NULL && i < nitems(text_utf8_rows); i++)
		if (s[0] >= text_utf8_rows[i].lo &&
		    s[0] <= text_utf8_rows[i].hi)
			r = &text_utf8_rows[i];
	if (r == NULL || r->len > len)
		return 0;
	if (s[1] < r->lo2 || s[1] > r->hi2)
		return 0;
	c = s[0] & (0x7F >> r->len);
	for (n = 1; n < r->len; n++) {
		if ((s[n] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[n] & 0x3F);
	}
	*cp = c;
	return r->len;
}

/*
 * Decode one well-formed UTF-8 sequence; its length, or 0 when invalid.
 * Inline, as are the other steps of a code point's way through the cache:
 * calls cost more than the work itself.
 */
static inline size_t
text_decode(const unsigned char *s, size_t len, int32_t *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF && len > 1 && (s[1] & 0xC0) == 0x80) {
		*cp = (s[0] & 0x1F) << 6 | (s[1] & 0x3F);
		return 2;	/* Arabic and Cyrillic: no table walk */
	}
	return text_decode_long(s, len, cp);
}

/* Encode a scalar value as UTF-8 into u; its length. */
static inline size_t
text_encode(int32_t cp, char *u)
{
	if (cp < 0x80) {
		u[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		u[0] = (char)(0xC0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		u[0] = (char)(0xE0 | cp >> 12);
		u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	u[0] = (char)(0xF0 | cp >> 18);
	u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	u[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	u[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Compare a code point with a fold table row, for bsearch. */
static int
text_fold_cmp(const void *key, const void *elem)
{
	int32_t			 cp = *(const int32_t *)key;
	const struct text_fold	*f = elem;

	if (cp < f->lo)
		return -1;
	return cp > f->hi ? 1 : 0;
}

/* The fold table row of cp, or NULL. */
static const struct text_fold *
text_fold_row(int32_t cp)
{
	if (cp < 0x80)
		return NULL;
	return bsearch(&cp, text_folds, nitems(text_folds), sizeof(text_folds[0]), text_fold_cmp);
}

/* The ASCII letter a Latin letter with marks decomposes to, or cp. */
static int32_t
text_latin_base(int32_t cp)
{
	utf8proc_int32_t	 d[4];

	if (utf8proc_decompose_char(cp, d, 4, UTF8PROC_DECOMPOSE, NULL) < 2 ||
	    !((d[0] >= 'a' && d[0] <= 'z') || (d[0] >= 'A' && d[0] <= 'Z')))
		return cp;
	return d[0];
}

/* Apply the Arabic, Latin and invisible-character folds; -1 means drop. */
static int32_t
text_fold(int32_t cp)
{
	const struct text_fold	*f;

	if ((f = text_fold_row(cp)) == NULL)
		return cp;
	if (f->op == TEXT_DROP || f->op == TEXT_DROP_LATE)
		return -1;
	if (f->op == TEXT_LATIN)
		return text_latin_base(cp);
	return f->op == TEXT_MAP ? f->to : '0' + (cp - f->lo);
}

/* The token class of a normalized, folded code point. */
static enum text_class
text_classify(int32_t cp)
{
	utf8proc_category_t	 c;

	if (cp < 0x80 && cp != 0 && strchr(text_ascii_symbols, cp) != NULL)
		return TEXT_C_SYM;
	c = utf8proc_category(cp);
	if ((size_t)c >= sizeof(text_category_class))
		return TEXT_C_SEP;
	return text_category_class[c];
}

/* Whether cp may change or compose with the code point before it. */
static int
text_attaches(int32_t cp)
{
	const utf8proc_property_t	*p;

	if (cp < 0x300)
		return 0;
	if ((cp >= 0x1161 && cp <= 0x1175) || (cp >= 0x11A8 && cp <= 0x11C2))
		return 1;	/* Hangul vowel and final jamo */
	p = utf8proc_get_property(cp);
	return p->combining_class != 0 ||
	    p->category == UTF8PROC_CATEGORY_MN ||
	    p->category == UTF8PROC_CATEGORY_MC ||
	    p->category == UTF8PROC_CATEGORY_ME;
}

/* NFKC and case fold a segment into out as utf8proc_map does; count or -1. */
static long
text_nfkc(const unsigned char *s, size_t len, int32_t *out)
{
	utf8proc_ssize_t	 n;
	const int		 opts = UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
				    UTF8PROC_CASEFOLD;

	n = utf8proc_decompose(s, (utf8proc_ssize_t)len, out, TEXT_OUTMAX,
	    opts);
	if (n < 0 || n > TEXT_OUTMAX)
		return -1;
	n = utf8proc_normalize_utf32(out, n, opts);
	return n < 0 ? -1 : (long)n;
}

/* Whether cp is an Arabic letter (a digit run ends before one: ٢٠١٥م). */
static int
text_arabic_letter(int32_t cp)
{
	return cp >= 0x0620 && cp <= 0x06FF &&
	    text_classify(cp) == TEXT_C_WORD && (cp < 0x0660 || cp > 0x0669);
}

/* The script of a normalized, folded code point, by its block. */
static enum text_script
text_script_of(int32_t cp)
{
	size_t	 i;

	for (i = 0; i < nitems(text_script_rows); i++)
		if (cp >= text_script_rows[i].lo && cp <= text_script_rows[i].hi)
			return text_script_rows[i].script;
	return TEXT_S_OTHER;
}

/* What the tokenizer needs to know of a normalized, folded code point. */
static struct text_char
text_describe(int32_t cp)
{
	struct text_char	 c = { 0 };

	c.cp = (unsigned)cp;
	c.cls = text_classify(cp);
	c.digit = utf8proc_category(cp) == UTF8PROC_CATEGORY_ND;
	c.arabic = text_arabic_letter(cp);
	return c;
}

/*
 * The cache entry of a BMP code point: NFKC, case fold and fold it alone,
 * as a segment of its own. It is inert after a starter only when the fold
 * drops it and NFKC neither changes nor composes it, so that the starter's
 * own entry tells what the whole segment feeds.
 */
static struct text_char
text_char_build(int32_t cp)
{
	struct text_char	 c = { 0 };
	int32_t			 out[TEXT_OUTMAX], f = 0;
	char			 u[4];
	const struct text_fold	*row;
	long			 n;

	n = text_nfkc((unsigned char *)u, text_encode(cp, u), out);
	if (n == 1 && (f = text_fold(out[0])) == -1)
		c.drop = 1;
	else if (n == 1)
		c = text_describe(f);
	else
		c.slow = 1;
	c.attaches = text_attaches(cp);
	row = text_fold_row(cp);
	c.inert = c.attaches && c.drop && out[0] == cp && row != NULL &&
	    row->op == TEXT_DROP;
	c.rare = c.slow || c.drop ||
	    text_script_of((int32_t)c.cp) >= TEXT_S_CYRILLIC || cp == '<';
	c.known = 1;
	return c;
}

/* Fill in the cache entry of cp; code points past the BMP are never cached. */
static struct text_char
text_fill(int32_t cp)
{
	struct text_char	 c = { 0 };
	uint32_t		 w;

	if (cp > 0xFFFF) {
		c.slow = c.rare = 1;
		c.attaches = text_attaches(cp);
		return c;
	}
	c = text_char_build(cp);
	memcpy(&w, &c, sizeof(w));
	atomic_store_explicit(&text_cache[cp], w, memory_order_relaxed);
	return c;
}

/* The cache entry of cp. */
static inline struct text_char
text_lookup(int32_t cp)
{
	struct text_char	 c;
	uint32_t		 w;

	if (cp > 0xFFFF || (w = atomic_load_explicit(&text_cache[cp],
	    memory_order_relaxed)) == 0)
		return text_fill(cp);
	memcpy(&c, &w, sizeof(c));
	return c;
}

/* Decode the code point at i into *at, with its entry when it is valid. */
static inline void
text_read(const unsigned char *s, size_t len, size_t i, struct text_at *at)
{
	if ((at->n = text_decode(s + i, len - i, &at->cp)) != 0)
		at->c = text_lookup(at->cp);
}

/*
 * Find the segment (see TEXT_SEGMAX) that *at, at i, starts; its end. *c
 * receives the starter's entry, slow when a mark that is not inert follows.
 * On return *at is the code point after the segment, read once for both.
 */
static size_t
text_segment(const unsigned char *s, size_t len, size_t i, struct text_at *at,
    struct text_char *c)
{
	size_t	 end = i + at->n, ncp;

	*c = at->c;
	for (ncp = 1;; ncp++) {
		at->n = 0;
		if (end == len)
			break;
		text_read(s, len, end, at);
		if (at->n == 0 || !at->c.attaches || ncp == TEXT_SEGMAX)
			break;
		c->slow |= !at->c.inert;
		c->rare |= !at->c.inert;
		end += at->n;
	}
	return end;
}

/*
 * Append one code point's UTF-8 to the norm buffer: in place when it has
 * room, as it nearly always has, since a call to buf_append per letter
 * costs more than the rest of the fast path.
 */
static inline TEXT_HOT void
text_put_cp(struct text *t, int32_t cp)
{
	struct buf	*norm = &t->norm;
	char		 u[4];

	if (norm->cap - norm->len <= sizeof(u)) {
		buf_append(norm, u, text_encode(cp, u));
		return;
	}
	norm->len += text_encode(cp, norm->data + norm->len);
	norm->data[norm->len] = '\0';
}

/* Append a token slot. */
static void
text_push(struct text *t, size_t start, size_t end, size_t noff,
    enum text_kind kind)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 32;
		t->v = xreallocarray(t->v, t->cap, sizeof(*t->v));
		t->noff = xreallocarray(t->noff, t->cap, sizeof(*t->noff));
	}
	t->v[t->n].start = start;
	t->v[t->n].end = end;
	t->v[t->n].kind = kind;
	t->v[t->n].joined = 0;
	t->v[t->n].hyphen = 0;
	t->v[t->n].normlen = t->norm.len - noff;
	t->noff[t->n] = noff;
	t->n++;
	text_put_cp(t, 0);	/* the NUL that ends the norm */
}

/* Whether the word being closed is the "s" of an English possessive. */
static int
text_is_possessive(const struct text_build *b)
{
	return b->start == b->possessive && b->t->norm.len - b->noff == 1 &&
	    b->t->norm.data[b->noff] == 's';
}

/*
 * Whether a word may hold a Latin letter or a digit, by its bytes: ASCII,
 * a lead byte of U+00C0-U+027F, or E1 (Latin Extended Additional shares it
 * with other blocks).
 */
static int
text_latinish(const unsigned char *w, size_t len)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		if (w[i] < 0x80 || (unsigned char)(w[i] - 0xC3) < 7 ||
		    w[i] == 0xE1)
			return 1;
	return 0;
}

/*
 * The script a word is read in when it mixes the three: the one most of
 * its letters are in, ties going to Latin, then Cyrillic; TEXT_S_OTHER
 * when it is in one script (or none).
 */
static enum text_script
text_main_script(const char *w, size_t len)
{
	size_t			 i, n, count[TEXT_S_N] = { 0 };
	enum text_script	 s, best = TEXT_S_LATIN;
	int32_t			 cp;
	int			 used = 0;

	for (i = 0; i < len; i += n) {
		n = text_decode((const unsigned char *)w + i, len - i, &cp);
		count[text_script_of(cp)]++;
	}
	for (s = TEXT_S_LATIN; s < TEXT_S_N; s++) {
		used += count[s] > 0;
		if (count[s] > count[best])
			best = s;
	}
	return used > 1 ? best : TEXT_S_OTHER;
}

/* The look-alike of cp in script to, or cp. */
static int32_t
text_lookalike(int32_t cp, enum text_script to)
{
	size_t			 i;
	enum text_script	 s;

	for (i = 0; i < nitems(text_lookalikes); i++)
		for (s = TEXT_S_LATIN; s < TEXT_S_N; s++)
			if (text_lookalikes[i][s] == cp &&
			    text_lookalikes[i][to] != 0)
				return text_lookalikes[i][to];
	return cp;
}

/*
 * Rewrite the word being built, when it mixes the three scripts, with its
 * look-alikes in the script most of it is in.
 */
static TEXT_COLD void
text_unconfuse(struct text_build *b)
{
	struct buf		*norm = &b->t->norm;
	char			*word;
	size_t			 i, n, len = norm->len - b->noff;
	int32_t			 cp;
	enum text_script	 to;

	if (!(b->foreign & (b->foreign - 1)) &&
	    !text_latinish((unsigned char *)norm->data + b->noff, len))
		return;
	if ((to = text_main_script(norm->data + b->noff, len)) == TEXT_S_OTHER)
		return;
	word = xmalloc(len);
	memcpy(word, norm->data + b->noff, len);
	norm->len = b->noff;
	for (i = 0; i < len; i += n) {
		n = text_decode((unsigned char *)word + i, len - i, &cp);
		text_put_cp(b->t, text_lookalike(cp, to));
	}
	free(word);
}


/* The bytes of the code point at s, an invalid byte being one. */
static size_t
text_step_cp(const unsigned char *s, size_t len)
{
	int32_t	 cp;
	size_t	 k = text_decode(s, len, &cp);

	return k != 0 ? k : 1;
}

/* The code points of s, an invalid byte being one. */
static size_t
text_cpcount(const unsigned char *s, size_t len)
{
	size_t	 i, n = 0;

	for (i = 0; i < len; i += text_step_cp(s + i, len - i))
		n++;
	return n;
}

/*
 * The letter case of cp: 1 upper (or title), -1 lower, 2 a digit, 0
 * anything else.
 */
static int
text_case(int32_t cp)
{
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LT:
		return 1;
	case UTF8PROC_CATEGORY_LL:
		return -1;
	case UTF8PROC_CATEGORY_ND:
		return 2;
	default:
		return 0;
	}
}

/* See text.h. */
size_t
text_camel_cuts(const char *str, size_t len, size_t *cut, size_t max)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 at = 0, next, k, n = 0;
	int32_t			 cp;
	int			 prev = 0, cur, after;

	if (len == 0 || (k = text_decode(s, len, &cp)) == 0)
		return 0;
	cur = text_case(cp);
	for (next = k; at < len && n < max; at = next, next += k) {
		after = 0;
		k = 0;
		if (next < len && (k = text_decode(s + next, len - next,
		    &cp)) == 0)
			return 0;
		if (next < len)
			after = text_case(cp);
		/* A capital after a small letter, or before a small one
		   after a capital or a digit (USAToday, G7Summit). */
		if (cur == 1 && at > 0 && (prev == -1 ||
		    (prev != 0 && after == -1)))
			cut[n++] = at;
		prev = cur;
		cur = after;
	}
	return n;
}

/*
 * Push the word being closed, a hashtag, as the words its capitals begin
 * (#KazakhstanElections is kazakhstan elections), when each of its code
 * points gave one in the norm, so that the two line up; else whole.
 */
static TEXT_COLD void
text_push_hashtag(struct text_build *b)
{
	struct text	*t = b->t;
	size_t		 cut[TEXT_CAMEL_MAX], ncut, k, i, n, o, w, len, from;
	char		*word;

	len = t->norm.len - b->noff;
	ncut = text_camel_cuts((const char *)b->src + b->start,
	    b->end - b->start, cut, nitems(cut));
	if (ncut == 0 || text_cpcount(b->src + b->start, b->end - b->start) !=
	    text_cpcount((unsigned char *)t->norm.data + b->noff, len)) {
		text_push(t, b->start, b->end, b->noff, TEXT_WORD);
		return;
	}
	word = xmalloc(len);
	memcpy(word, t->norm.data + b->noff, len);
	t->norm.len = b->noff;
	from = b->start;
	for (k = 0, i = 0, o = b->start, w = 0; k <= ncut; k++) {
		while ((k < ncut ? o < b->start + cut[k] : o < b->end) &&
		    w < len) {
			o += text_step_cp(b->src + o, b->end - o);
			w += text_step_cp((unsigned char *)word + w, len - w);
		}
		n = t->norm.len;
		buf_append(&t->norm, word + i, w - i);
		text_push(t, from, o, n, TEXT_WORD);
		t->v[t->n - 1].joined = k > 0;
		t->njoined += k > 0;
		from = o;
		i = w;
	}
	free(word);
}

/* End the word being built, if any. */
static void
text_close(struct text_build *b)
{
	if (!b->open)
		return;
	b->open = 0;
	b->lastend = b->end;
	if (b->foreign)
		text_unconfuse(b);
	if (text_is_possessive(b)) {
		b->t->norm.len = b->noff;
		b->t->norm.data[b->noff] = '\0';
		return;
	}
	if (b->start == b->hashend)
		text_push_hashtag(b);
	else
		text_push(b->t, b->start, b->end, b->noff, TEXT_WORD);
	if (b->start == b->hyphen)
		b->t->v[b->t->n - 1].hyphen = 1;
}

/*
 * Extend the word being built to end at e, opening one at s if needed, and
 * end it first where the kind of code point changes as TEXT_SPLITS says.
 */
static inline void
text_extend(struct text_build *b, int kind, size_t s, size_t e)
{
	if (b->open && TEXT_SPLITS >> (b->last * TEXT_K_N + kind) & 1)
		text_close(b);
	if (!b->open) {
		b->open = 1;
		b->start = s;
		b->noff = b->t->norm.len;
		b->foreign = 0;
		b->lastcp = 0;
		b->squeezed = 0;
	}
	b->end = e;
	b->last = kind;
}

/*
 * Whether c, the same code point as the last of the word being built, is
 * one too many: no word has one Arabic letter three times running, so a
 * run of three or more is a letter stretched for emphasis (عاااجل) and
 * keeps one. But for ت: the ت of the present before a verb of the forms
 * that begin with تت (تتتابع) makes three, so three stay and four or more
 * keep one. Cold: a letter rarely follows itself, and the common path pays
 * one comparison. The run is read back from the norm, where an Arabic
 * letter is two bytes, and b->squeezed tells a run already cut from a
 * letter doubled (the norm does not grow inside a run that was cut).
 */
static TEXT_COLD int
text_stretched(struct text_build *b, struct text_char c)
{
	struct buf	*norm = &b->t->norm;
	size_t		 k = 1, keep = c.cp == 0x062A ? 3 : 2;
	char		 u[2];

	if (!c.arabic || norm->len == b->squeezed)
		return c.arabic;
	memcpy(u, norm->data + norm->len - 2, 2);
	while (k <= keep && norm->len - b->noff >= 2 * (k + 1) &&
	    memcmp(norm->data + norm->len - 2 * (k + 1), u, 2) == 0)
		k++;
	if (k < keep)
		return 0;
	norm->len -= 2 * (k - 1);	/* all but the first */
	b->squeezed = norm->len;
	return 1;
}

/* Add a letter, digit or mark to the current word, opening one if needed. */
static inline TEXT_HOT void
text_add_word(struct text_build *b, struct text_char c, size_t s, size_t e)
{
	if (!b->open && c.cls == TEXT_C_MARK)
		return;	/* a mark with no letter to carry it */
	text_extend(b, c.arabic ? TEXT_K_ARABIC : c.digit ? TEXT_K_DIGIT :
	    c.cls == TEXT_C_WORD ? TEXT_K_LETTER : TEXT_K_MARK, s, e);
	if (c.cp == b->lastcp && text_stretched(b, c))
		return;
	b->lastcp = c.cp;
	text_put_cp(b->t, c.cp);
}

/*
 * Note an apostrophe right after a word (a following lone "s" is
 * dropped) or a hyphen or dash (the word that follows is joined to it).
 */
static void
text_note_sep(struct text_build *b, int32_t cp, size_t s, size_t e)
{
	size_t	 i, n = nitems(text_apostrophes);

	if (b->lastend != s || s == 0)
		return;
	if (cp == '-' || (cp >= 0x2010 && cp <= 0x2013)) {
		b->hyphen = e;
		return;
	}
	for (i = 0; i < n; i++)
		if (cp == text_apostrophes[i])
			b->possessive = e;
}

/* Feed one normalized, folded code point from the original span [s, e). */
static inline TEXT_HOT void
text_feed(struct text_build *b, struct text_char c, size_t s, size_t e)
{
	size_t	 noff;

	if (c.cls == TEXT_C_WORD || c.cls == TEXT_C_MARK) {
		text_add_word(b, c, s, e);
		return;
	}
	text_close(b);
	if (c.cls == TEXT_C_SEP) {
		text_note_sep(b, (int32_t)c.cp, s, e);
		return;
	}
	noff = b->t->norm.len;
	text_put_cp(b->t, (int32_t)c.cp);
	text_push(b->t, s, e, noff, TEXT_SYMBOL);
	if (c.cp == '#' || c.cp == '@')
		b->hashend = e;
}

/*
 * Feed a Cyrillic or Greek code point and note its script in the word it
 * joins: such a word may mix scripts (text_unconfuse). Other code points do
 * not pay for the note: their cache entries keep them off this path.
 */
static void
text_feed_foreign(struct text_build *b, struct text_char c, size_t s, size_t e)
{
	text_feed(b, c, s, e);
	if (b->open && (c.cls == TEXT_C_WORD || c.cls == TEXT_C_MARK))
		b->foreign |= 1u << text_script_of((int32_t)c.cp);
}

/* Normalize one segment [i, end) through utf8proc and feed its code points. */
static void
text_feed_slow(struct text_build *b, const unsigned char *s, size_t i,
    size_t end)
{
	int32_t			 out[TEXT_OUTMAX], f;
	long			 n, k;
	struct text_char	 c;

	if ((n = text_nfkc(s + i, end - i, out)) == -1) {
		text_close(b);
		return;
	}
	for (k = 0; k < n; k++) {
		if ((f = text_fold(out[k])) == -1)
			continue;
		c = text_describe(f);
		if (text_script_of(f) >= TEXT_S_CYRILLIC)
			text_feed_foreign(b, c, i, end);
		else
			text_feed(b, c, i, end);
	}
}

/* Feed a segment that needs more than the cache: utf8proc, a drop, a note. */
static TEXT_COLD void
text_step_rare(struct text_build *b, const unsigned char *s, size_t start,
    size_t end, struct text_char c)
{
	if (c.slow)
		text_feed_slow(b, s, start, end);
	else if (!c.drop)
		text_feed_foreign(b, c, start, end);
}

/*
 * The HTML elements whose tags a title may carry as text (a feed's escaped
 * markup, a page's heading copied with its tags): those inside a line of
 * text, whose tags a browser draws as nothing, so that كازا<wbr>خستان is
 * one word, and those that break the line, which separate words. Sorted,
 * for bsearch.
 */
static const char *const text_tags_inline[] = {
	"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em",
	"font", "i", "kbd", "mark", "q", "s", "samp", "small", "span",
	"strong", "sub", "sup", "time", "u", "var", "wbr"
};
static const char *const text_tags_break[] = {
	"address", "article", "aside", "blockquote", "br", "dd", "div", "dl",
	"dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5",
	"h6", "header", "hr", "img", "li", "main", "nav", "ol", "p", "pre",
	"section", "table", "tbody", "td", "th", "thead", "tr", "ul"
};

#define TEXT_TAGNAME	12	/* bytes of an element's name, at most */
#define TEXT_TAGMAX	256	/* bytes of a tag with its attributes */

/* Compare a name with an entry of a tag table, for bsearch. */
static int
text_tag_cmp(const void *key, const void *entry)
{
	return strcmp(key, *(const char *const *)entry);
}

/*
 * The end of the tag of a known element that starts at s[i], '<', or 0
 * when there is none; *joins says whether it is one of text_tags_inline.
 */
static TEXT_COLD size_t
text_tag_end(const unsigned char *s, size_t len, size_t i, int *joins)
{
	char	 name[TEXT_TAGNAME + 1];
	size_t	 j = i + 1 + (i + 1 < len && s[i + 1] == '/'), n = 0;

	while (j < len && n < TEXT_TAGNAME && isascii(s[j]) &&
	    (isalpha(s[j]) || (n > 0 && isdigit(s[j]))))
		name[n++] = (char)tolower(s[j++]);
	name[n] = '\0';
	if (n == 0 || j == len)
		return 0;
	*joins = bsearch(name, text_tags_inline, nitems(text_tags_inline),
	    sizeof(*text_tags_inline), text_tag_cmp) != NULL;
	if (!*joins && bsearch(name, text_tags_break, nitems(text_tags_break),
	    sizeof(*text_tags_break), text_tag_cmp) == NULL)
		return 0;
	if (s[j] != '>' && s[j] != '/' && s[j] != ' ')
		return 0;
	for (; j < len && j - i < TEXT_TAGMAX; j++) {
		if (s[j] == '>')
			return j + 1;
		if (s[j] == '<' || s[j] == '\n')
			return 0;
	}
	return 0;
}

/*
 * Step over the tag that starts at start, if it is one (text_tag_end): a
 * tag that breaks the line ends the word, one inside a line does not.
 * Whether it did; *i is then past it and *at the code point there.
 */
static TEXT_COLD int
text_tag(struct text_build *b, const unsigned char *s, size_t len,
    size_t start, size_t *i, struct text_at *at)
{
	size_t	 end;
	int	 joins;

	if ((end = text_tag_end(s, len, start, &joins)) == 0)
		return 0;
	if (!joins)
		text_close(b);
	*i = end;
	at->n = 0;
	if (end < len)
		text_read(s, len, end, at);
	return 1;
}

/*
 * What a zero-width non-joiner ends a word before, in Persian writing:
 * the article of another word (المعادن‌النادرة), and a suffix that ends
 * the word (قزاقستانی‌ها, ترکمن‌های; the plural, the ezafe, the
 * pronouns), where a ZWNJ inside a name (كاز‌اخستان) joins its halves.
 */
static const char *const text_zwnj_suffixes[] = {
	"ها", "های", "هایی", "ای", "ام", "ات", "اش", "تر", "ترین", "مان",
	"تان", "شان", "ی"
};

/* Whether an Arabic letter starts at s[i] (of len bytes). */
static int
text_arabic_at(const unsigned char *s, size_t len, size_t i)
{
	int32_t	 cp;

	return i < len && text_decode(s + i, len - i, &cp) > 0 &&
	    text_arabic_letter(cp);
}

/* Whether the ZWNJ before s[i] ends the word there (text_zwnj_suffixes). */
static int
text_zwnj_splits(const unsigned char *s, size_t len, size_t i)
{
	size_t	 k, n;

	if (len - i >= 8 && memcmp(s + i, "ال", 4) == 0 &&
	    text_arabic_at(s, len, i + 4) && text_arabic_at(s, len, i + 6))
		return 1;
	for (k = 0; k < nitems(text_zwnj_suffixes); k++) {
		n = strlen(text_zwnj_suffixes[k]);
		if (len - i >= n &&
		    memcmp(s + i, text_zwnj_suffixes[k], n) == 0 &&
		    !text_arabic_at(s, len, i + n))
			return 1;
	}
	return 0;
}

/*
 * Feed the segment that *at starts at *i and move *i past it. Most segments
 * are one code point, or a letter and harakat, which the cache answers
 * without utf8proc; one test sends the others aside.
 */
static void
text_step(struct text_build *b, const unsigned char *s, size_t len, size_t *i,
    struct text_at *at)
{
	struct text_char	 c;
	size_t			 start = *i;

	if (at->n == 0) {
		if (++*i < len)
			text_read(s, len, *i, at);
		text_close(b);	/* an invalid byte separates */
		return;
	}
	*i = text_segment(s, len, start, at, &c);
	if (!c.rare)
		text_feed(b, c, start, *i);
	else if (c.drop && *i - start == 3 &&
	    memcmp(s + start, "\xE2\x80\x8C", 3) == 0) {
		/* A dropped ZWNJ is a segment of its own: off the fast path. */
		if (text_zwnj_splits(s, len, *i))
			text_close(b);
	} else if (c.cp != '<' || !text_tag(b, s, len, start, i, at))
		text_step_rare(b, s, start, *i, c);
}

/* Point every token's norm into the finished norm buffer. */
static void
text_fix(struct text *t)
{
	size_t	 i;

	for (i = 0; i < t->n; i++)
		t->v[i].norm = t->norm.data + t->noff[i];
}

/*
 * Size a new text's buffers for len bytes of input at once: about a token
 * in eight bytes, and the forms about as long as the input with a NUL per
 * token. Grown from the smallest, a 1 KiB text's took nine reallocations
 * (text_push(), text_put_cp() grow them when a text needs more).
 */
static void
text_size(struct text *t, size_t len)
{
	buf_reserve(&t->norm, len > SIZE_MAX / 2 ? len : len + len / 4);
	buf_append(&t->norm, "", 0);
	if (len / 8 <= 32)
		return;
	t->cap = len / 8;
	t->v = xreallocarray(NULL, t->cap, sizeof(*t->v));
	t->noff = xreallocarray(NULL, t->cap, sizeof(*t->noff));
}

/* Tokenize s into a new struct text. */
struct text *
text_tokenize(const char *str, size_t len)
{
	const unsigned char	*s = (const unsigned char *)str;
	struct text_build	 b;
	struct text_at		 at = { 0 };
	size_t			 i;

	memset(&b, 0, sizeof(b));
	b.t = xcalloc(1, sizeof(*b.t));
	b.t->refs = 1;
	b.possessive = SIZE_MAX;
	b.hyphen = SIZE_MAX;
	b.hashend = SIZE_MAX;
	b.src = s;
	text_size(b.t, len);
	if (len > 0)
		text_read(s, len, 0, &at);
	for (i = 0; i < len;)
		text_step(&b, s, len, &i, &at);
	text_close(&b);
	text_fix(b.t);
	return b.t;
}

/* The number of tokens. */
size_t
text_ntokens(const struct text *t)
{
	return t->n;
}

/* See text.h. */
size_t
text_njoined(const struct text *t)
{
	return t->njoined;
}

/* Token i, or NULL past the end. */
const struct text_token *
text_token(const struct text *t, size_t i)
{
	return i < t->n ? &t->v[i] : NULL;
}

/* The tokens in order, text_ntokens() of them. */
const struct text_token *
text_tokens(const struct text *t)
{
	return t->v;
}

/* Release a struct text. */
void
text_free(struct text *t)
{
	if (t == NULL || --t->refs > 0)
		return;
	free(t->v);
	free(t->noff);
	buf_free(&t->norm);
	free(t);
}

/* One more owner of t. */
struct text *
text_hold(struct text *t)
{
	t->refs++;
	return t;
}

/* An empty memo. */
struct text_memo *
text_memo_new(void)
{
	return xcalloc(1, sizeof(struct text_memo));
}

/* Empty a memo; the texts it handed out live on with their owners. */
void
text_memo_clear(struct text_memo *m)
{
	size_t	 i;

	for (i = 0; i < nitems(m->slot); i++) {
		text_free(m->slot[i].t);
		m->slot[i].t = NULL;
		buf_free(&m->slot[i].src);
	}
}

/* Free a memo; see text_memo_clear(). */
void
text_memo_free(struct text_memo *m)
{
	if (m == NULL)
		return;
	text_memo_clear(m);
	free(m);
}

/* Whether slot k holds text s, of hash h. */
static int
text_memo_holds(const struct text_memo_slot *k, uint64_t h, const char *s,
    size_t len)
{
	return k->t != NULL && k->hash == h && k->src.len == len &&
	    memcmp(k->src.data, s, len) == 0;
}

/* Swap two slots of a set: the one used last comes first. */
static void
text_memo_swap(struct text_memo_slot *a, struct text_memo_slot *b)
{
	struct text_memo_slot	 t = *a;

	*a = *b;
	*b = t;
}

/* text_tokenize() through the memo; see text.h. */
struct text *
text_memo_tokenize(struct text_memo *m, const char *s, size_t len)
{
	uint64_t		 h;
	struct text_memo_slot	*k;

	if (len > TEXT_MEMO_TEXT)
		return text_tokenize(s, len);
	h = hash_fnv_text(s, len);
	k = &m->slot[h % TEXT_MEMO_SETS * 2];
	if (text_memo_holds(&k[1], h, s, len))
		text_memo_swap(&k[0], &k[1]);
	if (text_memo_holds(&k[0], h, s, len))
		return text_hold(k[0].t);
	text_memo_swap(&k[0], &k[1]);
	text_free(k[0].t);
	buf_reset(&k[0].src);
	buf_append(&k[0].src, s, len);
	k[0].hash = h;
	k[0].t = text_tokenize(s, len);
	return text_hold(k[0].t);
}

/*
 * The normalized tokens of s joined by single spaces. The norm buffer holds
 * them in order, each ended by a NUL, so the join is made in place.
 */
char *
text_normalize(const char *s, size_t len)
{
	struct text	*t;
	char		*out;
	size_t		 i;

	t = text_tokenize(s, len);
	for (i = 0; i + 1 < t->n; i++)
		t->norm.data[t->noff[i] + t->v[i].normlen] = ' ';
	if (t->n > 0)
		t->norm.len--;	/* the last NUL ends the string */
	out = buf_steal(&t->norm);
	text_free(t);
	return out;
}

/* Append a word's original bytes to b, as text_slug keeps them; its characters. */
static size_t
text_slug_word(struct buf *b, const unsigned char *s, size_t start, size_t end,
    size_t room)
{
	size_t	 i, n, chars = 0;
	int32_t	 cp;

	for (i = start; i < end && chars < room; i += n) {
		if ((n = text_decode(s + i, end - i, &cp)) == 0)
			break;
		if (cp < 0x80)
			buf_putc(b, (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
		else if (!text_lookup(cp).drop)
			buf_append(b, s + i, n);
		else
			continue;
		chars++;
	}
	return chars;
}

/* A name of s's words joined by '-'; see text.h. */
char *
text_slug(const char *str, size_t len, size_t maxchars)
{
	const unsigned char	*s = (const unsigned char *)str;
	const struct text_token	*k;
	struct text		*t = text_tokenize(str, len);
	struct buf		 b = { NULL, 0, 0 };
	size_t			 i, j, used = 0, chars;

	buf_append(&b, "", 0);
	for (i = 0; i < t->n && used < maxchars; i++) {
		k = &t->v[i];
		if (k->kind != TEXT_WORD)
			continue;
		for (chars = 0, j = k->start; j < k->end; j++)
			chars += (s[j] & 0xC0) != 0x80;
		if (used > 0 && used + 1 + chars > maxchars)
			break;
		if (used > 0) {
			buf_putc(&b, '-');
			used++;
		}
		used += text_slug_word(&b, s, k->start, k->end, maxchars - used);
	}
	text_free(t);
	return buf_steal(&b);
}

/* A valid UTF-8 copy of s, each invalid byte replaced by U+FFFD. */
char *
text_utf8_clean(const char *str, size_t len)
{
	const unsigned char	*s = (const unsigned char *)str;
	struct buf		 b = { NULL, 0, 0 };
	size_t			 i, n;
	int32_t			 cp;

	buf_append(&b, "", 0);
	for (i = 0; i < len; i += n) {
		if ((n = text_decode(s + i, len - i, &cp)) == 0) {
			n = 1;
			buf_append(&b, "\xEF\xBF\xBD", 3);
		} else
			buf_append(&b, s + i, n);
	}
	return buf_steal(&b);
}

/* Whether a code point is a letter or a mark; see text.h. */
int
text_is_letter(uint32_t cp)
{
	utf8proc_category_t	 c;

	if (cp >= 0x110000)
		return 0;
	c = utf8proc_category((utf8proc_int32_t)cp);
	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ME;
}

/* Whether s is well-formed UTF-8. */
int
text_utf8_valid(const char *str, size_t len)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 i, n;
	int32_t			 cp;

	for (i = 0; i < len; i += n)
		if ((n = text_decode(s + i, len - i, &cp)) == 0)
			return 0;
	return 1;
}

/* Snippet state: the source and the output being built. */
struct text_snip {
	const unsigned char	*s;
	size_t			 len;
	struct buf		 out;
	int			 ink;	/* something but spaces was copied */
	int			 space;	/* a folded space is pending */
};

/* The length of the character at i: a sequence, or one invalid byte. */
static size_t
text_charlen(const unsigned char *s, size_t len, size_t i, int32_t *cp)
{
	size_t	 n;

	if ((n = text_decode(s + i, len - i, cp)) == 0) {
		*cp = 0xFFFD;
		return 1;
	}
	return n;
}

/* Where the character ending at i starts. */
static size_t
text_prev(const unsigned char *s, size_t i)
{
	size_t	 p;
	int32_t	 cp;

	for (p = i - 1; p > 0 && i - p < 4 && (s[p] & 0xC0) == 0x80; p--)
		continue;
	return text_decode(s + p, i - p, &cp) == i - p ? p : i - 1;
}

/* Whether cp is white space or a control character (both fold to a space). */
static int
text_is_space(int32_t cp)
{
	utf8proc_category_t	 c;

	if (cp < 0x80)
		return cp <= 0x20 || cp == 0x7F;
	c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL ||
	    c == UTF8PROC_CATEGORY_ZP || c == UTF8PROC_CATEGORY_CC;
}

/* Whether the character at i is a space. */
static int
text_space_at(const unsigned char *s, size_t len, size_t i)
{
	int32_t	 cp;

	text_charlen(s, len, i, &cp);
	return text_is_space(cp);
}

/* Walk up to max characters left of i (dir < 0) or right (dir > 0). */
static size_t
text_walk(const unsigned char *s, size_t len, size_t i, int dir, size_t max,
    size_t *count)
{
	int32_t	 cp;

	for (*count = 0; *count < max; (*count)++) {
		if (dir < 0 && i == 0)
			break;
		if (dir > 0 && i == len)
			break;
		if (dir < 0)
			i = text_prev(s, i);
		else
			i += text_charlen(s, len, i, &cp);
	}
	return i;
}

/* Move a left cut forward to a word start, not past the hit. */
static size_t
text_cut_left(const unsigned char *s, size_t len, size_t i, size_t hs)
{
	int32_t	 cp;
	size_t	 j;

	if (i == 0 || text_space_at(s, len, text_prev(s, i)))
		return i;
	for (j = i; j < hs; j += text_charlen(s, len, j, &cp))
		if (text_space_at(s, len, j))
			return j;
	return hs;
}

/* Move a right cut back to a word end, not before the hit. */
static size_t
text_cut_right(const unsigned char *s, size_t len, size_t i, size_t he)
{
	size_t	 j;

	if (i == len || text_space_at(s, len, i))
		return i;
	for (j = i; j > he; j = text_prev(s, j))
		if (text_space_at(s, len, text_prev(s, j)))
			return j;
	return he;
}

/* Whether anything but spaces is before i (dir < 0) or from i on (dir > 0). */
static int
text_has_ink(const unsigned char *s, size_t len, size_t i, int dir)
{
	int32_t	 cp;

	while (dir < 0 ? i > 0 : i < len) {
		if (dir < 0)
			i = text_prev(s, i);
		text_charlen(s, len, i, &cp);
		if (!text_is_space(cp))
			return 1;
		if (dir > 0)
			i += text_charlen(s, len, i, &cp);
	}
	return 0;
}

/* Copy [from, to) with spaces folded and invalid bytes replaced. */
static void
text_snip_copy(struct text_snip *sn, size_t from, size_t to)
{
	int32_t	 cp;
	size_t	 n;

	for (; from < to; from += n) {
		n = text_charlen(sn->s, sn->len, from, &cp);
		if (text_is_space(cp)) {
			sn->space = sn->ink;
			continue;
		}
		if (sn->space)
			buf_putc(&sn->out, ' ');
		sn->space = 0;
		sn->ink = 1;
		if (n == 1 && cp == 0xFFFD)
			buf_append(&sn->out, "\xEF\xBF\xBD", 3);
		else
			buf_append(&sn->out, sn->s + from, n);
	}
}

/* Share the context budget between the two sides of the hit. */
static void
text_budget(const unsigned char *s, size_t len, size_t hs, size_t he,
    size_t room, size_t *left, size_t *right)
{
	size_t	 cl, cr;

	text_walk(s, len, hs, -1, room, &cl);
	text_walk(s, len, he, 1, room, &cr);
	if (cl + cr <= room) {
		*left = cl;
		*right = cr;
		return;
	}
	*left = room / 2 > room - cr ? room / 2 : room - cr;
	if (*left > cl)
		*left = cl;
	*right = room - *left;
}

/* Align a byte offset to the start of the character holding it. */
static size_t
text_align(const unsigned char *s, size_t len, size_t i)
{
	size_t	 k;

	if (i > len)
		return len;
	for (k = 0; k < 3 && i > 0 && i < len && (s[i] & 0xC0) == 0x80; k++)
		i--;
	return i;
}

/* Write the snippet of [ls, re) around [hs, he) into sn. */
static void
text_snip_emit(struct text_snip *sn, size_t ls, size_t hs, size_t he,
    size_t re, size_t *ohs, size_t *ohe)
{
	if (text_has_ink(sn->s, sn->len, ls, -1))
		buf_puts(&sn->out, "… ");
	text_snip_copy(sn, ls, hs);
	if (sn->space && hs < he)
		buf_putc(&sn->out, ' ');
	sn->space = 0;
	*ohs = sn->out.len;
	text_snip_copy(sn, hs, he);
	*ohe = sn->out.len;
	text_snip_copy(sn, he, re);
	if (text_has_ink(sn->s, sn->len, re, 1))
		buf_puts(&sn->out, " …");
}

/* About maxchars characters around [hs, he), cut at word boundaries. */
char *
text_snippet(const char *str, size_t len, size_t hs, size_t he,
    size_t maxchars, size_t *ohs, size_t *ohe)
{
	struct text_snip	 sn = { (const unsigned char *)str, len,
				    { NULL, 0, 0 }, 0, 0 };
	size_t			 hc, room, lb, rb, ls, re, n;

	hs = text_align(sn.s, len, hs);
	he = text_align(sn.s, len, he < hs ? hs : he);
	text_walk(sn.s, he, hs, 1, maxchars + 1, &hc);
	room = maxchars > hc ? maxchars - hc : 0;
	text_budget(sn.s, len, hs, he, room, &lb, &rb);
	ls = text_cut_left(sn.s, len, text_walk(sn.s, len, hs, -1, lb, &n), hs);
	re = text_cut_right(sn.s, len, text_walk(sn.s, len, he, 1, rb, &n), he);
	text_snip_emit(&sn, ls, hs, he, re, ohs, ohe);
	return buf_steal(&sn.out);
}

/* Code points that end a sentence when white space or the end follows. */
static const int32_t text_stops[] = {
	'.', '!', '?', 0x061F, 0x06D4, 0x2026	/* ؟ ۔ … */
};

/* Code points a sentence end may carry before the space: closing marks. */
static const int32_t text_closers[] = {
	'"', '\'', ')', ']', 0x00BB, 0x2019, 0x201D	/* » ’ ” */
};

/* Whether cp is one of the n code points of set. */
static int
text_in(int32_t cp, const int32_t *set, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (set[i] == cp)
			return 1;
	return 0;
}

/* Whether the '.' at i follows a lone letter: an initial (U.S., J. Smith). */
static int
text_initial(const unsigned char *s, size_t len, size_t i)
{
	size_t	 p;
	int32_t	 a, b = ' ';

	if (i == 0)
		return 0;
	p = text_prev(s, i);
	text_charlen(s, len, p, &a);
	if (a >= 0x80 || !isalpha(a))
		return 0;
	if (p > 0)
		text_charlen(s, len, text_prev(s, p), &b);
	return text_is_space(b) || b == '.';
}

/*
 * If the character at i ends a sentence, where the next one may begin (past
 * its closing marks); else 0. A line break always ends one; a stop only
 * before white space or the end, and a '.' not after an initial.
 */
static size_t
text_sentence_end(const unsigned char *s, size_t len, size_t i)
{
	size_t	 j;
	int32_t	 cp;

	j = i + text_charlen(s, len, i, &cp);
	if (cp == '\n')
		return j;
	if (!text_in(cp, text_stops, nitems(text_stops)) ||
	    (cp == '.' && text_initial(s, len, i)))
		return 0;
	while (j < len) {
		text_charlen(s, len, j, &cp);
		if (!text_in(cp, text_closers, nitems(text_closers)))
			break;
		j += text_charlen(s, len, j, &cp);
	}
	return j == len || text_space_at(s, len, j) ? j : 0;
}

/* The sentence around [hs, he) of s; see text.h. */
char *
text_sentence(const char *str, size_t len, size_t hs, size_t he,
    size_t maxchars, size_t *ohs, size_t *ohe)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 i, n, e, start = 0, end = len;
	int32_t			 cp;

	hs = text_align(s, len, hs);
	he = text_align(s, len, he < hs ? hs : he);
	for (i = 0; i < len; i += n) {
		n = text_charlen(s, len, i, &cp);
		if ((e = text_sentence_end(s, len, i)) == 0)
			continue;
		if (e <= hs)
			start = e;	/* a sentence before the hit's */
		else if (i + 1 >= he) {
			end = e;	/* the hit's own: stops inside it do not */
			break;
		}
	}
	return text_snippet(str + start, end - start, hs - start, he - start,
	    maxchars, ohs, ohe);
}

/*
 * The Arabic proclitics, normalized, as the grammar of match_arabic.c's
 * list, which this must cover (a form the matcher tries that is not
 * indexed is a search that misses): a conjunction و or ف, then a
 * preposition ب ك or ل, then the article ال, each optional but one, where
 * ل before the article is written لل. The letters are two bytes each.
 */
#define TEXT_AR	2

/* Whether s[off, len) starts with the letter or letters p (TEXT_AR each). */
static int
text_has(const char *s, size_t len, size_t off, const char *p, size_t n)
{
	return off + n <= len && memcmp(s + off, p, n) == 0;
}

/* Whether s[off, len) starts with one of the letters in set. */
static int
text_has_any(const char *s, size_t len, size_t off, const char *set)
{
	for (; *set != '\0'; set += TEXT_AR)
		if (text_has(s, len, off, set, TEXT_AR))
			return 1;
	return 0;
}

/* Whether the valid UTF-8 s[0, len) holds two characters or more. */
static int
text_two_chars(const char *s, size_t len)
{
	size_t	 i, n = 0;

	for (i = 0; i < len && n < 2; i++)
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	return n >= 2;
}

/* Where text_index_clitics() hands a token's other forms. */
struct text_forms {
	const struct text_token	*k;
	uint32_t		 done;	/* bit off: the form from off given */
	text_index_cb		 cb;
	void			*arg;
};

/* Hand on the token's form from byte off on, once, when two characters remain. */
static int
text_index_form(struct text_forms *f, size_t off)
{
	const struct text_token	*k = f->k;

	if (f->done & (uint32_t)1 << off || off >= k->normlen ||
	    !text_two_chars(k->norm + off, k->normlen - off))
		return 0;
	f->done |= (uint32_t)1 << off;
	return f->cb(k->norm + off, k->normlen - off, k->start, k->end, 1,
	    f->arg);
}

/* The word without proclitics up to off, and without the article after. */
static int
text_index_base(struct text_forms *f, size_t off)
{
	int	 rc = text_index_form(f, off);

	if (rc == 0 && text_has(f->k->norm, f->k->normlen, off, "ال", 4))
		rc = text_index_form(f, off + 4);
	return rc;
}

/*
 * Hand cb the forms of one word without each proclitic it starts with, and
 * without the article after it: every base form the matcher tries, and
 * that form without its article.
 */
static int
text_index_clitics(const struct text_token *k, text_index_cb cb, void *arg)
{
	struct text_forms	 f = { k, 1, cb, arg };
	const char		*s = k->norm;
	size_t			 len = k->normlen, off = 0;
	int			 rc = 0;

	if (text_has_any(s, len, 0, "وف")) {
		rc = text_index_base(&f, TEXT_AR);
		off = TEXT_AR;
	}
	if (rc == 0 && text_has_any(s, len, off, "بك")) {
		rc = text_index_base(&f, off + TEXT_AR);
		if (rc == 0 && text_has(s, len, off + TEXT_AR, "ال", 4))
			rc = text_index_base(&f, off + TEXT_AR + 4);
	} else if (rc == 0 && text_has(s, len, off, "ل", TEXT_AR)) {
		rc = text_index_base(&f, off + TEXT_AR);
		if (rc == 0 && text_has(s, len, off, "لل", 4))
			rc = text_index_base(&f, off + 4);
	}
	if (rc == 0 && text_has(s, len, off, "ال", 4))
		rc = text_index_base(&f, off + 4);
	return rc;
}

/* The forms a full-text index keeps of a text; see text.h. */
int
text_index(const char *s, size_t len, text_index_cb cb, void *arg)
{
	struct text	*t = text_tokenize(s, len);
	int		 rc;

	rc = text_index_tokens(t, cb, arg);
	text_free(t);
	return rc;
}

/* The same of a text already tokenized; see text.h. */
int
text_index_tokens(const struct text *t, text_index_cb cb, void *arg)
{
	const struct text_token	*k;
	size_t			 i;
	int			 rc = 0;

	for (i = 0; i < t->n && rc == 0; i++) {
		k = &t->v[i];
		rc = cb(k->norm, k->normlen, k->start, k->end, 0, arg);
		if (rc == 0 && k->kind == TEXT_WORD)
			rc = text_index_clitics(k, cb, arg);
	}
	return rc;
}

/*
 * Words whose forms depend on more than the tables: clitics, articles,
 * possessives, scripts glued together, digits, ligatures, letters
 * stretched for emphasis.
 */
static const char text_probe_words[] =
    "والكازاخستانية وبكازاخستان فللشعب كالسيف لل بال وال Kazakhstan's "
    "don't Казахстана С5+1 C5+1 3.5% 2026-12-06 #tag #CamelCase @userName "
    "e-mail كازا<wbr>خستان آسيا<br/>الوسطى <b>C5+1</b> a<b "
    "كازاخستانـــيّة أَسْتانا ٢٠٢٦م ۲۰۲۶ CIAو بـC5+1 ﻻ ﷲ عاااجل تتتابع تتتتبع "
    "قزاقستانی\u200cها المعادن\u200cالنادرة كاز\u200cاخستان";

/* Add bytes to the hash h. */
static void
text_probe_bytes(uint64_t *h, const void *p, size_t len)
{
	const unsigned char	*b = p;
	size_t			 i;

	for (i = 0; i < len; i++)
		*h = hash_fnv_step(*h, b[i]);
}

/* Add one form of the probe words to the hash (a text_index_cb). */
static int
text_probe_form(const char *form, size_t len, size_t start, size_t end,
    int colocated, void *arg)
{
	(void)start;
	(void)end;
	text_probe_bytes(arg, form, len);
	*(uint64_t *)arg = hash_fnv_step(*(uint64_t *)arg,
	    colocated ? 0x100 : 0x101);
	return 0;
}

/*
 * See text.h. The tables that decide forms, Unicode's version in
 * utf8proc (its NFKC and case folding), and the forms of the probe words;
 * once per process, as a daemon's start and each search ask.
 */
uint64_t
text_index_version(void)
{
	static _Atomic uint64_t	 memo;
	uint64_t		 h;
	const char		*uv = utf8proc_unicode_version();
	uint32_t		 splits = TEXT_SPLITS;

	if ((h = atomic_load(&memo)) != 0)
		return h;
	h = HASH_FNV_BASIS;
	text_probe_bytes(&h, text_category_class, sizeof(text_category_class));
	text_probe_bytes(&h, text_ascii_symbols, sizeof(text_ascii_symbols));
	text_probe_bytes(&h, text_folds, sizeof(text_folds));
	text_probe_bytes(&h, text_script_rows, sizeof(text_script_rows));
	text_probe_bytes(&h, text_lookalikes, sizeof(text_lookalikes));
	text_probe_bytes(&h, text_apostrophes, sizeof(text_apostrophes));
	text_probe_bytes(&h, &splits, sizeof(splits));
	text_probe_bytes(&h, uv, strlen(uv));
	text_index(text_probe_words, sizeof(text_probe_words) - 1,
	    text_probe_form, &h);
	h += h == 0;
	atomic_store(&memo, h);
	return h;
}
