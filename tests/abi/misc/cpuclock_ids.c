/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* CPU-time clocks named by pid or tid (clock_getcpuclockid, pthread_getcpuclockid): readable, their resolution, their errors. */
/* abi: glibc */
#include "abi.h"

#include <pthread.h>
#include <time.h>

/* Linux's encoding: ~id << 3, bit 2 for a thread, PROF 0 / VIRT 1 / SCHED 2 */
#define CPUCLOCK(id, thread, which) ((int)(~(unsigned)(id) << 3) | ((thread) ? 4 : 0) | (which))

static void show_clock(const char *name, int clk)
{
	struct timespec a, b, res = {0, 0};
	long r1 = syscall(SYS_clock_gettime, clk, &a), r2 = syscall(SYS_clock_gettime, clk, &b);

	printf("%s: gettime %ld %ld, non-decreasing %s", name, r1, r2,
	       b.tv_sec > a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_nsec >= a.tv_nsec) ? "yes"
										       : "no");
	r1 = syscall(SYS_clock_getres, clk, &res);
	printf(", getres %ld res %ld.%09ld\n", r1, (long)res.tv_sec, res.tv_nsec);
}

int main(void)
{
	static const char *const which[] = {"PROF", "VIRT", "SCHED"};
	pid_t me = getpid();
	struct timespec ts;
	clockid_t cid;
	char name[64];

	for (int w = 0; w < 3; w++) {
		snprintf(name, sizeof(name), "process 0 %s", which[w]);
		show_clock(name, CPUCLOCK(0, 0, w));
		snprintf(name, sizeof(name), "process self %s", which[w]);
		show_clock(name, CPUCLOCK(me, 0, w));
		snprintf(name, sizeof(name), "thread 0 %s", which[w]);
		show_clock(name, CPUCLOCK(0, 1, w));
		snprintf(name, sizeof(name), "thread self %s", which[w]);
		show_clock(name, CPUCLOCK(syscall(SYS_gettid), 1, w));
	}
	SHOW(clock_getcpuclockid(0, &cid));
	printf("clock_getcpuclockid(0) is the encoding: %s\n",
	       cid == CPUCLOCK(0, 0, 2) ? "yes" : "no");
	SHOW(pthread_getcpuclockid(pthread_self(), &cid));
	show_clock("pthread_getcpuclockid", cid);
	SHOW(syscall(SYS_clock_gettime, CPUCLOCK(0, 0, 3), &ts));
	SHOW(syscall(SYS_clock_getres, CPUCLOCK(0, 1, 3), &ts));
	SHOW(syscall(SYS_clock_gettime, CPUCLOCK(4000000, 0, 2), &ts));
	SHOW(syscall(SYS_clock_gettime, CPUCLOCK(4000000, 1, 2), &ts));
	SHOW(syscall(SYS_clock_getres, CPUCLOCK(4000000, 1, 2), NULL));
	SHOW(syscall(SYS_clock_gettime, CPUCLOCK(0, 1, 2), ABI_BADPTR));
	SHOW(syscall(SYS_clock_getres, CPUCLOCK(0, 1, 2), NULL));
	return 0;
}
