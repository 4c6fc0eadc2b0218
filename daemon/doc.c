/*
 * doc: the bytes of a response -> a valid UTF-8 document.
 *
 * The one place that decides what a stranger's bytes mean. The evidence, in
 * order: a byte order mark; the HTTP charset; the XML declaration, or the
 * UTF-16/32 byte pattern of "<?xml" (XML 1.0 appendix F); the HTML <meta>
 * prescan (WHATWG), and past its 1024 bytes a <meta> still in the <head>,
 * which a browser's parser obeys. Labels are read through the WHATWG label
 * table, a label it lacks compared loosely with it and with a short table of
 * spellings servers write (doc_spelled), and a label still unknown that
 * iconv knows is read as the WHATWG encoding it decodes alike
 * (doc_same_as), else given to iconv as it is.
 * Mac OS Arabic, which neither knows, is decoded by a table of its own.
 *
 * Bytes that are valid UTF-8 holding non-ASCII text are UTF-8 whatever a
 * label said. When nothing usable is declared and the bytes are not UTF-8,
 * or the declared encoding cannot decode them, or a Latin one is declared
 * over whole words of another script (doc_not_latin), or a Cyrillic one
 * over text in another (doc_not_cyrillic), uchardet names the
 * encoding and iconv must then decode the whole body without an error.
 * When that fails too, a body that is mostly UTF-8 is UTF-8 with its stray
 * bytes replaced, and any other is windows-1256, the Arabic-locale default
 * raqib has always had. A body of UTF-8 text with legacy text pasted in is read
 * piece by piece (doc_mixed): each text or tag that is mostly invalid
 * UTF-8 is decoded in the legacy encoding declared, or in the one detected
 * for those pieces.
 * The body is converted in one pass; valid UTF-8 is not copied at all.
 */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <curl/curl.h>
#include <uchardet/uchardet.h>

#include "buf.h"
#include "compat.h"
#include "doc.h"
#include "text.h"
#include "utf8.h"
#include "xmalloc.h"

#define DOC_PRESCAN	1024		/* bytes the <meta> prescan reads */
#define DOC_HEAD_MAX	(1024 * 1024)	/* bytes a late <meta> is looked for in */
#define DOC_DECL_MAX	512		/* bytes an XML declaration may take */
#define DOC_SAMPLE	(64 * 1024)	/* bytes at most given to the detector */
#define DOC_BLOCK	4096		/* its sample is made of such blocks */
#define DOC_LABEL_MAX	40		/* a longer label is no label */
#define DOC_URL_PLAIN_MAX (64 * 1024) /* a longer link: curl parses it */
#define DOC_SLACK_KEPT	64		/* bytes of slack a cleaned text keeps */
/*
 * A body that claims a legacy charset is still UTF-8 when at least this
 * many valid multi-byte characters stand against each invalid sequence: a
 * mislabelled UTF-8 feed with one title cut in the middle of a letter.
 * Legacy text almost never forms even one valid sequence.
 */
#define DOC_UTF8_RATIO	8
#define DOC_FFFD	"\xef\xbf\xbd"
/* Bytes of non-Latin words that overrule a Latin charset (doc_not_latin). */
#define DOC_WORDS_MIN	32
/*
 * Fewer, down to this many, do when the detected encoding reads them as
 * letters: a feed of a title or two (a small site's, a filtered one).
 */
#define DOC_WORDS_SHORT	6

/* What the evidence says: an encoding, where it came from, the label. */
struct doc_pick {
	char		 enc[DOC_LABEL_MAX];	/* canonical name, "" for none */
	char		 label[DOC_LABEL_MAX];	/* as given, trimmed */
	enum doc_source	 source;
	int		 overridden;		/* label kept only as declared */
};

/* A cursor over the head of an HTML document, for the prescan. */
struct doc_scan {
	const unsigned char	*s;
	size_t			 len;
	size_t			 pos;
};

/* An attribute as the prescan reads it: name and value lower-cased. */
struct doc_attr {
	char	 name[DOC_PRESCAN + 1];
	char	 value[DOC_PRESCAN + 1];
	size_t	 nlen, vlen;
};

/* The WHATWG Encoding Standard's labels and their encodings, sorted. */
static const struct doc_labelent {
	const char	*label;
	const char	*enc;
} doc_labels[] = {
	{ "866", "IBM866" },
	{ "ansi_x3.4-1968", "windows-1252" },
	{ "arabic", "ISO-8859-6" },
	{ "ascii", "windows-1252" },
	{ "asmo-708", "ISO-8859-6" },
	{ "big5", "Big5" },
	{ "big5-hkscs", "Big5" },
	{ "chinese", "GBK" },
	{ "cn-big5", "Big5" },
	{ "cp1250", "windows-1250" },
	{ "cp1251", "windows-1251" },
	{ "cp1252", "windows-1252" },
	{ "cp1253", "windows-1253" },
	{ "cp1254", "windows-1254" },
	{ "cp1255", "windows-1255" },
	{ "cp1256", "windows-1256" },
	{ "cp1257", "windows-1257" },
	{ "cp1258", "windows-1258" },
	{ "cp819", "windows-1252" },
	{ "cp866", "IBM866" },
	{ "csbig5", "Big5" },
	{ "cseuckr", "EUC-KR" },
	{ "cseucpkdfmtjapanese", "EUC-JP" },
	{ "csgb2312", "GBK" },
	{ "csibm866", "IBM866" },
	{ "csiso2022jp", "ISO-2022-JP" },
	{ "csiso2022kr", "replacement" },
	{ "csiso58gb231280", "GBK" },
	{ "csiso88596e", "ISO-8859-6" },
	{ "csiso88596i", "ISO-8859-6" },
	{ "csiso88598e", "ISO-8859-8" },
	{ "csiso88598i", "ISO-8859-8-I" },
	{ "csisolatin1", "windows-1252" },
	{ "csisolatin2", "ISO-8859-2" },
	{ "csisolatin3", "ISO-8859-3" },
	{ "csisolatin4", "ISO-8859-4" },
	{ "csisolatin5", "windows-1254" },
	{ "csisolatin6", "ISO-8859-10" },
	{ "csisolatin9", "ISO-8859-15" },
	{ "csisolatinarabic", "ISO-8859-6" },
	{ "csisolatincyrillic", "ISO-8859-5" },
	{ "csisolatingreek", "ISO-8859-7" },
	{ "csisolatinhebrew", "ISO-8859-8" },
	{ "cskoi8r", "KOI8-R" },
	{ "csksc56011987", "EUC-KR" },
	{ "csmacintosh", "macintosh" },
	{ "csshiftjis", "Shift_JIS" },
	{ "csunicode", "UTF-16LE" },
	{ "cyrillic", "ISO-8859-5" },
	{ "dos-874", "windows-874" },
	{ "ecma-114", "ISO-8859-6" },
	{ "ecma-118", "ISO-8859-7" },
	{ "elot_928", "ISO-8859-7" },
	{ "euc-jp", "EUC-JP" },
	{ "euc-kr", "EUC-KR" },
	{ "gb18030", "gb18030" },
	{ "gb2312", "GBK" },
	{ "gb_2312", "GBK" },
	{ "gb_2312-80", "GBK" },
	{ "gbk", "GBK" },
	{ "greek", "ISO-8859-7" },
	{ "greek8", "ISO-8859-7" },
	{ "hebrew", "ISO-8859-8" },
	{ "hz-gb-2312", "replacement" },
	{ "ibm819", "windows-1252" },
	{ "ibm866", "IBM866" },
	{ "iso-10646-ucs-2", "UTF-16LE" },
	{ "iso-2022-cn", "replacement" },
	{ "iso-2022-cn-ext", "replacement" },
	{ "iso-2022-jp", "ISO-2022-JP" },
	{ "iso-2022-kr", "replacement" },
	{ "iso-8859-1", "windows-1252" },
	{ "iso-8859-10", "ISO-8859-10" },
	{ "iso-8859-11", "windows-874" },
	{ "iso-8859-13", "ISO-8859-13" },
	{ "iso-8859-14", "ISO-8859-14" },
	{ "iso-8859-15", "ISO-8859-15" },
	{ "iso-8859-16", "ISO-8859-16" },
	{ "iso-8859-2", "ISO-8859-2" },
	{ "iso-8859-3", "ISO-8859-3" },
	{ "iso-8859-4", "ISO-8859-4" },
	{ "iso-8859-5", "ISO-8859-5" },
	{ "iso-8859-6", "ISO-8859-6" },
	{ "iso-8859-6-e", "ISO-8859-6" },
	{ "iso-8859-6-i", "ISO-8859-6" },
	{ "iso-8859-7", "ISO-8859-7" },
	{ "iso-8859-8", "ISO-8859-8" },
	{ "iso-8859-8-e", "ISO-8859-8" },
	{ "iso-8859-8-i", "ISO-8859-8-I" },
	{ "iso-8859-9", "windows-1254" },
	{ "iso-ir-100", "windows-1252" },
	{ "iso-ir-101", "ISO-8859-2" },
	{ "iso-ir-109", "ISO-8859-3" },
	{ "iso-ir-110", "ISO-8859-4" },
	{ "iso-ir-126", "ISO-8859-7" },
	{ "iso-ir-127", "ISO-8859-6" },
	{ "iso-ir-138", "ISO-8859-8" },
	{ "iso-ir-144", "ISO-8859-5" },
	{ "iso-ir-148", "windows-1254" },
	{ "iso-ir-149", "EUC-KR" },
	{ "iso-ir-157", "ISO-8859-10" },
	{ "iso-ir-58", "GBK" },
	{ "iso8859-1", "windows-1252" },
	{ "iso8859-10", "ISO-8859-10" },
	{ "iso8859-11", "windows-874" },
	{ "iso8859-13", "ISO-8859-13" },
	{ "iso8859-14", "ISO-8859-14" },
	{ "iso8859-15", "ISO-8859-15" },
	{ "iso8859-2", "ISO-8859-2" },
	{ "iso8859-3", "ISO-8859-3" },
	{ "iso8859-4", "ISO-8859-4" },
	{ "iso8859-5", "ISO-8859-5" },
	{ "iso8859-6", "ISO-8859-6" },
	{ "iso8859-7", "ISO-8859-7" },
	{ "iso8859-8", "ISO-8859-8" },
	{ "iso8859-9", "windows-1254" },
	{ "iso88591", "windows-1252" },
	{ "iso885910", "ISO-8859-10" },
	{ "iso885911", "windows-874" },
	{ "iso885913", "ISO-8859-13" },
	{ "iso885914", "ISO-8859-14" },
	{ "iso885915", "ISO-8859-15" },
	{ "iso88592", "ISO-8859-2" },
	{ "iso88593", "ISO-8859-3" },
	{ "iso88594", "ISO-8859-4" },
	{ "iso88595", "ISO-8859-5" },
	{ "iso88596", "ISO-8859-6" },
	{ "iso88597", "ISO-8859-7" },
	{ "iso88598", "ISO-8859-8" },
	{ "iso88599", "windows-1254" },
	{ "iso_8859-1", "windows-1252" },
	{ "iso_8859-15", "ISO-8859-15" },
	{ "iso_8859-1:1987", "windows-1252" },
	{ "iso_8859-2", "ISO-8859-2" },
	{ "iso_8859-2:1987", "ISO-8859-2" },
	{ "iso_8859-3", "ISO-8859-3" },
	{ "iso_8859-3:1988", "ISO-8859-3" },
	{ "iso_8859-4", "ISO-8859-4" },
	{ "iso_8859-4:1988", "ISO-8859-4" },
	{ "iso_8859-5", "ISO-8859-5" },
	{ "iso_8859-5:1988", "ISO-8859-5" },
	{ "iso_8859-6", "ISO-8859-6" },
	{ "iso_8859-6:1987", "ISO-8859-6" },
	{ "iso_8859-7", "ISO-8859-7" },
	{ "iso_8859-7:1987", "ISO-8859-7" },
	{ "iso_8859-8", "ISO-8859-8" },
	{ "iso_8859-8:1988", "ISO-8859-8" },
	{ "iso_8859-9", "windows-1254" },
	{ "iso_8859-9:1989", "windows-1254" },
	{ "koi", "KOI8-R" },
	{ "koi8", "KOI8-R" },
	{ "koi8-r", "KOI8-R" },
	{ "koi8-ru", "KOI8-U" },
	{ "koi8-u", "KOI8-U" },
	{ "koi8_r", "KOI8-R" },
	{ "korean", "EUC-KR" },
	{ "ks_c_5601-1987", "EUC-KR" },
	{ "ks_c_5601-1989", "EUC-KR" },
	{ "ksc5601", "EUC-KR" },
	{ "ksc_5601", "EUC-KR" },
	{ "l1", "windows-1252" },
	{ "l2", "ISO-8859-2" },
	{ "l3", "ISO-8859-3" },
	{ "l4", "ISO-8859-4" },
	{ "l5", "windows-1254" },
	{ "l6", "ISO-8859-10" },
	{ "l9", "ISO-8859-15" },
	{ "latin1", "windows-1252" },
	{ "latin2", "ISO-8859-2" },
	{ "latin3", "ISO-8859-3" },
	{ "latin4", "ISO-8859-4" },
	{ "latin5", "windows-1254" },
	{ "latin6", "ISO-8859-10" },
	{ "logical", "ISO-8859-8-I" },
	{ "mac", "macintosh" },
	{ "macintosh", "macintosh" },
	{ "ms932", "Shift_JIS" },
	{ "ms_kanji", "Shift_JIS" },
	{ "replacement", "replacement" },
	{ "shift-jis", "Shift_JIS" },
	{ "shift_jis", "Shift_JIS" },
	{ "sjis", "Shift_JIS" },
	{ "sun_eu_greek", "ISO-8859-7" },
	{ "tis-620", "windows-874" },
	{ "ucs-2", "UTF-16LE" },
	{ "unicode", "UTF-16LE" },
	{ "unicode-1-1-utf-8", "UTF-8" },
	{ "unicode11utf8", "UTF-8" },
	{ "unicode20utf8", "UTF-8" },
	{ "unicodefeff", "UTF-16LE" },
	{ "unicodefffe", "UTF-16BE" },
	{ "us-ascii", "windows-1252" },
	{ "utf-16", "UTF-16LE" },
	{ "utf-16be", "UTF-16BE" },
	{ "utf-16le", "UTF-16LE" },
	{ "utf-8", "UTF-8" },
	{ "utf8", "UTF-8" },
	{ "visual", "ISO-8859-8" },
	{ "windows-1250", "windows-1250" },
	{ "windows-1251", "windows-1251" },
	{ "windows-1252", "windows-1252" },
	{ "windows-1253", "windows-1253" },
	{ "windows-1254", "windows-1254" },
	{ "windows-1255", "windows-1255" },
	{ "windows-1256", "windows-1256" },
	{ "windows-1257", "windows-1257" },
	{ "windows-1258", "windows-1258" },
	{ "windows-31j", "Shift_JIS" },
	{ "windows-874", "windows-874" },
	{ "windows-949", "EUC-KR" },
	{ "x-cp1250", "windows-1250" },
	{ "x-cp1251", "windows-1251" },
	{ "x-cp1252", "windows-1252" },
	{ "x-cp1253", "windows-1253" },
	{ "x-cp1254", "windows-1254" },
	{ "x-cp1255", "windows-1255" },
	{ "x-cp1256", "windows-1256" },
	{ "x-cp1257", "windows-1257" },
	{ "x-cp1258", "windows-1258" },
	{ "x-euc-jp", "EUC-JP" },
	{ "x-gbk", "GBK" },
	{ "x-mac-cyrillic", "x-mac-cyrillic" },
	{ "x-mac-roman", "macintosh" },
	{ "x-mac-ukrainian", "x-mac-cyrillic" },
	{ "x-sjis", "Shift_JIS" },
	{ "x-unicode20utf8", "UTF-8" },
	{ "x-user-defined", "x-user-defined" },
	{ "x-x-big5", "Big5" },
};

