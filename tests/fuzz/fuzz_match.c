/*
 * libFuzzer: the expression parser and the matcher. The input is an
 * expression, a NUL, then a text matched against it.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "match.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	const char		*nul = memchr(data, '\0', len);
	struct buf		 expr = { 0 }, text = { 0 };
	struct match_error	 err;
	struct match_result	 res = { 0 };
	struct match_doc	 doc = { 0 };
	struct match		*m;
	size_t			 elen = nul ? (size_t)(nul - (const char *)data) : len;

	buf_append(&expr, data, elen);
	buf_append(&text, nul ? nul + 1 : "", nul ? len - elen - 1 : 0);
	match_expr_check(expr.data, &err);
	m = match_new();
	if (match_topic_add(m, "t", MATCH_ALL) == 0 &&
	    match_expr_add(m, 0, expr.data, 0, &err) == 0) {
		match_compile(m);
		doc.title = doc.summary = text.data;
		match_doc(m, &doc, &res);
		match_result_free(&res);
	}
	match_free(m);
	buf_free(&expr);
	buf_free(&text);
	return 0;
}
