/* test_arena_pool.c: the chunk a dropped arena gives back serves the next
 * arena (dirty, as its last user left it: what is handed out zeroed is
 * zeroed all the same), big blocks, and arrays grown by FOLIO_PUSH. */
#include "../check.h"
#include "core/core.h"

#include <stdint.h>

static bool all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

static void test_pool(void)
{
	folio_arena *a = folio_arena_new();
	unsigned char *first = folio_arena_alloc(a, 1000);
	memset(first, 0xEE, 1000);
	memset(folio_arena_alloc_raw(a, 200000), 0xEF, 200000);
	folio_arena_drop(a);

	/* a paragraph's scratch after another's: the same memory */
	folio_arena *b = folio_arena_new();
	unsigned char *again = folio_arena_alloc(b, 1000);
	CHECK(again == first);
	CHECK(all_zero(again, 1000));
	unsigned char *rest = folio_arena_alloc(b, 200000);
	CHECK(all_zero(rest, 200000));
	/* a raw block is only the caller's: written, read back */
	unsigned char *raw = folio_arena_alloc_raw(b, 5000);
	memset(raw, 7, 5000);
	CHECK(raw[0] == 7 && raw[4999] == 7);
	folio_arena_drop(b);

	/* two arenas alive at once never share a chunk */
	folio_arena *c = folio_arena_new(), *d = folio_arena_new();
	unsigned char *pc = folio_arena_alloc(c, 100), *pd = folio_arena_alloc(d, 100);
	memset(pc, 1, 100);
	memset(pd, 2, 100);
	CHECK(pc != pd);
	CHECK(pc[99] == 1 && pd[0] == 2);
	folio_arena_drop(c);
	folio_arena_drop(d);
}

static void test_big(void)
{
	folio_arena *a = folio_arena_new();
	unsigned char *small = folio_arena_alloc(a, 64);
	memset(small, 3, 64);
	/* bigger than FOLIO_BIG, smaller than a chunk; bigger than a chunk */
	unsigned char *mid = folio_arena_alloc(a, 100000);
	unsigned char *huge = folio_arena_alloc(a, 600000);
	CHECK(all_zero(mid, 100000) && all_zero(huge, 600000));
	CHECK(((uintptr_t)mid & 15) == 0 && ((uintptr_t)huge & 15) == 0);
	memset(mid, 4, 100000);
	memset(huge, 5, 600000);
	/* the first chunk had room for the middle one; the huge one has a
	 * chunk of its own, and the small ones go on in the first */
	CHECK(mid == small + 64);
	unsigned char *next = folio_arena_alloc(a, 64);
	CHECK(next == mid + 100000);
	CHECK(small[63] == 3 && mid[99999] == 4 && huge[599999] == 5);
	folio_arena_drop(a);
}

static void test_grow(void)
{
	folio_arena *a = folio_arena_new();
	struct pair {
		int key;
		double value;
	} *v = NULL;
	size_t n = 0, cap = 0;
	for (int i = 0; i < 20000; i++)
		FOLIO_PUSH(a, v, n, cap, ((struct pair){i, i * 0.5}));
	bool ok = n == 20000 && cap >= n;
	for (size_t i = 0; ok && i < n; i++)
		ok = v[i].key == (int)i && v[i].value == (double)i * 0.5;
	CHECK(ok);
	/* folio_arena_grow keeps the head it is given */
	int *w = folio_arena_alloc(a, 3 * sizeof *w);
	w[0] = 10, w[1] = 11, w[2] = 12;
	int *w2 = folio_arena_grow(a, w, sizeof *w, 2, 100);
	CHECK(w2 != w && w2[0] == 10 && w2[1] == 11);
	int *w3 = folio_arena_grow(a, NULL, sizeof *w, 0, 4);
	CHECK(w3 != NULL && ((uintptr_t)w3 & 15) == 0);
	folio_arena_drop(a);
}

int main(void)
{
	test_pool();
	test_big();
	test_grow();
	return check_report("arena pool");
}
