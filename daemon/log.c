/* log: leveled logging to stderr, with <N> priority prefixes under journald. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"

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

/* Write one line at a level, keeping errno intact for the caller. */
static void
log_vwrite(enum log_level level, const char *fmt, va_list ap)
{
	static const char	*names[] = {
		[LOG_LVL_ERR] = "error: ", [LOG_LVL_WARN] = "warning: ",
		[LOG_LVL_INFO] = "", [LOG_LVL_DEBUG] = "debug: "
	};
	int			 saved = errno;

	if (!log_enabled(level))
		return;
	if (log_journal)
		fprintf(stderr, "<%d>", (int)level);
	else
		fputs("raqib: ", stderr);
	fputs(names[level], stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
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

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t
log_utf8_len(const unsigned char *s, size_t n)
{
	size_t	 len, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return len;
}

/* Escape untrusted text for a log line. */
char *
log_safe(char *dst, size_t dstlen, const char *src, size_t max)
{
	const unsigned char	*s = (const unsigned char *)(src ? src : "");
	size_t			 n, o = 0, k;

	if (dstlen == 0)
		return dst;
	n = strnlen((const char *)s, max);
	while (n > 0 && o + 5 < dstlen) {
		k = log_utf8_len(s, n);
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
