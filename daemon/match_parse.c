/*
 * match_parse: the expression language: a lexer and a recursive-descent
 * parser from a `match` or `exclude` line to expression nodes, phrases and
 * words of the compiled form, with the column of any error.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "compat.h"
#include "match_int.h"
#include "text.h"
#include "xmalloc.h"

/* Field prefixes of the expression language. */
static const struct match_fieldname {
	const char	*s;
	unsigned	 field;
} match_fieldnames[] = {
	{ "title:", MATCH_TITLE },
	{ "summary:", MATCH_SUMMARY },
	{ "content:", MATCH_CONTENT }
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

static int	match_parse_or(struct match_parse *, unsigned, size_t *);

/* Fill err and fail. */
int
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
	size_t			 i, n, n1, id;
	int			 kind;
	char			 skel[MATCH_FORMLEN];	/* a skeleton or a
							   term form */

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
		else if (kind == MATCH_W_EXACT && (n1 = match_term_form(k->norm,
		    k->normlen, skel)) != k->normlen)
			id = match_word_get(p->m, kind, skel, n1);
		else
			id = match_word_get(p->m, kind, k->norm, k->normlen);
		MATCH_PUT(&p->m->pwords, id);
		if (kind == MATCH_W_EXACT && k->end - k->start >= 4 &&
		    memcmp(s + k->start, "ال", 4) == 0)
			p->m->words.v[id].article = 1;
		if (s[k->start] >= 'A' && s[k->start] <= 'Z')
			p->m->words.v[id].proper = 1;
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

/*
 * Let the last word of a phrase of nwords take the case endings however
 * short it is when it is a word in Cyrillic letters: Russian declines a
 * name of two words on its last (Алма-Ата: в Алма-Ате, из Алма-Аты,
 * Алма-Атинский).
 */
static void
match_phrase_declined(struct match *m, size_t nwords)
{
	struct match_word	*w = &m->words.v[m->pwords.v[m->pwords.n - 1]];
	unsigned char		 lead = (unsigned char)m->arena.data[w->key];

	if (nwords > 1 && w->kind == MATCH_W_EXACT &&
	    (lead == 0xD0 || lead == 0xD1))
		w->affix = 1;
}

/*
 * Whether a phrase of nwords ends in a word* of Latin letters after other
 * words (rare earth*): English glues words into compounds (earthquake,
 * earthworks), which are no form of the phrase.
 */
static int
match_phrase_tail(const struct match *m, size_t nwords)
{
	const struct match_word	*w = &m->words.v[m->pwords.v[m->pwords.n - 1]];
	char			 c = m->arena.data[w->key];

	return nwords > 1 && w->kind == MATCH_W_PREFIX && c >= 'a' && c <= 'z';
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
	ph.indefinite = 0;
	ph.placed = 0;
	ph.place = MATCH_PLACE_NONE;
	ph.context = 0;
	ph.tail = match_phrase_tail(p->m, ph.nwords);
	match_phrase_declined(p->m, ph.nwords);
	buf_append(&p->m->arena, p->s + from, to - from);
	buf_putc(&p->m->arena, '\0');
	MATCH_PUT(&p->m->phrases, ph);
	node = match_node_add(p->m, MATCH_OP_PHRASE, p->m->phrases.n - 1, 0);
	p->m->nodes.v[node].fields = fields;
	return node;
}

/* Parse a run of words and quotes into one phrase. */
static int
match_parse_run(struct match_parse *p, unsigned fields, size_t *out)
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

/*
 * The other spelling of s's hamza before waw, in place: ؤو and ئو trade
 * seats (مسؤول, شؤون as most of the press writes them; مسئول, شئون as
 * Egypt's does). Both letters are two bytes, D8 A4 and D8 A6, so every
 * position stays. Returns how many it changed.
 */
static size_t
match_hamza_swap(char *s, size_t len)
{
	size_t	 i, n = 0;

	for (i = 0; i + 4 <= len; i++)
		if ((unsigned char)s[i] == 0xD8 &&
		    ((unsigned char)s[i + 1] == 0xA4 ||
		    (unsigned char)s[i + 1] == 0xA6) &&
		    memcmp(s + i + 2, "\xD9\x88", 2) == 0) {
			s[i + 1] = (char)((unsigned char)s[i + 1] ^ 0x02);
			n++;
		}
	return n;
}

/* Whether c is an ASCII letter or digit. */
static int
match_ascii_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

/*
 * Where the digits start of a word at s[i, to) made of capitals and then
 * digits (G7, COP29, the C5 of C5+1), or 0: one that stands alone, not a
 * ~word or a word*, and not the English words A and I before a number
 * (a 4% rise is no A4).
 */
static size_t
match_acronym_digits(const char *s, size_t i, size_t to)
{
	size_t	 d = i, e;

	if ((i > 0 && (match_ascii_alnum(s[i - 1]) || s[i - 1] == '~')))
		return 0;
	while (d < to && s[d] >= 'A' && s[d] <= 'Z')
		d++;
	for (e = d; e < to && s[e] >= '0' && s[e] <= '9'; e++)
		continue;
	if (d == i || e == d || (e < to && (match_ascii_alnum(s[e]) ||
	    s[e] == '*')))
		return 0;
	if (d - i == 1 && (s[i] == 'A' || s[i] == 'I'))
		return 0;
	return d;
}

/*
 * The respelling b holds of s up to done, with s's rest from done to len
 * after it; NULL, and b freed, when nothing was respelled (done 0).
 */
static char *
match_split_end(struct buf *b, const char *s, size_t done, size_t len,
    size_t *alen)
{
	if (done == 0) {
		buf_free(b);
		return NULL;
	}
	buf_append(b, s + done, len - done);
	*alen = b->len;
	return buf_steal(b);
}

/*
 * The Latin capitals that Arabic papers write by their names before a
 * number (سي5+1, جي 20, إف-16), the first row of each the name written:
 * not those whose name is a word too (في, بي of both B and P, إن).
 */
static const struct match_letter_name {
	char		 letter;
	const char	*name;
} match_letter_names[] = {
	{ 'C', "سي" }, { 'F', "إف" }, { 'F', "اف" }, { 'G', "جي" },
	{ 'Q', "كيو" }, { 'X', "إكس" }, { 'X', "اكس" }
};

/* The row of match_letter_names of capital c, or NULL. */
static const struct match_letter_name *
match_letter_row(char c)
{
	size_t	 k;

	for (k = 0; k < nitems(match_letter_names); k++)
		if (match_letter_names[k].letter == c)
			return &match_letter_names[k];
	return NULL;
}

/*
 * The phrase s[from, to) of an expression of len bytes with the capital
 * of each acronym of one letter and a number (C5 of C5+1, G20) written by
 * its Arabic name, glued to the number or apart; NULL when it has none.
 * Its length in *alen.
 */
static char *
match_letter_arabic(const char *s, size_t from, size_t to, size_t len,
    size_t *alen, int apart)
{
	const struct match_letter_name	*r;
	struct buf			 b = { NULL, 0, 0 };
	size_t				 i, done = 0;

	for (i = from; i < to; i++) {
		if (match_acronym_digits(s, i, to) != i + 1 ||
		    (r = match_letter_row(s[i])) == NULL)
			continue;
		buf_append(&b, s + done, i - done);
		buf_append(&b, r->name, strlen(r->name));
		if (apart)
			buf_putc(&b, ' ');
		done = i + 1;
	}
	return match_split_end(&b, s, done, len, alen);
}

/* match_letter_arabic with the name glued to the number: سي5+1. */
static char *
match_letter_glued(const char *s, size_t from, size_t to, size_t len,
    size_t *alen)
{
	return match_letter_arabic(s, from, to, len, alen, 0);
}

/* match_letter_arabic with the name apart from the number: سي 5+1. */
static char *
match_letter_apart(const char *s, size_t from, size_t to, size_t len,
    size_t *alen)
{
	return match_letter_arabic(s, from, to, len, alen, 1);
}

/*
 * Where a capital's Arabic name (match_letter_names) at s[i, to), a word's
 * start, ends before its number, glued or after a space; 0 when none
 * does. Its capital in *c.
 */
static size_t
match_letter_named(const char *s, size_t i, size_t to, char *c)
{
	size_t	 k, e;

	if (i > 0 && s[i - 1] != ' ' && s[i - 1] != '(' && s[i - 1] != '"')
		return 0;
	for (k = 0; k < nitems(match_letter_names); k++) {
		e = i + strlen(match_letter_names[k].name);
		if (e >= to || memcmp(s + i, match_letter_names[k].name,
		    e - i) != 0)
			continue;
		e += s[e] == ' ' && e + 1 < to;
		if (s[e] < '0' || s[e] > '9')
			continue;
		*c = match_letter_names[k].letter;
		return e;
	}
	return 0;
}

/*
 * The phrase s[from, to) of an expression of len bytes with each capital
 * written by its Arabic name before a number either written as the capital
 * (latin: سي5+1, سي 5+1 → C5+1) or, when glued to its number, apart from
 * it (سي5+1 → سي 5+1), as the tokenizer reads a glued one as one word;
 * NULL when it has none. Its length in *alen.
 */
static char *
match_letter_unnamed(const char *s, size_t from, size_t to, size_t len,
    size_t *alen, int latin)
{
	struct buf	 b = { NULL, 0, 0 };
	size_t		 i, e, done = 0;
	char		 c;

	for (i = from; i < to; i++) {
		if ((e = match_letter_named(s, i, to, &c)) == 0 ||
		    (!latin && s[e - 1] == ' '))
			continue;
		buf_append(&b, s + done, (latin ? i : e) - done);
		buf_putc(&b, latin ? c : ' ');
		done = i = e;
	}
	return match_split_end(&b, s, done, len, alen);
}

/* match_letter_unnamed with the capital for its name: C5+1. */
static char *
match_letter_latin(const char *s, size_t from, size_t to, size_t len,
    size_t *alen)
{
	return match_letter_unnamed(s, from, to, len, alen, 1);
}

/* match_letter_unnamed with the name apart from its number: سي 5+1. */
static char *
match_letter_spaced(const char *s, size_t from, size_t to, size_t len,
    size_t *alen)
{
	return match_letter_unnamed(s, from, to, len, alen, 0);
}

/*
 * The phrase s[from, to) of an expression of len bytes with a hyphen
 * between the capitals and the digits of each acronym with a number
 * (G-7, COP-29, C-5+1), as papers write them apart (G 7, COP 29) and the
 * tokenizer reads two words there; NULL when it has none. Its length in
 * *alen.
 */
static char *
match_acronym_split(const char *s, size_t from, size_t to, size_t len,
    size_t *alen)
{
	struct buf	 b = { NULL, 0, 0 };
	size_t		 i, d, done = 0;

	for (i = from; i < to; i++) {
		if ((d = match_acronym_digits(s, i, to)) == 0)
			continue;
		buf_append(&b, s + done, d - done);
		buf_putc(&b, '-');
		done = d;
		i = d;
	}
	return match_split_end(&b, s, done, len, alen);
}

/*
 * Whether the two bytes at s are an Arabic letter that never joins the
 * next: ا أ إ آ د ذ ر ز و ؤ.
 */
static int
match_nonjoining(const unsigned char *s)
{
	static const char	 letters[] = "اأإآدذرزوؤ";
	size_t			 i;

	for (i = 0; i + 1 < sizeof(letters); i += 2)
		if (s[0] == (unsigned char)letters[i] &&
		    s[1] == (unsigned char)letters[i + 1])
			return 1;
	return 0;
}

/*
 * The length of the Persian -abad of city names (آباد, أباد, اباد) that
 * s[0, n) starts with, 0 when it does not: papers write عشق آباد, عشق أباد
 * and عشقاباد, إسلام آباد and إسلاماباد.
 */
static size_t
match_abad(const unsigned char *s, size_t n)
{
	static const char *const abad[] = { "آباد", "أباد", "اباد" };
	size_t	 k;

	for (k = 0; k < nitems(abad); k++)
		if (n >= 8 && memcmp(s, abad[k], 8) == 0)
			return 8;
	return 0;
}

/*
 * The phrase s[from, to) of an expression of len bytes with the space
 * taken out after each Arabic word that ends in a letter joining no next
 * one, before another Arabic word: glued, such words look as they do
 * apart, and papers write them both ways (أبو ظبي, أبوظبي; عبد الله,
 * عبدالله; نور سلطان, نورسلطان); and before a city's آباد (match_abad).
 * NULL when it has none; its length in *alen.
 */
static char *
match_glue_split(const char *s, size_t from, size_t to, size_t len,
    size_t *alen)
{
	const unsigned char	*u = (const unsigned char *)s;
	struct buf		 b = { NULL, 0, 0 };
	size_t			 i, j, done = 0;

	for (i = from; i + 2 < to; i++) {
		if (u[i] != ' ' || i < from + 2)
			continue;
		for (j = i; j < to && u[j] == ' '; j++)
			continue;
		if (j + 1 >= to || (u[j] != 0xD8 && u[j] != 0xD9))
			continue;
		if (!match_nonjoining(u + i - 2) &&
		    match_abad(u + j, to - j) == 0)
			continue;
		buf_append(&b, s + done, i - done);
		done = j;
		i = j;
	}
	return match_split_end(&b, s, done, len, alen);
}

/* The bytes of the Arabic letter (or mark) at u[i], 0 when it is none. */
static size_t
match_arabic_at(const unsigned char *u, size_t i, size_t to)
{
	if (i + 1 < to && u[i] >= 0xD8 && u[i] <= 0xDB &&
	    (u[i + 1] & 0xC0) == 0x80)
		return 2;
	return 0;
}

/*
 * Where the Arabic word s[i, e) comes apart as the two words papers also
 * write apart (match_glue_join), 0 when it does not: after a head of a
 * compound name that ends in a letter joining no next one, so that glued
 * it looks as it does apart: the kunya's أبو (أبوظبي), the theophoric
 * عبد (عبدالله), a port's بور (بورسعيد) and a house's دار (دارفور), before
 * three letters or more; and before a city's آباد after three or more
 * (عشقاباد). Other words that end so (نور, as in نور سلطان the
 * president's given name) are names of their own apart.
 */
static size_t
match_glue_point(const unsigned char *u, size_t i, size_t e)
{
	static const char	 heads[][7] = { "أبو", "ابو", "عبد", "بور",
	    "دار" };
	size_t			 k;

	for (k = 0; k < nitems(heads) && e - i >= 6 + 6; k++)
		if (memcmp(u + i, heads[k], 6) == 0)
			return i + 6;
	if (e - i >= 6 + 8 && match_abad(u + e - 8, 8) != 0)
		return e - 8;
	return 0;
}

/*
 * The phrase s[from, to) of an expression of len bytes with its Arabic
 * words that are a compound name glued written apart (match_glue_point):
 * the reverse of match_glue_split, as papers write أبوظبي and أبو ظبي,
 * عبدالله and عبد الله. A skeleton (~word) is left whole. NULL when it has
 * none; its length in *alen.
 */
static char *
match_glue_join(const char *s, size_t from, size_t to, size_t len,
    size_t *alen)
{
	const unsigned char	*u = (const unsigned char *)s;
	struct buf		 b = { NULL, 0, 0 };
	size_t			 i, e, cut, done = 0;

	for (i = from; i < to; i = e + (e == i)) {
		for (e = i; match_arabic_at(u, e, to) != 0; e += 2)
			continue;
		if (e == i || (i > 0 && u[i - 1] == '~') ||
		    (cut = match_glue_point(u, i, e)) == 0)
			continue;
		buf_append(&b, s + done, cut - done);
		buf_putc(&b, ' ');
		done = cut;
	}
	return match_split_end(&b, s, done, len, alen);
}

/*
 * Whether the word s may hold a capital past its first letter: an ASCII
 * one, or a lead byte of Latin, Greek or Cyrillic past ASCII (U+00C0 to
 * U+052F); an Arabic word has none.
 */
static int
match_cased(const unsigned char *s, size_t len)
{
	size_t	 i;

	for (i = 1; i < len; i++)
		if ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 0xC3 &&
		    s[i] <= 0xD4))
			return 1;
	return 0;
}

