/* digest.c: hashes of bytes. FNV-1a for the keys of folio's maps (short
 * strings); four lanes in xxHash64's round for long data (the whole PDF
 * in its /ID, a page's content for folio watch), about ten times
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

void folio_lanes_start(folio_lanes_state *s)
{
	s->v[0] = LANE_K1 + LANE_K2;
	s->v[1] = LANE_K2;
	s->v[2] = 0;
	s->v[3] = 0 - LANE_K1;
	s->ncarry = 0;
	s->total = 0;
}

static void lanes_block(uint64_t v[4], const unsigned char *p)
{
	v[0] = lane_round(v[0], le64(p));
	v[1] = lane_round(v[1], le64(p + 8));
	v[2] = lane_round(v[2], le64(p + 16));
	v[3] = lane_round(v[3], le64(p + 24));
}

void folio_lanes_add(folio_lanes_state *s, const unsigned char *p, size_t n)
{
	s->total += n;
	if (s->ncarry) {
		size_t take = 32 - s->ncarry < n ? 32 - s->ncarry : n;
		memcpy(s->carry + s->ncarry, p, take);
		s->ncarry += take;
		p += take;
		n -= take;
		if (s->ncarry < 32)
			return;
		lanes_block(s->v, s->carry);
		s->ncarry = 0;
	}
	/* the lanes in locals: the compiler keeps them in registers */
	uint64_t v[4] = {s->v[0], s->v[1], s->v[2], s->v[3]};
	size_t i = 0;
	for (; i + 32 <= n; i += 32)
		lanes_block(v, p + i);
	memcpy(s->v, v, sizeof v);
	memcpy(s->carry, p + i, n - i);
	s->ncarry = n - i;
}

void folio_lanes_end(const folio_lanes_state *s, uint64_t v[4])
{
	memcpy(v, s->v, 4 * sizeof *v);
	if (s->ncarry) {
		unsigned char tail[32] = {0};
		memcpy(tail, s->carry, s->ncarry);
		lanes_block(v, tail);
	}
}

void folio_lanes(const unsigned char *p, size_t n, uint64_t v[4])
{
	folio_lanes_state s;
	folio_lanes_start(&s);
	folio_lanes_add(&s, p, n);
	folio_lanes_end(&s, v);
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
