/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The load average: Linux's exponentially decaying averages of the number
 * of runnable threads over 1, 5 and 15 minutes, sampled every 5 seconds,
 * in fixed point with LOADAVG_SHIFT fraction bits.
 */
#pragma once

#include <klib/types.h>

#define LOADAVG_SHIFT	11
#define LOADAVG_ONE	(1ul << LOADAVG_SHIFT) /* 1.0 */
#define LOADAVG_FREQ_NS 5000000000ull	       /* a sample every 5 s */
/* The decay factors per sample: ONE / exp(5 s / (1, 5, 15 min)). */
#define LOADAVG_EXP_1  1884
#define LOADAVG_EXP_5  2014
#define LOADAVG_EXP_15 2037

/* One step of the average: `load` decayed by `exp` towards `active`
 * (a count in fixed point), rounded up while the load rises. */
unsigned long loadavg_step(unsigned long load, unsigned long exp, unsigned long active);
/* Called from the timer tick on any CPU: takes a sample when 5 s have
 * passed since the last (one CPU wins the race). */
void loadavg_tick(uint64_t now_ns);
/* Nanoseconds from `now_ns` to the next sample (0: due): how long an idle
 * CPU without a tick may sleep and still take it on time. */
uint64_t loadavg_next_in(uint64_t now_ns);
/* The three averages plus `offset`, shifted left by `shift` (sysinfo
 * wants 16 fraction bits: shift 5; /proc/loadavg adds ONE/200 to round). */
void loadavg_get(unsigned long loads[3], unsigned long offset, int shift);
/* "1.23" of a fixed-point value: integer part and hundredths. */
static inline unsigned long loadavg_int(unsigned long x)
{
	return x >> LOADAVG_SHIFT;
}
static inline unsigned long loadavg_frac(unsigned long x)
{
	return ((x & (LOADAVG_ONE - 1)) * 100) >> LOADAVG_SHIFT;
}
