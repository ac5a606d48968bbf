/* issue.c: issue.yaml (FORMAT.md, "issue.yaml") -> folio_issue, with every
 * article's body and pictures. Errors are gathered, not stopped at: one run
 * tells the designer everything that is wrong, and the load then fails. */
#include "load.h"

#include "../core/yaml.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

typedef struct {
	folio_ctx *ctx;
	folio_yaml *y;
	const char *text; /* issue.yaml itself, to map inline Markdown */
	size_t len;
	folio_load_env env;
} issue_state;

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *const issue_keys[] = {
    "newsletter", "tagline", "issue",    "date",     "language",
    "layout",     "website", "contents", "articles",
};
static const char *const contents_keys[] = {"title"};
static const char *const article_keys[] = {
    "title", "section", "contents", "body", "text", "image", "start", "style", "language",
};
static const char *const image_keys[] = {"file", "caption", "credit", "width", "crop"};
static const char *const start_names[] = {"flow", "column", "page"};
static const char *const style_names[] = {"article", "panel"};
static const char *const width_names[] = {"column", "page"};

static folio_loc loc(issue_state *s, yaml_node_t *node)
{
	return folio_yaml_loc(s->y, node);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* A string value with the white space at its ends removed (block scalars
 * end in a newline); NULL after an error. */
static const char *string_value(issue_state *s, yaml_node_t *node)
{
	const char *v;
	if (!folio_yaml_string(s->ctx, s->y, node, &v))
		return NULL;
	while (is_space(*v))
		v++;
	size_t n = strlen(v);
	while (n > 0 && is_space(v[n - 1]))
		n--;
	return folio_arena_strndup(s->ctx->arena, v, n);
}

/* An optional string: absent or empty gives NULL, like YAML's null. */
static const char *optional(issue_state *s, yaml_node_t *map, const char *key)
{
	yaml_node_t *node = folio_yaml_get(s->y, map, key);
	const char *v = node ? string_value(s, node) : NULL;
	return v && *v ? v : NULL;
}

/* A required, non-empty string; NULL after an error. */
static const char *required(issue_state *s, yaml_node_t *map, const char *key,
                            const char *what)
{
	yaml_node_t *node = folio_yaml_get(s->y, map, key);
	if (!node) {
		folio_error(s->ctx, FOLIO_ERR_INPUT, loc(s, map),
		            "%s has no '%s' (it is required)", what, key);
		return NULL;
	}
	const char *v = string_value(s, node);
	if (v && !*v) {
		folio_error(s->ctx, FOLIO_ERR_INPUT, loc(s, node),
		            "%s has an empty '%s'", what, key);
		return NULL;
	}
	return v;
}

/* One of a few words; *out keeps its default when the key is absent. */
static void choice(issue_state *s, yaml_node_t *map, const char *key,
                   const char *const *names, size_t n, int *out)
{
	yaml_node_t *node = folio_yaml_get(s->y, map, key);
	const char *v = node ? string_value(s, node) : NULL;
	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		if (strcmp(v, names[i]) == 0) {
			*out = (int)i;
			return;
		}
	char list[128] = "";
	for (size_t i = 0, used = 0; i < n; i++)
		used += (size_t)snprintf(list + used, sizeof list - used, "%s%s",
		                         i == 0 ? "" : i + 1 == n ? " or " : ", ",
		                         names[i]);
	const char *near = folio_suggest(v, names, n);
	if (near)
		folio_error(s->ctx, FOLIO_ERR_INPUT, loc(s, node),
		            "unknown %s '%s' (did you mean '%s'?)", key, v, near);
	else
		folio_error(s->ctx, FOLIO_ERR_INPUT, loc(s, node),
		            "unknown %s '%s' (expected %s)", key, v, list);
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* ISO 8601 calendar date, the extended form FORMAT.md shows: YYYY-MM-DD. */
static bool parse_date(const char *s, int *y, int *m, int *d)
{
	for (int i = 0; i < 10; i++) {
		bool dash = i == 4 || i == 7;
		if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return false;
	}
	if (s[10])
		return false;
	*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	*m = (s[5] - '0') * 10 + (s[6] - '0');
	*d = (s[8] - '0') * 10 + (s[9] - '0');
	return true;
}

static bool real_date(int y, int m, int d)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1 || m < 1 || m > 12 || d < 1)
		return false;
	return d <= days[m - 1] + (m == 2 && leap(y));
}

