/*
 * Differential test of text.c: text_tokenize and text_normalize must give,
 * byte for byte and span for span, what the uncached algorithm gives (the
 * frozen copy in text_ref.c) on every BMP code point, alone, inside words
 * and before combining marks, on the seed articles, the fixtures and the
 * fuzz seeds, and on generated mixtures of the awkward cases.
 *
 * TEXTDIFF_CORPUS=DIR adds a directory, such as a grown fuzzing corpus
 * (build-fuzz/corpus/text), which is too large to check on every run.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "text_ref.c"

/* Corpora, from the repository root; the seeds live beside it and may be absent. */
static const char *const diff_dirs[] = {
	"tests/fixtures", "tests/fuzz", "../shared/seeds"
};

/*
 * Marks besides those the fold drops: they compose, reorder, case fold or
 * are Hangul jamo, so the cache must leave their segments to utf8proc.
 */
static const int32_t diff_other_marks[] = {
	0x0300, 0x0301, 0x0308, 0x0316, 0x0323, 0x0327, 0x0345, 0x0483,
	0x0653, 0x0654, 0x0655, 0x05B0, 0x093C, 0x0E31, 0x1161, 0x11A8,
	0x20D0, 0x3099, 0xFE20
};

/* Input pieces for the generated mixtures: scripts, marks, edges of rules. */
static const char *const diff_pieces[] = {
	"a", "Z", "s", "'", "\xE2\x80\x99", " ", "\n", "5", "\xD9\xA5", "\xDB\xB5",
	"\xD8\xA8", "\xD8\xA7", "\xD9\x88", "\xDB\x95", "\xD9\x8E", "\xD9\x91",
	"\xD9\x94", "\xD9\x93", "\xD9\x80", "\xD8\xA9", "\xD9\x89", "\xEF\xBB\xBB",
	"\xEF\xBB\xBC", "\xD0\x99", "\xD1\x91", "\xD0\xB8\xCC\x86", "e\xCC\x81",
	"\xC3\x9F", "\xE2\x80\x8B", "\xE2\x80\x8F", "\xC2\xAD", "+", "&", "#",
	"%", "\xD9\xAA", "\xE2\x82\xAC", "\xE1\x84\x80", "\xE1\x85\xA1",
	"\xE1\x86\xA8", "\xEA\xB0\x80", "\xEF\xB7\xBA", "\xF0\x9D\x90\x80",
	"\xF0\x9F\x98\x80", "\xFF", "\xC0", "\xE2\x82", "\xCC\x81", "\xCD\x85",
	"\xE3\x82\x99", "\xE3\x81\x8B", "\xE2\x84\xAB", "\xEF\xBC\xA1", ".", "-",
	"\xD1\x81", "\xD0\xA1", "\xCE\xBF", "\xE2\x88\x92", "\xE2\x81\x84",
	"\xE2\x80\x8C", "\xD9\x87", "\xD9\x84", "@"
};

/* A growable byte string for building inputs. */
struct diff_str {
	char	*p;
	size_t	 len, cap;
};

/* Append n bytes to d. */
static void
diff_put(struct diff_str *d, const void *p, size_t n)
{
	if (d->len + n > d->cap) {
		d->cap = (d->len + n) * 2;
		d->p = realloc(d->p, d->cap);
		assert_non_null(d->p);
	}
	memcpy(d->p + d->len, p, n);
	d->len += n;
}

/* Append cp as UTF-8 to d. */
static void
diff_put_cp(struct diff_str *d, int32_t cp)
{
	unsigned char	 u[4];

	diff_put(d, u, (size_t)utf8proc_encode_char(cp, u));
}

/* Print len bytes of s in hex, for a failure's message. */
static void
diff_dump(const char *what, const char *s, size_t len)
{
	size_t	 i;

	fprintf(stderr, "%s (%zu bytes):", what, len);
	for (i = 0; i < len && i < 256; i++)
		fprintf(stderr, " %02x", (unsigned char)s[i]);
	fprintf(stderr, "%s\n", i < len ? " ..." : "");
}

