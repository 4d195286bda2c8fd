/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Queued signals with data: rt_sigqueueinfo and rt_tgsigqueueinfo send a
 * caller-built siginfo (sigqueue(3) puts SI_QUEUE and a value in it);
 * rt_sigtimedwait takes a pending signal out of a set without running its
 * handler (sigwaitinfo, sigtimedwait and sigwait in libc).
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <asm-generic/siginfo.h>
#include <platform/sigframe.h>
#include <platform/time.h>
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <kernel/clock.h>
#include <kernel/process.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/waitqueue.h>

#define KSIGINFO_BYTES 48

/* The caller's siginfo for signal `sig`: 0 or -EFAULT. */
static long get_user_info(uint64_t uaddr, int sig, struct ksiginfo *k)
{
	siginfo_t si;

	/* Linux reads the kernel's part only: the header and 32 bytes of
	 * fields (a 48-byte buffer at the end of a mapping is fine) */
	memset(&si, 0, sizeof(si));
	if (copy_from_user(&si, uptr(uaddr), KSIGINFO_BYTES))
		return -EFAULT;
	*k = (struct ksiginfo){.signo = sig, .code = si.si_code, .errno_ = si.si_errno};
	memcpy(&k->value, &si.si_value, sizeof(k->value));
	if (si.si_code == SI_TIMER) {
		k->timerid = si.si_tid;
		k->overrun = si.si_overrun;
	} else {
		k->pid = si.si_pid;
		k->uid = si.si_uid;
	}
	return 0;
}

/* Nobody may pretend to be the kernel or kill()/tkill() (which fill in
 * their own source) when signalling another thread than itself. */
static bool may_forge(const struct ksiginfo *k, int tid)
{
	return (k->code < 0 && k->code != SI_TKILL) || tid == current_thread()->tid;
}

/* To the process `tid` (or of thread `tid`) when tgid < 0, else to the
 * thread `tid` of process `tgid`.  A zombie still answers for its pid. */
static long send_info(int tgid, int tid, int sig, const struct ksiginfo *k)
{
	struct process *p;
	irqflags_t f;
	long err = -ESRCH;

	if (sig < 0 || sig > NSIG_K)
		return -EINVAL;
	f = process_lock_tree();
	p = tgid < 0 ? process_find_any(tid) : process_find(tgid);
	if (p && p->state != PROC_ALIVE) {
		if (p->pid == tid)
			err = signal_may_kill(p, sig);
	} else if (p && tgid < 0) {
		err = signal_may_kill(p, sig);
		if (!err && sig)
			err = signal_send_user(p, sig, k);
	} else if (p) {
		long perm = signal_may_kill_tid(p, tid, sig);

		err = signal_send_tid(p, tid, perm ? 0 : sig, k);
		if (!err)
			err = perm;
	}
	process_unlock_tree(f);
	return err;
}

/* rt_sigqueueinfo(tgid, sig, info) */
long sys_rt_sigqueueinfo(const struct syscall_args *a)
{
	int pid = (int)a->arg[0], sig = (int)a->arg[1];
	struct ksiginfo k;
	long err = get_user_info(a->arg[2], sig, &k);

	if (err)
		return err;
	if (!may_forge(&k, pid))
		return -EPERM;
	if (pid <= 0)
		return -ESRCH; /* no process groups here, as POSIX.1b */
	return send_info(-1, pid, sig, &k);
}

/* rt_tgsigqueueinfo(tgid, tid, sig, info) */
long sys_rt_tgsigqueueinfo(const struct syscall_args *a)
{
	int tgid = (int)a->arg[0], tid = (int)a->arg[1], sig = (int)a->arg[2];
	struct ksiginfo k;
	long err = get_user_info(a->arg[3], sig, &k);

	if (err)
		return err;
	if (tgid <= 0 || tid <= 0)
		return -EINVAL;
	if (!may_forge(&k, tid))
		return -EPERM;
	return send_info(tgid, tid, sig, &k);
}

/* rt_sigtimedwait(set, info, timeout, sigsetsize) */
long sys_rt_sigtimedwait(const struct syscall_args *a)
{
	int64_t timeout = -1;
	struct ksiginfo k;
	uint64_t set, saved;
	siginfo_t si;
	long r = 0;
	int sig;

	if (a->arg[3] != sizeof(uint64_t))
		return -EINVAL;
	if (copy_from_user(&set, uptr(a->arg[0]), sizeof(set)))
		return -EFAULT;
	if (a->arg[2]) {
		r = get_user_timespec_ns(a->arg[2], &timeout);
		if (r)
			return r;
	}
	set &= ~SIG_UNBLOCKABLE;
	sig = signal_dequeue_set(set, &k);
	if (!sig && timeout != 0) {
		uint64_t now = time_ns();
		uint64_t deadline = timeout < 0 ? 0
				    : (uint64_t)timeout > UINT64_MAX - now
					    ? UINT64_MAX
					    : now + (uint64_t)timeout;

		/* the awaited signals wake the sleep as unblocked ones would;
		 * no handler runs before the mask is back */
		saved = signal_wait_unblock(set);
		r = sleep_signalable(deadline);
		signal_wait_restore(saved);
		sig = signal_dequeue_set(set, &k);
	}
	if (!sig)
		return timeout == 0 || r == -ETIMEDOUT ? -EAGAIN : -EINTR;
	if (a->arg[1]) {
		_Static_assert(sizeof(si) == SIGINFO_BYTES, "siginfo_t size");
		signal_fill_siginfo(&si, &k);
		if (copy_to_user(uptr(a->arg[1]), &si, sizeof(si)))
			return -EFAULT;
	}
	return sig;
}
