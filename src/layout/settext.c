/* settext.c: the bridge from the document's styled runs to the text stage:
 * a paragraph style picks the faces, size and colour of each run. */
#include "lay.h"

#include <string.h>
#include <wctype.h>

folio_face *folio_style_face(folio_lay *L, int style, int flags)
{
	const folio_style *s = &L->t->styles[style];
	const folio_template *t = L->t;
	/* code takes the layout's code family, in the weight and slant the
	 * run asks for (the style's own slant is the text's, not the code's) */
	bool code = (flags & FOLIO_RUN_CODE) && t->code_regular;
	const char *regular = code ? t->code_regular : s->font_regular;
	const char *path = regular;
	if ((flags & FOLIO_RUN_BOLD) && (flags & FOLIO_RUN_ITALIC))
		path = code ? t->code_bold_italic : s->font_bold_italic;
	else if (flags & FOLIO_RUN_BOLD)
		path = code ? t->code_bold : s->font_bold;
	else if (flags & FOLIO_RUN_ITALIC)
		path = code ? t->code_italic : s->font_italic;
	if (!path)
		path = regular;
	return folio_fonts_load(L->ctx, L->fonts, path);
}

/* Upper-casing for styles that ask for it (kickers, credits): per code
 * point with towupper, which knows Cyrillic in a UTF-8 locale-free way for
 * the ranges the PT fonts cover. */
static const char *folio_upper(folio_arena *a, const char *s, size_t len, size_t *out_len)
{
	char *out = folio_arena_alloc(a, len * 2 + 4);
	size_t i = 0, n = 0;
	while (i < len) {
		uint32_t cp = folio_utf8_next(s, len, &i);
		if (cp == 0xFFFFFFFFu)
			cp = 0xFFFD;
		uint32_t up = cp;
		if (cp >= 'a' && cp <= 'z')
			up = cp - 32;
		else if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7)
			up = cp - 32;
		else if (cp >= 0x430 && cp <= 0x44F)
			up = cp - 32;
		else if (cp >= 0x450 && cp <= 0x45F)
			up = cp - 80;
		else if (cp >= 0x460 && cp <= 0x4FF && (cp & 1))
			up = cp - 1; /* Cyrillic extended pairs: ә→Ә, қ→Қ, ... */
		else if (cp > 0x7F)
			up = (uint32_t)towupper((wint_t)cp);
		n += folio_utf8_put(up, out + n);
	}
	*out_len = n;
	return out;
}

double folio_style_ascent(folio_lay *L, int style)
{
	return L->t->styles[style].leading * 0.75;
}

bool folio_set_aligned(folio_lay *L, int style, folio_align align, const folio_run *runs, size_t n,
                       double width, double indent, folio_loc loc, folio_para *out)
{
	const folio_style *s = &L->t->styles[style];
	folio_span *spans = folio_arena_alloc(L->ctx->arena, (n ? n : 1) * sizeof *spans);
	size_t ns = 0;
	for (size_t i = 0; i < n; i++) {
		if (!runs[i].len)
			continue;
		folio_face *face = folio_style_face(L, style, runs[i].flags);
		if (!face)
			return false;
		folio_span *sp = &spans[ns++];
		sp->text = runs[i].text;
		sp->len = runs[i].len;
		if (s->uppercase)
			sp->text = folio_upper(L->ctx->arena, runs[i].text, runs[i].len, &sp->len);
		sp->face = face;
		sp->size = s->size;
		if ((runs[i].flags & FOLIO_RUN_CODE) && L->t->code_regular)
			sp->size *= L->t->code_scale;
		sp->code = runs[i].flags & FOLIO_RUN_CODE;
		sp->color = s->color;
		sp->link = runs[i].link;
		sp->tracking = s->tracking;
	}
	folio_para_spec spec = {
	    .spans = spans,
	    .nspans = ns,
	    .width = width,
	    .indent = indent,
	    .align = align,
	    .hyph = s->hyphenate ? L->lang_hyph : NULL,
	    .hyphen_left = L->t->hyphen_left,
	    .hyphen_right = L->t->hyphen_right,
	    .tolerance = s->tolerance,
	    .balance = s->balance,
	    .lang = L->lang,
	    .loc = loc,
	    .context = L->context,
	    .lines_arena = L->paras,
	};
	size_t *nohyph = NULL, nn = 0, cap = 0;
	for (size_t i = 0; i < L->nnohyph; i++)
		if (L->nohyph[i].runs == runs)
			FOLIO_PUSH(L->ctx->arena, nohyph, nn, cap, L->nohyph[i].line);
	spec.no_hyphen_lines = nohyph;
	spec.nno_hyphen_lines = nn;
	memset(out, 0, sizeof *out);
	if (!ns)
		return true;
	folio_parcache_key key = {style, align, width, indent, runs, n, nohyph, nn, loc};
	if (folio_parcache_get(L, &key, out))
		return true;
	/* the prepared text outlives the pass: the display list points into it */
	folio_arena *cur = L->ctx->arena;
	L->ctx->arena = folio_lay_keep(L);
	bool ok = folio_para_set(L->ctx, &spec, out);
	L->ctx->arena = cur;
	if (!ok)
		return false;
	folio_parcache_put(L, &key, out);
	return true;
}

bool folio_set_runs(folio_lay *L, int style, const folio_run *runs, size_t n, double width,
                    double indent, folio_loc loc, folio_para *out)
{
	return folio_set_aligned(L, style, L->t->styles[style].align, runs, n, width, indent, loc,
	                         out);
}

/* Furniture text is positioned by its caller, so it is always set flush
 * left and the caller aligns the line as a whole. */
bool folio_set_text(folio_lay *L, int style, const char *text, double width, folio_loc loc,
                    folio_para *out)
{
	folio_run run = {.text = text, .len = strlen(text)};
	return folio_set_aligned(L, style, FOLIO_ALIGN_LEFT, &run, 1, width, 0, loc, out);
}
