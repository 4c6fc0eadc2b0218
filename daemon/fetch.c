/* fetch: HTTP(S) on the event loop, through libcurl's multi-socket API. */
#include <curl/curl.h>
#include <event2/event.h>
#include <zlib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <limits.h>
#include <search.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/queue.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "compat.h"
#include "doc.h"
#include "fetch.h"
#include "xmalloc.h"
#include "log.h"

#define FETCH_USER_AGENT	"raqib/" RAQIB_VERSION " (news watcher; +" \
	RAQIB_URL ")"
/*
 * The User-Agent and Accept-Encoding go as header lines of their own, not
 * CURLOPT_USERAGENT and CURLOPT_ACCEPT_ENCODING, which curl formats again
 * with its printf for every request: each a twentieth of a later poll's
 * instructions.
 */
#define FETCH_UA_HEADER		"User-Agent: " FETCH_USER_AGENT
#define FETCH_MAX_BODY		(10 * 1024 * 1024)
#define FETCH_MAX_HEADERS	(256 * 1024)	/* below curl's own 300 KB */
#define FETCH_INFLATE_STEP	(64 * 1024)	/* room inflate writes into at once */
#define FETCH_Z_DAMAGED		100	/* beside zlib's codes: see
					   fetch_decode_layer */
#define FETCH_MAX_LAYERS	5	/* content codings undone, as curl's */
#define FETCH_ACCEPT_ENCODING	"gzip, deflate"	/* what fetch_decode reads */
#define FETCH_AE_HEADER		"Accept-Encoding: " FETCH_ACCEPT_ENCODING
#define FETCH_MAX_VALIDATOR	1024	/* bytes of an ETag or Last-Modified */
#define FETCH_MAX_LOCATION	8192	/* bytes of a redirect's URL, as the
					   request lines servers take */
#define FETCH_MAX_ACTIVE	128
#define FETCH_MAX_PER_HOST	4
#define FETCH_RETRY_AFTER_MAX	(6 * 3600)
#define FETCH_HOLD_DEFAULT	60	/* seconds a host that answered 429
					   without Retry-After is left alone */
#define FETCH_MAX_AGE_CAP	(24 * 3600)
#define FETCH_MAX_REDIRS	5
#define FETCH_CONNECT_TIMEOUT	15
#define FETCH_DEFAULT_TIMEOUT	30
#define FETCH_LOW_SPEED_BYTES	64	/* bytes a second, over ... */
#define FETCH_LOW_SPEED_TIME	20	/* ... this many seconds, or abort */
#define FETCH_NOT_READY		SIZE_MAX	/* a host's place outside the heap */
#define FETCH_CHAIN		(FETCH_MAX_REDIRS + 1)	/* URLs a transfer asks */
#define FETCH_DUE_ROUNDS	8	/* curl run again at once, in one callback */

/* Where a transfer's first request went: not yet, a public or a local host. */
enum { FETCH_ORIGIN_NONE, FETCH_ORIGIN_PUBLIC, FETCH_ORIGIN_LOCAL };

/* One transfer, from fetch_start to its callback. */
struct fetch_xfer {
	TAILQ_ENTRY(fetch_xfer)	 entry;		/* its host's waiting queue, or
						   the running one */
	CURL			*easy;		/* NULL while queued */
	struct curl_slist	*headers;	/* must outlive the transfer */
	struct buf		 body;
	char			*url;
	struct fetch_host	*host;		/* counts it against the per-host
						   limit from queueing to end */
	uint64_t		 seq;		/* queue order: older is lower */
	char			*etag;
	char			*last_modified;
	long			 timeout;
	int			 too_big;
	size_t			 header_bytes;	/* of the response being read,
						   with the 1xx before it */
	int			 interim;	/* the last status was 1xx */
	unsigned		 ninterim;	/* 1xx before this response */
	int			 interim_code;	/* the last 1xx's status */
	int			 code;		/* the last status line's */
	char			 refused[384];	/* why a redirect was not
						   followed, or "" */
	int			 headers_too_big;
	int			 headers_ended;	/* the last response's blank line
						   came, since the last request */
	int			 trailers;	/* a line came after the final
						   response's chunked body */
	int			 redirects;	/* responses that were redirects */
	int			 temporary;	/* one of them was not 301/308 */
	char			*chain[FETCH_CHAIN];	/* the URLs asked, in
						   order, without a login:
						   owned */
	char			*shown;		/* fetch_shown_url's copy, or
						   NULL: owned */
	char			*moved;		/* fetch_moved_to's URL with
						   the source's login, or
						   NULL: owned */
	int			 nchain;
	int			 origin;	/* FETCH_ORIGIN_*: where the
						   first request went */
	long long		 length;	/* the response's Content-Length,
						   -1 when none yet */
	long long		 length2;	/* another it gave, or -1 */
	int			 chunked;	/* it is sent in chunks */
	int			 partial;	/* its Content-Range is not the
						   whole body, or it is a 206
						   without one */
	int			 codings[FETCH_MAX_LAYERS];	/* FETCH_CE_*,
						   in the order applied */
	int			 ncodings;	/* layers named, even past
						   FETCH_MAX_LAYERS */
	char			 unknown[32];	/* the first coding raqib cannot
						   read, or "" */
	int			 cut;		/* a stream stopped before its end */
	const char		*uncoded;	/* the coding named, not applied */
	int			 answered;	/* a byte came since the last
						   request went out */
	int			 fresh;		/* asked again on a new
						   connection (fetch_refresh) */
	const char		*foreign;	/* what an answer without a
						   status line is, or NULL */
	fetch_cb		*cb;
	void			*arg;
	char			 errbuf[CURL_ERROR_SIZE];
};
TAILQ_HEAD(fetch_queue, fetch_xfer);

/*
 * A host with transfers waiting or running: its own queue, found by name
 * through a tree, so that starting a transfer never walks other hosts'.
 */
struct fetch_host {
	char			*name;		/* lower-case */
	size_t			 active;	/* running */
	struct fetch_queue	 waiting;	/* oldest first */
	size_t			 slot;		/* in the ready heap, or
						   FETCH_NOT_READY */
	double			 held_until;	/* fetch_now() until which a
						   429 asked it be left
						   alone, or 0; kept while
						   it lasts, idle or not */
	LIST_ENTRY(fetch_host)	 entry;		/* every host */
};
LIST_HEAD(fetch_hosts, fetch_host);

/* One socket curl asked us to watch. */
struct fetch_sock {
	struct event		*ev;
	curl_socket_t		 fd;
	short			 kind;		/* the event's EV_* flags */
	SLIST_ENTRY(fetch_sock)	 parked;
};
SLIST_HEAD(fetch_socks, fetch_sock);

static struct {
	struct event_base	*base;
	CURLM			*multi;
	struct event		*timer;
	struct fetch_queue	 running;
	size_t			 nrunning;
	size_t			 nwaiting;
	size_t			 max_active;
	size_t			 max_per_host;
	uint64_t		 seq;		/* of the last transfer queued */
	void			*names;		/* tsearch tree of the hosts */
	struct fetch_hosts	 hosts;
	size_t			 nhosts;
	/*
	 * The ready hosts (a transfer waiting, a place free), as a binary
	 * heap on their oldest waiting transfer: the next to start is at the
	 * top. Room for every host, so that no push can fail.
	 */
	struct fetch_host	**ready;
	size_t			 nready;
	size_t			 readycap;
	/*
	 * Sockets curl stopped watching during this callback, still watched
	 * by the loop until it ends: a connection that ended one transfer
	 * mostly carries the next at once, and is taken back as it was.
	 */
	struct fetch_socks	 parked;
	int			 due;		/* curl asked to run at once */
	int			 proxied;	/* a proxy is in the
						   environment: fetch_guard
						   judges URLs */
} fetch;

/* The content codings raqib reads (FETCH_ACCEPT_ENCODING), and others. */
enum { FETCH_CE_GZIP, FETCH_CE_DEFLATE, FETCH_CE_UNKNOWN };

static void	fetch_finish(struct fetch_xfer *, CURLcode);
static void	fetch_pump(void);
static void	fetch_host_release(struct fetch_host *);
static char	*fetch_url_host(const char *);
static const char *fetch_shown_url(struct fetch_xfer *);

/* Free a transfer and everything it holds. */
static void
fetch_xfer_free(struct fetch_xfer *x)
{
	curl_easy_cleanup(x->easy);
	curl_slist_free_all(x->headers);
	buf_free(&x->body);
	free(x->url);
	free(x->shown);
	free(x->moved);
	free(x->etag);
	free(x->last_modified);
	while (x->nchain > 0)
		free(x->chain[--x->nchain]);
	free(x);
}

/*
 * What speaks on a port where a web server should, by the first bytes of
 * an answer without a status line (curl's HTTP/0.9), each refused there.
 */
#define FETCH_H2_ONLY	"the server's answer is not HTTP/1.1 but HTTP/2 " \
	"alone, without TLS (it answered raqib's HTTP/1.1 request in " \
	"HTTP/2), so nothing was read: raqib speaks HTTP/2 over https only; " \
	"try the url with https:// instead of http://, or ask the site to " \
	"answer HTTP/1.1 too"
#define FETCH_TLS	"the server's answer is not HTTP but TLS (a TLS " \
	"record): the port wants https; try the url with https:// instead " \
	"of http://"
static const struct fetch_foreign {
	size_t		 at;		/* where magic begins */
	const char	*magic;
	size_t		 len;
	const char	*text;
} fetch_foreigns[] = {
	/* A SETTINGS frame on stream 0, any length: HTTP/2's first frame. */
	{ 3, "\x04\x00\x00\x00\x00\x00", 6, FETCH_H2_ONLY },
	{ 3, "\x04\x01\x00\x00\x00\x00", 6, FETCH_H2_ONLY },
	{ 0, "PRI * HTTP/2.0", 14, FETCH_H2_ONLY },
	/* A TLS alert or handshake record. */
	{ 0, "\x15\x03", 2, FETCH_TLS },
	{ 0, "\x16\x03", 2, FETCH_TLS },
	{ 0, "SSH-", 4, "the server's answer is not HTTP but SSH, so nothing "
	    "was read: no web server answers on this port; check the port in "
	    "the source's url" },
};

/* What an answer without a status line is, by its first bytes. */
static const char *
fetch_foreign_name(const char *p, size_t len)
{
	const struct fetch_foreign	*f;
	size_t				 i;

	for (i = 0; i < nitems(fetch_foreigns); i++) {
		f = &fetch_foreigns[i];
		if (len >= f->at + f->len &&
		    memcmp(p + f->at, f->magic, f->len) == 0)
			return f->text;
	}
	return "the server's answer is not HTTP (it has no status line), so "
	    "nothing was read: something other than a web server answers on "
	    "this port, or a proxy before it is broken; check the source's url";
}

/*
 * Collect the body as sent, cutting it off at the limit; fetch_decode
 * holds its decompressed bytes to the same (docs/HACKING.md, "bodies are
 * capped"). Bytes before any header ended are no HTTP answer: named by
 * what they are and refused at once.
 */
static size_t
fetch_write_cb(char *p, size_t size, size_t n, void *arg)
{
	struct fetch_xfer	*x = arg;
	size_t			 len = size * n;

	x->answered = 1;
	if (!x->headers_ended) {
		x->foreign = fetch_foreign_name(p, len);
		return 0;
	}
	if (x->body.len + len > FETCH_MAX_BODY) {
		x->too_big = 1;
		return 0;
	}
	buf_append(&x->body, p, len);
	return len;
}

/* An IPv4 network: its first address (host order) and prefix length. */
struct fetch_net4 {
	uint32_t	 addr;
	unsigned	 bits;
};

/*
 * This machine and the networks behind it, which a site on the internet
 * has no business sending raqib to: "this network" (0.0.0.0 reaches this
 * machine on Linux), RFC 1918, shared address space (RFC 6598: a
 * carrier's or a VPN's), loopback and link-local (cloud metadata).
 */
static const struct fetch_net4 fetch_local4[] = {
	{ 0x00000000, 8 },	/* 0.0.0.0/8 */
	{ 0x0a000000, 8 },	/* 10.0.0.0/8 */
	{ 0x64400000, 10 },	/* 100.64.0.0/10 */
	{ 0x7f000000, 8 },	/* 127.0.0.0/8 */
	{ 0xa9fe0000, 16 },	/* 169.254.0.0/16 */
	{ 0xac100000, 12 },	/* 172.16.0.0/12 */
	{ 0xc0a80000, 16 },	/* 192.168.0.0/16 */
};

/* Whether an IPv4 address (4 bytes, network order) is in fetch_local4. */
static int
fetch_addr4_local(const unsigned char *b)
{
	uint32_t	 a = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
			    (uint32_t)b[2] << 8 | b[3];
	size_t		 i;

	for (i = 0; i < nitems(fetch_local4); i++)
		if ((a ^ fetch_local4[i].addr) >>
		    (32 - fetch_local4[i].bits) == 0)
			return 1;
	return 0;
}

/*
 * Whether an IPv6 address (16 bytes) is this machine's or a local
 * network's: unspecified (::) and loopback (::1), unique local
 * (fc00::/7), link-local (fe80::/10), or an IPv4 one written as IPv6
 * (::ffff:0:0/96 mapped, 64:ff9b::/96 NAT64) that is.
 */
static int
fetch_addr6_local(const unsigned char *b)
{
	static const unsigned char	 mapped[12] = {
		[10] = 0xff, [11] = 0xff };
	static const unsigned char	 nat64[12] = { 0, 0x64, 0xff, 0x9b };
	static const unsigned char	 zero[15];

	if (memcmp(b, zero, 15) == 0 && b[15] <= 1)
		return 1;
	if ((b[0] & 0xfe) == 0xfc || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80))
		return 1;
	if (memcmp(b, mapped, 12) == 0 || memcmp(b, nat64, 12) == 0)
		return fetch_addr4_local(b + 12);
	return 0;
}

