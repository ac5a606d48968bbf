/* draw.c: one display page -> its content stream and link annotations.
 * The operators are written here into one buffer (content.c) that goes to
 * libharu once per page. The graphics state (font, colours, line width) is
 * tracked so each operator is written only when it changes; consecutive
 * text items share one BT/ET block, and the pieces of one line in the same
 * font and colour become one TJ array: the gaps between them (word spaces,
 * kerning, letter spacing) are its numbers, so a line is drawn exactly where
 * the layout put each piece, in a few dozen bytes. */
#include "writer.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

typedef struct {
	folio_pdf_writer *w;
	HPDF_Page page;
	folio_pdf_buf *b;
	bool in_text;
	folio_pdf_font *font; /* current font and size, NULL: none yet */
	double size;
	double tc; /* character spacing (Tc) as written */
	/* the open TJ array: its baseline and where the next glyph would go */
	bool in_run;
	double run_y, pen;
	/* the origin of the text line matrix, as written (Td is relative) */
	double lx, ly;
	bool has_fill, has_stroke;
	folio_cmyk fill, stroke;
	double line_width; /* < 0: not set yet */
	bool overprint;    /* as the last gs set it; a page starts knocking out */
	int index;         /* the page's number, 0-based */
	int tag;           /* screen: the open marked content's element, or a FOLIO_PDF_TAG_ */
	bool spaced;       /* screen: the last glyph drawn is a space */
	HPDF_Dict fonts, xobjects, gstates; /* this page's resource dictionaries */
} page_state;

static double unit(double v)
{
	return v < 0 ? 0 : v > 1 ? 1 : v;
}

static void close_run(page_state *s)
{
	if (s->in_run)
		folio_pdf_puts(s->b, "] TJ\n");
	s->in_run = false;
}

/* Print keeps the layout's CMYK as written (so 0/0/0/100 text stays pure
 * black) and a spot ink as its own (/Sp1, pdfx.c's page_color_spaces, at
 * its tint); screen converts it to RGB (pdfx.c), a spot by its alternate. */
static void put_color(page_state *s, folio_cmyk c, bool stroke)
{
	if (s->w->target != FOLIO_TARGET_SCREEN && c.spot) {
		char name[32];
		snprintf(name, sizeof name, "/Sp%d %s ", c.spot, stroke ? "CS" : "cs");
		folio_pdf_puts(s->b, name);
		folio_pdf_num(s->b, unit(c.tint), 4);
		folio_pdf_puts(s->b, stroke ? "SCN\n" : "scn\n");
	} else if (s->w->target == FOLIO_TARGET_SCREEN) {
		double rgb[3];
		folio_pdf_cmyk_to_rgb(c, rgb);
		for (int i = 0; i < 3; i++)
			folio_pdf_num(s->b, unit(rgb[i]), 4);
		folio_pdf_puts(s->b, stroke ? "RG\n" : "rg\n");
	} else {
		folio_pdf_num(s->b, unit(c.c), 4);
		folio_pdf_num(s->b, unit(c.m), 4);
		folio_pdf_num(s->b, unit(c.y), 4);
		folio_pdf_num(s->b, unit(c.k), 4);
		folio_pdf_puts(s->b, stroke ? "K\n" : "k\n");
	}
}

static void set_fill(page_state *s, folio_cmyk c)
{
	if (s->has_fill && folio_pdf_same_color(s->fill, c))
		return;
	close_run(s);
	put_color(s, c, false);
	s->has_fill = true;
	s->fill = c;
}

static void set_stroke(page_state *s, folio_cmyk c, double width)
{
	if (!s->has_stroke || !folio_pdf_same_color(s->stroke, c)) {
		put_color(s, c, true);
		s->has_stroke = true;
		s->stroke = c;
	}
	if (width != s->line_width) {
		folio_pdf_num(s->b, width, 3);
		folio_pdf_puts(s->b, "w\n");
		s->line_width = width;
	}
}

