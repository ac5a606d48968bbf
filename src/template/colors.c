/* colors.c: a layout's `colors:`, each named, in one of three forms:
 *
 *   ink:    [0, 0, 0, 100]                           # process: C, M, Y, K in %
 *   blue:   {spot: PANTONE 2945 C, cmyk: [100, 45, 0, 14]}   # a plate of its own
 *   pale:   {of: blue, tint: 15}                     # a tint of a colour above
 *
 * A spot colour prints with its own ink (a two-colour newsletter, black and
 * one Pantone, costs a printer two plates instead of four); `cmyk` is the
 * process colour that stands in for it on screen and in proofs, and must
 * be the same wherever the spot is named. `tint` (%, 100 when not given)
 * may stand with `spot` too. */
#include "tpl.h"

#include <math.h>
#include <string.h>

/* [c, m, y, k] in percent -> pc */
static bool folio_tpl_percentages(folio_tpl *L, yaml_node_t *v, const char *name,
                                  double pc[4])
{
	bool ok = true;
	size_t count = 0;
	yaml_node_t *item;
	while ((item = folio_yaml_item(L->y, v, count)) != NULL) {
		if (count < 4) {
			if (!folio_yaml_number(L->ctx, L->y, item, &pc[count]))
				ok = false;
			else if (pc[count] < 0 || pc[count] > 100)
				ok = folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(L->y, item),
				                 "colour '%s': %g is outside 0..100 (percent)", name,
				                 pc[count]);
		}
		count++;
	}
	if (count != 4)
		ok = folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(L->y, v),
		                 "colour '%s': expected [c, m, y, k], four percentages", name);
	return ok;
}

/* The spot ink called `ink` with this alternate: its number (1-based), a
 * new one if it was not named before. */
static int folio_tpl_spot(folio_tpl *L, yaml_node_t *at, const char *ink, const double pc[4])
{
	folio_template *t = L->t;
	for (size_t i = 0; i < t->nspots; i++) {
		const folio_spot *s = &t->spots[i];
		if (strcmp(s->name, ink))
			continue;
		double had[4] = {s->c * 100, s->m * 100, s->y * 100, s->k * 100};
		bool same = true;
		for (int k = 0; k < 4; k++)
			same = same && fabs(had[k] - pc[k]) < 1e-9;
		if (!same) {
			folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(L->y, at),
			            "spot '%s' is given another cmyk here than above (%g, %g, %g, %g): "
			            "one ink has one stand-in",
			            ink, had[0], had[1], had[2], had[3]);
			return 0;
		}
		return (int)i + 1;
	}
	folio_spot *grown =
	    folio_arena_alloc(L->ctx->arena, (t->nspots + 1) * sizeof *t->spots);
	if (t->nspots)
		memcpy(grown, t->spots, t->nspots * sizeof *t->spots);
	grown[t->nspots] = (folio_spot){folio_arena_strdup(L->ctx->arena, ink), pc[0] / 100,
	                                pc[1] / 100, pc[2] / 100, pc[3] / 100};
	t->spots = grown;
	return (int)++t->nspots;
}

