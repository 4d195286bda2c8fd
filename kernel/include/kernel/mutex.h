/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Sleeping mutexes: for long critical sections that may block (filesystem
 * operations, usercopy).  Never taken from interrupt context or with a
 * spinlock held.  Not recursive; unlocking is the owner's job.
 */
#pragma once

#include <kernel/waitqueue.h>

struct thread;

struct mutex {
	struct waitqueue wq;  /* sleepers; wq.lock also guards owner */
	struct thread *owner; /* NULL when free */
	const char *name;
};

#define MUTEX_INIT(m, n)                          \
	{                                         \
		WAITQUEUE_INIT((m).wq), NULL, (n) \
	}

void mutex_init(struct mutex *m, const char *name);
void mutex_lock(struct mutex *m);
/* The same, but a signal ends the wait: 0 (taken) or -ERESTARTSYS. */
int mutex_lock_interruptible(struct mutex *m);
bool mutex_trylock(struct mutex *m);
void mutex_unlock(struct mutex *m);
bool mutex_held(const struct mutex *m); /* by the calling thread */
