/*
 * fixture-server: a small HTTP server on 127.0.0.1 for tests and the demo.
 *
 *   fixture-server -d DIR [-p PORT] [-l LOG] [-t SECONDS]
 *
 * Serves the files of DIR (re-read on every request, so a test can change a
 * feed between polls) with ETag and Last-Modified, answering 304 to a
 * matching If-None-Match or If-Modified-Since; a path ending in / serves
 * its index.html. NAME.ctype beside a file overrides its Content-Type;
 * NAME.moved beside a path (a file there or not) answers 301 (or the
 * status on its second line: 302, 307, 308) with the first line of
 * NAME.moved as its Location. /status/NNN answers with that status (429
 * and 503 with Retry-After: 120);
 * /slow/N sends a feed's first byte, then one byte a second for N seconds
 * (a transfer a test can interrupt). Each request is logged as "GET URI
 * STATUS", then its Authorization header when it sent one. Prints
 * "port N" once listening; exits by itself after -t seconds (default 600).
 */
#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

static const char	*srv_dir = ".";
static FILE		*srv_log;

/* Append one line to the request log, with the login sent if any. */
static void
srv_log_request(struct evhttp_request *req, int status)
{
	const char	*auth;

	if (srv_log == NULL)
		return;
	auth = evhttp_find_header(evhttp_request_get_input_headers(req),
	    "Authorization");
	fprintf(srv_log, "GET %s %d%s%s\n", evhttp_request_get_uri(req),
	    status, auth ? " " : "", auth ? auth : "");
	fflush(srv_log);
}

/* Send a short text response. */
static void
srv_reply_text(struct evhttp_request *req, int status, const char *text)
{
	struct evbuffer	*b = evbuffer_new();

	evbuffer_add_printf(b, "%s\n", text);
	evhttp_add_header(evhttp_request_get_output_headers(req),
	    "Content-Type", "text/plain");
	evhttp_send_reply(req, status, text, b);
	evbuffer_free(b);
	srv_log_request(req, status);
}

/* The Content-Type of a file: NAME.ctype if present, else by extension. */
static void
srv_content_type(const char *path, char *out, size_t outlen)
{
	static const struct { const char *ext, *type; } types[] = {
		{ ".xml", "application/xml" }, { ".rss", "application/rss+xml" },
		{ ".atom", "application/atom+xml" }, { ".html", "text/html" },
	};
	char	 side[4200];
	FILE	*f;
	size_t	 i, n, len = strlen(path);

	snprintf(side, sizeof(side), "%s.ctype", path);
	if ((f = fopen(side, "r")) != NULL) {
		n = fread(out, 1, outlen - 1, f);
		fclose(f);
		out[n] = '\0';
		out[strcspn(out, "\r\n")] = '\0';
		return;
	}
	snprintf(out, outlen, "application/octet-stream");
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		n = strlen(types[i].ext);
		if (len > n && strcmp(path + len - n, types[i].ext) == 0)
			snprintf(out, outlen, "%s", types[i].type);
	}
}

/* Whether the request's validators match the file's. */
static int
srv_not_modified(struct evhttp_request *req, const char *etag,
    const char *lastmod)
{
	struct evkeyvalq	*in = evhttp_request_get_input_headers(req);
	const char		*inm = evhttp_find_header(in, "If-None-Match");
	const char		*ims = evhttp_find_header(in, "If-Modified-Since");

	if (inm != NULL)
		return strcmp(inm, etag) == 0;
	return ims != NULL && strcmp(ims, lastmod) == 0;
}

/* The reason phrase of a redirect's status. */
static const char *
srv_redirect_reason(int status)
{
	switch (status) {
	case 302:
		return "Found";
	case 307:
		return "Temporary Redirect";
	case 308:
		return "Permanent Redirect";
	default:
		return "Moved Permanently";
	}
}

/*
 * Redirect when NAME.moved names where a path went (its first line), with
 * the status on its second line (301 when none); 1 when it did.
 */
