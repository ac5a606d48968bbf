/* fonts.c: the document's fonts: each font file embedded once, as a
 * TrueType subset addressed in UTF-8 (libharu's Identity-H CID font), with a
 * ToUnicode map that readers accept so text can be copied and searched. */
#include "writer.h"

#include <stdio.h>
#include <string.h>

/* libharu's ToUnicode for its UTF-8 encoder is a copy of the encoding CMap
 * ("begincidrange"), which readers refuse (poppler: "Invalid 'begincidrange'
 * operator in ToUnicode CMap") before guessing from the font's own cmap. The
 * codes libharu writes are the text's UTF-16 code units (UTF8_Encoder_
 * EncodeText_Func), so the right map is the identity on the BMP, written as
 * bfranges that stay within one high byte (PDF 32000-1, 9.10.3) and skip the
 * surrogates, which never occur as codes. The stream is rewritten in place:
 * replacing it would leave the old one in the file. */
static bool fix_to_unicode(folio_pdf_writer *w, HPDF_Font font)
{
	HPDF_Dict cmap = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
	if (!folio_pdf_got(w, cmap))
		return false;
	static const char *const drop[] = {"Type", "CMapName", "CIDSystemInfo", "WMode"};
	for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++) {
		HPDF_STATUS st = HPDF_Dict_RemoveElement(cmap, drop[i]);
		FOLIO_PDF_TRY(w, st == HPDF_DICT_ITEM_NOT_FOUND ? HPDF_OK : st);
	}
	HPDF_MemStream_FreeData(cmap->stream);
	cmap->filter = HPDF_STREAM_FILTER_FLATE_DECODE;

	char buf[8192];
	size_t n = (size_t)snprintf(buf, sizeof buf,
	    "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	int in_block = 0;
	for (unsigned hi = 0; hi < 256; hi++) {
		if (hi >= 0xD8 && hi <= 0xDF)
			continue;
		if (in_block == 0) {
			/* 248 ranges: blocks of at most 100 */
			int left = 248 - (int)(hi < 0xD8 ? hi : hi - 8);
			n += (size_t)snprintf(buf + n, sizeof buf - n, "%d beginbfrange\n",
			                      left < 100 ? left : 100);
		}
		n += (size_t)snprintf(buf + n, sizeof buf - n, "<%02X00> <%02XFF> <%02X00>\n",
		                      hi, hi, hi);
		if (++in_block == 100 || hi == 255) {
			n += (size_t)snprintf(buf + n, sizeof buf - n, "endbfrange\n");
			in_block = 0;
		}
	}
	n += (size_t)snprintf(buf + n, sizeof buf - n,
	                      "endcmap\nCMapName currentdict /CMap defineresource pop\n"
	                      "end\nend\n");
	return folio_pdf_ok(w, HPDF_Stream_Write(cmap->stream, (const HPDF_BYTE *)buf,
	                                         (HPDF_UINT)n));
}

HPDF_Font folio_pdf_font_for(folio_pdf_writer *w, const folio_face *face)
{
	const char *path = folio_face_path(face);
	for (size_t i = 0; i < w->nfonts; i++) {
		folio_pdf_font *f = &w->fonts[i];
		if (f->face == face || strcmp(f->path, path) == 0)
			return f->font;
	}
	w->doing = "embedding a font";
	w->where = (folio_loc){path, 0, 0};
	const char *name = HPDF_LoadTTFontFromFile(w->pdf, path, HPDF_TRUE);
	if (!folio_pdf_got(w, name))
		return NULL;
	HPDF_Font font = HPDF_GetFont(w->pdf, name, "UTF-8");
	if (!folio_pdf_got(w, font) || !fix_to_unicode(w, font))
		return NULL;
	w->where = FOLIO_NOWHERE;
	folio_pdf_font f = {face, path, font};
	FOLIO_PUSH(w->ctx->arena, w->fonts, w->nfonts, w->capfonts, f);
	return font;
}
