/*
 * alert_exec: the programs delivery starts: exec sinks (the alert in RAQIB_*
 * variables and as JSON on stdin, a time limit) and the link opener. Each
 * is a child process started without a shell and reaped on the loop
 * through a pidfd (no SIGCHLD), never waited for.
 */
#define _GNU_SOURCE	/* pipe2, F_SETPIPE_SZ: the sink's input fits its pipe */
#include <sys/queue.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>

#include "alert.h"
#include "alert_int.h"
#include "buf.h"
#include "log.h"
#include "xmalloc.h"

#define ALERT_EXEC_MAX		4	/* exec sinks running at once */
#define ALERT_EXEC_INPUT	(1024 * 1024)	/* pipe room for the JSON */

extern char	**environ;

/* A program raqib started (opener, exec sink); reaped through its pidfd. */
struct alert_child {
	LIST_ENTRY(alert_child)	 entry;
	pid_t			 pid;
	int			 pidfd;
	struct event		*ev;	/* pidfd readable: the child ended */
	struct event		*timer;	/* exec sinks: the time limit */
	struct alert_job	*job;	/* exec sinks: reported when it ends */
};
LIST_HEAD(alert_child_list, alert_child);

/* The children running. */
static struct {
	struct alert_child_list	 list;
	size_t			 nexec;		/* exec jobs among them */
} alert_children = { LIST_HEAD_INITIALIZER(alert_children.list), 0 };

/* Free a child's events, pidfd and job; the process itself is not touched. */
static void
alert_child_free(struct alert_child *c)
{
	LIST_REMOVE(c, entry);
	if (c->ev != NULL)
		event_free(c->ev);
	if (c->timer != NULL)
		event_free(c->timer);
	if (c->job != NULL) {
		alert_children.nexec--;
		alert_job_free(c->job);
	}
	close(c->pidfd);
	free(c);
}

/* Log how a child that failed ended. */
static void
alert_child_log(const struct alert_child *c, int status)
{
	const char	*what = c->job != NULL ? c->job->arg : alert_g.opener;
	char		 safe[256];

	log_safe(safe, sizeof(safe), what, 200);
	if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
		log_warn("%s exited with status %d%s", safe,
		    WEXITSTATUS(status), c->job ? "; the alert waits" : "");
	else if (WIFSIGNALED(status))
		log_warn("%s was killed by signal %d%s", safe, WTERMSIG(status),
		    c->job ? "; the alert waits" : "");
}

/* A child ended: reap it and report its job. */
static void
alert_child_cb(evutil_socket_t fd, short what, void *arg)
{
	struct alert_child	*c = arg;
	struct alert_job	*j = c->job;
	int			 status;

	(void)fd;
	(void)what;
	if (waitpid(c->pid, &status, WNOHANG) <= 0)
		return;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		alert_child_log(c, status);
	c->job = NULL;
	alert_children.nexec -= j != NULL;
	alert_child_free(c);
	if (j == NULL)
		return;
	j->ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
	alert_job_report(j);
	alert_job_free(j);
}

/* An exec sink ran out of time: kill it; its pidfd reports the end. */
static void
alert_child_timeout_cb(evutil_socket_t fd, short what, void *arg)
{
	struct alert_child	*c = arg;
	char			 safe[256];

	(void)fd;
	(void)what;
	log_warn("%s took more than %d s; killing it",
	    log_safe(safe, sizeof(safe), c->job->arg, 200),
	    alert_g.exec_timeout);
	/* Not reaped yet, so the pid cannot belong to anyone else. */
	kill(c->pid, SIGKILL);
}

/*
 * Watch a started child through a pidfd so the loop reaps it without
 * SIGCHLD; an exec job also gets a time limit. -1 when it cannot be
 * watched (a per-operation failure, logged: the child is then left alone
 * and j stays the caller's).
 */
