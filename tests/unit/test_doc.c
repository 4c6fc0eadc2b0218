/*
 * test_doc: the bytes of a response -> UTF-8: the WHATWG label table, the
 * <meta> prescan, every charset declared each way, UTF-16/32, bad bytes;
 * display text and URL resolution.
 */
#include <iconv.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "doc.h"
#include "utf8.h"

#include "fixture.h"
#include "utf8valid.h"

/*
 * Decode, asserting what every result must be: valid, terminated UTF-8,
 * unless left unchecked for a reader that checks it, and then as it came.
 */
static void
decode(struct doc *d, const char *data, size_t len, const char *cs,
    enum doc_kind kind)
{
	char	 err[128] = "";

	if (doc_decode(d, data, len, cs, kind, err, sizeof(err)) != 0)
		fail_msg("doc_decode: %s", err);
	if (d->unchecked) {
		assert_int_equal(kind, DOC_XML_UNCHECKED);
		assert_ptr_equal(d->data, data);
		return;
	}
	assert_true(utf8_valid(d->data, d->len));
	if (d->owned != NULL)
		assert_int_equal(d->data[d->len], '\0');
}

/* What a decoded document must be, with a readable failure. */
static void
expect(const char *what, const struct doc *d, const char *text, size_t len,
    const char *enc, enum doc_source src, const char *declared)
{
	if (d->len != len || memcmp(d->data, text, len) != 0)
		fail_msg("%s: got \"%.*s\" (%zu bytes), want \"%.*s\" (%zu)",
		    what, (int)d->len, d->data, d->len, (int)len, text, len);
	assert_str(what, d->encoding, enc);
	if (d->source != src)
		fail_msg("%s: source %s, want %s", what,
		    doc_source_name(d->source), doc_source_name(src));
	assert_str(what, d->declared, declared);
}

/* ------------------------------------------------------------------ */
/* Labels                                                              */

/*
 * Every label of the Encoding Standard, as it lists them. Checked when
 * written against two other sources: the WHATWG table in undici (Node's
 * fetch; the same 227 labels but dos-874, which the standard has), and
 * Python's codecs, which agree on the 118 labels they share in meaning and
 * differ on 35 only where WHATWG deliberately reads a superset (latin1 ->
 * windows-1252, latin5 -> windows-1254, tis-620 -> windows-874, gb2312 ->
 * GBK, big5-hkscs -> Big5, ms932 -> Shift_JIS), blanks ISO-2022-KR and
 * HZ (replacement), or makes utf-16 little-endian.
 */
static const struct {
	const char	*enc;
	const char	*labels[18];
} whatwg[] = {
	{ "UTF-8", {
	    "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8",
	    "utf8", "x-unicode20utf8", NULL } },
	{ "IBM866", {
	    "866", "cp866", "csibm866", "ibm866", NULL } },
	{ "ISO-8859-2", {
	    "csisolatin2", "iso-8859-2", "iso-ir-101", "iso8859-2", "iso88592",
	    "iso_8859-2", "iso_8859-2:1987", "l2", "latin2", NULL } },
	{ "ISO-8859-3", {
	    "csisolatin3", "iso-8859-3", "iso-ir-109", "iso8859-3", "iso88593",
	    "iso_8859-3", "iso_8859-3:1988", "l3", "latin3", NULL } },
	{ "ISO-8859-4", {
	    "csisolatin4", "iso-8859-4", "iso-ir-110", "iso8859-4", "iso88594",
	    "iso_8859-4", "iso_8859-4:1988", "l4", "latin4", NULL } },
	{ "ISO-8859-5", {
	    "csisolatincyrillic", "cyrillic", "iso-8859-5", "iso-ir-144",
	    "iso8859-5", "iso88595", "iso_8859-5", "iso_8859-5:1988", NULL } },
	{ "ISO-8859-6", {
	    "arabic", "asmo-708", "csiso88596e", "csiso88596i",
	    "csisolatinarabic", "ecma-114", "iso-8859-6", "iso-8859-6-e",
	    "iso-8859-6-i", "iso-ir-127", "iso8859-6", "iso88596", "iso_8859-6",
	    "iso_8859-6:1987", NULL } },
	{ "ISO-8859-7", {
	    "csisolatingreek", "ecma-118", "elot_928", "greek", "greek8",
	    "iso-8859-7", "iso-ir-126", "iso8859-7", "iso88597", "iso_8859-7",
	    "iso_8859-7:1987", "sun_eu_greek", NULL } },
	{ "ISO-8859-8", {
	    "csiso88598e", "csisolatinhebrew", "hebrew", "iso-8859-8",
	    "iso-8859-8-e", "iso-ir-138", "iso8859-8", "iso88598", "iso_8859-8",
	    "iso_8859-8:1988", "visual", NULL } },
	{ "ISO-8859-8-I", {
	    "csiso88598i", "iso-8859-8-i", "logical", NULL } },
	{ "ISO-8859-10", {
	    "csisolatin6", "iso-8859-10", "iso-ir-157", "iso8859-10", "iso885910",
	    "l6", "latin6", NULL } },
	{ "ISO-8859-13", {
	    "iso-8859-13", "iso8859-13", "iso885913", NULL } },
	{ "ISO-8859-14", {
	    "iso-8859-14", "iso8859-14", "iso885914", NULL } },
	{ "ISO-8859-15", {
	    "csisolatin9", "iso-8859-15", "iso8859-15", "iso885915",
	    "iso_8859-15", "l9", NULL } },
	{ "ISO-8859-16", {
	    "iso-8859-16", NULL } },
	{ "KOI8-R", {
	    "cskoi8r", "koi", "koi8", "koi8-r", "koi8_r", NULL } },
	{ "KOI8-U", {
	    "koi8-ru", "koi8-u", NULL } },
	{ "macintosh", {
	    "csmacintosh", "mac", "macintosh", "x-mac-roman", NULL } },
	{ "windows-874", {
	    "dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620",
	    "windows-874", NULL } },
	{ "windows-1250", {
	    "cp1250", "windows-1250", "x-cp1250", NULL } },
	{ "windows-1251", {
	    "cp1251", "windows-1251", "x-cp1251", NULL } },
	{ "windows-1252", {
	    "ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819",
	    "iso-8859-1", "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1",
	    "iso_8859-1:1987", "l1", "latin1", "us-ascii", "windows-1252",
	    "x-cp1252", NULL } },
	{ "windows-1253", {
	    "cp1253", "windows-1253", "x-cp1253", NULL } },
	{ "windows-1254", {
	    "cp1254", "csisolatin5", "iso-8859-9", "iso-ir-148", "iso8859-9",
	    "iso88599", "iso_8859-9", "iso_8859-9:1989", "l5", "latin5",
	    "windows-1254", "x-cp1254", NULL } },
	{ "windows-1255", {
	    "cp1255", "windows-1255", "x-cp1255", NULL } },
	{ "windows-1256", {
	    "cp1256", "windows-1256", "x-cp1256", NULL } },
	{ "windows-1257", {
	    "cp1257", "windows-1257", "x-cp1257", NULL } },
	{ "windows-1258", {
	    "cp1258", "windows-1258", "x-cp1258", NULL } },
	{ "x-mac-cyrillic", {
	    "x-mac-cyrillic", "x-mac-ukrainian", NULL } },
	{ "GBK", {
	    "chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312",
	    "gb_2312-80", "gbk", "iso-ir-58", "x-gbk", NULL } },
	{ "gb18030", {
	    "gb18030", NULL } },
	{ "Big5", {
	    "big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5", NULL } },
	{ "EUC-JP", {
	    "cseucpkdfmtjapanese", "euc-jp", "x-euc-jp", NULL } },
	{ "ISO-2022-JP", {
	    "csiso2022jp", "iso-2022-jp", NULL } },
	{ "Shift_JIS", {
	    "csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis",
	    "windows-31j", "x-sjis", NULL } },
	{ "EUC-KR", {
	    "cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean",
	    "ks_c_5601-1987", "ks_c_5601-1989", "ksc5601", "ksc_5601",
	    "windows-949", NULL } },
	{ "replacement", {
	    "csiso2022kr", "hz-gb-2312", "iso-2022-cn", "iso-2022-cn-ext",
	    "iso-2022-kr", "replacement", NULL } },
	{ "UTF-16BE", {
	    "unicodefffe", "utf-16be", NULL } },
	{ "UTF-16LE", {
	    "csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff",
	    "utf-16", "utf-16le", NULL } },
	{ "x-user-defined", {
	    "x-user-defined", NULL } },
};

/* Every label, in capitals and padded with white space, maps to its encoding. */
static void
test_labels(void **state)
{
	static const char *const unknown[] = {
		"", "   ", "utf-32", "ibm1047", "latin-1", "utf 8", "utf-8x",
		"windows-1256 windows-1251", "x-mac-arabic", "iso-8859-12",
		"\xd9\x83", "cp1256\n\nx",
		"a-label-that-is-much-longer-than-any-in-the-table",
	};
	char	 buf[80], up[64];
	size_t	 i, j, k, n = 0;

	(void)state;
	for (i = 0; i < sizeof(whatwg) / sizeof(whatwg[0]); i++)
		for (j = 0; whatwg[i].labels[j] != NULL; j++, n++) {
			assert_str(whatwg[i].labels[j],
			    doc_label(whatwg[i].labels[j]), whatwg[i].enc);
			for (k = 0; whatwg[i].labels[j][k] != '\0'; k++)
				up[k] = (char)(whatwg[i].labels[j][k] >= 'a' &&
				    whatwg[i].labels[j][k] <= 'z' ?
				    whatwg[i].labels[j][k] - 32 :
				    whatwg[i].labels[j][k]);
			up[k] = '\0';
			snprintf(buf, sizeof(buf), " \t%s\r\n\f", up);
			assert_str(buf, doc_label(buf), whatwg[i].enc);
		}
	assert_int_equal(n, 228);
	for (i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++)
		assert_str(unknown[i], doc_label(unknown[i]), NULL);
	assert_null(doc_label(NULL));
}

