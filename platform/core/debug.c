/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Deliberate crashes, for the tests that prove a kernel bug is loud:
 * `crash=panic` panics, `crash=fault` dereferences an unmapped kernel
 * address, `crash=lockorder` takes two locks against their ranks (caught
 * in the profiles with CONFIG_ASSERTS), `crash=stack` recurses until the
 * stack overflows into its guard page.  Each must print a symbolized
 * backtrace and exit QEMU failing.  Three prove a profile switch
 * (tools/test.sh boots them where it is on and where it is off):
 * `crash=assert` fails an ASSERT (CONFIG_ASSERTS), `crash=ubsan` overflows
 * a signed int (a UBSan trap, an invalid opcode, with CONFIG_HARDENING),
 * `crash=canary` overwrites a stack canary (the stack protector's panic,
 * CONFIG_HARDENING; without it nothing is overwritten).  Where the switch
 * is off they reach the generic panic below instead.
 */
#include <klib/string.h>
#include <platform/debug.h>
#include <platform/log.h>
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

/* INT_MAX + 1: a trap under -fsanitize=signed-integer-overflow */
static __noinline int debug_overflow(int x)
{
	__asm__ volatile("" : "+r"(x)); /* unknowable: no constant folding */
	return x + 1;
}

/* Overwrites the 8 bytes above `buf`, where -fstack-protector-strong puts
 * the canary: the check at return calls __stack_chk_fail. */
static __noinline void debug_smash(size_t n)
{
	char buf[16];

	__asm__ volatile("" : "+r"(n) : "r"(buf) : "memory");
	memset(buf, 0x5a, n);
	__asm__ volatile("" : : "r"(buf) : "memory");
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
	if (!strcmp(kind, "assert"))
		ASSERT(!strcmp(kind, "no such crash"));
	if (!strcmp(kind, "ubsan"))
		pr_err("crash=ubsan: INT_MAX + 1 = %d, no trap in this profile\n",
		       debug_overflow(INT32_MAX));
	if (!strcmp(kind, "canary") && CONFIG_HARDENING)
		debug_smash(16 + sizeof(unsigned long));
	panic("crash=%s requested on the command line", kind);
}
