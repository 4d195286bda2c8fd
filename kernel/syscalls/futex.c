/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * futex(2), futex_waitv(2) and get_robust_list(2): the arguments checked
 * and decoded as Linux does, in Linux's order (a timeout is read before
 * the operation is looked at), then handed to kernel/process/futex*.c.
 * set_robust_list is in misc.c.
 *
 * Timeouts: FUTEX_WAIT's is relative (on the monotonic clock); those of
 * WAIT_BITSET, WAIT_REQUEUE_PI and LOCK_PI2 absolute, on the monotonic
 * clock or, with FUTEX_CLOCK_REALTIME, the wall clock; LOCK_PI's always
 * absolute on the wall clock.  FUTEX_CLOCK_REALTIME with any other
 * operation is ENOSYS.  The requeue and wake-op operations read their
 * second count (val2) from the timeout argument's bits.
 */
#include <klib/errno.h>
#include <linux/capability.h>
#include <linux/futex.h>
#include <linux/time.h>
#include <platform/kmalloc.h>
#include <platform/time.h>
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <kernel/clock.h>
#include <kernel/cred.h>
#include <kernel/futex.h>
#include <kernel/process.h>
#include <kernel/sched.h>

/* futex2 flags for futex_waitv (<linux/futex.h> of Linux 6.7 on) */
#define FUTEX2_SIZE_U32	 0x02
#define FUTEX2_SIZE_MASK 0x03
#define FUTEX2_MPOL	 0x08 /* a NUMA memory-policy hint: accepted, no effect */
#define FUTEX2_PRIVATE	 FUTEX_PRIVATE_FLAG

static bool has_timeout(int cmd)
{
	return cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET || cmd == FUTEX_LOCK_PI ||
	       cmd == FUTEX_LOCK_PI2 || cmd == FUTEX_WAIT_REQUEUE_PI;
}

/* A deadline on time_ns()'s scale from a user timespec: `relative` to
 * now, else absolute on the wall clock (`realtime`) or the monotonic one. */
static long user_deadline(uint64_t utime, bool relative, bool realtime, uint64_t *deadline)
{
	int64_t ns, now;
	long err = get_user_timespec_ns(utime, &ns);

	if (err)
		return err;
	now = (int64_t)time_ns();
	if (relative)
		ns = ns > INT64_MAX - now ? INT64_MAX : now + ns;
	else if (realtime)
		ns -= clock_realtime_offset_ns();
	*deadline = ns > 0 ? (uint64_t)ns : 1;
	return 0;
}

/* futex(uaddr, op, val, timeout or val2, uaddr2, val3) */
long sys_futex(const struct syscall_args *a)
{
	uint64_t uaddr = a->arg[0], utime = a->arg[3], uaddr2 = a->arg[4], deadline = 0;
	int op = (int)a->arg[1];
	int cmd = op & FUTEX_CMD_MASK;
	unsigned flags = op & FUTEX_PRIVATE_FLAG ? FUTEX_F_PRIVATE : 0;
	bool realtime = op & FUTEX_CLOCK_REALTIME;
	uint32_t val = (uint32_t)a->arg[2], val3 = (uint32_t)a->arg[5];
	int val2 = (int)(uint32_t)utime;
	long err;

	if (utime && has_timeout(cmd)) {
		err = user_deadline(utime, cmd == FUTEX_WAIT, realtime || cmd == FUTEX_LOCK_PI,
				    &deadline);
		if (err)
			return err;
	}
	if (realtime && cmd != FUTEX_WAIT_BITSET && cmd != FUTEX_WAIT_REQUEUE_PI &&
	    cmd != FUTEX_LOCK_PI2)
		return -ENOSYS;
	switch (cmd) {
	case FUTEX_WAIT:
		val3 = FUTEX_BITSET_MATCH_ANY;
		__attribute__((fallthrough));
	case FUTEX_WAIT_BITSET:
		if (!val3)
			return -EINVAL;
		return futex_wait(uaddr, flags, val, val3, deadline, utime != 0);
	case FUTEX_WAKE:
		val3 = FUTEX_BITSET_MATCH_ANY;
		__attribute__((fallthrough));
	case FUTEX_WAKE_BITSET:
		if (!val3)
			return -EINVAL;
		return futex_wake(uaddr, flags, (int)val, val3);
	case FUTEX_REQUEUE:
		return futex_requeue(uaddr, flags, uaddr2, (int)val, val2, NULL);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, flags, uaddr2, (int)val, val2, &val3);
	case FUTEX_WAKE_OP:
		return futex_wake_op(uaddr, flags, uaddr2, (int)val, val2, val3);
	case FUTEX_LOCK_PI:
	case FUTEX_LOCK_PI2:
		return futex_lock_pi(uaddr, flags, deadline, false);
	case FUTEX_TRYLOCK_PI:
		return futex_lock_pi(uaddr, flags, 0, true);
	case FUTEX_UNLOCK_PI:
		return futex_unlock_pi(uaddr, flags);
	case FUTEX_WAIT_REQUEUE_PI:
		if (uaddr == uaddr2)
			return -EINVAL;
		return futex_wait_requeue_pi(uaddr, flags, val, deadline, uaddr2);
	case FUTEX_CMP_REQUEUE_PI:
		return futex_cmp_requeue_pi(uaddr, flags, uaddr2, (int)val, val2, val3);
	default:
		return -ENOSYS;
	}
}

