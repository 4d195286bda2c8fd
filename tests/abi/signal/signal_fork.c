/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* fork: the child inherits handlers and the signal mask but not pending signals. */
#include "abi.h"

static volatile int hits;

static void handler(int sig)
{
	(void)sig;
	hits++;
}

int main(void)
{
	sigset_t set, pend;
	pid_t pid;

	signal(SIGUSR1, handler);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	raise(SIGUSR2);
	sigpending(&pend);
	FACT("parent: USR2 pending", sigismember(&pend, SIGUSR2));
	pid = fork();
	if (pid == 0) {
		sigpending(&pend);
		FACT("child: USR2 pending", sigismember(&pend, SIGUSR2));
		sigprocmask(SIG_BLOCK, NULL, &set);
		FACT("child: USR2 blocked", sigismember(&set, SIGUSR2));
		raise(SIGUSR1);
		printf("child: handler hits %d\n", hits);
		_exit(0);
	}
	abi_wait_child("child", pid);
	printf("parent: handler hits %d\n", hits);
	signal(SIGUSR2, SIG_IGN);
	return 0;
}
