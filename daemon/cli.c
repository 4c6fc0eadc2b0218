/*
 * cli: the subcommands (check, history, match, mute, parse, sources,
 * unmute) and the table of every one; init, the OPML commands and report
 * have files of their own (cli_init.c, cli_opml.c, cli_report.c).
 */
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "cli.h"
#include "cli_int.h"
#include "compat.h"
#include "config.h"
#include "feed.h"
#include "fetch.h"
#include "item.h"
#include "log.h"
#include "match.h"
#include "page.h"
#include "poll.h"
#include "store.h"
#include "text.h"
#include "xmalloc.h"

#define CLI_MAX_INPUT	(64 * 1024 * 1024)
#define CLI_SNIPPET	160
#define CLI_PIECE	(1024 * 1024)	/* raqib match reads a file in pieces
					   of at most this many bytes */
#define CLI_PIECEMIN	16
#define CLI_MUTE	(24 * 3600)	/* default mute: a day */
#define CLI_HISTORY_MAX	1000

struct cli_command {
	const char	*name;
	int		(*run)(struct cli_opts *);
	const char	*usage;
	const char	*optstring;	/* "+...": options before operands only */
	const char	*help;		/* what --help adds below the usage */
};


/*
 * Load the config named by -c, or the default one; errors go to stderr and
 * o->status receives the exit status they call for (1 unreadable, 2
 * invalid).
 */
struct config *
cli_config(struct cli_opts *o)
{
	struct buf	 errors = { 0 };
	struct config	*cfg;
	char		*path = o->config ? xstrdup(o->config) :
			    config_default_path();

	if ((cfg = config_load(path, &errors, &o->status)) == NULL)
		fprintf(stderr, "%s", errors.data ? errors.data : "");
	buf_free(&errors);
	free(path);
	return cfg;
}

/*
 * raqib check --database: read every page of the database, beside a
 * running daemon if need be; 1 when it is damaged or unreadable.
 */
static int
cli_check_database(const struct config *cfg)
{
	struct store	*st;
	char		 err[512];
	int		 rc = 1;

	if (access(cfg->database, F_OK) == -1) {
		printf("%s: no database yet\n", cfg->database);
		return 0;
	}
	if ((st = store_open(cfg->database, STORE_SHARED, err,
	    sizeof(err))) == NULL)
		fprintf(stderr, "raqib: %s\n", err);
	else if (store_check_all(st) == -1)
		fprintf(stderr, "raqib: %s\n", store_error(st));
	else {
		printf("%s: database OK\n", cfg->database);
		rc = 0;
	}
	store_close(st);
	return rc;
}

/* Print the names of a valid config's sources and topics, a line each. */
static void
cli_check_names(const struct config *cfg)
{
	size_t	 i;

	if (cfg->nsources > 0)
		printf("sources:");
	for (i = 0; i < cfg->nsources; i++)
		printf("%s %s", i > 0 ? "," : "", cfg->sources[i].name);
	if (cfg->ntopics > 0)
		printf("%stopics:", cfg->nsources > 0 ? "\n" : "");
	for (i = 0; i < cfg->ntopics; i++)
		printf("%s %s", i > 0 ? "," : "", cfg->topics[i].name);
	if (cfg->nsources + cfg->ntopics > 0)
		putchar('\n');
}

/* Print a warning of config_warnings as FILE:LINE: when it names a line. */
static void
cli_check_warn(const char *path, const char *warning)
{
	const char	*text;
	int		 line = config_warning_line(warning, &text);

	if (line > 0)
		fprintf(stderr, "%s:%d: warning: %s\n", path, line, text);
	else
		fprintf(stderr, "%s: warning: %s\n", path, text);
}

/* Print a line of config_database_usable as FILE:LINE: when it names one. */
static void
cli_check_error(const char *path, const char *problem)
{
	const char	*text;
	int		 line = config_warning_line(problem, &text);

	if (line > 0)
		fprintf(stderr, "%s:%d: %s", path, line, text);
	else
		fprintf(stderr, "%s: %s", path, text);
}

/*
 * raqib check: read the config and report problems, then what looks
 * wrong; the whole database too with --database.
 */
static int
cli_check(struct cli_opts *o)
{
	struct config	*cfg;
	int		 rc = 0;
	struct buf	 warn = { 0 }, problem = { 0 };
	char		*line, *save = NULL;

	if (o->argc != 0)
		return -1;
	if ((cfg = cli_config(o)) == NULL)
		return o->status;
	printf("%s: configuration OK (%zu sources, %zu topics, database %s)\n",
	    cfg->path, cfg->nsources, cfg->ntopics, cfg->database);
	cli_check_names(cfg);
	config_warnings(cfg, &warn);
	for (line = warn.data ? strtok_r(warn.data, "\n", &save) : NULL;
	    line != NULL; line = strtok_r(NULL, "\n", &save))
		cli_check_warn(cfg->path, line);
	buf_free(&warn);
	if (config_database_usable(cfg, &problem) == -1) {
		cli_check_error(cfg->path, problem.data);
		rc = 1;
	} else if (o->database)
		rc = cli_check_database(cfg);
	buf_free(&problem);
	config_free(cfg);
	return rc;
}

/* Read a whole stream into b; -1 with a message on error. */
static int
cli_read_stream(FILE *f, const char *name, struct buf *b)
{
	char	 chunk[65536];
	size_t	 n;

	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (b->len + n > CLI_MAX_INPUT) {
			fprintf(stderr, "raqib: %s: too large\n", name);
			return -1;
		}
		buf_append(b, chunk, n);
	}
	if (ferror(f)) {
		fprintf(stderr, "raqib: %s: %s\n", name, strerror(errno));
		return -1;
	}
	if (b->data == NULL)
		buf_puts(b, "");
	return 0;
}

/* Read a file (or stdin for "-") into b. */
int
cli_read_file(const char *path, struct buf *b)
{
	FILE	*f;
	int	 rc;

	if (strcmp(path, "-") == 0)
		return cli_read_stream(stdin, "standard input", b);
	if ((f = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "raqib: %s: %s\n", path, strerror(errno));
		return -1;
	}
	rc = cli_read_stream(f, path, b);
	fclose(f);
	return rc;
}

