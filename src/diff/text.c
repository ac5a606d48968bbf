/* text.c: the text half of folio diff. Poppler gives each page's text in
 * reading order with a rectangle per character; characters are grouped into
 * lines, lines of A are paired with equal lines of B (the nearest one), and
 * what is left over is a change (same place, other words), a vanished line
 * or a new one. Runs of lines that moved by the same amount are one message. */
#include "diff.h"

#include "core/core.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Below this a position is the same: poppler's boxes wobble by less. */
static const double folio_diff_move_pt = 0.5;

void folio_diff_msg(folio_diff_msgs *m, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = NULL;
	if (vasprintf(&s, fmt, ap) < 0)
		abort();
	va_end(ap);
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 16;
		m->items = folio_xrealloc(m->items, m->cap * sizeof *m->items);
	}
	m->items[m->n++] = s;
}

void folio_diff_msgs_free(folio_diff_msgs *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->items[i]);
	free(m->items);
	*m = (folio_diff_msgs){0};
}

typedef struct {
	char *text;
	double x0, y0, x1, y1;
	long pair; /* index of the matching line on the other side, or -1 */
} folio_diff_line;

typedef struct {
	folio_diff_line *v;
	size_t n, cap;
} folio_diff_lines;

static void folio_diff_add_line(folio_diff_lines *ls, const char *s, size_t len, double box[4])
{
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\r' || s[len - 1] == '\t'))
		len--;
	while (len && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	if (!len || box[0] > box[2])
		return;
	if (ls->n == ls->cap) {
		ls->cap = ls->cap ? ls->cap * 2 : 64;
		ls->v = folio_xrealloc(ls->v, ls->cap * sizeof *ls->v);
	}
	char *t = folio_xmalloc(len + 1);
	memcpy(t, s, len);
	t[len] = 0;
	ls->v[ls->n++] = (folio_diff_line){t, box[0], box[1], box[2], box[3], -1};
}

static folio_diff_lines folio_diff_page_lines(PopplerPage *page)
{
	folio_diff_lines ls = {0};
	if (!page)
		return ls;
	char *text = poppler_page_get_text(page);
	PopplerRectangle *rects = NULL;
	guint nrects = 0;
	if (!text || !poppler_page_get_text_layout(page, &rects, &nrects)) {
		g_free(text);
		g_free(rects);
		return ls;
	}
	const char *start = text;
	double box[4] = {1, 0, 0, 0};
	guint ci = 0;
	for (const char *p = text; *p; p = g_utf8_next_char(p), ci++) {
		if (*p == '\n') {
			folio_diff_add_line(&ls, start, (size_t)(p - start), box);
			start = p + 1;
			box[0] = 1;
			box[2] = 0;
			continue;
		}
		if (*p == ' ' || ci >= nrects)
			continue;
		const PopplerRectangle *r = &rects[ci];
		if (box[0] > box[2]) {
			box[0] = r->x1;
			box[1] = r->y1;
			box[2] = r->x2;
			box[3] = r->y2;
		} else {
			box[0] = fmin(box[0], r->x1);
			box[1] = fmin(box[1], r->y1);
			box[2] = fmax(box[2], r->x2);
			box[3] = fmax(box[3], r->y2);
		}
	}
	folio_diff_add_line(&ls, start, strlen(start), box);
	g_free(rects);
	g_free(text);
	return ls;
}

static void folio_diff_lines_free(folio_diff_lines *ls)
{
	for (size_t i = 0; i < ls->n; i++)
		free(ls->v[i].text);
	free(ls->v);
}

char *folio_diff_quote(const char *s, size_t len, int words)
{
	size_t end = 0;
	int w = 0;
	while (end < len) {
		size_t next = end;
		while (next < len && s[next] == ' ')
			next++;
		while (next < len && s[next] != ' ')
			next++;
		if (w == words || (w > 0 && next > 40))
			break;
		end = next;
		w++;
	}
	if (end == 0 && len)
		end = len < 40 ? len : 40;
	while (end < len && (s[end] & 0xc0) == 0x80)
		end++;
	char *q = NULL;
	if (asprintf(&q, "'%.*s%s'", (int)end, s, end < len ? "…" : "") < 0)
		abort();
	return q;
}

static char *folio_diff_movement(double dx, double dy)
{
	char v[48] = "", h[48] = "";
	if (fabs(dy) >= folio_diff_move_pt)
		snprintf(v, sizeof v, "%s %.1f pt", dy > 0 ? "down" : "up", fabs(dy));
	if (fabs(dx) >= folio_diff_move_pt)
		snprintf(h, sizeof h, "%s %.1f pt", dx > 0 ? "right" : "left", fabs(dx));
	char *s = NULL;
	if (asprintf(&s, "%s%s%s", v, *v && *h ? ", " : "", h) < 0)
		abort();
	return s;
}

/* The words where two lines part: common leading and trailing words are
 * dropped, one word of context is kept on each side. */
static void folio_diff_changed(folio_diff_msgs *m, const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), pre = 0, lastsp = 0;
	while (pre < la && pre < lb && a[pre] == b[pre]) {
		if (a[pre] == ' ')
			lastsp = pre + 1;
		pre++;
	}
	if (!(pre == la && pre == lb) &&
	    !((pre == la || a[pre] == ' ') && (pre == lb || b[pre] == ' ')))
		pre = lastsp;
	size_t suf = 0;
	while (suf < la - pre && suf < lb - pre && a[la - 1 - suf] == b[lb - 1 - suf])
		suf++;
	/* the common tail starts with the space after the last changed word */
	while (suf > 0 && a[la - suf] != ' ')
		suf--;
	/* one word of context before */
	size_t ctx = pre;
	if (ctx > 0) {
		ctx--;
		while (ctx > 0 && a[ctx - 1] != ' ')
			ctx--;
	}
	char *qa = folio_diff_quote(a + ctx, la - suf - ctx, 6);
	char *qb = folio_diff_quote(b + ctx, lb - suf - ctx, 6);
	folio_diff_msg(m, "%s changed to %s", qa, qb);
	free(qa);
	free(qb);
}

