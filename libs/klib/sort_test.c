/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Host tests for libs/klib/sort.c: empty, one, sorted, reversed, equal
 * and pseudo-random arrays come out ascending with the same elements. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <klib/sort.h>

static void check_u64(uint64_t *v, size_t n)
{
	uint64_t sum = 0, sum2 = 0;

	for (size_t i = 0; i < n; i++)
		sum += v[i] * 2654435761u;
	sort_u64(v, n);
	for (size_t i = 0; i < n; i++) {
		sum2 += v[i] * 2654435761u;
		if (i)
			assert_true(v[i - 1] <= v[i]);
	}
	assert_true(sum == sum2); /* the same elements, moved */
}

static void test_u64_shapes(void **state)
{
	static uint64_t v[1000];
	uint64_t x = 88172645463325252ull;

	(void)state;
	check_u64(v, 0);
	v[0] = 7;
	check_u64(v, 1);
	assert_true(v[0] == 7);
	for (size_t i = 0; i < 1000; i++)
		v[i] = i;
	check_u64(v, 1000);
	for (size_t i = 0; i < 1000; i++)
		v[i] = 1000 - i;
	check_u64(v, 1000);
	assert_true(v[0] == 1 && v[999] == 1000);
	for (size_t i = 0; i < 1000; i++)
		v[i] = 5;
	check_u64(v, 1000);
	for (size_t i = 0; i < 1000; i++) { /* xorshift64 */
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		v[i] = x % 97 + (x >> 60 ? UINT64_MAX - 3 : 0);
	}
	check_u64(v, 1000);
}

static void test_u32(void **state)
{
	uint32_t v[] = {4000000000u, 3, 3, 0, 17, 2, 4000000000u, 1};

	(void)state;
	sort_u32(v, sizeof(v) / sizeof(v[0]));
	assert_true(v[0] == 0 && v[1] == 1 && v[2] == 2 && v[3] == 3 && v[4] == 3 && v[5] == 17);
	assert_true(v[6] == 4000000000u && v[7] == 4000000000u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_u64_shapes),
		cmocka_unit_test(test_u32),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