/* Print one hit: topic, terms, and a snippet with the hit in «». */
static void
cli_print_hit(const struct config *cfg, const struct match_hit *h,
    const char *text, size_t len)
{
	size_t	 hs, he;
	char	*snip;

	snip = text_snippet(text, len, h->start, h->end, CLI_SNIPPET, &hs, &he);
	printf("%s\t%s\t%.*s«%.*s»%s\n", cfg->topics[h->topic].name, h->terms,
	    (int)hs, snip, (int)(he - hs), snip + hs, snip + he);
	free(snip);
}

/* The index of the topic named by --topic (SIZE_MAX: all); -1 if none such. */
int
cli_topic(const struct cli_opts *o, const struct config *cfg, size_t *topic)
{
	size_t	 i;

	*topic = SIZE_MAX;
	if (o->topic == NULL)
		return 0;
	for (i = 0; i < cfg->ntopics; i++)
		if (strcmp(o->topic, cfg->topics[i].name) == 0) {
			*topic = i;
			return 0;
		}
	fprintf(stderr, "raqib: %s: no topic named '%s'\n", cfg->path,
	    o->topic);
	return -1;
}

/*
 * A text matched piece by piece, so that memory stays bounded whatever the
 * size of the file: the bytes read and not yet matched, and the topics
 * already printed.
 */
struct cli_pieces {
	FILE		*f;
	const char	*name;
	struct buf	 b;
	size_t		 piece;		/* bytes a piece may have */
	size_t		 repeat;	/* tokens a piece repeats of the one
					   before: a phrase's words but one */
	size_t		 topic;		/* --topic, SIZE_MAX: all */
	unsigned char	*shown;		/* by topic: printed already */
	int		 explain;
};

/*
 * The size of a piece: CLI_PIECE, or RAQIB_MATCH_PIECE bytes (at least
 * CLI_PIECEMIN), which the tests set to put a phrase across a cut.
 */
static size_t
cli_piece_size(void)
{
	const char	*e = getenv("RAQIB_MATCH_PIECE");
	unsigned long	 n;
	char		*end;

	if (e == NULL || *e == '\0')
		return CLI_PIECE;
	n = strtoul(e, &end, 10);
	if (*end != '\0' || n > CLI_PIECE)
		return CLI_PIECE;
	return n < CLI_PIECEMIN ? CLI_PIECEMIN : n;
}

/* Read until the buffer holds a piece or the stream ends; -1 on error. */
static int
cli_piece_fill(struct cli_pieces *p, int *eof)
{
	char	 chunk[65536];
	size_t	 want, n;

	*eof = 0;
	while (p->b.len < p->piece) {
		want = p->piece - p->b.len;
		n = fread(chunk, 1, want < sizeof(chunk) ? want :
		    sizeof(chunk), p->f);
		if (n == 0)
			break;
		buf_append(&p->b, chunk, n);
	}
	if (ferror(p->f)) {
		fprintf(stderr, "raqib: %s: %s\n", p->name, strerror(errno));
		return -1;
	}
	*eof = p->b.len < p->piece;
	if (p->b.data == NULL)
		buf_puts(&p->b, "");
	return 0;
}

/*
 * Where a piece of s (len > 0 bytes) ends: after its last ASCII space,
 * which always separates tokens; in a piece with none, before its last
 * character, which may be cut.
 */
static size_t
cli_piece_cut(const char *s, size_t len)
{
	size_t	 i;

	for (i = len; i > 0; i--)
		if (s[i - 1] == ' ' || s[i - 1] == '\n' ||
		    s[i - 1] == '\t' || s[i - 1] == '\r')
			return i;
	for (i = len - 1; i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80; i--)
		continue;
	return i > 0 ? i : len;
}

/*
 * Where the next piece starts: at the n-th last token of s[0, cut), found
 * in a window that grows back from the cut until it holds more than n
 * tokens (its first may be cut in two). A repeat of more than half the
 * piece is dropped, so that each piece moves on by half of one at least:
 * only a phrase whose words span that much punctuation is lost.
 */
static size_t
cli_piece_next(const char *s, size_t cut, size_t n)
{
	const struct text_token	*tok;
	struct text		*t;
	size_t			 w, from, nt, at;

	if (n == 0)
		return cut;
	for (w = 256;; w *= 2) {
		from = w < cut ? cut - w : 0;
		t = text_tokenize(s + from, cut - from);
		nt = text_ntokens(t);
		if (nt > n || from == 0)
			break;
		text_free(t);
	}
	tok = nt == 0 ? NULL : text_token(t, nt > n ? nt - n : 0);
	at = tok != NULL ? from + tok->start : cut;
	text_free(t);
	return at < cut / 2 ? cut : at;
}

/* Print one topic's first hit unless shown; explain the text if asked. */
static int
cli_match_print(struct cli_pieces *p, const struct config *cfg,
    const char *text)
{
	struct match_doc	 doc = { text, text, text, NULL };
	struct match_result	 res = { 0 };
	struct buf		 why = { 0 };
	size_t			 i, t, len = strlen(text);
	int			 rc = 0;

	if (match_doc(cfg->match, &doc, &res) == -1)
		return -1;
	for (i = 0; i < res.n; i++) {
		t = res.v[i].topic;
		if ((p->topic == SIZE_MAX || p->topic == t) && !p->shown[t]) {
			cli_print_hit(cfg, &res.v[i], text, len);
			p->shown[t] = 1;
		}
	}
	match_result_free(&res);
	if (!p->explain)
		return 0;
	if (match_explain(cfg->match, &doc, p->topic, &why) == -1)
		rc = -1;
	else
		fputs(why.data ? why.data : "", stdout);
	buf_free(&why);
	return rc;
}

/*
 * Match a stream piece by piece: each piece is cut after a space and is a
 * document of its own (AND, NOT and NEAR hold within a piece), and
 * repeats the last tokens of the one before, so that no phrase is lost at
 * a cut; a topic is printed where it first fires.
 */
static int
cli_match_stream(struct cli_pieces *p, const struct config *cfg)
{
	size_t	 cut, next;
	char	 c;
	int	 eof, rc;

	for (;;) {
		if (cli_piece_fill(p, &eof) == -1)
			return -1;
		cut = eof ? p->b.len : cli_piece_cut(p->b.data, p->b.len);
		c = p->b.data[cut];
		p->b.data[cut] = '\0';
		rc = cli_match_print(p, cfg, p->b.data);
		p->b.data[cut] = c;
		if (rc == -1 || eof)
			return rc;
		next = cli_piece_next(p->b.data, cut, p->repeat);
		memmove(p->b.data, p->b.data + next, p->b.len - next + 1);
		p->b.len -= next;
	}
}

