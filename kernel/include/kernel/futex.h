/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Futexes (kernel/process/futex*.c): the waits, wakes and requeues of
 * futex(2) and futex_waitv(2), the priority-inheritance lock protocol, and
 * the robust-list walk at thread death and exec.  The system calls in
 * kernel/syscalls/futex.c check their arguments and call these.
 *
 * `flags` below are FUTEX_F_*: whether the futex is private to the
 * address space (FUTEX_PRIVATE_FLAG) and which clock a deadline is on.
 * Deadlines are absolute, on the monotonic clock (time_ns()), 0: none.
 * Everything here may sleep; call it without spinlocks held.
 */
#pragma once

#include <klib/types.h>

struct thread;

#define FUTEX_F_PRIVATE 1u

/* Wait while *uaddr == val: 0 when woken, -EAGAIN, -EFAULT, -EINVAL
 * (misaligned), -ETIMEDOUT, -ERESTARTSYS; `timed` turns a signal into
 * -EINTR (Linux restarts only an untimed wait). */
long futex_wait(uint64_t uaddr, unsigned flags, uint32_t val, uint32_t bitset, uint64_t deadline,
		bool timed);
/* Wake up to nr (at least one) waiters whose bitset meets `bitset`: the
 * number woken, or -EINVAL if a PI waiter is queued there, -EFAULT. */
long futex_wake(uint64_t uaddr, unsigned flags, int nr, uint32_t bitset);
/* FUTEX_REQUEUE and FUTEX_CMP_REQUEUE (cmpval non-NULL): wake nr_wake
 * waiters of uaddr, move up to nr_requeue others to uaddr2.  Woken plus
 * moved, or -EINVAL, -EFAULT, -EAGAIN (*uaddr != *cmpval). */
long futex_requeue(uint64_t uaddr, unsigned flags, uint64_t uaddr2, int nr_wake, int nr_requeue,
		   const uint32_t *cmpval);
/* FUTEX_WAKE_OP: apply `op` to *uaddr2, wake nr_wake on uaddr and, if
 * the old value of *uaddr2 passes op's comparison, nr_wake2 on uaddr2. */
long futex_wake_op(uint64_t uaddr, unsigned flags, uint64_t uaddr2, int nr_wake, int nr_wake2,
		   uint32_t op);
/* The arithmetic of FUTEX_WAKE_OP on a value: the new value in *newval
 * and the comparison's result (0/1) of the old one, or -ENOSYS for an
 * unknown operation or comparison. */
int futex_op_compute(uint32_t op, uint32_t oldval, uint32_t *newval);

/* One futex of futex_waitv. */
struct futex_vec {
	uint64_t uaddr;
	uint32_t val;
	unsigned flags; /* FUTEX_F_PRIVATE */
};
/* Wait on all of v[0..n) (n <= 128): the index of one woken, -EAGAIN
 * (a value differs), -EFAULT, -EINVAL, -ETIMEDOUT, -ERESTARTSYS. */
long futex_wait_multiple(const struct futex_vec *v, int n, uint64_t deadline);

/* The PI family: the futex word holds the owner's tid, FUTEX_WAITERS and
 * FUTEX_OWNER_DIED.  No priority is inherited (the scheduler has no
 * priorities); ownership, hand-over and the errors are Linux's. */
long futex_lock_pi(uint64_t uaddr, unsigned flags, uint64_t deadline, bool trylock);
long futex_unlock_pi(uint64_t uaddr, unsigned flags);
long futex_wait_requeue_pi(uint64_t uaddr, unsigned flags, uint32_t val, uint64_t deadline,
			   uint64_t uaddr2);
long futex_cmp_requeue_pi(uint64_t uaddr, unsigned flags, uint64_t uaddr2, int nr_wake,
			  int nr_requeue, uint32_t cmpval);

/* The thread dies or execs: walk its robust list (set_robust_list), mark
 * the futexes it owns FUTEX_OWNER_DIED and wake a waiter of each, then
 * forget the list; the PI futexes it still owns go to their waiters,
 * which take them over as Linux's do.  Runs in the thread itself, its
 * address space still mapped; a bad pointer in the list ends the walk. */
void futex_exit_robust(struct thread *t);
/* The same at exec (the thread lives on): robust list walked and
 * forgotten, PI futexes it owned handed to their waiters. */
void futex_exec_release(struct thread *t);
/* t->robust_list of a thread past futex_exit_robust. */
#define FUTEX_THREAD_GONE UINTPTR_MAX
