/*
 * alert: delivery of alerts to the desktop (libnotify) or stdout.
 *
 * notify_notification_show() is a synchronous D-Bus call that can block for
 * 25 s (pitfalls.md 15), so in ALERT_DESKTOP mode one worker thread owns every
 * GLib and libnotify call. The loop thread only queues copies of alerts under
 * a mutex; the worker hands each job back on a done list and wakes the loop
 * through a pipe, whose read event calls done_cb. The state the two threads
 * share is reference counted so that a worker stuck in D-Bus at shutdown can
 * be left behind and still free what it holds when the call returns.
 */
#include <sys/queue.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>
#include <gio/gio.h>
#include <glib.h>
#include <libnotify/notify.h>

#include "alert.h"
#include "buf.h"
#include "log.h"

#define ALERT_APP		"raqib"
#define ALERT_ICON		"dialog-information"
#define ALERT_CATEGORY		"x-raqib.alert"
#define ALERT_TITLE_CHARS	100
#define ALERT_ELLIPSIS		"\u2026"
#define ALERT_SEPARATOR \
	"\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500"
#define ALERT_CAPS_TTL		300	/* s until capabilities are asked again */

/* One alert on its way: queued, being shown, or done and awaiting done_cb. */
struct alert_job {
	TAILQ_ENTRY(alert_job)	 entry;
	struct alert		 a;	/* owned copy */
	int			 ok;	/* set by the worker (or stdout) */
};
TAILQ_HEAD(alert_jobs, alert_job);

/* What the loop and the worker share; the last one to let go frees it. */
struct alert_shared {
	pthread_mutex_t		 mtx;
	pthread_cond_t		 work;	/* signals the worker: a job or stop */
	pthread_cond_t		 gone;	/* signals shutdown: the worker ended */
	struct alert_jobs	 queue;	/* waiting for the worker */
	struct alert_jobs	 done;	/* waiting for done_cb on the loop */
	struct alert_job	*busy;	/* being shown; owned by the worker */
	size_t			 count;	/* queued + busy + done */
	int			 stop;
	int			 ended;
	int			 refs;	/* 2 while loop and worker both hold it */
	int			 wfd;	/* wakes the loop; closed by the last owner */
};

/* The loop side: one instance, between alert_init and alert_shutdown. */
static struct {
	enum alert_mode		 mode;
	alert_done_cb		*cb;
	void			*arg;
	struct event		*ev;
	int			 rfd;
	struct alert_shared	*sh;
	pthread_t		 thread;
	int			 threaded;
} alert_g = { .rfd = -1 };

/* The worker's libnotify state; it lives on the worker's stack. */
struct alert_desk {
	GMainContext	*ctx;		/* thread default: collects D-Bus signals */
	GDBusConnection	*bus;		/* our reference to libnotify's bus */
	int		 initted;
	int		 markup;	/* server advertised body-markup */
	time_t		 caps_at;	/* when markup was learned; 0: unknown */
	int		 down;		/* the last delivery failed; logged once */
};

/*
 * Formatting: pure, used by the worker and by the unit tests.
 */

