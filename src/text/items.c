/* items.c: from prepared text to TeX's items (tex.web part 38 and The
 * TeXbook ch. 14): words are shaped once into units, spaces become glue,
 * break opportunities inside words (UAX #14, soft hyphens, hyphenation
 * patterns) become penalties, and the paragraph ends with \parfillskip. */
#include "text_int.h"

#include <linebreak.h>
#include <string.h>

/* tex.web's plain.tex values */
enum {
	FOLIO_HYPHEN_PENALTY = 50,
	FOLIO_EX_HYPHEN_PENALTY = 50,
};

static size_t folio_span_at(const folio_par *par, size_t byte)
{
	size_t lo = 0, hi = par->spec->nspans; /* span_start[lo] <= byte */
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (par->span_start[mid] <= byte)
			lo = mid;
		else
			hi = mid;
	}
	/* skip empty spans */
	while (lo + 1 < par->spec->nspans && par->span_start[lo + 1] <= byte)
		lo++;
	return lo;
}

static double folio_tracking(const folio_span *sp)
{
	return sp->tracking * sp->size / 1000.0;
}

/* Shape text[from, to) of span s and append its units. Words are shaped
 * alone, without the text around them: the same word then shapes the same
 * everywhere, which is what lets the face cache it. */
static void folio_shape_part(folio_par *par, size_t s, size_t from, size_t to)
{
	const folio_span *sp = &par->spec->spans[s];
	folio_face *face = sp->face;
	size_t nc;
	const folio_shaped *c =
	    folio_face_clusters(face, par->text + from, to - from, par->hb_lang, &nc);
	double k = sp->size / face->upem, track = folio_tracking(sp);
	for (size_t i = 0; i < nc; i++) {
		folio_unit u = {
		    .start = (uint32_t)(from + c[i].offset),
		    .end = (uint32_t)(i + 1 < nc ? from + c[i + 1].offset : to),
		    .span = (uint32_t)s,
		    .adv = c[i].adv * k + track,
		    .nominal = c[i].nominal * k + track,
		    .xoff = c[i].xoff * k,
		    .kerned = c[i].adv != c[i].nominal || c[i].offsets,
		};
		FOLIO_PUSH(par->scratch, par->units, par->nunits, par->capunits, u);
	}
}

/* Upper bounds of a paragraph's units and words, from its bytes: a unit
 * (a cluster) starts at a character, and a word ends before a space or at
 * the end; every space character starts with one of the bytes counted. */
static void folio_count_bounds(const folio_par *par, size_t *chars, size_t *spaces)
{
	size_t c = 0, sp = 0;
	for (size_t i = 0; i < par->len; i++) {
		unsigned char b = (unsigned char)par->text[i];
		c += (b & 0xC0) != 0x80;
		sp += b == ' ' || b == 0xC2 || b == 0xE2 || b == 0xE3;
	}
	*chars = c;
	*spaces = sp;
}

void folio_shape_words(folio_par *par)
{
	/* room for all of them at once instead of growing by doubling; not
	 * cleared (FOLIO_PUSH writes an element before it counts it), so the
	 * memory a Cyrillic or a spaced text leaves unused is never touched */
	if (!par->capunits || !par->capwords) {
		size_t chars, spaces;
		folio_count_bounds(par, &chars, &spaces);
		if (!par->capunits) {
			par->capunits = chars + 1;
			par->units =
			    folio_arena_alloc_raw(par->scratch, par->capunits * sizeof *par->units);
		}
		if (!par->capwords) {
			par->capwords = spaces + 1;
			par->words =
			    folio_arena_alloc_raw(par->scratch, par->capwords * sizeof *par->words);
		}
	}
	size_t i = 0;
	while (i < par->len) {
		size_t j = i;
		if (folio_space_kind(folio_utf8_next(par->text, par->len, &j))) {
			i = j;
			continue;
		}
		folio_word w = {.start = (uint32_t)i, .u0 = (uint32_t)par->nunits};
		while (i < par->len) {
			j = i;
			if (folio_space_kind(folio_utf8_next(par->text, par->len, &j)))
				break;
			i = j;
		}
		w.end = (uint32_t)i;
		for (size_t at = w.start; at < w.end;) {
			size_t s = folio_span_at(par, at);
			size_t to = par->span_start[s + 1] < w.end ? par->span_start[s + 1] : w.end;
			folio_shape_part(par, s, at, to);
			at = to;
		}
		w.u1 = (uint32_t)par->nunits;
		FOLIO_PUSH(par->scratch, par->words, par->nwords, par->capwords, w);
	}
}

