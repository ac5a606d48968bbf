/* write.c: folio_pdf_write: the document around the pages: libharu's set-up
 * and its errors, the sheet and page boxes of each target, document
 * information, bookmarks, and the bytes (PDF/X specifics: pdfx.c).
 * Nothing reads a clock, so the same display list gives the same file. */
#include "writer.h"

#include <errno.h>
#include <libdeflate.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static void on_error(HPDF_STATUS code, HPDF_STATUS detail, void *data)
{
	folio_pdf_writer *w = data;
	if (w->failed)
		return;
	w->failed = true;
	folio_error(w->ctx, FOLIO_ERR_OTHER, w->where,
	            "cannot write the PDF (%s): libharu error 0x%04lX, detail %lu",
	            w->doing, (unsigned long)code, (unsigned long)detail);
}

bool folio_pdf_ok(folio_pdf_writer *w, HPDF_STATUS st)
{
	if (st == HPDF_OK && !w->failed)
		return true;
	/* Some libharu checks return a status without calling the handler. */
	if (!w->failed) {
		w->failed = true;
		folio_error(w->ctx, FOLIO_ERR_OTHER, w->where,
		            "cannot write the PDF (%s): libharu returned 0x%04lX",
		            w->doing, (unsigned long)st);
	}
	return false;
}

bool folio_pdf_got(folio_pdf_writer *w, const void *handle)
{
	if (handle && !w->failed)
		return true;
	HPDF_STATUS st = HPDF_GetError(w->pdf);
	return folio_pdf_ok(w, st != HPDF_OK ? st : HPDF_INVALID_OBJECT);
}

/* Print: the sheet is the trim, its bleed, and room for the crop marks
 * beyond; screen: the trim alone. Everything else (boxes, drawing, marks)
 * is derived from these numbers through folio_pdf_map. */
static folio_pdf_geom geometry(const folio_display *dl, folio_target target)
{
	double bleed = dl->bleed > 0 ? dl->bleed : 0;
	double room = target == FOLIO_TARGET_PRINT ? bleed + FOLIO_PDF_MARK_ROOM : 0;
	return (folio_pdf_geom){
	    .media_w = dl->page_width + 2 * room,
	    .media_h = dl->page_height + 2 * room,
	    .trim_x = room,
	    .trim_y = room,
	    .trim_w = dl->page_width,
	    .trim_h = dl->page_height,
	    .bleed = target == FOLIO_TARGET_PRINT ? bleed : 0,
	    .marks = target == FOLIO_TARGET_PRINT,
	};
}

