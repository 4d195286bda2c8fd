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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_value),
		cmocka_unit_test(test_rfc3720),
		cmocka_unit_test(test_chains),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
