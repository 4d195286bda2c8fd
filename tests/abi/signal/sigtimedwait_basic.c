/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* sigtimedwait takes a pending blocked signal with its siginfo (the handler does not run); empty: EAGAIN. */
/* abi: glibc */
#include <time.h>
#include "abi.h"

static volatile int handled;

static void handler(int sig)
{
	(void)sig;
	handled++;
}

int main(void)
{
	struct timespec zero = {0, 0}, short_wait = {0, 50000000};
	struct sigaction sa;
	sigset_t set, pending;
	siginfo_t si;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigaction(SIGUSR1, &sa, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	SHOW(sigtimedwait(&set, &si, &zero));
	SHOW(sigtimedwait(&set, &si, &short_wait));
	raise(SIGUSR2);
	SHOW(sigtimedwait(&set, &si, &zero));
	printf("si_signo=%s si_code=%s own pid: %s\n", abi_signame(si.si_signo),
	       abi_sicode(si.si_signo, si.si_code), si.si_pid == getpid() ? "yes" : "no");
	kill(getpid(), SIGUSR1);
	SHOW(sigwaitinfo(&set, &si));
	printf("si_signo=%s si_code=%s\n", abi_signame(si.si_signo),
	       abi_sicode(si.si_signo, si.si_code));
	sigpending(&pending);
	FACT("nothing pending", !sigismember(&pending, SIGUSR1) && !sigismember(&pending, SIGUSR2));
	raise(SIGUSR1);
	SHOW(syscall(SYS_rt_sigtimedwait, &set, NULL, NULL, 8));
	printf("handler ran %d time(s)\n", handled);
	return 0;
}
