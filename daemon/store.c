/* store: the SQLite database: schema, dedup, outbox, source health. */
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "buf.h"
#include "compat.h"
#include "hash.h"
#include "sim.h"
#include "store.h"
#include "text.h"
#include "xmalloc.h"

#define STORE_STORY_WINDOW	(48 * 3600)	/* one title, one story */
#define STORE_BATCH_MAX		256	/* health rows per commit, at most */
#define STORE_NO_ID		"9223372036854775807"	/* no row has it */
#define STORE_ROOM		(64 * 1024)	/* bytes free: the disk has room */
#define STORE_TOKEN_MAX		256	/* bytes of a form the index keeps */
#define STORE_MEMO_SLOTS	4096	/* texts whose forms the tokenizer keeps */
#define STORE_MEMO_TEXT		1024	/* bytes: a longer text is not kept */
#define STORE_PEND_TEXTS	16384	/* texts whose forms await a commit */
#define STORE_PEND_BYTES	(16 * 1024 * 1024)	/* and their bytes */
/* An item's text is alike the text of parameter p (sim.h). */
#define STORE_ALIKE(p)		" raqib_alike(sketch, " p ")"
/*
 * A few items under title p (and where), the first 8 in the order given
 * or in the title's index's, whatever their age. A title that many texts
 * share ("Breaking", a daily digest) would otherwise have every lookup
 * read every item under it, and a poll cost the square of them. A story beyond the 8 is missed as a story, never as an alert: the
 * item then alerts as a story of its own. (Sorting the other sources'
 * items by id would cost a sort per lookup.)
 */
#define STORE_TITLE_FEW(p, where, order) \
	" (SELECT id, first_seen, sketch FROM items WHERE title_key = " p \
	" AND " where order " LIMIT 8)"

#define STORE_DAMAGED	"the file is damaged or is not a raqib database; " \
	"raqib left it untouched: move it aside to start afresh"

/*
 * The schema, one step per version: step i takes PRAGMA user_version from
 * i to i + 1. Append new steps; never edit a shipped one.
 */
/*
 * What the triggers of migration 9 do when a key's text leaves (its row
 * deleted, or its text edited): its entry goes from the index, unless it
 * still waits for it; its first copy, if any, becomes the key, to be
 * indexed with the batch, and the other copies move to it. The copy after
 * the first keeps its shared until the last statement, so min() names the
 * same row throughout.
 */
#define STORE_TEXT_UNKEY \
	"  INSERT INTO texts_index (texts_index, rowid, title, summary," \
	"  content) SELECT 'delete', old.item_id, old.title, old.summary," \
	"  old.content WHERE NOT raqib_unindexed(old.item_id);" \
	"  SELECT raqib_pend(min(item_id)) FROM texts" \
	"  WHERE shared = old.item_id;" \
	"  UPDATE texts SET shared = (SELECT min(item_id) FROM texts" \
	"  WHERE shared = old.item_id) WHERE shared = old.item_id AND" \
	"  item_id > (SELECT min(item_id) FROM texts WHERE shared = old.item_id);" \
	"  UPDATE texts SET shared = NULL WHERE item_id = (SELECT min(item_id)" \
	"  FROM texts WHERE shared = old.item_id);"

static const char *const store_migrations[] = {
	/* 1: sources with validators and health, items seen, the alert outbox. */
	"CREATE TABLE sources ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  etag TEXT,"
	"  last_modified TEXT,"
	"  last_attempt INTEGER,"
	"  last_success INTEGER,"
	"  last_status INTEGER,"
	"  failures INTEGER NOT NULL DEFAULT 0,"
	"  last_error TEXT,"
	"  bytes INTEGER NOT NULL DEFAULT 0,"
	"  items INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE items ("
	"  id INTEGER PRIMARY KEY,"
	"  source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,"
	"  key TEXT NOT NULL,"
	"  title TEXT,"
	"  link TEXT,"
	"  published INTEGER,"
	"  first_seen INTEGER NOT NULL,"
	"  UNIQUE (source_id, key));"
	/* Self-contained rows: pending alerts are delivered without joins. */
	"CREATE TABLE alerts ("
	"  id INTEGER PRIMARY KEY,"
	"  item_id INTEGER REFERENCES items (id) ON DELETE SET NULL,"
	"  topic TEXT NOT NULL,"
	"  title TEXT NOT NULL,"
	"  link TEXT,"
	"  source TEXT NOT NULL,"
	"  terms TEXT NOT NULL,"
	"  snippet TEXT NOT NULL,"
	"  hl_start INTEGER NOT NULL,"
	"  hl_end INTEGER NOT NULL,"
	"  urgency INTEGER NOT NULL,"
	"  published INTEGER,"
	"  created INTEGER NOT NULL,"
	"  delivered INTEGER);"
	"CREATE INDEX alerts_pending ON alerts (delivered)"
	"  WHERE delivered IS NULL;",
	/*
	 * 2: mutes; per-sink delivery. An alert is delivered (alerts.delivered)
	 * once every sink of its topic has a deliveries row; an alert of a
	 * muted topic is marked delivered with muted = 1 and goes to no sink.
	 */
	"CREATE TABLE mutes ("
	"  topic TEXT PRIMARY KEY,"
	"  until INTEGER NOT NULL);"
	"CREATE TABLE deliveries ("
	"  alert_id INTEGER NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,"
	"  sink TEXT NOT NULL,"
	"  delivered INTEGER NOT NULL,"
	"  PRIMARY KEY (alert_id, sink)) WITHOUT ROWID;"
	"ALTER TABLE alerts ADD COLUMN muted INTEGER NOT NULL DEFAULT 0;",
	/*
	 * 3: identity beyond the key (canonical link, title, text digest),
	 * stories across sources, last sight for retention, first polls.
	 */
	"ALTER TABLE sources ADD COLUMN primed INTEGER NOT NULL DEFAULT 0;"
	"UPDATE sources SET primed = 1"
	"  WHERE id IN (SELECT source_id FROM items);"
	"ALTER TABLE items ADD COLUMN link_key TEXT;"
	"ALTER TABLE items ADD COLUMN title_key TEXT;"
	"ALTER TABLE items ADD COLUMN digest TEXT;"
	"ALTER TABLE items ADD COLUMN last_seen INTEGER;"
	"ALTER TABLE items ADD COLUMN story_id INTEGER;"
	/* v1 keyed guid-less items by their link as published. */
	"UPDATE items SET last_seen = first_seen, link_key = link;"
	"CREATE INDEX items_link ON items (link_key);"
	"CREATE INDEX items_title ON items (title_key);"
	"CREATE INDEX items_seen ON items (source_id, last_seen);"
	"ALTER TABLE alerts ADD COLUMN story_id INTEGER;"
	"ALTER TABLE alerts ADD COLUMN sources TEXT;"
	"UPDATE alerts SET story_id = item_id, sources = source;"
	"CREATE INDEX alerts_story ON alerts (story_id, topic);"
	"CREATE INDEX alerts_item ON alerts (item_id);"
	"CREATE INDEX alerts_created ON alerts (created);",
	/*
	 * 4: a source's item by title without visiting every source's item
	 * of that title (a wire headline in a thousand feeds).
	 */
	("DROP INDEX items_title;"
	"CREATE INDEX items_title ON items (title_key, source_id);"),
	/*
	 * 5: what the feed reader mended in the last good poll: items
	 * repaired, items unreadable, and the sentence that says why.
	 */
	("ALTER TABLE sources ADD COLUMN repaired INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE sources ADD COLUMN unreadable INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE sources ADD COLUMN read_note TEXT;"),
	/*
	 * 6: the sketch of an item's text (sim.h): one title makes two items
	 * one story only when their texts are alike. Older items have none:
	 * their title alone decides, as it did.
	 */
	"ALTER TABLE items ADD COLUMN sketch BLOB;",
	/*
	 * 7: the archive: each item's text as it was matched, capped at
	 * STORE_TEXT_MAX, and its full-text index through raqib's own
	 * tokenizer (text_index()). The index is external-content, so the
	 * text is stored once, and detail=none (no positions): the matcher
	 * confirms every candidate, the index only needs to hold each form.
	 * The triggers keep it in step: an item deleted (retention) takes its
	 * text and its index entries with it. A new text waits in
	 * texts_pending and is indexed with the others of its batch just
	 * before the batch commits (store_texts_index()): FTS5 writes out what
	 * it holds at every savepoint, and a batch has one per source, so an
	 * index written item by item cost a first poll half its CPU again.
	 * Older items have no text.
	 */
	("CREATE TABLE texts ("
	"  item_id INTEGER PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,"
	"  title TEXT,"
	"  summary TEXT,"
	"  content TEXT);"
	"CREATE VIRTUAL TABLE texts_index USING fts5 (title, summary, content,"
	"  content = 'texts', content_rowid = 'item_id', tokenize = 'raqib',"
	"  detail = none, columnsize = 0);"
	"CREATE TABLE texts_pending (item_id INTEGER PRIMARY KEY);"
	"CREATE TRIGGER texts_add AFTER INSERT ON texts BEGIN"
	"  INSERT INTO texts_pending VALUES (new.item_id); END;"
	"CREATE TRIGGER texts_del AFTER DELETE ON texts BEGIN"
	"  INSERT INTO texts_index (texts_index, rowid, title, summary, content)"
	"  SELECT 'delete', old.item_id, old.title, old.summary, old.content"
	"  WHERE old.item_id NOT IN (SELECT item_id FROM texts_pending);"
	"  DELETE FROM texts_pending WHERE item_id = old.item_id; END;"
	"CREATE TRIGGER texts_set AFTER UPDATE ON texts BEGIN"
	"  INSERT INTO texts_index (texts_index, rowid, title, summary, content)"
	"  SELECT 'delete', old.item_id, old.title, old.summary, old.content"
	"  WHERE old.item_id NOT IN (SELECT item_id FROM texts_pending);"
	"  INSERT INTO texts_index (rowid, title, summary, content)"
	"  SELECT new.item_id, new.title, new.summary, new.content"
	"  WHERE new.item_id NOT IN (SELECT item_id FROM texts_pending); END;"),
	/*
	 * 8: the texts waiting for the index are listed in memory, not in
	 * texts_pending by a trigger (a row written and deleted again per
	 * item, and the texts read back through it at commit). SQL
	 * raqib_unindexed(id) tells the triggers whether the item's text is
	 * still waiting: then the index holds nothing of it to delete, and its
	 * new text is read from the row when the batch commits. FTS5 merges
	 * sixteen segments of a level at a time, not four: a batch is one
	 * segment, and merging by four rewrote the index's data three times
	 * over on a first poll of 1,000 feeds (a seventh of the archive's
	 * cost); search reads more segments per level and stays far under
	 * 1/50 of a scan (make bench).
	 */
	("INSERT INTO texts_index (rowid, title, summary, content)"
	"  SELECT t.item_id, t.title, t.summary, t.content"
	"  FROM texts_pending p JOIN texts t ON t.item_id = p.item_id;"
	"DROP TRIGGER texts_add;"
	"DROP TRIGGER texts_del;"
	"DROP TRIGGER texts_set;"
	"DROP TABLE texts_pending;"
	"CREATE TRIGGER texts_del AFTER DELETE ON texts"
	"  WHEN NOT raqib_unindexed(old.item_id) BEGIN"
	"  INSERT INTO texts_index (texts_index, rowid, title, summary, content)"
	"  VALUES ('delete', old.item_id, old.title, old.summary, old.content);"
	"  END;"
	"CREATE TRIGGER texts_set AFTER UPDATE ON texts"
	"  WHEN NOT raqib_unindexed(old.item_id) BEGIN"
	"  INSERT INTO texts_index (texts_index, rowid, title, summary, content)"
	"  VALUES ('delete', old.item_id, old.title, old.summary, old.content);"
	"  END;"
	"INSERT INTO texts_index (texts_index, rank) VALUES ('automerge', 16);"),
	/*
	 * 9: one index entry per text, not per item. A wire story is carried
	 * word for word by many outlets; each item keeps its own copy of the
	 * text, but only the first (its key) is indexed, and every other copy
	 * says whose entry it shares in `shared`, so a search finds them all
	 * through that one entry (store_item_text()). What this keeps true:
	 * a row's shared names a row that exists, is not itself shared and
	 * holds the same text; the index holds an entry for exactly the rows
	 * that are not shared and do not wait for it. So when a key's row
	 * goes, or its text changes, its first copy becomes the key (waiting
	 * for the index, raqib_pend()) and the others move to it. Only copies
	 * are in texts_shared: a text of its own costs no more than before.
	 */
	("ALTER TABLE texts ADD COLUMN shared INTEGER;"
	"CREATE INDEX texts_shared ON texts (shared) WHERE shared IS NOT NULL;"
	"DROP TRIGGER texts_del;"
	"DROP TRIGGER texts_set;"
	"CREATE TRIGGER texts_del AFTER DELETE ON texts"
	"  WHEN old.shared IS NULL BEGIN" STORE_TEXT_UNKEY "END;"
	"CREATE TRIGGER texts_set AFTER UPDATE OF title, summary, content"
	"  ON texts WHEN old.shared IS NULL BEGIN" STORE_TEXT_UNKEY "END;"),
	/*
	 * 10: the forms the index was made with (text_index_version()). A
	 * build whose normalizer reads some letter otherwise (a new fold)
	 * makes the index anew (store_index_rebuild()): the old forms miss
	 * what a search asks for now, and FTS5 takes an entry out by the
	 * forms the tokenizer gives today. 0: not known, every index before.
	 */
	("CREATE TABLE texts_forms (version INTEGER NOT NULL);"
	"INSERT INTO texts_forms VALUES (0);"),
	/*
	 * 11: a prune reads a source's items only when one may be older than
	 * its cutoff, so items_seen goes: an index entry less to write for
	 * every item recorded and every stamp. seen_floor is at or below the
	 * lowest last_seen of the source's items (0: not known, every source
	 * before); a new item or a stamp never lowers that lowest, so the
	 * floor holds until a prune sets it anew.
	 */
	("ALTER TABLE sources ADD COLUMN seen_floor INTEGER NOT NULL DEFAULT 0;"
	"DROP INDEX items_seen;"),
	/*
	 * 12: a flood's first kept alert holds how many stories were recorded
	 * delivered with it, so its summary tells the flood's true size even
	 * when it goes out hours later (quiet hours) or after a restart.
	 */
	"ALTER TABLE alerts ADD COLUMN flood INTEGER;"
};

#define STORE_VERSION \
	((int)(nitems(store_migrations)))

/* Connection settings Debian's defaults get wrong for us (docs/HACKING.md). */
static const char *const store_pragmas[] = {
	"PRAGMA busy_timeout = 5000",
	"PRAGMA synchronous = NORMAL",
	"PRAGMA foreign_keys = ON",
	"PRAGMA temp_store = MEMORY"
};

enum store_stmt {
	STMT_BEGIN,
	STMT_COMMIT,
	STMT_ROLLBACK,
	STMT_SAVEPOINT,
	STMT_RELEASE,
	STMT_ROLLBACK_TO,
	STMT_SOURCE_FIND,
	STMT_SOURCE_ADD,
	STMT_SOURCE_VALIDATORS,
	STMT_SOURCE_VALIDATORS_ALL,
	STMT_SOURCE_OK,
	STMT_SOURCE_SAME,
	STMT_SOURCE_FAILED,
	STMT_SOURCE_LIST,
	STMT_SOURCE_STATES,
	STMT_SOURCE_PRIMED,
	STMT_SOURCE_PRIME,
	STMT_SOURCE_EMPTY,
	STMT_SOURCE_FLOOR,
	STMT_SOURCE_FLOOR_SET,
	STMT_ITEM_SEEN,
	STMT_ITEM_FIND,
	STMT_ITEM_TOUCH,
	STMT_STORY_FIND,
	STMT_STORY_KEYS,
	STMT_ITEM_ADD,
	STMT_ALERT_KNOWN,
	STMT_ALERT_SOURCE,
	STMT_ALERT_SOURCES,
	STMT_PRUNE_ITEMS,
	STMT_PRUNE_ALERTS,
	STMT_ALERT_ADD,
	STMT_ALERT_DELIVERED,
	STMT_ALERT_TURNS,
	STMT_ALERT_ONE,
	STMT_ALERT_COUNT,
	STMT_ALERT_HISTORY,
	STMT_ALERT_MUTED,
	STMT_SINK_DONE,
	STMT_SINK_DELIVERED,
	STMT_ALERT_FLOODS,
	STMT_ALERT_FLOOD_MARK,
	STMT_ALERT_FLOOD_TRIM,
	STMT_MUTE_SET,
	STMT_MUTE_DEL,
	STMT_MUTE_LIST,
	STMT_ALERT_SINCE,
	STMT_TEXT_INDEX,
	STMT_TEXT_ADD,
	STMT_TEXT_ADD_OWN,
	STMT_TEXT_SET,
	STMT_TEXT_FIND,
	STMT_TEXT_ALL,
	STMT_ALERT_STORIES,
	STMT_COUNT
};

/* A source's health row as store_source_read() reads it: head, seen, tail. */
#define STORE_SOURCE_HEAD	"id, name, last_attempt, last_success," \
	" last_status, failures, last_error, bytes, items"
#define STORE_SOURCE_TAIL	"repaired, unreadable, read_note"

/* An archived item as store_texts() reads it, and which ones it reads. */
#define STORE_TEXT_COLS	"i.id, coalesce(i.published, i.first_seen)," \
	" s.name, t.title, t.summary, t.content, i.link," \
	" coalesce(i.story_id, i.id)"
#define STORE_TEXT_WHERE "coalesce(i.published, i.first_seen) >= ?2" \
	" AND (?3 IS NULL OR s.name = ?3)"

