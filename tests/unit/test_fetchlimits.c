/*
 * fetch against a real HTTP server on 127.0.0.1/127.0.0.2 run in-process on
 * the same event loop: per-host and global limits, Retry-After and the end
 * of a 429's hold (on a clock the test moves on), the minute a 429 with
 * no usable wait is held and said, a Content-Type's charset, refused
 * redirects, the redirect limit and a loop named, the body limit (cut,
 * or announced), a switch of protocol named, and
 * nothing of a transfer, failed or not, left on the handle the next takes.
 */
#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <cmocka.h>

#include "fetch.h"

/* The test server's state: requests in flight, per host and at most. */
struct srv {
	struct event_base	*base;
	struct evhttp		*http;
	int			 port;
	int			 inflight[2];	/* 127.0.0.1, 127.0.0.2 */
	int			 peak[2];
	int			 peak_total;
	char			 order[16][32];	/* /slow paths as they arrived */
	int			 norder;
};

/* A deferred reply: sent when its timer fires. */
struct srv_pending {
	struct srv		*srv;
	struct evhttp_request	*req;
	struct event		*ev;
	int			 host;
};

static struct srv	 srv;
static int		 done_count;
static int		 all_done;	/* the callbacks awaited have run */
static long		 last_status, last_retry_after, last_max_age;
static char		 last_moved[256];
static char		 last_error[256];
static time_t		 clock_skew;	/* seconds fetch.c's clock is ahead */

int	__real_clock_gettime(clockid_t, struct timespec *);
int	__wrap_clock_gettime(clockid_t, struct timespec *);

/*
 * clock_gettime for the objects linked here (-Wl,--wrap; libcurl's and
 * libevent's own clocks are not moved): CLOCK_MONOTONIC clock_skew
 * seconds ahead, so that a wait of minutes is over at once.
 */
int
__wrap_clock_gettime(clockid_t id, struct timespec *ts)
{
	int	 rc = __real_clock_gettime(id, ts);

	if (rc == 0 && id == CLOCK_MONOTONIC)
		ts->tv_sec += clock_skew;
	return rc;
}

/* Which of the two loopback hosts a request was sent to. */
static int
srv_host(struct evhttp_request *req)
{
	const char	*h = evhttp_find_header(
			    evhttp_request_get_input_headers(req), "Host");

	return h != NULL && strncmp(h, "127.0.0.2", 9) == 0;
}

/* Send a delayed "slow" reply and account for it. */
static void
srv_slow_done_cb(evutil_socket_t fd, short what, void *arg)
{
	struct srv_pending	*p = arg;
	struct evbuffer		*b = evbuffer_new();

	(void)fd;
	(void)what;
	evbuffer_add_printf(b, "<rss><channel></channel></rss>");
	p->srv->inflight[p->host]--;
	evhttp_send_reply(p->req, 200, "OK", b);
	evbuffer_free(b);
	event_free(p->ev);
	free(p);
}

/* /slow: answer after 100 ms, recording how many were in flight. */
static void
srv_slow(struct evhttp_request *req)
{
	struct srv_pending	*p = calloc(1, sizeof(*p));
	struct timeval		 tv = { 0, 100000 };

	p->srv = &srv;
	p->req = req;
	p->host = srv_host(req);
	if (srv.norder < 16)
		snprintf(srv.order[srv.norder++], sizeof(srv.order[0]), "%s",
		    evhttp_request_get_uri(req));
	if (++srv.inflight[p->host] > srv.peak[p->host])
		srv.peak[p->host] = srv.inflight[p->host];
	if (srv.inflight[0] + srv.inflight[1] > srv.peak_total)
		srv.peak_total = srv.inflight[0] + srv.inflight[1];
	p->ev = evtimer_new(srv.base, srv_slow_done_cb, p);
	evtimer_add(p->ev, &tv);
}

/* Answer with a status and optional header. */
static void
srv_reply(struct evhttp_request *req, int status, const char *name,
    const char *value)
{
	if (name != NULL)
		evhttp_add_header(evhttp_request_get_output_headers(req), name,
		    value);
	evhttp_send_reply(req, status, "test", NULL);
}

/* A body of n MiB. */
static void
srv_big(struct evhttp_request *req, int mib)
{
	struct evbuffer	*b = evbuffer_new();
	char		*chunk = malloc(1024 * 1024);
	int		 i;

	memset(chunk, 'x', 1024 * 1024);
	for (i = 0; i < mib; i++)
		evbuffer_add(b, chunk, 1024 * 1024);
	free(chunk);
	evhttp_send_reply(req, 200, "OK", b);
	evbuffer_free(b);
}

