/* test_yaml.c: the YAML layer: places in syntax errors, tabs, unknown and
 * duplicate keys, the depth and alias limits, typed scalars and lengths. */
#include "../check.h"
#include "core/yaml.h"

#include <stdlib.h>
#include <time.h>

/* Load `text` as t.yaml in a fresh context (kept in *ctx for checks). */
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

static void test_syntax_error(void)
{
	folio_ctx *ctx;
	folio_yaml *y = load(&ctx, "title: ok\nsub: b: c\n");
	CHECK(y == NULL);
	CHECK(ctx->status == FOLIO_ERR_INPUT);
	CHECK(check_diag(ctx, "t.yaml:2:7: error: mapping values are not allowed"));
	done(ctx, y);

	y = load(&ctx, "a: [1, 2\nb: 3\n");
	CHECK(y == NULL);
	CHECK(check_diag(ctx, "t.yaml:2:2: error: did not find expected ',' or ']' "
	                      "(while parsing a flow sequence)"));
	done(ctx, y);

	/* Reader errors carry an offset, not a mark: still a line and column. */
	y = load(&ctx, "a: 1\nb: \"\xff\"\n");
	CHECK(y == NULL);
	CHECK(check_diag(ctx, "t.yaml:2:5: error: invalid leading UTF-8 octet"));
	done(ctx, y);

	y = load(&ctx, "a: 1\n---\nb: 2\n");
	CHECK(y == NULL);
	CHECK(check_diag(ctx, "t.yaml:2:1: error: a second YAML document"));
	done(ctx, y);

	y = load(&ctx, "");
	CHECK(y != NULL);
	CHECK(y && folio_yaml_root(y) == NULL);
	CHECK(!folio_failed(ctx));
	done(ctx, y);
}

static void test_tabs(void)
{
	folio_ctx *ctx;
	folio_yaml *y = load(&ctx, "styles:\n\tbody: 1\n");
	CHECK(y == NULL);
	CHECK(check_diag(ctx, "t.yaml:2:1: error:"));
	CHECK(check_diag(ctx, "not tabs"));
	done(ctx, y);

	y = load(&ctx, "a:\n  b: 1\n\tc: 2\n");
	CHECK(y == NULL);
	CHECK(check_diag(ctx, "t.yaml:3:1: error: found a tab character"));
	done(ctx, y);

	/* A tab inside a value is text, not indentation. */
	y = load(&ctx, "a: \"x\ty\"\n");
	CHECK(y != NULL);
	done(ctx, y);
}

static void test_keys(void)
{
	static const char *const keys[] = {"title", "date", "articles"};
	folio_ctx *ctx;
	folio_yaml *y = load(&ctx, "date: 2022\ntitel: x\n");
	CHECK(y != NULL);
	if (y) {
		CHECK(!folio_yaml_check_map(ctx, y, folio_yaml_root(y), "the issue",
		                            keys, 3));
		CHECK(check_diag(ctx, "t.yaml:2:1: error: unknown key 'titel' (did "
		                      "you mean 'title'?)"));
	}
	done(ctx, y);

	y = load(&ctx, "date: 1\nzzz: 2\n");
	CHECK(y && !folio_yaml_check_map(ctx, y, folio_yaml_root(y), "the issue",
	                                 keys, 3));
	CHECK(check_diag(ctx, "t.yaml:2:1: error: unknown key 'zzz' in the issue "
	                      "(keys: title, date, articles)"));
	done(ctx, y);

	y = load(&ctx, "title: a\ndate: 1\ntitle: b\n");
	CHECK(y && !folio_yaml_check_map(ctx, y, folio_yaml_root(y), "the issue",
	                                 keys, 3));
	CHECK(check_diag(ctx, "t.yaml:3:1: error: duplicate key 'title' (first "
	                      "at line 1)"));
	done(ctx, y);

	y = load(&ctx, "- a\n- b\n");
	CHECK(y && !folio_yaml_check_map(ctx, y, folio_yaml_root(y), "the issue",
	                                 keys, 3));
	CHECK(check_diag(ctx, "t.yaml:1:1: error: expected a mapping for the issue"));
	done(ctx, y);

	y = load(&ctx, "title: a\ndate: 1\n");
	CHECK(y && folio_yaml_check_map(ctx, y, folio_yaml_root(y), "the issue",
	                                keys, 3));
	CHECK(!folio_failed(ctx));
	if (y) {
		yaml_node_t *root = folio_yaml_root(y);
		const char *s = NULL;
		CHECK(folio_yaml_string(ctx, y, folio_yaml_get(y, root, "title"), &s));
		CHECK(s && strcmp(s, "a") == 0);
		CHECK(folio_yaml_get(y, root, "articles") == NULL);
		const char *k;
		yaml_node_t *v;
		CHECK(folio_yaml_pair(y, root, 1, &k, &v) && strcmp(k, "date") == 0);
		CHECK(!folio_yaml_pair(y, root, 2, &k, &v));
	}
	done(ctx, y);

	static const char *const words[] = {"body", "title", "caption"};
	CHECK(folio_suggest("titel", words, 3) == words[1]);
	CHECK(folio_suggest("bdy", words, 3) == words[0]);
	CHECK(folio_suggest("headline", words, 3) == NULL);
	CHECK(folio_suggest("x", words, 3) == NULL);
	CHECK(folio_suggest("captoin", words, 3) == words[2]);
	CHECK(folio_suggest("capiton", words, 3) == words[2]);
	CHECK(folio_suggest("cpation", words, 3) == words[2]);
	CHECK(folio_suggest("title", words, 3) == words[1]);
}

