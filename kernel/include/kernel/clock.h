/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* The wall clock (CLOCK_REALTIME): the boot-time RTC reading plus the
 * monotonic clock, moved by settimeofday/clock_settime. */
#pragma once

#include <klib/types.h>

/* Nanoseconds since the Unix epoch. */
int64_t clock_realtime_ns(void);
/* CLOCK_REALTIME minus the monotonic clock (time_ns()), read once: how a
 * wall-clock time becomes a monotonic deadline.  Never as the difference
 * of two readings, which a preemption between them puts apart (a futex
 * deadline once came early by it). */
int64_t clock_realtime_offset_ns(void);
/* CLOCK_REALTIME_COARSE and CLOCK_MONOTONIC_COARSE: the time of the last
 * tick (4 ms steps), what the kernel stamps file times with (Linux's
 * current_time) and what time(2) reads. */
int64_t clock_realtime_coarse_ns(void);
uint64_t clock_monotonic_coarse_ns(void);
/* Move the wall clock by `delta_ns` (adjtimex's ADJ_SETOFFSET). */
void clock_realtime_shift(int64_t delta_ns);

/* A user struct timespec as a duration in ns (INT64_MAX past ~292
 * years): 0, -EFAULT, or -EINVAL (negative or tv_nsec out of range). */
long get_user_timespec_ns(uint64_t uaddr, int64_t *ns);
