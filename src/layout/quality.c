/* quality.c: what the report counts on the placed rows: lines, hyphens and
 * runs of them, the loosest and tightest justified lines, widows, orphans, lines off the
 * grid and overfull lines, per page. */
#include "lay.h"

#include <math.h>
#include <string.h>

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

void folio_quality_tally(folio_lay *L, const folio_row *rows, size_t n, const folio_slot *slots)
{
	const folio_template *t = L->t;
	int run = 0;
	const folio_slot *prev = NULL;
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
}
