/* build_fd.c: folio_build_fd (what folio build writes through) gives the
 * bytes folio_build gives in memory, print and screen, and fails as it does.
 * The /ID, digested as the file is written, is the one the whole file gives. */
#include "../check.h"
#include "folio.h"
#include "pdf/writer.h"

#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

/* The placeholders put back in a copy of the file */
static unsigned char *unpatched(const unsigned char *file, size_t len, size_t *id_at)
{
	unsigned char *copy = malloc(len);
	memcpy(copy, file, len);
	unsigned char *id = memmem(copy, len, "/ID [ <", 7);
	CHECK(id != NULL);
	if (!id)
		return copy;
	*id_at = (size_t)(id - copy) + 7;
	for (int half = 0; half < 2; half++)
		for (int i = 0; i < 16; i++)
			memcpy(copy + *id_at + 35 * half + 2 * i, "A5", 2);
	return copy;
}

static void same_id(const unsigned char *file, size_t len)
{
	size_t at = 0;
	unsigned char *copy = unpatched(file, len, &at);
	CHECK(memcmp(file + at + 32, "> <", 3) == 0);
	folio_pdf_id_patch(copy, len);
	CHECK(memcmp(copy, file, len) == 0);
	free(copy);
	/* one bit anywhere: another identifier */
	const size_t where[] = {0, len / 3, len / 2, at - 20};
	for (size_t k = 0; k < sizeof where / sizeof where[0]; k++) {
		copy = unpatched(file, len, &at);
		copy[where[k]] ^= 4;
		folio_pdf_id_patch(copy, len);
		CHECK(memcmp(copy + at, file + at, 32) != 0);
		free(copy);
	}
}

static void same_bytes(const char *issue, int target)
{
	folio_build_options o = {.issue_path = issue, .target = target};
	folio_ctx *a = folio_ctx_new(), *b = folio_ctx_new();
	unsigned char *mem = NULL;
	size_t len = 0;
	CHECK(folio_build(a, &o, &mem, &len) == 0);
	int fd = memfd_create("build-fd", 0);
	CHECK(fd >= 0);
	CHECK(folio_build_fd(b, &o, fd) == 0);
	off_t end = lseek(fd, 0, SEEK_END);
	CHECK(end == (off_t)len);
	unsigned char *file = malloc(len ? len : 1);
	CHECK(pread(fd, file, len, 0) == (ssize_t)len);
	CHECK(len > 1000 && memcmp(mem, file, len) == 0);
	/* the /ID is patched in the file too: no placeholder is left */
	CHECK(memmem(file, len, "/ID [ <", 7) != NULL);
	CHECK(memmem(file, len, "A5A5A5A5", 8) == NULL);
	same_id(file, len);
	free(file);
	close(fd);
	folio_pdf_free(mem, len);
	folio_ctx_drop(a);
	folio_ctx_drop(b);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: build_fd SAMPLE/issue.yaml BROKEN/issue.yaml\n");
		return 2;
	}
	same_bytes(argv[1], 0);
	same_bytes(argv[1], 1);
	/* a broken issue: the same status, nothing written */
	folio_build_options o = {.issue_path = argv[2]};
	folio_ctx *ctx = folio_ctx_new();
	int fd = memfd_create("build-fd", 0);
	CHECK(folio_build_fd(ctx, &o, fd) == 2);
	CHECK(lseek(fd, 0, SEEK_END) == 0);
	CHECK(folio_diag_count(ctx) > 0);
	close(fd);
	folio_ctx_drop(ctx);
	return check_failures ? 1 : 0;
}
