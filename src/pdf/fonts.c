/* fonts.c: the document's fonts. Each font file is embedded once as a
 * Type 0 font over a CIDFontType2 whose codes are the glyph ids themselves
 * (Identity-H, CIDToGIDMap /Identity): the page content names the glyphs
 * the layout measured, and the font carries exactly those, cut out of the
 * file by HarfBuzz's subsetter when the last page is drawn. Widths (/W) are
 * the advances the layout used; the ToUnicode map sends each glyph back to
 * the character it was drawn for, so text can be copied and searched.
 *
 * libharu's own TrueType path was given up because it maps every code of
 * the Basic Multilingual Plane through the font's cmap when the font is
 * first used (65,536 lookups and a 128 KB CIDToGIDMap per font: 180 M
 * instructions and most of the build's time on the sample). libharu still
 * writes every object; only their contents are made here. */
#include "writer.h"

#include <hb-subset.h>
#include <hb.h>
#include <stdio.h>
#include <string.h>

static bool add_indirect(folio_pdf_writer *w, void *obj)
{
	return folio_pdf_got(w, obj) && folio_pdf_ok(w, HPDF_Xref_Add(w->pdf->xref, obj));
}

static HPDF_Dict new_stream(folio_pdf_writer *w)
{
	HPDF_Dict s = HPDF_DictStream_New(w->pdf->mmgr, w->pdf->xref);
	if (!folio_pdf_got(w, s))
		return NULL;
	return s;
}

/* The objects are made (and numbered) on first use, in drawing order; their
 * contents wait for folio_pdf_fonts_finish, when the glyphs are known. */
folio_pdf_font *folio_pdf_font_for(folio_pdf_writer *w, const folio_face *face)
{
	for (size_t i = 0; i < w->nfonts; i++)
		if (w->fonts[i]->face == face)
			return w->fonts[i];
	const char *path = folio_face_path(face);
	w->doing = "embedding a font";
	w->where = (folio_loc){path, 0, 0};
	folio_pdf_font *f = folio_arena_alloc(w->ctx->arena, sizeof *f);
	f->face = face;
	f->path = path;
	snprintf(f->name, sizeof f->name, "F%zu", w->nfonts + 1);
	f->nglyphs = folio_face_glyph_count(face);
	if (f->nglyphs == 0 || f->nglyphs > 65535) {
		folio_error(w->ctx, FOLIO_ERR_INPUT, w->where,
		            "cannot embed the font: it has %u glyphs", (unsigned)f->nglyphs);
		w->failed = true;
		return NULL;
	}
	f->used = folio_arena_alloc(w->ctx->arena, (f->nglyphs + 7) / 8);
	f->unicode = folio_arena_alloc(w->ctx->arena, f->nglyphs * sizeof *f->unicode);
	f->width = folio_arena_alloc(w->ctx->arena, f->nglyphs * sizeof *f->width);
	f->used[0] = 1; /* .notdef is always part of a TrueType subset */
	f->width[0] = folio_face_glyph_advance(face, 0) * 1000.0;

	HPDF_MMgr mm = w->pdf->mmgr;
	f->type0 = HPDF_Dict_New(mm);
	if (!add_indirect(w, f->type0))
		return NULL;
	f->cid = HPDF_Dict_New(mm);
	if (!add_indirect(w, f->cid))
		return NULL;
	f->descriptor = HPDF_Dict_New(mm);
	if (!add_indirect(w, f->descriptor))
		return NULL;
	f->file = new_stream(w);
	f->tounicode = new_stream(w);
	if (!f->file || !f->tounicode)
		return NULL;
	HPDF_Array descendants = HPDF_Array_New(mm);
	if (!folio_pdf_got(w, descendants))
		return NULL;
	HPDF_STATUS st = HPDF_Dict_AddName(f->type0, "Type", "Font");
	st += HPDF_Dict_AddName(f->type0, "Subtype", "Type0");
	st += HPDF_Dict_AddName(f->type0, "Encoding", "Identity-H");
	st += HPDF_Array_Add(descendants, f->cid);
	st += HPDF_Dict_Add(f->type0, "DescendantFonts", descendants);
	st += HPDF_Dict_Add(f->type0, "ToUnicode", f->tounicode);
	st += HPDF_Dict_AddName(f->cid, "Type", "Font");
	st += HPDF_Dict_AddName(f->cid, "Subtype", "CIDFontType2");
	st += HPDF_Dict_AddName(f->cid, "CIDToGIDMap", "Identity");
	st += HPDF_Dict_Add(f->cid, "FontDescriptor", f->descriptor);
	st += HPDF_Dict_AddName(f->descriptor, "Type", "FontDescriptor");
	st += HPDF_Dict_Add(f->descriptor, "FontFile2", f->file);
	if (!folio_pdf_ok(w, st))
		return NULL;
	HPDF_Dict info = HPDF_Dict_New(mm);
	if (!folio_pdf_got(w, info))
		return NULL;
	st = HPDF_Dict_Add(info, "Registry", HPDF_String_New(mm, "Adobe", NULL));
	st += HPDF_Dict_Add(info, "Ordering", HPDF_String_New(mm, "Identity", NULL));
	st += HPDF_Dict_AddNumber(info, "Supplement", 0);
	st += HPDF_Dict_Add(f->cid, "CIDSystemInfo", info);
	if (!folio_pdf_ok(w, st))
		return NULL;
	w->where = FOLIO_NOWHERE;
	FOLIO_PUSH(w->ctx->arena, w->fonts, w->nfonts, w->capfonts, f);
	return f;
}

