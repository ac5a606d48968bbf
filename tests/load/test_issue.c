/* test_issue.c: issue.yaml + Markdown -> document model, on the fixture
 * folders in tests/load/fixtures (argument 1): a good issue in detail, and
 * the error cases with their exact messages and places. */
#include "../check.h"
#include "doc/doc.h"
#include "load/load.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static const char *fixtures;

static const char *fixture(folio_ctx *ctx, const char *name)
{
	return folio_arena_printf(ctx->arena, "%s/%s/issue.yaml", fixtures, name);
}

static folio_issue *load(folio_ctx *ctx, const char *name, bool outside)
{
	folio_load_options opts = {.allow_outside = outside};
	return folio_issue_load(ctx, fixture(ctx, name), &opts);
}

static void dump_diags(const folio_ctx *ctx)
{
	for (size_t i = 0; i < ctx->ndiags; i++)
		fprintf(stderr, "    diag: %s\n", ctx->diags[i].text);
}

/* A diagnostic that is `want`, or ends in "/want" (issue.yaml's messages
 * start with the fixtures folder, whatever it is). */
static bool has_diag(const folio_ctx *ctx, const char *want)
{
	size_t wl = strlen(want);
	for (size_t i = 0; i < ctx->ndiags; i++) {
		const char *t = ctx->diags[i].text;
		size_t tl = strlen(t);
		if (strcmp(t, want) == 0)
			return true;
		if (tl > wl && t[tl - wl - 1] == '/' && strcmp(t + tl - wl, want) == 0)
			return true;
	}
	return false;
}

#define CHECK_DIAG(ctx, want)                                                  \
	do {                                                                       \
		if (!has_diag((ctx), (want))) {                                        \
			fprintf(stderr, "%s:%d: no diagnostic '%s'; have:\n", __FILE__,    \
			        __LINE__, (want));                                         \
			dump_diags(ctx);                                                   \
			check_failures++;                                                        \
		}                                                                      \
	} while (0)

static bool run_is(const folio_run *r, const char *text, int flags,
                   const char *link)
{
	bool ok = r->len == strlen(text) && memcmp(r->text, text, r->len) == 0 &&
	          r->flags == flags &&
	          (link ? r->link && strcmp(r->link, link) == 0 : !r->link);
	if (!ok)
		fprintf(stderr, "    run '%.*s' flags %d link %s\n", (int)r->len,
		        r->text, r->flags, r->link ? r->link : "-");
	return ok;
}

