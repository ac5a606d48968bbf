/* core.h: what every stage shares: the build context (diagnostics, limits),
 * the arena that owns a build's memory, and small UTF-8 and buffer helpers. */
#ifndef FOLIO_CORE_H
#define FOLIO_CORE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Exit classes of FORMAT.md: the context remembers the worst one seen. */
typedef enum {
	FOLIO_OK = 0,
	FOLIO_ERR_OTHER = 1,   /* output cannot be written, internal trouble */
	FOLIO_ERR_INPUT = 2,   /* usage, issue, Markdown, layout, picture, font */
	FOLIO_ERR_OVERSET = 3, /* the content does not fit the layout's pages */
} folio_status;

/* A place in an input file. line/col are 1-based; 0 means "not known",
 * and the message then names the file alone. */
typedef struct {
	const char *file;
	int line;
	int col;
} folio_loc;

#define FOLIO_NOWHERE ((folio_loc){NULL, 0, 0})

/* ---- arena: one per build, everything in it goes at once ---- */
typedef struct folio_arena folio_arena;
folio_arena *folio_arena_new(void);
void folio_arena_drop(folio_arena *a);
void *folio_arena_alloc(folio_arena *a, size_t size); /* zeroed, 16-aligned */
/* Not cleared, 16-aligned: for a block the caller fills whole at once (a
 * picture's data), where clearing it first writes every page twice. */
void *folio_arena_alloc_raw(folio_arena *a, size_t size);
/* Give back everything the arena handed out, keeping its oldest chunk for
 * what comes next (its pages are already touched). Every pointer into the
 * arena from before is invalid afterwards (AddressSanitizer and valgrind
 * report reads through one); later allocations are zeroed as always. For
 * scratch memory reused per item; the kept chunk stays until the drop. */
