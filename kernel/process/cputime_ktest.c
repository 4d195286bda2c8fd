/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Self-tests of CPU time accounting: time inside a system call is system
 * time, the rest user time, and neither counts time spent off the CPU. */
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
	thread_syscall_enter();
	udelay(5000);
	thread_syscall_exit();
	thread_cputime(self, &u1, &s1);
	KTEST_EXPECT(t, s1 - s0 >= 5 * MS);
	KTEST_EXPECT(t, u1 - u0 < 5 * MS);
	udelay(5000);
	thread_cputime(self, &u2, &s2);
	KTEST_EXPECT(t, u2 - u1 >= 5 * MS);
	KTEST_EXPECT_EQ(t, s2, s1);
}

KTEST(cputime, sleeping_is_not_cpu_time)
{
	struct thread *self = current_thread();
	uint64_t u0, s0, u1, s1;

	thread_cputime(self, &u0, &s0);
	thread_syscall_enter();
	sleep_signalable(time_ns() + 50 * MS);
	thread_syscall_exit();
	thread_cputime(self, &u1, &s1);
	KTEST_EXPECT(t, s1 - s0 + (u1 - u0) < 40 * MS);
}