static void test_good(void)
{
	folio_ctx *ctx = folio_ctx_new();
	folio_issue *is = load(ctx, "good", false);
	CHECK(is != NULL);
	if (!is) {
		dump_diags(ctx);
		folio_ctx_drop(ctx);
		return;
	}
	CHECK(folio_issue_check(is));
	CHECK(ctx->nerrors == 0);
	CHECK_STR(is->newsletter, "Test Newsletter");
	CHECK_STR(is->tagline, "A tagline");
	CHECK_STR(is->issue, "Issue 1");
	CHECK_STR(is->date, "2024-02-29");
	CHECK(is->year == 2024 && is->month == 2 && is->day == 29);
	CHECK_STR(is->language, "en-GB");
	CHECK_STR(is->layout, "quarterly");
	CHECK(is->layout_loc.line == 7 && is->layout_loc.col == 9);
	CHECK_STR(is->website, "example.org");
	CHECK(is->contents_title == NULL); /* the words of the issue's language */
	CHECK(strstr(is->dir, "fixtures/good") != NULL);
	CHECK(is->narticles == 3);
	if (is->narticles != 3) {
		folio_ctx_drop(ctx);
		return;
	}

	/* Article 1: the body file, block by block. */
	folio_article *a = &is->articles[0];
	CHECK_STR(a->title, "First article");
	CHECK_STR(a->section, "News");
	CHECK_STR(a->contents, "News");
	CHECK_STR(a->body_path, "articles/main.md");
	CHECK(a->loc.line == 11 && a->loc.col == 5);
	CHECK(a->start == FOLIO_START_FLOW && a->style == FOLIO_STYLE_ARTICLE);
	CHECK(a->image == NULL);
	CHECK(a->nblocks == 20);
	if (a->nblocks == 20) {
		folio_block *b = a->blocks;
		CHECK(b[0].kind == FOLIO_BLOCK_PARAGRAPH && b[0].nruns == 11);
		CHECK_STR(b[0].loc.file, "articles/main.md");
		CHECK(b[0].loc.line == 1 && b[0].loc.col == 1);
		if (b[0].nruns == 11) {
			CHECK(run_is(&b[0].runs[0], "Plain ", 0, NULL));
			CHECK(run_is(&b[0].runs[1], "italic", FOLIO_RUN_ITALIC, NULL));
			CHECK(run_is(&b[0].runs[3], "bold", FOLIO_RUN_BOLD, NULL));
			CHECK(run_is(&b[0].runs[5], "both",
			             FOLIO_RUN_ITALIC | FOLIO_RUN_BOLD, NULL));
			CHECK(run_is(&b[0].runs[7], "link", 0, "https://example.org/x"));
			/* a code span is a run of its own; soft and hard breaks
			 * are spaces */
			CHECK(run_is(&b[0].runs[8], " and ", 0, NULL));
			CHECK(run_is(&b[0].runs[9], "code", FOLIO_RUN_CODE, NULL));
			CHECK(run_is(&b[0].runs[10], ". Second line after a hard break.", 0, NULL));
		}
		CHECK(b[1].kind == FOLIO_BLOCK_HEADING && b[1].level == 2);
		CHECK(b[1].loc.line == 5);
		CHECK(b[1].nruns == 1 && run_is(&b[1].runs[0], "Level one", 0, NULL));
		CHECK(b[2].kind == FOLIO_BLOCK_HEADING && b[2].level == 2);
		CHECK(b[3].kind == FOLIO_BLOCK_HEADING && b[3].level == 3);
		CHECK(b[4].kind == FOLIO_BLOCK_HEADING && b[4].level == 3);

		const char *markers[] = {"\xE2\x80\xA2", "\xE2\x80\xA2", "\xE2\x80\xA2",
		                         "\xE2\x80\xA2", "3.", "4."};
		const char *items[] = {"apple", "banana", "green banana",
		                       "cherry", "three", "four"};
		int levels[] = {0, 0, 1, 0, 0, 0};
		for (int i = 0; i < 6; i++) {
			folio_block *it = &b[5 + i];
			CHECK(it->kind == FOLIO_BLOCK_LIST_ITEM);
			CHECK_STR(it->marker, markers[i]);
			CHECK(it->level == levels[i]);
			CHECK(it->nruns == 1 && run_is(&it->runs[0], items[i], 0, NULL));
		}
		CHECK(b[7].loc.line == 15 && b[7].loc.col == 3);

		CHECK(b[11].kind == FOLIO_BLOCK_QUOTE);
		CHECK(b[11].nruns == 1 &&
		      run_is(&b[11].runs[0],
		             "Countering drugs continues to be a priority.", 0, NULL));
		CHECK(b[11].nattribution == 1 &&
		      run_is(&b[11].attribution[0],
		             "Cholpon Tabaldieva, Ministry of Interior", 0, NULL));
		CHECK(b[12].kind == FOLIO_BLOCK_QUOTE && b[12].nattribution == 0);
		CHECK(b[13].kind == FOLIO_BLOCK_QUOTE && b[13].nattribution == 1 &&
		      run_is(&b[13].attribution[0], "Jane Doe", FOLIO_RUN_ITALIC, NULL));
		CHECK(b[13].nruns == 1 &&
		      run_is(&b[13].runs[0], "First paragraph of a quote.", 0, NULL));

		CHECK(b[14].kind == FOLIO_BLOCK_FIGURE);
		CHECK(b[14].loc.line == 30);
		folio_picture *p = b[14].figure.picture;
		CHECK(p && p->width == 32 && p->height == 32 && p->channels == 3);
		CHECK(p && p->alpha == NULL);
		CHECK(p && strcmp(p->path, "images/basn2c08.png") == 0);
		CHECK_STR(b[14].figure.caption, "Delegations in Brussels");
		CHECK_STR(b[14].figure.credit, "CADAP 7");
		CHECK(b[14].figure.width == FOLIO_WIDTH_COLUMN);

		CHECK(b[15].kind == FOLIO_BLOCK_PARAGRAPH && b[15].nruns == 1 &&
		      run_is(&b[15].runs[0], "Text with an inline small picture.", 0,
		             NULL));
		CHECK(b[16].nruns == 1 && run_is(&b[16].runs[0], "indented code", 0, NULL));
		CHECK(b[17].nruns == 1 && run_is(&b[17].runs[0], "Raw HTML", 0, NULL));
		CHECK(b[18].nruns == 1 &&
		      run_is(&b[18].runs[0], "| a | b | |---|---| | 1 | 2 |", 0, NULL));
		CHECK(b[19].nruns == 1 && b[19].runs[0].len > 100 &&
		      memcmp(b[19].runs[0].text, "Last paragraph.", 15) == 0);
	}
	CHECK(ctx->nwarnings == 5);
	CHECK_DIAG(ctx, "articles/main.md:32:21: warning: a picture inside running "
	                "text is not supported; its caption is set as text");
	CHECK_DIAG(ctx, "articles/main.md:34:5: warning: code blocks are not "
	                "supported; set as plain text");
	CHECK_DIAG(ctx, "articles/main.md:36:1: warning: raw HTML is not "
	                "supported; set as plain text");
	CHECK_DIAG(ctx, "articles/main.md:38:1: warning: thematic breaks (---) are "
	                "not supported; left out");
	CHECK_DIAG(ctx, "articles/main.md:40:1: warning: tables are not "
	                "supported; set as plain text");

	/* Article 2: inline `text: |`, places mapped into issue.yaml. */
	a = &is->articles[1];
	CHECK_STR(a->title, "Inline article");
	CHECK(a->contents == NULL);
	CHECK(a->body_path == NULL);
	CHECK(a->start == FOLIO_START_PAGE && a->style == FOLIO_STYLE_PANEL);
	CHECK(a->image && a->image->width == FOLIO_WIDTH_PAGE);
	if (a->image) {
		CHECK_STR(a->image->caption, "A caption");
		CHECK_STR(a->image->credit, "A credit");
		folio_picture *p = a->image->picture;
		CHECK(p->channels == 3 && p->alpha != NULL);
		CHECK(p->width == 32 && p->height == 32);
	}
	CHECK(a->nblocks == 2);
	if (a->nblocks == 2) {
		CHECK(strstr(a->blocks[0].loc.file, "good/issue.yaml") != NULL);
		CHECK(a->blocks[0].loc.line == 25 && a->blocks[0].loc.col == 7);
		CHECK(a->blocks[0].nruns == 3 &&
		      run_is(&a->blocks[0].runs[1], "bold", FOLIO_RUN_BOLD, NULL));
		CHECK(a->blocks[1].kind == FOLIO_BLOCK_HEADING &&
		      a->blocks[1].loc.line == 27);
	}

	/* Article 3: a quoted one-line text is placed at its value. */
	a = &is->articles[2];
	CHECK_STR(a->contents, "Custom label");
	CHECK(a->start == FOLIO_START_COLUMN);
	CHECK(a->nblocks == 1 && a->blocks[0].loc.line == 33 &&
	      a->blocks[0].loc.col == 11);
	folio_ctx_drop(ctx);
}

