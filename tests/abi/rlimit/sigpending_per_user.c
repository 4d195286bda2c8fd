/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* RLIMIT_SIGPENDING is per real uid of the receiver, checked against the receiver's limit. */
/* abi: glibc */
#include "abi.h"
#include <grp.h>
#include <sys/resource.h>

static void show_sigq(const char *who, pid_t pid)
{
	char path[64], buf[4096], *q;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	fd = open(path, O_RDONLY);
	abi_read_all(fd, buf, sizeof(buf));
	close(fd);
	q = strstr(buf, "SigQ:");
	printf("%s: %.*s\n", who, q ? (int)strcspn(q, "\n") : 0, q ? q : "");
}

/* A process of uid `id` with limit `lim`, every signal blocked, until killed. */
static pid_t receiver(unsigned id, rlim_t lim, int ready)
{
	pid_t pid = fork();
	struct rlimit r = {lim, lim};
	sigset_t all;

	if (pid)
		return pid;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, NULL);
	if (setrlimit(RLIMIT_SIGPENDING, &r) || setresgid(id, id, id) || setgroups(0, NULL) ||
	    setresuid(id, id, id) || write(ready, "x", 1) != 1)
		_exit(1);
	for (;;)
		pause();
}

int main(void)
{
	unsigned u = 0x40000000u + 4 * (unsigned)getpid(); /* users of its own */
	union sigval v = {.sival_int = 1};
	struct rlimit one = {1, 1};
	int gate[2];
	pid_t a, b, other;
	char c[1];

	if (pipe(gate))
		return 1;
	a = receiver(u, 3, gate[1]);
	b = receiver(u, 4, gate[1]);
	other = receiver(u + 1, 3, gate[1]);
	for (int i = 0; i < 3; i++)
		if (read(gate[0], c, 1) != 1)
			return 1;
	setrlimit(RLIMIT_SIGPENDING, &one); /* the sender's limit plays no part */
	SHOW(sigqueue(a, SIGRTMIN, v));
	SHOW(sigqueue(a, SIGRTMIN, v));
	SHOW(sigqueue(b, SIGRTMIN, v));
	SHOW(sigqueue(a, SIGRTMIN, v));	    /* the user's 4th: past a's limit */
	SHOW(sigqueue(b, SIGRTMIN + 1, v)); /* within b's */
	SHOW(sigqueue(b, SIGRTMIN + 1, v));
	show_sigq("a", a);
	show_sigq("b", b);
	show_sigq("other", other);
	for (int i = 0; i < 4; i++)
		SHOW(sigqueue(other, SIGRTMIN, v));
	show_sigq("other", other);
	show_sigq("a", a);
	kill(a, SIGKILL);
	kill(b, SIGKILL);
	kill(other, SIGKILL);
	abi_wait_child("a", a);
	abi_wait_child("b", b);
	abi_wait_child("other", other);
	return 0;
}
