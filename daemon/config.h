/* config: raqib.conf -> an immutable struct config, every error reported. */
#ifndef RAQIB_CONFIG_H
#define RAQIB_CONFIG_H

#include <stddef.h>

#include "item.h"

struct buf;
struct match;

#define CONFIG_CATCH_UP_ALL	(-1L)	/* catch_up = all */

struct config_source {
	char		*name;
	char		*url;
	char		*items;		/* `items =` selector, or NULL (feed or default rules) */
	long		 interval;	/* seconds */
	int		 article;	/* fetch = article: read each new item's page */
	long		 article_limit;	/* article fetches per poll at most */
	int		 line;		/* of its [source] header */
};

struct config_expr {
	char	*text;		/* as written after `match =` or `exclude =` */
	int	 line;
	int	 column;	/* of the text's first character in its line,
				   from 1, as editors count */
	int	 exclude;
};

enum config_sink_kind {
	CONFIG_SINK_DESKTOP,
	CONFIG_SINK_STDOUT,
	CONFIG_SINK_EXEC
};

/* One entry of a topic's `notify =` list. */
struct config_sink {
	enum config_sink_kind	 kind;
	char			*spec;	/* as written ("exec:/bin/x -a"): its key */
	char			**argv;	/* exec: program and arguments, NULL-ended */
};

struct config_topic {
	char			*name;
	unsigned		 fields;	/* enum match_field bits */
	enum alert_urgency	 urgency;
	struct config_expr	*exprs;
	size_t			 nexprs;
	char			*sources;	/* `sources =` as written, or NULL: all */
	int			 sources_line;
	struct config_sink	*sinks;		/* `notify =`; at least desktop */
	size_t			 nsinks;
	int			 line;
};

struct config {
	char			*path;
	char			*database;	/* absolute path */
	int			 database_line;	/* of `database =`; 0: none */
	long			 interval;	/* default poll interval, seconds */
	long			 timeout;	/* per transfer, seconds */
	char			*opener;	/* `opener =` program, or NULL: xdg-open */
	long			 burst;		/* more alerts at once: one summary */
	long			 notify_failures; /* failures in a row before
						   "source broken"; 0: never */
	long			 connections;	/* transfers at once, in all */
	long			 per_host;	/*   and against one host */
	int			 quiet_from;	/* quiet hours, minutes after local */
	int			 quiet_to;	/*   midnight; equal: none */
	long			 article_limit;	/* default for the sources */
	long			 catch_up;	/* a new source alerts items this
						   recent, seconds; or _ALL */
	long			 keep;		/* items unseen this long are
						   forgotten, seconds */
	int			 archive;	/* keep items' text (store.h) */
	struct config_source	*sources;
	size_t			 nsources;
	struct config_topic	*topics;
	size_t			 ntopics;
	struct match		*match;		/* topics compiled; topic i is match topic i */
};

/*
 * Read and check a config file. On failure returns NULL, appends one
 * "FILE:LINE: message" line per problem to errors (or "FILE: cannot open:
 * why", naming `raqib init` when it does not exist) and sets *status, when
 * not NULL, to the exit status the failure calls for: 1 when the file
 * cannot be read, 2 when it has errors. A file that is not UTF-8 is an
 * error, at its first bad byte.
 */
struct config	*config_load(const char *path, struct buf *errors,
		    int *status);
/* The same for text already in memory; path only names it in messages. */
struct config	*config_load_text(const char *path, const char *data,
		    size_t len, struct buf *errors);
void		 config_free(struct config *);
/*
 * Append one line per thing a valid config probably got wrong (no source,
 * no topic, a url twice); nothing when there is none. A line about one
 * place of the file starts with its number and ": ".
 */
void		 config_warnings(const struct config *, struct buf *out);
/*
 * The line of the file a warning of config_warnings is about, its text
 * after the number in *text; 0, and the whole warning, when it names none.
 */
int		 config_warning_line(const char *warning, const char **text);

/*
 * Whether the database can be opened where the config puts it: the file,
 * or else the nearest directory above it that exists (raqib creates the
 * missing ones), is there and writable. 0 when it is; else -1, with a line
 * for why in out, as config_warnings writes one.
 */
int		 config_database_usable(const struct config *, struct buf *out);

/*
 * Edit distance of two short names (under 32 bytes; longer ones count as
 * SIZE_MAX): what an unknown key or command was probably meant to be.
 */
size_t		 config_distance(const char *, const char *);

/* The default config path ($XDG_CONFIG_HOME/raqib/raqib.conf); caller frees. */
char		*config_default_path(void);

/* Parse a duration such as 90s, 15m, 2h, 1d (bare numbers are seconds); -1 if bad. */
long		 config_duration(const char *);

#endif
