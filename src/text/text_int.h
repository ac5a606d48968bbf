/* text_int.h: what the files of src/text share and nobody else sees: the
 * face behind folio_face, the paragraph's items (TeX's box, glue and
 * penalty) and the line breaker's interface. */
#ifndef FOLIO_TEXT_INT_H
#define FOLIO_TEXT_INT_H

#include "text.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>

/* cache.c: byte strings to byte strings, malloc'd, bounded. */
typedef struct folio_cache folio_cache;
folio_cache *folio_cache_new(void);
void folio_cache_drop(folio_cache *c);
const void *folio_cache_get(folio_cache *c, const void *key, size_t klen, size_t *vlen);
/* Returns the stored copy of val, or NULL when the cache is full. */
const void *folio_cache_put(folio_cache *c, const void *key, size_t klen, const void *val,
                            size_t vlen);

/* A shaped cluster in font units; offset is its first byte in the text. */
typedef struct folio_shaped {
	uint32_t offset;
	int32_t adv, nominal, xoff;
	bool offsets; /* a mark inside it is displaced: draw it alone */
} folio_shaped;

struct folio_face {
	struct folio_face *next;
	char *path;       /* as given to folio_fonts_load (malloc'd) */
	const char *name; /* its basename, for messages */
	FT_Face ft;
	/* the file's bytes, which FreeType measures and the PDF writer embeds
	 * (one copy, so both see the same font) */
	folio_file_bytes file;
	hb_font_t *hb;         /* scale = upem: positions are exact font units */
	hb_buffer_t *buf;      /* scratch for shaping, reused */
	hb_language_t lang_en; /* for folio_face_shape and _measure */
	int upem;
	double ascender, descender, cap_height, x_height; /* fractions of the em */
	hb_codepoint_t space_gid, hyphen_gid;
	int space_adv, hyphen_adv; /* nominal advances, font units */
	int zero_adv, period_adv;  /* for U+2007 and U+2008 */
	/* coverage of U+0000-U+04FF and U+2000-U+206F, looked up once: a
	 * paragraph asks for every one of its characters */
	uint8_t cover[(0x500 + 0x70) / 8];
	/* which bits of cover are looked up (folio_face_has_char fills it) */
	uint8_t known[(0x500 + 0x70) / 8];
	folio_cache *shaped; /* (language, word) -> its folio_shaped clusters */
	folio_shaped *spare; /* the last result when the cache is full */
	/* shape plans by segment properties (script, language): HarfBuzz would
	 * look its cached plan up again for every word */
	struct {
		hb_segment_properties_t props;
		hb_shape_plan_t *plan;
	} plans[4];
	int nplans;
	int32_t *nominals; /* hmtx advance by glyph id, INT32_MIN: not yet read */
	unsigned nglyphs;
};

/* Shape utf8[off, off+len) with the whole of utf8[0, text_len) as context.
 * Returns the glyph count; infos and positions stay valid until the face
 * shapes again. */
unsigned folio_face_shape_raw(folio_face *face, const char *utf8, size_t text_len, size_t off,
                              size_t len, hb_language_t lang, hb_glyph_info_t **info,
                              hb_glyph_position_t **pos);
/* utf8[0, len) shaped into clusters, from the face's cache when it was
 * shaped before. Valid until the face is dropped (or the next call when the
 * cache is full). */
const folio_shaped *folio_face_clusters(folio_face *face, const char *utf8, size_t len,
                                        hb_language_t lang, size_t *n);
/* Advance of a glyph without kerning (hmtx), font units. */
int folio_face_nominal(folio_face *face, hb_codepoint_t gid);

/* ---- characters: the few Unicode properties the text stage needs, for
 * the scripts the PT fonts cover (Latin, Greek, Cyrillic) ---- */
