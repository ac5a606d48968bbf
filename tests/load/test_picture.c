/* test_picture.c: folio_picture_load on PNGs built here, byte by byte, so
 * each case shows exactly what it feeds in: gray kept gray, alpha split or
 * dropped, 16-bit samples, the pixel limit read from the header, and the
 * messages for files that are not PNGs. */
#include "../check.h"
#include "doc/doc.h"
#include "load/load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

static char dir[64];

typedef struct {
	unsigned char data[4096];
	size_t len;
} buf;

static void put32(buf *b, uint32_t v)
{
	for (int i = 3; i >= 0; i--)
		b->data[b->len++] = (unsigned char)(v >> (8 * i));
}

static void chunk(buf *b, const char *type, const unsigned char *d, size_t n)
{
	put32(b, (uint32_t)n);
	size_t start = b->len;
	memcpy(b->data + b->len, type, 4);
	b->len += 4;
	if (n)
		memcpy(b->data + b->len, d, n);
	b->len += n;
	put32(b, (uint32_t)crc32(0, b->data + start, (uInt)(n + 4)));
}

/* A PNG of `rows` (each already starting with its filter byte 0). */
static buf png(uint32_t w, uint32_t h, int depth, int type,
               const unsigned char *rows, size_t nrows, const unsigned char *plte,
               size_t nplte)
{
	buf b = {.len = 0};
	memcpy(b.data, "\x89PNG\r\n\x1a\n", 8);
	b.len = 8;
	unsigned char ihdr[13];
	for (int i = 0; i < 4; i++) {
		ihdr[i] = (unsigned char)(w >> (24 - 8 * i));
		ihdr[4 + i] = (unsigned char)(h >> (24 - 8 * i));
	}
	ihdr[8] = (unsigned char)depth;
	ihdr[9] = (unsigned char)type;
	ihdr[10] = ihdr[11] = ihdr[12] = 0;
	chunk(&b, "IHDR", ihdr, 13);
	if (plte)
		chunk(&b, "PLTE", plte, nplte);
	unsigned char z[1024];
	uLongf zlen = sizeof z;
	compress2(z, &zlen, rows, (uLong)nrows, 9);
	chunk(&b, "IDAT", z, zlen);
	chunk(&b, "IEND", NULL, 0);
	return b;
}

static const char *write_file(const char *name, const void *data, size_t len)
{
	static char path[128];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, len, f) != len) {
		perror(path);
		exit(1);
	}
	fclose(f);
	return path;
}

static folio_picture *load(folio_ctx *ctx, const char *name, const buf *b)
{
	const char *path = write_file(name, b->data, b->len);
	return folio_picture_load(ctx, path, name, (folio_loc){"issue.yaml", 3, 5});
}

/* The print edition's load: PNG data kept for the PDF, not decoded. */
static folio_picture *load_print(folio_ctx *ctx, const char *name, const buf *b)
{
	const char *path = write_file(name, b->data, b->len);
	return folio_picture_load_as(ctx, path, name, (folio_loc){"issue.yaml", 3, 5}, true);
}

/* The picture's kept IDAT data, its parts joined, is want[0..n). */
static bool joined_is(const folio_picture *p, const unsigned char *want, size_t n)
{
	size_t at = 0;
	for (size_t i = 0; i < p->png_idat_nparts; i++) {
		const folio_png_part *part = &p->png_idat_parts[i];
		if (part->len > n - at || memcmp(part->data, want + at, part->len) != 0)
			return false;
		at += part->len;
	}
	return at == n && p->png_idat_len == n;
}

/* Whether this process maps the file at `path` (/proc/self/maps). */
static bool mapped(const char *path)
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[512];
	bool found = false;
	size_t n = strlen(path);
	while (f && fgets(line, sizeof line, f)) {
		size_t len = strcspn(line, "\n");
		found |= len >= n && memcmp(line + len - n, path, n) == 0;
	}
	if (f)
		fclose(f);
	return found;
}

/* A kept picture's file stays mapped, for the PDF writer to read its IDAT
 * data in place, until the context is dropped; a file nothing points into
 * is given back at once. */