/* A valid UTF-8 copy of s with control characters as spaces; g_free it. */
static char *
alert_clean(const char *s)
{
	char	*v, *p;

	v = g_utf8_make_valid(s != NULL ? s : "", -1);
	for (p = v; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	return v;
}

/* Fold runs of spaces into one and trim both ends, in place. */
static char *
alert_fold(char *s)
{
	char	*r = s, *w = s;

	while (*r == ' ')
		r++;
	for (; *r != '\0'; r++)
		if (*r != ' ' || (r[1] != ' ' && r[1] != '\0'))
			*w++ = *r;
	*w = '\0';
	return s;
}

/* Append s cut at a word boundary to about ALERT_TITLE_CHARS characters. */
static int
alert_put_short(struct buf *b, const char *s)
{
	const char	*end, *sp;

	if (g_utf8_strlen(s, -1) <= ALERT_TITLE_CHARS)
		return buf_puts(b, s);
	/* Room for the ellipsis; a word longer than half is cut inside. */
	end = g_utf8_offset_to_pointer(s, ALERT_TITLE_CHARS - 1);
	for (sp = end; sp > s && *sp != ' '; sp--)
		continue;
	if (g_utf8_strlen(s, sp - s) >= ALERT_TITLE_CHARS / 2)
		end = sp;
	while (end > s && end[-1] == ' ')
		end--;
	if (buf_append(b, s, (size_t)(end - s)) == -1)
		return -1;
	return buf_puts(b, ALERT_ELLIPSIS);
}

/* Append len bytes of s, escaped for Pango markup when markup is set. */
static int
alert_put_text(struct buf *b, const char *s, size_t len, int markup)
{
	char	*esc;
	int	 rc;

	if (!markup)
		return buf_append(b, s, len);
	esc = g_markup_escape_text(s, (gssize)len);
	rc = buf_puts(b, esc);
	g_free(esc);
	return rc;
}

/* Whether [hs, he) is a non-empty span of s on character boundaries. */
static int
alert_span_ok(const char *s, size_t hs, size_t he)
{
	size_t	 len = strlen(s);

	if (hs >= he || he > len)
		return 0;
	if (((unsigned char)s[hs] & 0xc0) == 0x80)
		return 0;
	return he == len || ((unsigned char)s[he] & 0xc0) != 0x80;
}

/* Append the snippet; with markup, escaped and the hit in <b>. */
static int
alert_put_snippet(struct buf *b, const struct alert *a, const char *snip,
    int markup)
{
	size_t	 hs = a->hl_start, he = a->hl_end;

	/* Cleaning keeps byte offsets only when the snippet was valid. */
	if (!markup || !g_utf8_validate(a->snippet, -1, NULL) ||
	    !alert_span_ok(snip, hs, he))
		return alert_put_text(b, snip, strlen(snip), markup);
	if (alert_put_text(b, snip, hs, 1) == -1 || buf_puts(b, "<b>") == -1 ||
	    alert_put_text(b, snip + hs, he - hs, 1) == -1 ||
	    buf_puts(b, "</b>") == -1)
		return -1;
	return alert_put_text(b, snip + he, strlen(snip + he), 1);
}

/* The string built in b, or NULL (and b freed) when rc says it failed. */
static char *
alert_steal(struct buf *b, int rc)
{
	if (rc == -1) {
		buf_free(b);
		return NULL;
	}
	return buf_steal(b);
}

/*
 * The item's time, short, in local time: "14:05" today, "03 May 14:05" this
 * year, "2024-05-03 14:05" before. Returns its length; 0 when there is none.
 */
static size_t
alert_when(int64_t t, char *out, size_t len)
{
	time_t		 now = time(NULL), tt = (time_t)t;
	struct tm	 tm, today;
	const char	*fmt = "%Y-%m-%d %H:%M";

	if (t == ITEM_NO_TIME || localtime_r(&tt, &tm) == NULL ||
	    localtime_r(&now, &today) == NULL)
		return 0;
	if (tm.tm_year == today.tm_year)
		fmt = tm.tm_yday == today.tm_yday ? "%H:%M" : "%d %b %H:%M";
	len = strftime(out, len, fmt, &tm);
	return len;
}

/* Build the summary: topic, then the title shortened. */
char *
alert_summary(const struct alert *a)
{
	struct buf	 b = { 0 };
	char		*topic, *title;
	int		 rc;

	topic = alert_fold(alert_clean(a->topic));
	title = alert_fold(alert_clean(a->title));
	rc = buf_puts(&b, topic);
	if (rc == 0 && *title != '\0')
		rc = buf_puts(&b, ": ") == -1 ? -1 : alert_put_short(&b, title);
	g_free(topic);
	g_free(title);
	return alert_steal(&b, rc);
}

/* Append "Source · 14:05" (or "3 sources"), the item's time in local time. */
static int
alert_put_origin(struct buf *b, const struct alert *a, int markup)
{
	char		*source, when[32] = "";
	int		 rc = 0;

	source = alert_fold(alert_clean(a->source));
	if (a->sources > 1)
		rc = buf_printf(b, "%u sources", a->sources);
	else
		rc = alert_put_text(b, source, strlen(source), markup);
	g_free(source);
	if (rc == 0 && alert_when(a->published, when, sizeof(when)) > 0)
		rc = buf_printf(b, "%s%s", b->len > 0 ? " \u00b7 " : "", when);
	return rc;
}

/* Build the body: origin, a separator line, the snippet (each optional). */
char *
alert_body(const struct alert *a, int markup)
{
	struct buf	 b = { 0 };
	char		*snip;
	int		 rc;

	snip = alert_clean(a->snippet);
	rc = alert_put_origin(&b, a, markup);
	if (rc == 0 && b.len > 0 && *snip != '\0')
		rc = buf_puts(&b, "\n" ALERT_SEPARATOR "\n");
	if (rc == 0 && *snip != '\0')
		rc = alert_put_snippet(&b, a, snip, markup);
	g_free(snip);
	if (rc == 0 && b.data == NULL)
		rc = buf_puts(&b, "");
	return alert_steal(&b, rc);
}

/*
 * Jobs and the shared state.
 */

/* strdup that keeps NULL. */
static int
alert_dup(char **dst, const char *src)
{
	*dst = NULL;
	if (src == NULL)
		return 0;
	return (*dst = strdup(src)) == NULL ? -1 : 0;
}

/* A job holding a deep copy of a; NULL when out of memory. */
static struct alert_job *
alert_job_new(const struct alert *a)
{
	struct alert_job	*j;
	int			 rc;

	if ((j = calloc(1, sizeof(*j))) == NULL)
		return NULL;
	j->a = *a;
	rc = alert_dup(&j->a.topic, a->topic);
	rc |= alert_dup(&j->a.title, a->title);
	rc |= alert_dup(&j->a.link, a->link);
	rc |= alert_dup(&j->a.source, a->source);
	rc |= alert_dup(&j->a.terms, a->terms);
	rc |= alert_dup(&j->a.snippet, a->snippet != NULL ? a->snippet : "");
	if (rc != 0) {
		alert_clear(&j->a);
		free(j);
		return NULL;
	}
	return j;
}

/* Free a job and its copy. */
static void
alert_job_free(struct alert_job *j)
{
	alert_clear(&j->a);
	free(j);
}

/* Free every job of a list. */
static void
alert_jobs_free(struct alert_jobs *l)
{
	struct alert_job	*j;

	while ((j = TAILQ_FIRST(l)) != NULL) {
		TAILQ_REMOVE(l, j, entry);
		alert_job_free(j);
	}
}

/* Whether a job for id is on list l. */
static int
alert_jobs_has(const struct alert_jobs *l, int64_t id)
{
	const struct alert_job	*j;

	TAILQ_FOREACH(j, l, entry)
		if (j->a.id == id)
			return 1;
	return 0;
}

/* The shared state with both references and the pipe's write end. */
static struct alert_shared *
alert_shared_new(int wfd)
{
	struct alert_shared	*sh;
	pthread_condattr_t	 attr;

	if ((sh = calloc(1, sizeof(*sh))) == NULL)
		return NULL;
	/* Shutdown waits on "gone" against a clock that cannot jump. */
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_mutex_init(&sh->mtx, NULL);
	pthread_cond_init(&sh->work, NULL);
	pthread_cond_init(&sh->gone, &attr);
	pthread_condattr_destroy(&attr);
	TAILQ_INIT(&sh->queue);
	TAILQ_INIT(&sh->done);
	sh->refs = 2;
	sh->wfd = wfd;
	return sh;
}

/* Drop one reference; the last one frees the jobs, the pipe end and sh. */
static void
alert_shared_release(struct alert_shared *sh)
{
	int	 last;

	pthread_mutex_lock(&sh->mtx);
	last = --sh->refs == 0;
	pthread_mutex_unlock(&sh->mtx);
	if (!last)
		return;
	alert_jobs_free(&sh->queue);
	alert_jobs_free(&sh->done);
	close(sh->wfd);
	pthread_cond_destroy(&sh->work);
	pthread_cond_destroy(&sh->gone);
	pthread_mutex_destroy(&sh->mtx);
	free(sh);
}

/* Move a finished job to the done list and wake the loop; sh->mtx is held. */
static void
alert_shared_finish(struct alert_shared *sh, struct alert_job *j)
{
	/* With the loop gone nobody reads the pipe: a write could SIGPIPE. */
	if (sh->refs < 2) {
		alert_job_free(j);
		return;
	}
	TAILQ_INSERT_TAIL(&sh->done, j, entry);
	if (write(sh->wfd, "", 1) == -1 && errno != EAGAIN)
		log_warn("alert: cannot wake the event loop: %s",
		    strerror(errno));
}

/*
 * The worker thread: the only code that calls GLib's D-Bus and libnotify.
 */

/* Route libnotify's messages to our log; its warnings repeat per attempt. */
static void
alert_glib_log(const gchar *domain, GLogLevelFlags level, const gchar *msg,
    gpointer arg)
{
	char	 safe[512];

	(void)arg;
	log_safe(safe, sizeof(safe), msg, sizeof(safe));
	if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL))
		log_warn("alert: %s: %s", domain, safe);
	else
		log_debug("alert: %s: %s", domain, safe);
}

