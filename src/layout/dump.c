/* dump.c: the display list as JSON (--dump-layout), so tests and people can
 * read what the layout decided. Stable order, fixed precision: the same
 * input gives the same bytes. */
#include "dump.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static void folio_json_chars(FILE *f, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
}

static void folio_json_str(FILE *f, const char *s, size_t len)
{
	fputc('"', f);
	folio_json_chars(f, s, len);
	fputc('"', f);
}

static const char *const folio_kind_names[] = {"text", "rect", "rule", "image", "link"};

/* "color": [c, m, y, k] (a spot ink's alternate at its tint), and a spot
 * ink's "spot" and "tint" after it */
static void folio_json_cmyk(FILE *f, const folio_display *dl, folio_cmyk c)
{
	fprintf(f, ", \"color\": [%.3f,%.3f,%.3f,%.3f]", c.c, c.m, c.y, c.k);
	if (c.spot > 0 && (size_t)c.spot <= dl->nspots) {
		const char *name = dl->spots[c.spot - 1].name;
		fprintf(f, ", \"spot\": ");
		folio_json_str(f, name, strlen(name));
		fprintf(f, ", \"tint\": %.3f", c.tint);
	}
}

/* Text items are glyph runs (split at kerning pairs); a reader wants
 * lines. Consecutive runs on one baseline, in
 * one style and article, with no gap wider than a loose word space, are one
 * line; a gap wider than a tight word space is a space in its text. */
static bool folio_dump_same_line(const folio_dl_item *a, const folio_dl_item *b)
{
	if (a->kind != FOLIO_DL_TEXT || b->kind != FOLIO_DL_TEXT)
		return false;
	double gap = b->x - (a->x + a->w);
	return fabs(a->y - b->y) < 0.01 && a->style == b->style && a->article == b->article &&
	       fabs(a->size - b->size) < 0.01 && gap > -0.5 && gap < 1.8 * a->size;
}

static void folio_dump_lines(FILE *f, const folio_dl_page *pg)
{
	bool first = true;
	fprintf(f, "], \"lines\": [\n");
	for (size_t i = 0; i < pg->nitems;) {
		const folio_dl_item *it = &pg->items[i];
		if (it->kind != FOLIO_DL_TEXT) {
			i++;
			continue;
		}
		size_t j = i + 1;
		while (j < pg->nitems && folio_dump_same_line(&pg->items[j - 1], &pg->items[j]))
			j++;
		const folio_dl_item *last = &pg->items[j - 1];
		fprintf(f, "%s  {\"baseline\": %.3f, \"x\": %.3f, \"w\": %.3f", first ? "" : ",\n",
		        it->y, it->x, last->x + last->w - it->x);
		if (it->style >= 0 && it->style < FOLIO_ST_COUNT)
			fprintf(f, ", \"style\": \"%s\"", folio_style_names[it->style]);
		if (it->article >= 0)
			fprintf(f, ", \"article\": %d", it->article);
		fprintf(f, ", \"size\": %.3f, \"text\": \"", it->size);
		for (size_t k = i; k < j; k++) {
			const folio_dl_item *t = &pg->items[k];
			if (k > i &&
			    t->x - (pg->items[k - 1].x + pg->items[k - 1].w) > 0.15 * t->size)
				fputc(' ', f);
			folio_json_chars(f, t->text, t->len);
		}
		fprintf(f, "\"}");
		first = false;
		i = j;
	}
	fprintf(f, "%s", first ? "" : "\n");
}

char *folio_display_dump(const folio_display *dl)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return NULL;
	fprintf(f, "{\n\"format\": \"folio-layout-3\",\n\"units\": \"pt, origin top-left of the "
	           "trim box, y down\",\n");
	fprintf(f, "\"page_width\": %.3f, \"page_height\": %.3f, \"bleed\": %.3f,\n",
	        dl->page_width, dl->page_height, dl->bleed);
	fprintf(f, "\"pages\": [\n");
	for (int p = 0; p < dl->npages; p++) {
		const folio_dl_page *pg = &dl->pages[p];
		fprintf(f, "{\"page\": %d, \"items\": [\n", p + 1);
		for (size_t i = 0; i < pg->nitems; i++) {
			const folio_dl_item *it = &pg->items[i];
			fprintf(f,
			        "  {\"kind\": \"%s\", \"x\": %.3f, \"y\": %.3f, \"w\": %.3f, "
			        "\"h\": %.3f",
			        folio_kind_names[it->kind], it->x, it->y, it->w, it->h);
			if (it->style >= 0 && it->style < FOLIO_ST_COUNT)
				fprintf(f, ", \"style\": \"%s\"", folio_style_names[it->style]);
			if (it->article >= 0)
				fprintf(f, ", \"article\": %d", it->article);
			switch (it->kind) {
			case FOLIO_DL_TEXT:
				fprintf(f, ", \"size\": %.3f, ", it->size);
				if (it->tracking != 0)
					fprintf(f, "\"tracking\": %.3f, ", it->tracking);
				fprintf(f, "\"font\": ");
				{
					const char *path = folio_face_path(it->face);
					const char *base = path;
					for (const char *c = path; *c; c++)
						if (*c == '/')
							base = c + 1;
					folio_json_str(f, base, strlen(base));
				}
				folio_json_cmyk(f, dl, it->color);
				fprintf(f, ", \"text\": ");
				folio_json_str(f, it->text, it->len);
				break;
			case FOLIO_DL_RECT:
				folio_json_cmyk(f, dl, it->color);
				break;
			case FOLIO_DL_RULE:
				fprintf(f, ", \"line_width\": %.3f", it->line_width);
				folio_json_cmyk(f, dl, it->color);
				break;
			case FOLIO_DL_IMAGE:
				fprintf(f, ", \"file\": ");
				folio_json_str(f, it->picture->path, strlen(it->picture->path));
				fprintf(f, ", \"pixels\": [%u,%u]", it->picture->width,
				        it->picture->height);
				if (it->whole)
					fprintf(f, ", \"whole\": [%.3f,%.3f,%.3f,%.3f]", it->whole->x,
					        it->whole->y, it->whole->w, it->whole->h);
				break;
			case FOLIO_DL_LINK:
				if (it->uri) {
					fprintf(f, ", \"uri\": ");
					folio_json_str(f, it->uri, strlen(it->uri));
				} else {
					fprintf(f, ", \"dest_page\": %d", it->dest_page + 1);
				}
				break;
			}
			fprintf(f, "}%s\n", i + 1 < pg->nitems ? "," : "");
		}
		folio_dump_lines(f, pg);
		fprintf(f, "]}%s\n", p + 1 < dl->npages ? "," : "");
	}
	fprintf(f, "]\n}\n");
	fclose(f);
	return buf;
}
