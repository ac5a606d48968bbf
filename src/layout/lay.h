/* lay.h: the layout stage's private structures. An article is first turned
 * into a vertical list of rows (lines, pictures, rules, spaces) with the
 * places where a column may break (TeX's page builder in miniature); the
 * rows are then planned into the columns of the pages, balanced, and only
 * then emitted into the display list. */
#ifndef FOLIO_LAY_H
#define FOLIO_LAY_H

#include "layout.h"

#define FOLIO_MAX_COLUMNS  6
#define FOLIO_MAX_DEFERRED 8

typedef enum {
	FOLIO_ROW_LINE,  /* a set line of text */
	FOLIO_ROW_IMAGE, /* a picture */
	FOLIO_ROW_RULE,  /* a horizontal rule at the row's top + h/2 */
	FOLIO_ROW_SPACE, /* nothing drawn */
} folio_row_kind;

typedef struct folio_row {
	folio_row_kind kind;
	bool grid;           /* sits on the baseline grid (one grid step high) */
	double h;            /* height when not on the grid */
	double ascent;       /* baseline below the row's top (free rows) */
	double space_before; /* dropped at the top of a column */
	bool keep_with_next; /* no column break after this row */
	bool figure;         /* first row of a picture group: may float down */
	bool panel;          /* inside the article's tinted panel */
	bool span;           /* spans all columns (placed at a fresh page top) */
	bool discardable;    /* dropped entirely at the top of a column */
	int style;           /* folio_style_id of a text line */
	double dx;           /* x offset inside the column (or text area) */
	double w;            /* width of a picture or rule */
	const folio_line *line;
	double measure;       /* the width the line was set to */
	int para;             /* paragraph number within the article, or -1 */
	const folio_run *src; /* the paragraph's runs, when it can be set again */
	int line_no, para_lines;
	bool justified;
	const char *marker; /* list marker drawn at marker_dx */
	double marker_dx;
	int marker_style;
	const folio_picture *picture;
	const char *alt;   /* a picture's caption, or NULL */
	double crop;       /* a picture cut to a frame: its width / height, or 0 */
	folio_focus focus; /* the part of it kept in view */
	folio_cmyk color;  /* rule colour */
	double line_width; /* rule weight */
} folio_row;

/* Where a row landed. */
typedef struct folio_slot {
	int page, col; /* col -1: spanning the text area */
	double top;    /* top of the row */
	double base;   /* baseline of a line */
	bool placed;
} folio_slot;

/* Geometry of one page of the template. */
typedef struct folio_page_geom {
	double col_x[FOLIO_MAX_COLUMNS];
	double text_left, text_width;
	double top[FOLIO_MAX_COLUMNS];    /* where flow starts in each column */
	double bottom[FOLIO_MAX_COLUMNS]; /* where it must end */
	/* the column starts under a row spanning the columns (a title), and
	 * the text under the title keeps span_gap under it */
	bool under_span[FOLIO_MAX_COLUMNS];
	double span_gap[FOLIO_MAX_COLUMNS];
} folio_page_geom;

/* The flow's position, copied by value for balancing and retries. */
typedef struct folio_cursor {
	int page, col;
	double y;
	bool fresh_col;  /* nothing placed in this column yet */
	bool fresh_page; /* nothing placed on this page yet */
	folio_page_geom geom;
	double limit;   /* balancing: no row may end below this on limit_page */
	int limit_page; /* -1: no limit */
	/* places the "Continued on page N" line itself: the room the last
	 * column keeps for that line is its to take */
	bool jump_line;
	int deferred[FOLIO_MAX_DEFERRED][2]; /* figure groups waiting: rows [a,b] */
	int ndeferred;
} folio_cursor;

