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
/* Copies and clears move 8 bytes per step, then the tail a byte at a time.
 * A fault in the 8-byte loop retries the rest a byte at a time, so the
 * count left is exact (the faulting byte), not rounded to a word. */
	.globl raw_copy_user
raw_copy_user:
	STAC
	movq %rdx, %rcx
	shrq $3, %rcx
	andl $7, %edx
1:	rep movsq
	movl %edx, %ecx
2:	rep movsb
	CLAC
	xorl %eax, %eax
	ret
3:	leaq (%rdx, %rcx, 8), %rcx
	jmp 2b
4:	CLAC
	movq %rcx, %rax
	ret
	EX(1b, 3b)
	EX(2b, 4b)

	.globl raw_clear_user
raw_clear_user:
	STAC
	movq %rsi, %rcx
	xorl %eax, %eax
	shrq $3, %rcx
	andl $7, %esi
5:	rep stosq
	movl %esi, %ecx
6:	rep stosb
	CLAC
	ret
7:	leaq (%rsi, %rcx, 8), %rcx
	jmp 6b
8:	CLAC
	movq %rcx, %rax
	ret
	EX(5b, 7b)
	EX(6b, 8b)

	.globl raw_strncpy_user
raw_strncpy_user:
	STAC
	xorl %eax, %eax
15:	cmpq %rdx, %rax
	je 17f
16:	movb (%rsi, %rax), %cl
	movb %cl, (%rdi, %rax)
	testb %cl, %cl
	jz 17f
	incq %rax
	jmp 15b
17:	CLAC
	ret
18:	CLAC
	movq $-1, %rax
	ret
	EX(16b, 18b)

/* int raw_fpu_save_user(void *dst, int xsave, uint64_t xcr0): the live
 * FPU state straight into user memory (64-byte aligned), with XSAVE for the
 * xcr0 features or FXSAVE; 0, or -1 if the memory faulted. */
	.globl raw_fpu_save_user
raw_fpu_save_user:
	STAC
	movq %rdx, %rax
	shrq $32, %rdx
	testl %esi, %esi
	jz 20f
19:	xsave64 (%rdi)
	jmp 21f
20:	fxsave64 (%rdi)
21:	CLAC
	xorl %eax, %eax
	ret
22:	CLAC
	movl $-1, %eax
	ret
	EX(19b, 22b)
	EX(20b, 22b)

/* int raw_fpu_restore_user(const void *src, int xsave, uint64_t xcr0):
 * XRSTOR or FXRSTOR from user memory; 0, or -1 if it faulted (#PF, or #GP
 * for a misaligned area or a state the CPU refuses). */
	.globl raw_fpu_restore_user
raw_fpu_restore_user:
	STAC
	movq %rdx, %rax
	shrq $32, %rdx
	testl %esi, %esi
	jz 24f
23:	xrstor64 (%rdi)
	jmp 25f
24:	fxrstor64 (%rdi)
25:	CLAC
	xorl %eax, %eax
	ret
26:	CLAC
	movl $-1, %eax
	ret
	EX(23b, 26b)
	EX(24b, 26b)

/* int raw_cmpxchg_user_u32(uint32_t *p, uint32_t old, uint32_t new, uint32_t *cur)
 * One locked compare-and-exchange on a user word (futexes): stores the
 * value found in *cur, returns 0, or -1 on a fault. */
	.globl raw_cmpxchg_user_u32
raw_cmpxchg_user_u32:
	STAC
	movl %esi, %eax
30:	lock cmpxchgl %edx, (%rdi)
	CLAC
	movl %eax, (%rcx)
	xorl %eax, %eax
	ret
31:	CLAC
	movl $-1, %eax
	ret
	EX(30b, 31b)

	.section .note.GNU-stack, "", @progbits
