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
#include <linux/wait.h>
#include <asm-generic/siginfo.h>
#include <klib/string.h>
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <kernel/oom.h>
#include <kernel/process.h>

/* process_fork, with the OOM killer freeing memory and another try when
 * the copy found none (Linux's allocations wait for the OOM killer rather
 * than fail fork with ENOMEM). */
static long fork_retrying(const struct arch_regs *regs, const struct fork_args *fa)
{
	long ret;

	while ((ret = process_fork(regs, fa)) == -ENOMEM && oom_recover())
		;
	return ret;
}

long sys_fork(const struct syscall_args *a)
{
	struct fork_args fa = {.exit_signal = SIGCHLD};

	return current_process() ? fork_retrying(a->regs, &fa) : -ENOSYS;
}

long sys_vfork(const struct syscall_args *a)
{
	struct fork_args fa = {.share_vm = true, .vfork = true, .exit_signal = SIGCHLD};

	return current_process() ? fork_retrying(a->regs, &fa) : -ENOSYS;
}

#define CLONE_PROCESS_FLAGS                                                            \
	(CSIGNAL | CLONE_VM | CLONE_VFORK | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | \
	 CLONE_CHILD_CLEARTID | CLONE_FILES | CLONE_PARENT)

/* clone(flags, stack, parent_tid, child_tid, tls): new processes; threads
 * (CLONE_THREAD, CLONE_SIGHAND, CLONE_FS...) come with the SMP work. */
long sys_clone(const struct syscall_args *a)
{
	unsigned long flags = a->arg[0];
	struct fork_args fa = {
		.share_vm = flags & CLONE_VM,
		.vfork = flags & CLONE_VFORK,
		.share_files = flags & CLONE_FILES,
		.exit_signal = (int)(flags & CSIGNAL),
		.stack = a->arg[1],
		.parent_tid = flags & CLONE_PARENT_SETTID ? a->arg[2] : 0,
		.set_child_tid = flags & CLONE_CHILD_SETTID ? a->arg[3] : 0,
		.clear_child_tid = flags & CLONE_CHILD_CLEARTID ? a->arg[3] : 0,
		.share_parent = flags & CLONE_PARENT,
	};

	if (!current_process())
		return -ENOSYS;
	if (fa.exit_signal > 64)
		return -EINVAL;
	if (flags & ~CLONE_PROCESS_FLAGS)
		return -EINVAL;
	if ((flags & CLONE_VM) && !(flags & CLONE_VFORK) && !a->arg[1])
		return -EINVAL; /* two processes on one stack */
	if ((flags & CLONE_PARENT) && current_process()->pid == init_pid())
		return -EINVAL; /* init has no parent to share */
	return fork_retrying(a->regs, &fa);
}

/* The rusage wait reports: the child's CPU times and peak size, the rest
 * zero. */
static long put_child_rusage(uint64_t uaddr, const uint64_t cpu[3])
{
	struct rusage ru;

	memset(&ru, 0, sizeof(ru));
	ru.ru_utime.tv_sec = (long)(cpu[0] / 1000000000);
	ru.ru_utime.tv_usec = (long)(cpu[0] % 1000000000 / 1000);
	ru.ru_stime.tv_sec = (long)(cpu[1] / 1000000000);
	ru.ru_stime.tv_usec = (long)(cpu[1] % 1000000000 / 1000);
	ru.ru_maxrss = (long)cpu[2];
	return copy_to_user(uptr(uaddr), &ru, sizeof(ru)) ? -EFAULT : 0;
}

/* wait4(pid, wstatus, options, rusage) */
long sys_wait4(const struct syscall_args *a)
{
	int __user *ustatus = uptr(a->arg[1]);
	int status = 0;
	uint64_t cpu[3];
	long pid;

	if (!current_process())
		return -ECHILD;
	pid = process_wait((int)a->arg[0], &status, (int)a->arg[2], cpu);
	if (pid > 0 && ustatus && put_user(status, ustatus))
		return -EFAULT;
	if (pid > 0 && a->arg[3] && put_child_rusage(a->arg[3], cpu))
		return -EFAULT;
	return pid;
}

/* waitid(idtype, id, infop, options, rusage) */
long sys_waitid(const struct syscall_args *a)
{
	int pid = 0, status = 0;
	uint64_t cpu[3] = {0, 0, 0};
	siginfo_t si;
	long r;

	if (!current_process())
		return -ECHILD;
	r = process_waitid((int)a->arg[0], (int)a->arg[1], (int)a->arg[3], &pid, &status, cpu);
	if (r)
		return r;
	memset(&si, 0, sizeof(si));
	if (pid) {
		si.si_signo = SIGCHLD;
		si.si_pid = pid;
		si.si_uid = 0;
		if ((status & 0xff) == 0x7f) {
			si.si_code = CLD_STOPPED;
			si.si_status = (status >> 8) & 0xff;
		} else if (status == 0xffff) {
			si.si_code = CLD_CONTINUED;
			si.si_status = SIGCONT;
		} else if (status & 0x7f) {
			si.si_code = (status & 0x80) ? CLD_DUMPED : CLD_KILLED;
			si.si_status = status & 0x7f;
		} else {
			si.si_code = CLD_EXITED;
			si.si_status = (status >> 8) & 0xff;
		}
	}
	if (a->arg[2] && copy_to_user(uptr(a->arg[2]), &si, sizeof(si)))
		return -EFAULT;
	if (a->arg[4] && put_child_rusage(a->arg[4], cpu))
		return -EFAULT;
	return 0;
}
