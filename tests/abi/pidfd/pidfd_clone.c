/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* CLONE_PIDFD in clone and clone3: the parent gets a close-on-exec pidfd; EINVAL, EFAULT. */
/* abi: glibc */
#include "abi.h"
#include <linux/sched.h>
#include <poll.h>
#include <stdint.h>
#include <sys/syscall.h>

int main(void)
{
	struct clone_args ca;
	int pidfd = -5, ptid = 0;
	struct pollfd p = {.events = POLLIN};
	long pid;

	SHOW(syscall(SYS_clone, CLONE_PIDFD | CLONE_PARENT_SETTID | SIGCHLD, 0, &ptid, 0, 0));
	SHOW(syscall(SYS_clone, CLONE_PIDFD | SIGCHLD, 0, ABI_BADPTR, 0, 0));
	pid = syscall(SYS_clone, CLONE_PIDFD | SIGCHLD, 0, &pidfd, 0, 0);
	if (pid == 0)
		_exit(4);
	printf("clone: %s, pidfd %d\n", pid > 0 ? "ok" : "failed", pidfd);
	SHOW(fcntl(pidfd, F_GETFD));
	p.fd = pidfd;
	SHOW(poll(&p, 1, 5000));
	abi_wait_child("clone child", (pid_t)pid);
	memset(&ca, 0, sizeof(ca));
	ca.flags = CLONE_PIDFD;
	ca.exit_signal = SIGCHLD;
	ca.pidfd = (uint64_t)(uintptr_t)ABI_BADPTR;
	SHOW(syscall(SYS_clone3, &ca, sizeof(ca)));
	ca.pidfd = (uint64_t)(uintptr_t)&pidfd;
	pid = syscall(SYS_clone3, &ca, sizeof(ca));
	if (pid == 0)
		_exit(5);
	printf("clone3: %s, pidfd %d\n", pid > 0 ? "ok" : "failed", pidfd);
	SHOW(syscall(SYS_waitid, P_PIDFD, pidfd, NULL, WEXITED, NULL));
	return 0;
}
