/* test_page: HTML pages -> items through selectors and default rules; autodiscovery. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "compat.h"
#include "feed.h"
#include "item.h"
#include "page.h"

#include "fixture.h"

#define PAGE_URL	"https://arabic.example.net/category/politics/"
#define SITE		"https://arabic.example.net"

/* The six article titles of listing.html, in page order. */
static const char *const listing_titles[] = {
	"كازاخستان في قلب التحول الأمريكي: بوابة واشنطن الجديدة إلى آسيا الوسطى",
	"إدارة ترامب القادمة وتحديات القوى المتوسطة في عصر المنافسة بين القوى العظمى",
	"وزراء خارجية دول آسيا الوسطى يلتقون بلينكن في إطار صيغة C5+1",
	"المعادن النادرة في قلب التنافس بين واشنطن وبكين على سلاسل التوريد",
	"الأمم المتحدة وإصلاح مجلس الأمن: دعوات لتمكين القوى الإقليمية والمتوسطة",
	"انضمام كازاخستان للاتفاقيات الإبراهيمية: معركة النفوذ الجديدة",
};

/* And their links, made absolute against the page URL. */
static const char *const listing_links[] = {
	SITE "/2025/11/08/kazakhstan-us-gateway/",
	SITE "/2025/11/07/middle-powers-trump/",
	SITE "/2025/11/07/c5-foreign-ministers/",
	SITE "/2025/11/06/rare-minerals-washington-beijing/",
	SITE "/2025/11/06/un-security-council-reform/",
	SITE "/2025/11/05/kazakhstan-abraham-new-battle/",
};

/* Whether a string is valid UTF-8 (libxml2's own checker, kept apart). */
static int
utf8_ok(const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 n;

	while (*u != '\0') {
		n = *u < 0x80 ? 1 : (*u & 0xe0) == 0xc0 && *u >= 0xc2 ? 2 :
		    (*u & 0xf0) == 0xe0 ? 3 : (*u & 0xf8) == 0xf0 &&
		    *u <= 0xf4 ? 4 : 0;
		if (n == 0)
			return 0;
		while (--n > 0)
			if ((*++u & 0xc0) != 0x80)
				return 0;
		u++;
	}
	return 1;
}

/* Parse a fixture page; fails the test on an error. */
static void
parse_ok(const char *name, const char *charset, const char *sel,
    struct item_list *l)
{
	char	*data, err[256] = "";
	size_t	 len, i;

	data = slurp(name, &len);
	if (page_parse(data, len, PAGE_URL, charset, sel, l, err,
	    sizeof(err)) != 0)
		fail_msg("%s [%s]: %s", name, sel ? sel : "default", err);
	free(data);
	for (i = 0; i < l->n; i++) {
		assert_non_null(l->v[i].title);
		assert_true(utf8_ok(l->v[i].title));
		assert_null(strstr(l->v[i].title, "  "));
		assert_true(l->v[i].link == NULL || utf8_ok(l->v[i].link));
	}
}

/* The listing's six articles, titles and links, in order. */
static void
assert_listing(const struct item_list *l)
{
	size_t	 i;

	assert_int_equal(l->n, 6);
	for (i = 0; i < 6; i++) {
		assert_str("title", l->v[i].title, listing_titles[i]);
		assert_str("link", l->v[i].link, listing_links[i]);
	}
}

/* Default rules: article and heading links, none of nav, ticker, aside, footer. */
static void
test_default_rules(void **state)
{
	struct item_list	 l = { 0 };

	(void)state;
	parse_ok("pages/listing.html", NULL, NULL, &l);
	assert_listing(&l);
	item_list_free(&l);
	parse_ok("pages/with-feed.html", NULL, NULL, &l);
	assert_int_equal(l.n, 2);
	item_list_free(&l);
}

/* An <article> with no heading link gives its links; chrome never does. */
static void
test_default_rules_plain_articles(void **state)
{
	static const char page[] = "<html><body><header><h2><a href=/logo>"
	    "Logo</a></h2></header><article><header><h2><a href=/a1>One</a>"
	    "</h2></header><a href=/a1>more</a></article><article><a href=/b1>"
	    "<img src=x.jpg alt=''></a><a href=/b1>Two</a><footer><a href=/c>"
	    "Cat</a></footer></article><div role=navigation><h3><a href=/n>"
	    "Nav</a></h3></div><aside><article><a href=/s>Side</a></article>"
	    "</aside><h4><a href='javascript:x()'>JS</a></h4></body></html>";
	struct item_list	 l = { 0 };
	char			 err[128];

	(void)state;
	assert_int_equal(page_parse(page, sizeof(page) - 1, PAGE_URL, NULL,
	    NULL, &l, err, sizeof(err)), 0);
	assert_int_equal(l.n, 2);
	assert_str("title", l.v[0].title, "One");
	assert_str("title", l.v[1].title, "Two");
	assert_str("link", l.v[1].link, SITE "/b1");
	item_list_free(&l);
}

/* The items of l must be n, published at want's instants, in order. */
static void
assert_published(const struct item_list *l, const int64_t *want, size_t n)
{
	size_t	 i;

	assert_int_equal(l->n, n);
	for (i = 0; i < n; i++)
		assert_int_equal(l->v[i].published, want[i]);
}

/*
 * Parse a page fetched at now with the default rules; its items must be
 * n, published at want's instants.
 */
static void
assert_page_dated(const char *page, size_t len, int64_t now,
    const int64_t *want, size_t n)
{
	struct item_list	 l = { 0 };
	char			 err[128];

	if (page_parse_rules(page, len, PAGE_URL, NULL, NULL, now, &l, NULL,
	    NULL, err, sizeof(err)) != 0)
		fail_msg("%s", err);
	assert_published(&l, want, n);
	item_list_free(&l);
}

/* Parse a page with the default rules; its items must be exactly want. */
static void
assert_default_items(const char *page, const char *const *want, size_t n)
{
	struct item_list	 l = { 0 };
	char			 err[128];
	size_t			 i;

	if (page_parse(page, strlen(page), PAGE_URL, NULL, NULL, &l, err,
	    sizeof(err)) != 0)
		fail_msg("%s", err);
	for (i = 0; i < l.n || i < n; i++) {
		if (i >= l.n || i >= n)
			fail_msg("%zu items, want %zu; item %zu is %s", l.n, n,
			    i, i < l.n ? l.v[i].title : want[2 * i]);
		assert_str("title", l.v[i].title, want[2 * i]);
		assert_str("link", l.v[i].link, want[2 * i + 1]);
	}
	item_list_free(&l);
}

/*
 * A card whose link holds its picture, label, heading and date is one
 * item titled by the heading; a picture link and a title link to the same
 * article are one item with the text title, whichever comes first.
 */
static void
test_default_rules_cards(void **state)
{
	static const char page[] = "<main>"
	    "<div class=card><a href=/n/1><img src=1.jpg alt='Picture'>"
	    "<span class=cat>Politics</span><h3>Summit opens in Astana</h3>"
	    "<span class=date>2 hours ago</span></a></div>"
	    "<div class=card><a href=/n/2><img src=2.jpg alt='Oil rig'>"
	    "<span class=badge>Video</span></a><a href=/n/2><h3>Oil prices "
	    "rise</h3></a></div>"
	    "<div class=card><a href=/n/3><span class=t>Rare earth exports "
	    "are cut</span></a><a href=/n/3><img src=3.jpg alt='The mine "
	    "of rare earth metals'></a></div>"
	    "<div class=card><a href=/n/1><h3>Summit opens in Astana</h3>"
	    "</a></div></main>";
	static const char *const want[] = {
		"Summit opens in Astana", SITE "/n/1",
		"Oil prices rise", SITE "/n/2",
		"Rare earth exports are cut", SITE "/n/3",
	};

	(void)state;
	assert_default_items(page, want, nitems(want) / 2);
}

/*
 * Links that are neither in a heading nor in an <article> are items when
 * their text is a headline's length (four words or more) and they lead to
 * an article of the page's site (a number or a slug in the URL); menus,
 * tags, "follow us" and "about us" links are not. A link whose text is in
 * blocks (a title and a time) is titled by the longest.
 */
static void
test_default_rules_long_links(void **state)
{
	static const char page[] = "<div class=menu-wrap><ul class=menu>"
	    "<li><a href=/world/>World news</a></li></ul></div>"
	    "<div class=views-row><span><a href=/node/1>Parliament passes the "
	    "new budget law</a></span></div>"
	    "<ul class=latestnews><li><a href='//www.arabic.example.net/x/2'>"
	    "<span>Floods hit the south of the country</span></a></li></ul>"
	    "<div class=tags><a href=/tags/kz>Kazakhstan</a></div>"
	    "<a href='https://social.example.com/site'>Follow us for the "
	    "latest news</a><a href=/news?page=2>Load more news stories</a>"
	    "<a href=/about>About the site and its team</a>"
	    "<a href=/ar/world/putin-visits-astana-today>Putin visits Astana "
	    "this morning</a>"
	    "<a class=news-item href=/politika/261><div class=title>Moscow "
	    "and Astana sign an energy deal</div><div class=time>12:40</div>"
	    "</a>";
	static const char *const want[] = {
		"Parliament passes the new budget law", SITE "/node/1",
		"Floods hit the south of the country",
		"https://www.arabic.example.net/x/2",
		"Putin visits Astana this morning",
		SITE "/ar/world/putin-visits-astana-today",
		"Moscow and Astana sign an energy deal", SITE "/politika/261",
	};

	(void)state;
	assert_default_items(page, want, nitems(want) / 2);
}

/*
 * Long same-site links to the site's services are calls to act, not news:
 * the newsletter, subscriptions, the app, the login; their URL names no
 * article (no number, no slug), unlike an article's that shares a word.
 */
static void
test_default_rules_calls_to_act(void **state)
{
	static const char page[] = "<main><div class=promo>"
	    "<a href='/ar/newsletter'>اشترك في النشرة البريدية اليومية الآن</a>"
	    "<a href='/subscribe-now?plan=annual'>اشترك الآن واحصل على خصم "
	    "كبير</a><a href='/ar/app'>حمّل تطبيقنا على هاتفك مجاناً</a>"
	    "<a href='/user/login.php'>سجل الدخول لمتابعة قراءة الأخبار</a>"
	    "<a href='/ar/contact-us'>تواصل معنا لأي استفسار أو اقتراح</a>"
	    "<a href='/live'>شاهد البث المباشر للقناة على مدار الساعة</a>"
	    "</div><div class=row><a href='/ar/app/2026/12/06/app-ban'>"
	    "البرلمان يحظر تطبيقاً صينياً للتواصل</a>"
	    "<a href='/news.php?id=7012'>الحكومة تقر خطة لدعم المزارعين</a>"
	    "</div></main>";
	static const char *const want[] = {
		"البرلمان يحظر تطبيقاً صينياً للتواصل",
		SITE "/ar/app/2026/12/06/app-ban",
		"الحكومة تقر خطة لدعم المزارعين", SITE "/news.php?id=7012",
	};

	(void)state;
	assert_default_items(page, want, nitems(want) / 2);
}

/*
 * A card's title shorter than a headline, outside any heading, is an item
 * when its class (or its box's) says title or headline and it leads to an
 * article of the site; a menu's or a section's title, leading to a
 * section, is not, nor is a short link without such a class, a one-word
 * label or a link to the article's comments. In a list whose items lead
 * to three articles or more, a short title is a headline as its siblings
 * are; not in a menu, nor in a list of two.
 */
static void
test_default_rules_title_links(void **state)
{
	static const char page[] = "<main>"
	    "<div class=section-title><a href='/ar/world'>العالم</a></div>"
	    "<ul class=menu-titles><li><a href='/ar/sport'>رياضة</a></li></ul>"
	    "<div class=card><a class=title "
	    "href='/news/2026/12/06/123'>بوتين يزور أستانا</a></div>"
	    "<div class=news-item><div class='news-item__headline'><span>"
	    "<a href='/ar/story/48211'>الذهب يرتفع</a></span></div></div>"
	    "<div class=card><a href='/news/2026/12/06/124'>فيديو</a></div>"
	    "<div class=card><a class=card-title href='/news/2026/12/06/125'>"
	    "فيديو</a><a class=card-title href='/news/2026/12/06/126#comments'"
	    ">تعليقات القراء</a></div>"
	    "<div class=card-title><a href='https://other.example/news/9'>"
	    "عرض خاص</a></div>"
	    "<ul class=menu><li><a href=/taxonomy/term/3>أخبار محلية</a></li>"
	    "<li><a href=/news.php?cat=4>أخبار عربية</a></li><li><a "
	    "href=/news.php?cat=5>أخبار دولية</a></li><li><a href=/news.php?"
	    "cat=6>رياضة محلية</a></li></ul>"
	    "<ul class=latest><li><a href=/n/71>Parliament passes the budget "
	    "law</a></li><li><a href=/n/72>Floods hit the south again</a></li>"
	    "<li><a href=/n/73>Astana talks</a></li></ul>"
	    "<ul class=links><li><a href=/n/81>Oil prices rise again today</a>"
	    "</li><li><a href=/n/82>Gold falls</a></li></ul></main>";
	static const char *const want[] = {
		"بوتين يزور أستانا", SITE "/news/2026/12/06/123",
		"الذهب يرتفع", SITE "/ar/story/48211",
		"Parliament passes the budget law", SITE "/n/71",
		"Floods hit the south again", SITE "/n/72",
		"Astana talks", SITE "/n/73",
		"Oil prices rise again today", SITE "/n/81",
	};

	(void)state;
	assert_default_items(page, want, nitems(want) / 2);
}

/*
 * A page saved to a file (its URL unknown) or served by a mirror is on the
 * site of its canonical URL: its long links there are items, and a link
 * to the canonical URL is the page itself.
 */
static void
test_default_rules_canonical(void **state)
{
	static const char page[] = "<head><link rel=canonical "
	    "href='https://www.gulf.example/ar/latest'></head><body>"
	    "<h2><a href='https://www.gulf.example/ar/latest'>Latest news of "
	    "the day</a></h2><div class=row><a href='https://gulf.example/ar/"
	    "n/1'>Parliament passes the new budget law</a></div>"
	    "<a href='https://other.example/x'>Follow us for the latest "
	    "news</a></body>";
	static const char *const want[] = {
		"Parliament passes the new budget law",
		"https://gulf.example/ar/n/1",
	};
	struct item_list	 l = { 0 };
	char			 err[128];

	(void)state;
	assert_int_equal(page_parse(page, sizeof(page) - 1, "http://localhost/",
	    NULL, NULL, &l, err, sizeof(err)), 0);
	assert_int_equal(l.n, 1);
	assert_str("title", l.v[0].title, want[0]);
	assert_str("link", l.v[0].link, want[1]);
	item_list_free(&l);
}

/*
 * Sidebars, tickers and footers known by class, id or role are chrome, as
 * <aside> and <footer> are.
 */
