/* test_core.c: the context's messages and exit classes, the arena, UTF-8. */
#include "../check.h"
#include "core/core.h"

static void test_diagnostics(void)
{
	folio_ctx *ctx = folio_ctx_new();
	folio_warn(ctx, (folio_loc){"issue.yaml", 3, 0}, "odd %s", "thing");
	CHECK(!folio_failed(ctx));
	CHECK(folio_error(ctx, FOLIO_ERR_OVERSET, (folio_loc){"issue.yaml", 14, 5}, "x") == false);
	CHECK(ctx->status == FOLIO_ERR_OVERSET);
	folio_error(ctx, FOLIO_ERR_INPUT, (folio_loc){"a.md", 0, 0}, "bad %d", 7);
	CHECK(ctx->status == FOLIO_ERR_INPUT); /* input errors outrank overset */
	folio_error(ctx, FOLIO_ERR_OTHER, FOLIO_NOWHERE, "late");
	CHECK(ctx->status == FOLIO_ERR_INPUT);
	CHECK(ctx->ndiags == 4);
	CHECK(!strcmp(ctx->diags[0].text, "issue.yaml:3: warning: odd thing"));
	CHECK(!strcmp(ctx->diags[1].text, "issue.yaml:14:5: error: x"));
	CHECK(!strcmp(ctx->diags[2].text, "a.md: error: bad 7"));
	CHECK(!strcmp(ctx->diags[3].text, "error: late"));
	folio_ctx_drop(ctx);
	folio_ctx_drop(NULL);
}

static void test_arena(void)
{
	folio_arena *a = folio_arena_new();
	int *v = NULL;
	size_t n = 0, cap = 0;
	for (int i = 0; i < 10000; i++)
		FOLIO_PUSH(a, v, n, cap, i);
	CHECK(n == 10000);
	int ok = 1;
	for (int i = 0; i < 10000; i++)
		ok &= v[i] == i;
	CHECK(ok);
	unsigned char *big = folio_arena_alloc(a, 1 << 20);
	CHECK(big[12345] == 0); /* zeroed */
	CHECK(((uintptr_t)big & 15) == 0);
	CHECK(!strcmp(folio_arena_printf(a, "%s-%d", "p", 4), "p-4"));
	folio_arena_drop(a);
}

static void test_utf8(void)
{
	const char *s = "a\xC3\xA9\xD0\x96\xE2\x80\x94\xF0\x9F\x98\x80";
	size_t i = 0, len = strlen(s);
	CHECK(folio_utf8_next(s, len, &i) == 'a');
	CHECK(folio_utf8_next(s, len, &i) == 0xE9);
	CHECK(folio_utf8_next(s, len, &i) == 0x416);
	CHECK(folio_utf8_next(s, len, &i) == 0x2014);
	CHECK(folio_utf8_next(s, len, &i) == 0x1F600);
	CHECK(i == len);
	CHECK(folio_utf8_check(s, len) == (size_t)-1);
	CHECK(folio_utf8_check("ab\xC0\xAF", 4) == 2);     /* overlong */
	CHECK(folio_utf8_check("ab\xED\xA0\x80", 5) == 2); /* surrogate */
	CHECK(folio_utf8_check("abc\xE2\x80", 5) == 3);    /* truncated */
	CHECK(folio_utf8_check("ab\0c", 4) == 2);          /* NUL */
	/* ASCII is checked eight bytes at a time: every place of a fault in
	 * and after such blocks, and every length, is still found */
	char buf[40];
	for (size_t at = 0; at < sizeof buf; at++) {
		static const char *bad[] = {"\0", "\x80", "\xFF", "\xC3"};
		for (size_t b = 0; b < 4; b++) {
			memset(buf, 'x', sizeof buf);
			buf[at] = bad[b][0];
			CHECK(folio_utf8_check(buf, sizeof buf) == at);
			CHECK(folio_utf8_check(buf, at) == (size_t)-1);
		}
		/* a good two-byte character across a block's edge */
		memset(buf, 'x', sizeof buf);
		if (at + 1 < sizeof buf) {
			buf[at] = '\xD0', buf[at + 1] = '\x96';
			CHECK(folio_utf8_check(buf, sizeof buf) == (size_t)-1);
			CHECK(folio_utf8_check(buf, at + 1) == at); /* cut in two */
		}
	}
	char out[4];
	CHECK(folio_utf8_put(0x416, out) == 2 && (unsigned char)out[0] == 0xD0);
}

int main(void)
{
	test_diagnostics();
	test_arena();
	test_utf8();
	CHECK_DONE();
}
