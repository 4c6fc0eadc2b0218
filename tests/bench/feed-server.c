/*
 * feed-server: N generated Arabic RSS feeds over H loopback hosts, each
 * response delayed by a fixed latency (304s too, as on a real network).
 *
 *   feed-server -n FEEDS -H HOSTS -L MS [-w | -d] [-u] [-z] [-l]
 *       [-p PORT] [-t SECONDS]
 *
 * Binds 127.0.0.1 .. 127.0.0.H on one port (printed as "port N"); feed i is
 * /feed/i.xml with 30 items, three in thirty matching the example topics.
 * By default every feed's headlines carry its number, so each feed's stories
 * are its own. -w (wire) draws them from one pool of 600 wire headlines
 * instead, as syndicated news is: every story appears, headline and text
 * word for word, in one feed in twenty (50 of 1,000), each under the
 * outlet's own link and guid. -d (distinct) draws the headlines so too, but
 * each outlet's text gives its own figure: 50 other reports under one
 * headline, as "Breaking" or a daily digest is, the worst case of telling
 * stories apart. ETags are stable, so a second poll is all 304; with -u
 * there is none, and every poll reads every feed again, as it does from
 * the many servers that send no validators. With -z a body goes gzipped
 * (Content-Encoding: gzip) to a request that accepts gzip, as most news
 * sites' servers send it. With -l a wire item's link is as long as news
 * sites write theirs (a section, a date and a slug: 90 bytes or so) and
 * is its guid too. On SIGTERM it prints
 * "requests N not_modified N" and exits.
 */
#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#define ITEMS_PER_FEED	30

/* Headlines written from the seed articles; the first three match topics. */
static const char *const headlines[] = {
	"كازاخستان تعزز شراكتها الاقتصادية مع الولايات المتحدة",
	"قمة C5+1 تبحث الطاقة والنقل في آسيا الوسطى",
	"صادرات المعادن النادرة ترتفع أربعة أضعاف",
	"وزير الخارجية يلتقي نظيره في نيويورك على هامش الجمعية العامة",
	"الممر الأوسط عبر بحر قزوين يربط الشرق بالغرب",
	"ارتفاع حجم التبادل التجاري بين البلدين منذ عام 1992",
	"مباحثات حول الاستثمار في البنية التحتية والطاقة",
	"منتدى دولي للأعمال يناقش التعاون الإقليمي",
	"الرئيس يستقبل وفدا من رجال الأعمال الأمريكيين",
	"تقرير: المنافسة بين القوى العظمى تعيد رسم خرائط النفوذ",
	"خطة لتحديث شبكات النقل والخدمات اللوجستية",
	"اتفاقيات جديدة في مجالي الزراعة والتكنولوجيا",
	"جولة مفاوضات جديدة حول الأمن الإقليمي",
	"البنك الدولي يتوقع نموا اقتصاديا معتدلا",
	"إطلاق برنامج لتدريب الشباب على المهارات الرقمية",
	"افتتاح معرض دولي للصناعات الغذائية",
	"مشاورات سياسية بين وزارتي الخارجية",
	"خبراء: الاستقرار الإقليمي شرط للتنمية",
	"ندوة عن تاريخ طريق الحرير",
	"توقيع مذكرة تفاهم في مجال التعليم العالي",
	"تحسن ملحوظ في مؤشرات السياحة",
	"مشروع لتوسيع ميناء على بحر قزوين",
	"حوار حول التغير المناخي وإدارة المياه",
	"زيارة رسمية لتعزيز العلاقات الثنائية",
	"مؤتمر صحفي مشترك في ختام المحادثات",
	"إصلاحات في قطاع المصارف والخدمات المالية",
	"مبادرة لدعم الشركات الصغيرة والمتوسطة",
	"تعاون في مجال الصحة والبحث العلمي",
	"انطلاق مهرجان ثقافي في العاصمة",
	"تقرير عن أسعار النفط والغاز في الأسواق العالمية",
};
#define NHEADLINES	(sizeof(headlines) / sizeof(headlines[0]))

/* How a wire story's headline ends: where, or who reports it. */
static const char *const tails[] = {
	"في أستانا", "في طشقند", "في بشكيك", "في دوشنبه", "في عشق آباد",
	"في واشنطن", "في موسكو", "في بكين", "في أنقرة", "في الرياض",
	"حسب مصادر رسمية", "وفق بيان حكومي", "بحسب وكالة الأنباء",
	"في ختام زيارة رسمية", "خلال اجتماع وزاري", "على هامش منتدى دولي",
	"في تصريح صحفي", "وسط اهتمام إقليمي", "بعد مشاورات مطولة",
	"في اتصال هاتفي",
};
#define NTAILS		(sizeof(tails) / sizeof(tails[0]))
#define NPOOL		(NHEADLINES * NTAILS)

