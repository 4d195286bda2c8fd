/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* sigaction installs a handler, returns the old action, reads back handler, flags, mask. */
/* abi: glibc */
#include "abi.h"

#define SA_RESTORER_BIT 0x04000000

static volatile int hits;

static void handler(int sig)
{
	(void)sig;
	hits++;
}

int main(void)
{
	struct sigaction sa, old;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	SHOW(sigaction(SIGUSR1, &sa, &old));
	FACT("previous action was SIG_DFL", old.sa_handler == SIG_DFL);
	SHOW(sigaction(SIGUSR1, NULL, &old));
	FACT("handler reads back", old.sa_handler == handler);
	printf("flags (without SA_RESTORER) = %#x\n", old.sa_flags & ~SA_RESTORER_BIT);
	FACT("mask has SIGUSR2", sigismember(&old.sa_mask, SIGUSR2) == 1);
	FACT("mask lacks SIGINT", sigismember(&old.sa_mask, SIGINT) == 0);
	SHOW(raise(SIGUSR1));
	SHOW(kill(getpid(), SIGUSR1));
	printf("handler ran %d times\n", hits);
	sa.sa_handler = SIG_IGN;
	SHOW(sigaction(SIGUSR1, &sa, &old));
	FACT("old is the handler", old.sa_handler == handler);
	SHOW(raise(SIGUSR1));
	printf("handler ran %d times\n", hits);
	SHOW(sigaction(SIGKILL, NULL, &old));
	FACT("SIGKILL reads as SIG_DFL", old.sa_handler == SIG_DFL);
	return 0;
}
