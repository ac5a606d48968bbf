/* layout.c: the whole issue: articles flow through the pages in reading
 * order, and the issue is laid out again until the page numbers printed
 * in the contents box are the pages the articles really start on
 * (MuPDF's fz_write_stabilized_story does the same).
 *
 * Memory: a big issue's display list is most of the build's memory, so
 * nothing else of a pass stays. An article's rows and plans go with an
 * arena of their own, dropped once they are emitted; the first pass, whose
 * page numbers are guesses, is laid out in an arena that is dropped whole;
 * it keeps only a count of each page's items (the display list is written,
 * never read, while the layout runs), so the next pass has its display list
 * allocated once at its size instead of by doubling. */
#include "lay.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define FOLIO_MAX_PASSES 6

static void folio_cursor_start(folio_lay *L, folio_cursor *cur)
{
	memset(cur, 0, sizeof *cur);
	cur->limit_page = -1;
	folio_page_geom_init(L, 0, &cur->geom);
	cur->y = cur->geom.top[0];
	cur->fresh_col = cur->fresh_page = true;
}

/* The room an article keeps at the foot of the last column of each page it
 * may leave, for the line that says where it goes on (continued.on): whole
 * grid lines, for the line's rows and the space before them. */
static bool folio_jump_out_room(folio_lay *L)
{
	L->jump_out_h = 0;
	if (L->jump_article < 0 || !L->continued_on)
		return true;
	/* a line that does not name the article is the same for all of them */
	bool same = !strstr(L->continued_on, "{title}");
	if (same && L->jump_out_same > 0) {
		L->jump_out_h = L->jump_out_same;
		return true;
	}
	folio_row *rows;
	size_t n;
	/* the widest page number the layout has */
	if (!folio_jump_out_rows(L, L->t->npages - 1, &rows, &n))
		return false;
	if (n == 0)
		return true;
	double b = L->t->baseline, h = 0;
	for (size_t k = 0; k < n; k++)
		h += rows[k].grid ? b : rows[k].h;
	L->jump_out_h = ceil((h + rows[0].space_before) / b - 1e-6) * b;
	if (same)
		L->jump_out_same = L->jump_out_h;
	return true;
}

static bool folio_balance_wanted(const folio_lay *L, size_t i)
{
	const folio_issue *is = L->issue;
	return i + 1 == is->narticles || is->articles[i + 1].start == FOLIO_START_PAGE;
}

/* Records every hyphenated line that ends a column or comes right before
 * a picture; true when there was a new one (the article must be set again). */
static bool folio_forbid_end_hyphens(folio_lay *L, const folio_row *rows, size_t n,
                                     const folio_slot *slots)
{
	bool added = false;
	for (size_t k = 0; k < n; k++) {
		const folio_row *r = &rows[k];
		if (!slots[k].placed || r->kind != FOLIO_ROW_LINE || !r->src ||
		    !r->line->hyphenated)
			continue;
		size_t j = k + 1;
		while (j < n && !slots[j].placed)
			j++;
		bool column_end =
		    j >= n ? false : slots[j].page != slots[k].page || slots[j].col != slots[k].col;
		bool before_picture = j < n && rows[j].kind == FOLIO_ROW_IMAGE;
		if (!column_end && !before_picture)
			continue;
		bool known = false;
		for (size_t i = 0; i < L->nnohyph; i++)
			if (L->nohyph[i].runs == r->src && L->nohyph[i].line == (size_t)r->line_no)
				known = true;
		if (known)
			continue;
		if (L->nnohyph == L->capnohyph) {
			size_t cap = L->capnohyph ? L->capnohyph * 2 : 8;
			L->nohyph = folio_arena_grow(folio_lay_keep(L), L->nohyph,
			                             sizeof *L->nohyph, L->nnohyph, cap);
			L->capnohyph = cap;
		}
		L->nohyph[L->nnohyph].runs = r->src;
		L->nohyph[L->nnohyph].line = (size_t)r->line_no;
		L->nnohyph++;
		added = true;
	}
	return added;
}

/* A trial pass only counts the items of each page. The display list is
 * written, never read, while the layout runs, so every page writes into
 * one shared block (over one another: nobody looks) that is big enough for
 * most pages; a page that outgrows it gets an array in the arena of the
 * article being emitted, which is dropped after it. */
