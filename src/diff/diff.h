/* diff.h: folio diff, the comparison of two proofs: pixels (raster.c), text
 * with positions (text.c) and the report and exit status (run.c). Only the
 * folio-diff program links it (it needs poppler-glib and cairo, forty
 * libraries that would slow every build's start); folio diff runs it. */
#ifndef FOLIO_DIFF_H
#define FOLIO_DIFF_H

#include <poppler.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct {
	const char *out_dir; /* NULL: write no images */
	double dpi;          /* raster resolution, 50 by default */
	FILE *out;           /* the report */
} folio_diff_opts;

/* Compare two PDFs: 0 same (after the tolerances), 1 different, 2 trouble
 * (a file missing or unreadable, an image not writable), said on stderr. */
int folio_diff_files(const char *a, const char *b, const folio_diff_opts *o);

/* A changed region in points, origin top-left of the rendered page. */
typedef struct {
	double x0, y0, x1, y1;
} folio_diff_box;

/* Render both pages (either may be NULL: a page missing on that side counts
 * as blank) and return the regions where they differ, malloc'd, in *boxes.
 * With PNG set, write the highlighted picture there; false in *png_ok if
 * that failed. */
size_t folio_diff_raster(PopplerPage *a, PopplerPage *b, double dpi, const char *png,
                         folio_diff_box **boxes, bool *png_ok);

/* Messages, one a line, without the "p.N: " prefix. */
typedef struct {
	char **items;
	size_t n, cap;
} folio_diff_msgs;

void folio_diff_msg(folio_diff_msgs *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void folio_diff_msgs_free(folio_diff_msgs *m);

/* Compare the words of two documents (words.c) and say each stretch that
 * differs in pages[p], p the 0-based page of B where it lands (npages
 * entries). False, saying nothing, when they differ too much to be two
 * versions of one text. */
bool folio_diff_words(PopplerDocument *a, PopplerDocument *b, folio_diff_msgs *pages,
                      int npages);

/* Compare the text lines of two pages (either may be NULL) and say what
 * moved, changed, appeared and vanished. With words_said (folio_diff_words
 * has said every changed word), lines whose words changed in place are
 * counted as set again, not quoted one by one. */
void folio_diff_text(PopplerPage *a, PopplerPage *b, bool words_said, folio_diff_msgs *m);

/* At most WORDS words and about 40 bytes of S, quoted, with an ellipsis if
 * cut; malloc'd. */
char *folio_diff_quote(const char *s, size_t len, int words);

#endif
