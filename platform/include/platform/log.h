/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The kernel log.  klog() prefixes each line with a Linux-style timestamp
 * ("[    1.234567] ") and drops messages above the console level
 * (`loglevel=` on the command line, default LOG_INFO).  Every message is
 * also kept in a ring buffer.  Safe from any context, including IRQs and
 * panics (the console lock is a raw lock taken with interrupts off).
 */
#pragma once

#include <stdarg.h>
#include <klib/compiler.h>
#include <klib/types.h>

enum log_level {
	LOG_EMERG,
	LOG_ALERT,
	LOG_CRIT,
	LOG_ERR,
	LOG_WARN,
	LOG_NOTICE,
	LOG_INFO,
	LOG_DEBUG,
};

void klog(int level, const char *fmt, ...) __printf(2, 3);
void vklog(int level, const char *fmt, va_list ap) __printf(2, 0);
/* Unprefixed output straight to the console, never filtered (KTAP). */
void kprintf(const char *fmt, ...) __printf(1, 2);
void log_set_level(int level);
/* Copy the newest `size` bytes of the log ring into buf; returns the count. */
size_t log_read(char *buf, size_t size);

#define pr_emerg(...)  klog(LOG_EMERG, __VA_ARGS__)
#define pr_err(...)    klog(LOG_ERR, __VA_ARGS__)
#define pr_warn(...)   klog(LOG_WARN, __VA_ARGS__)
#define pr_notice(...) klog(LOG_NOTICE, __VA_ARGS__)
#define pr_info(...)   klog(LOG_INFO, __VA_ARGS__)
#define pr_debug(...)  klog(LOG_DEBUG, __VA_ARGS__)
