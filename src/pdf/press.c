/* press.c: what the print edition's preflight asks for the press and the
 * cut, read from the display list: no colour or picture putting down more
 * ink than the paper takes (print: ink_limit), no rule too thin to print,
 * no text where the cut may take it (print: safety), no panel or picture
 * that stops at or just short of the trim instead of running into the
 * bleed. Too much ink is an error unless --draft (the press cannot print
 * it); the rest are warnings. Each is said once, at the place to change. */
#include "writer.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FOLIO_MM(pt) ((pt) * 25.4 / 72)

/* Under a quarter point a rule breaks up on the plate. */
#define FOLIO_HAIRLINE 0.25

/* A spot ink lays down its tint on one plate */
static double ink_of(folio_cmyk c)
{
	return c.spot ? c.tint : c.c + c.m + c.y + c.k;
}

static bool inked(const folio_dl_item *it)
{
	return it->kind == FOLIO_DL_RECT || it->kind == FOLIO_DL_RULE ||
	       (it->kind == FOLIO_DL_TEXT && it->len);
}

/* The layout's colour of these inks, or -1 (items carry the layout's
 * values as they are: equal, not near) */
static long named(const folio_press *pr, folio_cmyk c)
{
	for (size_t i = 0; i < pr->ncolors; i++)
		if (folio_pdf_same_color(pr->colors[i].cmyk, c))
			return (long)i;
	return -1;
}

double folio_pdf_page_ink(const folio_display *dl, int page, const char **what)
{
	const folio_dl_page *pg = &dl->pages[page];
	double most = 0;
	*what = NULL;
	for (size_t i = 0; i < pg->nitems; i++) {
		const folio_dl_item *it = &pg->items[i];
		double ink = inked(it) ? ink_of(it->color)
		             : it->kind == FOLIO_DL_IMAGE && it->picture ? it->picture->ink
		                                                         : 0;
		if (ink <= most)
			continue;
		most = ink;
		long k = it->kind == FOLIO_DL_IMAGE ? -1 : named(&dl->press, it->color);
		*what = it->kind == FOLIO_DL_IMAGE ? it->picture->path
		        : k >= 0                   ? dl->press.colors[k].name
		                                   : NULL;
	}
	return most;
}

/* What one pass over the pages has found (a display list of 256 pages is
 * some 25 MB of items: each pass over it costs milliseconds) */
struct folio_press_scan {
	const folio_display *dl;
	bool draft, ok;
	bool *told;                 /* per layout colour: its ink said */
	bool unnamed_told, rule_told;
	const folio_picture **pics; /* pictures whose ink was said */
	size_t npics, cappics;
	struct folio_trim_find {
		int page, last, more;
		const folio_dl_item *it;
		int side;
		double d;
	} text, edge;
};

folio_press_scan *folio_pdf_press_begin(folio_ctx *ctx, const folio_display *dl, bool draft)
{
	folio_press_scan *s = folio_arena_alloc(ctx->arena, sizeof *s);
	s->dl = dl;
	s->draft = draft;
	s->ok = true;
	s->told = folio_arena_alloc(ctx->arena, (dl->press.ncolors + 1) * sizeof *s->told);
	return s;
}

/* Too much ink: an error at the colour's place (or the picture's), once. */
static void check_ink(folio_ctx *ctx, folio_press_scan *s, int p, const folio_dl_item *it)
{
	const folio_press *pr = &s->dl->press;
	const char *tail = s->draft ? "" : "; --draft writes it anyway";
	if (it->kind == FOLIO_DL_IMAGE) {
		if (!it->picture || it->picture->ink <= pr->ink_limit + 1e-9)
			return;
		for (size_t k = 0; k < s->npics; k++)
			if (s->pics[k] == it->picture)
				return;
		FOLIO_PUSH(ctx->arena, s->pics, s->npics, s->cappics, it->picture);
		folio_loc at = {it->picture->path, 0, 0};
		const char *fmt = "picture puts down %.0f%% ink where it is darkest (page %d); the "
		                  "press takes at most %.0f%% (the layout's print: ink_limit): "
		                  "separate it for this press%s";
		if (s->draft)
			folio_warn(ctx, at, fmt, it->picture->ink * 100, p + 1, pr->ink_limit * 100,
			           tail);
		else
			s->ok = folio_error(ctx, FOLIO_ERR_INPUT, at, fmt, it->picture->ink * 100, p + 1,
			                    pr->ink_limit * 100, tail);
		return;
	}
	if (!inked(it) || ink_of(it->color) <= pr->ink_limit + 1e-9)
		return;
	long k = named(pr, it->color);
	if (k >= 0 ? s->told[k] : s->unnamed_told)
		return;
	if (k >= 0)
		s->told[k] = true;
	else
		s->unnamed_told = true;
	folio_cmyk c = it->color;
	folio_loc at = k >= 0 ? pr->colors[k].loc : pr->layout;
	const char *name = folio_arena_printf(ctx->arena, k >= 0 ? "colour '%s'" : "a colour%s",
	                                      k >= 0 ? pr->colors[k].name : "");
	const char *fmt = "%s is %.0f%% ink (C %.0f M %.0f Y %.0f K %.0f), used on page %d; the "
	                  "press takes at most %.0f%% (print: ink_limit)%s";
	if (s->draft)
		folio_warn(ctx, at, fmt, name, ink_of(c) * 100, c.c * 100, c.m * 100, c.y * 100,
		           c.k * 100, p + 1, pr->ink_limit * 100, tail);
	else
		s->ok = folio_error(ctx, FOLIO_ERR_INPUT, at, fmt, name, ink_of(c) * 100, c.c * 100,
		                    c.m * 100, c.y * 100, c.k * 100, p + 1, pr->ink_limit * 100, tail);
}

