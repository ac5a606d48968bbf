/* writer.h: private to src/pdf: the state of one folio_pdf_write call, shared
 * by the document (write.c), page content (draw.c) and resource caches
 * (fonts.c, images.c). Nothing outside src/pdf includes it. */
#ifndef FOLIO_PDF_WRITER_H
#define FOLIO_PDF_WRITER_H

#include "pdf.h"

#include <hpdf.h>

/* Where the trim box sits on the sheet, in PDF units from the MediaBox's
 * bottom-left corner. Print: the sheet is the trim plus the bleed plus room
 * for crop marks; screen: the sheet is the trim (write.c, geometry()). */
typedef struct folio_pdf_geom {
	double media_w, media_h;
	double trim_x, trim_y, trim_w, trim_h;
	double bleed; /* 0 on screen */
	bool marks;   /* crop marks outside the bleed (print) */
} folio_pdf_geom;

/* Crop marks: 0.25 pt hairlines, 18 pt long, starting 3 pt outside the
 * bleed, in the trim lines' extension; the sheet leaves 3 pt beyond them. */
#define FOLIO_PDF_MARK_GAP 3.0
#define FOLIO_PDF_MARK_LEN 18.0
#define FOLIO_PDF_MARK_WIDTH 0.25
#define FOLIO_PDF_MARK_ROOM (FOLIO_PDF_MARK_GAP + FOLIO_PDF_MARK_LEN + 3.0)

/* Pictures on screen are resampled to this resolution at their largest
 * placed size (never up). */
#define FOLIO_PDF_SCREEN_PPI 150.0

/* The one mapping from display coordinates (points from the trim's top-left,
 * y down) to PDF user space (from the MediaBox's bottom-left, y up). */
static inline void folio_pdf_map(const folio_pdf_geom *g, double x, double y,
                                 double *px, double *py)
{
	*px = g->trim_x + x;
	*py = g->trim_y + g->trim_h - y;
}

/* A growing byte buffer (content.c): a page's content stream, a CMap. */
typedef struct folio_pdf_buf {
	char *p;
	size_t n, cap;
} folio_pdf_buf;

void folio_pdf_put(folio_pdf_buf *b, const char *s, size_t n);
void folio_pdf_puts(folio_pdf_buf *b, const char *s);
/* A number with at most `decimals` (0..6) decimals, then a space. */
void folio_pdf_num(folio_pdf_buf *b, double v, int decimals);
/* Four upper-case hex digits (a glyph id in a string <...>). */
void folio_pdf_hex4(folio_pdf_buf *b, unsigned v);
void folio_pdf_buf_free(folio_pdf_buf *b);

/* Code points below this map to glyphs through a table per font. */
#define FOLIO_PDF_FONT_LOW 0x500

/* One embedded font (fonts.c): its objects, made on first use, and the
 * glyphs drawn with it, which decide its subset, widths and ToUnicode. */
typedef struct folio_pdf_font {
	const folio_face *face;
	const char *path;
	char name[16]; /* the resource name on every page, "F1" */
	HPDF_Dict type0, cid, descriptor, file, tounicode;
	uint32_t nglyphs;
	uint8_t *used;                     /* a bit per glyph id */
	uint32_t *unicode;                 /* glyph id -> the code point it was drawn for */
	double *width;                     /* glyph id -> advance, 1/1000 em, once used */
	uint16_t low[FOLIO_PDF_FONT_LOW];  /* code point -> glyph id + 1, 0: not asked yet */
} folio_pdf_font;

typedef struct folio_pdf_image {
	const folio_picture *picture;
	HPDF_Image image;
} folio_pdf_image;



typedef struct folio_pdf_tags folio_pdf_tags;