/* ------------------------------------------------------------------ */
/* The <meta> prescan                                                  */

#define CT	"http-equiv=\"content-type\" "

/* What the WHATWG prescan yields, case by case (worked through by hand). */
static const struct {
	const char	*html, *want;
} prescan_cases[] = {
	/* The charset attribute, every way it is written. */
	{ "<meta charset=\"windows-1256\">", "windows-1256" },
	{ "<meta charset=koi8-r>", "KOI8-R" },
	{ "<meta charset='ISO-8859-5'>", "ISO-8859-5" },
	{ "<META CHARSET=\"Windows-1251\">", "windows-1251" },
	{ "<meta charset = \" koi8-r \">", "KOI8-R" },
	{ "<meta\ncharset\t=\tkoi8-r>", "KOI8-R" },
	{ "<meta charset=koi8-r />", "KOI8-R" },
	{ "<meta/charset=\"koi8-r\">", "KOI8-R" },
	{ "<meta name=\"x\" content=\"y\" charset=\"utf-8\">", "UTF-8" },
	{ "<p>Hello</p><meta charset=\"big5-hkscs\">", "Big5" },
	/* http-equiv and content, in either order. */
	{ "<meta " CT "content=\"text/html; charset=windows-1250\">",
	    "windows-1250" },
	{ "<meta content=\"text/html; charset=euc-kr\" " CT ">", "EUC-KR" },
	{ "<meta http-equiv=\"Content-Type\" content=\"text/html;"
	    "CHARSET=KOI8-R\">", "KOI8-R" },
	{ "<meta http-equiv=content-type content=\"text/html; "
	    "charset=koi8-r\">", "KOI8-R" },
	{ "<meta " CT "content=text/html;charset=koi8-r>", "KOI8-R" },
	{ "<meta content=\"text/html; charset=euc-kr\">", NULL },
	{ "<meta http-equiv=\"refresh\" content=\"text/html; charset=euc-kr\">",
	    NULL },
	{ "<meta name=\"x\" content=\"text/html; charset=koi8-r\" "
	    "http-equiv=\"Content-Type\">", "KOI8-R" },
	/* Extracting the encoding from content. */
	{ "<meta " CT "content=\"text/html;charset='iso-8859-5'\">",
	    "ISO-8859-5" },
	{ "<meta " CT "content='text/html; charset=\"koi8-r'>", NULL },
	{ "<meta " CT "content=\"text/html; charset=\">", NULL },
	{ "<meta " CT "content=\"charset charset=iso-8859-2\">", "ISO-8859-2" },
	{ "<meta " CT "content=\"text/html; charset = windows-1253 ; x\">",
	    "windows-1253" },
	{ "<meta " CT "content=\"text/html; charsetx=koi8-r; charset=big5\">",
	    "Big5" },
	/* Which attribute wins. */
	{ "<meta charset=\"koi8-r\" charset=\"windows-1251\">", "KOI8-R" },
	{ "<meta http-equiv=\"x\" " CT "content=\"charset=big5\">", NULL },
	{ "<meta " CT "content=\"text/html; charset=bogus\" "
	    "charset=\"koi8-r\">", "KOI8-R" },
	{ "<meta charset=\"koi8-r\" " CT "content=\"text/html; "
	    "charset=big5\">", "KOI8-R" },
	{ "<meta " CT "content=\"text/html; charset=big5\" "
	    "charset=\"koi8-r\">", "KOI8-R" },
	{ "<meta charset=\"bogus\" " CT "content=\"text/html; "
	    "charset=big5\">", NULL },
	{ "<meta charset=\"bogus\"><meta charset=\"koi8-r\">", "KOI8-R" },
	{ "<meta " CT "content=\"text/html; charset=koi8-r\">"
	    "<meta charset=\"big5\">", "KOI8-R" },
	{ "<meta =charset=\"koi8-r\">", NULL },
	{ "<meta charset=koi8-r/>", NULL },
	{ "<meta charset=\"&quot;koi8-r&quot;\">", NULL },
	/* Comments. */
	{ "<!-- <meta charset=\"koi8-r\"> --><meta charset=\"windows-1251\">",
	    "windows-1251" },
	{ "<!--<meta charset=\"koi8-r\">-->", NULL },
	{ "<!--> <meta charset=\"koi8-r\"> -->", NULL },
	{ "<!---><meta charset=\"koi8-r\">-->", NULL },
	{ "<!-- a -- b --><meta charset=\"iso-8859-2\">", "ISO-8859-2" },
	{ "<!--<meta charset=\"koi8-r\">--", NULL },
	/* Bogus comments, <!, </, <? and other tags. */
	{ "<!DOCTYPE html><meta charset=\"gbk\">", "GBK" },
	{ "<! <meta charset=\"koi8-r\"> ><meta charset=\"big5\">", "Big5" },
	{ "<!x <meta charset=\"koi8-r\">", NULL },
	{ "<?xml version=\"1.0\" encoding=\"windows-1252\"?>"
	    "<meta charset=\"koi8-r\">", "KOI8-R" },
	{ "<?php echo \"<meta charset=koi8-r>\"; ?>", NULL },
	{ "</meta charset=\"koi8-r\"><meta charset=\"iso-8859-7\">",
	    "ISO-8859-7" },
	{ "</ meta charset=\"koi8-r\"><meta charset=\"l2\">", "ISO-8859-2" },
	{ "<metacharset=\"koi8-r\">", NULL },
	{ "<meta><meta charset=\"l5\">", "windows-1254" },
	{ "<title><meta charset=\"koi8-r\"></title>", "KOI8-R" },
	{ "<script>document.write('<meta charset=\"koi8-r\">')</script>",
	    "KOI8-R" },
	{ "<div title='<meta charset=\"koi8-r\">'><meta charset=\"big5\">",
	    "Big5" },
	{ "<div title=<meta charset=\"koi8-r\">>", NULL },
	/* The bytes end inside the tag. */
	{ "<meta charset=\"koi8-r\"", "KOI8-R" },
	{ "<meta charset=koi8-r", NULL },
	{ "<meta " CT "content=\"text/html; charset=koi8-r\"", "KOI8-R" },
	/* Encodings the prescan changes or keeps. */
	{ "<meta charset=\"utf-16\">", "UTF-8" },
	{ "<meta charset=\"utf-16be\">", "UTF-8" },
	{ "<meta " CT "content=\"text/html; charset=utf-16le\">", "UTF-8" },
	{ "<meta charset=\"x-user-defined\">", "windows-1252" },
	{ "<meta charset=\"iso-8859-1\">", "windows-1252" },
	{ "<meta charset=\"ascii\">", "windows-1252" },
	{ "<meta charset=\"iso-2022-kr\">", "replacement" },
	{ "<meta charset=\"utf-32\">", NULL },
	{ "", NULL },
};

/* A meta tag 1,000 or 1,010 bytes in: found within 1024 bytes, not beyond. */
static void
test_prescan_limit(void)
{
	static const char	 meta[] = "<meta charset=\"koi8-r\">";
	char			 html[1100], lbl[40];
	size_t			 pad;

	for (pad = 1000; pad <= 1010; pad += 10) {
		memset(html, ' ', pad);
		memcpy(html + pad, meta, sizeof(meta));
		assert_int_equal(doc_meta_prescan(html, strlen(html), lbl,
		    sizeof(lbl)), pad + sizeof(meta) - 1 <= 1024);
	}
	memcpy(html, "<!--", 4);
	memset(html + 4, 'x', 1050);
	memcpy(html + 1054, "--><meta charset=\"koi8-r\">", 27);
	assert_int_equal(doc_meta_prescan(html, strlen(html), lbl,
	    sizeof(lbl)), 0);
}

/* The prescan yields what the WHATWG algorithm yields. */
static void
test_prescan(void **state)
{
	char	 lbl[40];
	size_t	 i;
	int	 found;

	(void)state;
	for (i = 0; i < sizeof(prescan_cases) / sizeof(prescan_cases[0]);
	    i++) {
		lbl[0] = '\0';
		found = doc_meta_prescan(prescan_cases[i].html,
		    strlen(prescan_cases[i].html), lbl, sizeof(lbl));
		assert_str(prescan_cases[i].html, found ? lbl : NULL,
		    prescan_cases[i].want);
	}
	assert_true(i >= 50);
	test_prescan_limit();
}

/* ------------------------------------------------------------------ */
/* Charsets                                                            */

/* A sentence in one charset: charset/LANG.TAG.txt, made from LANG.txt. */
static const struct {
	const char	*lang, *tag;
	const char	*label;		/* declared as */
	const char	*enc;		/* what that label names */
	const char	*detected;	/* what detection names it */
	const char	*wrong;		/* a legacy label that cannot decode it */
} charsets[] = {
	{ "ar", "windows-1256", "windows-1256", "windows-1256",
	    "windows-1256", "iso-8859-6" },
	{ "ar", "iso-8859-6", "arabic", "ISO-8859-6", "ISO-8859-6",
	    "shift_jis" },
	{ "ru", "windows-1251", "cp1251", "windows-1251", "windows-1251",
	    "iso-8859-6" },
	{ "ru", "koi8-r", "koi8-r", "KOI8-R", "KOI8-R", "iso-8859-6" },
	{ "ru", "iso-8859-5", "ISO_8859-5", "ISO-8859-5", "ISO-8859-5",
	    "iso-8859-6" },
	{ "ru", "ibm866", "cp866", "IBM866", "IBM866", "iso-8859-6" },
	{ "cs", "windows-1250", "windows-1250", "windows-1250",
	    "windows-1250", "iso-8859-6" },
	{ "cs", "iso-8859-2", "latin2", "ISO-8859-2", "ISO-8859-2",
	    "iso-8859-6" },
	{ "fr", "iso-8859-15", "iso-8859-15", "ISO-8859-15", "ISO-8859-15",
	    "iso-8859-6" },
	{ "ko", "euc-kr", "euc-kr", "EUC-KR", "EUC-KR", "shift_jis" },
	{ "ja", "shift_jis", "Shift_JIS", "Shift_JIS", "Shift_JIS",
	    "iso-8859-6" },
	{ "ja", "euc-jp", "euc-jp", "EUC-JP", "EUC-JP", "shift_jis" },
	{ "ja", "iso-2022-jp", "iso-2022-jp", "ISO-2022-JP", "ISO-2022-JP",
	    NULL },
	{ "zh", "gbk", "gb2312", "GBK", "gb18030", "shift_jis" },
	{ "zht", "big5", "big5", "Big5", "Big5", "shift_jis" },
};