static struct event_base	*base;
static struct timeval		 latency;
static long			 nfeeds, requests, not_modified;
static int			 wire, distinct, unvalidated, gzipped, longlinks;

/* A reply waiting for its latency to pass. */
struct pending {
	struct evhttp_request	*req;
	struct evbuffer		*body;	/* NULL: 304 */
	struct event		*ev;
};

/* The latency passed: send the reply. */
static void
send_cb(evutil_socket_t fd, short what, void *arg)
{
	struct pending	*p = arg;

	(void)fd;
	(void)what;
	if (p->body == NULL)
		evhttp_send_reply(p->req, 304, "Not Modified", NULL);
	else
		evhttp_send_reply(p->req, 200, "OK", p->body);
	if (p->body != NULL)
		evbuffer_free(p->body);
	event_free(p->ev);
	free(p);
}

/* Feed i's own item k: its number in the title makes a story of its own. */
static void
feed_item_own(struct evbuffer *b, long i, long k)
{
	/* Items 0-2 of every feed match: 3 in 30. */
	long	 h = k < 3 ? k : 3 + (i * 7 + k) % (long)(NHEADLINES - 3);

	evbuffer_add_printf(b, "<item><title>%s (%ld)</title>"
	    "<link>http://news%ld.example/%ld/%ld</link>"
	    "<guid>feed%ld-item%ld</guid>"
	    "<pubDate>Sun, 22 Nov 2026 08:%02ld:00 +0300</pubDate>"
	    "<description>تفاصيل الخبر رقم %ld من المصدر %ld، "
	    "كما أوردته وكالات الأنباء.</description></item>\n",
	    headlines[h], i, i, i, k, i, k, k % 60, k, i);
}

/*
 * Feed i's item k from the wire: story p of the pool, under the outlet's
 * own link and guid. 41 is prime to the pool's size, so a feed's 30 stories
 * differ, and 11 to the headlines', so they end 30 different headlines, of
 * which 3 match.
 */
static void
feed_item_wire(struct evbuffer *b, long i, long k)
{
	long	 p = (i * 97 + k * 41) % (long)NPOOL;

	evbuffer_add_printf(b, "<item><title>%s %s</title>",
	    headlines[p % (long)NHEADLINES], tails[p / (long)NHEADLINES]);
	if (longlinks)
		evbuffer_add_printf(b, "<link>https://www.news%ld.example/arabic/"
		    "middle-east/2026/11/22/central-asia-energy-trade-talks-"
		    "%ld.html</link><guid>https://www.news%ld.example/arabic/"
		    "middle-east/2026/11/22/central-asia-energy-trade-talks-"
		    "%ld.html</guid>", i, p, i, p);
	else
		evbuffer_add_printf(b, "<link>http://news%ld.example/%ld/%ld"
		    "</link><guid>feed%ld-story%ld</guid>", i, i, p, i, p);
	evbuffer_add_printf(b,
	    "<pubDate>Sun, 22 Nov 2026 %02ld:%02ld:00 +0300</pubDate>"
	    "<description>تفاصيل الخبر رقم %ld",
	    p / 60 % 24, p % 60, p);
	if (distinct)
		evbuffer_add_printf(b, " من المصدر %ld", i);
	evbuffer_add_printf(b, "، كما أوردته وكالات الأنباء.</description>"
	    "</item>\n");
}

/* Feed i: 30 items, 3 matching. */
static struct evbuffer *
feed_body(long i)
{
	struct evbuffer	*b = evbuffer_new();
	long		 k;

	evbuffer_add_printf(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<rss version=\"2.0\"><channel><title>مصدر %ld</title>"
	    "<link>http://127.0.0.1/</link>\n", i);
	for (k = 0; k < ITEMS_PER_FEED; k++)
		(wire || distinct ? feed_item_wire : feed_item_own)(b, i, k);
	evbuffer_add_printf(b, "</channel></rss>\n");
	return b;
}

/* The body gzipped (one member, as a server's gzip module makes it). */
static struct evbuffer *
feed_gzip(struct evbuffer *in)
{
	struct evbuffer	*out = evbuffer_new();
	z_stream	 z;
	unsigned char	 chunk[16384];
	int		 zrc;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		abort();
	z.avail_in = (uInt)evbuffer_get_length(in);
	z.next_in = evbuffer_pullup(in, -1);
	do {
		z.next_out = chunk;
		z.avail_out = sizeof(chunk);
		zrc = deflate(&z, Z_FINISH);
		evbuffer_add(out, chunk, sizeof(chunk) - z.avail_out);
	} while (zrc == Z_OK);
	deflateEnd(&z);
	evbuffer_free(in);
	return out;
}

