/* layout.h: the layout stage: an issue, a template and the text stage in,
 * a display list out. */
#ifndef FOLIO_LAYOUT_H
#define FOLIO_LAYOUT_H

#include "display.h"

typedef struct folio_layout_options {
	bool draft; /* overset is marked on the page instead of failing */
} folio_layout_options;

/* What the layout found, for the report and for messages. */
typedef struct folio_layout_stats {
	int *start_pages;   /* per article, 1-based; 0 when it did not fit at all */
	int *overset_lines; /* per article: lines that did not fit */
	int passes;         /* layout passes until the contents box was stable */
	int lines, hyphenated;
	double loosest;     /* largest adjustment ratio of a justified line */
} folio_layout_stats;

/* Lay out the whole issue. NULL on error (recorded in ctx). Overset is an
 * error of class FOLIO_ERR_OVERSET unless opts->draft, naming each article
 * and how many lines did not fit. */
folio_display *folio_layout_issue(folio_ctx *ctx, const folio_issue *issue,
                                  const folio_template *t, folio_fonts *fonts,
                                  folio_hyph *hyph,
                                  const folio_layout_options *opts,
                                  folio_layout_stats *stats);

#endif
