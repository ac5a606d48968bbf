/* styles.c: the look half of a layout file: font families (files checked
 * to exist) and the paragraph styles, with `based_on` inheritance resolved
 * into plain folio_style values; the colours are colors.c's. */
#include "tpl.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *const folio_style_names[FOLIO_ST_COUNT] = {
    [FOLIO_ST_BODY] = "body",
    [FOLIO_ST_TITLE] = "title",
    [FOLIO_ST_TITLE2] = "title2",
    [FOLIO_ST_SECTION] = "section",
    [FOLIO_ST_SUBHEADING] = "subheading",
    [FOLIO_ST_SUBHEADING3] = "subheading3",
    [FOLIO_ST_LIST] = "list",
    [FOLIO_ST_CAPTION] = "caption",
    [FOLIO_ST_CREDIT] = "credit",
    [FOLIO_ST_PULLQUOTE] = "pullquote",
    [FOLIO_ST_ATTRIBUTION] = "attribution",
    [FOLIO_ST_CONTENTS_TITLE] = "contents_title",
    [FOLIO_ST_CONTENTS] = "contents",
    [FOLIO_ST_CONTENTS_PAGE] = "contents_page",
    [FOLIO_ST_PANEL_TITLE] = "panel_title",
    [FOLIO_ST_PANEL] = "panel",
    [FOLIO_ST_FOOTER] = "footer",
    [FOLIO_ST_MASTHEAD] = "masthead",
    [FOLIO_ST_TAGLINE] = "tagline",
    [FOLIO_ST_ISSUE] = "issue",
};

static const char *const folio_face_keys[FOLIO_FACE_COUNT] = {
    "regular", "italic", "bold", "bold_italic"};

static const char *const folio_style_keys[] = {
    "based_on", "font",  "weight",       "style",       "size",
    "leading",  "color", "align",        "space_before", "space_after",
    "indent",   "uppercase", "tracking", "hyphenate", "tolerance",
    "balance"};

/* "name (did you mean 'x'?)" or "name (NOUN: a, b, c)": the tail of every
 * message about a name that is not defined. */
const char *folio_unknown_tail(folio_arena *a, const char *word, const char *const *names,
                               size_t n, const char *noun)
{
	const char *s = folio_suggest(word, names, n);
	if (s)
		return folio_arena_printf(a, "did you mean '%s'?", s);
	char *list = folio_arena_printf(a, "%s:", noun);
	for (size_t i = 0; i < n; i++)
		list = folio_arena_printf(a, "%s%s %s", list, i ? "," : "", names[i]);
	if (n == 0)
		list = folio_arena_printf(a, "no %s are defined", noun);
	return list;
}

/* ---- fonts ---- */

/* A face file: a bare name lives in <data>/fonts/; a name with '/' is
 * relative to the layout file's folder (or absolute). */
static const char *folio_font_path(folio_tpl *L, yaml_node_t *node)
{
	const char *name;
	if (!folio_yaml_string(L->ctx, L->y, node, &name))
		return NULL;
	folio_arena *a = L->ctx->arena;
	const char *path;
	const char *where;
	if (name[0] == '/') {
		path = name;
		where = NULL;
	} else if (strchr(name, '/')) {
		path = folio_arena_printf(a, "%s/%s", L->dir, name);
		where = L->dir;
	} else {
		where = folio_arena_printf(a, "%s/fonts", folio_data_dir());
		path = folio_arena_printf(a, "%s/%s", where, name);
	}
	struct stat st;
	if (name[0] == 0 || stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
	    access(path, R_OK) != 0) {
		if (where)
			folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(L->y, node),
			            "font file '%s' not found in %s", name, where);
		else
			folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(L->y, node),
			            "font file '%s' not found", name);
		return NULL;
	}
	return path;
}

