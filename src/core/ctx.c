/* ctx.c: the build context: diagnostics with their place, the worst exit
 * class seen, and the limits every loader checks against. */
#include "core.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

folio_ctx *folio_ctx_new(void)
{
	folio_ctx *ctx = folio_xcalloc(1, sizeof *ctx);
	ctx->arena = folio_arena_new();
	ctx->limits = (folio_limits){
	    .picture_pixels = 100u * 1000 * 1000,
	    .picture_bytes = 64u * 1024 * 1024,
	    .text_bytes = 4u * 1024 * 1024,
	    .yaml_depth = 32,
	    .yaml_aliases = 100,
	    .articles = 200,
	    .markdown_depth = 16,
	};
	return ctx;
}

struct folio_ctx_hook {
	struct folio_ctx_hook *next;
	void (*fn)(void *);
	void *arg;
};

void folio_ctx_on_drop(folio_ctx *ctx, void (*fn)(void *), void *arg)
{
	struct folio_ctx_hook *h = folio_arena_alloc(ctx->arena, sizeof *h);
	*h = (struct folio_ctx_hook){ctx->hooks, fn, arg};
	ctx->hooks = h;
}

void folio_ctx_drop(folio_ctx *ctx)
{
	if (!ctx)
		return;
	/* the hooks live in the arena, so they run before it goes */
	for (struct folio_ctx_hook *h = ctx->hooks; h; h = h->next)
		h->fn(h->arg);
	for (size_t i = 0; i < ctx->ndiags; i++)
		free(ctx->diags[i].text);
	free(ctx->diags);
	free(ctx->report);
	free(ctx->dump);
	folio_arena_drop(ctx->arena);
	free(ctx);
}

void folio_loc_format(folio_loc loc, char *out, size_t size)
{
	if (loc.file && loc.line > 0 && loc.col > 0)
		snprintf(out, size, "%s:%d:%d: ", loc.file, loc.line, loc.col);
	else if (loc.file && loc.line > 0)
		snprintf(out, size, "%s:%d: ", loc.file, loc.line);
	else if (loc.file)
		snprintf(out, size, "%s: ", loc.file);
	else if (size)
		out[0] = '\0';
}

/* Records the line (malloc'd, ctx's from here); false when it is a warning
 * said already (the layout runs its passes again, and a warning found in
 * each is one warning). */
static bool folio_diag_put(folio_ctx *ctx, folio_diag_kind kind, char *text)
{
	for (size_t i = 0; kind == FOLIO_DIAG_WARNING && i < ctx->ndiags; i++)
		if (ctx->diags[i].kind == kind && !strcmp(ctx->diags[i].text, text)) {
			free(text);
			return false;
		}
	if (ctx->ndiags == ctx->capdiags) {
		ctx->capdiags = ctx->capdiags ? ctx->capdiags * 2 : 16;
		ctx->diags = folio_xrealloc(ctx->diags, ctx->capdiags * sizeof *ctx->diags);
	}
	ctx->diags[ctx->ndiags++] = (folio_diag){kind, text};
	return true;
}

static bool folio_diag_add(folio_ctx *ctx, folio_diag_kind kind, folio_loc loc, const char *fmt,
                           va_list ap)
{
	char msg[2048];
	vsnprintf(msg, sizeof msg, fmt, ap);
	char place[1200];
	folio_loc_format(loc, place, sizeof place);
	const char *word = kind == FOLIO_DIAG_ERROR ? "error" : "warning";
	size_t n = strlen(place) + strlen(word) + strlen(msg) + 4;
	char *text = folio_xmalloc(n);
	snprintf(text, n, "%s%s: %s", place, word, msg);
	return folio_diag_put(ctx, kind, text);
}

static void folio_status_merge(folio_ctx *ctx, folio_status status)
{
	/* Input errors outrank overset and "other": the exit code names the
	 * first thing the user has to fix. */
	if (ctx->status == FOLIO_OK || status == FOLIO_ERR_INPUT)
		ctx->status = status;
}

void folio_ctx_adopt(folio_ctx *ctx, folio_ctx *part)
{
	for (size_t i = 0; i < part->ndiags; i++) {
		folio_diag d = part->diags[i];
		if (folio_diag_put(ctx, d.kind, d.text) && d.kind == FOLIO_DIAG_WARNING)
			ctx->nwarnings++;
	}
	part->ndiags = 0;
	ctx->nerrors += part->nerrors;
	if (part->status != FOLIO_OK)
		folio_status_merge(ctx, part->status);
}

bool folio_verror(folio_ctx *ctx, folio_status status, folio_loc loc, const char *fmt, va_list ap)
{
	folio_diag_add(ctx, FOLIO_DIAG_ERROR, loc, fmt, ap);
	ctx->nerrors++;
	folio_status_merge(ctx, status);
	return false;
}

bool folio_error(folio_ctx *ctx, folio_status status, folio_loc loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	folio_verror(ctx, status, loc, fmt, ap);
	va_end(ap);
	return false;
}

void folio_warn(folio_ctx *ctx, folio_loc loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (folio_diag_add(ctx, FOLIO_DIAG_WARNING, loc, fmt, ap))
		ctx->nwarnings++;
	va_end(ap);
}

bool folio_failed(const folio_ctx *ctx)
{
	return ctx->nerrors > 0;
}

char *folio_read_file(folio_ctx *ctx, const char *path, folio_loc loc, uint64_t max_bytes,
                      size_t *len)
{
	if (!loc.file)
		loc = (folio_loc){path, 0, 0};
	FILE *f = fopen(path, "rb");
	if (!f) {
		folio_error(ctx, FOLIO_ERR_INPUT, loc, "cannot open '%s': %s", path,
		            strerror(errno));
		return NULL;
	}
	/* Refuse a file too big before reading it (the loop below still counts,
	 * for pipes and files that grow). */
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
	    (uint64_t)st.st_size > max_bytes) {
		fclose(f);
		folio_error(ctx, FOLIO_ERR_INPUT, loc, "'%s' is larger than the limit of %llu bytes",
		            path, (unsigned long long)max_bytes);
		return NULL;
	}
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		folio_error(ctx, FOLIO_ERR_INPUT, loc, "cannot open '%s': it is a folder", path);
		return NULL;
	}
	size_t cap = 65536, n = 0;
	char *buf = folio_xmalloc(cap + 1);
	for (;;) {
		if (n == cap) {
			cap *= 2;
			buf = folio_xrealloc(buf, cap + 1);
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (n > max_bytes) {
			fclose(f);
			free(buf);
			folio_error(ctx, FOLIO_ERR_INPUT, loc,
			            "'%s' is larger than the limit of %llu bytes", path,
			            (unsigned long long)max_bytes);
			return NULL;
		}
		if (got == 0)
			break;
	}
	bool bad = ferror(f);
	fclose(f);
	if (bad) {
		free(buf);
		folio_error(ctx, FOLIO_ERR_INPUT, loc, "cannot read '%s'", path);
		return NULL;
	}
	char *out = folio_arena_strndup(ctx->arena, buf, n);
	free(buf);
	if (len)
		*len = n;
	return out;
}

bool folio_write_fd(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len > 0) {
		ssize_t w = write(fd, p, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		p += w;
		len -= (size_t)w;
	}
	return true;
}
