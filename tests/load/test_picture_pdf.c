/* test_picture_pdf.c: PNG data split over several IDAT chunks goes into the
 * PDF as it is, byte for byte the same as when it is in one chunk. The
 * loader keeps one part per chunk where the file's bytes lie, and the PDF
 * writer reads across the parts; PngSuite's split files (oi2*, oi4*, oi9*)
 * are 16-bit, which is decoded rather than passed through, so the 8-bit
 * ones that pass through are split here, chunk by chunk, in several ways.
 * A PNG's iCCP profile goes with its data when PDF/X-3 can carry it, and
 * is said in a warning when not (test_icc).
 * Argument 1: the PngSuite folder. */
#include "../check.h"
#include "../profile.h"
#include "doc/doc.h"
#include "load/load.h"
#include "pdf/pdf.h"

#include <stdlib.h>
#include <unistd.h>
#include <zlib.h>

static char dir[64];

typedef struct {
	unsigned char *data;
	size_t len, cap;
} bytes;

static void put(bytes *b, const void *d, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2;
		b->data = realloc(b->data, b->cap);
	}
	if (n)
		memcpy(b->data + b->len, d, n);
	b->len += n;
}

static void put32(bytes *b, uint32_t v)
{
	unsigned char x[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16),
	                      (unsigned char)(v >> 8), (unsigned char)v};
	put(b, x, 4);
}

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void chunk(bytes *b, const char *type, const unsigned char *d, size_t n)
{
	put32(b, (uint32_t)n);
	size_t start = b->len;
	put(b, type, 4);
	put(b, d, n);
	put32(b, (uint32_t)crc32(0, b->data + start, (uInt)(n + 4)));
}

static bytes read_all(const char *path)
{
	bytes b = {0};
	FILE *f = fopen(path, "rb");
	unsigned char buf[4096];
	size_t n;
	while (f && (n = fread(buf, 1, sizeof buf, f)) > 0)
		put(&b, buf, n);
	if (f)
		fclose(f);
	return b;
}

/* The PNG `src` again, its gAMA chunk dropped (PngSuite's palette files say
 * gamma 1.0, which is decoded) and its IDAT data (joined into *idat) cut
 * into chunks of the sizes in `cuts` (0: an empty chunk), the rest in one
 * last chunk. */
static bytes rechunk(const bytes *src, const size_t *cuts, size_t ncuts, bytes *idat)
{
	bytes out = {0};
	put(&out, src->data, 8);
	idat->len = 0;
	for (size_t pos = 8; pos + 12 <= src->len; pos += 12 + get32(src->data + pos))
		if (!memcmp(src->data + pos + 4, "IDAT", 4))
			put(idat, src->data + pos + 8, get32(src->data + pos));
	bool idat_done = false;
	for (size_t pos = 8; pos + 12 <= src->len; pos += 12 + get32(src->data + pos)) {
		const unsigned char *type = src->data + pos + 4;
		uint32_t n = get32(src->data + pos);
		if (!memcmp(type, "gAMA", 4))
			continue;
		if (memcmp(type, "IDAT", 4)) {
			chunk(&out, (const char *)type, src->data + pos + 8, n);
			continue;
		}
		if (idat_done)
			continue;
		idat_done = true;
		size_t at = 0;
		for (size_t i = 0; i < ncuts && at + cuts[i] < idat->len; i++) {
			chunk(&out, "IDAT", idat->data + at, cuts[i]);
			at += cuts[i];
		}
		chunk(&out, "IDAT", idat->data + at, idat->len - at);
	}
	return out;
}

static const char *write_file(const char *name, const bytes *b)
{
	static char path[160];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(b->data, 1, b->len, f) != b->len) {
		perror(path);
		exit(1);
	}
	fclose(f);
	return path;
}

/* One page with the picture placed at one point per pixel (72 ppi: the
 * screen edition does not resample it either). */
static unsigned char *write_pdf(folio_ctx *ctx, const folio_picture *pic, folio_target target,
                                size_t *len)
{
	folio_dl_item item = {.kind = FOLIO_DL_IMAGE, .x = 72, .y = 72, .w = pic->width,
	                      .h = pic->height, .picture = pic, .dest_page = -1,
	                      .style = -1, .article = -1};
	folio_dl_page page = {&item, 1, 1};
	folio_display dl = {.page_width = 595.28, .page_height = 841.89, .bleed = 8.5,
	                    .pages = &page, .npages = 1, .title = "split", .year = 2024,
	                    .month = 1, .day = 2};
	folio_pdf_options po = {.target = target};
	unsigned char *pdf = NULL;
	*len = 0;
	if (!folio_pdf_write(ctx, &dl, &po, &pdf, len))
		return NULL;
	return pdf;
}

