/* store: the SQLite database: schema, dedup, outbox, source health. */
#ifndef RAQIB_STORE_H
#define RAQIB_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "item.h"

enum store_mode {
	STORE_NORMAL,	/* create the file and its directories if missing */
	STORE_SCRATCH,	/* a private in-memory copy of the file (dry runs) */
	STORE_SHARED,	/* as NORMAL without the lock: short commands
			   beside the daemon */
	STORE_READ	/* the file read where it lies, never written: commands
			   that list beside the daemon, in memory that stays
			   flat whatever the file's size */
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
	size_t		 repaired;	/* items the feed reader mended */
	size_t		 unreadable;	/* item elements it could not read */
	const char	*note;		/* what and why, or NULL when none */
};

struct store;

/*
 * Open (and create or migrate) the database; NULL with a message in err.
 * STORE_NORMAL holds PATH.lock against a second raqib until store_close();
 * STORE_SCRATCH reads the file (if any) without locking or writing it;
 * STORE_READ too, reading it in place (a missing file, or one with an
 * older schema, is read as STORE_SCRATCH reads it).
 */
struct store	*store_open(const char *path, enum store_mode,
		    char *err, size_t errlen);
void		 store_close(struct store *);

/*
 * Whether the archive's index holds texts under other forms than this
 * build's normalizer gives (text_index_version(): a fold was added or
 * Unicode's tables changed): a search may miss those texts until
 * store_index_renew(). 1, 0, or -1 on error.
 */
int	 store_index_stale(struct store *);
/*
 * Make the index anew from the archived texts when it was made under
 * other forms, in one transaction; *n: the texts indexed (0: nothing to
 * do). 0 or -1.
 */
int	 store_index_renew(struct store *, size_t *n);

/* The id of a source by name, created on first use. */
int	 store_source(struct store *, const char *name, int64_t *id);
/* The source's validators (caller frees each; NULL when none). */
int	 store_source_validators(struct store *, int64_t source,
	    char **etag, char **last_modified);
/*
 * Record how a poll of the source ended. Outside a transaction the row
 * joins a batch that stays open (and holds the write lock) until
 * store_sync(), any other write or store_close() commits it (or it holds a
 * few hundred rows): call store_sync() soon after.
 */
int	 store_source_health(struct store *, int64_t source,
	    const struct store_health *);
/* Commit the batch of health rows, if one is open. */
int	 store_sync(struct store *);
/*
 * Whether the file can be written now: its disk has some room (64 KiB) and
 * a page written is committed. 0, or -1 with the reason in store_error().
 */
int	 store_probe(struct store *);

/*
 * One transaction around an item and its alerts (an open batch is
 * committed first). A failed commit has already rolled back;
 * store_rollback() is a no-op outside a transaction.
 */
int	 store_begin(struct store *);
int	 store_commit(struct store *);
void	 store_rollback(struct store *);

/*
 * A unit of writes (a source's items and their alerts) inside the batch
 * of health rows: all or nothing, committed with the batch (at
 * store_sync(), any write outside a unit, store_close(), or when the batch
 * holds a few hundred units), so that many sources cost one commit.
 * store_unit_abort() undoes the unit's writes alone.
 */
int	 store_unit_begin(struct store *);
int	 store_unit_end(struct store *);
void	 store_unit_abort(struct store *);

/* 1 when the source has seen this key, 0 when new, -1 on error. */
int	 store_item_seen(struct store *, int64_t source, const char *key);
/* Record an item under its key; *item_id receives its row id. */
int	 store_item_add(struct store *, int64_t source, const char *key,
	    const struct item *, int64_t *item_id);
/* How poll names an item; strings borrowed for the call, each may be NULL but key. */
struct store_ident {
	const char		*key;		/* guid, else canonical link, else text hash */
	const char		*link_key;	/* canonical link */
	const char		*title_key;	/* hash of the normalized title */
	const char		*digest;	/* hash of the text: differs once edited */
	const unsigned char	*sketch;	/* its text's sketch (sim.h) */
	size_t			 sketchlen;	/*   0: none, the title decides */
	int64_t			 slack;		/* seconds a stamp seen stays new */
};

/*
 * Find the source's item by key, else by canonical link, else by a title
 * key first seen within 48 h whose text is alike (sites that change guids
 * on every fetch; one title over two texts is two items), and stamp it
 * seen now under the latest key, title, digest and sketch. An item stamped
 * within the ident's slack, with nothing else new, is left as it is: a
 * feed read again unchanged writes nothing. 1 when found (*changed: its
 * digest differed), 0 when new, -1 on error.
 */
int	 store_item_find(struct store *, int64_t source,
	    const struct store_ident *, const struct item *, int64_t *item_id,
	    int *changed);
/*
 * Record a new item; it joins the story of another source's item with the
 * same canonical link, or the same title key first seen within 48 h and a
 * text alike.
 */