/* Every statement, prepared once at open and reset after each use. */
static const char *const store_sql[STMT_COUNT] = {
	[STMT_BEGIN] = "BEGIN IMMEDIATE",
	[STMT_COMMIT] = "COMMIT",
	[STMT_ROLLBACK] = "ROLLBACK",
	[STMT_SAVEPOINT] = "SAVEPOINT unit",
	[STMT_RELEASE] = "RELEASE unit",
	[STMT_ROLLBACK_TO] = "ROLLBACK TO unit",
	[STMT_SOURCE_FIND] = "SELECT id FROM sources WHERE name = ?1",
	/* It has no item: any it records is seen now or later. */
	[STMT_SOURCE_ADD] =
	    "INSERT INTO sources (name, seen_floor) VALUES (?1, ?2)",
	[STMT_SOURCE_VALIDATORS] =
	    "SELECT etag, last_modified FROM sources WHERE id = ?1",
	[STMT_SOURCE_VALIDATORS_ALL] =
	    "SELECT id, etag, last_modified FROM sources ORDER BY id",
	/* A 304 may omit validators that still hold: keep the old ones. */
	[STMT_SOURCE_OK] = "UPDATE sources SET last_attempt = ?2,"
	    " last_status = ?3, last_success = ?2, failures = 0,"
	    " last_error = NULL,"
	    " etag = CASE WHEN ?4 IS NULL AND ?3 = 304 THEN etag ELSE ?4 END,"
	    " last_modified = CASE WHEN ?5 IS NULL AND ?3 = 304"
	    "  THEN last_modified ELSE ?5 END,"
	    " bytes = CASE WHEN ?3 = 304 THEN bytes ELSE ?6 END,"
	    " items = CASE WHEN ?3 = 304 THEN items ELSE ?7 END,"
	    " repaired = CASE WHEN ?3 = 304 THEN repaired ELSE ?8 END,"
	    " unreadable = CASE WHEN ?3 = 304 THEN unreadable ELSE ?9 END,"
	    " read_note = CASE WHEN ?3 = 304 THEN read_note ELSE ?10 END"
	    " WHERE id = ?1",
	/*
	 * The same for a 304, which changes no size: fewer columns to
	 * compute, the commonest health row of all.
	 */
	[STMT_SOURCE_SAME] = "UPDATE sources SET last_attempt = ?2,"
	    " last_status = ?3, last_success = ?2, failures = 0,"
	    " last_error = NULL, etag = coalesce(?4, etag),"
	    " last_modified = coalesce(?5, last_modified) WHERE id = ?1",
	[STMT_SOURCE_FAILED] = "UPDATE sources SET last_attempt = ?2,"
	    " last_status = ?3, failures = failures + 1, last_error = ?4"
	    " WHERE id = ?1",
	[STMT_SOURCE_LIST] = "SELECT " STORE_SOURCE_HEAD ","
	    " (SELECT count(*) FROM items WHERE source_id = sources.id), "
	    STORE_SOURCE_TAIL
	    " FROM sources ORDER BY name",
	[STMT_SOURCE_STATES] = "SELECT " STORE_SOURCE_HEAD ", 0, "
	    STORE_SOURCE_TAIL " FROM sources",
	[STMT_ITEM_SEEN] =
	    "SELECT 1 FROM items WHERE source_id = ?1 AND key = ?2",
	[STMT_SOURCE_PRIMED] = "SELECT primed FROM sources WHERE id = ?1",
	[STMT_SOURCE_PRIME] = "UPDATE sources SET primed = 1 WHERE id = ?1",
	[STMT_SOURCE_EMPTY] =
	    "SELECT NOT EXISTS (SELECT 1 FROM items WHERE source_id = ?1)",
	[STMT_SOURCE_FLOOR] = "SELECT seen_floor FROM sources WHERE id = ?1",
	/* After a prune: the lowest stamp left, else now (migration 11). */
	[STMT_SOURCE_FLOOR_SET] = "UPDATE sources SET seen_floor = coalesce("
	    "(SELECT min(last_seen) FROM items WHERE source_id = ?1), ?2)"
	    " WHERE id = ?1",
	/*
	 * The source's item by key; else the newer of its items by link and
	 * by recent title. Each lookup is a scalar subquery, the first row of
	 * its own index in rowid order, run only when needed (coalesce stops
	 * at the first value): a UNION of them sorted in a temporary b-tree,
	 * and an OR scanned the source's items, once per item polled. The
	 * unary + keeps SQLite on the link's index. The third column: the row
	 * is as STMT_ITEM_TOUCH would leave it, stamped since ?10.
	 */
	[STMT_ITEM_FIND] = "SELECT id, coalesce(digest, ?5) IS NOT ?5,"
	    " key = ?2 AND title IS ?8 AND link IS ?9 AND"
	    " coalesce(?3, link_key) IS link_key AND"
	    " coalesce(?4, title_key) IS title_key AND"
	    " coalesce(?5, digest) IS digest AND coalesce(?7, sketch) IS sketch"
	    " AND last_seen >= ?10 FROM items"
	    " WHERE id = coalesce("
	    " (SELECT id FROM items WHERE source_id = ?1 AND key = ?2),"
	    " max(coalesce((SELECT id FROM items WHERE link_key = ?3"
	    "  AND +source_id = ?1 ORDER BY id DESC LIMIT 1), 0),"
	    " coalesce((SELECT max(id) FROM" STORE_TITLE_FEW("?4",
	    "source_id = ?1", " ORDER BY id DESC")
	    "  WHERE first_seen >= ?6 AND" STORE_ALIKE("?7") "), 0)))",
	[STMT_ITEM_TOUCH] = "UPDATE items SET key = ?2, last_seen = ?3,"
	    " digest = coalesce(?4, digest), title = ?5, link = ?6,"
	    " link_key = coalesce(?7, link_key),"
	    " title_key = coalesce(?8, title_key),"
	    " sketch = coalesce(?9, sketch) WHERE id = ?1",
	/*
	 * The story of the older of two items of other sources: the first by
	 * link, the first of the title's index by recent title; scalar
	 * subqueries as above.
	 */
	[STMT_STORY_FIND] = "SELECT coalesce(story_id, id) FROM items"
	    " WHERE id = min("
	    " coalesce((SELECT id FROM items WHERE link_key = ?2"
	    "  AND +source_id != ?1 ORDER BY id LIMIT 1), " STORE_NO_ID "),"
	    " coalesce((SELECT id FROM" STORE_TITLE_FEW("?3",
	    "source_id != ?1", "")
	    "  WHERE first_seen >= ?4 AND" STORE_ALIKE("?5") " LIMIT 1), "
	    STORE_NO_ID "))",
	/* Whether any row holds the link key, the title key (NULL: none). */
	[STMT_STORY_KEYS] = "SELECT"
	    " EXISTS (SELECT 1 FROM items WHERE link_key = ?1),"
	    " EXISTS (SELECT 1 FROM items WHERE title_key = ?2)",
	[STMT_ITEM_ADD] = "INSERT INTO items (source_id, key, title, link,"
	    " published, first_seen, last_seen, link_key, title_key, digest,"
	    " story_id, sketch)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, ?8, ?9, ?10, ?11)",
	/* ?3: the item's story when store knows it (store_story_of()). */
	[STMT_ALERT_KNOWN] = "SELECT id FROM alerts WHERE topic = ?2 AND"
	    " story_id = coalesce(?3, (SELECT coalesce(story_id, id) FROM items"
	    " WHERE id = ?1)) LIMIT 1",
	/* A list of names, each once: ", a, b, " holds ", b, ". */
	[STMT_ALERT_SOURCE] = "UPDATE alerts SET sources = sources || ', ' ||"
	    " ?2 WHERE id = ?1 AND"
	    " instr(', ' || sources || ', ', ', ' || ?2 || ', ') = 0",
	/* The same for many names at once (store_mentions_write()). */
	[STMT_ALERT_SOURCES] = "UPDATE alerts SET sources ="
	    " raqib_mention(sources, ?2) WHERE id = ?1",
	[STMT_PRUNE_ITEMS] =
	    "DELETE FROM items WHERE source_id = ?1 AND last_seen < ?2",
	[STMT_PRUNE_ALERTS] = "DELETE FROM alerts"
	    " WHERE created < ?1 AND delivered IS NOT NULL",
	[STMT_ALERT_ADD] = "INSERT INTO alerts (item_id, topic, title, link,"
	    " source, terms, snippet, hl_start, hl_end, urgency, published,"
	    " created, story_id, sources) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
	    " ?8, ?9, ?10, ?11, ?12, coalesce(?13, (SELECT coalesce(story_id,"
	    " id) FROM items WHERE id = ?1)), ?5)",
	[STMT_ALERT_DELIVERED] = "UPDATE alerts"
	    " SET delivered = coalesce(delivered, ?2) WHERE id = ?1",
	/*
	 * The undelivered alerts in the order they came: their turns are
	 * counted from it (store_alert_pending).
	 */
	[STMT_ALERT_TURNS] = "SELECT id, source, topic FROM alerts"
	    " WHERE delivered IS NULL ORDER BY id",
	/* The last column counts the story's sources: names hold no space. */
	[STMT_ALERT_ONE] = "SELECT id, topic, title, link, source, terms,"
	    " snippet, hl_start, hl_end, urgency, published,"
	    " 1 + (length(coalesce(sources, source)) -"
	    " length(replace(coalesce(sources, source), ', ', ''))) / 2,"
	    " coalesce(story_id, 0), coalesce(flood, 0) FROM alerts"
	    " WHERE id = ?1",
	[STMT_ALERT_COUNT] =
	    "SELECT count(*) FROM alerts WHERE delivered IS NULL",
	[STMT_ALERT_HISTORY] = "SELECT id, topic, title, link, source, terms,"
	    " urgency, published, created, delivered, coalesce(sources, source)"
	    " FROM alerts WHERE (?2 IS NULL OR topic = ?2) AND created >= ?3"
	    " ORDER BY id DESC LIMIT ?1",
	[STMT_ALERT_MUTED] = "UPDATE alerts SET delivered = ?1, muted = 1"
	    " WHERE delivered IS NULL AND topic IN"
	    " (SELECT topic FROM mutes WHERE until > ?1)",
	[STMT_SINK_DONE] =
	    "SELECT 1 FROM deliveries WHERE alert_id = ?1 AND sink = ?2",
	[STMT_SINK_DELIVERED] = "INSERT OR IGNORE INTO deliveries"
	    " (alert_id, sink, delivered) VALUES (?1, ?2, ?3)",
	/* The sources with more than ?1 alerts pending (poll_outbox's floods). */
	[STMT_ALERT_FLOODS] = "SELECT source, count(*) FROM alerts"
	    " WHERE delivered IS NULL GROUP BY source HAVING count(*) > ?1"
	    " ORDER BY 2 DESC, 1",
	/*
	 * The stories of a source's pending alerts after its first ?2 + 1
	 * (those the trim below records as delivered), counted onto its first.
	 */
	[STMT_ALERT_FLOOD_MARK] = "UPDATE alerts SET flood = coalesce(flood, 0)"
	    " + (SELECT count(DISTINCT coalesce(story_id, -id)) FROM alerts"
	    " WHERE delivered IS NULL AND source = ?1 AND id > (SELECT id"
	    " FROM alerts WHERE delivered IS NULL AND source = ?1"
	    " ORDER BY id LIMIT 1 OFFSET ?2)) WHERE id = (SELECT min(id)"
	    " FROM alerts WHERE delivered IS NULL AND source = ?1)",
	/* A source's pending alerts after its first ?2 + 1, delivered. */
	[STMT_ALERT_FLOOD_TRIM] = "UPDATE alerts SET delivered = ?3"
	    " WHERE delivered IS NULL AND source = ?1 AND id > (SELECT id"
	    " FROM alerts WHERE delivered IS NULL AND source = ?1"
	    " ORDER BY id LIMIT 1 OFFSET ?2)",
	[STMT_MUTE_SET] = "INSERT INTO mutes (topic, until) VALUES (?1, ?2)"
	    " ON CONFLICT (topic) DO UPDATE SET until = excluded.until",
	[STMT_MUTE_DEL] = "DELETE FROM mutes WHERE topic = ?1",
	[STMT_MUTE_LIST] = "SELECT topic, until FROM mutes WHERE until > ?1"
	    " ORDER BY topic",
	[STMT_ALERT_SINCE] = "SELECT count(*) FROM alerts WHERE created >= ?1",
	/*
	 * The texts of the items in ?1 (a JSON array of ids) into the index;
	 * an item deleted meanwhile has none.
	 */
	[STMT_TEXT_INDEX] = "INSERT INTO texts_index (rowid, title, summary,"
	    " content) SELECT t.item_id, t.title, t.summary, t.content"
	    " FROM json_each(?1) j CROSS JOIN texts t ON t.item_id = j.value",
	/*
	 * A new text, sharing the entry of key ?5 when ?5 holds this very
	 * text and is a key (migration 9; raqib_shares() tells store.c: a
	 * RETURNING clause put the statement under a journal of its own and
	 * cost a first poll 14 % more); nothing when the item has a text:
	 * then the edited text in its place (texts_set), not one upsert,
	 * which SQLite runs under a statement journal, 60 % of what archiving
	 * an item's text cost.
	 */
	[STMT_TEXT_ADD] = "INSERT INTO texts (item_id, title, summary, content,"
	    " shared) VALUES (?1, ?2, ?3, ?4, (SELECT raqib_shares(item_id)"
	    " FROM texts WHERE item_id = ?5 AND shared IS NULL AND title IS ?2"
	    " AND summary IS ?3 AND content IS ?4))"
	    " ON CONFLICT (item_id) DO NOTHING",
	/* The same with no key to share: most texts, and no lookup. */
	[STMT_TEXT_ADD_OWN] = "INSERT INTO texts (item_id, title, summary,"
	    " content) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (item_id) DO NOTHING",
	[STMT_TEXT_SET] = "UPDATE texts SET title = ?2, summary = ?3,"
	    " content = ?4, shared = NULL WHERE item_id = ?1",
	/* An entry is its key's row and the copies that share it. */
	[STMT_TEXT_FIND] = "SELECT " STORE_TEXT_COLS " FROM texts_index"
	    " JOIN texts t ON t.item_id = texts_index.rowid"
	    " OR t.shared = texts_index.rowid"
	    " JOIN items i ON i.id = t.item_id"
	    " JOIN sources s ON s.id = i.source_id"
	    " WHERE texts_index MATCH ?1 AND " STORE_TEXT_WHERE
	    " ORDER BY 2 DESC, 1 DESC",
	[STMT_TEXT_ALL] = "SELECT " STORE_TEXT_COLS " FROM texts t"
	    " JOIN items i ON i.id = t.item_id"
	    " JOIN sources s ON s.id = i.source_id"
	    " WHERE ?1 IS NULL AND " STORE_TEXT_WHERE
	    " ORDER BY 2 DESC, 1 DESC",
	/* Alerts on archived items, dated as store_texts() dates items. */
	[STMT_ALERT_STORIES] = "SELECT a.topic, a.story_id, a.title, a.source,"
	    " coalesce(i.published, i.first_seen) AS t FROM alerts a"
	    " JOIN items i ON i.id = a.item_id"
	    " WHERE a.item_id IN (SELECT item_id FROM texts) AND t >= ?1"
	    " ORDER BY t DESC"
};

/*
 * The items whose archived text waits for the index, in the order they
 * were archived, each once; at mark when the open unit began.
 */
struct store_ids {
	int64_t		*v;
	size_t		 n, cap;
	size_t		 mark;
	int		 unsorted;	/* not ascending: search it in full */
};

/*
 * The forms of the short texts that wait for the index (store_text_tokens()),
 * kept until the commit that indexes them: a batch of 256 sources holds
 * more texts than the tokenizer's memo, which had let most of them go by
 * the commit, and text_index() read them all again (a tenth of a first
 * poll's instructions on distinct news). Each entry is a text and then its
 * forms in data; at most STORE_PEND_TEXTS of them and STORE_PEND_BYTES,
 * past which a text goes through the memo alone, as before.
 */
struct store_pend_text {
	uint64_t	 hash;
	size_t		 off;		/* the text's first byte in data */
	size_t		 len, forms;	/* bytes of the text, of its forms */
};

struct store_pend {
	struct store_pend_text *v;	/* open addressing; len 0: free */
	size_t		 n, cap;	/* cap: 0 or a power of two */
	struct buf	 data;
};

/*
 * The last items archived with their own text, by its hash, for the next
 * copy of that text to share their index entry: STORE_KEYS / 2 sets of
 * two, the newer first (two texts of one set alternating would otherwise
 * each push the other out, and share nothing).
 */
#define STORE_KEYS	4096

struct store_key {
	uint64_t	 hash;
	int64_t		 id;		/* 0: none */
};

/*
 * The identities a unit recorded under a source that had no item when the
 * unit first looked one up (a first poll): the hashes of each key, link
 * key and title key its rows were given. An identity that none of them
 * holds finds no row, so it is not looked up: that lookup was a tenth of
 * a first poll's instructions.
 */
struct store_fresh {
	int64_t		 source;	/* 0: none asked in this unit */
	int		 empty;		/* it had no item: v holds its rows' */
	uint64_t	*v;		/* open addressing; 0 is a free slot */
	size_t		 n, cap;	/* cap: 0 or a power of two */
};

/*
 * The stories of the link keys and title keys that no row held when the
 * store first asked for them (a wire story's first copy), with the rows
 * recorded under each since: the next copy finds its story here, as
 * STMT_STORY_FIND would, without asking SQLite. A link keeps its first row
 * and the first of another source (all that lookup reads of it); a title
 * its first STORE_TITLE_ROWS in the title index's order (source, id): the
 * 8 a lookup reads and a few of the asking source's own. A new key takes
 * the slot of one used longer ago; a row that leaves or changes keys
 * (prune, stamp, rollback) empties them all.
 */
#define STORE_LINKS		8192	/* link keys kept, a power of two */
#define STORE_TITLES		4096	/* title keys kept, likewise */
#define STORE_TITLE_ROWS	12	/* a title's first rows kept */
#define STORE_TITLE_READ	8	/* as STORE_TITLE_FEW reads */

struct store_row {
	int64_t		 id, source, first_seen;
	int64_t		 story;		/* coalesce(story_id, id) */
	size_t		 sketchlen;
	unsigned char	 sketch[SIM_MAX];
};

struct store_link_row {
	int64_t		 id, source, story;
};

struct store_known {
	uint64_t	 gen;		/* live while it is the store's */
	uint64_t	 used;		/* the store's tick when last used */
	uint64_t	 hash;
	char		*key;		/* keycap bytes, reused by the slot */
	size_t		 keycap;
	int		 dead;		/* rows held the key when first
					   asked, or too many to tell:
					   SQLite answers */
	int		 whole;		/* rows holds every row under the key */
	size_t		 n, cap;
	struct store_row *rows;		/* a title's, cap of them */
	struct store_link_row link[2];	/* a link's */
};

/*
 * Every source's validators as the file holds them, by id, while this
 * store is their only writer (STORE_NORMAL holds the lock, a scratch copy
 * is private): a later poll reads them for each source, and a read
 * transaction apiece cost 5,000 instructions and three lock calls a
 * source. Read whole at the first ask, written through with every health
 * row, forgotten by a rollback or a new source.
 */
struct store_validators {
	int64_t		 source;
	char		*etag;		/* NULL: none */
	char		*last_modified;
};

/*
 * The sources that carried a story in the open batch, each to be added to
 * the story's alert: a wire story alerts once and is then carried by many
 * outlets, and each added itself to the alert's row, a write of the whole
 * row (18,000 instructions) every time. Kept here, they are added when
 * the batch commits, or before anything reads the alerts' sources: an
 * alert's row is written once a batch. At mark when the open unit began.
 */
