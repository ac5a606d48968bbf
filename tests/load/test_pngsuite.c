/* test_pngsuite.c: every picture of Willem van Schaik's PngSuite (folder in
 * argument 1): the valid ones load with the shape their names promise, the
 * broken ones (x*.png) are errors with the picture's name, none crashes. */
#include "doc/doc.h"
#include "load/load.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;

#define CHECK(cond, name)                                                                          \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "%s:%d: %s: CHECK failed: %s\n", __FILE__, __LINE__,       \
			        (name), #cond);                                                    \
			failures++;                                                                \
		}                                                                                  \
	} while (0)

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Names end in the colour type and depth: "basn3p08" is type 3. */
static void check_good(const char *name, const folio_picture *p, bool data_only)
{
	size_t n = strlen(name) - 4; /* without ".png" */
	int type = name[n - 4] - '0';
	bool colour = type == 2 || type == 3 || type == 6;
	CHECK(p->channels == (colour ? 3 : 1), name);
	/* the data-only load keeps the PNG's samples instead of pixels */
	CHECK((p->pixels != NULL || (data_only && p->png_idat)) && p->width > 0 && p->height > 0,
	      name);
	if (strncmp(name, "bas", 3) == 0 && (type == 4 || type == 6))
		CHECK(p->alpha != NULL, name);
	if (strncmp(name, "bas", 3) == 0 && (type == 0 || type == 2 || type == 3))
		CHECK(p->alpha == NULL, name);
	if (strncmp(name, "bas", 3) == 0)
		CHECK(p->width == 32 && p->height == 32, name);
	if (name[0] == 's') { /* "s09n3p02": 9 x 9 */
		unsigned size = (unsigned)atoi(name + 1);
		CHECK(p->width == size && p->height == size, name);
	}
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s PNGSUITE-FOLDER\n", argv[0]);
		return 1;
	}
	DIR *d = opendir(argv[1]);
	if (!d) {
		fprintf(stderr,
		        "\n*** PngSuite folder '%s' cannot be opened: %s ***\n"
		        "*** this test needs it; it is not skipped ***\n\n",
		        argv[1], strerror(errno));
		return 1;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len < 5 || strcmp(e->d_name + len - 4, ".png") != 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			names = realloc(names, cap * sizeof *names);
		}
		names[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, by_name);

	/* Each picture twice: decoded, and through the print edition's
	 * data-only check, which must refuse every broken file as well. */
	size_t good = 0, bad = 0, kept = 0;
	for (size_t i = 0; i < 2 * n; i++) {
		const char *name = names[i % n];
		bool data_only = i >= n;
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", argv[1], name);
		folio_ctx *ctx = folio_ctx_new();
		folio_picture *p = folio_picture_load_as(ctx, path, name, FOLIO_NOWHERE, data_only);
		if (name[0] == 'x') {
			bad += !data_only;
			CHECK(p == NULL && ctx->nerrors == 1, name);
			char prefix[300];
			snprintf(prefix, sizeof prefix, "%s: error: ", name);
			CHECK(ctx->ndiags == 1 &&
			          strncmp(ctx->diags[0].text, prefix, strlen(prefix)) == 0,
			      name);
			if (ctx->ndiags && !data_only)
				printf("%s\n", ctx->diags[0].text);
		} else {
			good += !data_only;
			CHECK(p != NULL && ctx->nerrors == 0, name);
			for (size_t k = 0; k < ctx->ndiags; k++)
				fprintf(stderr, "  %s\n", ctx->diags[k].text);
			if (p)
				check_good(name, p, data_only);
			if (p && data_only && !p->pixels)
				kept++;
		}
		folio_ctx_drop(ctx);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	printf("data-only: %zu pictures kept their PNG data undecoded\n", kept);
	CHECK(kept > 10, "data-only path");
	free(names);
	printf("%zu pictures loaded, %zu broken ones refused\n", good, bad);
	/* PngSuite 2017 has 161 valid pictures and 14 broken ones. */
	CHECK(good >= 150 && bad >= 14, argv[1]);
	if (failures)
		fprintf(stderr, "%d check(s) failed\n", failures);
	return failures ? 1 : 0;
}
