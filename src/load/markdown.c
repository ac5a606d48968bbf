/* markdown.c: a Markdown body (CommonMark, through cmark) -> the article's
 * blocks and styled runs. What FORMAT.md does not list is warned about and
 * set as plain text or left out, as docs/FORMAT-NOTES.md describes; text is
 * kept as written (quotes and dashes are the text stage's business). */
#include "load.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	folio_ctx *ctx;
	const folio_load_env *env;
	const folio_md_source *src;
	const char *text;
	size_t len;
	size_t *line_starts; /* malloc'd: byte offset of each line, 1-based */
	size_t nlines;
	folio_article *art;
	size_t capblocks;
	bool ok;
	bool depth_reported;
} md_state;

/* Runs are gathered here: adjacent text of the same style joins one run. */
typedef struct {
	folio_run *runs;
	size_t n, cap;
	char *buf; /* malloc'd text of the run being gathered */
	size_t blen, bcap;
	int flags;
	const char *link;
} run_builder;

static const char *const bullet = "\xE2\x80\xA2"; /* U+2022 */

static folio_loc loc_of(const md_state *st, cmark_node *n)
{
	const folio_md_source *s = st->src;
	if (!s->exact)
		return s->at;
	int line = cmark_node_get_start_line(n);
	int col = cmark_node_get_start_column(n);
	if (line <= 0)
		return (folio_loc){s->file, 0, 0};
	return (folio_loc){s->file, line + s->line_offset,
	                   col > 0 ? col + s->col_offset : 0};
}

/* Inline nodes carry no place in every cmark; fall back on the block's. */
static folio_loc inline_loc(const md_state *st, cmark_node *n, folio_loc block)
{
	return cmark_node_get_start_line(n) > 0 ? loc_of(st, n) : block;
}

