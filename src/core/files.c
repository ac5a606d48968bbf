/* files.c: a whole input file's bytes, mapped or read (folio_file_get), for
 * the stages that read files the user names: pictures (load) and fonts
 * (text). A mapped file is guarded (guard.c), so a file cut short while it
 * is mapped is named instead of ending the process with "Bus error". */
#include "core.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void too_big(folio_ctx *ctx, const char *shown, folio_loc loc, uint64_t max_bytes)
{
	folio_error(ctx, FOLIO_ERR_INPUT, loc, "'%s' is larger than the limit of %llu bytes",
	            shown, (unsigned long long)max_bytes);
}

/* Open a file to read whole: a folder, or a regular file larger than
 * max_bytes, is refused here. Returns the descriptor, or -1 after
 * recording the error. */
static int open_whole(folio_ctx *ctx, const char *fs_path, const char *shown, folio_loc loc,
                      uint64_t max_bytes, struct stat *st)
{
	int fd = open(fs_path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		folio_error(ctx, FOLIO_ERR_INPUT, loc, "cannot open '%s': %s", shown,
		            strerror(errno));
		return -1;
	}
	int e = fstat(fd, st) != 0 ? errno : S_ISDIR(st->st_mode) ? EISDIR : 0;
	if (e) {
		close(fd);
		folio_error(ctx, FOLIO_ERR_INPUT, loc, "cannot open '%s': %s", shown,
		            strerror(e));
		return -1;
	}
	if (S_ISREG(st->st_mode) && (uint64_t)st->st_size > max_bytes) {
		close(fd);
		too_big(ctx, shown, loc, max_bytes);
		return -1;
	}
	return fd;
}

/* The rest of fd read into malloc'd memory, NUL-terminated; fd is closed. */
static unsigned char *read_whole(folio_ctx *ctx, int fd, const struct stat *st,
                                 const char *shown, folio_loc loc, uint64_t max_bytes,
                                 size_t *len)
{
	size_t cap = S_ISREG(st->st_mode) ? (size_t)st->st_size + 1 : 65536;
	size_t n = 0;
	unsigned char *buf = folio_xmalloc(cap + 1);
	for (;;) {
		if (n == cap) {
			cap *= 2;
			buf = folio_xrealloc(buf, cap + 1);
		}
		ssize_t got = read(fd, buf + n, cap - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			int e = errno;
			free(buf);
			close(fd);
			folio_error(ctx, FOLIO_ERR_INPUT, loc, "cannot read '%s': %s",
			            shown, strerror(e));
			return NULL;
		}
		if (got == 0)
			break;
		n += (size_t)got;
		if (n > max_bytes) {
			free(buf);
			close(fd);
			too_big(ctx, shown, loc, max_bytes);
			return NULL;
		}
	}
	close(fd);
	buf[n] = 0;
	*len = n;
	return buf;
}

static int64_t ns(struct timespec t)
{
	return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static void note_identity(folio_file_bytes *b, const struct stat *st)
{
	b->dev = (uint64_t)st->st_dev;
	b->ino = (uint64_t)st->st_ino;
	b->size = (uint64_t)st->st_size;
	b->mtime_ns = ns(st->st_mtim);
	b->ctime_ns = ns(st->st_ctim);
}

/* A file's times are stamped from a coarse clock (a few ms; 2 s on FAT):
 * written again within that tick after it was read, it would keep its
 * mtime. (Its ctime is compared but not judged racy: only a tool that sets
 * an old mtime on new content, within the tick, would slip through that.) */
#define FOLIO_RACY_NS 2000000000LL

bool folio_file_changed(const folio_file_bytes *b, const char *fs_path)
{
	struct stat st;
	if (stat(fs_path, &st) != 0)
		return true;
	folio_file_bytes now;
	note_identity(&now, &st);
	bool racy = b->mtime_ns > b->read_ns - FOLIO_RACY_NS;
	return racy || now.dev != b->dev || now.ino != b->ino || now.size != b->size ||
	       now.mtime_ns != b->mtime_ns || now.ctime_ns != b->ctime_ns;
}

bool folio_file_get(folio_ctx *ctx, const char *fs_path, const char *shown, folio_loc loc,
                    uint64_t max_bytes, folio_file_how how, folio_file_bytes *out)
{
	memset(out, 0, sizeof *out);
	if (!loc.file)
		loc = (folio_loc){shown, 0, 0};
	struct stat st;
	int fd = open_whole(ctx, fs_path, shown, loc, max_bytes, &st);
	if (fd < 0)
		return false;
	note_identity(out, &st);
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	out->read_ns = ns(now);
	if (how != FOLIO_FILE_READ && S_ISREG(st.st_mode) && st.st_size > 0) {
		int flags = MAP_PRIVATE;
#ifdef MAP_POPULATE
		/* every byte will be read: the pages, read-only and mostly in
		 * the page cache already, are mapped in one call instead of a
		 * page fault each (about 1.5 us per 4 KB, 270 faults for the
		 * sample's pictures) */
		if (how == FOLIO_FILE_MAP_ALL)
			flags |= MAP_POPULATE;
#endif
		void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, flags, fd, 0);
		if (m != MAP_FAILED) {
			close(fd);
			folio_guard_add(m, (size_t)st.st_size, loc, shown);
			out->data = m;
			out->len = (size_t)st.st_size;
			out->mapped = m;
			return true;
		}
	}
	/* read: asked to, not regular (a pipe), empty, or mmap refused */
	size_t n = 0;
	unsigned char *buf = read_whole(ctx, fd, &st, shown, loc, max_bytes, &n);
	if (!buf) {
		memset(out, 0, sizeof *out);
		return false;
	}
	out->data = buf;
	out->len = n;
	return true;
}

void folio_file_drop(folio_file_bytes *b)
{
	if (b->mapped) {
		folio_guard_remove(b->mapped);
		munmap(b->mapped, b->len);
	} else {
		free((void *)b->data);
	}
	memset(b, 0, sizeof *b);
}
