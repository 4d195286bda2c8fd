/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Faults from user mode become signals for the faulting thread (SIGSEGV
 * with SEGV_MAPERR/SEGV_ACCERR and the address, SIGFPE, SIGILL, ...),
 * forced through even when blocked or ignored, as Linux does.  The
 * platform delivers them on its way back to user mode (return_to_user):
 * a handler runs, or the default action kills the process.  User input
 * never takes the kernel down.
 */
#include <platform/log.h>
#include <platform/upcall.h>
#include <kernel/process.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include "process.h"

struct fault_info last_user_fault;

void user_fault(struct arch_regs *r, const struct fault_info *fi)
{
	struct thread *t = current_thread();
	struct ksiginfo si = {.code = fi->code, .addr = fi->addr};

	last_user_fault = *fi;
	pr_info("thread %d (%s): signal %d (si_code %d, si_addr %#lx) at pc %#lx\n", t->tid,
		t->name, fi->signo, fi->code, (unsigned long)fi->addr, (unsigned long)regs_pc(r));
	if (!t->proc)
		process_exit(fi->signo);
	signal_force(fi->signo, &si);
}