static bool same_link(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static void rb_flush(md_state *st, run_builder *rb)
{
	if (rb->blen == 0)
		return;
	folio_run run = {folio_arena_strndup(st->ctx->arena, rb->buf, rb->blen),
	                 rb->blen, rb->flags, rb->link};
	FOLIO_PUSH(st->ctx->arena, rb->runs, rb->n, rb->cap, run);
	rb->blen = 0;
}

static void rb_add(md_state *st, run_builder *rb, const char *s, size_t len,
                   int flags, const char *link)
{
	if (len == 0)
		return;
	if (rb->blen > 0 && (flags != rb->flags || !same_link(link, rb->link)))
		rb_flush(st, rb);
	rb->flags = flags;
	rb->link = link;
	if (rb->blen + len > rb->bcap) {
		rb->bcap = (rb->blen + len) * 2;
		rb->buf = folio_xrealloc(rb->buf, rb->bcap);
	}
	memcpy(rb->buf + rb->blen, s, len);
	rb->blen += len;
}

/* A space between joined paragraphs, unless there is nothing to join to. */
static void rb_space(md_state *st, run_builder *rb)
{
	if (rb->n > 0 || rb->blen > 0)
		rb_add(st, rb, " ", 1, 0, NULL);
}

/* Close the gathering: trailing spaces go, and the builder is ready again. */
static void rb_take(md_state *st, run_builder *rb, folio_run **runs, size_t *n)
{
	rb_flush(st, rb);
	while (rb->n > 0) {
		folio_run *last = &rb->runs[rb->n - 1];
		while (last->len > 0 && last->text[last->len - 1] == ' ')
			last->len--;
		if (last->len > 0) {
			((char *)last->text)[last->len] = 0;
			break;
		}
		rb->n--;
	}
	*runs = rb->runs;
	*n = rb->n;
	rb->runs = NULL;
	rb->n = rb->cap = 0;
}

static void push_block(md_state *st, const folio_block *b)
{
	FOLIO_PUSH(st->ctx->arena, st->art->blocks, st->art->nblocks, st->capblocks,
	           *b);
}

/* One inline node and everything under it. cmark's iterator keeps the C
 * stack flat however deep emphasis nests; the links in force are a stack
 * of their own (a link may hold a picture that holds a link). */
static void inline_node(md_state *st, cmark_node *root, run_builder *rb,
                        folio_loc block_loc)
{
	cmark_iter *it = cmark_iter_new(root);
	int italic = 0, bold = 0;
	const char **links = NULL;
	size_t nlinks = 0, caplinks = 0;
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		bool enter = ev == CMARK_EVENT_ENTER;
		int flags = (italic ? FOLIO_RUN_ITALIC : 0) | (bold ? FOLIO_RUN_BOLD : 0);
		const char *link = nlinks ? links[nlinks - 1] : NULL;
		const char *lit;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_HTML_INLINE: /* the tag is kept: text is never lost */
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			if (cmark_node_get_type(n) == CMARK_NODE_HTML_INLINE)
				folio_warn(st->ctx, inline_loc(st, n, block_loc),
				           "raw HTML is not supported; set as plain text");
			lit = cmark_node_get_literal(n);
			if (lit)
				rb_add(st, rb, lit, strlen(lit),
				       flags | (cmark_node_get_type(n) == CMARK_NODE_CODE ? FOLIO_RUN_CODE
				                                                          : 0),
				       link);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			rb_add(st, rb, " ", 1, flags, link);
			break;
		case CMARK_NODE_EMPH:
			italic += enter ? 1 : -1;
			break;
		case CMARK_NODE_STRONG:
			bold += enter ? 1 : -1;
			break;
		case CMARK_NODE_LINK:
			if (enter) {
				const char *url = cmark_node_get_url(n);
				if (nlinks == caplinks) {
					caplinks = caplinks ? caplinks * 2 : 4;
					links = folio_xrealloc(links, caplinks * sizeof *links);
				}
				links[nlinks++] = url && *url
				                      ? folio_arena_strdup(st->ctx->arena, url)
				                      : NULL;
			} else if (nlinks) {
				nlinks--;
			}
			break;
		case CMARK_NODE_IMAGE:
			if (enter)
				folio_warn(st->ctx, inline_loc(st, n, block_loc),
				           "a picture inside running text is not supported; "
				           "its caption is set as text");
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	free(links);
}

static void inline_range(md_state *st, cmark_node *first, cmark_node *stop,
                         run_builder *rb, folio_loc block_loc)
{
	for (cmark_node *c = first; c && c != stop; c = cmark_node_next(c))
		inline_node(st, c, rb, block_loc);
}

/* Plain text of a subtree (a figure's caption): styles dropped. */
static const char *plain_text(md_state *st, cmark_node *parent)
{
	run_builder rb = {0};
	inline_range(st, cmark_node_first_child(parent), NULL, &rb, st->src->at);
	rb_flush(st, &rb);
	free(rb.buf);
	size_t total = 0;
	for (size_t i = 0; i < rb.n; i++)
		total += rb.runs[i].len;
	if (total == 0)
		return NULL;
	char *out = folio_arena_alloc(st->ctx->arena, total + 1);
	for (size_t i = 0, at = 0; i < rb.n; i++) {
		memcpy(out + at, rb.runs[i].text, rb.runs[i].len);
		at += rb.runs[i].len;
	}
	return out;
}

static void line_index(md_state *st)
{
	size_t cap = 64;
	st->line_starts = folio_xmalloc(cap * sizeof *st->line_starts);
	st->line_starts[0] = 0; /* unused: lines are 1-based */
	st->line_starts[1] = 0;
	st->nlines = 1;
	for (size_t i = 0; i < st->len; i++) {
		char c = st->text[i];
		if (c != '\n' && c != '\r')
			continue;
		if (c == '\r' && i + 1 < st->len && st->text[i + 1] == '\n')
			i++;
		if (st->nlines + 2 > cap) {
			cap *= 2;
			st->line_starts = folio_xrealloc(st->line_starts,
			                                 cap * sizeof *st->line_starts);
		}
		st->line_starts[++st->nlines] = i + 1;
	}
}

/* CommonMark has no tables, so a pipe table arrives as a paragraph. Its
 * second line, the delimiter row ("|---|:--:|"), gives it away. */
static bool looks_like_table(md_state *st, cmark_node *para)
{
	int first = cmark_node_get_start_line(para);
	int last = cmark_node_get_end_line(para);
	if (first <= 0 || last <= first || (size_t)first + 1 > st->nlines)
		return false;
	size_t a = st->line_starts[first + 1];
	size_t b = (size_t)first + 2 <= st->nlines ? st->line_starts[first + 2]
	                                           : st->len;
	bool dash = false, pipe = false;
	for (size_t i = a; i < b; i++) {
		char c = st->text[i];
		if (c == '-')
			dash = true;
		else if (c == '|')
			pipe = true;
		else if (c != ':' && c != ' ' && c != '\t' && c != '\r' && c != '\n' &&
		         c != '>') /* inside a block quote */
			return false;
	}
	return dash && pipe;
}

static bool too_deep(md_state *st, cmark_node *n, int depth)
{
	if (depth <= st->ctx->limits.markdown_depth)
		return false;
	if (!st->depth_reported)
		folio_error(st->ctx, FOLIO_ERR_INPUT, loc_of(st, n),
		            "Markdown nesting is deeper than the limit of %d levels",
		            st->ctx->limits.markdown_depth);
	st->depth_reported = true;
	st->ok = false;
	return true;
}

static void text_block(md_state *st, cmark_node *n, folio_block_kind kind,
                       int level)
{
	folio_block b = {.kind = kind, .loc = loc_of(st, n), .level = level};
	run_builder rb = {0};
	inline_range(st, cmark_node_first_child(n), NULL, &rb, b.loc);
	rb_take(st, &rb, &b.runs, &b.nruns);
	free(rb.buf);
	if (b.nruns > 0)
		push_block(st, &b);
}

/* The text of a code or HTML block on one line: HTML loses its tags and
 * comments, line ends and tabs become single spaces. malloc'd. */
static char *clean_literal(cmark_node *n, bool html, size_t *olen)
{
	const char *lit = cmark_node_get_literal(n);
	size_t len = lit ? strlen(lit) : 0;
	char *out = folio_xmalloc(len + 1);
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		if (html && strncmp(lit + i, "<!--", 4) == 0) {
			const char *end = strstr(lit + i + 4, "-->");
			i = end ? (size_t)(end - lit) + 2 : len;
			continue;
		}
		if (html && lit[i] == '<') {
			const char *end = strchr(lit + i, '>');
			i = end ? (size_t)(end - lit) : len;
			continue;
		}
		char c = lit[i] == '\n' || lit[i] == '\r' || lit[i] == '\t' ? ' ' : lit[i];
		if (c == ' ' && (o == 0 || out[o - 1] == ' '))
			continue;
		out[o++] = c;
	}
	while (o > 0 && out[o - 1] == ' ')
		o--;
	out[o] = 0;
	*olen = o;
	return out;
}

