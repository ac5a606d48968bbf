/* cmyk.c: CMYK to sRGB for the screen edition, as the press prints it. The
 * colour is looked up in Fogra's measurements of Coated FOGRA39
 * (cmyk_data.c): trilinear in the chart's full C, M, Y grid at the black
 * levels either side, then linear between them, in XYZ (light adds up
 * there), then to sRGB with Bradford's adaptation from D50. Paper is white
 * and the press's darkest black is black (the data says how); a navy of
 * 100/70/0/40 is the deep blue the sheet shows, not the royal blue the
 * complement of the inks gives, and 100 K is the near black a press lays
 * down (32/32/30), as Acrobat and InDesign show it. */
#include "core.h"

#include "cmyk_data.h"

#include <math.h>

static double unit(double v)
{
	return v < 0 ? 0 : v > 1 ? 1 : v;
}

/* The cell of levels[0..n) that holds v, and where in it (0..1). */
static int cell(const double *levels, int n, double v, double *t)
{
	int i = 0;
	while (i < n - 2 && v > levels[i + 1])
		i++;
	*t = (v - levels[i]) / (levels[i + 1] - levels[i]);
	return i;
}

static void grid_xyz(const folio_cmyk_grid *g, double c, double m, double y, double out[3])
{
	double tc, tm, ty;
	int ic = cell(g->levels, g->n, c, &tc), im = cell(g->levels, g->n, m, &tm),
	    iy = cell(g->levels, g->n, y, &ty);
	out[0] = out[1] = out[2] = 0;
	for (int corner = 0; corner < 8; corner++) {
		int dc = corner >> 2 & 1, dm = corner >> 1 & 1, dy = corner & 1;
		double w = (dc ? tc : 1 - tc) * (dm ? tm : 1 - tm) * (dy ? ty : 1 - ty);
		const double *p =
		    g->xyz + (((size_t)(ic + dc) * (size_t)g->n + (size_t)(im + dm)) * (size_t)g->n +
		              (size_t)(iy + dy)) * 3;
		for (int i = 0; i < 3; i++)
			out[i] += w * p[i];
	}
}

static double encode(double v)
{
	v = unit(v);
	return v <= 0.0031308 ? 12.92 * v : 1.055 * pow(v, 1 / 2.4) - 0.055;
}

void folio_cmyk_srgb(double c, double m, double y, double k, double rgb[3])
{
	c = unit(c), m = unit(m), y = unit(y), k = unit(k);
	int g = 0;
	while (g < FOLIO_CMYK_GRIDS - 2 && k > folio_cmyk_grids[g + 1].k)
		g++;
	const folio_cmyk_grid *lo = &folio_cmyk_grids[g], *hi = &folio_cmyk_grids[g + 1];
	double t = (k - lo->k) / (hi->k - lo->k), a[3], b[3], xyz[3];
	grid_xyz(lo, c, m, y, a);
	grid_xyz(hi, c, m, y, b);
	for (int i = 0; i < 3; i++)
		xyz[i] = a[i] + (b[i] - a[i]) * t;
	/* XYZ (D50) to linear sRGB, Bradford-adapted to D65 (Lindbloom) */
	static const double to_rgb[3][3] = {{3.1338561, -1.6168667, -0.4906146},
	                                     {-0.9787684, 1.9161415, 0.0334540},
	                                     {0.0719453, -0.2289914, 1.4052427}};
	for (int r = 0; r < 3; r++)
		rgb[r] = encode(to_rgb[r][0] * xyz[0] + to_rgb[r][1] * xyz[1] + to_rgb[r][2] * xyz[2]);
}
