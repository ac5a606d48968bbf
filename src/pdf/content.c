/* content.c: the bytes of a content stream, built in one growing buffer and
 * handed to libharu once per page: libharu's per-operator calls format each
 * number with its own routines and copy byte by byte, which cost more than
 * the rest of the page. Numbers are written in fixed point, so the same
 * value always gives the same bytes. */
#include "writer.h"

#include <libdeflate.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static void grow(folio_pdf_buf *b, size_t more)
{
	if (b->n + more <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 4096;
	while (cap < b->n + more)
		cap *= 2;
	b->p = realloc(b->p, cap);
	if (!b->p)
		abort();
	b->cap = cap;
}

void folio_pdf_put(folio_pdf_buf *b, const char *s, size_t n)
{
	grow(b, n);
	memcpy(b->p + b->n, s, n);
	b->n += n;
}

void folio_pdf_puts(folio_pdf_buf *b, const char *s)
{
	folio_pdf_put(b, s, strlen(s));
}

/* v with at most `decimals` (0..6) digits after the point, trailing zeros
 * and a lone point dropped, "-0" written as "0"; then a space. */
void folio_pdf_num(folio_pdf_buf *b, double v, int decimals)
{
	static const long long scale[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
	grow(b, 40);
	char *p = b->p + b->n;
	if (!isfinite(v) || fabs(v) > 1e12)
		v = 0;
	long long q = llround(v * (double)scale[decimals]);
	if (q < 0) {
		*p++ = '-';
		q = -q;
	}
	long long ip = q / scale[decimals], frac = q % scale[decimals];
	int d = decimals;
	while (d > 0 && frac % 10 == 0) {
		frac /= 10;
		d--;
	}
	char tmp[24];
	int t = 0;
	do {
		tmp[t++] = (char)('0' + ip % 10);
		ip /= 10;
	} while (ip);
	while (t)
		*p++ = tmp[--t];
	if (d > 0) {
		*p++ = '.';
		for (int i = d - 1; i >= 0; i--) {
			p[i] = (char)('0' + frac % 10);
			frac /= 10;
		}
		p += d;
	}
	if (q == 0) /* never "-0" */
		p = b->p + b->n, *p++ = '0';
	*p++ = ' ';
	b->n = (size_t)(p - b->p);
}

void folio_pdf_hex4(folio_pdf_buf *b, unsigned v)
{
	static const char hex[] = "0123456789ABCDEF";
	grow(b, 4);
	char *p = b->p + b->n;
	p[0] = hex[(v >> 12) & 15];
	p[1] = hex[(v >> 8) & 15];
	p[2] = hex[(v >> 4) & 15];
	p[3] = hex[v & 15];
	b->n += 4;
}

void folio_pdf_buf_free(folio_pdf_buf *b)
{
	free(b->p);
	*b = (folio_pdf_buf){0};
}

HPDF_STATUS folio_pdf_flate_key(HPDF_Dict dict, HPDF_Stream stream)
{
	(void)dict;
	return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

static bool put_deflated(folio_pdf_writer *w, struct libdeflate_compressor **c, int level,
                         HPDF_Dict stream, const void *data, size_t len)
{
	if (!*c) {
		*c = libdeflate_alloc_compressor(level);
		if (!*c)
			abort();
	}
	size_t bound = libdeflate_zlib_compress_bound(*c, len);
	folio_pdf_buf *b = &w->packed;
	b->n = 0;
	grow(b, bound);
	size_t n = libdeflate_zlib_compress(*c, data, len, b->p, bound);
	if (n == 0)
		return folio_pdf_ok(w, HPDF_INVALID_STREAM);
	return folio_pdf_put_packed(w, stream, (const unsigned char *)b->p, n, false);
}

bool folio_pdf_put_deflated(folio_pdf_writer *w, HPDF_Dict stream, const void *data, size_t len)
{
	return put_deflated(w, &w->deflater, FOLIO_PDF_DEFLATE_LEVEL, stream, data, len);
}

bool folio_pdf_put_packed(folio_pdf_writer *w, HPDF_Dict stream, const unsigned char *data,
                          size_t len, bool jpeg)
{
	if (len > UINT32_MAX)
		return folio_pdf_ok(w, HPDF_INVALID_STREAM);
	/* libharu writes /Filter /DCTDecode for the one and leaves the bytes as
	 * they are; the other's key comes from folio_pdf_flate_key */
	stream->filter = jpeg ? HPDF_STREAM_FILTER_DCT_DECODE : HPDF_STREAM_FILTER_NONE;
	if (!jpeg)
		stream->write_fn = folio_pdf_flate_key;
	return folio_pdf_ok(w, HPDF_Stream_Write(stream->stream, data, (HPDF_UINT)len));
}

bool folio_pdf_put_picture(folio_pdf_writer *w, HPDF_Dict stream, const void *data, size_t len)
{
	return put_deflated(w, &w->picture_deflater, FOLIO_PDF_PICTURE_LEVEL, stream, data, len);
}
