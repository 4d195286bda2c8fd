/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* RLIMIT_SIGPENDING: sigqueue past it is EAGAIN; standard signals and kill() still arrive. */
/* abi: glibc */
#include "abi.h"
#include <grp.h>
#include <sys/resource.h>

static volatile int got_rt, got_usr1;

static void on_sig(int sig)
{
	if (sig == SIGUSR1)
		got_usr1++;
	else
		got_rt++;
}

static int user(void *arg)
{
	unsigned id = 100000 + (unsigned)getpid(); /* its own user: nothing else pending */
	struct rlimit r = {3, 3};
	union sigval v = {.sival_int = 1};
	sigset_t set;

	(void)arg;
	signal(SIGRTMIN, on_sig);
	signal(SIGUSR1, on_sig);
	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	if (setrlimit(RLIMIT_SIGPENDING, &r) || setresgid(id, id, id) || setgroups(0, NULL) ||
	    setresuid(id, id, id))
		return 1;
	for (int i = 0; i < 4; i++)
		SHOW(sigqueue(getpid(), SIGRTMIN, v));
	SHOW(sigqueue(getpid(), SIGUSR1, v));
	SHOW(kill(getpid(), SIGRTMIN));
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	printf("delivered: SIGRTMIN %d, SIGUSR1 %d\n", got_rt, got_usr1);
	return 0;
}

int main(void)
{
	abi_run_child("user", user, NULL);
	return 0;
}
