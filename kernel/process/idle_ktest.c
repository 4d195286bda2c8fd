/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Self-tests of tickless idle: an idle CPU with nothing to run takes no
 * periodic tick, yet a kernel timer still fires on time when every CPU is
 * idle, and the CPU clock of a thread running on another CPU advances.
 */
#include <platform/ktest.h>
#include <platform/percpu.h>
#include <platform/smp.h>
#include <platform/time.h>
#include <kernel/sched.h>
#include <kernel/waitqueue.h>

#define MS 1000000ull

#define NO_CPU MAX_CPUS

/* Another online CPU, or NO_CPU on a uniprocessor. */
static unsigned other_cpu(void)
{
	cpumask_t online = smp_online_mask();

	for (unsigned i = 0; i < MAX_CPUS; i++) {
		if (i != cpu_id() && (online & (1ull << i)))
			return i;
	}
	return NO_CPU;
}

KTEST(idle, an_idle_cpu_stops_its_tick)
{
	unsigned cpu = other_cpu();
	uint64_t before;

	if (cpu == NO_CPU)
		return; /* SMP=1: this CPU runs the test */
	before = READ_ONCE(cpu_get(cpu)->irq_count);
	sleep_signalable(time_ns() + 200 * MS);
	/* ticking, it would take 50; a few wake-ups are allowed */
	KTEST_EXPECT(t, READ_ONCE(cpu_get(cpu)->irq_count) - before < 10);
}

/* Never early, and on time at least once in five: a host that deschedules
 * this vCPU makes one sleep late now and then, while a timer that every
 * idle CPU forgot would be late (by far) every time. */
KTEST(idle, a_timer_fires_on_time_with_every_cpu_idle)
{
	int on_time = 0;

	for (int i = 0; i < 5; i++) {
		uint64_t t0 = time_ns(), d;

		sleep_signalable(t0 + 30 * MS);
		d = time_ns() - t0;
		KTEST_EXPECT(t, d >= 30 * MS);
		on_time += d < 30 * MS + 2 * SCHED_SLICE_NS;
	}
	KTEST_EXPECT(t, on_time > 0);
}

static void burn(void *arg)
{
	while (!__atomic_load_n((bool *)arg, __ATOMIC_ACQUIRE))
		cpu_relax();
}

KTEST(idle, a_clock_read_from_another_cpu_advances)
{
	unsigned cpu = other_cpu();
	uint64_t u = 0, s = 0, end = time_ns() + 200 * MS;
	bool stop = false;
	struct thread *th;

	if (cpu == NO_CPU)
		return;
	th = thread_new("burner", burn, &stop);
	KTEST_EXPECT(t, th != NULL);
	if (!th)
		return;
	th->cpus_allowed = 1ull << cpu;
	thread_start_new(th);
	while (u + s == 0 && time_ns() < end) {
		sleep_signalable(time_ns() + 5 * MS);
		thread_cputime(th, &u, &s);
	}
	KTEST_EXPECT(t, u + s > 0);
	__atomic_store_n(&stop, true, __ATOMIC_RELEASE);
	thread_join(th);
	thread_put(th);
}
