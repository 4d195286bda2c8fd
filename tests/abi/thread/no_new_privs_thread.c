/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* PR_SET_NO_NEW_PRIVS and PR_SET_KEEPCAPS apply to the calling thread only; a fork from it inherits them. */
/* abi: glibc */
#include <pthread.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include "abi.h"

static void *other(void *arg)
{
	pid_t pid;

	SHOW(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
	SHOW(prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0));
	SHOW(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
	pid = fork();
	if (pid == 0) {
		printf("child: no_new_privs %d keepcaps %d\n",
		       prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0), prctl(PR_GET_KEEPCAPS, 0, 0, 0, 0));
		_exit(0);
	}
	abi_wait_child("child", pid);
	return arg;
}

int main(void)
{
	pthread_t t;

	alarm(8);
	if (QUIET_ERR(pthread_create(&t, NULL, other, NULL)))
		return 1;
	SHOW_ERR(pthread_join(t, NULL));
	SHOW(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
	SHOW(prctl(PR_GET_KEEPCAPS, 0, 0, 0, 0));
	return 0;
}
