/* paths.c: the user's paths: resolved against the issue folder, refused when
 * they leave it (FORMAT.md, "An issue is a folder"), and read with messages
 * that name them as the user wrote them. */
#include "load.h"

#include <stdlib.h>
#include <string.h>

static const char *join(folio_arena *a, const char *dir, const char *rel)
{
	if (!dir || !*dir || strcmp(dir, ".") == 0)
		return folio_arena_strdup(a, rel);
	size_t n = strlen(dir);
	if (dir[n - 1] == '/')
		return folio_arena_printf(a, "%s%s", dir, rel);
	return folio_arena_printf(a, "%s/%s", dir, rel);
}

/* The check is lexical, on the path as written: "." and empty segments
 * vanish, ".." takes back one segment, and a ".." with nothing left to take
 * back leaves the folder. A symbolic link inside the folder is followed like
 * any file; the designer put it there. */
static char *normalise(folio_arena *a, const char *path, bool *leaves)
{
	size_t n = strlen(path);
	char *out = folio_arena_alloc(a, n + 1);
	size_t len = 0;
	*leaves = false;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && path[j] != '/')
			j++;
		size_t seg = j - i;
		if (seg == 0 || (seg == 1 && path[i] == '.')) {
			/* nothing */
		} else if (seg == 2 && path[i] == '.' && path[i + 1] == '.') {
			if (len == 0) {
				*leaves = true;
				return NULL;
			}
			while (len > 0 && out[len - 1] != '/')
				len--;
			if (len > 0)
				len--; /* the slash before the segment */
		} else {
			if (len > 0)
				out[len++] = '/';
			memcpy(out + len, path + i, seg);
			len += seg;
		}
		i = j + 1;
	}
	out[len] = 0;
	return out;
}

const char *folio_load_resolve(folio_ctx *ctx, const folio_load_env *env,
                               const char *written, folio_loc loc)
{
	if (!written || !*written) {
		folio_error(ctx, FOLIO_ERR_INPUT, loc, "empty path");
		return NULL;
	}
	bool absolute = written[0] == '/';
	bool leaves = absolute;
	char *norm = absolute ? NULL : normalise(ctx->arena, written, &leaves);
	if (leaves) {
		if (!env->allow_outside) {
			folio_error(ctx, FOLIO_ERR_INPUT, loc,
			            "path '%s' leaves the issue folder (use "
			            "--allow-outside to permit it)",
			            written);
			return NULL;
		}
		return absolute ? folio_arena_strdup(ctx->arena, written)
		                : join(ctx->arena, env->dir, written);
	}
	/* "articles/.." names the folder itself: opening it says so. */
	return join(ctx->arena, env->dir, *norm ? norm : ".");
}

char *folio_load_read(folio_ctx *ctx, const char *fs_path, const char *shown,
                      folio_loc loc, uint64_t max_bytes, size_t *len)
{
	folio_file_bytes b;
	if (!folio_file_get(ctx, fs_path, shown, loc, max_bytes, FOLIO_FILE_READ, &b))
		return NULL;
	char *out = folio_arena_strndup(ctx->arena, (const char *)b.data, b.len);
	*len = b.len;
	folio_file_drop(&b);
	return out;
}

folio_picture *folio_load_picture(folio_ctx *ctx, const folio_load_env *env,
                                  const char *fs_path, const char *shown, folio_loc loc)
{
	folio_picture_cache *c = env->pictures;
	for (size_t i = 0; c && i < c->n; i++)
		if (!strcmp(c->paths[i], fs_path))
			return c->pictures[i];
	folio_picture *pic = folio_picture_load_as(ctx, fs_path, shown, loc, env->keep_png_data_only);
	if (pic && c) {
		if (c->n == c->cap) {
			size_t cap = c->cap ? c->cap * 2 : 8;
			c->paths = folio_arena_grow(ctx->arena, c->paths, sizeof *c->paths, c->n, cap);
			c->pictures =
			    folio_arena_grow(ctx->arena, c->pictures, sizeof *c->pictures, c->n, cap);
			c->cap = cap;
		}
		c->paths[c->n] = folio_arena_strdup(ctx->arena, fs_path);
		c->pictures[c->n] = pic;
		c->n++;
	}
	return pic;
}
