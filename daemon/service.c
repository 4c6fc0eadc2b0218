/* service: sd_notify(3) over $NOTIFY_SOCKET, without libsystemd. */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "service.h"

#define SERVICE_MSG_MAX	1024

static struct {
	int			 fd;		/* -1 when not under systemd */
	struct sockaddr_un	 addr;
	socklen_t		 addrlen;
	uint64_t		 watchdog_usec;
} service = { .fd = -1 };

/* Fill the socket address from $NOTIFY_SOCKET ('@' is the abstract namespace). */
static int
service_address(const char *path)
{
	size_t	 len = strlen(path);

	if ((path[0] != '/' && path[0] != '@') || len < 2 ||
	    len >= sizeof(service.addr.sun_path))
		return -1;
	memset(&service.addr, 0, sizeof(service.addr));
	service.addr.sun_family = AF_UNIX;
	memcpy(service.addr.sun_path, path, len);
	if (path[0] == '@')
		service.addr.sun_path[0] = '\0';
	service.addrlen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) +
	    len + (path[0] == '/'));
	return 0;
}

/* The watchdog interval, when it is meant for this process. */
static uint64_t
service_watchdog_env(void)
{
	const char	*usec = getenv("WATCHDOG_USEC");
	const char	*pid = getenv("WATCHDOG_PID");
	char		*end;
	uint64_t	 v;

	if (usec == NULL)
		return 0;
	if (pid != NULL && strtol(pid, NULL, 10) != (long)getpid())
		return 0;
	errno = 0;
	v = strtoull(usec, &end, 10);
	return errno != 0 || *end != '\0' ? 0 : v;
}

/* Connect to the service manager's socket, if one is named. */
int
service_init(void)
{
	const char	*path = getenv("NOTIFY_SOCKET");
	int		 rc = 0;

	service.watchdog_usec = service_watchdog_env();
	if (path != NULL) {
		if (service_address(path) == -1) {
			log_warn("NOTIFY_SOCKET is not a usable socket path; "
			    "not reporting to the service manager");
			rc = -1;
		} else if ((service.fd = socket(AF_UNIX, SOCK_DGRAM |
		    SOCK_CLOEXEC, 0)) == -1) {
			log_warn("cannot create the notify socket: %s",
			    strerror(errno));
			rc = -1;
		}
	}
	if (service.fd == -1)
		service.watchdog_usec = 0;
	unsetenv("NOTIFY_SOCKET");
	unsetenv("WATCHDOG_USEC");
	unsetenv("WATCHDOG_PID");
	return rc;
}

/* Close the socket. */
void
service_shutdown(void)
{
	if (service.fd != -1)
		close(service.fd);
	service.fd = -1;
	service.watchdog_usec = 0;
}

/* Whether a service manager listens. */
int
service_enabled(void)
{
	return service.fd != -1;
}

/* The watchdog interval in microseconds, or 0. */
uint64_t
service_watchdog_usec(void)
{
	return service.watchdog_usec;
}

/* Send one datagram; never blocks the loop, fails quietly after one warning. */
int
service_notify(const char *fmt, ...)
{
	static int	 warned;
	char		 msg[SERVICE_MSG_MAX];
	va_list		 ap;
	int		 n;

	if (service.fd == -1)
		return 0;
	va_start(ap, fmt);
	n = vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (n < 0)
		return -1;
	if ((size_t)n >= sizeof(msg))
		n = sizeof(msg) - 1;
	if (sendto(service.fd, msg, (size_t)n, MSG_DONTWAIT | MSG_NOSIGNAL,
	    (struct sockaddr *)&service.addr, service.addrlen) == -1) {
		if (!warned++)
			log_warn("cannot notify the service manager: %s",
			    strerror(errno));
		return -1;
	}
	return 0;
}

/* Announce a reload with the monotonic time it began. */
int
service_reloading(void)
{
	struct timespec	 ts;
	uint64_t	 usec;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	usec = (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
	return service_notify("RELOADING=1\nMONOTONIC_USEC=%" PRIu64, usec);
}