typedef struct {
	size_t *counts;
	folio_dl_item *shared;
	size_t cap;
} folio_trial;

#define FOLIO_TRIAL_ITEMS 2048

static void folio_trial_count(folio_lay *L, folio_trial *tr)
{
	if (!tr)
		return;
	for (int p = 0; p < L->dl->npages; p++) {
		folio_dl_page *pg = &L->dl->pages[p];
		tr->counts[p] += pg->nitems;
		*pg = (folio_dl_page){.items = tr->shared, .cap = tr->cap};
	}
}

/* An article in a language of its own is set in it: its hyphenation
 * (none when folio has no patterns for it), its quotes; a NULL article,
 * the rest of the issue, in the issue's. */
static void folio_article_language(folio_lay *L, const folio_article *a)
{
	L->lang = L->issue->language;
	L->lang_hyph = L->hyph;
	if (!a || !a->language)
		return;
	L->lang = a->language;
	L->lang_hyph = NULL;
	const folio_layout_options *o = L->opts;
	for (size_t i = 0; o && i < o->nlangs; i++)
		if (!strcmp(o->langs[i], a->language))
			L->lang_hyph = o->hyphs[i];
}

/* One pass; the display list and furniture go into ctx->arena (the pass's),
 * each article's rows into an arena of their own. With tr, a trial: the
 * pages are counted, not kept. */
static bool folio_layout_pass(folio_lay *L, folio_trial *tr)
{
	const folio_issue *is = L->issue;
	const folio_template *t = L->t;
	folio_display *dl = L->dl;
	folio_ctx *ctx = L->ctx;
	folio_arena *out = ctx->arena;
	for (int p = 0; p < dl->npages; p++) {
		dl->pages[p].nitems = 0;
		L->quality[p] = (folio_quality){0};
	}
	memset(L->feet, 0, (size_t)dl->npages * FOLIO_MAX_COLUMNS * sizeof *L->feet);
	if (tr) {
		/* not cleared: only the items written are (the block is 300 KB,
		 * a page fault a 4 KB that a memset would touch) */
		tr->shared = folio_arena_alloc_raw(out, FOLIO_TRIAL_ITEMS * sizeof *tr->shared);
		tr->cap = FOLIO_TRIAL_ITEMS;
		for (int p = 0; p < dl->npages; p++)
			dl->pages[p] = (folio_dl_page){.items = tr->shared, .cap = tr->cap};
	}
	for (int p = 0; p < t->npages; p++)
		if (!folio_page_furniture(L, p))
			return false;
	folio_trial_count(L, tr);
	folio_cursor cur;
	folio_cursor_start(L, &cur);
	for (size_t i = 0; i < is->narticles; i++) {
		const folio_article *a = &is->articles[i];
		if (a->start == FOLIO_START_PAGE && !cur.fresh_page)
			while (folio_next_column(L, &cur) && cur.col != 0)
				;
		else if (a->start == FOLIO_START_COLUMN && !cur.fresh_col)
			folio_next_column(L, &cur);
		bool span = cur.fresh_page && cur.col == 0 && cur.page < t->npages;
		folio_row *rows;
		size_t nrows;
		folio_slot *slots;
		folio_cursor start = cur;
		folio_arena *rows_arena = folio_arena_new();
		ctx->arena = rows_arena;
		/* A hyphen must not end a column or stand before a picture: such
		 * a line is set again without it, and the article planned again. */
		L->context = folio_arena_printf(ctx->arena, "article '%s'", a->title);
		folio_article_language(L, a);
		L->jump_article =
		    L->continued && a->style != FOLIO_STYLE_PANEL ? (int)i : -1;
		L->jumps = L->jump_article < 0 ? NULL
		                               : folio_arena_alloc(ctx->arena, (size_t)t->npages *
		                                                                   sizeof *L->jumps);
		if (!folio_jump_out_room(L)) {
			ctx->arena = out;
			folio_arena_drop(rows_arena);
			return false;
		}
		for (int round = 0; round < 4; round++) {
			cur = start;
			if (!folio_article_rows(L, (int)i, span, &rows, &nrows)) {
				ctx->arena = out;
				folio_arena_drop(rows_arena);
				return false;
			}
			slots = folio_arena_alloc(ctx->arena, (nrows + 1) * sizeof *slots);
			L->jump_out_until = t->npages;
			folio_plan_rows(L, &cur, rows, nrows, 0, slots);
			if (L->jump_out_h > 0 && cur.page > start.page && cur.page < t->npages) {
				/* the room kept on the page before its last may be what
				 * sent the article there: without it, the article may
				 * end a page sooner, and then leaves no page more */
				folio_cursor sooner = start;
				folio_slot *s = folio_arena_alloc(ctx->arena, (nrows + 1) * sizeof *s);
				L->jump_out_until = cur.page - 1;
				folio_plan_rows(L, &sooner, rows, nrows, 0, s);
				if (sooner.page < cur.page) {
					cur = sooner;
					slots = s;
				} else {
					L->jump_out_until = t->npages;
				}
			}
			if (folio_balance_wanted(L, i))
				folio_balance(L, &start, rows, nrows, 0, slots, &cur);
			if (!folio_forbid_end_hyphens(L, rows, nrows, slots))
				break;
		}
		L->start_pages[i] = 0;
		L->overset_lines[i] = 0;
		for (size_t k = 0; k < nrows; k++) {
			if (slots[k].placed && !L->start_pages[i])
				L->start_pages[i] = slots[k].page + 1;
			if (!slots[k].placed && !rows[k].discardable &&
			    rows[k].kind == FOLIO_ROW_LINE)
				L->overset_lines[i]++;
			if (!slots[k].placed && rows[k].kind == FOLIO_ROW_IMAGE &&
			    cur.page >= t->npages)
				L->overset_lines[i]++;
		}
		L->context = NULL;
		folio_article_language(L, NULL);
		if (!tr) /* a trial's items go with the rows */
			ctx->arena = out;
		folio_quality_tally(L, rows, nrows, slots);
		folio_emit_rows(L, (int)i, rows, nrows, slots);
		folio_trial_count(L, tr);
		ctx->arena = out;
		folio_arena_drop(rows_arena);
		L->jump_article = -1;
		L->jumps = NULL; /* they went with the article's arena */
		L->jump_out_h = 0;
	}
	folio_quality_fill(L);
	return true;
}

