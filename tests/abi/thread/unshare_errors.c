/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* unshare's errors: unknown flags, thread, handler and memory flags with threads alive, namespaces without the capability. */
/* abi: glibc */
#include <pthread.h>
#include <sched.h>
#include <sys/wait.h>
#include "abi.h"

static pthread_barrier_t step;

static void *other(void *arg)
{
	pthread_barrier_wait(&step);
	return arg;
}

static int unprivileged(void *arg)
{
	(void)arg;
	SHOW(setresuid(1000, 1000, 1000));
	SHOW(syscall(SYS_unshare, CLONE_NEWNS));
	SHOW(syscall(SYS_unshare, CLONE_NEWUTS | CLONE_FS));
	SHOW(syscall(SYS_unshare, CLONE_NEWIPC));
	SHOW(syscall(SYS_unshare, CLONE_NEWNET | CLONE_NEWPID));
	SHOW(syscall(SYS_unshare, CLONE_FS | CLONE_FILES | CLONE_SYSVSEM));
	return 0;
}

int main(void)
{
	pthread_t t;

	alarm(8);
	SHOW(syscall(SYS_unshare, 0));
	SHOW(syscall(SYS_unshare, CLONE_SETTLS));
	SHOW(syscall(SYS_unshare, CLONE_PARENT_SETTID | CLONE_FS));
	SHOW(syscall(SYS_unshare, 1ul << 40));
	SHOW(syscall(SYS_unshare, CLONE_THREAD | CLONE_SIGHAND | CLONE_VM));
	SHOW(syscall(SYS_unshare, CLONE_SYSVSEM));
	pthread_barrier_init(&step, NULL, 2);
	if (QUIET_ERR(pthread_create(&t, NULL, other, NULL)))
		return 1;
	SHOW(syscall(SYS_unshare, CLONE_THREAD));
	SHOW(syscall(SYS_unshare, CLONE_SIGHAND));
	SHOW(syscall(SYS_unshare, CLONE_VM));
	SHOW(syscall(SYS_unshare, CLONE_FS | CLONE_FILES));
	pthread_barrier_wait(&step);
	SHOW_ERR(pthread_join(t, NULL));
	abi_run_child("unprivileged", unprivileged, NULL);
	return 0;
}
