/* picture.c: PNG files -> folio_picture (JPEG files go to jpeg.c), through libpng's simplified API.
 * Gray stays gray, alpha is split off (and dropped when it is all opaque),
 * every sample is 8-bit sRGB-encoded, and the pixel limit is checked from
 * the header before any pixel memory is taken. Files whose compressed data
 * a PDF can carry unchanged keep it too (keep_idat), where it lies in the
 * file's mapping, which then stays until the context is dropped; for the
 * print edition such files are not decoded at all, only their chunks
 * checked (png_walk). */
#include "load.h"

#include <libdeflate.h>
#include <png.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const unsigned char png_signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

static bool all_opaque(const unsigned char *px, size_t n, int stride)
{
	for (size_t i = 0; i < n; i++)
		if (px[i * (size_t)stride + (size_t)stride - 1] != 255)
			return false;
	return true;
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* What a walk over a PNG's chunks found (png_walk). */
typedef struct png_facts {
	uint32_t width, height;
	int depth, color, interlace;
	const unsigned char *plte; /* the PLTE chunk's body, or NULL */
	uint32_t nplte;            /* its RGB triples */
	bool trns;
	bool gama;      /* a gAMA chunk, of value gamma */
	uint32_t gamma; /* 1/gamma x 100000, as the chunk stores it */
	size_t idat_at; /* the first IDAT chunk's offset in the file */
	size_t idat_len; /* the IDAT chunks' bodies joined */
	size_t nidat;    /* the IDAT chunks that are not empty */
	const unsigned char *iccp; /* the iCCP chunk's body, where the spec puts it, or NULL */
	uint32_t niccp;
} png_facts;

static bool chunk_type_ok(const unsigned char *t)
{
	for (int k = 0; k < 4; k++)
		if (!((t[k] >= 'A' && t[k] <= 'Z') || (t[k] >= 'a' && t[k] <= 'z')))
			return false;
	return true;
}

/* The bit depths PNG allows for each colour type (PNG spec, 11.2.2). */
static bool depth_ok(int color, int depth)
{
	switch (color) {
	case 0:
		return depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
	case 3:
		return depth == 1 || depth == 2 || depth == 4 || depth == 8;
	case 2:
	case 4:
	case 6:
		return depth == 8 || depth == 16;
	default:
		return false;
	}
}

/* The structure of a PNG file, as pdfTeX checks it before copying the IDAT
 * data into a PDF: the IHDR first with valid values, every chunk's length
 * and type, with `crcs` every chunk's CRC (the IDAT's too), PLTE and tRNS
 * before the IDAT chunks, which are present and contiguous, IEND last, no
 * unknown critical chunk; and the zlib header of the joined IDAT data
 * (deflate, no preset dictionary, its check bits). The compressed data
 * itself is not inflated: whatever the CRCs protect is trusted. The
 * signature was checked by the caller. */
static bool png_walk(const unsigned char *data, size_t len, bool crcs, png_facts *in)
{
	memset(in, 0, sizeof *in);
	bool ihdr = false, plte = false, idat = false, idat_ended = false;
	unsigned char zhead[2];
	size_t nzhead = 0;
	for (size_t pos = 8; pos + 12 <= len;) {
		uint32_t n = be32(data + pos);
		const unsigned char *type = data + pos + 4, *body = data + pos + 8;
		if (n > 0x7FFFFFFFu || n > len - pos - 12 || !chunk_type_ok(type))
			return false;
		/* libdeflate's CRC-32 (carry-less multiply where the CPU has it):
		 * a tenth of zlib's time on the sample's 1.1 MB of pictures */
		if (crcs && libdeflate_crc32(0, type, (size_t)n + 4) != be32(body + n))
			return false;
		bool is_idat = !memcmp(type, "IDAT", 4);
		if (idat && !is_idat)
			idat_ended = true;
		if (!ihdr) {
			if (memcmp(type, "IHDR", 4) || n != 13)
				return false;
			in->width = be32(body);
			in->height = be32(body + 4);
			in->depth = body[8];
			in->color = body[9];
			in->interlace = body[12];
			if (in->width == 0 || in->width > 0x7FFFFFFFu || in->height == 0 ||
			    in->height > 0x7FFFFFFFu || !depth_ok(in->color, in->depth) ||
			    body[10] != 0 || body[11] != 0 || in->interlace > 1)
				return false;
			ihdr = true;
		} else if (is_idat) {
			if (idat_ended)
				return false; /* IDAT chunks must follow each other */
			if (!idat)
				in->idat_at = pos;
			idat = true;
			for (uint32_t k = 0; k < n && nzhead < 2; k++)
				zhead[nzhead++] = body[k];
			in->idat_len += n;
			in->nidat += n > 0;
		} else if (!memcmp(type, "IEND", 4)) {
			if (n != 0 || !idat)
				return false;
			/* deflate (CM 8) with a window of at most 32 KiB, no preset
			 * dictionary, and the check bits (RFC 1950, 2.2) */
			return nzhead == 2 && in->idat_len > 6 && (zhead[0] & 0x0F) == 8 &&
			       zhead[0] >> 4 <= 7 && !(zhead[1] & 0x20) &&
			       ((unsigned)zhead[0] << 8 | zhead[1]) % 31 == 0 &&
			       (in->color != 3 || plte);
		} else if (!memcmp(type, "IHDR", 4)) {
			return false; /* a second one */
		} else if (!memcmp(type, "PLTE", 4)) {
			if (plte || idat || n == 0 || n % 3 || n / 3 > 256 || in->color == 0 ||
			    in->color == 4)
				return false;
			plte = true;
			in->plte = body;
			in->nplte = n / 3;
		} else if (!(type[0] & 0x20)) {
			return false; /* a critical chunk no decoder knows */
		} else if (!memcmp(type, "tRNS", 4)) {
			if (idat)
				return false;
			in->trns = true;
		} else if (!memcmp(type, "iCCP", 4)) {
			/* before PLTE and IDAT, once; elsewhere a decoder ignores it */
			if (!plte && !idat && !in->iccp) {
				in->iccp = body;
				in->niccp = n;
			}
		} else if (!memcmp(type, "gAMA", 4)) {
			if (idat || n != 4)
				return false;
			in->gama = true;
			in->gamma = be32(body);
		}
		pos += 12 + (size_t)n;
	}
	return false; /* no IEND */
}

/* What the PDF writer can carry as it is (doc.h, png_idat): 8-bit samples,
 * not interlaced, gray, RGB or palette without transparency, and no gamma
 * other than sRGB's (libpng converts other gammas to sRGB when decoding,
 * so png_idat means exactly what pixels would). */
static bool passes_through(const png_facts *in)
{
	return in->depth == 8 && in->interlace == 0 &&
	       (in->color == 0 || in->color == 2 || in->color == 3) && !in->trns &&
	       (!in->gama || (in->gamma >= 45000 && in->gamma <= 46000));
}

/* Keep the IDAT data and palette of a walked file that passes: where they
 * lie in `data`, the file's bytes, which the caller then keeps for the
 * build (keep_file). Copying them out instead cost the sample 1.1 MB of
 * fresh arena pages, a page fault per 4 KB. */
static void keep_idat(folio_ctx *ctx, folio_picture *pic, const unsigned char *data,
                      const png_facts *in)
{
	folio_png_part *parts = folio_arena_alloc_raw(ctx->arena, in->nidat * sizeof *parts);
	size_t k = 0;
	for (size_t pos = in->idat_at, at = 0; at < in->idat_len;) {
		uint32_t n = be32(data + pos);
		if (n)
			parts[k++] = (folio_png_part){data + pos + 8, n};
		at += n;
		pos += 12 + (size_t)n;
	}
	pic->png_idat = parts[0].data;
	pic->png_idat_len = in->idat_len;
	pic->png_idat_parts = parts;
	pic->png_idat_nparts = k;
	pic->png_color_type = in->color;
	if (in->color == 3) {
		pic->png_palette = in->plte;
		pic->png_palette_entries = (int)in->nplte;
	}
}

static void release_file(void *file)
{
	folio_file_drop(file);
}

/* The file's bytes stay for the build when the picture points into them
 * (keep_idat); dropping the context gives them back. */
static void keep_file(folio_ctx *ctx, const folio_file_bytes *file)
{
	folio_file_bytes *kept = folio_arena_alloc(ctx->arena, sizeof *kept);
	*kept = *file;
	folio_ctx_on_drop(ctx, release_file, kept);
}

/* libpng allocates a chunk's declared length before reading it, so a
 * 700-byte file whose text chunk claims 600 MB costs 600 MB: every length
 * is held against the bytes that are really there first. Returns false
 * after recording the error. */
static bool chunk_lengths_fit(folio_ctx *ctx, const char *shown, const unsigned char *data,
                              size_t len)
{
	for (size_t pos = 8; pos + 8 <= len;) {
		uint32_t n = be32(data + pos);
		if ((uint64_t)n + 12 > len - pos) {
			char type[5] = {0};
			for (int k = 0; k < 4; k++) {
				unsigned char c = data[pos + 4 + (size_t)k];
				type[k] = (char)(c >= 0x20 && c < 0x7F ? c : '?');
			}
			return folio_error(ctx, FOLIO_ERR_INPUT, (folio_loc){shown, 0, 0},
			                   "corrupt PNG: chunk '%s' at byte %zu claims %u bytes, "
			                   "more than the %zu left in the file",
			                   type, pos, (unsigned)n, len - pos - 8);
		}
		if (!memcmp(data + pos + 4, "IEND", 4))
			break;
		pos += 12 + (size_t)n;
	}
	return true;
}

/* A walked file's iCCP profile for folio_picture_icc: its name (1 to 79
 * bytes) and a zero, method 0, the profile in a zlib stream. Only a picture
 * whose samples pass into the PDF as they are (`passes`) can carry it:
 * decoding converts them. */
static void png_icc(folio_ctx *ctx, const char *shown, folio_picture *pic, const png_facts *in,
                    bool passes)
{
	if (!in->iccp)
		return;
	folio_loc here = {shown, 0, 0};
	int components = in->color == 0 || in->color == 4 ? 1 : 3;
	if (!passes) {
		folio_warn(ctx, here, "the picture's colour profile is not used (the picture is "
		                      "converted as it is read): its colours are taken as %s",
		           components == 1 ? "gray" : "sRGB");
		return;
	}
	const unsigned char *z = memchr(in->iccp, 0, in->niccp < 80 ? in->niccp : 80);
	size_t at = z ? (size_t)(z - in->iccp) + 2 : in->niccp;
	unsigned char *icc = NULL;
	size_t got = 0;
	enum libdeflate_result r = LIBDEFLATE_BAD_DATA;
	if (z && z > in->iccp && at <= in->niccp && z[1] == 0) {
		struct libdeflate_decompressor *d = libdeflate_alloc_decompressor();
		if (!d)
			abort();
		/* the size is only in the profile: grow until it fits, to 16 MiB */
		for (size_t cap = 64 * 1024; cap <= 16 * 1024 * 1024; cap *= 4) {
			icc = folio_arena_alloc_raw(ctx->arena, cap);
			r = libdeflate_zlib_decompress(d, in->iccp + at, in->niccp - at, icc, cap, &got);
			if (r != LIBDEFLATE_INSUFFICIENT_SPACE)
				break;
		}
		libdeflate_free_decompressor(d);
	}
	if (r != LIBDEFLATE_SUCCESS) {
		folio_warn(ctx, here, "the picture's colour profile is damaged: its colours are taken "
		                      "as %s",
		           components == 1 ? "gray" : "sRGB");
		return;
	}
	folio_picture_icc(ctx, here, pic, icc, got, components);
}

/* The data-only path: the file's structure and CRCs checked (png_walk),
 * nothing inflated. NULL when the file cannot take it or anything is wrong:
 * the caller decodes, which names the fault. */
static folio_picture *data_only(folio_ctx *ctx, const char *shown, const unsigned char *data,
                                size_t len)
{
	png_facts in;
	if (!png_walk(data, len, true, &in) || !passes_through(&in) ||
	    (uint64_t)in.width * in.height > ctx->limits.picture_pixels)
		return NULL;
	folio_picture *pic = folio_arena_alloc(ctx->arena, sizeof *pic);
	pic->path = folio_arena_strdup(ctx->arena, shown);
	pic->width = in.width;
	pic->height = in.height;
	pic->channels = in.color == 0 ? 1 : 3;
	pic->png_file = data;
	pic->png_file_len = len;
	keep_idat(ctx, pic, data, &in);
	png_icc(ctx, shown, pic, &in, true);
	return pic;
}

bool folio_png_pixels(folio_ctx *ctx, const folio_picture *pic, unsigned char *buf)
{
	folio_loc here = {pic->path, 0, 0};
	png_image im;
	memset(&im, 0, sizeof im);
	im.version = PNG_IMAGE_VERSION;
	/* the walk passed it: 8-bit gray, RGB or palette, no transparency */
	bool ok = png_image_begin_read_from_memory(&im, pic->png_file, pic->png_file_len) &&
	          im.width == pic->width && im.height == pic->height;
	if (ok) {
		im.format = pic->channels == 1 ? PNG_FORMAT_GRAY : PNG_FORMAT_RGB;
		ok = png_image_finish_read(&im, NULL, buf, 0, NULL);
	}
	if (!ok)
		folio_error(ctx, FOLIO_ERR_INPUT, here, "corrupt PNG: %s",
		            im.message[0] ? im.message : "its size changed");
	png_image_free(&im);
	return ok;
}

bool folio_picture_fits(folio_ctx *ctx, folio_loc here, uint32_t width, uint32_t height)
{
	if ((uint64_t)width * height <= ctx->limits.picture_pixels)
		return true;
	return folio_error(ctx, FOLIO_ERR_INPUT, here,
	                   "picture is %u x %u pixels, more than the limit of %llu",
	                   (unsigned)width, (unsigned)height,
	                   (unsigned long long)ctx->limits.picture_pixels);
}

static folio_picture *decode(folio_ctx *ctx, const char *shown, const unsigned char *data,
                             size_t len)
{
	folio_loc here = {shown, 0, 0};
	if (len < 8 || memcmp(data, png_signature, 8) != 0) {
		folio_error(ctx, FOLIO_ERR_INPUT, here, "not a PNG or JPEG picture");
		return NULL;
	}

	png_image im;
	memset(&im, 0, sizeof im);
	im.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_memory(&im, data, len)) {
		folio_error(ctx, FOLIO_ERR_INPUT, here, "corrupt PNG: %s", im.message);
		png_image_free(&im);
		return NULL;
	}
	uint64_t npixels = (uint64_t)im.width * im.height;
	if (!folio_picture_fits(ctx, here, im.width, im.height)) {
		png_image_free(&im);
		return NULL;
	}

	/* Untagged 16-bit files are linear to libpng unless told otherwise;
	 * every program that writes them (and every viewer) means sRGB. The
	 * flag is read by finish_read, so it goes in after the header. */
	im.flags |= PNG_IMAGE_FLAG_16BIT_sRGB;
	bool colour = (im.format & PNG_FORMAT_FLAG_COLOR) != 0;
	bool alpha = (im.format & PNG_FORMAT_FLAG_ALPHA) != 0;
	int channels = colour ? 3 : 1;
	int stride = channels + (alpha ? 1 : 0);
	im.format =
	    (colour ? PNG_FORMAT_RGB : PNG_FORMAT_GRAY) | (alpha ? PNG_FORMAT_FLAG_ALPHA : 0);
	if ((uint64_t)im.width * (uint64_t)stride > INT32_MAX) {
		folio_error(ctx, FOLIO_ERR_INPUT, here, "picture is too wide (%u pixels)",
		            (unsigned)im.width);
		png_image_free(&im);
		return NULL;
	}
	size_t size = (size_t)npixels * (size_t)stride;
	unsigned char *buf = folio_arena_alloc(ctx->arena, size ? size : 1);
	if (!png_image_finish_read(&im, NULL, buf, 0, NULL)) {
		folio_error(ctx, FOLIO_ERR_INPUT, here, "corrupt PNG: %s", im.message);
		png_image_free(&im);
		return NULL;
	}

	folio_picture *pic = folio_arena_alloc(ctx->arena, sizeof *pic);
	pic->path = folio_arena_strdup(ctx->arena, shown);
	pic->width = im.width;
	pic->height = im.height;
	pic->channels = channels;
	pic->pixels = buf;
	if (alpha) {
		if (!all_opaque(buf, (size_t)npixels, stride)) {
			pic->alpha = folio_arena_alloc(ctx->arena, (size_t)npixels);
			for (size_t i = 0; i < npixels; i++)
				pic->alpha[i] = buf[i * (size_t)stride + (size_t)channels];
		}
		/* Squeeze the colour samples down in place: the write index never
		 * overtakes the read index. */
		for (size_t i = 0; i < npixels; i++)
			for (int k = 0; k < channels; k++)
				buf[i * (size_t)channels + (size_t)k] =
				    buf[i * (size_t)stride + (size_t)k];
	}
	/* libpng has read the file and checked its CRCs */
	png_facts in;
	if (png_walk(data, len, false, &in)) {
		bool passes = !alpha && passes_through(&in);
		if (passes)
			keep_idat(ctx, pic, data, &in);
		png_icc(ctx, shown, pic, &in, passes);
	}
	return pic;
}

