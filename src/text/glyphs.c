/* glyphs.c: a face seen glyph by glyph, for the PDF writer: it draws glyph
 * ids and must advance them exactly as the layout measured them, so it asks
 * the same HarfBuzz font the shaper used. */
#include "text_int.h"

uint32_t folio_face_glyph(const folio_face *face, uint32_t cp)
{
	hb_codepoint_t gid = 0;
	return hb_font_get_nominal_glyph(face->hb, cp, &gid) ? (uint32_t)gid : 0;
}

double folio_face_glyph_advance(const folio_face *face, uint32_t gid)
{
	return (double)hb_font_get_glyph_h_advance(face->hb, gid) / face->upem;
}

uint32_t folio_face_glyph_count(const folio_face *face)
{
	return hb_face_get_glyph_count(hb_font_get_face(face->hb));
}
