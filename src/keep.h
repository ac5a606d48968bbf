/* keep.h: what builds made one after another share (folio_keep, folio.h),
 * as the pipeline (build.c) takes it. */
#ifndef FOLIO_KEEP_H
#define FOLIO_KEEP_H

#include "folio.h"
#include "text/text.h"

/* The kept fonts, each face whose file changed since it was read dropped
 * first; NULL when FreeType cannot start (then the build makes its own). */
folio_fonts *folio_keep_fonts(folio_keep *keep);
/* The kept patterns for lang, loaded (with folio_hyph_load's messages) the
 * first time a build asks; NULL as folio_hyph_load gives NULL. */
folio_hyph *folio_keep_hyph(folio_ctx *ctx, folio_keep *keep, const char *lang, folio_loc loc);

#endif
