/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SIGCHLD SIG_IGN or SA_NOCLDWAIT: children reap themselves; wait blocks, then ECHILD. */
#include "abi.h"

static volatile int hits;

static void handler(int sig)
{
	(void)sig;
	hits++;
}

int main(void)
{
	struct sigaction sa;
	int status;
	pid_t pid;

	signal(SIGCHLD, SIG_IGN);
	pid = fork();
	if (pid == 0)
		_exit(1);
	SHOW(wait4(-1, &status, 0, NULL));
	SHOW(kill(pid, 0));
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sa.sa_flags = SA_NOCLDWAIT;
	sigaction(SIGCHLD, &sa, NULL);
	pid = fork();
	if (pid == 0)
		_exit(2);
	SHOW(wait4(-1, &status, 0, NULL));
	printf("SA_NOCLDWAIT handler ran: %s\n", hits ? "yes" : "no");
	signal(SIGCHLD, SIG_DFL);
	pid = fork();
	if (pid == 0)
		_exit(3);
	abi_wait_child("SIG_DFL child", pid);
	return 0;
}
