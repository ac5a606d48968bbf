/* pdfx.c: what makes the print file PDF/X-3:2002 and what libharu has no
 * call for: the sRGB ICC-based colour space for pictures, registration
 * colour and crop marks, the OutputIntent and Info keys, the trailer /ID;
 * and the CMYK -> RGB conversion of the screen edition. Objects are built
 * with libharu's low-level dictionary API, so libharu still writes them
 * and keeps the cross-reference table. */
#include "icc.h"
#include "writer.h"

#include <hpdf_encrypt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool folio_pdf_raw(folio_pdf_writer *w, HPDF_Page page, const char *ops)
{
	(void)page; /* the page being drawn: its content is w->content */
	folio_pdf_puts(&w->content, ops);
	return true;
}

/* An indirect object may be shared by many dictionaries (libharu refers to
 * it); a direct one belongs to exactly one. */
static bool make_indirect(folio_pdf_writer *w, void *obj)
{
	return folio_pdf_got(w, obj) && folio_pdf_ok(w, HPDF_Xref_Add(w->pdf->xref, obj));
}

/* [/ICCBased <profile stream>], the stream compressed, its alternate the
 * device space of n components. */
static HPDF_Array iccbased(folio_pdf_writer *w, const unsigned char *icc, size_t len, int n)
{
	HPDF_Dict stream = HPDF_DictStream_New(w->pdf->mmgr, w->pdf->xref);
	if (!folio_pdf_got(w, stream))
		return NULL;
	HPDF_Array cs = HPDF_Array_New(w->pdf->mmgr);
	const char *alternate = n == 1 ? "DeviceGray" : n == 3 ? "DeviceRGB" : "DeviceCMYK";
	if (!folio_pdf_ok(w, HPDF_Dict_AddNumber(stream, "N", n)) ||
	    !folio_pdf_ok(w, HPDF_Dict_AddName(stream, "Alternate", alternate)) ||
	    !folio_pdf_put_deflated(w, stream, icc, len) ||
	    !make_indirect(w, cs) || !folio_pdf_ok(w, HPDF_Array_AddName(cs, "ICCBased")) ||
	    !folio_pdf_ok(w, HPDF_Array_Add(cs, stream)))
		return NULL;
	return cs;
}

HPDF_Array folio_pdf_srgb(folio_pdf_writer *w)
{
	if (w->srgb)
		return w->srgb;
	const char *was = w->doing;
	w->doing = "embedding the sRGB profile";
	w->srgb = iccbased(w, folio_srgb_icc, folio_srgb_icc_len, 3);
	if (w->srgb)
		w->doing = was;
	return w->srgb;
}

struct folio_pdf_icc {
	const unsigned char *icc;
	size_t len;
	HPDF_Array cs;
};

HPDF_Array folio_pdf_icc(folio_pdf_writer *w, const unsigned char *icc, size_t len, int n)
{
	for (size_t i = 0; i < w->niccs; i++)
		if (w->iccs[i].len == len && !memcmp(w->iccs[i].icc, icc, len))
			return w->iccs[i].cs;
	const char *was = w->doing;
	w->doing = "embedding a picture's colour profile";
	struct folio_pdf_icc entry = {icc, len, iccbased(w, icc, len, n)};
	if (!entry.cs)
		return NULL;
	w->doing = was;
	FOLIO_PUSH(w->ctx->arena, w->iccs, w->niccs, w->capiccs, entry);
	return entry.cs;
}

static HPDF_Array cmyk_array(folio_pdf_writer *w, const double v[4])
{
	HPDF_Array a = HPDF_Array_New(w->pdf->mmgr);
	if (!folio_pdf_got(w, a))
		return NULL;
	for (int i = 0; i < 4; i++)
		if (!folio_pdf_ok(w, HPDF_Array_AddReal(a, (HPDF_REAL)v[i])))
			return NULL;
	return a;
}

