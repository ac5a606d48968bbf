/* doc.h: the document model the loader hands to the later stages: an issue
 * of articles, an article of blocks, a block of styled runs. Plain data,
 * all of it in the build's arena. */
#ifndef FOLIO_DOC_H
#define FOLIO_DOC_H

#include "../core/core.h"

/* A stretch of a PNG file's bytes (an IDAT chunk's body), where the
 * file lies in memory. */
typedef struct folio_png_part {
	const unsigned char *data;
	size_t len;
} folio_png_part;

/* A part of a picture, as fractions of its width and height from its top
 * left corner: the whole is 0, 0, 1, 1. */
typedef struct folio_picture_part {
	double x0, y0, x1, y1;
} folio_picture_part;

/* A decoded picture: 8-bit samples, alpha kept apart so each target can
 * decide (print flattens it, screen may keep it as a soft mask). */
typedef struct folio_picture {
	const char *path;       /* as the user wrote it, for messages */
	uint32_t width, height; /* pixels */
	int channels;           /* 1 gray or 3 RGB */
	unsigned char *pixels;  /* width*height*channels, row-major, top row first;
	                         * NULL when only png_idat was kept (load options) */
	unsigned char *alpha;   /* width*height, or NULL when fully opaque */
	/* The PNG's own compressed samples (its IDAT chunks joined), which a
	 * PDF can carry as they are (FlateDecode with the PNG predictor). Kept
	 * only for 8-bit, non-interlaced files without alpha, tRNS or a gamma
	 * other than sRGB's, so they mean exactly what `pixels` holds; else NULL.
	 * The data is png_idat_len bytes in all: the png_idat_nparts spans of
	 * png_idat_parts joined (each IDAT chunk's body where the file's bytes
	 * lie, not copied), or, with no parts, png_idat itself. png_idat is the
	 * first byte, so it is contiguous only with at most one part. */
	const unsigned char *png_idat;
	size_t png_idat_len;
	const folio_png_part *png_idat_parts;
	size_t png_idat_nparts;
	int png_color_type;                /* 0 gray, 2 RGB, 3 palette */
	/* A PNG kept without its pixels (png_idat, load options): the whole
	 * file where it lies in the mapping, for folio_picture_fit to decode
	 * once the screen edition knows what size it needs; else NULL. */
	const unsigned char *png_file;
	size_t png_file_len;
	const unsigned char *png_palette; /* colour type 3: RGB triples */
	int png_palette_entries;
	/* A JPEG's whole file, which a PDF carries as it is (DCTDecode), where
	 * it lies in the file's mapping; NULL for a PNG. Its components: 1
	 * gray, 3 colour, 4 CMYK (inverted: Adobe's way, stored 255 - ink). */
	const unsigned char *jpeg;
	size_t jpeg_len;
	int jpeg_components;
	bool jpeg_inverted;
	/* Its ICC profile (jpeg.c says which are kept), or NULL: as stored. */
	const unsigned char *icc;
	size_t icc_len;
	/* Exif orientation, 1 to 8 (1 as stored): width and height above are
	 * the picture as seen, so 5 to 8 (a quarter turn) store them swapped,
	 * and pixels, when decoded, are as stored. */
	int orientation;
	/* The size of pixels when it is smaller than the stored picture (made
	 * by folio_picture_fit: a JPEG decoded at 1/2, 1/4 or 1/8, what
	 * libjpeg decodes fastest, and pixels shrunk to the size an edition
	 * needs); 0 when pixels are the stored size. */
	uint32_t pixels_width, pixels_height;
	/* With pixels_cut, pixels hold only this part of the stored picture
	 * (folio_picture_fit, for a picture cut to a frame): the PDF draws
	 * them where that part of the whole falls. */
	bool pixels_cut;
	folio_picture_part pixels_part;
	/* A CMYK JPEG's ink where it is darkest, C+M+Y+K in 0..4 over areas of
	 * 8 x 8 pixels, measured for the print edition's preflight
	 * (folio_jpeg_ink); 0 for every other picture. */
	double ink;
} folio_picture;

/* Run styles are bit flags so ***both*** combines; CODE is a `code span`. */
enum { FOLIO_RUN_ITALIC = 1, FOLIO_RUN_BOLD = 2, FOLIO_RUN_CODE = 4 };

typedef struct folio_run {
	const char *text; /* UTF-8, no NUL inside; soft line breaks become ' ' */
	size_t len;
	int flags;        /* FOLIO_RUN_ITALIC | FOLIO_RUN_BOLD | FOLIO_RUN_CODE */
	const char *link; /* URL of a [link](...), or NULL */
} folio_run;

typedef enum {
	FOLIO_BLOCK_PARAGRAPH,
	FOLIO_BLOCK_HEADING,   /* level 2 (##) or 3 (###); level 1 is set as 2 */
	FOLIO_BLOCK_LIST_ITEM, /* one item; marker says "•" or "3." */
	FOLIO_BLOCK_QUOTE,     /* pull quote: runs, plus attribution runs */
	FOLIO_BLOCK_FIGURE,    /* picture placed in the column */
} folio_block_kind;

typedef enum { FOLIO_WIDTH_COLUMN = 0, FOLIO_WIDTH_PAGE = 1 } folio_width;

/* Which part of a picture cut to a frame of another shape is kept. */
typedef enum {
	FOLIO_FOCUS_CENTER = 0,
	FOLIO_FOCUS_TOP,
	FOLIO_FOCUS_BOTTOM,
	FOLIO_FOCUS_LEFT,
	FOLIO_FOCUS_RIGHT,
} folio_focus;

