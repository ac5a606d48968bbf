/* linebreak.c: bench_linebreak [WORDS] [RUNS]: one paragraph of WORDS
 * (default 10,000) pseudo-random English words, set justified and
 * hyphenated in PT Serif 9.6 pt on a 266 pt column, as the body of the
 * sample is; prints the median and the range of RUNS (default 7) timings of
 * folio_para_set, with the number of lines. Each run gets a fresh context,
 * so the arena is counted too. A benchmark, not a test: bench/run.sh runs it. */
#include "folio.h"
#include "text/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Words of the sample's own text, short and long, so hyphenation and the
 * breaker's active list see what a real column gives them. */
static const char *const words[] = {
    "the",        "of",         "and",          "experts",      "exchanged",
    "views",      "regarding",  "drug",         "situation",    "in",
    "Central",    "Asia",       "delegations",  "programme",    "prevention",
    "assessment", "mission",    "national",     "partners",     "component",
    "evaluation", "needs",      "proposals",    "technical",    "committee",
    "meetings",   "held",       "with",         "ministry",     "internal",
    "affairs",    "communications", "health",   "narcology",    "psychiatry",
    "during",     "which",      "were",         "discussed",    "preventive",
    "measures",   "planned",    "findings",     "together",     "draft",
    "working",    "plan",       "specific",     "focus",        "presented",
    "a",          "to",         "is",           "on",           "by",
    "effective",  "community",  "involve",      "relevant",     "sectors",
    "scientific", "evidence",   "incorporate",  "strong",       "monitoring",
    "trainings",  "psychologists", "negotiations", "techniques", "cooperation",
};

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	int nwords = argc > 1 ? atoi(argv[1]) : 10000;
	int runs = argc > 2 ? atoi(argv[2]) : 7;
	if (nwords < 1 || runs < 1 || runs > 1000) {
		fprintf(stderr, "usage: bench_linebreak [WORDS] [RUNS]\n");
		return 2;
	}
	size_t nw = sizeof words / sizeof words[0];
	size_t cap = (size_t)nwords * 20 + 16, len = 0;
	char *text = malloc(cap);
	uint32_t seed = 7;
	for (int i = 0; i < nwords; i++) {
		seed = seed * 1103515245u + 12345u;
		const char *w = words[(seed >> 8) % nw];
		len += (size_t)snprintf(text + len, cap - len, "%s%s", i ? " " : "", w);
		/* a sentence now and then: full stops and capitals change the glue */
		if ((seed >> 4) % 13 == 0)
			text[len++] = '.';
	}
	text[len] = 0;

	char font[4096];
	snprintf(font, sizeof font, "%s/fonts/PTSerif-Regular.ttf", folio_data_dir());
	folio_fonts *fonts = folio_fonts_new();
	double *ms = malloc(sizeof *ms * (size_t)runs);
	size_t nlines = 0;
	for (int r = 0; r < runs; r++) {
		folio_ctx *ctx = folio_ctx_new();
		folio_face *face = folio_fonts_load(ctx, fonts, font);
		folio_hyph *hyph = face ? folio_hyph_load(ctx, "en", FOLIO_NOWHERE) : NULL;
		if (!face || !hyph) {
			for (size_t i = 0; i < folio_diag_count(ctx); i++)
				fprintf(stderr, "%s\n", folio_diag_text(ctx, i));
			return 1;
		}
		folio_span span = {.text = text, .len = len, .face = face, .size = 9.6};
		folio_para_spec spec = {.spans = &span,
		                        .nspans = 1,
		                        .width = 266,
		                        .indent = 11.3,
		                        .align = FOLIO_ALIGN_JUSTIFY,
		                        .hyph = hyph,
		                        .hyphen_left = 2,
		                        .hyphen_right = 3,
		                        .tolerance = 400,
		                        .loc = FOLIO_NOWHERE,
		                        .lang = "en"};
		folio_para para = {0};
		double t0 = now_ms();
		bool ok = folio_para_set(ctx, &spec, &para);
		ms[r] = now_ms() - t0;
		if (!ok) {
			for (size_t i = 0; i < folio_diag_count(ctx); i++)
				fprintf(stderr, "%s\n", folio_diag_text(ctx, i));
			return 1;
		}
		nlines = para.nlines;
		folio_hyph_drop(hyph);
		folio_ctx_drop(ctx);
	}
	qsort(ms, (size_t)runs, sizeof *ms, cmp_double);
	double med = runs % 2 ? ms[runs / 2] : (ms[runs / 2 - 1] + ms[runs / 2]) / 2;
	printf("linebreak: %d words, %zu lines, %d runs: median %.2f ms (min %.2f, max "
	       "%.2f), %.3f ms per 1000 words\n",
	       nwords, nlines, runs, med, ms[0], ms[runs - 1], med * 1000 / nwords);
	free(ms);
	free(text);
	folio_fonts_drop(fonts);
	return 0;
}
