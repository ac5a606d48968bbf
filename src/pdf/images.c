/* images.c: pictures as image XObjects, each loaded once however often it is
 * drawn. Print (PDF/X-3) allows no transparency, so alpha is flattened onto
 * white paper here; the screen edition keeps it as a soft mask. */
#include "writer.h"

#include <stdlib.h>

static bool all_opaque(const unsigned char *alpha, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (alpha[i] != 255)
			return false;
	return true;
}

/* Source-over onto white: c' = (c * a + 255 * (255 - a)) / 255, rounded. */
static unsigned char *flatten(const folio_picture *pic, size_t n)
{
	size_t ch = (size_t)pic->channels;
	unsigned char *out = folio_xmalloc(n * ch);
	const unsigned char *px = pic->pixels;
	for (size_t i = 0; i < n; i++) {
		unsigned a = pic->alpha[i];
		unsigned paper = 255u * (255u - a) + 127u;
		for (size_t c = 0; c < ch; c++)
			out[i * ch + c] = (unsigned char)((px[i * ch + c] * a + paper) / 255u);
	}
	return out;
}

static HPDF_Image load(folio_pdf_writer *w, const folio_picture *pic)
{
	uint64_t n = (uint64_t)pic->width * pic->height;
	/* libharu sizes the sample stream in a 32-bit unsigned int. */
	if (!pic->pixels || n == 0 || (pic->channels != 1 && pic->channels != 3) ||
	    n * (uint64_t)pic->channels > UINT32_MAX) {
		folio_error(w->ctx, FOLIO_ERR_OTHER, w->where,
		            "cannot put a %ux%u picture with %d channels in the PDF",
		            pic->width, pic->height, pic->channels);
		w->failed = true;
		return NULL;
	}
	HPDF_ColorSpace cs = pic->channels == 1 ? HPDF_CS_DEVICE_GRAY : HPDF_CS_DEVICE_RGB;
	bool alpha = pic->alpha && !all_opaque(pic->alpha, (size_t)n);
	unsigned char *flat = NULL;
	if (alpha && w->target == FOLIO_TARGET_PRINT) {
		flat = flatten(pic, (size_t)n);
		alpha = false;
	}
	HPDF_Image image = HPDF_LoadRawImageFromMem(w->pdf, flat ? flat : pic->pixels,
	                                            pic->width, pic->height, cs, 8);
	free(flat);
	if (!folio_pdf_got(w, image))
		return NULL;
	if (alpha) {
		HPDF_Image mask = HPDF_LoadRawImageFromMem(w->pdf, pic->alpha, pic->width,
		                                           pic->height, HPDF_CS_DEVICE_GRAY, 8);
		if (!folio_pdf_got(w, mask) || !folio_pdf_ok(w, HPDF_Image_AddSMask(image, mask)))
			return NULL;
		/* Soft masks are PDF 1.4; libharu has no call that says so. */
		if (w->pdf->pdf_version < HPDF_VER_14)
			w->pdf->pdf_version = HPDF_VER_14;
	}
	return image;
}

HPDF_Image folio_pdf_image_for(folio_pdf_writer *w, const folio_picture *pic)
{
	for (size_t i = 0; i < w->nimages; i++)
		if (w->images[i].picture == pic)
			return w->images[i].image;
	w->doing = "adding a picture";
	w->where = (folio_loc){pic->path, 0, 0};
	HPDF_Image image = load(w, pic);
	if (!image)
		return NULL;
	w->where = FOLIO_NOWHERE;
	folio_pdf_image entry = {pic, image};
	FOLIO_PUSH(w->ctx->arena, w->images, w->nimages, w->capimages, entry);
	return image;
}
