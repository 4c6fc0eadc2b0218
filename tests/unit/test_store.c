/* test_store: the database as the daemon and a user see it, on real files. */
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "buf.h"
#include "compat.h"
#include "item.h"
#include "match.h"
#include "sim.h"
#include "store.h"
#include "text.h"
#include "sketch.h"

/* Bump together with the migration table in store.c. */
#define SCHEMA_VERSION	12
#define NOBODY		65534

struct fx {
	char		 dir[PATH_MAX];	/* private temp dir, removed after */
	char		 db[PATH_MAX];	/* dir/state/raqib.db: state/ is missing */
	char		 err[512];
	struct store	*s;
};

/* The bytes and modification time of a file, to prove it was not touched. */
struct snap {
	char		*bytes;
	size_t		 len;
	struct timespec	 mtime;
};

/* base + suffix into a PATH_MAX buffer; fails the test when it does not fit. */
static void
join(char *out, const char *base, const char *suffix)
{
	int	 n = snprintf(out, PATH_MAX, "%s%s", base, suffix);

	assert_true(n > 0 && n < PATH_MAX);
}

/* Remove a directory tree; tests only create plain files and dirs. */
static void
rm_tree(const char *path)
{
	struct dirent	*e;
	DIR		*d;
	char		 sub[PATH_MAX];

	if ((d = opendir(path)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 ||
			    strcmp(e->d_name, "..") == 0)
				continue;
			snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
			rm_tree(sub);
		}
		closedir(d);
		rmdir(path);
		return;
	}
	unlink(path);
}

/* A fresh temp dir and a database path whose parent does not exist yet. */
static int
setup(void **state)
{
	struct fx	*f = calloc(1, sizeof(*f));
	const char	*tmp = getenv("TMPDIR");

	if (f == NULL)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "%s/raqib-store.XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(f->dir) == NULL) {
		free(f);
		return -1;
	}
	*state = f;
	join(f->db, f->dir, "/state/raqib.db");
	return 0;
}

/* Close what the test left open and remove the temp dir. */
static int
teardown(void **state)
{
	struct fx	*f = *state;

	store_close(f->s);
	rm_tree(f->dir);
	free(f);
	return 0;
}

/* Open the fixture's database normally, failing the test with the message. */
static struct store *
open_db(struct fx *f)
{
	struct store	*s = store_open(f->db, STORE_NORMAL, f->err,
	    sizeof(f->err));

	if (s == NULL)
		fail_msg("store_open: %s", f->err);
	return s;
}

/* Expect store_open to refuse, and show the message the user would see. */
static void
expect_refused(struct fx *f, const char *path, enum store_mode mode)
{
	f->err[0] = '\0';
	assert_null(store_open(path, mode, f->err, sizeof(f->err)));
	printf("# refused: %s\n", f->err);
	assert_non_null(strstr(f->err, path));
}

/* The source's id, failing the test on error. */
static int64_t
source(struct store *s, const char *name)
{
	int64_t	 id = 0;

	assert_int_equal(store_source(s, name, &id), 0);
	return id;
}

/* Record an item inside the caller's transaction; return its id. */
static int64_t
add_item(struct store *s, int64_t src, const char *key)
{
	struct item	 it = { .title = (char *)"t", .link = NULL,
	    .published = ITEM_NO_TIME };
	int64_t		 id = 0;

	assert_int_equal(store_item_add(s, src, key, &it, &id), 0);
	assert_true(id > 0);
	return id;
}

/* An alert whose every field is set to something recognisable. */
static struct alert
make_alert(const char *topic, const char *link, int64_t published)
{
	struct alert	 a = {
		.topic = strdup(topic),
		.title = strdup("ندوة عن المعادن النادرة"),
		.link = link != NULL ? strdup(link) : NULL,
		.source = strdup("example-news"),
		.terms = strdup("المعادن النادرة, rare earth"),
		.snippet = strdup("… بالمعادن النادرة في آسيا الوسطى"),
		.hl_start = 4, .hl_end = 31,
		.urgency = ALERT_CRITICAL,
		.published = published
	};

	assert_non_null(a.topic);
	return a;
}

/* One item with one alert, committed together; returns the alert. */
static struct alert
add_item_with_alert(struct store *s, int64_t src, const char *key,
    const char *topic)
{
	struct alert	 a = make_alert(topic, "https://example.net/a",
	    1700000000);
	int64_t		 item;

	assert_int_equal(store_begin(s), 0);
	item = add_item(s, src, key);
	assert_int_equal(store_alert_add(s, item, &a), 0);
	assert_true(a.id > 0);
	assert_int_equal(store_commit(s), 0);
	return a;
}

/* Read a whole file with its mtime; a missing file gives len 0, bytes NULL. */
static struct snap
snap_file(const char *path)
{
	struct snap	 sn = { 0 };
	struct stat	 st;
	FILE		*fp;

	if (stat(path, &st) == -1)
		return sn;
	sn.mtime = st.st_mtim;
	sn.len = (size_t)st.st_size;
	assert_non_null(sn.bytes = malloc(sn.len + 1));
	assert_non_null(fp = fopen(path, "rb"));
	assert_int_equal(fread(sn.bytes, 1, sn.len, fp), sn.len);
	fclose(fp);
	return sn;
}

/* Assert a file is byte for byte and by mtime what it was; free the snap. */
static void
assert_unchanged(const char *path, struct snap *before)
{
	struct snap	 now = snap_file(path);

	assert_int_equal(now.len, before->len);
	assert_memory_equal(now.bytes, before->bytes, now.len);
	assert_int_equal(now.mtime.tv_sec, before->mtime.tv_sec);
	assert_int_equal(now.mtime.tv_nsec, before->mtime.tv_nsec);
	free(now.bytes);
	free(before->bytes);
}

/* Overwrite len bytes at off with a garbage pattern. */
static void
scribble(const char *path, off_t off, size_t len)
{
	char	 junk[4096];
	int	 fd;

	memset(junk, 0xa5, sizeof(junk));
	assert_true(len <= sizeof(junk));
	assert_true((fd = open(path, O_WRONLY | O_CREAT, 0600)) != -1);
	assert_int_equal(pwrite(fd, junk, len, off), (ssize_t)len);
	close(fd);
}

/* The 4-byte big-endian header field SQLite keeps user_version in. */
static uint32_t
header_user_version(const char *path)
{
	struct snap	 sn = snap_file(path);
	uint32_t	 v;

	assert_true(sn.len >= 100);
	v = (uint32_t)(unsigned char)sn.bytes[60] << 24 |
	    (uint32_t)(unsigned char)sn.bytes[61] << 16 |
	    (uint32_t)(unsigned char)sn.bytes[62] << 8 |
	    (uint32_t)(unsigned char)sn.bytes[63];
	free(sn.bytes);
	return v;
}

