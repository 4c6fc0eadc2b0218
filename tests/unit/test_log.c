/*
 * Unit tests for log.c: what a server puts in a log line (a title, a URL,
 * a reason phrase) reaches the journal or a terminal as text, never as an
 * escape sequence, a second line or a control that turns the text around.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "log.h"

/*
 * ESC's CSI that clears the screen, an OSC 8 link ended by BEL, a bidi
 * override (U+202E), an isolate left open (U+2066), a C1 CSI (U+009B), a
 * newline, an invalid byte, and Arabic, which stays as it is.
 */
static const char	 hostile[] = "a\x1b[2J\x1b]8;;http://evil/\a"
	    "b\xe2\x80\xaegnp.exe \xe2\x81\xa6\xc2\x9b" "31m\nX: 1\xff "
	    "\xd9\x83\xd8\xa7";
static const char	 escaped[] = "a\\x1b[2J\\x1b]8;;http://evil/\\x07"
	    "b\\u202egnp.exe \\u2066\\u009b" "31m\\x0aX: 1\\xff "
	    "\xd9\x83\xd8\xa7";

static const char	 escaped_nl[] = "a\\x1b[2J\\x1b]8;;http://evil/\\x07"
	    "b\\u202egnp.exe \\u2066\\u009b" "31m\\x0aX: 1\\xff "
	    "\xd9\x83\xd8\xa7\n";

static void
log_safe_escapes_every_control_a_terminal_acts_on(void **state)
{
	char	 out[256];

	(void)state;
	assert_string_equal(log_safe(out, sizeof(out), hostile, 1000),
	    escaped);
}

static void
log_escape_keeps_lines_and_tabs_when_asked(void **state)
{
	char	 out[64];

	(void)state;
	assert_int_equal(log_escape(out, sizeof(out), "a\tb\nc\xe2\x80\xae",
	    8, 1), strlen("a\tb\nc\\u202e"));
	assert_string_equal(out, "a\tb\nc\\u202e");
}

static void
log_escape_cuts_at_a_whole_escape(void **state)
{
	char	 out[8];

	(void)state;
	log_escape(out, sizeof(out), "ab\xe2\x80\xae" "cd", 7, 0);
	assert_string_equal(out, "ab");
}

/* A log line, as the journal or a terminal receives it on stderr. */
static void
a_log_line_is_one_line_of_text_whatever_it_holds(void **state)
{
	char	 path[] = "/tmp/raqib-test-log.XXXXXX", got[512];
	int	 fd = mkstemp(path), saved = dup(STDERR_FILENO);
	FILE	*f;

	(void)state;
	assert_true(fd >= 0 && saved >= 0);
	dup2(fd, STDERR_FILENO);
	log_init(LOG_LVL_INFO);
	log_warn("source s: %s", hostile);
	dup2(saved, STDERR_FILENO);
	close(saved);
	f = fdopen(fd, "r");
	assert_non_null(f);
	rewind(f);
	assert_non_null(fgets(got, sizeof(got), f));
	/* One line: nothing after its newline, which ends the escaped text. */
	assert_null(fgets(got + strlen(got), (int)(sizeof(got) -
	    strlen(got)), f));
	fclose(f);
	unlink(path);
	assert_true(strlen(got) > strlen(escaped) + 1);
	assert_string_equal(got + strlen(got) - strlen(escaped) - 1, escaped_nl);
	got[strlen(got) - strlen(escaped) - 1] = '\0';
	assert_string_equal(got, "raqib: warning: source s: ");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(log_safe_escapes_every_control_a_terminal_acts_on),
		cmocka_unit_test(log_escape_keeps_lines_and_tabs_when_asked),
		cmocka_unit_test(log_escape_cuts_at_a_whole_escape),
		cmocka_unit_test(a_log_line_is_one_line_of_text_whatever_it_holds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
