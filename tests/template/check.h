/* check.h: the tiny assertion kit of the template tests: CHECK counts
 * failures and names file:line, so one run reports every broken case. */
#ifndef FOLIO_TEST_CHECK_H
#define FOLIO_TEST_CHECK_H

#include "core/core.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static int check_failures;

#define CHECK(cond)                                                            \
	do {                                                                       \
		if (!(cond)) {                                                         \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__,   \
			        #cond);                                                    \
			check_failures++;                                                  \
		}                                                                      \
	} while (0)

#define CHECK_NEAR(a, b, eps) CHECK(fabs((double)(a) - (double)(b)) < (eps))

/* True when some diagnostic of ctx contains `want`; prints them if not. */
static inline bool check_diag(const folio_ctx *ctx, const char *want)
{
	for (size_t i = 0; i < ctx->ndiags; i++)
		if (strstr(ctx->diags[i].text, want))
			return true;
	fprintf(stderr, "  no diagnostic contains \"%s\"; got:\n", want);
	for (size_t i = 0; i < ctx->ndiags; i++)
		fprintf(stderr, "    %s\n", ctx->diags[i].text);
	if (ctx->ndiags == 0)
		fprintf(stderr, "    (none)\n");
	return false;
}

static inline int check_report(const char *name)
{
	if (check_failures)
		fprintf(stderr, "%s: %d check(s) failed\n", name, check_failures);
	else
		printf("%s: all checks passed\n", name);
	return check_failures ? 1 : 0;
}

#endif