static double seconds(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* An alias bomb: each level lists the previous one `width` times. */
static char *bomb(int levels, int width)
{
	size_t cap = (size_t)levels * ((size_t)width * 8 + 32) + 64;
	char *s = malloc(cap);
	size_t n = (size_t)snprintf(s, cap, "l0: &l0 [x, x]\n");
	for (int i = 1; i < levels; i++) {
		n += (size_t)snprintf(s + n, cap - n, "l%d: &l%d [", i, i);
		for (int k = 0; k < width; k++)
			n += (size_t)snprintf(s + n, cap - n, "%s*l%d", k ? ", " : "",
			                      i - 1);
		n += (size_t)snprintf(s + n, cap - n, "]\n");
	}
	return s;
}

static void test_aliases(void)
{
	folio_ctx *ctx;
	char *text = bomb(80, 2); /* 158 aliases, 2^80 nodes expanded */
	double t0 = seconds();
	folio_yaml *y = load(&ctx, text);
	CHECK(y == NULL);
	CHECK(seconds() - t0 < 1.0);
	CHECK(check_diag(ctx, "error: more than 100 aliases"));
	CHECK(check_diag(ctx, "t.yaml:52:12:"));
	done(ctx, y);
	free(text);

	/* Billion laughs needs only 72 aliases: the expansion is bounded too. */
	text = bomb(9, 9);
	t0 = seconds();
	y = load(&ctx, text);
	CHECK(y == NULL);
	CHECK(seconds() - t0 < 1.0);
	CHECK(check_diag(ctx, "aliases expand the document past the limit"));
	done(ctx, y);
	free(text);

	y = load(&ctx, "a: &a [1, *a]\n");
	CHECK(y == NULL);
	CHECK(check_diag(ctx, "an alias refers to a node that contains it"));
	done(ctx, y);

	/* A few honest aliases are fine. */
	y = load(&ctx, "base: &b {size: 10}\nbody: *b\ncaption: *b\n");
	CHECK(y != NULL);
	CHECK(!folio_failed(ctx));
	done(ctx, y);

	/* The limit is data in the context. */
	ctx = folio_ctx_new();
	ctx->limits.yaml_aliases = 1;
	const char *two = "a: &a 1\nb: *a\nc: *a\n";
	y = folio_yaml_load(ctx, "t.yaml", two, strlen(two));
	CHECK(y == NULL);
	CHECK(check_diag(ctx, "t.yaml:3:4: error: more than 1 aliases"));
	done(ctx, y);
}

static char *nested(int depth)
{
	char *s = malloc((size_t)depth * 2 + 8);
	size_t n = 0;
	for (int i = 0; i < depth; i++)
		s[n++] = '[';
	s[n++] = '1';
	for (int i = 0; i < depth; i++)
		s[n++] = ']';
	s[n++] = '\n';
	s[n] = 0;
	return s;
}

static void test_depth(void)
{
	folio_ctx *ctx;
	char *text = nested(32);
	folio_yaml *y = load(&ctx, text);
	CHECK(y != NULL);
	done(ctx, y);
	free(text);

	text = nested(100000);
	double t0 = seconds();
	y = load(&ctx, text);
	CHECK(y == NULL);
	CHECK(seconds() - t0 < 1.0);
	CHECK(check_diag(ctx, "t.yaml:1:33: error: nesting deeper than the limit "
	                      "of 32"));
	done(ctx, y);
	free(text);
}

/* Parse "v: <value>" and read v as a length. */
static bool length_of(const char *value, double *pt, folio_ctx **ctx)
{
	char text[128];
	snprintf(text, sizeof text, "v: %s\n", value);
	folio_yaml *y = load(ctx, text);
	if (!y)
		return false;
	bool ok = folio_yaml_length(*ctx, y,
	                            folio_yaml_get(y, folio_yaml_root(y), "v"), pt);
	folio_yaml_drop(y);
	return ok;
}

static void test_lengths(void)
{
	static const struct {
		const char *text;
		double pt;
	} good[] = {
	    {"12", 12.0},       {"10pt", 10.0},        {"1in", 72.0},
	    {"25.4mm", 72.0},   {"2.54cm", 72.0},      {"210mm", 595.2756},
	    {"0.5 in", 36.0},   {"-3mm", -8.50394},    {"\"7mm\"", 19.84252},
	};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		folio_ctx *ctx;
		double pt = -1;
		bool ok = length_of(good[i].text, &pt, &ctx);
		if (!ok)
			fprintf(stderr, "  length '%s' refused\n", good[i].text);
		CHECK(ok);
		CHECK_NEAR(pt, good[i].pt, 1e-3);
		folio_ctx_drop(ctx);
	}
	folio_ctx *ctx;
	double pt;
	CHECK(!length_of("12px", &pt, &ctx));
	CHECK(check_diag(ctx, "t.yaml:1:4: error: unknown unit 'px' in '12px'"));
	folio_ctx_drop(ctx);
	CHECK(!length_of("wide", &pt, &ctx));
	CHECK(check_diag(ctx, "t.yaml:1:4: error: expected a length"));
	folio_ctx_drop(ctx);
	CHECK(!length_of("mm", &pt, &ctx));
	CHECK(check_diag(ctx, "expected a length"));
	folio_ctx_drop(ctx);
	CHECK(!length_of("[1, 2]", &pt, &ctx));
	CHECK(check_diag(ctx, "t.yaml:1:4: error: expected a length, found a list"));
	folio_ctx_drop(ctx);
}