/* Whether a request accepts gzip (its Accept-Encoding names it). */
static int
feed_accepts_gzip(struct evhttp_request *req)
{
	const char	*ae = evhttp_find_header(
	    evhttp_request_get_input_headers(req), "Accept-Encoding");

	return ae != NULL && strstr(ae, "gzip") != NULL;
}

/* Serve /feed/N.xml with a stable ETag, after the latency. */
static void
request_cb(struct evhttp_request *req, void *arg)
{
	struct pending	*p;
	const char	*inm;
	char		 etag[64];
	long		 i;

	(void)arg;
	requests++;
	if (sscanf(evhttp_request_get_uri(req), "/feed/%ld.xml", &i) != 1 ||
	    i < 0 || i >= nfeeds) {
		evhttp_send_reply(req, 404, "Not Found", NULL);
		return;
	}
	snprintf(etag, sizeof(etag), "\"feed-%ld-v1\"", i);
	if (!unvalidated)
		evhttp_add_header(evhttp_request_get_output_headers(req),
		    "ETag", etag);
	evhttp_add_header(evhttp_request_get_output_headers(req),
	    "Content-Type", "application/rss+xml; charset=utf-8");
	inm = evhttp_find_header(evhttp_request_get_input_headers(req),
	    "If-None-Match");
	p = calloc(1, sizeof(*p));
	p->req = req;
	if (!unvalidated && inm != NULL && strcmp(inm, etag) == 0)
		not_modified++;
	else
		p->body = feed_body(i);
	if (p->body != NULL && gzipped && feed_accepts_gzip(req)) {
		p->body = feed_gzip(p->body);
		evhttp_add_header(evhttp_request_get_output_headers(req),
		    "Content-Encoding", "gzip");
	}
	p->ev = evtimer_new(base, send_cb, p);
	evtimer_add(p->ev, &latency);
}

/* SIGTERM: report and stop. */
static void
stop_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	(void)arg;
	printf("requests %ld not_modified %ld\n", requests, not_modified);
	fflush(stdout);
	event_base_loopbreak(base);
}

/* Bind 127.0.0.1 .. 127.0.0.hosts on one port; returns the port or -1. */
static int
bind_hosts(struct evhttp *http, int hosts, int port)
{
	struct evhttp_bound_socket	*s;
	struct sockaddr_in		 sin;
	socklen_t			 len = sizeof(sin);
	char				 addr[32];
	int				 h;

	for (h = 1; h <= hosts; h++) {
		snprintf(addr, sizeof(addr), "127.0.0.%d", h);
		if ((s = evhttp_bind_socket_with_handle(http, addr,
		    (ev_uint16_t)port)) == NULL)
			return -1;
		if (port == 0 && getsockname(evhttp_bound_socket_get_fd(s),
		    (struct sockaddr *)&sin, &len) == 0)
			port = ntohs(sin.sin_port);
	}
	return port;
}

int
main(int argc, char **argv)
{
	struct evhttp	*http;
	struct event	*sig, *life;
	struct timeval	 tv = { 600, 0 };
	int		 c, hosts = 1, port = 0;
	long		 ms = 0;

	while ((c = getopt(argc, argv, "n:H:L:wduzlp:t:")) != -1) {
		switch (c) {
		case 'l': longlinks = 1; break;
		case 'w': wire = 1; break;
		case 'd': distinct = 1; break;
		case 'u': unvalidated = 1; break;
		case 'z': gzipped = 1; break;
		case 'n': nfeeds = atol(optarg); break;
		case 'H': hosts = atoi(optarg); break;
		case 'L': ms = atol(optarg); break;
		case 'p': port = atoi(optarg); break;
		case 't': tv.tv_sec = atol(optarg); break;
		default:
			fprintf(stderr, "usage: feed-server -n FEEDS -H HOSTS "
			    "-L MS [-w | -d] [-u] [-z] [-p PORT] [-t SECONDS]\n");
			return 2;
		}
	}
	if (hosts < 1 || hosts > 254)
		return 2;
	latency.tv_sec = ms / 1000;
	latency.tv_usec = (ms % 1000) * 1000;
	base = event_base_new();
	http = evhttp_new(base);
	if ((port = bind_hosts(http, hosts, port)) == -1) {
		perror("feed-server: bind");
		return 1;
	}
	evhttp_set_gencb(http, request_cb, NULL);
	sig = evsignal_new(base, SIGTERM, stop_cb, NULL);
	evsignal_add(sig, NULL);
	life = evtimer_new(base, stop_cb, NULL);
	evtimer_add(life, &tv);
	printf("port %d\n", port);
	fflush(stdout);
	event_base_dispatch(base);
	event_free(sig);
	event_free(life);
	evhttp_free(http);
	event_base_free(base);
	return 0;
}
