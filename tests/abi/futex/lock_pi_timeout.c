/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* futex: LOCK_PI's absolute CLOCK_REALTIME timeout, LOCK_PI2's monotonic one: ETIMEDOUT. */
/* abi: glibc */
#include "abi.h"

#include <linux/futex.h>
#include <stdint.h>
#include <sys/mman.h>
#include <time.h>

static long lock(uint32_t *w, int op, clockid_t clk, long ms)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	ts.tv_nsec += ms * 1000000;
	ts.tv_sec += ts.tv_nsec / 1000000000;
	ts.tv_nsec %= 1000000000;
	return syscall(SYS_futex, w, op, 0, &ts, NULL, 0) < 0 ? -errno : 0;
}

int main(void)
{
	uint32_t *w = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t pid;

	CHECK(w != MAP_FAILED);
	w[0] = 0;
	SHOW(syscall(SYS_futex, w, FUTEX_LOCK_PI, 0, NULL, NULL, 0));
	pid = fork();
	if (pid == 0) {
		struct timespec a, b;
		long r1, r2, r3;

		clock_gettime(CLOCK_MONOTONIC, &a);
		r1 = lock(w, FUTEX_LOCK_PI, CLOCK_REALTIME, 50);
		r2 = lock(w, FUTEX_LOCK_PI2, CLOCK_MONOTONIC, 50);
		r3 = lock(w, FUTEX_LOCK_PI2 | FUTEX_CLOCK_REALTIME, CLOCK_REALTIME, 50);
		clock_gettime(CLOCK_MONOTONIC, &b);
		printf("LOCK_PI: %s\n", r1 ? abi_errname((int)-r1) : "0");
		printf("LOCK_PI2: %s\n", r2 ? abi_errname((int)-r2) : "0");
		printf("LOCK_PI2|CLOCK_REALTIME: %s\n", r3 ? abi_errname((int)-r3) : "0");
		FACT("waited >= 150ms",
		     (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000 >= 150);
		_exit(0);
	}
	abi_wait_child("locker", pid);
	printf("waiters bit: %s\n", *w & FUTEX_WAITERS ? "yes" : "no");
	SHOW(syscall(SYS_futex, w, FUTEX_UNLOCK_PI, 0, NULL, NULL, 0));
	printf("word = %#x\n", *w);
	return 0;
}
