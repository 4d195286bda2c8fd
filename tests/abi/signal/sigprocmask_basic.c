/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* sigprocmask: blocked signals pend until unblocked; SIGKILL/SIGSTOP cannot be blocked. */
/* abi: glibc */
#include "abi.h"

static volatile int hits;

static void handler(int sig)
{
	(void)sig;
	hits++;
}

int main(void)
{
	sigset_t set, old, pend;

	signal(SIGUSR1, handler);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	SHOW(sigprocmask(SIG_BLOCK, &set, &old));
	FACT("old mask empty", sigismember(&old, SIGUSR1) == 0);
	SHOW(kill(getpid(), SIGUSR1));
	printf("hits while blocked: %d\n", hits);
	SHOW(sigpending(&pend));
	FACT("SIGUSR1 pending", sigismember(&pend, SIGUSR1) == 1);
	SHOW(sigprocmask(SIG_UNBLOCK, &set, &old));
	printf("hits after unblock: %d\n", hits);
	FACT("old mask had SIGUSR1", sigismember(&old, SIGUSR1) == 1);
	sigpending(&pend);
	FACT("nothing pending", sigismember(&pend, SIGUSR1) == 0);
	sigfillset(&set);
	SHOW(sigprocmask(SIG_SETMASK, &set, NULL));
	SHOW(sigprocmask(SIG_SETMASK, NULL, &old));
	FACT("SIGKILL not blocked", sigismember(&old, SIGKILL) == 0);
	FACT("SIGSTOP not blocked", sigismember(&old, SIGSTOP) == 0);
	FACT("SIGTERM blocked", sigismember(&old, SIGTERM) == 1);
	sigemptyset(&set);
	SHOW(sigprocmask(SIG_SETMASK, &set, NULL));
	return 0;
}
