/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* clone3 CLONE_CLEAR_SIGHAND: the child's caught signals go back to SIG_DFL, ignored ones stay ignored. */
/* abi: glibc */
#include "abi.h"
#include <linux/sched.h>
#include <stdint.h>

static void handler(int sig)
{
	(void)sig;
}

static const char *disposition(int sig)
{
	struct sigaction sa;

	sigaction(sig, NULL, &sa);
	return sa.sa_handler == SIG_DFL	  ? "SIG_DFL"
	       : sa.sa_handler == SIG_IGN ? "SIG_IGN"
					  : "caught";
}

static void run(uint64_t flags)
{
	struct clone_args a;
	long r;

	memset(&a, 0, sizeof(a));
	a.flags = flags;
	a.exit_signal = SIGCHLD;
	r = syscall(SYS_clone3, &a, sizeof(a));
	if (r == 0) {
		printf("child: SIGUSR1 %s, SIGUSR2 %s\n", disposition(SIGUSR1),
		       disposition(SIGUSR2));
		_exit(0);
	}
	abi_wait_child("child", (pid_t)r);
}

int main(void)
{
	signal(SIGUSR1, handler);
	signal(SIGUSR2, SIG_IGN);
	run(0);
	run(CLONE_CLEAR_SIGHAND);
	printf("parent: SIGUSR1 %s, SIGUSR2 %s\n", disposition(SIGUSR1), disposition(SIGUSR2));
	return 0;
}
