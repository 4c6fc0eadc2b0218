/*
 * match_filter: a query for a full-text index that every document a topic
 * fires on passes, so that a search takes its candidates from the index
 * and the matcher confirms each one: search and alerting agree exactly.
 *
 * The index holds text_index()'s forms: every token's normalized form and
 * the word without each proclitic it starts with (and the article after). The
 * matcher accepts a text word for a term word W when one of its bases (the
 * word, the word without a proclitic, ال + the word after لل) is W, or W
 * less an ending that a suffix of the closed list replaced, with the suffix
 * on (match_arabic.c), or (a nisba) W without its article, and so on. So
 * every accepted word has an indexed form that starts with W's stem: W
 * without a leading ال and without one ending a suffix may replace (ا يا
 * يه ه а я ь й ы и a y e on, a Russian adjective's ый ая ое ые …: the
 * restore lists of match_arabic.c, match_restore_endings()). The filter
 * asks for "stem"* (a prefix query), and an exact
 * form for words too short for affixes, which match only whole tokens; a
 * word of three letters also matches a token less its article or و ب ل
 * (text_index() keeps it), and with a nisba ending on: a prefix. A word
 * that has spellings with one long vowel letter more or less (match_vowel.c)
 * asks for each of them, ORed. A ~word (a skeleton) and a NOT narrow
 * nothing: they leave "every document", and so does a stem of fewer than
 * two characters.
 */
#include <string.h>

#include "buf.h"
#include "match_int.h"
#include "utf8.h"

#define MATCH_ARTICLE	"ال"

#define MATCH_ENDINGS	64	/* room for match_restore_endings() */

/* Append s[0, len) as a quoted FTS5 string, a prefix query if asked. */
static void
match_filter_string(struct buf *out, const char *s, size_t len, int prefix)
{
	size_t	 i;

	buf_putc(out, '"');
	for (i = 0; i < len; i++) {
		if (s[i] == '"')
			buf_putc(out, '"');
		buf_putc(out, s[i]);
	}
	buf_puts(out, prefix ? "\"*" : "\"");
}

/* Whether s[0, *len) starts with the article; if so, take it off. */
static int
match_filter_article(const char **s, size_t *len)
{
	size_t	 n = sizeof(MATCH_ARTICLE) - 1;

	if (*len < n || memcmp(*s, MATCH_ARTICLE, n) != 0)
		return 0;
	*s += n;
	*len -= n;
	return 1;
}

/*
 * The filter of a word with clitics and suffixes, less the longest ending
 * a suffix may have replaced; 0: it narrows nothing.
 */
static int
match_filter_affix(struct buf *out, const char *s, size_t len)
{
	const char	*endings[MATCH_ENDINGS];
	size_t		 i, n, nend;

	match_filter_article(&s, &len);
	nend = match_restore_endings(endings, MATCH_ENDINGS);
	for (i = 0; i < nend; i++) {
		n = strlen(endings[i]);
		if (n < len && memcmp(s + len - n, endings[i], n) == 0) {
			len -= n;
			break;
		}
	}
	if (utf8_chars(s, len) < 2)
		return 0;
	match_filter_string(out, s, len, 1);
	return 1;
}

/*
 * The filter of a word*: its prefix, less a leading article (the base
 * ال + rest after لل is not indexed, rest is). A prefix that an article
 * alone could start (ا, ال) narrows nothing.
 */
static int
match_filter_prefix(struct buf *out, const char *s, size_t len)
{
	if (match_filter_article(&s, &len)) {
		if (utf8_chars(s, len) < 2)
			return 0;
	} else if (len == 2 && memcmp(s, MATCH_ARTICLE, 2) == 0)
		return 0;
	match_filter_string(out, s, len, 1);
	return 1;
}

/*
 * The filter of a word with clitics and suffixes and of each spelling
 * that stands for it (match_vowel.c), ORed; 0 when one narrows nothing.
 */
