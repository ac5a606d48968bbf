/* crop.c: how a picture is cut to a frame of another shape, as a designer
 * writes it: `crop: 16:9` under an image in issue.yaml, `#crop=1:1,top`
 * after a picture's path in Markdown. */
#include "load.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A frame more than ten times as wide as tall, or as tall as wide, is a
 * slip of the keyboard, not a design. */
#define FOLIO_CROP_MAX 10.0

static const char *const folio_focus_names[] = {"center", "top", "bottom", "left", "right"};

/* A positive number at *s, moving past it; 0 if there is none. */
static double folio_crop_number(const char **s)
{
	if (!isdigit((unsigned char)**s))
		return 0;
	char *end;
	double v = strtod(*s, &end);
	*s = end;
	return isfinite(v) && v > 0 ? v : 0;
}

bool folio_load_crop(folio_ctx *ctx, const char *spec, const char *what, folio_loc loc,
                     folio_figure *fig)
{
	const char *s = spec;
	while (*s == ' ')
		s++;
	double w = folio_crop_number(&s), h = 0;
	if (w > 0 && *s == ':') {
		s++;
		h = folio_crop_number(&s);
	}
	if (!(w > 0 && h > 0))
		return folio_error(ctx, FOLIO_ERR_INPUT, loc,
		                   "%s is '%s': the frame's width and height, as in 3:2 or 16:9, "
		                   "then the part to keep if not the centre (3:2, top)",
		                   what, spec);
	double ratio = w / h;
	if (ratio > FOLIO_CROP_MAX || ratio < 1 / FOLIO_CROP_MAX)
		return folio_error(ctx, FOLIO_ERR_INPUT, loc,
		                   "%s is '%s': a frame %g times as %s as %s; at most %g", what, spec,
		                   ratio > 1 ? ratio : 1 / ratio, ratio > 1 ? "wide" : "tall",
		                   ratio > 1 ? "tall" : "wide", FOLIO_CROP_MAX);
	while (*s == ' ' || *s == ',')
		s++;
	int focus = 0;
	if (*s) {
		size_t n = strlen(s);
		while (n > 0 && s[n - 1] == ' ')
			n--;
		focus = -1;
		for (int i = 0; i < 5 && focus < 0; i++)
			if (n == strlen(folio_focus_names[i]) && !strncasecmp(s, folio_focus_names[i], n))
				focus = i;
		if (focus < 0)
			return folio_error(ctx, FOLIO_ERR_INPUT, loc,
			                   "%s is '%s': the part to keep is center, top, bottom, left or "
			                   "right",
			                   what, spec);
	}
	fig->crop = ratio;
	fig->focus = (folio_focus)focus;
	return true;
}
