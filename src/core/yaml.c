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

/* A problem at a mark (a parser's or the tree builder's), with libyaml's
 * words. */
static bool folio_yaml_mark_error(folio_ctx *ctx, const char *path, const char *text, size_t len,
                                  const char *problem, const char *context, yaml_mark_t mark)
{
	folio_loc loc = folio_mark_loc(path, mark);
	/* libyaml's words for a tab in the indentation do not say "tab" in
	 * every case ("found character that cannot start any token"). */
	size_t at = mark.index;
	bool tab = strstr(problem, "tab") || (at < len && text[at] == '\t');
	const char *hint = tab ? "; YAML indents with spaces, not tabs" : "";
	if (context)
		return folio_error(ctx, FOLIO_ERR_INPUT, loc, "%s (%s)%s", problem, context, hint);
	return folio_error(ctx, FOLIO_ERR_INPUT, loc, "%s%s", problem, hint);
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
	return folio_yaml_mark_error(ctx, path, text, len, problem, p->context, p->problem_mark);
}

/* The tree is built from the events the limits are checked on, so the text
 * is parsed once (yaml_parser_load would parse it again). Nodes, their
 * order, tags and marks are those of libyaml's own loader (0.2.5). */
typedef struct {
	const char *name; /* arena copy; NULL in an empty slot */
	int index;
} folio_anchor;

typedef struct {
	int index; /* an open sequence or mapping */
	int key;   /* a mapping's key still waiting for its value, or 0 */
} folio_open;

typedef struct {
	folio_ctx *ctx;
	yaml_document_t *doc;
	folio_open *open;
	size_t nopen, capopen;
	/* Open addressing, a power of two in size, at most half full: the
	 * loader's list of anchors is searched whole for every anchor. */
	folio_anchor *anchors;
	size_t nanchors, capanchors;
	/* The first undefined alias or duplicate anchor stops the building but
	 * not the reading: a limit or syntax error further on is still the
	 * one reported, as when the tree was loaded after a complete scan. */
	const char *problem, *context;
	yaml_mark_t mark;
} folio_builder;

static folio_anchor *folio_anchor_find(folio_anchor *table, size_t cap, const char *name)
{
	size_t mask = cap - 1;
	size_t i = (size_t)folio_fnv1a(FOLIO_FNV_OFFSET, name, strlen(name)) & mask;
	while (table[i].name && strcmp(table[i].name, name) != 0)
		i = (i + 1) & mask;
	return &table[i];
}

static bool folio_builder_anchor(folio_builder *b, const yaml_char_t *anchor, int index)
{
	if (!anchor)
		return true;
	const char *name = (const char *)anchor;
	if ((b->nanchors + 1) * 2 > b->capanchors) {
		size_t cap = b->capanchors ? b->capanchors * 2 : 16;
		folio_anchor *table = folio_xcalloc(cap, sizeof *table);
		for (size_t i = 0; i < b->capanchors; i++)
			if (b->anchors[i].name)
				*folio_anchor_find(table, cap, b->anchors[i].name) = b->anchors[i];
		free(b->anchors);
		b->anchors = table;
		b->capanchors = cap;
	}
	folio_anchor *slot = folio_anchor_find(b->anchors, b->capanchors, name);
	if (slot->name) {
		b->context = "found duplicate anchor; first occurrence";
		b->problem = "second occurrence";
		b->mark = yaml_document_get_node(b->doc, index)->start_mark;
		return false;
	}
	*slot = (folio_anchor){folio_arena_strdup(b->ctx->arena, name), index};
	b->nanchors++;
	return true;
}

/* Hang a new node (or an alias's node) under the innermost open collection. */
static void folio_builder_attach(folio_builder *b, int index)
{
	if (b->nopen == 0)
		return; /* the root */
	folio_open *o = &b->open[b->nopen - 1];
	int ok;
	if (yaml_document_get_node(b->doc, o->index)->type == YAML_SEQUENCE_NODE) {
		ok = yaml_document_append_sequence_item(b->doc, o->index, index);
	} else if (!o->key) {
		o->key = index;
		ok = 1;
	} else {
		ok = yaml_document_append_mapping_pair(b->doc, o->index, o->key, index);
		o->key = 0;
	}
	if (!ok)
		folio_oom();
}

/* The node's tag: the event's, or the default one that yaml_document_add_*
 * gave it when the event has none or "!" (the loader's rule). The strings
 * change owners rather than being copied: both are libyaml's allocations,
 * freed by yaml_event_delete and yaml_document_delete. */
static yaml_node_t *folio_builder_node(folio_builder *b, int index, yaml_char_t **tag,
                                       const yaml_event_t *ev)
{
	if (!index)
		folio_oom();
	yaml_node_t *n = yaml_document_get_node(b->doc, index);
	if (*tag && strcmp((const char *)*tag, "!") != 0) {
		yaml_char_t *t = n->tag;
		n->tag = *tag;
		*tag = t;
	}
	n->start_mark = ev->start_mark;
	n->end_mark = ev->end_mark;
	return n;
}

