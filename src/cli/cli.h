/* cli.h: the subcommands of the folio command line, one file each. Each
 * takes the arguments after its name and returns the exit status. */
#ifndef FOLIO_CLI_H
#define FOLIO_CLI_H

#include "folio.h"

#include <stddef.h>

int folio_cli_diff(int argc, char **argv);  /* diff.c */
int folio_cli_watch(int argc, char **argv); /* watch.c */

/* main.c: write DATA to a temporary file beside PATH and rename it into
 * place. Returns 0, or 1 after printing why it could not. */
int folio_write_atomic(const char *path, const unsigned char *data, size_t len);

/* args.c: the options of build, check and watch into *o and *out (-o).
 * Returns 0, or 2 after printing what is wrong and `usage`. */
int folio_cli_args(int argc, char **argv, const char *usage, folio_build_options *o,
                   const char **out);
int folio_cli_usage_error(const char *usage, const char *fmt, const char *arg);

#endif
