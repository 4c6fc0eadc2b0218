/*
 * archive-bench: the archive at scale (`make bench`, not part of `make
 * check`): each figure a ratio taken in this run.
 *
 *   build/archive-bench [ITEMS]
 *
 * Builds an archive of ITEMS items (1,000,000 by default) through store's
 * own API, in batches of 10,000 (a database file under $TMPDIR): 100
 * sources, a title and a summary each of Arabic words drawn from the
 * seed paragraphs with a fixed LCG, item times spread over 90 days, and
 * the watch-list's terms planted (with clitics and nisba) in a few items
 * in a thousand. Then, in wall time:
 *   scan     every archived text read and matched (what search would do
 *            without the index), for the query كازاخستان
 *   search   raqib search's way: candidates from the index, matched
 *   preview  a 10-topic watch-list over the last 30 days, raqib preview's
 *            way (the topics' queries ORed, the candidates matched)
 * and the database's bytes per item against the item's own text. Exits 1
 * when search takes more than 1/50 of the scan (issue 17).
 */
#include <sys/stat.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "buf.h"
#include "item.h"
#include "match.h"
#include "store.h"

#define BENCH_ITEMS	1000000
#define BENCH_BATCH	10000
#define BENCH_SOURCES	100
#define BENCH_DAYS	90
#define BENCH_MAXRATIO	(1.0 / 50)	/* search over scan */

/* Words of the seed paragraphs (shared/seeds), the archive's vocabulary. */
static const char bench_words[] =
    "تتمتع دول آسيا الوسطى بثروات ضخمة من الطاقة والمعادن إلى جانب موقع "
    "جغرافي فريد يجعلها جسرا طبيعيا بين الشرق والغرب وفي هذا الإطار تبرز "
    "بوصفها الدولة الأكثر قدرة على لعب دور بوابة العبور لأي انخراط أوسع "
    "وأكثر فاعلية في المنطقة خلال السنوات الأخيرة أظهرت الإدارات المتعاقبة "
    "اهتماما متناميا تُرجم خطوات دبلوماسية لافتة أبرزها عقد قمة رئاسية "
    "بصيغة واشنطن أواخر عام جمعت الرئيس دونالد بقادة الخمس تجدر الإشارة "
    "أن استضافت العام الماضي المنتدى الدولي وهو امتداد لمنتدى يركز الأعمال "
    "التجارية الجمعية العامة للأمم المتحدة نيويورك وضعت الولايات ودول "
    "الأساس لصيغة مجموعة زائد واحد أجرى وزير الخارجية محادثات مع نظيره "
    "وبحث الجانبان التعاون مجال الأرضية التي شهدت زيادة قدرها أضعاف "
    "وتوافقا نادرا الحزبين الحكومة البرلمان الانتخابات الاقتصاد النفط "
    "الغاز الأسواق الأسعار المصارف التضخم الموازنة الصحة التعليم الرياضة";

/* The watch-list: ten topics; the first is also the search. */
static const char *const bench_topics[][2] = {
	{ "كازاخستان", "لكازاخستان" },
	{ "أوزبكستان", "الأوزبكية" },
	{ "قرغيزستان", "وقرغيزستان" },
	{ "طاجيكستان", "الطاجيكي" },
	{ "تركمانستان", "بتركمانستان" },
	{ "اليورانيوم", "واليورانيوم" },
	{ "الليثيوم", "بالليثيوم" },
	{ "\"المعادن النادرة\"", "المعادن النادرة" },
	{ "خط الأنابيب", "خط الأنابيب" },
	{ "بحر قزوين", "لبحر قزوين" }
};

/* A fixed LCG: the same archive every run. */
static uint32_t
bench_rand(uint32_t *s)
{
	*s = *s * 1103515245u + 12345u;
	return *s >> 8;
}

/* The vocabulary's words, split once. */
struct bench_vocab {
	const char	*w[512];
	size_t		 len[512];
	size_t		 n;
};

/* Split the vocabulary at spaces. */
static void
bench_vocab(struct bench_vocab *v)
{
	const char	*p = bench_words, *e;

	for (v->n = 0; *p != '\0' && v->n < 512; p = *e ? e + 1 : e) {
		e = strchr(p, ' ');
		if (e == NULL)
			e = p + strlen(p);
		v->w[v->n] = p;
		v->len[v->n++] = (size_t)(e - p);
	}
}

