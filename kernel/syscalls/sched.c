/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Scheduling attributes: getpriority/setpriority (nice), the sched_*
 * policy calls, CPU affinity and getcpu, with Linux's argument checks and
 * errnos.
 *
 * Nice and policy are stored per process (struct process_attrs) and
 * reported back, but the scheduler does not act on them yet: every thread,
 * whatever its nice or policy (SCHED_FIFO and SCHED_RR included), is
 * scheduled as a normal one.  Affinity is per thread and honoured
 * (kernel/process/sched.c).
 */
#include <klib/errno.h>
#include <linux/capability.h>
#include <linux/resource.h>
#include <linux/sched.h>
#include <linux/sched/types.h>
#include <linux/time_types.h>
#include <platform/percpu.h>
#include <platform/smp.h>
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <kernel/cred.h>
#include <kernel/process.h>
#include <kernel/sched.h>

#define NICE_MIN	 (-20)
#define NICE_MAX	 19
#define RT_PRIO_MAX	 99
#define MASK_BYTES	 8	   /* the kernel's cpumask: one 64-bit word */
#define RR_SLICE_NS	 100000000 /* Linux's RR_TIMESLICE: 100 ms */
#define FAIR_SLICE_NS	 0	   /* what Linux 6.18 reports for a normal task */
#define SCHED_EXT_POLICY 7	   /* sched_ext: its range only; setting it needs a BPF scheduler */

/* ---- nice ---- */

/* Does `p` match getpriority's (which, who)?  who 0 was resolved. */
static bool prio_match(const struct process *p, int which, int who)
{
	if (p->state != PROC_ALIVE)
		return false;
	switch (which) {
	case PRIO_PROCESS:
		return p->pid == who;
	case PRIO_PGRP:
		return p->pgid == who;
	default:
		return (int)p->cred->uid == who; /* proctree lock */
	}
}

/* Resolve `who` 0 to the caller's pid, process group or uid. */
static int prio_who(int which, int who)
{
	struct process *self = current_process();

	if (who)
		return who;
	return which == PRIO_PROCESS ? self->pid
	       : which == PRIO_PGRP  ? self->pgid
				     : (int)current_cred()->uid;
}

/* getpriority(which, who): 20 - the lowest nice among the matches (the raw
 * call avoids negative returns; libc subtracts it from 20). */
long sys_getpriority(const struct syscall_args *a)
{
	int which = (int)a->arg[0], who = (int)a->arg[1];
	long best = -ESRCH;
	struct process *p;
	irqflags_t f;

	if (which != PRIO_PROCESS && which != PRIO_PGRP && which != PRIO_USER)
		return -EINVAL;
	if (!current_process())
		return -ESRCH;
	who = prio_who(which, who);
	f = process_lock_tree();
	for_each_process(p)
	{
		if (prio_match(p, which, who) && 20 - p->attrs.nice > best)
			best = 20 - p->attrs.nice;
	}
	process_unlock_tree(f);
	return best;
}

/* May `p` take nice value `nice` below its own without CAP_SYS_NICE?
 * RLIMIT_NICE allows down to 20 - rlim_cur (Linux's can_nice). */
static bool can_nice(const struct process *p, int nice)
{
	return (uint64_t)(20 - nice) <= READ_ONCE(p->rlim[RLIMIT_NICE].rlim_cur) ||
	       capable(CAP_SYS_NICE);
}

/* One match of setpriority, as Linux's set_one_prio: the caller's euid
 * must be the target's real or effective uid (or CAP_SYS_NICE: EPERM), and
 * a lower nice value needs can_nice (EACCES). */
static long set_one_nice(struct process *p, int nice)
{
	const struct cred *c = current_cred(), *pc = p->cred; /* proctree lock */

	if (pc->uid != c->euid && pc->euid != c->euid && !capable(CAP_SYS_NICE))
		return -EPERM;
	if (nice < p->attrs.nice && !can_nice(p, nice))
		return -EACCES;
	p->attrs.nice = nice;
	return 0;
}

