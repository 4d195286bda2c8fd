/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Host tests for libs/klib/crc32.c: the CRC catalogue's "123456789"
 * check value, zlib's value of a longer text, and that pieces chain.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <klib/crc32.h>

static uint32_t std_crc(const void *p, size_t n)
{
	return ~crc32(~0u, p, n);
}

static void test_check_value(void **state)
{
	assert_int_equal(std_crc("123456789", 9), 0xcbf43926u);
	assert_int_equal(std_crc("", 0), 0);
	/* python3 -c 'import zlib; print(hex(zlib.crc32(b"The quick brown fox jumps over the lazy dog")))' */
	assert_int_equal(std_crc("The quick brown fox jumps over the lazy dog", 43), 0x414fa339u);
}

static void test_chaining(void **state)
{
	const char *s = "123456789";

	assert_int_equal(~crc32(crc32(~0u, s, 4), s + 4, 5), 0xcbf43926u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_value),
		cmocka_unit_test(test_chaining),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
