/* build.c: the pipeline behind folio_build: load -> template -> text ->
 * layout -> pdf, each stage handing the next a plain structure. */
#include "folio.h"

#include "core/core.h"
#include "doc/doc.h"
#include "keep.h"
#include "layout/dump.h"
#include "layout/layout.h"
#include "pdf/pdf.h"
#include "pictures.h"
#include "template/template.h"
#include "text/text.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t folio_diag_count(const folio_ctx *ctx)
{
	return ctx->ndiags;
}

const char *folio_diag_text(const folio_ctx *ctx, size_t i)
{
	return i < ctx->ndiags ? ctx->diags[i].text : NULL;
}

const char *folio_report(const folio_ctx *ctx)
{
	return ctx->report;
}

const char *folio_dump(const folio_ctx *ctx)
{
	return ctx->dump;
}

const uint64_t *folio_page_digests(const folio_ctx *ctx, size_t *n)
{
	*n = ctx->npage_digests;
	return ctx->page_digests;
}

static char *folio_make_report(const folio_issue *is, const folio_template *t,
                               const folio_display *dl, const folio_layout_stats *st,
                               folio_target target)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return NULL;
	fprintf(f, "folio report: %s\n", is->path);
	fprintf(f, "  layout %s: %d pages, %d columns, %.2f x %.2f pt\n", t->name, t->npages,
	        t->columns, t->page_width, t->page_height);
	fprintf(f, "  layout passes until the contents box was stable: %d\n", st->passes);
	fprintf(f, "quality:         lines  hyphens  in a row  at a column end  loosest  tightest  "
	           "widows  orphans  off grid  overfull  filled\n");
	for (int p = 0; p <= st->npages; p++) {
		const folio_quality *q = p < st->npages ? &st->pages[p] : &st->total;
		if (p < st->npages)
			fprintf(f, "  page %-3d     ", p + 1);
		else
			fprintf(f, "  overall      ");
		fprintf(f, "%6d  %7d  %8d  %15d  %7.2f  %8.2f  %6d  %7d  %8d  %8d  %5.0f%%\n",
		        q->lines, q->hyphenated, q->hyphen_run, q->end_hyphens, q->loosest,
		        q->tightest, q->widows, q->orphans, q->off_grid, q->overfull,
		        folio_quality_filled(q) * 100);
	}
	/* where to look first: the loosest and the tightest line */
	const folio_line_at *at[2] = {&st->total.loosest_at, &st->total.tightest_at};
	double ratio[2] = {st->total.loosest, st->total.tightest};
	for (int i = 0; i < 2; i++) {
		if (!at[i]->start)
			continue;
		fprintf(f, "  %s line: page %d, ", i ? "tightest" : "loosest", at[i]->page);
		if (at[i]->col > 0)
			fprintf(f, "column %d", at[i]->col);
		else
			fprintf(f, "across the columns");
		fprintf(f, ", '%s' (%.2f)\n", at[i]->start, ratio[i]);
	}
	fprintf(f, "articles:\n");
	for (size_t i = 0; i < is->narticles; i++) {
		fprintf(f, "  page %d  %s", st->start_pages[i], is->articles[i].title);
		if (st->overset_lines[i])
			fprintf(f, "  (OVERSET: %d lines)", st->overset_lines[i]);
		fputc('\n', f);
	}
	fprintf(f, "pictures:\n");
	for (int p = 0; p < dl->npages; p++)
		for (size_t k = 0; k < dl->pages[p].nitems; k++) {
			const folio_dl_item *it = &dl->pages[p].items[k];
			if (it->kind != FOLIO_DL_IMAGE || !it->picture)
				continue;
			/* a picture cut to its frame is drawn at its whole box's size */
			double w = folio_dl_image_box(it).w, h = folio_dl_image_box(it).h;
			double ppi = it->picture->width / (w / 72.0);
			fprintf(f, "  page %d  %s  %u x %u px at %.0f x %.0f pt: %.0f ppi%s\n",
			        p + 1, it->picture->path, it->picture->width, it->picture->height, w,
			        h, ppi, ppi < 300 ? "  (under 300 ppi)" : "");
		}
	folio_pdf_preflight_report(f, dl, target);
	fclose(f);
	return buf;
}

/* A layout path of issue.yaml obeys the rule of every path there: absolute,
 * or climbing above the issue's folder through "..", needs --allow-outside. */
static bool folio_leaves_folder(const char *path)
{
	if (path[0] == '/')
		return true;
	int depth = 0;
	for (const char *p = path; *p;) {
		size_t n = strcspn(p, "/");
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			if (--depth < 0)
				return true;
		} else if (n > 0 && !(n == 1 && p[0] == '.')) {
			depth++;
		}
		p += n;
		while (*p == '/')
			p++;
	}
	return false;
}

/* The PDF goes to memory (pdf, len), to the file fd (fd >= 0), or nowhere
 * (pdf NULL and fd < 0: folio check). */
