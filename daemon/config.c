/* config: raqib.conf -> an immutable struct config, every error reported. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <limits.h>
#include <search.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "compat.h"
#include "config.h"
#include "xmalloc.h"
#include "match.h"
#include "page.h"
#include "utf8.h"

#define CONFIG_MAX_SIZE		(4 * 1024 * 1024)
#define CONFIG_DEFAULT_INTERVAL	(15 * 60)
#define CONFIG_MIN_SANE_INTERVAL 60	/* seconds: less is likely a mistake */
#define CONFIG_DEFAULT_TIMEOUT	30
#define CONFIG_DEFAULT_BURST	5
#define CONFIG_DEFAULT_NOTIFY_FAILURES	10
#define CONFIG_DEFAULT_CONNECTIONS	128
#define CONFIG_DEFAULT_PER_HOST	4
#define CONFIG_DEFAULT_ARTICLES	20
#define CONFIG_MAX_ARTICLES	1000
#define CONFIG_DEFAULT_CATCH_UP	(6 * 3600)
#define CONFIG_DEFAULT_KEEP	(90 * 86400)

enum config_section {
	SECTION_NONE,
	SECTION_RAQIB,
	SECTION_SOURCE,
	SECTION_TOPIC,
	SECTION_SKIP	/* a section already reported as wrong: its keys are ignored */
};

/* The parser's state while reading one file. */
struct config_parse {
	struct config		*cfg;
	struct buf		*errors;
	const char		*path;
	const char		*linestart;	/* the line being parsed */
	int			 line;
	int			 nerrors;
	int			 section_errors;	/* in the current section */
	enum config_section	 section;
	void			*sources;	/* tsearch trees of the names */
	void			*topics;	/*   in cfg, borrowed */
};

struct config_key {
	enum config_section	 section;
	const char		*key;
	void			(*set)(struct config_parse *, char *);
};

/*
 * Grow an array by one zeroed element. Its room doubles when n reaches a
 * power of two, so ten thousand sources cost a few copies, not ten
 * thousand.
 */
static void *
config_grow(void *arr, size_t *n, size_t size)
{
	char	*p = arr;
	size_t	 cap = *n == 0 ? 1 : *n * 2;

	if ((*n & (*n - 1)) == 0)
		p = xreallocarray(arr, cap, size);
	memset(p + *n * size, 0, size);
	(*n)++;
	return p;
}

/* tsearch order of names. */
static int
config_name_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* Record one problem as FILE:LINE: message. */
static void
config_error(struct config_parse *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
config_error(struct config_parse *p, const char *fmt, ...)
{
	va_list	 ap;
	char	 msg[512];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	buf_printf(p->errors, "%s:%d: %s\n", p->path, p->line, msg);
	p->nerrors++;
	p->section_errors++;
}

/* Parse a duration: a number with an optional s, m, h or d unit. */
long
config_duration(const char *s)
{
	static const struct { char unit; long mult; } units[] = {
		{ 's', 1 }, { 'm', 60 }, { 'h', 3600 }, { 'd', 86400 }
	};
	char	*end;
	long	 n;
	size_t	 i;

	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	n = strtol(s, &end, 10);
	if (errno != 0 || n > LONG_MAX / 86400)
		return -1;
	if (*end == '\0')
		return n;
	if (end[1] != '\0')
		return -1;
	for (i = 0; i < nitems(units); i++)
		if (*end == units[i].unit)
			return n * units[i].mult;
	return -1;
}

/* The source being defined (the last one). */
static struct config_source *
config_cur_source(struct config_parse *p)
{
	return &p->cfg->sources[p->cfg->nsources - 1];
}

/* The topic being defined (the last one). */
static struct config_topic *
config_cur_topic(struct config_parse *p)
{
	return &p->cfg->topics[p->cfg->ntopics - 1];
}

/* Parse a duration value, reporting a bad one; -1 when bad. */
static long
config_interval(struct config_parse *p, const char *v)
{
	long	 d = config_duration(v);

	if (d <= 0)
		config_error(p, "bad duration '%s' (use a number with s, m, h "
		    "or d, such as 15m)", v);
	return d;
}

/* [raqib] interval */
static void
config_set_interval(struct config_parse *p, char *v)
{
	long	 d = config_interval(p, v);

	if (d > 0)
		p->cfg->interval = d;
}

/* [raqib] timeout */
static void
config_set_timeout(struct config_parse *p, char *v)
{
	long	 d = config_interval(p, v);

	if (d > 0)
		p->cfg->timeout = d;
}

/* Store a valid duration in *dst; a bad one is reported and leaves it. */
static void
config_set_duration(struct config_parse *p, const char *v, long *dst)
{
	long	 d = config_interval(p, v);

	if (d > 0)
		*dst = d;
}

/* [raqib] catch_up: a duration, or `all` to alert every first-seen item. */
static void
config_set_catch_up(struct config_parse *p, char *v)
{
	if (strcmp(v, "all") == 0)
		p->cfg->catch_up = CONFIG_CATCH_UP_ALL;
	else
		config_set_duration(p, v, &p->cfg->catch_up);
}

/* [raqib] keep */
static void
config_set_keep(struct config_parse *p, char *v)
{
	config_set_duration(p, v, &p->cfg->keep);
}

/* [raqib] archive: yes (the default) or no. */
static void
config_set_archive(struct config_parse *p, char *v)
{
	if (strcmp(v, "yes") == 0 || strcmp(v, "no") == 0)
		p->cfg->archive = strcmp(v, "yes") == 0;
	else
		config_error(p, "archive must be yes or no, not '%s'", v);
}

/* Expand a leading ~/ and make a relative path relative to the config file. */
static char *
config_expand_path(struct config_parse *p, const char *v)
{
	const char	*home = getenv("HOME");
	const char	*slash;
	struct buf	 b = { 0 };

	if (strncmp(v, "~/", 2) == 0 && home != NULL)
		buf_printf(&b, "%s/%s", home, v + 2);
	else if (v[0] != '/' && (slash = strrchr(p->path, '/')) != NULL)
		buf_printf(&b, "%.*s/%s", (int)(slash - p->path), p->path, v);
	else
		buf_puts(&b, v);
	return buf_steal(&b);
}

/* [raqib] database */
static void
config_set_database(struct config_parse *p, char *v)
{
	free(p->cfg->database);
	p->cfg->database = config_expand_path(p, v);
	p->cfg->database_line = p->line;
}

/* [raqib] opener: opens a notification's link; a bare name is found in PATH. */
static void
config_set_opener(struct config_parse *p, char *v)
{
	free(p->cfg->opener);
	p->cfg->opener = strchr(v, '/') != NULL ? config_expand_path(p, v) :
	    xstrdup(v);
}

/* A whole number from min to max for key; -1 (reported) when it is not. */
static long
config_count(struct config_parse *p, const char *key, const char *v,
    long min, long max)
{
	char	*end;
	long	 n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || end == v || *end != '\0' || n < min || n > max) {
		config_error(p, "%s must be a number from %ld to %ld, not '%s'",
		    key, min, max, v);
		return -1;
	}
	return n;
}

