/* run.c: folio diff from two paths to a report and an exit status. Pages
 * are compared one by one, pixels first, then text; a page on one side only
 * is a difference, compared against a blank page. Places are said in
 * millimetres from the top-left corner of the trim box when the PDF names
 * one (folio's do), else of the rendered page. */
#include "diff.h"

#include "core/core.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { FOLIO_DIFF_MAX_LINES = 10 };

static PopplerDocument *folio_diff_open(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		fprintf(stderr, "folio: error: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		fprintf(stderr, "folio: error: %s: not a file\n", path);
		return NULL;
	}
	GError *err = NULL;
	char *abs = g_canonicalize_filename(path, NULL);
	char *uri = g_filename_to_uri(abs, NULL, &err);
	PopplerDocument *doc = uri ? poppler_document_new_from_file(uri, NULL, &err) : NULL;
	if (!doc)
		fprintf(stderr, "folio: error: %s: not a readable PDF (%s)\n", path,
		        err ? err->message : "unknown reason");
	if (err)
		g_error_free(err);
	g_free(uri);
	g_free(abs);
	return doc;
}

/* The first page's TrimBox as written in the file, "/TrimBox [x0 y0 x1 y1]";
 * poppler-glib does not give it. False when there is none in plain sight
 * (compressed object streams), and the rendered page's corner is used. */
static bool folio_diff_trim(const char *path, double box[4])
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	char buf[65536 + 64];
	size_t keep = 0, n;
	bool found = false;
	while (!found && (n = fread(buf + keep, 1, sizeof buf - 1 - keep, f)) > 0) {
		size_t len = keep + n;
		buf[len] = 0;
		for (size_t i = 0; i + 9 < len && !found; i++) {
			if (memcmp(buf + i, "/TrimBox", 8))
				continue;
			const char *p = buf + i + 8;
			while (*p == ' ' || *p == '\n' || *p == '\r')
				p++;
			found = *p == '[' && sscanf(p + 1, "%lf %lf %lf %lf", &box[0], &box[1],
			                            &box[2], &box[3]) == 4;
		}
		keep = len > 64 ? 64 : len; /* a key cut at the buffer's end */
		memmove(buf, buf + len - keep, keep);
	}
	fclose(f);
	return found;
}

static void folio_diff_limit(FILE *out, int page, size_t shown, size_t total, const char *what)
{
	if (total > shown)
		fprintf(out, "p.%d: and %zu more %s\n", page, total - shown, what);
}

int folio_diff_files(const char *pa, const char *pb, const folio_diff_opts *o)
{
	PopplerDocument *da = folio_diff_open(pa);
	PopplerDocument *db = da ? folio_diff_open(pb) : NULL;
	if (!da || !db) {
		if (da)
			g_object_unref(da);
		return 2;
	}
	if (o->out_dir && mkdir(o->out_dir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "folio: error: %s: cannot create the folder: %s\n", o->out_dir,
		        strerror(errno));
		g_object_unref(da);
		g_object_unref(db);
		return 2;
	}
	FILE *out = o->out;
	int na = poppler_document_get_n_pages(da), nb = poppler_document_get_n_pages(db);
	int n = na > nb ? na : nb, changed = 0, status = 0;

	/* the corner places are measured from: B's trim box if it has one */
	double trim[4], ox = 0, oy = 0;
	bool has_trim = folio_diff_trim(pb, trim) || folio_diff_trim(pa, trim);
	if (has_trim && n > 0) {
		PopplerPage *p0 = poppler_document_get_page(nb ? db : da, 0);
		double w, h;
		poppler_page_get_size(p0, &w, &h);
		g_object_unref(p0);
		ox = trim[0];
		oy = h - trim[3];
	}
	fprintf(out, "%s: %d page%s; %s: %d page%s; places in mm from the top-left of the %s\n", pa,
	        na, na == 1 ? "" : "s", pb, nb, nb == 1 ? "" : "s", has_trim ? "trim box" : "page");

	/* the words first, over the whole text: an edit is said once, where it
	 * lands, however far the text after it moved */
	folio_diff_msgs *words = folio_xcalloc(n > 0 ? (size_t)n : 1, sizeof *words);
	bool words_said = folio_diff_words(da, db, words, n);
	for (int i = 0; i < n; i++) {
		int pg = i + 1;
		PopplerPage *a = i < na ? poppler_document_get_page(da, i) : NULL;
		PopplerPage *b = i < nb ? poppler_document_get_page(db, i) : NULL;
		bool differs = !a || !b;
		if (!a)
			fprintf(out, "p.%d: added (only in %s)\n", pg, pb);
		else if (!b)
			fprintf(out, "p.%d: missing (only in %s)\n", pg, pa);
		if (a && b) {
			double wa, ha, wb, hb;
			poppler_page_get_size(a, &wa, &ha);
			poppler_page_get_size(b, &wb, &hb);
			if (wa != wb || ha != hb) {
				fprintf(out, "p.%d: page size %.1f x %.1f pt, was %.1f x %.1f pt\n",
				        pg, wb, hb, wa, ha);
				differs = true;
			}
		}
		char *png = NULL;
		if (o->out_dir && asprintf(&png, "%s/page-%d.png", o->out_dir, pg) < 0)
			abort();
		folio_diff_box *boxes = NULL;
		bool png_ok = true;
		size_t nbox = folio_diff_raster(a, b, o->dpi, png, &boxes, &png_ok);
		folio_diff_msgs msgs = words[i];
		words[i] = (folio_diff_msgs){0};
		folio_diff_text(a, b, words_said, &msgs);
		if (nbox || msgs.n)
			differs = true;
		if (!differs) {
			fprintf(out, "p.%d: same\n", pg);
		} else {
			changed++;
			fprintf(out, "p.%d: %zu changed region%s\n", pg, nbox,
			        nbox == 1 ? "" : "s");
			const double mm = 25.4 / 72.0;
			for (size_t k = 0; k < nbox && k < FOLIO_DIFF_MAX_LINES; k++) {
				const folio_diff_box *r = &boxes[k];
				fprintf(out,
				        "p.%d:   x %.1f to %.1f mm, y %.1f to %.1f mm (%.1f x %.1f "
				        "mm)\n",
				        pg, (r->x0 - ox) * mm, (r->x1 - ox) * mm, (r->y0 - oy) * mm,
				        (r->y1 - oy) * mm, (r->x1 - r->x0) * mm,
				        (r->y1 - r->y0) * mm);
			}
			folio_diff_limit(out, pg, FOLIO_DIFF_MAX_LINES, nbox, "regions");
			for (size_t k = 0; k < msgs.n && k < FOLIO_DIFF_MAX_LINES; k++)
				fprintf(out, "p.%d: %s\n", pg, msgs.items[k]);
			folio_diff_limit(out, pg, FOLIO_DIFF_MAX_LINES, msgs.n, "text changes");
			if (png && nbox && png_ok)
				fprintf(out, "p.%d: image %s\n", pg, png);
		}
		if (!png_ok) {
			fprintf(stderr, "folio: error: %s: cannot write the diff image\n", png);
			status = 2;
		}
		folio_diff_msgs_free(&msgs);
		free(boxes);
		free(png);
		if (a)
			g_object_unref(a);
		if (b)
			g_object_unref(b);
	}
	free(words);
	if (changed)
		fprintf(out, "%d of %d page%s differ\n", changed, n, n == 1 ? "" : "s");
	else
		fprintf(out, "same: %d page%s\n", n, n == 1 ? "" : "s");
	g_object_unref(da);
	g_object_unref(db);
	if (status)
		return status;
	return changed ? 1 : 0;
}
