/* main: arguments, start-up, signals, and the event loop. */
#include <event2/event.h>

#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alert.h"
#include "buf.h"
#include "cli.h"
#include "compat.h"
#include "config.h"
#include "feed.h"
#include "fetch.h"
#include "log.h"
#include "poll.h"
#include "service.h"
#include "store.h"
#include "xmalloc.h"

#define MAIN_STATUS_EVERY	5.0	/* seconds between status line checks */
#define MAIN_STOP_GRACE		2.5	/* seconds transfers may finish in */
#define MAIN_STOP_CHECK		0.1	/* seconds between checks meanwhile */

/* Everything the daemon runs with. */
struct main_ctx {
	struct event_base	*base;
	struct config		*cfg;
	struct store		*store;
	struct poll		*poll;
	struct event		*signals[4];
	struct event		*watchdog;	/* WATCHDOG=1, when asked for */
	struct event		*status;	/* STATUS= refresh */
	struct event		*stop;		/* shutdown: waits for transfers */
	double			 stop_left;	/* seconds of grace left */
	char			*config_path;
	char			 status_line[256];	/* last STATUS= sent */
	int			 once;
	int			 dry_run;
	int			 stopping;
	int			 reload_failed;	/* the last reload's config was bad */
	int			 damaged;	/* the database is: stop, exit 1 */
};

/* Print the usage and return the exit status for a usage error. */
static int
main_usage(FILE *f, int status)
{
	fprintf(f,
	    "usage: raqib [-c FILE] [--once] [--dry-run] [-v | -q]\n"
	    "       raqib init [-c FILE]\n"
	    "       raqib check [-c FILE] [--database]\n"
	    "       raqib export-opml [-c FILE]\n"
	    "       raqib history [-c FILE] [--topic T] [--since 2d] [--json]\n"
	    "       raqib import-opml [-c FILE] [--append] OPML-FILE\n"
	    "       raqib match [-c FILE] [--topic T] [--explain] TEXT | - | --file F\n"
	    "       raqib mute [-c FILE] [TOPIC [DURATION]]\n"
	    "       raqib parse FILE|URL|- [--url BASE] [--charset NAME] [--now TIME]\n"
	    "                   [--items SELECTOR | --article]\n"
	    "       raqib report [-c FILE] [--since 30d] [-o FILE]\n"
	    "       raqib preview [-c FILE] [--topic T] [--since 30d] [--list]\n"
	    "       raqib search [-c FILE] [--since 30d] [--source NAME] [--json] QUERY\n"
	    "       raqib sources [-c FILE] [--json]\n"
	    "       raqib unmute [-c FILE] TOPIC\n"
	    "       raqib COMMAND --help\n"
	    "\n"
	    "  -c FILE     config file (default $XDG_CONFIG_HOME/raqib/raqib.conf)\n"
	    "  --once      poll every source once, deliver, and exit\n"
	    "  --dry-run   print alerts to stdout; write nothing to the database\n"
	    "  -v, -q      more or less logging\n"
	    "  --version   print the version\n"
	    "\n"
	    "Signals: HUP reloads the config, TERM/INT stop, USR1 polls now.\n"
	    "Exit status: 0 ok, 1 runtime failure, 2 usage or config error.\n");
	return status;
}

/* Log each line of text as a warning about the file path. */
static void
main_warn_lines(const char *path, char *text)
{
	char		*line, *save = NULL;
	const char	*said;
	int		 at;

	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if ((at = config_warning_line(line, &said)) > 0)
			log_warn("%s:%d: %s", path, at, said);
		else
			log_warn("%s: %s", path, said);
	}
}

/*
 * Report every config error and return NULL with *status the exit status
 * (1 unreadable, 2 invalid), or the loaded config, its warnings logged.
 */
static struct config *
main_load_config(const char *path, int *status)
{
	struct buf	 errors = { 0 };
	struct config	*cfg;

	if ((cfg = config_load(path, &errors, status)) == NULL)
		fprintf(stderr, "%s", errors.data ? errors.data : "");
	else {
		config_warnings(cfg, &errors);
		if (errors.data != NULL)
			main_warn_lines(path, errors.data);
	}
	buf_free(&errors);
	return cfg;
}

/* The alert module finished one delivery. */
static void
main_alert_done_cb(int64_t id, const char *topic, const char *sink, int ok,
    void *arg)
{
	struct main_ctx	*m = arg;

	if (m->poll != NULL)
		poll_alert_done(m->poll, id, topic, sink, ok);
}

/* The user chose "Mute topic" on a notification. */
static void
main_mute_cb(const char *topic, void *arg)
{
	struct main_ctx	*m = arg;

	if (m->poll != NULL)
		poll_mute(m->poll, topic);
}