static void test_errors(void)
{
	folio_ctx *ctx = folio_ctx_new();
	CHECK(load(ctx, "errors", false) == NULL);
	CHECK(ctx->status == FOLIO_ERR_INPUT);
	CHECK(ctx->nerrors == 9);
	CHECK_DIAG(ctx, "errors/issue.yaml:3:7: error: date '2022-02-30' is not a "
	                "real calendar date");
	CHECK_DIAG(ctx, "errors/issue.yaml:5:5: error: unknown key 'titel' (did "
	                "you mean 'title'?)");
	CHECK_DIAG(ctx, "errors/issue.yaml:5:5: error: the article has no 'title' "
	                "(it is required)");
	CHECK_DIAG(ctx, "errors/issue.yaml:9:11: error: give either 'body' or "
	                "'text', not both");
	CHECK_DIAG(ctx, "errors/issue.yaml:11:11: error: cannot open "
	                "'articles/nothere.md': No such file or directory");
	CHECK_DIAG(ctx, "errors/issue.yaml:13:11: error: path '../shared/plain.md' "
	                "leaves the issue folder (use --allow-outside to permit it)");
	CHECK_DIAG(ctx, "errors/issue.yaml:14:12: error: the article has an empty "
	                "'title'");
	CHECK_DIAG(ctx, "errors/issue.yaml:16:5: error: the article has no 'body' "
	                "(a Markdown file) or 'text'");
	CHECK_DIAG(ctx, "errors/issue.yaml:19:12: error: unknown start 'pgae' (did "
	                "you mean 'page'?)");
	folio_ctx_drop(ctx);
}