/*
 * The phrase s[from, to) of an expression of len bytes with its words in
 * CamelCase written apart where their capitals begin words
 * (text_camel_cuts): the tokenizer reads a hashtag so, and KazMunayGas
 * then finds #KazMunayGas as well as KazMunayGas. A word after # or ~
 * is left as it is. NULL when it has none; its length in *alen.
 */
static char *
match_camel_split(const char *s, size_t from, size_t to, size_t len,
    size_t *alen)
{
	const unsigned char	*u = (const unsigned char *)s;
	struct buf		 b = { NULL, 0, 0 };
	size_t			 i, e, k, n, done = 0, cut[TEXT_CAMEL_MAX];

	if (!match_cased(u + from, to - from))
		return NULL;
	for (i = from; i < to; i = e + (e == i)) {
		for (e = i; e < to && (u[e] >= 0x80 ||
		    match_ascii_alnum((char)u[e])); e++)
			continue;
		if (e == i || (i > 0 && (u[i - 1] == '#' || u[i - 1] == '~')) ||
		    !match_cased(u + i, e - i))
			continue;
		n = text_camel_cuts(s + i, e - i, cut, nitems(cut));
		for (k = 0; k < n; k++) {
			buf_append(&b, s + done, i + cut[k] - done);
			buf_putc(&b, ' ');
			done = i + cut[k];
		}
	}
	return match_split_end(&b, s, done, len, alen);
}

