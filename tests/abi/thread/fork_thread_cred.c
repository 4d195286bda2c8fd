/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* fork from a thread copies that thread's credentials, not the leader's; kill permission follows the leader's ids. */
/* abi: glibc */
#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>
#include "abi.h"

static void *other(void *arg)
{
	pid_t pid;

	SHOW(syscall(SYS_setresgid, 50, 50, 50));
	SHOW(syscall(SYS_setresuid, 1000, 1000, 1000));
	pid = fork();
	if (pid == 0) {
		printf("child: uid %ld gid %ld\n", syscall(SYS_getuid), syscall(SYS_getgid));
		/* the parent's leader is still root: a uid-1000 sender may not */
		SHOW(kill(getppid(), 0));
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
	printf("main: uid %ld gid %ld\n", syscall(SYS_getuid), syscall(SYS_getgid));
	return 0;
}
