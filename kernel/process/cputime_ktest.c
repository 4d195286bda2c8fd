/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Self-tests of CPU time accounting: time inside a system call is system
 * time, the rest user time, and neither counts time spent off the CPU.
 * The split is sampled every tick (at most SCHED_SLICE_NS apart while a
 * thread runs), so the bounds allow a tick at each end. */
#include <platform/ktest.h>
#include <platform/time.h>
#include <kernel/sched.h>
#include <kernel/waitqueue.h>

#define MS 1000000ull

KTEST(cputime, syscall_time_is_system_time)
{
	struct thread *self = current_thread();
	uint64_t u0, s0, u1, s1, u2, s2;

	thread_cputime(self, &u0, &s0);
	thread_syscall_enter(self);
	udelay(20000);
	thread_syscall_exit(self);
	thread_cputime(self, &u1, &s1);
	KTEST_EXPECT(t, s1 - s0 >= 20 * MS - 2 * SCHED_SLICE_NS);
	KTEST_EXPECT(t, u1 - u0 <= 2 * SCHED_SLICE_NS);
	udelay(20000);
	thread_cputime(self, &u2, &s2);
	KTEST_EXPECT(t, u2 - u1 >= 20 * MS - 2 * SCHED_SLICE_NS);
	KTEST_EXPECT(t, s2 - s1 <= 2 * SCHED_SLICE_NS);
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
