/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* pidfd: POLLIN once the process exits, POLLHUP too once it is reaped; waitid(P_PIDFD). */
/* abi: glibc */
#include "abi.h"
#include <poll.h>
#include <sys/syscall.h>

int main(void)
{
	struct pollfd p = {.events = POLLIN};
	siginfo_t si;
	pid_t pid = fork();

	if (pid == 0) {
		usleep(100000);
		_exit(7);
	}
	SHOW(p.fd = syscall(SYS_pidfd_open, pid, 0));
	SHOW(poll(&p, 1, 0));
	SHOW(poll(&p, 1, 5000));
	printf("revents %#x\n", p.revents);
	memset(&si, 0, sizeof(si));
	SHOW(waitid(P_PIDFD, p.fd, &si, WEXITED | WNOWAIT));
	printf("code %d status %d pid ok %d\n", si.si_code, si.si_status, si.si_pid == pid);
	SHOW(waitid(P_PIDFD, p.fd, &si, WEXITED));
	printf("code %d status %d pid ok %d\n", si.si_code, si.si_status, si.si_pid == pid);
	SHOW(poll(&p, 1, 0));
	printf("revents %#x\n", p.revents);
	SHOW(waitid(P_PIDFD, p.fd, &si, WEXITED));
	return 0;
}
