/* fuzz_picture.c: libFuzzer harness for the picture loader: the input is a
 * PNG file given to the loader twice: decoded, and through the print
 * edition's data-only check. */
#include "fuzz_util.h"

#include "doc/doc.h"
#include "load/load.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write(0, "pic.png", data, size);
	folio_ctx *ctx = folio_ctx_new();
	/* Keep the fuzzer's memory small; the limit check itself is under test. */
	ctx->limits.picture_pixels = 4u * 1000 * 1000;
	for (int data_only = 0; data_only < 2; data_only++) {
		int before = ctx->nerrors;
		folio_picture *pic =
		    folio_picture_load_as(ctx, path, "pic.png", (folio_loc){0}, data_only);
		if (!pic && ctx->nerrors == before)
			abort(); /* a refusal must say why */
		if (pic && !pic->pixels && !pic->png_idat)
			abort(); /* a picture has pixels or its PNG data */
	}
	folio_ctx_drop(ctx);
	return 0;
}