/* [/Separation /NAME /DeviceCMYK fn]: an ink of its own, whose alternate
 * for viewers and proofs runs from no ink to `full` through a linear type
 * 2 function (PDF 32000-1, 8.6.6.4). */
static HPDF_Array separation(folio_pdf_writer *w, const char *name, const double full[4])
{
	HPDF_MMgr mm = w->pdf->mmgr;
	HPDF_Dict fn = HPDF_Dict_New(mm);
	HPDF_Array domain = HPDF_Array_New(mm);
	HPDF_Array cs = HPDF_Array_New(mm);
	if (!folio_pdf_got(w, fn) || !folio_pdf_got(w, domain) || !make_indirect(w, cs))
		return NULL;
	static const double none[4] = {0, 0, 0, 0};
	HPDF_Array c0 = cmyk_array(w, none), c1 = cmyk_array(w, full);
	if (!c0 || !c1 || !folio_pdf_ok(w, HPDF_Array_AddNumber(domain, 0)) ||
	    !folio_pdf_ok(w, HPDF_Array_AddNumber(domain, 1)) ||
	    !folio_pdf_ok(w, HPDF_Dict_AddNumber(fn, "FunctionType", 2)) ||
	    !folio_pdf_ok(w, HPDF_Dict_Add(fn, "Domain", domain)) ||
	    !folio_pdf_ok(w, HPDF_Dict_Add(fn, "C0", c0)) ||
	    !folio_pdf_ok(w, HPDF_Dict_Add(fn, "C1", c1)) ||
	    !folio_pdf_ok(w, HPDF_Dict_AddNumber(fn, "N", 1)) ||
	    !folio_pdf_ok(w, HPDF_Array_AddName(cs, "Separation")) ||
	    !folio_pdf_ok(w, HPDF_Array_AddName(cs, name)) ||
	    !folio_pdf_ok(w, HPDF_Array_AddName(cs, "DeviceCMYK")) ||
	    !folio_pdf_ok(w, HPDF_Array_Add(cs, fn)))
		return NULL;
	return cs;
}

/* Registration colour: the separation /All prints on every plate; its
 * alternate is 100/100/100/100. */
static HPDF_Array registration(folio_pdf_writer *w)
{
	static const double all[4] = {1, 1, 1, 1};
	if (!w->regist)
		w->regist = separation(w, "All", all);
	return w->regist;
}

/* A name object's bytes as PDF writes them (PDF 32000-1, 7.3.5): what is
 * not a regular character as #xx. libharu writes a name as it is given, so
 * "PANTONE 2945 C" would end at its first space. */
static const char *name_escaped(folio_pdf_writer *w, const char *name)
{
	size_t len = strlen(name);
	char *out = folio_arena_alloc(w->ctx->arena, 3 * len + 1), *o = out;
	for (const unsigned char *c = (const unsigned char *)name; *c; c++) {
		if (*c < 0x21 || *c > 0x7E || strchr("#()<>[]{}/%", *c))
			o += sprintf(o, "#%02X", *c);
		else
			*o++ = (char)*c;
	}
	*o = 0;
	return out;
}

/* The layout's spot ink i, made once for the document. */
static HPDF_Array spot_space(folio_pdf_writer *w, size_t i)
{
	if (!w->spots)
		w->spots = folio_arena_alloc(w->ctx->arena, w->dl->nspots * sizeof *w->spots);
	const folio_spot *sp = &w->dl->spots[i];
	double full[4] = {sp->c, sp->m, sp->y, sp->k};
	if (!w->spots[i])
		w->spots[i] = separation(w, name_escaped(w, sp->name), full);
	return w->spots[i];
}

/* Black overprints, as a printer expects (InDesign's default for its
 * [Black] swatch): text and rules in 100% K print over what lies beneath
 * instead of cutting a white hole out of it, so a plate out of register
 * shows no white halo round the letters. With /OPM 1 the zeros of
 * 0/0/0/100 leave the other plates alone. Everything else knocks out:
 * white or coloured text overprinting would vanish or mix. */
