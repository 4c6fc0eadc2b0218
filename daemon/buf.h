/* buf: a growable byte buffer; it never fails (xmalloc.h's policy). */
#ifndef RAQIB_BUF_H
#define RAQIB_BUF_H

#include <stddef.h>

/* A plain value: zero-initialize, append, then buf_free() or buf_steal(). */
struct buf {
	char	*data;	/* always NUL-terminated when non-NULL */
	size_t	 len;
	size_t	 cap;
};

void	 buf_append(struct buf *, const void *, size_t);
/* Room for n more bytes at once, when their number is known beforehand. */
void	 buf_reserve(struct buf *, size_t);
void	 buf_putc(struct buf *, char);
void	 buf_puts(struct buf *, const char *);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_reset(struct buf *);
/* Hands the data over to the caller (never NULL); the buf is emptied. */
char	*buf_steal(struct buf *);
void	 buf_free(struct buf *);

#endif