static int
alert_child_watch(pid_t pid, struct alert_job *j)
{
	struct alert_child	*c;
	struct timeval		 tv = { alert_g.exec_timeout, 0 };

	c = xcalloc(1, sizeof(*c));
	c->pid = pid;
	LIST_INSERT_HEAD(&alert_children.list, c, entry);
	if ((c->pidfd = (int)syscall(SYS_pidfd_open, pid, 0)) != -1)
		c->ev = event_new(alert_g.base, c->pidfd, EV_READ | EV_PERSIST,
		    alert_child_cb, c);
	if (j != NULL)
		c->timer = evtimer_new(alert_g.base, alert_child_timeout_cb, c);
	if (c->pidfd == -1 || c->ev == NULL || event_add(c->ev, NULL) == -1 ||
	    (j != NULL && (c->timer == NULL ||
	    evtimer_add(c->timer, &tv) == -1))) {
		log_warn("alert: cannot watch child %ld: %s", (long)pid,
		    strerror(errno));
		alert_child_free(c);
		return -1;
	}
	c->job = j;
	alert_children.nexec += j != NULL;
	return 0;
}

/*
 * Open a link with the user's opener: no shell, the link one argv element,
 * stdin from /dev/null. Only http(s) links: the opener may run anything.
 */
void
alert_open_link(const char *link)
{
	posix_spawn_file_actions_t	 fa;
	char				*argv[3];
	char				 safe[256];
	pid_t				 pid;
	int				 rc;

	if (!alert_link_ok(link)) {
		log_warn("not opening a link that is not http(s): %s",
		    log_safe(safe, sizeof(safe), link ? link : "", 200));
		return;
	}
	argv[0] = alert_g.opener;
	argv[1] = (char *)link;
	argv[2] = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0) {
		log_warn("cannot run the link opener %s: %s", argv[0],
		    strerror(rc));
		return;
	}
	alert_child_watch(pid, NULL);
}

