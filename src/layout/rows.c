/* rows.c: an article becomes a vertical list of rows: set lines, pictures,
 * rules and spaces, each marked with whether a column may break after it.
 * Widows, orphans and "keep the heading with its text" are decided here as
 * keep_with_next marks, so the planner only has to honour them. */
#include "lay.h"

#include <stdio.h>
#include <string.h>

typedef struct {
	folio_lay *L;
	folio_row *rows;
	size_t n, cap;
	bool panel;
	bool span;
	double width;         /* content width of the current rows */
	double pending_space; /* space to put before the next row */
	bool no_indent;       /* next paragraph starts flush (after a heading) */
	bool after_heading;   /* the next paragraph is the first under a heading */
	int npara;
} folio_rows;

static folio_row *folio_row_add(folio_rows *R, folio_row_kind kind)
{
	folio_row r = {.kind = kind, .panel = R->panel, .span = R->span, .style = -1, .para = -1};
	r.space_before = R->pending_space;
	R->pending_space = 0;
	FOLIO_PUSH(R->L->ctx->arena, R->rows, R->n, R->cap, r);
	return &R->rows[R->n - 1];
}

static void folio_rows_keep_last(folio_rows *R)
{
	if (R->n)
		R->rows[R->n - 1].keep_with_next = true;
}

static bool folio_style_on_grid(folio_lay *L, int style)
{
	double d = L->t->styles[style].leading - L->t->baseline;
	return d < 0.01 && d > -0.01;
}

/* The lines of a set paragraph, with widow and orphan control: the first
 * `orphans` lines stay together at a column's foot and the last `widows`
 * lines at its head. `keep_all` keeps every line with the next. */
static void folio_rows_para(folio_rows *R, const folio_para *p, int style, double dx,
                            double measure, folio_align align, bool keep_all)
{
	int para = R->npara++;
	folio_lay *L = R->L;
	bool grid = folio_style_on_grid(L, style);
	int orphans = L->t->orphans > 0 ? L->t->orphans : 1;
	/* under a heading, as many lines as the layout keeps with it */
	if (R->after_heading && L->t->heading_lines > orphans)
		orphans = L->t->heading_lines;
	R->after_heading = false;
	int widows = L->t->widows > 0 ? L->t->widows : 1;
	double sb = L->t->styles[style].space_before;
	if (sb > R->pending_space)
		R->pending_space = sb;
	for (size_t i = 0; i < p->nlines; i++) {
		folio_row *r = folio_row_add(R, FOLIO_ROW_LINE);
		r->grid = grid;
		r->h = L->t->styles[style].leading;
		r->ascent = folio_style_ascent(L, style);
		r->style = style;
		r->dx = dx;
		r->line = &p->lines[i];
		r->measure = measure;
		r->para = para;
		r->line_no = (int)i;
		r->para_lines = (int)p->nlines;
		r->justified = align == FOLIO_ALIGN_JUSTIFY && i + 1 < p->nlines;
		size_t n = p->nlines;
		/* the last line is kept with what follows only when asked
		 * (keep_all): a one-line paragraph is no orphan */
		r->keep_with_next = keep_all || (i + 1 < n && ((int)i < orphans - 1 ||
		                                               (int)(n - 1 - i) < widows));
	}
	R->pending_space = L->t->styles[style].space_after;
}

static bool folio_rows_text(folio_rows *R, int style, const folio_run *runs, size_t n,
                            double indent, folio_loc loc, bool keep_all)
{
	folio_para p;
	if (!folio_set_runs(R->L, style, runs, n, R->width, indent, loc, &p))
		return false;
	size_t first = R->n;
	folio_rows_para(R, &p, style, 0, R->width, R->L->t->styles[style].align, keep_all);
	for (size_t i = first; i < R->n; i++)
		R->rows[i].src = runs;
	return true;
}

static bool folio_rows_plain(folio_rows *R, int style, const char *text, folio_loc loc,
                             bool keep_all)
{
	folio_run run = {.text = text, .len = strlen(text)};
	size_t first = R->n;
	if (!folio_rows_text(R, style, &run, 1, 0, loc, keep_all))
		return false;
	for (size_t i = first; i < R->n; i++)
		R->rows[i].src = NULL; /* the run lives on the stack: never set again */
	return true;
}