static int
srv_moved(struct evhttp_request *req, const char *rel)
{
	char	 side[4200], to[1024];
	FILE	*f;
	size_t	 n;
	int	 status = 301;
	char	*nl;

	snprintf(side, sizeof(side), "%s/%s.moved", srv_dir, rel);
	if (strstr(rel, "..") != NULL || (f = fopen(side, "r")) == NULL)
		return 0;
	n = fread(to, 1, sizeof(to) - 1, f);
	fclose(f);
	to[n] = '\0';
	nl = to + strcspn(to, "\r\n");
	if (*nl != '\0' && sscanf(nl + 1, "%d", &status) != 1)
		status = 301;
	*nl = '\0';
	evhttp_add_header(evhttp_request_get_output_headers(req), "Location",
	    to);
	evhttp_send_reply(req, status, srv_redirect_reason(status), NULL);
	srv_log_request(req, status);
	return 1;
}

/* Serve one file of the fixture directory. */
static void
srv_file(struct evhttp_request *req, const char *rel)
{
	struct evkeyvalq	*out = evhttp_request_get_output_headers(req);
	struct evbuffer		*b;
	struct stat		 st;
	char			 path[4096], etag[128], lastmod[64], ctype[256];
	const char		*index;
	int			 fd;

	if (srv_moved(req, rel))
		return;
	index = rel[0] == '\0' || rel[strlen(rel) - 1] == '/' ? "index.html" :
	    "";
	if (strstr(rel, "..") != NULL || snprintf(path, sizeof(path),
	    "%s/%s%s", srv_dir, rel, index) >= (int)sizeof(path) ||
	    (fd = open(path, O_RDONLY)) == -1) {
		srv_reply_text(req, 404, "Not Found");
		return;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		close(fd);
		srv_reply_text(req, 404, "Not Found");
		return;
	}
	snprintf(etag, sizeof(etag), "\"%lld-%lld-%ld\"", (long long)st.st_size,
	    (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec);
	strftime(lastmod, sizeof(lastmod), "%a, %d %b %Y %H:%M:%S GMT",
	    gmtime(&st.st_mtim.tv_sec));
	evhttp_add_header(out, "ETag", etag);
	evhttp_add_header(out, "Last-Modified", lastmod);
	if (srv_not_modified(req, etag, lastmod)) {
		close(fd);
		evhttp_send_reply(req, 304, "Not Modified", NULL);
		srv_log_request(req, 304);
		return;
	}
	srv_content_type(path, ctype, sizeof(ctype));
	evhttp_add_header(out, "Content-Type", ctype);
	b = evbuffer_new();
	evbuffer_add_file(b, fd, 0, st.st_size);
	evhttp_send_reply(req, 200, "OK", b);
	evbuffer_free(b);
	srv_log_request(req, 200);
}

/* One /slow/N response in progress. */
struct srv_drip {
	struct evhttp_request	*req;
	struct event		*timer;
	int			 left;
};

/* Free a drip; its connection closed or it finished. */
static void
srv_drip_free(struct srv_drip *d)
{
	event_free(d->timer);
	free(d);
}

/* The client went away: stop dripping into a freed request. */
static void
srv_drip_close_cb(struct evhttp_connection *conn, void *arg)
{
	(void)conn;
	srv_drip_free(arg);
}

/* Send the next byte of a slow response, or end it. */
static void
srv_drip_cb(evutil_socket_t fd, short what, void *arg)
{
	struct srv_drip	*d = arg;
	struct evbuffer	*b;

	(void)fd;
	(void)what;
	if (d->left-- <= 0) {
		evhttp_connection_set_closecb(evhttp_request_get_connection(
		    d->req), NULL, NULL);
		evhttp_send_reply_end(d->req);
		srv_drip_free(d);
		return;
	}
	b = evbuffer_new();
	evbuffer_add(b, " ", 1);
	evhttp_send_reply_chunk(d->req, b);
	evbuffer_free(b);
}

/* Start a response that takes n seconds. */
static void
srv_slow(struct evhttp_request *req, int n)
{
	struct srv_drip	*d = calloc(1, sizeof(*d));
	struct timeval	 tv = { 1, 0 };
	struct evbuffer	*b = evbuffer_new();

	d->req = req;
	d->left = n;
	d->timer = event_new(evhttp_connection_get_base(
	    evhttp_request_get_connection(req)), -1, EV_PERSIST, srv_drip_cb, d);
	evhttp_connection_set_closecb(evhttp_request_get_connection(req),
	    srv_drip_close_cb, d);
	evhttp_add_header(evhttp_request_get_output_headers(req),
	    "Content-Type", "application/xml");
	srv_log_request(req, 200);
	evhttp_send_reply_start(req, 200, "OK");
	evbuffer_add(b, "<", 1);
	evhttp_send_reply_chunk(req, b);
	evbuffer_free(b);
	event_add(d->timer, &tv);
}

/* Route a request. */
static void
srv_request_cb(struct evhttp_request *req, void *arg)
{
	const char	*path = evhttp_uri_get_path(evhttp_request_get_evhttp_uri(req));
	int		 status;

	(void)arg;
	if (path == NULL || path[0] != '/') {
		srv_reply_text(req, 400, "Bad Request");
		return;
	}
	if (sscanf(path, "/status/%d", &status) == 1 && status >= 200 &&
	    status < 600) {
		if (status == 429 || status == 503)
			evhttp_add_header(evhttp_request_get_output_headers(req),
			    "Retry-After", "120");
		srv_reply_text(req, status, "fixture status");
		return;
	}
	if (sscanf(path, "/slow/%d", &status) == 1 && status > 0) {
		srv_slow(req, status);
		return;
	}
	srv_file(req, path + 1);
}

/* Stop the loop (signal or lifetime timer). */
static void
srv_stop_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	event_base_loopbreak(arg);
}

