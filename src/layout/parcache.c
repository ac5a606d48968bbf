/* parcache.c: set paragraphs kept for the rest of the build. The layout
 * runs whole passes again until the contents box's page numbers settle, and
 * plans an article again when a line must lose its hyphen; a paragraph whose
 * text, style, measure, forbidden hyphens and place are the same is set
 * the same, so the lines set the first time are handed out again. Keys hold the text
 * itself, not its address: furniture text is set from stack runs and
 * printf'd strings. Entries and lines live in L->paras, dropped when the
 * layout is done. */
#include "lay.h"

#include <string.h>

struct folio_parcache_entry {
	struct folio_parcache_entry *next;
	uint64_t hash;
	int style;
	folio_align align;
	double width, indent;
	const folio_run *runs; /* a copy, texts included */
	size_t nruns;
	const size_t *nohyph; /* lines that must not end with a hyphen */
	size_t nnohyph;
	folio_loc loc;
	folio_para para;
};

#define FOLIO_PARCACHE_BUCKETS 1024 /* a power of two */

struct folio_parcache {
	folio_parcache_entry *buckets[FOLIO_PARCACHE_BUCKETS];
};

static uint64_t folio_parcache_hash(const folio_parcache_key *k)
{
	uint64_t h = FOLIO_FNV_OFFSET;
	h = folio_fnv1a(h, &k->style, sizeof k->style);
	h = folio_fnv1a(h, &k->align, sizeof k->align);
	h = folio_fnv1a(h, &k->width, sizeof k->width);
	h = folio_fnv1a(h, &k->indent, sizeof k->indent);
	for (size_t i = 0; i < k->nruns; i++) {
		h = folio_fnv1a(h, &k->runs[i].flags, sizeof k->runs[i].flags);
		h = folio_fnv1a(h, &k->runs[i].len, sizeof k->runs[i].len);
		h = folio_fnv1a(h, k->runs[i].text, k->runs[i].len);
	}
	for (size_t i = 0; i < k->nnohyph; i++)
		h = folio_fnv1a(h, &k->nohyph[i], sizeof k->nohyph[i]);
	h = folio_fnv1a(h, &k->loc.line, sizeof k->loc.line);
	h = folio_fnv1a(h, &k->loc.col, sizeof k->loc.col);
	return h;
}

static bool folio_same_str(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static bool folio_parcache_match(const folio_parcache_entry *e, uint64_t h,
                                 const folio_parcache_key *k)
{
	if (e->hash != h || e->style != k->style || e->align != k->align ||
	    e->width != k->width || e->indent != k->indent || e->nruns != k->nruns ||
	    e->nnohyph != k->nnohyph || e->loc.line != k->loc.line ||
	    e->loc.col != k->loc.col || !folio_same_str(e->loc.file, k->loc.file))
		return false;
	for (size_t i = 0; i < k->nruns; i++) {
		const folio_run *a = &e->runs[i], *b = &k->runs[i];
		if (a->len != b->len || a->flags != b->flags || !folio_same_str(a->link, b->link) ||
		    memcmp(a->text, b->text, a->len) != 0)
			return false;
	}
	return !k->nnohyph || !memcmp(e->nohyph, k->nohyph, k->nnohyph * sizeof *k->nohyph);
}

bool folio_parcache_get(folio_lay *L, const folio_parcache_key *k, folio_para *out)
{
	if (!L->parcache)
		return false;
	uint64_t h = folio_parcache_hash(k);
	for (folio_parcache_entry *e = L->parcache->buckets[h & (FOLIO_PARCACHE_BUCKETS - 1)]; e;
	     e = e->next) {
		if (folio_parcache_match(e, h, k)) {
			*out = e->para;
			return true;
		}
	}
	return false;
}

void folio_parcache_put(folio_lay *L, const folio_parcache_key *k, const folio_para *para)
{
	folio_arena *a = L->paras ? L->paras : L->ctx->arena;
	if (!L->parcache) {
		L->parcache = folio_arena_alloc(a, sizeof *L->parcache);
		memset(L->parcache, 0, sizeof *L->parcache);
	}
	folio_parcache_entry *e = folio_arena_alloc(a, sizeof *e);
	e->hash = folio_parcache_hash(k);
	e->style = k->style;
	e->align = k->align;
	e->width = k->width;
	e->indent = k->indent;
	folio_run *runs = folio_arena_alloc(a, (k->nruns ? k->nruns : 1) * sizeof *runs);
	for (size_t i = 0; i < k->nruns; i++) {
		runs[i] = k->runs[i];
		char *text = folio_arena_alloc(a, k->runs[i].len + 1);
		memcpy(text, k->runs[i].text, k->runs[i].len);
		text[k->runs[i].len] = 0;
		runs[i].text = text;
		if (runs[i].link)
			runs[i].link = folio_arena_strdup(a, runs[i].link);
	}
	e->runs = runs;
	e->nruns = k->nruns;
	size_t *nohyph = folio_arena_alloc(a, (k->nnohyph ? k->nnohyph : 1) * sizeof *nohyph);
	if (k->nnohyph)
		memcpy(nohyph, k->nohyph, k->nnohyph * sizeof *nohyph);
	e->nohyph = nohyph;
	e->nnohyph = k->nnohyph;
	e->loc = k->loc; /* file names live as long as the build */
	e->para = *para;
	folio_parcache_entry **b = &L->parcache->buckets[e->hash & (FOLIO_PARCACHE_BUCKETS - 1)];
	e->next = *b;
	*b = e;
}
