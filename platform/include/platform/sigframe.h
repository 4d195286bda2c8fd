/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Signal frames: the architecture's part of signal delivery.  Ring 1
 * decides which signal, which handler, which stack and which mask; the
 * platform lays out the frame the Linux ABI of this architecture defines
 * (saved registers, FPU state, siginfo, ucontext) on the user stack, points
 * the registers at the handler, and takes the frame down in rt_sigreturn.
 */
#pragma once

#include <klib/types.h>
#include <platform/regs.h>

#define SIGINFO_BYTES 128 /* Linux's siginfo_t */

struct sigframe_info {
	int sig;
	uintptr_t handler;   /* sa_handler */
	uintptr_t restorer;  /* sa_restorer: where the handler returns */
	uintptr_t stack_top; /* the alternate stack's top, or 0: below the interrupted sp */
	uintptr_t ss_sp;     /* uc_stack, as sigaltstack(2) would report it */
	size_t ss_size;
	int ss_flags;
	uint64_t blocked;     /* uc_sigmask: restored by rt_sigreturn */
	uintptr_t fault_addr; /* the faulting address, for the saved context */
	const void *siginfo;  /* SIGINFO_BYTES of Linux siginfo_t */
};

/* Build the frame and enter the handler on return to user mode: 0, or
 * -EFAULT (the stack is unusable) / -ENOMEM. */
int sigframe_setup(struct arch_regs *r, const struct sigframe_info *fi) __must_check;
/* rt_sigreturn: restore the registers and FPU state from the frame at the
 * user stack pointer and give back its signal mask.  0, or -EFAULT /
 * -EINVAL (a frame the CPU would refuse): the caller kills the thread. */
int sigframe_restore(struct arch_regs *r, uint64_t *blocked) __must_check;
/* The interrupted user stack pointer. */
uintptr_t regs_user_sp(const struct arch_regs *r);