bool folio_tpl_fonts(folio_tpl *L, yaml_node_t *node)
{
	const char **names;
	size_t n;
	if (!folio_tpl_names(L, node, "fonts", &names, &n))
		return false;
	if (n == 0)
		return folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(L->y, node),
		                   "fonts: define at least one font family");
	L->family_names = names;
	L->faces = folio_arena_alloc(L->ctx->arena, n * sizeof *L->faces);
	L->nfamilies = n;
	bool ok = true;
	for (size_t i = 0; i < n; i++) {
		const char *name;
		yaml_node_t *v;
		folio_yaml_pair(L->y, node, i, &name, &v);
		const char *what =
		    folio_arena_printf(L->ctx->arena, "the font family '%s'", name);
		if (!folio_yaml_check_map(L->ctx, L->y, v, what, folio_face_keys,
		                          FOLIO_FACE_COUNT)) {
			ok = false;
			continue;
		}
		const char **faces = L->faces[i];
		for (int f = 0; f < FOLIO_FACE_COUNT; f++) {
			yaml_node_t *file = folio_yaml_get(L->y, v, folio_face_keys[f]);
			if (file && !(faces[f] = folio_font_path(L, file)))
				ok = false;
		}
		if (!folio_yaml_get(L->y, v, "regular")) {
			ok = folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(L->y, v),
			                 "missing key 'regular' in %s", what);
			continue;
		}
		/* Missing faces fall back to the nearest one given. */
		if (!faces[FOLIO_FACE_ITALIC])
			faces[FOLIO_FACE_ITALIC] = faces[FOLIO_FACE_REGULAR];
		if (!faces[FOLIO_FACE_BOLD])
			faces[FOLIO_FACE_BOLD] = faces[FOLIO_FACE_REGULAR];
		if (!faces[FOLIO_FACE_BOLD_ITALIC])
			faces[FOLIO_FACE_BOLD_ITALIC] =
			    folio_yaml_get(L->y, v, "bold") ? faces[FOLIO_FACE_BOLD]
			                                    : faces[FOLIO_FACE_ITALIC];
	}
	return ok;
}

/* The index of the family a `font:` value names; -1 after an error. */
static int folio_tpl_family(folio_tpl *L, yaml_node_t *v)
{
	const char *fam = NULL;
	if (!folio_yaml_string(L->ctx, L->y, v, &fam))
		return -1;
	for (size_t i = 0; i < L->nfamilies; i++)
		if (strcmp(L->family_names[i], fam) == 0)
			return (int)i;
	folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(L->y, v), "unknown font family '%s' (%s)",
	            fam, folio_unknown_tail(L->ctx->arena, fam, L->family_names, L->nfamilies, "fonts"));
	return -1;
}

bool folio_tpl_code(folio_tpl *L, yaml_node_t *node)
{
	static const char *const keys[] = {"font", "scale"};
	folio_template *t = L->t;
	t->code_scale = 1;
	if (!folio_yaml_check_map(L->ctx, L->y, node, "code", keys, 2))
		return false;
	yaml_node_t *v = folio_yaml_get(L->y, node, "font");
	if (!v)
		return folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(L->y, node),
		                   "missing key 'font' in code (a family of fonts:)");
	int k = folio_tpl_family(L, v);
	if (k < 0 || !folio_tpl_number(L, node, "scale", FOLIO_POSITIVE, &t->code_scale))
		return false;
	const char *const *f = L->faces[k];
	t->code_regular = f[FOLIO_FACE_REGULAR];
	t->code_italic = f[FOLIO_FACE_ITALIC];
	t->code_bold = f[FOLIO_FACE_BOLD];
	t->code_bold_italic = f[FOLIO_FACE_BOLD_ITALIC];
	return true;
}

/* ---- styles ---- */

enum { FOLIO_UNRESOLVED = 0, FOLIO_RESOLVING, FOLIO_RESOLVED, FOLIO_BROKEN };

typedef struct {
	yaml_node_t *node;
	int state;
	int family;
	bool bold, italic;
	bool auto_leading; /* no leading given along the based_on chain */
	folio_style st;
} folio_style_work;

static int folio_style_index(const char *name)
{
	for (int i = 0; i < FOLIO_ST_COUNT; i++)
		if (strcmp(folio_style_names[i], name) == 0)
			return i;
	return -1;
}