/* WHATWG encodings that glibc's iconv knows by another name, or decodes
 * with a superset (GBK is decoded as gb18030, per WHATWG). */
static const struct doc_alias {
	const char	*name;
	const char	*alias;
} doc_iconv_names[] = {
	{ "Big5", "BIG5-HKSCS" },
	{ "EUC-KR", "CP949" },
	{ "GBK", "GB18030" },
	{ "ISO-8859-8-I", "ISO-8859-8" },
	{ "Shift_JIS", "CP932" },
	{ "x-mac-cyrillic", "MAC-CYRILLIC" },
};

/*
 * Labels no WHATWG label matches even loosely (doc_loose), by their loose
 * key, and the encoding servers mean by them: Mac OS Arabic, which neither
 * WHATWG nor glibc's iconv knows and raqib decodes itself (doc_mac_arabic),
 * as Apple, Java and Python spell it; and windows-125x as "win-125x", which
 * Russian Apache configurations and CMS templates wrote. Nothing else is
 * guessed: another unknown label goes to iconv, then to detection.
 */
static const struct doc_alias doc_spelled_labels[] = {
	{ "macarabic", "x-mac-arabic" },
	{ "win1250", "windows-1250" },
	{ "win1251", "windows-1251" },
	{ "win1252", "windows-1252" },
	{ "win1253", "windows-1253" },
	{ "win1254", "windows-1254" },
	{ "win1255", "windows-1255" },
	{ "win1256", "windows-1256" },
	{ "win1257", "windows-1257" },
	{ "win1258", "windows-1258" },
	{ "xmacarabic", "x-mac-arabic" },
};

/* Names uchardet gives that are no WHATWG label, and their WHATWG name. */
static const struct doc_alias doc_detected_names[] = {
	{ "MAC-CYRILLIC", "x-mac-cyrillic" },
	{ "UHC", "EUC-KR" },
};

/* Encodings whose code units are wider than a byte, by name prefix. */
static const struct doc_unit {
	const char	*prefix;
	size_t		 unit;
} doc_units[] = {
	{ "UCS-2", 2 }, { "UCS-4", 4 }, { "UCS2", 2 }, { "UCS4", 4 },
	{ "UNICODE", 2 }, { "UTF-16", 2 }, { "UTF-32", 4 }, { "UTF16", 2 },
	{ "UTF32", 4 },
};

/* What raqib parse prints for each source of the encoding. */
static const char *const doc_source_names[] = {
	[DOC_SRC_DEFAULT] = "default",
	[DOC_SRC_BOM] = "bom",
	[DOC_SRC_HEADER] = "header",
	[DOC_SRC_DECLARATION] = "declaration",
	[DOC_SRC_META] = "meta",
	[DOC_SRC_CONTENT] = "content",
	[DOC_SRC_DETECTED] = "detected",
};

/* ------------------------------------------------------------------ */
/* UTF-8                                                               */

/* A library's allocation failed: the memory policy (xmalloc.h) applies. */
static void
doc_oom(const void *p)
{
	if (p == NULL)
		xmalloc_oom();
}

/* Whether 8 bytes at s are all ASCII. */
static int
doc_ascii8(const unsigned char *s)
{
	uint64_t	 w;

	memcpy(&w, s, sizeof(w));
	return (w & 0x8080808080808080ULL) == 0;
}

/* Count the valid multi-byte characters and the invalid sequences. */
static void
doc_utf8_scan(const unsigned char *u, size_t len, size_t *multi,
    size_t *bad)
{
	size_t		 i = 0, n;
	uint32_t	 cp;

	*multi = *bad = 0;
	while (i < len) {
		if (u[i] < 0x80) {
			i += i + 8 <= len && doc_ascii8(u + i) ? 8 : 1;
			continue;
		}
		if ((n = utf8_two(u + i, len - i)) > 0 ||
		    (n = utf8_decode(u + i, len - i, &cp)) > 0) {
			(*multi)++;
			i += n;
		} else {
			(*bad)++;
			i += utf8_invalid(u + i, len - i);
		}
	}
}

/* A copy of UTF-8 with each invalid sequence replaced by U+FFFD. */
static char *
doc_utf8_repair(const unsigned char *u, size_t len, size_t *outlen,
    size_t *replaced)
{
	char		*out, *o, *fit;
	size_t		 i = 0, n, b;
	uint32_t	 cp;

	/* Each bad byte becomes at most 3. */
	out = xmalloc(3 * len + 1);
	o = out;
	while (i < len) {
		if ((n = utf8_two(u + i, len - i)) > 0 ||
		    (n = utf8_decode(u + i, len - i, &cp)) > 0) {
			memcpy(o, u + i, n);
			o += n;
			i += n;
			continue;
		}
		memcpy(o, DOC_FFFD, 3);
		o += 3;
		b = utf8_invalid(u + i, len - i);
		i += b;
		*replaced += b;
	}
	*o = '\0';
	*outlen = (size_t)(o - out);
	fit = realloc(out, *outlen + 1);
	return fit != NULL ? fit : out;
}

/* ------------------------------------------------------------------ */
/* Labels                                                              */

/* Whether c is white space as WHATWG counts it. */
static int
doc_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/* Compare a label with a table entry. */
static int
doc_label_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct doc_labelent *)elem)->label);
}

/* A label with white space at its ends trimmed into out: 0 if too long. */
static int
doc_trim(const char *label, char *out, size_t outlen, int lower)
{
	size_t	 n, i;

	while (doc_ws((unsigned char)*label))
		label++;
	n = strlen(label);
	while (n > 0 && doc_ws((unsigned char)label[n - 1]))
		n--;
	if (n == 0 || n >= outlen)
		return 0;
	for (i = 0; i < n; i++)
		out[i] = lower ? (char)tolower((unsigned char)label[i]) :
		    label[i];
	out[n] = '\0';
	return 1;
}

/* The WHATWG encoding of a label (see doc.h). */
const char *
doc_label(const char *label)
{
	const struct doc_labelent	*e;
	char				 key[DOC_LABEL_MAX];

	if (label == NULL || !doc_trim(label, key, sizeof(key), 1))
		return NULL;
	e = bsearch(key, doc_labels, sizeof(doc_labels) / sizeof(doc_labels[0]),
	    sizeof(doc_labels[0]), doc_label_cmp);
	return e != NULL ? e->enc : NULL;
}

/*
 * A label's loose key, as Unicode's charset alias matching (UTS #22 1.4)
 * compares labels: its letters and digits in lower case, everything else
 * dropped ("cp-1256", "Windows_1256" and "windows1256" are all
 * "windows1256" or "cp1256"). 0 if none is left or it is too long.
 */
static int
doc_loose(const char *label, char *out, size_t outlen)
{
	size_t	 n = 0;

	for (; *label != '\0'; label++) {
		if (!isalnum((unsigned char)*label))
			continue;
		if (n + 1 >= outlen)
			return 0;
		out[n++] = (char)tolower((unsigned char)*label);
	}
	out[n] = '\0';
	return n > 0;
}

/*
 * The encoding a label names when compared loosely (doc_loose) with the
 * WHATWG labels, then with doc_spelled_labels; NULL if none. For the
 * labels of an XML declaration and of HTTP, which feedparser reads through
 * Python's codec lookup, as loose; a <meta> keeps WHATWG's exact match.
 */
static const char *
doc_spelled(const char *label)
{
	char	 key[DOC_LABEL_MAX], k[DOC_LABEL_MAX];
	size_t	 i;

	if (!doc_loose(label, key, sizeof(key)))
		return NULL;
	for (i = 0; i < nitems(doc_labels); i++)
		if (doc_loose(doc_labels[i].label, k, sizeof(k)) &&
		    strcmp(k, key) == 0)
			return doc_labels[i].enc;
	for (i = 0; i < nitems(doc_spelled_labels); i++)
		if (strcmp(doc_spelled_labels[i].name, key) == 0)
			return doc_spelled_labels[i].alias;
	return NULL;
}

/* The alias of name in a table, or NULL. */
static const char *
doc_alias(const struct doc_alias *t, size_t n, const char *name)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcasecmp(t[i].name, name) == 0)
			return t[i].alias;
	return NULL;
}

/* The name to give iconv for a canonical encoding name. */
static const char *
doc_iconv_name(const char *enc)
{
	const char	*a;

	a = doc_alias(doc_iconv_names, sizeof(doc_iconv_names) /
	    sizeof(doc_iconv_names[0]), enc);
	return a != NULL ? a : enc;
}

