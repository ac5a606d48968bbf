/* suggest.c: "did you mean" for misspelt keys, styles, colours and layouts:
 * the candidate at the smallest Levenshtein distance, if it is close. */
#include "yaml.h"

#include <stdlib.h>
#include <string.h>

/* Two-row Levenshtein; words here are short (keys, names). */
static size_t folio_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t *prev = folio_xmalloc((lb + 1) * sizeof *prev);
	size_t *cur = folio_xmalloc((lb + 1) * sizeof *cur);
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
			size_t del = prev[j] + 1;
			size_t ins = cur[j - 1] + 1;
			size_t best = sub < del ? sub : del;
			cur[j] = best < ins ? best : ins;
		}
		size_t *t = prev;
		prev = cur;
		cur = t;
	}
	size_t d = prev[lb];
	free(prev);
	free(cur);
	return d;
}

const char *folio_suggest(const char *word, const char *const *candidates,
                          size_t n)
{
	size_t limit = strlen(word) / 3;
	if (limit < 1)
		limit = 1;
	const char *best = NULL;
	size_t best_d = limit + 1;
	for (size_t i = 0; i < n; i++) {
		if (!candidates[i])
			continue;
		size_t d = folio_edit_distance(word, candidates[i]);
		if (d < best_d) {
			best_d = d;
			best = candidates[i];
		}
	}
	return best;
}
