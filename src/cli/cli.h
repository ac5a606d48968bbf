/* cli.h: the subcommands of the folio command line, one file each. Each
 * takes the arguments after its name and returns the exit status. */
#ifndef FOLIO_CLI_H
#define FOLIO_CLI_H

#include "folio.h"

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

int folio_cli_diff(int argc, char **argv);  /* diff.c */
int folio_cli_watch(int argc, char **argv); /* watch.c */

/* main.c: an output file written atomically. folio_out_open makes the
 * temporary file beside PATH (0, or 1 after printing why not, unless
 * quiet); folio_out_commit renames it into place (0, or 1 after printing
 * why not; the temporary is gone either way); folio_out_abandon drops it.
 * A PATH that is a device or a pipe makes no temporary (in_place). */
typedef struct folio_out {
	int fd;
	bool proc;     /* /proc/self/fd can name the file */
	bool in_place; /* not a regular file: written into, never renamed over */
	const char *path;   /* as the user gave it, for messages */
	const char *target; /* what is replaced: path, or the file its link names */
	char real[PATH_MAX];
	char dir[PATH_MAX];
	char tmp[PATH_MAX + 32]; /* its name, once it has one */
} folio_out;
int folio_out_open(const char *path, folio_out *out, bool quiet);
int folio_out_commit(folio_out *out);
void folio_out_abandon(folio_out *out);

/* main.c: build into OUT (NULL: nowhere, for check), then, once the
 * messages are out, folio_cli_finish writes it into place if `write` (and
 * returns 0, or 1 after printing why not) or drops it (returns status). */
typedef struct folio_cli_out {
	const char *path;
	bool direct; /* built into file, else into pdf/len */
	folio_out file;
	unsigned char *pdf;
	size_t len;
} folio_cli_out;
int folio_cli_build(folio_ctx *ctx, const folio_build_options *o, const char *out,
                    folio_cli_out *w);
int folio_cli_finish(folio_cli_out *w, int status, bool write);

/* main.c: write DATA to a temporary file beside PATH and rename it into
 * place (into PATH itself when it is a device or a pipe). Returns 0, or 1
 * after printing why it could not. */
int folio_write_atomic(const char *path, const unsigned char *data, size_t len);

/* args.c: the options of build, check and watch into *o and *out (-o).
 * Returns 0, or 2 after printing what is wrong and `usage`. */
int folio_cli_args(int argc, char **argv, const char *usage, folio_build_options *o,
                   const char **out);
int folio_cli_usage_error(const char *usage, const char *fmt, const char *arg);

#endif
