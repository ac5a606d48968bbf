/* raster.c: the pixel half of folio diff. Both pages are rendered with
 * poppler into cairo image surfaces; a pixel differs when a channel moves by
 * more than FOLIO_DIFF_THRESHOLD counts, and a differing pixel with no
 * differing neighbour is anti-aliasing noise, not a change. Changes are
 * gathered into regions on a grid of about a line's height, so a reflowed
 * paragraph is one region, not one per glyph. */
#include "diff.h"

#include "core/core.h"

#include <cairo.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

enum { FOLIO_DIFF_THRESHOLD = 32 };

/* Grid cell in points: about one line of body text. */
static const double folio_diff_cell_pt = 12.0;

static cairo_surface_t *folio_diff_render(PopplerPage *page, double dpi)
{
	double w, h;
	poppler_page_get_size(page, &w, &h);
	double scale = dpi / 72.0;
	int pw = (int)ceil(w * scale), ph = (int)ceil(h * scale);
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, pw, ph);
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, scale, scale);
	poppler_page_render(page, cr);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	return s;
}

/* The pixel at (x, y) as 0xRRGGBB; white outside the surface or without one. */
static uint32_t folio_diff_px(cairo_surface_t *s, int x, int y)
{
	if (!s || x >= cairo_image_surface_get_width(s) || y >= cairo_image_surface_get_height(s))
		return 0xffffff;
	const unsigned char *row =
	    cairo_image_surface_get_data(s) + (size_t)y * (size_t)cairo_image_surface_get_stride(s);
	uint32_t v;
	memcpy(&v, row + (size_t)x * 4, 4);
	return v & 0xffffff; /* opaque after the white paint: alpha is 255 */
}

static bool folio_diff_differ(uint32_t p, uint32_t q)
{
	for (int sh = 0; sh < 24; sh += 8) {
		int d = (int)((p >> sh) & 0xff) - (int)((q >> sh) & 0xff);
		if (d > FOLIO_DIFF_THRESHOLD || d < -FOLIO_DIFF_THRESHOLD)
			return true;
	}
	return false;
}

typedef struct {
	int x0, y0, x1, y1; /* pixels, inclusive; x0 > x1 when empty */
} folio_diff_pbox;

static void folio_diff_grow(folio_diff_pbox *b, int x, int y)
{
	if (b->x0 > b->x1) {
		*b = (folio_diff_pbox){x, y, x, y};
		return;
	}
	if (x < b->x0)
		b->x0 = x;
	if (x > b->x1)
		b->x1 = x;
	if (y < b->y0)
		b->y0 = y;
	if (y > b->y1)
		b->y1 = y;
}

/* B's page faded to a light grey, the changed pixels red over it, and a red
 * frame around each region so that a change of a few pixels is still seen. */
static bool folio_diff_write_png(cairo_surface_t *b, const unsigned char *mask, int w, int h,
                                 const folio_diff_pbox *boxes, size_t nbox, const char *path)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	unsigned char *data = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);
	for (int y = 0; y < h; y++) {
		for (int x = 0; x < w; x++) {
			uint32_t p = folio_diff_px(b, x, y), v;
			if (mask[(size_t)y * (size_t)w + (size_t)x]) {
				v = 0xe00000;
			} else {
				double lum = 0.30 * ((p >> 16) & 0xff) + 0.59 * ((p >> 8) & 0xff) +
				             0.11 * (p & 0xff);
				uint32_t g = (uint32_t)(255.0 - (255.0 - lum) * 0.30 + 0.5);
				v = g << 16 | g << 8 | g;
			}
			memcpy(data + (size_t)y * (size_t)stride + (size_t)x * 4, &v, 4);
		}
	}
	cairo_surface_mark_dirty(s);
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, 0.88, 0, 0);
	cairo_set_line_width(cr, 1.5);
	for (size_t i = 0; i < nbox; i++) {
		const folio_diff_pbox *r = &boxes[i];
		cairo_rectangle(cr, r->x0 - 3.5, r->y0 - 3.5, r->x1 - r->x0 + 8, r->y1 - r->y0 + 8);
		cairo_stroke(cr);
	}
	cairo_destroy(cr);
	bool ok = cairo_surface_write_to_png(s, path) == CAIRO_STATUS_SUCCESS;
	cairo_surface_destroy(s);
	return ok;
}

