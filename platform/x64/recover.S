/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Recovery points (platform/recover.h).  struct recover_point:
 *   0 rbx, 8 rbp, 16 r12, 24 r13, 32 r14, 40 r15, 48 rsp, 56 rip, 64 rflags
 * struct recover_result comes back in rax (value) and rdx (unwound).
 */
	.section .text

/* struct recover_result arch_recover_call(rp, fn, args): the point is the
 * return from this function to its caller, so a resume leaves nothing of
 * the call behind (its frame, and the service's below it, are dropped). */
	.globl arch_recover_call
	.type arch_recover_call, @function
arch_recover_call:
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
	pushq %rbp			/* a frame for backtraces; aligns the call */
	movq %rsp, %rbp
	movq %rsi, %rax			/* fn */
	movq %rdx, %r11			/* args */
	movq 0(%r11), %rdi
	movq 8(%r11), %rsi
	movq 16(%r11), %rdx
	movq 24(%r11), %rcx
	movq 32(%r11), %r8
	movq 40(%r11), %r9
	call *%rax
	popq %rbp
	xorl %edx, %edx			/* returned: not unwound */
	ret
	.size arch_recover_call, . - arch_recover_call

	.globl arch_recover_jump
	.type arch_recover_jump, @function
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
	popfq				/* interrupts (and AC) as they were at the point */
	xorl %eax, %eax			/* the result: value 0, unwound */
	movl $1, %edx
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
