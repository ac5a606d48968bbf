/* text.h: from styled runs to set lines. Fonts are measured with FreeType
 * and shaped with HarfBuzz (kerning on, ligatures off), words are split at
 * UAX #14 opportunities (libunibreak) and hyphenated with libhyphen, and
 * paragraphs are broken by total fit (Knuth & Plass, tex.web parts 38-39). */
#ifndef FOLIO_TEXT_H
#define FOLIO_TEXT_H

#include "../core/core.h"
#include "../template/template.h"

/* ---- fonts ---- */
typedef struct folio_fonts folio_fonts; /* cache: each file loaded once */
typedef struct folio_face folio_face;   /* one font file */

folio_fonts *folio_fonts_new(void);
void folio_fonts_drop(folio_fonts *fonts);
/* Before a build reuses the fonts of the last one (folio watch): drop each
 * face whose file changed since it was read, so it is read again. */
void folio_fonts_forget_changed(folio_fonts *fonts);
/* Load (or find in the cache) the TrueType file at path. NULL + error
 * (FOLIO_ERR_INPUT, naming the path) when it cannot be read. */
folio_face *folio_fonts_load(folio_ctx *ctx, folio_fonts *fonts, const char *path);

const char *folio_face_path(const folio_face *face);
/* The font file's bytes, as measured: the PDF writer embeds these, not the
 * file read again. Valid until the fonts are dropped. */
const unsigned char *folio_face_data(const folio_face *face, size_t *len);
/* Vertical metrics as a fraction of the em (multiply by size). */
double folio_face_ascender(const folio_face *face);
double folio_face_descender(const folio_face *face); /* negative */
double folio_face_cap_height(const folio_face *face);
double folio_face_x_height(const folio_face *face);
bool folio_face_has_char(const folio_face *face, uint32_t cp);

/* A shaped glyph: `cluster` is the byte offset in the input it starts at,
 * `advance` is in points at the given size and includes kerning. */
typedef struct {
	uint32_t gid;
	uint32_t cluster;
	double advance;
} folio_glyph;

/* Shape text (kerning on, ligatures off). Glyphs go into the arena. */
size_t folio_face_shape(folio_face *face, const char *utf8, size_t len,
                        double size, folio_arena *arena, folio_glyph **out);
/* Width in points of the shaped text (kerning included). */
double folio_face_measure(folio_face *face, const char *utf8, size_t len,
                          double size);

/* For the PDF writer, which draws glyphs by id (glyphs.c): the glyph a code
 * point maps to (0: none), a glyph's advance as the layout measured it, in
 * ems without kerning, and how many glyphs the face has. */
uint32_t folio_face_glyph(const folio_face *face, uint32_t cp);
double folio_face_glyph_advance(const folio_face *face, uint32_t gid);
uint32_t folio_face_glyph_count(const folio_face *face);

/* ---- hyphenation ---- */
typedef struct folio_hyph folio_hyph;
/* Patterns for a BCP 47 language ("en", "en-GB", "ru"; NULL means "en").
 * A language with no patterns gives NULL and a warning at `loc` (the text is
 * then set without hyphenation); NULL + error (FOLIO_ERR_INPUT) when the
 * pattern file of a known language is missing or unreadable. Russian
 * patterns in KOI8-R are handled here (words are converted with iconv). */
folio_hyph *folio_hyph_load(folio_ctx *ctx, const char *lang, folio_loc loc);
void folio_hyph_drop(folio_hyph *h);
/* The language it was loaded for (NULL for NULL). */
const char *folio_hyph_lang(const folio_hyph *h);
/* Byte offsets into `word` (UTF-8) where a hyphen may go, with at least
 * `left` letters before and `right` after (per run of letters). Punctuation
 * around the word is ignored; words with digits, '@', '/' or other symbols
 * inside, and all-capital words (acronyms), get none. Returns how many
 * were written, in increasing order. */
size_t folio_hyph_word(folio_hyph *h, const char *word, size_t len, int left,
                       int right, size_t *points, size_t max_points);
/* Words the layout hyphenates its own way (`hyphenation: exceptions`), each
 * written with hyphens where it may break ("Nur-Sul-tan") or with none
 * ("Tashkent" stays whole). They come before the patterns, match without
 * regard to case, and keep `left` and `right`. Setting a different list
 * forgets the words hyphenated so far; the same list again costs nothing. */
void folio_hyph_exceptions(folio_hyph *h, const char *const *words, size_t n);

