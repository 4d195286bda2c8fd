/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Self-tests of the OOM killer's scoring (oom_points): Linux's badness,
 * resident plus page-table pages shifted by oom_score_adj thousandths of
 * the machine, -1000 never chosen, a chosen process never below 1.
 */
#include <klib/errno.h>
#include <linux/oom.h>
#include <platform/ktest.h>
#include <kernel/oom.h>

KTEST(oom, badness_is_rss_plus_page_tables)
{
	KTEST_EXPECT_EQ(t, oom_points(1000, 2, 0, 32768), 1002);
	KTEST_EXPECT_EQ(t, oom_points(0, 0, 0, 32768), 1); /* never 0: still a candidate */
}

KTEST(oom, adj_shifts_by_thousandths_of_memory)
{
	/* 32768 pages: each adj point is 32 pages, as Linux's totalpages / 1000 */
	KTEST_EXPECT_EQ(t, oom_points(1000, 0, 500, 32768), 1000 + 500 * 32);
	KTEST_EXPECT_EQ(t, oom_points(1000, 0, OOM_SCORE_ADJ_MAX, 32768), 1000 + 32000);
	KTEST_EXPECT_EQ(t, oom_points(1000, 0, -10, 32768), 1000 - 320);
	KTEST_EXPECT_EQ(t, oom_points(1000, 0, -999, 32768), 1);
}

KTEST(oom, adj_min_is_never_chosen)
{
	KTEST_EXPECT_EQ(t, oom_points(30000, 60, OOM_SCORE_ADJ_MIN, 32768), INT64_MIN);
}

KTEST(oom, the_largest_wins_unless_adj_says_otherwise)
{
	long big = oom_points(20000, 40, 0, 32768), small = oom_points(2000, 4, 0, 32768);

	KTEST_EXPECT(t, big > small);
	/* a small process that asked to go first (adj 1000) outranks it */
	KTEST_EXPECT(t, oom_points(2000, 4, OOM_SCORE_ADJ_MAX, 32768) > big);
	/* and a big one protected by -900 falls behind */
	KTEST_EXPECT(t, oom_points(20000, 40, -900, 32768) < small);
}

KTEST(oom, overcommit_sysctls_range)
{
	int mode = vm_overcommit_mode(), ratio = vm_overcommit_ratio();

	KTEST_EXPECT_EQ(t, mode, OVERCOMMIT_GUESS);
	KTEST_EXPECT_EQ(t, ratio, 50);
	KTEST_EXPECT_EQ(t, vm_set_overcommit_mode(3), -EINVAL);
	KTEST_EXPECT_EQ(t, vm_set_overcommit_mode(-1), -EINVAL);
	KTEST_EXPECT(t, vm_enough_memory(1, false));
	KTEST_EXPECT(t, !vm_enough_memory((size_t)1 << 40, false));
	KTEST_EXPECT(t, vm_enough_memory((size_t)1 << 40, true)); /* MAP_NORESERVE */
	KTEST_EXPECT_EQ(t, vm_set_overcommit_mode(OVERCOMMIT_ALWAYS), 0);
	KTEST_EXPECT(t, vm_enough_memory((size_t)1 << 40, false));
	KTEST_EXPECT_EQ(t, vm_set_overcommit_mode(OVERCOMMIT_NEVER), 0);
	KTEST_EXPECT(t, !vm_enough_memory((size_t)1 << 40, true)); /* strict: no exemption */
	KTEST_EXPECT_EQ(t, vm_set_overcommit_mode(mode), 0);
}
