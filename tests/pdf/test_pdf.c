/* test_pdf.c: the PDF writer on display lists built by hand, checked with
 * poppler-utils (pdffonts, pdfinfo, pdfimages, pdftotext) and qpdf, and by
 * reading the pictures back with libpng. */
#include "../check.h"
#include "pdf/pdf.h"
#include "text/text.h"

#include <png.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static char tmpdir[] = "/tmp/folio-test-pdf-XXXXXX";

/* ---- helpers ---- */

static char *run(const char *fmt, const char *arg)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd, fmt, arg);
	FILE *p = popen(cmd, "r");
	if (!p)
		return NULL;
	size_t n = 0, cap = 4096;
	char *out = malloc(cap);
	size_t got;
	while ((got = fread(out + n, 1, cap - n - 1, p)) > 0) {
		n += got;
		if (cap - n < 2)
			out = realloc(out, cap *= 2);
	}
	out[n] = 0;
	if (pclose(p) != 0) {
		fprintf(stderr, "command failed: %s\n%s", cmd, out);
		free(out);
		return NULL;
	}
	return out;
}

static const char *save(const char *name, const unsigned char *pdf, size_t len)
{
	static char path[4][256];
	static int next;
	char *p = path[next++ % 4];
	snprintf(p, sizeof path[0], "%s/%s", tmpdir, name);
	FILE *f = fopen(p, "wb");
	if (!f || fwrite(pdf, 1, len, f) != len || fclose(f) != 0) {
		fprintf(stderr, "cannot write %s\n", p);
		exit(1);
	}
	return p;
}

static bool contains(const unsigned char *pdf, size_t len, const char *s)
{
	return memmem(pdf, len, s, strlen(s)) != NULL;
}

static const char *next_line(const char *s)
{
	s = s ? strchr(s, '\n') : NULL;
	return s ? s + 1 : NULL;
}

/* pdfimages -list: rows after the two header lines. */
typedef struct {
	char type[16], color[16];
	int page, width, height, object;
} image_row;

static int image_rows(const char *list, image_row *rows, int max)
{
	int n = 0;
	const char *line = next_line(next_line(list));
	for (; line && *line && n < max; line = next_line(line)) {
		image_row r;
		int num;
		if (sscanf(line, "%d %d %15s %d %d %15s %*d %*d %*s %*s %d", &r.page, &num,
		           r.type, &r.width, &r.height, r.color, &r.object) == 7)
			rows[n++] = r;
	}
	return n;
}

/* Read a PNG that pdfimages extracted, as 8-bit RGB. */
static unsigned char *read_png_rgb(const char *path, unsigned *w, unsigned *h)
{
	png_image img = {.version = PNG_IMAGE_VERSION};
	if (!png_image_begin_read_from_file(&img, path))
		return NULL;
	img.format = PNG_FORMAT_RGB;
	unsigned char *buf = malloc(PNG_IMAGE_SIZE(img));
	if (!png_image_finish_read(&img, NULL, buf, 0, NULL)) {
		free(buf);
		return NULL;
	}
	*w = img.width;
	*h = img.height;
	return buf;
}

/* ---- the display list ---- */

static folio_face *serif, *sans;
static unsigned char gray_px[4 * 3];
static unsigned char rgb_px[2 * 2 * 3] = {
    255, 0, 0, /* red, opaque */
    0, 255, 0, /* green, fully transparent */
    0, 0, 255, /* blue, half */
    0, 0, 0,   /* black, opaque */
};
static unsigned char rgb_alpha[2 * 2] = {255, 0, 128, 255};
static folio_picture gray_pic = {.path = "gray.png", .width = 4, .height = 3,
                                 .channels = 1, .pixels = gray_px};
static folio_picture rgb_pic = {.path = "rgb.png", .width = 2, .height = 2, .channels = 3,
                                .pixels = rgb_px, .alpha = rgb_alpha};

static const folio_cmyk black = {.k = 1};
static const folio_cmyk accent = {.c = 0.1, .m = 0.6, .y = 0.9, .k = 0.05};

static folio_dl_item text(folio_face *face, double size, double x, double y,
                          const char *s, folio_cmyk color)
{
	return (folio_dl_item){.kind = FOLIO_DL_TEXT, .x = x, .y = y, .face = face,
	                       .size = size, .text = s, .len = strlen(s),
	                       .color = color, .dest_page = -1, .style = -1, .article = -1};
}

static folio_dl_item box(folio_dl_kind kind, double x, double y, double w, double h)
{
	return (folio_dl_item){.kind = kind, .x = x, .y = y, .w = w, .h = h,
	                       .dest_page = -1, .style = -1, .article = -1};
}

static folio_dl_item rule_at(double x, double y, double w, folio_cmyk color)
{
	folio_dl_item r = box(FOLIO_DL_RULE, x, y, w, 0);
	r.line_width = 0.5;
	r.color = color;
	return r;
}

static folio_dl_item picture_at(double x, double y, double w, double h, folio_picture *pic)
{
	folio_dl_item im = box(FOLIO_DL_IMAGE, x, y, w, h);
	im.picture = pic;
	return im;
}

static folio_dl_item page1[16], page2[8];
static const char *titles[] = {"Первая статья", "Second"};
static int title_pages[] = {0, 1};

