/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The application processors' first instructions.  smp.c copies this
 * block to TRAMPOLINE_PA (below 1 MiB, where a startup IPI can point)
 * and fills in the parameters at its end; an AP starts at its first byte
 * in real mode with CS:IP = TRAMPOLINE_PA:0.  It goes to protected mode,
 * then to long mode on the page tables smp.c built beside it (the first
 * 2 MiB identity-mapped, executable, plus the kernel half), and calls
 * tramp_entry(tramp_arg) on tramp_stack in the higher half; that function
 * loads the kernel's own tables and never returns.
 *
 * The block is data in the image (.rodata): it only runs from its copy.
 */
#define TRAMPOLINE_PA 0x8000
#define T(x)	      ((x) - ap_trampoline + TRAMPOLINE_PA)

	.section .rodata
	.balign 16
	.globl ap_trampoline, ap_trampoline_end, ap_trampoline_params
	.code16
ap_trampoline:
	cli
	cld
	xorw %ax, %ax
	movw %ax, %ds
	lgdtl T(tramp_gdt_ptr)
	movl %cr0, %eax
	orl $1, %eax                    /* PE */
	movl %eax, %cr0
	ljmpl $0x08, $T(tramp_pm)

	.code32
tramp_pm:
	movw $0x18, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	movl %cr4, %eax
	orl $0x20, %eax                 /* PAE */
	movl %eax, %cr4
	movl T(tramp_cr3), %eax
	movl %eax, %cr3
	movl $0xC0000080, %ecx          /* EFER: long mode, NX */
	rdmsr
	orl $((1 << 8) | (1 << 11)), %eax
	wrmsr
	movl %cr0, %eax
	orl $0x80010001, %eax           /* PG | WP | PE */
	movl %eax, %cr0
	ljmpl $0x10, $T(tramp_lm)

	.code64
tramp_lm:
	movw $0x18, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	xorw %ax, %ax
	movw %ax, %fs
	movw %ax, %gs
	movq T(tramp_stack), %rsp
	movq T(tramp_arg), %rdi
	movq T(tramp_entry), %rax
	xorl %ebp, %ebp
	pushq $0                        /* no return address: backtraces stop */
	jmp *%rax

	.balign 8
tramp_gdt:
	.quad 0
	.quad 0x00cf9a000000ffff        /* 0x08: 32-bit code */
	.quad 0x00af9a000000ffff        /* 0x10: 64-bit code */
	.quad 0x00cf92000000ffff        /* 0x18: data */
tramp_gdt_ptr:
	.short tramp_gdt_ptr - tramp_gdt - 1
	.long T(tramp_gdt)

	.balign 8
ap_trampoline_params:                   /* filled in by smp.c, in this order */
tramp_cr3:
	.quad 0
tramp_stack:
	.quad 0
tramp_entry:
	.quad 0
tramp_arg:
	.quad 0
ap_trampoline_end:

	.section .note.GNU-stack, "", @progbits
