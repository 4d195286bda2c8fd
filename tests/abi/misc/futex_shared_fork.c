/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* futex: a shared futex in MAP_SHARED memory wakes a forked child (another address space). */
/* abi: glibc */
#include "abi.h"

#include <linux/futex.h>
#include <stdint.h>
#include <sys/mman.h>

static long futex(uint32_t *uaddr, int op, uint32_t val)
{
	return syscall(SYS_futex, uaddr, op, val, NULL, NULL, 0);
}

int main(void)
{
	uint32_t *word =
		mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	long woken = 0;
	pid_t pid;

	CHECK(word != MAP_FAILED);
	*word = 0;
	pid = fork();
	if (pid == 0)
		_exit(futex(word, FUTEX_WAIT, 0) == 0 ? 0 : 1); /* 0 only when woken */
	/* the child may not be asleep yet: wake until it is counted */
	for (int i = 0; i < 2000 && woken == 0; i++) {
		woken = futex(word, FUTEX_WAKE, 1);
		if (!woken)
			usleep(1000);
	}
	printf("woken = %ld\n", woken);
	abi_wait_child("waiter", pid);
	SHOW(munmap(word, 4096));
	return 0;
}
