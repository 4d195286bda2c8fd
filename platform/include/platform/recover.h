/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Recovery points: ring 0's part of ring-2 containment (kernel/fs/contain.h).
 * A recovery point is a saved kernel context, like setjmp's, taken by
 * arch_recover_call as it calls into a service and resumed when the
 * service faults or panics: the call then returns as if the service had,
 * marked unwound.  Ring 0 saves and restores the registers (the
 * callee-saved ones, the stack pointer, the flags with their interrupt
 * and AC bits); ring 1 decides whether a fault is the service's (the
 * upcall contain_fault() in platform/upcall.h) and cleans up after the
 * resume.  Because the point is set and the call made in one ring-0
 * function, no C function returns twice (no returns_twice call, which
 * would make gcc keep its caller's variables on the stack).
 */
#pragma once

#include <klib/compiler.h>
#include <klib/types.h>

struct recover_point {
	uint64_t regs[6]; /* the callee-saved registers */
	uint64_t sp, pc;  /* the stack and the return address of arch_recover_call */
	uint64_t flags;	  /* the flags register, interrupt bit included */
	uint64_t unwound; /* 0 at the call; 1 once the point was resumed */
};

/* The function a recovery point calls: any function of up to six integer
 * or pointer arguments, returning one (or nothing), cast to this type. */
typedef void (*recover_fn)(void);

/* Set `rp` and call fn(a0, ...) under it (a tail call: fn returns to the
 * caller): the call's value, in its whole return register (the caller
 * narrows it to fn's type), with rp->unwound 0.  Resuming `rp` (the trap
 * handler's contain(), or arch_recover_jump) returns from this call
 * instead, with 0 and rp->unwound 1, the registers, stack and flags as
 * they were at the call.  The point is good only while fn runs: once
 * arch_recover_call has returned it is never resumed.  fn's first four
 * arguments come first, in the registers fn takes them in, so a caller
 * passing its own arguments on moves nothing; arch_recover_call4 is the
 * same for up to four arguments. */
long arch_recover_call(uintptr_t a0, uintptr_t a1, uintptr_t a2, uintptr_t a3,
		       struct recover_point *rp, recover_fn fn, uintptr_t a4, uintptr_t a5);
long arch_recover_call4(uintptr_t a0, uintptr_t a1, uintptr_t a2, uintptr_t a3,
			struct recover_point *rp, recover_fn fn);
/* Resume `rp` from the code that runs on its behalf (a panic or a failed
 * assertion the service raised): its arch_recover_call returns, unwound. */
__noreturn void arch_recover_jump(struct recover_point *rp);

/* The faults an injection raises (the fault-injection self-test): each
 * executes the faulting instruction itself, so the report shows it. */
enum arch_fault {
	ARCH_FAULT_PAGE,  /* a load from an unmapped kernel address */
	ARCH_FAULT_GP,	  /* a load from a non-canonical address */
	ARCH_FAULT_UD,	  /* an invalid opcode */
	ARCH_FAULT_DIV0,  /* an integer division by zero */
	ARCH_FAULT_STACK, /* pushes down to the stack guard page: a double fault */
};
void arch_raise_fault(enum arch_fault kind);

/* Whether `pc` lies in ring 2's code (services/, linked apart). */
bool image_ring2_text(uintptr_t pc);