typedef struct folio_pdf_writer {
	folio_ctx *ctx;
	const folio_display *dl;
	folio_target target;
	HPDF_Doc pdf;
	folio_pdf_geom geom;
	HPDF_Page *pages;         /* one per display page, in the arena */
	HPDF_Destination *dests;  /* made on first use, one per page */
	folio_pdf_font **fonts;
	size_t nfonts, capfonts;
	folio_pdf_image *images;
	size_t nimages, capimages;
	HPDF_Array srgb;   /* [/ICCBased <sRGB profile>], made on first use */
	struct folio_pdf_icc *iccs; /* pictures' own profiles, each written once */
	size_t niccs, capiccs;
	HPDF_Array regist; /* [/Separation /All /DeviceCMYK ...], print only */
	HPDF_Array *spots; /* the layout's spot inks, one per dl->spots; print only */
	folio_pdf_tags *tags; /* the screen edition's structure (tags.c), made on first use */
	HPDF_Dict gstates[2]; /* ExtGStates: [0] knocks out, [1] overprints; print only */
	uint64_t *page_digests; /* folio_pdf_options', or NULL */
	/* With page digests: where the page's content names a font or a
	 * picture. The names number them across the document ("F2", "Im3"),
	 * so a picture added on page 1 renames one on page 3; the digest
	 * takes what a name stands for instead of the name. */
	struct folio_pdf_name_mark {
		size_t off, len;
		const folio_pdf_font *font;
		const folio_picture *picture;
	} * marks;
	size_t nmarks, capmarks;
	folio_pdf_buf content;  /* the page being drawn */
	folio_pdf_buf scratch; /* a font's ToUnicode map */
	folio_pdf_buf packed;  /* what folio_pdf_put_deflated compressed */
	struct libdeflate_compressor *deflater; /* made on first use */
	struct libdeflate_compressor *picture_deflater; /* decoded pictures', on first use */
	struct folio_pdf_packed *packs; /* pack.c's, or NULL */
	size_t npacks;
	folio_pdf_packs *kept_packs; /* folio_pdf_options', or NULL */
	/* What the next libharu call is for, so its error message says so. */
	const char *doing;
	folio_loc where;
	bool failed; /* an error is recorded: stop */
} folio_pdf_writer;


/* True when st is HPDF_OK and nothing has failed; otherwise records an error
 * (unless libharu's handler already did) and returns false. */
bool folio_pdf_ok(folio_pdf_writer *w, HPDF_STATUS st);
/* The same for calls that return a handle (NULL on failure). */
bool folio_pdf_got(folio_pdf_writer *w, const void *handle);

#define FOLIO_PDF_TRY(w, call)                                                 \
	do {                                                                       \
		if (!folio_pdf_ok((w), (call)))                                        \
			return false;                                                      \
	} while (0)

/* Streams folio makes are compressed here (libdeflate, FOLIO_PDF_DEFLATE_
 * LEVEL), not by libharu's zlib at its default level: five times faster
 * for files 9% larger on the sample's fonts and pages. `stream` (made with
 * HPDF_DictStream_New, or a page's /Contents) must be empty. */
#define FOLIO_PDF_DEFLATE_LEVEL 1
bool folio_pdf_put_deflated(folio_pdf_writer *w, HPDF_Dict stream, const void *data, size_t len);
/* The same for a decoded picture's samples (the screen edition's, made
 * smaller), compressed harder: they are most of that edition's bytes, and
 * libdeflate at 6 still takes less time than libharu's zlib did. */
#define FOLIO_PDF_PICTURE_LEVEL 6
bool folio_pdf_put_picture(folio_pdf_writer *w, HPDF_Dict stream, const void *data, size_t len);
/* A photograph's samples made smaller, as a JPEG (jpegout.c) of this
 * quality: on screen 85, where the artefacts of a JPEG drawn at 150 ppi
 * are not to be seen, as in InDesign's "High" export; in print 95 with
 * colour at full resolution, as its "Maximum" (the press shows what a
 * screen hides). */