/* See fetch.h. */
int
fetch_addr_local(const char *ip)
{
	unsigned char	 b[16];

	if (ip == NULL)
		return 0;
	if (inet_pton(AF_INET, ip, b) == 1)
		return fetch_addr4_local(b);
	if (inet_pton(AF_INET6, ip, b) == 1)
		return fetch_addr6_local(b);
	return 0;
}

/*
 * A redirect from a source on a public host to this machine or a local
 * network (the address curl connected to, however the URL wrote it: "0",
 * "0x7f.1", "2130706433", "[::]"), refused before a request goes out:
 * a site on the internet could otherwise have raqib read what only this
 * machine's or the network's own services should see.
 */
static void
fetch_refuse_local(struct fetch_xfer *x, const char *ip, int port)
{
	const char	*url = fetch_shown_url(x);

	snprintf(x->refused, sizeof(x->refused), "a redirect to %.80s "
	    "(%.46s port %d: this machine or a local network) from a source "
	    "on a public host, not followed: a site on the internet may not "
	    "send raqib to local services; if you trust that address, put it "
	    "in the source's url yourself", url != NULL ? url : "?", ip, port);
}

/*
 * Whether a transfer may go to an address, local or not: the first one it
 * meets (its own host's) sets where the source is; later ones, a
 * redirect's, may not take a source on a public host to a local one. 0
 * when it may, else -1 (the caller names the address: fetch_refuse_local).
 */
static int
fetch_guard(struct fetch_xfer *x, int local)
{
	if (x->origin == FETCH_ORIGIN_NONE)
		x->origin = local ? FETCH_ORIGIN_LOCAL : FETCH_ORIGIN_PUBLIC;
	else if (x->origin == FETCH_ORIGIN_PUBLIC && local)
		return -1;
	return 0;
}

/*
 * Whether the host a URL names is this machine or a local network's: an
 * address (curl writes "0x7f.1" or "2130706433" as 127.0.0.1) fetch_addr_local
 * judges local, or localhost and the names under it (RFC 6761). A name is
 * not: only whoever resolves it knows where it leads. Its host and port
 * in host and *port, for a refusal's words.
 */
static int
fetch_url_local(const char *url, char *host, size_t hostlen, int *port)
{
	CURLU	*u = curl_url();
	char	*h = NULL, *p = NULL;
	size_t	 n;
	int	 local = 0;

	if (u != NULL && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &h, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_PORT, &p, CURLU_DEFAULT_PORT) ==
	    CURLUE_OK) {
		n = strlen(h);
		if (n > 2 && h[0] == '[' && h[n - 1] == ']')
			snprintf(host, hostlen, "%.*s", (int)(n - 2), h + 1);
		else
			snprintf(host, hostlen, "%s", h);
		*port = atoi(p);
		n = strlen(host);
		if (n > 0 && host[n - 1] == '.')
			host[--n] = '\0';
		local = fetch_addr_local(host) ||
		    strcasecmp(host, "localhost") == 0 || (n > 10 &&
		    strcasecmp(host + n - 10, ".localhost") == 0);
	}
	curl_free(h);
	curl_free(p);
	curl_url_cleanup(u);
	return local;
}

/*
 * fetch_guard when a proxy carries the transfers: the address raqib
 * connects to is the proxy's, and the proxy resolves the site's name, so
 * the URL asked is judged by the host it writes (fetch_url_local). 0 when
 * it may go, else -1 with x->refused written.
 */
static int
fetch_guard_url(struct fetch_xfer *x)
{
	char	 host[256] = "?";
	char	*url = NULL;
	int	 port = 0;

	curl_easy_getinfo(x->easy, CURLINFO_EFFECTIVE_URL, &url);
	if (url == NULL || fetch_guard(x, fetch_url_local(url, host,
	    sizeof(host), &port)) == 0)
		return 0;
	fetch_refuse_local(x, host, port);
	return -1;
}

/*
 * A request goes out (the first, or a redirect's): nothing has answered
 * it yet. Called by curl for each request, without CURLOPT_VERBOSE, with
 * the address it is sent to, checked again (fetch_guard): a connection
 * kept from another transfer opened no socket.
 */
static int
fetch_prereq_cb(void *arg, char *ip, char *local, int port, int lport)
{
	struct fetch_xfer	*x = arg;

	(void)local;
	(void)lport;
	x->answered = 0;
	x->headers_ended = 0;
	if (fetch.proxied)
		return fetch_guard_url(x) == 0 ? CURL_PREREQFUNC_OK :
		    CURL_PREREQFUNC_ABORT;
	if (fetch_guard(x, fetch_addr_local(ip)) == 0)
		return CURL_PREREQFUNC_OK;
	fetch_refuse_local(x, ip, port);
	return CURL_PREREQFUNC_ABORT;
}

/*
 * Whether the address of a socket curl is about to open is local (1), not
 * (0), or of a family raqib does not judge (-1), read from its bytes;
 * where they are in *at and its port in *port, for a refusal's words.
 */
static int
fetch_sockaddr_local(const struct curl_sockaddr *a, const void **at,
    int *port)
{
	const struct sockaddr_in	*in = (const void *)&a->addr;
	const struct sockaddr_in6	*in6 = (const void *)&a->addr;

	if (a->family == AF_INET && a->addrlen >= sizeof(*in)) {
		*at = &in->sin_addr;
		*port = ntohs(in->sin_port);
		return fetch_addr4_local(*at);
	}
	if (a->family == AF_INET6 && a->addrlen >= sizeof(*in6)) {
		*at = &in6->sin6_addr;
		*port = ntohs(in6->sin6_port);
		return fetch_addr6_local(in6->sin6_addr.s6_addr);
	}
	return -1;
}

/*
 * curl opens a socket to connect to an address: refused (no connection,
 * not even TLS's first bytes) when fetch_guard says so; else opened, not
 * inherited by the programs raqib runs (exec sinks).
 */
static curl_socket_t
fetch_open_cb(void *arg, curlsocktype purpose, struct curl_sockaddr *a)
{
	char		 ip[INET6_ADDRSTRLEN] = "?";
	const void	*at = NULL;
	int		 port = 0, local;

	(void)purpose;
	local = fetch.proxied ? -1 : fetch_sockaddr_local(a, &at, &port);
	if (local != -1 && fetch_guard(arg, local) == -1) {
		inet_ntop(a->family, at, ip, sizeof(ip));
		fetch_refuse_local(arg, ip, port);
		return CURL_SOCKET_BAD;
	}
	return socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);
}

/* How many of n bytes at p, from the first, are a plain token's letters. */
static size_t
fetch_token_len(const char *p, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (!((p[i] >= 'a' && p[i] <= 'z') ||
		    (p[i] >= 'A' && p[i] <= 'Z') ||
		    (p[i] >= '0' && p[i] <= '9') || strchr("-._+", p[i]) != NULL))
			break;
	return i;
}

/* A content coding by its name (RFC 9110 8.4.1), or FETCH_CE_UNKNOWN. */
static int
fetch_coding(const char *p, size_t n)
{
	if ((n == 4 && strncasecmp(p, "gzip", 4) == 0) ||
	    (n == 6 && strncasecmp(p, "x-gzip", 6) == 0))
		return FETCH_CE_GZIP;
	if (n == 7 && strncasecmp(p, "deflate", 7) == 0)
		return FETCH_CE_DEFLATE;
	return FETCH_CE_UNKNOWN;
}

/*
 * Note the codings a Content-Encoding line lists, in the order the
 * server applied them ("identity" is none); the first that raqib cannot
 * read is kept by name, in the letters a token is made of.
 */
static void
fetch_header_codings(struct fetch_xfer *x, const char *p, const char *end)
{
	size_t	 n;
	int	 c;

	/* The line need not end in a NUL: every step stays before end. */
	while (p < end) {
		while (p < end && strchr(" \t\r\n,", *p) != NULL)
			p++;
		for (n = 0; p + n < end && strchr(" \t\r\n,", p[n]) == NULL;
		    n++)
			;
		if (n == 0 || (n == 8 && strncasecmp(p, "identity", 8) == 0)) {
			p += n;
			continue;
		}
		c = fetch_coding(p, n);
		if (x->ncodings < FETCH_MAX_LAYERS)
			x->codings[x->ncodings] = c;
		if (x->ncodings < INT_MAX)
			x->ncodings++;
		if (c == FETCH_CE_UNKNOWN && x->unknown[0] == '\0')
			snprintf(x->unknown, sizeof(x->unknown), "%.*s",
			    (int)fetch_token_len(p, n), p);
		p += n;
	}
}

/*
 * A response begins (not the final answer after a 1xx): note the URL it
 * answers, for a redirect loop's message, and forget the last one's
 * framing.
 */
static void
fetch_response_begin(struct fetch_xfer *x)
{
	const char	*url;

	x->header_bytes = 0;
	x->ninterim = 0;
	x->length = x->length2 = -1;
	x->chunked = 0;
	x->partial = 0;
	url = fetch_shown_url(x);
	if (url != NULL && x->nchain < FETCH_CHAIN)
		x->chain[x->nchain++] = xstrdup(url);
}

/*
 * Note the body lengths a Content-Length line gives (a list is allowed,
 * each alike): the first, and one that differs from it.
 */
static void
fetch_header_length(struct fetch_xfer *x, const char *p, const char *end)
{
	long long	 v;

	/* The line need not end in a NUL: every step stays before end. */
	while (p < end) {
		while (p < end && (*p == ' ' || *p == '\t' || *p == ','))
			p++;
		if (p >= end || *p < '0' || *p > '9')
			return;
		for (v = 0; p < end && *p >= '0' && *p <= '9' &&
		    v < LLONG_MAX / 10 - 9; p++)
			v = v * 10 + (*p - '0');
		if (x->length < 0)
			x->length = v;
		else if (v != x->length)
			x->length2 = v;
		while (p < end && *p != ',')
			p++;
	}
}

/*
 * Where a URL of n bytes names a user or password ("user:pw@" before its
 * host): the index just past the '@', with *from where they begin; 0 when
 * it names none. A URL without a scheme names one only when it starts
 * with "//"; else it is a path.
 */
static size_t
fetch_userinfo(const char *p, size_t n, size_t *from)
{
	size_t	 i = fetch_token_len(p, n), at = 0;

	if (i > 0 && i < n && p[i] == ':')
		i++;
	else if (n >= 2 && (p[0] == '/' || p[0] == '\\') &&
	    (p[1] == '/' || p[1] == '\\'))
		i = 0;
	else
		return 0;
	while (i < n && (p[i] == '/' || p[i] == '\\'))
		i++;
	*from = i;
	for (; i < n && p[i] != '/' && p[i] != '\\' && p[i] != '?' &&
	    p[i] != '#'; i++)
		if (p[i] == '@')
			at = i + 1;
	return at;
}

/*
 * Whether a URL names a user name or password before its host (asked of
 * every response: one without an '@' names none).
 */
static int
fetch_has_login(const char *url)
{
	size_t	 from;

	return strchr(url, '@') != NULL &&
	    fetch_userinfo(url, strlen(url), &from) != 0;
}

/* See fetch.h. */
char *
fetch_url_nologin(const char *url)
{
	size_t	 n = strlen(url), at, from = 0;
	char	*out;

	if ((at = fetch_userinfo(url, n, &from)) == 0)
		return xstrdup(url);
	out = xmalloc(n - (at - from) + 1);
	memcpy(out, url, from);
	memcpy(out + from, url + at, n - at + 1);
	return out;
}

/*
 * The URL curl asks now, its user name and password left out (a source's
 * url may hold them: they go to the server, never to a message, a health
 * row or an item's link resolved against it). Borrowed: curl's, or a copy
 * the transfer keeps, made again only when the URL changes.
 */
static const char *
fetch_shown_url(struct fetch_xfer *x)
{
	char	*url = NULL, *shown;

	curl_easy_getinfo(x->easy, CURLINFO_EFFECTIVE_URL, &url);
	if (url == NULL || !fetch_has_login(url))
		return url;
	shown = fetch_url_nologin(url);
	if (x->shown != NULL && strcmp(x->shown, shown) == 0) {
		free(shown);
		return x->shown;
	}
	free(x->shown);
	return x->shown = shown;
}

/* Whether a part of two parsed URLs reads the same (case aside). */
static int
fetch_url_part_same(CURLU *a, CURLU *b, CURLUPart part, unsigned flags)
{
	char	*pa = NULL, *pb = NULL;
	int	 same;

	same = curl_url_get(a, part, &pa, flags) == CURLUE_OK &&
	    curl_url_get(b, part, &pb, flags) == CURLUE_OK &&
	    strcasecmp(pa, pb) == 0;
	curl_free(pa);
	curl_free(pb);
	return same;
}

/* Put the user name and password of from (if any) into to; -1 on failure. */
static int
fetch_url_login_copy(CURLU *from, CURLU *to)
{
	static const CURLUPart	 parts[] = { CURLUPART_USER,
	    CURLUPART_PASSWORD };
	char			*v = NULL;
	size_t			 i;
	int			 rc = 0;

	for (i = 0; i < nitems(parts) && rc == 0; i++) {
		if (curl_url_get(from, parts[i], &v, 0) == CURLUE_OK &&
		    curl_url_set(to, parts[i], v, 0) != CURLUE_OK)
			rc = -1;
		curl_free(v);
		v = NULL;
	}
	return rc;
}

/*
 * The URL now, where a source asked at asked (whose url holds a login)
 * moved for good, with that login: when now has asked's scheme, host and
 * port, the one place curl sends the login along a redirect (a login
 * never goes to another server, so a move there is not taken). NULL
 * else. Caller frees.
 */
