/* test_refine.c: the refinements of the line breaker on real paragraphs:
 * optical margin alignment (punctuation hangs into the margins of justified
 * lines), no hyphen in a paragraph's last word when it can be avoided, lines
 * the layout wants without a hyphen, and at most two hyphens in a row. */
#include "text_test.h"
#include "text/text_int.h"

static folio_ctx *ctx;
static folio_fonts *fonts;
static folio_face *serif;
static folio_hyph *en, *ru;

static folio_para set_spec(const char *text, double width, folio_align align, const size_t *banned,
                           size_t nbanned)
{
	static folio_span span;
	span = (folio_span){.text = text, .len = strlen(text), .face = serif, .size = 9};
	folio_para_spec spec = {.spans = &span,
	                        .nspans = 1,
	                        .width = width,
	                        .align = align,
	                        .hyph = en,
	                        .hyphen_left = 2,
	                        .hyphen_right = 3,
	                        .lang = "en",
	                        .no_hyphen_lines = banned,
	                        .nno_hyphen_lines = nbanned};
	folio_para p;
	if (!folio_para_set(ctx, &spec, &p))
		memset(&p, 0, sizeof p);
	return p;
}

static folio_para set(const char *text, double width, folio_align align)
{
	return set_spec(text, width, align, NULL, 0);
}

/* The last code point of a piece and its advance at 9pt. */
static uint32_t last_char(const folio_piece *pc, double *adv)
{
	size_t i = 0, at = 0;
	uint32_t cp = 0;
	while (i < pc->len) {
		at = i;
		cp = folio_utf8_next(pc->text, pc->len, &i);
	}
	*adv = folio_face_measure(serif, pc->text + at, pc->len - at, 9);
	return cp;
}

static double right_factor(uint32_t cp)
{
	switch (cp) {
	case '.':
	case ',':
	case '-':
	case 0x201D:
	case 0x2019:
		return 0.7;
	case ':':
	case ';':
	case 0x2013:
		return 0.5;
	case 0x2014:
		return 0.3;
	default:
		return 0;
	}
}

static void test_protrusion(void)
{
	const char *text = read_fixture("margins-en.txt");
	int hung_right = 0, hung_left = 0, flush = 0;
	folio_para p;
	double W;
	for (W = 140; W <= 180; W += 4) {
		p = set(text, W, FOLIO_ALIGN_JUSTIFY);
		CHECK(p.nlines > 8);
		for (size_t i = 0; i + 1 < p.nlines; i++) {
			const folio_line *l = &p.lines[i];
			const folio_piece *first = &l->pieces[0],
			                  *last = &l->pieces[l->npieces - 1];
			double adv;
			uint32_t cp = last_char(last, &adv);
			double hang = right_factor(cp) * adv;
			/* the line is justified to the column plus what hangs out */
			CHECK_NEAR(last->x + last->width, W + hang, 1e-6);
			CHECK_NEAR(l->width, W, 1e-6);
			hung_right += hang > 0;
			flush += hang == 0;
			/* an opening quote at the start hangs by half its width */
			if (!strncmp(first->text, "“", strlen("“"))) {
				double q = folio_face_measure(serif, "“", strlen("“"), 9);
				CHECK_NEAR(first->x, -0.5 * q, 1e-6);
				hung_left++;
			} else {
				CHECK(fabs(first->x) < 1e-9);
			}
		}
	}
	W = 150;
	if (getenv("VERBOSE"))
		printf("protrusion: %d lines hang right, %d left, %d flush\n", hung_right,
		       hung_left, flush);
	CHECK(hung_right >= 3);
	CHECK(hung_left >= 1);
	CHECK(flush >= 3);

	/* flush-left text hangs its opening quotes into the left margin,
	 * whole, as a headline's or a pull quote's, and keeps its right end
	 * inside; centred and flush-right text hang nothing */
	int hung = 0;
	for (W = 140; W <= 180; W += 4) {
		p = set(text, W, FOLIO_ALIGN_LEFT);
		double q = folio_face_measure(serif, "“", strlen("“"), 9);
		for (size_t i = 0; i < p.nlines; i++) {
			const folio_line *l = &p.lines[i];
			const folio_piece *last = &l->pieces[l->npieces - 1];
			bool quote = !strncmp(l->pieces[0].text, "“", strlen("“"));
			CHECK_NEAR(l->pieces[0].x, quote ? -q : 0, 1e-9);
			hung += quote;
			CHECK(last->x + last->width <= W + 1e-6);
			/* the width leaves the hanging quote out */
			CHECK_NEAR(l->width, last->x + last->width - l->pieces[0].x - (quote ? q : 0), 1e-6);
		}
		for (int a = 0; a < 2; a++) {
			folio_align align = a ? FOLIO_ALIGN_RIGHT : FOLIO_ALIGN_CENTER;
			p = set(text, W, align);
			for (size_t i = 0; i < p.nlines; i++) {
				const folio_line *l = &p.lines[i];
				const folio_piece *last = &l->pieces[l->npieces - 1];
				CHECK(l->pieces[0].x >= -1e-9 && last->x + last->width <= W + 1e-6);
			}
		}
	}
	CHECK(hung >= 1);
}