/* Match the operand's text, or standard input ("-") or --file in pieces. */
static int
cli_match_text(const struct cli_opts *o, const struct config *cfg,
    struct cli_pieces *p)
{
	const char	*path = o->file ? o->file : o->argv[0];
	int		 rc;

	if (o->file == NULL && strcmp(o->argv[0], "-") != 0)
		return cli_match_print(p, cfg, o->argv[0]);
	p->name = strcmp(path, "-") == 0 ? "standard input" : path;
	p->f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (p->f == NULL) {
		fprintf(stderr, "raqib: %s: %s\n", path, strerror(errno));
		return -1;
	}
	p->piece = cli_piece_size();
	p->repeat = match_phrase_words(cfg->match) - 1;
	rc = cli_match_stream(p, cfg);
	if (p->f != stdin)
		fclose(p->f);
	buf_free(&p->b);
	return rc;
}

/* raqib match: which topics a text fires, one line each. */
static int
cli_match(struct cli_opts *o)
{
	struct cli_pieces	 p;
	struct config		*cfg;
	int			 rc = 1;

	if ((o->file == NULL) == (o->argc != 1))
		return -1;
	if ((cfg = cli_config(o)) == NULL)
		return o->status;
	memset(&p, 0, sizeof(p));
	p.explain = o->explain;
	p.shown = xcalloc(cfg->ntopics + 1, 1);
	if (cli_topic(o, cfg, &p.topic) == -1)
		rc = 2;
	else if (cli_match_text(o, cfg, &p) == 0)
		rc = 0;
	free(p.shown);
	config_free(cfg);
	return rc;
}

/* Print a JSON string value (or null), escaping what JSON requires. */
void
cli_json_string(const char *s)
{
	if (s == NULL) {
		fputs("null", stdout);
		return;
	}
	putchar('"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			printf("\\u%04x", (unsigned char)*s);
		else
			putchar(*s);
	}
	putchar('"');
}

/* Print a time as ISO 8601 UTC (or null). */
void
cli_json_time(int64_t t)
{
	char		 s[32];
	time_t		 tt = (time_t)t;
	struct tm	 tm;

	if (t == ITEM_NO_TIME || gmtime_r(&tt, &tm) == NULL) {
		fputs("null", stdout);
		return;
	}
	strftime(s, sizeof(s), "%Y-%m-%dT%H:%M:%SZ", &tm);
	printf("\"%s\"", s);
}

/* Print a list of strings as a JSON array. */
static void
cli_json_strings(char *const *v, size_t n)
{
	size_t	 i;

	putchar('[');
	for (i = 0; i < n; i++) {
		if (i > 0)
			putchar(',');
		cli_json_string(v[i]);
	}
	putchar(']');
}

/*
 * Print one item as a JSON line; rule (pages only) names what found it.
 * The summary is the item's, or the text of its content when it has none,
 * as feed readers show an item.
 */
static void
cli_print_item(const struct item *it, const char *rule)
{
	fputs("{\"title\":", stdout);
	cli_json_string(it->title);
	fputs(",\"link\":", stdout);
	cli_json_string(it->link);
	fputs(",\"id\":", stdout);
	cli_json_string(it->id);
	fputs(",\"published\":", stdout);
	cli_json_time(it->published);
	fputs(",\"updated\":", stdout);
	cli_json_time(it->updated);
	fputs(",\"summary\":", stdout);
	cli_json_string(it->summary != NULL ? it->summary : it->content);
	fputs(",\"content\":", stdout);
	cli_json_string(it->content);
	fputs(",\"author\":", stdout);
	cli_json_string(it->author);
	fputs(",\"categories\":", stdout);
	cli_json_strings(it->categories, it->ncategories);
	if (rule != NULL) {
		fputs(",\"rule\":", stdout);
		cli_json_string(rule);
	}
	fputs("}\n", stdout);
}

/* Print what the document was, the first line of `raqib parse`. */
static void
cli_print_doc(const struct poll_doc *doc)
{
	const struct feed_info	*fi = &doc->feed;
	const struct page_info	*pi = &doc->info;

	fputs("{\"feed\":{\"format\":", stdout);
	cli_json_string(doc->page ? "html" : feed_format_name(fi->format));
	fputs(",\"title\":", stdout);
	cli_json_string(doc->page ? pi->title : fi->title);
	fputs(",\"link\":", stdout);
	cli_json_string(doc->page ? NULL : fi->link);
	fputs(",\"encoding\":", stdout);
	cli_json_string(doc->page ? pi->encoding : fi->encoding);
	fputs(",\"encoding_from\":", stdout);
	cli_json_string(doc->page ? pi->encoding_from : fi->encoding_from);
	fputs("}}\n", stdout);
}

/* What `raqib parse` reads: a file's bytes, or a URL's response. */
struct cli_input {
	struct buf		 file;
	struct fetch_copy	 net;
	const char		*data;
	size_t			 len;
	const char		*url;		/* base for relative links */
	const char		*charset;	/* --charset, else HTTP's, or NULL */
	int64_t			 fetched;	/* --now, else when read */
};

/* Whether an operand is an http or https URL rather than a file. */
static int
cli_is_url(const char *s)
{
	return strncasecmp(s, "http://", 7) == 0 ||
	    strncasecmp(s, "https://", 8) == 0;
}

/* Whether what names url whole (not as the start of a longer URL). */
static int
cli_names_url(const char *what, const char *url)
{
	size_t		 n = strlen(url);
	const char	*p;

	for (p = strstr(what, url); p != NULL; p = strstr(p + 1, url))
		if (p[n] == '\0' || strchr(" ,;)", p[n]) != NULL)
			return 1;
	return 0;
}

/*
 * Say what came of fetching url on stderr, its login left out as in
 * every message raqib writes (a terminal's scrollback, a shared log);
 * url before it only when what does not name it already.
 */
static void
cli_fetch_say(const char *url, const char *what)
{
	char	*shown = fetch_url_nologin(url);

	if (cli_names_url(what, shown))
		fprintf(stderr, "raqib: %s\n", what);
	else
		fprintf(stderr, "raqib: %s: %s\n", shown, what);
	free(shown);
}

