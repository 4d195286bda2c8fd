/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Restartable sequences: rseq(2) and the return-to-user work behind it.
 *
 * A registered thread's struct rseq (user memory) holds cpu_id_start,
 * cpu_id, node_id and mm_cid, which the kernel rewrites whenever the
 * thread returns to user mode after being switched in (a preemption, a
 * migration, a registration) or after membarrier's RSEQ IPI, and rseq_cs,
 * the user's pointer to the critical section it is in.  When such an event
 * or a signal delivery finds the user pc inside [start_ip, start_ip +
 * post_commit_offset), the pc moves to abort_ip, whose preceding 4 bytes
 * must hold the signature given at registration.  Any fault or malformed
 * descriptor is SIGSEGV, as on Linux.
 *
 * The layout past `flags` (node_id at 20, mm_cid at 24: Linux 6.3) is not
 * in the staged 6.1 UAPI header, hence the offsets below.
 */
#include <klib/errno.h>
#include <linux/rseq.h>
#include <platform/percpu.h>
#include <platform/regs.h>
#include <platform/usercopy.h>
#include <kernel/process.h>
#include <kernel/rseq.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <generated/syscalls.h>
#include <kernel/syscall.h>

#define RSEQ_ORIG_SIZE	 32 /* the first struct rseq; later ones grow it */
#define RSEQ_ALIGN	 32 /* __alignof__(struct rseq) */
#define RSEQ_FEATURE_END 28 /* offsetof(struct rseq, end) (Linux 6.3+) */
#define OFF_CPU_ID_START 0
#define OFF_RSEQ_CS	 8
#define OFF_NODE_ID	 20
#define RSEQ_CS_OLD_FLAGS                                                         \
	(RSEQ_CS_FLAG_NO_RESTART_ON_PREEMPT | RSEQ_CS_FLAG_NO_RESTART_ON_SIGNAL | \
	 RSEQ_CS_FLAG_NO_RESTART_ON_MIGRATE)

static void __user *rseq_at(const struct thread *t, size_t off)
{
	return uptr(t->rseq_area + off);
}

/* Write the four id fields: (cpu, cpu) then (node 0, mm_cid), or the
 * unregistered values (0, RSEQ_CPU_ID_UNINITIALIZED, 0, 0). */
static int write_ids(struct thread *t, bool registered)
{
	uint32_t cpu = cpu_id();
	uint32_t ids[2] = {registered ? cpu : 0,
			   registered ? cpu : (uint32_t)RSEQ_CPU_ID_UNINITIALIZED};
	uint32_t more[2] = {0, 0};

	/* mm_cid: a compact id among the threads sharing the mm, below the
	 * CPU count; a lone thread's is 0 (as Linux), otherwise its CPU,
	 * which no other thread running at the same time has */
	if (registered && t->proc && __atomic_load_n(&t->proc->live_threads, __ATOMIC_RELAXED) > 1)
		more[1] = cpu;
	if (copy_to_user(rseq_at(t, OFF_CPU_ID_START), ids, sizeof(ids)) ||
	    copy_to_user(rseq_at(t, OFF_NODE_ID), more, sizeof(more)))
		return -EFAULT;
	return 0;
}

/* If the user pc is in the critical section rseq_cs names, move it to the
 * abort handler; clear rseq_cs either way.  0, or -EFAULT / -EINVAL. */
static int ip_fixup(struct thread *t, struct arch_regs *r)
{
	uint64_t csp, zero = 0;
	struct rseq_cs cs;
	uint32_t sig;
	uintptr_t ip = regs_pc(r);

	if (copy_from_user(&csp, rseq_at(t, OFF_RSEQ_CS), sizeof(csp)))
		return -EFAULT;
	if (!csp)
		return 0;
	if (copy_from_user(&cs, uptr(csp), sizeof(cs)))
		return -EFAULT;
	if (cs.version || (cs.flags & RSEQ_CS_OLD_FLAGS) ||
	    cs.start_ip + cs.post_commit_offset < cs.start_ip ||
	    cs.abort_ip - cs.start_ip < cs.post_commit_offset)
		return -EINVAL;
	if (get_user(sig, (uint32_t __user *)uptr(cs.abort_ip - sizeof(sig))))
		return -EFAULT;
	if (sig != t->rseq_sig)
		return -EINVAL;
	if (copy_to_user(rseq_at(t, OFF_RSEQ_CS), &zero, sizeof(zero)))
		return -EFAULT;
	if (ip - cs.start_ip < cs.post_commit_offset)
		regs_set_pc(r, cs.abort_ip);
	return 0;
}

void rseq_return_to_user(struct arch_regs *r)
{
	struct thread *t = current_thread();
	struct ksiginfo segv = {.code = SI_KERNEL};

	/* cleared before the area is read: an event from now on is seen at
	 * the next return */
	WRITE_ONCE(t->rseq_event, false);
	if (ip_fixup(t, r) || write_ids(t, true))
		signal_force(SIGSEGV, &segv);
}

void rseq_fork(struct thread *child, const struct thread *parent, bool share_vm)
{
	if (share_vm || !parent->rseq_area)
		return;
	child->rseq_area = parent->rseq_area;
	child->rseq_len = parent->rseq_len;
	child->rseq_sig = parent->rseq_sig;
	child->rseq_event = true;
}

void rseq_exec(struct thread *t)
{
	t->rseq_area = 0;
	t->rseq_len = 0;
	t->rseq_sig = 0;
	t->rseq_event = false;
}

static long rseq_unregister(struct thread *t, uintptr_t area, uint32_t len, uint32_t sig)
{
	if (!t->rseq_area || area != t->rseq_area || len != t->rseq_len)
		return -EINVAL;
	if (sig != t->rseq_sig)
		return -EPERM;
	if (write_ids(t, false))
		return -EFAULT;
	rseq_exec(t);
	return 0;
}

/* rseq(area, len, flags, sig): register the calling thread's struct rseq
 * (flags 0) or drop it (RSEQ_FLAG_UNREGISTER, with the same area, length
 * and signature).  EINVAL: bad flags, length or alignment, or another
 * area than the registered one; EPERM: another signature; EBUSY: this one
 * is registered already; EFAULT: the area is not user memory. */
long sys_rseq(const struct syscall_args *a)
{
	struct thread *t = current_thread();
	uintptr_t area = a->arg[0];
	uint32_t len = (uint32_t)a->arg[1], sig = (uint32_t)a->arg[3];
	int flags = (int)a->arg[2];

	if (flags & RSEQ_FLAG_UNREGISTER) {
		if (flags & ~RSEQ_FLAG_UNREGISTER)
			return -EINVAL;
		return rseq_unregister(t, area, len, sig);
	}
	if (flags)
		return -EINVAL;
	if (t->rseq_area) {
		if (area != t->rseq_area || len != t->rseq_len)
			return -EINVAL;
		return sig != t->rseq_sig ? -EPERM : -EBUSY;
	}
	if (len < RSEQ_ORIG_SIZE || (area & (RSEQ_ALIGN - 1)) ||
	    (len != RSEQ_ORIG_SIZE && len < RSEQ_FEATURE_END))
		return -EINVAL;
	if (!area || !access_ok(uptr(area), len))
		return -EFAULT;
	t->rseq_area = area;
	t->rseq_len = len;
	t->rseq_sig = sig;
	/* the ids now, so an area that is not writable memory is EFAULT
	 * rather than a SIGSEGV on the way out (as Linux) */
	if (write_ids(t, true)) {
		rseq_exec(t);
		return -EFAULT;
	}
	t->rseq_event = true; /* and again on the way out */
	return 0;
}
