/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* RLIMIT_SIGPENDING: each POSIX timer holds a charge of its creator's user until deleted. */
/* abi: glibc */
#include "abi.h"
#include <grp.h>
#include <sys/resource.h>
#include <time.h>

static void show_sigq(void)
{
	char buf[4096], *q;
	int fd = open("/proc/self/status", O_RDONLY);

	abi_read_all(fd, buf, sizeof(buf));
	close(fd);
	q = strstr(buf, "SigQ:");
	printf("%.*s\n", q ? (int)strcspn(q, "\n") : 0, q ? q : "");
}

static int user(void *arg)
{
	unsigned id = 0x40000000u + 4 * (unsigned)getpid(); /* a user of its own */
	struct rlimit r = {2, 2};
	struct sigevent ev = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGRTMIN};
	struct sigevent none = {.sigev_notify = SIGEV_NONE};
	union sigval v = {.sival_int = 1};
	timer_t t1, t2, t3;
	sigset_t all;

	(void)arg;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, NULL);
	if (setrlimit(RLIMIT_SIGPENDING, &r) || setresgid(id, id, id) || setgroups(0, NULL) ||
	    setresuid(id, id, id))
		return 1;
	SHOW(timer_create(CLOCK_MONOTONIC, &ev, &t1));
	SHOW(timer_create(CLOCK_MONOTONIC, &none, &t2)); /* SIGEV_NONE too */
	SHOW(timer_create(CLOCK_MONOTONIC, &ev, &t3));
	show_sigq();
	SHOW(sigqueue(getpid(), SIGRTMIN, v));
	SHOW(timer_delete(t2));
	show_sigq();
	SHOW(sigqueue(getpid(), SIGRTMIN, v));
	show_sigq();
	SHOW(timer_delete(t1));
	show_sigq();
	return 0;
}

int main(void)
{
	abi_run_child("user", user, NULL);
	return 0;
}
