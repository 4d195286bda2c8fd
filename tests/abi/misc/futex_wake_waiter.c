/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* futex: a CLONE_VM child sleeps in FUTEX_WAIT until the parent's FUTEX_WAKE, which counts it. */
/* abi: glibc */
#include "abi.h"

#include <linux/futex.h>
#include <sched.h>
#include <stdint.h>

static uint32_t word;
static char stack[65536] __attribute__((aligned(16)));

static long futex(void *uaddr, int op, uint32_t val)
{
	return syscall(SYS_futex, uaddr, op, val, NULL, NULL, 0);
}

static int waiter(void *arg)
{
	(void)arg;
	/* returns 0 only when woken: the word stays 0 */
	return futex(&word, FUTEX_WAIT, 0) == 0 ? 0 : 1;
}

int main(void)
{
	long woken = 0;
	pid_t pid = clone(waiter, stack + sizeof(stack), CLONE_VM | SIGCHLD, NULL);

	CHECK(pid > 0);
	/* the child may not be asleep yet: wake until it is counted */
	for (int i = 0; i < 2000 && woken == 0; i++) {
		woken = futex(&word, FUTEX_WAKE, 1);
		if (!woken)
			usleep(1000);
	}
	printf("woken = %ld\n", woken);
	SHOW(futex(&word, FUTEX_WAKE, 1));
	abi_wait_child("waiter", pid);
	return 0;
}