/* How a case declares its charset. */
enum how { HTTP, DECL, META, NONE, NONE_HTML, WRONG_UTF8, WRONG_HTTP };

static const char *const hows[] = { "http", "declaration", "meta", "none",
    "none (html)", "declared utf-8", "declared wrong" };

/* A feed or page around text: prefix (with the declaration), suffix. */
static void
wrap(struct buf *b, enum how how, const char *label, const char *text,
    size_t len)
{
	if (how == META || how == NONE_HTML) {
		if (how == META)
			buf_printf(b, "<!DOCTYPE html>\n<html><head><meta "
			    "charset=\"%s\"><title>News</title>", label);
		else
			buf_puts(b, "<!DOCTYPE html>\n<html><head><title>"
			    "News</title>");
		buf_puts(b, "</head>\n<body><p>");
		buf_append(b, text, len);
		buf_puts(b, "</p></body></html>\n");
		return;
	}
	if (how == DECL || how == WRONG_UTF8)
		buf_printf(b, "<?xml version=\"1.0\" encoding=\"%s\"?>\n",
		    how == DECL ? label : "utf-8");
	buf_puts(b, "<rss version=\"2.0\"><channel><title>News</title>\n"
	    "<item><title>");
	buf_append(b, text, len);
	buf_puts(b, "</title><link>https://news.example/1</link></item>"
	    "</channel></rss>\n");
}

/* One sentence declared one way: the UTF-8 text, what it was, and whence. */
static void
check_charset(size_t i, enum how how, const char *utf8, size_t ulen,
    const char *bytes, size_t blen)
{
	static const enum doc_source src[] = { DOC_SRC_HEADER,
	    DOC_SRC_DECLARATION, DOC_SRC_META, DOC_SRC_DETECTED,
	    DOC_SRC_DETECTED, DOC_SRC_DETECTED, DOC_SRC_DETECTED };
	struct buf	 in = { 0 }, want = { 0 };
	struct doc	 d;
	char		 what[96];
	const char	*cs = NULL, *enc = charsets[i].enc, *declared = "";

	if (how == HTTP)
		cs = charsets[i].label;
	if (how == WRONG_HTTP)
		cs = declared = charsets[i].wrong;
	if (how == WRONG_UTF8)
		declared = "utf-8";
	if (how >= NONE)
		enc = charsets[i].detected;
	wrap(&in, how, charsets[i].label, bytes, blen);
	wrap(&want, how, charsets[i].label, utf8, ulen);
	decode(&d, in.data, in.len, cs,
	    how == META || how == NONE_HTML ? DOC_HTML : DOC_XML);
	snprintf(what, sizeof(what), "%s.%s, %s", charsets[i].lang,
	    charsets[i].tag, hows[how]);
	expect(what, &d, want.data, want.len, enc, src[how], declared);
	assert_int_equal(d.replaced, 0);
	doc_free(&d);
	buf_free(&in);
	buf_free(&want);
}

/* Every charset, declared in HTTP, the XML declaration, a meta, not at
 * all, and wrongly: the same UTF-8 text comes out. */
static void
test_charsets(void **state)
{
	char		 name[64], *utf8, *bytes;
	size_t		 i, ulen, blen;
	enum how	 how;

	(void)state;
	for (i = 0; i < sizeof(charsets) / sizeof(charsets[0]); i++) {
		snprintf(name, sizeof(name), "charset/%s.txt",
		    charsets[i].lang);
		utf8 = slurp(name, &ulen);
		snprintf(name, sizeof(name), "charset/%s.%s.txt",
		    charsets[i].lang, charsets[i].tag);
		bytes = slurp(name, &blen);
		for (how = HTTP; how <= WRONG_HTTP; how++)
			if ((how != WRONG_HTTP || charsets[i].wrong != NULL) &&
			    (how != WRONG_UTF8 || charsets[i].wrong != NULL))
				check_charset(i, how, utf8, ulen, bytes, blen);
		free(utf8);
		free(bytes);
	}
}

/*
 * Labels no table has as written, as servers and templates spell known
 * encodings (a hyphen dropped or added, '_' for '-', Russian Apache's
 * win-1251, Python's mac-arabic), in the XML declaration or only in HTTP:
 * the title reads in the encoding meant, taken from the label, not guessed.
 */
static void
test_label_spellings(void **state)
{
	static const char ar[] = "\xd9\x88\xd8\xb2\xd9\x8a\xd8\xb1 \xd8\xa7"
	    "\xd9\x84\xd8\xae\xd8\xa7\xd8\xb1\xd8\xac\xd9\x8a\xd8\xa9";
	static const char ru[] = "\xd0\xa1\xd1\x80\xd0\xbe\xd1\x87\xd0\xbd"
	    "\xd0\xbe: \xd0\xbc\xd0\xb8\xd0\xbd\xd0\xb8\xd1\x81\xd1\x82\xd1\x80";
	static const char w1256[] = "\xe6\xd2\xed\xd1 \xc7\xe1\xce\xc7\xd1"
	    "\xcc\xed\xc9";
	static const char mac[] = "\xe8\xd2\xea\xd1 \xc7\xe4\xce\xc7\xd1\xcc"
	    "\xea\xc9";
	static const char w1251[] = "\xd1\xf0\xee\xf7\xed\xee: \xec\xe8\xed"
	    "\xe8\xf1\xf2\xf0";
	static const char koi8[] = "\xf3\xd2\xcf\xde\xce\xcf: \xcd\xc9\xce"
	    "\xc9\xd3\xd4\xd2";
	static const struct {
		const char	*label, *bytes, *text, *enc;
	} cases[] = {
		{ "cp-1256", w1256, ar, "windows-1256" },
		{ "windows1256", w1256, ar, "windows-1256" },
		{ "Windows_1256", w1256, ar, "windows-1256" },
		{ "win-1256", w1256, ar, "windows-1256" },
		{ "mac-arabic", mac, ar, "x-mac-arabic" },
		{ "mac_arabic", mac, ar, "x-mac-arabic" },
		{ "MacArabic", mac, ar, "x-mac-arabic" },
		{ "x-mac-arabic", mac, ar, "x-mac-arabic" },
		{ "iso8859-6", mac, ar, "ISO-8859-6" },
		{ "win-1251", w1251, ru, "windows-1251" },
		{ "WIN1251", w1251, ru, "windows-1251" },
		{ "CP_1251", w1251, ru, "windows-1251" },
		{ "koi8r", koi8, ru, "KOI8-R" },
		{ "KOI8_R", koi8, ru, "KOI8-R" },
		{ "UTF_8", ar, ar, "UTF-8" },
	};
	struct buf	 in, want;
	struct doc	 d;
	char		 what[64];
	size_t		 i;
	int		 http;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		for (http = 0; http <= 1; http++) {
			memset(&in, 0, sizeof(in));
			memset(&want, 0, sizeof(want));
			wrap(&in, http ? HTTP : DECL, cases[i].label,
			    cases[i].bytes, strlen(cases[i].bytes));
			wrap(&want, http ? HTTP : DECL, cases[i].label,
			    cases[i].text, strlen(cases[i].text));
			decode(&d, in.data, in.len, http ? cases[i].label :
			    NULL, DOC_XML);
			snprintf(what, sizeof(what), "%s in %s",
			    cases[i].label, http ? "HTTP" : "the declaration");
			expect(what, &d, want.data, want.len, cases[i].enc,
			    http ? DOC_SRC_HEADER : DOC_SRC_DECLARATION, "");
			doc_free(&d);
			buf_free(&in);
			buf_free(&want);
		}
}

/* ------------------------------------------------------------------ */
/* UTF-16 and UTF-32                                                   */

/* ASCII in a wide encoding: unit 2 or 4 bytes, big- or little-endian. */
static void
widen(struct buf *b, const char *ascii, size_t unit, int be)
{
	char	 c[4];

	for (; *ascii != '\0'; ascii++) {
		memset(c, 0, sizeof(c));
		c[be ? unit - 1 : 0] = *ascii;
		buf_append(b, c, unit);
	}
}

/* A wide fixture: its encoding, the BOM, and the text it holds. */
static const struct {
	const char	*lang, *tag, *enc, *bom;
	size_t		 unit;
	int		 be;
} wides[] = {
	{ "ru", "utf-16le", "UTF-16LE", "\xff\xfe", 2, 0 },
	{ "ru", "utf-16be", "UTF-16BE", "\xfe\xff", 2, 1 },
	{ "ar", "utf-32le", "UTF-32LE", "\xff\xfe\0\0", 4, 0 },
	{ "ar", "utf-32be", "UTF-32BE", "\0\0\xfe\xff", 4, 1 },
};

#define WIDE_DECL	"<?xml version=\"1.0\" encoding=\"%s\"?>\n"
#define WIDE_HEAD	"<rss><channel><item><title>"
#define WIDE_TAIL	"</title></item></channel></rss>\n"

/* One wide document: BOM or not, declared in the XML or HTTP or not. */
static void
check_wide(size_t i, int bom, const char *decl, const char *http,
    enum doc_source src, const char *declared, const char *bytes,
    size_t blen, const char *utf8, size_t ulen)
{
	struct buf	 in = { 0 }, want = { 0 };
	char		 head[128], what[128];
	struct doc	 d;

	snprintf(head, sizeof(head), WIDE_DECL WIDE_HEAD, decl ? decl : "");
	if (bom)
		buf_append(&in, wides[i].bom, wides[i].unit);
	widen(&in, decl ? head : WIDE_HEAD, wides[i].unit, wides[i].be);
	buf_append(&in, bytes, blen);
	widen(&in, WIDE_TAIL, wides[i].unit, wides[i].be);
	buf_puts(&want, decl ? head : WIDE_HEAD);
	buf_append(&want, utf8, ulen);
	buf_puts(&want, WIDE_TAIL);
	decode(&d, in.data, in.len, http, DOC_XML);
	snprintf(what, sizeof(what), "%s, bom %d, declared %s, http %s",
	    wides[i].enc, bom, decl ? decl : "-", http ? http : "-");
	expect(what, &d, want.data, want.len, wides[i].enc, src, declared);
	doc_free(&d);
	buf_free(&in);
	buf_free(&want);
}

