/* make_jpeg.c: writes the JPEG files tests/pdf/jpeg.sh feeds folio, so that
 * each one says in a line what it is. The picture is 1024 x 512 pixels as
 * stored, its top-left quarter dark and the rest light, so that where the
 * dark quarter lands on the page shows how it was turned.
 *   make_jpeg OUT gray|rgb|cmyk|progressive|arith [ORIENTATION [WIDTH HEIGHT]]
 * cmyk is Adobe's kind (APP14, inks stored inverted): the dark quarter 100 K;
 * cmyk-heavy the same with the dark quarter in all four inks (400%).
 * rgb-icc2, rgb-icc4 and gray-icc2 carry an ICC profile (LittleCMS) of that
 * version, described as "folio test profile", with Adobe RGB's primaries.
 * ORIENTATION (1 to 8) goes into an Exif APP1 segment; WIDTH HEIGHT
 * after it make another size (the fuzzers' seeds are small). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>

#include "../profile.h"

static int W = 1024, H = 512;

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: make_jpeg OUT gray|rgb|cmyk|cmyk-heavy|progressive|arith|rgb-icc2|rgb-icc4|gray-icc2 [ORIENTATION [WIDTH HEIGHT]]\n");
		return 2;
	}
	const char *kind = argv[2];
	int orientation = argc > 3 ? atoi(argv[3]) : 0;
	if (argc > 5) {
		W = atoi(argv[4]);
		H = atoi(argv[5]);
	}
	if (W < 2 || H < 2 || W > 4096) {
		fprintf(stderr, "make_jpeg: a size from 2 x 2 to 4096 wide\n");
		return 2;
	}
	FILE *f = fopen(argv[1], "wb");
	if (!f) {
		perror(argv[1]);
		return 1;
	}
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr err;
	c.err = jpeg_std_error(&err);
	jpeg_create_compress(&c);
	jpeg_stdio_dest(&c, f);
	c.image_width = W;
	c.image_height = H;
	bool gray = !strncmp(kind, "gray", 4), cmyk = !strncmp(kind, "cmyk", 4);
	bool heavy = !strcmp(kind, "cmyk-heavy");
	double icc = strstr(kind, "-icc2") ? 2.1 : strstr(kind, "-icc4") ? 4.3 : 0;
	c.input_components = gray ? 1 : cmyk ? 4 : 3;
	c.in_color_space = gray ? JCS_GRAYSCALE : cmyk ? JCS_CMYK : JCS_RGB;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, 95, TRUE);
	if (!strcmp(kind, "progressive"))
		jpeg_simple_progression(&c);
	if (!strcmp(kind, "arith"))
		c.arith_code = TRUE;
	jpeg_start_compress(&c, TRUE);
	if (icc) {
		size_t len;
		unsigned char *p = folio_test_profile(gray ? 1 : 3, icc, &len);
		jpeg_write_icc_profile(&c, p, (unsigned)len);
		free(p);
	}
	if (orientation) {
		/* "Exif\0\0", a little-endian TIFF header, one IFD of one entry:
		 * tag 0x0112, type SHORT, count 1, the value */
		unsigned char exif[] = {'E', 'x', 'i', 'f', 0, 0, 'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0,
		                        0x12, 1, 3, 0, 1, 0, 0, 0, (unsigned char)orientation, 0, 0, 0,
		                        0, 0, 0, 0};
		jpeg_write_marker(&c, JPEG_APP0 + 1, exif, sizeof exif);
	}
	JSAMPLE row[4096 * 4];
	while (c.next_scanline < (JDIMENSION)H) {
		for (int x = 0; x < W; x++) {
			bool dark = x < W / 2 && c.next_scanline < (JDIMENSION)H / 2;
			for (int k = 0; k < c.input_components; k++)
				/* CMYK as Adobe stores it: 255 - ink; 100 K, no C, M, Y */
				row[x * c.input_components + k] =
				    cmyk ? (JSAMPLE)((k == 3 || heavy) && dark ? 0 : 255)
				         : (JSAMPLE)(dark ? 20 : 235);
		}
		JSAMPROW rows[1] = {row};
		jpeg_write_scanlines(&c, rows, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	return fclose(f) == 0 ? 0 : 1;
}