static folio_display sample(void)
{
	for (size_t i = 0; i < sizeof gray_px; i++)
		gray_px[i] = (unsigned char)(i * 20);
	size_t n = 0;
	/* Not NUL-terminated where it stops: len says 6 letters of a longer text. */
	folio_dl_item cut = text(serif, 14, 72, 100, "Привет, мир", black);
	cut.len = strlen("Привет");
	page1[n++] = cut;
	page1[n++] = text(serif, 14, 140, 100, "world", accent);
	page1[n++] = text(sans, 10, 72, 130, "Қазақ: әғқ", black);
	page1[n++] = text(serif, 10, 72, 150, "same font, next line", black);
	folio_dl_item rect = box(FOLIO_DL_RECT, 72, 200, 100, 50);
	rect.color = (folio_cmyk){.c = 0.1, .m = 0.2, .y = 0.3, .k = 0.4};
	page1[n++] = rect;
	page1[n++] = rule_at(72, 300, 200, accent);
	page1[n++] = picture_at(72, 400, 80, 60, &gray_pic);
	page1[n++] = picture_at(200, 400, 40, 40, &rgb_pic);
	page1[n++] = text(sans, 9, 72, 480, "after the pictures", black);
	folio_dl_item link = box(FOLIO_DL_LINK, 72, 88, 60, 16);
	link.uri = "https://example.org/folio";
	page1[n++] = link;
	link = box(FOLIO_DL_LINK, 72, 140, 100, 12);
	link.dest_page = 1;
	page1[n++] = link;
	link = box(FOLIO_DL_LINK, 72, 160, 100, 12);
	link.dest_page = 7; /* no such page: dropped */
	page1[n++] = link;
	size_t n1 = n;

	n = 0;
	page2[n++] = text(serif, 12, 72, 72, "Second page", black);
	/* drawn again: the same image object */
	page2[n++] = picture_at(72, 100, 40, 30, &gray_pic);
	link = box(FOLIO_DL_LINK, 72, 60, 100, 14);
	link.dest_page = 0;
	page2[n++] = link;
	size_t n2 = n;

	static folio_dl_page pages[2];
	pages[0] = (folio_dl_page){page1, n1, n1};
	pages[1] = (folio_dl_page){page2, n2, n2};
	return (folio_display){
	    .page_width = 595.28, .page_height = 841.89, .bleed = 8.5,
	    .pages = pages, .npages = 2,
	    .title = "Тест folio", .subject = "A test issue", .author = "Folio Tests",
	    /* past U+FFFF: a surrogate pair in the UTF-16 string */
	    .keywords = "pdf, test, \xF0\x9F\x93\xB0", .year = 2022, .month = 9, .day = 30,
	    .outline_titles = titles, .outline_pages = title_pages, .noutline = 2,
	};
}

static unsigned char *write_pdf(folio_ctx *ctx, const folio_display *dl,
                                folio_target target, size_t *len)
{
	folio_pdf_options opts = {.target = target};
	unsigned char *out = NULL;
	if (!folio_pdf_write(ctx, dl, &opts, &out, len)) {
		for (size_t i = 0; i < ctx->ndiags; i++)
			fprintf(stderr, "%s\n", ctx->diags[i].text);
		return NULL;
	}
	return out;
}

/* ---- tests ---- */

static void test_fonts(const char *path)
{
	char *fonts = run("pdffonts '%s'", path);
	CHECK(fonts != NULL);
	if (!fonts)
		return;
	/* Columns are fixed width: find "emb" in the header line. */
	const char *emb = strstr(fonts, " emb ");
	const char *sep = strstr(fonts, "\n---");
	CHECK(emb && sep);
	if (!emb || !sep)
		return;
	size_t col = (size_t)(emb - fonts) + 1;
	int nfonts = 0;
	for (const char *line = next_line(sep + 1); line && *line; line = next_line(line)) {
		nfonts++;
		CHECK(strcspn(line, "\n") > col + 3 && strncmp(line + col, "yes", 3) == 0);
	}
	CHECK(nfonts == 2);
	CHECK_STR_CONTAINS(fonts, "PTSerif-Regular");
	CHECK_STR_CONTAINS(fonts, "PTSans-Regular");
	free(fonts);
}

/* The value of "Key:   value" in pdfinfo's output, or "" when absent. */
static const char *field(const char *out, const char *key)
{
	static char value[256];
	value[0] = 0;
	size_t klen = strlen(key);
	for (const char *line = out; line && *line; line = next_line(line)) {
		if (strncmp(line, key, klen) == 0 && line[klen] == ':') {
			const char *v = line + klen + 1;
			v += strspn(v, " ");
			size_t n = strcspn(v, "\n");
			snprintf(value, sizeof value, "%.*s", (int)n, v);
			break;
		}
	}
	return value;
}

#define CHECK_FIELD(out, key, want)                                            \
	do {                                                                       \
		const char *got_ = field((out), (key));                                \
		if (strcmp(got_, (want)) != 0) {                                       \
			fprintf(stderr, "%s:%d: %s is '%s', not '%s'\n", __FILE__,         \
			        __LINE__, (key), got_, (want));                            \
			check_failures++;                                                  \
		}                                                                      \
	} while (0)