/* UTF-16 and UTF-32 with and without BOM, under their usual and odd labels. */
static void
test_wide(void **state)
{
	static const char *const labels[] = { "utf-16", "UTF16", "ucs-2",
	    "utf-32", "UTF-32", "utf-16le" };
	static const size_t units[] = { 2, 2, 2, 4, 4, 2 };
	char	 name[64], *utf8, *bytes;
	size_t	 i, j, ulen, blen;
	int	 ok;

	(void)state;
	for (i = 0; i < sizeof(wides) / sizeof(wides[0]); i++) {
		snprintf(name, sizeof(name), "charset/%s.txt", wides[i].lang);
		utf8 = slurp(name, &ulen);
		snprintf(name, sizeof(name), "charset/%s.%s.txt",
		    wides[i].lang, wides[i].tag);
		bytes = slurp(name, &blen);
		check_wide(i, 1, NULL, NULL, DOC_SRC_BOM, "", bytes, blen,
		    utf8, ulen);
		check_wide(i, 1, "utf-8", "windows-1256", DOC_SRC_BOM, "",
		    bytes, blen, utf8, ulen);
		check_wide(i, 0, NULL, NULL, DOC_SRC_DECLARATION, "", bytes,
		    blen, utf8, ulen);
		check_wide(i, 0, NULL, "windows-1256", DOC_SRC_DETECTED,
		    "windows-1256", bytes, blen, utf8, ulen);
		check_wide(i, 0, "utf-8", NULL, DOC_SRC_DETECTED, "utf-8",
		    bytes, blen, utf8, ulen);
		/* The bytes say which byte order; a label of the wrong
		 * width is overruled. */
		for (j = 0; j < sizeof(labels) / sizeof(labels[0]); j++) {
			ok = units[j] == wides[i].unit;
			check_wide(i, 0, labels[j], NULL, ok ?
			    DOC_SRC_DECLARATION : DOC_SRC_DETECTED,
			    ok ? "" : labels[j], bytes, blen, utf8, ulen);
			check_wide(i, 0, NULL, labels[j], ok ? DOC_SRC_HEADER :
			    DOC_SRC_DETECTED, ok ? "" : labels[j], bytes, blen,
			    utf8, ulen);
		}
		free(utf8);
		free(bytes);
	}
}

/* A wide label on a body of ASCII markup means UTF-8 (WHATWG); wide text
 * without markup or BOM is read as its label says. */
static void
test_wide_labels(void **state)
{
	static const char *const labels[] = { "utf-16", "UTF16", "ucs-2",
	    "utf-32", "utf-16be" };
	static const char	 xml[] = "<rss><channel><title>Казахстан"
				    "</title></channel></rss>";
	char			*bytes, *utf8;
	size_t			 i, blen, ulen;
	struct doc		 d;

	(void)state;
	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
		decode(&d, xml, strlen(xml), labels[i], DOC_XML);
		expect(labels[i], &d, xml, strlen(xml), "UTF-8",
		    DOC_SRC_HEADER, labels[i]);
		doc_free(&d);
	}
	bytes = slurp("charset/ru.utf-16le.txt", &blen);
	utf8 = slurp("charset/ru.txt", &ulen);
	decode(&d, bytes, blen, "utf-16", DOC_XML);
	expect("bare UTF-16LE text", &d, utf8, ulen, "UTF-16LE",
	    DOC_SRC_HEADER, "");
	doc_free(&d);
	free(bytes);
	free(utf8);
}

/* ------------------------------------------------------------------ */
/* The Arabic fixtures: declared, mislabelled, undeclared              */

/* A copy of s with the first from replaced by to. */
static char *
replace(const char *s, size_t len, const char *from, const char *to,
    size_t *outlen)
{
	const char	*p = strstr(s, from);
	struct buf	 b = { 0 };

	assert_non_null(p);
	buf_append(&b, s, (size_t)(p - s));
	buf_puts(&b, to);
	buf_append(&b, p + strlen(from), len - (size_t)(p - s) - strlen(from));
	*outlen = b.len;
	return buf_steal(&b);
}

/* The feeds in windows-1256 and ISO-8859-6 read to their UTF-8 sources,
 * declared or not, when they claim UTF-8, when the header does, and when
 * they claim ISO-8859-1 under a header that says UTF-8. */
static void
test_arabic_feeds(void **state)
{
	static const struct {
		const char	*file, *src, *decl, *enc;
	} feeds[] = {
		{ "feeds/rss2-cp1256.xml", "feeds/rss2-cp1256.src.xml",
		    "encoding=\"windows-1256\"", "windows-1256" },
		{ "feeds/rss2-iso88596.xml", "feeds/rss2-iso88596.src.xml",
		    "encoding=\"ISO-8859-6\"", "ISO-8859-6" },
	};
	static const char *const lies[] = { "encoding=\"utf-8\"", "" };
	static const char	 latin1[] = "encoding=\"ISO-8859-1\"";
	char		*data, *src, *bad, *want;
	size_t		 i, j, len, slen, blen, wlen;
	struct doc	 d;

	(void)state;
	for (i = 0; i < sizeof(feeds) / sizeof(feeds[0]); i++) {
		data = slurp(feeds[i].file, &len);
		src = slurp(feeds[i].src, &slen);
		decode(&d, data, len, NULL, DOC_XML);
		expect(feeds[i].file, &d, src, slen, feeds[i].enc,
		    DOC_SRC_DECLARATION, "");
		doc_free(&d);
		/* A server's default header that says UTF-8: the file's
		 * own declaration still holds. */
		decode(&d, data, len, "utf-8", DOC_XML);
		expect(feeds[i].file, &d, src, slen, feeds[i].enc,
		    DOC_SRC_DECLARATION, "utf-8");
		doc_free(&d);
		for (j = 0; j < 2; j++) {
			bad = replace(data, len, feeds[i].decl, lies[j], &blen);
			want = replace(src, slen, feeds[i].decl, lies[j],
			    &wlen);
			decode(&d, bad, blen, NULL, DOC_XML);
			expect(lies[j], &d, want, wlen, feeds[i].enc,
			    DOC_SRC_DETECTED, j == 0 ? "utf-8" : "");
			doc_free(&d);
			free(bad);
			free(want);
		}
		/* A CMS's ISO-8859-1 under a server's UTF-8: neither holds. */
		bad = replace(data, len, feeds[i].decl, latin1, &blen);
		want = replace(src, slen, feeds[i].decl, latin1, &wlen);
		decode(&d, bad, blen, "utf-8", DOC_XML);
		expect(latin1, &d, want, wlen, feeds[i].enc, DOC_SRC_DETECTED,
		    "ISO-8859-1");
		doc_free(&d);
		free(bad);
		free(want);
		free(data);
		free(src);
	}
}

/* The windows-1256 listing page: by <meta>, by HTTP charset, by detection. */
static void
test_arabic_pages(void **state)
{
	static const struct {
		const char	*file, *charset, *enc;
		enum doc_source	 src;
	} pages[] = {
		{ "pages/listing-cp1256.html", NULL, "windows-1256",
		    DOC_SRC_META },
		{ "pages/listing-cp1256.html", "windows-1256", "windows-1256",
		    DOC_SRC_HEADER },
		{ "pages/listing-cp1256-nometa.html", "cp1256",
		    "windows-1256", DOC_SRC_HEADER },
		{ "pages/listing-cp1256-nometa.html", NULL, "windows-1256",
		    DOC_SRC_DETECTED },
		{ "pages/listing-cp1256-nometa.html", "utf-8", "windows-1256",
		    DOC_SRC_DETECTED },
		{ "pages/listing.html", "iso-8859-1", "UTF-8",
		    DOC_SRC_CONTENT },
	};
	char		*data;
	size_t		 i, len;
	struct doc	 d;

	(void)state;
	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		data = slurp(pages[i].file, &len);
		decode(&d, data, len, pages[i].charset, DOC_HTML);
		assert_str(pages[i].file, d.encoding, pages[i].enc);
		assert_int_equal(d.source, pages[i].src);
		assert_int_equal(d.replaced, 0);
		assert_non_null(strstr(d.data, "<title>سياسة | رياليست عربي"));
		assert_non_null(strstr(d.data, "كازاخستان"));
		doc_free(&d);
		free(data);
	}
}

/*
 * A <meta> charset after the prescan's 1024 bytes, in a <head> long with
 * inline style, is what the page is read in, as a browser reads it again
 * when its parser meets the tag: a Maghreb page mostly in French, which
 * detection takes for windows-1252, also when the server's default
 * header calls it UTF-8, which it is not. One after <body> is not.
 */
static void
test_late_meta(void **state)
{
	/* "Visite à Astana reportée — وزير" in windows-1256. */
	static const char	 text[] = "Visite \xe0 Astana report\xe9" "e "
	    "\x97 \xe6\xd2\xed\xd1";
	/* Where the meta stands, and the charset a server's header gives. */
	static const struct {
		const char	*at, *header;
		enum doc_source	 src;
	} cases[] = {
		{ "</style>", NULL, DOC_SRC_META },
		{ "</style>", "utf-8", DOC_SRC_META },
		{ "<body>", NULL, DOC_SRC_DETECTED },
	};
	struct buf		 b = { 0 };
	struct doc		 d;
	size_t			 i;
	int			 head;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		head = cases[i].src == DOC_SRC_META;
		buf_puts(&b, "<!DOCTYPE html><html><head><style>");
		while (b.len < 2000)
			buf_puts(&b, "p{margin:0} ");
		buf_printf(&b, "%s<meta http-equiv=\"Content-Type\" "
		    "content=\"text/html; charset=windows-1256\"><title>"
		    "%s</title>%s<p>%s</p></body></html>", cases[i].at, text,
		    head ? "</head><body>" : "", text);
		decode(&d, b.data, b.len, cases[i].header, DOC_HTML);
		assert_int_equal(d.source, cases[i].src);
		assert_int_equal(strstr(d.data, "— وزير") != NULL, head);
		doc_free(&d);
		b.len = 0;
	}
	buf_free(&b);
}

