/* floor.c: bench_floor OUT BYTES FILE...: what a build costs before it does
 * any work. It starts with the shared libraries folio starts with, reads
 * every FILE whole (the files a build of the issue reads: bench/run.sh
 * passes the sample's), and replaces OUT with BYTES bytes the way folio
 * does (a new file beside it, written in 64 KiB pieces, renamed over it).
 * Nothing is laid out, shaped, subset or compressed: no build of the issue
 * by any program linked with these libraries can be faster, and the
 * issue's ratios to the peers are to be read against it. A benchmark, not
 * a test: bench/run.sh runs it. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb-subset.h>
#include <hb.h>
#include <hpdf.h>
#include <linebreak.h>
#include <png.h>

/* One call into each shared library folio links, never made (the linker
 * drops a library nothing calls): the loader maps and relocates the same
 * set folio's start costs. bench/run.sh prints both counts. */
static void link_the_libraries(void)
{
	FT_Library ft;
	if (FT_Init_FreeType(&ft) == 0)
		FT_Done_FreeType(ft);
	hb_buffer_destroy(hb_buffer_create());
	hb_subset_input_destroy(hb_subset_input_create_or_fail());
	HPDF_Free(HPDF_New(NULL, NULL));
	png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_destroy_read_struct(&png, NULL, NULL);
	init_linebreak();
}

static int fail(const char *what, const char *path)
{
	fprintf(stderr, "bench_floor: %s %s\n", what, path);
	return 1;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: bench_floor OUT BYTES FILE...\n");
		return 2;
	}
	if (argc > 1 << 24) /* never: see link_the_libraries */
		link_the_libraries();
	/* read as folio reads them: mapped, pages in one call, every one touched */
	unsigned sum = 0;
	for (int i = 3; i < argc; i++) {
		int fd = open(argv[i], O_RDONLY);
		struct stat st;
		if (fd < 0 || fstat(fd, &st) != 0)
			return fail("cannot read", argv[i]);
		if (st.st_size > 0) {
			const unsigned char *m = mmap(NULL, (size_t)st.st_size, PROT_READ,
			                              MAP_PRIVATE | MAP_POPULATE, fd, 0);
			if (m == MAP_FAILED)
				return fail("cannot map", argv[i]);
			for (off_t k = 0; k < st.st_size; k += 4096)
				sum += m[k];
			munmap((void *)m, (size_t)st.st_size);
		}
		close(fd);
	}
	static unsigned char piece[64 * 1024];
	memset(piece, 'a' + (int)(sum % 26), sizeof piece);
	size_t bytes = strtoul(argv[2], NULL, 10);
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s.floor-tmp", argv[1]);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return fail("cannot create", tmp);
	for (size_t done = 0; done < bytes;) {
		size_t n = bytes - done < sizeof piece ? bytes - done : sizeof piece;
		ssize_t w = write(fd, piece, n);
		if (w <= 0)
			return fail("cannot write", tmp);
		done += (size_t)w;
	}
	if (close(fd) != 0 || rename(tmp, argv[1]) != 0)
		return fail("cannot replace", argv[1]);
	return 0;
}