static double clamp(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static bool add_box(folio_pdf_writer *w, HPDF_Page page, const char *name,
                    double left, double bottom, double right, double top)
{
	HPDF_Box box = {(HPDF_REAL)left, (HPDF_REAL)bottom, (HPDF_REAL)right,
	                (HPDF_REAL)top};
	HPDF_Array array = HPDF_Box_Array_New(page->mmgr, box);
	return folio_pdf_got(w, array) && folio_pdf_ok(w, HPDF_Dict_Add(page, name, array));
}

/* All pages exist before any is drawn, so a link may point forward. */
static bool add_pages(folio_pdf_writer *w)
{
	const folio_pdf_geom *g = &w->geom;
	int n = w->dl->npages;
	w->pages = folio_arena_alloc(w->ctx->arena, (size_t)n * sizeof *w->pages);
	w->dests = folio_arena_alloc(w->ctx->arena, (size_t)n * sizeof *w->dests);
	/* The BleedBox may not leave the MediaBox (PDF 32000-1, 14.11.2). */
	double bl = clamp(g->trim_x - g->bleed, 0, g->media_w);
	double bb = clamp(g->trim_y - g->bleed, 0, g->media_h);
	double br = clamp(g->trim_x + g->trim_w + g->bleed, 0, g->media_w);
	double bt = clamp(g->trim_y + g->trim_h + g->bleed, 0, g->media_h);
	w->doing = "adding a page";
	for (int i = 0; i < n; i++) {
		HPDF_Page page = HPDF_AddPage(w->pdf);
		if (!folio_pdf_got(w, page))
			return false;
		FOLIO_PDF_TRY(w, HPDF_Page_SetWidth(page, (HPDF_REAL)g->media_w));
		FOLIO_PDF_TRY(w, HPDF_Page_SetHeight(page, (HPDF_REAL)g->media_h));
		if (g->marks &&
		    (!add_box(w, page, "TrimBox", g->trim_x, g->trim_y, g->trim_x + g->trim_w,
		              g->trim_y + g->trim_h) ||
		     !add_box(w, page, "BleedBox", bl, bb, br, bt)))
			return false;
		w->pages[i] = page;
	}
	return true;
}

/* One destination object per page, shared by every link and bookmark to it.
 * libharu's default view is /Fit: the whole page. */
HPDF_Destination folio_pdf_dest(folio_pdf_writer *w, int page)
{
	if (!w->dests[page]) {
		HPDF_Destination dest = HPDF_Page_CreateDestination(w->pages[page]);
		if (!folio_pdf_got(w, dest))
			return NULL;
		w->dests[page] = dest;
	}
	return w->dests[page];
}

/* Bookmarks: one per article, flat, in reading order (screen edition). */
static bool add_outline(folio_pdf_writer *w)
{
	const folio_display *dl = w->dl;
	bool any = false;
	w->doing = "adding a bookmark";
	for (size_t i = 0; i < dl->noutline; i++) {
		int page = dl->outline_pages[i];
		if (!dl->outline_titles[i] || page < 0 || page >= dl->npages)
			continue;
		HPDF_Outline outline = HPDF_CreateOutline(w->pdf, NULL, "", NULL);
		if (!folio_pdf_got(w, outline))
			return false;
		/* replaced in place: the key keeps its place in the dictionary */
		FOLIO_PDF_TRY(w, HPDF_Dict_Add(outline, "Title",
		                               folio_pdf_utf16(w, dl->outline_titles[i])));
		HPDF_Destination dest = folio_pdf_dest(w, page);
		if (!dest)
			return false;
		FOLIO_PDF_TRY(w, HPDF_Outline_SetDestination(outline, dest));
		any = true;
	}
	if (any)
		FOLIO_PDF_TRY(w, HPDF_SetPageMode(w->pdf, HPDF_PAGE_MODE_USE_OUTLINE));
	return true;
}

/* Strings go out as UTF-16BE (folio_pdf_utf16). The dates
 * are the date at midnight UTC: no clock, so builds are repeatable.
 * PDF/X needs a title and both dates: an issue without them gets "folio"
 * and 2000-01-01. */
static bool set_info(folio_pdf_writer *w)
{
	const folio_display *dl = w->dl;
	const struct {
		const char *key, *value;
	} attrs[] = {
	    {"Title", dl->title && dl->title[0] ? dl->title : "folio"},
	    {"Subject", dl->subject},
	    {"Author", dl->author},
	    {"Keywords", dl->keywords},
	    {"Creator", "folio"},
	};
	w->doing = "setting the document information";
	HPDF_Dict info = w->pdf->info; /* made with the document, /Producer in it */
	if (!folio_pdf_got(w, info))
		return false;
	for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++)
		if (attrs[i].value && attrs[i].value[0])
			FOLIO_PDF_TRY(w, HPDF_Dict_Add(info, attrs[i].key,
			                               folio_pdf_utf16(w, attrs[i].value)));
	/* the screen edition says it again in XMP (xmp.c), Info's /Producer
	 * (libharu's own) included */
	HPDF_String producer = HPDF_Dict_GetItem(info, "Producer", HPDF_OCLASS_STRING);
	if (w->target == FOLIO_TARGET_SCREEN &&
	    !folio_pdf_xmp(w, attrs[0].value, producer ? (const char *)producer->value : NULL))
		return false;
	if (dl->year > 0 || w->target == FOLIO_TARGET_PRINT) {
		HPDF_Date date = {dl->year, dl->month, dl->day, 0, 0, 0, 'Z', 0, 0};
		if (dl->year <= 0)
			date = (HPDF_Date){2000, 1, 1, 0, 0, 0, 'Z', 0, 0};
		FOLIO_PDF_TRY(w, HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_CREATION_DATE, date));
		FOLIO_PDF_TRY(w, HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_MOD_DATE, date));
	}
	return true;
}