/* setpriority(which, who, nice): nice clamped to -20..19 and set on every
 * match it may be; the last refusal is the result, else 0 (ESRCH: none). */
long sys_setpriority(const struct syscall_args *a)
{
	int which = (int)a->arg[0], who = (int)a->arg[1], nice = (int)a->arg[2];
	long r = -ESRCH;
	struct process *p;
	irqflags_t f;

	if (which != PRIO_PROCESS && which != PRIO_PGRP && which != PRIO_USER)
		return -EINVAL;
	if (!current_process())
		return -ESRCH;
	nice = nice < NICE_MIN ? NICE_MIN : nice > NICE_MAX ? NICE_MAX : nice;
	who = prio_who(which, who);
	f = process_lock_tree();
	for_each_process(p)
	{
		if (prio_match(p, which, who)) {
			long e = set_one_nice(p, nice);

			if (e)
				r = e;
			else if (r == -ESRCH)
				r = 0;
		}
	}
	process_unlock_tree(f);
	return r;
}

/* ---- policy ---- */

/* Run fn on the process `pid` (0: the caller) under the proctree lock:
 * its result, or -ESRCH. */
static long with_process(int pid, long (*fn)(struct process *, void *), void *arg)
{
	struct process *p;
	irqflags_t f;
	long r = -ESRCH;

	if (!current_process())
		return -ESRCH;
	f = process_lock_tree();
	p = pid ? process_find(pid) : current_process();
	if (p && p->state == PROC_ALIVE)
		r = fn(p, arg);
	process_unlock_tree(f);
	return r;
}

struct policy_req {
	int policy; /* -1: keep (sched_setparam) */
	struct sched_param param;
};

static bool rt_policy(int policy)
{
	return policy == SCHED_FIFO || policy == SCHED_RR;
}

/* Linux's rules for a caller without CAP_SYS_NICE: real-time policies and
 * priorities within RLIMIT_RTPRIO, leaving SCHED_IDLE within RLIMIT_NICE,
 * only its own processes, and reset-on-fork never cleared.  0 or -EPERM. */
static long may_set_policy(const struct process *p, int policy, unsigned prio, bool reset)
{
	const struct cred *c = current_cred(), *pc = p->cred; /* proctree lock */
	uint64_t rtprio = READ_ONCE(p->rlim[RLIMIT_RTPRIO].rlim_cur);

	if (rt_policy(policy)) {
		if (policy != p->attrs.policy && !rtprio)
			return -EPERM;
		if (prio > (unsigned)p->attrs.rt_priority && prio > rtprio)
			return -EPERM;
	}
	if (p->attrs.policy == SCHED_IDLE && policy != SCHED_IDLE && !can_nice(p, p->attrs.nice))
		return -EPERM;
	if (c->euid != pc->euid && c->euid != pc->uid)
		return -EPERM;
	if (p->attrs.reset_on_fork && !reset)
		return -EPERM;
	return 0;
}

static long set_policy(struct process *p, void *arg)
{
	const struct policy_req *q = arg;
	int policy = q->policy;
	bool reset = p->attrs.reset_on_fork;
	unsigned prio = (unsigned)q->param.sched_priority;

	if (policy < 0) {
		policy = p->attrs.policy;
	} else {
		reset = policy & SCHED_RESET_ON_FORK;
		policy &= ~SCHED_RESET_ON_FORK;
		if (policy != SCHED_NORMAL && policy != SCHED_BATCH && policy != SCHED_IDLE &&
		    !rt_policy(policy) && policy != SCHED_DEADLINE)
			return -EINVAL;
	}
	/* SCHED_DEADLINE needs sched_setattr's runtime and period: EINVAL here */
	if (prio > RT_PRIO_MAX || policy == SCHED_DEADLINE || rt_policy(policy) != (prio != 0))
		return -EINVAL;
	if (!capable(CAP_SYS_NICE)) {
		long err = may_set_policy(p, policy, prio, reset);

		if (err)
			return err;
	}
	p->attrs.policy = policy;
	p->attrs.rt_priority = (int)prio;
	p->attrs.reset_on_fork = reset;
	return 0;
}