/* Code and HTML blocks become a paragraph of their text. */
static void literal_paragraph(md_state *st, cmark_node *n, bool html)
{
	size_t o;
	char *out = clean_literal(n, html, &o);
	if (o > 0) {
		folio_block b = {.kind = FOLIO_BLOCK_PARAGRAPH, .loc = loc_of(st, n)};
		folio_run run = {folio_arena_strndup(st->ctx->arena, out, o), o, 0, NULL};
		size_t cap = 0;
		FOLIO_PUSH(st->ctx->arena, b.runs, b.nruns, cap, run);
		push_block(st, &b);
	}
	free(out);
}

/* `![caption](images/x.png "credit")` alone in a paragraph. */
static bool is_figure(cmark_node *para)
{
	cmark_node *c = cmark_node_first_child(para);
	return c && !cmark_node_next(c) &&
	       cmark_node_get_type(c) == CMARK_NODE_IMAGE;
}

static void figure(md_state *st, cmark_node *para)
{
	cmark_node *img = cmark_node_first_child(para);
	folio_loc loc = loc_of(st, para);
	const char *url = cmark_node_get_url(img);
	if (url && strstr(url, "://")) {
		folio_error(st->ctx, FOLIO_ERR_INPUT, loc,
		            "picture '%s' is a web address; pictures must be files "
		            "in the issue folder",
		            url);
		st->ok = false;
		return;
	}
	/* images/x.jpg#crop=3:2,top: the picture cut to a frame (crop.c) */
	folio_figure cut = {0};
	const char *frag = url ? strstr(url, "#crop=") : NULL;
	if (frag) {
		if (!folio_load_crop(st->ctx, frag + 6, "#crop", loc, &cut)) {
			st->ok = false;
			return;
		}
		url = folio_arena_strndup(st->ctx->arena, url, (size_t)(frag - url));
	}
	const char *fs = folio_load_resolve(st->ctx, st->env, url, loc);
	folio_picture *pic =
	    fs ? folio_load_picture(st->ctx, st->env, fs,
	                            folio_arena_strdup(st->ctx->arena, url), loc)
	       : NULL;
	if (!pic) {
		st->ok = false;
		return;
	}
	const char *title = cmark_node_get_title(img);
	folio_block b = {.kind = FOLIO_BLOCK_FIGURE, .loc = loc};
	b.figure = (folio_figure){
	    .picture = pic,
	    .caption = plain_text(st, img),
	    .credit = title && *title ? folio_arena_strdup(st->ctx->arena, title)
	                              : NULL,
	    .width = FOLIO_WIDTH_COLUMN,
	    .crop = cut.crop,
	    .focus = cut.focus,
	    .loc = loc,
	};
	push_block(st, &b);
}

