/* test_feed: RSS, RDF and Atom fixtures -> items; dates, links, hostile input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "buf.h"
#include "compat.h"
#include "feed.h"
#include "feed_int.h"
#include "item.h"

#include "fixture.h"

#define FEED_URL	"https://asdaa.example.net/feed/"
#define NT		ITEM_NO_TIME

/* Strict UTF-8 check, written apart from the code under test. */
static int
utf8_ok(const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;
	uint32_t		 c;
	int			 n, i;

	while (*u != '\0') {
		if (*u < 0x80) {
			u++;
			continue;
		}
		n = (*u & 0xe0) == 0xc0 ? 2 : (*u & 0xf0) == 0xe0 ? 3 :
		    (*u & 0xf8) == 0xf0 ? 4 : 0;
		if (n == 0)
			return 0;
		c = *u & (0xff >> (n + 1));
		for (i = 1; i < n; i++) {
			if ((u[i] & 0xc0) != 0x80)
				return 0;
			c = (c << 6) | (u[i] & 0x3f);
		}
		if ((n == 2 && c < 0x80) || (n == 3 && c < 0x800) ||
		    (n == 4 && c < 0x10000) || c > 0x10ffff ||
		    (c >= 0xd800 && c <= 0xdfff))
			return 0;
		u += n;
	}
	return 1;
}

/* Every string of every item: valid UTF-8, folded, links absolute http(s). */
static void
assert_clean(const struct item_list *l)
{
	const char	*s[6];
	size_t		 i, j, n;

	for (i = 0; i < l->n; i++) {
		s[0] = l->v[i].id;
		s[1] = l->v[i].link;
		s[2] = l->v[i].title;
		s[3] = l->v[i].summary;
		s[4] = l->v[i].content;
		s[5] = l->v[i].author;
		for (j = 0; j < 6; j++) {
			if (s[j] == NULL)
				continue;
			n = strlen(s[j]);
			assert_true(n > 0);
			assert_true(utf8_ok(s[j]));
			assert_true(s[j][0] != ' ' && s[j][n - 1] != ' ');
			assert_null(strstr(s[j], "  "));
			assert_null(strpbrk(s[j], "\t\r\n"));
		}
		if (l->v[i].link != NULL)
			assert_true(strncmp(l->v[i].link, "http://", 7) == 0 ||
			    strncmp(l->v[i].link, "https://", 8) == 0);
	}
}

/* Parse a fixture file; returns feed_parse's result. */
static int
parse_file(const char *name, const char *url, const char *charset,
    struct item_list *l, char *err, size_t errlen)
{
	char	*data;
	size_t	 len;
	int	 rc;

	data = slurp(name, &len);
	rc = feed_parse(data, len, url, charset, l, NULL, err, errlen);
	free(data);
	return rc;
}

/* Parse a fixture that must succeed, with every string checked. */
static void
parse_ok(const char *name, const char *charset, struct item_list *l)
{
	char	 err[256] = "";

	if (parse_file(name, FEED_URL, charset, l, err, sizeof(err)) != 0)
		fail_msg("%s: %s", name, err);
	assert_clean(l);
}

/* ------------------------------------------------------------------ */

struct want {
	const char	*title;
	const char	*link;
	const char	*id;
	int64_t		 published;
	int64_t		 updated;
};

struct fixture_case {
	const char		*file;
	size_t			 n;
	const struct want	*items;
};

static const struct want rss2_items[] = {
	{ "كازاخستان تنضم إلى الاتفاقيات الإبراهيمية وتفتح آسيا الوسطى أمام إسرائيل",
	    "https://asdaa.example.net/2025/11/07/kazakhstan-abraham-accords/",
	    "https://asdaa.example.net/?p=48211", 1762529400, NT },
	{ "مزاحمة النفوذ التركي: أنقرة تسعى لترسيخ موقعها كزعيمة للعالم التركي",
	    "https://asdaa.example.net/2025/11/07/turkish-influence/",
	    "https://asdaa.example.net/?p=48207", 1762520700, NT },
	{ "أصـــداء: قمة مجموعة الدُّوَل الخمس زائد واحد تُعقد في واشنطن",
	    "https://asdaa.example.net/2025/11/06/c5-summit-washington/",
	    "https://asdaa.example.net/?p=48190", 1762416000, NT },
	{ "الأهمية الاستراتيجية لكازاخستان: صادرات المعادن الأرضية النادرة "
	    "تتضاعف ٤ مرات منذ ٢٠٢٠",
	    "https://asdaa.example.net/2025/11/05/rare-earths-exports/",
	    "https://asdaa.example.net/?p=48166", 1762364700, NT },
	{ "ترميم صورة إسرائيل بعد حرب غزة: واشنطن وتل أبيب تبحثان عن كتلة "
	    "إسلامية «معتدلة»",
	    "https://asdaa.example.net/2025/11/05/israel-image-gaza/",
	    "https://asdaa.example.net/?p=48160", 1762341600, NT },
	{ "\u200fوزير الخارجية الكازاخستاني يبحث مع روبيو مشاريع تجارية مشتركة",
	    "https://asdaa.example.net/2025/11/04/foreign-minister-rubio/",
	    NULL, 1762236600, NT },
	{ "عشر سنوات على صيغة C5 + 1: منصة حوار بين واشنطن ودول آسيا الوسطى منذ ٢٠١٥",
	    "https://asdaa.example.net/2025/11/03/c5-ten-years/",
	    "https://asdaa.example.net/2025/11/03/c5-ten-years/", 1762160400, NT },
	{ "القوى المتوسطة تفرض نفسها في عصر المنافسة بين القوى العظمى",
	    "https://asdaa.example.net/2025/11/02/middle-powers/",
	    "https://asdaa.example.net/?p=48101", 1762112400, NT },
};

static const struct want atom_items[] = {
	{ "كازاخستان الشريك الأكثر جاهزية لواشنطن في آسيا الوسطى",
	    "https://realist.example.org/ar/analysis/2025/11/kazakhstan-ready-partner",
	    "tag:realist.example.org,2025:ar/analysis/1101", 1762583400,
	    1762584312 },
	{ "هل ستحافظ مجموعة الدول الخمس زائد واحد (C5+1) على دورها كمنصة "
	    "تشاور فعّالة؟",
	    "https://realist.example.org/ar/analysis/2025/11/c5-consultation-platform",
	    "tag:realist.example.org,2025:ar/analysis/1100", 1762549200,
	    1762549200 },
	{ "Kazakhstan and the C5+1: Washington's gateway to Central Asia",
	    "https://realist.example.org/en/analysis/2025/11/kazakhstan-gateway",
	    "tag:realist.example.org,2025:en/analysis/1099", 1762514130,
	    1762514130 },
	{ "ضوابط تصدير صينية على سبعة عناصر نادرة تعيد المعادن النادرة إلى "
	    "واجهة التنافس",
	    "https://realist.example.org/ar/economy/2025/11/rare-minerals-competition",
	    "tag:realist.example.org,2025:ar/economy/1098", 1762405200,
	    1762421400 },
	{ "ممر زنغزور بين أرمينيا وأذربيجان يعيد رسم طرق التجارة",
	    "https://realist.example.org/ar/analysis/2025/11/zangezur-corridor",
	    "tag:realist.example.org,2025:ar/analysis/1097", 1762352400,
	    1762352400 },
	{ "أوزبكستان تبرم صفقة طائرات بوينغ بقيمة 8 مليارات دولار",
	    "https://realist.example.org/ar/economy/2025/11/uzbekistan-boeing",
	    "tag:realist.example.org,2025:ar/economy/1096", 1762239600,
	    1762239600 },
};

static const struct want rss1_items[] = {
	{ "القمة المقبلة قد تجذب مستثمرين أمريكيين إلى كازاخستان في الزراعة "
	    "والتكنولوجيا", "https://kisi.example.kz/ar/news/7781",
	    "https://kisi.example.kz/ar/news/7781", NT, 1762425000 },
	{ "Rare earth exports: Kazakhstan seeks US partners beyond China",
	    "https://kisi.example.kz/en/news/7779",
	    "https://kisi.example.kz/ar/news/7779", NT, 1762300800 },
	{ "الممر الأوسط عبر بحر قزوين بديل جيوسياسي للمسارات التقليدية",
	    "https://kisi.example.kz/ar/news/7774",
	    "https://kisi.example.kz/ar/news/7774", NT, 1762246800 },
	{ "واشنطن وقادة آسيا الوسطى في قمة 5+1: نحو شراكات أكثر تنظيمًا",
	    "https://kisi.example.kz/ar/news/7770",
	    "https://kisi.example.kz/ar/news/7770", NT, 1762182000 },
};

#define CASE(f, v)	{ f, sizeof(v) / sizeof((v)[0]), v }

static const struct fixture_case fixture_cases[] = {
	CASE("feeds/rss2.xml", rss2_items),
	CASE("feeds/atom.xml", atom_items),
	CASE("feeds/rss1.xml", rss1_items),
};

/* Each dialect's fixture: count, titles, links, ids and both dates. */
static void
test_dialects(void **state)
{
	const struct fixture_case	*c;
	const struct want		*w;
	struct item_list		 l = { 0 };
	size_t				 i, j;

	(void)state;
	for (i = 0; i < sizeof(fixture_cases) / sizeof(fixture_cases[0]); i++) {
		c = &fixture_cases[i];
		parse_ok(c->file, NULL, &l);
		assert_int_equal(l.n, c->n);
		for (j = 0; j < c->n; j++) {
			w = &c->items[j];
			assert_str("title", l.v[j].title, w->title);
			assert_str("link", l.v[j].link, w->link);
			assert_str("id", l.v[j].id, w->id);
			assert_true(l.v[j].published == w->published);
			assert_true(l.v[j].updated == w->updated);
		}
		item_list_free(&l);
	}
}

/* Authors, summaries and contents: HTML reduced to text, entities decoded. */
static void
test_rss2_text_fields(void **state)
{
	struct item_list	 l = { 0 };

	(void)state;
	parse_ok("feeds/rss2.xml", NULL, &l);
	assert_str("author", l.v[0].author, "مريم حسن");
	assert_str("summary", l.v[0].summary, "في 7 نوفمبر 2025، أعلن الرئيس "
	    "الأمريكي دونالد ترامب انضمام كازاخستان إلى الاتفاقيات الإبراهيمية، "
	    "لتصبح الدولة الخامسة بعد الإمارات والبحرين والمغرب والسودان & "
	    "الأولى من فضاء ما بعد الاتحاد السوفيتي. The post اقرأ المزيد "
	    "appeared first on أصـــداء.");
	/* Escaped (not CDATA) HTML. */
	assert_str("summary", l.v[1].summary, "يقيد التمدد الأمريكي-الإسرائيلي "
	    "قدرة تركيا على الانفراد بتشكيل موازين القوة في القوقاز، حيث تسعى "
	    "أنقرة لترسيخ موقعها عبر منظمة الدول التركية والممر الأوسط.");
	/* Script and style dropped; <br> and blocks separate words. */
	assert_non_null(l.v[2].content);
	assert_null(strstr(l.v[2].content, "asdaaTrack"));
	assert_null(strstr(l.v[2].content, "wp-block"));
	assert_non_null(strstr(l.v[2].content, "آسيا الوسطى في السنوات"));
	assert_non_null(strstr(l.v[2].content, "ملحوظًا. ويعود"));
	assert_non_null(strstr(l.v[3].content, "2020 رغم"));
	assert_non_null(strstr(l.v[4].summary, "إسلامية \"معتدلة\""));
	assert_null(l.v[5].author);
	assert_null(l.v[5].content);
	item_list_free(&l);
}

/* Atom: xhtml and html constructs, javascript: links skipped for the next. */
static void
test_atom_text_fields(void **state)
{
	struct item_list	 l = { 0 };

	(void)state;
	parse_ok("feeds/atom.xml", NULL, &l);
	assert_str("author", l.v[1].author, "علي موخامبيت");
	assert_str("summary", l.v[2].summary, "Kazakhstan is the most advanced "
	    "economy in Central Asia. Its leaders met President Biden in the "
	    "C5+1 format in 2023.");
	assert_non_null(l.v[1].content);
	assert_null(strchr(l.v[1].content, '<'));
	assert_str("content", l.v[5].content, "أبرمت أوزبكستان مؤخراً صفقات "
	    "كبيرة مع الشركات الأمريكية، بما فيها صفقة طائرات بوينغ بقيمة 8 "
	    "مليارات دولار ولقاء مباشر بين رئيسها وترامب.");
	item_list_free(&l);
}

/* Relative links: against the feed URL, and without one they are dropped. */
static void
test_relative_link_needs_base(void **state)
{
	struct item_list	 l = { 0 };
	char			 err[128];

	(void)state;
	assert_int_equal(parse_file("feeds/rss2.xml", NULL, NULL, &l, err,
	    sizeof(err)), 0);
	assert_null(l.v[3].link);
	item_list_free(&l);
	assert_int_equal(parse_file("feeds/rss2.xml",
	    "http://127.0.0.1:8080/rss2.xml", NULL, &l, err, sizeof(err)), 0);
	assert_str("link", l.v[3].link,
	    "http://127.0.0.1:8080/2025/11/05/rare-earths-exports/");
	item_list_free(&l);
}

/* The legacy encodings read to the same text as their UTF-8 sources. */
static void
test_encodings(void **state)
{
	static const struct {
		const char	*file, *src, *charset;
	} cases[] = {
		{ "feeds/rss2-cp1256.xml", "feeds/rss2-cp1256.src.xml", NULL },
		{ "feeds/rss2-cp1256.xml", "feeds/rss2-cp1256.src.xml",
		    "windows-1256" },
		{ "feeds/rss2-iso88596.xml", "feeds/rss2-iso88596.src.xml",
		    NULL },
		{ "feeds/rss2-iso88596.xml", "feeds/rss2-iso88596.src.xml",
		    "iso-8859-6" },
		{ "feeds/rss2-utf16.xml", "feeds/rss2-utf16.src.xml", NULL },
		{ "feeds/rss2-utf16.xml", "feeds/rss2-utf16.src.xml", "utf-8" },
		/* A wrong Latin-1 header on a valid UTF-8 body. */
		{ "feeds/rss2.xml", "feeds/rss2.xml", "ISO-8859-1" },
	};
	struct item_list	 a = { 0 }, b = { 0 };
	size_t			 i, j;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		parse_ok(cases[i].file, cases[i].charset, &a);
		parse_ok(cases[i].src, NULL, &b);
		assert_true(a.n > 0);
		assert_int_equal(a.n, b.n);
		for (j = 0; j < a.n; j++) {
			assert_str("title", a.v[j].title, b.v[j].title);
			assert_str("summary", a.v[j].summary, b.v[j].summary);
		}
		item_list_free(&a);
		item_list_free(&b);
	}
}

/* Replace the first occurrence of from in a buffer; returns a new buffer. */
static char *
replace(const char *s, size_t len, const char *from, const char *to,
    size_t *outlen)
{
	const char	*p = strstr(s, from);
	struct buf	 b = { 0 };

	assert_non_null(p);
	buf_append(&b, s, (size_t)(p - s));
	buf_puts(&b, to);
	p += strlen(from);
	buf_append(&b, p, len - (size_t)(p - s));
	*outlen = b.len;
	return buf_steal(&b);
}

/* windows-1256 bytes that claim UTF-8 (or nothing) are read as windows-1256. */
static void
test_mislabelled_cp1256(void **state)
{
	static const char *const decls[] = { "encoding=\"utf-8\"", "" };
	struct item_list	 a = { 0 }, b = { 0 };
	char			*data, *bad, err[128];
	size_t			 len, badlen, i, j;

	(void)state;
	data = slurp("feeds/rss2-cp1256.xml", &len);
	parse_ok("feeds/rss2-cp1256.src.xml", NULL, &b);
	for (i = 0; i < 2; i++) {
		bad = replace(data, len, "encoding=\"windows-1256\"", decls[i],
		    &badlen);
		assert_int_equal(feed_parse(bad, badlen, FEED_URL, i ? NULL :
		    "utf-8", &a, NULL, err, sizeof(err)), 0);
		assert_int_equal(a.n, b.n);
		for (j = 0; j < a.n; j++)
			assert_str("title", a.v[j].title, b.v[j].title);
		item_list_free(&a);
		free(bad);
	}
	item_list_free(&b);
	free(data);
}

/* A UTF-8 BOM wins over a wrong charset, and stray bytes after it are repaired. */
static void
test_utf8_bom(void **state)
{
	static const char body[] = "\xef\xbb\xbf<rss><channel><item><title>"
	    "\xd9\x83\xd8\xa7\xd8\xb2\xd8\xa7\xd8\xae\xd8\xb3\xd8\xaa"
	    "\xd8\xa7\xd9\x86 \xff</title></item></channel></rss>";
	static const char *const charsets[] = { NULL, "windows-1256" };
	struct item_list	 l = { 0 };
	char			 err[128];
	size_t			 i;

	(void)state;
	for (i = 0; i < 2; i++) {
		assert_int_equal(feed_parse(body, sizeof(body) - 1, NULL,
		    charsets[i], &l, NULL, err, sizeof(err)), 0);
		assert_int_equal(l.n, 1);
		assert_str("title", l.v[0].title, "كازاخستان \ufffd");
		item_list_free(&l);
	}
}

/*
 * Nested entities are not expanded, quickly: the document is read again
 * without its DTD, its references left as written, its item kept.
 */
static void
test_billion_laughs(void **state)
{
	struct item_list	 l = { 0 };
	struct feed_info	 fi = { 0 };
	char			*data, err[128] = "";
	size_t			 len;
	clock_t			 t0 = clock();

	(void)state;
	data = slurp("hostile/billion-laughs.xml", &len);
	assert_int_equal(feed_parse(data, len, FEED_URL, NULL, &l, &fi, err,
	    sizeof(err)), 0);
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 2.0);
	assert_int_equal(l.n, 1);
	assert_str("title", l.v[0].title, "كازاخستان &lol9;");
	assert_str("summary", l.v[0].summary, "&lol9;&lol9;&lol9;&lol9;");
	assert_true(fi.repairs & FEED_REPAIR_BOMB);
	feed_info_free(&fi);
	item_list_free(&l);
	free(data);
}

/*
 * Entities declared beside a bomb whose text holds no reference are still
 * read (a site's name); the bomb's, and an external one, are not.
 */
