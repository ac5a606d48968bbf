/* diff.c: folio diff A.pdf B.pdf: not written yet. */
#include "cli.h"

#include <stdio.h>

int folio_cli_diff(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "folio: error: 'diff' is not part of this version yet\n");
	return 2;
}
