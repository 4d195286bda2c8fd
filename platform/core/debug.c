/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Deliberate crashes, for the tests that prove a kernel bug is loud:
 * `crash=panic` panics, `crash=fault` dereferences an unmapped kernel
 * address.  Both must print a symbolized backtrace and exit QEMU failing.
 */
#include <klib/string.h>
#include <platform/debug.h>
#include <platform/panic.h>

__noreturn __noinline void debug_crash(const char *kind)
{
	if (!strcmp(kind, "fault")) {
		uintptr_t addr = 16; /* page 0 is never mapped */

		__asm__ volatile("" : "+r"(addr)); /* hide the constant from the optimizer */
		*(volatile int *)addr = 1;
	}
	panic("crash=%s requested on the command line", kind);
}
