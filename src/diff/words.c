/* words.c: the words of folio diff. Each document's text, page after page in
 * poppler's reading order, is cut into words (a word broken by a hyphen at
 * a line's end is joined again) and the words into tokens (letters and
 * digits, or one mark of punctuation), the two token sequences are compared
 * with Myers' O(ND) difference, and each stretch that differs is said once, on
 * the page of B where it lands: "'X' inserted after 'Y'", "'X' deleted
 * after 'Y'", "'X' changed to 'Z' after 'Y'". A paragraph set again after
 * an edit then reads as the edit; text.c says what its lines did. */
#include "diff.h"

#include "core/core.h"

#include <stdlib.h>
#include <string.h>

/* Beyond this many differing words the documents are not two versions of
 * one text, and the line-by-line report (text.c) says more: the
 * comparison's memory grows with the square of it (16 MB here). */
enum { FOLIO_DIFF_MAX_EDITS = 1400 };

typedef struct {
	char *text; /* as shown and compared: a hyphen is no token, so "EU-" +
	             * "Central" and "EU-Central" read the same */
	uint64_t hash;
	int page;        /* 0-based */
	size_t word;     /* which word it is part of, counted through the document */
	bool space_before; /* a new word: shown after a space */
} folio_word;

typedef struct {
	folio_word *v;
	size_t n, cap;
} folio_words;

static bool folio_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static void folio_token_add(folio_words *w, const char *s, size_t len, int page, size_t word,
                            bool space_before)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 1024;
		w->v = folio_xrealloc(w->v, w->cap * sizeof *w->v);
	}
	char *text = folio_xmalloc(len + 1);
	memcpy(text, s, len);
	text[len] = 0;
	w->v[w->n++] = (folio_word){text, folio_fnv1a(FOLIO_FNV_OFFSET, text, len), page, word,
	                            space_before};
}

/* The length of the punctuation mark at s (ASCII, or the typographic
 * quotes, dashes, ellipsis and guillemets), 0 for a letter or digit. */
static size_t folio_punct_len(const unsigned char *s, size_t len)
{
	if (s[0] < 0x80)
		return (s[0] >= '0' && s[0] <= '9') || ((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z')
		           ? 0
		           : 1;
	if (len >= 2 && s[0] == 0xC2 && (s[1] == 0xAB || s[1] == 0xBB || s[1] == 0xAD))
		return 2; /* « » and the soft hyphen */
	if (len >= 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] >= 0x90 && s[2] <= 0xA6)
		return 3; /* U+2010 to U+2026: hyphens, dashes, quotes, ellipsis */
	return 0;
}

/* A word's tokens; hyphens are left out, the others go in attached. */
static void folio_words_add(folio_words *w, const char *s, size_t len, int page, size_t word)
{
	const unsigned char *u = (const unsigned char *)s;
	bool first = true;
	for (size_t i = 0; i < len;) {
		size_t p = folio_punct_len(u + i, len - i);
		size_t n = p;
		if (!p) {
			while (i + n < len && !folio_punct_len(u + i + n, len - i - n))
				n++;
		}
		bool hyphen = (p == 1 && s[i] == '-') || (p == 2 && u[i + 1] == 0xAD) ||
		              (p == 3 && (u[i + 2] == 0x90 || u[i + 2] == 0x91));
		if (!hyphen) {
			folio_token_add(w, s + i, n, page, word, first);
			first = false;
		}
		i += n;
	}
}

/* A page's words. A line ending in "x-" before a line starting with a
 * lower-case letter is a word the line break cut: joined, hyphen dropped. */
static void folio_page_words(PopplerPage *page, int pg, folio_words *w, size_t *word)
{
	char *text = poppler_page_get_text(page);
	if (!text)
		return;
	char *joined = NULL;
	for (const char *p = text; *p;) {
		while (*p && folio_is_space(*p))
			p++;
		const char *s = p;
		while (*p && !folio_is_space(*p))
			p++;
		if (p == s)
			break;
		size_t len = (size_t)(p - s);
		const char *next = p;
		while (*next == ' ' || *next == '\t' || *next == '\r')
			next++;
		if (*next == '\n' && len > 1 && s[len - 1] == '-' && s[len - 2] != '-') {
			while (folio_is_space(*next))
				next++;
			const char *e = next;
			while (*e && !folio_is_space(*e))
				e++;
			if (*next >= 'a' && *next <= 'z') {
				size_t l2 = (size_t)(e - next);
				joined = folio_xrealloc(joined, len + l2);
				memcpy(joined, s, len - 1);
				memcpy(joined + len - 1, next, l2);
				folio_words_add(w, joined, len - 1 + l2, pg, (*word)++);
				p = e;
				continue;
			}
		}
		folio_words_add(w, s, len, pg, (*word)++);
	}
	free(joined);
	g_free(text);
}

static folio_words folio_doc_words(PopplerDocument *doc)
{
	folio_words w = {0};
	size_t word = 0;
	int n = poppler_document_get_n_pages(doc);
	for (int i = 0; i < n; i++) {
		PopplerPage *page = poppler_document_get_page(doc, i);
		if (page) {
			folio_page_words(page, i, &w, &word);
			g_object_unref(page);
		}
	}
	return w;
}

static void folio_words_free(folio_words *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->v[i].text);
	free(w->v);
}

