/* tags.c: the screen edition's logical structure (tagged PDF, PDF 32000-1,
 * 14.7 and 14.8), so that a screen reader reads the newsletter as the
 * designer laid it out: the masthead, then each article (an Art element)
 * with its headings, paragraphs, pictures (Figure, with their caption as
 * the words that stand for them) and captions, in the order the text
 * flows, not the order the page was painted in. Rules, panels' tints,
 * footers and the lines that say where a story continues from are
 * artifacts: a reader skips them.
 *
 * draw.c asks, item by item, which element an item belongs to
 * (folio_pdf_tag_elem) and wraps each run of one element's items in a
 * marked-content sequence with its MCID (folio_pdf_tag_mark); a link's
 * text is a Link element inside its paragraph, holding the annotation too
 * (folio_pdf_tag_link). Each element keeps its kids (its marked content,
 * its annotations, the elements inside it) in reading order. Once the
 * pages are drawn, folio_pdf_tags_finish writes the elements, the parent
 * tree that leads from a page's MCIDs and annotations back to them, and
 * the catalogue's MarkInfo, StructTreeRoot and Lang. The print edition
 * (PDF/X-3, PDF 1.3) is not tagged. */
#include "writer.h"

#include <stdio.h>
#include <string.h>

/* What an element holds, in reading order: an element (elem >= 0), an
 * annotation (annot), or marked content (page, mcid). */
typedef struct {
	int elem;
	HPDF_Annotation annot;
	int page, mcid;
} folio_pdf_kid;

typedef struct {
	const char *role;   /* the structure type: "P", "H2", "Figure", ... */
	int parent;         /* an element's index, or -1: the Document */
	const char *alt;    /* a Figure's words, or NULL */
	size_t alt_len;
	bool no_text;       /* a hyphen the line breaker added: ActualText () */
	const char *lang;   /* an article in another language than the issue's */
	folio_pdf_kid *kids;
	size_t nkids, capkids;
	const folio_dl_item *link; /* a Link's first annotation: what it leads to */
	HPDF_Dict dict;
} folio_pdf_elem;

struct folio_pdf_tags {
	folio_pdf_elem *elems;
	size_t n, cap;
	folio_pdf_kid *doc; /* the Document's kids */
	size_t ndoc, capdoc;
	/* per article: its Art element and its paragraphs' elements (by para),
	 * -1 where none yet */
	int *art;
	int *entry; /* its entry in the contents box */
	int *list, *list_para; /* its open L element and the para of its last item */
	int **by_para;
	size_t *npara;
	size_t narticles;
	int *next_mcid; /* per page */
	/* the run of items the last element grew by: article -1 text lines
	 * (masthead, contents box) are one element per line and style */
	const folio_dl_item *last;
	int last_elem;
	int link; /* the Link element made last, or -1 */
	int level; /* the last heading's level, in reading order */
};

static folio_pdf_tags *tags_of(folio_pdf_writer *w)
{
	if (w->tags)
		return w->tags;
	folio_arena *a = w->ctx->arena;
	folio_pdf_tags *t = folio_arena_alloc(a, sizeof *t);
	t->narticles = w->dl->narticles;
	t->art = folio_arena_alloc(a, (t->narticles + 1) * sizeof *t->art);
	t->entry = folio_arena_alloc(a, (t->narticles + 1) * sizeof *t->entry);
	t->list = folio_arena_alloc(a, (t->narticles + 1) * sizeof *t->list);
	t->list_para = folio_arena_alloc(a, (t->narticles + 1) * sizeof *t->list_para);
	t->by_para = folio_arena_alloc(a, (t->narticles + 1) * sizeof *t->by_para);
	t->npara = folio_arena_alloc(a, (t->narticles + 1) * sizeof *t->npara);
	for (size_t i = 0; i < t->narticles; i++)
		t->art[i] = t->entry[i] = t->list[i] = -1;
	t->next_mcid = folio_arena_alloc(a, (size_t)w->dl->npages * sizeof *t->next_mcid);
	t->last_elem = t->link = -1;
	w->tags = t;
	return t;
}

static void add_kid(folio_pdf_writer *w, folio_pdf_tags *t, int parent, folio_pdf_kid k)
{
	if (parent < 0) {
		FOLIO_PUSH(w->ctx->arena, t->doc, t->ndoc, t->capdoc, k);
	} else {
		folio_pdf_elem *p = &t->elems[parent];
		FOLIO_PUSH(w->ctx->arena, p->kids, p->nkids, p->capkids, k);
	}
}