static void folio_builder_open(folio_builder *b, int index)
{
	if (b->nopen == b->capopen) {
		b->capopen = b->capopen ? b->capopen * 2 : 16;
		b->open = folio_xrealloc(b->open, b->capopen * sizeof *b->open);
	}
	b->open[b->nopen++] = (folio_open){index, 0};
}

/* A sequence or mapping just added: its tag and marks, its anchor, its
 * place under its parent, and open until its end event. */
static void folio_builder_collection(folio_builder *b, int index, yaml_char_t **tag,
                                     const yaml_char_t *anchor, const yaml_event_t *ev)
{
	folio_builder_node(b, index, tag, ev);
	if (folio_builder_anchor(b, anchor, index)) {
		folio_builder_attach(b, index);
		folio_builder_open(b, index);
	}
}

static void folio_builder_event(folio_builder *b, yaml_event_t *ev)
{
	yaml_document_t *doc = b->doc;
	int index;
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		doc->version_directive = ev->data.document_start.version_directive;
		doc->tag_directives.start = ev->data.document_start.tag_directives.start;
		doc->tag_directives.end = ev->data.document_start.tag_directives.end;
		ev->data.document_start.version_directive = NULL;
		ev->data.document_start.tag_directives.start = NULL;
		ev->data.document_start.tag_directives.end = NULL;
		doc->start_implicit = ev->data.document_start.implicit;
		doc->start_mark = ev->start_mark;
		break;
	case YAML_DOCUMENT_END_EVENT:
		doc->end_implicit = ev->data.document_end.implicit;
		doc->end_mark = ev->end_mark;
		break;
	case YAML_SCALAR_EVENT: {
		index = yaml_document_add_scalar(doc, NULL, (const yaml_char_t *)"", 0,
		                                 ev->data.scalar.style);
		yaml_node_t *n = folio_builder_node(b, index, &ev->data.scalar.tag, ev);
		yaml_char_t *empty = n->data.scalar.value;
		n->data.scalar.value = ev->data.scalar.value;
		n->data.scalar.length = ev->data.scalar.length;
		ev->data.scalar.value = empty;
		if (folio_builder_anchor(b, ev->data.scalar.anchor, index))
			folio_builder_attach(b, index);
		break;
	}
	case YAML_SEQUENCE_START_EVENT:
		folio_builder_collection(
		    b, yaml_document_add_sequence(doc, NULL, ev->data.sequence_start.style),
		    &ev->data.sequence_start.tag, ev->data.sequence_start.anchor, ev);
		break;
	case YAML_MAPPING_START_EVENT:
		folio_builder_collection(
		    b, yaml_document_add_mapping(doc, NULL, ev->data.mapping_start.style),
		    &ev->data.mapping_start.tag, ev->data.mapping_start.anchor, ev);
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		index = b->open[--b->nopen].index;
		yaml_document_get_node(doc, index)->end_mark = ev->end_mark;
		break;
	case YAML_ALIAS_EVENT: {
		folio_anchor *a = NULL;
		if (b->capanchors)
			a = folio_anchor_find(b->anchors, b->capanchors,
			                      (const char *)ev->data.alias.anchor);
		if (!a || !a->name) {
			b->problem = "found undefined alias";
			b->mark = ev->start_mark;
			break;
		}
		folio_builder_attach(b, a->index);
		break;
	}
	default:
		break;
	}
}

/* One pass over the event stream: the limits are checked on each event
 * before it joins the tree, so a hostile file costs time and memory linear
 * in its size; then the tree as seen through its aliases is bounded. */
static bool folio_yaml_parse(folio_ctx *ctx, folio_yaml *y, const char *text, size_t len)
{
	const char *path = y->path;
	if (!yaml_document_initialize(&y->doc, NULL, NULL, NULL, 0, 0))
		folio_oom();
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p))
		return folio_error(ctx, FOLIO_ERR_OTHER, (folio_loc){path, 0, 0},
		                   "cannot start the YAML parser");
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	folio_builder b = {.ctx = ctx, .doc = &y->doc};
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
		if (ok && !b.problem)
			folio_builder_event(&b, &ev);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	free(b.open);
	free(b.anchors);
	if (ok && b.problem)
		ok = folio_yaml_mark_error(ctx, path, text, len, b.problem, b.context, b.mark);
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
	folio_yaml *y = folio_xcalloc(1, sizeof *y);
	y->path = path;
	if (!folio_yaml_parse(ctx, y, text, len) || !folio_yaml_check_expansion(ctx, y)) {
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