/*
 * The ways papers and hashtags write the + of a name (C5+1, OPEC+) out,
 * after a Latin word and after an Arabic one.
 */
static const struct match_plus {
	const char	*latin, *arabic;
} match_pluses[] = {
	{ " plus ", " بلس " },	/* apart: C5 plus 1, أوبك بلس */
	{ "plus", "بلس" },	/* in a hashtag: #C5plus1, #أوبكبلس */
	{ " زائد ", " زائد " },	/* as Arabic papers write it: C5 زائد 1 */
	{ " و", " و" },		/* as "and", glued to the number: C5 و1 */
};

/*
 * The phrase s[from, to) of an expression of len bytes with each + that
 * follows a word's letter or digit written out the way how says. NULL
 * when it has none; its length in *alen.
 */
static char *
match_plus_spelled(const char *s, size_t from, size_t to, size_t len,
    size_t *alen, const struct match_plus *how)
{
	const unsigned char	*u = (const unsigned char *)s;
	struct buf		 b = { NULL, 0, 0 };
	const char		*word;
	size_t			 i, done = 0;

	if (memchr(s + from, '+', to - from) == NULL)
		return NULL;
	for (i = from + 1; i < to; i++) {
		if (u[i] != '+' || !(u[i - 1] >= 0x80 ||
		    match_ascii_alnum((char)u[i - 1])))
			continue;
		word = i >= 2 && match_arabic_at(u, i - 2, to) != 0 ?
		    how->arabic : how->latin;
		buf_append(&b, s + done, i - done);
		buf_append(&b, word, strlen(word));
		done = i + 1;
	}
	return match_split_end(&b, s, done, len, alen);
}