static int new_elem(folio_pdf_writer *w, folio_pdf_tags *t, const char *role, int parent)
{
	folio_pdf_elem e = {.role = role, .parent = parent};
	FOLIO_PUSH(w->ctx->arena, t->elems, t->n, t->cap, e);
	int i = (int)t->n - 1;
	add_kid(w, t, parent, (folio_pdf_kid){.elem = i});
	return i;
}

static bool same_target(const folio_dl_item *a, const folio_dl_item *b)
{
	return a->uri ? b->uri && !strcmp(a->uri, b->uri) : !b->uri && a->dest_page == b->dest_page;
}

/* The Link element in `parent` for `link`: the one made last when it is
 * there and leads to the same place (a URL over two lines is one Link) */
static int link_elem(folio_pdf_writer *w, folio_pdf_tags *t, int parent,
                     const folio_dl_item *link)
{
	int e = t->link;
	if (e < 0 || t->elems[e].parent != parent || !same_target(t->elems[e].link, link)) {
		e = t->link = new_elem(w, t, "Link", parent);
		t->elems[e].link = link;
	}
	return e;
}

/* The structure type of a text line in a style */
static const char *text_role(int style)
{
	switch (style) {
	case FOLIO_ST_MASTHEAD: return "H1";
	/* headings one level under the newsletter's name, none skipped: the
	 * contents box's title stands beside the articles' */
	case FOLIO_ST_TITLE:
	case FOLIO_ST_TITLE2:
	case FOLIO_ST_PANEL_TITLE:
	case FOLIO_ST_CONTENTS_TITLE: return "H2";
	case FOLIO_ST_SUBHEADING: return "H3";
	case FOLIO_ST_SUBHEADING3: return "H4";
	case FOLIO_ST_CAPTION:
	case FOLIO_ST_CREDIT: return "Caption";
	case FOLIO_ST_PULLQUOTE: return "BlockQuote";
	default: return "P";
	}
}

/* A heading's level never more than one under the last one's: a ### right
 * under an article's title (a panel's, say) reads as H3, not H4, as a
 * reader's outline wants no level skipped */
static const char *heading(folio_pdf_tags *t, const char *role)
{
	static const char *const levels[] = {"H1", "H2", "H3", "H4", "H5", "H6"};
	if (role[0] != 'H' || role[1] < '1' || role[1] > '6' || role[2])
		return role;
	int level = role[1] - '0';
	if (level > t->level + 1)
		level = t->level + 1;
	t->level = level;
	return levels[level - 1];
}

static bool contents_style(int style)
{
	return style == FOLIO_ST_CONTENTS || style == FOLIO_ST_CONTENTS_PAGE ||
	       style == FOLIO_ST_CONTENTS_TITLE;
}