/* Once the changed words are said (words.c), the lines that no longer
 * match are what setting them again did: counted, the first one quoted,
 * and the change in the number of lines said. */
static void folio_diff_reflowed(const folio_diff_lines *a, const folio_diff_lines *b,
                                folio_diff_msgs *m)
{
	size_t na = 0, nb = 0, first = 0;
	for (size_t i = 0; i < a->n; i++)
		na += a->v[i].pair < 0 || (size_t)a->v[i].pair >= b->n;
	for (size_t j = 0; j < b->n; j++)
		if (b->v[j].pair < 0 || (size_t)b->v[j].pair >= a->n)
			if (!nb++)
				first = j;
	if (!na && !nb)
		return;
	char more[48] = "";
	size_t by = na > nb ? na - nb : nb - na;
	if (by)
		snprintf(more, sizeof more, "; %zu line%s %s", by, by == 1 ? "" : "s",
		         na > nb ? "fewer" : "more");
	if (!nb) {
		folio_diff_msg(m, "%zu line%s gone%s", na, na == 1 ? "" : "s", more);
		return;
	}
	char *q = folio_diff_quote(b->v[first].text, strlen(b->v[first].text), 4);
	folio_diff_msg(m, "%zu line%s reflowed, starting %s%s", nb, nb == 1 ? "" : "s", q, more);
	free(q);
}

void folio_diff_text(PopplerPage *pa, PopplerPage *pb, bool words_said, folio_diff_msgs *m)
{
	folio_diff_lines a = folio_diff_page_lines(pa), b = folio_diff_page_lines(pb);
	/* pair each line of A with the nearest unpaired equal line of B */
	for (size_t i = 0; i < a.n; i++) {
		long best = -1;
		double bestd = 0;
		for (size_t j = 0; j < b.n; j++) {
			if (b.v[j].pair >= 0 || strcmp(a.v[i].text, b.v[j].text))
				continue;
			double d = fabs(b.v[j].x0 - a.v[i].x0) + fabs(b.v[j].y0 - a.v[i].y0);
			if (best < 0 || d < bestd) {
				best = (long)j;
				bestd = d;
			}
		}
		if (best >= 0) {
			a.v[i].pair = best;
			b.v[best].pair = (long)i;
		}
	}
	/* unpaired lines in the same place on both sides: the words changed,
	 * or, once the words are said, the line was set again */
	for (size_t i = 0; i < a.n; i++) {
		if (a.v[i].pair >= 0)
			continue;
		for (size_t j = 0; j < b.n; j++) {
			if (b.v[j].pair >= 0 || fabs(b.v[j].y1 - a.v[i].y1) > 1.0 ||
			    fabs(b.v[j].x0 - a.v[i].x0) > 1.0)
				continue;
			if (!words_said)
				folio_diff_changed(m, a.v[i].text, b.v[j].text);
			/* paired but not equal: past the end, so no move is read */
			b.v[j].pair = (long)a.n + (long)i;
			a.v[i].pair = (long)b.n + (long)j;
			break;
		}
	}
	if (words_said)
		folio_diff_reflowed(&a, &b, m);
	for (size_t i = 0; i < a.n && !words_said; i++) {
		if (a.v[i].pair >= 0)
			continue;
		char *q = folio_diff_quote(a.v[i].text, strlen(a.v[i].text), 6);
		folio_diff_msg(m, "%s vanished", q);
		free(q);
	}
	for (size_t j = 0; j < b.n && !words_said; j++) {
		if (b.v[j].pair >= 0)
			continue;
		char *q = folio_diff_quote(b.v[j].text, strlen(b.v[j].text), 6);
		folio_diff_msg(m, "%s appeared", q);
		free(q);
	}
	/* moves, in A's reading order, a run of equal moves said once */
	for (size_t i = 0; i < a.n;) {
		long j = a.v[i].pair;
		if (j < 0 || (size_t)j >= b.n) {
			i++;
			continue;
		}
		double dx = b.v[j].x0 - a.v[i].x0, dy = b.v[j].y0 - a.v[i].y0;
		if (fabs(dx) < folio_diff_move_pt && fabs(dy) < folio_diff_move_pt) {
			i++;
			continue;
		}
		size_t run = 1;
		while (i + run < a.n) {
			long k = a.v[i + run].pair;
			if (k < 0 || (size_t)k >= b.n)
				break;
			double ex = b.v[k].x0 - a.v[i + run].x0, ey = b.v[k].y0 - a.v[i + run].y0;
			if (fabs(ex - dx) > 0.1 || fabs(ey - dy) > 0.1)
				break;
			run++;
		}
		char *q = folio_diff_quote(a.v[i].text, strlen(a.v[i].text), 4);
		char *mv = folio_diff_movement(dx, dy);
		if (run > 1)
			folio_diff_msg(m, "%s and %zu more line%s moved %s", q, run - 1,
			               run > 2 ? "s" : "", mv);
		else
			folio_diff_msg(m, "%s moved %s", q, mv);
		free(q);
		free(mv);
		i += run;
	}
	folio_diff_lines_free(&a);
	folio_diff_lines_free(&b);
}