int	 store_item_record(struct store *, int64_t source,
	    const struct store_ident *, const struct item *, int64_t *item_id);
/*
 * 1 when the item's story has an alert for topic (source is then added to
 * that alert's sources), 0 when not, -1 on error.
 */
int	 store_alert_known(struct store *, int64_t item_id, const char *topic,
	    const char *source);
/*
 * Forget the source's items last seen before cutoff (an item still in its
 * feed is seen at every poll, so its key stays) and delivered alerts
 * created before it.
 */
int	 store_prune(struct store *, int64_t source, int64_t cutoff);
/* 1 once the source's first poll was recorded, 0 before, -1 on error. */
int	 store_source_primed(struct store *, int64_t source);
int	 store_source_prime(struct store *, int64_t source);
/* Record a pending alert for an item, in the item's story; sets a->id. */
int	 store_alert_add(struct store *, int64_t item_id, struct alert *a);
int	 store_alert_delivered(struct store *, int64_t alert_id);
/*
 * Up to max undelivered alerts into a new array the caller frees with
 * store_alerts_free(), in rounds fair to every source and topic: the first
 * alert of each, oldest first, then the second of each, and so on.
 */
int	 store_alert_pending(struct store *, size_t max,
	    struct alert **v, size_t *n);
void	 store_alerts_free(struct alert *v, size_t n);
/* The number of undelivered alerts. */
int	 store_alert_count_pending(struct store *, size_t *n);
/*
 * Mark the undelivered alerts of topics muted now as delivered and muted
 * (they stay in history, no sink gets them); *n receives how many.
 */
int	 store_alert_mute_pending(struct store *, size_t *n);
/* Whether sink (a `notify =` entry) delivered the alert: 1, 0, -1 on error. */
int	 store_sink_done(struct store *, int64_t alert_id, const char *sink);
/* Record that sink delivered the alert (recording it twice is harmless). */
int	 store_sink_delivered(struct store *, int64_t alert_id,
	    const char *sink);

/*
 * The sources with more than keep pending alerts, the most first: names
 * (free with store_floods_free) and how many of theirs wait.
 */
int	 store_alert_floods(struct store *, size_t keep, char ***name,
	    size_t **count, size_t *n);
void	 store_floods_free(char **name, size_t n);
/*
 * Record as delivered a source's pending alerts but its first keep (in the
 * order they came), their stories counted onto its first (its alert's
 * flood); *n receives how many alerts.
 */
int	 store_alert_flood_trim(struct store *, const char *source,
	    size_t keep, size_t *n);

/* Mute topic until a Unix time; muting again replaces the time. */
int	 store_mute(struct store *, const char *topic, int64_t until);
/* Unmute topic: 1 when it was muted, 0 when it was not, -1 on error. */
int	 store_unmute(struct store *, const char *topic);
/* Hand the topics muted now and until when to cb; as store_history(). */
int	 store_mutes(struct store *,
	    int (*cb)(const char *topic, int64_t until, void *), void *arg);
/* The number of alerts recorded at or after since (Unix seconds). */
int	 store_alert_count_since(struct store *, int64_t since, size_t *n);

/* One alert as `raqib history` lists it; strings borrowed for the callback. */
struct store_history_row {
	int64_t			 id;
	const char		*topic;
	const char		*title;
	const char		*link;		/* NULL when none */
	const char		*source;	/* the first that carried it */
	const char		*sources;	/* every one, ", "-joined */
	const char		*terms;		/* may be empty */
	enum alert_urgency	 urgency;
	int64_t			 published;	/* Unix seconds, or ITEM_NO_TIME */
	int64_t			 created;	/* Unix seconds */
	int64_t			 delivered;	/* Unix seconds, 0 while pending */
};

/* One source's health as `raqib sources` lists it; strings borrowed likewise. */
struct store_source_row {
	int64_t		 id;
	const char	*name;
	int64_t		 last_attempt;	/* Unix seconds, 0 when never polled */
	int64_t		 last_success;	/* Unix seconds, 0 when never */
	long		 last_status;	/* HTTP status of the last poll, 0 when none */
	long		 failures;	/* consecutive failed polls */
	const char	*last_error;	/* NULL unless the last poll failed */
	size_t		 bytes;		/* body size of the last good poll */
	size_t		 items;		/* items in the last good poll */
	size_t		 seen;		/* items remembered for dedup */
	size_t		 repaired;	/* of the last good poll: items mended, */
	size_t		 unreadable;	/*   items not readable, */
	const char	*read_note;	/*   and why; NULL when all was clean */
};

/* Which alerts store_history() hands over. */
struct store_history_query {
	size_t		 max;
	const char	*topic;		/* NULL: every topic */
	int64_t		 since;		/* Unix seconds; 0: all */
};

/*
 * Hand the alerts q selects, newest first, to cb, which returns non-zero
 * to stop early. cb must not call into the store. 0, or -1 on error.
 */
