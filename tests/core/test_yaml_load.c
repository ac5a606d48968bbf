/* test_yaml_load.c: the tree folio_yaml_load builds from libyaml's events
 * (node types, values, tags and marks as libyaml's own loader makes them),
 * and its refusals with their places: depth, aliases, a second document,
 * undefined aliases, duplicate anchors, cycles, expansion. */
#include "../check.h"
#include "core/yaml.h"

#include <stdlib.h>

static folio_yaml *load(folio_ctx **ctx, const char *text)
{
	*ctx = folio_ctx_new();
	return folio_yaml_load(*ctx, "t.yaml", text, strlen(text));
}

static void done(folio_ctx *ctx, folio_yaml *y)
{
	folio_yaml_drop(y);
	folio_ctx_drop(ctx);
}

static bool is_scalar(const yaml_node_t *n, const char *value, const char *tag)
{
	return n && n->type == YAML_SCALAR_NODE && strcmp((const char *)n->tag, tag) == 0 &&
	       n->data.scalar.length == strlen(value) &&
	       memcmp(n->data.scalar.value, value, n->data.scalar.length) == 0;
}

static bool mark_is(yaml_mark_t m, size_t index, size_t line, size_t column)
{
	return m.index == index && m.line == line && m.column == column;
}

static void test_tree(void)
{
	folio_ctx *ctx;
	const char *text = "a: &x [1, 'two', {k: v}]\n"
	                   "b: *x\n"
	                   "c: !!int 3\n"
	                   "d: ! plain\n"
	                   "? [k]\n"
	                   ": |\n"
	                   "  lit\n";
	folio_yaml *y = load(&ctx, text);
	CHECK(y != NULL);
	if (!y) {
		done(ctx, y);
		return;
	}
	yaml_node_t *root = folio_yaml_root(y);
	CHECK(root && root->type == YAML_MAPPING_NODE);
	CHECK(root && strcmp((const char *)root->tag, YAML_DEFAULT_MAPPING_TAG) == 0);
	CHECK(root && root->data.mapping.style == YAML_BLOCK_MAPPING_STYLE);
	CHECK(root && mark_is(root->start_mark, 0, 0, 0));
	CHECK(root && mark_is(root->end_mark, strlen(text), 7, 0));

	yaml_node_t *a = folio_yaml_get(y, root, "a");
	CHECK(a && a->type == YAML_SEQUENCE_NODE);
	CHECK(a && strcmp((const char *)a->tag, YAML_DEFAULT_SEQUENCE_TAG) == 0);
	CHECK(a && a->data.sequence.style == YAML_FLOW_SEQUENCE_STYLE);
	/* The node starts at its anchor and ends after its ']'. */
	CHECK(a && mark_is(a->start_mark, 3, 0, 3));
	CHECK(a && mark_is(a->end_mark, 24, 0, 24));
	CHECK(is_scalar(folio_yaml_item(y, a, 0), "1", YAML_DEFAULT_SCALAR_TAG));
	yaml_node_t *two = folio_yaml_item(y, a, 1);
	CHECK(is_scalar(two, "two", YAML_DEFAULT_SCALAR_TAG));
	CHECK(two && two->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE);
	CHECK(two && mark_is(two->start_mark, 10, 0, 10) && mark_is(two->end_mark, 15, 0, 15));
	yaml_node_t *inner = folio_yaml_item(y, a, 2);
	CHECK(inner && inner->type == YAML_MAPPING_NODE &&
	      inner->data.mapping.style == YAML_FLOW_MAPPING_STYLE);
	CHECK(is_scalar(folio_yaml_get(y, inner, "k"), "v", YAML_DEFAULT_SCALAR_TAG));
	CHECK(folio_yaml_item(y, a, 3) == NULL);

	/* An alias is the anchored node itself, not a copy. */
	CHECK(folio_yaml_get(y, root, "b") == a);

	yaml_node_t *c = folio_yaml_get(y, root, "c");
	CHECK(is_scalar(c, "3", "tag:yaml.org,2002:int"));
	CHECK(c && c->data.scalar.style == YAML_PLAIN_SCALAR_STYLE);
	yaml_node_t *d = folio_yaml_get(y, root, "d");
	CHECK(is_scalar(d, "plain", YAML_DEFAULT_SCALAR_TAG)); /* "!" is the default */
	CHECK(d && mark_is(d->start_mark, 45, 3, 3));
	CHECK(folio_yaml_loc(y, d).line == 4 && folio_yaml_loc(y, d).col == 4);

	/* A complex key; the pairs in file order. */
	const char *key;
	yaml_node_t *value;
	CHECK(folio_yaml_pair(y, root, 4, &key, &value));
	CHECK(strcmp(key, "") == 0); /* not a scalar */
	CHECK(is_scalar(value, "lit\n", YAML_DEFAULT_SCALAR_TAG));
	CHECK(value && value->data.scalar.style == YAML_LITERAL_SCALAR_STYLE);
	CHECK(!folio_yaml_pair(y, root, 5, &key, &value));
	CHECK(folio_yaml_pair(y, root, 0, &key, &value) && strcmp(key, "a") == 0 && value == a);
	CHECK(!folio_failed(ctx));
	done(ctx, y);
}

static void test_empty(void)
{
	static const char *const texts[] = {"", "# only a comment\n", "---\n", "---\n...\n",
	                                    "--- !!str\n"};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		folio_ctx *ctx;
		folio_yaml *y = load(&ctx, texts[i]);
		CHECK(y != NULL);
		CHECK(y && folio_yaml_root(y) == NULL);
		CHECK(!folio_failed(ctx));
		done(ctx, y);
	}
	/* A quoted empty string is a value, not nothing. */
	folio_ctx *ctx;
	folio_yaml *y = load(&ctx, "''\n");
	CHECK(y && is_scalar(folio_yaml_root(y), "", YAML_DEFAULT_SCALAR_TAG));
	done(ctx, y);
}

