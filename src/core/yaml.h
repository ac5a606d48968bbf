/* yaml.h: libyaml documents with places and limits, shared by the issue
 * loader and the layout loader. Every value is read through these calls so
 * every message names file:line:col and unknown keys are always errors. */
#ifndef FOLIO_YAML_H
#define FOLIO_YAML_H

#include "core.h"

#include <yaml.h>

typedef struct folio_yaml folio_yaml; /* one loaded document */

/* Parse `text` (the contents of `path`), once. Checks ctx->limits.yaml_depth
 * and ctx->limits.yaml_aliases on each event before it joins the tree (so an
 * alias bomb is refused fast). Syntax errors name the place. */
folio_yaml *folio_yaml_load(folio_ctx *ctx, const char *path, const char *text,
                            size_t len);
void folio_yaml_drop(folio_yaml *y);

yaml_node_t *folio_yaml_root(folio_yaml *y); /* NULL for an empty document */
folio_loc folio_yaml_loc(folio_yaml *y, const yaml_node_t *node); /* 1-based */
const char *folio_yaml_path(folio_yaml *y);

/* Check a mapping: `node` must be a mapping (else an error "expected a
 * mapping"), every key a scalar from `allowed` (else "unknown key 'titel'
 * (did you mean 'title'?)"), no key twice. Returns false after recording. */
bool folio_yaml_check_map(folio_ctx *ctx, folio_yaml *y, yaml_node_t *node,
                          const char *what, const char *const *allowed,
                          size_t nallowed);
/* The value under `key` in a mapping, or NULL. */
yaml_node_t *folio_yaml_get(folio_yaml *y, yaml_node_t *map, const char *key);
/* Iterate a mapping: the i-th key (scalar text) and value; false past the end. */
bool folio_yaml_pair(folio_yaml *y, yaml_node_t *map, size_t i,
                     const char **key, yaml_node_t **value);
/* Iterate a sequence: the i-th item, NULL past the end. */
yaml_node_t *folio_yaml_item(folio_yaml *y, yaml_node_t *seq, size_t i);

/* Typed scalars; each records "expected a string/number/..." at the node. */
bool folio_yaml_string(folio_ctx *ctx, folio_yaml *y, yaml_node_t *node,
                       const char **out); /* arena copy, checked UTF-8 */
bool folio_yaml_number(folio_ctx *ctx, folio_yaml *y, yaml_node_t *node,
                       double *out);
bool folio_yaml_int(folio_ctx *ctx, folio_yaml *y, yaml_node_t *node, int *out);
bool folio_yaml_bool(folio_ctx *ctx, folio_yaml *y, yaml_node_t *node,
                     bool *out); /* true/false/yes/no */
/* A length: a number (points) or a string with a unit: "15mm", "0.5cm",
 * "10pt", "1in". */
bool folio_yaml_length(folio_ctx *ctx, folio_yaml *y, yaml_node_t *node,
                       double *pt);

/* "did you mean": the candidate closest to `word` (edit distance at most a
 * third of its length, at least 1), or NULL. */
const char *folio_suggest(const char *word, const char *const *candidates,
                          size_t n);

#endif
