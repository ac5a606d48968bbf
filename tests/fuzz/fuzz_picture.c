/* fuzz_picture.c: libFuzzer harness for the picture loader: the input is a
 * PNG (or JPEG) file given to the loader twice: decoded, and through the print
 * edition's data-only check; each then made a third of its size, part of it
 * shown, as the screen edition makes it (folio_picture_fit).
 *
 * The two paths do not refuse exactly the same files. The data-only path
 * checks what pdfTeX checks before it copies PNG data into a PDF (chunk
 * order, lengths, every CRC, the zlib header) and does not inflate: the
 * compressed samples the CRCs protect are trusted, so a file whose deflate
 * data is broken under correct CRCs passes there and fails to decode. What
 * is asserted instead: whatever decodes also loads data-only (that path
 * falls back to decoding), with the same shape; and a file kept as PNG data
 * has every chunk CRC and the zlib header right, as checked here on their
 * own, so header- and CRC-level damage is caught by both paths. */
#include "fuzz_util.h"

#include "doc/doc.h"
#include "load/load.h"

#include <stdint.h>
#include <zlib.h>

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Every chunk up to IEND whole and its CRC right; the IDAT data starts with
 * a zlib header (deflate, no preset dictionary, check bits). */
static bool crcs_and_zlib_header_right(const uint8_t *data, size_t size)
{
	uint8_t z[2];
	size_t nz = 0;
	for (size_t pos = 8; pos + 12 <= size;) {
		uint32_t n = be32(data + pos);
		if (n > size - pos - 12 ||
		    (uint32_t)crc32(0, data + pos + 4, (uInt)n + 4) != be32(data + pos + 8 + n))
			return false;
		if (!memcmp(data + pos + 4, "IDAT", 4))
			for (uint32_t k = 0; k < n && nz < 2; k++)
				z[nz++] = data[pos + 8 + k];
		if (!memcmp(data + pos + 4, "IEND", 4))
			return nz == 2 && (z[0] & 0x0F) == 8 && !(z[1] & 0x20) &&
			       ((unsigned)z[0] << 8 | z[1]) % 31 == 0;
		pos += 12 + (size_t)n;
	}
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write(0, "pic.png", data, size);
	folio_ctx *ctx = folio_ctx_new();
	/* Keep the fuzzer's memory small; the limit check itself is under test. */
	ctx->limits.picture_pixels = 4u * 1000 * 1000;
	folio_picture *got[2];
	for (int data_only = 0; data_only < 2; data_only++) {
		int before = ctx->nerrors;
		folio_picture *pic =
		    folio_picture_load_as(ctx, path, "pic.png", (folio_loc){0}, data_only);
		if (!pic && ctx->nerrors == before)
			abort(); /* a refusal must say why */
		if (pic && !pic->pixels && !pic->png_idat && !pic->jpeg)
			abort(); /* a picture has pixels, its PNG data or its JPEG file */
		if (pic && pic->jpeg && !(size >= 3 && data[0] == 0xFF && data[1] == 0xD8))
			abort(); /* a JPEG is a file that starts as one */
		got[data_only] = pic;
	}
	const folio_picture *dec = got[0], *kept = got[1];
	if (dec && !kept)
		abort(); /* the data-only path refused a file that decodes */
	if (dec && (dec->width != kept->width || dec->height != kept->height ||
	            dec->channels != kept->channels))
		abort(); /* the two paths read different shapes */
	if (dec && dec->orientation != kept->orientation)
		abort();
	if (kept && kept->png_idat && !kept->pixels && !crcs_and_zlib_header_right(data, size))
		abort(); /* kept as PNG data with a wrong CRC or zlib header */
	/* The pixels made after the layout (folio_picture_fit) at a third of
	 * the size, part of it shown: from the picture decoded when read and
	 * from the one kept as data, the same samples, of the size said. */
	folio_picture_part part = {0, 0.25, size % 3 ? 1 : 0.5, 1};
	bool fitted[2] = {false, false};
	for (int k = 0; k < 2; k++) {
		folio_picture *pic = got[k];
		if (!pic)
			continue;
		int before = ctx->nerrors;
		bool ok = folio_picture_fit(ctx, pic, pic->width / 3 + 1, pic->height / 3 + 1, &part);
		if (!ok && ctx->nerrors == before)
			abort(); /* a failure says why */
		if (ok && pic->pixels_width && (!pic->pixels || !pic->pixels_height))
			abort(); /* made smaller: pixels of the size said */
		fitted[k] = ok && pic->pixels_width;
	}
	if (fitted[0] && fitted[1]) {
		const folio_picture *a = got[0], *b = got[1];
		size_t n = (size_t)a->pixels_width * a->pixels_height * (size_t)a->channels;
		if (a->pixels_width != b->pixels_width || a->pixels_height != b->pixels_height ||
		    a->pixels_cut != b->pixels_cut || memcmp(a->pixels, b->pixels, n) != 0)
			abort(); /* the two ways to the screen's pixels differ */
	}
	folio_ctx_drop(ctx);
	return 0;
}