typedef struct {
	folio_item *v;
	size_t n, cap;
	folio_arena *a;
} folio_items;

static void folio_push(folio_items *it, folio_item x)
{
	FOLIO_PUSH(it->a, it->v, it->n, it->cap, x);
}

static double folio_units_width(const folio_par *par, size_t u0, size_t u1)
{
	double w = 0;
	for (size_t u = u0; u < u1; u++)
		w += par->units[u].adv;
	return w;
}

static double folio_hyphen_width(const folio_par *par, const folio_unit *u)
{
	const folio_span *sp = &par->spec->spans[u->span];
	return sp->face->hyphen_adv * sp->size / sp->face->upem + folio_tracking(sp);
}

/* The gap of a space character at span sp. */
static double folio_space_width(const folio_span *sp, uint32_t cp)
{
	const folio_face *f = sp->face;
	double em = sp->size, k = sp->size / f->upem;
	switch (cp) {
	case ' ':
	case 0xA0:
		return f->space_adv * k + folio_tracking(sp);
	case 0x2000:
	case 0x2002:
		return em / 2;
	case 0x2001:
	case 0x2003:
	case 0x3000:
		return em;
	case 0x2004:
		return em / 3;
	case 0x2005:
		return em / 4;
	case 0x2007:
		return f->zero_adv * k;
	case 0x2008:
		return f->period_adv * k;
	case 0x200A:
		return em / 12;
	case 0x205F:
		return em * 4 / 18;
	default:
		return em / 6; /* U+2006, U+2009, U+202F: TeX's \thinspace */
	}
}

static void folio_space_items(folio_par *par, folio_items *it, size_t from, size_t to)
{
	folio_item glue[8];
	size_t nglue = 0;
	bool nobreak = false, last_normal = false;
	for (size_t i = from; i < to;) {
		uint32_t cp = folio_utf8_next(par->text, to, &i);
		const folio_span *sp = &par->spec->spans[folio_span_at(par, i - 1)];
		nobreak |= cp == 0xA0 || cp == 0x2007 || cp == 0x202F;
		bool normal = cp == ' ' || cp == 0xA0;
		if ((normal && last_normal) || nglue == 8)
			continue; /* spaces do not add up */
		last_normal = normal;
		folio_item g = {.type = FOLIO_GLUE, .width = folio_space_width(sp, cp)};
		if (normal && !par->ragged && !sp->code) {
			/* TeX gives cmr a space of 0.33em that stretches by half and
			 * shrinks by a third. PT Serif's space is only 0.24em, so the
			 * same stretch would make it stiffer than TeX in absolute
			 * terms; this keeps TeX's absolute stretch (about 0.16em).
			 * The shrink keeps TeX's proportion: shrunk further, a line
			 * reads as one long word; the letters take the rest of the
			 * squeeze (FOLIO_LETTER_SHRINK; docs/TYPOGRAPHY.md). */
			g.stretch = g.width / 1.5;
			g.shrink = g.width / 3;
		}
		glue[nglue++] = g;
	}
	if (par->brks[to - 1] == LINEBREAK_NOBREAK)
		nobreak = true;
	if (nobreak)
		folio_push(it, (folio_item){.type = FOLIO_PENALTY, .penalty = FOLIO_INF_PENALTY});
	for (size_t i = 0; i < nglue; i++)
		folio_push(it, glue[i]);
}

