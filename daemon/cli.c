/* cli: the subcommands (check, match, parse). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "buf.h"
#include "cli.h"
#include "config.h"
#include "feed.h"
#include "fetch.h"
#include "item.h"
#include "match.h"
#include "page.h"
#include "text.h"

#define CLI_MAX_INPUT	(64 * 1024 * 1024)
#define CLI_SNIPPET	160
#define CLI_USER_AGENT	"raqib/" RAQIB_VERSION " (news watcher)"

/* Options shared by the subcommands. */
struct cli_opts {
	char	*config;
	char	*topic;
	char	*file;
	char	*url;
	char	*charset;
	char	*items;
	int	 article;	/* parse --article: the main text, as fetch = article */
	int	 argc;		/* operands left after the options */
	char	**argv;
};

struct cli_command {
	const char	*name;
	int		(*run)(struct cli_opts *);
	const char	*usage;
	const char	*optstring;	/* "+...": options before operands only */
};

/* Load the config named by -c, or the default one; errors go to stderr. */
static struct config *
cli_config(struct cli_opts *o)
{
	struct buf	 errors = { 0 };
	struct config	*cfg;
	char		*path = o->config ? strdup(o->config) : config_default_path();

	if (path == NULL)
		return NULL;
	if ((cfg = config_load(path, &errors)) == NULL)
		fprintf(stderr, "%s", errors.data ? errors.data : "");
	buf_free(&errors);
	free(path);
	return cfg;
}

/* raqib check: read the config and report problems. */
static int
cli_check(struct cli_opts *o)
{
	struct config	*cfg;

	if (o->argc != 0)
		return -1;
	if ((cfg = cli_config(o)) == NULL)
		return 2;
	printf("%s: configuration OK (%zu sources, %zu topics, database %s)\n",
	    cfg->path, cfg->nsources, cfg->ntopics, cfg->database);
	config_free(cfg);
	return 0;
}

/* Read a whole stream into b; -1 with a message on error. */
static int
cli_read_stream(FILE *f, const char *name, struct buf *b)
{
	char	 chunk[65536];
	size_t	 n;

	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (b->len + n > CLI_MAX_INPUT || buf_append(b, chunk, n) == -1) {
			fprintf(stderr, "raqib: %s: too large\n", name);
			return -1;
		}
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
static int
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
    const char *text)
{
	size_t	 hs, he;
	char	*snip;

	snip = text_snippet(text, strlen(text), h->start, h->end, CLI_SNIPPET,
	    &hs, &he);
	if (snip == NULL)
		return;
	printf("%s\t%s\t%.*s«%.*s»%s\n", cfg->topics[h->topic].name, h->terms,
	    (int)hs, snip, (int)(he - hs), snip + hs, snip + he);
	free(snip);
}

/* raqib match: which topics a text fires, one line each. */
static int
cli_match(struct cli_opts *o)
{
	struct config		*cfg;
	struct match_result	 res = { 0 };
	struct match_doc	 doc = { 0 };
	struct buf		 text = { 0 };
	size_t			 i;
	int			 rc = 1;

	if ((o->file == NULL) == (o->argc != 1))
		return -1;
	if ((cfg = cli_config(o)) == NULL)
		return 2;
	if (o->file != NULL || strcmp(o->argv[0], "-") == 0) {
		if (cli_read_file(o->file ? o->file : "-", &text) == -1)
			goto out;
	} else
		buf_puts(&text, o->argv[0]);
	doc.title = doc.summary = doc.content = text.data;
	if (match_doc(cfg->match, &doc, &res) == -1)
		goto out;
	for (i = 0; i < res.n; i++)
		if (o->topic == NULL ||
		    strcmp(o->topic, cfg->topics[res.v[i].topic].name) == 0)
			cli_print_hit(cfg, &res.v[i], text.data);
	rc = 0;
out:
	match_result_free(&res);
	buf_free(&text);
	config_free(cfg);
	return rc;
}

/* Print a JSON string value (or null), escaping what JSON requires. */
static void
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
static void
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

/* Print one item as a JSON line; rule (pages only) names what found it. */
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
	fputs(",\"summary\":", stdout);
	cli_json_string(it->summary);
	if (rule != NULL) {
		fputs(",\"rule\":", stdout);
		cli_json_string(rule);
	}
	fputs("}\n", stdout);
}

/* What `raqib parse` reads: a file's bytes, or a URL's response. */
struct cli_input {
	struct buf		 file;
	struct fetch_copy	 net;
	const char		*data;
	size_t			 len;
	const char		*url;		/* base for relative links */
	const char		*charset;	/* --charset, else HTTP's, or NULL */
};

/* Whether an operand is an http or https URL rather than a file. */
static int
cli_is_url(const char *s)
{
	return strncasecmp(s, "http://", 7) == 0 ||
	    strncasecmp(s, "https://", 8) == 0;
}

