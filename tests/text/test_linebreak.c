/* test_linebreak.c: total fit and the setting of lines. The breaker is
 * held against an exhaustive search and a greedy first fit on random
 * paragraphs of boxes and glue; then real paragraphs are set in PT Serif
 * and their lines, pieces and diagnostics checked. */
#include "text_test.h"
#include "text/text_int.h"

/* ---- synthetic paragraphs ---- */

static uint32_t seed = 12345;
static uint32_t hyph_every = 3; /* one long word in hyph_every has a point */
static uint32_t rnd(uint32_t n)
{
	seed = seed * 1103515245u + 12345u;
	return (seed >> 8) % n;
}

static size_t random_par(folio_item *it, size_t cap, int words)
{
	size_t n = 0;
	for (int w = 0; w < words && n + 8 < cap; w++) {
		if (w) {
			it[n++] = (folio_item){
			    .type = FOLIO_GLUE, .width = 3, .stretch = 1.5, .shrink = 1};
		}
		double width = 5 + rnd(36);
		if (width > 20 && rnd(hyph_every) == 0) { /* a hyphenation point inside */
			double a = 4 + rnd((uint32_t)width - 8);
			it[n++] = (folio_item){.type = FOLIO_BOX, .width = a};
			it[n++] = (folio_item){.type = FOLIO_PENALTY,
			                       .penalty = 50,
			                       .width = 2,
			                       .flags = FOLIO_PEN_FLAGGED | FOLIO_PEN_HYPHEN};
			it[n++] = (folio_item){.type = FOLIO_BOX, .width = width - a};
		} else {
			it[n++] = (folio_item){.type = FOLIO_BOX, .width = width};
		}
	}
	it[n++] = (folio_item){.type = FOLIO_PENALTY, .penalty = FOLIO_INF_PENALTY};
	it[n++] = (folio_item){.type = FOLIO_GLUE, .fil = 1};
	it[n++] = (folio_item){
	    .type = FOLIO_PENALTY, .penalty = FOLIO_EJECT_PENALTY, .flags = FOLIO_PEN_FLAGGED};
	return n;
}

static bool legal(const folio_item *it, size_t i)
{
	return (it[i].type == FOLIO_GLUE && i > 0 && it[i - 1].type == FOLIO_BOX) ||
	       (it[i].type == FOLIO_PENALTY && it[i].penalty < FOLIO_INF_PENALTY);
}

static size_t line_start(const folio_item *it, size_t n, size_t brk)
{
	size_t s = brk + 1;
	while (s < n && it[s].type != FOLIO_BOX)
		s++;
	return s;
}

typedef struct {
	int bad, fit;
	double ratio;
} line_eval;

/* A line from start to the break at b, judged as tex.web 851-852 do. */
static line_eval eval_line(const folio_item *it, size_t start, size_t b, double W)
{
	double w = 0, st = 0, sh = 0, fil = 0;
	for (size_t i = start; i < b; i++) {
		if (it[i].type == FOLIO_PENALTY)
			continue;
		w += it[i].width;
		st += it[i].stretch;
		sh += it[i].shrink;
		fil += it[i].fil;
	}
	if (it[b].type == FOLIO_PENALTY)
		w += it[b].width;
	line_eval e = {0, 2, 0};
	double shortfall = W - w;
	if (shortfall > 0) {
		if (fil > 0)
			return e;
		e.bad = folio_badness(shortfall, st);
		e.fit = e.bad > 99 ? 0 : e.bad > 12 ? 1 : 2;
		e.ratio = st > 0 ? shortfall / st : 1e9;
	} else {
		e.bad = -shortfall > sh + 1e-9 ? 10001 : folio_badness(-shortfall, sh);
		e.fit = e.bad > 12 ? 3 : 2;
		e.ratio = sh > 0 ? shortfall / sh : -1e9;
	}
	return e;
}

