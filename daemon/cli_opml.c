/*
 * cli_opml: raqib import-opml, a feed reader's subscriptions (its OPML
 * export) as [source] sections, each named after its title in whatever
 * script, with its folders and every outline left out said on stderr; and
 * raqib export-opml, the config's feeds as OPML for any reader.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli_int.h"
#include "config.h"
#include "feed.h"
#include "item.h"
#include "log.h"
#include "text.h"
#include "utf8.h"
#include "xmalloc.h"

#define CLI_NAME_CHARS	40	/* a source name made from a title, at most */
#define CLI_COMMENT_BYTES	200	/* of a title in a comment, at most */

/* Names and URLs an import must not repeat; every string owned. */
struct cli_names {
	char	**v;
	size_t	 n;
};

/* Whether the set holds s. */
static int
cli_names_has(const struct cli_names *set, const char *s)
{
	size_t	 i;

	for (i = 0; i < set->n; i++)
		if (strcmp(set->v[i], s) == 0)
			return 1;
	return 0;
}

/* Add a copy of s to the set. */
static void
cli_names_add(struct cli_names *set, const char *s)
{
	set->v = xreallocarray(set->v, set->n + 1, sizeof(*set->v));
	set->v[set->n++] = xstrdup(s);
}

/* Free the set's strings. */
static void
cli_names_free(struct cli_names *set)
{
	size_t	 i;

	for (i = 0; i < set->n; i++)
		free(set->v[i]);
	free(set->v);
	memset(set, 0, sizeof(*set));
}

/* A config-safe name from a title (its words, any script), else the host. */
static char *
cli_source_name(const struct item *it)
{
	const char	*host = strstr(it->link, "://");
	char		*name, *h;

	name = text_slug(it->title ? it->title : "", it->title ?
	    strlen(it->title) : 0, CLI_NAME_CHARS);
	if (name[0] == '\0' && host != NULL) {
		free(name);
		h = xstrdup(host + 3);
		h[strcspn(h, "/:?#")] = '\0';
		name = text_slug(strncmp(h, "www.", 4) == 0 ? h + 4 : h,
		    strlen(strncmp(h, "www.", 4) == 0 ? h + 4 : h),
		    CLI_NAME_CHARS);
		free(h);
	}
	if (name[0] == '\0') {
		free(name);
		name = xstrdup("source");
	}
	return name;
}

/* A name not in the set yet: base, else base-2, base-3, ... */
static char *
cli_unique_name(struct cli_names *names, const char *base)
{
	struct buf	 b = { 0 };
	int		 i;

	buf_puts(&b, base);
	for (i = 2; cli_names_has(names, b.data); i++) {
		buf_free(&b);
		buf_printf(&b, "%s-%d", base, i);
	}
	return buf_steal(&b);
}

/* Say on stderr that an outline was left out, and why. */
static void
cli_opml_skipped(const char *file, const char *title, const char *url,
    const char *why)
{
	char	 t[256], u[512];

	log_safe(t, sizeof(t), title ? title : "(untitled)", 200);
	log_safe(u, sizeof(u), url ? url : "no URL", 400);
	fprintf(stderr, "raqib: %s: skipped %s (%s): %s\n", file, t, u, why);
}

/* Why a feed cannot be added, or NULL: the config or the file has it. */
static const char *
cli_opml_refuse(const struct item *it, const struct cli_names *known,
    const struct cli_names *added)
{
	if (cli_names_has(known, it->link))
		return "the config has this feed already";
	if (cli_names_has(added, it->link))
		return "the same feed is listed above";
	if (strpbrk(it->link, " \t") != NULL)
		return "a URL with a space cannot be written in raqib.conf";
	return NULL;
}