static void end_text(page_state *s)
{
	if (!s->in_text)
		return;
	close_run(s);
	folio_pdf_puts(s->b, "ET\n");
	s->in_text = false;
}

/* For the page's digest: the content names a font or a picture at off. */
static void mark_name(folio_pdf_writer *w, size_t off, const char *name,
                      const folio_pdf_font *font, const folio_picture *picture)
{
	if (!w->page_digests)
		return;
	struct folio_pdf_name_mark m = {off, strlen(name), font, picture};
	FOLIO_PUSH(w->ctx->arena, w->marks, w->nmarks, w->capmarks, m);
}

/* Name `obj` in the page's /Resources /<kind> dictionary, once. */
static bool add_resource(page_state *s, HPDF_Dict *sub, const char *kind, const char *name,
                         void *obj)
{
	folio_pdf_writer *w = s->w;
	if (!*sub) {
		HPDF_Dict res = HPDF_Dict_GetItem(s->page, "Resources", HPDF_OCLASS_DICT);
		if (!folio_pdf_got(w, res))
			return false;
		*sub = HPDF_Dict_GetItem(res, kind, HPDF_OCLASS_DICT);
		if (!*sub) {
			*sub = HPDF_Dict_New(w->pdf->mmgr);
			if (!folio_pdf_got(w, *sub) || !folio_pdf_ok(w, HPDF_Dict_Add(res, kind, *sub)))
				return false;
		}
	}
	if (HPDF_Dict_GetItem(*sub, name, HPDF_OCLASS_DICT))
		return true;
	return folio_pdf_ok(w, HPDF_Dict_Add(*sub, name, obj));
}

/* Print: what is painted next overprints when it is 100% K, knocks out
 * otherwise (pdfx.c, folio_pdf_overprint_state, says why). */
static bool set_overprint(page_state *s, bool on)
{
	if (s->w->target != FOLIO_TARGET_PRINT || on == s->overprint)
		return true;
	HPDF_Dict gs = folio_pdf_overprint_state(s->w, on);
	const char *name = on ? "GSop" : "GSko";
	if (!gs || !add_resource(s, &s->gstates, "ExtGState", name, gs))
		return false;
	close_run(s);
	folio_pdf_puts(s->b, on ? "/GSop gs\n" : "/GSko gs\n");
	s->overprint = on;
	return true;
}

/* Round to what folio_pdf_num(.., 3) writes, so positions add up exactly. */
static double milli(double v)
{
	return round(v * 1000.0) / 1000.0;
}

/* Screen: each run of one element's items in a marked-content sequence
 * with its MCID, artifacts in /Artifact (tags.c). A sequence and a text
 * object must nest, so the text object ends first. */
static void open_tag(page_state *s, int elem)
{
	folio_pdf_writer *w = s->w;
	end_text(s);
	if (s->tag != FOLIO_PDF_TAG_NONE)
		folio_pdf_puts(s->b, "EMC\n");
	s->tag = elem;
	if (elem == FOLIO_PDF_TAG_ARTIFACT) {
		folio_pdf_puts(s->b, "/Artifact BMC\n");
		return;
	}
	char open[96];
	snprintf(open, sizeof open, "/%s <</MCID %d>> BDC\n", folio_pdf_tag_role(w, elem),
	         folio_pdf_tag_mark(w, s->index, elem));
	folio_pdf_puts(s->b, open);
}

static void tag_item(page_state *s, const folio_dl_item *it, const folio_dl_item *next)
{
	folio_pdf_writer *w = s->w;
	if (w->target != FOLIO_TARGET_SCREEN)
		return;
	int elem = folio_pdf_tag_elem(w, it, next);
	if (elem != FOLIO_PDF_TAG_NONE && elem != s->tag)
		open_tag(s, elem);
}