/* [raqib] burst: more alerts than this in one go become one summary. */
static void
config_set_burst(struct config_parse *p, char *v)
{
	long	 n = config_count(p, "burst", v, 1, 1000);

	if (n > 0)
		p->cfg->burst = n;
}

/* [raqib] connections: transfers at once, in all. */
static void
config_set_connections(struct config_parse *p, char *v)
{
	long	 n = config_count(p, "connections", v, 1, 1024);

	if (n > 0)
		p->cfg->connections = n;
}

/* [raqib] per_host: transfers at once against one host. */
static void
config_set_per_host(struct config_parse *p, char *v)
{
	long	 n = config_count(p, "per_host", v, 1, 64);

	if (n > 0)
		p->cfg->per_host = n;
}

/* [raqib] notify_failures: failures in a row before "source broken"; 0: never. */
static void
config_set_notify_failures(struct config_parse *p, char *v)
{
	long	 n = config_count(p, "notify_failures", v, 0, 1000000);

	if (n >= 0)
		p->cfg->notify_failures = n;
}

/* Parse HH:MM into minutes after midnight; -1 when bad. */
static int
config_clock(const char *s, const char **end)
{
	unsigned	 h, m;
	int		 used = 0;

	if (sscanf(s, "%2u:%2u%n", &h, &m, &used) != 2 || used != 5 ||
	    h > 23 || m > 59)
		return -1;
	*end = s + used;
	return (int)(h * 60 + m);
}

/* [raqib] quiet = HH:MM-HH:MM: hold notifications in that time of day. */
static void
config_set_quiet(struct config_parse *p, char *v)
{
	const char	*end = v;
	int		 from, to = -1;

	if ((from = config_clock(v, &end)) != -1 && *end == '-')
		to = config_clock(end + 1, &end);
	if (from == -1 || to == -1 || *end != '\0' || from == to) {
		config_error(p, "quiet must be two different times such as "
		    "23:00-07:00, not '%s'", v);
		return;
	}
	p->cfg->quiet_from = from;
	p->cfg->quiet_to = to;
}

/* Whether a URL uses http or https, the only schemes raqib fetches. */
static int
config_url_ok(const char *v)
{
	return strncasecmp(v, "http://", 7) == 0 ||
	    strncasecmp(v, "https://", 8) == 0;
}

/* [source] url */
static void
config_set_url(struct config_parse *p, char *v)
{
	struct config_source	*s = config_cur_source(p);

	if (s->url != NULL) {
		config_error(p, "source '%s' has a second url", s->name);
		return;
	}
	if (strstr(v, "://") == NULL && strchr(v, '.') != NULL) {
		config_error(p, "url '%s' has no scheme: write it as "
		    "https://%s (or http://)", v, v);
		return;
	}
	if (!config_url_ok(v) || strlen(v) <= 8) {
		config_error(p, "url '%s' is not an http:// or https:// URL "
		    "(raqib reads only those)", v);
		return;
	}
	s->url = xstrdup(v);
}

/* [source] interval */
static void
config_set_source_interval(struct config_parse *p, char *v)
{
	long	 d = config_interval(p, v);

	if (d > 0)
		config_cur_source(p)->interval = d;
}

/* [source] items */
static void
config_set_items(struct config_parse *p, char *v)
{
	char	 err[256];

	if (page_selector_check(v, err, sizeof(err)) == -1) {
		config_error(p, "items: %s", err);
		return;
	}
	free(config_cur_source(p)->items);
	config_cur_source(p)->items = xstrdup(v);
}

/* [source] fetch: `article` fetches each new item's page for its text. */
static void
config_set_fetch(struct config_parse *p, char *v)
{
	if (strcmp(v, "article") == 0)
		config_cur_source(p)->article = 1;
	else if (strcmp(v, "feed") == 0)
		config_cur_source(p)->article = 0;
	else
		config_error(p, "fetch must be article or feed, not '%s'", v);
}

/* An article_limit value: a count from 0 to CONFIG_MAX_ARTICLES; -1 if bad. */
static long
config_article_limit(struct config_parse *p, const char *v)
{
	return config_count(p, "article_limit", v, 0, CONFIG_MAX_ARTICLES);
}

/* [raqib] article_limit: the default for every source. */
static void
config_set_article_limit(struct config_parse *p, char *v)
{
	long	 n = config_article_limit(p, v);

	if (n >= 0)
		p->cfg->article_limit = n;
}

/* [source] article_limit */
static void
config_set_source_article_limit(struct config_parse *p, char *v)
{
	long	 n = config_article_limit(p, v);

	if (n >= 0)
		config_cur_source(p)->article_limit = n;
}

/* Keep a match or exclude expression of the current topic for compiling. */
static void
config_add_expr(struct config_parse *p, char *v, int exclude)
{
	struct config_topic	*t = config_cur_topic(p);
	struct config_expr	*e;

	e = config_grow(t->exprs, &t->nexprs, sizeof(*e));
	t->exprs = e;
	e[t->nexprs - 1].text = xstrdup(v);
	e[t->nexprs - 1].line = p->line;
	e[t->nexprs - 1].column = (int)utf8_chars(p->linestart,
	    (size_t)(v - p->linestart)) + 1;
	e[t->nexprs - 1].exclude = exclude;
}

