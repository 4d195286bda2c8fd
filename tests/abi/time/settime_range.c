/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* settimeofday/clock_settime refuse times past Linux's limit (no overflow) and clocks that cannot be set. */
/* abi: glibc */
#include <limits.h>
#include <sys/time.h>
#include <time.h>
#include "abi.h"

int main(void)
{
	/* 8277292036: KTIME_MAX in seconds less 30 years of uptime headroom.
	 * Every call here fails on Linux: none sets the host's clock. */
	struct timeval tv = {8277292036L, 0};
	struct timespec ts = {8277292036L, 0};

	SHOW(syscall(SYS_settimeofday, &tv, NULL));
	tv.tv_sec = LONG_MAX;
	SHOW(syscall(SYS_settimeofday, &tv, NULL));
	tv.tv_sec = 20000000000L;
	tv.tv_usec = 999999;
	SHOW(syscall(SYS_settimeofday, &tv, NULL));
	tv.tv_sec = -1;
	SHOW(syscall(SYS_settimeofday, &tv, NULL));
	SHOW(syscall(SYS_clock_settime, CLOCK_REALTIME, &ts));
	ts.tv_sec = LONG_MAX;
	SHOW(syscall(SYS_clock_settime, CLOCK_REALTIME, &ts));
	ts.tv_sec = LONG_MAX / 1000000000L + 1;
	SHOW(syscall(SYS_clock_settime, CLOCK_REALTIME, &ts));
	/* only CLOCK_REALTIME can be set; a CPU clock is EPERM */
	ts.tv_sec = 0;
	for (int c = 1; c <= 12; c++)
		printf("clock %d: %s\n", c,
		       syscall(SYS_clock_settime, c, &ts) == 0 ? "set" : abi_errno_names[errno]);
	SHOW(syscall(SYS_clock_settime, CLOCK_MONOTONIC, NULL));
	SHOW(syscall(SYS_clock_settime, -2, &ts));
	SHOW(syscall(SYS_clock_settime, -6, &ts));
	SHOW(syscall(SYS_clock_settime, -1, &ts));
	SHOW(syscall(SYS_clock_settime, -5, &ts));
	return 0;
}