/* A body of n MiB in chunks, its length untold. */
static void
srv_big_chunked(struct evhttp_request *req, int mib)
{
	struct evbuffer	*b = evbuffer_new();
	char		*chunk = malloc(1024 * 1024);
	int		 i;

	memset(chunk, 'x', 1024 * 1024);
	evhttp_send_reply_start(req, 200, "OK");
	for (i = 0; i < mib; i++) {
		evbuffer_add(b, chunk, 1024 * 1024);
		evhttp_send_reply_chunk(req, b);
	}
	free(chunk);
	evhttp_send_reply_end(req);
	evbuffer_free(b);
}

/* Canned answers: a status and one header. */
static const struct srv_route {
	const char	*path;
	int		 status;
	const char	*header;
	const char	*value;
} srv_routes[] = {
	{ "/429", 429, "Retry-After", "120" },
	{ "/429-none", 429, NULL, NULL },
	{ "/429-soon", 429, "Retry-After", "soon" },
	{ "/429-past", 429, "Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT" },
	{ "/429-now", 429, "Retry-After", "0" },
	{ "/503-huge", 503, "Retry-After", "9999999" },
	{ "/to-file", 302, "Location", "file:///etc/passwd" },
	{ "/to-gopher", 302, "Location", "gopher://127.0.0.1/" },
	{ "/perm", 301, "Location", "/perm2" },
	{ "/perm2", 308, "Location", "/fresh" },
	{ "/temp", 302, "Location", "/fresh" },
	{ "/fresh", 200, "Cache-Control", "public, max-age=600" },
	{ "/expires", 200, "Expires", "Sun, 22 Nov 2026 11:30:00 GMT" },
	{ "/set-cookie", 200, "Set-Cookie", "session=abc; Path=/" },
	{ "/plain", 200, NULL, NULL },
	{ "/close", 200, "Connection", "close" },
	{ "/to-login", 302, "Location", "http://user:pw@127.0.0.1/good" },
	{ "/to-ftp", 302, "Location", "ftp://127.0.0.1/feed" },
	{ "/odd-coding", 200, "Content-Encoding", "x-squash" },
	{ "/piece", 206, "Content-Range", "bytes 0-9/100" },
	{ "/switch", 101, "Upgrade", "websocket" },
	{ "/attachment", 200, "Content-Disposition",
	    "attachment; filename=\"feed.zip\"" },
};

/*
 * The good feed: a body, validators, a charset, nothing else; 409 to a
 * request that carries a header it was not sent with (a cookie, a range,
 * the validators of a transfer before it).
 */
#define GOOD_BODY	"<rss><channel><item><title>t</title></item>" \
			"</channel></rss>"

static void
srv_good(struct evhttp_request *req)
{
	struct evkeyvalq	*h = evhttp_request_get_output_headers(req);
	struct evkeyvalq	*in = evhttp_request_get_input_headers(req);
	static const char *const alien[] = {
		"Cookie", "Range", "If-None-Match", "If-Modified-Since",
		"Authorization",
	};
	struct evbuffer		*b;
	size_t			 i;

	for (i = 0; i < sizeof(alien) / sizeof(alien[0]); i++) {
		if (evhttp_find_header(in, alien[i]) != NULL) {
			srv_reply(req, 409, NULL, NULL);
			return;
		}
	}
	b = evbuffer_new();
	evhttp_add_header(h, "Content-Type",
	    "application/rss+xml; charset=utf-8");
	evhttp_add_header(h, "ETag", "\"good-1\"");
	evhttp_add_header(h, "Last-Modified", "Sun, 22 Nov 2026 10:00:00 GMT");
	evbuffer_add(b, GOOD_BODY, strlen(GOOD_BODY));
	evhttp_send_reply(req, 200, "OK", b);
	evbuffer_free(b);
}

/* A body sent a byte a second, until the client leaves (or 60 bytes). */
struct srv_drip {
	struct evhttp_request	*req;
	struct event		*ev;
	int			 left;
};

/*
 * The client closed: libevent has let go of an unfinished reply's request
 * (evhttp_connection_incoming_fail), which ending the reply frees.
 */
