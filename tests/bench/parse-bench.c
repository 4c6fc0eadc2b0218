/*
 * parse-bench: feed parsing throughput and peak memory, for `make bench`.
 *
 *   parse-bench parse|normalize FILE [RUNS]
 *   parse-bench exec FILE RUNS COMMAND [ARG...]
 *
 * Reads FILE, then runs feed_parse on it RUNS times (default 3); with
 * "normalize", also text_normalize of each item's title, summary and
 * content, as matching does. Prints one line: the best run's seconds, the
 * items found, the peak RSS (KiB), the RSS before parsing (KiB) and the
 * size of the items' text (KiB): what the item list itself must hold.
 * "exec" runs COMMAND < FILE > /dev/null 2>&1 RUNS times (it must exit 0)
 * and prints the best run's seconds. Seconds are CPU time (user + system),
 * so that other load on the machine skews neither side of a comparison.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "feed.h"
#include "item.h"
#include "text.h"

/* CPU seconds this process has used. */
static double
bench_now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds of one run of argv with stdin from path; exits on error. */
static double
bench_exec_once(const char *path, char **argv)
{
	struct rusage	 ru;
	pid_t		 pid;
	int		 status;

	if ((pid = fork()) == -1) {
		perror("fork");
		exit(1);
	}
	if (pid == 0) {
		if (dup2(open(path, O_RDONLY), 0) == -1 ||
		    dup2(open("/dev/null", O_WRONLY), 1) == -1 ||
		    dup2(1, 2) == -1)
			_exit(127);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) == -1 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0) {
		fprintf(stderr, "parse-bench: %s failed\n", argv[0]);
		exit(1);
	}
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	    (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

/* parse-bench exec: the best of runs runs of a command. */
static int
bench_exec(const char *path, int runs, char **argv)
{
	double	 best = 0, t;
	int	 i;

	for (i = 0; i < runs; i++) {
		t = bench_exec_once(path, argv);
		if (i == 0 || t < best)
			best = t;
	}
	printf("%.4f\n", best);
	return 0;
}

/* The process's peak resident set so far, KiB. */
static long
bench_maxrss(void)
{
	struct rusage	 ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* Read a whole file into b; exits on error. */
static void
bench_read(const char *path, struct buf *b)
{
	char	 chunk[65536];
	size_t	 n;
	FILE	*f;

	if ((f = fopen(path, "rb")) == NULL) {
		perror(path);
		exit(1);
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(b, chunk, n);
	fclose(f);
}

/* Normalize one field the way matching does, and drop the result. */
static void
bench_normalize(const char *s)
{
	if (s != NULL)
		free(text_normalize(s, strlen(s)));
}

/* The bytes of an item's strings. */
static size_t
bench_item_bytes(const struct item *it)
{
	const char *const	 f[] = { it->id, it->link, it->title,
				    it->summary, it->content, it->author };
	size_t			 i, n = 0;

	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		n += f[i] != NULL ? strlen(f[i]) + 1 : 0;
	return n;
}

/* One timed run; returns seconds, the item count in *n, text in *bytes. */
static double
bench_run(const struct buf *b, int normalize, size_t *n, size_t *bytes)
{
	struct item_list	 l = { 0 };
	char			 err[256];
	double			 t0 = bench_now(), t;
	size_t			 i;

	if (feed_parse(b->data, b->len, "https://bench.example.net/", NULL,
	    &l, NULL, err, sizeof(err)) == -1) {
		fprintf(stderr, "parse-bench: %s\n", err);
		exit(1);
	}
	for (i = 0; normalize && i < l.n; i++) {
		bench_normalize(l.v[i].title);
		bench_normalize(l.v[i].summary);
		bench_normalize(l.v[i].content);
	}
	t = bench_now() - t0;
	*n = l.n;
	for (*bytes = 0, i = 0; i < l.n; i++)
		*bytes += bench_item_bytes(&l.v[i]);
	item_list_free(&l);
	return t;
}

/* Time the parse (or parse and normalize) of one file and report. */
int
main(int argc, char **argv)
{
	struct buf	 b = { 0 };
	double		 best = 0, t;
	size_t		 n = 0, bytes = 0;
	long		 before;
	int		 i, runs;

	if (argc > 4 && strcmp(argv[1], "exec") == 0)
		return bench_exec(argv[2], atoi(argv[3]), argv + 4);
	if (argc < 3 || (strcmp(argv[1], "parse") != 0 &&
	    strcmp(argv[1], "normalize") != 0)) {
		fprintf(stderr, "usage: parse-bench parse|normalize FILE "
		    "[RUNS]\n       parse-bench exec FILE RUNS COMMAND...\n");
		return 2;
	}
	runs = argc > 3 ? atoi(argv[3]) : 3;
	bench_read(argv[2], &b);
	feed_init();
	before = bench_maxrss();
	for (i = 0; i < runs; i++) {
		t = bench_run(&b, strcmp(argv[1], "normalize") == 0, &n,
		    &bytes);
		if (i == 0 || t < best)
			best = t;
	}
	printf("%.4f %zu %ld %ld %zu\n", best, n, bench_maxrss(), before,
	    bytes / 1024);
	feed_shutdown();
	buf_free(&b);
	return 0;
}
