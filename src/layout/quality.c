/* quality.c: what the report counts on the placed rows: lines, hyphens and
 * runs of them, the loosest and tightest justified lines, widows, orphans, lines off the
 * grid and overfull lines, and how full each page is. */
#include "lay.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Under a quarter of its columns filled, a page is worth a warning. */
#define FOLIO_UNFILLED 0.25

static bool folio_same_column(const folio_slot *a, const folio_slot *b)
{
	return a->placed && b->placed && a->page == b->page && a->col == b->col;
}

static double folio_line_right(const folio_line *ln)
{
	double right = 0;
	for (size_t i = 0; i < ln->npieces; i++)
		if (ln->pieces[i].x + ln->pieces[i].width > right)
			right = ln->pieces[i].x + ln->pieces[i].width;
	return right;
}

/* The line's first 40 characters, for the report to point at it: its
 * pieces joined, a space where they stand apart (as text.h has words). */
static const char *folio_line_start(folio_lay *L, const folio_line *ln)
{
	char buf[192];
	size_t n = 0;
	for (size_t i = 0; i < ln->npieces && n < sizeof buf - 1; i++) {
		const folio_piece *p = &ln->pieces[i];
		if (i && p->x > ln->pieces[i - 1].x + ln->pieces[i - 1].width + 0.07 * p->size)
			buf[n++] = ' ';
		size_t k = p->len < sizeof buf - 1 - n ? p->len : sizeof buf - 1 - n;
		memcpy(buf + n, p->text, k);
		n += k;
	}
	size_t end = 0;
	for (int chars = 0; end < n && chars < 40; chars++)
		folio_utf8_next(buf, n, &end);
	return folio_arena_printf(L->ctx->arena, "%.*s%s", (int)end, buf, end < n ? "…" : "");
}

/* The lowest foot of what stands in each column: a row spanning the
 * columns stands in all of them. Spaces draw nothing. */
static void folio_tally_feet(folio_lay *L, const folio_row *rows, size_t n, const folio_slot *slots)
{
	if (!L->feet)
		return;
	for (size_t k = 0; k < n; k++) {
		const folio_slot *s = &slots[k];
		if (!s->placed || rows[k].kind == FOLIO_ROW_SPACE || s->page >= L->t->npages)
			continue;
		double foot = s->top + (rows[k].grid ? L->t->baseline : rows[k].h);
		double *feet = &L->feet[(size_t)s->page * FOLIO_MAX_COLUMNS];
		int first = s->col < 0 ? 0 : s->col, end = s->col < 0 ? L->t->columns : s->col + 1;
		for (int c = first; c < end; c++)
			if (foot > feet[c])
				feet[c] = foot;
	}
}

void folio_quality_fill(folio_lay *L)
{
	if (!L->feet)
		return;
	for (int p = 0; p < L->t->npages; p++) {
		folio_page_geom g;
		folio_page_geom_init(L, p, &g);
		const double *feet = &L->feet[(size_t)p * FOLIO_MAX_COLUMNS];
		folio_quality *q = &L->quality[p];
		q->used = q->room = 0;
		for (int c = 0; c < L->t->columns; c++) {
			double room = fmax(g.bottom[c] - g.top[c], 0);
			q->room += room;
			if (feet[c] > 0)
				q->used += fmin(fmax(feet[c] - g.top[c], 0), room);
		}
	}
}

/* The article that opens page `page` (0-based) because it must start a
 * page, or NULL. */
static const folio_article *folio_page_opener(const folio_lay *L, int page)
{
	const folio_issue *is = L->issue;
	for (size_t i = 0; i < is->narticles; i++)
		if (L->start_pages[i] == page + 1)
			return is->articles[i].start == FOLIO_START_PAGE ? &is->articles[i] : NULL;
	return NULL;
}

/* How full a page is in whole percent, 1 at least when anything is on it. */
static int folio_percent(const folio_quality *q)
{
	return (int)fmax(round(folio_quality_filled(q) * 100), q->used > 0 ? 1 : 0);
}

/* The article that runs on to page `page` from an earlier one when no
 * article starts there: the last in reading order to start before it. */
static const folio_article *folio_page_spill(const folio_lay *L, int page)
{
	const folio_issue *is = L->issue;
	const folio_article *run = NULL;
	for (size_t i = 0; i < is->narticles; i++) {
		if (L->start_pages[i] == page + 1)
			return NULL;
		if (L->start_pages[i] > 0 && L->start_pages[i] <= page)
			run = &is->articles[i];
	}
	return run;
}

/* An empty page, or one a quarter full, goes to the printer as it is
 * unless someone looks: say so, and why, where the cause is plain (an
 * article on the next page that must start a page). */
