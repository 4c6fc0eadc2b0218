/*
 * libFuzzer: UTF-8 repair, normalization, tokens and snippets on any bytes,
 * used the way poll.c uses them: repaired text, a token's span, a snippet.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	const struct text_token	*tok;
	struct text		*t;
	char			*clean, *snip;
	size_t			 n, hs, he;

	free(text_normalize((const char *)data, len));
	text_free(text_tokenize((const char *)data, len));
	if ((clean = text_utf8_clean((const char *)data, len)) == NULL)
		return 0;
	n = strlen(clean);
	if (!text_utf8_valid(clean, n))
		abort();
	if ((t = text_tokenize(clean, n)) != NULL && text_ntokens(t) > 0) {
		tok = text_token(t, text_ntokens(t) / 2);
		snip = text_snippet(clean, n, tok->start, tok->end, 160, &hs,
		    &he);
		if (snip != NULL && (he < hs || he > strlen(snip) ||
		    !text_utf8_valid(snip, strlen(snip))))
			abort();
		free(snip);
	}
	text_free(t);
	free(clean);
	return 0;
}
