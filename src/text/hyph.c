/* hyph.c: hyphenation with libhyphen: the compiled patterns of a language
 * (hyph_data.h), the words they may touch, and the byte offsets of their
 * points in UTF-8. */
#include "hyph_data.h"
#include "text_int.h"

#include <hyphen.h>
#include <iconv.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <strings.h>

/* The patterns are compiled in (hyph_data.h); their automaton is made on
 * the first word that needs it: a paragraph that breaks well without
 * hyphenation (TeX's first pass) never asks. */
struct folio_hyph {
	const folio_hyph_data *data;
	HyphenDict *dict; /* NULL until the first word */
	char *lang;
	iconv_t to_dict;    /* UTF-8 -> the dictionary's 8-bit charset, or (iconv_t)-1 */
	folio_cache *words; /* (left, right, word) -> its points */
	/* the layout's exceptions: each word lower-cased without its hyphens,
	 * and after how many of its characters each hyphen stood */
	struct folio_hyph_exception {
		char *low;
		size_t len;
		uint8_t at[32];
		size_t nat;
	} * exc;
	size_t nexc;
	uint64_t exc_sig; /* of the list as given, to know it again */
};

/* libhyphen refuses longer words; nobody hyphenates them anyway. */
#define FOLIO_HYPH_MAX_BYTES 96

/* ---- the compiled patterns ---- */

const folio_hyph_data *folio_hyph_data_for(const char *lang)
{
	for (int i = 0; i < folio_hyph_ncompiled; i++)
		if (folio_lang_is(lang, folio_hyph_compiled[i].lang))
			return &folio_hyph_compiled[i];
	return NULL;
}

/* The block is mapped with its pages in place (MAP_POPULATE): the pass
 * writes every one of them (some 150 for English), and one call costs a
 * third of what a page fault each does. Its size is kept in front. */
typedef struct {
	size_t size;
	_Alignas(16) HyphenDict dicts[];
} folio_hyph_block;

/* The tables are libhyphen's own states with offsets for pointers: turning
 * them back is a pass over the states, some 0.1 ms for English, where
 * hnj_hyphen_load spent 4 ms parsing and hashing the file. libhyphen only
 * reads a dictionary while it hyphenates, so its pointers may lead into the
 * constant tables. */