static void test_info(const char *path)
{
	char *info = run("pdfinfo -isodates '%s'", path);
	CHECK(info != NULL);
	CHECK_FIELD(info, "Pages", "2");
	/* A4 plus 8.5 pt of bleed and 24 pt for the crop marks on each side */
	CHECK_FIELD(info, "Page size", "660.28 x 906.89 pts");
	CHECK_FIELD(info, "Title", "Тест folio");
	CHECK_FIELD(info, "Author", "Folio Tests");
	CHECK_FIELD(info, "Subject", "A test issue");
	CHECK_FIELD(info, "Keywords", "pdf, test, \xF0\x9F\x93\xB0"); /* U+1F4F0 */
	CHECK_FIELD(info, "Creator", "folio");
	CHECK_FIELD(info, "CreationDate", "2022-09-30T00:00:00Z");
	CHECK_FIELD(info, "ModDate", "2022-09-30T00:00:00Z");
	CHECK_FIELD(info, "PDF version", "1.3");
	CHECK_FIELD(info, "PDF subtype", "PDF/X-3:2002");
	free(info);
	/* The trim is A4, the bleed 8.5 pt beyond it, the sheet 24 pt beyond. */
	info = run("pdfinfo -box '%s'", path);
	CHECK_FIELD(info, "TrimBox", "32.50    32.50   627.78   874.39");
	CHECK_FIELD(info, "BleedBox", "24.00    24.00   636.28   882.89");
	CHECK_FIELD(info, "MediaBox", "0.00     0.00   660.28   906.89");
	free(info);
}

static void test_text(const char *path)
{
	/* 2>&1: poppler must not complain about the ToUnicode maps. */
	char *txt = run("pdftotext -enc UTF-8 '%s' - 2>&1", path);
	CHECK(txt && !strstr(txt, "ToUnicode"));
	CHECK_STR_CONTAINS(txt, "Привет");
	CHECK(txt && !strstr(txt, "Привет, мир")); /* len was respected */
	CHECK_STR_CONTAINS(txt, "әғқ");
	CHECK_STR_CONTAINS(txt, "Second page");
	free(txt);
}

static void test_images_print(const char *path)
{
	char *list = run("pdfimages -list '%s'", path);
	image_row rows[8];
	int n = image_rows(list, rows, 8);
	CHECK(n == 3); /* gray, rgb on page 1; gray again on page 2 */
	int distinct = 0;
	for (int i = 0; i < n; i++) {
		CHECK(strcmp(rows[i].type, "image") == 0); /* no smask in print */
		bool seen = false;
		for (int j = 0; j < i; j++)
			seen |= rows[j].object == rows[i].object;
		distinct += !seen;
	}
	CHECK(distinct == 2);
	if (n == 3) {
		CHECK(strcmp(rows[0].color, "gray") == 0 && rows[0].width == 4 && rows[0].height == 3);
		/* RGB in print is ICC-based sRGB */
		CHECK(strcmp(rows[1].color, "icc") == 0 && rows[1].width == 2 && rows[1].height == 2);
		CHECK(rows[2].page == 2 && rows[2].object == rows[0].object);
	}
	free(list);

	/* The alpha was flattened onto white paper. */
	char prefix[300];
	snprintf(prefix, sizeof prefix, "%s/print", tmpdir);
	char cmd[700];
	snprintf(cmd, sizeof cmd, "pdfimages -png -f 1 -l 1 '%s' '%s'", path, prefix);
	CHECK(system(cmd) == 0);
	char png[320];
	snprintf(png, sizeof png, "%s-001.png", prefix);
	unsigned w = 0, h = 0;
	unsigned char *px = read_png_rgb(png, &w, &h);
	CHECK(px && w == 2 && h == 2);
	if (px && w == 2 && h == 2) {
		CHECK(px[0] == 255 && px[1] == 0 && px[2] == 0);       /* opaque red */
		CHECK(px[3] == 255 && px[4] == 255 && px[5] == 255);   /* transparent: paper */
		CHECK(px[6] == 127 && px[7] == 127 && px[8] == 255);   /* half blue on white */
		CHECK(px[9] == 0 && px[10] == 0 && px[11] == 0);       /* opaque black */
	}
	free(px);
}

static void test_images_screen(const char *path)
{
	char *list = run("pdfimages -list '%s'", path);
	image_row rows[8];
	int n = image_rows(list, rows, 8);
	int smasks = 0, rgb = -1;
	for (int i = 0; i < n; i++) {
		smasks += strcmp(rows[i].type, "smask") == 0;
		if (strcmp(rows[i].color, "rgb") == 0)
			rgb = i;
	}
	CHECK(n == 4);
	CHECK(smasks == 1);
	CHECK(rgb >= 0);
	free(list);

	/* The colours are kept as they are; the mask carries the alpha. */
	char prefix[300];
	snprintf(prefix, sizeof prefix, "%s/screen", tmpdir);
	char cmd[700];
	snprintf(cmd, sizeof cmd, "pdfimages -png -f 1 -l 1 '%s' '%s'", path, prefix);
	CHECK(system(cmd) == 0);
	char png[320];
	snprintf(png, sizeof png, "%s-%03d.png", prefix, rgb);
	unsigned w = 0, h = 0;
	unsigned char *px = read_png_rgb(png, &w, &h);
	CHECK(px && w == 2 && h == 2);
	if (px && w == 2 && h == 2)
		CHECK(px[3] == 0 && px[4] == 255 && px[5] == 0); /* still green */
	free(px);
}

