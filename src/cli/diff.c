/* diff.c: the folio-diff executable: the arguments of folio diff A.pdf B.pdf
 * [--out DIR] [--dpi N]; the comparison itself is src/diff/. It is a program
 * of its own, which `folio diff` execs (main.c), so that poppler, cairo and
 * gobject are loaded only by a diff and not by every build. */
#include "cli.h"
#include "diff/diff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char folio_diff_usage[] = "usage: folio diff A.pdf B.pdf [--out DIR] [--dpi N]\n";

static int folio_diff_usage_error(const char *what, const char *arg)
{
	fprintf(stderr, "folio: error: %s%s\n%s", what, arg, folio_diff_usage);
	return 2;
}

int folio_cli_diff(int argc, char **argv)
{
	folio_diff_opts o = {.out_dir = NULL, .dpi = 50, .out = stdout};
	const char *files[2];
	int nfiles = 0;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--out") || !strcmp(a, "--dpi")) {
			if (i + 1 >= argc)
				return folio_diff_usage_error("missing value after ", a);
			const char *v = argv[++i];
			if (a[2] == 'o') {
				o.out_dir = v;
			} else {
				char *end;
				o.dpi = strtod(v, &end);
				if (*end || !(o.dpi >= 10 && o.dpi <= 600))
					return folio_diff_usage_error(
					    "--dpi wants a number from 10 to 600, not ", v);
			}
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(folio_diff_usage, stdout);
			return 0;
		} else if (a[0] == '-' && a[1]) {
			return folio_diff_usage_error("unknown option ", a);
		} else if (nfiles < 2) {
			files[nfiles++] = a;
		} else {
			return folio_diff_usage_error("one file too many: ", a);
		}
	}
	if (nfiles != 2)
		return folio_diff_usage_error("diff compares two PDF files", "");
	int status = folio_diff_files(files[0], files[1], &o);
	fflush(stdout);
	return status;
}

/* argv[0] is ignored: every message says "folio", as `folio diff` would. */
int main(int argc, char **argv)
{
	return folio_cli_diff(argc - 1, argv + 1);
}