HPDF_Dict folio_pdf_overprint_state(folio_pdf_writer *w, bool on)
{
	if (w->gstates[on])
		return w->gstates[on];
	HPDF_Dict gs = HPDF_Dict_New(w->pdf->mmgr);
	if (!make_indirect(w, gs) ||
	    !folio_pdf_ok(w, HPDF_Dict_AddName(gs, "Type", "ExtGState")) ||
	    !folio_pdf_ok(w, HPDF_Dict_AddBoolean(gs, "OP", on ? HPDF_TRUE : HPDF_FALSE)) ||
	    !folio_pdf_ok(w, HPDF_Dict_AddBoolean(gs, "op", on ? HPDF_TRUE : HPDF_FALSE)) ||
	    !folio_pdf_ok(w, HPDF_Dict_AddNumber(gs, "OPM", 1)))
		return NULL;
	w->gstates[on] = gs;
	return gs;
}

/* The page's /Resources /ColorSpace gets /Reg, the registration colour,
 * and /Sp1, /Sp2 ... the layout's spot inks (draw.c names them so). */
static bool page_color_spaces(folio_pdf_writer *w, HPDF_Page page)
{
	HPDF_Array reg = registration(w);
	if (!reg)
		return false;
	HPDF_Dict res = HPDF_Dict_GetItem(page, "Resources", HPDF_OCLASS_DICT);
	if (!folio_pdf_got(w, res))
		return false;
	HPDF_Dict spaces = HPDF_Dict_GetItem(res, "ColorSpace", HPDF_OCLASS_DICT);
	if (!spaces) {
		spaces = HPDF_Dict_New(w->pdf->mmgr);
		if (!folio_pdf_got(w, spaces) ||
		    !folio_pdf_ok(w, HPDF_Dict_Add(res, "ColorSpace", spaces)))
			return false;
	}
	for (size_t i = 0; i < w->dl->nspots; i++) {
		char key[32];
		snprintf(key, sizeof key, "Sp%zu", i + 1);
		HPDF_Array sp = spot_space(w, i);
		if (!sp || !folio_pdf_ok(w, HPDF_Dict_Add(spaces, key, sp)))
			return false;
	}
	return folio_pdf_ok(w, HPDF_Dict_Add(spaces, "Reg", reg));
}

bool folio_pdf_crop_marks(folio_pdf_writer *w, HPDF_Page page)
{
	const folio_pdf_geom *g = &w->geom;
	if (!g->marks)
		return true;
	w->doing = "drawing crop marks";
	if (!page_color_spaces(w, page))
		return false;
	double off = g->bleed + FOLIO_PDF_MARK_GAP, len = FOLIO_PDF_MARK_LEN;
	double xs[2] = {g->trim_x, g->trim_x + g->trim_w};
	double ys[2] = {g->trim_y, g->trim_y + g->trim_h};
	char buf[1024];
	size_t n = (size_t)snprintf(buf, sizeof buf, "q /Reg CS 1 SCN %.2f w 0 J\n",
	                            FOLIO_PDF_MARK_WIDTH);
	for (int i = 0; i < 2; i++)
		for (int j = 0; j < 2; j++) {
			double x = xs[i], y = ys[j];
			double sx = i ? 1 : -1, sy = j ? 1 : -1; /* outwards */
			/* one mark along the trim's horizontal edge, one along its
			 * vertical edge, both beyond the bleed */
			n += (size_t)snprintf(buf + n, sizeof buf - n,
			                      "%.3f %.3f m %.3f %.3f l S\n%.3f %.3f m %.3f %.3f l S\n",
			                      x + sx * off, y, x + sx * (off + len), y, x,
			                      y + sy * off, x, y + sy * (off + len));
		}
	snprintf(buf + n, sizeof buf - n, "Q\n");
	return folio_pdf_raw(w, page, buf);
}