/* The size of an encoding's code unit: 2 for UTF-16, 4 for UTF-32, else 1. */
static size_t
doc_unit(const char *enc)
{
	size_t	 i;

	for (i = 0; i < sizeof(doc_units) / sizeof(doc_units[0]); i++)
		if (strncasecmp(enc, doc_units[i].prefix,
		    strlen(doc_units[i].prefix)) == 0)
			return doc_units[i].unit;
	return 1;
}

/* Whether iconv can decode a label: safe characters, and it knows it. */
static int
doc_iconv_knows(const char *label)
{
	iconv_t	 cd;

	if (label[strspn(label, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-_.:")] != '\0')
		return 0;
	if ((cd = iconv_open("UTF-8", label)) == (iconv_t)-1)
		return 0;
	iconv_close(cd);
	return 1;
}

static const char *doc_same_as(const char *);

/*
 * The canonical name of the encoding a label names, into enc: the WHATWG
 * name, or for a label only iconv knows the WHATWG name of the byte-wise
 * encoding it reads alike (MS-ARAB is windows-1256), else the label in
 * capitals. 0 if none.
 */
static int
doc_resolve(const char *label, char *enc, size_t enclen)
{
	const char	*w;
	size_t		 i;

	if ((w = doc_label(label)) != NULL) {
		snprintf(enc, enclen, "%s", w);
		return 1;
	}
	if ((w = doc_spelled(label)) != NULL) {
		snprintf(enc, enclen, "%s", w);
		return 1;
	}
	if (!doc_trim(label, enc, enclen, 0) || !doc_iconv_knows(enc)) {
		enc[0] = '\0';
		return 0;
	}
	if ((w = doc_same_as(enc)) != NULL) {
		snprintf(enc, enclen, "%s", w);
		return 1;
	}
	for (i = 0; enc[i] != '\0'; i++)
		enc[i] = (char)toupper((unsigned char)enc[i]);
	return 1;
}

/* Take a label as the evidence from source, if it names an encoding. */
static int
doc_pick_label(struct doc_pick *p, const char *label, enum doc_source source)
{
	if (!doc_resolve(label, p->enc, sizeof(p->enc)))
		return 0;
	doc_trim(label, p->label, sizeof(p->label), 0);
	p->source = source;
	return 1;
}

/* ------------------------------------------------------------------ */
/* The bytes' own evidence: BOM, UTF-16/32 pattern, XML declaration    */

/* The encoding a byte order mark names (its length in *skip), or NULL. */
static const char *
doc_bom(const unsigned char *u, size_t len, size_t *skip)
{
	static const struct {
		const char	*bytes;
		size_t		 len;
		const char	*enc;
	} boms[] = {
		/* UTF-32LE before UTF-16LE, whose mark it begins with. */
		{ "\xff\xfe\0\0", 4, "UTF-32LE" },
		{ "\0\0\xfe\xff", 4, "UTF-32BE" },
		{ "\xef\xbb\xbf", 3, "UTF-8" },
		{ "\xfe\xff", 2, "UTF-16BE" },
		{ "\xff\xfe", 2, "UTF-16LE" },
	};
	size_t	 i;

	for (i = 0; i < sizeof(boms) / sizeof(boms[0]); i++)
		if (len >= boms[i].len &&
		    memcmp(u, boms[i].bytes, boms[i].len) == 0) {
			*skip = boms[i].len;
			return boms[i].enc;
		}
	return NULL;
}

/*
 * UTF-16 or UTF-32 without a BOM, seen from the NUL bytes around the first
 * two ASCII characters ("<?", "{\"", "\n<"), as XML 1.0 appendix F does.
 * UTF-32's pattern holds one character: the second must be wide too, or
 * three NUL bytes a script printed before "<?xml" read as UTF-32.
 */
static const char *
doc_wide(const unsigned char *u, size_t len)
{
	static const struct {
		const char	*zero;	/* 1: the byte is NUL, 0: ASCII, not NUL */
		const char	*enc;
	} pats[] = {
		{ "11101110", "UTF-32BE" },
		{ "01110111", "UTF-32LE" },
		{ "1010", "UTF-16BE" },
		{ "0101", "UTF-16LE" },
	};
	size_t	 i, j, n;

	for (i = 0; i < sizeof(pats) / sizeof(pats[0]); i++) {
		n = strlen(pats[i].zero);
		for (j = 0; j < n && j < len; j++)
			if (pats[i].zero[j] == '1' ? u[j] != 0 :
			    u[j] == 0 || u[j] >= 0x80)
				break;
		if (j == n)
			return pats[i].enc;
	}
	return NULL;
}

/* Whether the body starts with ASCII markup ("<x", "{x", "[x"): not UTF-16. */
static int
doc_markup(const unsigned char *u, size_t len)
{
	size_t	 i = 0;

	while (i < len && doc_ws(u[i]))
		i++;
	return i + 1 < len && u[i] != 0 && strchr("<{[", u[i]) != NULL &&
	    u[i + 1] != 0;
}

/* Skip white space from *i; whether bytes remain. */
static int
doc_skip_ws(const unsigned char *u, size_t len, size_t *i)
{
	while (*i < len && doc_ws(u[*i]))
		(*i)++;
	return *i < len;
}

/* One pseudo-attribute of the XML declaration at *i: name=value. */
static int
doc_decl_attr(const unsigned char *u, size_t len, size_t *i, size_t *name,
    size_t *nlen, size_t *val, size_t *vlen)
{
	unsigned char	 q = 0;

	if (!doc_skip_ws(u, len, i) || !isalpha(u[*i]))
		return 0;
	for (*name = *i; *i < len && isalpha(u[*i]); (*i)++)
		;
	*nlen = *i - *name;
	if (!doc_skip_ws(u, len, i) || u[*i] != '=')
		return 0;
	(*i)++;
	if (!doc_skip_ws(u, len, i))
		return 0;
	if (u[*i] == '"' || u[*i] == '\'')
		q = u[(*i)++];
	for (*val = *i; *i < len && (q ? u[*i] != q :
	    !doc_ws(u[*i]) && u[*i] != '?'); (*i)++)
		;
	*vlen = *i - *val;
	if (q != 0 && *i < len)
		(*i)++;
	return 1;
}

/* The encoding label of an XML declaration at the start of the body. */
static int
doc_xml_decl(const unsigned char *u, size_t len, char *label, size_t labellen)
{
	size_t	 i = 0, name, nlen, val, vlen;

	if (len > DOC_DECL_MAX)
		len = DOC_DECL_MAX;
	/* NUL bytes a script printed before the feed hide no declaration. */
	while (i < len && (u[i] == '\0' || doc_ws(u[i])))
		i++;
	if (len - i < 6 || memcmp(u + i, "<?xml", 5) != 0 || !doc_ws(u[i + 5]))
		return 0;
	i += 5;
	while (doc_decl_attr(u, len, &i, &name, &nlen, &val, &vlen))
		if (nlen == 8 && strncasecmp((const char *)u + name,
		    "encoding", 8) == 0 && vlen > 0 && vlen < labellen) {
			memcpy(label, u + val, vlen);
			label[vlen] = '\0';
			return 1;
		}
	return 0;
}

/* ------------------------------------------------------------------ */
/* The WHATWG <meta> prescan                                           */

/* The byte at the cursor, or -1 at the end. */
static int
doc_peek(const struct doc_scan *sc)
{
	return sc->pos < sc->len ? sc->s[sc->pos] : -1;
}

/* Whether the bytes at the cursor are str (ASCII case-insensitive). */
static int
doc_at(const struct doc_scan *sc, const char *str)
{
	size_t	 n = strlen(str);

	return sc->len - sc->pos >= n &&
	    strncasecmp((const char *)sc->s + sc->pos, str, n) == 0;
}

/* Move the cursor to the first str at or after from; 0 if there is none. */
static int
doc_seek(struct doc_scan *sc, size_t from, const char *str)
{
	for (sc->pos = from; sc->pos < sc->len; sc->pos++)
		if (doc_at(sc, str))
			return 1;
	return 0;
}

/*
 * Append a byte, lower-cased, to a name or value. What a late scan reads
 * past DOC_PRESCAN bytes is dropped: no label is that long.
 */
static void
doc_attr_put(char *s, size_t *n, int c)
{
	if (*n >= DOC_PRESCAN)
		return;
	s[(*n)++] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
	s[*n] = '\0';
}

/* The value of an attribute after its '=' (WHATWG "get an attribute", 9-11). */
static int
doc_attr_value(struct doc_scan *sc, struct doc_attr *a)
{
	int	 c, q;

	while ((c = doc_peek(sc)) != -1 && doc_ws(c))
		sc->pos++;
	if (c == '"' || c == '\'') {
		q = c;
		for (sc->pos++; (c = doc_peek(sc)) != -1; sc->pos++) {
			if (c == q) {
				sc->pos++;
				return 1;
			}
			doc_attr_put(a->value, &a->vlen, c);
		}
		return 0;
	}
	if (c == '>')
		return 1;
	for (; (c = doc_peek(sc)) != -1; sc->pos++) {
		if (doc_ws(c) || c == '>')
			return 1;
		doc_attr_put(a->value, &a->vlen, c);
	}
	return 0;
}

/* WHATWG "get an attribute": 0 when the tag (or the scanned bytes) ends. */
static int
doc_attr_get(struct doc_scan *sc, struct doc_attr *a)
{
	int	 c;

	a->nlen = a->vlen = 0;
	a->name[0] = a->value[0] = '\0';
	while ((c = doc_peek(sc)) != -1 && (doc_ws(c) || c == '/'))
		sc->pos++;
	if (c == -1 || c == '>')
		return 0;
	for (; (c = doc_peek(sc)) != -1; sc->pos++) {
		if (c == '=' && a->nlen > 0) {
			sc->pos++;
			return doc_attr_value(sc, a);
		}
		if (doc_ws(c))
			break;
		if (c == '/' || c == '>')
			return 1;
		doc_attr_put(a->name, &a->nlen, c);
	}
	while ((c = doc_peek(sc)) != -1 && doc_ws(c))
		sc->pos++;
	if (c == -1)
		return 0;
	if (c != '=')
		return 1;
	sc->pos++;
	return doc_attr_value(sc, a);
}

/* WHATWG "extract a character encoding from a meta element": NULL if none. */
static const char *
doc_meta_content(const char *s)
{
	const char	*p = s, *end;
	char		 q, label[DOC_PRESCAN + 1];

	for (;;) {
		if ((p = strstr(p, "charset")) == NULL)
			return NULL;
		p += 7;
		while (doc_ws((unsigned char)*p))
			p++;
		if (*p == '=')
			break;
	}
	p++;
	while (doc_ws((unsigned char)*p))
		p++;
	if (*p == '"' || *p == '\'') {
		q = *p++;
		if ((end = strchr(p, q)) == NULL)
			return NULL;
	} else if (*p == '\0')
		return NULL;
	else
		for (end = p; *end != '\0' && !doc_ws((unsigned char)*end) &&
		    *end != ';'; end++)
			;
	memcpy(label, p, (size_t)(end - p));
	label[end - p] = '\0';
	return doc_label(label);
}

/* The attributes of a <meta> that matter, in doc_meta's order. */
static const char *const doc_meta_attrs[] = { "http-equiv", "content",
    "charset" };

/* Which of doc_meta_attrs an attribute is, or -1. */
static int
doc_meta_attr(const struct doc_attr *a)
{
	int	 i;

	for (i = 0; i < 3; i++)
		if (strcmp(a->name, doc_meta_attrs[i]) == 0)
			return i;
	return -1;
}

/*
 * The encoding a <meta> tag's attributes give (cursor after "<meta"): a
 * charset attribute, or a content attribute beside http-equiv=content-type.
 * The first of two attributes with one name counts.
 */
static const char *
doc_meta(struct doc_scan *sc)
{
	struct doc_attr	 a;
	const char	*charset = NULL;
	int		 i, need = -1, got = 0, failed = 0, seen = 0;

	while (doc_attr_get(sc, &a)) {
		if ((i = doc_meta_attr(&a)) == -1 || (seen & (1 << i)))
			continue;
		seen |= 1 << i;
		if (i == 0)
			got = strcmp(a.value, "content-type") == 0;
		else if (i == 1 && charset == NULL && !failed) {
			if ((charset = doc_meta_content(a.value)) != NULL)
				need = 1;
		} else if (i == 2) {
			charset = doc_label(a.value);
			failed = charset == NULL;
			need = 0;
		}
	}
	if (need == -1 || (need == 1 && !got) || charset == NULL)
		return NULL;
	if (strncmp(charset, "UTF-16", 6) == 0)
		return "UTF-8";
	return strcmp(charset, "x-user-defined") == 0 ? "windows-1252" :
	    charset;
}

/* Skip a start or end tag's name and attributes (cursor at its '<'). */
static void
doc_skip_tag(struct doc_scan *sc)
{
	struct doc_attr	 a;
	int		 c;

	while ((c = doc_peek(sc)) != -1 && !doc_ws(c) && c != '>')
		sc->pos++;
	while (doc_attr_get(sc, &a))
		;
}

/* Whether the cursor is at '<' or "</" and then an ASCII letter. */
static int
doc_at_tag(const struct doc_scan *sc)
{
	size_t	 i = sc->pos + 1;

	if (i < sc->len && sc->s[i] == '/')
		i++;
	return i < sc->len && isalpha(sc->s[i]) && sc->s[sc->pos] == '<';
}

/*
 * The prescan over the first len bytes of sc, which stops at a <body> tag
 * when body is set: the encoding found (into label), or 0.
 */
static int
doc_meta_scan(struct doc_scan *sc, int body, char *label, size_t labellen)
{
	const char	*enc;

	for (; sc->pos < sc->len; sc->pos++) {
		if (doc_at(sc, "<!--")) {
			if (!doc_seek(sc, sc->pos + 4, "-->"))
				return 0;
			sc->pos += 2;
		} else if (doc_at(sc, "<meta") && sc->pos + 5 < sc->len &&
		    (doc_ws(sc->s[sc->pos + 5]) || sc->s[sc->pos + 5] == '/')) {
			sc->pos += 5;
			if ((enc = doc_meta(sc)) != NULL) {
				snprintf(label, labellen, "%s", enc);
				return 1;
			}
		} else if (body && doc_at(sc, "<body"))
			return 0;
		else if (doc_at_tag(sc))
			doc_skip_tag(sc);
		else if ((doc_at(sc, "<!") || doc_at(sc, "</") ||
		    doc_at(sc, "<?")) && !doc_seek(sc, sc->pos + 1, ">"))
			return 0;
	}
	return 0;
}

/* The WHATWG prescan of a byte stream (see doc.h). */
int
doc_meta_prescan(const char *data, size_t len, char *label, size_t labellen)
{
	struct doc_scan	 sc = { (const unsigned char *)data, len, 0 };

	if (sc.len > DOC_PRESCAN)
		sc.len = DOC_PRESCAN;
	return doc_meta_scan(&sc, 0, label, labellen);
}

/*
 * A <meta> charset in a <head> too long for the prescan (inline styles and
 * scripts): a browser's parser meets it and reads the page again in that
 * encoding, so it counts as one the prescan found.
 */
static int
doc_meta_late(const char *data, size_t len, char *label, size_t labellen)
{
	struct doc_scan	 sc = { (const unsigned char *)data, len, 0 };

	if (sc.len <= DOC_PRESCAN)
		return 0;
	if (sc.len > DOC_HEAD_MAX)
		sc.len = DOC_HEAD_MAX;
	return doc_meta_scan(&sc, 1, label, labellen);
}

/* ------------------------------------------------------------------ */
/* Conversion                                                          */

/* Grow an output buffer, keeping the iconv output cursor in step. */
static void
doc_grow(char **out, size_t *cap, char **op, size_t *ol)
{
	size_t	 used = (size_t)(*op - *out);

	*cap *= 2;
	*out = xreallocarray(*out, *cap, 1);
	*op = *out + used;
	*ol = *cap - 1 - used;
}

/*
 * Convert len bytes from the iconv encoding enc into a new UTF-8 string
 * (length in *outlen). Bytes that do not decode become U+FFFD, counted in
 * *replaced; when strict, the first such byte gives up instead (NULL). An
 * incomplete character at the end is replaced even then: a body cut at the
 * fetcher's cap. NULL also when iconv does not know enc.
 */
static char *
doc_iconv(const char *enc, const char *in, size_t len, int strict,
    size_t *outlen, size_t *replaced)
{
	iconv_t	 cd;
	char	*out, *ip = (char *)in, *op, *fit;
	size_t	 cap, il = len, ol, n, unit = doc_unit(enc);

	if ((cd = iconv_open("UTF-8", enc)) == (iconv_t)-1)
		return NULL;
	/* A single byte becomes at most 3 (U+FFFD); wider units no more. */
	cap = 3 * len + 16;
	out = xmalloc(cap);
	op = out;
	ol = cap - 1;
	while (il > 0 && iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
		if (errno == E2BIG) {
			doc_grow(&out, &cap, &op, &ol);
			continue;
		}
		if (errno != EINVAL && strict) {
			iconv_close(cd);
			free(out);
			return NULL;
		}
		if (ol < 3)
			doc_grow(&out, &cap, &op, &ol);
		memcpy(op, DOC_FFFD, 3);
		op += 3;
		ol -= 3;
		n = errno == EINVAL || il < unit ? il : unit;
		ip += n;
		il -= n;
		*replaced += n;
	}
	/* Back to the initial state (ISO-2022-JP), which may write bytes. */
	while (iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1 && errno == E2BIG)
		doc_grow(&out, &cap, &op, &ol);
	iconv_close(cd);
	*op = '\0';
	*outlen = (size_t)(op - out);
	fit = realloc(out, *outlen + 1);
	return fit != NULL ? fit : out;
}

/* WHATWG's byte-wise encodings that iconv-only labels name too. */
static const char *const doc_bytewise_names[] = {
	"IBM866", "ISO-8859-2", "ISO-8859-3", "ISO-8859-4", "ISO-8859-5",
	"ISO-8859-6", "ISO-8859-7", "ISO-8859-8", "ISO-8859-10", "ISO-8859-13",
	"ISO-8859-14", "ISO-8859-15", "ISO-8859-16", "KOI8-R", "KOI8-U",
	"macintosh", "windows-874", "windows-1250", "windows-1251",
	"windows-1252", "windows-1253", "windows-1254", "windows-1255",
	"windows-1256", "windows-1257", "windows-1258", "x-mac-cyrillic",
};

/*
 * The WHATWG name of the byte-wise encoding an iconv-only label reads
 * as (iconv's MS-ARAB is windows-1256, MS-ANSI windows-1252): the one that
 * decodes every byte of the upper half alike, so that the checks made of
 * a declared encoding (doc_not_latin, doc_not_cyrillic) know it. NULL
 * when none does.
 */
static const char *
doc_same_as(const char *label)
{
	unsigned char	 high[128];
	const char	*found = NULL;
	char		*a, *b;
	size_t		 i, na, nb, ra = 0, rb;

	for (i = 0; i < sizeof(high); i++)
		high[i] = (unsigned char)(0x80 + i);
	if ((a = doc_iconv(label, (const char *)high, sizeof(high), 0, &na,
	    &ra)) == NULL)
		return NULL;
	for (i = 0; found == NULL && i < nitems(doc_bytewise_names); i++) {
		rb = 0;
		b = doc_iconv(doc_iconv_name(doc_bytewise_names[i]),
		    (const char *)high, sizeof(high), 0, &nb, &rb);
		if (b != NULL && nb == na && rb == ra && memcmp(a, b, na) == 0)
			found = doc_bytewise_names[i];
		free(b);
	}
	free(a);
	return found;
}

/* x-user-defined by hand: ASCII as is, 0x80-0xFF to U+F780-U+F7FF. */
static char *
doc_user_defined(const unsigned char *u, size_t len, size_t *outlen)
{
	char	*out, *o;
	size_t	 i;

	out = xmalloc(3 * len + 1);
	for (o = out, i = 0; i < len; i++) {
		if (u[i] < 0x80) {
			*o++ = (char)u[i];
			continue;
		}
		*o++ = (char)0xef;
		*o++ = (char)(0x80 | ((0xf700 + u[i]) >> 6 & 0x3f));
		*o++ = (char)(0x80 | (u[i] & 0x3f));
	}
	*o = '\0';
	*outlen = (size_t)(o - out);
	return out;
}

/*
 * Mac OS Arabic's upper half (Apple's ARABIC.TXT; 0xA0-0xBF and
 * 0xDB-0xDF, 0xFB-0xFD are its right-to-left copies of ASCII's
 * punctuation). Neither WHATWG nor glibc's iconv knows the encoding, and
 * its Arabic letters are ISO-8859-6's, so that a detector takes it for
 * windows-1256 and reads كازاخستان as مازاخستاو.
 */
static const uint16_t doc_mac_arabic_high[128] = {
	0x00c4, 0x00a0, 0x00c7, 0x00c9, 0x00d1, 0x00d6, 0x00dc, 0x00e1,
	0x00e0, 0x00e2, 0x00e4, 0x06ba, 0x00ab, 0x00e7, 0x00e9, 0x00e8,
	0x00ea, 0x00eb, 0x00ed, 0x2026, 0x00ee, 0x00ef, 0x00f1, 0x00f3,
	0x00bb, 0x00f4, 0x00f6, 0x00f7, 0x00fa, 0x00f9, 0x00fb, 0x00fc,
	0x0020, 0x0021, 0x0022, 0x0023, 0x0024, 0x066a, 0x0026, 0x0027,
	0x0028, 0x0029, 0x002a, 0x002b, 0x060c, 0x002d, 0x002e, 0x002f,
	0x0660, 0x0661, 0x0662, 0x0663, 0x0664, 0x0665, 0x0666, 0x0667,
	0x0668, 0x0669, 0x003a, 0x061b, 0x003c, 0x003d, 0x003e, 0x061f,
	0x274a, 0x0621, 0x0622, 0x0623, 0x0624, 0x0625, 0x0626, 0x0627,
	0x0628, 0x0629, 0x062a, 0x062b, 0x062c, 0x062d, 0x062e, 0x062f,
	0x0630, 0x0631, 0x0632, 0x0633, 0x0634, 0x0635, 0x0636, 0x0637,
	0x0638, 0x0639, 0x063a, 0x005b, 0x005c, 0x005d, 0x005e, 0x005f,
	0x0640, 0x0641, 0x0642, 0x0643, 0x0644, 0x0645, 0x0646, 0x0647,
	0x0648, 0x0649, 0x064a, 0x064b, 0x064c, 0x064d, 0x064e, 0x064f,
	0x0650, 0x0651, 0x0652, 0x067e, 0x0679, 0x0686, 0x06d5, 0x06a4,
	0x06af, 0x0688, 0x0691, 0x007b, 0x007c, 0x007d, 0x0698, 0x06d2,
};

/* x-mac-arabic by hand: ASCII as is, the upper half through the table. */
static char *
doc_mac_arabic(const unsigned char *u, size_t len, size_t *outlen)
{
	char		*out, *o;
	size_t		 i;
	uint16_t	 cp;

	out = xmalloc(3 * len + 1);
	for (o = out, i = 0; i < len; i++) {
		if (u[i] < 0x80) {
			*o++ = (char)u[i];
			continue;
		}
		cp = doc_mac_arabic_high[u[i] - 0x80];
		if (cp < 0x800) {
			*o++ = (char)(0xc0 | cp >> 6);
			*o++ = (char)(0x80 | (cp & 0x3f));
			continue;
		}
		*o++ = (char)(0xe0 | cp >> 12);
		*o++ = (char)(0x80 | (cp >> 6 & 0x3f));
		*o++ = (char)(0x80 | (cp & 0x3f));
	}
	*o = '\0';
	*outlen = (size_t)(o - out);
	return out;
}

/* Record what the input was in d. */
static void
doc_set(struct doc *d, const char *enc, enum doc_source source,
    const char *declared)
{
	snprintf(d->encoding, sizeof(d->encoding), "%s", enc);
	snprintf(d->declared, sizeof(d->declared), "%s", declared);
	d->source = source;
}

/* Take an owned, converted copy as d's text. */
static void
doc_own(struct doc *d, char *s, size_t len)
{
	d->owned = s;
	d->data = s;
	d->len = len;
}

/*
 * Decode the body from the canonical encoding enc into d (its encoding and
 * source already set). Strict: 0 when it decodes without error, else -1
 * and d is left alone.
 */
static int
doc_convert(struct doc *d, const char *enc, const unsigned char *u,
    size_t len, int strict)
{
	char	*s;
	size_t	 n, replaced = 0;

	if (strcmp(enc, "UTF-8") == 0) {
		s = doc_utf8_repair(u, len, &n, &d->replaced);
		doc_own(d, s, n);
		return 0;
	}
	if (strcmp(enc, "x-user-defined") == 0) {
		s = doc_user_defined(u, len, &n);
		doc_own(d, s, n);
		return 0;
	}
	if (strcmp(enc, "x-mac-arabic") == 0) {
		s = doc_mac_arabic(u, len, &n);
		doc_own(d, s, n);
		return 0;
	}
	if (strcmp(enc, "replacement") == 0) {
		/* The whole document is one U+FFFD (WHATWG). */
		s = xstrdup(len > 0 ? DOC_FFFD : "");
		doc_own(d, s, strlen(s));
		d->replaced = len;
		return 0;
	}
	s = doc_iconv(doc_iconv_name(enc), (const char *)u, len, strict, &n,
	    &replaced);
	if (s == NULL && strict)
		return -1;
	/* Only a glibc without its gconv modules knows no legacy charset. */
	if (s == NULL)
		return doc_convert(d, "UTF-8", u, len, 0);
	doc_own(d, s, n);
	d->replaced = replaced;
	return 0;
}

/* Whether decoding pure ASCII in enc gives the same bytes: no copy needed. */
static int
doc_ascii_as_is(const char *enc, const unsigned char *u, size_t len)
{
	static const char *const shifting[] = { "ISO-2022-JP", "replacement",
	    "UTF-16BE", "UTF-16LE" };
	size_t	 i;

	for (i = 0; i < sizeof(shifting) / sizeof(shifting[0]); i++)
		if (strcmp(enc, shifting[i]) == 0)
			return 0;
	return doc_label(enc) != NULL && memchr(u, 0x1b, len) == NULL;
}

/* ------------------------------------------------------------------ */
/* Detection                                                           */

/* Whether a block holds a byte that tells encodings apart (high, or ESC). */
static int
doc_telling(const unsigned char *u, size_t len)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		if (u[i] >= 0x80 || u[i] == 0x1b)
			return 1;
	return 0;
}

/*
 * What uchardet names for a body, into name. It reads the blocks that hold
 * telling bytes, up to DOC_SAMPLE: a whole feed would cost as much as
 * parsing it, and the answer is the same.
 */
static int
doc_uchardet(const unsigned char *u, size_t len, char *name, size_t namelen)
{
	uchardet_t	 ud;
	size_t		 off, n, fed = 0;

	doc_oom(ud = uchardet_new());
	for (off = 0; off < len && fed < DOC_SAMPLE; off += n) {
		n = len - off < DOC_BLOCK ? len - off : DOC_BLOCK;
		if (!doc_telling(u + off, n))
			continue;
		if (uchardet_handle_data(ud, (const char *)u + off, n) != 0)
			break;
		fed += n;
	}
	uchardet_data_end(ud);
	snprintf(name, namelen, "%s", uchardet_get_charset(ud));
	uchardet_delete(ud);
	return name[0] != '\0' ? 0 : -1;
}

/*
 * Whether KOI8 bytes hold the letters only KOI8-U has (Ukrainian і ї є ґ,
 * box-drawing characters in KOI8-R, which no feed's text is made of).
 */
static int
doc_koi8u(const unsigned char *u, size_t len)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		switch (u[i]) {
		case 0xa4: case 0xa6: case 0xa7: case 0xad:
		case 0xb4: case 0xb6: case 0xb7: case 0xbd:
			return 1;
		}
	return 0;
}

/* Whether enc is a byte-wise legacy encoding (not UTF-8 nor a wide one). */
static int
doc_bytewise(const char *enc)
{
	return strcmp(enc, "UTF-8") != 0 && strcmp(enc, "replacement") != 0 &&
	    strcmp(enc, "x-user-defined") != 0 && doc_unit(enc) == 1;
}

/*
 * The byte-wise legacy encoding uchardet names for a body or a sample,
 * into enc; -1 for none, UTF-8 or a wide one.
 */
static int
doc_sample_enc(const unsigned char *sample, size_t len, char *enc,
    size_t enclen)
{
	char		 name[DOC_LABEL_MAX];
	const char	*a;

	if (doc_uchardet(sample, len, name, sizeof(name)) == -1)
		return -1;
	a = doc_alias(doc_detected_names, sizeof(doc_detected_names) /
	    sizeof(doc_detected_names[0]), name);
	if (!doc_resolve(a != NULL ? a : name, enc, enclen) ||
	    !doc_bytewise(enc))
		return -1;
	/* uchardet knows KOI8-R only: Ukrainian text is KOI8-U. */
	if (strcmp(enc, "KOI8-R") == 0 && doc_koi8u(sample, len))
		snprintf(enc, enclen, "KOI8-U");
	return 0;
}

/*
 * Detect the encoding of a body that is not what it claims: d is set when
 * uchardet's answer is a byte-wise superset of ASCII (never UTF-8 here,
 * nor UTF-16) that decodes the whole body without an error. -1 otherwise.
 */
static int
doc_detect(struct doc *d, const unsigned char *u, size_t len,
    const char *declared)
{
	char	 enc[DOC_LABEL_MAX];

	if (doc_sample_enc(u, len, enc, sizeof(enc)) == -1 ||
	    doc_convert(d, enc, u, len, 1) == -1)
		return -1;
	doc_set(d, enc, DOC_SRC_DETECTED, declared);
	return 0;
}

/* ------------------------------------------------------------------ */
/* The decision                                                        */

/*
 * The ASCII characters at the start of a UTF-16 or UTF-32 body, one byte
 * each, so that its XML declaration can be read: their count.
 */
static size_t
doc_narrow(const unsigned char *u, size_t len, const char *wide,
    unsigned char *out, size_t outlen)
{
	size_t	 unit = doc_unit(wide), at, i, n, k;

	at = strstr(wide, "BE") != NULL ? unit - 1 : 0;
	for (n = 0, i = 0; n < outlen && i + unit <= len; n++, i += unit) {
		for (k = 0; k < unit; k++)
			if (k != at && u[i + k] != 0)
				return n;
		if ((out[n] = u[i + at]) >= 0x80)
			return n;
	}
	return n;
}

/* The encoding label of the XML declaration, of a narrow or wide body. */
static int
doc_xml_label(const unsigned char *u, size_t len, char *label,
    size_t labellen)
{
	unsigned char	 head[DOC_DECL_MAX];
	const char	*wide;
	size_t		 n;

	if ((wide = doc_wide(u, len)) == NULL)
		return doc_xml_decl(u, len, label, labellen);
	n = doc_narrow(u, len, wide, head, sizeof(head));
	return doc_xml_decl(head, n, label, labellen);
}

/* Whether a kind of document is XML, checked or not. */
static int
doc_is_xml(enum doc_kind kind)
{
	return kind == DOC_XML || kind == DOC_XML_UNCHECKED;
}

/* The first usable label: the HTTP charset, the XML declaration, <meta>. */
static void
doc_evidence(struct doc_pick *p, const unsigned char *u, size_t len,
    const char *http, enum doc_kind kind)
{
	char	 lbl[DOC_LABEL_MAX];

	memset(p, 0, sizeof(*p));
	if (http != NULL && doc_pick_label(p, http, DOC_SRC_HEADER))
		return;
	if (doc_is_xml(kind) && doc_xml_label(u, len, lbl, sizeof(lbl)) &&
	    doc_pick_label(p, lbl, DOC_SRC_DECLARATION))
		return;
	if (kind == DOC_HTML &&
	    (doc_meta_prescan((const char *)u, len, lbl, sizeof(lbl)) ||
	    doc_meta_late((const char *)u, len, lbl, sizeof(lbl))))
		doc_pick_label(p, lbl, DOC_SRC_META);
}

/*
 * UTF-16 and UTF-32 labels against the bytes: a body with the NUL pattern
 * of wide ASCII is in that wide encoding (a label of another width is then
 * wrong; the byte order is the pattern's), and a wide label on a body of
 * plain ASCII markup means UTF-8 (WHATWG).
 * Returns the wide encoding to decode with, or NULL to go on.
 */
static const char *
doc_width(struct doc_pick *p, const unsigned char *u, size_t len,
    enum doc_kind kind)
{
	const char	*wide = doc_wide(u, len);

	if (wide != NULL && p->enc[0] == '\0')
		p->source = doc_is_xml(kind) ? DOC_SRC_DECLARATION :
		    DOC_SRC_DETECTED;
	else if (wide != NULL && doc_unit(p->enc) != doc_unit(wide)) {
		p->source = DOC_SRC_DETECTED;
		p->overridden = 1;
	}
	if (wide != NULL)
		return wide;
	if (p->enc[0] == '\0' || doc_unit(p->enc) == 1)
		return NULL;
	if (!doc_markup(u, len))
		return p->enc;
	snprintf(p->enc, sizeof(p->enc), "UTF-8");
	p->overridden = 1;
	return NULL;
}

/* The label a pick overrode, or "". */
static const char *
doc_overridden(const struct doc_pick *p)
{
	return p->overridden ? p->label : "";
}

/* The body as it is: valid UTF-8, not copied. */
static void
doc_as_is(struct doc *d, const unsigned char *u, size_t len)
{
	d->data = (const char *)u;
	d->len = len;
}

/* Whether 7-bit bytes designate a double-byte set (ESC $): ISO-2022. */
static int
doc_iso2022(const unsigned char *u, size_t len)
{
	const unsigned char	*p, *end = u + len;

	for (p = u; (p = memchr(p, 0x1b, (size_t)(end - p))) != NULL; p++)
		if (p + 1 < end && p[1] == '$')
			return 1;
	return 0;
}

/* A body that claims UTF-8 or nothing, for a reader that checks it. */
static void
doc_unchecked(struct doc *d, const struct doc_pick *p,
    const unsigned char *u, size_t len)
{
	doc_set(d, "UTF-8", p->enc[0] != '\0' ? p->source : DOC_SRC_DEFAULT,
	    "");
	doc_as_is(d, u, len);
	d->unchecked = 1;
}

static void	 doc_legacy(struct doc *, const struct doc_pick *,
		    const unsigned char *, size_t, size_t, size_t,
		    enum doc_kind);

/*
 * A body the HTTP header calls UTF-8 and is not, whose own label (its XML
 * declaration, a page's <meta>) names a byte-wise encoding: read as a body
 * that claims that one (doc_legacy), as a server's default header says
 * nothing of the file a CMS wrote, and the CMS's label is checked against
 * the text as any is (an Arabic feed in windows-1256 that says ISO-8859-1
 * is read as windows-1256). -1 when it names none.
 */
static int
doc_declared(struct doc *d, const struct doc_pick *p, const unsigned char *u,
    size_t len, size_t multi, size_t bad, enum doc_kind kind)
{
	struct doc_pick	 own;

	if (p->source != DOC_SRC_HEADER)
		return -1;
	doc_evidence(&own, u, len, NULL, kind);
	if (own.enc[0] == '\0' || !doc_bytewise(own.enc))
		return -1;
	doc_legacy(d, &own, u, len, multi, bad, kind);
	/* Where the file's own label held, the header's is the one it beat. */
	if (d->source == own.source)
		doc_set(d, own.enc, own.source, p->label);
	return 0;
}

/* ------------------------------------------------------------------ */
/* UTF-8 with legacy text pasted in                                    */

/*
 * A piece of a body between markup characters (< and >): a text, or a
 * tag's inside; in JSON (json) a string's quotes end one too, as a JSON
 * Feed's title has no markup around it. The unit a mixed body is decoded
 * by: a CMS pastes whole titles and paragraphs from a legacy page, and a
 * piece is long enough that legacy text never passes for UTF-8 in all of
 * it.
 */
static size_t
doc_piece(const unsigned char *u, size_t len, int json)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		if (u[i] == '<' || u[i] == '>' || (json && u[i] == '"'))
			return i + 1;
	return len;
}

