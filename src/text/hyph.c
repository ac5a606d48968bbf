/* hyph.c: hyphenation with libhyphen: the pattern file for a language, the
 * words it may touch, and the byte offsets of its points in UTF-8. */
#include "text_int.h"

#include "folio_config.h"

#include <errno.h>
#include <hyphen.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* libhyphen takes some 6 ms to read the English patterns, so the file is
 * checked when the language is chosen and read on the first word that
 * needs it: a paragraph that breaks well without hyphenation (TeX's first
 * pass) never asks. */
struct folio_hyph {
	HyphenDict *dict; /* NULL until the first word */
	bool failed;      /* the file could not be read after all */
	bool utf8;
	char *path;
	char *lang;
	iconv_t to_dict;    /* UTF-8 -> the dictionary's 8-bit charset, or (iconv_t)-1 */
	folio_cache *words; /* (left, right, word) -> its points */
};

/* libhyphen refuses longer words; nobody hyphenates them anyway. */
#define FOLIO_HYPH_MAX_BYTES 96

static bool folio_lang_is(const char *lang, const char *code)
{
	size_t n = strlen(code);
	if (strncasecmp(lang, code, n))
		return false;
	return lang[n] == 0 || lang[n] == '-' || lang[n] == '_';
}

/* ---- making an 8-bit dictionary usable ----
 * libhyphen's automaton applies, at each position, only the values of the
 * state it reached, not those of the shorter patterns that also end there
 * (its fallback states). Its own dictionaries are therefore "closed" by
 * substrings.pl: every prefix of a pattern carries the values of all the
 * patterns that are its suffixes. Debian 12's hyph_ru_RU.dic (KOI8-R) is
 * raw TeX patterns and, loaded as is, finds no point in "программа". So an
 * 8-bit file is closed here when it is loaded (about 5000 patterns: 1 ms). */

typedef struct {
	const unsigned char *key; /* letters, no digits */
	size_t len;
	unsigned char *vals; /* len + 1 values */
} folio_pat;

typedef struct {
	folio_pat *slots;
	size_t cap, n;
} folio_pat_map;

static uint64_t folio_hash(const unsigned char *s, size_t n)
{
	return folio_fnv1a(FOLIO_FNV_OFFSET, s, n);
}

static folio_pat *folio_pat_find(folio_pat_map *m, const unsigned char *k, size_t n, bool insert)
{
	if (insert && (m->n + 1) * 2 > m->cap) {
		folio_pat_map bigger = {
		    folio_xcalloc(m->cap ? m->cap * 2 : 1024, sizeof(folio_pat)),
		    m->cap ? m->cap * 2 : 1024, 0};
		for (size_t i = 0; i < m->cap; i++)
			if (m->slots[i].key)
				*folio_pat_find(&bigger, m->slots[i].key, m->slots[i].len, true) =
				    m->slots[i];
		free(m->slots);
		*m = bigger;
	}
	if (!m->cap)
		return NULL;
	size_t i = folio_hash(k, n) & (m->cap - 1);
	while (m->slots[i].key) {
		if (m->slots[i].len == n && !memcmp(m->slots[i].key, k, n))
			return &m->slots[i];
		i = (i + 1) & (m->cap - 1);
	}
	if (!insert)
		return NULL;
	m->n++;
	m->slots[i].key = k;
	m->slots[i].len = n;
	return &m->slots[i];
}

static void folio_pat_write(FILE *out, const folio_pat *p)
{
	for (size_t i = 0; i <= p->len; i++) {
		if (p->vals[i])
			fputc('0' + p->vals[i], out);
		if (i < p->len)
			fputc(p->key[i], out);
	}
	fputc('\n', out);
}

