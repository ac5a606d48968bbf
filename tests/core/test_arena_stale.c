/* test_arena_stale.c: a read through a pointer from before
 * folio_arena_reset. Built and run only with AddressSanitizer, where it
 * must fail: memory given back by a reset is poisoned (arena.c). */
#include "core/core.h"

#include <stdio.h>

int main(void)
{
	folio_arena *a = folio_arena_new();
	volatile unsigned char *old = folio_arena_alloc(a, 64);
	old[0] = 1;
	folio_arena_reset(a);
	unsigned char seen = old[0]; /* must be reported */
	printf("read %d after the reset: not reported\n", seen);
	folio_arena_drop(a);
	return 0;
}
