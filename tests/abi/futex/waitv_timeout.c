/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* futex_waitv: the timeout is absolute, on CLOCK_MONOTONIC or CLOCK_REALTIME. */
/* abi: glibc */
#include "abi.h"

#include <linux/futex.h>
#include <stdint.h>
#include <time.h>

#ifndef SYS_futex_waitv
#define SYS_futex_waitv 449
#endif

static long ms_since(const struct timespec *a)
{
	struct timespec b;

	clock_gettime(CLOCK_MONOTONIC, &b);
	return (b.tv_sec - a->tv_sec) * 1000 + (b.tv_nsec - a->tv_nsec) / 1000000;
}

static void wait_on(clockid_t clk, const char *name)
{
	static uint32_t word;
	struct futex_waitv v = {.val = 0, .uaddr = (uintptr_t)&word, .flags = FUTEX_32};
	struct timespec start, ts;
	long r;

	clock_gettime(CLOCK_MONOTONIC, &start);
	clock_gettime(clk, &ts);
	ts.tv_nsec += 100 * 1000000;
	ts.tv_sec += ts.tv_nsec / 1000000000;
	ts.tv_nsec %= 1000000000;
	r = syscall(SYS_futex_waitv, &v, 1, 0, &ts, clk);
	printf("%s: %ld %s\n", name, r, r < 0 ? abi_errname(errno) : "");
	FACT("waited >= 100ms", ms_since(&start) >= 100);
}

int main(void)
{
	wait_on(CLOCK_MONOTONIC, "CLOCK_MONOTONIC");
	wait_on(CLOCK_REALTIME, "CLOCK_REALTIME");
	return 0;
}