folio_picture *folio_picture_load_as(folio_ctx *ctx, const char *fs_path, const char *shown_path,
                                     folio_loc loc, bool data_only_ok)
{
	if (!shown_path)
		shown_path = fs_path;
	/* mapped, not read: reading would copy 1.1 MB of the sample's
	 * pictures into fresh pages, where the PDF writer can read the IDAT
	 * data in the mapping itself */
	folio_file_bytes file;
	if (!folio_file_get(ctx, fs_path, shown_path, loc, ctx->limits.picture_bytes,
	                    ctx->read_inputs ? FOLIO_FILE_READ : FOLIO_FILE_MAP_ALL, &file))
		return NULL;
	const unsigned char *data = file.data;
	size_t len = file.len;
	folio_picture *pic = NULL;
	if (len >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF) {
		pic = folio_jpeg_load(ctx, shown_path, data, len);
		if (pic)
			keep_file(ctx, &file); /* the PDF carries the file's bytes */
		else
			folio_file_drop(&file);
		return pic;
	}
	bool png = len >= 8 && !memcmp(data, png_signature, 8);
	if (png && !chunk_lengths_fit(ctx, shown_path, data, len)) {
		folio_file_drop(&file);
		return NULL;
	}
	if (data_only_ok && png)
		pic = data_only(ctx, shown_path, data, len);
	if (!pic) /* decoding names what is wrong, if anything is */
		pic = decode(ctx, shown_path, data, len);
	if (pic && pic->png_idat)
		keep_file(ctx, &file);
	else
		folio_file_drop(&file);
	return pic;
}

folio_picture *folio_picture_load(folio_ctx *ctx, const char *fs_path, const char *shown_path,
                                  folio_loc loc)
{
	return folio_picture_load_as(ctx, fs_path, shown_path, loc, false);
}