#define FOLIO_PDF_JPEG_QUALITY 85
#define FOLIO_PDF_JPEG_PRINT_QUALITY 95
bool folio_pdf_put_jpeg(folio_pdf_writer *w, HPDF_Dict stream, const unsigned char *px,
                        uint32_t width, uint32_t height, int channels, bool print);
/* The JPEG folio_pdf_put_jpeg writes, into *out (malloc'd, *out_len
 * bytes); touches nothing else, so it may run on any thread. False when
 * libjpeg fails (then nothing is left to free). */
bool folio_pdf_jpeg_encode(const unsigned char *px, uint32_t width, uint32_t height, int channels,
                           bool print, unsigned char **out, size_t *out_len);
/* Compressed data into an empty image stream as it is: a JPEG
 * (DCTDecode), else a zlib stream (FlateDecode). */
bool folio_pdf_put_packed(folio_pdf_writer *w, HPDF_Dict stream, const unsigned char *data,
                          size_t len, bool jpeg);
/* pack.c: the pictures made smaller after the layout, compressed for the
 * PDF two at a time before the pages are drawn (each as the writer would
 * compress it: the same bytes); folio_pdf_packed_for gives a picture's,
 * or NULL (then the writer compresses it itself). */
typedef struct folio_pdf_packed {
	const folio_picture *picture;
	unsigned char *data;
	size_t len;
	bool jpeg;
} folio_pdf_packed;
void folio_pdf_pack_pictures(folio_pdf_writer *w);
const folio_pdf_packed *folio_pdf_packed_for(const folio_pdf_writer *w, const folio_picture *pic);
void folio_pdf_packs_free(folio_pdf_writer *w);
/* The /Filter key of a stream whose data is compressed already, written by
 * libharu's write_fn hook: libharu writes it only for what it compressed. */
HPDF_STATUS folio_pdf_flate_key(HPDF_Dict dict, HPDF_Stream stream);

/* Each returns the resource for the document, loading it on first use. */
folio_pdf_font *folio_pdf_font_for(folio_pdf_writer *w, const folio_face *face);
HPDF_Image folio_pdf_image_for(folio_pdf_writer *w, const folio_picture *pic);
HPDF_Destination folio_pdf_dest(folio_pdf_writer *w, int page);
/* The glyph drawn for cp, marked as used (0 and an error when the font has
 * none), and the advance of a used glyph in thousandths of an em, as the
 * layout measured it. */
uint32_t folio_pdf_font_glyph(folio_pdf_writer *w, folio_pdf_font *f, uint32_t cp);
double folio_pdf_font_width(const folio_pdf_font *f, uint32_t gid);
/* After the last page: each font's subset, widths, names and ToUnicode. */
bool folio_pdf_fonts_finish(folio_pdf_writer *w);

/* Write the content stream and annotations of page `index`. */
bool folio_pdf_draw_page(folio_pdf_writer *w, int index);

/* PDF/X and colour (pdfx.c). The sRGB ICC-based colour space, shared by
 * every RGB picture of a print file; NULL after an error. */
HPDF_Array folio_pdf_srgb(folio_pdf_writer *w);
/* [/ICCBased <profile>] for a picture's own ICC profile of n components,
 * one object per distinct profile. */
HPDF_Array folio_pdf_icc(folio_pdf_writer *w, const unsigned char *icc, size_t len, int n);
/* Crop marks of one page in registration colour (/All), in the page's
 * content stream; the page must be outside any text or path object. */
bool folio_pdf_crop_marks(folio_pdf_writer *w, HPDF_Page page);
/* The same colour: the same inks, and for a spot ink the same tint */
static inline bool folio_pdf_same_color(folio_cmyk a, folio_cmyk b)
{
	return a.c == b.c && a.m == b.m && a.y == b.y && a.k == b.k && a.spot == b.spot &&
	       (!a.spot || a.tint == b.tint);
}

/* What overprints in print: text and rules in 100% K (pdfx.c says why);
 * a spot ink knocks out. */