/*
 * Whether a piece is legacy text: more invalid sequences (*bad) than
 * UTF-8 letters (*multi).
 */
static int
doc_piece_legacy(const unsigned char *u, size_t len, size_t *multi,
    size_t *bad)
{
	doc_utf8_scan(u, len, multi, bad);
	return *bad > *multi;
}

/*
 * Whether a body holds both UTF-8 text and legacy pieces; with a sample,
 * the legacy pieces too, up to DOC_SAMPLE bytes, one a line (*samplelen).
 * UTF-8 counts when a piece holds two letters of it: one can be chance.
 */
static int
doc_mixed_sample(const unsigned char *u, size_t len, int json,
    unsigned char *sample, size_t *samplelen)
{
	size_t	 i, n, multi, bad, take, utf8 = 0, legacy = 0;

	*samplelen = 0;
	for (i = 0; i < len; i += n) {
		if (sample == NULL && utf8 > 0 && legacy > 0)
			break;
		n = doc_piece(u + i, len - i, json);
		if (!doc_piece_legacy(u + i, n, &multi, &bad)) {
			utf8 += multi >= 2;
			continue;
		}
		legacy++;
		if (sample == NULL || *samplelen + 1 >= DOC_SAMPLE)
			continue;
		take = n < DOC_SAMPLE - 1 - *samplelen ? n :
		    DOC_SAMPLE - 1 - *samplelen;
		memcpy(sample + *samplelen, u + i, take);
		*samplelen += take;
		sample[(*samplelen)++] = '\n';
	}
	return utf8 > 0 && legacy > 0;
}

