/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SA_NODEFER: the signal is not blocked while its own handler runs, so it nests. */
/* abi: glibc */
#include "abi.h"

static volatile int depth, max_depth, blocked_inside, raised;

static void handler(int sig)
{
	sigset_t cur;

	depth++;
	if (depth > max_depth)
		max_depth = depth;
	sigprocmask(SIG_SETMASK, NULL, &cur);
	blocked_inside = sigismember(&cur, sig);
	if (!raised++)
		raise(sig);
	depth--;
}

int main(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sa.sa_flags = SA_NODEFER;
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	printf("SA_NODEFER: deepest nesting %d\n", max_depth);
	FACT("blocked inside", blocked_inside);
	sa.sa_flags = 0;
	sigaction(SIGUSR1, &sa, NULL);
	max_depth = 0;
	raised = 0;
	raise(SIGUSR1);
	printf("default: deepest nesting %d\n", max_depth);
	FACT("blocked inside", blocked_inside);
	return 0;
}
