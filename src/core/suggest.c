/* suggest.c: "did you mean" for misspelt keys, styles, colours and layouts:
 * the candidate at the smallest edit distance, if it is close. */
#include "yaml.h"

#include <stdlib.h>
#include <string.h>

/* Levenshtein distance with adjacent transpositions counted as one edit
 * (optimal string alignment): "titel" is one slip from "title", not two.
 * Three rows; the words here are short (keys, names). */
static size_t folio_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t *row = folio_xmalloc(3 * (lb + 1) * sizeof *row);
	size_t *before = row, *prev = row + lb + 1, *cur = row + 2 * (lb + 1);
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t best = prev[j - 1] + (a[i - 1] != b[j - 1]);
			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (cur[j - 1] + 1 < best)
				best = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    before[j - 2] + 1 < best)
				best = before[j - 2] + 1;
			cur[j] = best;
		}
		size_t *t = before;
		before = prev;
		prev = cur;
		cur = t;
	}
	size_t d = prev[lb];
	free(row);
	return d;
}

const char *folio_suggest(const char *word, const char *const *candidates, size_t n)
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