/* A --once run is complete. */
static void
main_idle_cb(void *arg)
{
	struct main_ctx	*m = arg;

	/* loopexit, not loopbreak: it may be called before the loop runs. */
	event_base_loopexit(m->base, NULL);
}

/* A libevent timeval of seconds. */
static struct timeval
main_tv(double seconds)
{
	struct timeval	 tv;

	tv.tv_sec = (time_t)seconds;
	tv.tv_usec = (suseconds_t)((seconds - (double)tv.tv_sec) * 1e6);
	return tv;
}

/* A persistent timer on the loop; NULL when out of memory. */
static struct event *
main_every(struct main_ctx *m, double seconds, event_callback_fn cb)
{
	struct event	*ev;
	struct timeval	 tv = main_tv(seconds);

	if ((ev = event_new(m->base, -1, EV_PERSIST, cb, m)) == NULL)
		return NULL;
	if (event_add(ev, &tv) == -1) {
		event_free(ev);
		return NULL;
	}
	return ev;
}

/* A duration as people say it (90s, 3m, 2h, 2d), for the status line. */
static void
main_duration(double s, char *out, size_t len)
{
	static const struct { double secs; char unit; } units[] = {
		{ 86400, 'd' }, { 3600, 'h' }, { 60, 'm' }
	};
	size_t	 i;

	for (i = 0; i < nitems(units); i++) {
		if (s >= 2 * units[i].secs) {
			snprintf(out, len, "%.0f%c", s / units[i].secs,
			    units[i].unit);
			return;
		}
	}
	snprintf(out, len, "%.0fs", s);
}

/* Unix seconds of the last local midnight: "today" starts there. */
static int64_t
main_midnight(void)
{
	time_t		 now = time(NULL);
	struct tm	 tm;

	localtime_r(&now, &tm);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

/* The line `systemctl --user status raqib` shows. */
static void
main_status_text(struct main_ctx *m, char *out, size_t len)
{
	struct poll_stats	 st;
	size_t			 today = 0;
	char			 when[32], next[48];

	poll_stats(m->poll, &st);
	if (store_alert_count_since(m->store, main_midnight(), &today) == -1)
		log_debug("status: %s", store_error(m->store));
	main_duration(st.next, when, sizeof(when));
	if (st.busy > 0)
		snprintf(next, sizeof(next), "polling %zu now", st.busy);
	else if (st.next < 0)
		snprintf(next, sizeof(next), "no poll scheduled");
	else
		snprintf(next, sizeof(next), "next poll in %s", when);
	snprintf(out, len, "%zu sources, %zu failing, %s, %zu alerts today%s%s",
	    st.sources, st.failing, next, today, m->reload_failed ?
	    "; the last reload failed: the config has errors" : "",
	    st.unwritable ? "; the database cannot be written (see the log): "
	    "nothing is polled or delivered" : "");
}

/* Send STATUS= when the line changed: at most one per MAIN_STATUS_EVERY. */
static void
main_status_update(struct main_ctx *m)
{
	char	 line[sizeof(m->status_line)];

	if (!service_enabled() || m->poll == NULL)
		return;
	main_status_text(m, line, sizeof(line));
	if (strcmp(line, m->status_line) == 0)
		return;
	memcpy(m->status_line, line, sizeof(line));
	service_notify("STATUS=%s", line);
}

/* The status timer fired. */
static void
main_status_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	main_status_update(arg);
}

/* The watchdog timer fired: the loop runs, so tell the manager. */
static void
main_watchdog_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	(void)arg;
	service_notify("WATCHDOG=1");
}

/* Start the timers that talk to the service manager, when there is one. */
static int
main_service_start(struct main_ctx *m)
{
	uint64_t	 usec = service_watchdog_usec();

	if (!service_enabled())
		return 0;
	if (usec > 0 && (m->watchdog = main_every(m, (double)usec / 2e6,
	    main_watchdog_cb)) == NULL)
		return -1;
	m->status = main_every(m, MAIN_STATUS_EVERY, main_status_cb);
	return m->status == NULL ? -1 : 0;
}

/* Shutdown: wait for transfers in flight; abort them once the grace is over. */
static void
main_stop_cb(evutil_socket_t fd, short what, void *arg)
{
	struct main_ctx	*m = arg;

	(void)fd;
	(void)what;
	m->stop_left -= MAIN_STOP_CHECK;
	if (poll_busy(m->poll) > 0 && m->stop_left > 0)
		return;
	if (poll_busy(m->poll) > 0)
		log_warn("aborting %zu transfers still in flight",
		    poll_busy(m->poll));
	event_base_loopbreak(m->base);
}

