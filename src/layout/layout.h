/* layout.h: the layout stage: an issue, a template and the text stage in,
 * a display list out. */
#ifndef FOLIO_LAYOUT_H
#define FOLIO_LAYOUT_H

#include "display.h"

typedef struct folio_layout_options {
	bool draft;  /* overset is marked on the page instead of failing */
	bool guides; /* margins, columns and baseline grid drawn over the pages */
	/* the hyphenation of the articles' own languages (folio_article's
	 * language), langs[i] set with hyphs[i] (NULL: no patterns) */
	const char *const *langs;
	folio_hyph *const *hyphs;
	size_t nlangs;
} folio_layout_options;

/* Where a line stands, for the report to point at: page and column
 * (1-based), and its first words. */
typedef struct folio_line_at {
	int page, col;
	const char *start; /* NULL: no such line */
} folio_line_at;

/* The typographic quality of a page (or of the whole issue), for the
 * report: what a careful compositor would count. */
typedef struct folio_quality {
	int lines;       /* text lines of the flow (body, lists, panels, ...) */
	int hyphenated;  /* lines ending with an inserted hyphen */
	int hyphen_run;  /* most hyphenated lines in a row */
	int end_hyphens; /* hyphens ending a column or standing before a picture */
	double loosest;  /* largest adjustment ratio of a justified line */
	double tightest; /* smallest one: -1 is a line shrunk as far as it goes */
	folio_line_at loosest_at, tightest_at;
	int widows;      /* a paragraph's last line alone at a column's head */
	int orphans;     /* a paragraph's first line alone at a column's foot */
	int off_grid;    /* grid lines whose baseline is not on the grid */
	int overfull;    /* lines wider than their measure */
	/* The columns' height from their tops to the foot of what stands
	 * lowest in each (text, pictures, rules), against their whole height
	 * in points: how full the page is, so an empty page is not a surprise. */
	double used, room;
} folio_quality;

/* A page's (or the issue's) used / room, 0..1; 1 with no room at all. */
static inline double folio_quality_filled(const folio_quality *q)
{
	return q->room > 0 ? q->used / q->room : 1;
}

/* What the layout found, for the report and for messages. */
typedef struct folio_layout_stats {
	int *start_pages;   /* per article, 1-based; 0 when it did not fit at all */
	int *overset_lines; /* per article: lines that did not fit */
	int passes;         /* layout passes until the contents box was stable */
	folio_quality total;
	folio_quality *pages; /* one per page */
	int npages;
} folio_layout_stats;

/* Lay out the whole issue. NULL on error (recorded in ctx). Overset is an
 * error of class FOLIO_ERR_OVERSET unless opts->draft, naming each article
 * and how many lines did not fit. */
folio_display *folio_layout_issue(folio_ctx *ctx, const folio_issue *issue, const folio_template *t,
                                  folio_fonts *fonts, folio_hyph *hyph,
                                  const folio_layout_options *opts, folio_layout_stats *stats);

#endif