static void test_scalars(void)
{
	folio_ctx *ctx;
	folio_yaml *y = load(&ctx, "n: 12a\nm: 1.5e1\ni: 7\nf: 7.5\nb: yes\n"
	                           "c: False\nd: maybe\ns: \"a\\0b\"\ne: inf\n");
	CHECK(y != NULL);
	if (!y) {
		folio_ctx_drop(ctx);
		return;
	}
	yaml_node_t *r = folio_yaml_root(y);
	double d = 0;
	int i = 0;
	bool b = false;
	const char *s = NULL;
	CHECK(!folio_yaml_number(ctx, y, folio_yaml_get(y, r, "n"), &d));
	CHECK(check_diag(ctx, "t.yaml:1:4: error: expected a number, found '12a'"));
	CHECK(folio_yaml_number(ctx, y, folio_yaml_get(y, r, "m"), &d) && d == 15);
	CHECK(!folio_yaml_number(ctx, y, folio_yaml_get(y, r, "e"), &d));
	CHECK(folio_yaml_int(ctx, y, folio_yaml_get(y, r, "i"), &i) && i == 7);
	CHECK(!folio_yaml_int(ctx, y, folio_yaml_get(y, r, "f"), &i));
	CHECK(check_diag(ctx, "t.yaml:4:4: error: expected a whole number"));
	CHECK(folio_yaml_bool(ctx, y, folio_yaml_get(y, r, "b"), &b) && b);
	CHECK(folio_yaml_bool(ctx, y, folio_yaml_get(y, r, "c"), &b) && !b);
	CHECK(!folio_yaml_bool(ctx, y, folio_yaml_get(y, r, "d"), &b));
	CHECK(check_diag(ctx, "t.yaml:7:4: error: expected true or false, found "
	                      "'maybe'"));
	CHECK(!folio_yaml_string(ctx, y, folio_yaml_get(y, r, "s"), &s));
	CHECK(check_diag(ctx, "t.yaml:8:4: error: string holds a NUL character"));
	CHECK(!folio_yaml_string(ctx, y, r, &s));
	CHECK(check_diag(ctx, "t.yaml:1:1: error: expected a string, found a "
	                      "mapping"));
	CHECK(ctx->status == FOLIO_ERR_INPUT);
	folio_loc loc = folio_yaml_loc(y, folio_yaml_get(y, r, "i"));
	CHECK(loc.line == 3 && loc.col == 4 && strcmp(loc.file, "t.yaml") == 0);
	CHECK(strcmp(folio_yaml_path(y), "t.yaml") == 0);
	done(ctx, y);
}

int main(void)
{
	test_syntax_error();
	test_tabs();
	test_keys();
	test_aliases();
	test_depth();
	test_lengths();
	test_scalars();
	return check_report("test_yaml");
}