/* The Arabic words of the numbers 0 to 10, as papers write a format's. */
static const char *const match_number_words[] = {
	"صفر", "واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة",
	"ثمانية", "تسعة", "عشرة"
};

/*
 * The Arabic word of the number of one or two digits at s[*i, to), at
 * most 10, *i moved past it; NULL when there is none.
 */
static const char *
match_number_word(const char *s, size_t *i, size_t to)
{
	size_t	 n = 0, e;

	for (e = *i; e < to && e - *i < 3 && s[e] >= '0' && s[e] <= '9'; e++)
		n = n * 10 + (size_t)(s[e] - '0');
	if (e == *i || e - *i > 2 || n >= nitems(match_number_words))
		return NULL;
	*i = e;
	return match_number_words[n];
}

/*
 * The phrase s[from, to) of an expression of len bytes, when it is a
 * capital, a number and + a number (C5+1), written all in Arabic words as
 * papers write the format's name out (سي خمسة زائد واحد); NULL when it is
 * not. Its length in *alen.
 */
static char *
match_plus_words(const char *s, size_t from, size_t to, size_t len,
    size_t *alen)
{
	const struct match_letter_name	*r;
	const char			*a, *b;
	struct buf			 out = { NULL, 0, 0 };
	size_t				 i = from + 1;

	if (to - from < 4 || match_acronym_digits(s, from, to) != from + 1 ||
	    (r = match_letter_row(s[from])) == NULL ||
	    (a = match_number_word(s, &i, to)) == NULL || i == to ||
	    s[i++] != '+' ||
	    (b = match_number_word(s, &i, to)) == NULL || i != to)
		return NULL;
	buf_append(&out, s, from);
	buf_printf(&out, "%s %s زائد %s", r->name, a, b);
	return match_split_end(&out, s, to, len, alen);
}

/*
 * Adjectives that make a definite phrase a name of one body, place or
 * house, normalized: its words without ال are another thing (بنك دولي is
 * any international bank, not البنك الدولي; جامعة عربية, أمم متحدة, بيت
 * أبيض, بحر أحمر), where a common noun's are the same (معادن نادرة).
 * Sorted by bytes, for bsearch.
 */
static const char *const match_name_adjectives[] = {
	"الابيض", "الاحمر", "الاخضر", "الازرق", "الاسود", "الاصفر",
	"البيضاء", "الحمراء", "الخضراء", "الدولي", "الدوليه", "الزرقاء",
	"السوداء", "الصفراء", "العربي", "العربيه", "المتحده"
};

/* Compare a key with an entry of match_name_adjectives, for bsearch. */
static int
match_name_cmp(const void *key, const void *entry)
{
	return strcmp(key, *(const char *const *)entry);
}

/* Whether the Arabic word s[i, e) is an adjective of match_name_adjectives. */
static int
match_name_adjective(const char *s, size_t i, size_t e)
{
	char	*norm = text_normalize(s + i, e - i);
	int	 found;

	found = bsearch(norm, match_name_adjectives,
	    nitems(match_name_adjectives), sizeof(*match_name_adjectives),
	    match_name_cmp) != NULL;
	free(norm);
	return found;
}

/*
 * The names of one body each, normalized, whose adjective alone is no
 * name's (match_name_adjectives): الشعبية of الجبهة الشعبية is every
 * احتجاجات شعبية's, السريع of الدعم السريع every دعم سريع's, so that the
 * indefinite form is any front, any quick support. Sorted by bytes.
 */
static const char *const match_name_phrases[] = {
	"الجبهه الشعبيه", "الجماعه الاسلاميه", "الجهاد الاسلامي",
	"الجيش الحر", "الحرس الثوري", "الحركه الاسلاميه", "الحركه الشعبيه",
	"الحزب الجمهوري", "الحزب الديمقراطي", "الحزب الشيوعي",
	"الحشد الشعبي", "الدعم السريع", "الدوله الاسلاميه",
	"المجلس الانتقالي", "الموتمر الوطني"
};

/* Whether the phrase s[from, to) is one of match_name_phrases. */
static int
match_name_phrase(const char *s, size_t from, size_t to)
{
	char	*norm = text_normalize(s + from, to - from);
	int	 found;

	found = bsearch(norm, match_name_phrases, nitems(match_name_phrases),
	    sizeof(*match_name_phrases), match_name_cmp) != NULL;
	free(norm);
	return found;
}

