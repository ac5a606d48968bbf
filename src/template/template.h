/* template.h: a layout file (layouts/NAME.yaml) as plain data: page geometry,
 * the grid, colours, fonts, paragraph styles and master pages. The designer
 * edits the YAML; nothing about the look is decided in C. */
#ifndef FOLIO_TEMPLATE_H
#define FOLIO_TEMPLATE_H

#include "../core/core.h"

/* A colour as the layout gives it. A process colour is its four inks; a
 * spot colour (`{spot: NAME, cmyk: [...]}`) prints on a plate of its own,
 * at `tint`, and c, m, y, k are its alternate (the process colour that
 * stands in for it on screen and in proofs) times the tint. */
typedef struct {
	double c, m, y, k; /* 0..1 */
	float tint;        /* a spot colour's tint, 0..1 */
	int spot;          /* 0: process; else 1 + its index in the layout's spots */
} folio_cmyk;

/* A spot ink of the layout: its name, as the printer's plate is called
 * ("PANTONE 288 C"), and its alternate at full strength. */
typedef struct folio_spot {
	const char *name;
	double c, m, y, k;
} folio_spot;

typedef enum {
	FOLIO_ALIGN_JUSTIFY = 0,
	FOLIO_ALIGN_LEFT,
	FOLIO_ALIGN_CENTER,
	FOLIO_ALIGN_RIGHT
} folio_align;

/* The paragraph styles a layout must define, by the name used in YAML. */
typedef enum {
	FOLIO_ST_BODY,           /* "body" */
	FOLIO_ST_TITLE,          /* "title": headline of an article that opens a page */
	FOLIO_ST_TITLE2,         /* "title2": headline of an article further down */
	FOLIO_ST_SECTION,        /* "section": kicker over the title */
	FOLIO_ST_SUBHEADING,     /* "subheading": ## in Markdown */
	FOLIO_ST_SUBHEADING3,    /* "subheading3": ### in Markdown */
	FOLIO_ST_LIST,           /* "list": list items */
	FOLIO_ST_CAPTION,        /* "caption" */
	FOLIO_ST_CREDIT,         /* "credit": picture credit */
	FOLIO_ST_PULLQUOTE,      /* "pullquote" */
	FOLIO_ST_ATTRIBUTION,    /* "attribution": who said the pull quote */
	FOLIO_ST_CONTENTS_TITLE, /* "contents_title" */
	FOLIO_ST_CONTENTS,       /* "contents": one entry of the contents box */
	FOLIO_ST_CONTENTS_PAGE,  /* "contents_page": its page number */
	FOLIO_ST_PANEL_TITLE,    /* "panel_title" */
	FOLIO_ST_PANEL,          /* "panel": body text inside a panel */
	FOLIO_ST_FOOTER,         /* "footer" */
	FOLIO_ST_MASTHEAD,       /* "masthead": newsletter name */
	FOLIO_ST_TAGLINE,        /* "tagline" */
	FOLIO_ST_ISSUE,          /* "issue": issue line and date in the masthead */
	FOLIO_ST_COUNT
} folio_style_id;

extern const char *const folio_style_names[FOLIO_ST_COUNT];

typedef struct folio_style {
	/* Font files (paths resolved against the fonts folder) for the four
	 * faces; italic/bold fall back to regular when the layout omits them. */
	const char *font_regular, *font_italic, *font_bold, *font_bold_italic;
	double size;         /* pt */
	double leading;      /* pt, baseline to baseline */
	folio_cmyk color;
	folio_align align;
	double space_before; /* pt */
	double space_after;  /* pt */
	double indent;       /* first-line indent, pt (body: not after a heading) */
	bool uppercase;
	double tracking;     /* letter spacing, in 1/1000 em */
	bool hyphenate;
	double tolerance;    /* TeX's tolerance for the hyphenating pass; 0: 200 */
	bool balance;        /* ragged lines of even length, no short last line
	                      * (headlines, pull quotes) */
} folio_style;

/* What a master page carries besides the column frames. */
typedef struct folio_master {
	const char *name;     /* "cover", "inner", "back" */
	bool masthead;        /* the masthead band at the top */
	bool contents_box;    /* the contents box at the top of contents_column */
	bool footer;
} folio_master;

/* The words folio sets itself, in one language: before a page number in
 * the contents box ("Page 01"), the box's title when the issue gives none,
 * the months as a date names them ("30 September 2022"), and the date's
 * order with {day}, {month} and {year} ("{year} ж. {day} {month}"; NULL:
 * "{day} {month} {year}"). */
typedef struct folio_words {
	const char *lang; /* a BCP 47 tag */
	const char *page;
	const char *contents_title;
	const char *months[12];
	const char *date;
} folio_words;

/* A colour of the layout's `colors:` by its name, and where it is defined:
 * the print preflight names a colour with too much ink at its place. */
