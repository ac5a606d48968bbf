/* cache.c: a small byte-string map for results worth keeping across
 * paragraphs (a word's shaping per face, its hyphenation per language):
 * the layout sets a paragraph more than once, and "the" comes back often. */
#include "text_int.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
	uint64_t hash;
	const unsigned char *key; /* NULL: empty slot */
	size_t klen;
	const void *val;
	size_t vlen;
} folio_cache_slot;

struct folio_cache {
	folio_cache_slot *slots;
	size_t cap, n;
	folio_arena *mem; /* keys and values */
};

/* Bounds the memory a long build can spend here (entries, not bytes: a
 * word's data is small). */
#define FOLIO_CACHE_MAX (1u << 17)

folio_cache *folio_cache_new(void)
{
	folio_cache *c = folio_xcalloc(1, sizeof(folio_cache));
	c->mem = folio_arena_new();
	return c;
}

void folio_cache_drop(folio_cache *c)
{
	if (!c)
		return;
	folio_arena_drop(c->mem);
	free(c->slots);
	free(c);
}

static uint64_t folio_cache_hash(const void *key, size_t n)
{
	uint64_t h = folio_fnv1a(FOLIO_FNV_OFFSET, key, n);
	return h ^ (h >> 29);
}

static folio_cache_slot *folio_cache_find(folio_cache *c, uint64_t h, const void *key, size_t klen)
{
	size_t i = h & (c->cap - 1);
	while (c->slots[i].key) {
		folio_cache_slot *s = &c->slots[i];
		if (s->hash == h && s->klen == klen && !memcmp(s->key, key, klen))
			return s;
		i = (i + 1) & (c->cap - 1);
	}
	return &c->slots[i];
}

const void *folio_cache_get(folio_cache *c, const void *key, size_t klen, size_t *vlen)
{
	if (!c->n)
		return NULL;
	folio_cache_slot *s = folio_cache_find(c, folio_cache_hash(key, klen), key, klen);
	if (!s->key)
		return NULL;
	if (vlen)
		*vlen = s->vlen;
	return s->val;
}

const void *folio_cache_put(folio_cache *c, const void *key, size_t klen, const void *val,
                            size_t vlen)
{
	if (c->n >= FOLIO_CACHE_MAX)
		return NULL;
	if ((c->n + 1) * 2 > c->cap) {
		folio_cache old = *c;
		c->cap = c->cap ? c->cap * 2 : 256;
		c->slots = folio_xcalloc(c->cap, sizeof *c->slots);
		for (size_t i = 0; i < old.cap; i++)
			if (old.slots[i].key)
				*folio_cache_find(c, old.slots[i].hash, old.slots[i].key,
				                  old.slots[i].klen) = old.slots[i];
		free(old.slots);
	}
	uint64_t h = folio_cache_hash(key, klen);
	folio_cache_slot *s = folio_cache_find(c, h, key, klen);
	if (!s->key) {
		unsigned char *k = folio_arena_alloc(c->mem, klen + 1);
		memcpy(k, key, klen);
		s->hash = h;
		s->key = k;
		s->klen = klen;
		c->n++;
	}
	void *v = folio_arena_alloc(c->mem, vlen ? vlen : 1);
	if (vlen)
		memcpy(v, val, vlen);
	s->val = v;
	s->vlen = vlen;
	return v;
}
