/* cmykgen.c: a program for the build machine. It reads Fogra's measurements
 * of offset printing on coated paper, FOGRA39L.ti3 (Debian's
 * icc-profiles-free; the IT8.7/4 chart's 1617 patches, CMYK and the XYZ
 * measured), and writes the full CMY grids it holds at each black level as
 * C tables for cmyk.c, which turns the screen edition's CMYK into sRGB the
 * way the press prints it: the condition the print edition names (Coated
 * FOGRA39). Each XYZ is made relative to the paper (the paper is white on
 * screen) with black point compensation (the darkest patch is black on
 * screen; Adobe's way: the black point taken as neutral).
 * usage: folio-cmykgen FOGRA39L.ti3 OUT.c CMYK_DATA.H */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { NPATCH_MAX = 4096 };

static double patch[NPATCH_MAX][7]; /* C M Y K X Y Z */
static int npatch;

/* the black levels with a full CMY grid in the chart, and its levels there */
static const double k_levels[] = {0, 20, 40, 60, 80, 100};
static const double grid0[] = {0, 10, 20, 30, 40, 55, 70, 85, 100};
static const double grid5[] = {0, 20, 40, 70, 100};
static const double grid4[] = {0, 40, 70, 100};
static const double grid2[] = {0, 100};

static const double *find(double c, double m, double y, double k)
{
	for (int i = 0; i < npatch; i++)
		if (patch[i][0] == c && patch[i][1] == m && patch[i][2] == y && patch[i][3] == k)
			return &patch[i][4];
	return NULL;
}

static bool read_chart(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		return false;
	}
	char line[512];
	bool data = false;
	while (fgets(line, sizeof line, f)) {
		if (!strncmp(line, "BEGIN_DATA_FORMAT", 17))
			continue;
		if (!strncmp(line, "BEGIN_DATA", 10)) {
			data = true;
			continue;
		}
		if (!strncmp(line, "END_DATA", 8))
			data = false;
		double v[7];
		int id;
		if (data && npatch < NPATCH_MAX &&
		    sscanf(line, "%d %lf %lf %lf %lf %lf %lf %lf", &id, &v[0], &v[1], &v[2], &v[3],
		           &v[4], &v[5], &v[6]) == 8)
			memcpy(patch[npatch++], v, sizeof v);
	}
	fclose(f);
	return npatch > 0;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: folio-cmykgen FOGRA39L.ti3 OUT.c CMYK_DATA.H\n");
		return 2;
	}
	if (!read_chart(argv[1])) {
		fprintf(stderr, "folio-cmykgen: no patches in %s\n", argv[1]);
		return 1;
	}
	const double *paper = find(0, 0, 0, 0);
	const double *dark = NULL;
	for (int i = 0; i < npatch; i++)
		if (!dark || patch[i][5] < dark[1])
			dark = &patch[i][4];
	if (!paper) {
		fprintf(stderr, "folio-cmykgen: %s has no paper white (0 0 0 0)\n", argv[1]);
		return 1;
	}
	/* D50 as the XYZ to sRGB matrix of cmyk.c takes it (Lindbloom) */
	static const double d50[3] = {0.96422, 1.0, 0.82521};
	double black = dark[1] / paper[1]; /* the black point's Y, the paper's 1 */
	FILE *f = fopen(argv[2], "w");
	if (!f) {
		perror(argv[2]);
		return 1;
	}
	fprintf(f, "/* Made by folio-cmykgen from %s: do not edit. */\n#include \"%s\"\n\n",
	        strrchr(argv[1], '/') ? strrchr(argv[1], '/') + 1 : argv[1], argv[3]);
	const double *grids[] = {grid0, grid5, grid5, grid5, grid4, grid2};
	const int sizes[] = {9, 5, 5, 5, 4, 2};
	for (int g = 0; g < 6; g++) {
		fprintf(f, "static const double xyz%d[] = {\n", g);
		int n = sizes[g];
		for (int ci = 0; ci < n; ci++)
			for (int mi = 0; mi < n; mi++)
				for (int yi = 0; yi < n; yi++) {
					const double *p =
					    find(grids[g][ci], grids[g][mi], grids[g][yi], k_levels[g]);
					if (!p) {
						fprintf(stderr,
						        "folio-cmykgen: %s lacks C %g M %g Y %g K %g\n",
						        argv[1], grids[g][ci], grids[g][mi], grids[g][yi],
						        k_levels[g]);
						fclose(f);
						remove(argv[2]);
						return 1;
					}
					fprintf(f, "   ");
					for (int i = 0; i < 3; i++) {
						/* relative to the paper, then the (neutral)
						 * black point to 0 */
						double v = p[i] / paper[i];
						v = (v - black) / (1 - black);
						fprintf(f, " %.6f,", v * d50[i]);
					}
					fprintf(f, "\n");
				}
		fprintf(f, "};\nstatic const double levels%d[] = {", g);
		for (int i = 0; i < n; i++)
			fprintf(f, "%s%g", i ? ", " : "", grids[g][i] / 100);
		fprintf(f, "};\n\n");
	}
	fprintf(f, "const folio_cmyk_grid folio_cmyk_grids[FOLIO_CMYK_GRIDS] = {\n");
	for (int g = 0; g < 6; g++)
		fprintf(f, "    {%g, %d, levels%d, xyz%d},\n", k_levels[g] / 100, sizes[g], g, g);
	fprintf(f, "};\n");
	if (fclose(f) != 0) {
		perror(argv[2]);
		return 1;
	}
	return 0;
}
