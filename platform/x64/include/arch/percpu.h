/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* x86_64's per-CPU pointer: GS:0 holds the CPU's own struct cpu (its
 * `self` field), so finding it is one load. */
#pragma once

struct cpu;

static inline struct cpu *arch_this_cpu(void)
{
	struct cpu *c;

	__asm__ volatile("movq %%gs:0, %0" : "=r"(c));
	return c;
}

/* Read the pointer at byte `off` of this CPU's struct cpu, or add to the
 * int there, in one instruction: an interrupt cannot come between finding
 * the CPU and the access, so a preemptible thread moved to another CPU
 * meanwhile does not touch the old CPU's field. */
#define arch_this_cpu_read_ptr(off)                                          \
	({                                                                   \
		void *v_;                                                    \
		__asm__ volatile("movq %%gs:%c1, %0" : "=r"(v_) : "i"(off)); \
		v_;                                                          \
	})
#define arch_this_cpu_add_int(off, v) \
	__asm__ volatile("addl %1, %%gs:%c0" ::"i"(off), "ri"((int)(v)) : "memory", "cc")
