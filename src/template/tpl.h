/* tpl.h: what the two halves of the layout loader share while one layout
 * file is read: template.c (the file, geometry, masters, elements) and
 * styles.c (colours, fonts, paragraph styles). Not a public header. */
#ifndef FOLIO_TPL_H
#define FOLIO_TPL_H

#include "../core/yaml.h"
#include "template.h"

/* Faces of a font family, in this order; paths already resolved. */
enum { FOLIO_FACE_REGULAR, FOLIO_FACE_ITALIC, FOLIO_FACE_BOLD,
       FOLIO_FACE_BOLD_ITALIC, FOLIO_FACE_COUNT };

typedef struct {
	folio_ctx *ctx;
	folio_yaml *y;
	folio_template *t;
	const char *dir; /* the layout file's folder, for font paths with '/' */
	/* colours in the order of the `colors:` mapping */
	const char **color_names;
	folio_cmyk *colors;
	size_t ncolors;
	/* font families in the order of the `fonts:` mapping */
	const char **family_names;
	const char *(*faces)[FOLIO_FACE_COUNT];
	size_t nfamilies;
} folio_tpl;

/* How a length or number is bounded below. */
typedef enum { FOLIO_ANY, FOLIO_NONNEG, FOLIO_POSITIVE } folio_bound;

/* Read map[key] into *out. A missing key is an error when `required`, else
 * *out keeps its default. `what` names the mapping in messages. */
bool folio_tpl_length(folio_tpl *L, yaml_node_t *map, const char *key,
                      const char *what, bool required, folio_bound bound,
                      double *out);
bool folio_tpl_number(folio_tpl *L, yaml_node_t *map, const char *key,
                      folio_bound bound, double *out);
bool folio_tpl_int(folio_tpl *L, yaml_node_t *map, const char *key,
                   const char *what, bool required, int lo, int hi, int *out);
bool folio_tpl_bool(folio_tpl *L, yaml_node_t *map, const char *key,
                    bool *out);

/* The keys of a mapping whose keys are names the user chooses (colours,
 * fonts, masters): checks it is a mapping of distinct scalar keys. */
bool folio_tpl_names(folio_tpl *L, yaml_node_t *map, const char *what,
                     const char ***names, size_t *n);

/* "did you mean 'x'?" or "NOUN: a, b, c": the tail of every message about
 * a name that is not defined (styles.c). */
const char *folio_unknown_tail(folio_arena *a, const char *word, const char *const *names,
                               size_t n, const char *noun);

/* colors.c: `colors:`, each a process colour [c, m, y, k], a spot ink
 * {spot: NAME, cmyk: [...], tint: N}, or a tint of one above {of: NAME,
 * tint: N}. */
bool folio_tpl_colors(folio_tpl *L, yaml_node_t *node);
/* A colour by name: the node is a scalar naming an entry of `colors:`. */
bool folio_tpl_color(folio_tpl *L, yaml_node_t *node, folio_cmyk *out);
/* map[key] as a colour name, if present. */
bool folio_tpl_color_key(folio_tpl *L, yaml_node_t *map, const char *key,
                         folio_cmyk *out);
bool folio_tpl_fonts(folio_tpl *L, yaml_node_t *node);
bool folio_tpl_styles(folio_tpl *L, yaml_node_t *node);
/* code: {font: FAMILY, scale: N}, after the fonts. */
bool folio_tpl_code(folio_tpl *L, yaml_node_t *node);
/* words: {LANG: {page, contents, months}}: the words folio sets itself. */
bool folio_tpl_words(folio_tpl *L, yaml_node_t *node);
/* A text with placeholders (`fields`, "{page}"...): every brace must open
 * one, or a misspelt one would be printed; `what` names the key. */
bool folio_tpl_pattern(folio_tpl *L, yaml_node_t *node, const char *what,
                       const char *const *fields, size_t nfields, const char **text);
/* continued: {style: NAME, text: TEXT}, after the styles. */
bool folio_tpl_continued(folio_tpl *L, yaml_node_t *node);

#endif