/*
 * Decode a mixed body into d: its legacy pieces in enc, the rest as UTF-8
 * (stray bytes replaced). -1, d left alone, when iconv does not know enc.
 */
static int
doc_mixed_convert(struct doc *d, const char *enc, const unsigned char *u,
    size_t len, int json)
{
	char		*out, *o, *s, *fit;
	size_t		 i, n, sn, multi, bad, replaced = 0;

	/* A byte of a byte-wise encoding, or a bad one, is at most 3. */
	out = xmalloc(3 * len + 1);
	for (o = out, i = 0; i < len; i += n) {
		n = doc_piece(u + i, len - i, json);
		if (doc_piece_legacy(u + i, n, &multi, &bad))
			s = doc_iconv(doc_iconv_name(enc), (const char *)u + i,
			    n, 0, &sn, &replaced);
		else if (bad == 0) {
			memcpy(o, u + i, n);
			o += n;
			continue;
		} else
			s = doc_utf8_repair(u + i, n, &sn, &replaced);
		if (s == NULL) {
			free(out);
			return -1;
		}
		memcpy(o, s, sn);
		o += sn;
		free(s);
	}
	*o = '\0';
	fit = realloc(out, (size_t)(o - out) + 1);
	doc_own(d, fit != NULL ? fit : out, (size_t)(o - out));
	d->replaced = replaced;
	return 0;
}

