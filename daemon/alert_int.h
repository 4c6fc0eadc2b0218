/*
 * alert_int: what the files of the alert module share, and nothing outside
 * it sees: jobs, the state the loop shares with the desktop worker, and the
 * loop side's settings. Names no library type (the worker's GLib context is
 * a void pointer that only alert_desktop.c touches).
 */
#ifndef RAQIB_ALERT_INT_H
#define RAQIB_ALERT_INT_H

#include <sys/queue.h>

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "alert.h"

/* What a job is: alerts to show, or what the user clicked on one. */
enum alert_job_kind {
	ALERT_JOB_SHOW,		/* v[0], or v[0..n) as one summary */
	ALERT_JOB_NOTICE,	/* v[0].title and v[0].snippet: no alert */
	ALERT_JOB_OPEN,		/* open arg, a link */
	ALERT_JOB_MUTE,		/* mute arg, a topic */
	ALERT_JOB_EXEC		/* run sink arg for v[0], or v[0..n) as
				   one summary */
};

/* One notification on its way, one action coming back, or one exec sink. */
struct alert_job {
	TAILQ_ENTRY(alert_job)	 entry;
	enum alert_job_kind	 kind;
	struct alert		*v;		/* owned copies */
	size_t			 n;
	char			*arg;		/* owned: see the kinds */
	char			*summary;	/* the notification's text, */
	char			*body[2];	/*   plain and markup: made on
						   the loop by alert_format_job */
	struct alert		*keep;		/* a copy of v[0] the worker
						   hands to the notification
						   for its actions, or NULL */
	int			 ok;		/* set by the worker (or stdout) */
	int			 held;		/* shown by the worker: holds
						   the next */
};
TAILQ_HEAD(alert_jobs, alert_job);

/* What the loop and the worker share; the last one to let go frees it. */
struct alert_shared {
	pthread_mutex_t		 mtx;
	pthread_cond_t		 gone;	/* signals shutdown: the worker ended */
	struct alert_jobs	 queue;	/* waiting for the worker */
	struct alert_jobs	 done;	/* waiting for done_cb on the loop */
	struct alert_job	*busy;	/* being shown; owned by the worker */
	void			*ctx;	/* the worker's GMainContext */
	size_t			 count;	/* queued + busy + done */
	size_t			 unrecorded; /* shown, done_cb not returned yet */
	int			 stop;
	int			 ended;
	int			 oom;	/* the worker ran out of memory: the
					   loop ends raqib (xmalloc.h) */
	int			 refs;	/* 2 while loop and worker both hold it */
	int			 wfd;	/* wakes the loop; closed by the last owner */
};

/* The loop side's settings: one instance, from alert_init to alert_shutdown. */
struct alert_loop {
	enum alert_mode		 mode;
	struct alert_hooks	 hooks;
	char			*opener;	/* owned copy of hooks.opener */
	struct event_base	*base;
	int			 exec_timeout;	/* seconds */
	struct alert_shared	*sh;
};

extern struct alert_loop	 alert_g;

/* alert.c: jobs, on the loop thread. */
struct alert_job	*alert_job_new(enum alert_job_kind, const struct alert *,
			    size_t);
void			 alert_job_free(struct alert_job *);
void			 alert_job_report(const struct alert_job *);
/* Hand a finished job to the loop (reported from alert_drain). */
void			 alert_job_finish(struct alert_job *);

/* alert_format.c */
void			 alert_format_job(struct alert_job *);
enum alert_urgency	 alert_digest_urgency(const struct alert *, size_t);
/*
 * Drop from s (valid UTF-8), in place, the directional controls that do
 * not pair up: an embedding or override without its PDF, an isolate
 * without its PDI, a closer without its opener, so that the text's
 * direction cannot spill into what follows it. *hs and *he (each may be
 * NULL) are byte offsets into s that follow the bytes they point at.
 * Returns s.
 */
char			*alert_bidi_balance(char *s, size_t *hs, size_t *he);
/*
 * v[0..n) as one alert for an exec sink, its strings owned (alert_clear):
 * the digest's summary line as its title, its titles as its snippet, each
 * topic, source and term once, the highest urgency, the latest time.
 */
void			 alert_digest_alert(const struct alert *v, size_t n,
			    struct alert *d);
int			 alert_same_story(const struct alert *,
			    const struct alert *);

/* alert_desktop.c: the worker and the state it shares with the loop. */
struct alert_shared	*alert_shared_new(int wfd);
void			 alert_shared_release(struct alert_shared *);
/* Move j to the done list and wake the loop; sh->mtx is held. */
void			 alert_shared_finish(struct alert_shared *,
			    struct alert_job *);
/* Wake the worker (new job, stop, a recorded notification); any thread. */
void			 alert_shared_wake(struct alert_shared *);
int			 alert_worker_start(struct alert_shared *, pthread_t *);
/* Ask the worker to stop; 1 when it ended within timeout_ms. */
int			 alert_worker_stop(struct alert_shared *, int timeout_ms);

/* alert_exec.c: child processes on the loop. */
void			 alert_open_link(const char *link);
size_t			 alert_exec_running_alerts(void);
void			 alert_children_free(void);

#endif