/* {spot: NAME, cmyk: [...], tint: N} or {of: NAME, tint: N}, colour i */
static bool folio_tpl_mapped(folio_tpl *L, yaml_node_t *v, size_t i, const char *name,
                             folio_cmyk *out)
{
	static const char *const keys[] = {"spot", "cmyk", "of", "tint"};
	const char *what = folio_arena_printf(L->ctx->arena, "colour '%s'", name);
	if (!folio_yaml_check_map(L->ctx, L->y, v, what, keys, 4))
		return false;
	yaml_node_t *spot = folio_yaml_get(L->y, v, "spot"), *cmyk = folio_yaml_get(L->y, v, "cmyk"),
	            *of = folio_yaml_get(L->y, v, "of");
	double tint = 100;
	if (!folio_tpl_number(L, v, "tint", FOLIO_NONNEG, &tint))
		return false;
	if (tint > 100)
		return folio_error(L->ctx, FOLIO_ERR_INPUT,
		                   folio_yaml_loc(L->y, folio_yaml_get(L->y, v, "tint")),
		                   "colour '%s': tint %g is outside 0..100 (percent)", name, tint);
	if (!!spot + !!of != 1 || (spot && !cmyk) || (of && cmyk))
		return folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(L->y, v),
		                   "colour '%s': give [c, m, y, k], {spot: NAME, cmyk: [c, m, y, "
		                   "k]} or {of: COLOUR, tint: PERCENT}",
		                   name);
	tint /= 100;
	if (of) {
		const char *base;
		if (!folio_yaml_string(L->ctx, L->y, of, &base))
			return false;
		size_t k = 0;
		while (k < i && strcmp(L->color_names[k], base))
			k++;
		if (k == i)
			return folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(L->y, of),
			                   "colour '%s' is a tint of '%s', which is not defined above "
			                   "it (%s)",
			                   name, base,
			                   folio_unknown_tail(L->ctx->arena, base, L->color_names, i,
			                                      "colours above"));
		folio_cmyk c = L->colors[k];
		*out = (folio_cmyk){c.c * tint, c.m * tint, c.y * tint, c.k * tint,
		                    (float)(c.spot ? c.tint * tint : 0), c.spot};
		return true;
	}
	const char *ink;
	double pc[4] = {0};
	if (!folio_yaml_string(L->ctx, L->y, spot, &ink) || !folio_tpl_percentages(L, cmyk, name, pc))
		return false;
	/* as the PDF names it, a byte that is not a plain letter takes three */
	size_t written = 0;
	for (const unsigned char *c = (const unsigned char *)ink; *c; c++)
		written += *c < 0x21 || *c > 0x7E || strchr("#()<>[]{}/%", *c) ? 3 : 1;
	if (written == 0 || written > 127)
		return folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(L->y, spot),
		                   "colour '%s': a spot ink's name is empty or too long (PDF "
		                   "names it in at most 127 bytes, a space or a sign as three)",
		                   name);
	int n = folio_tpl_spot(L, cmyk, ink, pc);
	if (!n)
		return false;
	*out = (folio_cmyk){pc[0] / 100 * tint, pc[1] / 100 * tint, pc[2] / 100 * tint,
	                    pc[3] / 100 * tint, (float)tint, n};
	return true;
}

bool folio_tpl_colors(folio_tpl *L, yaml_node_t *node)
{
	const char **names;
	size_t n;
	if (!folio_tpl_names(L, node, "colors", &names, &n))
		return false;
	if (n == 0)
		return folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(L->y, node),
		                   "colors: define at least one colour");
	L->color_names = names;
	L->colors = folio_arena_alloc(L->ctx->arena, n * sizeof *L->colors);
	L->ncolors = n;
	L->t->colors = folio_arena_alloc(L->ctx->arena, n * sizeof *L->t->colors);
	L->t->ncolors = n;
	bool ok = true;
	for (size_t i = 0; i < n; i++) {
		const char *name;
		yaml_node_t *v;
		folio_yaml_pair(L->y, node, i, &name, &v);
		if (v->type == YAML_MAPPING_NODE) {
			ok &= folio_tpl_mapped(L, v, i, name, &L->colors[i]);
		} else {
			double pc[4] = {0};
			ok &= folio_tpl_percentages(L, v, name, pc);
			L->colors[i] =
			    (folio_cmyk){pc[0] / 100, pc[1] / 100, pc[2] / 100, pc[3] / 100, 0, 0};
		}
		/* the name is copied: the YAML document goes with the load */
		L->t->colors[i] = (folio_named_color){folio_arena_strdup(L->ctx->arena, name),
		                                      L->colors[i], folio_yaml_loc(L->y, v)};
	}
	return ok;
}

bool folio_tpl_color(folio_tpl *L, yaml_node_t *node, folio_cmyk *out)
{
	const char *name;
	if (!folio_yaml_string(L->ctx, L->y, node, &name))
		return false;
	for (size_t i = 0; i < L->ncolors; i++) {
		if (strcmp(L->color_names[i], name) == 0) {
			*out = L->colors[i];
			return true;
		}
	}
	return folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(L->y, node),
	                   "unknown colour '%s' (%s)", name,
	                   folio_unknown_tail(L->ctx->arena, name, L->color_names,
	                                      L->ncolors, "colours"));
}

bool folio_tpl_color_key(folio_tpl *L, yaml_node_t *map, const char *key, folio_cmyk *out)
{
	yaml_node_t *v = folio_yaml_get(L->y, map, key);
	return !v || folio_tpl_color(L, v, out);
}