static inline bool folio_pdf_overprints(folio_cmyk c)
{
	return !c.spot && c.c <= 0 && c.m <= 0 && c.y <= 0 && c.k >= 1;
}

/* The graphics state that makes what follows overprint (on) or knock out
 * (off), made on first use; print only. */
HPDF_Dict folio_pdf_overprint_state(folio_pdf_writer *w, bool on);
/* The OutputIntent and the Info keys PDF/X-3 asks for (after set_info). */
bool folio_pdf_pdfx(folio_pdf_writer *w);
/* An /ID placeholder in the trailer before saving, and the real one
 * patched in after: an MD5 of the lane digest and the length of the file
 * with the placeholder in it (pdfx.c). The placeholder lies in the file's
 * last FOLIO_PDF_ID_TAIL bytes. */
#define FOLIO_PDF_ID_TAIL 1024
bool folio_pdf_id_reserve(folio_pdf_writer *w);
/* The identifier, in hex, of the bytes digested into s. */
void folio_pdf_id_hex(const folio_lanes_state *s, char hex[32]);
/* Where the two placeholders start in tail[0, n): how many were found. */
int folio_pdf_id_find(const unsigned char *tail, size_t n, size_t at[2]);
/* Both steps on a file in memory. */
void folio_pdf_id_patch(unsigned char *buf, size_t len);

/* CMYK -> RGB for the screen edition (pdfx.c). */
void folio_pdf_cmyk_to_rgb(folio_cmyk c, double rgb[3]);

/* tags.c: the screen edition's logical structure. The element an item is
 * drawn as part of (made on first ask), or one of these: */
enum { FOLIO_PDF_TAG_NONE = -2, FOLIO_PDF_TAG_ARTIFACT = -1 };
int folio_pdf_tag_elem(folio_pdf_writer *w, const folio_dl_item *it, const folio_dl_item *next);
/* A link's annotation into the Link element of its text (or a new one in
 * the paragraph it stands in) */
bool folio_pdf_tag_link(folio_pdf_writer *w, int page, const folio_dl_item *it,
                        HPDF_Annotation annot);
/* A Span in `elem` for a hyphen the line breaker added: its ActualText is
 * empty, so the word reads whole */
int folio_pdf_tag_hyphen(folio_pdf_writer *w, int elem);
/* Its structure type ("P"), for the marked content's tag */
const char *folio_pdf_tag_role(folio_pdf_writer *w, int elem);
/* A new MCID on the page for the element's next run of content */
int folio_pdf_tag_mark(folio_pdf_writer *w, int page, int elem);
/* The elements, the parent tree, MarkInfo and Lang, after every page */
bool folio_pdf_tags_finish(folio_pdf_writer *w);

/* xmp.c: the screen edition's XMP metadata stream, as Info says it */
bool folio_pdf_xmp(folio_pdf_writer *w, const char *title, const char *producer);

/* press.c: the print preflight's checks of ink, rules and the trim (the
 * file says which), in the preflight's one pass over the items: begin,
 * each item, end (false when an error was recorded). */
typedef struct folio_press_scan folio_press_scan;
folio_press_scan *folio_pdf_press_begin(folio_ctx *ctx, const folio_display *dl, bool draft);
void folio_pdf_press_item(folio_ctx *ctx, folio_press_scan *s, int page, const folio_dl_item *it);
bool folio_pdf_press_end(folio_ctx *ctx, folio_press_scan *s);
/* The most ink a page puts down (C+M+Y+K, 0..4), and whose: a colour's
 * name, a picture's path, or NULL. */
double folio_pdf_page_ink(const folio_display *dl, int page, const char **what);

/* Raw operators into the content of the page being drawn (w->content). */
bool folio_pdf_raw(folio_pdf_writer *w, HPDF_Page page, const char *ops);
/* pdfx.c: a text string as UTF-16BE with its byte order mark */
HPDF_Binary folio_pdf_utf16(folio_pdf_writer *w, const char *s);

#endif