/*
 * The phrase s[from, to) of an expression of len bytes written without
 * the ال of each of its words, when it has two Arabic words or more, each
 * with ال (past the first also وال, as in الحزام والطريق) and two letters
 * after it, and none past the first is an adjective of a name
 * (match_name_adjectives), and it is no name of match_name_phrases:
 * papers write المعادن النادرة as معادن نادرة
 * where the sense is indefinite (تصدير معادن نادرة, محطة طاقة نووية).
 * Not with the alef of the accusative's tanween (غازاً طبيعياً): that
 * form is an adverb's too, as دعماً سريعاً is no الدعم السريع. NULL
 * otherwise; its length in *alen.
 */
static char *
match_indefinite_split(const char *s, size_t from, size_t to, size_t len,
    size_t *alen)
{
	const unsigned char	*u = (const unsigned char *)s;
	struct buf		 b = { NULL, 0, 0 };
	size_t			 i, e, w, words = 0, done = 0;

	if (match_name_phrase(s, from, to))
		return NULL;
	for (i = from; i < to; i = e) {
		if (u[i] == ' ') {
			e = i + 1;
			continue;
		}
		for (e = i; match_arabic_at(u, e, to) != 0; e += 2)
			continue;
		w = (words > 0 && e - i >= 6 && memcmp(s + i, "وال", 6) == 0) ?
		    2 : 0;
		if ((e < to && u[e] != ' ') || e - i < w + 4 + 4 ||
		    memcmp(s + i + w, "ال", 4) != 0 ||
		    (words > 0 && match_name_adjective(s, i + w, e))) {
			buf_free(&b);
			return NULL;
		}
		buf_append(&b, s + done, i + w - done);
		buf_append(&b, s + i + w + 4, e - i - w - 4);
		done = e;
		words++;
	}
	if (words < 2) {
		buf_free(&b);
		return NULL;
	}
	return match_split_end(&b, s, done, len, alen);
}

/*
 * Parse the phrase that start begins once more over alt, the expression
 * (alen bytes) with the phrase written another way, into out as the phrase
 * OR it; alt is freed. The lexemes move: they are read again from the
 * phrase's start.
 */
static int
match_parse_other(const struct match_parse *start, char *alt, size_t alen,
    unsigned fields, size_t *out)
{
	struct match_parse	 again;
	size_t			 b;
	int			 rc;

	again = *start;
	again.s = alt;
	again.len = alen;
	again.pos = start->cur.pos;
	rc = match_lex(&again) == -1 ? -1 :
	    match_parse_run(&again, fields, &b);
	free(alt);
	if (rc == -1) {
		/* The error's place is in the other spelling: say the phrase's. */
		start->err->column = (int)start->cur.pos + 1;
		return -1;
	}
	*out = match_node_add(start->m, MATCH_OP_OR, *out, b);
	return 0;
}

/*
 * Parse the phrase that start begins and ends at end once more over its
 * other spelling (respell), if it has one, into out as the phrase OR it.
 */
static int
match_parse_respelled(const struct match_parse *start, size_t end,
    unsigned fields, char *(*respell)(const char *, size_t, size_t, size_t,
    size_t *), size_t *out)
{
	char	*alt;
	size_t	 alen;

	if ((alt = respell(start->s, start->cur.pos, end, start->len,
	    &alen)) == NULL)
		return 0;
	return match_parse_other(start, alt, alen, fields, out);
}

/*
 * Parse the phrase that start begins and ends at end once more with each
 * of its + written out each way papers write it (match_pluses), into out
 * as the phrase OR them.
 */
static int
match_parse_pluses(const struct match_parse *start, size_t end,
    unsigned fields, size_t *out)
{
	char	*alt;
	size_t	 alen, i;

	for (i = 0; i < nitems(match_pluses); i++)
		if ((alt = match_plus_spelled(start->s, start->cur.pos, end,
		    start->len, &alen, &match_pluses[i])) != NULL &&
		    match_parse_other(start, alt, alen, fields, out) == -1)
			return -1;
	return 0;
}

/*
 * The other names of one place or thing, a group a row, as the
 * normalizer writes them (ة → ه, أ → ا, lower case). Of the states and
 * capitals of Central Asia: a former name (Akmola, Целиноград, Alma-Ata,
 * Киргизия, Сталинабад), the state's own in its language (Қазақстан,
 * Oʻzbekiston, Тоҷикистон), and transliterations more than a letter or a
 * long vowel away (Qazaqstan, قزاقستان, Ashkhabad), and the older ones in
 * -stan whose people's adjective is the former name's (Kirghizstan,
 * Киргизстан: the Kirghiz SSR, Киргизская ССР), and the Turkish names
 * (Kazakistan, Özbekistan, Kırgızistan, Taşkent, Orta Asya: a Turkish
 * case suffix is a token of its own after the apostrophe) and Uzbek
 * ones (Qozogʻiston, Turkmaniston); of the region, its
 * Soviet name (Средняя Азия), not Arabic's وسط آسيا, whose وسط the
 * matcher reads in الوسطى وآسيا too; not a name that is also a
 * person's: Nursultan is the first president's, Frunze a general's;
 * of the president, his name in Kazakh Latin (Toqaev); a Cyrillic
 * name's row ends with the Latin one, as Russian papers write a place in
 * Latin too (в Astana, Kazakhstan и Китай), not an Arabic name's, as a
 * watch-list's NOT is written in its term's script (ألماتي NOT إيران
 * beside Almaty NOT Iran); of the region, Persian's and Urdu's (آسیای
 * مرکزی, وسطی ایشیا); of Bukhara, بخارا and the Uzbek Buxoro;
 * but for نور سلطان, which both write so, where a place stands
 * (match_person_names). A group of a place's names marks them a place's,
 * which they are not where they name a club, a firm or a restaurant
 * (match_run_named): so a city of one name has a group too (سمرقند).
 * Of the rare earths, the names papers give the family
 * (الأتربة النادرة, العناصر الترابية النادرة, lanthanides, РЗМ), not its
 * acronym in English, REE, which is Spain's grid operator too.
 */