/* Is the last line one word (a fragment when the line before is
 * hyphenated)? */
static bool single_word(const folio_line *l)
{
	for (size_t j = 1; j < l->npieces; j++)
		if (l->pieces[j].x > l->pieces[j - 1].x + l->pieces[j - 1].width + GAP_EM * 9)
			return false;
	return true;
}

static void test_last_word(void)
{
	const char *text = read_fixture("last-word-en.txt");
	int split = 0, tried = 0, hyphens = 0;
	for (double W = 90; W <= 220; W += 1) {
		folio_para p = set(text, W, FOLIO_ALIGN_JUSTIFY);
		if (p.nlines < 2)
			continue;
		tried++;
		for (size_t i = 0; i < p.nlines; i++)
			hyphens += p.lines[i].hyphenated;
		if (p.lines[p.nlines - 2].hyphenated && single_word(&p.lines[p.nlines - 1])) {
			split++;
			if (getenv("VERBOSE"))
				printf("width %.0f: the last word is split\n", W);
		}
	}
	CHECK(tried > 100);
	CHECK(hyphens > 20); /* hyphenation is on elsewhere */
	CHECK(split == 0);
}

static void test_no_hyphen_lines(void)
{
	const char *text = read_fixture("paragraph-en.txt");
	size_t banned[64], nb = 0;
	folio_para p = set(text, 110, FOLIO_ALIGN_JUSTIFY);
	for (size_t i = 0; i < p.nlines && nb < 64; i++)
		if (p.lines[i].hyphenated)
			banned[nb++] = i;
	CHECK(nb >= 2);
	folio_para q = set_spec(text, 110, FOLIO_ALIGN_JUSTIFY, banned, nb);
	CHECK(q.nlines > 0);
	for (size_t k = 0; k < nb; k++)
		CHECK(banned[k] >= q.nlines || !q.lines[banned[k]].hyphenated);
}

/* Does the line end with a hyphen or a dash it was broken after? */
static bool ends_hyphen(const folio_line *l)
{
	if (l->hyphenated)
		return true;
	const folio_piece *last = &l->pieces[l->npieces - 1];
	double adv;
	uint32_t cp = last_char(last, &adv);
	return cp == '-' || cp == 0x2013 || cp == 0x2014;
}

static void test_hyphen_run(void)
{
	const char *text = read_fixture("paragraph-en.txt");
	int hyphenated = 0, pairs = 0;
	for (double W = 70; W <= 160; W += 1) {
		folio_para p = set(text, W, FOLIO_ALIGN_JUSTIFY);
		int run = 0;
		for (size_t i = 0; i + 1 < p.nlines; i++) {
			run = ends_hyphen(&p.lines[i]) ? run + 1 : 0;
			hyphenated += run > 0;
			pairs += run == 2;
			CHECK(run <= 2);
		}
	}
	CHECK(hyphenated > 50);
	CHECK(pairs > 0); /* two in a row do happen: the limit is what holds */
}

/* Letters in the last word of a line (0 when it ends with something else). */
static int last_word_letters(const char *t)
{
	size_t n = strlen(t), i = n;
	int letters = 0;
	while (i > 0 && t[i - 1] != ' ') {
		i--;
		if (((unsigned char)t[i] & 0xC0) != 0x80)
			letters++;
	}
	return letters;
}

/* Russian: no line ends with a one- or two-letter word, and digit groups
 * of numbers of five digits or more stay together, with a thin gap. */
