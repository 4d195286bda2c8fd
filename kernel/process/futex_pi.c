/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Priority-inheritance futexes: FUTEX_LOCK_PI(2), TRYLOCK_PI, UNLOCK_PI,
 * WAIT_REQUEUE_PI and CMP_REQUEUE_PI.  The futex word is the lock: 0 when
 * free, else the owner's tid, with FUTEX_WAITERS set while threads wait
 * in the kernel (so the owner's user-space unlock fails and comes here)
 * and FUTEX_OWNER_DIED after its owner died holding it (robust lists).
 * UNLOCK_PI hands the lock to the first waiter: the word becomes its tid
 * and it returns owning it, so no other thread can slip in between.
 *
 * No priority is inherited: the scheduler has no priorities to lend.
 * What Linux reports (EDEADLK, ESRCH, EPERM, the word's bits) is kept.
 *
 * Locking: every change of a PI futex word made by the kernel, and every
 * queueing and leaving of a PI waiter, happens under pi_mutex, a sleeping
 * lock (the user word may fault).  A waiter leaving by timeout or signal
 * takes it too, so an unlock that chose it as the next owner finishes
 * before it looks at whether it got the lock.  The wait queue of each
 * bucket is guarded by the bucket lock as in futex.c.
 */
#include <klib/errno.h>
#include <linux/futex.h>
#include <platform/irq.h>
#include <platform/usercopy.h>
#include <kernel/futex.h>
#include <kernel/mutex.h>
#include <kernel/process.h>
#include <kernel/sched.h>
#include "futex_impl.h"

static struct mutex pi_mutex = MUTEX_INIT(pi_mutex, "futex-pi");

static int pi_queued; /* FUTEX_PI waiters (pi_mutex): an exit scans only if any */

/* Whether a live thread has this tid (pi_mutex held: an exiting thread
 * marks itself gone under it).  Threads are found through their process
 * today (one thread each, tid == pid). */
static bool tid_alive(int tid)
{
	irqflags_t f = process_lock_tree();
	struct process *p = process_find_any(tid);
	bool alive = false;

	if (p && p->state == PROC_ALIVE) {
		struct thread *t;

		spin_lock(&p->threads_lock);
		t = process_thread_locked(p, tid);
		alive = t && t->robust_list != FUTEX_THREAD_GONE;
		spin_unlock(&p->threads_lock);
	}
	process_unlock_tree(f);
	return alive;
}

static uint32_t __user *word_ptr(uint64_t uaddr)
{
	return (uint32_t __user *)uptr(uaddr);
}

/* The first waiter queued on `key` (bucket lock held), or NULL. */
static struct futex_waiter *first_waiter(struct futex_bucket *b, const struct futex_key *key)
{
	struct futex_waiter *w;

	list_for_each_entry (w, &b->waiters, link) {
		if (futex_same_key(&w->key, key))
			return w;
	}
	return NULL;
}

static bool has_waiters(const struct futex_key *key)
{
	struct futex_bucket *b = futex_bucket_of(key);
	irqflags_t f = spin_lock_irqsave(&b->lock);
	bool any = first_waiter(b, key) != NULL;

	spin_unlock_irqrestore(&b->lock, f);
	return any;
}

/* Take the PI futex at uaddr for `tid` if it is free, or owned by
 * `gone` (an owner that exited holding it; 0: none) (pi_mutex held): 1
 * taken, 0 owned by the live thread *owner (FUTEX_WAITERS now set),
 * -EDEADLK, -ESRCH, -EFAULT.  `force_waiters` sets FUTEX_WAITERS when
 * taking it. */
static long pi_acquire(uint64_t uaddr, const struct futex_key *key, int tid, bool force_waiters,
		       int gone, int *owner)
{
	uint32_t uval, newval, cur;

	if (get_user(uval, word_ptr(uaddr)))
		return -EFAULT;
	for (;;) {
		int o = (int)(uval & FUTEX_TID_MASK);

		if (o == tid)
			return -EDEADLK;
		if (!o || o == gone) {
			newval = (uval & FUTEX_OWNER_DIED) | (uint32_t)tid;
			if (o) /* taken from a gone owner: Linux says it died */
				newval |= FUTEX_OWNER_DIED;
			/* Linux marks a lock taken from a gone owner contended */
			if (force_waiters || (o && o == gone) || has_waiters(key))
				newval |= FUTEX_WAITERS;
		} else {
			newval = uval | FUTEX_WAITERS;
		}
		if (newval == uval)
			break;
		if (cmpxchg_user_u32(word_ptr(uaddr), uval, newval, &cur))
			return -EFAULT;
		if (cur == uval)
			break;
		uval = cur;
	}
	*owner = (int)(uval & FUTEX_TID_MASK);
	if (!*owner || *owner == gone)
		return 1;
	/* Linux sets FUTEX_WAITERS before it looks for the owner */
	return tid_alive(*owner) ? 0 : -ESRCH;
}

/* Sleep as a queued PI waiter until it owns the futex (0), its deadline
 * (-ETIMEDOUT) or a signal (-ERESTARTSYS); -EAGAIN if its owner exited
 * (*gone: that owner) and it should try again.  Leaves w unqueued. */
static long pi_sleep(struct futex_waiter *w, struct futex_sleeper *s, uint64_t deadline, int *gone)
{
	long r = futex_sleep(s, deadline);

	mutex_lock(&pi_mutex);
	futex_unqueue(w);
	if (w->kind == FUTEX_PI)
		pi_queued--;
	mutex_unlock(&pi_mutex);
	if (s->owner)
		return 0;
	if (s->owner_gone) {
		*gone = w->pi_owner;
		return -EAGAIN;
	}
	return r;
}

/* Lock the PI futex w->key at uaddr (w->kind FUTEX_PI, unqueued), its
 * owner `gone` having exited if non-zero. */
static long pi_lock(uint64_t uaddr, struct futex_waiter *w, uint64_t deadline, bool trylock,
		    int gone)
{
	int tid = current_thread()->tid;
	long r;

	for (;;) {
		mutex_lock(&pi_mutex);
		r = pi_acquire(uaddr, &w->key, tid, false, gone, &w->pi_owner);
		if (r != 0 || trylock) {
			mutex_unlock(&pi_mutex);
			if (r == 0)
				return -EAGAIN; /* trylock of a held lock: EWOULDBLOCK */
			return r < 0 ? r : 0;
		}
		futex_sleeper_init(w->s);
		futex_queue(w);
		pi_queued++;
		mutex_unlock(&pi_mutex);
		r = pi_sleep(w, w->s, deadline, &gone);
		if (r == -ERESTARTSYS)
			return -ERESTARTNOINTR; /* Linux restarts a PI lock after any handler */
		if (r != -EAGAIN)
			return r;
	}
}

long futex_lock_pi(uint64_t uaddr, unsigned flags, uint64_t deadline, bool trylock)
{
	struct futex_sleeper s;
	struct futex_waiter w = {.kind = FUTEX_PI, .s = &s};
	long r = futex_get_key(uaddr, flags, &w.key);

	return r ? r : pi_lock(uaddr, &w, deadline, trylock, 0);
}

/* Give the PI futex at uaddr, now `uval`, to w (pi_mutex held; w queued
 * on `b`): the word becomes its tid with FUTEX_WAITERS, and it wakes as
 * owner.  0, -EFAULT, or -EAGAIN if the word changed. */
static long pi_hand_over(uint64_t uaddr, uint32_t uval, uint32_t keep, struct futex_bucket *b,
			 struct futex_waiter *w)
{
	uint32_t cur;
	irqflags_t f;

	if (cmpxchg_user_u32(word_ptr(uaddr), uval, (uint32_t)w->tid | FUTEX_WAITERS | keep, &cur))
		return -EFAULT;
	if (cur != uval)
		return -EAGAIN;
	f = spin_lock_irqsave(&b->lock);
	futex_wake_waiter(w, true);
	spin_unlock_irqrestore(&b->lock, f);
	return 0;
}

long futex_unlock_pi(uint64_t uaddr, unsigned flags)
{
	struct futex_key key;
	struct futex_bucket *b;
	struct futex_waiter *w;
	int tid = current_thread()->tid;
	uint32_t uval, cur;
	irqflags_t f;
	long r;

	/* Linux reads the word, and checks its owner, before the key */
	if (get_user(uval, word_ptr(uaddr)))
		return -EFAULT;
	if ((int)(uval & FUTEX_TID_MASK) != tid)
		return -EPERM;
	r = futex_get_key(uaddr, flags, &key);
	if (r)
		return r;
	b = futex_bucket_of(&key);
	mutex_lock(&pi_mutex);
	do {
		if (get_user(uval, word_ptr(uaddr))) {
			r = -EFAULT;
			break;
		}
		if ((int)(uval & FUTEX_TID_MASK) != tid) {
			r = -EPERM;
			break;
		}
		f = spin_lock_irqsave(&b->lock);
		w = first_waiter(b, &key);
		spin_unlock_irqrestore(&b->lock, f);
		if (w && w->kind == FUTEX_PI) {
			r = pi_hand_over(uaddr, uval, 0, b, w);
		} else if (cmpxchg_user_u32(word_ptr(uaddr), uval, 0, &cur)) {
			r = -EFAULT;
		} else {
			r = cur == uval ? 0 : -EAGAIN;
		}
	} while (r == -EAGAIN);
	mutex_unlock(&pi_mutex);
	return r;
}

/* A robust PI futex's owner died (futex_robust.c, pi_mutex not held): the
 * word, now `uval` (FUTEX_OWNER_DIED set, no owner), goes to its first
 * waiter, if any. */
void futex_pi_owner_died(uint64_t uaddr, const struct futex_key *key)
{
	struct futex_bucket *b = futex_bucket_of(key);
	struct futex_waiter *w;
	uint32_t uval;
	irqflags_t f;

	mutex_lock(&pi_mutex);
	do {
		if (get_user(uval, word_ptr(uaddr)) || (uval & FUTEX_TID_MASK))
			break;
		f = spin_lock_irqsave(&b->lock);
		w = first_waiter(b, key);
		spin_unlock_irqrestore(&b->lock, f);
		if (!w || w->kind != FUTEX_PI)
			break;
	} while (pi_hand_over(uaddr, uval, uval & FUTEX_OWNER_DIED, b, w) == -EAGAIN);
	mutex_unlock(&pi_mutex);
}

long futex_wait_requeue_pi(uint64_t uaddr, unsigned flags, uint32_t val, uint64_t deadline,
			   uint64_t uaddr2)
{
	struct futex_sleeper s;
	struct futex_waiter w = {
		.bitset = FUTEX_BITSET_MATCH_ANY, .kind = FUTEX_REQUEUE_PI, .s = &s};
	uint32_t cur;
	long r = futex_get_key(uaddr, flags, &w.key);

	if (!r)
		r = futex_get_key(uaddr2, flags, &w.pi_key);
	if (r)
		return r;
	if (futex_same_key(&w.key, &w.pi_key))
		return -EINVAL;
	futex_sleeper_init(&s);
	futex_queue(&w);
	r = get_user(cur, word_ptr(uaddr)) ? -EFAULT : cur != val ? -EAGAIN : 0;
	if (r) {
		mutex_lock(&pi_mutex);
		futex_unqueue(&w);
		mutex_unlock(&pi_mutex);
		return s.owner ? 0 : r;
	}
	r = futex_sleep(&s, deadline);
	mutex_lock(&pi_mutex);
	futex_unqueue(&w);
	if (w.kind == FUTEX_PI)
		pi_queued--;
	mutex_unlock(&pi_mutex);
	if (s.owner)
		return 0;
	if (s.owner_gone) /* requeued, then the PI futex's owner exited */
		return pi_lock(uaddr2, &w, deadline, false, w.pi_owner);
	if (r == -ETIMEDOUT)
		return r;
	/* a signal: before the requeue the call restarts; after it, Linux
	 * answers EWOULDBLOCK rather than restart a lock it cannot resume */
	return w.kind == FUTEX_REQUEUE_PI ? -ERESTARTNOINTR : -EAGAIN;
}

long futex_cmp_requeue_pi(uint64_t uaddr, unsigned flags, uint64_t uaddr2, int nr_wake,
			  int nr_requeue, uint32_t cmpval)
{
	struct futex_key key1, key2;
	struct futex_bucket *b1, *b2;
	struct futex_waiter *w, *top;
	struct list_head moving = LIST_HEAD_INIT(moving);
	long count = 0, want, r;
	int owner = 0;
	bool took = false;
	uint32_t cur;
	irqflags_t f;

	if (nr_wake < 0 || nr_requeue < 0 || nr_wake != 1)
		return -EINVAL;
	r = futex_get_key(uaddr, flags, &key1);
	if (!r)
		r = futex_get_key(uaddr2, flags, &key2);
	if (r)
		return r;
	if (futex_same_key(&key1, &key2))
		return -EINVAL;
	b1 = futex_bucket_of(&key1);
	b2 = futex_bucket_of(&key2);
	mutex_lock(&pi_mutex);
	if (get_user(cur, word_ptr(uaddr))) {
		r = -EFAULT;
		goto out_unlock;
	}
	if (cur != cmpval) {
		r = -EAGAIN;
		goto out_unlock;
	}
	/* A waiter queues itself under its bucket's lock alone (not
	 * pi_mutex), so one may arrive between this look and the requeue
	 * below: the first waiter found there must have had its chance at
	 * the free PI futex, or it would sleep on a lock nobody holds. */
retry:
	f = spin_lock_irqsave(&b1->lock);
	top = first_waiter(b1, &key1);
	spin_unlock_irqrestore(&b1->lock, f);
	if (top) {
		if (top->kind != FUTEX_REQUEUE_PI || !futex_same_key(&top->pi_key, &key2)) {
			r = -EINVAL;
			goto out_unlock;
		}
		/* the first waiter takes the PI futex if it is free */
		r = pi_acquire(uaddr2, &key2, top->tid, true, 0, &owner);
		if (r < 0)
			goto out_unlock;
		if (r == 1) {
			f = spin_lock_irqsave(&b1->lock);
			futex_wake_waiter(top, true);
			spin_unlock_irqrestore(&b1->lock, f);
			count = 1;
			took = true;
		}
	}
	r = 0;
	f = irq_save();
	spin_lock(&b1->lock);
	if (!top && first_waiter(b1, &key1)) { /* one arrived: again, with it */
		spin_unlock(&b1->lock);
		irq_restore(f);
		goto retry;
	}
	list_for_each_entry (w, &b1->waiters, link) {
		if (count - nr_wake >= nr_requeue)
			break;
		if (!futex_same_key(&w->key, &key1))
			continue;
		if (w->kind != FUTEX_REQUEUE_PI || !futex_same_key(&w->pi_key, &key2)) {
			r = -EINVAL;
			break;
		}
		count++;
	}
	/* move them (at most count, minus the one that took the lock) */
	want = count - (took ? 1 : 0);
	for (long moved = 0; moved < want; moved++) {
		struct futex_waiter *m = NULL;

		list_for_each_entry (w, &b1->waiters, link) {
			if (futex_same_key(&w->key, &key1) && w->kind == FUTEX_REQUEUE_PI) {
				m = w;
				break;
			}
		}
		if (!m)
			break;
		m->kind = FUTEX_PI;
		m->pi_owner = owner;
		pi_queued++;
		if (b1 == b2) {
			m->key = key2;
			list_del(&m->link);
			list_add_tail(&m->link, &moving);
		} else {
			futex_requeue_start(m, &key2, &moving);
		}
	}
	if (b1 == b2) {
		while (!list_empty(&moving)) {
			w = list_entry(moving.next, struct futex_waiter, link);
			list_del(&w->link);
			list_add_tail(&w->link, &b1->waiters);
		}
	}
	spin_unlock(&b1->lock);
	if (!list_empty(&moving))
		futex_requeue_finish(b2, &moving);
	irq_restore(f);
out_unlock:
	mutex_unlock(&pi_mutex);
	return r ? r : count;
}

void futex_pi_exit(struct thread *t, bool dying)
{
	mutex_lock(&pi_mutex);
	if (dying)
		t->robust_list = FUTEX_THREAD_GONE; /* no one queues behind it now */
	for (unsigned i = 0; pi_queued && i < FUTEX_BUCKETS; i++) {
		struct futex_bucket *b = futex_bucket_nth(i);
		struct list_head *pos, *next;
		irqflags_t f = spin_lock_irqsave(&b->lock);

		/* each tries again, taking over from the gone owner: the first
		 * gets the lock, the others wait for it */
		list_for_each_safe (pos, next, &b->waiters) {
			struct futex_waiter *w = list_entry(pos, struct futex_waiter, link);

			if (w->kind == FUTEX_PI && w->pi_owner == t->tid) {
				w->s->owner_gone = true;
				futex_wake_waiter(w, false);
			}
		}
		spin_unlock_irqrestore(&b->lock, f);
	}
	mutex_unlock(&pi_mutex);
}