static int folio_build_into(folio_ctx *ctx, const folio_build_options *opts,
                            unsigned char **pdf, size_t *len, int fd)
{
	if (pdf)
		*pdf = NULL;
	if (len)
		*len = 0;
	ctx->read_inputs = opts->read_inputs;
	folio_load_options lopts = {.allow_outside = opts->allow_outside,
	                            .keep_png_data_only = true};
	folio_issue *issue = folio_issue_load(ctx, opts->issue_path, &lopts);
	if (!issue)
		return ctx->status ? (int)ctx->status : FOLIO_ERR_INPUT;
	/* Debug builds walk the model's invariants (cmark_node_check's way);
	 * release builds (NDEBUG) skip it. */
	assert(folio_issue_check(issue));
	const char *layout = opts->layout ? opts->layout : issue->layout;
	/* A layout file named in issue.yaml is relative to the issue's folder,
	 * like every other path there; one on the command line, to the shell's. */
	size_t ll = strlen(layout);
	bool is_file = strchr(layout, '/') || (ll > 5 && !strcmp(layout + ll - 5, ".yaml"));
	if (!opts->layout && is_file && !opts->allow_outside && folio_leaves_folder(layout)) {
		folio_error(ctx, FOLIO_ERR_INPUT, issue->layout_loc,
		            "path '%s' leaves the issue folder (use --allow-outside to permit it)",
		            layout);
		return FOLIO_ERR_INPUT;
	}
	if (!opts->layout && is_file && layout[0] != '/')
		layout = folio_arena_printf(ctx->arena, "%s/%s", issue->dir, layout);
	char *tpath = opts->layout ? folio_template_resolve(ctx, layout)
	                           : folio_template_resolve_at(ctx, layout, issue->layout_loc);
	folio_template *t = tpath ? folio_template_load(ctx, tpath) : NULL;
	if (!t)
		return ctx->status ? (int)ctx->status : FOLIO_ERR_INPUT;

	folio_fonts *kept = opts->keep ? folio_keep_fonts(opts->keep) : NULL;
	folio_fonts *fonts = kept ? kept : folio_fonts_new();
	folio_hyph *hyph = opts->keep
	                       ? folio_keep_hyph(ctx, opts->keep, issue->language, issue->layout_loc)
	                       : folio_hyph_load(ctx, issue->language, issue->layout_loc);
	folio_hyph_exceptions(hyph, t->hyphen_exceptions, t->nhyphen_exceptions);
	folio_layout_options lo = {.draft = opts->draft, .guides = opts->guides};
	/* the articles' own languages, each hyphenated once for the build */
	const char **langs = folio_arena_alloc(ctx->arena, (issue->narticles + 1) * sizeof *langs);
	folio_hyph **hyphs = folio_arena_alloc(ctx->arena, (issue->narticles + 1) * sizeof *hyphs);
	size_t nlangs = 0;
	for (size_t i = 0; i < issue->narticles; i++) {
		const folio_article *a = &issue->articles[i];
		bool known = !a->language || !strcmp(a->language, issue->language);
		for (size_t k = 0; k < nlangs && !known; k++)
			known = !strcmp(langs[k], a->language);
		if (known)
			continue;
		langs[nlangs] = a->language;
		hyphs[nlangs] = folio_hyph_load(ctx, a->language, a->language_loc);
		folio_hyph_exceptions(hyphs[nlangs], t->hyphen_exceptions, t->nhyphen_exceptions);
		nlangs++;
	}
	lo.langs = langs;
	lo.hyphs = hyphs;
	lo.nlangs = nlangs;
	folio_layout_stats stats = {0};
	folio_display *dl =
	    folio_failed(ctx) ? NULL : folio_layout_issue(ctx, issue, t, fonts, hyph, &lo, &stats);
	folio_target target = opts->target ? FOLIO_TARGET_SCREEN : FOLIO_TARGET_PRINT;
	size_t npics = 0;
	folio_picture **pics = dl ? folio_issue_pictures(ctx, issue, &npics) : NULL;
	/* The print edition's preflight weighs a CMYK picture's ink
	 * (folio_jpeg_ink decodes it at 1/8); other pictures leave it to the
	 * RIP's profile. */
	for (size_t i = 0; dl && target == FOLIO_TARGET_PRINT && i < npics; i++)
		if (pics[i]->ink == 0 && !folio_jpeg_ink(ctx, pics[i]))
			dl = NULL;
	if (dl)
		folio_pdf_preflight_check(ctx, dl, target, opts->draft);
	if (dl && opts->report) {
		free(ctx->report);
		ctx->report = folio_make_report(issue, t, dl, &stats, target);
	}
	if (dl && opts->dump_layout) {
		free(ctx->dump);
		ctx->dump = folio_display_dump(dl);
	}
	if (dl && (pdf || fd >= 0) && !folio_fit_pictures(ctx, pics, npics, dl, target, opts->keep))
		dl = NULL;
	int status = FOLIO_OK;
	if (!dl || folio_failed(ctx)) {
		status = ctx->status ? (int)ctx->status : FOLIO_ERR_OTHER;
	} else if (pdf || fd >= 0) {
		folio_pdf_options po = {.target = target, .to_fd = fd >= 0, .fd = fd,
		                        .kept_packs = opts->keep ? folio_keep_packs(opts->keep) : NULL};
		if (opts->page_digests)
			po.page_digests =
			    folio_arena_alloc(ctx->arena, (size_t)dl->npages * sizeof(uint64_t));
		unsigned char *none = NULL;
		size_t nolen = 0;
		if (!folio_pdf_write(ctx, dl, &po, pdf ? pdf : &none, len ? len : &nolen)) {
			status = ctx->status ? (int)ctx->status : FOLIO_ERR_OTHER;
		} else if (po.page_digests) {
			ctx->page_digests = po.page_digests;
			ctx->npage_digests = (size_t)dl->npages;
		}
	}
	if (!opts->keep)
		folio_hyph_drop(hyph);
	for (size_t k = 0; k < nlangs; k++)
		folio_hyph_drop(hyphs[k]);
	if (!kept)
		folio_fonts_drop(fonts);
	return status;
}

int folio_build(folio_ctx *ctx, const folio_build_options *opts, unsigned char **pdf, size_t *len)
{
	return folio_build_into(ctx, opts, pdf, len, -1);
}

int folio_build_fd(folio_ctx *ctx, const folio_build_options *opts, int fd)
{
	return folio_build_into(ctx, opts, NULL, NULL, fd);
}
