/* picture.c: PNG files -> folio_picture, through libpng's simplified API.
 * Gray stays gray, alpha is split off (and dropped when it is all opaque),
 * every sample is 8-bit sRGB-encoded, and the pixel limit is checked from
 * the header before any pixel memory is taken. Files whose compressed data
 * a PDF can carry unchanged keep it too (keep_idat). */
#include "load.h"

#include <png.h>
#include <zlib.h>
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

/* Keep the compressed samples of a PNG the PDF writer can pass through
 * (doc.h, png_idat). The file has been decoded already, so its chunks are
 * sound; the walk still checks every length against the buffer. */
static void keep_idat(folio_ctx *ctx, folio_picture *pic, const unsigned char *data, size_t len)
{
	size_t idat = 0, pos = 8;
	const unsigned char *plte = NULL;
	uint32_t nplte = 0;
	int color = -1;
	for (int pass = 0; pass < 2; pass++) {
		unsigned char *out = pass ? folio_arena_alloc(ctx->arena, idat ? idat : 1) : NULL;
		size_t at = 0;
		for (pos = 8; pos + 12 <= len;) {
			uint32_t n = be32(data + pos);
			const unsigned char *type = data + pos + 4, *body = data + pos + 8;
			if (n > len - pos - 12)
				return;
			if (pass == 0 && !memcmp(type, "IHDR", 4)) {
				/* bit depth 8, colour type 0/2/3, interlace none */
				if (n < 13 || body[8] != 8 || body[12] != 0 ||
				    (body[9] != 0 && body[9] != 2 && body[9] != 3))
					return;
				color = body[9];
			} else if (pass == 0 && !memcmp(type, "PLTE", 4)) {
				plte = body;
				nplte = n / 3;
			} else if (pass == 0 && !memcmp(type, "tRNS", 4)) {
				return;
			} else if (pass == 0 && !memcmp(type, "gAMA", 4)) {
				/* libpng converts other gammas to sRGB when decoding */
				uint32_t g = n >= 4 ? be32(body) : 0;
				if (g < 45000 || g > 46000)
					return;
			} else if (!memcmp(type, "IDAT", 4)) {
				if (pass)
					memcpy(out + at, body, n);
				at += n;
			} else if (!memcmp(type, "IEND", 4)) {
				break;
			}
			pos += 12 + (size_t)n;
		}
		if (pass == 0) {
			if (color < 0 || at == 0 || (color == 3 && (nplte == 0 || nplte > 256)))
				return;
			idat = at;
		} else {
			pic->png_idat = out;
		}
	}
	pic->png_idat_len = idat;
	pic->png_color_type = color;
	if (color == 3) {
		unsigned char *pal = folio_arena_alloc(ctx->arena, (size_t)nplte * 3);
		memcpy(pal, plte, (size_t)nplte * 3);
		pic->png_palette = pal;
		pic->png_palette_entries = (int)nplte;
	}
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

/* Every chunk's CRC, as libpng checks them while decoding. */
static bool chunks_sound(const unsigned char *data, size_t len)
{
	for (size_t pos = 8; pos + 12 <= len;) {
		uint32_t n = be32(data + pos);
		if (n > len - pos - 12)
			return false;
		uint32_t crc = (uint32_t)crc32(0L, data + pos + 4, (uInt)n + 4);
		if (crc != be32(data + pos + 8 + n))
			return false;
		if (!memcmp(data + pos + 4, "IEND", 4))
			return true;
		pos += 12 + (size_t)n;
	}
	return false;
}

/* The kept IDAT stream inflates completely to height rows of 1 + width *
 * samples bytes, each starting with a filter type 0..4: what decoding
 * would have found wrong, without keeping a pixel. */
static bool idat_sound(const folio_picture *pic)
{
	size_t samples = pic->png_color_type == 2 ? 3 : 1;
	uint64_t row = 1 + (uint64_t)pic->width * samples;
	uint64_t want = row * pic->height, got = 0;
	unsigned char out[65536];
	z_stream z;
	memset(&z, 0, sizeof z);
	if (inflateInit(&z) != Z_OK)
		return false;
	z.next_in = (Bytef *)pic->png_idat;
	size_t left = pic->png_idat_len;
	int rc = Z_OK;
	while (rc == Z_OK) {
		if (z.avail_in == 0 && left) {
			uInt take = left > (1u << 30) ? (1u << 30) : (uInt)left;
			z.avail_in = take;
			left -= take;
		}
		z.next_out = out;
		z.avail_out = sizeof out;
		rc = inflate(&z, Z_NO_FLUSH);
		size_t made = sizeof out - z.avail_out;
		for (uint64_t at = (got + row - 1) / row * row; at < got + made; at += row)
			if (out[at - got] > 4)
				rc = Z_DATA_ERROR;
		got += made;
		if (got > want)
			rc = Z_DATA_ERROR;
		if (rc == Z_BUF_ERROR && z.avail_in == 0 && !left)
			break;
	}
	inflateEnd(&z);
	return rc == Z_STREAM_END && got == want;
}

/* The data-only path: the header read by libpng, the samples checked but
 * not decoded. NULL when the file cannot take it (the caller decodes). */
static folio_picture *data_only(folio_ctx *ctx, const char *shown, const unsigned char *data,
                                size_t len)
{
	png_image im;
	memset(&im, 0, sizeof im);
	im.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_memory(&im, data, len))
		return NULL;
	uint32_t width = im.width, height = im.height;
	bool colour = (im.format & PNG_FORMAT_FLAG_COLOR) != 0;
	png_image_free(&im);
	if ((uint64_t)width * height > ctx->limits.picture_pixels || !chunks_sound(data, len))
		return NULL;
	folio_picture *pic = folio_arena_alloc(ctx->arena, sizeof *pic);
	pic->path = folio_arena_strdup(ctx->arena, shown);
	pic->width = width;
	pic->height = height;
	pic->channels = colour ? 3 : 1;
	keep_idat(ctx, pic, data, len);
	if (!pic->png_idat || !idat_sound(pic))
		return NULL;
	return pic;
}

