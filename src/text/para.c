/* para.c: folio_para_set: prepare the text, find its break opportunities,
 * shape, build items, break them in up to three passes (tex.web section
 * 863: pretolerance without hyphenation, tolerance with it, then an
 * emergency pass), and set each line as pieces at exact positions.
 * Justified lines hang their edge punctuation into the margins (optical
 * margin alignment): a piece may start up to the left protrusion before 0
 * and end up to the right one past the width. */
#include "text_int.h"

#include <linebreak.h>
#include <string.h>

/* plain.tex's values */
static const folio_break_params folio_plain = {
    .pretolerance = 100,
    .tolerance = 200,
    .line_penalty = 10,
    .adj_demerits = 10000,
    .double_hyphen_demerits = 10000,
    .final_hyphen_demerits = 5000,
    .max_hyphen_run = 2,
};

typedef struct {
	folio_piece *v;
	size_t n, cap;
} folio_pieces;

/* The first characters of a word, for a message. */
static const char *folio_excerpt(folio_par *par, uint32_t word)
{
	const folio_word *w = &par->words[word];
	size_t i = w->start;
	for (int chars = 0; i < w->end && chars < 12; chars++)
		folio_utf8_next(par->text, w->end, &i);
	return folio_arena_printf(par->scratch, "%.*s%s", (int)(i - w->start), par->text + w->start,
	                          i < w->end ? "…" : "");
}

/* A piece's width was summed as advances with the tracking after each
 * glyph; it is kept as the extent of its glyphs, the last one's trailing
 * tracking left out (text.h). */
static void folio_close_piece(folio_pieces *ps, folio_piece *cur, bool *open, folio_par *par)
{
	if (*open) {
		cur->width -= cur->tracking;
		FOLIO_PUSH(par->scratch, ps->v, ps->n, ps->cap, *cur);
	}
	*open = false;
}

/* Set the line of items[start, end) that breaks at items[end]
 * (tex.web part 39, post_line_break and hpack). */
