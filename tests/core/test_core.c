/* test_core.c: the context's messages and exit classes, the arena, UTF-8,
 * whether a file read earlier is still the same file, the lane digest in
 * pieces. */
#include "../check.h"
#include "core/core.h"

#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void test_diagnostics(void)
{
	folio_ctx *ctx = folio_ctx_new();
	folio_warn(ctx, (folio_loc){"issue.yaml", 3, 0}, "odd %s", "thing");
	/* the same warning again (a layout pass run twice) is said once */
	folio_warn(ctx, (folio_loc){"issue.yaml", 3, 0}, "odd %s", "thing");
	CHECK(ctx->ndiags == 1 && ctx->nwarnings == 1);
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

/* What another context recorded (a picture fitted on another thread) comes
 * after ctx's own messages, a warning ctx has said already left out, and
 * its exit class ranks as folio_error ranks it. */
static void test_adopt(void)
{
	folio_ctx *ctx = folio_ctx_new(), *part = folio_ctx_new();
	folio_warn(ctx, (folio_loc){"issue.yaml", 3, 0}, "odd");
	folio_error(ctx, FOLIO_ERR_OVERSET, FOLIO_NOWHERE, "long");
	folio_warn(part, (folio_loc){"issue.yaml", 3, 0}, "odd");
	folio_error(part, FOLIO_ERR_INPUT, (folio_loc){"b.png", 0, 0}, "corrupt");
	folio_warn(part, (folio_loc){"b.png", 0, 0}, "dim");
	folio_ctx_adopt(ctx, part);
	CHECK(ctx->ndiags == 4 && ctx->nerrors == 2 && ctx->nwarnings == 2);
	CHECK(ctx->status == FOLIO_ERR_INPUT);
	CHECK(ctx->ndiags == 4 && !strcmp(ctx->diags[2].text, "b.png: error: corrupt") &&
	      !strcmp(ctx->diags[3].text, "b.png: warning: dim"));
	/* the messages are ctx's now: part gives back only its own memory */
	CHECK(part->ndiags == 0);
	folio_ctx_drop(part);
	folio_ctx *clean = folio_ctx_new();
	folio_ctx_adopt(ctx, clean);
	CHECK(ctx->ndiags == 4 && ctx->status == FOLIO_ERR_INPUT);
	folio_ctx_drop(clean);
	folio_ctx_drop(ctx);
}

/* The screen edition's colours as Coated FOGRA39 prints them: the paper
 * white, the darkest black black (black point compensation), 100 K a
 * neutral near black, the process inks and the sample's navy near the
 * sRGB of Fogra's measured patches, and more black always darker. */
static bool rgb_near(const double c[4], double r, double g, double b, double tol)
{
	double v[3];
	folio_cmyk_srgb(c[0], c[1], c[2], c[3], v);
	bool ok = fabs(v[0] * 255 - r) <= tol && fabs(v[1] * 255 - g) <= tol &&
	          fabs(v[2] * 255 - b) <= tol;
	if (!ok)
		fprintf(stderr, "    %g %g %g %g -> %.1f %.1f %.1f, want %g %g %g\n", c[0], c[1], c[2],
		        c[3], v[0] * 255, v[1] * 255, v[2] * 255, r, g, b);
	return ok;
}

static void test_cmyk(void)
{
	CHECK(rgb_near((double[]){0, 0, 0, 0}, 255, 255, 255, 0.01));
	CHECK(rgb_near((double[]){1, 1, 1, 1}, 3, 3, 3, 3));
	CHECK(rgb_near((double[]){0, 0, 0, 1}, 32, 32, 31, 2));
	CHECK(rgb_near((double[]){1, 0, 0, 0}, 0, 159, 227, 3));
	CHECK(rgb_near((double[]){0, 1, 0, 0}, 229, 0, 126, 3));
	CHECK(rgb_near((double[]){0, 0, 1, 0}, 255, 237, 0, 3));
	CHECK(rgb_near((double[]){1, 0.7, 0, 0.4}, 0, 57, 113, 3));
	/* out of range is clamped, not extrapolated */
	CHECK(rgb_near((double[]){-1, -1, -1, -1}, 255, 255, 255, 0.01));
	double last = 2;
	for (int k = 0; k <= 100; k += 5) {
		double v[3];
		folio_cmyk_srgb(0, 0, 0, k / 100.0, v);
		CHECK(v[1] < last && fabs(v[0] - v[1]) < 0.02 && fabs(v[2] - v[1]) < 0.02);
		last = v[1];
	}
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

/* text written at path, its mtime `age` seconds ago */
static void write_file(const char *path, const char *text, int age)
{
	FILE *f = fopen(path, "wb");
	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
	struct timespec t[2];
	clock_gettime(CLOCK_REALTIME, &t[0]);
	t[0].tv_sec -= age;
	t[1] = t[0];
	CHECK(utimensat(AT_FDCWD, path, t, 0) == 0);
}

/* Bytes kept from one build to the next are read again once their file is
 * another: rewritten (even at the same size), replaced by a rename, gone. */
static void test_file_changed(void)
{
	char dir[] = "/tmp/folio-files.XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char path[64], other[64];
	snprintf(path, sizeof path, "%s/a", dir);
	snprintf(other, sizeof other, "%s/b", dir);
	write_file(path, "one", 3600);
	folio_ctx *ctx = folio_ctx_new();
	folio_file_bytes b;
	CHECK(folio_file_get(ctx, path, "a", FOLIO_NOWHERE, 100, FOLIO_FILE_READ, &b));
	CHECK(b.len == 3 && !memcmp(b.data, "one", 3));
	CHECK(!folio_file_changed(&b, path));
	write_file(path, "two", 0); /* the same size, written again */
	CHECK(folio_file_changed(&b, path));
	folio_file_drop(&b);

	/* written just before it was read: a write since might not show */
	CHECK(folio_file_get(ctx, path, "a", FOLIO_NOWHERE, 100, FOLIO_FILE_READ, &b));
	CHECK(folio_file_changed(&b, path));
	folio_file_drop(&b);

	write_file(path, "two", 3600);
	CHECK(folio_file_get(ctx, path, "a", FOLIO_NOWHERE, 100, FOLIO_FILE_MAP, &b));
	CHECK(!folio_file_changed(&b, path));
	write_file(other, "two", 3600);
	CHECK(rename(other, path) == 0); /* another file under the name, as old */
	CHECK(folio_file_changed(&b, path));
	folio_file_drop(&b);

	CHECK(folio_file_get(ctx, path, "a", FOLIO_NOWHERE, 100, FOLIO_FILE_READ, &b));
	CHECK(unlink(path) == 0);
	CHECK(folio_file_changed(&b, path));
	folio_file_drop(&b);
	CHECK(!folio_failed(ctx));
	folio_ctx_drop(ctx);
	CHECK(rmdir(dir) == 0);
}

/* The digest taken in pieces is the digest of the whole, however the
 * pieces fall against the 32-byte blocks; and every byte counts. */
static void test_lanes(void)
{
	unsigned char data[300];
	for (size_t i = 0; i < sizeof data; i++)
		data[i] = (unsigned char)(i * 131 + 7);
	uint64_t whole[4];
	folio_lanes(data, sizeof data, whole);
	static const size_t cuts[][3] = {{0, 0, 0}, {1, 2, 3}, {31, 32, 33}, {5, 64, 299}, {100, 100, 299}};
	for (size_t c = 0; c < sizeof cuts / sizeof cuts[0]; c++) {
		folio_lanes_state s;
		folio_lanes_start(&s);
		size_t at = 0;
		for (int k = 0; k < 3; k++) {
			folio_lanes_add(&s, data + at, cuts[c][k] - at);
			at = cuts[c][k];
		}
		folio_lanes_add(&s, data + at, sizeof data - at);
		uint64_t v[4];
		folio_lanes_end(&s, v);
		CHECK(memcmp(v, whole, sizeof v) == 0);
		CHECK(s.total == sizeof data);
	}
	for (size_t i = 0; i < sizeof data; i += 37) {
		data[i] ^= 1;
		uint64_t v[4];
		folio_lanes(data, sizeof data, v);
		CHECK(memcmp(v, whole, sizeof v) != 0);
		data[i] ^= 1;
	}
}

int main(void)
{
	test_diagnostics();
	test_adopt();
	test_cmyk();
	test_arena();
	test_utf8();
	test_file_changed();
	test_lanes();
	CHECK_DONE();
}