/* A pass with ctx->arena swapped for `arena`. */
static bool folio_layout_pass_in(folio_lay *L, folio_arena *arena, folio_trial *tr)
{
	folio_arena *saved = L->ctx->arena;
	L->ctx->arena = arena;
	bool ok = folio_layout_pass(L, tr);
	L->ctx->arena = saved;
	return ok;
}

/* The display list's pages emptied for a pass in `arena`, each with room
 * for the items counted (and a little more: page numbers may move a line).
 * Not cleared: an item is written before it is counted (folio_emit), and
 * the spare room is then never touched. */
static void folio_reserve_pages(folio_display *dl, const size_t *counts, folio_arena *arena)
{
	for (int p = 0; p < dl->npages; p++) {
		folio_dl_page *pg = &dl->pages[p];
		size_t cap = counts[p] ? counts[p] + counts[p] / 16 + 8 : 0;
		pg->items = cap ? folio_arena_alloc_raw(arena, cap * sizeof *pg->items) : NULL;
		pg->cap = cap;
		pg->nitems = 0;
	}
}

static void folio_mark_overset(folio_lay *L)
{
	const folio_issue *is = L->issue;
	int last = L->dl->npages - 1;
	double y = L->t->margin_top * 0.6;
	for (size_t i = 0; i < is->narticles; i++) {
		if (!L->overset_lines[i])
			continue;
		const char *msg = folio_arena_printf(
		    L->ctx->arena, "OVERSET: %d lines of \xE2\x80\x9C%s\xE2\x80\x9D",
		    L->overset_lines[i], is->articles[i].title);
		folio_face *face = folio_style_face(L, FOLIO_ST_FOOTER, FOLIO_RUN_BOLD);
		if (!face)
			return;
		folio_emit(L, last,
		           (folio_dl_item){.kind = FOLIO_DL_TEXT,
		                           .x = L->t->margin_inner,
		                           .y = y,
		                           .color = {.m = 1, .y = 1},
		                           .face = face,
		                           .size = 9,
		                           .text = msg,
		                           .len = strlen(msg),
		                           .style = -1,
		                           .article = (int)i,
		                           .dest_page = -1});
		y += 11;
	}
}

