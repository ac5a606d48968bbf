/* template.c: finding a layout file and reading it into a folio_template:
 * page geometry, the grid, master pages, the page sequence and the page
 * elements. Colours, fonts and styles are read by styles.c. */
#include "tpl.h"

#include "folio_config.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The layout engine keeps per-column arrays of this size (src/layout). */
#define FOLIO_TPL_MAX_COLUMNS 6

const char *folio_data_dir(void)
{
	const char *d = getenv("FOLIO_DATA_DIR");
	return d && *d ? d : FOLIO_DEFAULT_DATA_DIR;
}

static int folio_cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Names of the layouts under <data>/layouts, sorted, for messages. */
static size_t folio_layout_names(folio_arena *a, const char *dir,
                                 const char ***out)
{
	const char **names = NULL;
	size_t n = 0, cap = 0;
	DIR *d = opendir(dir);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d)) != NULL) {
			size_t len = strlen(e->d_name);
			if (len > 5 && e->d_name[0] != '.' &&
			    strcmp(e->d_name + len - 5, ".yaml") == 0) {
				const char *name = folio_arena_strndup(a, e->d_name, len - 5);
				FOLIO_PUSH(a, names, n, cap, name);
			}
		}
		closedir(d);
	}
	if (n)
		qsort(names, n, sizeof *names, folio_cmp_str);
	*out = names;
	return n;
}

char *folio_template_resolve(folio_ctx *ctx, const char *name_or_path)
{
	return folio_template_resolve_at(ctx, name_or_path, FOLIO_NOWHERE);
}

char *folio_template_resolve_at(folio_ctx *ctx, const char *name_or_path, folio_loc at)
{
	folio_arena *a = ctx->arena;
	size_t len = strlen(name_or_path);
	if (strchr(name_or_path, '/') ||
	    (len >= 5 && strcmp(name_or_path + len - 5, ".yaml") == 0))
		return folio_arena_strdup(a, name_or_path);
	const char *dir = folio_arena_printf(a, "%s/layouts", folio_data_dir());
	char *path = folio_arena_printf(a, "%s/%s.yaml", dir, name_or_path);
	struct stat st;
	if (len > 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode))
		return path;
	const char **names;
	size_t n = folio_layout_names(a, dir, &names);
	const char *s = folio_suggest(name_or_path, names, n);
	char *list = folio_arena_strdup(a, "");
	for (size_t i = 0; i < n; i++)
		list = folio_arena_printf(a, "%s%s%s", list, i ? ", " : "", names[i]);
	if (s)
		folio_error(ctx, FOLIO_ERR_INPUT, at,
		            "unknown layout '%s' (did you mean '%s'? layouts "
		            "available: %s)",
		            name_or_path, s, list);
	else if (n)
		folio_error(ctx, FOLIO_ERR_INPUT, at,
		            "unknown layout '%s' (layouts available: %s)",
		            name_or_path, list);
	else
		folio_error(ctx, FOLIO_ERR_INPUT, at,
		            "unknown layout '%s' (no layouts in %s)", name_or_path,
		            dir);
	return NULL;
}

/* ---- typed values under a key ---- */

static bool folio_tpl_missing(folio_tpl *L, yaml_node_t *map, const char *key,
                              const char *what)
{
	return folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(L->y, map),
	                   "missing key '%s' in %s", key, what);
}

static bool folio_tpl_bounded(folio_tpl *L, yaml_node_t *v, const char *key,
                              folio_bound bound, double x)
{
	if (bound == FOLIO_POSITIVE && !(x > 0))
		return folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(L->y, v),
		                   "%s must be more than zero", key);
	if (bound == FOLIO_NONNEG && x < 0)
		return folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(L->y, v),
		                   "%s must not be negative", key);
	return true;
}

bool folio_tpl_length(folio_tpl *L, yaml_node_t *map, const char *key,
                      const char *what, bool required, folio_bound bound,
                      double *out)
{
	yaml_node_t *v = folio_yaml_get(L->y, map, key);
	if (!v)
		return required ? folio_tpl_missing(L, map, key, what) : true;
	double x;
	if (!folio_yaml_length(L->ctx, L->y, v, &x) ||
	    !folio_tpl_bounded(L, v, key, bound, x))
		return false;
	*out = x;
	return true;
}

