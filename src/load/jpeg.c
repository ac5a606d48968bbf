/* jpeg.c: JPEG files -> folio_picture, through libjpeg. A PDF carries a
 * JPEG's own bytes as they are (DCTDecode, as pdfTeX does), so for the
 * print edition the file is only read far enough to be sure of what it is
 * (libjpeg reads the header, and the file must end where its image data
 * does). The screen edition decodes it once its placed size is known
 * (folio_jpeg_decode, from build.c after the layout), at the smallest of
 * libjpeg's scales that still has the pixels the screen needs. What a
 * PDF reader or a RIP might not show is refused with a message: 12-bit
 * samples, arithmetic coding, lossless files, other than 1, 3 or 4
 * components. An embedded ICC profile the print edition can carry goes
 * with the picture. A camera's Exif orientation is applied: width and height are
 * the picture as it is seen, the PDF writer turns the stored one. */
#include "load.h"

#include <math.h>
#include <setjmp.h>
#include <stdio.h> /* before jpeglib.h, which uses FILE */
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>

typedef struct {
	struct jpeg_error_mgr mgr;
	jmp_buf jump;
	char message[JMSG_LENGTH_MAX];
} folio_jpeg_err;

/* libjpeg's default ends the process; folio records the message. */
static void folio_jpeg_fail(j_common_ptr cinfo)
{
	folio_jpeg_err *e = (folio_jpeg_err *)cinfo->err;
	cinfo->err->format_message(cinfo, e->message);
	longjmp(e->jump, 1);
}

/* Warnings (corrupt data libjpeg can step over) are kept: a file that
 * draws one is refused, since the PDF reader would meet it too. */
static void folio_jpeg_note(j_common_ptr cinfo, int level)
{
	folio_jpeg_err *e = (folio_jpeg_err *)cinfo->err;
	if (level < 0 && !e->message[0])
		cinfo->err->format_message(cinfo, e->message);
}

/* libjpeg's errors and warnings through folio_jpeg_fail and _note */
static void folio_jpeg_errors(struct jpeg_decompress_struct *cinfo, folio_jpeg_err *err)
{
	err->message[0] = '\0';
	cinfo->err = jpeg_std_error(&err->mgr);
	err->mgr.error_exit = folio_jpeg_fail;
	err->mgr.emit_message = folio_jpeg_note;
}

static uint32_t folio_tiff_get(const unsigned char *p, bool le, int n)
{
	uint32_t v = 0;
	for (int i = 0; i < n; i++)
		v |= (uint32_t)p[le ? i : n - 1 - i] << (8 * i);
	return v;
}

/* The Orientation tag (0x0112) of an Exif APP1 segment's first IFD: 1 to
 * 8, or 1 when there is none or the segment is not what it says. */
static int folio_exif_orientation(const unsigned char *d, size_t len)
{
	if (len < 14 || memcmp(d, "Exif\0\0", 6) != 0)
		return 1;
	const unsigned char *t = d + 6;
	size_t tl = len - 6;
	bool le = t[0] == 'I' && t[1] == 'I';
	if (!le && !(t[0] == 'M' && t[1] == 'M'))
		return 1;
	if (folio_tiff_get(t + 2, le, 2) != 42)
		return 1;
	uint32_t ifd = folio_tiff_get(t + 4, le, 4);
	if (ifd > tl || tl - ifd < 2)
		return 1;
	uint32_t n = folio_tiff_get(t + ifd, le, 2);
	for (uint32_t i = 0; i < n; i++) {
		size_t at = ifd + 2 + (size_t)i * 12;
		if (at + 12 > tl)
			return 1;
		if (folio_tiff_get(t + at, le, 2) != 0x0112)
			continue;
		/* type SHORT, count 1: the value sits in the entry's first bytes */
		uint32_t v = folio_tiff_get(t + at + 8, le, 2);
		return folio_tiff_get(t + at + 2, le, 2) == 3 && v >= 1 && v <= 8 ? (int)v : 1;
	}
	return 1;
}

/* The file's ICC profile (APP2, in as many segments as it takes), if any,
 * for folio_picture_icc to judge. */
static void folio_jpeg_icc(folio_ctx *ctx, folio_loc here, struct jpeg_decompress_struct *cinfo,
                           folio_picture *pic)
{
	JOCTET *icc = NULL;
	unsigned len = 0;
	if (!jpeg_read_icc_profile(cinfo, &icc, &len))
		return;
	folio_picture_icc(ctx, here, pic, icc, len, cinfo->num_components);
	free(icc);
}

/* Where libjpeg stopped: the image data ends with EOI (FF D9), and
 * nothing but padding may follow; a file cut short (the commonest fault, a
 * copy that did not finish) has no EOI. */