typedef struct folio_lay {
	folio_ctx *ctx;
	const folio_issue *issue;
	const folio_template *t;
	folio_fonts *fonts;
	folio_hyph *hyph;
	/* what the paragraph being set is set in: the article's language and
	 * its hyphenation (folio_layout_options' langs), else the issue's */
	const char *lang;
	folio_hyph *lang_hyph;
	const folio_layout_options *opts;
	folio_display *dl;
	bool draft;
	bool guides; /* the layout's guides drawn over the pages (--guides) */
	double col_w;
	double contents_h; /* height of the contents box on the cover */
	double tallest;    /* folio_tallest_column's, once known; 0: not yet */
	const int *guess;  /* page numbers printed in the contents box */
	int *start_pages;  /* where each article really starts */
	int *overset_lines;
	folio_quality *quality; /* per page, counted on the final rows */
	double *feet; /* per page and column (FOLIO_MAX_COLUMNS a page): the
	               * lowest foot of a row there so far, 0: none */
	const char *context;    /* the article being set, for messages, or NULL */
	const folio_words *words; /* the issue language's */
	const char *continued;    /* the layout's continued text in it, or NULL */
	const char *continued_on; /* its line where a story leaves a page, or NULL */
	bool continued_fits;      /* false: in another language than the issue's */
	int continued_lines;      /* continued lines emitted (by any pass) */
	/* The article being laid out gets a continued line at the head of
	 * each new page its text goes on to (the layout's `continued:`):
	 * its index, or -1 (no such line, or a panel); and the lines made for
	 * it so far, by page (in its arena: balancing asks for the same pages
	 * again and again). */
	int jump_article;
	/* Room kept at the foot of a page's last column for the line that
	 * says where the article goes on (continued.on), on the pages before
	 * jump_out_until: its height, 0 for none. */
	double jump_out_h;
	int jump_out_until;
	double jump_out_same; /* jump_out_h of a line the same for every article, once known */
	struct folio_jump {
		folio_row *rows;
		size_t n;
		bool made;
	} * jumps;
	/* Lines that must not end with a hyphen, found by planning: a
	 * paragraph (by its runs) and a line number. Kept across passes. */
	struct {
		const folio_run *runs;
		size_t line;
	} * nohyph;
	size_t nnohyph, capnohyph;
	struct folio_parcache *parcache; /* parcache.c: paragraphs set so far */
	/* ctx->arena is swapped while a pass runs (layout.c): a pass that is
	 * laid out again, and an article's rows, go with their own arenas.
	 * keep is the build's arena, for what outlives them (texts the
	 * display list points to, forbidden hyphens); paras holds the
	 * paragraph cache with its lines and pieces, dropped once the display
	 * list is made. */
	folio_arena *keep, *paras;
} folio_lay;

/* L->keep, or ctx->arena for a folio_lay made without one (tests). */
static inline folio_arena *folio_lay_keep(const folio_lay *L)
{
	return L->keep ? L->keep : L->ctx->arena;
}

/* parcache.c: a set paragraph is handed out again for the same text, style,
 * alignment, measure, forbidden hyphens and place (later passes, replanning). */
typedef struct folio_parcache_entry folio_parcache_entry;
typedef struct folio_parcache_key {
	int style;
	folio_align align;
	double width, indent;
	const folio_run *runs;
	size_t nruns;
	const size_t *nohyph;
	size_t nnohyph;
	folio_loc loc; /* the same text elsewhere is set (and warns) again */
} folio_parcache_key;
bool folio_parcache_get(folio_lay *L, const folio_parcache_key *k, folio_para *out);
void folio_parcache_put(folio_lay *L, const folio_parcache_key *k, const folio_para *para);

/* words.c: the words folio sets itself, in the issue's language */
/* The words for `lang`: the layout's (`words:`), else folio's own; English
 * for a language neither has (*known false, when known is not NULL). */
const folio_words *folio_words_for(const folio_template *t, const char *lang, bool *known);
/* Which of the layout's continued texts (continued_text, continued_on) is
 * for `lang`, or -1: the layout has none; *fits false when it has none in
 * that language (then its English text, or its first). */