static void test_file_kept(void)
{
	folio_ctx *ctx = folio_ctx_new();
	unsigned char rgb[3 * (1 + 2 * 3)] = {0};
	buf b = png(2, 3, 8, 2, rgb, sizeof rgb, NULL, 0);
	const char *path = write_file("kept.png", b.data, b.len);
	char kept[128];
	snprintf(kept, sizeof kept, "%s", path);
	folio_picture *p = folio_picture_load_as(ctx, kept, "kept.png", (folio_loc){0}, true);
	CHECK(p && p->png_idat && mapped(kept));
	unsigned char ga[2 * (1 + 2 * 2)] = {0, 1, 128, 2, 255, 0, 3, 0, 4, 200};
	buf a = png(2, 2, 8, 4, ga, sizeof ga, NULL, 0);
	path = write_file("not-kept.png", a.data, a.len);
	char not_kept[128];
	snprintf(not_kept, sizeof not_kept, "%s", path);
	p = folio_picture_load_as(ctx, not_kept, "not-kept.png", (folio_loc){0}, true);
	CHECK(p && p->pixels && !p->png_idat && !mapped(not_kept));
	CHECK(mapped(kept));
	folio_ctx_drop(ctx);
	CHECK(!mapped(kept));
}

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Where the body of the first chunk of `type` starts (0: none). */
static size_t body_of(const buf *b, const char *type)
{
	for (size_t pos = 8; pos + 12 <= b->len; pos += 12 + get32(b->data + pos))
		if (!memcmp(b->data + pos + 4, type, 4))
			return pos + 8;
	return 0;
}

/* Every chunk's CRC made right again after an edit, so that only the edit
 * is wrong. */
static void fix_crcs(buf *b)
{
	for (size_t pos = 8; pos + 12 <= b->len; pos += 12 + get32(b->data + pos)) {
		uint32_t n = get32(b->data + pos);
		uint32_t crc = (uint32_t)crc32(0, b->data + pos + 4, (uInt)n + 4);
		for (int i = 0; i < 4; i++)
			b->data[pos + 8 + n + (size_t)i] = (unsigned char)(crc >> (24 - 8 * i));
	}
}

/* b with a chunk inserted before the one at body offset `before`. */
static buf with_chunk(const buf *b, size_t before, const char *type, const char *text)
{
	buf out = {.len = 0};
	memcpy(out.data, b->data, before - 8);
	out.len = before - 8;
	chunk(&out, type, (const unsigned char *)text, strlen(text));
	memcpy(out.data + out.len, b->data + before - 8, b->len - (before - 8));
	out.len += b->len - (before - 8);
	return out;
}

/* The zlib header CMF, FLG (its top bits; FCHECK made right) at `at`. */
static void zlib_header(buf *b, size_t at, unsigned cmf, unsigned flg)
{
	b->data[at] = (unsigned char)cmf;
	b->data[at + 1] = (unsigned char)(flg + (31 - (cmf * 256 + flg) % 31) % 31);
}

/* The last error recorded starts with `prefix`. */
static bool last_error_is(folio_ctx *ctx, const char *prefix)
{
	if (ctx->ndiags && !strncmp(ctx->diags[ctx->ndiags - 1].text, prefix, strlen(prefix)))
		return true;
	fprintf(stderr, "    wanted an error starting '%s', got '%s'\n", prefix,
	        ctx->ndiags ? ctx->diags[ctx->ndiags - 1].text : "(none)");
	return false;
}

static bool said(folio_ctx *ctx, const char *text)
{
	for (size_t i = 0; i < ctx->ndiags; i++)
		if (strcmp(ctx->diags[i].text, text) == 0)
			return true;
	for (size_t i = 0; i < ctx->ndiags; i++)
		fprintf(stderr, "    diag: %s\n", ctx->diags[i].text);
	fprintf(stderr, "    wanted: %s\n", text);
	return false;
}

