/* images.c: pictures as image XObjects, each loaded once however often it is
 * drawn. A PNG whose compressed data PDF can read goes in unchanged (no
 * decompression, no second compression); other pictures go in as samples
 * libharu compresses. Print (PDF/X-3) allows no transparency, so alpha is
 * flattened onto white paper here, and RGB is ICC-based sRGB; the screen
 * edition keeps alpha as a soft mask and resamples to 150 ppi. */
#include "writer.h"

#include <string.h>

#include <math.h>
#include <stdlib.h>

static bool all_opaque(const unsigned char *alpha, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (alpha[i] != 255)
			return false;
	return true;
}

/* Source-over onto white: c' = (c * a + 255 * (255 - a)) / 255, rounded. */
static unsigned char *flatten(const unsigned char *px, const unsigned char *alpha,
                              size_t n, int channels)
{
	size_t ch = (size_t)channels;
	unsigned char *out = folio_xmalloc(n * ch);
	for (size_t i = 0; i < n; i++) {
		unsigned a = alpha[i];
		unsigned paper = 255u * (255u - a) + 127u;
		for (size_t c = 0; c < ch; c++)
			out[i * ch + c] = (unsigned char)((px[i * ch + c] * a + paper) / 255u);
	}
	return out;
}

/* Decoded samples as an image XObject, compressed by libdeflate (content.c)
 * rather than by libharu's zlib, which took a fifth of the screen
 * edition's build for files of the same size (PNG's row filters made the
 * sample's maps and diagrams a sixth larger: flat colour packs best as it
 * is); a `photo`, one that came as a JPEG, as a JPEG again (jpegout.c).
 * Gray or RGB, 8 bits. */
static HPDF_Image raw_image(folio_pdf_writer *w, const unsigned char *px, uint32_t width,
                            uint32_t height, int channels, bool photo,
                            const folio_pdf_packed *packed)
{
	HPDF_Dict image = HPDF_DictStream_New(w->pdf->mmgr, w->pdf->xref);
	if (!folio_pdf_got(w, image))
		return NULL;
	image->header.obj_class |= HPDF_OSUBCLASS_XOBJECT;
	bool ok = folio_pdf_ok(w, HPDF_Dict_AddName(image, "Type", "XObject")) &&
	          folio_pdf_ok(w, HPDF_Dict_AddName(image, "Subtype", "Image")) &&
	          folio_pdf_ok(w, HPDF_Dict_AddNumber(image, "Width", (HPDF_INT32)width)) &&
	          folio_pdf_ok(w, HPDF_Dict_AddNumber(image, "Height", (HPDF_INT32)height)) &&
	          folio_pdf_ok(w, HPDF_Dict_AddNumber(image, "BitsPerComponent", 8)) &&
	          folio_pdf_ok(w, HPDF_Dict_AddName(image, "ColorSpace",
	                                            channels == 1 ? "DeviceGray" : "DeviceRGB")) &&
	          (packed  ? folio_pdf_put_packed(w, image, packed->data, packed->len, packed->jpeg)
	           : photo ? folio_pdf_put_jpeg(w, image, px, width, height, channels,
	                                        w->target == FOLIO_TARGET_PRINT)
	                   : folio_pdf_put_picture(w, image, px,
	                                           (size_t)width * height * (size_t)channels));
	return ok ? image : NULL;
}

static double clamp01(double v)
{
	return v < 0 ? 0 : v > 1 ? 1 : v;
}

/* The largest size (pt) at which the display list places the picture, and
 * the part of it that shows there (every placing's together). */
static void placed_size(const folio_display *dl, const folio_picture *pic, double *w,
                        double *h, folio_picture_part *seen)
{
	*w = *h = 0;
	folio_picture_part all = {1, 1, 0, 0};
	for (int p = 0; p < dl->npages; p++)
		for (size_t i = 0; i < dl->pages[p].nitems; i++) {
			const folio_dl_item *it = &dl->pages[p].items[i];
			if (it->kind != FOLIO_DL_IMAGE || it->picture != pic)
				continue;
			/* cut to a frame, it is drawn at its whole box's size */
			folio_dl_box box = folio_dl_image_box(it);
			*w = box.w > *w ? box.w : *w;
			*h = box.h > *h ? box.h : *h;
			folio_picture_part part = {0, 0, 1, 1};
			if (it->whole && box.w > 0 && box.h > 0)
				part = (folio_picture_part){clamp01((it->x - box.x) / box.w),
				                            clamp01((it->y - box.y) / box.h),
				                            clamp01((it->x + it->w - box.x) / box.w),
				                            clamp01((it->y + it->h - box.y) / box.h)};
			all.x0 = part.x0 < all.x0 ? part.x0 : all.x0;
			all.y0 = part.y0 < all.y0 ? part.y0 : all.y0;
			all.x1 = part.x1 > all.x1 ? part.x1 : all.x1;
			all.y1 = part.y1 > all.y1 ? part.y1 : all.y1;
		}
	if (seen)
		*seen = all.x1 > all.x0 && all.y1 > all.y0 ? all : (folio_picture_part){0, 0, 1, 1};
}

