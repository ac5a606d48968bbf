/* test_template.c: the layout loader: layouts/quarterly.yaml reads into the
 * numbers the designer wrote, defaults and based_on work on a minimal
 * layout, and each broken fixture gives one error at its place. */
#include "../check.h"
#include "template/template.h"

#include <stdlib.h>

static const char *fixture(const char *name)
{
	static char path[4096];
	const char *root = getenv("SOURCE_ROOT");
	if (!root)
		root = folio_data_dir();
	snprintf(path, sizeof path, "%s/tests/template/fixtures/%s", root, name);
	return path;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t a = s ? strlen(s) : 0, b = strlen(tail);
	return s && a >= b && strcmp(s + a - b, tail) == 0;
}

static bool same_color(folio_cmyk a, double c, double m, double y, double k)
{
	return fabs(a.c - c) < 1e-9 && fabs(a.m - m) < 1e-9 &&
	       fabs(a.y - y) < 1e-9 && fabs(a.k - k) < 1e-9;
}

static void test_quarterly(void)
{
	folio_ctx *ctx = folio_ctx_new();
	char *path = folio_template_resolve(ctx, "quarterly");
	CHECK(ends_with(path, "/layouts/quarterly.yaml"));
	folio_template *t = path ? folio_template_load(ctx, path) : NULL;
	for (size_t i = 0; i < ctx->ndiags; i++)
		fprintf(stderr, "  %s\n", ctx->diags[i].text);
	CHECK(t != NULL);
	CHECK(ctx->ndiags == 0);
	if (!t) {
		folio_ctx_drop(ctx);
		return;
	}
	CHECK(strcmp(t->name, "quarterly") == 0);
	CHECK_NEAR(t->page_width, 595.28, 0.01);
	CHECK_NEAR(t->page_height, 841.89, 0.01);
	CHECK_NEAR(t->bleed, 8.504, 0.001);
	CHECK_NEAR(t->margin_top, 45.354, 0.001);
	CHECK_NEAR(t->margin_bottom, 56.693, 0.001);
	CHECK_NEAR(t->margin_inner, 45.354, 0.001);
	CHECK_NEAR(t->margin_outer, 45.354, 0.001);
	CHECK(t->columns == 2);
	CHECK_NEAR(t->gutter, 19.843, 0.001);
	CHECK_NEAR(t->baseline, 13, 1e-9);
	CHECK(t->npages == 4 && t->nmasters == 3);
	CHECK(t->pages[0] == 0 && t->pages[1] == 1 && t->pages[2] == 1 &&
	      t->pages[3] == 2);
	CHECK(strcmp(t->masters[0].name, "cover") == 0);
	CHECK(t->masters[0].masthead && t->masters[0].contents_box &&
	      t->masters[0].footer);
	CHECK(!t->masters[1].masthead && !t->masters[1].contents_box &&
	      t->masters[1].footer);
	CHECK(strcmp(t->masters[2].name, "back") == 0);
	CHECK_NEAR(t->masthead_height, 164.409, 0.001);
	CHECK(same_color(t->masthead_color, 1.0, 0.7, 0.0, 0.4));
	CHECK(t->contents_column == 1);
	CHECK(same_color(t->contents_color, 0.08, 0.03, 0, 0));
	CHECK_NEAR(t->contents_padding, 11.339, 0.001);
	CHECK(same_color(t->panel_color, 0.08, 0.03, 0, 0));
	CHECK_NEAR(t->panel_padding, 14.173, 0.001);
	CHECK(same_color(t->rule_color, 0, 0.6, 1.0, 0));
	CHECK_NEAR(t->rule_width, 2.0, 1e-9); /* as drawn */
	CHECK_NEAR(t->masthead_band, 4, 1e-9);
	CHECK_NEAR(t->contents_rule, 3, 1e-9);
	CHECK_NEAR(t->contents_separator, 0.75, 1e-9);
	CHECK(same_color(t->contents_separator_color, 0, 0, 0, 0));
	CHECK_NEAR(t->footer_rule, 0.5, 1e-9);
	CHECK(same_color(t->accent_color, 0, 0.6, 1.0, 0));
	CHECK_NEAR(t->footer_offset, 25.512, 0.001);
	CHECK_NEAR(t->figure_gap, 13, 1e-9);
	CHECK_NEAR(t->caption_gap, 4.0, 1e-9);
	CHECK(t->hyphen_left == 2 && t->hyphen_right == 3);
	CHECK(t->widows == 2 && t->orphans == 2 && t->heading_lines == 3);
	/* what the print preflight holds the pages to: the defaults, and the
	 * colours by name at their lines (navy is the file's line 15) */
	CHECK_NEAR(t->ink_limit, 3.3, 1e-9);
	CHECK_NEAR(t->safety, 8.504, 0.001);
	CHECK(t->resample_above == 450 && t->resample_to == 300);
	CHECK(t->ncolors == 6);
	if (t->ncolors == 6) {
		CHECK_STR(t->colors[1].name, "navy");
		CHECK(same_color(t->colors[1].cmyk, 1.0, 0.7, 0.0, 0.4));
		CHECK(t->colors[1].loc.line == 15 && t->colors[1].loc.col == 14);
	}
	CHECK(t->rule_width_loc.line > 0);

	const folio_style *body = &t->styles[FOLIO_ST_BODY];
	CHECK_NEAR(body->size, 9.6, 1e-9);
	CHECK_NEAR(body->leading, 13, 1e-9);
	CHECK(body->align == FOLIO_ALIGN_JUSTIFY);
	CHECK_NEAR(body->indent, 11.339, 0.001);
	CHECK(body->hyphenate && !body->uppercase);
	CHECK(same_color(body->color, 0, 0, 0, 1));
	CHECK(ends_with(body->font_regular, "/fonts/PTSerif-Regular.ttf"));
	CHECK(ends_with(body->font_italic, "PTSerif-Italic.ttf"));
	CHECK(ends_with(body->font_bold, "PTSerif-Bold.ttf"));
	CHECK(ends_with(body->font_bold_italic, "PTSerif-BoldItalic.ttf"));

	/* weight: bold makes the bold face the style's regular one. */
	const folio_style *title = &t->styles[FOLIO_ST_TITLE];
	CHECK(ends_with(title->font_regular, "PTSans-Bold.ttf"));
	CHECK(ends_with(title->font_italic, "PTSans-BoldItalic.ttf"));
	CHECK(ends_with(title->font_bold, "PTSans-Bold.ttf"));
	CHECK(ends_with(title->font_bold_italic, "PTSans-BoldItalic.ttf"));
	CHECK_NEAR(title->space_after, 4, 1e-9);
	CHECK(title->align == FOLIO_ALIGN_LEFT);

	/* style: italic: emphasis inside it is set upright. */
	const folio_style *cap = &t->styles[FOLIO_ST_CAPTION];
	CHECK(ends_with(cap->font_regular, "PTSans-Italic.ttf"));
	CHECK(ends_with(cap->font_italic, "PTSans-Regular.ttf"));
	CHECK(ends_with(cap->font_bold, "PTSans-BoldItalic.ttf"));
	CHECK(same_color(cap->color, 0, 0, 0, 0.6));

	/* based_on: inherit, then override. */
	const folio_style *sub3 = &t->styles[FOLIO_ST_SUBHEADING3];
	CHECK_NEAR(sub3->size, 10.5, 1e-9);
	CHECK_NEAR(sub3->leading, 13, 1e-9);
	CHECK_NEAR(sub3->space_before, 9, 1e-9);
	CHECK_NEAR(sub3->space_after, 0, 1e-9);
	CHECK(ends_with(sub3->font_regular, "PTSans-Bold.ttf"));
	CHECK(same_color(sub3->color, 1.0, 0.7, 0.0, 0.4));
	const folio_style *list = &t->styles[FOLIO_ST_LIST];
	CHECK(list->indent == 0 && list->align == FOLIO_ALIGN_LEFT);
	CHECK(list->hyphenate && fabs(list->size - 9.6) < 1e-9);
	CHECK(ends_with(list->font_regular, "PTSerif-Regular.ttf"));
	const folio_style *panel = &t->styles[FOLIO_ST_PANEL];
	CHECK(ends_with(panel->font_regular, "PTSans-Regular.ttf"));
	CHECK(panel->align == FOLIO_ALIGN_JUSTIFY && panel->size == 9.5);
	CHECK_NEAR(panel->indent, 11.339, 0.001);

	const folio_style *sec = &t->styles[FOLIO_ST_SECTION];
	CHECK(sec->uppercase && sec->tracking == 80);
	/* balance: headlines and pull quotes, and title2 by based_on; body
	 * text and captions keep their rag */
	CHECK(title->balance && t->styles[FOLIO_ST_TITLE2].balance);
	CHECK(t->styles[FOLIO_ST_PULLQUOTE].balance && sub3->balance);
	CHECK(!t->styles[FOLIO_ST_BODY].balance && !cap->balance && !sec->balance);
	/* code spans: PT Mono, its bold, and no italic (regular stands in) */
	CHECK(t->code_regular && ends_with(t->code_regular, "PTMono-Regular.ttf"));
	CHECK(t->code_bold && ends_with(t->code_bold, "PTMono-Bold.ttf"));
	CHECK(t->code_italic && ends_with(t->code_italic, "PTMono-Regular.ttf"));
	CHECK_NEAR(t->code_scale, 0.9, 1e-9);
	/* a line over an article's text on each new page it goes on to */
	CHECK(t->continued_style == FOLIO_ST_CAPTION && t->ncontinued == 4);
	if (t->ncontinued == 4) {
		CHECK_STR(t->continued_lang[0], "en");
		CHECK_STR(t->continued_text[0], "{title}, continued from page {page}");
		CHECK(t->continued_on != NULL);
		if (t->continued_on)
			CHECK_STR(t->continued_on[0], "Continued on page {page}");
		CHECK_STR(t->continued_lang[1], "ru");
		CHECK_STR(t->continued_text[1], "{title} (начало на с. {page})");
		CHECK_STR(t->continued_lang[2], "kk");
		CHECK_STR(t->continued_lang[3], "ky");
	}
	CHECK(t->styles[FOLIO_ST_CONTENTS_PAGE].align == FOLIO_ALIGN_RIGHT);
	CHECK(same_color(t->styles[FOLIO_ST_MASTHEAD].color, 0, 0, 0, 0));
	for (int i = 0; i < FOLIO_ST_COUNT; i++)
		CHECK(t->styles[i].size > 0 && t->styles[i].font_regular);
	folio_ctx_drop(ctx);
}

