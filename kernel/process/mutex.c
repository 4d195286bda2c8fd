/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Mutexes on top of wait queues.  The owner field is set by compare and
 * exchange, so an uncontended lock and unlock touch nothing else.  A
 * contended lock sleeps with taking the mutex as its predicate: the
 * sleeper links itself on the queue, then (after a full fence) tries the
 * owner; an unlocker clears the owner, then (after a full fence) looks for
 * sleepers.  One of the two always sees the other, so a release between a
 * failed attempt and the sleep is never missed.  mutex_lock's sleep is
 * not interruptible by signals (a mutex protects kernel state, not a wait
 * the user asked for); a mutex held across a wait the user asked for
 * (a terminal's writer waiting for room) is taken with
 * mutex_lock_interruptible, so SIGKILL still ends the waiters behind it.
 */
#include <platform/panic.h>
#include <kernel/mutex.h>
#include <kernel/sched.h>

void mutex_init(struct mutex *m, const char *name)
{
	wq_init(&m->wq);
	m->owner = NULL;
	m->name = name;
}

static bool take(struct mutex *m)
{
	struct thread *none = NULL;

	return __atomic_compare_exchange_n(&m->owner, &none, current_thread(), false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

/* The sleep predicate (queue lock held, the sleeper already linked). */
static long try_take(void *arg)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST); /* linked before the owner is read */
	return take(arg);
}

void mutex_lock(struct mutex *m)
{
	ASSERT(__atomic_load_n(&m->owner, __ATOMIC_RELAXED) != current_thread());
	if (!take(m))
		wq_sleep_until(&m->wq, try_take, m);
}

int mutex_lock_interruptible(struct mutex *m)
{
	long r;

	ASSERT(__atomic_load_n(&m->owner, __ATOMIC_RELAXED) != current_thread());
	if (take(m))
		return 0;
	/* a sleeper the unlocker woke takes the mutex before it looks at
	 * signals (the predicate runs first), so no wake-up is lost */
	r = wq_sleep_signalable_until(&m->wq, try_take, m);
	return r < 0 ? (int)r : 0;
}

bool mutex_trylock(struct mutex *m)
{
	return take(m);
}

void mutex_unlock(struct mutex *m)
{
	if (__atomic_load_n(&m->owner, __ATOMIC_RELAXED) != current_thread())
		panic("mutex '%s' released by a thread that does not hold it", m->name);
	__atomic_store_n(&m->owner, NULL, __ATOMIC_RELEASE);
	__atomic_thread_fence(__ATOMIC_SEQ_CST); /* cleared before the sleepers are read */
	if (!list_empty(&m->wq.waiters))
		wq_wake_one(&m->wq);
}

bool mutex_held(const struct mutex *m)
{
	return READ_ONCE(m->owner) == current_thread();
}