static void
test_bomb_beside_entities(void **state)
{
	static const char body[] = "<!DOCTYPE rss [\n"
	    "<!ENTITY site \"صدى السهوب\">\n"
	    "<!ENTITY dash '&#8212;'>\n"
	    "<!ENTITY a \"ha\">\n"
	    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
	    "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
	    "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n"
	    "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">\n"
	    "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">\n"
	    "<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">\n"
	    "<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">\n"
	    "<!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">\n"
	    "<!ENTITY x SYSTEM \"file:///etc/hostname\">\n"
	    "]>\n<rss version=\"2.0\"><channel><title>t</title><item>"
	    "<title>&site; كازاخستان</title><link>https://h.example/1</link>"
	    "<description>&i;&i;&i;&i; &x;</description></item></channel>"
	    "</rss>";
	struct item_list	 l = { 0 };
	struct feed_info	 fi = { 0 };
	char			 err[128] = "";

	(void)state;
	assert_int_equal(feed_parse(body, sizeof(body) - 1, FEED_URL, NULL, &l,
	    &fi, err, sizeof(err)), 0);
	assert_int_equal(l.n, 1);
	assert_str("title", l.v[0].title, "صدى السهوب كازاخستان");
	assert_true(strstr(l.v[0].summary, "haha") == NULL);
	assert_true(strstr(l.v[0].summary, "&i;") != NULL);
	assert_true(fi.repairs & FEED_REPAIR_BOMB);
	feed_info_free(&fi);
	item_list_free(&l);
}

/*
 * One long entity that nests nothing, used thousands of times, is a bomb
 * too: the item is read without it, in bounded memory.
 */
static void
test_long_entity_repeated(void **state)
{
	static const char head[] = "<!DOCTYPE rss [\n<!ENTITY big \"";
	static const char mid[] = "\">\n]>\n<rss version=\"2.0\"><channel>"
	    "<title>t</title><item><title>كازاخستان</title><link>"
	    "https://h.example/1</link><description>";
	static const char tail[] = "</description></item></channel></rss>";
	struct item_list	 l = { 0 };
	struct feed_info	 fi = { 0 };
	struct buf		 b = { NULL, 0, 0 };
	char			 err[128] = "";
	int			 i;

	(void)state;
	buf_append(&b, head, sizeof(head) - 1);
	for (i = 0; i < 32000; i++)
		buf_append(&b, "ha", 2);
	buf_append(&b, mid, sizeof(mid) - 1);
	for (i = 0; i < 3000; i++)
		buf_append(&b, "&big;", 5);
	buf_append(&b, tail, sizeof(tail) - 1);
	assert_int_equal(feed_parse(b.data, b.len, FEED_URL, NULL, &l, &fi,
	    err, sizeof(err)), 0);
	assert_int_equal(l.n, 1);
	assert_str("title", l.v[0].title, "كازاخستان");
	assert_true(strlen(l.v[0].summary) < b.len);
	assert_true(fi.repairs & FEED_REPAIR_BOMB);
	feed_info_free(&fi);
	item_list_free(&l);
	buf_free(&b);
}

/* An emoji written as its two surrogates' references reads as the emoji. */
static void
test_surrogate_pair_refs(void **state)
{
	static const char body[] = "<rss version=\"2.0\"><channel><item>"
	    "<title>كازاخستان &#55357;&#56880; &#xD83C;&#xDF0D;</title>"
	    "<description>&#55357; alone</description>"
	    "<link>https://a.example/1</link></item></channel></rss>";
	struct item_list	 l = { 0 };
	char			 err[128] = "";

	(void)state;
	assert_int_equal(feed_parse(body, sizeof(body) - 1, FEED_URL, NULL,
	    &l, NULL, err, sizeof(err)), 0);
	assert_int_equal(l.n, 1);
	assert_str("title", l.v[0].title, "كازاخستان \U0001F630 \U0001F30D");
	assert_str("summary", l.v[0].summary, "alone");
	item_list_free(&l);
}

/* An external entity is never read: nothing of /etc/passwd appears. */
static void
test_xxe(void **state)
{
	struct item_list	 l = { 0 };

	(void)state;
	parse_ok("hostile/xxe.xml", NULL, &l);
	assert_int_equal(l.n, 1);
	assert_str("title", l.v[0].title, "خبر عادي عن الطقس");
	assert_str("summary", l.v[0].summary, "before after");
	item_list_free(&l);
}

/* Bare &, an unclosed tag and junk after the root: the items are kept. */
static void
test_malformed(void **state)
{
	struct item_list	 l = { 0 };
	size_t			 i;
	int			 seen = 0;

	(void)state;
	parse_ok("hostile/malformed.xml", NULL, &l);
	assert_int_equal(l.n, 3);
	for (i = 0; i < l.n; i++)
		if (l.v[i].title != NULL &&
		    strcmp(l.v[i].title, "خبر ثالث بعد الوسم غير المغلق") == 0)
			seen = 1;
	assert_true(seen);
	assert_str("title", l.v[0].title, "الصين & روسيا: تعاون اقتصادي في آسيا الوسطى");
	assert_str("link", l.v[0].link, "https://broken.example.net/news?id=1&lang=ar");
	assert_true(l.v[0].published == 1762498800);
	item_list_free(&l);
}

/* Invalid bytes become U+FFFD; the rest of the text survives. */
static void
test_invalid_utf8(void **state)
{
	struct item_list	 l = { 0 };

	(void)state;
	parse_ok("hostile/invalid-utf8.xml", NULL, &l);
	assert_int_equal(l.n, 2);
	assert_str("title", l.v[0].title,
	    "الرئيس التركي يزور \ufffd\ufffd أنقرة");
	assert_str("summary", l.v[0].summary, "نص مقطوع \ufffd");
	assert_str("title", l.v[1].title,
	    "\ufffd\ufffd مسار \ufffd\ufffd\ufffd غير صالح");
	item_list_free(&l);
}

/* Documents that are no feed give one short message a user understands. */
static void
test_errors(void **state)
{
	static const struct {
		const char	*body, *err;
	} cases[] = {
		{ "", "empty body" },
		{ " \r\n\t ", "empty body" },
		{ "<!DOCTYPE html><html><body>x</body></html>",
		    "not a feed: root element <html>" },
		{ "<?xml version=\"1.0\"?><x:feed xmlns:x=\"urn:nope\"/>",
		    "not a feed: root element <x:feed>" },
		{ "just some text", "XML error at line 1: " },
		{ "<?xml version=\"1.0\"?>\n<rss version=\"2.0\">\n<chan",
		    "XML error at line 3: " },
	};
	struct item_list	 l = { 0 };
	char			 err[256];
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		err[0] = '\0';
		assert_int_equal(feed_parse(cases[i].body, strlen(cases[i].body),
		    FEED_URL, NULL, &l, NULL, err, sizeof(err)), -1);
		if (strncmp(err, cases[i].err, strlen(cases[i].err)) != 0)
			fail_msg("case %zu: got \"%s\"", i, err);
		assert_int_equal(l.n, 0);
	}
	assert_int_equal(parse_file("hostile/not-a-feed.html", FEED_URL, NULL,
	    &l, err, sizeof(err)), -1);
	assert_string_equal(err, "not a feed: root element <html>");
	item_list_free(&l);
}

/* A well-formed feed with no items is not an error. */
static void
test_empty_channel(void **state)
{
	static const char body[] = "<rss version=\"0.91\"><channel><title>t"
	    "</title><item></item></channel></rss>";
	struct item_list	 l = { 0 };
	char			 err[64];

	(void)state;
	assert_int_equal(feed_parse(body, sizeof(body) - 1, NULL, NULL, &l, NULL, err,
	    sizeof(err)), 0);
	assert_int_equal(l.n, 0);
	item_list_free(&l);
}

/*
 * A CMS mixing the two families: an Atom <entry> (or atom:entry) in an RSS
 * channel, an RSS <item> in an Atom feed, each read with its own family's
 * names; an <entry> of another vocabulary is no item.
 */
static void
test_mixed_dialects(void **state)
{
	static const char rss[] = "<rss version=\"2.0\" xmlns:atom="
	    "\"http://www.w3.org/2005/Atom\" xmlns:x=\"urn:x\"><channel>"
	    "<title>t</title>"
	    "<item><title>one</title><link>https://h.example/1</link></item>"
	    "<entry><title type=\"html\">&lt;b&gt;two&lt;/b&gt;</title>"
	    "<link rel=\"alternate\" href=\"https://h.example/2\"/>"
	    "<id>urn:2</id><updated>2026-12-06T10:30:00Z</updated>"
	    "<summary>s2</summary></entry>"
	    "<atom:entry><atom:title>three</atom:title><atom:link "
	    "href=\"https://h.example/3\"/></atom:entry>"
	    "<x:entry><x:title>no</x:title></x:entry>"
	    "</channel></rss>";
	static const char atom[] = "<feed xmlns=\"http://www.w3.org/2005/Atom\">"
	    "<title>t</title>"
	    "<entry><title>one</title><link href=\"https://h.example/1\"/>"
	    "</entry>"
	    "<item><title>two</title><link>https://h.example/2</link>"
	    "<guid isPermaLink=\"false\">g2</guid>"
	    "<pubDate>Sun, 06 Dec 2026 13:30:00 +0300</pubDate>"
	    "<description>&lt;p&gt;s2&lt;/p&gt;</description></item>"
	    "</feed>";
	struct item_list	 l = { 0 };
	char			 err[128];

	(void)state;
	assert_int_equal(feed_parse(rss, sizeof(rss) - 1, NULL, NULL, &l, NULL,
	    err, sizeof(err)), 0);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[1].title, "two");
	assert_string_equal(l.v[1].link, "https://h.example/2");
	assert_string_equal(l.v[1].id, "urn:2");
	assert_string_equal(l.v[1].summary, "s2");
	assert_true(l.v[1].updated == 1796553000);
	assert_string_equal(l.v[2].title, "three");
	assert_string_equal(l.v[2].link, "https://h.example/3");
	item_list_free(&l);
	assert_int_equal(feed_parse(atom, sizeof(atom) - 1, NULL, NULL, &l,
	    NULL, err, sizeof(err)), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[1].title, "two");
	assert_string_equal(l.v[1].link, "https://h.example/2");
	assert_string_equal(l.v[1].id, "g2");
	assert_string_equal(l.v[1].summary, "s2");
	assert_true(l.v[1].published == 1796553000);
	item_list_free(&l);
}

/* The one item a small feed body holds, read; the test fails otherwise. */
static void
parse_one(const char *body, struct item_list *l)
{
	char	 err[128];

	if (feed_parse(body, strlen(body), NULL, NULL, l, NULL, err,
	    sizeof(err)) != 0)
		fail_msg("%s: %s", body, err);
	if (l->n != 1)
		fail_msg("%s: %zu items", body, l->n);
}

/*
 * What strangers' templates write: a PHP warning before the feed, names
 * in other cases, an itunes:summary or only an itunes:title,
 * windows-1252 punctuation as C1.
 */
static void
test_strangers_quirks(void **state)
{
	struct item_list	 l = { 0 };

	(void)state;
	parse_one("<br />\n<b>Warning</b>:  x in <b>/f.php</b><br />\n"
	    "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>"
	    "<item><title>خبر</title></item></channel></rss>", &l);
	assert_str("title", l.v[0].title, "خبر");
	item_list_free(&l);
	parse_one("<RSS version=\"0.91\"><CHANNEL><ITEM><Title>Up</Title>"
	    "<Link>https://a.example/u</Link><PubDate>Sat, 06 Dec 2026 "
	    "10:30:00 GMT</PubDate></ITEM></CHANNEL></RSS>", &l);
	assert_str("title", l.v[0].title, "Up");
	assert_str("link", l.v[0].link, "https://a.example/u");
	assert_int_equal(l.v[0].published, 1796553000);
	item_list_free(&l);
	parse_one("<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/"
	    "dtds/podcast-1.0.dtd\"><channel><item><title>Ep</title>"
	    "<itunes:summary>حلقة</itunes:summary></item></channel></rss>", &l);
	assert_str("summary", l.v[0].summary, "حلقة");
	item_list_free(&l);
	/* An episode titled only for Apple's directory, the prefix undeclared
	 * in the second: itunes:title is its title, itunes:subtitle its text. */
	parse_one("<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/"
	    "dtds/podcast-1.0.dtd\"><channel><item><itunes:title>حلقة اليوم"
	    "</itunes:title><itunes:subtitle>عن كازاخستان</itunes:subtitle>"
	    "<guid>e1</guid></item></channel></rss>", &l);
	assert_str("title", l.v[0].title, "حلقة اليوم");
	assert_str("summary", l.v[0].summary, "عن كازاخستان");
	item_list_free(&l);
	parse_one("<rss version=\"2.0\"><channel><item><itunes:title>Ep 3"
	    "</itunes:title><guid>e3</guid></item></channel></rss>", &l);
	assert_str("title", l.v[0].title, "Ep 3");
	item_list_free(&l);
	parse_one("<rss version=\"2.0\"><channel><item><title>Ep 2</title>"
	    "<itunes:title>Episode two</itunes:title><guid>e2</guid></item>"
	    "</channel></rss>", &l);
	assert_str("title", l.v[0].title, "Ep 2");
	item_list_free(&l);
	parse_one("<rss version=\"2.0\"><channel><item><title>It&#146;s "
	    "&#147;x&#148; \xc2\x96 y</title></item></channel></rss>", &l);
	assert_str("title", l.v[0].title, "It’s “x” – y");
	item_list_free(&l);
}

/*
 * A podcast's episode with no page links its file (RSS's enclosure url,
 * Atom's rel="enclosure"); a page, before or after the file, wins.
 */
static void
test_enclosure_link(void **state)
{
	static const struct {
		const char	*body, *link;
	} cases[] = {
		{ "<rss version=\"2.0\"><channel><item><title>Ep 1</title>"
		    "<enclosure url=\"https://p.example/1.mp3\" type=\"audio/"
		    "mpeg\"/></item></channel></rss>", "https://p.example/1.mp3" },
		{ "<rss version=\"2.0\"><channel><item><title>Ep 2</title>"
		    "<enclosure url=\"https://p.example/2.mp3\"/><link>"
		    "https://p.example/ep/2</link></item></channel></rss>",
		    "https://p.example/ep/2" },
		{ "<rss version=\"2.0\"><channel><item><title>Ep 3</title>"
		    "<guid>https://p.example/ep/3</guid><enclosure url="
		    "\"https://p.example/3.mp3\"/></item></channel></rss>",
		    "https://p.example/ep/3" },
		{ "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>"
		    "Ep 4</title><id>tag:p.example,2026:4</id><link rel="
		    "\"enclosure\" href=\"https://p.example/4.mp3\"/></entry>"
		    "</feed>", "https://p.example/4.mp3" },
		{ "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>"
		    "Ep 5</title><link rel=\"enclosure\" href=\"https://"
		    "p.example/5.mp3\"/><link href=\"https://p.example/ep/5\"/>"
		    "</entry></feed>", "https://p.example/ep/5" },
	};
	struct item_list	 l = { 0 };
	size_t			 i;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		parse_one(cases[i].body, &l);
		assert_str("link", l.v[0].link, cases[i].link);
		item_list_free(&l);
	}
}

/*
 * An RSS 0.90 or 1.0 feed whose root is a bare <RDF>, in no namespace or
 * in RSS 1.0's, is read, its items' rdf:about with the prefix undeclared;
 * an <RDF> of another vocabulary is no feed.
 */
static void
test_bare_rdf(void **state)
{
	static const char *const feeds[] = {
		"<RDF><channel><title>t</title></channel><item><title>one"
		    "</title><link>https://h.example/1</link></item></RDF>",
		"<RDF xmlns=\"http://purl.org/rss/1.0/\"><channel><title>t"
		    "</title></channel><item><title>one</title><link>"
		    "https://h.example/1</link></item></RDF>",
		"<RDF xmlns=\"http://purl.org/rss/1.0/\"><item rdf:about="
		    "\"https://h.example/1\"><title>one</title></item></RDF>",
	};
	static const char other[] = "<RDF xmlns=\"urn:x\"><item><title>one"
	    "</title><link>https://h.example/1</link></item></RDF>";
	struct item_list	 l = { 0 };
	char			 err[128];
	size_t			 i;

	(void)state;
	for (i = 0; i < nitems(feeds); i++) {
		parse_one(feeds[i], &l);
		assert_str("title", l.v[0].title, "one");
		assert_str("link", l.v[0].link, "https://h.example/1");
		item_list_free(&l);
	}
	assert_int_equal(feed_parse(other, sizeof(other) - 1, NULL, NULL, &l,
	    NULL, err, sizeof(err)), -1);
	item_list_free(&l);
}

/*
 * A JSON Feed with half an emoji's surrogate pair (a summary cut by
 * JavaScript's substring) loses that character, not the feed.
 */
static void
test_json_lone_surrogate(void **state)
{
	struct item_list	 l = { 0 };

	(void)state;
	parse_one("{\"version\":\"https://jsonfeed.org/version/1.1\","
	    "\"items\":[{\"id\":\"1\",\"title\":\"cut \\ud83d\","
	    "\"summary\":\"\\ud83d\\ude00 \\\\ud800 \\udc00!\"}]}", &l);
	assert_str("title", l.v[0].title, "cut \xef\xbf\xbd");
	assert_str("summary", l.v[0].summary,
	    "\xf0\x9f\x98\x80 \\ud800 \xef\xbf\xbd!");
	item_list_free(&l);
}

/*
 * A JSON Feed a template wrote by hand: a comma before ] and }, a line
 * break and a tab inside strings (a space), an escaped quote kept.
 */
static void
test_json_template_slips(void **state)
{
	struct item_list	 l = { 0 };

	(void)state;
	parse_one("{\"version\":\"https://jsonfeed.org/version/1\",\"items\":"
	    "[{\"id\":\"1\",\"title\":\"a\n\tb, \\\"c\\\",\",},\n],}", &l);
	assert_str("title", l.v[0].title, "a b, \"c\",");
	item_list_free(&l);
}

/* A JSON Feed date written as a Unix-time number is that time. */
static void
test_json_unix_date(void **state)
{
	struct item_list	 l = { 0 };

	(void)state;
	parse_one("{\"version\":\"https://jsonfeed.org/version/1.1\","
	    "\"items\":[{\"id\":1,\"title\":\"a\",\"date_published\":"
	    "1762525800,\"date_modified\":1762525800123}]}", &l);
	assert_true(l.v[0].published == 1762525800);
	assert_true(l.v[0].updated == 1762525800);
	item_list_free(&l);
}

/*
 * A JSON Feed whose text holds HTML character references (WordPress's
 * excerpts, Jekyll's escaped titles) reads as the characters; a bare &
 * stays, and the id, a key, is kept as written.
 */
