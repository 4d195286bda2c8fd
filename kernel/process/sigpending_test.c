/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Host tests for the per-user pending-signal counters (sigpending.c):
 * the limit as Linux checks it (the count after the charge), override,
 * users kept apart, a handle giving back to the user it was taken from,
 * and the table filling up (the rest share one counter).
 */
/* hosttest-cflags: -Ikernel/include */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <kernel/sigpending.h>

static void limit_counts_after_charge(void **state)
{
	int h[3];

	assert_int_equal(sigpending_count(1000), 0);
	for (int i = 0; i < 3; i++) {
		h[i] = sigpending_charge(1000, 3, false);
		assert_true(h[i] > 0);
	}
	assert_int_equal(sigpending_charge(1000, 3, false), 0);
	assert_int_equal(sigpending_count(1000), 3);
	/* a standard signal from kill() passes the limit */
	h[0] = sigpending_charge(1000, 3, true);
	assert_true(h[0] > 0);
	assert_int_equal(sigpending_count(1000), 4);
	sigpending_uncharge(h[0]);
	for (int i = 0; i < 3; i++)
		sigpending_uncharge(h[i]);
	assert_int_equal(sigpending_count(1000), 0);
	assert_int_equal(sigpending_charge(1000, 0, false), 0); /* a zero limit */
}

static void users_apart(void **state)
{
	int a = sigpending_charge(2000, 1, false), b = sigpending_charge(2001, 1, false);
	int root = sigpending_charge(0, 1, false);

	assert_true(a > 0 && b > 0 && root > 0);
	assert_int_not_equal(a, b);
	assert_int_equal(sigpending_count(2000), 1);
	assert_int_equal(sigpending_count(2001), 1);
	assert_int_equal(sigpending_count(0), 1);
	assert_int_equal(sigpending_count(0xfffffffeu), 0);
	/* the handle, not the uid, says whom to give back to */
	sigpending_uncharge(a);
	assert_int_equal(sigpending_count(2000), 0);
	assert_int_equal(sigpending_count(2001), 1);
	sigpending_uncharge(b);
	sigpending_uncharge(root);
	sigpending_uncharge(0); /* none */
	assert_int_equal(sigpending_count(2001), 0);
}

static void table_full_shares(void **state)
{
	int h[400];

	for (unsigned i = 0; i < 400; i++) {
		h[i] = sigpending_charge(50000 + i, 1000, false);
		assert_true(h[i] > 0);
	}
	/* every uid still sees at least its own, the late ones share */
	for (unsigned i = 0; i < 400; i++)
		assert_true(sigpending_count(50000 + i) >= 1);
	for (unsigned i = 0; i < 400; i++)
		sigpending_uncharge(h[i]);
	for (unsigned i = 0; i < 400; i++)
		assert_int_equal(sigpending_count(50000 + i), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(limit_counts_after_charge),
		cmocka_unit_test(users_apart),
		cmocka_unit_test(table_full_shares),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