/* Append s as a JSON string, or null; s is valid UTF-8. */
static void
alert_json_str(struct buf *b, const char *s)
{
	if (s == NULL) {
		buf_puts(b, "null");
		return;
	}
	buf_putc(b, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			buf_printf(b, "\\%c", *s);
		else if ((unsigned char)*s < 0x20 || *s == 0x7f)
			buf_printf(b, "\\u%04x", (unsigned char)*s);
		else
			buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

/* The item's time as ISO 8601 UTC, or "" when there is none. */
static void
alert_iso_time(int64_t t, char *out, size_t len)
{
	time_t		 tt = (time_t)t;
	struct tm	 tm;

	out[0] = '\0';
	if (t != ITEM_NO_TIME && gmtime_r(&tt, &tm) != NULL)
		strftime(out, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Append an alert's JSON fields, without braces (id 0, a summary's: null). */
static void
alert_json_fields(struct buf *b, const struct alert *a)
{
	static const char	*urgency[] = { "low", "normal", "critical" };
	char			 when[32];

	alert_iso_time(a->published, when, sizeof(when));
	if (a->id != 0)
		buf_printf(b, "\"id\":%lld,\"topic\":", (long long)a->id);
	else
		buf_puts(b, "\"id\":null,\"topic\":");
	alert_json_str(b, a->topic);
	buf_puts(b, ",\"title\":");
	alert_json_str(b, a->title);
	buf_puts(b, ",\"link\":");
	alert_json_str(b, a->link);
	buf_puts(b, ",\"source\":");
	alert_json_str(b, a->source);
	buf_printf(b, ",\"sources\":%u,\"terms\":",
	    a->sources > 1 ? a->sources : 1);
	alert_json_str(b, a->terms);
	buf_puts(b, ",\"snippet\":");
	alert_json_str(b, a->snippet);
	buf_puts(b, ",\"published\":");
	alert_json_str(b, *when ? when : NULL);
	buf_printf(b, ",\"urgency\":\"%s\"",
	    urgency[(unsigned)a->urgency <= ALERT_CRITICAL ? a->urgency : 1]);
}

/*
 * The exec sink's standard input, one JSON object: the alert with
 * "count":1; for a summary of v[0..n), its summary d with "count":n and
 * every alert in "alerts".
 */
static void
alert_json(struct buf *b, const struct alert *v, size_t n,
    const struct alert *d)
{
	size_t	 i;

	buf_putc(b, '{');
	alert_json_fields(b, n > 1 ? d : v);
	buf_printf(b, ",\"count\":%zu", n);
	if (n > 1) {
		buf_puts(b, ",\"alerts\":[");
		for (i = 0; i < n; i++) {
			buf_puts(b, i > 0 ? ",{" : "{");
			alert_json_fields(b, &v[i]);
			buf_putc(b, '}');
		}
		buf_putc(b, ']');
	}
	buf_puts(b, "}\n");
}

/* Append an owned "NAME=value" string to a NULL-ended array. */
static void
alert_env_push(char ***env, size_t *n, char *s)
{
	*env = xreallocarray(*env, *n + 2, sizeof(**env));
	(*env)[(*n)++] = s;
	(*env)[*n] = NULL;
}

/* Append NAME=value (value NULL: empty). */
static void
alert_env_add(char ***env, size_t *n, const char *name, const char *value)
{
	char	*s;

	xasprintf(&s, "%s=%s", name, value != NULL ? value : "");
	alert_env_push(env, n, s);
}

/* Free an environment built by alert_env. */
static void
alert_env_free(char **env)
{
	char	**e;

	for (e = env; e != NULL && *e != NULL; e++)
		free(*e);
	free(env);
}

/*
 * Our environment without RAQIB_*, plus the alert (or a summary of count
 * alerts) as RAQIB_* variables.
 */
static char **
alert_env(const struct alert *a, size_t count)
{
	char	**env = NULL, **e, when[32], sources[16], alerts[24];
	size_t	 n = 0;

	alert_iso_time(a->published, when, sizeof(when));
	snprintf(sources, sizeof(sources), "%u",
	    a->sources > 1 ? a->sources : 1);
	snprintf(alerts, sizeof(alerts), "%zu", count);
	for (e = environ; *e != NULL; e++)
		if (strncmp(*e, "RAQIB_", 6) != 0)
			alert_env_push(&env, &n, xstrdup(*e));
	alert_env_add(&env, &n, "RAQIB_TOPIC", a->topic);
	alert_env_add(&env, &n, "RAQIB_TITLE", a->title);
	alert_env_add(&env, &n, "RAQIB_LINK", a->link);
	alert_env_add(&env, &n, "RAQIB_SOURCES", a->source);
	alert_env_add(&env, &n, "RAQIB_SOURCE_COUNT", sources);
	alert_env_add(&env, &n, "RAQIB_TERMS", a->terms);
	alert_env_add(&env, &n, "RAQIB_SNIPPET", a->snippet);
	alert_env_add(&env, &n, "RAQIB_PUBLISHED", when);
	alert_env_add(&env, &n, "RAQIB_COUNT", alerts);
	return env;
}

/* A close-on-exec pipe for the sink's stdin, room enough for len bytes. */
static int
alert_input_pipe(int fd[2], size_t len)
{
	if (pipe2(fd, O_CLOEXEC) == -1)
		return -1;
	if (len >= 65536 && fcntl(fd[1], F_SETPIPE_SZ, (int)len + 1) == -1) {
		close(fd[0]);
		close(fd[1]);
		return -1;
	}
	return 0;
}

/* Start argv (no shell) with env and json on its stdin; its pid, or -1. */
static pid_t
alert_spawn_input(char *const argv[], char **env, const struct buf *json)
{
	posix_spawn_file_actions_t	 fa;
	pid_t				 pid;
	int				 fd[2], rc;

	if (json->len > ALERT_EXEC_INPUT || alert_input_pipe(fd,
	    json->len) == -1)
		return -1;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fd[0], 0);
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, env);
	posix_spawn_file_actions_destroy(&fa);
	close(fd[0]);
	/* Written whole before the child can block us: the pipe holds it. */
	if (rc != 0)
		log_warn("cannot run %s: %s", argv[0], strerror(rc));
	else if (write(fd[1], json->data, json->len) != (ssize_t)json->len)
		log_debug("%s did not take its input: %s", argv[0],
		    strerror(errno));
	close(fd[1]);
	return rc == 0 ? pid : -1;
}

/*
 * Start an exec sink for v[0..n): argv as configured (no shell), the alert
 * (n > 1: their summary) in RAQIB_* variables and as JSON on stdin.
 * Returns the child's pid, or -1.
 */
static pid_t
alert_exec_spawn(char *const argv[], const struct alert *v, size_t n)
{
	struct alert	 d = { 0 };
	struct buf	 json = { 0 };
	char		**env;
	pid_t		 pid;

	if (n > 1)
		alert_digest_alert(v, n, &d);
	alert_json(&json, v, n, &d);
	env = alert_env(n > 1 ? &d : v, n);
	pid = alert_spawn_input(argv, env, &json);
	alert_env_free(env);
	buf_free(&json);
	alert_clear(&d);
	return pid;
}

/* Whether a running exec job of sink has one of v[0..n) (ids not 0). */
static int
alert_exec_running(const struct alert *v, size_t n, const char *sink)
{
	const struct alert_child	*c;
	size_t				 i, k;

	LIST_FOREACH(c, &alert_children.list, entry) {
		if (c->job == NULL || strcmp(c->job->arg, sink) != 0)
			continue;
		for (i = 0; i < c->job->n; i++)
			for (k = 0; k < n; k++)
				if (v[k].id != 0 && v[k].id == c->job->v[i].id)
					return 1;
	}
	return 0;
}

/*
 * Run an exec sink for v[0..n) (n > 1: one summary), unless none may
 * start now or it runs for one of them already; see alert.h.
 */
static int
alert_exec_job(const struct alert *v, size_t n, const char *sink,
    char *const argv[])
{
	struct alert_job	*j;
	pid_t			 pid;
	size_t			 i;

	if (alert_g.sh == NULL)
		return -1;
	/* Busy: the alerts stay pending; each success flushes the outbox. */
	if (alert_children.nexec >= ALERT_EXEC_MAX ||
	    alert_exec_running(v, n, sink))
		return 0;
	j = alert_job_new(ALERT_JOB_EXEC, v, n);
	j->arg = xstrdup(sink);
	/* Its copies of the feed's text lose the controls that could spill. */
	for (i = 0; i < n; i++) {
		if (j->v[i].title != NULL)
			alert_bidi_balance(j->v[i].title, NULL, NULL);
		alert_bidi_balance(j->v[i].snippet, NULL, NULL);
	}
	/* A dry run runs nothing. */
	pid = alert_g.mode == ALERT_STDOUT ? 0 :
	    alert_exec_spawn(argv, j->v, n);
	if (pid > 0 && alert_child_watch(pid, j) == 0)
		return 0;
	/* Reported from the loop, like every other result, never from here. */
	j->ok = pid == 0;
	alert_job_finish(j);
	return 0;
}

/* Run an exec sink for a; see alert.h. */
int
alert_exec(const struct alert *a, const char *sink, char *const argv[])
{
	return alert_exec_job(a, 1, sink, argv);
}

/* Run an exec sink once for v[0..n) as one summary; see alert.h. */
int
alert_exec_summary(const struct alert *v, size_t n, const char *sink,
    char *const argv[])
{
	return alert_exec_job(v, n, sink, argv);
}

/* The alerts of the exec sinks running now (each of a summary's). */
size_t
alert_exec_running_alerts(void)
{
	const struct alert_child	*c;
	size_t				 n = 0;

	LIST_FOREACH(c, &alert_children.list, entry)
		if (c->job != NULL)
			n += c->job->n;
	return n;
}

/* Forget every child (shutdown): their processes are left alone. */
void
alert_children_free(void)
{
	while (!LIST_EMPTY(&alert_children.list))
		alert_child_free(LIST_FIRST(&alert_children.list));
}
