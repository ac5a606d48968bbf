/* test_font.c: the font cache, vertical metrics, coverage and shaping
 * (kerning on, ligatures off) of the PT fonts. */
#include "text_test.h"

int main(void)
{
	folio_ctx *ctx = folio_ctx_new();
	folio_fonts *fonts = folio_fonts_new();
	folio_face *serif = load_face(ctx, fonts, "PTSerif-Regular.ttf");

	/* the cache: the same file is the same face */
	CHECK(load_face(ctx, fonts, "PTSerif-Regular.ttf") == serif);
	CHECK(load_face(ctx, fonts, "PTSerif-Bold.ttf") != serif);
	CHECK(strstr(folio_face_path(serif), "PTSerif-Regular.ttf") != NULL);

	/* kerning: "AV" is narrower than A and V apart */
	double av = folio_face_measure(serif, "AV", 2, 10);
	double a = folio_face_measure(serif, "A", 1, 10), v = folio_face_measure(serif, "V", 1, 10);
	CHECK(av < a + v - 0.1);
	/* measures scale with the size */
	CHECK(fabs(folio_face_measure(serif, "AV", 2, 20) - 2 * av) < 1e-9);
	CHECK(folio_face_measure(serif, "", 0, 10) == 0);

	/* ligatures off: "fi" is two glyphs, one per character */
	folio_glyph *g;
	size_t n = folio_face_shape(serif, "fi", 2, 10, ctx->arena, &g);
	CHECK(n == 2);
	CHECK(n == 2 && g[0].cluster == 0 && g[1].cluster == 1);
	n = folio_face_shape(serif, "AV", 2, 10, ctx->arena, &g);
	CHECK(n == 2 && fabs(g[0].advance + g[1].advance - av) < 1e-9);
	CHECK(n == 2 && g[0].advance < a); /* the kern sits on the A */
	/* clusters are byte offsets: Cyrillic letters take two bytes */
	n = folio_face_shape(serif, "жук", strlen("жук"), 10, ctx->arena, &g);
	CHECK(n == 3 && g[1].cluster == 2 && g[2].cluster == 4);

	/* coverage: Kazakh letters yes, U+2010 and the thin spaces no */
	CHECK(folio_face_has_char(serif, 0x04D9)); /* ә */
	CHECK(folio_face_has_char(serif, 0x0416)); /* Ж */
	CHECK(folio_face_has_char(serif, 0x201C)); /* “ */
	CHECK(!folio_face_has_char(serif, 0x2010));
	CHECK(!folio_face_has_char(serif, 0x2009));
	CHECK(!folio_face_has_char(serif, 0x202F));
	CHECK(!folio_face_has_char(serif, 0x4E2D)); /* 中 */

	/* vertical metrics as fractions of the em */
	double asc = folio_face_ascender(serif), desc = folio_face_descender(serif);
	double cap = folio_face_cap_height(serif), xh = folio_face_x_height(serif);
	CHECK(asc > 0 && 0 > desc);
	CHECK(asc < 1.5 && desc > -0.6);
	CHECK(0.3 < xh && xh < cap && cap < asc);

	/* a missing or broken font file is an input error naming the file */
	CHECK(folio_fonts_load(ctx, fonts, "/nonexistent/Font.ttf") == NULL);
	CHECK(ctx->status == FOLIO_ERR_INPUT);
	CHECK_STR_CONTAINS(find_diag(ctx, "Font.ttf"), "/nonexistent/Font.ttf");
	CHECK(folio_fonts_load(ctx, fonts, source_path("fonts/LICENSE-ParaType.txt")) == NULL);
	CHECK(find_diag(ctx, "LICENSE-ParaType.txt") != NULL);

	folio_fonts_drop(fonts);
	folio_fonts_drop(NULL);
	folio_ctx_drop(ctx);
	CHECK_DONE();
}
