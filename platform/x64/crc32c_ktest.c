/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Self-tests of platform_crc32c (suite "crc32c"): the published check
 * value, and the same answer as klib's table code at every length and
 * alignment around the eight-byte steps, chained or whole.
 */
#include <klib/crc32c.h>
#include <platform/crc32c.h>
#include <platform/ktest.h>

KTEST(crc32c, check_value)
{
	KTEST_EXPECT_EQ(t, ~platform_crc32c(~0u, "123456789", 9), 0xe3069283u);
	KTEST_EXPECT_EQ(t, platform_crc32c(0x1234u, "", 0), 0x1234u);
}

KTEST(crc32c, equals_the_table_code)
{
	static uint8_t b[4096 + 64];
	uint32_t x = 77, bad = 0;

	for (size_t i = 0; i < sizeof(b); i++) {
		x = x * 1103515245u + 12345u;
		b[i] = (uint8_t)(x >> 16);
	}
	for (size_t off = 0; off < 9; off++)
		for (size_t n = 0; n < 40; n++)
			bad += platform_crc32c(~0u, b + off, n) != crc32c(~0u, b + off, n);
	bad += platform_crc32c(~0u, b + 3, 4096) != crc32c(~0u, b + 3, 4096);
	bad += platform_crc32c(platform_crc32c(~0u, b, 1000), b + 1000, 3096) !=
	       crc32c(~0u, b, 4096);
	KTEST_EXPECT_EQ(t, bad, 0);
}
