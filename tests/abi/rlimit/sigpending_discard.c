/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* RLIMIT_SIGPENDING: signals dropped while pending (SIGCONT vs stops, SIG_IGN) give back their charge. */
/* abi: glibc */
#include "abi.h"
#include <grp.h>
#include <sys/resource.h>

static void show_sigq(const char *after)
{
	char buf[4096], *q;
	int fd = open("/proc/self/status", O_RDONLY);

	abi_read_all(fd, buf, sizeof(buf));
	close(fd);
	q = strstr(buf, "SigQ:");
	printf("%s: %.*s\n", after, q ? (int)strcspn(q, "\n") : 0, q ? q : "");
}

static int user(void *arg)
{
	unsigned id = 0x40000000u + 4 * (unsigned)getpid(); /* a user of its own */
	struct rlimit r = {10, 10};
	union sigval v = {.sival_int = 1};
	sigset_t all, pending;

	(void)arg;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, NULL);
	if (setrlimit(RLIMIT_SIGPENDING, &r) || setresgid(id, id, id) || setgroups(0, NULL) ||
	    setresuid(id, id, id))
		return 1;
	kill(getpid(), SIGTSTP);
	kill(getpid(), SIGTTIN);
	kill(getpid(), SIGTSTP); /* merged: not charged again */
	show_sigq("two stops");
	kill(getpid(), SIGCONT);
	show_sigq("SIGCONT");
	sigpending(&pending);
	FACT("SIGTSTP or SIGTTIN pending",
	     sigismember(&pending, SIGTSTP) || sigismember(&pending, SIGTTIN));
	kill(getpid(), SIGTTOU);
	show_sigq("a stop again");
	sigpending(&pending);
	FACT("SIGCONT pending", sigismember(&pending, SIGCONT));
	sigqueue(getpid(), SIGRTMIN, v);
	sigqueue(getpid(), SIGRTMIN, v);
	sigqueue(getpid(), SIGUSR1, v);
	show_sigq("queued");
	signal(SIGRTMIN, SIG_IGN);
	signal(SIGUSR1, SIG_IGN);
	signal(SIGTTOU, SIG_IGN);
	show_sigq("ignored");
	sigpending(&pending);
	FACT("SIGTTOU pending", sigismember(&pending, SIGTTOU));
	FACT("SIGRTMIN pending", sigismember(&pending, SIGRTMIN));
	return 0;
}

int main(void)
{
	abi_run_child("user", user, NULL);
	return 0;
}
