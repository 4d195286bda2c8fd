/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Identity, yielding and exit.
 */
#include <klib/errno.h>
#include <generated/syscalls.h>
#include <kernel/process.h>
#include <kernel/sched.h>

long sys_getpid(const struct syscall_args *a)
{
	struct process *p = current_process();

	return p ? p->pid : current_thread()->tid;
}

long sys_getppid(const struct syscall_args *a)
{
	struct process *p = current_process();

	return p && p->parent ? p->parent->pid : 0;
}

long sys_gettid(const struct syscall_args *a)
{
	return current_thread()->tid;
}

long sys_sched_yield(const struct syscall_args *a)
{
	sched_yield_cpu();
	return 0;
}

long sys_exit(const struct syscall_args *a)
{
	process_exit(((int)a->arg[0] & 0xff) << 8);
}

/* exit ends the calling thread, exit_group every thread of the process. */
long sys_exit_group(const struct syscall_args *a)
{
	process_exit_group(((int)a->arg[0] & 0xff) << 8);
}