int	 store_history(struct store *, const struct store_history_query *,
	    int (*cb)(const struct store_history_row *, void *), void *arg);
/* Hand every source, by name, to cb; as store_history(). */
int	 store_sources(struct store *,
	    int (*cb)(const struct store_source_row *, void *), void *arg);
/*
 * The same in no order and without counting the items remembered (seen
 * is 0): what a start needs, at the cost of the sources alone.
 */
int	 store_source_states(struct store *,
	    int (*cb)(const struct store_source_row *, void *), void *arg);

/*
 * What `raqib report` reads: the alerts of a window, each dated by its
 * item's publication (its recording when none, or when later). A mention
 * is an outlet that carried a story of a topic. Strings are borrowed for
 * the callback, which returns non-zero to stop and must not call into the
 * store; 0, or -1 on error.
 */
struct store_report_day {
	const char	*topic;
	const char	*day;		/* "YYYY-MM-DD", local time */
	size_t		 stories;
	size_t		 mentions;
};

struct store_report_outlet {
	const char	*topic;
	const char	*source;
	size_t		 stories;	/* of the topic, that it carried */
};

struct store_report_story {
	int64_t		 id;		/* the story's */
	const char	*topic;
	const char	*title;
	const char	*link;		/* NULL when none */
	const char	*outlets;	/* ", "-joined */
	int64_t		 when;		/* Unix seconds */
};

/* Each topic's stories and mentions per day since then, by topic and day. */
int	 store_report_days(struct store *, int64_t since,
	    int (*cb)(const struct store_report_day *, void *), void *arg);
/* Each topic's outlets since then, by topic, the busiest first. */
int	 store_report_outlets(struct store *, int64_t since,
	    int (*cb)(const struct store_report_outlet *, void *), void *arg);
/*
 * The max newest stories since then, newest first, one row per topic of
 * a story, a story's rows together.
 */
int	 store_report_stories(struct store *, int64_t since, size_t max,
	    int (*cb)(const struct store_report_story *, void *), void *arg);

/*
 * Check the whole file, every page and index (store_open checks only what
 * a start reads whole). 0 when sound, else -1 with what is wrong.
 */
int	 store_check_all(struct store *);
/*
 * Have cb called once, in the operation that finds the file damaged (its
 * message in store_error()): the rest is read as it is needed.
 */
void	 store_on_damage(struct store *, void (*cb)(void *), void *arg);

/*
 * The archive. Each item's text as it was matched, title, summary and
 * content in that order, cut at STORE_TEXT_MAX bytes in all (at a
 * character), kept as long as the item is (`keep`); an edited item's text
 * replaces the old one.
 */
#define STORE_TEXT_MAX	(64 * 1024)

/*
 * Archive an item's text. A text archived lately word for word (a wire
 * story in many feeds) shares that item's index entry; any other is
 * indexed when the batch commits, from title_tokens and summary_tokens
 * when given (what text_tokenize() made of the title and summary: the
 * index takes its forms from them rather than reading the text again; a
 * text too long for the index's memo is read again), else from the text.
 */
struct text;
int	 store_item_text(struct store *, int64_t item_id, const struct item *,
	    const struct text *title_tokens, const struct text *summary_tokens);

/* One archived item; strings borrowed for the callback, NULL but source. */
struct store_text_row {
	int64_t		 id;
	int64_t		 time;		/* published, else first seen */
	const char	*source;
	const char	*title;
	const char	*summary;
	const char	*content;
	const char	*link;
	int64_t		 story;		/* the story it is part of */
};

/* Which archived items store_texts() hands over. */
struct store_text_query {
	const char	*filter;	/* match_filter()'s query of the full-text
					   index; NULL or "": every item */
	int64_t		 since;		/* its time at or after, Unix seconds */
	const char	*source;	/* NULL: every source */
};

/*
 * Hand the archived items q selects, newest first, to cb, which returns
 * non-zero to stop early; as store_history(). The filter only narrows the
 * candidates: the caller's matcher decides.
 */
int	 store_texts(struct store *, const struct store_text_query *,
	    int (*cb)(const struct store_text_row *, void *), void *arg);

/* An alert raised, as `raqib preview` compares; strings borrowed likewise. */
struct store_story_row {
	const char	*topic;
	int64_t		 story;
	const char	*title;
	const char	*source;
	int64_t		 time;		/* its item's, as store_text_row's */
};

/*
 * Hand the alerts raised on archived items dated at or after since, newest
 * first, to cb; as store_history().
 */
int	 store_alert_stories(struct store *, int64_t since,
	    int (*cb)(const struct store_story_row *, void *), void *arg);

/* The message of the last failure, for logs. */
const char	*store_error(const struct store *);
/* The database's file as given to store_open(), for logs. */
const char	*store_path(const struct store *);

#endif
