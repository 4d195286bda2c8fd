/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Host tests have no per-CPU register: platform/percpu.h's this_cpu()
 * compiles but no host test may call it (cpu_id() is hosttest's own). */
#pragma once

struct cpu;

static inline struct cpu *arch_this_cpu(void)
{
	return (struct cpu *)0;
}

/* Nor these (preempt counts).  this_cpu_current() (current_thread()) is
 * the thread a test chose: it sets hosttest_current (NULL by default). */
__attribute__((weak)) void *hosttest_current;
#define arch_this_cpu_read_ptr(off)   ((void)(off), hosttest_current)
#define arch_this_cpu_add_int(off, v) ((void)(off), (void)(v))
