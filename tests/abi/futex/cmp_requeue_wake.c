/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* futex: FUTEX_CMP_REQUEUE wakes nr_wake, moves up to nr_requeue, and counts both. */
/* abi: glibc */
#include "abi.h"

#include <linux/futex.h>
#include <stdint.h>
#include <sys/mman.h>

static long futex(uint32_t *uaddr, int op, uint32_t val, long val2, uint32_t *uaddr2, uint32_t val3)
{
	return syscall(SYS_futex, uaddr, op, val, (void *)val2, uaddr2, val3);
}

int main(void)
{
	uint32_t *w = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t pid[4];
	long moved = 0;

	CHECK(w != MAP_FAILED);
	w[0] = 5;
	w[1] = 0;
	for (int i = 0; i < 4; i++) {
		pid[i] = fork();
		if (pid[i] == 0)
			_exit(futex(&w[0], FUTEX_WAIT, 5, 0, NULL, 0) == 0 ? 0 : 1);
	}
	/* gather all four on w[1] first (no wake), so the counts below are exact */
	for (int i = 0; i < 5000 && moved < 4; i++) {
		moved += futex(&w[0], FUTEX_CMP_REQUEUE, 0, 10, &w[1], 5);
		if (moved < 4)
			usleep(1000);
	}
	printf("moved = %ld\n", moved);
	/* the compared value differs: nothing happens */
	SHOW(futex(&w[1], FUTEX_CMP_REQUEUE, 1, 10, &w[0], 1));
	/* wake one, move two back to w[0], leave one */
	SHOW(futex(&w[1], FUTEX_CMP_REQUEUE, 1, 2, &w[0], 0));
	SHOW(futex(&w[0], FUTEX_WAKE, 10, 0, NULL, 0));
	SHOW(futex(&w[1], FUTEX_WAKE, 10, 0, NULL, 0));
	for (int i = 0; i < 4; i++)
		abi_wait_child("waiter", pid[i]);
	return 0;
}
