/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * fork, vfork, clone and wait4.  vfork shares the memory and suspends the
 * parent until the child execs or exits.  clone creates processes (with
 * an exit signal, a stack, and the tid stores); threads come later.
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
	struct fork_args fa = {.exit_signal = SIGCHLD};

	return current_process() ? process_fork(a->regs, &fa) : -ENOSYS;
}

long sys_vfork(const struct syscall_args *a)
{
	struct fork_args fa = {.share_vm = true, .vfork = true, .exit_signal = SIGCHLD};

	return current_process() ? process_fork(a->regs, &fa) : -ENOSYS;
}

#define CLONE_PROCESS_FLAGS                                                          \
	(CSIGNAL | CLONE_VM | CLONE_VFORK | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | \
	 CLONE_CHILD_CLEARTID)

/* clone(flags, stack, parent_tid, child_tid, tls): new processes; threads
 * (CLONE_THREAD, CLONE_SIGHAND, CLONE_FILES...) come with the SMP work. */
long sys_clone(const struct syscall_args *a)
{
	unsigned long flags = a->arg[0];
	struct fork_args fa = {
		.share_vm = flags & CLONE_VM,
		.vfork = flags & CLONE_VFORK,
		.exit_signal = (int)(flags & CSIGNAL),
		.stack = a->arg[1],
		.parent_tid = flags & CLONE_PARENT_SETTID ? a->arg[2] : 0,
		.set_child_tid = flags & CLONE_CHILD_SETTID ? a->arg[3] : 0,
		.clear_child_tid = flags & CLONE_CHILD_CLEARTID ? a->arg[3] : 0,
	};

	if (!current_process())
		return -ENOSYS;
	if (fa.exit_signal > 64)
		return -EINVAL;
	if (flags & ~CLONE_PROCESS_FLAGS)
		return -EINVAL;
	if ((flags & CLONE_VM) && !(flags & CLONE_VFORK) && !a->arg[1])
		return -EINVAL; /* two processes on one stack */
	return process_fork(a->regs, &fa);
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
