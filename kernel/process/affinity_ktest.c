/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Self-tests of CPU affinity: a thread runs only on the CPUs of its mask,
 * and narrowing the caller's own mask moves it before the call returns.
 */
#include <platform/irq.h>
#include <platform/ktest.h>
#include <platform/percpu.h>
#include <platform/smp.h>
#include <platform/time.h>
#include <kernel/sched.h>

struct pinned {
	unsigned want;
	bool strayed;
};

/* Check its CPU across yields (with interrupts off, so the answer is
 * where it runs, not where it ran). */
static void stay_pinned(void *arg)
{
	struct pinned *p = arg;

	for (int i = 0; i < 50; i++) {
		irqflags_t f = irq_save();

		if (cpu_id() != p->want)
			p->strayed = true;
		irq_restore(f);
		sched_yield_cpu();
	}
}

KTEST(affinity, thread_stays_on_its_cpu)
{
	cpumask_t online = smp_online_mask();

	for (unsigned cpu = 0; cpu < MAX_CPUS; cpu++) {
		struct pinned p = {.want = cpu};
		struct thread *th;

		if (!(online & (1ull << cpu)))
			continue;
		th = thread_new("pinned", stay_pinned, &p);
		KTEST_EXPECT(t, th != NULL);
		if (!th)
			return;
		th->cpus_allowed = 1ull << cpu;
		thread_start_new(th);
		thread_join(th);
		thread_put(th);
		KTEST_EXPECT(t, !p.strayed);
	}
}

KTEST(affinity, narrowing_moves_the_caller)
{
	struct thread *self = current_thread();
	cpumask_t online = smp_online_mask(), saved = self->cpus_allowed;

	for (unsigned cpu = 0; cpu < MAX_CPUS; cpu++) {
		irqflags_t f;
		unsigned now;

		if (!(online & (1ull << cpu)))
			continue;
		sched_set_affinity(self, 1ull << cpu);
		f = irq_save();
		now = cpu_id();
		irq_restore(f);
		KTEST_EXPECT_EQ(t, now, cpu);
	}
	sched_set_affinity(self, saved);
}

struct spinner {
	int stop;
	unsigned seen; /* the CPU it last ran on */
};

static void spin_and_report(void *arg)
{
	struct spinner *s = arg;

	while (!__atomic_load_n(&s->stop, __ATOMIC_ACQUIRE)) {
		irqflags_t f = irq_save();

		__atomic_store_n(&s->seen, cpu_id(), __ATOMIC_RELEASE);
		irq_restore(f);
	}
}

/* A thread spinning on one CPU (never yielding) is moved to another when
 * its mask changes under it: the reschedule interrupt pushes it off. */
KTEST(affinity, running_thread_is_moved)
{
	cpumask_t online = smp_online_mask();
	unsigned first = (unsigned)__builtin_ctzll(online);
	unsigned last = 63 - (unsigned)__builtin_clzll(online);
	struct spinner s = {.seen = MAX_CPUS};
	struct thread *th = thread_new("spinner", spin_and_report, &s);
	uint64_t end = time_ns() + 2000000000ull;

	KTEST_EXPECT(t, th != NULL);
	if (!th)
		return;
	th->cpus_allowed = 1ull << last;
	thread_start_new(th);
	while (__atomic_load_n(&s.seen, __ATOMIC_ACQUIRE) != last && time_ns() < end)
		sched_yield_cpu();
	KTEST_EXPECT_EQ(t, __atomic_load_n(&s.seen, __ATOMIC_ACQUIRE), last);
	sched_set_affinity(th, 1ull << first);
	end = time_ns() + 2000000000ull;
	while (__atomic_load_n(&s.seen, __ATOMIC_ACQUIRE) != first && time_ns() < end)
		sched_yield_cpu();
	KTEST_EXPECT_EQ(t, __atomic_load_n(&s.seen, __ATOMIC_ACQUIRE), first);
	__atomic_store_n(&s.stop, 1, __ATOMIC_RELEASE);
	thread_join(th);
	thread_put(th);
}
