/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* futex_waitv: sleeps on several futexes and returns the index of the one woken. */
/* abi: glibc */
#include "abi.h"

#include <linux/futex.h>
#include <stdint.h>
#include <sys/mman.h>

#ifndef SYS_futex_waitv
#define SYS_futex_waitv 449
#endif

int main(void)
{
	uint32_t *w = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	CHECK(w != MAP_FAILED);
	for (int target = 0; target < 3; target++) {
		long r = 0;
		pid_t pid;

		w[0] = 10, w[1] = 11, w[2] = 12;
		pid = fork();
		if (pid == 0) {
			struct futex_waitv v[3];

			for (int i = 0; i < 3; i++)
				v[i] = (struct futex_waitv){.val = 10 + i,
							    .uaddr = (uintptr_t)&w[i],
							    .flags = FUTEX_32};
			_exit((int)syscall(SYS_futex_waitv, v, 3, 0, NULL, 0));
		}
		for (int i = 0; i < 5000 && r == 0; i++) {
			r = syscall(SYS_futex, &w[target], FUTEX_WAKE, 1, NULL, NULL, 0);
			if (r == 0)
				usleep(1000);
		}
		printf("woke futex %d: %ld\n", target, r);
		abi_wait_child("waiter", pid);
	}
	return 0;
}