static void test_minimal(void)
{
	folio_ctx *ctx = folio_ctx_new();
	folio_template *t = folio_template_load(ctx, fixture("minimal.yaml"));
	for (size_t i = 0; i < ctx->ndiags; i++)
		fprintf(stderr, "  %s\n", ctx->diags[i].text);
	CHECK(t != NULL);
	if (t) {
		CHECK(strcmp(t->name, "minimal") == 0);
		CHECK(t->columns == 1 && t->gutter == 0 && t->bleed == 0);
		CHECK(t->npages == 4 && t->nmasters == 1);
		const folio_style *body = &t->styles[FOLIO_ST_BODY];
		CHECK_NEAR(body->leading, 10.8, 1e-9); /* 1.2 x size */
		CHECK(body->align == FOLIO_ALIGN_LEFT && !body->hyphenate && !body->balance);
		CHECK(t->code_regular == NULL); /* no code: the text's own faces */
		CHECK(t->ncontinued == 0); /* no continued lines */
		CHECK(same_color(body->color, 0, 0, 0, 1)); /* the first colour */
		CHECK(ends_with(body->font_regular, "PTSerif-Regular.ttf"));
		CHECK(ends_with(body->font_italic, "PTSerif-Regular.ttf"));
		CHECK(ends_with(body->font_bold_italic, "PTSerif-Bold.ttf"));
		/* Leading follows the size along based_on until one is given. */
		const folio_style *title = &t->styles[FOLIO_ST_TITLE];
		CHECK_NEAR(title->leading, 21.6, 1e-9);
		CHECK(ends_with(title->font_regular, "PTSerif-Bold.ttf"));
		CHECK(same_color(t->styles[FOLIO_ST_SECTION].color, 1, .7, 0, .4));
		CHECK_NEAR(t->baseline, 10.8, 1e-9); /* the body's leading */
		CHECK_NEAR(t->figure_gap, 10.8, 1e-9);
		CHECK_NEAR(t->footer_offset, 14.173, 0.001);
		CHECK(t->contents_column == 0 && t->masthead_height == 0);
		CHECK(t->hyphen_left == 2 && t->hyphen_right == 3);
	}
	folio_ctx_drop(ctx);

	ctx = folio_ctx_new();
	t = folio_template_load(ctx, fixture("font-relative.yaml"));
	CHECK(t != NULL);
	CHECK(t && ends_with(t->styles[FOLIO_ST_BODY].font_regular,
	                     "fixtures/../../../fonts/PTSerif-Regular.ttf"));
	folio_ctx_drop(ctx);
}