static folio_picture *decode(folio_ctx *ctx, const char *shown, const unsigned char *data,
                             size_t len)
{
	folio_loc here = {shown, 0, 0};
	if (len < 8 || memcmp(data, png_signature, 8) != 0) {
		if (len >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
			folio_error(ctx, FOLIO_ERR_INPUT, here,
			            "JPEG pictures are not supported yet; convert it to "
			            "PNG");
		else
			folio_error(ctx, FOLIO_ERR_INPUT, here, "not a PNG picture");
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
	if (npixels > ctx->limits.picture_pixels) {
		folio_error(ctx, FOLIO_ERR_INPUT, here,
		            "picture is %u x %u pixels, more than the limit of %llu",
		            (unsigned)im.width, (unsigned)im.height,
		            (unsigned long long)ctx->limits.picture_pixels);
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
	} else {
		keep_idat(ctx, pic, data, len);
	}
	return pic;
}

folio_picture *folio_picture_load_as(folio_ctx *ctx, const char *fs_path, const char *shown_path,
                                     folio_loc loc, bool data_only_ok)
{
	if (!shown_path)
		shown_path = fs_path;
	size_t len = 0;
	unsigned char *data =
	    folio_load_slurp(ctx, fs_path, shown_path, loc, ctx->limits.picture_bytes, &len);
	if (!data)
		return NULL;
	folio_picture *pic = NULL;
	bool png = len >= 8 && !memcmp(data, png_signature, 8);
	if (png && !chunk_lengths_fit(ctx, shown_path, data, len)) {
		free(data);
		return NULL;
	}
	if (data_only_ok && png)
		pic = data_only(ctx, shown_path, data, len);
	if (!pic) /* decoding names what is wrong, if anything is */
		pic = decode(ctx, shown_path, data, len);
	free(data);
	return pic;
}

folio_picture *folio_picture_load(folio_ctx *ctx, const char *fs_path, const char *shown_path,
                                  folio_loc loc)
{
	return folio_picture_load_as(ctx, fs_path, shown_path, loc, false);
}
