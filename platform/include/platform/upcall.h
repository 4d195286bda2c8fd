/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Upcalls: the entry points ring 0 calls in ring 1.  This header is the whole
 * contract in that direction; the export check (tools/check/exports.py)
 * allows ring 0 to reference ring 1 through these names only.
 */
#pragma once

#include <klib/types.h>
#include <platform/regs.h>

/* What a fault from user mode was, for the signal ring 1 sends. */
struct fault_info {
	int signo;	 /* SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP */
	int code;	 /* si_code: SEGV_MAPERR, SEGV_ACCERR, FPE_INTDIV, ... */
	uintptr_t addr;	 /* si_addr */
	unsigned vector; /* arch exception number */
	bool write;	 /* page faults: a write access */
	bool exec;	 /* page faults: an instruction fetch */
	bool present;	 /* page faults: the page was mapped (protection fault) */
};

/* Ring 1's entry, on the boot CPU with interrupts off, once the platform is
 * up (memory, heap, interrupts, timer).  Never returns. */
__attribute__((noreturn)) void kernel_main(void);
/* Ring 1's entry on each other processor (smp_boot_cpus), interrupts off,
 * the CPU online: it becomes the CPU's idle thread.  Never returns. */
__attribute__((noreturn)) void kernel_main_ap(void);

/* A system call from user mode; `r` holds the number and arguments and
 * receives the return value (regs_set_return). */
void syscall_entry(struct arch_regs *r);

/* A fault from user mode that ring 0 could not resolve.  May not return
 * (the thread dies or a signal frame is set up in `r`). */
void user_fault(struct arch_regs *r, const struct fault_info *fi);

/* A page fault on a user address, from user mode or from usercopy.  Ring 1
 * resolves it (demand paging, copy-on-write) and returns 0, or returns
 * -EFAULT (nothing mapped: SEGV_MAPERR), -EACCES (protection:
 * SEGV_ACCERR) or -ENXIO (a file page past the end of its file: SIGBUS
 * BUS_ADRERR) and the fault proceeds as a signal or a usercopy -EFAULT.
 * Called with interrupts as the faulting context had them. */
#define PF_WRITE_ACCESS 0x1u
#define PF_EXEC_ACCESS	0x2u
#define PF_USER_MODE	0x4u
int page_fault(uintptr_t addr, unsigned access);
/* page_fault() gave -ENOMEM: ring 1 frees memory (the OOM killer).  true:
 * retry the access (from user mode: the instruction; the calling thread
 * may have been chosen and die on its way back); false: proceed with the
 * failure (SIGSEGV, or EFAULT for usercopy). */
bool page_fault_oom(void);

struct recover_point;
/* A fault in kernel mode that no fixup claims (interrupts off): ring 1
 * returns the recovery point to resume if the fault is a ring-2 service's,
 * contained (platform/recover.h), or NULL and the fault is a panic.  `pc`
 * is where it happened, `what` the exception's name, `addr` the page
 * fault's address (0 for others). */
const struct recover_point *contain_fault(uintptr_t pc, unsigned vector, const char *what,
					  uintptr_t addr);

/* An interrupt or exception from user mode is about to return there
 * (interrupts on): ring 1 delivers pending signals by editing `r`. */
void return_to_user(struct arch_regs *r);

/* A record was added to the kernel log (platform/log.h), its lock
 * dropped: ring 1 wakes readers of the log.  Any context (interrupts,
 * spinlocks held); not called while panicking. */
void log_appended(void);

/* This CPU's one-shot timer fired (IRQ context). */
void timer_expired(void);

/* Called at the end of an interrupt that hit preemptible code with
 * need_resched set: the scheduler may switch threads here. */
void preempt_schedule_irq(void);
