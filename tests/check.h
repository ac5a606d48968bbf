/* check.h: the tests' tiny assertion kit: a failed CHECK prints its place
 * and the run ends non-zero. */
#ifndef FOLIO_TEST_CHECK_H
#define FOLIO_TEST_CHECK_H

#include "core/core.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static int check_failures;

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);   \
			check_failures++;                                                          \
		}                                                                                  \
	} while (0)

#define CHECK_NEAR(a, b, eps) CHECK(fabs((double)(a) - (double)(b)) < (eps))

#define CHECK_STR(got, want)                                                   \
	do {                                                                       \
		const char *g_ = (got), *w_ = (want);                                  \
		if (!g_ || !w_ ? g_ != w_ : strcmp(g_, w_) != 0) {                     \
			fprintf(stderr, "%s:%d: got '%s', want '%s'\n", __FILE__,          \
			        __LINE__, g_ ? g_ : "(null)", w_ ? w_ : "(null)");         \
			check_failures++;                                                  \
		}                                                                      \
	} while (0)

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

/* The closing line of a test program: its exit status. */
static inline int check_report(const char *name)
{
	if (check_failures)
		fprintf(stderr, "%s: %d check(s) failed\n", name, check_failures);
	else
		printf("%s: all checks passed\n", name);
	return check_failures ? 1 : 0;
}

#define CHECK_STR_CONTAINS(hay, needle)                                                            \
	do {                                                                                       \
		const char *h_ = (hay);                                                            \
		if (!h_ || !strstr(h_, (needle))) {                                                \
			fprintf(stderr, "%s:%d: '%s' does not contain '%s'\n", __FILE__, __LINE__, \
			        h_ ? h_ : "(null)", (needle));                                     \
			check_failures++;                                                          \
		}                                                                                  \
	} while (0)

#define CHECK_DONE()                                                                               \
	do {                                                                                       \
		if (check_failures) {                                                              \
			fprintf(stderr, "%d check(s) failed\n", check_failures);                   \
			return 1;                                                                  \
		}                                                                                  \
		printf("all checks passed\n");                                                     \
		return 0;                                                                          \
	} while (0)

#endif