HyphenDict *folio_hyph_dict_new(const folio_hyph_data *d)
{
	size_t nstates = 0;
	for (int l = 0; l < d->nlevels; l++)
		nstates += (size_t)d->levels[l].nstates;
	size_t size = sizeof(folio_hyph_block) + (size_t)d->nlevels * sizeof(HyphenDict) +
	              nstates * sizeof(HyphenState);
	folio_hyph_block *b = mmap(NULL, size, PROT_READ | PROT_WRITE,
	                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (b == MAP_FAILED)
		folio_oom();
	b->size = size;
	HyphenDict *dicts = b->dicts;
	HyphenState *st = (HyphenState *)(dicts + d->nlevels);
	for (int l = 0; l < d->nlevels; l++) {
		const folio_hyph_level_data *ld = &d->levels[l];
		char *strings = (char *)ld->strings;
		HyphenDict *hd = &dicts[l];
		hd->lhmin = ld->lhmin;
		hd->rhmin = ld->rhmin;
		hd->clhmin = ld->clhmin;
		hd->crhmin = ld->crhmin;
		hd->nohyphen = ld->nohyphen < 0 ? NULL : strings + ld->nohyphen;
		hd->nohyphenl = ld->nohyphenl;
		hd->num_states = ld->nstates;
		snprintf(hd->cset, sizeof hd->cset, "%s", ld->cset);
		hd->utf8 = ld->utf8;
		hd->states = st;
		hd->nextlevel = l + 1 < d->nlevels ? &dicts[l + 1] : NULL;
		for (int i = 0; i < ld->nstates; i++, st++) {
			const folio_hyph_state_data *sd = &ld->states[i];
			st->match = sd->match < 0 ? NULL : strings + sd->match;
			st->repl = sd->repl < 0 ? NULL : strings + sd->repl;
			st->replindex = sd->replindex;
			st->replcut = sd->replcut;
			st->fallback_state = sd->fallback;
			st->num_trans = sd->ntrans;
			st->trans = (HyphenTrans *)(ld->trans + sd->trans);
		}
	}
	return dicts;
}

void folio_hyph_dict_free(HyphenDict *dict)
{
	if (!dict)
		return;
	folio_hyph_block *b =
	    (folio_hyph_block *)((char *)dict - offsetof(folio_hyph_block, dicts));
	munmap(b, b->size);
}

folio_hyph *folio_hyph_load(folio_ctx *ctx, const char *lang, folio_loc loc)
{
	if (!lang || !*lang)
		lang = "en";
	const folio_hyph_data *data = folio_hyph_data_for(lang);
	if (!data) {
		folio_warn(ctx, loc,
		           "no hyphenation patterns for language '%s'; text is set without "
		           "hyphenation",
		           lang);
		return NULL;
	}
	char cset[MAX_NAME + 1];
	snprintf(cset, sizeof cset, "%s", data->levels[0].cset);
	cset[strcspn(cset, " \t\r\n")] = 0;
	bool utf8 = !strcasecmp(cset, "UTF-8");
	iconv_t cd = (iconv_t)-1;
	if (!utf8) {
		cd = iconv_open(cset, "UTF-8");
		if (cd == (iconv_t)-1) {
			folio_error(
			    ctx, FOLIO_ERR_INPUT, loc,
			    "hyphenation patterns for language '%s': the charset '%s' of %s "
			    "is unknown to iconv",
			    lang, cset, data->file);
			return NULL;
		}
	}
	folio_hyph *h = folio_xcalloc(1, sizeof *h);
	h->data = data;
	h->to_dict = cd;
	h->lang = folio_xmalloc(strlen(lang) + 1);
	strcpy(h->lang, lang);
	h->words = folio_cache_new();
	return h;
}

static void folio_hyph_exceptions_free(folio_hyph *h)
{
	for (size_t i = 0; i < h->nexc; i++)
		free(h->exc[i].low);
	free(h->exc);
	h->exc = NULL;
	h->nexc = 0;
}

void folio_hyph_exceptions(folio_hyph *h, const char *const *words, size_t n)
{
	if (!h)
		return;
	uint64_t sig = folio_fnv1a(FOLIO_FNV_OFFSET, &n, sizeof n);
	for (size_t i = 0; i < n; i++)
		sig = folio_fnv1a(sig, words[i], strlen(words[i]) + 1);
	if (sig == h->exc_sig)
		return;
	folio_hyph_exceptions_free(h);
	h->exc_sig = sig;
	/* the points found so far may be ones an exception now forbids */
	folio_cache_drop(h->words);
	h->words = folio_cache_new();
	h->exc = folio_xcalloc(n ? n : 1, sizeof *h->exc);
	for (size_t i = 0; i < n; i++) {
		struct folio_hyph_exception *e = &h->exc[h->nexc];
		size_t len = strlen(words[i]), k = 0, chars = 0;
		e->low = folio_xmalloc(len * 2 + 1);
		e->len = 0;
		e->nat = 0;
		while (k < len) {
			uint32_t cp = folio_utf8_next(words[i], len, &k);
			if (cp == '-') {
				if (chars > 0 && e->nat < sizeof e->at && chars < 256)
					e->at[e->nat++] = (uint8_t)chars;
				continue;
			}
			e->len += folio_utf8_put(folio_lower(cp), e->low + e->len);
			if (!folio_is_mark(cp))
				chars++;
		}
		e->low[e->len] = 0;
		h->nexc++;
	}
}

void folio_hyph_drop(folio_hyph *h)
{
	if (!h)
		return;
	folio_hyph_exceptions_free(h);
	folio_hyph_dict_free(h->dict); /* one block: the constant tables are not its */
	folio_cache_drop(h->words);
	if (h->to_dict != (iconv_t)-1)
		iconv_close(h->to_dict);
	free(h->lang);
	free(h);
}

const char *folio_hyph_lang(const folio_hyph *h)
{
	return h ? h->lang : NULL;
}

static bool folio_is_inner_punct(uint32_t cp)
{
	return cp == '-' || cp == 0x2010 || cp == 0x2011 || cp == '\'' || cp == 0x2019 ||
	       cp == 0x2BC;
}

/* Hyphenate one run of letters: word[0, len) in UTF-8. `base` is its offset
 * in the caller's word. */
static size_t folio_hyph_segment(folio_hyph *h, const char *seg, size_t len, size_t base, int left,
                                 int right, size_t *points, size_t max_points)
{
	/* lower-cased copy, and where each of its characters ends in `seg` */
	char low[FOLIO_HYPH_MAX_BYTES + 8];
	size_t low_end[FOLIO_HYPH_MAX_BYTES + 8];  /* per byte of low: char end in seg */
	bool low_last[FOLIO_HYPH_MAX_BYTES + 8];   /* byte ends a character */
	size_t orig_end[FOLIO_HYPH_MAX_BYTES + 8]; /* per character */
	size_t nlow = 0, nchars = 0, i = 0;
	while (i < len) {
		uint32_t cp = folio_utf8_next(seg, len, &i);
		char enc[4];
		size_t k = folio_utf8_put(folio_lower(cp), enc);
		if (nlow + k > FOLIO_HYPH_MAX_BYTES)
			return 0;
		for (size_t j = 0; j < k; j++) {
			low[nlow] = enc[j];
			low_end[nlow] = nchars;
			low_last[nlow] = j + 1 == k;
			nlow++;
		}
		if (!folio_is_mark(cp) || !nchars)
			orig_end[nchars++] = i;
		else
			orig_end[nchars - 1] = i;
	}
	/* libhyphen reads the word as a C string too (strstr for NOHYPHEN) */
	low[nlow] = '\0';
	if ((int)nchars < left + right)
		return 0;
	/* the layout's own way with the word, before the patterns' */
	for (size_t e = 0; e < h->nexc; e++) {
		const struct folio_hyph_exception *x = &h->exc[e];
		if (x->len != nlow || memcmp(x->low, low, nlow))
			continue;
		size_t n = 0;
		for (size_t p = 0; p < x->nat && n < max_points; p++) {
			size_t before = x->at[p], after = nchars - before;
			if ((int)before >= left && (int)after >= right && before < nchars)
				points[n++] = base + orig_end[before - 1];
		}
		return n;
	}
	/* acronyms (EMCDDA, the UNODC of "UNODC's") stay whole */
	bool lower = false;
	for (size_t k = 0; k < len && !lower;) {
		uint32_t cp = folio_utf8_next(seg, len, &k);
		lower = folio_is_letter(cp) && !folio_is_upper(cp);
	}
	if (!lower)
		return 0;
	/* in the dictionary's encoding */
	char dict_word[FOLIO_HYPH_MAX_BYTES * 2 + 8];
	const char *word = low;
	size_t wlen = nlow;
	bool per_char = false;
	if (h->to_dict != (iconv_t)-1) {
		char *in = low, *out = dict_word;
		size_t inleft = nlow, outleft = sizeof dict_word;
		iconv(h->to_dict, NULL, NULL, NULL, NULL);
		if (iconv(h->to_dict, &in, &inleft, &out, &outleft) == (size_t)-1)
			return 0; /* a letter the patterns cannot know */
		wlen = sizeof dict_word - outleft;
		if (wlen >= sizeof dict_word)
			return 0;
		dict_word[wlen] = '\0';
		/* 8-bit: byte k is character k (marks would break that) */
		size_t ncp = 0;
		for (size_t b = 0; b < nlow; b++)
			ncp += low_last[b];
		if (wlen != ncp || ncp != nchars)
			return 0;
		word = dict_word;
		per_char = true;
	}
	char hyphens[FOLIO_HYPH_MAX_BYTES * 2 + 8];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	memset(hyphens, 0, wlen + 5);
	hnj_hyphen_hyphenate2(h->dict, word, (int)wlen, hyphens, NULL, &rep, &pos, &cut);
	size_t n = 0;
	for (size_t b = 0; b + 1 < wlen && n < max_points; b++) {
		if (!(hyphens[b] & 1) || (rep && rep[b]))
			continue;
		size_t ch; /* the point follows character ch */
		if (per_char) {
			ch = b;
		} else {
			if (!low_last[b])
				continue;
			ch = low_end[b];
		}
		size_t before = ch + 1, after = nchars - before;
		if ((int)before < left || (int)after < right)
			continue;
		points[n++] = base + orig_end[ch];
	}
	if (rep) {
		for (size_t b = 0; b < wlen; b++)
			free(rep[b]);
		free(rep);
	}
	free(pos);
	free(cut);
	return n;
}

static size_t folio_hyph_uncached(folio_hyph *h, const char *word, size_t len, int left, int right,
                                  size_t *points, size_t max_points)
{
	/* Digits, addresses and paths anywhere (a "3" after "information", a
	 * trailing "/"): such a word is not one the patterns know. */
	size_t i = 0;
	while (i < len) {
		uint32_t cp = folio_utf8_next(word, len, &i);
		if ((cp >= '0' && cp <= '9') || cp == '@' || cp == '/' || cp == '\\' || cp == '_' ||
		    cp == '=' || cp == '&' || cp == '#' || cp == '%' || cp == '+' || cp == '~' ||
		    cp == '|' || cp == '<' || cp == '>')
			return 0;
	}
	/* strip the punctuation around the word */
	size_t start = 0, end = 0;
	bool seen = false;
	i = 0;
	while (i < len) {
		size_t at = i;
		uint32_t cp = folio_utf8_next(word, len, &i);
		if (folio_is_letter(cp) || (seen && folio_is_mark(cp))) {
			if (!seen)
				start = at;
			seen = true;
			end = i;
		}
	}
	if (!seen)
		return 0;
	/* inside, only letters and the punctuation of compounds */
	for (i = start; i < end;) {
		uint32_t cp = folio_utf8_next(word, end, &i);
		if (!folio_is_letter(cp) && !folio_is_mark(cp) && !folio_is_inner_punct(cp))
			return 0;
	}
	/* each run of letters on its own: "well-known", "don’t" */
	size_t n = 0;
	i = start;
	while (i < end && n < max_points) {
		size_t seg = i;
		size_t j = i;
		while (j < end) {
			size_t k = j;
			uint32_t cp = folio_utf8_next(word, end, &k);
			if (folio_is_inner_punct(cp))
				break;
			j = k;
		}
		n += folio_hyph_segment(h, word + seg, j - seg, seg, left, right, points + n,
		                        max_points - n);
		i = j;
		while (i < end) {
			size_t k = i;
			uint32_t cp = folio_utf8_next(word, end, &k);
			if (!folio_is_inner_punct(cp))
				break;
			i = k;
		}
	}
	return n;
}

size_t folio_hyph_word(folio_hyph *h, const char *word, size_t len, int left, int right,
                       size_t *points, size_t max_points)
{
	if (!h || !len || !max_points || len > 4 * FOLIO_HYPH_MAX_BYTES)
		return 0;
	if (left < 1)
		left = 1;
	if (right < 1)
		right = 1;
	char small[256];
	size_t klen = 2 + len;
	char *key = klen <= sizeof small ? small : folio_xmalloc(klen);
	key[0] = (char)(left > 127 ? 127 : left);
	key[1] = (char)(right > 127 ? 127 : right);
	memcpy(key + 2, word, len);
	size_t vlen = 0;
	const uint16_t *hit = folio_cache_get(h->words, key, klen, &vlen);
	size_t n = 0;
	if (hit) {
		for (; n < vlen / sizeof *hit && n < max_points; n++)
			points[n] = hit[n];
	} else {
		if (!h->dict)
			h->dict = folio_hyph_dict_new(h->data);
		size_t all[64];
		size_t na = folio_hyph_uncached(h, word, len, left, right, all, 64);
		uint16_t keep[64];
		for (size_t i = 0; i < na; i++) {
			keep[i] = (uint16_t)all[i];
			if (n < max_points)
				points[n++] = all[i];
		}
		folio_cache_put(h->words, key, klen, keep, na * sizeof *keep);
	}
	if (key != small)
		free(key);
	return n;
}