/*
 * A UTF-8 body with legacy text pasted in (an item a CMS copied from a
 * windows-1256 or windows-1251 page): each legacy piece decoded in enc, or
 * when enc is NULL in the encoding uchardet names for those pieces alone,
 * so that neither the UTF-8 items nor the pasted one become U+FFFD or
 * mojibake. -1 when the body is not that, d left alone.
 */
static int
doc_mixed(struct doc *d, const char *enc, enum doc_source source,
    const char *declared, const unsigned char *u, size_t len,
    enum doc_kind kind)
{
	unsigned char	*sample = NULL;
	char		 found[DOC_LABEL_MAX];
	size_t		 n;
	int		 mixed, rc = -1, json = kind == DOC_JSON;

	if (enc == NULL)
		sample = xmalloc(DOC_SAMPLE);
	mixed = doc_mixed_sample(u, len, json, sample, &n);
	if (mixed && enc == NULL &&
	    doc_sample_enc(sample, n, found, sizeof(found)) == 0)
		enc = found;
	if (mixed && enc != NULL &&
	    doc_mixed_convert(d, enc, u, len, json) == 0) {
		doc_set(d, "UTF-8", source, declared);
		snprintf(d->pasted, sizeof(d->pasted), "%s", enc);
		rc = 0;
	}
	free(sample);
	return rc;
}

/* A body that claims UTF-8 or nothing (see the top of this file). */
static void
doc_utf8_or_guess(struct doc *d, const struct doc_pick *p,
    const unsigned char *u, size_t len, size_t multi, size_t bad,
    enum doc_kind kind)
{
	enum doc_source	 src = p->enc[0] != '\0' ? p->source : DOC_SRC_CONTENT;

	if (bad == 0 && multi == 0 && p->enc[0] == '\0') {
		/* 7-bit Japanese is the one ASCII body worth detecting. */
		if (doc_iso2022(u, len) && doc_detect(d, u, len, "") == 0)
			return;
		doc_set(d, kind == DOC_HTML ? "windows-1252" : "UTF-8",
		    DOC_SRC_DEFAULT, "");
		doc_as_is(d, u, len);
	} else if (bad == 0) {
		doc_set(d, "UTF-8", src, doc_overridden(p));
		doc_as_is(d, u, len);
	} else if (multi >= 2 &&
	    doc_mixed(d, NULL, src, doc_overridden(p), u, len, kind) == 0) {
		return;
	} else if (multi >= bad) {
		doc_set(d, "UTF-8", src, doc_overridden(p));
		doc_convert(d, "UTF-8", u, len, 0);
	} else if (doc_declared(d, p, u, len, multi, bad, kind) == -1 &&
	    doc_detect(d, u, len, p->label) == -1) {
		doc_set(d, "windows-1256", DOC_SRC_DETECTED, p->label);
		doc_convert(d, "windows-1256", u, len, 0);
	}
}

/* Whether enc is one of the Latin encodings Western servers default to. */
static int
doc_latin(const char *enc)
{
	return strcmp(enc, "windows-1252") == 0 ||
	    strcmp(enc, "ISO-8859-15") == 0;
}

/*
 * Whether the non-ASCII bytes of a body form whole words: at least min
 * bytes in runs of three or more, and three in four of all of them.
 * Latin text has an accented letter among ASCII ones (café); Arabic or
 * Cyrillic text in a byte-wise encoding is made of such runs.
 */
static int
doc_foreign_words(const unsigned char *u, size_t len, size_t min)
{
	size_t	 i, run = 0, high = 0, words = 0;

	for (i = 0; i <= len; i++) {
		if (i < len && u[i] >= 0x80) {
			run++;
			continue;
		}
		high += run;
		words += run >= 3 ? run : 0;
		run = 0;
	}
	return words >= min && 4 * words >= 3 * high;
}

/*
 * Whether three in four of the non-ASCII characters of a decoded body are
 * letters or marks: a few words' bytes (DOC_WORDS_SHORT) uchardet reads
 * as Cyrillic or Arabic are words; a row of dashes or bullets is not.
 */
static int
doc_letters(const struct doc *t)
{
	const unsigned char	*s = (const unsigned char *)t->data;
	size_t			 i, n, other = 0, letters = 0;
	uint32_t		 cp;

	for (i = 0; i < t->len; i += n) {
		if (s[i] < 0x80) {
			n = 1;
			continue;
		}
		if ((n = utf8_decode(s + i, t->len - i, &cp)) == 0) {
			n = 1;
			other++;
		} else if (text_is_letter(cp))
			letters++;
		else
			other++;
	}
	return letters > 0 && 4 * letters >= 3 * (letters + other);
}

/*
 * A body declared in a Latin encoding whose text is words of another
 * script (an Arabic or Russian site behind a server's ISO-8859-1
 * default): the encoding uchardet names when it is no Latin one and
 * decodes the whole body. -1, d left alone, otherwise.
 */
static int
doc_not_latin(struct doc *d, const struct doc_pick *p,
    const unsigned char *u, size_t len)
{
	struct doc	 t = { .data = "" };
	char		 enc[DOC_LABEL_MAX];

	if (!doc_latin(p->enc) || !doc_foreign_words(u, len, DOC_WORDS_SHORT) ||
	    doc_sample_enc(u, len, enc, sizeof(enc)) == -1 || doc_latin(enc) ||
	    doc_convert(&t, enc, u, len, 1) == -1)
		return -1;
	if (!doc_foreign_words(u, len, DOC_WORDS_MIN) && !doc_letters(&t)) {
		free(t.owned);
		return -1;
	}
	doc_own(d, t.owned, t.len);
	d->replaced = t.replaced;
	doc_set(d, enc, DOC_SRC_DETECTED, p->label);
	return 0;
}

/*
 * The Cyrillic byte-wise encodings and the bytes that are small Russian
 * letters in each (а-п, р-я, ё). Russian, Ukrainian or Kazakh text is
 * nine in ten of them; read in another of these it is at most three in
 * four (windows-1251 as ISO-8859-5), mostly a tenth (KOI8-R's small
 * letters are windows-1251's capitals, and the other way round).
 * windows-1251 and x-mac-cyrillic share their small letters.
 */
static const struct doc_cyrillic {
	const char	*enc;
	unsigned char	 lo[3], hi[3];	/* three ranges of small letters */
} doc_cyrillic[] = {
	{ "windows-1251", { 0xE0, 0xF0, 0xB8 }, { 0xEF, 0xFF, 0xB8 } },
	{ "KOI8-R", { 0xC0, 0xD0, 0xA3 }, { 0xCF, 0xDF, 0xA3 } },
	{ "KOI8-U", { 0xC0, 0xD0, 0xA3 }, { 0xCF, 0xDF, 0xA3 } },
	{ "ISO-8859-5", { 0xD0, 0xE0, 0xF1 }, { 0xDF, 0xEF, 0xF1 } },
	{ "IBM866", { 0xA0, 0xE0, 0xF1 }, { 0xAF, 0xEF, 0xF1 } },
	{ "x-mac-cyrillic", { 0xE0, 0xF0, 0xDE }, { 0xEF, 0xFE, 0xDF } },
};

/* The table's entry of a Cyrillic encoding, or NULL. */
static const struct doc_cyrillic *
doc_cyrillic_of(const char *enc)
{
	size_t	 i;

	for (i = 0; i < sizeof(doc_cyrillic) / sizeof(doc_cyrillic[0]); i++)
		if (strcmp(enc, doc_cyrillic[i].enc) == 0)
			return &doc_cyrillic[i];
	return NULL;
}

/* Per 100 non-ASCII bytes of a body, how many are small letters in c. */
static size_t
doc_small_share(const struct doc_cyrillic *c, const unsigned char *u,
    size_t len)
{
	size_t	 i, high = 0, small = 0;

	for (i = 0; i < len; i++) {
		if (u[i] < 0x80)
			continue;
		high++;
		small += (u[i] >= c->lo[0] && u[i] <= c->hi[0]) ||
		    (u[i] >= c->lo[1] && u[i] <= c->hi[1]) ||
		    (u[i] >= c->lo[2] && u[i] <= c->hi[2]);
	}
	return high == 0 ? 0 : 100 * small / high;
}

/*
 * A body declared in one Cyrillic encoding and written in another (KOI8-R
 * declared windows-1251, a template of the site's previous CMS): the one
 * uchardet names when it makes four in five of the text small letters,
 * at least 15 in 100 more than the declared one, and decodes the whole
 * body. -1, d left alone, otherwise.
 */
static int
doc_not_cyrillic(struct doc *d, const struct doc_pick *p,
    const unsigned char *u, size_t len)
{
	const struct doc_cyrillic	*declared, *found;
	char				 enc[DOC_LABEL_MAX];
	size_t				 was;

	/* Text the declared one reads well is never handed to uchardet. */
	if ((declared = doc_cyrillic_of(p->enc)) == NULL ||
	    (was = doc_small_share(declared, u, len)) > 85 ||
	    !doc_foreign_words(u, len, DOC_WORDS_SHORT) ||
	    doc_sample_enc(u, len, enc, sizeof(enc)) == -1 ||
	    (found = doc_cyrillic_of(enc)) == NULL || found == declared ||
	    doc_small_share(found, u, len) < (was + 15 > 80 ? was + 15 : 80) ||
	    doc_convert(d, enc, u, len, 1) == -1)
		return -1;
	doc_set(d, enc, DOC_SRC_DETECTED, p->label);
	return 0;
}

/*
 * A body declared x-mac-arabic whose text is not: Mac Arabic writes
 * its letters where ISO-8859-6 does, and Arabic text in windows-1256 has
 * ف ق ك at 0xDD-0xDF, which Mac Arabic reads as ] ^ _; two in a hundred
 * non-ASCII bytes there and the text is another encoding, which uchardet
 * names. -1, d left alone, otherwise.
 */