/* How many entries a directory holds (missing: -1). */
static int
count_entries(const char *path)
{
	struct dirent	*e;
	DIR		*d;
	int		 n = 0;

	if ((d = opendir(path)) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

/* A new item is new once per source, and seen after commit. */
static void
test_item_new_once_per_source_seen_after_commit(void **state)
{
	struct fx	*f = *state;
	int64_t		 a, b;

	f->s = open_db(f);
	a = source(f->s, "example-news");
	b = source(f->s, "realist");
	assert_int_not_equal(a, b);
	assert_int_equal(source(f->s, "example-news"), a);
	assert_int_equal(store_item_seen(f->s, a, "guid-1"), 0);
	assert_int_equal(store_begin(f->s), 0);
	add_item(f->s, a, "guid-1");
	assert_int_equal(store_commit(f->s), 0);
	assert_int_equal(store_item_seen(f->s, a, "guid-1"), 1);
	assert_int_equal(store_item_seen(f->s, b, "guid-1"), 0);
	assert_int_equal(store_item_seen(f->s, a, "guid-2"), 0);
}

/* Directories above the database are created, private to the user. */
static void
test_open_creates_missing_dirs_0700(void **state)
{
	struct fx	*f = *state;
	struct stat	 st;
	char		 dir[PATH_MAX];

	join(dir, f->dir, "/state");
	assert_int_equal(stat(dir, &st), -1);
	f->s = open_db(f);
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	assert_int_equal(stat(f->db, &st), 0);
}

/* A rollback loses the item and its alerts together (atomic outbox). */
static void
test_rollback_loses_item_and_alerts_together(void **state)
{
	struct fx	*f = *state;
	struct alert	 a = make_alert("rare-earths", NULL, ITEM_NO_TIME);
	int64_t		 src, item;
	size_t		 n = 99;

	f->s = open_db(f);
	src = source(f->s, "example-news");
	assert_int_equal(store_begin(f->s), 0);
	item = add_item(f->s, src, "guid-1");
	assert_int_equal(store_alert_add(f->s, item, &a), 0);
	store_rollback(f->s);
	assert_int_equal(store_item_seen(f->s, src, "guid-1"), 0);
	assert_int_equal(store_alert_count_pending(f->s, &n), 0);
	assert_int_equal(n, 0);
	store_rollback(f->s);	/* outside a transaction: harmless */
	alert_clear(&a);
}

/* Compare a stored alert with the one given to store_alert_add(). */
static void
assert_alert_equal(const struct alert *got, const struct alert *want)
{
	assert_int_equal(got->id, want->id);
	assert_string_equal(got->topic, want->topic);
	assert_string_equal(got->title, want->title);
	if (want->link == NULL)
		assert_null(got->link);
	else
		assert_string_equal(got->link, want->link);
	assert_string_equal(got->source, want->source);
	assert_string_equal(got->terms, want->terms);
	assert_string_equal(got->snippet, want->snippet);
	assert_int_equal(got->hl_start, want->hl_start);
	assert_int_equal(got->hl_end, want->hl_end);
	assert_int_equal(got->urgency, want->urgency);
	assert_int_equal(got->published, want->published);
}

/* Pending alerts survive a restart and come back oldest first, whole. */
static void
test_pending_alerts_survive_reopen_oldest_first(void **state)
{
	struct fx	*f = *state;
	struct alert	 want[3], *v;
	int64_t		 src;
	size_t		 n, i;

	f->s = open_db(f);
	src = source(f->s, "example-news");
	want[0] = add_item_with_alert(f->s, src, "k0", "kazakhstan");
	want[1] = add_item_with_alert(f->s, src, "k1", "c5plus1");
	want[2] = make_alert("rare-earths", NULL, ITEM_NO_TIME);
	free(want[2].terms);
	want[2].terms = strdup("");
	assert_int_equal(store_begin(f->s), 0);
	assert_int_equal(store_alert_add(f->s, add_item(f->s, src, "k2"),
	    &want[2]), 0);
	assert_int_equal(store_commit(f->s), 0);
	store_close(f->s);
	f->s = open_db(f);
	assert_int_equal(store_alert_pending(f->s, 10, &v, &n), 0);
	assert_int_equal(n, 3);
	for (i = 0; i < n; i++)
		assert_alert_equal(&v[i], &want[i]);
	store_alerts_free(v, n);
	assert_int_equal(store_alert_pending(f->s, 2, &v, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].id, want[0].id);
	store_alerts_free(v, n);
	for (i = 0; i < 3; i++)
		alert_clear(&want[i]);
}

/* An alert of topic from a source (its name in the alert), committed. */
static int64_t
add_alert_from(struct store *s, int64_t src, const char *source,
    const char *key, const char *topic)
{
	struct alert	 a = make_alert(topic, NULL, ITEM_NO_TIME);
	int64_t		 id;

	free(a.source);
	a.source = strdup(source);
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_alert_add(s, add_item(s, src, key), &a), 0);
	assert_int_equal(store_commit(s), 0);
	id = a.id;
	alert_clear(&a);
	return id;
}

/*
 * Pending alerts come in rounds fair to sources and topics: a source that
 * floods one topic delays neither another source's alert nor its own
 * alert of another topic.
 */
static void
test_pending_alerts_fair_to_sources_and_topics(void **state)
{
	static const size_t	 want[] = { 0, 3, 4, 1, 2 };
	struct fx		*f = *state;
	struct alert		*v;
	int64_t			 fl, qu, id[5];
	size_t			 n, i;

	f->s = open_db(f);
	fl = source(f->s, "flood");
	qu = source(f->s, "quiet");
	id[0] = add_alert_from(f->s, fl, "flood", "f0", "kazakhstan");
	id[1] = add_alert_from(f->s, fl, "flood", "f1", "kazakhstan");
	id[2] = add_alert_from(f->s, fl, "flood", "f2", "kazakhstan");
	id[3] = add_alert_from(f->s, qu, "quiet", "q0", "kazakhstan");
	id[4] = add_alert_from(f->s, fl, "flood", "f3", "c5plus1");
	assert_int_equal(store_alert_pending(f->s, 10, &v, &n), 0);
	assert_int_equal(n, 5);
	for (i = 0; i < n; i++)
		assert_int_equal(v[i].id, id[want[i]]);
	store_alerts_free(v, n);
}

/*
 * A flood's trim records the alerts after its first ones as delivered and
 * counts their stories onto its first pending alert, again at each trim,
 * so its summary tells the whole flood however often it was cut.
 */
static void
test_flood_trim_counts_onto_first(void **state)
{
	struct fx	*f = *state;
	struct alert	*v;
	char		 key[8];
	int64_t		 fl, first = 0, id;
	size_t		 n, cut = 0, i;

	f->s = open_db(f);
	fl = source(f->s, "flood");
	for (i = 0; i < 9; i++) {
		snprintf(key, sizeof(key), "f%zu", i);
		if (i == 6)
			assert_int_equal(store_alert_flood_trim(f->s, "flood",
			    2, &cut), 0);
		id = add_alert_from(f->s, fl, "flood", key, "kazakhstan");
		if (i == 0)
			first = id;
	}
	assert_int_equal(cut, 4);
	assert_int_equal(store_alert_flood_trim(f->s, "flood", 2, &cut), 0);
	assert_int_equal(cut, 3);
	assert_int_equal(store_alert_pending(f->s, 10, &v, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].id, first);
	assert_int_equal(v[0].flood, 7);
	assert_int_equal(v[1].flood, 0);
	store_alerts_free(v, n);
}

/* Collect history rows: ids and delivered flags, newest first. */
struct history {
	int64_t	 id[8];
	int	 delivered[8];
	char	 sources[8][64];
	size_t	 n;
	size_t	 stop;	/* stop after this many rows */
};

/* store_history() callback: remember the row. */
static int
history_cb(const struct store_history_row *r, void *arg)
{
	struct history	*h = arg;

	assert_non_null(r->topic);
	assert_non_null(r->terms);
	assert_true(r->created > 0);
	h->id[h->n] = r->id;
	h->delivered[h->n] = r->delivered != 0;
	snprintf(h->sources[h->n], sizeof(h->sources[0]), "%s", r->sources);
	return ++h->n == h->stop;
}

/* A delivered alert is no longer pending and shows as delivered in history. */
static void
test_delivered_alert_not_pending_history_shows_it(void **state)
{
	struct fx	*f = *state;
	struct alert	 a, b, *v;
	struct history	 h = { .stop = 8 };
	int64_t		 src;
	size_t		 n;

	f->s = open_db(f);
	src = source(f->s, "example-news");
	a = add_item_with_alert(f->s, src, "k0", "kazakhstan");
	b = add_item_with_alert(f->s, src, "k1", "c5plus1");
	assert_int_equal(store_alert_delivered(f->s, a.id), 0);
	assert_int_equal(store_alert_delivered(f->s, a.id), 0);
	assert_int_equal(store_alert_delivered(f->s, 999), -1);
	printf("# unknown alert: %s\n", store_error(f->s));
	assert_int_equal(store_alert_pending(f->s, 10, &v, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, b.id);
	store_alerts_free(v, n);
	assert_int_equal(store_alert_count_pending(f->s, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_history(f->s, &(struct store_history_query){ 10, NULL, 0 },
	    history_cb, &h), 0);
	assert_int_equal(h.n, 2);
	assert_int_equal(h.id[0], b.id);
	assert_int_equal(h.delivered[0], 0);
	assert_int_equal(h.id[1], a.id);
	assert_int_equal(h.delivered[1], 1);
	alert_clear(&a);
	alert_clear(&b);
}

/* Collect the mutes store_mutes hands out. */
static int
mutes_cb(const char *topic, int64_t until, void *arg)
{
	char	*out = arg;

	(void)until;
	strcat(out, topic);
	strcat(out, ";");
	return 0;
}

/* A muted topic's pending alerts become delivered-as-muted; unmute ends it. */
static void
test_mute_marks_pending_alerts_muted_unmute_ends_it(void **state)
{
	struct fx	*f = *state;
	struct alert	 a, b, c, *v;
	char		 topics[64] = "";
	int64_t		 src;
	size_t		 n;

	f->s = open_db(f);
	src = source(f->s, "example-news");
	a = add_item_with_alert(f->s, src, "k0", "kazakhstan");
	b = add_item_with_alert(f->s, src, "k1", "c5plus1");
	assert_int_equal(store_mute(f->s, "kazakhstan", time(NULL) + 60), 0);
	assert_int_equal(store_mute(f->s, "old", time(NULL) - 1), 0);
	assert_int_equal(store_mutes(f->s, mutes_cb, topics), 0);
	assert_string_equal(topics, "kazakhstan;");
	assert_int_equal(store_alert_mute_pending(f->s, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_alert_pending(f->s, 10, &v, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, b.id);
	store_alerts_free(v, n);
	assert_int_equal(store_unmute(f->s, "kazakhstan"), 1);
	assert_int_equal(store_unmute(f->s, "kazakhstan"), 0);
	c = add_item_with_alert(f->s, src, "k2", "kazakhstan");
	assert_int_equal(store_alert_mute_pending(f->s, &n), 0);
	assert_int_equal(n, 0);
	alert_clear(&a);
	alert_clear(&b);
	alert_clear(&c);
}

/* Each sink's delivery is recorded on its own, once. */
static void
test_sink_deliveries_recorded_per_sink(void **state)
{
	struct fx	*f = *state;
	struct alert	 a;
	int64_t		 src;

	f->s = open_db(f);
	src = source(f->s, "example-news");
	a = add_item_with_alert(f->s, src, "k0", "kazakhstan");
	assert_int_equal(store_sink_done(f->s, a.id, "desktop"), 0);
	assert_int_equal(store_sink_delivered(f->s, a.id, "desktop"), 0);
	assert_int_equal(store_sink_delivered(f->s, a.id, "desktop"), 0);
	assert_int_equal(store_sink_done(f->s, a.id, "desktop"), 1);
	assert_int_equal(store_sink_done(f->s, a.id, "exec:/bin/x a"), 0);
	alert_clear(&a);
}

/* Record one poll's outcome. */
static void
poll_ended(struct store *s, int64_t src, long status, const char *etag,
    const char *lm, const char *error)
{
	struct store_health	 h = {
		.attempt = 1700000000, .ok = error == NULL, .status = status,
		.error = error, .etag = etag, .last_modified = lm,
		.bytes = 1234, .items = 20
	};

	assert_int_equal(store_source_health(s, src, &h), 0);
}

/* Assert the validators a source would send next. */
static void
assert_validators(struct store *s, int64_t src, const char *etag,
    const char *lm)
{
	char	*e, *l;

	assert_int_equal(store_source_validators(s, src, &e, &l), 0);
	if (etag == NULL)
		assert_null(e);
	else
		assert_string_equal(e, etag);
	if (lm == NULL)
		assert_null(l);
	else
		assert_string_equal(l, lm);
	free(e);
	free(l);
}

/* Validators round-trip; a 304 without them keeps the old ones. */
static void
test_validators_round_trip_304_keeps_them(void **state)
{
	struct fx	*f = *state;
	const char	*lm = "Wed, 21 Oct 2015 07:28:00 GMT";
	int64_t		 src;

	f->s = open_db(f);
	src = source(f->s, "example-news");
	assert_validators(f->s, src, NULL, NULL);
	poll_ended(f->s, src, 200, "W/\"abc\"", lm, NULL);
	assert_validators(f->s, src, "W/\"abc\"", lm);
	poll_ended(f->s, src, 304, NULL, NULL, NULL);
	assert_validators(f->s, src, "W/\"abc\"", lm);
	poll_ended(f->s, src, 503, NULL, NULL, "HTTP 503");
	assert_validators(f->s, src, "W/\"abc\"", lm);
	poll_ended(f->s, src, 200, "\"def\"", NULL, NULL);
	assert_validators(f->s, src, "\"def\"", NULL);
	store_close(f->s);
	f->s = open_db(f);
	assert_validators(f->s, src, "\"def\"", NULL);
	assert_int_equal(store_source_validators(f->s, 999, &(char *){ 0 },
	    &(char *){ 0 }), -1);
}

/*
 * The validators a store keeps in memory (it is their only writer) follow
 * the file: written through, undone with a rollback or an aborted unit,
 * joined by a source added after they were read; another store reading
 * the file beside it sees the same.
 */
static void
test_validators_kept_follow_the_file(void **state)
{
	struct fx	*f = *state;
	struct store	*shared;
	const char	*lm = "Wed, 21 Oct 2015 07:28:00 GMT";
	int64_t		 a, b, c;

	f->s = open_db(f);
	a = source(f->s, "a");
	b = source(f->s, "b");
	poll_ended(f->s, a, 200, "\"e1\"", lm, NULL);
	assert_validators(f->s, a, "\"e1\"", lm);
	assert_validators(f->s, b, NULL, NULL);
	poll_ended(f->s, a, 304, "\"e2\"", NULL, NULL);
	assert_validators(f->s, a, "\"e2\"", lm);
	assert_int_equal(store_sync(f->s), 0);

	assert_int_equal(store_begin(f->s), 0);
	poll_ended(f->s, a, 200, "\"rolled-back\"", NULL, NULL);
	assert_validators(f->s, a, "\"rolled-back\"", NULL);
	store_rollback(f->s);
	assert_validators(f->s, a, "\"e2\"", lm);

	assert_int_equal(store_unit_begin(f->s), 0);
	poll_ended(f->s, b, 200, "\"aborted\"", lm, NULL);
	assert_validators(f->s, b, "\"aborted\"", lm);
	store_unit_abort(f->s);
	assert_validators(f->s, b, NULL, NULL);

	c = source(f->s, "c");
	assert_validators(f->s, c, NULL, NULL);
	poll_ended(f->s, c, 200, NULL, lm, NULL);
	poll_ended(f->s, b, 503, NULL, NULL, "HTTP 503");
	assert_validators(f->s, c, NULL, lm);
	assert_int_equal(store_sync(f->s), 0);

	shared = store_open(f->db, STORE_SHARED, f->err, sizeof(f->err));
	assert_non_null(shared);
	assert_validators(shared, a, "\"e2\"", lm);
	assert_validators(shared, b, NULL, NULL);
	assert_validators(shared, c, NULL, lm);
	store_close(shared);
	assert_int_equal(store_source_validators(f->s, 999, &(char *){ 0 },
	    &(char *){ 0 }), -1);
}

/*
 * Statements are prepared at their first use: one that cannot be (a
 * table dropped behind raqib's back) fails its own operation with
 * SQLite's reason, again at the next try, and the others go on.
 */
static void
test_statement_unpreparable_fails_its_operation(void **state)
{
	struct fx	*f = *state;
	sqlite3		*db;
	int64_t		 src;

	f->s = open_db(f);
	src = source(f->s, "a");
	store_close(f->s);
	f->s = NULL;
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "DROP TABLE deliveries", NULL, NULL,
	    NULL), SQLITE_OK);
	sqlite3_close(db);

	f->s = open_db(f);
	assert_int_equal(store_sink_done(f->s, 1, "desktop"), -1);
	printf("# %s\n", store_error(f->s));
	assert_non_null(strstr(store_error(f->s), "deliveries"));
	assert_int_equal(store_sink_done(f->s, 1, "desktop"), -1);
	poll_ended(f->s, src, 200, "\"e1\"", NULL, NULL);
	assert_int_equal(store_sync(f->s), 0);
	assert_validators(f->s, src, "\"e1\"", NULL);
}

/* store_sources() callback: keep the one row the test looks at. */
static int
source_cb(const struct store_source_row *r, void *arg)
{
	struct store_source_row	*out = arg;

	if (strcmp(r->name, "example-news") == 0) {
		*out = *r;
		out->name = NULL;	/* borrowed: gone after the call */
		out->last_error = r->last_error != NULL ? "set" : NULL;
	}
	return 0;
}

/* Health counts consecutive failures and a success resets them. */
static void
test_health_counts_failures_success_resets(void **state)
{
	struct fx		*f = *state;
	struct store_source_row	 r;
	int64_t			 src;

	f->s = open_db(f);
	src = source(f->s, "example-news");
	source(f->s, "another");
	poll_ended(f->s, src, 0, NULL, NULL, "connection refused");
	poll_ended(f->s, src, 500, NULL, NULL, "HTTP 500");
	poll_ended(f->s, src, 0, NULL, NULL, "timed out");
	assert_int_equal(store_sources(f->s, source_cb, &r), 0);
	assert_int_equal(r.failures, 3);
	assert_int_equal(r.last_status, 0);
	assert_non_null(r.last_error);
	assert_int_equal(r.last_success, 0);
	assert_int_equal(r.last_attempt, 1700000000);
	poll_ended(f->s, src, 200, NULL, NULL, NULL);
	assert_int_equal(store_begin(f->s), 0);
	add_item(f->s, src, "k");
	assert_int_equal(store_commit(f->s), 0);
	assert_int_equal(store_sources(f->s, source_cb, &r), 0);
	assert_int_equal(r.failures, 0);
	assert_null(r.last_error);
	assert_int_equal(r.last_success, 1700000000);
	assert_int_equal(r.last_status, 200);
	assert_int_equal(r.bytes, 1234);
	assert_int_equal(r.items, 20);
	assert_int_equal(r.seen, 1);
	poll_ended(f->s, src, 0, NULL, NULL, "DNS failure");
	assert_int_equal(store_sources(f->s, source_cb, &r), 0);
	assert_int_equal(r.failures, 1);
	assert_int_equal(r.last_success, 1700000000);
}

/* store_sources() callback: the read note of example-news, copied. */
static int
note_cb(const struct store_source_row *r, void *arg)
{
	char	*out = arg;

	if (strcmp(r->name, "example-news") == 0)
		snprintf(out, 128, "%zu/%zu %s", r->repaired, r->unreadable,
		    r->read_note != NULL ? r->read_note : "-");
	return 0;
}

/*
 * What the feed reader mended is kept with the last good poll, kept over
 * a 304 (the same body) and a failure, and cleared by a clean poll.
 */
static void
test_health_read_note(void **state)
{
	struct fx		*f = *state;
	struct store_health	 h = { .attempt = 1700000000, .ok = 1,
	    .status = 200, .repaired = 2, .unreadable = 1,
	    .note = "2 items repaired (bare &), 1 empty item skipped" };
	char			 got[128];
	int64_t			 src;

	f->s = open_db(f);
	src = source(f->s, "example-news");
	assert_int_equal(store_source_health(f->s, src, &h), 0);
	assert_int_equal(store_sources(f->s, note_cb, got), 0);
	assert_string_equal(got, "2/1 2 items repaired (bare &), 1 empty item "
	    "skipped");
	poll_ended(f->s, src, 304, NULL, NULL, NULL);
	poll_ended(f->s, src, 0, NULL, NULL, "timed out");
	assert_int_equal(store_sources(f->s, note_cb, got), 0);
	assert_string_equal(got, "2/1 2 items repaired (bare &), 1 empty item "
	    "skipped");
	poll_ended(f->s, src, 200, NULL, NULL, NULL);
	assert_int_equal(store_sources(f->s, note_cb, got), 0);
	assert_string_equal(got, "0/0 -");
}

/* example-news's health row as another connection (raqib sources) reads it. */
static struct store_source_row
row_seen_by_reader(struct fx *f)
{
	struct store_source_row	 r = { 0 };
	struct store		*reader;

	reader = store_open(f->db, STORE_SHARED, f->err, sizeof(f->err));
	assert_non_null(reader);
	assert_int_equal(store_sources(reader, source_cb, &r), 0);
	store_close(reader);
	return r;
}

/* The failures another connection reads for example-news. */
static long
failures_seen_by_reader(struct fx *f)
{
	return row_seen_by_reader(f).failures;
}

/*
 * Health rows are batched: others see them at store_sync(), at the next
 * item transaction or other write (a mute), or at close; none is lost.
 */
static void
test_health_batched_until_sync_begin_close(void **state)
{
	struct fx	*f = *state;
	int64_t		 src;

	f->s = open_db(f);
	src = source(f->s, "example-news");
	poll_ended(f->s, src, 0, NULL, NULL, "connection refused");
	assert_int_equal(failures_seen_by_reader(f), 0);
	assert_int_equal(store_sync(f->s), 0);
	assert_int_equal(failures_seen_by_reader(f), 1);
	assert_int_equal(store_sync(f->s), 0);
	poll_ended(f->s, src, 0, NULL, NULL, "connection refused");
	assert_int_equal(store_begin(f->s), 0);
	add_item(f->s, src, "k");
	assert_int_equal(store_commit(f->s), 0);
	assert_int_equal(failures_seen_by_reader(f), 2);
	poll_ended(f->s, src, 0, NULL, NULL, "connection refused");
	assert_int_equal(store_mute(f->s, "kazakhstan", 1700000000), 0);
	assert_int_equal(failures_seen_by_reader(f), 3);
	poll_ended(f->s, src, 0, NULL, NULL, "connection refused");
	store_close(f->s);
	f->s = NULL;
	assert_int_equal(failures_seen_by_reader(f), 4);
}

/*
 * Units of items join the batch of health rows: others see them at the
 * batch's commit, all together; an aborted unit leaves the others and
 * the health rows in place.
 */
static void
test_units_commit_with_the_batch_abort_undoes_one(void **state)
{
	struct fx	*f = *state;
	int64_t		 src;

	f->s = open_db(f);
	src = source(f->s, "example-news");
	assert_int_equal(store_unit_begin(f->s), 0);
	add_item(f->s, src, "kept-1");
	assert_int_equal(store_unit_end(f->s), 0);
	poll_ended(f->s, src, 0, NULL, NULL, "connection refused");
	assert_int_equal(store_unit_begin(f->s), 0);
	add_item(f->s, src, "undone");
	store_unit_abort(f->s);
	assert_int_equal(store_unit_begin(f->s), 0);
	add_item(f->s, src, "kept-2");
	assert_int_equal(store_unit_end(f->s), 0);
	assert_int_equal(row_seen_by_reader(f).seen, 0);
	assert_int_equal(failures_seen_by_reader(f), 0);
	assert_int_equal(store_sync(f->s), 0);
	assert_int_equal(row_seen_by_reader(f).seen, 2);
	assert_int_equal(failures_seen_by_reader(f), 1);
	assert_int_equal(store_item_seen(f->s, src, "undone"), 0);
	assert_int_equal(store_item_seen(f->s, src, "kept-2"), 1);
}

/* The schema version is recorded, and reopening an existing file keeps data. */
static void
test_schema_version_set_reopen_keeps_data(void **state)
{
	struct fx	*f = *state;
	int64_t		 src;

	f->s = open_db(f);
	src = source(f->s, "example-news");
	assert_int_equal(store_begin(f->s), 0);
	add_item(f->s, src, "guid-1");
	assert_int_equal(store_commit(f->s), 0);
	store_close(f->s);
	f->s = NULL;
	assert_int_equal(header_user_version(f->db), SCHEMA_VERSION);
	f->s = open_db(f);
	assert_int_equal(source(f->s, "example-news"), src);
	assert_int_equal(store_item_seen(f->s, src, "guid-1"), 1);
	store_close(f->s);
	f->s = NULL;
	assert_int_equal(header_user_version(f->db), SCHEMA_VERSION);
}

/* A file from a newer raqib is refused with a message and not touched. */
static void
test_future_schema_version_refused(void **state)
{
	struct fx	*f = *state;
	struct snap	 before;
	char		 v[4] = { 0, 0, 0, 99 };
	int		 fd;

	store_close(open_db(f));
	assert_true((fd = open(f->db, O_WRONLY)) != -1);
	assert_int_equal(pwrite(fd, v, 4, 60), 4);
	close(fd);
	before = snap_file(f->db);
	expect_refused(f, f->db, STORE_NORMAL);
	assert_non_null(strstr(f->err, "newer"));
	expect_refused(f, f->db, STORE_SCRATCH);
	expect_refused(f, f->db, STORE_READ);
	assert_unchanged(f->db, &before);
}

/* A file of garbage is refused, named, and left byte for byte unchanged. */
static void
test_garbage_file_refused_left_unchanged(void **state)
{
	struct fx	*f = *state;
	struct snap	 before;
	char		 dir[PATH_MAX];

	join(dir, f->dir, "/state");
	assert_int_equal(mkdir(dir, 0700), 0);
	scribble(f->db, 0, 4096);
	scribble(f->db, 4096, 4096);
	before = snap_file(f->db);
	expect_refused(f, f->db, STORE_NORMAL);
	assert_non_null(strstr(f->err, "damaged"));
	expect_refused(f, f->db, STORE_SCRATCH);
	assert_unchanged(f->db, &before);
}

/* A real database with a damaged page fails the quick check, untouched. */
static void
test_damaged_page_refused_left_unchanged(void **state)
{
	struct fx	*f = *state;
	struct snap	 before;
	int64_t		 src;

	f->s = open_db(f);
	src = source(f->s, "example-news");
	assert_int_equal(store_begin(f->s), 0);
	add_item(f->s, src, "guid-1");
	assert_int_equal(store_commit(f->s), 0);
	store_close(f->s);
	f->s = NULL;
	scribble(f->db, 4096, 4096);	/* page 2: the sources table */
	before = snap_file(f->db);
	expect_refused(f, f->db, STORE_NORMAL);
	assert_non_null(strstr(f->err, "damaged"));
	assert_unchanged(f->db, &before);
}

/* Count the calls of the damage callback. */
static void
damage_cb(void *arg)
{
	(*(int *)arg)++;
}

/*
 * A start reads whole only the sources: a damaged page of items opens,
 * fails the operation that reads it (the callback is told once), is found
 * by store_check_all(), and the file is left as it was.
 */
static void
test_damaged_item_page_found_when_read(void **state)
{
	struct fx		*f = *state;
	struct store_ident	 id = { "guid-1", NULL, NULL, "text:1", NULL, 0,
				    0 };
	struct item		 it = { .title = (char *)"t",
				    .published = ITEM_NO_TIME };
	struct snap		 before;
	int64_t			 src, item;
	int			 changed, told = 0;

	f->s = open_db(f);
	src = source(f->s, "example-news");
	assert_int_equal(store_begin(f->s), 0);
	add_item(f->s, src, "guid-1");
	assert_int_equal(store_commit(f->s), 0);
	store_close(f->s);
	scribble(f->db, 3 * 4096, 4096);	/* page 4: the items table */
	before = snap_file(f->db);
	f->s = open_db(f);
	store_on_damage(f->s, damage_cb, &told);
	assert_int_equal(store_item_find(f->s, src, &id, &it, &item, &changed),
	    -1);
	printf("# found: %s\n", store_error(f->s));
	assert_non_null(strstr(store_error(f->s), "damaged"));
	assert_int_equal(store_item_find(f->s, src, &id, &it, &item, &changed),
	    -1);
	assert_int_equal(told, 1);
	assert_int_equal(store_check_all(f->s), -1);
	assert_non_null(strstr(store_error(f->s), "damage found in"));
	store_close(f->s);
	f->s = NULL;
	assert_unchanged(f->db, &before);
}

/* A second raqib on the same database is refused, naming the holder's pid. */
static void
test_second_open_refused_names_pid(void **state)
{
	struct fx	*f = *state;
	struct store	*again;
	char		 pid[64];

	f->s = open_db(f);
	expect_refused(f, f->db, STORE_NORMAL);
	snprintf(pid, sizeof(pid), "in use by another raqib (pid %ld)",
	    (long)getpid());
	assert_non_null(strstr(f->err, pid));
	store_close(f->s);
	f->s = NULL;
	again = open_db(f);
	store_close(again);
}

/* Fill the store with 8 KiB items, one transaction each, until a write fails. */
static int
fill_until_full(struct store *s, int64_t src)
{
	static char	 title[8192];
	struct item	 it = { .title = title, .published = ITEM_NO_TIME };
	char		 key[32];
	int64_t		 id;
	int		 i;

	memset(title, 'x', sizeof(title) - 1);
	for (i = 0; i < 1000; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		if (store_begin(s) == -1 ||
		    store_item_add(s, src, key, &it, &id) == -1) {
			store_rollback(s);
			return i;
		}
		if (store_commit(s) == -1)
			return i;
	}
	return -1;
}

/* Write a file of up to max bytes, or until the disk has no block left. */
static void
fill_file(const char *path, size_t max)
{
	static char	 block[4096];
	size_t		 n;
	int		 fd;

	assert_int_not_equal(fd = open(path, O_WRONLY | O_CREAT | O_TRUNC,
	    0600), -1);
	for (n = 0; n < max && write(fd, block, sizeof(block)) > 0;
	    n += sizeof(block))
		continue;
	close(fd);
}

/*
 * Disk full: a real one, on a 512 KiB tmpfs (needs root and mount rights;
 * skipped without them). The message names the file and says what to do,
 * and what was committed before stays readable. A probe fails while the
 * disk is full, though the failed commit left room in the WAL file for a
 * page, and works once there is room on the disk.
 */
static void
test_disk_full_clear_message_on_small_tmpfs(void **state)
{
	struct fx	*f = *state;
	char		 dir[PATH_MAX], db[PATH_MAX], filler[PATH_MAX];
	char		 room[PATH_MAX];
	int64_t		 src;
	int		 n, seen, full, freed;

	join(dir, f->dir, "/full");
	join(db, dir, "/raqib.db");
	assert_int_equal(mkdir(dir, 0700), 0);
	if (geteuid() != 0 || mount("tmpfs", dir, "tmpfs", 0, "size=512k")) {
		printf("# no tmpfs could be mounted: disk full not tested\n");
		rmdir(dir);
		skip();
	}
	if ((f->s = store_open(db, STORE_NORMAL, f->err,
	    sizeof(f->err))) == NULL) {
		umount(dir);
		fail_msg("store_open: %s", f->err);
	}
	src = source(f->s, "example-news");
	join(room, dir, "/room");
	fill_file(room, 128 * 1024);
	n = fill_until_full(f->s, src);
	printf("# after %d items: %s\n", n, store_error(f->s));
	snprintf(f->err, sizeof(f->err), "%s", store_error(f->s));
	seen = store_item_seen(f->s, src, "k0");
	join(filler, dir, "/filler");
	fill_file(filler, SIZE_MAX);
	full = store_probe(f->s);
	unlink(filler);
	unlink(room);
	freed = store_probe(f->s);
	store_close(f->s);
	f->s = NULL;
	umount(dir);
	assert_true(n > 0);
	assert_non_null(strstr(f->err, db));
	assert_non_null(strstr(f->err, "free some disk space"));
	assert_int_equal(seen, 1);
	assert_int_equal(full, -1);
	assert_int_equal(freed, 0);
}

/* Record an item by identity in its own transaction; return its id. */
static int64_t
record(struct store *s, int64_t src, const struct store_ident *id)
{
	struct item	 it = { .title = (char *)"t", .published = ITEM_NO_TIME };
	int64_t		 item = 0;

	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_item_record(s, src, id, &it, &item), 0);
	assert_int_equal(store_commit(s), 0);
	return item;
}

/* Find an item by identity: the result, with *changed. */
static int
find(struct store *s, int64_t src, const struct store_ident *id, int *changed)
{
	struct item	 it = { .title = (char *)"t", .published = ITEM_NO_TIME };
	int64_t		 item = 0;

	*changed = -1;
	return store_item_find(s, src, id, &it, &item, changed);
}

/* A new guid with a known link or title is the same item; a new digest is an edit. */
static void
test_identity_by_link_or_title_and_edits(void **state)
{
	struct fx	*f = *state;
	int64_t		 src;
	int		 changed;

	f->s = open_db(f);
	src = source(f->s, "example-news");
	record(f->s, src, &(struct store_ident){ "g1", "https://e.net/1",
	    "title:1", "text:1", NULL, 0, 0 });
	assert_int_equal(find(f->s, src, &(struct store_ident){ "g1", NULL,
	    NULL, "text:1", NULL, 0, 0 }, &changed), 1);
	assert_int_equal(changed, 0);
	assert_int_equal(find(f->s, src, &(struct store_ident){ "g2",
	    "https://e.net/1", NULL, "text:2", NULL, 0, 0 }, &changed), 1);
	assert_int_equal(changed, 1);
	/* The edit was recorded, under the latest guid. */
	assert_int_equal(find(f->s, src, &(struct store_ident){ "g2", NULL,
	    NULL, "text:2", NULL, 0, 0 }, &changed), 1);
	assert_int_equal(changed, 0);
	assert_int_equal(find(f->s, src, &(struct store_ident){ "g3", NULL,
	    "title:1", "text:2", NULL, 0, 0 }, &changed), 1);
	assert_int_equal(find(f->s, source(f->s, "other"),
	    &(struct store_ident){ "g3", "https://e.net/1", "title:1",
	    "text:2", NULL, 0, 0 }, &changed), 0);
}

/* An identity under one title with a text's sketch. */
static struct store_ident
titled(const char *key, const struct sketch *k)
{
	return (struct store_ident){ key, NULL, "title:daily", key, k->b,
	    k->len, 0 };
}

/*
 * One title over two texts is two items, within a source and across
 * sources; the same text under a new guid is the same item (a site that
 * changes guids); an item with no sketch (stored before, or with no text)
 * is found by its title alone.
 */
static void
test_one_title_two_texts(void **state)
{
	struct fx	*f = *state;
	struct sketch	 a = sketch_of("the president of kazakhstan met the "
			    "leaders of central asia in astana on monday"),
			 a2 = sketch_of("astana reuters the president of "
			    "kazakhstan met the leaders of central asia in"),
			 b = sketch_of("a flood closed the road between almaty "
			    "and bishkek for three days"),
			 none = { .len = 0 };
	struct store_ident	 id;
	struct alert		 al = make_alert("kz", NULL, ITEM_NO_TIME);
	int64_t			 src, other, item;
	int			 changed;

	f->s = open_db(f);
	src = source(f->s, "daily");
	other = source(f->s, "other");
	id = titled("g1", &a);
	item = record(f->s, src, &id);
	id = titled("g2", &b);
	assert_int_equal(find(f->s, src, &id, &changed), 0);
	id = titled("g3", &a2);
	assert_int_equal(find(f->s, src, &id, &changed), 1);
	id = titled("g4", &none);
	assert_int_equal(find(f->s, src, &id, &changed), 1);
	assert_int_equal(store_alert_add(f->s, item, &al), 0);
	alert_clear(&al);
	id = titled("o1", &b);
	assert_int_equal(store_alert_known(f->s, record(f->s, other, &id),
	    "kz", "other"), 0);
	id = titled("o2", &a2);
	assert_int_equal(store_alert_known(f->s, record(f->s, other, &id),
	    "kz", "other"), 1);
}

/* Record an item by identity inside the open unit; return its id. */
static int64_t
record_in_unit(struct store *s, int64_t src, const struct store_ident *id)
{
	struct item	 it = { .title = (char *)"t", .published = ITEM_NO_TIME };
	int64_t		 item = 0;

	assert_int_equal(store_item_record(s, src, id, &it, &item), 0);
	return item;
}

/*
 * A source's first poll finds the items it recorded earlier in that unit,
 * by key, link and title, as any poll does (store.c looks up only the
 * identities the unit's rows might hold); a source with items from
 * before, one polled in between, and a unit undone are looked up in full.
 */
static void
test_first_poll_finds_its_own_items(void **state)
{
	struct fx	*f = *state;
	struct sketch	 a = sketch_of("the president of kazakhstan met the "
			    "leaders of central asia in astana on monday"),
			 a2 = sketch_of("astana reuters the president of "
			    "kazakhstan met the leaders of central asia in"),
			 b = sketch_of("a flood closed the road between almaty "
			    "and bishkek for three days");
	struct store_ident	 id;
	int64_t			 src, other, item;
	int			 changed;

	f->s = open_db(f);
	src = source(f->s, "daily");
	other = source(f->s, "other");
	assert_int_equal(store_unit_begin(f->s), 0);
	id = (struct store_ident){ "g1", "https://e.net/1", "title:daily",
	    "text:1", a.b, a.len, 0 };
	assert_int_equal(find(f->s, src, &id, &changed), 0);
	item = record_in_unit(f->s, src, &id);
	assert_int_equal(find(f->s, src, &(struct store_ident){ "g1", NULL,
	    NULL, "text:1", NULL, 0, 0 }, &changed), 1);
	assert_int_equal(changed, 0);
	/* By link, an edit: the row takes the new guid. */
	assert_int_equal(find(f->s, src, &(struct store_ident){ "g2",
	    "https://e.net/1", NULL, "text:2", NULL, 0, 0 }, &changed), 1);
	assert_int_equal(changed, 1);
	assert_int_equal(find(f->s, src, &(struct store_ident){ "g2", NULL,
	    NULL, "text:2", NULL, 0, 0 }, &changed), 1);
	/* By title: the same text under a new guid, not another text. */
	assert_int_equal(find(f->s, src, &(struct store_ident){ "g3", NULL,
	    "title:daily", "text:2", a2.b, a2.len, 0 }, &changed), 1);
	id = (struct store_ident){ "g4", NULL, "title:daily", "text:4", b.b,
	    b.len, 0 };
	assert_int_equal(find(f->s, src, &id, &changed), 0);
	assert_true(record_in_unit(f->s, src, &id) > item);
	assert_int_equal(find(f->s, src, &(struct store_ident){ "g5",
	    "https://e.net/5", "title:5", "text:5", NULL, 0, 0 }, &changed), 0);
	/* Another source in between; then this one's rows are still found. */
	assert_int_equal(find(f->s, other, &(struct store_ident){ "g4", NULL,
	    NULL, "text:4", NULL, 0, 0 }, &changed), 0);
	record_in_unit(f->s, other, &(struct store_ident){ "o1", NULL, NULL,
	    "text:o1", NULL, 0, 0 });
	assert_int_equal(find(f->s, other, &(struct store_ident){ "o1", NULL,
	    NULL, "text:o1", NULL, 0, 0 }, &changed), 1);
	assert_int_equal(find(f->s, src, &(struct store_ident){ "g4", NULL,
	    NULL, "text:4", NULL, 0, 0 }, &changed), 1);
	assert_int_equal(store_unit_end(f->s), 0);
	/* A later unit finds what earlier ones recorded. */
	assert_int_equal(store_unit_begin(f->s), 0);
	assert_int_equal(find(f->s, src, &(struct store_ident){ "g4", NULL,
	    NULL, "text:4", NULL, 0, 0 }, &changed), 1);
	assert_int_equal(find(f->s, other, &(struct store_ident){ "o1", NULL,
	    NULL, "text:o1", NULL, 0, 0 }, &changed), 1);
	assert_int_equal(store_unit_end(f->s), 0);
	/* A unit undone leaves nothing to find, and the key free. */
	other = source(f->s, "third");
	assert_int_equal(store_unit_begin(f->s), 0);
	id = (struct store_ident){ "x1", NULL, NULL, "text:x1", NULL, 0, 0 };
	record_in_unit(f->s, other, &id);
	assert_int_equal(find(f->s, other, &id, &changed), 1);
	store_unit_abort(f->s);
	assert_int_equal(store_unit_begin(f->s), 0);
	assert_int_equal(find(f->s, other, &id, &changed), 0);
	record_in_unit(f->s, other, &id);
	assert_int_equal(find(f->s, other, &id, &changed), 1);
	assert_int_equal(store_unit_end(f->s), 0);
	assert_int_equal(store_sync(f->s), 0);
}

/* One story across sources: its alert is known, and lists both sources. */
static void
test_story_across_sources_alerts_once_sources_grow(void **state)
{
	struct fx			*f = *state;
	struct store_history_query	 q = { 10, NULL, 0 };
	struct history			 h = { 0 };
	struct alert			 a = make_alert("kz", "https://e.net/1",
					    1700000000), *v;
	size_t				 n;
	int64_t				 one, two, i1, i2;

	f->s = open_db(f);
	one = source(f->s, "one");
	two = source(f->s, "two");
	i1 = record(f->s, one, &(struct store_ident){ "a", "https://e.net/1",
	    NULL, "x", NULL, 0, 0 });
	assert_int_equal(store_alert_known(f->s, i1, "kz", "one"), 0);
	assert_int_equal(store_alert_add(f->s, i1, &a), 0);
	alert_clear(&a);
	i2 = record(f->s, two, &(struct store_ident){ "b", NULL, "title:z",
	    "y", NULL, 0, 0 });
	assert_int_equal(store_alert_known(f->s, i2, "kz", "two"), 0);
	i2 = record(f->s, two, &(struct store_ident){ "c", "https://e.net/1",
	    NULL, "z", NULL, 0, 0 });
	assert_int_equal(store_alert_known(f->s, i2, "kz", "two"), 1);
	assert_int_equal(store_alert_known(f->s, i2, "kz", "two"), 1);
	assert_int_equal(store_alert_known(f->s, i2, "other", "two"), 0);
	assert_int_equal(store_history(f->s, &q, history_cb, &h), 0);
	assert_int_equal(h.n, 1);
	assert_string_equal(h.sources[0], "example-news, two");
	/* The notification still to be shown says "2 sources". */
	assert_int_equal(store_alert_pending(f->s, 10, &v, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].sources, 2);
	store_alerts_free(v, n);
}

/* Record an alert of that topic for the item. */
static void
add_alert(struct store *s, int64_t item, const char *topic)
{
	struct alert	 a = make_alert(topic, "https://e.net/x", 1700000000);

	assert_int_equal(store_alert_add(s, item, &a), 0);
	alert_clear(&a);
}

/*
 * An alert carries its item's story, as the desktop groups notifications
 * and the report counts stories by it: the story the item joined, or the
 * item itself when it began one, alerted at once after the item was
 * recorded or after another item was.
 */
static void
test_alerts_carry_their_items_story(void **state)
{
	struct fx	*f = *state;
	struct alert	*v;
	size_t		 n, i;
	int64_t		 one, two, i1, i2, i3, first, want[4];

	f->s = open_db(f);
	one = source(f->s, "one");
	two = source(f->s, "two");
	i1 = record(f->s, one, &(struct store_ident){ "a", "https://e.net/1",
	    NULL, "x", NULL, 0, 0 });
	add_alert(f->s, i1, "kz");
	i2 = record(f->s, two, &(struct store_ident){ "b", "https://e.net/1",
	    NULL, "y", NULL, 0, 0 });
	add_alert(f->s, i2, "c5");
	i3 = record(f->s, two, &(struct store_ident){ "c", "https://e.net/3",
	    NULL, "z", NULL, 0, 0 });
	add_alert(f->s, i3, "kz");
	add_alert(f->s, i2, "ru");
	want[0] = want[1] = want[3] = i1;
	want[2] = i3;
	assert_int_equal(store_alert_pending(f->s, 10, &v, &n), 0);
	assert_int_equal(n, 4);
	for (i = 0, first = v[0].id; i < n; i++)
		if (v[i].id < first)
			first = v[i].id;
	for (i = 0; i < n; i++)
		assert_int_equal(v[i].story, want[v[i].id - first]);
	store_alerts_free(v, n);
}

/* Record an item under key and link inside the open unit; its id. */
static int64_t
unit_record(struct store *s, int64_t src, const char *key, const char *link)
{
	struct item	 it = { .title = (char *)"t", .published = ITEM_NO_TIME };
	int64_t		 item = 0;

	assert_int_equal(store_item_record(s, src, &(struct store_ident){ key,
	    link, NULL, key, NULL, 0, 0 }, &it, &item), 0);
	return item;
}

/*
 * In a batch, the sources that carry an alerted story are added to its
 * alert as the batch commits, each once, in the order they came, a name
 * that begins another's apart from it; a unit undone takes its own with
 * it; what reads the alerts before the commit (history, the outbox)
 * sees them already.
 */
static void
test_story_sources_added_with_the_batch(void **state)
{
	struct fx			*f = *state;
	struct store_history_query	 q = { 10, NULL, 0 };
	struct history			 h = { 0 };
	struct alert			 a = make_alert("kz", "https://e.net/1",
					    1700000000), *v;
	const char			*l = "https://e.net/1";
	size_t				 n;
	int64_t				 one, two, two2, gone, i;

	f->s = open_db(f);
	one = source(f->s, "one");
	two = source(f->s, "two");
	two2 = source(f->s, "two2");
	gone = source(f->s, "gone");
	assert_int_equal(store_unit_begin(f->s), 0);
	i = unit_record(f->s, one, "a", l);
	assert_int_equal(store_alert_known(f->s, i, "kz", "one"), 0);
	free(a.source);
	a.source = strdup("one");
	assert_int_equal(store_alert_add(f->s, i, &a), 0);
	alert_clear(&a);
	assert_int_equal(store_unit_end(f->s), 0);

	assert_int_equal(store_unit_begin(f->s), 0);
	i = unit_record(f->s, two2, "b", l);
	assert_int_equal(store_alert_known(f->s, i, "kz", "two2"), 1);
	assert_int_equal(store_unit_end(f->s), 0);
	assert_int_equal(store_unit_begin(f->s), 0);
	i = unit_record(f->s, gone, "c", l);
	assert_int_equal(store_alert_known(f->s, i, "kz", "gone"), 1);
	store_unit_abort(f->s);
	assert_int_equal(store_unit_begin(f->s), 0);
	i = unit_record(f->s, two, "d", l);
	assert_int_equal(store_alert_known(f->s, i, "kz", "two"), 1);
	i = unit_record(f->s, two, "e", l);
	assert_int_equal(store_alert_known(f->s, i, "kz", "two"), 1);
	assert_int_equal(store_alert_known(f->s, i, "kz", "one"), 1);
	assert_int_equal(store_unit_end(f->s), 0);

	assert_int_equal(store_history(f->s, &q, history_cb, &h), 0);
	assert_int_equal(h.n, 1);
	assert_string_equal(h.sources[0], "one, two2, two");
	assert_int_equal(store_alert_pending(f->s, 10, &v, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].sources, 3);
	store_alerts_free(v, n);
	assert_int_equal(store_unit_begin(f->s), 0);
	i = unit_record(f->s, gone, "f", l);
	assert_int_equal(store_alert_known(f->s, i, "kz", "gone"), 1);
	assert_int_equal(store_unit_end(f->s), 0);
	assert_int_equal(store_sync(f->s), 0);
	store_close(f->s);

	f->s = open_db(f);
	h.n = 0;
	assert_int_equal(store_history(f->s, &q, history_cb, &h), 0);
	assert_int_equal(h.n, 1);
	assert_string_equal(h.sources[0], "one, two2, two, gone");
}

/*
 * A new item begins a story of its own even when it takes the id of an
 * item pruned (SQLite hands the highest id out again): the pending alert
 * of the pruned item's story is not its story's, and does not silence it.
 */
static void
test_new_story_on_reused_id_not_silenced(void **state)
{
	struct fx	*f = *state;
	struct alert	 a = make_alert("kz", "https://e.net/1", 1700000000);
	int64_t		 src, gone, item;

	f->s = open_db(f);
	src = source(f->s, "one");
	gone = record(f->s, src, &(struct store_ident){ "a", NULL, NULL, "x",
	    NULL, 0, 0 });
	assert_int_equal(store_alert_add(f->s, gone, &a), 0);
	alert_clear(&a);
	sleep(1);
	assert_int_equal(store_prune(f->s, src, time(NULL)), 0);
	assert_int_equal(store_item_seen(f->s, src, "a"), 0);
	item = record(f->s, src, &(struct store_ident){ "b", NULL, NULL, "y",
	    NULL, 0, 0 });
	assert_int_equal(item, gone);
	assert_int_equal(store_alert_known(f->s, item, "kz", "one"), 0);
}

/* What the report's queries handed over, one line per row. */
struct lines {
	char	 v[16][160];
	size_t	 n;
};

/* Keep one formatted line of a report row. */
static void
lines_add(struct lines *l, const char *fmt, ...)
{
	va_list	 ap;

	assert_true(l->n < 16);
	va_start(ap, fmt);
	vsnprintf(l->v[l->n++], sizeof(l->v[0]), fmt, ap);
	va_end(ap);
}

static int
report_day_cb(const struct store_report_day *d, void *arg)
{
	lines_add(arg, "%s %s %zu %zu", d->topic, d->day, d->stories,
	    d->mentions);
	return 0;
}

static int
report_outlet_cb(const struct store_report_outlet *o, void *arg)
{
	lines_add(arg, "%s %s %zu", o->topic, o->source, o->stories);
	return 0;
}

static int
report_story_cb(const struct store_report_story *r, void *arg)
{
	lines_add(arg, "%s %s %s", r->link ? r->link : "-", r->topic,
	    r->outlets);
	return 0;
}

/* Unless the item's story has one, its topic's alert, from source name. */
static void
report_alert(struct store *s, int64_t item, const char *name,
    const char *link, const char *topic, int64_t published)
{
	struct alert	 a = make_alert(topic, link, published);

	if (store_alert_known(s, item, topic, name) == 0) {
		free(a.source);
		a.source = strdup(name);
		assert_int_equal(store_alert_add(s, item, &a), 0);
	}
	alert_clear(&a);
}

/* A source's item with a link, and its topic's alert. */
static int64_t
report_item(struct store *s, int64_t src, const char *name,
    const char *link, const char *topic, int64_t published)
{
	int64_t	 item = record(s, src, &(struct store_ident){ link, link,
		    NULL, link, NULL, 0, 0 });

	report_alert(s, item, name, link, topic, published);
	return item;
}

/* The local date of t, as the report's days are named. */
static const char *
date_of(int64_t t, char out[16])
{
	time_t		 tt = (time_t)t;
	struct tm	 tm;

	assert_non_null(localtime_r(&tt, &tm));
	strftime(out, 16, "%Y-%m-%d", &tm);
	return out;
}

/*
 * What `raqib report` reads: per topic and day the stories and their
 * outlets (a shared story counts each outlet), dated by publication
 * unless missing or later than the alert; each topic's outlets (a name
 * that is the start of another is not counted for it); the newest
 * stories, a story's topics together; nothing older than the window.
 */
static void
test_report_days_outlets_stories(void **state)
{
	struct fx	*f = *state;
	struct lines	 l = { 0 };
	int64_t		 now = (int64_t)time(NULL), wire, daily, wire2, item;
	int64_t		 d3 = now - 3 * 86400;
	char		 past[16], today[16], want[4][64];
	size_t		 i;

	setenv("TZ", "UTC", 1);
	tzset();
	date_of(d3, past);
	date_of(now, today);
	f->s = open_db(f);
	wire = source(f->s, "wire");
	daily = source(f->s, "daily");
	wire2 = source(f->s, "wire2");
	report_item(f->s, wire, "wire", "https://e.net/a", "kz", d3);
	item = report_item(f->s, daily, "daily", "https://e.net/a", "kz", d3);
	report_alert(f->s, item, "daily", "https://e.net/a", "ur", d3);
	report_item(f->s, wire2, "wire2", "https://e.net/b", "kz", d3);
	report_item(f->s, wire, "wire", "https://e.net/c", "ur",
	    ITEM_NO_TIME);
	report_item(f->s, wire, "wire", "https://e.net/d", "kz",
	    now + 5 * 86400);
	report_item(f->s, wire, "wire", "https://e.net/old", "kz",
	    now - 40 * 86400);

	assert_int_equal(store_report_days(f->s, now - 30 * 86400,
	    report_day_cb, &l), 0);
	assert_int_equal(l.n, 4);
	snprintf(want[0], sizeof(want[0]), "kz %s 2 3", past);
	snprintf(want[1], sizeof(want[1]), "kz %s 1 1", today);
	snprintf(want[2], sizeof(want[2]), "ur %s 1 1", past);
	snprintf(want[3], sizeof(want[3]), "ur %s 1 1", today);
	for (i = 0; i < 4; i++)
		assert_string_equal(l.v[i], want[i]);

	l.n = 0;
	assert_int_equal(store_report_outlets(f->s, now - 30 * 86400,
	    report_outlet_cb, &l), 0);
	assert_int_equal(l.n, 5);
	assert_string_equal(l.v[0], "kz wire 2");
	assert_string_equal(l.v[1], "kz daily 1");
	assert_string_equal(l.v[2], "kz wire2 1");
	assert_string_equal(l.v[3], "ur daily 1");
	assert_string_equal(l.v[4], "ur wire 1");

	l.n = 0;
	assert_int_equal(store_report_stories(f->s, now - 30 * 86400, 10,
	    report_story_cb, &l), 0);
	assert_int_equal(l.n, 5);
	assert_string_equal(l.v[0], "https://e.net/d kz wire");
	assert_string_equal(l.v[1], "https://e.net/c ur wire");
	assert_string_equal(l.v[2], "https://e.net/b kz wire2");
	assert_string_equal(l.v[3], "https://e.net/a kz wire, daily");
	assert_string_equal(l.v[4], "https://e.net/a ur daily");

	l.n = 0;
	assert_int_equal(store_report_stories(f->s, now - 30 * 86400, 2,
	    report_story_cb, &l), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[1], "https://e.net/c ur wire");
}

/* Pruning forgets items not seen since the cutoff, keeps the others. */
static void
test_prune_keeps_items_still_seen(void **state)
{
	struct fx	*f = *state;
	int64_t		 src;
	int		 changed;

	f->s = open_db(f);
	src = source(f->s, "example-news");
	assert_int_equal(store_source_primed(f->s, src), 0);
	record(f->s, src, &(struct store_ident){ "old", NULL, NULL, "x", NULL,
	    0, 0 });
	record(f->s, src, &(struct store_ident){ "kept", NULL, NULL, "x", NULL,
	    0, 0 });
	assert_int_equal(store_source_prime(f->s, src), 0);
	assert_int_equal(store_source_primed(f->s, src), 1);
	assert_int_equal(store_prune(f->s, src, time(NULL) - 10), 0);
	assert_int_equal(store_item_seen(f->s, src, "old"), 1);
	sleep(1);
	assert_int_equal(find(f->s, src, &(struct store_ident){ "kept", NULL,
	    NULL, "x", NULL, 0, 0 }, &changed), 1);
	assert_int_equal(store_prune(f->s, src, time(NULL)), 0);
	assert_int_equal(store_item_seen(f->s, src, "old"), 0);
	assert_int_equal(store_item_seen(f->s, src, "kept"), 1);
}

/*
 * A feed read again unchanged writes nothing: an item stamped within the
 * slack keeps its stamp (pruning at now shows it), while one whose title
 * changed is stamped, and retitled, at once.
 */
static void
test_unchanged_item_keeps_its_stamp(void **state)
{
	struct fx	*f = *state;
	struct item	 edited = { .title = (char *)"t, edited",
			    .published = ITEM_NO_TIME };
	int64_t		 src, item;
	int		 changed;

	f->s = open_db(f);
	src = source(f->s, "example-news");
	record(f->s, src, &(struct store_ident){ "same", NULL, NULL, "x", NULL,
	    0, 0 });
	record(f->s, src, &(struct store_ident){ "retitled", NULL, NULL, "x",
	    NULL, 0, 0 });
	sleep(1);
	assert_int_equal(find(f->s, src, &(struct store_ident){ "same", NULL,
	    NULL, "x", NULL, 0, 3600 }, &changed), 1);
	assert_int_equal(changed, 0);
	assert_int_equal(store_item_find(f->s, src, &(struct store_ident){
	    "retitled", NULL, NULL, "x", NULL, 0, 3600 }, &edited, &item,
	    &changed), 1);
	assert_int_equal(store_prune(f->s, src, time(NULL)), 0);
	assert_int_equal(store_item_seen(f->s, src, "same"), 0);
	assert_int_equal(store_item_seen(f->s, src, "retitled"), 1);
}

/* In a child as an unprivileged user: 0 when open fails naming path and want. */
static int
refused_as_nobody(const char *path, const char *want)
{
	char		 err[512] = "";
	struct store	*s;

	if (geteuid() == 0 && (setgid(NOBODY) == -1 || setuid(NOBODY) == -1))
		return 3;
	if ((s = store_open(path, STORE_NORMAL, err, sizeof(err))) != NULL) {
		store_close(s);
		return 1;
	}
	printf("# refused: %s\n", err);
	return strstr(err, path) != NULL && strstr(err, want) != NULL ? 0 : 2;
}

/* Run refused_as_nobody() in a child so the test keeps its privileges. */
static void
expect_refused_as_nobody(const char *path, const char *want)
{
	pid_t	 pid;
	int	 status;

	fflush(stdout);
	assert_true((pid = fork()) != -1);
	if (pid == 0) {
		status = refused_as_nobody(path, want);
		fflush(stdout);
		_exit(status);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

/*
 * A read-only file, or a directory raqib cannot write, gives a clear
 * message. Root ignores permission bits, so as root the opens run in a
 * child that has dropped to uid/gid 65534 (nobody).
 */
static void
test_readonly_file_or_dir_clear_message_as_nobody_when_root(void **state)
{
	struct fx	*f = *state;
	struct snap	 before;
	char		 dir[PATH_MAX], lock[PATH_MAX];

	join(dir, f->dir, "/state");
	store_close(open_db(f));
	assert_int_equal(chmod(f->dir, 0711), 0);
	if (geteuid() == 0)
		assert_int_equal(chown(dir, NOBODY, NOBODY), 0);
	assert_int_equal(chmod(f->db, 0444), 0);
	join(lock, f->db, ".lock");
	assert_int_equal(unlink(lock), 0);	/* root's; nobody would trip on it */
	before = snap_file(f->db);
	expect_refused_as_nobody(f->db, "read-only — check the file's "
	    "permissions");
	assert_unchanged(f->db, &before);
	unlink(lock);
	assert_int_equal(chmod(dir, 0555), 0);
	assert_int_equal(chmod(f->db, 0666), 0);
	expect_refused_as_nobody(f->db, "check the permissions");
	assert_int_equal(chmod(dir, 0700), 0);
}

/* Snapshot the database and count the files in its directory. */
static int
prepare_dry_run(struct fx *f, struct snap *before)
{
	struct alert	 a;
	char		 dir[PATH_MAX];
	int64_t		 src;

	f->s = open_db(f);
	src = source(f->s, "example-news");
	a = add_item_with_alert(f->s, src, "k0", "kazakhstan");
	alert_clear(&a);
	store_close(f->s);
	f->s = NULL;
	*before = snap_file(f->db);
	join(dir, f->dir, "/state");
	return count_entries(dir);
}

/* A dry run copies the data, allows writes, and leaves the file unchanged. */
static void
test_scratch_copies_data_writes_leave_file_unchanged(void **state)
{
	struct fx	*f = *state;
	struct snap	 before;
	struct alert	 a;
	char		 dir[PATH_MAX];
	int64_t		 src;
	size_t		 n;
	int		 files;

	files = prepare_dry_run(f, &before);
	f->s = store_open(f->db, STORE_SCRATCH, f->err, sizeof(f->err));
	assert_non_null(f->s);
	src = source(f->s, "example-news");
	assert_int_equal(store_item_seen(f->s, src, "k0"), 1);
	a = add_item_with_alert(f->s, src, "k1", "c5plus1");
	assert_int_equal(store_alert_delivered(f->s, a.id), 0);
	assert_int_equal(store_alert_count_pending(f->s, &n), 0);
	assert_int_equal(n, 1);
	alert_clear(&a);
	store_close(f->s);
	f->s = NULL;
	assert_unchanged(f->db, &before);
	join(dir, f->dir, "/state");
	assert_int_equal(count_entries(dir), files);
	f->s = open_db(f);
	assert_int_equal(store_item_seen(f->s, src, "k1"), 0);
}

/*
 * Read in place (raqib history, raqib sources): the rows are there, the
 * file and its directory stay as they were, a write is refused; beside a
 * running daemon its commits are seen.
 */
static void
test_read_in_place_writes_nothing(void **state)
{
	struct fx			*f = *state;
	struct store_history_query	 q = { 10, NULL, 0 };
	struct history			 h = { 0 };
	struct snap			 before;
	struct store			*reader;
	char				 dir[PATH_MAX];
	int64_t				 src;
	int				 files;

	files = prepare_dry_run(f, &before);
	f->s = store_open(f->db, STORE_READ, f->err, sizeof(f->err));
	assert_non_null(f->s);
	assert_int_equal(store_history(f->s, &q, history_cb, &h), 0);
	assert_int_equal(h.n, 1);
	assert_int_equal(store_mute(f->s, "kazakhstan", 1700000000), -1);
	store_close(f->s);
	f->s = NULL;
	assert_unchanged(f->db, &before);
	join(dir, f->dir, "/state");
	assert_int_equal(count_entries(dir), files);
	f->s = open_db(f);
	src = source(f->s, "example-news");
	assert_int_equal(store_begin(f->s), 0);
	add_item(f->s, src, "k1");
	assert_int_equal(store_commit(f->s), 0);
	reader = store_open(f->db, STORE_READ, f->err, sizeof(f->err));
	assert_non_null(reader);
	assert_int_equal(store_item_seen(reader, src, "k1"), 1);
	store_close(reader);
}

/* A dry run without a database works in memory and creates nothing. */
static void
test_scratch_missing_file_creates_nothing(void **state)
{
	struct fx	*f = *state;
	int64_t		 src;

	f->s = store_open(f->db, STORE_SCRATCH, f->err, sizeof(f->err));
	assert_non_null(f->s);
	src = source(f->s, "example-news");
	assert_int_equal(store_begin(f->s), 0);
	add_item(f->s, src, "k");
	assert_int_equal(store_commit(f->s), 0);
	assert_int_equal(store_item_seen(f->s, src, "k"), 1);
	store_close(f->s);
	f->s = NULL;
	assert_int_equal(count_entries(f->dir), 0);
}

/* A dry run beside a running daemon sees its commits and does not block it. */
static void
test_scratch_beside_running_daemon_sees_commits(void **state)
{
	struct fx	*f = *state;
	struct store	*dry;
	int64_t		 src;

	f->s = open_db(f);
	src = source(f->s, "example-news");
	assert_int_equal(store_begin(f->s), 0);
	add_item(f->s, src, "k0");
	assert_int_equal(store_commit(f->s), 0);
	dry = store_open(f->db, STORE_SCRATCH, f->err, sizeof(f->err));
	assert_non_null(dry);
	assert_int_equal(store_item_seen(dry, src, "k0"), 1);
	store_close(dry);
	assert_int_equal(store_begin(f->s), 0);
	add_item(f->s, src, "k1");
	assert_int_equal(store_commit(f->s), 0);
}

/* store_history() callback that stops at once, leaving rows unread. */
static int
stop_cb(const struct store_history_row *r, void *arg)
{
	(void)r;
	(void)arg;
	return 1;
}

/* The size of the database's WAL file. */
static off_t
wal_size(const struct fx *f)
{
	char		 wal[PATH_MAX];
	struct stat	 st;

	join(wal, f->db, "-wal");
	return stat(wal, &st) == 0 ? st.st_size : 0;
}

/*
 * The WAL stays bounded over 2000 polls' worth of work, with SELECTs left
 * half-read each time (docs/HACKING.md: a statement never reset pins the WAL).
 */
static void
test_wal_bounded_over_2000_items_with_partial_selects(void **state)
{
	struct fx	*f = *state;
	struct alert	 a, *v;
	char		 key[32];
	int64_t		 src, item;
	size_t		 n;
	int		 i;

	f->s = open_db(f);
	src = source(f->s, "example-news");
	for (i = 0; i < 2000; i++) {
		snprintf(key, sizeof(key), "https://example.net/%d", i);
		assert_int_equal(store_item_seen(f->s, src, key), 0);
		assert_int_equal(store_begin(f->s), 0);
		item = add_item(f->s, src, key);
		a = make_alert("rare-earths", key, 1700000000 + i);
		assert_int_equal(store_alert_add(f->s, item, &a), 0);
		alert_clear(&a);
		assert_int_equal(store_commit(f->s), 0);
		assert_int_equal(store_alert_pending(f->s, 1, &v, &n), 0);
		store_alerts_free(v, n);
		assert_int_equal(store_history(f->s,
		    &(struct store_history_query){ 100, NULL, 0 }, stop_cb, NULL), 0);
		assert_int_equal(store_sources(f->s, source_cb,
		    &(struct store_source_row){ 0 }), 0);
	}
	printf("# WAL after 2000 items: %lld bytes\n", (long long)wal_size(f));
	assert_true(wal_size(f) < 8 * 1024 * 1024);
}


/*
 * Whether archive() hands the store the title's and summary's tokens, as
 * a poll does.
 */
static int	 archive_tokens;

/* A text's tokens, as a poll has them, when archive_tokens; else NULL. */
static struct text *
archive_give(const char *text)
{
	if (!archive_tokens || text == NULL)
		return NULL;
	return text_tokenize(text, strlen(text));
}

/* Archive one item's text under a new key, committed; its id. */
static int64_t
archive(struct store *s, int64_t src, const char *key, const char *title,
    const char *summary, const char *content)
{
	struct item	 it = { .title = (char *)title,
	    .summary = (char *)summary, .content = (char *)content,
	    .published = ITEM_NO_TIME };
	struct text	*tt = archive_give(title), *st = archive_give(summary);
	int64_t		 id = 0;

	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_item_add(s, src, key, &it, &id), 0);
	assert_int_equal(store_item_text(s, id, &it, tt, st), 0);
	assert_int_equal(store_commit(s), 0);
	text_free(tt);
	text_free(st);
	return id;
}

/* Archive one item's text under a new key in the open transaction; its id. */
static int64_t
archive_one(struct store *s, int64_t src, const char *key, const char *title,
    const char *summary)
{
	struct item	 it = { .title = (char *)title,
	    .summary = (char *)summary, .published = ITEM_NO_TIME };
	struct text	*tt = archive_give(title), *st = archive_give(summary);
	int64_t		 id = 0;

	assert_int_equal(store_item_add(s, src, key, &it, &id), 0);
	assert_int_equal(store_item_text(s, id, &it, tt, st), 0);
	text_free(tt);
	text_free(st);
	return id;
}

/* What a search collects: the ids the matcher confirmed, or every candidate. */
struct found {
	const struct match	*m;	/* NULL: take every candidate */
	int64_t			 ids[4096];
	size_t			 n;
	struct store_text_row	 last;	/* lengths of the last row's fields */
	size_t			 summarylen, contentlen;
};

/* store_texts() callback: keep the row when the matcher fires on it. */
static int
found_cb(const struct store_text_row *r, void *arg)
{
	struct found		*fd = arg;
	struct match_doc	 doc = { r->title, r->summary, r->content,
				    r->source };
	struct match_result	 res = { 0 };

	if (fd->m != NULL) {
		assert_int_equal(match_doc(fd->m, &doc, &res), 0);
		if (res.n == 0)
			return 0;
		match_result_free(&res);
	}
	assert_true(fd->n < sizeof(fd->ids) / sizeof(fd->ids[0]));
	fd->ids[fd->n++] = r->id;
	fd->summarylen = r->summary != NULL ? strlen(r->summary) : 0;
	fd->contentlen = r->content != NULL ? strlen(r->content) : 0;
	return 0;
}

/* A matcher of one expression. */
static struct match *
matcher(const char *expr)
{
	struct match		*m = match_new();
	struct match_error	 err;

	assert_int_equal(match_topic_add(m, "q", 0), 0);
	if (match_expr_add(m, 0, expr, 0, &err) == -1)
		fail_msg("%s: %s", expr, err.msg);
	match_compile(m);
	return m;
}

/*
 * Search as raqib search does (the index's candidates, the matcher
 * confirms) into *got, and as a scan of every archived item would into
 * *all; the two must agree.
 */
static void
search2(struct store *s, const char *expr, struct found *got,
    struct found *all)
{
	struct match		*m = matcher(expr);
	struct buf		 filter = { 0 };
	struct store_text_query	 q = { NULL, 0, NULL };

	memset(got, 0, sizeof(*got));
	memset(all, 0, sizeof(*all));
	got->m = all->m = m;
	assert_true(match_filter(m, 0, &filter) >= 0);
	q.filter = filter.data;
	assert_int_equal(store_texts(s, &q, found_cb, got), 0);
	q.filter = NULL;
	assert_int_equal(store_texts(s, &q, found_cb, all), 0);
	if (got->n != all->n)
		fail_msg("%s (filter %s): %zu found, a scan finds %zu", expr,
		    filter.data ? filter.data : "(none)", got->n, all->n);
	assert_memory_equal(got->ids, all->ids, got->n * sizeof(got->ids[0]));
	buf_free(&filter);
	match_free(m);
}

/* Every candidate the index gives for expr, unconfirmed, into *fd. */
static void
candidates(struct store *s, const char *expr, struct found *fd)
{
	struct match		*m = matcher(expr);
	struct buf		 filter = { 0 };
	struct store_text_query	 q = { NULL, 0, NULL };

	memset(fd, 0, sizeof(*fd));
	assert_true(match_filter(m, 0, &filter) > 0);
	q.filter = filter.data;
	assert_int_equal(store_texts(s, &q, found_cb, fd), 0);
	buf_free(&filter);
	match_free(m);
}

/* Record an item and archive its text inside the caller's transaction. */
static int64_t
archive_in(struct store *s, int64_t src, const char *key, const char *title)
{
	struct item	 it = { .title = (char *)title,
	    .published = ITEM_NO_TIME };
	int64_t		 id = 0;

	assert_int_equal(store_item_add(s, src, key, &it, &id), 0);
	assert_int_equal(store_item_text(s, id, &it, NULL, NULL), 0);
	return id;
}

/* Whether id is among what a search found. */
static int
found_has(const struct found *fd, int64_t id)
{
	size_t	 i;

	for (i = 0; i < fd->n; i++)
		if (fd->ids[i] == id)
			return 1;
	return 0;
}

/*
 * The archive's index finds كازاخستان with proclitics and the nisba, with
 * harakat and tatweel; not a look-alike; as the matcher does.
 */
static void
test_archive_search_clitics_and_normalization(void **state)
{
	struct fx	*f = *state;
	struct found	 got, all;
	int64_t		 src, a, b, c, d, e;

	f->s = open_db(f);
	src = source(f->s, "example-news");
	a = archive(f->s, src, "a", "زيارة رسمية لكازاخستان", NULL, NULL);
	b = archive(f->s, src, "b", "خبر", "الصادرات الكازاخستانية ترتفع", NULL);
	c = archive(f->s, src, "c", "خبر", NULL,
	    "رئيس كَازَاخْسـتان يصل إلى موسكو");
	d = archive(f->s, src, "d", "أوزبكستان توقع اتفاقا", NULL, NULL);
	e = archive(f->s, src, "e", "وبالكازاخستانيين", NULL, NULL);
	search2(f->s, "كازاخستان", &got, &all);
	assert_int_equal(got.n, 4);
	assert_true(found_has(&got, a) && found_has(&got, b) &&
	    found_has(&got, c) && found_has(&got, e));
	assert_false(found_has(&got, d));
	search2(f->s, "كـازاخِستان", &got, &all);
	assert_int_equal(got.n, 4);
	search2(f->s, "title:كازاخستان", &got, &all);
	assert_int_equal(got.n, 2);
	search2(f->s, "كازاخستان NOT موسكو", &got, &all);
	assert_int_equal(got.n, 3);
	search2(f->s, "NOT كازاخستان", &got, &all);
	assert_int_equal(got.n, 1);
	assert_true(found_has(&got, d));
	/* A term with the article: after لل, and a nisba without it. */
	a = archive(f->s, src, "f", "وفد للعراق", NULL, NULL);
	b = archive(f->s, src, "g", "نفط عراقي", NULL, NULL);
	search2(f->s, "العراق", &got, &all);
	assert_int_equal(got.n, 2);
	assert_true(found_has(&got, a) && found_has(&got, b));
	search2(f->s, "العر*", &got, &all);
	assert_true(found_has(&got, a));
	/* Adjectives that replace a name's ending: Lebanon → Lebanese. */
	a = archive(f->s, src, "h", "Lebanese parliament", NULL, NULL);
	b = archive(f->s, src, "i", "Chinese exports", NULL, NULL);
	c = archive(f->s, src, "j", "алматинские власти", NULL, NULL);
	search2(f->s, "Lebanon", &got, &all);
	assert_true(got.n == 1 && found_has(&got, a));
	search2(f->s, "China", &got, &all);
	assert_true(got.n == 1 && found_has(&got, b));
	search2(f->s, "Алматы", &got, &all);
	assert_true(got.n == 1 && found_has(&got, c));
	/* A name of three letters and its nisba. */
	a = archive(f->s, src, "k", "الجنيه المصري يتراجع", NULL, NULL);
	b = archive(f->s, src, "l", "رجال أعمال مصريون", NULL, NULL);
	search2(f->s, "مصر", &got, &all);
	assert_true(got.n == 2 && found_has(&got, a) && found_has(&got, b));
}

/*
 * The archive's search finds a foreign name spelled with one long vowel
 * letter more or less, as alerting does (match_vowel.c), and not the
 * Arabic word its consonants make.
 */
static void
test_archive_search_vowel_spellings(void **state)
{
	struct fx	*f = *state;
	struct found	 got, all;
	int64_t		 src, a, b, c;

	f->s = open_db(f);
	src = source(f->s, "example-news");
	a = archive(f->s, src, "a", "الرئيس توكايف يستقبل السفير", NULL, NULL);
	b = archive(f->s, src, "b", "خبر", "وأكد توكاييف دعمه للاتفاق", NULL);
	c = archive(f->s, src, "c", "التكيف مع تغير المناخ", NULL, NULL);
	search2(f->s, "توكاييف", &got, &all);
	assert_true(got.n == 2 && found_has(&got, a) && found_has(&got, b));
	search2(f->s, "توكايف", &got, &all);
	assert_true(got.n == 2 && found_has(&got, a) && found_has(&got, b));
	a = archive(f->s, src, "d", "نفط كوردستان إلى جيهان", NULL, NULL);
	b = archive(f->s, src, "e", "الكردستانيون ينتخبون", NULL, NULL);
	search2(f->s, "كردستان", &got, &all);
	assert_true(got.n == 2 && found_has(&got, a) && found_has(&got, b));
	search2(f->s, "تكيف", &got, &all);
	assert_true(got.n == 1 && found_has(&got, c));
	/* One letter for another of its sound: ط for ت. */
	a = archive(f->s, src, "f", "سوناتراك توقع عقداً", NULL, NULL);
	search2(f->s, "سوناطراك", &got, &all);
	assert_true(got.n == 1 && found_has(&got, a));
	/* A name's final ا written ة. */
	a = archive(f->s, src, "g", "مؤتمر في أستانة", NULL, NULL);
	search2(f->s, "أستانا", &got, &all);
	assert_true(got.n == 1 && found_has(&got, a));
}

/* The match lines of the example watch-list, comments cut; n of them. */
static size_t
example_lines(char lines[][512], size_t max)
{
	FILE	*fp = fopen("config/raqib.conf", "r");
	char	 line[1024], *p;
	size_t	 n = 0;

	assert_non_null(fp);
	while (n < max && fgets(line, sizeof(line), fp) != NULL) {
		if (strncmp(line, "match = ", 8) != 0 &&
		    strncmp(line, "exclude = ", 10) != 0)
			continue;
		p = strchr(line, '=') + 2;
		p[strcspn(p, "#\n")] = '\0';
		snprintf(lines[n++], 512, "%s", p);
	}
	fclose(fp);
	return n;
}

/* Words a text may carry a term in: proclitics, article, nisba, plurals. */
static const char *const affixed[][2] = {
	{ "و", "" }, { "ب", "" }, { "لل", "" }, { "وال", "" }, { "فبال", "" },
	{ "ال", "ية" }, { "", "يين" }, { "ل", "ي" }, { "", "s" },
	{ "", "es" }, { "", "ов" }, { "", "ской" }, { "", "у" }
};

/* Archive the watch-list's examples; every search agrees with a scan. */
static void
archive_agrees_with_scan(struct fx *f)
{
	static char	 lines[128][512];
	struct found	 got, all;
	FILE		*fp;
	char		 line[2048], key[32], word[600], *t, *sum, *w, *save;
	size_t		 n, i, k = 0, hits = 0;
	int64_t		 src;

	f->s = open_db(f);
	src = source(f->s, "example-news");
	assert_non_null(fp = fopen("tests/fixtures/watchlist.tsv", "r"));
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		t = line;
		if ((sum = strchr(t, '\t')) == NULL)
			continue;
		*sum++ = '\0';
		sum[strcspn(sum, "\t\n")] = '\0';
		snprintf(key, sizeof(key), "w%zu", k++);
		archive(f->s, src, key, t, strcmp(sum, "-") ? sum : NULL, NULL);
		for (w = strtok_r(t, " ", &save); w != NULL;
		    w = strtok_r(NULL, " ", &save))
			for (i = 0; i < nitems(affixed); i++) {
				snprintf(word, sizeof(word), "%s%s%s",
				    affixed[i][0], w, affixed[i][1]);
				snprintf(key, sizeof(key), "w%zu", k++);
				archive(f->s, src, key, "x", NULL, word);
			}
	}
	fclose(fp);
	n = example_lines(lines, nitems(lines));
	assert_true(n > 20);
	for (i = 0; i < n; i++) {
		search2(f->s, lines[i], &got, &all);
		hits += got.n;
	}
	printf("# %zu lines, %zu items, %zu found\n", n, k, hits);
	assert_true(hits > 100);
}

/*
 * Every line of the example watch-list finds in the archive what a scan
 * with the matcher finds: the reader-judged items of
 * tests/fixtures/watchlist.tsv, and each of their words with proclitics
 * and suffixes on.
 */
static void
test_archive_search_agrees_with_scan(void **state)
{
	struct fx	*f = *state;

	archive_agrees_with_scan(f);
}

/*
 * The same when the index takes each title's and summary's forms from the
 * tokens the poll read (store_item_text()), not from the text.
 */
static void
test_archive_from_poll_tokens_agrees_with_scan(void **state)
{
	struct fx	*f = *state;

	archive_tokens = 1;
	archive_agrees_with_scan(f);
	archive_tokens = 0;
}

/*
 * Every term of the held-out sets (tests/fixtures/heldout*.tsv) finds in
 * an archive of their texts what a scan with the matcher finds: the
 * forms their readers judged (verbs in -ed, place adjectives, Russian
 * adjectives and plurals, nisbas, spellings) are all in the index's
 * candidates.
 */
static void
test_archive_search_heldout_agrees_with_scan(void **state)
{
	static const char *const sets[] = { "tests/fixtures/heldout.tsv",
	    "tests/fixtures/heldout2.tsv", "tests/fixtures/heldout3.tsv",
	    "tests/fixtures/heldout4.tsv", "tests/fixtures/heldout5.tsv" };
	static char	 terms[1024][128];
	struct fx	*f = *state;
	struct found	 got, all;
	FILE		*fp;
	char		 line[2048], key[32], *text;
	size_t		 i, j, n = 0, k = 0, hits = 0;
	int64_t		 src;

	f->s = open_db(f);
	src = source(f->s, "example-news");
	for (i = 0; i < nitems(sets); i++) {
		assert_non_null(fp = fopen(sets[i], "r"));
		while (fgets(line, sizeof(line), fp) != NULL) {
			if (line[0] == '#' || (text = strchr(line, '\t')) == NULL)
				continue;
			*text++ = '\0';
			text[strcspn(text, "\t\n")] = '\0';
			snprintf(key, sizeof(key), "h%zu", k++);
			archive(f->s, src, key, text, NULL, NULL);
			for (j = 0; j < n && strcmp(terms[j], line) != 0; j++)
				;
			if (j == n && n < nitems(terms) &&
			    strlen(line) < sizeof(terms[0]))
				memcpy(terms[n++], line, strlen(line) + 1);
		}
		fclose(fp);
	}
	for (j = 0; j < n; j++) {
		search2(f->s, terms[j], &got, &all);
		hits += got.n;
	}
	printf("# %zu terms, %zu items, %zu found\n", n, k, hits);
	assert_true(n > 300 && hits > 700);
}

/* Retention takes an item's archived text and its index entries with it. */
static void
test_archive_pruned_with_its_item(void **state)
{
	struct fx	*f = *state;
	struct found	 got, all;
	int64_t		 src;

	f->s = open_db(f);
	src = source(f->s, "example-news");
	archive(f->s, src, "old", "كازاخستان تصدر النفط", NULL, NULL);
	search2(f->s, "كازاخستان", &got, &all);
	assert_int_equal(got.n, 1);
	sleep(1);
	assert_int_equal(store_prune(f->s, src, time(NULL)), 0);
	assert_int_equal(store_item_seen(f->s, src, "old"), 0);
	search2(f->s, "كازاخستان", &got, &all);
	assert_int_equal(got.n, 0);
	memset(&all, 0, sizeof(all));
	assert_int_equal(store_texts(f->s, &(struct store_text_query){ NULL,
	    0, NULL }, found_cb, &all), 0);
	assert_int_equal(all.n, 0);
	/* A new item may take the freed row id: the index holds only it. */
	archive(f->s, src, "new", "أوزبكستان", NULL, NULL);
	search2(f->s, "كازاخستان", &got, &all);
	assert_int_equal(got.n, 0);
	assert_int_equal(store_check_all(f->s), 0);
}

/*
 * The calls store.c makes to text_index() (the link wraps it:
 * -Wl,--wrap=text_index in the Makefile), to tell whether the index read
 * a text again or took the forms the poll's tokens gave.
 */
int	 __real_text_index(const char *, size_t, text_index_cb, void *);
int	 __wrap_text_index(const char *, size_t, text_index_cb, void *);
static size_t	 text_index_calls;

int
__wrap_text_index(const char *s, size_t len, text_index_cb cb, void *arg)
{
	text_index_calls++;
	return __real_text_index(s, len, cb, arg);
}

/*
 * A batch of more short texts than the tokenizer's memo keeps (4,096), as
 * a first poll of 256 sources has, is indexed at its commit from the
 * tokens the poll gave, none read again, and a search finds its first
 * and its last item.
 */
static void
test_archive_big_batch_indexed_from_tokens(void **state)
{
	struct fx	*f = *state;
	struct found	 got, all;
	char		 key[32], title[128], summary[128];
	int64_t		 src, first = 0, id = 0;
	int		 i;

	f->s = open_db(f);
	src = source(f->s, "example-news");
	archive_tokens = 1;
	archive(f->s, src, "warm", "وفد إلى طشقند", NULL, NULL);
	assert_int_equal(store_begin(f->s), 0);
	for (i = 0; i < 3000; i++) {
		snprintf(key, sizeof(key), "b%d", i);
		snprintf(title, sizeof(title), "%s %d في أستانا",
		    i == 0 ? "أوزبكستان" : i == 2999 ? "قيرغيزستان" :
		    "اجتماع", i);
		snprintf(summary, sizeof(summary), "بحث الوفد رقم %d المعادن", i);
		id = archive_one(f->s, src, key, title, summary);
		if (i == 0)
			first = id;
	}
	text_index_calls = 0;
	assert_int_equal(store_commit(f->s), 0);
	archive_tokens = 0;
	printf("# 6,000 texts in one batch: text_index() read %zu again\n",
	    text_index_calls);
	assert_int_equal(text_index_calls, 0);
	search2(f->s, "أوزبكستان", &got, &all);
	assert_int_equal(got.n, 1);
	assert_int_equal(got.ids[0], first);
	search2(f->s, "قيرغيزستان", &got, &all);
	assert_int_equal(got.n, 1);
	assert_int_equal(got.ids[0], id);
}

/* An edited item's text replaces the old one, in the index too. */
static void
test_archive_edit_replaces_text(void **state)
{
	struct fx	*f = *state;
	struct found	 got, all;
	struct item	 it = { .title = (char *)"وفد إلى أوزبكستان",
	    .published = ITEM_NO_TIME };
	int64_t		 src, id;

	f->s = open_db(f);
	src = source(f->s, "example-news");
	id = archive(f->s, src, "e", "وفد إلى كازاخستان", NULL, NULL);
	assert_int_equal(store_begin(f->s), 0);
	assert_int_equal(store_item_text(f->s, id, &it, NULL, NULL), 0);
	assert_int_equal(store_commit(f->s), 0);
	search2(f->s, "كازاخستان", &got, &all);
	assert_int_equal(got.n, 0);
	search2(f->s, "أوزبكستان", &got, &all);
	assert_int_equal(got.n, 1);
	assert_int_equal(got.ids[0], id);
}

/*
 * Within one batch, before the index has read them: a text edited is
 * indexed as it was last written, a text pruned is not indexed at all (and
 * its row id, taken again, indexes the new item's text alone).
 */
static void
test_archive_batch_edits_and_prunes(void **state)
{
	struct fx	*f = *state;
	struct found	 got, all, cand;
	struct item	 it = { .title = (char *)"وفد إلى أوزبكستان",
	    .published = ITEM_NO_TIME };
	int64_t		 keep, gone, a, b, c;

	f->s = open_db(f);
	keep = source(f->s, "example-news");
	gone = source(f->s, "other-news");
	assert_int_equal(store_begin(f->s), 0);
	a = archive_in(f->s, keep, "a", "وفد إلى كازاخستان");
	assert_int_equal(store_item_text(f->s, a, &it, NULL, NULL), 0);
	b = archive_in(f->s, gone, "b", "كازاخستان تصدر النفط");
	sleep(1);
	assert_int_equal(store_prune(f->s, gone, time(NULL)), 0);
	c = archive_in(f->s, gone, "c", "قرغيزستان تصدر الذهب");
	assert_int_equal(store_commit(f->s), 0);
	candidates(f->s, "كازاخستان", &cand);
	assert_int_equal(cand.n, 0);
	search2(f->s, "أوزبكستان", &got, &all);
	assert_int_equal(got.n, 1);
	assert_int_equal(got.ids[0], a);
	search2(f->s, "قرغيزستان", &got, &all);
	assert_int_equal(got.n, 1);
	assert_int_equal(got.ids[0], c);
	(void)b;
	assert_int_equal(store_check_all(f->s), 0);
}

/*
 * One text in many items (wire copy in many feeds: the tokenizer gives its
 * kept forms again) is found in each, and each item's index entries go with
 * it alone.
 */
static void
test_archive_same_text_in_many_items(void **state)
{
	struct fx	*f = *state;
	struct found	 got, all, cand;
	int64_t		 src[3], id[3];
	char		 name[16];
	size_t		 i;

	f->s = open_db(f);
	for (i = 0; i < 3; i++) {
		snprintf(name, sizeof(name), "outlet-%zu", i);
		src[i] = source(f->s, name);
		id[i] = archive(f->s, src[i], "wire", "وفد إلى كازاخستان",
		    "الصادرات الكازاخستانية ترتفع", NULL);
	}
	search2(f->s, "كازاخستان", &got, &all);
	assert_int_equal(got.n, 3);
	search2(f->s, "الصادرات", &got, &all);
	assert_int_equal(got.n, 3);
	sleep(1);
	assert_int_equal(store_begin(f->s), 0);
	assert_int_equal(store_prune(f->s, src[1], time(NULL)), 0);
	assert_int_equal(store_commit(f->s), 0);
	candidates(f->s, "كازاخستان", &cand);
	assert_int_equal(cand.n, 2);
	assert_true(found_has(&cand, id[0]) && found_has(&cand, id[2]));
	assert_int_equal(store_begin(f->s), 0);
	assert_int_equal(store_prune(f->s, src[0], time(NULL)), 0);
	assert_int_equal(store_prune(f->s, src[2], time(NULL)), 0);
	assert_int_equal(store_commit(f->s), 0);
	candidates(f->s, "الصادرات", &cand);
	assert_int_equal(cand.n, 0);
}

/*
 * One figure of the file, read by a connection of its own: what SQL sql
 * counts.
 */
static long
db_count(const char *path, const char *sql)
{
	sqlite3		*db;
	sqlite3_stmt	*st;
	long		 n = -1;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

/* The copies of texts that share another item's index entry. */
static long
copies(struct fx *f)
{
	return db_count(f->db, "SELECT count(*) FROM texts"
	    " WHERE shared IS NOT NULL");
}

/*
 * What migration 9 keeps true: every copy names an item that holds the
 * very same text and is not itself a copy.
 */
static void
assert_copies_sound(struct fx *f)
{
	assert_int_equal(db_count(f->db, "SELECT count(*) FROM texts c"
	    " LEFT JOIN texts k ON k.item_id = c.shared"
	    " WHERE c.shared IS NOT NULL AND (k.item_id IS NULL"
	    " OR k.shared IS NOT NULL OR k.title IS NOT c.title"
	    " OR k.summary IS NOT c.summary OR k.content IS NOT c.content)"), 0);
}

/* Archive a new text for an item that has one (an edit), committed. */
static void
edit(struct store *s, int64_t id, const char *title)
{
	struct item	 it = { .title = (char *)title,
	    .published = ITEM_NO_TIME };

	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_item_text(s, id, &it, NULL, NULL), 0);
	assert_int_equal(store_commit(s), 0);
}

/*
 * A wire story carried word for word by three outlets is indexed once and
 * found in all three; an outlet whose summary differs by a word has its
 * own entry. When the first copy's text is edited, or its item leaves, the
 * others are still found by their words, and the edited one by its new
 * words only: search agrees with a scan throughout.
 */
static void
test_archive_copies_share_one_entry(void **state)
{
	struct fx	*f = *state;
	struct found	 got, all, cand;
	int64_t		 src[4], id[4];
	char		 name[16];
	size_t		 i;

	f->s = open_db(f);
	for (i = 0; i < 4; i++) {
		snprintf(name, sizeof(name), "outlet-%zu", i);
		src[i] = source(f->s, name);
		id[i] = archive(f->s, src[i], "wire", "وفد إلى كازاخستان",
		    i < 3 ? "الصادرات الكازاخستانية ترتفع" :
		    "الصادرات الكازاخستانية تنخفض", NULL);
	}
	assert_int_equal(copies(f), 2);
	assert_copies_sound(f);
	search2(f->s, "كازاخستان", &got, &all);
	assert_int_equal(got.n, 4);
	search2(f->s, "ترتفع", &got, &all);
	assert_int_equal(got.n, 3);

	edit(f->s, id[0], "أوزبكستان تصدر الذهب");
	assert_int_equal(copies(f), 1);
	assert_copies_sound(f);
	search2(f->s, "ترتفع", &got, &all);
	assert_int_equal(got.n, 2);
	assert_true(found_has(&got, id[1]) && found_has(&got, id[2]));
	search2(f->s, "أوزبكستان", &got, &all);
	assert_int_equal(got.n, 1);
	candidates(f->s, "كازاخستان", &cand);
	assert_false(found_has(&cand, id[0]));

	edit(f->s, id[2], "طاجيكستان تبني سدا");
	assert_int_equal(copies(f), 0);
	search2(f->s, "ترتفع", &got, &all);
	assert_int_equal(got.n, 1);
	assert_int_equal(got.ids[0], id[1]);

	sleep(1);
	assert_int_equal(store_begin(f->s), 0);
	assert_int_equal(store_prune(f->s, src[1], time(NULL)), 0);
	assert_int_equal(store_commit(f->s), 0);
	candidates(f->s, "ترتفع", &cand);
	assert_int_equal(cand.n, 0);
	search2(f->s, "كازاخستان", &got, &all);
	assert_int_equal(got.n, 1);
	assert_int_equal(got.ids[0], id[3]);
}

/*
 * The item whose entry the copies share leaves (retention) while they
 * stay: the next copy takes the entry over, the rest follow it, and when
 * that one leaves in the same batch as it took over, the last is indexed.
 */
static void
test_archive_copies_outlive_their_first(void **state)
{
	struct fx	*f = *state;
	struct found	 got, all, cand;
	int64_t		 src[4], id[4];
	char		 name[16];
	size_t		 i;

	f->s = open_db(f);
	for (i = 0; i < 4; i++) {
		snprintf(name, sizeof(name), "outlet-%zu", i);
		src[i] = source(f->s, name);
		id[i] = archive(f->s, src[i], "wire", "قمة C5+1 في سمرقند",
		    "بحث القادة الطاقة والنقل", "وفد كازاخستان يقترح ممرا");
	}
	assert_int_equal(copies(f), 3);
	sleep(1);
	assert_int_equal(store_begin(f->s), 0);
	assert_int_equal(store_prune(f->s, src[0], time(NULL)), 0);
	assert_int_equal(store_commit(f->s), 0);
	assert_int_equal(copies(f), 2);
	assert_copies_sound(f);
	search2(f->s, "كازاخستان", &got, &all);
	assert_int_equal(got.n, 3);
	search2(f->s, "C5+1", &got, &all);
	assert_int_equal(got.n, 3);

	assert_int_equal(store_begin(f->s), 0);
	assert_int_equal(store_prune(f->s, src[1], time(NULL)), 0);
	assert_int_equal(store_prune(f->s, src[2], time(NULL)), 0);
	assert_int_equal(store_commit(f->s), 0);
	assert_int_equal(copies(f), 0);
	search2(f->s, "ممرا", &got, &all);
	assert_int_equal(got.n, 1);
	assert_int_equal(got.ids[0], id[3]);

	assert_int_equal(store_begin(f->s), 0);
	assert_int_equal(store_prune(f->s, src[3], time(NULL)), 0);
	assert_int_equal(store_commit(f->s), 0);
	candidates(f->s, "كازاخستان", &cand);
	assert_int_equal(cand.n, 0);
}

/*
 * Index the database's texts as an earlier raqib whose normalizer did less
 * would have: through a connection of the test's own, on which "raqib" is
 * FTS5's unicode61 tokenizer (no clitics, no Arabic folds), with the forms
 * version that build recorded.
 */
static void
db_index_as_before(const char *path)
{
	sqlite3		*db;
	sqlite3_stmt	*st;
	fts5_api	*api = NULL;
	fts5_tokenizer	 tok;
	void		*ud = NULL;
	char		*err = NULL;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st,
	    NULL), SQLITE_OK);
	sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	assert_non_null(api);
	assert_int_equal(api->xFindTokenizer(api, "unicode61", &ud, &tok),
	    SQLITE_OK);
	assert_int_equal(api->xCreateTokenizer(api, "raqib", ud, &tok, NULL),
	    SQLITE_OK);
	if (sqlite3_exec(db, "INSERT INTO texts_index (texts_index)"
	    " VALUES ('delete-all');"
	    "INSERT INTO texts_index (rowid, title, summary, content)"
	    " SELECT item_id, title, summary, content FROM texts"
	    " WHERE shared IS NULL;"
	    "UPDATE texts_forms SET version = 1", NULL, NULL, &err)
	    != SQLITE_OK)
		fail_msg("%s", err);
	sqlite3_close(db);
}