/* A text string in UTF-16BE with its byte order mark (PDF 32000-1,
 * 7.9.2.2), written as <FEFF...>: what libharu's UTF-8 encoder writes, made
 * here because that encoder builds a 64 K code map (0.6 M instructions)
 * the first time it is asked for. Characters past U+FFFF become surrogate
 * pairs (the encoder cut them to 16 bits). */
HPDF_Binary folio_pdf_utf16(folio_pdf_writer *w, const char *s)
{
	size_t len = strlen(s), n = 2;
	HPDF_BYTE *b = folio_arena_alloc_raw(w->ctx->arena, 2 + 4 * len);
	b[0] = 0xFE, b[1] = 0xFF;
	for (size_t i = 0; i < len;) {
		uint32_t cp = folio_utf8_next(s, len, &i);
		if (cp == 0xFFFFFFFFu)
			cp = 0xFFFD;
		if (cp >= 0x10000) {
			uint32_t v = cp - 0x10000, hi = 0xD800 + (v >> 10), lo = 0xDC00 + (v & 0x3FF);
			b[n++] = (HPDF_BYTE)(hi >> 8), b[n++] = (HPDF_BYTE)hi;
			b[n++] = (HPDF_BYTE)(lo >> 8), b[n++] = (HPDF_BYTE)lo;
		} else {
			b[n++] = (HPDF_BYTE)(cp >> 8), b[n++] = (HPDF_BYTE)cp;
		}
	}
	return HPDF_Binary_New(w->pdf->mmgr, b, (HPDF_UINT)n);
}

/* A text string for a dictionary: ASCII goes as written, anything else
 * in UTF-16BE. */
static void *text_string(folio_pdf_writer *w, const char *s)
{
	bool ascii = true;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p >= 0x80)
			ascii = false;
	return ascii ? (void *)HPDF_String_New(w->pdf->mmgr, s, NULL)
	             : (void *)folio_pdf_utf16(w, s);
}

/* PDF/X-3:2002 (ISO 15930-3): a registered printing condition named in the
 * OutputIntent needs no embedded profile; the Info keys below are required. */
bool folio_pdf_pdfx(folio_pdf_writer *w)
{
	HPDF_MMgr mm = w->pdf->mmgr;
	w->doing = "adding the PDF/X output intent";
	HPDF_Dict intent = HPDF_Dict_New(mm);
	HPDF_Array intents = HPDF_Array_New(mm);
	if (!folio_pdf_got(w, intent) || !folio_pdf_got(w, intents))
		return false;
	/* The printing condition is the layout's (display.h says where it
	 * comes from); FOGRA39 when the layout names none. */
	const folio_display *dl = w->dl;
	const char *id = dl->output_identifier ? dl->output_identifier : "FOGRA39";
	const char *cond = dl->output_condition ? dl->output_condition
	                                        : "Coated FOGRA39 (ISO 12647-2:2004)";
	const char *registry = dl->output_registry ? dl->output_registry : "http://www.color.org";
	const struct {
		const char *key, *value;
	} strings[] = {
	    {"OutputConditionIdentifier", id},
	    {"OutputCondition", cond},
	    {"RegistryName", registry},
	    {"Info", cond},
	};
	FOLIO_PDF_TRY(w, HPDF_Dict_AddName(intent, "Type", "OutputIntent"));
	FOLIO_PDF_TRY(w, HPDF_Dict_AddName(intent, "S", "GTS_PDFX"));
	for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
		FOLIO_PDF_TRY(w, HPDF_Dict_Add(intent, strings[i].key,
		                               text_string(w, strings[i].value)));
	FOLIO_PDF_TRY(w, HPDF_Array_Add(intents, intent));
	FOLIO_PDF_TRY(w, HPDF_Dict_Add(w->pdf->catalog, "OutputIntents", intents));

	w->doing = "setting the PDF/X document information";
	HPDF_Dict info = w->pdf->info;
	if (!folio_pdf_got(w, info))
		return false;
	FOLIO_PDF_TRY(w, HPDF_Dict_Add(info, "GTS_PDFXVersion", text_string(w, "PDF/X-3:2002")));
	FOLIO_PDF_TRY(w, HPDF_Dict_AddName(info, "Trapped", "False"));
	return true;
}

