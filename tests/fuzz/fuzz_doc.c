/*
 * libFuzzer: doc_decode on arbitrary bytes. The first byte picks the kind
 * and the charset the "server" announced; every output must be valid
 * UTF-8 of a bounded size, NUL-terminated when it is a copy.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"

#include "../unit/utf8valid.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static const char	*charsets[] = { NULL, "utf-8", "windows-1256",
				    "iso-8859-6", "utf-16", "koi8-r",
				    "shift_jis", "iso-2022-jp", "utf-32",
				    "x-user-defined", "replacement", "UTF16",
				    "gb18030", "euc-kr", "big5", "ibm1047" };
	struct doc		 d;
	char			 err[128], lbl[40];
	enum doc_kind		 kind;
	char			*s;

	if (len == 0)
		return 0;
	kind = (enum doc_kind)(data[0] % 4);
	if (doc_decode(&d, (const char *)data + 1, len - 1,
	    charsets[(data[0] / 4) % 16], kind, err, sizeof(err)) != 0)
		abort();
	/* Unchecked bytes go on as they came, to a reader that checks them. */
	if ((d.unchecked ? d.data != (const char *)data + 1 :
	    !utf8_valid(d.data, d.len)) ||
	    d.len > 3 * (len - 1) + 4 ||
	    (d.owned != NULL && d.data[d.len] != '\0'))
		abort();
	doc_free(&d);
	doc_meta_prescan((const char *)data + 1, len - 1, lbl, sizeof(lbl));
	if ((s = doc_text_clean((const char *)data + 1, len - 1)) != NULL &&
	    !utf8_valid(s, strlen(s)))
		abort();
	free(s);
	return 0;
}
