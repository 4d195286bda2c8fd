/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* vfork: the parent waits for the child's exit, and the child runs in the parent's memory. */
/* abi: glibc */
#include "abi.h"

static volatile int shared;

int main(void)
{
	pid_t parent = getpid();
	pid_t pid;

	shared = 1;
	pid = vfork();
	if (pid == 0) {
		shared = (getppid() == parent) ? 42 : 13;
		_exit(5);
	}
	printf("parent resumed, shared = %d\n", shared);
	CHECK(pid > 0);
	abi_wait_child("child", pid);
	return 0;
}
