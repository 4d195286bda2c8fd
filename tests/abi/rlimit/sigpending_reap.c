/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* RLIMIT_SIGPENDING: a dead process's pending signals stay charged to its user until it is reaped. */
/* abi: glibc */
#include "abi.h"
#include <grp.h>
#include <sys/resource.h>

static void show_sigq(const char *when, pid_t pid)
{
	char path[64], buf[4096], *q;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	fd = open(path, O_RDONLY);
	abi_read_all(fd, buf, sizeof(buf));
	close(fd);
	q = strstr(buf, "SigQ:");
	printf("%s: %.*s\n", when, q ? (int)strcspn(q, "\n") : 0, q ? q : "");
}

/* A process of uid `id`, every signal blocked, until killed. */
static pid_t blocked(unsigned id, int ready)
{
	struct rlimit r = {10, 10};
	pid_t pid = fork();
	sigset_t all;

	if (pid)
		return pid;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, NULL);
	if (setrlimit(RLIMIT_SIGPENDING, &r) || setresgid(id, id, id) || setgroups(0, NULL) ||
	    setresuid(id, id, id) || write(ready, "r", 1) != 1)
		_exit(1);
	for (;;)
		pause();
}

int main(void)
{
	unsigned u = 0x40000000u + 4 * (unsigned)getpid(); /* a user of its own */
	union sigval v = {.sival_int = 1};
	int gate[2];
	pid_t t, watch;
	siginfo_t si;
	char c;

	if (pipe(gate))
		return 1;
	t = blocked(u, gate[1]);
	watch = blocked(u, gate[1]);
	if (read(gate[0], &c, 1) != 1 || read(gate[0], &c, 1) != 1)
		return 1;
	SHOW(sigqueue(t, SIGRTMIN, v));
	SHOW(sigqueue(t, SIGRTMIN, v));
	SHOW(kill(t, SIGUSR1));
	show_sigq("alive", watch);
	SHOW(kill(t, SIGKILL));
	SHOW(waitid(P_PID, t, &si, WEXITED | WNOWAIT));
	show_sigq("zombie", watch);
	abi_wait_child("target", t);
	show_sigq("reaped", watch);
	kill(watch, SIGKILL);
	abi_wait_child("watcher", watch);
	return 0;
}
