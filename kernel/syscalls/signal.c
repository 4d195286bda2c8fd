/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Signal system calls: rt_sigaction, rt_sigprocmask, rt_sigpending,
 * rt_sigsuspend, rt_sigreturn, sigaltstack, pause, kill, tkill, tgkill.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <asm-generic/siginfo.h>
#include <platform/sigframe.h>
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <kernel/cred.h>
#include <kernel/process.h>
#include <kernel/sched.h>
#include <kernel/signal.h>

#define SA_KNOWN                                                                           \
	(SA_NOCLDSTOP | SA_NOCLDWAIT | SA_SIGINFO | SA_ONSTACK | SA_RESTART | SA_NODEFER | \
	 SA_RESETHAND | SA_RESTORER)

_Static_assert(sizeof(struct k_sigaction) == sizeof(struct sigaction), "sigaction layout");

/* rt_sigaction(sig, act, oact, sigsetsize) */
long sys_rt_sigaction(const struct syscall_args *a)
{
	struct process *p = current_process();
	int sig = (int)a->arg[0];
	struct k_sigaction act, old;
	bool discard = false;

	if (a->arg[3] != sizeof(uint64_t))
		return -EINVAL;
	if (sig < 1 || sig > NSIG_K)
		return -EINVAL;
	if (a->arg[1] && copy_from_user(&act, uptr(a->arg[1]), sizeof(act)))
		return -EFAULT;
	if (a->arg[1] && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	if (a->arg[1]) {
		act.flags &= SA_KNOWN; /* unknown bits read back clear, as on Linux */
		act.mask &= ~SIG_UNBLOCKABLE;
	}
	signal_swap_action(p, sig, a->arg[1] ? &act : NULL, &old);
	if (a->arg[1]) {
		/* setting SIG_IGN (or a default of ignore) discards a pending one */
		if (act.handler == 1 ||
		    (act.handler == 0 && (sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH)))
			discard = true;
	}
	if (discard)
		signal_discard(p, sig);
	if (a->arg[2] && copy_to_user(uptr(a->arg[2]), &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* rt_sigprocmask(how, set, oldset, sigsetsize) */
long sys_rt_sigprocmask(const struct syscall_args *a)
{
	struct thread *t = current_thread();
	uint64_t set, old = t->sigmask;

	if (a->arg[3] != sizeof(uint64_t))
		return -EINVAL;
	if (a->arg[1]) {
		if (copy_from_user(&set, uptr(a->arg[1]), sizeof(set)))
			return -EFAULT;
		switch ((int)a->arg[0]) {
		case SIG_BLOCK:
			t->sigmask |= set;
			break;
		case SIG_UNBLOCK:
			t->sigmask &= ~set;
			break;
		case SIG_SETMASK:
			t->sigmask = set;
			break;
		default:
			return -EINVAL;
		}
		t->sigmask &= ~SIG_UNBLOCKABLE;
	}
	if (a->arg[2] && copy_to_user(uptr(a->arg[2]), &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

long sys_rt_sigpending(const struct syscall_args *a)
{
	struct thread *t = current_thread();
	uint64_t set;

	if (a->arg[1] > sizeof(uint64_t))
		return -EINVAL;
	set = (t->sig_pending | t->proc->sig_pending) & t->sigmask;
	return copy_to_user(uptr(a->arg[0]), &set, a->arg[1]) ? -EFAULT : 0;
}

long signal_set_wait_mask(uint64_t umask, uint64_t size)
{
	struct thread *t = current_thread();
	uint64_t mask;

	if (size != sizeof(uint64_t))
		return -EINVAL;
	if (copy_from_user(&mask, uptr(umask), sizeof(mask)))
		return -EFAULT;
	t->saved_sigmask = t->sigmask;
	t->restore_sigmask = true;
	t->sigmask = mask & ~SIG_UNBLOCKABLE;
	return 0;
}

long signal_end_wait_mask(long ret)
{
	struct thread *t = current_thread();

	if (t->restore_sigmask && ret != -EINTR && ret != -ERESTARTNOHAND && ret != -ERESTARTSYS) {
		t->sigmask = t->saved_sigmask;
		t->restore_sigmask = false;
	}
	return ret;
}

/* rt_sigsuspend(mask, sigsetsize): wait with `mask` until a handler ran. */
long sys_rt_sigsuspend(const struct syscall_args *a)
{
	long err = signal_set_wait_mask(a->arg[0], a->arg[1]);

	if (err)
		return err;
	sleep_signalable(0);
	return -ERESTARTNOHAND;
}

long sys_pause(const struct syscall_args *a)
{
	sleep_signalable(0);
	return -ERESTARTNOHAND;
}

long sys_rt_sigreturn(const struct syscall_args *a)
{
	struct thread *t = current_thread();
	uint64_t blocked;

	if (sigframe_restore(a->regs, &blocked)) {
		struct ksiginfo si = {.code = SI_KERNEL};

		signal_force(SIGSEGV, &si);
		return 0;
	}
	t->sigmask = blocked & ~SIG_UNBLOCKABLE;
	return (long)a->regs->rax;
}

/* sigaltstack(ss, old_ss) */
long sys_sigaltstack(const struct syscall_args *a)
{
	struct thread *t = current_thread();
	uintptr_t sp = regs_user_sp(a->regs);
	bool on =
		t->altstack_size && sp > t->altstack_sp && sp - t->altstack_sp <= t->altstack_size;
	stack_t old = {.ss_size = t->altstack_size,
		       .ss_flags = on ? SS_ONSTACK : (t->altstack_size ? 0 : SS_DISABLE)};

	memcpy(&old.ss_sp, &t->altstack_sp, sizeof(uintptr_t));
	if (a->arg[0]) {
		stack_t ss;
		uintptr_t ss_sp;

		if (copy_from_user(&ss, uptr(a->arg[0]), sizeof(ss)))
			return -EFAULT;
		if (on)
			return -EPERM;
		if (ss.ss_flags & ~(SS_DISABLE | SS_ONSTACK | SS_AUTODISARM))
			return -EINVAL;
		memcpy(&ss_sp, &ss.ss_sp, sizeof(ss_sp));
		if (ss.ss_flags & SS_DISABLE) {
			t->altstack_sp = 0;
			t->altstack_size = 0;
			t->altstack_flags = SS_DISABLE;
		} else {
			if (ss.ss_size < MINSIGSTKSZ)
				return -ENOMEM;
			t->altstack_sp = ss_sp;
			t->altstack_size = ss.ss_size;
			t->altstack_flags = ss.ss_flags & SS_AUTODISARM;
		}
	}
	if (a->arg[1] && copy_to_user(uptr(a->arg[1]), &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* ---- sending ---- */

static struct ksiginfo user_info(void)
{
	struct process *p = current_process();

	return (struct ksiginfo){.code = SI_USER, .pid = p->pid, .uid = current_cred()->uid};
}

/* One target of kill/tkill (proctree lock held): the permission check
 * (also for signal 0 and zombies, as Linux), then the signal. */
static long send_checked(struct process *target, int sig, int code)
{
	struct ksiginfo si = user_info();
	long err = signal_may_kill(target, sig);

	si.code = code;
	if (err || !sig || target->state != PROC_ALIVE)
		return err;
	return signal_send_user(target, sig, &si);
}

/* kill(pid, sig): one process, a group (pid 0 or < -1: 0 if any was
 * signalled, else the last error) or every process but init and the
 * caller (pid -1: permission failures do not count, as Linux).  One
 * sweep under the tree lock: a child forked meanwhile by a process this
 * kills dies with it (process_publish). */
long sys_kill(const struct syscall_args *a)
{
	int pid = (int)a->arg[0], sig = (int)a->arg[1];
	struct process *self = current_process(), *p;
	bool found = false, success = false;
	long err = 0, last = -ESRCH;
	irqflags_t f;

	if (sig < 0 || sig > NSIG_K)
		return -EINVAL;
	if (pid == INT32_MIN)
		return -ESRCH;
	f = process_lock_tree();
	for_each_process(p)
	{
		if (pid > 0	? p->pid != pid
		    : pid == -1 ? p->pid == init_pid() || p == self
				: p->pgid != (pid ? -pid : self->pgid))
			continue;
		found = true;
		err = send_checked(p, sig, SI_USER);
		success |= !err;
		if (pid != -1 || err != -EPERM)
			last = err;
		if (pid > 0)
			break;
	}
	/* a thread's tid names its process, as on Linux */
	if (!found && pid > 0 && (p = process_find_any(pid))) {
		found = true;
		last = send_checked(p, sig, SI_USER);
		success = !last;
	}
	process_unlock_tree(f);
	if (!found)
		return -ESRCH;
	if (pid == -1)
		return last == -ESRCH ? 0 : last;
	return success ? 0 : last;
}

/* tgkill/tkill: the thread `tid` (of process `tgid` unless tgid < 0).
 * A process gone but not reaped still answers for its pid (the signal is
 * dropped), as Linux's zombie leader does. */
static long kill_thread(int tgid, int tid, int sig)
{
	struct ksiginfo si = user_info();
	struct process *p;
	irqflags_t f;
	long err = -ESRCH;

	if (tid <= 0 || sig < 0 || sig > NSIG_K)
		return -EINVAL;
	si.code = SI_TKILL;
	f = process_lock_tree();
	for_each_process(p)
	{
		long perm;

		if (tgid > 0 && p->pid != tgid)
			continue;
		if (p->state != PROC_ALIVE) {
			if (p->pid != tid)
				continue;
			err = send_checked(p, sig, SI_TKILL);
			break;
		}
		perm = signal_may_kill_tid(p, tid, sig);
		err = signal_send_tid(p, tid, perm ? 0 : sig, &si);
		if (err != -ESRCH) {
			err = perm ? perm : err;
			break;
		}
		if (tgid > 0)
			break;
	}
	process_unlock_tree(f);
	return err;
}

long sys_tkill(const struct syscall_args *a)
{
	return kill_thread(-1, (int)a->arg[0], (int)a->arg[1]);
}

long sys_tgkill(const struct syscall_args *a)
{
	if ((int)a->arg[0] <= 0)
		return -EINVAL;
	return kill_thread((int)a->arg[0], (int)a->arg[1], (int)a->arg[2]);
}

/* ---- process groups and sessions ---- */

long sys_setpgid(const struct syscall_args *a)
{
	return process_setpgid((int)a->arg[0], (int)a->arg[1]);
}

long sys_getpgid(const struct syscall_args *a)
{
	int pid = (int)a->arg[0];
	struct process *p;
	irqflags_t f;
	long r = -ESRCH;

	if (!pid)
		return current_process()->pgid;
	f = process_lock_tree();
	p = process_find(pid);
	if (p)
		r = p->pgid;
	process_unlock_tree(f);
	return r;
}

long sys_getpgrp(const struct syscall_args *a)
{
	return current_process()->pgid;
}

long sys_getsid(const struct syscall_args *a)
{
	int pid = (int)a->arg[0];
	struct process *p;
	irqflags_t f;
	long r = -ESRCH;

	if (!pid)
		return current_process()->sid;
	f = process_lock_tree();
	p = process_find(pid);
	if (p)
		r = p->sid;
	process_unlock_tree(f);
	return r;
}

long sys_setsid(const struct syscall_args *a)
{
	return process_setsid();
}