/* The glyphs of text[0..len) into the open TJ array, the pen after them */
static bool put_glyphs(page_state *s, folio_pdf_font *font, const char *text, size_t len,
                       double tc)
{
	folio_pdf_writer *w = s->w;
	folio_pdf_buf *b = s->b;
	folio_pdf_puts(b, "<");
	double advance = 0;
	size_t glyphs = 0;
	for (size_t i = 0; i < len; glyphs++) {
		uint32_t cp = folio_utf8_next(text, len, &i);
		uint32_t gid = folio_pdf_font_glyph(w, font, cp);
		if (w->failed)
			return false;
		folio_pdf_hex4(b, gid);
		advance += folio_pdf_font_width(font, gid);
	}
	folio_pdf_puts(b, ">");
	s->pen += advance * s->size / 1000.0 + (double)glyphs * tc;
	s->spaced = false;
	return true;
}

/* A space glyph at the pen, in the open TJ array or one of its own */
static bool put_space(page_state *s, folio_pdf_font *font)
{
	bool own = !s->in_run;
	if (own)
		folio_pdf_puts(s->b, "[");
	s->in_run = true;
	if (!put_glyphs(s, font, " ", 1, s->tc))
		return false;
	if (own)
		close_run(s);
	s->spaced = true;
	return true;
}

static bool draw_text(page_state *s, const folio_dl_item *it)
{
	folio_pdf_writer *w = s->w;
	if (it->len == 0 || !it->face || !(it->size > 0))
		return true;
	folio_pdf_buf *b = s->b;
	if (!s->in_text) {
		folio_pdf_puts(b, "BT\n");
		s->in_text = true;
		s->lx = s->ly = 0; /* BT starts at the identity; Tf lasts */
	}
	folio_pdf_font *font = folio_pdf_font_for(w, it->face);
	if (!font)
		return false;
	w->doing = "setting text";
	if (font != s->font || it->size != s->size) {
		close_run(s);
		if (!add_resource(s, &s->fonts, "Font", font->name, font->type0))
			return false;
		folio_pdf_puts(b, "/");
		mark_name(w, b->n, font->name, font, NULL);
		folio_pdf_puts(b, font->name);
		folio_pdf_puts(b, " ");
		folio_pdf_num(b, it->size, 3);
		folio_pdf_puts(b, "Tf\n");
		s->font = font;
		s->size = it->size;
	}
	set_fill(s, it->color);
	if (!set_overprint(s, folio_pdf_overprints(it->color)))
		return false;
	double tc = milli(it->tracking);
	if (tc != s->tc) {
		close_run(s);
		folio_pdf_num(b, tc, 3);
		folio_pdf_puts(b, "Tc\n");
		s->tc = tc;
	}
	double x, y;
	folio_pdf_map(&w->geom, it->x, it->y, &x, &y);
	bool screen = w->target == FOLIO_TARGET_SCREEN;
	/* Screen: a reader (and copying) finds words by their spaces, which
	 * print leaves as gaps: a space glyph goes where a gap on the line is
	 * wider than a tenth of an em, and the gap's rest is moved over. */
	bool word_gap = y == s->run_y && x - s->pen > 0.1 * it->size;
	if (screen && s->in_text && !s->spaced && word_gap && !put_space(s, font))
		return false;
	double gap = x - s->pen;
	if (s->in_run && y == s->run_y && gap > -0.5 * it->size && gap < 3 * it->size) {
		/* TJ numbers are thousandths of the size, subtracted from x */
		double adj = round(-gap * 1000.0 / it->size * 100.0) / 100.0;
		if (adj != 0)
			folio_pdf_num(b, adj, 2);
		s->pen -= adj * it->size / 1000.0;
	} else {
		close_run(s);
		double X = milli(x), Y = milli(y);
		folio_pdf_num(b, X - s->lx, 3);
		folio_pdf_num(b, Y - s->ly, 3);
		folio_pdf_puts(b, "Td\n[");
		s->lx = X;
		s->ly = Y;
		s->pen = X;
		s->run_y = y;
		s->in_run = true;
	}
	/* Screen: a hyphen the line breaker added (the piece's last byte, or
	 * all of a piece of its own on a letter-spaced line) is no part of the
	 * word: it is drawn as a span whose actual text is nothing */
	size_t len = it->len, cut = screen && it->hyphen && s->tag >= 0 ? len - 1 : len;
	if (cut > 0 && !put_glyphs(s, font, it->text, cut, tc))
		return false;
	if (cut < len && s->tag >= 0) {
		/* a Span of its own in the paragraph, whose ActualText is empty (a
		 * marked-content span nested in the paragraph's would do, but
		 * poppler then loses the rest of the paragraph) */
		if (cut == 0 && b->n && b->p[b->n - 1] == '[') {
			b->n--; /* the run just opened holds nothing: no "[] TJ" */
			s->in_run = false;
		}
		int para = s->tag;
		double pen = s->pen;
		open_tag(s, folio_pdf_tag_hyphen(w, para));
		folio_pdf_puts(b, "BT\n");
		s->in_text = true;
		double X = milli(pen), Y = milli(y);
		folio_pdf_num(b, X, 3);
		folio_pdf_num(b, Y, 3);
		folio_pdf_puts(b, "Td\n[");
		s->lx = s->pen = X;
		s->ly = Y;
		s->run_y = y;
		s->in_run = true;
		if (!put_glyphs(s, font, it->text + cut, len - cut, tc))
			return false;
		open_tag(s, para);
	} else if (screen && it->space_after && !put_space(s, font)) {
		return false; /* a space between this line's last word and the next's first */
	}
	return true;
}