/* ------------------------------------------------------------------ */
/* UTF-8 against labels                                                */

/* Valid UTF-8 with non-ASCII text is UTF-8 whatever the label; mostly
 * valid UTF-8 stays UTF-8 with its stray bytes replaced; ASCII is left as
 * it is, and a valid body is never copied. */
static void
test_utf8_rules(void **state)
{
	static const struct {
		const char	*in, *cs, *want, *enc;
		enum doc_kind	 kind;
		enum doc_source	 src;
		const char	*declared;
		size_t		 replaced;
	} cases[] = {
		{ "<t>كازاخستان</t>", "windows-1256", "<t>كازاخستان</t>",
		    "UTF-8", DOC_XML, DOC_SRC_CONTENT, "windows-1256", 0 },
		{ "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><t>Казахстан"
		    "</t>", NULL, "<?xml version=\"1.0\" encoding=\"ISO-8859-1"
		    "\"?><t>Казахстан</t>", "UTF-8", DOC_XML, DOC_SRC_CONTENT,
		    "ISO-8859-1", 0 },
		{ "<meta charset=koi8-r><p>Казахстан</p>", NULL,
		    "<meta charset=koi8-r><p>Казахстан</p>", "UTF-8", DOC_HTML,
		    DOC_SRC_CONTENT, "KOI8-R", 0 },
		{ "<t>Казахстан</t>", "utf-8", "<t>Казахстан</t>", "UTF-8",
		    DOC_XML, DOC_SRC_HEADER, "", 0 },
		{ "<t>Казахстан</t>", NULL, "<t>Казахстан</t>", "UTF-8",
		    DOC_XML, DOC_SRC_CONTENT, "", 0 },
		{ "<t>كازاخستان \xff اليوم</t>", NULL,
		    "<t>كازاخستان \xef\xbf\xbd اليوم</t>", "UTF-8", DOC_XML,
		    DOC_SRC_CONTENT, "", 1 },
		{ "<t>كازاخستان \xff اليوم</t>", "UTF-8",
		    "<t>كازاخستان \xef\xbf\xbd اليوم</t>", "UTF-8", DOC_XML,
		    DOC_SRC_HEADER, "", 1 },
		{ "<t>كازاخستان اليوم \xd9</t>", "iso-8859-1",
		    "<t>كازاخستان اليوم \xef\xbf\xbd</t>", "UTF-8", DOC_XML,
		    DOC_SRC_CONTENT, "iso-8859-1", 1 },
		{ "<t>Kazakhstan</t>", NULL, "<t>Kazakhstan</t>", "UTF-8",
		    DOC_XML, DOC_SRC_DEFAULT, "", 0 },
		{ "<p>Kazakhstan</p>", NULL, "<p>Kazakhstan</p>",
		    "windows-1252", DOC_HTML, DOC_SRC_DEFAULT, "", 0 },
		{ "{\"title\":\"Kazakhstan\"}", NULL, "{\"title\":\"Kazakhstan"
		    "\"}", "UTF-8", DOC_JSON, DOC_SRC_DEFAULT, "", 0 },
		{ "<t>Kazakhstan</t>", "windows-1251", "<t>Kazakhstan</t>",
		    "windows-1251", DOC_XML, DOC_SRC_HEADER, "", 0 },
		{ "<t>Kazakhstan</t>", "bogus", "<t>Kazakhstan</t>", "UTF-8",
		    DOC_XML, DOC_SRC_DEFAULT, "", 0 },
	};
	struct doc	 d;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		decode(&d, cases[i].in, strlen(cases[i].in), cases[i].cs,
		    cases[i].kind);
		expect(cases[i].in, &d, cases[i].want, strlen(cases[i].want),
		    cases[i].enc, cases[i].src, cases[i].declared);
		assert_int_equal(d.replaced, cases[i].replaced);
		if (cases[i].replaced == 0)
			assert_ptr_equal(d.data, cases[i].in);
		doc_free(&d);
	}
}

/*
 * A UTF-8 feed with one item pasted from a legacy page: each side read in
 * its own encoding, the pasted one named by the declaration that names
 * it, else found for the pasted text alone.
 */
static void
test_pasted(void **state)
{
	static const struct {
		const char	*in, *cs, *want, *pasted, *declared;
		enum doc_source	 src;
	} cases[] = {
		{ "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss><item><title>"
		    "أخبار عاجلة من آسيا الوسطى</title></item><item><title>"
		    "\xe6\xd5\xe1 \xe6\xdd\xcf \xdf\xc7\xd2\xc7\xce\xd3\xca\xc7"
		    "\xe4\xed \xc5\xe1\xec \xe6\xc7\xd4\xe4\xd8\xe4 \xe1\xc8\xcd"
		    "\xcb \xd5\xc7\xcf\xd1\xc7\xca \xc7\xe1\xe3\xda\xc7\xcf\xe4"
		    "</title></item></rss>", NULL,
		    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss><item><title>"
		    "أخبار عاجلة من آسيا الوسطى</title></item><item><title>"
		    "وصل وفد كازاخستاني إلى واشنطن لبحث صادرات المعادن"
		    "</title></item></rss>", "windows-1256", "",
		    DOC_SRC_DECLARATION },
		{ "<rss><item><title>Новости Центральной Азии</title></item>"
		    "<item><title>\xc4\xe5\xeb\xe5\xe3\xe0\xf6\xe8\xff \xca\xe0"
		    "\xe7\xe0\xf5\xf1\xf2\xe0\xed\xe0 \xef\xf0\xe8\xe1\xfb\xeb"
		    "\xe0 \xe2 \xc2\xe0\xf8\xe8\xed\xe3\xf2\xee\xed</title>"
		    "</item></rss>", "windows-1251",
		    "<rss><item><title>Новости Центральной Азии</title></item>"
		    "<item><title>Делегация Казахстана прибыла в Вашингтон"
		    "</title></item></rss>", "windows-1251", "windows-1251",
		    DOC_SRC_CONTENT },
	};
	struct doc	 d;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		decode(&d, cases[i].in, strlen(cases[i].in), cases[i].cs,
		    DOC_XML);
		expect(cases[i].in, &d, cases[i].want, strlen(cases[i].want),
		    "UTF-8", cases[i].src, cases[i].declared);
		assert_str(cases[i].in, d.pasted, cases[i].pasted);
		assert_int_equal(d.replaced, 0);
		doc_free(&d);
	}
}

/*
 * Russian in one Cyrillic encoding declared, or served, as another (KOI8-R
 * as windows-1251 and back, windows-1251 as ISO-8859-5, IBM866 as
 * windows-1251): read in the one it is in, the label kept as declared.
 */
static void
test_cyrillic_crossed(void **state)
{
	static const char *const tags[] = { "windows-1251", "koi8-r",
	    "iso-8859-5", "ibm866" };
	static const char *const encs[] = { "windows-1251", "KOI8-R",
	    "ISO-8859-5", "IBM866" };
	struct buf	 in = { 0 }, want = { 0 };
	struct doc	 d;
	char		 name[64], what[96], *utf8, *bytes;
	size_t		 i, j, ulen, blen;
	enum how	 how;

	(void)state;
	utf8 = slurp("charset/ru.txt", &ulen);
	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++) {
		snprintf(name, sizeof(name), "charset/ru.%s.txt", tags[i]);
		bytes = slurp(name, &blen);
		for (j = 0; j < sizeof(tags) / sizeof(tags[0]); j++) {
			for (how = HTTP; j != i && how <= DECL; how++) {
				wrap(&in, how, tags[j], bytes, blen);
				wrap(&want, how, tags[j], utf8, ulen);
				decode(&d, in.data, in.len,
				    how == HTTP ? tags[j] : NULL, DOC_XML);
				snprintf(what, sizeof(what), "%s as %s, %s",
				    tags[i], tags[j], hows[how]);
				expect(what, &d, want.data, want.len, encs[i],
				    DOC_SRC_DETECTED, tags[j]);
				doc_free(&d);
				buf_reset(&in);
				buf_reset(&want);
			}
		}
		free(bytes);
	}
	free(utf8);
	buf_free(&in);
	buf_free(&want);
}

/* The bytes of UTF-8 text in a legacy encoding (iconv's name), owned. */
static char *
legacy(const char *utf8, const char *enc, size_t *outlen)
{
	iconv_t	 cd = iconv_open(enc, "UTF-8");
	size_t	 inleft = strlen(utf8), outleft = 4 * inleft + 1;
	char	*in = (char *)(uintptr_t)utf8, *out, *o;

	assert_true(cd != (iconv_t)-1);
	o = out = calloc(1, outleft);
	assert_non_null(out);
	assert_true(iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1);
	iconv_close(cd);
	*outlen = (size_t)(o - out);
	return out;
}

/*
 * A feed of a title or two (a small site's, a filtered one) in a Cyrillic
 * or Arabic encoding a server's header misnames, a Latin one or another
 * Cyrillic one: read in the encoding it is in, as a longer one is. Latin
 * text under its own label, accents, quotes and rows of dashes or bullets
 * included, stays Latin.
 */
