/* main: arguments, start-up, signals, and the event loop. */
#include <event2/event.h>

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alert.h"
#include "buf.h"
#include "cli.h"
#include "config.h"
#include "feed.h"
#include "fetch.h"
#include "log.h"
#include "poll.h"
#include "store.h"

#define MAIN_USER_AGENT	"raqib/" RAQIB_VERSION " (news watcher)"

/* Everything the daemon runs with. */
struct main_ctx {
	struct event_base	*base;
	struct config		*cfg;
	struct store		*store;
	struct poll		*poll;
	struct event		*signals[4];
	char			*config_path;
	int			 once;
	int			 dry_run;
};

/* Print the usage and return the exit status for a usage error. */
static int
main_usage(FILE *f, int status)
{
	fprintf(f,
	    "usage: raqib [-c FILE] [--once] [--dry-run] [-v | -q]\n"
	    "       raqib check [-c FILE]\n"
	    "       raqib match [-c FILE] [--topic T] TEXT | - | --file F\n"
	    "       raqib parse FILE [--url URL] [--charset NAME] [--items SEL]\n"
	    "       raqib history [-c FILE] [--topic T] [--since 2d] [--json]\n"
	    "\n"
	    "  -c FILE     config file (default $XDG_CONFIG_HOME/raqib/raqib.conf)\n"
	    "  --once      poll every source once, deliver, and exit\n"
	    "  --dry-run   print alerts to stdout; write nothing to the database\n"
	    "  -v, -q      more or less logging\n"
	    "  --version   print the version\n"
	    "\n"
	    "Exit status: 0 ok, 1 runtime failure, 2 usage or config error.\n");
	return status;
}

/* Report every config error and return NULL, or the loaded config. */
static struct config *
main_load_config(const char *path)
{
	struct buf	 errors = { 0 };
	struct config	*cfg;

	if ((cfg = config_load(path, &errors)) == NULL)
		fprintf(stderr, "%s", errors.data ? errors.data : "");
	buf_free(&errors);
	return cfg;
}

/* The alert module finished one delivery. */
static void
main_alert_done_cb(int64_t id, int ok, void *arg)
{
	struct main_ctx	*m = arg;

	if (m->poll != NULL)
		poll_alert_done(m->poll, id, ok);
}

/* A --once run is complete. */
static void
main_idle_cb(void *arg)
{
	struct main_ctx	*m = arg;

	event_base_loopbreak(m->base);
}

/* SIGHUP: read the config again; keep the running one if the new one is bad. */
static void
main_reload(struct main_ctx *m)
{
	struct config	*cfg;
	struct poll	*p;

	log_info("reloading %s", m->config_path);
	if ((cfg = main_load_config(m->config_path)) == NULL) {
		log_err("%s has errors (above); the running configuration "
		    "stays in force", m->config_path);
		return;
	}
	if (strcmp(cfg->database, m->cfg->database) != 0)
		log_warn("the database path changed; it takes effect at the "
		    "next start");
	fetch_cancel_all();
	if ((p = poll_new(m->base, cfg, m->store, 0, main_idle_cb, m)) == NULL) {
		log_err("cannot apply the new configuration (out of memory)");
		config_free(cfg);
		return;
	}
	poll_free(m->poll);
	config_free(m->cfg);
	m->cfg = cfg;
	m->poll = p;
	poll_start(p);
	log_info("configuration reloaded: %zu sources, %zu topics",
	    cfg->nsources, cfg->ntopics);
}

/* A signal arrived, delivered on the loop by libevent. */
static void
main_signal_cb(evutil_socket_t sig, short what, void *arg)
{
	struct main_ctx	*m = arg;

	(void)what;
	switch (sig) {
	case SIGHUP:
		main_reload(m);
		break;
	case SIGUSR1:
		log_info("polling every source now");
		poll_now(m->poll);
		break;
	default:
		log_info("stopping");
		event_base_loopbreak(m->base);
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
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		m->signals[i] = evsignal_new(m->base, sigs[i], main_signal_cb, m);
		if (m->signals[i] == NULL || evsignal_add(m->signals[i], NULL))
			return -1;
	}
	return 0;
}

/* Open the database and start every module on a new event base. */
static int
main_start(struct main_ctx *m)
{
	char	 err[512];

	m->store = store_open(m->cfg->database, m->dry_run ? STORE_SCRATCH :
	    STORE_NORMAL, err, sizeof(err));
	if (m->store == NULL) {
		log_err("%s", err);
		return -1;
	}
	feed_init();
	if ((m->base = event_base_new()) == NULL ||
	    fetch_init(m->base, MAIN_USER_AGENT) == -1 ||
	    alert_init(m->base, m->dry_run ? ALERT_STDOUT : ALERT_DESKTOP,
	    main_alert_done_cb, m) == -1 || main_signals(m) == -1 ||
	    (m->poll = poll_new(m->base, m->cfg, m->store, m->once,
	    main_idle_cb, m)) == NULL) {
		log_err("start-up failed: out of memory or no event backend");
		return -1;
	}
	return 0;
}

/* Stop every module in the reverse order of main_start. */
static void
main_stop(struct main_ctx *m)
{
	size_t	 i;

	if (m->base != NULL)
		fetch_shutdown();
	alert_shutdown(2000);
	poll_free(m->poll);
	for (i = 0; i < sizeof(m->signals) / sizeof(m->signals[0]); i++)
		if (m->signals[i] != NULL)
			event_free(m->signals[i]);
	if (m->base != NULL)
		event_base_free(m->base);
	feed_shutdown();
	store_close(m->store);
	config_free(m->cfg);
	free(m->config_path);
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
			m->config_path = strdup(optarg);
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
		*status = main_usage(stderr, 2);
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct main_ctx	 m = { 0 };
	int		 status = 1;

	log_init(LOG_LVL_INFO);
	if (argc > 1 && cli_is_command(argv[1]))
		return cli_main(argc - 1, argv + 1);
	if (main_flags(&m, argc, argv, &status) == -1) {
		free(m.config_path);
		return status;
	}
	if (m.config_path == NULL)
		m.config_path = config_default_path();
	if ((m.cfg = main_load_config(m.config_path)) == NULL) {
		free(m.config_path);
		return 2;
	}
	if (main_start(&m) == 0) {
		log_info("raqib %s: %zu sources, %zu topics, database %s%s",
		    RAQIB_VERSION, m.cfg->nsources, m.cfg->ntopics,
		    m.cfg->database, m.dry_run ? " (dry run)" : "");
		poll_start(m.poll);
		event_base_dispatch(m.base);
		status = 0;
	}
	main_stop(&m);
	return status;
}