static bool folio_word_eq(const folio_word *a, const folio_word *b)
{
	return a->hash == b->hash && !strcmp(a->text, b->text);
}

/* Myers' difference of a[0..n) and b[0..m): marks the words of a not in
 * the common subsequence (gone) and those of b (added). False, marking
 * nothing, when more than FOLIO_DIFF_MAX_EDITS words differ. trace[d]
 * keeps the furthest x on each diagonal k in [-d, d] after d edits. */
static bool folio_myers(const folio_word *a, size_t n, const folio_word *b, size_t m, bool *gone,
                        bool *added)
{
	long max = (long)(n + m), maxd = max < FOLIO_DIFF_MAX_EDITS ? max : FOLIO_DIFF_MAX_EDITS;
	long *v = folio_xcalloc((size_t)(2 * max + 3), sizeof *v), off = max + 1;
	long **trace = folio_xcalloc((size_t)maxd + 1, sizeof *trace);
	long d = 0, found = -1;
	for (; d <= maxd && found < 0; d++) {
		for (long k = -d; k <= d; k += 2) {
			long x = k == -d || (k != d && v[off + k - 1] < v[off + k + 1])
			             ? v[off + k + 1]
			             : v[off + k - 1] + 1;
			long y = x - k;
			while (x < (long)n && y < (long)m && folio_word_eq(&a[x], &b[y])) {
				x++;
				y++;
			}
			v[off + k] = x;
			if (x >= (long)n && y >= (long)m)
				found = d;
		}
		trace[d] = folio_xmalloc((size_t)(2 * d + 1) * sizeof **trace);
		memcpy(trace[d], &v[off - d], (size_t)(2 * d + 1) * sizeof **trace);
	}
	if (found >= 0) {
		long x = (long)n, y = (long)m;
		for (long e = found; e > 0; e--) {
			const long *prev = trace[e - 1] + (e - 1); /* prev[k] for k in [-(e-1), e-1] */
			long k = x - y;
			long pk = k == -e || (k != e && prev[k - 1] < prev[k + 1]) ? k + 1 : k - 1;
			long px = prev[pk], py = px - pk;
			if (pk == k + 1)
				added[py] = true; /* down: b[py] is new */
			else
				gone[px] = true; /* right: a[px] is gone */
			x = px;
			y = py;
		}
	}
	for (long e = 0; e < d; e++)
		free(trace[e]);
	free(trace);
	free(v);
	return found >= 0;
}

/* Tokens [from, to) of w as they were set (a space before each new word),
 * quoted (folio_diff_quote), with the number of words when the quote is cut. */
static char *folio_words_quote(const folio_words *w, size_t from, size_t to)
{
	size_t len = 0;
	for (size_t i = from; i < to; i++)
		len += strlen(w->v[i].text) + 1;
	char *s = folio_xmalloc(len + 1), *p = s;
	for (size_t i = from; i < to; i++) {
		if (i > from && w->v[i].space_before)
			*p++ = ' ';
		size_t l = strlen(w->v[i].text);
		memcpy(p, w->v[i].text, l);
		p += l;
	}
	*p = 0;
	char *q = folio_diff_quote(s, strlen(s), 6);
	size_t words = to > from ? w->v[to - 1].word - w->v[from].word + 1 : 0;
	if (words > 6) {
		char *more = NULL;
		if (asprintf(&more, "%s (%zu words)", q, words) < 0)
			abort();
		free(q);
		q = more;
	}
	free(s);
	return q;
}

/* One stretch that differs: a[i0, i1) gone, b[j0, j1) new. */
typedef struct {
	size_t i0, i1, j0, j1;
	bool moved; /* the same words left one place and arrived at another */
} folio_hunk;

/* Slide the one-sided stretch w[*from, *to) right while it does not start
 * a word and the token after it equals its first: the same difference,
 * read from a word's start. Returns how far it moved. */
static size_t folio_slide(const folio_words *w, size_t *from, size_t *to, bool *marks)
{
	size_t moved = 0;
	while (*to < w->n && !marks[*to] && !w->v[*from].space_before &&
	       folio_word_eq(&w->v[*from], &w->v[*to])) {
		marks[*from] = false;
		marks[*to] = true;
		(*from)++;
		(*to)++;
		moved++;
	}
	return moved;
}

/* Poppler reads a page's furniture (a running foot, a caption) into the
 * text where the columns around it let it, so text set again can carry it
 * to another place in the reading order: an insertion and a deletion of the
 * same tokens are a move, and what moved on the page text.c says. */
