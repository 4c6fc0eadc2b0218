/*
 * libFuzzer: text_index(), the archive's FTS tokenizer, on any bytes: each
 * form is valid UTF-8 within its token's span, a colocated form ends its
 * token's form; and the index can't miss: when a one-word query (a token of
 * the input, chosen by the first byte) fires on the text without that
 * token, match_filter()'s query holds over that text's forms (a string is
 * a form, or a prefix of one when it says *; AND and OR as FTS5 reads them).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "match.h"
#include "text.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The forms text_index() gave, NUL-separated, and the last primary form. */
struct forms {
	struct buf	 all;
	const char	*text;
	size_t		 len;
	size_t		 primary, primarylen;	/* offset in all */
};

/* text_index() callback: check a form and keep it. */
static int
form_cb(const char *form, size_t len, size_t start, size_t end, int colo,
    void *arg)
{
	struct forms	*f = arg;

	if (len == 0 || start >= end || end > f->len ||
	    !text_utf8_valid(form, len) || memchr(form, '\0', len) != NULL)
		abort();
	if (colo && (f->all.len == 0 || len >= f->primarylen ||
	    memcmp(f->all.data + f->primary + f->primarylen - len, form,
	    len) != 0))
		abort();
	if (!colo) {
		f->primary = f->all.len;
		f->primarylen = len;
	}
	buf_append(&f->all, form, len);
	buf_putc(&f->all, '\0');
	return 0;
}

/* Whether a form is s (or starts with it, for a prefix). */
static int
has_form(const struct forms *f, const char *s, size_t len, int prefix)
{
	size_t	 i, n;

	for (i = 0; i < f->all.len; i += n + 1) {
		n = strlen(f->all.data + i);
		if ((prefix ? n >= len : n == len) &&
		    memcmp(f->all.data + i, s, len) == 0)
			return 1;
	}
	return 0;
}

/*
 * The filter over a text's forms, as FTS5 reads the part match_filter()
 * writes: quoted strings (a prefix with *), AND binding tighter than OR,
 * parentheses. *q moves past what was read; a filter it cannot read aborts.
 */
static int	 filter_or(const struct forms *, const char **);

static int
filter_string(const struct forms *f, const char **q)
{
	struct buf	 s = { 0 };
	const char	*p = *q + 1;
	int		 hit;

	for (; *p != '\0' && !(p[0] == '"' && p[1] != '"'); p++) {
		if (p[0] == '"')
			p++;
		buf_putc(&s, *p);
	}
	if (*p == '\0')
		abort();
	p++;
	hit = has_form(f, s.data ? s.data : "", s.len, *p == '*');
	*q = *p == '*' ? p + 1 : p;
	buf_free(&s);
	return hit;
}

static int
filter_primary(const struct forms *f, const char **q)
{
	int	 hit;

	if (**q == '"')
		return filter_string(f, q);
	if (**q != '(')
		abort();
	(*q)++;
	hit = filter_or(f, q);
	if (**q != ')')
		abort();
	(*q)++;
	return hit;
}

static int
filter_and(const struct forms *f, const char **q)
{
	int	 hit = filter_primary(f, q);

	while (strncmp(*q, " AND ", 5) == 0) {
		*q += 5;
		hit &= filter_primary(f, q);
	}
	return hit;
}

static int
filter_or(const struct forms *f, const char **q)
{
	int	 hit = filter_and(f, q);

	while (strncmp(*q, " OR ", 4) == 0) {
		*q += 4;
		hit |= filter_and(f, q);
	}
	return hit;
}

/* The filter holds over the text's forms, and is read to its end. */
static void
check_filter(const struct forms *f, const char *q)
{
	if (!filter_or(f, &q) || *q != '\0')
		abort();
}

/* The forms of a text, each checked. */
static void
index_forms(struct forms *f, const char *text, size_t len)
{
	buf_reset(&f->all);
	f->text = text;
	f->len = len;
	f->primary = f->primarylen = 0;
	text_index(text, len, form_cb, f);
}

/*
 * Query with one token of the text, over the text without that token (so
 * that what fires is another word: a clitic or suffix form); when it
 * fires, the filter must hold over the rest's forms.
 */
static void
check_query(struct forms *f, char *text, size_t len, unsigned pick)
{
	struct text		*t = text_tokenize(text, len);
	const struct text_token	*k;
	struct match		*m = NULL;
	struct match_error	 err;
	struct match_result	 res = { 0 };
	struct match_doc	 doc = { text, NULL, NULL, NULL };
	struct buf		 e = { 0 }, q = { 0 };

	if (text_ntokens(t) == 0)
		goto out;
	k = text_token(t, pick % text_ntokens(t));
	buf_printf(&e, "\"%.*s\"", (int)(k->end - k->start), text + k->start);
	memset(text + k->start, ' ', k->end - k->start);
	m = match_new();
	match_topic_add(m, "t", 0);
	if (match_expr_add(m, 0, e.data, 0, &err) == -1)
		goto out;
	match_compile(m);
	index_forms(f, text, len);
	if (match_doc(m, &doc, &res) == 0 && res.n > 0 &&
	    match_filter(m, 0, &q) == 1)
		check_filter(f, q.data);
	match_result_free(&res);
out:
	match_free(m);
	buf_free(&e);
	buf_free(&q);
	text_free(t);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct forms	 f = { { 0 }, NULL, 0, 0, 0 };
	char		*clean;
	size_t		 n;

	if (len < 1)
		return 0;
	if ((clean = text_utf8_clean((const char *)data + 1, len - 1)) == NULL)
		return 0;
	n = strlen(clean);
	index_forms(&f, clean, n);
	check_query(&f, clean, n, data[0]);
	buf_free(&f.all);
	free(clean);
	return 0;
}
