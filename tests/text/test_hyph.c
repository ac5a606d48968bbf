/* test_hyph.c: hyphenation points from libhyphen: English, Russian through
 * KOI8-R, the words left alone, and languages without patterns. */
#include "text_test.h"

/* "hy-phen-ation" */
static const char *show(folio_hyph *h, const char *word, int left, int right)
{
	static char buf[512];
	size_t pts[32];
	size_t n = folio_hyph_word(h, word, strlen(word), left, right, pts, 32);
	size_t at = 0, o = 0;
	for (size_t i = 0; i < n; i++) {
		o += (size_t)snprintf(buf + o, sizeof buf - o, "%.*s-", (int)(pts[i] - at),
		                      word + at);
		at = pts[i];
	}
	snprintf(buf + o, sizeof buf - o, "%s", word + at);
	return buf;
}

static size_t count(folio_hyph *h, const char *word)
{
	size_t pts[32];
	return folio_hyph_word(h, word, strlen(word), 2, 3, pts, 32);
}

int main(void)
{
	folio_ctx *ctx = folio_ctx_new();
	folio_hyph *en = folio_hyph_load(ctx, "en", FOLIO_NOWHERE);
	CHECK(en != NULL);
	CHECK(!folio_failed(ctx));
	CHECK(en && !strcmp(folio_hyph_lang(en), "en"));

	CHECK(!strcmp(show(en, "hyphenation", 2, 3), "hy-phen-ation"));
	/* nothing closer to the ends than asked */
	CHECK(!strcmp(show(en, "hyphenation", 3, 3), "hyphen-ation"));
	CHECK(!strcmp(show(en, "hyphenation", 2, 6), "hy-phenation"));
	size_t pts[32];
	size_t n = folio_hyph_word(en, "hyphenation", 11, 2, 3, pts, 32);
	CHECK(n >= 2);
	for (size_t i = 0; i < n; i++)
		CHECK(pts[i] >= 2 && pts[i] <= 11 - 3);
	/* capitals and punctuation around the word do not matter */
	CHECK(!strcmp(show(en, "Hyphenation", 2, 3), "Hy-phen-ation"));
	CHECK(!strcmp(show(en, "(hyphenation),", 2, 3), "(hy-phen-ation),"));
	CHECK(!strcmp(show(en, "“programme”", 2, 3), "“pro-gramme”"));
	/* compounds: each part on its own */
	CHECK(!strcmp(show(en, "evidence-based", 2, 3), "ev-i-dence-based"));
	/* words left alone */
	CHECK(count(en, "EMCDDA") == 0);
	CHECK(count(en, "UNODC's") == 0);
	CHECK(count(en, "2021-2025") == 0);
	CHECK(count(en, "COVID19") == 0);
	CHECK(count(en, "information@example.org") == 0);
	CHECK(count(en, "https://example.org/information") == 0);
	CHECK(count(en, "and/or") == 0);
	CHECK(count(en, "information3") == 0);
	CHECK(count(en, "") == 0);
	CHECK(count(NULL, "hyphenation") == 0);
	/* max_points is respected */
	CHECK(folio_hyph_word(en, "rehabilitation", 14, 2, 3, pts, 1) == 1);

	folio_hyph *en_gb = folio_hyph_load(ctx, "en-GB", FOLIO_NOWHERE);
	CHECK(en_gb && !strcmp(show(en_gb, "hyphenation", 2, 3), "hy-phen-ation"));

	/* Russian: the patterns are KOI8-R, the words UTF-8 */
	folio_hyph *ru = folio_hyph_load(ctx, "ru", FOLIO_NOWHERE);
	CHECK(ru != NULL);
	CHECK(!strcmp(show(ru, "программа", 2, 2), "про-грам-ма"));
	CHECK(!strcmp(show(ru, "«программа»", 2, 3), "«про-грамма»"));
	CHECK(!strcmp(show(ru, "Государство", 2, 2), "Го-су-дар-ство"));
	CHECK(!strcmp(show(ru, "переносы", 2, 2), "пе-ре-но-сы"));
	/* offsets are UTF-8 byte offsets, on character boundaries */
	n = folio_hyph_word(ru, "программа", strlen("программа"), 2, 2, pts, 32);
	CHECK(n == 2 && pts[0] == 6 && pts[1] == 14);
	/* a letter KOI8-R lacks: no points rather than wrong ones */
	CHECK(count(ru, "қазақстан") == 0);
	CHECK(count(ru, "ФСКН") == 0);

	/* the layout's exceptions come before the patterns, in any case, and
	 * keep the left and right minimums; a word listed without hyphens
	 * stays whole; a new list forgets the points cached for the old */
	CHECK(!strcmp(show(en, "table", 2, 2), "ta-ble"));
	CHECK(!strcmp(show(en, "Kazakhstan", 2, 2), "Kaza-khstan")); /* the patterns' */
	CHECK(!strcmp(show(en, "Almaty", 2, 2), "Al-maty"));
	const char *exc[] = {"ta-bLe", "Ka-zakh-stan", "Almaty", "a-bcde-fgh", "про-грам-ма"};
	folio_hyph_exceptions(en, exc, 4);
	CHECK(!strcmp(show(en, "Kazakhstan", 2, 2), "Ka-zakh-stan"));
	CHECK(!strcmp(show(en, "KAZAKHSTAN’s", 1, 1), "KA-ZAKH-STAN’s"));
	CHECK(!strcmp(show(en, "Table,", 2, 2), "Ta-ble,"));
	CHECK(!strcmp(show(en, "table", 2, 4), "table")); /* "ble" is under right 4 */
	CHECK(!strcmp(show(en, "Almaty", 2, 2), "Almaty"));
	CHECK(!strcmp(show(en, "abcdefgh", 2, 2), "abcde-fgh")); /* "a" is under left 2 */
	folio_hyph_exceptions(en, exc, 4); /* the same list: nothing forgotten */
	CHECK(!strcmp(show(en, "Almaty", 2, 2), "Almaty"));
	folio_hyph_exceptions(en, NULL, 0);
	CHECK(!strcmp(show(en, "Kazakhstan", 2, 2), "Kaza-khstan"));
	CHECK(!strcmp(show(en, "Almaty", 2, 2), "Al-maty")); /* the patterns again */
	/* Cyrillic, through the Russian patterns' own encoding */
	folio_hyph_exceptions(ru, exc + 4, 1);
	CHECK(!strcmp(show(ru, "программа", 2, 3), "про-грамма"));
	CHECK(!strcmp(show(ru, "ПРОГРАММА", 1, 1), "ПРО-ГРАМ-МА"));
	folio_hyph_exceptions(ru, NULL, 0);

	/* a language without patterns: a warning and no hyphenation */
	int warnings = ctx->nwarnings;
	CHECK(folio_hyph_load(ctx, "kk", (folio_loc){"issue.yaml", 5, 11}) == NULL);
	CHECK(!folio_failed(ctx));
	CHECK(ctx->nwarnings == warnings + 1);
	CHECK_STR_CONTAINS(find_diag(ctx, "'kk'"),
	                   "no hyphenation patterns for language 'kk'; text is set without "
	                   "hyphenation");
	CHECK_STR_CONTAINS(find_diag(ctx, "'kk'"), "issue.yaml:5:11");
	/* "english" is not "en" */
	CHECK(folio_hyph_load(ctx, "english", FOLIO_NOWHERE) == NULL);
	CHECK(!folio_failed(ctx));

	folio_hyph_drop(en);
	folio_hyph_drop(en_gb);
	folio_hyph_drop(ru);
	folio_hyph_drop(NULL);
	folio_ctx_drop(ctx);
	CHECK_DONE();
}
