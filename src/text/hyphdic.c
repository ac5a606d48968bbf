/* hyphdic.c: a .dic file made ready for libhyphen, as folio hyphenates with
 * it. It runs at build time (hyphgen.c, a native program) and in the test
 * that compares the compiled patterns with the file, so it stands alone:
 * plain malloc, no folio core. */
#include "hyphdic.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- making an 8-bit dictionary usable ----
 * libhyphen's automaton applies, at each position, only the values of the
 * state it reached, not those of the shorter patterns that also end there
 * (its fallback states). Its own dictionaries are therefore "closed" by
 * substrings.pl: every prefix of a pattern carries the values of all the
 * patterns that are its suffixes. Debian 12's hyph_ru_RU.dic (KOI8-R) is
 * raw TeX patterns and, loaded as is, finds no point in "программа". So an
 * 8-bit file is closed before libhyphen reads it. */

static void *folio_hd_check(void *p)
{
	if (!p) {
		fputs("hyphdic: out of memory\n", stderr);
		abort();
	}
	return p;
}

static void *folio_hd_xmalloc(size_t n)
{
	return folio_hd_check(calloc(1, n ? n : 1));
}

/* Everything a load allocates, freed at once at its end. */
typedef struct folio_hd_chunk {
	struct folio_hd_chunk *next;
	size_t used, cap;
	unsigned char data[];
} folio_hd_chunk;

static void *folio_hd_alloc(folio_hd_chunk **pool, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	if (!*pool || (*pool)->cap - (*pool)->used < n) {
		size_t cap = n > 65536 ? n : 65536;
		folio_hd_chunk *c = folio_hd_xmalloc(sizeof *c + cap);
		c->cap = cap;
		c->next = *pool;
		*pool = c;
	}
	void *p = (*pool)->data + (*pool)->used;
	(*pool)->used += n;
	return p;
}

static void folio_hd_pool_drop(folio_hd_chunk *pool)
{
	while (pool) {
		folio_hd_chunk *next = pool->next;
		free(pool);
		pool = next;
	}
}

typedef struct {
	const unsigned char *key; /* letters, no digits */
	size_t len;
	unsigned char *vals; /* len + 1 values */
} folio_pat;

typedef struct {
	folio_pat *slots;
	size_t cap, n;
} folio_pat_map;

static uint64_t folio_hd_hash(const unsigned char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325u; /* FNV-1a */
	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 0x100000001b3u;
	return h;
}

static folio_pat *folio_pat_find(folio_pat_map *m, const unsigned char *k, size_t n, bool insert)
{
	if (insert && (m->n + 1) * 2 > m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 1024;
		folio_pat_map bigger = {folio_hd_xmalloc(cap * sizeof(folio_pat)), cap, 0};
		for (size_t i = 0; i < m->cap; i++)
			if (m->slots[i].key)
				*folio_pat_find(&bigger, m->slots[i].key, m->slots[i].len, true) =
				    m->slots[i];
		free(m->slots);
		*m = bigger;
	}
	if (!m->cap)
		return NULL;
	size_t i = folio_hd_hash(k, n) & (m->cap - 1);
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

/* Read `f` (after its charset line, already in `out`), close its patterns
 * and write them to `out`. */
static void folio_close_patterns(FILE *f, FILE *out)
{
	folio_pat_map orig = {0}, closed = {0};
	folio_hd_chunk *pool = NULL;
	folio_pat *list = NULL;
	size_t nlist = 0, caplist = 0;
	char line[256];
	while (fgets(line, sizeof line, f)) {
		size_t n = strcspn(line, "\r\n");
		line[n] = 0;
		if (!n || line[0] == '%' || strchr(line, '/') ||
		    (line[0] >= 'A' && line[0] <= 'Z')) {
			/* keywords (LEFTHYPHENMIN, NEXTLEVEL...) and non-standard
			 * patterns pass unchanged */
			fprintf(out, "%s\n", line);
			continue;
		}
		unsigned char *key = folio_hd_alloc(&pool, n + 1);
		unsigned char *vals = folio_hd_alloc(&pool, n + 2);
		memset(vals, 0, n + 2);
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
		if (nlist == caplist) {
			caplist = caplist ? caplist * 2 : 1024;
			list = folio_hd_check(realloc(list, caplist * sizeof *list));
		}
		list[nlist++] = *p;
	}
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
			Q->vals = folio_hd_alloc(&pool, e + 1);
			memcpy(Q->vals, vals, e + 1);
			folio_pat_write(out, Q);
		}
	}
	free(list);
	free(orig.slots);
	free(closed.slots);
	folio_hd_pool_drop(pool);
}

HyphenDict *folio_hyphdic_load(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char cset[256];
	if (!fgets(cset, sizeof cset, f)) {
		fclose(f);
		return NULL;
	}
	char name[sizeof cset];
	memcpy(name, cset, sizeof cset);
	name[strcspn(name, " \t\r\n")] = 0;
	if (!strcasecmp(name, "UTF-8")) {
		fclose(f);
		return hnj_hyphen_load(path);
	}
	char *buf = NULL;
	size_t len = 0;
	FILE *out = folio_hd_check(open_memstream(&buf, &len));
	/* the charset line passes unchanged */
	cset[strcspn(cset, "\r\n")] = 0;
	fprintf(out, "%s\n", cset);
	folio_close_patterns(f, out);
	fclose(f);
	fclose(out);
	FILE *in = fmemopen(buf, len, "r");
	HyphenDict *dict = in ? hnj_hyphen_load_file(in) : NULL;
	if (in)
		fclose(in);
	free(buf);
	return dict;
}
