/* alert: delivery of alerts to the desktop (libnotify) or stdout. */
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

/* Called on the event loop when a delivery ended; ok == 0 leaves it pending. */
typedef void	 alert_done_cb(int64_t id, int ok, void *arg);

/* Start delivery; ALERT_DESKTOP starts its worker off the event loop. */
int	 alert_init(struct event_base *, enum alert_mode, alert_done_cb *,
	    void *arg);
/*
 * Queue an alert (copied). Never blocks. An alert whose id is already
 * queued or in flight is ignored (id 0, "not stored yet", never is).
 * Returns -1 when out of memory or before alert_init.
 */
int	 alert_send(const struct alert *);
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

#endif
