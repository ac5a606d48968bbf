/* linebreak.c: total fit, as tex.web part 38 ("Breaking paragraphs into
 * lines") does it, with Knuth's names so the two can be read side by side.
 * One difference: instead of delta nodes, every active node remembers the
 * totals of widths, stretch and shrink from the paragraph's start to the
 * start of the line after it (its break_width), as in Knuth & Plass's paper;
 * a line's sums are then one subtraction. All lines have the same width
 * (the first-line indent is a box), so line numbers only matter when
 * looseness asks for them or a line may not end with a hyphen (TeX's
 * easy_line). Two additions to TeX: an active node also counts the
 * hyphenated lines that end in a row at it (hyphen_run), a state like its
 * fitness, so that the optimum holds a hard limit on them; and the line
 * width grows by what its first and last characters may hang into the
 * margins (pdfTeX's protrusion). */
#include "text_int.h"

#include <limits.h>
#include <math.h>

enum { VERY_LOOSE_FIT, LOOSE_FIT, DECENT_FIT, TIGHT_FIT };

#define INF_BAD   FOLIO_INF_BAD
#define MAX_RUN   8 /* hyphen runs told apart: 0 .. MAX_RUN - 1 */
#define AWFUL_BAD 1e300

typedef struct folio_sums {
	double width, stretch, shrink, fil;
} folio_sums;

typedef struct folio_passive {
	size_t cur_break; /* item index */
	struct folio_passive *prev_break;
} folio_passive;

typedef struct folio_active {
	struct folio_active *link;
	folio_passive *break_node; /* NULL for the paragraph's start */
	int line_number;           /* lines set before this break */
	int fitness;
	bool hyphenated;      /* TeX's type(r) */
	int hyphen_run;       /* hyphenated lines in a row ending here */
	double protrude_left; /* of the line after this break */
	double total_demerits;
	folio_sums break_width; /* totals up to the start of the next line */
} folio_active;

typedef struct folio_breaker {
	folio_arena *arena;
	const folio_item *items;
	size_t n;
	const folio_break_params *p;
	int threshold;
	bool final_pass;
	double background_stretch;
	folio_active active; /* list head; NULL ends it (TeX's last_active) */
	folio_active *free_nodes;
	folio_sums active_width; /* totals of the items before cur_p */
	/* per fitness class and hyphen run */
	double minimal_demerits[4][MAX_RUN];
	folio_passive *best_place[4][MAX_RUN];
	int best_pl_line[4][MAX_RUN];
	double minimum_demerits;
	int easy_line; /* lines after it are all alike */
} folio_breaker;

/* Not cleared, as a node from the free list is not: the caller sets
 * every field. */
static folio_active *folio_new_active(folio_breaker *b)
{
	folio_active *q = b->free_nodes;
	if (q) {
		b->free_nodes = q->link;
		return q;
	}
	return folio_arena_alloc_raw(b->arena, sizeof *q);
}

/* tex.web section 837: the totals after a break at cur_p are those before
 * it plus the glue and penalties the break discards. */
static folio_sums folio_break_width(const folio_breaker *b, size_t cur_p)
{
	folio_sums w = b->active_width;
	for (size_t s = cur_p; s < b->n; s++) {
		const folio_item *it = &b->items[s];
		if (it->type == FOLIO_BOX)
			break;
		if (it->type == FOLIO_GLUE) {
			w.width += it->width;
			w.stretch += it->stretch;
			w.shrink += it->shrink;
			w.fil += it->fil;
		}
	}
	return w;
}

static bool folio_no_hyphen_line(const folio_break_params *p, int l)
{
	for (size_t i = 0; i < p->nno_hyphen_lines; i++)
		if (p->no_hyphen_lines[i] == (size_t)l)
			return true;
	return false;
}