/* [topic] match */
static void
config_set_match(struct config_parse *p, char *v)
{
	config_add_expr(p, v, 0);
}

/* [topic] exclude */
static void
config_set_exclude(struct config_parse *p, char *v)
{
	config_add_expr(p, v, 1);
}

/* [topic] urgency */
static void
config_set_urgency(struct config_parse *p, char *v)
{
	static const char	*names[] = {
		[ALERT_LOW] = "low", [ALERT_NORMAL] = "normal",
		[ALERT_CRITICAL] = "critical"
	};
	size_t			 i;

	for (i = 0; i < nitems(names); i++) {
		if (strcmp(v, names[i]) == 0) {
			config_cur_topic(p)->urgency = (enum alert_urgency)i;
			return;
		}
	}
	config_error(p, "urgency must be low, normal or critical, not '%s'", v);
}

/* Parse one field name of a `fields =` list; 0 when unknown. */
static unsigned
config_field(const char *name)
{
	static const struct { const char *name; unsigned bit; } fields[] = {
		{ "title", MATCH_TITLE }, { "summary", MATCH_SUMMARY },
		{ "content", MATCH_CONTENT }
	};
	size_t	 i;

	for (i = 0; i < nitems(fields); i++)
		if (strcmp(name, fields[i].name) == 0)
			return fields[i].bit;
	return 0;
}

/* [topic] fields: a comma-separated list of title, summary, content. */
static void
config_set_fields(struct config_parse *p, char *v)
{
	unsigned	 bits = 0, bit;
	char		*tok, *save = NULL;

	for (tok = strtok_r(v, ", ", &save); tok != NULL;
	    tok = strtok_r(NULL, ", ", &save)) {
		if ((bit = config_field(tok)) == 0) {
			config_error(p, "fields: unknown field '%s' (use title, "
			    "summary, content)", tok);
			return;
		}
		bits |= bit;
	}
	if (bits == 0) {
		config_error(p, "fields: name at least one of title, summary, "
		    "content");
		return;
	}
	config_cur_topic(p)->fields = bits;
}

/* [topic] sources: the topic only fires on items of these sources. */
static void
config_set_sources(struct config_parse *p, char *v)
{
	struct config_topic	*t = config_cur_topic(p);

	free(t->sources);
	t->sources = xstrdup(v);
	t->sources_line = p->line;
}

