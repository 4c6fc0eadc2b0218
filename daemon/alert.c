/*
 * alert: delivery of alerts to the desktop (libnotify), exec sinks, stdout.
 *
 * notify_notification_show() is a synchronous D-Bus call that can block for
 * 25 s (pitfalls.md 15), so in ALERT_DESKTOP mode one worker thread owns every
 * GLib and libnotify call. Between notifications the worker runs its own GLib
 * context, blocked in poll(2), so that ActionInvoked signals (Open, Mute
 * topic) are received. The loop thread only queues copies of alerts under a
 * mutex and wakes that context; the worker hands each result or action back
 * on a done list and wakes the loop through a pipe, whose read event reports
 * it. The state the two threads share is reference counted so that a worker
 * stuck in D-Bus at shutdown can be left behind and still free what it holds
 * when the call returns. Exec sinks and the link opener are child processes
 * started and reaped on the loop (pidfd events, no SIGCHLD), never waited for.
 */
#define _GNU_SOURCE	/* pipe2, F_SETPIPE_SZ: the sink's input fits its pipe */
#include <sys/queue.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
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
#define ALERT_LIVE		32	/* notifications kept for their actions */
#define ALERT_DIGEST_TITLES	5	/* titles a summary notification lists */
#define ALERT_OPENER		"xdg-open"
#define ALERT_EXEC_TIMEOUT	30	/* s an exec sink may run */
#define ALERT_EXEC_MAX		4	/* exec sinks running at once */
#define ALERT_EXEC_INPUT	(1024 * 1024)	/* pipe room for the JSON */

extern char	**environ;

/* What a job is: alerts to show, or what the user clicked on one. */
enum alert_job_kind {
	ALERT_JOB_SHOW,		/* v[0], or v[0..n) as one summary */
	ALERT_JOB_NOTICE,	/* v[0].title and v[0].snippet: no alert */
	ALERT_JOB_OPEN,		/* open v[0].link */
	ALERT_JOB_MUTE,		/* mute v[0].topic */
	ALERT_JOB_EXEC		/* run sink for v[0] */
};

/* One notification on its way, or one action coming back from it. */
struct alert_job {
	TAILQ_ENTRY(alert_job)	 entry;
	enum alert_job_kind	 kind;
	struct alert		*v;	/* owned copies */
	size_t			 n;
	char			*sink;	/* exec: the sink's spec, owned */
	int			 ok;	/* set by the worker (or stdout) */
	int			 held;	/* shown by the worker: holds the next */
};
TAILQ_HEAD(alert_jobs, alert_job);

/* What the loop and the worker share; the last one to let go frees it. */
struct alert_shared {
	pthread_mutex_t		 mtx;
	pthread_cond_t		 gone;	/* signals shutdown: the worker ended */
	struct alert_jobs	 queue;	/* waiting for the worker */
	struct alert_jobs	 done;	/* waiting for done_cb on the loop */
	struct alert_job	*busy;	/* being shown; owned by the worker */
	GMainContext		*ctx;	/* the worker's: D-Bus replies, signals */
	size_t			 count;	/* queued + busy + done */
	size_t			 unrecorded; /* shown, done_cb not returned yet */
	int			 stop;
	int			 ended;
	int			 refs;	/* 2 while loop and worker both hold it */
	int			 wfd;	/* wakes the loop; closed by the last owner */
};

/* A program raqib started (opener, exec sink); reaped through its pidfd. */
struct alert_child {
	LIST_ENTRY(alert_child)	 entry;
	pid_t			 pid;
	int			 pidfd;
	struct event		*ev;	/* pidfd readable: the child ended */
	struct event		*timer;	/* exec sinks: the time limit */
	struct alert_job	*job;	/* exec sinks: reported when it ends */
};
LIST_HEAD(alert_children, alert_child);

/* The loop side: one instance, between alert_init and alert_shutdown. */
static struct {
	enum alert_mode		 mode;
	struct alert_hooks	 hooks;
	char			*opener;	/* owned copy of hooks.opener */
	struct event_base	*base;
	struct alert_children	 children;
	size_t			 nexec;		/* exec jobs running */
	int			 exec_timeout;	/* seconds */
	struct event		*ev;
	int			 rfd;
	struct alert_shared	*sh;
	pthread_t		 thread;
	int			 threaded;
} alert_g = { .rfd = -1 };