/* Fetch a URL into in with the daemon's fetcher; -1 after a message. */
static int
cli_fetch(struct cli_opts *o, const char *url, struct cli_input *in)
{
	struct fetch_request	 req = { .url = url };
	char			 err[512];

	fetch_copy_free(&in->net);
	if (fetch_sync(&req, &in->net, err, sizeof(err)) == -1) {
		cli_fetch_say(url, err);
		return -1;
	}
	if (in->net.warning != NULL)
		cli_fetch_say(url, in->net.warning);
	in->data = in->net.body;
	in->len = in->net.len;
	in->url = o->url ? o->url : in->net.url;
	in->charset = o->charset ? o->charset : in->net.charset;
	in->fetched = (int64_t)time(NULL);
	return 0;
}

/*
 * Read a file (or "-") into in; -1 after a message. A saved page was
 * fetched when it was last written: its mtime dates "2 hours ago".
 */
static int
cli_input_file(struct cli_opts *o, const char *path, struct cli_input *in)
{
	struct stat	 st;

	if (cli_read_file(path, &in->file) == -1)
		return -1;
	in->data = in->file.data;
	in->len = in->file.len;
	in->url = o->url ? o->url : "http://localhost/";
	in->charset = o->charset;
	in->fetched = strcmp(path, "-") != 0 && stat(path, &st) == 0 ?
	    (int64_t)st.st_mtime : (int64_t)time(NULL);
	return 0;
}

/* The body of the input, as poll reads a source's. */
static struct poll_body
cli_body(const struct cli_opts *o, const struct cli_input *in)
{
	struct poll_body	 b = { in->data, in->len, in->url, in->charset,
	    o->items, in->fetched };

	return b;
}

/* A fetched page that advertises a feed is read through it, as raqib does. */
static int
cli_discover(struct cli_opts *o, struct cli_input *in)
{
	struct poll_body	 b = cli_body(o, in);
	char			*feed, *shown;
	int			 rc;

	if (o->article || (feed = poll_body_feed(&b)) == NULL)
		return 0;
	shown = fetch_url_nologin(feed);
	fprintf(stderr, "raqib: the page advertises the feed %s; reading "
	    "it\n", shown);
	free(shown);
	rc = cli_fetch(o, feed, in);
	free(feed);
	return rc;
}

/* Read the operand: a URL (following an advertised feed) or a file. */
static int
cli_input_read(struct cli_opts *o, const char *arg, struct cli_input *in)
{
	if (!cli_is_url(arg))
		return cli_input_file(o, arg, in);
	if (cli_fetch(o, arg, in) == -1)
		return -1;
	return cli_discover(o, in);
}

/*
 * parse --article: what fetch = article reads (the main text, the
 * headline and date), as one JSON line.
 */
static int
cli_parse_article(const struct cli_input *in)
{
	struct page_article	 a;

	page_article_read(in->data, in->len, in->url, in->charset, &a);
	fputs("{\"url\":", stdout);
	cli_json_string(in->url);
	fputs(",\"title\":", stdout);
	cli_json_string(a.title);
	fputs(",\"published\":", stdout);
	cli_json_time(a.published);
	fputs(",\"content\":", stdout);
	cli_json_string(a.text);
	fputs("}\n", stdout);
	page_article_free(&a);
	return 0;
}

/* Print what was read: the document's line, then an item a line. */
static void
cli_parse_print(const struct item_list *items, const struct poll_doc *doc)
{
	size_t	 i;

	cli_print_doc(doc);
	for (i = 0; i < items->n; i++)
		cli_print_item(&items->v[i], doc->rules ? doc->rules[i] : NULL);
}

/* The script a legacy encoding writes, as a reason to have chosen it. */
static const char *
cli_script(const char *enc)
{
	static const struct {
		const char	*prefix, *script;
	} scripts[] = {
		{ "windows-1256", "Arabic" }, { "ISO-8859-6", "Arabic" },
		{ "windows-1251", "Cyrillic" }, { "KOI8", "Cyrillic" },
		{ "ISO-8859-5", "Cyrillic" }, { "IBM866", "Cyrillic" },
		{ "x-mac-cyrillic", "Cyrillic" }, { "windows-1255", "Hebrew" },
		{ "ISO-8859-8", "Hebrew" }, { "windows-1253", "Greek" },
		{ "ISO-8859-7", "Greek" }, { "windows-874", "Thai" },
	};
	size_t	 i;

	for (i = 0; i < nitems(scripts); i++)
		if (strncasecmp(enc, scripts[i].prefix,
		    strlen(scripts[i].prefix)) == 0)
			return scripts[i].script;
	return NULL;
}

/*
 * Say on stderr what the reader mended or could not read, and a charset
 * it chose itself: over none declared, or over a wrong declaration.
 */
static void
cli_parse_report(const char *what, const struct poll_doc *doc)
{
	const char	*from = doc->page ? doc->info.encoding_from :
	    doc->feed.encoding_from;
	const char	*enc = doc->page ? doc->info.encoding :
	    doc->feed.encoding;
	const char	*script = cli_script(enc);
	char		 report[256];

	feed_info_report(&doc->feed, report, sizeof(report));
	if (report[0] != '\0')
		fprintf(stderr, "raqib: %s: %s\n", what, report);
	if (from == NULL || strcmp(from, "detected") != 0)
		return;
	if (doc->page || doc->feed.declared[0] == '\0')
		fprintf(stderr, "raqib: %s: no usable charset was declared; "
		    "read as %s (detected)\n", what, enc);
	else if (script != NULL)
		fprintf(stderr, "raqib: %s: declared %s, read as %s because "
		    "the text is %s (detected)\n", what, doc->feed.declared,
		    enc, script);
	else
		fprintf(stderr, "raqib: %s: declared %s, read as %s because "
		    "the text does not read as declared (detected)\n", what,
		    doc->feed.declared, enc);
}

