/* test_arena_reset.c: folio_arena_reset (the oldest chunk kept, the rest
 * given back, what comes after zeroed) and folio_arena_alloc_raw. */
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

static void test_reset(void)
{
	folio_arena *a = folio_arena_new();
	folio_arena_reset(a); /* nothing handed out yet */
	unsigned char *first = folio_arena_alloc(a, 100);
	memset(first, 0xAA, 100);
	/* spill over several chunks and a big block of its own */
	for (int i = 0; i < 40; i++)
		memset(folio_arena_alloc(a, 30000), 0xBB, 30000);
	memset(folio_arena_alloc(a, 300000), 0xCC, 300000);
	folio_arena_reset(a);

	/* the oldest chunk serves again, from its start, cleared */
	unsigned char *again = folio_arena_alloc(a, 100);
	CHECK(again == first);
	CHECK(all_zero(again, 100));
	/* the whole of a dirty chunk comes back zeroed, and past it */
	unsigned char *most = folio_arena_alloc(a, 200000);
	CHECK(all_zero(most, 200000));
	unsigned char *more = folio_arena_alloc(a, 60000);
	CHECK(all_zero(more, 60000));
	CHECK(((uintptr_t)more & 15) == 0);
	char *s = folio_arena_printf(a, "%s-%d", "after", 2);
	CHECK(!strcmp(s, "after-2"));

	/* a reset after a reset, and the arrays that grow in it */
	folio_arena_reset(a);
	folio_arena_reset(a);
	int *v = NULL;
	size_t n = 0, cap = 0;
	for (int i = 0; i < 50000; i++)
		FOLIO_PUSH(a, v, n, cap, i);
	bool ok = n == 50000;
	for (size_t i = 0; ok && i < n; i++)
		ok = v[i] == (int)i;
	CHECK(ok);
	folio_arena_drop(a);

	/* an arena whose first request was big keeps that block */
	folio_arena *b = folio_arena_new();
	unsigned char *big = folio_arena_alloc(b, 100000);
	memset(big, 0xDD, 100000);
	folio_arena_alloc(b, 10);
	folio_arena_reset(b);
	unsigned char *p = folio_arena_alloc(b, 1000);
	CHECK(p == big);
	CHECK(all_zero(p, 1000));
	folio_arena_drop(b);
}

static void test_raw(void)
{
	folio_arena *a = folio_arena_new();
	unsigned char *z = folio_arena_alloc(a, 50);
	unsigned char *r = folio_arena_alloc_raw(a, 1000);
	CHECK(((uintptr_t)r & 15) == 0);
	CHECK(r >= z + 50); /* after the zeroed block, not over it */
	memset(r, 0x5A, 1000);
	CHECK(all_zero(z, 50));
	unsigned char *big = folio_arena_alloc_raw(a, 1 << 20);
	CHECK(((uintptr_t)big & 15) == 0);
	memset(big, 1, 1 << 20);
	CHECK(big[(1 << 20) - 1] == 1);
	/* what follows a raw block is zeroed as ever */
	unsigned char *after = folio_arena_alloc(a, 64);
	CHECK(all_zero(after, 64));
	folio_arena_drop(a);
}

int main(void)
{
	test_reset();
	test_raw();
	return check_report("arena reset");
}
