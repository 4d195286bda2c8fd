/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Wait queues.  A sleeper links a wq_waiter (on its own stack) into the
 * queue and marks itself sleeping while holding the queue lock; a waker
 * unlinks waiters under the same lock and makes them runnable.  Because the
 * predicate is evaluated under that lock too, an event that happens after
 * the check always finds the sleeper on the queue.
 *
 * A wake-up of an empty queue takes no lock: the waker has changed the
 * state a sleeper's predicate (or a poll op) reads, then, after a full
 * fence, finds no entry; whoever links an entry does so, then (full fence)
 * reads that state.  One of the two sees the other's store, as Linux's
 * wq_has_sleeper() pairs them.  Only this file links entries.
 *
 * Callback entries (poll tables, epoll) stay linked across wake-ups; a
 * wake-up calls each with the queue lock held.  Work a callback cannot do
 * there (taking another queue's lock) comes back as a wq_deferred item,
 * run by the waker once it has dropped the lock.
 */
#include <klib/errno.h>
#include <platform/panic.h>
#include <platform/percpu.h>
#include <platform/time.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/timer.h>
#include <kernel/waitqueue.h>

void wq_init(struct waitqueue *wq)
{
	spin_lock_init(&wq->lock, "waitqueue", LOCK_RANK_WAITQ);
	list_init(&wq->waiters);
}

/* What ends a sleep besides its predicate and deadline. */
enum wake_on { WAKE_NO_SIGNAL, WAKE_SIGNAL, WAKE_KILL };

static long sleep_until(struct waitqueue *wq, wq_pred_fn pred, void *arg, enum wake_on on,
			uint64_t deadline);

long wq_sleep_signalable_until(struct waitqueue *wq, wq_pred_fn pred, void *arg)
{
	return sleep_until(wq, pred, arg, WAKE_SIGNAL, 0);
}

long wq_sleep_until(struct waitqueue *wq, wq_pred_fn pred, void *arg)
{
	return sleep_until(wq, pred, arg, WAKE_NO_SIGNAL, 0);
}

long wq_sleep_killable_until(struct waitqueue *wq, wq_pred_fn pred, void *arg)
{
	return sleep_until(wq, pred, arg, WAKE_KILL, 0);
}

long wq_sleep_signalable_deadline(struct waitqueue *wq, wq_pred_fn pred, void *arg,
				  uint64_t deadline)
{
	return sleep_until(wq, pred, arg, WAKE_SIGNAL, deadline);
}

long wq_sleep_deadline(struct waitqueue *wq, wq_pred_fn pred, void *arg, uint64_t deadline)
{
	return sleep_until(wq, pred, arg, WAKE_NO_SIGNAL, deadline);
}

static struct waitqueue nothing_wq = WAITQUEUE_INIT(nothing_wq);

static long never(void *arg)
{
	return 0;
}

long sleep_signalable(uint64_t deadline)
{
	return sleep_until(&nothing_wq, never, NULL, WAKE_SIGNAL, deadline);
}

static void deadline_passed(struct ktimer *t)
{
	thread_wake(t->arg);
}

/*
 * The sleeper marks itself sleeping and links itself before it evaluates
 * the predicate, all under the queue lock: a waker (which takes that lock)
 * runs either before the check or after the sleeper is ready to be woken.
 * Signals and the deadline timer wake the thread without the queue lock;
 * because the state is set before the checks, such a wake-up either is
 * seen by the checks or turns the coming schedule() into a no-op.
 */
static long sleep_until(struct waitqueue *wq, wq_pred_fn pred, void *arg, enum wake_on on,
			uint64_t deadline)
{
	struct thread *self = current_thread();
	struct wq_waiter w = {.thread = self};
	struct ktimer timer;
	long r;

	list_init(&w.link);
	if (deadline) {
		ktimer_init(&timer, deadline_passed, self);
		ktimer_arm(&timer, deadline);
	}
	for (;;) {
		irqflags_t f = spin_lock_irqsave(&wq->lock);

		self->state = THREAD_SLEEPING;
		if (list_empty(&w.link))
			list_add_tail(&w.link, &wq->waiters);
		__atomic_thread_fence(__ATOMIC_SEQ_CST); /* linked before the state is read */
		r = pred(arg);
		if (!r && on == WAKE_SIGNAL && signal_pending())
			r = -ERESTARTSYS;
		if (!r && on == WAKE_KILL && fatal_signal_pending())
			r = -EINTR;
		if (!r && deadline && time_ns() >= deadline)
			r = -ETIMEDOUT;
		if (r) {
			list_del(&w.link);
			self->state = THREAD_RUNNING;
			spin_unlock_irqrestore(&wq->lock, f);
			break;
		}
		spin_unlock(&wq->lock);
		schedule();
		irq_restore(f);
	}
	if (deadline)
		ktimer_cancel(&timer);
	return r;
}

/* Callback entries come before the sleepers (so wq_wake_one can stop at
 * the sleeper it wakes); among them, as Linux orders them, exclusive
 * entries after all others. */
void wq_add_entry(struct waitqueue *wq, struct wq_waiter *w)
{
	irqflags_t f = spin_lock_irqsave(&wq->lock);
	struct list_head *pos;

	if (!(w->flags & WQ_EXCLUSIVE)) {
		list_add(&w->link, &wq->waiters);
		goto out_unlock;
	}
	list_for_each (pos, &wq->waiters) {
		if (!list_entry(pos, struct wq_waiter, link)->func)
			break; /* the first sleeper */
	}
	list_add_tail(&w->link, pos); /* before it, or at the end */
out_unlock:
	spin_unlock_irqrestore(&wq->lock, f);
	__atomic_thread_fence(__ATOMIC_SEQ_CST); /* linked before the caller reads the state */
}

void wq_remove_entry(struct waitqueue *wq, struct wq_waiter *w)
{
	irqflags_t f = spin_lock_irqsave(&wq->lock);

	list_del(&w->link);
	spin_unlock_irqrestore(&wq->lock, f);
}

/* Wake sleepers (all, or the first) and call every callback entry; of the
 * exclusive ones, only up to the first that takes the wake-up.  Deferred
 * work is collected on `later`. */
static void wake_locked(struct waitqueue *wq, bool all, unsigned events, struct list_head *later)
{
	struct list_head *pos, *tmp;
	bool exclusive_done = false;

	list_for_each_safe (pos, tmp, &wq->waiters) {
		struct wq_waiter *w = list_entry(pos, struct wq_waiter, link);
		struct wq_deferred *d = NULL;

		if (!w->func) {
			list_del(&w->link);
			thread_wake(w->thread);
			if (!all)
				break; /* callback entries all come before sleepers */
			continue;
		}
		if ((w->flags & WQ_EXCLUSIVE) && exclusive_done)
			continue;
		if (w->func(w, events, &d) && (w->flags & WQ_EXCLUSIVE))
			exclusive_done = true;
		if (d) {
			ASSERT(later);
			list_add_tail(&d->link, later);
		}
	}
}

static void wake(struct waitqueue *wq, bool all, unsigned events)
{
	LIST_HEAD(later);
	irqflags_t f;

	__atomic_thread_fence(__ATOMIC_SEQ_CST); /* the state changed before the queue is read */
	if (__atomic_load_n(&wq->waiters.next, __ATOMIC_RELAXED) == &wq->waiters)
		return; /* nobody to wake (the file comment says why none is missed) */
	f = spin_lock_irqsave(&wq->lock);

	wake_locked(wq, all, events, &later);
	spin_unlock_irqrestore(&wq->lock, f);
	while (!list_empty(&later)) {
		struct wq_deferred *d = list_first_entry(&later, struct wq_deferred, link);

		list_del(&d->link);
		d->fn(d);
	}
}

void wq_wake_all_locked(struct waitqueue *wq)
{
	assert_spin_held(&wq->lock);
	wake_locked(wq, true, 0, NULL);
}

void wq_wake_one(struct waitqueue *wq)
{
	wake(wq, false, 0);
}

void wq_wake_all(struct waitqueue *wq)
{
	wake(wq, true, 0);
}

void wq_wake_events(struct waitqueue *wq, unsigned events)
{
	wake(wq, true, events);
}