static void
test_json_references(void **state)
{
	struct item_list	 l = { 0 };

	(void)state;
	parse_one("{\"version\":\"https://jsonfeed.org/version/1\","
	    "\"items\":[{\"id\":\"a&amp;b\",\"title\":\"Astana&#8217;s "
	    "&quot;C5+1&quot; &amp; Q&A\",\"summary\":\"Talks &#8211; day 2 "
	    "[&hellip;]\",\"tags\":[\"News &amp; Politics\"]}]}", &l);
	assert_str("title", l.v[0].title, "Astana\u2019s \"C5+1\" & Q&A");
	assert_str("summary", l.v[0].summary, "Talks \u2013 day 2 [\u2026]");
	assert_str("id", l.v[0].id, "a&amp;b");
	assert_str("category", l.v[0].categories[0], "News & Politics");
	item_list_free(&l);
}

/* HTML names in attribute values: libxml2 alone kept their first byte. */
static void
test_entity_in_attribute(void **state)
{
	struct item_list	 l = { 0 };

	(void)state;
	parse_one("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>"
	    "<link href=\"https://a.example/caf&eacute;?a=1&amp;copy;&nbsp;\"/>"
	    "<category term=\"R&eacute;sum&eacute; &hellip;\"/>"
	    "<title>Caf&eacute;</title></entry></feed>", &l);
	assert_str("link", l.v[0].link,
	    "https://a.example/caf%C3%A9?a=1&copy;%C2%A0");
	assert_int_equal(l.v[0].ncategories, 1);
	assert_str("category", l.v[0].categories[0], "Résumé …");
	assert_str("title", l.v[0].title, "Café");
	item_list_free(&l);
}

/* The polling hint a feed body gives, in seconds; -1 when the parse fails. */
static long
hint_of(const char *body)
{
	struct feed_info	 fi;
	struct item_list	 l = { 0 };
	char			 err[128];
	int			 rc;
	long			 ttl;

	rc = feed_parse(body, strlen(body), NULL, NULL, &l, &fi, err,
	    sizeof(err));
	ttl = fi.ttl;
	feed_info_free(&fi);
	item_list_free(&l);
	return rc == 0 ? ttl : -1;
}

/*
 * RSS <ttl> (minutes) and the syndication module's period / frequency
 * become seconds; the longer wins; nonsense and items' elements count for
 * nothing.
 */
static void
test_polling_hints(void **state)
{
#define SY	"xmlns:sy=\"http://purl.org/rss/1.0/modules/syndication/\""
#define ITEM	"<item><title>t</title><ttl>999</ttl></item>"
	static const struct {
		const char	*body;
		long		 ttl;
	} cases[] = {
		{ "<rss><channel>" ITEM "</channel></rss>", 0 },
		{ "<rss><channel><ttl>60</ttl>" ITEM "</channel></rss>", 3600 },
		{ "<rss><channel><ttl> 30 </ttl></channel></rss>", 1800 },
		{ "<rss><channel><ttl>-5</ttl></channel></rss>", 0 },
		{ "<rss><channel><ttl>1h</ttl></channel></rss>", 0 },
		{ "<rss><channel><ttl>99999999999999999999</ttl></channel>"
		    "</rss>", 366 * 86400L },
		{ "<rss " SY "><channel><sy:updatePeriod>hourly"
		    "</sy:updatePeriod><sy:updateFrequency>2"
		    "</sy:updateFrequency>" ITEM "</channel></rss>", 1800 },
		{ "<rss " SY "><channel><sy:updatePeriod>Weekly"
		    "</sy:updatePeriod></channel></rss>", 7 * 86400L },
		{ "<rss " SY "><channel><sy:updateFrequency>4"
		    "</sy:updateFrequency></channel></rss>", 21600 },
		{ "<rss " SY "><channel><sy:updatePeriod>sometimes"
		    "</sy:updatePeriod></channel></rss>", 0 },
		{ "<rss " SY "><channel><ttl>120</ttl><sy:updatePeriod>hourly"
		    "</sy:updatePeriod></channel></rss>", 7200 },
		{ "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-"
		    "ns#\" xmlns=\"http://purl.org/rss/1.0/\" " SY "><channel>"
		    "<sy:updatePeriod>daily</sy:updatePeriod></channel>"
		    "<item><title>t</title></item></rdf:RDF>", 86400 },
		{ "<feed xmlns=\"http://www.w3.org/2005/Atom\" " SY ">"
		    "<sy:updatePeriod>hourly</sy:updatePeriod>"
		    "<entry><title>t</title></entry></feed>", 3600 },
		{ "<rss><channel><updatePeriod>hourly</updatePeriod></channel>"
		    "</rss>", 0 },
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (hint_of(cases[i].body) != cases[i].ttl)
			fail_msg("case %zu: %ld, want %ld", i,
			    hint_of(cases[i].body), cases[i].ttl);
#undef ITEM
#undef SY
}

/* RSS 0.91 with Netscape's DOCTYPE: HTML entity names are read, not lost. */
static void
test_rss091_entities(void **state)
{
	static const char body[] = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss "
	    "PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" "
	    "\"http://my.netscape.com/publish/formats/rss-0.91.dtd\">\n"
	    "<rss version=\"0.91\"><channel><item><title>caf&eacute;&nbsp;x "
	    "&hellip;</title><link>http://x.example/</link></item></channel>"
	    "</rss>";
	struct item_list	 l = { 0 };
	char			 err[64];

	(void)state;
	assert_int_equal(feed_parse(body, sizeof(body) - 1, NULL, NULL, &l, NULL, err,
	    sizeof(err)), 0);
	assert_int_equal(l.n, 1);
	assert_str("title", l.v[0].title, "café x …");
	item_list_free(&l);
}

/* Date strings -> Unix seconds; anything unreadable is ITEM_NO_TIME. */
static void
test_dates(void **state)
{
	static const struct {
		const char	*s;
		int64_t		 t;
	} cases[] = {
		{ "Fri, 07 Nov 2025 18:30:00 +0300", 1762529400 },
		{ "20251107T153000Z", 1762529400 },
		{ "20251107T1830+0300", 1762529400 },
		{ "Fri Nov  7 15:30:00 2025", 1762529400 },
		{ "Fri Nov 7 10:30:00 EST 2025", 1762529400 },
		{ "2025-11", 1761955200 },
		{ "2025", 1735689600 },
		{ "2025-1", NT },
		{ "20251107", NT },
		{ "Fri Nov 7 2025", NT },
		{ "Fri Nov 07 17:30:00 +0300 2025", 1762525800 },
		{ "Fri Nov 07 14:30:00 +0000 2025", 1762525800 },
		{ "Fri Nov 07 14:30:00 +99 2025", NT },
		{ "Fri, 07 Nov. 2025 14:30:00 GMT", 1762525800 },
		{ "Nov. 7, 2025 2:30 PM GMT", 1762525800 },
		{ "Sept. 7, 2025", 1757203200 },
		{ "Fri, 07 Nov 2025 15:30:00 GMT", 1762529400 },
		{ "07 Nov 2025 15:30:00 UT", 1762529400 },
		{ "Friday, 7 November 2025 15:30:00 Z", 1762529400 },
		{ "Fri, 07 Nov 2025 09:30:00 EST", 1762525800 },
		{ "Fri, 07 Nov 2025 10:30:00 EDT", 1762525800 },
		{ "Fri, 07 Nov 2025 08:30:00 CST", 1762525800 },
		{ "fri, 07 nov 2025 14:30 gmt", 1762525800 },
		{ "Fri, 07 Nov 2025 14:30:00", 1762525800 },
		{ "Fri, 07-Nov-2025 14:30:00 +00:00", 1762525800 },
		{ "Fri, 07 Nov 2025 17:30:00 +0300 (MSK)", 1762525800 },
		{ "Fri, 07 Nov 2025 18:30 GMT+3", 1762529400 },
		{ "Fri, 07 Nov 2025 18:30:00 GMT+03:00", 1762529400 },
		{ "Fri, 07 Nov 2025 18:30:00 +9900", NT },
		{ "Fri, 07 Nov 2025 14:30:00 +0530", 1762506000 },
		{ "Fri, 31 Dec 99 23:59:59 GMT", 946684799 },
		{ "Fri, 01 Jan 49 00:00:00 GMT", 2493072000 },
		{ "Thu, 01 Jun 50 12:00:00 GMT", -618062400 },
		{ "Sun, 07 Sept 2025 14:30:00 +0200", 1757248200 },
		{ "Thu, 29 Feb 2024 00:00:00 GMT", 1709164800 },
		{ "  Sat, 31 Dec 2016 23:59:59 GMT  ", 1483228799 },
		{ "2025-11-07T14:15:30+03:00", 1762514130 },
		{ "2025-11-07T14:15:30.250+03:00", 1762514130 },
		{ "2025-11-07T14:15:30,5+0300", 1762514130 },
		{ "2025-11-07t11:15:30z", 1762514130 },
		{ "2025-11-07 11:15:30Z", 1762514130 },
		{ "2025-11-07T11:15:30", 1762514130 },
		{ "2025-11-07T14:15-02:30", 1762533900 },
		{ "2025-11-07", 1762473600 },
		{ "1970-01-01T00:00:00Z", 0 },
		/* The two shapes read at fixed places, and just beside them. */
		{ "Fri, 07 Nov 2025 14:30:00 +1400", 1762475400 },
		{ "Fri, 07 Nov 2025 14:30:00 +1500", NT },
		{ "Fri, 07 Nov 2025 14:30:00 +0360", NT },
		{ "Fri, 07 NOV 2025 14:30:00 GMT", 1762525800 },
		{ "Fri, 07 Nov 2025 14:30:00 GMT ", 1762525800 },
		{ "Fri, 07 Nov 0999 14:30:00 GMT", NT },
		{ "2025-11-07T14:15:30-00:00", 1762524930 },
		{ "2025-11-07T14:15:60Z", 1762524960 },
		{ "2025-11-07T14:15:30.Z", 1762524930 },
		{ "2025-11-07T24:00:00Z", NT },
		{ "2025-02-29T10:00:00Z", NT },
		{ "2024-02-29T10:00:00Z", 1709200800 },
		{ "", NT },
		{ "yesterday", NT },
		{ "منذ ساعتين", NT },
		{ "Fri, 30 Feb 2025 10:00:00 GMT", NT },
		{ "Fri, 29 Feb 2025 10:00:00 GMT", NT },
		{ "Fri, 07 Nov 2025 25:00:00 GMT", NT },
		{ "Fri, 07 Nov 2025 14:61:00 GMT", NT },
		{ "Fri, 07 Foo 2025 14:30:00 GMT", NT },
		{ "Fri, 07 Nov 2025 14:30:00 XYZ", NT },
		/* Unix time, in seconds and in milliseconds. */
		{ "1762525800", 1762525800 },
		{ " 1762525800123\n", 1762525800 },
		{ "176252580", NT },
		{ "17625258001", NT },
		{ "1762525800 GMT", NT },
		{ "١٧٦٢٥٢٥٨٠٠", 1762525800 },
		/* The month first, as US long dates write it. */
		{ "Friday, November 07, 2025 8:00:00 PM IST", 1762525800 },
		{ "Nov 7, 2025 2:30 PM GMT", 1762525800 },
		{ "November 7 2025 14:30:00 +0000", 1762525800 },
		{ "Fri, Nov 7, 2025", 1762473600 },
		{ "Nov 2025", NT },
		{ "Nov 2025 14:30 GMT", NT },
		{ "Foo, Nov 7, 2025 14:30", 1762525800 },
		/* A 12-hour time, in English and in Arabic. */
		{ "Fri, 07 Nov 2025 02:30 PM GMT", 1762525800 },
		{ "Fri, 07 Nov 2025 2:30:00 pm", 1762525800 },
		{ "Fri, 07 Nov 2025 12:30 AM +0000", 1762475400 },
		{ "Fri, 07 Nov 2025 12:30 PM +0000", 1762518600 },
		{ "Fri, 07 Nov 2025 13:30 PM GMT", NT },
		{ "الجمعة 7 نوفمبر 2025 05:30 م +0300", 1762525800 },
		{ "7 نوفمبر 2025 11:30 ص GMT", 1762515000 },
		{ "الجمعة، 7 نوفمبر 2025 - 05:30 مساءً +0300", 1762525800 },
		{ "Fri, 07 Nov 2025 - 14:30 GMT", 1762525800 },
		{ "Fri, 07 Nov 2025 -14:30 GMT", NT },
		{ "Dec. 6, 2026, 10:15 a.m. ET", 1796570100 },
		{ "6 Dec 2026 1:15 p.m.", 1796562900 },
		{ "6 Dec 2026 1:15 p.mx", NT },
		{ "06 Dec 2026 | 10:15 GMT", 1796552100 },
		{ "06 Dec 2026 |10:15 GMT", NT },
		/* Zone names as the sites that write them mean them. */
		{ "Fri, 07 Nov 2025 17:30:00 AST", 1762525800 },
		{ "Fri, 07 Nov 2025 18:30:00 GST", 1762525800 },
		{ "Fri, 07 Nov 2025 20:00:00 IST", 1762525800 },
		{ "Mon, 07 Jul 2025 15:30:00 BST", 1751898600 },
		{ "Fri, 07 Nov 2025 17:30:00 +0300 AST", 1762525800 },
		{ "Fri, 07 Nov 2025 17:30:00 EAT", 1762525800 },
		{ "Fri, 07 Nov 2025 14:30:00 +0300 junk", NT },
		{ "Fri, 07 Nov 2025 17:30:00 +0300 MSK", 1762525800 },
		{ "Fri, 07 Nov 2025 14:30:00 +0000 GMT", 1762525800 },
		{ "Fri Nov 07 2025 17:30:00 GMT+0300 (Moscow Standard Time)",
		    1762525800 },
		{ "Fri Nov 07 2025 14:30:00 GMT+0000", 1762525800 },
		{ "Fri Nov 07 2025 14:30:00", 1762525800 },
		{ "Fri Nov 07 2025 14:30:00 GMT+0300 junk", NT },
		/* A weekday abbreviated with a dot; Java's zone after an offset. */
		{ "Fri., 07 Nov 2025 17:30:00 +0300", 1762525800 },
		{ "Fri., Nov 7, 2025 14:30 GMT", 1762525800 },
		{ "2025-11-07T17:30+03:00[Asia/Riyadh]", 1762525800 },
		{ "2025-11-07T17:30:00+03:00 (AST)", 1762525800 },
		{ "2025-11-07T17:30:00 (AST)", 1762525800 },
		{ "2025-11-07T17:30:00+03:00 junk", NT },
		/* A day with no time: its midnight UTC. */
		{ "Fri, 07 Nov 2025", 1762473600 },
		{ "07 Nov 2025", 1762473600 },
		{ "07 Nov", NT },
		{ "2025-13-01T00:00:00Z", NT },
		{ "2025-11-07T14:15:30+3", NT },
		{ "2025-11-07T14:15:30Zjunk", NT },
		{ "١٠ نوفمبر ٢٠٢٥", 1762732800 },
		{ "6 كانون الأول 2026", 1796515200 },
		/* Arabic and Russian names, Arabic-Indic digits. */
		{ "الأحد، ٠٦ ديسمبر ٢٠٢٦ ١٠:٣٠:٠٠ +0300", 1796542200 },
		{ "الجمعة 7 نوفمبر 2025 14:30 GMT", 1762525800 },
		/* WordPress's Arabic "j F، Y", and its English "j M, Y". */
		{ "7 نوفمبر، 2025 14:30 GMT", 1762525800 },
		{ "7 Nov, 2025 14:30 GMT", 1762525800 },
		{ "06 تشرين الثاني 2026 10:30 GMT", 1793961000 },
		{ "\u200F06 تشرين الثاني\u200F 2026 10:30 GMT", 1793961000 },
		{ "6 декабря 2026 г. 10:30 +0300", 1796542200 },
		{ "Вс, 06 Дек 2026 10:30:00 GMT", 1796553000 },
		/* A comma after the year, a dot after an abbreviation. */
		{ "5 декабря 2026, 17:30", 1796491800 },
		{ "Dec. 6, 2026, 10:30 AM", 1796553000 },
		{ "Sept. 7, 2025 14:30 GMT", 1757255400 },
		{ "6 дек. 2026 10:30", 1796553000 },
		{ "06 дек 2026 г., 10:30", 1796553000 },
		{ "6 декабря 2026 года, 10:30", 1796553000 },
		{ "6 декабря 2026 года в 10:30 +0300", 1796542200 },
		{ "6 декабря 2026 годах 10:30", NT },
		{ "Dec 6, 2026,", 1796515200 },	/* a day with no time */
		{ "Decem. 6, 2026 10:30", NT },
		/* Morocco's month names. */
		{ "الأحد 6 دجنبر 2026 - 10:45", 1796553900 },
		{ "7 نونبر 2025 14:30", 1762525800 },
		{ "٢٠٢٦-١٢-٠٦T١٠:٣٠:٠٠+03:00", 1796542200 },
		/* Year first with slashes; day first with dots. */
		{ "2025/11/07 14:30:00", 1762525800 },
		{ "2025/11/7 17:30 +0300", 1762525800 },
		{ "2025/11/07", 1762473600 },
		{ "2025/11", NT },
		{ "07.11.2025 17:30 +0300", 1762525800 },
		{ "7.11.2025, 14:30", 1762525800 },
		{ "07.11.2025", 1762473600 },
		{ "٠٧.١١.٢٠٢٥ ١٤:٣٠", 1762525800 },
		{ "11.31.2025 14:30", NT },
		{ "07.11.25 14:30", NT },
		{ "7 نوفمبرات 2025 14:30 GMT", NT },
		{ "الأحد 06 كانون 2026 10:30 GMT", NT },
		/* A zone named in parentheses, Central Asian and Gulf names,
		 * IANA names of zones with one offset all year. */
		{ "2026-12-06T10:30:00 (AST)", 1796542200 },
		{ "Sat, 06 Dec 2026 10:30:00 (GST)", 1796538600 },
		{ "2026-12-06T10:30:00 (Riyadh)", NT },
		{ "2026-12-06T10:30:00 (AST", NT },
		{ "Sat, 06 Dec 2026 10:30:00 ALMT", 1796535000 },
		{ "Sat, 06 Dec 2026 10:30:00 UZT", 1796535000 },
		{ "Sat, 06 Dec 2026 10:30:00 KGT", 1796531400 },
		{ "Sat, 06 Dec 2026 10:30:00 aqtt", 1796535000 },
		{ "Sat, 06 Dec 2026 10:30:00 Asia/Almaty", 1796535000 },
		{ "Sat, 06 Dec 2026 10:30:00 Asia/Riyadh", 1796542200 },
		{ "2026-12-06 10:30:00 Asia/Tehran", 1796540400 },
		{ "Sat, 06 Dec 2026 10:30:00 Africa/Cairo", NT },
		{ "Sat, 06 Dec 2026 10:30:00 Asia/Riyadhx", NT },
		/* The time before the date, as Russian and Arabic sites
		 * print it; a zone stays at the end. */
		{ "10:30, 6 декабря 2026", 1796553000 },
		{ "14:05 06.12.2026", 1796565900 },
		{ "14:05 06.12.2026 +0300", 1796555100 },
		{ "10:30 ص 6 ديسمبر 2026", 1796553000 },
		{ "١٠:٣٠ م ٦ ديسمبر ٢٠٢٦", 1796596200 },
		{ "10:30 PM - 6 Dec 2026 GMT", 1796596200 },
		{ "14:05", NT },
		{ "14:05 15:00", NT },
		{ "25:30 6 Dec 2026", NT },
		{ "13:30 PM 6 Dec 2026", NT },
		{ "10:30 6 Dec", NT },
		{ "14:05 2026", NT },
		/* Kazakh, French, Turkish and Uzbek (Latin) month names. */
		{ "6 желтоқсан 2026", 1796515200 },
		{ "6 Қазан 2026 ж.", 1791244800 },
		{ "6 décembre 2026 14:30", 1796567400 },
		{ "1 mars 2026", 1772323200 },
		{ "6 déc. 2026", 1796515200 },
		{ "15 août 2026 09:05", 1786784700 },
		{ "6 Aralık 2026", 1796515200 },
		{ "6 Şubat 2026", 1770336000 },
		{ "6 aralik 2026", 1796515200 },
		{ "6-dekabr 2026", 1796515200 },
		/* Turkish, German, Spanish, Italian and Portuguese
		 * abbreviations and names, weekdays unread, "de" dropped. */
		{ "Paz, 06 Ara 2026 12:40:00 +0300", 1796550000 },
		{ "So, 06 Dez 2026 12:40:00 +0100", 1796557200 },
		{ "6 Dezember 2026", 1796515200 },
		{ "Dom, 06 Dic 2026 12:40:00 +0100", 1796557200 },
		{ "6 de diciembre de 2026 12:40", 1796560800 },
		{ "miércoles, 2 de diciembre de 2026", 1796169600 },
		{ "06 ott 2026", 1791244800 },
		{ "Sáb, 05 dez 2026 12:40:00 -0300", 1796485200 },
		{ "6 de março de 2026", 1772755200 },
		/* German writes a dot after the day, "um" before the time
		 * and "Uhr" after it. */
		{ "6. Dezember 2026", 1796515200 },
		{ "So, 6. Dez. 2026 14:30:00 +0100", 1796563800 },
		{ "Sonntag, 6. Dezember 2026, 14:30 Uhr", 1796567400 },
		{ "6. Dezember 2026 um 14:30 Uhr", 1796567400 },
		/* Persian's Gregorian months and weekdays, ساعت before a time. */
		{ "۷ دسامبر ۲۰۲۶", 1796601600 },
		{ "دوشنبه ۷ دسامبر ۲۰۲۶ ساعت ۱۰:۳۰", 1796639400 },
		{ "سه\u200cشنبه ۱۴ ژوئیه ۲۰۲۶", 1783987200 },
		{ "پنج شنبه 7 مه 2026", 1778112000 },
		{ "6 اکتبر 2026", 1791244800 },
		{ "6 ژانویه 2026", 1767657600 },
		{ "6 مهر 2026", NT },
		/* The solar (Jalali) calendar, as Iranian feeds write it: its
		 * months' ends (Shahrivar 31, Mehr 30, Azar 30), the leap year
		 * 1403 (Esfand 30) and the common 1404, Nowruz; a Hijri year
		 * in digits is no Gregorian one. */
		{ "۱۶ آذر ۱۴۰۵", 1796601600 },
		{ "دوشنبه ۱۶ آذر ۱۴۰۵ ساعت ۱۲:۴۰", 1796647200 },
		{ "1405/09/16", 1796601600 },
		{ "۱۴۰۵/۰۹/۱۶", 1796601600 },
		{ "1405-09-16T12:40:00+03:30", 1796634600 },
		{ "دوشنبه، ۱۶ آذر ۱۴۰۵ ۱۲:۴۰:۰۰ +0330", 1796634600 },
		{ "30 آذر 1405", 1797811200 },
		{ "1 دی 1405", 1797897600 },
		{ "1405/06/31", 1790035200 },
		{ "1405/07/01", 1790121600 },
		{ "1405/07/31", NT },
		{ "1403/12/30", 1742428800 },
		{ "1 فروردین 1404", 1742515200 },
		{ "1404/12/30", NT },
		{ "1399/12/30", 1616198400 },
		{ "1400/01/01", 1616284800 },
		{ "1 فروردين 1405", 1774051200 },
		{ "۱۶ آذر ۲۰۲۶", NT },
		{ "1448/06/26", NT },
		{ "6 Oktyabr 2026", 1791244800 },
		{ "6 maison 2026", NT },
		{ "6 décembres 2026", NT },
		{ "6 xmars 2026", NT },
	};
	size_t	 i;
	int64_t	 t;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		t = feed_date_parse(cases[i].s);
		if (t != cases[i].t)
			fail_msg("\"%s\": got %lld, want %lld", cases[i].s,
			    (long long)t, (long long)cases[i].t);
	}
	assert_true(feed_date_parse(NULL) == NT);
}