void folio_arena_reset(folio_arena *a);
char *folio_arena_strdup(folio_arena *a, const char *s);
char *folio_arena_strndup(folio_arena *a, const char *s, size_t n);
char *folio_arena_printf(folio_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Grow an arena array: returns a copy with room for new_cap elements
 * (old contents kept); the old block is simply abandoned in the arena. */
void *folio_arena_grow(folio_arena *a, void *old, size_t elem, size_t old_n, size_t new_cap);

/* Append one element to (ptr, n, cap), growing in the arena. */
#define FOLIO_PUSH(arena, ptr, n, cap, value)                                                      \
	do {                                                                                       \
		if ((n) == (cap)) {                                                                \
			size_t folio_nc_ = (cap) ? (cap)*2 : 8;                                    \
			(ptr) = folio_arena_grow((arena), (ptr), sizeof *(ptr), (n), folio_nc_);   \
			(cap) = folio_nc_;                                                         \
		}                                                                                  \
		(ptr)[(n)++] = (value);                                                            \
	} while (0)

/* Out of memory is not a path we test: abort with a message (cmark's way). */
void *folio_xmalloc(size_t n);
void *folio_xcalloc(size_t n, size_t size);
void *folio_xrealloc(void *p, size_t n);
/* What they do when memory runs out, for memory taken otherwise (mmap). */
_Noreturn void folio_oom(void);

/* ---- limits: data in the context, not constants in the code ---- */
typedef struct {
	uint64_t picture_pixels; /* width*height of one picture */
	uint64_t picture_bytes;  /* file size of one picture */
	uint64_t text_bytes;     /* one Markdown or YAML file */
	int yaml_depth;          /* nesting of mappings/sequences */
	int yaml_aliases;        /* alias nodes in one YAML document */
	int articles;            /* articles in one issue */
	int markdown_depth;      /* nesting of Markdown blocks */
} folio_limits;

/* ---- diagnostics ---- */
typedef enum { FOLIO_DIAG_ERROR, FOLIO_DIAG_WARNING } folio_diag_kind;

typedef struct {
	folio_diag_kind kind;
	char *text; /* complete line: "file:line:col: error: message" */
} folio_diag;

typedef struct folio_ctx {
	folio_arena *arena; /* owned: the build's memory */
	folio_limits limits;
	folio_status status; /* worst class recorded by folio_error */
	folio_diag *diags;
	size_t ndiags, capdiags;
	int nerrors, nwarnings;
	char *report; /* the last build's report (malloc'd), or NULL */
	char *dump;   /* the last build's layout dump (malloc'd), or NULL */
	uint64_t *page_digests; /* the last PDF's pages' digests (arena), or NULL */
	size_t npage_digests;
	struct folio_ctx_hook *hooks; /* folio_ctx_on_drop's, newest first */
	/* Pictures and fonts are read, never mapped: a file rewritten in place
	 * during the build cannot then take a long-running process down (folio
	 * watch) */
	bool read_inputs;
} folio_ctx;

folio_ctx *folio_ctx_new(void);
void folio_ctx_drop(folio_ctx *ctx);
/* Run fn(arg) in folio_ctx_drop, newest first, before the arena goes: for
 * what arena memory points into that the arena cannot give back itself (a
 * picture's file mapping, kept for the whole build). */
void folio_ctx_on_drop(folio_ctx *ctx, void (*fn)(void *), void *arg);
/* ctx takes over what `part` recorded (its messages after ctx's own, a
 * warning ctx has already left out; its exit class as folio_error ranks
 * them); part keeps its memory, for the caller to drop when ctx's is
 * dropped (folio_ctx_on_drop): work done on another thread in a context of
 * its own. */
void folio_ctx_adopt(folio_ctx *ctx, folio_ctx *part);

/* Record an error of class `status` at `loc`. Always returns false so a
 * caller can write `return folio_error(...)`. */
bool folio_error(folio_ctx *ctx, folio_status status, folio_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void folio_warn(folio_ctx *ctx, folio_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
bool folio_verror(folio_ctx *ctx, folio_status status, folio_loc loc, const char *fmt, va_list ap);
/* "file:line:col: " (or less, as loc knows less; "" for no file): how a
 * message names its place. */
void folio_loc_format(folio_loc loc, char *out, size_t size);
bool folio_failed(const folio_ctx *ctx);

/* ---- threads ---- */
/* job(arg, i, worker) for every i in [0, n), each once, on this thread
 * (worker 0) and, with more than one, a second (worker 1); returns when
 * all are done (pair.c). */
void folio_two_threads(size_t n, void (*job)(void *arg, size_t i, int worker), void *arg);

/* ---- colour ---- */
/* CMYK (0..1 each) as the press prints it (Coated FOGRA39, the print
 * edition's condition) in sRGB, 0..1 each, the paper white (cmyk.c): the
 * screen edition's colours. */
void folio_cmyk_srgb(double c, double m, double y, double k, double rgb[3]);

/* ---- hashing ---- */
/* FNV-1a over n bytes, continuing from h (start with FOLIO_FNV_OFFSET):
 * the hash of every map in folio (shaping and hyphenation caches, set
 * paragraphs). */
#define FOLIO_FNV_OFFSET 0xcbf29ce484222325ull
uint64_t folio_fnv1a(uint64_t h, const void *data, size_t n);
/* The digest of long data in four 64-bit lanes (a zero-padded tail is told
 * apart by the length, which the caller mixes in): the PDF file in its /ID,
 * the pixels of a picture folio watch keeps. */
void folio_lanes(const unsigned char *p, size_t n, uint64_t v[4]);
/* The same digest of bytes given in pieces (a file as it is written):
 * folio_lanes_add the pieces in order, and folio_lanes_end gives what
 * folio_lanes gives for them all at once. */
typedef struct folio_lanes_state {
	uint64_t v[4];
	unsigned char carry[32]; /* bytes short of a 32-byte block */
	size_t ncarry;
	uint64_t total; /* bytes added */
} folio_lanes_state;
void folio_lanes_start(folio_lanes_state *s);
void folio_lanes_add(folio_lanes_state *s, const unsigned char *p, size_t n);
void folio_lanes_end(const folio_lanes_state *s, uint64_t v[4]);
/* The lanes and the length of data[0, n) folded into h: pieces digested one
 * after another (a page's content, then its pictures). */
uint64_t folio_digest(uint64_t h, const void *data, size_t n);

/* ---- UTF-8 ---- */
/* Decode one code point at s[*i] (advancing *i); returns 0xFFFFFFFF for an
 * invalid sequence (and advances by one byte). ASCII is decoded here, in
 * line: the text stage reads every character of an issue through it. */
uint32_t folio_utf8_next_multi(const char *s, size_t len, size_t *i);
static inline uint32_t folio_utf8_next(const char *s, size_t len, size_t *i)
{
	unsigned char c = (unsigned char)s[*i];
	if (c < 0x80) {
		(*i)++;
		return c;
	}
	return folio_utf8_next_multi(s, len, i);
}
/* Byte offset of the first invalid sequence or NUL byte, or (size_t)-1. */
size_t folio_utf8_check(const char *s, size_t len);
size_t folio_utf8_put(uint32_t cp, char out[4]);

/* ---- language tags ---- */
/* `lang` (a BCP 47 tag) is `code` or one of its variants, in any case:
 * en-GB is en, ru_RU is ru. */
bool folio_lang_is(const char *lang, const char *code);

/* ---- files ---- */
/* Read a whole file into the arena (NUL-terminated). Errors are recorded
 * with class FOLIO_ERR_INPUT at `loc` (or the path itself). */
char *folio_read_file(folio_ctx *ctx, const char *path, folio_loc loc, uint64_t max_bytes,
                      size_t *len);
/* Write all len bytes into fd, again after a signal or a short write;
 * false with errno set when the system refuses. */
bool folio_write_fd(int fd, const void *data, size_t len);

/* files.c: a whole file's bytes, named `shown` in messages recorded at
 * `loc` (the path itself when loc names no file); a folder, or a file
 * larger than max_bytes, is refused before it is read. FOLIO_FILE_READ
 * reads it into malloc'd memory (NUL-terminated, not counted in len);
 * FOLIO_FILE_MAP maps it (MAP_PRIVATE, read-only, guarded: guard.c), and
 * FOLIO_FILE_MAP_ALL faults every page in at once, for a file read from end
 * to end; a file that cannot be mapped (a pipe, empty) is read.
 * folio_file_drop gives the bytes back. */
typedef enum { FOLIO_FILE_READ, FOLIO_FILE_MAP, FOLIO_FILE_MAP_ALL } folio_file_how;
typedef struct {
	const unsigned char *data;
	size_t len;
	void *mapped; /* the mapping, or NULL when data is malloc'd */
	/* the file as it was opened (fstat), and when: folio_file_changed */
	uint64_t dev, ino, size;
	int64_t mtime_ns, ctime_ns, read_ns;
} folio_file_bytes;
bool folio_file_get(folio_ctx *ctx, const char *fs_path, const char *shown, folio_loc loc,
                    uint64_t max_bytes, folio_file_how how, folio_file_bytes *out);
void folio_file_drop(folio_file_bytes *b);
/* Whether the file at fs_path may no longer be the one b was read from:
 * gone, replaced (another inode), written since (size, mtime, ctime), or
 * written so shortly before it was read that a write since could have left
 * its mtime as it was (git's "racy" files). For bytes kept from one build
 * to the next (folio watch). */
bool folio_file_changed(const folio_file_bytes *b, const char *fs_path);

/* guard.c: a file mapped into memory, named for the SIGBUS it causes if it
 * is cut short while mapped (the message names the file, read at `loc`);
 * folio_guard_message gives that message for a faulting address, or NULL,
 * and is safe in a signal handler. */
void folio_guard_add(const void *addr, size_t len, folio_loc loc, const char *name);
void folio_guard_remove(const void *addr);
const char *folio_guard_message(const void *addr);

#endif
