/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Kernel timers (kernel/timer.h).  Due timers are unlinked under the list
 * lock and run after it is dropped, one at a time, with `running` set so
 * ktimer_cancel() can wait for a callback in flight on another CPU.
 */
#include <platform/percpu.h>
#include <platform/spinlock.h>
#include <platform/irq.h>
#include <platform/time.h>
#include <kernel/sched.h>
#include <kernel/timer.h>

static struct spinlock timer_lock = SPINLOCK_INIT("timers", LOCK_RANK_TIMER);
static LIST_HEAD(pending);

void ktimer_init(struct ktimer *t, void (*fn)(struct ktimer *t), void *arg)
{
	t->fn = fn;
	t->arg = arg;
	t->armed = t->running = false;
	list_init(&t->link);
}

void ktimer_arm(struct ktimer *t, uint64_t deadline)
{
	irqflags_t f = spin_lock_irqsave(&timer_lock);
	struct ktimer *it;
	bool first;

	if (t->armed)
		list_del(&t->link);
	t->deadline = deadline;
	t->armed = true;
	list_for_each_entry (it, &pending, link) {
		if (it->deadline > deadline)
			break;
	}
	list_add_tail(&t->link, &it->link); /* before `it`, or at the end */
	first = pending.next == &t->link;
	spin_unlock_irqrestore(&timer_lock, f);
	if (first) {
		uint64_t now = time_ns();

		/* sooner than the tick already armed on this CPU */
		timer_arm(deadline > now ? MIN(deadline - now, SCHED_SLICE_NS) : 1);
	}
}

bool ktimer_cancel(struct ktimer *t)
{
	for (;;) {
		irqflags_t f = spin_lock_irqsave(&timer_lock);
		bool was = t->armed, running = t->running;

		if (was) {
			list_del(&t->link);
			t->armed = false;
		}
		spin_unlock_irqrestore(&timer_lock, f);
		if (!running)
			return was;
		cpu_relax();
	}
}

uint64_t ktimer_run_due(void)
{
	uint64_t now = time_ns(), next = UINT64_MAX;

	for (;;) {
		struct ktimer *t = NULL;

		spin_lock(&timer_lock);
		if (!list_empty(&pending)) {
			struct ktimer *first = list_first_entry(&pending, struct ktimer, link);

			if (first->deadline <= now) {
				t = first;
				list_del(&t->link);
				t->armed = false;
				t->running = true;
			} else {
				next = first->deadline - now;
			}
		}
		spin_unlock(&timer_lock);
		if (!t)
			return next;
		t->fn(t);
		__atomic_store_n(&t->running, false, __ATOMIC_RELEASE);
	}
}