/*
 * Dates a page writes as an element's text: Arabic-Indic digits, a day
 * alone (its midnight), day first in digits after a label, month first
 * only when the day says so; a lone number or a count is no date; a
 * 12-hour time's AM or PM read in any of the page's languages.
 */
static void
test_text_dates(void **state)
{
	static const struct {
		const char	*s;
		int64_t		 t;
	} cases[] = {
		{ "١٢ ديسمبر ٢٠٢٦", 1797033600 },
		{ "5 كانون الأول 2026", 1796428800 },
		{ "6 ديسمبر، 2026", 1796515200 },
		{ "2026-12-05 14:30", 1796481000 },
		{ "نشر في: 07/12/2026 - 10:15", 1796638500 },
		{ "07-12-2026", 1796601600 },
		{ "12/25/2026", 1798156800 },
		{ "07.12.2026, 10:15", 1796638500 },
		{ "٠٧/١٢/٢٠٢٦ ١٠:١٥", 1796638500 },
		{ "13/13/2026", NT },
		{ "07/12/2026 - 25:15", NT },
		{ "2026", NT },
		{ "١٧٦٢٥٢٥٨٠٠", NT },
		{ "1٬204 مشاهدة", NT },
		{ "منذ 3 ساعات", NT },
		{ "6 декабря 2026, 10:30 и ещё много слов после даты, до конца", NT },
		/* French times (14h30), a label before and a byline after. */
		{ "le 6 décembre 2026 à 14h30", 1796567400 },
		{ "6 déc. 2026 14h30", 1796567400 },
		{ "Publié le 06/12/2026 à 10h15", 1796552100 },
		/* Le Monde's update after the publication's time, French's
		 * "8 h 15", a four-word label and a weekday. */
		{ "Publié le 6 déc. 2026 à 09h05, modifié à 11h20",
		    1796547900 },
		{ "Mis à jour le samedi 5 décembre 2026 à 8 h 15",
		    1796458500 },
		/* A Turkish weekday after the year; Kazakh and Uzbek dates
		 * year first or with the year's word. */
		{ "6 Aralık 2026 Pazar 11:05", 1796555100 },
		{ "6 Aralık 2026, Pazar", 1796515200 },
		{ "2026 жылғы 6 желтоқсан, 11:15", 1796555700 },
		{ "2026 йил 5 декабрь, 09:20", 1796462400 },
		{ "5 декабрь 2026 й., 17:45", 1796492700 },
		{ "2026 yil 5-dekabr", 1796428800 },
		{ "Posted on December 6, 2026 by admin", 1796515200 },
		{ "Published: Dec. 6, 2026, 10:15 a.m. ET", 1796570100 },
		{ "Politics | 06 Dec 2026 | 10:15 GMT", 1796552100 },
		{ "6 December 2026, 10:15 GMT", 1796552100 },
		{ "14h30", NT },
		{ "6 déc. 2026 14h305", NT },
		{ "Trump visits 5 cities on Dec 6, 2026", NT },
		{ "Stories by 2026 and 2027", NT },
		/* The Gregorian date beside a Hijri one; a Hijri one alone. */
		{ "6 جمادى الآخرة 1448 هـ - 6 ديسمبر 2026 م", 1796515200 },
		{ "الأحد 6 جمادى الآخرة 1448هـ الموافق 6 ديسمبر 2026",
		    1796515200 },
		{ "6 ديسمبر 2026 م - 6 جمادى الآخرة 1448 هـ", 1796515200 },
		{ "الأحد 6 ديسمبر 2026 الموافق 6 جمادى الآخرة 1448 هـ",
		    1796515200 },
		{ "6 جمادى الآخرة 1448 هـ", NT },
		{ "الأحد، 6 جمادى الآخرة 1448", NT },
		{ "6 رمضان 1448 هـ - 6 رمضان 1448 هـ", NT },
		/* A byline before the date; a year after one is none. */
		{ "Posted by admin on December 6, 2026", 1796515200 },
		{ "By John Smith | December 6, 2026", 1796515200 },
		{ "بواسطة محمد عبد الله في 6 ديسمبر 2026", 1796515200 },
		{ "بقلم سارة في ٦ ديسمبر ٢٠٢٦", 1796515200 },
		{ "By 2026, the plan", NT },
		{ "written by 12 authors", NT },
		/* Ordinal days: French's 1er, English's 1st and 6th. */
		{ "1er décembre 2026", 1796083200 },
		{ "le 1er décembre 2026 à 14h30", 1796135400 },
		{ "December 1st, 2026", 1796083200 },
		{ "6th December 2026", 1796515200 },
		{ "21st Century 2026", NT },
		{ "1erdécembre 2026", NT },
		/* "at" before the time in English prose, الساعة ("the hour")
		 * in Arabic: the time is the date's. */
		{ "December 6, 2026 at 10:15 am", 1796552100 },
		{ "Sunday, December 6, 2026 at 10:15 PM", 1796595300 },
		{ "6 December 2026 at 10:15", 1796552100 },
		{ "Dec 6, 2026 at 10:15 a.m. ET", 1796570100 },
		{ "الأحد 6 ديسمبر 2026 الساعة 10:15 ص", 1796552100 },
		{ "6 ديسمبر 2026 - الساعة 10:15 م", 1796595300 },
		{ "December 6, 2026 attack", NT },
		{ "December 6, 2026 at noon", NT },
		/* The Gregorian year's م (ميلادي) written onto it, beside a
		 * Hijri date's هـ written onto its year or alone. */
		{ "6 ديسمبر 2026م", 1796515200 },
		{ "6 ديسمبر 2026م - 10:15 م", 1796595300 },
		{ "الأحد 26 جمادى الآخرة 1448هـ - 6 ديسمبر 2026م", 1796515200 },
		{ "6 ديسمبر 202م", NT },
		/* The Gregorian date wins beside the Hijri one; a Hijri date
		 * in digits alone is no Gregorian year 1448. */
		{ "الأحد 6 ديسمبر 2026 م الموافق 26 جمادى الآخرة 1448 هـ",
		    1796515200 },
		{ "26/06/1448 هـ", NT },
		{ "٢٦/٠٦/١٤٤٨", NT },
		/* A 12-hour time after a day in digits: its ص or م (AM, PM;
		 * Persian's ق.ظ, ب.ظ) says the half of the day; a 24-hour
		 * time keeps its hour. */
		{ "05/12/2026 2:30 م", 1796481000 },
		{ "٠٦/١٢/٢٠٢٦ ٢:٣٠ م", 1796567400 },
		{ "05/12/2026 12:05 ص", 1796429100 },
		{ "05/12/2026 14:30 م", 1796481000 },
		{ "2026/12/05 10:15 ص", 1796465700 },
		{ "05.12.2026 11:45 PM", 1796514300 },
		{ "۱۵ آذر ۱۴۰۵ - ۲:۳۰ ب.ظ", 1796567400 },
	};
	size_t	 i;
	int64_t	 t;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		t = feed_date_text(cases[i].s);
		if (t != cases[i].t)
			fail_msg("\"%s\": got %lld, want %lld", cases[i].s,
			    (long long)t, (long long)cases[i].t);
	}
}

/*
 * Days in digits read as the page writes them: month first on a US page,
 * day first elsewhere, the parts or dots deciding where they can, and a
 * reading ahead of the fetch by more than a day giving way to the other.
 */
static void
test_page_dates(void **state)
{
	static const int64_t	 now = 1796558400;	/* 2026-12-06T12:00Z */
	static const struct {
		const char	*s;
		int		 month_first;
		int64_t		 now, t;
	} cases[] = {
		{ "12/06/2026", 1, now, 1796515200 },
		{ "12/06/2026", 0, now, 1781222400 },
		{ "06/12/2026", 1, now, 1781222400 },
		{ "12/06/2026", 1, NT, 1796515200 },
		{ "Posted 12/06/2026 - 10:15", 1, now, 1796552100 },
		{ "12-06-2026", 1, now, 1796515200 },
		{ "12.06.2026", 1, now, 1781222400 },
		{ "12/25/2026", 0, now, 1798156800 },
		{ "25/12/2026", 1, now, 1798156800 },
		{ "11/12/2026", 0, now, 1794441600 },
		{ "11/12/2026", 0, NT, 1796947200 },
		{ "12/11/2026", 1, now, 1794441600 },
		{ "12/07/2026", 1, now, 1796601600 },
		{ "01/02/2027", 0, now, 1801440000 },
		{ "06/06/2026", 1, now, 1780704000 },
		{ "13/13/2026", 1, now, NT },
	};
	size_t	 i;
	int64_t	 t;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		t = feed_date_text_page(cases[i].s, cases[i].month_first,
		    cases[i].now, 0);
		if (t != cases[i].t)
			fail_msg("\"%s\" (%d): got %lld, want %lld", cases[i].s,
			    cases[i].month_first, (long long)t,
			    (long long)cases[i].t);
	}
}

/*
 * A page's date with a time and no zone is on the site's clock (here
 * +03:00, Tehran's +03:30); one that writes its zone, an instant, and a day
 * alone (its midnight UTC) are not.
 */
static void
test_site_clock_dates(void **state)
{
	static const struct {
		const char	*s;
		int		 zone;
		int64_t		 t;
	} cases[] = {
		{ "06.12.2026 12:40", 10800, 1796550000 },
		{ "6 ديسمبر 2026 12:40", 10800, 1796550000 },
		{ "الأحد 6 ديسمبر 2026 - 12:40", 10800, 1796550000 },
		{ "12:40 06.12.2026", 10800, 1796550000 },
		{ "نشر في: 06/12/2026 - 12:40", 10800, 1796550000 },
		{ "6 декабря 2026, 12:40", 10800, 1796550000 },
		{ "Posted on December 6, 2026 12:40 pm by admin", 10800,
		    1796550000 },
		{ "۱۶ آذر ۱۴۰۵ ساعت ۱۲:۴۰", 12600, 1796634600 },
		/* An Iranian agency's slash before the time. */
		{ "یکشنبه ۱۶ آذر ۱۴۰۵ / ۱۲:۴۰", 12600, 1796634600 },
		{ "6 December 2026 / 12:40", 10800, 1796550000 },
		{ "6 ديسمبر 2026", 10800, 1796515200 },
		{ "06.12.2026", 10800, 1796515200 },
		{ "06.12.2026 12:40 GMT", 10800, 1796560800 },
		{ "06 Dec 2026 12:40 +0300", 10800, 1796550000 },
		{ "2026-12-06T12:40:00Z", 10800, 1796560800 },
		{ "06.12.2026 12:40", 0, 1796560800 },
		/* Every zone-less form on the site's clock alike. */
		{ "20261206T124000", 10800, 1796550000 },
		{ "20261206T1240", 10800, 1796550000 },
		{ "2026-12-06T12:40:00", 10800, 1796550000 },
		{ "2026-12-06 12:40", 10800, 1796550000 },
		{ "2026/12/06 12:40", 10800, 1796550000 },
		{ "Sun Dec 6 12:40:00 2026", 10800, 1796550000 },
		{ "So, 6. Dez. 2026 12:40", 10800, 1796550000 },
		{ "publié le 6 décembre 2026 à 12h40", 10800, 1796550000 },
		{ "20261206T124000Z", 10800, 1796560800 },
		{ "20261206T124000+0100", 10800, 1796557200 },
	};
	size_t	 i;
	int64_t	 t;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		t = feed_date_text_page(cases[i].s, 0, NT, cases[i].zone);
		if (t != cases[i].t)
			fail_msg("\"%s\" (%d): got %lld, want %lld", cases[i].s,
			    cases[i].zone, (long long)t, (long long)cases[i].t);
	}
	assert_true(feed_date_parse_on("2026-12-06T12:40", 10800) ==
	    1796550000);
	assert_true(feed_date_parse_on("2026-12-06T12:40+03:00", 0) ==
	    1796550000);
	assert_true(feed_date_parse_on("2026-12-06", 10800) == 1796515200);
	assert_true(feed_date_parse_on("1796550000", 10800) == 1796550000);
}

/* A time of day alone, in ASCII, Arabic-Indic or Persian digits. */
static void
test_clock_dates(void **state)
{
	static const struct {
		const char	*s;
		int64_t		 t;
	} cases[] = {
		{ "14:30", 52200 },
		{ "9:05", 32700 },
		{ "٠٩:٠٥", 32700 },
		{ "۱۴:۳۰", 52200 },
		{ "00:00", 0 },
		{ "24:00", -1 },
		{ "14:60", -1 },
		{ "14:3", -1 },
		{ "14:305", -1 },
		{ "1430", -1 },
		{ "114:30", -1 },
		{ ":30", -1 },
		{ "14:30 ", -1 },
		{ "в 14:30", -1 },
		{ "", -1 },
		/* A 12-hour time with what says its half of the day. */
		{ "2:30 PM", 52200 },
		{ "12:05 am", 300 },
		{ "9:05 a.m.", 32700 },
		{ "٠٢:٣٠ م", 52200 },
		{ "10:15 ص", 36900 },
		{ "14:30 PM", -1 },
		{ "2:30 PMX", -1 },
		{ "2:30 ET", -1 },
	};
	size_t	 i;
	int64_t	 t;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if ((t = feed_date_clock(cases[i].s)) != cases[i].t)
			fail_msg("\"%s\": got %lld, want %lld", cases[i].s,
			    (long long)t, (long long)cases[i].t);
}

/* HTML fragments to text: entities, blocks, script and style. */
static void
test_html_text(void **state)
{
	static const struct {
		const char	*in, *want;
	} cases[] = {
		{ "<p>a</p><p>b</p>", "a b" },
		{ "x<br>y", "x y" },
		{ "<b>كازا</b>خستان", "كازاخستان" },
		{ "AT&amp;T &quot;q&quot; &nbsp;&hellip;", "AT&T \"q\" …" },
		{ "<script>evil()</script>ok<style>p{}</style>", "ok" },
		{ "<ul><li>one</li><li>two</li></ul>", "one two" },
		{ "a < b", "a < b" },
		{ "<p></p>", NULL },
	};
	char	*s;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		s = feed_html_text(cases[i].in, strlen(cases[i].in));
		assert_str(cases[i].in, s, cases[i].want);
		free(s);
	}
}

