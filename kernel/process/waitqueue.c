/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Wait queues.  A sleeper links a wq_waiter (on its own stack) into the
 * queue and marks itself sleeping while holding the queue lock; a waker
 * unlinks waiters under the same lock and makes them runnable.  Because the
 * predicate is evaluated under that lock too, an event that happens after
 * the check always finds the sleeper on the queue.
 */
#include <klib/errno.h>
#include <platform/percpu.h>
#include <kernel/sched.h>
#include <kernel/waitqueue.h>

struct wq_waiter {
	struct thread *thread;
	struct list_head link;
};

void wq_init(struct waitqueue *wq)
{
	spin_lock_init(&wq->lock, "waitqueue", LOCK_RANK_WAITQ);
	list_init(&wq->waiters);
}

/* Signals arrive with processes (the next milestone); until then a sleeper
 * is only ever woken by its event. */
static bool signal_pending(void)
{
	return false;
}

static long sleep_until(struct waitqueue *wq, wq_pred_fn pred, void *arg, bool signalable);

long wq_sleep_signalable_until(struct waitqueue *wq, wq_pred_fn pred, void *arg)
{
	return sleep_until(wq, pred, arg, true);
}

long wq_sleep_until(struct waitqueue *wq, wq_pred_fn pred, void *arg)
{
	return sleep_until(wq, pred, arg, false);
}

static long sleep_until(struct waitqueue *wq, wq_pred_fn pred, void *arg, bool signalable)
{
	struct thread *self = current_thread();
	struct wq_waiter w = {.thread = self};

	for (;;) {
		irqflags_t f = spin_lock_irqsave(&wq->lock);
		long r = pred(arg);

		if (!r && signalable && signal_pending())
			r = -EINTR;
		if (r) {
			spin_unlock_irqrestore(&wq->lock, f);
			return r;
		}
		list_add_tail(&w.link, &wq->waiters);
		self->state = THREAD_SLEEPING;
		spin_unlock(&wq->lock);
		schedule();
		irq_restore(f);
		/* woken (and unlinked by the waker): re-check the predicate */
	}
}

static void wake(struct waitqueue *wq, bool all)
{
	irqflags_t f = spin_lock_irqsave(&wq->lock);

	while (!list_empty(&wq->waiters)) {
		struct wq_waiter *w = list_first_entry(&wq->waiters, struct wq_waiter, link);

		list_del(&w->link);
		thread_wake(w->thread);
		if (!all)
			break;
	}
	spin_unlock_irqrestore(&wq->lock, f);
}

void wq_wake_one(struct waitqueue *wq)
{
	wake(wq, false);
}

void wq_wake_all(struct waitqueue *wq)
{
	wake(wq, true);
}