static int
doc_not_mac_arabic(struct doc *d, const struct doc_pick *p,
    const unsigned char *u, size_t len)
{
	size_t	 i, high = 0, odd = 0;

	if (strcmp(p->enc, "x-mac-arabic") != 0)
		return -1;
	for (i = 0; i < len; i++) {
		high += u[i] >= 0x80;
		odd += u[i] >= 0xdb && u[i] <= 0xdf;
	}
	if (50 * odd < high || doc_detect(d, u, len, p->label) == -1)
		return -1;
	return 0;
}

/* A body that claims a legacy encoding (see the top of this file). */
static void
doc_legacy(struct doc *d, const struct doc_pick *p, const unsigned char *u,
    size_t len, size_t multi, size_t bad, enum doc_kind kind)
{
	if (multi >= 2 && bad > 0 &&
	    doc_mixed(d, p->enc, DOC_SRC_CONTENT, p->label, u, len, kind) == 0)
		return;
	if (multi > 0 && multi >= DOC_UTF8_RATIO * bad) {
		doc_set(d, "UTF-8", DOC_SRC_CONTENT, p->label);
		if (bad == 0)
			doc_as_is(d, u, len);
		else
			doc_convert(d, "UTF-8", u, len, 0);
		return;
	}
	if (doc_not_latin(d, p, u, len) == 0 ||
	    doc_not_cyrillic(d, p, u, len) == 0 ||
	    doc_not_mac_arabic(d, p, u, len) == 0)
		return;
	doc_set(d, p->enc, p->source, "");
	if (multi == 0 && bad == 0 && doc_ascii_as_is(p->enc, u, len))
		doc_as_is(d, u, len);
	else if (doc_convert(d, p->enc, u, len, 1) == -1 &&
	    doc_detect(d, u, len, p->label) == -1)
		doc_convert(d, p->enc, u, len, 0);
}

/* Decode a body (see doc.h and the top of this file). */
int
doc_decode(struct doc *d, const char *data, size_t len,
    const char *http_charset, enum doc_kind kind, char *err, size_t errlen)
{
	const unsigned char	*u = (const unsigned char *)data;
	struct doc_pick		 p;
	const char		*enc;
	size_t			 skip, multi, bad;

	memset(d, 0, sizeof(*d));
	memset(&p, 0, sizeof(p));
	d->data = "";
	if (len > DOC_MAX) {
		snprintf(err, errlen, "the document is too large (%zu bytes; "
		    "at most %d MiB are read)", len, DOC_MAX / (1024 * 1024));
		return -1;
	}
	if ((enc = doc_bom(u, len, &skip)) != NULL) {
		doc_set(d, enc, DOC_SRC_BOM, "");
		u += skip;
		len -= skip;
	} else {
		doc_evidence(&p, u, len, http_charset, kind);
		if ((enc = doc_width(&p, u, len, kind)) != NULL)
			doc_set(d, enc, p.source, doc_overridden(&p));
	}
	if (enc != NULL && strcmp(enc, "UTF-8") != 0)
		return doc_convert(d, enc, u, len, 0);
	if (kind == DOC_XML_UNCHECKED && enc == NULL &&
	    (p.enc[0] == '\0' || strcmp(p.enc, "UTF-8") == 0)) {
		doc_unchecked(d, &p, u, len);
		return 0;
	}
	doc_utf8_scan(u, len, &multi, &bad);
	if (enc != NULL && bad == 0)
		doc_as_is(d, u, len);
	else if (enc != NULL)
		doc_convert(d, enc, u, len, 0);
	else if (p.enc[0] == '\0' || strcmp(p.enc, "UTF-8") == 0)
		doc_utf8_or_guess(d, &p, u, len, multi, bad, kind);
	else
		doc_legacy(d, &p, u, len, multi, bad, kind);
	return 0;
}

/* Free the owned copy. */
void
doc_free(struct doc *d)
{
	free(d->owned);
	d->owned = NULL;
	d->data = NULL;
	d->len = 0;
}

/* The word raqib parse prints for a source. */
const char *
doc_source_name(enum doc_source s)
{
	if ((size_t)s >= sizeof(doc_source_names) / sizeof(doc_source_names[0]))
		return "default";
	return doc_source_names[s];
}

/* ------------------------------------------------------------------ */
/* Display text                                                        */

