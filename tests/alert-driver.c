/*
 * alert-driver: feed alerts from stdin to the alert module on a libevent loop.
 *
 * usage: alert-driver [--stdout] [--timeout SECONDS] [--gap MS] [--summary]
 *	[--stories] [--once] [--opener PATH] [--linger] [--exec SPEC]
 *	[--exec-timeout S] [-v] < alerts
 *
 * Each input line is one alert, TAB-separated: id, topic, title, link,
 * source, terms, snippet, hl_start, hl_end, urgency (0-2). A link of "" or
 * "-" means none. In a field \t, \n and \\ stand for a tab, a line break and
 * a backslash. Prints "done ID ok|fail" for each result, "timeout pending N"
 * when --timeout (default 10 s) ran out, and "ticks N" at the end: the count
 * of a 100 ms timer, which proves the loop kept running. Exits 0 when every
 * alert was delivered, 1 when one failed or timed out, 2 on bad input.
 * --summary sends every alert as one summary notification, --stories one
 * notification per story (alert_send_stories); --once starts delivery as
 * `raqib --once` does, offering no actions. --linger keeps
 * the loop running after the deliveries until a "Mute topic" action arrives
 * (printed "mute TOPIC") or the timeout; --opener sets the link opener.
 * --exec "exec:PROGRAM ARGS" sends each alert to that exec sink instead of
 * the desktop ("done ID ok|fail exec:..."), with the time limit --exec-timeout.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "alert.h"
#include "log.h"

#define DRIVER_FIELDS	10

static void	 driver_usage(void) __attribute__((noreturn));

static struct {
	struct event_base	*base;
	struct alert		*v;	/* the alerts read */
	size_t			 n;
	size_t			 next;	/* the next one to send */
	long			 ticks;
	int			 failed;
	int			 timedout;
	int			 linger;
	const char		*exec;		/* --exec spec, or NULL */
	char			*argv[16];	/* its program and arguments, */
	char			*argbuf;	/*   pointing into argbuf */
} drv;

/* Undo the \t, \n, \\ escapes of a field in place. */
static void
driver_unescape(char *s)
{
	char	*w = s;

	for (; *s != '\0'; s++) {
		if (*s == '\\' && s[1] != '\0') {
			s++;
			*w++ = *s == 't' ? '\t' : *s == 'n' ? '\n' : *s;
		} else
			*w++ = *s;
	}
	*w = '\0';
}

/* Split line at tabs into exactly DRIVER_FIELDS fields; -1 otherwise. */
static int
driver_split(char *line, char *f[DRIVER_FIELDS])
{
	int	 i;

	line[strcspn(line, "\n")] = '\0';
	for (i = 0; i < DRIVER_FIELDS; i++) {
		f[i] = line;
		line += strcspn(line, "\t");
		if (*line == '\t')
			*line++ = '\0';
		else if (i < DRIVER_FIELDS - 1)
			return -1;
		driver_unescape(f[i]);
	}
	return 0;
}

/* Copy a field; "" and "-" give NULL when nullable. */
static char *
driver_dup(const char *s, int nullable)
{
	char	*p;

	if (nullable && (*s == '\0' || strcmp(s, "-") == 0))
		return NULL;
	if ((p = strdup(s)) == NULL)
		log_fatalx("out of memory");
	return p;
}

/* Fill an alert from one input line; -1 when the line is malformed. */
static int
driver_parse(char *line, struct alert *a)
{
	char	*f[DRIVER_FIELDS];

	if (driver_split(line, f) == -1)
		return -1;
	memset(a, 0, sizeof(*a));
	a->id = strtoll(f[0], NULL, 10);
	a->topic = driver_dup(f[1], 0);
	a->title = driver_dup(f[2], 0);
	a->link = driver_dup(f[3], 1);
	a->source = driver_dup(f[4], 0);
	a->terms = driver_dup(f[5], 0);
	a->snippet = driver_dup(f[6], 0);
	a->hl_start = strtoull(f[7], NULL, 10);
	a->hl_end = strtoull(f[8], NULL, 10);
	a->urgency = (enum alert_urgency)atoi(f[9]);
	a->published = INT64_MIN;
	return 0;
}