static char *
fetch_moved_login(const char *asked, const char *now)
{
	CURLU	*a = curl_url(), *b = curl_url();
	char	*url = NULL, *out = NULL;

	if (a != NULL && b != NULL &&
	    curl_url_set(a, CURLUPART_URL, asked, 0) == CURLUE_OK &&
	    curl_url_set(b, CURLUPART_URL, now, 0) == CURLUE_OK &&
	    fetch_url_part_same(a, b, CURLUPART_SCHEME, 0) &&
	    fetch_url_part_same(a, b, CURLUPART_HOST, 0) &&
	    fetch_url_part_same(a, b, CURLUPART_PORT, CURLU_DEFAULT_PORT) &&
	    fetch_url_login_copy(a, b) == 0 &&
	    curl_url_get(b, CURLUPART_URL, &url, 0) == CURLUE_OK)
		out = xstrdup(url);
	curl_free(url);
	curl_url_cleanup(a);
	curl_url_cleanup(b);
	return out;
}

/*
 * Where a transfer that every redirect moved for good ended, for the
 * source to be asked there from now on: shown, or for a source whose url
 * holds a login that URL with the login (fetch_moved_login), kept in x.
 */
static const char *
fetch_moved_to(struct fetch_xfer *x, const char *shown)
{
	char	*now = NULL;

	if (!fetch_has_login(x->url))
		return shown;
	curl_easy_getinfo(x->easy, CURLINFO_EFFECTIVE_URL, &now);
	free(x->moved);
	x->moved = now ? fetch_moved_login(x->url, now) : NULL;
	return x->moved;
}

/*
 * The length of the scheme a URL of n bytes starts with (RFC 3986 3.1:
 * a letter, then letters, digits, "+-.", then ':'), without the ':'; 0
 * when it starts with none (a relative or protocol-relative URL).
 */
static size_t
fetch_scheme_len(const char *p, size_t n)
{
	size_t	 i = fetch_token_len(p, n);

	if (i == 0 || i == n || p[i] != ':' || memchr(p, '_', i) != NULL ||
	    !((p[0] >= 'a' && p[0] <= 'z') || (p[0] >= 'A' && p[0] <= 'Z')))
		return 0;
	return i;
}

/*
 * A redirect to a URL that is not http or https, named by its scheme:
 * curl would say "not supported", or of data: only that it cannot parse
 * it. 1 when it is one, with x->refused written.
 */
static int
fetch_refuse_scheme(struct fetch_xfer *x, const char *p, size_t n)
{
	size_t	 s = fetch_scheme_len(p, n);

	if (s == 0 || (s == 4 && strncasecmp(p, "http", 4) == 0) ||
	    (s == 5 && strncasecmp(p, "https", 5) == 0))
		return 0;
	snprintf(x->refused, sizeof(x->refused), "a redirect to %.*s:..., a "
	    "URL that is not http or https, which raqib does not follow: the "
	    "site sends readers away from the web; check the source's url in a "
	    "browser", (int)(s < 16 ? s : 16), p);
	return 1;
}

/*
 * A redirect's Location, refused before curl follows it: one past
 * FETCH_MAX_LOCATION, one that names a user or password (a login the
 * server chose, which curl would send on; said without them, so they
 * are never logged), or one to a scheme that is not http or https. 0 to
 * stop the transfer.
 */
static int
fetch_header_location(struct fetch_xfer *x, const char *p, const char *end)
{
	size_t	 n, at, from = 0;

	if (x->code < 300 || x->code >= 400 || x->code == 304)
		return 1;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	while (end > p && strchr(" \t\r\n", end[-1]) != NULL)
		end--;
	n = (size_t)(end - p);
	if (n > FETCH_MAX_LOCATION) {
		snprintf(x->refused, sizeof(x->refused), "a redirect to a URL "
		    "of %zu bytes, which raqib does not follow (at most %d): a "
		    "fault at the site", n, FETCH_MAX_LOCATION);
		return 0;
	}
	if ((at = fetch_userinfo(p, n, &from)) == 0)
		return !fetch_refuse_scheme(x, p, n);
	snprintf(x->refused, sizeof(x->refused), "a redirect to %.*s***@%.*s, "
	    "a URL with a user name or password in it (left out here), "
	    "which raqib does not follow: it would send a login the server "
	    "chose; if you trust that address, put it in the source's url "
	    "yourself", (int)(from < 16 ? from : 16), p,
	    (int)(n - at < 120 ? n - at : 120),
	    p + at);
	return 0;
}

/*
 * Whether a Content-Range line names less than the whole body ("bytes
 * 0-59/230"): a server or a cache that answers a request for all of it
 * with a piece. "bytes 0-229/230", or from the first byte of a size it
 * does not know, is the whole; anything else is not.
 */
static int
fetch_header_partial(const char *p, const char *end)
{
	char		 line[96];
	long long	 first, last, size;

	snprintf(line, sizeof(line), "%.*s", (int)(end - p < 95 ? end - p : 95),
	    p);
	if (sscanf(line, " bytes %lld-%lld/%lld", &first, &last, &size) == 3)
		return first != 0 || last + 1 != size;
	if (sscanf(line, " bytes %lld-%lld/*", &first, &last) == 2)
		return first != 0;
	return 1;
}

/*
 * Read one header line for what curl 7.88 lets pass: two Content-Length
 * values that differ (RFC 9112 6.3: the body's end is unknown, which
 * curl settles by taking the last), a redirect raqib does not follow. 0
 * to stop the transfer.
 */
static int
fetch_header_field(struct fetch_xfer *x, const char *p, size_t len)
{
	size_t	 i;

	if (len == 0)
		return 1;
	if (len <= 2 && (p[0] == '\r' || p[0] == '\n')) {
		x->headers_ended = 1;
		return x->length2 < 0 || x->chunked;
	}
	if (len > 15 && strncasecmp(p, "Content-Length:", 15) == 0)
		fetch_header_length(x, p + 15, p + len);
	else if (len > 17 && strncasecmp(p, "Content-Encoding:", 17) == 0)
		fetch_header_codings(x, p + 17, p + len);
	else if (len > 14 && strncasecmp(p, "Content-Range:", 14) == 0)
		x->partial = fetch_header_partial(p + 14, p + len);
	else if (len > 9 && strncasecmp(p, "Location:", 9) == 0)
		return fetch_header_location(x, p + 9, p + len);
	else if (len > 18 && strncasecmp(p, "Transfer-Encoding:", 18) == 0)
		for (i = 18; i + 7 <= len; i++)
			if (strncasecmp(p + i, "chunked", 7) == 0)
				x->chunked = 1;
	return 1;
}

/*
 * Watch each response's status line to tell permanent redirects apart,
 * and cut headers that never end at FETCH_MAX_HEADERS: past curl's own
 * limit it says only "out of memory". Interim responses (100 Continue,
 * 103 Early Hints) count with the response they precede, or a flood of
 * them would never reach the cap.
 */
static size_t
fetch_header_cb(char *p, size_t size, size_t n, void *arg)
{
	struct fetch_xfer	*x = arg;
	size_t			 len = size * n;
	int			 code;
	char			 line[32];

	x->answered = 1;
	/*
	 * Past the final response's headers, with no request since, curl
	 * hands over the trailer lines after a chunked body's last chunk:
	 * counted with the headers, never read as a response of their own.
	 */
	if (x->headers_ended && !x->interim && x->chunked)
		x->trailers = 1;
	if (len >= 5 && strncmp(p, "HTTP/", 5) == 0 && !x->interim &&
	    !x->trailers)
		fetch_response_begin(x);
	if ((x->header_bytes += len) > FETCH_MAX_HEADERS) {
		x->headers_too_big = 1;
		return 0;
	}
	if (x->trailers)
		return len;
	if (len < 12 || strncmp(p, "HTTP/", 5) != 0)
		return fetch_header_field(x, p, len) ? len : 0;
	x->headers_ended = 0;
	/* Codings are the final response's, not a 1xx's before it. */
	x->ncodings = 0;
	x->unknown[0] = '\0';
	snprintf(line, sizeof(line), "%.*s", (int)(len < 31 ? len : 31), p);
	if (sscanf(line, "HTTP/%*s %d", &code) != 1)
		return len;
	x->code = code;
	/*
	 * raqib asks for no upgrade: past a 101 curl 7.88 waits for the
	 * other protocol until the timeout, or takes a close for an answer.
	 */
	if (code == 101)
		return 0;
	x->interim = code >= 100 && code < 200;
	if (x->interim) {
		x->ninterim++;
		x->interim_code = code;
	}
	/* raqib asks for no range: a 206 is a piece unless it says "all". */
	x->partial = code == 206;
	if (code < 300 || code >= 400 || code == 304)
		return len;
	x->redirects++;
	if (code != 301 && code != 308)
		x->temporary = 1;
	return len;
}

/* Stop watching the parked sockets: curl did not take them back. */
static void
fetch_sock_flush(void)
{
	struct fetch_sock	*fs;

	while ((fs = SLIST_FIRST(&fetch.parked)) != NULL) {
		SLIST_REMOVE_HEAD(&fetch.parked, parked);
		event_free(fs->ev);
		free(fs);
	}
}

/* Report the transfers curl has finished, and start waiting ones. */
static void
fetch_read_done(void)
{
	CURLMsg			*msg;
	struct fetch_xfer	*x;
	int			 left;

	while ((msg = curl_multi_info_read(fetch.multi, &left)) != NULL) {
		if (msg->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&x);
		fetch_finish(x, msg->data.result);
	}
	fetch_pump();
}

/*
 * After curl ran: report what ended and start what waits. Transfers just
 * started ask curl to run at once; it does here rather than after a turn
 * of the loop, so that a connection an ended transfer leaves is taken by
 * the next before the loop could stop and start watching it again.
 */
static void
fetch_check_done(void)
{
	int	 rounds, running;

	fetch_read_done();
	for (rounds = 0; fetch.due && rounds < FETCH_DUE_ROUNDS; rounds++) {
		fetch.due = 0;
		evtimer_del(fetch.timer);
		curl_multi_socket_action(fetch.multi, CURL_SOCKET_TIMEOUT, 0,
		    &running);
		fetch_read_done();
	}
	fetch_sock_flush();
}

/* A watched socket is ready. */
static void
fetch_event_cb(evutil_socket_t fd, short what, void *arg)
{
	int	 flags = 0, running;

	(void)arg;
	if (what & EV_READ)
		flags |= CURL_CSELECT_IN;
	if (what & EV_WRITE)
		flags |= CURL_CSELECT_OUT;
	curl_multi_socket_action(fetch.multi, fd, flags, &running);
	fetch_check_done();
}

/* curl's timeout expired. */
static void
fetch_timer_cb(evutil_socket_t fd, short what, void *arg)
{
	int	 running;

	(void)fd;
	(void)what;
	(void)arg;
	curl_multi_socket_action(fetch.multi, CURL_SOCKET_TIMEOUT, 0, &running);
	fetch_check_done();
}

/* curl asks for a timer; -1 deletes it (curl issue 1253). */
static int
fetch_multi_timer_cb(CURLM *multi, long ms, void *arg)
{
	struct timeval	 tv;

	(void)multi;
	(void)arg;
	if (ms < 0) {
		evtimer_del(fetch.timer);
		return 0;
	}
	/* Kept too: the loop runs curl when no callback of ours does. */
	fetch.due = ms == 0;
	tv.tv_sec = ms / 1000;
	tv.tv_usec = (ms % 1000) * 1000;
	evtimer_add(fetch.timer, &tv);
	return 0;
}

/* Take a parked socket back, or NULL when fd is not one. */
static struct fetch_sock *
fetch_sock_unpark(curl_socket_t fd)
{
	struct fetch_sock	*fs;

	SLIST_FOREACH(fs, &fetch.parked, parked)
		if (fs->fd == fd)
			break;
	if (fs != NULL)
		SLIST_REMOVE(&fetch.parked, fs, fetch_sock, parked);
	return fs;
}

/*
 * curl closes a socket: one still parked stops being watched first, or
 * the loop would take a new socket given the same number for it.
 */
static int
fetch_close_cb(void *arg, curl_socket_t fd)
{
	struct fetch_sock	*fs;

	(void)arg;
	if ((fs = fetch_sock_unpark(fd)) != NULL) {
		event_free(fs->ev);
		free(fs);
	}
	return close(fd);
}

/* curl tells which socket to watch for what. */
static int
fetch_socket_cb(CURL *easy, curl_socket_t s, int what, void *arg, void *sockp)
{
	struct fetch_sock	*fs = sockp;
	short			 kind;

	(void)easy;
	(void)arg;
	if (what == CURL_POLL_REMOVE) {
		if (fs != NULL)
			SLIST_INSERT_HEAD(&fetch.parked, fs, parked);
		curl_multi_assign(fetch.multi, s, NULL);
		return 0;
	}
	kind = EV_PERSIST | ((what & CURL_POLL_IN) ? EV_READ : 0) |
	    ((what & CURL_POLL_OUT) ? EV_WRITE : 0);
	if (fs == NULL && (fs = fetch_sock_unpark(s)) == NULL)
		fs = xcalloc(1, sizeof(*fs));
	curl_multi_assign(fetch.multi, s, fs);
	if (fs->ev != NULL && fs->kind == kind)
		return 0;
	if (fs->ev != NULL)
		event_free(fs->ev);
	fs->fd = s;
	fs->kind = kind;
	fs->ev = event_new(fetch.base, s, kind, fetch_event_cb, NULL);
	if (fs->ev == NULL)
		return -1;
	event_add(fs->ev, NULL);
	return 0;
}

/*
 * Whether the environment names a proxy, in a variable curl reads (curl
 * takes http_proxy in lower case only: HTTP_PROXY is a CGI's request
 * header). Hosts in no_proxy are then judged as proxied ones are.
 */