int folio_continued_for(const folio_template *t, const char *lang, bool *fits);
/* `pattern` with each of fields[i] ("{page}") replaced by values[i] (the
 * template checked that every brace opens one). */
char *folio_fill(folio_arena *a, const char *pattern, const char *const *fields,
                 const char *const *values, size_t n);

/* page.c: geometry and the master pages' furniture */
void folio_page_geom_init(folio_lay *L, int page, folio_page_geom *g);
/* The most room a fresh column has on any page after `page` (-1: on any
 * page; 0 after the last). */
double folio_room_after(folio_lay *L, int page);
/* folio_room_after(L, -1), worked out once a layout: every figure asks. */
double folio_tallest_column(folio_lay *L);
/* Rows [i, j] stacked from the top of a fresh column: how tall (the grid
 * rounding aside). */
double folio_rows_height(const folio_lay *L, const folio_row *rows, size_t i, size_t j);
bool folio_page_furniture(folio_lay *L, int page);
/* The layout's margins, columns and baseline grid drawn over the page */
void folio_page_guides(folio_lay *L, int page);
double folio_contents_height(folio_lay *L);

/* text.c: from doc runs to set lines */
folio_face *folio_style_face(folio_lay *L, int style, int flags);
bool folio_set_runs(folio_lay *L, int style, const folio_run *runs, size_t n, double width,
                    double indent, folio_loc loc, folio_para *out);
bool folio_set_aligned(folio_lay *L, int style, folio_align align, const folio_run *runs, size_t n,
                       double width, double indent, folio_loc loc, folio_para *out);
bool folio_set_text(folio_lay *L, int style, const char *text, double width, folio_loc loc,
                    folio_para *out);
double folio_style_ascent(folio_lay *L, int style);

/* rows.c: an article into rows */
bool folio_article_rows(folio_lay *L, int index, bool span_start, folio_row **rows, size_t *nrows);
/* The rows of L->jump_article's line at the foot of the column it leaves
 * for page `to_page` (0-based): "continued on" that page. False after an
 * error; *n 0 when the layout has none. */
bool folio_jump_out_rows(folio_lay *L, int to_page, folio_row **rows, size_t *n);
/* The rows of L->jump_article's continued line on page `page` (0-based):
 * "continued from" the page before. False after an error; *n 0 when the
 * article has none. */
bool folio_jump_rows(folio_lay *L, int page, const folio_row **rows, size_t *n);

/* plan.c: rows into columns */
bool folio_plan_rows(folio_lay *L, folio_cursor *cur, const folio_row *rows, size_t nrows,
                     size_t from, folio_slot *slots);
bool folio_next_column(folio_lay *L, folio_cursor *cur);
/* The continued line at the cursor, the head of a fresh page the article
 * goes on to: placed into *slots (NULL: not kept), the cursor moved under
 * it. The rows, or NULL when there is none. */
const folio_row *folio_place_jump(folio_lay *L, folio_cursor *cur, folio_slot **slots,
                                  size_t *n);
void folio_balance(folio_lay *L, const folio_cursor *start, const folio_row *rows, size_t nrows,
                   size_t from, folio_slot *slots, folio_cursor *end);

/* quality.c: counting what the report shows */
void folio_quality_tally(folio_lay *L, const folio_row *rows, size_t nrows,
                         const folio_slot *slots);
void folio_quality_add(folio_quality *into, const folio_quality *q);
/* Each page's used and room, from the feet the tallies found. */
void folio_quality_fill(folio_lay *L);
/* Warnings for empty pages and pages filled less than a quarter. */
void folio_warn_unfilled(folio_lay *L);

/* emit.c: display list */
void folio_emit(folio_lay *L, int page, folio_dl_item item);
void folio_emit_line(folio_lay *L, int page, const folio_line *line, double x, double base,
                     int style, int article, int para);
void folio_emit_rows(folio_lay *L, int article, const folio_row *rows, size_t nrows,
                     const folio_slot *slots);

#endif