/* The root-element sniff, past BOMs, declarations, comments and doctypes. */
static void
test_sniff(void **state)
{
	static const struct {
		const char	*s;
		size_t		 len;
		int		 want;
	} cases[] = {
#define S(x)	x, sizeof(x) - 1
		{ S("<rss version=\"2.0\">"), 1 },
		{ S("\xef\xbb\xbf<?xml version=\"1.0\"?>\n<rss>"), 1 },
		{ S("<?xml version=\"1.0\"?><!-- <html> --><rdf:RDF xmlns:rdf="),
		    1 },
		{ S("<!DOCTYPE rss [ <!ENTITY a \"<b>\"> ]>\n<rss>"), 1 },
		{ S("\n\n  <feed xmlns=\"http://www.w3.org/2005/Atom\">"), 1 },
		{ S("<feed/>"), 1 },
		{ S("<atom:feed xmlns:atom=\"x\">"), 1 },
		{ S("\xff\xfe<\0r\0s\0s\0>\0"), 1 },
		{ S("\xfe\xff\0<\0f\0e\0e\0d\0>"), 1 },
		{ S("<!DOCTYPE html><html>"), 0 },
		{ S("<rssx>"), 0 },
		{ S("{\"version\": \"https://jsonfeed.org/version/1\"}"), 1 },
		{ S("\xef\xbb\xbf {\"version\":\"https://jsonfeed.org/version/1.1\"}"),
		    1 },
		/* No JSON Feed version but items: read, to see their shape. */
		{ S("{\"version\": \"2\", \"items\": []}"), 1 },
		{ S("{\"data\": [{\"id\": 1}]}"), 0 },
		/* PHP's json_encode escapes every /; hand-written ones say http. */
		{ S("{\"version\":\"https:\\/\\/jsonfeed.org\\/version\\/1\"}"),
		    1 },
		{ S("{\"version\": \"http://jsonfeed.org/version/1\"}"), 1 },
		{ S("{\"version\": \"ftp://jsonfeed.org/version/1\"}"), 0 },
		{ S("{\"version\": \"https://jsonfeed.org/versions/1\"}"), 0 },
		{ S("[\"https://jsonfeed.org/version/1\"]"), 0 },
		{ S("\0\0\xfe\xff\0\0\0<\0\0\0r\0\0\0s\0\0\0s"), 1 },
		{ S(""), 0 },
		{ S("<"), 0 },
		{ S("<?xml version=\"1.0\"?>"), 0 },
		{ S("<br />\n<b>Warning</b>:  x in <b>/f.php</b><br />\n"
		    "<?xml version=\"1.0\"?>\n<rss>"), 1 },
		{ S("\nNotice: Undefined index: a in /f.php on line 7\n<feed>"),
		    1 },
		{ S("<b>Warning</b>: x\n<!DOCTYPE html><html><rss>"), 0 },
		/*
		 * After a page, a feed's own XML declaration, or a root that
		 * names RSS's version or a feed's namespace (a template that
		 * prints the site's head first); not a trackback's RDF in a
		 * comment, nor a bare <rss>.
		 */
		{ S("<html><body><rss version=\"2.0\">"), 1 },
		{ S("<!DOCTYPE html><html><head><title>t</title></head><body>\n"
		    "<feed xmlns=\"http://www.w3.org/2005/Atom\">"), 1 },
		{ S("<html><body><!-- <rdf:RDF xmlns:rdf=\"http://www.w3.org/"
		    "1999/02/22-rdf-syntax-ns#\" version=\"1\"></rdf:RDF> -->"
		    "<p>x</p></body></html>"), 0 },
		{ S("<html><body><rss><channel>"), 0 },
		/* NUL bytes a script printed first, not UTF-16's or -32's. */
		{ S("\0\0<?xml version=\"1.0\"?>\n<rss>"), 1 },
		{ S("\n\0\0\n<rss version=\"2.0\">"), 1 },
		{ S("\0\0\0<?xml version=\"1.0\"?><feed>"), 1 },
		{ S("\0\0\0\0\0"), 0 },
		{ S("<html><body><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/"
		    "02/22-rdf-syntax-ns#\"><rdf:Description/></rdf:RDF>"), 0 },
		{ S("<!DOCTYPE html><html><body>Error</body></html>\n"
		    "<?xml version=\"1.0\"?>\n<rss version=\"2.0\">"), 1 },
		{ S("<html><body><pre><?xml version=\"1.0\"?><feed>"), 1 },
		{ S("<!DOCTYPE html><html><body><?xml version=\"1.0\"?>"
		    "<svg/></body></html>"), 0 },
		{ S("Notice: x <b>y</b>"), 0 },
		/* A JSON Feed after a PHP warning, not after a page's head. */
		{ S("<br />\n<b>Warning</b>: x<br />\n{\"version\": "
		    "\"https://jsonfeed.org/version/1\"}"), 1 },
		{ S("\nNotice: a in /f.php\n{\"version\":\"https://jsonfeed.org/"
		    "version/1.1\"}"), 1 },
		{ S("<!DOCTYPE html><html><script>\n{\"version\": "
		    "\"https://jsonfeed.org/version/1\"}"), 0 },
#undef S
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (feed_sniff(cases[i].s, cases[i].len) != cases[i].want)
			fail_msg("case %zu: want %d", i, cases[i].want);
}

/* Every fixture named in EXPECTED.tsv parses to exactly the titles listed. */
static void
test_expected_tsv(void **state)
{
	struct item_list	 l = { 0 };
	char			*data, *line, *save, *file, *title, cur[128] = "";
	size_t			 len, k = 0, checked = 0;

	(void)state;
	data = slurp("EXPECTED.tsv", &len);
	for (line = strtok_r(data, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		file = line;
		if ((title = strchr(line, '\t')) == NULL)
			fail_msg("bad line: %s", line);
		*title++ = '\0';
		*strchr(title, '\t') = '\0';
		if (strncmp(file, "pages/", 6) == 0)
			continue;
		if (strcmp(file, cur) != 0) {
			assert_int_equal(l.n, k);
			item_list_free(&l);
			parse_ok(file, NULL, &l);
			snprintf(cur, sizeof(cur), "%s", file);
			k = 0;
		}
		assert_true(k < l.n);
		assert_str(file, l.v[k++].title, title);
		checked++;
	}
	assert_int_equal(l.n, k);
	assert_true(checked >= 30);
	item_list_free(&l);
	free(data);
}

/* A 20 MB feed streams through with every item, and in bounded time. */
static void
test_large_feed(void **state)
{
	struct item_list	 l = { 0 };
	struct buf		 b = { 0 };
	char			 err[128];
	size_t			 i, n = 40000;

	(void)state;
	buf_puts(&b, "<?xml version=\"1.0\"?><rss><channel>");
	for (i = 0; i < n; i++)
		buf_printf(&b, "<item><title>خبر رقم %zu عن "
		    "كازاخستان</title><link>/n/%zu</link><description><![CDATA[<p>"
		    "%0400d</p>]]></description><pubDate>Fri, 07 Nov 2025 "
		    "10:00:00 GMT</pubDate></item>\n", i, i, 0);
	buf_puts(&b, "</channel></rss>");
	assert_true(b.len > 20 * 1000 * 1000);
	assert_int_equal(feed_parse(b.data, b.len, FEED_URL, NULL, &l, NULL, err,
	    sizeof(err)), 0);
	assert_int_equal(l.n, n);
	assert_str("link", l.v[n - 1].link, "https://asdaa.example.net/n/39999");
	item_list_free(&l);
	buf_free(&b);
}

/* Items are appended: a list already holding items keeps them. */
static void
test_appends(void **state)
{
	struct item_list	 l = { 0 };

	(void)state;
	parse_ok("feeds/rss1.xml", NULL, &l);
	parse_ok("feeds/atom.xml", NULL, &l);
	assert_int_equal(l.n, 10);
	assert_str("title", l.v[4].title, atom_items[0].title);
	item_list_free(&l);
}

/*
 * OPML: nested outlines, title before text, each feed's folders outermost
 * first; a non-http feed and an outline with no feed URL are skipped, with
 * their title, URL and why. A feed listed twice is kept twice: which copy
 * to keep is the importer's call.
 */
static void
test_opml(void **state)
{
	struct feed_opml	 o;
	char			 err[256], *data;
	size_t			 len;

	(void)state;
	data = slurp("opml/subscriptions.opml", &len);
	assert_int_equal(feed_opml_parse(data, len, &o, err, sizeof(err)), 0);
	assert_int_equal(o.feeds.n, 6);
	assert_string_equal(o.feeds.v[0].title, "BBC News عربي");
	assert_string_equal(o.feeds.v[0].link,
	    "https://feeds.bbci.co.uk/arabic/rss.xml");
	assert_int_equal(o.feeds.v[0].ncategories, 1);
	assert_string_equal(o.feeds.v[0].categories[0], "عربي");
	assert_string_equal(o.feeds.v[3].link,
	    "https://astanatimes.com/category/opinion/feed/");
	assert_int_equal(o.feeds.v[4].ncategories, 2);
	assert_string_equal(o.feeds.v[4].categories[0], "Central Asia");
	assert_string_equal(o.feeds.v[4].categories[1], "Kazakhstan");
	assert_int_equal(o.feeds.v[5].ncategories, 1);
	assert_int_equal(o.nskipped, 2);
	assert_string_equal(o.skipped[0].title, "Gopher news");
	assert_string_equal(o.skipped[0].url, "gopher://example.org/1/news");
	assert_string_equal(o.skipped[0].why, "its feed URL is not http or https");
	assert_string_equal(o.skipped[1].title, "A bookmark");
	assert_null(o.skipped[1].url);
	assert_int_equal(o.repairs, 0);
	feed_opml_free(&o);
	free(data);
}

/*
 * OPML a stranger's reader wrote: characters XML forbids in attributes (a
 * control, U+FFFE, a reference to one), a bare & in a feed URL, an HTML
 * entity in a title. Every outline is read, its URL as written, its
 * title without the forbidden characters.
 */
static void
test_opml_forbidden(void **state)
{
	static const char	 opml[] = "<?xml version=\"1.0\"?>\n"
	    "<opml version=\"2.0\"><body>\n"
	    "<outline text=\"News\x01 one\" type=\"rss\" "
	    "xmlUrl=\"https://a.example/feed.xml\"/>\n"
	    "<outline text=\"Uno \xef\xbf\xbe dos\" type=\"rss\" "
	    "xmlUrl=\"https://d.example/feed.xml\"/>\n"
	    "<outline text=\"T&#1;wo\" type=\"rss\" "
	    "xmlUrl=\"https://b.example/rss?a=1&b=2\"/>\n"
	    "<outline text=\"Caf&eacute;\" type=\"rss\" "
	    "xmlUrl=\"https://c.example/rss\"/>\n</body></opml>\n";
	struct feed_opml	 o;
	char			 err[256];

	(void)state;
	assert_int_equal(feed_opml_parse(opml, strlen(opml), &o, err,
	    sizeof(err)), 0);
	assert_int_equal(o.nskipped, 0);
	assert_int_equal(o.feeds.n, 4);
	assert_string_equal(o.feeds.v[0].title, "News one");
	assert_string_equal(o.feeds.v[0].link, "https://a.example/feed.xml");
	assert_string_equal(o.feeds.v[1].title, "Uno dos");
	assert_string_equal(o.feeds.v[1].link, "https://d.example/feed.xml");
	assert_string_equal(o.feeds.v[2].title, "Two");
	assert_string_equal(o.feeds.v[2].link, "https://b.example/rss?a=1&b=2");
	assert_string_equal(o.feeds.v[3].title, "Caf\xc3\xa9");
	assert_true(o.repairs & FEED_REPAIR_CONTROL);
	assert_true(o.repairs & FEED_REPAIR_AMP);
	feed_opml_free(&o);
}

/*
 * OPML an exporting script printed something before: a PHP warning in
 * HTML, a plain-text notice, a notice before a file with no declaration,
 * a NUL. Every outline is read, and the mending is said; text with no
 * element at all is refused with that reason.
 */
static void
test_opml_lead(void **state)
{
	static const char	*const leads[] = {
		("<br />\n<b>Warning</b>:  Undefined variable $x in <b>/var/"
		    "www/opml.php</b> on line <b>12</b><br />\n<?xml "
		    "version=\"1.0\" encoding=\"UTF-8\"?>\n"),
		("Deprecated: strftime() is deprecated in /srv/export.php "
		    "on line 3\n<?xml version=\"1.0\"?>"),
		"Notice: Undefined index: q in /x.php on line 9\n",
		"\x01\n<?xml version=\"1.0\"?>\n",
	};
	static const char	 body[] = "<opml version=\"2.0\"><body>"
	    "<outline text=\"\xd8\xa7\xd9\x84\xd8\xac\xd8\xb2\xd9\x8a\xd8\xb1"
	    "\xd8\xa9\" type=\"rss\" xmlUrl=\"https://aj.example/rss\"/>"
	    "</body></opml>\n";
	struct feed_opml	 o;
	struct buf		 b;
	char			 err[256];
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof(leads) / sizeof(leads[0]); i++) {
		memset(&b, 0, sizeof(b));
		buf_puts(&b, leads[i]);
		buf_puts(&b, body);
		if (feed_opml_parse(b.data, b.len, &o, err, sizeof(err)) != 0)
			fail_msg("lead %zu: %s", i, err);
		assert_int_equal(o.feeds.n, 1);
		assert_string_equal(o.feeds.v[0].link, "https://aj.example/rss");
		assert_string_equal(o.feeds.v[0].title,
		    "\xd8\xa7\xd9\x84\xd8\xac\xd8\xb2\xd9\x8a\xd8\xb1\xd8\xa9");
		assert_int_not_equal(o.repairs, 0);
		feed_opml_free(&o);
		buf_free(&b);
	}
	assert_int_equal(feed_opml_parse("Fatal error: out of memory\n", 27,
	    &o, err, sizeof(err)), -1);
	assert_string_equal(err, "not OPML: no <opml> element, nor any other");
	feed_opml_free(&o);
}

/*
 * OPML as other exporters write it: attribute and element names in
 * another case (xmlurl, XMLURL, Title, <Outline>), feed URLs in the feed:
 * scheme (feed://host/x, feed:https://host/x). Every feed is read, with
 * its title and folder, its URL the http or https one meant.
 */
static void
test_opml_spellings(void **state)
{
	static const char	 opml[] = "<?xml version=\"1.0\"?>\n"
	    "<opml version=\"1.0\"><body>\n"
	    "<Outline TEXT=\"Folder\">\n"
	    "<outline text=\"Lower\" type=\"rss\" "
	    "xmlurl=\"https://lower.example/rss\"/>\n"
	    "<OUTLINE Title=\"Upper\" XMLURL=\"https://upper.example/rss\"/>\n"
	    "</Outline>\n"
	    "<outline text=\"Feed\" xmlUrl=\"feed://feed.example/rss.xml\"/>\n"
	    "<outline text=\"Feeds\" xmlUrl=\"FEED:https://tls.example/a\"/>\n"
	    "</body></opml>\n";
	static const char *const links[] = { "https://lower.example/rss",
	    "https://upper.example/rss", "http://feed.example/rss.xml",
	    "https://tls.example/a" };
	static const char *const titles[] = { "Lower", "Upper", "Feed",
	    "Feeds" };
	struct feed_opml	 o;
	char			 err[256];
	size_t			 i;

	(void)state;
	assert_int_equal(feed_opml_parse(opml, strlen(opml), &o, err,
	    sizeof(err)), 0);
	assert_int_equal(o.nskipped, 0);
	assert_int_equal(o.feeds.n, 4);
	for (i = 0; i < 4; i++) {
		assert_string_equal(o.feeds.v[i].link, links[i]);
		assert_string_equal(o.feeds.v[i].title, titles[i]);
		assert_int_equal(o.feeds.v[i].ncategories, i < 2);
	}
	assert_string_equal(o.feeds.v[1].categories[0], "Folder");
	feed_opml_free(&o);
}

/* A document that is not OPML, or not XML, is refused with a reason. */
static void
test_opml_refused(void **state)
{
	static const char	 rss[] = "<rss><channel/></rss>";
	struct feed_opml	 o;
	char			 err[256];

	(void)state;
	assert_int_equal(feed_opml_parse(rss, sizeof(rss) - 1, &o, err,
	    sizeof(err)), -1);
	assert_string_equal(err, "not OPML: root element <rss>");
	feed_opml_free(&o);
	assert_int_equal(feed_opml_parse("", 0, &o, err, sizeof(err)), -1);
	assert_int_equal(o.feeds.n, 0);
	feed_opml_free(&o);
}

/* What feed_opml_write writes, feed_opml_parse reads back, escaped right. */
static void
test_opml_round_trip(void **state)
{
	struct item_list	 feeds = { 0 };
	struct feed_opml	 o;
	struct buf		 out = { 0 };
	struct item		*it;
	char			 err[256];

	(void)state;
	it = item_list_add(&feeds);
	it->title = strdup("a<b>&\"c\" كازاخستان");
	it->link = strdup("https://example.org/feed?a=1&b=2");
	feed_opml_write("raqib & co", &feeds, &out);
	assert_non_null(strstr(out.data, "xmlUrl=\"https://example.org/feed?"
	    "a=1&amp;b=2\""));
	assert_int_equal(feed_opml_parse(out.data, out.len, &o, err,
	    sizeof(err)), 0);
	assert_int_equal(o.feeds.n, 1);
	assert_string_equal(o.feeds.v[0].title, feeds.v[0].title);
	assert_string_equal(o.feeds.v[0].link, feeds.v[0].link);
	feed_opml_free(&o);
	item_list_free(&feeds);
	buf_free(&out);
}

/* ------------------------------------------------------------------ */
/* Feeds written by strangers (tests/fixtures/strangers)               */

/* Parse a fixture that must succeed, keeping what the reader said. */
static void
parse_info(const char *name, const char *charset, struct item_list *l,
    struct feed_info *fi)
{
	char	 err[256] = "", *data;
	size_t	 len;

	data = slurp(name, &len);
	if (feed_parse(data, len, FEED_URL, charset, l, fi, err,
	    sizeof(err)) != 0)
		fail_msg("%s: %s", name, err);
	free(data);
	assert_clean(l);
}

/* What the reader says it mended, as raqib sources shows it. */
static void
assert_report(const struct feed_info *fi, const char *want)
{
	char	 got[256];

	feed_info_report(fi, got, sizeof(got));
	assert_str("report", got, want);
}

/* HTML entity names inside XML read as their characters, nothing mended. */
static void
test_html_entities(void **state)
{
	struct item_list	 l = { 0 };
	struct feed_info	 fi;

	(void)state;
	parse_info("strangers/entities.xml", NULL, &l, &fi);
	assert_int_equal(l.n, 3);
	assert_str("feed title", fi.title, "Steppe Wire — Central Asia desk");
	assert_str("title", l.v[0].title, "Kazakhstan’s rare-earth exports "
	    "quadruple… and Washington takes note");
	assert_str("summary", l.v[0].summary, "Astana – officials say the "
	    "C5+1 summit will discuss «critical minerals».");
	assert_str("title", l.v[1].title, "«أستانا» تستضيف منتدى المعادن "
	    "النادرة … بمشاركة أمريكية");
	assert_str("summary", l.v[1].summary, "قال وزير الصناعة إن كازاخستان "
	    "تسعى لتنويع شركائها…");
	assert_str("title", l.v[2].title, "Café diplomacy: Tokayev meets "
	    "Rubio · © wire");
	assert_int_equal(fi.repairs, 0);
	assert_report(&fi, "");
	feed_info_free(&fi);
	item_list_free(&l);
}

/* A bare & and an unknown name keep their text; the links stay whole. */
static void
test_bare_ampersand(void **state)
{
	struct item_list	 l = { 0 };
	struct feed_info	 fi;

	(void)state;
	parse_info("strangers/bare-amp.xml", NULL, &l, &fi);
	assert_int_equal(l.n, 3);
	assert_str("feed title", fi.title, "Caspian & Co news");
	assert_str("feed link", fi.link,
	    "https://caspian.example.net/?lang=ar&section=news");
	assert_str("title", l.v[0].title,
	    "الصين & روسيا: تعاون اقتصادي في آسيا الوسطى");
	assert_str("link", l.v[0].link,
	    "https://caspian.example.net/news?id=1&lang=ar&print");
	assert_str("summary", l.v[0].summary, "AT&T and KazTelecom sign a "
	    "deal; R&D centre in Almaty &bogus; more soon.");
	assert_str("title", l.v[1].title, "Kazakhstan & the C5+1: what's next");
	assert_str("link", l.v[1].link,
	    "https://caspian.example.net/news?id=2&lang=en");
	assert_int_equal(fi.repaired, 2);
	assert_report(&fi, "2 items repaired (bare &, unknown entity)");
	feed_info_free(&fi);
	item_list_free(&l);
}

/* Attribute values without quotes are read as meant, not as text. */
static void
test_unquoted_attributes(void **state)
{
	struct item_list	 l = { 0 };
	struct feed_info	 fi;

	(void)state;
	parse_info("strangers/unquoted-attrs.xml", NULL, &l, &fi);
	assert_int_equal(l.n, 2);
	assert_str("title", l.v[0].title,
	    "Казахстан и Россия договорились о поставках газа");
	assert_str("id", l.v[0].id, "ural-1001");
	assert_str("link", l.v[0].link,
	    "https://ural.example.org/news/1001.html?src=rss&lang=ru");
	assert_str("id", l.v[1].id, "https://ural.example.org/news/1002.html");
	assert_str("link", l.v[1].link,
	    "https://ural.example.org/news/1002.html");
	feed_info_free(&fi);
	item_list_free(&l);
}

/*
 * A description cut short inside a comment, a title inside a CDATA
 * section, PHP code with no ?>: each hides its own item's tail only, the
 * items after it are read.
 */
static void
test_comment_cut(void **state)
{
	struct item_list	 l = { 0 };
	struct feed_info	 fi;

	(void)state;
	parse_info("strangers/comment-cut.xml", NULL, &l, &fi);
	assert_int_equal(l.n, 3);
	assert_str("summary", l.v[0].summary,
	    "Container traffic through Aktau doubled this year.");
	assert_str("title", l.v[1].title,
	    "قطار شحن جديد يربط الصين بأوروبا عبر كازاخستان");
	assert_str("title", l.v[2].title, "Turkmen gas talks resume in Ashgabat");
	assert_report(&fi, "1 item repaired (stray <)");
	feed_info_free(&fi);
	item_list_free(&l);
	parse_info("strangers/cdata-cut.xml", NULL, &l, &fi);
	assert_int_equal(l.n, 2);
	assert_str("title", l.v[0].title, "Fishermen return to the North Aral");
	assert_str("summary", l.v[0].summary,
	    "The northern sea has risen by two metres.");
	assert_str("title", l.v[1].title,
	    "Uzbek farmers switch to drip irrigation");
	feed_info_free(&fi);
	item_list_free(&l);
}

/* A NUL byte costs no item: the ones after it are read, and it is counted. */
static void
test_nul_byte(void **state)
{
	struct item_list	 l = { 0 };
	struct feed_info	 fi;

	(void)state;
	parse_info("strangers/nul.xml", NULL, &l, &fi);
	assert_int_equal(l.n, 4);
	assert_str("title", l.v[1].title, "خبر فيه بايت صفري عن كازاخستان");
	assert_str("summary", l.v[1].summary, "جرس وهروب في النص");
	assert_str("title", l.v[3].title, "الخبر الرابع");
	assert_report(&fi, "1 item repaired (NUL or control character)");
	feed_info_free(&fi);
	item_list_free(&l);
}

/*
 * An item with anything in it is read, an enclosure's file as the link of
 * one that has no page; an empty one is counted, not hidden.
 */
static void
test_sparse_items(void **state)
{
	struct item_list	 l = { 0 };
	struct feed_info	 fi;

	(void)state;
	parse_info("strangers/sparse.xml", NULL, &l, &fi);
	assert_str("id", l.v[0].id, "sparse-1");
	assert_non_null(l.v[0].summary);
	assert_null(l.v[0].title);
	assert_str("content", l.v[1].content,
	    "Only content: the C5+1 ministers met in New York.");
	assert_str("media:title", l.v[2].title, "تقرير مصور: قمة آسيا الوسطى");
	assert_str("guid link", l.v[2].link, "https://sparse.example.org/video/7");
	assert_str("media:description", l.v[3].summary,
	    "Only a media description: Astana hosts a minerals forum.");
	assert_str("link", l.v[4].link,
	    "https://sparse.example.org/2025/11/only-a-link");
	assert_int_equal(l.n, 7);
	assert_str("only a guid", l.v[5].id, "sparse-only-a-guid");
	assert_true(l.v[5].published == 1762329600);
	/* A podcast's episode with only its file links the file. */
	assert_str("enclosure", l.v[6].link, "https://sparse.example.org/a.mp3");
	assert_int_equal(fi.unreadable, 1);
	assert_report(&fi, "1 empty item skipped");
	feed_info_free(&fi);
	item_list_free(&l);
}

/*
 * Which value fills a field does not hang on the order of the elements: a
 * <link> beats a guid before it and after it, the later of two <link>s is
 * the one, and a guid is the page only of an item with no <link>.
 */
static void
test_field_order(void **state)
{
	static const char body[] = "<rss version=\"2.0\"><channel>"
	    "<item><guid>/g/1</guid><link>/l/1</link></item>"
	    "<item><link>/l/2</link><guid>/g/2</guid></item>"
	    "<item><link>/l/3a</link><guid>/g/3</guid><link>/l/3b</link></item>"
	    "<item><guid>/g/4</guid><title>t</title></item>"
	    "</channel></rss>";
	struct item_list	 l = { 0 };
	char			 err[64];

	(void)state;
	assert_int_equal(feed_parse(body, sizeof(body) - 1, FEED_URL, NULL, &l,
	    NULL, err, sizeof(err)), 0);
	assert_int_equal(l.n, 4);
	assert_str("link after", l.v[0].link, "https://asdaa.example.net/l/1");
	assert_str("link before", l.v[1].link, "https://asdaa.example.net/l/2");
	assert_str("id", l.v[1].id, "/g/2");
	assert_str("later link", l.v[2].link, "https://asdaa.example.net/l/3b");
	assert_str("guid alone", l.v[3].link, "https://asdaa.example.net/g/4");
	item_list_free(&l);
}

/*
 * A permalink guid that is a path on the site is the page of an item that
 * has no <link>; a bare number is no page, and ids stay as written.
 */
static void
test_relative_guid(void **state)
{
	static const char body[] = "<rss version=\"2.0\"><channel>"
	    "<item><title>a</title><guid>/news/2026/12/1.html</guid></item>"
	    "<item><title>b</title><guid>news/2</guid></item>"
	    "<item><title>c</title><guid>12345</guid></item>"
	    "<item><title>d</title><guid isPermaLink=\"false\">/x/4</guid>"
	    "</item></channel></rss>";
	struct item_list	 l = { 0 };
	char			 err[64];

	(void)state;
	assert_int_equal(feed_parse(body, sizeof(body) - 1, FEED_URL, NULL, &l,
	    NULL, err, sizeof(err)), 0);
	assert_int_equal(l.n, 4);
	assert_str("path", l.v[0].link,
	    "https://asdaa.example.net/news/2026/12/1.html");
	assert_str("id", l.v[0].id, "/news/2026/12/1.html");
	assert_str("relative", l.v[1].link,
	    "https://asdaa.example.net/feed/news/2");
	assert_null(l.v[2].link);
	assert_str("number", l.v[2].id, "12345");
	assert_null(l.v[3].link);
	item_list_free(&l);
}

/*
 * A CDATA section inside another keeps all its text; "<![CDATA[" written
 * as text in a section that holds no other takes nothing from what follows.
 */
static void
test_nested_cdata(void **state)
{
	static const char body[] = "<rss version=\"2.0\"><channel>"
	    "<item><title>a</title><description><![CDATA[<p>one <![CDATA["
	    "two]]> three</p>]]></description></item>"
	    "<item><title>b &</title><description><![CDATA[write <![CDATA["
	    " to quote]]></description></item>"
	    "<item><title>c</title><description><![CDATA[four]]>"
	    "</description></item></channel></rss>";
	struct item_list	 l = { 0 };
	char			 err[64];

	(void)state;
	assert_int_equal(feed_parse(body, sizeof(body) - 1, FEED_URL, NULL, &l,
	    NULL, err, sizeof(err)), 0);
	assert_int_equal(l.n, 3);
	assert_str("nested", l.v[0].summary, "one two three");
	assert_str("title", l.v[1].title, "b &");
	assert_str("text", l.v[2].summary, "four");
	item_list_free(&l);
}

/* Yandex's full text and a Turbo page's content are the item's text. */
static void
test_yandex_text(void **state)
{
	static const char body[] = "<rss version=\"2.0\" xmlns:yandex="
	    "\"http://news.yandex.ru\" xmlns:turbo=\"http://turbo.yandex.ru\">"
	    "<channel><item turbo=\"true\"><title>a</title><turbo:content>"
	    "<![CDATA[<header><h1>a</h1></header><p>Текст о Казахстане.</p>]]>"
	    "</turbo:content></item><item><title>b</title><description>Кратко."
	    "</description><yandex:full-text>Полный текст.</yandex:full-text>"
	    "</item></channel></rss>";
	struct item_list	 l = { 0 };
	char			 err[64];

	(void)state;
	assert_int_equal(feed_parse(body, sizeof(body) - 1, FEED_URL, NULL, &l,
	    NULL, err, sizeof(err)), 0);
	assert_int_equal(l.n, 2);
	assert_str("turbo", l.v[0].content, "a Текст о Казахстане.");
	assert_str("full-text", l.v[1].content, "Полный текст.");
	assert_str("summary", l.v[1].summary, "Кратко.");
	item_list_free(&l);
}

/*
 * A title whose markup was escaped twice reads as its text; a bare &, a
 * lone < and a name that is no reference stay as written.
 */
static void
test_title_escaped_twice(void **state)
{
	static const char body[] = "<rss version=\"2.0\"><channel>"
	    "<item><title>&amp;lt;b&amp;gt;عاجل&amp;lt;/b&amp;gt; قمة "
	    "&amp;quot;الرياض&amp;quot;</title></item>"
	    "<item><title>Q&amp;amp;A &amp;#8211; AT&amp;T</title></item>"
	    "<item><title>1 &amp;lt; 2, R&amp;amp;D &amp;amp;c</title></item>"
	    "<item><title>x &amp;lt;y&amp;gt;</title></item>"
	    "</channel></rss>";
	struct item_list	 l = { 0 };
	char			 err[64];

	(void)state;
	assert_int_equal(feed_parse(body, sizeof(body) - 1, FEED_URL, NULL, &l,
	    NULL, err, sizeof(err)), 0);
	assert_int_equal(l.n, 4);
	assert_str("tags", l.v[0].title, "عاجل قمة \"الرياض\"");
	assert_str("reference", l.v[1].title, "Q&A – AT&T");
	assert_str("lone <", l.v[2].title, "1 < 2, R&D &c");
	assert_str("no end tag", l.v[3].title, "x <y>");
	item_list_free(&l);
}

/*
 * A description and an Atom html content whose markup was escaped twice
 * read as their text, as such a title does; one escaped once that shows
 * a lone < keeps it.
 */
static void
test_text_escaped_twice(void **state)
{
	struct item_list	 l = { 0 };

	(void)state;
	parse_one("<rss version=\"2.0\"><channel><item><title>t</title>"
	    "<description>&amp;lt;p&amp;gt;كازاخستان &amp;amp;amp; "
	    "&amp;lt;b&amp;gt;الخليج&amp;lt;/b&amp;gt;&amp;lt;/p&amp;gt;"
	    "</description></item></channel></rss>", &l);
	assert_str("summary", l.v[0].summary, "كازاخستان & الخليج");
	item_list_free(&l);
	parse_one("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>"
	    "<id>1</id><content type=\"html\">&amp;lt;p&amp;gt;a &amp;#8211; "
	    "b&amp;lt;/p&amp;gt;</content><summary type=\"html\">1 &amp;lt; 2"
	    "</summary></entry></feed>", &l);
	assert_str("content", l.v[0].content, "a \u2013 b");
	assert_str("summary", l.v[0].summary, "1 < 2");
	item_list_free(&l);
}

/*
 * Blank lines before the XML declaration (a PHP file's trailing newline)
 * cost nothing and are no repair; two documents in one body are both read
 * and said to be mended.
 */
static void
test_lead_space_and_two_documents(void **state)
{
	static const char blank[] = "\n\r\n  <?xml version=\"1.0\"?>"
	    "<rss version=\"2.0\"><channel><item><title>a</title></item>"
	    "</channel></rss>\n";
	static const char two[] = "<?xml version=\"1.0\"?><rss version="
	    "\"2.0\"><channel><title>A</title><item><title>a</title></item>"
	    "</channel></rss>\n<?xml version=\"1.0\"?><rss version=\"2.0\">"
	    "<channel><title>A</title><item><title>b</title></item></channel>"
	    "</rss>";
	struct item_list	 l = { 0 };
	struct feed_info	 fi;
	char			 err[64];

	(void)state;
	assert_int_equal(feed_parse(blank, sizeof(blank) - 1, FEED_URL, NULL,
	    &l, &fi, err, sizeof(err)), 0);
	assert_int_equal(l.n, 1);
	assert_report(&fi, "");
	feed_info_free(&fi);
	item_list_free(&l);
	assert_int_equal(feed_parse(two, sizeof(two) - 1, FEED_URL, NULL, &l,
	    &fi, err, sizeof(err)), 0);
	assert_int_equal(l.n, 2);
	assert_str("second", l.v[1].title, "b");
	assert_str("feed", fi.title, "A");
	assert_report(&fi, "feed repaired (broken markup)");
	feed_info_free(&fi);
	item_list_free(&l);
}

/* Dialects refused before: default namespaces, none, undeclared prefixes. */
static void
test_lenient_dialects(void **state)
{
	static const struct {
		const char	*file;
		enum feed_format fmt;
		size_t		 n;
		const char	*title;		/* of the last item */
	} cases[] = {
		{ "strangers/rss090.xml", FEED_FMT_RSS090, 2,
		    "كازاخستان تنضم إلى الاتفاقيات الإبراهيمية" },
		{ "strangers/userland.xml", FEED_FMT_RSS20, 1, "C5+1 ministers "
		    "meet on the sidelines of the UN General Assembly" },
		{ "strangers/atom-nons.xml", FEED_FMT_ATOM10, 1, "Tokayev: "
		    "Kazakhstan is ready for a new stage with Washington" },
		{ "strangers/undeclared.xml", FEED_FMT_RSS20, 1,
		    "أوزبكستان تبرم صفقة طائرات بقيمة 8 مليارات دولار" },
		{ "strangers/unclosed.xml", FEED_FMT_RSS20, 3,
		    "Rare earths: the third item survives" },
	};
	struct item_list	 l = { 0 };
	struct feed_info	 fi;
	size_t			 i;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		parse_info(cases[i].file, NULL, &l, &fi);
		if (l.n != cases[i].n || fi.format != cases[i].fmt)
			fail_msg("%s: %zu items, format %s", cases[i].file,
			    l.n, feed_format_name(fi.format));
		assert_str(cases[i].file, l.v[l.n - 1].title, cases[i].title);
		assert_non_null(fi.title);
		feed_info_free(&fi);
		item_list_free(&l);
	}
	parse_info("strangers/undeclared.xml", NULL, &l, &fi);
	assert_str("dc:creator", l.v[0].author, "قسم الاقتصاد");
	assert_true(l.v[0].updated == 1762239600);
	assert_str("content:encoded", l.v[0].content, "صفقة كبرى مع طشقند.");
	feed_info_free(&fi);
	item_list_free(&l);
	parse_info("strangers/unclosed.xml", NULL, &l, &fi);
	assert_str("after an unclosed title", l.v[1].summary,
	    "وصف بعد العنوان المفتوح");
	assert_true(fi.repairs & FEED_REPAIR_MARKUP);
	feed_info_free(&fi);
	item_list_free(&l);
}