static void
srv_drip_closed(struct evhttp_connection *conn, void *arg)
{
	struct srv_drip	*d = arg;

	(void)conn;
	if (d->req != NULL)
		evhttp_send_reply_end(d->req);
	event_free(d->ev);
	free(d);
}

static void
srv_drip_cb(evutil_socket_t fd, short what, void *arg)
{
	struct srv_drip	*d = arg;
	struct evbuffer	*b = evbuffer_new();

	(void)fd;
	(void)what;
	evbuffer_add(b, " ", 1);
	evhttp_send_reply_chunk(d->req, b);
	evbuffer_free(b);
	if (--d->left > 0)
		return;
	evhttp_send_reply_end(d->req);
	d->req = NULL;
	event_del(d->ev);
}

static void
srv_drip(struct evhttp_request *req)
{
	struct srv_drip	*d = calloc(1, sizeof(*d));
	struct timeval	 tv = { 1, 0 };

	d->req = req;
	d->left = 60;
	d->ev = event_new(srv.base, -1, EV_PERSIST, srv_drip_cb, d);
	evhttp_connection_set_closecb(evhttp_request_get_connection(req),
	    srv_drip_closed, d);
	evhttp_send_reply_start(req, 200, "OK");
	event_add(d->ev, &tv);
}

/* A redirect to a URL longer than any raqib follows. */
static void
srv_long_redirect(struct evhttp_request *req)
{
	char	*loc = malloc(70000);

	memset(loc, 'a', 69999);
	loc[0] = '/';
	loc[69999] = '\0';
	srv_reply(req, 302, "Location", loc);
	free(loc);
}

/* Route a test request. */
static void
srv_cb(struct evhttp_request *req, void *arg)
{
	const char	*uri = evhttp_request_get_uri(req);
	char		 loc[128];
	size_t		 i;
	int		 n;

	(void)arg;
	if (strcmp(uri, "/expires") == 0)
		evhttp_add_header(evhttp_request_get_output_headers(req), "Date",
		    "Sun, 22 Nov 2026 10:00:00 GMT");
	for (i = 0; i < sizeof(srv_routes) / sizeof(srv_routes[0]); i++) {
		if (strcmp(uri, srv_routes[i].path) == 0) {
			srv_reply(req, srv_routes[i].status,
			    srv_routes[i].header, srv_routes[i].value);
			return;
		}
	}
	/* A cookie sent back: 409, so that the test sees it. */
	if (strcmp(uri, "/no-cookie") == 0) {
		srv_reply(req, evhttp_find_header(
		    evhttp_request_get_input_headers(req), "Cookie") ? 409 : 200,
		    NULL, NULL);
		return;
	}
	/* Never answered: its transfer times out. */
	if (strcmp(uri, "/hang") == 0)
		return;
	if (strcmp(uri, "/good") == 0)
		srv_good(req);
	else if (strcmp(uri, "/drip") == 0)
		srv_drip(req);
	else if (strcmp(uri, "/to-long") == 0)
		srv_long_redirect(req);
	else if (strncmp(uri, "/slow", 5) == 0)
		srv_slow(req);
	else if (sscanf(uri, "/loop/%d", &n) == 1) {
		snprintf(loc, sizeof(loc), "/loop/%d", n + 1);
		srv_reply(req, 302, "Location", loc);
	} else if (strcmp(uri, "/ping") == 0 || strcmp(uri, "/pong") == 0) {
		/* Two hosts sending each other the request. */
		snprintf(loc, sizeof(loc), "http://127.0.0.%d:%d/%s",
		    uri[2] == 'i' ? 2 : 1, srv.port, uri[2] == 'i' ? "pong" :
		    "ping");
		srv_reply(req, 302, "Location", loc);
	} else if (strcmp(uri, "/big") == 0)
		srv_big(req, 11);
	else if (strcmp(uri, "/big-chunked") == 0)
		srv_big_chunked(req, 11);
	else
		srv_reply(req, 404, NULL, NULL);
}