typedef struct folio_figure {
	folio_picture *picture;
	const char *caption; /* UTF-8 or NULL */
	const char *credit;  /* UTF-8 or NULL */
	folio_width width;
	/* The frame's width over its height when the picture is cut to it
	 * (`crop: 3:2`), or 0: the picture's own shape. The picture fills the
	 * frame, and `focus` says which part of it stays in view. */
	double crop;
	folio_focus focus;
	folio_loc loc;
} folio_figure;

typedef struct folio_block {
	folio_block_kind kind;
	folio_loc loc;    /* where it starts in the Markdown file */
	int level;        /* heading level; list nesting depth (0 = top) */
	const char *marker; /* list item marker, UTF-8: "•", "1." */
	folio_run *runs;
	size_t nruns;
	folio_run *attribution; /* quote only: the "-- Name" line, dash removed */
	size_t nattribution;
	folio_figure figure;    /* figure only */
} folio_block;

typedef enum {
	FOLIO_START_FLOW = 0,
	FOLIO_START_COLUMN,
	FOLIO_START_PAGE
} folio_start;

typedef enum { FOLIO_STYLE_ARTICLE = 0, FOLIO_STYLE_PANEL } folio_article_style;

typedef struct folio_article {
	folio_loc loc;        /* the "- title:" entry in issue.yaml */
	const char *title;    /* required, non-empty */
	const char *section;  /* kicker, or NULL */
	const char *contents; /* label in the contents box, or NULL: left out */
	const char *body_path; /* the Markdown file as written, or NULL for text: */
	folio_figure *image;  /* lead picture or NULL */
	folio_start start;
	folio_article_style style;
	/* its language when it is not the issue's (hyphenation, quotes, the
	 * screen edition's Lang), or NULL */
	const char *language;
	folio_loc language_loc;
	folio_block *blocks;
	size_t nblocks;
} folio_article;

typedef struct folio_issue {
	const char *path; /* issue.yaml as given */
	const char *dir;  /* folder of issue.yaml: the root of every relative path */
	const char *newsletter;
	const char *tagline; /* or NULL */
	const char *issue;
	int year, month, day;
	const char *date;     /* as written, "2022-09-30" */
	const char *language; /* "en", "ru", ... (default "en") */
	const char *layout;   /* name or path (default "quarterly") */
	folio_loc layout_loc;
	const char *website;  /* or NULL */
	const char *contents_title; /* or NULL: "In this issue" in the issue's language */
	folio_article *articles;
	size_t narticles;
} folio_issue;

typedef struct folio_load_options {
	bool allow_outside; /* paths may leave the issue folder */
	/* Pictures whose PNG data the PDF carries unchanged (png_idat) are
	 * checked but not decoded: pixels stays NULL. The print edition needs
	 * no pixels for them; the screen edition decodes those it resamples
	 * once the layout has placed them (folio_picture_fit). */
	bool keep_png_data_only;
} folio_load_options;

/* Load issue.yaml and everything it names (Markdown bodies, pictures).
 * NULL on failure, with every error found recorded in ctx. */
folio_issue *folio_issue_load(folio_ctx *ctx, const char *path,
                              const folio_load_options *opts);

/* Decode a PNG with libpng's simplified API; header size is checked against
 * ctx->limits before any pixel memory is taken. A picture that keeps its
 * PNG data (png_idat) points into the file's mapping, which ctx keeps until
 * folio_ctx_drop. */
/* Decode a JPEG picture (jpeg.c) for the screen edition into pixels of at
 * least need_w x need_h (as seen), at the smallest of libjpeg's scales
 * that has them: pixels_width and pixels_height say the size when smaller
 * than stored. False after recording the error. */
bool folio_jpeg_decode(folio_ctx *ctx, folio_picture *pic, uint32_t need_w, uint32_t need_h);
/* Measure a CMYK JPEG's pic->ink (jpeg.c); nothing for other pictures. */
bool folio_jpeg_ink(folio_ctx *ctx, folio_picture *pic);

folio_picture *folio_picture_load(folio_ctx *ctx, const char *fs_path,
                                  const char *shown_path, folio_loc loc);

/* The pixels for a picture an edition needs at most w x h pixels large (as
 * seen; load/fit.c: the screen's 150 ppi, print's resample_to), of which
 * only the part `seen` shows (as seen; NULL: the whole): a PNG kept without pixels or a JPEG is decoded,
 * and pixels larger than that are shrunk to it (box filter), cut to the
 * part shown, the large ones given back at once; pixels_width and
 * pixels_height then say the size, pixels_part the part. Nothing is
 * decoded for a picture no larger than w x h (its own data goes in as it
 * is, whole). False after recording the error. */
bool folio_picture_fit(folio_ctx *ctx, folio_picture *pic, uint32_t w, uint32_t h,
                       const folio_picture_part *seen);

/* The size of pic's pixels as they lie in memory (load/fit.c): as stored
 * (a quarter turn from as seen for orientations 5 to 8), or as made
 * smaller (pixels_width, pixels_height). */
void folio_picture_pixels_size(const folio_picture *pic, uint32_t *w, uint32_t *h);

/* Box filter (load/shrink.c): each of the dw x dh samples of out is the
 * mean of the source samples its area covers; the source, sw x sh samples
 * in rows `stride` samples apart, is at least as large in both
 * directions. */
void folio_picture_shrink(const unsigned char *src, uint32_t sw, uint32_t sh, size_t stride,
                          int channels, unsigned char *out, uint32_t dw, uint32_t dh);

/* Debug walker: checks the invariants of a loaded issue (every run is valid
 * UTF-8, figures have pictures, ...). Returns false on the first violation. */
bool folio_issue_check(const folio_issue *issue);

#endif
