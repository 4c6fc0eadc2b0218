/* xmalloc: allocation that cannot fail: running out of memory ends raqib, in one place. */
#ifndef RAQIB_XMALLOC_H
#define RAQIB_XMALLOC_H

#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);

#endif
