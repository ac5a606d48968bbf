/* cli.h: the subcommands of the folio command line, one file each. Each
 * takes the arguments after its name and returns the exit status. */
#ifndef FOLIO_CLI_H
#define FOLIO_CLI_H

int folio_cli_diff(int argc, char **argv);  /* diff.c */
int folio_cli_watch(int argc, char **argv); /* watch.c */

#endif