/* A scalar that must be one of `words`; its index, or -1 after an error. */
static int folio_tpl_choice(folio_tpl *L, yaml_node_t *node, const char *key,
                            const char *const *words, size_t n)
{
	const char *s;
	if (!folio_yaml_string(L->ctx, L->y, node, &s))
		return -1;
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, words[i]) == 0)
			return (int)i;
	folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(L->y, node),
	            "unknown %s '%s' (%s)", key, s,
	            folio_unknown_tail(L->ctx->arena, s, words, n, "choices"));
	return -1;
}

/* The four faces as the style sees them: its own weight and slant become
 * "regular"; **strong** adds bold and *emphasis* flips the slant, so
 * emphasis inside an italic style is set upright, as typesetters do. */
static void folio_style_faces(folio_tpl *L, folio_style_work *w)
{
	const char *const *f = L->faces[w->family];
	int b = w->bold ? 2 : 0, i = w->italic ? 1 : 0;
	w->st.font_regular = f[b | i];
	w->st.font_italic = f[b | (1 - i)];
	w->st.font_bold = f[2 | i];
	w->st.font_bold_italic = f[2 | (1 - i)];
}

static bool folio_style_resolve(folio_tpl *L, folio_style_work *work, int id);

static bool folio_style_apply(folio_tpl *L, folio_style_work *work, int id)
{
	static const char *const weights[] = {"regular", "bold"};
	static const char *const slants[] = {"normal", "italic"};
	static const char *const aligns[] = {"justify", "left", "center", "right"};
	folio_style_work *w = &work[id];
	yaml_node_t *m = w->node;
	folio_yaml *y = L->y;
	const char *what = folio_arena_printf(L->ctx->arena, "the style '%s'",
	                                      folio_style_names[id]);
	yaml_node_t *base = folio_yaml_get(y, m, "based_on");
	if (base) {
		const char *bname;
		if (!folio_yaml_string(L->ctx, y, base, &bname))
			return false;
		int b = folio_style_index(bname);
		if (b < 0)
			return folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(y, base),
			                   "unknown style '%s' in based_on (%s)", bname,
			                   folio_unknown_tail(L->ctx->arena, bname,
			                                      folio_style_names,
			                                      FOLIO_ST_COUNT, "styles"));
		if (work[b].state == FOLIO_RESOLVING)
			return folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(y, base),
			                   "%s is based on '%s', which leads back to "
			                   "'%s' (a based_on loop)",
			                   what, bname, folio_style_names[id]);
		if (!folio_style_resolve(L, work, b))
			return false;
		w->family = work[b].family;
		w->bold = work[b].bold;
		w->italic = work[b].italic;
		w->auto_leading = work[b].auto_leading;
		w->st = work[b].st;
	} else {
		w->family = 0;
		w->auto_leading = true;
		w->st = (folio_style){.size = 10, .color = L->colors[0],
		                      .align = FOLIO_ALIGN_LEFT};
	}
	bool ok = true;
	yaml_node_t *v;
	if ((v = folio_yaml_get(y, m, "font"))) {
		int k = folio_tpl_family(L, v);
		if (k >= 0)
			w->family = k;
		else
			ok = false;
	}
	int k;
	if ((v = folio_yaml_get(y, m, "weight"))) {
		if ((k = folio_tpl_choice(L, v, "weight", weights, 2)) < 0)
			ok = false;
		else
			w->bold = k == 1;
	}
	if ((v = folio_yaml_get(y, m, "style"))) {
		if ((k = folio_tpl_choice(L, v, "style", slants, 2)) < 0)
			ok = false;
		else
			w->italic = k == 1;
	}
	if ((v = folio_yaml_get(y, m, "align"))) {
		if ((k = folio_tpl_choice(L, v, "align", aligns, 4)) < 0)
			ok = false;
		else
			w->st.align = (folio_align)k;
	}
	folio_style *s = &w->st;
	ok &= folio_tpl_length(L, m, "size", what, false, FOLIO_POSITIVE, &s->size);
	if (folio_yaml_get(y, m, "leading")) {
		w->auto_leading = false;
		ok &= folio_tpl_length(L, m, "leading", what, false, FOLIO_POSITIVE,
		                       &s->leading);
	} else if (w->auto_leading) {
		s->leading = 1.2 * s->size;
	}
	ok &= folio_tpl_color_key(L, m, "color", &s->color);
	ok &= folio_tpl_length(L, m, "space_before", what, false, FOLIO_NONNEG,
	                       &s->space_before);
	ok &= folio_tpl_length(L, m, "space_after", what, false, FOLIO_NONNEG,
	                       &s->space_after);
	ok &= folio_tpl_length(L, m, "indent", what, false, FOLIO_NONNEG,
	                       &s->indent);
	ok &= folio_tpl_bool(L, m, "uppercase", &s->uppercase);
	ok &= folio_tpl_number(L, m, "tracking", FOLIO_ANY, &s->tracking);
	ok &= folio_tpl_bool(L, m, "hyphenate", &s->hyphenate);
	ok &= folio_tpl_number(L, m, "tolerance", FOLIO_NONNEG, &s->tolerance);
	ok &= folio_tpl_bool(L, m, "balance", &s->balance);
	if (ok)
		folio_style_faces(L, w);
	return ok;
}