/* tex.web sections 829-860. */
static void folio_try_break(folio_breaker *b, size_t cur_p, int pi, bool break_type)
{
	const folio_break_params *p = b->p;
	if (pi >= FOLIO_INF_PENALTY)
		return;
	if (pi < FOLIO_EJECT_PENALTY)
		pi = FOLIO_EJECT_PENALTY;
	const folio_item *it = &b->items[cur_p];
	double pen_width = it->type == FOLIO_PENALTY ? it->width : 0;
	bool final_break = cur_p + 1 == b->n; /* TeX's cur_p = null */
	/* the final break is flagged for final_hyphen_demerits, but the last
	 * line shows no hyphen */
	bool shows_hyphen = break_type && !final_break;
	double protrude_right = it->type == FOLIO_BOX ? 0 : it->protrude_right;
	bool no_break_yet = true;
	folio_sums break_width = {0};
	folio_active *prev_r = &b->active;
	int old_l = -1;
	for (;;) {
		folio_active *r = prev_r->link;
		int l = r ? r->line_number : INT_MAX;
		if (l > old_l) {
			/* section 835: create new active nodes for the best feasible
			 * breaks just found */
			if (b->minimum_demerits < AWFUL_BAD) {
				if (no_break_yet) {
					no_break_yet = false;
					break_width = folio_break_width(b, cur_p);
				}
				/* TeX keeps a fitness class only if it is within
				 * adj_demerits of the best; a shorter hyphen run can
				 * be worth any amount, so a run is judged against
				 * the runs no longer than it */
				double limit[MAX_RUN], least = AWFUL_BAD;
				for (int run = 0; run < MAX_RUN; run++) {
					for (int f = VERY_LOOSE_FIT; f <= TIGHT_FIT; f++)
						if (b->minimal_demerits[f][run] < least)
							least = b->minimal_demerits[f][run];
					limit[run] = least + abs(p->adj_demerits);
				}
				for (int fit_class = VERY_LOOSE_FIT; fit_class <= TIGHT_FIT;
				     fit_class++) {
					for (int run = 0; run < MAX_RUN; run++) {
						if (b->minimal_demerits[fit_class][run] >=
						        AWFUL_BAD ||
						    b->minimal_demerits[fit_class][run] >
						        limit[run]) {
							b->minimal_demerits[fit_class][run] =
							    AWFUL_BAD;
							continue;
						}
						folio_passive *passive = folio_arena_alloc_raw(
						    b->arena, sizeof *passive);
						passive->cur_break = cur_p;
						passive->prev_break = b->best_place[fit_class][run];
						folio_active *q = folio_new_active(b);
						q->break_node = passive;
						q->line_number =
						    b->best_pl_line[fit_class][run] + 1;
						q->fitness = fit_class;
						q->hyphenated = break_type;
						q->hyphen_run = run;
						q->protrude_left =
						    it->type == FOLIO_BOX ? 0 : it->protrude_left;
						q->total_demerits =
						    b->minimal_demerits[fit_class][run];
						q->break_width = break_width;
						q->link = r;
						prev_r->link = q;
						prev_r = q;
						b->minimal_demerits[fit_class][run] = AWFUL_BAD;
					}
				}
				b->minimum_demerits = AWFUL_BAD;
			}
			if (!r)
				return;
			old_l = l > b->easy_line ? INT_MAX - 1 : l;
		}

		/* section 851: the line from r to cur_p */
		const folio_sums *a = &b->active_width, *s = &r->break_width;
		double width = a->width - s->width + pen_width;
		double stretch = a->stretch - s->stretch + b->background_stretch;
		double shrink = a->shrink - s->shrink;
		double fil = a->fil - s->fil;
		double shortfall = p->line_width + r->protrude_left + protrude_right - width;
		int bad, fit_class;
		if (shortfall > 0) {
			if (fil > 0) {
				bad = 0;
				fit_class = DECENT_FIT;
			} else {
				bad = folio_badness(shortfall, stretch);
				fit_class = bad > 99   ? VERY_LOOSE_FIT
				            : bad > 12 ? LOOSE_FIT
				                       : DECENT_FIT;
			}
		} else {
			/* a hair of rounding is not an overfull line */
			if (-shortfall > shrink + 1e-9)
				bad = INF_BAD + 1;
			else
				bad = folio_badness(-shortfall, shrink);
			fit_class = bad > 12 ? TIGHT_FIT : DECENT_FIT;
		}
		/* a third hyphen in a row, or one where the layout wants none,
		 * makes the line infeasible, like too much badness */
		int run = shows_hyphen && p->max_hyphen_run > 0 ? r->hyphen_run + 1 : 0;
		bool forbidden =
		    shows_hyphen && ((p->max_hyphen_run > 0 && run > p->max_hyphen_run) ||
		                     folio_no_hyphen_line(p, l));
		if (run >= MAX_RUN)
			run = MAX_RUN - 1;
		bool artificial_demerits = false, node_r_stays_active;
		if (bad > INF_BAD || pi == FOLIO_EJECT_PENALTY) {
			/* section 854: in the final pass the last active node is
			 * kept rather than leave the paragraph with no breaks */
			if (b->final_pass && b->minimum_demerits == AWFUL_BAD && !r->link &&
			    prev_r == &b->active)
				artificial_demerits = true;
			else if (bad > b->threshold || forbidden)
				goto deactivate;
			node_r_stays_active = false;
		} else {
			prev_r = r;
			if (bad > b->threshold || forbidden)
				continue;
			node_r_stays_active = true;
		}

		/* section 855: record a new feasible break */
		double d;
		if (artificial_demerits) {
			d = 0;
		} else {
			/* section 859 */
			d = p->line_penalty + bad;
			d = fabs(d) >= 10000 ? 100000000.0 : d * d;
			if (pi > 0)
				d += (double)pi * pi;
			else if (pi > FOLIO_EJECT_PENALTY)
				d -= (double)pi * pi;
			if (break_type && r->hyphenated)
				d += final_break ? p->final_hyphen_demerits
				                 : p->double_hyphen_demerits;
			if (abs(fit_class - r->fitness) > 1)
				d += p->adj_demerits;
		}
		d += r->total_demerits;
		if (d <= b->minimal_demerits[fit_class][run]) {
			b->minimal_demerits[fit_class][run] = d;
			b->best_place[fit_class][run] = r->break_node;
			b->best_pl_line[fit_class][run] = l;
			if (d < b->minimum_demerits)
				b->minimum_demerits = d;
		}
		if (node_r_stays_active)
			continue;
	deactivate:
		/* section 860 */
		prev_r->link = r->link;
		r->link = b->free_nodes;
		b->free_nodes = r;
	}
}

