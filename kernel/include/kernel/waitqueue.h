/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * WaitQueue: threads blocked until an event.  The sleeper states its
 * condition as a predicate evaluated under the queue's lock, so a wake-up
 * between the check and the sleep is never lost:
 *
 *   long r = wq_sleep_signalable_until(&pipe->readers, pipe_has_data, pipe);
 *
 * returns the predicate's first non-zero value (the seed's Some(v)), or
 * -ERESTARTSYS if a signal arrived first (the system call exit turns it
 * into EINTR or a restart).  wq_wake_one / wq_wake_all wake sleepers,
 * which then re-check their predicate.  Sleepers may also be woken by a
 * signal or their deadline; they unlink themselves then.
 *
 * Callback entries (wq_add_entry) are how poll tables and epoll watch a
 * queue: a wq_waiter with a function, called by every wake-up of the
 * queue and left linked until its owner removes it.
 */
#pragma once

#include <klib/list.h>
#include <platform/spinlock.h>

struct waitqueue {
	struct spinlock lock;
	struct list_head waiters; /* struct wq_waiter, guarded by lock */
};

#define WAITQUEUE_INIT(wq)                                                                \
	{                                                                                 \
		SPINLOCK_INIT("waitqueue", LOCK_RANK_WAITQ), LIST_HEAD_INIT((wq).waiters) \
	}

void wq_init(struct waitqueue *wq);

/* Work a callback entry hands back to run once the queue lock is dropped
 * (epoll waking its own waiters and pollers: queue locks never nest). */
struct wq_deferred {
	struct list_head link;
	void (*fn)(struct wq_deferred *d);
};

struct wq_waiter;
/* A callback entry's function: runs with the queue lock held and
 * interrupts off, so it must not sleep or take another wait queue's lock.
 * `events` is the waker's hint (POLL* bits, 0: unknown).  Returns true if
 * it took the wake-up (an exclusive entry that does ends the exclusive
 * round); may set *defer to work to run after the lock is dropped. */
typedef bool (*wq_func_fn)(struct wq_waiter *w, unsigned events, struct wq_deferred **defer);

#define WQ_EXCLUSIVE 1u /* of the exclusive entries, a wake-up reaches the first that takes it */

struct wq_waiter {
	struct list_head link; /* the queue's lock */
	struct thread *thread; /* a sleeper (func NULL) */
	wq_func_fn func;       /* a callback entry */
	unsigned flags;	       /* WQ_EXCLUSIVE */
};

/* Link the callback entry `w` (w->func set) into `wq`; it stays linked,
 * through any number of wake-ups, until wq_remove_entry. */
void wq_add_entry(struct waitqueue *wq, struct wq_waiter *w);
void wq_remove_entry(struct waitqueue *wq, struct wq_waiter *w);
/* Wake every sleeper and call every callback entry with the hint `events`
 * (poll_wake's engine).  Takes wq->lock: not to be called holding one. */
void wq_wake_events(struct waitqueue *wq, unsigned events);
/* Predicate: 0 means keep sleeping; anything else ends the wait.  Runs
 * with the queue lock held and interrupts off: it must not sleep. */
typedef long (*wq_pred_fn)(void *arg);
long wq_sleep_signalable_until(struct waitqueue *wq, wq_pred_fn pred, void *arg);
/* The same, but signals do not end the wait (kernel-internal waits). */
long wq_sleep_until(struct waitqueue *wq, wq_pred_fn pred, void *arg);
/* Only SIGKILL ends the wait early (-EINTR): Linux's TASK_KILLABLE, for
 * waits other signals must not break (the vfork parent's). */
long wq_sleep_killable_until(struct waitqueue *wq, wq_pred_fn pred, void *arg);
/* Signalable, and ending with -ETIMEDOUT once time_ns() reaches
 * `deadline` (0: no deadline). */
long wq_sleep_signalable_deadline(struct waitqueue *wq, wq_pred_fn pred, void *arg,
				  uint64_t deadline);
/* Neither signals nor SIGKILL end it; -ETIMEDOUT once time_ns() reaches
 * `deadline` (0: none).  Kernel-internal timed waits (a service's
 * semaphores). */
long wq_sleep_deadline(struct waitqueue *wq, wq_pred_fn pred, void *arg, uint64_t deadline);
/* Sleep for nothing but a signal or `deadline` (0: none): pause,
 * sigsuspend, nanosleep.  -ERESTARTSYS or -ETIMEDOUT. */
long sleep_signalable(uint64_t deadline);
void wq_wake_one(struct waitqueue *wq);
void wq_wake_all(struct waitqueue *wq);
/* wq_wake_all with wq->lock already held: for a waker whose event lives
 * in the sleeper's memory (on its stack), which is gone once it sees it.
 * Only for queues without callback entries that defer work. */
void wq_wake_all_locked(struct waitqueue *wq);
