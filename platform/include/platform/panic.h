/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Fatal errors.  panic() prints the message, the registers of the caller and
 * a symbolized backtrace, stops the other CPUs and powers the machine off
 * with a failing status (QEMU exits non-zero), so tests catch it.
 * User input must never reach a panic: that is an errno or a signal.
 */
#pragma once

#include <klib/compiler.h>

__noreturn void panic(const char *fmt, ...) __printf(1, 2);

#define BUG_ON(cond)                                                             \
	do {                                                                     \
		if (unlikely(cond))                                              \
			panic("BUG_ON(%s) at %s:%d", #cond, __FILE__, __LINE__); \
	} while (0)

/* Checked in the profiles with CONFIG_ASSERTS (fortress, balanced). */
#if CONFIG_ASSERTS
#define ASSERT(cond)                                                                       \
	do {                                                                               \
		if (unlikely(!(cond)))                                                     \
			panic("assertion failed: %s at %s:%d", #cond, __FILE__, __LINE__); \
	} while (0)
#else
#define ASSERT(cond) ((void)sizeof(cond))
#endif
