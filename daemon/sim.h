/*
 * sim: a similarity sketch of a text's opening, to tell whether two texts
 * say the same (one story) or not (two stories under one title). Pure.
 */
#ifndef RAQIB_SIM_H
#define RAQIB_SIM_H

#include <stddef.h>

#define SIM_WORDS	48	/* tokens of a text's opening that count */
#define SIM_MAX		(1 + 2 * 2 * SIM_WORDS)	/* bytes of a sketch */

/* One normalized token of a text, borrowed. */
struct sim_token {
	const char	*norm;
	size_t		 len;
	int		 number;	/* only digits */
};

/*
 * The sketch of a text from its first tokens (at most SIM_WORDS are read)
 * into out (SIM_MAX bytes): a 16-bit hash of each pair of adjacent tokens
 * (of the token, when it is alone) and of each number. Returns its length,
 * 0 when there is no token. The bytes are stored: keep the hash as it is.
 */
size_t	 sim_sketch(const struct sim_token *v, size_t n, unsigned char *out);
/*
 * Whether two sketches are of texts that say the same: most (7 in 10) of
 * the shorter's word pairs are in the longer (a cut, a dateline before, a
 * word or two changed), and the numbers of the one with fewer are all in
 * the other (texts that give other figures are other reports). A missing
 * sketch (length 0) is alike to any: only the titles can tell then.
 */
int	 sim_alike(const unsigned char *a, size_t alen, const unsigned char *b,
	    size_t blen);

#endif