static long do_setscheduler(const struct syscall_args *a, int policy)
{
	struct policy_req q = {.policy = policy};
	int pid = (int)a->arg[0];
	const void __user *uparam = uptr(a->arg[policy == -1 ? 1 : 2]);

	if (!uparam || pid < 0)
		return -EINVAL;
	if (copy_from_user(&q.param, uparam, sizeof(q.param)))
		return -EFAULT;
	return with_process(pid, set_policy, &q);
}

/* sched_setscheduler(pid, policy, param) */
long sys_sched_setscheduler(const struct syscall_args *a)
{
	if ((int)a->arg[1] < 0)
		return -EINVAL;
	return do_setscheduler(a, (int)a->arg[1]);
}

/* sched_setparam(pid, param): the priority within the current policy. */
long sys_sched_setparam(const struct syscall_args *a)
{
	return do_setscheduler(a, -1);
}

static long get_policy(struct process *p, void *arg)
{
	return p->attrs.policy | (p->attrs.reset_on_fork ? SCHED_RESET_ON_FORK : 0);
}

long sys_sched_getscheduler(const struct syscall_args *a)
{
	if ((int)a->arg[0] < 0)
		return -EINVAL;
	return with_process((int)a->arg[0], get_policy, NULL);
}

static long get_rt_priority(struct process *p, void *arg)
{
	return p->attrs.rt_priority;
}

long sys_sched_getparam(const struct syscall_args *a)
{
	struct sched_param sp;
	long r;

	if (!a->arg[1] || (int)a->arg[0] < 0)
		return -EINVAL;
	r = with_process((int)a->arg[0], get_rt_priority, NULL);
	if (r < 0)
		return r;
	sp.sched_priority = (int)r;
	return copy_to_user(uptr(a->arg[1]), &sp, sizeof(sp)) ? -EFAULT : 0;
}

long sys_sched_get_priority_max(const struct syscall_args *a)
{
	switch ((int)a->arg[0]) {
	case SCHED_FIFO:
	case SCHED_RR:
		return RT_PRIO_MAX;
	case SCHED_NORMAL:
	case SCHED_BATCH:
	case SCHED_IDLE:
	case SCHED_DEADLINE:
	case SCHED_EXT_POLICY:
		return 0;
	default:
		return -EINVAL;
	}
}

long sys_sched_get_priority_min(const struct syscall_args *a)
{
	long r = sys_sched_get_priority_max(a);

	return r > 0 ? 1 : r;
}

static long get_slice(struct process *p, void *arg)
{
	switch (p->attrs.policy) {
	case SCHED_FIFO:
		return 0;
	case SCHED_RR:
		return RR_SLICE_NS;
	default:
		return FAIR_SLICE_NS;
	}
}

/* sched_rr_get_interval(pid, tp): the time slice (0 for SCHED_FIFO). */
long sys_sched_rr_get_interval(const struct syscall_args *a)
{
	struct __kernel_timespec ts;
	long r;

	if ((int)a->arg[0] < 0)
		return -EINVAL;
	r = with_process((int)a->arg[0], get_slice, NULL);
	if (r < 0)
		return r;
	ts.tv_sec = 0;
	ts.tv_nsec = r;
	return copy_to_user(uptr(a->arg[1]), &ts, sizeof(ts)) ? -EFAULT : 0;
}

/* ---- affinity ---- */

/* The thread `tid` names (0: the caller) under the proctree lock, for fn:
 * its result, or -ESRCH.  A process's pid names its main thread. */
