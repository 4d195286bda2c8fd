/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Self-tests of CPU time accounting: time inside a system call is system
 * time, the rest user time, and neither counts time spent off the CPU.
 * The split is sampled every tick (at most SCHED_SLICE_NS apart while a
 * thread runs), so the bounds allow a tick at each end. */
#include <platform/irq.h>
#include <platform/ktest.h>
#include <platform/smp.h>
#include <platform/time.h>
#include <kernel/sched.h>
#include <kernel/waitqueue.h>

#define MS 1000000ull

/* 20 ms in a system call is system time, 20 ms outside is user time.
 * The bounds must hold in one of three tries: a host that deschedules
 * this vCPU inside an interrupt charges that stretch to the interrupted
 * side now and then; misaccounting would miss them every time. */
static bool syscall_time_split(void)
{
	struct thread *self = current_thread();
	uint64_t u0, s0, u1, s1, u2, s2;

	thread_cputime(self, &u0, &s0);
	thread_syscall_enter(self);
	udelay(20000);
	thread_syscall_exit(self);
	thread_cputime(self, &u1, &s1);
	udelay(20000);
	thread_cputime(self, &u2, &s2);
	return s1 - s0 >= 20 * MS - 2 * SCHED_SLICE_NS && u1 - u0 <= 2 * SCHED_SLICE_NS &&
	       u2 - u1 >= 20 * MS - 2 * SCHED_SLICE_NS && s2 - s1 <= 2 * SCHED_SLICE_NS;
}

KTEST(cputime, syscall_time_is_system_time)
{
	bool ok = false;

	for (int i = 0; i < 3 && !ok; i++)
		ok = syscall_time_split();
	KTEST_EXPECT(t, ok);
}

KTEST(cputime, sleeping_is_not_cpu_time)
{
	struct thread *self = current_thread();
	uint64_t u0, s0, u1, s1;

	thread_cputime(self, &u0, &s0);
	thread_syscall_enter(self);
	sleep_signalable(time_ns() + 50 * MS);
	thread_syscall_exit(self);
	thread_cputime(self, &u1, &s1);
	KTEST_EXPECT(t, s1 - s0 + (u1 - u0) < 40 * MS);
}

struct burner {
	int stop;
	int started;
};

static void burn(void *arg)
{
	struct burner *b = arg;

	WRITE_ONCE(b->started, 1);
	while (!READ_ONCE(b->stop))
		cpu_relax();
}

/* A thread running on another CPU without ever being switched out still
 * shows the time of its current stretch (a burner alone on its CPU read 0
 * through pthread_getcpuclockid at SMP=4). */
KTEST(cputime, a_thread_running_elsewhere_shows_its_time)
{
	struct thread *self = current_thread(), *th;
	cpumask_t online = smp_online_mask(), saved = self->cpus_allowed;
	struct burner b = {0};
	irqflags_t f = irq_save();
	unsigned me = cpu_id(), other = 0;
	uint64_t u, s;

	irq_restore(f);
	while (other < MAX_CPUS && (other == me || !(online & (1ull << other))))
		other++;
	if (other == MAX_CPUS) {
		KTEST_EXPECT(t, true); /* one CPU: nothing runs elsewhere */
		return;
	}
	sched_set_affinity(self, 1ull << me);
	th = thread_new("burner", burn, &b);
	KTEST_EXPECT(t, th != NULL);
	if (!th) {
		sched_set_affinity(self, saved);
		return;
	}
	th->cpus_allowed = 1ull << other;
	thread_start_new(th);
	while (!READ_ONCE(b.started))
		cpu_relax();
	udelay(30000);
	thread_cputime(th, &u, &s);
	KTEST_EXPECT(t, u + s >= 20 * MS);
	WRITE_ONCE(b.stop, 1);
	thread_join(th);
	thread_put(th);
	sched_set_affinity(self, saved);
}
