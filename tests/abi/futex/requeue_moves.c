/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* futex: FUTEX_REQUEUE moves sleepers to another futex, where a wake finds them. */
/* abi: glibc */
#include "abi.h"

#include <linux/futex.h>
#include <stdint.h>
#include <sys/mman.h>

static long futex(uint32_t *uaddr, int op, uint32_t val, long val2, uint32_t *uaddr2)
{
	return syscall(SYS_futex, uaddr, op, val, (void *)val2, uaddr2, 0);
}

int main(void)
{
	uint32_t *w = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t pid[3];
	long moved = 0;

	CHECK(w != MAP_FAILED);
	w[0] = w[1] = 0;
	for (int i = 0; i < 3; i++) {
		pid[i] = fork();
		if (pid[i] == 0) /* 0 only when woken, wherever it was moved to */
			_exit(futex(&w[0], FUTEX_WAIT, 0, 0, NULL) == 0 ? 0 : 1);
	}
	/* nr_wake 0: nobody is woken, each sleeper found is moved */
	for (int i = 0; i < 5000 && moved < 3; i++) {
		long r = futex(&w[0], FUTEX_REQUEUE, 0, 10, &w[1]);

		if (r < 0) {
			SHOW(r);
			break;
		}
		moved += r;
		if (moved < 3)
			usleep(1000);
	}
	printf("moved = %ld\n", moved);
	SHOW(futex(&w[0], FUTEX_WAKE, 10, 0, NULL));
	SHOW(futex(&w[1], FUTEX_WAKE, 1, 0, NULL));
	SHOW(futex(&w[1], FUTEX_WAKE, 10, 0, NULL));
	for (int i = 0; i < 3; i++)
		abi_wait_child("waiter", pid[i]);
	return 0;
}