static inline bool folio_is_mark(uint32_t cp)
{
	return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x483 && cp <= 0x489) ||
	       (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
	       (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
	       (cp >= 0xFE20 && cp <= 0xFE2F) || cp == 0x200D;
}

static inline bool folio_is_letter(uint32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
	       (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
	       (cp >= 0x386 && cp <= 0x3FF && cp != 0x387) ||
	       (cp >= 0x400 && cp <= 0x52F && !(cp >= 0x482 && cp <= 0x489)) ||
	       (cp >= 0x1E00 && cp <= 0x1FFF);
}

/* Lower case for the pattern lookup: the pairs of Latin-1, Latin
 * Extended-A, Greek and Cyrillic. */
static inline uint32_t folio_lower(uint32_t cp)
{
	if ((cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7))
		return cp + 32;
	if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2)
		return cp + 32;
	if (cp >= 0x400 && cp <= 0x40F)
		return cp + 80;
	if (cp >= 0x410 && cp <= 0x42F)
		return cp + 32;
	if (((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177) ||
	     (cp >= 0x460 && cp <= 0x481) || (cp >= 0x48A && cp <= 0x4BF) ||
	     (cp >= 0x4D0 && cp <= 0x52F)) &&
	    !(cp & 1))
		return cp + 1;
	if (((cp >= 0x139 && cp <= 0x148) || (cp >= 0x4C1 && cp <= 0x4CE)) && (cp & 1))
		return cp + 1;
	return cp;
}

static inline bool folio_is_upper(uint32_t cp)
{
	return folio_lower(cp) != cp || cp == 0x4C0;
}

/* ---- items (tex.web part 38) ---- */
typedef enum { FOLIO_BOX, FOLIO_GLUE, FOLIO_PENALTY } folio_item_type;

enum {
	FOLIO_INF_PENALTY = 10000,
	FOLIO_EJECT_PENALTY = -10000,
};

/* What breaking at a penalty means for the set line. */
enum {
	FOLIO_PEN_FLAGGED = 1,   /* a hyphenated break (double_hyphen_demerits) */
	FOLIO_PEN_HYPHEN = 2,    /* breaking here appends '-' */
	FOLIO_PEN_EMERGENCY = 4, /* inside an overlong word: final pass only */
	FOLIO_PEN_INWORD = 8,    /* between units: u0 is the unit before it */
	FOLIO_PEN_LASTWORD = 16, /* hyphenation of the paragraph's last word:
	                          * never used, unless it is an emergency */
};

typedef struct folio_item {
	folio_item_type type;
	int penalty;            /* penalty: its value */
	int flags;              /* penalty: FOLIO_PEN_* */
	double width;           /* box, glue; penalty: width added when breaking here */
	double stretch, shrink; /* glue, finite order */
	double fil;             /* glue: stretch of order fil (\parfillskip) */
	uint32_t u0, u1;        /* box: its units [u0, u1); penalty: u0 = unit before */
	uint32_t word;          /* box, penalty: index of the word it belongs to */
	/* glue and penalties, justified text only: how far the line ending
	 * here may hang into the right margin, and the line after it into the
	 * left one (optical margin alignment, as pdfTeX's protrusion) */
	double protrude_right, protrude_left;
} folio_item;

typedef struct folio_break_params {
	double line_width;
	double background_stretch; /* \leftskip + \rightskip stretch */
	double emergency_stretch;
	int pretolerance, tolerance;
	int looseness;
	int line_penalty, adj_demerits, double_hyphen_demerits, final_hyphen_demerits;
	int max_hyphen_run;            /* consecutive hyphenated lines; 0: no limit */
	const size_t *no_hyphen_lines; /* lines (0-based) that must not end
	                                * with a hyphen */
	size_t nno_hyphen_lines;
	double first_protrude_left; /* the first line's left protrusion */
} folio_break_params;

typedef enum {
	FOLIO_PASS_FIRST,  /* \pretolerance, no hyphenation */
	FOLIO_PASS_SECOND, /* \tolerance, hyphenation points */
	FOLIO_PASS_FINAL,  /* tolerance 10000, emergency stretch and breaks */
} folio_pass;

/* One pass of total fit over items[0, n) (the last item is the forced final
 * break), tex.web part 38. Returns the number of lines, 0 when the pass
 * found no feasible breaks (never in the final pass); (*breaks)[k] is the
 * item index line k ends at. *looseness_met is false when the pass could
 * not reach spec->looseness (TeX then tries the next pass). */
size_t folio_break_pass(folio_arena *scratch, const folio_item *items, size_t n,
                        const folio_break_params *p, folio_pass pass, size_t **breaks,
                        bool *looseness_met);

/* tex.web's inf_bad: a line this bad is as bad as it gets */
#define FOLIO_INF_BAD 10000

/* tex.web section 108: about 100(t/s)^3, computed as TeX does it, in
 * scaled points, so the same paragraph breaks the same way. In line: the
 * breaker asks it of every line it weighs. */
static inline int folio_badness(double t, double s)
{
	/* round to scaled points; both are positive where it matters */
	int64_t ti = (int64_t)(t * 65536.0 + 0.5), si = (int64_t)(s * 65536.0 + 0.5);
	if (ti <= 0)
		return 0;
	if (si <= 0)
		return FOLIO_INF_BAD;
	int64_t r;
	if (ti <= 7230584)
		r = (ti * 297) / si;
	else if (si >= 1663497)
		r = ti / (si / 297);
	else
		r = ti;
	if (r > 1290)
		return FOLIO_INF_BAD;
	return (int)((r * r * r + 0x20000) / 0x40000);
}

/* ---- the paragraph being set ---- */
enum {
	FOLIO_MARK_SHY = 1,     /* a soft hyphen followed this character */
	FOLIO_MARK_ZWSP = 2,    /* a zero-width space followed it */
	FOLIO_MARK_NOBREAK = 4, /* no break after it (U+2011, U+2060) */
};

/* A cluster of glyphs (one character, or a base and its marks). */
typedef struct folio_unit {
	uint32_t start, end; /* bytes of the prepared text */
	uint32_t span;
	double adv;     /* shaped advance (kerning, tracking), pt */
	double nominal; /* what the PDF writer draws: hmtx advances + tracking */
	double xoff;    /* x offset of its first glyph, pt */
	bool kerned;    /* drawn alone its advance would be wrong: a new
	                      * piece starts after it */
} folio_unit;

/* A run of text between spaces; its parts in different spans are shaped
 * separately. */
typedef struct folio_word {
	uint32_t start, end; /* bytes */
	uint32_t u0, u1;     /* units */
} folio_word;

typedef struct folio_par {
	folio_ctx *ctx;
	folio_arena *scratch; /* freed when the paragraph is set */
	folio_arena *lines;   /* the set lines and pieces (spec->lines_arena) */
	const folio_para_spec *spec;
	const char *lang;
	hb_language_t hb_lang;
	char *text; /* prepared text (ctx->arena: the pieces point into it) */
	size_t len;
	size_t *span_start; /* nspans + 1 byte offsets */
	uint8_t *marks;     /* per byte, FOLIO_MARK_* on a character's last byte */
	char *brks;         /* libunibreak's opportunities, per byte */
	folio_unit *units;
	size_t nunits, capunits;
	folio_word *words;
	size_t nwords, capwords;
	folio_piece *pieces; /* a line's pieces as they are set (a line has
	                      * at most a piece a unit) */
	size_t cappieces;
	double em;   /* size of the first span */
	bool ragged; /* align is not justify */
} folio_par;

/* prepare.c: check the spans (glyphs, control characters) and apply the
 * typographic conventions (quotes, dashes, ellipsis). */
bool folio_prepare(folio_par *par);
/* items.c: shape the words (once) ... */
void folio_shape_words(folio_par *par);
/* ... and turn them into items; with hyphenate, the patterns' points too.
 * Overlong words get emergency points. */
size_t folio_build_items(folio_par *par, bool hyphenate, folio_item **items);
/* How far the first line may hang into the left margin (justified text). */
double folio_first_protrusion(const folio_par *par, const folio_item *items, size_t n);

/* Space characters: 0 if cp is not one, else 1 for a stretchable space
 * and 2 for a fixed one. In line: asked of every character. */
static inline int folio_space_kind(uint32_t cp)
{
	if (cp == ' ' || cp == 0xA0)
		return 1;
	if ((cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x3000)
		return 2;
	return 0;
}

#endif