/* Each broken fixture: no template, exactly one error, this one. */
static void expect_error(const char *name, const char *where, const char *msg)
{
	folio_ctx *ctx = folio_ctx_new();
	const char *path = fixture(name);
	folio_template *t = folio_template_load(ctx, path);
	char want[5000];
	snprintf(want, sizeof want, "%s:%s%serror: %s", path, where,
	         *where ? ": " : " ", msg);
	if (t || ctx->nerrors != 1 || !check_diag(ctx, want)) {
		fprintf(stderr, "  (fixture %s, %d errors)\n", name, ctx->nerrors);
		check_failures++;
	}
	CHECK(ctx->status == FOLIO_ERR_INPUT);
	folio_ctx_drop(ctx);
}

/* The layout's words for languages folio has none for: each language's
 * page word, contents title and twelve months, keys kept as written. */
static void test_words(void)
{
	folio_ctx *ctx = folio_ctx_new();
	folio_template *t = folio_template_load(ctx, fixture("words.yaml"));
	for (size_t i = 0; i < ctx->ndiags; i++)
		fprintf(stderr, "  %s\n", ctx->diags[i].text);
	CHECK(t != NULL && t->nwords == 2);
	if (t && t->nwords == 2) {
		CHECK_STR(t->words[0].lang, "kk");
		CHECK_STR(t->words[0].page, "\xD0\x91\xD0\xB5\xD1\x82"); /* Бет */
		CHECK_STR(t->words[0].months[11],
		          "\xD0\xB6\xD0\xB5\xD0\xBB\xD1\x82\xD0\xBE\xD2\x9B\xD1\x81\xD0\xB0\xD0"
		          "\xBD"); /* желтоқсан */
		CHECK_STR(t->words[1].lang, "ky-KG");
		CHECK_STR_CONTAINS(t->words[1].contents_title, "\xD1\x81\xD0\xB0\xD0\xBD\xD0\xB4\xD0\xB0");
		for (int m = 0; m < 12; m++)
			CHECK(t->words[1].months[m] && *t->words[1].months[m]);
		CHECK(t->words[0].date == NULL);
		CHECK_STR(t->words[1].date, "{year}-\xD0\xB6., {day}-{month}");
	}
	folio_ctx_drop(ctx);
}