/* raqib parse: the items raqib reads in a file or at a URL, as JSON lines. */
static int
cli_parse(struct cli_opts *o)
{
	struct item_list	 items = { 0 };
	struct poll_doc		 doc = { 0 };
	struct cli_input	 in = { 0 };
	struct poll_body	 b;
	char			 err[512];
	int64_t			 now = ITEM_NO_TIME;
	int			 rc = -1;

	if (o->argc != 1)
		return -1;
	if (o->now != NULL && (now = feed_date_parse(o->now)) ==
	    ITEM_NO_TIME) {
		fprintf(stderr, "raqib: --now %s: not a date (such as "
		    "2026-12-07T10:00:00Z)\n", o->now);
		return -1;
	}
	if (cli_input_read(o, o->argv[0], &in) == -1)
		rc = -1;
	else if (o->article)
		rc = cli_parse_article(&in);
	else {
		if (o->now != NULL)
			in.fetched = now;
		b = cli_body(o, &in);
		if ((rc = poll_body_items(&b, &items, &doc, err,
		    sizeof(err))) == -1)
			fprintf(stderr, "raqib: %s: %s\n", o->argv[0], err);
		else {
			cli_parse_print(&items, &doc);
			cli_parse_report(o->argv[0], &doc);
		}
	}
	poll_doc_free(&doc);
	item_list_free(&items);
	buf_free(&in.file);
	fetch_copy_free(&in.net);
	return rc == 0 ? 0 : 1;
}

/* Open the config's database beside a running daemon; NULL after a message. */
static struct store *
cli_store(const struct config *cfg)
{
	struct store	*st;
	char		 err[512];

	if ((st = store_open(cfg->database, STORE_SHARED, err,
	    sizeof(err))) == NULL)
		fprintf(stderr, "raqib: %s\n", err);
	return st;
}

/* Whether the config has a topic of that name; says so when not. */
static int
cli_topic_known(const struct config *cfg, const char *name)
{
	size_t	 i;

	for (i = 0; i < cfg->ntopics; i++)
		if (strcmp(cfg->topics[i].name, name) == 0)
			return 1;
	fprintf(stderr, "raqib: no [topic %s] in %s\n", name, cfg->path);
	return 0;
}

/* Print one mute as "topic<TAB>until (local time)". */
static int
cli_print_mute(const char *topic, int64_t until, void *arg)
{
	time_t		 t = (time_t)until;
	struct tm	 tm;
	char		 when[32] = "?";

	(void)arg;
	if (localtime_r(&t, &tm) != NULL)
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm);
	printf("%s\tmuted until %s\n", topic, when);
	return 0;
}

/* Mute a topic for the duration (default a day), or list the mutes. */
static int
cli_mute_run(struct config *cfg, struct store *st, struct cli_opts *o)
{
	long	 d = CLI_MUTE;

	if (o->argc == 0)
		return store_mutes(st, cli_print_mute, NULL) == -1 ? 1 : 0;
	if (o->argc == 2 && (d = config_duration(o->argv[1])) <= 0) {
		fprintf(stderr, "raqib: bad duration '%s' (use a number with "
		    "s, m, h or d, such as 8h)\n", o->argv[1]);
		return 2;
	}
	if (!cli_topic_known(cfg, o->argv[0]))
		return 2;
	if (store_mute(st, o->argv[0], (int64_t)time(NULL) + d) == -1)
		return 1;
	return cli_print_mute(o->argv[0], (int64_t)time(NULL) + d, NULL);
}

/* raqib mute [TOPIC [DURATION]]: mute a topic, or list the muted ones. */
static int
cli_mute(struct cli_opts *o)
{
	struct config	*cfg;
	struct store	*st;
	int		 rc = 1;

	if (o->argc > 2)
		return -1;
	if ((cfg = cli_config(o)) == NULL)
		return o->status;
	if ((st = cli_store(cfg)) != NULL) {
		if ((rc = cli_mute_run(cfg, st, o)) == 1)
			fprintf(stderr, "raqib: %s\n", store_error(st));
		store_close(st);
	}
	config_free(cfg);
	return rc;
}

/* raqib unmute TOPIC: notify about the topic again. */
static int
cli_unmute(struct cli_opts *o)
{
	struct config	*cfg;
	struct store	*st;
	int		 rc = 1;

	if (o->argc != 1)
		return -1;
	if ((cfg = cli_config(o)) == NULL)
		return o->status;
	if ((st = cli_store(cfg)) != NULL) {
		rc = store_unmute(st, o->argv[0]);
		if (rc == -1)
			fprintf(stderr, "raqib: %s\n", store_error(st));
		else
			printf("%s\t%s\n", o->argv[0], rc ? "unmuted" :
			    "was not muted");
		rc = rc == -1 ? 1 : 0;
		store_close(st);
	}
	config_free(cfg);
	return rc;
}

/* What `raqib sources` prints from: the config and whom it already listed. */
struct cli_sources {
	struct config		*cfg;
	char			*listed;	/* per config source: printed */
	int			 json;
	int			 width;		/* of the name column */
};

/* The index of a configured source, or -1 when the config no longer has it. */
static long
cli_source_index(const struct config *cfg, const char *name)
{
	size_t	 i;

	for (i = 0; i < cfg->nsources; i++)
		if (strcmp(cfg->sources[i].name, name) == 0)
			return (long)i;
	return -1;
}

/* How long ago a time was, as people say it ("never" for 0). */
static void
cli_ago(int64_t t, char *out, size_t len)
{
	static const struct { int64_t secs; char unit; } units[] = {
		{ 86400, 'd' }, { 3600, 'h' }, { 60, 'm' }, { 1, 's' }
	};
	int64_t	 d = (int64_t)time(NULL) - t;
	size_t	 i;

	if (t == 0) {
		snprintf(out, len, "never");
		return;
	}
	for (i = 0; i < nitems(units) - 1 && d < units[i].secs; i++)
		;
	snprintf(out, len, "%lld%c ago", (long long)(d < 0 ? 0 :
	    d / units[i].secs), units[i].unit);
}

/* Print one source's health as a JSON line. */
static void
cli_source_json(const struct store_source_row *r)
{
	fputs("{\"name\":", stdout);
	cli_json_string(r->name);
	fputs(",\"last_attempt\":", stdout);
	cli_json_time(r->last_attempt ? r->last_attempt : ITEM_NO_TIME);
	fputs(",\"last_success\":", stdout);
	cli_json_time(r->last_success ? r->last_success : ITEM_NO_TIME);
	if (r->last_status > 0)
		printf(",\"status\":%ld", r->last_status);
	else
		fputs(",\"status\":null", stdout);
	printf(",\"failures\":%ld,\"last_error\":", r->failures);
	cli_json_string(r->last_error);
	printf(",\"items\":%zu,\"seen\":%zu,\"repaired\":%zu,"
	    "\"unreadable\":%zu,\"read_note\":", r->items, r->seen,
	    r->repaired, r->unreadable);
	cli_json_string(r->read_note);
	fputs("}\n", stdout);
}