static void
test_default_rules_chrome(void **state)
{
	static const char page[] = "<div class='widget-area sidebar'><h3>"
	    "<a href=/s1>Most read story of the week</a></h3></div>"
	    "<div id=sidebar><h4><a href=/s2>Sidebar story</a></h4></div>"
	    "<div role=complementary><a href=/s3>An old story that many read"
	    "</a></div><div class=breaking-ticker><a href=/t1>Breaking: "
	    "minister resigns after vote</a></div><marquee><a href=/t2>"
	    "Breaking: markets close lower today</a></marquee>"
	    "<amp-sidebar><a href=/m1>A story pinned to the menu</a>"
	    "</amp-sidebar><div id=footer><a href=/privacy>Privacy policy and "
	    "terms of use</a></div><div class=footer><h4><a href=/f>Footer"
	    "</a></h4></div><div class=has-sidebar><h2><a href=/real>The real "
	    "headline</a></h2></div><div class='region region-sidebar-second'>"
	    "<h4><a href=/s4>Drupal's most read story</a></h4></div>"
	    "<div id=sidebar-right-1><h3><a href=/s5>Blogger's popular post"
	    "</a></h3></div><div class='right-sidebar sidebar-open'><h2>"
	    "<a href=/real2>Another real headline</a></h2></div>";
	static const char *const want[] = {
		"The real headline", SITE "/real",
		"Another real headline", SITE "/real2",
	};

	(void)state;
	assert_default_items(page, want, nitems(want) / 2);
}

/*
 * A <header> or footer is chrome outside an <article> only: a story's own
 * header holds its headline; <nav>, <aside> and role=navigation are chrome
 * anywhere, and a class's names are separated by any white space.
 */
static void
test_default_rules_chrome_articles(void **state)
{
	static const char page[] = "<header><h2><a href=/h1>A header's "
	    "pinned story here</a></h2></header><article><header><h2>"
	    "<a href=/a1>The story in its own header</a></h2></header>"
	    "<footer><h3><a href=/a2>A story in the article's footer</a></h3>"
	    "</footer><nav><h3><a href=/n1>A story in the article's menu</a>"
	    "</h3></nav></article><aside><h3><a href=/s1>An aside's story "
	    "of the week</a></h3></aside><div role=navigation><h3><a href=/n2>"
	    "A menu's story of the day</a></h3></div><div class='box\tfooter'>"
	    "<h3><a href=/f1>A footer's story of the day</a></h3></div>"
	    "<div id=news-ticker><h3><a href=/t1>A ticker's story of today"
	    "</a></h3></div><div class=footers><h3><a href=/a3>Not a footer's "
	    "story at all</a></h3></div>";
	static const char *const want[] = {
		"The story in its own header", SITE "/a1",
		"A story in the article's footer", SITE "/a2",
		"Not a footer's story at all", SITE "/a3",
	};

	(void)state;
	assert_default_items(page, want, nitems(want) / 2);
}

/*
 * A box labelled as ranking the site's stories by readers ("most read" in
 * the page's language: a heading before its list, a row above its rows,
 * a bold label before its links) gives no item: it repeats older stories.
 * A list labelled otherwise gives its stories, and so does a list that
 * follows such a box.
 */
static void
test_default_rules_ranked_boxes(void **state)
{
	static const char page[] = "<main><h2>آخر الأخبار</h2><ul>"
	    "<li><a href=/2026/12/06/1>قمة أستانا تبحث ممرات النقل الجديدة</a>"
	    "</li><li><a href=/2026/12/06/2>أسعار النفط ترتفع مع تراجع المخزون"
	    "</a></li></ul>"
	    "<div class=box><h2>الأكثر قراءة</h2><ol><li><a href=/2026/11/01/3>"
	    "<span class=rank>1</span>حكاية قديمة يقرؤها الجميع منذ أسبوع</a>"
	    "</li><li><a href=/2026/11/02/4>حكاية أخرى من الأسبوع الماضي هنا"
	    "</a></li></ol></div>"
	    "<div class=list><h3><a href=/2026/12/05/5>البرلمان يصادق على "
	    "الموازنة</a></h3></div></main>"
	    "<table><tr><td class=boxtitle><b>الاكثر قراءة</b></td></tr>"
	    "<tr><td><a href=/news.asp?nid=6>قمة خليجية طارئة الأسبوع المقبل"
	    "</a></td></tr><tr><td><a href=/news.asp?nid=7>البلدية تبدأ أعمال "
	    "توسعة الطريق</a></td></tr></table>"
	    "<div class=right-col><div class=t>Самое читаемое</div><ul><li>"
	    "<a href=/news/2026/12/01/8/>Тарифы на газ в Мангистау вырастут"
	    "</a></li></ul></div>"
	    "<div class=r><b>Most Read</b><br><a href=/2026/11/9>Oil slides as "
	    "OPEC+ delays output hike</a><br><a href=/2026/11/10>Kyrgyz "
	    "parliament passes media law</a></div>";
	static const char *const want[] = {
		"قمة أستانا تبحث ممرات النقل الجديدة", SITE "/2026/12/06/1",
		"أسعار النفط ترتفع مع تراجع المخزون", SITE "/2026/12/06/2",
		"البرلمان يصادق على الموازنة", SITE "/2026/12/05/5",
	};

	(void)state;
	assert_default_items(page, want, nitems(want) / 2);
}

/*
 * A list position a link shows before its title (the <li>'s number in an
 * <ol>, a <span class="rank">) is no part of the title; a number that is
 * the headline's ("5 قتلى", "10 facts", in a list or not) stays.
 */
static void
test_default_rules_rank_numbers(void **state)
{
	static const char page[] = "<main><ol>"
	    "<li><a href=/2026/12/06/1>1 Tokayev and Xi sign 30 agreements</a>"
	    "</li><li><a href=/2026/12/06/2>2 Oil slides as OPEC+ delays hike"
	    "</a></li><li><a href=/2026/12/06/3>5 قتلى في حادث سير على طريق "
	    "المطار</a></li></ol>"
	    "<ul><li><a href=/2026/12/06/4><span class=num>4</span>قصة يقرؤها "
	    "كثيرون منذ أيام</a></li><li><a href=/2026/12/06/5>10 facts about "
	    "the Caspian summit</a></li></ul>"
	    "<h3><a href=/2026/12/06/6>5 قتلى في انفجار بمصنع للكيماويات</a>"
	    "</h3></main>";
	static const char *const want[] = {
		"Tokayev and Xi sign 30 agreements", SITE "/2026/12/06/1",
		"Oil slides as OPEC+ delays hike", SITE "/2026/12/06/2",
		"5 قتلى في حادث سير على طريق المطار", SITE "/2026/12/06/3",
		"قصة يقرؤها كثيرون منذ أيام", SITE "/2026/12/06/4",
		"10 facts about the Caspian summit", SITE "/2026/12/06/5",
		"5 قتلى في انفجار بمصنع للكيماويات", SITE "/2026/12/06/6",
	};

	(void)state;
	assert_default_items(page, want, nitems(want) / 2);
}

/*
 * No link is an item that leads to the page itself (a tab, a section's own
 * title), to the home page, to a listing's next page, or that names a
 * category or tag with its listing's link; a link to an article's comments
 * is the article's, but a hash route ("#!/news/7") names its own page.
 */
static void
test_default_rules_never_items(void **state)
{
	static const char page[] = "<h2><a href='#tab1'>Most read</a></h2>"
	    "<h2><a href=/category/economy/>Economy</a></h2>"
	    "<h2><a href='" PAGE_URL "'><span>Politics</span></a></h2>"
	    "<h3><a href=/>Home</a></h3><h3><a href='/category/politics/page/"
	    "2/'>Next</a></h3><h3><a href=/tag/kz/>Kazakhstan</a></h3>"
	    "<h3><a href=/section/economy/>Economy</a></h3>"
	    "<article><h2><a href=/2026/12/06/vote/>Vote</a></h2>"
	    "<a href='/2026/12/06/vote/#respond'>Leave a comment on this "
	    "story</a></article>"
	    "<h2><a href=/category/politics/2026/tokayev-visits-cairo>"
	    "Tokayev visits Cairo for talks</a></h2>"
	    "<h3><a href='/#!/news/7'>Seven</a></h3><h3><a href='/#!/news/8'>"
	    "Eight</a></h3>";
	static const char *const want[] = {
		"Vote", SITE "/2026/12/06/vote/",
		"Tokayev visits Cairo for talks",
		SITE "/category/politics/2026/tokayev-visits-cairo",
		"Seven", SITE "/#!/news/7",
		"Eight", SITE "/#!/news/8",
	};

	(void)state;
	assert_default_items(page, want, nitems(want) / 2);
}

/*
 * An <article> without a heading link gives its main link, the one with
 * the longest text, and not its category, share or tag links.
 */
static void
test_default_rules_article_main(void **state)
{
	static const char page[] = "<article><a href=/w/1><img src=x></a>"
	    "<a href=/w/1>Talks in Abu Dhabi</a><a href=/world>World</a>"
	    "<a href='https://share.example.com/?u=1'>Share</a></article>"
	    "<article><a href=/tag/gold>Gold</a><a href=/b/2>Gold hits a high"
	    "</a><div class=share><a href='mailto:?s=x'>Mail</a></div>"
	    "</article>";
	static const char *const want[] = {
		"Talks in Abu Dhabi", SITE "/w/1",
		"Gold hits a high", SITE "/b/2",
	};

	(void)state;
	assert_default_items(page, want, nitems(want) / 2);
}

/*
 * A link that shows only a picture is an item titled by the picture's alt
 * text when that is a headline's length and no link with text leads to the
 * same article; a logo or a picture's caption is not.
 */
static void
test_default_rules_image_links(void **state)
{
	static const char page[] = "<div class=logo><a href=/><img "
	    "alt='The logo of the daily news site'></a></div>"
	    "<div class=slider><a href=/s/1><img alt='President receives his "
	    "Kazakh counterpart'></a><a href=/s/2><img alt='Archive photo'>"
	    "</a><a href=/s/3><img alt='A picture of the stock market floor'>"
	    "</a><h2><a href=/s/3>Stocks fall</a></h2>"
	    "<a href='https://ads.example.com/c'><img alt='Book your summer "
	    "trip at the best price'></a></div>";
	static const char *const want[] = {
		"Stocks fall", SITE "/s/3",
		"President receives his Kazakh counterpart", SITE "/s/1",
	};

	(void)state;
	assert_default_items(page, want, nitems(want) / 2);
}

/*
 * An item's date is the <time datetime> of its <article> or <li>; a box
 * with several heading links is a list, whose first date is not each
 * item's; a link in no box is dated by the date beside it, before the
 * next story (test_flat_list_dates).
 */
static void
test_item_dates(void **state)
{
	static const char page[] = "<html><body>"
	    "<article><h2><a href=/a>One</a></h2><p>text</p>"
	    "<time datetime='2026-12-05T10:00:00+03:00'>2 hours ago</time>"
	    "</article><ul><li><h3><a href=/b>Two</a></h3><span><time "
	    "datetime=2026-12-04>yesterday</time></span></li></ul>"
	    "<article><h2><a href=/c>Three</a></h2><time>today</time></article>"
	    "<article><h2><a href=/d>Four</a></h2><h2><a href=/e>Five</a></h2>"
	    "<time datetime=2026-12-01>1 Dec</time></article>"
	    "<h2><a href=/f>Six</a></h2><time datetime=2026-12-02>x</time>"
	    "</body></html>";
	struct item_list	 l = { 0 };
	char			 err[128];

	(void)state;
	assert_int_equal(page_parse(page, sizeof(page) - 1, PAGE_URL, NULL,
	    NULL, &l, err, sizeof(err)), 0);
	assert_int_equal(l.n, 6);
	assert_int_equal(l.v[0].published, 1796454000);	/* 07:00Z */
	assert_int_equal(l.v[1].published, 1796342400);
	assert_int_equal(l.v[2].published, ITEM_NO_TIME);
	assert_int_equal(l.v[3].published, ITEM_NO_TIME);
	assert_int_equal(l.v[4].published, ITEM_NO_TIME);
	assert_int_equal(l.v[5].published, 1796169600);
	item_list_free(&l);
}

/*
 * A card's link that wraps its date dates its item; a box holding two
 * cards is a list, whose first date is not each card's.
 */
static void
test_item_dates_cards(void **state)
{
	static const char page[] = "<div class=card><a href=/g><h3>Seven</h3>"
	    "<time datetime=2026-12-03>3 Dec</time></a></div><ul><li><a "
	    "href=/h><h3>Eight</h3><time datetime=2026-12-03>3 Dec</time></a>"
	    "<a href=/i><h3>Nine</h3></a></li></ul>";
	struct item_list	 l = { 0 };
	char			 err[128];

	(void)state;
	assert_int_equal(page_parse(page, sizeof(page) - 1, PAGE_URL, NULL,
	    NULL, &l, err, sizeof(err)), 0);
	assert_int_equal(l.n, 3);
	assert_int_equal(l.v[0].published, 1796256000);
	assert_int_equal(l.v[1].published, ITEM_NO_TIME);
	assert_int_equal(l.v[2].published, ITEM_NO_TIME);
	item_list_free(&l);
}

/* 2026-12-07T12:00:00Z, when the pages below were fetched. */
#define FETCHED		1796644800

/*
 * Relative dates in each language are dated from the fetch time; a day
 * without a time is its midnight UTC; nothing older than a month; a
 * button or a title is no date; without a fetch time, no date.
 */
static void
test_relative_dates(void **state)
{
	static const struct {
		const char	*text;
		int64_t		 ago;	/* seconds before FETCHED, or -1 */
	} cases[] = {
		{ "منذ ساعة", 3600 }, { "قبل 3 ساعات", 3 * 3600 },
		{ "منذ يومين", 2 * 86400 }, { "منذ ٥ دقائق", 300 },
		{ "منذ 11 ساعة", 11 * 3600 }, { "منذ دقيقتين", 120 },
		{ "نشر منذ ساعتين", 2 * 3600 }, { "منذ أسبوع", 7 * 86400 },
		{ "منذ ساعة و20 دقيقة", 4800 }, { "منذ لحظات", 0 },
		{ "الآن", 0 }, { "أمس", 12 * 3600 + 86400 },
		{ "أمس الساعة 10:30", 12 * 3600 + 86400 - 37800 },
		{ "2 hours ago", 7200 }, { "an hour ago", 3600 },
		{ "3h ago", 3 * 3600 }, { "5 mins ago", 300 },
		{ "Updated 2 days ago", 2 * 86400 }, { "just now", 0 },
		{ "Yesterday", 12 * 3600 + 86400 },
		{ "Yesterday at 10:30 PM", 12 * 3600 + 86400 - 81000 },
		{ "Today 09:15", 3 * 3600 - 900 },
		{ "a month ago", 30 * 86400 },
		{ "5 минут назад", 300 }, { "Час назад", 3600 },
		{ "2 часа назад", 7200 }, { "вчера в 14:30",
		    12 * 3600 + 86400 - 52200 }, { "только что", 0 },
		{ "il y a 3 heures", 3 * 3600 }, { "il y a une heure", 3600 },
		{ "Hier", 12 * 3600 + 86400 }, { "à l'instant", 0 },
		{ "2 сағат бұрын", 7200 }, { "3 saat önce", 3 * 3600 },
		/* Halves of a unit, after it and before it. */
		{ "منذ ساعة ونصف", 5400 }, { "منذ ساعة و نصف", 5400 },
		{ "منذ نصف ساعة", 1800 }, { "an hour and a half ago", 5400 },
		{ "half an hour ago", 1800 }, { "полчаса назад", 1800 },
		{ "il y a une heure et demie", 5400 },
		{ "منذ يوم ونصف", 129600 },
		{ "half", -1 }, { "منذ نصف", -1 }, { "half a day", -1 },
		/* Persian: "before" after the span, the hour's word before a
		 * time. */
		{ "۳ ساعت پیش", 3 * 3600 }, { "۴۵ دقیقه قبل", 2700 },
		{ "لحظاتی پیش", 0 }, { "دیروز", 12 * 3600 + 86400 },
		{ "دیروز ساعت ۱۶:۰۰", 12 * 3600 + 86400 - 57600 },
		{ "امروز ساعت ۰۹:۱۵", 3 * 3600 - 900 }, { "قبل", -1 },
		{ "پیش", -1 }, { "چند لحظه پیش", 0 },
		/* Arabic's "one" after the unit. */
		{ "قبل ساعة واحدة", 3600 }, { "منذ دقيقة واحدة", 60 },
		{ "منذ يوم واحد", 86400 }, { "منذ 3 ساعات واحدة", -1 },
		{ "2 months ago", -1 }, { "منذ 40 يوما", -1 },
		{ "شاهد الآن", -1 }, { "Watch now", -1 },
		{ "قبل الانتخابات", -1 },
		{ "5 قتلى في حادث سير", -1 }, { "Today", -1 },
		{ "منذ 3 ساعات في قلب العاصمة", -1 }, { "10 facts", -1 },
		{ "منذ", -1 }, { "ago", -1 },
		/* A time alone (the nearest past), a day with no year. */
		{ "14h30", 77400 }, { "à 14h30", 77400 }, { "à 10h15", 6300 },
		{ "Mis à jour à 10h15", 6300 }, { "в 09:40", 8400 },
		{ "14:30", -1 }, { "1:30", -1 }, { "14h305", -1 },
		{ "6 декабря, 14:30", 77400 }, { "6 déc. 14h30", 77400 },
		{ "Dec 6", 129600 }, { "9 декабря, 14:30", 31354200 },
		{ "5 May events", -1 }, { "30 февраля", -1 },
		/* Today's time still to come (the site's clock ahead of
		 * UTC): published by the fetch, dated at it. */
		{ "Today at 10:15 pm", 0 }, { "اليوم الساعة 10:15 م", 0 },
		{ "Сегодня в 22:15", 0 }, { "Today at 10:15 am", 6300 },
		/* A day with no year and a time after "at". */
		{ "Dec 6 at 10:15 am", 92700 },
		{ "6 ديسمبر الساعة 10:15", 92700 },
		{ "6 декабря в 10:15", 92700 },
	};
	size_t	 i;
	int64_t	 when;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		when = feed_date_relative(cases[i].text, FETCHED);
		if (cases[i].ago < 0 ? when != ITEM_NO_TIME :
		    when != FETCHED - cases[i].ago)
			fail_msg("%s: %lld", cases[i].text, (long long)when);
	}
	assert_int_equal(feed_date_relative("منذ ساعة", ITEM_NO_TIME),
	    ITEM_NO_TIME);
}

