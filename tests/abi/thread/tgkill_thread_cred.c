/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Kill permission for tgkill is checked against the target thread's ids, for kill against the leader's. */
/* abi: glibc */
#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>
#include "abi.h"

static pthread_barrier_t step;
static volatile pid_t tid;

static void *other(void *arg)
{
	syscall(SYS_setresuid, 1000, 1000, 1000); /* this thread only */
	tid = syscall(SYS_gettid);
	pthread_barrier_wait(&step);
	pthread_barrier_wait(&step);
	return arg;
}

int main(void)
{
	pid_t me = getpid(), pid;
	pthread_t t;

	alarm(8);
	pthread_barrier_init(&step, NULL, 2);
	if (QUIET_ERR(pthread_create(&t, NULL, other, NULL)))
		return 1;
	pthread_barrier_wait(&step);
	pid = fork();
	if (pid == 0) {
		if (syscall(SYS_setresuid, 1000, 1000, 1000))
			_exit(1);
		SHOW(syscall(SYS_tgkill, me, tid, 0));
		SHOW(syscall(SYS_tkill, tid, 0));
		SHOW(syscall(SYS_tgkill, me, me, 0));
		SHOW(kill(me, 0));
		_exit(0);
	}
	abi_wait_child("child", pid);
	pthread_barrier_wait(&step);
	SHOW_ERR(pthread_join(t, NULL));
	return 0;
}