static void test_targets(const unsigned char *print, size_t plen,
                         const unsigned char *screen, size_t slen)
{
	CHECK(plen > 5 && memcmp(print, "%PDF-", 5) == 0);
	CHECK(slen > 9 && memcmp(screen, "%PDF-1.7", 8) == 0); /* tagged (tags.c) */
	CHECK(contains(screen, slen, "/StructTreeRoot") && !contains(print, plen, "/StructTreeRoot"));
	/* libharu writes dictionaries uncompressed: look for them directly. */
	CHECK(contains(print, plen, "/TrimBox") && contains(print, plen, "/BleedBox"));
	CHECK(!contains(print, plen, "/Annots"));
	CHECK(!contains(print, plen, "/Outlines"));
	CHECK(!contains(print, plen, "/SMask"));
	CHECK(contains(screen, slen, "/Annots"));
	CHECK(contains(screen, slen, "/Outlines"));
	CHECK(contains(screen, slen, "/UseOutlines"));
	CHECK(contains(screen, slen, "/SMask"));
	CHECK(contains(screen, slen, "/Border [ 0 0 0 ]"));
	/* Two internal links and two bookmarks share one destination per page. */
	int dests = 0;
	for (const unsigned char *p = screen; (p = memmem(p, slen - (size_t)(p - screen), "/Fit", 4));
	     p += 4)
		dests++;
	CHECK(dests == 2);
	/* No clock: creation date is the issue date. */
	CHECK(contains(print, plen, "(D:20220930000000Z00'00')"));
}

/* Where things land: the y axis is flipped about the trim box, and pictures
 * are drawn top row first. Page 1 rendered at 72 dpi: 1 pixel = 1 pt. */
static void test_positions(const char *path)
{
	char prefix[300], cmd[700];
	snprintf(prefix, sizeof prefix, "%s/render", tmpdir);
	snprintf(cmd, sizeof cmd, "pdftoppm -gray -r 72 -f 1 -l 1 -singlefile '%s' '%s' 2>/dev/null",
	         path, prefix);
	CHECK(system(cmd) == 0);
	char pgm[320];
	snprintf(pgm, sizeof pgm, "%s.pgm", prefix);
	FILE *f = fopen(pgm, "rb");
	int w = 0, h = 0, max = 0;
	CHECK(f && fscanf(f, "P5 %d %d %d", &w, &h, &max) == 3 && fgetc(f) != EOF);
	CHECK(w >= 595 && w <= 596 && h == 842 && max == 255); /* 595.28 pt */
	if (!f || w < 595 || h != 842) {
		if (f)
			fclose(f);
		return;
	}
	unsigned char *px = malloc((size_t)w * h);
	CHECK(fread(px, 1, (size_t)w * h, f) == (size_t)w * h);
	fclose(f);
#define AT(x, y) px[(y) * w + (x)]
	CHECK(AT(120, 225) < 200);  /* inside the CMYK rectangle at 72,200 100x50 */
	CHECK(AT(120, 195) == 255); /* above it */
	CHECK(AT(120, 255) == 255); /* below it */
	CHECK(AT(180, 225) == 255); /* right of it */
	CHECK(AT(150, 300) < 255);  /* the rule at y = 300 */
	CHECK(AT(150, 304) == 255);
	CHECK(AT(80, 405) < 30);    /* gray picture: top-left sample is 0 */
	CHECK(AT(145, 455) > 200);  /* bottom-right sample is 220 */
#undef AT
	free(px);

	/* Text: the baseline of "Second" on page 2 is at y = 72 from the top. */
	char *html = run("pdftotext -bbox -f 2 -l 2 '%s' - 2>/dev/null", path);
	const char *word = html ? strstr(html, ">Second<") : NULL;
	CHECK(word != NULL);
	if (word) {
		const char *tag = word;
		while (tag > html && *tag != '<')
			tag--;
		double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
		CHECK(sscanf(tag, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"",
		             &x0, &y0, &x1, &y1) == 4);
		CHECK(x0 > 71.5 && x0 < 72.5);
		CHECK(y0 > 56 && y0 < 72); /* the font's ascent above the baseline */
		CHECK(y1 > 72 && y1 < 76); /* descender below it */
	}
	free(html);
}

/* Print: the trim sits 32.5 pt in from the sheet's corner, and the crop
 * marks lie beyond the bleed (from 11.5 to 29.5 pt outside the trim). Page
 * 1 at 72 dpi, y from the top of the 906.89 pt sheet. */
static void test_marks(const char *path)
{
	char prefix[300], cmd[700];
	snprintf(prefix, sizeof prefix, "%s/marks", tmpdir);
	snprintf(cmd, sizeof cmd, "pdftoppm -gray -r 72 -f 1 -l 1 -singlefile '%s' '%s' 2>/dev/null",
	         path, prefix);
	CHECK(system(cmd) == 0);
	char pgm[320];
	snprintf(pgm, sizeof pgm, "%s.pgm", prefix);
	FILE *f = fopen(pgm, "rb");
	int w = 0, h = 0, max = 0;
	CHECK(f && fscanf(f, "P5 %d %d %d", &w, &h, &max) == 3 && fgetc(f) != EOF);
	CHECK(w >= 660 && w <= 661 && h == 907); /* 660.28 x 906.89 pt */
	if (!f || w < 660 || h != 907) {
		if (f)
			fclose(f);
		return;
	}
	unsigned char *px = malloc((size_t)w * h);
	CHECK(fread(px, 1, (size_t)w * h, f) == (size_t)w * h);
	fclose(f);
#define AT(x, y) px[(y) * w + (x)]
	CHECK(AT(152, 257) < 200);  /* the rectangle, moved by the trim's offset */
	CHECK(AT(120, 225) == 255); /* not where it would be without the offset */
	/* Hairlines land on a pixel either side of their exact position, so a
	 * mark is looked for in the 3 x 3 pixels around it. */
#define INK(x, y)                                                              \
	(AT((x) - 1, (y) - 1) < 255 || AT((x), (y) - 1) < 255 || AT((x) + 1, (y) - 1) < 255 || \
	 AT((x) - 1, (y)) < 255 || AT((x), (y)) < 255 || AT((x) + 1, (y)) < 255 ||             \
	 AT((x) - 1, (y) + 1) < 255 || AT((x), (y) + 1) < 255 || AT((x) + 1, (y) + 1) < 255)
	/* bottom-left corner: the trim's bottom edge is at y = 874.39 */
	CHECK(INK(12, 874));  /* the horizontal mark, 3 .. 21 pt */
	CHECK(!INK(24, 874)); /* the gap before the bleed */
	CHECK(INK(32, 890));  /* the vertical mark below the trim's left edge */
	CHECK(!INK(32, 880)); /* inside the bleed: nothing */
	/* top-right corner: trim right at x = 627.78, top at y = 32.5 */
	CHECK(INK(648, 32));
	CHECK(INK(627, 12));
#undef INK
#undef AT
	free(px);
}