/*
 * A day with no year is the fetch's year's unless that is more than a day
 * ahead of the fetch (then last year's); Jan 1 read on Dec 31 is the next
 * year's.
 */
static void
test_relative_dates_year(void **state)
{
	(void)state;
	/* Tomorrow at 10:15, 22 h 15 ahead: a clock ahead, this year. */
	assert_int_equal(feed_date_relative("Dec 8 at 10:15 am", FETCHED),
	    FETCHED + 80100);
	assert_int_equal(feed_date_relative("8 декабря в 10:15", FETCHED),
	    FETCHED + 80100);
	/* 25 h 15 ahead: last year's. */
	assert_int_equal(feed_date_relative("Dec 8 at 1:15 pm", FETCHED),
	    FETCHED + 90900 - 365 * 86400);
	assert_int_equal(feed_date_relative("8 ديسمبر الساعة 13:15", FETCHED),
	    FETCHED + 90900 - 365 * 86400);
	/* 2026-12-31T23:00:00Z: "1 января 00:30" is 2027's. */
	assert_int_equal(feed_date_relative("1 января в 00:30", 1798758000),
	    1798763400);
}

/*
 * A page's "منذ ساعتين" is dated from the fetch time page_parse_rules is
 * given; the exact date its app data gives wins over it; page_parse, given
 * no fetch time, leaves it undated.
 */
static void
test_item_dates_relative(void **state)
{
	static const char page[] = "<ul><li><h3><a href=/a>Alpha story</a>"
	    "</h3><span>منذ ساعتين</span></li><li><h3><a href=/b>Beta story"
	    "</a></h3><span>2 hours ago</span></li></ul><script type="
	    "application/ld+json>{\"@type\":\"NewsArticle\",\"headline\":"
	    "\"Beta story\",\"url\":\"/b\",\"datePublished\":"
	    "\"2026-12-07T09:41:00Z\"}</script>";
	struct item_list	 l = { 0 };
	const char		**rules = NULL;
	char			 err[128];

	(void)state;
	assert_int_equal(page_parse_rules(page, sizeof(page) - 1, PAGE_URL,
	    NULL, NULL, FETCHED, &l, &rules, NULL, err, sizeof(err)), 0);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0].published, FETCHED - 7200);
	assert_int_equal(l.v[1].published, 1796636460);
	item_list_free(&l);
	free(rules);
	assert_int_equal(page_parse(page, sizeof(page) - 1, PAGE_URL, NULL,
	    NULL, &l, err, sizeof(err)), 0);
	assert_int_equal(l.v[0].published, ITEM_NO_TIME);
	item_list_free(&l);
}

/*
 * A script's date in a data- attribute of a <span> or <div> beside a
 * story's link (ISO, Unix seconds or milliseconds) dates it over the text
 * the script would replace; a data-time that is no date (a video's
 * length) leaves the text's date.
 */
static void
test_item_dates_data(void **state)
{
	static const char page[] = "<ul><li><h3><a href=/a>Alpha story</a>"
	    "</h3><span data-date=2026-12-07T13:00:00+03:00>منذ ساعتين</span>"
	    "</li><li><h3><a href=/b>Beta story</a></h3><div data-timestamp="
	    "1796540400000></div></li><li><h3><a href=/c>Gamma story</a></h3>"
	    "<span data-time=1796450400>أمس</span></li><li><h3><a href=/d>"
	    "Delta story</a></h3><span data-time=90>منذ ساعة</span></li></ul>";
	struct item_list	 l = { 0 };
	const char		**rules = NULL;
	char			 err[128];

	(void)state;
	assert_int_equal(page_parse_rules(page, sizeof(page) - 1, PAGE_URL,
	    NULL, NULL, FETCHED, &l, &rules, NULL, err, sizeof(err)), 0);
	assert_int_equal(l.n, 4);
	assert_int_equal(l.v[0].published, FETCHED - 7200);
	assert_int_equal(l.v[1].published, 1796540400);
	assert_int_equal(l.v[2].published, 1796450400);
	assert_int_equal(l.v[3].published, FETCHED - 3600);
	item_list_free(&l);
	free(rules);
}

/*
 * A live blog's entries, whose headlines link to their own places in the
 * page, are items each, their link and id that place; a link to another
 * entry ("latest update"), a heading's own anchor and #comments are none.
 */
static void
test_item_live_entries(void **state)
{
	static const char page[] = "<main><h1>Live: the summit</h1><p><a "
	    "href=#post-2>Latest update</a></p><div id=post-2><time datetime="
	    "2026-12-07T11:40:00+05:00>11:40</time><h3><a href=#post-2>Leaders "
	    "sign the transport corridor deal</a></h3><p>Text.</p><a href="
	    "#comments>Join the discussion about the summit</a></div><div id="
	    "post-1><h3><a href=" PAGE_URL "#post-1>The summit opens in the "
	    "capital this morning</a></h3></div><h2 id=more>More on the "
	    "summit<a href=#more>#</a></h2></main>";
	struct item_list	 l = { 0 };
	char			 err[128];

	(void)state;
	assert_int_equal(page_parse(page, sizeof(page) - 1, PAGE_URL, NULL,
	    NULL, &l, err, sizeof(err)), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].link, PAGE_URL "#post-2");
	assert_string_equal(l.v[0].id, PAGE_URL "#post-2");
	assert_int_equal(l.v[0].published, 1796625600);
	assert_string_equal(l.v[1].title,
	    "The summit opens in the capital this morning");
	assert_string_equal(l.v[1].id, PAGE_URL "#post-1");
	item_list_free(&l);
}

/*
 * A post with no headline whose permalink shows only its time (a Telegram
 * channel's web preview) is an item titled by its text's first line; a
 * card with a heading whose date links to the day's archive is not a post.
 */
static void
test_item_posts(void **state)
{
	static const char posts[] = "<main><div class=wrap><div class=msg>"
	    "<div class=text>First post about the gas pipeline talks<br>More "
	    "text</div><div class=foot><a href=/chan/1><time datetime="
	    "2026-12-06T09:12:00Z>09:12</time></a></div></div></div><div "
	    "class=wrap><div class=msg><div class=text>Second post about the "
	    "border deal today</div><div class=foot><a href=/chan/2><time "
	    "datetime=2026-12-06T10:00:00Z>10:00</time></a></div></div></div>"
	    "</main>";
	static const char card[] = "<main><div class=card><h3><a href="
	    "/news/2026/12/06/talks>Talks resume on the pipeline</a></h3><p>"
	    "A summary of the talks that resumed today in the capital</p><a "
	    "href=/archive/2026/12/06><time datetime=2026-12-06>6 Dec</time>"
	    "</a></div></main>";
	struct item_list	 l = { 0 };
	char			 err[128];

	(void)state;
	assert_int_equal(page_parse(posts, sizeof(posts) - 1, PAGE_URL, NULL,
	    NULL, &l, err, sizeof(err)), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].title,
	    "First post about the gas pipeline talks");
	assert_string_equal(l.v[0].link, SITE "/chan/1");
	assert_string_equal(l.v[0].summary,
	    "First post about the gas pipeline talks More text");
	assert_int_equal(l.v[0].published, 1796548320);
	assert_int_equal(l.v[1].published, 1796551200);
	item_list_free(&l);
	assert_int_equal(page_parse(card, sizeof(card) - 1, PAGE_URL, NULL,
	    NULL, &l, err, sizeof(err)), 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].title, "Talks resume on the pipeline");
	item_list_free(&l);
}

/*
 * Lazy-loaded cards titled only by their pictures' alt text or their
 * links' labels: each card's date is its own, not the first card's.
 */
static void
test_item_dates_lazy_cards(void **state)
{
	static const char page[] = "<main><div class=grid><div class=item><a "
	    "href=/news/2026/12/06/a aria-label=\"Alpha story about the talks"
	    "\"><img data-src=/a.jpg alt=\"\"></a><span>06/12/2026 09:40</span>"
	    "</div><div class=item><a href=/news/2026/12/06/b><img data-src="
	    "/b.jpg alt=\"Beta story about the talks\"></a><span>06/12/2026 "
	    "08:15</span></div></div></main>";
	struct item_list	 l = { 0 };
	char			 err[128];

	(void)state;
	assert_int_equal(page_parse(page, sizeof(page) - 1, PAGE_URL, NULL,
	    NULL, &l, err, sizeof(err)), 0);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0].published, 1796550000);
	assert_int_equal(l.v[1].published, 1796544900);
	item_list_free(&l);
}

/*
 * An archive that writes each day as a heading over its stories dates
 * each story by the heading above its list; a story heading (a link) is no
 * day, and a heading that is no date dates nothing.
 */
static void
test_item_dates_day_headings(void **state)
{
	static const char page[] = "<main><div><h2>Friday, 5 December 2026"
	    "</h2><ul><li><a href=/2026/12/05/a>Alpha story about the pipeline"
	    "</a></li></ul><h2>Latest</h2><ul><li><a "
	    "href=/news/beta-pipeline-talks>Beta "
	    "story about the pipeline</a></li></ul><h3>4 December 2026</h3>"
	    "<h3><a href=/2026/12/04/c>Gamma story about the pipeline</a></h3>"
	    "<h3><a href=/2026/12/04/d>Delta story about the pipeline</a></h3>"
	    "</div></main>";
	struct item_list	 l = { 0 };
	char			 err[128];

	(void)state;
	assert_int_equal(page_parse(page, sizeof(page) - 1, PAGE_URL, NULL,
	    NULL, &l, err, sizeof(err)), 0);
	assert_int_equal(l.n, 4);
	assert_int_equal(l.v[0].published, 1796428800);
	assert_int_equal(l.v[1].published, ITEM_NO_TIME);
	assert_int_equal(l.v[2].published, 1796342400);
	assert_int_equal(l.v[3].published, 1796342400);
	item_list_free(&l);
}

/*
 * A ranked list with no label (five to ten numbered titles, an <ol> or
 * rows showing 1..N) beside a main list that names more stories gives no
 * items; a main list that is an <ol> beside a smaller sidebar stays.
 */
static void
test_default_rules_rank_aside(void **state)
{
	static const char aside[] = "<div class=row><div class=main>"
	    "<h3><a href=/news/2026/12/06/1>Main story one about the talks</a>"
	    "</h3><h3><a href=/news/2026/12/06/2>Main story two about the "
	    "talks</a></h3><h3><a href=/news/2026/12/06/3>Main story three "
	    "about the talks</a></h3><h3><a href=/news/2026/12/06/4>Main story "
	    "four about the talks</a></h3><h3><a href=/news/2026/12/06/5>Main "
	    "story five about the talks</a></h3><h3><a href=/news/2026/12/06/6>"
	    "Main story six about the talks</a></h3></div><div class=side>"
	    "<div><span>1</span><a href=/news/2026/11/1>Old story one about "
	    "the dam</a></div><div><span>2</span><a href=/news/2026/11/2>Old story "
	    "two about the dam</a></div><div><span>3</span><a href=/news/2026/"
	    "11/3>Old story three about the dam</a></div><div><span>4</span><a "
	    "href=/news/2026/11/4>Old story four about the dam</a></div><div>"
	    "<span>5</span><a href=/news/2026/11/5>Old story five about the dam"
	    "</a></div></div></div>";
	static const char main_ol[] = "<div class=row><div class=main><ol>"
	    "<li><a href=/news/2026/12/06/1>Main story one about the talks</a>"
	    "</li><li><a href=/news/2026/12/06/2>Main story two about the talks"
	    "</a></li><li><a href=/news/2026/12/06/3>Main story three about the"
	    " talks</a></li><li><a href=/news/2026/12/06/4>Main story four "
	    "about the talks</a></li><li><a href=/news/2026/12/06/5>Main story "
	    "five about the talks</a></li></ol></div><div class=side><h3><a "
	    "href=/opinion/2026/12/05/7>An opinion piece about the talks</a>"
	    "</h3></div></div>";
	struct item_list	 l = { 0 };
	char			 err[128];

	(void)state;
	assert_int_equal(page_parse(aside, sizeof(aside) - 1, PAGE_URL, NULL,
	    NULL, &l, err, sizeof(err)), 0);
	assert_int_equal(l.n, 6);
	assert_string_equal(l.v[5].title, "Main story six about the talks");
	item_list_free(&l);
	assert_int_equal(page_parse(main_ol, sizeof(main_ol) - 1, PAGE_URL,
	    NULL, NULL, &l, err, sizeof(err)), 0);
	assert_int_equal(l.n, 6);
	assert_string_equal(l.v[0].title, "Main story one about the talks");
	item_list_free(&l);
}

/*
 * A sidebar (an <aside>, a box of class sidebar) is never the main list:
 * however many stories it names before or beside an unlabelled <ol> of
 * five, the <ol> is the main list and stays.
 */