static void
test_short_texts(void **state)
{
	static const struct {
		const char	*text, *in, *label, *enc;
	} feeds[] = {
		{ "Путин встретился с Токаевым", "CP1251", "iso-8859-1",
		    "windows-1251" },
		{ "Война и мир", "CP1251", "windows-1252", "windows-1251" },
		{ "Курс рубля", "KOI8-R", "windows-1251", "KOI8-R" },
		{ "Новости дня", "CP1251", "koi8-r", "windows-1251" },
		{ "عاجل: انفجار", "CP1256", "iso-8859-1", "windows-1256" },
		{ "Café «Größe» — ÉTÉ", "CP1252", "iso-8859-1",
		    "windows-1252" },
		{ "Über —————————— ••••••", "CP1252", "iso-8859-1",
		    "windows-1252" },
	};
	struct buf	 doc = { 0 }, want = { 0 };
	struct doc	 d;
	char		*bytes;
	size_t		 i, n;

	(void)state;
	for (i = 0; i < sizeof(feeds) / sizeof(feeds[0]); i++) {
		bytes = legacy(feeds[i].text, feeds[i].in, &n);
		buf_puts(&doc, "<rss><channel><item><title>");
		buf_append(&doc, bytes, n);
		buf_puts(&doc, "</title><link>https://a.example/1</link>"
		    "</item></channel></rss>");
		buf_puts(&want, "<rss><channel><item><title>");
		buf_puts(&want, feeds[i].text);
		buf_puts(&want, "</title><link>https://a.example/1</link>"
		    "</item></channel></rss>");
		decode(&d, doc.data, doc.len, feeds[i].label, DOC_XML);
		expect(feeds[i].text, &d, want.data, want.len, feeds[i].enc,
		    strcmp(feeds[i].enc, "windows-1252") == 0 ? DOC_SRC_HEADER :
		    DOC_SRC_DETECTED, strcmp(feeds[i].enc, "windows-1252") ==
		    0 ? "" : feeds[i].label);
		doc_free(&d);
		free(bytes);
		buf_reset(&doc);
		buf_reset(&want);
	}
	buf_free(&doc);
	buf_free(&want);
}

/* Undeclared KOI8 with Ukrainian letters is KOI8-U, not KOI8-R's boxes. */
static void
test_koi8u(void **state)
{
	static const char	 in[] = "<t>\xf5\xcb\xd2\xc1\xa7\xce\xc1 \xa6 "
	    "\xeb\xc1\xda\xc1\xc8\xd3\xd4\xc1\xce \xd0\xa6\xc4\xd0\xc9\xd3\xc1"
	    "\xcc\xc9 \xd5\xc7\xcf\xc4\xd5 \xd0\xd2\xcf \xd3\xd0\xa6\xd7\xd0"
	    "\xd2\xc1\xc3\xc0 \xd7 \xc7\xc1\xcc\xd5\xda\xa6 \xc5\xce\xc5\xd2"
	    "\xc7\xc5\xd4\xc9\xcb\xc9</t>";
	static const char	 want[] = "<t>Україна і Казахстан підписали "
	    "угоду про співпрацю в галузі енергетики</t>";
	struct doc		 d;

	(void)state;
	decode(&d, in, strlen(in), NULL, DOC_XML);
	expect(in, &d, want, strlen(want), "KOI8-U", DOC_SRC_DETECTED, "");
	doc_free(&d);
}

/* The order of evidence: BOM, HTTP, XML declaration; unknown labels skipped. */
static void
test_order(void **state)
{
	static const char	 decl[] = "<?xml version=\"1.0\" encoding=\"%s\"?>"
				    "<t>%s</t>";
	char			*ru, *koi, in[2048], want[2048];
	size_t			 rlen, klen;
	struct doc		 d;

	(void)state;
	ru = slurp("charset/ru.txt", &rlen);
	koi = slurp("charset/ru.koi8-r.txt", &klen);
	ru[rlen - 1] = koi[klen - 1] = '\0';
	snprintf(in, sizeof(in), decl, "koi8-r", koi);
	snprintf(want, sizeof(want), decl, "koi8-r", ru);
	decode(&d, in, strlen(in), "koi8-r ", DOC_XML);
	expect("http", &d, want, strlen(want), "KOI8-R", DOC_SRC_HEADER, "");
	doc_free(&d);
	decode(&d, in, strlen(in), "no-such-charset", DOC_XML);
	expect("unknown http", &d, want, strlen(want), "KOI8-R",
	    DOC_SRC_DECLARATION, "");
	doc_free(&d);
	snprintf(in, sizeof(in), decl, "no-such-charset", koi);
	snprintf(want, sizeof(want), decl, "no-such-charset", ru);
	decode(&d, in, strlen(in), NULL, DOC_XML);
	expect("unknown declaration", &d, want, strlen(want), "KOI8-R",
	    DOC_SRC_DETECTED, "");
	doc_free(&d);
	snprintf(in, sizeof(in), "\xef\xbb\xbf<t>%s \xff</t>", ru);
	snprintf(want, sizeof(want), "<t>%s \xef\xbf\xbd</t>", ru);
	decode(&d, in, strlen(in), "windows-1256", DOC_XML);
	expect("bom", &d, want, strlen(want), "UTF-8", DOC_SRC_BOM, "");
	doc_free(&d);
	free(ru);
	free(koi);
}

/* The XML declaration as feeds write it; HTML reads no declaration, XML no
 * <meta>. */
static void
test_xml_decl(void **state)
{
	static const struct {
		const char	*head;
		enum doc_kind	 kind;
		const char	*enc;
		enum doc_source	 src;
	} cases[] = {
		{ "<?xml version='1.0' encoding='koi8-r'?>", DOC_XML, "KOI8-R",
		    DOC_SRC_DECLARATION },
		{ "\n  <?xml version=\"1.0\" encoding=\"KOI8-R\" "
		    "standalone=\"yes\"?>", DOC_XML, "KOI8-R",
		    DOC_SRC_DECLARATION },
		{ "<?xml version=\"1.0\"\n\tencoding = \"koi8-r\"?>", DOC_XML,
		    "KOI8-R", DOC_SRC_DECLARATION },
		{ "<?xml version=\"1.0\" encoding=koi8-r?>", DOC_XML, "KOI8-R",
		    DOC_SRC_DECLARATION },
		{ "<?xml-stylesheet href=\"x.xsl\" encoding=\"windows-1251\"?>",
		    DOC_XML, "KOI8-R", DOC_SRC_DETECTED },
		{ "<?xml version=\"1.0\" encoding=\"koi8-r\"?>", DOC_HTML,
		    "KOI8-R", DOC_SRC_DETECTED },
		{ "<meta charset=\"windows-1251\">", DOC_XML, "KOI8-R",
		    DOC_SRC_DETECTED },
		{ "<meta charset=\"koi8-r\">", DOC_HTML, "KOI8-R",
		    DOC_SRC_META },
	};
	char		*ru, *koi;
	struct buf	 in = { 0 }, want = { 0 };
	size_t		 i, rlen, klen;
	struct doc	 d;

	(void)state;
	ru = slurp("charset/ru.txt", &rlen);
	koi = slurp("charset/ru.koi8-r.txt", &klen);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf_reset(&in);
		buf_reset(&want);
		buf_puts(&in, cases[i].head);
		buf_puts(&want, cases[i].head);
		buf_append(&in, koi, klen);
		buf_append(&want, ru, rlen);
		decode(&d, in.data, in.len, NULL, cases[i].kind);
		expect(cases[i].head, &d, want.data, want.len, cases[i].enc,
		    cases[i].src, "");
		doc_free(&d);
	}
	buf_free(&in);
	buf_free(&want);
	free(ru);
	free(koi);
}

/* ------------------------------------------------------------------ */
/* Bad bytes, NULs, empty input, the odd encodings                     */

/* What could not be decoded becomes U+FFFD and is counted; NULs are kept. */
static void
test_bad_bytes(void **state)
{
	static const struct {
		const char	*in;
		size_t		 len;
		const char	*cs, *want;
		size_t		 wlen, replaced;
		const char	*enc;
	} cases[] = {
		/* A truncated character at the end, in UTF-8 and Shift_JIS. */
		{ "كازاخستان\xd9", 19, NULL, "كازاخستان\xef\xbf\xbd", 21, 1,
		    "UTF-8" },
		{ "كازاخستان\xe2\x80", 20, NULL, "كازاخستان\xef\xbf\xbd", 21,
		    2, "UTF-8" },
		{ "\x83\x4a\x83\x55\x83", 5, "shift_jis", "カザ\xef\xbf\xbd",
		    9, 1, "Shift_JIS" },
		/* Overlong forms and surrogates: U+FFFD for each maximal
		 * invalid prefix, here every byte (WHATWG). */
		{ "كازاخستان\xc0\xaf\xed\xa0\x80", 23, "utf-8",
		    "كازاخستان\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
		    "\xef\xbf\xbd\xef\xbf\xbd", 33, 5, "UTF-8" },
		/* NUL bytes are kept, in every encoding. */
		{ "<t>a\0b</t>", 10, NULL, "<t>a\0b</t>", 10, 0, "UTF-8" },
		{ "<t>\xca\xe0\0</t>", 10, "windows-1251", "<t>Ка\0</t>", 12,
		    0, "windows-1251" },
		{ "<\0t\0>\0\0\0", 8, "utf-16le", "<t>\0", 4, 0, "UTF-16LE" },
		/* An odd UTF-16 byte at the end. */
		{ "<\0t\0>\0a", 7, "utf-16le", "<t>\xef\xbf\xbd", 6, 1,
		    "UTF-16LE" },
		/* Nothing at all. */
		{ "", 0, NULL, "", 0, 0, "UTF-8" },
		{ "", 0, "koi8-r", "", 0, 0, "KOI8-R" },
		{ "\xef\xbb\xbf", 3, NULL, "", 0, 0, "UTF-8" },
		/* The replacement encoding: one U+FFFD for the document. */
		{ "<t>\x1b$)Cabc</t>", 14, "iso-2022-kr", "\xef\xbf\xbd", 3,
		    14, "replacement" },
		{ "", 0, "hz-gb-2312", "", 0, 0, "replacement" },
		/* x-user-defined, by hand. */
		{ "a\x80\xff", 3, "x-user-defined",
		    "a\xef\x9e\x80\xef\x9f\xbf", 7, 0, "x-user-defined" },
	};
	struct doc	 d;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		decode(&d, cases[i].in, cases[i].len, cases[i].cs, DOC_XML);
		if (d.len != cases[i].wlen ||
		    memcmp(d.data, cases[i].want, d.len) != 0)
			fail_msg("case %zu: got \"%.*s\"", i, (int)d.len,
			    d.data);
		assert_int_equal(d.replaced, cases[i].replaced);
		assert_str(cases[i].in, d.encoding, cases[i].enc);
		doc_free(&d);
	}
}