static void put_rect(page_state *s, double x, double y, double w, double h)
{
	folio_pdf_num(s->b, x, 3);
	folio_pdf_num(s->b, y, 3);
	folio_pdf_num(s->b, w, 3);
	folio_pdf_num(s->b, h, 3);
	folio_pdf_puts(s->b, "re ");
}

static bool draw_rect(page_state *s, const folio_dl_item *it)
{
	if (!(it->w > 0 && it->h > 0))
		return true;
	end_text(s);
	set_fill(s, it->color);
	if (!set_overprint(s, false))
		return false;
	double x, y;
	folio_pdf_map(&s->w->geom, it->x, it->y + it->h, &x, &y);
	put_rect(s, x, y, it->w, it->h);
	folio_pdf_puts(s->b, "f\n");
	return true;
}

static bool draw_rule(page_state *s, const folio_dl_item *it)
{
	end_text(s);
	set_stroke(s, it->color, it->line_width < 0 ? 0 : it->line_width);
	if (!set_overprint(s, folio_pdf_overprints(it->color)))
		return false;
	double x0, y0, x1, y1;
	folio_pdf_map(&s->w->geom, it->x, it->y, &x0, &y0);
	folio_pdf_map(&s->w->geom, it->x + it->w, it->y + it->h, &x1, &y1);
	folio_pdf_num(s->b, x0, 3);
	folio_pdf_num(s->b, y0, 3);
	folio_pdf_puts(s->b, "m ");
	folio_pdf_num(s->b, x1, 3);
	folio_pdf_num(s->b, y1, 3);
	folio_pdf_puts(s->b, "l S\n");
	return true;
}

