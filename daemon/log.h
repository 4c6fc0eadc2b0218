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
 * Escape s[0, n) for a terminal or a log into dst (NUL-terminated, cut at
 * a whole character when full): C0 controls, DEL and invalid bytes become
 * \xNN, C1 controls and the bidi embeddings, overrides and isolates
 * \uXXXX (utf8_is_control); newline and tab stay when lines. Returns the
 * length written.
 */
size_t	 log_escape(char *dst, size_t dstlen, const char *s, size_t n,
	    int lines);
/*
 * Copy untrusted text for a log line as log_escape() does, cut at max
 * bytes of src. Returns dst.
 */
char	*log_safe(char *dst, size_t dstlen, const char *src, size_t max);

#endif
