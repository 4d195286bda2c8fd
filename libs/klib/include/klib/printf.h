/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Freestanding formatted output.  Conversions: %d %i %u %x %X %o %c %s %p %%
 * with the length modifiers hh h l ll z t j, flags '-' '0' '+' ' ' '#',
 * field width and precision (also as '*').  %p prints 0x followed by 16 hex
 * digits.  %s of NULL prints "(null)" (cut short by a precision, like any
 * string).  Unknown conversions (%n and %f among them) are printed verbatim
 * and consume no argument (beyond a '*' width or precision).  Width and
 * precision are capped at 4096.
 * Return the length the full output would have (like C99).
 */
#pragma once

#include <stdarg.h>
#include <klib/types.h>

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Formatted output through a character sink (the kernel log uses this to
 * print without a size limit).  Returns the number of characters emitted. */
typedef void (*kfmt_sink)(void *ctx, char c);
int kvformat(kfmt_sink sink, void *ctx, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