static bool used(const folio_pdf_font *f, uint32_t gid)
{
	return f->used[gid >> 3] & (1u << (gid & 7));
}

uint32_t folio_pdf_font_glyph(folio_pdf_writer *w, folio_pdf_font *f, uint32_t cp)
{
	uint32_t gid;
	if (cp < FOLIO_PDF_FONT_LOW && f->low[cp]) {
		gid = f->low[cp] - 1u;
	} else {
		gid = folio_face_glyph(f->face, cp);
		if (gid == 0 || gid >= f->nglyphs) {
			/* the paragraph setter refuses such text first; never
			 * draw a .notdef box silently */
			folio_error(w->ctx, FOLIO_ERR_INPUT, (folio_loc){f->path, 0, 0},
			            "the font has no glyph for U+%04X", (unsigned)cp);
			w->failed = true;
			return 0;
		}
		if (cp < FOLIO_PDF_FONT_LOW)
			f->low[cp] = (uint16_t)(gid + 1);
	}
	if (!used(f, gid)) {
		f->used[gid >> 3] |= (uint8_t)(1u << (gid & 7));
		f->unicode[gid] = cp;
		f->width[gid] = folio_face_glyph_advance(f->face, gid) * 1000.0;
	}
	return gid;
}

double folio_pdf_font_width(const folio_pdf_font *f, uint32_t gid)
{
	return f->width[gid];
}

/* /W: runs of consecutive glyph ids, each with its widths. */
static bool widths(folio_pdf_writer *w, folio_pdf_font *f)
{
	HPDF_MMgr mm = w->pdf->mmgr;
	HPDF_Array all = HPDF_Array_New(mm);
	if (!folio_pdf_got(w, all))
		return false;
	HPDF_STATUS st = HPDF_OK;
	for (uint32_t g = 0; g < f->nglyphs; g++) {
		if (!used(f, g))
			continue;
		HPDF_Array run = HPDF_Array_New(mm);
		if (!folio_pdf_got(w, run))
			return false;
		st += HPDF_Array_AddNumber(all, (HPDF_INT32)g);
		st += HPDF_Array_Add(all, run);
		for (; g < f->nglyphs && used(f, g); g++)
			st += HPDF_Array_AddReal(run, (HPDF_REAL)folio_pdf_font_width(f, g));
	}
	st += HPDF_Dict_Add(f->cid, "W", all);
	return folio_pdf_ok(w, st);
}

