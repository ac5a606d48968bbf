/* pictures.h: what a build does with its pictures once the layout has
 * placed them (pictures.c), as the pipeline (build.c) takes it. */
#ifndef FOLIO_PICTURES_H
#define FOLIO_PICTURES_H

#include "doc/doc.h"
#include "folio.h"
#include "layout/display.h"
#include "pdf/pdf.h"

/* Every picture of the issue once (articles' lead pictures and figures,
 * a picture named twice loaded once), in the issue's order; *n of them. */
folio_picture **folio_issue_pictures(folio_ctx *ctx, const folio_issue *issue, size_t *n);

/* Every picture's pixels at the size `target` needs where the layout draws
 * it (folio_pdf_fit_pixels, folio_picture_fit: the screen edition's 150
 * ppi; in print, a picture finer than the layout's resample_above made
 * its resample_to), two pictures at a time; the messages come in the
 * pictures' order. With a keep (folio watch), pixels an earlier build made
 * from the same bytes are taken from it, and what is made is kept. False
 * after recording an error. */
bool folio_fit_pictures(folio_ctx *ctx, folio_picture **pics, size_t n, const folio_display *dl,
                        folio_target target, folio_keep *keep);

#endif
