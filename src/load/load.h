/* load.h: private to the load stage: what issue.c, markdown.c, paths.c and
 * picture.c share. Nothing outside src/load includes it. */
#ifndef FOLIO_LOAD_H
#define FOLIO_LOAD_H

#include "../doc/doc.h"

/* Pictures already loaded in this build, by the path opened: a picture
 * named by several articles is decoded (and kept in memory) once. */
typedef struct {
	const char **paths;
	folio_picture **pictures;
	size_t n, cap;
} folio_picture_cache;

/* Where the user's paths are resolved from, and whether they may leave it. */
typedef struct {
	const char *dir; /* folder of issue.yaml */
	bool allow_outside;
	folio_picture_cache *pictures;
	bool keep_png_data_only; /* folio_load_options.keep_png_data_only */
} folio_load_env;

/* Like folio_picture_load; with `data_only`, a PNG whose data can pass into
 * the PDF unchanged is checked as pdfTeX checks it (chunk order, lengths and
 * CRCs, the zlib header) instead of decoded; the compressed data the CRCs
 * protect is not inflated. */
folio_picture *folio_picture_load_as(folio_ctx *ctx, const char *fs_path,
                                     const char *shown_path, folio_loc loc, bool data_only);

/* crop.c: a crop spec, "W:H" and a focus word after a comma or spaces
 * ("16:9", "1:1, top"), into fig->crop and fig->focus; false after an
 * error at `loc` naming `what` (the key or fragment it came from). */
bool folio_load_crop(folio_ctx *ctx, const char *spec, const char *what, folio_loc loc,
                     folio_figure *fig);

/* picture.c: true when a picture of that many pixels is within the limit
 * (limits.picture_pixels), else false after saying so at `here`. */
bool folio_picture_fits(folio_ctx *ctx, folio_loc here, uint32_t width, uint32_t height);

/* picture.c: a PNG kept without pixels (png_file) decoded into buf,
 * width x height x channels bytes; false after recording the error. */
bool folio_png_pixels(folio_ctx *ctx, const folio_picture *pic, unsigned char *buf);

/* icc.c: a picture's own ICC profile, of a picture of `components`, kept
 * in pic->icc (a copy in the arena) when the print edition can carry it,
 * else said in a warning at `here`. */
void folio_picture_icc(folio_ctx *ctx, folio_loc here, folio_picture *pic,
                       const unsigned char *icc, size_t len, int components);

/* jpeg.c: a JPEG file's bytes (data, len: the whole file, which must
 * outlive the picture) -> folio_picture, not decoded. */
folio_picture *folio_jpeg_load(folio_ctx *ctx, const char *shown, const unsigned char *data,
                               size_t len);

/* folio_picture_load through env's cache. */
folio_picture *folio_load_picture(folio_ctx *ctx, const folio_load_env *env,
                                  const char *fs_path, const char *shown, folio_loc loc);

/* Resolve `written` (a path from issue.yaml or a Markdown file) against
 * env->dir. Returns the path to open (arena), or NULL after recording an
 * error at `loc` for an empty path or one that leaves the folder. */
const char *folio_load_resolve(folio_ctx *ctx, const folio_load_env *env,
                               const char *written, folio_loc loc);

/* Read a whole file into the arena (NUL-terminated), naming it `shown` in
 * messages recorded at `loc`. Files larger than max_bytes are refused before
 * they are read. */
char *folio_load_read(folio_ctx *ctx, const char *fs_path, const char *shown,
                      folio_loc loc, uint64_t max_bytes, size_t *len);

/* Where Markdown text comes from, to name places in messages. A body file
 * maps one to one (offsets 0); inline `text: |` maps its lines into
 * issue.yaml; other scalar styles fold lines, so every place is `at`. */
typedef struct {
	const char *file;  /* name used in messages */
	bool exact;        /* lines and columns can be mapped */
	int line_offset;   /* added to cmark's line */
	int col_offset;    /* added to cmark's column */
	folio_loc at;      /* used when !exact */
} folio_md_source;

/* Parse Markdown `text` into art->blocks. Pictures of figures are resolved
 * through env. Returns false when an error was recorded (warnings do not
 * count). The text must already be checked for UTF-8 and NUL bytes. */
bool folio_markdown_load(folio_ctx *ctx, const folio_load_env *env,
                         const folio_md_source *src, const char *text,
                         size_t len, folio_article *art);

/* Check the bytes of a Markdown file: size is the caller's business; this
 * reports "invalid UTF-8 at byte N" / "NUL byte at byte N" at `file`. */
bool folio_markdown_check_bytes(folio_ctx *ctx, const char *file,
                                const char *text, size_t len);

#endif
