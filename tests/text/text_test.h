/* text_test.h: what the text stage's tests share: fonts and fixtures from
 * the source tree, diagnostics to look for, lines back as strings. */
#ifndef FOLIO_TEXT_TEST_H
#define FOLIO_TEXT_TEST_H

#include "../check.h"
#include "text/text.h"

#include <math.h>
#include <stdlib.h>

static inline const char *source_path(const char *rel)
{
	static char path[4][4096];
	static int turn;
	const char *root = getenv("SOURCE_ROOT");
	char *p = path[turn++ & 3];
	snprintf(p, sizeof path[0], "%s/%s", root ? root : ".", rel);
	return p;
}

static inline folio_face *load_face(folio_ctx *ctx, folio_fonts *fonts, const char *file)
{
	char rel[256];
	snprintf(rel, sizeof rel, "fonts/%s", file);
	folio_face *f = folio_fonts_load(ctx, fonts, source_path(rel));
	if (!f) {
		fprintf(stderr, "cannot load %s (is SOURCE_ROOT set?)\n", rel);
		exit(1);
	}
	return f;
}

/* The first diagnostic of ctx containing `needle`, or NULL. */
static inline const char *find_diag(const folio_ctx *ctx, const char *needle)
{
	for (size_t i = 0; i < ctx->ndiags; i++)
		if (strstr(ctx->diags[i].text, needle))
			return ctx->diags[i].text;
	return NULL;
}

/* Letters of a stretched justified line are spaced by up to about 0.05em;
 * the narrowest space (U+200A) is 1/12 em: a gap wider than this is a space. */
#define GAP_EM 0.07

/* A line's text: pieces joined, with one space where there is a gap. */
static inline const char *line_text(const folio_line *l)
{
	static char buf[4096];
	size_t n = 0;
	double x = l->npieces ? l->pieces[0].x : 0;
	for (size_t i = 0; i < l->npieces && n + l->pieces[i].len + 2 < sizeof buf; i++) {
		const folio_piece *p = &l->pieces[i];
		if (i && p->x > x + GAP_EM * p->size)
			buf[n++] = ' ';
		memcpy(buf + n, p->text, p->len);
		n += p->len;
		x = p->x + p->width;
	}
	buf[n] = 0;
	return buf;
}

/* The fixture's text (trailing newlines cut), in one of four static buffers. */
static inline char *read_fixture(const char *name)
{
	static char bufs[4][1 << 16];
	static int turn;
	char *buf = bufs[turn++ & 3];
	char rel[256];
	snprintf(rel, sizeof rel, "tests/text/fixtures/%s", name);
	FILE *f = fopen(source_path(rel), "rb");
	if (!f) {
		fprintf(stderr, "cannot read fixture %s\n", rel);
		exit(1);
	}
	size_t n = fread(buf, 1, sizeof bufs[0] - 1, f);
	fclose(f);
	buf[n] = 0;
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = 0;
	return buf;
}

#endif
