/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * switch_stacks(&prev->rsp, next->rsp): save the callee-saved registers on
 * the current stack, store its pointer, load the next one and pop its
 * registers.  A new context's stack is prepared by context_init() so that
 * the pops and `ret` land in context_trampoline with r12 = entry, r13 = arg.
 */
#include <arch/regs.h>

	.section .text
	.globl switch_stacks
switch_stacks:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rsp, (%rdi)
	movq %rsi, %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret

	.globl context_trampoline
context_trampoline:
	movq %r13, %rdi
	xorl %ebp, %ebp          /* end of the frame chain for backtraces */
	pushq $0                 /* keep the stack 16-byte aligned at the call */
	call *%r12
	ud2

/* resume_user(regs): copy a struct arch_regs onto this stack and leave
 * through the interrupt return path (swapgs + iretq to ring 3) */
	.globl resume_user
resume_user:
	cli
	subq $REGS_SIZE, %rsp
	movq %rdi, %rsi
	movq %rsp, %rdi
	movl $REGS_SIZE / 8, %ecx
	rep movsq
	jmp trap_return

/* enter_user(pc, sp): iretq to ring 3 with clean registers */
	.globl enter_user
enter_user:
	cli
	pushq $0x2b              /* ss: user data */
	pushq %rsi               /* rsp */
	pushq $0x202             /* rflags: IF */
	pushq $0x33              /* cs: user code */
	pushq %rdi               /* rip */
	xorl %eax, %eax
	xorl %ebx, %ebx
	xorl %ecx, %ecx
	xorl %edx, %edx
	xorl %esi, %esi
	xorl %edi, %edi
	xorl %ebp, %ebp
	xorl %r8d, %r8d
	xorl %r9d, %r9d
	xorl %r10d, %r10d
	xorl %r11d, %r11d
	xorl %r12d, %r12d
	xorl %r13d, %r13d
	xorl %r14d, %r14d
	xorl %r15d, %r15d
	swapgs
	iretq

	.section .note.GNU-stack, "", @progbits
