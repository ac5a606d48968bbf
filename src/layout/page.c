/* page.c: the master pages: column frames of each page, and the furniture
 * the masters carry (masthead, contents box, footer). */
#include "lay.h"

#include <stdio.h>
#include <string.h>

static const folio_master *folio_master_of(const folio_lay *L, int page)
{
	return &L->t->masters[L->t->pages[page]];
}

/* Odd-numbered pages (1, 3, ...) are right-hand pages: inner margin left. */
static double folio_left_margin(const folio_template *t, int page)
{
	return page % 2 == 0 ? t->margin_inner : t->margin_outer;
}

void folio_page_geom_init(folio_lay *L, int page, folio_page_geom *g)
{
	const folio_template *t = L->t;
	memset(g, 0, sizeof *g);
	g->text_left = folio_left_margin(t, page);
	g->text_width = t->page_width - t->margin_inner - t->margin_outer;
	double top = t->margin_top, bottom = t->page_height - t->margin_bottom;
	const folio_master *m = folio_master_of(L, page);
	if (m->masthead)
		top = t->masthead_height + t->baseline;
	for (int c = 0; c < t->columns; c++) {
		g->col_x[c] = g->text_left + c * (L->col_w + t->gutter);
		g->top[c] = top;
		g->bottom[c] = bottom;
	}
	if (m->contents_box && t->contents_column < t->columns && L->contents_h > 0)
		g->bottom[t->contents_column] = bottom - L->contents_h - t->baseline;
}

double folio_room_after(folio_lay *L, int page)
{
	double most = 0;
	for (int p = page + 1; p < L->t->npages; p++) {
		folio_page_geom g;
		folio_page_geom_init(L, p, &g);
		for (int c = 0; c < L->t->columns; c++)
			if (g.bottom[c] - g.top[c] > most)
				most = g.bottom[c] - g.top[c];
	}
	return most;
}

double folio_tallest_column(folio_lay *L)
{
	if (!L->tallest)
		L->tallest = folio_room_after(L, -1);
	return L->tallest;
}

double folio_rows_height(const folio_lay *L, const folio_row *rows, size_t i, size_t j)
{
	double h = 0;
	for (size_t k = i; k <= j; k++)
		h += (k > i ? rows[k].space_before : 0) + (rows[k].grid ? L->t->baseline : rows[k].h);
	return h;
}

/* ---- text that is not part of the flow: one line, placed by hand ---- */

static const folio_line *folio_one_line(folio_lay *L, int style, const char *text)
{
	folio_para p;
	if (!folio_set_text(L, style, text, 1e5, FOLIO_NOWHERE, &p) || p.nlines == 0)
		return NULL;
	return &p.lines[0];
}

static void folio_put(folio_lay *L, int page, int style, const char *text, double x, double base,
                      folio_align align, int para)
{
	const folio_line *ln = folio_one_line(L, style, text);
	if (!ln)
		return;
	if (align == FOLIO_ALIGN_RIGHT)
		x -= ln->width;
	else if (align == FOLIO_ALIGN_CENTER)
		x -= ln->width / 2;
	folio_emit_line(L, page, ln, x, base, style, -1, para);
}

static void folio_rect(folio_lay *L, int page, double x, double y, double w, double h,
                       folio_cmyk color)
{
	folio_emit(L, page,
	           (folio_dl_item){.kind = FOLIO_DL_RECT,
	                           .x = x,
	                           .y = y,
	                           .w = w,
	                           .h = h,
	                           .color = color,
	                           .style = -1,
	                           .article = -1,
	                           .dest_page = -1});
}

/* A rule from (x, y) to (x + w, y + h) */
static void folio_line_to(folio_lay *L, int page, double x, double y, double w, double h,
                          double weight, folio_cmyk color)
{
	folio_emit(L, page,
	           (folio_dl_item){.kind = FOLIO_DL_RULE,
	                           .x = x,
	                           .y = y,
	                           .w = w,
	                           .h = h,
	                           .color = color,
	                           .line_width = weight,
	                           .style = -1,
	                           .article = -1,
	                           .dest_page = -1});
}

