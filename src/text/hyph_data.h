/* hyph_data.h: libhyphen's automata compiled into folio. hyphgen.c loads
 * each .dic file at build time and writes hyph_data.c: the states of every
 * level as offsets into constant arrays, so the tables need neither parsing
 * nor relocation; hyph.c turns them into a HyphenDict on the first word. */
#ifndef FOLIO_HYPH_DATA_H
#define FOLIO_HYPH_DATA_H

#include <hyphen.h>
#include <stdint.h>

/* A HyphenState with offsets for pointers. */
typedef struct {
	int32_t match, repl; /* into the level's strings; -1: NULL */
	int32_t fallback;    /* fallback_state */
	int32_t trans;       /* first of the state's transitions */
	int32_t ntrans;
	signed char replindex, replcut;
} folio_hyph_state_data;

/* A HyphenDict without its nextlevel: the next element of the array is. */
typedef struct {
	char lhmin, rhmin, clhmin, crhmin;
	int32_t nohyphen; /* into strings; -1: NULL */
	int nohyphenl;
	int utf8;
	int nstates;
	const char *cset;
	const folio_hyph_state_data *states;
	const HyphenTrans *trans;
	const unsigned char *strings;
} folio_hyph_level_data;

typedef struct {
	const char *lang; /* "en": also en-GB, en_US... */
	const char *file; /* what it was compiled from */
	int nlevels;      /* levels[i + 1] is levels[i]'s nextlevel */
	const folio_hyph_level_data *levels;
} folio_hyph_data;

/* hyph_data.c (generated) */
extern const folio_hyph_data folio_hyph_compiled[];
extern const int folio_hyph_ncompiled;

/* hyph.c: the compiled patterns of a language (NULL: none), and libhyphen's
 * automaton pointing into them: one block, freed with folio_hyph_dict_free. */
const folio_hyph_data *folio_hyph_data_for(const char *lang);
HyphenDict *folio_hyph_dict_new(const folio_hyph_data *d);
void folio_hyph_dict_free(HyphenDict *dict);

#endif