/* ToUnicode: bfchar entries, at most 100 per block (PDF 32000-1, 9.10.3). */
static bool to_unicode(folio_pdf_writer *w, folio_pdf_font *f)
{
	folio_pdf_buf *b = &w->scratch;
	b->n = 0;
	folio_pdf_puts(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
	                  "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	                  "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	                  "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	uint32_t g = 1;
	while (g < f->nglyphs) {
		uint32_t block[100];
		int n = 0;
		for (; g < f->nglyphs && n < 100; g++)
			if (used(f, g) && f->unicode[g])
				block[n++] = g;
		if (n == 0)
			break;
		char line[32];
		snprintf(line, sizeof line, "%d beginbfchar\n", n);
		folio_pdf_puts(b, line);
		for (int i = 0; i < n; i++) {
			uint32_t cp = f->unicode[block[i]];
			folio_pdf_puts(b, "<");
			folio_pdf_hex4(b, block[i]);
			folio_pdf_puts(b, "> <");
			if (cp >= 0x10000) {
				cp -= 0x10000;
				folio_pdf_hex4(b, 0xD800 + (cp >> 10));
				folio_pdf_hex4(b, 0xDC00 + (cp & 0x3FF));
			} else {
				folio_pdf_hex4(b, cp);
			}
			folio_pdf_puts(b, ">\n");
		}
		folio_pdf_puts(b, "endbfchar\n");
	}
	folio_pdf_puts(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
	return folio_pdf_put_deflated(w, f->tounicode, b->p, b->n);
}

static int16_t s16(const unsigned char *p)
{
	return (int16_t)((p[0] << 8) | p[1]);
}

static uint16_t u16(const unsigned char *p)
{
	return (uint16_t)((p[0] << 8) | p[1]);
}

/* A big-endian field of a table, or 0 when the table is shorter. */
static const unsigned char *field(hb_blob_t *table, unsigned off, unsigned size)
{
	unsigned len;
	const char *data = hb_blob_get_data(table, &len);
	return data && off + size <= len ? (const unsigned char *)data + off : NULL;
}

/* The descriptor's metrics, in glyph space (1000 units per em). */
static bool describe(folio_pdf_writer *w, folio_pdf_font *f, hb_face_t *face,
                     const char *name)
{
	double k = 1000.0 / hb_face_get_upem(face);
	hb_blob_t *head = hb_face_reference_table(face, HB_TAG('h', 'e', 'a', 'd'));
	hb_blob_t *hhea = hb_face_reference_table(face, HB_TAG('h', 'h', 'e', 'a'));
	hb_blob_t *os2 = hb_face_reference_table(face, HB_TAG('O', 'S', '/', '2'));
	hb_blob_t *post = hb_face_reference_table(face, HB_TAG('p', 'o', 's', 't'));
	const unsigned char *bbox = field(head, 36, 8), *asc = field(hhea, 4, 4);
	const unsigned char *weight = field(os2, 4, 2), *cap = field(os2, 88, 2);
	const unsigned char *angle = field(post, 4, 4);
	double italic = angle ? ((int32_t)(((uint32_t)angle[0] << 24) | (angle[1] << 16) |
	                                   (angle[2] << 8) | angle[3])) / 65536.0
	                      : 0;
	double wt = weight ? u16(weight) : 400;
	HPDF_MMgr mm = w->pdf->mmgr;
	HPDF_Array box = HPDF_Array_New(mm);
	HPDF_STATUS st = folio_pdf_got(w, box) ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
	for (int i = 0; i < 4 && st == HPDF_OK; i++)
		st += HPDF_Array_AddNumber(box, bbox ? (HPDF_INT32)(s16(bbox + 2 * i) * k) : 0);
	st += HPDF_Dict_AddName(f->descriptor, "FontName", name);
	/* Symbolic (4): the glyphs are addressed by id, not by a standard
	 * encoding; Italic (64) for slanted faces. */
	st += HPDF_Dict_AddNumber(f->descriptor, "Flags", italic != 0 ? 4 + 64 : 4);
	st += HPDF_Dict_Add(f->descriptor, "FontBBox", box);
	st += HPDF_Dict_AddReal(f->descriptor, "ItalicAngle", (HPDF_REAL)italic);
	st += HPDF_Dict_AddNumber(f->descriptor, "Ascent", asc ? (HPDF_INT32)(s16(asc) * k) : 0);
	st += HPDF_Dict_AddNumber(f->descriptor, "Descent",
	                          asc ? (HPDF_INT32)(s16(asc + 2) * k) : 0);
	st += HPDF_Dict_AddNumber(f->descriptor, "CapHeight",
	                          cap ? (HPDF_INT32)(s16(cap) * k)
	                              : (asc ? (HPDF_INT32)(s16(asc) * k) : 0));
	/* no stem width is stored in a TrueType font: the usual estimate from
	 * the weight class */
	st += HPDF_Dict_AddNumber(f->descriptor, "StemV",
	                          (HPDF_INT32)(50 + (wt / 65.0) * (wt / 65.0)));
	hb_blob_destroy(head);
	hb_blob_destroy(hhea);
	hb_blob_destroy(os2);
	hb_blob_destroy(post);
	return folio_pdf_ok(w, st);
}

/* The font file cut down to the glyphs drawn, ids kept, hinting and the
 * layout tables (the shaping is done) left out. */
static bool embed(folio_pdf_writer *w, folio_pdf_font *f, hb_face_t *face)
{
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	if (!in)
		return folio_pdf_ok(w, HPDF_FAILD_TO_ALLOC_MEM);
	hb_set_t *glyphs = hb_subset_input_glyph_set(in);
	for (uint32_t g = 0; g < f->nglyphs; g++)
		if (used(f, g))
			hb_set_add(glyphs, g);
	hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	static const hb_tag_t dropped[] = {
	    HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
	    HB_TAG('k', 'e', 'r', 'n'), HB_TAG('D', 'S', 'I', 'G'), HB_TAG('L', 'T', 'S', 'H'),
	    HB_TAG('h', 'd', 'm', 'x'), HB_TAG('g', 'a', 's', 'p'),
	};
	for (size_t i = 0; i < sizeof dropped / sizeof dropped[0]; i++)
		hb_set_add(drop, dropped[i]);
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_RETAIN_GIDS | HB_SUBSET_FLAGS_NO_HINTING);
	hb_face_t *sub = hb_subset_or_fail(face, in);
	hb_subset_input_destroy(in);
	if (!sub) {
		folio_error(w->ctx, FOLIO_ERR_OTHER, (folio_loc){f->path, 0, 0},
		            "cannot embed the font: HarfBuzz could not subset it");
		w->failed = true;
		return false;
	}
	hb_blob_t *blob = hb_face_reference_blob(sub);
	unsigned len;
	const char *data = hb_blob_get_data(blob, &len);
	bool ok = folio_pdf_ok(w, HPDF_Dict_AddNumber(f->file, "Length1", (HPDF_INT32)len)) &&
	          folio_pdf_put_deflated(w, f->file, data, len);
	hb_blob_destroy(blob);
	hb_face_destroy(sub);
	return ok;
}

/* A subset's name starts with six capitals of its own (PDF 32000-1,
 * 9.6.4): here a hash of the glyphs it holds, so builds repeat. */
static void subset_name(const folio_pdf_font *f, hb_face_t *face, char *out, size_t cap)
{
	uint64_t h = folio_fnv1a(FOLIO_FNV_OFFSET, f->used, (f->nglyphs + 7) / 8);
	char tag[7];
	for (int i = 0; i < 6; i++, h /= 26)
		tag[i] = (char)('A' + h % 26);
	tag[6] = 0;
	char ps[96];
	unsigned n = sizeof ps;
	if (!hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &n, ps) ||
	    n == 0)
		snprintf(ps, sizeof ps, "Font");
	/* a PDF name: nothing outside the printable ASCII, no delimiters */
	for (char *p = ps; *p; p++)
		if (*p <= ' ' || *p > '~' || strchr("()<>[]{}/%#", *p))
			*p = '-';
	snprintf(out, cap, "%s+%s", tag, ps);
}

bool folio_pdf_fonts_finish(folio_pdf_writer *w)
{
	for (size_t i = 0; i < w->nfonts; i++) {
		folio_pdf_font *f = w->fonts[i];
		w->doing = "embedding a font";
		w->where = (folio_loc){f->path, 0, 0};
		size_t len = 0;
		const unsigned char *bytes = folio_face_data(f->face, &len);
		hb_blob_t *blob = hb_blob_create((const char *)bytes, (unsigned)len,
		                                 HB_MEMORY_MODE_READONLY, NULL, NULL);
		hb_face_t *face = hb_face_create(blob, 0);
		hb_blob_destroy(blob);
		char name[128];
		subset_name(f, face, name, sizeof name);
		HPDF_STATUS st = HPDF_Dict_AddName(f->type0, "BaseFont", name);
		st += HPDF_Dict_AddName(f->cid, "BaseFont", name);
		bool ok = folio_pdf_ok(w, st) && describe(w, f, face, name) && widths(w, f) &&
		          to_unicode(w, f) && embed(w, f, face);
		hb_face_destroy(face);
		if (!ok)
			return false;
	}
	w->where = FOLIO_NOWHERE;
	return true;
}
