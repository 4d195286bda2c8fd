/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * First instructions.  A multiboot (v1) header for QEMU's -kernel loader and
 * a multiboot2 header for GRUB; both enter _start32 in 32-bit protected mode
 * with paging off, EAX = the loader's magic, EBX = the physical address of
 * its information structure.
 *
 * _start32 zeroes .bss, builds boot page tables with 2 MiB pages that map
 * the first 4 GiB twice (identity, and the direct map at
 * KERNEL_DIRECT_MAP) and the first 1 GiB at KERNEL_VMA (the image), enables long mode
 * with NX, and calls x64_boot_main(magic, info) on the boot stack, in the
 * higher half.  paging.c replaces these tables with the final ones.
 */
#include <arch/mmu.h>

#define MB1_MAGIC     0x1BADB002
#define MB1_FLAGS     0x00010003 /* page-align modules, memory info, a.out kludge */
#define MB2_MAGIC     0xE85250D6
#define PHYS(x)       ((x) - KERNEL_VMA)
#define PTE_P         0x1
#define PTE_W         0x2
#define PTE_PS        0x80

	.section .boot.header, "a"
	.balign 4
mb1_header:
	.long MB1_MAGIC
	.long MB1_FLAGS
	.long -(MB1_MAGIC + MB1_FLAGS)
	.long PHYS(mb1_header)          /* header_addr */
	.long PHYS(__kernel_start)      /* load_addr */
	.long PHYS(__load_end)          /* load_end_addr */
	.long PHYS(__bss_end)           /* bss_end_addr */
	.long PHYS(_start32)            /* entry_addr */

	.balign 8
mb2_header:
	.long MB2_MAGIC
	.long 0                         /* i386 */
	.long mb2_header_end - mb2_header
	.long -(MB2_MAGIC + 0 + (mb2_header_end - mb2_header))
	.balign 8                       /* entry address tag */
	.short 3, 0
	.long 12
	.long PHYS(_start32)
	.balign 8                       /* end tag */
	.short 0, 0
	.long 8
mb2_header_end:

	.section .boot.text, "ax"
	.code32
	.globl _start32
_start32:
	cli
	cld
	movl %eax, %edi                 /* loader magic */
	movl %ebx, %esi                 /* info structure */
	movl $PHYS(boot_stack_top), %esp

	/* zero .bss (the boot page tables live there) */
	movl $PHYS(__bss_start), %edx
	movl $PHYS(__bss_end), %ecx
	subl %edx, %ecx
	movl %edi, %ebp                 /* the stack is in .bss: keep it in a register */
	movl %edx, %edi
	xorl %eax, %eax
	rep stosb
	movl %ebp, %edi

	/* four page directories: 2048 x 2 MiB = the first 4 GiB */
	movl $PHYS(boot_pd), %ebx
	xorl %ecx, %ecx
1:	movl %ecx, %eax
	shll $21, %eax
	orl $(PTE_P | PTE_W | PTE_PS), %eax
	movl %eax, (%ebx, %ecx, 8)
	movl %ecx, %eax
	shrl $11, %eax                  /* bits 32+ of the address */
	movl %eax, 4(%ebx, %ecx, 8)
	incl %ecx
	cmpl $2048, %ecx
	jne 1b

	/* PDPT for identity and direct map: 4 x 1 GiB */
	movl $PHYS(boot_pdpt), %ebx
	movl $PHYS(boot_pd), %eax
	orl $(PTE_P | PTE_W), %eax
	xorl %ecx, %ecx
2:	movl %eax, (%ebx, %ecx, 8)
	addl $4096, %eax
	incl %ecx
	cmpl $4, %ecx
	jne 2b

	/* kernel window: PDPT entry 510 of the last PML4 slot -> first 1 GiB */
	movl $PHYS(boot_pdpt_k), %ebx
	movl $PHYS(boot_pd), %eax
	orl $(PTE_P | PTE_W), %eax
	movl %eax, 510*8(%ebx)

	movl $PHYS(boot_pml4), %ebx
	movl $PHYS(boot_pdpt), %eax
	orl $(PTE_P | PTE_W), %eax
	movl %eax, (%ebx)                       /* identity */
	movl %eax, PML4_INDEX_DIRECT_MAP*8(%ebx) /* direct map */
	movl $PHYS(boot_pdpt_k), %eax
	orl $(PTE_P | PTE_W), %eax
	movl %eax, 511*8(%ebx)                  /* kernel image */

	/* PAE, then long mode + NX, then paging */
	movl %cr4, %eax
	orl $0x20, %eax
	movl %eax, %cr4
	movl %ebx, %cr3
	movl $0xC0000080, %ecx
	rdmsr
	orl $((1 << 8) | (1 << 11)), %eax
	wrmsr
	movl %cr0, %eax
	orl $0x80010001, %eax                   /* PG | WP | PE */
	movl %eax, %cr0

	lgdt PHYS(boot_gdt_ptr)
	ljmp $0x10, $PHYS(long_mode)

	.code64
long_mode:
	movw $0x18, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	xorw %ax, %ax
	movw %ax, %fs
	movw %ax, %gs
	movabsq $higher_half, %rax
	jmp *%rax
higher_half:
	movabsq $boot_stack_top, %rsp
	xorl %ebp, %ebp
	/* rdi = magic, rsi = info (zero-extended by the 32-bit moves above) */
	movl %edi, %edi
	movl %esi, %esi
	call x64_boot_main
3:	cli
	hlt
	jmp 3b

	.section .rodata
	.balign 8
boot_gdt:
	.quad 0
	.quad 0x00cf9a000000ffff        /* 0x08: 32-bit code (unused) */
	.quad 0x00af9a000000ffff        /* 0x10: 64-bit kernel code */
	.quad 0x00cf92000000ffff        /* 0x18: kernel data */
boot_gdt_end:
boot_gdt_ptr:
	.short boot_gdt_end - boot_gdt - 1
	.long PHYS(boot_gdt)

	.section .bss.pagetables, "aw", @nobits
	.balign 4096
	.globl boot_pml4
boot_pml4:   .skip 4096
boot_pdpt:   .skip 4096
boot_pdpt_k: .skip 4096
boot_pd:     .skip 4 * 4096
	.globl boot_stack, boot_stack_top
boot_stack:  .skip 16384
boot_stack_top:

	.section .note.GNU-stack, "", @progbits
