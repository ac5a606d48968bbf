/* icc.h: the sRGB ICC profile folio embeds, made by LittleCMS when folio is
 * built (iccgen.c writes icc.c). */
#ifndef FOLIO_PDF_ICC_H
#define FOLIO_PDF_ICC_H

#include <stddef.h>

extern const unsigned char folio_srgb_icc[];
extern const size_t folio_srgb_icc_len;

#endif
