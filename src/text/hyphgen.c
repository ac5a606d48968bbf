/* hyphgen.c: the build-time program that compiles hyphenation patterns into
 * folio. It loads each .dic file as folio would have at run time
 * (hyphdic.c) and writes libhyphen's automaton as constant C arrays
 * (hyph_data.h), so a build pays nothing to read the patterns.
 *
 *     hyphgen OUT.c HEADER LANG FILE [LANG FILE]...
 */
#include "hyphdic.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *check(void *p)
{
	if (!p) {
		fputs("hyphgen: out of memory\n", stderr);
		exit(1);
	}
	return p;
}

/* A level's strings, each stored once: states share most of theirs. */
typedef struct {
	unsigned char *bytes;
	size_t len, cap;
	int32_t *slots; /* offsets + 1; 0: empty */
	size_t nslots, used;
} blob;

static uint64_t hash(const unsigned char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 0x100000001b3u;
	return h;
}

static void blob_append(blob *b, const void *s, size_t n)
{
	if (b->len + n > b->cap) {
		while (b->len + n > b->cap)
			b->cap = b->cap ? b->cap * 2 : 4096;
		b->bytes = check(realloc(b->bytes, b->cap));
	}
	memcpy(b->bytes + b->len, s, n);
	b->len += n;
}

static bool blob_is(const blob *b, int32_t off, const char *s, size_t n)
{
	return !memcmp(b->bytes + off, s, n + 1);
}

/* The offset of s (with its NUL) in b, adding it when new. */
static int32_t blob_string(blob *b, const char *s)
{
	if (!s)
		return -1;
	size_t n = strlen(s);
	if ((b->used + 1) * 2 > b->nslots) {
		size_t old = b->nslots;
		int32_t *slots = b->slots;
		b->nslots = old ? old * 2 : 1024;
		b->slots = check(calloc(b->nslots, sizeof *b->slots));
		for (size_t i = 0; i < old; i++) {
			if (!slots[i])
				continue;
			const unsigned char *t = b->bytes + slots[i] - 1;
			size_t j = hash(t, strlen((const char *)t)) & (b->nslots - 1);
			while (b->slots[j])
				j = (j + 1) & (b->nslots - 1);
			b->slots[j] = slots[i];
		}
		free(slots);
	}
	size_t j = hash((const unsigned char *)s, n) & (b->nslots - 1);
	while (b->slots[j]) {
		if (blob_is(b, b->slots[j] - 1, s, n))
			return b->slots[j] - 1;
		j = (j + 1) & (b->nslots - 1);
	}
	int32_t off = (int32_t)b->len;
	blob_append(b, s, n + 1);
	b->slots[j] = off + 1;
	b->used++;
	return off;
}

/* Numbers separated by commas, about 100 columns a line. */
typedef struct {
	FILE *out;
	int col;
} writer;

static void put(writer *w, const char *item)
{
	int n = (int)strlen(item);
	if (w->col + n > 98) {
		fputc('\n', w->out);
		w->col = 0;
	}
	if (!w->col) {
		fputc('\t', w->out);
		w->col = 8;
	}
	fputs(item, w->out);
	fputc(',', w->out);
	w->col += n + 1;
}

static void end_array(writer *w)
{
	fputs(w->col ? "\n};\n" : "};\n", w->out);
	w->col = 0;
}