static void folio_rule(folio_lay *L, int page, double x, double y, double w, double weight,
                       folio_cmyk color)
{
	folio_line_to(L, page, x, y, w, 0, weight, color);
}

static const char *folio_date_text(folio_lay *L)
{
	const folio_issue *is = L->issue;
	if (is->month < 1 || is->month > 12)
		return is->date;
	static const char *const fields[3] = {"{day}", "{month}", "{year}"};
	char day[16], year[16];
	snprintf(day, sizeof day, "%d", is->day);
	snprintf(year, sizeof year, "%d", is->year);
	const char *values[3] = {day, L->words->months[is->month - 1], year};
	return folio_fill(L->ctx->arena, L->words->date ? L->words->date : "{day} {month} {year}",
	                  fields, values, 3);
}

static void folio_masthead(folio_lay *L, int page)
{
	const folio_template *t = L->t;
	const folio_issue *is = L->issue;
	double bleed = t->bleed;
	double h = t->masthead_height;
	folio_page_geom g;
	folio_page_geom_init(L, page, &g);
	double left = g.text_left, right = g.text_left + g.text_width;
	/* The band runs into the bleed on three sides: it touches the trim. */
	folio_rect(L, page, -bleed, -bleed, t->page_width + 2 * bleed, h + bleed,
	           t->masthead_color);
	if (t->masthead_band > 0)
		folio_rect(L, page, -bleed, h - t->masthead_band, t->page_width + 2 * bleed,
		           t->masthead_band, t->accent_color);
	double top = t->margin_top * 0.75;
	const char *line =
	    folio_arena_printf(L->ctx->arena, "%s  \xC2\xB7  %s", is->issue, folio_date_text(L));
	folio_put(L, page, FOLIO_ST_ISSUE, line, left, top + t->styles[FOLIO_ST_ISSUE].size,
	          FOLIO_ALIGN_LEFT, -1);
	if (is->website)
		folio_put(L, page, FOLIO_ST_ISSUE, is->website, right,
		          top + t->styles[FOLIO_ST_ISSUE].size, FOLIO_ALIGN_RIGHT, -1);
	const folio_style *ms = &t->styles[FOLIO_ST_MASTHEAD];
	double name_base = top + t->styles[FOLIO_ST_ISSUE].leading + ms->size * 0.95;
	folio_put(L, page, FOLIO_ST_MASTHEAD, is->newsletter, left - ms->size * 0.04, name_base,
	          FOLIO_ALIGN_LEFT, -1);
	if (is->tagline)
		folio_put(L, page, FOLIO_ST_TAGLINE, is->tagline, left,
		          name_base + t->styles[FOLIO_ST_TAGLINE].leading * 1.4, FOLIO_ALIGN_LEFT, -1);
}

static void folio_footer(folio_lay *L, int page)
{
	const folio_template *t = L->t;
	const folio_issue *is = L->issue;
	folio_page_geom g;
	folio_page_geom_init(L, page, &g);
	double base = t->page_height - t->margin_bottom + t->footer_offset;
	double left = g.text_left, right = g.text_left + g.text_width;
	if (t->footer_rule > 0)
		folio_rule(L, page, left, base - t->styles[FOLIO_ST_FOOTER].leading * 1.2,
		           g.text_width, t->footer_rule, t->styles[FOLIO_ST_FOOTER].color);
	const char *where =
	    folio_arena_printf(L->ctx->arena, "%s  \xC2\xB7  %s", is->newsletter, is->issue);
	const char *num = folio_arena_printf(L->ctx->arena, "%d", page + 1);
	bool right_page = page % 2 == 0;
	/* The page number sits at the outer edge, the website beside it. */
	double outer = right_page ? right : left;
	folio_align out_align = right_page ? FOLIO_ALIGN_RIGHT : FOLIO_ALIGN_LEFT;
	double inner = right_page ? left : right;
	folio_align in_align = right_page ? FOLIO_ALIGN_LEFT : FOLIO_ALIGN_RIGHT;
	const folio_line *n = folio_one_line(L, FOLIO_ST_CONTENTS_PAGE, num);
	double nw = n ? n->width : 0;
	folio_put(L, page, FOLIO_ST_CONTENTS_PAGE, num, outer, base, out_align, FOLIO_DL_FURNITURE);
	const char *site = is->website ? is->website : "";
	double gap = nw + t->styles[FOLIO_ST_FOOTER].size * 1.5;
	folio_put(L, page, FOLIO_ST_FOOTER, site, right_page ? outer - gap : outer + gap, base,
	          out_align, FOLIO_DL_FURNITURE);
	folio_put(L, page, FOLIO_ST_FOOTER, where, inner, base, in_align, FOLIO_DL_FURNITURE);
}

