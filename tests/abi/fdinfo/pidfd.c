/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* fdinfo of a pidfd: Pid and NSpid of a live child, a zombie, and -1 once reaped. */
/* abi: glibc */
#include "fdinfo.h"

static void show_pid(int fd, pid_t child)
{
	int pid = 0, ns = 0;

	fdinfo_get(fd);
	sscanf(fdinfo_line("Pid:") ? fdinfo_line("Pid:") : "", "Pid:\t%d", &pid);
	sscanf(fdinfo_line("NSpid:") ? fdinfo_line("NSpid:") : "", "NSpid:\t%d", &ns);
	printf("Pid: %s, NSpid: %s\n",
	       pid == child ? "child"
	       : pid == -1  ? "-1"
			    : "other",
	       ns == child ? "child"
	       : ns == -1  ? "-1"
			   : "other");
}

int main(void)
{
	siginfo_t si;
	pid_t c;
	int fd;

	c = fork();
	if (c == 0) {
		pause();
		_exit(0);
	}
	SHOW(fd = (int)syscall(SYS_pidfd_open, c, 0));
	fdinfo_print(fd, "Pid:|NSpid:");
	show_pid(fd, c);
	SHOW(kill(c, SIGKILL));
	SHOW(waitid(P_PID, c, &si, WEXITED | WNOWAIT));
	show_pid(fd, c);
	SHOW(waitpid(c, NULL, 0) == c);
	show_pid(fd, c);
	SHOW(fd = (int)syscall(SYS_pidfd_open, getpid(), 0));
	show_pid(fd, getpid());
	return 0;
}
