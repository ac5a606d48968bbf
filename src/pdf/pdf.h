/* pdf.h: display list -> PDF bytes through libharu. */
#ifndef FOLIO_PDF_H
#define FOLIO_PDF_H

#include "../layout/display.h"

typedef enum { FOLIO_TARGET_PRINT = 0, FOLIO_TARGET_SCREEN } folio_target;

typedef struct folio_pdf_options {
	folio_target target;
} folio_pdf_options;

/* Write the whole document into memory (*out, *len: malloc'd, caller frees).
 * Nothing touches the file system, so the caller can write atomically. */
bool folio_pdf_write(folio_ctx *ctx, const folio_display *dl,
                     const folio_pdf_options *opts, unsigned char **out,
                     size_t *len);

#endif