/* The first text an inline run of nodes starts with, looking inside
 * emphasis and links ("*— Name*"). */
static cmark_node *first_leaf(cmark_node *n)
{
	while (n && cmark_node_first_child(n))
		n = cmark_node_first_child(n);
	return n && cmark_node_get_type(n) == CMARK_NODE_TEXT ? n : NULL;
}

/* If `line` starts with an em dash or "--", strip it (and the spaces after)
 * in the tree and say so. */
static bool strip_attribution_dash(cmark_node *line)
{
	cmark_node *leaf = first_leaf(line);
	const char *s = leaf ? cmark_node_get_literal(leaf) : NULL;
	if (!s)
		return false;
	while (*s == ' ')
		s++;
	if (strncmp(s, "\xE2\x80\x94", 3) == 0)
		s += 3;
	else if (strncmp(s, "--", 2) == 0)
		s += 2;
	else
		return false;
	while (*s == '-' || *s == ' ')
		s++;
	/* set_literal copies before it frees the old text */
	cmark_node_set_literal(leaf, s);
	return true;
}

static const char *block_name(cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_LIST: return "list";
	case CMARK_NODE_BLOCK_QUOTE: return "block quote";
	case CMARK_NODE_CODE_BLOCK: return "code block";
	case CMARK_NODE_HTML_BLOCK: return "raw HTML";
	default: return "block";
	}
}

/* A pull quote is text: every paragraph joins its runs, anything else is
 * flattened to its text with a warning. Its last line is the attribution
 * when it starts with a dash. */
