/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* pidfd_getfd: a copy of another process's descriptor (close-on-exec), and its errors. */
/* abi: glibc */
#include "abi.h"
#include <sys/syscall.h>

int main(void)
{
	int self = syscall(SYS_pidfd_open, getpid(), 0), fd, got, p[2], q[2];
	char buf[8] = "";
	pid_t pid;

	pipe(p);
	pipe(q);
	pid = fork();
	if (pid == 0) { /* keeps p[0] open until q reaches end of file */
		close(q[1]);
		read(q[0], buf, 1);
		_exit(0);
	}
	close(q[0]);
	SHOW(fd = syscall(SYS_pidfd_open, pid, 0));
	SHOW(got = syscall(SYS_pidfd_getfd, fd, p[0], 0));
	SHOW(fcntl(got, F_GETFD));
	SHOW(write(p[1], "xy", 2));
	SHOW(read(got, buf, 1)); /* the same open file: shares the pipe */
	SHOW(syscall(SYS_pidfd_getfd, fd, p[0], 1));
	SHOW(syscall(SYS_pidfd_getfd, fd, 77, 0));
	SHOW(syscall(SYS_pidfd_getfd, fd, -1, 0));
	SHOW(syscall(SYS_pidfd_getfd, 0, 0, 0));
	SHOW(syscall(SYS_pidfd_getfd, 99, 0, 0));
	SHOW(got = syscall(SYS_pidfd_getfd, self, self, 0));
	close(q[1]);
	abi_wait_child("child", pid);
	SHOW(syscall(SYS_pidfd_getfd, fd, p[0], 0)); /* reaped */
	return 0;
}
