/* test_jpeg_decode.c: the screen edition's JPEG decoding (folio_jpeg_decode)
 * takes the smallest of libjpeg's scales that still has the pixels asked
 * for, in the picture's stored orientation. Argument 1: make_jpeg's
 * picture (1024 x 512 stored, Exif orientation 6, so 512 x 1024 as seen;
 * its stored top-left quarter dark). */
#include "../check.h"
#include "doc/doc.h"
#include "load/load.h"

static folio_picture *load(folio_ctx *ctx, const char *path)
{
	folio_picture *p = folio_picture_load_as(ctx, path, "p.jpg", (folio_loc){0}, false);
	CHECK(p && p->jpeg && !p->pixels && p->width == 512 && p->height == 1024 &&
	      p->orientation == 6);
	return p;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s PICTURE.jpg\n", argv[0]);
		return 1;
	}
	/* 100 x 200 as seen is 200 x 100 as stored: 1/4 (256 x 128) has it */
	folio_ctx *ctx = folio_ctx_new();
	folio_picture *p = load(ctx, argv[1]);
	if (p) {
		CHECK(folio_jpeg_decode(ctx, p, 100, 200));
		CHECK(p->pixels && p->pixels_width == 256 && p->pixels_height == 128);
		if (p->pixels) {
			/* the stored top-left quarter is dark, the rest light */
			const unsigned char *px = p->pixels;
			CHECK(px[(32 * 256 + 32) * 3] < 60);
			CHECK(px[(32 * 256 + 200) * 3] > 200);
			CHECK(px[(100 * 256 + 32) * 3] > 200);
		}
	}
	folio_ctx_drop(ctx);

	/* 300 x 600 as seen: 1/2 (512 x 256) is too small, so the whole */
	ctx = folio_ctx_new();
	p = load(ctx, argv[1]);
	if (p) {
		CHECK(folio_jpeg_decode(ctx, p, 300, 600));
		CHECK(p->pixels && p->pixels_width == 0 && p->pixels_height == 0);
	}
	folio_ctx_drop(ctx);

	/* 64 x 128: the smallest, 1/8 */
	ctx = folio_ctx_new();
	p = load(ctx, argv[1]);
	if (p) {
		CHECK(folio_jpeg_decode(ctx, p, 64, 128));
		CHECK(p->pixels_width == 128 && p->pixels_height == 64);
	}
	folio_ctx_drop(ctx);
	if (check_failures)
		fprintf(stderr, "%d check(s) failed\n", check_failures);
	return check_failures ? 1 : 0;
}