/* How far inside the trim an item's edges are (negative: out into the
 * bleed): left, top, right, bottom. Text by its glyphs' reach, about the
 * size above the baseline and a quarter of it below. */
static void edges(const folio_display *dl, const folio_dl_item *it, double d[4])
{
	double top = it->y, bottom = it->y + it->h;
	if (it->kind == FOLIO_DL_TEXT) {
		top = it->y - it->size;
		bottom = it->y + it->size / 4;
	}
	d[0] = it->x;
	d[1] = top;
	d[2] = dl->page_width - (it->x + it->w);
	d[3] = dl->page_height - bottom;
}

static const char *const sides[4] = {"left", "top", "right", "bottom"};

/* One warning of each kind for the whole document, at its first page, with
 * how many pages more: a layout's margin repeats on every page. */
static void note(struct folio_trim_find *f, int page, const folio_dl_item *it, int side, double d)
{
	if (!f->it) {
		*f = (struct folio_trim_find){page, page, 0, it, side, d};
	} else if (page != f->last) {
		f->last = page;
		f->more++;
	}
}

static const char *more_pages(folio_ctx *ctx, int more)
{
	return more == 0   ? ""
	       : more == 1 ? " (and on 1 more page)"
	                   : folio_arena_printf(ctx->arena, " (and on %d more pages)", more);
}

/* Text the cut may take, and colour that stops at the trim or short of
 * the bleed. */
static void check_trim(folio_press_scan *s, int p, const folio_dl_item *it)
{
	const folio_display *dl = s->dl;
	const double slack = 0.5; /* pt: a bleed drawn to the bleed edge counts */
	double safety = dl->press.safety;
	double d[4];
	edges(dl, it, d);
	bool outside = d[0] > dl->page_width || d[2] > dl->page_width ||
	               d[1] > dl->page_height || d[3] > dl->page_height;
	if (outside)
		return;
	if (it->kind == FOLIO_DL_TEXT && it->len) {
		int side = 0;
		for (int k = 1; k < 4; k++)
			if (d[k] < d[side])
				side = k;
		if (d[side] < safety - 0.01)
			note(&s->text, p, it, side, d[side]);
	} else if (it->kind == FOLIO_DL_RECT || it->kind == FOLIO_DL_IMAGE) {
		for (int k = 0; k < 4; k++)
			if (d[k] > -dl->bleed + slack && d[k] < safety - 0.01) {
				note(&s->edge, p, it, k, d[k]);
				break;
			}
	}
}

/* Rules under a quarter point: one warning, at `rules: width`. */
static void check_rule(folio_ctx *ctx, folio_press_scan *s, int p, const folio_dl_item *it)
{
	if (s->rule_told || it->kind != FOLIO_DL_RULE || !(it->line_width > 0) ||
	    it->line_width >= FOLIO_HAIRLINE)
		return;
	s->rule_told = true;
	folio_warn(ctx, s->dl->press.rule_width,
	           "a rule %.2f pt wide on page %d: under %.2f pt a rule breaks up on the press",
	           it->line_width, p + 1, FOLIO_HAIRLINE);
}

void folio_pdf_press_item(folio_ctx *ctx, folio_press_scan *s, int page, const folio_dl_item *it)
{
	check_ink(ctx, s, page, it);
	check_rule(ctx, s, page, it);
	check_trim(s, page, it);
}

bool folio_pdf_press_end(folio_ctx *ctx, folio_press_scan *s)
{
	const folio_display *dl = s->dl;
	const folio_press *pr = &dl->press;
	if (s->text.it) {
		const folio_dl_item *it = s->text.it;
		const char *style = it->style >= 0 ? folio_style_names[it->style] : "text";
		folio_warn(ctx, pr->layout,
		           "page %d: text in '%s' comes %.1f mm from the trim at the %s%s; the cut "
		           "may take it: keep text %.0f mm inside (print: safety)",
		           s->text.page + 1, style, FOLIO_MM(s->text.d), sides[s->text.side],
		           more_pages(ctx, s->text.more), FOLIO_MM(pr->safety));
	}
	if (s->edge.it) {
		const struct folio_trim_find *e = &s->edge;
		const char *what = e->it->kind == FOLIO_DL_IMAGE ? "a picture" : "a panel";
		const char *fix =
		    dl->bleed < 0.01
		        ? folio_arena_printf(ctx->arena,
		                             "keep it %.0f mm inside (print: safety), or give the "
		                             "page a bleed (page: bleed) and run it into that",
		                             FOLIO_MM(pr->safety))
		        : folio_arena_printf(ctx->arena,
		                             "run it %.0f mm past the trim (the bleed) or keep it "
		                             "%.0f mm inside (print: safety)",
		                             FOLIO_MM(dl->bleed), FOLIO_MM(pr->safety));
		folio_warn(ctx, pr->layout,
		           "page %d: %s %s %.1f mm %s the trim at the %s%s; the cut may leave a "
		           "sliver of paper there: %s",
		           e->page + 1, what, e->d > 0.01 ? "ends" : "runs", FOLIO_MM(fabs(e->d)),
		           e->d > 0.01 ? "inside" : "past", sides[e->side], more_pages(ctx, e->more),
		           fix);
	}
	return s->ok;
}