/*
 * An index made by an earlier version's normalizer holds forms a search
 * no longer asks for (here a word with its article and clitics, which the
 * index now also keeps without them): it is found stale, made anew once from the texts
 * that are not copies, and then search agrees with a scan, the copies are
 * found through their key, and retention takes entries out cleanly.
 */
static void
test_archive_index_renewed(void **state)
{
	struct fx	*f = *state;
	struct found	 got, all, cand;
	int64_t		 src[4];
	char		 name[16];
	size_t		 i, n = 99;

	f->s = open_db(f);
	assert_int_equal(store_index_stale(f->s), 0);
	assert_int_equal(store_index_renew(f->s, &n), 0);
	assert_int_equal(n, 0);
	for (i = 0; i < 4; i++) {
		snprintf(name, sizeof(name), "outlet-%zu", i);
		src[i] = source(f->s, name);
		archive(f->s, src[i], "wire", "توكاييف يستقبل وفدا",
		    i < 3 ? "الصادرات الكازاخستانية ترتفع" : "زيارة إلى أستانا",
		    NULL);
	}
	assert_int_equal(copies(f), 2);
	store_close(f->s);
	f->s = NULL;
	db_index_as_before(f->db);

	f->s = open_db(f);
	assert_int_equal(store_index_stale(f->s), 1);
	candidates(f->s, "كازاخستان", &cand);
	assert_int_equal(cand.n, 0);
	assert_int_equal(store_index_renew(f->s, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(store_index_stale(f->s), 0);
	assert_int_equal(store_index_renew(f->s, &n), 0);
	assert_int_equal(n, 0);
	search2(f->s, "توكاييف", &got, &all);
	assert_int_equal(got.n, 4);
	search2(f->s, "كازاخستان", &got, &all);
	assert_int_equal(got.n, 3);

	sleep(1);
	assert_int_equal(store_begin(f->s), 0);
	assert_int_equal(store_prune(f->s, src[0], time(NULL)), 0);
	assert_int_equal(store_prune(f->s, src[3], time(NULL)), 0);
	assert_int_equal(store_commit(f->s), 0);
	assert_copies_sound(f);
	search2(f->s, "توكاييف", &got, &all);
	assert_int_equal(got.n, 2);
	candidates(f->s, "أستانا", &cand);
	assert_int_equal(cand.n, 0);
}

/*
 * A copy archived in a unit that is undone shares nothing afterwards: the
 * text archived again, by another item, is found.
 */
static void
test_archive_copy_in_undone_unit(void **state)
{
	struct fx	*f = *state;
	struct found	 got, all;
	int64_t		 src, id;

	f->s = open_db(f);
	src = source(f->s, "example-news");
	assert_int_equal(store_unit_begin(f->s), 0);
	archive_in(f->s, src, "x", "كازاخستان تصدر النفط");
	archive_in(f->s, src, "y", "كازاخستان تصدر النفط");
	store_unit_abort(f->s);
	assert_int_equal(store_unit_begin(f->s), 0);
	archive_in(f->s, src, "z", "أوزبكستان تصدر الذهب");
	id = archive_in(f->s, src, "w", "كازاخستان تصدر النفط");
	assert_int_equal(store_unit_end(f->s), 0);
	assert_int_equal(store_sync(f->s), 0);
	assert_int_equal(copies(f), 0);
	search2(f->s, "كازاخستان", &got, &all);
	assert_int_equal(got.n, 1);
	assert_int_equal(got.ids[0], id);
}

/* A unit undone takes its texts out of what the batch will index. */
static void
test_archive_unit_abort(void **state)
{
	struct fx	*f = *state;
	struct found	 got, all, cand;
	int64_t		 src, id;

	f->s = open_db(f);
	src = source(f->s, "example-news");
	assert_int_equal(store_unit_begin(f->s), 0);
	archive_in(f->s, src, "x", "كازاخستان تصدر النفط");
	store_unit_abort(f->s);
	assert_int_equal(store_unit_begin(f->s), 0);
	id = archive_in(f->s, src, "y", "أوزبكستان تصدر الذهب");
	assert_int_equal(store_unit_end(f->s), 0);
	assert_int_equal(store_sync(f->s), 0);
	candidates(f->s, "كازاخستان", &cand);
	assert_int_equal(cand.n, 0);
	search2(f->s, "أوزبكستان", &got, &all);
	assert_int_equal(got.n, 1);
	assert_int_equal(got.ids[0], id);
}

/* An item's text is cut at 64 KiB in all, at a character, title first. */
static void
test_archive_text_capped(void **state)
{
	struct fx	*f = *state;
	struct found	 all = { 0 };
	size_t		 len = 100 * 1024 + 1, i;
	char		*content = malloc(len + 1);
	int64_t		 src;

	assert_non_null(content);
	content[0] = 'x';
	for (i = 1; i + 1 < len; i += 2)
		memcpy(content + i, "ك", 2);
	content[len - 1] = 'y';
	content[len] = '\0';
	f->s = open_db(f);
	src = source(f->s, "example-news");
	archive(f->s, src, "big", "title", "summary", content);
	assert_int_equal(store_texts(f->s, &(struct store_text_query){ NULL,
	    0, NULL }, found_cb, &all), 0);
	assert_int_equal(all.n, 1);
	assert_true(5 + all.summarylen + all.contentlen <= STORE_TEXT_MAX);
	assert_true(5 + all.summarylen + all.contentlen > STORE_TEXT_MAX - 2);
	assert_int_equal(all.contentlen % 2, 1);	/* 'x', whole letters */
	free(content);
}

/*
 * A version 6 file (tests/fixtures/db/v6.db: the raqib before the archive,
 * after one poll of the sample sources) opens upgraded in place: its items
 * and alerts kept, none of them with text; items stored now are archived.
 */
static void
test_archive_migrates_v6_file(void **state)
{
	struct fx	*f = *state;
	struct found	 all = { 0 }, got;
	struct snap	 v6 = snap_file("tests/fixtures/db/v6.db");
	FILE		*fp;
	int64_t		 src;
	size_t		 n = 0;

	assert_true(v6.len > 0);
	join(f->db, f->dir, "/v6.db");
	assert_non_null(fp = fopen(f->db, "wb"));
	assert_int_equal(fwrite(v6.bytes, 1, v6.len, fp), v6.len);
	fclose(fp);
	free(v6.bytes);
	assert_int_equal(header_user_version(f->db), 6);
	f->s = open_db(f);
	store_close(f->s);
	assert_int_equal(header_user_version(f->db), SCHEMA_VERSION);
	f->s = open_db(f);
	src = source(f->s, "sample-rss");
	assert_int_equal(store_item_seen(f->s, src, "https://asdaa.example.net"
	    "/2025/11/04/foreign-minister-rubio/"), 1);
	assert_int_equal(store_alert_count_since(f->s, 0, &n), 0);
	assert_true(n > 0);
	assert_int_equal(store_texts(f->s, &(struct store_text_query){ NULL,
	    0, NULL }, found_cb, &all), 0);
	assert_int_equal(all.n, 0);
	archive(f->s, src, "new", "لكازاخستان", NULL, NULL);
	search2(f->s, "كازاخستان", &got, &all);
	assert_int_equal(got.n, 1);
}

/*
 * A version 7 file (tests/fixtures/db/v7.db: one poll of the sample
 * sources with the archive's first schema) opens upgraded in place: its
 * texts found as before, an edit and retention take the old words out of
 * the index.
 */
static void
test_archive_migrates_v7_file(void **state)
{
	struct fx	*f = *state;
	struct found	 got, all, cand;
	struct snap	 v7 = snap_file("tests/fixtures/db/v7.db");
	struct item	 it = { .title = (char *)"خبر",
	    .published = ITEM_NO_TIME };
	FILE		*fp;
	int64_t		 page;

	assert_true(v7.len > 0);
	join(f->db, f->dir, "/v7.db");
	assert_non_null(fp = fopen(f->db, "wb"));
	assert_int_equal(fwrite(v7.bytes, 1, v7.len, fp), v7.len);
	fclose(fp);
	free(v7.bytes);
	assert_int_equal(header_user_version(f->db), 7);
	f->s = open_db(f);
	store_close(f->s);
	assert_int_equal(header_user_version(f->db), SCHEMA_VERSION);
	f->s = open_db(f);
	/* Items 1, 4 and 6: كازاخستان, لكازاخستان, الكازاخستاني. */
	search2(f->s, "كازاخستان", &got, &all);
	assert_true(found_has(&got, 1) && found_has(&got, 4) &&
	    found_has(&got, 6));
	assert_int_equal(store_begin(f->s), 0);
	assert_int_equal(store_item_text(f->s, 1, &it, NULL, NULL), 0);
	assert_int_equal(store_commit(f->s), 0);
	candidates(f->s, "كازاخستان", &cand);
	assert_false(found_has(&cand, 1));
	assert_true(found_has(&cand, 15) && found_has(&cand, 20));
	/* Retention, which the v7 triggers did, now by the new ones. */
	page = source(f->s, "sample-page");
	sleep(1);
	assert_int_equal(store_begin(f->s), 0);
	assert_int_equal(store_prune(f->s, page, time(NULL)), 0);
	assert_int_equal(store_commit(f->s), 0);
	candidates(f->s, "كازاخستان", &cand);
	assert_false(found_has(&cand, 15) || found_has(&cand, 20));
	search2(f->s, "كازاخستان", &got, &all);
	assert_true(found_has(&got, 4) && !found_has(&got, 1));
	assert_int_equal(store_check_all(f->s), 0);
}

/*
 * An older file (tests/fixtures/db/v7.db, its items stamped when it was
 * made) has no index on last_seen once upgraded, and its sources no floor
 * (migration 11): the first prune forgets the stale items of its source
 * alone and keeps the new, and the floor is then the lowest stamp kept.
 */
static void
test_prune_upgraded_file_sets_floor(void **state)
{
	struct fx	*f = *state;
	struct snap	 v7 = snap_file("tests/fixtures/db/v7.db");
	FILE		*fp;
	int64_t		 rss;

	assert_true(v7.len > 0);
	join(f->db, f->dir, "/v7.db");
	assert_non_null(fp = fopen(f->db, "wb"));
	assert_int_equal(fwrite(v7.bytes, 1, v7.len, fp), v7.len);
	fclose(fp);
	free(v7.bytes);
	f->s = open_db(f);
	assert_int_equal(db_count(f->db, "SELECT count(*) FROM sqlite_master"
	    " WHERE name = 'items_seen'"), 0);
	rss = source(f->s, "sample-rss");
	record(f->s, rss, &(struct store_ident){ "new", NULL, NULL, "x", NULL,
	    0, 0 });
	assert_int_equal(store_prune(f->s, rss, time(NULL) - 60), 0);
	assert_int_equal(store_item_seen(f->s, rss,
	    "https://asdaa.example.net/?p=48211"), 0);
	assert_int_equal(store_item_seen(f->s, rss, "new"), 1);
	assert_int_equal(db_count(f->db, "SELECT count(*) FROM items"
	    " WHERE source_id = (SELECT id FROM sources"
	    " WHERE name = 'sample-atom')"), 6);
	assert_int_equal(db_count(f->db, "SELECT seen_floor = (SELECT"
	    " min(last_seen) FROM items WHERE source_id = sources.id)"
	    " FROM sources WHERE name = 'sample-rss'"), 1);
}

/* The story an item joined: its first copy's id, else its own. */
static long
story_of(struct fx *f, int64_t item)
{
	char	 sql[96];

	snprintf(sql, sizeof(sql), "SELECT coalesce(story_id, id) FROM items"
	    " WHERE id = %lld", (long long)item);
	return db_count(f->db, sql);
}

/*
 * Copies of a story join its first copy while it is there: not after the
 * unit that recorded it was undone, nor once it was pruned, nor under the
 * title it had before an edit. More copies than a lookup reads, and one
 * of the first's own source, still join the first. (store.c answers
 * these from the rows it recorded lately; each must be what SQLite says.)
 */
static void
test_story_copies_follow_their_first(void **state)
{
	struct fx		*f = *state;
	struct store_ident	 id = { "a", NULL, "title:wire", "x", NULL, 0, 0 };
	struct store_ident	 re = { "d", NULL, "title:new", "y", NULL, 0, 0 };
	struct store_ident	 other = { "o", NULL, "title:other", "z", NULL,
				    0, 0 };
	int64_t			 src[16], first, item;
	char			 name[8];
	size_t			 i;
	int			 changed;

	f->s = open_db(f);
	for (i = 0; i < 16; i++) {
		snprintf(name, sizeof(name), "s%zu", i);
		src[i] = source(f->s, name);
	}
	assert_int_equal(store_unit_begin(f->s), 0);
	record_in_unit(f->s, src[0], &id);
	store_unit_abort(f->s);
	record(f->s, src[0], &other);	/* takes the id undone */
	first = record(f->s, src[1], &id);
	assert_int_equal(story_of(f, first), first);
	for (i = 2; i < 16; i++)
		assert_int_equal(story_of(f, record(f->s, src[i], &id)), first);
	id.key = "b";
	assert_int_equal(story_of(f, record(f->s, src[1], &id)), first);
	other.key = "p";
	record(f->s, src[0], &other);	/* the highest id stays */
	sleep(1);
	for (i = 1; i < 16; i++)
		assert_int_equal(store_prune(f->s, src[i], time(NULL)), 0);
	id.key = "d";
	item = record(f->s, src[0], &id);
	assert_int_equal(story_of(f, item), item);
	re.key = "g";
	assert_int_equal(story_of(f, record(f->s, src[3], &re)), item + 1);
	re.key = "d";
	assert_int_equal(find(f->s, src[0], &re, &changed), 1);
	id.key = "e";
	item = record(f->s, src[1], &id);
	assert_int_equal(story_of(f, item), item);
	re.key = "f";
	assert_int_equal(story_of(f, record(f->s, src[2], &re)), item - 2);
}

int
main(void)
{
	const struct CMUnitTest	 tests[] = {
#define T(fn)	cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_item_new_once_per_source_seen_after_commit),
		T(test_open_creates_missing_dirs_0700),
		T(test_rollback_loses_item_and_alerts_together),
		T(test_pending_alerts_survive_reopen_oldest_first),
		T(test_pending_alerts_fair_to_sources_and_topics),
		T(test_flood_trim_counts_onto_first),
		T(test_delivered_alert_not_pending_history_shows_it),
		T(test_validators_round_trip_304_keeps_them),
		T(test_validators_kept_follow_the_file),
		T(test_statement_unpreparable_fails_its_operation),
		T(test_story_sources_added_with_the_batch),
		T(test_health_counts_failures_success_resets),
		T(test_health_read_note),
		T(test_schema_version_set_reopen_keeps_data),
		T(test_mute_marks_pending_alerts_muted_unmute_ends_it),
		T(test_sink_deliveries_recorded_per_sink),
		T(test_future_schema_version_refused),
		T(test_garbage_file_refused_left_unchanged),
		T(test_damaged_page_refused_left_unchanged),
		T(test_damaged_item_page_found_when_read),
		T(test_health_batched_until_sync_begin_close),
		T(test_units_commit_with_the_batch_abort_undoes_one),
		T(test_second_open_refused_names_pid),
		T(test_readonly_file_or_dir_clear_message_as_nobody_when_root),
	T(test_disk_full_clear_message_on_small_tmpfs),
	T(test_identity_by_link_or_title_and_edits),
	T(test_one_title_two_texts),
	T(test_first_poll_finds_its_own_items),
	T(test_story_across_sources_alerts_once_sources_grow),
	T(test_alerts_carry_their_items_story),
	T(test_new_story_on_reused_id_not_silenced),
	T(test_story_copies_follow_their_first),
	T(test_report_days_outlets_stories),
	T(test_prune_keeps_items_still_seen),
	T(test_unchanged_item_keeps_its_stamp),
	T(test_prune_upgraded_file_sets_floor),
		T(test_scratch_copies_data_writes_leave_file_unchanged),
		T(test_read_in_place_writes_nothing),
	T(test_scratch_missing_file_creates_nothing),
		T(test_scratch_beside_running_daemon_sees_commits),
		T(test_wal_bounded_over_2000_items_with_partial_selects),
		T(test_archive_search_clitics_and_normalization),
		T(test_archive_search_vowel_spellings),
		T(test_archive_search_agrees_with_scan),
		T(test_archive_from_poll_tokens_agrees_with_scan),
		T(test_archive_search_heldout_agrees_with_scan),
		T(test_archive_pruned_with_its_item),
		T(test_archive_edit_replaces_text),
		T(test_archive_big_batch_indexed_from_tokens),
		T(test_archive_text_capped),
		T(test_archive_migrates_v6_file),
		T(test_archive_batch_edits_and_prunes),
		T(test_archive_unit_abort),
		T(test_archive_same_text_in_many_items),
		T(test_archive_copies_share_one_entry),
		T(test_archive_copies_outlive_their_first),
		T(test_archive_index_renewed),
		T(test_archive_copy_in_undone_unit),
		T(test_archive_migrates_v7_file),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