/* Start the server on an ephemeral port of 0.0.0.0's loopback addresses. */
static int
setup(void **state)
{
	struct evhttp_bound_socket	*sock;
	struct sockaddr_in		 sin;
	socklen_t			 len = sizeof(sin);

	(void)state;
	memset(&srv, 0, sizeof(srv));
	srv.base = event_base_new();
	srv.http = evhttp_new(srv.base);
	sock = evhttp_bind_socket_with_handle(srv.http, "127.0.0.1", 0);
	assert_non_null(sock);
	getsockname(evhttp_bound_socket_get_fd(sock), (struct sockaddr *)&sin,
	    &len);
	srv.port = ntohs(sin.sin_port);
	assert_non_null(evhttp_bind_socket_with_handle(srv.http, "127.0.0.2",
	    (ev_uint16_t)srv.port));
	evhttp_set_gencb(srv.http, srv_cb, NULL);
	assert_int_equal(fetch_init(srv.base), 0);
	done_count = 0;
	all_done = 0;
	clock_skew = 0;
	return 0;
}

/* Stop the server and the fetcher. */
static int
teardown(void **state)
{
	(void)state;
	fetch_shutdown();
	evhttp_free(srv.http);
	event_base_free(srv.base);
	return 0;
}

/* Count completions; stop the loop when all expected have arrived. */
static void
done_cb(const struct fetch_result *r, void *arg)
{
	int	*want = arg;

	last_status = r->status;
	last_retry_after = r->retry_after;
	last_max_age = r->max_age;
	snprintf(last_moved, sizeof(last_moved), "%s",
	    r->moved_to ? r->moved_to : "");
	snprintf(last_error, sizeof(last_error), "%s", r->error ? r->error : "");
	if (++done_count == *want) {
		all_done = 1;
		event_base_loopbreak(srv.base);
	}
}

/* Fetch a path of a host and run the loop until want transfers ended. */
static void
get(const char *host, const char *path, int *want)
{
	struct fetch_request	 req = { 0 };
	char			 url[256];

	snprintf(url, sizeof(url), "http://%s:%d%s", host, srv.port, path);
	req.url = url;
	req.timeout = 20;
	fetch_start(&req, done_cb, want);
}

/*
 * Run the loop until the callbacks stop it (bounded by their timeouts);
 * not at all when they ran before it, as a transfer refused at once does:
 * the loop would forget their break and run to its limit.
 */
static void
run(void)
{
	struct timeval	 limit = { 30, 0 };

	if (!all_done) {
		event_base_loopexit(srv.base, &limit);
		event_base_dispatch(srv.base);
	}
	all_done = 0;
}

static void
no_host_gets_more_than_its_share_at_once(void **state)
{
	int	 want = 24, i;

	(void)state;
	fetch_set_limits(6, 4);
	/* Host 1's transfers queue first: 4 start, the rest wait for host 2. */
	for (i = 0; i < 12; i++)
		get("127.0.0.1", "/slow", &want);
	for (i = 0; i < 12; i++)
		get("127.0.0.2", "/slow", &want);
	run();
	assert_int_equal(done_count, 24);
	assert_int_equal(srv.peak[0], 4);
	assert_int_equal(srv.peak[1], 4);
	assert_int_equal(srv.peak_total, 6);
	assert_int_equal(fetch_active(), 0);
}

/* Queue transfers as host:tag words ("1:a" is 127.0.0.1's /slow/a). */
static void
queue_slow(const char *const *v, int n, int *want)
{
	char	 host[16], path[32];
	int	 i;

	for (i = 0; i < n; i++) {
		snprintf(host, sizeof(host), "127.0.0.%c", v[i][0]);
		snprintf(path, sizeof(path), "/slow/%s", v[i] + 2);
		get(host, path, want);
	}
}

static void
one_at_a_time_starts_in_queue_order_across_hosts(void **state)
{
	static const char *const v[] = { "1:a", "2:b", "1:c", "1:d", "2:e" };
	int	 want = 5, i;

	(void)state;
	fetch_set_limits(1, 1);
	queue_slow(v, 5, &want);
	run();
	assert_int_equal(done_count, 5);
	assert_int_equal(srv.norder, 5);
	for (i = 0; i < 5; i++)
		assert_string_equal(srv.order[i] + 6, v[i] + 2);
	assert_int_equal(fetch_active(), 0);
}

/* Where /slow/TAG arrived among the requests, or -1. */
static int
arrived(const char *tag)
{
	int	 i;

	for (i = 0; i < srv.norder; i++)
		if (strcmp(srv.order[i] + 6, tag) == 0)
			return i;
	return -1;
}

