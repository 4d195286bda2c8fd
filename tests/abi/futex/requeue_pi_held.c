/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* futex: CMP_REQUEUE_PI onto a held PI lock queues the waiter there; UNLOCK_PI hands it over. */
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
	w[0] = 3; /* the condition variable */
	w[1] = 0; /* the PI mutex */
	SHOW(futex(&w[1], FUTEX_LOCK_PI, 0, 0, NULL, 0));
	pid = fork();
	if (pid == 0) {
		if (futex(&w[0], FUTEX_WAIT_REQUEUE_PI, 3, 0, &w[1], 0) != 0)
			_exit(1);
		w[2] = w[1]; /* what the new owner sees */
		if ((w[2] & FUTEX_TID_MASK) != (uint32_t)getpid())
			_exit(2);
		_exit(futex(&w[1], FUTEX_UNLOCK_PI, 0, 0, NULL, 0) == 0 ? 0 : 3);
	}
	for (int i = 0; i < 5000 && r == 0; i++) {
		r = futex(&w[0], FUTEX_CMP_REQUEUE_PI, 1, 1, &w[1], 3);
		if (r == 0)
			usleep(1000);
	}
	printf("requeued: %ld\n", r);
	printf("mutex waiters bit: %s\n", w[1] & FUTEX_WAITERS ? "yes" : "no");
	/* now a PI waiter of w[1]: a plain wake of w[1] is refused */
	SHOW(futex(&w[1], FUTEX_WAKE, 1, 0, NULL, 0));
	SHOW(futex(&w[0], FUTEX_WAKE, 1, 0, NULL, 0));
	SHOW(futex(&w[1], FUTEX_UNLOCK_PI, 0, 0, NULL, 0));
	abi_wait_child("waiter", pid);
	printf("the new owner saw:%s%s\n", w[2] & FUTEX_WAITERS ? " WAITERS" : "",
	       w[2] & FUTEX_OWNER_DIED ? " OWNER_DIED" : "");
	printf("mutex = %#x\n", w[1]);
	return 0;
}
