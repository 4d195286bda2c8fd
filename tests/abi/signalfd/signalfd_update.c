/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* signalfd: passing an existing signalfd replaces its mask; SIGKILL and SIGSTOP are dropped. */
/* abi: glibc */
#include "abi.h"
#include <sys/signalfd.h>

int main(void)
{
	struct signalfd_siginfo si;
	sigset_t set, all;
	int fd;

	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGKILL);
	sigaddset(&set, SIGSTOP);
	SHOW(fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC));
	SHOW(fcntl(fd, F_GETFD));
	SHOW(raise(SIGUSR2));
	SHOW(read(fd, &si, sizeof(si)));
	sigaddset(&set, SIGUSR2);
	SHOW(signalfd(fd, &set, 0)); /* flags of an existing one are ignored */
	SHOW(fcntl(fd, F_GETFL) & O_NONBLOCK);
	SHOW(read(fd, &si, sizeof(si)));
	printf("signo %u\n", si.ssi_signo);
	sigemptyset(&set);
	SHOW(signalfd(fd, &set, 0));
	SHOW(raise(SIGUSR1));
	SHOW(read(fd, &si, sizeof(si)));
	return 0;
}