/* Run what D-Bus signals queued on the worker's context. */
static void
alert_desk_pump(struct alert_desk *d)
{
	while (g_main_context_iteration(d->ctx, FALSE))
		continue;
}

/* Learn whether the server does body-markup, at most every ALERT_CAPS_TTL s. */
static void
alert_desk_caps(struct alert_desk *d)
{
	GList	*caps, *l;
	time_t	 now = time(NULL);

	if (d->caps_at != 0 && now - d->caps_at < ALERT_CAPS_TTL)
		return;
	/* NULL: no server; show() will fail and say why. */
	if ((caps = notify_get_server_caps()) == NULL)
		return;
	d->markup = 0;
	for (l = caps; l != NULL; l = l->next)
		if (strcmp(l->data, "body-markup") == 0)
			d->markup = 1;
	d->caps_at = now;
	g_list_free_full(caps, g_free);
}

/* Log the first failure after a success and the first success after it. */
static void
alert_desk_status(struct alert_desk *d, int ok, const char *why)
{
	char	 safe[256];

	if (ok && d->down)
		log_info("notifications resumed");
	else if (!ok && !d->down)
		log_warn("no notification server answered (%s); alerts will "
		    "wait", log_safe(safe, sizeof(safe), why, sizeof(safe)));
	d->down = !ok;
}

