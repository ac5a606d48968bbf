/* oldfs.c: preloaded by oldfs.sh, a file system from before O_TMPFILE and
 * RENAME_EXCHANGE (FAT, older network file systems): open with O_TMPFILE
 * fails with EOPNOTSUPP and renameat2 with any flag with EINVAL, as they
 * do there, so that folio's fallbacks (a named temporary, a plain rename)
 * run. Each refusal is noted in the file $OLDFS_LOG names, so the test
 * knows the fallbacks were reached. Everything else goes to the C library. */
/* open and open64 both defined here, so neither may stand for the other */
#undef _FILE_OFFSET_BITS
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

static void folio_oldfs_note(const char *what)
{
	const char *log = getenv("OLDFS_LOG");
	FILE *f = log ? fopen(log, "a") : NULL;
	if (f) {
		fprintf(f, "%s\n", what);
		fclose(f);
	}
}

static int folio_oldfs_open(const char *name, const char *path, int flags, mode_t mode)
{
	if ((flags & O_TMPFILE) == O_TMPFILE) {
		folio_oldfs_note("O_TMPFILE refused");
		errno = EOPNOTSUPP;
		return -1;
	}
	void *sym = dlsym(RTLD_NEXT, name);
	int (*real)(const char *, int, ...);
	memcpy(&real, &sym, sizeof real); /* ISO C has no object-to-function cast */
	return real(path, flags, mode);
}

int open(const char *path, int flags, ...)
{
	va_list ap;
	va_start(ap, flags);
	mode_t mode = (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE ? va_arg(ap, mode_t) : 0;
	va_end(ap);
	return folio_oldfs_open("open", path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
	va_list ap;
	va_start(ap, flags);
	mode_t mode = (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE ? va_arg(ap, mode_t) : 0;
	va_end(ap);
	return folio_oldfs_open("open64", path, flags, mode);
}

int renameat2(int olddir, const char *old, int newdir, const char *new, unsigned flags)
{
	if (flags) {
		folio_oldfs_note("renameat2 refused");
		errno = EINVAL;
		return -1;
	}
	return renameat(olddir, old, newdir, new);
}
