/* fuzz_picture.c: libFuzzer harness for the picture loader: the input is a
 * PNG file given to folio_picture_load. */
#include "fuzz_util.h"

#include "doc/doc.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write(0, "pic.png", data, size);
	folio_ctx *ctx = folio_ctx_new();
	/* Keep the fuzzer's memory small; the limit check itself is under test. */
	ctx->limits.picture_pixels = 4u * 1000 * 1000;
	folio_picture *pic = folio_picture_load(ctx, path, "pic.png", (folio_loc){0});
	if (!pic && ctx->nerrors == 0)
		abort(); /* a refusal must say why */
	folio_ctx_drop(ctx);
	return 0;
}
