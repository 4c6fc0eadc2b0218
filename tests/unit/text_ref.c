/*
 * The oracle of test_textdiff.c: text_tokenize and text_normalize exactly as
 * daemon/text.c had them at commit e7c2402, before the per-code-point cache,
 * with text_ renamed ref_. Frozen on purpose: the cache must reproduce this
 * output byte for byte, so this file changes only if the specification of
 * normalization (README.md, "The match language") does. It did once since:
 * the minus sign and the fraction, division and big slashes join words as
 * a hyphen does, and a word mixing Latin (with the digits), Cyrillic and
 * Greek reads its look-alike letters in the script most of it is in. And
 * once more: a grave or acute accent that NFKC left on its own (no letter
 * took it: Russian stress marks, Казахста́н) is removed. And once more:
 * a run of three or more of one Arabic letter keeps one (عاااجل). And
 * once more: a word written right after # is split where its capitals
 * begin words (#KazakhstanElections). And once more: a Latin letter with
 * marks is the ASCII letter it decomposes to (Türkmenistan), the modifier
 * letters ʻ ʼ are an apostrophe (Oʻzbekiston) and the heavy plus ➕ is +.
 * And once more: an HTML tag of a known element is not read, one inside a
 * line joining what is on either side, one that breaks it separating.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "buf.h"
#include "text.h"

/*
 * Code points normalized together: a starter and the marks that may
 * compose with it. UAX #15's stream-safe format bounds such runs at 30
 * non-starters, so longer runs are cut rather than grown without limit.
 */
#define TEXT_SEGMAX	32
#define TEXT_OUTMAX	1024	/* 32 code points times the largest expansion */

/* What a normalized code point does to the token stream. */
enum ref_class {
	TEXT_C_SEP,	/* ends the current word */
	TEXT_C_WORD,	/* a letter or digit */
	TEXT_C_MARK,	/* a surviving combining mark: joins the word */
	TEXT_C_SYM	/* a token of its own */
};