bool folio_pdf_fit_pixels(const folio_display *dl, folio_target target,
                          const folio_picture *pic, uint32_t *w, uint32_t *h,
                          folio_picture_part *seen)
{
	double pw, ph;
	placed_size(dl, pic, &pw, &ph, seen);
	*w = pic->width;
	*h = pic->height;
	double ppi = FOLIO_PDF_SCREEN_PPI;
	if (target == FOLIO_TARGET_PRINT) {
		/* the resolution it has where it is drawn largest, the coarser
		 * way (a frame's rounding may make the two differ by a hair) */
		double has = pw > 0 && ph > 0 ? fmin(pic->width / (pw / 72.0), pic->height / (ph / 72.0))
		                              : 0;
		if (!dl->press.resample_above || has <= dl->press.resample_above ||
		    (pic->jpeg && pic->jpeg_components == 4))
			return false;
		ppi = dl->press.resample_to;
	}
	double tw = ceil(pw / 72.0 * ppi), th = ceil(ph / 72.0 * ppi);
	*w = tw >= 1 && tw < pic->width ? (uint32_t)tw : pic->width;
	*h = th >= 1 && th < pic->height ? (uint32_t)th : pic->height;
	return true;
}

/* Screen: the pixel size for FOLIO_PDF_SCREEN_PPI at the placed size, or
 * false when the picture is not larger than that already. */
static bool screen_size(folio_pdf_writer *w, const folio_picture *pic, uint32_t *dw,
                        uint32_t *dh)
{
	if (w->target != FOLIO_TARGET_SCREEN)
		return false;
	folio_pdf_fit_pixels(w->dl, w->target, pic, dw, dh, NULL);
	return *dw < pic->width || *dh < pic->height;
}

static bool set_rgb_space(folio_pdf_writer *w, HPDF_Dict image)
{
	if (w->target != FOLIO_TARGET_PRINT)
		return true;
	HPDF_Array srgb = folio_pdf_srgb(w);
	return srgb && folio_pdf_ok(w, HPDF_Dict_Add(image, "ColorSpace", srgb));
}

/* A libharu stream that reads the picture's kept bytes where they are, in
 * the file's mapping, so its compressed data is not copied into libharu
 * (nor anywhere else) before the file is made: 1.1 MB for the sample's
 * pictures. The bytes are the picture's parts joined (doc.h, png_idat), one
 * per IDAT chunk, or a JPEG's whole file as one part; pos over the whole is
 * also kept as (part, at) so that
 * reading on from where the last read ended finds its place at once. */
typedef struct {
	const folio_png_part *parts;
	size_t nparts;
	size_t len, pos;
	size_t part, at;
	folio_png_part one; /* a picture without parts: png_idat itself */
} kept_bytes;

static HPDF_STATUS kept_read(HPDF_Stream stream, HPDF_BYTE *ptr, HPDF_UINT *size)
{
	kept_bytes *k = stream->attr;
	size_t want = *size, got = 0;
	while (got < want && k->part < k->nparts) {
		const folio_png_part *p = &k->parts[k->part];
		size_t n = p->len - k->at < want - got ? p->len - k->at : want - got;
		memcpy(ptr + got, p->data + k->at, n);
		got += n;
		k->at += n;
		if (k->at == p->len) {
			k->part++;
			k->at = 0;
		}
	}
	k->pos += got;
	*size = (HPDF_UINT)got;
	/* the parts exhausted ends it too, whatever len says */
	return k->pos == k->len || k->part == k->nparts ? HPDF_STREAM_EOF : HPDF_OK;
}

static HPDF_STATUS kept_seek(HPDF_Stream stream, HPDF_INT pos, HPDF_WhenceMode mode)
{
	kept_bytes *k = stream->attr;
	long long to = mode == HPDF_SEEK_SET ? pos
	               : mode == HPDF_SEEK_CUR ? (long long)k->pos + pos
	                                       : (long long)k->len + pos;
	if (to < 0 || to > (long long)k->len)
		return HPDF_STREAM_EOF;
	k->pos = (size_t)to;
	/* the part that holds byte pos, or the end */
	k->part = 0;
	k->at = k->pos;
	while (k->part < k->nparts && k->at >= k->parts[k->part].len)
		k->at -= k->parts[k->part++].len;
	return HPDF_OK;
}