static bool folio_jpeg_ends(const unsigned char *data, size_t len)
{
	while (len > 2 && (data[len - 1] == 0 || data[len - 1] == '\n' || data[len - 1] == '\r'))
		len--;
	return len >= 4 && data[len - 2] == 0xFF && data[len - 1] == 0xD9;
}

static const char folio_jpeg_cut[] =
    "is cut short (it has no end-of-image marker): was it copied completely?";

/* Decode into 8-bit gray or RGB (CMYK made RGB the way the screen
 * edition's colours are: as the press prints them, folio_cmyk_srgb), top
 * row first, stored orientation, at the scale set in cinfo. */
static unsigned char *folio_jpeg_pixels(folio_ctx *ctx, struct jpeg_decompress_struct *cinfo,
                                        bool inverted)
{
	bool cmyk = cinfo->jpeg_color_space == JCS_CMYK || cinfo->jpeg_color_space == JCS_YCCK;
	cinfo->out_color_space = cmyk ? JCS_CMYK : cinfo->num_components == 1 ? JCS_GRAYSCALE
	                                                                    : JCS_RGB;
	jpeg_start_decompress(cinfo);
	int in = cinfo->output_components, out = cmyk ? 3 : in;
	size_t w = cinfo->output_width, h = cinfo->output_height;
	unsigned char *px = folio_arena_alloc_raw(ctx->arena, w * h * (size_t)out);
	unsigned char *row = folio_arena_alloc_raw(ctx->arena, w * (size_t)in);
	while (cinfo->output_scanline < h) {
		size_t y = cinfo->output_scanline;
		JSAMPROW rows[1] = {cmyk ? row : px + y * w * (size_t)out};
		jpeg_read_scanlines(cinfo, rows, 1);
		if (!cmyk)
			continue;
		unsigned char *o = px + y * w * 3;
		for (size_t x = 0; x < w; x++) {
			double ink[4], rgb[3];
			for (int c = 0; c < 4; c++) {
				unsigned v = row[x * 4 + (size_t)c];
				ink[c] = (inverted ? 255u - v : v) / 255.0;
			}
			folio_cmyk_srgb(ink[0], ink[1], ink[2], ink[3], rgb);
			for (int c = 0; c < 3; c++)
				o[x * 3 + (size_t)c] = (unsigned char)lround(rgb[c] * 255);
		}
	}
	jpeg_finish_decompress(cinfo);
	return px;
}

folio_picture *folio_jpeg_load(folio_ctx *ctx, const char *shown, const unsigned char *data,
                               size_t len)
{
	folio_loc here = {shown, 0, 0};
	struct jpeg_decompress_struct cinfo;
	folio_jpeg_err err;
	folio_jpeg_errors(&cinfo, &err);
	if (setjmp(err.jump)) {
		if (!folio_jpeg_ends(data, len))
			folio_error(ctx, FOLIO_ERR_INPUT, here, "JPEG %s", folio_jpeg_cut);
		else
			folio_error(ctx, FOLIO_ERR_INPUT, here, "corrupt JPEG: %s", err.message);
		jpeg_destroy_decompress(&cinfo);
		return NULL;
	}
	jpeg_create_decompress(&cinfo);
	jpeg_save_markers(&cinfo, JPEG_APP0 + 1, 0xFFFF);
	jpeg_save_markers(&cinfo, JPEG_APP0 + 2, 0xFFFF);
	jpeg_mem_src(&cinfo, data, (unsigned long)len);
	jpeg_read_header(&cinfo, TRUE);
	const char *refuse = NULL;
	if (cinfo.data_precision != 8)
		refuse = "has 12-bit samples, which PDF cannot carry; save it with 8 bits";
	else if (cinfo.arith_code)
		refuse = "is arithmetic-coded, which many PDF readers cannot show; save it "
		         "with Huffman coding (the usual kind)";
	else if (cinfo.num_components != 1 && cinfo.num_components != 3 &&
	         cinfo.num_components != 4)
		refuse = "has neither 1 (gray), 3 (colour) nor 4 (CMYK) components";
	else if (!folio_jpeg_ends(data, len))
		refuse = folio_jpeg_cut;
	if (refuse)
		folio_error(ctx, FOLIO_ERR_INPUT, here, "JPEG %s", refuse);
	else if (err.message[0])
		folio_error(ctx, FOLIO_ERR_INPUT, here, "corrupt JPEG: %s", err.message);
	if (refuse || err.message[0] ||
	    !folio_picture_fits(ctx, here, cinfo.image_width, cinfo.image_height)) {
		jpeg_destroy_decompress(&cinfo);
		return NULL;
	}
	int orientation = 1;
	for (jpeg_saved_marker_ptr m = cinfo.marker_list; m; m = m->next)
		if (m->marker == JPEG_APP0 + 1 && orientation == 1)
			orientation = folio_exif_orientation(m->data, m->data_length);

	folio_picture *pic = folio_arena_alloc(ctx->arena, sizeof *pic);
	pic->path = folio_arena_strdup(ctx->arena, shown);
	bool turned = orientation >= 5; /* a quarter turn: seen width is stored height */
	pic->width = turned ? cinfo.image_height : cinfo.image_width;
	pic->height = turned ? cinfo.image_width : cinfo.image_height;
	pic->orientation = orientation;
	pic->jpeg = data;
	pic->jpeg_len = len;
	pic->jpeg_components = cinfo.num_components;
	/* Adobe's CMYK files store the inks inverted (and say so in APP14) */
	pic->jpeg_inverted = cinfo.num_components == 4 && cinfo.saw_Adobe_marker;
	pic->channels = cinfo.num_components == 1 ? 1 : 3;
	folio_jpeg_icc(ctx, here, &cinfo, pic);
	jpeg_destroy_decompress(&cinfo);
	return pic;
}

