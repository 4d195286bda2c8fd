/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SIGCHLD brings CLD_EXITED, the child's pid and status; the zombie still needs a wait. */
#include "abi.h"

static siginfo_t got;
static volatile int hits;

static void handler(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	got = *si;
	hits++;
}

int main(void)
{
	struct sigaction sa;
	sigset_t set;
	siginfo_t si;
	pid_t pid;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGCHLD, &sa, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);
	pid = fork();
	if (pid == 0)
		_exit(23);
	SHOW(waitid(P_PID, pid, &si, WEXITED | WNOWAIT));
	printf("hits before unblock: %d\n", hits);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	printf("hits after unblock: %d\n", hits);
	printf("si_signo=%s si_code=%s si_status=%d si_pid is child: %s\n",
	       abi_signame(got.si_signo), abi_sicode(SIGCHLD, got.si_code), got.si_status,
	       got.si_pid == pid ? "yes" : "no");
	abi_wait_child("zombie", pid);
	return 0;
}