/* Whether token i of the cached and uncached tokenizations are the same. */
static int
diff_token_same(const struct text *t, const struct ref *r, size_t i)
{
	const struct text_token	*a = text_token(t, i), *b = &r->v[i];

	return a->start == b->start && a->end == b->end &&
	    a->kind == b->kind && a->normlen == b->normlen &&
	    memcmp(a->norm, b->norm, a->normlen + 1) == 0;
}

/* Tokenize s both ways; fail, showing s, unless every token agrees. */
static void
diff_tokens(const char *s, size_t len)
{
	struct text	*t = text_tokenize(s, len);
	struct ref	*r = ref_tokenize(s, len);
	size_t		 i, bad = SIZE_MAX;

	assert_non_null(t);
	assert_non_null(r);
	if (text_ntokens(t) != r->n)
		bad = 0;
	for (i = 0; bad == SIZE_MAX && i < r->n; i++)
		if (!diff_token_same(t, r, i))
			bad = i;
	if (bad != SIZE_MAX) {
		diff_dump("input", s, len);
		fail_msg("token %zu differs (%zu tokens, reference %zu)", bad,
		    text_ntokens(t), r->n);
	}
	text_free(t);
	ref_free(r);
}

/* Normalize s both ways and tokenize it both ways; fail unless they agree. */
static void
diff_check(const char *s, size_t len)
{
	char	*a = text_normalize(s, len), *b = ref_normalize(s, len);
	size_t	 k;

	assert_non_null(a);
	assert_non_null(b);
	for (k = 0; a[k] != '\0' && a[k] == b[k]; k++)
		continue;
	if (a[k] != b[k]) {
		diff_dump("input", s, len);
		k = k > 40 ? k - 40 : 0;
		fail_msg("normalized from byte %zu: \"%.80s\", reference \"%.80s\"",
		    k, a + k, b + k);
	}
	free(a);
	free(b);
	diff_tokens(s, len);
}

/* Check d once it is large, so a call covers many cases; then empty it. */
static void
diff_flush(struct diff_str *d, size_t at_least)
{
	if (d->len < at_least)
		return;
	diff_check(d->p, d->len);
	d->len = 0;
}

/* Whether cp is a scalar value that UTF-8 can carry. */
static int
diff_scalar(int32_t cp)
{
	return cp < 0xD800 || cp > 0xDFFF;
}

/*
 * Every BMP code point alone (an invalid byte before it ends the segment
 * and the word before), then inside a Latin word, after an Arabic letter
 * and after a digit, where the word rules (digit runs, marks) apply.
 */
static void
test_every_bmp_code_point(void **state)
{
	struct diff_str	 d = { 0 };
	int32_t		 cp;

	(void)state;
	for (cp = 0; cp <= 0xFFFF; cp++) {
		if (!diff_scalar(cp))
			continue;
		diff_put(&d, "\xFF", 1);
		diff_put_cp(&d, cp);
		diff_put(&d, "\xFF" "a", 2);
		diff_put_cp(&d, cp);
		diff_put(&d, "s \xD8\xA8", 4);
		diff_put_cp(&d, cp);
		diff_put(&d, "\xFF" "5", 2);
		diff_put_cp(&d, cp);
		diff_put(&d, "'s ", 3);
		diff_flush(&d, 1 << 13);
	}
	diff_flush(&d, 0);
	free(d.p);
}

/* Whether cp is a combining mark: one that joins the segment before it. */
static int
diff_is_mark(int32_t cp)
{
	const utf8proc_property_t	*p = utf8proc_get_property(cp);

	return p->combining_class != 0 ||
	    p->category == UTF8PROC_CATEGORY_MN ||
	    p->category == UTF8PROC_CATEGORY_MC ||
	    p->category == UTF8PROC_CATEGORY_ME;
}

