/* fit.c: a picture's pixels at the size the screen edition draws it, made
 * once the layout has placed it. Decoding waits until then, so a picture
 * the screen takes as it is (its PNG or JPEG data, no larger than needed)
 * is never decoded, and a large one is held whole only while it is shrunk:
 * the build keeps the small pixels, not the sample's 32 MB of decoded
 * maps and diagrams. */
#include "load.h"

#include <stdlib.h>

bool folio_picture_fit(folio_ctx *ctx, folio_picture *pic, uint32_t w, uint32_t h)
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
	uint32_t sw = pic->pixels_width ? pic->pixels_width : pic->orientation >= 5 ? pic->height
	                                                                           : pic->width;
	uint32_t sh = pic->pixels_width ? pic->pixels_height : pic->orientation >= 5 ? pic->width
	                                                                            : pic->height;
	if (w >= sw && h >= sh)
		return true; /* no larger already (libjpeg's scale, or a second placing) */
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
	unsigned char *small = folio_arena_alloc_raw(ctx->arena, (size_t)w * h * ch);
	folio_picture_shrink(src, sw, sh, pic->channels, small, w, h);
	free(whole);
	if (pic->alpha) {
		unsigned char *mask = folio_arena_alloc_raw(ctx->arena, (size_t)w * h);
		folio_picture_shrink(pic->alpha, sw, sh, 1, mask, w, h);
		pic->alpha = mask;
	}
	pic->pixels = small;
	pic->pixels_width = w;
	pic->pixels_height = h;
	return true;
}