/* Read every alert from stdin; -1 on a malformed line. */
static int
driver_read(void)
{
	char	*line = NULL;
	size_t	 cap = 0, lineno = 0, max = 0;

	while (getline(&line, &cap, stdin) != -1) {
		lineno++;
		if (line[0] == '\n' || line[0] == '#')
			continue;
		if (drv.n == max) {
			max = max ? max * 2 : 16;
			drv.v = realloc(drv.v, max * sizeof(*drv.v));
			if (drv.v == NULL)
				log_fatalx("out of memory");
		}
		if (driver_parse(line, &drv.v[drv.n]) == -1) {
			fprintf(stderr, "alert-driver: stdin:%zu: want %d "
			    "tab-separated fields\n", lineno, DRIVER_FIELDS);
			free(line);
			return -1;
		}
		drv.n++;
	}
	free(line);
	return 0;
}

/* Stop the loop once everything was sent and reported. */
static void
driver_check(void)
{
	if (!drv.linger && drv.next == drv.n && alert_inflight() == 0)
		event_base_loopbreak(drv.base);
}

/* Report one delivery. */
static void
driver_done_cb(int64_t id, const char *topic, const char *sink, int ok,
    void *arg)
{
	(void)topic;
	(void)arg;
	if (strcmp(sink, "desktop") == 0)
		printf("done %lld %s\n", (long long)id, ok ? "ok" : "fail");
	else
		printf("done %lld %s %s\n", (long long)id, ok ? "ok" : "fail",
		    sink);
	fflush(stdout);
	if (!ok)
		drv.failed = 1;
	driver_check();
}

/* Report a "Mute topic" action; with --linger it ends the run. */
static void
driver_mute_cb(const char *topic, void *arg)
{
	(void)arg;
	printf("mute %s\n", topic);
	fflush(stdout);
	if (drv.linger)
		event_base_loopbreak(drv.base);
}

/* Split an "exec:PROGRAM ARGS" spec at spaces into drv.argv. */
static void
driver_exec_argv(const char *spec)
{
	char	*copy, *tok, *save = NULL;
	size_t	 n = 0;

	if (strncmp(spec, "exec:", 5) != 0 || (copy = strdup(spec + 5)) == NULL)
		driver_usage();
	drv.argbuf = copy;
	for (tok = strtok_r(copy, " ", &save); tok != NULL && n < 15;
	    tok = strtok_r(NULL, " ", &save))
		drv.argv[n++] = tok;
	if (n == 0)
		driver_usage();
	drv.exec = spec;
}

/* Send the next alert, to the desktop or the --exec sink. */
static void
driver_send_one(void)
{
	const struct alert	*a = &drv.v[drv.next++];

	if ((drv.exec != NULL ? alert_exec(a, drv.exec, drv.argv) :
	    alert_send(a)) == -1)
		log_fatalx("delivery failed to start");
	driver_check();
}

/* With --gap, send one alert per timer tick. */
static void
driver_gap_cb(evutil_socket_t fd, short what, void *arg)
{
	struct event	*ev = arg;

	(void)fd;
	(void)what;
	if (drv.next < drv.n)
		driver_send_one();
	if (drv.next == drv.n)
		event_del(ev);
}

/* Count loop ticks. */
static void
driver_tick_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	(void)arg;
	drv.ticks++;
}

/* Give up waiting. */
static void
driver_timeout_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	(void)arg;
	drv.timedout = 1;
	printf("timeout pending %zu\n", alert_inflight() + (drv.n - drv.next));
	event_base_loopbreak(drv.base);
}

/* Add a timer event; persist makes it repeat. */
static struct event *
driver_timer(event_callback_fn cb, long ms, int persist)
{
	struct event	*ev;
	struct timeval	 tv = { ms / 1000, (ms % 1000) * 1000 };

	ev = event_new(drv.base, -1, persist ? EV_PERSIST : 0, cb,
	    event_self_cbarg());
	if (ev == NULL || event_add(ev, &tv) == -1)
		log_fatalx("cannot add a timer");
	return ev;
}