bool folio_tpl_number(folio_tpl *L, yaml_node_t *map, const char *key,
                      folio_bound bound, double *out)
{
	yaml_node_t *v = folio_yaml_get(L->y, map, key);
	if (!v)
		return true;
	double x;
	if (!folio_yaml_number(L->ctx, L->y, v, &x) ||
	    !folio_tpl_bounded(L, v, key, bound, x))
		return false;
	*out = x;
	return true;
}

bool folio_tpl_int(folio_tpl *L, yaml_node_t *map, const char *key,
                   const char *what, bool required, int lo, int hi, int *out)
{
	yaml_node_t *v = folio_yaml_get(L->y, map, key);
	if (!v)
		return required ? folio_tpl_missing(L, map, key, what) : true;
	int x;
	if (!folio_yaml_int(L->ctx, L->y, v, &x))
		return false;
	if (x < lo || x > hi)
		return folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(L->y, v),
		                   "%s must be between %d and %d, found %d", key, lo,
		                   hi, x);
	*out = x;
	return true;
}

bool folio_tpl_bool(folio_tpl *L, yaml_node_t *map, const char *key,
                    bool *out)
{
	yaml_node_t *v = folio_yaml_get(L->y, map, key);
	return !v || folio_yaml_bool(L->ctx, L->y, v, out);
}

bool folio_tpl_names(folio_tpl *L, yaml_node_t *map, const char *what,
                     const char ***names, size_t *n)
{
	*names = NULL;
	*n = 0;
	if (!map || map->type != YAML_MAPPING_NODE)
		return folio_yaml_check_map(L->ctx, L->y, map, what, NULL, 0);
	size_t count = (size_t)(map->data.mapping.pairs.top -
	                        map->data.mapping.pairs.start);
	const char **keys =
	    folio_arena_alloc(L->ctx->arena, (count + 1) * sizeof *keys);
	const char *key;
	yaml_node_t *v;
	for (size_t i = 0; folio_yaml_pair(L->y, map, i, &key, &v); i++)
		keys[i] = key;
	/* Every key is allowed: check_map then only finds duplicates and keys
	 * that are not plain names. */
	if (!folio_yaml_check_map(L->ctx, L->y, map, what, keys, count))
		return false;
	*names = keys;
	*n = count;
	return true;
}

/* ---- the parts of a layout ---- */

static const char *const folio_top_keys[] = {
    "name",     "page",   "margins", "columns",     "baseline", "pages",
    "masters",  "colors", "fonts",   "hyphenation", "widows",   "orphans", "heading_lines",
    "masthead", "contents", "panel", "rules",       "accent",   "footer",
    "figure",   "styles", "lists", "print", "code", "continued", "words"};

#define FOLIO_N(a) (sizeof(a) / sizeof((a)[0]))

/* A required sub-mapping with its allowed keys; NULL after an error. */
static yaml_node_t *folio_tpl_section(folio_tpl *L, yaml_node_t *root,
                                      const char *key, bool required,
                                      const char *const *keys, size_t nkeys)
{
	yaml_node_t *v = folio_yaml_get(L->y, root, key);
	if (!v) {
		if (required)
			folio_tpl_missing(L, root, key, "the layout");
		return NULL;
	}
	if (!folio_yaml_check_map(L->ctx, L->y, v, key, keys, nkeys))
		return NULL;
	return v;
}

