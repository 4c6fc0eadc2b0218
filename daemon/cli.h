/*
 * cli: the subcommands (check, export-opml, history, import-opml, init,
 * match, mute, parse, report, sources, unmute).
 */
#ifndef RAQIB_CLI_H
#define RAQIB_CLI_H

/* Whether name is a subcommand. */
int	 cli_is_command(const char *name);
/*
 * Say on one line of stderr that name is no command, and what was likely
 * meant. Returns the exit status of a usage error.
 */
int	 cli_unknown(const char *name);
/* Run a subcommand; argv[0] is its name. Returns the exit status. */
int	 cli_main(int argc, char **argv);

#endif
