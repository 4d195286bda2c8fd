/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * signalfd(2): the hook the signal code calls (kernel/fs/signalfd.c).
 */
#pragma once

/* A signal became pending for some process or thread: signalfd readers
 * and pollers re-check.  Callable with threads_lock (not siglock) held,
 * and from IRQ context; nearly free while no signalfd exists. */
void signalfd_notify(void);
