/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Self-tests of recovery points (suite "recover", platform/recover.h):
 * arch_recover_jump resumes the point arch_recover_set saved, which then
 * returns 1, with the callee-saved registers, the stack and the interrupt
 * flag as they were when it was set, whatever the code that jumped did to
 * them (a service that faults deep in its own frames, in miniature).
 */
#include <platform/irq.h>
#include <platform/ktest.h>
#include <platform/recover.h>

static struct recover_point test_rp;
static volatile bool jump_at_bottom = true;

/* Trash every callee-saved register but the frame pointer, turn
 * interrupts off, and resume the point. */
static __attribute__((noinline)) __noreturn void trash_and_jump(void)
{
	__asm__ volatile("movq $-1, %%rbx\n\tmovq $-1, %%r12\n\tmovq $-1, %%r13\n\t"
			 "movq $-1, %%r14\n\tmovq $-1, %%r15"
			 :
			 :
			 : "rbx", "r12", "r13", "r14", "r15");
	irq_disable();
	arch_recover_jump(&test_rp);
}

/* A few frames deep, as a service's fault is. */
static __attribute__((noinline)) int descend(int depth)
{
	volatile char pad[64];

	pad[0] = (char)depth;
	if (depth <= 0) {
		if (jump_at_bottom)
			trash_and_jump();
		return 0;
	}
	return descend(depth - 1) + pad[0];
}

KTEST(recover, set_returns_zero_then_one_after_a_jump)
{
	volatile int passes = 0;

	if (arch_recover_set(&test_rp) == 0) {
		passes++;
		trash_and_jump();
	}
	KTEST_EXPECT_EQ(t, passes, 1);
	if (!irq_enabled())
		irq_enable();
}

KTEST(recover, jump_restores_registers_stack_and_interrupts)
{
	volatile long seed = 7;
	/* live across the point: most land in callee-saved registers */
	long a = seed, b = seed * 3, c = seed * 5, d = seed * 7, e = seed * 11;
	bool was_on = irq_enabled();
	volatile int resumed = 0;

	irq_enable();
	if (arch_recover_set(&test_rp) == 0)
		(void)descend(4);
	else
		resumed = 1;
	KTEST_EXPECT_EQ(t, resumed, 1);
	KTEST_EXPECT(t, irq_enabled());
	KTEST_EXPECT_EQ(t, a + b + c + d + e, 7 * 27);
	KTEST_EXPECT_EQ(t, a * b * c * d * e, 7L * 21 * 35 * 49 * 77);
	KTEST_EXPECT(t, test_rp.sp < (uintptr_t)__builtin_frame_address(0));
	if (!was_on)
		irq_disable();
}
