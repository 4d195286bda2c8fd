/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The only code that touches user memory.  Each access that may fault is
 * listed in __ex_table with a fixup address; the page-fault handler resumes
 * there instead of panicking.  STAC/CLAC open and close the SMAP window
 * around the access (patched to NOPs at boot on CPUs without SMAP).
 *
 *   size_t raw_copy_user(void *dst, const void *src, size_t n)
 *       returns the number of bytes NOT copied (0 on success)
 *   long raw_strncpy_user(char *dst, const char *src, size_t n)
 *       returns the length before the NUL, n if none in n bytes, -1 on fault
 *   size_t raw_clear_user(void *dst, size_t n)  returns bytes not cleared
 */
#define EX(insn, fixup) \
	.pushsection __ex_table, "a"; .balign 8; .quad insn, fixup; .popsection

#include "smap.h"

	.section .text
	.globl raw_copy_user
raw_copy_user:
	STAC
	movq %rdx, %rcx
1:	rep movsb
	CLAC
	xorl %eax, %eax
	ret
2:	CLAC
	movq %rcx, %rax
	ret
	EX(1b, 2b)

	.globl raw_clear_user
raw_clear_user:
	STAC
	movq %rsi, %rcx
	xorl %eax, %eax
3:	rep stosb
	CLAC
	ret
4:	CLAC
	movq %rcx, %rax
	ret
	EX(3b, 4b)

	.globl raw_strncpy_user
raw_strncpy_user:
	STAC
	xorl %eax, %eax
5:	cmpq %rdx, %rax
	je 7f
6:	movb (%rsi, %rax), %cl
	movb %cl, (%rdi, %rax)
	testb %cl, %cl
	jz 7f
	incq %rax
	jmp 5b
7:	CLAC
	ret
8:	CLAC
	movq $-1, %rax
	ret
	EX(6b, 8b)

	.section .note.GNU-stack, "", @progbits
