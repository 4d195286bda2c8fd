/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Self-tests of the other processors (suite "smp"): every enabled CPU of
 * the MADT is online (up to MAX_CPUS and smp=N), each runs a remote call
 * exactly once, urgent calls complete with interrupts off, and a kernel
 * page unmapped on one CPU is gone from every CPU's TLB, and spinlocks
 * exclude in both their styles (tickets, test-and-set).  With one CPU
 * they check the same on that one.
 */
#include <klib/cmdline.h>
#include <klib/errno.h>
#include <platform/boot.h>
#include <platform/irq.h>
#include <platform/kstack.h>
#include <platform/ktest.h>
#include <platform/page.h>
#include <platform/percpu.h>
#include <platform/smp.h>
#include <platform/spinlock.h>
#include "../core/core.h"
#include "x64.h"

static unsigned calls[MAX_CPUS];

static void count_call(void *arg)
{
	unsigned *c = arg;

	if (irq_enabled())
		return; /* not counted: a call runs with interrupts off */
	__atomic_add_fetch(&c[cpu_id()], 1, __ATOMIC_RELAXED);
}

KTEST(smp, every_cpu_is_online)
{
	unsigned long long limit = MAX_CPUS;
	unsigned want = MIN(acpi_ncpus ? acpi_ncpus : 1, (unsigned)MAX_CPUS);

	if (cmdline_get_ull(boot_cmdline(), "smp", &limit) == 0)
		want = MIN(want, (unsigned)MAX(limit, 1ull));
	KTEST_EXPECT_EQ(t, ncpus(), want);
	KTEST_EXPECT_EQ(t, smp_online_mask(), (1ull << ncpus()) - 1);
	for (unsigned i = 0; i < ncpus(); i++)
		KTEST_EXPECT_EQ(t, cpu_get(i)->id, i);
}

KTEST(smp, a_remote_call_runs_once_on_each_cpu)
{
	for (unsigned i = 0; i < MAX_CPUS; i++)
		calls[i] = 0;
	smp_call_mask(smp_online_mask(), count_call, calls);
	for (unsigned i = 0; i < MAX_CPUS; i++)
		KTEST_EXPECT_EQ(t, calls[i], i < ncpus() ? 1u : 0u);
}

KTEST(smp, an_urgent_call_completes_with_interrupts_off)
{
	irqflags_t f;

	for (unsigned i = 0; i < MAX_CPUS; i++)
		calls[i] = 0;
	f = irq_save();
	smp_call_urgent(smp_online_mask(), count_call, calls);
	KTEST_EXPECT_EQ(t, calls[cpu_id()], 0u); /* the others only */
	irq_restore(f);
	for (unsigned i = 0; i < ncpus(); i++)
		KTEST_EXPECT_EQ(t, calls[i], i == cpu_id() ? 0u : 1u);
}

static long probe_results[MAX_CPUS];

static void probe_here(void *p)
{
	probe_results[cpu_id()] = probe_write(p);
}

KTEST(smp, an_unmapped_kernel_page_faults_on_every_cpu)
{
	char *s = kstack_alloc();
	paddr_t pa;

	KTEST_EXPECT(t, s != NULL);
	if (!s)
		return;
	smp_call_mask(smp_online_mask(), probe_here, s); /* in every TLB now */
	for (unsigned i = 0; i < ncpus(); i++)
		KTEST_EXPECT_EQ(t, probe_results[i], 0);
	pa = paging_unmap_kernel_page((uintptr_t)s);
	paging_flush_kernel((uintptr_t)s, PAGE_SIZE);
	smp_call_mask(smp_online_mask(), probe_here, s);
	for (unsigned i = 0; i < ncpus(); i++)
		KTEST_EXPECT_EQ(t, probe_results[i], -EFAULT);
	KTEST_EXPECT_EQ(t, paging_map_kernel_page((uintptr_t)s, pa), 0);
	kstack_free(s);
}

/* ---- spinlocks taken on every CPU at once, in both styles ---- */

#define LOCK_ROUNDS 20000

static struct spinlock shared_lock = SPINLOCK_INIT("ktest-shared", LOCK_RANK_NONE);
static unsigned long shared_count; /* shared_lock; a plain (non-atomic) increment */

static void hammer(void *arg)
{
	(void)arg;
	for (unsigned i = 0; i < LOCK_ROUNDS; i++) {
		spin_lock(&shared_lock);
		WRITE_ONCE(shared_count, READ_ONCE(shared_count) + 1);
		spin_unlock(&shared_lock);
	}
}

/* Ticket and test-and-set acquisition interoperate, so the style may be
 * switched while other CPUs hold or wait for a lock. */
KTEST(smp, spinlocks_exclude_in_both_styles)
{
	bool was = spin_unfair;

	for (int unfair = 0; unfair < 2; unfair++) {
		spin_unfair = unfair;
		shared_count = 0;
		smp_call_mask(smp_online_mask(), hammer, NULL);
		KTEST_EXPECT_EQ(t, shared_count, (unsigned long)LOCK_ROUNDS * ncpus());
	}
	spin_unfair = was;
}
