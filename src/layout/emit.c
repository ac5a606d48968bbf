/* emit.c: writing into the display list: set lines as positioned pieces,
 * and the planned rows of an article with their panel backgrounds and the
 * lines that say where its text comes from on a new page. */
#include "lay.h"

#include <string.h>

void folio_emit(folio_lay *L, int page, folio_dl_item item)
{
	folio_dl_page *p = &L->dl->pages[page];
	FOLIO_PUSH(L->ctx->arena, p->items, p->nitems, p->cap, item);
}

void folio_emit_line(folio_lay *L, int page, const folio_line *line, double x, double base,
                     int style, int article, int para)
{
	for (size_t i = 0; i < line->npieces; i++) {
		const folio_piece *pc = &line->pieces[i];
		bool end = i + 1 == line->npieces;
		folio_emit(L, page,
		           (folio_dl_item){
		               .kind = FOLIO_DL_TEXT,
		               .space_after = end && line->at_space,
		               .hyphen = end && line->hyphenated,
		               .x = x + pc->x,
		               .y = base,
		               .w = pc->width,
		               .color = pc->color,
		               .face = pc->face,
		               .size = pc->size,
		               .tracking = pc->tracking,
		               .text = pc->text,
		               .len = pc->len,
		               .style = style,
		               .article = article,
		               .para = para,
		               .dest_page = -1,
		           });
		if (pc->link)
			folio_emit(L, page,
			           (folio_dl_item){
			               .kind = FOLIO_DL_LINK,
			               .x = x + pc->x,
			               .y = base - pc->size * 0.8,
			               .w = pc->width,
			               .h = pc->size,
			               .uri = pc->link,
			               .dest_page = -1,
			               .style = style,
			               .article = article,
			               .para = para,
			           });
	}
}

static double folio_row_bottom(const folio_lay *L, const folio_row *r, const folio_slot *s)
{
	return s->top + (r->grid ? L->t->baseline : r->h);
}

static void folio_emit_marker(folio_lay *L, const folio_row *r, const folio_slot *s, double x,
                              int article)
{
	folio_face *face = folio_style_face(L, r->marker_style, 0);
	const folio_style *st = &L->t->styles[r->marker_style];
	if (!face)
		return;
	folio_emit(L, s->page,
	           (folio_dl_item){
	               .kind = FOLIO_DL_TEXT,
	               .marker = true,
	               .x = x + r->marker_dx,
	               .y = s->base,
	               .w = folio_face_measure(face, r->marker, strlen(r->marker), st->size),
	               .color = L->t->accent_color,
	               .face = face,
	               .size = st->size,
	               .text = r->marker,
	               .len = strlen(r->marker),
	               .style = r->marker_style,
	               .article = article,
	               .para = r->para,
	               .dest_page = -1,
	           });
}

/* A panel is drawn as one tinted box per column it occupies, behind its text. */
static void folio_emit_panels(folio_lay *L, const folio_row *rows, size_t n,
                              const folio_slot *slots)
{
	size_t i = 0;
	while (i < n) {
		if (!rows[i].panel || !slots[i].placed) {
			i++;
			continue;
		}
		int page = slots[i].page, col = slots[i].col;
		double top = slots[i].top, bottom = folio_row_bottom(L, &rows[i], &slots[i]);
		size_t j = i + 1;
		for (; j < n; j++) {
			if (!rows[j].panel || !slots[j].placed)
				continue;
			if (slots[j].page != page || slots[j].col != col)
				break;
			double b = folio_row_bottom(L, &rows[j], &slots[j]);
			if (b > bottom)
				bottom = b;
			if (slots[j].top < top)
				top = slots[j].top;
		}
		folio_page_geom g;
		folio_page_geom_init(L, page, &g);
		double x = col >= 0 ? g.col_x[col] : g.text_left;
		double w = col >= 0 ? L->col_w : g.text_width;
		folio_emit(L, page,
		           (folio_dl_item){
		               .kind = FOLIO_DL_RECT,
		               .x = x,
		               .y = top,
		               .w = w,
		               .h = bottom - top,
		               .color = L->t->panel_color,
		               .style = -1,
		               .article = -1,
		               .dest_page = -1,
		           });
		i = j;
	}
}

/* The line under the article's last row on page p, which it leaves for
 * page `to` (continued.on), in the room the planner kept there. */
static void folio_emit_jump_out(folio_lay *L, int article, const folio_row *rows, size_t n,
                                const folio_slot *slots, int p, int to)
{
	size_t last = n;
	for (size_t i = 0; i < n; i++)
		if (slots[i].placed && slots[i].page == p && rows[i].kind != FOLIO_ROW_SPACE &&
		    (last == n || slots[i].col > slots[last].col ||
		     (slots[i].col == slots[last].col && slots[i].top > slots[last].top)))
			last = i;
	folio_row *jr;
	size_t k;
	if (last == n || slots[last].col < 0 || !folio_jump_out_rows(L, to, &jr, &k) || k == 0)
		return;
	folio_cursor c = {.page = p, .col = slots[last].col, .limit_page = -1, .jump_line = true};
	folio_page_geom_init(L, p, &c.geom);
	c.y = slots[last].top + (rows[last].grid ? L->t->baseline : rows[last].h);
	folio_slot *s = folio_arena_alloc(L->ctx->arena, k * sizeof *s);
	folio_plan_rows(L, &c, jr, k, 0, s);
	/* (where a picture took the room, the line goes untold) */
	bool told = false;
	for (size_t j = 0; j < k; j++)
		if (s[j].placed && s[j].page == p) {
			folio_emit_line(L, p, jr[j].line, c.geom.col_x[s[j].col] + jr[j].dx, s[j].base,
			                jr[j].style, article, FOLIO_DL_FURNITURE);
			told = true;
		}
	L->continued_lines += told;
}

