/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Local APIC (xAPIC, memory-mapped) and IOAPIC.  The legacy 8259 PICs are
 * remapped out of the exception range and masked; device interrupts come
 * through the IOAPIC, timer and IPIs through the local APIC.
 */
#include <platform/log.h>
#include <platform/spinlock.h>
#include "mmio.h"
#include "x64.h"

#define LAPIC_ID	 0x20
#define LAPIC_VER	 0x30
#define LAPIC_TPR	 0x80
#define LAPIC_EOI	 0xb0
#define LAPIC_SVR	 0xf0
#define LAPIC_ICR_LO	 0x300
#define LAPIC_ICR_HI	 0x310
#define LAPIC_LVT_TIMER	 0x320
#define LAPIC_LVT_LINT0	 0x350
#define LAPIC_LVT_LINT1	 0x360
#define LAPIC_LVT_ERR	 0x370
#define LAPIC_TIMER_INIT 0x380
#define LAPIC_TIMER_CUR	 0x390
#define LAPIC_TIMER_DIV	 0x3e0
#define LVT_MASKED	 (1u << 16)
#define LVT_TSC_DEADLINE (2u << 17)

#define IOAPIC_REGSEL	 0x00
#define IOAPIC_WIN	 0x10
#define IOAPIC_VER	 0x01
#define IOAPIC_REDTBL(n) (0x10 + 2 * (n))

static void __iomem *lapic;
static void __iomem *ioapic;
static unsigned ioapic_pins;
static struct spinlock ioapic_lock = SPINLOCK_INIT("ioapic", LOCK_RANK_IRQCHIP + 1);
bool lapic_deadline_mode;

static uint32_t lapic_read(unsigned reg)
{
	return mmio_read32((char __iomem *)lapic + reg);
}

static void lapic_write(unsigned reg, uint32_t v)
{
	mmio_write32((char __iomem *)lapic + reg, v);
}

static void pic_disable(void)
{
	/* remap to vectors 0x20-0x2f (ICW1-4), then mask every line */
	outb(0x20, 0x11);
	outb(0xa0, 0x11);
	outb(0x21, 0x20);
	outb(0xa1, 0x28);
	outb(0x21, 4);
	outb(0xa1, 2);
	outb(0x21, 1);
	outb(0xa1, 1);
	outb(0x21, 0xff);
	outb(0xa1, 0xff);
}

void lapic_init(void)
{
	pic_disable();
	if (!lapic)
		lapic = ioremap(lapic_phys, 4096);
	lapic_init_cpu();
}

/* This CPU's local APIC: enabled, timer and error interrupt masked. */
void lapic_init_cpu(void)
{
	wrmsr(MSR_APIC_BASE, rdmsr(MSR_APIC_BASE) | (1u << 11)); /* global enable */
	lapic_write(LAPIC_TPR, 0);
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED);
	lapic_write(LAPIC_LVT_ERR, LVT_MASKED);
	lapic_write(LAPIC_SVR, 0x100 | VEC_SPURIOUS); /* software enable */
	lapic_write(LAPIC_EOI, 0);
}

uint32_t lapic_id(void)
{
	return lapic ? lapic_read(LAPIC_ID) >> 24 : 0;
}

void lapic_eoi(void)
{
	lapic_write(LAPIC_EOI, 0);
}

/* One-shot countdown of `ticks` LAPIC timer ticks (divide by 1); 0 stops. */
void lapic_timer_oneshot(uint64_t ticks)
{
	lapic_write(LAPIC_TIMER_DIV, 0xb);
	lapic_write(LAPIC_LVT_TIMER, VEC_TIMER);
	lapic_write(LAPIC_TIMER_INIT, (uint32_t)MIN(ticks, 0xffffffffull));
}

void lapic_timer_deadline_mode(void)
{
	lapic_write(LAPIC_LVT_TIMER, VEC_TIMER | LVT_TSC_DEADLINE);
	lapic_deadline_mode = true;
}

uint32_t lapic_timer_initial(void)
{
	return lapic_read(LAPIC_TIMER_INIT);
}

uint32_t lapic_timer_current(void)
{
	return lapic_read(LAPIC_TIMER_CUR);
}

void lapic_timer_mask(void)
{
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED);
}

/* Write the interrupt command register: `icr` (vector, delivery mode,
 * level) to `apic_id`.  Interrupts stay off between the two halves, which
 * an IPI sent from an interrupt handler would otherwise clobber. */
void lapic_send_icr(uint32_t apic_id, uint32_t icr)
{
	irqflags_t f = irq_save();

	lapic_write(LAPIC_ICR_HI, apic_id << 24);
	lapic_write(LAPIC_ICR_LO, icr);
	while (lapic_read(LAPIC_ICR_LO) & (1u << 12)) /* delivery pending */
		cpu_relax();
	irq_restore(f);
}

void lapic_send_ipi(uint32_t apic_id, uint8_t vector)
{
	lapic_send_icr(apic_id, vector);
}

static uint32_t ioapic_read(unsigned reg)
{
	mmio_write32((char __iomem *)ioapic + IOAPIC_REGSEL, reg);
	return mmio_read32((char __iomem *)ioapic + IOAPIC_WIN);
}

static void ioapic_write(unsigned reg, uint32_t v)
{
	mmio_write32((char __iomem *)ioapic + IOAPIC_REGSEL, reg);
	mmio_write32((char __iomem *)ioapic + IOAPIC_WIN, v);
}

void ioapic_init(void)
{
	ioapic = ioremap(ioapic_phys, 4096);
	ioapic_pins = ((ioapic_read(IOAPIC_VER) >> 16) & 0xff) + 1;
	for (unsigned i = 0; i < ioapic_pins; i++) {
		ioapic_write(IOAPIC_REDTBL(i), LVT_MASKED);
		ioapic_write(IOAPIC_REDTBL(i) + 1, 0);
	}
	pr_info("ioapic: %u pins at GSI %u\n", ioapic_pins, ioapic_gsi_base);
}

unsigned ioapic_npins(void)
{
	return ioapic_pins;
}

/* Route ISA IRQ `irq` (through its MADT override) to `vector` on `apic_id`. */
void ioapic_route(unsigned irq, uint8_t vector, uint32_t apic_id, bool masked)
{
	unsigned gsi = irq < 16 ? isa_irq_to_gsi[irq] : irq;
	uint16_t fl = irq < 16 ? isa_irq_flags[irq] : 0;
	uint32_t lo = vector;
	irqflags_t f;

	if (gsi < ioapic_gsi_base || gsi - ioapic_gsi_base >= ioapic_pins)
		return;
	if ((fl & 3) == 3)
		lo |= 1u << 13; /* active low */
	if (((fl >> 2) & 3) == 3)
		lo |= 1u << 15; /* level triggered */
	if (masked)
		lo |= LVT_MASKED;
	f = spin_lock_irqsave(&ioapic_lock);
	ioapic_write(IOAPIC_REDTBL(gsi - ioapic_gsi_base) + 1, apic_id << 24);
	ioapic_write(IOAPIC_REDTBL(gsi - ioapic_gsi_base), lo);
	spin_unlock_irqrestore(&ioapic_lock, f);
}

/* Read back a redirection entry (self-tests). */
uint64_t ioapic_entry(unsigned irq)
{
	unsigned pin = (irq < 16 ? isa_irq_to_gsi[irq] : irq) - ioapic_gsi_base;

	return ((uint64_t)ioapic_read(IOAPIC_REDTBL(pin) + 1) << 32) |
	       ioapic_read(IOAPIC_REDTBL(pin));
}
