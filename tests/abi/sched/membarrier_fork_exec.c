/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* membarrier registrations: a fork child keeps them, an exec starts without any. */
/* abi: glibc */
#include "abi.h"

#include <linux/membarrier.h>
#include <string.h>

#define GET_REGISTRATIONS (1 << 9)

static long mb(int cmd, unsigned flags, int cpu)
{
	return syscall(SYS_membarrier, cmd, flags, cpu);
}

int main(int argc, char **argv)
{
	pid_t pid;

	if (argc > 1 && !strcmp(argv[1], "exec")) {
		SHOW(mb(GET_REGISTRATIONS, 0, 0));
		SHOW(mb(MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0));
		return 0;
	}
	SHOW(mb(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0));
	SHOW(mb(MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED, 0, 0));
	pid = fork();
	if (pid == 0) {
		SHOW(mb(GET_REGISTRATIONS, 0, 0));
		SHOW(mb(MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0));
		_exit(0);
	}
	abi_wait_child("fork child", pid);
	pid = fork();
	if (pid == 0) {
		char *args[] = {argv[0], "exec", NULL};

		execv(argv[0], args);
		_exit(99);
	}
	abi_wait_child("exec child", pid);
	return 0;
}