static int
fetch_proxy_env(void)
{
	static const char *const	 names[] = {
		"http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy",
		"ALL_PROXY"
	};
	const char			*v;
	size_t				 i;

	for (i = 0; i < nitems(names); i++)
		if ((v = getenv(names[i])) != NULL && v[0] != '\0')
			return 1;
	return 0;
}

/* Start libcurl on the event base. */
int
fetch_init(struct event_base *base)
{
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return -1;
	fetch.base = base;
	fetch.proxied = fetch_proxy_env();
	TAILQ_INIT(&fetch.running);
	SLIST_INIT(&fetch.parked);
	LIST_INIT(&fetch.hosts);
	if ((fetch.multi = curl_multi_init()) == NULL ||
	    (fetch.timer = evtimer_new(base, fetch_timer_cb, NULL)) == NULL)
		return -1;
	fetch_set_limits(0, 0);
	curl_multi_setopt(fetch.multi, CURLMOPT_SOCKETFUNCTION, fetch_socket_cb);
	curl_multi_setopt(fetch.multi, CURLMOPT_TIMERFUNCTION,
	    fetch_multi_timer_cb);
	return 0;
}

/* Add a header line to a transfer's list. */
static int
fetch_add_line(struct fetch_xfer *x, const char *line)
{
	struct curl_slist	*l;

	if ((l = curl_slist_append(x->headers, line)) == NULL)
		return -1;
	x->headers = l;
	return 0;
}

/* Add a conditional-GET header built from a validator. */
static int
fetch_add_header(struct fetch_xfer *x, const char *name, const char *value)
{
	struct buf	 b = { 0 };
	int		 rc;

	if (value == NULL)
		return 0;
	buf_puts(&b, name);
	buf_puts(&b, ": ");
	buf_puts(&b, value);
	rc = fetch_add_line(x, b.data);
	buf_free(&b);
	return rc;
}

/*
 * A proxy's CONNECT carries the User-Agent too (CURLOPT_PROXYHEADER: the
 * transfer's own headers go to the server alone); curl never frees it.
 */
static struct curl_slist fetch_proxy_ua = { (char *)FETCH_UA_HEADER, NULL };

/*
 * A new easy handle with the options every transfer shares; one a
 * transfer, never an ended transfer's again: curl 7.88 keeps a pointer to
 * the last header it stored past the transfer that freed it, and appends
 * a response's first header line there when it is folded (starts with a
 * blank), on freed memory (later curls clear it): any server could crash
 * raqib. Reusing handles saved 0.6 % of a later poll's instructions once
 * each had to be copied to be safe, so none is kept.
 */
static CURL *
fetch_easy_new(void)
{
	CURL	*e;

	if ((e = curl_easy_init()) == NULL)
		return NULL;
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, fetch_write_cb);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, fetch_header_cb);
	curl_easy_setopt(e, CURLOPT_PREREQFUNCTION, fetch_prereq_cb);
	curl_easy_setopt(e, CURLOPT_CLOSESOCKETFUNCTION, fetch_close_cb);
	curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, fetch_open_cb);
	curl_easy_setopt(e, CURLOPT_PROXYHEADER, &fetch_proxy_ua);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, (long)FETCH_MAX_REDIRS);
	/*
	 * The body is decoded here, not by curl, whose decoder (7.88) takes a
	 * stream cut short for a whole body (docs/HACKING.md); fetch_setup
	 * asks for the codings.
	 */
	curl_easy_setopt(e, CURLOPT_HTTP_CONTENT_DECODING, 0L);
	/*
	 * Cookies in memory, for one transfer's redirects alone (forgotten
	 * with its handle): a site that sets one and redirects to itself to
	 * see it back loops without.
	 */
	curl_easy_setopt(e, CURLOPT_COOKIEFILE, "");
	/*
	 * An answer without a status line reaches fetch_write_cb, which
	 * names it (HTTP/2 alone, TLS) and refuses it at its first bytes:
	 * none is read as HTTP/0.9.
	 */
	curl_easy_setopt(e, CURLOPT_HTTP09_ALLOWED, 1L);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, (long)FETCH_CONNECT_TIMEOUT);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, (long)FETCH_LOW_SPEED_BYTES);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, (long)FETCH_LOW_SPEED_TIME);
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE,
	    (curl_off_t)FETCH_MAX_BODY);
	return e;
}

/* Set a transfer's own options on its handle: URL, validators, timeout. */
static int
fetch_setup(struct fetch_xfer *x)
{
	CURL	*e = x->easy;

	if (fetch_add_line(x, FETCH_UA_HEADER) == -1 ||
	    fetch_add_line(x, FETCH_AE_HEADER) == -1 ||
	    fetch_add_header(x, "If-None-Match", x->etag) == -1 ||
	    fetch_add_header(x, "If-Modified-Since", x->last_modified) == -1)
		return -1;
	curl_easy_setopt(e, CURLOPT_URL, x->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, x);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
	curl_easy_setopt(e, CURLOPT_PREREQDATA, x);
	curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, x);
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, x->headers);
	curl_easy_setopt(e, CURLOPT_TIMEOUT, x->timeout);
	return 0;
}

/* tsearch order of hosts: by name. */
static int
fetch_host_cmp(const void *a, const void *b)
{
	return strcmp(((const struct fetch_host *)a)->name,
	    ((const struct fetch_host *)b)->name);
}

/* The heap order: the host whose oldest waiting transfer is older. */
static int
fetch_ready_before(const struct fetch_host *a, const struct fetch_host *b)
{
	return TAILQ_FIRST(&a->waiting)->seq < TAILQ_FIRST(&b->waiting)->seq;
}

/* Put host h at heap slot i. */
static void
fetch_ready_set(size_t i, struct fetch_host *h)
{
	fetch.ready[i] = h;
	h->slot = i;
}

/* Move the host at slot i up to its place. */
static void
fetch_ready_up(size_t i)
{
	struct fetch_host	*h = fetch.ready[i];

	for (; i > 0 && fetch_ready_before(h, fetch.ready[(i - 1) / 2]);
	    i = (i - 1) / 2)
		fetch_ready_set(i, fetch.ready[(i - 1) / 2]);
	fetch_ready_set(i, h);
}

/* Move the host at slot i down to its place. */
static void
fetch_ready_down(size_t i)
{
	struct fetch_host	*h = fetch.ready[i];
	size_t			 c;

	while ((c = 2 * i + 1) < fetch.nready) {
		if (c + 1 < fetch.nready &&
		    fetch_ready_before(fetch.ready[c + 1], fetch.ready[c]))
			c++;
		if (!fetch_ready_before(fetch.ready[c], h))
			break;
		fetch_ready_set(i, fetch.ready[c]);
		i = c;
	}
	fetch_ready_set(i, h);
}

/* Take a host out of the ready heap, if it is there. */
static void
fetch_ready_remove(struct fetch_host *h)
{
	size_t			 i = h->slot;
	struct fetch_host	*last;

	if (i == FETCH_NOT_READY)
		return;
	h->slot = FETCH_NOT_READY;
	last = fetch.ready[--fetch.nready];
	if (last == h)
		return;
	fetch_ready_set(i, last);
	fetch_ready_up(i);
	fetch_ready_down(last->slot);
}

/*
 * Place a host in the ready heap or out of it, after its queue, its count
 * or the limits changed.
 */
static void
fetch_host_update(struct fetch_host *h)
{
	fetch_ready_remove(h);
	if (TAILQ_EMPTY(&h->waiting) || h->active >= fetch.max_per_host)
		return;
	fetch_ready_set(fetch.nready++, h);
	fetch_ready_up(h->slot);
}

/* Make room in the ready heap for one more host. */
static void
fetch_ready_grow(void)
{
	if (fetch.nhosts < fetch.readycap)
		return;
	fetch.readycap = fetch.readycap ? fetch.readycap * 2 : 16;
	fetch.ready = xreallocarray(fetch.ready, fetch.readycap,
	    sizeof(*fetch.ready));
}

/* A new host, known by name (which it takes) from now on. */
static struct fetch_host *
fetch_host_new(char *name)
{
	struct fetch_host	*h;

	fetch_ready_grow();
	h = xcalloc(1, sizeof(*h));
	h->name = name;
	h->slot = FETCH_NOT_READY;
	TAILQ_INIT(&h->waiting);
	if (tsearch(h, &fetch.names, fetch_host_cmp) == NULL)
		xmalloc_oom();
	LIST_INSERT_HEAD(&fetch.hosts, h, entry);
	fetch.nhosts++;
	return h;
}

/* The host of that name (which it takes), made when new. */
static struct fetch_host *
fetch_host_get(char *name)
{
	struct fetch_host	 key = { .name = name };
	void			*found;

	if ((found = tfind(&key, &fetch.names, fetch_host_cmp)) == NULL)
		return fetch_host_new(name);
	free(name);
	return *(struct fetch_host **)found;
}

/* Seconds on a clock that only goes forward. */
static double
fetch_now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Whole seconds a host is still left alone for (a 429), or 0. */
static long
fetch_host_held(const struct fetch_host *h)
{
	double	 left = h->held_until - fetch_now();

	return left > 0 ? (long)left + 1 : 0;
}

/* Free a host, known by name until now. */
static void
fetch_host_free(struct fetch_host *h)
{
	fetch_ready_remove(h);
	tdelete(h, &fetch.names, fetch_host_cmp);
	LIST_REMOVE(h, entry);
	fetch.nhosts--;
	free(h->name);
	free(h);
}

/* Forget a host that has nothing waiting or running, nor a 429 to wait out. */
static void
fetch_host_release(struct fetch_host *h)
{
	if (h->active > 0 || !TAILQ_EMPTY(&h->waiting) ||
	    fetch_host_held(h) > 0)
		return;
	fetch_host_free(h);
}

/* Run a transfer's callback, then free it, and its host if that is idle. */
static void
fetch_done(struct fetch_xfer *x, const struct fetch_result *r)
{
	struct fetch_host	*h = x->host;

	x->cb(r, x->arg);
	fetch_xfer_free(x);
	fetch_host_release(h);
}

/* Take a transfer off its host's queue. */
static void
fetch_unqueue(struct fetch_xfer *x)
{
	TAILQ_REMOVE(&x->host->waiting, x, entry);
	fetch.nwaiting--;
}

/* Hand one transfer to curl; -1 (and its callback has run) when that failed. */
static int
fetch_launch(struct fetch_xfer *x)
{
	struct fetch_result	 r = { 0 };
	struct fetch_host	*h = x->host;

	fetch_unqueue(x);
	h->active++;
	fetch_host_update(h);
	if ((x->easy = fetch_easy_new()) != NULL && fetch_setup(x) == 0 &&
	    curl_multi_add_handle(fetch.multi, x->easy) == CURLM_OK) {
		TAILQ_INSERT_TAIL(&fetch.running, x, entry);
		fetch.nrunning++;
		return 0;
	}
	h->active--;
	fetch_host_update(h);
	r.url = x->url;
	r.error = "out of memory starting the transfer";
	fetch_done(x, &r);
	return -1;
}

/*
 * A transfer to a host that answered 429 a while ago, not sent: the host
 * asked raqib to slow down, not one of its URLs; its callback runs with
 * the wait left.
 */
static void
fetch_refuse_held(struct fetch_xfer *x)
{
	struct fetch_result	 r = { 0 };
	struct fetch_host	*h = x->host;
	char			 error[512];

	fetch_unqueue(x);
	fetch_host_update(h);
	r.url = x->url;
	r.retry_after = fetch_host_held(h);
	snprintf(error, sizeof(error), "not asked: the host %.200s answered "
	    "another of raqib's requests with HTTP status 429 (too many "
	    "requests), so every source on it is left alone until the wait "
	    "is over, then tried again; if it lasts, raise the interval of "
	    "its sources", h->name);
	r.error = error;
	fetch_done(x, &r);
}

/*
 * A 429 asks the host that sent it, not one URL, to be asked less: every
 * transfer to it waits out its Retry-After (FETCH_HOLD_DEFAULT when it
 * names none; at most FETCH_RETRY_AFTER_MAX, as fetch_retry_after clamps).
 */
static void
fetch_host_hold(const struct fetch_result *r)
{
	struct fetch_host	*h;
	double			 until;

	if (r->ok || r->status != 429 || r->url == NULL)
		return;
	h = fetch_host_get(fetch_url_host(r->url));
	until = fetch_now() + (double)(r->retry_after > 0 ? r->retry_after :
	    FETCH_HOLD_DEFAULT);
	if (until > h->held_until)
		h->held_until = until;
}

/* A transfer left the running set: its host has a place free again. */
static void
fetch_host_leave(struct fetch_xfer *x)
{
	struct fetch_host	*h = x->host;

	TAILQ_REMOVE(&fetch.running, x, entry);
	fetch.nrunning--;
	h->active--;
	fetch_host_update(h);
}

/*
 * Start waiting transfers, oldest first, while the limits allow: the top
 * of the ready heap each time, so a start costs the log of the hosts, not
 * the length of the queue. Waiting happens here rather than inside
 * libcurl so that a waiting transfer's timeout does not run
 * (docs/HACKING.md, "the timeout counts queueing").
 */
static void
fetch_pump(void)
{
	struct fetch_host	*h;

	/* A failed launch ran a callback, which may have queued more. */
	while (fetch.nready > 0) {
		h = fetch.ready[0];
		if (fetch_host_held(h) > 0)
			fetch_refuse_held(TAILQ_FIRST(&h->waiting));
		else if (fetch.nrunning < fetch.max_active)
			fetch_launch(TAILQ_FIRST(&h->waiting));
		else
			break;
	}
}