/* Whether a code point separates words: white space and control characters. */
static int
doc_is_space(uint32_t c)
{
	return c <= 0x20 || (c >= 0x7f && c <= 0xa0) || c == 0x1680 ||
	    (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 ||
	    c == 0x202f || c == 0x205f || c == 0x3000 || c == 0xfeff;
}

/* Whether a byte starts a character that is surely not white space. */
static int
doc_word_byte(unsigned char c)
{
	return (c > 0x20 && c < 0x7f) || (c >= 0xc3 && c <= 0xdf);
}

#ifdef __SSE2__
#define DOC_RUNSTEP	16

/*
 * How many of the sixteen bytes at s belong to a run, looked at together
 * (the loop below, a byte at a time, takes the same bytes): printable
 * ASCII, two-byte characters led by C3-DF, and single spaces followed by
 * either, not first in the run (first). A lead or a space last is left to
 * the next look (15), anything else makes it 0. Each mask has bit k set
 * where byte k is of its kind; bytes compare as signed (0x80-0xff < 0).
 */
static size_t
doc_text_block(const unsigned char *s, int first)
{
	__m128i		 v = _mm_loadu_si128((const __m128i *)(const void *)s);
	unsigned	 high = (unsigned)_mm_movemask_epi8(v);
	unsigned	 lead = high & (unsigned)_mm_movemask_epi8(
			    _mm_cmpgt_epi8(v, _mm_set1_epi8(-0x41)));
	unsigned	 good = high & (unsigned)_mm_movemask_epi8(_mm_and_si128(
			    _mm_cmpgt_epi8(v, _mm_set1_epi8(-0x3e)),
			    _mm_cmplt_epi8(v, _mm_set1_epi8(-0x20))));
	unsigned	 graph = (unsigned)_mm_movemask_epi8(_mm_and_si128(
			    _mm_cmpgt_epi8(v, _mm_set1_epi8(0x20)),
			    _mm_cmplt_epi8(v, _mm_set1_epi8(0x7f))));
	unsigned	 space = (unsigned)_mm_movemask_epi8(
			    _mm_cmpeq_epi8(v, _mm_set1_epi8(0x20)));
	unsigned	 bad;

	/* A lead outside C3-DF, a lone byte, a control character or DEL. */
	bad = lead & ~good;
	bad |= (high & ~lead) ^ (lead << 1 & 0xffff);
	bad |= ~(high | graph | space) & 0xffff;
	/* Two spaces, or one first. */
	bad |= space & space << 1;
	if (first)
		bad |= space & 1;
	if (bad != 0)
		return 0;
	return ((space | lead) & 0x8000) != 0 ? 15 : 16;
}
#else
#define DOC_RUNSTEP	8

#define DOC_ONES	0x0101010101010101ULL
#define DOC_HIGH	0x8080808080808080ULL

/* Eight bytes as one word, the first byte lowest, whatever the machine. */
static uint64_t
doc_word(const unsigned char *s)
{
	/* Compilers make this one load where the machine is little-endian. */
	return (uint64_t)s[0] | (uint64_t)s[1] << 8 | (uint64_t)s[2] << 16 |
	    (uint64_t)s[3] << 24 | (uint64_t)s[4] << 32 | (uint64_t)s[5] << 40 |
	    (uint64_t)s[6] << 48 | (uint64_t)s[7] << 56;
}

/*
 * How many of the eight bytes at s belong to a run, a word at a time (the
 * loop below, a byte at a time, takes the same bytes): printable ASCII,
 * two-byte characters led by C3-DF, and single spaces followed by either,
 * not first in the run (first). A lead or a space last is left to the next
 * look (7), anything else makes it 0. Each mask has a byte's top bit set
 * where the byte is of its kind; sums stay within their byte.
 */
static size_t
doc_text_block(const unsigned char *s, int first)
{
	uint64_t	 w = doc_word(s), sp = w ^ (0x20 * DOC_ONES);
	uint64_t	 high = w & DOC_HIGH;
	uint64_t	 lead = high & w << 1;
	uint64_t	 wide = lead & w << 2;
	uint64_t	 low3 = ((w & 0x3f * DOC_ONES) + 0x7d * DOC_ONES) & DOC_HIGH;
	uint64_t	 graph = ((w & 0x7f * DOC_ONES) + 0x5f * DOC_ONES) & DOC_HIGH;
	uint64_t	 del = ((w & 0x7f * DOC_ONES) + DOC_ONES) & DOC_HIGH;
	uint64_t	 space = ~(((sp & 0x7f * DOC_ONES) + 0x7f * DOC_ONES) | sp) &
	    DOC_HIGH;

	if (lead != (lead & ~wide & low3) || (high & ~lead) != lead << 8)
		return 0;	/* a lead outside C3-DF, or a lone byte */
	if ((~w & DOC_HIGH & (del | (~graph & ~space))) != 0)
		return 0;	/* a control character or a space other than ' ' */
	if ((space << 8 & space) != 0 || (first && (space & 0x80) != 0))
		return 0;	/* two spaces, or one first */
	return ((space | lead) & 0x80ULL << 56) != 0 ? 7 : 8;
}

#endif

/* The length of the run at s that is copied as it is: valid, not space. */
static size_t
doc_text_run(const unsigned char *s, size_t len)
{
	size_t		 i = 0, n;
	uint32_t	 cp;

	while (i < len) {
		if (len - i >= DOC_RUNSTEP &&
		    (n = doc_text_block(s + i, i == 0)) > 0) {
			i += n;
			continue;
		}
		if (s[i] > 0x20 && s[i] < 0x7f) {
			i++;
			continue;
		}
		/* Two-byte letters (Arabic, Cyrillic) are never space. */
		if (s[i] >= 0xc3 && s[i] <= 0xdf && i + 1 < len &&
		    (s[i + 1] & 0xc0) == 0x80) {
			i += 2;
			continue;
		}
		/* One space between words is already folded. */
		if (s[i] == ' ' && i > 0 && i + 1 < len &&
		    doc_word_byte(s[i + 1])) {
			i++;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if (n == 0 || doc_is_space(cp))
			break;
		i += n;
	}
	return i;
}

/*
 * Append s to b as valid UTF-8 with white space folded (bad bytes: U+FFFD);
 * valid runs are copied whole, as this is the hot loop of a big feed.
 */
static void
doc_text_put(struct buf *b, const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0, n;
	uint32_t		 cp;
	int			 space = 0;

	while (i < len) {
		if ((n = doc_text_run(u + i, len - i)) > 0) {
			if (space)
				buf_putc(b, ' ');
			buf_append(b, s + i, n);
			space = 0;
			i += n;
			continue;
		}
		if ((n = utf8_decode(u + i, len - i, &cp)) > 0) {
			space = b->len > 0;
			i += n;
			continue;
		}
		if (space)
			buf_putc(b, ' ');
		buf_append(b, DOC_FFFD, 3);
		space = 0;
		i += utf8_invalid(u + i, len - i);
	}
}

/* Fold and repair text for display; NULL when nothing is left. */
char *
doc_text_clean(const char *s, size_t len)
{
	struct buf	 b = { 0 };
	char		*out, *fit;
	size_t		 n, slack;

	if (s != NULL) {
		/* Most text comes out as long as it went in. */
		buf_reserve(&b, len);
		doc_text_put(&b, s, len);
	}
	if ((n = b.len) == 0) {
		buf_free(&b);
		return NULL;
	}
	/*
	 * Items live as long as the feed: give back the buffer's slack, but
	 * not a little of it (most fields), which costs a realloc per field
	 * to save a few bytes.
	 */
	slack = b.cap - n - 1;
	out = buf_steal(&b);
	if (slack < DOC_SLACK_KEPT || slack <= n / 4)
		return out;
	fit = realloc(out, n + 1);
	return fit != NULL ? fit : out;
}

/* ------------------------------------------------------------------ */
/* URLs                                                                */

/* Whether a URL parser takes a byte as it is. */
static int
doc_url_plain(unsigned char c)
{
	/* A switch, not strchr: this runs for each byte of each link. */
	switch (c) {
	case '"': case '<': case '>': case '\\': case '^': case '`':
	case '{': case '|': case '}':
		return 0;
	default:
		return c > 0x20 && c < 0x7f;
	}
}

/* Percent-encode what a URL parser refuses: non-ASCII, space, "<>\^`{|}. */
static char *
doc_url_escape(const char *s, size_t len)
{
	static const char	 hex[] = "0123456789ABCDEF";
	struct buf		 b = { 0 };
	unsigned char		 c;
	char			 esc[3] = { '%' };
	size_t			 i, j;

	buf_reserve(&b, len + 1);
	for (i = 0; i < len; i = j + 1) {
		for (j = i; j < len && doc_url_plain((unsigned char)s[j]); j++)
			;
		buf_append(&b, s + i, j - i);
		if (j == len)
			break;
		c = (unsigned char)s[j];
		esc[1] = hex[c >> 4];
		esc[2] = hex[c & 15];
		buf_append(&b, esc, 3);
	}
	buf_putc(&b, '\0');
	return buf_steal(&b);
}

/*
 * Read each "&amp;" in a URL as the "&" it stands for, in place: a CMS that
 * escaped an escaped link (?a=1&amp;amp;b=2 in the XML) means ?a=1&b=2,
 * which feedparser and browsers read.
 */
static void
doc_url_unamp(char *u)
{
	char	*p, *q;

	if ((p = strstr(u, "&amp;")) == NULL)
		return;
	for (q = p; *p != '\0'; )
		if (strncmp(p, "&amp;", 5) == 0) {
			*q++ = '&';
			p += 5;
		} else
			*q++ = *p++;
	*q = '\0';
}

/* Whether a URL is http or https. */
static int
doc_url_web(const char *u)
{
	return strncasecmp(u, "http://", 7) == 0 ||
	    strncasecmp(u, "https://", 8) == 0;
}

/* Whether a reference has a scheme of its own (RFC 3986: ALPHA *(...) ":"). */
static int
doc_url_absolute(const char *r)
{
	unsigned char	 c;

	if (!isalpha((unsigned char)r[0]))
		return 0;
	/* A loop, not strspn: glibc builds a table of the set at each call. */
	while ((c = (unsigned char)*++r) != '\0')
		if (!(c < 0x80 && (isalnum(c) || c == '+' || c == '-' ||
		    c == '.')))
			break;
	return *r == ':';
}

/* A URL curl's parser takes, set on h; 0, or -1 when it refuses it. */
static int
doc_url_set(CURLU *h, const char *url)
{
	return curl_url_set(h, CURLUPART_URL, url, 0) == CURLUE_OK ? 0 : -1;
}

/* An absolute web URL as written, if curl's parser takes it. */
static char *
doc_url_keep(CURLU *h, const char *url)
{
	char	*out = NULL;

	if (doc_url_web(url) && doc_url_set(h, url) == 0)
		out = xstrdup(url);
	return out;
}

/* The first n bytes of base joined to ref, kept as an absolute URL. */
static char *
doc_url_glue(CURLU *h, const char *base, size_t n, const char *ref)
{
	struct buf	 b = { 0 };
	char		*out;

	buf_append(&b, base, n);
	buf_puts(&b, ref);
	out = doc_url_keep(h, b.data);
	buf_free(&b);
	return out;
}

/*
 * A reference resolved against an absolute web base by curl's parser. A
 * network-path reference ("//host/p") takes the base's scheme and is then
 * kept as written, as an absolute one is; a bare "#fragment" replaces the
 * base's (curl 7.88 drops the base's path for it).
 */
static char *
doc_url_relative(CURLU *h, const char *base, const char *ref)
{
	char	*u = NULL, *out = NULL;

	if (ref[0] == '/' && ref[1] == '/')
		return doc_url_glue(h, base, strcspn(base, ":") + 1, ref);
	if (ref[0] == '#')
		return doc_url_glue(h, base, strcspn(base, "#"), ref);
	if (doc_url_set(h, base) == 0 && doc_url_set(h, ref) == 0 &&
	    curl_url_get(h, CURLUPART_URL, &u, 0) == CURLUE_OK &&
	    doc_url_web(u))
		out = xstrdup(u);
	curl_free(u);
	return out;
}

/*
 * Resolve an escaped reference with libcurl's URL parser. An absolute one
 * is kept as written once the parser takes it (as urljoin and RFC 3986 do:
 * no slash added, no case changed); a relative one is resolved against
 * base, which must itself be an absolute web URL.
 */
static char *
doc_url_join(const char *base, const char *ref)
{
	CURLU	*h;
	char	*out = NULL;

	doc_oom(h = curl_url());
	if (doc_url_absolute(ref))
		out = doc_url_keep(h, ref);
	else if (base != NULL && doc_url_web(base))
		out = doc_url_relative(h, base, ref);
	curl_url_cleanup(h);
	return out;
}

/*
 * Whether a host name's bytes are ones curl takes, not an IPv4 number,
 * and lower-case (an upper-case host is lowered by doc_url_mend).
 */
static int
doc_url_host_plain(const char *h, size_t n)
{
	size_t	 i, last = 0;

	for (i = 0; i < n; i++) {
		if (h[i] == '.')
			last = i + 1;
		else if (!islower((unsigned char)h[i]) &&
		    !isdigit((unsigned char)h[i]) && h[i] != '-' &&
		    h[i] != '_')
			return 0;
	}
	return last < n && islower((unsigned char)h[last]);
}

/*
 * Whether curl's parser would take an escaped URL as it is, known without
 * it: a lower-case http or https scheme, a plain host name and a path. Most
 * links in a feed are such, and parsing each cost a tenth of a first poll's
 * feed reading; any other is left to curl (a differential test in test_doc
 * holds the two to the same answers).
 */
static int
doc_url_plain_web(const char *u)
{
	const char	*host, *path;
	size_t		 scheme;

	scheme = strncmp(u, "http://", 7) == 0 ? 7 :
	    strncmp(u, "https://", 8) == 0 ? 8 : 0;
	host = u + scheme;
	return scheme != 0 && (path = strchr(host, '/')) != NULL &&
	    doc_url_host_plain(host, (size_t)(path - host)) &&
	    strlen(path) <= DOC_URL_PLAIN_MAX;
}

/*
 * The href of a link element that holds an escaped anchor instead of a
 * URL (<link>&lt;a href="..."&gt;...&lt;/a&gt;</link>); ref when it is no
 * anchor. *len is the length of what is returned: 0 for an anchor
 * without an href.
 */
static const char *
doc_url_anchor(const char *ref, size_t *len)
{
	const char	*p, *end = ref + *len, *q;
	char		 quote;

	if (*len < 3 || strncasecmp(ref, "<a", 2) != 0 ||
	    (!isspace((unsigned char)ref[2]) && ref[2] != '>'))
		return ref;
	for (p = ref + 2; end - p > 5 && *p != '>'; p++)
		if (strncasecmp(p, "href=", 5) == 0 && isspace((unsigned char)p[-1]))
			break;
	if (end - p <= 5 || *p == '>') {
		*len = 0;
		return ref;
	}
	p += 5;
	quote = *p == '"' || *p == '\'' ? *p++ : '\0';
	for (q = p; q < end && (quote ? *q != quote : !isspace((unsigned char)*q)
	    && *q != '>'); q++)
		;
	*len = (size_t)(q - p);
	return p;
}

/* File name endings a relative link's first segment may have: no TLDs. */
static const char *const doc_url_exts[] = {
	"action", "asp", "aspx", "cfm", "cgi", "do", "gif", "htm", "html",
	"jpeg", "jpg", "json", "jsp", "pdf", "php", "pl", "png", "rss",
	"shtml", "txt", "xhtml", "xml",
};

/*
 * Whether the first n bytes of a reference are a host name a stranger
 * wrote without a scheme: dotted labels ending in letters that are no
 * file name ending (www.example.org, not article.php).
 */
static int
doc_url_hostish(const char *h, size_t n)
{
	size_t	 i, last = 0, dots = 0;

	for (i = 0; i < n; i++)
		if (h[i] == '.') {
			if (i == last)
				return 0;
			last = i + 1;
			dots++;
		} else if (!isalnum((unsigned char)h[i]) && h[i] != '-')
			return 0;
	if (dots == 0 || n - last < 2 || n - last > 24)
		return 0;
	for (i = last; i < n; i++)
		if (!isalpha((unsigned char)h[i]))
			return 0;
	for (i = 0; i < nitems(doc_url_exts); i++)
		if (strlen(doc_url_exts[i]) == n - last &&
		    strncasecmp(h + last, doc_url_exts[i], n - last) == 0)
			return 0;
	return 1;
}

/* A new string: prefix, then s from its byte skip on. */
static char *
doc_url_prefixed(const char *prefix, const char *s, size_t skip)
{
	struct buf	 b = { 0 };

	buf_puts(&b, prefix);
	buf_puts(&b, s + skip);
	return buf_steal(&b);
}

/*
 * What a stranger's link means, as an escaped reference; r is freed when
 * another is returned. A host written without a scheme (www.example.org/x
 * or example.org/x, which would resolve to a page of the feed's own site)
 * takes the base's scheme; "http:/x" is "http://x" when x starts with a
 * host, else the path /x on the base's site; an upper-case scheme or host
 * is lowered (HTTPS://Example.ORG/News is https://example.org/News).
 */
static char *
doc_url_mend(const char *base, char *r)
{
	size_t	 n, host;
	char	*out;

	if (doc_url_absolute(r)) {
		n = strcspn(r, ":");
		if (strncmp(r + n, "://", 3) == 0) {
			host = n + 3 + strcspn(r + n + 3, "/?#");
			if (memchr(r, '@', host) == NULL)
				for (; n < host; n++)
					r[n] = (char)tolower((unsigned char)r[n]);
			for (n = 0; r[n] != ':'; n++)
				r[n] = (char)tolower((unsigned char)r[n]);
			return r;
		}
		if (strncasecmp(r, "http:/", 6) != 0 &&
		    strncasecmp(r, "https:/", 7) != 0)
			return r;
		out = doc_url_hostish(r + n + 2, strcspn(r + n + 2, "/?#")) ?
		    doc_url_prefixed(r[n - 1] == 's' || r[n - 1] == 'S' ?
		    "https://" : "http://", r, n + 2) : xstrdup(r + n + 1);
		free(r);
		return doc_url_mend(base, out);
	}
	n = strcspn(r, "/?#");
	if (!doc_url_hostish(r, n) || (r[n] != '/' &&
	    strncasecmp(r, "www.", 4) != 0))
		return r;
	out = doc_url_prefixed(base != NULL && strncasecmp(base, "http://", 7)
	    == 0 ? "http://" : "https://", r, 0);
	free(r);
	return doc_url_mend(base, out);
}

/* Whether a query parameter only tracks the reader; see doc.h. */
int
doc_url_param_tracking(const char *p)
{
	static const char *const names[] = {
		"fbclid", "gclid", "mc_cid", "mc_eid"
	};
	size_t	 i, n = strcspn(p, "=&#");

	if (strncmp(p, "utm_", 4) == 0)
		return 1;
	for (i = 0; i < nitems(names); i++)
		if (strlen(names[i]) == n && strncmp(p, names[i], n) == 0)
			return 1;
	return 0;
}

/* Trim, escape and resolve a reference; only web URLs come back. */
char *
doc_url_resolve(const char *base, const char *ref)
{
	char	*r, *bs = NULL, *out;
	size_t	 len;

	if (ref == NULL)
		return NULL;
	while (isspace((unsigned char)*ref))
		ref++;
	len = strlen(ref);
	while (len > 0 && isspace((unsigned char)ref[len - 1]))
		len--;
	if (len == 0)
		return NULL;
	ref = doc_url_anchor(ref, &len);
	if (len == 0)
		return NULL;
	r = doc_url_escape(ref, len);
	doc_url_unamp(r);
	if (doc_url_plain_web(r))
		return r;
	r = doc_url_mend(base, r);
	/* An absolute reference needs no base (doc_url_join). */
	if (base != NULL && !doc_url_absolute(r))
		bs = doc_url_escape(base, strlen(base));
	out = doc_url_join(bs, r);
	free(r);
	free(bs);
	return out;
}
