/* utf8.c: decoding and checking UTF-8 (RFC 3629: no overlongs, no
 * surrogates, nothing past U+10FFFF), and telling language tags apart. */
#include "core.h"

#include <string.h>
#include <strings.h>

/* A character of two bytes or more (folio_utf8_next, core.h, takes ASCII) */
uint32_t folio_utf8_next_multi(const char *str, size_t len, size_t *i)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t p = *i;
	unsigned char c = s[p];
	uint32_t cp;
	int extra;
	uint32_t min;
	if (c < 0x80) {
		*i = p + 1;
		return c;
	} else if ((c & 0xE0) == 0xC0) {
		cp = c & 0x1F, extra = 1, min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		cp = c & 0x0F, extra = 2, min = 0x800;
	} else if ((c & 0xF8) == 0xF0) {
		cp = c & 0x07, extra = 3, min = 0x10000;
	} else {
		*i = p + 1;
		return 0xFFFFFFFFu;
	}
	if (p + (size_t)extra >= len) {
		*i = p + 1;
		return 0xFFFFFFFFu;
	}
	for (int k = 1; k <= extra; k++) {
		unsigned char d = s[p + (size_t)k];
		if ((d & 0xC0) != 0x80) {
			*i = p + 1;
			return 0xFFFFFFFFu;
		}
		cp = (cp << 6) | (d & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
		*i = p + 1;
		return 0xFFFFFFFFu;
	}
	*i = p + 1 + (size_t)extra;
	return cp;
}

/* Eight bytes at a time while they are ASCII and none is NUL: most of a
 * newsletter's text, checked at about a cycle a byte instead of ten. */
static bool folio_ascii8(const char *s)
{
	uint64_t v;
	memcpy(&v, s, sizeof v);
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	return !(v & highs) && !((v - ones) & ~v & highs);
}

size_t folio_utf8_check(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		if (i + 8 <= len && folio_ascii8(s + i)) {
			i += 8;
			continue;
		}
		size_t at = i;
		if (s[i] == 0)
			return at;
		if (folio_utf8_next(s, len, &i) == 0xFFFFFFFFu)
			return at;
	}
	return (size_t)-1;
}

size_t folio_utf8_put(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	} else if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	} else if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

bool folio_lang_is(const char *lang, const char *code)
{
	size_t n = strlen(code);
	if (strncasecmp(lang, code, n))
		return false;
	return lang[n] == 0 || lang[n] == '-' || lang[n] == '_';
}