static void test_formats(void)
{
	folio_ctx *ctx = folio_ctx_new();

	const unsigned char gray[] = {0, 0, 255};
	buf b = png(2, 1, 8, 0, gray, sizeof gray, NULL, 0);
	folio_picture *p = load(ctx, "gray.png", &b);
	CHECK(p && p->channels == 1 && !p->alpha && p->width == 2 && p->height == 1);
	CHECK(p && p->pixels[0] == 0 && p->pixels[1] == 255);
	CHECK(p && strcmp(p->path, "gray.png") == 0);

	const unsigned char ga[] = {0, 10, 255, 20, 128};
	b = png(2, 1, 8, 4, ga, sizeof ga, NULL, 0);
	p = load(ctx, "ga.png", &b);
	CHECK(p && p->channels == 1 && p->alpha);
	CHECK(p && p->pixels[0] == 10 && p->pixels[1] == 20);
	CHECK(p && p->alpha && p->alpha[0] == 255 && p->alpha[1] == 128);

	/* All opaque: the alpha goes, the colour is squeezed to RGB. */
	const unsigned char opaque[] = {0, 1, 2, 3, 255, 4, 5, 6, 255};
	b = png(2, 1, 8, 6, opaque, sizeof opaque, NULL, 0);
	p = load(ctx, "opaque.png", &b);
	CHECK(p && p->channels == 3 && !p->alpha);
	CHECK(p && memcmp(p->pixels, "\1\2\3\4\5\6", 6) == 0);

	const unsigned char rgba[] = {0, 1, 2, 3, 0, 4, 5, 6, 255};
	b = png(2, 1, 8, 6, rgba, sizeof rgba, NULL, 0);
	p = load(ctx, "rgba.png", &b);
	CHECK(p && p->channels == 3 && p->alpha);
	CHECK(p && p->alpha && p->alpha[0] == 0 && p->alpha[1] == 255);
	CHECK(p && p->pixels[3] == 4 && p->pixels[4] == 5 && p->pixels[5] == 6);

	/* Untagged 16-bit samples mean sRGB, as they do to every viewer:
	 * 0x8000 is mid gray (128), not linear 0.5 (188). */
	const unsigned char g16[] = {0, 0x80, 0x00, 0xFF, 0xFF};
	b = png(2, 1, 16, 0, g16, sizeof g16, NULL, 0);
	p = load(ctx, "g16.png", &b);
	CHECK(p && p->channels == 1 && p->pixels[0] == 128 && p->pixels[1] == 255);

	/* A palette is colour even when its entries are gray. */
	const unsigned char plte[] = {7, 7, 7, 9, 9, 9};
	const unsigned char idx[] = {0, 0x10}; /* 2 bits each: indices 0, 1 */
	b = png(2, 1, 2, 3, idx, sizeof idx, plte, sizeof plte);
	p = load(ctx, "plte.png", &b);
	CHECK(p && p->channels == 3 && !p->alpha);
	CHECK(p && p->pixels[0] == 7 && p->pixels[3] == 9);

	CHECK(ctx->nerrors == 0);
	folio_ctx_drop(ctx);
}

