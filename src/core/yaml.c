/* yaml.c: loading a YAML document under the context's limits, and reading
 * its values with their places (file:line:col) so every message can point
 * at the text the user has to change. */
#include "yaml.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Aliases do not copy nodes in libyaml, but anything that walks the tree
 * visits a node once per reference: the classic "billion laughs" needs only
 * 72 aliases. So the tree as seen through its aliases is bounded too. */
#define FOLIO_YAML_MAX_EXPANDED ((uint64_t)1 << 20)

struct folio_yaml {
	const char *path;
	yaml_document_t doc;
};

static folio_loc folio_mark_loc(const char *path, yaml_mark_t m)
{
	return (folio_loc){path, (int)m.line + 1, (int)m.column + 1};
}

/* Reader errors (bad UTF-8 in the input) carry a byte offset, not a mark. */
static folio_loc folio_offset_loc(const char *path, const char *text, size_t len, size_t offset)
{
	int line = 1, col = 1;
	for (size_t i = 0; i < offset && i < len; i++) {
		if (text[i] == '\n')
			line++, col = 1;
		else if (((unsigned char)text[i] & 0xC0) != 0x80)
			col++;
	}
	return (folio_loc){path, line, col};
}

static bool folio_yaml_syntax_error(folio_ctx *ctx, const char *path, const char *text, size_t len,
                                    const yaml_parser_t *p)
{
	const char *problem = p->problem ? p->problem : "cannot parse YAML";
	if (p->error == YAML_READER_ERROR) {
		/* The byte offset too: an editor may not show the bad byte. */
		size_t off = p->problem_offset;
		folio_loc at = folio_offset_loc(path, text, len, off);
		if (off < len && text[off] == '\0')
			return folio_error(ctx, FOLIO_ERR_INPUT, at, "NUL byte at byte %zu", off);
		return folio_error(ctx, FOLIO_ERR_INPUT, at,
		                   "%s at byte %zu (the file must be UTF-8 text)", problem, off);
	}
	if (p->error == YAML_MEMORY_ERROR)
		return folio_error(ctx, FOLIO_ERR_OTHER, (folio_loc){path, 0, 0},
		                   "out of memory while parsing YAML");
	folio_loc loc = folio_mark_loc(path, p->problem_mark);
	/* libyaml's words for a tab in the indentation do not say "tab" in
	 * every case ("found character that cannot start any token"). */
	size_t at = p->problem_mark.index;
	bool tab = strstr(problem, "tab") || (at < len && text[at] == '\t');
	const char *hint = tab ? "; YAML indents with spaces, not tabs" : "";
	if (p->context)
		return folio_error(ctx, FOLIO_ERR_INPUT, loc, "%s (%s)%s", problem, p->context,
		                   hint);
	return folio_error(ctx, FOLIO_ERR_INPUT, loc, "%s%s", problem, hint);
}

/* First pass over the event stream: limits are checked before a tree is
 * built, so a hostile file costs time linear in its size. */
static bool folio_yaml_scan(folio_ctx *ctx, const char *path, const char *text, size_t len)
{
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p))
		return folio_error(ctx, FOLIO_ERR_OTHER, (folio_loc){path, 0, 0},
		                   "cannot start the YAML parser");
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	int depth = 0, aliases = 0, documents = 0;
	bool ok = true, done = false;
	while (ok && !done) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&p, &ev)) {
			ok = folio_yaml_syntax_error(ctx, path, text, len, &p);
			break;
		}
		folio_loc loc = folio_mark_loc(path, ev.start_mark);
		switch (ev.type) {
		case YAML_DOCUMENT_START_EVENT:
			if (++documents > 1)
				ok = folio_error(ctx, FOLIO_ERR_INPUT, loc,
				                 "a second YAML document in one file (only "
				                 "one is read; remove the '---')");
			break;
		case YAML_MAPPING_START_EVENT:
		case YAML_SEQUENCE_START_EVENT:
			if (++depth > ctx->limits.yaml_depth)
				ok = folio_error(ctx, FOLIO_ERR_INPUT, loc,
				                 "nesting deeper than the limit of %d",
				                 ctx->limits.yaml_depth);
			break;
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT:
			depth--;
			break;
		case YAML_ALIAS_EVENT:
			if (++aliases > ctx->limits.yaml_aliases)
				ok = folio_error(ctx, FOLIO_ERR_INPUT, loc, "more than %d aliases",
				                 ctx->limits.yaml_aliases);
			break;
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	return ok;
}

enum { FOLIO_UNSEEN = 0, FOLIO_VISITING, FOLIO_DONE };

typedef struct {
	yaml_document_t *doc;
	unsigned char *state;
	uint64_t *size;
	yaml_node_t *bad; /* where the walk stopped */
	bool cycle;
} folio_expand;