static void
test_default_rules_rank_beside_sidebar(void **state)
{
	static const char page[] = "<div class=row><aside>"
	    "<h3><a href=/opinion/2026/12/05/1>Opinion one about the talks</a>"
	    "</h3><h3><a href=/opinion/2026/12/05/2>Opinion two about the talks"
	    "</a></h3><h3><a href=/opinion/2026/12/05/3>Opinion three about the"
	    " talks</a></h3><h3><a href=/opinion/2026/12/05/4>Opinion four "
	    "about the talks</a></h3><h3><a href=/opinion/2026/12/05/5>Opinion "
	    "five about the talks</a></h3><h3><a href=/opinion/2026/12/05/6>"
	    "Opinion six about the talks</a></h3></aside><div class=main><ol>"
	    "<li><a href=/news/2026/12/06/1>Main story one about the talks</a>"
	    "</li><li><a href=/news/2026/12/06/2>Main story two about the talks"
	    "</a></li><li><a href=/news/2026/12/06/3>Main story three about the"
	    " talks</a></li><li><a href=/news/2026/12/06/4>Main story four "
	    "about the talks</a></li><li><a href=/news/2026/12/06/5>Main story "
	    "five about the talks</a></li></ol></div></div>";
	static const char *const want[] = {
		"Main story one about the talks", SITE "/news/2026/12/06/1",
		"Main story two about the talks", SITE "/news/2026/12/06/2",
		"Main story three about the talks", SITE "/news/2026/12/06/3",
		"Main story four about the talks", SITE "/news/2026/12/06/4",
		"Main story five about the talks", SITE "/news/2026/12/06/5",
	};

	(void)state;
	assert_default_items(page, want, nitems(want) / 2);
}

/*
 * A flat list (titles, dates and leads as siblings, no box per story)
 * dates each story by the date written between it and the next story, or,
 * where the list writes each date before its title, between it and the
 * story before; a story with none beside it has none (not its
 * neighbour's), the list's order telling which side is its own: in a
 * list that writes dates below titles, an undated title does not take
 * the date of the story above it, nor, dates above titles, the one of
 * the story below.
 */
static void
test_flat_list_dates(void **state)
{
	static const char after[] = "<div class=feed>"
	    "<div class=t><a href=/news/2026/12/06/1>Talks on the Caspian "
	    "corridor resume in Baku</a></div><div class=d>06.12.2026 09:40"
	    "</div><p>Lead one.</p>"
	    "<div class=t><a href=/news/2026/12/06/2>Tashkent opens its new "
	    "metro line this week</a></div><div class=d><span>06.12.2026 08:15"
	    "</span> <span>Politics</span></div><p>Lead two.</p>"
	    "<div class=t><a href=/news/2026/12/05/3>Bishkek and Dushanbe sign "
	    "the border protocol</a></div><div class=d>05.12.2026 21:00</div>"
	    "</div>";
	static const char before[] = "<div class=feed>"
	    "<span class=d>06.12.2026 09:40</span><h3><a href=/news/2026/12/06/1>"
	    "Talks on the Caspian corridor resume in Baku</a></h3>"
	    "<span class=d>06.12.2026 08:15</span><h3><a href=/news/2026/12/06/2>"
	    "Tashkent opens its new metro line this week</a></h3>"
	    "<span class=d>05.12.2026 21:00</span><h3><a href=/news/2026/12/05/3>"
	    "Bishkek and Dushanbe sign the border protocol</a></h3></div>";
	static const char lone[] = "<div class=feed>"
	    "<h3><a href=/news/talks-1>Talks on the Caspian corridor "
	    "resume in Baku</a></h3><p>Lead one.</p>"
	    "<h3><a href=/news/2026/12/06/2>Tashkent opens its new metro line "
	    "this week</a></h3><span class=d>06.12.2026 08:15</span></div>";
	static const char after_gap[] = "<div class=feed>"
	    "<div class=t><a href=/news/2026/12/06/1>Talks on the Caspian "
	    "corridor resume in Baku</a></div><div class=d>06.12.2026 09:40"
	    "</div><p>Lead one.</p>"
	    "<div class=t><a href=/news/metro-2>Tashkent opens its new "
	    "metro line this week</a></div><p>Lead two.</p>"
	    "<div class=t><a href=/news/2026/12/05/3>Bishkek and Dushanbe sign "
	    "the border protocol</a></div><div class=d>05.12.2026 21:00</div>"
	    "<p>Lead three.</p></div>";
	static const char before_gap[] = "<div class=feed>"
	    "<span class=d>06.12.2026 09:40</span><h3><a "
	    "href=/news/2026/12/06/1>Talks on the Caspian corridor resume in "
	    "Baku</a></h3><p>Lead one.</p><h3><a href=/news/metro-2>Tashkent "
	    "opens its new metro line this week</a></h3><p>Lead two.</p>"
	    "<span class=d>05.12.2026 21:00</span><h3><a "
	    "href=/news/2026/12/05/3>Bishkek and Dushanbe sign the border "
	    "protocol</a></h3><p>Lead three.</p></div>";
	static const char *const pages[] = { after, before };
	static const char *const gaps[] = { after_gap, before_gap };
	static const int64_t want[] = { 1796550000, 1796544900, 1796504400 };
	static const int64_t want_gap[] = { 1796550000, ITEM_NO_TIME,
	    1796504400 };
	struct item_list	 l = { 0 };
	char			 err[128];
	size_t			 k;

	(void)state;
	for (k = 0; k < nitems(pages); k++) {
		assert_int_equal(page_parse(pages[k], strlen(pages[k]),
		    PAGE_URL, NULL, NULL, &l, err, sizeof(err)), 0);
		assert_published(&l, want, nitems(want));
		item_list_free(&l);
	}
	for (k = 0; k < nitems(gaps); k++) {
		assert_int_equal(page_parse(gaps[k], strlen(gaps[k]),
		    PAGE_URL, NULL, NULL, &l, err, sizeof(err)), 0);
		assert_published(&l, want_gap, nitems(want_gap));
		item_list_free(&l);
	}
	assert_int_equal(page_parse(lone, sizeof(lone) - 1, PAGE_URL, NULL,
	    NULL, &l, err, sizeof(err)), 0);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0].published, ITEM_NO_TIME);
	assert_int_equal(l.v[1].published, 1796544900);
	item_list_free(&l);
}

/*
 * A Next.js App Router page's payload (self.__next_f.push([1,"..."]), its
 * pieces joined, a row cut between two) gives the stories its rows hold,
 * the strings' escapes read as JavaScript's (\" \n \uXXXX, a surrogate
 * pair as one character); rows that are no JSON and pushes of another
 * kind give none.
 */
static void
test_page_appdata_flight(void **state)
{
	static const char page[] = "<h1>News</h1>"
	    "<script>(self.__next_f=self.__next_f||[]).push([0]);"
	    "self.__next_f.push([2,null])</script>"
	    "<script>self.__next_f.push([1,\"2:I[\\\"81\\\",[],\\\"List\\\"]\\n"
	    "3:[\\\"$\\\",\\\"$L2\\\",null,{\\\"stories\\\":[{\\\"title\\\":"
	    "\\\"\\u0643\\u0627\\u0632\\u0627\\u062e\\u0633\\u062a\\u0627\\u0646 "
	    "\\ud83d\\udd34 signs the \\\\\\\"grid\\\\\\\" deal\\\",\\\"url\\\":"
	    "\\\"/n/2026/7\\\",\\\"publishedAt\\\":\\\"2026-12-06T08:00:00Z\\\"},"
	    "\"])</script>"
	    "<script>self.__next_f.push([1,\"{\\\"title\\\":\\\"Astana hosts "
	    "the \\u003cb\\u003esummit\\u003c/b\\u003e\\\",\\\"href\\\":"
	    "\\\"/n/2026/8\\\",\\\"date\\\":\\\"2026-12-05\\\"}]}]\\n"
	    "4:T2a,\"])</script>";
	struct item_list	 l = { 0 };
	const char		**rules = NULL;
	char			 err[64];

	(void)state;
	assert_int_equal(page_parse_rules(page, sizeof(page) - 1, PAGE_URL,
	    NULL, NULL, ITEM_NO_TIME, &l, &rules, NULL, err,
	    sizeof(err)), 0);
	assert_int_equal(l.n, 2);
	assert_str("title 0", l.v[0].title,
	    "كازاخستان \xF0\x9F\x94\xB4 signs the \"grid\" deal");
	assert_str("link 0", l.v[0].link, SITE "/n/2026/7");
	assert_int_equal(l.v[0].published, 1796544000);
	assert_str("rule 0", rules[0], "app data");
	assert_str("title 1", l.v[1].title, "Astana hosts the summit");
	assert_int_equal(l.v[1].published, 1796428800);
	free(rules);
	item_list_free(&l);
}

/*
 * A date in a part of its own of a meta line (set off by a bar, a bullet,
 * a middle dot or an em dash; an element's whole text, or a text beside
 * an author's link) dates its item, the first part that is one; a hyphen
 * does not set off parts ("06/12/2026 - 10:15" is one date), and a part
 * that is a count is no date.
 */
static void
test_item_dates_meta_line(void **state)
{
	static const char page[] = "<main>"
	    "<div><h2><a href=/2026/12/06/1>Talks on the Caspian corridor "
	    "resume in Baku</a></h2><p>By <a href=/author/a>Aigerim N.</a> | "
	    "December 6, 2026 | <a href=/2026/12/06/1#comments>3 comments</a>"
	    "</p></div>"
	    "<div><h2><a href=/2026/12/06/2>Tashkent opens its new metro line "
	    "this week</a></h2><span>Политика \xE2\x80\xA2 5 декабря 2026, "
	    "14:30</span></div>"
	    "<div><h2><a href=/2026/12/06/3>Bishkek and Dushanbe sign the "
	    "border protocol</a></h2><span>بقلم: المحرر | 07/12/2026 - 10:15"
	    "</span></div>"
	    "<div><h2><a href=/2026/12/06/4>Ashgabat hosts the gas forum next "
	    "month</a></h2><span>6 декабря 2026 \xC2\xB7 5 min read</span>"
	    "</div>"
	    "<div><h2><a href=/news/almaty-smog>Almaty smog returns with the "
	    "first "
	    "frost</a></h2><span>Comments | 3</span></div>"
	    "<div><h2><a href=/2026/12/06/6>Astana signs the transit deal with "
	    "Baku</a></h2><p>By <a href=/author/b>Staff</a> | 06 Dec 2026 | "
	    "10:15 GMT | <a href=/world>World</a></p></div>"
	    "<div><h2><a href=/2026/12/06/7>Bishkek names its new envoy to "
	    "Tashkent</a></h2><span>Politics | 06 Dec 2026 | 12 comments"
	    "</span></div></main>";
	static const int64_t want[] = {
		1796515200, 1796481000, 1796638500, 1796515200, ITEM_NO_TIME,
		1796552100, 1796515200,
	};
	struct item_list	 l = { 0 };
	char			 err[128];

	(void)state;
	assert_int_equal(page_parse(page, sizeof(page) - 1, PAGE_URL, NULL,
	    NULL, &l, err, sizeof(err)), 0);
	assert_published(&l, want, nitems(want));
	item_list_free(&l);
}

/* A day order case: the page's language, its story's date, other text. */
struct order_case {
	const char	*lang, *day, *other;
	int64_t		 want;
};

/*
 * Check the date of the one story of a page in lang whose <time> says day
 * and whose footer says other, fetched at now (or ITEM_NO_TIME).
 */
static void
check_order_case(const struct order_case *c, int64_t now)
{
	struct item_list	 l = { 0 };
	char			 page[512], err[128];

	snprintf(page, sizeof(page), "<html lang=\"%s\"><body><main>"
	    "<article><h2><a href=/2026/12/05/1>Astana signs the transit deal "
	    "with Baku</a></h2><time>%s</time></article></main><footer><p>%s"
	    "</p></footer></body></html>", c->lang, c->day, c->other);
	assert_int_equal(page_parse_rules(page, strlen(page), PAGE_URL, NULL,
	    NULL, now, &l, NULL, NULL, err, sizeof(err)), 0);
	assert_int_equal(l.n, 1);
	if (l.v[0].published != c->want)
		fail_msg("%s, %s, \"%s\": got %lld, want %lld", c->lang, c->day,
		    c->other, (long long)l.v[0].published, (long long)c->want);
	item_list_free(&l);
}

/*
 * Days in digits read in the page's order: the dates on it with a part
 * over 12 (a real day: a phone number's 34 is none) vote, else its
 * language does (English unqualified or US English month first).
 */
static void
test_item_dates_page_order(void **state)
{
	static const struct order_case	 cases[] = {
		{ "en", "12/05/2026", "", 1796428800 },
		{ "en-US", "12/05/2026", "", 1796428800 },
		{ "en-GB", "12/05/2026", "", 1778544000 },
		{ "ar", "12/05/2026", "", 1778544000 },
		{ "en", "12/05/2026", "Updated 25/11/2026", 1778544000 },
		{ "en-GB", "12/05/2026", "Updated 11/30/2026", 1796428800 },
		{ "en-GB", "12/05/2026", "Tel. 12-34-5678", 1778544000 },
		{ "en-GB", "12/05/2026", "Call 112/30/2026", 1778544000 },
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < nitems(cases); i++)
		check_order_case(&cases[i], ITEM_NO_TIME);
}

/*
 * Days in digits whose parts do not say their order, on a page fetched on
 * December 7th: read in the order that makes them recent, whatever the
 * page's language says; an archive's old dates vote neither way (its
 * language decides), and a date whose parts say the order still decides.
 */
static void
test_item_dates_recent_order(void **state)
{
	static const struct order_case	 cases[] = {
		{ "en", "07/12/2026", "", 1796601600 },
		{ "en-GB", "12/06/2026", "", 1796515200 },
		{ "ar", "06/12/2026", "", 1796515200 },
		{ "en", "04/03/2019", "", 1554249600 },
		{ "ar", "04/03/2019", "", 1551657600 },
		{ "en", "06/12/2026", "Updated 25/06/2026", 1796515200 },
		{ "ar", "06/12/2026", "Updated 06/25/2026", 1781222400 },
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < nitems(cases); i++)
		check_order_case(&cases[i], FETCHED);
}

/*
 * A news feed's stories under a day's label (a <div>, not a heading) with
 * their times alone: that day at that time; a day only relative to the
 * fetch ("Вчера") gives way to the exact date the JSON-LD gives.
 */
static void
test_item_dates_day_label(void **state)
{
	static const char page[] = "<div class=day>Вчера</div><ul>"
	    "<li><span>11:20</span> <a href=/ru/news/1>Астана открыла новую "
	    "линию легкорельсового транспорта</a></li>"
	    "<li><span>09:05</span> <a href=/ru/news/2>Нацбанк сохранил "
	    "базовую ставку на прежнем уровне</a></li></ul>"
	    "<div class=day>5 декабря</div><ul>"
	    "<li><span>22:40</span> <a href=/ru/news/3>В Алматы из-за "
	    "снегопада закрыли перевалы в горах</a></li></ul>"
	    "<script type=application/ld+json>{\"@type\":\"NewsArticle\","
	    "\"headline\":\"Нацбанк сохранил базовую ставку на прежнем "
	    "уровне\",\"url\":\"/ru/news/2\",\"datePublished\":"
	    "\"2026-12-06T04:05:30Z\"}</script>";
	static const int64_t want[] = { 1796556000, 1796529930, 1796510400 };
	struct item_list	 l = { 0 };
	const char		**rules = NULL;
	char			 err[128];

	(void)state;
	assert_int_equal(page_parse_rules(page, sizeof(page) - 1, PAGE_URL,
	    NULL, NULL, FETCHED, &l, &rules, NULL, err, sizeof(err)), 0);
	assert_published(&l, want, nitems(want));
	item_list_free(&l);
	free(rules);
}

