/* keep.h: what builds made one after another share (folio_keep, folio.h),
 * as the pipeline (build.c) takes it. */
#ifndef FOLIO_KEEP_H
#define FOLIO_KEEP_H

#include "doc/doc.h"
#include "folio.h"
#include "text/text.h"

/* The kept fonts, each face whose file changed since it was read dropped
 * first; NULL when FreeType cannot start (then the build makes its own). */
folio_fonts *folio_keep_fonts(folio_keep *keep);
/* The kept patterns for lang, loaded (with folio_hyph_load's messages) the
 * first time a build asks; NULL as folio_hyph_load gives NULL. */
folio_hyph *folio_keep_hyph(folio_ctx *ctx, folio_keep *keep, const char *lang, folio_loc loc);

/* Pictures made smaller (folio_picture_fit), kept by a digest of
 * the file's bytes, the size asked (w x h, as seen) and the part shown. A
 * build's fitting
 * begins with folio_keep_fits_begin; folio_keep_fitted gives pic the
 * pixels an earlier build made from the same bytes for the same size
 * (keep's memory; false: none); folio_keep_fit keeps what was made now;
 * folio_keep_fits_end gives back what this build did not ask for. */
void folio_keep_fits_begin(folio_keep *keep);
bool folio_keep_fitted(folio_keep *keep, folio_picture *pic, uint32_t w, uint32_t h,
                       const folio_picture_part *seen);
void folio_keep_fit(folio_keep *keep, const folio_picture *pic, uint32_t w, uint32_t h,
                    const folio_picture_part *seen);
void folio_keep_fits_end(folio_keep *keep);

/* The pictures compressed for the PDF by earlier builds (pdf/pack.c), for
 * the writer to take what it would compress again. */
struct folio_pdf_packs *folio_keep_packs(folio_keep *keep);

#endif