/* Size of the node's tree with every alias expanded, saturating just past
 * the cap. Recursion depth is bounded: nesting by yaml_depth, and a chain
 * through aliases by yaml_aliases. */
static uint64_t folio_expanded(folio_expand *e, int index)
{
	size_t i = (size_t)(index - 1);
	if (e->state[i] == FOLIO_DONE)
		return e->size[i];
	yaml_node_t *n = yaml_document_get_node(e->doc, index);
	if (e->state[i] == FOLIO_VISITING) {
		e->cycle = true;
		e->bad = n;
		return FOLIO_YAML_MAX_EXPANDED + 1;
	}
	e->state[i] = FOLIO_VISITING;
	uint64_t total = 1;
	if (n->type == YAML_SEQUENCE_NODE) {
		for (yaml_node_item_t *it = n->data.sequence.items.start;
		     it < n->data.sequence.items.top && !e->bad; it++)
			total += folio_expanded(e, *it);
	} else if (n->type == YAML_MAPPING_NODE) {
		for (yaml_node_pair_t *pr = n->data.mapping.pairs.start;
		     pr < n->data.mapping.pairs.top && !e->bad; pr++) {
			total += folio_expanded(e, pr->key);
			if (!e->bad)
				total += folio_expanded(e, pr->value);
		}
	}
	if (total > FOLIO_YAML_MAX_EXPANDED && !e->bad) {
		e->bad = n;
		total = FOLIO_YAML_MAX_EXPANDED + 1;
	}
	e->state[i] = FOLIO_DONE;
	e->size[i] = total;
	return total;
}

static bool folio_yaml_check_expansion(folio_ctx *ctx, folio_yaml *y)
{
	size_t n = (size_t)(y->doc.nodes.top - y->doc.nodes.start);
	if (n == 0)
		return true;
	folio_expand e = {&y->doc, folio_xcalloc(n, 1), folio_xcalloc(n, sizeof(uint64_t)), NULL,
	                  false};
	folio_expanded(&e, 1);
	free(e.state);
	free(e.size);
	if (!e.bad)
		return true;
	folio_loc loc = folio_yaml_loc(y, e.bad);
	if (e.cycle)
		return folio_error(ctx, FOLIO_ERR_INPUT, loc,
		                   "an alias refers to a node that contains it");
	return folio_error(ctx, FOLIO_ERR_INPUT, loc,
	                   "aliases expand the document past the limit of %llu "
	                   "nodes",
	                   (unsigned long long)FOLIO_YAML_MAX_EXPANDED);
}

folio_yaml *folio_yaml_load(folio_ctx *ctx, const char *path, const char *text, size_t len)
{
	path = folio_arena_strdup(ctx->arena, path ? path : "<yaml>");
	if (len > ctx->limits.text_bytes) {
		folio_error(ctx, FOLIO_ERR_INPUT, (folio_loc){path, 0, 0},
		            "larger than the limit of %llu bytes",
		            (unsigned long long)ctx->limits.text_bytes);
		return NULL;
	}
	if (!folio_yaml_scan(ctx, path, text, len))
		return NULL;
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p)) {
		folio_error(ctx, FOLIO_ERR_OTHER, (folio_loc){path, 0, 0},
		            "cannot start the YAML parser");
		return NULL;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	folio_yaml *y = folio_xcalloc(1, sizeof *y);
	y->path = path;
	if (!yaml_parser_load(&p, &y->doc)) {
		folio_yaml_syntax_error(ctx, path, text, len, &p);
		yaml_parser_delete(&p);
		free(y);
		return NULL;
	}
	yaml_parser_delete(&p);
	if (!folio_yaml_check_expansion(ctx, y)) {
		folio_yaml_drop(y);
		return NULL;
	}
	return y;
}

void folio_yaml_drop(folio_yaml *y)
{
	if (!y)
		return;
	yaml_document_delete(&y->doc);
	free(y);
}

