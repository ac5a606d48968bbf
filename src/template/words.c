/* words.c (template): the layout's `words:`, the words folio sets itself in
 * languages it has none for (or in its own way for English and Russian):
 *
 *   words:
 *     tg: {page: Саҳифа, contents: Дар ин шумора,
 *          months: [январ, феврал, март, апрел, май, июн, июл, август,
 *                   сентябр, октябр, ноябр, декабр],
 *          date: "{day} {month} {year}"}
 *
 * `date` is optional: the order of the masthead's date, "{day} {month}
 * {year}" when not given.
 */
#include "tpl.h"

#include <string.h>

static bool folio_tpl_word(folio_tpl *L, yaml_node_t *map, const char *key, const char *what,
                           const char **out)
{
	yaml_node_t *v = folio_yaml_get(L->y, map, key);
	if (!v)
		return folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(L->y, map),
		                   "missing key '%s' in %s", key, what);
	if (!folio_yaml_string(L->ctx, L->y, v, out))
		return false;
	if (!**out)
		return folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(L->y, v),
		                   "%s.%s is empty", what, key);
	return true;
}

static bool folio_tpl_language(folio_tpl *L, yaml_node_t *map, const char *lang,
                               folio_words *w)
{
	static const char *const keys[] = {"page", "contents", "months", "date"};
	static const char *const fields[] = {"{day}", "{month}", "{year}"};
	const char *what = folio_arena_printf(L->ctx->arena, "words.%s", lang);
	if (!folio_yaml_check_map(L->ctx, L->y, map, what, keys, 4))
		return false;
	/* the key lives in the YAML document, which goes after the load */
	w->lang = folio_arena_strndup(L->ctx->arena, lang, strlen(lang));
	bool ok = folio_tpl_word(L, map, "page", what, &w->page);
	ok &= folio_tpl_word(L, map, "contents", what, &w->contents_title);
	yaml_node_t *months = folio_yaml_get(L->y, map, "months");
	if (!months)
		return folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(L->y, map),
		                   "missing key 'months' in %s", what);
	size_t n = months->type == YAML_SEQUENCE_NODE
	               ? (size_t)(months->data.sequence.items.top - months->data.sequence.items.start)
	               : 0;
	if (n != 12)
		return folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(L->y, months),
		                   "%s.months: expected a list of the 12 months' names, January "
		                   "first (found %s)",
		                   what, months->type == YAML_SEQUENCE_NODE ? "a list of another length"
		                                                            : "no list");
	for (size_t i = 0; i < 12; i++)
		ok &= folio_yaml_string(L->ctx, L->y, folio_yaml_item(L->y, months, i), &w->months[i]);
	yaml_node_t *date = folio_yaml_get(L->y, map, "date");
	if (date)
		ok &= folio_tpl_pattern(L, date, folio_arena_printf(L->ctx->arena, "%s.date", what),
		                        fields, 3, &w->date);
	return ok;
}

bool folio_tpl_words(folio_tpl *L, yaml_node_t *node)
{
	const char **langs;
	size_t n;
	if (!folio_tpl_names(L, node, "words", &langs, &n))
		return false;
	folio_template *t = L->t;
	t->words = folio_arena_alloc(L->ctx->arena, (n + 1) * sizeof *t->words);
	bool ok = true;
	for (size_t i = 0; i < n; i++)
		ok &= folio_tpl_language(L, folio_yaml_get(L->y, node, langs[i]), langs[i],
		                         &t->words[i]);
	if (ok)
		t->nwords = n;
	return ok;
}