/* Print usage and exit 2. */
static void
driver_usage(void)
{
	fprintf(stderr, "usage: alert-driver [--stdout] [--timeout SECONDS] "
	    "[--gap MS] [--summary] [--stories] [--once] [--opener PATH] "
	    "[--linger] [-v] < alerts\n");
	exit(2);
}

/*
 * Send everything now (as one summary, summary 1; per story, 2), or with
 * --gap one by one, then run the loop.
 */
static void
driver_run(long gap_ms, long timeout_s, int summary)
{
	struct event	*tick, *limit, *gap = NULL;

	tick = driver_timer(driver_tick_cb, 100, 1);
	limit = driver_timer(driver_timeout_cb, timeout_s * 1000, 0);
	if (gap_ms > 0 && drv.n > 0) {
		driver_send_one();
		gap = driver_timer(driver_gap_cb, gap_ms, 1);
	}
	if (summary && drv.n > 0) {
		if ((summary == 1 ? alert_send_summary(drv.v, drv.n) :
		    alert_send_stories(drv.v, drv.n)) == -1)
			log_fatalx("sending a summary failed");
		drv.next = drv.n;
	}
	while (drv.next < drv.n && gap == NULL)
		driver_send_one();
	if (drv.n > 0)
		event_base_dispatch(drv.base);
	event_free(tick);
	event_free(limit);
	if (gap != NULL)
		event_free(gap);
}

int
main(int argc, char **argv)
{
	struct alert_hooks hooks = { driver_done_cb, driver_mute_cb, NULL, NULL,
			    0, 0 };
	enum alert_mode	 mode = ALERT_DESKTOP;
	long		 timeout_s = 10, gap_ms = 0;
	size_t		 i;
	int		 c, summary = 0;

	log_init(LOG_LVL_INFO);
	signal(SIGPIPE, SIG_IGN);	/* as the daemon: a sink may not read */
	for (c = 1; c < argc; c++) {
		if (strcmp(argv[c], "--stdout") == 0)
			mode = ALERT_STDOUT;
		else if (strcmp(argv[c], "-v") == 0)
			log_set_level(LOG_LVL_DEBUG);
		else if (strcmp(argv[c], "--timeout") == 0 && c + 1 < argc)
			timeout_s = atol(argv[++c]);
		else if (strcmp(argv[c], "--gap") == 0 && c + 1 < argc)
			gap_ms = atol(argv[++c]);
		else if (strcmp(argv[c], "--opener") == 0 && c + 1 < argc)
			hooks.opener = argv[++c];
		else if (strcmp(argv[c], "--summary") == 0)
			summary = 1;
		else if (strcmp(argv[c], "--stories") == 0)
			summary = 2;
		else if (strcmp(argv[c], "--once") == 0)
			hooks.once = 1;
		else if (strcmp(argv[c], "--linger") == 0)
			drv.linger = 1;
		else if (strcmp(argv[c], "--exec") == 0 && c + 1 < argc)
			driver_exec_argv(argv[++c]);
		else if (strcmp(argv[c], "--exec-timeout") == 0 && c + 1 < argc)
			hooks.exec_timeout = atoi(argv[++c]);
		else
			driver_usage();
	}
	if (driver_read() == -1)
		return 2;
	if ((drv.base = event_base_new()) == NULL ||
	    alert_init(drv.base, mode, &hooks) == -1)
		log_fatalx("cannot start");
	driver_run(gap_ms, timeout_s, summary);
	alert_shutdown(2000);
	printf("ticks %ld\n", drv.ticks);
	for (i = 0; i < drv.n; i++)
		alert_clear(&drv.v[i]);
	free(drv.argbuf);
	free(drv.v);
	event_base_free(drv.base);
	return drv.failed || drv.timedout ? 1 : 0;
}