static HPDF_INT32 kept_tell(HPDF_Stream stream)
{
	return (HPDF_INT32)((kept_bytes *)stream->attr)->pos;
}

static HPDF_UINT32 kept_size(HPDF_Stream stream)
{
	return (HPDF_UINT32)((kept_bytes *)stream->attr)->len;
}

static bool read_kept(folio_pdf_writer *w, HPDF_Dict dict, const folio_picture *pic)
{
	kept_bytes *k = folio_arena_alloc(w->ctx->arena, sizeof *k);
	k->len = pic->png_idat_len;
	if (pic->jpeg) { /* the whole file */
		k->len = pic->jpeg_len;
		k->one = (folio_png_part){pic->jpeg, pic->jpeg_len};
		k->parts = &k->one;
		k->nparts = 1;
	} else if (pic->png_idat_nparts) {
		k->parts = pic->png_idat_parts;
		k->nparts = pic->png_idat_nparts;
	} else {
		k->one = (folio_png_part){pic->png_idat, pic->png_idat_len};
		k->parts = &k->one;
		k->nparts = 1;
	}
	HPDF_Stream reader =
	    HPDF_CallbackReader_New(w->pdf->mmgr, kept_read, kept_seek, kept_tell, kept_size, k);
	if (!folio_pdf_got(w, reader))
		return false;
	HPDF_Stream_Free(dict->stream);
	dict->stream = reader;
	return true;
}

/* The PNG's IDAT data as the image stream: PNG's zlib stream with its
 * per-row filters is FlateDecode with predictor 15 (PDF 32000-1, 7.4.4.4). */
static HPDF_Image passthrough(folio_pdf_writer *w, const folio_picture *pic)
{
	HPDF_MMgr mm = w->pdf->mmgr;
	HPDF_Dict image = HPDF_DictStream_New(mm, w->pdf->xref);
	HPDF_Dict parms = HPDF_Dict_New(mm);
	if (!folio_pdf_got(w, image) || !folio_pdf_got(w, parms))
		return NULL;
	image->header.obj_class |= HPDF_OSUBCLASS_XOBJECT;
	image->filter = HPDF_STREAM_FILTER_NONE;
	image->write_fn = folio_pdf_flate_key;
	int colors = pic->png_color_type == 2 ? 3 : 1;
	if (!folio_pdf_ok(w, HPDF_Dict_AddName(image, "Type", "XObject")) ||
	    !folio_pdf_ok(w, HPDF_Dict_AddName(image, "Subtype", "Image")) ||
	    !folio_pdf_ok(w, HPDF_Dict_AddNumber(image, "Width", (HPDF_INT32)pic->width)) ||
	    !folio_pdf_ok(w, HPDF_Dict_AddNumber(image, "Height", (HPDF_INT32)pic->height)) ||
	    !folio_pdf_ok(w, HPDF_Dict_AddNumber(image, "BitsPerComponent", 8)) ||
	    !folio_pdf_ok(w, HPDF_Dict_AddNumber(parms, "Predictor", 15)) ||
	    !folio_pdf_ok(w, HPDF_Dict_AddNumber(parms, "Colors", colors)) ||
	    !folio_pdf_ok(w, HPDF_Dict_AddNumber(parms, "BitsPerComponent", 8)) ||
	    !folio_pdf_ok(w, HPDF_Dict_AddNumber(parms, "Columns", (HPDF_INT32)pic->width)) ||
	    !folio_pdf_ok(w, HPDF_Dict_Add(image, "DecodeParms", parms)))
		return NULL;
	/* the picture's own profile, print only (load/icc.c says which) */
	HPDF_Array own = pic->icc && w->target == FOLIO_TARGET_PRINT
	                     ? folio_pdf_icc(w, pic->icc, pic->icc_len,
	                                     pic->png_color_type == 0 ? 1 : 3)
	                     : NULL;
	if (pic->icc && w->target == FOLIO_TARGET_PRINT && !own)
		return NULL;
	if (own && pic->png_color_type != 3) {
		if (!folio_pdf_ok(w, HPDF_Dict_Add(image, "ColorSpace", own)))
			return NULL;
	} else if (pic->png_color_type == 0) {
		if (!folio_pdf_ok(w, HPDF_Dict_AddName(image, "ColorSpace", "DeviceGray")))
			return NULL;
	} else if (pic->png_color_type == 2) {
		if (!folio_pdf_ok(w, HPDF_Dict_AddName(image, "ColorSpace", "DeviceRGB")) ||
		    !set_rgb_space(w, image))
			return NULL;
	} else {
		/* [/Indexed base hival <palette>] */
		HPDF_Array indexed = HPDF_Array_New(mm);
		if (!folio_pdf_got(w, indexed) ||
		    !folio_pdf_ok(w, HPDF_Array_AddName(indexed, "Indexed")))
			return NULL;
		HPDF_Array srgb = own                               ? own
		                  : w->target == FOLIO_TARGET_PRINT ? folio_pdf_srgb(w)
		                                                    : NULL;
		if (w->target == FOLIO_TARGET_PRINT && !srgb)
			return NULL;
		HPDF_STATUS st = srgb ? HPDF_Array_Add(indexed, srgb)
		                      : HPDF_Array_AddName(indexed, "DeviceRGB");
		if (!folio_pdf_ok(w, st) ||
		    !folio_pdf_ok(w, HPDF_Array_AddNumber(indexed, pic->png_palette_entries - 1)) ||
		    !folio_pdf_ok(w, HPDF_Array_Add(indexed,
		                                    HPDF_Binary_New(mm, (HPDF_BYTE *)pic->png_palette,
		                                                    (HPDF_UINT)pic->png_palette_entries * 3))) ||
		    !folio_pdf_ok(w, HPDF_Dict_Add(image, "ColorSpace", indexed)))
			return NULL;
	}
	if (!read_kept(w, image, pic))
		return NULL;
	return image;
}