static void load_date(issue_state *s, yaml_node_t *root, folio_issue *is)
{
	const char *v = required(s, root, "date", "the issue");
	if (!v)
		return;
	yaml_node_t *node = folio_yaml_get(s->y, root, "date");
	if (!parse_date(v, &is->year, &is->month, &is->day)) {
		folio_error(s->ctx, FOLIO_ERR_INPUT, loc(s, node),
		            "date '%s' is not an ISO 8601 date (YYYY-MM-DD, such as "
		            "2022-09-30)",
		            v);
		return;
	}
	if (!real_date(is->year, is->month, is->day)) {
		folio_error(s->ctx, FOLIO_ERR_INPUT, loc(s, node),
		            "date '%s' is not a real calendar date", v);
		return;
	}
	is->date = v;
}

static bool alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/* The shape of a BCP 47 tag (RFC 5646): a 2-3 letter language, or "x-"
 * / "i-", then subtags of 1-8 letters or digits. The registry is not
 * consulted; the text stage says whether it has patterns for it. */
static bool bcp47(const char *t)
{
	size_t i = 0;
	while ((t[i] >= 'a' && t[i] <= 'z') || (t[i] >= 'A' && t[i] <= 'Z'))
		i++;
	bool singleton = i == 1 && (t[0] == 'x' || t[0] == 'X' || t[0] == 'i' ||
	                            t[0] == 'I');
	if (!((i >= 2 && i <= 3) || (singleton && t[1] == '-')))
		return false;
	while (t[i]) {
		if (t[i] != '-')
			return false;
		size_t n = 0;
		for (i++; alnum(t[i]); i++)
			n++;
		if (n < 1 || n > 8)
			return false;
	}
	return true;
}

/* map[language] as a BCP 47 tag, or NULL: not given, or an error said */
static const char *language_value(issue_state *s, yaml_node_t *map)
{
	yaml_node_t *node = folio_yaml_get(s->y, map, "language");
	const char *v = node ? string_value(s, node) : NULL;
	if (!v || bcp47(v))
		return v;
	char *fixed = folio_arena_strdup(s->ctx->arena, v);
	for (char *p = fixed; *p; p++)
		if (*p == '_')
			*p = '-';
	if (strchr(v, '_') && bcp47(fixed))
		folio_error(s->ctx, FOLIO_ERR_INPUT, loc(s, node),
		            "language '%s' is not a BCP 47 tag (did you mean '%s'?)", v,
		            fixed);
	else
		folio_error(s->ctx, FOLIO_ERR_INPUT, loc(s, node),
		            "language '%s' is not a BCP 47 tag such as en, en-GB or ru",
		            v);
	return NULL;
}

static void load_language(issue_state *s, yaml_node_t *root, folio_issue *is)
{
	const char *v = language_value(s, root);
	is->language = v ? v : "en";
}

static void load_contents(issue_state *s, yaml_node_t *root, folio_issue *is)
{
	is->contents_title = NULL; /* the layout's words in the issue's language */
	yaml_node_t *node = folio_yaml_get(s->y, root, "contents");
	if (!node)
		return;
	if (!folio_yaml_check_map(s->ctx, s->y, node, "contents", contents_keys,
	                          N(contents_keys)))
		return;
	const char *t = optional(s, node, "title");
	if (t)
		is->contents_title = t;
}

/* Spaces in front of the first non-blank line after `line` (1-based): the
 * indentation of a block scalar's content. */
static int block_indent(issue_state *s, int line)
{
	size_t i = 0;
	for (int l = 1; l <= line && i < s->len; i++)
		if (s->text[i] == '\n')
			l++;
	while (i < s->len) {
		size_t start = i;
		while (i < s->len && s->text[i] == ' ')
			i++;
		if (i < s->len && s->text[i] != '\n' && s->text[i] != '\r')
			return (int)(i - start);
		while (i < s->len && s->text[i] != '\n')
			i++;
		i++;
	}
	return 0;
}

static bool load_body(issue_state *s, yaml_node_t *body, folio_article *art)
{
	const char *written;
	if (!folio_yaml_string(s->ctx, s->y, body, &written))
		return false;
	folio_loc at = loc(s, body);
	const char *fs = folio_load_resolve(s->ctx, &s->env, written, at);
	if (!fs)
		return false;
	size_t len = 0;
	const char *text = folio_load_read(s->ctx, fs, written, at,
	                                   s->ctx->limits.text_bytes, &len);
	if (!text || !folio_markdown_check_bytes(s->ctx, written, text, len))
		return false;
	art->body_path = written;
	folio_md_source src = {.file = written, .exact = true, .at = {written, 0, 0}};
	return folio_markdown_load(s->ctx, &s->env, &src, text, len, art);
}