struct store_mention {
	int64_t		 alert;
	size_t		 seq;		/* in the order they came */
	char		*source;	/* owned */
};

struct store_mentions {
	struct store_mention *v;
	size_t		 n, cap;
	size_t		 mark;
};

struct store {
	sqlite3		*db;
	sqlite3_stmt	*stmt[STMT_COUNT];
	char		*path;		/* as given, for messages */
	int		 lockfd;	/* holds PATH.lock; -1 when none */
	size_t		 batch;		/* health rows and units in the open
					   batch; 0: none */
	int		 unit;		/* a unit (savepoint) is open */
	struct store_fresh fresh;	/* the unit's first-polled source */
	struct store_known *links;	/* STORE_LINKS, once asked */
	struct store_known *titles;	/* STORE_TITLES after them */
	struct store_known **held;	/* the entries holding memory, */
	size_t		 nheld;		/*   nheld of them */
	uint64_t	 known_gen;	/* the live entries' generation */
	uint64_t	 known_tick;	/* counts uses of known keys */
	int64_t		 lone;		/* the item last recorded, when it
					   began a story that has no alert
					   yet; 0: none */
	int64_t		 recorded;	/* the item last recorded in the */
	int64_t		 recorded_story;/*   unit, and its story; 0: none */
	struct store_ids unindexed;	/* items whose text the index lacks */
	struct store_mentions mentions;	/* alerts' sources still to add */
	struct store_fts *fts;		/* the index's tokenizer, once made */
	struct store_pend pend;		/* forms of the texts unindexed */
	struct store_key keys[STORE_KEYS];
	int		 shares;	/* raqib_shares() ran: the text added
					   shares an entry */
	int		 sole;		/* no other writer: validators kept */
	struct store_validators *valid;	/* nvalid by source; NULL: not read */
	size_t		 nvalid;
	void		(*damage_cb)(void *);	/* told when SQLite finds */
	void		*damage_arg;		/*   the file damaged */
	int		 damaged;
	char		 err[512];
};

/* Record the store's last error; returns -1 for the caller to pass on. */
static int
store_fail(struct store *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
store_fail(struct store *s, const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	va_start(ap, fmt);
	vsnprintf(s->err, sizeof(s->err), fmt, ap);
	va_end(ap);
	/* One log line each, though SQLite's reports span lines. */
	for (p = s->err; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20)
			*p = ' ';
	return -1;
}

/* What the user can do about an SQLite result code, or NULL. */
static const char *
store_hint(int code)
{
	static const struct {
		int		 code;
		const char	*hint;
	} hints[] = {
		{ SQLITE_READONLY, "check the file's permissions" },
		{ SQLITE_PERM, "check the file's permissions" },
		{ SQLITE_CANTOPEN, "check that the file and its directory "
		    "exist and are writable" },
		{ SQLITE_FULL, "free some disk space" },
		{ SQLITE_IOERR, "check the disk" },
		{ SQLITE_CORRUPT, STORE_DAMAGED },
		{ SQLITE_NOTADB, STORE_DAMAGED },
		{ SQLITE_BUSY, "another program holds the database" }
	};
	size_t	 i;

	for (i = 0; i < nitems(hints); i++)
		if (hints[i].code == (code & 0xff))
			return hints[i].hint;
	return NULL;
}

/*
 * Record an SQLite failure as "WHAT database PATH: message — hint"; the
 * first that finds the file damaged is told to the damage callback.
 */
static int
store_report(struct store *s, const char *what, int code, const char *msg)
{
	const char	*hint = store_hint(code);

	store_fail(s, "%s database %s: %s%s%s", what, s->path, msg,
	    hint ? " — " : "", hint ? hint : "");
	if (((code & 0xff) == SQLITE_CORRUPT ||
	    (code & 0xff) == SQLITE_NOTADB) && !s->damaged++ &&
	    s->damage_cb != NULL)
		s->damage_cb(s->damage_arg);
	return -1;
}

/*
 * Record the connection's last failure. A full disk can come back as an
 * I/O error (SQLite cannot make its shared-memory file): the system's
 * errno tells, and the hint is the full disk's.
 */
static int
store_dbfail(struct store *s, const char *what)
{
	int	 code = sqlite3_errcode(s->db);

	if (sqlite3_system_errno(s->db) == ENOSPC)
		code = SQLITE_FULL;
	return store_report(s, what, code, sqlite3_errmsg(s->db));
}

/* Create one directory unless something is there already. */
static int
store_mkdir(const char *dir)
{
	struct stat	 st;

	if (stat(dir, &st) == 0)
		return 0;
	if (mkdir(dir, 0700) == -1 && errno != EEXIST)
		return -1;
	return 0;
}

/* Create the missing directories above the database, private to the user. */
static int
store_mkdirs(struct store *s)
{
	char	*dir, *p;
	int	 rc = 0;

	dir = xstrdup(s->path);
	for (p = strchr(dir + 1, '/'); p != NULL; p = strchr(p + 1, '/')) {
		*p = '\0';
		if (store_mkdir(dir) == -1) {
			rc = store_fail(s, "cannot create directory %s for "
			    "database %s: %s", dir, s->path, strerror(errno));
			break;
		}
		*p = '/';
	}
	free(dir);
	return rc;
}

/* The path with a suffix appended. */
static char *
store_sidecar(const char *path, const char *suffix)
{
	char	*p;

	xasprintf(&p, "%s%s", path, suffix);
	return p;
}

/* The pid written into a lock file by its holder, or 0 when unknown. */
static long
store_lock_holder(int fd)
{
	char	 text[32];
	ssize_t	 n;

	n = pread(fd, text, sizeof(text) - 1, 0);
	if (n <= 0)
		return 0;
	text[n] = '\0';
	return strtol(text, NULL, 10);
}

/* Refuse a database that another raqib holds; say which one. */
static int
store_lock_busy(struct store *s, int fd)
{
	long	 pid = store_lock_holder(fd);

	if (pid > 0)
		return store_fail(s, "database %s is in use by another raqib "
		    "(pid %ld)", s->path, pid);
	return store_fail(s, "database %s is in use by another raqib",
	    s->path);
}

/* Write our pid into the lock we hold, for the message above. */
static int
store_lock_claim(int fd)
{
	char	 text[32];
	int	 n;

	n = snprintf(text, sizeof(text), "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) == -1 || pwrite(fd, text, (size_t)n, 0) != n)
		return -1;
	return 0;
}

/*
 * Take PATH.lock: flock() rather than fcntl() so that a second open in the
 * same process conflicts too, and O_CLOEXEC so alert commands do not
 * inherit it. The file stays behind; unlinking it would race a new holder.
 */
static int
store_lock(struct store *s)
{
	char	*lock;
	int	 rc = 0;

	lock = store_sidecar(s->path, ".lock");
	s->lockfd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (s->lockfd == -1)
		rc = store_fail(s, "cannot open lock file %s: %s — check the "
		    "permissions of the directory and the file", lock,
		    strerror(errno));
	else if (flock(s->lockfd, LOCK_EX | LOCK_NB) == -1)
		rc = errno == EWOULDBLOCK ? store_lock_busy(s, s->lockfd) :
		    store_fail(s, "cannot lock %s: %s", lock, strerror(errno));
	else if (store_lock_claim(s->lockfd) == -1)
		rc = store_fail(s, "cannot write lock file %s: %s", lock,
		    strerror(errno));
	free(lock);
	return rc;
}

/* The path as a file: URI, so that no character of it reads as URI syntax. */
static char *
store_uri(const char *path, const char *query)
{
	struct buf		 b = { 0 };
	const unsigned char	*p;

	buf_puts(&b, path[0] == '/' ? "file://" : "file:");
	for (p = (const unsigned char *)path; *p != '\0'; p++)
		if (strchr("%?#", *p) != NULL)
			buf_printf(&b, "%%%02X", *p);
		else
			buf_putc(&b, (char)*p);
	if (query != NULL)
		buf_printf(&b, "?%s", query);
	return buf_steal(&b);
}

/* Open the file read-write, creating it; a read-only file is refused now. */
static int
store_connect(struct store *s)
{
	char	*uri;
	int	 rc;

	uri = store_uri(s->path, NULL);
	rc = sqlite3_open_v2(uri, &s->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
	free(uri);
	if (rc != SQLITE_OK)
		return store_dbfail(s, "cannot open");
	if (sqlite3_db_readonly(s->db, "main") == 1)
		return store_fail(s, "cannot open database %s: the file is "
		    "read-only — check the file's permissions", s->path);
	return 0;
}

/* Whether a WAL file lies beside the database (a writer has it open). */
static int
store_has_wal(const char *path)
{
	struct stat	 st;
	char		*wal;
	int		 rc;

	wal = store_sidecar(path, "-wal");
	rc = stat(wal, &st) == 0;
	free(wal);
	return rc;
}

/*
 * The URI that reads the file without writing beside it: a read-only
 * connection would create -wal and -shm files, so without a running writer
 * the file is read as immutable.
 */
static char *
store_copy_uri(const char *path)
{
	return store_uri(path, store_has_wal(path) ? "mode=ro" :
	    "mode=ro&immutable=1");
}

/* Copy the file into the in-memory database with the backup API. */
static int
store_copy(struct store *s)
{
	sqlite3		*src = NULL;
	sqlite3_backup	*b;
	char		*uri;
	int		 rc;

	uri = store_copy_uri(s->path);
	rc = sqlite3_open_v2(uri, &src, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
	    NULL);
	free(uri);
	if (rc != SQLITE_OK) {
		rc = store_report(s, "cannot read", rc, sqlite3_errmsg(src));
		sqlite3_close(src);
		return rc;
	}
	sqlite3_busy_timeout(src, 5000);
	if ((b = sqlite3_backup_init(s->db, "main", src, "main")) != NULL) {
		sqlite3_backup_step(b, -1);
		rc = sqlite3_backup_finish(b);
	} else
		rc = sqlite3_errcode(s->db);
	rc = rc == SQLITE_OK ? 0 : store_dbfail(s, "cannot copy");
	sqlite3_close(src);
	return rc;
}

/* Open a private in-memory database holding a copy of the file, if any. */
static int
store_connect_scratch(struct store *s)
{
	struct stat	 st;

	if (sqlite3_open_v2(":memory:", &s->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
		return store_dbfail(s, "cannot make a scratch copy of");
	if (stat(s->path, &st) == 0)
		return store_copy(s);
	if (errno == ENOENT)
		return 0;
	return store_fail(s, "cannot read database %s: %s", s->path,
	    strerror(errno));
}

/* Run SQL whose result rows, if any, are not needed. */
static int
store_exec_sql(struct store *s, const char *sql, const char *what)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_dbfail(s, what);
	return 0;
}

/* SQL raqib_alike(a, b): whether two sketches' texts are alike (sim.h). */
static void
store_alike_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char	*a, *b;
	int			 alen, blen;

	(void)argc;
	a = sqlite3_value_blob(argv[0]);
	alen = a != NULL ? sqlite3_value_bytes(argv[0]) : 0;
	b = sqlite3_value_blob(argv[1]);
	blen = b != NULL ? sqlite3_value_bytes(argv[1]) : 0;
	sqlite3_result_int(ctx, sim_alike(a, (size_t)alen, b, (size_t)blen));
}

/* Where the next ", " in [p, end) begins, or end. */
static const char *
store_list_sep(const char *p, const char *end)
{
	while ((p = memchr(p, ',', (size_t)(end - p))) != NULL) {
		if (end - p >= 2 && p[1] == ' ')
			return p;
		p++;
	}
	return end;
}

/*
 * Whether a ", "-joined list holds name as one of its entries, as
 * STMT_ALERT_SOURCE's instr() asks it: entry by entry, unless the name
 * holds a ", " itself, then at every byte.
 */
static int
store_list_has(const char *list, size_t len, const char *name, size_t nlen)
{
	const char	*p = list, *end = list + len, *e;

	if (store_list_sep(name, name + nlen) == name + nlen) {
		for (;; p = e + 2) {
			e = store_list_sep(p, end);
			if ((size_t)(e - p) == nlen && memcmp(p, name, nlen) == 0)
				return 1;
			if (e == end)
				return 0;
		}
	}
	while ((size_t)(end - p) >= nlen) {
		if ((p == list || (p - list >= 2 && p[-2] == ',' &&
		    p[-1] == ' ')) && memcmp(p, name, nlen) == 0 &&
		    (p + nlen == end || (end - (p + nlen) >= 2 &&
		    p[nlen] == ',' && p[nlen + 1] == ' ')))
			return 1;
		p++;
	}
	return 0;
}

/*
 * SQL raqib_mention(list, names): the ", "-joined list with each of the
 * NUL-terminated names (a blob) appended that it does not hold yet, in
 * their order, as STMT_ALERT_SOURCE appends one; NULL stays NULL.
 */
static void
store_mention_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char	*list, *names, *name, *end;
	struct buf	 out = { 0 };
	size_t		 nlen;

	(void)argc;
	list = (const char *)sqlite3_value_text(argv[0]);
	if (list == NULL)
		return;
	buf_append(&out, list, (size_t)sqlite3_value_bytes(argv[0]));
	names = sqlite3_value_blob(argv[1]);
	end = names + (names != NULL ? sqlite3_value_bytes(argv[1]) : 0);
	for (name = names; name != NULL && name < end; name += nlen + 1) {
		nlen = strnlen(name, (size_t)(end - name));
		if (!store_list_has(out.data, out.len, name, nlen)) {
			buf_append(&out, ", ", 2);
			buf_append(&out, name, nlen);
		}
	}
	sqlite3_result_text(ctx, out.data, (int)out.len, free);
}

/* Whether item id's archived text waits for the index. */
static int
store_ids_has(const struct store_ids *ids, int64_t id)
{
	size_t	 lo = 0, hi = ids->n, mid;

	if (ids->unsorted) {
		for (lo = 0; lo < ids->n; lo++)
			if (ids->v[lo] == id)
				return 1;
		return 0;
	}
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ids->v[mid] == id)
			return 1;
		if (ids->v[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* List item id's archived text as waiting for the index, once. */
static void
store_ids_add(struct store_ids *ids, int64_t id)
{
	if (store_ids_has(ids, id))
		return;
	if (ids->n == ids->cap) {
		ids->cap = ids->cap ? ids->cap * 2 : 256;
		ids->v = xreallocarray(ids->v, ids->cap, sizeof(*ids->v));
	}
	if (ids->n > 0 && ids->v[ids->n - 1] > id)
		ids->unsorted = 1;
	ids->v[ids->n++] = id;
}

/* Keep the first n ids only: the rest's rows were rolled back, or indexed. */
static void
store_ids_cut(struct store_ids *ids, size_t n)
{
	ids->n = n;
	if (ids->mark > n)
		ids->mark = n;
	if (n == 0)
		ids->unsorted = 0;
}

/* The hash of an identity's string of one kind ('k', 'l', 't'); never 0. */
static uint64_t
store_fresh_hash(unsigned char kind, const char *v)
{
	uint64_t	 h = hash_fnv_step(HASH_FNV_BASIS, kind);

	for (; *v != '\0'; v++)
		h = hash_fnv_step(h, (unsigned char)*v);
	return h != 0 ? h : 1;
}

/* An identity's keys hashed once, for the sets that look them up (0: none). */
struct store_hashes {
	uint64_t	 key, link, title;
};

/* Hash the identity's keys. */
static void
store_hash_ident(const struct store_ident *id, struct store_hashes *h)
{
	h->key = store_fresh_hash('k', id->key);
	h->link = id->link_key != NULL ?
	    store_fresh_hash('l', id->link_key) : 0;
	h->title = id->title_key != NULL ?
	    store_fresh_hash('t', id->title_key) : 0;
}

/* The slot of h in the set: where it is, or the free one it would take. */
static size_t
store_fresh_slot(const struct store_fresh *f, uint64_t h)
{
	size_t	 mask = f->cap - 1, i = (size_t)(h ^ (h >> 32)) & mask;

	while (f->v[i] != 0 && f->v[i] != h)
		i = (i + 1) & mask;
	return i;
}

/* Whether the set holds h. */
static int
store_fresh_has(const struct store_fresh *f, uint64_t h)
{
	return f->cap > 0 && f->v[store_fresh_slot(f, h)] == h;
}

/* Put h in the set, doubling it at half full. */
static void
store_fresh_put(struct store_fresh *f, uint64_t h)
{
	uint64_t	*old = f->v;
	size_t		 oldcap = f->cap, i;

	if (2 * (f->n + 1) > f->cap) {
		f->cap = f->cap ? f->cap * 2 : 64;
		f->v = xcalloc(f->cap, sizeof(*f->v));
		for (i = 0; i < oldcap; i++)
			if (old[i] != 0)
				f->v[store_fresh_slot(f, old[i])] = old[i];
		free(old);
	}
	i = store_fresh_slot(f, h);
	if (f->v[i] == 0) {
		f->v[i] = h;
		f->n++;
	}
}

/* Forget the unit's source: the next unit, or a rollback, asks again. */
static void
store_fresh_forget(struct store_fresh *f)
{
	f->source = 0;
	f->empty = 0;
	if (f->n == 0)
		return;
	memset(f->v, 0, f->cap * sizeof(*f->v));
	f->n = 0;
}

/* Forget the mentions from the nth on: their unit, or batch, is undone. */
static void
store_mentions_cut(struct store_mentions *m, size_t n)
{
	while (m->n > n)
		free(m->v[--m->n].source);
	if (m->mark > n)
		m->mark = n;
}

/* Note that source carried the story of an alert, for the commit. */
static void
store_mentions_add(struct store_mentions *m, int64_t alert,
    const char *source)
{
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 64;
		m->v = xreallocarray(m->v, m->cap, sizeof(*m->v));
	}
	m->v[m->n] = (struct store_mention){ alert, m->n,
	    xstrdup(source != NULL ? source : "") };
	m->n++;
}

/* qsort order of mentions: by alert, then as they came. */
static int
store_mention_cmp(const void *a, const void *b)
{
	const struct store_mention	*x = a, *y = b;

	if (x->alert != y->alert)
		return x->alert < y->alert ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Forget the validators kept: the next ask reads the file again. */
static void
store_valid_forget(struct store *s)
{
	size_t	 i;

	for (i = 0; i < s->nvalid; i++) {
		free(s->valid[i].etag);
		free(s->valid[i].last_modified);
	}
	free(s->valid);
	s->valid = NULL;
	s->nvalid = 0;
}

/*
 * Empty every known key (a row left one, or changed its keys), and give
 * back what their entries held: what they hold stays as the rows of a
 * round, never grows over the daemon's life.
 */
static void
store_known_forget(struct store *s)
{
	struct store_known	*e;
	size_t			 i;

	s->known_gen++;
	for (i = 0; i < s->nheld; i++) {
		e = s->held[i];
		free(e->key);
		free(e->rows);
		e->key = NULL;
		e->rows = NULL;
		e->keycap = e->cap = e->n = 0;
	}
	s->nheld = 0;
}

/*
 * Make the tables of known keys, every page of them written now: their
 * memory is all taken at the first poll, not bit by bit after it.
 */
static void
store_known_make(struct store *s)
{
	size_t	 n = STORE_LINKS + STORE_TITLES;

	s->links = xreallocarray(NULL, n, sizeof(*s->links));
	memset(s->links, 0, n * sizeof(*s->links));
	s->titles = s->links + STORE_LINKS;
	s->held = xreallocarray(NULL, n, sizeof(*s->held));
}

/* Whether an entry is key's, live. */
static int
store_known_is(const struct store *s, const struct store_known *e,
    uint64_t h, const char *key)
{
	return e->gen == s->known_gen && e->hash == h &&
	    strcmp(e->key, key) == 0;
}

/*
 * The live entry of key (hashed h) in the table of n slots, or NULL. A
 * key may lie in either of two slots, so two keys that share one do not
 * push each other out.
 */
static struct store_known *
store_known_get(struct store *s, struct store_known *t, size_t n,
    uint64_t h, const char *key)
{
	struct store_known	*e;

	if (t == NULL)
		return NULL;
	e = &t[h & (n - 1)];
	if (!store_known_is(s, e, h, key)) {
		e = &t[(h >> 32) & (n - 1)];
		if (!store_known_is(s, e, h, key))
			return NULL;
	}
	e->used = ++s->known_tick;
	return e;
}

/*
 * Make key's entry, with no row (dead: rows hold it), in the one of its
 * two slots that is free, else used longer ago.
 */
static struct store_known *
store_known_put(struct store *s, struct store_known *t, size_t n,
    uint64_t h, const char *key, int dead)
{
	size_t			 len = strlen(key) + 1;
	struct store_known	*e, *f;

	e = &t[h & (n - 1)];
	f = &t[(h >> 32) & (n - 1)];
	if (e->gen == s->known_gen && (f->gen != s->known_gen ||
	    f->used < e->used))
		e = f;
	if (e->key == NULL)
		s->held[s->nheld++] = e;
	if (e->keycap < len) {
		free(e->key);
		e->key = xmalloc(len);
		e->keycap = len;
	}
	memcpy(e->key, key, len);
	e->used = ++s->known_tick;
	e->gen = s->known_gen;
	e->hash = h;
	e->dead = dead;
	e->whole = 1;
	e->n = 0;
	return e;
}

/*
 * Add a row to a link's entry: its first, and the first of another
 * source. Ids grow; one that does not leaves the entry to SQLite.
 */
static void
store_known_link(struct store_known *e, const struct store_link_row *r)
{
	if (e->n > 0 && r->id <= e->link[e->n - 1].id)
		e->dead = 1;
	else if (e->n == 0 || (e->n == 1 && r->source != e->link[0].source))
		e->link[e->n++] = *r;
}

/* Add a row to a title's entry in (source, id) order, keeping the first. */
static void
store_known_title(struct store_known *e, const struct store_row *r)
{
	size_t	 i = e->n;

	while (i > 0 && (e->rows[i - 1].source > r->source ||
	    (e->rows[i - 1].source == r->source && e->rows[i - 1].id > r->id)))
		i--;
	if (e->n == STORE_TITLE_ROWS) {
		e->whole = 0;
		if (i == e->n)
			return;
		e->n--;
	} else if (e->n == e->cap) {
		e->cap = e->cap ? 2 * e->cap : 2;
		if (e->cap > STORE_TITLE_ROWS)
			e->cap = STORE_TITLE_ROWS;
		e->rows = xreallocarray(e->rows, e->cap, sizeof(*e->rows));
	}
	memmove(&e->rows[i + 1], &e->rows[i], (e->n - i) * sizeof(*e->rows));
	e->rows[i] = *r;
	e->n++;
}

/*
 * SQL raqib_pend(id): list the item's text as waiting for the index (a
 * copy that became a key: migration 9); NULL, no item, does nothing.
 */
static void
store_pend_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct store	*s = sqlite3_user_data(ctx);

	(void)argc;
	if (sqlite3_value_type(argv[0]) != SQLITE_NULL)
		store_ids_add(&s->unindexed, sqlite3_value_int64(argv[0]));
	sqlite3_result_null(ctx);
}

/* SQL raqib_shares(id): id, noting that the text being added shares it. */
static void
store_shares_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct store	*s = sqlite3_user_data(ctx);

	(void)argc;
	s->shares = 1;
	sqlite3_result_value(ctx, argv[0]);
}

/*
 * SQL raqib_unindexed(id): whether the item's text waits for the index
 * (the triggers' question: see migration 8).
 */
static void
store_unindexed_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct store	*s = sqlite3_user_data(ctx);

	(void)argc;
	sqlite3_result_int(ctx, store_ids_has(&s->unindexed,
	    sqlite3_value_int64(argv[0])));
}

/*
 * A text the tokenizer read lately, and the forms it gave FTS5 for it:
 * syndicated news carries one headline and one summary into many feeds,
 * and the index reads each of them once. forms holds each form as a
 * struct store_memo_form, then its bytes.
 */
struct store_memo {
	uint64_t	 hash;
	struct buf	 text;
	struct buf	 forms;
};

struct store_memo_form {
	uint16_t	 len, start, end;	/* a kept text's are short */
	uint16_t	 flags;		/* FTS5_TOKEN_COLOCATED or 0 */
};

_Static_assert(STORE_MEMO_TEXT <= UINT16_MAX,
    "a kept text's offsets fit a memo form");

/* The slot of the text of hash h in p: where it is, or the free one. */
static struct store_pend_text *
store_pend_slot(const struct store_pend *p, uint64_t h, const char *text,
    size_t len)
{
	struct store_pend_text	*e;
	size_t			 i = h & (p->cap - 1);

	for (e = &p->v[i]; e->len != 0; e = &p->v[i]) {
		if (e->hash == h && e->len == len &&
		    memcmp(p->data.data + e->off, text, len) == 0)
			return e;
		i = (i + 1) & (p->cap - 1);
	}
	return e;
}

/* The waiting forms of text, of hash h, or NULL when p has none. */
static const struct store_pend_text *
store_pend_find(const struct store_pend *p, uint64_t h, const char *text,
    size_t len)
{
	const struct store_pend_text	*e;

	if (p->n == 0)
		return NULL;
	e = store_pend_slot(p, h, text, len);
	return e->len != 0 ? e : NULL;
}

/* Double p's table (at least 64 slots), each entry in its new slot. */
static void
store_pend_grow(struct store_pend *p)
{
	struct store_pend	 old = *p;
	size_t			 i;

	p->cap = old.cap ? old.cap * 2 : 64;
	p->v = xcalloc(p->cap, sizeof(*p->v));
	for (i = 0; i < old.cap; i++)
		if (old.v[i].len != 0)
			*store_pend_slot(p, old.v[i].hash, old.data.data +
			    old.v[i].off, old.v[i].len) = old.v[i];
	free(old.v);
}

/*
 * Keep text's forms (of hash h) until the commit, unless p has them or is
 * full. len is not 0.
 */
static void
store_pend_add(struct store_pend *p, uint64_t h, const char *text,
    size_t len, const struct buf *forms)
{
	struct store_pend_text	*e;

	if (p->n >= STORE_PEND_TEXTS ||
	    p->data.len + len + forms->len > STORE_PEND_BYTES)
		return;
	if ((p->n + 1) * 2 > p->cap)
		store_pend_grow(p);
	e = store_pend_slot(p, h, text, len);
	if (e->len != 0)
		return;
	*e = (struct store_pend_text){ h, p->data.len, len, forms->len };
	buf_append(&p->data, text, len);
	buf_append(&p->data, forms->data, forms->len);
	p->n++;
}

/* Let the waiting forms go (the batch committed or rolled back). */
static void
store_pend_forget(struct store_pend *p)
{
	free(p->v);
	buf_free(&p->data);
	memset(p, 0, sizeof(*p));
}

/* The raqib tokenizer of the connection's FTS5 table. */
struct store_fts {
	struct store		*s;
	struct store_memo	 memo[STORE_MEMO_SLOTS];
};

/*
 * FTS5's xCreate for the raqib tokenizer, for store ctx: it takes no
 * arguments. The store keeps it, to fill its memo (store_text_tokens()).
 */
static int
store_fts_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
	struct store_fts	*f;

	(void)argv;
	if (argc != 0)
		return SQLITE_ERROR;
	f = xcalloc(1, sizeof(*f));
	f->s = ctx;
	f->s->fts = f;
	*out = (Fts5Tokenizer *)f;
	return SQLITE_OK;
}

