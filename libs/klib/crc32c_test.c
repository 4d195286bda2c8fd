/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Host tests for libs/klib/crc32c.c against published vectors: the
 * "123456789" check value of the CRC catalogue and the four 32-byte
 * patterns of RFC 3720 (appendix B.4), and that pieces chain.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <klib/crc32c.h>

static uint32_t std_crc(const void *p, size_t n)
{
	return ~crc32c(~0u, p, n);
}

static void test_check_value(void **state)
{
	assert_int_equal(std_crc("123456789", 9), 0xe3069283u);
	assert_int_equal(std_crc("", 0), 0);
}

static void test_rfc3720(void **state)
{
	uint8_t b[32];

	memset(b, 0, sizeof(b));
	assert_int_equal(std_crc(b, 32), 0x8a9136aau);
	memset(b, 0xff, sizeof(b));
	assert_int_equal(std_crc(b, 32), 0x62a8ab43u);
	for (int i = 0; i < 32; i++)
		b[i] = (uint8_t)i;
	assert_int_equal(std_crc(b, 32), 0x46dd794eu);
	for (int i = 0; i < 32; i++)
		b[i] = (uint8_t)(31 - i);
	assert_int_equal(std_crc(b, 32), 0x113fdb5cu);
}

static void test_chains(void **state)
{
	const char *s = "the quick brown fox jumps over the lazy dog";
	size_t n = strlen(s);

	for (size_t cut = 0; cut <= n; cut++)
		assert_int_equal(crc32c(crc32c(~0u, s, cut), s + cut, n - cut), crc32c(~0u, s, n));
}

/* Long runs take the eight-byte path: the same result as a byte at a
 * time, at every length and alignment around it. */
static void test_long_runs(void **state)
{
	static uint8_t b[4096 + 16];
	uint32_t x = 12345;

	for (size_t i = 0; i < sizeof(b); i++) {
		x = x * 1103515245u + 12345u;
		b[i] = (uint8_t)(x >> 16);
	}
	for (size_t off = 0; off < 8; off++)
		for (size_t n = 60; n < 200; n++) {
			uint32_t bytewise = ~0u;

			for (size_t i = 0; i < n; i++)
				bytewise = crc32c(bytewise, b + off + i, 1);
			assert_int_equal(crc32c(~0u, b + off, n), bytewise);
		}
	/* a 4 KiB block of zeros: the known CRC-32C of 4096 zero bytes */
	memset(b, 0, sizeof(b));
	assert_int_equal(~crc32c(~0u, b, 4096), 0x98f94189u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_value),
		cmocka_unit_test(test_rfc3720),
		cmocka_unit_test(test_chains),
		cmocka_unit_test(test_long_runs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
