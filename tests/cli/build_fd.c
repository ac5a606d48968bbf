/* build_fd.c: folio_build_fd (what folio build writes through) gives the
 * bytes folio_build gives in memory, print and screen, and fails as it does. */
#include "../check.h"
#include "folio.h"

#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

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
