/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * SYSCALL entry.  The CPU arrives with RCX = user RIP, R11 = user RFLAGS,
 * interrupts masked (SFMASK), on the user stack with the user GS.  We swap
 * to the kernel GS, switch to the thread's kernel stack (struct cpu at
 * offset 8), build the same struct arch_regs an interrupt would, and call
 * ring 1's syscall_entry(regs) with interrupts on.  The return uses SYSRET
 * when the saved state allows it, else IRETQ (e.g. after a signal frame
 * changed RIP to a non-canonical value, which SYSRET would fault on in ring 0).
 */
#define CPU_KSTACK  8
#define CPU_USER_SP 16
#define USER_CS 0x33
#define USER_SS 0x2b

	.section .text
	.globl syscall_entry_asm
syscall_entry_asm:
	swapgs
	movq %rsp, %gs:CPU_USER_SP
	movq %gs:CPU_KSTACK, %rsp
	pushq $USER_SS
	pushq %gs:CPU_USER_SP
	pushq %r11                  /* rflags */
	pushq $USER_CS
	pushq %rcx                  /* rip */
	pushq $0                    /* error */
	pushq $-1                   /* vector: -1 marks a syscall frame */
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
	xorl %ebp, %ebp
	movq %rsp, %rdi
	sti
	call syscall_entry
	cli
	/* IRETQ when ring 1 rewrote the whole frame (rt_sigreturn, execve:
	 * vector no longer -1), since SYSRET clobbers RCX and R11 */
	cmpq $-1, 15*8(%rsp)
	jne 1f
	/* SYSRET only to a canonical RIP with the flags a SYSCALL can leave */
	movq 17*8(%rsp), %rcx       /* rip */
	movq %rcx, %r11
	sarq $47, %r11
	incq %r11
	cmpq $1, %r11
	ja 1f
	popq %r15
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
	movq 2*8(%rsp), %rcx        /* rip */
	movq 4*8(%rsp), %r11        /* rflags */
	movq 5*8(%rsp), %rsp        /* user rsp */
	swapgs
	sysretq
1:	jmp trap_return

	.section .note.GNU-stack, "", @progbits