/* Print one source's health as a table row. */
static void
cli_source_row(const struct cli_sources *cs, const struct store_source_row *r)
{
	char	 attempt[32], success[32], status[24], err[1024];

	cli_ago(r->last_attempt, attempt, sizeof(attempt));
	cli_ago(r->last_success, success, sizeof(success));
	if (r->last_status > 0)
		snprintf(status, sizeof(status), "%ld", r->last_status);
	else
		snprintf(status, sizeof(status), "-");
	/* Room for a moved source's URL before its error. */
	log_safe(err, sizeof(err), r->last_error ? r->last_error :
	    r->read_note ? r->read_note : "-", 600);
	printf("%-*s  %-9s  %-9s  %4s  %5ld  %5zu  %s\n", cs->width, r->name,
	    attempt, success, status, r->failures, r->items, err);
}

/* store_sources() callback: print the sources the config still has. */
static int
cli_source_cb(const struct store_source_row *r, void *arg)
{
	struct cli_sources	*cs = arg;
	long			 i = cli_source_index(cs->cfg, r->name);

	if (i < 0)
		return 0;
	cs->listed[i] = 1;
	if (cs->json)
		cli_source_json(r);
	else
		cli_source_row(cs, r);
	return 0;
}

/* Print the configured sources the database has not seen yet. */
static void
cli_sources_unpolled(struct cli_sources *cs)
{
	struct store_source_row	 r = { 0 };
	size_t			 i;

	for (i = 0; i < cs->cfg->nsources; i++) {
		if (cs->listed[i])
			continue;
		r.name = cs->cfg->sources[i].name;
		cli_source_cb(&r, cs);
	}
}

/* The widest source name, for the table. */
static int
cli_name_width(const struct config *cfg)
{
	size_t	 i, w = 4;

	for (i = 0; i < cfg->nsources; i++)
		if (strlen(cfg->sources[i].name) > w)
			w = strlen(cfg->sources[i].name);
	return (int)w;
}

/* Print the table (or JSON lines) of every configured source; 0 or 1. */
static int
cli_sources_print(struct store *st, struct cli_sources *cs)
{
	if (!cs->json)
		printf("%-*s  %-9s  %-9s  %4s  %5s  %5s  %s\n", cs->width,
		    "NAME", "LAST POLL", "LAST OK", "HTTP", "FAILS", "ITEMS",
		    "LAST ERROR");
	if (store_sources(st, cli_source_cb, cs) == -1) {
		fprintf(stderr, "raqib: %s\n", store_error(st));
		return 1;
	}
	cli_sources_unpolled(cs);
	return 0;
}

/* raqib sources: each configured source's health, from the database. */
static int
cli_sources(struct cli_opts *o)
{
	struct cli_sources	 cs = { 0 };
	struct store		*st;
	char			 err[512];
	int			 rc = 1;

	if (o->argc != 0)
		return -1;
	if ((cs.cfg = cli_config(o)) == NULL)
		return o->status;
	/* Read in place: beside the running daemon, in memory of its own. */
	st = store_open(cs.cfg->database, STORE_READ, err, sizeof(err));
	cs.listed = xcalloc(cs.cfg->nsources + 1, 1);
	cs.json = o->json;
	cs.width = cli_name_width(cs.cfg);
	if (st == NULL)
		fprintf(stderr, "raqib: %s\n", err);
	else
		rc = cli_sources_print(st, &cs);
	store_close(st);
	free(cs.listed);
	config_free(cs.cfg);
	return rc;
}

/* Print one history row as a JSON line. */
static void
cli_history_json(const struct store_history_row *r)
{
	static const char *const keys[] = { "topic", "title", "link",
	    "sources", "terms" };
	const char	*vals[] = { r->topic, r->title, r->link, r->sources,
			    r->terms };
	size_t		 i;

	printf("{\"id\":%lld", (long long)r->id);
	for (i = 0; i < nitems(keys); i++) {
		printf(",\"%s\":", keys[i]);
		cli_json_string(vals[i]);
	}
	fputs(",\"time\":", stdout);
	cli_json_time(r->created);
	fputs(",\"published\":", stdout);
	cli_json_time(r->published);
	printf(",\"delivered\":%s}\n", r->delivered ? "true" : "false");
}

/* A time as local "YYYY-MM-DD HH:MM" (history, search). */
void
cli_when(int64_t t, char *out, size_t len)
{
	time_t		 tt = (time_t)t;
	struct tm	 tm;

	strftime(out, len, "%Y-%m-%d %H:%M",
	    localtime_r(&tt, &tm) ? &tm : &(struct tm){ 0 });
}

/* Print one history row as a readable block. */
static void
cli_history_text(const struct store_history_row *r)
{
	char		 when[32];

	cli_when(r->created, when, sizeof(when));
	printf("%s  %-9s %s: %s\n", when, r->delivered ? "delivered" :
	    "pending", r->topic, r->title);
	printf("  %s\n  sources: %s\n  terms: %s\n", r->link ? r->link : "",
	    r->sources, r->terms);
}

/* store_history() callback: print a row as asked. */
static int
cli_history_cb(const struct store_history_row *r, void *arg)
{
	const struct cli_opts	*o = arg;

	if (o->json)
		cli_history_json(r);
	else
		cli_history_text(r);
	return 0;
}

/* The time --since names (a duration back from now), or -1 when bad. */
int64_t
cli_since(const char *v)
{
	long	 d;

	if (v == NULL)
		return 0;
	if ((d = config_duration(v)) <= 0) {
		fprintf(stderr, "raqib: bad duration '%s' for --since (such as "
		    "2d or 12h)\n", v);
		return -1;
	}
	return (int64_t)time(NULL) - d;
}

/* See cli_int.h. */
void
cli_no_database_yet(const char *path)
{
	if (access(path, F_OK) == -1 && errno == ENOENT)
		fprintf(stderr, "raqib: no database yet at %s: nothing has "
		    "been polled (`raqib --once` polls now)\n", path);
}