/* Set urgency, category, desktop entry. */
static void
alert_desk_hints(NotifyNotification *n, const struct alert *a)
{
	static const NotifyUrgency	 urgency[] = {
		[ALERT_LOW] = NOTIFY_URGENCY_LOW,
		[ALERT_NORMAL] = NOTIFY_URGENCY_NORMAL,
		[ALERT_CRITICAL] = NOTIFY_URGENCY_CRITICAL
	};

	notify_notification_set_urgency(n, (unsigned)a->urgency <=
	    ALERT_CRITICAL ? urgency[a->urgency] : NOTIFY_URGENCY_NORMAL);
	notify_notification_set_category(n, ALERT_CATEGORY);
	notify_notification_set_hint(n, "desktop-entry",
	    g_variant_new_string(ALERT_APP));
}

/* Initialize libnotify unless done; 0 when it fails. */
static int
alert_desk_open(struct alert_desk *d)
{
	if (d->initted)
		return 1;
	if (!notify_init(ALERT_APP))
		return 0;
	d->initted = 1;
	/* GLib's shared bus would raise SIGTERM in us if the bus went away. */
	if ((d->bus = g_bus_get_sync(G_BUS_TYPE_SESSION, NULL, NULL)) != NULL)
		g_dbus_connection_set_exit_on_close(d->bus, FALSE);
	return 1;
}

