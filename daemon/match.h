/* match: the watch-list language; topics compiled into one matcher. Pure. */
#ifndef RAQIB_MATCH_H
#define RAQIB_MATCH_H

#include <stddef.h>

enum match_field {
	MATCH_TITLE = 1,
	MATCH_SUMMARY = 2,
	MATCH_CONTENT = 4,
	MATCH_ALL = 7
};

/* Where an expression is wrong: 1-based byte column and a message. */
struct match_error {
	int	 column;
	char	 msg[160];
};

/* The text of one item, borrowed for the call; any field may be NULL. */
struct match_doc {
	const char	*title;
	const char	*summary;
	const char	*content;
	const char	*source;	/* source name */
};

/* A topic that fired. */
struct match_hit {
	size_t			 topic;	/* index returned by match_topic_add */
	char			*terms;	/* terms that fired, as written, ", "-joined */
	enum match_field	 field;	/* field of the first hit */
	size_t			 start;	/* its byte span in that field's */
	size_t			 end;	/*   original text */
};

struct match_result {
	struct match_hit	*v;
	size_t			 n;
};

struct match;

struct match	*match_new(void);
/* A new topic matching in the given fields; returns its index, or -1. */
long		 match_topic_add(struct match *, const char *name, unsigned fields);
/* Add a `match` (exclude == 0) or `exclude` expression; -1 with *err filled. */
int		 match_expr_add(struct match *, size_t topic, const char *expr,
		    int exclude, struct match_error *err);
/* Parse an expression alone (config checking); -1 with *err filled. */
int		 match_expr_check(const char *expr, struct match_error *err);
/* Freeze the matcher after all adds; -1 when out of memory. */
int		 match_compile(struct match *);
/* The topics that fire on doc, in topic order; -1 when out of memory. */
int		 match_doc(const struct match *, const struct match_doc *,
		    struct match_result *);
void		 match_result_free(struct match_result *);
void		 match_free(struct match *);

#endif