static bool write_doc(folio_pdf_writer *w)
{
	w->doing = "setting up the document";
	FOLIO_PDF_TRY(w, HPDF_SetCompressionMode(w->pdf, HPDF_COMP_ALL));
	if (!add_pages(w))
		return false;
	folio_pdf_pack_pictures(w);
	for (int i = 0; i < w->dl->npages; i++)
		if (!folio_pdf_draw_page(w, i))
			return false;
	if (!folio_pdf_fonts_finish(w))
		return false;
	if (w->target == FOLIO_TARGET_SCREEN && (!add_outline(w) || !folio_pdf_tags_finish(w)))
		return false;
	if (!set_info(w) || (w->target == FOLIO_TARGET_PRINT && !folio_pdf_pdfx(w)))
		return false;
	return folio_pdf_id_reserve(w);
}

/* libharu's bytes go into fd through a callback stream set as the
 * document's own (HPDF_SaveToStream writes into pdf->stream when one is
 * set, and leaves a stream that is not a memory stream alone): no path is
 * opened, so nothing truncates the file, which on ext4 would make the
 * close start writing it out (auto_da_alloc). Pieces are gathered into
 * 64 KiB writes; a large one goes straight through. Every byte written is
 * digested for the /ID on its way, and the file's last bytes are kept to
 * find the placeholder in: the file is never read back. */
typedef struct {
	int fd;
	int err;
	size_t n;
	folio_lanes_state id;
	size_t ntail;
	unsigned char tail[FOLIO_PDF_ID_TAIL];
	unsigned char buf[64 * 1024];
} fd_sink;

static bool sink_put(fd_sink *k, const unsigned char *p, size_t n)
{
	if (!folio_write_fd(k->fd, p, n)) {
		k->err = errno;
		return false;
	}
	folio_lanes_add(&k->id, p, n);
	size_t keep = n < sizeof k->tail ? n : sizeof k->tail;
	size_t old = k->ntail + keep > sizeof k->tail ? sizeof k->tail - keep : k->ntail;
	memmove(k->tail, k->tail + k->ntail - old, old);
	memcpy(k->tail + old, p + n - keep, keep);
	k->ntail = old + keep;
	return true;
}

static bool sink_flush(fd_sink *k)
{
	bool ok = k->err == 0 && sink_put(k, k->buf, k->n);
	k->n = 0;
	return ok;
}

static HPDF_STATUS sink_write(HPDF_Stream stream, const HPDF_BYTE *ptr, HPDF_UINT size)
{
	fd_sink *k = stream->attr;
	if (k->err)
		return HPDF_FILE_IO_ERROR;
	if (k->n + size > sizeof k->buf) {
		if (!sink_flush(k))
			return HPDF_FILE_IO_ERROR;
		if (size >= sizeof k->buf)
			return sink_put(k, ptr, size) ? HPDF_OK : HPDF_FILE_IO_ERROR;
	}
	memcpy(k->buf + k->n, ptr, size);
	k->n += size;
	return HPDF_OK;
}

/* Where the /ID goes in the file just saved, and what. */
typedef struct {
	size_t size;
	size_t at[2]; /* file offsets of the two placeholders */
	char hex[32];
} saved_file;

/* The document is written into fd; false when it could not be (a libharu
 * error is recorded). *out is left zero when the file has no placeholder
 * where it should be: nothing is patched then. */
