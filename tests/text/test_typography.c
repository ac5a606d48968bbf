/* test_typography.c: the text stage's preparation: straight quotes become
 * curly by language, hyphens become dashes, dots an ellipsis (one case per
 * line of fixtures/typography.txt); and what it refuses: characters the
 * font lacks, control characters. */
#include "text_test.h"
#include "text/text_int.h"

static folio_face *face;

/* The prepared text of one span, or NULL when it is refused. */
static const char *prepare(folio_ctx *ctx, const char *lang, const char *text,
                           const uint8_t **marks)
{
	static folio_span span;
	static folio_para_spec spec;
	span = (folio_span){.text = text, .len = strlen(text), .face = face, .size = 10};
	spec = (folio_para_spec){.spans = &span, .nspans = 1, .width = 100};
	folio_par par = {.ctx = ctx, .scratch = ctx->arena, .spec = &spec, .lang = lang};
	if (!folio_prepare(&par))
		return NULL;
	if (marks)
		*marks = par.marks;
	return folio_arena_strndup(ctx->arena, par.text, par.len);
}

/* "~" for U+00A0 and "^" for U+202F, as the fixture writes them */
static const char *tildes(folio_ctx *ctx, const char *s)
{
	char *out = folio_arena_alloc(ctx->arena, strlen(s) * 3 + 1);
	size_t n = 0;
	for (const char *p = s; *p; p++)
		if (*p == '~') {
			out[n++] = (char)0xC2;
			out[n++] = (char)0xA0;
		} else if (*p == '^') {
			out[n++] = (char)0xE2;
			out[n++] = (char)0x80;
			out[n++] = (char)0xAF;
		} else {
			out[n++] = *p;
		}
	return out;
}

int main(void)
{
	folio_ctx *ctx = folio_ctx_new();
	folio_fonts *fonts = folio_fonts_new();
	face = load_face(ctx, fonts, "PTSerif-Regular.ttf");

	char *cases = read_fixture("typography.txt");
	int ncases = 0;
	for (char *line = strtok(cases, "\n"); line; line = strtok(NULL, "\n")) {
		if (line[0] == '#')
			continue;
		char *typed = strchr(line, '\t');
		char *set = typed ? strchr(typed + 1, '\t') : NULL;
		if (!set) {
			fprintf(stderr, "bad fixture line: %s\n", line);
			return 1;
		}
		*typed++ = 0;
		*set++ = 0;
		const char *got = prepare(ctx, line, typed, NULL);
		const char *want = tildes(ctx, set);
		if (!got || strcmp(got, want)) {
			fprintf(stderr, "%s: '%s' -> '%s', expected '%s'\n", line, typed,
			        got ? got : "(refused)", want);
			check_failures++;
		}
		ncases++;
	}
	CHECK(ncases >= 32);

	/* tab and newline are spaces */
	CHECK(!strcmp(prepare(ctx, "en", "tab\tand\nnewline", NULL), "tab and newline"));
	/* a soft hyphen is a mark on the letter before it, not a character */
	const uint8_t *marks;
	const char *t = prepare(ctx, "en", "co\xC2\xADoperation", &marks);
	CHECK(t && !strcmp(t, "cooperation"));
	CHECK(t && marks[1] == FOLIO_MARK_SHY && marks[0] == 0 && marks[2] == 0);
	/* U+2010 and U+2011 (not in the PT fonts) become hyphen-minus */
	t = prepare(ctx, "en",
	            "A\xE2\x80\x91"
	            "B and C\xE2\x80\x90"
	            "D",
	            &marks);
	CHECK(t && !strcmp(t, "A-B and C-D"));
	CHECK(t && (marks[1] & FOLIO_MARK_NOBREAK) && !(marks[8] & FOLIO_MARK_NOBREAK));
	/* zero-width space: a break, no character */
	t = prepare(ctx, "en", "long\xE2\x80\x8Bword", &marks);
	CHECK(t && !strcmp(t, "longword") && (marks[3] & FOLIO_MARK_ZWSP));

	/* refused: a glyph the font lacks, named with the font file */
	CHECK(prepare(ctx, "en", "text 中文", NULL) == NULL);
	CHECK_STR_CONTAINS(find_diag(ctx, "U+4E2D"),
	                   "missing glyph: U+4E2D '中' is not in PTSerif-Regular.ttf");
	CHECK(ctx->status == FOLIO_ERR_INPUT);
	/* control characters */
	CHECK(prepare(ctx, "en", "bell\x07", NULL) == NULL);
	CHECK(find_diag(ctx, "control character U+0007") != NULL);
	CHECK(prepare(ctx, "en", "bad \xC3(", NULL) == NULL);
	CHECK(find_diag(ctx, "invalid UTF-8") != NULL);
	/* thin and no-break spaces are gaps, never glyphs: not refused */
	CHECK(prepare(ctx, "en",
	              "10\xE2\x80\xAF"
	              "000 and 5\xC2\xA0km",
	              NULL) != NULL);

	folio_fonts_drop(fonts);
	folio_ctx_drop(ctx);
	CHECK_DONE();
}