/*
 * A story the page gives no date takes the day its link's path names
 * (/2026/12/06/, RIA's /20261205/), never the query's, at the time of day
 * its box writes alone if it does (never after the fetch); a written date
 * wins over the path's; a date more than a day after the fetch (a year
 * mistyped, a path's day to come, a month 13) is none.
 */
static void
test_item_dates_url_future(void **state)
{
	static const char page[] = "<ul>"
	    "<li><h3><a href=/ar/news/2026/12/06/101>Astana hosts the Central "
	    "Asian summit</a></h3></li>"
	    "<li><h3><a href=/20261205/story-102.html>Tashkent opens a new "
	    "metro line</a></h3></li>"
	    "<li><h3><a href=/news/story-103>Bishkek limits trucks over winter "
	    "smog</a></h3><span>6 ديسمبر 2062</span></li>"
	    "<li><h3><a href=/news/2026/12/06/104>Dushanbe raises the price of "
	    "power</a></h3><span>6 ديسمبر 2062</span></li>"
	    "<li><h3><a href=/news/2026/12/01/105>Rare earths draw European "
	    "investors</a></h3><span>6 December 2026, 10:15</span></li>"
	    "<li><h3><a href=/news/story-106?day=2026/12/06>Almaty airport "
	    "opens a second runway</a></h3></li>"
	    "<li><h3><a href=/news/2026/12/09/107>Oil prices climb as stocks "
	    "fall</a></h3></li>"
	    "<li><h3><a href=/news/2026/13/45/108>Turkmen gas to China hits a "
	    "record</a></h3></li>"
	    "<li><h3><a href=/20261207/wheat-109.html>Kazakh wheat exports "
	    "reach a record</a></h3><span>09:15</span></li>"
	    "<li><h3><a href=/20261207/envoy-110.html>Bishkek names its new "
	    "envoy to Tashkent</a></h3><span>14:30</span></li></ul>";
	/* 2026-12-06, 2026-12-05, none, 2026-12-06, 2026-12-06T10:15Z,
	 * none, none, none, 2026-12-07T09:15Z, the fetch (14:30 is after
	 * it) */
	static const int64_t want[] = { 1796515200, 1796428800, ITEM_NO_TIME,
	    1796515200, 1796552100, ITEM_NO_TIME, ITEM_NO_TIME, ITEM_NO_TIME,
	    1796634900, FETCHED };
	(void)state;
	assert_page_dated(page, sizeof(page) - 1, FETCHED, want,
	    nitems(want));
}

/*
 * A page whose machine dates write the site's zone (+03:00) has its
 * "Сегодня", "Вчера" and day headings read on that clock: fetched at
 * 22:30 UTC, Moscow's today is already December 7th.
 */
static void
test_item_dates_site_zone(void **state)
{
	static const char page[] = "<ul><li><a href=/ru/news/1>Астана "
	    "открыла новую линию легкорельсового транспорта</a> <span>Сегодня "
	    "в 01:00</span></li><li><a href=/ru/news/2>Нацбанк сохранил "
	    "базовую ставку на прежнем уровне</a> <span>Вчера в 23:40</span>"
	    "</li><li><a href=/ru/news/3>В Алматы из-за снегопада закрыли "
	    "перевалы в горах</a> <time datetime=2026-12-06T21:00:00+03:00>"
	    "21:00</time></li></ul><div class=day>Сегодня</div><ul><li><span>"
	    "01:10</span> <a href=/ru/news/4>Правительство утвердило новую "
	    "программу развития энергетики</a></li></ul>";
	/* 2026-12-06T22:00Z, 20:40Z, 18:00Z, 22:10Z */
	static const int64_t want[] = { 1796594400, 1796589600, 1796580000,
	    1796595000 };
	struct item_list	 l = { 0 };
	const char		**rules = NULL;
	char			 err[128];

	(void)state;
	assert_int_equal(page_parse_rules(page, sizeof(page) - 1, PAGE_URL,
	    NULL, NULL, 1796596200, &l, &rules, NULL, err, sizeof(err)), 0);
	assert_published(&l, want, nitems(want));
	item_list_free(&l);
	free(rules);
}

/*
 * A page on Moscow's clock (its stories' <time datetime>s write +03:00):
 * the dates its JSON-LD and app state write with a time and no zone are
 * on that clock too, as its written ones are; app data's "date_gmt" and a
 * "Z" stay UTC's. The zone-less dates outnumber the ones with an offset
 * and cast no vote for UTC.
 */
static void
test_item_dates_data_site_zone(void **state)
{
	static const char page[] = "<ul><li><a href=/n/2026/1>Astana opens "
	    "a new light rail line</a> <time datetime=2026-12-06T14:20:00+03:00>"
	    "14:20</time></li><li><a href=/n/2026/2>The central bank holds its "
	    "base rate</a> <time datetime=2026-12-06T13:05:00+03:00>13:05</time>"
	    "</li><li><a href=/n/2026/3>Snow closes the mountain passes near "
	    "Almaty</a></li></ul><script type=application/ld+json>{\"@type\":"
	    "\"ItemList\",\"itemListElement\":[{\"@type\":\"ListItem\","
	    "\"item\":{\"@type\":\"NewsArticle\",\"headline\":\"Snow "
	    "closes the mountain passes near Almaty\",\"url\":\"/n/2026/3\","
	    "\"datePublished\":\"2026-12-06T12:40:00\"}},{\"@type\":"
	    "\"ListItem\",\"item\":{\"@type\":\"NewsArticle\",\"headline"
	    "\":\"Tokayev meets the leaders of Central Asia\",\"url\":"
	    "\"/n/2026/4\",\"datePublished\":\"2026-12-06T11:00:00\"}}]}"
	    "</script><script id=__NEXT_DATA__ type=application/json>{\"props"
	    "\":{\"items\":[{\"title\":\"The government approves an energy "
	    "plan\",\"url\":\"/n/2026/5\",\"publishedAt\":\"2026-12-06 "
	    "10:15:00\"},{\"title\":\"Oil and gas talks resume\",\"url\":"
	    "\"/n/2026/6\",\"date_gmt\":\"2026-12-06T07:30:00\"},{\"title"
	    "\":\"Grain exports grow again\",\"url\":\"/n/2026/7\","
	    "\"publishedAt\":\"2026-12-06T06:00:00Z\"}]}}</script>";
	/* 11:20Z, 10:05Z, then 09:40Z, 08:00Z, 07:15Z (Moscow's 12:40,
	 * 11:00, 10:15), 07:30Z and 06:00Z as written */
	static const int64_t want[] = { 1796556000, 1796551500, 1796550000,
	    1796544000, 1796541300, 1796542200, 1796536800 };
	(void)state;
	assert_page_dated(page, sizeof(page) - 1, 1796562000, want,
	    nitems(want));
}

/*
 * A page on Moscow's clock whose app data and JSON-LD (Yoast's, a Node
 * server's) write their dates in UTC as +00:00, more of them than its
 * stories' <time datetime>s write +03:00: the scripts' +00:00 is the
 * server's default, not the site's clock, so the dates written without a
 * zone are on Moscow's. The scripts' own dates stay the instants they say.
 */
static void
test_item_dates_script_utc(void **state)
{
	static const char page[] = "<ul><li><a href=/n/2026/1>Astana opens "
	    "a new light rail line</a> <time datetime=2026-12-06T14:20:00+03:00>"
	    "14:20</time></li><li><a href=/n/2026/2>The central bank holds its "
	    "base rate</a> <time datetime=2026-12-06T13:05:00+03:00>13:05</time>"
	    "</li><li><a href=/n/2026/3>Snow closes the mountain passes near "
	    "Almaty</a> <span>06.12.2026 12:40</span></li></ul>"
	    "<script type=application/ld+json>{\"@graph\":[{\"@type\":"
	    "\"CollectionPage\",\"datePublished\":\"2026-01-10T08:00:00+00:00"
	    "\",\"dateModified\":\"2026-12-06T09:00:00+00:00\"}]}</script>"
	    "<script id=__NEXT_DATA__ type=application/json>{\"props\":{"
	    "\"items\":[{\"title\":\"The government approves an energy plan"
	    "\",\"url\":\"/n/2026/5\",\"createdAt\":\"2026-12-06T07:15:00"
	    "+00:00\",\"updatedAt\":\"2026-12-06T07:20:00+00:00\"},{\"title"
	    "\":\"Grain exports grow again\",\"url\":\"/n/2026/7\","
	    "\"createdAt\":\"2026-12-06T06:00:00+00:00\",\"updatedAt\":"
	    "\"2026-12-06T06:10:00+00:00\"}]}}</script>";
	/* 11:20Z, 10:05Z, 09:40Z (Moscow's 12:40), then 07:15Z, 06:00Z */
	static const int64_t want[] = { 1796556000, 1796551500, 1796550000,
	    1796541300, 1796536800 };
	(void)state;
	assert_page_dated(page, sizeof(page) - 1, 1796562000, want,
	    nitems(want));
}

/*
 * A story's teaser is its summary: the <p> or excerpt beside its headline
 * in its <article> or card (its "Continue reading" link's text left out),
 * a lead after its title in a flat list, cut to 600 bytes at a word; not
 * a byline, a title held in a <p>, a sidebar's text, nor an article
 * page's body beside a related link.
 */
static void
test_item_teasers(void **state)
{
	static const char page[] = "<main><article><h2><a href=/n/1>Astana "
	    "hosts the Central Asian summit</a></h2><p>By Staff</p><p>The "
	    "leaders of the five states meet to sign a transport pact. <span "
	    "class=more><a href=/n/1#more>Continue reading<span> Astana hosts "
	    "the summit</span></a></span></p></article><article><a href=/n/2>"
	    "<img src=/i.jpg>"
	    "<p class=title>Tashkent opens a new metro line today</p></a>"
	    "<span>6 December 2026, 10:15</span></article><article><h2><a "
	    "href=/n/3>Rare earths draw European investors to the steppe</a>"
	    "</h2><div class=excerpt>@LONG@</div></article><div class=feed><div>"
	    "<a href=/n/4>Bishkek limits trucks over winter smog</a></div><div>"
	    "6 December 2026, 09:00</div><p class=lead>The ban starts Monday."
	    "</p><div><a href=/n/5>Dushanbe raises the price of electricity for "
	    "industry</a></div></div></main><aside><p>Our newsroom covers the "
	    "whole of Central Asia every day of the year.</p><ul><li><a "
	    "href=/n/6>Oil prices climb as stocks fall in America</a></li></ul>"
	    "</aside><div class=body><p>@LONG@</p><p>@LONG@</p><p>@LONG@</p>"
	    "<p>Read also: <a href=/n/7>Almaty airport opens a second runway "
	    "for cargo</a></p></div>";
	static const char *const want[] = {
	    "The leaders of the five states meet to sign a transport pact.",
	    NULL, NULL, "The ban starts Monday.", NULL, NULL,
	};
	const char	*sentence = "Kazakhstan and Uzbekistan agreed to build "
	    "a new railway line across the steppe. ";
	struct buf	 b = { 0 }, lng = { 0 };
	struct item_list l = { 0 };
	char		 err[128];
	const char	*at, *p = page;
	size_t		 i;

	(void)state;
	for (i = 0; i < 10; i++)
		buf_puts(&lng, sentence);
	buf_putc(&lng, '\0');
	while ((at = strstr(p, "@LONG@")) != NULL) {
		while (p < at)
			buf_putc(&b, *p++);
		buf_puts(&b, lng.data);
		p = at + strlen("@LONG@");
	}
	buf_puts(&b, p);
	assert_int_equal(page_parse_rules(b.data, b.len, PAGE_URL, NULL, NULL,
	    FETCHED, &l, NULL, NULL, err, sizeof(err)), 0);
	assert_int_equal(l.n, nitems(want));
	for (i = 0; i < nitems(want); i++) {
		if (i == 2)
			continue;
		if (want[i] == NULL)
			assert_null(l.v[i].summary);
		else
			assert_string_equal(l.v[i].summary, want[i]);
	}
	/* The long excerpt: its first 600 bytes at most, cut at a word,
	 * marked. */
	assert_non_null(p = l.v[2].summary);
	i = strlen(p) - strlen("\u2026");
	assert_true(i <= 600 && i > 500);
	assert_string_equal(p + i, "\u2026");
	assert_memory_equal(p, lng.data, i);
	assert_int_equal(lng.data[i], ' ');
	item_list_free(&l);
	buf_free(&b);
	buf_free(&lng);
}

/*
 * An old table layout's lead, a <font> under its title in the story's row,
 * is its teaser (not the row's date, nor the size-1 byline), and so is a
 * blog's snippet however short where its markup names it the post's
 * description (Blogger's itemprop) or a snippet; a short <p> that nothing
 * names stays none.
 */
static void
test_item_teasers_font_snippet(void **state)
{
	static const char page[] = "<table><tr><td><a href=/n/1><b>Astana "
	    "hosts the Central Asian summit this week</b></a><br><font size=1>"
	    "2026/12/06</font><br><font size=2>The leaders of the five states "
	    "meet to sign a transport pact.</font></td></tr><tr><td><a "
	    "href=/n/2><b>Tashkent opens a new metro line across the city</b>"
	    "</a><br><font size=1>2026/12/05</font></td></tr></table>"
	    "<div class=post><h3 class=post-title><a href=/2026/12/p1.html>"
	    "Night train from Almaty</a></h3><div class='post-body "
	    "entry-content' itemprop='description articleBody'><p>Thirteen "
	    "hours of steppe...</p></div></div>"
	    "<div class=post><h3 class=post-title><a href=/2026/12/p2.html>"
	    "Samarkand in winter</a></h3><div class=snippet-item>No tourists "
	    "anywhere...</div></div>"
	    "<div class=post><h3 class=post-title><a href=/2026/12/p3.html>"
	    "Bukhara at dawn</a></h3><p>Three short words.</p></div>";
	static const char *const want[] = {
	    "The leaders of the five states meet to sign a transport pact.",
	    NULL, "Thirteen hours of steppe...", "No tourists anywhere...",
	    NULL,
	};
	struct item_list l = { 0 };
	char		 err[128];
	size_t		 i;

	(void)state;
	assert_int_equal(page_parse_rules(page, sizeof(page) - 1, PAGE_URL,
	    NULL, NULL, FETCHED, &l, NULL, NULL, err, sizeof(err)), 0);
	assert_int_equal(l.n, nitems(want));
	for (i = 0; i < nitems(want); i++)
		assert_str("summary", l.v[i].summary, want[i]);
	item_list_free(&l);
}

/*
 * An article page's JSON-LD date without a zone is on the clock its
 * <meta> date writes (fetch = article dates an undated item by it).
 */
static void
test_jsonld_article_zone(void **state)
{
	static const char page[] = "<meta property=article:published_time "
	    "content=2026-12-06T08:00:00+03:00><script type=application/ld+json>"
	    "{\"@type\":\"NewsArticle\",\"headline\":\"Putin visits Astana"
	    "\",\"datePublished\":\"2026-12-06T08:00:00\",\"articleBody\":"
	    "\"The story.\"}</script><div><p>The story.</p></div>";
	struct page_article	 a;

	(void)state;
	page_article_read(page, strlen(page), PAGE_URL, NULL, &a);
	assert_int_equal(a.published, 1796533200);
	page_article_free(&a);
}