static bool folio_is_dash_before(const folio_par *par, size_t end)
{
	/* the character ending at byte `end` */
	size_t i = end;
	while (i > 0 && ((unsigned char)par->text[i - 1] & 0xC0) == 0x80)
		i--;
	if (i > 0)
		i--;
	size_t j = i;
	uint32_t cp = folio_utf8_next(par->text, end, &j);
	return cp == '-' || cp == 0x2012 || cp == 0x2013 || cp == 0x2014 || cp == 0x2015;
}

/* Justified lines may space their letters a little when they must stretch
 * (as InDesign's letter spacing, or pdfTeX's font expansion, which
 * microtype turns on): a word's box stretches by this much a letter (in
 * ems). A word space stretches by 0.16em, a line's letters together by
 * about as much as its spaces: its word gaps stay even (docs/TYPOGRAPHY.md
 * has the measurements that chose the value). */
#define FOLIO_LETTER_STRETCH 0.02
/* ...and shrinks by this much a letter when the line must be tightened
 * (microtype's 2% shrink of a glyph is about as much): a word space keeps
 * two thirds of itself, so the letters share the squeeze. */
#define FOLIO_LETTER_SHRINK 0.01

static double folio_letter_play(const folio_par *par, size_t u0, size_t u1, double em)
{
	if (par->ragged)
		return 0;
	double s = 0;
	for (size_t u = u0; u < u1; u++)
		s += em * par->spec->spans[par->units[u].span].size;
	return s;
}

/* Break kinds at the boundary after unit k of a word. */
enum { BK_NONE, BK_EXPLICIT, BK_SHY, BK_ZWSP, BK_AUTO };

