/* prepare.c: a paragraph's text before it is measured: every character is
 * checked against its font, and the conventions of the typewriter become
 * those of the printer (curly quotes by language, en and em dashes, the
 * ellipsis), with a small state machine over the spans' concatenation.
 * Spaces that must not break become no-break ones: after a short word in
 * Russian (and its neighbours) and between the digit groups of a number
 * ("10 000" gets a thin no-break space). */
#include "text_int.h"

#include <string.h>
#include <strings.h>

typedef struct {
	uint32_t cp;
	uint32_t span;
} folio_uc;

typedef struct {
	uint32_t open2, close2;     /* outer quotes */
	uint32_t open2in, close2in; /* quotes inside quotes */
	uint32_t open1;             /* opening single quote */
	uint32_t spaced_dash;       /* " - " and " -- " */
	bool tie_short;             /* no break after one- and two-letter words */
} folio_quotes;

static folio_quotes folio_quotes_for(const char *lang)
{
	/* English: “ ” with ‘ ’ inside; Russian and its neighbours: « » with
	 * „ “ inside and a spaced em dash; German: „ “. */
	static const char *const guillemets[] = {"ru", "uk", "be", "kk", "ky", "uz",
	                                         "tg", "tk", "mn", "fr", "es", "it"};
	folio_quotes q = {0x201C, 0x201D, 0x2018, 0x2019, 0x2018, 0x2013, false};
	for (size_t i = 0; i < sizeof guillemets / sizeof guillemets[0]; i++) {
		size_t n = strlen(guillemets[i]);
		if (!strncasecmp(lang, guillemets[i], n) &&
		    (!lang[n] || lang[n] == '-' || lang[n] == '_')) {
			q = (folio_quotes){0xAB, 0xBB, 0x201E, 0x201C, 0x2018, 0x2014, i < 3};
			return q;
		}
	}
	if (!strncasecmp(lang, "de", 2) && (!lang[2] || lang[2] == '-' || lang[2] == '_'))
		q = (folio_quotes){0x201E, 0x201C, 0x201A, 0x2018, 0x201A, 0x2013, false};
	return q;
}

static bool folio_is_dash(uint32_t cp)
{
	return cp == 0x2013 || cp == 0x2014;
}

/* After these a straight quote opens. */
static bool folio_opens_after(uint32_t prev)
{
	return prev == 0 || folio_space_kind(prev) || prev == '(' || prev == '[' || prev == '{' ||
	       prev == 0xAB || prev == 0x201E || prev == 0x201C || prev == 0x2018 ||
	       prev == 0x201A || prev == 0x2039 || folio_is_dash(prev) || prev == '/';
}

static bool folio_is_digit(uint32_t cp)
{
	return cp >= '0' && cp <= '9';
}

typedef struct {
	char *out;
	size_t n;
	uint8_t *marks; /* cleared up to `cleared`, as out is written */
	size_t cleared;
	uint32_t prev;     /* last code point written (0 at the start) */
	size_t prev_at;    /* where it starts in out */
	size_t span_begin; /* where the current span starts in out */
} folio_writer;

static void folio_put(folio_writer *w, uint32_t cp)
{
	w->prev_at = w->n;
	w->n += folio_utf8_put(cp, w->out + w->n);
	w->prev = cp;
	/* the marks are allocated for the worst case (three bytes out for
	 * one in): cleared only as far as the text really goes */
	if (w->n > w->cleared) {
		memset(w->marks + w->cleared, 0, w->n - w->cleared);
		w->cleared = w->n;
	}
}

static void folio_mark_prev(folio_writer *w, uint8_t mark)
{
	if (w->n > 0)
		w->marks[w->n - 1] |= mark;
}

/* A spaced dash must not begin a line: the space before it becomes a
 * no-break space (when it is in the same span). */
static void folio_tie_before_dash(folio_writer *w)
{
	if (w->prev == ' ' && w->prev_at >= w->span_begin && w->prev_at + 1 == w->n) {
		w->n = w->prev_at;
		folio_put(w, 0xA0);
	}
}

static bool folio_check(folio_par *par, uint32_t cp)
{
	folio_loc loc = par->spec->loc;
	if (cp == 0xFFFFFFFFu)
		return folio_error(par->ctx, FOLIO_ERR_INPUT, loc, "invalid UTF-8 in the text");
	if ((cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp < 0xA0))
		return folio_error(par->ctx, FOLIO_ERR_INPUT, loc,
		                   "control character U+%04X in the text", (unsigned)cp);
	return true;
}

