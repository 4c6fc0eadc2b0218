/*
 * cli_report: raqib report, the page of what the watch-list caught: the
 * database read in place (beside a running daemon) into report.c's page,
 * written to a file whose path it prints.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "cli_int.h"
#include "config.h"
#include "report.h"
#include "store.h"
#include "xmalloc.h"

#define CLI_REPORT_SINCE	"30d"

/* What the store's callbacks fill. */
struct cli_report {
	const struct config	*cfg;
	struct report		*report;
	char			*listed;	/* per config source: seen */
};

/* The default page: $XDG_STATE_HOME/raqib/report.html. Caller frees. */
static char *
cli_report_path(void)
{
	const char	*state = getenv("XDG_STATE_HOME");
	const char	*home = getenv("HOME");
	struct buf	 b = { 0 };

	if (state != NULL && state[0] == '/')
		buf_printf(&b, "%s/raqib/report.html", state);
	else
		buf_printf(&b, "%s/.local/state/raqib/report.html",
		    home ? home : ".");
	return buf_steal(&b);
}

/* How far back --since reaches, in seconds; -1 after a message. */
static long
cli_report_since(const char *v)
{
	long	 d = config_duration(v);

	if (d <= 0) {
		fprintf(stderr, "raqib: bad duration '%s' for --since (such as "
		    "30d or 12h)\n", v);
		return -1;
	}
	if (d > (long)REPORT_DAYS_MAX * 86400) {
		fprintf(stderr, "raqib: --since %s is longer than a report "
		    "covers: give %dd or less\n", v, REPORT_DAYS_MAX);
		return -1;
	}
	return d;
}

/* store_report_days() callback. */
static int
cli_report_day(const struct store_report_day *d, void *arg)
{
	struct cli_report	*cr = arg;

	report_day(cr->report, d->topic, d->day, d->stories, d->mentions);
	return 0;
}

/* store_report_outlets() callback. */
static int
cli_report_outlet(const struct store_report_outlet *o, void *arg)
{
	struct cli_report	*cr = arg;

	report_outlet(cr->report, o->topic, o->source, o->stories);
	return 0;
}

/* store_report_stories() callback. */
static int
cli_report_story(const struct store_report_story *s, void *arg)
{
	struct cli_report	*cr = arg;

	report_story(cr->report, s->id, s->topic, s->title, s->link,
	    s->outlets, s->when);
	return 0;
}

/* store_source_states() callback: the sources the config still has. */
static int
cli_report_source(const struct store_source_row *r, void *arg)
{
	struct cli_report	*cr = arg;
	struct report_source	 rs = { r->name, r->last_attempt,
				    r->last_success, r->failures,
				    r->last_status, r->last_error };
	size_t			 i;

	for (i = 0; i < cr->cfg->nsources; i++)
		if (strcmp(cr->cfg->sources[i].name, r->name) == 0)
			break;
	if (i == cr->cfg->nsources || cr->listed[i])
		return 0;
	cr->listed[i] = 1;
	report_source(cr->report, &rs);
	return 0;
}

/* Read the window's data into the report; -1 after a message. */
static int
cli_report_read(struct store *st, struct cli_report *cr, int64_t since)
{
	struct report_source	 never = { 0 };
	size_t			 i;

	for (i = 0; i < cr->cfg->ntopics; i++)
		report_topic(cr->report, cr->cfg->topics[i].name);
	if (store_report_days(st, since, cli_report_day, cr) == -1 ||
	    store_report_outlets(st, since, cli_report_outlet, cr) == -1 ||
	    store_report_stories(st, since, REPORT_STORIES_MAX + 1,
	    cli_report_story, cr) == -1 ||
	    store_source_states(st, cli_report_source, cr) == -1) {
		fprintf(stderr, "raqib: %s\n", store_error(st));
		return -1;
	}
	for (i = 0; i < cr->cfg->nsources; i++) {
		if (cr->listed[i])
			continue;
		never.name = cr->cfg->sources[i].name;
		report_source(cr->report, &never);
	}
	return 0;
}

/* Write the page to path ("-": standard output); -1 after a message. */
static int
cli_report_write(const char *path, const struct buf *page)
{
	FILE	*f = stdout;
	int	 ok;

	if (strcmp(path, "-") != 0) {
		if (cli_mkdirs(path) == -1)
			return -1;
		if ((f = fopen(path, "w")) == NULL) {
			fprintf(stderr, "raqib: cannot write %s: %s (give "
			    "another file with -o)\n", path, strerror(errno));
			return -1;
		}
	}
	ok = fwrite(page->data, 1, page->len, f) == page->len;
	if (f == stdout)
		ok = fflush(f) == 0 && ok;
	else
		ok = fclose(f) == 0 && ok;
	if (!ok) {
		fprintf(stderr, "raqib: cannot write %s: %s (give another file "
		    "with -o)\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* Build the page from the config's database; -1 after a message. */
static int
cli_report_build(struct cli_report *cr, int64_t since, struct buf *page)
{
	struct store	*st;
	struct stat	 sb;
	char		 err[512];
	int		 rc;

	if (stat(cr->cfg->database, &sb) == -1 && errno == ENOENT) {
		fprintf(stderr, "raqib: no database at %s yet: run raqib (or "
		    "raqib --once) to poll the sources first\n",
		    cr->cfg->database);
		return -1;
	}
	/* Read in place: beside the running daemon, in memory of its own. */
	if ((st = store_open(cr->cfg->database, STORE_READ, err,
	    sizeof(err))) == NULL) {
		fprintf(stderr, "raqib: %s\n", err);
		return -1;
	}
	rc = cli_report_read(st, cr, since);
	store_close(st);
	if (rc == 0)
		report_html(cr->report, page);
	return rc;
}

/* raqib report: the page of the last days, written; its path printed. */
int
cli_report(struct cli_opts *o)
{
	struct cli_report	 cr = { 0 };
	struct buf		 page = { 0 };
	struct config		*cfg;
	char			*path;
	long			 back;
	int64_t			 now = (int64_t)time(NULL);
	int			 rc = 1;

	if (o->argc != 0)
		return -1;
	if ((back = cli_report_since(o->since ? o->since :
	    CLI_REPORT_SINCE)) == -1)
		return 2;
	if ((cfg = cli_config(o)) == NULL)
		return o->status;
	cr.cfg = cfg;
	cr.listed = xcalloc(cfg->nsources + 1, 1);
	cr.report = report_new(now - back, now);
	path = o->output ? xstrdup(o->output) : cli_report_path();
	if (cli_report_build(&cr, now - back, &page) == 0 &&
	    cli_report_write(path, &page) == 0) {
		if (strcmp(path, "-") != 0)
			printf("%s\n", path);
		rc = 0;
	}
	buf_free(&page);
	free(path);
	report_free(cr.report);
	free(cr.listed);
	config_free(cfg);
	return rc;
}
