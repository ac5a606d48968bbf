/* pack.c: the pictures made smaller after the layout (folio_picture_fit)
 * compressed for the PDF before the pages are drawn, two at a time: a
 * photograph as a JPEG, a map or diagram by libdeflate, each into bytes of
 * its own, which the writer then puts in as they are. Compressing them was
 * the last of the screen edition's picture work done on one thread (a
 * tenth of its time), and for print, where a photograph finer than 450 ppi
 * is made 300 ppi and encoded at quality 95, the most of it. Each picture
 * is compressed as the writer would (the same level, the same encoder), so
 * the bytes are the same whichever thread did it. A picture with a soft
 * mask or flattened alpha is left to the writer. */
#include "writer.h"

#include <libdeflate.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

typedef struct {
	folio_pdf_packed *packs;
	size_t n;
	bool print;
	atomic_size_t next;
} pack_queue;

static void pack_one(folio_pdf_packed *p, bool print, struct libdeflate_compressor **deflater)
{
	const folio_picture *pic = p->picture;
	uint32_t w = pic->pixels_width, h = pic->pixels_height;
	if (p->jpeg) {
		if (!folio_pdf_jpeg_encode(pic->pixels, w, h, pic->channels, print, &p->data, &p->len))
			p->data = NULL;
		return;
	}
	if (!*deflater && !(*deflater = libdeflate_alloc_compressor(FOLIO_PDF_PICTURE_LEVEL)))
		return;
	size_t n = (size_t)w * h * (size_t)pic->channels;
	size_t bound = libdeflate_zlib_compress_bound(*deflater, n);
	p->data = malloc(bound);
	if (p->data)
		p->len = libdeflate_zlib_compress(*deflater, pic->pixels, n, p->data, bound);
	if (p->data && p->len == 0) {
		free(p->data);
		p->data = NULL;
	}
}

static void *pack_worker(void *arg)
{
	pack_queue *q = arg;
	struct libdeflate_compressor *deflater = NULL;
	for (size_t i; (i = atomic_fetch_add(&q->next, 1)) < q->n;)
		pack_one(&q->packs[i], q->print, &deflater);
	libdeflate_free_compressor(deflater);
	return NULL;
}

void folio_pdf_pack_pictures(folio_pdf_writer *w)
{
	const folio_display *dl = w->dl;
	size_t n = 0, cap = 0;
	folio_pdf_packed *packs = NULL;
	for (int p = 0; p < dl->npages; p++)
		for (size_t i = 0; i < dl->pages[p].nitems; i++) {
			const folio_dl_item *it = &dl->pages[p].items[i];
			const folio_picture *pic = it->picture;
			/* made smaller, opaque, gray or RGB: what the writer would
			 * compress from pixels as they are */
			if (it->kind != FOLIO_DL_IMAGE || !pic || !pic->pixels || !pic->pixels_width ||
			    pic->alpha || (pic->channels != 1 && pic->channels != 3))
				continue;
			bool seen = false;
			for (size_t k = 0; k < n && !seen; k++)
				seen = packs[k].picture == pic;
			if (seen)
				continue;
			if (n == cap) {
				cap = cap ? 2 * cap : 8;
				packs = folio_xrealloc(packs, cap * sizeof *packs);
			}
			packs[n++] = (folio_pdf_packed){.picture = pic, .jpeg = pic->jpeg != NULL};
		}
	w->packs = packs;
	w->npacks = n;
	pack_queue q = {packs, n, w->target == FOLIO_TARGET_PRINT, 0};
	pthread_t other;
	bool two = n > 1 && pthread_create(&other, NULL, pack_worker, &q) == 0;
	pack_worker(&q);
	if (two)
		pthread_join(other, NULL);
}

const folio_pdf_packed *folio_pdf_packed_for(const folio_pdf_writer *w, const folio_picture *pic)
{
	for (size_t i = 0; i < w->npacks; i++)
		if (w->packs[i].picture == pic)
			return w->packs[i].data ? &w->packs[i] : NULL;
	return NULL;
}

void folio_pdf_packs_free(folio_pdf_writer *w)
{
	for (size_t i = 0; i < w->npacks; i++)
		free(w->packs[i].data);
	free(w->packs);
	w->packs = NULL;
	w->npacks = 0;
}