/* SIGTERM/SIGINT: start nothing more; a second signal stops at once. */
static void
main_shutdown(struct main_ctx *m)
{
	if (m->stopping++) {
		log_info("stopping now");
		event_base_loopbreak(m->base);
		return;
	}
	log_info("stopping");
	service_notify("STOPPING=1");
	poll_stop(m->poll);
	m->stop_left = MAIN_STOP_GRACE;
	if (poll_busy(m->poll) == 0 ||
	    (m->stop = main_every(m, MAIN_STOP_CHECK, main_stop_cb)) == NULL)
		event_base_loopbreak(m->base);
}

/* SIGHUP: read the config again; keep the running one if the new one is bad. */
static void
main_reload(struct main_ctx *m)
{
	struct config	*cfg;
	int		 status;

	log_info("reloading %s", m->config_path);
	if ((cfg = main_load_config(m->config_path, &status)) == NULL) {
		log_err("%s has errors (above); the running configuration "
		    "stays in force", m->config_path);
		m->reload_failed = 1;
		return;
	}
	if (strcmp(cfg->database, m->cfg->database) != 0)
		log_warn("the database path changed; it takes effect at the "
		    "next start");
	if (poll_reload(m->poll, cfg) == -1) {
		log_err("cannot apply the new configuration (a database or "
		    "event loop error); the running one stays in force");
		config_free(cfg);
		return;
	}
	alert_set_opener(cfg->opener);
	fetch_set_limits((size_t)cfg->connections, (size_t)cfg->per_host);
	config_free(m->cfg);
	m->cfg = cfg;
	m->reload_failed = 0;
	log_info("configuration reloaded: %zu sources, %zu topics",
	    cfg->nsources, cfg->ntopics);
}

/* A signal arrived, delivered on the loop by libevent. */
static void
main_signal_cb(evutil_socket_t sig, short what, void *arg)
{
	struct main_ctx	*m = arg;

	(void)what;
	if (m->stopping && sig != SIGTERM && sig != SIGINT)
		return;
	switch (sig) {
	case SIGHUP:
		if (m->once) {
			log_info("SIGHUP ignored: --once runs with the config "
			    "it started with");
			break;
		}
		service_reloading();
		main_reload(m);
		service_notify("READY=1");
		main_status_update(m);
		break;
	case SIGUSR1:
		log_info("polling every source now");
		poll_now(m->poll);
		break;
	default:
		main_shutdown(m);
		break;
	}
}

/* Install the signal events. */
static int
main_signals(struct main_ctx *m)
{
	static const int	 sigs[] = { SIGHUP, SIGTERM, SIGINT, SIGUSR1 };
	size_t			 i;

	signal(SIGPIPE, SIG_IGN);
	for (i = 0; i < nitems(sigs); i++) {
		m->signals[i] = evsignal_new(m->base, sigs[i], main_signal_cb, m);
		if (m->signals[i] == NULL || evsignal_add(m->signals[i], NULL))
			return -1;
	}
	return 0;
}

/* An operation found the database damaged: stop rather than write more. */
static void
main_damage_cb(void *arg)
{
	struct main_ctx	*m = arg;

	m->damaged = 1;
	log_err("%s; raqib stops (`raqib check --database` reads the whole "
	    "file)", store_error(m->store));
	if (m->base != NULL)
		event_base_loopbreak(m->base);
}

/* How long the service manager is asked to wait for an index made anew. */
#define MAIN_INDEX_USEC	(30ULL * 60 * 1000000)

/*
 * An archive indexed under another build's normalizer is indexed anew
 * before the first poll, or a search would miss what it holds. On a large
 * archive that takes minutes, so the service manager is asked to wait
 * rather than kill a start that would only begin again.
 */
static int
main_index(struct main_ctx *m)
{
	time_t	 t0 = time(NULL);
	size_t	 n;
	int	 stale;

	if ((stale = store_index_stale(m->store)) == 1) {
		log_info("the archive's index was made by an earlier version's "
		    "normalizer: indexing the archived texts anew, once");
		service_notify("EXTEND_TIMEOUT_USEC=%llu\nSTATUS=indexing the "
		    "archive anew", MAIN_INDEX_USEC);
	}
	if (stale == -1 || store_index_renew(m->store, &n) == -1) {
		log_err("%s", store_error(m->store));
		return -1;
	}
	if (stale == 1)
		log_info("indexed %zu archived texts anew in %lld s", n,
		    (long long)(time(NULL) - t0));
	return 0;
}