/* A JPEG file as the image stream, unchanged: DCTDecode. Gray and colour
 * as PNG's are; CMYK is the printer's own space, and Adobe's inverted
 * files say so with /Decode [1 0 1 0 1 0 1 0]. The stored size, not the
 * seen one: draw.c turns it. */
static HPDF_Image jpeg_passthrough(folio_pdf_writer *w, const folio_picture *pic)
{
	HPDF_MMgr mm = w->pdf->mmgr;
	HPDF_Dict image = HPDF_DictStream_New(mm, w->pdf->xref);
	if (!folio_pdf_got(w, image))
		return NULL;
	image->header.obj_class |= HPDF_OSUBCLASS_XOBJECT;
	/* libharu writes /Filter from this and leaves DCT data as it is */
	image->filter = HPDF_STREAM_FILTER_DCT_DECODE;
	bool turned = pic->orientation >= 5;
	uint32_t sw = turned ? pic->height : pic->width, sh = turned ? pic->width : pic->height;
	const char *space = pic->jpeg_components == 1   ? "DeviceGray"
	                    : pic->jpeg_components == 3 ? "DeviceRGB"
	                                                : "DeviceCMYK";
	if (!folio_pdf_ok(w, HPDF_Dict_AddName(image, "Type", "XObject")) ||
	    !folio_pdf_ok(w, HPDF_Dict_AddName(image, "Subtype", "Image")) ||
	    !folio_pdf_ok(w, HPDF_Dict_AddNumber(image, "Width", (HPDF_INT32)sw)) ||
	    !folio_pdf_ok(w, HPDF_Dict_AddNumber(image, "Height", (HPDF_INT32)sh)) ||
	    !folio_pdf_ok(w, HPDF_Dict_AddNumber(image, "BitsPerComponent", 8)) ||
	    !folio_pdf_ok(w, HPDF_Dict_AddName(image, "ColorSpace", space)))
		return NULL;
	if (pic->icc && w->target == FOLIO_TARGET_PRINT) {
		HPDF_Array cs = folio_pdf_icc(w, pic->icc, pic->icc_len, pic->jpeg_components);
		if (!cs || !folio_pdf_ok(w, HPDF_Dict_Add(image, "ColorSpace", cs)))
			return NULL;
	} else if (pic->jpeg_components == 3 && !set_rgb_space(w, image)) {
		return NULL;
	}
	if (pic->jpeg_inverted) {
		HPDF_Array decode = HPDF_Array_New(mm);
		if (!folio_pdf_got(w, decode))
			return NULL;
		for (int i = 0; i < 8; i++)
			if (!folio_pdf_ok(w, HPDF_Array_AddNumber(decode, i % 2 ? 0 : 1)))
				return NULL;
		if (!folio_pdf_ok(w, HPDF_Dict_Add(image, "Decode", decode)))
			return NULL;
	}
	return read_kept(w, image, pic) ? image : NULL;
}

