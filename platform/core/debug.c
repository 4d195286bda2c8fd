/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Deliberate crashes, for the tests that prove a kernel bug is loud:
 * `crash=panic` panics, `crash=fault` dereferences an unmapped kernel
 * address, `crash=lockorder` takes two locks against their ranks (caught
 * in the profiles with CONFIG_ASSERTS), `crash=stack` recurses until the
 * stack overflows into its guard page.  Each must print a symbolized
 * backtrace and exit QEMU failing.
 */
#include <klib/string.h>
#include <platform/debug.h>
#include <platform/panic.h>
#include <platform/spinlock.h>

/* 256 bytes of stack a call, without end (`depth` never reaches `*stop`). */
static __noinline unsigned debug_recurse(unsigned depth, const unsigned *stop)
{
	volatile char frame[256];

	frame[0] = (char)depth;
	if (depth == *stop)
		return 0;
	return debug_recurse(depth + 1, stop) + frame[0];
}

__noreturn __noinline void debug_crash(const char *kind)
{
	if (!strcmp(kind, "stack")) {
		unsigned stop = ~0u;

		__asm__ volatile("" : "+m"(stop)); /* unknowable: no infinite-recursion warning */
		debug_recurse(0, &stop);
	}
	if (!strcmp(kind, "fault")) {
		uintptr_t addr = 16; /* page 0 is never mapped */

		__asm__ volatile("" : "+r"(addr)); /* hide the constant from the optimizer */
		*(volatile int *)addr = 1;
	}
	if (!strcmp(kind, "lockorder")) {
		static struct spinlock hi = SPINLOCK_INIT("debug-high", LOCK_RANK_HEAP);
		static struct spinlock lo = SPINLOCK_INIT("debug-low", LOCK_RANK_PAGE);
		irqflags_t f = spin_lock_irqsave(&hi);

		spin_lock(&lo); /* rank 70 under rank 80: a lock-order bug */
		spin_unlock(&lo);
		spin_unlock_irqrestore(&hi, f);
	}
	panic("crash=%s requested on the command line", kind);
}