yaml_node_t *folio_yaml_root(folio_yaml *y)
{
	yaml_node_t *root = yaml_document_get_root_node(&y->doc);
	/* An empty file loads as an empty plain scalar in some libyaml
	 * versions and as no node in others: both mean "nothing". */
	if (root && root->type == YAML_SCALAR_NODE && root->data.scalar.length == 0 &&
	    root->data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
		return NULL;
	return root;
}

folio_loc folio_yaml_loc(folio_yaml *y, const yaml_node_t *node)
{
	if (!node)
		return (folio_loc){y->path, 0, 0};
	return folio_mark_loc(y->path, node->start_mark);
}

const char *folio_yaml_path(folio_yaml *y)
{
	return y->path;
}

static const char *folio_node_kind(const yaml_node_t *node)
{
	switch (node->type) {
	case YAML_SCALAR_NODE:
		return "a single value";
	case YAML_SEQUENCE_NODE:
		return "a list";
	case YAML_MAPPING_NODE:
		return "a mapping";
	default:
		return "nothing";
	}
}

bool folio_yaml_check_map(folio_ctx *ctx, folio_yaml *y, yaml_node_t *node, const char *what,
                          const char *const *allowed, size_t nallowed)
{
	if (!what)
		what = "this mapping";
	if (!node || node->type != YAML_MAPPING_NODE) {
		folio_loc loc = folio_yaml_loc(y, node);
		if (!node)
			return folio_error(ctx, FOLIO_ERR_INPUT, loc, "expected a mapping for %s",
			                   what);
		return folio_error(ctx, FOLIO_ERR_INPUT, loc, "expected a mapping for %s, found %s",
		                   what, folio_node_kind(node));
	}
	bool ok = true;
	yaml_node_pair_t *start = node->data.mapping.pairs.start;
	for (yaml_node_pair_t *pr = start; pr < node->data.mapping.pairs.top; pr++) {
		yaml_node_t *k = yaml_document_get_node(&y->doc, pr->key);
		folio_loc loc = folio_yaml_loc(y, k);
		if (k->type != YAML_SCALAR_NODE) {
			ok = folio_error(ctx, FOLIO_ERR_INPUT, loc,
			                 "expected a key name in %s, found %s", what,
			                 folio_node_kind(k));
			continue;
		}
		const char *key = (const char *)k->data.scalar.value;
		bool known = false;
		for (size_t i = 0; i < nallowed && !known; i++)
			known = strcmp(key, allowed[i]) == 0;
		if (!known) {
			const char *s = folio_suggest(key, allowed, nallowed);
			if (s) {
				ok = folio_error(ctx, FOLIO_ERR_INPUT, loc,
				                 "unknown key '%s' (did you mean '%s'?)", key, s);
			} else {
				char list[512] = "";
				size_t used = 0;
				for (size_t i = 0; i < nallowed && used < sizeof list; i++)
					used += (size_t)snprintf(list + used, sizeof list - used,
					                         "%s%s", i ? ", " : "", allowed[i]);
				ok = folio_error(ctx, FOLIO_ERR_INPUT, loc,
				                 "unknown key '%s' in %s (keys: %s)", key, what,
				                 list);
			}
			continue;
		}
		for (yaml_node_pair_t *q = start; q < pr; q++) {
			yaml_node_t *qk = yaml_document_get_node(&y->doc, q->key);
			if (qk->type == YAML_SCALAR_NODE &&
			    strcmp((const char *)qk->data.scalar.value, key) == 0) {
				ok = folio_error(ctx, FOLIO_ERR_INPUT, loc,
				                 "duplicate key '%s' (first at line %d)", key,
				                 (int)qk->start_mark.line + 1);
				break;
			}
		}
	}
	return ok;
}

yaml_node_t *folio_yaml_get(folio_yaml *y, yaml_node_t *map, const char *key)
{
	if (!map || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (yaml_node_pair_t *pr = map->data.mapping.pairs.start; pr < map->data.mapping.pairs.top;
	     pr++) {
		yaml_node_t *k = yaml_document_get_node(&y->doc, pr->key);
		if (k->type == YAML_SCALAR_NODE &&
		    strcmp((const char *)k->data.scalar.value, key) == 0)
			return yaml_document_get_node(&y->doc, pr->value);
	}
	return NULL;
}

bool folio_yaml_pair(folio_yaml *y, yaml_node_t *map, size_t i, const char **key,
                     yaml_node_t **value)
{
	if (!map || map->type != YAML_MAPPING_NODE)
		return false;
	size_t n = (size_t)(map->data.mapping.pairs.top - map->data.mapping.pairs.start);
	if (i >= n)
		return false;
	yaml_node_pair_t *pr = map->data.mapping.pairs.start + i;
	yaml_node_t *k = yaml_document_get_node(&y->doc, pr->key);
	*key = k->type == YAML_SCALAR_NODE ? (const char *)k->data.scalar.value : "";
	*value = yaml_document_get_node(&y->doc, pr->value);
	return true;
}

yaml_node_t *folio_yaml_item(folio_yaml *y, yaml_node_t *seq, size_t i)
{
	if (!seq || seq->type != YAML_SEQUENCE_NODE)
		return NULL;
	size_t n = (size_t)(seq->data.sequence.items.top - seq->data.sequence.items.start);
	if (i >= n)
		return NULL;
	return yaml_document_get_node(&y->doc, seq->data.sequence.items.start[i]);
}

/* The scalar's text, or NULL after recording "expected <what>". */
static const char *folio_scalar(folio_ctx *ctx, folio_yaml *y, yaml_node_t *node, const char *what)
{
	if (node && node->type == YAML_SCALAR_NODE)
		return (const char *)node->data.scalar.value;
	if (!node)
		folio_error(ctx, FOLIO_ERR_INPUT, folio_yaml_loc(y, node), "expected %s", what);
	else
		folio_error(ctx, FOLIO_ERR_INPUT, folio_yaml_loc(y, node), "expected %s, found %s",
		            what, folio_node_kind(node));
	return NULL;
}

bool folio_yaml_string(folio_ctx *ctx, folio_yaml *y, yaml_node_t *node, const char **out)
{
	const char *s = folio_scalar(ctx, y, node, "a string");
	if (!s)
		return false;
	size_t len = node->data.scalar.length;
	/* libyaml checks the file's UTF-8, but an escape such as "\0" still
	 * puts a NUL inside a quoted string. */
	size_t bad = folio_utf8_check(s, len);
	if (bad != (size_t)-1)
		return folio_error(ctx, FOLIO_ERR_INPUT, folio_yaml_loc(y, node),
		                   s[bad] == 0 ? "string holds a NUL character at "
		                                 "byte %zu"
		                               : "string holds invalid UTF-8 at "
		                                 "byte %zu",
		                   bad + 1);
	*out = folio_arena_strndup(ctx->arena, s, len);
	return true;
}

/* strtod over the whole text; false if anything is left over. */
static bool folio_parse_number(const char *s, size_t len, double *out)
{
	if (len == 0 || isspace((unsigned char)s[0]))
		return false;
	char *end;
	double v = strtod(s, &end);
	if (end != s + len || !isfinite(v))
		return false;
	*out = v;
	return true;
}

bool folio_yaml_number(folio_ctx *ctx, folio_yaml *y, yaml_node_t *node, double *out)
{
	const char *s = folio_scalar(ctx, y, node, "a number");
	if (!s)
		return false;
	if (!folio_parse_number(s, node->data.scalar.length, out))
		return folio_error(ctx, FOLIO_ERR_INPUT, folio_yaml_loc(y, node),
		                   "expected a number, found '%s'", s);
	return true;
}

bool folio_yaml_int(folio_ctx *ctx, folio_yaml *y, yaml_node_t *node, int *out)
{
	const char *s = folio_scalar(ctx, y, node, "a whole number");
	if (!s)
		return false;
	double v;
	if (!folio_parse_number(s, node->data.scalar.length, &v) || v != floor(v) ||
	    v < -2147483647.0 || v > 2147483647.0)
		return folio_error(ctx, FOLIO_ERR_INPUT, folio_yaml_loc(y, node),
		                   "expected a whole number, found '%s'", s);
	*out = (int)v;
	return true;
}

bool folio_yaml_bool(folio_ctx *ctx, folio_yaml *y, yaml_node_t *node, bool *out)
{
	const char *s = folio_scalar(ctx, y, node, "true or false");
	if (!s)
		return false;
	if (!strcasecmp(s, "true") || !strcasecmp(s, "yes")) {
		*out = true;
		return true;
	}
	if (!strcasecmp(s, "false") || !strcasecmp(s, "no")) {
		*out = false;
		return true;
	}
	return folio_error(ctx, FOLIO_ERR_INPUT, folio_yaml_loc(y, node),
	                   "expected true or false, found '%s'", s);
}

bool folio_yaml_length(folio_ctx *ctx, folio_yaml *y, yaml_node_t *node, double *pt)
{
	static const struct {
		const char *unit;
		double pt;
	} units[] = {
	    {"pt", 1.0},
	    {"mm", 72.0 / 25.4},
	    {"cm", 720.0 / 25.4},
	    {"in", 72.0},
	};
	const char *s = folio_scalar(ctx, y, node, "a length");
	if (!s)
		return false;
	size_t len = node->data.scalar.length;
	if (folio_parse_number(s, len, pt))
		return true;
	size_t n = len;
	while (n > 0 && isalpha((unsigned char)s[n - 1]))
		n--;
	const char *unit = s + n;
	while (n > 0 && s[n - 1] == ' ')
		n--;
	double v;
	if (*unit && folio_parse_number(s, n, &v)) {
		for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
			if (strcmp(unit, units[i].unit) == 0) {
				*pt = v * units[i].pt;
				return true;
			}
		}
		return folio_error(ctx, FOLIO_ERR_INPUT, folio_yaml_loc(y, node),
		                   "unknown unit '%s' in '%s' (units: mm, cm, in, pt)", unit, s);
	}
	return folio_error(ctx, FOLIO_ERR_INPUT, folio_yaml_loc(y, node),
	                   "expected a length such as 12pt, 4mm, 0.5cm or 1in, "
	                   "found '%s'",
	                   s);
}
