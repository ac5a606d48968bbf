/* paths.c: the user's paths: resolved against the issue folder, refused when
 * they leave it (FORMAT.md, "An issue is a folder"), and read with messages
 * that name them as the user wrote them. */
#include "load.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static void too_big(folio_ctx *ctx, const char *shown, folio_loc loc, uint64_t max_bytes)
{
	folio_error(ctx, FOLIO_ERR_INPUT, loc, "'%s' is larger than the limit of %llu bytes",
	            shown, (unsigned long long)max_bytes);
}

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

/* Open a file to read whole: a folder, or a regular file larger than
 * max_bytes, is refused here. Returns the descriptor, or -1 after
 * recording the error. */
static int open_whole(folio_ctx *ctx, const char *fs_path, const char *shown, folio_loc loc,
                      uint64_t max_bytes, struct stat *st)
{
	int fd = open(fs_path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		folio_error(ctx, FOLIO_ERR_INPUT, loc, "cannot open '%s': %s", shown,
		            strerror(errno));
		return -1;
	}
	int e = fstat(fd, st) != 0 ? errno : S_ISDIR(st->st_mode) ? EISDIR : 0;
	if (e) {
		close(fd);
		folio_error(ctx, FOLIO_ERR_INPUT, loc, "cannot open '%s': %s", shown,
		            strerror(e));
		return -1;
	}
	if (S_ISREG(st->st_mode) && (uint64_t)st->st_size > max_bytes) {
		close(fd);
		too_big(ctx, shown, loc, max_bytes);
		return -1;
	}
	return fd;
}

/* The rest of fd read into malloc'd memory, NUL-terminated; fd is closed. */
static unsigned char *read_whole(folio_ctx *ctx, int fd, const struct stat *st,
                                 const char *shown, folio_loc loc, uint64_t max_bytes,
                                 size_t *len)
{
	size_t cap = S_ISREG(st->st_mode) ? (size_t)st->st_size + 1 : 65536;
	size_t n = 0;
	unsigned char *buf = folio_xmalloc(cap + 1);
	for (;;) {
		if (n == cap) {
			cap *= 2;
			buf = folio_xrealloc(buf, cap + 1);
		}
		ssize_t got = read(fd, buf + n, cap - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			int e = errno;
			free(buf);
			close(fd);
			folio_error(ctx, FOLIO_ERR_INPUT, loc, "cannot read '%s': %s",
			            shown, strerror(e));
			return NULL;
		}
		if (got == 0)
			break;
		n += (size_t)got;
		if (n > max_bytes) {
			free(buf);
			close(fd);
			too_big(ctx, shown, loc, max_bytes);
			return NULL;
		}
	}
	close(fd);
	buf[n] = 0;
	*len = n;
	return buf;
}

unsigned char *folio_load_slurp(folio_ctx *ctx, const char *fs_path,
                                const char *shown, folio_loc loc,
                                uint64_t max_bytes, size_t *len)
{
	if (!loc.file)
		loc = (folio_loc){shown, 0, 0};
	struct stat st;
	int fd = open_whole(ctx, fs_path, shown, loc, max_bytes, &st);
	if (fd < 0)
		return NULL;
	return read_whole(ctx, fd, &st, shown, loc, max_bytes, len);
}

bool folio_load_map(folio_ctx *ctx, const char *fs_path, const char *shown, folio_loc loc,
                    uint64_t max_bytes, folio_load_bytes *out, bool may_map)
{
	memset(out, 0, sizeof *out);
	if (!loc.file)
		loc = (folio_loc){shown, 0, 0};
	struct stat st;
	int fd = open_whole(ctx, fs_path, shown, loc, max_bytes, &st);
	if (fd < 0)
		return false;
	if (may_map && S_ISREG(st.st_mode) && st.st_size > 0) {
		int flags = MAP_PRIVATE;
#ifdef MAP_POPULATE
		/* every byte is read (the chunk walk's CRCs, or libpng), and a
		 * picture's IDAT data again by the PDF writer, in place: the
		 * pages, read-only and mostly in the page cache already, are
		 * mapped in one call instead of a page fault each (about
		 * 1.5 us per 4 KB, 270 faults for the sample's pictures) */
		flags |= MAP_POPULATE;
#endif
		void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, flags, fd, 0);
		if (m != MAP_FAILED) {
			close(fd);
			folio_guard_add(m, (size_t)st.st_size, loc, shown);
			out->data = m;
			out->len = (size_t)st.st_size;
			out->mapped = m;
			return true;
		}
	}
	/* not regular (a pipe), empty, or mmap refused: read it */
	size_t n = 0;
	unsigned char *buf = read_whole(ctx, fd, &st, shown, loc, max_bytes, &n);
	if (!buf)
		return false;
	out->data = buf;
	out->len = n;
	return true;
}

void folio_load_unmap(folio_load_bytes *b)
{
	if (b->mapped) {
		folio_guard_remove(b->mapped);
		munmap(b->mapped, b->len);
	}
	else
		free((void *)b->data);
	memset(b, 0, sizeof *b);
}

char *folio_load_read(folio_ctx *ctx, const char *fs_path, const char *shown,
                      folio_loc loc, uint64_t max_bytes, size_t *len)
{
	size_t n = 0;
	unsigned char *buf = folio_load_slurp(ctx, fs_path, shown, loc, max_bytes, &n);
	if (!buf)
		return NULL;
	char *out = folio_arena_strndup(ctx->arena, (const char *)buf, n);
	free(buf);
	*len = n;
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
