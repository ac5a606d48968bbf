/* digest.c: hashes of bytes. FNV-1a for the keys of folio's maps (short
 * strings); four lanes in xxHash64's round for long data (a picture's
 * stream in the /ID, a page's content for folio watch), about ten times
 * cheaper than MD5 per byte. */
#include "core.h"

#include <string.h>

uint64_t folio_fnv1a(uint64_t h, const void *data, size_t n)
{
	const unsigned char *s = data;
	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 0x100000001b3ull;
	return h;
}

#define LANE_K1 0x9E3779B185EBCA87u
#define LANE_K2 0xC2B2AE3D27D4EB4Fu

static uint64_t le64(const unsigned char *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	       (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 |
	       (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

/* Each round is one-to-one in both the lane and the word, so a change
 * confined to one word always changes the digest. */
static uint64_t lane_round(uint64_t acc, uint64_t word)
{
	acc += word * LANE_K2;
	acc = acc << 31 | acc >> 33;
	return acc * LANE_K1;
}

void folio_lanes(const unsigned char *p, size_t n, uint64_t v[4])
{
	uint64_t a = LANE_K1 + LANE_K2, b = LANE_K2, c = 0, d = 0 - LANE_K1;
	size_t i = 0;
	for (; i + 32 <= n; i += 32) {
		a = lane_round(a, le64(p + i));
		b = lane_round(b, le64(p + i + 8));
		c = lane_round(c, le64(p + i + 16));
		d = lane_round(d, le64(p + i + 24));
	}
	if (i < n) {
		unsigned char tail[32] = {0};
		memcpy(tail, p + i, n - i);
		a = lane_round(a, le64(tail));
		b = lane_round(b, le64(tail + 8));
		c = lane_round(c, le64(tail + 16));
		d = lane_round(d, le64(tail + 24));
	}
	v[0] = a;
	v[1] = b;
	v[2] = c;
	v[3] = d;
}

uint64_t folio_digest(uint64_t h, const void *data, size_t n)
{
	uint64_t v[4];
	folio_lanes(data, n, v);
	h = lane_round(h, (uint64_t)n);
	for (int k = 0; k < 4; k++)
		h = lane_round(h, v[k]);
	return h;
}