static void folio_word_items(folio_par *par, folio_items *it, uint32_t wi, bool hyphenate,
                             uint8_t *kind)
{
	const folio_word *w = &par->words[wi];
	size_t nu = w->u1 - w->u0;
	if (!nu)
		return;
	bool shy = false;
	memset(kind, BK_NONE, nu);
	for (size_t k = 0; k + 1 < nu; k++) {
		const folio_unit *u = &par->units[w->u0 + k];
		uint8_t mark = par->marks[u->end - 1];
		char brk = par->brks[u->end - 1];
		if (mark & FOLIO_MARK_NOBREAK)
			continue;
		if (mark & FOLIO_MARK_SHY) {
			kind[k] = BK_SHY;
			shy = true;
		} else if (mark & FOLIO_MARK_ZWSP) {
			kind[k] = BK_ZWSP;
		} else if (brk == LINEBREAK_ALLOWBREAK || brk == LINEBREAK_MUSTBREAK) {
			kind[k] = BK_EXPLICIT;
		}
	}
	/* a word with soft hyphens has chosen its points (TeX does the same) */
	bool last_word = wi + 1 == par->nwords;
	bool code = par->spec->spans[par->units[w->u0].span].code;
	if (hyphenate && !shy && !code && par->spec->hyph && nu > 1) {
		size_t pts[64];
		int left = par->spec->hyphen_left > 0 ? par->spec->hyphen_left : 2;
		int right = par->spec->hyphen_right > 0 ? par->spec->hyphen_right : 3;
		size_t np = folio_hyph_word(par->spec->hyph, par->text + w->start,
		                            w->end - w->start, left, right, pts, 64);
		size_t k = 0;
		for (size_t p = 0; p < np; p++) {
			size_t b = w->start + pts[p];
			while (k + 1 < nu && par->units[w->u0 + k].end < b)
				k++;
			const folio_unit *u = &par->units[w->u0 + k];
			if (k + 1 < nu && u->end == b && kind[k] == BK_NONE &&
			    par->spec->spans[u->span].face->hyphen_gid)
				kind[k] = BK_AUTO;
		}
	}
	size_t from = 0;
	for (size_t k = 0; k < nu; k++) {
		if (k + 1 < nu && kind[k] == BK_NONE)
			continue;
		size_t u0 = w->u0 + from, u1 = w->u0 + k + 1;
		folio_push(it, (folio_item){.type = FOLIO_BOX,
		                            .width = folio_units_width(par, u0, u1),
		                            .stretch = folio_letter_play(par, u0, u1, FOLIO_LETTER_STRETCH),
		                            .shrink = folio_letter_play(par, u0, u1, FOLIO_LETTER_SHRINK),
		                            .u0 = (uint32_t)u0,
		                            .u1 = (uint32_t)u1,
		                            .word = wi});
		from = k + 1;
		if (k + 1 == nu)
			break;
		/* breaking drops the kerning with the next unit */
		const folio_unit *u = &par->units[u1 - 1];
		folio_item pen = {.type = FOLIO_PENALTY,
		                  .flags = FOLIO_PEN_INWORD,
		                  .width = u->nominal - u->adv,
		                  .u0 = (uint32_t)(u1 - 1),
		                  .word = wi};
		switch (kind[k]) {
		case BK_SHY:
		case BK_AUTO:
			pen.penalty = FOLIO_HYPHEN_PENALTY;
			pen.flags |= FOLIO_PEN_FLAGGED | FOLIO_PEN_HYPHEN;
			pen.width += folio_hyphen_width(par, u);
			/* a paragraph should not end with a piece of a word: the
			 * last word is hyphenated only when nothing else works */
			if (kind[k] == BK_AUTO && last_word)
				pen.flags |= FOLIO_PEN_LASTWORD;
			break;
		case BK_ZWSP:
			pen.penalty = 0;
			break;
		default:
			/* after a hyphen or a dash it is a hyphenated break, as TeX's
			 * \exhyphenpenalty; after a slash and the like a plain one */
			pen.penalty = FOLIO_EX_HYPHEN_PENALTY;
			if (folio_is_dash_before(par, u->end))
				pen.flags |= FOLIO_PEN_FLAGGED;
			break;
		}
		folio_push(it, pen);
	}
}

/* Before a box: a point between it and a box of text just before it. */
static void folio_emergency_point(const folio_par *par, folio_items *out, uint32_t word)
{
	if (!out->n || word == UINT32_MAX)
		return;
	const folio_item *prev = &out->v[out->n - 1];
	if (prev->type != FOLIO_BOX || prev->word == UINT32_MAX)
		return;
	const folio_unit *u = &par->units[prev->u1 - 1];
	folio_push(out, (folio_item){.type = FOLIO_PENALTY,
	                             .flags = FOLIO_PEN_EMERGENCY | FOLIO_PEN_INWORD,
	                             .width = u->nominal - u->adv,
	                             .u0 = prev->u1 - 1,
	                             .word = word});
}

/* A stretch of items with no legal break that is wider than the line could
 * only overflow (a URL, a 5000-letter word): it gets a point at every unit
 * boundary, and its ties become breakable, for the final pass only. */
