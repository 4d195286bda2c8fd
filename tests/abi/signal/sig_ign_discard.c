/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SIG_IGN discards a pending blocked signal; a blocked ignored signal is queued anyway. */
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

	signal(SIGUSR1, handler);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	raise(SIGUSR1);
	sigpending(&pend);
	FACT("pending before SIG_IGN", sigismember(&pend, SIGUSR1));
	signal(SIGUSR1, SIG_IGN);
	sigpending(&pend);
	FACT("pending after SIG_IGN", sigismember(&pend, SIGUSR1));
	raise(SIGUSR1);
	sigpending(&pend);
	FACT("pending after raising an ignored signal", sigismember(&pend, SIGUSR1));
	signal(SIGUSR1, handler);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	printf("handler hits: %d\n", hits);
	signal(SIGWINCH, SIG_DFL);
	sigaddset(&set, SIGWINCH);
	sigprocmask(SIG_BLOCK, &set, NULL);
	raise(SIGWINCH);
	sigpending(&pend);
	FACT("blocked default-ignored SIGWINCH is pending", sigismember(&pend, SIGWINCH));
	return 0;
}
