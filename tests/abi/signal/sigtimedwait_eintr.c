/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* rt_sigtimedwait ends with EINTR when a signal outside the set runs its handler, even with SA_RESTART. */
/* abi: glibc */
#include <time.h>
#include "abi.h"

/* (libc wrappers retry on EINTR: the system call itself is tested) */

static volatile int alarms;

static void handler(int sig)
{
	(void)sig;
	alarms++;
}

int main(void)
{
	struct timespec wait = {10, 0};
	struct sigaction sa;
	sigset_t set;
	siginfo_t si;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	alarm(1);
	SHOW(syscall(SYS_rt_sigtimedwait, &set, &si, &wait, 8));
	printf("SIGALRM handler ran %d time(s)\n", alarms);
	/* a signal in the set, unblocked, is still taken by the wait */
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	alarm(1);
	sigaddset(&set, SIGALRM);
	SHOW(syscall(SYS_rt_sigtimedwait, &set, &si, &wait, 8));
	printf("si_code=%s, handler ran %d time(s)\n", abi_sicode(si.si_signo, si.si_code), alarms);
	return 0;
}