static void folio_emergency(folio_par *par, folio_items *it)
{
	double W = par->spec->width;
	size_t n = it->n;
	bool any = false;
	uint8_t *over = folio_arena_alloc(par->scratch, n + 1);
	size_t seg = 0;
	double width = 0, shrink = 0;
	for (size_t i = 0; i < n; i++) {
		const folio_item *x = &it->v[i];
		bool legal = (x->type == FOLIO_GLUE && i > 0 && it->v[i - 1].type == FOLIO_BOX) ||
		             (x->type == FOLIO_PENALTY && x->penalty < FOLIO_INF_PENALTY);
		if (legal || i + 1 == n) {
			/* a line ending here carries the penalty's hyphen too */
			double pen = x->type == FOLIO_PENALTY && x->width > 0 ? x->width : 0;
			if (width + pen - shrink > W + 1e-6) {
				for (size_t j = seg; j < i; j++)
					over[j] = 1;
				any = true;
			}
			width = shrink = 0;
			/* the next line starts at the next box */
			seg = i + 1;
			while (seg < n && it->v[seg].type != FOLIO_BOX)
				seg++;
			if (seg > i + 1)
				i = seg - 1;
			continue;
		}
		if (x->type != FOLIO_PENALTY) {
			width += x->width;
			shrink += x->shrink;
		}
	}
	if (!any)
		return;
	folio_items out = {.a = par->scratch};
	for (size_t i = 0; i < n; i++) {
		folio_item x = it->v[i];
		if (!over[i]) {
			folio_push(&out, x);
			continue;
		}
		if (x.type == FOLIO_PENALTY) {
			bool parfill = i + 1 < n && it->v[i + 1].fil > 0;
			if (!parfill) {
				x.penalty = 0;
				x.flags |= FOLIO_PEN_EMERGENCY;
				x.flags &= ~FOLIO_PEN_LASTWORD;
			}
			folio_push(&out, x);
			continue;
		}
		if (x.type != FOLIO_BOX) {
			folio_push(&out, x);
			continue;
		}
		for (uint32_t u = x.u0; u < x.u1 || u == x.u0; u++) {
			folio_emergency_point(par, &out, x.word);
			folio_push(&out,
			           (folio_item){.type = FOLIO_BOX,
			                        .width = x.u1 > x.u0 ? par->units[u].adv : x.width,
			                        .u0 = u,
			                        .u1 = x.u1 > x.u0 ? u + 1 : u,
			                        .word = x.word});
		}
	}
	*it = out;
}

/* ---- optical margin alignment ----
 * microtype's default protrusion for text fonts, as a fraction of the
 * glyph's advance: how far it may hang past the right margin at a line's
 * end, and past the left one at its start. */
static double folio_right_factor(uint32_t cp)
{
	switch (cp) {
	case '.':
	case ',':
	case '-':
	case 0x2026: /* … */
	case 0x201D: /* ” */
	case 0x2019: /* ’ */
	case 0xBB:   /* » */
	case 0x201C: /* “ closes in Russian and German */
	case '"':
	case '\'':
		return 0.7;
	case 0x2013: /* – */
	case ':':
	case ';':
		return 0.5;
	case 0x2014: /* — */
		return 0.3;
	default:
		return 0;
	}
}

static double folio_left_factor(uint32_t cp)
{
	switch (cp) {
	case 0x201C: /* “ */
	case 0x2018: /* ‘ */
	case 0xAB:   /* « */
	case 0x201E: /* „ */
	case 0x201A: /* ‚ */
		return 0.5;
	case '(':
	case '[':
		return 0.2; /* not in microtype's defaults: a light touch */
	default:
		return 0;
	}
}

static uint32_t folio_unit_cp(const folio_par *par, const folio_unit *u)
{
	size_t i = u->start;
	return folio_utf8_next(par->text, u->end, &i);
}

/* What the line ending at items[i] may hang into the right margin. */
static double folio_protrusion_right(const folio_par *par, const folio_item *v, size_t i)
{
	const folio_item *it = &v[i];
	if (it->type == FOLIO_PENALTY) {
		if (!(it->flags & FOLIO_PEN_INWORD))
			return 0; /* the paragraph's end: never justified */
		const folio_unit *u = &par->units[it->u0];
		if (it->flags & FOLIO_PEN_HYPHEN)
			return folio_right_factor('-') * folio_hyphen_width(par, u);
		return folio_right_factor(folio_unit_cp(par, u)) * u->nominal;
	}
	if (i == 0 || v[i - 1].type != FOLIO_BOX || v[i - 1].u1 == v[i - 1].u0)
		return 0;
	const folio_unit *u = &par->units[v[i - 1].u1 - 1];
	return folio_right_factor(folio_unit_cp(par, u)) * u->nominal;
}

