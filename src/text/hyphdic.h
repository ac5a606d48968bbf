/* hyphdic.h: reading a libhyphen .dic file the way folio uses it. Only the
 * build-time generator (hyphgen.c) and the test that checks its output call
 * this: folio itself carries the patterns compiled in (hyph_data.h). */
#ifndef FOLIO_HYPHDIC_H
#define FOLIO_HYPHDIC_H

#include <hyphen.h>

/* The patterns of `path` as libhyphen's automaton, or NULL when the file
 * cannot be read. UTF-8 files go to hnj_hyphen_load as they are; 8-bit ones
 * (Debian's KOI8-R Russian) are closed first, see hyphdic.c. Free with
 * hnj_hyphen_free. */
HyphenDict *folio_hyphdic_load(const char *path);

#endif
