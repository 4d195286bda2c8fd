/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Per-CPU data through the GS base: GS:0 holds the CPU's own `struct cpu`
 * pointer (struct cpu.self), so this_cpu() is one instruction.  In user mode
 * the kernel's GS base sits in KERNEL_GS_BASE and entry code swaps it in.
 */
#include <klib/string.h>
#include <platform/percpu.h>
#include "x64.h"

static struct cpu cpus[MAX_CPUS];
static unsigned cpu_count = 1; /* atomic: CPUs 0 .. cpu_count-1 are online */

unsigned cpu_id(void)
{
	return this_cpu()->id;
}

unsigned ncpus(void)
{
	return __atomic_load_n(&cpu_count, __ATOMIC_ACQUIRE);
}

struct cpu *cpu_get(unsigned id)
{
	return id < ncpus() ? &cpus[id] : NULL;
}

void percpu_set_online(unsigned n)
{
	__atomic_store_n(&cpu_count, n, __ATOMIC_RELEASE);
}

static void percpu_init(unsigned id)
{
	struct cpu *c = &cpus[id];

	memset(c, 0, sizeof(*c));
	c->self = c;
	c->id = id;
	wrmsr(MSR_GS_BASE, (uintptr_t)c);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
}

void percpu_init_bsp(void)
{
	percpu_init(0);
}

void percpu_init_ap(unsigned id)
{
	percpu_init(id);
}

/* One instruction each: an interrupt between finding the CPU and the
 * update could move the thread, which would then count on another CPU. */
void preempt_disable(void)
{
	arch_this_cpu_add_int(__builtin_offsetof(struct cpu, preempt_count), 1);
}

void preempt_enable(void)
{
	arch_this_cpu_add_int(__builtin_offsetof(struct cpu, preempt_count), -1);
}

/* syscall.S and entry code address these fields by offset */
_Static_assert(__builtin_offsetof(struct cpu, self) == 0, "cpu.self");
_Static_assert(__builtin_offsetof(struct cpu, kstack_top) == 8, "cpu.kstack_top");
_Static_assert(__builtin_offsetof(struct cpu, user_sp) == 16, "cpu.user_sp");