/*
 * Forget libnotify's cached proxy and our bus after a failure: a restarted
 * bus or server then gets a fresh connection and its capabilities are asked.
 */
static void
alert_desk_reset(struct alert_desk *d)
{
	if (d->initted)
		notify_uninit();
	g_clear_object(&d->bus);
	d->initted = 0;
	d->caps_at = 0;
	alert_desk_pump(d);
}

/* Show one notification; blocks on D-Bus. Returns 1 when the server took it. */
static int
alert_desk_show(struct alert_desk *d, const struct alert *a)
{
	NotifyNotification	*n;
	GError			*err = NULL;
	char			*summary, *body;
	int			 ok;

	if (!alert_desk_open(d)) {
		alert_desk_status(d, 0, "notify_init failed");
		return 0;
	}
	alert_desk_caps(d);
	summary = alert_summary(a);
	body = alert_body(a, d->markup);
	if (summary == NULL || body == NULL)
		log_fatalx("alert: out of memory");
	n = notify_notification_new(summary, body, ALERT_ICON);
	alert_desk_hints(n, a);
	ok = notify_notification_show(n, &err);
	alert_desk_status(d, ok, err != NULL ? err->message : "no reason");
	g_clear_error(&err);
	g_object_unref(n);
	alert_desk_pump(d);
	if (!ok)
		alert_desk_reset(d);
	free(summary);
	free(body);
	return ok;
}

/* Take the next job, waiting for one; NULL when asked to stop. */
static struct alert_job *
alert_worker_next(struct alert_shared *sh)
{
	struct alert_job	*j;

	pthread_mutex_lock(&sh->mtx);
	while (!sh->stop && TAILQ_EMPTY(&sh->queue))
		pthread_cond_wait(&sh->work, &sh->mtx);
	j = sh->stop ? NULL : TAILQ_FIRST(&sh->queue);
	if (j != NULL)
		TAILQ_REMOVE(&sh->queue, j, entry);
	sh->busy = j;
	pthread_mutex_unlock(&sh->mtx);
	return j;
}

/* Hand a shown job back to the loop. */
static void
alert_worker_done(struct alert_shared *sh, struct alert_job *j, int ok)
{
	j->ok = ok;
	pthread_mutex_lock(&sh->mtx);
	sh->busy = NULL;
	alert_shared_finish(sh, j);
	pthread_mutex_unlock(&sh->mtx);
}

/* Thread body: show jobs until told to stop, then let go of libnotify. */
static void *
alert_worker(void *arg)
{
	struct alert_shared	*sh = arg;
	struct alert_desk	 d = { 0 };
	struct alert_job	*j;
	guint			 logh;

	logh = g_log_set_handler("libnotify", G_LOG_LEVEL_MASK, alert_glib_log,
	    NULL);
	/* Proxies made now deliver their signals here, not to the default. */
	d.ctx = g_main_context_new();
	g_main_context_push_thread_default(d.ctx);
	while ((j = alert_worker_next(sh)) != NULL)
		alert_worker_done(sh, j, alert_desk_show(&d, &j->a));
	alert_desk_reset(&d);
	g_main_context_pop_thread_default(d.ctx);
	g_main_context_unref(d.ctx);
	g_log_remove_handler("libnotify", logh);
	pthread_mutex_lock(&sh->mtx);
	sh->ended = 1;
	pthread_cond_signal(&sh->gone);
	pthread_mutex_unlock(&sh->mtx);
	alert_shared_release(sh);
	return NULL;
}