static bool draw_image(page_state *s, const folio_dl_item *it)
{
	if (!it->picture || !(it->w > 0 && it->h > 0))
		return true;
	end_text(s);
	folio_pdf_writer *w = s->w;
	HPDF_Image image = folio_pdf_image_for(w, it->picture);
	if (!image || !set_overprint(s, false))
		return false;
	w->doing = "drawing a picture"; /* after loading it */
	size_t index = 0;
	while (index < w->nimages && w->images[index].image != image)
		index++;
	char name[24];
	snprintf(name, sizeof name, "Im%zu", index + 1);
	if (!add_resource(s, &s->xobjects, "XObject", name, image))
		return false;
	folio_pdf_puts(s->b, "q ");
	if (it->whole) {
		/* cut to its frame: the whole picture, clipped to the frame */
		double fx, fy;
		folio_pdf_map(&w->geom, it->x, it->y + it->h, &fx, &fy);
		folio_pdf_num(s->b, fx, 3);
		folio_pdf_num(s->b, fy, 3);
		folio_pdf_num(s->b, it->w, 3);
		folio_pdf_num(s->b, it->h, 3);
		folio_pdf_puts(s->b, "re W n ");
	}
	folio_dl_box box = folio_dl_image_box(it);
	double W = box.w, H = box.h;
	double x, y;
	folio_pdf_map(&w->geom, box.x, box.y + H, &x, &y);
	/* The image's unit square onto the box (x, y, W, H), turned by the
	 * picture's Exif orientation: stored row 0 is the seen top (1), right
	 * (6), bottom (3) or left (8) edge, mirrored for 2, 4, 5, 7. */
	int o = it->picture->orientation;
	const double m[9][6] = {
	    {W, 0, 0, H, x, y},          {W, 0, 0, H, x, y},          {-W, 0, 0, H, x + W, y},
	    {-W, 0, 0, -H, x + W, y + H}, {W, 0, 0, -H, x, y + H},      {0, -H, -W, 0, x + W, y + H},
	    {0, -H, W, 0, x, y + H},      {0, H, W, 0, x, y},          {0, H, -W, 0, x + W, y},
	};
	for (int k = 0; k < 6; k++)
		folio_pdf_num(s->b, m[o >= 1 && o <= 8 ? o : 1][k], 3);
	const folio_picture *pic = it->picture;
	if (pic->pixels_cut) {
		/* pixels of a part only: their unit square onto that part of the
		 * whole's (image space runs up from the stored bottom row) */
		const folio_picture_part *c = &pic->pixels_part;
		folio_pdf_puts(s->b, "cm ");
		folio_pdf_num(s->b, c->x1 - c->x0, 6);
		folio_pdf_puts(s->b, "0 0 ");
		folio_pdf_num(s->b, c->y1 - c->y0, 6);
		folio_pdf_num(s->b, c->x0, 6);
		folio_pdf_num(s->b, 1 - c->y1, 6);
	}
	folio_pdf_puts(s->b, "cm /");
	mark_name(w, s->b->n, name, NULL, it->picture);
	folio_pdf_puts(s->b, name);
	folio_pdf_puts(s->b, " Do Q\n");
	return true;
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
	return folio_pdf_ok(w, HPDF_LinkAnnot_SetBorderStyle(annot, 0, 0, 0)) &&
	       folio_pdf_tag_link(w, s->index, it, annot);
}

/* What of a picture reaches the PDF: its stored bytes (a JPEG's, a PNG's
 * compressed samples) or its decoded ones, its size and turn, its profile. */
static uint64_t picture_digest(uint64_t h, const folio_picture *pic)
{
	uint32_t dims[5] = {pic->width, pic->height, (uint32_t)pic->orientation,
	                    pic->pixels_width, pic->pixels_height};
	h = folio_digest(h, dims, sizeof dims);
	if (pic->jpeg)
		h = folio_digest(h, pic->jpeg, pic->jpeg_len);
	for (size_t i = 0; i < pic->png_idat_nparts; i++)
		h = folio_digest(h, pic->png_idat_parts[i].data, pic->png_idat_parts[i].len);
	if (pic->png_idat && !pic->png_idat_nparts)
		h = folio_digest(h, pic->png_idat, pic->png_idat_len);
	if (pic->png_palette)
		h = folio_digest(h, pic->png_palette, 3 * (size_t)pic->png_palette_entries);
	if (pic->pixels_cut)
		h = folio_digest(h, &pic->pixels_part, sizeof pic->pixels_part);
	uint32_t w, ht;
	folio_picture_pixels_size(pic, &w, &ht);
	if (pic->pixels)
		h = folio_digest(h, pic->pixels, (size_t)w * ht * (size_t)pic->channels);
	if (pic->alpha)
		h = folio_digest(h, pic->alpha, (size_t)w * ht);
	if (pic->icc)
		h = folio_digest(h, pic->icc, pic->icc_len);
	return h;
}