static void folio_rows_space(folio_rows *R, double h)
{
	folio_row *r = folio_row_add(R, FOLIO_ROW_SPACE);
	r->h = h;
}

static void folio_rows_rule(folio_rows *R, double w, double h, double weight, folio_cmyk color)
{
	folio_row *r = folio_row_add(R, FOLIO_ROW_RULE);
	r->w = w;
	r->h = h;
	r->line_width = weight;
	r->color = color;
}

/* A picture whose group (with its caption) is taller than any column of the
 * layout would hang out of every column, over the footer and off the page:
 * it is made smaller, centred in the measure, to stand in the tallest one,
 * and the designer is told (a portrait photo at column width, say). */
static void folio_rows_fit_figure(folio_rows *R, size_t image, const folio_figure *f)
{
	folio_lay *L = R->L;
	folio_row *r = &R->rows[image];
	double room = folio_tallest_column(L);
	double over = folio_rows_height(L, R->rows, image, R->n - 1) - room;
	if (room <= 0 || over <= 0.01 || r->h - over < L->t->baseline * 3)
		return;
	double h = r->h - over;
	double w = r->w * h / r->h;
	folio_warn(L->ctx, f->loc,
	           "'%s' at the full measure (%.0f x %.0f pt) is taller than any column: "
	           "set at %.0f x %.0f pt, centred",
	           f->picture ? f->picture->path : "picture", r->w, r->h, w, h);
	r->dx += (r->w - w) / 2;
	r->w = w;
	r->h = h;
}

/* A picture with its caption and credit: one group that never parts. */
static bool folio_rows_figure(folio_rows *R, const folio_figure *f, bool may_float)
{
	folio_lay *L = R->L;
	const folio_picture *pic = f->picture;
	double w = R->width;
	double h = f->crop > 0               ? w / f->crop
	           : pic && pic->width ? w * pic->height / pic->width
	                               : w * 0.6;
	if (R->pending_space < L->t->figure_gap)
		R->pending_space = L->t->figure_gap;
	folio_row *r = folio_row_add(R, FOLIO_ROW_IMAGE);
	size_t image = R->n - 1;
	r->picture = pic;
	r->alt = f->caption;
	r->crop = f->crop;
	r->focus = f->focus;
	r->w = w;
	r->h = h;
	r->figure = may_float;
	r->keep_with_next = true;
	R->pending_space = L->t->caption_gap;
	if (f->caption && *f->caption)
		if (!folio_rows_plain(R, FOLIO_ST_CAPTION, f->caption, f->loc, true))
			return false;
	if (f->credit && *f->credit)
		if (!folio_rows_plain(R, FOLIO_ST_CREDIT, f->credit, f->loc, true))
			return false;
	R->rows[R->n - 1].keep_with_next = false;
	folio_rows_fit_figure(R, image, f);
	R->pending_space = L->t->figure_gap;
	R->no_indent = true;
	return true;
}

static bool folio_rows_quote(folio_rows *R, const folio_block *b)
{
	folio_lay *L = R->L;
	const folio_template *t = L->t;
	double gap = t->baseline * 0.5;
	if (R->pending_space < gap)
		R->pending_space = gap;
	folio_rows_rule(R, R->width, 8, t->rule_width, t->rule_color);
	folio_rows_keep_last(R);
	if (!folio_rows_text(R, FOLIO_ST_PULLQUOTE, b->runs, b->nruns, 0, b->loc, true))
		return false;
	if (b->nattribution) {
		/* The attribution reads as a signature: an em dash leads it. Its
		 * runs are told apart by address (forbidden hyphens), so they are
		 * never in memory an earlier article's rows had. */
		folio_run *runs =
		    folio_arena_alloc(folio_lay_keep(L), (b->nattribution + 1) * sizeof *runs);
		runs[0] = (folio_run){.text = "\xE2\x80\x94\xC2\xA0", .len = 5};
		memcpy(runs + 1, b->attribution, b->nattribution * sizeof *runs);
		R->pending_space = 3;
		if (!folio_rows_text(R, FOLIO_ST_ATTRIBUTION, runs, b->nattribution + 1, 0, b->loc,
		                     true))
			return false;
	}
	R->pending_space = 4;
	folio_rows_rule(R, R->width, 8, t->rule_width, t->rule_color);
	R->pending_space = gap;
	R->no_indent = true;
	return true;
}