/* Classes by utf8proc category, in utf8proc_category_t order. */
static const unsigned char ref_category_class[] = {
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
static const char ref_ascii_symbols[] = "#%&@";

enum ref_fold_op {
	TEXT_DROP,	/* removed without splitting the word */
	TEXT_MAP,	/* replaced by one code point */
	TEXT_DIGIT,	/* a decimal digit, replaced by its ASCII form */
	TEXT_LATIN	/* a Latin letter with marks: its ASCII letter */
};

/* Folds applied after NFKC and case folding, sorted by code point. */
static const struct ref_fold {
	int32_t			 lo, hi;
	enum ref_fold_op	 op;
	int32_t			 to;
} ref_folds[] = {
	{ 0x00AD, 0x00AD, TEXT_DROP, 0 },	/* soft hyphen */
	{ 0x00C0, 0x024F, TEXT_LATIN, 0 },	/* Latin letters with marks */
	{ 0x02BB, 0x02BC, TEXT_MAP, 0x0027 },	/* modifier apostrophes */
	{ 0x0300, 0x0301, TEXT_DROP, 0 },	/* stress marks */
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
	{ 0x064B, 0x065F, TEXT_DROP, 0 },	/* harakat */
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
	{ 0x1E00, 0x1EFF, TEXT_LATIN, 0 },	/* Latin Extended Additional */
	{ 0x200B, 0x200F, TEXT_DROP, 0 },	/* zero-width, LRM, RLM */
	{ 0x202A, 0x202E, TEXT_DROP, 0 },	/* bidi embeddings */
	{ 0x2044, 0x2044, TEXT_MAP, '/' },	/* fraction slash */
	{ 0x2060, 0x2060, TEXT_DROP, 0 },	/* word joiner */
	{ 0x2066, 0x2069, TEXT_DROP, 0 },	/* bidi isolates */
	{ 0x2212, 0x2212, TEXT_MAP, '-' },	/* minus sign */
	{ 0x2215, 0x2215, TEXT_MAP, '/' },	/* division slash */
	{ 0x2795, 0x2795, TEXT_MAP, '+' },	/* heavy plus */
	{ 0x29F8, 0x29F8, TEXT_MAP, '/' },	/* big solidus */
	{ 0xFEFF, 0xFEFF, TEXT_DROP, 0 }	/* zero-width no-break space */
};

/* Look-alikes: Latin, Cyrillic, Greek (0: none), one row per letter shape. */
static const int32_t ref_lookalikes[][3] = {
	{ 'a', 0x0430, 0x03B1 }, { 'b', 0x0432, 0x03B2 }, { 'c', 0x0441, 0x03F2 },
	{ 'd', 0x0501, 0 }, { 'e', 0x0435, 0x03B5 }, { 'h', 0x043D, 0x03B7 },
	{ 'h', 0x04BB, 0 }, { 'i', 0x0456, 0x03B9 }, { 'j', 0x0458, 0x03F3 },
	{ 'k', 0x043A, 0x03BA }, { 'l', 0x04CF, 0 }, { 'm', 0x043C, 0x03BC },
	{ 'o', 0x043E, 0x03BF }, { 'p', 0x0440, 0x03C1 }, { 'q', 0x051B, 0 },
	{ 's', 0x0455, 0 }, { 't', 0x0442, 0x03C4 }, { 'u', 0, 0x03C5 },
	{ 'v', 0, 0x03BD }, { 'w', 0x051D, 0 }, { 'x', 0x0445, 0x03C7 },
	{ 'y', 0x0443, 0x03B3 }, { 'z', 0, 0x03B6 }
};

/* Multi-byte UTF-8 (Unicode table 3-7): lead bytes, length, second byte. */
static const struct ref_utf8_row {
	unsigned char	 lo, hi, len, lo2, hi2;
} ref_utf8_rows[] = {
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
static const int32_t ref_apostrophes[] = { 0x0027, 0x2019 };

/* The tokens of one input; norms live in one buffer, NUL-separated. */
struct ref {
	struct text_token	*v;
	size_t			*noff;	/* norm offsets, for the final fix-up */
	size_t			 n, cap;
	struct buf		 norm;
};

static void	ref_free(struct ref *);

/* Tokenizer state between code points. */
struct ref_build {
	struct ref	*t;
	int		 open;		/* a word is being built */
	size_t		 start, end;	/* its original span */
	size_t		 noff;		/* its norm's offset */
	int		 lastdigit;	/* its last code point was a digit */
	int		 lastarabic;	/* ... an Arabic letter */
	int		 lastletter;	/* ... a letter of another script */
	size_t		 lastend;	/* end of the last word closed */
	size_t		 possessive;	/* where a possessive "s" would start */
	const unsigned char *src;	/* the input */
};

/* Decode one well-formed UTF-8 sequence; its length, or 0 when invalid. */
static size_t
ref_decode(const unsigned char *s, size_t len, int32_t *cp)
{
	const struct ref_utf8_row	*r = NULL;
	size_t				 i, n;
	int32_t				 c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	for (i = 0; r == NULL && i < sizeof(ref_utf8_rows) /
	    sizeof(ref_utf8_rows[0]); i++)
		if (s[0] >= ref_utf8_rows[i].lo &&
		    s[0] <= ref_utf8_rows[i].hi)
			r = &ref_utf8_rows[i];
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

/* Compare a code point with a fold table row, for bsearch. */
static int
ref_fold_cmp(const void *key, const void *elem)
{
	int32_t			 cp = *(const int32_t *)key;
	const struct ref_fold	*f = elem;

	if (cp < f->lo)
		return -1;
	return cp > f->hi ? 1 : 0;
}

/* The ASCII letter a Latin letter with marks decomposes to, or cp. */
static int32_t
ref_latin_base(int32_t cp)
{
	utf8proc_int32_t	 d[4];

	if (utf8proc_decompose_char(cp, d, 4, UTF8PROC_DECOMPOSE, NULL) < 2 ||
	    !((d[0] >= 'a' && d[0] <= 'z') || (d[0] >= 'A' && d[0] <= 'Z')))
		return cp;
	return d[0];
}

/* Apply the Arabic and invisible-character folds; -1 means drop. */
static int32_t
ref_fold(int32_t cp)
{
	const struct ref_fold	*f;

	if (cp < 0x80)
		return cp;
	f = bsearch(&cp, ref_folds, sizeof(ref_folds) / sizeof(ref_folds[0]),
	    sizeof(ref_folds[0]), ref_fold_cmp);
	if (f == NULL)
		return cp;
	if (f->op == TEXT_DROP)
		return -1;
	if (f->op == TEXT_LATIN)
		return ref_latin_base(cp);
	return f->op == TEXT_MAP ? f->to : '0' + (cp - f->lo);
}

/* Whether cp is a plain Arabic letter: the common case, kept off tables. */
static int
ref_plain_arabic(int32_t cp)
{
	return (cp >= 0x0621 && cp <= 0x063A) || (cp >= 0x0641 && cp <= 0x064A);
}

/* The token class of a normalized, folded code point. */
static enum ref_class
ref_classify(int32_t cp)
{
	utf8proc_category_t	 c;

	if (ref_plain_arabic(cp))
		return TEXT_C_WORD;
	if (cp < 0x80 && cp != 0 && strchr(ref_ascii_symbols, cp) != NULL)
		return TEXT_C_SYM;
	c = utf8proc_category(cp);
	if ((size_t)c >= sizeof(ref_category_class))
		return TEXT_C_SEP;
	return ref_category_class[c];
}

/* Whether cp may change or compose with the code point before it. */
static int
ref_attaches(int32_t cp)
{
	const utf8proc_property_t	*p;

	if (cp < 0x300 || ref_plain_arabic(cp))
		return 0;
	if ((cp >= 0x1161 && cp <= 0x1175) || (cp >= 0x11A8 && cp <= 0x11C2))
		return 1;	/* Hangul vowel and final jamo */
	p = utf8proc_get_property(cp);
	return p->combining_class != 0 ||
	    p->category == UTF8PROC_CATEGORY_MN ||
	    p->category == UTF8PROC_CATEGORY_MC ||
	    p->category == UTF8PROC_CATEGORY_ME;
}

/* Find the segment starting at i; its end, or i when the byte is invalid. */
static size_t
ref_segment(const unsigned char *s, size_t len, size_t i, int32_t *first,
    size_t *ncp)
{
	size_t	 n, end;
	int32_t	 cp;

	if ((n = ref_decode(s + i, len - i, first)) == 0)
		return i;
	end = i + n;
	*ncp = 1;
	while (end < len && *ncp < TEXT_SEGMAX &&
	    (n = ref_decode(s + end, len - end, &cp)) != 0 &&
	    ref_attaches(cp)) {
		end += n;
		(*ncp)++;
	}
	return end;
}

/* NFKC and case fold a segment into out as utf8proc_map does; count or -1. */
static long
ref_nfkc(const unsigned char *s, size_t len, int32_t first, size_t ncp,
    int32_t *out)
{
	utf8proc_ssize_t	 n;
	const int		 opts = UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
				    UTF8PROC_CASEFOLD;

	if (ncp == 1 && first < 0x80) {
		out[0] = first >= 'A' && first <= 'Z' ? first + 32 : first;
		return 1;
	}
	if (ncp == 1 && ref_plain_arabic(first)) {
		out[0] = first;	/* plain Arabic letters are already NFKC */
		return 1;
	}
	n = utf8proc_decompose(s, (utf8proc_ssize_t)len, out, TEXT_OUTMAX,
	    opts);
	if (n < 0 || n > TEXT_OUTMAX)
		return -1;
	n = utf8proc_normalize_utf32(out, n, opts);
	return n < 0 ? -1 : (long)n;
}

/* Append a token slot; -1 when out of memory. */
static int
ref_push(struct ref *t, size_t start, size_t end, size_t noff,
    enum text_kind kind)
{
	size_t			 cap;
	struct text_token	*v;
	size_t			*o;

	if (t->n == t->cap) {
		cap = t->cap ? t->cap * 2 : 32;
		if (cap > SIZE_MAX / sizeof(*v))
			return -1;
		if ((v = realloc(t->v, cap * sizeof(*v))) == NULL)
			return -1;
		t->v = v;
		if ((o = realloc(t->noff, cap * sizeof(*o))) == NULL)
			return -1;
		t->noff = o;
		t->cap = cap;
	}
	t->v[t->n].start = start;
	t->v[t->n].end = end;
	t->v[t->n].kind = kind;
	t->v[t->n].normlen = t->norm.len - noff;
	t->noff[t->n] = noff;
	t->n++;
	buf_putc(&t->norm, '\0');
	return 0;
}

/* Append one code point's UTF-8 to the norm buffer. */
static int
ref_put_cp(struct ref *t, int32_t cp)
{
	utf8proc_uint8_t	 u[4];
	utf8proc_ssize_t	 n;

	n = utf8proc_encode_char(cp, u);
	buf_append(&t->norm, u, (size_t)n);
	return 0;
}

/* Whether the word being closed is the "s" of an English possessive. */
static int
ref_is_possessive(const struct ref_build *b)
{
	return b->start == b->possessive && b->t->norm.len - b->noff == 1 &&
	    b->t->norm.data[b->noff] == 's';
}

/* Which of Latin or an ASCII digit (0), Cyrillic (1), Greek (2) cp is; -1. */
static int
ref_script(int32_t cp)
{
	if ((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
	    (cp >= 0xC0 && cp <= 0x24F) || (cp >= 0x1E00 && cp <= 0x1EFF))
		return 0;
	if (cp >= 0x400 && cp <= 0x52F)
		return 1;
	if ((cp >= 0x370 && cp <= 0x3FF) || (cp >= 0x1F00 && cp <= 0x1FFF))
		return 2;
	return -1;
}

/* The look-alike of cp in script to, or cp. */
static int32_t
ref_lookalike(int32_t cp, int to)
{
	size_t	 i;
	int	 k;

	for (i = 0; i < sizeof(ref_lookalikes) / sizeof(ref_lookalikes[0]); i++)
		for (k = 0; k < 3; k++)
			if (ref_lookalikes[i][k] == cp && ref_lookalikes[i][to])
				return ref_lookalikes[i][to];
	return cp;
}

/* Rewrite the word being closed in its main script if it mixes three's. */
static void
ref_unconfuse(struct ref_build *b)
{
	struct buf	*norm = &b->t->norm;
	unsigned char	*copy;
	int32_t		 cp;
	size_t		 i, len = norm->len - b->noff, count[3] = { 0, 0, 0 };
	int		 k, to = 0, used = 0;

	for (i = 0; i < len;) {
		i += ref_decode((unsigned char *)norm->data + b->noff + i,
		    len - i, &cp);
		if ((k = ref_script(cp)) >= 0)
			count[k]++;
	}
	for (k = 0; k < 3; k++) {
		used += count[k] > 0;
		if (count[k] > count[to])
			to = k;
	}
	if (used < 2 || (copy = malloc(len)) == NULL)
		return;
	memcpy(copy, norm->data + b->noff, len);
	norm->len = b->noff;
	for (i = 0; i < len;) {
		i += ref_decode(copy + i, len - i, &cp);
		ref_put_cp(b->t, ref_lookalike(cp, to));
	}
	free(copy);
}

/* Whether cp is an Arabic letter (a digit run ends before one: ٢٠١٥م). */
static int
ref_arabic_letter(int32_t cp)
{
	return cp >= 0x0620 && cp <= 0x06FF &&
	    ref_classify(cp) == TEXT_C_WORD && (cp < 0x0660 || cp > 0x0669);
}

/*
 * Keep one of a run of three or more of the same Arabic letter in the word
 * being closed (stretched for emphasis), but a run of exactly three ت
 * (تتتابع).
 */
static void
ref_unstretch(struct ref_build *b)
{
	struct buf	*norm = &b->t->norm;
	unsigned char	*copy;
	int32_t		 cp, next;
	size_t		 i, j, n, run, len = norm->len - b->noff;

	if (len == 0 || (copy = malloc(len)) == NULL)
		return;
	memcpy(copy, norm->data + b->noff, len);
	norm->len = b->noff;
	for (i = 0; i < len; i = j) {
		n = ref_decode(copy + i, len - i, &cp);
		for (j = i + n, run = 1; j < len; j += n, run++)
			if ((n = ref_decode(copy + j, len - j, &next)) == 0 ||
			    next != cp)
				break;
		if (ref_arabic_letter(cp) && run >= 3 &&
		    !(cp == 0x062A && run == 3))
			run = 1;
		while (run-- > 0)
			ref_put_cp(b->t, cp);
	}
	free(copy);
}

/* 1 for a capital (Lu, Lt), -1 for a small letter (Ll), 2 a digit, else 0. */
static int
ref_case(int32_t cp)
{
	utf8proc_category_t	 c = utf8proc_category(cp);

	if (c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT)
		return 1;
	if (c == UTF8PROC_CATEGORY_ND)
		return 2;
	return c == UTF8PROC_CATEGORY_LL ? -1 : 0;
}

/* The code points of UTF-8 s into cp and their offsets into off; their number. */
static size_t
ref_code_points(const unsigned char *s, size_t len, int32_t *cp, size_t *off)
{
	size_t	 i, k, n = 0;

	for (i = 0; i < len; i += k ? k : 1, n++) {
		k = ref_decode(s + i, len - i, &cp[n]);
		off[n] = i;
	}
	off[n] = len;
	return n;
}

/*
 * Push the word being closed, written right after a #, as the words its
 * capitals begin (a capital after a small letter, or before a small one
 * after a capital or a digit), when its code points and its norm's line
 * up one for one; -1 when out of memory.
 */
static int
ref_push_hashtag(struct ref_build *b)
{
	size_t		 len = b->end - b->start, nlen = b->t->norm.len - b->noff;
	int32_t		*ocp, *ncp;
	size_t		*ooff, *noff, n, m, i, from = 0, piece;
	char		*word;
	int		 rc = 0;

	ocp = calloc(len + 1, sizeof(*ocp));
	ncp = calloc(nlen + 1, sizeof(*ncp));
	ooff = calloc(len + 1, sizeof(*ooff));
	noff = calloc(nlen + 1, sizeof(*noff));
	word = malloc(nlen + 1);
	if (ocp == NULL || ncp == NULL || ooff == NULL || noff == NULL ||
	    word == NULL) {
		rc = -1;
		goto out;
	}
	memcpy(word, b->t->norm.data + b->noff, nlen);
	n = ref_code_points(b->src + b->start, len, ocp, ooff);
	m = ref_code_points((unsigned char *)word, nlen, ncp, noff);
	if (n != m) {
		rc = ref_push(b->t, b->start, b->end, b->noff, TEXT_WORD);
		goto out;
	}
	b->t->norm.len = b->noff;
	for (i = 1; i <= n && rc == 0; i++) {
		if (i < n && !(ref_case(ocp[i]) == 1 &&
		    (ref_case(ocp[i - 1]) == -1 || (ref_case(ocp[i - 1]) != 0 &&
		    i + 1 < n && ref_case(ocp[i + 1]) == -1))))
			continue;
		piece = b->t->norm.len;
		buf_append(&b->t->norm, word + noff[from], noff[i] - noff[from]);
		rc = ref_push(b->t, b->start + ooff[from], b->start + ooff[i],
		    piece, TEXT_WORD);
		from = i;
	}
out:
	free(ocp);
	free(ncp);
	free(ooff);
	free(noff);
	free(word);
	return rc;
}

/* Whether the word being closed follows a # with nothing between. */
static int
ref_after_hash(const struct ref_build *b)
{
	const struct text_token	*p;

	if (b->t->n == 0)
		return 0;
	p = &b->t->v[b->t->n - 1];
	return p->kind == TEXT_SYMBOL && p->end == b->start &&
	    (b->t->norm.data[b->t->noff[b->t->n - 1]] == '#' ||
	    b->t->norm.data[b->t->noff[b->t->n - 1]] == '@');
}

/* End the word being built, if any. */
static int
ref_close(struct ref_build *b)
{
	if (!b->open)
		return 0;
	b->open = 0;
	b->lastend = b->end;
	ref_unstretch(b);
	ref_unconfuse(b);
	if (ref_is_possessive(b)) {
		b->t->norm.len = b->noff;
		b->t->norm.data[b->noff] = '\0';
		return 0;
	}
	if (ref_after_hash(b))
		return ref_push_hashtag(b);
	return ref_push(b->t, b->start, b->end, b->noff, TEXT_WORD);
}

/*
 * Extend the word being built to end at e, opening one at s if needed. A
 * word ends between a digit or a letter of another script and an Arabic
 * letter, and between an Arabic letter and another script's letter.
 */
static int
ref_extend(struct ref_build *b, int arabic, int digit, int letter, size_t s,
    size_t e)
{
	int	 split = (arabic && (b->lastdigit || b->lastletter)) ||
		    (letter && b->lastarabic);

	if (b->open && split && ref_close(b) == -1)
		return -1;
	if (!b->open) {
		b->open = 1;
		b->start = s;
		b->noff = b->t->norm.len;
	}
	b->end = e;
	b->lastdigit = digit;
	b->lastarabic = arabic;
	b->lastletter = letter;
	return 0;
}

/* Add a letter, digit or mark to the current word, opening one if needed. */
static int
ref_add_word(struct ref_build *b, int32_t cp, enum ref_class c, size_t s,
    size_t e)
{
	int	 arabic = ref_arabic_letter(cp);
	int	 digit = utf8proc_category(cp) == UTF8PROC_CATEGORY_ND;

	if (!b->open && c == TEXT_C_MARK)
		return 0;	/* a mark with no letter to carry it */
	if (ref_extend(b, arabic, digit, c == TEXT_C_WORD && !arabic && !digit,
	    s, e) == -1)
		return -1;
	return ref_put_cp(b->t, cp);
}

/* Note an apostrophe right after a word: a following lone "s" is dropped. */
static void
ref_note_apostrophe(struct ref_build *b, int32_t cp, size_t s, size_t e)
{
	size_t	 i, n = sizeof(ref_apostrophes) / sizeof(ref_apostrophes[0]);

	for (i = 0; i < n; i++)
		if (cp == ref_apostrophes[i] && b->lastend == s && s != 0)
			b->possessive = e;
}

/* Feed one normalized code point from the original span [s, e). */
static int
ref_feed(struct ref_build *b, int32_t cp, size_t s, size_t e)
{
	enum ref_class	 c;
	size_t		 noff;

	if ((cp = ref_fold(cp)) == -1)
		return 0;
	c = ref_classify(cp);
	if (c == TEXT_C_WORD || c == TEXT_C_MARK)
		return ref_add_word(b, cp, c, s, e);
	if (ref_close(b) == -1)
		return -1;
	if (c == TEXT_C_SEP) {
		ref_note_apostrophe(b, cp, s, e);
		return 0;
	}
	noff = b->t->norm.len;
	if (ref_put_cp(b->t, cp) == -1)
		return -1;
	return ref_push(b->t, s, e, noff, TEXT_SYMBOL);
}

/* Normalize one segment [i, end) and feed its code points. */
static int
ref_feed_segment(struct ref_build *b, const unsigned char *s, size_t i,
    size_t end, int32_t first, size_t ncp)
{
	int32_t	 out[TEXT_OUTMAX];
	long	 n, k;

	if ((n = ref_nfkc(s + i, end - i, first, ncp, out)) == -1)
		return ref_close(b);
	for (k = 0; k < n; k++)
		if (ref_feed(b, out[k], i, end) == -1)
			return -1;
	return 0;
}

/*
 * The code point at i when it needs neither utf8proc nor the tables: an ASCII
 * letter, digit or space, or a plain Arabic letter; its length, else 0.
 */
static size_t
ref_simple(const unsigned char *s, size_t len, size_t i, int32_t *cp)
{
	unsigned char	 c = s[i];

	if (c < 0x80) {
		*cp = c;
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == ' ' || c == '\n' ? 1 : 0;
	}
	if ((c != 0xD8 && c != 0xD9) || i + 1 == len ||
	    (s[i + 1] & 0xC0) != 0x80)
		return 0;
	*cp = ((c & 0x1F) << 6) | (s[i + 1] & 0x3F);
	return ref_plain_arabic(*cp) ? 2 : 0;
}

/*
 * Append n (1 or 2) bytes to a norm buffer: in place when it has room, as
 * it nearly always has, since a call to buf_append per letter costs more
 * than the rest of the fast path.
 */
static int
ref_put_fast(struct buf *norm, const char *u, size_t n)
{
	if (norm->cap - norm->len <= n) {
		buf_append(norm, u, n);
		return 0;
	}
	norm->data[norm->len] = u[0];
	norm->data[norm->len + n - 1] = u[n - 1];
	norm->len += n;
	norm->data[norm->len] = '\0';
	return 0;
}

/* Whether a plain Arabic letter has a fold: hamza seats, ة and ى. */
static int
ref_plain_folds(int32_t cp)
{
	return (cp >= 0x0622 && cp <= 0x0626) || cp == 0x0629 || cp == 0x0649;
}

/* Feed a simple code point from the original span [s, e). */
static int
ref_feed_simple(struct ref_build *b, int32_t cp, size_t s, size_t e)
{
	char	 u[2];

	if (cp == ' ' || cp == '\n')
		return ref_close(b);
	if (cp < 0x80) {
		if (ref_extend(b, 0, cp <= '9', cp > '9', s, e) == -1)
			return -1;
		u[0] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
		return ref_put_fast(&b->t->norm, u, 1);
	}
	if (ref_plain_folds(cp))
		cp = ref_fold(cp);
	u[0] = (char)(0xC0 | (cp >> 6));
	u[1] = (char)(0x80 | (cp & 0x3F));
	if (ref_extend(b, 1, 0, 0, s, e) == -1)
		return -1;
	return ref_put_fast(&b->t->norm, u, 2);
}

/*
 * The fast path for the common case: feed the run of simple code points
 * from i, each not followed by a mark that could attach to it. *end is
 * where the general path must take over.
 */
static int
ref_fast(struct ref_build *b, const unsigned char *s, size_t len, size_t i,
    size_t *end)
{
	int32_t	 cp, next = 0;
	size_t	 n, m;

	for (n = ref_simple(s, len, i, &cp); n != 0; n = m, cp = next) {
		m = i + n < len ? ref_simple(s, len, i + n, &next) : 0;
		if (m == 0 && i + n < len && s[i + n] >= 0x80)
			break;
		if (ref_feed_simple(b, cp, i, i + n) == -1)
			return -1;
		i += n;
	}
	*end = i;
	return 0;
}

/* Point every token's norm into the finished norm buffer. */
static void
ref_fix(struct ref *t)
{
	size_t	 i;

	for (i = 0; i < t->n; i++)
		t->v[i].norm = t->norm.data + t->noff[i];
}

/* The elements whose tags are not read: inline (joining), then breaking. */
static const char *const ref_tags[] = {
	"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em",
	"font", "i", "kbd", "mark", "q", "s", "samp", "small", "span",
	"strong", "sub", "sup", "time", "u", "var", "wbr",
	"address", "article", "aside", "blockquote", "br", "dd", "div", "dl",
	"dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5",
	"h6", "header", "hr", "img", "li", "main", "nav", "ol", "p", "pre",
	"section", "table", "tbody", "td", "th", "thead", "tr", "ul"
};
#define REF_INLINE_TAGS	26	/* the first of ref_tags */

/*
 * The end of a known element's tag at s[i] ('<'): its name (ASCII letters,
 * then digits too, at most 12) after an optional '/', then '>', '/' or a
 * space and anything but '<' and a newline up to '>', at most 256 bytes
 * from '<'; 0 when none. *joins: it is an inline element's.
 */
static size_t
ref_tag_end(const unsigned char *s, size_t len, size_t i, int *joins)
{
	size_t	 j = i + 1, n, k;

	if (j < len && s[j] == '/')
		j++;
	for (n = 0; j + n < len && n < 12; n++) {
		if (!((s[j + n] | 0x20) >= 'a' && (s[j + n] | 0x20) <= 'z') &&
		    !(n > 0 && s[j + n] >= '0' && s[j + n] <= '9'))
			break;
	}
	if (n == 0 || j + n == len)
		return 0;
	for (k = 0; k < sizeof(ref_tags) / sizeof(ref_tags[0]); k++)
		if (strlen(ref_tags[k]) == n &&
		    strncasecmp((const char *)s + j, ref_tags[k], n) == 0)
			break;
	if (k == sizeof(ref_tags) / sizeof(ref_tags[0]))
		return 0;
	*joins = k < REF_INLINE_TAGS;
	j += n;
	if (s[j] != '>' && s[j] != '/' && s[j] != ' ')
		return 0;
	for (; j < len && j - i < 256; j++) {
		if (s[j] == '>')
			return j + 1;
		if (s[j] == '<' || s[j] == '\n')
			return 0;
	}
	return 0;
}

/* Whether the code point at s[i] (of len bytes) is an Arabic letter. */
static int
ref_arabic_at(const unsigned char *s, size_t len, size_t i)
{
	int32_t	 cp;

	return i < len && ref_decode(s + i, len - i, &cp) > 0 &&
	    ref_arabic_letter(cp);
}

/*
 * Whether a ZWNJ that ends at s[i] ends its word: before ال and two
 * letters, or before a Persian suffix that ends the word.
 */
static int
ref_zwnj_splits(const unsigned char *s, size_t len, size_t i)
{
	static const char *const sfx[] = { "ها", "های", "هایی", "ای", "ام",
	    "ات", "اش", "تر", "ترین", "مان", "تان", "شان", "ی" };
	size_t	 k, n;

	if (i < 3 || memcmp(s + i - 3, "\xE2\x80\x8C", 3) != 0)
		return 0;
	if (i + 4 <= len && memcmp(s + i, "ال", 4) == 0 &&
	    ref_arabic_at(s, len, i + 4) && ref_arabic_at(s, len, i + 6))
		return 1;
	for (k = 0; k < sizeof(sfx) / sizeof(sfx[0]); k++) {
		n = strlen(sfx[k]);
		if (i + n <= len && memcmp(s + i, sfx[k], n) == 0 &&
		    !ref_arabic_at(s, len, i + n))
			return 1;
	}
	return 0;
}

/* Tokenize s into a new struct ref. */
static struct ref *
ref_tokenize(const char *str, size_t len)
{
	const unsigned char	*s = (const unsigned char *)str;
	struct ref_build	 b;
	size_t			 i, end, ncp;
	int32_t			 first;
	int			 joins;

	memset(&b, 0, sizeof(b));
	if ((b.t = calloc(1, sizeof(*b.t))) == NULL)
		return NULL;
	b.possessive = SIZE_MAX;
	b.src = s;
	buf_append(&b.t->norm, "", 0);
	for (i = 0; i < len; i = end) {
		if (ref_fast(&b, s, len, i, &i) == -1)
			goto fail;
		if (i == len)
			break;
		if (s[i] == '<' && (end = ref_tag_end(s, len, i, &joins)) != 0) {
			if (!joins && ref_close(&b) == -1)
				goto fail;
			continue;
		}
		end = ref_segment(s, len, i, &first, &ncp);
		if (end == i) {
			end = i + 1;	/* an invalid byte separates */
			if (ref_close(&b) == -1)
				goto fail;
			continue;
		}
		if (ref_feed_segment(&b, s, i, end, first, ncp) == -1 ||
		    (ref_zwnj_splits(s, len, end) && ref_close(&b) == -1))
			goto fail;
	}
	if (ref_close(&b) == -1)
		goto fail;
	ref_fix(b.t);
	return b.t;
fail:
	ref_free(b.t);
	return NULL;
}

/* Release a struct ref. */
static void
ref_free(struct ref *t)
{
	if (t == NULL)
		return;
	free(t->v);
	free(t->noff);
	buf_free(&t->norm);
	free(t);
}

/* The normalized tokens of s joined by single spaces. */
static char *
ref_normalize(const char *s, size_t len)
{
	struct ref	*t;
	struct buf	 b = { NULL, 0, 0 };
	size_t		 i;

	if ((t = ref_tokenize(s, len)) == NULL)
		return NULL;
	buf_append(&b, "", 0);
	for (i = 0; i < t->n; i++) {
		if (i > 0)
			buf_putc(&b, ' ');
		buf_append(&b, t->v[i].norm, t->v[i].normlen);
	}
	ref_free(t);
	return buf_steal(&b);
}