/* The lower-case host of a URL, or "" when curl cannot parse it. */
static char *
fetch_url_host(const char *url)
{
	CURLU	*u = curl_url();
	char	*host = NULL, *copy, *p;

	if (u != NULL && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK)
		curl_url_get(u, CURLUPART_HOST, &host, 0);
	copy = xstrdup(host ? host : "");
	curl_free(host);
	curl_url_cleanup(u);
	for (p = copy; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return copy;
}

/* Set how many transfers may run at once, in all and against one host. */
void
fetch_set_limits(size_t max_active, size_t max_per_host)
{
	struct fetch_host	*h;

	fetch.max_active = max_active > 0 ? max_active : FETCH_MAX_ACTIVE;
	fetch.max_per_host = max_per_host > 0 ? max_per_host :
	    FETCH_MAX_PER_HOST;
	LIST_FOREACH(h, &fetch.hosts, entry)
		fetch_host_update(h);
	fetch_pump();
}

/*
 * The URL to ask for: as written, or, when it holds a space (pasted from
 * a browser's address bar), with its spaces and bytes past ASCII
 * percent-encoded as curl does to a redirect's; curl refuses it as it is.
 */
static char *
fetch_url_request(const char *url)
{
	CURLU	*u;
	char	*s = NULL, *out;

	if (strchr(url, ' ') == NULL || (u = curl_url()) == NULL)
		return xstrdup(url);
	if (curl_url_set(u, CURLUPART_URL, url, CURLU_ALLOW_SPACE |
	    CURLU_URLENCODE) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_URL, &s, 0) == CURLUE_OK)
		out = xstrdup(s);
	else
		out = xstrdup(url);
	curl_free(s);
	curl_url_cleanup(u);
	return out;
}

/* Copy a request into a new queued transfer. */
static struct fetch_xfer *
fetch_xfer_new(const struct fetch_request *req, fetch_cb *cb, void *arg)
{
	struct fetch_xfer	*x;

	x = xcalloc(1, sizeof(*x));
	x->cb = cb;
	x->arg = arg;
	x->timeout = req->timeout > 0 ? req->timeout : FETCH_DEFAULT_TIMEOUT;
	x->length = x->length2 = -1;
	x->url = fetch_url_request(req->url);
	x->etag = req->etag ? xstrdup(req->etag) : NULL;
	x->last_modified = req->last_modified ? xstrdup(req->last_modified) :
	    NULL;
	return x;
}

/* Queue a transfer behind its host's; it starts as soon as the limits allow. */
void
fetch_start(const struct fetch_request *req, fetch_cb *cb, void *arg)
{
	struct fetch_xfer	*x = fetch_xfer_new(req, cb, arg);

	x->host = fetch_host_get(fetch_url_host(x->url));
	x->seq = ++fetch.seq;
	TAILQ_INSERT_TAIL(&x->host->waiting, x, entry);
	fetch.nwaiting++;
	fetch_host_update(x->host);
	fetch_pump();
}

/* Transfers queued or running. */
size_t
fetch_active(void)
{
	return fetch.nrunning + fetch.nwaiting;
}

