/* dump.h: the display list as JSON, the format of --dump-layout. */
#ifndef FOLIO_DUMP_H
#define FOLIO_DUMP_H

#include "display.h"

/* malloc'd JSON text, or NULL. */
char *folio_display_dump(const folio_display *dl);

#endif