/* The image XObject's stream data is exactly `want`. */
static bool stream_is(const unsigned char *pdf, size_t len, const bytes *want)
{
	static const char image[] = "/Subtype /Image", open[] = "stream\r\n",
	                  close[] = "\nendstream";
	const unsigned char *at = memmem(pdf, len, image, sizeof image - 1);
	if (!at)
		return false;
	const unsigned char *data = memmem(at, len - (size_t)(at - pdf), open, sizeof open - 1);
	if (!data)
		return false;
	data += sizeof open - 1;
	size_t left = len - (size_t)(data - pdf);
	return left >= want->len + sizeof close - 1 && !memcmp(data, want->data, want->len) &&
	       !memcmp(data + want->len, close, sizeof close - 1);
}

/* How each file's IDAT data is cut: the first variant is one chunk. */
static const size_t cut_one[] = {0};
static const size_t cut_small[] = {1, 7};
static const size_t cut_empty[] = {0, 2, 0, 5};
static const size_t cut_even[] = {64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64};
static const struct {
	const size_t *cuts;
	size_t n;
	size_t min_parts; /* at least, for data of 300 bytes or more */
} ways[] = {
    {cut_one, 0, 1},
    {cut_small, 2, 3},
    {cut_empty, 4, 3},
    {cut_even, 14, 5},
};

static void test_file(const char *suite, const char *name)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", suite, name);
	bytes src = read_all(path);
	CHECK(src.len > 8);
	if (src.len <= 8) {
		fprintf(stderr, "%s: cannot read\n", path);
		return;
	}
	for (int t = 0; t < 2; t++) {
		folio_target target = t ? FOLIO_TARGET_SCREEN : FOLIO_TARGET_PRINT;
		unsigned char *first = NULL;
		size_t first_len = 0;
		for (size_t w = 0; w < sizeof ways / sizeof ways[0]; w++) {
			folio_ctx *ctx = folio_ctx_new();
			bytes idat = {0};
			bytes png = rechunk(&src, ways[w].cuts, ways[w].n, &idat);
			char file[64];
			snprintf(file, sizeof file, "split-%zu.png", w);
			/* the print edition keeps the data without decoding; the
			 * screen edition decodes and keeps it too */
			folio_picture *p = folio_picture_load_as(ctx, write_file(file, &png), file,
			                                         (folio_loc){0}, !t);
			CHECK(p && p->png_idat && p->png_idat_len == idat.len &&
			      (t ? p->pixels != NULL : p->pixels == NULL));
			CHECK(p && (idat.len < 300 || p->png_idat_nparts >= ways[w].min_parts));
			size_t len = 0;
			unsigned char *pdf = p ? write_pdf(ctx, p, target, &len) : NULL;
			CHECK(pdf != NULL);
			if (pdf) {
				if (!stream_is(pdf, len, &idat))
					fprintf(stderr, "%s, cut %zu, %s: the image stream is "
					        "not the IDAT data\n", name, w, t ? "screen" : "print");
				CHECK(stream_is(pdf, len, &idat));
				if (!first) {
					first = malloc(len);
					memcpy(first, pdf, len);
					first_len = len;
				} else {
					bool same = len == first_len && !memcmp(pdf, first, len);
					if (!same)
						fprintf(stderr, "%s, cut %zu, %s: the PDF differs "
						        "from the one-chunk file's\n", name, w,
						        t ? "screen" : "print");
					CHECK(same);
				}
				folio_pdf_free(pdf, len);
			}
			/* the parts point into the file's mapping until here */
			folio_ctx_drop(ctx);
			free(png.data);
			free(idat.data);
		}
		free(first);
	}
	free(src.data);
}

static bytes profile(int components, double version)
{
	size_t len = 0;
	unsigned char *p = folio_test_profile(components, version, &len);
	return (bytes){p, len, len};
}

/* `src` with an iCCP chunk after its IHDR (and without gAMA): the profile
 * zlib-compressed, or (damaged) its compressed bytes cut in half. */
static bytes with_iccp(const bytes *src, const bytes *icc, bool damaged)
{
	bytes body = {0};
	put(&body, "folio test\0\0", 12);
	uLongf zlen = compressBound((uLong)icc->len);
	unsigned char *z = malloc(zlen);
	compress(z, &zlen, icc->data, (uLong)icc->len);
	put(&body, z, damaged ? zlen / 2 : zlen);
	free(z);
	bytes out = {0};
	put(&out, src->data, 8 + 25); /* the signature and IHDR */
	chunk(&out, "iCCP", body.data, body.len);
	/* the rest but gAMA (PngSuite's say 1.0, which is decoded) */
	for (size_t pos = 33; pos + 12 <= src->len; pos += 12 + get32(src->data + pos))
		if (memcmp(src->data + pos + 4, "gAMA", 4))
			put(&out, src->data + pos, 12 + get32(src->data + pos));
	free(body.data);
	return out;
}

