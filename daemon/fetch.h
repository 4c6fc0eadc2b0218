/* fetch: HTTP(S) on the event loop: validators, limits, redirects, errors. */
#ifndef RAQIB_FETCH_H
#define RAQIB_FETCH_H

#include <stddef.h>

struct event_base;

/* What to fetch; copied by fetch_start. */
struct fetch_request {
	const char	*url;
	const char	*etag;		/* sent as If-None-Match, or NULL */
	const char	*last_modified;	/* sent as If-Modified-Since, or NULL */
	long		 timeout;	/* seconds for the whole transfer; 0: default */
};

/* How a transfer ended; everything is borrowed for the callback only. */
struct fetch_result {
	int		 ok;		/* 2xx with a body, or 304 */
	int		 cancelled;	/* ended by fetch_cancel_all() */
	int		 not_modified;	/* 304 */
	long		 status;	/* HTTP status, 0 when none was received */
	const char	*body;		/* NUL-terminated for convenience; len is exact */
	size_t		 len;
	const char	*charset;	/* from Content-Type, or NULL */
	const char	*etag;		/* validators received, or NULL */
	const char	*last_modified;
	const char	*url;		/* effective URL, after redirects */
	const char	*error;		/* when !ok: what went wrong, for a user */
	const char	*warning;	/* when ok: what came amiss, or NULL */
	long		 retry_after;	/* seconds a 429/503 asked for, or 0 */
	long		 max_age;	/* seconds the response stays fresh, or 0 */
	const char	*moved_to;	/* every redirect was 301/308: the new
					   URL, with the login of a url that
					   has one (to ask, never to show) */
	const char	*attachment;	/* a file to save (Content-Disposition:
					   attachment): its name, "" when it
					   gives none; else NULL */
	double		 seconds;
};

typedef void	 fetch_cb(const struct fetch_result *, void *arg);

int	 fetch_init(struct event_base *);
/* Transfers at once, in all and per host (0: the defaults, 128 and 4). */
void	 fetch_set_limits(size_t max_active, size_t max_per_host);
/* Start (or queue) a transfer; cb runs once, on the loop. */
void	 fetch_start(const struct fetch_request *, fetch_cb *cb, void *arg);
/* Transfers queued or running. */
size_t	 fetch_active(void);
/* End every transfer now; each callback runs with the error "cancelled". */
void	 fetch_cancel_all(void);
void	 fetch_shutdown(void);

/* A body fetched by fetch_sync, owned: free with fetch_copy_free(). */
struct fetch_copy {
	char	*body;		/* NUL-terminated; len is exact */
	size_t	 len;
	char	*charset;	/* from Content-Type, or NULL */
	char	*url;		/* effective URL, after redirects */
	char	*warning;	/* what came amiss, or NULL */
};

/*
 * Fetch one URL to the end on a private event loop, with the same limits
 * as fetch_start: for the command line, where no loop runs. The module
 * must not be initialized. Returns 0, or -1 with a message in err.
 */
int	 fetch_sync(const struct fetch_request *,
	    struct fetch_copy *out, char *err, size_t errlen);
void	 fetch_copy_free(struct fetch_copy *);

/*
 * The canonical form of an absolute URL, for telling items apart: scheme
 * and host lower-cased, default port, fragment and tracking parameters
 * (utm_*, fbclid, gclid, mc_cid, mc_eid) dropped, query parameters sorted.
 * Pure; needs no fetch_init. Caller frees; NULL when not a URL.
 */
char	*fetch_url_canonical(const char *url);

/*
 * A URL with the user name and password before its host left out, for
 * what a user reads (a source's url may hold a login). Pure; caller frees.
 */
char	*fetch_url_nologin(const char *url);

/*
 * The charset parameter of a Content-Type value into out, NULL if it names
 * none (or one longer than outlen): parameters after ";" (RFC 9110 5.6.6),
 * the name in any case, the value a token or a quoted-string, another
 * parameter's quoted value never taken for one. Spaces around "=", which
 * the RFC does not allow, are read through: a server that writes them
 * still names the charset, and a page misread costs more. Pure.
 */
const char	*fetch_content_charset(const char *ct, char *out,
		    size_t outlen);

/*
 * What to say of a transfer asked at an https URL and answered, after
 * redirects, at a plain http one (it is read, unencrypted); NULL for any
 * other pair. Pure; a static string.
 */
const char	*fetch_downgrade_note(const char *asked, const char *answered);

/*
 * Whether a numeric IP address (as curl gives it, IPv4 or IPv6) is this
 * machine's or a local network's: loopback, 0.0.0.0/8 and ::, RFC 1918,
 * 100.64.0.0/10, link-local, unique local (fc00::/7), and IPv4 ones
 * written as IPv6. A source on a public host is not followed there.
 * Pure; 0 for anything else, NULL or not an address.
 */
int	 fetch_addr_local(const char *ip);

#endif