/* Inline Markdown: a literal block (`text: |`) keeps its lines, so places
 * map back into issue.yaml; other styles fold lines, and every place is
 * the value's own. */
static bool load_text(issue_state *s, yaml_node_t *node, folio_article *art)
{
	const char *text;
	if (!folio_yaml_string(s->ctx, s->y, node, &text))
		return false;
	folio_loc at = loc(s, node);
	folio_md_source src = {.file = at.file, .exact = false, .at = at};
	if (node->data.scalar.style == YAML_LITERAL_SCALAR_STYLE) {
		src.exact = true;
		src.line_offset = at.line;
		src.col_offset = block_indent(s, at.line);
	}
	return folio_markdown_load(s->ctx, &s->env, &src, text, strlen(text), art);
}

static folio_figure *load_image(issue_state *s, yaml_node_t *node)
{
	if (!folio_yaml_check_map(s->ctx, s->y, node, "image", image_keys,
	                          N(image_keys)) &&
	    node->type != YAML_MAPPING_NODE)
		return NULL;
	folio_figure *fig = folio_arena_alloc(s->ctx->arena, sizeof *fig);
	fig->loc = loc(s, node);
	fig->caption = optional(s, node, "caption");
	fig->credit = optional(s, node, "credit");
	int width = 0;
	choice(s, node, "width", width_names, N(width_names), &width);
	fig->width = width == 1 ? FOLIO_WIDTH_PAGE : FOLIO_WIDTH_COLUMN;
	const char *crop = optional(s, node, "crop");
	if (crop)
		folio_load_crop(s->ctx, crop, "crop", loc(s, folio_yaml_get(s->y, node, "crop")), fig);
	const char *file = required(s, node, "file", "the image");
	if (!file)
		return NULL;
	folio_loc at = loc(s, folio_yaml_get(s->y, node, "file"));
	const char *fs = folio_load_resolve(s->ctx, &s->env, file, at);
	fig->picture = fs ? folio_load_picture(s->ctx, &s->env, fs, file, at) : NULL;
	return fig->picture ? fig : NULL;
}

/* `contents: false` leaves the article out of the contents box; true, or
 * no value, keeps the default label. */
static void load_label(issue_state *s, yaml_node_t *map, folio_article *art)
{
	art->contents = art->section ? art->section : art->title;
	yaml_node_t *node = folio_yaml_get(s->y, map, "contents");
	if (!node)
		return;
	if (node->type == YAML_SCALAR_NODE &&
	    node->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
		const char *v = (const char *)node->data.scalar.value;
		if (!strcasecmp(v, "false") || !strcasecmp(v, "no")) {
			art->contents = NULL;
			return;
		}
		if (!strcasecmp(v, "true") || !strcasecmp(v, "yes"))
			return;
	}
	const char *v = string_value(s, node);
	if (v && *v)
		art->contents = v;
}

static void load_article(issue_state *s, yaml_node_t *node, folio_article *art)
{
	art->loc = loc(s, node);
	if (!folio_yaml_check_map(s->ctx, s->y, node, "an article", article_keys,
	                          N(article_keys)) &&
	    node->type != YAML_MAPPING_NODE)
		return;
	art->title = required(s, node, "title", "the article");
	art->section = optional(s, node, "section");
	load_label(s, node, art);
	int start = FOLIO_START_FLOW, style = FOLIO_STYLE_ARTICLE;
	choice(s, node, "start", start_names, N(start_names), &start);
	choice(s, node, "style", style_names, N(style_names), &style);
	art->start = (folio_start)start;
	art->style = (folio_article_style)style;
	/* an article in another language than the issue's (a bilingual issue) */
	art->language = language_value(s, node);
	if (art->language)
		art->language_loc = loc(s, folio_yaml_get(s->y, node, "language"));

	yaml_node_t *image = folio_yaml_get(s->y, node, "image");
	if (image)
		art->image = load_image(s, image);

	yaml_node_t *body = folio_yaml_get(s->y, node, "body");
	yaml_node_t *text = folio_yaml_get(s->y, node, "text");
	if (body && text)
		folio_error(s->ctx, FOLIO_ERR_INPUT, loc(s, text),
		            "give either 'body' or 'text', not both");
	else if (!body && !text)
		folio_error(s->ctx, FOLIO_ERR_INPUT, art->loc,
		            "the article has no 'body' (a Markdown file) or 'text'");
	else if ((body ? load_body(s, body, art) : load_text(s, text, art)) &&
	         art->nblocks == 0)
		folio_warn(s->ctx, loc(s, body ? body : text),
		           "the article's text is empty");
}

