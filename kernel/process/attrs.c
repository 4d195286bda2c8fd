/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * A process's user-settable attributes (struct process_attrs): their
 * values in the first process and what fork hands down, as Linux does.
 * The system calls that read and write them live in kernel/syscalls/
 * (sched.c, cred.c, misc.c); credential changes are kernel/process/cred.c's.
 */
#include <linux/capability.h>
#include <linux/personality.h>
#include <linux/sched.h>
#include <kernel/process.h>

void process_attrs_init(struct process_attrs *a)
{
	*a = (struct process_attrs){
		.policy = SCHED_NORMAL,
		.dumpable = true,
	};
}

void process_attrs_fork(struct process_attrs *child, const struct process_attrs *parent)
{
	*child = *parent;
	child->pdeath_signal = 0;
	child->child_subreaper = false;
	if (child->reset_on_fork) {
		/* SCHED_RESET_ON_FORK: real-time goes back to normal, and a
		 * raised priority (negative nice) to nice 0 */
		if (child->policy == SCHED_FIFO || child->policy == SCHED_RR) {
			child->policy = SCHED_NORMAL;
			child->rt_priority = 0;
			child->nice = 0;
		} else if (child->nice < 0) {
			child->nice = 0;
		}
		child->reset_on_fork = false;
	}
}

void process_attrs_exec(struct process_attrs *a)
{
	a->personality &= ~READ_IMPLIES_EXEC; /* a 64-bit program never implies it */
}
