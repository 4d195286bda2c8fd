/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The IDT: every vector points at its 16-byte stub in entry.S.  Double
 * fault and NMI run on their own IST stacks.  Only vector 3 (int3) may be
 * raised from user mode by software (DPL 3), as on Linux.
 */
#include <klib/types.h>
#include "x64.h"

struct idt_entry {
	uint16_t off_lo, sel;
	uint8_t ist, type;
	uint16_t off_mid;
	uint32_t off_hi, zero;
} __packed;

static struct idt_entry idt[256] __aligned(16);
extern const char trap_stubs[];

void idt_init(void)
{
	for (unsigned v = 0; v < 256; v++) {
		uintptr_t off = (uintptr_t)&trap_stubs[v * 16];
		struct idt_entry *e = &idt[v];

		e->off_lo = off & 0xffff;
		e->off_mid = (off >> 16) & 0xffff;
		e->off_hi = off >> 32;
		e->sel = GDT_KCODE;
		e->type = 0x8e; /* present, DPL 0, interrupt gate */
		e->ist = 0;
		e->zero = 0;
	}
	idt[3].type = 0xee; /* int3 from user mode */
	idt[4].type = 0xee; /* into */
	idt[8].ist = IST_DOUBLE_FAULT;
	idt[2].ist = IST_NMI;
	idt_load();
}

void idt_load(void)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __packed ptr = {sizeof(idt) - 1, (uintptr_t)idt};

	__asm__ volatile("lidt %0" ::"m"(ptr));
}
