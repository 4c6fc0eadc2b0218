/* store: the SQLite database: schema, dedup, outbox, source health. */
#ifndef RAQIB_STORE_H
#define RAQIB_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "item.h"

enum store_mode {
	STORE_NORMAL,	/* create the file and its directories if missing */
	STORE_SCRATCH	/* a private in-memory copy of the file (dry runs) */
};

/* What one poll of a source ended in; strings borrowed for the call. */
struct store_health {
	int64_t		 attempt;	/* Unix seconds */
	int		 ok;
	long		 status;	/* HTTP status, 0 when none */
	const char	*error;		/* NULL when ok */
	const char	*etag;		/* validators to send next time, or NULL */
	const char	*last_modified;
	size_t		 bytes;
	size_t		 items;
};

struct store;

/* Open (and create or migrate) the database; NULL with a message in err. */
struct store	*store_open(const char *path, enum store_mode,
		    char *err, size_t errlen);
void		 store_close(struct store *);

/* The id of a source by name, created on first use. */
int	 store_source(struct store *, const char *name, int64_t *id);
/* The source's validators (caller frees each; NULL when none). */
int	 store_source_validators(struct store *, int64_t source,
	    char **etag, char **last_modified);
int	 store_source_health(struct store *, int64_t source,
	    const struct store_health *);

/* One transaction around an item and its alerts. */
int	 store_begin(struct store *);
int	 store_commit(struct store *);
void	 store_rollback(struct store *);

/* 1 when the source has seen this key, 0 when new, -1 on error. */
int	 store_item_seen(struct store *, int64_t source, const char *key);
/* Record an item under its key; *item_id receives its row id. */
int	 store_item_add(struct store *, int64_t source, const char *key,
	    const struct item *, int64_t *item_id);
/* Record a pending alert for an item; sets a->id. */
int	 store_alert_add(struct store *, int64_t item_id, struct alert *a);
int	 store_alert_delivered(struct store *, int64_t alert_id);
/*
 * Up to max undelivered alerts, oldest first, into a new array the caller
 * frees with store_alerts_free().
 */
int	 store_alert_pending(struct store *, size_t max,
	    struct alert **v, size_t *n);
void	 store_alerts_free(struct alert *v, size_t n);

/* The message of the last failure, for logs. */
const char	*store_error(const struct store *);

#endif
