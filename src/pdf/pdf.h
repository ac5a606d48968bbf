/* pdf.h: display list -> PDF bytes through libharu. */
#ifndef FOLIO_PDF_H
#define FOLIO_PDF_H

#include "../layout/display.h"

#include <stdio.h>

typedef enum { FOLIO_TARGET_PRINT = 0, FOLIO_TARGET_SCREEN } folio_target;

/* Pictures compressed by earlier builds (pack.c), for the next: folio watch
 * keeps one, so that a rebuild after a text edit compresses no picture
 * again. Known by a digest of the pixels and how they are compressed. */
typedef struct folio_pdf_packs folio_pdf_packs;
folio_pdf_packs *folio_pdf_packs_new(void);
void folio_pdf_packs_drop(folio_pdf_packs *kept);

typedef struct folio_pdf_options {
	folio_target target;
	/* NULL, or the pictures compressed by earlier builds: those made from
	 * the same pixels the same way are taken, what is compressed now is
	 * added, and what this build did not ask for is given back */
	folio_pdf_packs *kept_packs;
	/* Write into this file instead of memory: an empty regular file open for
	 * reading and writing (the command line's temporary beside the target).
	 * *out and *len stay NULL and 0. */
	bool to_fd;
	int fd;
	/* NULL, or one entry a page: the digest of what the page shows (its
	 * content stream, the data of its pictures), so that folio watch can
	 * say which pages a rebuild changed */
	uint64_t *page_digests;
} folio_pdf_options;

/* Write the whole document into memory (*out, *len; the caller releases it
 * with folio_pdf_free), or into opts->fd. Nothing else touches the file
 * system, so the caller can write atomically. */
bool folio_pdf_write(folio_ctx *ctx, const folio_display *dl,
                     const folio_pdf_options *opts, unsigned char **out,
                     size_t *len);
/* The pixel size pic needs in `target` (the screen edition's 150 ppi at
 * its largest placed size in dl, as seen, never more than it has; in
 * print, the layout's resample_to when it is finer than its
 * resample_above there, else all it has): what folio_picture_fit makes
 * before folio_pdf_write. With `seen`, the part of it that shows where it
 * is placed (cut to frames: every placing's part together; else the
 * whole). False when the picture goes in as it is (print: not that fine,
 * or CMYK, which stays the printer's). */
bool folio_pdf_fit_pixels(const folio_display *dl, folio_target target,
                          const folio_picture *pic, uint32_t *w, uint32_t *h,
                          folio_picture_part *seen);

/* Release a document folio_pdf_write (or folio_build) handed out: it is a
 * memory mapping, not malloc'd. NULL or 0 does nothing. */
void folio_pdf_free(unsigned char *pdf, size_t len);

/* Preflight, from the display list alone (preflight.c). The report section
 * lists per page the fonts (always embedded, as subsets), every picture with
 * its effective resolution at its placed size and what the target makes of
 * it, and the colour spaces the target writes. */
void folio_pdf_preflight_report(FILE *f, const folio_display *dl, folio_target target);
/* Print only: a picture under 150 ppi is an error (a warning with draft),
 * under 300 ppi a warning; a colour or a CMYK picture with more ink than
 * the layout's print: ink_limit is an error (a warning with draft); rules
 * under 0.25 pt, text nearer the trim than print: safety, and a panel or
 * picture that stops at the trim or short of the bleed are warnings
 * (press.c). Returns false when an error was recorded. */
bool folio_pdf_preflight_check(folio_ctx *ctx, const folio_display *dl, folio_target target,
                               bool draft);

#endif
