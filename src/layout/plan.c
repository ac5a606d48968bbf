/* plan.c: rows into the columns of the pages. Groups of rows that must not
 * part (keep_with_next) move to the next column whole; a picture group that
 * does not fit floats to the top of the next column while text fills the
 * current one; the last page of an article can be balanced. */
#include "lay.h"

#include <math.h>

#define FOLIO_EPS 0.01

/* The top of the first grid line at or below y. Body lines sit on one grid
 * from the page's top margin, so lines of side-by-side columns share their
 * baselines. */
static double folio_grid_top(const folio_lay *L, double y)
{
	double b = L->t->baseline, g0 = L->t->margin_top;
	double k = ceil((y - g0) / b - 1e-6);
	return g0 + (k < 0 ? 0 : k) * b;
}

static double folio_row_fit(const folio_lay *L, const folio_row *r, double y, double sb,
                            double *top, double *base)
{
	if (r->grid) {
		/* The space before a line on the grid may give up a little of
		 * itself (a sixth, 2 pt at most) to bring the line onto the grid
		 * line above: a line that missed it by a hair stood a whole line
		 * lower (under a caption, 38 pt from the caption's baseline
		 * instead of 25). More would crowd a title. */
		double give = fmin(sb / 6, 2);
		*top = fmax(folio_grid_top(L, y + sb - give), folio_grid_top(L, y));
		*base = *top + L->t->baseline * 0.75;
		return *top + L->t->baseline;
	}
	*top = y + sb;
	*base = *top + r->ascent;
	return *top + r->h;
}

/* The lowest a row may end at the cursor; `keep_room` for the line where
 * the article goes on (a picture group does not: it may need the whole
 * column, and a picture cannot wait for one forever). */
static double folio_bottom(const folio_lay *L, const folio_cursor *cur, bool keep_room)
{
	double b = cur->geom.bottom[cur->col];
	if (cur->limit_page == cur->page) /* balancing: the article ends here */
		return cur->limit < b ? cur->limit : b;
	/* the last column of a page the article may leave keeps room for the
	 * line that says where it goes on */
	if (keep_room && !cur->jump_line && L->jump_out_h > 0 && cur->col == L->t->columns - 1 &&
	    cur->page < L->jump_out_until && cur->page + 1 < L->t->npages)
		b -= L->jump_out_h;
	return b;
}

bool folio_next_column(folio_lay *L, folio_cursor *cur)
{
	cur->col++;
	if (cur->col >= L->t->columns) {
		cur->page++;
		cur->col = 0;
		cur->fresh_page = true;
		if (cur->page < L->t->npages)
			folio_page_geom_init(L, cur->page, &cur->geom);
	}
	cur->y = cur->geom.top[cur->col];
	cur->fresh_col = true;
	return cur->page < L->t->npages;
}

/* Try to place rows [i, j] at the cursor; commit only if all fit (or
 * `force`, which places as many as fit, at least one). Returns the number
 * of rows consumed. A picture is never forced where it does not fit: it
 * would hang over what lies below (the contents box, the footer, the page's
 * edge). It waits for a column with the room (rows.c makes a picture no
 * taller than the tallest column); when none comes, it is overset, and the
 * overset is reported. */
static size_t folio_place_group(folio_lay *L, folio_cursor *cur, const folio_row *rows, size_t i,
                                size_t j, folio_slot *slots, bool force)
{
	double y = cur->y;
	bool fresh = cur->fresh_col;
	bool picture = false;
	for (size_t k = i; k <= j; k++)
		picture |= rows[k].kind == FOLIO_ROW_IMAGE;
	double lim = folio_bottom(L, cur, !picture);
	size_t k;
	for (k = i; k <= j; k++) {
		double top, base;
		if (fresh && (rows[k].discardable)) {
			slots[k] = (folio_slot){.placed = false, .page = cur->page};
			continue;
		}
		double sb = fresh ? 0 : rows[k].space_before;
		if (fresh && cur->geom.under_span[cur->col]) {
			/* Under a spanning title the columns start level: a line
			 * on the grid line where the text under the title starts,
			 * a panel's box on that line's top, a heading as far below
			 * the title as that text, or further for its own space. */
			double gap = cur->geom.span_gap[cur->col];
			sb = fmax(rows[k].space_before, gap);
			if (rows[k].panel && !rows[k].grid) {
				y = folio_grid_top(L, y + gap);
				sb = 0;
			}
		}
		double end = folio_row_fit(L, &rows[k], y, sb, &top, &base);
		if (end > lim + FOLIO_EPS) {
			if (!force)
				return 0;
			if (rows[k].kind == FOLIO_ROW_IMAGE) {
				if (k == i)
					return 0;
				break; /* the rows before it stay; it waits */
			}
			/* Balancing tries a higher foot for the page's columns: a
			 * row that does not fit above it has not fitted, even at
			 * the top of a column (forced there, a short article's
			 * text went to the second column under a spanning title,
			 * and the first column stood empty). */
			if (k == i && cur->limit_page == cur->page)
				return 0;
			if (k == i && fresh) {
				/* A line taller than an empty column: it cannot fit
				 * anywhere, so it goes here and overhangs. */
				slots[k] = (folio_slot){cur->page, cur->col, top, base, true};
				y = end;
				fresh = false;
				k++;
			}
			break;
		}
		slots[k] = (folio_slot){cur->page, cur->col, top, base, true};
		y = end;
		fresh = false;
	}
	if (k > i) {
		cur->y = y;
		if (!fresh) {
			cur->fresh_col = false;
			cur->fresh_page = false;
		}
	}
	return k - i;
}