/* FTS5's xDelete. */
static void
store_fts_delete(Fts5Tokenizer *t)
{
	struct store_fts	*f = (struct store_fts *)t;
	size_t			 i;

	for (i = 0; i < STORE_MEMO_SLOTS; i++) {
		buf_free(&f->memo[i].text);
		buf_free(&f->memo[i].forms);
	}
	if (f->s->fts == f)
		f->s->fts = NULL;
	free(f);
}

/*
 * Where text_index() hands each form: FTS5's callback and its context,
 * and the memo that keeps them (NULL: none).
 */
struct store_fts_call {
	void		*ctx;
	int		(*token)(void *, int, const char *, int, int, int);
	struct buf	*memo;
};

/* Keep one form FTS5 was given in a memo's forms. */
static void
store_memo_put(struct buf *forms, const char *form, int len, int start,
    int end, int flags)
{
	struct store_memo_form	 h = { (uint16_t)len, (uint16_t)start,
				    (uint16_t)end, (uint16_t)flags };

	buf_reserve(forms, sizeof(h) + (size_t)len);
	memcpy(forms->data + forms->len, &h, sizeof(h));
	memcpy(forms->data + forms->len + sizeof(h), form, (size_t)len);
	forms->len += sizeof(h) + (size_t)len;
	forms->data[forms->len] = '\0';
}

/* Give FTS5 the forms kept in len bytes, as text_index() gave them. */
static int
store_memo_replay(const char *forms, size_t len, void *ctx,
    int (*token)(void *, int, const char *, int, int, int))
{
	struct store_memo_form	 h;
	size_t			 i;
	int			 rc = SQLITE_OK;

	for (i = 0; i < len && rc == SQLITE_OK; i += sizeof(h) + h.len) {
		memcpy(&h, forms + i, sizeof(h));
		rc = token(ctx, h.flags, forms + i + sizeof(h), (int)h.len,
		    (int)h.start, (int)h.end);
	}
	return rc;
}

/*
 * Report one form to FTS5 (when it is listening), cut to STORE_TOKEN_MAX
 * bytes at a character: no term word is that long, and a cut form still
 * starts with every prefix a query may ask for.
 */
static int
store_fts_form(const char *form, size_t len, size_t start, size_t end,
    int colocated, void *arg)
{
	struct store_fts_call	*c = arg;
	int			 flags = colocated ? FTS5_TOKEN_COLOCATED : 0;

	if (len > STORE_TOKEN_MAX) {
		len = STORE_TOKEN_MAX;
		while (len > 0 && ((unsigned char)form[len] & 0xc0) == 0x80)
			len--;
	}
	if (c->memo != NULL)
		store_memo_put(c->memo, form, (int)len, (int)start, (int)end,
		    flags);
	if (c->token == NULL)
		return SQLITE_OK;
	return c->token(c->ctx, flags, form, (int)len, (int)start, (int)end);
}

/* Whether memo m holds text, as a memo of hash h. */
static int
store_memo_holds(const struct store_memo *m, uint64_t h, const char *text,
    size_t len)
{
	return m->hash == h && m->text.len == len &&
	    memcmp(m->text.data, text, len) == 0;
}

/* Swap two memos (of one set: the one used last comes first). */
static void
store_memo_swap(struct store_memo *a, struct store_memo *b)
{
	struct store_memo	 t = *a;

	*a = *b;
	*b = t;
}

/*
 * The memo set of a text of hash h: two memos, so that two texts whose
 * hashes meet are both kept. The first holds the text when one does.
 */
static struct store_memo *
store_memo_set(struct store_fts *f, uint64_t h, const char *text, size_t len)
{
	struct store_memo	*m = &f->memo[h % (STORE_MEMO_SLOTS / 2) * 2];

	if (store_memo_holds(&m[1], h, text, len))
		store_memo_swap(&m[0], &m[1]);
	return m;
}

/* Empty the set's older memo and make it the first, for a new text. */
static void
store_memo_clear(struct store_memo *m)
{
	store_memo_swap(&m[0], &m[1]);
	buf_reset(&m->text);
	buf_reset(&m->forms);
}

/* The first memo of a set now holds text, of hash h. */
static void
store_memo_keep(struct store_memo *m, uint64_t h, const char *text,
    size_t len)
{
	buf_append(&m->text, text, len);
	m->hash = h;
}

/*
 * A short document's text through its memo: the forms kept when its set
 * holds the text, else text_index()'s, kept in place of the set's older
 * one.
 */
static int
store_fts_memo(struct store_fts *f, struct store_fts_call *c,
    const char *text, size_t len)
{
	uint64_t		 h = hash_fnv_text(text, len);
	struct store_memo	*m = store_memo_set(f, h, text, len);
	const struct store_pend_text *p;
	int			 rc;

	if (store_memo_holds(&m[0], h, text, len))
		return store_memo_replay(m[0].forms.data, m[0].forms.len,
		    c->ctx, c->token);
	store_memo_clear(m);
	if ((p = store_pend_find(&f->s->pend, h, text, len)) != NULL) {
		buf_append(&m->forms, f->s->pend.data.data + p->off + len,
		    p->forms);
		store_memo_keep(m, h, text, len);
		return store_memo_replay(m->forms.data, m->forms.len, c->ctx,
		    c->token);
	}
	c->memo = &m->forms;
	if ((rc = text_index(text, len, store_fts_form, c)) == 0)
		store_memo_keep(m, h, text, len);
	return rc;
}

/*
 * Take a text's index forms from the tokens text_tokenize() made of it,
 * ahead of the commit that indexes it (store_item_text()).
 */
static void
store_text_tokens(struct store *s, const char *text,
    const struct text *tokens)
{
	struct store_fts_call	 c = { NULL, NULL, NULL };
	struct store_memo	*m;
	uint64_t		 h;
	size_t			 len;

	if (s->fts == NULL || text == NULL || tokens == NULL ||
	    (len = strlen(text)) == 0 || len > STORE_MEMO_TEXT)
		return;
	h = hash_fnv_text(text, len);
	m = store_memo_set(s->fts, h, text, len);
	if (!store_memo_holds(&m[0], h, text, len)) {
		store_memo_clear(m);
		c.memo = &m->forms;
		text_index_tokens(tokens, store_fts_form, &c);
		store_memo_keep(m, h, text, len);
	}
	store_pend_add(&s->pend, h, text, len, &m->forms);
}

/*
 * FTS5's xTokenize: a document's text through text_index(). A query's
 * strings are match_filter()'s, already normalized forms, one each: they
 * pass as they are.
 */
static int
store_fts_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text,
    int len, int (*token)(void *, int, const char *, int, int, int))
{
	struct store_fts_call	 c = { ctx, token, NULL };

	if (len <= 0)
		return SQLITE_OK;
	if (flags & FTS5_TOKENIZE_QUERY)
		return token(ctx, 0, text, len, 0, len);
	if (len <= STORE_MEMO_TEXT)
		return store_fts_memo((struct store_fts *)t, &c, text,
		    (size_t)len);
	return text_index(text, (size_t)len, store_fts_form, &c);
}

/*
 * Make raqib's tokenizer known to the connection's FTS5 as "raqib", and
 * the triggers' raqib_unindexed() and raqib_pend(), and raqib_shares().
 */
