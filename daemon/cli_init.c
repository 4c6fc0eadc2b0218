/*
 * cli_init: raqib init, a first config that watches something: the example
 * topics and the curated sources, both carried inside raqib (cli_int.h), so
 * that it needs no installed file. It never overwrites a config.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli_int.h"
#include "compat.h"
#include "config.h"
#include "xmalloc.h"

/* Create the missing directories above path, private to the user. */
int
cli_mkdirs(const char *path)
{
	char	*dir, *p;
	int	 rc = 0;

	dir = xstrdup(path);
	for (p = strchr(dir + 1, '/'); p != NULL && rc == 0;
	    p = strchr(p + 1, '/')) {
		*p = '\0';
		if (mkdir(dir, 0700) == -1 && errno != EEXIST) {
			fprintf(stderr, "raqib: cannot create %s: %s\n", dir,
			    strerror(errno));
			rc = -1;
		}
		*p = '/';
	}
	free(dir);
	return rc;
}

/* Write the example and the curated sources to path, which must not exist. */
static int
cli_init_write(const char *path)
{
	FILE	*f;
	int	 ok;

	if (cli_mkdirs(path) == -1)
		return -1;
	/* "x": an existing file, or one made meanwhile, is never truncated. */
	if ((f = fopen(path, "wx")) == NULL) {
		if (errno == EEXIST)
			fprintf(stderr, "raqib: %s exists; raqib init leaves it "
			    "as it is (move it away first, or give another file "
			    "with -c)\n", path);
		else
			fprintf(stderr, "raqib: %s: %s\n", path,
			    strerror(errno));
		return -1;
	}
	ok = fputs(cli_example_config, f) >= 0 && fputs("\n", f) >= 0 &&
	    fputs(cli_example_sources, f) >= 0;
	if (fclose(f) != 0 || !ok) {
		fprintf(stderr, "raqib: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* The next steps init prints: a command, with -c FILE or not, and why. */
static const struct cli_step {
	const char	*cmd, *after;	/* -c FILE goes between them */
	int		 file;		/* the command takes -c FILE */
	const char	*why;
} cli_steps[] = {
	{ "raqib check", "", 1, "what it watches, and whether it is valid" },
	{ "raqib --dry-run", "", 1, "what would alert now, printed: nothing "
	    "is notified or stored" },
	{ "systemctl --user enable --now raqib", "", 0, "run it as a "
	    "service, with the config at the default path (after make "
	    "install)" },
	{ "raqib import-opml", " --append FILE.opml", 1, "add another feed "
	    "reader's subscriptions" },
};

/* Print what was written and the next steps, naming a file not the default. */
static void
cli_init_next(const struct config *cfg, int dflt)
{
	struct buf	 c = { 0 };
	size_t		 i;

	buf_printf(&c, "%s%s", dflt ? "" : " -c ", dflt ? "" : cfg->path);
	printf("raqib: wrote %s: %zu sources, %zu topics (", cfg->path,
	    cfg->nsources, cfg->ntopics);
	for (i = 0; i < cfg->ntopics; i++)
		printf("%s%s", i > 0 ? ", " : "", cfg->topics[i].name);
	printf("); edit it to watch your own.\n\nNext:\n");
	for (i = 0; i < nitems(cli_steps); i++)
		printf("  %s%s%s\n      %s\n", cli_steps[i].cmd,
		    cli_steps[i].file && c.data ? c.data : "", cli_steps[i].after,
		    cli_steps[i].why);
	buf_free(&c);
}

/* raqib init: write a first config, then say what to do next. */
int
cli_init(struct cli_opts *o)
{
	struct buf	 errors = { 0 };
	struct config	*cfg;
	char		*path, *dflt = config_default_path();
	int		 rc = 1;

	if (o->argc != 0) {
		free(dflt);
		return -1;
	}
	path = xstrdup(o->config ? o->config : dflt);
	if (cli_init_write(path) == 0) {
		/* The texts are checked by make check; a failure is a bug. */
		if ((cfg = config_load(path, &errors, NULL)) == NULL)
			fprintf(stderr, "%s", errors.data ? errors.data : "");
		else {
			cli_init_next(cfg, strcmp(path, dflt) == 0);
			rc = 0;
		}
		config_free(cfg);
	}
	buf_free(&errors);
	free(path);
	free(dflt);
	return rc;
}
