/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* settimeofday and clock_settime need CAP_SYS_TIME: EPERM after the argument checks (EFAULT, EINVAL first). */
/* abi: glibc */
#include "abi.h"

#include <sys/time.h>
#include <time.h>

static int child(void *arg)
{
	struct timeval tv, bad = {0, 2000000};
	struct timespec ts, badts = {0, -1};

	(void)arg;
	gettimeofday(&tv, NULL);
	clock_gettime(CLOCK_REALTIME, &ts);
	SHOW(syscall(SYS_setresuid, 1000, 1000, 1000));
	SHOW(syscall(SYS_settimeofday, &tv, NULL));
	SHOW(syscall(SYS_settimeofday, NULL, NULL));
	SHOW(syscall(SYS_settimeofday, &bad, NULL));
	SHOW(syscall(SYS_settimeofday, ABI_BADPTR, NULL));
	SHOW(syscall(SYS_clock_settime, CLOCK_REALTIME, &ts));
	SHOW(syscall(SYS_clock_settime, CLOCK_REALTIME, &badts));
	SHOW(syscall(SYS_clock_settime, CLOCK_REALTIME, ABI_BADPTR));
	return 0;
}

int main(void)
{
	abi_run_child("uid 1000", child, NULL);
	return 0;
}
