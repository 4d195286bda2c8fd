/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* futex: CLONE_VM children share private futexes; a shared-flag wake does not reach a private waiter. */
/* abi: glibc */
#include "abi.h"

#include <linux/futex.h>
#include <sched.h>
#include <stdint.h>
#include <sys/wait.h>

static uint32_t word[2];
static char stack[65536] __attribute__((aligned(16)));

static long futex(uint32_t *uaddr, int op, uint32_t val, long val2, uint32_t *uaddr2)
{
	return syscall(SYS_futex, uaddr, op, val, (void *)val2, uaddr2, 0);
}

static int waiter(void *arg)
{
	(void)arg; /* 0 only when woken, after being moved to word[1] */
	return futex(&word[0], FUTEX_WAIT_PRIVATE, 0, 0, NULL) == 0 ? 0 : 1;
}

int main(void)
{
	long r = 0;
	pid_t pid = clone(waiter, stack + sizeof(stack), CLONE_VM | SIGCHLD, NULL);

	CHECK(pid > 0);
	for (int i = 0; i < 5000 && r == 0; i++) {
		/* not counted: a shared wake has another key */
		if (futex(&word[0], FUTEX_WAKE, 1, 0, NULL) != 0)
			printf("shared wake woke the private waiter\n");
		r = futex(&word[0], FUTEX_REQUEUE_PRIVATE, 0, 1, &word[1]);
		if (r == 0)
			usleep(1000);
	}
	printf("requeued: %ld\n", r);
	SHOW(futex(&word[1], FUTEX_WAKE, 1, 0, NULL));
	SHOW(futex(&word[1], FUTEX_WAKE_PRIVATE, 1, 0, NULL));
	abi_wait_child("waiter", pid);
	return 0;
}
