/* jpegout.c: a photograph made smaller (the screen edition's 150 ppi, or
 * print's resample_to) goes back into the PDF as a JPEG (DCTDecode), as it
 * came. Kept without loss (Flate), the pixels of a photograph are most of
 * their raw size: a 505 x 291 campus photograph took 308 KB on screen,
 * where a JPEG of it takes a tenth of that. Maps and diagrams, which come
 * as PNG, keep their flat colour without loss. libjpeg's integer DCT is exact, so the same pixels give
 * the same bytes on every machine. */
#include "writer.h"

#include <setjmp.h>
#include <stdio.h> /* before jpeglib.h, which uses FILE */
#include <stdlib.h>

#include <jpeglib.h>

typedef struct {
	struct jpeg_error_mgr mgr;
	jmp_buf jump;
} out_err;

static void out_fail(j_common_ptr cinfo)
{
	longjmp(((out_err *)cinfo->err)->jump, 1);
}

/* the encoder's warnings are no concern of the user's */
static void out_note(j_common_ptr cinfo, int level)
{
	(void)cinfo;
	(void)level;
}

bool folio_pdf_jpeg_encode(const unsigned char *px, uint32_t width, uint32_t height, int channels,
                           bool print, unsigned char **out, size_t *out_len)
{
	struct jpeg_compress_struct c;
	out_err err;
	c.err = jpeg_std_error(&err.mgr);
	err.mgr.error_exit = out_fail;
	err.mgr.emit_message = out_note;
	unsigned char *volatile buf = NULL;
	unsigned long len = 0;
	*out = NULL;
	*out_len = 0;
	if (setjmp(err.jump)) {
		jpeg_destroy_compress(&c);
		free(buf);
		return false;
	}
	jpeg_create_compress(&c);
	jpeg_mem_dest(&c, (unsigned char **)&buf, &len);
	c.image_width = width;
	c.image_height = height;
	c.input_components = channels;
	c.in_color_space = channels == 1 ? JCS_GRAYSCALE : JCS_RGB;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, print ? FOLIO_PDF_JPEG_PRINT_QUALITY : FOLIO_PDF_JPEG_QUALITY, TRUE);
	if (print && channels == 3)
		for (int i = 0; i < 3; i++) /* no colour subsampling: 4:4:4 */
			c.comp_info[i].h_samp_factor = c.comp_info[i].v_samp_factor = 1;
	c.dct_method = JDCT_ISLOW;
	c.optimize_coding = TRUE; /* Huffman tables made for the picture */
	jpeg_start_compress(&c, TRUE);
	size_t stride = (size_t)width * (size_t)channels;
	while (c.next_scanline < c.image_height) {
		JSAMPROW row = (JSAMPROW)(px + (size_t)c.next_scanline * stride);
		jpeg_write_scanlines(&c, &row, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	*out = buf;
	*out_len = len;
	return true;
}

bool folio_pdf_put_jpeg(folio_pdf_writer *w, HPDF_Dict stream, const unsigned char *px,
                        uint32_t width, uint32_t height, int channels, bool print)
{
	unsigned char *buf;
	size_t len;
	if (!folio_pdf_jpeg_encode(px, width, height, channels, print, &buf, &len))
		return folio_pdf_ok(w, HPDF_INVALID_STREAM);
	bool ok = folio_pdf_put_packed(w, stream, buf, len, true);
	free(buf);
	return ok;
}
