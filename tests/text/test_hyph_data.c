/* test_hyph_data.c: the patterns compiled into folio (hyph_data.c, written
 * by hyphgen at build time) are the .dic files: the same automaton state by
 * state, and the same hyphenation of every word of the samples, the text
 * fixtures and a Russian word list, against the file loaded at run time
 * (hyphdic.c, as folio did before the patterns were compiled in). */
#include "../check.h"
#include "folio_config.h"
#include "text/hyph_data.h"
#include "text/hyphdic.h"
#include "text/text_int.h"

#include <glob.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

static bool same_str(const char *a, const char *b)
{
	return !a || !b ? a == b : !strcmp(a, b);
}

/* State by state; replindex/replcut only count beside a repl (libhyphen
 * leaves them unset elsewhere and never reads them). */
static void check_same_automaton(const HyphenDict *got, const HyphenDict *want)
{
	int level = 0;
	for (; got && want; got = got->nextlevel, want = want->nextlevel, level++) {
		CHECK(got->lhmin == want->lhmin);
		CHECK(got->rhmin == want->rhmin);
		CHECK(got->clhmin == want->clhmin);
		CHECK(got->crhmin == want->crhmin);
		CHECK(got->utf8 == want->utf8);
		CHECK(!strncmp(got->cset, want->cset, MAX_NAME));
		CHECK(got->nohyphenl == want->nohyphenl);
		CHECK(!got->nohyphen == !want->nohyphen);
		if (got->nohyphen && want->nohyphen) {
			const char *g = got->nohyphen, *w = want->nohyphen;
			for (int i = 0; i <= want->nohyphenl; i++) {
				CHECK(!strcmp(g, w));
				g += strlen(g) + 1;
				w += strlen(w) + 1;
			}
		}
		CHECK(got->num_states == want->num_states);
		if (got->num_states != want->num_states)
			continue;
		int bad = 0;
		for (int i = 0; i < want->num_states && bad < 5; i++) {
			const HyphenState *g = &got->states[i], *w = &want->states[i];
			bool same = same_str(g->match, w->match) && same_str(g->repl, w->repl) &&
			            g->fallback_state == w->fallback_state &&
			            g->num_trans == w->num_trans;
			if (same && w->repl)
				same = g->replindex == w->replindex && g->replcut == w->replcut;
			for (int k = 0; same && k < w->num_trans; k++)
				same = g->trans[k].ch == w->trans[k].ch &&
				       g->trans[k].new_state == w->trans[k].new_state;
			if (!same) {
				fprintf(stderr, "level %d state %d differs\n", level, i);
				bad++;
			}
		}
		CHECK(bad == 0);
	}
	CHECK(!got && !want); /* as many levels */
}

typedef struct {
	long words, points, differ;
} tally;

static void hyphenate(HyphenDict *d, const char *w, int n, char *hyphens, char ***rep, int **pos,
                      int **cut)
{
	memset(hyphens, 'x', (size_t)n + 5);
	*rep = NULL;
	*pos = NULL;
	*cut = NULL;
	hnj_hyphen_hyphenate2(d, w, n, hyphens, NULL, rep, pos, cut);
}

static void drop(char **rep, int *pos, int *cut, int n)
{
	if (rep)
		for (int i = 0; i < n; i++)
			free(rep[i]);
	free(rep);
	free(pos);
	free(cut);
}

/* One word (in the dictionary's encoding) through both automata. */
static void compare_word(HyphenDict *got, HyphenDict *want, const char *w, int n, tally *t)
{
	char hg[256], hw[256];
	char **rg, **rw;
	int *pg, *pw, *cg, *cw;
	hyphenate(got, w, n, hg, &rg, &pg, &cg);
	hyphenate(want, w, n, hw, &rw, &pw, &cw);
	bool same = !memcmp(hg, hw, (size_t)n + 1) && !rg == !rw && !pg == !pw && !cg == !cw;
	for (int i = 0; same && rg && i < n; i++)
		same = same_str(rg[i], rw[i]) && (!pg || pg[i] == pw[i]) && (!cg || cg[i] == cw[i]);
	t->words++;
	for (int i = 0; i < n; i++)
		t->points += hw[i] & 1;
	if (!same && t->differ++ < 10)
		fprintf(stderr, "'%.*s': compiled %.*s, file %.*s\n", n, w, n, hg, n, hw);
	drop(rg, pg, cg, n);
	drop(rw, pw, cw, n);
}

/* w[0, n) as the C string libhyphen also reads it as. */
static void compare_piece(HyphenDict *got, HyphenDict *want, const char *w, int n, tally *t)
{
	char buf[128];
	memcpy(buf, w, (size_t)n);
	buf[n] = 0;
	compare_word(got, want, buf, n, t);
}

/* The word, its prefixes and its suffixes: every path the automaton takes
 * from the word's start and to its end. */
static void compare_all(HyphenDict *got, HyphenDict *want, const char *w, int n, tally *t)
{
	for (int len = 1; len <= n; len++) {
		/* whole characters only: libhyphen refuses broken UTF-8 */
		if (!want->utf8 || len == n || (w[len] & 0xC0) != 0x80)
			compare_piece(got, want, w, len, t);
		if (len < n && (!want->utf8 || (w[n - len] & 0xC0) != 0x80))
			compare_piece(got, want, w + n - len, len, t);
	}
}

