/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Fault-catching probes of kernel memory, for the W^X self-tests: each
 * tries one access and reports whether the MMU allowed it, a fault
 * resuming at a fixup instead of panicking.
 *
 *   long probe_write(void *p)   rewrite the byte at p with its own value:
 *                               0, or -EFAULT if the read or write faulted
 *   long probe_call(void *fn)   call fn (no arguments, returns a long):
 *                               its value, or -EFAULT if fetching its first
 *                               instruction faulted (trap.c looks up the
 *                               return address in __ex_call_table)
 *   long probe_target(void)     returns PROBE_TARGET_VALUE, from .text
 */
#define EX(insn, fixup) \
	.pushsection __ex_table, "a"; .balign 8; .quad insn, fixup; .popsection
#define EX_CALL(ret, fixup) \
	.pushsection __ex_call_table, "a"; .balign 8; .quad ret, fixup; .popsection
#define EFAULT 14

	.section .text
	.globl probe_write
probe_write:
1:	movb (%rdi), %al
2:	movb %al, (%rdi)
	xorl %eax, %eax
	ret
3:	movq $-EFAULT, %rax
	ret
	EX(1b, 3b)
	EX(2b, 3b)

	.globl probe_call
probe_call:
	call *%rdi
4:	ret
5:	movq $-EFAULT, %rax
	ret
	EX_CALL(4b, 5b)

	.globl probe_target
	.balign 16
probe_target:
	movl $0x4b, %eax /* PROBE_TARGET_VALUE */
	ret

	.section .note.GNU-stack, "", @progbits