/* The port the listening socket was bound to (port 0 picks a free one). */
static int
srv_port(struct evhttp_bound_socket *sock)
{
	struct sockaddr_in	 sin;
	socklen_t		 len = sizeof(sin);

	if (getsockname(evhttp_bound_socket_get_fd(sock),
	    (struct sockaddr *)&sin, &len) == -1)
		return -1;
	return ntohs(sin.sin_port);
}

int
main(int argc, char **argv)
{
	struct event_base		*base;
	struct evhttp			*http;
	struct evhttp_bound_socket	*sock;
	struct event			*sig, *life;
	struct timeval			 tv = { 600, 0 };
	int				 c, port = 0;

	while ((c = getopt(argc, argv, "d:p:l:t:")) != -1) {
		switch (c) {
		case 'd': srv_dir = optarg; break;
		case 'p': port = atoi(optarg); break;
		case 'l': srv_log = fopen(optarg, "a"); break;
		case 't': tv.tv_sec = atol(optarg); break;
		default:
			fprintf(stderr, "usage: fixture-server -d DIR [-p PORT] "
			    "[-l LOG] [-t SECONDS]\n");
			return 2;
		}
	}
	base = event_base_new();
	http = evhttp_new(base);
	if ((sock = evhttp_bind_socket_with_handle(http, "127.0.0.1",
	    (ev_uint16_t)port)) == NULL) {
		fprintf(stderr, "fixture-server: cannot listen on 127.0.0.1:%d: "
		    "%s\n", port, strerror(errno));
		return 1;
	}
	evhttp_set_gencb(http, srv_request_cb, NULL);
	sig = evsignal_new(base, SIGTERM, srv_stop_cb, base);
	evsignal_add(sig, NULL);
	life = evtimer_new(base, srv_stop_cb, base);
	evtimer_add(life, &tv);
	printf("port %d\n", srv_port(sock));
	fflush(stdout);
	event_base_dispatch(base);
	event_free(sig);
	event_free(life);
	evhttp_free(http);
	event_base_free(base);
	return 0;
}