/* Pictures cut to a frame: `crop: W:H` and a part to keep under an image,
 * `#crop=W:H,part` after a picture's path in Markdown (the path without
 * it); and the specs that say no frame, each at its place. */
static void test_crop(void)
{
	folio_ctx *ctx = folio_ctx_new();
	folio_issue *is = load(ctx, "crop", false);
	CHECK(is != NULL && ctx->ndiags == 0);
	if (!is || is->narticles != 2) {
		dump_diags(ctx);
		folio_ctx_drop(ctx);
		return;
	}
	const folio_article *a = &is->articles[0], *b = &is->articles[1];
	CHECK(a->image && fabs(a->image->crop - 16.0 / 9) < 1e-9 &&
	      a->image->focus == FOLIO_FOCUS_CENTER);
	CHECK(a->nblocks == 2);
	if (a->nblocks == 2) {
		const folio_figure *f = &a->blocks[0].figure, *g = &a->blocks[1].figure;
		CHECK(a->blocks[0].kind == FOLIO_BLOCK_FIGURE && f->crop == 1 &&
		      f->focus == FOLIO_FOCUS_LEFT);
		CHECK_STR(f->picture->path, "images/basn2c08.png");
		CHECK(fabs(g->crop - 2.0 / 3) < 1e-9 && g->focus == FOLIO_FOCUS_BOTTOM);
		CHECK_STR(g->credit, "credit");
	}
	CHECK(b->image && fabs(b->image->crop - 1.5) < 1e-9 && b->image->focus == FOLIO_FOCUS_TOP);
	CHECK(b->nblocks == 1 && b->blocks[0].figure.crop == 0);
	CHECK(folio_issue_check(is));
	folio_ctx_drop(ctx);

	ctx = folio_ctx_new();
	CHECK(load(ctx, "crop-errors", false) == NULL);
	CHECK(ctx->nerrors == 4);
	CHECK_DIAG(ctx, "crop-errors/issue.yaml:7:46: error: crop is '3-2': the frame's width and "
	                "height, as in 3:2 or 16:9, then the part to keep if not the centre "
	                "(3:2, top)");
	CHECK_DIAG(ctx, "crop-errors/issue.yaml:10:46: error: crop is '1:20': a frame 20 times as "
	                "tall as wide; at most 10");
	CHECK_DIAG(ctx, "crop-errors/issue.yaml:13:46: error: crop is '3:2 middle': the part to "
	                "keep is center, top, bottom, left or right");
	CHECK_DIAG(ctx, "crop-errors/issue.yaml:17:7: error: #crop is '0:1': the frame's width "
	                "and height, as in 3:2 or 16:9, then the part to keep if not the centre "
	                "(3:2, top)");
	folio_ctx_drop(ctx);
}