#define MATCH_OTHER_NAMES	7	/* names in a group, at most */
static const char *const match_other_names[][MATCH_OTHER_NAMES] = {
	{ "استانا", "اقمولا", "اكمولا", "نور سلطان" },
	{ "astana", "akmola", "akmolinsk", "tselinograd", "nur sultan" },
	{ "астана", "акмола", "акмолинск", "целиноград", "нур султан",
	    "astana" },
	{ "الماتي", "الما اتا", "المااتا", "الماتا" },
	{ "almaty", "alma ata", "almatı" },
	{ "алматы", "алма ата", "almaty" },
	{ "قيرغيزستان", "قرغيزيا", "قيرغيزيا", "قرقيزستان" },
	{ "kyrgyzstan", "kirghizia", "kirgizia", "kirghizstan", "kirgizstan",
	    "kırgızistan", "qirg iziston" },
	{ "кыргызстан", "киргизия", "киргизстан", "kyrgyzstan" },
	{ "بيشكيك", "بشكيك" },
	{ "bishkek", "pishpek", "biskek" },
	{ "бишкек", "пишпек", "bishkek" },
	{ "دوشنبه" },
	{ "dushanbe", "stalinabad" },
	{ "душанбе", "сталинабад", "dushanbe" },
	{ "عشق اباد", "عشقاباد", "اشغابات", "اشخاباد" },
	{ "ashgabat", "ashkhabad", "ashgabad", "asgabat", "poltoratsk" },
	{ "ашхабад", "ашгабат", "полторацк", "ashgabat" },
	{ "طشقند", "طاشقند", "طاشكند" },
	{ "tashkent", "toshkent", "taskent" },
	{ "ташкент", "тошкент", "tashkent" },
	{ "سمرقند" },
	{ "samarkand", "samarqand" },
	{ "самарканд", "самарқанд", "samarkand" },
	{ "بخاري", "بخارا" },
	{ "bukhara", "buxoro", "bokhara" },
	{ "бухара", "бухоро", "bukhara" },
	{ "اسيا الوسطي", "اسياي مركزي", "وسطي ايشيا" },
	{ "central asia", "middle asia", "orta asya" },
	{ "центральная азия", "средняя азия", "central asia" },
	{ "كازاخستان", "قزاقستان", "قازقستان", "قازاقستان", "قزاخستان",
	    "كازاكستان" },
	{ "kazakhstan", "kazakstan", "qazaqstan", "kasachstan", "kazakistan",
	    "kazahstan", "qozog iston" },
	{ "казахстан", "казакстан", "қазақстан", "kazakhstan" },
	{ "uzbekistan", "uzbekstan", "usbekistan", "o zbekiston", "ozbekiston",
	    "ozbekistan" },
	{ "узбекистан", "ўзбекистон", "uzbekistan" },
	{ "tajikistan", "tojikiston", "tadjikistan", "tadzhikistan",
	    "tacikistan" },
	{ "таджикистан", "тоҷикистон", "tajikistan" },
	{ "turkmenistan", "turkmenia", "turkmaniston" },
	{ "tokayev", "tokaev", "toqaev" },
	{ "المعادن النادره", "العناصر الارضيه النادره", "الاتربه النادره",
	    "العناصر الترابيه النادره", "المعادن الارضيه النادره",
	    "اللانثانيدات" },
	{ "rare earths", "rare earth", "rare earth elements",
	    "rare earth metals", "lanthanides" },
	{ "редкоземельные металлы", "редкоземельные элементы", "рзм", "рзэ",
	    "редкоземы", "лантаноиды" }
};

/*
 * The other names of match_other_names that are a person's too, written
 * alike: the city's only where a place stands (match_run_placed), as in
 * العاصمة نور سلطان, في نور سلطان, not الرئيس نور سلطان نزارباييف.
 */
static const char *const match_person_names[] = { "نور سلطان" };

/* Mark the phrases from n on as a name that is a person's too, if it is. */
static void
match_phrases_placed(struct match *m, size_t n, const char *name)
{
	size_t	 k;

	for (k = 0; k < nitems(match_person_names); k++)
		if (strcmp(name, match_person_names[k]) == 0)
			break;
	for (; k < nitems(match_person_names) && n < m->phrases.n; n++)
		m->phrases.v[n].placed = 1;
}

/*
 * Write the phrases from n on as the phrase s[from, to) that they spell
 * another way, so that an alert lists the term as its user wrote it.
 */
static void
match_phrases_as(struct match *m, size_t n, const char *s, size_t from,
    size_t to)
{
	size_t	 text = m->arena.len;

	if (n == m->phrases.n)
		return;
	buf_append(&m->arena, s + from, to - from);
	buf_putc(&m->arena, '\0');
	for (; n < m->phrases.n; n++)
		m->phrases.v[n].text = text;
}

/*
 * The group of match_other_names that holds norm, or -1: a group's names
 * fill its row from the start, and a name's first byte spares most of
 * the comparisons.
 */
static int
match_other_group(const char *norm)
{
	const char	*name;
	size_t		 g, k;

	for (g = 0; g < nitems(match_other_names); g++)
		for (k = 0; k < MATCH_OTHER_NAMES &&
		    (name = match_other_names[g][k]) != NULL; k++)
			if (name[0] == norm[0] && strcmp(norm, name) == 0)
				return (int)g;
	return -1;
}

/*
 * Append an other name to b, each of its words' first ASCII letter a
 * capital when the term's is (cap): a name's, which takes the suffixes
 * names take (Toshkentda, Oʻzbekistondan).
 */
static void
match_other_append(struct buf *b, const char *name, int cap)
{
	size_t	 i;
	char	 c;

	for (i = 0; name[i] != '\0'; i++) {
		c = name[i];
		if (cap && c >= 'a' && c <= 'z' &&
		    (i == 0 || name[i - 1] == ' '))
			c = (char)(c - 'a' + 'A');
		buf_putc(b, c);
	}
}

/*
 * The members a family of match_other_names stands for, by the family's
 * first name there: the rare earths' elements, which papers name for the
 * family (China curbs dysprosium exports, أسعار النيوديميوم). One way: a
 * term that names one element matches that element only.
 */
