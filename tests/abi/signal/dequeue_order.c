/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Pending signals are taken from the thread's own set before the process's, each synchronous (fault) signals first, then by number. */
/* abi: glibc */
#include "abi.h"

static void tgkill_self(int sig)
{
	SHOW(syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), sig));
}

int main(void)
{
	sigset_t all;
	struct timespec zero = {0, 0};

	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, NULL);
	SHOW(kill(getpid(), SIGINT)); /* the process's */
	SHOW(kill(getpid(), SIGFPE));
	tgkill_self(SIGUSR1); /* the thread's own */
	tgkill_self(SIGSEGV);
	tgkill_self(SIGHUP);
	for (int i = 0; i < 6; i++) {
		siginfo_t si;
		int sig = sigtimedwait(&all, &si, &zero);

		if (sig < 0)
			printf("sigtimedwait: %s\n", abi_errname(errno));
		else
			printf("took %s (%s)\n", abi_signame(sig), abi_sicode(sig, si.si_code));
	}
	return 0;
}
