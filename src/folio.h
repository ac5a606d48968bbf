/* folio.h: the public API. One call builds an issue into PDF bytes; the
 * command line (src/cli/main.c), the tests and the benchmarks all use it. */
#ifndef FOLIO_H
#define FOLIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct folio_ctx folio_ctx;
/* What builds made one after another may share (folio watch): the fonts,
 * with the words shaped in them, the hyphenation patterns, with the words
 * hyphenated, and the screen edition's pictures at the size drawn. A font
 * whose file changed is read again, a picture kept by its bytes, so a
 * build with a keep makes the same bytes as one without. One build at a
 * time. */
typedef struct folio_keep folio_keep;

typedef struct folio_build_options {
	const char *issue_path;  /* issue.yaml */
	const char *layout;      /* --layout NAME|FILE, or NULL: the issue's own */
	const char *dump_layout; /* --dump-layout FILE.json, or NULL */
	int target;              /* 0 print, 1 screen */
	bool draft;              /* write the PDF despite overset, marked */
	bool guides;             /* draw the layout's margins, columns and baseline grid */
	bool report;             /* print the quality/preflight report */
	bool allow_outside;      /* paths may leave the issue folder */
	/* pictures and fonts read into memory, not mapped: slower by about
	 * 1 ms, but a file rewritten in place during the build cannot end the
	 * process with SIGBUS (folio watch, which must outlive every build) */
	bool read_inputs;
	folio_keep *keep; /* NULL: the build starts from nothing */
	/* a digest of each page the PDF shows (folio_page_digests), so that
	 * folio watch can say which pages a rebuild changed */
	bool page_digests;
} folio_build_options;

folio_ctx *folio_ctx_new(void);
void folio_ctx_drop(folio_ctx *ctx);
folio_keep *folio_keep_new(void);
void folio_keep_drop(folio_keep *keep);

/* Build the issue. Returns the exit status of FORMAT.md (0, 1, 2, 3); on 0
 * (or 3 with draft) *pdf holds the document, *len bytes, which the caller
 * releases with folio_pdf_free (a memory mapping, not malloc'd).
 * Diagnostics are kept in ctx, in the order found. */
int folio_build(folio_ctx *ctx, const folio_build_options *opts,
                unsigned char **pdf, size_t *len);
void folio_pdf_free(unsigned char *pdf, size_t len);
/* The same, writing the PDF into fd: an empty regular file open for reading
 * and writing, which the caller renames into place on 0 (or 3 with draft)
 * and discards otherwise (its content is then unspecified). Writing the
 * file once, there, costs less than handing out bytes to be written. */
int folio_build_fd(folio_ctx *ctx, const folio_build_options *opts, int fd);

size_t folio_diag_count(const folio_ctx *ctx);
const char *folio_diag_text(const folio_ctx *ctx, size_t i);

/* The report of the last build (--report), or NULL. Owned by ctx. */
const char *folio_report(const folio_ctx *ctx);
/* The layout dump of the last build (when dump_layout was set), or NULL. */
const char *folio_dump(const folio_ctx *ctx);
/* The pages' digests of the last build that wrote a PDF with page_digests
 * set, *n of them (NULL and 0 otherwise): two pages with the same digest
 * show the same (their content streams and pictures are the same bytes). */
const uint64_t *folio_page_digests(const folio_ctx *ctx, size_t *n);

#ifdef __cplusplus
}
#endif
#endif