/* Split an exec sink's command at spaces into a NULL-ended argv; no shell. */
static char **
config_sink_argv(struct config_parse *p, const char *cmd)
{
	char	**argv = NULL, *copy, *tok, *save = NULL;
	size_t	 n = 0;

	copy = xstrdup(cmd);
	for (tok = strtok_r(copy, " \t", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t", &save)) {
		argv = config_grow(argv, &n, sizeof(*argv));
		argv[n - 1] = n == 1 && strchr(tok, '/') != NULL ?
		    config_expand_path(p, tok) : xstrdup(tok);
	}
	free(copy);
	if (argv != NULL)
		argv = config_grow(argv, &n, sizeof(*argv));
	return argv;
}

/* Add one sink named by a `notify =` entry to the current topic. */
static void
config_add_sink(struct config_parse *p, const char *v)
{
	struct config_topic	*t = config_cur_topic(p);
	struct config_sink	*sk;
	enum config_sink_kind	 kind = CONFIG_SINK_EXEC;

	if (strcmp(v, "desktop") == 0)
		kind = CONFIG_SINK_DESKTOP;
	else if (strcmp(v, "stdout") == 0)
		kind = CONFIG_SINK_STDOUT;
	else if (strncmp(v, "exec:", 5) != 0 || v[5 + strspn(v + 5, " \t")] ==
	    '\0') {
		config_error(p, "notify: unknown sink '%s' (use desktop, "
		    "stdout or exec:PROGRAM [ARGS...])", v);
		return;
	}
	sk = config_grow(t->sinks, &t->nsinks, sizeof(*sk));
	t->sinks = sk;
	sk += t->nsinks - 1;
	sk->kind = kind;
	sk->spec = xstrdup(v);
	if (kind == CONFIG_SINK_EXEC)
		sk->argv = config_sink_argv(p, v + 5);
}

/* [topic] notify: desktop, stdout, exec:PROGRAM ARGS, comma-separated. */
static void
config_set_notify(struct config_parse *p, char *v)
{
	char	*tok, *save = NULL, *end;

	for (tok = strtok_r(v, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		tok += strspn(tok, " \t");
		for (end = tok + strlen(tok); end > tok &&
		    isspace((unsigned char)end[-1]); end--)
			continue;
		*end = '\0';
		if (*tok != '\0')
			config_add_sink(p, tok);
	}
}

static const struct config_key config_keys[] = {
	{ SECTION_RAQIB, "archive", config_set_archive },
	{ SECTION_RAQIB, "article_limit", config_set_article_limit },
	{ SECTION_RAQIB, "burst", config_set_burst },
	{ SECTION_RAQIB, "catch_up", config_set_catch_up },
	{ SECTION_RAQIB, "connections", config_set_connections },
	{ SECTION_RAQIB, "database", config_set_database },
	{ SECTION_RAQIB, "interval", config_set_interval },
	{ SECTION_RAQIB, "keep", config_set_keep },
	{ SECTION_RAQIB, "notify_failures", config_set_notify_failures },
	{ SECTION_RAQIB, "opener", config_set_opener },
	{ SECTION_RAQIB, "per_host", config_set_per_host },
	{ SECTION_RAQIB, "quiet", config_set_quiet },
	{ SECTION_RAQIB, "timeout", config_set_timeout },
	{ SECTION_SOURCE, "article_limit", config_set_source_article_limit },
	{ SECTION_SOURCE, "fetch", config_set_fetch },
	{ SECTION_SOURCE, "interval", config_set_source_interval },
	{ SECTION_SOURCE, "items", config_set_items },
	{ SECTION_SOURCE, "url", config_set_url },
	{ SECTION_TOPIC, "exclude", config_set_exclude },
	{ SECTION_TOPIC, "fields", config_set_fields },
	{ SECTION_TOPIC, "match", config_set_match },
	{ SECTION_TOPIC, "notify", config_set_notify },
	{ SECTION_TOPIC, "sources", config_set_sources },
	{ SECTION_TOPIC, "urgency", config_set_urgency },
};

/* The tree of the names of a section kind. */
static void **
config_names(struct config_parse *p, const char *kind)
{
	return strcmp(kind, "source") == 0 ? &p->sources : &p->topics;
}

/* The line of the header that defined a source or topic name. */
static int
config_name_line(struct config_parse *p, const char *kind, const char *name)
{
	size_t	 i;

	if (strcmp(kind, "source") == 0) {
		for (i = 0; i < p->cfg->nsources; i++)
			if (strcmp(p->cfg->sources[i].name, name) == 0)
				return p->cfg->sources[i].line;
		return 0;
	}
	for (i = 0; i < p->cfg->ntopics; i++)
		if (strcmp(p->cfg->topics[i].name, name) == 0)
			return p->cfg->topics[i].line;
	return 0;
}

/*
 * Whether a section name is usable: no spaces, not empty, not in quotes
 * (an INI habit: the quotes would be part of the name), not reused.
 */
static int
config_name_ok(struct config_parse *p, const char *kind, const char *name)
{
	if (*name == '\0' || strpbrk(name, " \t") != NULL) {
		config_error(p, "[%s] needs one name without spaces, such as "
		    "[%s example]", kind, kind);
		return 0;
	}
	if (strchr("\"'", *name) != NULL) {
		config_error(p, "a section name is written without quotes: "
		    "[%s %.*s]", kind, (int)strcspn(name + 1, "\"'"), name + 1);
		return 0;
	}
	if (tfind(name, config_names(p, kind), config_name_cmp) != NULL) {
		config_error(p, "%s '%s' is defined twice (first at line %d): "
		    "rename one, or merge the two", kind, name,
		    config_name_line(p, kind, name));
		return 0;
	}
	return 1;
}

/* A copy of a section's name, known in the tree of its kind from now on. */
static char *
config_name_add(struct config_parse *p, const char *kind, const char *name)
{
	char	*copy = xstrdup(name);

	if (tsearch(copy, config_names(p, kind), config_name_cmp) == NULL)
		xmalloc_oom();
	return copy;
}

/* Forget the trees of names; the names stay the config's. */
static void
config_names_free(struct config_parse *p)
{
	size_t	 i;

	for (i = 0; i < p->cfg->nsources; i++)
		tdelete(p->cfg->sources[i].name, &p->sources, config_name_cmp);
	for (i = 0; i < p->cfg->ntopics; i++)
		tdelete(p->cfg->topics[i].name, &p->topics, config_name_cmp);
}

/* Start a [source NAME] section. */
static void
config_begin_source(struct config_parse *p, const char *name)
{
	struct config		*c = p->cfg;
	struct config_source	*v;

	v = config_grow(c->sources, &c->nsources, sizeof(*v));
	c->sources = v;
	v[c->nsources - 1].name = config_name_add(p, "source", name);
	v[c->nsources - 1].line = p->line;
	v[c->nsources - 1].article_limit = -1;	/* the [raqib] default */
	p->section = SECTION_SOURCE;
}

/* Start a [topic NAME] section. */
static void
config_begin_topic(struct config_parse *p, const char *name)
{
	struct config		*c = p->cfg;
	struct config_topic	*v;

	v = config_grow(c->topics, &c->ntopics, sizeof(*v));
	c->topics = v;
	v[c->ntopics - 1].name = config_name_add(p, "topic", name);
	v[c->ntopics - 1].line = p->line;
	v[c->ntopics - 1].fields = MATCH_ALL;
	v[c->ntopics - 1].urgency = ALERT_NORMAL;
	p->section = SECTION_TOPIC;
}

/* Whether a topic has at least one `match` line. */
static int
config_topic_has_match(const struct config_topic *t)
{
	size_t	 i;

	for (i = 0; i < t->nexprs; i++)
		if (!t->exprs[i].exclude)
			return 1;
	return 0;
}

/* A section is complete: report what it lacks, unless it had errors already. */
static void
config_end_section(struct config_parse *p)
{
	int	 line = p->line;

	if (p->section_errors == 0 && p->section == SECTION_SOURCE &&
	    config_cur_source(p)->url == NULL) {
		p->line = config_cur_source(p)->line;
		config_error(p, "source '%s' has no url (add one: url = "
		    "https://…)", config_cur_source(p)->name);
	}
	if (p->section_errors == 0 && p->section == SECTION_TOPIC &&
	    !config_topic_has_match(config_cur_topic(p))) {
		p->line = config_cur_topic(p)->line;
		config_error(p, "topic '%s' has no match line (add one: "
		    "match = WORDS)", config_cur_topic(p)->name);
	}
	p->line = line;
	p->section_errors = 0;
}

/* A section kind in capitals ([Source x], [RAQIB]): say it is lower case. */
static int
config_section_case(struct config_parse *p, const char *kind,
    const char *name)
{
	static const char	*kinds[] = { "raqib", "source", "topic" };
	size_t			 i;

	for (i = 0; i < nitems(kinds); i++) {
		if (strcmp(kind, kinds[i]) == 0 ||
		    strcasecmp(kind, kinds[i]) != 0)
			continue;
		config_error(p, "write the section in lower case: [%s%s%s]",
		    kinds[i], name ? " " : "", name ? name : "");
		return 1;
	}
	return 0;
}

/* Handle a [section] line. */
static void
config_section(struct config_parse *p, char *s)
{
	char	*end = strchr(s, ']'), *name;

	config_end_section(p);
	p->section = SECTION_SKIP;
	if (end == NULL || end[1] != '\0') {
		config_error(p, "a section header is [raqib], [source NAME] or "
		    "[topic NAME]");
		return;
	}
	/* Blanks inside the brackets, a tab after the kind: as a space. */
	while (end > s + 1 && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	*end = '\0';
	s += 1 + strspn(s + 1, " \t");
	if (strcmp(s, "raqib") == 0) {
		p->section = SECTION_RAQIB;
		return;
	}
	name = strpbrk(s, " \t");
	if (name != NULL) {
		*name++ = '\0';
		name += strspn(name, " \t");
	}
	if (config_section_case(p, s, name))
		return;
	if (strcmp(s, "source") == 0 && name && config_name_ok(p, s, name))
		config_begin_source(p, name);
	else if (strcmp(s, "topic") == 0 && name && config_name_ok(p, s, name))
		config_begin_topic(p, name);
	else if (name == NULL || (strcmp(s, "source") && strcmp(s, "topic")))
		config_error(p, "unknown section [%s%s%s] (use [raqib], "
		    "[source NAME] or [topic NAME])", s, name ? " " : "",
		    name ? name : "");
}

/* The name of a section kind, for messages. */
static const char *
config_section_name(enum config_section s)
{
	static const char	*names[] = {
		[SECTION_NONE] = "(no section)", [SECTION_RAQIB] = "[raqib]",
		[SECTION_SOURCE] = "[source]", [SECTION_TOPIC] = "[topic]",
		[SECTION_SKIP] = "(skipped)"
	};

	return names[s];
}

/* Edit distance of two short keys; longer ones count as far apart. */
size_t
config_distance(const char *a, const char *b)
{
	size_t	 la = strlen(a), lb = strlen(b), i, j, d[32], diag, up;

	if (la >= nitems(d) || lb >= nitems(d))
		return SIZE_MAX;
	for (j = 0; j <= lb; j++)
		d[j] = j;
	for (i = 1; i <= la; i++) {
		diag = d[0];
		d[0] = i;
		for (j = 1; j <= lb; j++) {
			up = d[j];
			d[j] = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < d[j])
				d[j] = up + 1;
			if (d[j - 1] + 1 < d[j])
				d[j] = d[j - 1] + 1;
			diag = up;
		}
	}
	return d[lb];
}

/*
 * Say what an unknown key probably meant: a key of another section, or one
 * of this section spelled within two edits.
 */
static void
config_unknown_key(struct config_parse *p, const char *key)
{
	const struct config_key	*k, *near = NULL;
	size_t			 i, d, best = 3;

	for (i = 0; i < nitems(config_keys); i++) {
		k = &config_keys[i];
		if (k->section != p->section && strcmp(k->key, key) == 0) {
			config_error(p, "'%s' belongs in a %s section, not in "
			    "%s", key, config_section_name(k->section),
			    config_section_name(p->section));
			return;
		}
		if (k->section == p->section &&
		    (d = config_distance(k->key, key)) < best) {
			best = d;
			near = k;
		}
	}
	if (near != NULL)
		config_error(p, "unknown key '%s' in %s; did you mean '%s'?",
		    key, config_section_name(p->section), near->key);
	else
		config_error(p, "unknown key '%s' in %s", key,
		    config_section_name(p->section));
}

/* The known key of that name, in any section; NULL when there is none. */
static const struct config_key *
config_key_find(const char *key)
{
	size_t	 i;

	for (i = 0; i < nitems(config_keys); i++)
		if (strcmp(config_keys[i].key, key) == 0)
			return &config_keys[i];
	return NULL;
}

/* A key before any header: say which header a known key goes under. */
static void
config_outside(struct config_parse *p, const char *key)
{
	static const char		*headers[] = {
		[SECTION_RAQIB] = "[raqib]", [SECTION_SOURCE] = "[source NAME]",
		[SECTION_TOPIC] = "[topic NAME]"
	};
	const struct config_key		*k = config_key_find(key);

	if (k != NULL)
		config_error(p, "'%s' is outside any section: put it under a "
		    "%s header", key, headers[k->section]);
	else
		config_error(p, "'%s' is outside any section: keys go under a "
		    "[raqib], [source NAME] or [topic NAME] header", key);
}

/*
 * A line without '=': `url: https://…` (YAML's and other formats' colon)
 * is named as such when the word before the colon is a key.
 */
static void
config_no_equals(struct config_parse *p, const char *s)
{
	size_t	 n = strcspn(s, ": \t");
	char	 key[32];

	if (s[n] == ':' && n > 0 && n < sizeof(key)) {
		memcpy(key, s, n);
		key[n] = '\0';
		if (config_key_find(key) != NULL) {
			config_error(p, "write '%s = …' with '=', not ':'",
			    key);
			return;
		}
	}
	config_error(p, "expected 'key = value', '[section]' or a # comment");
}

/*
 * A value wholly in quotes (`url = "https://…"`, an INI habit) would keep
 * them; only match and exclude give quotes a meaning (a literal phrase).
 */
static int
config_quoted(struct config_parse *p, const char *key, const char *val)
{
	size_t	 n = strlen(val);

	if (strcmp(key, "match") == 0 || strcmp(key, "exclude") == 0)
		return 0;
	if (n < 2 || strchr("\"'", val[0]) == NULL || val[n - 1] != val[0])
		return 0;
	config_error(p, "%s is written without quotes: %s = %.*s", key, key,
	    (int)n - 2, val + 1);
	return 1;
}

/* Handle a key = value line. */
static void
config_keyvalue(struct config_parse *p, char *s)
{
	char	*eq = strchr(s, '='), *key = s, *val, *end;
	size_t	 i;

	if (p->section == SECTION_SKIP)
		return;
	if (eq == NULL) {
		config_no_equals(p, s);
		return;
	}
	for (end = eq; end > key && isspace((unsigned char)end[-1]); end--)
		;
	*end = '\0';
	val = eq + 1 + strspn(eq + 1, " \t");
	if (*val == '\0') {
		config_error(p, "%s has no value", key);
		return;
	}
	if (config_quoted(p, key, val))
		return;
	for (i = 0; i < nitems(config_keys); i++) {
		if (config_keys[i].section == p->section &&
		    strcmp(config_keys[i].key, key) == 0) {
			config_keys[i].set(p, val);
			return;
		}
	}
	if (p->section == SECTION_NONE)
		config_outside(p, key);
	else
		config_unknown_key(p, key);
}

/* Cut a comment (a # at the start or after white space) and trailing space. */
static void
config_trim(char *s)
{
	char	*c, *end;

	for (c = s; (c = strchr(c, '#')) != NULL; c++) {
		if (c == s || isspace((unsigned char)c[-1])) {
			*c = '\0';
			break;
		}
	}
	for (end = s + strlen(s); end > s && isspace((unsigned char)end[-1]);
	    end--)
		;
	*end = '\0';
}

/* Handle one line of the file. */
static void
config_line(struct config_parse *p, char *s)
{
	s += strspn(s, " \t");
	config_trim(s);
	if (*s == '\0')
		return;
	if (*s == '[')
		config_section(p, s);
	else
		config_keyvalue(p, s);
}

/* Say why a config cannot be opened; a missing one, how to write one. */
static void
config_cannot_open(const char *path, struct buf *errors)
{
	char	*def;
	int	 missing = errno == ENOENT;

	buf_printf(errors, "%s: cannot open: %s", path, strerror(errno));
	if (missing) {
		def = config_default_path();
		buf_printf(errors, "; `raqib init%s%s` writes a first one",
		    strcmp(def, path) == 0 ? "" : " -c ",
		    strcmp(def, path) == 0 ? "" : path);
		free(def);
	}
	buf_putc(errors, '\n');
}

/* Read a whole file into a buffer; -1 with a message in errors. */
static int
config_read(const char *path, struct buf *b, struct buf *errors)
{
	FILE	*f;
	char	 chunk[8192];
	size_t	 n;
	int	 rc = 0;

	if ((f = fopen(path, "r")) == NULL) {
		config_cannot_open(path, errors);
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (b->len + n > CONFIG_MAX_SIZE) {
			buf_printf(errors, "%s:0: file too large\n", path);
			rc = -1;
			break;
		}
		buf_append(b, chunk, n);
	}
	if (ferror(f)) {
		buf_printf(errors, "%s:0: read error: %s\n", path,
		    strerror(errno));
		rc = -1;
	}
	fclose(f);
	if (rc == 0 && b->data == NULL)
		buf_puts(b, "");
	return rc;
}

/* Restrict topic idx to the sources its `sources =` names. */
static void
config_topic_sources(struct config_parse *p, const struct config_topic *t,
    size_t idx)
{
	char	*list, *tok, *save = NULL;

	if (t->sources == NULL)
		return;
	list = xstrdup(t->sources);
	p->line = t->sources_line;
	for (tok = strtok_r(list, ", ", &save); tok != NULL;
	    tok = strtok_r(NULL, ", ", &save)) {
		if (tfind(tok, &p->sources, config_name_cmp) == NULL)
			config_error(p, "sources: no [source %s] in this file",
			    tok);
		else
			match_topic_source_add(p->cfg->match, idx, tok);
	}
	free(list);
}

/* Compile one topic's expressions into the matcher, reporting FILE:LINE:COL. */
static void
config_compile_topic(struct config_parse *p, const struct config_topic *t)
{
	struct match_error	 err;
	long			 idx;
	size_t			 i;

	p->line = t->line;
	idx = match_topic_add(p->cfg->match, t->name, t->fields);
	for (i = 0; i < t->nexprs; i++) {
		if (match_expr_add(p->cfg->match, (size_t)idx, t->exprs[i].text,
		    t->exprs[i].exclude, &err) == -1) {
			buf_printf(p->errors, "%s:%d:%zu: %s\n", p->path,
			    t->exprs[i].line, (size_t)t->exprs[i].column +
			    utf8_chars(t->exprs[i].text,
			    (size_t)err.column - 1), err.msg);
			p->nerrors++;
		}
	}
	config_topic_sources(p, t, (size_t)idx);
}

/* A topic without `notify =` notifies the desktop. */
static void
config_add_default_sink(struct config_topic *t)
{
	struct config_sink	*sk;

	sk = config_grow(t->sinks, &t->nsinks, sizeof(*sk));
	t->sinks = sk;
	sk->kind = CONFIG_SINK_DESKTOP;
	sk->spec = xstrdup("desktop");
}

/* Check what a line-by-line reading cannot: required keys, defaults. */
static void
config_finish(struct config_parse *p)
{
	struct config	*c = p->cfg;
	size_t		 i;

	config_end_section(p);
	for (i = 0; i < c->nsources; i++)
		if (c->sources[i].interval == 0)
			c->sources[i].interval = c->interval;
	for (i = 0; i < c->nsources; i++)
		if (c->sources[i].article_limit == -1)
			c->sources[i].article_limit = c->article_limit;
	for (i = 0; i < c->ntopics; i++) {
		if (c->topics[i].nsinks == 0)
			config_add_default_sink(&c->topics[i]);
		config_compile_topic(p, &c->topics[i]);
	}
}

/* The default database path under $XDG_STATE_HOME. */
static char *
config_default_database(void)
{
	const char	*state = getenv("XDG_STATE_HOME");
	const char	*home = getenv("HOME");
	struct buf	 b = { 0 };

	if (state != NULL && state[0] == '/')
		buf_printf(&b, "%s/raqib/raqib.db", state);
	else
		buf_printf(&b, "%s/.local/state/raqib/raqib.db",
		    home ? home : ".");
	return buf_steal(&b);
}

/* The default config path under $XDG_CONFIG_HOME. */
char *
config_default_path(void)
{
	const char	*conf = getenv("XDG_CONFIG_HOME");
	const char	*home = getenv("HOME");
	struct buf	 b = { 0 };

	if (conf != NULL && conf[0] == '/')
		buf_printf(&b, "%s/raqib/raqib.conf", conf);
	else
		buf_printf(&b, "%s/.config/raqib/raqib.conf", home ? home : ".");
	return buf_steal(&b);
}

/* A fresh config with its defaults. */
static struct config *
config_new(const char *path)
{
	struct config	*c;

	c = xcalloc(1, sizeof(*c));
	c->path = xstrdup(path);
	c->interval = CONFIG_DEFAULT_INTERVAL;
	c->timeout = CONFIG_DEFAULT_TIMEOUT;
	c->burst = CONFIG_DEFAULT_BURST;
	c->notify_failures = CONFIG_DEFAULT_NOTIFY_FAILURES;
	c->connections = CONFIG_DEFAULT_CONNECTIONS;
	c->per_host = CONFIG_DEFAULT_PER_HOST;
	c->article_limit = CONFIG_DEFAULT_ARTICLES;
	c->catch_up = CONFIG_DEFAULT_CATCH_UP;
	c->archive = 1;
	c->keep = CONFIG_DEFAULT_KEEP;
	c->match = match_new();
	return c;
}

/*
 * Whether text is UTF-8; when it is not, report the first line that is
 * not, where, and how many more there are. A config in another charset
 * would otherwise be read as other words (a windows-1256 term as no word
 * at all, a Latin-1 é as a space).
 */
static int
config_utf8(struct config_parse *p, const char *text, size_t len)
{
	size_t		 i, n, line = 1, start = 0, bad = 0, badline = 0;
	size_t		 lines = 0;
	uint32_t	 cp;

	for (i = 0; i < len; i += n) {
		if (text[i] == '\n') {
			line++;
			start = i + 1;
		}
		if ((n = utf8_decode((const unsigned char *)text + i, len - i,
		    &cp)) != 0)
			continue;
		n = 1;
		if (bad++ == 0) {
			p->line = (int)line;
			config_error(p, "not UTF-8 (save the file as UTF-8): "
			    "byte 0x%02X at offset %zu, byte %zu of the line",
			    (unsigned char)text[i], i, i - start + 1);
		}
		lines += badline != line;
		badline = line;
	}
	if (lines > 1)
		buf_printf(p->errors, "%s: %zu more line%s after line %d %s not "
		    "UTF-8 either\n", p->path, lines - 1, lines > 2 ? "s" : "",
		    p->line, lines > 2 ? "are" : "is");
	return bad == 0;
}

/* Parse every line of text into p's config. */
static void
config_parse_text(struct config_parse *p, char *text)
{
	char	*line, *next;

	for (line = text; line != NULL; line = next) {
		p->line++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		line[strcspn(line, "\r")] = '\0';
		p->linestart = line;
		config_line(p, line);
	}
}

/* Read and check a config file; *status says why it failed. */
struct config *
config_load(const char *path, struct buf *errors, int *status)
{
	struct buf	 text = { 0 };
	struct config	*c = NULL;
	int		 rc = 1;

	if (config_read(path, &text, errors) == 0) {
		c = config_load_text(path, text.data, text.len, errors);
		rc = 2;
	}
	buf_free(&text);
	if (status != NULL)
		*status = c != NULL ? 0 : rc;
	return c;
}

/*
 * Sources polled less than a minute apart: `interval = 15` is seconds,
 * which hammers a server and was most likely meant as minutes.
 */
static void
config_warn_intervals(const struct config *c, struct buf *out)
{
	size_t	 i, n = 0;
	long	 least = 0;

	for (i = 0; i < c->nsources; i++) {
		if (c->sources[i].interval >= CONFIG_MIN_SANE_INTERVAL)
			continue;
		if (n++ == 0 || c->sources[i].interval < least)
			least = c->sources[i].interval;
	}
	if (n > 0)
		buf_printf(out, "%zu source%s polled less than a minute apart "
		    "(interval %lds; a number without a unit is seconds: write "
		    "%ldm for minutes)\n", n, n == 1 ? " is" : "s are", least,
		    least);
}

/* Order two sources by url, then by their place in the file, for qsort. */
static int
config_url_cmp(const void *x, const void *y)
{
	const struct config_source	*a = *(const struct config_source *const *)x;
	const struct config_source	*b = *(const struct config_source *const *)y;
	int				 c;

	if ((c = strcmp(a->url, b->url)) != 0)
		return c;
	return (a > b) - (a < b);
}

/* Whether two sources of one url read the same: not two `items =`. */
static int
config_twins(const struct config_source *a, const struct config_source *b)
{
	return a->items == NULL || b->items == NULL ||
	    strcmp(a->items, b->items) == 0;
}

/*
 * Sources that share a url: each item would be read, stored and alerted
 * twice under two names, most likely a source pasted twice. Two different
 * `items =` selectors on one page are meant, and left alone. Each source
 * is named with the first before it that it repeats, in the file's order;
 * sorted by url, so that ten thousand sources take no quadratic time.
 */
static void
config_warn_twins(const struct config *c, struct buf *out)
{
	const struct config_source	**v, **run, **p, *a, *b;
	const struct config_source	**twin;
	size_t				 i;

	if (c->nsources < 2)
		return;
	v = xreallocarray(NULL, c->nsources, sizeof(*v));
	twin = xcalloc(c->nsources, sizeof(*twin));
	for (i = 0; i < c->nsources; i++)
		v[i] = &c->sources[i];
	qsort(v, c->nsources, sizeof(*v), config_url_cmp);
	for (i = 1, run = v; i < c->nsources; i++) {
		if (strcmp(v[i]->url, (*run)->url) != 0) {
			run = &v[i];
			continue;
		}
		for (p = run; p < &v[i] && !config_twins(*p, v[i]); p++)
			continue;
		if (p < &v[i])
			twin[v[i] - c->sources] = *p;
	}
	for (i = 0; i < c->nsources; i++) {
		if ((a = twin[i]) == NULL)
			continue;
		b = &c->sources[i];
		buf_printf(out, "%d: source '%s' has the url of source '%s' "
		    "(line %d): its items would alert twice; remove one\n",
		    b->line, b->name, a->name, a->line);
	}
	free(twin);
	free(v);
}

/*
 * Whether an expression has a comma that separates words, outside quotes:
 * `match = Kazakhstan, Казахстан` reads as a list, but is one phrase whose
 * words must stand side by side. So does the Arabic comma (،). A comma
 * between digits (1,000) is a number's.
 */
static int
config_expr_has_list(const char *t)
{
	int	 quoted = 0;
	size_t	 i;

	for (i = 0; t[i] != '\0'; i++) {
		if (t[i] == '"')
			quoted = !quoted;
		else if (!quoted && strncmp(t + i, "\u060C", 2) == 0)
			return 1;
		else if (t[i] == ',' && !quoted && !(i > 0 &&
		    isdigit((unsigned char)t[i - 1]) &&
		    isdigit((unsigned char)t[i + 1])))
			return 1;
	}
	return 0;
}

/* Expressions written as comma lists, a line each. */
static void
config_warn_lists(const struct config *c, struct buf *out)
{
	const struct config_expr	*e;
	size_t				 i, j;

	for (i = 0; i < c->ntopics; i++) {
		for (j = 0; j < c->topics[i].nexprs; j++) {
			e = &c->topics[i].exprs[j];
			if (!config_expr_has_list(e->text))
				continue;
			buf_printf(out, "%d: %s = %s is one phrase, its words "
			    "side by side (a comma separates nothing): for any "
			    "of them, join them with OR or write a line each\n",
			    e->line, e->exclude ? "exclude" : "match", e->text);
		}
	}
}

/* The line a warning is about, and its text; see config.h. */
int
config_warning_line(const char *warning, const char **text)
{
	size_t	 n = strspn(warning, "0123456789");

	*text = warning;
	if (n == 0 || n > 9 || strncmp(warning + n, ": ", 2) != 0)
		return 0;
	*text = warning + n + 2;
	return atoi(warning);
}

/* Append what is valid but likely a mistake, one line each. */
void
config_warnings(const struct config *c, struct buf *out)
{
	if (c->nsources == 0)
		buf_puts(out, "no [source] sections: raqib watches nothing "
		    "(`raqib init` writes a config with curated sources; or add "
		    "a [source NAME] with its url)\n");
	if (c->ntopics == 0)
		buf_puts(out, "no [topic] sections: nothing can alert\n");
	config_warn_intervals(c, out);
	config_warn_twins(c, out);
	config_warn_lists(c, out);
}

/* Why an existing database file cannot be opened for writing; NULL: it can. */
static const char *
config_database_file(const char *path, const struct stat *st)
{
	if (!S_ISREG(st->st_mode))
		return "is not a file";
	if (access(path, R_OK | W_OK) == -1)
		return strerror(errno);
	return NULL;
}

/*
 * Why the directories of a database that does not exist yet cannot be
 * made: the nearest one that exists (the store creates those below it) is
 * no directory or not writable; NULL when they can. dir is cut in place.
 */
static const char *
config_database_dir(char *dir, const char **where)
{
	struct stat	 st;
	char		*slash;

	while ((slash = strrchr(dir, '/')) != NULL) {
		*slash = '\0';
		*where = *dir != '\0' ? dir : "/";
		if (stat(*where, &st) == 0)
			break;
	}
	if (slash == NULL && stat(*where = ".", &st) == -1)
		return strerror(errno);
	if (!S_ISDIR(st.st_mode))
		return "is not a directory";
	if (access(*where, W_OK | X_OK) == -1)
		return strerror(errno);
	return NULL;
}

/* See config.h. */
int
config_database_usable(const struct config *c, struct buf *out)
{
	struct stat	 st;
	char		*dir = xstrdup(c->database);
	const char	*why, *where = c->database;

	if (stat(c->database, &st) == 0)
		why = config_database_file(c->database, &st);
	else
		why = config_database_dir(dir, &where);
	if (why != NULL)
		buf_printf(out, "%d: database %s cannot be opened: %s %s (set "
		    "database = to a file in a directory you can write)\n",
		    c->database_line, c->database, where, why);
	free(dir);
	return why != NULL ? -1 : 0;
}

/* Check config text as if read from the file named path. */
struct config *
config_load_text(const char *path, const char *data, size_t len,
    struct buf *errors)
{
	struct config_parse	 p = { 0 };
	struct buf		 text = { 0 };

	p.errors = errors;
	p.path = path;
	p.cfg = config_new(path);
	/* Windows editors (Notepad) begin a UTF-8 file with a BOM: not text. */
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	if (!config_utf8(&p, data, len)) {
		config_free(p.cfg);
		return NULL;
	}
	buf_append(&text, data, len);
	config_parse_text(&p, text.data);
	buf_free(&text);
	config_finish(&p);
	config_names_free(&p);
	if (p.cfg->database == NULL)
		p.cfg->database = config_default_database();
	if (p.nerrors == 0)
		match_compile(p.cfg->match);
	if (p.nerrors > 0) {
		config_free(p.cfg);
		return NULL;
	}
	return p.cfg;
}

/* Free what a sink owns. */
static void
config_free_sink(struct config_sink *sk)
{
	char	**a;

	for (a = sk->argv; a != NULL && *a != NULL; a++)
		free(*a);
	free(sk->argv);
	free(sk->spec);
}

/* Free what a topic owns. */
static void
config_free_topic(struct config_topic *t)
{
	size_t	 i;

	for (i = 0; i < t->nsinks; i++)
		config_free_sink(&t->sinks[i]);
	free(t->sinks);

	for (i = 0; i < t->nexprs; i++)
		free(t->exprs[i].text);
	free(t->exprs);
	free(t->sources);
	free(t->name);
}

/* Free a config and everything it owns. */
void
config_free(struct config *c)
{
	size_t	 i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nsources; i++) {
		free(c->sources[i].name);
		free(c->sources[i].url);
		free(c->sources[i].items);
	}
	for (i = 0; i < c->ntopics; i++)
		config_free_topic(&c->topics[i]);
	free(c->sources);
	free(c->topics);
	match_free(c->match);
	free(c->database);
	free(c->opener);
	free(c->path);
	free(c);
}