static HPDF_Image load(folio_pdf_writer *w, const folio_picture *pic)
{
	uint64_t n = (uint64_t)pic->width * pic->height;
	/* libharu sizes the sample stream in a 32-bit unsigned int. */
	if ((!pic->pixels && !pic->png_idat && !pic->jpeg) || n == 0 ||
	    (pic->channels != 1 && pic->channels != 3) ||
	    n * (uint64_t)pic->channels > UINT32_MAX) {
		folio_error(w->ctx, FOLIO_ERR_OTHER, w->where,
		            "cannot put a %ux%u picture with %d channels in the PDF",
		            pic->width, pic->height, pic->channels);
		w->failed = true;
		return NULL;
	}
	uint32_t width = pic->width, height = pic->height;
	bool smaller = screen_size(w, pic, &width, &height);
	/* made smaller after the layout (folio_picture_fit): its pixels go in */
	bool fitted = pic->pixels && pic->pixels_width;
	if (pic->png_idat && !smaller && !fitted && pic->png_idat_len <= UINT32_MAX)
		return passthrough(w, pic);
	if (pic->jpeg && !smaller && !fitted && pic->jpeg_len <= UINT32_MAX &&
	    (w->target == FOLIO_TARGET_PRINT || pic->jpeg_components != 4))
		return jpeg_passthrough(w, pic);
	/* decoded pixels are as stored: a quarter turn swaps the sizes */
	uint32_t stored_w, stored_h;
	folio_picture_pixels_size(pic, &stored_w, &stored_h);
	if (pic->orientation >= 5) {
		uint32_t t = width;
		width = height;
		height = t;
	}
	if (pic->pixels_width) {
		/* decoded smaller already (libjpeg's scaling), never below the
		 * size asked for here: shrink from what is there */
		smaller = width < stored_w || height < stored_h;
		if (!smaller) {
			width = stored_w;
			height = stored_h;
		}
	}
	if (!pic->pixels) {
		/* Loaded for print only (data kept, not decoded): a resampling
		 * target must load its pictures with pixels. */
		folio_error(w->ctx, FOLIO_ERR_OTHER, w->where,
		            "picture %s was loaded without its pixels", pic->path);
		w->failed = true;
		return NULL;
	}

	HPDF_ColorSpace cs = pic->channels == 1 ? HPDF_CS_DEVICE_GRAY : HPDF_CS_DEVICE_RGB;
	size_t npx = (size_t)stored_w * stored_h;
	bool alpha = pic->alpha && !all_opaque(pic->alpha, npx);
	const unsigned char *px = pic->pixels, *mask = alpha ? pic->alpha : NULL;
	unsigned char *flat = NULL, *small = NULL, *small_mask = NULL;
	if (alpha && w->target == FOLIO_TARGET_PRINT) {
		px = flat = flatten(pic->pixels, pic->alpha, npx, pic->channels);
		mask = NULL;
	}
	if (smaller) {
		/* pixels not fitted after the layout (folio_picture_fit): a
		 * caller of the writer's own */
		small = folio_xmalloc((size_t)width * height * (size_t)pic->channels);
		folio_picture_shrink(px, stored_w, stored_h, stored_w, pic->channels, small, width,
		                     height);
		px = small;
		if (mask) {
			small_mask = folio_xmalloc((size_t)width * height);
			folio_picture_shrink(mask, stored_w, stored_h, stored_w, 1, small_mask, width,
			                     height);
			mask = small_mask;
		}
	}
	/* a photograph made smaller goes in as a JPEG again */
	/* compressed already (pack.c) when its pixels go in as they are */
	const folio_pdf_packed *packed = px == pic->pixels ? folio_pdf_packed_for(w, pic) : NULL;
	HPDF_Image image = raw_image(w, px, width, height, pic->channels, pic->jpeg != NULL, packed);
	HPDF_Image smask = image && mask ? raw_image(w, mask, width, height, 1, false, NULL) : NULL;
	free(flat);
	free(small);
	free(small_mask);
	if (!image)
		return NULL;
	if (pic->icc && w->target == FOLIO_TARGET_PRINT) {
		/* the samples are still in the picture's own profile's space */
		HPDF_Array own = folio_pdf_icc(w, pic->icc, pic->icc_len, pic->channels);
		if (!own || !folio_pdf_ok(w, HPDF_Dict_Add(image, "ColorSpace", own)))
			return NULL;
	} else if (cs == HPDF_CS_DEVICE_RGB && !set_rgb_space(w, image)) {
		return NULL;
	}
	if (mask) {
		if (!smask || !folio_pdf_ok(w, HPDF_Dict_Add(image, "SMask", smask)))
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
