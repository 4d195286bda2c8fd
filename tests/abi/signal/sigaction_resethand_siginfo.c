/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SA_RESETHAND|SA_SIGINFO: the handler gets its siginfo; afterwards only the handler is reset, the flags stay. */
/* abi: glibc */
#include "abi.h"

static volatile int code, blocked_inside;

static void handler(int sig, siginfo_t *si, void *uc)
{
	sigset_t cur;

	(void)uc;
	code = si->si_code;
	sigprocmask(SIG_SETMASK, NULL, &cur);
	blocked_inside = sigismember(&cur, sig);
}

int main(void)
{
	struct sigaction sa, old;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO | SA_RESETHAND;
	sigaddset(&sa.sa_mask, SIGUSR2);
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	printf("handler si_code=%s\n", abi_sicode(SIGUSR1, code));
	FACT("SIGUSR1 blocked inside the handler", blocked_inside);
	sigaction(SIGUSR1, NULL, &old);
	FACT("handler is now SIG_DFL", old.sa_handler == SIG_DFL);
	FACT("SA_SIGINFO kept", old.sa_flags & SA_SIGINFO);
	FACT("SA_RESETHAND kept", old.sa_flags & SA_RESETHAND);
	FACT("mask kept", sigismember(&old.sa_mask, SIGUSR2));
	return 0;
}