/* The value of a response header of the last request, or NULL. */
static const char *
fetch_header(CURL *e, const char *name)
{
	struct curl_header	*h;

	if (curl_easy_header(e, name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK)
		return NULL;
	return h->value;
}

/*
 * A validator to send back, or NULL: visible ASCII of at most
 * FETCH_MAX_VALIDATOR bytes. Other bytes would be stored as text that is
 * not UTF-8, and a huge one sent back with every request is what servers
 * refuse (431): the source would fail from then on.
 */
static const char *
fetch_validator(CURL *e, const char *name)
{
	const char		*v = fetch_header(e, name);
	const unsigned char	*p;

	if (v == NULL || strlen(v) > FETCH_MAX_VALIDATOR)
		return NULL;
	for (p = (const unsigned char *)v; *p != '\0'; p++)
		if (*p < ' ' || *p > '~')
			return NULL;
	return v;
}

/* The characters of an RFC 9110 token (a parameter's name or bare value). */
#define FETCH_TCHAR	"!#$%&'*+-.^_`|~0123456789" \
			"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

/* Past a quoted-string that p opens, its escapes too; its end if unclosed. */
static const char *
fetch_quoted_end(const char *p)
{
	for (p++; *p != '\0' && *p != '"'; p++)
		if (*p == '\\' && p[1] != '\0')
			p++;
	return *p == '"' ? p + 1 : p;
}

/*
 * A parameter's value at p (a quoted-string, its escapes undone, or a bare
 * value, single quotes around it dropped) into out; NULL if empty or too
 * long.
 */
static const char *
fetch_param_value(const char *p, char *out, size_t outlen)
{
	size_t	 n = 0;

	if (*p == '"') {
		for (p++; *p != '\0' && *p != '"' && n + 1 < outlen; p++) {
			if (*p == '\\' && p[1] != '\0')
				p++;
			out[n++] = *p;
		}
		if (*p != '\0' && *p != '"')
			return NULL;
	} else {
		p += *p == '\'';
		n = strcspn(p, "\"' \t;,");
		if (n >= outlen)
			return NULL;
		memcpy(out, p, n);
	}
	out[n] = '\0';
	return n > 0 ? out : NULL;
}

/* See fetch.h. */
const char *
fetch_content_charset(const char *ct, char *out, size_t outlen)
{
	const char	*p = strchr(ct, ';'), *v;
	size_t		 name;

	while (p != NULL) {
		p += strspn(p, "; \t");
		name = strspn(p, FETCH_TCHAR);
		v = p + name + strspn(p + name, " \t");
		/* A parameter without "=": nothing to read, up to the next. */
		if (*v != '=') {
			p = strchr(v, ';');
			continue;
		}
		v += 1 + strspn(v + 1, " \t");
		if (name == 7 && strncasecmp(p, "charset", 7) == 0)
			return fetch_param_value(v, out, outlen);
		p = strchr(*v == '"' ? fetch_quoted_end(v) : v, ';');
	}
	return NULL;
}

/* The charset parameter of the Content-Type, copied into out; NULL if none. */
static const char *
fetch_charset(CURL *e, char *out, size_t outlen)
{
	const char	*ct = NULL;

	curl_easy_getinfo(e, CURLINFO_CONTENT_TYPE, &ct);
	return ct != NULL ? fetch_content_charset(ct, out, outlen) : NULL;
}

/* What a failed transfer means, for a user; errbuf adds curl's details. */
static const struct fetch_reason {
	CURLcode	 code;
	const char	*text;
} fetch_reasons[] = {
	{ CURLE_UNSUPPORTED_PROTOCOL,
	    "refused a URL or redirect that is not http or https" },
	{ CURLE_URL_MALFORMAT, "malformed URL, the source's or a redirect's" },
	/* A header line past curl's limit (100 KB) is all it can be here. */
	{ CURLE_OUT_OF_MEMORY, "response headers too large (a line over "
	    "100 KB), or out of memory" },
	{ CURLE_COULDNT_RESOLVE_PROXY, "could not resolve the proxy" },
	{ CURLE_COULDNT_RESOLVE_HOST, "could not resolve the host name (DNS "
	    "knows no such name, or could not be asked): check the url's host "
	    "for a typo; if the site opens in a browser, check this machine's "
	    "network and DNS" },
	{ CURLE_COULDNT_CONNECT, "could not connect (server down or refusing)" },
	{ CURLE_WEIRD_SERVER_REPLY, "the server's answer is not HTTP" },
	{ CURLE_PARTIAL_FILE, "the connection closed before the whole body "
	    "arrived" },
	{ CURLE_SSL_CONNECT_ERROR, "TLS handshake failed" },
	{ CURLE_GOT_NOTHING, "the server closed the connection without "
	    "answering" },
	{ CURLE_SEND_ERROR, "the connection broke while sending" },
	{ CURLE_RECV_ERROR, "the answer could not be received" },
	{ CURLE_BAD_CONTENT_ENCODING, "the body is not in the compression the "
	    "server announced" },
	{ CURLE_PEER_FAILED_VERIFICATION, "the server's TLS certificate is "
	    "not trusted, so nothing was read (raqib never skips the check); "
	    "if the site opens in a browser without a warning, the system's CA "
	    "certificates may be out of date" },
	{ CURLE_SSL_CACERT_BADFILE, "cannot read the TLS CA certificates" },
};

/* What curl tells apart under one code in its errbuf alone (curl 7.88). */
static const struct fetch_detail {
	CURLcode	 code;
	const char	*needle;	/* in curl's errbuf */
	const char	*text;
} fetch_details[] = {
	/* OpenSSL reading a plain HTTP answer as a TLS record. */
	{ CURLE_SSL_CONNECT_ERROR, "wrong version number",
	    "the server does not speak TLS on this port (it answers in plain "
	    "HTTP or another protocol): try the url with http:// instead of "
	    "https://" },
	{ CURLE_SSL_CONNECT_ERROR, "packet length too long",
	    "the server does not speak TLS on this port (it answers in plain "
	    "HTTP or another protocol): try the url with http:// instead of "
	    "https://" },
	{ CURLE_PEER_FAILED_VERIFICATION, "self-signed certificate",
	    "the server's TLS certificate is self-signed, so not trusted and "
	    "nothing was read (raqib never skips the check); if you trust the "
	    "site, add its certificate to the system's CA certificates "
	    "(update-ca-certificates)" },
	{ CURLE_PEER_FAILED_VERIFICATION, "certificate has expired",
	    "the server's TLS certificate has expired, so nothing was read "
	    "(raqib never skips the check): a fault at the site; tried again "
	    "later" },
	{ CURLE_PEER_FAILED_VERIFICATION, "subject name matches",
	    "the server's TLS certificate is for another host name, so nothing "
	    "was read (raqib never skips the check): check the host in the "
	    "source's url" },
	{ CURLE_WEIRD_SERVER_REPLY, "Nul byte in header",
	    "the server sent a NUL byte in a response header, which HTTP "
	    "forbids, so the answer was refused: a fault at the site or a proxy "
	    "before it (tried again later)" },
	/* curl 7.88 runs out of room (64 KiB) only for a trailer line. */
	{ CURLE_RECV_ERROR, "Out of memory in chunked-encoding",
	    "the server sent the body, then a header line after it (a chunked "
	    "trailer) longer than 64 KiB, so the answer was refused: a fault "
	    "at the site or a proxy before it (tried again later)" },
	{ CURLE_RECV_ERROR, "in chunked-encoding",
	    "the body's chunked encoding is broken: a fault at the site or a "
	    "proxy before it" },
	/* curl counts the layers even when it does not decode them. */
	{ CURLE_BAD_CONTENT_ENCODING, "Reject response due to more than",
	    "the body is compressed over and over (more than 5 layers): "
	    "refused" },
};

/*
 * What an HTTP status means for a source, and what to do about it; poll
 * adds the wait a 429 or 503 asked for.
 */
static const struct fetch_status_word {
	long		 status;
	const char	*text;
} fetch_status_words[] = {
	{ 401, " (unauthorized): the feed needs a login, which raqib does not "
	    "send; look for a public feed URL" },
	{ 403, " (forbidden): the server refuses raqib; if the URL opens in a "
	    "browser, the site blocks automated readers" },
	{ 404, " (not found): nothing at this URL; check the source's url "
	    "(has the feed moved?)" },
	{ 410, " (gone): the server says the feed was removed for good; "
	    "tried again only every 6 hours; find its new URL or remove the "
	    "source" },
	{ 429, " (too many requests): the site limits how often raqib may "
	    "ask; raise interval if it lasts" },
	{ 451, " (unavailable for legal reasons): the site blocks this feed "
	    "where raqib runs" },
	{ 502, " (bad gateway): the site is down or overloaded; tried again "
	    "later" },
	{ 503, " (service unavailable): the site is down or overloaded; "
	    "tried again later" },
	{ 504, " (gateway timeout): the site is down or overloaded; tried "
	    "again later" },
};

/* The words after "HTTP status N" for a status not in the table. */
static const char *
fetch_status_class(struct fetch_xfer *x, long status)
{
	const char	*to = fetch_header(x->easy, "Location");

	/* curl 7.88 hands a blank Location over as "\r". */
	if (status >= 300 && status < 400 &&
	    (to == NULL || to[strspn(to, " \t\r\n")] == '\0'))
		return " (a redirect without a Location to follow): the "
		    "server is misconfigured";
	if (status >= 300 && status < 400)
		return " (a redirect raqib does not follow)";
	if (status >= 400 && status < 500)
		return " (the server refused the request)";
	if (status >= 500 && status < 600)
		return " (server error): a fault at the site; tried again later";
	return " (not a status HTTP defines)";
}

/* Seconds a 429 or 503 asks us to wait, clamped to six hours; 0 when none. */
static long
fetch_retry_after(CURL *e, long status)
{
	curl_off_t	 secs = 0;

	if (status != 429 && status != 503)
		return 0;
	if (curl_easy_getinfo(e, CURLINFO_RETRY_AFTER, &secs) != CURLE_OK ||
	    secs <= 0)
		return 0;
	return secs > FETCH_RETRY_AFTER_MAX ? FETCH_RETRY_AFTER_MAX :
	    (long)secs;
}

/* Why a Retry-After gave no wait: none, a time past, or unreadable. */
static const char *
fetch_retry_after_fault(CURL *e)
{
	const char	*v = fetch_header(e, "Retry-After");
	curl_off_t	 secs = 0;

	if (v == NULL)
		return "the server named no wait";
	v += strspn(v, " \t");
	if (v[strspn(v, "0123456789")] == '\0' && *v != '\0')
		return "the server's Retry-After asks for no wait";
	curl_easy_getinfo(e, CURLINFO_RETRY_AFTER, &secs);
	if (secs < 0)
		return "the server's Retry-After names a time already past";
	return "the server's Retry-After could not be read";
}

/*
 * The wait raqib chose after a 429 that asked for none it can use (a user
 * would otherwise see no reason the host stays quiet), into out; "" after
 * any other answer.
 */
static const char *
fetch_hold_note(CURL *e, long status, char *out, size_t outlen)
{
	if (status != 429 || fetch_retry_after(e, status) > 0)
		return "";
	snprintf(out, outlen, "; %s, so raqib leaves the host alone for %d s",
	    fetch_retry_after_fault(e), FETCH_HOLD_DEFAULT);
	return out;
}

/* "HTTP status N", with what it means and what to do. */
static void
fetch_describe_status(struct fetch_xfer *x, long status, char *out,
    size_t outlen)
{
	const char	*text = NULL;
	char		 note[160];
	size_t		 i;

	/* A challenge page says more than its status (403, 429 or 503). */
	if (fetch_header(x->easy, "cf-mitigated") != NULL)
		text = ": the site's anti-bot protection (Cloudflare) answered "
		    "with a challenge page instead of the feed, which raqib "
		    "cannot pass; ask the site for an unprotected feed URL";
	if (text == NULL && status == 401 && fetch_has_login(x->url))
		text = " (unauthorized): the server refused the user name or "
		    "password in the source's url; check them (the site may "
		    "have changed them, or want another kind of login)";
	for (i = 0; text == NULL && i < nitems(fetch_status_words); i++)
		if (fetch_status_words[i].status == status)
			text = fetch_status_words[i].text;
	if (text == NULL)
		text = fetch_status_class(x, status);
	snprintf(out, outlen, "HTTP status %ld%s%s", status, text,
	    fetch_hold_note(x->easy, status, note, sizeof(note)));
}

/*
 * A redirect's target that sent nothing before the timeout: a site that
 * hangs, or, when the redirects before it took most of the time (a
 * server that sends its redirect's body slowly), those redirects.
 */
static void
fetch_describe_silent_target(struct fetch_xfer *x, const char *url,
    double secs, char *out, size_t outlen)
{
	double	 redirecting = 0, left;

	curl_easy_getinfo(x->easy, CURLINFO_REDIRECT_TIME, &redirecting);
	left = secs - redirecting;
	if (redirecting < left || x->nchain == 0) {
		snprintf(out, outlen, "a redirect led to %s, whose server "
		    "accepted the connection but sent nothing, so the transfer "
		    "was stopped after %.0f s: that site hangs (tried again "
		    "later)", url, left);
		return;
	}
	snprintf(out, outlen, "the %s from %s took %.1f s of the %ld s "
	    "timeout (its server sent it slowly), so %s had only %.1f s to "
	    "answer and the transfer was stopped: a fault at the site (tried "
	    "again later)", x->redirects > 1 ? "redirects" : "redirect",
	    x->chain[0], redirecting, x->timeout, url, left < 0 ? 0 : left);
}

/*
 * Whether the transfer ended in a redirect's answer, before it was
 * followed: curl reads a redirect's body (and drops it) before it
 * follows, so one that never ends, or is announced too large, stops the
 * transfer there.
 */
static int
fetch_in_redirect(const struct fetch_xfer *x)
{
	return x->answered && x->code >= 300 && x->code < 400 &&
	    x->code != 304;
}

/* The name of an interim (1xx) status. */
static const char *
fetch_interim_name(int code)
{
	return code == 100 ? "continue" : code == 102 ? "processing" :
	    code == 103 ? "early hints" : "informational";
}

/*
 * Whether a transfer that timed out never got its connection (curl 7.88's
 * errbuf: "Connection timed out after" when the transfer's timeout came
 * first, "Failed to connect to ... Timeout was reached" when the
 * connection's did): a host that drops the packets, or is down.
 */
static int
fetch_connect_timed_out(const struct fetch_xfer *x)
{
	return strncmp(x->errbuf, "Connection timed out", 20) == 0 ||
	    (strncmp(x->errbuf, "Failed to connect to ", 21) == 0 &&
	    strstr(x->errbuf, "Timeout was reached") != NULL);
}

/*
 * Which of curl's clocks ran out (curl 7.88's errbuf says): the whole
 * transfer's, the connection's, or the low-speed rule's, which is no
 * timeout of the transfer's length at all.
 */
static void
fetch_describe_timeout(struct fetch_xfer *x, char *out, size_t outlen)
{
	double		 secs = 0, before = 0;
	const char	*url;
	int		 resolving, connecting;

	resolving = strncmp(x->errbuf, "Resolving timed out", 19) == 0;
	connecting = fetch_connect_timed_out(x);
	url = fetch_shown_url(x);
	curl_easy_getinfo(x->easy, CURLINFO_TOTAL_TIME, &secs);
	curl_easy_getinfo(x->easy, CURLINFO_PRETRANSFER_TIME, &before);
	if (!resolving && !connecting && !x->answered && x->redirects == 0)
		snprintf(out, outlen, "the server accepted the connection but "
		    "sent nothing for %.0f s, so the transfer was stopped: the "
		    "site hangs, or something other than a web server listens "
		    "on this port (tried again later)", secs - before);
	else if (!resolving && !connecting && !x->answered && url != NULL)
		fetch_describe_silent_target(x, url, secs, out, outlen);
	else if (x->trailers)
		snprintf(out, outlen, "the server sent the body, then header "
		    "lines after it (chunked trailers) that did not end within "
		    "%ld s, so the answer was refused: a fault at the site or a "
		    "proxy before it (tried again later)", x->timeout);
	else if (x->interim)
		snprintf(out, outlen, "the server sent an interim answer (HTTP "
		    "status %d, %s) and then no answer within %ld s, so the "
		    "transfer was stopped: the site hangs or is overloaded "
		    "(tried again later; raise timeout if it lasts)",
		    x->interim_code, fetch_interim_name(x->interim_code),
		    x->timeout);
	else if (strncmp(x->errbuf, "Operation too slow", 18) == 0)
		snprintf(out, outlen, "the server sent less than %d bytes/s "
		    "for %d s, so the transfer was stopped: the site is "
		    "overloaded or stalls (tried again later)",
		    FETCH_LOW_SPEED_BYTES, FETCH_LOW_SPEED_TIME);
	else if (fetch_in_redirect(x) && x->headers_ended)
		snprintf(out, outlen, "the server's redirect (HTTP status %d) "
		    "came with a body that did not end within %ld s, so it was "
		    "not followed: a fault at the site (tried again later)",
		    x->code, x->timeout);
	else if (connecting)
		snprintf(out, outlen, "no connection within %.0f s: nothing "
		    "answers at %s (the host is down, or a firewall drops "
		    "raqib's packets); check the url's host and port, and "
		    "whether the site opens in a browser on this machine "
		    "(tried again later)", secs, url ? url : x->url);
	else if (resolving)
		snprintf(out, outlen, "the host name was not resolved within "
		    "%d s: the DNS server does not answer",
		    FETCH_CONNECT_TIMEOUT);
	else if (x->answered && x->headers_ended)
		snprintf(out, outlen, "timed out after %ld s in the middle of "
		    "the body (%zu bytes of it came, then it stalled or "
		    "crawled), so nothing was read: the site stalls or is "
		    "overloaded; tried again later (raise timeout if it lasts)",
		    x->timeout, x->body.len);
	else if (x->answered)
		snprintf(out, outlen, "timed out after %ld s with the response "
		    "headers still coming, so nothing was read: a fault at the "
		    "site or a proxy before it (tried again later)",
		    x->timeout);
	else
		snprintf(out, outlen, "timed out after %ld s (%s)", x->timeout,
		    x->errbuf[0] ? x->errbuf : "no answer");
}

/* The first URL of a transfer's chain that it asked again, or -1. */
static int
fetch_chain_repeat(const struct fetch_xfer *x)
{
	int	 i, j;

	for (j = 1; j < x->nchain; j++)
		for (i = 0; i < j; i++)
			if (strcmp(x->chain[i], x->chain[j]) == 0)
				return j;
	return -1;
}

/*
 * Too many redirects: a loop, named by the URLs that make it (between two
 * hosts, or one that sends raqib back to where it came from), or a chain
 * too long, by where it went last.
 */
static void
fetch_describe_redirects(struct fetch_xfer *x, char *out, size_t outlen)
{
	struct buf	 b = { 0 };
	int		 i, end = fetch_chain_repeat(x);

	if (end < 0) {
		snprintf(out, outlen, "gave up after %d redirects (the last to "
		    "%s)", FETCH_MAX_REDIRS,
		    x->nchain > 0 ? x->chain[x->nchain - 1] : "?");
		return;
	}
	for (i = 0; i <= end; i++)
		buf_printf(&b, "%s%s", i > 0 ? " -> " : "", x->chain[i]);
	snprintf(out, outlen, "gave up after %d redirects: the server "
	    "redirects in a loop (%s), a fault at the site", FETCH_MAX_REDIRS,
	    b.data);
	buf_free(&b);
}

/* A piece of the body where raqib asked for all of it. */
static void
fetch_describe_piece(struct fetch_xfer *x, char *out, size_t outlen)
{
	const char	*range = fetch_header(x->easy, "Content-Range");
	char		 what[96];

	if (range != NULL)
		snprintf(what, sizeof(what), "Content-Range: %.60s", range);
	else
		snprintf(what, sizeof(what), "HTTP status %d, partial content",
		    x->code);
	snprintf(out, outlen, "the server answered with a piece of the body "
	    "(%s) where raqib asked for all of it: a fault at the site or a "
	    "cache before it (tried again later)", what);
}

/*
 * Interim responses (1xx) that filled the headers' room before any answer:
 * named, as "headers too large" alone sends a user looking for a cookie
 * or a header line that is not there.
 */
static void
fetch_describe_interim(const struct fetch_xfer *x, char *out, size_t outlen)
{
	const char	*name = fetch_interim_name(x->interim_code);

	snprintf(out, outlen, "response headers too large (over %d KiB): the "
	    "server sent %u interim response%s (HTTP status %d, %s) and never "
	    "its answer, so it was cut off: a fault at the site or a proxy "
	    "before it (tried again later)", FETCH_MAX_HEADERS / 1024,
	    x->ninterim, x->ninterim == 1 ? "" : "s", x->interim_code, name);
}

/*
 * A response whose form was wrong however it ended: too large, headers
 * cut off or doubled. 1 when it was, with out written.
 */
static int
fetch_describe_form(struct fetch_xfer *x, CURLcode rc, char *out,
    size_t outlen)
{
	if (x->refused[0] != '\0')
		snprintf(out, outlen, "%s", x->refused);
	else if (x->code == 101)
		snprintf(out, outlen, "HTTP status 101 (switching protocols): "
		    "the server left HTTP for another protocol, which raqib did "
		    "not ask for, so nothing was read: something other than a web "
		    "server answers at this URL, or a proxy before it is "
		    "misconfigured");
	else if (rc == CURLE_FILESIZE_EXCEEDED && fetch_in_redirect(x))
		snprintf(out, outlen, "the server's redirect (HTTP status %d) "
		    "announces a body larger than %d MiB, so it was not "
		    "followed: a fault at the site (tried again later)", x->code,
		    FETCH_MAX_BODY / (1024 * 1024));
	else if (rc == CURLE_FILESIZE_EXCEEDED && !x->too_big)
		snprintf(out, outlen, "the server announces a body larger than "
		    "%d MiB (its Content-Length), so nothing was read: a feed "
		    "too large for raqib, or a header that lies (a fault at the "
		    "site)", FETCH_MAX_BODY / (1024 * 1024));
	else if (x->too_big)
		snprintf(out, outlen, "response larger than %d MiB, cut off: "
		    "a feed too large for raqib, or a fault at the site "
		    "(tried again later); if the site has a shorter feed (a "
		    "section's, fewer items), use that",
		    FETCH_MAX_BODY / (1024 * 1024));
	else if (x->headers_too_big && x->trailers)
		snprintf(out, outlen, "the server sent the body, then header "
		    "lines after it (chunked trailers) that did not end (over %d "
		    "KiB with the headers), so the answer was cut off and "
		    "refused: a fault at the site or a proxy before it (tried "
		    "again later)", FETCH_MAX_HEADERS / 1024);
	else if (x->headers_too_big && x->interim)
		fetch_describe_interim(x, out, outlen);
	else if (x->headers_too_big)
		snprintf(out, outlen, "response headers too large (over %d "
		    "KiB), cut off: a fault at the site or a proxy before it "
		    "(tried again later)", FETCH_MAX_HEADERS / 1024);
	else if (rc == CURLE_BAD_FUNCTION_ARGUMENT && x->answered &&
	    !x->headers_ended)
		/* curl 7.88 has no other word for it. */
		snprintf(out, outlen, "the server's first response header line "
		    "starts with a blank, as if it continued a line before it "
		    "(obsolete line folding, RFC 9112 5.2), so the answer was "
		    "refused: a fault at the site or a proxy before it (tried "
		    "again later)");
	else if (rc == CURLE_OK && !x->headers_ended)
		snprintf(out, outlen, "the server closed the connection in the "
		    "middle of its response headers: nothing was read; a fault "
		    "at the site or a proxy before it (tried again later)");
	else if (rc == CURLE_OK && x->partial && x->code >= 200 &&
	    x->code < 300)
		fetch_describe_piece(x, out, outlen);
	else if (x->length2 >= 0 && !x->chunked)
		snprintf(out, outlen, "the server sent two different "
		    "Content-Length headers (%lld and %lld): where the body "
		    "ends is unknown, so it was refused, as HTTP requires; a "
		    "fault at the site or a proxy before it (tried again later)",
		    x->length, x->length2);
	else
		return 0;
	return 1;
}

/* What curl's code (and its error text) says, in a user's words. */
static void
fetch_describe_code(struct fetch_xfer *x, CURLcode rc, char *out,
    size_t outlen)
{
	const char	*text = NULL, *url = NULL;
	char		 where[256] = "";
	size_t		 i;

	if (rc == CURLE_WRITE_ERROR && x->foreign != NULL) {
		text = x->foreign;
		x->errbuf[0] = '\0';	/* curl's "failure writing output" */
	}
	for (i = 0; text == NULL && i < nitems(fetch_details); i++)
		if (fetch_details[i].code == rc &&
		    strstr(x->errbuf, fetch_details[i].needle) != NULL)
			text = fetch_details[i].text;
	for (i = 0; text == NULL && i < nitems(fetch_reasons); i++)
		if (fetch_reasons[i].code == rc)
			text = fetch_reasons[i].text;
	if (text == NULL)
		text = curl_easy_strerror(rc);
	/* Not the source's URL failed, but where a redirect led. */
	curl_easy_getinfo(x->easy, CURLINFO_EFFECTIVE_URL, &url);
	if (x->redirects > 0 && url != NULL && strcmp(url, x->url) != 0)
		snprintf(where, sizeof(where), "a redirect led to %.200s, "
		    "which failed: ", fetch_shown_url(x));
	if (x->errbuf[0] != '\0')
		snprintf(out, outlen, "%s%s (%s)", where, text, x->errbuf);
	else
		snprintf(out, outlen, "%s%s", where, text);
}

/* A message a user understands for a failed transfer. */
static void
fetch_describe(struct fetch_xfer *x, CURLcode rc, long status, char *out,
    size_t outlen)
{
	if (fetch_describe_form(x, rc, out, outlen))
		return;
	/*
	 * A web URL not refused after a redirect: the answer itself was no
	 * HTTP/1.x. Any other URL was refused before a byte went out.
	 */
	if (rc == CURLE_UNSUPPORTED_PROTOCOL && x->redirects == 0 &&
	    (strncasecmp(x->url, "http://", 7) == 0 ||
	    strncasecmp(x->url, "https://", 8) == 0))
		rc = CURLE_WEIRD_SERVER_REPLY;
	if (rc == CURLE_OPERATION_TIMEDOUT)
		fetch_describe_timeout(x, out, outlen);
	else if (rc == CURLE_TOO_MANY_REDIRECTS)
		fetch_describe_redirects(x, out, outlen);
	else if (rc == CURLE_OK && status == 304)
		snprintf(out, outlen, "HTTP status 304 (not modified) to a "
		    "request that named no earlier version: the server (or a "
		    "cache before it) is broken; nothing was read");
	else if (rc == CURLE_OK)
		fetch_describe_status(x, status, out, outlen);
	else
		fetch_describe_code(x, rc, out, outlen);
}

/*
 * How long the server says the response stays fresh: Cache-Control max-age,
 * else Expires minus Date; 0 when it says nothing. Capped at a day.
 */
static long
fetch_max_age(CURL *e)
{
	const char	*cc = fetch_header(e, "Cache-Control"), *p;
	const char	*expires, *date;
	long		 secs = 0;
	time_t		 t_exp, t_date;

	if (cc != NULL && (p = strstr(cc, "max-age=")) != NULL)
		secs = strtol(p + 8, NULL, 10);
	else if ((expires = fetch_header(e, "Expires")) != NULL &&
	    (date = fetch_header(e, "Date")) != NULL &&
	    (t_exp = curl_getdate(expires, NULL)) != -1 &&
	    (t_date = curl_getdate(date, NULL)) != -1)
		secs = (long)(t_exp - t_date);
	if (secs < 0)
		return 0;
	return secs > FETCH_MAX_AGE_CAP ? FETCH_MAX_AGE_CAP : secs;
}

/*
 * Whether the Content-Type is one no feed or page comes as (an image, a
 * sound, a video, a font, a PDF): the URL names a file. Its type, in the
 * letters a media type is made of, goes to out.
 */
static int
fetch_type_not_text(CURL *e, char *out, size_t outlen)
{
	static const char *const types[] = {
		"image/", "audio/", "video/", "font/", "application/pdf",
	};
	const char	*ct = NULL;
	size_t		 i, n;

	curl_easy_getinfo(e, CURLINFO_CONTENT_TYPE, &ct);
	if (ct == NULL)
		return 0;
	for (i = 0; i < nitems(types); i++)
		if (strncasecmp(ct, types[i], strlen(types[i])) == 0)
			break;
	if (i == nitems(types))
		return 0;
	n = strspn(ct, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789/.+-");
	snprintf(out, outlen, "%.*s", (int)(n < 64 ? n : 64), ct);
	return 1;
}

/*
 * Whether a body reads as markup or JSON (its first byte after a byte order
 * mark and blanks is '<' or '{'): a feed sent under an image's or a PDF's
 * type is still a feed, since servers lie about types and files do not.
 */
static int
fetch_body_is_markup(const struct buf *b)
{
	const char	*p = b->data, *end;

	if (p == NULL)
		return 0;
	end = p + b->len;
	if (end - p >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' ||
	    *p == '\n'))
		p++;
	return p < end && (*p == '<' || *p == '{');
}

/* Whether bytes start a gzip member (RFC 1952: magic, deflate). */
static int
fetch_is_gzip(const char *p, size_t len)
{
	return len >= 3 && memcmp(p, "\x1f\x8b\x08", 3) == 0;
}

/*
 * Inflate the bytes in into out, up to the body's cap (windowBits as
 * zlib takes them: 16 + MAX_WBITS for gzip). A zlib code: Z_STREAM_END
 * when the stream ended, Z_BUF_ERROR when the bytes stopped before it
 * did, Z_MEM_ERROR past the cap. A gzip member may follow another (gzip's
 * own concatenation).
 */
static int
fetch_inflate(const struct buf *in, int wbits, struct buf *out,
    const char **msg)
{
	z_stream	 z;
	int		 zrc;

	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, wbits) != Z_OK)
		xmalloc_oom();
	z.next_in = (Bytef *)in->data;
	z.avail_in = (uInt)in->len;
	do {
		buf_reserve(out, FETCH_INFLATE_STEP);
		z.next_out = (Bytef *)out->data + out->len;
		z.avail_out = FETCH_INFLATE_STEP;
		zrc = inflate(&z, Z_NO_FLUSH);
		out->len += FETCH_INFLATE_STEP - z.avail_out;
		if (out->len > FETCH_MAX_BODY)
			zrc = Z_MEM_ERROR;
		else if (zrc == Z_STREAM_END && wbits > MAX_WBITS &&
		    fetch_is_gzip((const char *)z.next_in, z.avail_in))
			zrc = inflateReset(&z);
	} while (zrc == Z_OK);
	if (zrc == Z_MEM_ERROR && out->len <= FETCH_MAX_BODY)
		xmalloc_oom();
	*msg = z.msg != NULL ? z.msg : "corrupt";
	inflateEnd(&z);
	out->data[out->len] = '\0';
	return zrc;
}

