/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* getpriority/setpriority: the raw 20-nice return, clamping, inheritance by fork, EINVAL, ESRCH. */
/* abi: glibc */
#include "abi.h"

#include <sys/resource.h>

int main(void)
{
	pid_t pid;

	SHOW(syscall(SYS_getpriority, PRIO_PROCESS, 0));
	SHOW(getpriority(PRIO_PROCESS, 0));
	SHOW(setpriority(PRIO_PROCESS, 0, 5));
	SHOW(getpriority(PRIO_PROCESS, 0));
	SHOW(syscall(SYS_getpriority, PRIO_PROCESS, getpid()));
	SHOW(getpriority(PRIO_PGRP, 0));
	SHOW(setpriority(PRIO_PROCESS, 0, 100)); /* clamped to 19 */
	SHOW(getpriority(PRIO_PROCESS, 0));
	SHOW(setpriority(PRIO_PROCESS, 0, -100)); /* root: clamped to -20 */
	SHOW(syscall(SYS_getpriority, PRIO_PROCESS, 0));
	SHOW(setpriority(PRIO_PGRP, 0, 3));
	SHOW(getpriority(PRIO_PROCESS, 0));
	SHOW(nice(2));
	pid = fork();
	if (pid == 0) {
		printf("child nice %d\n", getpriority(PRIO_PROCESS, 0));
		_exit(0);
	}
	abi_wait_child("child", pid);
	SHOW(syscall(SYS_getpriority, 3, 0));
	SHOW(syscall(SYS_setpriority, -1, 0, 0));
	SHOW(syscall(SYS_getpriority, PRIO_PROCESS, 0x3fffffff));
	SHOW(syscall(SYS_setpriority, PRIO_PROCESS, 0x3fffffff, 0));
	SHOW(syscall(SYS_getpriority, PRIO_PGRP, 0x3fffffff));
	SHOW(syscall(SYS_getpriority, PRIO_USER, 0x3ffffff0));
	SHOW(syscall(SYS_setpriority, PRIO_USER, 0x3ffffff0, 0));
	/* not PRIO_USER with our uid: that would renice every root process */
	SHOW(setpriority(PRIO_PROCESS, 0, 0));
	SHOW(getpriority(PRIO_PROCESS, 0));
	return 0;
}
