/*
 * The sketch of a plain text for the tests of sim and store (test_sim.c,
 * test_store.c): words split at spaces, a word of digits only a number.
 */
#ifndef RAQIB_TEST_SKETCH_H
#define RAQIB_TEST_SKETCH_H

#include <string.h>

#include "sim.h"

/* A sketch and its length. */
struct sketch {
	unsigned char	 b[SIM_MAX];
	size_t		 len;
};

/* The sketch of text (its first SIM_WORDS + 8 words are handed over). */
static struct sketch
sketch_of(const char *text)
{
	struct sketch		 k;
	struct sim_token	 v[SIM_WORDS + 8];
	const char		*p = text;
	size_t			 n = 0, len;

	while (*p != '\0' && n < SIM_WORDS + 8) {
		len = strcspn(p, " ");
		v[n++] = (struct sim_token){ p, len,
		    strspn(p, "0123456789") == len };
		p += len;
		p += strspn(p, " ");
	}
	k.len = sim_sketch(v, n, k.b);
	return k;
}

#endif
