/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* futex: a WAIT_REQUEUE_PI sleeper refuses FUTEX_WAKE and CMP_REQUEUE (EINVAL), and times out. */
/* abi: glibc */
#include "abi.h"

#include <linux/futex.h>
#include <stdint.h>
#include <sys/mman.h>
#include <time.h>

int main(void)
{
	uint32_t *w = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	long r = 0;
	pid_t pid;

	CHECK(w != MAP_FAILED);
	w[0] = 7;
	w[1] = 0;
	pid = fork();
	if (pid == 0) {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += 1;
		r = syscall(SYS_futex, &w[0], FUTEX_WAIT_REQUEUE_PI | FUTEX_CLOCK_REALTIME, 7, &ts,
			    &w[1], 0);
		printf("child: %ld %s\n", r, r < 0 ? abi_errname(errno) : "");
		_exit(0);
	}
	for (int i = 0; i < 5000 && r == 0; i++) {
		r = syscall(SYS_futex, &w[0], FUTEX_WAKE, 1, NULL, NULL, 0);
		if (r == 0)
			usleep(1000);
	}
	printf("wake: %ld %s\n", r, r < 0 ? abi_errname(errno) : "");
	SHOW(syscall(SYS_futex, &w[0], FUTEX_CMP_REQUEUE, 0, (void *)1, &w[2], 7));
	abi_wait_child("waiter", pid);
	return 0;
}
