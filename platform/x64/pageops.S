/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Whole pages filled and copied with the string instructions, 8 bytes a
 * step (platform/mm/pmm.h: arch_page_zero, arch_page_copy).  Sizes are
 * multiples of 8 (pages); the areas are kernel memory and never fault.
 */
	.section .text
	.globl arch_page_zero
arch_page_zero:
	movq %rsi, %rcx
	shrq $3, %rcx
	xorl %eax, %eax
	rep stosq
	ret

	.globl arch_page_copy
arch_page_copy:
	movq %rdx, %rcx
	shrq $3, %rcx
	rep movsq
	ret

	.section .note.GNU-stack, "", @progbits
