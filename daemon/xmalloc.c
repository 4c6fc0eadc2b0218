/* xmalloc: allocation that never returns NULL; out of memory exits. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "xmalloc.h"

/* Log the failure and exit. */
void
xmalloc_oom(void)
{
	log_fatalx("out of memory");
}

/* malloc that never fails; size 0 still gives a pointer. */
void *
xmalloc(size_t size)
{
	void	*p;

	if ((p = malloc(size ? size : 1)) == NULL)
		xmalloc_oom();
	return p;
}

/* calloc that never fails. */
void *
xcalloc(size_t nmemb, size_t size)
{
	void	*p;

	if ((p = calloc(nmemb ? nmemb : 1, size ? size : 1)) == NULL)
		xmalloc_oom();
	return p;
}

/* reallocarray that never fails. */
void *
xreallocarray(void *ptr, size_t nmemb, size_t size)
{
	void	*p;

	if (size != 0 && nmemb > SIZE_MAX / size)
		xmalloc_oom();
	if ((p = realloc(ptr, nmemb != 0 && size != 0 ? nmemb * size : 1)) ==
	    NULL)
		xmalloc_oom();
	return p;
}

/* strdup that never fails. */
char *
xstrdup(const char *s)
{
	char	*p;

	if ((p = strdup(s)) == NULL)
		xmalloc_oom();
	return p;
}

/* strndup that never fails. */
char *
xstrndup(const char *s, size_t n)
{
	char	*p;

	if ((p = strndup(s, n)) == NULL)
		xmalloc_oom();
	return p;
}

/* asprintf that never fails: measure, allocate, format. */
int
xasprintf(char **ret, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		xmalloc_oom();
	*ret = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(*ret, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return n;
}
