/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Self-tests of kernel stack guard pages (suite "kstack"): below every
 * thread's stack and below the boot stack lies unmapped memory, probed
 * with a fault-catching write (probe.S); stacks are zeroed (reused ones
 * too), writable from base to top, and their slots are reused.
 */
#include <klib/errno.h>
#include <platform/kstack.h>
#include <platform/ktest.h>
#include <platform/page.h>
#include <platform/percpu.h>
#include "x64.h"

extern char boot_stack[];

static void *below(const void *p, size_t n)
{
	return (void *)((uintptr_t)p - n);
}

KTEST(kstack, a_new_stack_is_guarded)
{
	char *s = kstack_alloc();

	KTEST_EXPECT(t, s != NULL);
	if (!s)
		return;
	KTEST_EXPECT_EQ(t, s[0], 0);
	KTEST_EXPECT_EQ(t, s[KSTACK_SIZE - 1], 0);
	KTEST_EXPECT_EQ(t, probe_write(s), 0);
	KTEST_EXPECT_EQ(t, probe_write(s + KSTACK_SIZE - 1), 0);
	KTEST_EXPECT_EQ(t, probe_write(below(s, 1)), -EFAULT);
	KTEST_EXPECT_EQ(t, probe_write(below(s, KSTACK_SIZE)), -EFAULT);
	KTEST_EXPECT(t, kstack_guard_hit((uintptr_t)below(s, 1)));
	KTEST_EXPECT(t, !kstack_guard_hit((uintptr_t)s));
	kstack_free(s);
}

KTEST(kstack, a_reused_stack_is_zeroed_and_guarded)
{
	char *s = kstack_alloc(), *again;

	KTEST_EXPECT(t, s != NULL);
	if (!s)
		return;
	s[0] = s[KSTACK_SIZE - 1] = 'x';
	kstack_free(s);
	again = kstack_alloc(); /* most likely the same stack, from the cache */
	KTEST_EXPECT(t, again != NULL);
	if (!again)
		return;
	KTEST_EXPECT_EQ(t, again[0], 0);
	KTEST_EXPECT_EQ(t, again[KSTACK_SIZE - 1], 0);
	KTEST_EXPECT_EQ(t, probe_write(below(again, 1)), -EFAULT);
	kstack_free(again);
}

KTEST(kstack, this_thread_runs_on_a_guarded_stack)
{
	void *base = below((void *)this_cpu()->kstack_top, KSTACK_SIZE);
	char here;

	KTEST_EXPECT(t, (uintptr_t)&here >= (uintptr_t)base);
	KTEST_EXPECT_EQ(t, probe_write(below(base, 8)), -EFAULT);
}

KTEST(kstack, the_boot_stack_is_guarded)
{
	KTEST_EXPECT_EQ(t, probe_write(below(boot_stack, 1)), -EFAULT);
	KTEST_EXPECT_EQ(t, probe_write(below(boot_stack, PAGE_SIZE)), -EFAULT);
	KTEST_EXPECT_EQ(t, probe_write(boot_stack), 0);
	KTEST_EXPECT(t, kstack_guard_hit((uintptr_t)below(boot_stack, 1)));
}

KTEST(kstack, slots_are_reused)
{
	void *s[64];

	for (unsigned round = 0; round < 64; round++) {
		for (unsigned i = 0; i < ARRAY_SIZE(s); i++) {
			s[i] = kstack_alloc();
			KTEST_EXPECT(t, s[i] != NULL);
		}
		for (unsigned i = 0; i < ARRAY_SIZE(s); i++) {
			if (s[i])
				kstack_free(s[i]);
		}
	}
}

/* Past the cache, a freed stack is unmapped at once (a late write faults)
 * although its slot and frames wait for one batched TLB flush. */
KTEST(kstack, a_stack_freed_past_the_cache_faults_at_once)
{
	char *s[48];

	for (unsigned i = 0; i < ARRAY_SIZE(s); i++) {
		s[i] = kstack_alloc();
		KTEST_EXPECT(t, s[i] != NULL);
	}
	for (unsigned i = 0; i < ARRAY_SIZE(s); i++) {
		if (s[i])
			kstack_free(s[i]);
	}
	if (s[ARRAY_SIZE(s) - 1])
		KTEST_EXPECT_EQ(t, probe_write(s[ARRAY_SIZE(s) - 1]), -EFAULT);
}
