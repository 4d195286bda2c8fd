/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* execve resets handled signals to SIG_DFL, keeps SIG_IGN, the blocked mask and pending signals. */
#include "abi.h"

static void handler(int sig)
{
	(void)sig;
}

static const char *disp(int sig)
{
	struct sigaction sa;

	sigaction(sig, NULL, &sa);
	return sa.sa_handler == SIG_DFL	  ? "SIG_DFL"
	       : sa.sa_handler == SIG_IGN ? "SIG_IGN"
					  : "handler";
}

int main(int argc, char **argv)
{
	sigset_t set;
	pid_t pid;

	if (argc > 1) {
		printf("after exec: USR1 %s, USR2 %s, TERM %s\n", disp(SIGUSR1), disp(SIGUSR2),
		       disp(SIGTERM));
		sigprocmask(SIG_BLOCK, NULL, &set);
		FACT("TERM still blocked", sigismember(&set, SIGTERM));
		FACT("USR1 not blocked", !sigismember(&set, SIGUSR1));
		sigpending(&set);
		FACT("TERM still pending", sigismember(&set, SIGTERM));
		return 0;
	}
	signal(SIGUSR1, handler);
	signal(SIGUSR2, SIG_IGN);
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, NULL);
	printf("before exec: USR1 %s, USR2 %s, TERM %s\n", disp(SIGUSR1), disp(SIGUSR2),
	       disp(SIGTERM));
	pid = fork();
	if (pid == 0) {
		raise(SIGTERM);
		execl(argv[0], argv[0], "child", (char *)NULL);
		_exit(99);
	}
	abi_wait_child("child", pid);
	return 0;
}
