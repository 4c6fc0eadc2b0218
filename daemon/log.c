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
	char			 line[LOG_LINE_MAX];
	size_t			 n, room;
	int			 saved = errno, k;

	if (!log_enabled(level))
		return;
	if (log_journal)
		k = snprintf(line, sizeof(line), "<%d>%s", (int)level,
		    names[level]);
	else
		k = snprintf(line, sizeof(line), "raqib: %s", names[level]);
	n = (size_t)k;
	room = sizeof(line) - n - 1;	/* a byte stays for the newline */
	if ((k = vsnprintf(line + n, room, fmt, ap)) > 0)
		n += (size_t)k < room ? (size_t)k : room - 1;
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

/* Escape untrusted text for a log line. */
char *
log_safe(char *dst, size_t dstlen, const char *src, size_t max)
{
	const unsigned char	*s = (const unsigned char *)(src ? src : "");
	size_t			 n, o = 0, k;
	uint32_t		 cp;

	if (dstlen == 0)
		return dst;
	n = strnlen((const char *)s, max);
	while (n > 0 && o + 5 < dstlen) {
		k = utf8_decode(s, n, &cp);
		if (k == 0 || (k == 1 && (s[0] < 0x20 || s[0] == 0x7f))) {
			o += (size_t)snprintf(dst + o, dstlen - o, "\\x%02x", s[0]);
			k = 1;
		} else {
			if (o + k >= dstlen)
				break;
			memcpy(dst + o, s, k);
			o += k;
		}
		s += k;
		n -= k;
	}
	dst[o] = '\0';
	return dst;
}