static void quote(md_state *st, cmark_node *q, int depth)
{
	folio_block b = {.kind = FOLIO_BLOCK_QUOTE, .loc = loc_of(st, q)};
	cmark_node *last = cmark_node_last_child(q);
	cmark_node *attr = NULL;
	if (last && cmark_node_get_type(last) == CMARK_NODE_PARAGRAPH) {
		cmark_node *brk = NULL;
		for (cmark_node *c = cmark_node_first_child(last); c; c = cmark_node_next(c))
			if (cmark_node_get_type(c) == CMARK_NODE_SOFTBREAK ||
			    cmark_node_get_type(c) == CMARK_NODE_LINEBREAK)
				brk = c;
		cmark_node *line = brk ? cmark_node_next(brk)
		                       : last != cmark_node_first_child(q)
		                             ? cmark_node_first_child(last)
		                             : NULL;
		if (line && strip_attribution_dash(line))
			attr = line;
	}

	run_builder rb = {0};
	for (cmark_node *c = cmark_node_first_child(q); c; c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);
		if (t == CMARK_NODE_THEMATIC_BREAK) {
			folio_warn(st->ctx, loc_of(st, c),
			           "thematic breaks (---) are not supported; left out");
			continue;
		}
		if (t != CMARK_NODE_PARAGRAPH && t != CMARK_NODE_HEADING)
			folio_warn(st->ctx, loc_of(st, c),
			           "a pull quote holds text only; its %s is set as text",
			           block_name(c));
		rb_space(st, &rb);
		if (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING) {
			cmark_node *stop = c == last && attr ? attr : NULL;
			inline_range(st, cmark_node_first_child(c), stop, &rb, b.loc);
			continue;
		}
		/* Nested lists, quotes, code: the text of their leaves in order,
		 * the nesting still held to the limit. */
		cmark_iter *it = cmark_iter_new(c);
		cmark_event_type ev;
		int d = depth;
		while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
			cmark_node *n = cmark_iter_get_node(it);
			cmark_node_type nt = cmark_node_get_type(n);
			bool container = nt == CMARK_NODE_LIST || nt == CMARK_NODE_BLOCK_QUOTE;
			if (ev == CMARK_EVENT_EXIT && container)
				d--;
			if (ev != CMARK_EVENT_ENTER)
				continue;
			if (container && too_deep(st, n, ++d))
				break;
			if (nt == CMARK_NODE_PARAGRAPH || nt == CMARK_NODE_HEADING) {
				rb_space(st, &rb);
				inline_range(st, cmark_node_first_child(n), NULL, &rb, b.loc);
			} else if (nt == CMARK_NODE_CODE_BLOCK || nt == CMARK_NODE_HTML_BLOCK) {
				size_t len;
				char *lit = clean_literal(n, nt == CMARK_NODE_HTML_BLOCK, &len);
				if (len > 0) {
					rb_space(st, &rb);
					rb_add(st, &rb, lit, len, 0, NULL);
				}
				free(lit);
			}
		}
		cmark_iter_free(it);
	}
	rb_take(st, &rb, &b.runs, &b.nruns);
	if (attr) {
		inline_range(st, attr, NULL, &rb, b.loc);
		rb_take(st, &rb, &b.attribution, &b.nattribution);
	}
	free(rb.buf);
	if (b.nruns > 0 || b.nattribution > 0) {
		if (b.nruns == 0) { /* only "-- Name": keep it as the quote */
			b.runs = b.attribution, b.nruns = b.nattribution;
			b.attribution = NULL, b.nattribution = 0;
		}
		push_block(st, &b);
	}
}

static void block(md_state *st, cmark_node *n, int depth, int level);

/* Each item is one block. Paragraphs before any nested block join its runs;
 * a paragraph after a nested block continues the item as a block of the
 * same level with an empty marker, so nothing is reordered. */