/* Dublin Core dates, dc:date as the update, the last <updated> wins. */
static void
test_dialect_dates(void **state)
{
	struct item_list	 l = { 0 };
	struct feed_info	 fi;

	(void)state;
	parse_info("strangers/dates.xml", NULL, &l, &fi);
	assert_int_equal(l.n, 4);
	assert_true(l.v[0].published == 1761991200);
	assert_true(l.v[0].updated == 1762164000);
	assert_true(l.v[1].published == 1762066800);
	assert_true(l.v[1].updated == NT);
	assert_true(l.v[2].published == 1762250400);
	assert_true(l.v[2].updated == 1762336800);
	assert_true(l.v[3].updated == 1762509600);
	feed_info_free(&fi);
	item_list_free(&l);
}

/* Atom 0.3's escaped and base64 modes. */
static void
test_atom03_modes(void **state)
{
	struct item_list	 l = { 0 };
	struct feed_info	 fi;

	(void)state;
	parse_info("strangers/atom03.xml", NULL, &l, &fi);
	assert_int_equal(fi.format, FEED_FMT_ATOM03);
	assert_str("feed title", fi.title, "Atom 0.3 archive");
	assert_int_equal(l.n, 2);
	assert_str("escaped title", l.v[0].title,
	    "Kazakhstan & the Middle Corridor");
	assert_str("base64 content", l.v[0].content,
	    "كازاخستان تصدر المعادن النادرة إلى الولايات المتحدة");
	assert_true(l.v[0].published == 1762074000);
	assert_true(l.v[0].updated == 1762167600);
	assert_str("base64 html summary", l.v[1].summary,
	    "C5+1 summit in Washington");
	feed_info_free(&fi);
	item_list_free(&l);
}