#define MATCH_MEMBERS	18	/* members of a family, at most */
static const struct match_family {
	const char	*family;
	const char	*members[MATCH_MEMBERS];
} match_families[] = {
	{ "المعادن النادره", { "النيوديميوم", "النيوديوم", "الديسبروسيوم",
	    "التيربيوم", "البراسيوديميوم", "اللانثانوم", "السيريوم",
	    "الساماريوم", "الغادولينيوم", "الايتريوم", "الاتريوم",
	    "السكانديوم", "اليوروبيوم", "الهولميوم", "الاربيوم",
	    "الثوليوم", "اللوتيشيوم", "البروميثيوم" } },
	{ "rare earths", { "neodymium", "dysprosium", "terbium",
	    "praseodymium", "lanthanum", "cerium", "samarium", "gadolinium",
	    "yttrium", "scandium", "europium", "holmium", "erbium", "thulium",
	    "ytterbium", "lutetium", "promethium" } },
	{ "редкоземельные металлы", { "неодим", "диспрозий", "тербий",
	    "празеодим", "лантан", "церий", "самарий", "гадолиний", "иттрий",
	    "скандий", "европий", "гольмий", "эрбий", "тулий", "иттербий",
	    "лютеций", "прометий" } }
};

/*
 * The groups of match_other_names that name a city, by their first name:
 * a city's clubs carry its name, a state's teams the state's.
 */
static const char *const match_cities[] = {
	"استانا", "astana", "астана", "الماتي", "almaty", "алматы", "بيشكيك",
	"bishkek", "бишкек", "دوشنبه", "dushanbe", "душанбе", "عشق اباد",
	"ashgabat", "ашхабад", "طشقند", "tashkent", "ташкент", "سمرقند",
	"samarkand", "самарканд", "بخاري", "bukhara", "бухара"
};

/* What the group of match_other_names whose first name is first names. */
static enum match_place
match_place_of(const char *first)
{
	size_t	 i;

	for (i = 0; i < nitems(match_cities); i++)
		if (strcmp(first, match_cities[i]) == 0)
			return MATCH_PLACE_CITY;
	return MATCH_PLACE_LAND;
}

/* The members of the family whose first other name is first, or NULL. */
static const char *const *
match_family_of(const char *first)
{
	size_t	 i;

	for (i = 0; i < nitems(match_families); i++)
		if (strcmp(first, match_families[i].family) == 0)
			return match_families[i].members;
	return NULL;
}

/*
 * Parse the phrase that start begins and ends at end once more as name,
 * into out as the phrase OR it.
 */
static int
match_parse_name(const struct match_parse *start, size_t end,
    const char *name, unsigned fields, size_t *out)
{
	size_t		 from = start->cur.pos, alen, before;
	struct buf	 b;
	int		 rc;

	memset(&b, 0, sizeof(b));
	buf_append(&b, start->s, from);
	match_other_append(&b, name,
	    start->s[from] >= 'A' && start->s[from] <= 'Z');
	buf_append(&b, start->s + end, start->len - end);
	alen = b.len;
	before = start->m->phrases.n;
	rc = match_parse_other(start, buf_steal(&b), alen, fields, out);
	match_phrases_placed(start->m, before, name);
	return rc;
}

/*
 * The phrase that start begins and ends at end (norm normalized) OR each
 * other name of it (match_other_names), as papers still write the old
 * one, and each member of its family (match_families); *place says what
 * place it names (enum match_place; every group of match_other_names but
 * the rare earths' names one).
 */
static int
match_parse_other_names(const struct match_parse *start, size_t end,
    const char *norm, unsigned fields, size_t *out, int *place)
{
	const char *const	*names, *const *members;
	size_t			 k, n = start->m->phrases.n;
	int			 g, rc = 0;

	if ((g = match_other_group(norm)) == -1)
		return 0;
	names = match_other_names[g];
	members = match_family_of(names[0]);
	*place = members == NULL ? (int)match_place_of(names[0]) :
	    MATCH_PLACE_NONE;
	for (k = 0; k < MATCH_OTHER_NAMES && rc == 0; k++)
		if (names[k] != NULL && strcmp(norm, names[k]) != 0)
			rc = match_parse_name(start, end, names[k], fields,
			    out);
	for (k = 0; members != NULL && k < MATCH_MEMBERS && rc == 0; k++)
		if (members[k] != NULL)
			rc = match_parse_name(start, end, members[k], fields,
			    out);
	match_phrases_as(start->m, n, start->s, start->cur.pos, end);
	return rc;
}

/*
 * What papers write for C5+1 as they write the Iran talks' P5+1 (5+1,
 * الخماسي+1, الخمس زائد واحد): each matches only near Central Asia and
 * away from Iran (match_run_context), a test the matcher makes where one
 * of them is found, not on every text. B5+1, the business forum the
 * format convenes and names after itself, is C5+1's wherever it stands.
 */
static const char match_c5_term[] = "c5 + 1";
static const char match_c5_forum[] = "B5+1";
static const char *const match_c5_names[] = {
	"5+1", "الخماسي+1", "الخمس زائد واحد", "الخمسة زائد واحد"
};

/*
 * The phrase that start begins and ends at end, norm normalized, OR its
 * forum (match_c5_forum) OR each of match_c5_names, when the phrase is
 * C5+1; their phrases listed as the term is written.
 */
static int
match_parse_c5(const struct match_parse *start, size_t end, const char *norm,
    unsigned fields, size_t *out)
{
	size_t	 k, first = start->m->phrases.n, n, p;
	int	 rc;

	if (strcmp(norm, match_c5_term) != 0)
		return 0;
	rc = match_parse_name(start, end, match_c5_forum, fields, out);
	n = start->m->phrases.n;
	for (k = 0; k < nitems(match_c5_names) && rc == 0; k++)
		rc = match_parse_name(start, end, match_c5_names[k], fields,
		    out);
	for (p = n; p < start->m->phrases.n; p++)
		start->m->phrases.v[p].context = 1;
	match_context_index(start->m);
	match_phrases_as(start->m, first, start->s, start->cur.pos, end);
	return rc;
}

