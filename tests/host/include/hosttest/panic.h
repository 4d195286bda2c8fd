/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * panic() for host unit tests of ring-0 code.  Include it in exactly one
 * file of a test binary, after <cmocka.h>.  A panic (and so a failed
 * ASSERT or BUG_ON) becomes a cmocka assertion: expect_assert_failure()
 * catches it, anywhere else it fails the running test with the message.
 */
#pragma once

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <platform/panic.h>

void panic(const char *fmt, ...)
{
	static char msg[256]; /* cmocka prints it after the jump */
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	mock_assert(0, msg, __FILE__, __LINE__);
	abort(); /* not reached: mock_assert jumps back into cmocka */
}