/*
 * Inflate one layer of the body in place: gzip, or deflate in zlib's
 * wrapper or, as some servers send it, raw. 0 when it ended, or stopped
 * short after some output (x->cut); FETCH_Z_DAMAGED when the stream is in
 * that coding but does not decode whole (a wrong checksum or length, a
 * broken block: bytes changed on the way); else a zlib code, as
 * fetch_inflate's.
 */
static int
fetch_decode_layer(struct fetch_xfer *x, int coding, const char **msg)
{
	struct buf	 out = { 0 };
	int		 zrc;

	zrc = fetch_inflate(&x->body, coding == FETCH_CE_GZIP ?
	    16 + MAX_WBITS : MAX_WBITS, &out, msg);
	if (zrc == Z_DATA_ERROR && coding == FETCH_CE_DEFLATE &&
	    out.len == 0)
		zrc = fetch_inflate(&x->body, -MAX_WBITS, &out, msg);
	if (zrc == Z_STREAM_END || (zrc == Z_BUF_ERROR && out.len > 0)) {
		buf_free(&x->body);
		x->body = out;
		x->cut |= zrc == Z_BUF_ERROR;
		return 0;
	}
	/* Decoded in part, or gzip's header: the coding right, not the bytes. */
	if (zrc == Z_DATA_ERROR && (out.len > 0 || (coding == FETCH_CE_GZIP &&
	    fetch_is_gzip(x->body.data, x->body.len))))
		zrc = FETCH_Z_DAMAGED;
	buf_free(&out);
	return zrc;
}

/*
 * Undo the body's content codings, the last applied first, each to the
 * body's cap; a stream cut short keeps what came before the cut (x->cut).
 * 0, or -1 with the reason in err.
 */
static int
fetch_decode(struct fetch_xfer *x, char *err, size_t errlen)
{
	static const char *const names[] = { "gzip", "deflate" };
	const char	*msg = NULL;
	size_t		 sent = x->body.len;
	int		 i, zrc = 0;

	if (sent == 0 || x->ncodings == 0)
		return 0;
	if (x->ncodings > FETCH_MAX_LAYERS) {
		snprintf(err, errlen, "the body is compressed over and over "
		    "(more than %d layers): refused", FETCH_MAX_LAYERS);
		return -1;
	}
	if (x->unknown[0] != '\0') {
		snprintf(err, errlen, "the body is in a compression raqib did "
		    "not ask for and cannot read (%s; raqib reads %s)",
		    x->unknown, FETCH_ACCEPT_ENCODING);
		return -1;
	}
	for (i = x->ncodings - 1; i >= 0 && zrc == 0; i--)
		zrc = fetch_decode_layer(x, x->codings[i], &msg);
	if (zrc == 0)
		return 0;
	i++;	/* the layer that failed */
	/* Named, not applied (a proxy inflated it and kept the header). */
	if (zrc == Z_DATA_ERROR && i == x->ncodings - 1 &&
	    fetch_body_is_markup(&x->body)) {
		x->uncoded = names[x->codings[i]];
		return 0;
	}
	if (zrc == Z_MEM_ERROR)
		snprintf(err, errlen, "response larger than %d MiB once "
		    "decompressed, cut off: a small body that inflates past "
		    "raqib's limit, a fault at the site or a decompression "
		    "bomb (tried again later)", FETCH_MAX_BODY / (1024 * 1024));
	else if (zrc == FETCH_Z_DAMAGED)
		snprintf(err, errlen, "the server's compressed body (%s) is "
		    "corrupt, damaged at the site or on the way (%s), so none "
		    "of it was read: a fault at the site or a proxy before it; "
		    "tried again later, and if it lasts, tell the site",
		    names[x->codings[i]], msg);
	else if (zrc == Z_BUF_ERROR)
		snprintf(err, errlen, "the server sent %zu bytes in its "
		    "compression (%s) that decode to nothing: the body stops "
		    "before its end or is not in that compression; a fault at "
		    "the site (tried again later)", sent, names[x->codings[i]]);
	else
		snprintf(err, errlen, "the body is not in the compression the "
		    "server announced (%s: %s)", names[x->codings[i]], msg);
	return -1;
}

/*
 * A body gzipped but sent without Content-Encoding (a .xml.gz served as
 * it is, a cache that kept the compressed bytes) is inflated, to the
 * same cap as any body. 0, or -1 with the reason in err.
 */
static int
fetch_gunzip(struct fetch_xfer *x, char *err, size_t errlen)
{
	struct buf	 out = { 0 };
	const char	*msg;
	int		 zrc;

	if (!fetch_is_gzip(x->body.data, x->body.len))
		return 0;
	zrc = fetch_inflate(&x->body, 16 + MAX_WBITS, &out, &msg);
	if (zrc == Z_STREAM_END) {
		buf_free(&x->body);
		x->body = out;
		return 0;
	}
	if (zrc == Z_MEM_ERROR)
		snprintf(err, errlen, "response larger than %d MiB once "
		    "gunzipped, cut off: a small body that inflates past "
		    "raqib's limit, a fault at the site or a decompression "
		    "bomb (tried again later)", FETCH_MAX_BODY / (1024 * 1024));
	else
		snprintf(err, errlen, "a gzip-compressed body (sent without "
		    "Content-Encoding) that is %s", zrc == Z_BUF_ERROR ?
		    "cut short" : "corrupt");
	buf_free(&out);
	return -1;
}

/*
 * A response sent as a file to save (Content-Disposition: attachment):
 * its file name, in the letters a plain name is made of, into out ("" when
 * it gives none); NULL when it is not one.
 */
static const char *
fetch_attachment(CURL *e, char *out, size_t outlen)
{
	const char	*cd = fetch_header(e, "Content-Disposition"), *p;
	size_t		 n;

	if (cd == NULL || strncasecmp(cd + strspn(cd, " \t"), "attachment",
	    10) != 0)
		return NULL;
	out[0] = '\0';
	if ((p = strstr(cd, "filename=")) == NULL)
		return out;
	p += 9;
	p += strspn(p, "\"");
	n = strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789._-");
	snprintf(out, outlen, "%.*s", (int)(n < 64 ? n : 64), p);
	return out;
}

/* The warning for an https URL answered, after redirects, over plain http. */
const char *
fetch_downgrade_note(const char *asked, const char *answered)
{
	if (strncasecmp(asked, "https:", 6) != 0 ||
	    strncasecmp(answered, "http:", 5) != 0)
		return NULL;
	return "the server redirected this https URL to plain http, so the "
	    "feed was read unencrypted and anyone on the way could have "
	    "changed it: a fault at the site; if you accept that, set the "
	    "source's url to the http URL";
}

/*
 * A gzip body whose stream stops before its end: what came before the cut
 * is read, the user told, and its validators dropped, or the next poll's
 * 304 would keep the cut copy for good. A body whose coding was named but
 * not applied is read as it came, the user told.
 */
static void
fetch_cut_short(struct fetch_xfer *x, struct fetch_result *r,
    char *note, size_t notelen)
{
	if (x->uncoded != NULL) {
		snprintf(note, notelen, "the server says the body is in a "
		    "compression (%s) it is not in: it was read as it came (a "
		    "fault at the site or a proxy before it)", x->uncoded);
		r->warning = note;
	}
	if (!x->cut)
		return;
	r->warning = "the server's gzip-compressed body stops before its "
	    "end: only part of the feed came, and the items before the cut "
	    "were read (a fault at the site or a proxy before it; read whole "
	    "when it is fixed)";
	r->etag = r->last_modified = NULL;
}