/*
 * The marks under test: every combining mark removed inside a word (those
 * the fold drops, which the cache sees through), then a sample of marks
 * that compose, reorder or fold otherwise.
 */
static size_t
diff_marks(int32_t *v, size_t max)
{
	unsigned char	 u[8] = "b";
	size_t		 n = 0, i, k;
	int32_t		 cp;
	char		*got;

	for (cp = 0x80; cp <= 0xFFFF && n < max; cp++) {
		if (!diff_scalar(cp) || !diff_is_mark(cp))
			continue;
		k = 1 + (size_t)utf8proc_encode_char(cp, u + 1);
		u[k++] = 'b';
		got = ref_normalize((char *)u, k);
		assert_non_null(got);
		if (strcmp(got, "bb") == 0)
			v[n++] = cp;
		free(got);
	}
	for (i = 0; i < sizeof(diff_other_marks) / sizeof(diff_other_marks[0]) &&
	    n < max; i++)
		v[n++] = diff_other_marks[i];
	return n;
}

/* Every BMP code point as a starter followed by each mark under test. */
static void
test_every_bmp_code_point_before_marks(void **state)
{
	struct diff_str	 d = { 0 };
	int32_t		 marks[256], cp;
	size_t		 n, i;

	(void)state;
	n = diff_marks(marks, sizeof(marks) / sizeof(marks[0]));
	assert_true(n > 40 && n < sizeof(marks) / sizeof(marks[0]));
	for (i = 0; i < n; i++) {
		for (cp = 0; cp <= 0xFFFF; cp++) {
			if (!diff_scalar(cp))
				continue;
			diff_put(&d, "\xFF", 1);
			diff_put_cp(&d, cp);
			diff_put_cp(&d, marks[i]);
			diff_flush(&d, 1 << 13);
		}
	}
	diff_flush(&d, 0);
	free(d.p);
}

/*
 * Arabic letters, and letters of other scripts that compose, with every
 * ordered pair of marks under test, inside a word; then runs of marks
 * longer than a segment may hold.
 */
static void
test_letters_before_mark_pairs(void **state)
{
	static const int32_t	 other[] = { 'a', 'e', 0x00E9, 0x0438, 0x0439,
				    0x1100, 0xAC00 };
	struct diff_str		 d = { 0 };
	int32_t			 marks[256], cp;
	size_t			 n, i, j, k;

	(void)state;
	n = diff_marks(marks, sizeof(marks) / sizeof(marks[0]));
	for (k = 0; k < 0x100 + sizeof(other) / sizeof(other[0]); k++) {
		cp = k < 0x100 ? 0x0600 + (int32_t)k : other[k - 0x100];
		for (i = 0; i < n; i++) {
			for (j = 0; j < n; j++) {
				diff_put(&d, "\xD8\xA8", 2);
				diff_put_cp(&d, cp);
				diff_put_cp(&d, marks[i]);
				diff_put_cp(&d, marks[j]);
				diff_put(&d, " ", 1);
			}
			diff_flush(&d, 1 << 13);
		}
	}
	diff_flush(&d, 0);
	free(d.p);
}

/* Runs of marks past the 32 code points of a segment, composing or not. */
static void
test_long_mark_runs(void **state)
{
	static const int32_t	 run[] = { 0x064E, 0x0651, 0x0654, 0x0301,
				    0x0316 };
	const size_t		 nrun = sizeof(run) / sizeof(run[0]);
	struct diff_str		 d = { 0 };
	size_t			 i, j, k;

	(void)state;
	for (i = 0; i < nrun; i++) {
		for (k = 0; k < 70; k++) {
			diff_put(&d, "\xD8\xA7", 2);
			for (j = 0; j < k; j++)
				diff_put_cp(&d, run[(i + j / 8) % nrun]);
			diff_put(&d, "\xD8\xA7", 2);
			diff_check(d.p, d.len);
			d.len = 0;
		}
	}
	free(d.p);
}

