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
/* The console level (messages at or below it are printed). */
int log_console_level(void);

/*
 * The log as records, for syslog(2) and /dev/kmsg.  Record n (numbered
 * from 0 since boot) reads "<prio>[    1.234567] text\n"; the ring keeps
 * the numbers [*first, *next).  log_get_record() copies up to `size`
 * bytes of record `seq` and returns its whole length, or -1 when it is
 * gone or not written yet.  log_record() adds a record from user space
 * (prio: facility << 3 | level; text without its newline).
 */
#define LOG_BUF_SIZE (128 * 1024)
void log_records(uint64_t *first, uint64_t *next);
long log_get_record(uint64_t seq, char *buf, size_t size);
void log_record(int prio, const char *text, size_t len);

#define pr_emerg(...)  klog(LOG_EMERG, __VA_ARGS__)
#define pr_err(...)    klog(LOG_ERR, __VA_ARGS__)
#define pr_warn(...)   klog(LOG_WARN, __VA_ARGS__)
#define pr_notice(...) klog(LOG_NOTICE, __VA_ARGS__)
#define pr_info(...)   klog(LOG_INFO, __VA_ARGS__)
#define pr_debug(...)  klog(LOG_DEBUG, __VA_ARGS__)
