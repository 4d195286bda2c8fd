/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Faults from user mode.  Until processes and signal delivery exist, a
 * faulting user thread is killed as if by the signal's default action, and
 * the kernel carries on: user input never takes the kernel down.
 */
#include <platform/log.h>
#include <platform/upcall.h>
#include <kernel/process.h>
#include <kernel/sched.h>
#include "process.h"

struct fault_info last_user_fault;

void user_fault(struct arch_regs *r, const struct fault_info *fi)
{
	struct thread *t = current_thread();

	last_user_fault = *fi;
	pr_info("thread %d (%s): killed by signal %d (si_code %d, si_addr %#lx) at pc %#lx\n",
		t->tid, t->name, fi->signo, fi->code, (unsigned long)fi->addr,
		(unsigned long)regs_pc(r));
	process_exit(fi->signo); /* the default action: terminate */
}
