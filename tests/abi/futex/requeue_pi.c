/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* futex: WAIT_REQUEUE_PI + CMP_REQUEUE_PI: the waiter wakes owning the free PI futex. */
/* abi: glibc */
#include "abi.h"

#include <linux/futex.h>
#include <stdint.h>
#include <sys/mman.h>

static long futex(uint32_t *u, int op, uint32_t val, long val2, uint32_t *u2, uint32_t val3)
{
	return syscall(SYS_futex, u, op, val, (void *)val2, u2, val3);
}

int main(void)
{
	uint32_t *w = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	long r = 0;
	pid_t pid;

	CHECK(w != MAP_FAILED);
	w[0] = 7; /* the condition variable */
	w[1] = 0; /* the PI mutex, free */
	pid = fork();
	if (pid == 0) {
		if (futex(&w[0], FUTEX_WAIT_REQUEUE_PI, 7, 0, &w[1], 0) != 0)
			_exit(1);
		if ((w[1] & FUTEX_TID_MASK) != (uint32_t)getpid())
			_exit(2);
		_exit(futex(&w[1], FUTEX_UNLOCK_PI, 0, 0, NULL, 0) == 0 ? 0 : 3);
	}
	/* the requeue-PI waiter is only woken by CMP_REQUEUE_PI */
	for (int i = 0; i < 5000 && r == 0; i++) {
		r = futex(&w[0], FUTEX_CMP_REQUEUE_PI, 1, 0, &w[1], 7);
		if (r == 0)
			usleep(1000);
	}
	printf("requeued: %ld\n", r);
	abi_wait_child("waiter", pid);
	printf("mutex = %#x\n", w[1]);
	/* errors */
	SHOW(futex(&w[0], FUTEX_CMP_REQUEUE_PI, 2, 0, &w[1], 7));
	SHOW(futex(&w[0], FUTEX_CMP_REQUEUE_PI, 1, -1, &w[1], 7));
	SHOW(futex(&w[0], FUTEX_CMP_REQUEUE_PI, 1, 0, &w[0], 7));
	SHOW(futex(&w[0], FUTEX_CMP_REQUEUE_PI, 1, 0, &w[1], 8));
	SHOW(futex(&w[0], FUTEX_CMP_REQUEUE_PI, 1, 0, &w[1], 7));
	SHOW(futex(&w[0], FUTEX_WAIT_REQUEUE_PI, 7, 0, &w[0], 0));
	SHOW(futex(&w[0], FUTEX_WAIT_REQUEUE_PI, 8, 0, &w[1], 0));
	SHOW(futex(&w[0], FUTEX_WAIT_REQUEUE_PI, 7, 0, ABI_BADPTR, 0));
	SHOW(futex(&w[0], FUTEX_CMP_REQUEUE_PI | FUTEX_CLOCK_REALTIME, 1, 0, &w[1], 7));
	return 0;
}