/* JSON Feed 1.1 and 1.0: found by content, mapped like RSS and Atom. */
static void
test_json_feed(void **state)
{
	struct item_list	 l = { 0 };
	struct feed_info	 fi;
	size_t			 len;
	char			*data;

	(void)state;
	data = slurp("strangers/json-1.1.json", &len);
	assert_true(feed_sniff(data, len));
	free(data);
	parse_info("strangers/json-1.1.json", NULL, &l, &fi);
	assert_int_equal(fi.format, FEED_FMT_JSON11);
	assert_str("feed title", fi.title, "آسيا الوسطى اليوم");
	assert_str("feed link", fi.link, "https://json.example.org/");
	assert_int_equal(l.n, 4);
	assert_str("title", l.v[0].title,
	    "كازاخستان تنضم إلى الاتفاقيات الإبراهيمية");
	assert_str("content_html", l.v[0].content,
	    "أعلن البيت الأبيض انضمام كازاخستان إلى الاتفاقيات.");
	assert_str("author", l.v[0].author, "قسم الأخبار");
	assert_int_equal(l.v[0].ncategories, 2);
	assert_str("tag", l.v[0].categories[1], "الولايات المتحدة");
	assert_true(l.v[0].published == 1762518600);
	assert_str("numeric id", l.v[1].id, "42");
	assert_str("relative url", l.v[1].link,
	    "https://asdaa.example.net/2025/11/06/c5");
	assert_str("external_url", l.v[2].link,
	    "https://elsewhere.example.net/story");
	assert_str("only an id", l.v[3].id, "only-an-id");
	assert_int_equal(fi.unreadable, 1);
	feed_info_free(&fi);
	item_list_free(&l);
	parse_info("strangers/json-1.0.json", NULL, &l, &fi);
	assert_int_equal(fi.format, FEED_FMT_JSON10);
	assert_int_equal(l.n, 1);
	assert_str("author", l.v[0].author, "Редакция");
	assert_str("content_text", l.v[0].content,
	    "Астана и Вашингтон договорились о поставках.");
	feed_info_free(&fi);
	item_list_free(&l);
}

/*
 * JSON string literals decoded (the one decoder JSON Feed mending and a
 * page's pushed payloads share): escapes, surrogate pairs as one
 * character, a lone half as U+FFFD; NULL for a string that never ends.
 */
static void
test_json_string(void **state)
{
	static const struct {
		const char	*in, *want, *rest;
	} cases[] = {
		{ "\"a\\\"b\",x", "a\"b", ",x" },
		{ "\"\\u0643\\u0627\"", "\xD9\x83\xD8\xA7", "" },
		{ "\"\\ud83d\\ude00!\"]", "\xF0\x9F\x98\x80!", "]" },
		{ "\"\\ud83d x\"", "\xEF\xBF\xBD x", "" },
		{ "\"\\ude00\"", "\xEF\xBF\xBD", "" },
		{ "\"a\\/b\\n\\t\"", "a/b\n\t", "" },
		{ "\"\\uZZZZ\"", "uZZZZ", "" },
		{ "\"\\u12\"", "u12", "" },
		{ "\"abc", NULL, NULL },
		{ "\"ab\\", NULL, NULL },
		{ "\"\\ud83d", NULL, NULL },
		{ "abc\"", NULL, NULL },
		{ "", NULL, NULL },
	};
	struct buf	 b = { 0 };
	const char	*end, *rest;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		b.len = 0;
		end = cases[i].in + strlen(cases[i].in);
		rest = feed_json_string(cases[i].in, end, &b);
		if (cases[i].want == NULL) {
			if (rest != NULL)
				fail_msg("%zu: read what never ends", i);
			continue;
		}
		if (rest == NULL || strcmp(rest, cases[i].rest) != 0 ||
		    b.len != strlen(cases[i].want) ||
		    memcmp(b.data, cases[i].want, b.len) != 0)
			fail_msg("%zu: got \"%.*s\", rest \"%s\"", i,
			    (int)b.len, b.data, rest ? rest : "(null)");
	}
	buf_free(&b);
}

/* JSON that is no JSON Feed, or no JSON at all, is refused with a reason. */
static void
test_json_refused(void **state)
{
	static const struct {
		const char	*body, *err;
	} cases[] = {
		{ "{\"version\": \"2\", \"items\": []}",
		    "not a feed: JSON without a JSON Feed version" },
		{ "{\"items\": [{\"id\": 1, \"title\": \"a\"}, {\"id\": 2, "
		    "\"name\": \"b\"}]}",
		    "not a feed: JSON without a JSON Feed version" },
		{ "{\"version\": \"https://jsonfeed.org/version/1\", ",
		    "JSON error at line 1: " },
	};
	struct item_list	 l = { 0 };
	char			 err[256];
	size_t			 i;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		assert_int_equal(feed_parse(cases[i].body,
		    strlen(cases[i].body), FEED_URL, NULL, &l, NULL, err,
		    sizeof(err)), -1);
		if (strncmp(err, cases[i].err, strlen(cases[i].err)) != 0)
			fail_msg("case %zu: got \"%s\"", i, err);
	}
	assert_int_equal(l.n, 0);
}

/*
 * A JSON Feed whose version is missing or no jsonfeed.org URL (written by
 * hand, or by a plugin's slip) but whose items are JSON Feed's, each
 * with a page and a text, is read: its stories are not missed.
 */
static void
test_json_no_version(void **state)
{
	static const char *const bodies[] = {
		"{\"title\": \"S\", \"items\": [{\"id\": \"1\", \"url\": "
		"\"https://a.example/1\", \"title\": \"Talks in Astana\"}]}",
		"{\"version\": \"1.1\", \"items\": [{\"url\": "
		"\"https://a.example/1\", \"content_html\": \"<p>Talks in "
		"Astana</p>\"}]}",
	};
	struct item_list	 l = { 0 };
	size_t			 i;

	(void)state;
	for (i = 0; i < nitems(bodies); i++) {
		assert_true(feed_sniff(bodies[i], strlen(bodies[i])));
		parse_one(bodies[i], &l);
		assert_str("link", l.v[0].link, "https://a.example/1");
		assert_non_null(strstr(l.v[0].title != NULL ? l.v[0].title :
		    l.v[0].content, "Talks in Astana"));
		item_list_free(&l);
	}
}

/*
 * A Media RSS item with no <link>: its media:player's url (the page that
 * plays it) is its link, else its media:content's url (the file), as an
 * enclosure's; a page link still comes first.
 */
static void
test_media_only_link(void **state)
{
	static const struct {
		const char	*item, *link;
	} cases[] = {
		{ "<media:content url=\"/v/1.mp4\" medium=\"video\">"
		    "<media:title>one</media:title></media:content>",
		    "https://a.example/v/1.mp4" },
		{ "<media:title>one</media:title><media:content url=\"/v/1.mp4\"/>"
		    "<media:player url=\"https://a.example/watch/1\"/>",
		    "https://a.example/watch/1" },
		{ "<media:group><media:content url=\"/v/1.mp4\"/></media:group>"
		    "<title>one</title><link>https://a.example/1</link>",
		    "https://a.example/1" },
	};
	struct item_list	 l = { 0 };
	char			 body[512];
	size_t			 i;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		snprintf(body, sizeof(body), "<rss version=\"2.0\" xmlns:media="
		    "\"http://search.yahoo.com/mrss/\"><channel><item>%s</item>"
		    "</channel></rss>", cases[i].item);
		assert_int_equal(feed_parse(body, strlen(body),
		    "https://a.example/feed", NULL, &l, NULL, NULL, 0), 0);
		assert_int_equal(l.n, 1);
		assert_str("link", l.v[0].link, cases[i].link);
		item_list_free(&l);
	}
}

/* A legacy charset named only by the document or by HTTP reads right. */
static void
test_cyrillic_charsets(void **state)
{
	static const struct {
		const char	*file, *charset;
	} cases[] = {
		{ "strangers/cp1251.xml", NULL },
		{ "strangers/cp1251-nodecl.xml", "windows-1251" },
		{ "strangers/koi8r-nodecl.xml", "koi8-r" },
	};
	struct item_list	 l = { 0 };
	struct feed_info	 fi;
	size_t			 i;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		parse_info(cases[i].file, cases[i].charset, &l, &fi);
		assert_int_equal(l.n, 2);
		assert_str(cases[i].file, l.v[0].title, "Казахстан и США "
		    "подписали соглашение о редкоземельных металлах");
		assert_str("feed title", fi.title, "Новости Центральной Азии");
		feed_info_free(&fi);
		item_list_free(&l);
	}
}

/* The mending costs nothing on a clean feed: nothing counted, nothing said. */
static void
test_clean_feed_unmended(void **state)
{
	static const char *const files[] = {
		"feeds/rss2.xml", "feeds/atom.xml", "feeds/rss1.xml",
		"feeds/rss2-media.xml",
	};
	struct item_list	 l = { 0 };
	struct feed_info	 fi;
	size_t			 i;

	(void)state;
	for (i = 0; i < nitems(files); i++) {
		parse_info(files[i], NULL, &l, &fi);
		assert_int_equal(fi.repairs, 0);
		assert_int_equal(fi.repaired, 0);
		assert_report(&fi, "");
		feed_info_free(&fi);
		item_list_free(&l);
	}
}

/* A feed's body, parsed: the items in l, what was mended in fi. */
static void
parse_body(const char *body, struct item_list *l, struct feed_info *fi)
{
	char	 err[128];

	assert_int_equal(feed_parse(body, strlen(body), FEED_URL, NULL, l, fi,
	    err, sizeof(err)), 0);
	assert_clean(l);
}

/*
 * JSON a script printed before an XML feed (an API's status object on its
 * own line, or right before the root): the feed is read, not refused as
 * a JSON Feed; a JSON Feed stays one whatever its text quotes.
 */
static void
test_json_lead(void **state)
{
	static const char *const bodies[] = {
		"{\"status\":\"ok\",\"cached\":true}\n<?xml version=\"1.0\"?>"
		"<rss version=\"2.0\"><channel><item><title>one</title><link>"
		"https://a.example/1</link></item></channel></rss>",
		"{\"error\":null}<feed xmlns=\"http://www.w3.org/2005/Atom\">"
		"<entry><title>one</title><link href=\"https://a.example/1\"/>"
		"</entry></feed>",
	};
	static const char json[] = "{\"version\":\"https://jsonfeed.org/"
	    "version/1.1\",\"title\":\"t\",\"items\":[{\"id\":\"1\",\"url\":"
	    "\"https://a.example/1\",\"title\":\"one\",\"content_html\":"
	    "\"<p><rss version=\\\"2.0\\\"></p>\"}]}";
	struct item_list	 l = { 0 };
	struct feed_info	 fi;
	size_t			 i;

	(void)state;
	for (i = 0; i < nitems(bodies); i++) {
		parse_body(bodies[i], &l, &fi);
		assert_int_equal(l.n, 1);
		assert_str("title", l.v[0].title, "one");
		assert_str("link", l.v[0].link, "https://a.example/1");
		feed_info_free(&fi);
		item_list_free(&l);
	}
	parse_body(json, &l, &fi);
	assert_int_equal(l.n, 1);
	assert_int_equal(fi.format, FEED_FMT_JSON11);
	feed_info_free(&fi);
	item_list_free(&l);
}

/*
 * An item with two titles: a plugin's second one after the fields is not
 * the item's, the first is; an empty first one gives way to the next.
 */
static void
test_title_twice(void **state)
{
	static const char *const bodies[] = {
		"<rss version=\"2.0\"><channel><item><title>Kazakhstan votes"
		"</title><link>https://a.example/1</link><title>Kazakhstan votes"
		" | Site</title></item></channel></rss>",
		"<rss version=\"2.0\"><channel><item><title></title><title>"
		"Kazakhstan votes</title><link>https://a.example/1</link></item>"
		"</channel></rss>",
		"<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>"
		"Kazakhstan votes</title><link href=\"https://a.example/1\"/>"
		"<title>Kazakhstan votes | Site</title></entry></feed>",
	};
	struct item_list	 l = { 0 };
	struct feed_info	 fi;
	size_t			 i;

	(void)state;
	for (i = 0; i < nitems(bodies); i++) {
		parse_body(bodies[i], &l, &fi);
		assert_int_equal(l.n, 1);
		assert_str("title", l.v[0].title, "Kazakhstan votes");
		feed_info_free(&fi);
		item_list_free(&l);
	}
}

/*
 * A "view source" page showing a feed escaped in a <pre> (a highlighter's
 * <span>s around its tokens) or a <textarea>: the feed's items, their
 * text unescaped once (an escaped description stays HTML, read as text),
 * links whole. A page whose <pre> shows other code is no feed.
 */
static void
test_escaped_page(void **state)
{
	static const char *const pages[] = {
		"<!DOCTYPE html><html><head><title>source</title></head><body>"
		"<h1>feed.xml</h1><pre class=\"xml\">\n<span class=\"pi\">"
		"&lt;?xml version=\"1.0\" encoding=\"utf-8\"?&gt;</span>\n"
		"&lt;rss version=\"2.0\"&gt;&lt;channel&gt;&lt;title&gt;S &amp;amp;"
		" T&lt;/title&gt;\n&lt;item&gt;&lt;title&gt;<span>Kazakhstan "
		"&amp;amp; Uzbekistan</span>&lt;/title&gt;&lt;link&gt;https://a."
		"example/1?a=1&amp;amp;b=2&lt;/link&gt;&lt;description&gt;&amp;lt;"
		"p&amp;gt;text&amp;lt;/p&amp;gt;&lt;/description&gt;&lt;/item&gt;"
		"\n&lt;item&gt;&lt;title&gt;two&lt;/title&gt;&lt;link&gt;https://a."
		"example/2&lt;/link&gt;&lt;/item&gt;&lt;/channel&gt;&lt;/rss&gt;"
		"\n</pre></body></html>",
		"<html><body><form><TEXTAREA rows=\"40\">&lt;feed xmlns=\"http://"
		"www.w3.org/2005/Atom\"&gt;&lt;entry&gt;&lt;title&gt;Kazakhstan "
		"&amp;amp; Uzbekistan&lt;/title&gt;&lt;link href=\"https://a."
		"example/1?a=1&amp;amp;b=2\"/&gt;&lt;summary&gt;text&lt;/summary"
		"&gt;&lt;/entry&gt;&lt;entry&gt;&lt;title&gt;two&lt;/title&gt;"
		"&lt;link href=\"https://a.example/2\"/&gt;&lt;/entry&gt;&lt;/feed"
		"&gt;</TEXTAREA></form></body></html>",
	};
	static const char code[] = "<html><body><pre>&lt;?php echo 1; ?&gt;"
	    "</pre></body></html>";
	struct item_list	 l = { 0 };
	struct feed_info	 fi;
	char			 err[128];
	size_t			 i;

	(void)state;
	for (i = 0; i < nitems(pages); i++) {
		assert_int_equal(feed_parse_escaped(pages[i], strlen(pages[i]),
		    FEED_URL, NULL, &l, &fi, err, sizeof(err)), 0);
		assert_clean(&l);
		assert_int_equal(l.n, 2);
		assert_str("title", l.v[0].title, "Kazakhstan & Uzbekistan");
		assert_str("link", l.v[0].link, "https://a.example/1?a=1&b=2");
		assert_str("summary", l.v[0].summary, "text");
		assert_str("second", l.v[1].link, "https://a.example/2");
		feed_info_free(&fi);
		item_list_free(&l);
	}
	assert_int_equal(feed_parse_escaped(code, strlen(code), FEED_URL, NULL,
	    &l, &fi, err, sizeof(err)), FEED_NOT_SHOWN);
	assert_int_equal(l.n, 0);
	feed_info_free(&fi);
}

/*
 * A body cut short inside an item (a download cut off): the item is left
 * for the next poll, whatever its fields; the items before it are whole.
 * An item whose end tag recovery spent on HTML left open in its text is
 * whole, and so is one the body ends right after.
 */
static void
test_cut_body(void **state)
{
	static const char *const cut[] = {
		"<rss version=\"2.0\"><channel><title>t</title>"
		"<item><title>Kazakhstan one</title><link>https://a.example/1"
		"</link></item><item><title>Kazakh",
		"<rss version=\"2.0\"><channel><title>t</title>"
		"<item><title>Kazakhstan one</title><link>https://a.example/1"
		"</link></item>\n<item><title>Kazakhstan two</title><link>"
		"https://a.example/2</link><descr",
		"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title>"
		"<entry><title>Kazakhstan one</title><link href=\"https://a."
		"example/1\"/></entry><entry><title>Kazakhstan two</title>"
		"<link href=\"https://a.example/2\"/>",
	};
	static const char closed[] = "<rss version=\"2.0\"><channel>"
	    "<item><title>one</title><link>https://a.example/1</link>"
	    "<description><p>a<br>b<img src=\"x.jpg\">c<br>d</p></description>"
	    "</item><item><title>two</title><link>https://a.example/2</link>"
	    "<description><p>e<br>f<img src=\"y.jpg\">g<br>h</p></description>"
	    "</item>";
	struct item_list	 l = { 0 };
	struct feed_info	 fi;
	size_t			 i;

	(void)state;
	for (i = 0; i < nitems(cut); i++) {
		parse_body(cut[i], &l, &fi);
		assert_int_equal(l.n, 1);
		assert_str("whole", l.v[0].title, "Kazakhstan one");
		assert_str("link", l.v[0].link, "https://a.example/1");
		assert_true(fi.repairs & FEED_REPAIR_CUT);
		feed_info_free(&fi);
		item_list_free(&l);
	}
	parse_body(closed, &l, &fi);
	assert_int_equal(l.n, 2);
	assert_str("last", l.v[1].link, "https://a.example/2");
	assert_false(fi.repairs & FEED_REPAIR_CUT);
	assert_report(&fi, "feed repaired (broken markup)");
	feed_info_free(&fi);
	item_list_free(&l);
}

