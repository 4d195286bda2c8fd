/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Execution contexts: what a thread needs saved to be switched out and back
 * in (callee-saved registers and stack pointer, FPU/vector state, its kernel
 * stack), and the way into user mode.  The scheduler (ring 1) decides who
 * runs; these calls only perform the switch.
 */
#pragma once

#include <klib/compiler.h>
#include <klib/types.h>
#include <arch/context.h>
#include <platform/regs.h>

typedef void (*context_entry_fn)(void *arg);

/* Prepare `c` to start running `entry(arg)` on the kernel stack ending at
 * `kstack_top` the first time it is switched to; entry must never return.
 * Allocates the FPU area: 0 or -ENOMEM. */
int context_init(struct arch_context *c, void *kstack_top, context_entry_fn entry, void *arg)
	__must_check;
/* Adopt the running boot flow as a context (for the boot/idle thread);
 * kstack_top NULL means this CPU's boot stack. */
int context_init_current(struct arch_context *c, void *kstack_top) __must_check;
void context_free(struct arch_context *c);

/* Save the current CPU state into `prev` and resume `next`.  Interrupts
 * must be disabled; they come back as `next` left them. */
void context_switch(struct arch_context *prev, struct arch_context *next);

/* Return to user mode with exactly the registers in `r` (a forked child
 * resuming its parent's state with a different return value). */
__noreturn void context_resume_user(const struct arch_regs *r);

/* Leave the kernel for user mode at `pc` with stack `sp`, all other
 * registers zero, interrupts on.  Syscalls from there enter ring 1's
 * syscall_entry() on the current thread's kernel stack. */
__noreturn void context_enter_user(uintptr_t pc, uintptr_t sp);

/* The running thread's user TLS base (x86_64: the FS base), which
 * context_switch() saves and restores.  The setter takes a user address the
 * caller has checked to be canonical (arch_prctl gives -EPERM otherwise). */
uintptr_t context_user_tls(void);
void context_set_user_tls(uintptr_t base);

/* The running thread's user FPU/vector state, for signal frames: its size
 * in the layout the CPU saves (XSAVE standard format, or FXSAVE), a save
 * into a 64-byte aligned buffer, and a restore that first checks what user
 * space may have edited: -EINVAL (nothing loaded) if the header, MXCSR or
 * feature bits are not ones the CPU would accept. */
size_t fpu_state_size(void);
void fpu_state_save(void *buf);
int fpu_state_restore(const void *buf) __must_check;
