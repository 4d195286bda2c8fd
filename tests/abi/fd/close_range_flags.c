/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* close_range flags: CLOSE_RANGE_CLOEXEC marks instead of closing, UNSHARE; EINVAL for bad input. */
/* abi: glibc */
#include "abi.h"

#include <linux/close_range.h>

int main(void)
{
	int a = dup(1), b = dup(1), c = dup(1);
	pid_t pid;

	SHOW(syscall(SYS_close_range, b, a, 0)); /* first > last */
	SHOW(syscall(SYS_close_range, a, c, 1));
	SHOW(syscall(SYS_close_range, a, c, 8));
	SHOW(syscall(SYS_close_range, a, c, CLOSE_RANGE_CLOEXEC | 16));
	SHOW(syscall(SYS_close_range, ~0U, 0, 0));
	SHOW(fcntl(a, F_GETFD));
	SHOW(syscall(SYS_close_range, a, b, CLOSE_RANGE_CLOEXEC));
	SHOW(fcntl(a, F_GETFD));
	SHOW(fcntl(b, F_GETFD));
	SHOW(fcntl(c, F_GETFD));
	SHOW(syscall(SYS_close_range, b, ~0U, CLOSE_RANGE_CLOEXEC | CLOSE_RANGE_UNSHARE));
	SHOW(fcntl(c, F_GETFD));
	SHOW(syscall(SYS_close_range, c, c, CLOSE_RANGE_UNSHARE));
	SHOW(fcntl(c, F_GETFD));
	pid = fork();
	if (pid == 0) {
		SHOW(syscall(SYS_close_range, a, a, 0)); /* the child's copy only */
		SHOW(fcntl(a, F_GETFD));
		_exit(0);
	}
	abi_wait_child("child", pid);
	SHOW(fcntl(a, F_GETFD));
	return 0;
}