static void folio_set_line(folio_par *par, const folio_item *items, size_t start, size_t end,
                           double protrude_left, folio_line *line)
{
	const folio_para_spec *spec = par->spec;
	const folio_item *brk = &items[end];
	*line = (folio_line){0};
	line->at_space = brk->type == FOLIO_GLUE;
	bool at_penalty = brk->type == FOLIO_PENALTY;
	bool in_word = at_penalty && (brk->flags & FOLIO_PEN_INWORD);
	double natural = 0, stretch = 0, shrink = 0, fil = 0, letter_stretch = 0, letter_shrink = 0;
	size_t inner = 0;  /* boundaries between the units of a word */
	size_t nunits = 0; /* a piece has at least one */
	bool word_start = true;
	for (size_t i = start; i < end; i++) {
		const folio_item *x = &items[i];
		if (x->type == FOLIO_PENALTY)
			continue;
		if (x->type == FOLIO_BOX && x->u1 > x->u0)
			nunits += x->u1 - x->u0;
		natural += x->width;
		stretch += x->stretch;
		shrink += x->shrink;
		fil += x->fil;
		if (x->type == FOLIO_GLUE || x->u0 == x->u1) {
			word_start = true;
			continue;
		}
		letter_stretch += x->stretch;
		letter_shrink += x->shrink;
		inner += x->u1 - x->u0 - (word_start ? 1 : 0);
		word_start = false;
	}
	if (at_penalty)
		natural += brk->width;
	double protrude_right = at_penalty || brk->type == FOLIO_GLUE ? brk->protrude_right : 0;
	if (par->ragged)
		protrude_right = 0; /* the left edge may hang (items.c) */
	/* the line is set to the width the breaker judged it at */
	double W = spec->width + protrude_left + protrude_right, r = 0, offset = -protrude_left;
	if (par->ragged) {
		double room = W - natural > 0 ? W - natural : 0;
		offset = spec->align == FOLIO_ALIGN_RIGHT    ? room
		         : spec->align == FOLIO_ALIGN_CENTER ? room / 2
		                                             : -protrude_left;
	} else if (natural < W) {
		if (fil <= 0 && stretch > 0)
			r = (W - natural) / stretch;
	} else if (natural > W && shrink > 0) {
		r = (W - natural) / shrink;
		if (r < -1)
			r = -1; /* TeX shrinks no further: overfull */
	}

	/* a stretched line spaces its letters too, by what its words' boxes
	 * stretch, spread evenly between the letters of each word; never more
	 * than at r = 1: a line looser than that (the emergency pass) leaves
	 * the rest to its word spaces. A shrunk line tightens them by what
	 * the boxes shrink, at the same ratio as its spaces. */
	double letter_space = 0, glue_r = r;
	if (r > 0 && inner && letter_stretch > 0) {
		double lr = r;
		if (r > 1 && stretch > letter_stretch) {
			lr = 1;
			glue_r = (W - natural - letter_stretch) / (stretch - letter_stretch);
		}
		letter_space = lr * letter_stretch / (double)inner;
	} else if (r < 0 && inner && letter_shrink > 0) {
		letter_space = r * letter_shrink / (double)inner;
	}

	/* one buffer for the paragraph's lines, as big as its longest line
	 * needs: the pieces never grow one by one */
	if (par->cappieces < nunits + 1) {
		par->cappieces = nunits + 1 > 2 * par->cappieces ? nunits + 1 : 2 * par->cappieces;
		/* not cleared: a piece is written before it is counted */
		par->pieces =
		    folio_arena_alloc_raw(par->scratch, par->cappieces * sizeof *par->pieces);
	}
	folio_pieces ps = {.v = par->pieces, .cap = par->cappieces};
	folio_piece cur = {0};
	bool open = false;
	const folio_unit *prev = NULL;
	double x = offset;
	for (size_t i = start; i < end; i++) {
		const folio_item *it = &items[i];
		if (it->type == FOLIO_PENALTY)
			continue;
		if (it->type == FOLIO_GLUE || it->u0 == it->u1) {
			x += it->width + (r > 0 ? glue_r * it->stretch : r * it->shrink);
			folio_close_piece(&ps, &cur, &open, par);
			prev = NULL;
			continue;
		}
		for (uint32_t u = it->u0; u < it->u1; u++) {
			const folio_unit *unit = &par->units[u];
			/* at a break inside a word the kerning with the next unit
			 * is gone: the unit is drawn at its own width */
			double adv = in_word && u == brk->u0 ? unit->nominal : unit->adv;
			if (prev && letter_space != 0)
				x += letter_space;
			const folio_span *sp = &spec->spans[unit->span];
			/* the PDF spaces every glyph, an accent after its letter too:
			 * a cluster of several characters is drawn untracked, alone */
			double track = sp->tracking * sp->size / 1000.0 + letter_space;
			size_t second = unit->start;
			folio_utf8_next(par->text, unit->end, &second);
			bool cluster = second < unit->end && track != 0;
			if (!open || !prev || prev->kerned || prev->xoff != 0 || unit->xoff != 0 ||
			    prev->span != unit->span || prev->end != unit->start || cluster ||
			    cur.tracking != track) {
				folio_close_piece(&ps, &cur, &open, par);
				cur = (folio_piece){.x = x + unit->xoff,
				                    .tracking = cluster ? 0 : track,
				                    .face = sp->face,
				                    .size = sp->size,
				                    .color = sp->color,
				                    .text = par->text + unit->start,
				                    .link = sp->link};
				open = true;
			}
			cur.len = par->text + unit->end - cur.text;
			/* unit advances include the span's tracking: a cluster, drawn
			 * untracked, ends without it */
			cur.width += cluster ? adv - (track - letter_space) : adv + letter_space;
			x += adv;
			prev = unit;
			if (cluster) /* the next unit starts a piece of its own */
				folio_close_piece(&ps, &cur, &open, par);
		}
	}
	if (in_word && (brk->flags & FOLIO_PEN_HYPHEN) && open) {
		const folio_unit *u = &par->units[brk->u0];
		const folio_span *sp = &spec->spans[u->span];
		double track = sp->tracking * sp->size / 1000.0;
		double hw = sp->face->hyphen_adv * sp->size / sp->face->upem + track;
		if (cur.tracking != track) {
			/* letter-spaced: the hyphen follows its letter without the
			 * line's letter space, as the breaker measured it */
			folio_close_piece(&ps, &cur, &open, par);
			cur = (folio_piece){.x = x,
			                    .tracking = track,
			                    .face = sp->face,
			                    .size = sp->size,
			                    .color = sp->color,
			                    .text = "-",
			                    .len = 1,
			                    .width = hw,
			                    .link = sp->link};
			open = true;
		} else {
			char *t = folio_arena_alloc_raw(par->ctx->arena, cur.len + 2);
			memcpy(t, cur.text, cur.len);
			t[cur.len] = '-';
			t[cur.len + 1] = 0;
			cur.text = t;
			cur.len++;
			cur.width += hw;
		}
		x += hw;
		line->hyphenated = true;
	}
	folio_close_piece(&ps, &cur, &open, par);

	line->pieces = folio_arena_alloc_raw(par->lines, (ps.n ? ps.n : 1) * sizeof *ps.v);
	if (ps.n)
		memcpy(line->pieces, ps.v, ps.n * sizeof *ps.v);
	line->npieces = ps.n;
	par->pieces = ps.v; /* the next line reuses the buffer */
	par->cappieces = ps.cap;
	/* the hanging punctuation is not part of the width */
	line->width = x - offset - protrude_left - protrude_right;
	line->ratio = par->ragged ? 0 : r;
	for (size_t i = 0; i < ps.n; i++) {
		const folio_piece *p = &ps.v[i];
		double a = p->face->ascender * p->size, d = -p->face->descender * p->size;
		if (a > line->ascent)
			line->ascent = a;
		if (d > line->descent)
			line->descent = d;
	}
	if (x > spec->width + protrude_right + 0.01 && ps.n) {
		uint32_t word = UINT32_MAX;
		for (size_t i = start; i < end && word == UINT32_MAX; i++)
			if (items[i].type == FOLIO_BOX)
				word = items[i].word;
		folio_warn(par->ctx, spec->loc,
		           "overfull line: the line starting '%s' is %.2fpt wider than the column",
		           word != UINT32_MAX ? folio_excerpt(par, word) : "",
		           x - spec->width - protrude_right);
	}
}