/*
 * The phrase that start begins and ends at end OR its other names and
 * members (match_parse_other_names) OR what C5+1 is written as
 * (match_parse_c5): both read the phrase normalized once.
 */
static int
match_parse_named(const struct match_parse *start, size_t end,
    unsigned fields, size_t *out, int *place)
{
	char	*norm;
	int	 rc;

	norm = text_normalize(start->s + start->cur.pos, end - start->cur.pos);
	rc = match_parse_other_names(start, end, norm, fields, out, place);
	if (rc == 0)
		rc = match_parse_c5(start, end, norm, fields, out);
	free(norm);
	return rc;
}

/*
 * The phrase that start begins and ends at end OR its acronyms' capitals
 * by their Arabic names, or the reverse (match_letter_arabic,
 * match_letter_latin, match_letter_spaced), listed as written.
 */
static int
match_parse_letters(const struct match_parse *start, size_t end,
    unsigned fields, size_t *out)
{
	size_t	 n = start->m->phrases.n;

	if (match_parse_respelled(start, end, fields, match_letter_glued,
	    out) == -1 || match_parse_respelled(start, end, fields,
	    match_letter_apart, out) == -1 || match_parse_respelled(start,
	    end, fields, match_letter_latin, out) == -1 ||
	    match_parse_respelled(start, end, fields, match_letter_spaced,
	    out) == -1)
		return -1;
	match_phrases_as(start->m, n, start->s, start->cur.pos, end);
	return 0;
}


/*
 * The phrase OR its words without ال (match_indefinite_split), which match
 * only text words without it (match_run.c): المعادن نادرة is a sentence.
 */
static int
match_parse_indefinite(const struct match_parse *start, size_t end,
    unsigned fields, size_t *out)
{
	size_t	 n = start->m->phrases.n;

	if (match_parse_respelled(start, end, fields, match_indefinite_split,
	    out) == -1)
		return -1;
	for (; n < start->m->phrases.n; n++)
		start->m->phrases.v[n].indefinite = 1;
	return 0;
}

/* Mark the phrases from n on as the name of place (enum match_place). */
static void
match_phrases_place(struct match *m, size_t n, int place)
{
	for (; place != MATCH_PLACE_NONE && n < m->phrases.n; n++)
		m->phrases.v[n].place = place;
}

/*
 * Parse a phrase; one whose hamza sits before a waw becomes the phrase OR
 * its other spelling (the normal form keeps ؤ as و and ئ as ي, so the two
 * never meet as words), one with an acronym and a number in capitals the
 * phrase OR the words apart (match_acronym_split), one with Arabic
 * words that look the same glued the phrase OR them glued
 * (match_glue_split), one with an Arabic word that looks the same as two
 * the phrase OR them apart (match_glue_join), one with a word in
 * CamelCase the phrase OR its words apart (match_camel_split), and one
 * with a + after a word the phrase OR it written out (match_pluses),
 * one with an acronym of one capital and a number the
 * phrase OR the capital by its Arabic name, and the reverse
 * (match_parse_letters), a definite one the phrase OR its indefinite
 * form (match_parse_indefinite), and a place's or a thing's name the
 * phrase OR its other names (match_parse_other_names); a search asks for
 * each.
 */
static int
match_parse_phrase(struct match_parse *p, unsigned fields, size_t *out)
{
	static char	*(*const respellers[])(const char *, size_t, size_t,
			    size_t, size_t *) = {
		match_acronym_split, match_glue_split, match_glue_join,
		match_camel_split
	};
	struct match_parse	 start = *p;
	const char		*s = p->s;
	char			*alt;
	size_t			 b, end, i, first = p->m->phrases.n;
	int			 rc, place = MATCH_PLACE_NONE;

	if (match_parse_run(p, fields, out) == -1)
		return -1;
	end = p->prev.pos + p->prev.len;
	for (i = 0; i < nitems(respellers); i++)
		if (match_parse_respelled(&start, end, fields, respellers[i],
		    out) == -1)
			return -1;
	if (match_parse_pluses(&start, end, fields, out) == -1 ||
	    match_parse_respelled(&start, end, fields, match_plus_words,
	    out) == -1 ||
	    match_parse_letters(&start, end, fields, out) == -1 ||
	    match_parse_indefinite(&start, end, fields, out) == -1 ||
	    match_parse_named(&start, end, fields, out, &place) == -1)
		return -1;
	alt = xstrndup(s, p->len);
	if (match_hamza_swap(alt + start.cur.pos, end - start.cur.pos) == 0) {
		free(alt);
		match_phrases_place(p->m, first, place);
		return 0;
	}
	/* Again over the other spelling: the same lexemes, at the same places. */
	start.s = alt;
	rc = match_parse_run(&start, fields, &b);
	free(alt);
	if (rc == -1)
		return -1;
	*out = match_node_add(p->m, MATCH_OP_OR, *out, b);
	match_phrases_place(p->m, first, place);
	return 0;
}

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

/* Whether node i is a phrase, or phrases joined by OR (a side of NEAR). */
static int
match_phrase_set(const struct match_nodes *nodes, size_t i)
{
	const struct match_node	*n = &nodes->v[i];

	if (n->op == MATCH_OP_PHRASE)
		return 1;
	return n->op == MATCH_OP_OR && match_phrase_set(nodes, n->a) &&
	    match_phrase_set(nodes, n->b);
}

/* Parse a primary, or two phrases (or OR-groups of them) joined by NEAR/n. */
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
	if (!match_phrase_set(nodes, a) || !match_phrase_set(nodes, b) ||
	    p->cur.kind == MATCH_L_NEAR)
		return match_fail(p, near.pos, "NEAR takes a phrase, or "
		    "phrases joined by OR in parentheses, on each side");
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
int
match_parse(struct match_parse *p, size_t *out)
{
	if (match_lex(p) == -1 || match_parse_or(p, MATCH_ALL, out) == -1)
		return -1;
	if (p->cur.kind != MATCH_L_END)
		return match_missing(p);
	return 0;
}