static void test_ties(void)
{
	const char *text = read_fixture("ties-ru.txt");
	static folio_span span;
	span = (folio_span){.text = text, .len = strlen(text), .face = serif, .size = 9};
	int lines = 0;
	for (double W = 90; W <= 200; W += 3) {
		folio_para_spec spec = {.spans = &span,
		                        .nspans = 1,
		                        .width = W,
		                        .align = FOLIO_ALIGN_JUSTIFY,
		                        .hyph = ru,
		                        .hyphen_left = 2,
		                        .hyphen_right = 3};
		folio_para p;
		CHECK(folio_para_set(ctx, &spec, &p));
		for (size_t i = 0; i + 1 < p.nlines; i++) {
			const char *t = line_text(&p.lines[i]);
			lines++;
			size_t n = strlen(t);
			CHECK(p.lines[i].hyphenated || last_word_letters(t) > 2 ||
			      (n && !(t[n - 1] & 0x80)));
			/* a line never ends inside "12 500" */
			const char *next = line_text(&p.lines[i + 1]);
			CHECK(!(n && t[n - 1] >= '0' && t[n - 1] <= '9' && next[0] >= '0' &&
			        next[0] <= '9'));
		}
		/* the groups' gap is a thin space, not a stretched one */
		for (size_t i = 0; i < p.nlines; i++) {
			const folio_line *l = &p.lines[i];
			for (size_t j = 1; j < l->npieces; j++) {
				const folio_piece *a = &l->pieces[j - 1], *b = &l->pieces[j];
				double gap = b->x - (a->x + a->width);
				if (gap > GAP_EM * 9 && a->len && b->len >= 3 &&
				    a->text[a->len - 1] >= '0' && a->text[a->len - 1] <= '9' &&
				    b->text[0] >= '0' && b->text[0] <= '9')
					CHECK_NEAR(gap, 9.0 / 6, 1e-6);
			}
		}
	}
	CHECK(lines > 100);
}

/* Stretched justified lines space their letters a little, evenly, and by
 * no more than 0.05em; shrunk lines tighten them, evenly, by 0.02em at most,
 * and their word spaces keep two thirds of the font's space (TeX's rule:
 * the rest of the squeeze is the letters'); ragged lines do neither. */
static void test_letter_spacing(void)
{
	const char *text = read_fixture("paragraph-en.txt");
	double space = folio_face_measure(serif, " ", 1, 9);
	int spaced = 0, tight = 0;
	for (double W = 150; W <= 200; W += 5) {
		folio_para p = set(text, W, FOLIO_ALIGN_JUSTIFY);
		for (size_t i = 0; i + 1 < p.nlines; i++) {
			const folio_line *l = &p.lines[i];
			/* the letter spacing is every piece's tracking (PDF's Tc),
			 * and the gap after each piece within a word */
			double first = l->npieces ? l->pieces[0].tracking : 0;
			bool uneven = false;
			double narrowest = INFINITY;
			for (size_t j = 0; j < l->npieces; j++) {
				const folio_piece *b = &l->pieces[j];
				/* a hyphen follows its letter without letter space */
				bool hyphen = j + 1 == l->npieces && b->len == 1 && b->text[0] == '-';
				if (!hyphen)
					uneven |= fabs(b->tracking - first) > 1e-9;
				if (j == 0)
					continue;
				const folio_piece *a = &l->pieces[j - 1];
				double g = b->x - (a->x + a->width);
				if (g > GAP_EM * 9) {
					narrowest = fmin(narrowest, g); /* a word space */
					continue;
				}
				uneven |= fabs(g - (hyphen ? 0 : a->tracking)) > 1e-9;
			}
			CHECK(first < 0.05 * 9);
			CHECK(first > -0.02 * 9 - 1e-9);
			CHECK(!uneven);
			if (l->ratio > 0.05)
				spaced += first > 1e-6;
			if (l->ratio < -0.05) {
				tight += first < -1e-6;
				CHECK(first < 0);
				CHECK(narrowest >= space * 2 / 3 - 1e-6);
			}
		}
	}
	CHECK(spaced > 20);
	CHECK(tight > 5);
	/* ragged lines keep their letters */
	folio_para p = set(text, 150, FOLIO_ALIGN_LEFT);
	for (size_t i = 0; i < p.nlines; i++)
		for (size_t j = 0; j < p.lines[i].npieces; j++)
			CHECK(p.lines[i].pieces[j].tracking == 0);
}

/* Balanced ragged lines (headlines): as many lines as without balance,
 * of more even length, the last no longer a lone word; justified text is
 * left alone. */
static folio_para set_balanced(const char *text, double width, folio_align align, bool balance)
{
	static folio_span span;
	span = (folio_span){.text = text, .len = strlen(text), .face = serif, .size = 20};
	folio_para_spec spec = {
	    .spans = &span, .nspans = 1, .width = width, .align = align, .balance = balance};
	folio_para p;
	if (!folio_para_set(ctx, &spec, &p))
		memset(&p, 0, sizeof p);
	return p;
}

