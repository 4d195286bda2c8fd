/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* rt_sigprocmask: EINVAL for how/sigsetsize, EFAULT; with a NULL set, how is ignored. */
#include "abi.h"

int main(void)
{
	unsigned long set = 0, old = 0;

	SHOW(syscall(SYS_rt_sigprocmask, 99, &set, &old, 8));
	SHOW(syscall(SYS_rt_sigprocmask, 99, NULL, &old, 8));
	SHOW(syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, &old, 4));
	SHOW(syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, &old, 16));
	SHOW(syscall(SYS_rt_sigprocmask, SIG_BLOCK, ABI_BADPTR, &old, 8));
	SHOW(syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, ABI_BADPTR, 8));
	set = ~0UL;
	SHOW(syscall(SYS_rt_sigprocmask, SIG_SETMASK, &set, NULL, 8));
	SHOW(syscall(SYS_rt_sigprocmask, SIG_SETMASK, NULL, &old, 8));
	printf("mask after blocking all: %#lx\n", old);
	set = 0;
	SHOW(syscall(SYS_rt_sigprocmask, SIG_SETMASK, &set, &old, 8));
	SHOW(syscall(SYS_rt_sigpending, &old, 4));
	SHOW(syscall(SYS_rt_sigpending, ABI_BADPTR, 8));
	return 0;
}
