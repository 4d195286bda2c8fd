/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SA_SIGINFO: kill() gives SI_USER with the sender's pid and uid, tgkill (raise) gives SI_TKILL. */
/* abi: glibc */
#include "abi.h"

static siginfo_t got;

static void handler(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	got = *si;
}

static void report(const char *how, pid_t sender)
{
	printf("%s: si_signo=%s si_code=%s si_pid=%s si_uid=%s\n", how, abi_signame(got.si_signo),
	       abi_sicode(got.si_signo, got.si_code), got.si_pid == sender ? "sender" : "OTHER",
	       got.si_uid == getuid() ? "ours" : "OTHER");
	memset(&got, 0, sizeof(got));
}

int main(void)
{
	struct sigaction sa;
	sigset_t set, old;
	pid_t pid;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);
	kill(getpid(), SIGUSR1);
	report("kill(self)", getpid());
	raise(SIGUSR1);
	report("raise", getpid());
	syscall(SYS_tgkill, getpid(), getpid(), SIGUSR1);
	report("tgkill", getpid());
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &old);
	pid = fork();
	if (pid == 0) {
		kill(getppid(), SIGUSR1);
		_exit(0);
	}
	abi_wait_child("child", pid);
	sigprocmask(SIG_SETMASK, &old, NULL);
	report("kill from child", pid);
	return 0;
}
