/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Interrupt and exception entry.  Each of the 256 vectors has a stub that
 * pushes an error code (a zero where the CPU pushes none) and the vector
 * number, then joins trap_common, which saves the general registers into a
 * struct arch_regs (arch/regs.h), switches GS to the kernel's per-CPU base
 * when coming from user mode, and calls trap_dispatch(regs).
 */
#include <arch/regs.h>
#include "smap.h"

	.section .text
	.balign 16
trap_common:
	pushq %rax
	pushq %rbx
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rbp
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	testb $3, REGS_SIZE-4*8(%rsp)       /* saved CS: from user mode? */
	jz 1f
	swapgs
1:	cld
	CLAC                                /* an IRQ inside usercopy must not run with SMAP open */
	movq %rsp, %rdi
	/* a frame record so backtraces walk from the handler into the
	 * interrupted code: [rbp] = interrupted rbp, [rbp+8] = its rip */
	pushq REGS_SIZE-5*8(%rsp)
	pushq %rbp
	movq %rsp, %rbp
	call trap_dispatch
	addq $16, %rsp
	.globl trap_return
trap_return:
	testb $3, REGS_SIZE-4*8(%rsp)
	jz 2f
	swapgs
2:	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rbp
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rbx
	popq %rax
	addq $16, %rsp                      /* vector, error code */
	iretq

/* Vectors whose exceptions push an error code. */
#define HAS_ERR(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

	.balign 16
	.globl trap_stubs
trap_stubs:
	.set vec, 0
	.rept 256
	.balign 16
	.if HAS_ERR(vec) == 0
	pushq $0
	.endif
	pushq $vec
	jmp trap_common
	.set vec, vec + 1
	.endr

	.section .note.GNU-stack, "", @progbits
