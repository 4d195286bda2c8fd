/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* The wall clock (CLOCK_REALTIME): the boot-time RTC reading plus the
 * monotonic clock, moved by settimeofday/clock_settime. */
#pragma once

#include <klib/types.h>

/* Nanoseconds since the Unix epoch. */
int64_t clock_realtime_ns(void);
