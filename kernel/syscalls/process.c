/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * fork, vfork, clone, clone3 and wait4.  vfork shares the memory and
 * suspends the parent until the child execs or exits.  clone creates
 * processes (with an exit signal, a stack, and the tid stores) and, with
 * CLONE_THREAD, threads of the caller's process (kernel/process/thread.c).
 */
#include <klib/errno.h>
#include <linux/sched.h>
#include <linux/resource.h>
#include <linux/signal.h>
#include <linux/wait.h>
#include <asm-generic/siginfo.h>
#include <klib/string.h>
#include <linux/capability.h>
#include <platform/mmu.h>
#include <platform/page.h>
#include <kernel/cred.h>
#include <kernel/signal.h>
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <kernel/oom.h>
#include <kernel/pidfd.h>
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

/* What Kevlar's clone does: everything but the namespaces (EINVAL, as
 * before any namespace exists).  CLONE_PIDFD gives the parent a pidfd of
 * the child (kernel/pidfd.h).  CLONE_SYSVSEM, CLONE_IO, CLONE_DETACHED,
 * CLONE_UNTRACED and CLONE_PTRACE (no tracer) change nothing here.
 * CLONE_FS shares the root, cwd and umask (between processes too);
 * CLONE_SIGHAND shares the handlers (between processes too). */
#define CLONE_KNOWN                                                                               \
	(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_PTRACE | CLONE_VFORK |         \
	 CLONE_PARENT | CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID |       \
	 CLONE_CHILD_CLEARTID | CLONE_DETACHED | CLONE_UNTRACED | CLONE_CHILD_SETTID | CLONE_IO | \
	 CLONE_PIDFD)
#define CLONE_NS_FLAGS                                                                 \
	(CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | \
	 CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWTIME)

/* The arguments of clone and clone3 once decoded. */
struct clone_req {
	uint64_t flags;
	int exit_signal;
	uintptr_t stack, parent_tid, child_tid, tls;
	uintptr_t pidfd; /* CLONE_PIDFD: where the parent's pidfd goes */
};

/* Linux's checks of a flag combination (copy_process), then the work. */
static long do_clone(const struct syscall_args *a, const struct clone_req *r)
{
	uint64_t flags = r->flags;
	struct fork_args fa = {
		.share_vm = flags & CLONE_VM,
		.vfork = flags & CLONE_VFORK,
		.share_files = flags & CLONE_FILES,
		.share_fs = flags & CLONE_FS,
		.clear_sighand = flags & CLONE_CLEAR_SIGHAND,
		.share_sighand = flags & CLONE_SIGHAND,
		.exit_signal = r->exit_signal,
		.stack = r->stack,
		.parent_tid = flags & CLONE_PARENT_SETTID ? r->parent_tid : 0,
		.set_child_tid = flags & CLONE_CHILD_SETTID ? r->child_tid : 0,
		.clear_child_tid = flags & CLONE_CHILD_CLEARTID ? r->child_tid : 0,
		.share_parent = flags & CLONE_PARENT,
		.thread = flags & CLONE_THREAD,
		.set_tls = flags & CLONE_SETTLS,
		.tls = r->tls,
	};
	uint64_t ns = flags & CLONE_NS_FLAGS;
	long pid;

	if (!current_process())
		return -ENOSYS;
	if ((flags & (CLONE_NEWNS | CLONE_FS)) == (CLONE_NEWNS | CLONE_FS) ||
	    (flags & (CLONE_NEWUSER | CLONE_FS)) == (CLONE_NEWUSER | CLONE_FS))
		return -EINVAL;
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	if ((flags & CLONE_PARENT) && current_process()->pid == init_pid())
		return -EINVAL; /* init has no parent to share (its threads are fine: a Go
				 * program or a container's entry point is often pid 1) */
	if ((flags & CLONE_THREAD) && (flags & (CLONE_NEWUSER | CLONE_NEWPID)))
		return -EINVAL;
	if ((flags & CLONE_PIDFD) && (flags & (CLONE_DETACHED | CLONE_THREAD)))
		return -EINVAL;
	if (ns || (flags & ~(CLONE_KNOWN | CLONE_CLEAR_SIGHAND)))
		return -EINVAL; /* no namespaces yet */
	if ((flags & CLONE_SETTLS) && r->tls >= USER_TOP - PAGE_SIZE)
		return -EPERM; /* not a user address, as arch_prctl(ARCH_SET_FS) */
	if (flags & CLONE_THREAD)
		return process_clone_thread(a->regs, &fa);
	/* Linux stores the pidfd before the child exists: a bad pointer
	 * fails the clone */
	if ((flags & CLONE_PIDFD) && put_user(0, (int __user *)uptr(r->pidfd)))
		return -EFAULT;
	pid = fork_retrying(a->regs, &fa);
	if (pid > 0 && (flags & CLONE_PIDFD)) {
		long fd = pidfd_of_child((int)pid);

		/* the child already reaped (SIGCHLD ignored): -1, as no pidfd */
		(void)put_user((int)(fd < 0 ? -1 : fd), (int __user *)uptr(r->pidfd));
	}
	return pid;
}