size_t folio_diff_raster(PopplerPage *a, PopplerPage *b, double dpi, const char *png,
                         folio_diff_box **boxes, bool *png_ok)
{
	cairo_surface_t *sa = a ? folio_diff_render(a, dpi) : NULL;
	cairo_surface_t *sb = b ? folio_diff_render(b, dpi) : NULL;
	int w = 0, h = 0;
	cairo_surface_t *both[2] = {sa, sb};
	for (int i = 0; i < 2; i++) {
		if (both[i] && cairo_image_surface_get_width(both[i]) > w)
			w = cairo_image_surface_get_width(both[i]);
		if (both[i] && cairo_image_surface_get_height(both[i]) > h)
			h = cairo_image_surface_get_height(both[i]);
	}

	size_t npx = (size_t)w * (size_t)h;
	unsigned char *raw = folio_xcalloc(npx ? npx : 1, 1);
	unsigned char *mask = folio_xcalloc(npx ? npx : 1, 1);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++)
			raw[(size_t)y * (size_t)w + (size_t)x] =
			    folio_diff_differ(folio_diff_px(sa, x, y), folio_diff_px(sb, x, y));
	/* a lone pixel is anti-aliasing; keep pixels with a differing neighbour */
	for (int y = 0; y < h; y++) {
		for (int x = 0; x < w; x++) {
			if (!raw[(size_t)y * (size_t)w + (size_t)x])
				continue;
			bool near = false;
			for (int dy = -1; dy <= 1 && !near; dy++)
				for (int dx = -1; dx <= 1 && !near; dx++) {
					int nx = x + dx, ny = y + dy;
					if ((dx || dy) && nx >= 0 && ny >= 0 && nx < w && ny < h &&
					    raw[(size_t)ny * (size_t)w + (size_t)nx])
						near = true;
				}
			mask[(size_t)y * (size_t)w + (size_t)x] = near;
		}
	}

	/* cells of about a line, each with the tight box of its pixels */
	int cell = (int)lround(folio_diff_cell_pt * dpi / 72.0);
	if (cell < 2)
		cell = 2;
	int gw = (w + cell - 1) / cell, gh = (h + cell - 1) / cell;
	size_t ncell = (size_t)gw * (size_t)gh;
	folio_diff_pbox *cb = folio_xmalloc((ncell ? ncell : 1) * sizeof *cb);
	for (size_t i = 0; i < ncell; i++)
		cb[i] = (folio_diff_pbox){1, 0, 0, 0};
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++)
			if (mask[(size_t)y * (size_t)w + (size_t)x])
				folio_diff_grow(
				    &cb[(size_t)(y / cell) * (size_t)gw + (size_t)(x / cell)], x,
				    y);

	/* regions: 8-connected marked cells, by flood fill over a stack */
	int *label = folio_xcalloc(ncell ? ncell : 1, sizeof *label);
	size_t *stack = folio_xmalloc((ncell ? ncell : 1) * sizeof *stack);
	folio_diff_pbox *pb = NULL;
	size_t nbox = 0, capbox = 0;
	for (size_t start = 0; start < ncell; start++) {
		if (label[start] || cb[start].x0 > cb[start].x1)
			continue;
		if (nbox == capbox) {
			capbox = capbox ? capbox * 2 : 8;
			pb = folio_xrealloc(pb, capbox * sizeof *pb);
		}
		folio_diff_pbox box = {1, 0, 0, 0};
		size_t sp = 0;
		stack[sp++] = start;
		label[start] = (int)nbox + 1;
		while (sp) {
			size_t c = stack[--sp];
			folio_diff_grow(&box, cb[c].x0, cb[c].y0);
			folio_diff_grow(&box, cb[c].x1, cb[c].y1);
			int cx = (int)(c % (size_t)gw), cy = (int)(c / (size_t)gw);
			for (int dy = -1; dy <= 1; dy++)
				for (int dx = -1; dx <= 1; dx++) {
					int nx = cx + dx, ny = cy + dy;
					if (nx < 0 || ny < 0 || nx >= gw || ny >= gh)
						continue;
					size_t n = (size_t)ny * (size_t)gw + (size_t)nx;
					if (label[n] || cb[n].x0 > cb[n].x1)
						continue;
					label[n] = (int)nbox + 1;
					stack[sp++] = n;
				}
		}
		pb[nbox++] = box;
	}

	*png_ok = true;
	if (png && nbox)
		*png_ok = folio_diff_write_png(sb, mask, w, h, pb, nbox, png);

	*boxes = folio_xmalloc((nbox ? nbox : 1) * sizeof **boxes);
	double k = 72.0 / dpi;
	for (size_t i = 0; i < nbox; i++)
		(*boxes)[i] = (folio_diff_box){pb[i].x0 * k, pb[i].y0 * k, (pb[i].x1 + 1) * k,
		                               (pb[i].y1 + 1) * k};
	free(pb);
	free(stack);
	free(label);
	free(cb);
	free(mask);
	free(raw);
	if (sa)
		cairo_surface_destroy(sa);
	if (sb)
		cairo_surface_destroy(sb);
	return nbox;
}