static void folio_cancel_moves(const folio_words *a, const folio_words *b, folio_hunk *h,
                               size_t nh)
{
	for (size_t k = 0; k < nh; k++) {
		if (h[k].moved || h[k].i0 != h[k].i1)
			continue;
		size_t len = h[k].j1 - h[k].j0;
		for (size_t l = 0; l < nh; l++) {
			if (h[l].moved || h[l].j0 != h[l].j1 || h[l].i1 - h[l].i0 != len)
				continue;
			size_t t = 0;
			while (t < len && folio_word_eq(&a->v[h[l].i0 + t], &b->v[h[k].j0 + t]))
				t++;
			if (t == len) {
				h[k].moved = h[l].moved = true;
				break;
			}
		}
	}
}

/* Say one stretch that differs. */
static void folio_say_edit(const folio_words *a, const folio_words *b, const folio_hunk *h,
                           folio_diff_msgs *pages, int npages)
{
	size_t i0 = h->i0, i1 = h->i1, j0 = h->j0, j1 = h->j1;
	/* the two words before it, in B (in A for a deletion at B's start) */
	const folio_words *cw = j0 > 0 || i0 == 0 ? b : a;
	size_t at = cw == b ? j0 : i0, c0 = at;
	while (c0 > 0 && cw->v[c0 - 1].word + 2 > cw->v[at - 1].word)
		c0--;
	char *where = NULL;
	if (at == 0) {
		where = strdup(" at the start");
	} else {
		char *q = folio_words_quote(cw, c0, at);
		if (asprintf(&where, " after %s", q) < 0)
			abort();
		free(q);
	}
	int page = j0 < b->n ? b->v[j0].page : b->n ? b->v[b->n - 1].page : a->v[i0].page;
	if (page >= npages)
		page = npages - 1;
	char *qa = i1 > i0 ? folio_words_quote(a, i0, i1) : NULL;
	char *qb = j1 > j0 ? folio_words_quote(b, j0, j1) : NULL;
	if (qa && qb)
		folio_diff_msg(&pages[page], "%s changed to %s%s", qa, qb, where);
	else if (qb)
		folio_diff_msg(&pages[page], "%s inserted%s", qb, where);
	else
		folio_diff_msg(&pages[page], "%s deleted%s", qa, where);
	free(qa);
	free(qb);
	free(where);
}

bool folio_diff_words(PopplerDocument *da, PopplerDocument *db, folio_diff_msgs *pages,
                      int npages)
{
	folio_words a = folio_doc_words(da), b = folio_doc_words(db);
	/* the common head and tail, set aside before the quadratic part */
	size_t pre = 0, suf = 0;
	while (pre < a.n && pre < b.n && folio_word_eq(&a.v[pre], &b.v[pre]))
		pre++;
	while (suf < a.n - pre && suf < b.n - pre &&
	       folio_word_eq(&a.v[a.n - 1 - suf], &b.v[b.n - 1 - suf]))
		suf++;
	size_t n = a.n - pre - suf, m = b.n - pre - suf;
	bool *gone = folio_xcalloc(a.n + 1, 1), *added = folio_xcalloc(b.n + 1, 1);
	bool ok = npages > 0 && folio_myers(a.v + pre, n, b.v + pre, m, gone + pre, added + pre);
	folio_hunk *h = NULL;
	size_t nh = 0, caph = 0;
	for (size_t i = 0, j = 0; ok && (i < a.n || j < b.n);) {
		if (i < a.n && j < b.n && !gone[i] && !added[j]) {
			i++;
			j++;
			continue;
		}
		size_t i1 = i, j1 = j;
		while (i1 < a.n && gone[i1])
			i1++;
		while (j1 < b.n && added[j1])
			j1++;
		if (i1 == i && j1 == j)
			break; /* cannot be: the walk follows the marks */
		/* a stretch only one side has may start anywhere among equal
		 * tokens ("Service[. Particularly ... EU]." or "Service[.
		 * Particularly ... EU.]"): it is moved to start a word */
		if (j1 == j)
			j = j1 += folio_slide(&a, &i, &i1, gone);
		else if (i1 == i)
			i = i1 += folio_slide(&b, &j, &j1, added);
		if (nh == caph) {
			caph = caph ? 2 * caph : 16;
			h = folio_xrealloc(h, caph * sizeof *h);
		}
		h[nh++] = (folio_hunk){i, i1, j, j1, false};
		i = i1;
		j = j1;
	}
	folio_cancel_moves(&a, &b, h, nh);
	for (size_t k = 0; k < nh; k++)
		if (!h[k].moved)
			folio_say_edit(&a, &b, &h[k], pages, npages);
	free(h);
	free(gone);
	free(added);
	folio_words_free(&a);
	folio_words_free(&b);
	return ok;
}