/* A paragraph's last word is never hyphenated: there is always another way
 * (the final pass stretches as much as it must); were the word too long
 * for a line, its points became emergency ones. */
static bool folio_usable(folio_pass pass, const folio_item *it)
{
	if (it->flags & FOLIO_PEN_LASTWORD)
		return false;
	return !(it->flags & FOLIO_PEN_EMERGENCY) || pass == FOLIO_PASS_FINAL;
}

size_t folio_break_pass(folio_arena *scratch, const folio_item *items, size_t n,
                        const folio_break_params *p, folio_pass pass, size_t **breaks,
                        bool *looseness_met)
{
	folio_breaker b = {
	    .arena = scratch,
	    .items = items,
	    .n = n,
	    .p = p,
	    .threshold = pass == FOLIO_PASS_FIRST    ? p->pretolerance
	                 : pass == FOLIO_PASS_SECOND ? p->tolerance
	                                             : INF_BAD,
	    .final_pass = pass == FOLIO_PASS_FINAL,
	    .background_stretch =
	        p->background_stretch + (pass == FOLIO_PASS_FINAL ? p->emergency_stretch : 0),
	    .minimum_demerits = AWFUL_BAD,
	};
	for (int i = 0; i < 4; i++)
		for (int j = 0; j < MAX_RUN; j++)
			b.minimal_demerits[i][j] = AWFUL_BAD;
	b.easy_line = -1;
	if (p->looseness)
		b.easy_line = INT_MAX - 2;
	for (size_t i = 0; i < p->nno_hyphen_lines; i++)
		if (p->no_hyphen_lines[i] < (size_t)INT_MAX - 2 &&
		    (int)p->no_hyphen_lines[i] > b.easy_line)
			b.easy_line = (int)p->no_hyphen_lines[i];
	folio_active *first = folio_new_active(&b);
	*first = (folio_active){
	    .fitness = DECENT_FIT,
	    .protrude_left = p->first_protrude_left,
	};
	b.active.link = first;

	/* section 863: the main loop */
	for (size_t cur_p = 0; cur_p < n && b.active.link; cur_p++) {
		const folio_item *it = &items[cur_p];
		switch (it->type) {
		case FOLIO_BOX:
			/* a box stretches when its letters may be spaced */
			b.active_width.width += it->width;
			b.active_width.stretch += it->stretch;
			b.active_width.shrink += it->shrink;
			break;
		case FOLIO_GLUE:
			if (cur_p > 0 && items[cur_p - 1].type == FOLIO_BOX)
				folio_try_break(&b, cur_p, 0, false);
			b.active_width.width += it->width;
			b.active_width.stretch += it->stretch;
			b.active_width.shrink += it->shrink;
			b.active_width.fil += it->fil;
			break;
		case FOLIO_PENALTY:
			if (folio_usable(pass, it))
				folio_try_break(&b, cur_p, it->penalty,
				                it->flags & FOLIO_PEN_FLAGGED);
			break;
		}
	}
	*looseness_met = true;
	if (!b.active.link)
		return 0;

	/* section 874: the active node with fewest demerits */
	folio_active *best_bet = NULL;
	double fewest_demerits = AWFUL_BAD * 2;
	for (folio_active *r = b.active.link; r; r = r->link) {
		if (r->total_demerits < fewest_demerits) {
			fewest_demerits = r->total_demerits;
			best_bet = r;
		}
	}
	int best_line = best_bet->line_number;
	if (p->looseness) {
		/* section 875 */
		int actual_looseness = 0;
		for (folio_active *r = b.active.link; r; r = r->link) {
			int line_diff = r->line_number - best_line;
			if ((line_diff < actual_looseness && p->looseness <= line_diff) ||
			    (line_diff > actual_looseness && p->looseness >= line_diff)) {
				best_bet = r;
				actual_looseness = line_diff;
				fewest_demerits = r->total_demerits;
			} else if (line_diff == actual_looseness &&
			           r->total_demerits < fewest_demerits) {
				best_bet = r;
				fewest_demerits = r->total_demerits;
			}
		}
		best_line = best_bet->line_number;
		*looseness_met = actual_looseness == p->looseness;
	}

	size_t nlines = (size_t)best_line;
	size_t *out = folio_arena_alloc(scratch, (nlines ? nlines : 1) * sizeof *out);
	size_t k = nlines;
	for (folio_passive *q = best_bet->break_node; q && k; q = q->prev_break)
		out[--k] = q->cur_break;
	*breaks = out;
	return nlines;
}