static bool folio_check_glyph(folio_par *par, uint32_t cp, const folio_span *sp)
{
	if (cp <= ' ' || folio_space_kind(cp) || folio_face_has_char(sp->face, cp))
		return true;
	char enc[5] = {0};
	folio_utf8_put(cp, enc);
	const char *ctx_text = par->spec->context;
	return folio_error(par->ctx, FOLIO_ERR_INPUT, par->spec->loc,
	                   "missing glyph: U+%04X '%s' is not in %s%s%s%s", (unsigned)cp, enc,
	                   sp->face->name, ctx_text ? " (" : "", ctx_text ? ctx_text : "",
	                   ctx_text ? ")" : "");
}

/* Russian typesetting ties a one- or two-letter word (в, к, с, и, на, по,
 * из, от, не...) to the word after it: is cps[i], a space, after one?
 * Cyrillic words only: a Latin "a" quoted in Russian text stays free. */
static bool folio_after_short_word(const folio_uc *cps, size_t n, size_t i)
{
	size_t letters = 0, j = i;
	while (j > 0 && cps[j - 1].cp >= 0x400 && cps[j - 1].cp <= 0x52F &&
	       folio_is_letter(cps[j - 1].cp) && letters < 3) {
		j--;
		letters++;
	}
	if (letters == 0 || letters > 2)
		return false;
	uint32_t before = j > 0 ? cps[j - 1].cp : 0;
	bool starts = before == 0 || folio_space_kind(before) || before == '\t' || before == '\n' ||
	              before == '(' || before == '"' || before == 0xAB || before == 0x201E ||
	              before == 0x201C;
	uint32_t next = i + 1 < n ? cps[i + 1].cp : 0;
	return starts && next && !folio_space_kind(next) && next != '\t' && next != '\n';
}

/* Does a run of digits start at cps[i], and how long is it? */
static size_t folio_digits(const folio_uc *cps, size_t n, size_t i)
{
	size_t k = 0;
	while (i + k < n && folio_is_digit(cps[i + k].cp))
		k++;
	return k;
}

/* Numbers written with spaces between groups of three ("10 000",
 * "1 250 000"), five digits or more: mark the spaces inside them. */
static void folio_number_groups(const folio_uc *cps, size_t n, bool *thin)
{
	for (size_t i = 0; i < n;) {
		size_t first = folio_digits(cps, n, i);
		bool starts =
		    first > 0 && (i == 0 || !(folio_is_digit(cps[i - 1].cp) ||
		                              cps[i - 1].cp == '.' || cps[i - 1].cp == ','));
		if (!starts || first > 3) {
			i += first ? first : 1;
			continue;
		}
		size_t end = i + first, total = first, groups = 0;
		while (end < n && cps[end].cp == ' ' && folio_digits(cps, n, end + 1) == 3) {
			groups++;
			total += 3;
			end += 4;
		}
		if (groups && total >= 5)
			for (size_t k = i + first; k < end; k += 4)
				thin[k] = true;
		i = end;
	}
}

