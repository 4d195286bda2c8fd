/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* signalfd: an unblocked ignored signal never becomes pending; a blocked one does. */
/* abi: glibc */
#include "abi.h"
#include <sys/signalfd.h>

int main(void)
{
	struct signalfd_siginfo si;
	sigset_t set;
	int fd;

	sigemptyset(&set);
	sigaddset(&set, SIGURG);
	sigaddset(&set, SIGUSR1);
	SHOW(fd = signalfd(-1, &set, SFD_NONBLOCK));
	signal(SIGUSR1, SIG_IGN);
	SHOW(raise(SIGURG)); /* default action: ignore */
	SHOW(raise(SIGUSR1));
	SHOW(read(fd, &si, sizeof(si)));
	sigprocmask(SIG_BLOCK, &set, NULL);
	SHOW(raise(SIGURG));
	SHOW(raise(SIGUSR1));
	SHOW(read(fd, &si, sizeof(si)));
	printf("signo %u\n", si.ssi_signo);
	SHOW(read(fd, &si, sizeof(si)));
	return 0;
}