/* Start the worker with every signal blocked: the loop thread handles them. */
static int
alert_worker_start(void)
{
	sigset_t	 all, old;
	int		 rc;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&alert_g.thread, NULL, alert_worker, alert_g.sh);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		log_err("alert: cannot start the notification thread: %s",
		    strerror(rc));
		return -1;
	}
	alert_g.threaded = 1;
	return 0;
}

/*
 * The event loop side.
 */

/* Call done_cb for every finished job; the lock is not held during a call. */
static void
alert_drain(void)
{
	struct alert_shared	*sh = alert_g.sh;
	struct alert_job	*j;

	for (;;) {
		pthread_mutex_lock(&sh->mtx);
		if ((j = TAILQ_FIRST(&sh->done)) != NULL) {
			TAILQ_REMOVE(&sh->done, j, entry);
			sh->count--;
		}
		pthread_mutex_unlock(&sh->mtx);
		if (j == NULL)
			return;
		if (alert_g.cb != NULL)
			alert_g.cb(j->a.id, j->ok, alert_g.arg);
		alert_job_free(j);
	}
}

/* The pipe is readable: empty it, then deliver the results. */
static void
alert_wake_cb(evutil_socket_t fd, short what, void *arg)
{
	char	 tmp[64];

	(void)what;
	(void)arg;
	while (read(fd, tmp, sizeof(tmp)) > 0)
		continue;
	alert_drain();
}

/* Append a field for the stdout line, tabs and line breaks as spaces. */
static int
alert_put_field(struct buf *b, const char *s)
{
	size_t	 start = b->len;

	if (buf_puts(b, s) == -1)
		return -1;
	for (; start < b->len; start++)
		if (strchr("\t\n\r", b->data[start]) != NULL)
			b->data[start] = ' ';
	return 0;
}

/* Print "topic\ttitle\tlink\n"; 1 when it was written. */
static int
alert_print(const struct alert *a)
{
	struct buf	 b = { 0 };
	int		 ok;

	ok = alert_put_field(&b, a->topic ? a->topic : "") == 0 &&
	    buf_putc(&b, '\t') == 0 &&
	    alert_put_field(&b, a->title ? a->title : "") == 0 &&
	    buf_putc(&b, '\t') == 0 &&
	    alert_put_field(&b, a->link ? a->link : "-") == 0 &&
	    buf_putc(&b, '\n') == 0;
	if (ok)
		ok = fwrite(b.data, 1, b.len, stdout) == b.len &&
		    fflush(stdout) == 0;
	buf_free(&b);
	return ok;
}

/* Make a non-blocking, close-on-exec pipe. */
static int
alert_pipe(int fd[2])
{
	int	 i;

	if (pipe(fd) == -1)
		return -1;
	for (i = 0; i < 2; i++)
		if (fcntl(fd[i], F_SETFL, O_NONBLOCK) == -1 ||
		    fcntl(fd[i], F_SETFD, FD_CLOEXEC) == -1) {
			close(fd[0]);
			close(fd[1]);
			return -1;
		}
	return 0;
}

/* Set up the wake-up pipe, its read event and the shared state. */
static int
alert_open(struct event_base *base)
{
	int	 fd[2];

	if (alert_pipe(fd) == -1) {
		log_err("alert: pipe: %s", strerror(errno));
		return -1;
	}
	alert_g.rfd = fd[0];
	if ((alert_g.sh = alert_shared_new(fd[1])) == NULL)
		close(fd[1]);
	alert_g.ev = event_new(base, fd[0], EV_READ | EV_PERSIST,
	    alert_wake_cb, NULL);
	if (alert_g.sh == NULL || alert_g.ev == NULL ||
	    event_add(alert_g.ev, NULL) == -1) {
		log_err("alert: cannot set up delivery");
		return -1;
	}
	return 0;
}