/* futex_waitv(waiters, nr_futexes, flags, timeout, clockid) */
long sys_futex_waitv(const struct syscall_args *a)
{
	const struct futex_waitv __user *uw = uptr(a->arg[0]);
	unsigned n = (unsigned)a->arg[1];
	uint64_t utime = a->arg[3], deadline = 0;
	int clockid = (int)a->arg[4];
	struct futex_vec *v;
	long err;

	if ((unsigned)a->arg[2]) /* no flags yet */
		return -EINVAL;
	if (!n || n > FUTEX_WAITV_MAX || !a->arg[0])
		return -EINVAL;
	if (utime) {
		if (clockid != CLOCK_REALTIME && clockid != CLOCK_MONOTONIC)
			return -EINVAL;
		err = user_deadline(utime, false, clockid == CLOCK_REALTIME, &deadline);
		if (err)
			return err;
	}
	v = kmalloc(n * sizeof(*v));
	if (!v)
		return -ENOMEM;
	for (unsigned i = 0; i < n; i++) {
		struct futex_waitv w;

		err = -EFAULT;
		if (copy_from_user(&w, &uw[i], sizeof(w)))
			goto out_free;
		err = -EINVAL;
		if ((w.flags & ~(FUTEX2_SIZE_MASK | FUTEX2_MPOL | FUTEX2_PRIVATE)) ||
		    w.__reserved || (w.flags & FUTEX2_SIZE_MASK) != FUTEX2_SIZE_U32 ||
		    (w.val >> 32))
			goto out_free;
		v[i].uaddr = w.uaddr;
		v[i].val = (uint32_t)w.val;
		v[i].flags = w.flags & FUTEX2_PRIVATE ? FUTEX_F_PRIVATE : 0;
	}
	err = futex_wait_multiple(v, (int)n, deadline);
out_free:
	kfree(v);
	return err;
}

/* Whether the caller may read `p`'s robust list: Linux's
 * ptrace_may_access(PTRACE_MODE_READ_REALCREDS): itself, CAP_SYS_PTRACE,
 * or its real uid and gid are each of p's three and p is dumpable. */
static bool may_read_robust(const struct process *me, const struct process *p)
{
	const struct cred *c = current_cred(), *pc = p->cred; /* proctree lock */

	if (me == p || capable(CAP_SYS_PTRACE))
		return true;
	return p->attrs.dumpable && c->uid == pc->uid && c->uid == pc->euid && c->uid == pc->suid &&
	       c->gid == pc->gid && c->gid == pc->egid && c->gid == pc->sgid;
}

/* get_robust_list(pid, head_ptr, len_ptr) */
long sys_get_robust_list(const struct syscall_args *a)
{
	int pid = (int)a->arg[0];
	uint64_t head = 0;
	irqflags_t f;

	if (!pid) {
		head = current_thread()->robust_list;
	} else {
		struct process *p;
		long err = 0;

		f = process_lock_tree();
		p = process_find(pid);
		if (!p || p->state != PROC_ALIVE || !p->main_thread)
			err = -ESRCH;
		else if (!may_read_robust(current_process(), p))
			err = -EPERM;
		else
			head = p->main_thread->robust_list;
		process_unlock_tree(f);
		if (err)
			return err;
	}
	if (head == FUTEX_THREAD_GONE)
		head = 0;
	if (put_user((uint64_t)sizeof(struct robust_list_head), (uint64_t __user *)uptr(a->arg[2])))
		return -EFAULT;
	return put_user(head, (uint64_t __user *)uptr(a->arg[1])) ? -EFAULT : 0;
}
