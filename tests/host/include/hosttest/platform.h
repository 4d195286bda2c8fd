/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Host stand-ins for the ring-0 services platform/mm's glue uses: spinlocks,
 * interrupt flags, cpu_id() and the log.  Include in exactly one file of a
 * test binary, after <cmocka.h> and <hosttest/panic.h>.
 *
 * One simulated CPU runs at a time; the test picks which with host_cpu.
 * The spinlocks check what the kernel's checking profiles check: a lock is
 * not taken twice, spin_lock() runs with interrupts off, and lock ranks
 * strictly increase, so a test trips on a lock-order bug (panic(), which
 * expect_assert_failure() can catch).  host_locks_reset() clears the state
 * after such an expected panic.
 */
#pragma once

#include <stdarg.h>
#include <stdio.h>
#include <platform/irq.h>
#include <platform/log.h>
#include <platform/panic.h>
#include <platform/percpu.h>
#include <platform/spinlock.h>

static unsigned host_cpu;
static bool host_irq_on = true;
static uint16_t host_held[16];
static unsigned host_nheld;

static inline void host_locks_reset(void)
{
	host_nheld = 0;
	host_irq_on = true;
}

unsigned cpu_id(void)
{
	return host_cpu;
}

irqflags_t irq_save(void)
{
	irqflags_t was = host_irq_on;

	host_irq_on = false;
	return was;
}

void irq_restore(irqflags_t flags)
{
	host_irq_on = flags != 0;
}

bool irq_enabled(void)
{
	return host_irq_on;
}

void spin_lock_init(struct spinlock *l, const char *name, enum lock_rank rank)
{
	*l = (struct spinlock)SPINLOCK_INIT(name, rank);
}

void spin_lock(struct spinlock *l)
{
	if (host_irq_on)
		panic("spin_lock(%s) with interrupts on", l->name);
	if (l->cpu != -1)
		panic("%s taken twice", l->name);
	if (host_nheld > 0 && l->rank <= host_held[host_nheld - 1])
		panic("lock rank: %s (%u) taken under rank %u", l->name, l->rank,
		      host_held[host_nheld - 1]);
	if (host_nheld == ARRAY_SIZE(host_held))
		panic("too many locks held");
	host_held[host_nheld++] = l->rank;
	l->cpu = (int16_t)host_cpu;
}

void spin_unlock(struct spinlock *l)
{
	if (l->cpu == -1 || host_nheld == 0 || host_held[host_nheld - 1] != l->rank)
		panic("%s released out of order or not held", l->name);
	host_nheld--;
	l->cpu = -1;
}

bool spin_held(const struct spinlock *l)
{
	return l->cpu == (int16_t)host_cpu;
}

irqflags_t spin_lock_irqsave(struct spinlock *l)
{
	irqflags_t f = irq_save();

	spin_lock(l);
	return f;
}

void spin_unlock_irqrestore(struct spinlock *l, irqflags_t flags)
{
	spin_unlock(l);
	irq_restore(flags);
}

void klog(int level, const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}
