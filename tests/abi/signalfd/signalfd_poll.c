/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* signalfd: POLLIN while a signal of the mask is pending, and a poll woken by one. */
/* abi: glibc */
#include "abi.h"
#include <poll.h>
#include <sys/signalfd.h>

int main(void)
{
	struct signalfd_siginfo si;
	struct pollfd p;
	sigset_t set;
	pid_t pid;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	p.fd = signalfd(-1, &set, 0);
	p.events = POLLIN | POLLOUT;
	SHOW(poll(&p, 1, 0));
	SHOW(raise(SIGUSR2));
	SHOW(poll(&p, 1, 0));
	printf("revents %#x\n", p.revents);
	SHOW(read(p.fd, &si, sizeof(si)));
	SHOW(poll(&p, 1, 0));
	pid = fork();
	if (pid == 0) {
		usleep(100000);
		kill(getppid(), SIGUSR2);
		_exit(0);
	}
	SHOW(poll(&p, 1, 5000));
	printf("revents %#x\n", p.revents);
	SHOW(read(p.fd, &si, sizeof(si)));
	FACT("from the child", si.ssi_pid == (unsigned)pid);
	abi_wait_child("child", pid);
	return 0;
}