/* Sentences of the seeds' kind, in each script and style the feeds use. */
static void
test_sentences(void **state)
{
	static const char	*const v[] = {
		"تتمتع دول آسيا الوسطى بثروات ضخمة من الطاقة والمعادن النادرة، "
		"إلى جانب موقع جغرافي فريد يجعلها جسرًا طبيعيًا بين الشرق والغرب.",
		"قمة رئاسية بصيغة “5+1” في واشنطن أواخر عام 2025 و٢٠١٥م لكازاخستان",
		"زيارةُ بلينكن لِكَازَاخِسْتَانَ وأوزبكستان الكازاخستانيّة إئتلاف",
		"Kazakhstan rare-earth exports grew 4.6 times; AT&T #tag C5 + 1\n"
		"ÉCOLE Straße ﻛﺎﺯﺍﺧﺴﺘﺎﻥ مؤتمر مستشفى Astana's KAZAKHSTAN’S",
		"В Казахстане обсудили редкоземельные металлы, Ёлка и йод.",
	};
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		diff_check(v[i], strlen(v[i]));
}

/* The next value of a fixed linear congruential generator. */
static uint32_t
diff_rand(uint32_t *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return *seed >> 8;
}

/* Generated strings of the awkward pieces, in every order chance gives. */
static void
test_generated_mixtures(void **state)
{
	const size_t	 np = sizeof(diff_pieces) / sizeof(diff_pieces[0]);
	struct diff_str	 d = { 0 };
	uint32_t	 seed = 8;
	size_t		 i, k, n;
	const char	*p;

	(void)state;
	for (i = 0; i < 40000; i++) {
		n = 1 + diff_rand(&seed) % 24;
		for (k = 0; k < n; k++) {
			p = diff_pieces[diff_rand(&seed) % np];
			diff_put(&d, p, strlen(p));
		}
		diff_check(d.p, d.len);
		d.len = 0;
	}
	free(d.p);
}

/* Check one file's bytes, whole. */
static void
diff_file(const char *path)
{
	struct diff_str	 d = { 0 };
	char		 chunk[65536];
	size_t		 n;
	FILE		*f;

	if ((f = fopen(path, "rb")) == NULL)
		fail_msg("cannot open %s", path);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		diff_put(&d, chunk, n);
	fclose(f);
	diff_check(d.p != NULL ? d.p : "", d.len);
	free(d.p);
}

/* Check every regular file below dir; the number of files checked. */
static size_t
diff_tree(const char *dir)
{
	struct dirent	*e;
	struct stat	 st;
	char		 path[4096];
	size_t		 n = 0;
	DIR		*d;

	if ((d = opendir(dir)) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (stat(path, &st) == -1)
			continue;
		if (S_ISDIR(st.st_mode))
			n += diff_tree(path);
		else if (S_ISREG(st.st_mode)) {
			diff_file(path);
			n++;
		}
	}
	closedir(d);
	return n;
}

/* The seed articles, the fixtures and the fuzz corpora, file by file. */
static void
test_corpora(void **state)
{
	size_t	 i, n = 0;

	(void)state;
	for (i = 0; i < sizeof(diff_dirs) / sizeof(diff_dirs[0]); i++)
		n += diff_tree(diff_dirs[i]);
	assert_true(n >= 40);	/* the fixtures at least, so cwd was right */
	if (getenv("TEXTDIFF_CORPUS") != NULL)
		assert_true(diff_tree(getenv("TEXTDIFF_CORPUS")) > 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_bmp_code_point),
		cmocka_unit_test(test_every_bmp_code_point_before_marks),
		cmocka_unit_test(test_letters_before_mark_pairs),
		cmocka_unit_test(test_long_mark_runs),
		cmocka_unit_test(test_sentences),
		cmocka_unit_test(test_generated_mixtures),
		cmocka_unit_test(test_corpora),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