/* Open the database and start every module on a new event base. */
static int
main_start(struct main_ctx *m)
{
	struct alert_hooks	 hooks = { main_alert_done_cb, main_mute_cb, m,
				    m->cfg->opener, 0, m->once };
	char			 err[512];

	m->store = store_open(m->cfg->database, m->dry_run ? STORE_SCRATCH :
	    STORE_NORMAL, err, sizeof(err));
	if (m->store == NULL) {
		log_err("%s", err);
		return -1;
	}
	if (main_index(m) == -1)
		return -1;
	store_on_damage(m->store, main_damage_cb, m);
	feed_init();
	if ((m->base = event_base_new()) == NULL ||
	    fetch_init(m->base) == -1 ||
	    alert_init(m->base, m->dry_run ? ALERT_STDOUT : ALERT_DESKTOP,
	    &hooks) == -1 || main_signals(m) == -1 ||
	    main_service_start(m) == -1 ||
	    (m->poll = poll_new(m->base, m->cfg, m->store, m->once,
	    main_idle_cb, m)) == NULL) {
		log_err("start-up failed: the event loop, libcurl or the "
		    "notification thread could not start");
		return -1;
	}
	fetch_set_limits((size_t)m->cfg->connections, (size_t)m->cfg->per_host);
	return 0;
}

/* The exit status of a run: 1 on a damaged database, or when --once stopped on an unwritable one. */
static int
main_status(const struct main_ctx *m)
{
	struct poll_stats	 st;

	poll_stats(m->poll, &st);
	return m->damaged || (m->once && st.unwritable) ? 1 : 0;
}

/* Free a timer, if any. */
static void
main_event_free(struct event **ev)
{
	if (*ev != NULL)
		event_free(*ev);
	*ev = NULL;
}

/* Stop every module in the reverse order of main_start. */
static void
main_stop(struct main_ctx *m)
{
	size_t	 i;

	if (!m->stopping)
		service_notify("STOPPING=1");
	if (m->base != NULL)
		fetch_shutdown();
	alert_shutdown(2000);
	poll_free(m->poll);
	for (i = 0; i < nitems(m->signals); i++)
		if (m->signals[i] != NULL)
			event_free(m->signals[i]);
	main_event_free(&m->watchdog);
	main_event_free(&m->status);
	main_event_free(&m->stop);
	if (m->base != NULL)
		event_base_free(m->base);
	feed_shutdown();
	store_close(m->store);
	config_free(m->cfg);
	free(m->config_path);
	service_shutdown();
}

/* Parse the daemon's flags into m; returns -1 after a usage error. */
static int
main_flags(struct main_ctx *m, int argc, char **argv, int *status)
{
	static const struct option	 opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "once", no_argument, NULL, 'o' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int				 c;

	while ((c = getopt_long(argc, argv, "c:vqh", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			free(m->config_path);
			m->config_path = xstrdup(optarg);
			break;
		case 'o':
			m->once = 1;
			break;
		case 'n':
			m->dry_run = m->once = 1;
			break;
		case 'v':
			log_set_level(LOG_LVL_DEBUG);
			break;
		case 'q':
			log_set_level(LOG_LVL_WARN);
			break;
		case 'V':
			printf("raqib %s\n", RAQIB_VERSION);
			*status = 0;
			return -1;
		case 'h':
			*status = main_usage(stdout, 0);
			return -1;
		default:
			*status = main_usage(stderr, 2);
			return -1;
		}
	}
	if (optind != argc) {
		*status = argv[optind][0] != '-' ? cli_unknown(argv[optind]) :
		    main_usage(stderr, 2);
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct main_ctx	 m = { 0 };
	int		 status = 1;

	/*
	 * UTF-8 characters whatever the environment's locale (C under most
	 * services): libcurl 7.88 turns a host in Arabic or Cyrillic letters
	 * into its xn-- form through the locale's charset, and in the C
	 * locale refuses it as a malformed URL. The ctype calls elsewhere
	 * read ASCII alike in both; config and feeds say their charset.
	 */
	setlocale(LC_CTYPE, "C.UTF-8");
	log_init(LOG_LVL_INFO);
	if (argc > 1 && cli_is_command(argv[1]))
		return cli_main(argc - 1, argv + 1);
	if (main_flags(&m, argc, argv, &status) == -1) {
		free(m.config_path);
		return status;
	}
	if (m.config_path == NULL)
		m.config_path = config_default_path();
	if ((m.cfg = main_load_config(m.config_path, &status)) == NULL) {
		free(m.config_path);
		return status;
	}
	service_init();
	if (main_start(&m) == 0) {
		log_info("raqib %s: %zu sources, %zu topics, database %s%s",
		    RAQIB_VERSION, m.cfg->nsources, m.cfg->ntopics,
		    m.cfg->database, m.dry_run ? " (dry run)" : "");
		poll_start(m.poll);
		service_notify("READY=1");
		main_status_update(&m);
		event_base_dispatch(m.base);
		status = main_status(&m);
	} else
		status = 1;	/* the config loaded (status 0) but start-up failed */
	main_stop(&m);
	return status;
}
