/* shrink.c: the box filter that makes a picture's pixels smaller
 * (folio_picture_fit, and the PDF writer for pixels it is handed larger
 * than the screen edition draws them), from the whole or from a part. */
#include "../doc/doc.h"

#include <stdlib.h>

void folio_picture_shrink(const unsigned char *src, uint32_t sw, uint32_t sh, size_t stride,
                          int channels, unsigned char *out, uint32_t dw, uint32_t dh)
{
	size_t ch = (size_t)channels;
	/* each column's source span, worked out once, not at every row (two
	 * divisions an output sample were a good part of the filter's time) */
	uint32_t *xs = folio_xmalloc(2 * (size_t)dw * sizeof *xs);
	for (uint32_t ox = 0; ox < dw; ox++) {
		xs[2 * ox] = (uint32_t)((uint64_t)ox * sw / dw);
		xs[2 * ox + 1] = (uint32_t)((uint64_t)(ox + 1) * sw / dw);
		if (xs[2 * ox + 1] <= xs[2 * ox])
			xs[2 * ox + 1] = xs[2 * ox] + 1;
	}
	for (uint32_t oy = 0; oy < dh; oy++) {
		uint32_t y0 = (uint32_t)((uint64_t)oy * sh / dh);
		uint32_t y1 = (uint32_t)((uint64_t)(oy + 1) * sh / dh);
		if (y1 <= y0)
			y1 = y0 + 1;
		for (uint32_t ox = 0; ox < dw; ox++) {
			uint32_t x0 = xs[2 * ox], x1 = xs[2 * ox + 1];
			uint64_t sum[3] = {0, 0, 0}, count = (uint64_t)(x1 - x0) * (y1 - y0);
			for (uint32_t y = y0; y < y1; y++) {
				const unsigned char *row = src + ((size_t)y * stride + x0) * ch;
				for (uint32_t x = x0; x < x1; x++, row += ch)
					for (size_t c = 0; c < ch; c++)
						sum[c] += row[c];
			}
			unsigned char *o = out + ((size_t)oy * dw + ox) * ch;
			for (size_t c = 0; c < ch; c++)
				o[c] = (unsigned char)((sum[c] + count / 2) / count);
		}
	}
	free(xs);
}
