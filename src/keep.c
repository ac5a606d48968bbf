/* keep.c: fonts and hyphenation patterns kept from one build to the next
 * (folio watch). What they hold is what a build would make again from the
 * same files: the faces with the words shaped in them, the patterns with the
 * words hyphenated. A face is read again once its file changes; the
 * patterns are compiled into folio and never change. Warnings belong to a
 * build, so a language without patterns is not kept: each build that asks
 * for it warns again. */
#include "keep.h"

#include <stdlib.h>
#include <string.h>

/* An issue has one language; a designer switching between a few keeps them
 * all, and more than this start over. */
#define FOLIO_KEEP_LANGS 8

struct folio_keep {
	folio_fonts *fonts;
	folio_hyph *hyph[FOLIO_KEEP_LANGS];
	int nhyph;
};

folio_keep *folio_keep_new(void)
{
	return folio_xcalloc(1, sizeof(folio_keep));
}

void folio_keep_drop(folio_keep *keep)
{
	if (!keep)
		return;
	for (int i = 0; i < keep->nhyph; i++)
		folio_hyph_drop(keep->hyph[i]);
	folio_fonts_drop(keep->fonts);
	free(keep);
}

folio_fonts *folio_keep_fonts(folio_keep *keep)
{
	if (!keep->fonts)
		keep->fonts = folio_fonts_new();
	else
		folio_fonts_forget_changed(keep->fonts);
	return keep->fonts;
}

folio_hyph *folio_keep_hyph(folio_ctx *ctx, folio_keep *keep, const char *lang, folio_loc loc)
{
	if (!lang || !*lang)
		lang = "en"; /* as folio_hyph_load reads it */
	for (int i = 0; i < keep->nhyph; i++)
		if (!strcmp(folio_hyph_lang(keep->hyph[i]), lang))
			return keep->hyph[i];
	folio_hyph *h = folio_hyph_load(ctx, lang, loc);
	if (!h)
		return NULL;
	if (keep->nhyph == FOLIO_KEEP_LANGS) {
		for (int i = 0; i < keep->nhyph; i++)
			folio_hyph_drop(keep->hyph[i]);
		keep->nhyph = 0;
	}
	keep->hyph[keep->nhyph++] = h;
	return h;
}
