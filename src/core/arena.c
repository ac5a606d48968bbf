/* arena.c: the bump allocator that owns a build's memory, and the x-allocators. */
#include "core.h"

#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Memory given back by folio_arena_reset is marked unusable for the
 * checkers, so a read through a pointer from before the reset is reported
 * (AddressSanitizer, or valgrind's memcheck; elsewhere this costs nothing). */
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define FOLIO_POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define FOLIO_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#elif defined(__has_include)
#if __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#define FOLIO_POISON(p, n) VALGRIND_MAKE_MEM_NOACCESS((p), (n))
#define FOLIO_UNPOISON(p, n) VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#endif
#endif
#ifndef FOLIO_POISON
#define FOLIO_POISON(p, n) ((void)(p), (void)(n))
#define FOLIO_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

typedef struct folio_chunk {
	struct folio_chunk *next;
	size_t size, used;
	bool reused; /* rewound by folio_arena_reset: poisoned past `used` */
	_Alignas(16) unsigned char data[];
} folio_chunk;

struct folio_arena {
	folio_chunk *head;
};

_Noreturn void folio_oom(void)
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

/* glibc's malloc serves blocks of 128 KB and more (arena chunks, libharu's
 * encoders, font subsets) from fresh mmap'd pages and unmaps them when
 * freed, so the next such block faults its pages in again; it raises that
 * threshold only after it happens to free a big mmap'd block, which made
 * the page faults of a build depend on its order of frees. Fixed instead:
 * blocks up to 4 MB come from the heap, and up to 16 MB of freed heap is
 * kept for the next block. Set once, when the first arena is made. */
static void folio_malloc_policy(void)
{
#ifdef M_MMAP_THRESHOLD
	static bool done;
	if (done)
		return;
	done = true;
	mallopt(M_MMAP_THRESHOLD, 4 << 20);
	mallopt(M_TRIM_THRESHOLD, 16 << 20);
#endif
}

folio_arena *folio_arena_new(void)
{
	folio_malloc_policy();
	return folio_xcalloc(1, sizeof(folio_arena));
}

enum { FOLIO_CHUNK = 256 * 1024, FOLIO_BIG = 65536, FOLIO_POOL_MAX = 1 };

/* A whole chunk given back by a dropped arena, for the next arena that
 * needs one. The short-lived arenas (a paragraph's scratch, an article's
 * rows, a trial pass) then take turns on the same touched memory instead
 * of wherever malloc finds room after the small blocks allocated in
 * between, often fresh pages (a fault per 4 KB). One chunk, not more: a
 * chunk kept here is memory the PDF writer cannot reuse, and measured
 * (page faults of the sample build) one is the best of 0 to 8. The pool
 * is the process's, and a program embedding libfolio may build on several
 * threads: it is locked, which costs next to nothing at two chunk moves a
 * paragraph. */
static folio_chunk *folio_pool;
static size_t folio_npool;
static pthread_mutex_t folio_pool_lock = PTHREAD_MUTEX_INITIALIZER;

/* Into the pool when there is room; false: the caller frees it. */
static bool folio_pool_put(folio_chunk *c)
{
	if (c->size != FOLIO_CHUNK)
		return false;
	pthread_mutex_lock(&folio_pool_lock);
	bool kept = folio_npool < FOLIO_POOL_MAX;
	if (kept) {
		c->next = folio_pool;
		folio_pool = c;
		folio_npool++;
	}
	pthread_mutex_unlock(&folio_pool_lock);
	return kept;
}

static folio_chunk *folio_pool_get(void)
{
	pthread_mutex_lock(&folio_pool_lock);
	folio_chunk *c = folio_pool;
	if (c) {
		folio_pool = c->next;
		folio_npool--;
	}
	pthread_mutex_unlock(&folio_pool_lock);
	return c;
}

static void folio_chunks_free(folio_chunk *c)
{
	while (c) {
		folio_chunk *next = c->next;
		/* what the checkers see of a pooled chunk: nothing in it may be
		 * read; the poisoning comes first, as the chunk is another
		 * thread's as soon as it is in the pool */
		FOLIO_POISON(c->data, c->size);
		c->used = 0;
		c->reused = true;
		if (!folio_pool_put(c)) {
			/* no checker's mark outlives the chunk */
			FOLIO_UNPOISON(c->data, c->size);
			free(c);
		}
		c = next;
	}
}

static folio_chunk *folio_chunk_new(size_t want)
{
	folio_chunk *c = want == FOLIO_CHUNK ? folio_pool_get() : NULL;
	if (c)
		return c; /* poisoned, reused: folio_arena_take unpoisons */
	c = folio_xmalloc(sizeof(folio_chunk) + want);
	c->size = want;
	c->used = 0;
	c->reused = false;
	return c;
}

void folio_arena_drop(folio_arena *a)
{
	if (!a)
		return;
	folio_chunks_free(a->head);
	free(a);
}

/* The oldest chunk stays: it is a whole 256 KB one unless the arena's
 * first request was bigger than that, and its pages are already touched,
 * which is the point (a fresh chunk costs a page fault per 4 KB). */
void folio_arena_reset(folio_arena *a)
{
	folio_chunk *keep = a->head;
	if (!keep)
		return;
	folio_chunk *c = a->head;
	while (keep->next)
		keep = keep->next;
	while (c != keep) {
		folio_chunk *next = c->next;
		c->next = NULL;
		folio_chunks_free(c);
		c = next;
	}
	FOLIO_POISON(keep->data, keep->used);
	keep->used = 0;
	keep->reused = true;
	a->head = keep;
}

/* `size` bytes from the arena, not cleared. */
static void *folio_arena_take(folio_arena *a, size_t size)
{
	size = (size + 15) & ~(size_t)15;
	folio_chunk *c = a->head;
	if (!c || c->size - c->used < size) {
		/* Big requests (picture pixels) get a chunk of their own so the
		 * current chunk keeps serving small ones; one that fits a
		 * standard chunk gets one, from the pool. */
		size_t want = size > FOLIO_CHUNK ? size : FOLIO_CHUNK;
		folio_chunk *n = folio_chunk_new(want);
		if (c && size > FOLIO_BIG) {
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
	if (c->reused)
		FOLIO_UNPOISON(p, size);
	return p;
}

void *folio_arena_alloc_raw(folio_arena *a, size_t size)
{
	return folio_arena_take(a, size);
}

void *folio_arena_alloc(folio_arena *a, size_t size)
{
	void *p = folio_arena_take(a, size);
	memset(p, 0, size);
	return p;
}

char *folio_arena_strndup(folio_arena *a, const char *s, size_t n)
{
	char *p = folio_arena_take(a, n + 1);
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
	if (!fmt) /* never called so; says so to GCC's sanitizer builds */
		fmt = "";
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	char *p = folio_arena_take(a, (size_t)n + 1);
	if ((size_t)n < sizeof small)
		memcpy(p, small, (size_t)n + 1);
	else
		vsnprintf(p, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	return p;
}

/* The new tail is not cleared: FOLIO_PUSH, and every other caller, writes
 * an element before it counts it, and a cleared tail would touch pages the
 * array may never reach (a fault each). */
void *folio_arena_grow(folio_arena *a, void *old, size_t elem, size_t old_n, size_t new_cap)
{
	unsigned char *p = folio_arena_take(a, elem * new_cap);
	size_t head = old ? elem * old_n : 0;
	if (head)
		memcpy(p, old, head);
	return p;
}
