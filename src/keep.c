/* keep.c: fonts, hyphenation patterns and pictures made smaller kept from
 * one build to the next (folio watch). What they hold is what a build
 * would make again from the same files: the faces with the words shaped
 * in them, the patterns with the words hyphenated, a picture's pixels at
 * the size an edition needs where it is drawn. A face is read again once its
 * file changes; the patterns are compiled into folio and never change; a
 * picture is known by its bytes, so another file's or a changed file's are
 * never taken for it. Warnings belong to a build, so a language without
 * patterns is not kept: each build that asks for it warns again. */
#include "keep.h"

#include "pdf/pdf.h"

#include <stdlib.h>
#include <string.h>

/* An issue has one language; a designer switching between a few keeps them
 * all, and more than this start over. */
#define FOLIO_KEEP_LANGS 8

/* A picture made smaller (folio_picture_fit): what it was made from (the digest and
 * length of the file's bytes, the size asked, the part shown) and what was
 * made. */
typedef struct {
	uint64_t lanes[4];
	size_t len;
	uint32_t w, h;
	folio_picture_part seen;
	uint32_t pixels_width, pixels_height;
	bool pixels_cut;
	folio_picture_part pixels_part;
	unsigned char *pixels, *alpha;
	bool used; /* asked for by the build under way */
} folio_kept_fit;

struct folio_keep {
	folio_fonts *fonts;
	folio_hyph *hyph[FOLIO_KEEP_LANGS];
	int nhyph;
	folio_kept_fit *fits;
	size_t nfits, capfits;
	folio_pdf_packs *packs; /* the pictures compressed (pdf/pack.c) */
};

folio_keep *folio_keep_new(void)
{
	return folio_xcalloc(1, sizeof(folio_keep));
}

void folio_keep_drop(folio_keep *keep)
{
	if (!keep)
		return;
	for (int i = 0; i < keep->nhyph; i++)
		folio_hyph_drop(keep->hyph[i]);
	folio_fonts_drop(keep->fonts);
	folio_keep_fits_begin(keep);
	folio_keep_fits_end(keep);
	free(keep->fits);
	folio_pdf_packs_drop(keep->packs);
	free(keep);
}

folio_fonts *folio_keep_fonts(folio_keep *keep)
{
	if (!keep->fonts)
		keep->fonts = folio_fonts_new();
	else
		folio_fonts_forget_changed(keep->fonts);
	return keep->fonts;
}

folio_hyph *folio_keep_hyph(folio_ctx *ctx, folio_keep *keep, const char *lang, folio_loc loc)
{
	if (!lang || !*lang)
		lang = "en"; /* as folio_hyph_load reads it */
	for (int i = 0; i < keep->nhyph; i++)
		if (!strcmp(folio_hyph_lang(keep->hyph[i]), lang))
			return keep->hyph[i];
	folio_hyph *h = folio_hyph_load(ctx, lang, loc);
	if (!h)
		return NULL;
	if (keep->nhyph == FOLIO_KEEP_LANGS) {
		for (int i = 0; i < keep->nhyph; i++)
			folio_hyph_drop(keep->hyph[i]);
		keep->nhyph = 0;
	}
	keep->hyph[keep->nhyph++] = h;
	return h;
}

/* The bytes a picture's pixels are made from: a PNG's or a JPEG's file,
 * kept undecoded; false for one decoded when it was read. */
static bool fit_source(const folio_picture *pic, uint64_t lanes[4], size_t *len)
{
	const unsigned char *p = pic->png_file ? pic->png_file : pic->jpeg;
	*len = pic->png_file ? pic->png_file_len : pic->jpeg_len;
	if (!p)
		return false;
	folio_lanes(p, *len, lanes);
	return true;
}

static bool same_part(const folio_picture_part *a, const folio_picture_part *b)
{
	return a->x0 == b->x0 && a->y0 == b->y0 && a->x1 == b->x1 && a->y1 == b->y1;
}

static folio_kept_fit *fit_find(folio_keep *keep, const uint64_t lanes[4], size_t len,
                                uint32_t w, uint32_t h, const folio_picture_part *seen)
{
	for (size_t i = 0; i < keep->nfits; i++) {
		folio_kept_fit *f = &keep->fits[i];
		if (f->len == len && f->w == w && f->h == h && same_part(&f->seen, seen) &&
		    !memcmp(f->lanes, lanes, sizeof f->lanes))
			return f;
	}
	return NULL;
}

void folio_keep_fits_begin(folio_keep *keep)
{
	for (size_t i = 0; i < keep->nfits; i++)
		keep->fits[i].used = false;
}

bool folio_keep_fitted(folio_keep *keep, folio_picture *pic, uint32_t w, uint32_t h,
                       const folio_picture_part *seen)
{
	uint64_t lanes[4];
	size_t len;
	folio_kept_fit *f =
	    fit_source(pic, lanes, &len) ? fit_find(keep, lanes, len, w, h, seen) : NULL;
	if (!f)
		return false;
	f->used = true;
	pic->pixels = f->pixels;
	pic->alpha = f->alpha;
	pic->pixels_width = f->pixels_width;
	pic->pixels_height = f->pixels_height;
	pic->pixels_cut = f->pixels_cut;
	pic->pixels_part = f->pixels_part;
	return true;
}

void folio_keep_fit(folio_keep *keep, const folio_picture *pic, uint32_t w, uint32_t h,
                    const folio_picture_part *seen)
{
	uint64_t lanes[4];
	size_t len;
	/* only what folio_picture_fit made: pixels smaller than the file's */
	if (!pic->pixels || !pic->pixels_width || !fit_source(pic, lanes, &len) ||
	    fit_find(keep, lanes, len, w, h, seen))
		return;
	size_t n = (size_t)pic->pixels_width * pic->pixels_height;
	folio_kept_fit f = {.len = len, .w = w, .h = h, .seen = *seen,
	                    .pixels_width = pic->pixels_width, .pixels_height = pic->pixels_height,
	                    .pixels_cut = pic->pixels_cut, .pixels_part = pic->pixels_part,
	                    .used = true};
	memcpy(f.lanes, lanes, sizeof lanes);
	f.pixels = folio_xmalloc(n * (size_t)pic->channels);
	memcpy(f.pixels, pic->pixels, n * (size_t)pic->channels);
	if (pic->alpha) {
		f.alpha = folio_xmalloc(n);
		memcpy(f.alpha, pic->alpha, n);
	}
	if (keep->nfits == keep->capfits) {
		keep->capfits = keep->capfits ? 2 * keep->capfits : 8;
		keep->fits = folio_xrealloc(keep->fits, keep->capfits * sizeof *keep->fits);
	}
	keep->fits[keep->nfits++] = f;
}

void folio_keep_fits_end(folio_keep *keep)
{
	size_t k = 0;
	for (size_t i = 0; i < keep->nfits; i++) {
		if (keep->fits[i].used) {
			keep->fits[k++] = keep->fits[i];
		} else {
			free(keep->fits[i].pixels);
			free(keep->fits[i].alpha);
		}
	}
	keep->nfits = k;
}

folio_pdf_packs *folio_keep_packs(folio_keep *keep)
{
	if (!keep->packs)
		keep->packs = folio_pdf_packs_new();
	return keep->packs;
}