/* colors: a spot ink, a tint of it and of a process colour, and the same
 * spot at another tint: one ink, its stand-in scaled by the tint */
static void test_spot(void)
{
	folio_ctx *ctx = folio_ctx_new();
	folio_template *t = folio_template_load(ctx, fixture("spot.yaml"));
	for (size_t i = 0; i < ctx->ndiags; i++)
		fprintf(stderr, "  %s\n", ctx->diags[i].text);
	CHECK(t != NULL && t->nspots == 1 && t->ncolors == 5);
	if (t && t->nspots == 1 && t->ncolors == 5) {
		CHECK_STR(t->spots[0].name, "PANTONE 2945 C");
		CHECK(t->spots[0].c == 1 && t->spots[0].m == 0.5 && t->spots[0].k == 0.2);
		folio_cmyk navy = t->colors[1].cmyk, pale = t->colors[2].cmyk,
		           grey = t->colors[3].cmyk, half = t->colors[4].cmyk;
		CHECK(navy.spot == 1 && navy.tint == 1 && same_color(navy, 1, 0.5, 0, 0.2));
		CHECK(pale.spot == 1 && fabs(pale.tint - 0.2) < 1e-6 && same_color(pale, 0.2, 0.1, 0, 0.04));
		CHECK(grey.spot == 0 && same_color(grey, 0, 0, 0, 0.6));
		CHECK(half.spot == 1 && fabs(half.tint - 0.5) < 1e-6 && same_color(half, 0.5, 0.25, 0, 0.1));
		CHECK(t->styles[FOLIO_ST_TITLE].color.spot == 1);
	}
	folio_ctx_drop(ctx);
}