static void
a_full_host_holds_back_only_its_own_queue(void **state)
{
	static const char *const v[] = { "1:a", "1:b", "1:c", "2:d", "2:e" };
	int	 want = 5;

	(void)state;
	fetch_set_limits(2, 1);
	queue_slow(v, 5, &want);
	run();
	assert_int_equal(done_count, 5);
	/* d, queued behind b and c, starts beside a; each host keeps its order. */
	assert_int_equal(srv.norder, 5);
	assert_int_equal(arrived("a"), 0);
	assert_int_equal(arrived("d"), 1);
	assert_true(arrived("b") < arrived("c"));
	assert_true(arrived("d") < arrived("e"));
	assert_int_equal(srv.peak[0], 1);
	assert_int_equal(srv.peak[1], 1);
	assert_int_equal(srv.peak_total, 2);
	assert_int_equal(fetch_active(), 0);
}

/*
 * Transfers curl refuses before connecting end together, in one turn of
 * the loop: each is reported once, and their host is forgotten only after
 * the last report (under ASan, a use after free otherwise).
 */
static void
transfers_of_a_host_ending_together_each_report_once(void **state)
{
	struct fetch_request	 req = { .url = "gopher://127.0.0.1/x",
				    .timeout = 20 };
	int			 want = 8, i;

	(void)state;
	fetch_set_limits(8, 4);
	for (i = 0; i < 8; i++)
		fetch_start(&req, done_cb, &want);
	run();
	assert_int_equal(done_count, 8);
	assert_non_null(strstr(last_error, "not http or https"));
	assert_int_equal(fetch_active(), 0);
}

/* Fetch one path of a host and run the loop until that transfer ended. */
static void
fetch_one(const char *host, const char *path)
{
	static int	 one = 1;

	done_count = 0;
	get(host, path, &one);
	run();
}

static void
retry_after_is_read_and_clamped(void **state)
{
	(void)state;
	fetch_one("127.0.0.1", "/429");
	assert_int_equal(last_status, 429);
	assert_int_equal(last_retry_after, 120);
	/* The 429 holds its host back: not sent, what is left of the wait. */
	fetch_one("127.0.0.1", "/good");
	assert_int_equal(last_status, 0);
	assert_non_null(strstr(last_error, "not asked: the host 127.0.0.1 "
	    "answered another of raqib's requests with HTTP status 429"));
	assert_in_range(last_retry_after, 118, 120);
	/* Another host is asked. */
	fetch_one("127.0.0.2", "/503-huge");
	assert_int_equal(last_status, 503);
	assert_int_equal(last_retry_after, 6 * 3600);
}

static void
a_429s_hold_ends_when_its_wait_is_over(void **state)
{
	(void)state;
	fetch_one("127.0.0.1", "/429");
	assert_int_equal(last_retry_after, 120);
	/* A minute on, still held, the minute left said. */
	clock_skew = 60;
	fetch_one("127.0.0.1", "/good");
	assert_int_equal(last_status, 0);
	assert_non_null(strstr(last_error, "not asked: the host 127.0.0.1"));
	assert_in_range(last_retry_after, 50, 61);
	/* The 120 s over: asked and read, the host free again. */
	clock_skew = 121;
	fetch_one("127.0.0.1", "/good");
	assert_int_equal(last_status, 200);
	assert_string_equal(last_error, "");
	assert_int_equal(last_retry_after, 0);
}

/*
 * A 429 whose Retry-After gives no wait holds its host for raqib's minute,
 * and its error says so, and why: the server's value, or its absence.
 */
static void
a_429_without_a_usable_wait_names_the_minute_raqib_waits(void **state)
{
	static const struct {
		const char	*path, *why;
	} cases[] = {
		{ "/429-none", "the server named no wait" },
		{ "/429-soon", "the server's Retry-After could not be read" },
		{ "/429-past", "the server's Retry-After names a time already "
		    "past" },
		{ "/429-now", "the server's Retry-After asks for no wait" },
	};
	char	 want_text[256];
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		/* Each on a clock past the hold the one before began. */
		clock_skew = (time_t)(i * 61);
		fetch_one("127.0.0.1", cases[i].path);
		assert_int_equal(last_status, 429);
		assert_int_equal(last_retry_after, 0);
		snprintf(want_text, sizeof(want_text), "; %s, so raqib leaves "
		    "the host alone for 60 s", cases[i].why);
		assert_non_null(strstr(last_error, want_text));
		/* The minute said is the minute held. */
		fetch_one("127.0.0.1", "/good");
		assert_non_null(strstr(last_error, "not asked: the host"));
		assert_in_range(last_retry_after, 55, 61);
	}
}