static void test_balance(void)
{
	const char *text = "Experts from EU and CA exchanged views regarding drug situation";
	int evened = 0;
	for (double W = 200; W <= 620; W += 10) {
		folio_para plain = set_balanced(text, W, FOLIO_ALIGN_LEFT, false);
		folio_para even = set_balanced(text, W, FOLIO_ALIGN_LEFT, true);
		CHECK(even.nlines == plain.nlines && plain.nlines > 0);
		if (even.nlines != plain.nlines || !plain.nlines)
			continue;
		for (size_t i = 0; i < even.nlines; i++)
			CHECK(even.lines[i].width <= W + 1e-6);
		if (plain.nlines == 2) {
			double dp = fabs(plain.lines[0].width - plain.lines[1].width);
			double de = fabs(even.lines[0].width - even.lines[1].width);
			CHECK(de <= dp + 1e-6);
			/* "situation" alone under a full line, then evened out */
			if (plain.lines[1].width < 0.35 * plain.lines[0].width) {
				CHECK(even.lines[1].width > 0.6 * even.lines[0].width);
				evened++;
			}
		}
	}
	CHECK(evened >= 2);
	/* one line stays one line; justified text does not balance */
	CHECK(set_balanced(text, 800, FOLIO_ALIGN_LEFT, true).nlines == 1);
	folio_para j0 = set_balanced(text, 330, FOLIO_ALIGN_JUSTIFY, false);
	double last0 = j0.nlines ? j0.lines[j0.nlines - 1].width : -1;
	folio_para j1 = set_balanced(text, 330, FOLIO_ALIGN_JUSTIFY, true);
	CHECK(j1.nlines == j0.nlines && j1.nlines && fabs(j1.lines[j1.nlines - 1].width - last0) < 1e-9);
}

/* Code spans (folio_span.code): never hyphenated, however narrow the
 * column, and their spaces rigid, however the line around them stretches
 * or shrinks (TeX's typewriter fonts have no stretch either). */
static void test_code(folio_face *mono)
{
	static const char *const code = "configuration management subsystem";
	folio_span spans[3] = {
	    {.text = "The administrators changed the ", .face = serif, .size = 9},
	    {.text = code, .face = mono, .size = 8.1, .code = true},
	    {.text = " settings yesterday afternoon without any announcement whatsoever.",
	     .face = serif, .size = 9},
	};
	for (int i = 0; i < 3; i++)
		spans[i].len = strlen(spans[i].text);
	double space = folio_face_measure(mono, " ", 1, 8.1);
	int code_gaps = 0, serif_hyphens = 0;
	for (double W = 70; W <= 200; W += 2) {
		folio_para_spec spec = {.spans = spans, .nspans = 3, .width = W,
		                        .align = FOLIO_ALIGN_JUSTIFY, .hyph = en,
		                        .hyphen_left = 2, .hyphen_right = 3, .lang = "en"};
		folio_para p;
		CHECK(folio_para_set(ctx, &spec, &p));
		for (size_t i = 0; i < p.nlines; i++) {
			const folio_line *l = &p.lines[i];
			const folio_piece *last = &l->pieces[l->npieces - 1];
			if (l->hyphenated) {
				/* the hyphen follows a serif word, never a code one */
				CHECK(last->face == serif);
				serif_hyphens += last->face == serif;
			}
			for (size_t j = 1; j < l->npieces; j++) {
				const folio_piece *a = &l->pieces[j - 1], *b = &l->pieces[j];
				double g = b->x - (a->x + a->width);
				if (a->face != mono || b->face != mono || g < GAP_EM * 8.1)
					continue;
				CHECK_NEAR(g, space, 1e-6); /* a space inside the code */
				code_gaps++;
			}
		}
	}
	CHECK(code_gaps > 20);
	CHECK(serif_hyphens > 5); /* the words around it do hyphenate */
}

int main(void)
{
	ctx = folio_ctx_new();
	fonts = folio_fonts_new();
	serif = load_face(ctx, fonts, "PTSerif-Regular.ttf");
	en = folio_hyph_load(ctx, "en", FOLIO_NOWHERE);
	ru = folio_hyph_load(ctx, "ru", FOLIO_NOWHERE);
	CHECK(en != NULL && ru != NULL);

	test_protrusion();
	test_last_word();
	test_no_hyphen_lines();
	test_hyphen_run();
	test_ties();
	test_letter_spacing();
	test_balance();
	folio_face *mono = load_face(ctx, fonts, "PTMono-Regular.ttf");
	CHECK(mono != NULL);
	if (mono)
		test_code(mono);

	folio_hyph_drop(en);
	folio_hyph_drop(ru);
	folio_fonts_drop(fonts);
	folio_ctx_drop(ctx);
	CHECK_DONE();
}
