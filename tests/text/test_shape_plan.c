/* test_shape_plan.c: folio keeps a shape plan per face and script and the
 * nominal advances per glyph (font.c), instead of letting hb_shape look
 * its plan up for every word. Every word here, in six scripts and
 * languages (more than the face keeps plans for, so plans are dropped and
 * made again), must shape exactly as hb_shape shapes it with the same
 * features on a font of its own: glyphs, clusters, advances, offsets. */
#include "text_test.h"
#include "text/text_int.h"

#include <hb-ot.h>

static const hb_feature_t features[] = {
    {HB_TAG('k', 'e', 'r', 'n'), 1, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
    {HB_TAG('l', 'i', 'g', 'a'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
    {HB_TAG('c', 'l', 'i', 'g'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
    {HB_TAG('d', 'l', 'i', 'g'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
};

static int mismatches;

static void same_as_hb_shape(folio_face *face, hb_font_t *ref, const char *word,
                             const char *lang)
{
	hb_language_t l = hb_language_from_string(lang, -1);
	hb_glyph_info_t *info;
	hb_glyph_position_t *pos;
	size_t len = strlen(word);
	unsigned n = folio_face_shape_raw(face, word, len, 0, len, l, &info, &pos);

	hb_buffer_t *buf = hb_buffer_create();
	hb_buffer_add_utf8(buf, word, (int)len, 0, (int)len);
	hb_buffer_set_language(buf, l);
	hb_buffer_guess_segment_properties(buf);
	hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
	hb_shape(ref, buf, features, sizeof features / sizeof features[0]);
	unsigned m;
	hb_glyph_info_t *ri = hb_buffer_get_glyph_infos(buf, &m);
	hb_glyph_position_t *rp = hb_buffer_get_glyph_positions(buf, NULL);
	bool same = n == m;
	for (unsigned i = 0; same && i < n; i++) {
		same = info[i].codepoint == ri[i].codepoint && info[i].cluster == ri[i].cluster &&
		       pos[i].x_advance == rp[i].x_advance && pos[i].x_offset == rp[i].x_offset &&
		       pos[i].y_offset == rp[i].y_offset;
		/* the cached nominal advance is hmtx's */
		same = same && folio_face_nominal(face, info[i].codepoint) ==
		                   hb_font_get_glyph_h_advance(ref, info[i].codepoint);
	}
	if (!same) {
		fprintf(stderr, "'%s' (%s) shapes otherwise than hb_shape\n", word, lang);
		mismatches++;
	}
	hb_buffer_destroy(buf);
}

int main(void)
{
	folio_ctx *ctx = folio_ctx_new();
	folio_fonts *fonts = folio_fonts_new();
	const char *files[] = {"PTSerif-Regular.ttf", "PTSans-Bold.ttf"};
	static const struct {
		const char *word, *lang;
	} words[] = {
	    {"AVATAR", "en"},  {"Typography,", "en"}, {"office", "en"},   {"Wolf’s", "en"},
	    {"жук", "ru"},     {"Қазақстан", "kk"},   {"Кыргызстан", "ky"}, {"ΑΒΓ", "el"},
	    {"1,234.50", "en"}, {"“Future", "en"},     {"Tête-à-tête", "fr"}, {"AV", "de"},
	    {"Аяўлы", "be"},   {"TAVERN", "en"},      {"жүз", "kk"},      {"Ѐ̈", "ru"},
	};
	for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
		folio_face *face = load_face(ctx, fonts, files[f]);
		char rel[256];
		snprintf(rel, sizeof rel, "fonts/%s", files[f]);
		hb_blob_t *blob = hb_blob_create_from_file_or_fail(source_path(rel));
		CHECK(blob != NULL);
		hb_face_t *hf = hb_face_create(blob, 0);
		hb_font_t *ref = hb_font_create(hf);
		hb_ot_font_set_funcs(ref);
		int upem = (int)hb_face_get_upem(hf);
		hb_font_set_scale(ref, upem, upem);
		/* twice round: the second time from the kept plans and cache */
		for (int round = 0; round < 2; round++)
			for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
				same_as_hb_shape(face, ref, words[i].word, words[i].lang);
		CHECK(face->nplans >= 1 && face->nplans <= 4);
		hb_font_destroy(ref);
		hb_face_destroy(hf);
		hb_blob_destroy(blob);
	}
	CHECK(mismatches == 0);
	folio_fonts_drop(fonts);
	folio_ctx_drop(ctx);
	return check_failures ? 1 : 0;
}
