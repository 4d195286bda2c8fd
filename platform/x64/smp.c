/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Inter-processor calls on one CPU: the application processors are not
 * started yet, so every call runs here.
 */
#include <platform/irq.h>
#include <platform/percpu.h>
#include <platform/smp.h>

cpumask_t smp_online_mask(void)
{
	return 1;
}

void smp_call_mask(cpumask_t mask, void (*fn)(void *), void *arg)
{
	irqflags_t f;

	if (!(mask & (1ull << cpu_id())))
		return;
	f = irq_save();
	fn(arg);
	irq_restore(f);
}

void smp_reschedule(unsigned cpu)
{
	(void)cpu; /* the only CPU notices need_resched on its own */
}
