/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * timerfd(2): the hook the clock code calls (kernel/fs/timerfd.c).
 */
#pragma once

/* CLOCK_REALTIME was set (settimeofday, clock_settime, adjtimex): timers
 * on it are re-evaluated, those armed with TFD_TIMER_CANCEL_ON_SET are
 * cancelled (their read gives ECANCELED).  Holds no lock; may not sleep. */
void timerfd_clock_was_set(void);
