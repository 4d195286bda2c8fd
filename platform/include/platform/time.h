/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Time.  The clock is the TSC, calibrated at boot against the PIT; the timer
 * is the local APIC in TSC-deadline mode (or one-shot mode where deadline
 * is not offered).  All times are nanoseconds since boot.
 */
#pragma once

#include <klib/types.h>

uint64_t time_ns(void);	  /* monotonic, 0 until the clock is calibrated */
uint64_t tsc_hz(void);	  /* calibrated TSC frequency */
void udelay(uint64_t us); /* busy-wait */

/* Arm this CPU's one-shot timer to fire `ns` from now (0 disarms); when it
 * fires, the upcall timer_expired() runs in IRQ context on this CPU. */
void timer_arm(uint64_t ns);
const char *timer_mode(void); /* "tsc-deadline" or "one-shot" */
uint64_t timer_hz(void);      /* the timer's input clock */
/* Wall-clock time (seconds since the Unix epoch, UTC) when time_ns() was
 * about 0, from the battery-backed clock. */
int64_t wall_clock_boot_seconds(void);
