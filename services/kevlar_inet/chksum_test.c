/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Host tests for the stack's checksum (chksum.c) against the definition:
 * RFC 1071's sum of byte pairs taken from the buffer's first byte, in the
 * CPU's byte order, a last odd byte padded with zero, folded.  Every
 * length to 300 and long ones at every alignment, random and all-ones
 * data (the carries), all zeros (0, never 0xffff), and the sum of a known
 * IPv4 header.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "chksum.h"

/* The definition, one 16-bit word at a time. */
static uint16_t reference(const uint8_t *p, int len)
{
	uint32_t sum = 0;
	int i;

	for (i = 0; i + 1 < len; i += 2) {
		uint16_t w;

		memcpy(&w, p + i, 2);
		sum += w;
	}
	if (i < len) {
		uint8_t last[2] = {p[i], 0};
		uint16_t w;

		memcpy(&w, last, 2);
		sum += w;
	}
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)sum;
}

static uint8_t buf[4096 + 16];

static void fill_random(unsigned seed)
{
	srand(seed);
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (uint8_t)rand();
}

static void every_short_length_and_alignment(void **state)
{
	(void)state;
	fill_random(1);
	for (int off = 0; off < 8; off++)
		for (int len = 0; len <= 300; len++)
			assert_int_equal(kevlar_inet_chksum(buf + off, len),
					 reference(buf + off, len));
}

static void long_buffers_random_data(void **state)
{
	static const int lens[] = {1460, 1461, 1480, 1514, 2047, 4096};

	(void)state;
	for (unsigned seed = 2; seed < 40; seed++) {
		fill_random(seed);
		for (size_t l = 0; l < sizeof(lens) / sizeof(lens[0]); l++)
			for (int off = 0; off < 16; off++)
				assert_int_equal(kevlar_inet_chksum(buf + off, lens[l]),
						 reference(buf + off, lens[l]));
	}
}

static void all_ones_carries_and_zeros(void **state)
{
	(void)state;
	memset(buf, 0xff, sizeof(buf));
	for (int len = 0; len <= 4096; len += 7)
		assert_int_equal(kevlar_inet_chksum(buf + 3, len), reference(buf + 3, len));
	assert_int_equal(kevlar_inet_chksum(buf, 4096), 0xffff);
	memset(buf, 0, sizeof(buf));
	assert_int_equal(kevlar_inet_chksum(buf, 4096), 0);
	assert_int_equal(kevlar_inet_chksum(buf + 1, 33), 0);
	/* one bit at the top of a 64-bit word's last byte, summed 512 times */
	for (int i = 7; i < 4096; i += 8)
		buf[i] = 0x80;
	assert_int_equal(kevlar_inet_chksum(buf, 4096), reference(buf, 4096));
}

static void an_ipv4_header_sums_to_all_ones(void **state)
{
	/* a header with its checksum field filled sums to 0xffff */
	static const uint8_t hdr[20] = {0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
					0xb8, 0x61, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7};

	(void)state;
	assert_int_equal(kevlar_inet_chksum(hdr, sizeof(hdr)), 0xffff);
	memcpy(buf + 1, hdr, sizeof(hdr));
	assert_int_equal(kevlar_inet_chksum(buf + 1, sizeof(hdr)), 0xffff);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_short_length_and_alignment),
		cmocka_unit_test(long_buffers_random_data),
		cmocka_unit_test(all_ones_carries_and_zeros),
		cmocka_unit_test(an_ipv4_header_sums_to_all_ones),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