static bool save_into(folio_pdf_writer *w, int fd, saved_file *out)
{
	memset(out, 0, sizeof *out);
	fd_sink *k = folio_xmalloc(sizeof *k);
	k->fd = fd;
	k->err = 0;
	k->n = 0;
	k->ntail = 0;
	folio_lanes_start(&k->id);
	HPDF_Stream sink = HPDF_CallbackWriter_New(w->pdf->mmgr, sink_write, k);
	if (!folio_pdf_got(w, sink)) {
		free(k);
		return false;
	}
	w->pdf->stream = sink;
	HPDF_STATUS st = HPDF_SaveToStream(w->pdf);
	if (st == HPDF_OK)
		sink_flush(k);
	int err = k->err;
	/* taken back, so that a second save (the memory stream, when the memfd
	 * fails) cannot write through it */
	w->pdf->stream = NULL;
	HPDF_Stream_Free(sink);
	size_t at[2];
	if (!err && st == HPDF_OK && folio_pdf_id_find(k->tail, k->ntail, at) == 2) {
		out->size = (size_t)k->id.total;
		for (int i = 0; i < 2; i++)
			out->at[i] = out->size - k->ntail + at[i];
		folio_pdf_id_hex(&k->id, out->hex);
	}
	free(k);
	/* A failed write stops libharu without its error handler, and
	 * HPDF_SaveToStream then returns the document's error: none. */
	if (err && !w->failed) {
		w->failed = true;
		folio_error(w->ctx, FOLIO_ERR_OTHER, FOLIO_NOWHERE, "cannot write the PDF: %s",
		            strerror(err));
	}
	return !err && folio_pdf_ok(w, st);
}

/* The file is made in an anonymous memory file (memfd) and handed out as
 * a private mapping of it (the /ID is patched in this copy): libharu's
 * memory stream would hold a second copy of the whole file, and reading
 * the file back would copy it into as many fresh pages again. Where memfd
 * is missing, the memory stream it is, copied into an anonymous mapping so
 * that folio_pdf_free releases either. */