static int
store_fts_register(struct store *s)
{
	static fts5_tokenizer	 tok = {
		store_fts_create, store_fts_delete, store_fts_tokenize
	};
	fts5_api		*api = NULL;
	sqlite3_stmt		*st;

	if (sqlite3_prepare_v2(s->db, "SELECT fts5(?1)", -1, &st,
	    NULL) != SQLITE_OK)
		return store_fail(s, "cannot open database %s: this SQLite has "
		    "no full-text search (FTS5)", s->path);
	sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (api == NULL || api->xCreateTokenizer(api, "raqib", s, &tok,
	    NULL) != SQLITE_OK || sqlite3_create_function_v2(s->db,
	    "raqib_unindexed", 1, SQLITE_UTF8 | SQLITE_INNOCUOUS, s,
	    store_unindexed_fn, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function_v2(s->db, "raqib_pend", 1, SQLITE_UTF8 |
	    SQLITE_INNOCUOUS, s, store_pend_fn, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function_v2(s->db, "raqib_shares", 1, SQLITE_UTF8 |
	    SQLITE_DIRECTONLY, s, store_shares_fn, NULL, NULL, NULL) !=
	    SQLITE_OK)
		return store_dbfail(s, "cannot open");
	return 0;
}

/* Apply the connection settings; make raqib's SQL function known. */
static int
store_settings(struct store *s)
{
	size_t	 i;

	for (i = 0; i < nitems(store_pragmas); i++)
		if (store_exec_sql(s, store_pragmas[i], "cannot open") == -1)
			return -1;
	if (sqlite3_create_function_v2(s->db, "raqib_alike", 2, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, store_alike_fn,
	    NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function_v2(s->db, "raqib_mention", 2, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, store_mention_fn,
	    NULL, NULL, NULL) != SQLITE_OK)
		return store_dbfail(s, "cannot open");
	return store_fts_register(s);
}

/* The text of a column, or "" when it is NULL. */
static const char *
store_text(sqlite3_stmt *st, int col)
{
	const unsigned char	*t = sqlite3_column_text(st, col);

	return t != NULL ? (const char *)t : "";
}

/*
 * Run an integrity check pragma: 0 when it says "ok", else -1 with why,
 * as "WHAT database PATH: ...".
 */
static int
store_check_pragma(struct store *s, const char *pragma, const char *what)
{
	sqlite3_stmt	*st;
	int		 rc = 0;

	if (sqlite3_prepare_v2(s->db, pragma, -1, &st, NULL) != SQLITE_OK)
		return store_dbfail(s, what);
	if (sqlite3_step(st) != SQLITE_ROW)
		rc = store_dbfail(s, what);
	else if (strcmp(store_text(st, 0), "ok") != 0)
		rc = store_fail(s, "%s database %s: integrity check failed "
		    "(%s) — %s", what, s->path, store_text(st, 0),
		    STORE_DAMAGED);
	sqlite3_finalize(st);
	return rc;
}

/*
 * Refuse a damaged file before anything writes to it, at the cost of what
 * a start reads whole: the header, the schema, the sources and the mutes
 * with their indexes (in the schema versions that have them). The rest is
 * read a row at a time, and SQLite finds a damaged page when it reads it:
 * that operation fails, named; store_check_all() reads the whole file.
 */
static int
store_check(struct store *s, int version)
{
	static const struct {
		int		 since;
		const char	*pragma;
	} checks[] = {
		{ 1, "PRAGMA quick_check(sources)" },
		{ 2, "PRAGMA quick_check(mutes)" }
	};
	size_t	 i;

	for (i = 0; i < sizeof(checks) / sizeof(checks[0]); i++)
		if (version >= checks[i].since &&
		    store_check_pragma(s, checks[i].pragma, "cannot open") == -1)
			return -1;
	return 0;
}

/* Have cb called once, when an operation finds the file damaged. */
void
store_on_damage(struct store *s, void (*cb)(void *), void *arg)
{
	s->damage_cb = cb;
	s->damage_arg = arg;
}

/* Check every page of the file and every index against its table. */
int
store_check_all(struct store *s)
{
	return store_check_pragma(s, "PRAGMA integrity_check(1)",
	    "damage found in");
}

/* The schema version the file records. */
static int
store_version(struct store *s, int *version)
{
	sqlite3_stmt	*st;
	int		 rc = 0;

	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st,
	    NULL) != SQLITE_OK)
		return store_dbfail(s, "cannot open");
	if (sqlite3_step(st) == SQLITE_ROW)
		*version = sqlite3_column_int(st, 0);
	else
		rc = store_dbfail(s, "cannot open");
	sqlite3_finalize(st);
	return rc;
}

/* Check the file before use: settings, a schema we understand, integrity. */
static int
store_verify(struct store *s, int *version)
{
	if (store_settings(s) == -1 || store_version(s, version) == -1)
		return -1;
	if (*version > STORE_VERSION)
		return store_fail(s, "cannot open database %s: its schema "
		    "version %d is newer than this raqib knows (%d) — run a "
		    "newer raqib, or move the file aside", s->path, *version,
		    STORE_VERSION);
	return store_check(s, *version);
}

/* Take the schema one version up, all or nothing. */
static int
store_migrate_step(struct store *s, int from)
{
	char	 sql[48];

	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", from + 1);
	if (store_exec_sql(s, "BEGIN IMMEDIATE", "cannot upgrade") == -1)
		return -1;
	if (store_exec_sql(s, store_migrations[from], "cannot upgrade") == 0 &&
	    store_exec_sql(s, sql, "cannot upgrade") == 0 &&
	    store_exec_sql(s, "COMMIT", "cannot upgrade") == 0)
		return 0;
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* Bring the schema up to this build's version, step by step. */
static int
store_migrate(struct store *s, int version)
{
	for (; version < STORE_VERSION; version++)
		if (store_migrate_step(s, version) == -1)
			return -1;
	return 0;
}

/*
 * A statement, prepared at its first use and kept for the life of the
 * store (a command or a poll uses a few of them, and preparing all at
 * open was most of an open's cost); NULL, with the error kept, when it
 * cannot be.
 */
static sqlite3_stmt *
store_stmt(struct store *s, enum store_stmt id)
{
	if (s->stmt[id] == NULL && sqlite3_prepare_v3(s->db, store_sql[id], -1,
	    SQLITE_PREPARE_PERSISTENT, &s->stmt[id], NULL) != SQLITE_OK) {
		store_dbfail(s, "cannot prepare a statement for");
		s->stmt[id] = NULL;
	}
	return s->stmt[id];
}

/* Open the file: directories, lock (unless shared), connection, checks, WAL. */
static int
store_start_file(struct store *s, int *version, int lock)
{
	if (store_mkdirs(s) == -1 || (lock && store_lock(s) == -1) ||
	    store_connect(s) == -1 || store_verify(s, version) == -1)
		return -1;
	/* Only now: switching to WAL writes to the file's header. */
	return store_exec_sql(s, "PRAGMA journal_mode = WAL", "cannot open");
}

/* Open a scratch copy of the file, checked like the file itself. */
static int
store_start_scratch(struct store *s, int *version)
{
	if (store_connect_scratch(s) == -1)
		return -1;
	return store_verify(s, version);
}

/*
 * Before SQLite's first use: no memory statistics, which took a global
 * mutex around every allocation (two per row written).
 */
static void
store_library(void)
{
	static int	 done;

	if (done++ == 0)
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/*
 * Open the file read-only where it lies, checked; a missing file, or one
 * whose schema is older (it cannot be upgraded without a write), is read
 * from a scratch copy instead.
 */
static int
store_start_read(struct store *s, int *version)
{
	struct stat	 st;
	char		*uri;
	int		 rc;

	if (stat(s->path, &st) == -1 && errno == ENOENT)
		return store_start_scratch(s, version);
	uri = store_copy_uri(s->path);
	rc = sqlite3_open_v2(uri, &s->db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
	free(uri);
	if (rc != SQLITE_OK)
		return store_dbfail(s, "cannot read");
	if (store_verify(s, version) == -1)
		return -1;
	if (*version == STORE_VERSION)
		return 0;
	sqlite3_close(s->db);
	s->db = NULL;
	return store_start_scratch(s, version);
}

/* Open the database in the given mode; see store.h. */
struct store *
store_open(const char *path, enum store_mode mode, char *err, size_t errlen)
{
	struct store	*s;
	int		 version = 0, rc;

	store_library();
	if (path == NULL || *path == '\0') {
		snprintf(err, errlen, "no database path given");
		return NULL;
	}
	s = xcalloc(1, sizeof(*s));
	s->path = xstrdup(path);
	s->lockfd = -1;
	s->known_gen = 1;	/* a slot never filled is not live */
	s->sole = mode == STORE_NORMAL || mode == STORE_SCRATCH;
	if (mode == STORE_SCRATCH)
		rc = store_start_scratch(s, &version);
	else if (mode == STORE_READ)
		rc = store_start_read(s, &version);
	else
		rc = store_start_file(s, &version, mode == STORE_NORMAL);
	if (rc == 0 && store_migrate(s, version) == 0)
		return s;
	snprintf(err, errlen, "%s", s->err);
	store_close(s);
	return NULL;
}

/* The forms version the index was made with, and whether it holds a text. */
static int
store_forms_version(struct store *s, int64_t *v, int *any)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(s->db, "SELECT version, EXISTS (SELECT 1"
	    " FROM texts) FROM texts_forms", -1, &st, NULL) != SQLITE_OK)
		return store_dbfail(s, "cannot read the archive's index in");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*v = sqlite3_column_int64(st, 0);
		*any = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return store_dbfail(s, "cannot read the archive's index in");
	return 0;
}

/* Whether the index holds texts by other forms; see store.h. */
int
store_index_stale(struct store *s)
{
	int64_t	 v;
	int	 any;

	if (store_forms_version(s, &v, &any) == -1)
		return -1;
	return any && v != (int64_t)text_index_version();
}

/*
 * Make the index anew: emptied, then one entry per text that is not a
 * copy (FTS5's 'rebuild' would index the copies too, which share their
 * key's entry), in one transaction, so an interrupted rebuild leaves the
 * old index whole and is begun again at the next start.
 */
static int
store_index_rebuild(struct store *s, size_t *n)
{
	char	 sql[64];

	snprintf(sql, sizeof(sql), "UPDATE texts_forms SET version = %lld",
	    (long long)(int64_t)text_index_version());
	if (store_sync(s) == -1 ||
	    store_exec_sql(s, "BEGIN IMMEDIATE", "cannot begin a transaction"
	    " in") == -1)
		return -1;
	if (store_exec_sql(s, "INSERT INTO texts_index (texts_index)"
	    " VALUES ('delete-all')", "cannot empty the archive's index in")
	    == 0 && store_exec_sql(s, "INSERT INTO texts_index (rowid, title,"
	    " summary, content) SELECT item_id, title, summary, content"
	    " FROM texts WHERE shared IS NULL",
	    "cannot index archived text in") == 0) {
		*n = (size_t)sqlite3_changes(s->db);
		if (store_exec_sql(s, sql, "cannot write to") == 0 &&
		    store_exec_sql(s, "COMMIT", "cannot commit to") == 0)
			return 0;
	}
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* Make the index anew when it was made with other forms; see store.h. */
int
store_index_renew(struct store *s, size_t *n)
{
	int64_t	 v;
	int	 any;

	*n = 0;
	if (store_forms_version(s, &v, &any) == -1)
		return -1;
	if (v == (int64_t)text_index_version())
		return 0;
	return store_index_rebuild(s, n);
}

/* Close the database, then release the lock so no successor starts early. */
void
store_close(struct store *s)
{
	int	 i;

	if (s == NULL)
		return;
	store_sync(s);
	for (i = 0; i < STMT_COUNT; i++)
		sqlite3_finalize(s->stmt[i]);
	sqlite3_close(s->db);
	if (s->lockfd != -1)
		close(s->lockfd);
	free(s->unindexed.v);
	store_pend_forget(&s->pend);
	store_mentions_cut(&s->mentions, 0);
	free(s->mentions.v);
	free(s->fresh.v);
	store_known_forget(s);
	free(s->links);
	free(s->held);
	store_valid_forget(s);
	free(s->path);
	free(s);
}

/* The message of the last failure. */
const char *
store_error(const struct store *s)
{
	return s->err;
}

/* The database's file. */
const char *
store_path(const struct store *s)
{
	return s->path;
}

/* The time stamps the store writes. */
static int64_t
store_now(void)
{
	return (int64_t)time(NULL);
}

/* Bind text that may be NULL; the caller's string outlives the statement's use. */
static int
store_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v == NULL)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

/* Bind text for a NOT NULL column: NULL becomes "". */
static int
store_bind_str(sqlite3_stmt *st, int i, const char *v)
{
	return sqlite3_bind_text(st, i, v != NULL ? v : "", -1, SQLITE_STATIC);
}

/* Bind an identity's sketch; none is NULL. */
static int
store_bind_sketch(sqlite3_stmt *st, int i, const struct store_ident *id)
{
	if (id->sketchlen == 0)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_blob(st, i, id->sketch, (int)id->sketchlen,
	    SQLITE_STATIC);
}

/* Bind a size, clamped to what SQLite stores. */
static int
store_bind_size(sqlite3_stmt *st, int i, size_t v)
{
	if ((uint64_t)v > (uint64_t)INT64_MAX)
		return sqlite3_bind_int64(st, i, INT64_MAX);
	return sqlite3_bind_int64(st, i, (int64_t)v);
}

/* Bind a time; ITEM_NO_TIME is NULL. */
static int
store_bind_time(sqlite3_stmt *st, int i, int64_t v)
{
	if (v == ITEM_NO_TIME)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_int64(st, i, v);
}

/* A column as a size; negative values (never written) read as 0. */
static size_t
store_col_size(sqlite3_stmt *st, int col)
{
	sqlite3_int64	 v = sqlite3_column_int64(st, col);

	return v < 0 ? 0 : (size_t)v;
}

/* A time column; NULL reads as none. */
static int64_t
store_col_time(sqlite3_stmt *st, int col, int64_t none)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return none;
	return sqlite3_column_int64(st, col);
}

/* An urgency column, read defensively. */
static enum alert_urgency
store_col_urgency(sqlite3_stmt *st, int col)
{
	int	 v = sqlite3_column_int(st, col);

	if (v < ALERT_LOW || v > ALERT_CRITICAL)
		return ALERT_NORMAL;
	return (enum alert_urgency)v;
}

/* A malloc'd copy of a column; NULL stays NULL unless notnull. */
static char *
store_dup(sqlite3_stmt *st, int col, int notnull)
{
	const unsigned char	*t = sqlite3_column_text(st, col);

	if (t == NULL && !notnull)
		return NULL;
	return xstrdup(t != NULL ? (const char *)t : "");
}

/* Reset a statement so it pins no read snapshot (docs/HACKING.md). */
static void
store_done(sqlite3_stmt *st)
{
	if (st == NULL)
		return;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

/* Step a statement: 1 with a row, 0 when done, -1 on error. */
static int
store_next(struct store *s, enum store_stmt id, const char *what)
{
	switch (sqlite3_step(store_stmt(s, id))) {
	case SQLITE_ROW:
		return 1;
	case SQLITE_DONE:
		return 0;
	default:
		return store_dbfail(s, what);
	}
}

/* First step of a statement whose binding calls returned bound (or-ed). */
static int
store_first(struct store *s, enum store_stmt id, int bound, const char *what)
{
	/* Not prepared: store_stmt() kept why. */
	if (store_stmt(s, id) == NULL)
		return -1;
	if (bound != SQLITE_OK)
		return store_dbfail(s, what);
	return store_next(s, id, what);
}

/*
 * Whether a statement joins the open batch rather than commit it first
 * (the sources noted in a batch are added to their alerts in it).
 */
static int
store_batched(const struct store *s, enum store_stmt id)
{
	return s->unit || id == STMT_SOURCE_OK || id == STMT_SOURCE_SAME ||
	    id == STMT_SOURCE_FAILED ||
	    id == STMT_SAVEPOINT || id == STMT_RELEASE ||
	    id == STMT_ROLLBACK_TO || id == STMT_ALERT_SOURCES;
}

/*
 * Run a statement that returns no rows, and reset it. Any write outside a
 * unit commits an open batch first, so that what the user saw or did (a
 * delivery, a mute) is on disk at once, never held with it. A file found
 * damaged gets no more writes: only rollbacks run.
 */
static int
store_run(struct store *s, enum store_stmt id, int bound, const char *what)
{
	int	 rc;

	if (s->damaged && id != STMT_ROLLBACK && id != STMT_ROLLBACK_TO &&
	    id != STMT_RELEASE)
		return store_fail(s, "%s database %s: it is damaged, and raqib "
		    "writes no more to it", what, s->path);
	if (s->batch > 0 && !store_batched(s, id) && store_sync(s) == -1)
		return -1;
	rc = store_first(s, id, bound, what);

	store_done(store_stmt(s, id));
	return rc == -1 ? -1 : 0;
}

/* Fail when the last update found no row with that id. */
static int
store_changed(struct store *s, const char *table, int64_t id)
{
	if (sqlite3_changes(s->db) > 0)
		return 0;
	return store_fail(s, "database %s has no %s with id %lld", s->path,
	    table, (long long)id);
}

/*
 * Begin a write transaction now, so commit cannot meet a busy lock (an open
 * batch is committed first, as before any write).
 */
int
store_begin(struct store *s)
{
	return store_run(s, STMT_BEGIN, SQLITE_OK,
	    "cannot begin a transaction in");
}

/* Append a row id in decimal (printf's cost ten times over per id). */
static void
store_put_id(struct buf *b, int64_t id)
{
	char		 d[24];
	size_t		 n = sizeof(d);
	uint64_t	 v = id < 0 ? -(uint64_t)id : (uint64_t)id;

	do {
		d[--n] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	if (id < 0)
		d[--n] = '-';
	buf_append(b, d + n, sizeof(d) - n);
}

/*
 * Index the texts archived since the last commit, all in one statement:
 * FTS5 writes out what it holds at every savepoint (migration 7).
 */
static int
store_texts_index(struct store *s)
{
	struct store_ids	*ids = &s->unindexed;
	struct buf		 json = { 0 };
	size_t			 i;
	int			 rc;

	if (ids->n == 0)
		return 0;
	for (i = 0; i < ids->n; i++) {
		buf_putc(&json, i > 0 ? ',' : '[');
		store_put_id(&json, ids->v[i]);
	}
	buf_putc(&json, ']');
	rc = store_run(s, STMT_TEXT_INDEX, sqlite3_bind_text(
	    store_stmt(s, STMT_TEXT_INDEX), 1, json.data, (int)json.len,
	    SQLITE_STATIC), "cannot index archived text in");
	buf_free(&json);
	if (rc == 0)
		store_ids_cut(ids, 0);
	return rc;
}

/* Add one alert's sources noted, names a NUL-terminated run of them. */
static int
store_mentions_one(struct store *s, int64_t alert, const struct buf *names)
{
	sqlite3_stmt	*st = store_stmt(s, STMT_ALERT_SOURCES);

	return store_run(s, STMT_ALERT_SOURCES, sqlite3_bind_int64(st, 1,
	    alert) | sqlite3_bind_blob(st, 2, names->data, (int)names->len,
	    SQLITE_STATIC), "cannot add a source to an alert in");
}

/* Add the sources noted to their alerts, each alert's row written once. */
static int
store_mentions_write(struct store *s)
{
	struct store_mentions	*m = &s->mentions;
	struct buf		 names = { 0 };
	size_t			 i;
	int			 rc = 0;

	if (m->n == 0)
		return 0;
	qsort(m->v, m->n, sizeof(*m->v), store_mention_cmp);
	for (i = 0; i < m->n && rc == 0; i++) {
		buf_append(&names, m->v[i].source, strlen(m->v[i].source) + 1);
		if (i + 1 < m->n && m->v[i + 1].alert == m->v[i].alert)
			continue;
		rc = store_mentions_one(s, m->v[i].alert, &names);
		names.len = 0;
	}
	buf_free(&names);
	if (rc == 0)
		store_mentions_cut(m, 0);
	return rc;
}

/* Commit; on failure roll back so nothing half-written stays open. */
int
store_commit(struct store *s)
{
	char	 err[sizeof(s->err)];

	if (store_mentions_write(s) == 0 && store_texts_index(s) == 0 &&
	    store_run(s, STMT_COMMIT, SQLITE_OK, "cannot commit to") == 0) {
		store_pend_forget(&s->pend);
		return 0;
	}
	memcpy(err, s->err, sizeof(err));
	store_rollback(s);
	memcpy(s->err, err, sizeof(err));
	return -1;
}

/* Commit the open batch of health rows, if there is one. */
int
store_sync(struct store *s)
{
	if (s->batch == 0)
		return 0;
	s->batch = 0;
	return store_commit(s);
}

/*
 * Whether the database's disk has room: a failed commit leaves its frames'
 * space in the WAL file, so one page may still be written there on a full
 * disk. -1 with a message when it has less than STORE_ROOM free.
 */
static int
store_room(struct store *s)
{
	struct statvfs	 vfs;
	char		*dir, *slash;
	int		 rc = 0;

	dir = xstrdup(s->path);
	if ((slash = strrchr(dir, '/')) != NULL)
		slash[slash == dir] = '\0';
	else
		strcpy(dir, ".");
	if (statvfs(dir, &vfs) == 0 &&
	    (uint64_t)vfs.f_bavail * vfs.f_frsize < STORE_ROOM)
		rc = store_fail(s, "database %s: its disk has %llu KiB free "
		    "— free some disk space", s->path, (unsigned long long)
		    ((uint64_t)vfs.f_bavail * vfs.f_frsize / 1024));
	free(dir);
	return rc;
}

/*
 * Learn whether the file takes writes: room on its disk, and one page
 * written. The schema version rewritten with its own value changes nothing
 * a reader sees, yet SQLite writes its page (a statement that changes no
 * row writes nothing).
 */
int
store_probe(struct store *s)
{
	char	 sql[48];

	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", STORE_VERSION);
	if (store_room(s) == -1 || store_begin(s) == -1)
		return -1;
	if (store_exec_sql(s, sql, "cannot write to") == -1) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s);
}

/* Roll back the open transaction, if there is one. */
void
store_rollback(struct store *s)
{
	s->batch = 0;
	s->unit = 0;
	s->lone = 0;
	s->recorded = 0;
	store_known_forget(s);
	store_fresh_forget(&s->fresh);
	store_ids_cut(&s->unindexed, 0);
	store_pend_forget(&s->pend);
	store_mentions_cut(&s->mentions, 0);
	store_valid_forget(s);
	if (sqlite3_get_autocommit(s->db))
		return;
	store_run(s, STMT_ROLLBACK, SQLITE_OK, "cannot roll back");
}

/* Look a source up by name: 1 found, 0 not, -1 on error. */
static int
store_source_find(struct store *s, const char *name, int64_t *id)
{
	sqlite3_stmt	*st = store_stmt(s, STMT_SOURCE_FIND);
	int		 rc;

	rc = store_first(s, STMT_SOURCE_FIND, store_bind_str(st, 1, name),
	    "cannot look up source in");
	if (rc == 1)
		*id = sqlite3_column_int64(st, 0);
	store_done(st);
	return rc;
}

/* The id of a source by name, created on first use. */
int
store_source(struct store *s, const char *name, int64_t *id)
{
	sqlite3_stmt	*st = store_stmt(s, STMT_SOURCE_ADD);
	int		 rc;

	if ((rc = store_source_find(s, name, id)) != 0)
		return rc == 1 ? 0 : -1;
	store_valid_forget(s);
	if (store_run(s, STMT_SOURCE_ADD, store_bind_str(st, 1, name) |
	    sqlite3_bind_int64(st, 2, store_now()),
	    "cannot add source to") == -1)
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

/* Read every source's validators, by id. */
static int
store_valid_load(struct store *s)
{
	sqlite3_stmt	*st = store_stmt(s, STMT_SOURCE_VALIDATORS_ALL);
	size_t		 cap = 64;
	int		 rc;

	s->valid = xreallocarray(NULL, cap, sizeof(*s->valid));
	while ((rc = store_next(s, STMT_SOURCE_VALIDATORS_ALL,
	    "cannot read validators from")) == 1) {
		if (s->nvalid == cap) {
			cap *= 2;
			s->valid = xreallocarray(s->valid, cap,
			    sizeof(*s->valid));
		}
		s->valid[s->nvalid++] = (struct store_validators){
		    sqlite3_column_int64(st, 0), store_dup(st, 1, 0),
		    store_dup(st, 2, 0) };
	}
	store_done(st);
	if (rc == -1)
		store_valid_forget(s);
	return rc;
}

/* The source's validators kept, or NULL. */
static struct store_validators *
store_valid_find(const struct store *s, int64_t source)
{
	size_t	 lo = 0, hi = s->nvalid, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (s->valid[mid].source < source)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < s->nvalid && s->valid[lo].source == source)
		return &s->valid[lo];
	return NULL;
}

/* A copy of a validator kept, or NULL. */
static char *
store_valid_dup(const char *v)
{
	return v != NULL ? xstrdup(v) : NULL;
}

/* Write a good poll's validators through to those kept, as STMT_SOURCE_OK. */
static void
store_valid_note(struct store *s, int64_t source, const struct store_health *h)
{
	struct store_validators	*v;

	if (s->valid == NULL)
		return;
	if ((v = store_valid_find(s, source)) == NULL) {
		store_valid_forget(s);
		return;
	}
	/* A 304 may omit validators that still hold. */
	if (h->etag != NULL || h->status != 304) {
		free(v->etag);
		v->etag = store_valid_dup(h->etag);
	}
	if (h->last_modified != NULL || h->status != 304) {
		free(v->last_modified);
		v->last_modified = store_valid_dup(h->last_modified);
	}
}

/* The validators to send with the next request. */
int
store_source_validators(struct store *s, int64_t source, char **etag,
    char **last_modified)
{
	sqlite3_stmt		*st = store_stmt(s, STMT_SOURCE_VALIDATORS);
	struct store_validators	*v;
	int			 rc;

	*etag = *last_modified = NULL;
	if (s->sole) {
		if (s->valid == NULL && store_valid_load(s) == -1)
			return -1;
		if ((v = store_valid_find(s, source)) == NULL)
			return store_fail(s, "database %s has no source with "
			    "id %lld", s->path, (long long)source);
		*etag = store_valid_dup(v->etag);
		*last_modified = store_valid_dup(v->last_modified);
		return 0;
	}
	rc = store_first(s, STMT_SOURCE_VALIDATORS,
	    sqlite3_bind_int64(st, 1, source), "cannot read validators from");
	if (rc == 1) {
		*etag = store_dup(st, 0, 0);
		*last_modified = store_dup(st, 1, 0);
	} else if (rc == 0)
		rc = store_changed(s, "source", source);
	store_done(st);
	if (rc != -1)
		return 0;
	free(*etag);
	free(*last_modified);
	*etag = *last_modified = NULL;
	return -1;
}

/* Bind what a good poll leaves behind: validators and sizes. */
static int
store_bind_ok(sqlite3_stmt *st, const struct store_health *h)
{
	return store_bind_text(st, 4, h->etag) |
	    store_bind_text(st, 5, h->last_modified) |
	    store_bind_size(st, 6, h->bytes) |
	    store_bind_size(st, 7, h->items) |
	    store_bind_size(st, 8, h->repaired) |
	    store_bind_size(st, 9, h->unreadable) |
	    store_bind_text(st, 10, h->note);
}

/*
 * Join the batch of health rows, opening it unless a transaction is open:
 * a thousand 304s cost one commit, not a thousand.
 */
static int
store_batch_join(struct store *s)
{
	if (s->batch == 0 && sqlite3_get_autocommit(s->db)) {
		if (store_begin(s) == -1)
			return -1;
		s->batch = 1;
	} else if (s->batch > 0)
		s->batch++;
	return 0;
}

/* Open a unit in the batch; see store.h. */
int
store_unit_begin(struct store *s)
{
	if (store_batch_join(s) == -1 || store_run(s, STMT_SAVEPOINT,
	    SQLITE_OK, "cannot begin a transaction in") == -1)
		return -1;
	s->unit = 1;
	store_fresh_forget(&s->fresh);
	s->unindexed.mark = s->unindexed.n;
	s->mentions.mark = s->mentions.n;
	return 0;
}

/* Keep a unit's writes for the batch's commit; a full batch commits now. */
int
store_unit_end(struct store *s)
{
	s->unit = 0;
	store_fresh_forget(&s->fresh);
	if (store_run(s, STMT_RELEASE, SQLITE_OK,
	    "cannot end a transaction in") == -1) {
		store_rollback(s);
		return -1;
	}
	return s->batch >= STORE_BATCH_MAX ? store_sync(s) : 0;
}

/* Undo a unit's writes; the rest of the batch stays. */
void
store_unit_abort(struct store *s)
{
	s->unit = 0;
	s->lone = 0;
	s->recorded = 0;
	store_known_forget(s);
	store_fresh_forget(&s->fresh);
	store_ids_cut(&s->unindexed, s->unindexed.mark);
	store_mentions_cut(&s->mentions, s->mentions.mark);
	store_valid_forget(s);
	if (store_run(s, STMT_ROLLBACK_TO, SQLITE_OK, "cannot roll back") ==
	    -1 || store_run(s, STMT_RELEASE, SQLITE_OK, "cannot roll back") ==
	    -1)
		store_rollback(s);
}

/* Record how a poll of the source ended, in the batch; see store.h. */
int
store_source_health(struct store *s, int64_t source,
    const struct store_health *h)
{
	enum store_stmt	 id = !h->ok ? STMT_SOURCE_FAILED :
			    h->status == 304 ? STMT_SOURCE_SAME : STMT_SOURCE_OK;
	sqlite3_stmt	*st = store_stmt(s, id);
	int		 bound;

	if (store_batch_join(s) == -1)
		return -1;
	bound = sqlite3_bind_int64(st, 1, source) |
	    sqlite3_bind_int64(st, 2, h->attempt) |
	    sqlite3_bind_int64(st, 3, h->status);
	if (id == STMT_SOURCE_SAME)
		bound |= store_bind_text(st, 4, h->etag) |
		    store_bind_text(st, 5, h->last_modified);
	else if (h->ok)
		bound |= store_bind_ok(st, h);
	else
		bound |= store_bind_str(st, 4,
		    h->error != NULL ? h->error : "unknown error");
	if (store_run(s, id, bound, "cannot record source health in") == -1 ||
	    store_changed(s, "source", source) == -1)
		return -1;
	if (h->ok)
		store_valid_note(s, source, h);
	return s->batch >= STORE_BATCH_MAX ? store_sync(s) : 0;
}

/* Whether the source has seen this key: 1, 0, or -1 on error. */
int
store_item_seen(struct store *s, int64_t source, const char *key)
{
	sqlite3_stmt	*st = store_stmt(s, STMT_ITEM_SEEN);
	int		 rc;

	rc = store_first(s, STMT_ITEM_SEEN, sqlite3_bind_int64(st, 1, source) |
	    store_bind_str(st, 2, key), "cannot look up item in");
	store_done(st);
	return rc;
}

/*
 * Make entries for the identity's keys asked for, in one question: a key
 * that rows hold already gets a dead one (SQLite answers for it).
 */
static int
store_known_ask(struct store *s, const struct store_ident *id,
    const struct store_hashes *h, int link, int title)
{
	sqlite3_stmt	*st = store_stmt(s, STMT_STORY_KEYS);
	int		 rc, held_link = 0, held_title = 0;

	rc = store_first(s, STMT_STORY_KEYS, store_bind_text(st, 1,
	    link ? id->link_key : NULL) | store_bind_text(st, 2,
	    title ? id->title_key : NULL), "cannot look up story in");
	if (rc == 1) {
		held_link = sqlite3_column_int(st, 0);
		held_title = sqlite3_column_int(st, 1);
	}
	store_done(st);
	if (rc != 1)
		return -1;
	if (s->links == NULL)
		store_known_make(s);
	if (link)
		store_known_put(s, s->links, STORE_LINKS, h->link,
		    id->link_key, held_link);
	if (title)
		store_known_put(s, s->titles, STORE_TITLES, h->title,
		    id->title_key, held_title);
	return 0;
}

/* The first row of another source under a link's entry (id 0: none). */
static struct store_link_row
store_known_by_link(const struct store_known *e, int64_t source)
{
	struct store_link_row	 none = { 0, 0, 0 };

	if (e == NULL || e->n == 0)
		return none;
	if (e->link[0].source != source)
		return e->link[0];
	return e->n == 2 ? e->link[1] : none;
}

/*
 * The first of the first STORE_TITLE_READ rows of other sources under a
 * title's entry that was first seen since and is alike, into *r (id 0:
 * none): 0, or -1 when the entry holds too few of them to tell.
 */
static int
store_known_by_title(const struct store_known *e, int64_t source,
    int64_t since, const struct store_ident *id, struct store_link_row *r)
{
	const struct store_row	*w;
	size_t			 i, read = 0;

	*r = (struct store_link_row){ 0, 0, 0 };
	if (e == NULL)
		return 0;
	for (i = 0; i < e->n && read < STORE_TITLE_READ; i++) {
		w = &e->rows[i];
		if (w->source == source)
			continue;
		read++;
		if (w->first_seen >= since && sim_alike(w->sketch,
		    w->sketchlen, id->sketch, id->sketchlen)) {
			*r = (struct store_link_row){ w->id, w->source,
			    w->story };
			return 0;
		}
	}
	return read == STORE_TITLE_READ || e->whole ? 0 : -1;
}

/*
 * The story another source carries under this identity, as
 * STMT_STORY_FIND finds it, from the known keys: 1 when they tell (*story
 * 0: none), 0 when SQLite must, -1 on error.
 */
static int
store_known_story(struct store *s, int64_t source,
    const struct store_ident *id, const struct store_hashes *h, int64_t *story)
{
	struct store_known	*l = NULL, *t = NULL;
	struct store_link_row	 a, b;
	int			 ask_l, ask_t;

	if (id->link_key != NULL)
		l = store_known_get(s, s->links, STORE_LINKS, h->link,
		    id->link_key);
	if (id->title_key != NULL)
		t = store_known_get(s, s->titles, STORE_TITLES, h->title,
		    id->title_key);
	ask_l = id->link_key != NULL && l == NULL;
	ask_t = id->title_key != NULL && t == NULL;
	if ((ask_l || ask_t) && store_known_ask(s, id, h, ask_l, ask_t) == -1)
		return -1;
	if (ask_l)
		l = store_known_get(s, s->links, STORE_LINKS, h->link,
		    id->link_key);
	if (ask_t)
		t = store_known_get(s, s->titles, STORE_TITLES, h->title,
		    id->title_key);
	if ((l != NULL && l->dead) || (t != NULL && t->dead))
		return 0;
	a = store_known_by_link(l, source);
	if (store_known_by_title(t, source, store_now() - STORE_STORY_WINDOW,
	    id, &b) == -1)
		return 0;
	if (a.id == 0 || (b.id != 0 && b.id < a.id))
		a = b;
	*story = a.story;
	return 1;
}

/* Note a row recorded under the identity in the known keys it holds. */
static void
store_known_add(struct store *s, int64_t source, const struct store_ident *id,
    const struct store_hashes *h, int64_t item, int64_t story, int64_t now)
{
	struct store_known	*e;
	struct store_row	 r;

	if (id->link_key != NULL && (e = store_known_get(s, s->links,
	    STORE_LINKS, h->link, id->link_key)) != NULL && !e->dead)
		store_known_link(e, &(struct store_link_row){ item, source,
		    story });
	if (id->title_key == NULL || (e = store_known_get(s, s->titles,
	    STORE_TITLES, h->title, id->title_key)) == NULL || e->dead)
		return;
	if (id->sketchlen > sizeof(r.sketch)) {
		e->dead = 1;
		return;
	}
	r.id = item;
	r.source = source;
	r.first_seen = now;
	r.story = story;
	r.sketchlen = id->sketchlen;
	if (id->sketchlen > 0)
		memcpy(r.sketch, id->sketch, id->sketchlen);
	store_known_title(e, &r);
}

/* The id of a story another source carries under this identity, or 0. */
static int
store_story_find(struct store *s, int64_t source,
    const struct store_ident *id, const struct store_hashes *h, int64_t *story)
{
	sqlite3_stmt	*st = store_stmt(s, STMT_STORY_FIND);
	int		 rc;

	*story = 0;
	if (id->link_key == NULL && id->title_key == NULL)
		return 0;
	if ((rc = store_known_story(s, source, id, h, story)) != 0)
		return rc == 1 ? 0 : -1;
	rc = store_first(s, STMT_STORY_FIND, sqlite3_bind_int64(st, 1, source) |
	    store_bind_text(st, 2, id->link_key) |
	    store_bind_text(st, 3, id->title_key) |
	    sqlite3_bind_int64(st, 4, store_now() - STORE_STORY_WINDOW) |
	    store_bind_sketch(st, 5, id),
	    "cannot look up story in");
	if (rc == 1)
		*story = sqlite3_column_int64(st, 0);
	store_done(st);
	return rc == -1 ? -1 : 0;
}

/* Bind a new item's columns, joined to story (0: a story of its own). */
static int
store_bind_item(sqlite3_stmt *st, int64_t source, const struct store_ident *id,
    const struct item *it, int64_t story, int64_t now)
{
	return sqlite3_bind_int64(st, 1, source) |
	    store_bind_str(st, 2, id->key) |
	    store_bind_text(st, 3, it->title) |
	    store_bind_text(st, 4, it->link) |
	    store_bind_time(st, 5, it->published) |
	    sqlite3_bind_int64(st, 6, now) |
	    store_bind_text(st, 7, id->link_key) |
	    store_bind_text(st, 8, id->title_key) |
	    store_bind_text(st, 9, id->digest) |
	    (story ? sqlite3_bind_int64(st, 10, story) :
	    sqlite3_bind_null(st, 10)) |
	    store_bind_sketch(st, 11, id);
}

/*
 * Whether the unit's own rows are all the source has to find an item
 * among: 1 when the source had no item when the unit first asked, 0 when
 * it had one (or outside a unit), -1 on error.
 */
static int
store_fresh_known(struct store *s, int64_t source)
{
	struct store_fresh	*f = &s->fresh;
	sqlite3_stmt		*st = store_stmt(s, STMT_SOURCE_EMPTY);
	int			 rc;

	if (!s->unit)
		return 0;
	if (f->source == source)
		return f->empty;
	store_fresh_forget(f);
	rc = store_first(s, STMT_SOURCE_EMPTY, sqlite3_bind_int64(st, 1,
	    source), "cannot look up item in");
	if (rc == 1)
		f->empty = sqlite3_column_int(st, 0) != 0;
	store_done(st);
	if (rc == -1)
		return -1;
	f->source = source;
	return f->empty;
}

/* Whether the unit's rows of the source are noted in the fresh set. */
static int
store_fresh_noting(const struct store *s, int64_t source)
{
	return s->unit && s->fresh.source == source && s->fresh.empty;
}

/* Note the identity (hashed) a row of the source took in this unit. */
static void
store_fresh_note(struct store *s, int64_t source, const struct store_hashes *h)
{
	struct store_fresh	*f = &s->fresh;

	if (!store_fresh_noting(s, source))
		return;
	store_fresh_put(f, h->key);
	if (h->link != 0)
		store_fresh_put(f, h->link);
	if (h->title != 0)
		store_fresh_put(f, h->title);
}

/* Whether a row the unit gave the source may hold one of the identity's. */
static int
store_fresh_may_hold(const struct store_fresh *f, const struct store_hashes *h)
{
	return store_fresh_has(f, h->key) ||
	    (h->link != 0 && store_fresh_has(f, h->link)) ||
	    (h->title != 0 && store_fresh_has(f, h->title));
}

/* Record a new item, joining the story another source already carries. */
int
store_item_record(struct store *s, int64_t source,
    const struct store_ident *id, const struct item *it, int64_t *item_id)
{
	sqlite3_stmt		*st = store_stmt(s, STMT_ITEM_ADD);
	struct store_hashes	 h;
	int64_t			 story, now = store_now();

	store_hash_ident(id, &h);
	if (store_story_find(s, source, id, &h, &story) == -1)
		return -1;
	if (store_run(s, STMT_ITEM_ADD, store_bind_item(st, source, id, it,
	    story, now), "cannot record item in") == -1)
		return -1;
	*item_id = sqlite3_last_insert_rowid(s->db);
	s->lone = story == 0 ? *item_id : 0;
	s->recorded = *item_id;
	s->recorded_story = story ? story : *item_id;
	store_known_add(s, source, id, &h, *item_id, story ? story : *item_id,
	    now);
	store_fresh_note(s, source, &h);
	return 0;
}

/* Remember an item under its key alone. */
int
store_item_add(struct store *s, int64_t source, const char *key,
    const struct item *it, int64_t *item_id)
{
	struct store_ident	 id = { key, NULL, NULL, NULL, NULL, 0, 0 };

	return store_item_record(s, source, &id, it, item_id);
}

/* Stamp a known item seen now, under its latest key, title and digest. */
static int
store_item_touch(struct store *s, int64_t item_id,
    const struct store_ident *id, const struct item *it)
{
	sqlite3_stmt	*st = store_stmt(s, STMT_ITEM_TOUCH);

	store_known_forget(s);
	return store_run(s, STMT_ITEM_TOUCH, sqlite3_bind_int64(st, 1, item_id) |
	    store_bind_str(st, 2, id->key) |
	    sqlite3_bind_int64(st, 3, store_now()) |
	    store_bind_text(st, 4, id->digest) |
	    store_bind_text(st, 5, it->title) |
	    store_bind_text(st, 6, it->link) |
	    store_bind_text(st, 7, id->link_key) |
	    store_bind_text(st, 8, id->title_key) |
	    store_bind_sketch(st, 9, id), "cannot update item in");
}

/* Find a source's item by key, link or recent title; see store.h. */
int
store_item_find(struct store *s, int64_t source, const struct store_ident *id,
    const struct item *it, int64_t *item_id, int *changed)
{
	sqlite3_stmt		*st = store_stmt(s, STMT_ITEM_FIND);
	struct store_hashes	 h = { 0, 0, 0 };
	int64_t			 now = store_now();
	int			 rc, same = 0;

	rc = store_fresh_known(s, source);
	if (rc == 1)
		store_hash_ident(id, &h);
	if (rc == -1 || (rc == 1 && !store_fresh_may_hold(&s->fresh, &h)))
		return rc == -1 ? -1 : 0;
	rc = store_first(s, STMT_ITEM_FIND, sqlite3_bind_int64(st, 1, source) |
	    store_bind_str(st, 2, id->key) |
	    store_bind_text(st, 3, id->link_key) |
	    store_bind_text(st, 4, id->title_key) |
	    store_bind_text(st, 5, id->digest) |
	    sqlite3_bind_int64(st, 6, now - STORE_STORY_WINDOW) |
	    store_bind_sketch(st, 7, id) |
	    store_bind_text(st, 8, it->title) |
	    store_bind_text(st, 9, it->link) |
	    sqlite3_bind_int64(st, 10, now - id->slack),
	    "cannot look up item in");
	if (rc == 1) {
		*item_id = sqlite3_column_int64(st, 0);
		*changed = sqlite3_column_int(st, 1);
		same = sqlite3_column_int(st, 2);
	}
	store_done(st);
	if (rc == 1 && !same && store_item_touch(s, *item_id, id, it) == -1)
		return -1;
	store_fresh_note(s, source, &h);
	return rc;
}

/*
 * Bind parameter i to the story of the item, when it is the one just
 * recorded: its alerts would otherwise look the item up again for it.
 */
static int
store_bind_story(struct store *s, sqlite3_stmt *st, int i, int64_t item_id)
{
	if (s->recorded == 0 || item_id != s->recorded)
		return SQLITE_OK;
	return sqlite3_bind_int64(st, i, s->recorded_story);
}

/* Whether the item's story alerted for topic; adds source to that alert. */
int
store_alert_known(struct store *s, int64_t item_id, const char *topic,
    const char *source)
{
	sqlite3_stmt	*st = store_stmt(s, STMT_ALERT_KNOWN);
	sqlite3_stmt	*up = store_stmt(s, STMT_ALERT_SOURCE);
	int64_t		 alert_id = 0;
	int		 rc;

	/* A story begun by the item just recorded has no alert to find. */
	if (s->lone != 0 && item_id == s->lone)
		return 0;
	rc = store_first(s, STMT_ALERT_KNOWN, sqlite3_bind_int64(st, 1,
	    item_id) | store_bind_str(st, 2, topic) |
	    store_bind_story(s, st, 3, item_id), "cannot look up alert in");
	if (rc == 1)
		alert_id = sqlite3_column_int64(st, 0);
	store_done(st);
	if (rc != 1)
		return rc;
	if (s->unit) {
		store_mentions_add(&s->mentions, alert_id, source);
		return 1;
	}
	if (store_run(s, STMT_ALERT_SOURCE, sqlite3_bind_int64(up, 1,
	    alert_id) | store_bind_str(up, 2, source),
	    "cannot add a source to an alert in") == -1)
		return -1;
	return 1;
}

/* The source's seen_floor (migration 11) into *floor. */
static int
store_seen_floor(struct store *s, int64_t source, int64_t *floor)
{
	sqlite3_stmt	*st = store_stmt(s, STMT_SOURCE_FLOOR);
	int		 rc;

	rc = store_first(s, STMT_SOURCE_FLOOR, sqlite3_bind_int64(st, 1,
	    source), "cannot read source from");
	*floor = rc == 1 ? sqlite3_column_int64(st, 0) : 0;
	store_done(st);
	return rc == -1 ? -1 : 0;
}

/*
 * Forget the source's items last seen before cutoff, reading them only
 * when its floor says one may be: most prunes have nothing to do.
 */
static int
store_prune_items(struct store *s, int64_t source, int64_t cutoff)
{
	sqlite3_stmt	*items = store_stmt(s, STMT_PRUNE_ITEMS);
	sqlite3_stmt	*floor = store_stmt(s, STMT_SOURCE_FLOOR_SET);
	int64_t		 lowest;

	if (store_seen_floor(s, source, &lowest) == -1)
		return -1;
	if (lowest >= cutoff)
		return 0;
	store_known_forget(s);
	if (store_run(s, STMT_PRUNE_ITEMS, sqlite3_bind_int64(items, 1, source) |
	    sqlite3_bind_int64(items, 2, cutoff), "cannot prune items in") == -1)
		return -1;
	return store_run(s, STMT_SOURCE_FLOOR_SET, sqlite3_bind_int64(floor, 1,
	    source) | sqlite3_bind_int64(floor, 2, store_now()),
	    "cannot prune items in");
}

/* Forget what the source last showed before cutoff, and old delivered alerts. */
int
store_prune(struct store *s, int64_t source, int64_t cutoff)
{
	sqlite3_stmt	*alerts = store_stmt(s, STMT_PRUNE_ALERTS);

	if (store_prune_items(s, source, cutoff) == -1)
		return -1;
	return store_run(s, STMT_PRUNE_ALERTS, sqlite3_bind_int64(alerts, 1,
	    cutoff), "cannot prune alerts in");
}

/* Whether the source's first poll was recorded: 1, 0, or -1 on error. */
int
store_source_primed(struct store *s, int64_t source)
{
	sqlite3_stmt	*st = store_stmt(s, STMT_SOURCE_PRIMED);
	int		 rc;

	rc = store_first(s, STMT_SOURCE_PRIMED, sqlite3_bind_int64(st, 1,
	    source), "cannot read source from");
	if (rc == 1)
		rc = sqlite3_column_int(st, 0) != 0;
	store_done(st);
	return rc;
}

/* Record that the source had its first poll. */
int
store_source_prime(struct store *s, int64_t source)
{
	return store_run(s, STMT_SOURCE_PRIME, sqlite3_bind_int64(
	    store_stmt(s, STMT_SOURCE_PRIME), 1, source), "cannot update source in");
}

/* Queue an alert for delivery; it carries all delivery needs. */
int
store_alert_add(struct store *s, int64_t item_id, struct alert *a)
{
	sqlite3_stmt	*st = store_stmt(s, STMT_ALERT_ADD);
	int		 bound;

	bound = sqlite3_bind_int64(st, 1, item_id) |
	    store_bind_str(st, 2, a->topic) |
	    store_bind_str(st, 3, a->title) |
	    store_bind_text(st, 4, a->link) |
	    store_bind_str(st, 5, a->source) |
	    store_bind_str(st, 6, a->terms) |
	    store_bind_str(st, 7, a->snippet) |
	    store_bind_size(st, 8, a->hl_start) |
	    store_bind_size(st, 9, a->hl_end) |
	    sqlite3_bind_int(st, 10, (int)a->urgency) |
	    store_bind_time(st, 11, a->published) |
	    sqlite3_bind_int64(st, 12, store_now()) |
	    store_bind_story(s, st, 13, item_id);
	if (item_id == s->lone)
		s->lone = 0;
	if (store_run(s, STMT_ALERT_ADD, bound, "cannot record alert in") == -1)
		return -1;
	a->id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

/* Mark an alert delivered; marking it twice keeps the first time. */
int
store_alert_delivered(struct store *s, int64_t alert_id)
{
	sqlite3_stmt	*st = store_stmt(s, STMT_ALERT_DELIVERED);
	int		 bound;

	bound = sqlite3_bind_int64(st, 1, alert_id) |
	    sqlite3_bind_int64(st, 2, store_now());
	if (store_run(s, STMT_ALERT_DELIVERED, bound,
	    "cannot mark alert delivered in") == -1)
		return -1;
	return store_changed(s, "alert", alert_id);
}

/* Fill an alert from a pending row, owning copies of its strings. */
static void
store_alert_read(sqlite3_stmt *st, struct alert *a)
{
	memset(a, 0, sizeof(*a));
	a->id = sqlite3_column_int64(st, 0);
	a->topic = store_dup(st, 1, 1);
	a->title = store_dup(st, 2, 1);
	a->link = store_dup(st, 3, 0);
	a->source = store_dup(st, 4, 1);
	a->terms = store_dup(st, 5, 1);
	a->snippet = store_dup(st, 6, 1);
	a->hl_start = store_col_size(st, 7);
	a->hl_end = store_col_size(st, 8);
	a->urgency = store_col_urgency(st, 9);
	a->published = store_col_time(st, 10, ITEM_NO_TIME);
	a->sources = (unsigned)sqlite3_column_int(st, 11);
	a->story = sqlite3_column_int64(st, 12);
	a->flood = store_col_size(st, 13);
}

/*
 * A pending alert's place in the fair order: its round (its source's or its
 * topic's how-manieth pending alert, whichever is less), then its age.
 */
struct store_turn {
	int64_t		 id;
	uint64_t	 source, topic;	/* hashes of their names */
	size_t		 round;
};

/* The hash of a name column, kind-prefixed (a source and a topic differ). */
static uint64_t
store_name_hash(sqlite3_stmt *st, int col, unsigned char kind)
{
	const unsigned char	*p = sqlite3_column_text(st, col);
	int			 i, len = sqlite3_column_bytes(st, col);
	uint64_t		 h = hash_fnv_step(HASH_FNV_BASIS, kind);

	for (i = 0; p != NULL && i < len; i++)
		h = hash_fnv_step(h, p[i]);
	return h | 1;	/* 0 marks a free slot */
}

/* One more alert under the name hashed h; how many so far (open addressing). */
static size_t
store_tally(uint64_t *key, size_t *count, size_t mask, uint64_t h)
{
	size_t	 i = (size_t)h & mask;

	while (key[i] != 0 && key[i] != h)
		i = (i + 1) & mask;
	key[i] = h;
	return ++count[i];
}

/* Order turns by round, then age. */
static int
store_turn_cmp(const void *a, const void *b)
{
	const struct store_turn	*x = a, *y = b;

	if (x->round != y->round)
		return x->round < y->round ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

/* Read every pending alert's id and names, oldest first, into *v. */
static int
store_turns_read(struct store *s, struct store_turn **v, size_t *n)
{
	sqlite3_stmt	*st = store_stmt(s, STMT_ALERT_TURNS);
	const char	*what = "cannot read pending alerts from";
	size_t		 cap = 0;
	int		 rc;

	rc = store_first(s, STMT_ALERT_TURNS, SQLITE_OK, what);
	for (; rc == 1; rc = store_next(s, STMT_ALERT_TURNS, what)) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*v = xreallocarray(*v, cap, sizeof(**v));
		}
		(*v)[*n].id = sqlite3_column_int64(st, 0);
		(*v)[*n].source = store_name_hash(st, 1, 's');
		(*v)[*n].topic = store_name_hash(st, 2, 't');
		(*n)++;
	}
	store_done(st);
	return rc;
}

/*
 * Give each turn its round and sort them. The rounds are counted in C, in
 * one pass: SQL's window functions ranked every pending alert twice on
 * each read, and a flood is read many times over. Two names whose hashes
 * collide share their counts: the order changes a little, nothing is lost.
 */
static void
store_turns_order(struct store_turn *v, size_t n)
{
	size_t		 cap = 16, i, rs, rt, *count;
	uint64_t	*key;

	while (cap < 4 * n)
		cap *= 2;
	key = xcalloc(cap, sizeof(*key));
	count = xcalloc(cap, sizeof(*count));
	for (i = 0; i < n; i++) {
		rs = store_tally(key, count, cap - 1, v[i].source);
		rt = store_tally(key, count, cap - 1, v[i].topic);
		v[i].round = rs < rt ? rs : rt;
	}
	free(key);
	free(count);
	qsort(v, n, sizeof(*v), store_turn_cmp);
}

/* Append the alert of that id to a growing array; -1 on error. */
static int
store_alert_one(struct store *s, int64_t id, struct alert *v, size_t *n)
{
	sqlite3_stmt	*st = store_stmt(s, STMT_ALERT_ONE);
	int		 rc;

	rc = store_first(s, STMT_ALERT_ONE, sqlite3_bind_int64(st, 1, id),
	    "cannot read pending alerts from");
	if (rc == 1)
		store_alert_read(st, &v[(*n)++]);
	store_done(st);
	return rc == -1 ? -1 : 0;
}

/*
 * Up to max undelivered alerts, in rounds fair to every source and topic:
 * each one's first pending alert, then each one's second, and so on,
 * oldest first within a round, so a source (or topic) that floods delays
 * no other.
 */
int
store_alert_pending(struct store *s, size_t max, struct alert **v, size_t *n)
{
	struct store_turn	*t = NULL;
	size_t			 nt = 0, i;
	int			 rc;

	*v = NULL;
	*n = 0;
	if (store_mentions_write(s) == -1)
		return -1;
	rc = store_turns_read(s, &t, &nt);
	if (rc == 0 && nt > 0) {
		store_turns_order(t, nt);
		*v = xcalloc(nt < max ? nt : max, sizeof(**v));
		for (i = 0; i < nt && i < max && rc == 0; i++)
			rc = store_alert_one(s, t[i].id, *v, n);
	}
	free(t);
	if (rc == 0)
		return 0;
	store_alerts_free(*v, *n);
	*v = NULL;
	*n = 0;
	return -1;
}

/* Free an array from store_alert_pending(). */
void
store_alerts_free(struct alert *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		alert_clear(&v[i]);
	free(v);
}

/* Run a count(*) statement into n. */
static int
store_count(struct store *s, enum store_stmt id, int bound, const char *what,
    size_t *n)
{
	int	 rc = store_first(s, id, bound, what);

	if (rc == 1)
		*n = store_col_size(store_stmt(s, id), 0);
	store_done(store_stmt(s, id));
	return rc == 1 ? 0 : -1;
}

/* The number of undelivered alerts. */
int
store_alert_count_pending(struct store *s, size_t *n)
{
	return store_count(s, STMT_ALERT_COUNT, SQLITE_OK,
	    "cannot count pending alerts in", n);
}

/* The number of alerts recorded since a time. */
int
store_alert_count_since(struct store *s, int64_t since, size_t *n)
{
	return store_count(s, STMT_ALERT_SINCE,
	    sqlite3_bind_int64(store_stmt(s, STMT_ALERT_SINCE), 1, since),
	    "cannot count alerts in", n);
}

/* Borrow a history row's columns. */
static void
store_history_read(sqlite3_stmt *st, struct store_history_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->topic = store_text(st, 1);
	r->title = store_text(st, 2);
	r->link = (const char *)sqlite3_column_text(st, 3);
	r->source = store_text(st, 4);
	r->terms = store_text(st, 5);
	r->urgency = store_col_urgency(st, 6);
	r->published = store_col_time(st, 7, ITEM_NO_TIME);
	r->created = sqlite3_column_int64(st, 8);
	r->delivered = store_col_time(st, 9, 0);
	r->sources = store_text(st, 10);
}

/* Hand the alerts q selects, newest first, to cb. */
int
store_history(struct store *s, const struct store_history_query *q,
    int (*cb)(const struct store_history_row *, void *), void *arg)
{
	sqlite3_stmt		*st = store_stmt(s, STMT_ALERT_HISTORY);
	const char		*what = "cannot read alert history from";
	struct store_history_row r;
	int			 rc;

	if (store_mentions_write(s) == -1)
		return -1;
	rc = store_first(s, STMT_ALERT_HISTORY, store_bind_size(st, 1, q->max) |
	    store_bind_text(st, 2, q->topic) |
	    sqlite3_bind_int64(st, 3, q->since), what);
	while (rc == 1) {
		store_history_read(st, &r);
		rc = cb(&r, arg) != 0 ? 0 :
		    store_next(s, STMT_ALERT_HISTORY, what);
	}
	store_done(st);
	return rc;
}

/* Borrow a source row's columns. */
static void
store_source_read(sqlite3_stmt *st, struct store_source_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->name = store_text(st, 1);
	r->last_attempt = store_col_time(st, 2, 0);
	r->last_success = store_col_time(st, 3, 0);
	r->last_status = (long)sqlite3_column_int64(st, 4);
	r->failures = (long)sqlite3_column_int64(st, 5);
	r->last_error = (const char *)sqlite3_column_text(st, 6);
	r->bytes = store_col_size(st, 7);
	r->items = store_col_size(st, 8);
	r->seen = store_col_size(st, 9);
	r->repaired = store_col_size(st, 10);
	r->unreadable = store_col_size(st, 11);
	r->read_note = (const char *)sqlite3_column_text(st, 12);
}

/* Hand each row of a statement over sources to cb. */
static int
store_source_rows(struct store *s, enum store_stmt id,
    int (*cb)(const struct store_source_row *, void *), void *arg)
{
	const char		*what = "cannot read sources from";
	struct store_source_row	 r;
	int			 rc;

	rc = store_first(s, id, SQLITE_OK, what);
	while (rc == 1) {
		store_source_read(store_stmt(s, id), &r);
		rc = cb(&r, arg) != 0 ? 0 : store_next(s, id, what);
	}
	store_done(store_stmt(s, id));
	return rc;
}

/* Hand every source, by name, to cb. */
int
store_sources(struct store *s,
    int (*cb)(const struct store_source_row *, void *), void *arg)
{
	return store_source_rows(s, STMT_SOURCE_LIST, cb, arg);
}

/* Hand every source to cb, without its count of items remembered. */
int
store_source_states(struct store *s,
    int (*cb)(const struct store_source_row *, void *), void *arg)
{
	return store_source_rows(s, STMT_SOURCE_STATES, cb, arg);
}

/*
 * The alerts of `raqib report`'s window, dated by their item's
 * publication unless it is missing or later than the alert; an alert's
 * own time bounds it, so the index on created narrows the scan. A story
 * is its story_id, or its alert alone when it has none.
 */
#define STORE_REPORT_ALERTS "WITH a AS (SELECT coalesce(story_id, -id)" \
	" AS story, topic, title, link, coalesce(sources, source) AS outlets," \
	" min(coalesce(published, created), created) AS t" \
	" FROM alerts WHERE created >= ?1) "
/* Outlet names hold no space: ", " separates them. */
#define STORE_REPORT_DAYS STORE_REPORT_ALERTS \
	"SELECT topic, date(t, 'unixepoch', 'localtime') AS day, count(*)," \
	" sum(1 + (length(outlets) - length(replace(outlets, ', ', ''))) / 2)" \
	" FROM a WHERE t >= ?1 GROUP BY topic, day ORDER BY topic, day"
#define STORE_REPORT_OUTLETS STORE_REPORT_ALERTS \
	"SELECT a.topic, s.name, count(*) FROM a JOIN sources AS s" \
	" ON instr(', ' || a.outlets || ', ', ', ' || s.name || ', ') > 0" \
	" WHERE a.t >= ?1 GROUP BY a.topic, s.name" \
	" ORDER BY a.topic, count(*) DESC, s.name"
#define STORE_REPORT_STORIES STORE_REPORT_ALERTS \
	", w AS (SELECT story, max(t) AS last FROM a WHERE t >= ?1" \
	" GROUP BY story ORDER BY last DESC, story DESC LIMIT ?2)" \
	" SELECT a.story, a.topic, a.title, a.link, a.outlets, a.t" \
	" FROM a JOIN w USING (story) WHERE a.t >= ?1" \
	" ORDER BY w.last DESC, a.story DESC, a.topic"

/*
 * Prepare a statement of the report for one use (a command's, so not kept
 * with the daemon's) and bind its window and its limit, if it has one.
 */
static int
store_report_prepare(struct store *s, const char *sql, int64_t since,
    size_t max, sqlite3_stmt **st)
{
	int	 rc;

	if (store_mentions_write(s) == -1)
		return -1;
	if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
		return store_dbfail(s, "cannot read the report from");
	rc = sqlite3_bind_int64(*st, 1, since);
	if (rc == SQLITE_OK && sqlite3_bind_parameter_count(*st) > 1)
		rc = store_bind_size(*st, 2, max);
	return rc == SQLITE_OK ? 0 : store_dbfail(s,
	    "cannot read the report from");
}

/* Step a statement of the report: 1 with a row, 0 when done, -1 on error. */
static int
store_report_step(struct store *s, sqlite3_stmt *st)
{
	switch (sqlite3_step(st)) {
	case SQLITE_ROW:
		return 1;
	case SQLITE_DONE:
		return 0;
	default:
		return store_dbfail(s, "cannot read the report from");
	}
}

/* Hand each topic's stories and mentions per day to cb. */
int
store_report_days(struct store *s, int64_t since,
    int (*cb)(const struct store_report_day *, void *), void *arg)
{
	struct store_report_day	 d;
	sqlite3_stmt		*st = NULL;
	int			 rc;

	rc = store_report_prepare(s, STORE_REPORT_DAYS, since, 0, &st);
	if (rc == 0)
		rc = store_report_step(s, st);
	while (rc == 1) {
		d.topic = store_text(st, 0);
		d.day = store_text(st, 1);
		d.stories = store_col_size(st, 2);
		d.mentions = store_col_size(st, 3);
		rc = cb(&d, arg) != 0 ? 0 : store_report_step(s, st);
	}
	sqlite3_finalize(st);
	return rc;
}

/* Hand each topic's outlets, with their stories, to cb. */
int
store_report_outlets(struct store *s, int64_t since,
    int (*cb)(const struct store_report_outlet *, void *), void *arg)
{
	struct store_report_outlet	 o;
	sqlite3_stmt			*st = NULL;
	int				 rc;

	rc = store_report_prepare(s, STORE_REPORT_OUTLETS, since, 0, &st);
	if (rc == 0)
		rc = store_report_step(s, st);
	while (rc == 1) {
		o.topic = store_text(st, 0);
		o.source = store_text(st, 1);
		o.stories = store_col_size(st, 2);
		rc = cb(&o, arg) != 0 ? 0 : store_report_step(s, st);
	}
	sqlite3_finalize(st);
	return rc;
}

/* Hand the newest stories, a row per topic, to cb. */
int
store_report_stories(struct store *s, int64_t since, size_t max,
    int (*cb)(const struct store_report_story *, void *), void *arg)
{
	struct store_report_story	 r;
	sqlite3_stmt			*st = NULL;
	int				 rc;

	rc = store_report_prepare(s, STORE_REPORT_STORIES, since, max, &st);
	if (rc == 0)
		rc = store_report_step(s, st);
	while (rc == 1) {
		r.id = sqlite3_column_int64(st, 0);
		r.topic = store_text(st, 1);
		r.title = store_text(st, 2);
		r.link = (const char *)sqlite3_column_text(st, 3);
		r.outlets = store_text(st, 4);
		r.when = sqlite3_column_int64(st, 5);
		rc = cb(&r, arg) != 0 ? 0 : store_report_step(s, st);
	}
	sqlite3_finalize(st);
	return rc;
}

/* Mark the pending alerts of muted topics delivered-as-muted. */
int
store_alert_mute_pending(struct store *s, size_t *n)
{
	sqlite3_stmt	*st = store_stmt(s, STMT_ALERT_MUTED);

	if (store_run(s, STMT_ALERT_MUTED, sqlite3_bind_int64(st, 1,
	    store_now()), "cannot mark muted alerts in") == -1)
		return -1;
	*n = (size_t)sqlite3_changes(s->db);
	return 0;
}

/* Whether the sink delivered the alert: 1, 0, or -1 on error. */
int
store_sink_done(struct store *s, int64_t alert_id, const char *sink)
{
	sqlite3_stmt	*st = store_stmt(s, STMT_SINK_DONE);
	int		 rc;

	rc = store_first(s, STMT_SINK_DONE, sqlite3_bind_int64(st, 1,
	    alert_id) | store_bind_str(st, 2, sink),
	    "cannot read deliveries from");
	store_done(st);
	return rc;
}

/* Record that one sink delivered the alert. */
int
store_sink_delivered(struct store *s, int64_t alert_id, const char *sink)
{
	sqlite3_stmt	*st = store_stmt(s, STMT_SINK_DELIVERED);

	return store_run(s, STMT_SINK_DELIVERED, sqlite3_bind_int64(st, 1,
	    alert_id) | store_bind_str(st, 2, sink) |
	    sqlite3_bind_int64(st, 3, store_now()),
	    "cannot record a delivery in");
}

/*
 * The sources with more than keep pending alerts, the most first: their
 * names into *name (owned, freed with store_floods_free) and how many wait
 * into *count. One pass over the pending alerts.
 */
int
store_alert_floods(struct store *s, size_t keep, char ***name,
    size_t **count, size_t *n)
{
	const char	*what = "cannot count pending alerts in";
	sqlite3_stmt	*st = store_stmt(s, STMT_ALERT_FLOODS);
	int		 rc;

	*name = NULL;
	*count = NULL;
	*n = 0;
	rc = store_first(s, STMT_ALERT_FLOODS, store_bind_size(st, 1, keep),
	    what);
	while (rc == 1) {
		*name = xreallocarray(*name, *n + 1, sizeof(**name));
		*count = xreallocarray(*count, *n + 1, sizeof(**count));
		(*name)[*n] = store_dup(st, 0, 1);
		(*count)[(*n)++] = store_col_size(st, 1);
		rc = store_next(s, STMT_ALERT_FLOODS, what);
	}
	store_done(st);
	if (rc == 0)
		return 0;
	store_floods_free(*name, *n);
	free(*count);
	*name = NULL;
	*count = NULL;
	*n = 0;
	return -1;
}

/* Free the names from store_alert_floods(). */
void
store_floods_free(char **name, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(name[i]);
	free(name);
}

/* Run a flood statement (?1 the source, ?2 the alerts kept less one). */
static int
store_flood_run(struct store *s, enum store_stmt id, const char *source,
    size_t keep)
{
	sqlite3_stmt	*st = store_stmt(s, id);
	int		 bound = store_bind_str(st, 1, source) |
			    store_bind_size(st, 2, keep - 1);

	if (id == STMT_ALERT_FLOOD_TRIM)
		bound |= sqlite3_bind_int64(st, 3, store_now());
	return store_run(s, id, bound, "cannot record a flood in");
}

/*
 * Record as delivered the source's pending alerts after its first keep (by
 * id: the order they came), their stories counted onto its first, in one
 * transaction: a count without its trim would be counted twice. *n
 * receives how many alerts.
 */
int
store_alert_flood_trim(struct store *s, const char *source, size_t keep,
    size_t *n)
{
	*n = 0;
	if (keep == 0)
		keep = 1;
	if (store_begin(s) == -1)
		return -1;
	if (store_flood_run(s, STMT_ALERT_FLOOD_MARK, source, keep) == -1 ||
	    store_flood_run(s, STMT_ALERT_FLOOD_TRIM, source, keep) == -1) {
		store_rollback(s);
		return -1;
	}
	*n = (size_t)sqlite3_changes(s->db);
	return store_commit(s);
}

/* Mute a topic until a time; muting again moves the time. */
int
store_mute(struct store *s, const char *topic, int64_t until)
{
	sqlite3_stmt	*st = store_stmt(s, STMT_MUTE_SET);

	return store_run(s, STMT_MUTE_SET, store_bind_str(st, 1, topic) |
	    sqlite3_bind_int64(st, 2, until), "cannot mute a topic in");
}

/* Unmute a topic: 1 when it was muted, 0 when not, -1 on error. */
int
store_unmute(struct store *s, const char *topic)
{
	sqlite3_stmt	*st = store_stmt(s, STMT_MUTE_DEL);

	if (store_run(s, STMT_MUTE_DEL, store_bind_str(st, 1, topic),
	    "cannot unmute a topic in") == -1)
		return -1;
	return sqlite3_changes(s->db) > 0;
}

/* Hand every topic muted now, with its end, to cb; as store_history(). */
int
store_mutes(struct store *s, int (*cb)(const char *, int64_t, void *),
    void *arg)
{
	sqlite3_stmt	*st = store_stmt(s, STMT_MUTE_LIST);
	const char	*what = "cannot read mutes from";
	int		 rc;

	rc = store_first(s, STMT_MUTE_LIST, sqlite3_bind_int64(st, 1,
	    store_now()), what);
	while (rc == 1)
		rc = cb(store_text(st, 0), sqlite3_column_int64(st, 1), arg) ?
		    0 : store_next(s, STMT_MUTE_LIST, what);
	store_done(st);
	return rc;
}

/*
 * An item's text as archived: title, summary and content, title first,
 * cut at a character to STORE_TEXT_MAX bytes in all; a NULL field stays
 * NULL.
 */
struct store_cut {
	const char	*v[3];
	int		 len[3];
};

/* Cut an item's text as it is archived. */
static void
store_cut_text(const struct item *it, struct store_cut *c)
{
	size_t	 room = STORE_TEXT_MAX, len;
	int	 i;

	c->v[0] = it->title;
	c->v[1] = it->summary;
	c->v[2] = it->content;
	for (i = 0; i < 3; i++) {
		len = c->v[i] != NULL ? strlen(c->v[i]) : 0;
		if (len > room) {
			len = room;
			while (len > 0 && ((unsigned char)c->v[i][len] & 0xc0) ==
			    0x80)
				len--;
		}
		room -= len;
		c->len[i] = (int)len;
	}
}

/* Bind the cut text to ?first and the two after it. */
static int
store_bind_cut(sqlite3_stmt *st, int first, const struct store_cut *c)
{
	int	 i, rc = 0;

	for (i = 0; i < 3; i++)
		rc |= c->v[i] == NULL ? sqlite3_bind_null(st, first + i) :
		    sqlite3_bind_text(st, first + i, c->v[i], c->len[i],
		    SQLITE_STATIC);
	return rc;
}

/* The memo's hash of a cut text. */
static uint64_t
store_cut_hash(const struct store_cut *c)
{
	uint64_t	 h = 0;
	int		 i;

	for (i = 0; i < 3; i++)
		h = hash_fnv_step(h, (uint32_t)c->len[i]) ^
		    (c->v[i] != NULL ? hash_fnv_text(c->v[i], (size_t)c->len[i]) :
		    0);
	return h;
}

/* The set of two keys a text's hash h falls in. */
static struct store_key *
store_key_set(struct store *s, uint64_t h)
{
	return &s->keys[h % (STORE_KEYS / 2) * 2];
}

/* The key a text of hash h may share: the newer of its set's, or 0. */
static int64_t
store_text_key(struct store *s, uint64_t h)
{
	const struct store_key	*k = store_key_set(s, h);

	if (k[0].id != 0 && k[0].hash == h)
		return k[0].id;
	if (k[1].id != 0 && k[1].hash == h)
		return k[1].id;
	return 0;
}

/*
 * Add an item's text, sharing key's entry if key holds that very text:
 * 1 added, with *own set when it has an entry of its own to make; 0 the
 * item has a text already; -1 on error.
 */
static int
store_text_add(struct store *s, int64_t item_id, const struct store_cut *c,
    int64_t key, int *own)
{
	enum store_stmt	 id = key != 0 ? STMT_TEXT_ADD : STMT_TEXT_ADD_OWN;
	sqlite3_stmt	*st = store_stmt(s, id);

	s->shares = 0;
	if (store_run(s, id, sqlite3_bind_int64(st, 1, item_id) |
	    store_bind_cut(st, 2, c) | (key != 0 ?
	    sqlite3_bind_int64(st, 5, key) : SQLITE_OK),
	    "cannot archive item text in") == -1)
		return -1;
	*own = !s->shares;
	return sqlite3_changes(s->db) > 0;
}

/* Put an edited text in place of an item's text; it has an entry of its own. */
static int
store_text_set(struct store *s, int64_t item_id, const struct store_cut *c)
{
	sqlite3_stmt	*st = store_stmt(s, STMT_TEXT_SET);

	return store_run(s, STMT_TEXT_SET, sqlite3_bind_int64(st, 1, item_id) |
	    store_bind_cut(st, 2, c), "cannot archive item text in");
}

/*
 * Archive an item's text, title first, within STORE_TEXT_MAX bytes. A text
 * archived lately word for word shares that item's index entry; any other
 * is indexed when the transaction commits (one of its own when none is
 * open: a text must not outlive a crash unindexed).
 */
int
store_item_text(struct store *s, int64_t item_id, const struct item *it,
    const struct text *title_tokens, const struct text *summary_tokens)
{
	struct store_cut	 c;
	struct store_key	*k;
	uint64_t		 h;
	int			 own = 1, tx = sqlite3_get_autocommit(s->db), rc;

	if (tx && store_begin(s) == -1)
		return -1;
	store_cut_text(it, &c);
	h = store_cut_hash(&c);
	rc = store_text_add(s, item_id, &c, store_text_key(s, h), &own);
	if (rc == 0)
		rc = store_text_set(s, item_id, &c);
	if (rc == -1) {
		if (tx)
			store_rollback(s);
		return -1;
	}
	if (own) {
		store_text_tokens(s, it->title, title_tokens);
		store_text_tokens(s, it->summary, summary_tokens);
		store_ids_add(&s->unindexed, item_id);
		k = store_key_set(s, h);
		k[1] = k[0];
		k[0] = (struct store_key){ h, item_id };
	}
	return tx ? store_commit(s) : 0;
}

/* Borrow an archived item's columns. */
static void
store_text_read(sqlite3_stmt *st, struct store_text_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->time = sqlite3_column_int64(st, 1);
	r->source = store_text(st, 2);
	r->title = (const char *)sqlite3_column_text(st, 3);
	r->summary = (const char *)sqlite3_column_text(st, 4);
	r->content = (const char *)sqlite3_column_text(st, 5);
	r->link = (const char *)sqlite3_column_text(st, 6);
	r->story = sqlite3_column_int64(st, 7);
}

/* Hand the archived items q selects, newest first, to cb. */
int
store_texts(struct store *s, const struct store_text_query *q,
    int (*cb)(const struct store_text_row *, void *), void *arg)
{
	enum store_stmt		 id;
	sqlite3_stmt		*st;
	const char		*what = "cannot search the archive in";
	const char		*filter = q->filter;
	struct store_text_row	 r;
	int			 rc;

	if (filter != NULL && *filter == '\0')
		filter = NULL;
	id = filter != NULL ? STMT_TEXT_FIND : STMT_TEXT_ALL;
	st = store_stmt(s, id);
	rc = store_first(s, id, store_bind_text(st, 1, filter) |
	    sqlite3_bind_int64(st, 2, q->since) |
	    store_bind_text(st, 3, q->source), what);
	while (rc == 1) {
		store_text_read(st, &r);
		rc = cb(&r, arg) != 0 ? 0 : store_next(s, id, what);
	}
	store_done(st);
	return rc;
}

/* Hand the alerts on archived items dated since, newest first, to cb. */
int
store_alert_stories(struct store *s, int64_t since,
    int (*cb)(const struct store_story_row *, void *), void *arg)
{
	sqlite3_stmt		*st = store_stmt(s, STMT_ALERT_STORIES);
	const char		*what = "cannot read alerts from";
	struct store_story_row	 r;
	int			 rc;

	rc = store_first(s, STMT_ALERT_STORIES, sqlite3_bind_int64(st, 1, since),
	    what);
	while (rc == 1) {
		r.topic = store_text(st, 0);
		r.story = sqlite3_column_int64(st, 1);
		r.title = store_text(st, 2);
		r.source = store_text(st, 3);
		r.time = sqlite3_column_int64(st, 4);
		rc = cb(&r, arg) != 0 ? 0 :
		    store_next(s, STMT_ALERT_STORIES, what);
	}
	store_done(st);
	return rc;
}
