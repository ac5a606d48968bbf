/* icc.c: a picture's own ICC profile (a JPEG's APP2 segments, a PNG's iCCP
 * chunk), kept when the print edition can carry it as the picture's colour
 * space: PDF/X-3 is PDF 1.3, so a version 2 profile, of the picture's
 * colour space, of a class that converts to the connection space. Another
 * is said in a warning, and the picture is taken as one without a profile
 * (sRGB colour, gray, plain CMYK). */
#include "load.h"

#include <string.h>

static uint32_t folio_icc_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

void folio_picture_icc(folio_ctx *ctx, folio_loc here, folio_picture *pic,
                       const unsigned char *icc, size_t len, int components)
{
	static const char *const space[5] = {"", "GRAY", "", "RGB ", "CMYK"};
	const char *why = NULL, *advice = "";
	if (components < 1 || components > 4 || components == 2)
		return;
	if (len < 132 || folio_icc_be32(icc) != len || memcmp(icc + 36, "acsp", 4) != 0) {
		why = "is damaged";
	} else if (memcmp(icc + 16, space[components], 4) != 0) {
		why = "is not for the picture's colours";
	} else if (memcmp(icc + 12, "mntr", 4) && memcmp(icc + 12, "scnr", 4) &&
	           memcmp(icc + 12, "prtr", 4) && memcmp(icc + 12, "spac", 4)) {
		why = "is of a class a PDF cannot use for a picture";
	} else if (icc[8] != 2) {
		why = "is ICC version 4, which PDF/X-3 (PDF 1.3) cannot carry";
		advice = " (save the picture with a version 2 profile, or in sRGB)";
	}
	if (why) {
		folio_warn(ctx, here, "the picture's colour profile %s: its colours are taken as %s%s",
		           why,
		           components == 1   ? "gray"
		           : components == 3 ? "sRGB"
		                             : "plain CMYK",
		           advice);
		return;
	}
	unsigned char *copy = folio_arena_alloc_raw(ctx->arena, len);
	memcpy(copy, icc, len);
	pic->icc = copy;
	pic->icc_len = len;
}