static unsigned char *save_via_memfd(folio_pdf_writer *w, size_t *size)
{
	int fd = memfd_create("folio-pdf", MFD_CLOEXEC);
	if (fd < 0)
		return NULL;
	saved_file f;
	unsigned char *buf = NULL;
	off_t end = save_into(w, fd, &f) ? lseek(fd, 0, SEEK_END) : 0;
	if (end > 0) {
		void *map = mmap(NULL, (size_t)end, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
		if (map != MAP_FAILED) {
			buf = map;
			*size = (size_t)end;
			for (int i = 0; i < 2 && f.size == (size_t)end; i++)
				memcpy(buf + f.at[i], f.hex, sizeof f.hex);
		}
	}
	close(fd);
	return buf;
}

void folio_pdf_free(unsigned char *pdf, size_t len)
{
	if (pdf && len)
		munmap(pdf, len);
}

/* Into the caller's file: the /ID goes in with two small writes at its
 * place. */
static bool save_to_fd(folio_pdf_writer *w, int fd)
{
	w->doing = "saving the document";
	saved_file f;
	if (!save_into(w, fd, &f))
		return false;
	for (int i = 0; i < 2 && f.size; i++)
		if (pwrite(fd, f.hex, sizeof f.hex, (off_t)f.at[i]) != (ssize_t)sizeof f.hex) {
			folio_error(w->ctx, FOLIO_ERR_OTHER, FOLIO_NOWHERE,
			            "cannot write the PDF: %s", strerror(errno));
			w->failed = true;
			return false;
		}
	return true;
}

static bool save(folio_pdf_writer *w, unsigned char **out, size_t *len)
{
	w->doing = "saving the document";
	size_t size = 0;
	unsigned char *buf = save_via_memfd(w, &size);
	if (w->failed) {
		folio_pdf_free(buf, size);
		return false;
	}
	if (!buf) {
		FOLIO_PDF_TRY(w, HPDF_SaveToStream(w->pdf));
		size = HPDF_GetStreamSize(w->pdf);
		if (size == 0)
			return folio_pdf_ok(w, HPDF_INVALID_STREAM);
		void *map = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (map == MAP_FAILED)
			return folio_pdf_ok(w, HPDF_FAILD_TO_ALLOC_MEM);
		buf = map;
		HPDF_UINT32 n = (HPDF_UINT32)size;
		if (!folio_pdf_ok(w, HPDF_ReadFromStream(w->pdf, buf, &n)) ||
		    (n != size && !folio_pdf_ok(w, HPDF_STREAM_EOF))) {
			folio_pdf_free(buf, size);
			return false;
		}
		folio_pdf_id_patch(buf, size);
	}
	*out = buf;
	*len = size;
	return true;
}

/* libharu frees only the top graphics state of a page (HPDF_Page_OnFree):
 * when an error stops drawing inside a GSave, the states under it would
 * leak. Pop them through libharu's own structures (hpdf_doc.h, hpdf_pages.h),
 * as HPDF_Page_GRestore refuses in the middle of a text or path object. */
static void drop_saved_gstates(HPDF_Doc pdf)
{
	for (HPDF_UINT i = 0; pdf->page_list && i < pdf->page_list->count; i++) {
		HPDF_Page page = HPDF_List_ItemAt(pdf->page_list, i);
		HPDF_PageAttr attr = page ? (HPDF_PageAttr)page->attr : NULL;
		while (attr && attr->gstate && attr->gstate->prev) {
			HPDF_GState prev = attr->gstate->prev;
			HPDF_GState_Free(page->mmgr, attr->gstate);
			attr->gstate = prev;
		}
	}
}

bool folio_pdf_write(folio_ctx *ctx, const folio_display *dl,
                     const folio_pdf_options *opts, unsigned char **out,
                     size_t *len)
{
	*out = NULL;
	*len = 0;
	if (dl->npages < 1)
		return folio_error(ctx, FOLIO_ERR_OTHER, FOLIO_NOWHERE,
		                   "cannot write the PDF: the layout made no pages");
	folio_pdf_writer w = {
	    .ctx = ctx,
	    .dl = dl,
	    .target = opts ? opts->target : FOLIO_TARGET_PRINT,
	    .geom = geometry(dl, opts ? opts->target : FOLIO_TARGET_PRINT),
	    .page_digests = opts ? opts->page_digests : NULL,
	    .kept_packs = opts ? opts->kept_packs : NULL,
	    .doing = "starting the document",
	};
	/* libharu's limits on a page side (HPDF_MIN_PAGESIZE, HPDF_MAX_PAGESIZE). */
	if (!(w.geom.media_w >= 3 && w.geom.media_w <= 14400 && w.geom.media_h >= 3 &&
	      w.geom.media_h <= 14400))
		return folio_error(ctx, FOLIO_ERR_OTHER, FOLIO_NOWHERE,
		                   "cannot write the PDF: a %g x %g pt page is outside "
		                   "3..14400 pt",
		                   w.geom.media_w, w.geom.media_h);
	w.pdf = HPDF_New(on_error, &w);
	if (!w.pdf) {
		if (!w.failed)
			folio_error(ctx, FOLIO_ERR_OTHER, FOLIO_NOWHERE,
			            "cannot write the PDF: libharu could not start");
		return false;
	}
	bool ok = write_doc(&w) &&
	          (opts && opts->to_fd ? save_to_fd(&w, opts->fd) : save(&w, out, len));
	drop_saved_gstates(w.pdf);
	HPDF_Free(w.pdf);
	folio_pdf_buf_free(&w.content);
	folio_pdf_buf_free(&w.scratch);
	folio_pdf_buf_free(&w.packed);
	libdeflate_free_compressor(w.deflater);
	libdeflate_free_compressor(w.picture_deflater);
	folio_pdf_packs_free(&w);
	return ok;
}
