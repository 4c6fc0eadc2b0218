/*
 * doc-bench: doc_decode throughput beside its floors, for `make bench`.
 *
 *   doc-bench FILE [RUNS] [CHARSET]
 *
 * Reads FILE, then times, each the best of RUNS runs (default 5) in CPU
 * seconds: doc_decode of the bytes (CHARSET as the HTTP charset, if given);
 * memcpy of the same bytes into a buffer already in memory (the floor of
 * a body that needs no conversion); iconv(3) from the encoding doc_decode
 * found to UTF-8 in one call into a new buffer (the floor of a body that
 * does, which must land in new memory). Prints one line: bytes, encoding,
 * source, and the three times.
 */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "doc.h"

/* CPU seconds this process has used. */
static double
bench_now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The whole file, or exit. */
static char *
bench_read(const char *path, size_t *len)
{
	FILE	*f;
	char	*p;
	long	 n;

	if ((f = fopen(path, "rb")) == NULL || fseek(f, 0, SEEK_END) != 0 ||
	    (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0 ||
	    (p = malloc((size_t)n + 1)) == NULL ||
	    fread(p, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "doc-bench: cannot read %s\n", path);
		exit(1);
	}
	fclose(f);
	p[n] = '\0';
	*len = (size_t)n;
	return p;
}

/* One conversion of the whole input with iconv(3); its CPU seconds. */
static double
bench_iconv(const char *enc, char *in, size_t len)
{
	iconv_t	 cd;
	char	*ip = in, *op, *out;
	size_t	 il = len, ol = 3 * len + 16;
	double	 t;

	if ((cd = iconv_open("UTF-8", enc)) == (iconv_t)-1)
		return 0;
	t = bench_now();
	if ((op = out = malloc(ol)) == NULL)
		exit(1);
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1)
		fprintf(stderr, "doc-bench: iconv stopped: %s\n",
		    strerror(errno));
	free(out);
	t = bench_now() - t;
	iconv_close(cd);
	return t;
}

/* Keep the smaller time. */
static void
bench_min(double *best, double t)
{
	if (*best < 0 || t < *best)
		*best = t;
}

int
main(int argc, char **argv)
{
	struct doc	 d;
	char		*in, *out, err[128], enc[40];
	const char	*cs = argc > 3 ? argv[3] : NULL, *src = "";
	double		 t, dec = -1, cpy = -1, conv = -1;
	size_t		 len;
	int		 i, runs = argc > 2 ? atoi(argv[2]) : 5;

	if (argc < 2) {
		fprintf(stderr, "usage: doc-bench FILE [RUNS] [CHARSET]\n");
		return 2;
	}
	in = bench_read(argv[1], &len);
	if ((out = malloc(len + 1)) == NULL)
		return 1;
	memset(out, 0, len + 1);
	for (i = 0; i < runs; i++) {
		t = bench_now();
		if (doc_decode(&d, in, len, cs, DOC_XML, err, sizeof(err)) != 0) {
			fprintf(stderr, "doc-bench: %s\n", err);
			return 1;
		}
		bench_min(&dec, bench_now() - t);
		snprintf(enc, sizeof(enc), "%s", d.encoding);
		src = doc_source_name(d.source);
		doc_free(&d);
		t = bench_now();
		memcpy(out, in, len);
		bench_min(&cpy, bench_now() - t);
		bench_min(&conv, bench_iconv(enc, in, len));
	}
	printf("%zu %s %s %.4f %.4f %.4f\n", len, enc, src, dec, cpy, conv);
	free(in);
	free(out);
	return 0;
}
