/* pictures.c: a build's pictures made the size its edition needs where the
 * layout draws them (the screen's 150 ppi, print's resample_to), on two
 * threads. Decoding and shrinking a picture is most of the screen
 * edition's build (libpng, zlib and the box filter: three quarters of the
 * sample's), and each picture is work of its own: a second thread takes
 * every other one. Each picture is fitted in a context of its
 * own, whose messages and memory the build's context takes over afterwards
 * in the pictures' order, so the messages and the bytes are the same
 * whichever thread was first. */
#include "pictures.h"

#include "keep.h"
#include "pdf/pdf.h"

#include <stdlib.h>

folio_picture **folio_issue_pictures(folio_ctx *ctx, const folio_issue *issue, size_t *n)
{
	size_t cap = 0;
	for (size_t i = 0; i < issue->narticles; i++)
		cap += 1 + issue->articles[i].nblocks;
	folio_picture **pics = folio_arena_alloc(ctx->arena, (cap ? cap : 1) * sizeof *pics);
	*n = 0;
	for (size_t i = 0; i < issue->narticles; i++) {
		const folio_article *a = &issue->articles[i];
		for (size_t k = 0; k <= a->nblocks; k++) {
			folio_picture *pic = k == 0 ? (a->image ? a->image->picture : NULL)
			                     : a->blocks[k - 1].kind == FOLIO_BLOCK_FIGURE
			                         ? a->blocks[k - 1].figure.picture
			                         : NULL;
			bool seen = !pic;
			for (size_t j = 0; j < *n && !seen; j++)
				seen = pics[j] == pic;
			if (!seen)
				pics[(*n)++] = pic;
		}
	}
	return pics;
}

typedef struct {
	folio_picture *pic;
	uint32_t w, h;
	folio_picture_part seen;
	folio_ctx *ctx; /* the picture's own */
} fit_job;

static void fit_one(void *jobs, size_t i, int worker)
{
	(void)worker;
	fit_job *j = &((fit_job *)jobs)[i];
	folio_picture_fit(j->ctx, j->pic, j->w, j->h, &j->seen);
}

static void drop_ctx(void *ctx)
{
	folio_ctx_drop(ctx);
}

bool folio_fit_pictures(folio_ctx *ctx, folio_picture **pics, size_t n, const folio_display *dl,
                        folio_target target, folio_keep *keep)
{
	fit_job *jobs = folio_arena_alloc(ctx->arena, (n ? n : 1) * sizeof *jobs);
	size_t njobs = 0;
	if (keep)
		folio_keep_fits_begin(keep);
	for (size_t i = 0; i < n; i++) {
		fit_job *j = &jobs[njobs];
		j->pic = pics[i];
		if (!folio_pdf_fit_pixels(dl, target, pics[i], &j->w, &j->h, &j->seen))
			continue;
		if (keep && folio_keep_fitted(keep, j->pic, j->w, j->h, &j->seen))
			continue;
		j->ctx = folio_ctx_new();
		j->ctx->limits = ctx->limits;
		njobs++;
	}
	n = njobs;
	folio_two_threads(n, fit_one, jobs);
	bool ok = true;
	for (size_t i = 0; i < n; i++) {
		ok = ok && !folio_failed(jobs[i].ctx);
		folio_ctx_adopt(ctx, jobs[i].ctx);
		folio_ctx_on_drop(ctx, drop_ctx, jobs[i].ctx);
		if (keep && ok)
			folio_keep_fit(keep, jobs[i].pic, jobs[i].w, jobs[i].h, &jobs[i].seen);
	}
	if (keep)
		folio_keep_fits_end(keep);
	return ok;
}