/* clone(flags, stack, parent_tid, child_tid, tls): the low byte of flags
 * is the exit signal. */
long sys_clone(const struct syscall_args *a)
{
	struct clone_req r = {
		.flags = a->arg[0] & 0xffffffffull & ~(uint64_t)CSIGNAL,
		.exit_signal = (int)(a->arg[0] & CSIGNAL),
		.stack = a->arg[1],
		.parent_tid = a->arg[2],
		.child_tid = a->arg[3],
		.tls = a->arg[4],
	};

	if (r.exit_signal > NSIG_K)
		return -EINVAL;
	/* the pidfd would go where the parent's tid goes */
	if ((r.flags & CLONE_PIDFD) && (r.flags & CLONE_PARENT_SETTID))
		return -EINVAL;
	r.pidfd = r.parent_tid;
	if (r.flags & CLONE_THREAD)
		r.exit_signal = 0; /* a thread signals nobody */
	return do_clone(a, &r);
}

/* clone3(args, size): struct clone_args, of any published size or a
 * larger one whose extra bytes are zero. */
long sys_clone3(const struct syscall_args *a)
{
	const uint8_t __user *uargs = uptr(a->arg[0]);
	size_t size = a->arg[1];
	struct clone_args ca;
	struct clone_req r;

	if (size > PAGE_SIZE)
		return -E2BIG;
	if (size < CLONE_ARGS_SIZE_VER0)
		return -EINVAL;
	memset(&ca, 0, sizeof(ca));
	if (copy_from_user(&ca, uargs, MIN(size, sizeof(ca))))
		return -EFAULT;
	for (size_t off = sizeof(ca); off < size; off++) {
		uint8_t b;

		if (get_user(b, uargs + off))
			return -EFAULT;
		if (b)
			return -E2BIG;
	}
	if (ca.set_tid_size > 32 || (!ca.set_tid && ca.set_tid_size) ||
	    (ca.set_tid && !ca.set_tid_size))
		return -EINVAL;
	if ((ca.exit_signal & ~(uint64_t)CSIGNAL) || ca.exit_signal > NSIG_K)
		return -EINVAL;
	if ((ca.flags & CLONE_INTO_CGROUP) &&
	    (ca.cgroup > INT32_MAX || size < CLONE_ARGS_SIZE_VER2))
		return -EINVAL;
	if (ca.flags & ~(0xffffffffull | CLONE_CLEAR_SIGHAND | CLONE_INTO_CGROUP))
		return -EINVAL;
	if (ca.flags & (CLONE_DETACHED | (CSIGNAL & ~CLONE_NEWTIME)))
		return -EINVAL;
	if ((ca.flags & (CLONE_SIGHAND | CLONE_CLEAR_SIGHAND)) ==
	    (CLONE_SIGHAND | CLONE_CLEAR_SIGHAND))
		return -EINVAL;
	if ((ca.flags & (CLONE_THREAD | CLONE_PARENT)) && ca.exit_signal)
		return -EINVAL;
	if (!ca.stack != !ca.stack_size || (ca.stack && !access_ok(uptr(ca.stack), ca.stack_size)))
		return -EINVAL;
	if (ca.set_tid) {
		/* only the caller's pid namespace level exists */
		if (ca.set_tid_size > 1)
			return -EINVAL;
		if (!capable(CAP_SYS_ADMIN) && !capable(CAP_CHECKPOINT_RESTORE))
			return -EPERM;
		return -EINVAL; /* choosing a pid is not supported (DIVERGENCES) */
	}
	if (ca.flags & CLONE_INTO_CGROUP)
		return -EINVAL; /* no cgroups yet */
	r = (struct clone_req){
		.flags = ca.flags,
		.exit_signal = (int)ca.exit_signal,
		.stack = ca.stack ? ca.stack + ca.stack_size : 0,
		.parent_tid = ca.parent_tid,
		.child_tid = ca.child_tid,
		.tls = ca.tls,
		.pidfd = ca.pidfd,
	};
	return do_clone(a, &r);
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