typedef struct {
	const char *lang;
	HyphenDict *got, *want;
	iconv_t cd; /* UTF-8 -> the dictionary's charset, or (iconv_t)-1 */
	tally t;
} pair;

static void compare_utf8(pair *p, const char *w, size_t n)
{
	char enc[128];
	const char *word = w;
	size_t len = n;
	if (p->cd != (iconv_t)-1) {
		char *in = (char *)w, *out = enc;
		size_t inleft = n, outleft = sizeof enc - 1;
		iconv(p->cd, NULL, NULL, NULL, NULL);
		if (iconv(p->cd, &in, &inleft, &out, &outleft) == (size_t)-1)
			return; /* a letter the charset lacks: folio skips it too */
		len = sizeof enc - 1 - outleft;
		word = enc;
	}
	if (len >= 96)
		return;
	char z[128];
	memcpy(z, word, len);
	z[len] = 0;
	compare_all(p->got, p->want, z, (int)len, &p->t);
}

static bool is_inner(uint32_t cp)
{
	return cp == '-' || cp == '\'' || cp == 0x2019 || cp == 0x2013;
}

/* Every word of a file, lower-cased as folio_hyph_word does; with its
 * inner hyphens and apostrophes too, which the first level handles. */
static void compare_file(pair *pairs, size_t npairs, const char *path)
{
	size_t len = 0;
	char *text = NULL;
	FILE *f = fopen(path, "rb");
	CHECK(f != NULL);
	if (!f)
		return;
	fseek(f, 0, SEEK_END);
	len = (size_t)ftell(f);
	fseek(f, 0, SEEK_SET);
	text = malloc(len + 1);
	CHECK(fread(text, 1, len, f) == len);
	fclose(f);
	char word[256];
	size_t n = 0, i = 0;
	while (i <= len) {
		uint32_t cp = i < len ? folio_utf8_next(text, len, &i) : (i++, 0);
		if (folio_is_letter(cp) || folio_is_mark(cp) || (n && is_inner(cp))) {
			if (n + 4 < sizeof word)
				n += folio_utf8_put(folio_lower(cp), word + n);
			continue;
		}
		/* trailing punctuation is no part of the word */
		while (n && (word[n - 1] == '-' || word[n - 1] == '\''))
			n--;
		if (n)
			for (size_t k = 0; k < npairs; k++)
				compare_utf8(&pairs[k], word, n);
		n = 0;
	}
	free(text);
}

int main(void)
{
	const char *root = getenv("SOURCE_ROOT");
	if (!root)
		root = ".";
	CHECK(folio_hyph_ncompiled == 2);
	CHECK(folio_hyph_data_for("en") == &folio_hyph_compiled[0]);
	CHECK(folio_hyph_data_for("en-GB") == &folio_hyph_compiled[0]);
	CHECK(folio_hyph_data_for("ru_RU") == &folio_hyph_compiled[1]);
	CHECK(folio_hyph_data_for("kk") == NULL);

	pair pairs[8];
	size_t npairs = 0;
	for (int i = 0; i < folio_hyph_ncompiled && npairs < 8; i++) {
		const folio_hyph_data *d = &folio_hyph_compiled[i];
		/* the file as the build read it, from the directory it names */
		const char *base = strrchr(d->file, '/');
		char path[1024];
		snprintf(path, sizeof path, "%s/%s", FOLIO_HYPHEN_DIR, base ? base + 1 : d->file);
		HyphenDict *want = folio_hyphdic_load(path);
		CHECK(want != NULL);
		if (!want)
			continue;
		HyphenDict *got = folio_hyph_dict_new(d);
		check_same_automaton(got, want);
		iconv_t cd = (iconv_t)-1;
		if (!want->utf8) {
			char cset[MAX_NAME + 1];
			snprintf(cset, sizeof cset, "%s", want->cset);
			cset[strcspn(cset, " \t\r\n")] = 0;
			cd = iconv_open(cset, "UTF-8");
			CHECK(cd != (iconv_t)-1);
		}
		pairs[npairs++] = (pair){d->lang, got, want, cd, {0, 0, 0}};
	}

	const char *patterns[] = {"samples/*/articles/*.md", "tests/text/fixtures/*.txt",
	                          "tests/golden-fixtures/*/issue.yaml",
	                          "tests/golden-fixtures/*/articles/*.md"};
	size_t nfiles = 0;
	for (size_t k = 0; k < sizeof patterns / sizeof *patterns; k++) {
		char pat[1024];
		snprintf(pat, sizeof pat, "%s/%s", root, patterns[k]);
		glob_t g;
		if (glob(pat, 0, NULL, &g))
			continue;
		for (size_t i = 0; i < g.gl_pathc; i++, nfiles++)
			compare_file(pairs, npairs, g.gl_pathv[i]);
		globfree(&g);
	}
	CHECK(nfiles >= 16);

	for (size_t k = 0; k < npairs; k++) {
		tally *t = &pairs[k].t;
		printf("%s: %ld words (prefixes and suffixes included), %ld points, %ld differ\n",
		       pairs[k].lang, t->words, t->points, t->differ);
		CHECK(t->differ == 0);
		/* not vacuous: many words, many points */
		CHECK(t->words > 10000);
		CHECK(t->points > 1000);
		folio_hyph_dict_free(pairs[k].got);
		hnj_hyphen_free(pairs[k].want);
		if (pairs[k].cd != (iconv_t)-1)
			iconv_close(pairs[k].cd);
	}
	CHECK(npairs == 2);
	CHECK_DONE();
}
