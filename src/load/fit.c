/* fit.c: a picture's pixels at the size an edition needs where it is drawn
 * (the screen's 150 ppi; print's resample_to for a picture finer than its
 * resample_above), made once the layout has placed it. Decoding waits
 * until then, so a picture taken as it is (its PNG or JPEG data, no larger
 * than needed) is never decoded, and a large one is held whole only while
 * it is shrunk: the screen edition keeps the small pixels, not the
 * sample's 32 MB of decoded maps and diagrams. A picture cut to a frame
 * keeps only the part the frame shows; one taken as it is stays whole. */
#include "load.h"

#include <math.h>
#include <stdlib.h>

/* The part as stored of a part as seen: Exif's orientation 2 to 8 mirror
 * or turn the stored picture to be seen (5 to 8 a quarter turn: stored
 * rows are seen columns). */
static folio_picture_part stored_part(const folio_picture_part *seen, int orientation)
{
	double u0 = seen->x0, v0 = seen->y0, u1 = seen->x1, v1 = seen->y1;
	switch (orientation) {
	case 2: return (folio_picture_part){1 - u1, v0, 1 - u0, v1};
	case 3: return (folio_picture_part){1 - u1, 1 - v1, 1 - u0, 1 - v0};
	case 4: return (folio_picture_part){u0, 1 - v1, u1, 1 - v0};
	case 5: return (folio_picture_part){v0, u0, v1, u1};
	case 6: return (folio_picture_part){v0, 1 - u1, v1, 1 - u0};
	case 7: return (folio_picture_part){1 - v1, 1 - u1, 1 - v0, 1 - u0};
	case 8: return (folio_picture_part){1 - v1, u0, 1 - v0, u1};
	default: return *seen;
	}
}

/* [*a, *b): the whole samples of n that the fractions [f0, f1) touch */
static void sample_span(double f0, double f1, uint32_t n, uint32_t *a, uint32_t *b)
{
	double lo = floor(f0 * n + 1e-9), hi = ceil(f1 * n - 1e-9);
	*a = lo < 0 ? 0 : lo >= n ? n - 1 : (uint32_t)lo;
	*b = hi > n ? n : hi <= *a ? *a + 1 : (uint32_t)hi;
}

void folio_picture_pixels_size(const folio_picture *pic, uint32_t *w, uint32_t *h)
{
	bool turned = pic->orientation >= 5;
	*w = pic->pixels_width ? pic->pixels_width : turned ? pic->height : pic->width;
	*h = pic->pixels_width ? pic->pixels_height : turned ? pic->width : pic->height;
}

bool folio_picture_fit(folio_ctx *ctx, folio_picture *pic, uint32_t w, uint32_t h,
                       const folio_picture_part *seen)
{
	bool smaller = w < pic->width || h < pic->height;
	if (pic->jpeg && !pic->pixels) {
		/* CMYK has no place on screen: decoded whatever its size */
		if (!smaller && pic->jpeg_components != 4)
			return true;
		if (!folio_jpeg_decode(ctx, pic, w, h))
			return false;
	}
	if (!smaller)
		return true;
	/* pixels are as stored: a quarter turn swaps the sizes */
	if (pic->orientation >= 5) {
		uint32_t t = w;
		w = h;
		h = t;
	}
	uint32_t sw, sh;
	folio_picture_pixels_size(pic, &sw, &sh);
	if (w >= sw && h >= sh)
		return true; /* no larger already (libjpeg's scale, or a second placing) */
	/* the samples the frame shows, and how many they are made */
	folio_picture_part part = seen ? stored_part(seen, pic->orientation)
	                               : (folio_picture_part){0, 0, 1, 1};
	uint32_t x0, x1, y0, y1;
	sample_span(part.x0, part.x1, sw, &x0, &x1);
	sample_span(part.y0, part.y1, sh, &y0, &y1);
	bool cut = x0 > 0 || y0 > 0 || x1 < sw || y1 < sh;
	uint32_t cols = x1 - x0, rows = y1 - y0;
	uint32_t tw = cut ? (uint32_t)ceil((double)w * cols / sw) : w;
	uint32_t th = cut ? (uint32_t)ceil((double)h * rows / sh) : h;
	tw = tw < 1 ? 1 : tw > cols ? cols : tw;
	th = th < 1 ? 1 : th > rows ? rows : th;

	size_t ch = (size_t)pic->channels;
	unsigned char *whole = NULL;
	const unsigned char *src = pic->pixels;
	if (!src) {
		if (!pic->png_file)
			return true; /* nothing to decode: the writer says so */
		src = whole = folio_xmalloc((size_t)sw * sh * ch);
		if (!folio_png_pixels(ctx, pic, whole)) {
			free(whole);
			return false;
		}
	}
	unsigned char *small = folio_arena_alloc_raw(ctx->arena, (size_t)tw * th * ch);
	folio_picture_shrink(src + ((size_t)y0 * sw + x0) * ch, cols, rows, sw, pic->channels, small,
	                     tw, th);
	free(whole);
	if (pic->alpha) {
		unsigned char *mask = folio_arena_alloc_raw(ctx->arena, (size_t)tw * th);
		folio_picture_shrink(pic->alpha + (size_t)y0 * sw + x0, cols, rows, sw, 1, mask, tw, th);
		pic->alpha = mask;
	}
	pic->pixels = small;
	pic->pixels_width = tw;
	pic->pixels_height = th;
	pic->pixels_cut = cut;
	if (cut)
		pic->pixels_part = (folio_picture_part){(double)x0 / sw, (double)y0 / sh,
		                                        (double)x1 / sw, (double)y1 / sh};
	return true;
}
