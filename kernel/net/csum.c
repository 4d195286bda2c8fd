/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The Internet checksum (RFC 1071): the ones'-complement sum of the data
 * as big-endian 16-bit words, folded and complemented.  The sum may be
 * taken in pieces (the segments of a frame): `odd` says a piece starts at
 * an odd byte of the whole, so its first byte is the low half of a word.
 * The accumulator is kept unfolded in 32 bits between pieces; each call
 * folds its carries back in before it returns.
 */
#include <kernel/netdev.h>

uint32_t csum_add_bytes(uint32_t sum, const void *p, size_t len, bool odd)
{
	const uint8_t *b = p;
	uint64_t s = sum;
	size_t i = 0;

	if (odd && len) {
		s += b[0];
		i = 1;
	}
	for (; i + 1 < len; i += 2)
		s += (uint32_t)b[i] << 8 | b[i + 1];
	if (i < len)
		s += (uint32_t)b[i] << 8;
	while (s >> 32)
		s = (s & 0xffffffffu) + (s >> 32);
	return (uint32_t)s;
}

uint16_t csum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffffu) + (sum >> 16);
	return (uint16_t)~sum;
}