static void put_c_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 32 || c > 126)
			fprintf(out, "\\%03o", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

static bool write_level(FILE *out, const HyphenDict *d, int lang, int level)
{
	writer w = {out, 0};
	blob strings = {0};
	char item[128];
	if (d->nohyphen) {
		/* nohyphenl + 1 strings in a row, as libhyphen keeps them, at
		 * offset 0 (write_level_entry) */
		const char *s = d->nohyphen;
		for (int i = 0; i <= d->nohyphenl; i++) {
			blob_append(&strings, s, strlen(s) + 1);
			s += strlen(s) + 1;
		}
	}
	int32_t *match = check(calloc((size_t)d->num_states + 1, sizeof *match));
	int32_t *repl = check(calloc((size_t)d->num_states + 1, sizeof *repl));
	for (int i = 0; i < d->num_states; i++) {
		match[i] = blob_string(&strings, d->states[i].match);
		repl[i] = blob_string(&strings, d->states[i].repl);
	}
	if (!strings.len)
		blob_append(&strings, "", 1);

	fprintf(out, "\nstatic const unsigned char folio_hyph_strings_%d_%d[] = {\n", lang, level);
	for (size_t i = 0; i < strings.len; i++) {
		snprintf(item, sizeof item, "%u", strings.bytes[i]);
		put(&w, item);
	}
	end_array(&w);

	fprintf(out, "\nstatic const HyphenTrans folio_hyph_trans_%d_%d[] = {\n", lang, level);
	long ntrans = 0;
	for (int i = 0; i < d->num_states; i++) {
		const HyphenState *s = &d->states[i];
		for (int k = 0; k < s->num_trans; k++) {
			if (s->trans[k].new_state < 0 || s->trans[k].new_state >= d->num_states) {
				fprintf(stderr, "hyphgen: state %d leads out of the automaton\n",
				        i);
				return false;
			}
			snprintf(item, sizeof item, "{%d, %d}", (int)(signed char)s->trans[k].ch,
			         s->trans[k].new_state);
			put(&w, item);
			ntrans++;
		}
	}
	if (!ntrans)
		put(&w, "{0, 0}");
	end_array(&w);

	fprintf(out,
	        "\n/* match, repl, fallback, first transition, transitions, replindex, "
	        "replcut */\n"
	        "static const folio_hyph_state_data folio_hyph_states_%d_%d[] = {\n",
	        lang, level);
	long first = 0;
	for (int i = 0; i < d->num_states; i++) {
		const HyphenState *s = &d->states[i];
		if (s->fallback_state < -1 || s->fallback_state >= d->num_states) {
			fprintf(stderr, "hyphgen: state %d falls back out of the automaton\n", i);
			return false;
		}
		/* libhyphen reads replindex and replcut only with a repl, and
		 * leaves them unset in some states without: 0 keeps the output
		 * the same from one run to the next */
		snprintf(item, sizeof item, "{%d, %d, %d, %ld, %d, %d, %d}", match[i], repl[i],
		         s->fallback_state, first, s->num_trans, s->repl ? s->replindex : 0,
		         s->repl ? s->replcut : 0);
		put(&w, item);
		first += s->num_trans;
	}
	end_array(&w);
	free(match);
	free(repl);
	free(strings.bytes);
	free(strings.slots);
	return true;
}

static void write_level_entry(FILE *out, const HyphenDict *d, int lang, int level, int32_t nohyphen)
{
	fprintf(out, "\t{%d, %d, %d, %d, %d, %d, %d, %d, ", d->lhmin, d->rhmin, d->clhmin,
	        d->crhmin, nohyphen, d->nohyphenl, d->utf8, d->num_states);
	char cset[MAX_NAME + 1];
	memcpy(cset, d->cset, MAX_NAME);
	cset[MAX_NAME] = 0;
	put_c_string(out, cset);
	fprintf(out,
	        ",\n\t    folio_hyph_states_%d_%d, folio_hyph_trans_%d_%d, "
	        "folio_hyph_strings_%d_%d},\n",
	        lang, level, lang, level, lang, level);
}

int main(int argc, char **argv)
{
	if (argc < 5 || (argc - 3) % 2) {
		fputs("usage: hyphgen OUT.c HEADER LANG FILE [LANG FILE]...\n", stderr);
		return 2;
	}
	int nlangs = (argc - 3) / 2;
	HyphenDict **dicts = check(calloc((size_t)nlangs, sizeof *dicts));
	for (int l = 0; l < nlangs; l++) {
		const char *file = argv[3 + 2 * l + 1];
		dicts[l] = folio_hyphdic_load(file);
		if (!dicts[l]) {
			fprintf(stderr, "hyphgen: cannot load the hyphenation patterns %s\n", file);
			return 1;
		}
	}
	FILE *out = fopen(argv[1], "w");
	if (!out) {
		perror(argv[1]);
		return 1;
	}
	fputs("/* hyph_data.c: generated by hyphgen.c from", out);
	for (int l = 0; l < nlangs; l++)
		fprintf(out, " %s", argv[3 + 2 * l + 1]);
	fputs("; do not edit. */\n#include ", out);
	put_c_string(out, argv[2]);
	fputc('\n', out);
	for (int l = 0; l < nlangs; l++) {
		int level = 0;
		for (const HyphenDict *d = dicts[l]; d; d = d->nextlevel, level++)
			if (!write_level(out, d, l, level))
				return 1;
		fprintf(out, "\nstatic const folio_hyph_level_data folio_hyph_levels_%d[] = {\n",
		        l);
		level = 0;
		for (const HyphenDict *d = dicts[l]; d; d = d->nextlevel, level++)
			/* nohyphen, when there is one, opens the level's strings */
			write_level_entry(out, d, l, level, d->nohyphen ? 0 : -1);
		fputs("};\n", out);
	}
	fputs("\nconst folio_hyph_data folio_hyph_compiled[] = {\n", out);
	for (int l = 0; l < nlangs; l++) {
		int nlevels = 0;
		for (const HyphenDict *d = dicts[l]; d; d = d->nextlevel)
			nlevels++;
		fputs("\t{", out);
		put_c_string(out, argv[3 + 2 * l]);
		fputs(", ", out);
		put_c_string(out, argv[3 + 2 * l + 1]);
		fprintf(out, ", %d, folio_hyph_levels_%d},\n", nlevels, l);
	}
	fprintf(out, "};\nconst int folio_hyph_ncompiled = %d;\n", nlangs);
	for (int l = 0; l < nlangs; l++)
		hnj_hyphen_free(dicts[l]);
	free(dicts);
	if (fclose(out)) {
		perror(argv[1]);
		return 1;
	}
	return 0;
}