static void test_errors(void)
{
	folio_ctx *ctx = folio_ctx_new();

	/* The header alone decides: 200000 x 200000 is refused before a byte
	 * of pixel memory is taken. */
	const unsigned char row[] = {0, 0};
	buf b = png(200000, 200000, 8, 0, row, sizeof row, NULL, 0);
	CHECK(load(ctx, "huge.png", &b) == NULL);
	CHECK(said(ctx, "huge.png: error: picture is 200000 x 200000 pixels, more "
	                "than the limit of 100000000"));

	/* Pixel data cut short. */
	const unsigned char gray[] = {0, 1, 2, 0, 3, 4};
	b = png(2, 2, 8, 0, gray, 3, NULL, 0);
	CHECK(load(ctx, "short.png", &b) == NULL);
	CHECK(ctx->ndiags > 0 &&
	      strncmp(ctx->diags[ctx->ndiags - 1].text,
	              "short.png: error: corrupt PNG: ", 31) == 0);

	/* A bad checksum in the header. */
	b = png(2, 1, 8, 0, gray, 3, NULL, 0);
	b.data[29] ^= 1;
	CHECK(load(ctx, "crc.png", &b) == NULL);
	CHECK(said(ctx, "crc.png: error: corrupt PNG: IHDR: CRC error"));

	buf jpeg = {.data = {0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'},
	            .len = 10};
	CHECK(load(ctx, "photo.jpg", &jpeg) == NULL);
	CHECK(said(ctx, "photo.jpg: error: JPEG is cut short (it has no end-of-image "
	                "marker): was it copied completely?"));

	buf text = {.data = "GIF89a, or anything else", .len = 24};
	CHECK(load(ctx, "text.png", &text) == NULL);
	CHECK(said(ctx, "text.png: error: not a PNG or JPEG picture"));
	buf empty = {.len = 0};
	CHECK(load(ctx, "empty.png", &empty) == NULL);
	CHECK(said(ctx, "empty.png: error: not a PNG or JPEG picture"));

	CHECK(folio_picture_load(ctx, "/nonexistent/x.png", "images/x.png",
	                         (folio_loc){"issue.yaml", 3, 5}) == NULL);
	CHECK(said(ctx, "issue.yaml:3:5: error: cannot open 'images/x.png': No "
	                "such file or directory"));

	ctx->limits.picture_bytes = 10;
	b = png(2, 1, 8, 0, gray, 3, NULL, 0);
	CHECK(load(ctx, "big.png", &b) == NULL);
	CHECK(said(ctx, "issue.yaml:3:5: error: 'big.png' is larger than the limit "
	                "of 10 bytes"));
	CHECK(ctx->status == FOLIO_ERR_INPUT);
	folio_ctx_drop(ctx);
}


/* The print edition keeps PNG data for the PDF without decoding it. It
 * checks what pdfTeX checks before copying PNG data (chunk order, lengths,
 * every CRC, the zlib header) and trusts the compressed samples the CRCs
 * protect: it does not inflate them. A fault it finds sends the file to the
 * decoder, which names it. */
static void test_print_path(void)
{
	folio_ctx *ctx = folio_ctx_new();
	unsigned char rgb[3 * (1 + 4 * 3)];
	for (size_t i = 0; i < sizeof rgb; i++)
		rgb[i] = i % 13 == 0 ? 0 : (unsigned char)(i * 37);
	buf b = png(4, 3, 8, 2, rgb, sizeof rgb, NULL, 0);
	size_t idat = body_of(&b, "IDAT");
	uint32_t n = get32(b.data + idat - 8);
	folio_picture *p = load_print(ctx, "rgb.png", &b);
	CHECK(p && !p->pixels && p->png_idat && p->png_color_type == 2 && p->channels == 3);
	CHECK(p && p->width == 4 && p->height == 3);
	CHECK(p && p->png_idat_len == n && memcmp(p->png_idat, b.data + idat, n) == 0);
	CHECK(p && p->png_idat_nparts == 1 && p->png_idat_parts[0].len == n);

	/* The IDAT data split over chunks (one of a single byte) is joined. */
	buf split = {.len = 0};
	memcpy(split.data, b.data, idat - 8);
	split.len = idat - 8;
	chunk(&split, "IDAT", b.data + idat, 1);
	chunk(&split, "IDAT", b.data + idat + 1, n - 1);
	chunk(&split, "IEND", NULL, 0);
	p = load_print(ctx, "split.png", &split);
	CHECK(p && !p->pixels && p->png_idat_len == n && joined_is(p, b.data + idat, n));
	/* not copied: one part per chunk, each where the chunk's body lies */
	CHECK(p && p->png_idat_nparts == 2 && p->png_idat_parts[0].len == 1 &&
	      p->png_idat_parts[1].len == n - 1 &&
	      p->png_idat_parts[1].data == p->png_idat_parts[0].data + 1 + 12 &&
	      p->png_idat == p->png_idat_parts[0].data);
	/* an empty IDAT chunk holds no part */
	buf empty_idat = {.len = 0};
	memcpy(empty_idat.data, b.data, idat - 8);
	empty_idat.len = idat - 8;
	chunk(&empty_idat, "IDAT", NULL, 0);
	chunk(&empty_idat, "IDAT", b.data + idat, n);
	chunk(&empty_idat, "IDAT", NULL, 0);
	chunk(&empty_idat, "IEND", NULL, 0);
	p = load_print(ctx, "empty-idat.png", &empty_idat);
	CHECK(p && !p->pixels && p->png_idat_nparts == 1 && p->png_idat_len == n &&
	      memcmp(p->png_idat, b.data + idat, n) == 0);
	/* the decoding path keeps the parts too (the screen edition) */
	p = load(ctx, "split.png", &split);
	CHECK(p && p->pixels && p->png_idat_nparts == 2 && joined_is(p, b.data + idat, n));

	const unsigned char plte[] = {1, 2, 3, 4, 5, 6};
	const unsigned char idx[] = {0, 1, 0, 0, 0, 1};
	buf pb = png(2, 2, 8, 3, idx, sizeof idx, plte, sizeof plte);
	p = load_print(ctx, "plte8.png", &pb);
	CHECK(p && !p->pixels && p->png_color_type == 3 && p->png_palette_entries == 2 &&
	      memcmp(p->png_palette, plte, 6) == 0);
	CHECK(ctx->nerrors == 0);

	/* The contract: a broken deflate stream under correct CRCs (here an
	 * invalid block type) fails to decode but is kept for the PDF. */
	buf bad = b;
	bad.data[idat + 2] = 0x07; /* BFINAL 1, BTYPE 11 (reserved) */
	fix_crcs(&bad);
	CHECK(load(ctx, "deflate.png", &bad) == NULL &&
	      last_error_is(ctx, "deflate.png: error: corrupt PNG: "));
	int errors = ctx->nerrors;
	p = load_print(ctx, "deflate.png", &bad);
	CHECK(p && !p->pixels && ctx->nerrors == errors);

	/* What the CRCs and the header say is caught on both paths, with the
	 * decoder's message. */
	struct {
		const char *name;
		buf png;
	} broken[5];
	broken[0].name = "idat-crc.png"; /* a flipped bit in the IDAT data */
	broken[0].png = b;
	broken[0].png.data[idat + 5] ^= 0x10;
	broken[1].name = "zlib-method.png"; /* CM 7: not deflate (FCHECK right) */
	broken[1].png = b;
	zlib_header(&broken[1].png, idat, 0x77, 0x80);
	broken[2].name = "zlib-check.png"; /* FCHECK off by one */
	broken[2].png = b;
	broken[2].png.data[idat + 1] ^= 1;
	broken[3].name = "zlib-dict.png"; /* a preset dictionary (FDICT) */
	broken[3].png = b;
	zlib_header(&broken[3].png, idat, 0x78, 0x20);
	broken[4].name = "critical.png"; /* an unknown critical chunk */
	broken[4].png = with_chunk(&b, idat, "CRIT", "x");
	for (int i = 1; i < 4; i++)
		fix_crcs(&broken[i].png);
	for (int i = 0; i < 5; i++) {
		folio_picture *d = load(ctx, broken[i].name, &broken[i].png);
		CHECK(d == NULL);
		CHECK(ctx->ndiags > 0);
		const char *said_decoding = ctx->ndiags ? ctx->diags[ctx->ndiags - 1].text : "";
		folio_picture *k = load_print(ctx, broken[i].name, &broken[i].png);
		if (k || ctx->ndiags < 2 ||
		    strcmp(ctx->diags[ctx->ndiags - 1].text, said_decoding) != 0)
			fprintf(stderr, "    %s: print path: %s\n", broken[i].name,
			        k ? "accepted" : ctx->diags[ctx->ndiags - 1].text);
		CHECK(k == NULL);
		CHECK(ctx->ndiags > 0 &&
		      strcmp(ctx->diags[ctx->ndiags - 1].text, said_decoding) == 0);
	}

	/* Not quite PNG, though libpng reads them: a chunk between IDAT
	 * chunks, no IEND. Never kept as they are: decoded. */
	buf gap = with_chunk(&split, body_of(&split, "IDAT") + 1 + 12, "tEXt", "a\0b");
	p = load_print(ctx, "gap.png", &gap);
	CHECK(!p || p->pixels);
	buf cut = b;
	cut.len -= 12;
	p = load_print(ctx, "no-iend.png", &cut);
	CHECK(!p || p->pixels);
	folio_ctx_drop(ctx);
}

/* The screen edition's pixels, made after the layout (folio_picture_fit):
 * a PNG kept without pixels is decoded only when it is drawn smaller than
 * it is, then shrunk by the box filter, its data still kept; a broken
 * deflate stream is caught there, at the picture's name. */
static void test_fit(void)
{
	folio_ctx *ctx = folio_ctx_new();
	/* 4 x 2 gray: the two 2 x 2 blocks average 25 and 201 (200.5 rounded) */
	const unsigned char rows[] = {0, 10, 20, 200, 201, 0, 30, 40, 200, 201};
	buf b = png(4, 2, 8, 0, rows, sizeof rows, NULL, 0);
	folio_picture *p = load_print(ctx, "fit.png", &b);
	CHECK(p && !p->pixels && p->png_file && p->png_idat);
	CHECK(p && folio_picture_fit(ctx, p, 4, 2, NULL) && !p->pixels); /* not smaller */
	CHECK(p && folio_picture_fit(ctx, p, 2, 1, NULL) && p->pixels);
	CHECK(p && p->pixels_width == 2 && p->pixels_height == 1 && p->width == 4);
	CHECK(p && p->pixels && p->pixels[0] == 25 && p->pixels[1] == 201);
	CHECK(p && p->png_idat);
	/* fitted again, as a picture placed twice is: nothing changes */
	const unsigned char *was = p ? p->pixels : NULL;
	CHECK(p && folio_picture_fit(ctx, p, 2, 1, NULL) && p->pixels == was);
	CHECK(p && !p->pixels_cut);

	/* cut to a frame that shows its right half: only that half's samples
	 * are kept, (200 + 201 + 200 + 201) / 4 rounded, and the part is said */
	p = load_print(ctx, "fit.png", &b);
	folio_picture_part right = {0.5, 0, 1, 1};
	CHECK(p && folio_picture_fit(ctx, p, 2, 1, &right) && p->pixels);
	CHECK(p && p->pixels_width == 1 && p->pixels_height == 1 && p->pixels[0] == 201);
	CHECK(p && p->pixels_cut && p->pixels_part.x0 == 0.5 && p->pixels_part.x1 == 1 &&
	      p->pixels_part.y0 == 0 && p->pixels_part.y1 == 1);
	/* a part that falls between samples takes every sample it touches */
	p = load_print(ctx, "fit.png", &b);
	folio_picture_part mid = {0.3, 0.6, 0.6, 1};
	CHECK(p && folio_picture_fit(ctx, p, 2, 1, &mid) && p->pixels_cut);
	CHECK(p && p->pixels_part.x0 == 0.25 && p->pixels_part.x1 == 0.75 &&
	      p->pixels_part.y0 == 0.5 && p->pixels_part.y1 == 1);

	/* a palette picture comes out RGB */
	const unsigned char plte[] = {10, 20, 30, 250, 240, 230};
	const unsigned char idx[] = {0, 1, 1, 0, 1, 1};
	buf pb = png(2, 2, 8, 3, idx, sizeof idx, plte, sizeof plte);
	p = load_print(ctx, "fit-plte.png", &pb);
	CHECK(p && p->channels == 3 && folio_picture_fit(ctx, p, 1, 1, NULL) && p->pixels);
	CHECK(p && p->pixels && p->pixels[0] == 250 && p->pixels[1] == 240 &&
	      p->pixels[2] == 230);
	CHECK(ctx->nerrors == 0);

	/* broken deflate data under right CRCs: kept at load, refused when
	 * the screen must decode it, and taken as it is when it need not */
	const unsigned char rgb[] = {0, 1, 2, 3, 4, 5, 6, 0, 7, 8, 9, 10, 11, 12};
	buf bad = png(2, 2, 8, 2, rgb, sizeof rgb, NULL, 0);
	bad.data[body_of(&bad, "IDAT") + 2] = 0x07; /* BTYPE 11 (reserved) */
	fix_crcs(&bad);
	p = load_print(ctx, "fit-bad.png", &bad);
	CHECK(p && folio_picture_fit(ctx, p, 2, 2, NULL) && ctx->nerrors == 0);
	CHECK(p && !folio_picture_fit(ctx, p, 1, 1, NULL) && !p->pixels &&
	      last_error_is(ctx, "fit-bad.png: error: corrupt PNG: "));
	folio_ctx_drop(ctx);
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/folio-picture-XXXXXX",
	         tmp && strlen(tmp) < 30 ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror(dir);
		return 1;
	}
	test_formats();
	test_errors();
	test_print_path();
	test_file_kept();
	test_fit();
	const char *names[] = {"gray.png", "ga.png",   "opaque.png", "rgba.png",
	                       "g16.png",  "plte.png", "huge.png",   "short.png",
	                       "crc.png",  "photo.jpg", "text.png",  "empty.png",
	                       "big.png", "rgb.png", "split.png", "plte8.png",
	                       "deflate.png", "idat-crc.png", "zlib-method.png",
	                       "zlib-check.png", "zlib-dict.png", "critical.png",
	                       "no-iend.png", "gap.png", "empty-idat.png", "kept.png",
	                       "not-kept.png", "fit.png", "fit-plte.png", "fit-bad.png"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char path[128];
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
	if (check_failures)
		fprintf(stderr, "%d check(s) failed\n", check_failures);
	return check_failures ? 1 : 0;
}