static double line_demerits(const folio_item *it, size_t n, size_t b, line_eval e, int prev_fit,
                            bool prev_hyph)
{
	int pi = it[b].type == FOLIO_PENALTY ? it[b].penalty : 0;
	double d = 10 + e.bad;
	d = d >= 10000 ? 1e8 : d * d;
	if (pi > 0)
		d += (double)pi * pi;
	else if (pi > FOLIO_EJECT_PENALTY)
		d -= (double)pi * pi;
	bool hyph = it[b].type == FOLIO_PENALTY && (it[b].flags & FOLIO_PEN_FLAGGED);
	if (hyph && prev_hyph)
		d += b + 1 == n ? 5000 : 10000;
	if (abs(e.fit - prev_fit) > 1)
		d += 10000;
	return d;
}

/* Total demerits of a breaking, -1 if a line is not feasible at T. */
static double breaking_demerits(const folio_item *it, size_t n, const size_t *br, size_t nl,
                                double W, int T, double *max_ratio)
{
	double total = 0;
	int fit = 2;
	bool hyph = false;
	size_t start = 0;
	*max_ratio = 0;
	for (size_t k = 0; k < nl; k++) {
		line_eval e = eval_line(it, start, br[k], W);
		if (e.bad > T)
			return -1;
		total += line_demerits(it, n, br[k], e, fit, hyph);
		if (k + 1 < nl && fabs(e.ratio) > *max_ratio)
			*max_ratio = fabs(e.ratio);
		fit = e.fit;
		hyph = it[br[k]].type == FOLIO_PENALTY && (it[br[k]].flags & FOLIO_PEN_FLAGGED);
		start = line_start(it, n, br[k]);
	}
	return total;
}

static bool shows_hyphen(const folio_item *it, size_t n, size_t b)
{
	return b + 1 < n && it[b].type == FOLIO_PENALTY && (it[b].flags & FOLIO_PEN_FLAGGED);
}

/* The optimum by exhaustive dynamic programming over (break, line number,
 * fitness, hyphenated lines in a row), with at most max_run hyphens in a
 * row (0: no limit) and no hyphen ending line `banned` (-1: none). */
static double optimum_with(const folio_item *it, size_t n, double W, int T, int max_run, int banned)
{
	enum { MAXB = 512, MAXL = 64, MAXR = 4 };
	size_t B[MAXB];
	size_t nb = 0;
	for (size_t i = 0; i < n && nb < MAXB; i++)
		if (legal(it, i))
			B[nb++] = i;
	static double best[MAXB][MAXL][4][MAXR];
	for (size_t j = 0; j < nb; j++)
		for (int l = 0; l < MAXL; l++)
			for (int f = 0; f < 4; f++)
				for (int r = 0; r < MAXR; r++)
					best[j][l][f][r] = 1e300;
	for (size_t j = 0; j < nb; j++) {
		bool hyph_j = shows_hyphen(it, n, B[j]);
		for (int a = -1; a < (int)j; a++) {
			size_t start = a < 0 ? 0 : line_start(it, n, B[a]);
			if (start > B[j])
				continue;
			line_eval e = eval_line(it, start, B[j], W);
			if (e.bad > T)
				continue;
			bool hyph = a >= 0 && it[B[a]].type == FOLIO_PENALTY &&
			            (it[B[a]].flags & FOLIO_PEN_FLAGGED);
			for (int l = 0; l + 1 < MAXL; l++) {
				if (hyph_j && l == banned)
					continue;
				for (int f = 0; f < 4; f++) {
					for (int r = 0; r < MAXR; r++) {
						double before =
						    a < 0 ? (f == 2 && r == 0 && l == 0 ? 0 : 1e300)
						          : best[a][l][f][r];
						if (before >= 1e300)
							continue;
						int run = hyph_j ? r + 1 : 0;
						if (max_run && run > max_run)
							continue;
						if (run >= MAXR)
							run = MAXR - 1;
						double d =
						    before + line_demerits(it, n, B[j], e, f, hyph);
						if (d < best[j][l + 1][e.fit][run])
							best[j][l + 1][e.fit][run] = d;
					}
				}
			}
		}
	}
	double m = 1e300;
	for (int l = 0; l < MAXL; l++)
		for (int f = 0; f < 4; f++)
			for (int r = 0; r < MAXR; r++)
				if (best[nb - 1][l][f][r] < m)
					m = best[nb - 1][l][f][r];
	return m;
}

