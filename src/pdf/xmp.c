/* xmp.c: the screen edition's XMP metadata stream (ISO 16684-1), what a
 * catalogue, a search engine and a screen reader's document title read
 * before the Info dictionary: the same title, subject, author, language,
 * dates and tools as Info (write.c), so that the two never disagree.
 * libharu 2.3.0 has no call for it. The print edition (PDF/X-3:2002, PDF
 * 1.3, which has no metadata streams) keeps to Info. */
#include "writer.h"

#include <stdio.h>
#include <string.h>

/* text with XML's five special characters escaped */
static void put_xml(folio_pdf_buf *b, const char *s)
{
	for (; *s; s++) {
		const char *esc = *s == '&'    ? "&amp;"
		                  : *s == '<'  ? "&lt;"
		                  : *s == '>'  ? "&gt;"
		                  : *s == '"'  ? "&quot;"
		                  : *s == '\'' ? "&apos;"
		                               : NULL;
		if (esc)
			folio_pdf_puts(b, esc);
		else
			folio_pdf_put(b, s, 1);
	}
}

/* <tag><rdf:KIND><rdf:li ATTR>value</rdf:li></rdf:KIND></tag>, or nothing
 * for no value */
static void put_list(folio_pdf_buf *b, const char *tag, const char *kind, const char *attr,
                     const char *value)
{
	if (!value || !*value)
		return;
	char open[160];
	snprintf(open, sizeof open, "   <%s><rdf:%s><rdf:li%s>", tag, kind, attr);
	folio_pdf_puts(b, open);
	put_xml(b, value);
	snprintf(open, sizeof open, "</rdf:li></rdf:%s></%s>\n", kind, tag);
	folio_pdf_puts(b, open);
}

bool folio_pdf_xmp(folio_pdf_writer *w, const char *title, const char *producer)
{
	const folio_display *dl = w->dl;
	folio_pdf_buf *b = &w->scratch;
	b->n = 0;
	folio_pdf_puts(b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	                  "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	                  " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	                  "  <rdf:Description rdf:about=\"\"\n"
	                  "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	                  "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
	                  "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
	                  "   <dc:format>application/pdf</dc:format>\n");
	put_list(b, "dc:title", "Alt", " xml:lang=\"x-default\"", title);
	put_list(b, "dc:description", "Alt", " xml:lang=\"x-default\"", dl->subject);
	put_list(b, "dc:creator", "Seq", "", dl->author);
	put_list(b, "dc:language", "Bag", "", dl->lang);
	if (dl->year > 0) {
		char date[160];
		snprintf(date, sizeof date,
		         "   <xmp:CreateDate>%04d-%02d-%02dT00:00:00Z</xmp:CreateDate>\n"
		         "   <xmp:ModifyDate>%04d-%02d-%02dT00:00:00Z</xmp:ModifyDate>\n",
		         dl->year, dl->month, dl->day, dl->year, dl->month, dl->day);
		folio_pdf_puts(b, date);
	}
	folio_pdf_puts(b, "   <xmp:CreatorTool>folio</xmp:CreatorTool>\n");
	if (producer && *producer) {
		folio_pdf_puts(b, "   <pdf:Producer>");
		put_xml(b, producer);
		folio_pdf_puts(b, "</pdf:Producer>\n");
	}
	folio_pdf_puts(b, "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n"
	                  "<?xpacket end=\"r\"?>");
	w->doing = "writing the metadata";
	HPDF_Dict meta = HPDF_DictStream_New(w->pdf->mmgr, w->pdf->xref);
	if (!folio_pdf_got(w, meta))
		return false;
	/* uncompressed, as XMP's own packet wrapper is meant to be found */
	meta->filter = HPDF_STREAM_FILTER_NONE;
	FOLIO_PDF_TRY(w, HPDF_Dict_AddName(meta, "Type", "Metadata"));
	FOLIO_PDF_TRY(w, HPDF_Dict_AddName(meta, "Subtype", "XML"));
	FOLIO_PDF_TRY(w, HPDF_Stream_Write(meta->stream, (const HPDF_BYTE *)b->p, (HPDF_UINT)b->n));
	return folio_pdf_ok(w, HPDF_Dict_Add(w->pdf->catalog, "Metadata", meta));
}
