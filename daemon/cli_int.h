/*
 * cli_int: what the files of the cli module share: the options every
 * subcommand parses, loading the config and reading a file, the commands
 * each file runs, and the texts raqib carries inside it. Nothing outside
 * the module includes it.
 */
#ifndef RAQIB_CLI_INT_H
#define RAQIB_CLI_INT_H

#include <stdint.h>

struct buf;
struct config;

/* Options shared by the subcommands. */
struct cli_opts {
	char	*config;
	char	*topic;
	char	*file;
	char	*url;
	char	*charset;
	char	*items;
	char	*now;		/* parse --now: when the input was fetched */
	int	 json;		/* --json */
	int	 append;	/* --append */
	int	 explain;
	int	 article;	/* parse --article: the main text, as fetch = article */
	int	 database;	/* check --database: the whole database too */
	char	*since;		/* history, report, search, preview --since */
	char	*output;	/* report -o */
	char	*source;	/* search --source */
	int	 list;		/* preview --list */
	int	 argc;		/* operands left after the options */
	char	**argv;
	int	 status;	/* why cli_config failed: 1 unreadable,
				   2 invalid (the exit status) */
};

/* cli_term.c */
/*
 * From here on, stdout and stderr escape what a terminal would act on
 * (log_escape(), lines and tabs kept): for subcommands that print text,
 * not those that write a document (an HTML report, OPML).
 */
void	 cli_term_init(void);

/* cli.c */
/*
 * The config named by -c, or the default one; errors go to stderr and
 * o->status receives the exit status they call for (1 unreadable, 2
 * invalid). Caller frees.
 */
struct config	*cli_config(struct cli_opts *o);
/* Read a file (or standard input for "-") into b; -1 after a message. */
int		 cli_read_file(const char *path, struct buf *b);
/* Print a JSON string value (or null), a time as ISO 8601 UTC (or null). */
void		 cli_json_string(const char *s);
void		 cli_json_time(int64_t t);
/* The time --since names (a duration back from now), 0 when none, -1 when bad. */
int64_t		 cli_since(const char *v);
/* The index of the topic --topic names (SIZE_MAX: all); -1 after a message. */
int		 cli_topic(const struct cli_opts *, const struct config *,
		    size_t *topic);
/*
 * Say on stderr that the database does not exist yet, when it does not:
 * a command that reads it then prints nothing, which alone looks broken.
 */
void		 cli_no_database_yet(const char *path);
/* A time as local "YYYY-MM-DD HH:MM". */
void		 cli_when(int64_t t, char *out, size_t len);

/* cli_search.c: raqib search and raqib preview. */
int		 cli_search(struct cli_opts *);
int		 cli_preview(struct cli_opts *);

/* cli_init.c: raqib init. */
int		 cli_init(struct cli_opts *);
/* Create the missing directories above path, private; -1 after a message. */
int		 cli_mkdirs(const char *path);

/* cli_report.c: raqib report. */
int		 cli_report(struct cli_opts *);

/* cli_opml.c: raqib import-opml and export-opml. */
int		 cli_import_opml(struct cli_opts *);
int		 cli_export_opml(struct cli_opts *);

/* The embedded texts (daemon/embed.sh, at build time). */
extern const char	 cli_example_config[];	/* config/raqib.conf */
extern const char	 cli_example_sources[];	/* contrib/sources-central-asia.conf */

#endif
