/* doc: the bytes of a response -> a valid UTF-8 document. Pure. */
#ifndef RAQIB_DOC_H
#define RAQIB_DOC_H

#include <stddef.h>

/* The largest response doc_decode takes (the fetcher stops at 10 MiB). */
#define DOC_MAX		(64 * 1024 * 1024)

/*
 * What the document is. DOC_XML_UNCHECKED is XML for a reader that checks
 * UTF-8 itself (libxml2's does): a body that says UTF-8 or nothing, with no
 * BOM or wide pattern, is handed on without the scan (doc.unchecked set);
 * a reader that then finds bytes that are not UTF-8 decodes it again as
 * DOC_XML, which says what they are. A clean feed is scanned once, not
 * twice.
 */
enum doc_kind { DOC_XML, DOC_XML_UNCHECKED, DOC_HTML, DOC_JSON };

/* Where the encoding came from (raqib parse prints it). */
enum doc_source {
	DOC_SRC_DEFAULT,	/* nothing said, nothing detected: UTF-8 (or windows-1252 for HTML, per WHATWG) */
	DOC_SRC_BOM,
	DOC_SRC_HEADER,		/* HTTP Content-Type charset */
	DOC_SRC_DECLARATION,	/* <?xml ... encoding="..."?>, or its UTF-16/32 byte pattern */
	DOC_SRC_META,		/* HTML <meta> prescan */
	DOC_SRC_CONTENT,	/* the bytes are (mostly) valid UTF-8 with non-ASCII text: UTF-8 whatever the label said */
	DOC_SRC_DETECTED	/* nothing usable was declared, or the declaration was wrong: detected */
};

/*
 * A decoded document. data points at the caller's bytes when they were
 * valid UTF-8 already (so it lives as long as they do, and is NUL-terminated
 * as they are: a fetch body or a struct buf is), else at owned.
 */
struct doc {
	const char	*data;		/* UTF-8, valid, NUL-terminated; the caller's bytes or owned copy */
	size_t		 len;
	char		 encoding[40];	/* canonical name of what the input was: "UTF-8", "windows-1251", "UTF-16LE", ... */
	enum doc_source	 source;
	char		 declared[40];	/* the label the document/header gave, if it was overridden ("" if none) */
	size_t		 replaced;	/* bytes that could not be decoded and became U+FFFD */
	int		 unchecked;	/* DOC_XML_UNCHECKED: taken as UTF-8 unread */
	char		 pasted[40];	/* UTF-8 with pieces in this legacy encoding pasted in, or "" */
	char		*owned;		/* private */
};

/*
 * Decode data (len bytes, not NUL-terminated, may hold NULs) into d.
 * http_charset: the Content-Type charset parameter or NULL. Returns 0, or -1
 * with a message a user understands in err (the input is too large). Never
 * fails on bad bytes: they become U+FFFD (counted in d->replaced). A BOM
 * is not part of d->data.
 */
int	 doc_decode(struct doc *d, const char *data, size_t len,
	    const char *http_charset, enum doc_kind kind, char *err,
	    size_t errlen);
/* Frees the owned copy; doc_free of a zeroed doc is a no-op. */
void	 doc_free(struct doc *d);
/* "bom", "header", "declaration", "meta", "content", "detected", "default" */
const char *doc_source_name(enum doc_source);

/*
 * The WHATWG encoding for a label (case- and whitespace-insensitive), as the
 * canonical WHATWG name ("windows-1251", "UTF-8", "ISO-8859-6", "Shift_JIS",
 * "EUC-KR", "KOI8-R", "UTF-16LE", "replacement", ...); NULL if unknown.
 */
const char *doc_label(const char *label);

/*
 * The WHATWG <meta> prescan over the first 1024 bytes: the encoding found
 * (its canonical name written to label) or 0 when none. Exposed for tests.
 */
int	 doc_meta_prescan(const char *data, size_t len, char *label,
	    size_t labellen);

/*
 * Display text: whitespace runs folded to one space, ends trimmed, invalid
 * UTF-8 -> U+FFFD. NULL when nothing is left. Caller frees.
 */
char	*doc_text_clean(const char *s, size_t len);

/*
 * ref made absolute against base (either may be NULL): an http or https URL,
 * or NULL for anything else (javascript:, mailto:, data:, unparsable).
 * Non-ASCII bytes and spaces are percent-encoded, white space at the ends
 * trimmed, a fragment kept; an absolute ref is kept as written. Caller frees.
 */
char	*doc_url_resolve(const char *base, const char *ref);

/*
 * Whether the query parameter at p (up to '=', '&', '#' or the end) only
 * tracks the reader (utm_*, fbclid, gclid, mc_cid, mc_eid): it never names
 * the page, so a link with it and one without are one link.
 */
int	 doc_url_param_tracking(const char *p);

#endif
