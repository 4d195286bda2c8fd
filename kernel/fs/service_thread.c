/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The service API for a service that runs on its own (service.h: threads,
 * semaphores, the clock): the TCP/IP stack's tcpip thread and the waits of
 * its port layer (services/kevlar_inet/sys_arch.c).
 *
 * A service thread's body is one crossing of its instance (op "thread"),
 * made here with SVC_CALL_VOID as a dispatch wrapper makes any other: a
 * fault in it unwinds to the thread's own recovery point, fails the
 * instance and ends the thread; the thread holds the instance record
 * (vfs_sb_hold) until then.  Semaphores are instance objects; a waiter
 * inside a crossing of a failed instance wakes at least every 100 ms and
 * unwinds at svc_check, so a failed stack's threads do not sleep for ever.
 */
#include <klib/errno.h>
#include <kevlar_vfs/service.h>
#include <kernel/random.h>
#include <kernel/sched.h>
#include <kernel/vfs.h>
#include <kernel/waitqueue.h>
#include <platform/kmalloc.h>
#include <platform/time.h>
#include "contain.h"
#include "fs.h"
#include "svc_cap.h"

#define FAILED_POLL_NS 100000000ull /* a waiter's look at its instance, inside a crossing */

struct svc_thread_arg {
	struct vfs_sb *sb;
	void (*fn)(void *arg);
	void *arg;
};

static void svc_thread_body(void *p)
{
	struct svc_thread_arg a = *(struct svc_thread_arg *)p;

	kfree(p);
	SVC_CALL_VOID(a.sb, SVC_OP_THREAD, NULL, a.fn(a.arg));
	vfs_sb_put(a.sb);
}

int svc_thread_start(struct svc_cap cap, struct vfs_sb *sb, const char *name, void (*fn)(void *arg),
		     void *arg)
{
	struct svc_thread_arg *a;
	struct thread *t;

	svc_check();
	if (!svc_cap_ok(cap, sb, "svc_thread_start") || !sb || !fn)
		return -EINVAL;
	a = kzalloc(sizeof(*a));
	if (!a)
		return -ENOMEM;
	a->sb = sb;
	a->fn = fn;
	a->arg = arg;
	vfs_sb_hold(sb);
	t = thread_create(name, svc_thread_body, a);
	if (!t) {
		vfs_sb_put(sb);
		kfree(a);
		return -ENOMEM;
	}
	thread_put(t);
	return 0;
}

struct svc_sem {
	struct waitqueue wq;
	unsigned count; /* wq.lock */
};

struct svc_sem *svc_sem_new(struct svc_cap cap, unsigned count)
{
	struct svc_sem *s;

	svc_check();
	if (!svc_cap_ok(cap, NULL, "svc_sem_new"))
		return NULL;
	s = svc_obj_alloc(sizeof(*s));
	if (!s)
		return NULL;
	wq_init(&s->wq);
	s->count = count;
	return s;
}

void svc_sem_free(struct svc_cap cap, struct svc_sem *s)
{
	svc_check();
	if (!svc_cap_ok(cap, NULL, "svc_sem_free"))
		return;
	svc_obj_free(s);
}

void svc_sem_post(struct svc_cap cap, struct svc_sem *s)
{
	irqflags_t f;

	svc_check();
	if (!svc_cap_ok(cap, NULL, "svc_sem_post"))
		return;
	f = spin_lock_irqsave(&s->wq.lock);
	s->count++;
	wq_wake_all_locked(&s->wq);
	spin_unlock_irqrestore(&s->wq.lock, f);
}

/* Under the queue's lock (wq_pred_fn): take a unit if there is one. */
static long sem_take(void *arg)
{
	struct svc_sem *s = arg;

	if (!s->count)
		return 0;
	s->count--;
	return 1;
}

bool svc_sem_trywait(struct svc_cap cap, struct svc_sem *s)
{
	irqflags_t f;
	bool took;

	svc_check();
	if (!svc_cap_ok(cap, NULL, "svc_sem_trywait"))
		return false;
	f = spin_lock_irqsave(&s->wq.lock);
	took = sem_take(s);
	spin_unlock_irqrestore(&s->wq.lock, f);
	return took;
}

int svc_sem_wait(struct svc_cap cap, struct svc_sem *s, uint64_t timeout_ns)
{
	uint64_t now = time_ns();
	uint64_t deadline = timeout_ns ? now + timeout_ns : 0;
	bool inside = false;
	long r;

	svc_check();
	if (!svc_cap_ok(cap, NULL, "svc_sem_wait"))
		return -EINVAL;
#if CONFIG_RING2_CONTAIN
	inside = svc_current_frame() != NULL;
#endif
	for (;;) {
		uint64_t until = deadline;

		if (inside && (!until || until - now > FAILED_POLL_NS))
			until = now + FAILED_POLL_NS;
		r = wq_sleep_deadline(&s->wq, sem_take, s, until);
		if (r > 0)
			return 0;
		svc_check(); /* a failed instance's waiter unwinds here */
		now = time_ns();
		if (deadline && now >= deadline)
			return -ETIMEDOUT;
	}
}

uint64_t svc_clock_ns(void)
{
	svc_check();
	return time_ns();
}

uintptr_t svc_thread_self(void)
{
	return (uintptr_t)current_thread();
}

uint32_t svc_random(void)
{
	uint32_t v;

	random_bytes(&v, sizeof(v));
	return v;
}