static void list(md_state *st, cmark_node *l, int depth, int level)
{
	bool ordered = cmark_node_get_list_type(l) == CMARK_ORDERED_LIST;
	long number = cmark_node_get_list_start(l);
	for (cmark_node *item = cmark_node_first_child(l); item;
	     item = cmark_node_next(item)) {
		folio_block b = {.kind = FOLIO_BLOCK_LIST_ITEM,
		                 .loc = loc_of(st, item),
		                 .level = level};
		b.marker = ordered ? folio_arena_printf(st->ctx->arena, "%ld.", number++)
		                   : bullet;
		run_builder rb = {0};
		bool pushed = false;
		for (cmark_node *c = cmark_node_first_child(item); c;
		     c = cmark_node_next(c)) {
			bool para = cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH;
			if (para && !pushed) {
				rb_space(st, &rb);
				inline_range(st, cmark_node_first_child(c), NULL, &rb,
				             loc_of(st, c));
				continue;
			}
			if (!pushed) {
				rb_take(st, &rb, &b.runs, &b.nruns);
				push_block(st, &b);
				pushed = true;
			}
			if (para) {
				folio_block more = {.kind = FOLIO_BLOCK_LIST_ITEM,
				                    .loc = loc_of(st, c),
				                    .level = level,
				                    .marker = ""};
				inline_range(st, cmark_node_first_child(c), NULL, &rb, more.loc);
				rb_take(st, &rb, &more.runs, &more.nruns);
				if (more.nruns > 0)
					push_block(st, &more);
			} else {
				block(st, c, depth, level + 1);
			}
		}
		if (!pushed) {
			rb_take(st, &rb, &b.runs, &b.nruns);
			push_block(st, &b);
		}
		free(rb.buf);
	}
}

/* One block at `depth` containers deep; `level` is the list level a list
 * found here gets. Only the document's own paragraphs can be figures. */
static void block(md_state *st, cmark_node *n, int depth, int level)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_PARAGRAPH:
		if (depth == 0 && is_figure(n)) {
			figure(st, n);
			break;
		}
		if (looks_like_table(st, n))
			folio_warn(st->ctx, loc_of(st, n),
			           "tables are not supported; set as plain text");
		text_block(st, n, FOLIO_BLOCK_PARAGRAPH, 0);
		break;
	case CMARK_NODE_HEADING:
		text_block(st, n, FOLIO_BLOCK_HEADING,
		           cmark_node_get_heading_level(n) <= 2 ? 2 : 3);
		break;
	case CMARK_NODE_LIST:
		if (!too_deep(st, n, depth + 1))
			list(st, n, depth + 1, level);
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		if (!too_deep(st, n, depth + 1))
			quote(st, n, depth + 1);
		break;
	case CMARK_NODE_CODE_BLOCK:
		folio_warn(st->ctx, loc_of(st, n),
		           "code blocks are not supported; set as plain text");
		literal_paragraph(st, n, false);
		break;
	case CMARK_NODE_HTML_BLOCK:
		folio_warn(st->ctx, loc_of(st, n),
		           "raw HTML is not supported; set as plain text");
		literal_paragraph(st, n, true);
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		folio_warn(st->ctx, loc_of(st, n),
		           "thematic breaks (---) are not supported; left out");
		break;
	default:
		break;
	}
}

bool folio_markdown_check_bytes(folio_ctx *ctx, const char *file,
                                const char *text, size_t len)
{
	size_t bad = folio_utf8_check(text, len);
	if (bad == (size_t)-1)
		return true;
	return folio_error(ctx, FOLIO_ERR_INPUT, (folio_loc){file, 0, 0},
	                   text[bad] == 0 ? "NUL byte at byte %zu"
	                                  : "invalid UTF-8 at byte %zu",
	                   bad);
}

bool folio_markdown_load(folio_ctx *ctx, const folio_load_env *env,
                         const folio_md_source *src, const char *text,
                         size_t len, folio_article *art)
{
	md_state st = {.ctx = ctx, .env = env, .src = src, .text = text,
	               .len = len, .art = art, .ok = true};
	line_index(&st);
	cmark_node *doc = cmark_parse_document(text, len, CMARK_OPT_DEFAULT);
	for (cmark_node *c = cmark_node_first_child(doc); c; c = cmark_node_next(c))
		block(&st, c, 0, 0);
	cmark_node_free(doc);
	free(st.line_starts);
	return st.ok;
}
