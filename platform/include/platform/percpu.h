/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Per-CPU data.  Each CPU has a `struct cpu` reached in O(1) through an arch
 * register (GS base on x86_64, TPIDR_EL1 on arm64).  Subsystems that want
 * per-CPU state keep an array indexed by cpu_id() and touch their own slot
 * with preemption or interrupts disabled.
 */
#pragma once

#include <klib/types.h>
#include <arch/percpu.h>

#define MAX_CPUS CONFIG_MAX_CPUS

struct thread;

/* Arch-neutral part of a CPU's state; the arch's lives in `arch`. */
struct cpu {
	struct cpu *self;     /* offset 0: this_cpu() reads it (arch) */
	uintptr_t kstack_top; /* offset 8: kernel stack for syscall entry (arch) */
	uintptr_t user_sp;    /* offset 16: syscall entry scratch (arch) */
	unsigned id;	      /* 0 .. ncpus()-1 */
	int preempt_count;    /* >0: no preemption (spinlocks, IRQs) */
	bool need_resched;    /* set by the tick or a wakeup */
	bool in_irq;
	struct thread *current;	 /* the running thread */
	struct thread *idle;	 /* this CPU's idle thread */
	uint64_t irq_count;	 /* interrupts handled */
	uint16_t held_ranks[16]; /* lock-rank stack (CONFIG_ASSERTS) */
	unsigned nheld;
	unsigned
		held_base; /* an interrupt handler's ranks start here (above the interrupted code's) */
};

/* The running CPU's struct cpu (inline: every syscall asks, through
 * current_thread()). */
static inline struct cpu *this_cpu(void)
{
	return arch_this_cpu();
}
/* The running thread, read in one instruction (see arch_this_cpu_read_ptr):
 * safe with preemption on, where this_cpu()->current is not. */
static inline struct thread *this_cpu_current(void)
{
	return arch_this_cpu_read_ptr(__builtin_offsetof(struct cpu, current));
}
unsigned cpu_id(void);
unsigned ncpus(void);
struct cpu *cpu_get(unsigned id);

void preempt_disable(void);
void preempt_enable(void);