/* the rules and bands of the page furniture, as the layout gives them */
static void test_furniture(void)
{
	folio_ctx *ctx = folio_ctx_new();
	folio_template *t = folio_template_load(ctx, fixture("furniture.yaml"));
	for (size_t i = 0; i < ctx->ndiags; i++)
		fprintf(stderr, "  %s\n", ctx->diags[i].text);
	CHECK(t != NULL);
	if (t) {
		CHECK(t->masthead_band == 0 && t->contents_separator == 0);
		CHECK_NEAR(t->contents_rule, 1, 1e-9);
		CHECK(same_color(t->contents_separator_color, 1, 0.7, 0, 0.4));
		CHECK_NEAR(t->footer_rule, 0.25, 1e-9);
		CHECK_NEAR(t->rule_width, 0.5, 1e-9);
	}
	folio_ctx_drop(ctx);
}

/* print: {resample_above: 0}: no picture made coarser; resample_to kept */
static void test_resample(void)
{
	folio_ctx *ctx = folio_ctx_new();
	folio_template *t = folio_template_load(ctx, fixture("resample.yaml"));
	CHECK(t != NULL && ctx->ndiags == 0);
	CHECK(t && t->resample_above == 0 && t->resample_to == 200);
	folio_ctx_drop(ctx);
}

/* hyphenation.exceptions: the words as written, in order */
static void test_exceptions(void)
{
	folio_ctx *ctx = folio_ctx_new();
	folio_template *t = folio_template_load(ctx, fixture("exceptions.yaml"));
	CHECK(t != NULL && t->nhyphen_exceptions == 3);
	if (t && t->nhyphen_exceptions == 3) {
		CHECK_STR(t->hyphen_exceptions[0], "Ka-zakh-stan");
		CHECK_STR(t->hyphen_exceptions[1], "Almaty");
		CHECK_STR_CONTAINS(t->hyphen_exceptions[2], "-");
		CHECK(t->hyphen_left == 2 && t->hyphen_right == 3);
	}
	folio_ctx_drop(ctx);
}

