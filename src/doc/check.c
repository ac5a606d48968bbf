/* check.c: the debug walker over a loaded issue (cmark's cmark_node_check):
 * what every later stage may take for granted. It names the first broken
 * invariant on stderr; a load that passes it is safe to lay out. */
#include "doc.h"

#include <stdio.h>
#include <string.h>

static bool fail(const char *what, const char *where, size_t i)
{
	fprintf(stderr, "folio_issue_check: %s (%s %zu)\n", what, where, i);
	return false;
}

static bool text_ok(const char *s, size_t len)
{
	return s && strlen(s) == len && folio_utf8_check(s, len) == (size_t)-1;
}

static bool cstr_ok(const char *s)
{
	return s && text_ok(s, strlen(s));
}

static bool runs_ok(const folio_run *runs, size_t n)
{
	if (n > 0 && !runs)
		return false;
	for (size_t i = 0; i < n; i++) {
		const folio_run *r = &runs[i];
		if (r->len == 0 || !text_ok(r->text, r->len))
			return false;
		if (r->flags & ~(FOLIO_RUN_ITALIC | FOLIO_RUN_BOLD | FOLIO_RUN_CODE))
			return false;
		if (r->link && !cstr_ok(r->link))
			return false;
	}
	return true;
}

static bool picture_ok(const folio_picture *p)
{
	return p && p->path && p->width > 0 && p->height > 0 &&
	       (p->channels == 1 || p->channels == 3) && (p->pixels || p->png_idat || p->jpeg) &&
	       p->orientation >= 0 && p->orientation <= 8 &&
	       (!p->jpeg || p->jpeg_components == 1 || p->jpeg_components == 3 ||
	        p->jpeg_components == 4);
}

static bool figure_ok(const folio_figure *f)
{
	return picture_ok(f->picture) && (!f->caption || cstr_ok(f->caption)) &&
	       (!f->credit || cstr_ok(f->credit)) &&
	       (f->width == FOLIO_WIDTH_COLUMN || f->width == FOLIO_WIDTH_PAGE) &&
	       (f->crop == 0 || (f->crop >= 0.1 && f->crop <= 10)) && f->focus >= FOLIO_FOCUS_CENTER &&
	       f->focus <= FOLIO_FOCUS_RIGHT;
}

static bool block_ok(const folio_block *b, size_t i)
{
	if (!b->loc.file)
		return fail("block without a place", "block", i);
	if (!runs_ok(b->runs, b->nruns))
		return fail("bad run", "block", i);
	if (b->kind != FOLIO_BLOCK_QUOTE && b->nattribution)
		return fail("attribution outside a quote", "block", i);
	if (b->kind != FOLIO_BLOCK_FIGURE && b->figure.picture)
		return fail("picture outside a figure", "block", i);
	switch (b->kind) {
	case FOLIO_BLOCK_PARAGRAPH:
		return b->nruns > 0 || fail("empty paragraph", "block", i);
	case FOLIO_BLOCK_HEADING:
		if (b->level != 2 && b->level != 3)
			return fail("heading level not 2 or 3", "block", i);
		return b->nruns > 0 || fail("empty heading", "block", i);
	case FOLIO_BLOCK_LIST_ITEM:
		/* An item may be empty ("-" alone); "" marks a continuation. */
		if (!b->marker || !cstr_ok(b->marker) || b->level < 0)
			return fail("list item without a marker or level", "block", i);
		return true;
	case FOLIO_BLOCK_QUOTE:
		if (!runs_ok(b->attribution, b->nattribution))
			return fail("bad attribution run", "block", i);
		return b->nruns > 0 || fail("empty quote", "block", i);
	case FOLIO_BLOCK_FIGURE:
		if (b->nruns)
			return fail("figure with runs", "block", i);
		return figure_ok(&b->figure) || fail("bad figure", "block", i);
	}
	return fail("unknown block kind", "block", i);
}

static bool article_ok(const folio_article *a, size_t i)
{
	if (!a->loc.file)
		return fail("article without a place", "article", i);
	if (!cstr_ok(a->title) || !*a->title)
		return fail("article without a title", "article", i);
	if ((a->section && !cstr_ok(a->section)) ||
	    (a->contents && !cstr_ok(a->contents)))
		return fail("bad section or contents label", "article", i);
	if (a->start != FOLIO_START_FLOW && a->start != FOLIO_START_COLUMN &&
	    a->start != FOLIO_START_PAGE)
		return fail("bad start", "article", i);
	if (a->style != FOLIO_STYLE_ARTICLE && a->style != FOLIO_STYLE_PANEL)
		return fail("bad style", "article", i);
	if (a->image && !figure_ok(a->image))
		return fail("bad lead picture", "article", i);
	if (a->nblocks > 0 && !a->blocks)
		return fail("blocks missing", "article", i);
	for (size_t k = 0; k < a->nblocks; k++)
		if (!block_ok(&a->blocks[k], k))
			return fail("in this article", "article", i);
	return true;
}

bool folio_issue_check(const folio_issue *is)
{
	if (!is)
		return fail("no issue", "issue", 0);
	if (!is->path || !is->dir || !cstr_ok(is->newsletter) || !cstr_ok(is->issue) ||
	    !cstr_ok(is->date) || !cstr_ok(is->language) || !cstr_ok(is->layout))
		return fail("required field missing", "issue", 0);
	if ((is->tagline && !cstr_ok(is->tagline)) ||
	    (is->website && !cstr_ok(is->website)) ||
	    (is->contents_title && !cstr_ok(is->contents_title)))
		return fail("bad optional field", "issue", 0);
	if (is->month < 1 || is->month > 12 || is->day < 1 || is->day > 31 ||
	    is->year < 1)
		return fail("bad date", "issue", 0);
	if (is->narticles == 0 || !is->articles)
		return fail("no articles", "issue", 0);
	for (size_t i = 0; i < is->narticles; i++)
		if (!article_ok(&is->articles[i], i))
			return false;
	return true;
}
