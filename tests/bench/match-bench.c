/*
 * match-bench: normalization and matching throughput (not run by make check).
 *
 *   cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -Idaemon -o build/match-bench \
 *       tests/bench/match-bench.c daemon/match.c daemon/text.c daemon/buf.c \
 *       $(pkg-config --cflags --libs libutf8proc)
 *   build/match-bench [MB]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "match.h"
#include "text.h"

/* Seed paragraphs (shared/seeds), repeated to make the corpus. */
static const char *const bench_paragraphs[] = {
	"تتمتع دول آسيا الوسطى بثروات ضخمة من الطاقة والمعادن النادرة، إلى "
	"جانب موقع جغرافي فريد يجعلها جسرًا طبيعيًا بين الشرق والغرب. وفي هذا "
	"الإطار، تبرز كازاخستان بوصفها الدولة الأكثر قدرة على لعب دور “بوابة "
	"العبور” لأي انخراط أمريكي أوسع وأكثر فاعلية في المنطقة.",
	"خلال السنوات الأخيرة، أظهرت الإدارات الأمريكية المتعاقبة اهتمامًا "
	"متناميًا بآسيا الوسطى، تُرجم إلى خطوات دبلوماسية لافتة، أبرزها عقد "
	"قمة رئاسية بصيغة “5+1” في واشنطن أواخر عام 2025، جمعت الرئيس "
	"الأمريكي دونالد ترامب بقادة الدول الخمس في المنطقة.",
	"تجدر الإشارة إلى أن ألماتي استضافت العام الماضي المنتدى الدولي B5+1، "
	"وهو امتدادٌ لمنتدى C5+1 يركز على الأعمال التجارية. في عام ٢٠١٥، خلال "
	"الجمعية العامة للأمم المتحدة في نيويورك، وضعت الولايات المتحدة ودول "
	"آسيا الوسطى الأساس لصيغة مجموعة الدول الخمس زائد واحد.",
	"Kazakhstan’s rare-earth exports grew 4.6 times since 2020, and the "
	"C5 + 1 summit in New York discussed critical minerals. В Казахстане "
	"обсудили редкоземельные металлы и визит в Астану.",
};

/* Seconds since an arbitrary start. */
static double
bench_now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One item's content: paragraphs repeated to about 8 KB. */
static char *
bench_item(size_t seed)
{
	size_t	 n = sizeof(bench_paragraphs) / sizeof(bench_paragraphs[0]);
	size_t	 cap = 16384, len = 0, k;
	char	*s = malloc(cap);

	if (s == NULL)
		exit(1);
	for (k = seed; len < 8192; k++) {
		len += (size_t)snprintf(s + len, cap - len, "%s\n",
		    bench_paragraphs[k % n]);
	}
	return s;
}

/* A matcher with the real topics plus n generated ones. */
static struct match *
bench_matcher(size_t n)
{
	static const char *const real[] = {
		"كازاخستان OR Kazakhstan OR Казахстан",
		"C5+1 OR مجموعة الدول الخمس زائد واحد",
		"المعادن النادرة OR rare earth*",
		"~تستينوف",
	};
	struct match		*m = match_new();
	struct match_error	 err;
	char			 expr[64];
	size_t			 i;

	for (i = 0; i < sizeof(real) / sizeof(real[0]); i++) {
		match_topic_add(m, real[i], 0);
		if (match_expr_add(m, i, real[i], 0, &err) == -1)
			exit(1);
	}
	for (i = 0; i < n; i++) {
		snprintf(expr, sizeof(expr), "term%zu كلمة%zu", i, i);
		match_topic_add(m, expr, 0);
		if (match_expr_add(m, i + 4, expr, 0, &err) == -1)
			exit(1);
	}
	if (match_compile(m) == -1)
		exit(1);
	return m;
}

/* Time tokenizing and matching about mb megabytes with n extra terms. */
static void
bench_run(size_t n, size_t mb)
{
	struct match		*m = bench_matcher(n);
	struct match_doc	 doc = { "عنوان", NULL, NULL, "bench" };
	struct match_result	 res;
	char			*item = bench_item(n);
	size_t			 len = strlen(item), items, i, hits = 0;
	double			 t0, t1, t2;
	struct text		*t;

	items = mb * 1024 * 1024 / len;
	doc.content = item;
	t0 = bench_now();
	for (i = 0; i < items; i++) {
		if ((t = text_tokenize(item, len)) == NULL)
			exit(1);
		text_free(t);
	}
	t1 = bench_now();
	for (i = 0; i < items; i++) {
		if (match_doc(m, &doc, &res) == -1)
			exit(1);
		hits += res.n;
		match_result_free(&res);
	}
	t2 = bench_now();
	printf("%6zu terms: normalize %.1f MB/s, match %.1f MB/s (%zu hits)\n",
	    n, (double)(items * len) / 1048576.0 / (t1 - t0),
	    (double)(items * len) / 1048576.0 / (t2 - t1), hits);
	free(item);
	match_free(m);
}

int
main(int argc, char **argv)
{
	static const size_t	 sizes[] = { 10, 1000, 10000 };
	size_t			 i, mb = argc > 1 ? strtoul(argv[1], NULL, 10) : 50;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		bench_run(sizes[i], mb);
	return 0;
}