static bool folio_tpl_geometry(folio_tpl *L, yaml_node_t *root)
{
	static const char *const page_keys[] = {"width", "height", "bleed"};
	static const char *const margin_keys[] = {"top", "bottom", "inner",
	                                          "outer"};
	static const char *const column_keys[] = {"count", "gutter"};
	folio_template *t = L->t;
	bool ok = true;
	yaml_node_t *page = folio_tpl_section(L, root, "page", true, page_keys,
	                                      FOLIO_N(page_keys));
	if (page) {
		ok &= folio_tpl_length(L, page, "width", "page", true, FOLIO_POSITIVE,
		                       &t->page_width);
		ok &= folio_tpl_length(L, page, "height", "page", true,
		                       FOLIO_POSITIVE, &t->page_height);
		ok &= folio_tpl_length(L, page, "bleed", "page", false, FOLIO_NONNEG,
		                       &t->bleed);
	}
	yaml_node_t *mar = folio_tpl_section(L, root, "margins", true,
	                                     margin_keys, FOLIO_N(margin_keys));
	if (mar)
		for (size_t i = 0; i < FOLIO_N(margin_keys); i++) {
			double *slot[] = {&t->margin_top, &t->margin_bottom,
			                  &t->margin_inner, &t->margin_outer};
			ok &= folio_tpl_length(L, mar, margin_keys[i], "margins", true,
			                       FOLIO_NONNEG, slot[i]);
		}
	yaml_node_t *col = folio_tpl_section(L, root, "columns", true,
	                                     column_keys, FOLIO_N(column_keys));
	if (col) {
		ok &= folio_tpl_int(L, col, "count", "columns", true, 1,
		                    FOLIO_TPL_MAX_COLUMNS, &t->columns);
		ok &= folio_tpl_length(L, col, "gutter", "columns", t->columns > 1,
		                       FOLIO_NONNEG, &t->gutter);
	}
	ok &= folio_tpl_length(L, root, "baseline", "the layout", false,
	                       FOLIO_POSITIVE, &t->baseline);
	if (!ok || !page || !mar || !col)
		return false;
	double text_w = t->page_width - t->margin_inner - t->margin_outer;
	double text_h = t->page_height - t->margin_top - t->margin_bottom;
	if (text_w <= 0 || text_h <= 0)
		return folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(L->y, mar),
		                   "the margins leave no room for text on a %.1f x "
		                   "%.1f pt page",
		                   t->page_width, t->page_height);
	if (text_w - (t->columns - 1) * t->gutter <= 0)
		return folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(L->y, col),
		                   "%d columns with a %.1f pt gutter do not fit a "
		                   "%.1f pt text width",
		                   t->columns, t->gutter, text_w);
	return true;
}

static bool folio_tpl_masters(folio_tpl *L, yaml_node_t *root)
{
	static const char *const master_keys[] = {"masthead", "contents_box",
	                                          "footer"};
	yaml_node_t *node = folio_yaml_get(L->y, root, "masters");
	if (!node)
		return folio_tpl_missing(L, root, "masters", "the layout");
	const char **names;
	size_t n;
	if (!folio_tpl_names(L, node, "masters", &names, &n))
		return false;
	if (n == 0)
		return folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(L->y, node),
		                   "masters: define at least one master page");
	folio_template *t = L->t;
	t->masters = folio_arena_alloc(L->ctx->arena, n * sizeof *t->masters);
	t->nmasters = n;
	bool ok = true;
	for (size_t i = 0; i < n; i++) {
		const char *name;
		yaml_node_t *v;
		folio_yaml_pair(L->y, node, i, &name, &v);
		folio_master *m = &t->masters[i];
		m->name = folio_arena_strdup(L->ctx->arena, name);
		const char *what =
		    folio_arena_printf(L->ctx->arena, "the master '%s'", name);
		if (!folio_yaml_check_map(L->ctx, L->y, v, what, master_keys,
		                          FOLIO_N(master_keys))) {
			ok = false;
			continue;
		}
		ok &= folio_tpl_bool(L, v, "masthead", &m->masthead);
		ok &= folio_tpl_bool(L, v, "contents_box", &m->contents_box);
		ok &= folio_tpl_bool(L, v, "footer", &m->footer);
	}
	return ok;
}

