/* cache.c: a small byte-string map for results worth keeping across
 * paragraphs (a word's shaping per face, its hyphenation per language):
 * the layout sets a paragraph more than once, and "the" comes back often. */
#include "text_int.h"

#include <stdlib.h>
#include <string.h>

/* A slot is 16 bytes, so the table (at most half full) costs 32 bytes an
 * entry: it is cleared whenever it doubles, a page fault a 4 KB the first
 * time. An entry's length, value and key are one block of the arena:
 * [vlen: 8 bytes][value, padded to 8][key], the value 8-aligned. */
typedef struct {
	const unsigned char *block; /* NULL: empty slot */
	uint32_t hash;              /* the low bits of the whole hash */
	uint32_t klen;
} folio_cache_slot;

enum { FOLIO_CACHE_HEAD = 8 };

struct folio_cache {
	folio_cache_slot *slots;
	size_t cap, n;
	folio_arena *mem; /* the entries' blocks */
};

/* Bounds the memory a long build can spend here (entries, not bytes: a
 * word's data is small). */
#define FOLIO_CACHE_MAX (1u << 17)

static size_t folio_cache_vlen(const unsigned char *block)
{
	uint64_t v;
	memcpy(&v, block, sizeof v);
	return (size_t)v;
}

static size_t folio_cache_room(size_t vlen)
{
	return (vlen + 7) & ~(size_t)7;
}

static const unsigned char *folio_cache_key(const unsigned char *block)
{
	return block + FOLIO_CACHE_HEAD + folio_cache_room(folio_cache_vlen(block));
}

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

static folio_cache_slot *folio_cache_find(folio_cache *c, uint32_t h, const void *key, size_t klen)
{
	size_t i = h & (c->cap - 1);
	while (c->slots[i].block) {
		folio_cache_slot *s = &c->slots[i];
		if (s->hash == h && s->klen == klen &&
		    !memcmp(folio_cache_key(s->block), key, klen))
			return s;
		i = (i + 1) & (c->cap - 1);
	}
	return &c->slots[i];
}

const void *folio_cache_get(folio_cache *c, const void *key, size_t klen, size_t *vlen)
{
	if (!c->n || klen > UINT32_MAX)
		return NULL;
	folio_cache_slot *s = folio_cache_find(c, (uint32_t)folio_cache_hash(key, klen), key, klen);
	if (!s->block)
		return NULL;
	if (vlen)
		*vlen = folio_cache_vlen(s->block);
	return s->block + FOLIO_CACHE_HEAD;
}

const void *folio_cache_put(folio_cache *c, const void *key, size_t klen, const void *val,
                            size_t vlen)
{
	if (c->n >= FOLIO_CACHE_MAX || klen > UINT32_MAX || vlen > UINT32_MAX)
		return NULL;
	if ((c->n + 1) * 2 > c->cap) {
		folio_cache old = *c;
		c->cap = c->cap ? c->cap * 2 : 256;
		c->slots = folio_xcalloc(c->cap, sizeof *c->slots);
		for (size_t i = 0; i < old.cap; i++)
			if (old.slots[i].block)
				*folio_cache_find(c, old.slots[i].hash,
				                  folio_cache_key(old.slots[i].block),
				                  old.slots[i].klen) = old.slots[i];
		free(old.slots);
	}
	uint32_t h = (uint32_t)folio_cache_hash(key, klen);
	folio_cache_slot *s = folio_cache_find(c, h, key, klen);
	/* a new block for a key seen before too: the old value may be in use */
	size_t vroom = folio_cache_room(vlen);
	unsigned char *b = folio_arena_alloc_raw(c->mem, FOLIO_CACHE_HEAD + vroom + klen);
	uint64_t v = vlen;
	memcpy(b, &v, sizeof v);
	if (vlen)
		memcpy(b + FOLIO_CACHE_HEAD, val, vlen);
	memcpy(b + FOLIO_CACHE_HEAD + vroom, key, klen);
	if (!s->block)
		c->n++;
	s->block = b;
	s->hash = h;
	s->klen = (uint32_t)klen;
	return b + FOLIO_CACHE_HEAD;
}