static bool folio_style_resolve(folio_tpl *L, folio_style_work *work, int id)
{
	folio_style_work *w = &work[id];
	if (w->state == FOLIO_RESOLVED)
		return true;
	if (w->state == FOLIO_BROKEN || !w->node)
		return false;
	w->state = FOLIO_RESOLVING;
	bool ok = folio_style_apply(L, work, id);
	w->state = ok ? FOLIO_RESOLVED : FOLIO_BROKEN;
	return ok;
}

bool folio_tpl_styles(folio_tpl *L, yaml_node_t *node)
{
	if (!node || node->type != YAML_MAPPING_NODE)
		return folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(L->y, node),
		                   "expected a mapping of style names to styles for "
		                   "styles");
	folio_style_work work[FOLIO_ST_COUNT];
	memset(work, 0, sizeof work);
	bool ok = folio_yaml_check_map(L->ctx, L->y, node, "styles",
	                               folio_style_names, FOLIO_ST_COUNT);
	const char *name;
	yaml_node_t *v;
	for (size_t i = 0; folio_yaml_pair(L->y, node, i, &name, &v); i++) {
		int id = folio_style_index(name);
		if (id < 0 || work[id].node)
			continue; /* reported by check_map */
		const char *what =
		    folio_arena_printf(L->ctx->arena, "the style '%s'", name);
		if (folio_yaml_check_map(L->ctx, L->y, v, what, folio_style_keys,
		                         sizeof folio_style_keys /
		                             sizeof folio_style_keys[0]))
			work[id].node = v;
		else
			work[id].state = FOLIO_BROKEN, work[id].node = v, ok = false;
	}
	for (int id = 0; id < FOLIO_ST_COUNT; id++)
		if (!work[id].node)
			ok = folio_error(L->ctx, FOLIO_ERR_INPUT,
			                 folio_yaml_loc(L->y, node), "missing style '%s'",
			                 folio_style_names[id]);
	if (!ok)
		return false;
	for (int id = 0; id < FOLIO_ST_COUNT; id++)
		if (work[id].state != FOLIO_BROKEN && !folio_style_resolve(L, work, id))
			ok = false;
	if (!ok)
		return false;
	for (int id = 0; id < FOLIO_ST_COUNT; id++)
		L->t->styles[id] = work[id].st;
	return true;
}