/*
 * A whole document whose last item has no end tag (a template that leaves
 * out </item> or </entry>, or recovery spending it on HTML left open in a
 * description): the channel's or root's end tag after it, in whatever
 * prefix, says the body was not cut, and the item is read. A body cut
 * after such a tag written inside a CDATA section or a comment is cut,
 * and so is one cut inside a section or comment that quotes such tags,
 * the item's own end tag too (no end tag of its field follows: the field
 * never ended), or its field's end tag with the item's and the root's
 * (text or a tag after them, where a whole document ends in its root's
 * end tag).
 */
static void
test_unclosed_last_item(void **state)
{
	static const char *const whole[] = {
		"<rss version=\"2.0\"><channel><item><title>one</title>"
		"<link>https://a.example/1</link></item><item><title>two</title>"
		"<link>https://a.example/2</link><description><p>a<br>b"
		"</description></channel></rss>",
		"<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>one"
		"</title><link href=\"https://a.example/1\"/></entry><entry>"
		"<title>two</title><link href=\"https://a.example/2\"/><content "
		"type=\"html\"><p>a<br><img src=\"x.jpg\">b</content></feed>",
		"<rss:rss xmlns:rss=\"http://backend.userland.com/rss2\">"
		"<rss:channel><rss:item><rss:title>one</rss:title><rss:link>"
		"https://a.example/1</rss:link></rss:item><rss:item><rss:title>"
		"two</rss:title><rss:link>https://a.example/2</rss:link>"
		"<rss:description><p>a<br>b</rss:description></rss:item>",
		"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
		" xmlns=\"http://purl.org/rss/1.0/\"><item rdf:about=\"https://a."
		"example/1\"><title>one</title></item><item rdf:about=\"https://a."
		"example/2\"><title>two</title><description><p>a<br>b"
		"</description></rdf:RDF>",
		"<rss version=\"2.0\"><channel><item><title>one</title>"
		"<link>https://a.example/1</link></item><item><title>two</title>"
		"<link>https://a.example/2</link><description><![CDATA[<p>a</p>"
		"<!-- more</description></item></channel></rss>",
		"<rss version=\"2.0\"><channel><item><title>one</title>"
		"<link>https://a.example/1</link></item><item><title>two</title>"
		"<description><![CDATA[<p>a <![CDATA[ b</description>"
		"<link>https://a.example/2</link></item></channel></rss>",
		"<rss version=\"2.0\"><channel><item><title>one</title><link>"
		"https://a.example/1</link></item><item><title>two</title><link>"
		"https://a.example/2</link><description><![CDATA[<p>a quote of "
		"</item> ends</description></item></channel></rss>",
	};
	static const char *const cut[] = {
		"<rss version=\"2.0\"><channel><item><title>one</title><link>"
		"https://a.example/1</link></item><item><title>two</title><link>"
		"https://a.example/2</link><description><![CDATA[</channel>"
		"</rss>]]></description><category>c",
		"<rss version=\"2.0\"><channel><item><title>one</title><link>"
		"https://a.example/1</link></item><item><title>two</title><link>"
		"https://a.example/2</link><!-- </item> --><description>d",
		"<rss version=\"2.0\"><channel><item><title>one</title><link>"
		"https://a.example/1</link></item><item><title>two</title><link>"
		"https://a.example/2</link><description><![CDATA[<p>a quote of "
		"</channel></rss> and mo",
		"<rss version=\"2.0\"><channel><item><title>one</title><link>"
		"https://a.example/1</link></item><item><title>two</title><link>"
		"https://a.example/2</link><description>&lt;p&gt;a</description>"
		"<content:encoded><!-- a quote of </channel></rss> and mo",
		"<rss version=\"2.0\"><channel><item><title>one</title><link>"
		"https://a.example/1</link></item><item><title>two</title>"
		"<description><![CDATA[<p>a </ b> of </channel></rss> and mo",
		"<rss version=\"2.0\"><channel><item><title>one</title><link>"
		"https://a.example/1</link></item><item><title>two</title><link>"
		"https://a.example/2</link><content:encoded><![CDATA[<p>Write "
		"<code></item></code> to end an item, then the te",
		"<rss version=\"2.0\"><channel><item><title>one</title><link>"
		"https://a.example/1</link></item><item><title>two</title><link>"
		"https://a.example/2</link><description><![CDATA[<p>a quote of "
		"</item></channel></rss> and mo",
		"<rss version=\"2.0\"><channel><item><title>one</title><link>"
		"https://a.example/1</link></item><item><title>two</title><link>"
		"https://a.example/2</link><description><![CDATA[<p>End it with "
		"</description></item></channel></rss> and th",
		"<rss version=\"2.0\"><channel><item><title>one</title><link>"
		"https://a.example/1</link></item><item><title>two</title><link>"
		"https://a.example/2</link><description><![CDATA[<p>End it with "
		"</description></item></channel></rss></pre><p>",
		"<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>one"
		"</title><link href=\"https://a.example/1\"/></entry><entry>"
		"<title>two</title><link href=\"https://a.example/2\"/><content "
		"type=\"html\"><!-- quoting </content></entry></feed> and th",
	};
	struct item_list	 l = { 0 };
	struct feed_info	 fi;
	size_t			 i;

	(void)state;
	for (i = 0; i < nitems(whole); i++) {
		parse_body(whole[i], &l, &fi);
		assert_int_equal(l.n, 2);
		assert_str("last", l.v[1].title, "two");
		assert_str("its link", l.v[1].link, "https://a.example/2");
		assert_false(fi.repairs & FEED_REPAIR_CUT);
		feed_info_free(&fi);
		item_list_free(&l);
	}
	for (i = 0; i < nitems(cut); i++) {
		parse_body(cut[i], &l, &fi);
		assert_int_equal(l.n, 1);
		assert_true(fi.repairs & FEED_REPAIR_CUT);
		feed_info_free(&fi);
		item_list_free(&l);
	}
}

/*
 * "]]>" in an element's text, which XML forbids (a code sample, an array
 * index a[b[0]]>2): the text is what was written, not what follows it.
 */
static void
test_cdata_end_in_text(void **state)
{
	static const char body[] = "<rss version=\"2.0\"><channel><item>"
	    "<title>x]]> y</title><link>https://a.example/1</link><description>"
	    "the index a[b[0]]> 2 holds</description></item></channel></rss>";
	struct item_list	 l = { 0 };
	struct feed_info	 fi;

	(void)state;
	parse_body(body, &l, &fi);
	assert_int_equal(l.n, 1);
	assert_str("title", l.v[0].title, "x]]> y");
	assert_str("summary", l.v[0].summary, "the index a[b[0]]> 2 holds");
	feed_info_free(&fi);
	item_list_free(&l);
}

/*
 * RSS items with no link and no guid, only <comments>: the page the
 * comments are on, its anchor dropped, resolved against the feed; an
 * anchor alone, or a link, a permalink guid beside it, comes first.
 */
static void
test_comments_link(void **state)
{
	static const char body[] = "<rss version=\"2.0\"><channel>"
	    "<item><title>a</title><comments>/2026/a.html#comments</comments>"
	    "</item><item><title>b</title><comments>#respond</comments></item>"
	    "<item><title>c</title><comments>https://a.example/c#respond"
	    "</comments><link>https://a.example/c.html</link></item>"
	    "<item><title>d</title><comments>https://a.example/d#c</comments>"
	    "<guid>https://a.example/d.html</guid></item></channel></rss>";
	struct item_list	 l = { 0 };
	struct feed_info	 fi;

	(void)state;
	parse_body(body, &l, &fi);
	assert_int_equal(l.n, 4);
	assert_str("comments", l.v[0].link,
	    "https://asdaa.example.net/2026/a.html");
	assert_null(l.v[1].link);
	assert_str("link first", l.v[2].link, "https://a.example/c.html");
	assert_str("guid first", l.v[3].link, "https://a.example/d.html");
	feed_info_free(&fi);
	item_list_free(&l);
}

/*
 * A feed with no XML declaration after the site's HTML head (a template
 * that includes header.php, served as text/html): its items and channel
 * are read, the page's end after the root left out.
 */
static void
test_html_prologue(void **state)
{
	static const char body[] = "<!DOCTYPE html>\n<html><head><meta "
	    "charset=\"utf-8\"><title>Site</title></head><body>\n<rss version="
	    "\"2.0\"><channel><title>C</title><item><title>one</title><link>"
	    "https://a.example/1</link></item></channel></rss></body></html>\n";
	struct item_list	 l = { 0 };
	struct feed_info	 fi;

	(void)state;
	parse_body(body, &l, &fi);
	assert_int_equal(l.n, 1);
	assert_str("title", l.v[0].title, "one");
	assert_str("link", l.v[0].link, "https://a.example/1");
	assert_str("channel", fi.title, "C");
	feed_info_free(&fi);
	item_list_free(&l);
}

/*
 * NUL bytes a broken script printed before the XML declaration (three,
 * which UTF-32's byte pattern starts with): the feed is read, in the
 * charset its declaration names (KOI8-R, which a word is too short to
 * detect).
 */
static void
test_nul_lead(void **state)
{
	static const char body[] = "\0\0\0<?xml version=\"1.0\" encoding="
	    "\"KOI8-R\"?>\n<rss version=\"2.0\"><channel><item><title>"
	    "\xeb\xc1\xda\xc1\xc8\xd3\xd4\xc1\xce</title><link>https://a."
	    "example/1</link></item></channel></rss>";
	struct item_list	 l = { 0 };
	struct feed_info	 fi = { 0 };
	char			 err[128];

	(void)state;
	assert_int_equal(feed_parse(body, sizeof(body) - 1, FEED_URL, NULL, &l,
	    &fi, err, sizeof(err)), 0);
	assert_int_equal(l.n, 1);
	assert_str("title", l.v[0].title, "Казахстан");
	assert_str("link", l.v[0].link, "https://a.example/1");
	assert_str("charset", fi.encoding_from, "declaration");
	feed_info_free(&fi);
	item_list_free(&l);
}

/*
 * JSON Feed items with no url: an id that is a web URL is the page (the
 * spec wishes ids so), else the first attachment's file (a podcast's
 * episode); a url beats both, and an id that is no URL links nothing.
 */
static void
test_json_no_url(void **state)
{
	static const char body[] = "{\"version\":\"https://jsonfeed.org/"
	    "version/1.1\",\"title\":\"t\",\"items\":["
	    "{\"id\":\"https://a.example/1\",\"title\":\"id\"},"
	    "{\"id\":7,\"title\":\"file\",\"attachments\":[{\"url\":"
	    "\"/ep7.mp3\",\"mime_type\":\"audio/mpeg\"}]},"
	    "{\"id\":\"https://a.example/3\",\"url\":\"https://a.example/"
	    "3.html\",\"title\":\"url\",\"attachments\":[{\"url\":"
	    "\"/ep3.mp3\"}]},"
	    "{\"id\":\"post-4\",\"title\":\"none\"}]}";
	struct item_list	 l = { 0 };
	struct feed_info	 fi;

	(void)state;
	parse_body(body, &l, &fi);
	assert_int_equal(l.n, 4);
	assert_str("id", l.v[0].link, "https://a.example/1");
	assert_str("attachment", l.v[1].link,
	    "https://asdaa.example.net/ep7.mp3");
	assert_str("url first", l.v[2].link, "https://a.example/3.html");
	assert_null(l.v[3].link);
	feed_info_free(&fi);
	item_list_free(&l);
}

/*
 * Atom links as RFC 4287 allows them: a rel written as the IANA registry's
 * IRI is the relation named; content given by reference (src) is the page
 * of an entry with no alternate link, of an HTML type only.
 */
static void
test_atom_link_forms(void **state)
{
	static const char body[] = "<feed xmlns=\"http://www.w3.org/2005/Atom\">"
	    "<entry><id>tag:a,1</id><title>iri</title><link rel=\"http://www."
	    "iana.org/assignments/relation/alternate\" href=\"/1\"/></entry>"
	    "<entry><id>tag:a,2</id><title>self</title><link rel=\"http://www."
	    "iana.org/assignments/relation/self\" href=\"/2.atom\"/></entry>"
	    "<entry><id>tag:a,3</id><title>file</title><link rel=\"http://www."
	    "iana.org/assignments/relation/enclosure\" href=\"/3.mp3\"/>"
	    "</entry><entry><id>tag:a,4</id><title>src</title><content type="
	    "\"text/html\" src=\"/4.html\"/></entry>"
	    "<entry><id>tag:a,5</id><title>both</title><content src=\"/5b\"/>"
	    "<link href=\"/5\"/></entry>"
	    "<entry><id>tag:a,6</id><title>pdf</title><content type="
	    "\"application/pdf\" src=\"/6.pdf\"/></entry></feed>";
	struct item_list	 l = { 0 };
	struct feed_info	 fi;

	(void)state;
	parse_body(body, &l, &fi);
	assert_int_equal(l.n, 6);
	assert_str("iri", l.v[0].link, "https://asdaa.example.net/1");
	assert_null(l.v[1].link);
	assert_str("enclosure", l.v[2].link, "https://asdaa.example.net/3.mp3");
	assert_str("src", l.v[3].link, "https://asdaa.example.net/4.html");
	assert_str("alternate first", l.v[4].link, "https://asdaa.example.net/5");
	assert_null(l.v[5].link);
	feed_info_free(&fi);
	item_list_free(&l);
}

/*
 * A raw HTML description in a broken document: its stylesheet's <link>
 * and its SVG icon's <title> are its markup, not the item's link and
 * title. A field it leaves unclosed still ends where the item's own
 * <link> or <pubDate> follows, and where a second <link> without
 * attributes does (HTML's has rel and href): the item's page.
 */
static void
test_html_markup_in_description(void **state)
{
	static const char body[] = "<rss version=\"2.0\"><channel>"
	    "<item><title>one</title><link>https://a.example/1</link>"
	    "<description><p>styled<link rel=\"stylesheet\" href=\"s.css\"> "
	    "text<br></p></description></item>"
	    "<item><title>two</title><link>https://a.example/2</link>"
	    "<description><p><svg><title>share</title></svg>shared<br></p>"
	    "</description></item>"
	    "<item><title>three</title><description>cut short<link>"
	    "https://a.example/3</link><pubDate>Sat, 06 Dec 2026 10:00:00 +0000"
	    "</pubDate></item>"
	    "<item><title>four</title><link>https://a.example/4</link>"
	    "<description><p>moved<br></description><link>https://a.example/"
	    "4b</link></item></channel></rss>";
	struct item_list	 l = { 0 };
	struct feed_info	 fi;

	(void)state;
	parse_body(body, &l, &fi);
	assert_int_equal(l.n, 4);
	assert_str("link", l.v[0].link, "https://a.example/1");
	assert_str("text", l.v[0].summary, "styled text");
	assert_str("title", l.v[1].title, "two");
	assert_str("svg", l.v[1].summary, "shared");
	assert_str("unclosed", l.v[2].summary, "cut short");
	assert_str("its link", l.v[2].link, "https://a.example/3");
	assert_int_equal(l.v[2].published, 1796551200);
	assert_str("second link", l.v[3].link, "https://a.example/4b");
	assert_str("not text", l.v[3].summary, "moved");
	feed_info_free(&fi);
	item_list_free(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dialects),
		cmocka_unit_test(test_rss2_text_fields),
		cmocka_unit_test(test_atom_text_fields),
		cmocka_unit_test(test_relative_link_needs_base),
		cmocka_unit_test(test_encodings),
		cmocka_unit_test(test_mislabelled_cp1256),
		cmocka_unit_test(test_utf8_bom),
		cmocka_unit_test(test_billion_laughs),
		cmocka_unit_test(test_surrogate_pair_refs),
		cmocka_unit_test(test_xxe),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_empty_channel),
		cmocka_unit_test(test_bomb_beside_entities),
		cmocka_unit_test(test_long_entity_repeated),
		cmocka_unit_test(test_mixed_dialects),
		cmocka_unit_test(test_strangers_quirks),
		cmocka_unit_test(test_bare_rdf),
		cmocka_unit_test(test_enclosure_link),
		cmocka_unit_test(test_entity_in_attribute),
		cmocka_unit_test(test_json_lone_surrogate),
		cmocka_unit_test(test_json_unix_date),
		cmocka_unit_test(test_json_references),
		cmocka_unit_test(test_json_template_slips),
		cmocka_unit_test(test_rss091_entities),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_text_dates),
		cmocka_unit_test(test_page_dates),
		cmocka_unit_test(test_site_clock_dates),
		cmocka_unit_test(test_clock_dates),
		cmocka_unit_test(test_html_text),
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_expected_tsv),
		cmocka_unit_test(test_large_feed),
		cmocka_unit_test(test_appends),
		cmocka_unit_test(test_polling_hints),
		cmocka_unit_test(test_opml),
		cmocka_unit_test(test_opml_forbidden),
		cmocka_unit_test(test_opml_lead),
		cmocka_unit_test(test_opml_spellings),
		cmocka_unit_test(test_opml_refused),
		cmocka_unit_test(test_opml_round_trip),
		cmocka_unit_test(test_html_entities),
		cmocka_unit_test(test_bare_ampersand),
		cmocka_unit_test(test_unquoted_attributes),
		cmocka_unit_test(test_comment_cut),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_sparse_items),
		cmocka_unit_test(test_field_order),
		cmocka_unit_test(test_relative_guid),
		cmocka_unit_test(test_nested_cdata),
		cmocka_unit_test(test_yandex_text),
		cmocka_unit_test(test_title_escaped_twice),
		cmocka_unit_test(test_text_escaped_twice),
		cmocka_unit_test(test_lead_space_and_two_documents),
		cmocka_unit_test(test_lenient_dialects),
		cmocka_unit_test(test_dialect_dates),
		cmocka_unit_test(test_atom03_modes),
		cmocka_unit_test(test_json_feed),
		cmocka_unit_test(test_json_refused),
		cmocka_unit_test(test_json_no_version),
		cmocka_unit_test(test_media_only_link),
		cmocka_unit_test(test_json_string),
		cmocka_unit_test(test_cyrillic_charsets),
		cmocka_unit_test(test_clean_feed_unmended),
		cmocka_unit_test(test_cut_body),
		cmocka_unit_test(test_escaped_page),
		cmocka_unit_test(test_json_lead),
		cmocka_unit_test(test_title_twice),
		cmocka_unit_test(test_unclosed_last_item),
		cmocka_unit_test(test_cdata_end_in_text),
		cmocka_unit_test(test_comments_link),
		cmocka_unit_test(test_html_prologue),
		cmocka_unit_test(test_nul_lead),
		cmocka_unit_test(test_json_no_url),
		cmocka_unit_test(test_atom_link_forms),
		cmocka_unit_test(test_html_markup_in_description),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
