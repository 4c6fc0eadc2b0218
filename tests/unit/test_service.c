/* test_service: the sd_notify protocol against a socket the test listens on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cmocka.h>

#include "service.h"

/* A datagram socket bound at path ('@' for the abstract namespace). */
static int
listener(const char *path)
{
	struct sockaddr_un	 sun = { .sun_family = AF_UNIX };
	socklen_t		 len;
	int			 fd;

	fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	assert_true(fd >= 0);
	strncpy(sun.sun_path, path, sizeof(sun.sun_path) - 1);
	len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) +
	    strlen(path) + (path[0] != '@'));
	if (path[0] == '@')
		sun.sun_path[0] = '\0';
	unlink(path);
	assert_int_equal(bind(fd, (struct sockaddr *)&sun, len), 0);
	return fd;
}

/* The next message on fd, NUL-terminated. */
static void
next_message(int fd, char *buf, size_t len)
{
	ssize_t	 n = recv(fd, buf, len - 1, MSG_DONTWAIT);

	assert_true(n > 0);
	buf[n] = '\0';
}

/* A path socket: state messages arrive whole; the environment is cleared. */
static void
test_path_socket(void **state)
{
	char	 path[64], msg[256];
	int	 fd;

	(void)state;
	snprintf(path, sizeof(path), "/tmp/raqib-test-notify.%ld", (long)getpid());
	fd = listener(path);
	setenv("NOTIFY_SOCKET", path, 1);
	setenv("WATCHDOG_USEC", "4000000", 1);
	snprintf(msg, sizeof(msg), "%ld", (long)getpid());
	setenv("WATCHDOG_PID", msg, 1);
	assert_int_equal(service_init(), 0);
	assert_true(service_enabled());
	assert_true(service_watchdog_usec() == 4000000);
	assert_null(getenv("NOTIFY_SOCKET"));
	assert_null(getenv("WATCHDOG_USEC"));
	assert_int_equal(service_notify("READY=1\nSTATUS=%d sources", 3), 0);
	next_message(fd, msg, sizeof(msg));
	assert_string_equal(msg, "READY=1\nSTATUS=3 sources");
	assert_int_equal(service_reloading(), 0);
	next_message(fd, msg, sizeof(msg));
	assert_int_equal(strncmp(msg, "RELOADING=1\nMONOTONIC_USEC=", 27), 0);
	assert_true(strlen(msg) > 27 && strspn(msg + 27, "0123456789") ==
	    strlen(msg + 27));
	service_shutdown();
	close(fd);
	unlink(path);
}

/* An abstract socket ("@name") works the same. */
static void
test_abstract_socket(void **state)
{
	char	 name[64], msg[64];
	int	 fd;

	(void)state;
	snprintf(name, sizeof(name), "@raqib-test-%ld", (long)getpid());
	fd = listener(name);
	setenv("NOTIFY_SOCKET", name, 1);
	assert_int_equal(service_init(), 0);
	assert_int_equal(service_notify("WATCHDOG=1"), 0);
	next_message(fd, msg, sizeof(msg));
	assert_string_equal(msg, "WATCHDOG=1");
	service_shutdown();
	close(fd);
}

/* Without a manager every call is a quiet no-op; a watchdog for another pid is not ours. */
static void
test_no_manager(void **state)
{
	(void)state;
	unsetenv("NOTIFY_SOCKET");
	setenv("WATCHDOG_USEC", "4000000", 1);
	setenv("WATCHDOG_PID", "1", 1);
	assert_int_equal(service_init(), 0);
	assert_false(service_enabled());
	assert_true(service_watchdog_usec() == 0);
	assert_int_equal(service_notify("READY=1"), 0);
	setenv("NOTIFY_SOCKET", "relative/path", 1);
	assert_int_equal(service_init(), -1);
	assert_false(service_enabled());
	service_shutdown();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_path_socket),
		cmocka_unit_test(test_abstract_socket),
		cmocka_unit_test(test_no_manager),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
