/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * fork, vfork, clone and wait4.  vfork is a copy-on-write fork that does
 * not suspend the parent (POSIX allows vfork to be fork; the suspension
 * comes with execve).  clone accepts the fork and vfork flag sets until
 * threads arrive.
 */
#include <klib/errno.h>
#include <linux/sched.h>
#include <linux/resource.h>
#include <linux/signal.h>
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <kernel/process.h>

long sys_fork(const struct syscall_args *a)
{
	return current_process() ? process_fork(a->regs, false) : -ENOSYS;
}

long sys_vfork(const struct syscall_args *a)
{
	return sys_fork(a);
}

/* clone(flags, stack, parent_tid, child_tid, tls) */
long sys_clone(const struct syscall_args *a)
{
	unsigned long flags = a->arg[0];
	unsigned long fork_like = SIGCHLD, vfork_like = CLONE_VM | CLONE_VFORK | SIGCHLD;

	if (a->arg[1])
		return -EINVAL; /* a new stack only makes sense for threads */
	if (flags != fork_like && flags != vfork_like)
		return -EINVAL;
	return sys_fork(a);
}

/* wait4(pid, wstatus, options, rusage) */
long sys_wait4(const struct syscall_args *a)
{
	int __user *ustatus = uptr(a->arg[1]);
	void __user *urusage = uptr(a->arg[3]);
	int status = 0;
	long pid;

	if (!current_process())
		return -ECHILD;
	pid = process_wait((int)a->arg[0], &status, (int)a->arg[2]);
	if (pid > 0 && ustatus && put_user(status, ustatus))
		return -EFAULT;
	if (pid > 0 && urusage && clear_user(urusage, sizeof(struct rusage)))
		return -EFAULT;
	return pid;
}