static void test_bad_bytes(void)
{
	folio_ctx *ctx = folio_ctx_new();
	CHECK(load(ctx, "bad-bytes", false) == NULL);
	CHECK(ctx->nerrors == 2);
	CHECK_DIAG(ctx, "articles/bad.md: error: invalid UTF-8 at byte 6");
	CHECK_DIAG(ctx, "articles/nul.md: error: NUL byte at byte 2");
	folio_ctx_drop(ctx);
}

static void test_no_articles(void)
{
	folio_ctx *ctx = folio_ctx_new();
	CHECK(load(ctx, "no-articles", false) == NULL);
	CHECK(ctx->nerrors == 1);
	CHECK_DIAG(ctx, "no-articles/issue.yaml:4:11: error: no articles: "
	                "'articles' needs at least one");
	folio_ctx_drop(ctx);
}

static void test_missing_keys(void)
{
	folio_ctx *ctx = folio_ctx_new();
	CHECK(load(ctx, "missing-keys", false) == NULL);
	CHECK(ctx->nerrors == 4);
	CHECK_DIAG(ctx, "missing-keys/issue.yaml:1:1: error: the issue has no "
	                "'issue' (it is required)");
	CHECK_DIAG(ctx, "missing-keys/issue.yaml:3:7: error: date '30.09.2022' is "
	                "not an ISO 8601 date (YYYY-MM-DD, such as 2022-09-30)");
	CHECK_DIAG(ctx, "missing-keys/issue.yaml:2:11: error: language 'en_US' is "
	                "not a BCP 47 tag (did you mean 'en-US'?)");
	CHECK_DIAG(ctx, "missing-keys/issue.yaml:1:1: error: the issue has no "
	                "'articles' (it is required)");
	folio_ctx_drop(ctx);
}

static void test_bad_picture(void)
{
	folio_ctx *ctx = folio_ctx_new();
	CHECK(load(ctx, "bad-picture", false) == NULL);
	CHECK(ctx->nerrors == 5);
	CHECK_DIAG(ctx, "images/notpng.png: error: not a PNG or JPEG picture");
	CHECK_DIAG(ctx, "images/photo.jpg: error: JPEG is cut short (it has no "
	                "end-of-image marker): was it copied completely?");
	CHECK_DIAG(ctx, "articles/pics.md:3:1: error: cannot open "
	                "'images/none.png': No such file or directory");
	CHECK_DIAG(ctx, "articles/pics.md:5:1: error: path "
	                "'../good/images/basn2c08.png' leaves the issue folder (use "
	                "--allow-outside to permit it)");
	CHECK_DIAG(ctx, "articles/pics.md:7:1: error: picture "
	                "'https://example.org/x.png' is a web address; pictures must "
	                "be files in the issue folder");
	folio_ctx_drop(ctx);
}

static void test_outside(void)
{
	folio_ctx *ctx = folio_ctx_new();
	CHECK(load(ctx, "outside", false) == NULL);
	CHECK_DIAG(ctx, "outside/issue.yaml:6:11: error: path '../shared/plain.md' "
	                "leaves the issue folder (use --allow-outside to permit it)");
	folio_ctx_drop(ctx);

	ctx = folio_ctx_new();
	folio_issue *is = load(ctx, "outside", true);
	CHECK(is != NULL && ctx->ndiags == 0);
	if (is) {
		CHECK_STR(is->articles[0].body_path, "../shared/plain.md");
		CHECK(is->articles[0].nblocks == 1);
	}
	folio_ctx_drop(ctx);
}

