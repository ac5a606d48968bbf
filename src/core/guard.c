/* guard.c: the input files a build reads through a memory mapping (the
 * pictures, the fonts), each with the message that names it. When such a
 * file is cut short while it is mapped (a program rewriting it in place
 * during the build), its lost pages are reported by SIGBUS at the next
 * read; the command line's handler finds the file here, so the user reads
 * which file changed instead of "Bus error". The list is the process's:
 * a signal handler has no context to look in. */
#include "core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	const unsigned char *from;
	size_t len;
	char *msg;
} folio_guarded;

static folio_guarded *folio_guards;
static size_t folio_nguards, folio_capguards;

void folio_guard_add(const void *addr, size_t len, folio_loc loc, const char *name)
{
	if (!addr || !len)
		return;
	char place[1200];
	folio_loc_format(loc, place, sizeof place);
	const char *fmt = "%serror: %s was cut short while folio was reading it (was it being "
	                  "rewritten?); nothing was written\n";
	int n = snprintf(NULL, 0, fmt, place, name);
	char *msg = folio_xmalloc((size_t)n + 1);
	snprintf(msg, (size_t)n + 1, fmt, place, name);
	if (folio_nguards == folio_capguards) {
		folio_capguards = folio_capguards ? 2 * folio_capguards : 16;
		folio_guards = folio_xrealloc(folio_guards, folio_capguards * sizeof *folio_guards);
	}
	folio_guards[folio_nguards++] = (folio_guarded){addr, len, msg};
}

void folio_guard_remove(const void *addr)
{
	for (size_t i = folio_nguards; i-- > 0;)
		if (folio_guards[i].from == addr) {
			free(folio_guards[i].msg);
			folio_guards[i] = folio_guards[--folio_nguards];
			break;
		}
	if (!folio_nguards) {
		free(folio_guards);
		folio_guards = NULL;
		folio_capguards = 0;
	}
}

/* Called from a signal handler: reads the list, changes nothing. */
const char *folio_guard_message(const void *addr)
{
	uintptr_t p = (uintptr_t)addr;
	for (size_t i = 0; i < folio_nguards; i++) {
		uintptr_t from = (uintptr_t)folio_guards[i].from;
		if (p >= from && p - from < folio_guards[i].len)
			return folio_guards[i].msg;
	}
	return NULL;
}