static bool folio_tpl_pages(folio_tpl *L, yaml_node_t *root)
{
	folio_template *t = L->t;
	yaml_node_t *node = folio_yaml_get(L->y, root, "pages");
	if (!node)
		return folio_tpl_missing(L, root, "pages", "the layout");
	if (node->type != YAML_SEQUENCE_NODE)
		return folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(L->y, node),
		                   "pages: expected a list of master names, one per "
		                   "page");
	size_t n = (size_t)(node->data.sequence.items.top -
	                    node->data.sequence.items.start);
	/* Sheets are folded: a booklet has 4, 8, 12... pages. */
	if (n == 0 || n % 4 != 0 || n > 1000)
		return folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(L->y, node),
		                   "the page count must be a multiple of 4 (found "
		                   "%zu page%s)",
		                   n, n == 1 ? "" : "s");
	t->pages = folio_arena_alloc(L->ctx->arena, n * sizeof *t->pages);
	t->npages = (int)n;
	const char **names =
	    folio_arena_alloc(L->ctx->arena, (t->nmasters + 1) * sizeof *names);
	for (size_t k = 0; k < t->nmasters; k++)
		names[k] = t->masters[k].name;
	bool ok = true;
	for (size_t i = 0; i < n; i++) {
		yaml_node_t *item = folio_yaml_item(L->y, node, i);
		const char *name;
		if (!folio_yaml_string(L->ctx, L->y, item, &name)) {
			ok = false;
			continue;
		}
		int found = -1;
		for (size_t k = 0; k < t->nmasters && found < 0; k++)
			if (strcmp(names[k], name) == 0)
				found = (int)k;
		if (found >= 0) {
			t->pages[i] = found;
			continue;
		}
		const char *s = folio_suggest(name, names, t->nmasters);
		if (s)
			ok = folio_error(L->ctx, FOLIO_ERR_INPUT,
			                 folio_yaml_loc(L->y, item),
			                 "unknown master '%s' (did you mean '%s'?)", name,
			                 s);
		else
			ok = folio_error(L->ctx, FOLIO_ERR_INPUT,
			                 folio_yaml_loc(L->y, item),
			                 "unknown master '%s' (define it under masters)",
			                 name);
	}
	return ok;
}

/* The elements of the pages and the text rules; defaults depend on the
 * baseline, so this runs after the styles. */
/* hyphenation.exceptions: words as they may be broken, "Nur-Sul-tan", or
 * not at all, "Tashkent": letters and single hyphens between them. */
static bool folio_tpl_exceptions(folio_tpl *L, yaml_node_t *node)
{
	folio_template *t = L->t;
	if (node->type != YAML_SEQUENCE_NODE)
		return folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(L->y, node),
		                   "hyphenation.exceptions: expected a list of words, with hyphens "
		                   "where each may break (Nur-Sul-tan) or none (Tashkent)");
	size_t n = (size_t)(node->data.sequence.items.top - node->data.sequence.items.start);
	t->hyphen_exceptions = folio_arena_alloc(L->ctx->arena, (n + 1) * sizeof(char *));
	bool ok = true;
	for (size_t i = 0; i < n; i++) {
		yaml_node_t *item = folio_yaml_item(L->y, node, i);
		const char *w;
		if (!folio_yaml_string(L->ctx, L->y, item, &w)) {
			ok = false;
			continue;
		}
		size_t len = strlen(w);
		bool good = len > 0 && w[0] != '-' && w[len - 1] != '-' && !strstr(w, "--");
		for (size_t k = 0; k < len && good; k++) {
			unsigned char c = (unsigned char)w[k];
			good = c >= 0x80 || c == '-' || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
		}
		if (!good) {
			ok = folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(L->y, item),
			                 "hyphenation.exceptions: '%s' is not a word with hyphens where "
			                 "it may break (Nur-Sul-tan) or none (Tashkent)",
			                 w);
			continue;
		}
		t->hyphen_exceptions[t->nhyphen_exceptions++] = w;
	}
	return ok;
}