/* Whether cp breaks a line or a word: a blank in a comment. */
static int
cli_opml_blank(uint32_t cp)
{
	return cp == '\t' || cp == '\n' || cp == '\v' || cp == '\f' ||
	    cp == '\r' || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

/*
 * A title or folder for a comment in the config, readable and on one
 * line: at most CLI_COMMENT_BYTES bytes of it (a longer one ends in
 * "…"), without the controls a terminal or an editor acts on
 * (utf8_is_control: the bidi overrides and isolates that would turn it
 * around, C0 and C1), which log_safe would write as \uXXXX; a line or
 * word break is a blank, and bytes that are not UTF-8 are escaped.
 */
static void
cli_opml_plain(const char *src, char *dst, size_t dstlen)
{
	struct buf		 b = { 0 };
	const unsigned char	*u = (const unsigned char *)src;
	size_t			 n = strlen(src), i, k;
	uint32_t		 cp;
	int			 blank;

	for (i = 0; i < n; i += k) {
		blank = 0;
		if ((k = utf8_decode(u + i, n - i, &cp)) == 0)
			k = 1;
		else if ((blank = cli_opml_blank(cp)) == 0 &&
		    utf8_is_control(cp))
			continue;
		/* Cut at a whole character, never inside one. */
		if (b.len + k > CLI_COMMENT_BYTES)
			break;
		if (blank)
			buf_putc(&b, ' ');
		else
			buf_append(&b, src + i, k);
	}
	if (i < n)
		buf_puts(&b, "\u2026");
	log_safe(dst, dstlen, b.data ? b.data : "", b.len);
	buf_free(&b);
}

/* Append the comments above a section: the feed's title and its folders. */
static void
cli_opml_comment(const struct item *it, struct buf *out)
{
	char	 s[CLI_COMMENT_BYTES * 4 + 8];	/* each byte \xNN, "…" */
	size_t	 i;

	cli_opml_plain(it->title ? it->title : it->link, s, sizeof(s));
	buf_printf(out, "\n# %s\n", s);
	for (i = 0; i < it->ncategories; i++) {
		cli_opml_plain(it->categories[i], s, sizeof(s));
		buf_printf(out, "%s%s", i == 0 ? "# folder: " : " / ", s);
	}
	if (it->ncategories > 0)
		buf_putc(out, '\n');
}

/* Append one [source] section for an OPML feed, unless it is refused. */
static int
cli_opml_section(const char *file, const struct item *it,
    struct cli_names *names, const struct cli_names *known,
    struct cli_names *added, struct buf *out)
{
	const char	*why;
	char		*base, *name;

	if ((why = cli_opml_refuse(it, known, added)) != NULL) {
		cli_opml_skipped(file, it->title, it->link, why);
		return 0;
	}
	base = cli_source_name(it);
	name = cli_unique_name(names, base);
	free(base);
	cli_names_add(names, name);
	cli_names_add(added, it->link);
	cli_opml_comment(it, out);
	buf_printf(out, "[source %s]\nurl = %s\n", name, it->link);
	free(name);
	return 1;
}

/* The names and URLs the config already has. */
static void
cli_opml_known(const struct config *cfg, struct cli_names *names,
    struct cli_names *urls)
{
	size_t	 i;

	for (i = 0; cfg != NULL && i < cfg->nsources; i++) {
		cli_names_add(names, cfg->sources[i].name);
		cli_names_add(urls, cfg->sources[i].url);
	}
}

/* Add a section per feed of an OPML reading; the number added. */
static int
cli_opml_feeds(const char *file, const struct feed_opml *o,
    const struct config *cfg, struct buf *out)
{
	struct cli_names	 names = { 0 }, known = { 0 }, added = { 0 };
	size_t			 i;
	int			 n = 0;

	cli_opml_known(cfg, &names, &known);
	for (i = 0; i < o->nskipped; i++)
		cli_opml_skipped(file, o->skipped[i].title, o->skipped[i].url,
		    o->skipped[i].why);
	for (i = 0; i < o->feeds.n; i++)
		n += cli_opml_section(file, &o->feeds.v[i], &names, &known,
		    &added, out);
	cli_names_free(&names);
	cli_names_free(&known);
	cli_names_free(&added);
	return n;
}

/*
 * Say what the file needed mending to be read (not well-formed XML: a
 * bare &, characters XML forbids), so the user checks the feeds imported.
 */
static void
cli_opml_mended(const char *file, const struct feed_opml *o)
{
	char	 why[256];

	if (o->repairs == 0)
		return;
	feed_repair_why(o->repairs, why, sizeof(why));
	fprintf(stderr, "raqib: %s: not well-formed XML, read after mending "
	    "it as raqib mends a feed%s; check the feed URLs imported; the "
	    "feed reader that wrote the file is at fault\n", file, why);
}

/* Turn an OPML file into config text; the number of sections, or -1. */
static int
cli_opml_sections(const char *file, const struct config *cfg,
    struct buf *out)
{
	struct feed_opml	 o;
	struct buf		 body = { 0 };
	char			 err[256];
	int			 n = -1;

	if (cli_read_file(file, &body) == -1)
		return -1;
	if (feed_opml_parse(body.data, body.len, &o, err, sizeof(err)) == -1)
		fprintf(stderr, "raqib: %s: %s\n", file, err);
	else {
		cli_opml_mended(file, &o);
		n = cli_opml_feeds(file, &o, cfg, out);
	}
	feed_opml_free(&o);
	buf_free(&body);
	return n;
}

/* Copy a file byte for byte; -1 with a message. */
static int
cli_copy_file(const char *from, const char *to)
{
	struct buf	 b = { 0 };
	FILE		*f;
	int		 rc = -1;

	if (cli_read_file(from, &b) == -1)
		return -1;
	if ((f = fopen(to, "w")) == NULL ||
	    fwrite(b.data, 1, b.len, f) != b.len)
		fprintf(stderr, "raqib: %s: %s\n", to, strerror(errno));
	else
		rc = 0;
	if (f != NULL && fclose(f) != 0 && rc == 0) {
		fprintf(stderr, "raqib: %s: %s\n", to, strerror(errno));
		rc = -1;
	}
	buf_free(&b);
	return rc;
}

/* Append text to the config after a backup; undo it if the result is bad. */
static int
cli_append_config(const char *path, const struct buf *text, int n)
{
	struct buf	 bak = { 0 }, errors = { 0 };
	struct config	*cfg = NULL;
	FILE		*f;
	int		 rc = 1;

	buf_printf(&bak, "%s.bak", path);
	if (cli_copy_file(path, bak.data) == -1)
		goto out;
	if ((f = fopen(path, "a")) == NULL ||
	    fwrite(text->data, 1, text->len, f) != text->len || fclose(f)) {
		fprintf(stderr, "raqib: %s: %s\n", path, strerror(errno));
	} else if ((cfg = config_load(path, &errors, NULL)) == NULL) {
		fprintf(stderr, "%sraqib: the result does not pass raqib check; "
		    "restoring %s\n", errors.data ? errors.data : "", bak.data);
		cli_copy_file(bak.data, path);
	} else {
		printf("%s: added %d sources (backup in %s); configuration OK "
		    "(%zu sources, %zu topics)\n", path, n, bak.data,
		    cfg->nsources, cfg->ntopics);
		rc = 0;
	}
out:
	config_free(cfg);
	buf_free(&errors);
	buf_free(&bak);
	return rc;
}

/* raqib import-opml: a feed reader's subscriptions as [source] sections. */
int
cli_import_opml(struct cli_opts *o)
{
	struct config	*cfg = NULL;
	struct buf	 text = { 0 };
	int		 n, rc = 1;

	if (o->argc != 1)
		return -1;
	if (o->append && (cfg = cli_config(o)) == NULL)
		return o->status;
	buf_printf(&text, "\n# imported from %s by raqib import-opml\n",
	    o->argv[0]);
	if ((n = cli_opml_sections(o->argv[0], cfg, &text)) < 0)
		rc = 1;
	else if (!o->append) {
		fputs(text.data, stdout);
		rc = 0;
	} else if (n == 0) {
		printf("%s: nothing to add: every feed is already there\n",
		    cfg->path);
		rc = 0;
	} else
		rc = cli_append_config(cfg->path, &text, n);
	buf_free(&text);
	config_free(cfg);
	return rc;
}

/* The config's feeds as OPML items; its page sources are said and left out. */
static void
cli_export_feeds(const struct config *cfg, struct item_list *feeds)
{
	struct item	*it;
	size_t		 i;

	for (i = 0; i < cfg->nsources; i++) {
		if (cfg->sources[i].items != NULL) {
			fprintf(stderr, "raqib: left out [source %s]: an HTML "
			    "page read with items =, which a feed reader cannot "
			    "read\n", cfg->sources[i].name);
			continue;
		}
		it = item_list_add(feeds);
		it->title = xstrdup(cfg->sources[i].name);
		it->link = xstrdup(cfg->sources[i].url);
	}
}

/* raqib export-opml: the config's feeds as OPML, on standard output. */
int
cli_export_opml(struct cli_opts *o)
{
	struct config		*cfg;
	struct item_list	 feeds = { 0 };
	struct buf		 out = { 0 }, title = { 0 };

	if (o->argc != 0)
		return -1;
	if ((cfg = cli_config(o)) == NULL)
		return o->status;
	cli_export_feeds(cfg, &feeds);
	buf_printf(&title, "raqib: the feeds of %s", cfg->path);
	feed_opml_write(title.data, &feeds, &out);
	fwrite(out.data, 1, out.len, stdout);
	buf_free(&title);
	buf_free(&out);
	item_list_free(&feeds);
	config_free(cfg);
	return 0;
}
