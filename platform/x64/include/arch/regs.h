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

/* Linux x86_64 syscall convention: nr in rax; args rdi rsi rdx r10 r8 r9.
 * Only the low 32 bits of rax are the number, as a signed int (Linux
 * ignores the upper half; -1 and the x32 bit 0x40000000 are ENOSYS). */
static inline long regs_syscall_nr(const struct arch_regs *r)
{
	return (int)(uint32_t)r->rax;
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

static inline void regs_set_pc(struct arch_regs *r, uintptr_t pc)
{
	r->rip = pc;
}

static inline void regs_set_sp(struct arch_regs *r, uintptr_t sp)
{
	r->rsp = sp;
}

#define REGS_USER_CS 0x33
#define REGS_USER_SS 0x2b
/* vector value that sends a system call's return through IRETQ, which
 * restores every register (SYSRET clobbers RCX and R11) */
#define REGS_FULL_RESTORE ((uint64_t)-2)

/* A fresh user-mode entry state (execve): everything zero but pc, sp,
 * the user selectors and IF. */
static inline void regs_init_user(struct arch_regs *r, uintptr_t pc, uintptr_t sp)
{
	*r = (struct arch_regs){0};
	r->rip = pc;
	r->rsp = sp;
	r->rflags = 0x202;
	r->cs = REGS_USER_CS;
	r->ss = REGS_USER_SS;
	r->vector = REGS_FULL_RESTORE;
}

/* Make a system call that returned to `r` run again: the number back in
 * rax and rip on the 2-byte SYSCALL instruction. */
static inline void regs_restart_syscall(struct arch_regs *r, long nr)
{
	r->rax = (uint64_t)nr;
	r->rip -= 2;
}
#endif

#define REGS_SIZE	(22 * 8)
#define REGS_VECTOR_OFF (15 * 8)