/* The most ink of any pixel at the scale set in cinfo, C+M+Y+K in 0..4:
 * at 1/8 each pixel is the mean of an 8 x 8 block, and the press's limit
 * is about areas, not single pixels. */
static double folio_jpeg_most_ink(folio_ctx *ctx, struct jpeg_decompress_struct *cinfo,
                                  bool inverted)
{
	cinfo->out_color_space = JCS_CMYK;
	jpeg_start_decompress(cinfo);
	size_t w = cinfo->output_width;
	unsigned char *row = folio_arena_alloc_raw(ctx->arena, w * 4);
	unsigned most = 0;
	while (cinfo->output_scanline < cinfo->output_height) {
		JSAMPROW rows[1] = {row};
		jpeg_read_scanlines(cinfo, rows, 1);
		for (size_t x = 0; x < w; x++) {
			unsigned sum = 0;
			for (int c = 0; c < 4; c++)
				sum += inverted ? 255u - row[x * 4 + (size_t)c] : row[x * 4 + (size_t)c];
			if (sum > most)
				most = sum;
		}
	}
	jpeg_finish_decompress(cinfo);
	return most / 255.0;
}

/* folio_jpeg_decode with need_w x need_h as stored, or with `ink`, the
 * picture's pic->ink at 1/8; nothing it reads after a longjmp changes
 * after the setjmp. */
static bool folio_jpeg_decode_stored(folio_ctx *ctx, folio_picture *pic, uint32_t need_w,
                                     uint32_t need_h, bool ink)
{
	folio_loc here = {pic->path, 0, 0};
	struct jpeg_decompress_struct cinfo;
	folio_jpeg_err err;
	folio_jpeg_errors(&cinfo, &err);
	if (setjmp(err.jump)) {
		folio_error(ctx, FOLIO_ERR_INPUT, here, "corrupt JPEG: %s", err.message);
		jpeg_destroy_decompress(&cinfo);
		return false;
	}
	jpeg_create_decompress(&cinfo);
	jpeg_mem_src(&cinfo, pic->jpeg, (unsigned long)pic->jpeg_len);
	jpeg_read_header(&cinfo, TRUE);
	/* 1/8, 1/4, 1/2: libjpeg scales in its inverse DCT, for almost nothing */
	cinfo.scale_num = 1;
	for (cinfo.scale_denom = 8; cinfo.scale_denom > 1; cinfo.scale_denom /= 2) {
		jpeg_calc_output_dimensions(&cinfo);
		if (cinfo.output_width >= need_w && cinfo.output_height >= need_h)
			break;
	}
	double most = 0;
	unsigned char *px = NULL;
	if (ink)
		most = folio_jpeg_most_ink(ctx, &cinfo, pic->jpeg_inverted);
	else
		px = folio_jpeg_pixels(ctx, &cinfo, pic->jpeg_inverted);
	bool ok = !err.message[0];
	if (!ok)
		folio_error(ctx, FOLIO_ERR_INPUT, here, "corrupt JPEG: %s", err.message);
	if (ok && ink) {
		pic->ink = most;
	} else if (ok) {
		pic->pixels = px;
		if (cinfo.output_width != cinfo.image_width ||
		    cinfo.output_height != cinfo.image_height) {
			pic->pixels_width = cinfo.output_width;
			pic->pixels_height = cinfo.output_height;
		}
	}
	jpeg_destroy_decompress(&cinfo);
	return ok;
}

bool folio_jpeg_decode(folio_ctx *ctx, folio_picture *pic, uint32_t need_w, uint32_t need_h)
{
	/* need is as seen, the file as stored */
	bool turned = pic->orientation >= 5;
	return folio_jpeg_decode_stored(ctx, pic, turned ? need_h : need_w, turned ? need_w : need_h,
	                                false);
}

bool folio_jpeg_ink(folio_ctx *ctx, folio_picture *pic)
{
	return !pic->jpeg || pic->jpeg_components != 4 ||
	       folio_jpeg_decode_stored(ctx, pic, 0, 0, true);
}
