/* font.c: the font cache (one FT_Library, one FT_Face and hb_font per file),
 * vertical metrics, coverage and shaping (kerning on, ligatures off). */
#include "text_int.h"

#include <hb-ft.h>
#include <hb-ot.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include FT_TRUETYPE_TABLES_H
#include FT_TRUETYPE_TAGS_H

struct folio_fonts {
	FT_Library lib;
	folio_face *faces;
};

/* Ligatures off: a newsletter set in PT fonts reads as well without them,
 * and libharu draws one glyph per character, so a ligature glyph could not
 * be written anyway. */
static const hb_feature_t folio_features[] = {
    {HB_TAG('k', 'e', 'r', 'n'), 1, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
    {HB_TAG('l', 'i', 'g', 'a'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
    {HB_TAG('c', 'l', 'i', 'g'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
    {HB_TAG('d', 'l', 'i', 'g'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
};

folio_fonts *folio_fonts_new(void)
{
	folio_fonts *fonts = folio_xcalloc(1, sizeof *fonts);
	if (FT_Init_FreeType(&fonts->lib)) {
		free(fonts);
		return NULL;
	}
	return fonts;
}

static void folio_face_free(folio_face *f)
{
	folio_cache_drop(f->shaped);
	free(f->spare);
	for (int i = 0; i < f->nplans; i++)
		hb_shape_plan_destroy(f->plans[i].plan);
	free(f->nominals);
	hb_buffer_destroy(f->buf);
	hb_font_destroy(f->hb); /* drops its reference to the FT_Face */
	folio_file_drop(&f->file);
	free(f->path);
	free(f);
}

void folio_fonts_drop(folio_fonts *fonts)
{
	if (!fonts)
		return;
	folio_face *f = fonts->faces;
	while (f) {
		folio_face *next = f->next;
		folio_face_free(f);
		f = next;
	}
	FT_Done_FreeType(fonts->lib);
	free(fonts);
}

void folio_fonts_forget_changed(folio_fonts *fonts)
{
	for (folio_face **at = &fonts->faces; *at;) {
		folio_face *f = *at;
		if (folio_file_changed(&f->file, f->path)) {
			*at = f->next;
			folio_face_free(f);
		} else {
			at = &f->next;
		}
	}
}

static int folio_cover_index(uint32_t cp);

static const char *folio_ft_error(FT_Error err)
{
	const char *s = FT_Error_String(err);
	return s ? s : "not a font FreeType can read";
}

/* Cap height and x-height from OS/2 (version 2 and later), else from the
 * outline of 'H' and 'x'. */
static double folio_glyph_top(FT_Face ft, uint32_t cp)
{
	FT_UInt gid = FT_Get_Char_Index(ft, cp);
	if (!gid || FT_Load_Glyph(ft, gid, FT_LOAD_NO_SCALE))
		return 0;
	return (double)ft->glyph->metrics.horiBearingY;
}

static void folio_face_metrics(folio_face *f)
{
	FT_Face ft = f->ft;
	double upem = f->upem;
	f->ascender = ft->ascender / upem;
	f->descender = ft->descender / upem;
	TT_OS2 *os2 = FT_Get_Sfnt_Table(ft, FT_SFNT_OS2);
	double cap = 0, x = 0;
	if (os2 && os2->version != 0xFFFF && os2->version >= 2) {
		cap = os2->sCapHeight;
		x = os2->sxHeight;
	}
	if (cap <= 0)
		cap = folio_glyph_top(ft, 'H');
	if (x <= 0)
		x = folio_glyph_top(ft, 'x');
	f->cap_height = cap / upem;
	f->x_height = x / upem;
}

folio_face *folio_fonts_load(folio_ctx *ctx, folio_fonts *fonts, const char *path)
{
	for (folio_face *f = fonts->faces; f; f = f->next)
		if (!strcmp(f->path, path))
			return f;
	folio_loc where = {path, 0, 0};
	/* mapped, FreeType reading the pages of the glyphs asked for; read
	 * when the build must not map (ctx->read_inputs) */
	folio_file_bytes file;
	if (!folio_file_get(ctx, path, path, where, UINT64_MAX,
	                    ctx->read_inputs ? FOLIO_FILE_READ : FOLIO_FILE_MAP, &file))
		return NULL;
	FT_Face ft;
	FT_Error err = FT_New_Memory_Face(fonts->lib, file.data, (FT_Long)file.len, 0, &ft);
	if (err) {
		folio_error(ctx, FOLIO_ERR_INPUT, where, "cannot load font: %s",
		            folio_ft_error(err));
		folio_file_drop(&file);
		return NULL;
	}
	/* libharu embeds TrueType outlines only (shared/docs/LIBHARU.md): a CFF
	 * font would measure fine here and then fail in the PDF writer. */
	FT_ULong glyf_len = 0;
	if (!FT_IS_SFNT(ft) || FT_Load_Sfnt_Table(ft, TTAG_glyf, 0, NULL, &glyf_len) || !glyf_len ||
	    !ft->units_per_EM) {
		FT_Done_Face(ft);
		folio_file_drop(&file);
		folio_error(ctx, FOLIO_ERR_INPUT, where,
		            "not a TrueType font (glyf outlines are needed to embed it)");
		return NULL;
	}
	folio_face *f = folio_xcalloc(1, sizeof *f);
	f->path = folio_xmalloc(strlen(path) + 1);
	strcpy(f->path, path);
	const char *slash = strrchr(f->path, '/');
	f->name = slash ? slash + 1 : f->path;
	f->ft = ft;
	f->file = file;
	f->upem = ft->units_per_EM;
	/* The hb_font owns the FT_Face from here on. HarfBuzz's own OpenType
	 * functions read hmtx/GPOS in font units, so at scale = upem every
	 * advance is an exact integer, independent of any FreeType char size. */
	f->hb = hb_ft_font_create_referenced(ft);
	FT_Done_Face(ft); /* hb_ft_font_create_referenced took its own reference */
	hb_ot_font_set_funcs(f->hb);
	hb_font_set_scale(f->hb, f->upem, f->upem);
	f->buf = hb_buffer_create();
	f->shaped = folio_cache_new();
	f->nglyphs = (unsigned)ft->num_glyphs;
	f->nominals = folio_xmalloc((f->nglyphs ? f->nglyphs : 1) * sizeof *f->nominals);
	for (unsigned g = 0; g < f->nglyphs; g++)
		f->nominals[g] = INT32_MIN;
	f->lang_en = hb_language_from_string("en", -1);
	folio_face_metrics(f);
	f->space_gid = FT_Get_Char_Index(ft, ' ');
	f->hyphen_gid = FT_Get_Char_Index(ft, '-');
	f->space_adv = f->space_gid ? folio_face_nominal(f, f->space_gid) : f->upem / 4;
	f->hyphen_adv = f->hyphen_gid ? folio_face_nominal(f, f->hyphen_gid) : f->upem / 3;
	FT_UInt gid = FT_Get_Char_Index(ft, '0');
	f->zero_adv = gid ? folio_face_nominal(f, gid) : f->upem / 2;
	gid = FT_Get_Char_Index(ft, '.');
	f->period_adv = gid ? folio_face_nominal(f, gid) : f->upem / 4;
	f->next = fonts->faces;
	fonts->faces = f;
	return f;
}

const unsigned char *folio_face_data(const folio_face *face, size_t *len)
{
	*len = face->file.len;
	return face->file.data;
}

const char *folio_face_path(const folio_face *face)
{
	return face->path;
}
double folio_face_ascender(const folio_face *face)
{
	return face->ascender;
}
double folio_face_descender(const folio_face *face)
{
	return face->descender;
}
double folio_face_cap_height(const folio_face *face)
{
	return face->cap_height;
}
double folio_face_x_height(const folio_face *face)
{
	return face->x_height;
}

static int folio_cover_index(uint32_t cp)
{
	if (cp < 0x500)
		return (int)cp;
	if (cp >= 0x2000 && cp < 0x2070)
		return (int)(cp - 0x2000 + 0x500);
	return -1;
}

/* Coverage is looked up the first time a character is asked for: an issue
 * uses a hundred or so of the 1,392 characters the table can hold. The face
 * is the caller's own (malloc'd, never const): the cast only fills a cache. */
bool folio_face_has_char(const folio_face *face, uint32_t cp)
{
	int i = folio_cover_index(cp);
	if (i < 0)
		return FT_Get_Char_Index(face->ft, cp) != 0;
	uint8_t bit = (uint8_t)(1u << (i & 7));
	if (!(face->known[i >> 3] & bit)) {
		folio_face *f = (folio_face *)face;
		f->known[i >> 3] |= bit;
		if (FT_Get_Char_Index(f->ft, cp))
			f->cover[i >> 3] |= bit;
	}
	return face->cover[i >> 3] & bit;
}

int folio_face_nominal(folio_face *face, hb_codepoint_t gid)
{
	if (gid >= face->nglyphs)
		return hb_font_get_glyph_h_advance(face->hb, gid);
	if (face->nominals[gid] == INT32_MIN)
		face->nominals[gid] = hb_font_get_glyph_h_advance(face->hb, gid);
	return face->nominals[gid];
}

/* The face's plan for the buffer's script, language and direction: what
 * hb_shape would find in HarfBuzz's own cache of plans, kept here. */
static hb_shape_plan_t *folio_face_plan(folio_face *face, hb_buffer_t *buf)
{
	hb_segment_properties_t props;
	hb_buffer_get_segment_properties(buf, &props);
	for (int i = 0; i < face->nplans; i++)
		if (hb_segment_properties_equal(&face->plans[i].props, &props))
			return face->plans[i].plan;
	hb_shape_plan_t *plan =
	    hb_shape_plan_create_cached(hb_font_get_face(face->hb), &props, folio_features,
	                                sizeof folio_features / sizeof folio_features[0], NULL);
	if (face->nplans == (int)(sizeof face->plans / sizeof face->plans[0])) {
		/* more scripts than slots: the oldest goes */
		hb_shape_plan_destroy(face->plans[0].plan);
		memmove(&face->plans[0], &face->plans[1],
		        (size_t)(face->nplans - 1) * sizeof face->plans[0]);
		face->nplans--;
	}
	face->plans[face->nplans].props = props;
	face->plans[face->nplans].plan = plan;
	face->nplans++;
	return plan;
}

unsigned folio_face_shape_raw(folio_face *face, const char *utf8, size_t text_len, size_t off,
                              size_t len, hb_language_t lang, hb_glyph_info_t **info,
                              hb_glyph_position_t **pos)
{
	hb_buffer_t *buf = face->buf;
	hb_buffer_clear_contents(buf);
	hb_buffer_add_utf8(buf, utf8, (int)text_len, (unsigned)off, (int)len);
	hb_buffer_set_language(buf, lang);
	hb_buffer_guess_segment_properties(buf);
	/* folio sets left-to-right text: pieces follow the clusters' order */
	hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
	if (hb_buffer_get_length(buf))
		hb_shape_plan_execute(folio_face_plan(face, buf), face->hb, buf, folio_features,
		                      sizeof folio_features / sizeof folio_features[0]);
	unsigned n = 0;
	*info = hb_buffer_get_glyph_infos(buf, &n);
	*pos = hb_buffer_get_glyph_positions(buf, NULL);
	return n;
}

size_t folio_face_shape(folio_face *face, const char *utf8, size_t len, double size,
                        folio_arena *arena, folio_glyph **out)
{
	hb_glyph_info_t *info;
	hb_glyph_position_t *pos;
	unsigned n = folio_face_shape_raw(face, utf8, len, 0, len, face->lang_en, &info, &pos);
	folio_glyph *g = folio_arena_alloc(arena, (n ? n : 1) * sizeof *g);
	double k = size / face->upem;
	for (unsigned i = 0; i < n; i++) {
		g[i].gid = info[i].codepoint;
		g[i].cluster = info[i].cluster;
		g[i].advance = pos[i].x_advance * k;
	}
	*out = g;
	return n;
}

double folio_face_measure(folio_face *face, const char *utf8, size_t len, double size)
{
	size_t n;
	const folio_shaped *c = folio_face_clusters(face, utf8, len, face->lang_en, &n);
	int64_t units = 0;
	for (size_t i = 0; i < n; i++)
		units += c[i].adv;
	return (double)units * size / face->upem;
}

const folio_shaped *folio_face_clusters(folio_face *face, const char *utf8, size_t len,
                                        hb_language_t lang, size_t *n)
{
	char small[256];
	size_t klen = sizeof lang + len;
	char *key = klen <= sizeof small ? small : folio_xmalloc(klen);
	memcpy(key, &lang, sizeof lang);
	memcpy(key + sizeof lang, utf8, len);
	size_t vlen = 0;
	const folio_shaped *hit = folio_cache_get(face->shaped, key, klen, &vlen);
	if (hit) {
		if (key != small)
			free(key);
		*n = vlen / sizeof *hit;
		return hit;
	}
	hb_glyph_info_t *info;
	hb_glyph_position_t *pos;
	unsigned ng = folio_face_shape_raw(face, utf8, len, 0, len, lang, &info, &pos);
	folio_shaped *out = folio_xmalloc((ng ? ng : 1) * sizeof *out);
	size_t nc = 0;
	for (unsigned g = 0; g < ng;) {
		unsigned h = g + 1;
		while (h < ng && info[h].cluster == info[g].cluster)
			h++;
		folio_shaped c = {.offset = info[g].cluster, .xoff = pos[g].x_offset};
		for (unsigned j = g; j < h; j++) {
			c.adv += pos[j].x_advance;
			c.nominal += folio_face_nominal(face, info[j].codepoint);
			c.offsets |= pos[j].y_offset != 0 || (j > g && pos[j].x_offset != 0);
		}
		out[nc++] = c;
		g = h;
	}
	const folio_shaped *kept = folio_cache_put(face->shaped, key, klen, out, nc * sizeof *out);
	if (key != small)
		free(key);
	if (!kept) {
		/* full cache: keep the last result in the face's spare slot */
		free(face->spare);
		face->spare = out;
		*n = nc;
		return out;
	}
	free(out);
	*n = nc;
	return kept;
}
