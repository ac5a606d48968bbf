/* arena.c: the bump allocator that owns a build's memory, and the x-allocators. */
#include "core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct folio_chunk {
	struct folio_chunk *next;
	size_t size, used;
	_Alignas(16) unsigned char data[];
} folio_chunk;

struct folio_arena {
	folio_chunk *head;
};

static void folio_oom(void)
{
	fputs("folio: out of memory\n", stderr);
	abort();
}

void *folio_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		folio_oom();
	return p;
}

void *folio_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		folio_oom();
	return p;
}

void *folio_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		folio_oom();
	return q;
}

folio_arena *folio_arena_new(void)
{
	return folio_xcalloc(1, sizeof(folio_arena));
}

void folio_arena_drop(folio_arena *a)
{
	if (!a)
		return;
	folio_chunk *c = a->head;
	while (c) {
		folio_chunk *next = c->next;
		free(c);
		c = next;
	}
	free(a);
}

/* `size` bytes from the arena, not cleared. */
static void *folio_arena_take(folio_arena *a, size_t size)
{
	size = (size + 15) & ~(size_t)15;
	folio_chunk *c = a->head;
	if (!c || c->size - c->used < size) {
		/* Big requests (picture pixels) get a chunk of their own so the
		 * current chunk keeps serving small ones. */
		size_t want = size > 65536 ? size : 256 * 1024;
		folio_chunk *n = folio_xmalloc(sizeof(folio_chunk) + want);
		n->size = want;
		n->used = 0;
		if (c && size > 65536) {
			n->next = c->next;
			c->next = n;
		} else {
			n->next = c;
			a->head = n;
		}
		c = n;
	}
	void *p = c->data + c->used;
	c->used += size;
	return p;
}

void *folio_arena_alloc(folio_arena *a, size_t size)
{
	void *p = folio_arena_take(a, size);
	memset(p, 0, size);
	return p;
}

char *folio_arena_strndup(folio_arena *a, const char *s, size_t n)
{
	char *p = folio_arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *folio_arena_strdup(folio_arena *a, const char *s)
{
	return s ? folio_arena_strndup(a, s, strlen(s)) : NULL;
}

char *folio_arena_printf(folio_arena *a, const char *fmt, ...)
{
	char small[256];
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	char *p = folio_arena_alloc(a, (size_t)n + 1);
	if ((size_t)n < sizeof small)
		memcpy(p, small, (size_t)n + 1);
	else
		vsnprintf(p, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	return p;
}

void *folio_arena_grow(folio_arena *a, void *old, size_t elem, size_t old_n, size_t new_cap)
{
	/* the copied head need not be cleared first: only the new tail is */
	unsigned char *p = folio_arena_take(a, elem * new_cap);
	size_t head = old ? elem * old_n : 0;
	if (head)
		memcpy(p, old, head);
	memset(p + head, 0, elem * new_cap - head);
	return p;
}
