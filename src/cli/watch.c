/* watch.c: folio watch ISSUE.yaml -o OUT.pdf: not written yet. */
#include "cli.h"

#include <stdio.h>

int folio_cli_watch(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "folio: error: 'watch' is not part of this version yet\n");
	return 2;
}
