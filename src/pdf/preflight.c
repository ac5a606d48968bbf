/* preflight.c: what a printer's preflight would say about the file the
 * writer is about to make, read from the display list: fonts, picture
 * resolution at the placed size, colour spaces, what overprints. It mirrors
 * the writer's choices (images.c, pdfx.c, draw.c) and must change with them. */
#include "writer.h"

#include <string.h>

/* Pixels per inch at the placed size: the lower of the two directions. */
/* The picture's pixels over the size it is drawn at: the whole box of a
 * picture cut to its frame, which is larger than the frame. */
static double effective_ppi(const folio_dl_item *it)
{
	folio_dl_box box = folio_dl_image_box(it);
	double x = it->picture->width / (box.w / 72.0);
	double y = it->picture->height / (box.h / 72.0);
	return x < y ? x : y;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

static const char *picture_space(const folio_picture *pic, folio_target target)
{
	if (pic->png_idat && pic->png_color_type == 3)
		return target == FOLIO_TARGET_PRINT ? "Indexed ICCBased sRGB" : "Indexed DeviceRGB";
	if (pic->icc)
		return target == FOLIO_TARGET_PRINT ? "ICCBased (the picture's own profile)"
		       : pic->channels == 1         ? "DeviceGray"
		                                    : "DeviceRGB";
	if (pic->jpeg && pic->jpeg_components == 4)
		return target == FOLIO_TARGET_PRINT ? "DeviceCMYK" : "DeviceRGB";
	if (pic->channels == 1)
		return "DeviceGray";
	return target == FOLIO_TARGET_PRINT ? "ICCBased sRGB" : "DeviceRGB";
}

void folio_pdf_preflight_report(FILE *f, const folio_display *dl, folio_target target)
{
	bool print = target == FOLIO_TARGET_PRINT;
	fprintf(f, "preflight (%s):\n", print ? "print, PDF/X-3:2002" : "screen");
	for (int p = 0; p < dl->npages; p++) {
		const folio_dl_page *page = &dl->pages[p];
		fprintf(f, "  page %d\n", p + 1);
		/* fonts: each file once, in order of first use */
		const folio_face *seen[64];
		size_t nseen = 0;
		bool text = false, graphics = false, gray = false, rgb = false, indexed = false;
		bool black_text = false, black_rules = false; /* they overprint (draw.c) */
		for (size_t i = 0; i < page->nitems; i++) {
			const folio_dl_item *it = &page->items[i];
			bool black = folio_pdf_overprints(it->color);
			if (it->kind == FOLIO_DL_TEXT && it->face && it->len) {
				text = true;
				black_text |= black;
				bool known = false;
				for (size_t k = 0; k < nseen; k++)
					known |= seen[k] == it->face ||
					         !strcmp(folio_face_path(seen[k]), folio_face_path(it->face));
				if (!known && nseen < sizeof seen / sizeof seen[0]) {
					seen[nseen++] = it->face;
					fprintf(f, "    font %s: embedded (TrueType subset)\n",
					        base_name(folio_face_path(it->face)));
				}
			} else if (it->kind == FOLIO_DL_RECT || it->kind == FOLIO_DL_RULE) {
				graphics = true;
				black_rules |= black && it->kind == FOLIO_DL_RULE;
			} else if (it->kind == FOLIO_DL_IMAGE && it->picture && it->w > 0 && it->h > 0) {
				const folio_picture *pic = it->picture;
				double ppi = effective_ppi(it);
				const char *space = picture_space(pic, target);
				bool is_gray = !strcmp(space, "DeviceGray");
				bool is_indexed = !strncmp(space, "Indexed", 7);
				gray |= is_gray;
				indexed |= is_indexed;
				rgb |= !is_gray && !is_indexed;
				fprintf(f, "    picture %s: %u x %u px at %.0f x %.0f pt, %.0f ppi, %s", pic->path,
				        pic->width, pic->height, folio_dl_image_box(it).w,
				        folio_dl_image_box(it).h, ppi, space);
				if (it->whole)
					fprintf(f, ", cut to %.0f x %.0f pt", it->w, it->h);
				if (print && ppi < 150)
					fprintf(f, "  (ERROR: under 150 ppi)");
				else if (print && ppi < 300)
					fprintf(f, "  (warning: under 300 ppi)");
				else if (!print && ppi > FOLIO_PDF_SCREEN_PPI)
					fprintf(f, ", resampled to %.0f ppi", FOLIO_PDF_SCREEN_PPI);
				uint32_t fw, fh;
				if (print && folio_pdf_fit_pixels(dl, target, pic, &fw, &fh, NULL))
					fprintf(f, ", resampled to %.0f ppi (print: resample_above %.0f)",
					        dl->press.resample_to, dl->press.resample_above);
				if (pic->alpha)
					fprintf(f, print ? ", alpha flattened onto white" : ", soft mask");
				fputc('\n', f);
			}
		}
		fprintf(f, "    colour spaces:");
		if (text || graphics)
			fprintf(f, print ? " DeviceCMYK" : " DeviceRGB");
		if (gray)
			fprintf(f, " DeviceGray");
		if (rgb)
			fprintf(f, print ? " ICCBased(sRGB)" : (text || graphics) ? "" : " DeviceRGB");
		if (indexed)
			fprintf(f, " Indexed");
		for (size_t k = 0; print && k < dl->nspots; k++) {
			bool used = false;
			for (size_t i = 0; i < page->nitems && !used; i++)
				used = page->items[i].kind != FOLIO_DL_IMAGE &&
				       page->items[i].kind != FOLIO_DL_LINK &&
				       page->items[i].color.spot == (int)k + 1;
			if (used)
				fprintf(f, " Separation(%s)", dl->spots[k].name);
		}
		if (print)
			fprintf(f, " Separation(All, crop marks)");
		fputc('\n', f);
		const char *whose;
		double ink = folio_pdf_page_ink(dl, p, &whose);
		/* RGB pictures are the printer's profile's to separate */
		if (print)
			fprintf(f,
			        "    ink (layout colours, CMYK pictures): at most %.0f%%%s%s%s; the "
			        "press takes %.0f%%\n",
			        ink * 100, whose ? " (" : "", whose ? whose : "", whose ? ")" : "",
			        dl->press.ink_limit * 100);
		if (print && (black_text || black_rules))
			fprintf(f, "    overprint: black (100%% K) %s; the rest knocks out\n",
			        black_text && black_rules ? "text and rules"
			        : black_text              ? "text"
			                                  : "rules");
	}
}

bool folio_pdf_preflight_check(folio_ctx *ctx, const folio_display *dl, folio_target target,
                               bool draft)
{
	if (target != FOLIO_TARGET_PRINT)
		return true;
	bool ok = true;
	folio_press_scan *press = folio_pdf_press_begin(ctx, dl, draft);
	for (int p = 0; p < dl->npages; p++)
		for (size_t i = 0; i < dl->pages[p].nitems; i++) {
			const folio_dl_item *it = &dl->pages[p].items[i];
			folio_pdf_press_item(ctx, press, p, it);
			if (it->kind != FOLIO_DL_IMAGE || !it->picture || !(it->w > 0 && it->h > 0))
				continue;
			double ppi = effective_ppi(it);
			folio_loc at = {it->picture->path, 0, 0};
			if (ppi < 150 && !draft) {
				ok = folio_error(ctx, FOLIO_ERR_INPUT, at,
				                 "picture is %.0f ppi at its placed size on page %d; "
				                 "print needs 300 (at least 150; --draft writes it anyway)",
				                 ppi, p + 1);
			} else if (ppi < 300) {
				folio_warn(ctx, at,
				           "picture is %.0f ppi at its placed size on page %d; print "
				           "wants 300 or more",
				           ppi, p + 1);
			}
		}
	return folio_pdf_press_end(ctx, press) && ok;
}