/*
 * The charset of a Content-Type, read as RFC 9110 writes parameters (and
 * as servers write them when they err).
 */
static void
the_charset_is_read_from_any_way_of_writing_it(void **state)
{
	static const struct {
		const char	*ct, *charset;
	} cases[] = {
		{ "text/xml; charset=windows-1256", "windows-1256" },
		{ "text/xml; charset = windows-1256", "windows-1256" },
		{ "text/xml;charset\t=\twindows-1256", "windows-1256" },
		{ "text/xml; charset=\"utf-8\"", "utf-8" },
		{ "text/xml; charset=\"ut\\f-8\"", "utf-8" },
		{ "text/xml; charset='koi8-r'", "koi8-r" },
		{ "text/xml; CHARSET=KOI8-R", "KOI8-R" },
		{ "text/xml; Charset=utf-8; format=flowed", "utf-8" },
		{ "text/xml; format=flowed; charset=utf-8", "utf-8" },
		{ "text/xml; charset=utf-8, text/html", "utf-8" },
		{ "text/xml;; flowed ; charset=utf-8", "utf-8" },
		{ "text/xml; charset=utf-8; charset=koi8-r", "utf-8" },
		{ "text/xml; x=\"a; charset=koi8-r\"; charset=utf-8", "utf-8" },
		{ "text/xml; x=\"a\\\"; charset=koi8-r\"", NULL },
		{ "text/xml; xcharset=koi8-r", NULL },
		{ "text/xml; charsets=koi8-r", NULL },
		{ "text/xml", NULL },
		{ "text/xml; charset=", NULL },
		{ "text/xml; charset=\"\"", NULL },
		{ "text/xml; charset=\"utf-8", "utf-8" },
		/* A name longer than any charset's: not cut to one. */
		{ "text/xml; charset=x-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		    "aaaaaaaaaaaaaaaaaaaaaaaa", NULL },
	};
	char		 out[64];
	const char	*got;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		got = fetch_content_charset(cases[i].ct, out, sizeof(out));
		if (cases[i].charset == NULL && got != NULL)
			fail_msg("%s: read %s, which it names not", cases[i].ct,
			    got);
		if (cases[i].charset != NULL && (got == NULL ||
		    strcmp(got, cases[i].charset) != 0))
			fail_msg("%s: read %s, not %s", cases[i].ct,
			    got ? got : "nothing", cases[i].charset);
	}
}

static void
redirects_leave_http_never(void **state)
{
	(void)state;
	fetch_one("127.0.0.1", "/to-file");
	assert_non_null(strstr(last_error, "not http or https"));
	fetch_one("127.0.0.1", "/to-gopher");
	assert_non_null(strstr(last_error, "not http or https"));
}

static void
endless_redirects_give_up_after_five(void **state)
{
	char	 msg[256];

	(void)state;
	fetch_one("127.0.0.1", "/loop/0");
	snprintf(msg, sizeof(msg), "gave up after 5 redirects (the last to "
	    "http://127.0.0.1:%d/loop/5)", srv.port);
	assert_string_equal(last_error, msg);
}

static void
a_redirect_loop_is_named_by_its_urls(void **state)
{
	char	 msg[256];

	(void)state;
	fetch_one("127.0.0.1", "/ping");
	snprintf(msg, sizeof(msg), "gave up after 5 redirects: the server "
	    "redirects in a loop (http://127.0.0.1:%d/ping -> "
	    "http://127.0.0.2:%d/pong -> http://127.0.0.1:%d/ping), a fault at "
	    "the site", srv.port, srv.port, srv.port);
	assert_string_equal(last_error, msg);
}

/*
 * A body over 10 MiB is cut off where it passes them; one announced as
 * larger is not read at all, and said so: nothing was cut.
 */
static void
a_body_over_ten_mib_is_cut_off(void **state)
{
	(void)state;
	fetch_one("127.0.0.1", "/big-chunked");
	assert_string_equal(last_error, "response larger than 10 MiB, cut off: "
	    "a feed too large for raqib, or a fault at the site (tried again "
	    "later); if the site has a shorter feed (a section's, fewer "
	    "items), use that");
	fetch_one("127.0.0.1", "/big");
	assert_string_equal(last_error, "the server announces a body larger "
	    "than 10 MiB (its Content-Length), so nothing was read: a feed too "
	    "large for raqib, or a header that lies (a fault at the site)");
}

