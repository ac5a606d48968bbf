/* test_page_digests.c: each page's digest (folio watch's "page 3 changed")
 * follows what the page shows: the same display list gives the same
 * digests, a changed pixel changes only its page's, a changed word only
 * its page's, a picture and a face new on page 1 (which renumber the
 * document's pictures and fonts) only page 1's, a link's new address in
 * the screen edition only its page's, and asking for digests does not
 * change the PDF's bytes. */
#include "../check.h"
#include "pdf/pdf.h"
#include "text/text.h"

#include <stdlib.h>

static unsigned char px[3 * 2 * 3];
static unsigned char px2[3 * 2 * 3], px3[3 * 2 * 3];
static folio_picture pic = {.path = "p.png", .width = 3, .height = 2, .channels = 3,
                            .pixels = px};
static folio_picture pic2 = {.path = "q.png", .width = 3, .height = 2, .channels = 3,
                             .pixels = px2};
static folio_picture pic3 = {.path = "r.png", .width = 3, .height = 2, .channels = 3,
                             .pixels = px3};
static folio_dl_item page1[4], page2[3];
static const char *link; /* page 2 links to it when set */
static folio_dl_page pages[2];

static folio_dl_item words(folio_face *face, double y, const char *s)
{
	return (folio_dl_item){.kind = FOLIO_DL_TEXT, .x = 72, .y = y, .face = face, .size = 10,
	                       .text = s, .len = strlen(s), .color = {.k = 1},
	                       .dest_page = -1, .style = -1, .article = -1};
}

static folio_dl_item image(const folio_picture *p, double y)
{
	return (folio_dl_item){.kind = FOLIO_DL_IMAGE, .x = 72, .y = y, .w = 60, .h = 40,
	                       .picture = p, .dest_page = -1, .style = -1, .article = -1};
}

/* Page 1: words and a picture, after an italic line and another picture
 * when `italic`; page 2: words and a picture of its own. */
static folio_display display(folio_face *face, const char *second, folio_face *italic)
{
	size_t n = 0;
	if (italic) {
		page1[n++] = words(italic, 60, "New on the first page");
		page1[n++] = image(&pic3, 200);
	}
	page1[n++] = words(face, 72, "On the first page");
	page1[n++] = image(&pic, 100);
	page2[0] = words(face, 72, second);
	page2[1] = image(&pic2, 100);
	page2[2] = (folio_dl_item){.kind = FOLIO_DL_LINK, .x = 72, .y = 62, .w = 80, .h = 12,
	                           .uri = link, .dest_page = -1, .style = -1, .article = -1};
	pages[0] = (folio_dl_page){page1, n, n};
	pages[1] = (folio_dl_page){page2, link ? 3 : 2, 3};
	return (folio_display){.page_width = 300, .page_height = 400, .bleed = 8.5,
	                       .pages = pages, .npages = 2, .title = "Digests",
	                       .year = 2022, .month = 9, .day = 30};
}

/* The PDF of dl (NULL on failure); its pages' digests into d when d. */
static folio_target target = FOLIO_TARGET_PRINT;

static unsigned char *write(folio_ctx *ctx, const folio_display *dl, uint64_t *d, size_t *len)
{
	folio_pdf_options o = {.target = target, .page_digests = d};
	unsigned char *out = NULL;
	if (!folio_pdf_write(ctx, dl, &o, &out, len))
		return NULL;
	return out;
}

/* Only the digests: the PDF is freed with its own length. (Written as
 * folio_pdf_free(write(.., &len), len), the length may be read before the
 * call sets it: C leaves the order of arguments open, and a stale length
 * unmapped a neighbour's pages under AddressSanitizer.) */
static void digests(folio_ctx *ctx, const folio_display *dl, uint64_t *d)
{
	size_t len = 0;
	unsigned char *pdf = write(ctx, dl, d, &len);
	CHECK(pdf != NULL);
	folio_pdf_free(pdf, len);
}

int main(void)
{
	const char *data = getenv("FOLIO_DATA_DIR");
	char path[1024];
	snprintf(path, sizeof path, "%s/fonts/PTSerif-Regular.ttf", data ? data : ".");
	folio_ctx *ctx = folio_ctx_new();
	folio_fonts *fonts = folio_fonts_new();
	folio_face *face = folio_fonts_load(ctx, fonts, path);
	snprintf(path, sizeof path, "%s/fonts/PTSerif-Italic.ttf", data ? data : ".");
	folio_face *italic = folio_fonts_load(ctx, fonts, path);
	CHECK(face != NULL && italic != NULL);
	if (!face || !italic)
		CHECK_DONE();
	for (size_t i = 0; i < sizeof px; i++) {
		px[i] = (unsigned char)(40 * i);
		px2[i] = (unsigned char)(255 - 13 * i);
		px3[i] = (unsigned char)(7 * i);
	}

	folio_display dl = display(face, "On the second page", NULL);
	uint64_t a[2] = {0}, b[2] = {0}, c[2] = {0}, d[2] = {0};
	size_t la, lb, lplain;
	unsigned char *pa = write(ctx, &dl, a, &la);
	unsigned char *plain = write(ctx, &dl, NULL, &lplain);
	unsigned char *pb = write(ctx, &dl, b, &lb);
	CHECK(pa && plain && pb);
	CHECK(a[0] && a[1] && a[0] != a[1]);
	CHECK(a[0] == b[0] && a[1] == b[1]); /* the same display list */
	CHECK(pa && plain && la == lplain && !memcmp(pa, plain, la)); /* asking costs no byte */

	px[4] ^= 1; /* one sample of the picture on page 1 */
	digests(ctx, &dl, c);
	CHECK(c[0] != a[0] && c[1] == a[1]);
	px[4] ^= 1;

	dl = display(face, "On the second page!", NULL); /* one more glyph on page 2 */
	digests(ctx, &dl, d);
	CHECK(d[0] == a[0] && d[1] != a[1]);

	/* page 2's picture is now the document's third (Im3, was Im2) and its
	 * face the second (F2, was F1): what page 2 shows has not changed */
	uint64_t e[2] = {0};
	dl = display(face, "On the second page", italic);
	size_t le = 0;
	unsigned char *pe = write(ctx, &dl, e, &le);
	CHECK(pe && memmem(pe, le, "/Im3 ", 5) && memmem(pe, le, "/F2 ", 4)); /* resources */
	folio_pdf_free(pe, le);
	CHECK(e[0] != a[0] && e[1] == a[1]);

	/* the screen edition: a link is not in the content, but it is on the page */
	target = FOLIO_TARGET_SCREEN;
	uint64_t f[2] = {0}, g[2] = {0};
	link = "https://example.org/a";
	dl = display(face, "On the second page", NULL);
	digests(ctx, &dl, f);
	link = "https://example.org/b";
	dl = display(face, "On the second page", NULL);
	digests(ctx, &dl, g);
	CHECK(f[0] && f[0] == g[0] && f[1] != g[1]);

	CHECK(ctx->nerrors == 0);
	folio_pdf_free(pa, la);
	folio_pdf_free(plain, lplain);
	folio_pdf_free(pb, lb);
	folio_fonts_drop(fonts);
	folio_ctx_drop(ctx);
	CHECK_DONE();
}
