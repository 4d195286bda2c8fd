/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Recovery points (platform/recover.h).  struct recover_point:
 *   0 rbx, 8 rbp, 16 r12, 24 r13, 32 r14, 40 r15, 48 rsp, 56 rip, 64 rflags
 */
	.section .text
	.globl arch_recover_set
arch_recover_set:
	movq %rbx, 0(%rdi)
	movq %rbp, 8(%rdi)
	movq %r12, 16(%rdi)
	movq %r13, 24(%rdi)
	movq %r14, 32(%rdi)
	movq %r15, 40(%rdi)
	leaq 8(%rsp), %rax		/* the caller's stack once we return */
	movq %rax, 48(%rdi)
	movq (%rsp), %rax		/* where we return to */
	movq %rax, 56(%rdi)
	pushfq
	popq 64(%rdi)
	xorl %eax, %eax
	ret

	.globl arch_recover_jump
arch_recover_jump:
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
	popfq				/* interrupts as they were at the point */
	movl $1, %eax
	jmp *%rcx

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
