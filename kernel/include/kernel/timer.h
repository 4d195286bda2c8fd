/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Kernel timers: call fn(timer) in IRQ context once time_ns() reaches the
 * deadline.  A timer is queued on the sorted list of the CPU that armed
 * it; each CPU's tick (timer_expired) runs what is due on its own list
 * and arms its one-shot timer for the earlier of the next deadline and
 * the end of the time slice.
 */
#pragma once

#include <klib/list.h>
#include <klib/types.h>

struct ktimer {
	uint64_t deadline; /* time_ns() */
	void (*fn)(struct ktimer *t);
	void *arg;
	struct list_head link; /* in its CPU's pending list while armed */
	unsigned cpu;	       /* whose list (changed under that list's lock) */
	bool armed, running;
};

/* Once, before any timer is armed (sched_init). */
void ktimers_init(void);
void ktimer_init(struct ktimer *t, void (*fn)(struct ktimer *t), void *arg);
/* (Re)arm for `deadline`. */
void ktimer_arm(struct ktimer *t, uint64_t deadline);
/* Disarm; when it returns, fn is not running and will not run.  True if
 * it was still pending. */
bool ktimer_cancel(struct ktimer *t);

/* Arm this CPU's local timer to fire in `ns` (platform timer_arm) and
 * remember when, so ktimer_arm() reprograms it only for an earlier
 * deadline.  Every arming of the local timer goes through here.
 * Interrupts off. */
void ktimer_program(uint64_t ns);

/* The tick: run this CPU's due timers (IRQ context); returns ns until
 * its next one (UINT64_MAX if none). */
uint64_t ktimer_run_due(void);