static long with_thread(int tid, long (*fn)(struct process *, struct thread *, void *), void *arg)
{
	struct process *p;
	irqflags_t f;
	long r = -ESRCH;

	if (!current_process())
		return -ESRCH;
	if (!tid)
		return fn(current_process(), current_thread(), arg);
	f = process_lock_tree();
	p = process_find_any(tid); /* a thread id names that thread */
	if (p && p->state == PROC_ALIVE) {
		struct thread *t;

		spin_lock(&p->threads_lock);
		t = process_thread_locked(p, tid);
		if (t)
			r = fn(p, t, arg);
		spin_unlock(&p->threads_lock);
	}
	process_unlock_tree(f);
	return r;
}

/* Another user's thread needs CAP_SYS_NICE (before the mask's EINVAL). */
static long may_set_cpus(struct process *p, struct thread *t, void *arg)
{
	return cred_same_owner(t->real_cred) || capable(CAP_SYS_NICE) ? 0 : -EPERM;
}

static long set_cpus(struct process *p, struct thread *t, void *arg)
{
	if (may_set_cpus(p, t, NULL))
		return -EPERM;
	if (t == current_thread())
		return 1; /* moves itself after the lock is dropped */
	sched_set_affinity(t, *(uint64_t *)arg);
	return 0;
}

/* sched_setaffinity(pid, len, mask): bytes past the kernel's mask size are
 * ignored, missing ones are zero; CPUs that are not online are dropped,
 * and a mask left empty is EINVAL.  The thread leaves a CPU the mask
 * excludes at once (the caller before returning). */
long sys_sched_setaffinity(const struct syscall_args *a)
{
	size_t len = (unsigned)a->arg[1]; /* Linux takes an unsigned int */
	uint64_t mask = 0;
	long r;

	if (copy_from_user(&mask, uptr(a->arg[2]), MIN(len, (size_t)MASK_BYTES)))
		return -EFAULT;
	if ((int)a->arg[0] < 0)
		return -ESRCH;
	mask &= smp_online_mask();
	if (!mask) {
		r = with_thread((int)a->arg[0], may_set_cpus, NULL); /* ESRCH, EPERM first */
		return r < 0 ? r : -EINVAL;
	}
	r = with_thread((int)a->arg[0], set_cpus, &mask);
	if (r == 1) {
		sched_set_affinity(current_thread(), mask);
		r = 0;
	}
	return r;
}

static long get_cpus(struct process *p, struct thread *t, void *arg)
{
	*(uint64_t *)arg = READ_ONCE(t->cpus_allowed) & smp_online_mask();
	return 0;
}

/* sched_getaffinity(pid, len, mask): the raw call returns the bytes
 * written (the kernel's mask size); len must hold every CPU id and be a
 * multiple of sizeof(long). */
long sys_sched_getaffinity(const struct syscall_args *a)
{
	size_t len = (unsigned)a->arg[1]; /* Linux takes an unsigned int */
	uint64_t mask;
	long r;

	if (len * 8 < ncpus() || (len & (sizeof(long) - 1)))
		return -EINVAL;
	if ((int)a->arg[0] < 0)
		return -ESRCH;
	r = with_thread((int)a->arg[0], get_cpus, &mask);
	if (r < 0)
		return r;
	len = MIN(len, (size_t)MASK_BYTES);
	return copy_to_user(uptr(a->arg[2]), &mask, len) ? -EFAULT : (long)len;
}

/* getcpu(cpu, node, cache): where the caller runs now (one NUMA node). */
long sys_getcpu(const struct syscall_args *a)
{
	unsigned cpu = cpu_id(), node = 0;

	if (a->arg[0] && put_user(cpu, (unsigned __user *)uptr(a->arg[0])))
		return -EFAULT;
	if (a->arg[1] && put_user(node, (unsigned __user *)uptr(a->arg[1])))
		return -EFAULT;
	return 0;
}
