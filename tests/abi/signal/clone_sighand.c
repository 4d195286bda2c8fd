/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* clone(CLONE_VM|CLONE_SIGHAND) without CLONE_THREAD: two processes share one handler table; exec gives the child its own. */
/* abi: glibc */
#include "abi.h"
#include <sched.h>

static char stack[65536] __attribute__((aligned(16)));

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

static int set_usr2(void *arg)
{
	(void)arg;
	signal(SIGUSR2, handler);
	return 0;
}

static int exec_self(void *arg)
{
	char *argv[] = {"clone_sighand", "exec", NULL};

	(void)arg;
	signal(SIGHUP, SIG_IGN);
	execv("/proc/self/exe", argv);
	return 127;
}

static void run(const char *label, int (*fn)(void *), int flags)
{
	pid_t pid = clone(fn, stack + sizeof(stack), flags | SIGCHLD, NULL);

	if (pid < 0)
		printf("%s: clone: %s\n", label, abi_errname(errno));
	else
		abi_wait_child(label, pid);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "exec")) { /* the exec'd child: its own table now */
		signal(SIGINT, SIG_IGN);
		return 0;
	}
	signal(SIGUSR1, handler);
	run("copy", set_usr2, CLONE_VM);
	printf("after copy: SIGUSR2 %s\n", disposition(SIGUSR2));
	run("shared", set_usr2, CLONE_VM | CLONE_SIGHAND);
	printf("after shared: SIGUSR2 %s\n", disposition(SIGUSR2));
	run("exec", exec_self, CLONE_VM | CLONE_SIGHAND | CLONE_VFORK);
	printf("after exec: SIGUSR1 %s, SIGHUP %s, SIGINT %s\n", disposition(SIGUSR1),
	       disposition(SIGHUP), disposition(SIGINT));
	run("no vm", set_usr2, CLONE_SIGHAND);
	return 0;
}