/* The state machine: cps[i] is looked at with the characters around it. */
static size_t folio_convert(folio_writer *w, const folio_uc *cps, size_t n, size_t i,
                            const folio_quotes *q, int *depth, const bool *thin)
{
	uint32_t c = cps[i].cp;
	uint32_t next = i + 1 < n ? cps[i + 1].cp : 0;
	bool opening = folio_opens_after(w->prev);
	switch (c) {
	case ' ':
		if (thin[i])
			folio_put(w, 0x202F); /* a thin no-break space */
		else if (q->tie_short && folio_after_short_word(cps, n, i))
			folio_put(w, 0xA0);
		else
			folio_put(w, ' ');
		return 1;
	case '"':
		if (opening) {
			folio_put(w, *depth > 0 ? q->open2in : q->open2);
			(*depth)++;
		} else {
			folio_put(w, *depth > 1 ? q->close2in : q->close2);
			if (*depth > 0)
				(*depth)--;
		}
		return 1;
	case '\'':
		/* ’ for the apostrophe ("don’t", "’90s") and a closing quote */
		folio_put(w, opening && !folio_is_digit(next) && next && !folio_space_kind(next)
		                 ? q->open1
		                 : 0x2019);
		return 1;
	case '-': {
		size_t run = 1;
		while (i + run < n && cps[i + run].cp == '-' && run < 3)
			run++;
		uint32_t after = i + run < n ? cps[i + run].cp : 0;
		bool spaced =
		    (w->prev == 0 || folio_space_kind(w->prev)) &&
		    (after == 0 || folio_space_kind(after) || after == '\t' || after == '\n');
		if (run == 3) {
			if (spaced)
				folio_tie_before_dash(w);
			folio_put(w, 0x2014);
			return 3;
		}
		if (spaced) {
			folio_tie_before_dash(w);
			folio_put(w, q->spaced_dash);
		} else {
			folio_put(w, run == 2 ? 0x2013 : '-');
		}
		return run;
	}
	case '.':
		if (i + 2 < n && cps[i + 1].cp == '.' && cps[i + 2].cp == '.') {
			folio_put(w, 0x2026);
			return 3;
		}
		folio_put(w, '.');
		return 1;
	case 0x2013:
	case 0x2014:
		if (folio_space_kind(next) || next == '\t' || next == '\n')
			folio_tie_before_dash(w);
		folio_put(w, c);
		return 1;
	case '\t':
	case '\n':
	case 0x2028:
	case 0x2029:
		folio_put(w, ' ');
		return 1;
	case 0xAD: /* soft hyphen: a point for the line breaker, never drawn */
		folio_mark_prev(w, FOLIO_MARK_SHY);
		return 1;
	case 0x200B:
		folio_mark_prev(w, FOLIO_MARK_ZWSP);
		return 1;
	case 0x2060:
	case 0xFEFF:
		folio_mark_prev(w, FOLIO_MARK_NOBREAK);
		return 1;
	case 0x200C:
		return 1;
	case 0x2010: /* the PT fonts have no U+2010/U+2011: hyphen-minus */
		folio_put(w, '-');
		return 1;
	case 0x2011:
		folio_put(w, '-');
		folio_mark_prev(w, FOLIO_MARK_NOBREAK);
		return 1;
	default:
		folio_put(w, c);
		return 1;
	}
}

bool folio_prepare(folio_par *par)
{
	const folio_para_spec *spec = par->spec;
	size_t total = 0;
	for (size_t s = 0; s < spec->nspans; s++)
		total += spec->spans[s].len;
	/* every element read is written first (cps[0, n)) */
	folio_uc *cps = folio_arena_alloc_raw(par->scratch, (total + 1) * sizeof *cps);
	size_t n = 0;
	for (size_t s = 0; s < spec->nspans; s++) {
		const folio_span *sp = &spec->spans[s];
		size_t i = 0;
		while (i < sp->len) {
			uint32_t cp = folio_utf8_next(sp->text, sp->len, &i);
			if (!folio_check(par, cp))
				return false;
			cps[n++] = (folio_uc){cp, (uint32_t)s};
		}
	}
	/* written into scratch memory sized for the worst case, then copied
	 * to the build's arena at its real length: the pieces point into it
	 * for the rest of the build */
	folio_writer w = {
	    .out = folio_arena_alloc_raw(par->scratch, total * 3 + 4),
	    .marks = folio_arena_alloc_raw(par->scratch, total * 3 + 4),
	};
	/* every entry is written by the loops below */
	par->span_start = folio_arena_alloc_raw(par->scratch, (spec->nspans + 1) * sizeof(size_t));
	folio_quotes q = folio_quotes_for(par->lang);
	bool *thin = folio_arena_alloc(par->scratch, n + 1);
	folio_number_groups(cps, n, thin);
	int depth = 0;
	size_t span = 0;
	for (size_t i = 0; i < n;) {
		while (span <= cps[i].span) {
			par->span_start[span++] = w.n;
			w.span_begin = w.n;
		}
		i += folio_convert(&w, cps, n, i, &q, &depth, thin);
	}
	while (span <= spec->nspans)
		par->span_start[span++] = w.n;
	par->text = folio_arena_strndup(par->ctx->arena, w.out, w.n);
	par->len = w.n;
	par->marks = w.marks;

	/* every character drawn must be in its font */
	for (size_t s = 0; s < spec->nspans; s++) {
		size_t i = par->span_start[s], end = par->span_start[s + 1];
		while (i < end) {
			uint32_t cp = folio_utf8_next(par->text, end, &i);
			if (!folio_check_glyph(par, cp, &spec->spans[s]))
				return false;
		}
	}
	return true;
}
