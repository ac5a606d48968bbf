/* display.h: the output of layout: per page, a list of positioned glyph
 * runs, rectangles, rules and pictures. The PDF writer knows nothing else,
 * and --dump-layout prints exactly this. Coordinates are points from the
 * top-left corner of the trim box, y growing downwards. */
#ifndef FOLIO_DISPLAY_H
#define FOLIO_DISPLAY_H

#include "../doc/doc.h"
#include "../template/template.h"
#include "../text/text.h"

typedef enum {
	FOLIO_DL_TEXT,  /* text at (x, y) = baseline origin */
	FOLIO_DL_RECT,  /* filled rectangle, (x, y) top-left, w x h */
	FOLIO_DL_RULE,  /* stroked line from (x, y) to (x + w, y + h) */
	FOLIO_DL_IMAGE, /* picture, (x, y) top-left, w x h */
	FOLIO_DL_LINK,  /* link annotation area (screen target) */
} folio_dl_kind;

typedef struct folio_dl_box {
	double x, y, w, h;
} folio_dl_box;

typedef struct folio_dl_item {
	folio_dl_kind kind;
	/* text: the last piece of a line that breaks at a word space (or that
	 * other words follow, as a contents entry's page number), or of one
	 * that ends with a hyphen the line breaker put there (for the screen
	 * edition's words: a space after the one, none through the other) */
	bool space_after, hyphen;
	bool marker; /* text: a list item's number or bullet */
	double x, y, w, h;
	folio_cmyk color;
	/* text */
	folio_face *face;
	double size;
	double tracking; /* pt after each glyph (PDF's Tc); w ends at the last glyph */
	const char *text; /* image: its caption, the words that stand for it, or NULL */
	size_t len;
	/* rule */
	double line_width;
	/* image */
	const folio_picture *picture;
	union {
		/* link: a URL, or NULL with dest_page >= 0 for an internal link */
		const char *uri;
		/* image: the box a picture cut to its frame (x, y, w, h) is
		 * drawn whole in, covering the frame and clipped to it; NULL
		 * when not cut. (Shares the link's place: items are many, and a
		 * display list of 256 pages grew by 5 MiB with four doubles.) */
		const struct folio_dl_box *whole;
	};
	int dest_page;
	/* for the dump and the screen edition's tags: which style, article
	 * and paragraph of it (a row's para, -1 for furniture) it came from */
	int style;   /* folio_style_id or -1 */
	int article; /* index or -1 */
	int para;    /* index within the article, -1, or FOLIO_DL_FURNITURE */
} folio_dl_item;

/* An item's para for page furniture: the footer, the line that says where
 * a story is continued from (no part of the text a reader reads). */
#define FOLIO_DL_FURNITURE (-2)

/* Where a picture is drawn whole: its `whole` box, else its frame. */
static inline folio_dl_box folio_dl_image_box(const folio_dl_item *it)
{
	return it->whole ? *it->whole : (folio_dl_box){it->x, it->y, it->w, it->h};
}

typedef struct folio_dl_page {
	folio_dl_item *items;
	size_t nitems, cap;
} folio_dl_page;

/* What the print edition's preflight holds the pages to: the layout's
 * `print: {ink_limit, safety}`, and its colours and rule width by their
 * place, so that a message can point at the line to change; and the
 * resolution its pictures are made (`print: {resample_above, resample_to}`). */
typedef struct folio_press {
	double ink_limit; /* C+M+Y+K, 0..4 */
	double safety;    /* pt inside the trim that text keeps clear of */
	double resample_above, resample_to; /* ppi; resample_above 0: never */
	const folio_named_color *colors;
	size_t ncolors;
	folio_loc layout;     /* the layout file */
	folio_loc rule_width; /* `rules: width`, or the layout file */
} folio_press;

typedef struct folio_display {
	double page_width, page_height, bleed; /* trim size and bleed, pt */
	folio_dl_page *pages;
	int npages;
	/* document information; lang: the language (a BCP 47 tag) */
	const char *title, *subject, *author, *keywords, *lang;
	int year, month, day;
	/* the printing condition of the print edition's OutputIntent (from
	 * the layout's `print:`), or NULL for Coated FOGRA39 */
	const char *output_identifier, *output_condition, *output_registry;
	folio_press press;
	/* each article's language where it is not the (lang), else
	 * NULL; narticles entries */
	const char **article_lang;
	size_t narticles;
	/* the layout's spot inks: a colour's `spot` is 1 + an index here */
	const folio_spot *spots;
	size_t nspots;
	/* bookmarks: article titles and their pages */
	const char **outline_titles;
	int *outline_pages;
	size_t noutline;
} folio_display;

#endif
