/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Self-tests of the load-average arithmetic against values worked out by
 * hand from the fixed-point definition.
 */
#include <platform/ktest.h>
#include <kernel/loadavg.h>

/* One runnable thread from idle: the 1-minute average after one sample
 * is 1 - 1884/2048 = 0.08 (164/2048), rounded up while rising. */
KTEST(loadavg, first_sample)
{
	KTEST_EXPECT_EQ(t, loadavg_step(0, LOADAVG_EXP_1, LOADAVG_ONE), 164ul);
	KTEST_EXPECT_EQ(t, loadavg_step(0, LOADAVG_EXP_5, LOADAVG_ONE), 34ul);
	KTEST_EXPECT_EQ(t, loadavg_step(0, LOADAVG_EXP_15, LOADAVG_ONE), 11ul);
}

/* A steady load converges to it and stays: 12 samples a minute. */
KTEST(loadavg, converges)
{
	unsigned long l = 0;

	for (int i = 0; i < 12 * 10; i++)
		l = loadavg_step(l, LOADAVG_EXP_1, 2 * LOADAVG_ONE);
	KTEST_EXPECT_EQ(t, l, 2 * LOADAVG_ONE);
	KTEST_EXPECT_EQ(t, loadavg_step(l, LOADAVG_EXP_1, 2 * LOADAVG_ONE), 2 * LOADAVG_ONE);
}

/* Idle decays it: from 1.00 one sample gives 1884/2048 = 0.91, and it
 * reaches 0 (no rounding up while falling). */
KTEST(loadavg, decays)
{
	unsigned long l = loadavg_step(LOADAVG_ONE, LOADAVG_EXP_1, 0);

	KTEST_EXPECT_EQ(t, l, 1884ul);
	KTEST_EXPECT_EQ(t, loadavg_int(l), 0ul);
	KTEST_EXPECT_EQ(t, loadavg_frac(l), 91ul);
	for (int i = 0; i < 12 * 30; i++)
		l = loadavg_step(l, LOADAVG_EXP_1, 0);
	KTEST_EXPECT_EQ(t, l, 0ul);
}

/* The printed form: 1.50 is int 1, frac 50. */
KTEST(loadavg, format)
{
	unsigned long x = LOADAVG_ONE + LOADAVG_ONE / 2;

	KTEST_EXPECT_EQ(t, loadavg_int(x), 1ul);
	KTEST_EXPECT_EQ(t, loadavg_frac(x), 50ul);
}