/* The continued line at the head of each page after the article's first
 * that holds its rows, where the planner left room for it; and, with
 * continued.on, the line at the foot of each page it leaves. */
static void folio_emit_jumps(folio_lay *L, int article, const folio_row *rows, size_t n,
                             const folio_slot *slots)
{
	if (L->jump_article != article)
		return;
	/* the pages that hold its rows (a picture that waited may stand on a
	 * later page than the text after it) */
	bool *holds = folio_arena_alloc(L->ctx->arena, (size_t)L->t->npages * sizeof *holds);
	int first = L->t->npages;
	for (size_t i = 0; i < n; i++)
		if (slots[i].placed && rows[i].kind != FOLIO_ROW_SPACE && slots[i].page < L->t->npages) {
			holds[slots[i].page] = true;
			first = slots[i].page < first ? slots[i].page : first;
		}
	for (int p = first, next; p < L->t->npages; p = next) {
		for (next = p + 1; next < L->t->npages && !holds[next]; next++)
			;
		if (L->jump_out_h > 0 && holds[p] && next < L->t->npages)
			folio_emit_jump_out(L, article, rows, n, slots, p, next);
	}
	for (int p = first + 1; p < L->t->npages; p++) {
		if (!holds[p])
			continue;
		folio_cursor c = {.page = p, .fresh_col = true, .fresh_page = true, .limit_page = -1};
		folio_page_geom_init(L, p, &c.geom);
		c.y = c.geom.top[0];
		folio_slot *s;
		size_t k;
		const folio_row *jr = folio_place_jump(L, &c, &s, &k);
		for (size_t j = 0; jr && j < k; j++)
			if (s[j].placed)
				folio_emit_line(L, p, jr[j].line, c.geom.col_x[0] + jr[j].dx, s[j].base,
				                jr[j].style, article, FOLIO_DL_FURNITURE);
		L->continued_lines += jr && k;
	}
}

/* A picture cut to its frame fills it: scaled to cover the frame, its
 * overhang on one side or both as the focus says. */
static void folio_crop_box(folio_lay *L, const folio_row *r, folio_dl_item *it)
{
	const folio_picture *pic = r->picture;
	if (!(r->crop > 0) || !pic || !pic->width || !pic->height)
		return;
	double aspect = (double)pic->width / pic->height;
	double iw = it->w, ih = it->h;
	if (aspect > r->crop)
		iw = it->h * aspect; /* wider than the frame: the sides go */
	else
		ih = it->w / aspect; /* taller: the top and the bottom go */
	double dx = (it->w - iw) / 2, dy = (it->h - ih) / 2;
	switch (r->focus) {
	case FOLIO_FOCUS_LEFT: dx = 0; break;
	case FOLIO_FOCUS_RIGHT: dx = it->w - iw; break;
	case FOLIO_FOCUS_TOP: dy = 0; break;
	case FOLIO_FOCUS_BOTTOM: dy = it->h - ih; break;
	case FOLIO_FOCUS_CENTER: break;
	}
	folio_dl_box *box = folio_arena_alloc(L->ctx->arena, sizeof *box);
	*box = (folio_dl_box){it->x + dx, it->y + dy, iw, ih};
	it->whole = box;
}

void folio_emit_rows(folio_lay *L, int article, const folio_row *rows, size_t n,
                     const folio_slot *slots)
{
	folio_emit_jumps(L, article, rows, n, slots);
	folio_emit_panels(L, rows, n, slots);
	double pad = L->t->panel_padding;
	int geom_page = -1;
	folio_page_geom g;
	for (size_t i = 0; i < n; i++) {
		const folio_row *r = &rows[i];
		const folio_slot *s = &slots[i];
		if (!s->placed)
			continue;
		if (s->page != geom_page) {
			folio_page_geom_init(L, s->page, &g);
			geom_page = s->page;
		}
		double x =
		    (s->col >= 0 ? g.col_x[s->col] : g.text_left) + (r->panel ? pad : 0) + r->dx;
		int page = s->page;
		switch (r->kind) {
		case FOLIO_ROW_LINE:
			/* the marker first: a reader reads "01" before the item */
			if (r->marker && *r->marker)
				folio_emit_marker(L, r, s, x - r->dx, article);
			folio_emit_line(L, s->page, r->line, x, s->base, r->style, article, r->para);
			break;
		case FOLIO_ROW_IMAGE: {
			folio_dl_item it = {
			    .kind = FOLIO_DL_IMAGE,
			    .x = x,
			    .y = s->top,
			    .w = r->w,
			    .h = r->h,
			    .picture = r->picture,
			    .text = r->alt,
			    .len = r->alt ? strlen(r->alt) : 0,
			    .style = -1,
			    .article = article,
			    .para = -1,
			    .dest_page = -1,
			};
			folio_crop_box(L, r, &it);
			folio_emit(L, page, it);
			break;
		}
		case FOLIO_ROW_RULE:
			folio_emit(L, page,
			           (folio_dl_item){
			               .kind = FOLIO_DL_RULE,
			               .x = x,
			               .y = s->top + r->h / 2,
			               .w = r->w,
			               .h = 0,
			               .color = r->color,
			               .line_width = r->line_width,
			               .style = -1,
			               .article = article,
			               .dest_page = -1,
			           });
			break;
		case FOLIO_ROW_SPACE:
			break;
		}
	}
}
