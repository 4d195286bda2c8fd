/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Host tests for the Internet checksum (csum.c): RFC 1071's worked
 * example, a real IPv4 header, odd lengths, and any split of the data
 * into pieces (at odd and even offsets) summing to the whole's value.
 */
/* hosttest-cflags: -Ikernel/include -Iplatform/x64/include */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <kernel/netdev.h>

static uint16_t whole(const uint8_t *p, size_t len)
{
	return csum_fold(csum_add_bytes(0, p, len, false));
}

static void rfc1071_example(void **state)
{
	/* RFC 1071 section 3: the sum of these words is ddf2 (folded) */
	static const uint8_t d[] = {0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};

	assert_int_equal(whole(d, sizeof(d)), (uint16_t)~0xddf2);
}

static void ipv4_header(void **state)
{
	/* a header whose checksum field (bytes 10-11) holds b861 sums to 0 */
	uint8_t h[20] = {0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
			 0x00, 0x00, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7};

	assert_int_equal(whole(h, sizeof(h)), 0xb861);
	h[10] = 0xb8;
	h[11] = 0x61;
	assert_int_equal(whole(h, sizeof(h)), 0);
}

static void odd_length(void **state)
{
	static const uint8_t d[] = {0x12, 0x34, 0x56};

	/* 0x1234 + 0x5600 */
	assert_int_equal(whole(d, sizeof(d)), (uint16_t)~0x6834);
}

static void pieces(void **state)
{
	uint8_t d[301];

	for (size_t i = 0; i < sizeof(d); i++)
		d[i] = (uint8_t)(i * 37 + 11);
	for (size_t a = 0; a <= sizeof(d); a++) {
		for (size_t b = a; b <= sizeof(d); b += 7) {
			uint32_t s = csum_add_bytes(0, d, a, false);

			s = csum_add_bytes(s, d + a, b - a, a & 1);
			s = csum_add_bytes(s, d + b, sizeof(d) - b, b & 1);
			assert_int_equal(csum_fold(s), whole(d, sizeof(d)));
		}
	}
}

static void carries(void **state)
{
	static uint8_t d[65536];

	memset(d, 0xff, sizeof(d));
	/* all ones sum to negative zero: the checksum of it is 0 */
	assert_int_equal(whole(d, sizeof(d)), 0);
	d[0] = 0xfe;
	assert_int_equal(whole(d, sizeof(d)), 0x0100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rfc1071_example), cmocka_unit_test(ipv4_header),
		cmocka_unit_test(odd_length),	   cmocka_unit_test(pieces),
		cmocka_unit_test(carries),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
