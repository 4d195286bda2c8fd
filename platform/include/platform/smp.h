/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Inter-processor calls.  Until the application processors are started
 * (issue 10) only the calling CPU is online, and these act on it alone.
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