/* What the line starting at the first box from items[i] on may hang into
 * the left margin. */
static double folio_protrusion_left(const folio_par *par, const folio_item *v, size_t n, size_t i)
{
	while (i < n && v[i].type != FOLIO_BOX)
		i++;
	if (i == n || v[i].u1 == v[i].u0)
		return 0; /* the indent box: nothing hangs */
	const folio_unit *u = &par->units[v[i].u0];
	double f = folio_left_factor(folio_unit_cp(par, u));
	/* flush left (display text: titles, pull quotes) a quote hangs whole,
	 * so the letters after it line up with the lines below, as a designer
	 * hangs it; in justified body text microtype's optical half */
	return (par->ragged && f >= 0.5 ? 1 : f) * u->nominal;
}

/* Justified text hangs punctuation into both margins; text set flush left
 * (headlines, pull quotes, lists) into the left one only, where its edge
 * is straight: an opening quote hangs, as a designer hangs it by hand. */
static bool folio_hangs_left(const folio_par *par)
{
	return !par->ragged || par->spec->align == FOLIO_ALIGN_LEFT;
}

double folio_first_protrusion(const folio_par *par, const folio_item *items, size_t n)
{
	return folio_hangs_left(par) ? folio_protrusion_left(par, items, n, 0) : 0;
}

static void folio_protrusion(const folio_par *par, folio_item *v, size_t n)
{
	if (!folio_hangs_left(par))
		return;
	for (size_t i = 0; i < n; i++) {
		if (v[i].type == FOLIO_BOX)
			continue;
		if (!par->ragged)
			v[i].protrude_right = folio_protrusion_right(par, v, i);
		v[i].protrude_left = folio_protrusion_left(par, v, n, i + 1);
	}
}

size_t folio_build_items(folio_par *par, bool hyphenate, folio_item **items)
{
	folio_items it = {.a = par->scratch};
	if (!par->nwords) {
		*items = NULL;
		return 0;
	}
	/* a box, a glue and a penalty a word, and with hyphenation a point in
	 * some of its letters: most paragraphs never grow the array */
	it.cap = 3 * par->nwords + (hyphenate ? par->nunits / 2 : 0) + 8;
	/* not cleared: an item is written before it is counted */
	it.v = folio_arena_alloc_raw(par->scratch, it.cap * sizeof *it.v);
	size_t maxu = 1;
	for (size_t w = 0; w < par->nwords; w++)
		if (par->words[w].u1 - par->words[w].u0 > maxu)
			maxu = par->words[w].u1 - par->words[w].u0;
	/* folio_word_items clears the part of it a word uses */
	uint8_t *kind = folio_arena_alloc_raw(par->scratch, maxu);
	if (par->spec->indent != 0)
		folio_push(&it, (folio_item){.type = FOLIO_BOX,
		                             .width = par->spec->indent,
		                             .word = UINT32_MAX});
	for (uint32_t w = 0; w < par->nwords; w++) {
		if (w > 0)
			folio_space_items(par, &it, par->words[w - 1].end, par->words[w].start);
		folio_word_items(par, &it, w, hyphenate, kind);
	}
	/* tex.web section 816: \penalty10000 \hskip\parfillskip, then the
	 * final forced break, which TeX tries as a hyphenated one */
	folio_push(&it, (folio_item){.type = FOLIO_PENALTY, .penalty = FOLIO_INF_PENALTY});
	folio_push(&it, (folio_item){.type = FOLIO_GLUE, .fil = 1});
	folio_push(&it, (folio_item){.type = FOLIO_PENALTY,
	                             .penalty = FOLIO_EJECT_PENALTY,
	                             .flags = FOLIO_PEN_FLAGGED,
	                             .word = UINT32_MAX});
	folio_emergency(par, &it);
	folio_protrusion(par, it.v, it.n);
	*items = it.v;
	return it.n;
}
