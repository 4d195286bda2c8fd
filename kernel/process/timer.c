/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Kernel timers (kernel/timer.h).  Each CPU keeps its own sorted list of
 * pending timers under its own lock: a timer goes on the list of the CPU
 * that arms it, and that CPU's tick runs it.  (One list for every CPU
 * made every sleep with a deadline, on every CPU, queue for one lock and
 * walk one long list.)  Due timers are unlinked under the list lock and
 * run after it is dropped, one at a time, with `running` set so
 * ktimer_cancel() can wait for a callback in flight on another CPU.
 */
#include <platform/percpu.h>
#include <platform/spinlock.h>
#include <platform/irq.h>
#include <platform/panic.h>
#include <platform/time.h>
#include <kernel/sched.h>
#include <kernel/timer.h>

struct timer_base {
	struct spinlock lock;
	struct list_head pending; /* sorted by deadline */
	/* when this CPU's local timer fires (time_ns()), as ktimer_program()
	 * last set it; written by its own CPU with interrupts off */
	uint64_t programmed;
};

static struct timer_base bases[MAX_CPUS];

void ktimers_init(void)
{
	for (unsigned i = 0; i < MAX_CPUS; i++) {
		spin_lock_init(&bases[i].lock, "timers", LOCK_RANK_TIMER);
		list_init(&bases[i].pending);
		bases[i].programmed = UINT64_MAX; /* until its first tick is armed */
	}
}

void ktimer_init(struct ktimer *t, void (*fn)(struct ktimer *t), void *arg)
{
	t->fn = fn;
	t->arg = arg;
	t->armed = t->running = false;
	t->cpu = 0;
	list_init(&t->link);
}

/* Lock the base `t` is on (t->cpu changes only under that base's lock).
 * Interrupts off. */
static struct timer_base *lock_base(struct ktimer *t) __acquires(b)
{
	for (;;) {
		unsigned cpu = READ_ONCE(t->cpu);
		struct timer_base *b = &bases[cpu];

		spin_lock(&b->lock);
		if (READ_ONCE(t->cpu) == cpu)
			return b;
		spin_unlock(&b->lock);
	}
}

void ktimer_arm(struct ktimer *t, uint64_t deadline)
{
	irqflags_t f = irq_save();
	unsigned me = cpu_id();
	struct timer_base *b = lock_base(t), *mine = &bases[me];
	struct ktimer *it;
	bool first;

	if (t->armed) {
		list_del(&t->link);
		t->armed = false;
	}
	if (b != mine) {
		/* move to this CPU's list; one racing with us there finds it
		 * disarmed (and a racing arm is undone below) */
		WRITE_ONCE(t->cpu, me);
		spin_unlock(&b->lock);
		spin_lock(&mine->lock);
		if (t->armed)
			list_del(&t->link);
	}
	t->deadline = deadline;
	t->armed = true;
	list_for_each_entry (it, &mine->pending, link) {
		if (it->deadline > deadline)
			break;
	}
	list_add_tail(&t->link, &it->link); /* before `it`, or at the end */
	first = mine->pending.next == &t->link;
	spin_unlock(&mine->lock);
	/* sooner than the tick already armed on this CPU?  Reprogramming it
	 * is a device access (a VM exit, and a slow one under TCG), so it is
	 * skipped when the timer fires by the deadline anyway; a timer that
	 * fired is re-armed by the tick it raised, which sees this one. */
	if (first && deadline < mine->programmed) {
		uint64_t now = time_ns();

		ktimer_program(deadline > now ? MIN(deadline - now, SCHED_SLICE_NS) : 1);
	}
	irq_restore(f);
}

void ktimer_program(uint64_t ns)
{
	bases[cpu_id()].programmed = time_ns() + ns;
	timer_arm(ns);
}

bool ktimer_cancel(struct ktimer *t)
{
	for (;;) {
		irqflags_t f = irq_save();
		struct timer_base *b = lock_base(t);
		bool was = t->armed, running = t->running;

		if (was) {
			list_del(&t->link);
			t->armed = false;
		}
		spin_unlock(&b->lock);
		irq_restore(f);
		if (!running)
			return was;
		cpu_relax();
	}
}

uint64_t ktimer_run_due(void)
{
	struct timer_base *b = &bases[cpu_id()];
	uint64_t now = time_ns(), next = UINT64_MAX;

	for (;;) {
		struct ktimer *t = NULL;

		spin_lock(&b->lock);
		if (!list_empty(&b->pending)) {
			struct ktimer *first = list_first_entry(&b->pending, struct ktimer, link);

			/* a timer freed while armed would sit here and hold
			 * back every deadline behind it: say so at once */
			ASSERT(first->armed && first->cpu == cpu_id() &&
			       first->link.prev == &b->pending &&
			       (first->link.next == &b->pending ||
				list_entry(first->link.next, struct ktimer, link)->deadline >=
					first->deadline));
			if (first->deadline <= now) {
				t = first;
				list_del(&t->link);
				t->armed = false;
				t->running = true;
			} else {
				next = first->deadline - now;
			}
		}
		spin_unlock(&b->lock);
		if (!t)
			return next;
		t->fn(t);
		__atomic_store_n(&t->running, false, __ATOMIC_RELEASE);
	}
}