/* ---- paragraphs ---- */
/* One stretch of text in one face, size and colour. */
typedef struct folio_span {
	const char *text;
	size_t len;
	folio_face *face;
	double size;
	folio_cmyk color;
	const char *link; /* or NULL */
	double tracking;  /* 1/1000 em */
	bool code;        /* a code span: never hyphenated, its spaces rigid (as
	                   * TeX's typewriter fonts have them) */
} folio_span;

typedef struct folio_para_spec {
	const folio_span *spans;
	size_t nspans;
	double width;        /* line width, pt */
	double indent;       /* first line indent, pt */
	folio_align align;
	folio_hyph *hyph;    /* NULL: no hyphenation */
	int hyphen_left, hyphen_right;
	double tolerance;    /* TeX's tolerance as a badness; 0 means default */
	int looseness;
	/* Ragged text only: lines of about even length in as many lines as
	 * without it (InDesign's "balance ragged lines"), so a headline does not
	 * end with one word alone. */
	bool balance;
	folio_loc loc;       /* for warnings (overfull line, ...) */
	const char *lang;    /* BCP 47, for quotes, dashes and UAX #14; NULL:
	                      * the language of hyph, else "en" */
	/* Lines (0-based) that must not end with a hyphen: the layout lists
	 * the last line of a column and the line before a picture. */
	const size_t *no_hyphen_lines;
	size_t nno_hyphen_lines;
	/* What the text belongs to, for messages ("article 'Vision'"), or NULL. */
	const char *context;
	/* Where the lines and their pieces go, or NULL for ctx->arena: the
	 * layout keeps them only until they are in the display list. The
	 * texts the pieces point to are in ctx->arena either way. */
	folio_arena *lines_arena;
} folio_para_spec;

/* A piece of a set line: text drawn as one unit at x (relative to the line's
 * left edge). Pieces are split at kerning pairs, so drawing each piece at
 * its x with the font's own advances plus `tracking` after each glyph
 * reproduces the measured positions exactly. `width` is the extent of its
 * glyphs as set (the tracking after the last one left out, as text
 * extraction sees a word): within a word the next piece starts at x + width
 * + tracking. Spaces are never characters of a piece:
 * they are the gaps between pieces (so are no-break and thin spaces, which
 * the PT fonts lack). A justified line that stretches also spaces its
 * letters (at most about 0.05em), one that shrinks tightens them (at most
 * about 0.02em): its pieces' tracking; a cluster of
 * several characters (a letter and its accent) is then a piece of its own,
 * untracked, so the accent stays on its letter. Optical margin alignment: in justified text
 * punctuation hangs into the margins, so the first piece of a line may
 * start before 0 and the last end past spec.width, each by at most its
 * protrusion (less than half an em of its glyph); flush-left text hangs
 * its opening quotes into the left margin only. */
typedef struct folio_piece {
	double x, width;
	double tracking; /* pt after each glyph (the span's tracking and the
	                  * line's letter spacing): PDF's Tc */
	folio_face *face;
	double size;
	folio_cmyk color;
	const char *text; /* UTF-8, may end with the inserted hyphen '-' */
	size_t len;
	const char *link;
} folio_piece;

typedef struct folio_line {
	folio_piece *pieces;
	size_t npieces;
	double width;      /* width of its content as set, the indent included
	                    * and the hanging punctuation left out: spec.width
	                    * for a justified line but the last; a right
	                    * (centred) line starts at spec.width - width (half
	                    * of it) */
	double ratio;      /* adjustment ratio (TeX's r); 0 for ragged lines and
	                    * a paragraph's last line */
	bool hyphenated;   /* ends with an inserted hyphen */
	bool at_space;     /* breaks at a word space (not after a hyphen or a
	                    * slash, nor at the paragraph's end) */
	double ascent;     /* largest ascender of its pieces, pt (positive) */
	double descent;    /* largest descender, pt (positive) */
} folio_line;

typedef struct folio_para {
	folio_line *lines;
	size_t nlines;
} folio_para;

/* Break and set a paragraph. Justified text uses total fit; an unbreakable
 * string is broken anywhere with a warning rather than overflowing. Quotes,
 * dashes and "..." are set by the conventions of spec->lang. Returns false
 * (error at spec->loc, FOLIO_ERR_INPUT) for a character its font lacks, a
 * control character or invalid UTF-8. Lines and pieces are in ctx->arena;
 * piece texts point into it too. */
bool folio_para_set(folio_ctx *ctx, const folio_para_spec *spec, folio_para *out);

#endif