void folio_warn_unfilled(folio_lay *L)
{
	const folio_issue *is = L->issue;
	int n = L->t->npages, last = -1;
	for (int p = 0; p < n; p++)
		if (L->quality[p].used > 0)
			last = p;
	if (last < 0)
		return; /* nothing placed: the overset says why */
	folio_loc issue_loc = {is->path, 0, 0};
	for (int p = 0; p <= last; p++) {
		double filled = folio_quality_filled(&L->quality[p]);
		if (filled >= FOLIO_UNFILLED || (p == last && last + 1 < n))
			continue;
		const folio_article *next = p + 1 < n ? folio_page_opener(L, p + 1) : NULL;
		const folio_article *spill = folio_page_spill(L, p);
		const char *what =
		    L->quality[p].used > 0
		        ? folio_arena_printf(L->ctx->arena, "page %d is only %d%% filled", p + 1,
		                             folio_percent(&L->quality[p]))
		        : folio_arena_printf(L->ctx->arena, "page %d is empty", p + 1);
		/* the lines that ran on to it are what a designer shortens */
		if (spill && L->quality[p].lines > 0)
			what = folio_arena_printf(L->ctx->arena, "%s: %d line%s of '%s' run on to it", what,
			                          L->quality[p].lines, L->quality[p].lines == 1 ? "" : "s",
			                          spill->title);
		if (next)
			folio_warn(L->ctx, next->loc, "%s%s '%s' starts the next page (start: page)", what,
			           spill ? ", and" : ":", next->title);
		else
			folio_warn(L->ctx, issue_loc, "%s", what);
	}
	if (last + 1 == n)
		return;
	/* the pages after the last article, with how full its last page is */
	char pages[48], end[48] = "";
	if (last + 2 == n)
		snprintf(pages, sizeof pages, "page %d is", n);
	else
		snprintf(pages, sizeof pages, "pages %d to %d are", last + 2, n);
	if (folio_quality_filled(&L->quality[last]) < FOLIO_UNFILLED)
		snprintf(end, sizeof end, ", which is only %d%% filled",
		         folio_percent(&L->quality[last]));
	folio_warn(L->ctx, issue_loc, "%s empty: the articles end on page %d%s", pages, last + 1,
	           end);
}

void folio_quality_tally(folio_lay *L, const folio_row *rows, size_t n, const folio_slot *slots)
{
	const folio_template *t = L->t;
	int run = 0;
	const folio_slot *prev = NULL;
	folio_tally_feet(L, rows, n, slots);
	for (size_t k = 0; k < n; k++) {
		const folio_row *r = &rows[k];
		const folio_slot *s = &slots[k];
		if (!s->placed || r->kind != FOLIO_ROW_LINE || r->para < 0)
			continue;
		folio_quality *q = &L->quality[s->page];
		q->lines++;
		if (!prev || !folio_same_column(prev, s))
			run = 0;
		prev = s;
		if (r->line->hyphenated) {
			q->hyphenated++;
			size_t j = k + 1;
			while (j < n && !slots[j].placed)
				j++;
			if (j < n &&
			    (!folio_same_column(s, &slots[j]) || rows[j].kind == FOLIO_ROW_IMAGE))
				q->end_hyphens++;
			if (++run > q->hyphen_run)
				q->hyphen_run = run;
		} else {
			run = 0;
		}
		folio_line_at here = {s->page + 1, s->col + 1, NULL};
		if (r->justified && r->line->ratio > q->loosest) {
			q->loosest = r->line->ratio;
			q->loosest_at = here;
			q->loosest_at.start = folio_line_start(L, r->line);
		}
		if (r->justified && r->line->ratio < q->tightest) {
			q->tightest = r->line->ratio;
			q->tightest_at = here;
			q->tightest_at.start = folio_line_start(L, r->line);
		}
		if (r->grid) {
			double g = (s->base - t->margin_top - 0.75 * t->baseline) / t->baseline;
			if (fabs(g - round(g)) > 1e-6)
				q->off_grid++;
		}
		/* Protrusion may hang a hyphen or a stop past the measure by a
		 * fraction of the size; anything beyond that is overfull. */
		double size = r->line->npieces ? r->line->pieces[0].size : 10;
		if (folio_line_right(r->line) > r->measure + 0.5 * size)
			q->overfull++;
		if (r->para_lines < 2)
			continue;
		if (r->line_no == 0 && k + 1 < n && rows[k + 1].para == r->para &&
		    !folio_same_column(s, &slots[k + 1]))
			q->orphans++;
		if (r->line_no == r->para_lines - 1 && k > 0 && rows[k - 1].para == r->para &&
		    !folio_same_column(s, &slots[k - 1]))
			L->quality[s->page].widows++;
	}
}

void folio_quality_add(folio_quality *into, const folio_quality *q)
{
	into->lines += q->lines;
	into->hyphenated += q->hyphenated;
	into->end_hyphens += q->end_hyphens;
	if (q->hyphen_run > into->hyphen_run)
		into->hyphen_run = q->hyphen_run;
	if (q->loosest > into->loosest) {
		into->loosest = q->loosest;
		into->loosest_at = q->loosest_at;
	}
	if (q->tightest < into->tightest) {
		into->tightest = q->tightest;
		into->tightest_at = q->tightest_at;
	}
	into->widows += q->widows;
	into->orphans += q->orphans;
	into->off_grid += q->off_grid;
	into->overfull += q->overfull;
	into->used += q->used;
	into->room += q->room;
}
