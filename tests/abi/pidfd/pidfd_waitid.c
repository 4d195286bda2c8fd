/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* waitid(P_PIDFD): bad descriptors, a process that is no child, PIDFD_NONBLOCK's EAGAIN. */
/* abi: glibc */
#include "abi.h"
#include <sys/syscall.h>

int main(void)
{
	siginfo_t si;
	int self = syscall(SYS_pidfd_open, getpid(), 0), fd;
	pid_t pid;

	SHOW(syscall(SYS_waitid, P_PIDFD, -1, &si, WEXITED, NULL));
	SHOW(syscall(SYS_waitid, P_PIDFD, 99, &si, WEXITED, NULL));
	SHOW(syscall(SYS_waitid, P_PIDFD, 0, &si, WEXITED, NULL)); /* /dev/null */
	SHOW(syscall(SYS_waitid, P_PIDFD, self, &si, WEXITED, NULL));
	SHOW(syscall(SYS_waitid, P_PIDFD, self, &si, 0, NULL));
	pid = fork();
	if (pid == 0) {
		usleep(200000);
		_exit(3);
	}
	SHOW(fd = syscall(SYS_pidfd_open, pid, O_NONBLOCK));
	SHOW(syscall(SYS_waitid, P_PIDFD, fd, &si, WEXITED, NULL));
	si.si_pid = 1;
	SHOW(syscall(SYS_waitid, P_PIDFD, fd, &si, WEXITED | WNOHANG, NULL));
	printf("si_pid %d\n", si.si_pid);
	SHOW(fcntl(fd, F_SETFL, 0));
	SHOW(syscall(SYS_waitid, P_PIDFD, fd, &si, WEXITED, NULL));
	printf("code %d status %d\n", si.si_code, si.si_status);
	return 0;
}