/* PDF/X-3 keys in print, none of them on screen; a file identifier in both. */
static void test_pdfx(const char *print, const char *screen)
{
	char *json = run("qpdf --json --json-key=qpdf '%s'", print);
	CHECK_STR_CONTAINS(json, "\"/S\": \"/GTS_PDFX\"");
	CHECK_STR_CONTAINS(json, "\"/OutputConditionIdentifier\": \"u:FOGRA39\"");
	CHECK_STR_CONTAINS(json, "\"/RegistryName\": \"u:http://www.color.org\"");
	CHECK_STR_CONTAINS(json, "\"/GTS_PDFXVersion\": \"u:PDF/X-3:2002\"");
	CHECK_STR_CONTAINS(json, "\"/Trapped\": \"/False\"");
	CHECK_STR_CONTAINS(json, "\"/Separation\"");
	CHECK_STR_CONTAINS(json, "\"/All\"");
	CHECK_STR_CONTAINS(json, "\"/ICCBased\"");
	free(json);
	json = run("qpdf --json --json-key=qpdf '%s'", screen);
	CHECK(json && !strstr(json, "GTS_PDFX") && !strstr(json, "/Separation") &&
	      !strstr(json, "/ICCBased"));
	free(json);
	for (int i = 0; i < 2; i++) {
		char *trailer = run("qpdf --show-object=trailer '%s'", i ? screen : print);
		CHECK_STR_CONTAINS(trailer, "/ID [ <");
		CHECK(trailer && !strstr(trailer, "A5A5A5A5")); /* the placeholder is gone */
		free(trailer);
	}
}

/* Black overprints in print: every paint in 100% K (text, rules) is done
 * with /OP true, everything else (white and coloured text, fills, pictures,
 * the crop marks) knocks out. Read from page 1's content stream, following
 * the graphics state through q/Q as a RIP would. */
static void overprint_walk(const char *content, int *black_on, int *black_off, int *other_on,
                           int *other_off)
{
	double num[4] = {0};
	bool fill_black = false, stroke_black = false, op = false, stack[16];
	int depth = 0;
	int next_op = -1; /* the state a name before "gs" asks for */
	char tok[64];
	for (const char *p = content; p && *p;) {
		while (*p == ' ' || *p == '\n' || *p == '\r')
			p++;
		size_t n = strcspn(p, " \n\r");
		if (!n)
			break;
		snprintf(tok, sizeof tok, "%.*s", (int)(n < 63 ? n : 63), p);
		p += n;
		char *end;
		double v = strtod(tok, &end);
		if (*tok && !*end) {
			memmove(num, num + 1, 3 * sizeof *num);
			num[3] = v;
			continue;
		}
		bool black = num[0] == 0 && num[1] == 0 && num[2] == 0 && num[3] == 1;
		bool paint = false, paint_black = false;
		if (!strcmp(tok, "k"))
			fill_black = black;
		else if (!strcmp(tok, "K"))
			stroke_black = black;
		else if (!strcmp(tok, "CS") || !strcmp(tok, "SCN"))
			stroke_black = false; /* the registration colour */
		else if (!strcmp(tok, "/GSop") || !strcmp(tok, "/GSko"))
			next_op = tok[3] == 'o';
		else if (!strcmp(tok, "gs") && next_op >= 0)
			op = next_op;
		else if (!strcmp(tok, "q") && depth < 16)
			stack[depth++] = op;
		else if (!strcmp(tok, "Q") && depth > 0)
			op = stack[--depth];
		else if (strstr(tok, "TJ") || !strcmp(tok, "f"))
			paint = true, paint_black = fill_black && strcmp(tok, "f");
		else if (!strcmp(tok, "S"))
			paint = true, paint_black = stroke_black;
		else if (!strcmp(tok, "Do"))
			paint = true;
		if (paint)
			++*(paint_black ? (op ? black_on : black_off) : (op ? other_on : other_off));
	}
}

