/*
 * alert: the module's front on the loop thread: delivery starts and stops
 * here, alerts and notices become jobs, and every result (from the desktop
 * worker, an exec sink or stdout) is reported to the hooks from here, on
 * the loop. alert_desktop.c shows notifications, alert_exec.c runs
 * programs, alert_format.c writes the texts.
 */
#include <sys/queue.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/event.h>

#include "alert.h"
#include "alert_int.h"
#include "buf.h"
#include "log.h"
#include "xmalloc.h"

#define ALERT_OPENER		"xdg-open"
#define ALERT_EXEC_TIMEOUT	30	/* s an exec sink may run */

struct alert_loop	 alert_g;

/* What only this file holds: the wake-up pipe, its event, the thread. */
static struct {
	struct event	*ev;		/* the pipe is readable */
	int		 rfd;
	pthread_t	 thread;
	int		 threaded;
} alert_loop = { .rfd = -1 };

/* xstrdup that keeps NULL. */
static char *
alert_dup(const char *src)
{
	return src != NULL ? xstrdup(src) : NULL;
}

/* Deep-copy src into dst. */
static void
alert_copy(struct alert *dst, const struct alert *src)
{
	*dst = *src;
	dst->topic = alert_dup(src->topic);
	dst->title = alert_dup(src->title);
	dst->link = alert_dup(src->link);
	dst->source = alert_dup(src->source);
	dst->terms = alert_dup(src->terms);
	dst->snippet = alert_dup(src->snippet != NULL ? src->snippet : "");
}

/* Free a job and its copies (any thread: it only calls free). */
void
alert_job_free(struct alert_job *j)
{
	size_t	 i;

	if (j == NULL)
		return;
	for (i = 0; i < j->n; i++)
		alert_clear(&j->v[i]);
	if (j->keep != NULL)
		alert_clear(j->keep);
	free(j->keep);
	free(j->v);
	free(j->arg);
	free(j->summary);
	free(j->body[0]);
	free(j->body[1]);
	free(j);
}

/* A job holding deep copies of v[0..n). */
struct alert_job *
alert_job_new(enum alert_job_kind kind, const struct alert *v, size_t n)
{
	struct alert_job	*j;

	j = xcalloc(1, sizeof(*j));
	j->kind = kind;
	j->v = xcalloc(n, sizeof(*j->v));
	for (; j->n < n; j->n++)
		alert_copy(&j->v[j->n], &v[j->n]);
	return j;
}

