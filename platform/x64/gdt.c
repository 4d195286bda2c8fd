/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * GDT and TSS, one of each per CPU.  The selector layout is Linux's, which
 * SYSCALL/SYSRET dictate (STAR: kernel CS, CS+8 = SS; user CS = base+16,
 * user SS = base+8) and which user space can observe in signal frames:
 *
 *   0x10 kernel code, 0x18 kernel data, 0x23 user code 32-bit (unused),
 *   0x2b user data, 0x33 user code 64-bit, 0x40 TSS (16 bytes).
 *
 * The TSS gives RSP0 (the stack interrupts from user mode land on) and the
 * IST stacks for double fault and NMI, so those run on a known-good stack.
 */
#include <klib/string.h>
#include <platform/percpu.h>
#include "x64.h"

#define GDT_ENTRIES 10

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __packed;

struct gdt_ptr {
	uint16_t limit;
	uint64_t base;
} __packed;

static uint64_t gdt[MAX_CPUS][GDT_ENTRIES] __aligned(16);
static struct tss tss[MAX_CPUS] __aligned(16);
static uint8_t ist_stacks[MAX_CPUS][2][8192] __aligned(16);

void gdt_init_cpu(unsigned cpu)
{
	uint64_t *g = gdt[cpu];
	struct tss *t = &tss[cpu];
	uintptr_t tb = (uintptr_t)t;
	struct gdt_ptr ptr = {sizeof(gdt[cpu]) - 1, (uintptr_t)g};

	memset(g, 0, sizeof(gdt[cpu]));
	g[GDT_KCODE / 8] = 0x00af9a000000ffff;
	g[GDT_KDATA / 8] = 0x00cf92000000ffff;
	g[GDT_UCODE32 / 8] = 0x00cffa000000ffff;
	g[GDT_UDATA / 8] = 0x00cff2000000ffff;
	g[GDT_UCODE / 8] = 0x00affa000000ffff;

	memset(t, 0, sizeof(*t));
	t->iomap_base = sizeof(*t); /* no I/O permission bitmap */
	t->ist[IST_DOUBLE_FAULT - 1] = (uintptr_t)&ist_stacks[cpu][0][8192];
	t->ist[IST_NMI - 1] = (uintptr_t)&ist_stacks[cpu][1][8192];
	g[GDT_TSS / 8] = (sizeof(*t) - 1) | ((tb & 0xffffff) << 16) | (0x89ull << 40) |
			 (((tb >> 24) & 0xff) << 56);
	g[GDT_TSS / 8 + 1] = tb >> 32;

	__asm__ volatile("lgdt %0\n\t"
			 "movw %w1, %%ds\n\t"
			 "movw %w1, %%es\n\t"
			 "movw %w1, %%ss\n\t"
			 "pushq %2\n\t"
			 "leaq 1f(%%rip), %%rax\n\t"
			 "pushq %%rax\n\t"
			 "lretq\n"
			 "1:\n\t"
			 "ltr %w3"
			 :
			 : "m"(ptr), "r"(GDT_KDATA), "i"(GDT_KCODE), "r"(GDT_TSS)
			 : "rax", "memory");
}

/* The stack the CPU switches to on an interrupt or exception from user mode. */
void tss_set_rsp0(unsigned cpu, uintptr_t rsp0)
{
	tss[cpu].rsp[0] = rsp0;
}
