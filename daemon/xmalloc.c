/* xmalloc: allocation that cannot fail; the one place out of memory is handled. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "xmalloc.h"

/* Allocate size bytes, or end raqib. */
void *
xmalloc(size_t size)
{
	void	*p;

	if ((p = malloc(size == 0 ? 1 : size)) == NULL)
		log_fatalx("out of memory (%zu bytes)", size);
	return p;
}

/* Allocate n zeroed elements, or end raqib. */
void *
xcalloc(size_t n, size_t size)
{
	void	*p;

	if ((p = calloc(n == 0 ? 1 : n, size == 0 ? 1 : size)) == NULL)
		log_fatalx("out of memory (%zu x %zu bytes)", n, size);
	return p;
}

/* Resize to n elements, checking the multiplication, or end raqib. */
void *
xreallocarray(void *p, size_t n, size_t size)
{
	void	*q;

	if (size != 0 && n > SIZE_MAX / size)
		log_fatalx("out of memory (%zu x %zu bytes)", n, size);
	if ((q = realloc(p, n * size == 0 ? 1 : n * size)) == NULL)
		log_fatalx("out of memory (%zu x %zu bytes)", n, size);
	return q;
}

/* A copy of a string, or end raqib. */
char *
xstrdup(const char *s)
{
	char	*p;

	if ((p = strdup(s)) == NULL)
		log_fatalx("out of memory (%zu bytes)", strlen(s) + 1);
	return p;
}

/* A copy of at most n bytes of a string, or end raqib. */
char *
xstrndup(const char *s, size_t n)
{
	char	*p;

	if ((p = strndup(s, n)) == NULL)
		log_fatalx("out of memory (%zu bytes)", n + 1);
	return p;
}
