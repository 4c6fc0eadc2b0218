/*
 * cli_term: the one place a subcommand's text leaves for a terminal. What
 * raqib prints holds servers' words (titles, URLs, errors); stdout and
 * stderr pass through log_escape() on their way out, so none of them can
 * move the cursor, clear the screen, link elsewhere (OSC 8) or turn the
 * text around it. Lines and tabs stay: raqib's own output is made of them,
 * and servers' text reaches it with its own folded to blanks.
 */
#define _GNU_SOURCE	/* fopencookie(3) */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli_int.h"
#include "log.h"

#define CLI_TERM_PIECE	4096

/* A stream's file descriptor and the start of a character cut at its end. */
struct cli_term {
	int		 fd;
	size_t		 nheld;
	char		 held[4];
};

static struct cli_term	 cli_term_out = { STDOUT_FILENO, 0, { 0 } };
static struct cli_term	 cli_term_err = { STDERR_FILENO, 0, { 0 } };

/* Write all of s[0, n) to fd; -1 when it cannot be. */
static int
cli_term_put(int fd, const char *s, size_t n)
{
	ssize_t	 k;

	while (n > 0) {
		if ((k = write(fd, s, n)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		s += k;
		n -= (size_t)k;
	}
	return 0;
}

/*
 * How many bytes at the end of s[0, n) begin a UTF-8 sequence that the
 * next write may complete: they wait, rather than be escaped as invalid.
 */
static size_t
cli_term_cut(const char *s, size_t n)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i, need;

	for (i = 1; i <= 3 && i <= n; i++) {
		if ((u[n - i] & 0xc0) == 0x80)
			continue;
		need = u[n - i] >= 0xf0 ? 4 : u[n - i] >= 0xe0 ? 3 :
		    u[n - i] >= 0xc0 ? 2 : 1;
		return need > i ? i : 0;
	}
	return 0;
}

/* Escape and write s[0, n) in pieces; -1 on a failed write. */
static int
cli_term_escape(struct cli_term *t, const char *s, size_t n)
{
	char	 out[CLI_TERM_PIECE * 6 + 8];
	size_t	 piece;

	while (n > 0) {
		piece = n < CLI_TERM_PIECE ? n : CLI_TERM_PIECE;
		/* A piece ends at a character's end, not inside it. */
		if (piece < n)
			piece -= cli_term_cut(s, piece);
		if (cli_term_put(t->fd, out, log_escape(out, sizeof(out), s,
		    piece, 1)) == -1)
			return -1;
		s += piece;
		n -= piece;
	}
	return 0;
}

/* fopencookie's write: escape what came, holding a cut character back. */
static ssize_t
cli_term_write(void *arg, const char *buf, size_t size)
{
	struct cli_term	*t = arg;
	size_t		 n = size, keep;

	/*
	 * The character the last write cut, completed byte by byte; what
	 * turns out not to complete it is escaped, the start of another kept
	 * (held never passes 4 bytes: one cut character is at most 3).
	 */
	while (t->nheld > 0 && n > 0) {
		t->held[t->nheld++] = *buf++;
		n--;
		if ((keep = cli_term_cut(t->held, t->nheld)) == t->nheld)
			continue;
		if (cli_term_escape(t, t->held, t->nheld - keep) == -1)
			return -1;
		memmove(t->held, t->held + t->nheld - keep, keep);
		t->nheld = keep;
	}
	keep = cli_term_cut(buf, n);
	if (cli_term_escape(t, buf, n - keep) == -1)
		return -1;
	memcpy(t->held, buf + n - keep, keep);
	t->nheld += keep;
	return (ssize_t)size;
}

/* fopencookie's close: a character still cut is escaped as it is. */
static int
cli_term_close(void *arg)
{
	struct cli_term	*t = arg;
	size_t		 n = t->nheld;

	t->nheld = 0;
	return cli_term_escape(t, t->held, n);
}

/* Route one standard stream through t; it stays as it was if it cannot. */
static FILE *
cli_term_wrap(FILE *std, struct cli_term *t, int mode)
{
	static const cookie_io_functions_t	 io = {
		.write = cli_term_write, .close = cli_term_close
	};
	FILE					*f;

	if ((f = fopencookie(t, "w", io)) == NULL)
		return std;
	fflush(std);
	setvbuf(f, NULL, mode, BUFSIZ);
	return f;
}

/* Make stdout and stderr safe for a terminal; see cli_int.h. */
void
cli_term_init(void)
{
	stdout = cli_term_wrap(stdout, &cli_term_out,
	    isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF);
	stderr = cli_term_wrap(stderr, &cli_term_err, _IONBF);
}