/* Everything of folio_layout_issue after its folio_lay is made. */
static folio_display *folio_layout_passes(const folio_lay *Lp, folio_layout_stats *stats)
{
	folio_lay L = *Lp;
	folio_ctx *ctx = L.ctx;
	const folio_issue *issue = L.issue;
	const folio_template *t = L.t;
	folio_arena *A = L.keep;
	L.col_w =
	    (t->page_width - t->margin_inner - t->margin_outer - (t->columns - 1) * t->gutter) /
	    t->columns;
	size_t n = issue->narticles;
	L.start_pages = folio_arena_alloc(A, (n + 1) * sizeof(int));
	L.overset_lines = folio_arena_alloc(A, (n + 1) * sizeof(int));
	int *guess = folio_arena_alloc(A, (n + 1) * sizeof(int));
	for (size_t i = 0; i < n; i++)
		guess[i] = 1;
	L.guess = guess;

	folio_display *dl = folio_arena_alloc(A, sizeof *dl);
	dl->page_width = t->page_width;
	dl->page_height = t->page_height;
	dl->bleed = t->bleed;
	dl->npages = t->npages;
	dl->pages = folio_arena_alloc(A, (size_t)t->npages * sizeof *dl->pages);
	L.dl = dl;
	L.quality = folio_arena_alloc(A, (size_t)t->npages * sizeof *L.quality);
	L.feet = folio_arena_alloc(A, (size_t)t->npages * FOLIO_MAX_COLUMNS * sizeof *L.feet);
	L.contents_h = folio_contents_height(&L);
	L.tallest = 0; /* the cover's columns end above the box */
	if (folio_failed(ctx))
		return NULL;

	/* Without a contents box the first pass is the last one. */
	bool contents = false;
	for (size_t i = 0; i < n; i++)
		contents = contents || issue->articles[i].contents;
	int pass;
	for (pass = 1; pass <= FOLIO_MAX_PASSES; pass++) {
		folio_arena *trial = pass == 1 && contents ? folio_arena_new() : NULL;
		folio_trial tr = {0};
		if (trial)
			tr.counts =
			    folio_arena_alloc(trial, ((size_t)t->npages + 1) * sizeof *tr.counts);
		bool ok = folio_layout_pass_in(&L, trial ? trial : A, trial ? &tr : NULL);
		if (trial) {
			folio_reserve_pages(dl, tr.counts, A);
			folio_arena_drop(trial);
		}
		if (!ok)
			return NULL;
		bool stable = true;
		for (size_t i = 0; i < n; i++)
			if (issue->articles[i].contents && guess[i] != L.start_pages[i])
				stable = false;
		/* the first guess was right: the same pass again, to keep */
		if (stable && trial && !folio_layout_pass_in(&L, A, NULL))
			return NULL;
		if (stable)
			break;
		for (size_t i = 0; i < n; i++)
			guess[i] = L.start_pages[i];
	}
	if (pass > FOLIO_MAX_PASSES)
		folio_warn(ctx, (folio_loc){issue->path, 0, 0},
		           "the contents box's page numbers did not settle after %d passes",
		           FOLIO_MAX_PASSES);

	bool overset = false;
	for (size_t i = 0; i < n; i++) {
		if (!L.overset_lines[i])
			continue;
		overset = true;
		const folio_article *a = &issue->articles[i];
		if (L.draft)
			folio_warn(
			    ctx, a->loc,
			    "overset: %d lines of '%s' did not fit the %d pages of the layout",
			    L.overset_lines[i], a->title, t->npages);
		else
			folio_error(
			    ctx, FOLIO_ERR_OVERSET, a->loc,
			    "overset: %d lines of '%s' did not fit the %d pages of the layout",
			    L.overset_lines[i], a->title, t->npages);
	}
	if (overset && L.draft)
		folio_mark_overset(&L);
	for (int p = 0; L.guides && p < t->npages; p++)
		folio_page_guides(&L, p);
	if (!overset)
		folio_warn_unfilled(&L);
	if (L.continued_lines && !L.continued_fits) {
		const char *used = "en";
		for (size_t i = 0; i < t->ncontinued; i++)
			if (t->continued_text[i] == L.continued)
				used = t->continued_lang[i];
		folio_warn(ctx, (folio_loc){issue->path, 0, 0},
		           "language '%s': the lines that say where a story is continued from are "
		           "set in the layout's '%s' text (its continued.text has none in this "
		           "language)",
		           issue->language, used);
	}

	dl->title = folio_arena_printf(A, "%s \xE2\x80\x94 %s", issue->newsletter, issue->issue);
	dl->subject = issue->tagline ? issue->tagline : issue->issue;
	dl->author = issue->newsletter;
	dl->lang = issue->language;
	dl->narticles = issue->narticles;
	dl->article_lang = folio_arena_alloc(A, (issue->narticles + 1) * sizeof *dl->article_lang);
	for (size_t i = 0; i < issue->narticles; i++)
		if (issue->articles[i].language && strcmp(issue->articles[i].language, issue->language))
			dl->article_lang[i] = issue->articles[i].language;
	dl->output_identifier = t->output_identifier;
	dl->output_condition = t->output_condition;
	dl->output_registry = t->output_registry;
	dl->spots = t->spots;
	dl->nspots = t->nspots;
	dl->press = (folio_press){.ink_limit = t->ink_limit,
	                          .safety = t->safety,
	                          .resample_above = t->resample_above,
	                          .resample_to = t->resample_to,
	                          .colors = t->colors,
	                          .ncolors = t->ncolors,
	                          .layout = {t->path, 0, 0},
	                          .rule_width = t->rule_width_loc};
	dl->year = issue->year;
	dl->month = issue->month;
	dl->day = issue->day;
	dl->outline_titles = folio_arena_alloc(A, (n + 1) * sizeof(char *));
	dl->outline_pages = folio_arena_alloc(A, (n + 1) * sizeof(int));
	for (size_t i = 0; i < n; i++) {
		if (!L.start_pages[i])
			continue;
		dl->outline_titles[dl->noutline] = issue->articles[i].title;
		dl->outline_pages[dl->noutline] = L.start_pages[i] - 1;
		dl->noutline++;
	}
	if (stats) {
		stats->start_pages = L.start_pages;
		stats->overset_lines = L.overset_lines;
		stats->passes = pass > FOLIO_MAX_PASSES ? FOLIO_MAX_PASSES : pass;
		stats->pages = L.quality;
		stats->npages = t->npages;
		stats->total = (folio_quality){0};
		for (int p = 0; p < t->npages; p++)
			folio_quality_add(&stats->total, &L.quality[p]);
	}
	if (overset && !L.draft)
		return NULL;
	return dl;
}

