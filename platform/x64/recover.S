/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Recovery points (platform/recover.h).  struct recover_point:
 *   0 rbx, 8 rbp, 16 r12, 24 r13, 32 r14, 40 r15, 48 rsp, 56 rip, 64 rflags,
 *   72 unwound
 */
	.section .text

/* long arch_recover_call(a0, a1, a2, a3, rp, fn, a4, a5), and
 * arch_recover_call4(a0, a1, a2, a3, rp, fn): a0..a3 arrive in rdi, rsi,
 * rdx, rcx, where fn takes them; rp in r8, fn in r9; a4 and a5 on the
 * stack, for r8 and r9.  The point is the return to our caller, and fn is
 * entered by a jump with our return address on the stack, so it returns
 * there itself; a resume leaves nothing of the call behind (the service's
 * frames are dropped). */
	.globl arch_recover_call
	.type arch_recover_call, @function
arch_recover_call:
	movq %r9, %rax			/* fn */
	movq %r8, %r11			/* rp */
	movq 8(%rsp), %r8		/* a4 */
	movq 16(%rsp), %r9		/* a5 */
	jmp 1f
	.size arch_recover_call, . - arch_recover_call

	.globl arch_recover_call4
	.type arch_recover_call4, @function
arch_recover_call4:
	movq %r9, %rax			/* fn */
	movq %r8, %r11			/* rp */
1:	movq %rbx, 0(%r11)
	movq %rbp, 8(%r11)
	movq %r12, 16(%r11)
	movq %r13, 24(%r11)
	movq %r14, 32(%r11)
	movq %r15, 40(%r11)
	leaq 8(%rsp), %r10		/* the caller's stack once we return */
	movq %r10, 48(%r11)
	movq (%rsp), %r10		/* where we return to */
	movq %r10, 56(%r11)
	pushfq
	popq 64(%r11)
	movq $0, 72(%r11)
	jmp *%rax
	.size arch_recover_call4, . - arch_recover_call4

	.globl arch_recover_jump
	.type arch_recover_jump, @function
arch_recover_jump:
	movq $1, 72(%rdi)		/* unwound */
	movq 56(%rdi), %rcx
	movq 64(%rdi), %rdx
	movq 0(%rdi), %rbx
	movq 8(%rdi), %rbp
	movq 16(%rdi), %r12
	movq 24(%rdi), %r13
	movq 32(%rdi), %r14
	movq 40(%rdi), %r15
	movq 48(%rdi), %rsp
	pushq %rdx
	popfq				/* interrupts (and AC) as they were at the point */
	xorl %eax, %eax
	jmp *%rcx
	.size arch_recover_jump, . - arch_recover_jump

/* void arch_raise_fault(enum arch_fault kind) */
	.globl arch_raise_fault
arch_raise_fault:
	pushq %rbp
	movq %rsp, %rbp
	cmpl $0, %edi
	je 1f
	cmpl $1, %edi
	je 2f
	cmpl $2, %edi
	je 3f
	cmpl $4, %edi
	je 4f
	xorl %ecx, %ecx			/* ARCH_FAULT_DIV0 */
	movl $1, %eax
	xorl %edx, %edx
	divl %ecx
	jmp 9f
1:	movabsq $0xffffff7ffffff000, %rax	/* unmapped: below the kernel image */
	movq (%rax), %rax
	jmp 9f
2:	movabsq $0x8000000000000000, %rax	/* non-canonical */
	movq (%rax), %rax
	jmp 9f
3:	ud2
4:	pushq %rax			/* down to the guard page: the page fault */
	jmp 4b				/* cannot push its frame, a double fault */
9:	popq %rbp
	ret
	.section .note.GNU-stack, "", @progbits
