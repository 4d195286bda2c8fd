/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The register frame pushed on the kernel stack by every interrupt,
 * exception and syscall entry (entry.S, syscall.S), in push order reversed.
 * Ring 1 reads syscall numbers and arguments through the accessors below.
 */
#pragma once

#ifndef __ASSEMBLY__
#include <klib/types.h>

struct arch_regs {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error;		   /* vector number, CPU error code (or 0) */
	uint64_t rip, cs, rflags, rsp, ss; /* hardware frame */
};

static inline bool regs_from_user(const struct arch_regs *r)
{
	return (r->cs & 3) != 0;
}

/* Linux x86_64 syscall convention: nr in rax; args rdi rsi rdx r10 r8 r9. */
static inline long regs_syscall_nr(const struct arch_regs *r)
{
	return (long)r->rax;
}
static inline uint64_t regs_syscall_arg(const struct arch_regs *r, unsigned i)
{
	const uint64_t a[6] = {r->rdi, r->rsi, r->rdx, r->r10, r->r8, r->r9};
	return a[i];
}
static inline void regs_set_return(struct arch_regs *r, long v)
{
	r->rax = (uint64_t)v;
}
static inline uintptr_t regs_pc(const struct arch_regs *r)
{
	return r->rip;
}
#endif

#define REGS_SIZE	(22 * 8)
#define REGS_VECTOR_OFF (15 * 8)
