/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* RLIMIT_SIGPENDING: a signal stays charged to the uid it was queued for across a setuid; dequeueing gives it back. */
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

static int cmd[2], done[2];

/* Have the target do `what` ('w': become uid w, 'd': dequeue all). */
static void step(char what)
{
	if (write(cmd[1], &what, 1) != 1 || read(done[0], &what, 1) != 1)
		exit(1);
}

int main(void)
{
	unsigned u = 0x40000000u + 4 * (unsigned)getpid(), w = u + 1; /* users of its own */
	union sigval v = {.sival_int = 1};
	struct rlimit r = {10, 10};
	struct timespec zero = {0, 0};
	sigset_t all;
	pid_t t, watch;
	char c;

	if (pipe(cmd) || pipe(done))
		return 1;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, NULL);
	setrlimit(RLIMIT_SIGPENDING, &r);
	watch = fork();
	if (watch == 0) { /* another process of uid u: its SigQ is u's count */
		if (setresuid(u, u, u) || write(done[1], "r", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	t = fork();
	if (t == 0) { /* real uid u, then w; effective root throughout */
		if (setresuid(u, 0, 0) || write(done[1], "r", 1) != 1)
			_exit(1);
		while (read(cmd[0], &c, 1) == 1) {
			if (c == 'w' && setresuid(w, 0, 0))
				_exit(1);
			while (c == 'd' && sigtimedwait(&all, NULL, &zero) > 0)
				;
			if (write(done[1], &c, 1) != 1)
				_exit(1);
		}
		_exit(0);
	}
	if (read(done[0], &c, 1) != 1 || read(done[0], &c, 1) != 1)
		return 1;
	SHOW(sigqueue(t, SIGRTMIN, v));
	SHOW(sigqueue(t, SIGRTMIN, v));
	show_sigq("u", watch);
	step('w');
	show_sigq("u", watch);
	show_sigq("w", t);
	SHOW(sigqueue(t, SIGRTMIN, v));
	show_sigq("u", watch);
	show_sigq("w", t);
	step('d');
	show_sigq("u", watch);
	show_sigq("w", t);
	kill(t, SIGKILL);
	kill(watch, SIGKILL);
	abi_wait_child("target", t);
	abi_wait_child("watcher", watch);
	return 0;
}
