/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The other processors: starting them, and inter-processor calls.
 */
#pragma once

#include <klib/types.h>

/* A set of CPUs: bit n is CPU n. */
typedef uint64_t cpumask_t;

/* The CPUs that are online now. */
cpumask_t smp_online_mask(void);
/* Run fn(arg) on every online CPU in `mask` (the calling one included, in
 * place) in interrupt context, and return when all have run it.  Call with
 * interrupts enabled and no spinlock held. */
void smp_call_mask(cpumask_t mask, void (*fn)(void *), void *arg);
/* Make `cpu` look at its run queue soon (a reschedule interrupt). */
void smp_reschedule(unsigned cpu);
/* Interrupt `cpu` without asking it to reschedule: the thread running there
 * passes through the interrupt exit, where a signal sent to it is delivered
 * (Linux's kick_process). */
void smp_kick(unsigned cpu);
/* Start the other processors (ring 1, once, after sched_init): each
 * enters kernel_main_ap() and is online (ncpus(), smp_online_mask()) from
 * then on.  `smp=N` on the command line limits the CPUs to N. */
void smp_boot_cpus(void);