/*
 * The zone an ISO 8601 date-time writes, in ASCII or Arabic-Indic digits;
 * none for Z, a date, a text.
 */
static void
test_date_offset(void **state)
{
	static const struct {
		const char	*s;
		int		 off;	/* or -1: none */
	} cases[] = {
		{ "2026-12-06T14:20:00+05:00", 18000 },
		{ "2026-12-06T14:20:00.000-0330", -12600 },
		{ "2026-12-06 14:20:00+03", 10800 },
		{ "2026-12-06T14:20:00+00:00", 0 },
		{ "2026-12-06T14:20:00Z", -1 }, { "2026-12-06", -1 },
		{ "2026-12-06T14:20:00", -1 }, { "2026-12-06T14:20:00+25:00", -1 },
		{ "Сегодня в 14:20 +03:00", -1 }, { "+03:00", -1 },
		/* Arabic-Indic digits, as Arab sites' <time datetime>. */
		{ "٢٠٢٦-١٢-٠٦T١٤:٢٠:٠٠+٠٣:٠٠", 10800 },
		{ "٢٠٢٦-١٢-٠٦", -1 },
	};
	size_t	 i;
	int	 off;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		off = -1;
		if (feed_date_offset(cases[i].s, strlen(cases[i].s), &off) != 0)
			off = -1;
		if (off != cases[i].off)
			fail_msg("%s: %d", cases[i].s, off);
	}
}

/* CSS selectors and XPath: count, first title and first link. */
static void
test_selectors(void **state)
{
	static const struct {
		const char	*sel;
		size_t		 n;
		const char	*title, *link;
	} cases[] = {
		{ "article h2 a", 6, NULL, NULL },
		{ "h2.entry-title > a", 6, NULL, NULL },
		{ "main#content article.post h2 a[rel=bookmark]", 6, NULL, NULL },
		{ "xpath://article//h2/a", 6, NULL, NULL },
		{ "  xpath: //h2[@class='entry-title']", 6, NULL, NULL },
		{ "ARTICLE H2", 6, NULL, NULL },
		{ ".most-read a", 3, "كازاخستان ترفض عرض العضوية في مجموعة البريكس",
		    SITE "/2025/10/30/kazakhstan-brics/" },
		{ "aside h4 a, .ticker li a", 5,
		    "عاجل: وفد اقتصادي كازاخستاني يصل إلى نيويورك",
		    SITE "/2025/11/08/breaking-astana-visit/" },
		{ "a[href^='/2025/10']", 3, NULL, NULL },
		{ "a[href*=\"brics\"]", 1, NULL, NULL },
		{ "[class~=next]", 1, "التالي", SITE "/category/politics/page/2/" },
		{ "span.cat", 5, "تقارير", SITE "/category/reports/" },
		{ "article time", 4, "منذ ساعتين", NULL },
		{ "nav.main-menu li", 7, "الرئيسية", SITE "/" },
		{ "footer p", 1, "© 2025 رياليست عربي. جميع الحقوق محفوظة.", NULL },
		{ "table td", 0, NULL, NULL },
	};
	struct item_list	 l = { 0 };
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		parse_ok("pages/listing.html", NULL, cases[i].sel, &l);
		if (l.n != cases[i].n)
			fail_msg("%s: %zu items, want %zu", cases[i].sel, l.n,
			    cases[i].n);
		if (cases[i].n == 6)
			assert_listing(&l);
		if (cases[i].title != NULL) {
			assert_str(cases[i].sel, l.v[0].title, cases[i].title);
			assert_str(cases[i].sel, l.v[0].link, cases[i].link);
		}
		item_list_free(&l);
	}
}

/* An element that is not a link takes its first link, or its ancestor's. */
static void
test_selected_element_links(void **state)
{
	struct item_list	 l = { 0 };

	(void)state;
	parse_ok("pages/listing.html", NULL, "article", &l);
	assert_int_equal(l.n, 6);
	assert_str("link", l.v[0].link, listing_links[0]);
	assert_non_null(strstr(l.v[0].title, listing_titles[0]));
	assert_non_null(strstr(l.v[0].title, "منذ ساعتين"));
	item_list_free(&l);
	parse_ok("pages/listing.html", NULL, ".logo span", &l);
	assert_int_equal(l.n, 1);
	assert_str("title", l.v[0].title, "عربي");
	assert_str("link", l.v[0].link, SITE "/");
	item_list_free(&l);
	/* A javascript: link is dropped; the item stays, linkless. */
	parse_ok("pages/listing.html", NULL, "a.search-toggle", &l);
	assert_int_equal(l.n, 1);
	assert_str("title", l.v[0].title, "بحث");
	assert_null(l.v[0].link);
	item_list_free(&l);
}

/* Selector syntax: what passes page_selector_check, and what does not. */
static void
test_selector_check(void **state)
{
	static const char *const good[] = {
		"a", "article h2 a", "div > ul li.x a[href]", "*", ".a.b#c",
		"a[data-x = 'y z']", "h1, h2 ,h3", "[href]", "أخبار a",
		"xpath://a[@href]", "xpath:count(//a)",
	};
	static const struct {
		const char	*sel, *err;
	} bad[] = {
		{ "", "selector: empty" },
		{ "   ", "selector: empty" },
		{ "article >", "selector: expected a selector" },
		{ "a >> b", "selector: expected a selector" },
		{ "a,", "selector: expected a selector" },
		{ ", a", "selector: expected a selector" },
		{ "a[href", "selector: expected ]" },
		{ "a[href=x", "selector: expected ]" },
		{ "a[href='x]", "selector: unterminated string" },
		{ "a[=x]", "selector: expected a name" },
		{ "a[href=]", "selector: expected a value" },
		{ "a:hover", "selector: unsupported syntax" },
		{ "a + b", "selector: expected a selector" },
		{ "div.", "selector: expected a name" },
		{ "xpath:", "selector: empty XPath" },
		{ "xpath://a[", "selector: not a valid XPath" },
		{ "xpath:)(", "selector: not a valid XPath" },
	};
	char	 err[256];
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (page_selector_check(good[i], err, sizeof(err)) != 0)
			fail_msg("%s: %s", good[i], err);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		assert_int_equal(page_selector_check(bad[i].sel, err,
		    sizeof(err)), -1);
		if (strncmp(err, bad[i].err, strlen(bad[i].err)) != 0)
			fail_msg("\"%s\": got \"%s\"", bad[i].sel, err);
	}
	assert_int_equal(page_selector_check(NULL, err, sizeof(err)), -1);
}

/* page_parse reports a bad selector, and an XPath that selects no nodes. */
static void
test_parse_errors(void **state)
{
	struct item_list	 l = { 0 };
	char			 err[256];

	(void)state;
	assert_int_equal(page_parse("<p>x</p>", 8, PAGE_URL, NULL, "a[", &l,
	    err, sizeof(err)), -1);
	assert_non_null(strstr(err, "selector"));
	assert_int_equal(page_parse("<p>x</p>", 8, PAGE_URL, NULL,
	    "xpath:count(//p)", &l, err, sizeof(err)), -1);
	assert_string_equal(err, "selector: does not select elements");
	assert_int_equal(page_parse("", 0, PAGE_URL, NULL, NULL, &l, err,
	    sizeof(err)), -1);
	assert_string_equal(err, "empty body");
	assert_int_equal(page_parse(" \n", 2, PAGE_URL, NULL, NULL, &l, err,
	    sizeof(err)), -1);
	assert_int_equal(l.n, 0);
	item_list_free(&l);
}

/* windows-1256 pages: by <meta charset>, by HTTP charset, and by guess. */
static void
test_encodings(void **state)
{
	static const struct {
		const char	*file, *charset;
	} cases[] = {
		{ "pages/listing-cp1256.html", NULL },
		{ "pages/listing-cp1256.html", "windows-1256" },
		{ "pages/listing-cp1256-nometa.html", "windows-1256" },
		{ "pages/listing-cp1256-nometa.html", "cp1256" },
		{ "pages/listing-cp1256-nometa.html", NULL },
		{ "pages/listing.html", "iso-8859-1" },
	};
	struct item_list	 l = { 0 };
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		parse_ok(cases[i].file, cases[i].charset, "article h2 a", &l);
		assert_listing(&l);
		item_list_free(&l);
	}
}

/* <base href> rebases relative links; only http(s) bases count. */
static void
test_base_href(void **state)
{
	static const char page[] = "<html><head><base href='/ar/'></head>"
	    "<body><h2><a href='news/1'>One</a></h2><h2><a href='/news/2'>"
	    "Two</a></h2><h2><a href='news/1'>Dup</a></h2></body></html>";
	struct item_list	 l = { 0 };
	char			 err[64];

	(void)state;
	assert_int_equal(page_parse(page, sizeof(page) - 1, PAGE_URL, NULL,
	    NULL, &l, err, sizeof(err)), 0);
	assert_int_equal(l.n, 2);
	assert_str("link", l.v[0].link, SITE "/ar/news/1");
	assert_str("link", l.v[1].link, SITE "/news/2");
	item_list_free(&l);
}

/*
 * Feed autodiscovery: the page's own feed (under its path), else the first
 * RSS/Atom alternate, made absolute.
 */
static void
test_feed_link(void **state)
{
	static const struct {
		const char	*html, *want;
	} cases[] = {
		{ "<link rel=alternate type='application/atom+xml' href=a.xml>",
		    SITE "/category/politics/a.xml" },
		{ "<head><link rel='Alternate' type='APPLICATION/RSS+XML; "
		    "charset=utf-8' href='//feeds.example.net/x'>",
		    "https://feeds.example.net/x" },
		{ "<link rel='alternate stylesheet' type='text/css' href=s.css>"
		    "<link rel='home alternate' type=application/rdf+xml href=r>",
		    SITE "/category/politics/r" },
		{ "<link rel=alternate type=application/rss+xml "
		    "href='javascript:x()'><link rel=alternate "
		    "type=application/rss+xml href=/ok>", SITE "/ok" },
		{ "<link rel=alternate hreflang=en href=/en/>", NULL },
		{ "<link rel=stylesheet type=application/rss+xml href=/no>",
		    NULL },
		{ "<p>no links</p>", NULL },
		{ "<link rel=alternate type=application/rss+xml href=/feed/>"
		    "<link rel=alternate type=application/rss+xml "
		    "href=/comments/feed/><link rel=alternate "
		    "type=application/rss+xml href=/category/politics/feed/>",
		    SITE "/category/politics/feed/" },
		{ "<link rel=alternate type=application/rss+xml href=/feed/>"
		    "<link rel=alternate type=application/rss+xml "
		    "href=/category/politics-and-more/feed/>", SITE "/feed/" },
	};
	char	*u, *data;
	size_t	 i, len;

	(void)state;
	data = slurp("pages/with-feed.html", &len);
	u = page_feed_link(data, len, "https://asdaa.example.net/ar/", NULL);
	assert_str("with-feed", u, "https://asdaa.example.net/feed.xml");
	free(u);
	free(data);
	data = slurp("pages/listing.html", &len);
	assert_null(page_feed_link(data, len, PAGE_URL, NULL));
	free(data);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		u = page_feed_link(cases[i].html, strlen(cases[i].html),
		    PAGE_URL, NULL);
		assert_str(cases[i].html, u, cases[i].want);
		free(u);
	}
	assert_null(page_feed_link("", 0, PAGE_URL, NULL));
}

/* Whether s names a day alone, on a site's clock three hours east. */
static int
is_day(const char *s)
{
	int	 day;

	feed_date_day_on(s, 10800, &day);
	return day;
}

/*
 * A <time> whose datetime names a day alone and whose text is relative is
 * dated by its text when that falls within the day on the site's clock
 * (+03:00, as the third story's date writes), by its day when not; a
 * datetime with a time of day is taken as it is. A day-only value is no
 * time of day, a Unix time or a date-time at midnight is.
 */
static void
test_item_dates_day_machine(void **state)
{
	static const char page[] = "<article><h2><a href=/n/2026/12/07/1>"
	    "Kazakhstan opens a new rail corridor to China</a></h2><time "
	    "datetime=2026-12-07>منذ 3 ساعات</time></article><article><h2>"
	    "<a href=/n/2026/12/05/2>The central bank of Uzbekistan cuts its "
	    "rate</a></h2><time datetime=2026-12-05>منذ 3 ساعات</time>"
	    "</article><article><h2><a href=/n/2026/12/07/3>Tajikistan "
	    "reopens its border crossing with China</a></h2><time "
	    "datetime=2026-12-07T08:00:00+03:00>منذ 4 ساعات</time></article>";
	/* Dec 7 09:00Z (3 h before the fetch), Dec 5 00:00Z, Dec 7 05:00Z */
	static const int64_t want[] = { 1796634000, 1796428800, 1796619600 };
	(void)state;
	assert_page_dated(page, sizeof(page) - 1, FETCHED, want,
	    nitems(want));
	assert_true(is_day("2026-12-07"));
	assert_true(is_day("07.12.2026"));
	assert_true(is_day("7 December 2026"));
	assert_true(is_day("Tue, 08 Dec 2026"));
	assert_false(is_day("2026-12-07T00:00:00Z"));
	assert_false(is_day("2026-12-07T10:00"));
	assert_false(is_day("20261207T000000Z"));
	assert_false(is_day("1796601600"));
	assert_false(is_day("yesterday"));
}

/*
 * A story dated only in its text gets that date, however an Arabic site
 * writes it; a count, a lone year, a time of day or "3 hours ago" is no
 * date.
 */
static void
test_written_dates(void **state)
{
	static const struct {
		const char	*text;
		int64_t		 want;
	} cases[] = {
		{ "\xd9\xa1\xd9\xa2 \xd8\xaf\xd9\x8a\xd8\xb3\xd9\x85"
		    "\xd8\xa8\xd8\xb1 \xd9\xa2\xd9\xa0\xd9\xa2\xd9\xa6",
		    1797033600 },				/* ١٢ ديسمبر ٢٠٢٦ */
		{ "6 \xd8\xaf\xd9\x8a\xd8\xb3\xd9\x85\xd8\xa8\xd8\xb1"
		    "\xd8\x8c 2026", 1796515200 },		/* 6 ديسمبر، 2026 */
		{ "07/12/2026 - 10:15", 1796638500 },
		{ "12/25/2026", 1798156800 },
		{ "2026-12-05 14:30", 1796481000 },
		{ "2026", ITEM_NO_TIME },
		{ "10:45", ITEM_NO_TIME },
		{ "1,204", ITEM_NO_TIME },
		{ "\xd9\x85\xd9\x86\xd8\xb0 3 \xd8\xb3\xd8\xa7\xd8\xb9"
		    "\xd8\xa7\xd8\xaa", ITEM_NO_TIME },	/* منذ 3 ساعات */
	};
	struct item_list	 l = { 0 };
	char			 page[512], err[64];
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(page, sizeof(page), "<div class=row><h3><a href="
		    "/n/2026/%zu>Astana hosts the Central Asia summit</a></h3>"
		    "<span class=date>%s</span></div><div class=row><h3><a "
		    "href=/n/2026/x>Another story on the same page</a></h3>"
		    "</div>", i, cases[i].text);
		assert_int_equal(page_parse(page, strlen(page), PAGE_URL, NULL,
		    NULL, &l, err, sizeof(err)), 0);
		assert_int_equal(l.n, 2);
		if (l.v[0].published != cases[i].want)
			fail_msg("%s: %lld", cases[i].text,
			    (long long)l.v[0].published);
		item_list_free(&l);
	}
}

