/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A running handler blocks its signal (unless SA_NODEFER) and sa_mask; return restores. */
#include "abi.h"

static sigset_t inside;

static void handler(int sig)
{
	(void)sig;
	sigprocmask(SIG_BLOCK, NULL, &inside);
}

static void show(const char *label)
{
	printf("%s: USR1 %s, USR2 %s, TERM %s\n", label,
	       sigismember(&inside, SIGUSR1) ? "blocked" : "open",
	       sigismember(&inside, SIGUSR2) ? "blocked" : "open",
	       sigismember(&inside, SIGTERM) ? "blocked" : "open");
}

int main(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	show("in handler");
	sigprocmask(SIG_BLOCK, NULL, &inside);
	show("after return");
	sa.sa_flags = SA_NODEFER;
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	show("SA_NODEFER, in handler");
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;
	sigaction(SIGTERM, &sa, NULL);
	raise(SIGTERM);
	show("SIGTERM handler, in handler");
	sigprocmask(SIG_BLOCK, NULL, &inside);
	show("after return");
	return 0;
}
