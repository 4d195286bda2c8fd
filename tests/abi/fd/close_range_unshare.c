/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Under CLONE_FILES, close_range closes the shared table's fds unless CLOSE_RANGE_UNSHARE. */
/* abi: glibc */
#include "abi.h"

#include <linux/close_range.h>
#include <sched.h>

/* A fork that shares the descriptor table (the child returns 0). */
static pid_t fork_shared_files(void)
{
	return (pid_t)syscall(SYS_clone, CLONE_FILES | SIGCHLD, 0, NULL, NULL, 0);
}

int main(void)
{
	int a = dup(1), b = dup(1);
	pid_t pid;

	pid = fork_shared_files();
	if (pid == 0)
		_exit(syscall(SYS_close_range, a, a, CLOSE_RANGE_UNSHARE) ? 1 : 0);
	abi_wait_child("child with UNSHARE", pid);
	SHOW(fcntl(a, F_GETFD)); /* still open here */
	pid = fork_shared_files();
	if (pid == 0)
		_exit(syscall(SYS_close_range, a, b, 0) ? 1 : 0);
	abi_wait_child("child without", pid);
	SHOW(fcntl(a, F_GETFD)); /* closed for both */
	SHOW(fcntl(b, F_GETFD));
	return 0;
}
