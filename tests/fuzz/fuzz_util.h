/* fuzz_util.h: what the harnesses share: a private temporary folder per
 * process and writing the fuzzer's bytes into files in it. The loaders read
 * files, so the harnesses give them files. */
#ifndef FOLIO_FUZZ_UTIL_H
#define FOLIO_FUZZ_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char fuzz_dir[256];

/* The folder goes when the fuzzer exits normally (it exits through exit()). */
static void fuzz_cleanup(void)
{
	static const char *const names[] = {"issue.yaml", "body.md", "pic.png"};
	char path[512];
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		snprintf(path, sizeof path, "%s/%s", fuzz_dir, names[i]);
		unlink(path);
	}
	rmdir(fuzz_dir);
}

static inline const char *fuzz_tmpdir(void)
{
	if (!fuzz_dir[0]) {
		const char *base = getenv("TMPDIR");
		snprintf(fuzz_dir, sizeof fuzz_dir, "%s/folio-fuzz-XXXXXX",
		         base && *base ? base : "/tmp");
		if (!mkdtemp(fuzz_dir))
			abort();
		atexit(fuzz_cleanup);
	}
	return fuzz_dir;
}

/* Writes data into fuzz_dir/name; returns the path (static buffer per slot). */
static inline const char *fuzz_write(int slot, const char *name, const unsigned char *data, size_t len)
{
	static char paths[4][512];
	snprintf(paths[slot], sizeof paths[slot], "%s/%s", fuzz_tmpdir(), name);
	FILE *f = fopen(paths[slot], "wb");
	if (!f)
		abort();
	if (len && fwrite(data, 1, len, f) != len)
		abort();
	fclose(f);
	return paths[slot];
}

/* Splits the input at the first line "---8<---": the part before is
 * issue.yaml, the part after is body.md (empty when there is no marker). */
static inline void fuzz_split(const unsigned char *data, size_t size, size_t *yaml_len,
                       const unsigned char **md, size_t *md_len)
{
	static const char mark[] = "\n---8<---\n";
	const size_t m = sizeof mark - 1;
	*yaml_len = size;
	*md = data + size;
	*md_len = 0;
	for (size_t i = 0; i + m <= size; i++) {
		if (!memcmp(data + i, mark, m)) {
			*yaml_len = i + 1;
			*md = data + i + m;
			*md_len = size - i - m;
			return;
		}
	}
}

#endif