static void folio_place_deferred(folio_lay *L, folio_cursor *cur, const folio_row *rows,
                                 folio_slot *slots)
{
	int kept = 0;
	for (int d = 0; d < cur->ndeferred; d++) {
		size_t a = (size_t)cur->deferred[d][0], b = (size_t)cur->deferred[d][1];
		if (kept == 0 && folio_place_group(L, cur, rows, a, b, slots, cur->fresh_col) > 0)
			continue;
		cur->deferred[kept][0] = (int)a;
		cur->deferred[kept][1] = (int)b;
		kept++;
	}
	cur->ndeferred = kept;
}

const folio_row *folio_place_jump(folio_lay *L, folio_cursor *cur, folio_slot **slots,
                                  size_t *n)
{
	const folio_row *rows;
	if (!folio_jump_rows(L, cur->page, &rows, n) || *n == 0)
		return NULL;
	/* planning, which asks again at every balancing trial, keeps no slots */
	folio_slot scratch[8];
	folio_slot *s = !slots && *n <= 8 ? scratch : folio_arena_alloc(L->ctx->arena, *n * sizeof *s);
	if (folio_place_group(L, cur, rows, 0, *n - 1, s, true) < *n &&
	    cur->limit_page == cur->page) {
		/* A foot tried for balancing above the line's own: the page does
		 * not hold the article there (the text must not take the line's
		 * place, where it is drawn all the same). */
		cur->page = L->t->npages;
		return NULL;
	}
	/* the text takes up again a style's space after it, on its grid */
	cur->y += L->t->styles[L->t->continued_style].space_after;
	if (slots)
		*slots = s;
	return rows;
}

/* The next column; `going_on` when the article has rows placed already,
 * so that on a new page its continued line comes first. */
static bool folio_advance(folio_lay *L, folio_cursor *cur, const folio_row *rows, folio_slot *slots,
                          bool going_on)
{
	int page = cur->page;
	if (!folio_next_column(L, cur))
		return false;
	/* (a balancing trial that runs past its page has failed already: no
	 * line is set for a page it will not keep) */
	if (going_on && cur->page != page && !(cur->limit_page >= 0 && cur->page > cur->limit_page)) {
		size_t n;
		folio_place_jump(L, cur, NULL, &n);
		if (cur->page >= L->t->npages)
			return false;
	}
	folio_place_deferred(L, cur, rows, slots);
	return true;
}