static void test_overprint(folio_ctx *ctx)
{
	static folio_dl_item items[10];
	size_t n = 0;
	folio_dl_item panel = box(FOLIO_DL_RECT, 60, 60, 300, 120);
	panel.color = (folio_cmyk){.c = 1};
	items[n++] = panel;
	items[n++] = text(serif, 12, 72, 90, "black on cyan", black);
	items[n++] = text(serif, 12, 72, 110, "paper white", (folio_cmyk){.k = 0});
	items[n++] = text(serif, 12, 72, 130, "accent", accent);
	items[n++] = text(serif, 12, 72, 150, "rich black", (folio_cmyk){.c = 0.6, .m = 0.4, .y = 0.4, .k = 1});
	items[n++] = rule_at(72, 200, 200, black);
	items[n++] = rule_at(72, 210, 200, accent);
	items[n++] = picture_at(72, 240, 40, 30, &gray_pic);
	items[n++] = text(sans, 9, 72, 300, "black again", black);
	static folio_dl_page page;
	page = (folio_dl_page){items, n, n};
	folio_display dl = {.page_width = 595.28, .page_height = 841.89, .bleed = 8.5,
	                    .pages = &page, .npages = 1, .title = "Overprint",
	                    .year = 2022, .month = 9, .day = 30};
	size_t plen = 0, slen = 0;
	unsigned char *print = write_pdf(ctx, &dl, FOLIO_TARGET_PRINT, &plen);
	unsigned char *screen = write_pdf(ctx, &dl, FOLIO_TARGET_SCREEN, &slen);
	CHECK(print && screen);
	if (!print || !screen)
		return;
	/* the two states, each one indirect object; none on screen */
	CHECK(contains(print, plen, "/OP true") && contains(print, plen, "/op true"));
	CHECK(contains(print, plen, "/OP false") && contains(print, plen, "/OPM 1"));
	CHECK(!contains(screen, slen, "/ExtGState") && !contains(screen, slen, "/OP "));
	const char *path = save("overprint.pdf", print, plen);
	char *pages = run("qpdf --show-pages '%s'", path);
	const char *c = pages ? strstr(pages, "content:") : NULL;
	int obj = 0;
	CHECK(c && sscanf(c, "content: %d 0 R", &obj) == 1);
	char fmt[96];
	snprintf(fmt, sizeof fmt, "qpdf --show-object=%d --filtered-stream-data '%%s'", obj);
	char *content = obj ? run(fmt, path) : NULL;
	CHECK(content != NULL);
	int black_on = 0, black_off = 0, other_on = 0, other_off = 0;
	overprint_walk(content, &black_on, &black_off, &other_on, &other_off);
	/* two black texts and the black rule overprint; the rest knocks out:
	 * the panel, three texts, the accent rule, the picture, eight marks */
	CHECK(black_on == 3 && black_off == 0);
	CHECK(other_on == 0 && other_off >= 6);
	if (black_on != 3 || black_off || other_on || other_off < 6)
		fprintf(stderr, "overprint: black %d on %d off, other %d on %d off\n%s\n", black_on,
		        black_off, other_on, other_off, content ? content : "");
	free(content);
	free(pages);
	folio_pdf_free(print, plen);
	folio_pdf_free(screen, slen);
}

static void test_qpdf(const char *path)
{
	char *out = run("qpdf --check '%s' 2>&1", path);
	CHECK_STR_CONTAINS(out, "No syntax or stream encoding errors");
	free(out);
}

/* ---- PNG data passed through, and pictures resampled for the screen ---- */

/* A PNG's IDAT data for rows of `bpp`-byte pixels: the first row unfiltered,
 * the others with the Sub filter, so the reader must undo PNG's predictors. */
static unsigned char *idat_of(const unsigned char *px, int w, int h, int bpp, size_t *len)
{
	size_t stride = (size_t)w * (size_t)bpp, raw_len = (stride + 1) * (size_t)h;
	unsigned char *raw = malloc(raw_len);
	for (int y = 0; y < h; y++) {
		unsigned char *row = raw + (size_t)y * (stride + 1);
		const unsigned char *src = px + (size_t)y * stride;
		row[0] = y == 0 ? 0 : 1;
		for (size_t i = 0; i < stride; i++)
			row[1 + i] = (unsigned char)(src[i] - (y && i >= (size_t)bpp ? src[i - (size_t)bpp] : 0));
	}
	uLongf out_len = compressBound(raw_len);
	unsigned char *out = malloc(out_len);
	CHECK(compress2(out, &out_len, raw, raw_len, 9) == Z_OK);
	free(raw);
	*len = out_len;
	return out;
}

/* Extract picture `index` of page 1 and compare it with `want` (RGB). */
static void check_pixels(const char *path, const char *name, int index,
                         const unsigned char *want, unsigned w, unsigned h)
{
	char prefix[300], cmd[700], png[330];
	snprintf(prefix, sizeof prefix, "%s/%s", tmpdir, name);
	snprintf(cmd, sizeof cmd, "pdfimages -png -f 1 -l 1 '%s' '%s'", path, prefix);
	CHECK(system(cmd) == 0);
	snprintf(png, sizeof png, "%s-%03d.png", prefix, index);
	unsigned gw = 0, gh = 0;
	unsigned char *got = read_png_rgb(png, &gw, &gh);
	CHECK(got && gw == w && gh == h);
	if (got && gw == w && gh == h && memcmp(got, want, (size_t)w * h * 3) != 0) {
		fprintf(stderr, "%s: picture %d differs\n", name, index);
		check_failures++;
	}
	free(got);
}

