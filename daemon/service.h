/*
 * service: the systemd notification protocol (sd_notify(3)) spoken directly
 * over $NOTIFY_SOCKET, so raqib needs no libsystemd. Every call is a no-op
 * when the daemon does not run under a Type=notify unit.
 */
#ifndef RAQIB_SERVICE_H
#define RAQIB_SERVICE_H

#include <stdint.h>

/*
 * Read and unset NOTIFY_SOCKET, WATCHDOG_USEC and WATCHDOG_PID (children
 * must not inherit them). Returns 0, or -1 when the socket is unusable.
 */
int		 service_init(void);
void		 service_shutdown(void);
/* Whether a service manager listens. */
int		 service_enabled(void);
/* The watchdog interval asked for by the manager in microseconds, or 0. */
uint64_t	 service_watchdog_usec(void);

/* Send one state message ("READY=1", "STATUS=...": newline-separated). */
int		 service_notify(const char *fmt, ...)
		    __attribute__((format(printf, 1, 2)));
/* RELOADING=1 with the monotonic time systemd 253+ expects beside it. */
int		 service_reloading(void);

#endif