folio_display *folio_layout_issue(folio_ctx *ctx, const folio_issue *issue, const folio_template *t,
                                  folio_fonts *fonts, folio_hyph *hyph,
                                  const folio_layout_options *opts, folio_layout_stats *stats)
{
	if (t->columns < 1 || t->columns > FOLIO_MAX_COLUMNS) {
		folio_error(ctx, FOLIO_ERR_INPUT, (folio_loc){t->path, 0, 0},
		            "%d columns: a layout may have 1 to %d", t->columns, FOLIO_MAX_COLUMNS);
		return NULL;
	}
	folio_arena *A = ctx->arena;
	bool known;
	const folio_words *words = folio_words_for(t, issue->language, &known);
	if (!known)
		folio_warn(ctx, (folio_loc){issue->path, 0, 0},
		           "language '%s': the date in the masthead and 'Page' in the contents box "
		           "are set in English (folio has its own words in en, ru, kk and ky; the "
		           "layout's words: may give them in any language)",
		           issue->language);
	folio_lay L = {.ctx = ctx,
	               .issue = issue,
	               .t = t,
	               .fonts = fonts,
	               .hyph = hyph,
	               .lang = issue->language,
	               .lang_hyph = hyph,
	               .opts = opts,
	               .draft = opts && opts->draft,
	               .guides = opts && opts->guides,
	               .keep = A,
	               .paras = folio_arena_new(),
	               .words = words,
	               .jump_article = -1};
	int jump = folio_continued_for(t, issue->language, &L.continued_fits);
	L.continued = jump >= 0 ? t->continued_text[jump] : NULL;
	L.continued_on = jump >= 0 && t->continued_on ? t->continued_on[jump] : NULL;
	folio_display *dl = folio_layout_passes(&L, stats);
	folio_arena_drop(L.paras);
	return dl;
}