/*
 * The dates a page writes for machines in an item's box: hAtom's <abbr
 * class=published title=>, microdata's itemprop=datePublished (a <meta>'s
 * content=, Blogger's <abbr title=> around "10:30 ص"); one that does not
 * read gives way to the next date of the box.
 */
static void
test_item_dates_machine(void **state)
{
	static const char page[] = "<div class=post><h3><a href=/p/1>One</a>"
	    "</h3><span>6 Dec 2026</span><abbr class='published' "
	    "title='2026-12-06T10:30:00+05:00'>10:30</abbr></div>"
	    "<div class=post><h3><a href=/p/2>Two</a></h3><meta "
	    "itemprop=datePublished content=2026-12-05T08:00:00Z></div>"
	    "<div class=post><h3><a href=/p/3>Three</a></h3><abbr "
	    "itemprop='datePublished' title='2026-12-04T19:05:00+05:00'>"
	    "7:05 م</abbr></div><div class=post><h3><a href=/p/4>Four</a></h3>"
	    "<time datetime=soon>soon</time><time datetime=2026-12-03>3 Dec"
	    "</time></div>";
	struct item_list	 l = { 0 };
	char			 err[128];

	(void)state;
	assert_int_equal(page_parse(page, sizeof(page) - 1, PAGE_URL, NULL,
	    NULL, &l, err, sizeof(err)), 0);
	assert_int_equal(l.n, 4);
	assert_int_equal(l.v[0].published, 1796535000);
	assert_int_equal(l.v[1].published, 1796457600);
	assert_int_equal(l.v[2].published, 1796393100);
	assert_int_equal(l.v[3].published, 1796256000);
	item_list_free(&l);
}

/*
 * A story first met undated (a breaking-news bar) is dated where its link
 * comes again with a date (the list); a date beside an icon (<i
 * class=icon-clock></i>) is a date written as text.
 */
static void
test_item_dates_again(void **state)
{
	static const char page[] = "<div class=urgent><a href=/n/2026/12/06/"
	    "quake>Earthquake of magnitude 4.1 hits the coast</a></div><ul>"
	    "<li><span class=date>06.12.2026 10:02</span> <a href=/n/2026/12/"
	    "06/quake>Earthquake of magnitude 4.1 hits the coast</a></li><li>"
	    "<span class=date><i class=icon-clock></i> 5 Dec 2026 - 21:10"
	    "</span> <a href=/n/2026/12/05/ferry>The ferry returns to its "
	    "line</a></li></ul>";
	struct item_list	 l = { 0 };
	char			 err[128];

	(void)state;
	assert_int_equal(page_parse(page, sizeof(page) - 1, PAGE_URL, NULL,
	    NULL, &l, err, sizeof(err)), 0);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0].published, 1796551320);
	assert_int_equal(l.v[1].published, 1796505000);
	item_list_free(&l);
}

/*
 * A link that shows only a glyph beside its picture (a video's "▶") is
 * titled by the picture; a service's URL with a slug after it is still a
 * service (a newsletter's signup), one with a number an article, and so is
 * a slug that only starts with a service's word.
 */
static void
test_default_rules_glyphs_services(void **state)
{
	static const char page[] = "<div><a href=/video/2026/12/06/88120>"
	    "<img src=/v.jpg alt='Watch: the moment the new line opened'>"
	    "<span class=play>\xe2\x96\xb6</span></a></div><p><a href="
	    "/newsletters/central-asia-briefing>Sign up for our weekly Central "
	    "Asia briefing</a></p><h3><a href=/live/2026/12/06/summit-updates>"
	    "Live: the summit day by day</a></h3><p><a href=/live-updates-from-"
	    "the-summit>Live updates from the summit in Astana</a></p>";
	static const char *const want[] = {
		"Live: the summit day by day",
		SITE "/live/2026/12/06/summit-updates",
		"Live updates from the summit in Astana",
		SITE "/live-updates-from-the-summit",
		"Watch: the moment the new line opened",
		SITE "/video/2026/12/06/88120",
	};

	(void)state;
	assert_default_items(page, want, nitems(want) / 2);
}

/*
 * A page's app state (Next.js's __NEXT_DATA__): its stories the markup did
 * not show are items with their dates (an ISO string, Unix milliseconds, a
 * WordPress "rendered" title); a story the markup gave gets its date; a
 * menu without dates, a one-word label, another site's story and the next
 * page are not stories.
 */
static void
test_page_appdata(void **state)
{
	static const char page[] = "<h2><a href=/n/2026/1>Gold rises to a "
	    "two-month high</a></h2><script id=__NEXT_DATA__ "
	    "type=application/json>{\"props\":{\"pageProps\":{\"menu\":["
	    "{\"title\":\"World news\",\"url\":\"/n/2026/world-news-today\"},"
	    "{\"title\":\"Central Asia\",\"url\":\"/tag/central-asia\"}],"
	    "\"items\":[{\"title\":\"Gold rises\",\"url\":\"/n/2026/1\","
	    "\"date\":\"2026-12-06T08:00:00Z\"},{\"title\":\"Astana hosts the "
	    "summit\",\"link\":\"/n/2026/2\",\"publishedAt\":1796551200000},"
	    "{\"title\":{\"rendered\":\"Oil &amp; gas talks\"},\"href\":"
	    "\"/n/2026/3\",\"date_gmt\":\"2026-12-05T10:00:00\"},"
	    "{\"title\":\"Video\",\"url\":\"/n/2026/5\",\"date\":\"2026-12-05\"},"
	    "{\"title\":\"An offer you want\",\"url\":"
	    "\"https://other.example/n/2026/4\",\"date\":\"2026-12-05\"},"
	    "{\"title\":\"More stories here\",\"url\":\"/n?page=2\","
	    "\"date\":\"2026-12-05\"}]}}}</script>";
	struct item_list	 l = { 0 };
	const char		**rules = NULL;
	char			 err[64];

	(void)state;
	assert_int_equal(page_parse_rules(page, sizeof(page) - 1, PAGE_URL,
	    NULL, NULL, ITEM_NO_TIME, &l, &rules, NULL, err,
	    sizeof(err)), 0);
	assert_int_equal(l.n, 3);
	assert_str("title 0", l.v[0].title, "Gold rises to a two-month high");
	assert_int_equal(l.v[0].published, 1796544000);
	assert_str("title 1", l.v[1].title, "Astana hosts the summit");
	assert_str("link 1", l.v[1].link, SITE "/n/2026/2");
	assert_int_equal(l.v[1].published, 1796551200);
	assert_str("rule 1", rules[1], "app data");
	assert_str("title 2", l.v[2].title, "Oil & gas talks");
	assert_int_equal(l.v[2].published, 1796464800);
	free(rules);
	item_list_free(&l);
}

/*
 * A store's initial state assigned to a window global, code after it: a
 * story that names only its slug is placed where the markup's link to
 * another story shows that story's slug (the same prefix and trailing
 * slash), so that the markup's story is not given twice.
 */
static void
test_page_appdata_slug(void **state)
{
	static const char page[] = "<div><a href=/ru/news/gold-rises-again/>"
	    "Gold rises to a two-month high</a></div><script>"
	    "window.__INITIAL_STATE__ = {\"feed\":{\"items\":[{\"slug\":"
	    "\"gold-rises-again\",\"title\":\"Gold rises\",\"published_at\":"
	    "1796544000},{\"slug\":\"astana-hosts-the-summit\",\"title\":"
	    "\"Astana hosts the summit\",\"published_at\":1796551200}]},"
	    "\"menu\":[{\"slug\":\"world\",\"title\":\"World news\"}]};"
	    "(function(){var s=document.currentScript;}());</script>";
	struct item_list	 l = { 0 };
	char			 err[64];

	(void)state;
	assert_int_equal(page_parse(page, sizeof(page) - 1, PAGE_URL, NULL,
	    NULL, &l, err, sizeof(err)), 0);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0].published, 1796544000);
	assert_str("link 1", l.v[1].link,
	    SITE "/ru/news/astana-hosts-the-summit/");
	assert_int_equal(l.v[1].published, 1796551200);
	assert_null(l.v[1].id);
	item_list_free(&l);
}

/*
 * App state is read within bounds: a story nested deeper than 32 levels
 * is not looked for, and what is not JSON gives nothing.
 */
static void
test_appdata_bounds(void **state)
{
	struct item_list	 l = { 0 };
	struct buf		 b = { 0 };
	static const char story[] = "{\"title\":\"Astana hosts the summit\","
	    "\"url\":\"/n/2026/2\",\"date\":\"2026-12-06\"}";
	int			 i;

	(void)state;
	assert_int_equal(feed_appdata("window.x = 1", 12, SITE, 0, &l), 0);
	for (i = 0; i < 40; i++)
		buf_puts(&b, "{\"a\":");
	buf_puts(&b, story);
	for (i = 0; i < 40; i++)
		buf_putc(&b, '}');
	assert_int_equal(feed_appdata(b.data, b.len, SITE, 0, &l), 0);
	b.len = 0;
	buf_printf(&b, "{\"a\":{\"b\":[%s]}}", story);
	assert_int_equal(feed_appdata(b.data, b.len, SITE, 0, &l), 1);
	assert_str("link", l.v[0].link, SITE "/n/2026/2");
	buf_free(&b);
	item_list_free(&l);
}

/* Every page named in EXPECTED.tsv parses to exactly the titles listed. */
static void
test_expected_tsv(void **state)
{
	struct item_list	 l = { 0 };
	char			*data, *line, *save, *file, *title, cur[128] = "";
	const char		*cs;
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
		if (strncmp(file, "pages/", 6) != 0)
			continue;
		if (strcmp(file, cur) != 0) {
			assert_int_equal(l.n, k);
			item_list_free(&l);
			cs = strstr(file, "nometa") ? "windows-1256" : NULL;
			parse_ok(file, cs, NULL, &l);
			snprintf(cur, sizeof(cur), "%s", file);
			k = 0;
		}
		assert_true(k < l.n);
		assert_str(file, l.v[k++].title, title);
		checked++;
	}
	assert_int_equal(l.n, k);
	assert_int_equal(checked, 20);
	item_list_free(&l);
	free(data);
}

/* A deeply nested page neither crashes nor loses the link at the bottom. */
static void
test_deep_nesting(void **state)
{
	struct item_list	 l = { 0 };
	char			*page, err[64];
	size_t			 i, n = 20000, len = 0;

	(void)state;
	page = malloc(n * 5 + 64);
	assert_non_null(page);
	for (i = 0; i < n; i++, len += 5)
		memcpy(page + len, "<div>", 5);
	len += (size_t)sprintf(page + len, "<h2><a href=/deep>Deep</a></h2>");
	assert_int_equal(page_parse(page, len, PAGE_URL, NULL, "h2", &l, err,
	    sizeof(err)), 0);
	assert_int_equal(l.n, 1);
	item_list_free(&l);
	free(page);
}

/* Append the story k of a listing: a heading link in an <article>. */
static void
story(struct buf *b, size_t k)
{
	buf_printf(b, "<article><h2><a href=\"/2026/12/%zu-talks\">Story "
	    "number %zu of the day</a></h2></article>", k, k);
}

/*
 * The default rules over a page: as many items as want, the story k the
 * k-th, and whether it was read flat (info's nested note).
 */
static void
stories_read(const struct buf *b, size_t first, size_t want, int nested)
{
	struct item_list	 l = { 0 };
	struct page_info	 info = { 0 };
	char			 err[64], link[128];
	size_t			 i;

	assert_int_equal(page_parse_rules(b->data, b->len, PAGE_URL, NULL,
	    NULL, ITEM_NO_TIME, &l, NULL, &info, err, sizeof(err)), 0);
	assert_int_equal(l.n, want);
	for (i = 0; i < l.n; i++) {
		snprintf(link, sizeof(link), SITE "/2026/12/%zu-talks",
		    first + i);
		assert_str("link", l.v[i].link, link);
	}
	assert_int_equal(info.nested != NULL, nested);
	page_info_free(&info);
	item_list_free(&l);
}

/*
 * Stories after a nesting deeper than libxml2's parser goes (256) are all
 * read, the one at the bottom of the nesting too: past the depth the
 * wrapping <div>s (or <b><i> pairs, too many to tell apart) are read flat,
 * and info says so.
 */
static void
test_deep_nesting_stories(void **state)
{
	static const struct {
		size_t		 depth;
		const char	*open, *close;
	} nests[] = {
		{ 300, "<div class=\"wrap\">", "</div>" },
		{ 1000, "<div class=\"wrap\">", "</div>" },
		{ 10000, "<div class=\"wrap\">", "</div>" },
		{ 5000, "<b><i>", "</i></b>" },
	};
	struct buf		 b = { 0 };
	size_t			 i, k, d;

	(void)state;
	for (d = 0; d < nitems(nests); d++) {
		buf_puts(&b, "<html><body>");
		for (i = 0; i < nests[d].depth; i++)
			buf_puts(&b, nests[d].open);
		story(&b, 0);
		for (i = 0; i < nests[d].depth; i++)
			buf_puts(&b, nests[d].close);
		for (k = 1; k <= 30; k++)
			story(&b, k);
		buf_puts(&b, "</body></html>");
		stories_read(&b, 0, 31, 1);
		b.len = 0;
	}
	buf_free(&b);
}

/*
 * A template that leaves a <div> open per story nests story k k deep:
 * every one of 200 (within libxml2's 256 levels) and of 400 (past them)
 * is read, in page order.
 */
static void
test_leaky_template(void **state)
{
	static const size_t	 counts[] = { 200, 400 };
	struct buf		 b = { 0 };
	size_t			 c, k;

	(void)state;
	for (c = 0; c < nitems(counts); c++) {
		buf_puts(&b, "<html><body><main>");
		for (k = 0; k < counts[c]; k++) {
			buf_puts(&b, "<div class=\"story\">");
			story(&b, k);
		}
		buf_puts(&b, "</main></body></html>");
		stories_read(&b, 0, counts[c], 1);
		b.len = 0;
	}
	buf_free(&b);
}

/*
 * Traps: a page deep only by what HTML closes by itself (a thousand <p>
 * and <li> left open), by void or empty tags, or by tags in a script or a
 * comment is read as it is written.
 */
static void
test_shallow_not_flat(void **state)
{
	struct buf	 b = { 0 };
	size_t		 k;

	(void)state;
	buf_puts(&b, "<html><body><script>var s = '");
	for (k = 0; k < 1000; k++)
		buf_puts(&b, "<div>");
	buf_puts(&b, "';</script><!--");
	for (k = 0; k < 1000; k++)
		buf_puts(&b, "<span>");
	buf_puts(&b, "--><ul>");
	for (k = 0; k < 1000; k++)
		buf_printf(&b, "<li><p>Line %zu<br><img src=\"/i.png\">"
		    "<span/><i title=\"a > b\">x</i>", k);
	buf_puts(&b, "</ul>");
	for (k = 0; k < 5; k++)
		story(&b, k);
	stories_read(&b, 0, 5, 0);
	buf_free(&b);
}

/*
 * A page of a thousand stories, each linked from its heading and again
 * from its comments (#respond), gives each story once, in page order; and
 * a selector's elements without a link count once per title.
 */
