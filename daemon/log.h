/* log: leveled logging to stderr, with <N> priority prefixes under journald. */
#ifndef RAQIB_LOG_H
#define RAQIB_LOG_H

#include <stddef.h>

enum log_level {
	LOG_LVL_ERR = 3,
	LOG_LVL_WARN = 4,
	LOG_LVL_INFO = 6,
	LOG_LVL_DEBUG = 7
};

/* Level LOG_LVL_INFO by default; <N> prefixes when JOURNAL_STREAM names stderr. */
void	 log_init(enum log_level);
void	 log_set_level(enum log_level);
int	 log_enabled(enum log_level);

void	 log_err(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 log_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));
/* Out of memory or start-up failure: log and exit(1). */
void	 log_fatalx(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

/*
 * Copy untrusted text for a log line: control characters and invalid UTF-8
 * become \xNN, the result is cut at max bytes. Returns dst.
 */
char	*log_safe(char *dst, size_t dstlen, const char *src, size_t max);

#endif