/* ---- the contents box: entries with the pages the articles start on ---- */

typedef struct {
	double inner_w, num_w;
} folio_cbox;

static folio_cbox folio_cbox_metrics(folio_lay *L)
{
	folio_cbox m;
	m.inner_w = L->col_w - 2 * L->t->contents_padding;
	const folio_line *ln = folio_one_line(
	    L, FOLIO_ST_CONTENTS_PAGE, folio_arena_printf(L->ctx->arena, "%s 00", L->words->page));
	m.num_w = (ln ? ln->width : 40) + L->t->styles[FOLIO_ST_CONTENTS].size;
	return m;
}

/* Lays out (and, with page >= 0, draws) the box; returns its height. Its
 * height never depends on the page numbers, so it is known before the
 * flow starts. */
static double folio_contents_box(folio_lay *L, int page, double x, double y)
{
	const folio_template *t = L->t;
	const folio_issue *is = L->issue;
	folio_cbox m = folio_cbox_metrics(L);
	double pad = t->contents_padding;
	const folio_style *ts = &t->styles[FOLIO_ST_CONTENTS_TITLE];
	const folio_style *es = &t->styles[FOLIO_ST_CONTENTS];
	double cy = y + pad;
	double title_base = cy + ts->leading * 0.75;
	/* the title first: the screen edition's structure reads it first */
	if (page >= 0)
		folio_put(L, page, FOLIO_ST_CONTENTS_TITLE,
		          is->contents_title ? is->contents_title : L->words->contents_title, x + pad,
		          title_base, FOLIO_ALIGN_LEFT, -1);
	cy += ts->leading + ts->space_after;
	size_t nentries = 0;
	for (size_t i = 0; i < is->narticles; i++) {
		const folio_article *a = &is->articles[i];
		if (!a->contents)
			continue;
		folio_para p;
		if (!folio_set_text(L, FOLIO_ST_CONTENTS, a->contents, m.inner_w - m.num_w, a->loc,
		                    &p))
			return 0;
		if (nentries > 0 && page >= 0 && t->contents_separator > 0)
			folio_rule(L, page, x + pad, cy + es->leading * 0.2, m.inner_w,
			           t->contents_separator, t->contents_separator_color);
		cy += es->leading * 0.4;
		double first_base = cy + es->leading * 0.75, top = cy;
		for (size_t k = 0; k < p.nlines; k++) {
			if (page >= 0)
				folio_emit_line(L, page, &p.lines[k], x + pad, cy + es->leading * 0.75,
				                FOLIO_ST_CONTENTS, (int)i, -1);
			cy += es->leading;
		}
		/* the page number on the first line, after the whole entry: the
		 * screen edition reads "... in CA countries Page 02", a word
		 * space after the entry's last line */
		if (page >= 0) {
			folio_dl_page *pg = &L->dl->pages[page];
			for (size_t k = pg->nitems; k-- > 0;)
				if (pg->items[k].kind == FOLIO_DL_TEXT) {
					pg->items[k].space_after = true;
					break;
				}
			int n = L->guess ? L->guess[i] : 0;
			/* an article that starts on no page (all of it overset, in a
			 * draft) has no number to give */
			const char *num =
			    n > 0 ? folio_arena_printf(L->ctx->arena, "%s %02d", L->words->page, n)
			          : folio_arena_printf(L->ctx->arena, "%s \xE2\x80\x94", L->words->page);
			folio_put(L, page, FOLIO_ST_CONTENTS_PAGE, num, x + pad + m.inner_w, first_base,
			          FOLIO_ALIGN_RIGHT, -1);
			folio_emit(L, page,
			           (folio_dl_item){
			               .kind = FOLIO_DL_LINK,
			               .x = x + pad,
			               .y = top,
			               .w = m.inner_w,
			               .h = es->leading * (double)p.nlines,
			               .dest_page = n - 1,
			               .style = FOLIO_ST_CONTENTS,
			               .article = (int)i,
			               .para = -1,
			           });
		}
		nentries++;
	}
	cy += pad;
	return cy - y;
}

