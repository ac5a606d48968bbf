/* picture.c: PNG files -> folio_picture, through libpng's simplified API.
 * Gray stays gray, alpha is split off (and dropped when it is all opaque),
 * every sample is 8-bit sRGB-encoded, and the pixel limit is checked from
 * the header before any pixel memory is taken. */
#include "load.h"

#include <png.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const unsigned char png_signature[8] = {0x89, 'P', 'N', 'G',
                                               '\r', '\n', 0x1A, '\n'};

static bool all_opaque(const unsigned char *px, size_t n, int stride)
{
	for (size_t i = 0; i < n; i++)
		if (px[i * (size_t)stride + (size_t)stride - 1] != 255)
			return false;
	return true;
}

static folio_picture *decode(folio_ctx *ctx, const char *shown,
                             const unsigned char *data, size_t len)
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
	im.format = (colour ? PNG_FORMAT_RGB : PNG_FORMAT_GRAY) |
	            (alpha ? PNG_FORMAT_FLAG_ALPHA : 0);
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
	return pic;
}

folio_picture *folio_picture_load(folio_ctx *ctx, const char *fs_path,
                                  const char *shown_path, folio_loc loc)
{
	if (!shown_path)
		shown_path = fs_path;
	size_t len = 0;
	unsigned char *data = folio_load_slurp(ctx, fs_path, shown_path, loc,
	                                       ctx->limits.picture_bytes, &len);
	if (!data)
		return NULL;
	folio_picture *pic = decode(ctx, shown_path, data, len);
	free(data);
	return pic;
}
