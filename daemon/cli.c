/* cli: the subcommands (check, match, parse, history). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "cli.h"
#include "config.h"
#include "feed.h"
#include "item.h"
#include "match.h"
#include "page.h"
#include "store.h"
#include "text.h"

#define CLI_MAX_INPUT	(64 * 1024 * 1024)
#define CLI_SNIPPET	160
#define CLI_HISTORY_MAX	1000

/* Options shared by the subcommands. */
struct cli_opts {
	char	*config;
	char	*topic;
	char	*file;
	char	*url;
	char	*charset;
	char	*items;
	char	*since;
	int	 json;
	int	 argc;		/* operands left after the options */
	char	**argv;
};

struct cli_command {
	const char	*name;
	int		(*run)(struct cli_opts *);
	const char	*usage;
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

/* Print one item as a JSON line. */
static void
cli_print_item(const struct item *it)
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
	fputs("}\n", stdout);
}

/* raqib parse: the items raqib reads in a file, as JSON lines. */
static int
cli_parse(struct cli_opts *o)
{
	struct item_list	 items = { 0 };
	struct buf		 body = { 0 };
	char			 err[512];
	const char		*url;
	size_t			 i;
	int			 rc;

	if (o->argc != 1)
		return -1;
	if (cli_read_file(o->argv[0], &body) == -1)
		return 1;
	url = o->url ? o->url : "http://localhost/";
	if (o->items == NULL && feed_sniff(body.data, body.len))
		rc = feed_parse(body.data, body.len, url, o->charset, &items,
		    err, sizeof(err));
	else
		rc = page_parse(body.data, body.len, url, o->charset, o->items,
		    &items, err, sizeof(err));
	if (rc == -1)
		fprintf(stderr, "raqib: %s: %s\n", o->argv[0], err);
	for (i = 0; rc == 0 && i < items.n; i++)
		cli_print_item(&items.v[i]);
	item_list_free(&items);
	buf_free(&body);
	return rc == 0 ? 0 : 1;
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
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		printf(",\"%s\":", keys[i]);
		cli_json_string(vals[i]);
	}
	fputs(",\"time\":", stdout);
	cli_json_time(r->created);
	fputs(",\"published\":", stdout);
	cli_json_time(r->published);
	printf(",\"delivered\":%s}\n", r->delivered ? "true" : "false");
}

/* Print one history row as a readable block. */
static void
cli_history_text(const struct store_history_row *r)
{
	char		 when[32];
	time_t		 t = (time_t)r->created;
	struct tm	 tm;

	strftime(when, sizeof(when), "%Y-%m-%d %H:%M",
	    localtime_r(&t, &tm) ? &tm : &(struct tm){ 0 });
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
static int64_t
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
		return 2;
	if ((s = store_open(cfg->database, STORE_SCRATCH, err,
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
	{ "check", cli_check, "raqib check [-c FILE]" },
	{ "match", cli_match,
	    "raqib match [-c FILE] [--topic T] TEXT | - | --file F" },
	{ "parse", cli_parse,
	    "raqib parse FILE|- [--url URL] [--charset NAME] [--items SELECTOR]" },
	{ "history", cli_history,
	    "raqib history [-c FILE] [--topic T] [--since 2d] [--json]" },
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
cli_options(int argc, char **argv, struct cli_opts *o, int *help)
{
	static const struct option	 opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "topic", required_argument, NULL, 't' },
		{ "file", required_argument, NULL, 'f' },
		{ "url", required_argument, NULL, 'u' },
		{ "charset", required_argument, NULL, 'e' },
		{ "items", required_argument, NULL, 'i' },
		{ "since", required_argument, NULL, 's' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int				 c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "+c:h", opts, NULL)) != -1) {
		switch (c) {
		case 'c': o->config = optarg; break;
		case 't': o->topic = optarg; break;
		case 'f': o->file = optarg; break;
		case 'u': o->url = optarg; break;
		case 'e': o->charset = optarg; break;
		case 'i': o->items = optarg; break;
		case 's': o->since = optarg; break;
		case 'j': o->json = 1; break;
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

	if (cli_options(argc, argv, &o, &help) == -1) {
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