/* The worker's libnotify state; it lives on the worker's stack. */
struct alert_desk {
	struct alert_shared *sh;
	GMainContext	*ctx;		/* thread default: collects D-Bus signals */
	GDBusConnection	*bus;		/* our reference to libnotify's bus */
	GQueue		 live;		/* shown with actions: kept for signals */
	int		 initted;
	int		 markup;	/* server advertised body-markup */
	int		 actions;	/* server advertised actions */
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

/* Append title shortened, escaped for markup when markup is set. */
static int
alert_put_title(struct buf *b, const char *title, int markup)
{
	struct buf	 t = { 0 };
	char		*clean;
	int		 rc;

	clean = alert_fold(alert_clean(title));
	rc = alert_put_short(&t, clean);
	if (rc == 0 && t.len > 0)
		rc = alert_put_text(b, t.data, t.len, markup);
	g_free(clean);
	buf_free(&t);
	return rc;
}

/* One topic of a summary and how many of its alerts it holds. */
struct alert_tally {
	const char	*topic;
	size_t		 n;
	size_t		 first;		/* index of its first alert: ties */
};

/* Most alerts first, then in the order the topics came. */
static int
alert_tally_cmp(const void *a, const void *b)
{
	const struct alert_tally	*x = a, *y = b;

	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return x->first < y->first ? -1 : x->first > y->first;
}

/* Count v's alerts per topic into t (room for n); returns the topics. */
static size_t
alert_tally(const struct alert *v, size_t n, struct alert_tally *t)
{
	size_t	 i, k, nt = 0;

	for (i = 0; i < n; i++) {
		for (k = 0; k < nt && strcmp(t[k].topic, v[i].topic) != 0; k++)
			continue;
		if (k == nt)
			t[nt++] = (struct alert_tally){ v[i].topic, 0, i };
		t[k].n++;
	}
	qsort(t, nt, sizeof(*t), alert_tally_cmp);
	return nt;
}

/* The summary line of a digest: "12 new items: Kazakhstan 7, C5+1 5". */
static char *
alert_digest_summary(const struct alert *v, size_t n)
{
	struct alert_tally	*t;
	struct buf		 b = { 0 };
	size_t			 nt, k;
	int			 rc;

	if ((t = calloc(n, sizeof(*t))) == NULL)
		return NULL;
	nt = alert_tally(v, n, t);
	rc = buf_printf(&b, "%zu new items:", n);
	for (k = 0; k < nt && rc == 0; k++)
		rc = buf_printf(&b, "%s %s %zu", k > 0 ? "," : "", t[k].topic,
		    t[k].n);
	free(t);
	if (rc == 0) {
		char	*clean = alert_clean(b.data);

		buf_free(&b);
		rc = buf_puts(&b, clean);
		g_free(clean);
	}
	return alert_steal(&b, rc);
}

/* The body of a digest: the first titles, then where the rest are. */
static char *
alert_digest_body(const struct alert *v, size_t n, int markup)
{
	struct buf	 b = { 0 };
	size_t		 i;
	int		 rc = 0;

	for (i = 0; i < n && i < ALERT_DIGEST_TITLES && rc == 0; i++) {
		rc = buf_puts(&b, i > 0 ? "\n\u2022 " : "\u2022 ");
		if (rc == 0)
			rc = alert_put_title(&b, v[i].title, markup);
	}
	if (rc == 0 && n > ALERT_DIGEST_TITLES)
		rc = buf_printf(&b, "\n\u2026 and %zu more (raqib history)",
		    n - ALERT_DIGEST_TITLES);
	return alert_steal(&b, rc);
}

/* Build a digest of several alerts: the summary, and its body into *body. */
char *
alert_digest(const struct alert *v, size_t n, int markup, char **body)
{
	char	*summary;

	summary = alert_digest_summary(v, n);
	*body = alert_digest_body(v, n, markup);
	if (summary != NULL && *body != NULL)
		return summary;
	free(summary);
	free(*body);
	*body = NULL;
	return NULL;
}

/* The most urgent urgency among v[0..n). */
static enum alert_urgency
alert_digest_urgency(const struct alert *v, size_t n)
{
	enum alert_urgency	 u = ALERT_LOW;
	size_t			 i;

	for (i = 0; i < n; i++)
		if (v[i].urgency > u && v[i].urgency <= ALERT_CRITICAL)
			u = v[i].urgency;
	return u;
}

/* Whether a link may be handed to the opener: http(s) only. */
int
alert_link_ok(const char *link)
{
	return link != NULL && (g_ascii_strncasecmp(link, "http://", 7) == 0 ||
	    g_ascii_strncasecmp(link, "https://", 8) == 0);
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

/* Deep-copy src into dst; -1 (dst cleared) when out of memory. */
static int
alert_copy(struct alert *dst, const struct alert *src)
{
	int	 rc;

	*dst = *src;
	rc = alert_dup(&dst->topic, src->topic);
	rc |= alert_dup(&dst->title, src->title);
	rc |= alert_dup(&dst->link, src->link);
	rc |= alert_dup(&dst->source, src->source);
	rc |= alert_dup(&dst->terms, src->terms);
	rc |= alert_dup(&dst->snippet, src->snippet != NULL ? src->snippet : "");
	if (rc != 0)
		alert_clear(dst);
	return rc != 0 ? -1 : 0;
}

/* Free a job and its copies. */
static void
alert_job_free(struct alert_job *j)
{
	size_t	 i;

	for (i = 0; i < j->n; i++)
		alert_clear(&j->v[i]);
	free(j->v);
	free(j->sink);
	free(j);
}

/* A job holding deep copies of v[0..n); NULL when out of memory. */
static struct alert_job *
alert_job_new(enum alert_job_kind kind, const struct alert *v, size_t n)
{
	struct alert_job	*j;

	if ((j = calloc(1, sizeof(*j))) == NULL)
		return NULL;
	j->kind = kind;
	if ((j->v = calloc(n, sizeof(*j->v))) == NULL) {
		free(j);
		return NULL;
	}
	for (; j->n < n; j->n++)
		if (alert_copy(&j->v[j->n], &v[j->n]) == -1) {
			alert_job_free(j);
			return NULL;
		}
	return j;
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

/* Whether job j (may be NULL) shows the alert id. */
static int
alert_job_has(const struct alert_job *j, int64_t id)
{
	size_t	 i;

	for (i = 0; j != NULL && j->kind == ALERT_JOB_SHOW && i < j->n; i++)
		if (j->v[i].id == id)
			return 1;
	return 0;
}

/* Whether a job on list l shows the alert id. */
static int
alert_jobs_has(const struct alert_jobs *l, int64_t id)
{
	const struct alert_job	*j;

	TAILQ_FOREACH(j, l, entry)
		if (alert_job_has(j, id))
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
	pthread_cond_init(&sh->gone, &attr);
	pthread_condattr_destroy(&attr);
	TAILQ_INIT(&sh->queue);
	TAILQ_INIT(&sh->done);
	sh->ctx = g_main_context_new();
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
	g_main_context_unref(sh->ctx);
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
	d->markup = d->actions = 0;
	for (l = caps; l != NULL; l = l->next) {
		if (strcmp(l->data, "body-markup") == 0)
			d->markup = 1;
		if (strcmp(l->data, "actions") == 0)
			d->actions = 1;
	}
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
alert_desk_hints(NotifyNotification *n, enum alert_urgency u)
{
	static const NotifyUrgency	 urgency[] = {
		[ALERT_LOW] = NOTIFY_URGENCY_LOW,
		[ALERT_NORMAL] = NOTIFY_URGENCY_NORMAL,
		[ALERT_CRITICAL] = NOTIFY_URGENCY_CRITICAL
	};

	notify_notification_set_urgency(n, (unsigned)u <= ALERT_CRITICAL ?
	    urgency[u] : NOTIFY_URGENCY_NORMAL);
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
	g_queue_clear_full(&d->live, g_object_unref);
	if (d->initted)
		notify_uninit();
	g_clear_object(&d->bus);
	d->initted = 0;
	d->caps_at = 0;
	alert_desk_pump(d);
}

/* An action was invoked: hand it to the loop as a job (worker thread). */
static void
alert_desk_action_cb(NotifyNotification *n, char *action, gpointer arg)
{
	struct alert_desk	*d = arg;
	const struct alert	*a = g_object_get_data(G_OBJECT(n), "raqib");
	struct alert_job	*j;

	if (a == NULL || (j = alert_job_new(strcmp(action, "mute") == 0 ?
	    ALERT_JOB_MUTE : ALERT_JOB_OPEN, a, 1)) == NULL)
		return;
	pthread_mutex_lock(&d->sh->mtx);
	alert_shared_finish(d->sh, j);
	pthread_mutex_unlock(&d->sh->mtx);
}

/* The server closed a notification: its actions can no longer come. */
static void
alert_desk_closed_cb(NotifyNotification *n, gpointer arg)
{
	struct alert_desk	*d = arg;

	if (g_queue_remove(&d->live, n))
		g_object_unref(n);
}

/* Free an alert copy attached to a notification. */
static void
alert_desk_free_alert(gpointer p)
{
	alert_clear(p);
	free(p);
}

/*
 * Offer Open (also the click) and Mute topic on a single alert with a link,
 * when the server does actions. The notification is kept (at most
 * ALERT_LIVE) so that its ActionInvoked signal still finds it.
 */
static void
alert_desk_actions(struct alert_desk *d, NotifyNotification *n,
    const struct alert_job *j)
{
	struct alert	*a;

	if (!d->actions || j->kind != ALERT_JOB_SHOW || j->n != 1 ||
	    (a = calloc(1, sizeof(*a))) == NULL)
		return;
	if (alert_copy(a, &j->v[0]) == -1) {
		free(a);
		return;
	}
	g_object_set_data_full(G_OBJECT(n), "raqib", a, alert_desk_free_alert);
	if (alert_link_ok(a->link)) {
		notify_notification_add_action(n, "default", "Open",
		    alert_desk_action_cb, d, NULL);
		notify_notification_add_action(n, "open", "Open",
		    alert_desk_action_cb, d, NULL);
	}
	notify_notification_add_action(n, "mute", "Mute topic",
	    alert_desk_action_cb, d, NULL);
	g_signal_connect(n, "closed", G_CALLBACK(alert_desk_closed_cb), d);
}

/* Keep a shown notification for its actions; drop the oldest beyond ALERT_LIVE. */
static void
alert_desk_keep(struct alert_desk *d, NotifyNotification *n)
{
	if (g_object_get_data(G_OBJECT(n), "raqib") == NULL) {
		g_object_unref(n);
		return;
	}
	g_queue_push_tail(&d->live, n);
	if (g_queue_get_length(&d->live) > ALERT_LIVE)
		g_object_unref(g_queue_pop_head(&d->live));
}

/* Plain text made valid and folded; escaped for markup when markup is set. */
static char *
alert_notice_text(const char *s, int markup)
{
	struct buf	 b = { 0 };
	char		*clean;
	int		 rc;

	clean = alert_fold(alert_clean(s));
	rc = alert_put_text(&b, clean, strlen(clean), markup);
	if (rc == 0 && b.data == NULL)
		rc = buf_puts(&b, "");
	g_free(clean);
	return alert_steal(&b, rc);
}

/* The notification for a job: a notice, one alert, or a summary of several. */
static NotifyNotification *
alert_desk_new(struct alert_desk *d, const struct alert_job *j)
{
	NotifyNotification	*n;
	char			*summary, *body;

	if (j->kind == ALERT_JOB_NOTICE) {
		/* A summary is never markup (the notification spec). */
		summary = alert_notice_text(j->v[0].title, 0);
		body = alert_notice_text(j->v[0].snippet, d->markup);
	} else if (j->n == 1) {
		summary = alert_summary(&j->v[0]);
		body = alert_body(&j->v[0], d->markup);
	} else
		summary = alert_digest(j->v, j->n, d->markup, &body);
	if (summary == NULL || body == NULL)
		log_fatalx("alert: out of memory");
	n = notify_notification_new(summary, body, ALERT_ICON);
	alert_desk_hints(n, alert_digest_urgency(j->v, j->n));
	alert_desk_actions(d, n, j);
	free(summary);
	free(body);
	return n;
}

/* Show one job's notification; blocks on D-Bus. 1 when the server took it. */
static int
alert_desk_show(struct alert_desk *d, const struct alert_job *j)
{
	NotifyNotification	*n;
	GError			*err = NULL;
	int			 ok;

	if (!alert_desk_open(d)) {
		alert_desk_status(d, 0, "notify_init failed");
		return 0;
	}
	alert_desk_caps(d);
	n = alert_desk_new(d, j);
	ok = notify_notification_show(n, &err);
	alert_desk_status(d, ok, err != NULL ? err->message : "no reason");
	g_clear_error(&err);
	if (ok)
		alert_desk_keep(d, n);
	else {
		g_object_unref(n);
		alert_desk_reset(d);
	}
	return ok;
}

/*
 * Take the next job; between jobs run the worker's GLib context, blocked in
 * poll(2) until D-Bus has something (an ActionInvoked signal) or the loop
 * wakes it. NULL when asked to stop. A notification shown but not yet
 * recorded by the loop holds the next one back: a crash then repeats at
 * most that one, however far the loop lags behind the worker.
 */
static struct alert_job *
alert_worker_next(struct alert_shared *sh)
{
	struct alert_job	*j;

	for (;;) {
		pthread_mutex_lock(&sh->mtx);
		j = sh->stop || sh->unrecorded > 0 ? NULL :
		    TAILQ_FIRST(&sh->queue);
		if (j != NULL)
			TAILQ_REMOVE(&sh->queue, j, entry);
		sh->busy = j;
		if (sh->stop || j != NULL) {
			pthread_mutex_unlock(&sh->mtx);
			return j;
		}
		pthread_mutex_unlock(&sh->mtx);
		g_main_context_iteration(sh->ctx, TRUE);
	}
}

/* Hand a shown job back to the loop. */
static void
alert_worker_done(struct alert_shared *sh, struct alert_job *j, int ok)
{
	j->ok = ok;
	pthread_mutex_lock(&sh->mtx);
	sh->busy = NULL;
	if (sh->refs == 2) {
		j->held = 1;
		sh->unrecorded++;
	}
	alert_shared_finish(sh, j);
	pthread_mutex_unlock(&sh->mtx);
}

/*
 * Thread body: show jobs until told to stop, then let go of libnotify.
 * Why a thread with its own GLib loop rather than GLib's fds inside
 * libevent: notify_notification_show() blocks (pitfalls.md 15) and would
 * stall the loop; here it stalls only the worker, the context is acquired
 * once for the thread's life (pitfalls.md 16), and the worker never touches
 * libevent: actions come back to the loop as jobs through the pipe.
 */
static void *
alert_worker(void *arg)
{
	struct alert_shared	*sh = arg;
	struct alert_desk	 d = { .sh = sh, .ctx = sh->ctx };
	struct alert_job	*j;
	guint			 logh;

	logh = g_log_set_handler("libnotify", G_LOG_LEVEL_MASK, alert_glib_log,
	    NULL);
	g_queue_init(&d.live);
	g_main_context_acquire(d.ctx);
	/* Proxies made now deliver their signals here, not to the default. */
	g_main_context_push_thread_default(d.ctx);
	while ((j = alert_worker_next(sh)) != NULL)
		alert_worker_done(sh, j, alert_desk_show(&d, j));
	alert_desk_reset(&d);
	g_main_context_pop_thread_default(d.ctx);
	g_main_context_release(d.ctx);
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

static void	 alert_job_report(const struct alert_job *);

/* Free a child's events, pidfd and job; the process itself is not touched. */
static void
alert_child_free(struct alert_child *c)
{
	LIST_REMOVE(c, entry);
	if (c->ev != NULL)
		event_free(c->ev);
	if (c->timer != NULL)
		event_free(c->timer);
	if (c->job != NULL) {
		alert_g.nexec--;
		alert_job_free(c->job);
	}
	close(c->pidfd);
	free(c);
}

/* Log how a child that failed ended. */
static void
alert_child_log(const struct alert_child *c, int status)
{
	const char	*what = c->job != NULL ? c->job->sink : alert_g.opener;
	char		 safe[256];

	log_safe(safe, sizeof(safe), what, 200);
	if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
		log_warn("%s exited with status %d%s", safe,
		    WEXITSTATUS(status), c->job ? "; the alert waits" : "");
	else if (WIFSIGNALED(status))
		log_warn("%s was killed by signal %d%s", safe, WTERMSIG(status),
		    c->job ? "; the alert waits" : "");
}

/* A child ended: reap it and report its job. */
static void
alert_child_cb(evutil_socket_t fd, short what, void *arg)
{
	struct alert_child	*c = arg;
	struct alert_job	*j = c->job;
	int			 status;

	(void)fd;
	(void)what;
	if (waitpid(c->pid, &status, WNOHANG) <= 0)
		return;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		alert_child_log(c, status);
	c->job = NULL;
	alert_g.nexec -= j != NULL;
	alert_child_free(c);
	if (j == NULL)
		return;
	j->ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
	alert_job_report(j);
	alert_job_free(j);
}

/* An exec sink ran out of time: kill it; its pidfd reports the end. */
static void
alert_child_timeout_cb(evutil_socket_t fd, short what, void *arg)
{
	struct alert_child	*c = arg;
	char			 safe[256];

	(void)fd;
	(void)what;
	log_warn("%s took more than %d s; killing it",
	    log_safe(safe, sizeof(safe), c->job->sink, 200),
	    alert_g.exec_timeout);
	/* Not reaped yet, so the pid cannot belong to anyone else. */
	kill(c->pid, SIGKILL);
}

/*
 * Watch a started child through a pidfd so the loop reaps it without
 * SIGCHLD; an exec job also gets a time limit. -1 when it cannot be
 * watched (the child is then left alone and j stays the caller's).
 */
static int
alert_child_watch(pid_t pid, struct alert_job *j)
{
	struct alert_child	*c;
	struct timeval		 tv = { alert_g.exec_timeout, 0 };

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return -1;
	if ((c->pidfd = (int)syscall(SYS_pidfd_open, pid, 0)) == -1) {
		log_warn("alert: cannot watch child %ld: %s", (long)pid,
		    strerror(errno));
		free(c);
		return -1;
	}
	c->pid = pid;
	LIST_INSERT_HEAD(&alert_g.children, c, entry);
	c->ev = event_new(alert_g.base, c->pidfd, EV_READ | EV_PERSIST,
	    alert_child_cb, c);
	if (j != NULL)
		c->timer = evtimer_new(alert_g.base, alert_child_timeout_cb, c);
	if (c->ev == NULL || event_add(c->ev, NULL) == -1 || (j != NULL &&
	    (c->timer == NULL || evtimer_add(c->timer, &tv) == -1)))
		log_fatalx("alert: cannot add a child event");
	c->job = j;
	alert_g.nexec += j != NULL;
	return 0;
}

/*
 * Open a link with the user's opener: no shell, the link one argv element,
 * stdin from /dev/null. Only http(s) links: the opener may run anything.
 */
static void
alert_open_link(const char *link)
{
	posix_spawn_file_actions_t	 fa;
	char				*argv[3];
	char				 safe[256];
	pid_t				 pid;
	int				 rc;

	if (!alert_link_ok(link)) {
		log_warn("not opening a link that is not http(s): %s",
		    log_safe(safe, sizeof(safe), link ? link : "", 200));
		return;
	}
	argv[0] = alert_g.opener;
	argv[1] = (char *)link;
	argv[2] = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0) {
		log_warn("cannot run the link opener %s: %s", argv[0],
		    strerror(rc));
		return;
	}
	alert_child_watch(pid, NULL);
}

/* Append s as a JSON string, or null; s is valid UTF-8. */
static int
alert_json_str(struct buf *b, const char *s)
{
	int	 rc;

	if (s == NULL)
		return buf_puts(b, "null");
	rc = buf_putc(b, '"');
	for (; *s != '\0' && rc == 0; s++) {
		if (*s == '"' || *s == '\\')
			rc = buf_printf(b, "\\%c", *s);
		else if ((unsigned char)*s < 0x20 || *s == 0x7f)
			rc = buf_printf(b, "\\u%04x", (unsigned char)*s);
		else
			rc = buf_putc(b, *s);
	}
	return rc == 0 ? buf_putc(b, '"') : -1;
}

/* The item's time as ISO 8601 UTC, or "" when there is none. */
static void
alert_iso_time(int64_t t, char *out, size_t len)
{
	time_t		 tt = (time_t)t;
	struct tm	 tm;

	out[0] = '\0';
	if (t != ITEM_NO_TIME && gmtime_r(&tt, &tm) != NULL)
		strftime(out, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The alert as one JSON object, the exec sink's standard input. */
static int
alert_json(struct buf *b, const struct alert *a)
{
	static const char	*urgency[] = { "low", "normal", "critical" };
	char			 when[32];
	int			 rc;

	alert_iso_time(a->published, when, sizeof(when));
	rc = buf_printf(b, "{\"id\":%lld,\"topic\":", (long long)a->id);
	rc |= alert_json_str(b, a->topic);
	rc |= buf_puts(b, ",\"title\":") | alert_json_str(b, a->title);
	rc |= buf_puts(b, ",\"link\":") | alert_json_str(b, a->link);
	rc |= buf_puts(b, ",\"source\":") | alert_json_str(b, a->source);
	rc |= buf_printf(b, ",\"sources\":%u,\"terms\":",
	    a->sources > 1 ? a->sources : 1);
	rc |= alert_json_str(b, a->terms);
	rc |= buf_puts(b, ",\"snippet\":") | alert_json_str(b, a->snippet);
	rc |= buf_puts(b, ",\"published\":");
	rc |= *when ? buf_printf(b, "\"%s\"", when) : buf_puts(b, "null");
	rc |= buf_printf(b, ",\"urgency\":\"%s\"}\n",
	    urgency[(unsigned)a->urgency <= ALERT_CRITICAL ? a->urgency : 1]);
	return rc != 0 ? -1 : 0;
}

/* Append an owned "NAME=value" string to a NULL-ended array; it is freed on failure. */
static int
alert_env_push(char ***env, size_t *n, char *s)
{
	char	**v;

	if (s == NULL || (v = reallocarray(*env, *n + 2, sizeof(*v))) == NULL) {
		free(s);
		return -1;
	}
	*env = v;
	v[(*n)++] = s;
	v[*n] = NULL;
	return 0;
}

/* Append NAME=value (value NULL: empty). */
static int
alert_env_add(char ***env, size_t *n, const char *name, const char *value)
{
	struct buf	 b = { 0 };

	if (buf_printf(&b, "%s=%s", name, value != NULL ? value : "") == -1) {
		buf_free(&b);
		return -1;
	}
	return alert_env_push(env, n, buf_steal(&b));
}

/* Free an environment built by alert_env. */
static void
alert_env_free(char **env)
{
	char	**e;

	for (e = env; e != NULL && *e != NULL; e++)
		free(*e);
	free(env);
}

/* Our environment without RAQIB_*, plus the alert as RAQIB_* variables. */
static char **
alert_env(const struct alert *a)
{
	char	**env = NULL, **e, when[32], count[16];
	size_t	 n = 0;
	int	 rc = 0;

	alert_iso_time(a->published, when, sizeof(when));
	snprintf(count, sizeof(count), "%u", a->sources > 1 ? a->sources : 1);
	for (e = environ; *e != NULL && rc == 0; e++)
		if (strncmp(*e, "RAQIB_", 6) != 0)
			rc = alert_env_push(&env, &n, strdup(*e));
	rc |= alert_env_add(&env, &n, "RAQIB_TOPIC", a->topic);
	rc |= alert_env_add(&env, &n, "RAQIB_TITLE", a->title);
	rc |= alert_env_add(&env, &n, "RAQIB_LINK", a->link);
	rc |= alert_env_add(&env, &n, "RAQIB_SOURCES", a->source);
	rc |= alert_env_add(&env, &n, "RAQIB_SOURCE_COUNT", count);
	rc |= alert_env_add(&env, &n, "RAQIB_TERMS", a->terms);
	rc |= alert_env_add(&env, &n, "RAQIB_SNIPPET", a->snippet);
	rc |= alert_env_add(&env, &n, "RAQIB_PUBLISHED", when);
	if (rc == 0 && env != NULL)
		return env;
	alert_env_free(env);
	return NULL;
}

/* A close-on-exec pipe for the sink's stdin, room enough for len bytes. */
static int
alert_input_pipe(int fd[2], size_t len)
{
	if (pipe2(fd, O_CLOEXEC) == -1)
		return -1;
	if (len >= 65536 && fcntl(fd[1], F_SETPIPE_SZ, (int)len + 1) == -1) {
		close(fd[0]);
		close(fd[1]);
		return -1;
	}
	return 0;
}

/*
 * Start an exec sink: argv as configured (no shell), the alert in RAQIB_*
 * variables and as JSON on stdin, written whole before the child can block
 * us: the pipe is sized to hold it. Returns the child's pid, or -1.
 */
static pid_t
alert_exec_spawn(char *const argv[], const struct alert *a)
{
	posix_spawn_file_actions_t	 fa;
	struct buf			 json = { 0 };
	char				**env;
	pid_t				 pid = -1;
	int				 fd[2], rc = -1;

	if (alert_json(&json, a) == -1 || json.len > ALERT_EXEC_INPUT ||
	    (env = alert_env(a)) == NULL) {
		buf_free(&json);
		return -1;
	}
	if (alert_input_pipe(fd, json.len) == 0) {
		posix_spawn_file_actions_init(&fa);
		posix_spawn_file_actions_adddup2(&fa, fd[0], 0);
		rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, env);
		posix_spawn_file_actions_destroy(&fa);
		close(fd[0]);
		if (rc != 0)
			log_warn("cannot run %s: %s", argv[0], strerror(rc));
		else if (write(fd[1], json.data, json.len) != (ssize_t)json.len)
			log_debug("%s did not take its input: %s", argv[0],
			    strerror(errno));
		close(fd[1]);
	}
	alert_env_free(env);
	buf_free(&json);
	return rc == 0 ? pid : -1;
}

/* Report one finished job to its owner on the loop. */
static void
alert_job_report(const struct alert_job *j)
{
	const struct alert_hooks	*h = &alert_g.hooks;
	size_t				 i;

	switch (j->kind) {
	case ALERT_JOB_SHOW:
	case ALERT_JOB_EXEC:
		for (i = 0; h->done != NULL && i < j->n; i++)
			h->done(j->v[i].id, j->sink != NULL ? j->sink :
			    "desktop", j->ok, h->arg);
		break;
	case ALERT_JOB_NOTICE:
		if (h->done != NULL)
			h->done(0, "notice", j->ok, h->arg);
		break;
	case ALERT_JOB_OPEN:
		alert_open_link(j->v[0].link);
		break;
	case ALERT_JOB_MUTE:
		if (h->mute != NULL)
			h->mute(j->v[0].topic, h->arg);
		break;
	}
}

/* A notification the worker showed is recorded: let it show the next. */
static void
alert_drain_recorded(struct alert_shared *sh, const struct alert_job *j)
{
	if (!j->held)
		return;
	pthread_mutex_lock(&sh->mtx);
	sh->unrecorded--;
	g_main_context_wakeup(sh->ctx);
	pthread_mutex_unlock(&sh->mtx);
}

/* Report every finished job; the lock is not held during a report. */
static void
alert_drain(void)
{
	struct alert_shared	*sh = alert_g.sh;
	struct alert_job	*j;

	for (;;) {
		pthread_mutex_lock(&sh->mtx);
		if ((j = TAILQ_FIRST(&sh->done)) != NULL) {
			TAILQ_REMOVE(&sh->done, j, entry);
			if (j->kind == ALERT_JOB_SHOW ||
			    j->kind == ALERT_JOB_NOTICE ||
			    j->kind == ALERT_JOB_EXEC)
				sh->count -= j->n;
		}
		pthread_mutex_unlock(&sh->mtx);
		if (j == NULL)
			return;
		alert_job_report(j);
		alert_drain_recorded(sh, j);
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

/* Append "topic\ttitle\tlink\n"; 1 when it fit in memory. */
static int
alert_print_one(struct buf *b, const struct alert *a)
{
	return alert_put_field(b, a->topic ? a->topic : "") == 0 &&
	    buf_putc(b, '\t') == 0 &&
	    alert_put_field(b, a->title ? a->title : "") == 0 &&
	    buf_putc(b, '\t') == 0 &&
	    alert_put_field(b, a->link ? a->link : "-") == 0 &&
	    buf_putc(b, '\n') == 0;
}

/* Print one line per alert of a job; 1 when written. */
static int
alert_print(const struct alert_job *j)
{
	struct buf	 b = { 0 };
	size_t		 i;
	int		 ok = 1;

	for (i = 0; ok && i < j->n; i++)
		ok = alert_print_one(&b, &j->v[i]);
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
	alert_g.base = base;
	LIST_INIT(&alert_g.children);
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
	while (!LIST_EMPTY(&alert_g.children))
		alert_child_free(LIST_FIRST(&alert_g.children));
	if (alert_g.ev != NULL)
		event_free(alert_g.ev);
	free(alert_g.opener);
	alert_g.opener = NULL;
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
alert_init(struct event_base *base, enum alert_mode mode,
    const struct alert_hooks *hooks)
{
	if (alert_g.sh != NULL) {
		log_err("alert: already started");
		return -1;
	}
	alert_g.mode = mode;
	alert_g.hooks = *hooks;
	alert_g.hooks.opener = NULL;
	alert_g.exec_timeout = hooks->exec_timeout > 0 ? hooks->exec_timeout :
	    ALERT_EXEC_TIMEOUT;
	if (alert_set_opener(hooks->opener) == -1 || alert_open(base) == -1 ||
	    (mode == ALERT_DESKTOP && alert_worker_start() == -1)) {
		alert_close();
		return -1;
	}
	return 0;
}

/* Use another link opener from now on (a reloaded config); NULL: xdg-open. */
int
alert_set_opener(const char *opener)
{
	char	*copy;

	if ((copy = strdup(opener != NULL ? opener : ALERT_OPENER)) == NULL)
		return -1;
	free(alert_g.opener);
	alert_g.opener = copy;
	return 0;
}

/* Whether a job queued, in flight or awaiting its report shows one of v. */
static int
alert_pending_has(const struct alert *v, size_t n)
{
	struct alert_shared	*sh = alert_g.sh;
	size_t			 i;
	int			 dup = 0;

	pthread_mutex_lock(&sh->mtx);
	for (i = 0; i < n && !dup; i++)
		dup = v[i].id != 0 && (alert_jobs_has(&sh->queue, v[i].id) ||
		    alert_jobs_has(&sh->done, v[i].id) ||
		    alert_job_has(sh->busy, v[i].id));
	pthread_mutex_unlock(&sh->mtx);
	return dup;
}

/*
 * Queue one job showing v[0..n); an alert already on its way skips it. A
 * dry run prints alerts and shows no notice.
 */
static int
alert_queue(enum alert_job_kind kind, const struct alert *v, size_t n)
{
	struct alert_shared	*sh = alert_g.sh;
	struct alert_job	*j;

	if (sh == NULL || n == 0)
		return sh == NULL ? -1 : 0;
	/* Only the loop thread adds jobs, so the answer cannot go stale. */
	if (alert_pending_has(v, n))
		return 0;
	if ((j = alert_job_new(kind, v, n)) == NULL)
		return -1;
	if (alert_g.mode == ALERT_STDOUT)
		j->ok = kind == ALERT_JOB_NOTICE || alert_print(j);
	pthread_mutex_lock(&sh->mtx);
	sh->count += n;
	if (alert_g.mode == ALERT_STDOUT)
		alert_shared_finish(sh, j);
	else {
		TAILQ_INSERT_TAIL(&sh->queue, j, entry);
		g_main_context_wakeup(sh->ctx);
	}
	pthread_mutex_unlock(&sh->mtx);
	return 0;
}

/* Queue a copy of a. */
int
alert_send(const struct alert *a)
{
	return alert_queue(ALERT_JOB_SHOW, a, 1);
}

/* Queue copies of v[0..n) as one summary notification. */
int
alert_send_summary(const struct alert *v, size_t n)
{
	return alert_queue(ALERT_JOB_SHOW, v, n);
}

/* Queue a notification that is no alert; see alert.h. */
int
alert_notice(const char *summary, const char *body)
{
	struct alert	 a = { 0 };

	a.title = (char *)summary;
	a.snippet = (char *)body;
	a.urgency = ALERT_NORMAL;
	a.published = ITEM_NO_TIME;
	return alert_queue(ALERT_JOB_NOTICE, &a, 1);
}

/* Whether an exec job for (id, sink) is running. */
static int
alert_exec_running(int64_t id, const char *sink)
{
	const struct alert_child	*c;

	LIST_FOREACH(c, &alert_g.children, entry)
		if (c->job != NULL && c->job->v[0].id == id &&
		    strcmp(c->job->sink, sink) == 0)
			return 1;
	return 0;
}

/* Run an exec sink for a, unless it runs for a already; see alert.h. */
int
alert_exec(const struct alert *a, const char *sink, char *const argv[])
{
	struct alert_job	*j;
	pid_t			 pid;

	if (alert_g.sh == NULL)
		return -1;
	/* Busy: the alert stays pending; each success flushes the outbox. */
	if (alert_g.nexec >= ALERT_EXEC_MAX ||
	    (a->id != 0 && alert_exec_running(a->id, sink)))
		return 0;
	if ((j = alert_job_new(ALERT_JOB_EXEC, a, 1)) == NULL ||
	    (j->sink = strdup(sink)) == NULL) {
		if (j != NULL)
			alert_job_free(j);
		return -1;
	}
	/* A dry run runs nothing. */
	pid = alert_g.mode == ALERT_STDOUT ? 0 : alert_exec_spawn(argv, a);
	if (pid > 0 && alert_child_watch(pid, j) == 0)
		return 0;
	/* Reported from the loop, like every other result, never from here. */
	j->ok = pid == 0;
	pthread_mutex_lock(&alert_g.sh->mtx);
	alert_g.sh->count++;
	alert_shared_finish(alert_g.sh, j);
	pthread_mutex_unlock(&alert_g.sh->mtx);
	return 0;
}

/* Print a on stdout now (the stdout sink); 1 when it was written. */
int
alert_stdout(const struct alert *a)
{
	struct alert_job	 j = { .v = (struct alert *)a, .n = 1 };

	/* A dry run printed it already through alert_send. */
	return alert_g.mode == ALERT_STDOUT ? 1 : alert_print(&j);
}

/* Count the alerts not yet reported through done_cb. */
size_t
alert_inflight(void)
{
	size_t	 n;

	if (alert_g.sh == NULL)
		return 0;
	pthread_mutex_lock(&alert_g.sh->mtx);
	n = alert_g.sh->count + alert_g.nexec;
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
	g_main_context_wakeup(sh->ctx);
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