static void load_articles(issue_state *s, yaml_node_t *root, folio_issue *is)
{
	yaml_node_t *seq = folio_yaml_get(s->y, root, "articles");
	if (!seq) {
		folio_error(s->ctx, FOLIO_ERR_INPUT, loc(s, root),
		            "the issue has no 'articles' (it is required)");
		return;
	}
	bool empty = seq->type == YAML_SCALAR_NODE && seq->data.scalar.length == 0 &&
	             seq->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	if (!empty && seq->type != YAML_SEQUENCE_NODE) {
		folio_error(s->ctx, FOLIO_ERR_INPUT, loc(s, seq),
		            "'articles' must be a list of articles (each starting "
		            "with '- title:')");
		return;
	}
	size_t n = empty ? 0
	                 : (size_t)(seq->data.sequence.items.top -
	                            seq->data.sequence.items.start);
	if (n == 0) {
		folio_error(s->ctx, FOLIO_ERR_INPUT, loc(s, seq),
		            "no articles: 'articles' needs at least one");
		return;
	}
	if (n > (size_t)s->ctx->limits.articles) {
		folio_error(s->ctx, FOLIO_ERR_INPUT, loc(s, seq),
		            "%zu articles, more than the limit of %d", n,
		            s->ctx->limits.articles);
		return;
	}
	is->articles = folio_arena_alloc(s->ctx->arena, n * sizeof *is->articles);
	is->narticles = n;
	for (size_t i = 0; i < n; i++)
		load_article(s, folio_yaml_item(s->y, seq, i), &is->articles[i]);
}

static const char *dir_of(folio_arena *a, const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return ".";
	if (slash == path)
		return "/";
	return folio_arena_strndup(a, path, (size_t)(slash - path));
}

folio_issue *folio_issue_load(folio_ctx *ctx, const char *path,
                              const folio_load_options *opts)
{
	int errors_before = ctx->nerrors;
	folio_issue *is = folio_arena_alloc(ctx->arena, sizeof *is);
	is->path = folio_arena_strdup(ctx->arena, path);
	is->dir = dir_of(ctx->arena, is->path);
	folio_picture_cache pictures = {0};
	issue_state s = {.ctx = ctx,
	                 .env = {is->dir, opts && opts->allow_outside, &pictures,
	                         opts && opts->keep_png_data_only}};
	s.text = folio_read_file(ctx, is->path, FOLIO_NOWHERE,
	                         ctx->limits.text_bytes, &s.len);
	if (!s.text)
		return NULL;
	s.y = folio_yaml_load(ctx, is->path, s.text, s.len);
	if (!s.y)
		return NULL;
	yaml_node_t *root = folio_yaml_root(s.y);
	if (!root) {
		folio_error(ctx, FOLIO_ERR_INPUT, (folio_loc){is->path, 0, 0},
		            "the issue description is empty");
	} else if (folio_yaml_check_map(ctx, s.y, root, "the issue", issue_keys,
	                                N(issue_keys)) ||
	           root->type == YAML_MAPPING_NODE) {
		is->newsletter = required(&s, root, "newsletter", "the issue");
		is->tagline = optional(&s, root, "tagline");
		is->issue = required(&s, root, "issue", "the issue");
		load_date(&s, root, is);
		load_language(&s, root, is);
		is->layout = "quarterly";
		is->layout_loc = (folio_loc){is->path, 0, 0};
		yaml_node_t *layout = folio_yaml_get(s.y, root, "layout");
		const char *l = layout ? string_value(&s, layout) : NULL;
		if (l && *l) {
			is->layout = l;
			is->layout_loc = loc(&s, layout);
		}
		is->website = optional(&s, root, "website");
		load_contents(&s, root, is);
		load_articles(&s, root, is);
	}
	folio_yaml_drop(s.y);
	return ctx->nerrors > errors_before ? NULL : is;
}
