/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* signalfd: a read waits for a signal; an unblocked signal of the mask is delivered instead. */
/* abi: glibc */
#include "abi.h"
#include <sys/signalfd.h>

static void on_usr1(int sig)
{
	printf("handler %d\n", sig == SIGUSR1);
}

int main(void)
{
	struct sigaction sa = {.sa_handler = on_usr1};
	struct signalfd_siginfo si;
	sigset_t set;
	pid_t pid;
	int fd;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	sigaddset(&set, SIGUSR1); /* in the mask but not blocked */
	sigaction(SIGUSR1, &sa, NULL);
	SHOW(fd = signalfd(-1, &set, 0));
	pid = fork();
	if (pid == 0) {
		usleep(100000);
		kill(getppid(), SIGUSR2);
		usleep(100000);
		kill(getppid(), SIGUSR1);
		_exit(0);
	}
	SHOW(read(fd, &si, sizeof(si)));
	printf("signo %u\n", si.ssi_signo);
	SHOW(read(fd, &si, sizeof(si))); /* SIGUSR1 runs its handler */
	abi_wait_child("child", pid);
	return 0;
}
