/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Spinlocks: FIFO ticket locks.  spin_lock_irqsave() is the normal way to
 * take one; spin_lock() is for callers that already run with interrupts
 * off.  Holding a spinlock disables preemption; never sleep holding one.
 *
 * Lock ranks: every lock has a rank from enum lock_rank, and a CPU may only
 * take a lock whose rank is strictly above every lock it holds.  In the
 * profiles with CONFIG_ASSERTS a violation panics naming both locks, so a
 * potential deadlock is found the first time the order is wrong, not when
 * two CPUs race.
 */
#pragma once

#include <klib/compiler.h>
#include <klib/types.h>
#include <platform/irq.h>

/* Lock order, lowest first: take locks in increasing rank. */
enum lock_rank {
	LOCK_RANK_NONE = 0, /* unranked: leaf locks only (checked as leaf) */
	LOCK_RANK_PROCESS = 10,
	LOCK_RANK_VM = 20,
	LOCK_RANK_FS = 30,
	LOCK_RANK_FUTEX = 33,	 /* a futex hash bucket: wakers take a waitqueue inside */
	LOCK_RANK_WAITQ = 35,	 /* a waker holds it while taking run queue locks */
	LOCK_RANK_EPOLL = 36,	 /* an epoll's ready list: its wait queue callbacks take it */
	LOCK_RANK_PROCTREE = 37, /* parent/child links; taken inside wait predicates */
	LOCK_RANK_THREADS = 38,	 /* a thread group's list: wakes its threads under it */
	LOCK_RANK_SCHED = 40,
	LOCK_RANK_TIMER = 60,
	/* the kernel stack window: taken wherever pages are freed */
	LOCK_RANK_KSTACK = 65,
	LOCK_RANK_PAGE = 70, /* physical page allocator */
	LOCK_RANK_HEAP = 80, /* kmalloc / slab */
	LOCK_RANK_IRQCHIP = 90,
	/* a driver's drv_lock (kernel/driver.h): taken in its interrupt
	 * handlers, under the bus's shared-INTx lock; only the log (a fault's
	 * report) is taken under it */
	LOCK_RANK_DRIVER = 95,
	LOCK_RANK_CONSOLE = 100, /* the log: may be taken under anything */
	LOCK_RANK_TEST = 200,	 /* self-tests */
};

struct spinlock {
	uint32_t next;	/* next ticket to hand out */
	uint32_t owner; /* ticket being served */
	uint16_t rank;
	int16_t cpu; /* holder, -1 if free (diagnostics) */
	const char *name;
};

#define SPINLOCK_INIT(lname, lrank)                                                \
	{                                                                          \
		.next = 0, .owner = 0, .rank = (lrank), .cpu = -1, .name = (lname) \
	}

void spin_lock_init(struct spinlock *l, const char *name, enum lock_rank rank);
void spin_lock(struct spinlock *l) __acquires(l);
void spin_unlock(struct spinlock *l) __releases(l);
bool __spin_trylock(struct spinlock *l);
/* Take `l` if it is free; true if taken. */
#define spin_trylock(l) __cond_acquire(l, __spin_trylock(l))
irqflags_t spin_lock_irqsave(struct spinlock *l) __acquires(l);
void spin_unlock_irqrestore(struct spinlock *l, irqflags_t flags) __releases(l);
/* true if this CPU holds `l` */
bool spin_held(const struct spinlock *l);

#define assert_spin_held(l) ASSERT(spin_held(l))
