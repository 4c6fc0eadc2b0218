/*
 * The libxml2 the tests run on: the library loaded at run time is the one
 * the headers came from, and, under make check-libxml2, the version built
 * for it (RAQIB_LIBXML2_VERSION), not the system's.
 */
#include <libxml/parser.h>
#include <libxml/xmlversion.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static void
libxml2_loaded_is_the_one_compiled_against(void **state)
{
	const char	*want = getenv("RAQIB_LIBXML2_VERSION");

	(void)state;
	print_message("# libxml2: headers %s (%s), library %s\n",
	    LIBXML_DOTTED_VERSION, LIBXML_VERSION_STRING, xmlParserVersion);
	assert_int_equal(strncmp(xmlParserVersion, LIBXML_VERSION_STRING,
	    strlen(LIBXML_VERSION_STRING)), 0);
	if (want != NULL)
		assert_string_equal(LIBXML_DOTTED_VERSION, want);
}

int
main(void)
{
	const struct CMUnitTest	 tests[] = {
		cmocka_unit_test(libxml2_loaded_is_the_one_compiled_against),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