/* Hand a job finished on the loop to alert_drain, like the worker's. */
void
alert_job_finish(struct alert_job *j)
{
	pthread_mutex_lock(&alert_g.sh->mtx);
	alert_g.sh->count += j->n;
	alert_shared_finish(alert_g.sh, j);
	pthread_mutex_unlock(&alert_g.sh->mtx);
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

/* Report one finished job to its owner on the loop. */
void
alert_job_report(const struct alert_job *j)
{
	const struct alert_hooks	*h = &alert_g.hooks;
	size_t				 i;

	switch (j->kind) {
	case ALERT_JOB_SHOW:
	case ALERT_JOB_EXEC:
		for (i = 0; h->done != NULL && i < j->n; i++)
			h->done(j->v[i].id, j->v[i].topic, j->arg != NULL ?
			    j->arg : "desktop", j->ok, h->arg);
		break;
	case ALERT_JOB_NOTICE:
		if (h->done != NULL)
			h->done(0, NULL, "notice", j->ok, h->arg);
		break;
	case ALERT_JOB_OPEN:
		alert_open_link(j->arg);
		break;
	case ALERT_JOB_MUTE:
		if (h->mute != NULL)
			h->mute(j->arg, h->arg);
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
	alert_shared_wake(sh);
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
		if (sh->oom)
			xmalloc_oom();	/* the worker's report: see xmalloc.h */
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

/*
 * Append a field for the stdout line: tabs and line breaks as spaces, and
 * its unpaired directional controls dropped (they would turn the rest of
 * the line around).
 */
static void
alert_put_field(struct buf *b, const char *s)
{
	size_t	 start = b->len, i;

	buf_puts(b, s);
	for (i = start; i < b->len; i++)
		if (strchr("\t\n\r", b->data[i]) != NULL)
			b->data[i] = ' ';
	b->len = start + strlen(alert_bidi_balance(b->data + start, NULL,
	    NULL));
}

/* Append "topic\ttitle\tlink\n". */
static void
alert_print_one(struct buf *b, const struct alert *a)
{
	alert_put_field(b, a->topic ? a->topic : "");
	buf_putc(b, '\t');
	alert_put_field(b, a->title ? a->title : "");
	buf_putc(b, '\t');
	alert_put_field(b, a->link ? a->link : "-");
	buf_putc(b, '\n');
}

/* Print one line per alert of a job; 1 when written. */
static int
alert_print(const struct alert_job *j)
{
	struct buf	 b = { 0 };
	size_t		 i;
	int		 ok;

	for (i = 0; i < j->n; i++)
		alert_print_one(&b, &j->v[i]);
	ok = fwrite(b.data, 1, b.len, stdout) == b.len && fflush(stdout) == 0;
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
	alert_loop.rfd = fd[0];
	alert_g.base = base;
	alert_g.sh = alert_shared_new(fd[1]);
	alert_loop.ev = event_new(base, fd[0], EV_READ | EV_PERSIST,
	    alert_wake_cb, NULL);
	if (alert_loop.ev == NULL || event_add(alert_loop.ev, NULL) == -1) {
		log_err("alert: cannot set up delivery");
		return -1;
	}
	return 0;
}

/* Undo alert_open; a running worker keeps its own reference. */
static void
alert_close(void)
{
	alert_children_free();
	if (alert_loop.ev != NULL)
		event_free(alert_loop.ev);
	free(alert_g.opener);
	alert_g.opener = NULL;
	/* A worker that never started leaves its reference to us. */
	if (alert_g.sh != NULL && !alert_loop.threaded)
		alert_shared_release(alert_g.sh);
	/* Released before the read end closes: a late worker must not write. */
	if (alert_g.sh != NULL)
		alert_shared_release(alert_g.sh);
	if (alert_loop.rfd != -1)
		close(alert_loop.rfd);
	alert_loop.ev = NULL;
	alert_g.sh = NULL;
	alert_loop.rfd = -1;
	alert_loop.threaded = 0;
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
	alert_set_opener(hooks->opener);
	if (alert_open(base) == -1 || (mode == ALERT_DESKTOP &&
	    alert_worker_start(alert_g.sh, &alert_loop.thread) == -1)) {
		alert_close();
		return -1;
	}
	alert_loop.threaded = mode == ALERT_DESKTOP;
	return 0;
}

/* Use another link opener from now on (a reloaded config); NULL: xdg-open. */
void
alert_set_opener(const char *opener)
{
	free(alert_g.opener);
	alert_g.opener = xstrdup(opener != NULL ? opener : ALERT_OPENER);
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
	j = alert_job_new(kind, v, n);
	if (alert_g.mode == ALERT_STDOUT) {
		j->ok = kind == ALERT_JOB_NOTICE || alert_print(j);
		alert_job_finish(j);
		return 0;
	}
	alert_format_job(j);
	/* One story's notification has actions, but only while we listen. */
	if (kind == ALERT_JOB_SHOW && !alert_g.hooks.once &&
	    alert_stories(v, n) == 1) {
		j->keep = xcalloc(1, sizeof(*j->keep));
		alert_copy(j->keep, &v[0]);
	}
	pthread_mutex_lock(&sh->mtx);
	sh->count += n;
	TAILQ_INSERT_TAIL(&sh->queue, j, entry);
	alert_shared_wake(sh);
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

/* Queue one notification per story of v[0..n), in the order they came. */
int
alert_send_stories(const struct alert *v, size_t n)
{
	struct alert	*story;
	char		*taken;
	size_t		 i, k, m;
	int		 rc = 0;

	story = xcalloc(n, sizeof(*story));
	taken = xcalloc(n, 1);
	for (i = 0; i < n && rc == 0; i++) {
		if (taken[i])
			continue;
		for (k = i, m = 0; k < n; k++)
			if (!taken[k] && alert_same_story(&v[i], &v[k])) {
				story[m++] = v[k];
				taken[k] = 1;
			}
		rc = alert_queue(ALERT_JOB_SHOW, story, m);
	}
	free(taken);
	free(story);
	return rc;
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

/* Drop the alert jobs waiting for the worker; see alert.h. */
void
alert_cancel(void)
{
	struct alert_shared	*sh = alert_g.sh;
	struct alert_job	*j, *next;

	if (sh == NULL)
		return;
	pthread_mutex_lock(&sh->mtx);
	for (j = TAILQ_FIRST(&sh->queue); j != NULL; j = next) {
		next = TAILQ_NEXT(j, entry);
		if (j->kind != ALERT_JOB_SHOW)
			continue;
		TAILQ_REMOVE(&sh->queue, j, entry);
		sh->count -= j->n;
		alert_job_free(j);
	}
	pthread_mutex_unlock(&sh->mtx);
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
	n = alert_g.sh->count + alert_exec_running_alerts();
	pthread_mutex_unlock(&alert_g.sh->mtx);
	return n;
}

/* Stop delivery; never waits more than timeout_ms for a stuck D-Bus call. */
void
alert_shutdown(int timeout_ms)
{
	if (alert_g.sh == NULL)
		return;
	if (alert_loop.threaded) {
		if (alert_worker_stop(alert_g.sh, timeout_ms < 0 ? 0 :
		    timeout_ms))
			pthread_join(alert_loop.thread, NULL);
		else {
			log_warn("notification server did not answer; "
			    "leaving its call behind");
			pthread_detach(alert_loop.thread);
		}
	}
	/* Results that came in meanwhile are reported, not lost. */
	alert_drain();
	alert_close();
}