static void test_limits(void)
{
	folio_ctx *ctx = folio_ctx_new();
	ctx->limits.markdown_depth = 2;
	CHECK(load(ctx, "deep", false) == NULL);
	CHECK(ctx->nerrors == 1);
	CHECK_DIAG(ctx, "deep/issue.yaml:9:11: error: Markdown nesting is deeper "
	                "than the limit of 2 levels");
	folio_ctx_drop(ctx);

	ctx = folio_ctx_new();
	ctx->limits.articles = 2;
	CHECK(load(ctx, "good", false) == NULL);
	CHECK_DIAG(ctx, "good/issue.yaml:11:3: error: 3 articles, more than the "
	                "limit of 2");
	folio_ctx_drop(ctx);

	ctx = folio_ctx_new();
	ctx->limits.picture_pixels = 1000;
	CHECK(load(ctx, "good", false) == NULL);
	CHECK_DIAG(ctx, "images/basn2c08.png: error: picture is 32 x 32 pixels, "
	                "more than the limit of 1000");
	folio_ctx_drop(ctx);

	/* The issue file fits, the body does not. */
	ctx = folio_ctx_new();
	struct stat yaml, body;
	CHECK(stat(fixture(ctx, "good"), &yaml) == 0);
	CHECK(stat(folio_arena_printf(ctx->arena, "%s/good/articles/main.md",
	                              fixtures),
	           &body) == 0);
	CHECK(body.st_size > yaml.st_size);
	ctx->limits.text_bytes = (uint64_t)yaml.st_size;
	CHECK(load(ctx, "good", false) == NULL);
	char *want = folio_arena_printf(
	    ctx->arena,
	    "good/issue.yaml:13:11: error: 'articles/main.md' is larger than the "
	    "limit of %llu bytes",
	    (unsigned long long)yaml.st_size);
	CHECK_DIAG(ctx, want);
	folio_ctx_drop(ctx);
}

static void test_resolve(void)
{
	folio_ctx *ctx = folio_ctx_new();
	folio_loc here = {"issue.yaml", 1, 1};
	folio_load_env in = {.dir = "dir"}, dot = {.dir = "."}, out = {.dir = "dir", .allow_outside = true};
	CHECK_STR(folio_load_resolve(ctx, &in, "a/./b//c.md", here), "dir/a/b/c.md");
	CHECK_STR(folio_load_resolve(ctx, &in, "a/../b.md", here), "dir/b.md");
	CHECK_STR(folio_load_resolve(ctx, &dot, "b.md", here), "b.md");
	CHECK(ctx->nerrors == 0);
	CHECK(folio_load_resolve(ctx, &in, "a/../../b.md", here) == NULL);
	CHECK(folio_load_resolve(ctx, &in, "/etc/passwd", here) == NULL);
	CHECK(folio_load_resolve(ctx, &in, "..", here) == NULL);
	CHECK(folio_load_resolve(ctx, &in, "", here) == NULL);
	CHECK(ctx->nerrors == 4);
	CHECK_DIAG(ctx, "issue.yaml:1:1: error: path '/etc/passwd' leaves the "
	                "issue folder (use --allow-outside to permit it)");
	CHECK_DIAG(ctx, "issue.yaml:1:1: error: empty path");
	CHECK_STR(folio_load_resolve(ctx, &out, "/etc/passwd", here), "/etc/passwd");
	CHECK_STR(folio_load_resolve(ctx, &out, "../b.md", here), "dir/../b.md");
	CHECK(ctx->nerrors == 4);
	folio_ctx_drop(ctx);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s FIXTURES-FOLDER\n", argv[0]);
		return 1;
	}
	fixtures = argv[1];
	test_good();
	test_errors();
	test_crop();
	test_bad_bytes();
	test_no_articles();
	test_missing_keys();
	test_bad_picture();
	test_outside();
	test_limits();
	test_resolve();
	if (check_failures)
		fprintf(stderr, "%d check(s) failed\n", check_failures);
	return check_failures ? 1 : 0;
}