/* Some stream of the PDF, inflated, holds `needle`. */
static bool inflated_has(const unsigned char *pdf, size_t len, const char *needle)
{
	static const char open[] = "stream\r\n";
	for (const unsigned char *at = pdf; (at = memmem(at, len - (size_t)(at - pdf), open,
	                                                  sizeof open - 1));) {
		at += sizeof open - 1;
		unsigned char out[65536];
		z_stream zs = {.next_in = (unsigned char *)at,
		               .avail_in = (uInt)(len - (size_t)(at - pdf)),
		               .next_out = out,
		               .avail_out = sizeof out};
		if (inflateInit(&zs) != Z_OK)
			return false;
		inflate(&zs, Z_SYNC_FLUSH);
		size_t n = sizeof out - zs.avail_out;
		inflateEnd(&zs);
		if (memmem(out, n, needle, strlen(needle)))
			return true;
	}
	return false;
}

static bool said(const folio_ctx *ctx, const char *text)
{
	for (size_t i = 0; i < ctx->ndiags; i++)
		if (strstr(ctx->diags[i].text, text))
			return true;
	return false;
}

/* name: a PngSuite file; components: its profile's; then what must happen */
static void test_icc_case(const char *suite, const char *name, int components, double version,
                          bool damaged, const char *warning)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", suite, name);
	bytes src = read_all(path);
	bytes icc = profile(components, version);
	bytes png = with_iccp(&src, &icc, damaged);
	for (int data_only = 0; data_only < 2; data_only++) {
		folio_ctx *ctx = folio_ctx_new();
		folio_picture *p = folio_picture_load_as(ctx, write_file("icc.png", &png), "icc.png",
		                                         (folio_loc){0}, data_only);
		CHECK(p != NULL);
		if (!p) {
			folio_ctx_drop(ctx);
			continue;
		}
		if (warning) {
			CHECK(p->icc == NULL);
			CHECK(said(ctx, warning));
			if (!said(ctx, warning))
				fprintf(stderr, "%s: no warning '%s'\n", name, warning);
		} else {
			CHECK(ctx->ndiags == 0);
			CHECK(p->icc && p->icc_len == icc.len && !memcmp(p->icc, icc.data, icc.len));
		}
		size_t len = 0;
		unsigned char *pdf = write_pdf(ctx, p, FOLIO_TARGET_PRINT, &len);
		CHECK(pdf != NULL);
		if (pdf) {
			/* the profile in the PDF, by its description, exactly when kept */
			CHECK(inflated_has(pdf, len, "folio test profile") == (warning == NULL));
			folio_pdf_free(pdf, len);
		}
		folio_ctx_drop(ctx);
	}
	free(src.data);
	free(icc.data);
	free(png.data);
}

static void test_icc(const char *suite)
{
	test_icc_case(suite, "basn2c08.png", 3, 2.1, false, NULL);
	test_icc_case(suite, "basn0g08.png", 1, 2.1, false, NULL);
	test_icc_case(suite, "basn3p08.png", 3, 2.1, false, NULL); /* the palette's base */
	test_icc_case(suite, "basn2c08.png", 3, 4.3, false,
	              "icc.png: warning: the picture's colour profile is ICC version 4");
	test_icc_case(suite, "basn0g08.png", 3, 2.1, false,
	              "icc.png: warning: the picture's colour profile is not for the "
	              "picture's colours: its colours are taken as gray");
	test_icc_case(suite, "basn2c08.png", 3, 2.1, true,
	              "icc.png: warning: the picture's colour profile is damaged");
	test_icc_case(suite, "basn2c16.png", 3, 2.1, false,
	              "icc.png: warning: the picture's colour profile is not used");
	char path[160];
	snprintf(path, sizeof path, "%s/icc.png", dir);
	unlink(path);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s PNGSUITE-FOLDER\n", argv[0]);
		return 1;
	}
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/folio-picpdf-XXXXXX",
	         tmp && strlen(tmp) < 30 ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror(dir);
		return 1;
	}
	/* gray, RGB (a large one, 3 KB of data), palette (gAMA dropped) */
	const char *names[] = {"f01n0g08.png", "f00n2c08.png", "z00n2c08.png", "basn3p08.png"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		test_file(argv[1], names[i]);
	test_icc(argv[1]);
	for (size_t w = 0; w < sizeof ways / sizeof ways[0]; w++) {
		char path[160];
		snprintf(path, sizeof path, "%s/split-%zu.png", dir, w);
		unlink(path);
	}
	rmdir(dir);
	if (check_failures)
		fprintf(stderr, "%d check(s) failed\n", check_failures);
	return check_failures ? 1 : 0;
}
