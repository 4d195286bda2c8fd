/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The futex hash, shared by futex.c (wait, wake, requeue), futex_pi.c and
 * futex_robust.c.  A waiter is queued on the bucket of its key under the
 * bucket's lock, and sleeps on the wait queue of its sleeper (its own; a
 * futex_waitv sleeper has one waiter per futex).  A waker unlinks the
 * waiter and wakes its sleeper while holding the bucket lock, and a
 * waiter always takes that lock before it returns, so a waiter's memory
 * (on its stack) outlives every waker that found it.
 */
#pragma once

#include <klib/list.h>
#include <kernel/waitqueue.h>

struct futex_key {
	const void *obj; /* the address space, the file, or NULL (a physical address) */
	uint64_t off;	 /* the user address, the file offset, or the physical address */
};

struct futex_sleeper {
	struct waitqueue wq; /* the sleeping thread's own */
	int woken;	     /* index of the waiter woken, -1: none (wq.lock) */
	bool owner;	     /* PI: woken as the futex's new owner (wq.lock) */
	bool owner_gone;     /* PI: woken as its owner exited (set under the bucket lock) */
};

enum futex_kind {
	FUTEX_PLAIN,	  /* FUTEX_WAIT*, futex_waitv */
	FUTEX_PI,	  /* FUTEX_LOCK_PI*: queued on the PI futex */
	FUTEX_REQUEUE_PI, /* FUTEX_WAIT_REQUEUE_PI: on the plain futex, bound for pi_key */
};

struct futex_waiter {
	struct list_head link;	     /* in bucket->waiters (bucket lock) */
	struct futex_bucket *bucket; /* where it is queued; NULL while a requeue moves it */
	bool queued;		     /* on a bucket's list (bucket lock) */
	struct futex_key key;	     /* bucket lock */
	uint32_t bitset;
	int index; /* futex_waitv: its position in the vector */
	enum futex_kind kind;
	struct futex_key pi_key; /* FUTEX_REQUEUE_PI: the PI futex it expects */
	int tid;		 /* the waiting thread's */
	int pi_owner;		 /* FUTEX_PI: the owner it waits for (pi_mutex) */
	struct futex_sleeper *s;
};

struct futex_bucket {
	struct spinlock lock; /* guards waiters and each waiter's link, queued, key, kind */
	struct list_head waiters;
};

/* The key of the aligned word at uaddr: 0, -EINVAL (misaligned), -EFAULT. */
int futex_get_key(uint64_t uaddr, unsigned flags, struct futex_key *k);
bool futex_same_key(const struct futex_key *a, const struct futex_key *b);
struct futex_bucket *futex_bucket_of(const struct futex_key *k);
void futex_sleeper_init(struct futex_sleeper *s);
/* Queue w (key, kind, s set) on its key's bucket. */
void futex_queue(struct futex_waiter *w);
/* Take w off its bucket if a waker has not: true if it was still queued. */
bool futex_unqueue(struct futex_waiter *w);
/* With w's bucket lock held: unlink w and wake its sleeper (as the new
 * owner of a PI futex if `owner`). */
void futex_wake_waiter(struct futex_waiter *w, bool owner);
/* Every bucket's waiter list, for the scan at a PI owner's exit. */
struct futex_bucket *futex_bucket_nth(unsigned i);
#define FUTEX_BUCKETS 256
/* Sleep until the sleeper is woken, the deadline or a signal: 1 if woken,
 * -ETIMEDOUT, -ERESTARTSYS. */
long futex_sleep(struct futex_sleeper *s, uint64_t deadline);
/* Move w to key2's bucket b2 (b1 = w's bucket locked, irqs off; b2 may be
 * b1): it is appended to `moving`, which futex_requeue_finish queues on b2
 * after b1 is unlocked. */
void futex_requeue_start(struct futex_waiter *w, const struct futex_key *key2,
			 struct list_head *moving);
void futex_requeue_finish(struct futex_bucket *b2, struct list_head *moving);
/* A robust PI futex's owner died, leaving FUTEX_OWNER_DIED and no owner:
 * hand it to its first waiter (futex_pi.c). */
void futex_pi_owner_died(uint64_t uaddr, const struct futex_key *key);
/* Thread t leaves (exits, or execs if !dying): the PI futexes it still
 * owns go to their waiters, and (dying) no new waiter queues behind it. */
void futex_pi_exit(struct thread *t, bool dying);
