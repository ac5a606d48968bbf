/* draw.c: one display page -> its content stream and link annotations.
 * The graphics state (font, colours, line width) is tracked here so each
 * operator is written only when it changes, and consecutive text items share
 * one BT/ET block: the file size of a text-heavy issue depends on it. */
#include "writer.h"

#include <string.h>

typedef struct {
	folio_pdf_writer *w;
	HPDF_Page page;
	bool in_text;
	const folio_face *face; /* current font and size, NULL: none yet */
	double size;
	bool has_fill, has_stroke;
	folio_cmyk fill, stroke;
	double line_width; /* < 0: not set yet */
} page_state;

static bool same_cmyk(folio_cmyk a, folio_cmyk b)
{
	return a.c == b.c && a.m == b.m && a.y == b.y && a.k == b.k;
}

static HPDF_REAL unit(double v)
{
	return (HPDF_REAL)(v < 0 ? 0 : v > 1 ? 1 : v);
}

/* Print keeps the layout's CMYK as written (so 0/0/0/100 text stays pure
 * black); screen converts it to RGB (pdfx.c). */
static bool set_fill(page_state *s, folio_cmyk c)
{
	if (s->has_fill && same_cmyk(s->fill, c))
		return true;
	if (s->w->target == FOLIO_TARGET_SCREEN) {
		double rgb[3];
		folio_pdf_cmyk_to_rgb(c, rgb);
		FOLIO_PDF_TRY(s->w, HPDF_Page_SetRGBFill(s->page, unit(rgb[0]), unit(rgb[1]),
		                                         unit(rgb[2])));
	} else {
		FOLIO_PDF_TRY(s->w, HPDF_Page_SetCMYKFill(s->page, unit(c.c), unit(c.m),
		                                          unit(c.y), unit(c.k)));
	}
	s->has_fill = true;
	s->fill = c;
	return true;
}

static bool set_stroke(page_state *s, folio_cmyk c, double width)
{
	if (!s->has_stroke || !same_cmyk(s->stroke, c)) {
		if (s->w->target == FOLIO_TARGET_SCREEN) {
			double rgb[3];
			folio_pdf_cmyk_to_rgb(c, rgb);
			FOLIO_PDF_TRY(s->w, HPDF_Page_SetRGBStroke(s->page, unit(rgb[0]),
			                                           unit(rgb[1]), unit(rgb[2])));
		} else {
			FOLIO_PDF_TRY(s->w, HPDF_Page_SetCMYKStroke(s->page, unit(c.c), unit(c.m),
			                                            unit(c.y), unit(c.k)));
		}
		s->has_stroke = true;
		s->stroke = c;
	}
	if (width != s->line_width) {
		FOLIO_PDF_TRY(s->w, HPDF_Page_SetLineWidth(s->page, (HPDF_REAL)width));
		s->line_width = width;
	}
	return true;
}

static bool end_text(page_state *s)
{
	if (!s->in_text)
		return true;
	s->in_text = false;
	return folio_pdf_ok(s->w, HPDF_Page_EndText(s->page));
}

/* libharu wants a NUL-terminated string; one buffer serves every item. */
static const char *text_copy(folio_pdf_writer *w, const char *text, size_t len)
{
	if (len + 1 > w->textcap) {
		size_t cap = w->textcap ? w->textcap : 256;
		while (cap < len + 1)
			cap *= 2;
		w->text = folio_arena_alloc(w->ctx->arena, cap);
		w->textcap = cap;
	}
	memcpy(w->text, text, len);
	w->text[len] = 0;
	return w->text;
}

static bool draw_text(page_state *s, const folio_dl_item *it)
{
	folio_pdf_writer *w = s->w;
	if (it->len == 0 || !it->face || !(it->size > 0))
		return true;
	if (!s->in_text) {
		FOLIO_PDF_TRY(w, HPDF_Page_BeginText(s->page));
		s->in_text = true;
	}
	if (it->face != s->face || it->size != s->size) {
		HPDF_Font font = folio_pdf_font_for(w, it->face);
		if (!font)
			return false;
		w->doing = "setting text";
		FOLIO_PDF_TRY(w, HPDF_Page_SetFontAndSize(s->page, font, (HPDF_REAL)it->size));
		s->face = it->face;
		s->size = it->size;
	}
	if (!set_fill(s, it->color))
		return false;
	double x, y;
	folio_pdf_map(&w->geom, it->x, it->y, &x, &y);
	return folio_pdf_ok(w, HPDF_Page_TextOut(s->page, (HPDF_REAL)x, (HPDF_REAL)y,
	                                         text_copy(w, it->text, it->len)));
}

static bool draw_rect(page_state *s, const folio_dl_item *it)
{
	if (!(it->w > 0 && it->h > 0))
		return true;
	if (!end_text(s) || !set_fill(s, it->color))
		return false;
	double x, y;
	folio_pdf_map(&s->w->geom, it->x, it->y + it->h, &x, &y);
	FOLIO_PDF_TRY(s->w, HPDF_Page_Rectangle(s->page, (HPDF_REAL)x, (HPDF_REAL)y,
	                                        (HPDF_REAL)it->w, (HPDF_REAL)it->h));
	return folio_pdf_ok(s->w, HPDF_Page_Fill(s->page));
}