/*
 * A good answer's body made readable: its codings undone, a file that is
 * no text refused, a gzip body sent without Content-Encoding inflated. 0,
 * or -1 with the reason in err.
 */
static int
fetch_body_ready(struct fetch_xfer *x, char *err, size_t errlen)
{
	char	 type[80];

	if (fetch_decode(x, err, errlen) == -1)
		return -1;
	/*
	 * A range of unknown size (bytes 0-59 of a size untold) may be all
	 * of it; a stream that stops short says it was not.
	 */
	if (x->cut && fetch_header(x->easy, "Content-Range") != NULL) {
		fetch_describe_piece(x, err, errlen);
		return -1;
	}
	if (!fetch_body_is_markup(&x->body) &&
	    fetch_type_not_text(x->easy, type, sizeof(type))) {
		snprintf(err, errlen, "the server sent a file of type %s, "
		    "neither a feed nor a page: check the source's url", type);
		return -1;
	}
	return fetch_gunzip(x, err, errlen);
}

/*
 * A request sent on a connection kept from an earlier answer that got no
 * byte back before the timeout: asked once more, on a new connection. A
 * server that keeps a connection open but answers one request a
 * connection fails every transfer that takes it after the first; curl
 * 7.88 asks again by itself only when such a connection closes. 1 when
 * the transfer runs again.
 */
static int
fetch_refresh(struct fetch_xfer *x, CURLcode rc)
{
	long	 opened = 1;

	if (rc != CURLE_OPERATION_TIMEDOUT || x->answered || x->fresh ||
	    x->redirects > 0 || fetch_connect_timed_out(x) ||
	    curl_easy_getinfo(x->easy,
	    CURLINFO_NUM_CONNECTS, &opened) != CURLE_OK || opened != 0)
		return 0;
	x->fresh = 1;
	x->errbuf[0] = '\0';
	curl_multi_remove_handle(fetch.multi, x->easy);
	curl_easy_setopt(x->easy, CURLOPT_FRESH_CONNECT, 1L);
	return curl_multi_add_handle(fetch.multi, x->easy) == CURLM_OK;
}

/* Report a finished transfer to its owner and free it. */
static void
fetch_finish(struct fetch_xfer *x, CURLcode rc)
{
	struct fetch_result	 r = { 0 };
	char			 error[CURL_ERROR_SIZE + 128], charset[64];
	char			 file[80];
	const char		*url;

	if (fetch_refresh(x, rc))
		return;
	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &r.status);
	url = fetch_shown_url(x);
	curl_easy_getinfo(x->easy, CURLINFO_TOTAL_TIME, &r.seconds);
	r.url = url ? url : x->url;
	/* A 304 says "as you had it": to a request with no validators, nothing. */
	r.not_modified = rc == CURLE_OK && r.status == 304 &&
	    (x->etag != NULL || x->last_modified != NULL);
	r.ok = rc == CURLE_OK && !x->too_big && x->headers_ended &&
	    !x->partial &&
	    ((r.status >= 200 && r.status < 300) || r.not_modified);
	if (r.ok && !r.not_modified &&
	    fetch_body_ready(x, error, sizeof(error)) == -1) {
		r.ok = 0;
		r.error = error;
	} else if (r.ok) {
		r.body = x->body.data ? x->body.data : "";
		r.len = x->body.len;
		r.charset = fetch_charset(x->easy, charset, sizeof(charset));
		r.etag = fetch_validator(x->easy, "ETag");
		r.last_modified = fetch_validator(x->easy, "Last-Modified");
		r.max_age = fetch_max_age(x->easy);
		r.attachment = fetch_attachment(x->easy, file, sizeof(file));
		if (x->redirects > 0 && !x->temporary)
			r.moved_to = fetch_moved_to(x, r.url);
		/* Never kept for the run: the source still asks over TLS. */
		if ((r.warning = fetch_downgrade_note(x->url, r.url)) != NULL)
			r.moved_to = NULL;
		fetch_cut_short(x, &r, error, sizeof(error));
	} else {
		fetch_describe(x, rc, r.status, error, sizeof(error));
		r.error = error;
	}
	r.retry_after = fetch_retry_after(x->easy, r.status);
	fetch_host_hold(&r);
	curl_multi_remove_handle(fetch.multi, x->easy);
	fetch_host_leave(x);
	fetch_done(x, &r);
}

/* Call back a transfer taken out of the queues, and free it. */
static void
fetch_cancel_one(struct fetch_xfer *x)
{
	struct fetch_result	 r = { 0 };

	r.url = x->url;
	r.cancelled = 1;
	r.error = "cancelled";
	fetch_done(x, &r);
}

/* Take every waiting transfer off its host's queue, into q. */
static void
fetch_unqueue_all(struct fetch_queue *q)
{
	struct fetch_host	*h;
	struct fetch_xfer	*x;

	LIST_FOREACH(h, &fetch.hosts, entry) {
		while ((x = TAILQ_FIRST(&h->waiting)) != NULL) {
			fetch_unqueue(x);
			TAILQ_INSERT_TAIL(q, x, entry);
		}
		fetch_host_update(h);
	}
}

/*
 * End every transfer now: the waiting ones, then the running ones, until
 * no callback has queued another.
 */
void
fetch_cancel_all(void)
{
	struct fetch_queue	 q;
	struct fetch_xfer	*x;

	TAILQ_INIT(&q);
	while (fetch.nwaiting > 0 || fetch.nrunning > 0) {
		fetch_unqueue_all(&q);
		while ((x = TAILQ_FIRST(&q)) != NULL) {
			TAILQ_REMOVE(&q, x, entry);
			fetch_cancel_one(x);
		}
		while ((x = TAILQ_FIRST(&fetch.running)) != NULL) {
			fetch_host_leave(x);
			curl_multi_remove_handle(fetch.multi, x->easy);
			/* Cut off mid-way: not worth keeping. */
			curl_easy_cleanup(x->easy);
			x->easy = NULL;
			fetch_cancel_one(x);
		}
	}
	fetch_sock_flush();
}

/* Release libcurl. */
void
fetch_shutdown(void)
{
	fetch_cancel_all();
	/* Idle now: what is left is a host a 429 still holds. */
	while (!LIST_EMPTY(&fetch.hosts))
		fetch_host_free(LIST_FIRST(&fetch.hosts));
	if (fetch.timer != NULL)
		event_free(fetch.timer);
	if (fetch.multi != NULL)
		curl_multi_cleanup(fetch.multi);
	fetch_sock_flush();
	free(fetch.ready);
	curl_global_cleanup();
	memset(&fetch, 0, sizeof(fetch));
}

/* Where fetch_sync's callback leaves the outcome. */
struct fetch_sync_ctx {
	struct fetch_copy	*out;
	char			*err;
	size_t			 errlen;
	int			 rc;
};

/* Keep a copy of what fetch_sync's caller needs from the result. */
static void
fetch_sync_cb(const struct fetch_result *r, void *arg)
{
	struct fetch_sync_ctx	*c = arg;
	struct fetch_copy	*o = c->out;

	if (!r->ok || r->not_modified) {
		snprintf(c->err, c->errlen, "%s", r->ok ? "not modified" :
		    r->error);
		return;
	}
	o->len = r->len;
	o->body = xmalloc(r->len + 1);
	o->url = xstrdup(r->url);
	o->charset = r->charset ? xstrdup(r->charset) : NULL;
	o->warning = r->warning ? xstrdup(r->warning) : NULL;
	memcpy(o->body, r->body, r->len);
	o->body[r->len] = '\0';
	c->rc = 0;
}

/* Fetch one URL to the end on a private event loop (the command line). */
int
fetch_sync(const struct fetch_request *req,
    struct fetch_copy *out, char *err, size_t errlen)
{
	struct fetch_sync_ctx	 c = { out, err, errlen, -1 };
	struct event_base	*base;

	memset(out, 0, sizeof(*out));
	snprintf(err, errlen, "cannot start a transfer");
	if ((base = event_base_new()) == NULL)
		return -1;
	if (fetch_init(base) == 0) {
		fetch_start(req, fetch_sync_cb, &c);
		event_base_dispatch(base);
	}
	fetch_shutdown();
	event_base_free(base);
	if (c.rc == -1)
		fetch_copy_free(out);
	return c.rc;
}

/* Free what fetch_sync copied. */
void
fetch_copy_free(struct fetch_copy *c)
{
	free(c->body);
	free(c->charset);
	free(c->warning);
	free(c->url);
	memset(c, 0, sizeof(*c));
}

/* qsort order of query parameters: bytewise. */
static int
fetch_param_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The query without tracking parameters, sorted; NULL when none is left. */
static char *
fetch_query_clean(char *query)
{
	char		*v[256], *p, *save = NULL;
	size_t		 n = 0, i;
	struct buf	 b = { 0 };

	for (p = strtok_r(query, "&", &save); p != NULL && n < 256;
	    p = strtok_r(NULL, "&", &save))
		if (!doc_url_param_tracking(p))
			v[n++] = p;
	if (n == 0)
		return NULL;
	qsort(v, n, sizeof(v[0]), fetch_param_cmp);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? "&" : "", v[i]);
	return buf_steal(&b);
}

/* Replace the URL's query by its cleaned, sorted form. */
static int
fetch_canon_query(CURLU *u)
{
	char	*q = NULL, *clean;
	int	 rc;

	if (curl_url_get(u, CURLUPART_QUERY, &q, 0) != CURLUE_OK)
		return 0;
	clean = fetch_query_clean(q);
	curl_free(q);
	rc = curl_url_set(u, CURLUPART_QUERY, clean, 0) == CURLUE_OK ? 0 : -1;
	free(clean);
	return rc;
}

/* Lower-case the host name (ASCII; IDNs stay as written). */
static int
fetch_canon_host(CURLU *u)
{
	char	*h = NULL, *p;
	int	 rc;

	if (curl_url_get(u, CURLUPART_HOST, &h, 0) != CURLUE_OK)
		return -1;
	for (p = h; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	rc = curl_url_set(u, CURLUPART_HOST, h, 0) == CURLUE_OK ? 0 : -1;
	curl_free(h);
	return rc;
}

/*
 * Whether a host name is one curl leaves as it is: lower-case letters,
 * digits, dots, dashes and underscores, the last label starting with a
 * letter (a number there makes an IPv4 address, which curl rewrites).
 */
static int
fetch_host_plain(const char *h, size_t n)
{
	size_t	 i, last = 0;

	for (i = 0; i < n; i++) {
		if (h[i] == '.')
			last = i + 1;
		else if (!(h[i] >= 'a' && h[i] <= 'z') &&
		    !(h[i] >= '0' && h[i] <= '9') && h[i] != '-' && h[i] != '_')
			return 0;
	}
	return last < n && h[last] >= 'a' && h[last] <= 'z';
}

/* Whether a path has a "." or ".." segment, which curl resolves. */
static int
fetch_path_dotted(const char *p, size_t n)
{
	size_t	 i, seg;

	for (i = 0; i < n; i++) {
		if (p[i] != '/')
			continue;
		seg = strcspn(p + i + 1, "/");
		if (i + 1 + seg > n)
			seg = n - i - 1;
		if ((seg == 1 && p[i + 1] == '.') ||
		    (seg == 2 && p[i + 1] == '.' && p[i + 2] == '.'))
			return 1;
	}
	return 0;
}

/* The cleaned copy of a query, up to its '#'; NULL when nothing is left. */
static char *
fetch_query_copy(const char *q)
{
	char	*copy = xstrndup(q, strcspn(q, "#")), *clean;

	clean = fetch_query_clean(copy);
	free(copy);
	return clean;
}

/*
 * The canonical form, by string operations alone, of a URL that curl would
 * not rewrite: a lower-case http or https scheme and host name followed by
 * a path without dot segments, no user, no port, no space or control
 * character. NULL for any other: curl canonicalizes it.
 */
static char *
fetch_url_plain(const char *url)
{
	const char	*host, *path, *p;
	size_t		 scheme, plen, head, qlen;
	char		*clean, *out;

	scheme = strncmp(url, "http://", 7) == 0 ? 7 :
	    strncmp(url, "https://", 8) == 0 ? 8 : 0;
	host = url + scheme;
	if (scheme == 0 || (path = strchr(host, '/')) == NULL ||
	    !fetch_host_plain(host, (size_t)(path - host)))
		return NULL;
	for (p = path; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f)
			return NULL;
	plen = strcspn(path, "?#");
	if (fetch_path_dotted(path, plen))
		return NULL;
	clean = path[plen] == '?' ? fetch_query_copy(path + plen + 1) : NULL;
	head = (size_t)(path + plen - url);
	qlen = clean != NULL ? strlen(clean) : 0;
	out = xmalloc(head + qlen + 2);
	memcpy(out, url, head);
	out[head] = '\0';
	if (clean != NULL) {
		out[head] = '?';
		memcpy(out + head + 1, clean, qlen + 1);
	}
	free(clean);
	return out;
}

/* The canonical form of an http(s) URL, for identity; see fetch.h. */
char *
fetch_url_canonical(const char *url)
{
	CURLU	*u;
	char	*out = NULL, *s = NULL;

	if (url == NULL)
		return NULL;
	if ((out = fetch_url_plain(url)) != NULL)
		return out;
	if ((u = curl_url()) == NULL)
		return NULL;
	if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_set(u, CURLUPART_FRAGMENT, NULL, 0) == CURLUE_OK &&
	    fetch_canon_host(u) == 0 && fetch_canon_query(u) == 0 &&
	    curl_url_get(u, CURLUPART_URL, &s, CURLU_NO_DEFAULT_PORT) ==
	    CURLUE_OK)
		out = xstrdup(s);
	curl_free(s);
	curl_url_cleanup(u);
	return out;
}