int folio_pdf_tag_elem(folio_pdf_writer *w, const folio_dl_item *it, const folio_dl_item *next)
{
	if (it->kind == FOLIO_DL_LINK)
		return FOLIO_PDF_TAG_NONE;
	bool text = it->kind == FOLIO_DL_TEXT;
	/* a picture with no words (no caption) is decoration to a reader: a
	 * Figure must have them (its Alt) */
	if (it->kind == FOLIO_DL_RECT || it->kind == FOLIO_DL_RULE ||
	    (it->kind == FOLIO_DL_IMAGE && !it->len) ||
	    (text && (it->para == FOLIO_DL_FURNITURE || !it->len)))
		return FOLIO_PDF_TAG_ARTIFACT;
	folio_pdf_tags *t = tags_of(w);
	/* an item of an article the display list knows (a list made by hand,
	 * in a test, may know none) */
	bool of_article = it->article >= 0 && (size_t)it->article < t->narticles;
	bool in_article = of_article && !(text && contents_style(it->style));
	size_t a = (size_t)it->article;
	int art = -1;
	if (in_article) {
		if (t->art[a] < 0) {
			t->art[a] = new_elem(w, t, "Art", -1);
			t->elems[t->art[a]].lang = w->dl->article_lang[a];
		}
		art = t->art[a];
	}
	if (it->kind == FOLIO_DL_IMAGE) {
		int e = new_elem(w, t, "Figure", art);
		t->elems[e].alt = it->text;
		t->elems[e].alt_len = it->len;
		t->last = NULL;
		return e;
	}
	if (text && contents_style(it->style) && of_article) {
		/* an entry of the contents box, over as many lines as it takes */
		if (t->entry[a] < 0)
			t->entry[a] = new_elem(w, t, "P", -1);
		t->last = it;
		return t->last_elem = t->entry[a];
	}
	if (!in_article) {
		/* one element per line of one style: the masthead's lines, the
		 * contents box's title, an entry's page number with its line */
		const folio_dl_item *l = t->last;
		bool number = it->style == FOLIO_ST_CONTENTS_PAGE && l && contents_style(l->style);
		if (l && t->last_elem >= 0 && (number || (l->y == it->y && l->style == it->style)))
			return t->last_elem;
		t->last = it;
		t->last_elem = new_elem(w, t, heading(t, text_role(it->style)), -1);
		return t->last_elem;
	}
	t->last = NULL;
	if (it->para < 0) /* an article's text no paragraph owns: none is drawn so */
		return FOLIO_PDF_TAG_ARTIFACT;
	size_t para = (size_t)it->para;
	if (para >= t->npara[a]) {
		size_t n = para + 16;
		int *grown = folio_arena_alloc(w->ctx->arena, n * sizeof *grown);
		for (size_t i = 0; i < n; i++)
			grown[i] = i < t->npara[a] ? t->by_para[a][i] : -1;
		t->by_para[a] = grown;
		t->npara[a] = n;
	}
	if (it->marker) {
		/* a list item, drawn marker first: L > LI > Lbl (the marker) and
		 * LBody (its text); items one after the other are one list */
		if (t->list[a] < 0 || t->list_para[a] + 1 != it->para)
			t->list[a] = new_elem(w, t, "L", art);
		t->list_para[a] = it->para;
		int li = new_elem(w, t, "LI", t->list[a]);
		int lbl = new_elem(w, t, "Lbl", li);
		t->by_para[a][para] = new_elem(w, t, "LBody", li);
		return lbl;
	}
	if (t->by_para[a][para] < 0)
		t->by_para[a][para] = new_elem(w, t, heading(t, text_role(it->style)), art);
	/* a link's text: the annotation over it is the next item */
	if (next && next->kind == FOLIO_DL_LINK && next->x == it->x && next->article == it->article &&
	    next->para == it->para)
		return link_elem(w, t, t->by_para[a][para], next);
	return t->by_para[a][para];
}

bool folio_pdf_tag_link(folio_pdf_writer *w, int page, const folio_dl_item *it,
                        HPDF_Annotation annot)
{
	folio_pdf_tags *t = tags_of(w);
	/* in the paragraph it stands in (or the contents box's entry) */
	int parent = -1;
	bool of_article = it->article >= 0 && (size_t)it->article < t->narticles;
	if (of_article && it->para >= 0 && (size_t)it->para < t->npara[it->article])
		parent = t->by_para[it->article][it->para];
	else if (of_article && contents_style(it->style))
		parent = t->entry[it->article];
	add_kid(w, t, link_elem(w, t, parent, it), (folio_pdf_kid){.elem = -1, .annot = annot, .page = page});
	/* what a reader says for it */
	const char *says = it->uri ? it->uri
	                           : folio_arena_printf(w->ctx->arena, "page %d", it->dest_page + 1);
	return folio_pdf_ok(w, HPDF_Dict_Add(annot, "Contents", folio_pdf_utf16(w, says)));
}

int folio_pdf_tag_hyphen(folio_pdf_writer *w, int elem)
{
	folio_pdf_tags *t = tags_of(w);
	int e = new_elem(w, t, "Span", elem);
	t->elems[e].no_text = true;
	return e;
}

const char *folio_pdf_tag_role(folio_pdf_writer *w, int elem)
{
	return w->tags->elems[elem].role;
}

int folio_pdf_tag_mark(folio_pdf_writer *w, int page, int elem)
{
	folio_pdf_tags *t = tags_of(w);
	int mcid = t->next_mcid[page]++;
	add_kid(w, t, elem, (folio_pdf_kid){.elem = -1, .page = page, .mcid = mcid});
	return mcid;
}