bool folio_tpl_pattern(folio_tpl *L, yaml_node_t *node, const char *what,
                       const char *const *fields, size_t nfields, const char **text)
{
	if (!folio_yaml_string(L->ctx, L->y, node, text))
		return false;
	for (const char *b = strchr(*text, '{'); b; b = strchr(b + 1, '{')) {
		bool known = false;
		for (size_t i = 0; i < nfields; i++)
			known = known || !strncmp(b, fields[i], strlen(fields[i]));
		if (known)
			continue;
		/* named up to its closing brace, 16 characters at most (whole
		 * ones: the name may be Cyrillic) */
		size_t len = strlen(b), end = 0;
		for (int chars = 0; end < len && chars < 16 && (end == 0 || b[end - 1] != '}');
		     chars++)
			folio_utf8_next(b, len, &end);
		/* "{title} or {page}", "{day}, {month} or {year}" */
		char *list = folio_arena_strdup(L->ctx->arena, fields[0]);
		for (size_t i = 1; i < nfields; i++)
			list = folio_arena_printf(L->ctx->arena, "%s%s%s", list,
			                          i + 1 < nfields ? ", " : " or ", fields[i]);
		return folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(L->y, node),
		                   "%s: unknown placeholder '%.*s' (%s)", what, (int)end, b, list);
	}
	return true;
}

bool folio_tpl_continued(folio_tpl *L, yaml_node_t *node)
{
	static const char *const keys[] = {"style", "text", "on"};
	static const char *const fields[] = {"{title}", "{page}"};
	folio_template *t = L->t;
	if (!folio_yaml_check_map(L->ctx, L->y, node, "continued", keys, 3))
		return false;
	bool ok = true;
	for (size_t i = 0; i < 2; i++)
		if (!folio_yaml_get(L->y, node, keys[i]))
			ok = folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(L->y, node),
			                 "missing key '%s' in continued", keys[i]);
	if (!ok)
		return false;
	int id = folio_tpl_choice(L, folio_yaml_get(L->y, node, "style"), "style",
	                          folio_style_names, FOLIO_ST_COUNT);
	yaml_node_t *tn = folio_yaml_get(L->y, node, "text");
	/* one text, or one per language: {en: ..., ru: ...} */
	const char **langs = NULL;
	size_t n = 1;
	if (tn->type == YAML_MAPPING_NODE && !folio_tpl_names(L, tn, "continued.text", &langs, &n))
		return false;
	if (n == 0)
		return folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(L->y, tn),
		                   "continued.text: no text (a string, or one per language)");
	t->continued_lang = folio_arena_alloc(L->ctx->arena, n * sizeof *t->continued_lang);
	t->continued_text = folio_arena_alloc(L->ctx->arena, n * sizeof *t->continued_text);
	for (size_t i = 0; i < n; i++) {
		/* the keys live in the YAML document, which goes after the load */
		t->continued_lang[i] =
		    langs ? folio_arena_strndup(L->ctx->arena, langs[i], strlen(langs[i])) : NULL;
		yaml_node_t *v = langs ? folio_yaml_get(L->y, tn, langs[i]) : tn;
		ok &= folio_tpl_pattern(L, v, "continued.text", fields, 2, &t->continued_text[i]);
	}
	/* on: the line at the foot of the column a story leaves, in the same
	 * form as text (one string, or one per language text has) */
	yaml_node_t *on = folio_yaml_get(L->y, node, "on");
	if (on && ok) {
		if ((on->type == YAML_MAPPING_NODE) != (langs != NULL))
			return folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(L->y, on),
			                   "continued.on: give it as continued.text is given (%s)",
			                   langs ? "one per language" : "one string");
		t->continued_on = folio_arena_alloc(L->ctx->arena, n * sizeof *t->continued_on);
		for (size_t i = 0; i < n && ok; i++) {
			yaml_node_t *v = langs ? folio_yaml_get(L->y, on, langs[i]) : on;
			if (!v)
				return folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(L->y, on),
				                   "continued.on: no text for '%s', which continued.text "
				                   "has",
				                   langs[i]);
			ok &= folio_tpl_pattern(L, v, "continued.on", fields, 2, &t->continued_on[i]);
		}
		const char **on_langs = NULL;
		size_t non = 1;
		if (ok && langs && folio_tpl_names(L, on, "continued.on", &on_langs, &non) && non != n)
			return folio_error(L->ctx, FOLIO_ERR_INPUT, folio_yaml_loc(L->y, on),
			                   "continued.on: %zu languages, where continued.text has %zu",
			                   non, n);
	}
	if (id < 0 || !ok)
		return false;
	t->continued_style = id;
	t->ncontinued = n;
	return true;
}
