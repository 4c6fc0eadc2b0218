/* alert: delivery of alerts to the desktop (libnotify), exec sinks, stdout. */
#ifndef RAQIB_ALERT_H
#define RAQIB_ALERT_H

#include <stddef.h>
#include <stdint.h>

#include "item.h"

struct event_base;

enum alert_mode {
	ALERT_DESKTOP,	/* notifications on the session bus */
	ALERT_STDOUT	/* one line per alert: topic, title, link, tab-separated */
};

/*
 * Called on the event loop when a delivery to one sink ended ("desktop" for
 * notifications, the spec given to alert_exec otherwise) of the alert with
 * that id and topic; ok == 0 leaves it pending. A notice (alert_notice)
 * ends with id 0, topic NULL and sink "notice".
 */
typedef void	 alert_done_cb(int64_t id, const char *topic,
		    const char *sink, int ok, void *arg);
/* Called on the event loop when the user chose "Mute topic". */
typedef void	 alert_mute_cb(const char *topic, void *arg);

/* Who hears back from delivery; opener is copied at alert_init. */
struct alert_hooks {
	alert_done_cb	*done;
	alert_mute_cb	*mute;		/* NULL: the action is ignored */
	void		*arg;
	const char	*opener;	/* opens links; NULL: xdg-open */
	int		 exec_timeout;	/* s before an exec sink is killed; 0: 30 */
	int		 once;		/* the run ends soon (--once): offer no
					   action that nobody would answer */
};

/*
 * Start delivery; ALERT_DESKTOP starts its worker off the event loop. A
 * notification's default action and "Open" run the opener with the link
 * (http and https only) as its one argument, without a shell; "Mute topic"
 * comes back through the hooks. With hooks->once no action is offered:
 * the run will have ended when the user clicks.
 */
int	 alert_init(struct event_base *, enum alert_mode,
	    const struct alert_hooks *);
/* Use another link opener from now on (after a reload); NULL: xdg-open. */
void	 alert_set_opener(const char *opener);
/*
 * Queue an alert (copied). Never blocks. An alert whose id is already
 * queued or in flight is ignored (id 0, "not stored yet", never is).
 * Returns -1 before alert_init.
 */
int	 alert_send(const struct alert *);
/*
 * Run an exec sink for a: argv[0] (found in PATH when it has no slash) with
 * argv, no shell; the alert in RAQIB_* environment variables and as one JSON
 * object on stdin, its title and snippet without unpaired directional
 * controls. done_cb(a->id, sink, ok) comes when it exits (ok: status
 * 0) or was killed after the time limit. A dry run (ALERT_STDOUT) runs
 * nothing and reports ok. At most a few run at once: beyond that, and
 * while one runs for the same (a->id, sink), the call does nothing and the
 * alert stays pending. -1 before alert_init. The caller ignores SIGPIPE
 * (a sink need not read its input).
 */
int	 alert_exec(const struct alert *a, const char *sink,
	    char *const argv[]);
/*
 * Run an exec sink once for v[0..n) as one summary (a burst): RAQIB_TITLE
 * is the summary line ("12 new items: kazakhstan 7, c5plus1 5"),
 * RAQIB_SNIPPET the first titles, RAQIB_TOPIC, RAQIB_SOURCES and
 * RAQIB_TERMS each value once, RAQIB_COUNT n (1 for alert_exec); the JSON
 * has "id":null, "count":n and every alert in "alerts". done_cb comes for
 * each alert. Otherwise as alert_exec; while it runs for one of v, nothing
 * starts.
 */
int	 alert_exec_summary(const struct alert *v, size_t n, const char *sink,
	    char *const argv[]);
/*
 * The stdout sink: print a line for a now (topic, title, link, tab-separated,
 * without unpaired directional controls); 1 when written.
 */
int	 alert_stdout(const struct alert *a);
/* Queue v[0..n) as one summary notification; done_cb runs for each. */
int	 alert_send_summary(const struct alert *v, size_t n);
/*
 * Queue one notification per story of v[0..n): the alerts of one story
 * (alert_stories) are shown once, under all their topics.
 */
int	 alert_send_stories(const struct alert *v, size_t n);
/*
 * How many stories v[0..n) holds: alerts with the same link or the same
 * title are one story (an item that fired two topics, say).
 */
size_t	 alert_stories(const struct alert *v, size_t n);
/*
 * Queue a desktop notification that is no alert (a source broke or
 * recovered): summary and body are plain text, copied, made valid UTF-8
 * and escaped when the server reads markup. Never blocks; shown once, never
 * retried (done_cb says when it ended); a dry run shows nothing. -1
 * before alert_init.
 */
int	 alert_notice(const char *summary, const char *body);
/*
 * Forget the alert notifications queued and not shown yet (the database
 * cannot record them): no done_cb comes for them, and they may be queued
 * again. Notices, the one being shown and exec sinks running are kept.
 */
void	 alert_cancel(void);
/* How many alerts are queued or in flight (done_cb not called yet). */
size_t	 alert_inflight(void);
/*
 * Stop the worker: waits for an in-flight notification at most timeout_ms,
 * then leaves a stuck D-Bus call behind. done_cb runs from inside this call
 * for results that are ready; alerts not yet shown get no callback (they stay
 * pending). After a stuck call was left behind, do not alert_init again.
 */
void	 alert_shutdown(int timeout_ms);

/* The summary line of a notification for a (topic: title), caller frees. */
char	*alert_summary(const struct alert *);
/* The body; markup != 0 escapes text and emphasizes the hit. Caller frees. */
char	*alert_body(const struct alert *, int markup);
/*
 * A summary of n alerts ("12 new stories: a 7, b 5", a story counted once
 * however many topics it fired), its body (the stories' titles) in *body.
 */
char	*alert_digest(const struct alert *v, size_t n, int markup, char **body);
/* Whether a link is one raqib hands to the opener (http or https). */
int	 alert_link_ok(const char *link);

#endif