static double optimum(const folio_item *it, size_t n, double W, int T)
{
	return optimum_with(it, n, W, T, 0, -1);
}

/* The longest run of lines ending with a hyphen. */
static int hyphen_run(const folio_item *it, size_t n, const size_t *br, size_t nl)
{
	int run = 0, longest = 0;
	for (size_t k = 0; k < nl; k++) {
		run = shows_hyphen(it, n, br[k]) ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	return longest;
}

/* First fit: each line as full as it can be without being overfull. */
static size_t greedy(const folio_item *it, size_t n, double W, size_t *br)
{
	size_t nl = 0, start = 0;
	while (start < n) {
		size_t last = SIZE_MAX;
		for (size_t i = start; i < n; i++) {
			if (!legal(it, i))
				continue;
			if (eval_line(it, start, i, W).bad > 10000 && last != SIZE_MAX)
				break;
			last = i;
			if (i + 1 == n)
				break;
		}
		br[nl++] = last;
		if (last + 1 == n)
			break;
		start = line_start(it, n, last);
	}
	return nl;
}

static folio_break_params params(double W, int T)
{
	return (folio_break_params){.line_width = W,
	                            .pretolerance = 100,
	                            .tolerance = T,
	                            .line_penalty = 10,
	                            .adj_demerits = 10000,
	                            .double_hyphen_demerits = 10000,
	                            .final_hyphen_demerits = 5000};
}

static void test_total_fit(void)
{
	folio_arena *a = folio_arena_new();
	folio_item it[600];
	int feasible = 0, better_than_greedy = 0, feasible_at_200 = 0;
	for (int trial = 0; trial < 300; trial++) {
		size_t n = random_par(it, 600, 20 + (int)rnd(60));
		double W = 100 + rnd(80);
		int T = trial % 3 == 0 ? 200 : trial % 3 == 1 ? 1000 : 10000;
		folio_break_params bp = params(W, T);
		size_t *br;
		bool met;
		size_t nl = folio_break_pass(a, it, n, &bp, FOLIO_PASS_SECOND, &br, &met);
		double opt = optimum(it, n, W, T);
		if (opt >= 1e300) {
			CHECK(nl == 0);
			continue;
		}
		feasible++;
		feasible_at_200 += T == 200;
		double kp_ratio;
		double kp = breaking_demerits(it, n, br, nl, W, T, &kp_ratio);
		CHECK(nl > 0 && br[nl - 1] == n - 1);
		if (fabs(kp - opt) > 1e-6 * opt) {
			fprintf(stderr, "trial %d: total fit %.0f, optimum %.0f\n", trial, kp, opt);
			check_failures++;
		}
		if (T == 10000) {
			/* any line that is not overfull is feasible: first fit is a
			 * candidate, and never better */
			size_t gbr[300];
			size_t gn = greedy(it, n, W, gbr);
			double g_ratio;
			double g = breaking_demerits(it, n, gbr, gn, W, T, &g_ratio);
			if (g >= 0) {
				CHECK(kp <= g + 1e-6);
				if (kp_ratio < g_ratio - 0.5)
					better_than_greedy++;
			}
		}
	}
	if (getenv("VERBOSE"))
		printf("feasible %d (%d at 200), total fit clearly better than first fit %d\n",
		       feasible, feasible_at_200, better_than_greedy);
	CHECK(feasible > 100);
	CHECK(feasible_at_200 > 5);
	CHECK(better_than_greedy > 10);

	folio_arena_drop(a);
}

/* At most two hyphenated lines in a row, and none ending a listed line:
 * the breaker still finds the optimum under these rules. */
static void test_hyphen_rules(void)
{
	folio_arena *a = folio_arena_new();
	folio_item it[600];
	hyph_every = 1;
	int runs_of_three = 0, banned_tested = 0;
	for (int trial = 0; trial < 150; trial++) {
		size_t n = random_par(it, 600, 20 + (int)rnd(40));
		double W = 60 + rnd(60);
		int T = trial % 2 ? 1000 : 10000;
		folio_break_params bp = params(W, T);
		size_t *br;
		bool met;
		size_t nl = folio_break_pass(a, it, n, &bp, FOLIO_PASS_SECOND, &br, &met);
		if (!nl)
			continue;
		runs_of_three += hyphen_run(it, n, br, nl) > 2;
		bp.max_hyphen_run = 2;
		nl = folio_break_pass(a, it, n, &bp, FOLIO_PASS_SECOND, &br, &met);
		double opt = optimum_with(it, n, W, T, 2, -1);
		if (opt >= 1e300) {
			CHECK(nl == 0);
			continue;
		}
		CHECK(nl > 0 && hyphen_run(it, n, br, nl) <= 2);
		double ratio, kp = breaking_demerits(it, n, br, nl, W, T, &ratio);
		if (fabs(kp - opt) > 1e-6 * opt) {
			fprintf(stderr, "trial %d: limited total fit %.0f, optimum %.0f\n", trial,
			        kp, opt);
			check_failures++;
		}
		/* ban the first hyphenated line */
		int banned = -1;
		for (size_t k = 0; k + 1 < nl && banned < 0; k++)
			if (shows_hyphen(it, n, br[k]))
				banned = (int)k;
		if (banned < 0 || banned > 60)
			continue;
		size_t ban = (size_t)banned;
		bp.no_hyphen_lines = &ban;
		bp.nno_hyphen_lines = 1;
		nl = folio_break_pass(a, it, n, &bp, FOLIO_PASS_SECOND, &br, &met);
		opt = optimum_with(it, n, W, T, 2, banned);
		if (opt >= 1e300) {
			CHECK(nl == 0);
			continue;
		}
		banned_tested++;
		CHECK(nl > ban && !shows_hyphen(it, n, br[ban]));
		CHECK(hyphen_run(it, n, br, nl) <= 2);
		kp = breaking_demerits(it, n, br, nl, W, T, &ratio);
		if (fabs(kp - opt) > 1e-6 * opt) {
			fprintf(stderr, "trial %d: banned line %d: total fit %.0f, optimum %.0f\n",
			        trial, banned, kp, opt);
			check_failures++;
		}
	}
	hyph_every = 3;
	if (getenv("VERBOSE"))
		printf("runs of three without the limit %d, banned lines tested %d\n",
		       runs_of_three, banned_tested);
	CHECK(runs_of_three > 5);
	CHECK(banned_tested > 20);
	folio_arena_drop(a);
}

/* ---- real paragraphs ---- */

static folio_ctx *ctx;
static folio_fonts *fonts;
static folio_face *serif, *bold;
static folio_hyph *en, *ru;

static folio_para set(const char *text, double size, double width, folio_align align,
                      folio_hyph *hyph, const char *lang)
{
	static folio_span span;
	span = (folio_span){.text = text, .len = strlen(text), .face = serif, .size = size};
	folio_para_spec spec = {.spans = &span,
	                        .nspans = 1,
	                        .width = width,
	                        .align = align,
	                        .hyph = hyph,
	                        .hyphen_left = 2,
	                        .hyphen_right = 3,
	                        .lang = lang,
	                        .loc = {"article.md", 3, 1}};
	folio_para p;
	if (!folio_para_set(ctx, &spec, &p))
		memset(&p, 0, sizeof p);
	return p;
}

/* Every piece inside the column but the punctuation hanging into its
 * margins (at most 0.7 of a glyph, less than half an em); returns the
 * widest line's right edge, the hanging punctuation left out. */
static double right_edge(const folio_para *p)
{
	double edge = 0;
	for (size_t i = 0; i < p->nlines; i++) {
		const folio_line *l = &p->lines[i];
		if (!l->npieces)
			continue;
		const folio_piece *first = &l->pieces[0], *last = &l->pieces[l->npieces - 1];
		double right = last->x + last->width, e = right;
		CHECK(first->x >= -0.5 * first->size);
		if (first->x <= 1e-9) {
			/* left aligned or justified: only the last glyph hangs */
			CHECK(right - l->width <= 0.5 * last->size);
			e = l->width;
		}
		for (size_t j = 1; j < l->npieces; j++)
			CHECK(l->pieces[j].x >= 0);
		if (e > edge)
			edge = e;
	}
	return edge;
}

static char *rejoin(const folio_para *p)
{
	static char buf[1 << 14];
	size_t n = 0;
	for (size_t i = 0; i < p->nlines; i++) {
		const char *t = line_text(&p->lines[i]);
		size_t len = strlen(t);
		if (p->lines[i].hyphenated)
			len--;
		memcpy(buf + n, t, len);
		n += len;
		if (!p->lines[i].hyphenated && i + 1 < p->nlines)
			buf[n++] = ' ';
	}
	buf[n] = 0;
	return buf;
}

static void test_justified(void)
{
	const char *text = read_fixture("paragraph-en.txt");
	/* (a) 170pt: full lines, nothing beyond the column, last line natural */
	folio_para p = set(text, 9, 170, FOLIO_ALIGN_JUSTIFY, en, "en");
	CHECK(p.nlines >= 10);
	for (size_t i = 0; i + 1 < p.nlines; i++) {
		CHECK(fabs(p.lines[i].width - 170) < 0.01);
		CHECK(p.lines[i].ratio >= -1);
		CHECK(p.lines[i].ascent > 0 && p.lines[i].descent > 0);
	}
	CHECK(p.nlines && p.lines[p.nlines - 1].ratio == 0);
	CHECK(p.nlines && p.lines[p.nlines - 1].width < 170);
	CHECK(right_edge(&p) <= 170 + 1e-6);
	CHECK(!strcmp(rejoin(&p), text)); /* no word lost or changed */

	/* where the paragraph can be set within tolerance 200, every line is */
	p = set(text, 9, 260, FOLIO_ALIGN_JUSTIFY, en, "en");
	CHECK(p.nlines >= 5);
	for (size_t i = 0; i + 1 < p.nlines; i++) {
		CHECK(fabs(p.lines[i].width - 260) < 0.01);
		CHECK(p.lines[i].ratio >= -1 && p.lines[i].ratio <= 1.26);
	}
	CHECK(!strcmp(rejoin(&p), text));

	/* (g) a narrow column needs hyphens: each is drawn, and hyphens on
	 * consecutive lines stay the exception (double_hyphen_demerits) */
	p = set(text, 9, 120, FOLIO_ALIGN_JUSTIFY, en, "en");
	int hyphenated = 0, pairs = 0;
	for (size_t i = 0; i < p.nlines; i++) {
		const folio_line *l = &p.lines[i];
		if (l->hyphenated) {
			hyphenated++;
			pairs += i > 0 && p.lines[i - 1].hyphenated;
			const folio_piece *last = &l->pieces[l->npieces - 1];
			CHECK(last->len >= 1 && last->text[last->len - 1] == '-');
			/* a letter-spaced (or tightened) line draws its hyphen
			 * alone, right after the last letter (no letter space
			 * before it) */
			if (last->len == 1)
				CHECK(l->npieces >= 2 && last[-1].tracking != 0 &&
				      fabs(last->x - (last[-1].x + last[-1].width)) < 1e-9);
		}
	}
	CHECK(hyphenated >= 2);
	CHECK(pairs * 2 <= hyphenated);
	CHECK(right_edge(&p) <= 120 + 1e-6);
	CHECK(!strcmp(rejoin(&p), text));
	/* without patterns there are no hyphens at all */
	p = set(text, 9, 120, FOLIO_ALIGN_JUSTIFY, NULL, "en");
	for (size_t i = 0; i < p.nlines; i++)
		CHECK(!p.lines[i].hyphenated);
}

static void test_ragged(void)
{
	const char *text = read_fixture("paragraph-en.txt");
	folio_align aligns[] = {FOLIO_ALIGN_LEFT, FOLIO_ALIGN_RIGHT, FOLIO_ALIGN_CENTER};
	for (int k = 0; k < 3; k++) {
		folio_para p = set(text, 9, 170, aligns[k], en, "en");
		CHECK(p.nlines >= 10);
		double shortest = 170;
		for (size_t i = 0; i < p.nlines; i++) {
			const folio_line *l = &p.lines[i];
			const folio_piece *first = &l->pieces[0],
			                  *last = &l->pieces[l->npieces - 1];
			double left = first->x, right = last->x + last->width;
			CHECK(l->ratio == 0);
			CHECK(fabs(right - left - l->width) < 1e-6);
			if (aligns[k] == FOLIO_ALIGN_LEFT)
				CHECK(fabs(left) < 1e-9);
			if (aligns[k] == FOLIO_ALIGN_RIGHT)
				CHECK(fabs(right - 170) < 1e-6);
			if (aligns[k] == FOLIO_ALIGN_CENTER)
				CHECK(fabs(left - (170 - right)) < 1e-6);
			if (i + 1 < p.nlines && l->width < shortest)
				shortest = l->width;
		}
		/* total fit keeps the rag within a few ems */
		CHECK(shortest > 170 - 6 * 9);
		CHECK(right_edge(&p) <= 170 + 1e-6);
		CHECK(!strcmp(rejoin(&p), text));
		/* spaces are rigid: every gap between words is the same */
		const folio_line *l = &p.lines[0];
		double gap = -1;
		for (size_t j = 1; j < l->npieces; j++) {
			double g = l->pieces[j].x - (l->pieces[j - 1].x + l->pieces[j - 1].width);
			if (g > 0.01) {
				if (gap < 0)
					gap = g;
				CHECK(fabs(g - gap) < 1e-9);
			}
		}
		CHECK(fabs(gap - folio_face_measure(serif, " ", 1, 9)) < 1e-9);
	}
}

/* (c) an unbreakable string wider than the column */
static void test_unbreakable(void)
{
	char word[301];
	for (int i = 0; i < 300; i++)
		word[i] = (char)('a' + (i * 7) % 26);
	word[300] = 0;
	int warnings = ctx->nwarnings;
	folio_para p = set(word, 10, 100, FOLIO_ALIGN_JUSTIFY, en, "en");
	CHECK(p.nlines >= 10);
	CHECK(right_edge(&p) <= 100 + 1e-6);
	for (size_t i = 0; i < p.nlines; i++)
		CHECK(!p.lines[i].hyphenated);
	CHECK(ctx->nwarnings == warnings + 1);
	CHECK_STR_CONTAINS(find_diag(ctx, "unbreakable"), "article.md:3:1");
	CHECK_STR_CONTAINS(find_diag(ctx, "unbreakable"),
	                   "unbreakable text 'ahovcjqxelsz…' was broken to fit the column");
	CHECK(!strcmp(rejoin(&p), "") || strlen(rejoin(&p)) >= 300);

	/* a URL among words: broken at its slashes where it can be */
	const char *url = "See https://www.emcdda.europa.eu/publications/european-drug-report/"
	                  "2023_en for the figures.";
	p = set(url, 10, 100, FOLIO_ALIGN_JUSTIFY, en, "en");
	CHECK(right_edge(&p) <= 100 + 1e-6);
	CHECK(p.nlines >= 3);
}

/* (d) a character the font lacks */
static void test_missing_glyph(void)
{
	folio_para p = set("Central Asia 中亚", 10, 200, FOLIO_ALIGN_JUSTIFY, en, "en");
	CHECK(p.nlines == 0);
	CHECK(folio_failed(ctx));
	CHECK_STR_CONTAINS(find_diag(ctx, "U+4E2D"),
	                   "article.md:3:1: error: missing glyph: U+4E2D '中' is not in "
	                   "PTSerif-Regular.ttf");
	ctx->status = FOLIO_OK; /* the other tests go on */
}

/* (e) quotes as set */
static void test_quotes(void)
{
	folio_para p = set("\"Being a platform\"", 10, 300, FOLIO_ALIGN_LEFT, en, NULL);
	CHECK(p.nlines == 1 && !strcmp(line_text(&p.lines[0]), "“Being a platform”"));
	p = set("\"Being a platform\"", 10, 300, FOLIO_ALIGN_LEFT, ru, NULL);
	CHECK(p.nlines == 1 && !strcmp(line_text(&p.lines[0]), "«Being a platform»"));
	p = set("\"Being a platform\"", 10, 300, FOLIO_ALIGN_LEFT, NULL, "ru-RU");
	CHECK(p.nlines == 1 && !strcmp(line_text(&p.lines[0]), "«Being a platform»"));
}

/* (f) pieces are split at kerning pairs and placed where shaping put the
 * glyphs; the PDF writer draws each with the font's own advances */
static void test_pieces(void)
{
	const char *text = "AVATAR Wave";
	folio_para p = set(text, 12, 300, FOLIO_ALIGN_LEFT, en, "en");
	CHECK(p.nlines == 1);
	if (p.nlines != 1)
		return;
	const folio_line *l = &p.lines[0];
	const char *words[] = {"AVATAR", "Wave"};
	size_t j = 0;
	for (int w = 0; w < 2; w++) {
		folio_glyph *g;
		size_t ng = folio_face_shape(serif, words[w], strlen(words[w]), 12, ctx->arena, &g);
		double x0 = l->pieces[j].x, pen = 0;
		size_t used = 0, gi = 0, pieces = 0;
		while (used < strlen(words[w]) && j < l->npieces) {
			const folio_piece *pc = &l->pieces[j++];
			pieces++;
			CHECK(!strncmp(pc->text, words[w] + used, pc->len));
			/* the piece starts where the shaped glyph does */
			CHECK(fabs(pc->x - (x0 + pen)) < 1e-9);
			double width = 0;
			for (size_t k = 0; k < pc->len; k++, gi++) {
				CHECK(gi < ng && g[gi].cluster == used + k);
				/* inside a piece, the shaped advance is the plain one */
				if (k + 1 < pc->len)
					CHECK(fabs(g[gi].advance -
					           folio_face_measure(serif, pc->text + k, 1, 12)) <
					      1e-9);
				width += g[gi].advance;
			}
			CHECK(fabs(pc->width - width) < 1e-9);
			pen += width;
			used += pc->len;
			CHECK(pc->face == serif && pc->size == 12);
		}
		CHECK(used == strlen(words[w]) && gi == ng);
		CHECK(fabs(pen - folio_face_measure(serif, words[w], strlen(words[w]), 12)) < 1e-9);
		if (w == 0)
			CHECK(pieces >= 4); /* AV, VA, AT, TA kern in PT Serif */
	}
	CHECK(j == l->npieces);
	/* the space between the words is the font's */
	CHECK(j >= 2);
}

static void test_spaces_and_spans(void)
{
	/* a no-break space is a gap where no break happens */
	folio_para p =
	    set("aaaa bbbb cccc 10\xC2\xA0km dddd eeee", 10, 60, FOLIO_ALIGN_LEFT, NULL, "en");
	bool together = false;
	for (size_t i = 0; i < p.nlines; i++) {
		const char *t = line_text(&p.lines[i]);
		CHECK(!strstr(t, "\xC2\xA0"));
		if (strstr(t, "10 km"))
			together = true;
	}
	CHECK(together);
	/* a thin space is a sixth of an em, and never a glyph */
	p = set("10\xE2\x80\xAF"
	        "000",
	        12, 200, FOLIO_ALIGN_LEFT, NULL, "en");
	CHECK(p.nlines == 1 && p.lines[0].npieces == 2);
	if (p.nlines == 1 && p.lines[0].npieces == 2) {
		const folio_piece *a = &p.lines[0].pieces[0], *b = &p.lines[0].pieces[1];
		CHECK(fabs(b->x - (a->x + a->width) - 2.0) < 1e-9);
		CHECK(a->len == 2 && b->len == 3);
	}
	/* a style change inside a word: one piece per face, no gap */
	folio_span spans[2] = {
	    {.text = "Drug", .len = 4, .face = bold, .size = 10, .link = "https://x.org"},
	    {.text = "Action plan", .len = 11, .face = serif, .size = 10},
	};
	folio_para_spec spec = {
	    .spans = spans, .nspans = 2, .width = 200, .align = FOLIO_ALIGN_LEFT};
	CHECK(folio_para_set(ctx, &spec, &p));
	CHECK(p.nlines == 1 && !strcmp(line_text(&p.lines[0]), "DrugAction plan"));
	if (p.nlines == 1) {
		const folio_line *l = &p.lines[0];
		CHECK(l->pieces[0].face == bold && l->pieces[0].link &&
		      !strcmp(l->pieces[0].link, "https://x.org"));
		CHECK(l->pieces[l->npieces - 1].face == serif && !l->pieces[l->npieces - 1].link);
	}
	/* tracking: pieces (split only at kerning pairs) carry it as PDF's Tc,
	 * tracking * size after each letter; a piece's width ends at its last
	 * letter, and the line's advance includes all four */
	spans[0] =
	    (folio_span){.text = "NEWS", .len = 4, .face = bold, .size = 10, .tracking = 100};
	spec.nspans = 1;
	CHECK(folio_para_set(ctx, &spec, &p));
	CHECK(p.nlines == 1 && p.lines[0].npieces >= 1 && p.lines[0].npieces < 4);
	CHECK(!strcmp(line_text(&p.lines[0]), "NEWS"));
	if (p.nlines == 1 && p.lines[0].npieces >= 1) {
		const folio_line *l = &p.lines[0];
		for (size_t i = 0; i < l->npieces; i++)
			CHECK(fabs(l->pieces[i].tracking - 1.0) < 1e-9);
		const folio_piece *last = &l->pieces[l->npieces - 1];
		CHECK(fabs(last->x + last->width + 1.0 - l->width) < 1e-9);
		CHECK(fabs(p.lines[0].width - folio_face_measure(bold, "NEWS", 4, 10) - 4.0) <
		      1e-9);
	}
	/* nothing to set */
	int errors = ctx->nerrors;
	p = set("   ", 10, 100, FOLIO_ALIGN_JUSTIFY, en, "en");
	CHECK(p.nlines == 0 && ctx->nerrors == errors);
	/* the first line's indent */
	spans[0] = (folio_span){.text = "Indented text here", .len = 18, .face = serif, .size = 10};
	spec.indent = 12;
	CHECK(folio_para_set(ctx, &spec, &p));
	CHECK(p.nlines == 1 && fabs(p.lines[0].pieces[0].x - 12) < 1e-9);
}

static void test_looseness(void)
{
	const char *text = read_fixture("paragraph-en.txt");
	folio_span span = {.text = text, .len = strlen(text), .face = serif, .size = 9};
	folio_para_spec spec = {.spans = &span,
	                        .nspans = 1,
	                        .width = 260,
	                        .hyph = en,
	                        .hyphen_left = 2,
	                        .hyphen_right = 3};
	folio_para tight, loose;
	CHECK(folio_para_set(ctx, &spec, &tight));
	spec.looseness = 1;
	CHECK(folio_para_set(ctx, &spec, &loose));
	CHECK(loose.nlines == tight.nlines + 1);
	CHECK(fabs(loose.lines[0].width - 260) < 0.01);
	spec.looseness = -1;
	CHECK(folio_para_set(ctx, &spec, &loose));
	CHECK(loose.nlines == tight.nlines - 1 || loose.nlines == tight.nlines);
	CHECK(right_edge(&loose) <= 260 + 1e-6);
}

int main(void)
{
	test_total_fit();
	test_hyphen_rules();

	ctx = folio_ctx_new();
	fonts = folio_fonts_new();
	serif = load_face(ctx, fonts, "PTSerif-Regular.ttf");
	bold = load_face(ctx, fonts, "PTSerif-Bold.ttf");
	en = folio_hyph_load(ctx, "en", FOLIO_NOWHERE);
	ru = folio_hyph_load(ctx, "ru", FOLIO_NOWHERE);
	CHECK(en && ru);

	test_justified();
	test_ragged();
	test_unbreakable();
	test_missing_glyph();
	test_quotes();
	test_pieces();
	test_spaces_and_spans();
	test_looseness();

	folio_hyph_drop(en);
	folio_hyph_drop(ru);
	folio_fonts_drop(fonts);
	folio_ctx_drop(ctx);
	CHECK_DONE();
}