static bool folio_tpl_elements(folio_tpl *L, yaml_node_t *root)
{
	static const char *const masthead_keys[] = {"height", "color", "band"};
	static const char *const contents_keys[] = {"column",    "color",     "padding",
	                                            "rule",      "separator", "separator_color"};
	static const char *const panel_keys[] = {"color", "padding"};
	static const char *const rule_keys[] = {"color", "width"};
	static const char *const footer_keys[] = {"offset", "rule"};
	static const char *const figure_keys[] = {"gap", "caption_gap"};
	static const char *const hyph_keys[] = {"left", "right", "exceptions"};
	folio_template *t = L->t;
	folio_yaml *y = L->y;
	bool ok = true;
	yaml_node_t *v;

	folio_cmyk first = L->colors[0];
	t->accent_color = first;
	if ((v = folio_yaml_get(y, root, "accent")))
		ok &= folio_tpl_color(L, v, &t->accent_color);

	t->masthead_color = first;
	t->masthead_band = 4;
	if ((v = folio_tpl_section(L, root, "masthead", false, masthead_keys,
	                           FOLIO_N(masthead_keys)))) {
		ok &= folio_tpl_length(L, v, "height", "masthead", true,
		                       FOLIO_POSITIVE, &t->masthead_height);
		ok &= folio_tpl_color_key(L, v, "color", &t->masthead_color);
		ok &= folio_tpl_length(L, v, "band", "masthead", false, FOLIO_NONNEG,
		                       &t->masthead_band);
		if (t->masthead_height >= t->page_height - t->margin_bottom)
			ok = folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(y, v),
			                 "the masthead leaves no room for text");
	} else if (folio_yaml_get(y, root, "masthead")) {
		ok = false;
	} else {
		for (size_t i = 0; i < t->nmasters; i++)
			if (t->masters[i].masthead)
				ok = folio_error(L->ctx, FOLIO_ERR_INPUT,
				                 folio_yaml_loc(y, root),
				                 "master '%s' has a masthead, but the layout "
				                 "has no masthead: {height, color}",
				                 t->masters[i].name);
	}

	int column = 1;
	t->contents_color = first;
	t->contents_rule = 3;
	t->contents_separator = 0.75;
	t->contents_separator_color = (folio_cmyk){.k = 0}; /* paper */
	if ((v = folio_tpl_section(L, root, "contents", false, contents_keys,
	                           FOLIO_N(contents_keys)))) {
		ok &= folio_tpl_int(L, v, "column", "contents", false, 1, t->columns,
		                    &column);
		ok &= folio_tpl_color_key(L, v, "color", &t->contents_color);
		ok &= folio_tpl_length(L, v, "padding", "contents", false,
		                       FOLIO_NONNEG, &t->contents_padding);
		ok &= folio_tpl_length(L, v, "rule", "contents", false, FOLIO_NONNEG,
		                       &t->contents_rule);
		ok &= folio_tpl_length(L, v, "separator", "contents", false, FOLIO_NONNEG,
		                       &t->contents_separator);
		ok &= folio_tpl_color_key(L, v, "separator_color", &t->contents_separator_color);
	} else if (folio_yaml_get(y, root, "contents")) {
		ok = false;
	}
	t->contents_column = column - 1;

	t->panel_color = first;
	if ((v = folio_tpl_section(L, root, "panel", false, panel_keys,
	                           FOLIO_N(panel_keys)))) {
		ok &= folio_tpl_color_key(L, v, "color", &t->panel_color);
		ok &= folio_tpl_length(L, v, "padding", "panel", false, FOLIO_NONNEG,
		                       &t->panel_padding);
	} else if (folio_yaml_get(y, root, "panel")) {
		ok = false;
	}

	t->rule_color = t->accent_color;
	t->rule_width = 2;
	t->rule_width_loc = (folio_loc){t->path, 0, 0};
	if ((v = folio_tpl_section(L, root, "rules", false, rule_keys,
	                           FOLIO_N(rule_keys)))) {
		yaml_node_t *w = folio_yaml_get(y, v, "width");
		if (w)
			t->rule_width_loc = folio_yaml_loc(y, w);
		ok &= folio_tpl_color_key(L, v, "color", &t->rule_color);
		ok &= folio_tpl_length(L, v, "width", "rules", false, FOLIO_NONNEG,
		                       &t->rule_width);
	} else if (folio_yaml_get(y, root, "rules")) {
		ok = false;
	}

	t->footer_offset = t->margin_bottom / 2;
	t->footer_rule = 0.5;
	if ((v = folio_tpl_section(L, root, "footer", false, footer_keys,
	                           FOLIO_N(footer_keys)))) {
		ok &= folio_tpl_length(L, v, "offset", "footer", false, FOLIO_NONNEG,
		                       &t->footer_offset);
		ok &= folio_tpl_length(L, v, "rule", "footer", false, FOLIO_NONNEG,
		                       &t->footer_rule);
	} else if (folio_yaml_get(y, root, "footer")) {
		ok = false;
	}

	t->figure_gap = t->baseline;
	t->caption_gap = 4;
	if ((v = folio_tpl_section(L, root, "figure", false, figure_keys,
	                           FOLIO_N(figure_keys)))) {
		ok &= folio_tpl_length(L, v, "gap", "figure", false, FOLIO_NONNEG,
		                       &t->figure_gap);
		ok &= folio_tpl_length(L, v, "caption_gap", "figure", false,
		                       FOLIO_NONNEG, &t->caption_gap);
	} else if (folio_yaml_get(y, root, "figure")) {
		ok = false;
	}

	static const char *const list_keys[] = {"numbers"};
	static const char *const number_forms[] = {"plain", "padded"};
	if ((v = folio_tpl_section(L, root, "lists", false, list_keys, FOLIO_N(list_keys)))) {
		yaml_node_t *n = folio_yaml_get(y, v, "numbers");
		const char *form;
		if (n && folio_yaml_string(L->ctx, y, n, &form)) {
			if (!strcmp(form, "padded"))
				t->list_numbers_padded = true;
			else if (strcmp(form, "plain")) {
				const char *hint = folio_suggest(form, number_forms, 2);
				ok = folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(y, n),
				                 "lists.numbers is '%s': plain (1.) or padded (01)%s%s%s",
				                 form, hint ? " (did you mean '" : "", hint ? hint : "",
				                 hint ? "'?)" : "");
			}
		} else if (n) {
			ok = false;
		}
	} else if (folio_yaml_get(y, root, "lists")) {
		ok = false;
	}

	/* print: {condition, identifier, registry}: the printing condition the
	 * print edition declares (PDF/X-3 OutputIntent); {ink_limit, safety}:
	 * what its preflight holds the pages to. 330% is the total ink of
	 * Coated FOGRA39's own separation (ECI's ISO Coated v2); 3 mm inside
	 * the trim is the usual allowance for the cut. {resample_above,
	 * resample_to}: a picture finer than the first (ppi) is made the second,
	 * as the PDF/X presets of InDesign and Acrobat do (450, 300). */
	static const char *const print_keys[] = {"condition",      "identifier", "registry",
	                                         "ink_limit",      "safety",     "resample_above",
	                                         "resample_to"};
	int ink = 330;
	t->safety = 3 * 72 / 25.4;
	t->resample_above = 450;
	t->resample_to = 300;
	if ((v = folio_tpl_section(L, root, "print", false, print_keys, FOLIO_N(print_keys)))) {
		const char **dest[] = {&t->output_condition, &t->output_identifier,
		                       &t->output_registry};
		ok &= folio_tpl_int(L, v, "ink_limit", "print", false, 100, 400, &ink);
		ok &= folio_tpl_length(L, v, "safety", "print", false, FOLIO_NONNEG, &t->safety);
		ok &= folio_tpl_int(L, v, "resample_to", "print", false, 150, 2400, &t->resample_to);
		ok &= folio_tpl_int(L, v, "resample_above", "print", false, 0, 9600,
		                    &t->resample_above);
		yaml_node_t *above = folio_yaml_get(y, v, "resample_above");
		yaml_node_t *to = folio_yaml_get(y, v, "resample_to");
		if (ok && t->resample_above && t->resample_above < t->resample_to)
			ok = folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(y, above ? above : to),
			                 "resample_above is %d ppi, under resample_to (%d ppi%s): a "
			                 "picture is made coarser only when it is finer than that (0: never)",
			                 t->resample_above, t->resample_to, to ? "" : ", the default");
		for (size_t i = 0; i < FOLIO_N(dest); i++) {
			yaml_node_t *n = folio_yaml_get(y, v, print_keys[i]);
			if (n && !folio_yaml_string(L->ctx, y, n, dest[i]))
				ok = false;
		}
		if (!t->output_condition != !t->output_identifier)
			ok = folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(y, v),
			                 "print: give both the condition and its identifier");
	} else if (folio_yaml_get(y, root, "print")) {
		ok = false;
	}
	t->ink_limit = ink / 100.0;

	t->hyphen_left = 2;
	t->hyphen_right = 3;
	if ((v = folio_tpl_section(L, root, "hyphenation", false, hyph_keys,
	                           FOLIO_N(hyph_keys)))) {
		ok &= folio_tpl_int(L, v, "left", "hyphenation", false, 1, 20,
		                    &t->hyphen_left);
		ok &= folio_tpl_int(L, v, "right", "hyphenation", false, 1, 20,
		                    &t->hyphen_right);
		yaml_node_t *ex = folio_yaml_get(y, v, "exceptions");
		if (ex)
			ok &= folio_tpl_exceptions(L, ex);
	} else if (folio_yaml_get(y, root, "hyphenation")) {
		ok = false;
	}
	t->widows = t->orphans = 2;
	t->heading_lines = 0;
	ok &= folio_tpl_int(L, root, "heading_lines", "the layout", false, 1, 20, &t->heading_lines);
	ok &= folio_tpl_int(L, root, "widows", "the layout", false, 1, 20,
	                    &t->widows);
	ok &= folio_tpl_int(L, root, "orphans", "the layout", false, 1, 20,
	                    &t->orphans);
	return ok;
}

