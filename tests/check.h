/* check.h: the tests' tiny assertion kit: a failed CHECK prints its place
 * and the run ends non-zero. */
#ifndef FOLIO_TEST_CHECK_H
#define FOLIO_TEST_CHECK_H

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
