/* doc: the bytes of a response -> a valid UTF-8 document. Pure. */
#ifndef RAQIB_DOC_H
#define RAQIB_DOC_H

#include <stddef.h>

enum doc_kind { DOC_XML, DOC_HTML, DOC_JSON };

enum doc_source {
	DOC_SRC_DEFAULT,
	DOC_SRC_BOM,
	DOC_SRC_HEADER,
	DOC_SRC_DECLARATION,
	DOC_SRC_META,
	DOC_SRC_CONTENT,
	DOC_SRC_DETECTED
};

struct doc {
	const char	*data;
	size_t		 len;
	char		 encoding[40];
	enum doc_source	 source;
	char		 declared[40];
	size_t		 replaced;
	char		*owned;
};

int	 doc_decode(struct doc *d, const char *data, size_t len,
	    const char *http_charset, enum doc_kind kind, char *err, size_t errlen);
void	 doc_free(struct doc *d);
const char *doc_source_name(enum doc_source);
const char *doc_label(const char *label);
int	 doc_meta_prescan(const char *data, size_t len, char *label, size_t labellen);
char	*doc_text_clean(const char *s, size_t len);
char	*doc_url_resolve(const char *base, const char *ref);

#endif