/* The layout's name: `name:`, else the file name without .yaml. */
static bool folio_tpl_name(folio_tpl *L, yaml_node_t *root, const char *path)
{
	yaml_node_t *v = folio_yaml_get(L->y, root, "name");
	if (v)
		return folio_yaml_string(L->ctx, L->y, v, &L->t->name);
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t len = strlen(base);
	if (len > 5 && strcmp(base + len - 5, ".yaml") == 0)
		len -= 5;
	L->t->name = folio_arena_strndup(L->ctx->arena, base, len);
	return true;
}

static bool folio_tpl_read(folio_tpl *L, const char *path)
{
	yaml_node_t *root = folio_yaml_root(L->y);
	if (!root)
		return folio_error(L->ctx, FOLIO_ERR_INPUT, (folio_loc){path, 0, 0},
		                   "the layout file is empty");
	if (!folio_yaml_check_map(L->ctx, L->y, root, "the layout", folio_top_keys,
	                          FOLIO_N(folio_top_keys)))
		return false;
	/* Each part is checked even after another failed, so one run lists
	 * every mistake; parts that need colours or fonts wait for them. */
	bool ok = folio_tpl_name(L, root, path);
	ok &= folio_tpl_geometry(L, root);
	bool masters = folio_tpl_masters(L, root);
	ok &= masters && folio_tpl_pages(L, root);
	ok &= masters;
	yaml_node_t *colors = folio_yaml_get(L->y, root, "colors");
	yaml_node_t *fonts = folio_yaml_get(L->y, root, "fonts");
	bool look = true;
	if (!colors)
		look = folio_tpl_missing(L, root, "colors", "the layout");
	else
		look &= folio_tpl_colors(L, colors);
	if (!fonts)
		look = folio_tpl_missing(L, root, "fonts", "the layout");
	else
		look &= folio_tpl_fonts(L, fonts);
	yaml_node_t *code = folio_yaml_get(L->y, root, "code");
	if (look && code)
		look &= folio_tpl_code(L, code);
	yaml_node_t *styles = folio_yaml_get(L->y, root, "styles");
	if (!styles)
		return folio_tpl_missing(L, root, "styles", "the layout");
	if (!look)
		return false;
	if (!folio_tpl_styles(L, styles))
		return false;
	if (L->t->baseline == 0)
		L->t->baseline = L->t->styles[FOLIO_ST_BODY].leading;
	yaml_node_t *words = folio_yaml_get(L->y, root, "words");
	if (words && !folio_tpl_words(L, words))
		ok = false;
	yaml_node_t *continued = folio_yaml_get(L->y, root, "continued");
	if (continued && !folio_tpl_continued(L, continued))
		ok = false;
	return folio_tpl_elements(L, root) && ok;
}

folio_template *folio_template_load(folio_ctx *ctx, const char *path)
{
	size_t len;
	char *text = folio_read_file(ctx, path, FOLIO_NOWHERE,
	                             ctx->limits.text_bytes, &len);
	if (!text)
		return NULL;
	folio_yaml *y = folio_yaml_load(ctx, path, text, len);
	if (!y)
		return NULL;
	folio_tpl L = {.ctx = ctx, .y = y};
	L.t = folio_arena_alloc(ctx->arena, sizeof *L.t);
	L.t->path = folio_yaml_path(y);
	const char *slash = strrchr(path, '/');
	L.dir = slash ? folio_arena_strndup(ctx->arena, path,
	                                    (size_t)(slash - path) + (slash == path))
	              : ".";
	int before = ctx->nerrors;
	bool ok = folio_tpl_read(&L, path) && ctx->nerrors == before;
	folio_yaml_drop(y);
	return ok ? L.t : NULL;
}
