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
