/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The safety profiles' switches, seen working (mk/profile.mk,
 * docs/architecture.md "Safety profiles").  Built and run in every
 * profile (`make test` boots ktest in all four): each test checks the
 * behaviour its switch gives where it is on and where it is off.
 * HARDENING's stack protector and UBSan traps cannot be caught without
 * stopping the kernel: `crash=canary` and `crash=ubsan` (debug.c) prove
 * them, and tools/test.sh checks the generated code.
 */
#include <klib/string.h>
#include <platform/ktest.h>
#include <platform/panic.h>
#include <platform/usercopy.h>
#include <arch/mmu.h>

extern char __text_start[];

static void __user *uaddr(uintptr_t a)
{
	return (__force void __user *)a;
}

/* ACCESS_OK: a kernel address handed in as a user pointer is refused
 * before any access; without it (ludicrous) only the fault fixup stands
 * guard, and a mapped kernel address is read like user memory. */
KTEST(profile, access_ok_refuses_kernel_addresses)
{
	static const char secret[8] = "kernel!";
	char buf[8];

	memset(buf, 0, sizeof(buf));
	if (CONFIG_ACCESS_OK) {
		KTEST_EXPECT_EQ(t, copy_from_user(buf, uaddr((uintptr_t)secret), 8), -14);
		KTEST_EXPECT_EQ(t, buf[0], 0);
		KTEST_EXPECT_EQ(t, clear_user(uaddr((uintptr_t)buf), 8), -14);
	} else {
		KTEST_EXPECT_EQ(t, copy_from_user(buf, uaddr((uintptr_t)secret), 8), 0);
		KTEST_EXPECT(t, !memcmp(buf, secret, sizeof(buf)));
	}
}

/* In every profile, a user pointer that faults gives EFAULT: in ludicrous
 * the non-canonical one (#GP), the unmapped and the read-only kernel ones
 * (#PF) reach the copy and are stopped by its exception-table fixup. */
KTEST(profile, faulting_pointers_give_efault_in_every_profile)
{
	char buf[8];

	memset(buf, 'x', sizeof(buf));
	KTEST_EXPECT_EQ(t, copy_from_user(buf, uaddr(USER_TOP), 8), -14);
	KTEST_EXPECT_EQ(t, buf[0], 0); /* no stale data on failure */
	KTEST_EXPECT_EQ(t, copy_from_user(buf, uaddr(USER_TOP - 4), 8), -14);
	KTEST_EXPECT_EQ(t, copy_to_user(uaddr(0x00ff000000000000ul), buf, 8), -14);
	KTEST_EXPECT_EQ(t, copy_from_user(buf, uaddr(~0ul - 7), 8), -14);
	KTEST_EXPECT_EQ(t, copy_to_user(uaddr((uintptr_t)__text_start), buf, 1), -14);
	KTEST_EXPECT_EQ(t, clear_user(uaddr((uintptr_t)__text_start), 8), -14);
	KTEST_EXPECT_EQ(t, copy_to_user_upto(uaddr((uintptr_t)__text_start), buf, 8), 0);
	KTEST_EXPECT_EQ(t, strncpy_from_user(buf, uaddr(USER_TOP), 8), -14);
}

/* Counts its calls.  A call, not `++n`, inside ASSERT: clang warns about
 * side effects in sizeof's unevaluated operand; __used since only that
 * operand names it where ASSERTS is off. */
static __used bool count_call(int *n)
{
	(*n)++;
	return true;
}

/* ASSERTS: an assertion's condition is evaluated only where it is on. */
KTEST(profile, asserts_evaluated_only_when_on)
{
	int evaluated = 0;

	ASSERT(count_call(&evaluated));
	KTEST_EXPECT_EQ(t, evaluated, CONFIG_ASSERTS);
}