/* n random words into b, and once in a while a topic's form. */
static void
bench_text(const struct bench_vocab *v, uint32_t *s, size_t n, struct buf *b)
{
	size_t	 i, k;

	buf_reset(b);
	for (i = 0; i < n; i++) {
		k = bench_rand(s) % v->n;
		buf_append(b, v->w[k], v->len[k]);
		buf_putc(b, ' ');
	}
	if (bench_rand(s) % 1000 < 3) {
		k = bench_rand(s) % (sizeof(bench_topics) /
		    sizeof(bench_topics[0]));
		buf_puts(b, bench_topics[k][1]);
	}
}

/* Wall-clock seconds. */
static double
bench_now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* What a pass over the archive counts. */
struct bench_pass {
	const struct match	*m;
	size_t			 read, fired;
};

/* store_texts() callback: match an archived item as search does. */
static int
bench_cb(const struct store_text_row *r, void *arg)
{
	struct bench_pass	*p = arg;
	struct match_doc	 doc = { r->title, r->summary, r->content,
				    r->source };
	struct match_result	 res = { 0 };

	p->read++;
	if (match_doc(p->m, &doc, &res) == 0 && res.n > 0)
		p->fired++;
	match_result_free(&res);
	return 0;
}

/* Fill the archive; the text's bytes into *text. */
static int
bench_fill(struct store *st, size_t n, size_t *text)
{
	struct bench_vocab	 v;
	struct buf		 title = { 0 }, summary = { 0 };
	struct item		 it = { 0 };
	int64_t			 src[BENCH_SOURCES], id, now = time(NULL);
	uint32_t		 seed = 17;
	char			 name[32], key[32];
	size_t			 i;
	int			 rc = 0;

	bench_vocab(&v);
	for (i = 0; i < BENCH_SOURCES && rc == 0; i++) {
		snprintf(name, sizeof(name), "source%zu", i);
		rc = store_source(st, name, &src[i]);
	}
	for (i = 0, *text = 0; i < n && rc == 0; i++) {
		if (i % BENCH_BATCH == 0 && (i > 0 ? store_commit(st) : 0) ==
		    0 && store_begin(st) == -1)
			return -1;
		bench_text(&v, &seed, 8, &title);
		bench_text(&v, &seed, 40, &summary);
		it.title = title.data;
		it.summary = summary.data;
		it.published = now - (int64_t)(i * (BENCH_DAYS * 86400ULL) /
		    n);
		snprintf(key, sizeof(key), "item%zu", i);
		*text += title.len + summary.len;
		rc = store_item_add(st, src[i % BENCH_SOURCES], key, &it, &id);
		if (rc == 0)
			rc = store_item_text(st, id, &it, NULL, NULL);
	}
	buf_free(&title);
	buf_free(&summary);
	return rc == 0 ? store_commit(st) : -1;
}

/* A matcher of the first k topics, compiled. */
static struct match *
bench_matcher(size_t k)
{
	struct match		*m = match_new();
	struct match_error	 err;
	size_t			 i;

	for (i = 0; i < k; i++) {
		match_topic_add(m, bench_topics[i][0], 0);
		if (match_expr_add(m, i, bench_topics[i][0], 0, &err) == -1) {
			fprintf(stderr, "archive-bench: %s\n", err.msg);
			exit(1);
		}
	}
	match_compile(m);
	return m;
}

/* One timed pass: the query (NULL: a scan), items since; seconds. */
static double
bench_pass(struct store *st, const struct match *m, const char *filter,
    int64_t since, struct bench_pass *p)
{
	struct store_text_query	 q = { filter, since, NULL };
	double			 t0 = bench_now();

	memset(p, 0, sizeof(*p));
	p->m = m;
	if (store_texts(st, &q, bench_cb, p) == -1) {
		fprintf(stderr, "archive-bench: %s\n", store_error(st));
		exit(1);
	}
	return bench_now() - t0;
}

/* The topics' queries ORed, as raqib preview builds it. */
static void
bench_filter(const struct match *m, size_t k, struct buf *out)
{
	struct buf	 f = { 0 };
	size_t		 i;

	for (i = 0; i < k; i++) {
		if (match_filter(m, i, &f) != 1) {
			buf_reset(out);
			break;
		}
		buf_printf(out, "%s(%s)", out->len ? " OR " : "", f.data);
	}
	buf_free(&f);
}