/*
 * Every byte value, in every kind, under several labels: valid UTF-8.
 * Undeclared, such bytes are nothing uchardet can name: they are read as
 * windows-1256, the last resort, which decodes every byte.
 */
static void
test_any_bytes(void **state)
{
	static const char *const labels[] = { NULL, "utf-8", "windows-1256",
	    "shift_jis", "utf-16", "utf-32", "iso-2022-jp", "x-user-defined",
	    "ibm1047" };
	char		 in[1024];
	struct doc	 d;
	size_t		 i, k;

	(void)state;
	for (i = 0; i < sizeof(in); i++)
		in[i] = (char)(i * 7 + i / 256);
	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		for (k = DOC_XML; k <= DOC_JSON; k++) {
			decode(&d, in, sizeof(in), labels[i], k);
			doc_free(&d);
			decode(&d, in + 1, sizeof(in) - 1, labels[i], k);
			doc_free(&d);
		}
	decode(&d, in, sizeof(in), NULL, DOC_XML);
	assert_str("last resort", d.encoding, "windows-1256");
	assert_int_equal(d.source, DOC_SRC_DETECTED);
	assert_int_equal(d.replaced, 0);
	doc_free(&d);
}

/*
 * DOC_XML_UNCHECKED hands a body that says UTF-8 or nothing on unread; any
 * other evidence (a legacy label, a BOM, a wide pattern) is decoded as for
 * DOC_XML.
 */
static void
test_xml_unchecked(void **state)
{
	static const char	 plain[] = "<rss>\xd9\x83\xff</rss>";
	static const char	 cp1251[] = "<?xml version=\"1.0\" encoding="
	    "\"windows-1251\"?><rss>\xca\xe0\xe7</rss>";
	static const char	 bom[] = "\xef\xbb\xbf<rss>x</rss>";
	struct doc		 d;

	(void)state;
	decode(&d, plain, sizeof(plain) - 1, NULL, DOC_XML_UNCHECKED);
	assert_true(d.unchecked);
	assert_str("encoding", d.encoding, "UTF-8");
	assert_int_equal(d.source, DOC_SRC_DEFAULT);
	doc_free(&d);
	decode(&d, plain, sizeof(plain) - 1, "utf-8", DOC_XML_UNCHECKED);
	assert_true(d.unchecked);
	assert_int_equal(d.source, DOC_SRC_HEADER);
	doc_free(&d);
	decode(&d, cp1251, sizeof(cp1251) - 1, NULL, DOC_XML_UNCHECKED);
	assert_false(d.unchecked);
	assert_str("encoding", d.encoding, "windows-1251");
	assert_non_null(strstr(d.data, "Каз"));
	doc_free(&d);
	decode(&d, bom, sizeof(bom) - 1, NULL, DOC_XML_UNCHECKED);
	assert_false(d.unchecked);
	assert_int_equal(d.source, DOC_SRC_BOM);
	doc_free(&d);
	decode(&d, plain, sizeof(plain) - 1, NULL, DOC_XML);
	assert_false(d.unchecked);
	assert_int_equal(d.replaced, 1);
	doc_free(&d);
}

/* A body over the limit is refused with a reason; doc_free is idempotent. */
static void
test_limits(void **state)
{
	struct doc	 d;
	char		 err[128] = "";

	(void)state;
	/* The size is checked before a byte is read. */
	assert_int_equal(doc_decode(&d, "", (size_t)DOC_MAX + 1, NULL, DOC_XML,
	    err, sizeof(err)), -1);
	assert_non_null(strstr(err, "too large"));
	doc_free(&d);
	doc_free(&d);
	memset(&d, 0, sizeof(d));
	doc_free(&d);
	assert_str("source", doc_source_name(DOC_SRC_DETECTED), "detected");
	assert_str("source", doc_source_name(DOC_SRC_DEFAULT), "default");
}

/* JSON: UTF-8 unless a BOM or HTTP says otherwise; detected when not. */
static void
test_json(void **state)
{
	char		*koi, *ru;
	struct buf	 in = { 0 }, want = { 0 };
	size_t		 klen, rlen;
	struct doc	 d;

	(void)state;
	koi = slurp("charset/ru.koi8-r.txt", &klen);
	ru = slurp("charset/ru.txt", &rlen);
	buf_puts(&in, "{\"version\":\"https://jsonfeed.org/version/1.1\","
	    "\"encoding\":\"windows-1251\",\"title\":\"");
	buf_puts(&want, in.data);
	buf_append(&in, koi, klen - 1);
	buf_append(&want, ru, rlen - 1);
	buf_puts(&in, "\"}");
	buf_puts(&want, "\"}");
	decode(&d, in.data, in.len, NULL, DOC_JSON);
	expect("json, undeclared", &d, want.data, want.len, "KOI8-R",
	    DOC_SRC_DETECTED, "");
	doc_free(&d);
	decode(&d, in.data, in.len, "koi8-r", DOC_JSON);
	expect("json, http", &d, want.data, want.len, "KOI8-R",
	    DOC_SRC_HEADER, "");
	doc_free(&d);
	buf_reset(&in);
	widen(&in, "{\"title\":\"x\"}", 2, 0);
	decode(&d, in.data, in.len, NULL, DOC_JSON);
	expect("json, utf-16le", &d, "{\"title\":\"x\"}", 13, "UTF-16LE",
	    DOC_SRC_DETECTED, "");
	doc_free(&d);
	buf_free(&in);
	buf_free(&want);
	free(koi);
	free(ru);
}

/* ------------------------------------------------------------------ */
/* Display text and URLs                                               */

/* Folding: spaces, NBSP and controls become one space; bad bytes U+FFFD. */
static void
test_text_clean(void **state)
{
	static const struct {
		const char	*in, *want;
	} cases[] = {
		{ "  a \t\r\n b  ", "a b" },
		{ "\xc2\xa0كازاخستان\xe2\x80\x83\xe3\x80\x80اليوم\xc2\xa0",
		    "كازاخستان اليوم" },
		{ "a\x01\x7f" "b", "a b" },
		{ "\xe2\x80\x8fنص", "\xe2\x80\x8fنص" },
		{ "a\xff" "b", "a\xef\xbf\xbd" "b" },
		{ "\xd9", "\xef\xbf\xbd" },
		{ " \n ", NULL },
		{ "", NULL },
		/* Beyond what feed_text_clean was tested for. */
		{ "Казахстан  и\u00a0Узбекистан", "Казахстан и Узбекистан" },
		{ "a\xe2\x80" "b", "a\xef\xbf\xbd" "b" },
		{ "a \xff b", "a \xef\xbf\xbd b" },
		{ "\xef\xbb\xbf" "a\xe2\x80\xa8" "b\xe3\x80\x80", "a b" },
		{ "C5+1 \xf0\x9f\x87\xb0\xf0\x9f\x87\xbf",
		    "C5+1 \xf0\x9f\x87\xb0\xf0\x9f\x87\xbf" },
		{ "\xed\xa0\x80x", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdx" },
	};
	char	*s;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		s = doc_text_clean(cases[i].in, strlen(cases[i].in));
		assert_str(cases[i].in, s, cases[i].want);
		free(s);
	}
	assert_null(doc_text_clean(NULL, 3));
	s = doc_text_clean("a\0b", 3);
	assert_str("NUL", s, "a b");
	free(s);
}