static void
test_many_links_once(void **state)
{
	struct item_list	 l = { 0 };
	struct buf		 b = { 0 };
	char			 err[64], want[128];
	size_t			 i, n = 1000;

	(void)state;
	for (i = 0; i < n; i++)
		buf_printf(&b, "<article><h2><a href=\"/2026/12/%zu-talks\">"
		    "Story number %zu of the day</a></h2><a href=\"/2026/12/"
		    "%zu-talks#respond\">Comments on story %zu here</a>"
		    "</article>", i, i, i, i);
	assert_int_equal(page_parse(b.data, b.len, PAGE_URL, NULL, NULL, &l,
	    err, sizeof(err)), 0);
	assert_int_equal(l.n, n);
	for (i = 0; i < n; i += 97) {
		snprintf(want, sizeof(want), SITE "/2026/12/%zu-talks", i);
		assert_str("link", l.v[i].link, want);
	}
	item_list_free(&l);
	b.len = 0;
	for (i = 0; i < 3 * n; i++)
		buf_printf(&b, "<p class=\"flash\">Flash %zu</p>", i % 300);
	assert_int_equal(page_parse(b.data, b.len, PAGE_URL, NULL, "p.flash",
	    &l, err, sizeof(err)), 0);
	assert_int_equal(l.n, 300);
	assert_str("title", l.v[299].title, "Flash 299");
	assert_null(l.v[299].link);
	item_list_free(&l);
	buf_free(&b);
}

/* The main text page_article_read finds in a page, or NULL. Caller frees. */
static char *
article_text(const char *page, size_t len)
{
	struct page_article	 a;
	char			*text;

	page_article_read(page, len, PAGE_URL, NULL, &a);
	text = a.text;
	a.text = NULL;
	page_article_free(&a);
	return text;
}

/* An article page's main text is its body paragraphs, and nothing else. */
static void
test_article_text(void **state)
{
	static const char *const names[] = {
		"a1", "a2", "a3", "comments", "br-body", "div-paras", "jsonld",
	};
	char	 name[64], *page, *want, *got;
	size_t	 i, len, wlen;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(name, sizeof(name), "articles/%s.html", names[i]);
		page = slurp(name, &len);
		snprintf(name, sizeof(name), "articles/%s.txt", names[i]);
		want = slurp(name, &wlen);
		if (wlen > 0 && want[wlen - 1] == '\n')
			want[wlen - 1] = '\0';
		got = article_text(page, len);
		assert_str(name, got, want);
		free(got);
		free(want);
		free(page);
	}
}

/* Pages without a block of paragraphs have no article text. */
static void
test_article_text_none(void **state)
{
	static const char *const pages[] = {
		"",
		"<p>",
		"<nav><p>menu text that is long enough to count</p></nav>",
		"<div><p><a href=/x>only a link in this paragraph</a></p></div>",
		"<footer><p>all rights reserved</p></footer><form><p>x</p></form>",
	};
	size_t	 i;
	char	*got;

	(void)state;
	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		got = article_text(pages[i], strlen(pages[i]));
		assert_str(pages[i], got, NULL);
		free(got);
	}
}

/*
 * A body without <p> is read by its lines and paragraph <div>s; readers'
 * comments and sidebars are never the article, an opinion column
 * ("commentary") is.
 */
static void
test_article_text_shapes(void **state)
{
	static const struct {
		const char	*page, *want;
	} cases[] = {
		{ "<p>Home | World | Sport</p><div id=story>The first line of "
		    "the story.<br><br>The second line of it.<br><b>Read also:"
		    "</b> <a href=/x>another story about it</a></div>",
		    "The first line of the story. The second line of it." },
		{ "<div class=body><div>One paragraph of the story.</div><div>"
		    "Another one.</div></div><p>A caption.</p>",
		    "One paragraph of the story. Another one." },
		{ "<div class=body><div><p>One paragraph, wrapped.</p></div>"
		    "<div><div><p>Another, wrapped twice.</p></div></div></div>"
		    "<p>A caption.</p>",
		    "One paragraph, wrapped. Another, wrapped twice." },
		{ "<div class=body><p>The short story.</p></div><div "
		    "id=comments><p>A reader's comment, longer than the story."
		    "</p><p>Another one.</p></div>", "The short story." },
		{ "<nav><p>menu</p></nav><div class='opinion commentary'><p>"
		    "An opinion column.</p></div>", "An opinion column." },
		{ "<div class=story><p>A short story.</p></div><div class='col "
		    "sidebar'><p>A long summary of the most read story.</p><p>"
		    "And of the next one.</p></div><div id=sidebar><p>A very "
		    "long summary of a story that many have read.</p></div>",
		    "A short story." },
	};
	size_t	 i;
	char	*got;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		got = article_text(cases[i].page, strlen(cases[i].page));
		assert_str(cases[i].page, got, cases[i].want);
		free(got);
	}
}

/*
 * A listing's JSON-LD: the elements of its ItemList (a name and a URL, or
 * an article) are items when the markup did not give them, a markup item
 * takes its date from there; a breadcrumb, the page itself, another site,
 * an element without a name and a block that is not JSON give none. Line
 * breaks written raw into a string do not lose the block.
 */
static void
test_jsonld_listing(void **state)
{
	static const char page[] = "<script type='application/ld+json'>"
	    "{\"@type\":\"BreadcrumbList\",\"itemListElement\":[{\"@type\":"
	    "\"ListItem\",\"name\":\"World\",\"item\":\"/world/2026/x-y-z\"}]}"
	    "</script><script type='Application/LD+JSON'>{\"@graph\":[{\"@type\":"
	    "\"ItemList\",\"itemListElement\":["
	    "{\"@type\":\"ListItem\",\"url\":\"/n/1\",\"name\":\"Astana\nsummit\"},"
	    "{\"@type\":\"ListItem\",\"item\":{\"@type\":\"NewsArticle\","
	    "\"headline\":\"Gold rises\",\"url\":\"/n/2\","
	    "\"datePublished\":\"2026-12-06T08:00:00Z\"}},"
	    "{\"@type\":\"ListItem\",\"url\":\"/n/3\"},"
	    "{\"@type\":\"ListItem\",\"url\":\"https://other.example/n/4\","
	    "\"name\":\"An offer\"},"
	    "{\"@type\":\"ListItem\",\"url\":\"" PAGE_URL "\",\"name\":\"Politics\"}"
	    "]}]}</script><script type=application/ld+json>{not json</script>"
	    "<h2><a href=/n/2>Gold rises to a two-month high</a></h2>";
	struct item_list	 l = { 0 };
	const char		**rules = NULL;
	char			 err[64];

	(void)state;
	assert_int_equal(page_parse_rules(page, sizeof(page) - 1, PAGE_URL,
	    NULL, NULL, ITEM_NO_TIME, &l, &rules, NULL, err,
	    sizeof(err)), 0);
	assert_int_equal(l.n, 2);
	assert_str("title 0", l.v[0].title, "Gold rises to a two-month high");
	assert_int_equal(l.v[0].published, 1796544000);
	assert_str("rule 0", rules[0], "heading link");
	assert_str("title 1", l.v[1].title, "Astana summit");
	assert_str("link 1", l.v[1].link, SITE "/n/1");
	assert_str("rule 1", rules[1], "json-ld");
	free(rules);
	item_list_free(&l);
}

/*
 * An article page's JSON-LD gives its headline and date, and its body when
 * the markup's is shorter; a longer body in the markup is kept.
 */
static void
test_jsonld_article(void **state)
{
	static const char ld[] = "<script type=application/ld+json>"
	    "{\"@type\":[\"NewsArticle\"],\"headline\":\"Putin visits Astana\","
	    "\"datePublished\":\"2026-12-06T08:00:00+03:00\",\"articleBody\":"
	    "\"<p>The whole story, as the editor wrote it.</p>\"}</script>";
	static const char *const bodies[] = {
		"<div><p>A lead.</p></div>",
		"<div><p>The story in the markup, longer than the JSON-LD's "
		    "body.</p></div>",
	};
	static const char *const want[] = {
		"The whole story, as the editor wrote it.",
		"The story in the markup, longer than the JSON-LD's body.",
	};
	struct page_article	 a;
	char			 page[512];
	size_t			 i;

	(void)state;
	for (i = 0; i < nitems(bodies); i++) {
		snprintf(page, sizeof(page), "%s%s", ld, bodies[i]);
		page_article_read(page, strlen(page), PAGE_URL, NULL, &a);
		assert_str("title", a.title, "Putin visits Astana");
		assert_int_equal(a.published, 1796533200);
		assert_str("text", a.text, want[i]);
		page_article_free(&a);
	}
}

/* page_parse_rules names the rule behind each item. */
static void
test_rules(void **state)
{
	static const char page[] = "<h2><a href=/a>Heading link</a></h2>"
	    "<article><a href=/b>Article link</a></article>"
	    "<nav><h2><a href=/c>Menu</a></h2></nav>";
	struct item_list	 l = { 0 };
	const char		**rules = NULL;
	char			 err[64];

	(void)state;
	assert_int_equal(page_parse_rules(page, sizeof(page) - 1, PAGE_URL,
	    NULL, NULL, ITEM_NO_TIME, &l, &rules, NULL, err,
	    sizeof(err)), 0);
	assert_int_equal(l.n, 2);
	assert_str("rule 0", rules[0], "heading link");
	assert_str("rule 1", rules[1], "article link");
	free(rules);
	item_list_free(&l);
	assert_int_equal(page_parse_rules(page, sizeof(page) - 1, PAGE_URL,
	    NULL, "a", ITEM_NO_TIME, &l, &rules, NULL, err,
	    sizeof(err)), 0);
	assert_int_equal(l.n, 3);
	assert_str("rule 2", rules[2], "selector");
	free(rules);
	item_list_free(&l);
}

/* wall names a page that gave no item by what stands in the content's place. */
static const char *
wall(const char *page)
{
	static char		 what[200];
	struct item_list	 l = { 0 };
	struct page_info	 info = { 0 };
	const char		**rules = NULL;
	char			 err[64];

	assert_int_equal(page_parse_rules(page, strlen(page), PAGE_URL, NULL,
	    NULL, ITEM_NO_TIME, &l, &rules, &info, err,
	    sizeof(err)), 0);
	snprintf(what, sizeof(what), "%s", info.wall ? info.wall : "");
	free(rules);
	item_list_free(&l);
	page_info_free(&info);
	return what;
}

/*
 * A CAPTCHA, an anti-bot check, a network's sign-in page, an "access
 * denied" page, a cookie-setting script or a login form where the content
 * should be is named; a news page that holds a login box
 * or a comment form's CAPTCHA beside its headlines is not a wall.
 */
static void
test_walls(void **state)
{
	(void)state;
	assert_non_null(strstr(wall("<html><body><div class=\"g-recaptcha\">"
	    "</div></body></html>"), "CAPTCHA"));
	assert_non_null(strstr(wall("<html><head><script src=\"https://"
	    "hcaptcha.com/1/api.js\"></script></head></html>"), "CAPTCHA"));
	assert_non_null(strstr(wall("<title>Just a moment...</title><p>x"),
	    "anti-bot check"));
	assert_non_null(strstr(wall("<title>Вы не робот?</title><p>x"),
	    "anti-bot check"));
	assert_non_null(strstr(wall("<script>document.cookie=\"t=1\";"
	    "location.reload();</script>"), "sets a cookie"));
	assert_non_null(strstr(wall("<form><input TYPE=PASSWORD></form>"),
	    "login form"));
	/* Akamai's, sent with a 200; a hotel's Wi-Fi, with its login. */
	assert_non_null(strstr(wall("<HTML><HEAD><TITLE>Access Denied</TITLE>"
	    "</HEAD><BODY><H1>Access Denied</H1>You don't have permission to "
	    "access this on this server.</BODY></HTML>"),
	    "access is denied"));
	assert_non_null(strstr(wall("<title>Hotel Wi-Fi - Sign in</title><form>"
	    "<input type=password></form>"), "captive portal"));
	assert_string_equal(wall("<p>nothing to see</p>"), "");
	/* A news page that gave items is none, whatever its title says. */
	assert_string_equal(wall("<title>Free Wi-Fi for Almaty</title>"
	    "<h2><a href=/news/1>وزير خارجية كازاخستان في القاهرة</a></h2>"),
	    "");
	assert_string_equal(wall("<form><input type=password></form>"
	    "<div class=g-recaptcha></div><h2><a href=/news/1>"
	    "وزير خارجية كازاخستان في القاهرة</a></h2>"), "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_rules),
		cmocka_unit_test(test_default_rules_plain_articles),
		cmocka_unit_test(test_default_rules_cards),
		cmocka_unit_test(test_default_rules_long_links),
		cmocka_unit_test(test_default_rules_calls_to_act),
		cmocka_unit_test(test_default_rules_title_links),
		cmocka_unit_test(test_default_rules_canonical),
		cmocka_unit_test(test_default_rules_chrome),
		cmocka_unit_test(test_default_rules_chrome_articles),
		cmocka_unit_test(test_default_rules_ranked_boxes),
		cmocka_unit_test(test_default_rules_rank_numbers),
		cmocka_unit_test(test_default_rules_never_items),
		cmocka_unit_test(test_default_rules_article_main),
		cmocka_unit_test(test_default_rules_image_links),
		cmocka_unit_test(test_selectors),
		cmocka_unit_test(test_selected_element_links),
		cmocka_unit_test(test_selector_check),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_encodings),
		cmocka_unit_test(test_base_href),
		cmocka_unit_test(test_feed_link),
		cmocka_unit_test(test_page_appdata),
		cmocka_unit_test(test_item_dates_machine),
		cmocka_unit_test(test_item_dates_again),
		cmocka_unit_test(test_default_rules_glyphs_services),
		cmocka_unit_test(test_page_appdata_slug),
		cmocka_unit_test(test_appdata_bounds),
		cmocka_unit_test(test_written_dates),
		cmocka_unit_test(test_expected_tsv),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_deep_nesting_stories),
		cmocka_unit_test(test_leaky_template),
		cmocka_unit_test(test_shallow_not_flat),
		cmocka_unit_test(test_many_links_once),
		cmocka_unit_test(test_article_text),
		cmocka_unit_test(test_article_text_none),
		cmocka_unit_test(test_article_text_shapes),
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_walls),
		cmocka_unit_test(test_jsonld_listing),
		cmocka_unit_test(test_jsonld_article),
		cmocka_unit_test(test_item_dates),
		cmocka_unit_test(test_item_dates_cards),
		cmocka_unit_test(test_relative_dates),
		cmocka_unit_test(test_relative_dates_year),
		cmocka_unit_test(test_item_dates_data),
		cmocka_unit_test(test_item_live_entries),
		cmocka_unit_test(test_item_dates_relative),
		cmocka_unit_test(test_item_posts),
		cmocka_unit_test(test_item_dates_lazy_cards),
		cmocka_unit_test(test_item_dates_day_headings),
		cmocka_unit_test(test_default_rules_rank_aside),
		cmocka_unit_test(test_default_rules_rank_beside_sidebar),
		cmocka_unit_test(test_flat_list_dates),
		cmocka_unit_test(test_page_appdata_flight),
		cmocka_unit_test(test_item_dates_meta_line),
		cmocka_unit_test(test_item_dates_page_order),
		cmocka_unit_test(test_item_dates_recent_order),
		cmocka_unit_test(test_item_dates_day_label),
		cmocka_unit_test(test_item_dates_site_zone),
		cmocka_unit_test(test_item_dates_url_future),
		cmocka_unit_test(test_item_dates_data_site_zone),
		cmocka_unit_test(test_item_dates_script_utc),
		cmocka_unit_test(test_item_teasers),
		cmocka_unit_test(test_item_teasers_font_snippet),
		cmocka_unit_test(test_item_dates_day_machine),
		cmocka_unit_test(test_jsonld_article_zone),
		cmocka_unit_test(test_date_offset),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