static void test_broken(void)
{
	expect_error("style-key.yaml", "20:29",
	             "unknown key 'sise' (did you mean 'size'?)");
	expect_error("color-name.yaml", "15:60",
	             "unknown colour 'nvy' (did you mean 'navy'?)");
	expect_error("missing-style.yaml", "14:3", "missing style 'issue'");
	expect_error("five-pages.yaml", "5:8",
	             "the page count must be a multiple of 4 (found 5 pages)");
	expect_error("font-missing.yaml", "12:47",
	             "font file 'PTSerif-Heavy.ttf' not found in ");
	expect_error("style-cycle.yaml", "28:21",
	             "the style 'panel' is based on 'list', which leads back to "
	             "'panel' (a based_on loop)");
	expect_error("color-range.yaml", "10:22",
	             "colour 'navy': 140 is outside 0..100 (percent)");
	expect_error("top-key.yaml", "8:1",
	             "unknown key 'colours' (did you mean 'colors'?)");
	expect_error("unknown-master.yaml", "5:16",
	             "unknown master 'plian' (did you mean 'plain'?)");
	expect_error("tab-indent.yaml", "7:1", "found character that cannot "
	                                      "start any token");
	expect_error("no-such-file.yaml", "", "cannot open");
	expect_error("code-family.yaml", "13:14", "unknown font family 'mnoo' (fonts: serif)");
	expect_error("continued-field.yaml", "13:35",
	             "continued.text: unknown placeholder '{pgae}' ({title} or {page})");
	expect_error("continued-on-field.yaml", "13:68",
	             "continued.on: unknown placeholder '{pgae}' ({title} or {page})");
	expect_error("continued-on-shape.yaml", "13:100",
	             "continued.on: give it as continued.text is given (one per language)");
	expect_error("continued-on-lang.yaml", "13:100",
	             "continued.on: no text for 'ru', which continued.text has");
	expect_error("exceptions-bad.yaml", "14:30",
	             "hyphenation.exceptions: 'Nur--Sultan' is not a word with hyphens where it "
	             "may break (Nur-Sul-tan) or none (Tashkent)");
	expect_error("words-months.yaml", "14:50",
	             "words.kk.months: expected a list of the 12 months' names, January first "
	             "(found a list of another length)");
	expect_error("ink-limit.yaml", "13:20", "ink_limit must be between 100 and 400, found 450");
	expect_error("resample-below.yaml", "13:25",
	             "resample_above is 200 ppi, under resample_to (300 ppi, the default): a picture is "
	             "made coarser only when it is finer than that (0: never)");
	expect_error("words-date.yaml", "15:14",
	             "words.kk.date: unknown placeholder '{dya}' ({day}, {month} or {year})");
	expect_error("spot-mismatch.yaml", "11:38",
	             "spot 'PANTONE 2945 C' is given another cmyk here than above (100, 50, 0, 20): "
	             "one ink has one stand-in");
	expect_error("tint-below.yaml", "10:14",
	             "colour 'pale' is a tint of 'navy', which is not defined above it (colours above: "
	             "ink)");
	expect_error("continued-style.yaml", "13:20",
	             "unknown style 'captoin' (did you mean 'caption'?)");
}

static void test_resolve(void)
{
	folio_ctx *ctx = folio_ctx_new();
	CHECK(strcmp(folio_template_resolve(ctx, "my/own.yaml"), "my/own.yaml") == 0);
	CHECK(strcmp(folio_template_resolve(ctx, "own.yaml"), "own.yaml") == 0);
	CHECK(folio_template_resolve(ctx, "nosuch") == NULL);
	CHECK(check_diag(ctx, "error: unknown layout 'nosuch' (layouts available: "
	                      "quarterly)"));
	CHECK(folio_template_resolve(ctx, "quartely") == NULL);
	CHECK(check_diag(ctx, "error: unknown layout 'quartely' (did you mean "
	                      "'quarterly'?"));
	CHECK(ctx->nerrors == 2 && ctx->status == FOLIO_ERR_INPUT);
	folio_ctx_drop(ctx);

	/* The data folder follows $FOLIO_DATA_DIR. */
	const char *old = getenv("FOLIO_DATA_DIR");
	char *keep = old ? strdup(old) : NULL;
	setenv("FOLIO_DATA_DIR", "/nonexistent/folio", 1);
	CHECK(strcmp(folio_data_dir(), "/nonexistent/folio") == 0);
	ctx = folio_ctx_new();
	CHECK(folio_template_resolve(ctx, "quarterly") == NULL);
	CHECK(check_diag(ctx, "unknown layout 'quarterly' (no layouts in "
	                      "/nonexistent/folio/layouts)"));
	folio_ctx_drop(ctx);
	if (keep)
		setenv("FOLIO_DATA_DIR", keep, 1);
	else
		unsetenv("FOLIO_DATA_DIR");
	free(keep);
}

int main(void)
{
	test_furniture();
	test_resample();
	test_spot();
	test_quarterly();
	test_minimal();
	test_words();
	test_exceptions();
	test_broken();
	test_resolve();
	return check_report("test_template");
}
