/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Blocked signals queue once; unblocked together, their handler frames nest (last first). */
#include "abi.h"

static int order[16], n;

static void handler(int sig)
{
	if (n < 16)
		order[n++] = sig;
}

int main(void)
{
	int sigs[] = {SIGTERM, SIGUSR2, SIGHUP, SIGUSR1, SIGUSR1, SIGTERM};
	sigset_t set;
	unsigned i;

	sigemptyset(&set);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		signal(sigs[i], handler);
		sigaddset(&set, sigs[i]);
	}
	sigprocmask(SIG_BLOCK, &set, NULL);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		kill(getpid(), sigs[i]);
	printf("delivered while blocked: %d\n", n);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	printf("delivered after unblock: %d\n", n);
	for (i = 0; i < (unsigned)n; i++)
		printf("  %u: %s\n", i, abi_signame(order[i]));
	return 0;
}