static bool draw_rule(page_state *s, const folio_dl_item *it)
{
	if (!end_text(s) || !set_stroke(s, it->color, it->line_width < 0 ? 0 : it->line_width))
		return false;
	double x0, y0, x1, y1;
	folio_pdf_map(&s->w->geom, it->x, it->y, &x0, &y0);
	folio_pdf_map(&s->w->geom, it->x + it->w, it->y + it->h, &x1, &y1);
	FOLIO_PDF_TRY(s->w, HPDF_Page_MoveTo(s->page, (HPDF_REAL)x0, (HPDF_REAL)y0));
	FOLIO_PDF_TRY(s->w, HPDF_Page_LineTo(s->page, (HPDF_REAL)x1, (HPDF_REAL)y1));
	return folio_pdf_ok(s->w, HPDF_Page_Stroke(s->page));
}

static bool draw_image(page_state *s, const folio_dl_item *it)
{
	if (!it->picture || !(it->w > 0 && it->h > 0))
		return true;
	if (!end_text(s))
		return false;
	HPDF_Image image = folio_pdf_image_for(s->w, it->picture);
	if (!image)
		return false;
	s->w->doing = "drawing a picture"; /* after loading it */
	double x, y;
	folio_pdf_map(&s->w->geom, it->x, it->y + it->h, &x, &y);
	return folio_pdf_ok(s->w, HPDF_Page_DrawImage(s->page, image, (HPDF_REAL)x,
	                                              (HPDF_REAL)y, (HPDF_REAL)it->w,
	                                              (HPDF_REAL)it->h));
}

/* Links belong to the screen edition only: PDF/X forbids active content. An
 * internal link to a page that does not exist (an unresolved contents entry)
 * is dropped rather than pointed somewhere wrong. */
static bool draw_link(page_state *s, const folio_dl_item *it)
{
	folio_pdf_writer *w = s->w;
	if (w->target != FOLIO_TARGET_SCREEN)
		return true;
	double x0, y0, x1, y1;
	folio_pdf_map(&w->geom, it->x, it->y + it->h, &x0, &y0);
	folio_pdf_map(&w->geom, it->x + it->w, it->y, &x1, &y1);
	HPDF_Rect rect = {(HPDF_REAL)x0, (HPDF_REAL)y0, (HPDF_REAL)x1, (HPDF_REAL)y1};
	HPDF_Annotation annot;
	if (it->uri) {
		annot = HPDF_Page_CreateURILinkAnnot(s->page, rect, it->uri);
	} else {
		if (it->dest_page < 0 || it->dest_page >= w->dl->npages)
			return true;
		HPDF_Destination dest = folio_pdf_dest(w, it->dest_page);
		if (!dest)
			return false;
		annot = HPDF_Page_CreateLinkAnnot(s->page, rect, dest);
	}
	if (!folio_pdf_got(w, annot))
		return false;
	return folio_pdf_ok(w, HPDF_LinkAnnot_SetBorderStyle(annot, 0, 0, 0));
}

/* Print: whatever the layout put beyond the bleed is cut off there, so it
 * can never reach the crop marks; the clip lives until the page's final Q. */
static bool clip_to_bleed(page_state *s)
{
	const folio_pdf_geom *g = &s->w->geom;
	if (!g->marks)
		return true;
	s->w->doing = "clipping to the bleed";
	FOLIO_PDF_TRY(s->w, HPDF_Page_GSave(s->page));
	FOLIO_PDF_TRY(s->w, HPDF_Page_Rectangle(s->page, (HPDF_REAL)(g->trim_x - g->bleed),
	                                        (HPDF_REAL)(g->trim_y - g->bleed),
	                                        (HPDF_REAL)(g->trim_w + 2 * g->bleed),
	                                        (HPDF_REAL)(g->trim_h + 2 * g->bleed)));
	FOLIO_PDF_TRY(s->w, HPDF_Page_Clip(s->page));
	return folio_pdf_ok(s->w, HPDF_Page_EndPath(s->page));
}

bool folio_pdf_draw_page(folio_pdf_writer *w, int index)
{
	page_state s = {.w = w, .page = w->pages[index], .line_width = -1};
	const folio_dl_page *p = &w->dl->pages[index];
	if (!clip_to_bleed(&s))
		return false;
	static const char *const doing[] = {
	    [FOLIO_DL_TEXT] = "setting text",     [FOLIO_DL_RECT] = "filling a rectangle",
	    [FOLIO_DL_RULE] = "drawing a rule",   [FOLIO_DL_IMAGE] = "drawing a picture",
	    [FOLIO_DL_LINK] = "adding a link",
	};
	for (size_t i = 0; i < p->nitems; i++) {
		const folio_dl_item *it = &p->items[i];
		w->doing = (unsigned)it->kind <= FOLIO_DL_LINK ? doing[it->kind] : "drawing";
		bool ok = true;
		switch (it->kind) {
		case FOLIO_DL_TEXT: ok = draw_text(&s, it); break;
		case FOLIO_DL_RECT: ok = draw_rect(&s, it); break;
		case FOLIO_DL_RULE: ok = draw_rule(&s, it); break;
		case FOLIO_DL_IMAGE: ok = draw_image(&s, it); break;
		case FOLIO_DL_LINK: ok = draw_link(&s, it); break;
		}
		if (!ok)
			return false;
	}
	if (!end_text(&s))
		return false;
	if (w->geom.marks) {
		FOLIO_PDF_TRY(w, HPDF_Page_GRestore(s.page));
		return folio_pdf_crop_marks(w, s.page);
	}
	return true;
}
