/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Mutexes on top of wait queues: the owner field is guarded by the queue's
 * lock, and taking the mutex is the sleep predicate, so a release between
 * a failed attempt and the sleep is never missed.  Sleeps are not
 * interruptible by signals (a mutex protects kernel state, not a wait the
 * user asked for).
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

static long try_take(void *arg)
{
	struct mutex *m = arg;

	if (m->owner)
		return 0;
	m->owner = current_thread();
	return 1;
}

void mutex_lock(struct mutex *m)
{
	ASSERT(m->owner != current_thread());
	wq_sleep_until(&m->wq, try_take, m);
}

bool mutex_trylock(struct mutex *m)
{
	irqflags_t f = spin_lock_irqsave(&m->wq.lock);
	bool took = try_take(m);

	spin_unlock_irqrestore(&m->wq.lock, f);
	return took;
}

void mutex_unlock(struct mutex *m)
{
	irqflags_t f = spin_lock_irqsave(&m->wq.lock);

	if (m->owner != current_thread())
		panic("mutex '%s' released by a thread that does not hold it", m->name);
	m->owner = NULL;
	spin_unlock_irqrestore(&m->wq.lock, f);
	wq_wake_one(&m->wq);
}

bool mutex_held(const struct mutex *m)
{
	return READ_ONCE(m->owner) == current_thread();
}