/* White space to the reference below: doc.c's list, written again. */
static int
text_ref_space(uint32_t c)
{
	return c <= 0x20 || (c >= 0x7f && c <= 0xa0) || c == 0x1680 ||
	    (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 ||
	    c == 0x202f || c == 0x205f || c == 0x3000 || c == 0xfeff;
}

/* Folding done one character at a time: what doc_text_clean must give. */
static char *
text_ref_clean(const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	struct buf		 b = { 0 };
	size_t			 i = 0, n;
	uint32_t		 cp;
	int			 space = 0;

	while (i < len) {
		if ((n = utf8_decode(u + i, len - i, &cp)) > 0 &&
		    text_ref_space(cp)) {
			space = b.len > 0;
			i += n;
			continue;
		}
		if (space)
			buf_putc(&b, ' ');
		space = 0;
		if (n > 0)
			buf_append(&b, s + i, n);
		else
			buf_append(&b, "\xef\xbf\xbd", 3);
		i += n > 0 ? n : utf8_invalid(u + i, len - i);
	}
	if (b.len == 0)
		return NULL;
	return buf_steal(&b);
}

/*
 * doc_text_clean looks at many bytes at once where it can: strings made of
 * pieces that fall at every offset of such a look (letters, one or two
 * spaces, NBSP, C1, three-byte spaces and non-spaces, bad bytes) fold as
 * they do a character at a time.
 */
static void
test_text_clean_runs(void **state)
{
	static const char	*common[] = {
		"a", "Zq", " ", "\xd8\xa7", "\xd9\x84\xd8\xb9", "\xd0\x9a",
	};
	static const char	*pieces[] = {
		"  ", "\t", "\n", "\xc2\xa0", "\xc2\x85", "\xc2\xab",
		"\xc3\xa9", "\xdf\xbf", "\xe2\x80\x83", "\xe2\x80\x8f",
		"\xe3\x80\x80", "\xef\xbb\xbf", "\xf0\x9f\x87\xb0", "\xff",
		"\xd9", "\x80", "\x7f", "\x01", "\xc0\xaf", "~",
	};
	struct buf	 in = { 0 };
	unsigned	 seed = 13, r;
	char		*got, *want, label[32];
	int		 i, k;

	(void)state;
	for (i = 0; i < 20000; i++) {
		buf_reset(&in);
		/* Mostly letters and single spaces, as text is. */
		for (k = 0; k < i % 40; k++) {
			seed = seed * 1103515245u + 12345u;
			r = seed >> 16;
			buf_puts(&in, r % 8 != 0 ?
			    common[(r >> 3) % (sizeof(common) / sizeof(common[0]))] :
			    pieces[(r >> 3) % (sizeof(pieces) / sizeof(pieces[0]))]);
		}
		got = doc_text_clean(in.data, in.len);
		want = text_ref_clean(in.data, in.len);
		snprintf(label, sizeof(label), "string %d", i);
		assert_str(label, got, want);
		free(got);
		free(want);
	}
	buf_free(&in);
}

/*
 * URL resolution: only http and https survive, made absolute. The first
 * cases are feed_url_resolve's; the expected values of the rest were
 * checked with Python's urllib.parse.urljoin.
 */
static void
test_url_resolve(void **state)
{
	static const struct {
		const char	*base, *ref, *want;
	} cases[] = {
		{ "https://a.example/x/feed", "y", "https://a.example/x/y" },
		{ "https://a.example/x/feed", "/y?a=1&b=2#c",
		    "https://a.example/y?a=1&b=2#c" },
		{ "https://a.example/x/feed", "//cdn.example/y",
		    "https://cdn.example/y" },
		{ "https://a.example/x/feed", "../z", "https://a.example/z" },
		{ "https://a.example/x/feed", "  http://b.example/ \n",
		    "http://b.example/" },
		{ NULL, "HTTPS://b.example/p", "https://b.example/p" },
		/* Links strangers write: what a reader clicking them means. */
		{ "https://a.example/", "HTTPS://News.B.Example/Path/X",
		    "https://news.b.example/Path/X" },
		{ "https://a.example/", "http://User@B.example/", "http://User@B.example/" },
		{ "https://a.example/rss/", "www.b.example/news/1",
		    "https://www.b.example/news/1" },
		{ "http://a.example/rss/", "www.b.example",
		    "http://www.b.example" },
		{ "https://a.example/rss/", "b.example.org/news/1?id=2",
		    "https://b.example.org/news/1?id=2" },
		{ "https://a.example/rss/", "article.php?id=5",
		    "https://a.example/rss/article.php?id=5" },
		{ "https://a.example/rss/", "news.html/5",
		    "https://a.example/rss/news.html/5" },
		{ "https://a.example/rss/", "b.example.org?id=2",
		    "https://a.example/rss/b.example.org?id=2" },
		{ "https://a.example/rss/", "v1.2/notes",
		    "https://a.example/rss/v1.2/notes" },
		{ "https://a.example/rss/", "http:/news/2",
		    "https://a.example/news/2" },
		{ "https://a.example/rss/", "https:/b.example/news/3",
		    "https://b.example/news/3" },
		{ "https://a.example/rss/", "HTTP:/B.example/news/3",
		    "http://b.example/news/3" },
		{ "https://a.example/rss/",
		    "<a href=\"https://b.example/news/4\">read</a>",
		    "https://b.example/news/4" },
		{ "https://a.example/rss/", "<A class=x HREF='/news/5'>",
		    "https://a.example/news/5" },
		{ "https://a.example/rss/", "<a>no link</a>", NULL },
		{ "https://a.example/", "/news/كازاخستان اليوم",
		    "https://a.example/news/%D9%83%D8%A7%D8%B2%D8%A7%D8%AE%D8"
		    "%B3%D8%AA%D8%A7%D9%86%20%D8%A7%D9%84%D9%8A%D9%88%D9%85" },
		{ "https://a.example/", "javascript:alert(1)", NULL },
		{ "https://a.example/", "JavaScript:void(0)", NULL },
		{ "https://a.example/", "mailto:x@a.example", NULL },
		{ "https://a.example/", "data:text/html,hi", NULL },
		{ "https://a.example/", "ftp://a.example/f", NULL },
		{ NULL, "relative/only", NULL },
		{ "https://a.example/", "", NULL },
		{ "https://a.example/", "   ", NULL },
		{ "https://a.example/", NULL, NULL },
		{ "https://a.example/x/feed", "?q=1",
		    "https://a.example/x/feed?q=1" },
		{ "https://a.example/x/feed?p=2", "#top",
		    "https://a.example/x/feed?p=2#top" },
		{ "https://a.example/x/", "./y/../z", "https://a.example/x/z" },
		{ "https://a.example", "y", "https://a.example/y" },
		{ "https://a.example/a/b/c", "../../../../g",
		    "https://a.example/g" },
		{ "https://a.example/x/feed", "//cdn.example",
		    "https://cdn.example" },
		{ NULL, "http://b.example", "http://b.example" },
		{ "https://a.example/x", "http://b.example", "http://b.example" },
		{ "http://a.example/x", "g?y/./x", "http://a.example/g?y/./x" },
		{ "https://a.example/x", "/a#b c", "https://a.example/a#b%20c" },
		{ "https://a.example/x", "/s?q=a&b=c d",
		    "https://a.example/s?q=a&b=c%20d" },
		{ "https://a.example/أخبار/", "x",
		    "https://a.example/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/x" },
		{ "https://a.example/x", "http:foo", NULL },
		{ "https://a.example/x", "https://", NULL },
		{ "mailto:x@a.example", "y", NULL },
		{ "not a url", "y", NULL },
		{ "https://a.example/x", "tel:+1", NULL },
		{ NULL, "https://a.example/s?a=1&amp;b=2&amp;amp=3",
		    "https://a.example/s?a=1&b=2&amp=3" },
		{ "https://a.example/x", "/s?a=1&amp;b=2",
		    "https://a.example/s?a=1&b=2" },
	};
	char	*u;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		u = doc_url_resolve(cases[i].base, cases[i].ref);
		assert_str(cases[i].ref ? cases[i].ref : "(null)", u,
		    cases[i].want);
		free(u);
	}
}

/* Pieces of generated links: plain ones, and every kind curl refuses. */
static const char *const link_hosts[] = {
	"a.example", "news.example.net", "a_b.example", "x-y.example",
	"1a.example", "a.b1", "a.1", "127.0.0.1", "127.1", "0x7f.1", "1",
	"a.example.", "a..example", ".a", "A.example", "Example.COM", "-", "_",
	"m\xc3\xbcnchen.example", "a.example:80", "a.example:", ":80",
	"user@a.example", "@a", "[::1]", "[::1", "", "a$b", "a!b", "a*b",
	"a'b", "a=b", "a;b", "a,b", "a+b", "a&b", "a(b", "a%41b", "a~b"
};
static const char *const link_segments[] = {
	"", ".", "..", "a", "B", "%2e", "%zz", "%", "\xc3\xa4", "a b", "'",
	"\"", "<", "{", "~", "+", ";", "=", ":", "@", "!", "$", "&", "*", "(",
	"?", "?q=1", "#", "#top", "#a#b", "//", "index.html", "\t"
};

#define LINK_PICK(v)	(v[rand() % (int)(sizeof(v) / sizeof(v[0]))])

/* A random link of the pieces above, in buf, its scheme in lower case. */
static void
gen_link(char *buf, size_t len)
{
	int	 i, n;

	snprintf(buf, len, "%s://%s", rand() % 2 ? "http" : "https",
	    LINK_PICK(link_hosts));
	for (i = 0, n = rand() % 4; i < n; i++)
		snprintf(buf + strlen(buf), len - strlen(buf), "/%s",
		    LINK_PICK(link_segments));
}

/*
 * An absolute link with a lower-case scheme may be taken as written without
 * curl's parser; with the scheme in capitals, curl always parses it. Both
 * must keep the same link or both refuse it: 20,000 generated links, a host
 * name longer than DNS allows, and a path longer than the plain one's bound.
 */
static void
test_url_plain_agrees_with_curl(void **state)
{
	char	 url[600], *a, *b, *big;
	size_t	 scheme, i;

	(void)state;
	big = malloc(100 * 1024);
	assert_non_null(big);
	memset(big, 'a', 100 * 1024);
	srand(17);
	for (i = 0; i < 20000; i++) {
		if (i == 0)
			snprintf(url, sizeof(url), "http://%0300d.example/x", 0);
		else if (i == 1)
			snprintf(url, sizeof(url), "https://%.300s/x", big);
		else
			gen_link(url, sizeof(url));
		scheme = url[4] == 's' ? 5 : 4;
		a = doc_url_resolve("https://base.example/dir/", url);
		memcpy(url, scheme == 5 ? "HTTPS" : "HTTP", scheme);
		b = doc_url_resolve("https://base.example/dir/", url);
		if (b != NULL)
			memcpy(b, scheme == 5 ? "https" : "http", scheme);
		if ((a == NULL) != (b == NULL) ||
		    (a != NULL && strcmp(a, b) != 0))
			fail_msg("%s: %s, but curl: %s", url, a ? a : "(refused)",
			    b ? b : "(refused)");
		free(a);
		free(b);
	}
	memcpy(big, "http://a.example/", 17);
	memset(big + 17, 'p', 100 * 1024 - 18);
	big[100 * 1024 - 1] = '\0';
	a = doc_url_resolve(NULL, big);
	assert_non_null(a);
	assert_string_equal(a, big);
	free(a);
	free(big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_label_spellings),
		cmocka_unit_test(test_prescan),
		cmocka_unit_test(test_charsets),
		cmocka_unit_test(test_wide),
		cmocka_unit_test(test_wide_labels),
		cmocka_unit_test(test_arabic_feeds),
		cmocka_unit_test(test_arabic_pages),
		cmocka_unit_test(test_late_meta),
		cmocka_unit_test(test_utf8_rules),
		cmocka_unit_test(test_pasted),
		cmocka_unit_test(test_koi8u),
		cmocka_unit_test(test_cyrillic_crossed),
		cmocka_unit_test(test_short_texts),
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_xml_decl),
		cmocka_unit_test(test_bad_bytes),
		cmocka_unit_test(test_any_bytes),
		cmocka_unit_test(test_xml_unchecked),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_url_plain_agrees_with_curl),
		cmocka_unit_test(test_text_clean),
		cmocka_unit_test(test_text_clean_runs),
		cmocka_unit_test(test_url_resolve),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