/* Undo alert_open; a running worker keeps its own reference. */
static void
alert_close(void)
{
	if (alert_g.ev != NULL)
		event_free(alert_g.ev);
	/* A worker that never started leaves its reference to us. */
	if (alert_g.sh != NULL && !alert_g.threaded)
		alert_shared_release(alert_g.sh);
	/* Released before the read end closes: a late worker must not write. */
	if (alert_g.sh != NULL)
		alert_shared_release(alert_g.sh);
	if (alert_g.rfd != -1)
		close(alert_g.rfd);
	alert_g.ev = NULL;
	alert_g.sh = NULL;
	alert_g.rfd = -1;
	alert_g.threaded = 0;
}

/* Start delivery in the given mode. */
int
alert_init(struct event_base *base, enum alert_mode mode, alert_done_cb *cb,
    void *arg)
{
	if (alert_g.sh != NULL) {
		log_err("alert: already started");
		return -1;
	}
	alert_g.mode = mode;
	alert_g.cb = cb;
	alert_g.arg = arg;
	if (alert_open(base) == -1 ||
	    (mode == ALERT_DESKTOP && alert_worker_start() == -1)) {
		alert_close();
		return -1;
	}
	return 0;
}

/* Queue a copy of a; duplicates of a pending id are ignored. */
int
alert_send(const struct alert *a)
{
	struct alert_shared	*sh = alert_g.sh;
	struct alert_job	*j;
	int			 dup;

	if (sh == NULL)
		return -1;
	/* Only the loop thread adds jobs, so the answer cannot go stale. */
	pthread_mutex_lock(&sh->mtx);
	dup = a->id != 0 && (alert_jobs_has(&sh->queue, a->id) ||
	    alert_jobs_has(&sh->done, a->id) ||
	    (sh->busy != NULL && sh->busy->a.id == a->id));
	pthread_mutex_unlock(&sh->mtx);
	if (dup)
		return 0;
	if ((j = alert_job_new(a)) == NULL)
		return -1;
	if (alert_g.mode == ALERT_STDOUT)
		j->ok = alert_print(&j->a);
	pthread_mutex_lock(&sh->mtx);
	sh->count++;
	if (alert_g.mode == ALERT_STDOUT)
		alert_shared_finish(sh, j);
	else {
		TAILQ_INSERT_TAIL(&sh->queue, j, entry);
		pthread_cond_signal(&sh->work);
	}
	pthread_mutex_unlock(&sh->mtx);
	return 0;
}

/* Count the alerts not yet reported through done_cb. */
size_t
alert_inflight(void)
{
	size_t	 n;

	if (alert_g.sh == NULL)
		return 0;
	pthread_mutex_lock(&alert_g.sh->mtx);
	n = alert_g.sh->count;
	pthread_mutex_unlock(&alert_g.sh->mtx);
	return n;
}

/* Ask the worker to stop; 1 when it ended within timeout_ms. */
static int
alert_worker_stop(int timeout_ms)
{
	struct alert_shared	*sh = alert_g.sh;
	struct timespec		 until;
	int			 rc = 0;

	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += timeout_ms / 1000;
	until.tv_nsec += (long)(timeout_ms % 1000) * 1000000;
	if (until.tv_nsec >= 1000000000) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000;
	}
	pthread_mutex_lock(&sh->mtx);
	sh->stop = 1;
	pthread_cond_signal(&sh->work);
	while (!sh->ended && rc == 0)
		rc = pthread_cond_timedwait(&sh->gone, &sh->mtx, &until);
	rc = sh->ended;
	pthread_mutex_unlock(&sh->mtx);
	return rc;
}

/* Stop delivery; never waits more than timeout_ms for a stuck D-Bus call. */
void
alert_shutdown(int timeout_ms)
{
	if (alert_g.sh == NULL)
		return;
	if (alert_g.threaded) {
		if (alert_worker_stop(timeout_ms < 0 ? 0 : timeout_ms))
			pthread_join(alert_g.thread, NULL);
		else {
			log_warn("notification server did not answer; "
			    "leaving its call behind");
			pthread_detach(alert_g.thread);
		}
	}
	/* Results that came in meanwhile are reported, not lost. */
	alert_drain();
	alert_close();
}