static bool indirect(folio_pdf_writer *w, void *obj)
{
	return folio_pdf_got(w, obj) && folio_pdf_ok(w, HPDF_Xref_Add(w->pdf->xref, obj));
}

static HPDF_Dict new_dict(folio_pdf_writer *w, bool is_indirect)
{
	HPDF_Dict d = HPDF_Dict_New(w->pdf->mmgr);
	if (is_indirect ? !indirect(w, d) : !folio_pdf_got(w, d))
		return NULL;
	return d;
}

static HPDF_Array new_array(folio_pdf_writer *w)
{
	HPDF_Array a = HPDF_Array_New(w->pdf->mmgr);
	return folio_pdf_got(w, a) ? a : NULL;
}

/* kids -> a /K array: elements, OBJRs and MCRs in reading order */
static HPDF_Array kids_array(folio_pdf_writer *w, folio_pdf_tags *t, const folio_pdf_kid *kids,
                             size_t n)
{
	HPDF_Array arr = new_array(w);
	for (size_t k = 0; arr && k < n; k++) {
		const folio_pdf_kid *kid = &kids[k];
		if (kid->elem >= 0) {
			if (!folio_pdf_ok(w, HPDF_Array_Add(arr, t->elems[kid->elem].dict)))
				return NULL;
			continue;
		}
		HPDF_Dict ref = new_dict(w, false);
		if (!ref ||
		    !folio_pdf_ok(w, HPDF_Dict_AddName(ref, "Type", kid->annot ? "OBJR" : "MCR")) ||
		    !folio_pdf_ok(w, HPDF_Dict_Add(ref, "Pg", w->pages[kid->page])) ||
		    !folio_pdf_ok(w, kid->annot ? HPDF_Dict_Add(ref, "Obj", kid->annot)
		                                : HPDF_Dict_AddNumber(ref, "MCID", kid->mcid)) ||
		    !folio_pdf_ok(w, HPDF_Array_Add(arr, ref)))
			return NULL;
	}
	return arr;
}

/* Each element's dictionary (all made first: a /K names its kids') */
static bool write_elems(folio_pdf_writer *w, folio_pdf_tags *t, HPDF_Dict doc)
{
	for (size_t i = 0; i < t->n; i++)
		if (!(t->elems[i].dict = new_dict(w, true)))
			return false;
	for (size_t i = 0; i < t->n; i++) {
		folio_pdf_elem *e = &t->elems[i];
		HPDF_Dict d = e->dict;
		FOLIO_PDF_TRY(w, HPDF_Dict_AddName(d, "Type", "StructElem"));
		FOLIO_PDF_TRY(w, HPDF_Dict_AddName(d, "S", e->role));
		FOLIO_PDF_TRY(w, HPDF_Dict_Add(d, "P", e->parent < 0 ? doc : t->elems[e->parent].dict));
		if (e->alt) {
			char *alt = folio_arena_strndup(w->ctx->arena, e->alt, e->alt_len);
			FOLIO_PDF_TRY(w, HPDF_Dict_Add(d, "Alt", folio_pdf_utf16(w, alt)));
		}
		if (e->no_text)
			FOLIO_PDF_TRY(w, HPDF_Dict_Add(d, "ActualText", folio_pdf_utf16(w, "")));
		if (e->lang)
			FOLIO_PDF_TRY(w, HPDF_Dict_Add(d, "Lang", folio_pdf_utf16(w, e->lang)));
		HPDF_Array kids = kids_array(w, t, e->kids, e->nkids);
		if (!kids)
			return false;
		FOLIO_PDF_TRY(w, HPDF_Dict_Add(d, "K", kids));
	}
	return true;
}

/* /ParentTree: for page p (its /StructParents p), the element of each of
 * its MCIDs, in MCID order; then for each link (its /StructParent), its
 * Link element. */
