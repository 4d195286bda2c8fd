/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Robust futex lists: a thread registers (set_robust_list) the head of a
 * list, in its own memory, of the locks it holds; each entry sits at a
 * fixed offset (futex_offset) from its lock word.  When the thread dies,
 * or execs, the kernel walks that list: each word still holding the
 * thread's tid gets FUTEX_OWNER_DIED (the tid cleared, FUTEX_WAITERS kept)
 * and one waiter is woken, so the next locker learns that the data the
 * lock guarded may be inconsistent.  list_op_pending names a lock being
 * taken or released at the moment of death; it is handled last.
 *
 * The list is user memory and may be garbage: the walk stops at the first
 * bad pointer or misaligned word, and after 2048 entries (Linux's limit),
 * so a cycle cannot hold a dying thread.  Entry pointers carry bit 0 set
 * for a PI futex, whose waiter is handed the lock (futex_pi.c).
 */
#include <klib/errno.h>
#include <linux/futex.h>
#include <platform/usercopy.h>
#include <kernel/futex.h>
#include <kernel/sched.h>
#include "futex_impl.h"

#define ROBUST_LIST_LIMIT 2048

/* One entry pointer at `addr`: the entry and its PI bit.  0 or -EFAULT. */
static int fetch_entry(uint64_t addr, uint64_t *entry, bool *pi)
{
	uint64_t v;

	if (get_user(v, (uint64_t __user *)uptr(addr)))
		return -EFAULT;
	*entry = v & ~1ull;
	*pi = v & 1;
	return 0;
}

/* The word at uaddr loses its owner `tid` (Linux's handle_futex_death):
 * 0, or -EFAULT to end the walk. */
static int owner_died(uint64_t uaddr, int tid, bool pi, bool pending)
{
	uint32_t __user *p = (uint32_t __user *)uptr(uaddr);
	uint32_t uval, cur;
	struct futex_key key;

	if (uaddr % sizeof(uint32_t))
		return -EFAULT;
	for (;;) {
		if (get_user(uval, p))
			return -EFAULT;
		/* a pending non-PI unlock that cleared the word but did not
		 * get to wake anyone: wake one for it */
		if (pending && !pi && !uval) {
			futex_wake(uaddr, 0, 1, FUTEX_BITSET_MATCH_ANY);
			return 0;
		}
		if ((int)(uval & FUTEX_TID_MASK) != tid)
			return 0;
		if (cmpxchg_user_u32(p, uval, (uval & FUTEX_WAITERS) | FUTEX_OWNER_DIED, &cur))
			return -EFAULT;
		if (cur == uval)
			break;
	}
	if (!(uval & FUTEX_WAITERS) || futex_get_key(uaddr, 0, &key))
		return 0;
	if (pi)
		futex_pi_owner_died(uaddr, &key);
	else
		futex_wake(uaddr, 0, 1, FUTEX_BITSET_MATCH_ANY);
	return 0;
}

static void walk_list(struct thread *t)
{
	uint64_t head = t->robust_list, entry, next, pending;
	int64_t off;
	bool pi, next_pi, pending_pi;
	int limit = ROBUST_LIST_LIMIT;

	t->robust_list = 0;
	if (!head || head == FUTEX_THREAD_GONE || !t->vm || t != current_thread())
		return;
	if (fetch_entry(head, &entry, &pi) ||
	    get_user(off, (int64_t __user *)uptr(head + sizeof(uint64_t))) ||
	    fetch_entry(head + 2 * sizeof(uint64_t), &pending, &pending_pi))
		return;
	while (entry != head) {
		int rc = fetch_entry(entry, &next, &next_pi);

		if (entry != pending && owner_died(entry + (uint64_t)off, t->tid, pi, false))
			return;
		if (rc)
			return;
		entry = next;
		pi = next_pi;
		if (!--limit)
			break;
	}
	if (pending)
		owner_died(pending + (uint64_t)off, t->tid, pending_pi, true);
}

void futex_exit_robust(struct thread *t)
{
	walk_list(t);
	futex_pi_exit(t, true);
}

void futex_exec_release(struct thread *t)
{
	walk_list(t);
	futex_pi_exit(t, false);
}
