/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Interrupt flag control and the device-interrupt table.  ISA IRQ n is
 * routed by the IOAPIC to vector VEC_IRQ_BASE + n on the boot CPU.
 */
#include <klib/errno.h>
#include <platform/irq.h>
#include <platform/log.h>
#include <platform/percpu.h>
#include <platform/spinlock.h>
#include <platform/upcall.h>
#include "x64.h"

struct irq_slot {
	irq_handler_fn fn;
	void *ctx;
};
static struct irq_slot irq_table[NR_ISA_IRQS]; /* guarded by irq_lock */
static struct spinlock irq_lock = SPINLOCK_INIT("irq", LOCK_RANK_IRQCHIP);

irqflags_t irq_save(void)
{
	irqflags_t f;

	__asm__ volatile("pushfq; popq %0; cli" : "=r"(f)::"memory");
	return f & RFLAGS_IF;
}

void irq_restore(irqflags_t f)
{
	if (f & RFLAGS_IF)
		__asm__ volatile("sti" ::: "memory");
}

void irq_enable(void)
{
	__asm__ volatile("sti" ::: "memory");
}

void irq_disable(void)
{
	__asm__ volatile("cli" ::: "memory");
}

bool irq_enabled(void)
{
	return read_rflags() & RFLAGS_IF;
}

void cpu_relax(void)
{
	__asm__ volatile("pause" ::: "memory");
	smp_poll(); /* a CPU waiting for us may be spinning with interrupts off */
}

void cpu_idle(void)
{
	__asm__ volatile("cli" ::: "memory");
	timer_check_armed();
	/* sti's one-instruction shadow makes "sti; hlt" race-free */
	__asm__ volatile("sti; hlt" ::: "memory");
}

int irq_register(unsigned irq, irq_handler_fn fn, void *ctx)
{
	irqflags_t f;
	int err = 0;

	if (irq >= NR_ISA_IRQS || !fn)
		return -EINVAL;
	f = spin_lock_irqsave(&irq_lock);
	if (irq_table[irq].fn) {
		err = -EBUSY;
	} else {
		irq_table[irq] = (struct irq_slot){fn, ctx};
		ioapic_route(irq, (uint8_t)(VEC_IRQ_BASE + irq), lapic_id(), false);
	}
	spin_unlock_irqrestore(&irq_lock, f);
	return err;
}

void irq_unregister(unsigned irq)
{
	irqflags_t f;

	if (irq >= NR_ISA_IRQS)
		return;
	f = spin_lock_irqsave(&irq_lock);
	ioapic_route(irq, (uint8_t)(VEC_IRQ_BASE + irq), lapic_id(), true);
	irq_table[irq] = (struct irq_slot){NULL, NULL};
	spin_unlock_irqrestore(&irq_lock, f);
}

void irq_dispatch(unsigned vector)
{
	if (vector == VEC_SPURIOUS)
		return; /* no EOI for spurious interrupts */
	if (vector == VEC_TIMER) {
		lapic_eoi();
		timer_irq();
		return;
	}
	if (vector == VEC_IPI_STOP)
		smp_ipi_stop();
	if (vector == VEC_IPI_RESCHED) { /* smp_reschedule set need_resched, or a kick */
		lapic_eoi();
		return;
	}
	if (vector == VEC_IPI_CALL) {
		smp_ipi_call();
		lapic_eoi();
		return;
	}
	if (vector == VEC_IPI_TLB) {
		smp_poll();
		lapic_eoi();
		return;
	}
	if (msi_dispatch(vector)) {
		lapic_eoi();
		return;
	}
	if (vector >= VEC_IRQ_BASE && vector < VEC_IRQ_BASE + NR_ISA_IRQS) {
		struct irq_slot s = irq_table[vector - VEC_IRQ_BASE];

		if (s.fn)
			s.fn(vector - VEC_IRQ_BASE, s.ctx);
		else
			pr_warn("irq: unexpected IRQ %u\n", vector - VEC_IRQ_BASE);
	}
	lapic_eoi();
}