/* The bytes of a file, 0 when missing. */
static size_t
bench_size(const char *path)
{
	struct stat	 sb;

	return stat(path, &sb) == 0 ? (size_t)sb.st_size : 0;
}

/*
 * How long a daemon's start takes to index the archive anew when a new
 * version reads some letter otherwise: the file marked as indexed under
 * other forms, opened, renewed. -1 on failure.
 */
static double
bench_reindex(const char *path, size_t *n)
{
	struct store	*st;
	sqlite3		*db;
	char		 err[512];
	double		 t;
	int		 rc;

	if (sqlite3_open(path, &db) != SQLITE_OK)
		return -1;
	rc = sqlite3_exec(db, "UPDATE texts_forms SET version = 1", NULL,
	    NULL, NULL);
	sqlite3_close(db);
	if (rc != SQLITE_OK ||
	    (st = store_open(path, STORE_NORMAL, err, sizeof(err))) == NULL)
		return -1;
	t = bench_now();
	rc = store_index_renew(st, n);
	t = bench_now() - t;
	store_close(st);
	return rc == 0 ? t : -1;
}

/* Remove the database's file path + suffix. */
static void
bench_unlink(const char *path, const char *suffix)
{
	char	 p[600];

	snprintf(p, sizeof(p), "%s%s", path, suffix);
	unlink(p);
}

int
main(int argc, char **argv)
{
	size_t			 n = argc > 1 ? strtoul(argv[1], NULL, 10) :
				    BENCH_ITEMS, text, bytes, reindexed = 0;
	const char		*tmp = getenv("TMPDIR");
	char			 path[512], err[512];
	struct store		*st;
	struct match		*one = bench_matcher(1), *ten = bench_matcher(10);
	struct buf		 f1 = { 0 }, f10 = { 0 };
	struct bench_pass	 ps, pq, pp;
	double			 t, scan, search = 1e9, preview;
	int			 i;

	snprintf(path, sizeof(path), "%s/raqib-archive-bench.%ld.db",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp", (long)getpid());
	if ((st = store_open(path, STORE_NORMAL, err, sizeof(err))) == NULL) {
		fprintf(stderr, "archive-bench: %s\n", err);
		return 1;
	}
	t = bench_now();
	if (bench_fill(st, n, &text) == -1) {
		fprintf(stderr, "archive-bench: %s\n", store_error(st));
		return 1;
	}
	printf("archive-bench: %zu items archived in %.1f s (%.0f items/s)\n",
	    n, bench_now() - t, (double)n / (bench_now() - t));
	match_filter(one, 0, &f1);
	bench_filter(ten, 10, &f10);
	scan = bench_pass(st, one, NULL, 0, &ps);
	for (i = 0; i < 3; i++) {
		t = bench_pass(st, one, f1.data, 0, &pq);
		search = t < search ? t : search;
	}
	preview = bench_pass(st, ten, f10.data, time(NULL) - 30 * 86400, &pp);
	printf("  scan     %8.3f s  %zu read, %zu fire (كازاخستان)\n", scan,
	    ps.read, ps.fired);
	printf("  search   %8.3f s  %zu candidates, %zu fire: 1/%.0f of the "
	    "scan (target 1/50)\n", search, pq.read, pq.fired, scan / search);
	printf("  preview  %8.3f s  10 topics, 30 days: %zu candidates, %zu "
	    "fire: 1/%.0f of the scan\n", preview, pp.read, pp.fired,
	    scan / preview);
	store_close(st);
	bytes = bench_size(path);
	printf("  size     %zu bytes: %.0f bytes per item, its own text %.0f "
	    "bytes (%.2fx)\n", bytes, (double)bytes / (double)n,
	    (double)text / (double)n, (double)bytes / (double)text);
	t = bench_reindex(path, &reindexed);
	printf("  reindex  %8.3f s  %zu texts indexed anew (once, at the start "
	    "of a version that reads a letter otherwise): %.2fx the scan\n", t,
	    reindexed, t / scan);
	bench_unlink(path, "");
	bench_unlink(path, ".lock");
	match_free(one);
	match_free(ten);
	buf_free(&f1);
	buf_free(&f10);
	if (pq.fired != ps.fired) {
		fprintf(stderr, "archive-bench: search found %zu, the scan %zu\n",
		    pq.fired, ps.fired);
		return 1;
	}
	return search <= scan * BENCH_MAXRATIO ? 0 : 1;
}