/* raqib history: alerts, newest first; reads beside a running daemon. */
static int
cli_history(struct cli_opts *o)
{
	struct store_history_query	 q = { CLI_HISTORY_MAX, o->topic, 0 };
	struct config			*cfg;
	struct store			*s;
	char				 err[512];
	int				 rc = 1;

	if (o->argc != 0)
		return -1;
	if ((q.since = cli_since(o->since)) == -1)
		return 2;
	if ((cfg = cli_config(o)) == NULL)
		return o->status;
	cli_no_database_yet(cfg->database);
	if ((s = store_open(cfg->database, STORE_READ, err,
	    sizeof(err))) == NULL)
		fprintf(stderr, "raqib: %s\n", err);
	else if (store_history(s, &q, cli_history_cb, o) == -1)
		fprintf(stderr, "raqib: %s\n", store_error(s));
	else
		rc = 0;
	store_close(s);
	config_free(cfg);
	return rc;
}

static const struct cli_command cli_commands[] = {
	{ "check", cli_check, "raqib check [-c FILE] [--database]", "+c:h",
	    "Read the config and report every problem as FILE:LINE: message;\n"
	    "when it is valid, list its sources and topics, and warn about\n"
	    "what looks wrong (no source at all).\n"
	    "  --database   also read the whole database, every page and index,\n"
	    "               for damage (a start checks only the sources); safe\n"
	    "               while the daemon runs\n"
	    "Exit status: 0 valid, 1 an unreadable config or a damaged or\n"
	    "unreadable database, 2 config errors (or usage error).\n" },
	{ "export-opml", cli_export_opml, "raqib export-opml [-c FILE]",
	    "+c:h",
	    "Print the config's feeds as an OPML subscription list that any\n"
	    "feed reader imports; sources read as HTML pages (items =) are\n"
	    "left out, and said so on stderr.\n" },
	{ "import-opml", cli_import_opml,
	    "raqib import-opml [-c FILE] [--append] OPML-FILE", "+c:h",
	    "Turn a feed reader's OPML export into [source NAME] sections,\n"
	    "named after the feeds' titles in any script, each with its folder\n"
	    "as a comment; every outline left out is named on stderr, and why.\n"
	    "  --append   add them to the config (a copy is kept in FILE.bak)\n"
	    "             and check the result; default: print them\n"
	    "Exit status: 0 ok, 1 unreadable file or failed write, 2 usage or\n"
	    "config error.\n" },
	{ "init", cli_init, "raqib init [-c FILE]", "+c:h",
	    "Write a first config: the example topics and a curated list of\n"
	    "real sources, at $XDG_CONFIG_HOME/raqib/raqib.conf (or FILE), then\n"
	    "say what to do next. An existing file is never overwritten.\n"
	    "Exit status: 0 written, 1 the file exists or cannot be written.\n" },
	{ "match", cli_match,
	    "raqib match [-c FILE] [--topic T] [--explain] TEXT | - | --file F",
	    "+c:h",
	    "Show which topics a text fires: topic, terms and a snippet with\n"
	    "the hit in «», one line each; nothing when none fires.\n"
	    "  -           read the text from standard input\n"
	    "  --file F    read the text from the file F\n"
	    "  --topic T   only this topic\n"
	    "  --explain   also show the normalized tokens and, per topic, whether\n"
	    "              each match/exclude line holds and where\n" },
	{ "mute", cli_mute, "raqib mute [-c FILE] [TOPIC [DURATION]]", "+c:h",
	    "Stop notifying a topic for DURATION (default 1d); its alerts are\n"
	    "still recorded. Without a topic: list the muted topics.\n" },
	{ "parse", cli_parse,
	    "raqib parse FILE|URL|- [--url BASE] [--charset NAME] "
	    "[--now TIME] [--items SELECTOR | --article]", "c:h",
	    "Print the items raqib reads in a saved feed or page, or at a URL,\n"
	    "as JSON lines.\n"
	    "  --url BASE       resolve relative links against BASE\n"
	    "  --charset NAME   the charset an HTTP header would have given\n"
	    "  --now TIME       date \"2 hours ago\" from TIME (RFC 3339),\n"
	    "                   not from the file's mtime\n"
	    "  --items SEL      read an HTML page with this selector\n"
	    "  --article        print the main text fetch = article would read\n" },
	{ "history", cli_history,
	    "raqib history [-c FILE] [--topic T] [--since 2d] [--json]", "+c:h",
	    "The alerts, newest first: time, delivered or pending, topic,\n"
	    "title, link, the sources that carried the story, the terms.\n"
	    "Safe while the daemon runs (reads a private copy).\n"
	    "  --topic T   only this topic\n"
	    "  --since D   only alerts this recent (such as 2d or 12h)\n"
	    "  --json      one JSON object per line\n" },
	{ "report", cli_report,
	    "raqib report [-c FILE] [--since 30d] [-o FILE]", "+c:o:h",
	    "Write one HTML page of the alerts of the last days: mentions per\n"
	    "topic per day as a chart, the outlets that carried each topic,\n"
	    "the stories with all their outlets, and the sources' health. The\n"
	    "page is self-contained (no script, nothing fetched) and reads\n"
	    "right to left where a title does. Prints the page's path.\n"
	    "Safe while the daemon runs (reads the database in place).\n"
	    "  --since D   the days it covers (default 30d, at most 366d)\n"
	    "  -o FILE     write FILE (- for standard output); default\n"
	    "              $XDG_STATE_HOME/raqib/report.html\n"
	    "Exit status: 0 written, 1 no database or a failed write, 2 usage\n"
	    "or config error.\n" },
	{ "preview", cli_preview,
	    "raqib preview [-c FILE] [--topic T] [--since 30d] [--list]", "+c:h",
	    "Run the config's topics, as they are in the file now, over the\n"
	    "archive: per topic, how many items and stories it would have\n"
	    "alerted, per day, newest first; then against the alerts actually\n"
	    "raised on those items, the stories it \"would add\" (+) and\n"
	    "\"would drop\" (-). Edit a topic, preview, then reload (SIGHUP):\n"
	    "a reload never alerts on what was already seen.\n"
	    "Safe while the daemon runs (reads the file in place).\n"
	    "  --topic T   only this topic\n"
	    "  --since D   items this recent (default 30d)\n"
	    "  --list      also list the items, per day\n" },
	{ "search", cli_search,
	    "raqib search [-c FILE] [--since 30d] [--source NAME] [--json] QUERY",
	    "+c:h",
	    "The archived items QUERY fires on, newest first: time, source,\n"
	    "title, link and the snippet with the hit in «». QUERY is one match\n"
	    "line of the watch-list language (phrases, AND, OR, NOT, NEAR/n,\n"
	    "title:), matched exactly as a topic would be.\n"
	    "Safe while the daemon runs (reads the file in place).\n"
	    "  --since D       only items this recent (such as 30d or 12h)\n"
	    "  --source NAME   only items of this source\n"
	    "  --json          one JSON object per line\n" },
	{ "sources", cli_sources, "raqib sources [-c FILE] [--json]", "+c:h",
	    "Each configured source's health from the database: last poll,\n"
	    "last success, HTTP status, failures in a row, items, last error.\n"
	    "Safe while the daemon runs (reads a private copy).\n"
	    "  --json   one JSON object per line\n" },
	{ "unmute", cli_unmute, "raqib unmute [-c FILE] TOPIC", "+c:h",
	    "Notify a muted topic again.\n" },
};

