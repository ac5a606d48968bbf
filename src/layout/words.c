/* words.c: the words folio sets itself (the masthead's date, "Page" in the
 * contents box, the box's default title) in the language, and the
 * layout's continued line in it. folio has them in English and Russian, the
 * languages it hyphenates, and in Kazakh and Kyrgyz, which its fonts set;
 * a layout may give them for any language (`words:`); any other is set
 * with the English words, and told. */
#include "lay.h"

#include <string.h>
#include <strings.h>

static const folio_words folio_words_en = {
    .lang = "en",
    .page = "Page",
    .contents_title = "In this issue",
    .months = {"January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"},
};

/* a date in Russian names its month in the genitive: 30 сентября 2022 */
static const folio_words folio_words_ru = {
    .lang = "ru",
    .page = "Стр.",
    .contents_title = "В номере",
    .months = {"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
               "сентября", "октября", "ноября", "декабря"},
};

/* Kazakh and Kyrgyz months and dates as Unicode CLDR gives them (the
 * months' format forms, the long date's order): 2022 ж. 30 қыркүйек,
 * 2022-ж., 30-сентябрь. "Бет" is a page in both; "Осы нөмірде" and "Бул
 * санда", in this number. */
static const folio_words folio_words_kk = {
    .lang = "kk",
    .page = "Бет",
    .contents_title = "Осы нөмірде",
    .months = {"қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз",
               "қыркүйек", "қазан", "қараша", "желтоқсан"},
    .date = "{year} ж. {day} {month}",
};

static const folio_words folio_words_ky = {
    .lang = "ky",
    .page = "Бет",
    .contents_title = "Бул санда",
    .months = {"январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
               "сентябрь", "октябрь", "ноябрь", "декабрь"},
    .date = "{year}-ж., {day}-{month}",
};

const folio_words *folio_words_for(const folio_template *t, const char *lang, bool *known)
{
	static const folio_words *const ours[] = {&folio_words_en, &folio_words_ru, &folio_words_kk,
	                                          &folio_words_ky};
	const folio_words *found = NULL;
	/* the layout's for the tag as written, then for its language, then
	 * folio's own */
	for (size_t i = 0; lang && t && i < t->nwords && !found; i++)
		if (!strcasecmp(t->words[i].lang, lang))
			found = &t->words[i];
	for (size_t i = 0; lang && t && i < t->nwords && !found; i++)
		if (folio_lang_is(lang, t->words[i].lang))
			found = &t->words[i];
	for (size_t i = 0; lang && i < sizeof ours / sizeof ours[0] && !found; i++)
		if (folio_lang_is(lang, ours[i]->lang))
			found = ours[i];
	if (known)
		*known = found != NULL;
	return found ? found : &folio_words_en;
}

int folio_continued_for(const folio_template *t, const char *lang, bool *fits)
{
	*fits = true;
	if (t->ncontinued == 0)
		return -1;
	/* the tag as given, then its language (en-GB: en), then English,
	 * then the first text */
	for (size_t i = 0; i < t->ncontinued; i++)
		if (!t->continued_lang[i] || (lang && !strcasecmp(t->continued_lang[i], lang)))
			return (int)i;
	for (size_t i = 0; i < t->ncontinued; i++)
		if (lang && folio_lang_is(lang, t->continued_lang[i]))
			return (int)i;
	*fits = false;
	for (size_t i = 0; i < t->ncontinued; i++)
		if (folio_lang_is(t->continued_lang[i], "en"))
			return (int)i;
	return 0;
}

char *folio_fill(folio_arena *a, const char *pattern, const char *const *fields,
                 const char *const *values, size_t n)
{
	char *out = NULL;
	size_t len = 0;
	/* the first pass measures, the second copies */
	for (int pass = 0; pass < 2; pass++) {
		size_t at = 0;
		for (const char *c = pattern; *c;) {
			size_t f = n;
			for (size_t k = 0; k < n && f == n; k++)
				if (!strncmp(c, fields[k], strlen(fields[k])))
					f = k;
			const char *piece = f < n ? values[f] : c;
			size_t plen = f < n ? strlen(values[f]) : 1;
			if (out)
				memcpy(out + at, piece, plen);
			at += plen;
			c += f < n ? strlen(fields[f]) : 1;
		}
		if (!out) {
			len = at;
			out = folio_arena_alloc(a, len + 1);
		}
	}
	out[len] = 0;
	return out;
}
