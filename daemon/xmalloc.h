/*
 * xmalloc: memory that is always there. Running out of it is the one
 * failure raqib does not survive: it is logged once and the process exits
 * (status 1), in xmalloc_oom(), so no caller checks for NULL. Only the loop
 * thread may call these: the desktop worker allocates what it must itself
 * and reports a failure to the loop (see docs/HACKING.md, "Memory").
 */
#ifndef RAQIB_XMALLOC_H
#define RAQIB_XMALLOC_H

#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
/* realloc of nmemb * size bytes, the product checked for overflow. */
void	*xreallocarray(void *, size_t nmemb, size_t size);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
/* A new formatted string; returns its length. */
int	 xasprintf(char **, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Log "out of memory" and exit(1): the policy's one place. */
void	 xmalloc_oom(void) __attribute__((noreturn));

#endif