/* Fetch a URL into in with the daemon's fetcher; -1 after a message. */
static int
cli_fetch(struct cli_opts *o, const char *url, struct cli_input *in)
{
	struct fetch_request	 req = { .url = url };
	char			 err[512];

	fetch_copy_free(&in->net);
	if (fetch_sync(&req, CLI_USER_AGENT, &in->net, err, sizeof(err)) ==
	    -1) {
		fprintf(stderr, "raqib: %s: %s\n", url, err);
		return -1;
	}
	in->data = in->net.body;
	in->len = in->net.len;
	in->url = o->url ? o->url : in->net.url;
	in->charset = o->charset ? o->charset : in->net.charset;
	return 0;
}

/* Read a file (or "-") into in; -1 after a message. */
static int
cli_input_file(struct cli_opts *o, const char *path, struct cli_input *in)
{
	if (cli_read_file(path, &in->file) == -1)
		return -1;
	in->data = in->file.data;
	in->len = in->file.len;
	in->url = o->url ? o->url : "http://localhost/";
	in->charset = o->charset;
	return 0;
}

/* A fetched page that advertises a feed is read through it, as raqib does. */
static int
cli_discover(struct cli_opts *o, struct cli_input *in)
{
	char	*feed;
	int	 rc;

	if (o->items != NULL || o->article || feed_sniff(in->data, in->len) ||
	    (feed = page_feed_link(in->data, in->len, in->url,
	    in->charset)) == NULL)
		return 0;
	fprintf(stderr, "raqib: the page advertises the feed %s; reading "
	    "it\n", feed);
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

/* Parse the input as a feed if it is one, else as a page, noting rules. */
static int
cli_parse_input(struct cli_opts *o, const struct cli_input *in,
    struct item_list *items, const char ***rules, char *err, size_t errlen)
{
	if (o->items == NULL && feed_sniff(in->data, in->len))
		return feed_parse(in->data, in->len, in->url, in->charset,
		    items, err, errlen);
	return page_parse_rules(in->data, in->len, in->url, in->charset,
	    o->items, items, rules, err, errlen);
}

/* parse --article: the main text fetch = article reads, as one JSON line. */
static int
cli_parse_article(const struct cli_input *in)
{
	char	*text;

	text = page_article_text(in->data, in->len, in->url, in->charset);
	fputs("{\"url\":", stdout);
	cli_json_string(in->url);
	fputs(",\"content\":", stdout);
	cli_json_string(text);
	fputs("}\n", stdout);
	free(text);
	return 0;
}

/* raqib parse: the items raqib reads in a file or at a URL, as JSON lines. */
static int
cli_parse(struct cli_opts *o)
{
	struct item_list	 items = { 0 };
	struct cli_input	 in = { 0 };
	const char		**rules = NULL;
	char			 err[512];
	size_t			 i;
	int			 rc = -1;

	if (o->argc != 1)
		return -1;
	if (cli_input_read(o, o->argv[0], &in) == -1)
		rc = -1;
	else if (o->article)
		rc = cli_parse_article(&in);
	else if ((rc = cli_parse_input(o, &in, &items, &rules, err,
	    sizeof(err))) == -1)
		fprintf(stderr, "raqib: %s: %s\n", o->argv[0], err);
	for (i = 0; rc == 0 && i < items.n; i++)
		cli_print_item(&items.v[i], rules ? rules[i] : NULL);
	free(rules);
	item_list_free(&items);
	buf_free(&in.file);
	fetch_copy_free(&in.net);
	return rc == 0 ? 0 : 1;
}

static const struct cli_command cli_commands[] = {
	{ "check", cli_check, "raqib check [-c FILE]", "+c:h" },
	{ "match", cli_match,
	    "raqib match [-c FILE] [--topic T] TEXT | - | --file F", "+c:h" },
	{ "parse", cli_parse,
	    "raqib parse FILE|URL|- [--url BASE] [--charset NAME] "
	    "[--items SELECTOR | --article]", "c:h" },
};

/* The command named name, or NULL. */
static const struct cli_command *
cli_find(const char *name)
{
	size_t	 i;

	for (i = 0; i < sizeof(cli_commands) / sizeof(cli_commands[0]); i++)
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
		{ "items", required_argument, NULL, 'i' },
		{ "article", no_argument, NULL, 'a' },
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
		case 'i': o->items = optarg; break;
		case 'a': o->article = 1; break;
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
		printf("usage: %s\n", cmd->usage);
		return 0;
	}
	feed_init();
	rc = cmd->run(&o);
	feed_shutdown();
	if (rc == -1) {
		fprintf(stderr, "usage: %s\n", cmd->usage);
		return 2;
	}
	return rc;
}
