/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Recovery points: ring 0's part of ring-2 containment (kernel/fs/contain.h).
 * A recovery point is a saved kernel context, like setjmp's: set in a
 * dispatch wrapper before it calls into a service, resumed when the
 * service faults or panics.  Ring 0 saves and restores the registers (the
 * callee-saved ones, the stack pointer, the flags with their interrupt
 * bit); ring 1 decides whether a fault is the service's (the upcall
 * contain_fault() in platform/upcall.h) and cleans up after the resume.
 */
#pragma once

#include <klib/compiler.h>
#include <klib/types.h>

struct recover_point {
	uint64_t regs[6]; /* the callee-saved registers */
	uint64_t sp, pc;  /* the stack and the return address of arch_recover_set */
	uint64_t flags;	  /* the flags register, interrupt bit included */
};

/* 0 when it saves the point; 1 when a contained fault resumed it (the
 * function that called it is still running: its frame was never left). */
int arch_recover_set(struct recover_point *rp) __attribute__((returns_twice));
/* Resume `rp` from the code that runs on its behalf (a panic or a failed
 * assertion the service raised): arch_recover_set returns 1. */
__noreturn void arch_recover_jump(const struct recover_point *rp);

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
/* Whether `pc` lies in the driver ring's code (exts/, linked apart). */
bool image_exts_text(uintptr_t pc);