/* The word an emergency break fell in: that of the box before it. */
static uint32_t folio_word_before(const folio_item *items, size_t end)
{
	for (size_t i = end + 1; i-- > 0;)
		if (items[i].type == FOLIO_BOX && items[i].word != UINT32_MAX)
			return items[i].word;
	return UINT32_MAX;
}

/* Balanced ragged lines: the last line loses \parfillskip and every line
 * may fall short by up to half the width, so the breaker, which sums the
 * cube of each line's shortfall, evens the lines out (a lone word at the
 * end costs as much as a short line anywhere; with the whole width a line
 * 20% short cost almost nothing and long pull quotes grew uneven). Kept only when it takes no
 * more lines than the plain setting: a headline must not grow. */
static void folio_balance(folio_par *par, folio_item *items, size_t n,
                          const folio_break_params *plain, size_t nlines, size_t **breaks)
{
	size_t fill = n;
	while (fill-- > 0)
		if (items[fill].type == FOLIO_GLUE && items[fill].fil > 0)
			break;
	if (fill >= n)
		return;
	folio_break_params bp = *plain;
	bp.background_stretch = par->spec->width / 2;
	items[fill].fil = 0;
	size_t *even = NULL;
	bool met = false;
	size_t k = folio_break_pass(par->scratch, items, n, &bp, FOLIO_PASS_SECOND, &even, &met);
	items[fill].fil = 1;
	if (k == nlines && met)
		*breaks = even;
}

