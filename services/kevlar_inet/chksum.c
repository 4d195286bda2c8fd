/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * lwIP's data checksum (LWIP_CHKSUM): the ones'-complement sum of a
 * buffer taken as 16-bit words in the CPU's byte order, as lwIP's
 * lwip_standard_chksum returns it (folded, not inverted; a trailing odd
 * byte is the first byte of a word padded with zero).  lwIP sums every
 * received and sent segment with it, so it is the hot loop of a bulk
 * receive: lwIP's portable routine adds four bytes per step with a
 * carry test each; this one adds eight, unaligned loads (x86-64 and arm64
 * take them at full speed), and counts the carries out of the 64-bit sum
 * with one add each, so a 1460-byte segment is about 200 steps, not 750.
 *
 * Byte order does not matter: the ones'-complement sum of 64-bit words,
 * with end-around carries, folded to 16 bits, is the sum of the 16-bit
 * words they hold (RFC 1071 section 2), and the words are paired from
 * the buffer's first byte whatever its address, as lwIP pairs them.
 */
#include <klib/types.h>
#include "chksum.h"

typedef uint64_t __attribute__((may_alias, aligned(1))) uword64_t; /* possibly unaligned */

static inline void add64(uint64_t *sum, uint64_t *carries, uint64_t w)
{
	*sum += w;
	*carries += *sum < w;
}

uint16_t kevlar_inet_chksum(const void *data, int len)
{
	const uint8_t *p = data;
	uint64_t sum = 0, carries = 0, tail = 0;
	uint8_t *t = (uint8_t *)&tail;

	for (; len >= 32; len -= 32, p += 32) {
		add64(&sum, &carries, *(const uword64_t *)p);
		add64(&sum, &carries, *(const uword64_t *)(p + 8));
		add64(&sum, &carries, *(const uword64_t *)(p + 16));
		add64(&sum, &carries, *(const uword64_t *)(p + 24));
	}
	for (; len >= 8; len -= 8, p += 8)
		add64(&sum, &carries, *(const uword64_t *)p);
	for (int i = 0; i < len; i++) /* the last 0-7 bytes, in memory order */
		t[i] = p[i];
	add64(&sum, &carries, tail);
	/* each carry out of bit 63 is worth one at bit 0 (end-around) */
	sum += carries;
	if (sum < carries)
		sum++;
	sum = (sum & 0xffffffffu) + (sum >> 32);
	sum = (sum & 0xffffffffu) + (sum >> 32);
	sum = (sum & 0xffffu) + (sum >> 16);
	sum = (sum & 0xffffu) + (sum >> 16);
	return (uint16_t)sum;
}
