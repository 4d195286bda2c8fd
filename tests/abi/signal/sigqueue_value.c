/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* sigqueue delivers SI_QUEUE with the sender's pid and the value, to a handler and to sigwaitinfo. */
/* abi: glibc */
#include "abi.h"

static siginfo_t got;

static void handler(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	got = *si;
}

int main(void)
{
	union sigval v = {.sival_int = 1234};
	struct sigaction sa;
	sigset_t set;
	siginfo_t si;
	pid_t pid;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);
	SHOW(sigqueue(getpid(), SIGUSR1, v));
	printf("handler: si_code=%s si_value=%d own pid: %s\n", abi_sicode(SIGUSR1, got.si_code),
	       got.si_value.sival_int, got.si_pid == getpid() ? "yes" : "no");
	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN + 1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	pid = fork();
	if (pid == 0) {
		v.sival_int = 99;
		sigqueue(getppid(), SIGRTMIN + 1, v);
		_exit(0);
	}
	abi_wait_child("child", pid);
	SHOW(sigwaitinfo(&set, &si) - SIGRTMIN);
	printf("wait: si_code=%s si_value=%d from child: %s\n", abi_sicode(si.si_signo, si.si_code),
	       si.si_value.sival_int, si.si_pid == pid ? "yes" : "no");
	SHOW(sigqueue(getpid(), 65, v));
	SHOW(sigqueue(getpid(), 0, v));
	return 0;
}