static void test_passthrough(folio_ctx *ctx)
{
	static unsigned char gray[6] = {0, 50, 100, 150, 200, 250};
	static unsigned char rgb[12] = {255, 0, 0, 0, 255, 0, 10, 20, 30, 200, 100, 50};
	static unsigned char pal[6] = {255, 0, 0, 0, 0, 255};
	static unsigned char idx[2] = {1, 0};
	static unsigned char idx_rgb[6] = {0, 0, 255, 255, 0, 0};
	size_t glen, rlen, plen;
	unsigned char *gidat = idat_of(gray, 3, 2, 1, &glen);
	unsigned char *ridat = idat_of(rgb, 2, 2, 3, &rlen);
	unsigned char *pidat = idat_of(idx, 2, 1, 1, &plen);
	folio_picture pics[3] = {
	    {.path = "g.png", .width = 3, .height = 2, .channels = 1, .pixels = gray,
	     .png_idat = gidat, .png_idat_len = glen, .png_color_type = 0},
	    {.path = "c.png", .width = 2, .height = 2, .channels = 3, .pixels = rgb,
	     .png_idat = ridat, .png_idat_len = rlen, .png_color_type = 2},
	    {.path = "p.png", .width = 2, .height = 1, .channels = 3, .pixels = idx_rgb,
	     .png_idat = pidat, .png_idat_len = plen, .png_color_type = 3,
	     .png_palette = pal, .png_palette_entries = 2},
	};
	/* 600 x 600 px of 4-pixel stripes at one inch: 150 x 150 on screen */
	unsigned char *big = malloc(600 * 600);
	for (int y = 0; y < 600; y++)
		for (int x = 0; x < 600; x++)
			big[y * 600 + x] = (x / 4) % 2 ? 200 : 40;
	folio_picture stripes = {.path = "s.png", .width = 600, .height = 600, .channels = 1,
	                         .pixels = big};
	folio_dl_item items[4];
	for (int i = 0; i < 3; i++) {
		items[i] = box(FOLIO_DL_IMAGE, 72 + 100 * i, 72, 72, 48);
		items[i].picture = &pics[i];
	}
	items[3] = box(FOLIO_DL_IMAGE, 72, 300, 72, 72);
	items[3].picture = &stripes;
	folio_dl_page page = {items, 4, 4};
	folio_display dl = {.page_width = 595.28, .page_height = 841.89, .bleed = 8.5,
	                    .pages = &page, .npages = 1, .title = "pictures", .year = 2024,
	                    .month = 1, .day = 2};
	for (int t = 0; t < 2; t++) {
		size_t len;
		unsigned char *pdf = write_pdf(ctx, &dl, t ? FOLIO_TARGET_SCREEN : FOLIO_TARGET_PRINT, &len);
		CHECK(pdf != NULL);
		if (!pdf)
			continue;
		CHECK(contains(pdf, len, "/Predictor 15"));
		const char *path = save(t ? "pass-screen.pdf" : "pass-print.pdf", pdf, len);
		folio_pdf_free(pdf, len);
		test_qpdf(path);
		char *list = run("pdfimages -list '%s'", path);
		image_row rows[8];
		int n = image_rows(list, rows, 8);
		CHECK(n == 4);
		int g = -1, c = -1, p = -1, s = -1;
		for (int i = 0; i < n; i++) {
			if (rows[i].width == 3)
				g = i;
			else if (rows[i].width == 2)
				*(rows[i].height == 2 ? &c : &p) = i;
			else if (rows[i].width == 600 || rows[i].width == 150)
				s = i;
		}
		CHECK(g >= 0 && c >= 0 && p >= 0 && s >= 0);
		if (g < 0 || c < 0 || p < 0 || s < 0) {
			free(list);
			continue;
		}
		CHECK(strcmp(rows[g].color, "gray") == 0);
		CHECK(strcmp(rows[c].color, t ? "rgb" : "icc") == 0);
		CHECK(strcmp(rows[p].color, "index") == 0);
		CHECK(rows[s].width == (t ? 150 : 600) && rows[s].height == (t ? 150 : 600));
		free(list);
		unsigned char want[6 * 3];
		for (int i = 0; i < 6; i++)
			want[3 * i] = want[3 * i + 1] = want[3 * i + 2] = gray[i];
		const char *name = t ? "ps" : "pp";
		check_pixels(path, name, g, want, 3, 2);
		check_pixels(path, name, c, rgb, 2, 2);
		check_pixels(path, name, p, idx_rgb, 2, 1);
		if (t) {
			/* the box filter keeps the stripes: one output pixel per stripe */
			unsigned char *row = malloc(150 * 150 * 3);
			for (int y = 0; y < 150; y++)
				for (int x = 0; x < 150; x++)
					memset(row + (y * 150 + x) * 3, x % 2 ? 200 : 40, 3);
			check_pixels(path, name, s, row, 150, 150);
			free(row);
		}
	}
	free(big);
	free(gidat);
	free(ridat);
	free(pidat);
}

static void test_empty(folio_ctx *ctx)
{
	folio_dl_page page = {0};
	folio_display dl = {.page_width = 300, .page_height = 400, .pages = &page, .npages = 1};
	size_t len;
	unsigned char *pdf = write_pdf(ctx, &dl, FOLIO_TARGET_SCREEN, &len);
	CHECK(pdf && len > 5 && memcmp(pdf, "%PDF-1.7", 8) == 0); /* tagged, if empty */
	if (!pdf)
		return;
	const char *path = save("empty.pdf", pdf, len);
	char *info = run("pdfinfo '%s'", path);
	CHECK_FIELD(info, "Pages", "1");
	CHECK_FIELD(info, "Page size", "300 x 400 pts");
	free(info);
	test_qpdf(path);
	folio_pdf_free(pdf, len);
}