/* The page's content with each font's name replaced by its file and each
 * picture's by its data (the page's digest does not change when another
 * page's edit renumbers the document's fonts or pictures), and the screen
 * edition's links, which are not in the content. */
static uint64_t page_digest(folio_pdf_writer *w, const folio_pdf_buf *content,
                            const folio_dl_page *p)
{
	uint64_t h = 0;
	size_t at = 0;
	for (size_t i = 0; i < w->nmarks; i++) {
		const struct folio_pdf_name_mark *m = &w->marks[i];
		h = folio_digest(h, content->p + at, m->off - at);
		if (m->font)
			h = folio_digest(h, m->font->path, strlen(m->font->path) + 1);
		else
			h = picture_digest(h, m->picture);
		at = m->off + m->len;
	}
	h = folio_digest(h, content->p + at, content->n - at);
	w->nmarks = 0;
	for (size_t i = 0; w->target == FOLIO_TARGET_SCREEN && i < p->nitems; i++) {
		const folio_dl_item *it = &p->items[i];
		if (it->kind != FOLIO_DL_LINK)
			continue;
		double box[4] = {it->x, it->y, it->w, it->h};
		h = folio_digest(h, box, sizeof box);
		h = folio_digest(h, &it->dest_page, sizeof it->dest_page);
		if (it->uri)
			h = folio_digest(h, it->uri, strlen(it->uri) + 1);
	}
	return h;
}

bool folio_pdf_draw_page(folio_pdf_writer *w, int index)
{
	w->content.n = 0;
	w->nmarks = 0;
	page_state s = {.w = w,
	                .page = w->pages[index],
	                .b = &w->content,
	                .line_width = -1,
	                .index = index,
	                .tag = FOLIO_PDF_TAG_NONE};
	const folio_dl_page *p = &w->dl->pages[index];
	const folio_pdf_geom *g = &w->geom;
	/* Print: whatever the layout put beyond the bleed is cut off there, so
	 * it can never reach the crop marks; the clip lives until the Q below. */
	if (g->marks) {
		folio_pdf_puts(s.b, "q ");
		put_rect(&s, g->trim_x - g->bleed, g->trim_y - g->bleed, g->trim_w + 2 * g->bleed,
		         g->trim_h + 2 * g->bleed);
		folio_pdf_puts(s.b, "W n\n");
	}
	static const char *const doing[] = {
	    [FOLIO_DL_TEXT] = "setting text",     [FOLIO_DL_RECT] = "filling a rectangle",
	    [FOLIO_DL_RULE] = "drawing a rule",   [FOLIO_DL_IMAGE] = "drawing a picture",
	    [FOLIO_DL_LINK] = "adding a link",
	};
	for (size_t i = 0; i < p->nitems; i++) {
		const folio_dl_item *it = &p->items[i];
		w->doing = (unsigned)it->kind <= FOLIO_DL_LINK ? doing[it->kind] : "drawing";
		tag_item(&s, it, i + 1 < p->nitems ? &p->items[i + 1] : NULL);
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
	end_text(&s);
	if (s.tag != FOLIO_PDF_TAG_NONE)
		folio_pdf_puts(s.b, "EMC\n");
	if (g->marks) {
		folio_pdf_puts(s.b, "Q\n");
		if (!folio_pdf_crop_marks(w, s.page))
			return false;
	}
	if (w->page_digests)
		w->page_digests[index] = page_digest(w, s.b, p);
	w->doing = "writing a page";
	HPDF_PageAttr attr = s.page->attr;
	return folio_pdf_put_deflated(w, attr->contents, s.b->p, s.b->n);
}