/* Read `path`, close its patterns and hand the result to libhyphen. */
static HyphenDict *folio_load_closed(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *out_buf = NULL;
	size_t out_len = 0;
	FILE *out = open_memstream(&out_buf, &out_len);
	folio_pat_map orig = {0}, closed = {0};
	folio_arena *a = folio_arena_new();
	folio_pat *list = NULL;
	size_t nlist = 0, caplist = 0;
	char line[256];
	bool first = true;
	while (fgets(line, sizeof line, f)) {
		size_t n = strcspn(line, "\r\n");
		line[n] = 0;
		if (first || !n || line[0] == '%' || strchr(line, '/') ||
		    (line[0] >= 'A' && line[0] <= 'Z')) {
			/* charset, keywords (LEFTHYPHENMIN, NEXTLEVEL...) and
			 * non-standard patterns pass unchanged */
			fprintf(out, "%s\n", line);
			first = false;
			continue;
		}
		unsigned char *key = folio_arena_alloc(a, n + 1);
		unsigned char *vals = folio_arena_alloc(a, n + 2);
		size_t k = 0;
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)line[i];
			if (c >= '0' && c <= '9')
				vals[k] = (unsigned char)(c - '0');
			else
				key[k++] = c;
		}
		folio_pat *p = folio_pat_find(&orig, key, k, true);
		p->vals = vals;
		FOLIO_PUSH(a, list, nlist, caplist, *p);
	}
	fclose(f);
	unsigned char vals[256];
	for (size_t pi = 0; pi < nlist; pi++) {
		const folio_pat *P = &list[pi];
		for (size_t e = 1; e <= P->len; e++) {
			if (folio_pat_find(&closed, P->key, e, false))
				continue;
			bool found = false;
			memset(vals, 0, e + 1);
			for (size_t i = 0; i < e; i++) {
				folio_pat *S = folio_pat_find(&orig, P->key + i, e - i, false);
				if (!S)
					continue;
				found = true;
				for (size_t j = 0; j <= S->len; j++)
					if (S->vals[j] > vals[i + j])
						vals[i + j] = S->vals[j];
			}
			if (!found)
				continue;
			folio_pat *Q = folio_pat_find(&closed, P->key, e, true);
			Q->vals = folio_arena_alloc(a, e + 1);
			memcpy(Q->vals, vals, e + 1);
			folio_pat_write(out, Q);
		}
	}
	fclose(out);
	free(orig.slots);
	free(closed.slots);
	folio_arena_drop(a);
	FILE *in = fmemopen(out_buf, out_len, "r");
	HyphenDict *dict = in ? hnj_hyphen_load_file(in) : NULL;
	if (in)
		fclose(in);
	free(out_buf);
	return dict;
}

/* The charset named by the first line of a .dic file. */
static bool folio_dic_charset(const char *path, char *cset, size_t size)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	bool ok = fgets(cset, (int)size, f) != NULL;
	fclose(f);
	if (ok)
		cset[strcspn(cset, " \t\r\n")] = 0;
	return ok && cset[0];
}

folio_hyph *folio_hyph_load(folio_ctx *ctx, const char *lang, folio_loc loc)
{
	if (!lang || !*lang)
		lang = "en";
	const char *file = NULL;
	if (folio_lang_is(lang, "en"))
		file = "hyph_en_US.dic";
	else if (folio_lang_is(lang, "ru"))
		file = "hyph_ru_RU.dic";
	if (!file) {
		folio_warn(ctx, loc,
		           "no hyphenation patterns for language '%s'; text is set without "
		           "hyphenation",
		           lang);
		return NULL;
	}
	char path[512], cset[64];
	snprintf(path, sizeof path, "%s/%s", FOLIO_HYPHEN_DIR, file);
	errno = 0;
	if (!folio_dic_charset(path, cset, sizeof cset)) {
		folio_error(ctx, FOLIO_ERR_INPUT, loc,
		            "hyphenation patterns for language '%s': cannot read %s: %s", lang,
		            path, errno ? strerror(errno) : "empty file");
		return NULL;
	}
	bool utf8 = !strcasecmp(cset, "UTF-8");
	iconv_t cd = (iconv_t)-1;
	if (!utf8) {
		cd = iconv_open(cset, "UTF-8");
		if (cd == (iconv_t)-1) {
			folio_error(
			    ctx, FOLIO_ERR_INPUT, loc,
			    "hyphenation patterns for language '%s': the charset '%s' of %s "
			    "is unknown to iconv",
			    lang, cset, path);
			return NULL;
		}
	}
	folio_hyph *h = folio_xcalloc(1, sizeof *h);
	h->utf8 = utf8;
	h->to_dict = cd;
	h->path = folio_xmalloc(strlen(path) + 1);
	strcpy(h->path, path);
	h->lang = folio_xmalloc(strlen(lang) + 1);
	strcpy(h->lang, lang);
	h->words = folio_cache_new();
	return h;
}

static bool folio_hyph_ready(folio_hyph *h)
{
	if (!h->dict && !h->failed) {
		h->dict = h->utf8 ? hnj_hyphen_load(h->path) : folio_load_closed(h->path);
		h->failed = !h->dict;
	}
	return h->dict != NULL;
}

void folio_hyph_drop(folio_hyph *h)
{
	if (!h)
		return;
	if (h->dict)
		hnj_hyphen_free(h->dict);
	folio_cache_drop(h->words);
	free(h->path);
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
	} else if (folio_hyph_ready(h)) {
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
