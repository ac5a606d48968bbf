/* test_cache.c: the byte-string map behind the shaping and hyphenation
 * caches: values of any length come back whole and aligned, keys that
 * share a prefix stay apart, a key put again gets the new value (the old
 * one still readable), and the table grows without losing anything. */
#include "../check.h"
#include "text/text_int.h"

#include <stdint.h>

static void test_basic(void)
{
	folio_cache *c = folio_cache_new();
	CHECK(folio_cache_get(c, "the", 3, NULL) == NULL);
	/* a value the size of folio_shaped, not a multiple of 8 */
	unsigned char v20[20];
	for (int i = 0; i < 20; i++)
		v20[i] = (unsigned char)(i + 1);
	const unsigned char *kept = folio_cache_put(c, "the", 3, v20, sizeof v20);
	CHECK(kept && !memcmp(kept, v20, 20));
	CHECK(((uintptr_t)kept & 7) == 0);
	size_t vlen = 0;
	const unsigned char *got = folio_cache_get(c, "the", 3, &vlen);
	CHECK(got == kept && vlen == 20);
	/* prefixes, a longer key, the empty key, an empty value */
	CHECK(folio_cache_get(c, "th", 2, NULL) == NULL);
	CHECK(folio_cache_get(c, "them", 4, NULL) == NULL);
	uint16_t pts[3] = {2, 5, 7};
	CHECK(folio_cache_put(c, "them", 4, pts, sizeof pts) != NULL);
	CHECK(folio_cache_put(c, "", 0, "x", 1) != NULL);
	const void *none = folio_cache_put(c, "nothing", 7, NULL, 0);
	CHECK(none != NULL);
	vlen = 99;
	CHECK(folio_cache_get(c, "nothing", 7, &vlen) == none && vlen == 0);
	got = folio_cache_get(c, "them", 4, &vlen);
	CHECK(got && vlen == sizeof pts && !memcmp(got, pts, sizeof pts));
	got = folio_cache_get(c, "", 0, &vlen);
	CHECK(got && vlen == 1 && got[0] == 'x');
	got = folio_cache_get(c, "the", 3, &vlen);
	CHECK(got && vlen == 20 && !memcmp(got, v20, 20));

	/* put again: the new value, the old one left as it was */
	const unsigned char *again = folio_cache_put(c, "the", 3, "abc", 3);
	CHECK(again && again != kept);
	got = folio_cache_get(c, "the", 3, &vlen);
	CHECK(got == again && vlen == 3 && !memcmp(got, "abc", 3));
	CHECK(!memcmp(kept, v20, 20));
	folio_cache_drop(c);
}

static void test_grow(void)
{
	folio_cache *c = folio_cache_new();
	enum { N = 20000 };
	char key[32];
	for (int i = 0; i < N; i++) {
		int len = snprintf(key, sizeof key, "w%d", i);
		uint32_t val[3] = {(uint32_t)i, (uint32_t)len, (uint32_t)i * 7};
		/* lengths 4, 8 and 12 in turn */
		CHECK(folio_cache_put(c, key, (size_t)len, val, sizeof(uint32_t) * (1 + i % 3)));
	}
	bool ok = true;
	for (int i = 0; i < N && ok; i++) {
		int len = snprintf(key, sizeof key, "w%d", i);
		size_t vlen = 0;
		const uint32_t *v = folio_cache_get(c, key, (size_t)len, &vlen);
		ok = v && vlen == sizeof(uint32_t) * (1 + i % 3) && v[0] == (uint32_t)i &&
		     (i % 3 < 1 || v[1] == (uint32_t)len) && (i % 3 < 2 || v[2] == (uint32_t)i * 7);
		if (!ok)
			fprintf(stderr, "entry %d lost\n", i);
	}
	CHECK(ok);
	CHECK(folio_cache_get(c, "w20000", 6, NULL) == NULL);
	folio_cache_drop(c);
}

int main(void)
{
	test_basic();
	test_grow();
	return check_report("cache");
}