/* A switch to another protocol, asked for by nobody: named as such. */
static void
a_switch_of_protocol_is_named(void **state)
{
	(void)state;
	fetch_one("127.0.0.1", "/switch");
	assert_int_equal(last_status, 101);
	assert_non_null(strstr(last_error, "HTTP status 101 (switching "
	    "protocols): the server left HTTP for another protocol"));
}

static void
only_permanent_redirects_are_remembered(void **state)
{
	char	 url[128];

	(void)state;
	fetch_one("127.0.0.1", "/perm");
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/fresh", srv.port);
	assert_string_equal(last_moved, url);
	fetch_one("127.0.0.1", "/temp");
	assert_string_equal(last_moved, "");
}

static void
freshness_comes_from_max_age_or_expires(void **state)
{
	(void)state;
	fetch_one("127.0.0.1", "/fresh");
	assert_int_equal(last_max_age, 600);
	fetch_one("127.0.0.1", "/expires");
	assert_int_equal(last_max_age, 5400);
}

/*
 * Transfers one after another, each on the handle the last one ended with:
 * nothing of a transfer reaches the next, neither the cookies it was sent
 * nor the headers it was answered with.
 */
static void
one_transfer_leaves_nothing_to_the_next(void **state)
{
	int	 want = 2;

	(void)state;
	fetch_set_limits(1, 1);
	get("127.0.0.1", "/set-cookie", &want);
	get("127.0.0.1", "/no-cookie", &want);
	run();
	assert_int_equal(done_count, 2);
	assert_int_equal(last_status, 200);
	done_count = 0;
	get("127.0.0.1", "/fresh", &want);
	get("127.0.0.1", "/plain", &want);
	run();
	assert_int_equal(done_count, 2);
	assert_int_equal(last_status, 200);
	assert_int_equal(last_max_age, 0);
	assert_int_equal(fetch_active(), 0);
}

/* What the last transfer ended with, copied out of its callback. */
static struct {
	int	 ok;
	long	 status, retry_after, max_age;
	size_t	 len;
	char	 body[256], url[128], etag[64], last_modified[64];
	char	 charset[32], error[256], warning[256];
	int	 moved, attachment;
} seen;
static char	 first_error[256];	/* the first of a run's transfers' */

/* Keep what a transfer ended with, then count it. */
static void
seen_cb(const struct fetch_result *r, void *arg)
{
	memset(&seen, 0, sizeof(seen));
	seen.ok = r->ok;
	seen.status = r->status;
	seen.retry_after = r->retry_after;
	seen.max_age = r->max_age;
	seen.len = r->len;
	snprintf(seen.body, sizeof(seen.body), "%s", r->body ? r->body : "");
	snprintf(seen.url, sizeof(seen.url), "%s", r->url ? r->url : "");
	snprintf(seen.etag, sizeof(seen.etag), "%s", r->etag ? r->etag : "");
	snprintf(seen.last_modified, sizeof(seen.last_modified), "%s",
	    r->last_modified ? r->last_modified : "");
	snprintf(seen.charset, sizeof(seen.charset), "%s",
	    r->charset ? r->charset : "");
	snprintf(seen.error, sizeof(seen.error), "%s", r->error ? r->error :
	    "");
	snprintf(seen.warning, sizeof(seen.warning), "%s",
	    r->warning ? r->warning : "");
	seen.moved = r->moved_to != NULL;
	seen.attachment = r->attachment != NULL;
	if (done_count == 0)
		memcpy(first_error, seen.error, sizeof(first_error));
	done_cb(r, arg);
}

/*
 * Fetch a path of 127.0.0.1 with a timeout, and validators when given one
 * (the same for both), reporting to seen_cb.
 */
static void
get_seen(const char *path, long timeout, const char *validator, int *want)
{
	struct fetch_request	 req = { 0 };
	char			 url[256];

	snprintf(url, sizeof(url), "http://127.0.0.1:%d%s", srv.port, path);
	req.url = url;
	req.timeout = timeout;
	req.etag = validator;
	req.last_modified = validator;
	fetch_start(&req, seen_cb, want);
}

