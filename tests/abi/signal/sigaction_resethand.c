/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SA_RESETHAND: the handler runs once and the action is then SIG_DFL, so the next signal kills. */
#include "abi.h"

static volatile int hits;

static void handler(int sig)
{
	(void)sig;
	hits++;
}

static int child(void *arg)
{
	struct sigaction sa, old;

	(void)arg;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	printf("handler ran %d time(s)\n", hits);
	sigaction(SIGUSR1, NULL, &old);
	FACT("action is now SIG_DFL", old.sa_handler == SIG_DFL);
	raise(SIGUSR1);
	printf("not reached\n");
	return 0;
}

int main(void)
{
	abi_run_child("child", child, NULL);
	return 0;
}
