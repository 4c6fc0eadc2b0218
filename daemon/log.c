/* log: leveled logging to stderr, with <N> priority prefixes under journald. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "utf8.h"

#define LOG_LINE_MAX	4096	/* bytes of one line, with its prefix */

static enum log_level	 log_level = LOG_LVL_INFO;
static int		 log_journal;

/*
 * Whether stderr is the journal stream systemd named: JOURNAL_STREAM holds
 * its device and inode, and a child whose stderr was redirected inherits
 * the variable without the stream.
 */
static int
log_stderr_is_journal(void)
{
	const char		*js = getenv("JOURNAL_STREAM");
	unsigned long long	 dev, ino;
	struct stat		 st;

	if (js == NULL || sscanf(js, "%llu:%llu", &dev, &ino) != 2 ||
	    fstat(STDERR_FILENO, &st) == -1)
		return 0;
	return (unsigned long long)st.st_dev == dev &&
	    (unsigned long long)st.st_ino == ino;
}

/* Set the level; detect whether stderr goes to the journal. */
void
log_init(enum log_level level)
{
	log_level = level;
	log_journal = log_stderr_is_journal();
}

/* Change the level (after -v/-q or a reload). */
void
log_set_level(enum log_level level)
{
	log_level = level;
}

/* Whether messages of this level are printed. */
int
log_enabled(enum log_level level)
{
	return level <= log_level;
}

/*
 * Write one line at a level in one write(2), so that lines of the loop and
 * of the desktop worker never interleave; a line too long is cut. Nothing
 * is allocated: the worker logs too. errno is kept intact for the caller.
 */
static void
log_vwrite(enum log_level level, const char *fmt, va_list ap)
{
	static const char	*names[] = {
		[LOG_LVL_ERR] = "error: ", [LOG_LVL_WARN] = "warning: ",
		[LOG_LVL_INFO] = "", [LOG_LVL_DEBUG] = "debug: "
	};
	char			 line[LOG_LINE_MAX], text[LOG_LINE_MAX];
	size_t			 n;
	int			 saved = errno, k;

	if (!log_enabled(level))
		return;
	if (log_journal)
		k = snprintf(line, sizeof(line), "<%d>%s", (int)level,
		    names[level]);
	else
		k = snprintf(line, sizeof(line), "raqib: %s", names[level]);
	n = (size_t)k;
	/*
	 * The one place a log line's text is made safe: whatever a server
	 * put in it (a reason phrase, a URL, a title) cannot move the
	 * cursor, clear the screen, link elsewhere, start a new line in the
	 * journal or turn the text around. A byte stays for the newline.
	 */
	if ((k = vsnprintf(text, sizeof(text), fmt, ap)) > 0)
		n += log_escape(line + n, sizeof(line) - n - 1, text,
		    (size_t)k < sizeof(text) ? (size_t)k : sizeof(text) - 1, 0);
	line[n++] = '\n';
	/* A failed write has nowhere left to be reported. */
	if (write(STDERR_FILENO, line, n) == -1)
		n = 0;
	errno = saved;
}

#define LOG_FN(fn, level)				\
void							\
fn(const char *fmt, ...)				\
{							\
	va_list ap;					\
	va_start(ap, fmt);				\
	log_vwrite(level, fmt, ap);			\
	va_end(ap);					\
}

LOG_FN(log_err, LOG_LVL_ERR)
LOG_FN(log_warn, LOG_LVL_WARN)
LOG_FN(log_info, LOG_LVL_INFO)
LOG_FN(log_debug, LOG_LVL_DEBUG)

/* Log an unrecoverable error and exit. */
void
log_fatalx(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	log_vwrite(LOG_LVL_ERR, fmt, ap);
	va_end(ap);
	exit(1);
}

/*
 * One character of s (n > 0 bytes left) for a terminal or a log, appended
 * at dst[*o]: a control (utf8_is_control) as \\xNN (C0, DEL) or \\uXXXX,
 * an invalid byte as \\xNN, a newline or tab as it is when lines. The
 * bytes of s it took, or 0 when dst (room for a NUL kept) is full.
 */
static size_t
log_escape_one(char *dst, size_t dstlen, size_t *o, const unsigned char *s,
    size_t n, int lines)
{
	uint32_t	 cp = 0;
	size_t		 k = utf8_decode(s, n, &cp);

	if (k == 0)
		k = 1;		/* an invalid byte: escaped as it is */
	else if (!utf8_is_control(cp) || (lines && (cp == '\n' ||
	    cp == '\t'))) {
		if (*o + k >= dstlen)
			return 0;
		memcpy(dst + *o, s, k);
		*o += k;
		return k;
	}
	if (*o + 7 > dstlen)
		return 0;
	if (k == 1)
		*o += (size_t)snprintf(dst + *o, dstlen - *o, "\\x%02x", s[0]);
	else
		*o += (size_t)snprintf(dst + *o, dstlen - *o, "\\u%04x",
		    (unsigned)cp);
	return k;
}

/* Escape s[0, n) into dst for a terminal or a log; see log.h. */
size_t
log_escape(char *dst, size_t dstlen, const char *src, size_t n, int lines)
{
	const unsigned char	*s = (const unsigned char *)src;
	size_t			 o = 0, k, used = 0;

	if (dstlen == 0)
		return 0;
	while (used < n &&
	    (k = log_escape_one(dst, dstlen, &o, s + used, n - used, lines)))
		used += k;
	dst[o] = '\0';
	return o;
}

/* Escape untrusted text for a log line. */
char *
log_safe(char *dst, size_t dstlen, const char *src, size_t max)
{
	const char	*s = src ? src : "";

	log_escape(dst, dstlen, s, strnlen(s, max), 0);
	return dst;
}
