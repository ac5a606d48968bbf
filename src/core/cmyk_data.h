/* cmyk_data.h: the press's colours as cmykgen.c writes them from Fogra's
 * measurements (cmyk_data.c, made when folio is built) and cmyk.c reads
 * them: for each black level with a full grid of C, M and Y in the chart,
 * the grid's levels and the XYZ (D50, relative to the paper, black point
 * compensated, 0..1) at each of its points, C slowest, Y fastest. */
#ifndef FOLIO_CMYK_DATA_H
#define FOLIO_CMYK_DATA_H

#define FOLIO_CMYK_GRIDS 6

typedef struct {
	double k;             /* 0..1 */
	int n;                /* levels a side */
	const double *levels; /* n, 0..1, rising */
	const double *xyz;    /* n * n * n * 3 */
} folio_cmyk_grid;

extern const folio_cmyk_grid folio_cmyk_grids[FOLIO_CMYK_GRIDS];

#endif