/* 16 bytes of 0xA5: improbable anywhere else in the file's last bytes. */
#define ID_FILL 0xA5
#define ID_HEX "A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5"

bool folio_pdf_id_reserve(folio_pdf_writer *w)
{
	HPDF_BYTE fill[16];
	memset(fill, ID_FILL, sizeof fill);
	w->doing = "reserving the file identifier";
	HPDF_Array id = HPDF_Array_New(w->pdf->mmgr);
	if (!folio_pdf_got(w, id))
		return false;
	for (int i = 0; i < 2; i++)
		FOLIO_PDF_TRY(w, HPDF_Array_Add(id, HPDF_Binary_New(w->pdf->mmgr, fill, 16)));
	return folio_pdf_ok(w, HPDF_Dict_Add(w->pdf->xref->trailer, "ID", id));
}

/* Both halves of the /ID are an MD5 of the lane digest (core/digest.c) and
 * the length of the file as saved, placeholder included: every byte
 * counts, so any change to the text, fonts, structure or a picture changes
 * the identifier, and the same bytes give the same one. The lanes take
 * the bytes as they are written, at a tenth of MD5's cost a byte, so the
 * file is never read back; the trailer comes last and the patch keeps
 * every length, so no offset moves. */
void folio_pdf_id_hex(const folio_lanes_state *s, char hex[32])
{
	uint64_t v[4];
	folio_lanes_end(s, v);
	HPDF_BYTE bytes[40], digest[16];
	for (int k = 0; k < 5; k++) {
		uint64_t x = k < 4 ? v[k] : s->total;
		for (int i = 0; i < 8; i++)
			bytes[8 * k + i] = (HPDF_BYTE)(x >> (56 - 8 * i));
	}
	struct HPDF_MD5Context md5;
	HPDF_MD5Init(&md5);
	HPDF_MD5Update(&md5, bytes, sizeof bytes);
	HPDF_MD5Final(digest, &md5);
	static const char digit[] = "0123456789ABCDEF";
	for (int i = 0; i < 16; i++) {
		hex[2 * i] = digit[digest[i] >> 4];
		hex[2 * i + 1] = digit[digest[i] & 15];
	}
}

int folio_pdf_id_find(const unsigned char *tail, size_t n, size_t at[2])
{
	size_t hexlen = sizeof ID_HEX - 1;
	int found = 0;
	for (size_t i = 0; i + hexlen <= n && found < 2; i++)
		if (memcmp(tail + i, ID_HEX, hexlen) == 0) {
			at[found++] = i;
			i += hexlen - 1;
		}
	return found;
}

void folio_pdf_id_patch(unsigned char *buf, size_t len)
{
	size_t from = len > FOLIO_PDF_ID_TAIL ? len - FOLIO_PDF_ID_TAIL : 0, at[2];
	if (folio_pdf_id_find(buf + from, len - from, at) != 2)
		return;
	folio_lanes_state s;
	folio_lanes_start(&s);
	folio_lanes_add(&s, buf, len);
	char hex[32];
	folio_pdf_id_hex(&s, hex);
	for (int k = 0; k < 2; k++)
		memcpy(buf + from + at[k], hex, sizeof hex);
}

/* The screen edition's colours: as the press prints them (Coated FOGRA39,
 * the print edition's condition; core/cmyk.c), so the screen shows the
 * navy the sheet shows. */
void folio_pdf_cmyk_to_rgb(folio_cmyk c, double rgb[3])
{
	folio_cmyk_srgb(c.c, c.m, c.y, c.k, rgb);
}
