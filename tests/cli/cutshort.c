/* cutshort.c: preloaded by cut_short.sh, a program rewriting an input in
 * place while folio builds: the file whose name ends in $CUT_SHORT is cut
 * to nothing when the next file after it is mapped, so the pages of its
 * own mapping vanish under folio (SIGBUS at its next read). The cut is
 * noted in $CUT_LOG, so the test knows the file was mapped at all. */
#undef _FILE_OFFSET_BITS
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <unistd.h>

static char folio_cut_pending[4096];

static void folio_cut_note(const char *path)
{
	const char *log = getenv("CUT_LOG");
	FILE *f = log ? fopen(log, "a") : NULL;
	if (f) {
		fprintf(f, "cut %s\n", path);
		fclose(f);
	}
}

static void *folio_cut_map(const char *name, void *addr, size_t len, int prot, int flags, int fd,
                           off_t off)
{
	void *sym = dlsym(RTLD_NEXT, name);
	void *(*real)(void *, size_t, int, int, int, off_t);
	memcpy(&real, &sym, sizeof real); /* ISO C has no object-to-function cast */
	void *m = real(addr, len, prot, flags, fd, off);
	const char *want = getenv("CUT_SHORT");
	if (fd < 0 || !want || !*want)
		return m;
	if (folio_cut_pending[0] && truncate(folio_cut_pending, 0) == 0) {
		folio_cut_note(folio_cut_pending);
		folio_cut_pending[0] = '\0';
	}
	char link[64], path[sizeof folio_cut_pending];
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, path, sizeof path - 1);
	size_t w = strlen(want);
	if (n > 0 && (size_t)n >= w) {
		path[n] = '\0';
		if (!strcmp(path + n - w, want))
			memcpy(folio_cut_pending, path, (size_t)n + 1);
	}
	return m;
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	return folio_cut_map("mmap", addr, len, prot, flags, fd, off);
}

void *mmap64(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	return folio_cut_map("mmap64", addr, len, prot, flags, fd, off);
}