static bool folio_rows_list_item(folio_rows *R, const folio_block *b)
{
	folio_lay *L = R->L;
	/* In a panel the items take the panel's face, like its paragraphs. */
	int style = R->panel ? FOLIO_ST_PANEL : FOLIO_ST_LIST;
	const folio_style *s = &L->t->styles[style];
	double hang = s->size * 1.8;
	double dx = hang * (b->level + 1);
	folio_para p;
	if (!folio_set_aligned(L, style, L->t->styles[FOLIO_ST_LIST].align, b->runs, b->nruns,
	                       R->width - dx, 0, b->loc, &p))
		return false;
	size_t first = R->n;
	folio_rows_para(R, &p, style, dx, R->width - dx, L->t->styles[FOLIO_ST_LIST].align, false);
	for (size_t i = first; i < R->n; i++)
		R->rows[i].src = b->runs;
	const char *marker = b->marker;
	int number;
	char dot;
	if (L->t->list_numbers_padded && marker && sscanf(marker, "%d%c", &number, &dot) == 2 &&
	    dot == '.')
		marker = folio_arena_printf(folio_lay_keep(L), "%02d", number); /* drawn */
	if (R->n > first) {
		R->rows[first].marker = marker;
		R->rows[first].marker_dx = dx - hang;
		R->rows[first].marker_style = style;
	}
	R->no_indent = true;
	return true;
}

static bool folio_rows_block(folio_rows *R, const folio_block *b)
{
	folio_lay *L = R->L;
	const folio_style *body = &L->t->styles[R->panel ? FOLIO_ST_PANEL : FOLIO_ST_BODY];
	switch (b->kind) {
	case FOLIO_BLOCK_PARAGRAPH: {
		double indent = R->no_indent ? 0 : body->indent;
		R->no_indent = false;
		return folio_rows_text(R, R->panel ? FOLIO_ST_PANEL : FOLIO_ST_BODY, b->runs,
		                       b->nruns, indent, b->loc, false);
	}
	case FOLIO_BLOCK_HEADING: {
		int st = b->level >= 3 ? FOLIO_ST_SUBHEADING3 : FOLIO_ST_SUBHEADING;
		if (!folio_rows_text(R, st, b->runs, b->nruns, 0, b->loc, true))
			return false;
		R->no_indent = true;
		R->after_heading = true;
		return true;
	}
	case FOLIO_BLOCK_LIST_ITEM:
		return folio_rows_list_item(R, b);
	case FOLIO_BLOCK_QUOTE:
		return folio_rows_quote(R, b);
	case FOLIO_BLOCK_FIGURE:
		return folio_rows_figure(R, &b->figure, true);
	}
	return true;
}