static bool write_parent_tree(folio_pdf_writer *w, folio_pdf_tags *t, HPDF_Dict root)
{
	int npages = w->dl->npages;
	HPDF_Dict tree = new_dict(w, true);
	HPDF_Array nums = new_array(w);
	if (!tree || !nums)
		return false;
	FOLIO_PDF_TRY(w, HPDF_Dict_Add(tree, "Nums", nums));
	HPDF_Dict **owner = folio_arena_alloc(w->ctx->arena, (size_t)npages * sizeof *owner);
	for (int p = 0; p < npages; p++)
		owner[p] = folio_arena_alloc(w->ctx->arena,
		                             ((size_t)t->next_mcid[p] + 1) * sizeof *owner[p]);
	for (size_t i = 0; i < t->n; i++)
		for (size_t k = 0; k < t->elems[i].nkids; k++) {
			const folio_pdf_kid *kid = &t->elems[i].kids[k];
			if (kid->elem < 0 && !kid->annot)
				owner[kid->page][kid->mcid] = t->elems[i].dict;
		}
	for (int p = 0; p < npages; p++) {
		HPDF_Array list = new_array(w);
		if (!list)
			return false;
		for (int m = 0; m < t->next_mcid[p]; m++)
			FOLIO_PDF_TRY(w, HPDF_Array_Add(list, owner[p][m]));
		FOLIO_PDF_TRY(w, HPDF_Array_AddNumber(nums, p));
		FOLIO_PDF_TRY(w, HPDF_Array_Add(nums, list));
		FOLIO_PDF_TRY(w, HPDF_Dict_AddNumber(w->pages[p], "StructParents", p));
		/* links are visited in the order of the structure */
		FOLIO_PDF_TRY(w, HPDF_Dict_AddName(w->pages[p], "Tabs", "S"));
	}
	int key = npages;
	for (size_t i = 0; i < t->n; i++)
		for (size_t k = 0; k < t->elems[i].nkids; k++) {
			HPDF_Annotation annot = t->elems[i].kids[k].annot;
			if (!annot)
				continue;
			FOLIO_PDF_TRY(w, HPDF_Dict_AddNumber(annot, "StructParent", key));
			FOLIO_PDF_TRY(w, HPDF_Array_AddNumber(nums, key++));
			FOLIO_PDF_TRY(w, HPDF_Array_Add(nums, t->elems[i].dict));
		}
	FOLIO_PDF_TRY(w, HPDF_Dict_Add(root, "ParentTree", tree));
	FOLIO_PDF_TRY(w, HPDF_Dict_AddNumber(root, "ParentTreeNextKey", key));
	return true;
}

bool folio_pdf_tags_finish(folio_pdf_writer *w)
{
	folio_pdf_tags *t = tags_of(w);
	w->doing = "writing the document's structure";
	HPDF_Dict root = new_dict(w, true), doc = new_dict(w, true), mark = new_dict(w, false),
	          prefs = new_dict(w, false);
	if (!root || !doc || !mark || !prefs)
		return false;
	FOLIO_PDF_TRY(w, HPDF_Dict_AddName(root, "Type", "StructTreeRoot"));
	FOLIO_PDF_TRY(w, HPDF_Dict_Add(root, "K", doc));
	FOLIO_PDF_TRY(w, HPDF_Dict_AddName(doc, "Type", "StructElem"));
	FOLIO_PDF_TRY(w, HPDF_Dict_AddName(doc, "S", "Document"));
	FOLIO_PDF_TRY(w, HPDF_Dict_Add(doc, "P", root));
	if (!write_elems(w, t, doc) || !write_parent_tree(w, t, root))
		return false;
	HPDF_Array doc_kids = kids_array(w, t, t->doc, t->ndoc);
	if (!doc_kids)
		return false;
	FOLIO_PDF_TRY(w, HPDF_Dict_Add(doc, "K", doc_kids));
	HPDF_Dict catalog = w->pdf->catalog;
	FOLIO_PDF_TRY(w, HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE));
	FOLIO_PDF_TRY(w, HPDF_Dict_Add(catalog, "MarkInfo", mark));
	FOLIO_PDF_TRY(w, HPDF_Dict_Add(catalog, "StructTreeRoot", root));
	if (w->dl->lang && *w->dl->lang)
		FOLIO_PDF_TRY(w, HPDF_Dict_Add(catalog, "Lang", folio_pdf_utf16(w, w->dl->lang)));
	/* a reader's title bar shows the newsletter's title, not the file's name */
	FOLIO_PDF_TRY(w, HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE));
	FOLIO_PDF_TRY(w, HPDF_Dict_Add(catalog, "ViewerPreferences", prefs));
	/* MarkInfo is PDF 1.4; PDF/UA is made on PDF 1.7 */
	w->pdf->pdf_version = HPDF_VER_17;
	return true;
}