typedef struct folio_named_color {
	const char *name;
	folio_cmyk cmyk;
	folio_loc loc;
} folio_named_color;

typedef struct folio_template {
	const char *path;     /* the YAML file, for messages */
	const char *name;
	/* geometry, pt */
	double page_width, page_height, bleed;
	double margin_top, margin_bottom, margin_inner, margin_outer;
	int columns;
	double gutter;
	double baseline;      /* the grid body text sits on */
	/* pages: pages[i] is an index into masters */
	folio_master *masters;
	size_t nmasters;
	int *pages;
	int npages;
	/* elements */
	double masthead_height;      /* band from the trim top, runs into the bleed */
	folio_cmyk masthead_color;   /* band colour */
	double masthead_band;        /* the accent strip along its foot, pt (0: none) */
	int contents_column;         /* 0-based column holding the contents box */
	folio_cmyk contents_color;   /* contents box tint */
	double contents_padding;
	double contents_rule;        /* the accent rule over the box, pt */
	double contents_separator;   /* the rule between its entries, pt */
	folio_cmyk contents_separator_color;
	folio_cmyk panel_color;      /* panel tint */
	double panel_padding;
	folio_cmyk rule_color;       /* pull quote rules */
	double rule_width;           /* as drawn, pt */
	folio_cmyk accent_color;
	double footer_offset;        /* footer baseline below the text area, pt */
	double footer_rule;          /* the rule over the footer, pt (0: none) */
	double caption_gap;          /* picture to caption, pt */
	double figure_gap;           /* space around a figure, pt */
	/* the printing condition (PDF/X OutputIntent), or NULL: Coated FOGRA39 */
	const char *output_identifier, *output_condition, *output_registry;
	/* What the press takes (`print: {ink_limit, safety}`): the most ink a
	 * colour or a picture may put down, C+M+Y+K in 0..4 (3.3, Coated
	 * FOGRA39's own); how far inside the trim text stays (3 mm). */
	double ink_limit, safety;
	/* Pictures in print (`print: {resample_above, resample_to}`): one finer
	 * than resample_above ppi where it is drawn (0: none is) is made
	 * resample_to ppi there. */
	int resample_above, resample_to;
	folio_loc rule_width_loc; /* `rules: width`, or the file when not given */
	folio_named_color *colors;
	size_t ncolors;
	folio_spot *spots; /* the spot inks the colours name, in order of first mention */
	size_t nspots;
	bool list_numbers_padded;    /* ordered lists numbered 01, 02 ... */
	/* text rules */
	int hyphen_left, hyphen_right; /* minimum fragment before/after a hyphen */
	/* words hyphenated the layout's way, as written: "Nur-Sul-tan" */
	const char **hyphen_exceptions;
	size_t nhyphen_exceptions;
	/* Code spans (Markdown `x`): the faces of the family `code: font`, at
	 * `code: scale` times the size of the text around them. No `code:`
	 * (code_regular NULL): they are set in the text's own faces. */
	const char *code_regular, *code_italic, *code_bold, *code_bold_italic;
	double code_scale;
	/* The line an article's text takes up again under on a new page
	 * (`continued: {style, text, on}`), in the style `continued_style`:
	 * the text with {title} and {page} (the page it comes from), one per
	 * language (`continued_lang[i]` a tag, or NULL for a text given as a
	 * plain string); and `continued_on[i]` (NULL: none), the line at the
	 * foot of the column it leaves, {page} the page it goes on to.
	 * ncontinued 0: no such lines. */
	/* The layout's own words, per language (`words:`), before folio's
	 * English and Russian ones. */
	folio_words *words;
	size_t nwords;
	const char **continued_lang, **continued_text, **continued_on;
	size_t ncontinued;
	int continued_style;
	int widows, orphans;           /* minimum lines at a column's head/foot */
	/* the fewest lines of text under a heading at a column's foot
	 * (`heading_lines`; 0: orphans') */
	int heading_lines;
	folio_style styles[FOLIO_ST_COUNT];
} folio_template;

/* Find a layout: `name_or_path` is a file path when it contains '/' or ends
 * in .yaml, else layouts/NAME.yaml under the data folder. */
char *folio_template_resolve(folio_ctx *ctx, const char *name_or_path);
/* The same, with an unknown layout's error recorded at `at` (the 'layout'
 * value of issue.yaml). */
char *folio_template_resolve_at(folio_ctx *ctx, const char *name_or_path, folio_loc at);

/* Load and check a layout file. Unknown keys, missing styles, fonts that do
 * not exist are errors at their place in the YAML. */
folio_template *folio_template_load(folio_ctx *ctx, const char *path);

/* The data folder (layouts/, fonts/): $FOLIO_DATA_DIR, else the compiled-in
 * default. */
const char *folio_data_dir(void);

#endif
