/*
 * alert_desktop: the desktop worker, the one thread that calls GLib's D-Bus
 * and libnotify, and the state it shares with the loop.
 *
 * notify_notification_show() is a synchronous D-Bus call that can block for
 * 25 s (docs/HACKING.md, "Pitfalls"), so in ALERT_DESKTOP mode one worker
 * thread owns every GLib and libnotify call. Between notifications the
 * worker runs its own GLib context, blocked in poll(2), so that
 * ActionInvoked signals (Open, Mute topic) are received. The loop thread
 * only queues jobs, their texts already made, under a mutex and wakes that
 * context; the worker hands each result or action back on a done list and
 * wakes the loop through a pipe. The state the two threads share is
 * reference counted so that a worker stuck in D-Bus at shutdown can be left
 * behind and still free what it holds when the call returns. The worker
 * never calls the x* allocators: what it cannot allocate it reports to the
 * loop (sh->oom), which ends raqib by the memory policy.
 */
#include <sys/queue.h>

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib.h>
#include <libnotify/notify.h>

#include "alert.h"
#include "alert_int.h"
#include "log.h"
#include "xmalloc.h"

#define ALERT_APP		"raqib"
#define ALERT_ICON		"raqib"	/* its name in the icon theme */
/* The icon make install puts down: a path every server can show. */
#define ALERT_ICON_PATH	RAQIB_DATADIR "/icons/hicolor/scalable/apps/raqib.svg"
#define ALERT_CATEGORY		"x-raqib.alert"
#define ALERT_CAPS_TTL		300	/* s until capabilities are asked again */
#define ALERT_LIVE		32	/* notifications kept for their actions */

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
	const char	*icon;		/* ALERT_ICON_PATH when installed, else
					   the theme's ALERT_ICON */
};

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

/* The shared state with both references and the pipe's write end. */
struct alert_shared *
alert_shared_new(int wfd)
{
	struct alert_shared	*sh;
	pthread_condattr_t	 attr;

	sh = xcalloc(1, sizeof(*sh));
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
void
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
void
alert_shared_finish(struct alert_shared *sh, struct alert_job *j)
{
	/* With the loop gone nobody reads the pipe: a write could SIGPIPE. */
	if (sh->refs < 2) {
		alert_job_free(j);
		return;
	}
	if (j != NULL)
		TAILQ_INSERT_TAIL(&sh->done, j, entry);
	if (write(sh->wfd, "", 1) == -1 && errno != EAGAIN)
		log_warn("alert: cannot wake the event loop: %s",
		    strerror(errno));
}

/* Wake the worker's context (a job, a stop, a recorded notification). */
void
alert_shared_wake(struct alert_shared *sh)
{
	g_main_context_wakeup(sh->ctx);
}

/*
 * Route libnotify's warnings to our log, at debug level as they repeat per
 * attempt, and its errors as warnings; its own debugging chatter ("SNAP
 * app: (null)") is not raqib's to log and is dropped.
 */
static void
alert_glib_log(const gchar *domain, GLogLevelFlags level, const gchar *msg,
    gpointer arg)
{
	char	 safe[512];

	(void)arg;
	if (!(level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL |
	    G_LOG_LEVEL_WARNING)))
		return;
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
	int			 mute = strcmp(action, "mute") == 0;

	if (a == NULL)
		return;
	/* Not xmalloc: nothing exits from this thread (xmalloc.h). */
	if ((j = calloc(1, sizeof(*j))) != NULL) {
		j->kind = mute ? ALERT_JOB_MUTE : ALERT_JOB_OPEN;
		j->arg = strdup(mute ? a->topic : a->link);
	}
	pthread_mutex_lock(&d->sh->mtx);
	if (j != NULL && j->arg != NULL)
		alert_shared_finish(d->sh, j);
	else {
		free(j);
		d->sh->oom = 1;
		alert_shared_finish(d->sh, NULL);
	}
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
 * Offer Open (also the click) on a story's notification with a link, and
 * Mute topic when it is one topic's, when the server does actions and the
 * loop kept a copy for them (not in a --once run, which would be gone
 * before the click). The notification is kept (at most ALERT_LIVE) so that
 * its ActionInvoked signal still finds it.
 */
static void
alert_desk_actions(struct alert_desk *d, NotifyNotification *n,
    struct alert_job *j)
{
	struct alert	*a = j->keep;

	if (!d->actions || a == NULL)
		return;
	j->keep = NULL;
	g_object_set_data_full(G_OBJECT(n), "raqib", a, alert_desk_free_alert);
	if (alert_link_ok(a->link)) {
		notify_notification_add_action(n, "default", "Open",
		    alert_desk_action_cb, d, NULL);
		notify_notification_add_action(n, "open", "Open",
		    alert_desk_action_cb, d, NULL);
	}
	if (j->n == 1)
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

/* The notification for a job: a notice, one alert, or a summary of several. */
static NotifyNotification *
alert_desk_new(struct alert_desk *d, struct alert_job *j)
{
	NotifyNotification	*n;

	n = notify_notification_new(j->summary, j->body[d->markup != 0],
	    d->icon);
	alert_desk_hints(n, alert_digest_urgency(j->v, j->n));
	alert_desk_actions(d, n, j);
	return n;
}

/* Show one job's notification; blocks on D-Bus. 1 when the server took it. */
static int
alert_desk_show(struct alert_desk *d, struct alert_job *j)
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
 * libevent: notify_notification_show() blocks (docs/HACKING.md) and would
 * stall the loop; here it stalls only the worker, the context is acquired
 * once for the thread's life (docs/HACKING.md), and the worker never touches
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
	/* Not every server looks in the icon theme (dunst does not by default). */
	d.icon = access(ALERT_ICON_PATH, R_OK) == 0 ? ALERT_ICON_PATH :
	    ALERT_ICON;
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
int
alert_worker_start(struct alert_shared *sh, pthread_t *thread)
{
	sigset_t	 all, old;
	int		 rc;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(thread, NULL, alert_worker, sh);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		log_err("alert: cannot start the notification thread: %s",
		    strerror(rc));
		return -1;
	}
	return 0;
}

/* Ask the worker to stop; 1 when it ended within timeout_ms. */
int
alert_worker_stop(struct alert_shared *sh, int timeout_ms)
{
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