/* Load `text` under small limits and expect one error `want`. */
static void refused(const char *text, const char *want)
{
	folio_ctx *ctx = folio_ctx_new();
	ctx->limits.yaml_depth = 3;
	ctx->limits.yaml_aliases = 2;
	folio_yaml *y = folio_yaml_load(ctx, "t.yaml", text, strlen(text));
	CHECK(y == NULL);
	CHECK(ctx->status == FOLIO_ERR_INPUT);
	CHECK(ctx->ndiags == 1);
	if (ctx->ndiags != 1 || strcmp(ctx->diags[0].text, want) != 0) {
		fprintf(stderr, "  for %s", text);
		CHECK_STR(ctx->ndiags ? ctx->diags[0].text : NULL, want);
	}
	done(ctx, y);
}

static void test_refusals(void)
{
	refused("a: [[[x]]]\n", "t.yaml:1:6: error: nesting deeper than the limit of 3");
	refused("a:\n  b:\n    c:\n      d: x\n",
	        "t.yaml:4:7: error: nesting deeper than the limit of 3");
	refused("a: &a x\nb: [*a, *a, *a]\n", "t.yaml:2:13: error: more than 2 aliases");
	refused("a: 1\n---\nb: 2\n",
	        "t.yaml:2:1: error: a second YAML document in one file (only one is read; "
	        "remove the '---')");
	refused("a: 1\nb: *nope\n", "t.yaml:2:4: error: found undefined alias");
	/* An anchor only serves the aliases after it. */
	refused("a: *x\nb: &x 1\n", "t.yaml:1:4: error: found undefined alias");
	refused("a: &x 1\nb: &x 2\n",
	        "t.yaml:2:4: error: second occurrence (found duplicate anchor; first occurrence)");
	/* The mark is the second node's, after the tab: no hint about tabs. */
	refused("a: &x 1\nb:\t&x 2\n",
	        "t.yaml:2:4: error: second occurrence (found duplicate anchor; first occurrence)");
	/* A limit or syntax error later in the file is the one reported, as
	 * when the whole file was scanned before the tree was loaded. */
	refused("a: *nope\nb: [x\n",
	        "t.yaml:3:1: error: did not find expected ',' or ']' (while parsing a flow "
	        "sequence)");
	refused("a: *nope\nb: [[[x]]]\n", "t.yaml:2:6: error: nesting deeper than the limit of 3");
	refused("a: *nope\n---\n",
	        "t.yaml:2:1: error: a second YAML document in one file (only one is read; "
	        "remove the '---')");
	refused("a: &s [1, *s]\n", "t.yaml:1:4: error: an alias refers to a node that contains it");
	refused("a: [1\n", "t.yaml:2:1: error: did not find expected ',' or ']' (while parsing a "
	                   "flow sequence)");
}

static void test_expansion(void)
{
	/* Ten aliases of ten-item lists, six levels: 10^7 nodes seen through
	 * the aliases, from a few hundred bytes. */
	char text[1024] = "a: &a [x,x,x,x,x,x,x,x,x,x]\n";
	for (int i = 0; i < 6; i++) {
		char line[128];
		snprintf(line, sizeof line, "%c: &%c [*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c]\n",
		         'b' + i, 'b' + i, 'a' + i, 'a' + i, 'a' + i, 'a' + i, 'a' + i, 'a' + i,
		         'a' + i, 'a' + i, 'a' + i, 'a' + i);
		strcat(text, line);
	}
	folio_ctx *ctx;
	folio_yaml *y = load(&ctx, text);
	CHECK(y == NULL);
	CHECK(check_diag(ctx, "t.yaml:6:4: error: aliases expand the document past the limit "
	                      "of 1048576 nodes"));
	done(ctx, y);
}

/* Many anchors, each found again by its name (they are kept in a table;
 * libyaml's loader searched a list, quadratic in their number: speed is
 * the benchmark's business, this checks the lookups). */
static void test_many_anchors(void)
{
	enum { N = 5000 };
	size_t cap = (size_t)N * 32 + 64, len = 0;
	char *text = malloc(cap);
	for (int i = 0; i < N; i++)
		len += (size_t)snprintf(text + len, cap - len, "k%d: &a%d v%d\n", i, i, i);
	len += (size_t)snprintf(text + len, cap - len, "first: *a0\nlast: *a%d\n", N - 1);
	folio_ctx *ctx = folio_ctx_new();
	folio_yaml *y = folio_yaml_load(ctx, "t.yaml", text, len);
	CHECK(y != NULL);
	if (y) {
		yaml_node_t *root = folio_yaml_root(y);
		CHECK(is_scalar(folio_yaml_get(y, root, "first"), "v0", YAML_DEFAULT_SCALAR_TAG));
		CHECK(folio_yaml_get(y, root, "first") == folio_yaml_get(y, root, "k0"));
		char want[32];
		snprintf(want, sizeof want, "v%d", N - 1);
		yaml_node_t *last = folio_yaml_get(y, root, "last");
		CHECK(is_scalar(last, want, YAML_DEFAULT_SCALAR_TAG));
		CHECK(last && last->start_mark.line == N - 1);
	}
	done(ctx, y);
	free(text);
}

int main(void)
{
	test_tree();
	test_empty();
	test_refusals();
	test_expansion();
	test_many_anchors();
	return check_report("yaml-load");
}