static void test_errors(void)
{
	/* A date libharu refuses: its error arrives through the handler. */
	folio_ctx *ctx = folio_ctx_new();
	folio_dl_page page = {0};
	folio_display dl = {.page_width = 300, .page_height = 400, .pages = &page,
	                    .npages = 1, .year = 2022, .month = 13, .day = 1};
	folio_pdf_options opts = {FOLIO_TARGET_PRINT};
	unsigned char *out = (unsigned char *)"x";
	size_t len = 9;
	CHECK(!folio_pdf_write(ctx, &dl, &opts, &out, &len));
	CHECK(out == NULL && len == 0);
	CHECK(ctx->status == FOLIO_ERR_OTHER && ctx->nerrors == 1);
	CHECK(ctx->ndiags == 1 && strstr(ctx->diags[0].text, "libharu error 0x"));
	folio_ctx_drop(ctx);

	/* A picture libharu cannot take. */
	ctx = folio_ctx_new();
	folio_picture bad = {.path = "bad.png", .width = 2, .height = 2, .channels = 2,
	                     .pixels = gray_px};
	folio_dl_item im = box(FOLIO_DL_IMAGE, 0, 0, 10, 10);
	im.picture = &bad;
	page = (folio_dl_page){&im, 1, 1};
	dl.month = 1;
	CHECK(!folio_pdf_write(ctx, &dl, &opts, &out, &len));
	CHECK(ctx->status == FOLIO_ERR_OTHER && ctx->ndiags == 1 &&
	      strstr(ctx->diags[0].text, "bad.png"));
	folio_ctx_drop(ctx);

	/* No pages at all. */
	ctx = folio_ctx_new();
	dl.npages = 0;
	CHECK(!folio_pdf_write(ctx, &dl, &opts, &out, &len));
	CHECK(ctx->status == FOLIO_ERR_OTHER);
	folio_ctx_drop(ctx);
}

int main(void)
{
	const char *data = getenv("FOLIO_DATA_DIR");
	if (!data)
		data = ".";
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	folio_ctx *ctx = folio_ctx_new();
	folio_fonts *fonts = folio_fonts_new();
	char path[1024];
	snprintf(path, sizeof path, "%s/fonts/PTSerif-Regular.ttf", data);
	serif = folio_fonts_load(ctx, fonts, path);
	snprintf(path, sizeof path, "%s/fonts/PTSans-Regular.ttf", data);
	sans = folio_fonts_load(ctx, fonts, path);
	CHECK(serif && sans);
	if (!serif || !sans)
		CHECK_DONE();

	folio_display dl = sample();
	size_t plen, plen2, slen, slen2;
	unsigned char *print = write_pdf(ctx, &dl, FOLIO_TARGET_PRINT, &plen);
	unsigned char *print2 = write_pdf(ctx, &dl, FOLIO_TARGET_PRINT, &plen2);
	unsigned char *screen = write_pdf(ctx, &dl, FOLIO_TARGET_SCREEN, &slen);
	unsigned char *screen2 = write_pdf(ctx, &dl, FOLIO_TARGET_SCREEN, &slen2);
	CHECK(print && print2 && screen && screen2);
	CHECK(ctx->nerrors == 0);
	if (print && print2 && screen && screen2) {
		CHECK(plen == plen2 && memcmp(print, print2, plen) == 0);
		CHECK(slen == slen2 && memcmp(screen, screen2, slen) == 0);
		test_targets(print, plen, screen, slen);
		const char *p = save("print.pdf", print, plen);
		const char *s = save("screen.pdf", screen, slen);
		test_fonts(p);
		test_info(p);
		test_text(p);
		test_images_print(p);
		test_images_screen(s);
		test_positions(s);
		test_marks(p);
		test_pdfx(p, s);
		test_qpdf(p);
		test_qpdf(s);
		/* Bookmarks: UTF-8 titles, each to its page (screen only). */
		char *outlines = run("qpdf --json --json-key=outlines '%s'", s);
		const char *first = outlines ? strstr(outlines, "\"destpageposfrom1\": 1,") : NULL;
		const char *second = outlines ? strstr(outlines, "\"destpageposfrom1\": 2,") : NULL;
		CHECK(first && second && first < second);
		CHECK(first && strstr(first, "\"title\": \"Первая статья\""));
		CHECK(second && strstr(second, "\"title\": \"Second\""));
		free(outlines);
		char *urls = run("pdfinfo -url '%s'", s);
		CHECK_STR_CONTAINS(urls, "1  Annotation    https://example.org/folio\n");
		free(urls);
		urls = run("pdfinfo -url '%s'", p);
		CHECK(urls && !strstr(urls, "https:"));
		free(urls);
		/* Subset fonts keep a two-page issue small. */
		CHECK(plen < 60000);
	}
	folio_pdf_free(print, plen);
	folio_pdf_free(print2, plen2);
	folio_pdf_free(screen, slen);
	folio_pdf_free(screen2, slen2);
	test_empty(ctx);
	test_overprint(ctx);
	test_passthrough(ctx);
	test_errors();
	folio_fonts_drop(fonts);
	folio_ctx_drop(ctx);

	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	if (!check_failures && system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
	CHECK_DONE();
}