bool folio_article_rows(folio_lay *L, int index, bool span_start, folio_row **rows, size_t *nrows)
{
	const folio_article *a = &L->issue->articles[index];
	const folio_template *t = L->t;
	folio_rows R = {.L = L, .panel = a->style == FOLIO_STYLE_PANEL};
	double pad = R.panel ? t->panel_padding : 0;
	folio_page_geom g;
	folio_page_geom_init(L, 0, &g);

	/* The head of the story: spanning the text area when the article opens
	 * a fresh page (and is not a boxed panel), else in its column. */
	R.span = span_start && !R.panel;
	R.width = R.span ? g.text_width : L->col_w - 2 * pad;
	if (!R.span && !R.panel) {
		/* A hairline between stories that share a column; it vanishes at
		 * a column's top like the space before it. */
		R.pending_space = t->baseline;
		folio_rows_rule(&R, R.width, t->baseline * 0.5, 0.5,
		                t->styles[FOLIO_ST_FOOTER].color);
		R.rows[R.n - 1].space_before = t->baseline * 0.5;
		R.rows[R.n - 1].discardable = true;
		R.rows[R.n - 1].keep_with_next = true;
	}
	if (R.panel) {
		folio_rows_space(&R, pad);
		folio_rows_keep_last(&R);
	}
	bool page_wide = a->image && a->image->width == FOLIO_WIDTH_PAGE && R.span;
	if (a->image && a->image->width == FOLIO_WIDTH_PAGE && !R.span)
		folio_warn(L->ctx, a->image->loc,
		           "page-wide picture set at column width: the article '%s' does not "
		           "open a page",
		           a->title);
	if (page_wide) {
		R.width = g.text_width;
		if (!folio_rows_figure(&R, a->image, false))
			return false;
		R.rows[R.n - 1].keep_with_next = true;
	}
	if (a->section && *a->section) {
		if (!folio_rows_plain(&R, FOLIO_ST_SECTION, a->section, a->loc, true))
			return false;
	}
	int title_style = R.panel      ? FOLIO_ST_PANEL_TITLE
	                  : span_start ? FOLIO_ST_TITLE
	                               : FOLIO_ST_TITLE2;
	if (!folio_rows_plain(&R, title_style, a->title, a->loc, true))
		return false;
	double after = t->styles[title_style].space_after;
	R.span = false;
	R.width = L->col_w - 2 * pad;
	R.pending_space = after;
	R.no_indent = true;
	R.after_heading = true;
	/* A column-wide lead picture follows its headline, in the column. */
	if (a->image && !page_wide) {
		if (!folio_rows_figure(&R, a->image, false))
			return false;
		R.rows[R.n - 1].keep_with_next = true;
	}
	for (size_t i = 0; i < a->nblocks; i++)
		if (!folio_rows_block(&R, &a->blocks[i]))
			return false;
	if (R.panel) {
		/* the box's bottom padding ends the box where its last line is */
		folio_rows_keep_last(&R);
		R.pending_space = 0;
		folio_rows_space(&R, pad);
	}
	if (R.n)
		R.rows[R.n - 1].keep_with_next = false;
	*rows = R.rows;
	*nrows = R.n;
	return true;
}

/* The layout's continued text with its placeholders filled in. */
static char *folio_jump_text(folio_lay *L, const folio_article *a, int from_page)
{
	char page[16];
	snprintf(page, sizeof page, "%d", from_page);
	static const char *const fields[2] = {"{title}", "{page}"};
	const char *values[2] = {a->title, page};
	return folio_fill(L->ctx->arena, L->continued, fields, values, 2);
}

bool folio_jump_out_rows(folio_lay *L, int to_page, folio_row **rows, size_t *n)
{
	*rows = NULL;
	*n = 0;
	if (L->jump_article < 0 || !L->continued_on)
		return true;
	const folio_article *a = &L->issue->articles[L->jump_article];
	char page[16];
	snprintf(page, sizeof page, "%d", to_page + 1); /* as the footer numbers it */
	static const char *const fields[2] = {"{title}", "{page}"};
	const char *values[2] = {a->title, page};
	folio_rows R = {.L = L, .width = L->col_w};
	if (!folio_rows_plain(&R, L->t->continued_style,
	                      folio_fill(L->ctx->arena, L->continued_on, fields, values, 2), a->loc,
	                      true))
		return false;
	for (size_t i = 0; i < R.n; i++)
		R.rows[i].para = -1; /* furniture: not counted with the text */
	if (R.n)
		R.rows[R.n - 1].keep_with_next = false;
	*rows = R.rows;
	*n = R.n;
	return true;
}

bool folio_jump_rows(folio_lay *L, int page, const folio_row **rows, size_t *n)
{
	*rows = NULL;
	*n = 0;
	if (L->jump_article < 0 || !L->continued || !L->jumps || page < 0 ||
	    page >= L->t->npages)
		return true;
	struct folio_jump *j = &L->jumps[page];
	if (!j->made) {
		const folio_article *a = &L->issue->articles[L->jump_article];
		folio_rows R = {.L = L, .width = L->col_w};
		/* the page it comes from, as the footer numbers it */
		if (!folio_rows_plain(&R, L->t->continued_style, folio_jump_text(L, a, page),
		                      a->loc, true))
			return false;
		if (R.n) {
			R.rows[0].space_before = 0;
			R.rows[R.n - 1].keep_with_next = false;
			for (size_t i = 0; i < R.n; i++)
				R.rows[i].para = -1; /* furniture: not counted with the text */
		}
		*j = (struct folio_jump){R.rows, R.n, true};
	}
	*rows = j->rows;
	*n = j->n;
	return true;
}