static bool folio_break_and_set(folio_par *par, folio_para *out)
{
	const folio_para_spec *spec = par->spec;
	folio_item *items0, *items;
	size_t n0 = folio_build_items(par, false, &items0), n = n0;
	items = items0;
	if (!n0)
		return true;
	folio_break_params bp = folio_plain;
	bp.first_protrude_left = folio_first_protrusion(par, items0, n0);
	bp.line_width = spec->width;
	if (spec->tolerance > 0)
		bp.tolerance = (int)(spec->tolerance + 0.5);
	bp.looseness = spec->looseness;
	bp.no_hyphen_lines = spec->no_hyphen_lines;
	bp.nno_hyphen_lines = spec->nno_hyphen_lines;
	bp.emergency_stretch = 1.5 * par->em;
	/* TeX's ragged right: \rightskip 0pt plus 3em, rigid spaces */
	if (par->ragged)
		bp.background_stretch = (spec->align == FOLIO_ALIGN_CENTER ? 6 : 3) * par->em;

	size_t *breaks = NULL;
	bool met = false;
	size_t nlines =
	    folio_break_pass(par->scratch, items0, n0, &bp, FOLIO_PASS_FIRST, &breaks, &met);
	if (!nlines || !met) {
		if (spec->hyph)
			n = folio_build_items(par, true, &items);
		bp.first_protrude_left = folio_first_protrusion(par, items, n);
		nlines =
		    folio_break_pass(par->scratch, items, n, &bp, FOLIO_PASS_SECOND, &breaks, &met);
		if (!nlines || !met)
			nlines = folio_break_pass(par->scratch, items, n, &bp, FOLIO_PASS_FINAL,
			                          &breaks, &met);
	}
	if (par->ragged && spec->balance && nlines > 1)
		folio_balance(par, items, n, &bp, nlines, &breaks);
	/* folio_set_line clears each line it sets */
	out->lines = folio_arena_alloc_raw(par->lines, (nlines ? nlines : 1) * sizeof *out->lines);
	out->nlines = nlines;
	uint32_t warned = UINT32_MAX;
	size_t start = 0;
	for (size_t k = 0; k < nlines; k++) {
		size_t end = breaks[k];
		double lp = k == 0 ? bp.first_protrude_left : items[breaks[k - 1]].protrude_left;
		folio_set_line(par, items, start, end, lp, &out->lines[k]);
		if (items[end].type == FOLIO_PENALTY && (items[end].flags & FOLIO_PEN_EMERGENCY)) {
			uint32_t w = folio_word_before(items, end);
			if (w != UINT32_MAX && w != warned)
				folio_warn(par->ctx, spec->loc,
				           "unbreakable text '%s' was broken to fit the column",
				           folio_excerpt(par, w));
			warned = w;
		}
		/* tex.web section 879: discard glue and penalties after a break */
		start = end + 1;
		while (start < n && items[start].type != FOLIO_BOX)
			start++;
	}
	return true;
}

bool folio_para_set(folio_ctx *ctx, const folio_para_spec *spec, folio_para *out)
{
	memset(out, 0, sizeof *out);
	if (!spec->nspans)
		return true;
	if (!(spec->width > 0))
		return folio_error(ctx, FOLIO_ERR_INPUT, spec->loc,
		                   "text set in a column of width %.2fpt", spec->width);
	for (size_t s = 0; s < spec->nspans; s++)
		if (!spec->spans[s].face || !(spec->spans[s].size > 0))
			return folio_error(ctx, FOLIO_ERR_OTHER, spec->loc,
			                   "text span without a font or a size");
	static bool linebreak_ready; /* libunibreak's tables: once a process */
	if (!linebreak_ready) {
		init_linebreak();
		linebreak_ready = true;
	}
	folio_par par = {
	    .ctx = ctx,
	    .scratch = folio_arena_new(),
	    .lines = spec->lines_arena ? spec->lines_arena : ctx->arena,
	    .spec = spec,
	    .em = spec->spans[0].size,
	    .ragged = spec->align != FOLIO_ALIGN_JUSTIFY,
	};
	par.lang = spec->lang ? spec->lang : spec->hyph ? folio_hyph_lang(spec->hyph) : "en";
	par.hb_lang = hb_language_from_string(par.lang, -1);
	bool ok = folio_prepare(&par);
	if (ok && par.len) {
		/* libunibreak writes every byte's opportunity */
		par.brks = folio_arena_alloc_raw(par.scratch, par.len);
		set_linebreaks_utf8((const utf8_t *)par.text, par.len, par.lang, par.brks);
		folio_shape_words(&par);
		ok = folio_break_and_set(&par, out);
	}
	folio_arena_drop(par.scratch);
	return ok;
}
