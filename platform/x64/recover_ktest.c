/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Self-tests of recovery points (suite "recover", platform/recover.h):
 * arch_recover_call passes six argument registers and returns the call's
 * value; a resume through arch_recover_jump returns from it unwound, with
 * the callee-saved registers, the stack and the interrupt flag as they
 * were at the call, whatever the called function did to them.
 */
#include <platform/irq.h>
#include <platform/ktest.h>
#include <platform/recover.h>

static struct recover_point *test_rp;

static long weigh(long a, long b, long c, long d, long e, long f)
{
	return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f;
}

static int negative(void)
{
	return -5;
}

/* Trash every callee-saved register but the frame pointer, turn
 * interrupts off, and resume the point. */
static __noreturn void trash_and_jump(void)
{
	__asm__ volatile("movq $-1, %%rbx\n\tmovq $-1, %%r12\n\tmovq $-1, %%r13\n\t"
			 "movq $-1, %%r14\n\tmovq $-1, %%r15"
			 :
			 :
			 : "rbx", "r12", "r13", "r14", "r15");
	irq_disable();
	arch_recover_jump(test_rp);
}

KTEST(recover, call_passes_six_arguments_and_returns_the_value)
{
	struct recover_point rp;
	long v = arch_recover_call(1, 10, 100, 1000, &rp, (recover_fn)weigh, 10000, 100000);

	KTEST_EXPECT(t, !rp.unwound);
	KTEST_EXPECT_EQ(t, v, 654321);
	rp.unwound = 1;
	v = arch_recover_call4(0, 0, 0, 0, &rp, (recover_fn)negative);
	KTEST_EXPECT(t, !rp.unwound);
	KTEST_EXPECT_EQ(t, (int)v, -5);
}

KTEST(recover, jump_restores_registers_stack_and_interrupts)
{
	struct recover_point rp;
	volatile long seed = 7;
	/* live across the call: most land in callee-saved registers */
	long a = seed, b = seed * 3, c = seed * 5, d = seed * 7, e = seed * 11;
	char marker = 'k';
	bool was_on = irq_enabled();
	long v;

	irq_enable();
	test_rp = &rp;
	v = arch_recover_call4(0, 0, 0, 0, &rp, (recover_fn)trash_and_jump);
	KTEST_EXPECT(t, rp.unwound);
	KTEST_EXPECT_EQ(t, v, 0);
	KTEST_EXPECT(t, irq_enabled());
	KTEST_EXPECT_EQ(t, a + b + c + d + e, 7 * 27);
	KTEST_EXPECT_EQ(t, a * b * c * d * e, 7L * 21 * 35 * 49 * 77);
	KTEST_EXPECT_EQ(t, marker, 'k');
	KTEST_EXPECT(t, rp.sp < (uintptr_t)__builtin_frame_address(0)); /* the caller's stack */
	if (!was_on)
		irq_disable();
}