/*
 * Each way a transfer goes wrong, then the good feed on the handle it
 * ended with (one transfer at a time): the good one is sent none of the
 * headers of the one before (validators, cookies), and is read whole,
 * with its own status, URL, validators and charset, and no error,
 * warning, Retry-After, redirect or attachment of the one before.
 * (Not a 429: it holds its host back, retry_after_is_read_and_clamped.)
 */
static void
a_failed_transfer_leaves_nothing_to_the_next(void **state)
{
	static const char *const bad[] = {
		"/big", "/hang", "/to-login", "/to-ftp", "/to-file", "/to-long",
		"/loop/0", "/odd-coding", "/piece", "/attachment",
		"/set-cookie", "/perm", "/fresh", "/close", "/switch",
	};
	char	 url[64];
	size_t	 i;
	int	 want;

	(void)state;
	fetch_set_limits(1, 1);
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/good", srv.port);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		want = 2;
		done_count = 0;
		get_seen(bad[i], 1, "\"old\"", &want);
		get_seen("/good", 20, NULL, &want);
		run();
		assert_int_equal(done_count, 2);
		assert_true(seen.ok);
		assert_int_equal(seen.status, 200);
		assert_int_equal(seen.len, strlen(GOOD_BODY));
		assert_string_equal(seen.body, GOOD_BODY);
		assert_string_equal(seen.url, url);
		assert_string_equal(seen.etag, "\"good-1\"");
		assert_string_equal(seen.last_modified,
		    "Sun, 22 Nov 2026 10:00:00 GMT");
		assert_string_equal(seen.charset, "utf-8");
		assert_string_equal(seen.error, "");
		assert_string_equal(seen.warning, "");
		assert_int_equal(seen.retry_after, 0);
		assert_int_equal(seen.max_age, 0);
		assert_false(seen.moved);
		assert_false(seen.attachment);
	}
	assert_int_equal(fetch_active(), 0);
}

/*
 * A body slower than 64 bytes a second for 20 s, cut by the low-speed
 * rule, then the good feed on the same handle: read whole, its own.
 */
static void
a_slow_transfer_leaves_nothing_to_the_next(void **state)
{
	int	 want = 2;

	(void)state;
	fetch_set_limits(1, 1);
	get_seen("/drip", 40, "\"old\"", &want);
	get_seen("/good", 20, NULL, &want);
	run();
	assert_int_equal(done_count, 2);
	assert_non_null(strstr(first_error, "64 bytes"));
	assert_true(seen.ok);
	assert_int_equal(seen.status, 200);
	assert_string_equal(seen.body, GOOD_BODY);
	assert_string_equal(seen.etag, "\"good-1\"");
	assert_string_equal(seen.error, "");
	assert_string_equal(seen.warning, "");
	assert_int_equal(fetch_active(), 0);
}

/*
 * A server that closes each connection after its answer: every transfer
 * opens a new one, mostly under the number of the socket just closed, and
 * each is watched afresh (none waits for its timeout).
 */
static void
closed_connections_are_replaced_and_watched(void **state)
{
	int	 want = 12, i;

	(void)state;
	fetch_set_limits(1, 1);
	for (i = 0; i < 12; i++)
		get("127.0.0.1", i % 2 ? "/close" : "/plain", &want);
	run();
	assert_int_equal(done_count, 12);
	assert_int_equal(last_status, 200);
	assert_int_equal(fetch_active(), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    no_host_gets_more_than_its_share_at_once, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    one_at_a_time_starts_in_queue_order_across_hosts, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    a_full_host_holds_back_only_its_own_queue, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    transfers_of_a_host_ending_together_each_report_once, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(retry_after_is_read_and_clamped,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    a_429s_hold_ends_when_its_wait_is_over, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    a_429_without_a_usable_wait_names_the_minute_raqib_waits,
		    setup, teardown),
		cmocka_unit_test(the_charset_is_read_from_any_way_of_writing_it),
		cmocka_unit_test_setup_teardown(redirects_leave_http_never,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    endless_redirects_give_up_after_five, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    a_redirect_loop_is_named_by_its_urls, setup, teardown),
		cmocka_unit_test_setup_teardown(a_body_over_ten_mib_is_cut_off,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(a_switch_of_protocol_is_named,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    only_permanent_redirects_are_remembered, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    freshness_comes_from_max_age_or_expires, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    one_transfer_leaves_nothing_to_the_next, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    closed_connections_are_replaced_and_watched, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    a_failed_transfer_leaves_nothing_to_the_next, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    a_slow_transfer_leaves_nothing_to_the_next, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