/* The command named name, or NULL. */
static const struct cli_command *
cli_find(const char *name)
{
	size_t	 i;

	for (i = 0; i < nitems(cli_commands); i++)
		if (strcmp(cli_commands[i].name, name) == 0)
			return &cli_commands[i];
	return NULL;
}

/* Whether name is a subcommand. */
int
cli_is_command(const char *name)
{
	return cli_find(name) != NULL;
}

/*
 * Words a newcomer tries that are no command, with where that lives: the
 * service's state and controls are systemd's, the rest is another command.
 */
static const struct {
	const char	*word;
	const char	*hint;
} cli_guesses[] = {
	{ "add", "add a [source NAME] or [topic NAME] to the config "
	    "(`raqib check` names the file), or `raqib import-opml --append "
	    "FILE` for a feed reader's list" },
	{ "daemon", "`raqib` alone runs the daemon; `raqib --once` polls once" },
	{ "help", "`raqib --help` lists the commands, `raqib COMMAND --help` "
	    "tells one" },
	{ "list", "`raqib check` lists the sources and topics" },
	{ "reload", "`systemctl --user reload raqib` (SIGHUP) rereads the "
	    "config" },
	{ "run", "`raqib` alone runs the daemon; `raqib --once` polls once" },
	{ "start", "`systemctl --user start raqib` starts the service; `raqib` "
	    "alone runs it in the foreground" },
	{ "status", "`raqib sources` shows each source's health, "
	    "`systemctl --user status raqib` the service's" },
	{ "stop", "`systemctl --user stop raqib` stops the service" },
	{ "version", "`raqib --version` prints it" },
};

/* The command that name is most likely a misspelling of, or NULL. */
static const char *
cli_nearest(const char *name)
{
	const char	*near = NULL;
	size_t		 i, d, best = 3;

	for (i = 0; i < nitems(cli_commands); i++)
		if ((d = config_distance(cli_commands[i].name, name)) < best) {
			best = d;
			near = cli_commands[i].name;
		}
	return near;
}

int
cli_unknown(const char *name)
{
	const char	*near;
	size_t		 i;

	if (cli_find(name) != NULL) {
		fprintf(stderr, "raqib: the command comes first, its options "
		    "after it: `raqib %s -c FILE …`\n", name);
		return 2;
	}
	for (i = 0; i < nitems(cli_guesses); i++)
		if (strcmp(cli_guesses[i].word, name) == 0) {
			fprintf(stderr, "raqib: no command '%s': %s\n", name,
			    cli_guesses[i].hint);
			return 2;
		}
	if ((near = cli_nearest(name)) != NULL)
		fprintf(stderr, "raqib: no command '%s'; did you mean "
		    "`raqib %s`?\n", name, near);
	else
		fprintf(stderr, "raqib: no command '%s'; `raqib --help` lists "
		    "the commands\n", name);
	return 2;
}

/* Parse the options every subcommand shares; -1 on a usage error. */
static int
cli_options(int argc, char **argv, const char *optstring,
    struct cli_opts *o, int *help)
{
	static const struct option	 opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "topic", required_argument, NULL, 't' },
		{ "file", required_argument, NULL, 'f' },
		{ "url", required_argument, NULL, 'u' },
		{ "charset", required_argument, NULL, 'e' },
		{ "now", required_argument, NULL, 'N' },
		{ "items", required_argument, NULL, 'i' },
		{ "json", no_argument, NULL, 'j' },
		{ "append", no_argument, NULL, 'a' },
		{ "explain", no_argument, NULL, 'x' },
		{ "article", no_argument, NULL, 'r' },
		{ "since", required_argument, NULL, 's' },
		{ "output", required_argument, NULL, 'o' },
		{ "source", required_argument, NULL, 'S' },
		{ "list", no_argument, NULL, 'l' },
		{ "database", no_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int				 c;

	optind = 1;
	while ((c = getopt_long(argc, argv, optstring, opts, NULL)) != -1) {
		switch (c) {
		case 'c': o->config = optarg; break;
		case 't': o->topic = optarg; break;
		case 'f': o->file = optarg; break;
		case 'u': o->url = optarg; break;
		case 'e': o->charset = optarg; break;
		case 'N': o->now = optarg; break;
		case 'i': o->items = optarg; break;
		case 'j': o->json = 1; break;
		case 'a': o->append = 1; break;
		case 'x': o->explain = 1; break;
		case 'r': o->article = 1; break;
		case 's': o->since = optarg; break;
		case 'o': o->output = optarg; break;
		case 'S': o->source = optarg; break;
		case 'l': o->list = 1; break;
		case 'd': o->database = 1; break;
		case 'h': *help = 1; break;
		default: return -1;
		}
	}
	o->argc = argc - optind;
	o->argv = argv + optind;
	return 0;
}

/* Run a subcommand. */
int
cli_main(int argc, char **argv)
{
	const struct cli_command	*cmd = cli_find(argv[0]);
	struct cli_opts			 o = { 0 };
	int				 help = 0, rc;

	if (cli_options(argc, argv, cmd->optstring, &o, &help) == -1) {
		fprintf(stderr, "usage: %s\n", cmd->usage);
		return 2;
	}
	if (help) {
		printf("usage: %s\n\n%s", cmd->usage, cmd->help);
		return 0;
	}
	/* A report and an OPML list are documents, carried as they are. */
	if (cmd->run != cli_report && cmd->run != cli_export_opml)
		cli_term_init();
	feed_init();
	rc = cmd->run(&o);
	feed_shutdown();
	if (rc == -1) {
		fprintf(stderr, "usage: %s\n", cmd->usage);
		return 2;
	}
	return rc;
}