/* No article listed (every one `contents: false`): no box, and its column
 * runs to the foot of the page. A box with a title and nothing under it
 * would only take the room. */
double folio_contents_height(folio_lay *L)
{
	for (size_t i = 0; i < L->issue->narticles; i++)
		if (L->issue->articles[i].contents)
			return folio_contents_box(L, -1, 0, 0);
	return 0;
}

bool folio_page_furniture(folio_lay *L, int page)
{
	const folio_template *t = L->t;
	const folio_master *m = folio_master_of(L, page);
	if (m->masthead)
		folio_masthead(L, page);
	if (m->contents_box && t->contents_column < t->columns && L->contents_h > 0) {
		folio_page_geom g;
		folio_page_geom_init(L, page, &g);
		double x = g.col_x[t->contents_column];
		double bottom = t->page_height - t->margin_bottom;
		double y = bottom - L->contents_h;
		folio_rect(L, page, x, y, L->col_w, L->contents_h, t->contents_color);
		if (t->contents_rule > 0)
			folio_rule(L, page, x, y, L->col_w, t->contents_rule, t->accent_color);
		folio_contents_box(L, page, x, y);
	}
	if (m->footer)
		folio_footer(L, page);
	return !folio_failed(L->ctx);
}

/* ---- guides: a proof of the layout over the pages (--guides) ---- */

void folio_page_guides(folio_lay *L, int page)
{
	const folio_template *t = L->t;
	folio_page_geom g;
	folio_page_geom_init(L, page, &g);
	/* InDesign's colours: the margins magenta, the columns violet, the
	 * baseline grid light blue; a quarter point, over everything */
	const folio_cmyk margins = {.m = 1}, columns = {.c = 0.5, .m = 0.6},
	                 grid = {.c = 0.35, .m = 0.05};
	const double w = 0.25;
	double top = t->margin_top, bottom = t->page_height - t->margin_bottom;
	double left = g.text_left, right = g.text_left + g.text_width;
	/* the baselines body text sits on: a grid step below the margin, at
	 * three quarters of it (plan.c) */
	for (double b = top + t->baseline * 0.75; b <= bottom + 1e-6; b += t->baseline)
		folio_line_to(L, page, left, b, right - left, 0, w, grid);
	for (int c = 0; c < t->columns; c++) {
		folio_line_to(L, page, g.col_x[c], top, 0, bottom - top, w, columns);
		folio_line_to(L, page, g.col_x[c] + L->col_w, top, 0, bottom - top, w, columns);
	}
	folio_line_to(L, page, left, top, right - left, 0, w, margins);
	folio_line_to(L, page, left, bottom, right - left, 0, w, margins);
	folio_line_to(L, page, left, top, 0, bottom - top, w, margins);
	folio_line_to(L, page, right, top, 0, bottom - top, w, margins);
}
