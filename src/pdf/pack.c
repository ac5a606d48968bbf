/* pack.c: the pictures made smaller after the layout (folio_picture_fit)
 * compressed for the PDF before the pages are drawn, two at a time: a
 * photograph as a JPEG, a map or diagram by libdeflate, each into bytes of
 * its own, which the writer then puts in as they are. Compressing them was
 * the last of the screen edition's picture work done on one thread (a
 * tenth of its time), and for print, where a photograph finer than 450 ppi
 * is made 300 ppi and encoded at quality 95, the most of it. Each picture
 * is compressed as the writer would (the same level, the same encoder), so
 * the bytes are the same whichever thread did it. A picture with a soft
 * mask or flattened alpha is left to the writer. With kept packs (folio
 * watch), a picture compressed by an earlier build from the same pixels
 * the same way is taken from there. */
#include "writer.h"

#include <libdeflate.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	folio_pdf_packed *packs;
	bool print;
	struct libdeflate_compressor *deflater[2]; /* a thread's own, on first use */
} pack_work;

/* A picture's compressed bytes kept from build to build, by what they were
 * made from: the pixels' digest and size, and how. */
typedef struct {
	uint64_t lanes[4];
	uint32_t w, h;
	int channels;
	bool jpeg, print, used;
	unsigned char *data;
	size_t len;
} kept_pack;

struct folio_pdf_packs {
	kept_pack *items;
	size_t n, cap;
};

folio_pdf_packs *folio_pdf_packs_new(void)
{
	return folio_xcalloc(1, sizeof(folio_pdf_packs));
}

void folio_pdf_packs_drop(folio_pdf_packs *kept)
{
	if (!kept)
		return;
	for (size_t i = 0; i < kept->n; i++)
		free(kept->items[i].data);
	free(kept->items);
	free(kept);
}

static kept_pack pack_key(const folio_pdf_packed *p, bool print)
{
	const folio_picture *pic = p->picture;
	kept_pack k = {.w = pic->pixels_width, .h = pic->pixels_height, .channels = pic->channels,
	               .jpeg = p->jpeg, .print = print && p->jpeg};
	folio_lanes(pic->pixels, (size_t)k.w * k.h * (size_t)k.channels, k.lanes);
	return k;
}

static kept_pack *pack_find(folio_pdf_packs *kept, const kept_pack *k)
{
	for (size_t i = 0; i < kept->n; i++) {
		kept_pack *e = &kept->items[i];
		if (e->w == k->w && e->h == k->h && e->channels == k->channels &&
		    e->jpeg == k->jpeg && e->print == k->print &&
		    !memcmp(e->lanes, k->lanes, sizeof e->lanes))
			return e;
	}
	return NULL;
}

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

static void pack_job(void *arg, size_t i, int worker)
{
	pack_work *q = arg;
	pack_one(&q->packs[i], q->print, &q->deflater[worker]);
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
	bool print = w->target == FOLIO_TARGET_PRINT;
	folio_pdf_packs *kept = w->kept_packs;
	/* those an earlier build compressed are taken; the rest are queued
	 * first, in their order */
	kept_pack *keys = kept && n ? folio_xmalloc(n * sizeof *keys) : NULL;
	folio_pdf_packed *todo = n ? folio_xmalloc(n * sizeof *todo) : NULL;
	size_t ntodo = 0;
	for (size_t i = 0; kept && i < kept->n; i++)
		kept->items[i].used = false;
	for (size_t i = 0; i < n; i++) {
		kept_pack *e = NULL;
		if (kept) {
			keys[i] = pack_key(&packs[i], print);
			e = pack_find(kept, &keys[i]);
		}
		if (e) {
			e->used = true;
			packs[i].data = folio_xmalloc(e->len ? e->len : 1);
			memcpy(packs[i].data, e->data, e->len);
			packs[i].len = e->len;
		} else {
			todo[ntodo++] = packs[i];
		}
	}
	pack_work q = {todo, print, {NULL, NULL}};
	folio_two_threads(ntodo, pack_job, &q);
	libdeflate_free_compressor(q.deflater[0]);
	libdeflate_free_compressor(q.deflater[1]);
	/* back into the writer's list, in its order */
	for (size_t i = 0, t = 0; i < n && t < ntodo; i++)
		if (!packs[i].data && packs[i].picture == todo[t].picture)
			packs[i] = todo[t++];
	free(todo);
	if (!kept)
		return;
	for (size_t i = 0; i < n; i++) {
		if (!packs[i].data || pack_find(kept, &keys[i]))
			continue;
		if (kept->n == kept->cap) {
			kept->cap = kept->cap ? 2 * kept->cap : 8;
			kept->items = folio_xrealloc(kept->items, kept->cap * sizeof *kept->items);
		}
		kept_pack e = keys[i];
		e.used = true;
		e.data = folio_xmalloc(packs[i].len ? packs[i].len : 1);
		memcpy(e.data, packs[i].data, packs[i].len);
		e.len = packs[i].len;
		kept->items[kept->n++] = e;
	}
	free(keys);
	/* what this build did not ask for goes */
	size_t k = 0;
	for (size_t i = 0; i < kept->n; i++) {
		if (kept->items[i].used)
			kept->items[k++] = kept->items[i];
		else
			free(kept->items[i].data);
	}
	kept->n = k;
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