bool folio_plan_rows(folio_lay *L, folio_cursor *cur, const folio_row *rows, size_t nrows,
                     size_t from, folio_slot *slots)
{
	size_t i = from;
	bool going_on = false; /* a row of the article is placed */
	for (size_t k = 0; k < from; k++)
		going_on = going_on || slots[k].placed;
	while (i < nrows) {
		if (cur->page >= L->t->npages) {
			for (; i < nrows; i++)
				slots[i].placed = false;
			break;
		}
		if (rows[i].span) {
			double top, base;
			double end = folio_row_fit(L, &rows[i], cur->y,
			                           cur->fresh_col ? 0 : rows[i].space_before, &top,
			                           &base);
			slots[i] = (folio_slot){cur->page, -1, top, base, true};
			cur->y = end;
			double gap = i + 1 < nrows && !rows[i + 1].span ? rows[i + 1].space_before : 0;
			for (int c = 0; c < L->t->columns; c++)
				if (cur->geom.top[c] < end) {
					cur->geom.top[c] = end;
					cur->geom.under_span[c] = true;
					cur->geom.span_gap[c] = gap;
				}
			cur->fresh_col = false;
			cur->fresh_page = false;
			going_on = true;
			i++;
			continue;
		}
		size_t j = i;
		while (j + 1 < nrows && rows[j].keep_with_next && !rows[j + 1].span)
			j++;
		if (folio_place_group(L, cur, rows, i, j, slots, false)) {
			going_on = true;
			i = j + 1;
			continue;
		}
		if (rows[i].figure && !cur->fresh_col && cur->ndeferred < FOLIO_MAX_DEFERRED) {
			cur->deferred[cur->ndeferred][0] = (int)i;
			cur->deferred[cur->ndeferred][1] = (int)j;
			cur->ndeferred++;
			for (size_t k = i; k <= j; k++)
				slots[k].placed = false;
			i = j + 1;
			continue;
		}
		if (cur->fresh_col) {
			/* Taller than a whole column: as much as fits, the rest goes
			 * on (a picture that waits may then float, the text going
			 * on in this column). */
			size_t placed = folio_place_group(L, cur, rows, i, j, slots, true);
			i += placed;
			going_on = going_on || placed;
			if (!placed)
				folio_advance(L, cur, rows, slots, going_on);
			continue;
		}
		folio_advance(L, cur, rows, slots, going_on);
	}
	/* Pictures still waiting go to the next columns: they belong to this
	 * article and must not be lost. */
	while (cur->ndeferred > 0 && cur->page < L->t->npages) {
		int before = cur->ndeferred;
		folio_place_deferred(L, cur, rows, slots);
		if (cur->ndeferred == 0)
			break;
		if (cur->ndeferred == before && !folio_advance(L, cur, rows, slots, true))
			break;
	}
	return true;
}

/* Balance the columns of the article's last page: the smallest bottom, in
 * grid steps, at which everything still fits on that page. */
void folio_balance(folio_lay *L, const folio_cursor *start, const folio_row *rows, size_t nrows,
                   size_t from, folio_slot *slots, folio_cursor *end)
{
	int page = end->page;
	if (page >= L->t->npages || (end->col == 0 && end->fresh_col))
		return;
	double b = L->t->baseline;
	folio_slot *tmp = folio_arena_alloc(L->ctx->arena, nrows * sizeof *tmp);
	/* where the article starts unbalanced: a foot that sends all of it on
	 * to a later column would set it above the story before it (a panel
	 * may go: beside the story, at the next column's head, it is the
	 * sidebar it is meant to be) */
	int start_col = -1;
	for (size_t k = from; k < nrows && start_col < 0; k++)
		if (slots[k].placed && slots[k].page == page && !rows[k].span)
			start_col = rows[k].panel ? FOLIO_MAX_COLUMNS : slots[k].col;
	folio_page_geom g;
	folio_page_geom_init(L, page, &g);
	double lowest = 0;
	for (int c = 0; c < L->t->columns; c++)
		if (g.bottom[c] > lowest)
			lowest = g.bottom[c];
	double first = start->page == page ? start->y : g.top[0];
	if (start->page != page) {
		/* the article goes on to this page: its text starts under the
		 * continued line, and so does the first foot worth a try */
		folio_cursor c = {.page = page, .fresh_col = true, .fresh_page = true,
		                  .limit_page = -1, .geom = g, .y = g.top[0]};
		size_t n;
		if (folio_place_jump(L, &c, NULL, &n))
			first = c.y;
	}
	for (double lim = first + 2 * b; lim < lowest - FOLIO_EPS; lim += b) {
		folio_cursor c = *start;
		c.limit = lim;
		c.limit_page = page;
		for (size_t k = from; k < nrows; k++)
			tmp[k] = slots[k];
		folio_plan_rows(L, &c, rows, nrows, from, tmp);
		bool ok = c.page == page && c.ndeferred == 0;
		/* under a continued line the first column holds some of the text:
		 * a foot that sends all of it to the next column reads wrongly */
		bool first_col = start->page == page;
		bool first_found = false;
		for (size_t k = from; ok && k < nrows; k++) {
			if (!tmp[k].placed && !rows[k].discardable)
				ok = false;
			if (tmp[k].placed && tmp[k].page == page && tmp[k].col == 0)
				first_col = true;
			if (tmp[k].placed && tmp[k].page == page && !rows[k].span && !first_found) {
				first_found = true;
				ok = ok && !(start_col >= 0 && tmp[k].col > start_col);
			}
		}
		if (!ok || !first_col)
			continue;
		for (size_t k = from; k < nrows; k++)
			slots[k] = tmp[k];
		c.limit_page = -1;
		*end = c;
		return;
	}
}
