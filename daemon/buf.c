/* buf: a growable byte buffer; sizes are checked, memory never runs out. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "xmalloc.h"

/* Make room for n more bytes plus the terminating NUL. */
void
buf_reserve(struct buf *b, size_t n)
{
	size_t	 need, cap;

	/* A size past SIZE_MAX cannot be had: the same end as no memory. */
	if (n > SIZE_MAX - b->len - 1)
		xmalloc_oom();
	need = b->len + n + 1;
	if (need <= b->cap)
		return;
	cap = b->cap ? b->cap : 64;
	while (cap < need) {
		if (cap > SIZE_MAX / 2)
			xmalloc_oom();
		cap *= 2;
	}
	b->data = xreallocarray(b->data, cap, 1);
	b->cap = cap;
}

/* Append n bytes. */
void
buf_append(struct buf *b, const void *p, size_t n)
{
	buf_reserve(b, n);
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

/* Append one byte. */
void
buf_putc(struct buf *b, char c)
{
	buf_append(b, &c, 1);
}

/* Append a NUL-terminated string. */
void
buf_puts(struct buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

/* Append formatted text. */
void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		xmalloc_oom();
	buf_reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* Empty the buffer, keeping its memory. */
void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

/* Hand the bytes to the caller. */
char *
buf_steal(struct buf *b)
{
	char	*p;

	if (b->data == NULL)
		buf_append(b, "", 0);
	p = b->data;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

/* Release the buffer's memory. */
void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}