static int
match_filter_spellings(const struct match *m, size_t id, struct buf *out)
{
	const struct match_word	*w;
	struct buf		 one = { 0 }, all = { 0 };
	size_t			 i, n = 0;
	int			 rc = 1;

	for (i = 0; i < m->words.n; i++) {
		w = &m->words.v[i];
		if (w->canon != id || w->kind != MATCH_W_EXACT)
			continue;
		buf_reset(&one);
		if (!(rc = match_filter_affix(&one, m->arena.data + w->key,
		    w->len)))
			break;
		buf_puts(&all, n++ > 0 ? " OR " : "");
		buf_append(&all, one.data, one.len);
	}
	if (rc && n > 1)
		buf_printf(out, "(%s)", all.data);
	else if (rc)
		buf_append(out, all.data, all.len);
	buf_free(&one);
	buf_free(&all);
	return rc;
}

/* The filter of one pattern word; 0 when it narrows nothing. */
static int
match_filter_word(const struct match *m, size_t id, struct buf *out)
{
	const struct match_word	*w = &m->words.v[id];
	const char		*s = m->arena.data + w->key;

	switch (w->kind) {
	case MATCH_W_EXACT:
		if (!w->affix) {
			/*
			 * An Arabic word of three letters takes a nisba: مصر,
			 * المصري (match_arabic.c); a Latin or Cyrillic one
			 * none.
			 */
			match_filter_string(out, s, w->len, w->definite &&
			    (unsigned char)s[0] >= 0xd8 &&
			    (unsigned char)s[0] <= 0xdb);
			return 1;
		}
		return match_filter_spellings(m, id, out);
	case MATCH_W_PREFIX:
		return match_filter_prefix(out, s, w->len);
	default:
		return 0;
	}
}

/* The words of a phrase, ANDed (where they stand is the matcher's job). */
static int
match_filter_phrase(const struct match *m, size_t phrase, struct buf *out)
{
	const struct match_phrase	*p = &m->phrases.v[phrase];
	struct buf			 w = { 0 };
	size_t				 i, n = 0;

	for (i = 0; i < p->nwords; i++) {
		buf_reset(&w);
		if (!match_filter_word(m, m->pwords.v[p->words + i], &w))
			continue;
		buf_puts(out, n++ > 0 ? " AND " : "(");
		buf_append(out, w.data, w.len);
	}
	if (n > 0)
		buf_putc(out, ')');
	buf_free(&w);
	return n > 0;
}

static int	 match_filter_node(const struct match *, size_t, struct buf *);

/*
 * Two filters joined: for AND (and NEAR) the one that narrows alone when
 * the other does not; for OR nothing unless both narrow.
 */
static int
match_filter_join(const struct match *m, const struct match_node *n,
    struct buf *out)
{
	struct buf	 a = { 0 }, b = { 0 };
	int		 ha, hb, and = n->op != MATCH_OP_OR, rc = 1;

	ha = match_filter_node(m, n->a, &a);
	hb = match_filter_node(m, n->b, &b);
	if (ha && hb)
		buf_printf(out, "(%s %s %s)", a.data, and ? "AND" : "OR",
		    b.data);
	else if (and && (ha || hb))
		buf_puts(out, ha ? a.data : b.data);
	else
		rc = 0;
	buf_free(&a);
	buf_free(&b);
	return rc;
}

/* The filter of an expression node; 0 when it narrows nothing. */
static int
match_filter_node(const struct match *m, size_t node, struct buf *out)
{
	const struct match_node	*n = &m->nodes.v[node];

	switch (n->op) {
	case MATCH_OP_PHRASE:
		return match_filter_phrase(m, n->a, out);
	case MATCH_OP_NOT:
		return 0;
	default:
		return match_filter_join(m, n, out);
	}
}

/* A topic's filter: its match expressions ORed; see match.h. */
int
match_filter(const struct match *m, size_t topic, struct buf *out)
{
	const struct match_topic	*t;
	struct buf			 e = { 0 };
	size_t				 i;
	int				 rc = 1;

	if (!m->compiled || topic >= m->topics.n)
		return -1;
	buf_reset(out);
	t = &m->topics.v[topic];
	if (t->match.n == 0)
		return 0;
	for (i = 0; i < t->match.n && rc == 1; i++) {
		buf_reset(&e);
		if (!match_filter_node(m, t->match.v[i], &e))
			rc = 0;
		else
			buf_printf(out, "%s%s", i > 0 ? " OR " : "", e.data);
	}
	buf_free(&e);
	if (rc == 0)
		buf_reset(out);
	return rc;
}
